//! The command line: clap definitions and dispatch to export, check, queries, scripts,
//! the schema or the REPL.
//!
//! Exit codes: 0 ok, 1 query error, 2 usage or input error.

use crate::error::ScriptPosition;
use crate::ingest;
use crate::model::Corpus;
use crate::output::{self, Format};
use crate::query::{self, fields};
use clap::{Parser, Subcommand};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, Parser)]
#[command(
    name = "planq",
    version,
    about = "Ask questions of Chinese government plan documents",
    after_help = "With no query, script or subcommand: an interactive session (or, when stdin \
                  is not a terminal, stdin read as a script).\nExit status: 0 ok, 1 query \
                  error, 2 usage or input error."
)]
pub struct Cli {
    /// Documents to load instead of the embedded seeds (files, or folders of .txt).
    #[arg(long, num_args = 1.., global = true, value_name = "PATH")]
    pub docs: Vec<PathBuf>,

    /// With --docs, also load the embedded seeds.
    #[arg(long, global = true)]
    pub with_seeds: bool,

    /// Read documents that are not valid text all the same, each bad byte sequence replaced
    /// by U+FFFD and warned with its line.
    #[arg(long, global = true)]
    pub lossy: bool,

    /// Run a query; give -e several times to run several, in order (-c, as in sqlite3 and
    /// DuckDB, is the same).
    #[arg(
        short = 'e',
        short_alias = 'c',
        long = "execute",
        value_name = "QUERY",
        allow_hyphen_values = true
    )]
    pub execute: Vec<String>,

    /// Run a saved script: statements end with `;`, comments start with `--`.
    #[arg(short = 'f', long = "file", value_name = "FILE")]
    pub files: Vec<PathBuf>,

    /// A saved script to run (FILE.pq), like -f.
    #[arg(value_name = "FILE.pq")]
    pub script: Option<PathBuf>,

    /// How to print results: table, csv, json, jsonl or md.
    #[arg(long, default_value = "table", value_name = "FORMAT")]
    pub format: Format,

    /// Print the fields of one source, or of all.
    #[arg(long, num_args = 0..=1, value_name = "SOURCE")]
    pub fields: Option<Option<String>>,

    /// In a script, go on after a statement fails (the exit status is still 1).
    #[arg(long)]
    pub keep_going: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the whole model as JSON: {"documents": [...]}.
    Export,
    /// Ingest documents and report what was found, with every warning and its line.
    Check {
        /// Files or folders to check, like --docs (default: the embedded seeds).
        paths: Vec<PathBuf>,
    },
}

/// The largest script read from a file or standard input, unless PLANQ_MAX_BYTES says otherwise.
const MAX_SCRIPT_BYTES: u64 = 64 * 1024 * 1024;

/// Loads the corpus the flags ask for: what could be read, and whether anything could not
/// (each unreadable file is reported on stderr; the rest still load).
pub fn load_corpus(docs: &[PathBuf], with_seeds: bool, lossy: bool) -> (Corpus, bool) {
    if docs.is_empty() {
        return (ingest::seed_corpus(), true);
    }
    let loaded = ingest::load_all(docs, lossy);
    for path in &loaded.repeated {
        eprintln!(
            "planq: {} is named more than once; loaded once",
            path.display()
        );
    }
    for e in &loaded.errors {
        eprintln!("planq: {e}");
    }
    let mut corpus = Corpus {
        documents: loaded.documents,
    };
    if with_seeds {
        for seed in ingest::seed_corpus().documents {
            if corpus.documents.iter().any(|d| d.file == seed.file) {
                eprintln!(
                    "planq: seed {} is already loaded from --docs; loaded once",
                    seed.file
                );
            } else {
                corpus.documents.push(seed);
            }
        }
    }
    (corpus, loaded.errors.is_empty())
}

