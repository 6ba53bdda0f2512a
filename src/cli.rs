//! The command line: clap definitions and dispatch to export, check, queries or the REPL.
//!
//! Exit codes: 0 ok, 1 query error, 2 usage or input error.

use crate::ingest;
use crate::model::Corpus;
use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Parser)]
#[command(name = "planq", version, about = "Ask questions of Chinese government plan documents")]
pub struct Cli {
    /// Documents to load instead of the embedded seeds (files, or folders of .txt).
    #[arg(long, num_args = 1.., global = true, value_name = "PATH")]
    pub docs: Vec<PathBuf>,

    /// With --docs, also load the embedded seeds.
    #[arg(long, global = true)]
    pub with_seeds: bool,

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
        None => ExitCode::SUCCESS,
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

fn check(paths: &[PathBuf]) -> ExitCode {
    let corpus = if paths.is_empty() {
        Ok(ingest::seed_corpus())
    } else {
        ingest::load_paths(paths)
    };
    match corpus {
        Ok(corpus) => {
            for doc in &corpus.documents {
                print!("{}", ingest::report::check_report(doc));
            }
            ExitCode::SUCCESS
        }
        Err(e) => input_error(&e),
    }
}

fn input_error(e: &dyn std::fmt::Display) -> ExitCode {
    eprintln!("planq: {e}");
    ExitCode::from(2)
}
