//! Task tables that PDF extraction flattened to one cell per line: a run of header cells
//! (序号 重点任务 具体措施 牵头单位 配合单位 完成时限), then each row's cells on lines of their
//! own, every row opening with its number. Empty cells vanish in extraction, so cells are
//! placed by position only when a row has them all, and by their look otherwise.

use super::lines::SourceLine;
use super::normalize::is_page_mark;
use super::notes::{is_deadline, looks_like_body, split_units, Note};
use super::numbering::notice_heading;
use super::structure::Builder;
use super::table_row::{column, Column};
use crate::model::LineRole;

/// The header of a flattened table: consecutive lines that each name a column, starting
/// with 序号 and naming a lead column. Returns the columns and the indexes of its first
/// line and of the line after it.
pub fn header(lines: &[SourceLine]) -> Option<(Vec<Column>, usize, usize)> {
    let filled: Vec<(usize, &SourceLine)> =
        lines.iter().enumerate().filter(|(_, l)| !l.blank).collect();
    for (k, (_, line)) in filled.iter().enumerate() {
        if column(&line.text) != Some(Column::No) {
            continue;
        }
        let columns: Vec<Column> = filled[k..]
            .iter()
            .map_while(|(_, l)| column(&l.text))
            .collect();
        if columns.len() >= 3 && columns.contains(&Column::Lead) {
            let (first, _) = filled[k];
            let (last, _) = filled[k + columns.len() - 1];
            return Some((columns, first, last + 1));
        }
    }
    None
}

/// Places the lines after the header: headings, page marks, and the rows.
pub fn parse(columns: &[Column], body: &[SourceLine], b: &mut Builder) {
    let mut row: Vec<&SourceLine> = Vec::new();
    let mut next_no = 1u32;
    for line in body.iter().filter(|l| !l.blank) {
        let text = line.text.as_str();
        if is_page_mark(text) {
            b.role(line.no, LineRole::Page);
        } else if let Some(mark) = notice_heading(text) {
            finish_row(columns, &mut row, b);
            b.open_section(&mark, line.no);
        } else if text
            .parse::<u32>()
            .is_ok_and(|n| n == next_no || (n == 1 && !row.is_empty()))
        {
            finish_row(columns, &mut row, b);
            next_no = text.parse::<u32>().unwrap_or(next_no) + 1;
            row.push(line);
        } else if row.is_empty() {
            b.role(line.no, LineRole::Prose);
        } else {
            row.push(line);
        }
    }
    finish_row(columns, &mut row, b);
    b.finish_task();
}

/// Turns one row's cells (its number first) into a task.
fn finish_row(columns: &[Column], row: &mut Vec<&SourceLine>, b: &mut Builder) {
    let Some((number, cells)) = row.split_first() else {
        return;
    };
    let texts: Vec<&str> = cells.iter().map(|l| l.text.as_str()).collect();
    let placed = place_cells(columns, &texts);
    let draft = b.open_task(&number.text, number.no);
    let title = placed
        .iter()
        .find(|(c, _)| *c == Column::Title)
        .map(|(_, t)| t.to_string());
    for (kind, cell) in &placed {
        if matches!(kind, Column::Title | Column::Text) {
            let sentence = if cell.ends_with(['。', '；']) {
                cell.to_string()
            } else {
                format!("{cell}。")
            };
            let at = cells
                .iter()
                .find(|l| l.text == *cell)
                .map_or(number.no, |l| l.no);
            draft.push(at, &sentence);
        }
    }
    draft.title = title;
    let cell_of = |kind: Column| placed.iter().find(|(c, _)| *c == kind).map(|(_, t)| *t);
    draft.own_note = Note {
        lead: cell_of(Column::Lead).map(split_units).unwrap_or_default(),
        support: cell_of(Column::Support)
            .map(split_units)
            .unwrap_or_default(),
        due: cell_of(Column::Due).map(str::to_string),
    };
    for line in row.iter() {
        b.role(line.no, LineRole::Table);
    }
    row.clear();
}

/// Which column each cell belongs to. With every cell present, by position; with some
/// missing, the first is the title, a last cell that reads as a deadline is the due date,
/// cells naming government bodies are lead then support, and the rest is text.
fn place_cells<'a>(columns: &[Column], cells: &[&'a str]) -> Vec<(Column, &'a str)> {
    let wanted: Vec<Column> = columns
        .iter()
        .copied()
        .filter(|c| *c != Column::No)
        .collect();
    if cells.len() == wanted.len() {
        return wanted.into_iter().zip(cells.iter().copied()).collect();
    }
    let mut placed = Vec::new();
    let mut rest = cells;
    if let Some((first, tail)) = rest.split_first() {
        placed.push((Column::Title, *first));
        rest = tail;
    }
    if let Some((last, head)) = rest.split_last().filter(|(last, _)| is_deadline(last)) {
        placed.push((Column::Due, *last));
        rest = head;
    }
    let mut unit_columns = [Column::Lead, Column::Support].into_iter();
    for cell in rest {
        let names_bodies =
            split_units(cell).iter().all(|u| looks_like_body(u)) && !cell.contains('。');
        let kind = if names_bodies {
            unit_columns.next()
        } else {
            None
        };
        placed.push((kind.unwrap_or(Column::Text), *cell));
    }
    placed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::lines::split;

    #[test]
    fn header_is_a_run_of_column_names() {
        let lines = split("附件\n序号\n重点任务\n具体措施\n牵头单位\n配合单位\n完成时限\n1\n");
        let (columns, first, after) = header(&lines).unwrap();
        assert_eq!(columns.len(), 6);
        assert_eq!((first, after), (1, 7));
    }

    #[test]
    fn cells_by_position_or_by_look() {
        let columns = [
            Column::No,
            Column::Title,
            Column::Text,
            Column::Lead,
            Column::Support,
            Column::Due,
        ];
        let full = place_cells(
            &columns,
            &[
                "推行一件事",
                "新增20项。",
                "市政务服务管理局",
                "市税务局",
                "2024年6月底前",
            ],
        );
        assert_eq!(full[2], (Column::Lead, "市政务服务管理局"));
        let missing = place_cells(
            &columns,
            &["推行一件事", "新增20项。", "市政务服务管理局", "持续推进"],
        );
        assert_eq!(
            missing,
            [
                (Column::Title, "推行一件事"),
                (Column::Due, "持续推进"),
                (Column::Text, "新增20项。"),
                (Column::Lead, "市政务服务管理局")
            ]
        );
    }
}
