//! The tables behind `.sources`, `.fields SOURCE` and `.docs`, as query rows so they print
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
                Value::Str((*source).to_owned()),
                Value::Num(Decimal::from(n)),
                Value::Str(names.join(", ")),
            ]
        })
        .collect();
    Rows {
        columns: ["source", "rows", "fields"].map(String::from).to_vec(),
        rows,
    }
}

/// The fields of `source` (the `--fields` table), or what to type instead.
pub fn fields(source: &str) -> Result<Rows, String> {
    if let Some(rows) = fields::schema(Some(source)).filter(|_| !source.is_empty()) {
        return Ok(rows);
    }
    let known = fields::sources();
    let usage = if source.is_empty() {
        "usage: .fields SOURCE".to_owned()
    } else {
        let hint = closest(source, known.iter().copied())
            .map_or(String::new(), |s| format!(" — did you mean {s}?"));
        format!("no source named {source}{hint}")
    };
    Err(format!("{usage} (sources: {})", known.join(", ")))
}

/// What `.docs` asks the engine: the loaded documents, one row each, with warning counts.
pub const DOCS_QUERY: &str = "docs select file, region, kind, date, count(tasks) as tasks, \
                              count(targets) as targets, warnings";
