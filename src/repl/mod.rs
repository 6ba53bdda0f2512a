//! The interactive session (rustyline): banner, multi-line input, completion, dot commands.

use crate::model::Corpus;
use std::process::ExitCode;

/// Runs the REPL over `corpus` until the user exits.
pub fn run(corpus: Corpus) -> ExitCode {
    let _ = corpus;
    ExitCode::SUCCESS
}
