//! One session's state (documents, format, where results go, timer) and what each entered
//! line does. Results go to the screen or the `.output` file; messages and errors always go
//! to the screen, and no error ends the session. Whatever may take long (a query, `.load`)
//! runs through `interrupt::run`, so Ctrl-C cancels it.

use super::commands::{self, Name, SWITCHES};
use super::helper::is_command;
use super::interrupt::{self, Stopped};
use super::{help, listing, show, term};
use crate::ingest;
use crate::model::Corpus;
use crate::output::{self, Format};
use crate::query::{self, QueryError};
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// What the loop does after a line.
#[derive(Debug, PartialEq, Eq)]
pub enum Flow {
    Continue,
    /// Documents were added: completion must learn their names.
    Reloaded,
    Quit,
}

/// Where results are written.
enum Sink {
    Screen,
    File { path: PathBuf, file: File },
}

/// Why a statement printed no result.
enum Halt {
    Query(QueryError),
    /// Cancelled or failed, and already said so on the screen.
    Told,
}

/// A statement's result, made ready to print on the statement's own thread.
struct Answer {
    text: String,
    rows: usize,
    warnings: Vec<String>,
    elapsed: Duration,
}

pub struct Session {
    /// Shared with statements still running on their own thread (a cancelled one may be).
    pub corpus: Arc<Corpus>,
    format: Format,
    sink: Sink,
    timer: bool,
    color: bool,
}

impl Session {
    pub fn new(corpus: Corpus, format: Format, color: bool) -> Self {
        Session {
            corpus: Arc::new(corpus),
            format,
            sink: Sink::Screen,
            timer: false,
            color,
        }
    }

    /// Runs one entry: a dot command, or one or more `;`-separated statements.
    pub fn execute(&mut self, input: &str) -> Flow {
        let input = input.trim();
        if input.is_empty() {
            return Flow::Continue;
        }
        if is_command(input) {
            return match commands::parse(input) {
                Ok((name, arg)) => self.command(name, arg),
                Err(message) => self.fail(&message),
            };
        }
        if let Some(name) = commands::bare_word(input) {
            return self.command(name, "");
        }
        for (_, statement) in query::split_script(input) {
            match self.query(statement) {
                Ok(()) => {}
                Err(Halt::Query(e)) => {
                    eprint!("{}", e.render(statement, self.color));
                    break;
                }
                Err(Halt::Told) => break,
            }
        }
        Flow::Continue
    }

    /// Runs one statement and writes its result; a query error is the caller's to place.
    fn query(&mut self, src: &str) -> Result<(), Halt> {
        let width = match self.sink {
            Sink::Screen => term::width(),
            Sink::File { .. } => None,
        };
        let (corpus, statement, format) = (Arc::clone(&self.corpus), src.to_owned(), self.format);
        let answer = self.in_background(move || {
            let started = Instant::now();
            let outcome = query::run(&corpus, &statement)?;
            let elapsed = started.elapsed();
            Ok(Answer {
                text: output::render(&outcome.rows, format, width),
                rows: outcome.rows.rows.len(),
                warnings: outcome.warnings,
                elapsed,
            })
        });
        let answer = answer.ok_or(Halt::Told)?.map_err(Halt::Query)?;
        if !self.write_result(&answer.text, answer.rows) {
            return Err(Halt::Told);
        }
        for warning in &answer.warnings {
            eprintln!("{}: {warning}", term::paint("warning", "1;33", self.color));
        }
        if self.timer {
            println!("time: {:.3} ms", answer.elapsed.as_secs_f64() * 1000.0);
        }
        Ok(())
    }

    /// Runs `work` where Ctrl-C can cancel it; `None` (said on the screen) if cancelled.
    fn in_background<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Option<T> {
        match interrupt::run(work) {
            Ok(value) => Some(value),
            Err(Stopped::Cancelled) => {
                self.cancelled();
                None
            }
            Err(Stopped::Failed(message)) => {
                self.fail(&message);
                None
            }
        }
    }

