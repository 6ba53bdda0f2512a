//! Task ledgers pasted from a spreadsheet: a header row (序号 重点任务 具体内容 牵头单位
//! 配合单位 完成时限) and one task per row, cells separated by tabs (or runs of spaces).

use super::lines::SourceLine;
use super::normalize::is_page_mark;
use super::notes::{split_units, Note};
use super::numbering::{notice_heading, HeadingMark};
use super::structure::Builder;
use super::table_row::{self, column, Column};
use crate::model::{LineRole, WarningKind};

/// Which cell holds what. Every column not named here (具体内容, 工作目标, 工作措施…) is
/// part of the task's text, so a column name nobody foresaw does not lose its targets.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Columns {
    no: Option<usize>,
    title: Option<usize>,
    text: Vec<usize>,
    lead: Option<usize>,
    support: Option<usize>,
    due: Option<usize>,
}

/// A row's cells: tabs or markdown bars, else runs of two spaces (a paste that lost its tabs).
fn cells(text: &str) -> Vec<&str> {
    table_row::cells(text).unwrap_or_else(|| {
        text.split("  ")
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .collect()
    })
}

/// Reads a header row; `None` unless it names a number column, a task column and a unit column.
pub fn header(text: &str) -> Option<Columns> {
    let row = cells(text);
    let kinds: Vec<Option<Column>> = row.iter().map(|c| column(c)).collect();
    let find = |kind: Column| kinds.iter().position(|k| *k == Some(kind));
    // Cells naming no known column (工作目标 under another name…) are task text too.
    let text = (0..row.len())
        .filter(|&i| matches!(kinds[i], Some(Column::Text) | None) && !row[i].is_empty())
        .collect();
    let columns = Columns {
        no: find(Column::No),
        title: find(Column::Title),
        text,
        lead: find(Column::Lead),
        support: find(Column::Support),
        due: find(Column::Due),
    };
    (row.len() >= 3
        && columns.no.is_some()
        && (columns.title.is_some() || !columns.text.is_empty())
        && columns.lead.is_some())
    .then_some(columns)
}

/// A row that opens a section: `一、稳增长` alone, or with its subtotals in the other cells.
fn section_row(row: &[&str]) -> Option<HeadingMark> {
    let first = row.iter().find(|c| !c.is_empty())?;
    let rest_are_numbers = row
        .iter()
        .skip_while(|c| *c != first)
        .skip(1)
        .all(|c| c.is_empty() || c.chars().all(|ch| ch.is_ascii_digit() || ch == '.'));
    (only_cell(row).is_some() || rest_are_numbers)
        .then(|| notice_heading(first))
        .flatten()
}

/// A totals row (合计, 总计, 小计): part of the table, not a task.
fn is_total_row(row: &[&str]) -> bool {
    row.iter().find(|c| !c.is_empty()).is_some_and(|c| {
        let c = c.replace([' ', '\u{3000}'], "");
        matches!(c.as_str(), "合计" | "总计" | "小计" | "总计划")
    })
}

/// The one filled cell of a row (a section row such as `一、稳增长` with empty cells after).
fn only_cell<'a>(row: &[&'a str]) -> Option<&'a str> {
    let mut filled = row.iter().filter(|c| !c.is_empty());
    let first = filled.next()?;
    filled.next().is_none().then_some(*first)
}

/// Cells joined as sentences: each ends with 。 unless it already ends a sentence.
fn join_sentences(pieces: &[&str]) -> String {
    let mut text = String::new();
    for (i, piece) in pieces.iter().enumerate() {
        text.push_str(piece);
        if i + 1 < pieces.len() && !piece.ends_with(['。', '；', ';', '！', '？']) {
            text.push('。');
        }
    }
    text
}

/// Places the rows after the header row.
/// Places the body lines: headings before and between the tables, header rows (a table
/// may repeat its header in every section), and one task per numbered row.
pub fn parse(columns: &Columns, body: &[SourceLine], b: &mut Builder) {
    for line in body.iter().filter(|l| !l.blank) {
        if table_row::is_rule_row(&line.text) || header(&line.text).is_some() {
            b.role(line.no, LineRole::Table);
            continue;
        }
        if is_page_mark(&line.text) {
            b.role(line.no, LineRole::Page);
            continue;
        }
        let row = cells(&line.text);
        let cell = |i: Option<usize>| i.and_then(|i| row.get(i)).copied().unwrap_or("");
        let no = cell(columns.no);
        if !no.is_empty() && no.chars().all(|c| c.is_ascii_digit()) {
            let title = cell(columns.title);
            let pieces: Vec<&str> = std::iter::once(title)
                .chain(columns.text.iter().map(|&i| cell(Some(i))))
                .filter(|c| !c.is_empty())
                .collect();
            let draft = b.open_task(no, line.no);
            draft.title = (!title.is_empty()).then(|| title.to_string());
            draft.push(line.no, &join_sentences(&pieces));
            draft.own_note = Note {
                lead: split_units(cell(columns.lead)),
                support: split_units(cell(columns.support)),
                due: Some(cell(columns.due).to_string()).filter(|d| !d.is_empty()),
            };
            b.role(line.no, LineRole::Table);
        } else if let Some(mark) = section_row(&row) {
            b.open_section(&mark, line.no);
        } else if is_total_row(&row) {
            b.role(line.no, LineRole::Table);
        } else if b.doc.tasks.is_empty() && b.draft.is_none() {
            b.role(line.no, LineRole::Prose);
        } else {
            let excerpt: String = line.text.chars().take(30).collect();
            b.role(line.no, LineRole::Unplaced);
            b.warn(
                line.no,
                WarningKind::Unplaced,
                format!("ledger row without a task number: {excerpt}"),
            );
        }
    }
    b.finish_task();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_row_found_by_names() {
        let cols = header("序号\t重点任务\t具体内容\t牵头单位\t配合单位\t完成时限").unwrap();
        assert_eq!(cols.lead, Some(3));
        assert_eq!(cols.due, Some(5));
        assert!(header("序号\t名称").is_none());
        let md = header("| 序号 | 重点任务 | 牵头单位 | 配合单位 |").unwrap();
        assert_eq!((md.no, md.title, md.support), (Some(0), Some(1), Some(3)));
    }
}
