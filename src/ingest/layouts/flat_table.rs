//! Task tables that PDF extraction flattened to one cell per line: a run of header cells
//! (序号 领域 重点任务 具体目标 责任单位 时间节点, read by meaning), then each row's cells on
//! lines of their own. Extraction loses what a reader sees: empty cells vanish, a merged
//! category cell stands only on the first row of its group, a unit cell wraps onto several
//! lines, the header repeats after each page mark, and a web page adds junk after the
//! last row. Rows start at their number where the table has a 序号 column, and end at
//! their deadline cell where it has none; cells are placed by position where a row has
//! them all, and by their look otherwise.

use crate::ingest::classify::is_web_junk;
use crate::ingest::lines::SourceLine;
use crate::ingest::normalize::is_page_mark;
use crate::ingest::notes::{is_deadline, looks_like_body, split_units};
use crate::ingest::numbering::notice_heading;
use crate::ingest::structure::Builder;
use crate::ingest::table_row::{self, open_category, Header, Row};
use crate::ingest::vocab::{column_meaning, Column, Role};
use crate::model::{LineRole, WarningKind};

/// The header of a flattened table: at least three consecutive lines that each name a
/// column. Returns it with the indexes of its first line and of the line after it.
pub fn header(lines: &[SourceLine]) -> Option<(Header, usize, usize)> {
    let filled: Vec<(usize, &SourceLine)> =
        lines.iter().enumerate().filter(|(_, l)| !l.blank).collect();
    let mut k = 0;
    while k < filled.len() {
        let run: Vec<&str> = filled[k..]
            .iter()
            .map(|(_, l)| l.text.as_str())
            .take_while(|t| column_meaning(t).is_some() && notice_heading(t).is_none())
            .collect();
        if run.len() >= 3 {
            if let Some(header) = Header::read(&run) {
                let (first, _) = filled[k];
                let (last, _) = filled[k + run.len() - 1];
                return Some((header, first, last + 1));
            }
        }
        k += run.len().max(1);
    }
    None
}

/// Places the lines after the header: headings, page marks, repeated headers, the rows.
pub fn parse(header: &Header, body: &[SourceLine], b: &mut Builder) {
    header.warn_unknown(body.first().map_or(0, |l| l.no), b);
    let mut rows = RowReader::new(header);
    let mut in_footer = false;
    for line in body.iter().filter(|l| !l.blank) {
        let text = line.text.as_str();
        if in_footer || is_web_junk(text) {
            rows.finish(b);
            in_footer = true;
            b.role(line.no, LineRole::Footer);
        } else if is_page_mark(text) {
            b.role(line.no, LineRole::Page);
        } else if header.names.iter().any(|n| n == text) {
            // The header again, after a page break.
            b.role(line.no, LineRole::Table);
        } else if let Some(mark) = notice_heading(text) {
            rows.finish(b);
            rows.category = None;
            b.open_section(&mark, line.no);
        } else {
            rows.push(line, b);
        }
    }
    rows.finish(b);
    b.finish_task();
}

/// Collects the lines of the open row and turns each finished row into a task.
struct RowReader<'l> {
    /// The data columns in order (序号 aside).
    wanted: Vec<Column>,
    numbered: bool,
    ends_with_due: bool,
    lines: Vec<&'l SourceLine>,
    /// The number printed on the open row, if the table has them.
    printed_no: Option<String>,
    next_no: u32,
    category: Option<String>,
    categories: u32,
}

impl<'l> RowReader<'l> {
    fn new(header: &Header) -> Self {
        let wanted: Vec<Column> = header
            .columns
            .iter()
            .map(|c| c.unwrap_or(Column::Task))
            .filter(|c| *c != Column::No)
            .collect();
        RowReader {
            numbered: header.find(Column::No).is_some(),
            ends_with_due: wanted.last() == Some(&Column::Role(Role::Due)),
            wanted,
            lines: Vec::new(),
            printed_no: None,
            next_no: 1,
            category: None,
            categories: 0,
        }
    }

