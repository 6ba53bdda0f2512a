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
mod functions;
mod index;
mod pace;
pub mod parser;
mod plan;
mod resolve;
mod scope;
mod script;
mod suggest;
mod top;
mod typing;
mod value;
mod vocab;
mod width;

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
    pub rows: Vec<Vec<Value<'static>>>,
}

/// What running one statement gives: rows, and warnings worth showing beside them
/// ("no unit named 区经济发展 — did you mean 区经济发展局?").
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Outcome {
    pub rows: Rows,
    pub warnings: Vec<String>,
    /// Set by a `let`, which prints no rows: what it named ("solar: 12 targets").
    pub defined: Option<String>,
}

/// What statements of one script or session share: the queries named by `let`, which
/// later statements start from, and the day the questions are asked on (`--as-of`).
#[derive(Debug, Clone)]
pub struct Env {
    named: Vec<(String, ast::Query)>,
    pub as_of: chrono::NaiveDate,
    /// Equality indexes built as the statements filter (shared by clones).
    indexes: index::Indexes,
}

impl Default for Env {
    /// No names yet; questions asked today.
    fn default() -> Env {
        Env::at(today())
    }
}

/// Today's date (UTC), from the system clock.
pub fn today() -> chrono::NaiveDate {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
    epoch + chrono::Days::new(secs / 86_400)
}

impl Env {
    /// No names yet; questions asked on `as_of`.
    pub fn at(as_of: chrono::NaiveDate) -> Env {
        Env {
            named: Vec::new(),
            as_of,
            indexes: index::Indexes::default(),
        }
    }

    /// Drops the indexes built so far: the documents changed. (A changed corpus is also
    /// noticed without this; saying so frees the memory at once.)
    pub fn forget_indexes(&self) {
        self.indexes.clear();
    }

    /// The names defined so far, in order.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.named.iter().map(|(n, _)| n.as_str())
    }

    /// Each name defined so far with the source its query starts from (`solar`, `targets`).
    pub fn sources(&self) -> Vec<(String, &'static str)> {
        self.named
            .iter()
            .filter_map(|(n, q)| {
                let source = fields::sources().iter().find(|s| **s == q.source)?;
                Some((n.clone(), *source))
            })
            .collect()
    }

    fn get(&self, name: &str) -> Option<&ast::Query> {
        self.named.iter().find(|(n, _)| n == name).map(|(_, q)| q)
    }

    /// `q` with a named source replaced by the query it names, its clauses first.
    fn expand(&self, q: ast::Query) -> ast::Query {
        match self.get(&q.source) {
            Some(base) => ast::Query {
                source: base.source.clone(),
                source_span: q.source_span,
                stages: base.stages.iter().cloned().chain(q.stages).collect(),
            },
            None => q,
        }
    }

    fn define(&mut self, name: String, q: ast::Query) {
        match self.named.iter_mut().find(|(n, _)| *n == name) {
            Some(slot) => slot.1 = q,
            None => self.named.push((name, q)),
        }
    }
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
    run_with(corpus, &mut Env::default(), src)
}

/// Runs one statement where the queries `lets` names are known; a `let` adds to them.
pub fn run_with(corpus: &Corpus, lets: &mut Env, src: &str) -> Result<Outcome, QueryError> {
    let folded = width::fold(src);
    run_folded(corpus, lets, &folded.text).map_err(|e| folded.restore(e))
}

fn run_folded(corpus: &Corpus, lets: &mut Env, src: &str) -> Result<Outcome, QueryError> {
    match parser::parse_statement(src)? {
        ast::Statement::Query(q) => execute(corpus, lets, lets.expand(q)),
        ast::Statement::Let {
            name,
            name_span,
            query,
        } => {
            if entity::Kind::from_source(&name).is_some() {
                let msg = format!("`{name}` is a source; give the query a name of its own");
                return Err(QueryError::new(ErrorKind::Syntax, name_span, msg)
                    .with_help(format!("let my_{name} = …")));
            }
            let query = lets.expand(query);
            // Checked and run once now, so a mistake shows where it is written.
            let mut outcome = execute(corpus, lets, query.clone())?;
            let n = outcome.rows.rows.len();
            outcome.defined = Some(format!(
                "{name}: {n} {}",
                if n == 1 { "row" } else { "rows" }
            ));
            outcome.rows = Rows::default();
            lets.define(name, query);
            Ok(outcome)
        }
    }
}

fn execute(corpus: &Corpus, lets: &Env, query: ast::Query) -> Result<Outcome, QueryError> {
    let plan = compile::compile(corpus, &query, lets)?;
    let world = entity::World {
        corpus,
        as_of: lets.as_of,
        indexes: Some(&lets.indexes),
    };
    let (rows, noticed) = eval::execute(&world, &plan)?;
    let mut warnings = plan.warnings;
    warnings.extend(noticed);
    Ok(Outcome {
        rows,
        warnings,
        defined: None,
    })
}

#[cfg(test)]
mod tests;