pub fn run() -> ExitCode {
    let cli = match Cli::try_parse_from(subcommand_first(std::env::args_os().collect())) {
        Ok(cli) => cli,
        Err(e) => return usage(e),
    };
    match cli.command {
        Some(Command::Export) => export(&cli),
        Some(Command::Check { ref paths }) => {
            let docs: Vec<PathBuf> = paths.iter().chain(&cli.docs).cloned().collect();
            check(&docs, &cli)
        }
        None => queries(&cli),
    }
}

/// Help and version go to stdout (and a failed write is an error); usage errors to stderr.
fn usage(e: clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            write_out(&e.render().to_string()).map_or_else(|code| code, |()| ExitCode::SUCCESS)
        }
        _ => {
            let _ = e.print();
            ExitCode::from(2)
        }
    }
}

/// `planq --docs a.txt check`: `--docs` takes every path that follows it, so a subcommand
/// written after it would be read as a path. Moves such a word (one that names no file) to
/// the front, where clap sees it as the subcommand; the global flags work after it.
fn subcommand_first(mut args: Vec<std::ffi::OsString>) -> Vec<std::ffi::OsString> {
    let takes_value = ["-e", "--execute", "-f", "--file", "--format", "--fields"];
    let mut i = 1;
    while i < args.len() {
        let arg = args[i].to_string_lossy();
        if takes_value.contains(&arg.as_ref()) {
            i += 2;
            continue;
        }
        let is_subcommand = matches!(arg.as_ref(), "check" | "export");
        if is_subcommand && i > 1 && !Path::new(&args[i]).exists() {
            let word = args.remove(i);
            args.insert(1, word);
            break;
        }
        if !arg.starts_with('-') && i == 1 {
            break;
        }
        i += 1;
    }
    args
}

/// Writes to stdout; a failed write (a full disk, a closed pipe) is reported, exit status 2.
fn write_out(text: &str) -> Result<(), ExitCode> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(|e| input_error(&format!("cannot write the output: {e}")))
}

fn export(cli: &Cli) -> ExitCode {
    let (corpus, all_loaded) = load_corpus(&cli.docs, cli.with_seeds, cli.lossy);
    // Streamed: the JSON of a large corpus is never built whole in memory.
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let written = serde_json::to_writer_pretty(&mut out, &corpus)
        .map_err(std::io::Error::from)
        .and_then(|()| writeln!(out))
        .and_then(|()| out.flush());
    match written {
        Err(e) => input_error(&format!("cannot write the output: {e}")),
        Ok(()) if !all_loaded => ExitCode::from(2),
        Ok(()) => ExitCode::SUCCESS,
    }
}

/// Reports every document; an unreadable file is reported too and makes the exit status 2,
/// but does not stop the others from being checked.
fn check(paths: &[PathBuf], cli: &Cli) -> ExitCode {
    let (corpus, all_loaded) = load_corpus(paths, cli.with_seeds, cli.lossy);
    for doc in &corpus.documents {
        if let Err(code) = write_out(&ingest::report::check_report(doc)) {
            return code;
        }
    }
    if all_loaded {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    }
}

fn input_error(e: &dyn std::fmt::Display) -> ExitCode {
    eprintln!("planq: {e}");
    ExitCode::from(2)
}

/// The size limit for a script: PLANQ_MAX_BYTES when set, else [`MAX_SCRIPT_BYTES`].
fn script_limit() -> u64 {
    std::env::var_os(ingest::source::MAX_BYTES_VAR)
        .map_or(MAX_SCRIPT_BYTES, |_| ingest::source::max_document_bytes())
}

/// Reads a script file (a regular file, within the size limit) as UTF-8 text.
fn read_script(path: &Path) -> Result<String, String> {
    let limit = script_limit();
    let bytes = ingest::source::read_limited(path, limit)?;
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "not UTF-8 text (invalid byte at offset {}); save the script as UTF-8",
            e.utf8_error().valid_up_to()
        )
    })
}

/// Where output goes and how it looks.
struct Printer {
    format: Format,
    width: Option<usize>,
    color: bool,
    keep_going: bool,
    printed: bool,
}

