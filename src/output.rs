//! Rows → text: a CJK-aligned table that fits the terminal, CSV, JSON, JSON lines, Markdown.
//!
//! Tables wrap and, past a few lines, truncate wide cells to fit; csv and json always carry
//! the full text.

use crate::query::{Rows, Value};
use comfy_table::{presets, Cell, CellAlignment, ContentArrangement, Row, Table};
use serde::ser::{Serialize, SerializeMap, Serializer};
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

impl Format {
    /// The names `--format` and `.format` accept.
    pub const NAMES: &'static [&'static str] = &["table", "csv", "json", "jsonl", "md"];
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

/// Lines a table cell may take before it is cut with `…`.
const MAX_CELL_LINES: usize = 3;

/// Renders `rows`; `width` is the terminal width a table must fit (None: no limit).
pub fn render(rows: &Rows, format: Format, width: Option<usize>) -> String {
    match format {
        Format::Table => table(rows, width),
        Format::Csv => csv(rows),
        Format::Json => {
            let objects: Vec<Object> = rows.rows.iter().map(|r| Object(&rows.columns, r)).collect();
            serde_json::to_string_pretty(&objects).unwrap_or_default() + "\n"
        }
        Format::Jsonl => rows
            .rows
            .iter()
            .map(|r| serde_json::to_string(&Object(&rows.columns, r)).unwrap_or_default() + "\n")
            .collect(),
        Format::Md => markdown(rows),
    }
}

fn table(rows: &Rows, width: Option<usize>) -> String {
    if rows.rows.is_empty() {
        return "(no rows)\n".to_string();
    }
    let mut t = Table::new();
    t.load_preset(presets::UTF8_FULL_CONDENSED)
        .set_truncation_indicator("…")
        .set_header(&rows.columns);
    match width {
        Some(w) => {
            t.set_width(u16::try_from(w).unwrap_or(u16::MAX))
                .set_content_arrangement(ContentArrangement::Dynamic);
        }
        None => {
            t.set_content_arrangement(ContentArrangement::Disabled);
        }
    }
    for values in &rows.rows {
        let cells = values.iter().map(|v| {
            let cell = Cell::new(v.to_string());
            if matches!(v, Value::Num(_) | Value::Qty(_)) {
                cell.set_alignment(CellAlignment::Right)
            } else {
                cell
            }
        });
        let mut row = Row::from(cells);
        if width.is_some() {
            row.max_height(MAX_CELL_LINES);
        }
        t.add_row(row);
    }
    let n = rows.rows.len();
    format!("{t}\n{n} row{}\n", if n == 1 { "" } else { "s" })
}

fn csv(rows: &Rows) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut records = vec![rows.columns.clone()];
    records.extend(
        rows.rows
            .iter()
            .map(|r| r.iter().map(Value::to_string).collect()),
    );
    for record in records {
        if w.write_record(&record).is_err() {
            return String::new();
        }
    }
    w.into_inner()
        .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
        .unwrap_or_default()
}

fn markdown(rows: &Rows) -> String {
    let line = |cells: Vec<String>| format!("| {} |\n", cells.join(" | "));
    let escape = |s: String| s.replace('|', "\\|").replace('\n', " ");
    let mut out = line(rows.columns.iter().cloned().map(escape).collect());
    out += &line(rows.columns.iter().map(|_| "---".to_string()).collect());
    for r in &rows.rows {
        out += &line(r.iter().map(|v| escape(v.to_string())).collect());
    }
    out
}

/// One row as a JSON object, keys in column order.
struct Object<'r>(&'r [String], &'r [Value]);

impl Serialize for Object<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in self.0.iter().zip(self.1) {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    fn rows() -> Rows {
        Rows {
            columns: vec!["region".into(), "n".into(), "lead".into()],
            rows: vec![vec![
                Value::Str("沂源县".into()),
                Value::Num("0.9".parse().unwrap_or(Decimal::ZERO)),
                Value::List(vec![
                    Value::Str("区财政局".into()),
                    Value::Str("区经济发展局".into()),
                ]),
            ]],
        }
    }

    #[test]
    fn formats_parse_by_name() {
        assert_eq!("JSON".parse::<Format>(), Ok(Format::Json));
        assert!("xml".parse::<Format>().is_err());
    }

    #[test]
    fn decimals_and_lists_print_as_written() {
        assert_eq!(
            render(&rows(), Format::Csv, None),
            "region,n,lead\n沂源县,0.9,区财政局、区经济发展局\n"
        );
        assert_eq!(
            render(&rows(), Format::Jsonl, None),
            "{\"region\":\"沂源县\",\"n\":0.9,\"lead\":[\"区财政局\",\"区经济发展局\"]}\n"
        );
    }

    #[test]
    fn empty_result_says_so() {
        assert_eq!(
            render(&Rows::default(), Format::Table, Some(80)),
            "(no rows)\n"
        );
    }

    #[test]
    fn table_fits_the_width() {
        let mut long = rows();
        long.rows[0][0] = Value::Str("很长的文字".repeat(40));
        let out = render(&long, Format::Table, Some(60));
        let widest = out
            .lines()
            .map(unicode_width::UnicodeWidthStr::width)
            .max()
            .unwrap_or(0);
        assert!(widest <= 60, "{out}");
        assert!(out.ends_with("1 row\n"));
    }
}
