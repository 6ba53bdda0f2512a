//! `planq export`: the whole model, as JSON (one object), JSON lines (one document per
//! line), csv (one file per table, in a folder) or a SQLite database. Everything is written
//! as it is produced, so an export holds no more in memory than the model itself.

mod csv;
mod sqlite;
mod tables;

pub use tables::{Cell, Col, ColType, Table, TABLES};

use crate::model::Corpus;
use crate::output::Destination;
use std::io::Write;
use std::path::Path;

/// What `planq export --format` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// `{"documents": [...]}`, the model as it is (the default).
    Json,
    /// One document per line.
    Jsonl,
    /// A folder with one csv file per table, and README.csv.
    Csv,
    /// A SQLite database with every table, its keys and indexes, and a README table.
    Sqlite,
}

impl ExportFormat {
    /// The names `planq export --format` accepts.
    pub const NAMES: &'static [&'static str] = &["json", "jsonl", "csv", "sqlite"];
}

/// Writes the corpus in `format` to `out` (stdout for the JSON formats when `None`).
pub fn export(
    corpus: &Corpus,
    format: ExportFormat,
    out: Option<&Path>,
    bom: bool,
) -> Result<(), String> {
    let out_for = |what: &str| out.ok_or_else(|| format!("--format {what}"));
    match format {
        ExportFormat::Json | ExportFormat::Jsonl => json(corpus, format, out),
        ExportFormat::Csv => csv::write(
            corpus,
            out_for("csv writes one file per table: name a folder with --out DIR")?,
            bom,
        ),
        ExportFormat::Sqlite => sqlite::write(
            corpus,
            out_for("sqlite writes a database file: name it with --out FILE.db")?,
        ),
    }
}

fn json(corpus: &Corpus, format: ExportFormat, out: Option<&Path>) -> Result<(), String> {
    let mut destination = Destination::open(out)?;
    let written = {
        let mut w = std::io::BufWriter::with_capacity(1 << 16, destination.writer());
        let result = if format == ExportFormat::Jsonl {
            corpus.documents.iter().try_for_each(|d| {
                serde_json::to_writer(&mut w, d)
                    .map_err(std::io::Error::from)
                    .and_then(|()| w.write_all(b"\n"))
            })
        } else {
            serde_json::to_writer_pretty(&mut w, corpus)
                .map_err(std::io::Error::from)
                .and_then(|()| w.write_all(b"\n"))
        };
        result.and_then(|()| w.flush())
    };
    written.map_err(|e| destination.describe(&e))?;
    destination.finish()
}

/// The rows of the `README` table (and README.csv): for each table a line saying what it
/// holds (column empty), then one line per column with its type and meaning.
/// With `exact_text`, each decimal column is followed by its `_text` twin (SQLite).
fn readme_rows(exact_text: bool) -> Vec<[String; 4]> {
    let mut rows = Vec::new();
    for table in TABLES {
        rows.push([
            table.name.into(),
            String::new(),
            "table".into(),
            table.doc.into(),
        ]);
        for col in table.columns {
            rows.push([
                table.name.into(),
                col.name.into(),
                col.ty.describe(exact_text),
                col.doc.into(),
            ]);
            if exact_text && col.ty == ColType::Num {
                rows.push([
                    table.name.into(),
                    format!("{}_text", col.name),
                    "text".into(),
                    format!("{}, exactly as a decimal", col.name),
                ]);
            }
        }
    }
    rows
}
