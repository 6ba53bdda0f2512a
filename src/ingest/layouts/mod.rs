//! The layouts a plan's body comes in, and `detect`, which splits a body into regions of
//! one layout each: real documents mix them (a notice whose tasks are followed by an
//! attachment table, two tables one after the other, a flattened table after a cover
//! letter). Each layout is a module that places the lines of its regions into the model
//! through one shared [`Builder`]; a new layout is a variant here and a module beside it.

pub mod five_year;
pub mod flat_table;
pub mod notice;
pub mod table;

use super::classify::is_table_row;
use super::indicators::IndicatorTable;
use super::lines::SourceLine;
use super::normalize::is_page_mark;
use super::numbering;
use super::structure::Builder;
use super::table_row::{self, Header};
use crate::model::{DocumentKind, LineRole, WarningKind};

/// How the lines of a region are laid out.
#[derive(Debug, Clone, PartialEq)]
pub enum Layout {
    /// Numbered tasks under 一、/（一） headings, notes in brackets or on lines of their own.
    Notice,
    /// 篇/章/节 headings, numbered measures, indicator tables and 专栏.
    FiveYear,
    /// A table with a row per line; `header` is the index of its header row.
    Table {
        header: Header,
        header_at: usize,
        header_rows: usize,
    },
    /// A table flattened to a cell per line; its header cells end before `body_at`.
    FlatTable { header: Header, body_at: usize },
    /// Rows of a table whose header names no task or unit column: reported, not read.
    Unread,
    /// An indicator table (指标名称, 2024年基数, 2025年目标, 属性) outside a five-year plan.
    Indicators,
    /// The mark and title of an attachment (`附件2` / `2025年十件民生实事项目表`) over its
    /// table, in a document of several such: the section of the table's tasks.
    AttachmentHeading {
        number: u32,
        title: String,
        /// The title's line (the heading may stand in the cover's lines, before the body).
        line: usize,
    },
}

/// A run of lines (`start..end`, indexes into the document's lines) of one layout.
#[derive(Debug, Clone, PartialEq)]
pub struct Region {
    pub layout: Layout,
    pub start: usize,
    pub end: usize,
}

/// The regions of a document's body, and where the body starts (the header is before).
#[derive(Debug, Clone, PartialEq)]
pub struct Body {
    pub start: usize,
    pub regions: Vec<Region>,
}

/// Splits a document into its header and the regions of its body.
pub fn detect(lines: &[SourceLine], kind: DocumentKind) -> Body {
    let text_layout = match kind {
        DocumentKind::FiveYearPlan => Layout::FiveYear,
        _ => Layout::Notice,
    };
    // A five-year plan's tables are indicator tables, which its own layout reads.
    let mut tables = match kind {
        DocumentKind::FiveYearPlan => Vec::new(),
        _ => table_regions(lines),
    };
    if tables.is_empty() && kind != DocumentKind::FiveYearPlan {
        tables.extend(flat_table_region(lines));
    }
    let first_table = tables.first().map(|t| t.start);
    let start = match first_table {
        // A heading or task may stand before the table: the body starts there.
        Some(at) => body_start(&lines[..at], kind).min(at),
        None => body_start(lines, kind),
    };
    let start = after_cover(lines, start, first_table, kind).unwrap_or(start);
    let mut regions = Vec::new();
    let mut at = start;
    let tables: Vec<Region> = tables.into_iter().filter(|t| t.end > start).collect();
    // Two attachments or more, each a table under its own title: each is a section, so
    // that their tasks (numbered from 1 in each) stay apart.
    // Tables that group their rows under headings of their own (一、产业发展) keep those
    // as their sections.
    let headings: Vec<Option<(usize, usize, u32, String)>> = tables
        .iter()
        .enumerate()
        .map(|(k, t)| attachment_heading(lines, t.start, k as u32 + 1))
        .collect();
    let own_sections = tables.iter().any(|t| {
        let category_column = matches!(&t.layout, Layout::Table { header, .. }
            if header.find(crate::ingest::vocab::Column::Section).is_some());
        category_column
            || lines[t.start..t.end]
                .iter()
                .any(|l| numbering::notice_heading(&l.text).is_some())
    });
    let sectioned = headings.iter().flatten().count() >= 2 && !own_sections;
    for (table, heading) in tables.into_iter().zip(headings) {
        let table_start = table.start.max(start);
        let heading = heading.filter(|_| sectioned);
        let text_end = heading.as_ref().map_or(table_start, |(mark, _, _, _)| {
            (*mark).clamp(at, table_start)
        });
        if text_end > at {
            regions.push(Region {
                layout: text_layout.clone(),
                start: at,
                end: text_end,
            });
        }
        if let Some((_, title_at, number, title)) = heading {
            regions.push(Region {
                layout: Layout::AttachmentHeading {
                    number,
                    title,
                    line: lines[title_at].no,
                },
                start: text_end,
                end: table_start,
            });
        }
        at = table.end;
        regions.push(Region {
            start: table_start,
            ..table
        });
    }
    if at < lines.len() {
        regions.push(Region {
            layout: text_layout,
            start: at,
            end: lines.len(),
        });
    }
    Body { start, regions }
}

