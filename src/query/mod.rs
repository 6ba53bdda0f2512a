//! The query language: parse a statement (pest → AST with spans), evaluate it over the
//! model, and hand back rows.

pub mod fields;
mod value;

pub use crate::error::{ErrorKind, QueryError};
pub use value::Value;

use crate::model::Corpus;

/// A query's result table.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Rows {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Value>>,
}

/// What running one statement gives: rows, and warnings worth showing beside them
/// ("no unit named 区经济发展 — did you mean 区经济发展局?").
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Outcome {
    pub rows: Rows,
    pub warnings: Vec<String>,
}

/// Whether a piece of input is a whole statement yet (the REPL asks before running it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Completeness {
    Complete,
    /// Unfinished: an open paren or string, a trailing `and`/`or`/`|`/`,`, a clause keyword
    /// with nothing after it.
    Incomplete,
    Invalid,
}

/// Runs one statement (a query, possibly a `|` pipeline) over `corpus`.
pub fn run(corpus: &Corpus, src: &str) -> Result<Outcome, QueryError> {
    let _ = corpus;
    Err(QueryError::new(
        ErrorKind::Syntax,
        0..src.len(),
        "the query engine is not built yet",
    ))
}

/// Decides with the grammar whether `src` is a complete statement.
pub fn completeness(src: &str) -> Completeness {
    if src.trim().is_empty() {
        Completeness::Complete
    } else {
        Completeness::Invalid
    }
}

/// Splits a script into statements at `;`, each with its byte offset in `src`.
pub fn split_script(src: &str) -> Vec<(usize, &str)> {
    vec![(0, src)]
}
