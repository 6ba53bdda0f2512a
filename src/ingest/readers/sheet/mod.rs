//! Reads workbooks (.xlsx, .xls, .ods, WPS .et) through calamine: every sheet in turn, each
//! row a line, merged cells as a reader sees them, numbers and dates as they are written.
//! Sheets without a task table (a cover notice) come first, so their title, 文号 and date
//! are read as the document's header.

mod ods;

use super::{Cell, Extract, Grid, Span};
use crate::ingest::table_row::Header;
use calamine::{Data, Dimensions, Range, Reader, Sheets};
use std::collections::HashMap;
use std::io::Cursor;
use std::path::Path;

pub fn read(path: &Path, bytes: &[u8]) -> Result<Extract, String> {
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|e| format!("a damaged or unsupported workbook ({}): {e}", kind(path)))?;
    let ods = match book {
        Sheets::Ods(_) => ods::merges(bytes),
        _ => HashMap::new(),
    };
    let mut sheets = Vec::new();
    let mut extract = Extract::default();
    for name in book.sheet_names() {
        let range = match book.worksheet_range(&name) {
            Ok(range) => range,
            Err(e) => {
                extract
                    .warnings
                    .push(format!("sheet {name}: not read: {e}"));
                continue;
            }
        };
        let merges = merges(&mut book, &ods, &name);
        let Some((grid, first_row)) = grid(&range, &merges) else {
            continue;
        };
        sheets.push((name, grid, first_row));
    }
    // Cover sheets before table sheets; each group keeps the workbook's order.
    sheets.sort_by_key(|(_, grid, _)| has_task_header(grid));
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
fn merges(
    book: &mut Sheets<Cursor<&[u8]>>,
    ods: &HashMap<String, Vec<Dimensions>>,
    name: &str,
) -> Vec<Dimensions> {
    match book {
        Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(name).unwrap_or_default(),
        Sheets::Xls(x) => x.merge_cells_by_sheet_name(name).unwrap_or_default(),
        _ => ods.get(name).cloned().unwrap_or_default(),
    }
}

/// A sheet as a grid, and the sheet row number of its first row; `None` for an empty sheet.
fn grid(range: &Range<Data>, merges: &[Dimensions]) -> Option<(Grid, u32)> {
    let (top, left) = range.start()?;
    let mut grid = Grid {
        rows: range
            .rows()
            .map(|row| row.iter().map(|d| Cell::new(written(d))).collect())
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

/// A cell's value as the sheet shows it: whole numbers without `.0`, dates as 年月日.
fn written(data: &Data) -> String {
    match data {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => float(*f),
        Data::Bool(b) => if *b { "是" } else { "否" }.to_string(),
        Data::DateTime(d) => match d.as_datetime() {
            Some(dt) if d.is_datetime() => date(dt),
            _ => float(d.as_f64()),
        },
        Data::DateTimeIso(s) => chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S")
            .ok()
            .or_else(|| {
                chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
                    .ok()
                    .and_then(|d| d.and_hms_opt(0, 0, 0))
            })
            .map_or_else(|| s.clone(), date),
        Data::DurationIso(s) => s.clone(),
        Data::Error(_) => String::new(),
    }
}

fn float(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        format!("{f}")
    }
}

/// A date cell as a Chinese document writes it (the deadline reader reads 年月日).
fn date(dt: chrono::NaiveDateTime) -> String {
    use chrono::{Datelike, Timelike};
    let day = format!("{}年{}月{}日", dt.year(), dt.month(), dt.day());
    if dt.hour() == 0 && dt.minute() == 0 {
        day
    } else {
        format!("{day} {:02}:{:02}", dt.hour(), dt.minute())
    }
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
        assert_eq!(written(&Data::Float(15.0)), "15");
        assert_eq!(written(&Data::Float(12.5)), "12.5");
        assert_eq!(
            written(&Data::DateTimeIso("2024-06-30".into())),
            "2024年6月30日"
        );
        assert_eq!(
            written(&Data::String("2024年12月底前".into())),
            "2024年12月底前"
        );
    }
}
