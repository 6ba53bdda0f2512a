//! Tables with a row per line — a spreadsheet paste (tabs, or runs of spaces) or a
//! markdown table: a header row read by meaning, then one task per row, section rows
//! (`一、稳增长`), merged category cells, repeated headers, totals and page marks.

use crate::ingest::classify::is_web_junk;
use crate::ingest::lines::SourceLine;
use crate::ingest::normalize::is_page_mark;
use crate::ingest::notes;
use crate::ingest::numbering::{cn_number, notice_heading, row_number, HeadingMark};
use crate::ingest::structure::Builder;
use crate::ingest::table_row::{self, open_category, Header, Row};
use crate::ingest::vocab::{column_meaning, Column};
use crate::model::{LineRole, WarningKind};

/// A row's cells: tabs or markdown bars, else runs of two spaces (a paste that lost its tabs).
fn cells(text: &str) -> Vec<&str> {
    table_row::cells(text).unwrap_or_else(|| {
        text.split("  ")
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .collect()
    })
}

/// Reads a header row by the meaning of its cells.
pub fn header(text: &str) -> Option<Header> {
    Header::read(&cells(text))
}

/// The header that starts at `lines[at]`, and how many rows it takes: a second row that
/// only names columns (`牵头单位 配合单位` under a merged `责任主体`) refines the first.
pub fn header_at(lines: &[SourceLine], at: usize) -> Option<(Header, usize)> {
    let mut first = vec![""; lines[at].leading_tabs];
    first.extend(cells(&lines[at].text));
    let mut header = Header::read(&first)?;
    let Some(next) = lines.get(at + 1).filter(|l| !l.blank) else {
        return Some((header, 1));
    };
    let mut sub = vec![""; next.leading_tabs];
    sub.extend(cells(&next.text));
    let named: Vec<(usize, Column)> = sub
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.is_empty())
        .filter_map(|(i, c)| column_meaning(c).map(|m| (i, m)))
        .collect();
    let filled = sub.iter().filter(|c| !c.is_empty()).count();
    // A category row is no second header row, though its words may name a column
    // (`一、重大项目建设`, `重点项目（10项）` hold 项目): it is numbered like a heading, or
    // one cell under a column the first row already names.
    let under_gap = named
        .iter()
        .any(|(i, _)| first.get(*i).is_none_or(|c| c.trim().is_empty()));
    let heading = sub.iter().any(|c| notice_heading(c).is_some());
    if named.is_empty() || named.len() != filled || heading || (filled < 2 && !under_gap) {
        return Some((header, 1));
    }
    for (i, meaning) in named {
        if let Some(slot) = header.columns.get_mut(i) {
            *slot = Some(meaning);
        } else {
            header.columns.push(Some(meaning));
        }
        if let (Some(name), Some(cell)) = (header.names.get_mut(i), sub.get(i)) {
            *name = cell.to_string();
        }
    }
    Some((header, 2))
}

/// A row that opens a section: `一、稳增长` alone, or with its subtotals in the other cells,
/// or `（一）` in the number cell with the title in the next.
fn section_row(row: &[&str]) -> Option<HeadingMark> {
    let filled: Vec<&str> = row.iter().copied().filter(|c| !c.is_empty()).collect();
    if let [ordinal, title] = filled.as_slice() {
        // A bare numeral in the 序号 cell (一 | 扩大有效投资) reads as 一、.
        let bare = (!ordinal.chars().all(|c| c.is_ascii_digit()) && cn_number(ordinal).is_some())
            .then(|| format!("{ordinal}、"));
        let ordinal = bare.as_deref().unwrap_or(ordinal);
        if let Some(mark) = notice_heading(&format!("{ordinal}{title}")).filter(|m| {
            m.printed.chars().count() == ordinal.chars().count() || ordinal.ends_with('、')
        }) {
            return Some(mark);
        }
    }
    let first = row.iter().find(|c| !c.is_empty())?;
    let rest_are_numbers = row
        .iter()
        .skip_while(|c| *c != first)
        .skip(1)
        .all(|c| c.is_empty() || c.chars().all(|ch| ch.is_ascii_digit() || ch == '.'));
    let only_cell = row.iter().filter(|c| !c.is_empty()).count() == 1;
    (only_cell || rest_are_numbers)
        .then(|| notice_heading(first))
        .flatten()
}

/// Appends the cells of a row's rest to the row (`县公安` + `局交通管理大队`); false, and
/// nothing changed, if the rest is no such thing: its number cell (`number`) filled, or
/// nothing in it.
fn continue_row(row: &mut [String], rest: &[&str], number: Option<usize>) -> bool {
    let unnumbered = number
        .and_then(|i| rest.get(i))
        .is_none_or(|c| c.is_empty());
    if !unnumbered || rest.iter().all(|c| c.is_empty()) || rest.len() > row.len() {
        return false;
    }
    for (cell, more) in row.iter_mut().zip(rest) {
        cell.push_str(more);
    }
    true
}

