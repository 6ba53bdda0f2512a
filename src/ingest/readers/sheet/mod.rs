//! Reads workbooks (.xlsx, .xls, .ods, WPS .et) through calamine: every sheet in turn, each
//! row a line, merged cells as a reader sees them, numbers and dates as they are written.
//! Sheets without a task table (a cover notice) come first, so their title, 文号 and date
//! are read as the document's header.

mod ods;

use super::{Cell, Extract, Grid, Span};
use crate::ingest::table_row::Header;
use calamine::{Data, Dimensions, Range, Reader, Sheets, StyleRange};
use rust_decimal::prelude::FromPrimitive;
use rust_decimal::Decimal;
use std::io::Cursor;
use std::path::Path;

pub fn read(path: &Path, bytes: &[u8]) -> Result<Extract, String> {
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|e| format!("a damaged or unsupported workbook ({}): {e}", kind(path)))?;
    let ods = match book {
        Sheets::Ods(_) => ods::read(bytes),
        _ => ods::Sheets::default(),
    };
    let mut sheets = Vec::new();
    let mut extract = Extract::default();
    let hidden: Vec<String> = book
        .sheets_metadata()
        .iter()
        .filter(|s| s.visible != calamine::SheetVisible::Visible)
        .map(|s| s.name.clone())
        .collect();
    for name in book.sheet_names() {
        if hidden.contains(&name) {
            extract
                .warnings
                .push(format!("sheet {name}: hidden, not read"));
            continue;
        }
        let range = match book.worksheet_range(&name) {
            Ok(range) => range,
            Err(e) => {
                extract
                    .warnings
                    .push(format!("sheet {name}: not read: {e}"));
                continue;
            }
        };
        let unsaved = unsaved_formulas(&mut book, &name, &range);
        if unsaved > 0 {
            extract.warnings.push(format!(
                "sheet {name}: {unsaved} formula cells have no saved value (the file was written by a program that does not calculate); open and save it in Excel, WPS or LibreOffice, then load it again"
            ));
        }
        let merges = merges(&mut book, &ods, &name);
        // Number formats say how a value is shown (6.5%, 2025年6月); calamine reads them
        // for .xlsx only.
        let styles = book
            .worksheet_style(&name)
            .unwrap_or_else(|_| StyleRange::empty());
        let ods_shown = ods.shown.get(&name);
        let shown = |pos: (u32, u32), d: &Data| {
            if let Some(text) = ods_shown.and_then(|s| s.get(&pos)) {
                return text.clone();
            }
            let format = styles
                .get(pos)
                .and_then(|s| s.number_format.as_ref())
                .map_or("", |f| f.format_code.as_str());
            written(d, format)
        };
        let Some((grid, first_row)) = grid(&range, &merges, &shown) else {
            continue;
        };
        sheets.push((name, grid, first_row));
    }
    // Cover sheets before table sheets; each group keeps the workbook's order.
    sheets.sort_by_key(|(_, grid, _)| has_task_header(grid) || !looks_like_cover(grid));
    for (name, grid, first_row) in &sheets {
        extract.part(format!("sheet {name}"), "row");
        extract.grid(grid, *first_row);
    }
    Ok(extract)
}

fn kind(path: &Path) -> String {
    path.extension()
        .map(|e| format!(".{}", e.to_string_lossy().to_ascii_lowercase()))
        .unwrap_or_else(|| "no extension".into())
}

/// The merged regions of a sheet: calamine gives them for .xlsx and .xls, and `ods` reads
/// them from an OpenDocument sheet.
fn merges(book: &mut Sheets<Cursor<&[u8]>>, ods: &ods::Sheets, name: &str) -> Vec<Dimensions> {
    match book {
        Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(name).unwrap_or_default(),
        Sheets::Xls(x) => x.merge_cells_by_sheet_name(name).unwrap_or_default(),
        _ => ods.merges.get(name).cloned().unwrap_or_default(),
    }
}

