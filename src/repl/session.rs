//! One session's state (documents, format, where results go, the last result, switches)
//! and what each entered line does. Results go where `sink` says; messages and errors always
//! go to the screen, and no error ends the session. Whatever may take long (a query,
//! `.load`) runs through `interrupt::run`, so Ctrl-C cancels it.

use super::commands::{self, Name, Spec, SWITCHES};
use super::helper::is_command;
use super::interrupt::{self, Stopped};
use super::sink::Sink;
use super::{help, listing, pager, show, term};
use crate::ingest;
use crate::model::Corpus;
use crate::output::{self, Format};
use crate::query::{self, QueryError, Rows};
use std::fs::File;
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

/// Why a statement printed no result.
enum Halt {
    Query(QueryError),
    /// Cancelled or failed, and already said so on the screen.
    Told,
}

/// A statement's result, made ready to print on the statement's own thread.
struct Answer {
    text: String,
    rows: Arc<Rows>,
    warnings: Vec<String>,
    elapsed: Duration,
    /// What a `let` named, and the named queries after the statement.
    defined: Option<String>,
    lets: query::Env,
}

/// The previous result, kept for `.last`.
struct Last {
    rows: Arc<Rows>,
    format: Format,
}

pub struct Session {
    /// How `.load` reads files: through the model cache unless `--no-cache`.
    pub read_options: ingest::ReadOptions,
    /// Shared with statements still running on their own thread (a cancelled one may be).
    pub corpus: Arc<Corpus>,
    format: Format,
    sink: Sink,
    last: Option<Last>,
    timer: bool,
    /// `.bail`: whether the first error ends a script or a line of statements.
    bail: bool,
    color: bool,
    /// Queries named with `let` so far.
    lets: query::Env,
    /// The format `\x` returns to.
    before_record: Format,
}

impl Session {
    pub fn new(corpus: Corpus, format: Format, color: bool, as_of: chrono::NaiveDate) -> Self {
        Session {
            read_options: ingest::ReadOptions::default(),
            corpus: Arc::new(corpus),
            format,
            sink: Sink::new(color),
            last: None,
            timer: false,
            bail: true,
            color,
            lets: query::Env::at(as_of),
            before_record: Format::Table,
        }
    }

    /// The queries named so far, with the source each starts from (for completion).
    pub fn let_sources(&self) -> Vec<(String, &'static str)> {
        self.lets.sources()
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
        let color = self.color;
        self.run_all(input, |e, _, statement| e.render(statement, color));
        Flow::Continue
    }

    /// Runs each `;`-separated statement of `script` in turn; `render` words a query error
    /// from the statement's offset in `script` and its text. After an error the next one
    /// runs only with `.bail off`, and never after Ctrl-C.
    fn run_all(&mut self, script: &str, render: impl Fn(&QueryError, usize, &str) -> String) {
        for (offset, statement) in query::split_script(script) {
            let Err(halt) = self.query(statement) else {
                continue;
            };
            if let Halt::Query(e) = halt {
                eprint!("{}", render(&e, offset, statement));
            }
            if self.bail || interrupt::interrupted() {
                return;
            }
        }
    }

