//! The pages into the extract: furniture dropped, paragraphs joined across page breaks, a
//! table continued on the next page joined into one (its repeated header dropped, a row
//! split by the break made whole), each page a part with its lines numbered.

use super::layout::{blocks, continues, margins, Block, Margins, Tolerance};
use super::lines::join_text;
use super::page::{strip_furniture, Page};
use super::tables::TableRow;
use crate::ingest::readers::{Extract, Grid, Span};
use crate::ingest::table_row::Header;
use crate::ingest::vocab::{column_meaning, Column};
use std::collections::HashMap;

/// A table over one or more pages: its rows as one grid, whether each cell's last line ran
/// to the cell's edge, its column boundaries, and its header row.
pub(super) struct LongTable {
    pub(super) grid: Grid,
    pub(super) open: Vec<Vec<bool>>,
    pub(super) columns: Vec<f64>,
    pub(super) header: Option<Vec<String>>,
}

/// The cells of a row that reads as a table header (by the meaning of its cells).
pub(super) fn header_of(row: &TableRow) -> Option<Vec<String>> {
    let texts: Vec<String> = row.cells.iter().map(|c| c.text.replace('\n', "")).collect();
    Header::read(&texts).map(|_| texts)
}

/// Lays the pages out into the extract: furniture dropped, paragraphs joined (across a page
/// break too), a table continued on the next page joined into one (its repeated header
/// dropped, a row split by the break made whole again).
pub(super) fn layout(mut pages: Vec<Page>, tol: Tolerance) -> Extract {
    strip_furniture(&mut pages);
    let widths: Vec<f64> = pages.iter().map(|p| p.width.round()).collect();
    let sized: Vec<(f64, &Page)> = widths.iter().copied().zip(pages.iter()).collect();
    let all_margins = margins(&sized);
    let margins_of = |w: f64| {
        all_margins
            .get(&(w.round() as i64))
            .copied()
            .unwrap_or(Margins {
                left: 0.0,
                right: w,
            })
    };
    // Tables over the document, and the long tables they join into.
    let mut long: Vec<LongTable> = Vec::new();
    // Per table of the document, per row: the long table and the row of its grid (none for
    // a repeated header or the rest of a split row).
    let mut row_of: Vec<Vec<Option<(usize, usize)>>> = Vec::new();
    let mut pages_blocks: Vec<Vec<Block>> = Vec::new();
    let mut table_base = 0;
    for (p, page) in pages.iter().enumerate() {
        let m = margins_of(widths[p]);
        let mut bs = blocks(page, &m, tol, table_base);
        for (t, table) in page.tables.iter().enumerate() {
            let doc_t = table_base + t;
            let first_on_page = t == 0
                && matches!(bs.first(), Some(Block::TableRow { table, .. }) if *table == doc_t);
            let joins = first_on_page
                && p > 0
                && matches!(
                    pages_blocks.last().and_then(|b| b.last()),
                    Some(Block::TableRow { .. })
                )
                && long
                    .last()
                    .is_some_and(|l| same_columns(&l.columns, &table.columns));
            if !joins {
                long.push(LongTable {
                    grid: Grid::default(),
                    open: Vec::new(),
                    columns: table.columns.clone(),
                    header: None,
                });
            }
            let l = long.len() - 1;
            let lt = &mut long[l];
            let mut rows_here = Vec::new();
            let mut first_body = true;
            for row in &table.rows {
                if lt.header.is_none() {
                    lt.header = header_of(row);
                } else if joins
                    && first_body
                    && header_of(row).is_some_and(|h| Some(&h) == lt.header.as_ref())
                {
                    // The header again at the top of the continued table.
                    rows_here.push(None);
                    continue;
                }
                if joins && first_body && continues_split_row(lt, row) {
                    first_body = false;
                    merge_split_row(lt, row);
                    rows_here.push(None);
                    continue;
                }
                first_body = false;
                lt.grid.rows.push(row.cells.clone());
                lt.open.push(row.open.clone());
                rows_here.push(Some((l, lt.grid.rows.len() - 1)));
            }
            row_of.push(rows_here);
        }
        table_base += page.tables.len();
        // A paragraph broken by the page break goes on in the last paragraph of the page before.
        if let (
            Some(Block::Text {
                text: prev, last, ..
            }),
            Some(Block::Text { text, first, .. }),
        ) = (
            pages_blocks.last_mut().and_then(|b| b.last_mut()),
            bs.first(),
        ) {
            if continues(last, first, &m, tol, false) {
                *prev = join_text(prev, text);
                bs.remove(0);
            }
        }
        pages_blocks.push(bs);
    }
    let lines_of_long: Vec<HashMap<usize, String>> = long
        .iter()
        .map(|l| l.grid.lines().into_iter().collect())
        .collect();
    let mut extract = Extract::default();
    for (p, bs) in pages_blocks.into_iter().enumerate() {
        extract.part(format!("page {}", p + 1), "line");
        for b in bs {
            match b {
                Block::Text { text, no, .. } => extract.line(&text, no),
                Block::Row { cells, no, .. } => extract.line(&cells.join("\t"), no),
                Block::TableRow { table, row, no } => {
                    if let Some((l, r)) = row_of
                        .get(table)
                        .and_then(|rows| rows.get(row))
                        .copied()
                        .flatten()
                    {
                        if let Some(text) = lines_of_long[l].get(&r).filter(|t| !t.is_empty()) {
                            extract.line(text, no);
                        }
                    }
                }
            }
        }
    }
    extract
}

/// Whether two page tables have the same columns (one table going on over a page).
pub(super) fn same_columns(a: &[f64], b: &[f64]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| (x - y).abs() < 3.0)
}

/// Whether the first row of a table continued on a new page is the rest of the row the
/// last page ended with: the table numbers its rows, and this row has no number.
pub(super) fn continues_split_row(lt: &LongTable, row: &TableRow) -> bool {
    let Some(header) = &lt.header else {
        return false;
    };
    let Some(no) = header
        .iter()
        .position(|h| column_meaning(h) == Some(Column::No))
    else {
        return false;
    };
    !lt.grid.rows.is_empty()
        && row
            .cells
            .get(no)
            .is_some_and(|c| c.span == Span::Own && c.text.trim().is_empty())
        && row.cells.iter().any(|c| !c.text.trim().is_empty())
}

/// Joins the rest of a split row to the row it belongs to, cell by cell: without a break
/// where the cell's last line ran to its edge, on a line of its own where it did not.
pub(super) fn merge_split_row(lt: &mut LongTable, row: &TableRow) {
    let (Some(cells), Some(open)) = (lt.grid.rows.last_mut(), lt.open.last_mut()) else {
        return;
    };
    for (c, cell) in row.cells.iter().enumerate() {
        if cell.text.trim().is_empty() {
            continue;
        }
        if let Some(target) = cells.get_mut(c) {
            let wrapped = open.get(c).copied().unwrap_or(false);
            target.text = if target.text.is_empty() {
                cell.text.clone()
            } else if wrapped {
                join_text(&target.text, &cell.text)
            } else {
                format!("{}\n{}", target.text, cell.text)
            };
        }
        if let (Some(o), Some(n)) = (open.get_mut(c), row.open.get(c)) {
            *o = *n;
        }
    }
}
