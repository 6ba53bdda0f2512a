//! Blocks of a page in reading order: paragraphs (their wrapped lines joined, by where lines
//! end and start against the margins), rows of tables without rules (wrapped cells joined
//! into their row), and the rows of ruled tables.

use super::lines::{join_text, Line, Run};
use super::page::Page;
use std::collections::HashMap;

/// How strict the geometry is: glyph positions are exact; pdftotext's columns are rounded.
#[derive(Debug, Clone, Copy)]
pub(super) struct Tolerance {
    /// How far short of the right margin (in ems, beyond the next line's first piece) a
    /// line may end and still count as wrapped.
    pub(super) wrap: f64,
}

impl Tolerance {
    pub(super) const GLYPHS: Tolerance = Tolerance { wrap: 0.3 };
    pub(super) const COLUMNS: Tolerance = Tolerance { wrap: 1.5 };
}

/// The text block's margins on pages of one width: where wrapped lines start, and the
/// furthest a line reaches.
#[derive(Debug, Clone, Copy)]
pub(super) struct Margins {
    pub(super) left: f64,
    pub(super) right: f64,
}

/// The edges of a paragraph's line that decide whether the next line goes on with it.
#[derive(Debug, Clone, Copy)]
pub(super) struct Edge {
    pub(super) x0: f64,
    pub(super) x1: f64,
    pub(super) y: f64,
    pub(super) size: f64,
    pub(super) lead: f64,
}

impl Edge {
    pub(super) fn of(line: &Line) -> Edge {
        Edge {
            x0: line.x0(),
            x1: line.x1(),
            y: line.y,
            size: line.size,
            lead: line.lead(),
        }
    }
}

#[derive(Debug, Clone)]
pub(super) enum Block {
    Text {
        text: String,
        no: u32,
        first: Edge,
        last: Edge,
    },
    /// A row of a table without rules: its cells and where each stands on the line.
    Row {
        cells: Vec<String>,
        spans: Vec<(f64, f64)>,
        no: u32,
        last: Edge,
    },
    /// Row `row` of table `table` (tables are numbered over the whole document).
    TableRow { table: usize, row: usize, no: u32 },
}

/// Whether `next` goes on with the paragraph whose last line is `prev`: `prev` ran to the
/// right margin (the next line's first piece would not have fitted), and `next` starts at
/// the left margin — or both lines are centred (a title set on two lines: the second
/// stands clear of both margins). On one page the
/// lines must also follow at the paragraph's line pitch.
pub(super) fn continues(
    prev: &Edge,
    next: &Edge,
    m: &Margins,
    tol: Tolerance,
    same_page: bool,
) -> bool {
    let em = prev.size.max(next.size);
    let same_size = (prev.size - next.size).abs() <= 0.15 * em;
    let full = prev.x1 + next.lead >= m.right - tol.wrap * em;
    let pitch = next.y - prev.y;
    let follows = !same_page || (pitch > 0.0 && pitch <= 2.2 * em);
    let at_left = (next.x0 - m.left).abs() <= 0.5 * em;
    let (gap_left, gap_right) = (next.x0 - m.left, m.right - next.x1);
    let centred = (gap_left - gap_right).abs() <= em && gap_left.min(gap_right) > em;
    let title = centred && ((prev.x0 - m.left) - (m.right - prev.x1)).abs() <= em;
    same_size && full && follows && (at_left || title)
}

