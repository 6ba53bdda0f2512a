//! Tables: whether one holds data or lays out the page, and a data table read as a grid
//! with its merged cells resolved.

use super::dom::Dom;
use super::page::Page;
use crate::ingest::readers::{Cell, Grid, Span};

/// Work caps per table: a generated page may hold a table far larger than any plan.
const MAX_ROWS: usize = 10_000;
pub(super) const MAX_COLS: usize = 200;
/// A table cell holding a run of paragraphs this long is an article laid out in a table.
const LAYOUT_CELL_CJK: usize = 300;

impl Page {
    /// Whether a table holds data rather than laying out the page: rows and columns of
    /// cells, no table inside it, no heading, and no cell that holds a run of paragraphs
    /// making up most of its text (an article laid out in a table cell).
    pub(super) fn is_data_table(&self, table: usize) -> bool {
        let rows = rows(&self.dom, table);
        let widest = rows
            .iter()
            .map(|r| {
                r.iter()
                    .filter_map(|&c| self.dom.tag(c))
                    .map(|t| t.colspan)
                    .sum::<usize>()
            })
            .max()
            .unwrap_or(0);
        if rows.len() < 2 || widest < 2 {
            return false;
        }
        let inner = table + 1..self.dom.end(table);
        if inner.clone().any(|i| {
            self.dom
                .tag(i)
                .is_some_and(|t| t.name == "table" || t.is_heading())
                && !self.dropped[i]
        }) {
            return false;
        }
        let total = self.own_cjk(table);
        !rows.iter().flatten().any(|&cell| {
            let blocks = (cell + 1..self.dom.end(cell))
                .filter(|&i| self.dom.tag(i).is_some_and(|t| t.is_block()))
                .count();
            let own = self.own_cjk(cell);
            blocks >= 3 && own * 2 > total && own >= LAYOUT_CELL_CJK
        })
    }

    /// A data table as a grid: spans resolved, breaks inside a cell kept as `\n`.
    pub(super) fn grid(&self, table: usize, name: &str, warnings: &mut Vec<String>) -> Grid {
        let mut rows = rows(&self.dom, table);
        if rows.len() > MAX_ROWS {
            warnings.push(format!(
                "{name}: {} rows, only the first {MAX_ROWS} read",
                rows.len()
            ));
            rows.truncate(MAX_ROWS);
        }
        let count = rows.len();
        let mut grid = Grid::default();
        let mut wide = false;
        // Per column: how many rows below are still covered by a cell above.
        let mut carry: Vec<usize> = Vec::new();
        for (r, cells) in rows.iter().enumerate() {
            let mut row: Vec<Cell> = Vec::new();
            let mut col = 0;
            for &cell in cells {
                cover(&mut row, &mut col, &mut carry);
                if col >= MAX_COLS {
                    wide = true;
                    break;
                }
                let tag = self.dom.tag(cell);
                let colspan = tag.map_or(1, |t| t.colspan).min(MAX_COLS - col);
                let left = count - r;
                let rowspan = match tag.map_or(1, |t| t.rowspan) {
                    0 => left,
                    n => n.min(left),
                };
                row.push(Cell::new(self.lines(cell).join("\n")));
                row.extend((1..colspan).map(|_| Cell::covered(Span::Left)));
                if carry.len() < col + colspan {
                    carry.resize(col + colspan, 0);
                }
                for c in &mut carry[col..col + colspan] {
                    *c = rowspan.saturating_sub(1);
                }
                col += colspan;
            }
            // Cells merged from above past the last cell this row writes.
            if let Some(last) = carry.iter().rposition(|&c| c > 0) {
                while col <= last {
                    if carry[col] > 0 {
                        cover(&mut row, &mut col, &mut carry);
                    } else {
                        row.push(Cell::new(""));
                        col += 1;
                    }
                }
            }
            grid.rows.push(row);
        }
        if wide {
            warnings.push(format!(
                "{name}: more than {MAX_COLS} columns, only the first {MAX_COLS} read"
            ));
        }
        grid
    }
}

/// Covers the cells at `col` that a cell above still spans.
fn cover(row: &mut Vec<Cell>, col: &mut usize, carry: &mut [usize]) {
    while let Some(c) = carry.get_mut(*col).filter(|c| **c > 0) {
        *c -= 1;
        row.push(Cell::covered(Span::Above));
        *col += 1;
    }
}

/// A table's own rows and each row's cells (not those of a table inside it).
fn rows(dom: &Dom, table: usize) -> Vec<Vec<usize>> {
    let mut rows = Vec::new();
    let mut i = table + 1;
    while i < dom.end(table) {
        match dom.name(i) {
            "table" => i = dom.end(i),
            "tr" => {
                let mut cells = Vec::new();
                let mut j = i + 1;
                while j < dom.end(i) {
                    if matches!(dom.name(j), "td" | "th") {
                        cells.push(j);
                        j = dom.end(j);
                    } else if dom.name(j) == "table" {
                        j = dom.end(j);
                    } else {
                        j += 1;
                    }
                }
                rows.push(cells);
                i = dom.end(i);
            }
            _ => i += 1,
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::Html;

    #[test]
    fn rowspan_and_colspan_make_a_grid() {
        let page = r#"<body><div><p>附件：重点任务表，请各单位认真对照落实。</p><table>
            <tr><td colspan="3">重点任务表</td></tr>
            <tr><th>领域</th><th>工作任务</th><th>牵头单位</th></tr>
            <tr><td rowspan="2">就业</td><td>新增岗位<p>1200个</p></td><td>区人社局<br>区财政局</td></tr>
            <tr><td>培训2000人次</td><td>区教育局</td></tr>
            <tr><td>教育</td><td colspan="2" rowspan="2">扩充学位</td></tr>
            <tr><td>教育</td></tr>
            </table></div></body>"#;
        let html = Html::parse_document(page);
        let page = Page::new(Dom::build(&html));
        let table = page.dom.first("table").unwrap_or(0);
        assert!(page.is_data_table(table));
        let grid = page.grid(table, "table 1", &mut Vec::new());
        let own = |t: &str| Cell::new(t);
        let (left, above) = (Cell::covered(Span::Left), Cell::covered(Span::Above));
        assert_eq!(
            grid.rows,
            vec![
                vec![own("重点任务表"), left.clone(), left.clone()],
                vec![own("领域"), own("工作任务"), own("牵头单位")],
                vec![
                    own("就业"),
                    own("新增岗位\n1200个"),
                    own("区人社局\n区财政局")
                ],
                vec![above.clone(), own("培训2000人次"), own("区教育局")],
                vec![own("教育"), own("扩充学位"), left],
                vec![own("教育"), above.clone(), above],
            ]
        );
        assert_eq!(
            grid.lines().into_iter().map(|(_, l)| l).collect::<Vec<_>>()[2..4],
            [
                "就业\t新增岗位1200个\t区人社局、区财政局",
                "就业\t培训2000人次\t区教育局"
            ]
        );
    }
}
