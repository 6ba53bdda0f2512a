//! What every table reader shares: cells of a row on one line (tabs, markdown bars), a
//! header row read by the meaning of its cells, and a row's cells turned into a task.

use super::draft::{title_of, TaskDraft};
use super::notes::{self, Note};
use super::numbering::HeadingMark;
use super::structure::Builder;
use super::vocab::{column_meaning, phrase_status, Column, Role, PERSON_IN_CHARGE};
use crate::model::{Status, WarningKind};

/// The cells of a row, trimmed; `None` for a line that is no row: no tab, no leading bar,
/// and fewer than two bars (markdown rows may leave out the outer bars).
pub fn cells(text: &str) -> Option<Vec<&str>> {
    if let Some(inner) = text.strip_prefix('|') {
        let inner = inner.strip_suffix('|').unwrap_or(inner);
        return Some(inner.split('|').map(str::trim).collect());
    }
    if text.contains('\t') {
        return Some(text.split('\t').map(str::trim).collect());
    }
    (text.matches('|').count() >= 2).then(|| text.split('|').map(str::trim).collect())
}

/// The `|---|:---:|` row under a markdown table's header (outer bars optional).
pub fn is_rule_row(text: &str) -> bool {
    text.contains('|')
        && text.contains('-')
        && text.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
}

/// A table's header: the meaning of each column (`None` for a cell nobody foresaw, read
/// as task text) and the header cells as printed.
#[derive(Debug, Clone, PartialEq)]
pub struct Header {
    pub columns: Vec<Option<Column>>,
    pub names: Vec<String>,
}

impl Header {
    /// Reads header cells by meaning; `None` unless they name a task (or target) column and
    /// a column of units or leaders, and most cells are understood.
    pub fn read<S: AsRef<str>>(cells: &[S]) -> Option<Header> {
        let names: Vec<String> = cells
            .iter()
            .map(|c| c.as_ref().trim().to_string())
            .collect();
        let filled = names.iter().filter(|n| !n.is_empty()).count();
        let mut columns: Vec<Option<Column>> = names.iter().map(|n| column_meaning(n)).collect();
        // 责任领导 beside 责任人: the officials lead, the 责任人 are the offices' contacts.
        let leader = Some(Column::Role(Role::Leader));
        let officials = names
            .iter()
            .zip(&columns)
            .any(|(n, c)| *c == leader && !n.contains(PERSON_IN_CHARGE));
        if officials {
            for (n, c) in names.iter().zip(columns.iter_mut()) {
                if *c == leader && n.contains(PERSON_IN_CHARGE) {
                    *c = Some(Column::Role(Role::Contact));
                }
            }
        }
        // 2024年完成情况 beside 2025年目标任务: what an earlier year achieved is the plan's
        // baseline, no report on it — kept apart, as a remark is.
        let year = |n: &str| {
            let digits: String = n.chars().take_while(char::is_ascii_digit).collect();
            (digits.len() == 4 && n[4..].starts_with('年'))
                .then(|| digits.parse::<u32>().ok())
                .flatten()
        };
        // Only a year no planned column names: 2025年目标 beside 2025年完成情况 reports on it.
        let planned: Vec<u32> = names
            .iter()
            .zip(&columns)
            .filter(|(_, c)| **c != Some(Column::Progress))
            .filter_map(|(n, _)| year(n))
            .collect();
        for (n, c) in names.iter().zip(columns.iter_mut()) {
            let baseline = year(n)
                .is_some_and(|y| planned.iter().any(|&later| later > y) && !planned.contains(&y));
            if *c == Some(Column::Progress) && baseline {
                *c = Some(Column::Remark);
            }
        }
        let known = columns.iter().flatten().count();
        let has = |pick: fn(&Column) -> bool| columns.iter().flatten().any(pick);
        let names_work = has(|c| matches!(c, Column::Task | Column::Target));
        let names_people = has(|c| {
            matches!(
                c,
                Column::Role(Role::Lead | Role::Responsible | Role::Support | Role::Leader)
            )
        });
        (filled >= 3 && known >= 3 && known * 3 >= filled * 2 && names_work && names_people)
            .then_some(Header { columns, names })
    }

