//! The command line: clap definitions and dispatch to export, check, queries, scripts,
//! the schema or the REPL.
//!
//! Exit codes: 0 ok, 1 query error, 2 usage or input error.

use crate::ingest;
use crate::model::Corpus;
use crate::output::{self, Format};
use crate::query::{self, fields};
use clap::{Parser, Subcommand};
use std::io::{IsTerminal, Read};
use std::path::PathBuf;
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

    /// Run a query; give -e several times to run several, in order.
    #[arg(short = 'e', long = "execute", value_name = "QUERY")]
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
        /// Files or folders to check (default: the embedded seeds).
        paths: Vec<PathBuf>,
    },
}

/// Loads the corpus the flags ask for.
pub fn load_corpus(docs: &[PathBuf], with_seeds: bool) -> Result<Corpus, ingest::IngestError> {
    if docs.is_empty() {
        return Ok(ingest::seed_corpus());
    }
    let mut corpus = ingest::load_paths(docs)?;
    if with_seeds {
        corpus.documents.extend(ingest::seed_corpus().documents);
    }
    Ok(corpus)
}

pub fn run() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Export) => export(&cli.docs, cli.with_seeds),
        Some(Command::Check { ref paths }) => check(paths),
        None => queries(&cli),
    }
}

fn export(docs: &[PathBuf], with_seeds: bool) -> ExitCode {
    match load_corpus(docs, with_seeds) {
        Ok(corpus) => match serde_json::to_string_pretty(&corpus) {
            Ok(json) => {
                println!("{json}");
                ExitCode::SUCCESS
            }
            Err(e) => input_error(&e),
        },
        Err(e) => input_error(&e),
    }
}

/// Reports every document; an unreadable file is reported too and makes the exit status 2,
/// but does not stop the others from being checked.
fn check(paths: &[PathBuf]) -> ExitCode {
    let loaded = if paths.is_empty() {
        ingest::seed_corpus()
            .documents
            .into_iter()
            .map(Ok)
            .collect()
    } else {
        ingest::load_each(paths)
    };
    let mut status = ExitCode::SUCCESS;
    for doc in loaded {
        match doc {
            Ok(doc) => print!("{}", ingest::report::check_report(&doc)),
            Err(e) => status = input_error(&e),
        }
    }
    status
}

fn input_error(e: &dyn std::fmt::Display) -> ExitCode {
    eprintln!("planq: {e}");
    ExitCode::from(2)
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
    let corpus = match load_corpus(&cli.docs, cli.with_seeds) {
        Ok(c) => c,
        Err(e) => return input_error(&e),
    };
    let mut scripts: Vec<(String, String)> = cli
        .execute
        .iter()
        .map(|q| ("-e".to_string(), q.clone()))
        .collect();
    for path in cli.files.iter().chain(&cli.script) {
        match std::fs::read_to_string(path) {
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
        let mut text = String::new();
        if let Err(e) = std::io::stdin().read_to_string(&mut text) {
            return input_error(&format!("stdin: {e}"));
        }
        scripts.push(("<stdin>".to_string(), text));
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
        failed |= !printer.script(&corpus, name, text);
        if failed && !cli.keep_going {
            break;
        }
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

impl Printer {
    /// Runs each statement of a script, printing results and errors; false if any failed.
    fn script(&mut self, corpus: &Corpus, name: &str, text: &str) -> bool {
        let mut ok = true;
        for (offset, statement) in query::split_script(text) {
            match query::run(corpus, statement) {
                Ok(outcome) => {
                    for w in &outcome.warnings {
                        eprintln!("warning: {w}");
                    }
                    if self.printed && self.format == Format::Table {
                        println!();
                    }
                    print!("{}", output::render(&outcome.rows, self.format, self.width));
                    self.printed = true;
                }
                Err(e) => {
                    ok = false;
                    eprint!(
                        "{}",
                        e.render_in_script(
                            text,
                            offset,
                            (name != "-e").then_some(name),
                            self.color
                        )
                    );
                    if !self.keep_going {
                        return false;
                    }
                }
            }
        }
        ok
    }
}

fn schema(source: Option<&str>, format: Format) -> ExitCode {
    match fields::schema(source) {
        Some(rows) => {
            print!("{}", output::render(&rows, format, terminal_width()));
            ExitCode::SUCCESS
        }
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