    fn cancelled(&self) {
        // After the terminal's `^C`, on a line of its own.
        eprintln!("\n{}", term::paint("cancelled", "1;33", self.color));
    }

    /// Writes a result; false if Ctrl-C stopped it on the screen.
    fn write_result(&mut self, text: &str, rows: usize) -> bool {
        let newline = if text.ends_with('\n') { "" } else { "\n" };
        let written = match &mut self.sink {
            Sink::Screen => return self.print(&format!("{text}{newline}")),
            Sink::File { path, file } => write!(file, "{text}{newline}")
                .map(|()| format!("{rows} rows written to {}", path.display())),
        };
        match written {
            Ok(note) => println!("{}", term::paint(&note, "2", self.color)),
            Err(e) => {
                self.fail(&format!(
                    "cannot write results ({e}); they go to the screen again"
                ));
                self.sink = Sink::Screen;
            }
        }
        true
    }

    /// Prints on the screen until done or Ctrl-C; false (said so) if Ctrl-C stopped it.
    fn print(&self, text: &str) -> bool {
        // A closed or broken stdout is not worth a message on the very same terminal.
        let done = interrupt::write_lines(&mut std::io::stdout().lock(), text).unwrap_or(true);
        if !done {
            self.cancelled();
        }
        done
    }

    fn fail(&self, message: &str) -> Flow {
        eprintln!("{}: {message}", term::paint("error", "1;31", self.color));
        Flow::Continue
    }

    /// Prints a listing table on the screen, whatever `.format` and `.output` say.
    fn list(&self, rows: &query::Rows) {
        self.print(&output::render(rows, Format::Table, term::width()));
    }

    fn command(&mut self, name: Name, arg: &str) -> Flow {
        match name {
            Name::Help => match help::render(arg) {
                Ok(text) => println!("{text}"),
                Err(e) => return self.fail(&e),
            },
            Name::Sources => {
                let corpus = Arc::clone(&self.corpus);
                if let Some(rows) = self.in_background(move || listing::sources(&corpus)) {
                    self.list(&rows);
                }
            }
            Name::Fields => match listing::fields(arg) {
                Ok(rows) => self.list(&rows),
                Err(e) => return self.fail(&e),
            },
            Name::Docs => self.docs(),
            Name::Format if arg.is_empty() => println!("format: {}", format_name(self.format)),
            Name::Format => match arg.parse::<Format>() {
                Ok(format) => self.format = format,
                Err(e) => return self.fail(&e),
            },
            Name::Timer => match arg {
                "on" | "off" => self.timer = arg == "on",
                "" => println!("timer: {}", if self.timer { "on" } else { "off" }),
                _ => return self.fail(&format!("usage: .timer {}", SWITCHES.join("|"))),
            },
            Name::Output => self.output(arg),
            Name::Show => {
                let (corpus, arg, color) = (Arc::clone(&self.corpus), arg.to_owned(), self.color);
                let width = term::width();
                match self.in_background(move || show::render(&corpus, &arg, width, color)) {
                    Some(Ok(text)) => println!("{text}"),
                    Some(Err(e)) => return self.fail(&e),
                    None => {}
                }
            }
            Name::Load => return self.load(arg),
            Name::Read => self.read(arg),
            Name::Quit => return Flow::Quit,
        }
        Flow::Continue
    }

    fn docs(&self) {
        let corpus = Arc::clone(&self.corpus);
        match self.in_background(move || query::run(&corpus, listing::DOCS_QUERY)) {
            Some(Ok(outcome)) => self.list(&outcome.rows),
            Some(Err(e)) => eprint!("{}", e.render(listing::DOCS_QUERY, self.color)),
            None => return,
        }
        let warnings: usize = self.corpus.documents.iter().map(|d| d.warnings.len()).sum();
        if warnings > 0 {
            println!("{warnings} warnings in all; `planq check` lists each with its line");
        }
    }