    /// The index of the first column of a meaning.
    pub fn find(&self, column: Column) -> Option<usize> {
        self.columns.iter().position(|c| *c == Some(column))
    }

    /// The column of task numbers: the one named 序号 when there are several (an 编号
    /// beside it is an internal code, not the row's number), else the first.
    pub fn number_column(&self) -> Option<usize> {
        self.columns
            .iter()
            .zip(&self.names)
            .position(|(c, name)| *c == Some(Column::No) && name.contains("序号"))
            .or_else(|| self.find(Column::No))
    }

    /// Warns once for each header cell that names no column we know: its cells are read
    /// as task text.
    pub fn warn_unknown(&self, line: usize, b: &mut Builder) {
        for (name, column) in self.names.iter().zip(&self.columns) {
            if column.is_none() && !name.is_empty() {
                b.warn(
                    line,
                    WarningKind::Table,
                    format!("column 「{name}」 not understood: its cells are read as task text"),
                );
            }
        }
    }
}

/// One row of a table, its cells paired with their column's meaning (`None`: task text).
pub struct Row<'a> {
    pub line: usize,
    pub cells: Vec<(Option<Column>, &'a str)>,
    /// The header's cells as printed, column by column (empty where the layout has none).
    pub heads: &'a [String],
}

impl Row<'_> {
    fn cell(&self, column: Column) -> Option<&str> {
        self.cells
            .iter()
            .find(|(c, text)| *c == Some(column) && !text.is_empty())
            .map(|(_, t)| *t)
    }

    /// The category cell (分类, 领域), if the row has one filled.
    pub fn category(&self) -> Option<&str> {
        self.cell(Column::Section)
    }

    /// Whether the row carries any task text.
    pub fn has_text(&self) -> bool {
        self.cells
            .iter()
            .any(|(c, t)| matches!(c, Some(Column::Task | Column::Target) | None) && !t.is_empty())
    }
}

/// Opens a section for a category cell that differs from the open one (merged category
/// cells are filled only on the first row of their group). `categories` counts them.
pub fn open_category(row: &Row, open: &mut Option<String>, categories: &mut u32, b: &mut Builder) {
    let Some(category) = row.category() else {
        return;
    };
    if open.as_deref() == Some(category) {
        return;
    }
    *categories += 1;
    let mark = HeadingMark {
        level: 1,
        number: *categories,
        printed: category.to_string(),
        title: category.to_string(),
    };
    b.open_section(&mark, row.line);
    *open = Some(category.to_string());
}

