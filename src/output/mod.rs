//! Rows → output: the text formats (a CJK-aligned table, records, CSV, JSON, JSON lines,
//! Markdown), an Excel workbook, and where the result is written.
//!
//! Human formats (table, record, md) print quantities at a readable scale (238亿元); the
//! machine formats (csv, json, jsonl, xlsx) keep the exact base value (23800000000元).

mod destination;
mod markdown;
mod readable;
mod record;
mod table;
mod target;
mod wrap;
mod xlsx;

pub use destination::{replace_file, Destination};
pub use target::OutPath;
pub use wrap::wrap;
pub use xlsx::Workbook;

use crate::query::{Rows, Value};
use serde::ser::{Serialize, SerializeMap, Serializer};
use std::str::FromStr;

/// How results are printed as text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Table,
    /// One field per line, psql `\x` style: for rows too wide to read across.
    Record,
    Csv,
    Json,
    Jsonl,
    Md,
}

impl Format {
    /// The names `--format` and `.format` accept.
    pub const NAMES: &'static [&'static str] = &["table", "record", "csv", "json", "jsonl", "md"];
}

impl FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "table" => Ok(Format::Table),
            "record" => Ok(Format::Record),
            "csv" => Ok(Format::Csv),
            "json" => Ok(Format::Json),
            "jsonl" => Ok(Format::Jsonl),
            "md" | "markdown" => Ok(Format::Md),
            other => Err(format!(
                "unknown format `{other}` ({})",
                Format::NAMES.join(", ")
            )),
        }
    }
}

/// What `--format` accepts: a text format, or `xlsx`, a workbook built over the whole run
/// and written once at the end (the REPL prints text only, so it takes [`Format`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    Text(Format),
    Xlsx,
    /// A SQLite database: `planq export` only, which writes the whole model.
    Sqlite,
}

impl FromStr for OutputFormat {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s.eq_ignore_ascii_case("xlsx") {
            return Ok(OutputFormat::Xlsx);
        }
        if s.eq_ignore_ascii_case("sqlite") {
            return Ok(OutputFormat::Sqlite);
        }
        s.parse().map(OutputFormat::Text).map_err(|_| {
            format!(
                "unknown format `{s}` ({}, xlsx; sqlite for export)",
                Format::NAMES.join(", ")
            )
        })
    }
}

/// Choices that shape the text besides the format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// The width a table or record must fit; None: no limit.
    pub width: Option<usize>,
    /// Whether csv, md and table print their header row (record and json have none to drop).
    pub header: bool,
}

/// Renders `rows`; `width` is the terminal width a table must fit (None: no limit).
pub fn render(rows: &Rows, format: Format, width: Option<usize>) -> String {
    render_with(
        rows,
        format,
        &Options {
            width,
            header: true,
        },
    )
}

/// Renders `rows` with every option spelled out.
pub fn render_with(rows: &Rows, format: Format, options: &Options) -> String {
    match format {
        Format::Table => table::render(rows, options),
        Format::Record => record::render(rows, options.width),
        Format::Csv => csv(rows, options.header),
        Format::Json => {
            let objects: Vec<Object> = rows.rows.iter().map(|r| Object(&rows.columns, r)).collect();
            serde_json::to_string_pretty(&objects).unwrap_or_default() + "\n"
        }
        Format::Jsonl => rows
            .rows
            .iter()
            .map(|r| serde_json::to_string(&Object(&rows.columns, r)).unwrap_or_default() + "\n")
            .collect(),
        Format::Md => markdown::render(rows, options.header),
    }
}

/// The footer under a table or a list of records.
fn row_count(n: usize) -> String {
    format!("{n} row{}\n", if n == 1 { "" } else { "s" })
}

fn csv(rows: &Rows, header: bool) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let header = header.then(|| rows.columns.clone());
    let records = header.into_iter().chain(
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

/// One row as a JSON object, keys in column order.
struct Object<'r>(&'r [String], &'r [Value<'r>]);

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
pub(crate) mod tests {
    use super::*;
    use crate::model::Quantity;
    use rust_decimal::Decimal;

    pub(crate) fn rows() -> Rows {
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

    pub(crate) fn qty(text: &str) -> Value<'static> {
        Value::Qty(Quantity::parse(text).unwrap_or_else(|| panic!("{text} should parse")))
    }

    #[test]
    fn formats_parse_by_name() {
        assert_eq!("JSON".parse::<Format>(), Ok(Format::Json));
        assert_eq!("record".parse::<Format>(), Ok(Format::Record));
        assert!("xml".parse::<Format>().is_err());
        assert_eq!("XLSX".parse::<OutputFormat>(), Ok(OutputFormat::Xlsx));
        assert_eq!("sqlite".parse::<OutputFormat>(), Ok(OutputFormat::Sqlite));
        assert_eq!(
            "md".parse::<OutputFormat>(),
            Ok(OutputFormat::Text(Format::Md))
        );
        assert_eq!(
            "xml".parse::<OutputFormat>(),
            Err("unknown format `xml` (table, record, csv, json, jsonl, md, xlsx; sqlite for export)".into())
        );
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
    fn machine_formats_keep_the_base_value() {
        let r = Rows {
            columns: vec!["amount".into()],
            rows: vec![vec![qty("238亿元")]],
        };
        assert_eq!(render(&r, Format::Csv, None), "amount\n23800000000元\n");
        assert_eq!(
            render(&r, Format::Jsonl, None),
            "{\"amount\":\"23800000000元\"}\n"
        );
    }

    #[test]
    fn csv_without_header() {
        let options = Options {
            width: None,
            header: false,
        };
        assert_eq!(
            render_with(&rows(), Format::Csv, &options),
            "沂源县,0.9,区财政局、区经济发展局\n"
        );
    }
}