/// Places the lines of one region.
pub fn parse(region: &Region, lines: &[SourceLine], b: &mut Builder) {
    let body = &lines[region.start..region.end];
    match &region.layout {
        Layout::Notice => notice::parse(body, b),
        Layout::FiveYear => five_year::parse(body, b),
        Layout::Table {
            header,
            header_at,
            header_rows,
        } => {
            if header
                .find(crate::ingest::vocab::Column::Progress)
                .is_some()
            {
                b.doc.kind = DocumentKind::ProgressReport;
            }
            table::parse(header, (lines[*header_at].no, *header_rows), body, b);
        }
        Layout::FlatTable { header, body_at } => {
            for line in &lines[region.start..*body_at] {
                b.role(line.no, LineRole::Table);
            }
            flat_table::parse(header, &lines[*body_at..region.end], b);
        }
        Layout::AttachmentHeading {
            number,
            title,
            line,
        } => {
            let mark = numbering::HeadingMark {
                level: 1,
                number: *number,
                printed: format!("附件{number}"),
                title: title.clone(),
            };
            b.open_section(&mark, *line);
            for l in body.iter().filter(|l| !l.blank) {
                b.role(l.no, LineRole::Heading);
            }
        }
        Layout::Indicators => {
            b.finish_task();
            let mut table = IndicatorTable::default();
            for line in body.iter().filter(|l| !l.blank) {
                if is_page_mark(&line.text) {
                    b.role(line.no, LineRole::Page);
                } else if !table.take(line, b) {
                    b.role(line.no, LineRole::Unplaced);
                    let excerpt: String = line.text.chars().take(30).collect();
                    b.warn(
                        line.no,
                        WarningKind::Table,
                        format!("indicator table row not read: {excerpt}"),
                    );
                }
            }
            table.finish(b);
        }
        Layout::Unread => {
            b.finish_task();
            let first = body.iter().find(|l| !l.blank);
            let header: String = first
                .map_or("", |l| l.text.as_str())
                .chars()
                .take(40)
                .collect();
            b.warn(
                first.map_or(0, |l| l.no),
                WarningKind::Table,
                format!(
                    "table not read: its first row 「{header}」 names no task column and no unit column (expected names such as 工作任务, 牵头单位, 责任单位)"
                ),
            );
            for line in body.iter().filter(|l| !l.blank) {
                b.role(line.no, LineRole::Unplaced);
            }
        }
    }
}

/// Tables with a row per line: from a header row read by meaning over the rows, section
/// rows, page marks and blank lines after it; runs of rows without such a header are
/// `Unread`.
fn table_regions(lines: &[SourceLine]) -> Vec<Region> {
    let mut regions = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let text = lines[i].text.as_str();
        // A header that names the tasks' text (重点任务) is a task table's, whatever
        // indicator words it holds besides.
        // (Asked only of an indicator header: reading a header costs more than the test.)
        let indicators = IndicatorTable::is_table_header(text)
            && table::header_at(lines, i)
                .is_none_or(|(h, _)| h.find(crate::ingest::vocab::Column::Task).is_none());
        if indicators {
            let end = run_end(lines, i + 1, false, Some(text));
            regions.push(Region {
                layout: Layout::Indicators,
                start: i,
                end,
            });
            i = end;
        } else if let Some((header, header_rows)) = table::header_at(lines, i) {
            let spaced = !is_table_row(text);
            let end = run_end(lines, i + header_rows, spaced, Some(text));
            regions.push(Region {
                layout: Layout::Table {
                    header,
                    header_at: i,
                    header_rows,
                },
                start: i,
                end,
            });
            i = end;
        } else if is_wide_row(text) {
            let end = run_end(lines, i + 1, false, None);
            let rows = lines[i..end]
                .iter()
                .filter(|l| is_wide_row(&l.text))
                .count();
            if rows >= 2 {
                regions.push(Region {
                    layout: Layout::Unread,
                    start: i,
                    end,
                });
            }
            i = end;
        } else {
            i += 1;
        }
    }
    regions
}

/// A row of three cells or more: the kind of line a table is made of.
fn is_wide_row(text: &str) -> bool {
    table_row::cells(text).is_some_and(|c| c.len() >= 3)
}