/// A totals row (合计, 总计, 小计) or a summary line (已完成4项…): part of the table, no task.
fn is_total_row(row: &[&str]) -> bool {
    row.iter().find(|c| !c.is_empty()).is_some_and(|c| {
        let c = c.replace([' ', '\u{3000}'], "");
        matches!(c.as_str(), "合计" | "总计" | "小计" | "总计划")
    })
}

/// Places the body lines: headings before and between the tables, header rows (a table
/// may repeat its header in every section), and one task per row.
/// Places the rows of a table whose header takes `header_rows` lines from `header_line`.
pub fn parse(
    header: &Header,
    (header_line, header_rows): (usize, usize),
    body: &[SourceLine],
    b: &mut Builder,
) {
    header.warn_unknown(header_line, b);
    // 责任单位（排名第一的为牵头单位）: the header says the first unit of each cell leads.
    if header
        .names
        .iter()
        .any(|n| notes::is_first_listed_remark(n))
    {
        b.first_listed = true;
    }
    let numbered = header.number_column();
    let mut category: Option<String> = None;
    let mut categories = 0u32;
    let mut next_no = 1u32;
    let mut in_footer = false;
    // The open task's row (its cells, number and line) while a page break may split it,
    // and whether one just came (a page mark, the header printed again).
    let mut open_row: Option<(Vec<String>, String, usize)> = None;
    let mut after_break = false;
    for line in body.iter().filter(|l| !l.blank) {
        if in_footer || is_web_junk(&line.text) {
            b.finish_task();
            in_footer = true;
            b.role(line.no, LineRole::Footer);
            continue;
        }
        if (header_line..header_line + header_rows).contains(&line.no)
            || table_row::is_rule_row(&line.text)
            || self::header(&line.text).is_some()
        {
            after_break = true;
            b.role(line.no, LineRole::Table);
            continue;
        }
        if is_page_mark(&line.text) {
            after_break = true;
            b.role(line.no, LineRole::Page);
            continue;
        }
        let mut row_cells = vec![""; line.leading_tabs];
        row_cells.extend(cells(&line.text));
        let row = Row {
            line: line.no,
            cells: header
                .columns
                .iter()
                .copied()
                .zip(row_cells.iter().copied())
                .collect(),
            heads: &header.names,
        };
        let number = numbered
            .and_then(|i| row_cells.get(i))
            .and_then(|cell| row_number(cell));
        let numbered_row = number.is_some();
        let rest_of_row = after_break
            && !numbered_row
            && section_row(&row_cells).is_none()
            && !is_total_row(&row_cells);
        if let Some(row) = open_row.as_mut().filter(|_| rest_of_row) {
            // The rest of a row a page break split: its cells continue the row's cells.
            after_break = false;
            if continue_row(&mut row.0, &row_cells, numbered) && b.draft.is_some() {
                let merged = Row {
                    line: row.2,
                    cells: header
                        .columns
                        .iter()
                        .copied()
                        .zip(row.0.iter().map(String::as_str))
                        .collect(),
                    heads: &header.names,
                };
                table_row::reread_task(&merged, &row.1, b);
                b.role(line.no, LineRole::Table);
                continue;
            }
        }
        after_break = false;
        if let Some(mark) = section_row(&row_cells) {
            open_row = None;
            b.open_section(&mark, line.no);
            category = None;
        } else if is_total_row(&row_cells) {
            b.role(line.no, LineRole::Table);
        } else if numbered_row || (numbered.is_none() && row_cells.len() > 1 && row.has_text()) {
            open_category(&row, &mut category, &mut categories, b);
            let no = number.unwrap_or_else(|| next_no.to_string());
            next_no += 1;
            table_row::open_task(&row, &no, b);
            let mut kept: Vec<String> = row_cells.iter().map(|c| c.to_string()).collect();
            kept.resize(header.columns.len().max(kept.len()), String::new());
            open_row = Some((kept, no, line.no));
            b.role(line.no, LineRole::Table);
        } else if b.doc.tasks.is_empty() && b.draft.is_none() && !row.has_text() {
            b.role(line.no, LineRole::Prose);
        } else {
            let excerpt: String = line.text.chars().take(30).collect();
            b.role(line.no, LineRole::Unplaced);
            b.warn(
                line.no,
                WarningKind::Table,
                format!("table row without a task number: {excerpt}"),
            );
        }
    }
    b.finish_task();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::vocab::Role;

    #[test]
    fn header_row_found_by_meaning() {
        let h = header("序号\t重点任务\t具体内容\t牵头单位\t配合单位\t完成时限").unwrap();
        assert_eq!(h.find(Column::Role(Role::Lead)), Some(3));
        assert_eq!(h.find(Column::Role(Role::Due)), Some(5));
        assert!(header("序号\t名称").is_none());
        let md = header("| 序号 | 工作事项 | 牵头单位 | 配合单位 |").unwrap();
        assert_eq!(md.find(Column::Task), Some(1));
        assert_eq!(md.find(Column::Role(Role::Support)), Some(3));
    }
}
