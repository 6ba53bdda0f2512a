//! The xlsx format: one worksheet per statement of the run, built for analysts in Excel.
//!
//! The header row is bold, frozen and filtered; columns are as wide as their widest cell
//! (CJK counting two), long text wraps instead of being cut; numbers, quantities, dates
//! and booleans are typed cells, a quantity in its exact base value with its unit in the
//! number format (23,800,000,000元 that sums as a number).

use crate::model::Quantity;
use crate::query::{Rows, Value};
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{ColNum, ExcelDateTime, Format as CellFormat, RowNum, Worksheet};
use unicode_width::UnicodeWidthStr;

/// Excel's limit on a sheet name, in UTF-16 units.
const MAX_SHEET_NAME: usize = 31;

/// Characters Excel refuses in a sheet name.
const FORBIDDEN_IN_SHEET_NAME: &[char] = &['[', ']', ':', '*', '?', '/', '\\'];

/// The widest a column gets, in characters; wider text wraps within it.
const MAX_COLUMN_WIDTH: usize = 60;

/// Room beside the text so it does not touch the cell border (and the filter button).
const COLUMN_PADDING: usize = 3;

/// A workbook being filled, one sheet per statement, written whole by [`Workbook::to_bytes`].
pub struct Workbook {
    book: rust_xlsxwriter::Workbook,
    header: bool,
    /// Sheets added so far.
    pub sheets: usize,
}

impl Workbook {
    /// `header`: whether each sheet starts with the column names.
    pub fn new(header: bool) -> Workbook {
        Workbook {
            book: rust_xlsxwriter::Workbook::new(),
            header,
            sheets: 0,
        }
    }

    /// Adds the result of statement number `n` of the run (from 1) as a sheet named after it.
    pub fn add_sheet(&mut self, n: usize, statement: &str, rows: &Rows) -> Result<(), String> {
        self.sheets += 1;
        let sheet = self.book.add_worksheet();
        sheet
            .set_name(sheet_name(n, statement))
            .map_err(|e| e.to_string())?;
        fill(sheet, rows, self.header).map_err(|e| format!("sheet {n}: {e}"))
    }

    /// The workbook as the bytes of an .xlsx file.
    pub fn to_bytes(&mut self) -> Result<Vec<u8>, String> {
        self.book
            .save_to_buffer()
            .map_err(|e| format!("cannot build the workbook: {e}"))
    }
}

/// `1 tasks where doc.region = "沂…`: the statement's number, then its text on one line
/// without the characters Excel forbids, cut to Excel's 31 units. The number makes names
/// unique: it is the only text before the first space.
fn sheet_name(n: usize, statement: &str) -> String {
    let text: String = statement
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .filter(|c| !FORBIDDEN_IN_SHEET_NAME.contains(c))
        .collect();
    // Excel also refuses an apostrophe at either end of a name.
    let full = format!("{n} {}", text.trim_matches('\''));
    if full.encode_utf16().count() <= MAX_SHEET_NAME {
        return full.trim_end().to_string();
    }
    // One unit is left for the `…` that says the name was cut.
    let mut units = 0;
    let cut: String = full
        .chars()
        .take_while(|c| {
            units += c.len_utf16();
            units < MAX_SHEET_NAME
        })
        .collect();
    format!("{}…", cut.trim_end().trim_end_matches('\''))
}