/// Where a run of table rows that starts before `from` ends. Rows split by runs of spaces
/// (`spaced`, a paste that lost its tabs) continue it only after a header of that kind.
/// `header`: the table's own header row, which a page break may print again.
fn run_end(lines: &[SourceLine], from: usize, spaced: bool, header: Option<&str>) -> usize {
    // A header row starts a table of its own (the next attachment), unless it is the same
    // table's header printed again after a page break: the rows after it may finish the
    // row the break split.
    let continues = |l: &SourceLine| {
        (table::header(&l.text).is_none() || header == Some(l.text.as_str()))
            && (l.blank
                || is_page_mark(&l.text)
                || is_table_row(&l.text)
                // A row whose only filled cell is a later column (`\t\t改造…30处。\t\t`);
                // one tab may be a paragraph's indent.
                || (l.leading_tabs >= 2 && !l.text.is_empty())
                || (spaced && l.text.split("  ").filter(|c| !c.trim().is_empty()).count() >= 2)
                || numbering::notice_heading(&l.text).is_some())
    };
    let mut end = from;
    let mut last_row = from;
    while end < lines.len() && continues(&lines[end]) {
        end += 1;
        if !lines[end - 1].blank && numbering::notice_heading(&lines[end - 1].text).is_none() {
            last_row = end;
        }
    }
    // Trailing blank lines and headings belong to what follows the table.
    last_row.max(from)
}

/// A flattened table, where no `1.` task stands before its header: then it holds the tasks.
fn flat_table_region(lines: &[SourceLine]) -> Option<Region> {
    let (header, first, after) = flat_table::header(lines)?;
    lines[..first]
        .iter()
        .all(|l| numbering::task_start(&l.text).is_none())
        .then_some(Region {
            layout: Layout::FlatTable {
                header,
                body_at: after,
            },
            start: first,
            end: lines.len(),
        })
}

/// Index of the first line of the body: the first heading or numbered task that is not
/// an item of the cover notice's attachment list (`附件：1.… 2.…`).
fn body_start(lines: &[SourceLine], kind: DocumentKind) -> usize {
    let listed = attachment_list(lines);
    lines
        .iter()
        .enumerate()
        .position(|(i, l)| {
            !listed.contains(&i)
                && match kind {
                    DocumentKind::FiveYearPlan => {
                        numbering::plan_heading(&l.text).is_some_and(|h| h.level <= 1)
                    }
                    DocumentKind::AnnualTasks | DocumentKind::ProgressReport => {
                        numbering::notice_heading(&l.text).is_some()
                            || numbering::task_start(&l.text).is_some()
                            || heading_numbered_task(&l.text)
                    }
                }
        })
        .or_else(|| {
            lines
                .iter()
                .position(|l| numbering::paren_task_start(&l.text).is_some())
        })
        .unwrap_or(lines.len())
}

/// Where the attachment starts when the numbered paragraphs before it are the cover letter's
/// own (一、提高思想认识 … 1.对按期完成的…予以通报表扬): none of them carries a note, and
/// after the attachment's mark (附件 on a line of its own) a table or noted tasks follow.
/// The body then starts at the attachment's first heading, task or table.
fn after_cover(
    lines: &[SourceLine],
    start: usize,
    first_table: Option<usize>,
    kind: DocumentKind,
) -> Option<usize> {
    let mark = (start..lines.len()).find(|&i| is_attachment_mark(&lines[i].text))?;
    // A note naming units: a deadline alone (2025年2月20日, the cover's date) is none.
    let noted = |l: &SourceLine| {
        crate::ingest::notes::trailing_note(&l.text).is_some_and(|(_, n)| n.names_units())
            || crate::ingest::notes::parse_note(&l.text).is_some_and(|n| n.names_units())
    };
    let cover_only = first_table.is_none_or(|t| t > mark) && !lines[start..mark].iter().any(noted);
    let tasks_after = first_table.is_some() || lines[mark..].iter().any(noted);
    if !(cover_only && tasks_after) {
        return None;
    }
    // The mark and the attachment's title are the attachment's header.
    Some(first_table.unwrap_or_else(|| mark + body_start(&lines[mark..], kind)))
}

/// `附件2`, `附件 3`, `附件`: the mark that opens an attachment, alone on its line.
pub(super) fn is_attachment_mark(text: &str) -> bool {
    text.strip_prefix("附件").is_some_and(|rest| {
        rest.trim_start_matches([' ', '：', ':'])
            .chars()
            .all(|c| c.is_ascii_digit())
    })
}

