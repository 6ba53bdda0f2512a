//! Lines from glyphs: glyphs on one baseline left to right, split into runs at gaps wide
//! enough to part table cells, with spaces kept only between ASCII words.

use super::collect::Glyph;

/// A gap wider than this many ems between glyphs on one line separates table cells.
const CELL_GAP_EM: f64 = 2.0;

/// Glyphs on one line with no cell gap between them, as text.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Run {
    pub(super) text: String,
    pub(super) x0: f64,
    pub(super) x1: f64,
    /// The width of the run's first unbreakable piece: its first character with the
    /// punctuation that may not start a line, or its first ASCII word.
    pub(super) lead: f64,
}

/// A line of text on the page: its runs left to right, its baseline, its type size, and its
/// number counted from the top of the page.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Line {
    pub(super) y: f64,
    pub(super) size: f64,
    pub(super) runs: Vec<Run>,
    pub(super) no: u32,
}

impl Line {
    pub(super) fn x0(&self) -> f64 {
        self.runs.first().map_or(0.0, |r| r.x0)
    }

    pub(super) fn x1(&self) -> f64 {
        self.runs.last().map_or(0.0, |r| r.x1)
    }

    pub(super) fn lead(&self) -> f64 {
        self.runs.first().map_or(0.0, |r| r.lead)
    }

    /// A table row: at least three cells (two gaps); fewer are one line with a space.
    pub(super) fn is_row(&self) -> bool {
        self.runs.len() >= 3
    }

    pub(super) fn text(&self) -> String {
        let texts: Vec<&str> = self.runs.iter().map(|r| r.text.as_str()).collect();
        if self.is_row() {
            texts.join("\t")
        } else {
            texts
                .iter()
                .fold(String::new(), |acc, t| join_text(&acc, t))
        }
    }
}

/// Whether a space between `a` and `b` is kept: only between ASCII words and signs
/// (`RCEP 等` and `2025 年` lose theirs, which a PDF only spaces for looks).
pub(super) fn keeps_space(a: char, b: char) -> bool {
    a.is_ascii_graphic() && b.is_ascii_graphic()
}

/// Two pieces of one text (a line and the next it wrapped onto, two runs of one line): run
/// together, with a space only between ASCII words — a number broken over two lines
/// (`3` / `00个`) had none.
pub(super) fn join_text(a: &str, b: &str) -> String {
    let b = b.trim_start();
    let mut out = a.trim_end_matches(' ').to_string();
    if let (Some(x), Some(y)) = (out.chars().last(), b.chars().next()) {
        if keeps_space(x, y) && (x.is_ascii_alphabetic() || y.is_ascii_alphabetic()) {
            out.push(' ');
        }
    }
    out.push_str(b);
    out
}

/// Characters that may not start a line, so a line that wraps carries the one before them.
pub(super) fn no_line_start(c: char) -> bool {
    "，。、；：？！）》」』”’,.;:?!)%〕】…—·".contains(c)
}

/// The lines `glyphs` make: glyphs on one baseline, left to right, split into runs at wide
/// gaps; a glyph drawn twice in one place (a bold made by overprinting) counts once.
pub(super) fn lines_of(mut glyphs: Vec<Glyph>) -> Vec<Line> {
    glyphs.retain(|g| g.x.is_finite() && g.y.is_finite());
    glyphs.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    let mut rows: Vec<Vec<Glyph>> = Vec::new();
    for g in glyphs {
        match rows.last_mut() {
            Some(row) if (g.y - row[0].y).abs() <= 0.35 * g.size.max(row[0].size) => row.push(g),
            _ => rows.push(vec![g]),
        }
    }
    rows.into_iter()
        .filter_map(|mut row| {
            row.sort_by(|a, b| a.x.total_cmp(&b.x));
            row.dedup_by(|b, a| a.c == b.c && (a.x - b.x).abs() < 0.3 * a.size);
            let runs = runs_of(&row);
            let size = row.iter().map(|g| g.size).fold(0.0, f64::max);
            let y = row.iter().map(|g| g.y).sum::<f64>() / row.len() as f64;
            (!runs.is_empty()).then_some(Line {
                y,
                size,
                runs,
                no: 0,
            })
        })
        .collect()
}

/// Splits one line's glyphs (left to right) into runs at gaps wider than [`CELL_GAP_EM`];
/// inside a run a space stands only between ASCII words. Gaps are measured from ink to ink,
/// so spaces typed to line up columns separate cells too.
pub(super) fn runs_of(row: &[Glyph]) -> Vec<Run> {
    let mut runs: Vec<Run> = Vec::new();
    let mut end = f64::NEG_INFINITY;
    let mut space = false;
    let mut last: Option<char> = None;
    let mut lead_open = false;
    for g in row {
        if g.c.is_whitespace() {
            space = true;
            lead_open = false;
            continue;
        }
        let em = g.size.max(1.0);
        let gap = g.x - end;
        if runs.is_empty() || gap > CELL_GAP_EM * em {
            runs.push(Run {
                text: String::new(),
                x0: g.x,
                x1: g.x,
                lead: 0.0,
            });
            last = None;
            lead_open = true;
        }
        let run = runs.last_mut().expect("a run was pushed above");
        if let Some(prev) = last {
            if (space || gap > 0.25 * em) && keeps_space(prev, g.c) {
                run.text.push(' ');
            }
        }
        let leading = run.text.is_empty()
            || (lead_open
                && (no_line_start(g.c)
                    || (g.c.is_ascii_alphanumeric()
                        && last.is_some_and(|l| l.is_ascii_alphanumeric()))));
        run.text.push(g.c);
        run.x1 = g.x + g.w;
        if leading {
            run.lead = run.x1 - run.x0;
        } else {
            lead_open = false;
        }
        end = run.x1;
        space = false;
        last = Some(g.c);
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::readers::pdf::testkit::{set, texts};

    #[test]
    fn glyphs_make_lines_and_cells() {
        let mut glyphs = set("序号", 50.0, 100.0, 10.0);
        glyphs.extend(set("工作任务", 100.0, 100.0, 10.0));
        glyphs.extend(set("牵头单位", 200.0, 100.5, 10.0));
        glyphs.extend(set("2025 年 RCEP 等", 50.0, 120.0, 10.0));
        // Overprinted bold: the same glyphs again a hair to the right.
        glyphs.extend(set("加粗", 50.2, 140.0, 10.0));
        glyphs.extend(set("加粗", 50.0, 140.0, 10.0));
        let lines = lines_of(glyphs);
        assert_eq!(
            texts(&lines),
            ["序号\t工作任务\t牵头单位", "2025年RCEP等", "加粗"]
        );
        assert!(lines[0].is_row() && !lines[1].is_row());
        // A gap of one cell only is one line, joined.
        let mut two = set("附件", 50.0, 100.0, 10.0);
        two.extend(set("任务清单", 100.0, 100.0, 10.0));
        assert_eq!(texts(&lines_of(two)), ["附件任务清单"]);
        // ASCII words keep their space, whether the PDF drew one or only left a gap.
        let mut words = set("New", 50.0, 100.0, 10.0);
        words.extend(set("York", 68.0, 100.0, 10.0));
        assert_eq!(texts(&lines_of(words)), ["New York"]);
    }

    #[test]
    fn the_lead_of_a_line_carries_punctuation_and_words() {
        let line = &lines_of(set("处，配套", 0.0, 10.0, 10.0))[0];
        assert_eq!(line.lead(), 20.0);
        let line = &lines_of(set("55%以上", 0.0, 10.0, 10.0))[0];
        assert_eq!(line.lead(), 15.0);
    }
}