/// The period columns' cells, each after its column's name: `一季度：完成招标；二季度：主体开工`.
fn schedule(row: &Row) -> Option<String> {
    let planned: Vec<String> = row
        .cells
        .iter()
        .enumerate()
        .filter(|(_, (c, t))| *c == Some(Column::Schedule) && !t.is_empty())
        .map(
            |(i, (_, t))| match row.heads.get(i).filter(|h| !h.is_empty()) {
                Some(head) => format!("{head}：{t}"),
                None => t.to_string(),
            },
        )
        .collect();
    (!planned.is_empty()).then(|| planned.join("；"))
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

/// Longest cell read as a status word (序时推进, 已完成) rather than progress text.
const STATUS_CELL_CHARS: usize = 8;

/// Turns a row into task `no`: the first task (else target) cell gives the title, every
/// text cell the text, the unit, leader and deadline cells its note. Remarks and progress
/// are not task text: their figures are no targets.
pub fn open_task(row: &Row, no: &str, b: &mut Builder) {
    fill(row, b.open_task(no, row.line));
}

/// Reads the open task `no` again from its whole row, when a page break split the row and
/// its cells continue on the next page.
pub fn reread_task(row: &Row, no: &str, b: &mut Builder) {
    fill(row, b.reread_task(no, row.line));
}

fn fill(row: &Row, draft: &mut TaskDraft) {
    let texts: Vec<&str> = row
        .cells
        .iter()
        .filter(|(c, t)| matches!(c, Some(Column::Task | Column::Target) | None) && !t.is_empty())
        .map(|(_, t)| *t)
        .collect();
    let title = row
        .cell(Column::Task)
        .or_else(|| row.cell(Column::Target))
        .map(title_of);
    let mut note = Note::default();
    for (column, text) in &row.cells {
        if let Some(Column::Role(role)) = column {
            note.merge(notes::cell_note(*role, text));
        }
    }
    // Two progress columns (推进情况 and 完成情况, or 完成率): a short cell of status words
    // is the status (序时推进), the longest other one the progress.
    let progress_cells: Vec<&str> = row
        .cells
        .iter()
        .filter(|(c, t)| *c == Some(Column::Progress) && !t.is_empty())
        .map(|(_, t)| *t)
        .collect();
    let worded = progress_cells
        .iter()
        .copied()
        .filter(|_| progress_cells.len() > 1)
        .find(|t| t.chars().count() <= STATUS_CELL_CHARS && phrase_status(t) != Status::Unknown);
    // Of the others, the longest says what was done (a 完成率 cell beside it holds 35%).
    let progress = progress_cells
        .iter()
        .copied()
        .filter(|t| Some(*t) != worded)
        .max_by_key(|t| t.chars().count())
        .or(progress_cells.first().copied())
        .map(str::to_string);
    // A report without a status column often says it in its 备注 (滞后，需加快): the remark's
    // opening phrase, when it is a status word.
    // Every remark cell is asked: a baseline column (2024年完成情况) is a remark too.
    let remarked = row
        .cells
        .iter()
        .filter(|(c, _)| *c == Some(Column::Remark) && !progress_cells.is_empty())
        .filter_map(|(_, t)| t.split(['，', '。', '；', ',', ';']).next())
        .map(str::trim)
        .find(|t| t.chars().count() <= STATUS_CELL_CHARS && phrase_status(t) != Status::Unknown);
    let status = row
        .cell(Column::Status)
        .or(worded)
        .or(remarked)
        .map(str::to_string);
    draft.schedule = schedule(row);
    draft.title = title;
    draft.progress = progress;
    draft.status = status;
    draft.push(row.line, &join_sentences(&texts));
    draft.own_note = note;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tabs_bars_and_rules() {
        assert_eq!(
            cells("1\t建设\t区农业局"),
            Some(vec!["1", "建设", "区农业局"])
        );
        assert_eq!(cells("| 1 | 建设 |  |"), Some(vec!["1", "建设", ""]));
        assert_eq!(cells("一、稳增长"), None);
        assert!(is_rule_row("|---|:---:|"));
        assert!(!is_rule_row("| 1 | 建设 |"));
    }

    #[test]
    fn headers_by_meaning() {
        let h = Header::read(&[
            "序号",
            "民生实事项目",
            "年度目标任务",
            "责任领导",
            "牵头单位",
        ])
        .unwrap();
        assert_eq!(h.find(Column::Role(Role::Leader)), Some(3));
        assert_eq!(h.find(Column::Target), Some(2));
        let h = Header::read(&[
            "类别",
            "工作事项",
            "预期目标",
            "时间节点",
            "配合单位",
            "备注",
        ])
        .unwrap();
        assert_eq!(h.find(Column::Section), Some(0));
        assert_eq!(h.find(Column::Remark), Some(5));
        assert!(Header::read(&["序号", "名称", "地址"]).is_none());
        assert!(Header::read(&["1", "建设道路10公里", "区交通局"]).is_none());
    }
}