    /// Runs one statement and writes its result; a query error is the caller's to place.
    fn query(&mut self, src: &str) -> Result<(), Halt> {
        let width = term::width().filter(|_| self.sink.on_screen());
        let (corpus, statement, format) = (Arc::clone(&self.corpus), src.to_owned(), self.format);
        let mut lets = self.lets.clone();
        let answer = self.in_background(move || {
            let started = Instant::now();
            let outcome = query::run_with(&corpus, &mut lets, &statement)?;
            let elapsed = started.elapsed();
            Ok(Answer {
                text: output::render(&outcome.rows, format, width),
                rows: Arc::new(outcome.rows),
                warnings: outcome.warnings,
                elapsed,
                defined: outcome.defined,
                lets,
            })
        });
        let answer = answer.ok_or(Halt::Told)?.map_err(Halt::Query)?;
        self.lets = answer.lets;
        if let Some(defined) = &answer.defined {
            // A `let` prints no rows: say what it named, on the screen.
            let note = format!("defined {defined}");
            println!("{}", term::paint(&note, "2", self.color));
        } else {
            self.last = Some(Last {
                rows: Arc::clone(&answer.rows),
                format,
            });
            let rows = answer.rows.rows.len();
            if !self.sink.write(&answer.text, rows, pager::too_tall) {
                return Err(Halt::Told);
            }
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
                term::cancelled(self.color);
                None
            }
            Err(Stopped::Failed(message)) => {
                self.fail(&message);
                None
            }
        }
    }

    fn fail(&self, message: &str) -> Flow {
        term::error(message, self.color);
        Flow::Continue
    }

    /// Prints a listing table on the screen, whatever `.format` and `.output` say.
    fn list(&mut self, rows: &Rows) {
        let text = output::render(rows, Format::Table, term::width());
        self.sink.show(&text, pager::too_tall);
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
            Name::Format => {
                match arg.parse::<Format>() {
                    Ok(format) => {
                        self.format = format;
                        println!("format: {}", format_name(format));
                    }
                    Err(_) if arg.eq_ignore_ascii_case("xlsx") => return self.fail(
                        "a workbook is written by planq -e/-f with --format xlsx --out FILE.xlsx; \
                         here, .once FILE.csv (or .format csv) gives a file Excel opens",
                    ),
                    Err(e) => return self.fail(&e),
                }
            }
            Name::AsOf if arg.is_empty() => println!("as of: {}", self.lets.as_of),
            Name::AsOf => match chrono::NaiveDate::parse_from_str(arg, "%Y-%m-%d") {
                Ok(day) => {
                    self.lets.as_of = day;
                    println!("as of: {day}");
                }
                Err(_) => return self.fail(&format!("`{arg}` is not a day: .asof 2025-07-15")),
            },
            Name::Expanded => {
                let (format, told) = if self.format == Format::Record {
                    (self.before_record, "record view off")
                } else {
                    self.before_record = self.format;
                    (Format::Record, "record view on")
                };
                self.format = format;
                println!("{told} (format: {})", format_name(format));
            }
            Name::Timer | Name::Pager | Name::Bail => {
                let switch = match name {
                    Name::Timer => &mut self.timer,
                    Name::Pager => &mut self.sink.pager,
                    _ => &mut self.bail,
                };
                if let Err(e) = set_switch(Spec::get(name).word, arg, switch) {
                    return self.fail(&e);
                }
            }
            Name::Output if arg.is_empty() => {
                self.sink.send_to_screen();
                println!("results go to the screen");
            }
            Name::Output => self.output(arg, false),
            Name::Once if arg.is_empty() => return self.fail("usage: .once FILE"),
            Name::Once => self.output(arg, true),
            Name::Last => self.last(),
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

    fn docs(&mut self) {
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

    /// `.output FILE` (`once` false) and `.once FILE`.
    fn output(&mut self, arg: &str, once: bool) {
        let path = expand(arg);
        // Opening a FIFO waits for a reader; Ctrl-C must be able to give up on it.
        let target = path.clone();
        match self.in_background(move || File::create(target)) {
            Some(Ok(file)) => {
                if once {
                    println!("the next result goes to {}", path.display());
                } else {
                    println!("results go to {} (.output alone to return)", path.display());
                }
                self.sink.send_to_file(path, file, once);
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
        let options = ingest::ReadOptions {
            aliases: self.corpus.aliases.clone(),
            ..self.read_options.clone()
        };
        let loaded = match self.in_background(move || ingest::load_all(&paths, &options)) {
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
        ingest::settle(corpus);
        self.lets.forget_indexes();
        Flow::Reloaded
    }

    /// The previous result again, at full width (no cell cut), where results go now.
    fn last(&mut self) {
        let Some(Last { rows, format }) = &self.last else {
            println!("no result yet: .last shows the previous query's result again");
            return;
        };
        let (rows, format) = (Arc::clone(rows), *format);
        let count = rows.rows.len();
        if let Some(text) = self.in_background(move || output::render(&rows, format, None)) {
            self.sink.write(&text, count, pager::too_tall_or_wide);
        }
    }

    /// Runs a script; errors are named by file:line:col and, with `.bail on` (as in
    /// `planq -f`), the first one ends it.
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
        let (file, color) = (path.display().to_string(), self.color);
        self.run_all(&script, |e, offset, _| {
            e.render_in_script(&script, offset, Some(&file), color)
        });
    }
}

/// `.timer`, `.pager`, `.bail`: `on` or `off` sets the switch, nothing shows it.
/// Sets (or, with no argument, shows) a switch, and says where it stands either way.
fn set_switch(word: &str, arg: &str, switch: &mut bool) -> Result<(), String> {
    match arg.to_ascii_lowercase().as_str() {
        "" => {}
        "on" => *switch = true,
        "off" => *switch = false,
        _ => return Err(format!("usage: {word} {}", SWITCHES.join("|"))),
    }
    println!("{}: {}", word.trim_start_matches('.'), on_off(*switch));
    Ok(())
}

fn on_off(switch: bool) -> &'static str {
    if switch {
        "on"
    } else {
        "off"
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_switch_takes_on_or_off_in_any_case() {
        let mut switch = true;
        assert_eq!(set_switch(".bail", "OFF", &mut switch), Ok(()));
        assert!(!switch);
        assert_eq!(set_switch(".bail", "on", &mut switch), Ok(()));
        assert!(switch);
        assert_eq!(
            set_switch(".bail", "yes", &mut switch),
            Err("usage: .bail on|off".to_owned())
        );
        assert!(switch, "a wrong word leaves it as it was");
    }
}