/// The margins of pages of each width: the left edge most lines start at, and the right
/// edge those lines reach. The right edge is trusted when two lines or more reach it (as
/// the wrapped lines of paragraphs do); else (a page of short lines) it is taken to mirror
/// the left margin, or, on a page of unknown width, no line counts as reaching it.
pub(super) fn margins(pages: &[(f64, &Page)]) -> HashMap<i64, Margins> {
    let mut starts: HashMap<i64, HashMap<i64, usize>> = HashMap::new();
    for (width, page) in pages {
        for line in page.lines.iter().filter(|l| !l.is_row()) {
            *starts
                .entry(width.round() as i64)
                .or_default()
                .entry(line.x0().round() as i64)
                .or_default() += 1;
        }
    }
    starts
        .into_iter()
        .map(|(width, counts)| {
            let left = counts
                .iter()
                .max_by_key(|(x, n)| (**n, -**x))
                .map_or(0.0, |(x, _)| *x as f64);
            let lines: Vec<&Line> = pages
                .iter()
                .filter(|(w, _)| w.round() as i64 == width)
                .flat_map(|(_, p)| p.lines.iter())
                .filter(|l| !l.is_row())
                .collect();
            let right = lines
                .iter()
                .filter(|l| (l.x0() - left).abs() <= 1.0)
                .map(|l| l.x1())
                .fold(left, f64::max);
            let reached = lines
                .iter()
                .filter(|l| l.x1() >= right - 1.5 * l.size)
                .count();
            let right = if reached >= 2 {
                right
            } else if width > 0 {
                right.max(width as f64 - left)
            } else {
                f64::INFINITY
            };
            (width, Margins { left, right })
        })
        .collect()
}

/// Whether a line continues the table row above it (a cell's text wrapped onto it): close
/// below the row, nothing under the row's first cell, every run under one of its others.
pub(super) fn continues_row(spans: &[(f64, f64)], last: &Edge, line: &Line) -> bool {
    let em = line.size.max(last.size);
    let pitch = line.y - last.y;
    spans.len() >= 2
        && pitch > 0.0
        && pitch <= 2.2 * em
        && line.x0() > spans[0].1
        && line
            .runs
            .iter()
            .all(|r| column_of(spans, r).is_some_and(|c| c >= 1))
}

/// The cell a run of a wrapped line belongs to: the one it overlaps most, or (centred text
/// narrower than the line above it) the one whose middle is nearest.
pub(super) fn column_of(spans: &[(f64, f64)], run: &Run) -> Option<usize> {
    let overlap = |&(a, b): &(f64, f64)| (b.min(run.x1) - a.max(run.x0)).max(0.0);
    let middle = (run.x0 + run.x1) / 2.0;
    let best =
        (0..spans.len()).max_by(|&i, &j| overlap(&spans[i]).total_cmp(&overlap(&spans[j])))?;
    if overlap(&spans[best]) > 0.0 {
        return Some(best);
    }
    (0..spans.len()).min_by(|&i, &j| {
        let d = |k: usize| (middle - (spans[k].0 + spans[k].1) / 2.0).abs();
        d(i).total_cmp(&d(j))
    })
}