/// `--fields`, `-e`, `-f`, `FILE.pq`, stdin, or the REPL.
fn queries(cli: &Cli) -> ExitCode {
    if let Some(source) = &cli.fields {
        return schema(source.as_deref(), cli.format);
    }
    let (corpus, all_loaded) = load_corpus(&cli.docs, cli.with_seeds, cli.lossy);
    let mut scripts: Vec<(String, String)> = cli
        .execute
        .iter()
        .map(|q| ("-e".to_string(), q.clone()))
        .collect();
    for path in cli.files.iter().chain(&cli.script) {
        match read_script(path) {
            Ok(text) => scripts.push((path.display().to_string(), text)),
            Err(e) if !path.exists() && cli.script.as_ref() == Some(path) => {
                return input_error(&format!(
                    "{}: {e} (to run a query, give it with -e)",
                    path.display()
                ))
            }
            Err(e) => return input_error(&format!("{}: {e}", path.display())),
        }
    }
    if scripts.is_empty() {
        if std::io::stdin().is_terminal() {
            return crate::repl::run(corpus, cli.format);
        }
        let text = ingest::source::read_stdin_limited(script_limit())
            .and_then(|bytes| String::from_utf8(bytes).map_err(|_| "not UTF-8 text".to_string()));
        match text {
            Ok(text) => scripts.push(("<stdin>".to_string(), text)),
            Err(e) => return input_error(&format!("stdin: {e}")),
        }
    }
    let mut printer = Printer {
        format: cli.format,
        width: terminal_width(),
        color: std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
        keep_going: cli.keep_going,
        printed: false,
    };
    let mut failed = false;
    for (name, text) in &scripts {
        match printer.script(&corpus, name, text) {
            Ok(ok) => failed |= !ok,
            Err(code) => return code,
        }
        if failed && !cli.keep_going {
            break;
        }
    }
    if !all_loaded {
        ExitCode::from(2)
    } else if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

impl Printer {
    /// Runs each statement of a script, printing results and errors; false if any failed,
    /// and the exit code if the output could not be written.
    fn script(&mut self, corpus: &Corpus, name: &str, text: &str) -> Result<bool, ExitCode> {
        let mut ok = true;
        // Lines are counted forward from the last error, once over the whole script.
        let mut position = ScriptPosition::start();
        for (offset, statement) in query::split_script(text) {
            match query::run(corpus, statement) {
                Ok(outcome) => {
                    for w in &outcome.warnings {
                        eprintln!("warning: {w}");
                    }
                    if self.printed && self.format == Format::Table {
                        write_out("\n")?;
                    }
                    write_out(&output::render(&outcome.rows, self.format, self.width))?;
                    self.printed = true;
                }
                Err(e) => {
                    ok = false;
                    position = position.advance(text, offset);
                    eprint!(
                        "{}",
                        e.render_in_script_at(
                            text,
                            position,
                            offset,
                            (name != "-e").then_some(name),
                            self.color
                        )
                    );
                    if !self.keep_going {
                        return Ok(false);
                    }
                }
            }
        }
        Ok(ok)
    }
}

fn schema(source: Option<&str>, format: Format) -> ExitCode {
    match fields::schema(source) {
        Some(rows) => write_out(&output::render(&rows, format, terminal_width()))
            .map_or_else(|code| code, |()| ExitCode::SUCCESS),
        None => input_error(&format!(
            "no source named `{}` (sources: {})",
            source.unwrap_or_default(),
            fields::sources().join(", ")
        )),
    }
}

/// The terminal's width, or `COLUMNS` when output is not a terminal; None means no limit.
fn terminal_width() -> Option<usize> {
    if std::io::stdout().is_terminal() {
        if let Some((terminal_size::Width(w), _)) = terminal_size::terminal_size() {
            return Some(usize::from(w));
        }
    }
    std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok())
}
