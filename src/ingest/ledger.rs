//! Task ledgers pasted from a spreadsheet: a header row (序号 重点任务 具体内容 牵头单位
//! 配合单位 完成时限) and one task per row, cells separated by tabs (or runs of spaces).

use super::lines::SourceLine;
use super::notes::{split_units, Note};
use super::numbering::notice_heading;
use super::structure::Builder;
use crate::model::{LineRole, WarningKind};

/// Which cell holds what.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Columns {
    no: Option<usize>,
    title: Option<usize>,
    text: Option<usize>,
    lead: Option<usize>,
    support: Option<usize>,
    due: Option<usize>,
}

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
    let columns = Columns {
        no: find(&["序号", "编号"]),
        title: find(&["重点任务", "工作任务", "任务名称", "重点工作", "任务"]),
        text: find(&[
            "具体内容",
            "工作内容",
            "主要内容",
            "工作措施",
            "具体措施",
            "目标任务",
        ]),
        lead: find(&["牵头单位", "责任单位", "牵头部门", "责任部门"]),
        support: find(&["配合单位", "参与单位", "配合部门"]),
        due: find(&["完成时限", "完成时间", "时间节点"]),
    };
    (row.len() >= 3
        && columns.no.is_some()
        && (columns.title.is_some() || columns.text.is_some())
        && columns.lead.is_some())
    .then_some(columns)
}

/// The `|---|:---:|` row under a markdown table's header.
fn is_rule_row(text: &str) -> bool {
    text.starts_with('|') && text.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
}

/// Places the rows after the header row.
pub fn parse(columns: &Columns, header_line: usize, body: &[SourceLine], b: &mut Builder) {
    b.role(header_line, LineRole::Table);
    for line in body.iter().filter(|l| !l.blank && l.no != header_line) {
        if is_rule_row(&line.text) {
            b.role(line.no, LineRole::Table);
            continue;
        }
        let row = cells(&line.text);
        let cell = |i: Option<usize>| i.and_then(|i| row.get(i)).copied().unwrap_or("");
        let no = cell(columns.no);
        if !no.is_empty() && no.chars().all(|c| c.is_ascii_digit()) {
            let (title, text) = (cell(columns.title), cell(columns.text));
            let draft = b.open_task(no, line.no);
            draft.title = (!title.is_empty()).then(|| title.to_string());
            let full = match (title.is_empty(), text.is_empty()) {
                (false, false) => format!("{title}。{text}"),
                (false, true) => title.to_string(),
                _ => text.to_string(),
            };
            draft.push(line.no, &full);
            draft.own_note = Note {
                lead: split_units(cell(columns.lead)),
                support: split_units(cell(columns.support)),
                due: Some(cell(columns.due).to_string()).filter(|d| !d.is_empty()),
            };
            b.role(line.no, LineRole::Table);
        } else if let Some(mark) = row
            .first()
            .and_then(|c| notice_heading(c))
            .filter(|_| row.len() <= 2)
        {
            b.open_section(&mark, line.no);
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