    fn push(&mut self, line: &'l SourceLine, b: &mut Builder) {
        let text = line.text.as_str();
        if self.numbered {
            if let Ok(n) = text.parse::<u32>() {
                if n == self.next_no || (n == 1 && !self.lines.is_empty()) {
                    self.finish(b);
                    self.next_no = n + 1;
                    self.printed_no = Some(n.to_string());
                    b.role(line.no, LineRole::Table);
                    return;
                }
            }
            if self.printed_no.is_none() {
                b.role(line.no, LineRole::Prose);
                return;
            }
        }
        self.lines.push(line);
        if !self.numbered && self.ends_with_due && is_deadline(text) && self.lines.len() > 1 {
            self.finish(b);
        }
    }

    /// Turns the open row's lines into a task.
    fn finish(&mut self, b: &mut Builder) {
        let lines = std::mem::take(&mut self.lines);
        let printed = self.printed_no.take();
        let Some(first) = lines.first() else {
            return;
        };
        for line in &lines {
            b.role(line.no, LineRole::Table);
        }
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        let cells = place_cells(&self.wanted, &texts);
        let row = Row {
            line: first.no,
            cells: cells.iter().map(|(c, t)| (Some(*c), t.as_str())).collect(),
            heads: &[],
        };
        if !row.has_text() {
            let excerpt: String = texts.concat().chars().take(30).collect();
            b.warn(
                first.no,
                WarningKind::Table,
                format!("table cells without a task: {excerpt}"),
            );
            return;
        }
        open_category(&row, &mut self.category, &mut self.categories, b);
        let no = printed.unwrap_or_else(|| {
            let no = self.next_no;
            self.next_no += 1;
            no.to_string()
        });
        table_row::open_task(&row, &no, b);
    }
}

/// Whether a line can be (part of) a unit cell: a name list, no figures, no sentence.
fn unit_like(text: &str) -> bool {
    !text.contains(|c: char| c.is_ascii_digit() || matches!(c, '。' | '，' | '：' | ':' | ','))
        && text.chars().count() <= 60
}

/// Joins the lines of a wrapped unit cell: a line ending in 、 goes on with the next name,
/// any other break fell inside a name (县发展和改革 / 局).
fn join_unit_lines(lines: &[&str]) -> String {
    lines.concat()
}

/// Which column each cell belongs to. The deadline is the last cell that reads as one;
/// the unit cells are the longest run of lines before it that together name government
/// bodies; the cells before them fill the text columns from the right, so a merged
/// category cell that is missing leaves the category to the row above.
fn place_cells(wanted: &[Column], cells: &[&str]) -> Vec<(Column, String)> {
    let is_unit = |c: &Column| {
        matches!(
            c,
            Column::Role(Role::Lead | Role::Responsible | Role::Support | Role::Leader)
        )
    };
    let Some(first_unit) = wanted.iter().position(is_unit) else {
        return by_position(wanted, cells);
    };
    let last_unit = wanted.iter().rposition(is_unit).unwrap_or(first_unit);
    let pre = &wanted[..first_unit];
    let units = &wanted[first_unit..=last_unit];
    let post = &wanted[last_unit + 1..];
    let mut rest = cells;
    let mut placed = Vec::new();
    // Cells after the units: a deadline by its look, anything else by position.
    let mut tail = Vec::new();
    for (k, column) in post.iter().enumerate().rev() {
        let Some((last, head)) = rest.split_last() else {
            break;
        };
        // A deadline after the deadline column's place is that column's: the cells after
        // it (备注) were empty and vanished — unless the cell before reads as the deadline.
        let due_before = post[..k].contains(&Column::Role(Role::Due));
        let deadline_before = head.last().is_some_and(|l| is_deadline(l));
        let fits = match column {
            Column::Role(Role::Due) => is_deadline(last),
            _ if due_before && is_deadline(last) && !deadline_before => false,
            _ => !unit_like(last) || rest.len() > pre.len() + 1,
        };
        if fits {
            tail.push((*column, last.to_string()));
            rest = head;
        }
    }
    // The unit run: as many lines from the end as together name bodies, leaving at least
    // one text cell.
    let keep_text = 1.max(pre.len().saturating_sub(1));
    let mut run = 0;
    for k in 1..=rest.len().saturating_sub(keep_text) {
        let block = &rest[rest.len() - k..];
        if !block.iter().all(|l| unit_like(l)) {
            break;
        }
        let names = split_units(&join_unit_lines(block));
        if !names.is_empty() && names.iter().all(|n| looks_like_body(n)) {
            run = k;
        }
    }
    let (text_cells, unit_cells) = rest.split_at(rest.len() - run);
    placed.extend(fill_from_right(pre, text_cells));
    placed.extend(split_unit_block(units, unit_cells));
    placed.extend(tail.into_iter().rev());
    placed
}

