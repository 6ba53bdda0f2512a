//! A page laid out: glyphs sorted into table cells and free lines, every line numbered from
//! the top of the page; and the page furniture (page numbers, running heads) dropped.

use super::collect::{Glyph, Rule};
use super::lines::{lines_of, Line};
use super::tables::{cell_text, frames, Table};
use crate::ingest::normalize::is_page_mark;
use crate::ingest::readers::{Cell, Span};
use std::collections::HashMap;

/// A page laid out: the lines outside tables, and the tables.
#[derive(Debug, Default, Clone)]
pub(super) struct Page {
    /// The page's width as read (pages of one width share their margins).
    pub(super) width: f64,
    pub(super) lines: Vec<Line>,
    pub(super) tables: Vec<Table>,
}

impl Page {
    /// Sorts the glyphs into table cells and free lines, and numbers the lines of the page
    /// top to bottom (a table row takes the number of its first line).
    pub(super) fn build((glyphs, rules): (Vec<Glyph>, Vec<Rule>), width: f64) -> Page {
        let (mut tables, slots, spans) = frames(&rules);
        let mut free = Vec::new();
        let mut in_slot: Vec<Vec<Glyph>> = vec![Vec::new(); slots.len()];
        for g in glyphs {
            let (cx, cy) = (g.x + g.w / 2.0, g.y - 0.3 * g.size);
            match slots
                .iter()
                .position(|s| cx > s.x0 && cx < s.x1 && cy > s.y0 && cy < s.y1)
            {
                Some(i) => in_slot[i].push(g),
                None => free.push(g),
            }
        }
        let mut lines = lines_of(free);
        let mut cell_lines: Vec<Vec<Line>> = in_slot.into_iter().map(lines_of).collect();
        // A merge down the rows gives its text to its top cell.
        for i in 0..slots.len() {
            let s = &slots[i];
            if spans[s.table][s.row][s.col] == Span::Above {
                if let Some(owner) = (0..i).rev().find(|&j| {
                    let o = &slots[j];
                    o.table == s.table
                        && o.col == s.col
                        && o.row < s.row
                        && spans[o.table][o.row][o.col] == Span::Own
                }) {
                    let moved = std::mem::take(&mut cell_lines[i]);
                    cell_lines[owner].extend(moved);
                }
            }
        }
        let mut ys: Vec<(f64, f64)> = lines.iter().map(|l| (l.y, l.size)).collect();
        ys.extend(cell_lines.iter().flatten().map(|l| (l.y, l.size)));
        ys.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut marks: Vec<f64> = Vec::new();
        for (y, size) in ys {
            if marks.last().is_none_or(|m| y - m > 0.35 * size) {
                marks.push(y);
            }
        }
        let number = |y: f64| (marks.iter().take_while(|m| **m <= y + 0.01).count().max(1)) as u32;
        for line in &mut lines {
            line.no = number(line.y);
        }
        let pad = slots
            .iter()
            .zip(&cell_lines)
            .flat_map(|(s, ls)| ls.iter().map(move |l| l.x0() - s.x0))
            .fold(f64::INFINITY, f64::min)
            .clamp(0.0, 8.0);
        for (t, table) in tables.iter_mut().enumerate() {
            let width = table.columns.len().saturating_sub(1);
            for (r, row) in table.rows.iter_mut().enumerate() {
                row.cells = spans[t][r].iter().map(|s| Cell::covered(*s)).collect();
                row.open = vec![false; width];
                row.cells.resize(width, Cell::covered(Span::Left));
                let mut first: Option<f64> = None;
                for (s, ls) in slots.iter().zip(cell_lines.iter_mut()) {
                    if s.table != t || s.row != r || row.cells[s.col].span != Span::Own {
                        continue;
                    }
                    ls.sort_by(|a, b| a.y.total_cmp(&b.y));
                    let (text, open) = cell_text(ls, s.x1 - s.x0 - 2.0 * pad);
                    row.cells[s.col] = Cell::new(text);
                    row.open[s.col] = open;
                    if let Some(l) = ls.first() {
                        first = Some(first.map_or(l.y, |f: f64| f.min(l.y)));
                    }
                }
                row.no = first.map_or(0, number);
            }
        }
        Page {
            width,
            lines,
            tables,
        }
    }
}

/// A line's text with its figures made alike, so that `第 3 页` and `第 4 页` compare equal.
pub(super) fn furniture_key(line: &Line) -> String {
    line.text()
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect()
}

/// Drops the page furniture: at the top or the bottom of a page (the first two or last two
/// lines, tables counted), a page number (`— 3 —`, `第3页 共9页`, a lone number), or a line
/// that stands there on most pages (a running head or foot). Table rows are never furniture.
pub(super) fn strip_furniture(pages: &mut [Page]) {
    let edges = |page: &Page| -> Vec<usize> {
        let mut order: Vec<(f64, Option<usize>)> = page
            .lines
            .iter()
            .enumerate()
            .map(|(i, l)| (l.y, Some(i)))
            .collect();
        for t in &page.tables {
            order.push((t.top, None));
        }
        order.sort_by(|a, b| a.0.total_cmp(&b.0));
        let n = order.len();
        order
            .iter()
            .enumerate()
            .filter(|(k, _)| *k < 2 || *k + 2 >= n)
            .filter_map(|(_, (_, i))| *i)
            .filter(|&i| !page.lines[i].is_row())
            .collect()
    };
    let mut seen: HashMap<String, usize> = HashMap::new();
    for page in pages.iter() {
        let mut keys: Vec<String> = edges(page)
            .into_iter()
            .map(|i| furniture_key(&page.lines[i]))
            .collect();
        keys.sort();
        keys.dedup();
        for key in keys {
            *seen.entry(key).or_default() += 1;
        }
    }
    let count = pages.len();
    for page in pages.iter_mut() {
        let mut drop: Vec<usize> = edges(page)
            .into_iter()
            .filter(|&i| {
                let line = &page.lines[i];
                let text = line.text();
                let repeated = seen
                    .get(&furniture_key(line))
                    .is_some_and(|&n| n >= 2 && n * 2 > count);
                is_page_mark(&text) || is_lone_number(&text) || repeated
            })
            .collect();
        drop.sort_unstable();
        for i in drop.into_iter().rev() {
            page.lines.remove(i);
        }
    }
}

pub(super) fn is_lone_number(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty() && t.len() <= 4 && t.chars().all(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::readers::pdf::testkit::{page, texts};

    #[test]
    fn furniture_is_only_at_the_edges_and_never_a_row() {
        // A row at the bottom of both pages is kept; the page number at the top is not, nor
        // a line repeated on both pages, but only where it stands at an edge.
        let lines = |n: &str, body: &str, tail: &str| {
            page(&[
                (n, 40.0, 5.0),
                ("重复", 0.0, 20.0),
                (body, 0.0, 40.0),
                ("重复", 0.0, 60.0),
                (tail, 0.0, 80.0),
                ("序号", 0.0, 200.0),
                ("任务", 50.0, 200.0),
                ("单位", 100.0, 200.0),
            ])
        };
        let mut pages = vec![
            lines("第 1 页", "正文", "正文尾"),
            lines("第 2 页", "正文二", "正文二尾"),
        ];
        strip_furniture(&mut pages);
        assert_eq!(
            texts(&pages[0].lines),
            ["正文", "重复", "正文尾", "序号\t任务\t单位"]
        );
        assert_eq!(
            texts(&pages[1].lines),
            ["正文二", "重复", "正文二尾", "序号\t任务\t单位"]
        );
    }
}
