//! The tables behind `.sources`, `.fields SOURCE` and `.docs`, built as query rows so they
//! print like any result.

use super::commands::did_you_mean;
use crate::model::Corpus;
use crate::query::{self, fields, Rows, Value};
use rust_decimal::Decimal;

fn text(s: impl Into<String>) -> Value {
    Value::Str(s.into())
}

fn count(n: usize) -> Value {
    Value::Num(Decimal::from(n))
}

fn rows(columns: &[&str], rows: Vec<Vec<Value>>) -> Rows {
    Rows {
        columns: columns.iter().map(|c| c.to_string()).collect(),
        rows,
    }
}

/// Each source with how many rows it has now and its fields.
pub fn sources(corpus: &Corpus) -> Rows {
    let list = fields::sources()
        .iter()
        .map(|source| {
            // The engine's own count: a bare source selects every row.
            let n = query::run(corpus, source).map_or(0, |o| o.rows.rows.len());
            let names: Vec<&str> = fields::fields(source)
                .unwrap_or(&[])
                .iter()
                .map(|f| f.name)
                .collect();
            vec![text(*source), count(n), text(names.join(", "))]
        })
        .collect();
    rows(&["source", "rows", "fields"], list)
}

/// The fields of `source`, or what to type instead.
pub fn fields(source: &str) -> Result<Rows, String> {
    let Some(defs) = fields::fields(source.trim()) else {
        let known = fields::sources();
        let hint = did_you_mean(source, known.iter().copied())
            .map_or(String::new(), |s| format!(" — did you mean {s}?"));
        let usage = if source.is_empty() {
            "usage: .fields SOURCE".to_owned()
        } else {
            format!("no source named {source}{hint}")
        };
        return Err(format!("{usage} (sources: {})", known.join(", ")));
    };
    let list = defs
        .iter()
        .map(|f| vec![text(f.name), text(f.ty), text(f.doc), text(f.example)])
        .collect();
    Ok(rows(&["field", "type", "about", "example"], list))
}

/// The loaded documents, one row each, with their warning counts.
pub fn docs(corpus: &Corpus) -> Rows {
    let list = corpus
        .documents
        .iter()
        .map(|d| {
            let opt = |s: &Option<String>| s.as_deref().map_or(Value::Null, text);
            vec![
                text(&d.file),
                text(d.kind.as_str()),
                opt(&d.region),
                opt(&d.doc_number),
                opt(&d.date),
                count(d.tasks.len()),
                count(d.target_count()),
                count(d.warnings.len()),
            ]
        })
        .collect();
    rows(
        &[
            "file",
            "kind",
            "region",
            "doc_number",
            "date",
            "tasks",
            "targets",
            "warnings",
        ],
        list,
    )
}
