//! Source lines and the role the ingest gives each one, so that every line is accounted for.

use super::aligned;
use super::normalize::{clean_line, is_blank};
use super::unwrap;
use crate::model::LineRole;

/// One line of the source: its 1-based number, the cleaned text and whether it is blank.
#[derive(Debug, Clone)]
pub struct SourceLine {
    pub no: usize,
    pub text: String,
    pub blank: bool,
    /// Tabs before the first text: empty leading cells of a spreadsheet row, which the
    /// cleaned text no longer shows (a merged category cell left blank).
    pub leading_tabs: usize,
}

/// Splits decoded text into lines (any of \n, \r\n, \r).
pub fn split(text: &str) -> Vec<SourceLine> {
    if text.is_empty() {
        return Vec::new();
    }
    // A final newline ends the last line; it does not start another.
    let text = text.strip_suffix('\n').unwrap_or(text);
    let raws: Vec<&str> = text
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .flat_map(|l| l.split('\r'))
        .collect();
    // Hard-wrapped text: each paragraph on its first line, the lines it took left blank.
    let unwrapped = unwrap::paragraphs(&raws);
    let raws: Vec<&str> = match &unwrapped {
        Some(lines) => lines.iter().map(String::as_str).collect(),
        None => raws,
    };
    let mut lines = Vec::with_capacity(raws.len());
    let mut i = 0;
    while i < raws.len() {
        // A table laid out with spaces, whose cells wrap onto the lines below: a row per
        // line, the lines its cells wrapped onto left blank.
        if let Some(rows) = aligned::rows_from(&raws, i) {
            lines.extend(
                rows.iter()
                    .enumerate()
                    .map(|(k, row)| source_line(i + k + 1, row)),
            );
            i += rows.len();
            continue;
        }
        match quoted_cell_end(&raws, i) {
            // A spreadsheet row pasted with a cell of several lines, which the paste wraps
            // in quotes: the row is read whole on its first line, the others left blank.
            Some(mut end) => {
                // The line that closes one such cell may open another.
                while let Some(next) = quoted_cell_end(&raws, end) {
                    end = next;
                }
                lines.push(source_line(i + 1, &unquote_cells(&raws[i..=end].join(" "))));
                lines.extend((i + 1..=end).map(|k| source_line(k + 1, "")));
                i = end + 1;
            }
            None => {
                lines.push(source_line(i + 1, raws[i]));
                i += 1;
            }
        }
    }
    lines
}

/// Line `no` of the source, cleaned.
fn source_line(no: usize, raw: &str) -> SourceLine {
    SourceLine {
        no,
        text: clean_line(raw),
        blank: is_blank(raw),
        leading_tabs: raw
            .chars()
            .take_while(|c| c.is_whitespace())
            .filter(|c| *c == '\t')
            .count(),
    }
}

/// Lines a quoted cell may span before it is taken for a stray quote.
const MAX_CELL_LINES: usize = 40;

/// Where the quoted cell that `raws[at]` ends inside closes: a row with a tab whose last
/// cell opens a quote (`…\t"新建5G基站200个。`) closes it on the line whose first cell
/// holds the matching quote. `None` for anything else.
fn quoted_cell_end(raws: &[&str], at: usize) -> Option<usize> {
    let row = raws[at];
    let last = row.rsplit('\t').next().filter(|_| row.contains('\t'))?;
    let last = last.trim_start();
    if !last.starts_with('"') || last.matches('"').count() % 2 == 0 {
        return None;
    }
    for (k, next) in raws.iter().enumerate().skip(at + 1).take(MAX_CELL_LINES) {
        let cell = next.split('\t').next().unwrap_or("");
        if cell.matches('"').count() % 2 == 1 {
            return Some(k);
        }
    }
    None
}

/// The cells of a joined row without the quotes a paste wrapped them in (`"a ""b"""` is
/// `a "b"`).
fn unquote_cells(row: &str) -> String {
    row.split('\t')
        .map(|cell| {
            let inner = cell.trim();
            match inner
                .strip_prefix('"')
                .and_then(|rest| rest.strip_suffix('"'))
            {
                Some(quoted) => quoted.replace("\"\"", "\""),
                None => cell.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join("\t")
}

/// The role of every line, filled in as the parsers place them.
#[derive(Debug, Clone)]
pub struct Roles(pub Vec<Option<LineRole>>);

impl Roles {
    pub fn new(lines: &[SourceLine]) -> Roles {
        Roles(
            lines
                .iter()
                .map(|l| l.blank.then_some(LineRole::Blank))
                .collect(),
        )
    }

    /// Gives line `no` (1-based) a role.
    pub fn set(&mut self, no: usize, role: LineRole) {
        if let Some(slot) = self.0.get_mut(no.wrapping_sub(1)) {
            *slot = Some(role);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pasted_cell_of_several_lines_is_one_row() {
        let text = "序号\t任务\t牵头单位\t完成时限\n5\t\"新建基站200个。\n推进光网进村。\"\t县工信局\t\"县财政局\n县统计局\"\n6\t下一行\t县教育局\t年底前\n";
        let lines = split(text);
        assert_eq!(lines.len(), 5);
        assert_eq!(lines[1].no, 2);
        assert_eq!(
            lines[1].text,
            "5\t新建基站200个。 推进光网进村。\t县工信局\t县财政局 县统计局"
        );
        assert!(lines[2].blank && lines[3].blank);
        assert_eq!(
            (lines[4].no, lines[4].text.as_str()),
            (5, "6\t下一行\t县教育局\t年底前")
        );
        // A quote that never closes is left as it is.
        let open = split("1\t甲\t\"乙\n丙\n");
        assert_eq!(open[0].text, "1\t甲\t\"乙");
        assert_eq!(open[1].text, "丙");
    }
}