/// How many cells hold a formula but no value: a workbook saved by a program that writes
/// formulas without calculating them (a script, an export) shows nothing in them.
fn unsaved_formulas(book: &mut Sheets<Cursor<&[u8]>>, name: &str, values: &Range<Data>) -> usize {
    let Ok(formulas) = book.worksheet_formula(name) else {
        return 0;
    };
    let Some((top, left)) = formulas.start() else {
        return 0;
    };
    formulas
        .used_cells()
        .filter(|(_, _, f)| !f.is_empty())
        .filter(|(r, c, _)| {
            let pos = (top + *r as u32, left + *c as u32);
            values
                .get_value(pos)
                .is_none_or(|v| matches!(v, Data::Empty))
        })
        .count()
}

/// A sheet as a grid, and the sheet row number of its first row; `None` for an empty sheet.
/// `shown` gives the text a cell shows, by its place in the sheet (0-based row, column).
fn grid(
    range: &Range<Data>,
    merges: &[Dimensions],
    shown: &dyn Fn((u32, u32), &Data) -> String,
) -> Option<(Grid, u32)> {
    let (top, left) = range.start()?;
    let shown = |r: usize, c: usize, d: &Data| shown((top + r as u32, left + c as u32), d);
    let (mut bottom, mut right) = (top, left);
    let mut any = false;
    for (r, c, d) in range.used_cells() {
        if !shown(r, c, d).trim().is_empty() {
            any = true;
            bottom = bottom.max(top + r as u32);
            right = right.max(left + c as u32);
        }
    }
    if !any {
        return None;
    }
    let (h, w) = ((bottom - top + 1) as usize, (right - left + 1) as usize);
    let mut grid = Grid {
        rows: range
            .rows()
            .take(h)
            .enumerate()
            .map(|(r, row)| {
                row.iter()
                    .take(w)
                    .enumerate()
                    .map(|(c, d)| Cell::new(shown(r, c, d)))
                    .collect()
            })
            .collect(),
    };
    for m in merges {
        for r in m.start.0..=m.end.0 {
            for c in m.start.1..=m.end.1 {
                if (r, c) == m.start || r < top || c < left {
                    continue;
                }
                let span = if r == m.start.0 {
                    Span::Left
                } else {
                    Span::Above
                };
                if let Some(cell) = grid
                    .rows
                    .get_mut((r - top) as usize)
                    .and_then(|row| row.get_mut((c - left) as usize))
                {
                    *cell = Cell::covered(span);
                }
            }
        }
    }
    Some((grid, top + 1))
}

/// A cell's value as the sheet shows it under its number format: whole numbers without
/// `.0`, a percent format as a percentage, dates as 年月日 with the parts the format shows.
fn written(data: &Data, format: &str) -> String {
    match data {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => number(*i as f64, format),
        Data::Float(f) => number(*f, format),
        Data::Bool(b) => if *b { "是" } else { "否" }.to_string(),
        Data::DateTime(d) => match d.as_datetime() {
            Some(dt) if d.is_datetime() => date(dt, format),
            _ => number(d.as_f64(), format),
        },
        Data::DateTimeIso(s) => chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S")
            .ok()
            .or_else(|| {
                chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
                    .ok()
                    .and_then(|d| d.and_hms_opt(0, 0, 0))
            })
            .map_or_else(|| s.clone(), |dt| date(dt, format)),
        Data::DurationIso(s) => s.clone(),
        Data::Error(_) => String::new(),
    }
}

/// A number as its format shows it: `0.0%` → 6.5%, `#,##0` → 12,000, otherwise the
/// shortest exact digits.
fn number(f: f64, format: &str) -> String {
    let code = without_quoted(format);
    let Some(value) = Decimal::from_f64(f) else {
        return format!("{f}");
    };
    let (value, percent) = if code.contains('%') {
        (value * Decimal::ONE_HUNDRED, "%")
    } else {
        (value, "")
    };
    let digits = value.round_dp(10).normalize().to_string();
    let digits = if code.contains(",") {
        grouped(&digits)
    } else {
        digits
    };
    format!("{digits}{percent}")
}