    fn output(&mut self, arg: &str) {
        if arg.is_empty() {
            self.sink = Sink::Screen;
            println!("results go to the screen");
            return;
        }
        let path = expand(arg);
        // Opening a FIFO waits for a reader; Ctrl-C must be able to give up on it.
        let target = path.clone();
        match self.in_background(move || File::create(target)) {
            Some(Ok(file)) => {
                println!("results go to {} (.output alone to return)", path.display());
                self.sink = Sink::File { path, file };
            }
            Some(Err(e)) => {
                self.fail(&format!("cannot write {}: {e}", path.display()));
            }
            None => {}
        }
    }

    fn load(&mut self, arg: &str) -> Flow {
        if arg.is_empty() {
            return self.fail(
                "usage: .load PATH… (documents: .txt, .docx, .xlsx, .xls, .ods, .html, .pdf, .doc, .wps; or folders of them)",
            );
        }
        // A path with spaces in it is one path; otherwise each word is one.
        let whole = expand(arg);
        let paths: Vec<_> = if whole.exists() {
            vec![whole]
        } else {
            arg.split_whitespace().map(expand).collect()
        };
        let loaded = match self.in_background(move || ingest::load_all(&paths, false)) {
            Some(loaded) => {
                // A file that cannot be read is reported; the others still load.
                for e in &loaded.errors {
                    eprintln!("error: {e}");
                }
                if !loaded.errors.is_empty() && loaded.documents.is_empty() {
                    return Flow::Continue;
                }
                loaded.documents
            }
            None => return Flow::Continue,
        };
        if loaded.is_empty() {
            return self.fail(&format!("no documents in {arg}"));
        }
        // Copies the documents only if a cancelled statement still reads them.
        let corpus = Arc::make_mut(&mut self.corpus);
        for d in loaded {
            // Loading a file again replaces it rather than counting its tasks twice.
            let again = corpus.documents.iter().position(|old| old.file == d.file);
            let warnings = match d.warnings.len() {
                1 => "1 warning".to_string(),
                n => format!("{n} warnings"),
            };
            println!(
                "{} {}: {} {}, {} tasks, {} targets, {warnings}",
                if again.is_some() { "reloaded" } else { "read" },
                d.file,
                d.region.as_deref().unwrap_or("(region unknown)"),
                d.kind.as_str(),
                d.tasks.len(),
                d.target_count(),
            );
            match again {
                Some(i) => corpus.documents[i] = d,
                None => corpus.documents.push(d),
            }
        }
        Flow::Reloaded
    }

    /// Runs a script; like `planq -f`, it stops at the first error, named by file:line:col.
    fn read(&mut self, arg: &str) {
        let path = expand(arg);
        // A FIFO (`.read <(…)`) may never be written to; Ctrl-C gives up on it.
        let source = path.clone();
        let script = match self.in_background(move || std::fs::read_to_string(source)) {
            Some(Ok(text)) => text,
            Some(Err(e)) => {
                self.fail(&format!("cannot read {}: {e}", path.display()));
                return;
            }
            None => return,
        };
        for (offset, statement) in query::split_script(&script) {
            if let Err(halt) = self.query(statement) {
                let Halt::Query(e) = halt else { return };
                let file = path.display().to_string();
                eprint!(
                    "{}",
                    e.render_in_script(&script, offset, Some(&file), self.color)
                );
                return;
            }
        }
    }
}

/// The name `.format` takes for `format`, found through the parser so the two cannot differ.
fn format_name(format: Format) -> &'static str {
    Format::NAMES
        .iter()
        .copied()
        .find(|name| name.parse::<Format>().ok() == Some(format))
        .unwrap_or("table")
}

/// A path as typed: surrounding quotes dropped and a leading `~` meaning home.
fn expand(arg: &str) -> PathBuf {
    let arg = arg.trim().trim_matches(['"', '\'']);
    match (arg.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => Path::new(&home).join(rest),
        _ => PathBuf::from(arg),
    }
}