fn fill(sheet: &mut Worksheet, rows: &Rows, header: bool) -> Result<(), String> {
    let too_wide = || format!("{} columns is more than Excel holds", rows.columns.len());
    let too_long = || format!("{} rows is more than Excel holds", rows.rows.len());
    let last_col = ColNum::try_from(rows.columns.len()).map_err(|_| too_wide())?;
    let first_row = RowNum::from(header);
    let last_row = u32::try_from(rows.rows.len())
        .ok()
        .and_then(|n| n.checked_add(first_row))
        .ok_or_else(too_long)?;
    let bold = CellFormat::new().set_bold();
    let wrap = CellFormat::new().set_text_wrap();
    let date = CellFormat::new().set_num_format("yyyy-mm-dd");
    let plain = CellFormat::new();
    let mut wraps = Vec::new();
    for (c, name) in rows.columns.iter().enumerate() {
        let col = ColNum::try_from(c).map_err(|_| too_wide())?;
        let cells = rows.rows.iter().filter_map(|r| r.get(c));
        let widest = column_width(header.then_some(name.as_str()), cells);
        wraps.push(widest > MAX_COLUMN_WIDTH);
        let width = widest.min(MAX_COLUMN_WIDTH) + COLUMN_PADDING;
        sheet
            .set_column_width(col, width as f64)
            .map_err(|e| e.to_string())?;
        if header {
            sheet
                .write_string_with_format(0, col, name, &bold)
                .map_err(|e| e.to_string())?;
        }
    }
    for (r, values) in rows.rows.iter().enumerate() {
        let row = first_row + r as RowNum;
        for (c, value) in values.iter().enumerate() {
            let col = c as ColNum;
            let text = if wraps.get(c) == Some(&true) {
                &wrap
            } else {
                &plain
            };
            write_cell(sheet, row, col, value, text, &date).map_err(|e| e.to_string())?;
        }
    }
    if header && last_col > 0 {
        sheet.set_freeze_panes(1, 0).map_err(|e| e.to_string())?;
        sheet
            .autofilter(0, 0, last_row - 1, last_col - 1)
            .map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// One typed cell; `text` is the format for text (wrapping in a long-text column).
fn write_cell(
    sheet: &mut Worksheet,
    row: RowNum,
    col: ColNum,
    value: &Value,
    text: &CellFormat,
    date: &CellFormat,
) -> Result<(), rust_xlsxwriter::XlsxError> {
    match value {
        Value::Null => return Ok(()),
        Value::Bool(b) => sheet.write_boolean(row, col, *b)?,
        Value::Num(d) => match d.to_f64() {
            Some(f) => sheet.write_number(row, col, f)?,
            None => sheet.write_string_with_format(row, col, d.to_string(), text)?,
        },
        Value::Qty(q) => match q.value.to_f64() {
            Some(f) => sheet.write_number_with_format(row, col, f, &quantity_format(q))?,
            None => sheet.write_string_with_format(row, col, q.to_string(), text)?,
        },
        Value::Date(d) => match ExcelDateTime::parse_from_str(d) {
            Ok(day) => sheet.write_datetime_with_format(row, col, &day, date)?,
            Err(_) => sheet.write_string_with_format(row, col, d.as_ref(), text)?,
        },
        Value::Str(_) | Value::List(_) => {
            sheet.write_string_with_format(row, col, value.to_string(), text)?
        }
    };
    Ok(())
}

/// `#,##0.0"元"`: thousands grouped, as many decimals as the value has, the unit after.
fn quantity_format(q: &Quantity) -> CellFormat {
    let places = q.value.normalize().scale() as usize;
    let decimals = if places == 0 {
        String::new()
    } else {
        format!(".{}", "0".repeat(places))
    };
    let unit = q.unit.replace('"', "");
    CellFormat::new().set_num_format(format!("#,##0{decimals}\"{unit}\""))
}

/// The display width of a column's widest cell as Excel shows it (CJK counting two; a
/// quantity with its thousands separators).
fn column_width<'v, 'a: 'v>(
    header: Option<&str>,
    cells: impl Iterator<Item = &'v Value<'a>>,
) -> usize {
    let cell_width = |v: &Value| match v {
        Value::Qty(q) => {
            let digits = q.value.abs().trunc().to_string().len();
            q.to_string().width() + (digits.saturating_sub(1)) / 3
        }
        other => other.to_string().width(),
    };
    cells
        .map(cell_width)
        .chain(header.map(UnicodeWidthStr::width))
        .max()
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::tests::qty;

    #[test]
    fn sheet_names_are_numbered_cleaned_and_cut() {
        assert_eq!(sheet_name(1, "docs | count"), "1 docs | count");
        assert_eq!(
            sheet_name(2, "tasks\n  where title ~ \"[a]:*?/\\\\\""),
            "2 tasks where title ~ \"a\""
        );
        let long = sheet_name(12, "tasks where doc.region = \"沂源县\" select no, title");
        assert_eq!(long, "12 tasks where doc.region = \"沂…");
        assert_eq!(long.encode_utf16().count(), MAX_SHEET_NAME);
        assert_eq!(sheet_name(3, "'quoted'"), "3 quoted");
    }

    #[test]
    fn columns_are_as_wide_as_their_widest_cell() {
        let cells = [Value::Str("沂源县".into()), Value::Str("abc".into())];
        assert_eq!(column_width(Some("region"), cells.iter()), 6);
        assert_eq!(column_width(Some("r"), cells.iter()), 6);
        assert_eq!(column_width(None, [Value::Null].iter()), 0);
        // 23,800,000,000元: eleven digits, three separators, one wide character.
        assert_eq!(column_width(None, [qty("238亿元")].iter()), 16);
    }

    #[test]
    fn quantity_formats_show_the_unit_and_every_decimal() {
        let format = |text: &str| match qty(text) {
            Value::Qty(q) => quantity_format(&q),
            _ => unreachable!(),
        };
        assert_eq!(
            format("238亿元"),
            CellFormat::new().set_num_format("#,##0\"元\"")
        );
        assert_eq!(
            format("6.55%"),
            CellFormat::new().set_num_format("#,##0.00\"%\"")
        );
    }
}