/// Cells in column order, when there is nothing to anchor on.
fn by_position(wanted: &[Column], cells: &[&str]) -> Vec<(Column, String)> {
    wanted
        .iter()
        .zip(cells)
        .map(|(c, t)| (*c, t.to_string()))
        .collect()
}

/// The text cells before the units: from the right, so that a missing first cell (the
/// merged category) is the one left out; extra lines wrapped from a long cell join the
/// last text column.
fn fill_from_right(pre: &[Column], cells: &[&str]) -> Vec<(Column, String)> {
    if cells.len() <= pre.len() {
        let columns = &pre[pre.len() - cells.len()..];
        // Two cells under 领域 / 任务 / 目标: the task and its target, not a category.
        let columns = if columns.first() == Some(&Column::Section)
            && cells.len() < pre.len()
            && pre.len() > 1
        {
            &pre[1..=cells.len()]
        } else {
            columns
        };
        return by_position(columns, cells);
    }
    let (head, extra) = cells.split_at(pre.len());
    let mut placed = by_position(pre, head);
    if let Some((_, last)) = placed.last_mut() {
        last.push_str(&extra.concat());
    }
    placed
}

/// The unit lines into the unit columns: with one column they are one wrapped cell; with
/// several, a line that ends a body's name without a trailing 、 ends its cell.
fn split_unit_block(units: &[Column], lines: &[&str]) -> Vec<(Column, String)> {
    if units.len() <= 1 || lines.len() <= 1 {
        return units
            .first()
            .filter(|_| !lines.is_empty())
            .map(|c| vec![(*c, join_unit_lines(lines))])
            .unwrap_or_default();
    }
    let mut groups: Vec<Vec<&str>> = vec![Vec::new()];
    for line in lines {
        if let Some(group) = groups.last_mut() {
            group.push(line);
        }
        let ends_name = !line.ends_with(['、', '，', ',']) && looks_like_body(line);
        if ends_name && groups.len() < units.len() {
            groups.push(Vec::new());
        }
    }
    units
        .iter()
        .zip(groups.iter().filter(|g| !g.is_empty()))
        .map(|(c, g)| (*c, join_unit_lines(g)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::lines::split;

    const DUE: Column = Column::Role(Role::Due);
    const RESPONSIBLE: Column = Column::Role(Role::Responsible);

    #[test]
    fn header_is_a_run_of_column_names() {
        let lines = split("附件\n序号\n重点任务\n具体措施\n牵头单位\n配合单位\n完成时限\n1\n");
        let (header, first, after) = header(&lines).unwrap();
        assert_eq!(header.columns.len(), 6);
        assert_eq!((first, after), (1, 7));
    }

    #[test]
    fn merged_category_and_wrapped_units() {
        let wanted = [
            Column::Section,
            Column::Task,
            Column::Target,
            RESPONSIBLE,
            DUE,
        ];
        let full = place_cells(
            &wanted,
            &[
                "产业发展",
                "实施技改",
                "完成投资45亿元",
                "县工业和信息化局、县发展和改革",
                "局、县财政局",
                "2024年12月底前",
            ],
        );
        assert_eq!(full[0], (Column::Section, "产业发展".to_string()));
        assert_eq!(
            full[3],
            (
                RESPONSIBLE,
                "县工业和信息化局、县发展和改革局、县财政局".to_string()
            )
        );
        let merged = place_cells(
            &wanted,
            &[
                "培育主体",
                "新增市场主体6000户",
                "县市场监督管理局",
                "持续推进",
            ],
        );
        assert_eq!(
            merged.iter().map(|(c, _)| *c).collect::<Vec<_>>(),
            [Column::Task, Column::Target, RESPONSIBLE, DUE]
        );
    }
}
