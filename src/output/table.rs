//! The table format: CJK-aligned with comfy-table, fitted to the terminal width.
//!
//! Past a few lines a wide cell is cut with `…` to keep rows readable; the record format
//! and the machine formats always carry the full text.

use super::{readable::human_text, row_count, Options};
use crate::query::{Rows, Value};
use comfy_table::{presets, Cell, CellAlignment, ContentArrangement, Row, Table};

/// Lines a table cell may take before it is cut with `…`.
const MAX_CELL_LINES: usize = 3;

pub fn render(rows: &Rows, options: &Options) -> String {
    if rows.rows.is_empty() {
        return "(no rows)\n".to_string();
    }
    let mut t = Table::new();
    t.load_preset(presets::UTF8_FULL_CONDENSED)
        .set_truncation_indicator("…");
    if options.header {
        t.set_header(&rows.columns);
    }
    match options.width {
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
            let cell = Cell::new(human_text(v));
            if matches!(v, Value::Num(_) | Value::Qty(_)) {
                cell.set_alignment(CellAlignment::Right)
            } else {
                cell
            }
        });
        let mut row = Row::from(cells);
        if options.width.is_some() {
            row.max_height(MAX_CELL_LINES);
        }
        t.add_row(row);
    }
    format!("{t}\n{}", row_count(rows.rows.len()))
}

#[cfg(test)]
mod tests {
    use crate::output::tests::{qty, rows};
    use crate::output::{render, render_with, Format, Options};
    use crate::query::{Rows, Value};

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
        long.rows[0][0] = Value::owned("很长的文字".repeat(40));
        let out = render(&long, Format::Table, Some(60));
        let widest = out
            .lines()
            .map(unicode_width::UnicodeWidthStr::width)
            .max()
            .unwrap_or(0);
        assert!(widest <= 60, "{out}");
        assert!(out.ends_with("1 row\n"));
    }

    #[test]
    fn quantities_read_at_their_scale_right_aligned() {
        let r = Rows {
            columns: vec!["amount".into()],
            rows: vec![vec![qty("238亿元")], vec![qty("500元")]],
        };
        assert_eq!(
            render(&r, Format::Table, None),
            "┌─────────┐\n\
             │ amount  │\n\
             ╞═════════╡\n\
             │ 238亿元 │\n\
             │   500元 │\n\
             └─────────┘\n\
             2 rows\n"
        );
    }

    #[test]
    fn without_header_the_columns_stay_aligned() {
        let options = Options {
            width: None,
            header: false,
        };
        assert_eq!(
            render_with(&rows(), Format::Table, &options),
            "┌────────┬─────┬────────────────────────┐\n\
             │ 沂源县 ┆ 0.9 ┆ 区财政局、区经济发展局 │\n\
             └────────┴─────┴────────────────────────┘\n\
             1 row\n"
        );
    }
}
