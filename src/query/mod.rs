//! The query language: parse a statement (pest → AST with spans), resolve it against the
//! field list, evaluate it over the model, and hand back rows.
//!
//! ```
//! let corpus = planq::model::Corpus::default();
//! let out = planq::query::run(&corpus, "tasks | count").unwrap();
//! assert_eq!(out.rows.columns, ["count"]);
//! ```

mod aggregate;
pub mod ast;
mod compare;
mod compile;
mod entity;
mod eval;
mod expected;
pub mod fields;
pub mod parser;
mod plan;
mod resolve;
mod scope;
mod script;
mod suggest;
mod typing;
mod value;
mod vocab;

pub use crate::error::{ErrorKind, QueryError};
pub use compare::fold;
pub use script::{completeness, split_script};
pub use suggest::closest;
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
    let query = parser::parse(src)?;
    let plan = compile::compile(corpus, &query)?;
    let rows = eval::execute(corpus, &plan)?;
    Ok(Outcome {
        rows,
        warnings: plan.warnings,
    })
}

#[cfg(test)]
mod tests;
