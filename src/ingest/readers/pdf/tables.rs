//! Ruled tables: the grid the rules draw (cells merged across and down included), and the
//! text of each cell from its lines, wrapped lines joined.

use super::collect::Rule;
use super::lines::{join_text, Line};
use crate::ingest::readers::{Cell, Span};

/// A ruled table on one page: its column boundaries, and per row its cells (merges resolved
/// as [`Grid`](crate::ingest::readers::Grid) wants them), with whether each cell's last
/// line ran to the cell's edge (so that text continued on the next page joins it without a
/// break).
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct Table {
    pub(super) top: f64,
    pub(super) columns: Vec<f64>,
    pub(super) rows: Vec<TableRow>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct TableRow {
    pub(super) no: u32,
    pub(super) cells: Vec<Cell>,
    pub(super) open: Vec<bool>,
}

/// Rules at one position merged: the position and the spans they cover.
#[derive(Debug, Clone)]
pub(super) struct RuleLine {
    pub(super) at: f64,
    pub(super) spans: Vec<(f64, f64)>,
}

impl RuleLine {
    pub(super) fn covers(&self, from: f64, to: f64) -> bool {
        self.spans
            .iter()
            .any(|&(a, b)| a <= from + 1.5 && b >= to - 1.5)
    }
}

/// Rules of one direction merged: those at one position (within 1.5 points) make one rule
/// line, their spans joined where they touch (a border drawn cell by cell).
pub(super) fn merge_rules(rules: &[Rule], horizontal: bool) -> Vec<RuleLine> {
    let mut picked: Vec<Rule> = rules
        .iter()
        .copied()
        .filter(|r| r.horizontal == horizontal)
        .collect();
    picked.sort_by(|a, b| a.at.total_cmp(&b.at).then(a.from.total_cmp(&b.from)));
    let mut groups: Vec<Vec<Rule>> = Vec::new();
    for r in picked {
        match groups.last_mut() {
            Some(group) if (r.at - group[0].at).abs() <= 1.5 => group.push(r),
            _ => groups.push(vec![r]),
        }
    }
    groups
        .into_iter()
        .map(|group| {
            let mut spans: Vec<(f64, f64)> = group.iter().map(|r| (r.from, r.to)).collect();
            spans.sort_by(|a, b| a.0.total_cmp(&b.0));
            let mut merged: Vec<(f64, f64)> = Vec::new();
            for (a, b) in spans {
                match merged.last_mut() {
                    Some(last) if a <= last.1 + 2.0 => last.1 = last.1.max(b),
                    _ => merged.push((a, b)),
                }
            }
            let at = group.iter().map(|r| r.at).sum::<f64>() / group.len() as f64;
            RuleLine { at, spans: merged }
        })
        .collect()
}

/// A cell box of a table on the page, and the cell that owns its text (itself, or the top
/// cell of a merge down the rows).
pub(super) struct Slot {
    pub(super) table: usize,
    pub(super) row: usize,
    pub(super) col: usize,
    pub(super) x0: f64,
    pub(super) x1: f64,
    pub(super) y0: f64,
    pub(super) y1: f64,
}

/// Finds the ruled tables: bands between consecutive horizontal rules that vertical rules
/// cut into at least two cells, consecutive bands making one table. Returns the tables
/// (rows still empty), their cell boxes, and per table, row and column how the cell stands
/// in a merge: a cell wider than one column covers the next ones from the left, a cell the
/// rule above it does not close is merged from above.
pub(super) fn frames(rules: &[Rule]) -> (Vec<Table>, Vec<Slot>, Vec<Vec<Vec<Span>>>) {
    let hs = merge_rules(rules, true);
    let vs = merge_rules(rules, false);
    let mut tables: Vec<Table> = Vec::new();
    let mut slots: Vec<Slot> = Vec::new();
    let mut merged_above: Vec<bool> = Vec::new();
    // The index of the last band's bottom rule, and its cells.
    let mut last_band: Option<(usize, Vec<(f64, f64)>)> = None;
    for i in 0..hs.len().saturating_sub(1) {
        let (top, bottom) = (&hs[i], &hs[i + 1]);
        let mut xs: Vec<f64> = vs
            .iter()
            .filter(|v| v.covers(top.at, bottom.at))
            .map(|v| v.at)
            .collect();
        xs.dedup_by(|b, a| (*b - *a).abs() < 2.0);
        let cells: Vec<(f64, f64)> = xs.windows(2).map(|w| (w[0], w[1])).collect();
        let ruled = |line: &RuleLine| cells.iter().any(|&(a, b)| line.covers(a, b));
        if bottom.at - top.at < 4.0 || cells.len() < 2 || !ruled(top) || !ruled(bottom) {
            last_band = None;
            continue;
        }
        let above = last_band
            .take()
            .filter(|(at, _)| *at == i)
            .map(|(_, cells)| cells);
        if above.is_none() {
            tables.push(Table {
                top: top.at,
                ..Table::default()
            });
        }
        let t = tables.len() - 1;
        for &x in &xs {
            let columns = &mut tables[t].columns;
            if !columns.iter().any(|c| (c - x).abs() < 2.0) {
                columns.push(x);
                columns.sort_by(f64::total_cmp);
            }
        }
        let row = tables[t].rows.len();
        tables[t].rows.push(TableRow::default());
        for &(a, b) in &cells {
            let same_above = above.as_ref().is_some_and(|up| {
                up.iter()
                    .any(|&(ua, ub)| (ua - a).abs() < 2.0 && (ub - b).abs() < 2.0)
            });
            let quarter = (b - a) / 4.0;
            merged_above.push(same_above && !top.covers(a + quarter, b - quarter));
            slots.push(Slot {
                table: t,
                row,
                col: 0,
                x0: a,
                x1: b,
                y0: top.at,
                y1: bottom.at,
            });
        }
        last_band = Some((i + 1, cells));
    }
    let mut spans: Vec<Vec<Vec<Span>>> = tables
        .iter()
        .map(|t| vec![vec![Span::Left; t.columns.len().saturating_sub(1)]; t.rows.len()])
        .collect();
    for (slot, above) in slots.iter_mut().zip(merged_above) {
        let columns = &tables[slot.table].columns;
        slot.col = columns
            .iter()
            .position(|c| (c - slot.x0).abs() < 2.0)
            .unwrap_or(0);
        spans[slot.table][slot.row][slot.col] = if above { Span::Above } else { Span::Own };
    }
    (tables, slots, spans)
}

/// The text of one cell from its lines: a line that ran to the cell's edge wrapped, and
/// joins the next without a break; any other line ends where its writer broke it (`\n`,
/// which [`Grid`](crate::ingest::readers::Grid) reads as a list in a unit column).
/// Returns the text and whether the last line ran to the edge.
pub(super) fn cell_text(lines: &[Line], inner: f64) -> (String, bool) {
    let mut text = String::new();
    let mut open = false;
    for (i, line) in lines.iter().enumerate() {
        let piece: String = line
            .runs
            .iter()
            .fold(String::new(), |acc, r| join_text(&acc, &r.text));
        text = if i > 0 && !open {
            format!("{text}\n{piece}")
        } else {
            join_text(&text, &piece)
        };
        let width = line.x1() - line.x0();
        let next_lead = lines.get(i + 1).map_or(line.size, Line::lead);
        open = width + next_lead >= inner - 0.3 * line.size;
    }
    (text, open)
}

#[cfg(test)]
mod tests {
    use super::super::page::Page;
    use super::*;
    use crate::ingest::readers::pdf::assemble::layout;
    use crate::ingest::readers::pdf::layout::Tolerance;
    use crate::ingest::readers::pdf::testkit::{grid_rules, set};

    #[test]
    fn ruled_cells_join_wrapped_lines_and_keep_broken_ones() {
        // Columns: 序号 0–20, 任务 20–84 (six characters inside 2-point padding),
        // 单位 84–148.
        let rules = grid_rules(&[0.0, 20.0, 84.0, 148.0], &[0.0, 16.0, 60.0]);
        let mut glyphs = set("序号", 2.0, 12.0, 8.0);
        glyphs.extend(set("工作任务", 22.0, 12.0, 10.0));
        glyphs.extend(set("牵头单位", 86.0, 12.0, 10.0));
        glyphs.extend(set("1", 2.0, 28.0, 10.0));
        glyphs.extend(set("新建充电桩3", 22.0, 28.0, 10.0));
        glyphs.extend(set("00个", 22.0, 42.0, 10.0));
        // A wrapped unit name, then a second unit on a line of its own.
        glyphs.extend(set("县发展和改革", 86.0, 28.0, 10.0));
        glyphs.extend(set("局", 86.0, 42.0, 10.0));
        glyphs.extend(set("县财政局", 86.0, 56.0, 10.0));
        let page = Page::build((glyphs, rules), 0.0);
        assert!(page.lines.is_empty());
        let rows: Vec<Vec<String>> = page.tables[0]
            .rows
            .iter()
            .map(|r| r.cells.iter().map(|c| c.text.clone()).collect())
            .collect();
        assert_eq!(
            rows,
            [
                vec!["序号", "工作任务", "牵头单位"],
                vec!["1", "新建充电桩300个", "县发展和改革局\n县财政局"]
            ]
        );
        assert_eq!(page.tables[0].rows[1].no, 2);
        let extract = layout(vec![page], Tolerance::GLYPHS);
        assert_eq!(
            extract.text(),
            "序号\t工作任务\t牵头单位\n1\t新建充电桩300个\t县发展和改革局、县财政局"
        );
    }

    #[test]
    fn a_table_goes_on_over_the_page_and_a_split_row_is_made_whole() {
        let rules = grid_rules(&[0.0, 20.0, 84.0, 148.0], &[0.0, 16.0, 32.0]);
        let header = || {
            let mut g = set("序号", 2.0, 12.0, 8.0);
            g.extend(set("工作任务", 22.0, 12.0, 10.0));
            g.extend(set("牵头单位", 86.0, 12.0, 10.0));
            g
        };
        let mut one = header();
        one.extend(set("1", 2.0, 28.0, 10.0));
        one.extend(set("新建充电桩3", 22.0, 28.0, 10.0));
        one.extend(set("县发展和改革", 86.0, 28.0, 10.0));
        let mut two = header();
        two.extend(set("00个", 22.0, 28.0, 10.0));
        two.extend(set("局", 86.0, 28.0, 10.0));
        let pages = vec![
            Page::build((one, rules.clone()), 0.0),
            Page::build((two, rules), 0.0),
        ];
        let extract = layout(pages, Tolerance::GLYPHS);
        assert_eq!(
            extract.text(),
            "序号\t工作任务\t牵头单位\n1\t新建充电桩300个\t县发展和改革局"
        );
    }

    #[test]
    fn merges_down_and_across() {
        // Row 2's first cell is merged with row 1's (no rule between them in column 0).
        let mut rules = vec![
            Rule {
                horizontal: true,
                at: 0.0,
                from: 0.0,
                to: 148.0,
            },
            Rule {
                horizontal: true,
                at: 16.0,
                from: 0.0,
                to: 148.0,
            },
            Rule {
                horizontal: true,
                at: 32.0,
                from: 20.0,
                to: 148.0,
            },
            Rule {
                horizontal: true,
                at: 48.0,
                from: 0.0,
                to: 148.0,
            },
        ];
        rules.extend([0.0, 20.0, 84.0, 148.0].map(|x| Rule {
            horizontal: false,
            at: x,
            from: 0.0,
            to: 48.0,
        }));
        let mut glyphs = set("类别", 2.0, 12.0, 8.0);
        glyphs.extend(set("工作任务", 22.0, 12.0, 10.0));
        glyphs.extend(set("责任单位", 86.0, 12.0, 10.0));
        glyphs.extend(set("稳", 4.0, 36.0, 10.0));
        glyphs.extend(set("新建道路", 22.0, 28.0, 10.0));
        glyphs.extend(set("县交通局", 86.0, 28.0, 10.0));
        glyphs.extend(set("新建公园", 22.0, 44.0, 10.0));
        glyphs.extend(set("县住建局", 86.0, 44.0, 10.0));
        let page = Page::build((glyphs, rules), 0.0);
        let spans: Vec<Vec<Span>> = page.tables[0]
            .rows
            .iter()
            .map(|r| r.cells.iter().map(|c| c.span).collect())
            .collect();
        assert_eq!(spans[2][0], Span::Above);
        assert_eq!(page.tables[0].rows[1].cells[0].text, "稳");
        let extract = layout(vec![page], Tolerance::GLYPHS);
        assert_eq!(
            extract.text(),
            "类别\t工作任务\t责任单位\n稳\t新建道路\t县交通局\n稳\t新建公园\t县住建局"
        );
    }
}