/// `12000.5` → `12,000.5`.
fn grouped(digits: &str) -> String {
    let (sign, rest) = digits.split_at(usize::from(digits.starts_with('-')));
    let (whole, fraction) = rest
        .split_once('.')
        .map_or((rest, None), |(w, f)| (w, Some(f)));
    let mut out = String::from(sign);
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(fraction) = fraction {
        out.push('.');
        out.push_str(fraction);
    }
    out
}

/// A date as a Chinese document writes it, with the parts its format shows: a format
/// without a day (`yyyy年m月`) means the month, which the deadline reader ends at its last day.
fn date(dt: chrono::NaiveDateTime, format: &str) -> String {
    use chrono::{Datelike, Timelike};
    let code = without_quoted(format).to_ascii_lowercase();
    let (has_year, has_day) = (code.contains('y'), code.contains('d'));
    let pad = |n: u32, part: &str| {
        if code.contains(part) {
            format!("{n:02}")
        } else {
            n.to_string()
        }
    };
    let (m, d) = (pad(dt.month(), "mm"), pad(dt.day(), "dd"));
    let day = match (code.is_empty(), has_year, has_day) {
        (false, true, false) => format!("{}年{}月", dt.year(), dt.month()),
        (false, false, true) => format!("{}月{}日", dt.month(), dt.day()),
        (false, true, true) if code.contains('-') => format!("{}-{m}-{d}", dt.year()),
        (false, true, true) if code.contains('/') => format!("{}/{m}/{d}", dt.year()),
        _ => format!("{}年{}月{}日", dt.year(), dt.month(), dt.day()),
    };
    if dt.hour() == 0 && dt.minute() == 0 {
        day
    } else {
        format!("{day} {:02}:{:02}", dt.hour(), dt.minute())
    }
}

/// A number format without its quoted literals (`yyyy"年"m"月"` → `yyyym`).
fn without_quoted(format: &str) -> String {
    let mut out = String::new();
    let mut quoted = false;
    for c in format.chars() {
        match c {
            '"' => quoted = !quoted,
            _ if !quoted => out.push(c),
            _ => {}
        }
    }
    out
}

fn looks_like_cover(grid: &Grid) -> bool {
    grid.rows.iter().take(30).flatten().any(|c| {
        let t = c.text.trim();
        (t.contains('〔') && t.ends_with('号')) || t.ends_with("通知") || t.ends_with("函")
    })
}

fn has_task_header(grid: &Grid) -> bool {
    grid.rows.iter().take(30).any(|row| {
        let cells: Vec<&str> = row.iter().map(|c| c.text.as_str()).collect();
        Header::read(&cells).is_some()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_as_written() {
        assert_eq!(written(&Data::Float(15.0), "General"), "15");
        assert_eq!(written(&Data::Float(12.5), ""), "12.5");
        assert_eq!(written(&Data::Float(0.065), "0.0%"), "6.5%");
        assert_eq!(written(&Data::Float(0.1 + 0.2), ""), "0.3");
        let june = Data::DateTimeIso("2024-06-30".into());
        assert_eq!(written(&june, ""), "2024年6月30日");
        assert_eq!(written(&june, "yyyy\"年\"m\"月\";@"), "2024年6月");
        assert_eq!(written(&june, "m\"月\"d\"日\""), "6月30日");
        assert_eq!(written(&june, "yyyy-mm-dd"), "2024-06-30");
        assert_eq!(written(&june, "yyyy/m/d"), "2024/6/30");
        assert_eq!(written(&Data::Float(12000.0), "#,##0"), "12,000");
        assert_eq!(
            written(&Data::Float(-1234567.25), "#,##0.00"),
            "-1,234,567.25"
        );
        let text = Data::String("2024年12月底前".into());
        assert_eq!(written(&text, ""), "2024年12月底前");
    }
}