/// The attachment whose table starts at line index `table_start`: the indexes of its mark
/// line and its title line, its number (`附件2`; `nth` when the mark has none) and its title — the short line over the
/// table (`附件2` / `2025年十件民生实事项目表`, or `附件2：2025年…表` on one line).
fn attachment_heading(
    lines: &[SourceLine],
    table_start: usize,
    nth: u32,
) -> Option<(usize, usize, u32, String)> {
    let above = |from: usize| (0..from).rev().find(|&k| !lines[k].blank);
    let title_at = above(table_start)?;
    let title = lines[title_at].text.trim();
    let short = (2..=MAX_ATTACHMENT_TITLE_CHARS).contains(&title.chars().count())
        && !title.contains('。')
        && !is_table_row(title);
    if !short {
        return None;
    }
    let number = |mark: &str| {
        let digits: String = mark
            .trim_start_matches("附件")
            .chars()
            .filter(char::is_ascii_digit)
            .collect();
        digits.parse().unwrap_or(nth)
    };
    // 附件2：2025年十件民生实事项目表 on one line.
    if let Some((mark, rest)) = title.split_once(['：', ':', ' ']) {
        if is_attachment_mark(mark) && !rest.trim().is_empty() {
            return Some((title_at, title_at, number(mark), rest.trim().to_string()));
        }
    }
    let mark_at = above(title_at)?;
    let mark = lines[mark_at].text.trim();
    is_attachment_mark(mark).then(|| (mark_at, title_at, number(mark), title.to_string()))
}

/// Longest title an attachment's table carries.
const MAX_ATTACHMENT_TITLE_CHARS: usize = 40;

/// An item numbered like a heading that is a task of its own: `（一）巩固成果。…（县农业
/// 农村局牵头）` — too long for a heading, closed by its own note.
fn heading_numbered_task(text: &str) -> bool {
    numbering::heading_number(text).is_some() && crate::ingest::notes::trailing_note(text).is_some()
}

/// Indexes of the lines of a cover notice's attachment list: `附件：1.…` and the numbered
/// titles under it (short, no full stop, no note).
fn attachment_list(lines: &[SourceLine]) -> std::collections::HashSet<usize> {
    let mut listed = std::collections::HashSet::new();
    let mut open = false;
    for (i, line) in lines.iter().enumerate() {
        let text = line.text.as_str();
        if line.blank {
            continue;
        }
        let labelled = ["附件：", "附件:"]
            .iter()
            .any(|label| text.starts_with(label) && text.len() > label.len());
        let item = numbering::task_start(text).is_some()
            && text.chars().count() <= 60
            && !text.trim_end_matches('。').contains('。')
            && crate::ingest::notes::trailing_note(text).is_none();
        if labelled || (open && item) {
            open = true;
            listed.insert(i);
        } else {
            open = false;
        }
    }
    listed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::lines::split;

    fn layouts(text: &str) -> Vec<&'static str> {
        let lines = split(text);
        detect(&lines, DocumentKind::AnnualTasks)
            .regions
            .iter()
            .map(|r| match r.layout {
                Layout::Notice => "notice",
                Layout::FiveYear => "five_year",
                Layout::Table { .. } => "table",
                Layout::FlatTable { .. } => "flat_table",
                Layout::Unread => "unread",
                Layout::Indicators => "indicators",
                Layout::AttachmentHeading { .. } => "attachment",
            })
            .collect()
    }

    #[test]
    fn a_notice_then_its_attachment_table() {
        let text = "一、经济\n1.建设。（区发改局负责）\n附件\n序号\t工作任务\t牵头单位\n1\t建设道路\t区交通局\n2\t新建学校\t区教育局\n\n区人民政府办公室\n";
        assert_eq!(layouts(text), ["notice", "table", "notice"]);
    }

    #[test]
    fn two_tables_and_one_nobody_can_read() {
        let text = "序号\t工作任务\t牵头单位\n1\t建设\t区交通局\n说明\n序号\t事情\t谁来做\n1\t建设\t区交通局\n2\t新建\t区教育局\n序号\t重点工作\t责任单位\n1\t改造\t区住建局\n";
        assert_eq!(layouts(text), ["table", "notice", "unread", "table"]);
    }

    #[test]
    fn heading_numbered_tasks_with_their_own_notes_start_the_body() {
        let lines = split("县政府办公室\n2024年2月28日\n（一）巩固成果。新建基地5个。（县农业农村局牵头，县财政局配合）\n（二）发展产业。（县商务局负责）\n");
        assert_eq!(detect(&lines, DocumentKind::AnnualTasks).start, 2);
    }

    #[test]
    fn attachment_list_items_are_no_body() {
        let lines = split("通知\n附件：1.重点任务\n2.成员名单\n\n单位\n一、经济\n1.建设。\n");
        assert_eq!(detect(&lines, DocumentKind::AnnualTasks).start, 5);
    }
}