/// Turns a page's lines and tables into blocks in reading order; `first_table` numbers the
/// page's tables in the document.
pub(super) fn blocks(page: &Page, m: &Margins, tol: Tolerance, first_table: usize) -> Vec<Block> {
    let mut items: Vec<(f64, Option<&Line>, usize)> =
        page.lines.iter().map(|l| (l.y, Some(l), 0)).collect();
    for (t, table) in page.tables.iter().enumerate() {
        items.push((table.top, None, t));
    }
    items.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut out: Vec<Block> = Vec::new();
    for (_, line, t) in items {
        let Some(line) = line else {
            for (row, r) in page.tables[t].rows.iter().enumerate() {
                out.push(Block::TableRow {
                    table: first_table + t,
                    row,
                    no: r.no,
                });
            }
            continue;
        };
        let edge = Edge::of(line);
        match out.last_mut() {
            Some(Block::Row {
                cells, spans, last, ..
            }) if continues_row(spans, last, line) => {
                for run in &line.runs {
                    if let Some(c) = column_of(spans, run).filter(|c| *c < cells.len()) {
                        cells[c] = join_text(&cells[c], &run.text);
                    }
                }
                *last = edge;
                continue;
            }
            Some(Block::Text { text, last, .. })
                if !line.is_row() && continues(last, &edge, m, tol, true) =>
            {
                *text = join_text(text, &line.text());
                *last = edge;
                continue;
            }
            _ => {}
        }
        out.push(if line.is_row() {
            Block::Row {
                cells: line.runs.iter().map(|r| r.text.clone()).collect(),
                spans: line.runs.iter().map(|r| (r.x0, r.x1)).collect(),
                no: line.no,
                last: edge,
            }
        } else {
            Block::Text {
                text: line.text(),
                no: line.no,
                first: edge,
                last: edge,
            }
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::assemble::layout;
    use super::super::page::Page;
    use super::*;
    use crate::ingest::readers::pdf::collect::Glyph;
    use crate::ingest::readers::pdf::testkit::{page, set};

    #[test]
    fn paragraphs_join_their_wrapped_lines() {
        // A text block 100 wide: ten characters a line, first lines indented two.
        let p = page(&[
            ("一、总体要求", 20.0, 20.0),
            ("一是推进充电设施", 20.0, 34.0),
            ("建设，新建充电桩三百", 0.0, 48.0),
            // Wrapped although a character would fit: 个 may not leave its 。 behind.
            ("个。", 0.0, 62.0),
            ("二是实施老旧", 20.0, 76.0),
            // A number broken over two lines joins without a space.
            ("改造小区，新建桩九3", 0.0, 90.0),
            ("00个。", 0.0, 104.0),
        ]);
        let extract = layout(vec![p], Tolerance::GLYPHS);
        assert_eq!(
            extract.text(),
            "一、总体要求\n一是推进充电设施建设，新建充电桩三百个。\n二是实施老旧\n改造小区，新建桩九300个。"
        );
        assert_eq!(extract.places.of(2).as_deref(), Some("page 1 line 2"));
        assert_eq!(extract.places.of(4).as_deref(), Some("page 1 line 6"));
    }

    #[test]
    fn a_paragraph_goes_on_over_the_page_break_and_furniture_goes() {
        let first = page(&[
            ("机关文件", 40.0, 5.0),
            ("一是推进充电设施", 20.0, 20.0),
            ("建设，新建充电桩三百", 0.0, 34.0),
            ("— 1 —", 40.0, 200.0),
        ]);
        let second = page(&[
            ("机关文件", 40.0, 5.0),
            ("个，建成站点十二座。", 0.0, 20.0),
            ("二是实施老旧小区改", 20.0, 34.0),
            ("8", 50.0, 200.0),
        ]);
        let extract = layout(vec![first, second], Tolerance::GLYPHS);
        assert_eq!(
            extract.text(),
            "一是推进充电设施建设，新建充电桩三百个，建成站点十二座。\n二是实施老旧小区改"
        );
        assert_eq!(extract.places.of(1).as_deref(), Some("page 1 line 2"));
        assert_eq!(extract.places.of(2).as_deref(), Some("page 2 line 3"));
    }

    #[test]
    fn a_borderless_row_takes_its_wrapped_cells() {
        let glyphs: Vec<Glyph> = [
            ("1", 0.0, 20.0),
            ("推进充电设施建设", 30.0, 20.0),
            ("县发展和改", 140.0, 20.0),
            ("6月底前", 220.0, 20.0),
            ("新建充电桩", 30.0, 34.0),
            ("革局", 140.0, 34.0),
            ("2", 0.0, 48.0),
            ("改造小区", 30.0, 48.0),
            ("县住建局", 140.0, 48.0),
            ("9月底前", 220.0, 48.0),
        ]
        .iter()
        .flat_map(|(t, x, y)| set(t, *x, *y, 10.0))
        .collect();
        let extract = layout(
            vec![Page::build((glyphs, Vec::new()), 0.0)],
            Tolerance::GLYPHS,
        );
        assert_eq!(
            extract.text(),
            "1\t推进充电设施建设新建充电桩\t县发展和改革局\t6月底前\n2\t改造小区\t县住建局\t9月底前"
        );
    }
}
