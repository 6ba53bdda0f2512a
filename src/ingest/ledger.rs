//! Task ledgers pasted from a spreadsheet: a header row (序号 重点任务 具体内容 牵头单位
//! 配合单位 完成时限) and one task per row, cells separated by tabs (or runs of spaces).

use super::lines::SourceLine;
use super::normalize::is_page_mark;
use super::notes::{split_units, Note};
use super::numbering::{notice_heading, HeadingMark};
use super::structure::Builder;
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

/// Columns about people and bookkeeping, which are neither units nor task text.
const PERSON_COLUMNS: &[&str] = &[
    "责任领导",
    "牵头领导",
    "分管领导",
    "责任人",
    "联系人",
    "联系电话",
    "备注",
];

fn cells(text: &str) -> Vec<&str> {
    if let Some(inner) = text.strip_prefix('|') {
        // A markdown table row: | 序号 | 重点任务 | 牵头单位 |
        let inner = inner.strip_suffix('|').unwrap_or(inner);
        return inner.split('|').map(str::trim).collect();
    }
    let by_tab: Vec<&str> = text.split('\t').map(str::trim).collect();
    if by_tab.len() > 1 {
        return by_tab;
    }
    text.split("  ")
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect()
}

/// Reads a header row; `None` unless it names a number column, a task column and a unit column.
pub fn header(text: &str) -> Option<Columns> {
    let row = cells(text);
    let find = |names: &[&str]| row.iter().position(|c| names.contains(c));
    let mut columns = Columns {
        no: find(&["序号", "编号"]),
        title: find(&[
            "重点任务",
            "工作任务",
            "任务名称",
            "重点工作",
            "任务",
            "主要任务",
            "工作事项",
        ]),
        text: Vec::new(),
        lead: find(&["牵头单位", "责任单位", "牵头部门", "责任部门"]),
        support: find(&["配合单位", "参与单位", "配合部门", "协同单位", "协同部门"]),
        due: find(&["完成时限", "完成时间", "时间节点", "时限"]),
    };
    let named = [
        columns.no,
        columns.title,
        columns.lead,
        columns.support,
        columns.due,
    ];
    columns.text = (0..row.len())
        .filter(|i| {
            !named.contains(&Some(*i)) && !PERSON_COLUMNS.contains(&row[*i]) && !row[*i].is_empty()
        })
        .collect();
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

/// The `|---|:---:|` row under a markdown table's header.
fn is_rule_row(text: &str) -> bool {
    text.starts_with('|') && text.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
}

/// Places the rows after the header row.
/// Places the body lines: headings before and between the tables, header rows (a table
/// may repeat its header in every section), and one task per numbered row.
pub fn parse(columns: &Columns, body: &[SourceLine], b: &mut Builder) {
    for line in body.iter().filter(|l| !l.blank) {
        if is_rule_row(&line.text) || header(&line.text).is_some() {
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
        assert!(is_rule_row("|---|:---:|---|"));
    }
}
