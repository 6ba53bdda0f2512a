//! The tables behind `.sources`, `.fields [SOURCE]` and `.docs`, as query rows so they print
//! like any result; where the engine or the field table can give them, they do.

use crate::model::Corpus;
use crate::query::closest;
use crate::query::{self, fields, Rows, Value};
use rust_decimal::Decimal;

/// Each source with how many rows it has now and its fields.
pub fn sources(corpus: &Corpus) -> Rows {
    let rows = fields::sources()
        .iter()
        .map(|source| {
            // The engine's own count: a bare source selects every row.
            let n = query::run(corpus, source).map_or(0, |o| o.rows.rows.len());
            let names: Vec<&str> = fields::fields(source)
                .unwrap_or_default()
                .iter()
                .map(|f| f.name)
                .collect();
            vec![
                Value::text(source),
                Value::Num(Decimal::from(n)),
                Value::owned(names.join(", ")),
            ]
        })
        .collect();
    Rows {
        columns: ["source", "rows", "fields"].map(String::from).to_vec(),
        rows,
    }
}

/// The fields of `source` (the `--fields` table), of every source when it is empty, or what
/// to type instead.
pub fn fields(source: &str) -> Result<Rows, String> {
    let source = Some(source).filter(|s| !s.is_empty());
    if let Some(rows) = fields::schema(source) {
        return Ok(rows);
    }
    let known = fields::sources();
    let typed = source.unwrap_or_default();
    let hint = closest(typed, known.iter().copied())
        .map_or(String::new(), |s| format!(" — did you mean {s}?"));
    Err(format!(
        "no source named {typed}{hint} (sources: {})",
        known.join(", ")
    ))
}

/// What `.docs` asks the engine: the loaded documents, one row each, with warning counts.
pub const DOCS_QUERY: &str = "docs select file, region, kind, date, count(tasks) as tasks, \
                              count(targets) as targets, warnings";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_of_one_source_or_of_all() {
        let tasks = fields("tasks").expect("tasks has fields");
        assert!(tasks
            .rows
            .iter()
            .all(|r| r[0] == Value::Str("tasks".into())));
        let all = fields("").expect("every source");
        assert!(all.rows.len() > tasks.rows.len());
        let err = fields("taks").unwrap_err();
        assert!(
            err.starts_with("no source named taks — did you mean tasks?"),
            "{err}"
        );
    }
}
