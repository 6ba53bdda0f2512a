//! The layout of a 重点工作任务 notice: `一、` / `（一）` sections, numbered tasks, notes in
//! brackets or on their own lines, text broken by PDF page breaks, closing matter.

use super::is_attachment_mark;
use crate::ingest::classify::{is_effect_clause, is_footer, is_web_junk, Line};
use crate::ingest::draft::title_of;
use crate::ingest::lines::SourceLine;
use crate::ingest::normalize::is_page_mark;
use crate::ingest::notes;
use crate::ingest::numbering::{
    cn_number, decimal_task_start, enumerated_item, heading_number, notice_heading,
    numbered_heading, paren_task_start, task_start, HeadingMark, NUMBERED_HEADING_LEVEL,
};
use crate::ingest::structure::Builder;
use crate::ingest::vocab::{ReportPart, GROUP_NOTE_OPENERS, REPORT_LABELS};
use crate::model::{DocumentKind, LineRole, WarningKind};
use std::collections::{HashMap, HashSet};

/// Places every body line of a notice.
pub fn parse(body: &[SourceLine], b: &mut Builder) {
    // Notices number tasks `1.`; some, with none of those, number them `（1）` or `①`.
    let paren_tasks = !body.iter().any(|l| task_start(&l.text).is_some());
    // Tasks numbered `1.1`, `1.2` under `1.` headings.
    let decimal_tasks = body
        .iter()
        .filter(|l| decimal_task_start(&l.text).is_some())
        .take(2)
        .count()
        == 2;
    // Whether the body numbers its tasks at all: then 一是 items are parts of a task.
    let numbered = !paren_tasks || body.iter().any(|l| paren_task_start(&l.text).is_some());
    let mut in_footer = false;
    // Prose lines since the last heading: they become a task's text if a note closes them.
    let mut prose: Vec<&SourceLine> = Vec::new();
    // An attachment after the tasks (附件2 成员名单) that holds no task of its own.
    let mut attachment = Attachment::default();
    // Inside a `1.` sub-heading whose tasks are numbered `（1）`.
    let mut in_sub_items = false;
    let lines: Vec<&SourceLine> = body.iter().filter(|l| !l.blank).collect();
    let (shared, note_lines) = group_notes(&lines);
    b.shared_notes.extend(shared);
    let markdown = b.doc.file.ends_with(".md") || b.doc.file.ends_with(".markdown");
    let renumbered = if markdown {
        markdown_list_numbers(&lines)
    } else {
        HashMap::new()
    };
    // A document that puts a heading and its 一是…二是… items on one line does so for every
    // heading: there, a heading line with a single noted task is a section and its task.
    let inline_headings = lines
        .iter()
        .any(|l| inline_heading(&l.text).is_some_and(|(_, items)| items.len() > 1));
    for (i, line) in lines.iter().copied().enumerate() {
        let text = line.text.as_str();
        if note_lines.contains(&line.no) {
            // 以上任务由A牵头，B配合: given to the tasks before it (`group_notes`).
            b.finish_task();
            b.role(line.no, LineRole::Note);
            continue;
        }
        let classified = Line::new(line);
        if notes::is_first_listed_remark(text) {
            b.first_listed = true;
        }
        let starts_something = task_start(text).is_some() || notice_heading(text).is_some();
        if starts_something {
            attachment.close(b);
        }
        if is_page_mark(text) {
            b.role(line.no, LineRole::Page);
        } else if is_attachment_mark(text) && (b.draft.is_some() || !b.doc.tasks.is_empty()) {
            b.finish_task();
            attachment = Attachment {
                mark: Some((line.no, text.to_string())),
                lines: 0,
            };
            b.role(line.no, LineRole::Prose);
        } else if attachment.mark.is_some() && !starts_something && !in_footer && !is_web_junk(text)
        {
            attachment.lines += 1;
            b.role(line.no, LineRole::Prose);
        } else if let Some((mark, items)) = inline_headings.then(|| inline_heading(text)).flatten()
        {
            // （一）教育方面。一是…（A负责）；二是…（B负责）: the heading and its items share
            // a line; so does a heading with one task (（五）住房方面。完成…（C牵头）).
            in_footer = false;
            prose.clear();
            b.open_section(&mark, line.no);
            for (no, item) in items {
                b.open_task(&no.to_string(), line.no).push(line.no, &item);
            }
        } else if let Some((mark, note)) = noted_heading(&classified).filter(|_| !paren_tasks) {
            in_footer = false;
            prose.clear();
            if heads_tasks(&lines[i + 1..]) {
                // （一）…。（A牵头，B配合） over `1.` tasks: a section whose note holds for
                // the tasks under it that name no unit of their own.
                b.open_section(&mark, line.no);
                b.section_note = Some(note);
            } else {
                // Followed by its like, not by `1.` tasks: an item that is a task of its
                // own, in a notice whose other sections number theirs `1.`.
                let rest = heading_number(text).map_or(text, |(_, _, _, rest)| rest);
                b.open_task(&mark.number.to_string(), line.no)
                    .push(line.no, rest);
            }
        } else if let Some(mark) = decimal_tasks.then(|| numbered_heading(text)).flatten() {
            in_footer = false;
            prose.clear();
            b.open_section(&mark, line.no);
        } else if let Some(mark) = (!paren_tasks && !decimal_tasks)
            .then(|| sub_items_heading(&classified, lines.get(i + 1).copied()))
            .flatten()
        {
            // 一、 › 1.壮大工业经济 › （1）…: the `1.` heads the `（1）` tasks below it.
            in_footer = false;
            prose.clear();
            b.open_section(&mark, line.no);
            in_sub_items = true;
        } else if let Some((no, rest)) = in_sub_items.then(|| paren_task_start(text)).flatten() {
            in_footer = false;
            prose.clear();
            b.open_task(&no, line.no).push(line.no, &rest);
        } else if let Some((no, rest)) = decimal_tasks
            .then(|| decimal_task_start(text))
            .flatten()
            .or_else(|| numbered_task(&classified, paren_tasks))
            .filter(|_| !is_effect_clause(text))
        {
            in_footer = false;
            prose.clear();
            if std::mem::take(&mut in_sub_items) {
                b.close_headings_from(NUMBERED_HEADING_LEVEL);
            }
            let no = renumbered.get(&line.no).cloned().unwrap_or(no);
            b.open_task(&no, line.no).push(line.no, &rest);
        } else if let Some(mark) = notice_heading(text) {
            in_footer = false;
            prose.clear();
            in_sub_items = false;
            b.open_section(&mark, line.no);
        } else if let Some(items) = (b.draft.is_none() && !in_footer && !numbered)
            .then(|| enumerated_tasks(text))
            .flatten()
        {
            // 一是…（A牵头）；二是…（B负责）: with no numbered tasks, each item with its own
            // note is a task; the lead-in before 一是 is the section's prose, and said so.
            prose.clear();
            let (lead_in, items) = items;
            if !lead_in.is_empty() {
                let excerpt: String = lead_in.chars().take(30).collect();
                b.warn(
                    line.no,
                    WarningKind::OutsideTask,
                    format!("text outside any task: {excerpt}"),
                );
            }
            for (no, item) in items {
                b.open_task(&no.to_string(), line.no).push(line.no, &item);
            }
        } else if b.draft.is_none()
            && !in_footer
            && classified.trailing_note().is_some()
            && b.heading_to_task().is_some()
        {
            for earlier in prose.drain(..).chain(std::iter::once(line)) {
                if let Some(draft) = b.draft.as_mut() {
                    draft.push(earlier.no, &earlier.text);
                }
                b.role(earlier.no, LineRole::Task);
            }
        } else if in_footer || is_footer(text) || is_web_junk(text) {
            b.finish_task();
            in_footer = true;
            b.role(line.no, LineRole::Footer);
        } else {
            if b.draft.is_none() {
                prose.push(line);
            }
            place_other(&classified, &lines[i + 1..], b);
        }
    }
    attachment.close(b);
    b.finish_task();
}

/// An attachment heading after the tasks and the lines under it that are no tasks.
#[derive(Default)]
struct Attachment {
    mark: Option<(usize, String)>,
    lines: usize,
}

impl Attachment {
    /// Reports the attachment once, if it held lines that were not read.
    fn close(&mut self, b: &mut Builder) {
        if let Some((line, mark)) = self.mark.take() {
            if self.lines > 0 {
                b.warn(
                    line,
                    WarningKind::OutsideTask,
                    format!(
                        "{mark} holds no numbered tasks: its {} lines are not read as tasks",
                        self.lines
                    ),
                );
            }
        }
        self.lines = 0;
    }
}

/// The tasks each note printed after a group of tasks holds for, by the task's first line:
/// `以上任务由A牵头，B配合。` for the tasks since the last heading or such note, `第4项由C牵头；
/// 第5项由D牵头` for the tasks so numbered among them.
/// Also the lines of those notes.
fn group_notes(lines: &[&SourceLine]) -> (HashMap<usize, notes::Note>, HashSet<usize>) {
    let mut shared = HashMap::new();
    let mut note_lines = HashSet::new();
    let mut group: Vec<(usize, String)> = Vec::new();
    for line in lines {
        let text = line.text.as_str();
        if let Some(clauses) = group_note(text) {
            note_lines.insert(line.no);
            for (item, note) in clauses {
                let covered = group
                    .iter()
                    .filter(|(_, no)| item.as_ref().is_none_or(|i| i == no));
                for (at, _) in covered {
                    shared.insert(*at, note.clone());
                }
            }
            group.clear();
        } else if let Some((no, _)) = task_start(text) {
            group.push((line.no, no));
        } else if heading_number(text).is_some() {
            group.clear();
        }
    }
    (shared, note_lines)
}

/// A note printed after a group of tasks: for each of its clauses, the task number it names
/// (`第4项由…`, none for `以上任务由…`) and the note. `None` for any other line.
fn group_note(text: &str) -> Option<Vec<(Option<String>, notes::Note)>> {
    let text = text.trim_end_matches(['。', '.']);
    let opener = GROUP_NOTE_OPENERS.iter().find(|o| text.starts_with(*o));
    fn item(clause: &str) -> Option<(String, &str)> {
        let rest = clause
            .strip_prefix("上述")
            .unwrap_or(clause)
            .strip_prefix('第')?;
        let (number, rest) = rest.split_once('项')?;
        let number = cn_number(number)?;
        Some((number.to_string(), rest.strip_prefix('由')?))
    }
    if opener.is_none() && item(text).is_none() {
        return None;
    }
    let mut found = Vec::new();
    for clause in text.split(['；', ';']) {
        let (number, rest) = match item(clause) {
            Some((number, rest)) => (Some(number), rest),
            None => {
                let after = GROUP_NOTE_OPENERS
                    .iter()
                    .find_map(|o| clause.strip_prefix(o))?;
                let after = after.trim_start_matches('均');
                let after = after.strip_prefix("分别").unwrap_or(after);
                (None, after.strip_prefix('由')?)
            }
        };
        let note = notes::parse_note(rest).filter(|n| n.names_units())?;
        found.push((number, note));
    }
    (!found.is_empty()).then_some(found)
}

/// The numbers markdown shows for a list typed `1. 1. 1.` (it numbers such a list 1, 2, 3):
/// the tasks of a run numbered 1 each, with no heading between them, by their line.
fn markdown_list_numbers(lines: &[&SourceLine]) -> HashMap<usize, String> {
    let mut numbers = HashMap::new();
    let mut run: Vec<usize> = Vec::new();
    let mut close = |run: &mut Vec<usize>| {
        if run.len() >= 2 {
            numbers.extend(
                run.iter()
                    .enumerate()
                    .map(|(k, &at)| (at, (k + 1).to_string())),
            );
        }
        run.clear();
    };
    for line in lines {
        match task_start(&line.text) {
            Some((no, _)) if no == "1" => run.push(line.no),
            Some(_) => run.clear(),
            None if heading_number(&line.text).is_some() => close(&mut run),
            None => {}
        }
    }
    close(&mut run);
    numbers
}

/// Whether `1.` tasks come next, before any line numbered like a heading.
fn heads_tasks(after: &[&SourceLine]) -> bool {
    after
        .iter()
        .map(|l| l.text.as_str())
        .find(|t| task_start(t).is_some() || heading_number(t).is_some())
        .is_some_and(|t| task_start(t).is_some())
}

/// A heading-numbered line (`（一）…` or `一、…`) that ends with a responsibility note:
/// its number, its title (the text before 。) and the note.
fn noted_heading(line: &Line) -> Option<(HeadingMark, notes::Note)> {
    let text = line.text();
    // The anchored number pattern first: most lines fail it, and it is cheaper than
    // looking for a note at the end of every line.
    let (level, number, printed, rest) = heading_number(text)?;
    let (at, note) = line.trailing_note()?.clone();
    let body_start = text.len() - rest.len();
    let title = title_of(text.get(body_start..at)?);
    Some((
        HeadingMark {
            level,
            number,
            printed,
            title,
        },
        note,
    ))
}

/// A `1.` line that heads `（1）` tasks: a short title with no note of its own, and the
/// next line opens item （1）.
fn sub_items_heading(line: &Line, next: Option<&SourceLine>) -> Option<HeadingMark> {
    let (first, _) = paren_task_start(&next?.text)?;
    if first != "1" || line.trailing_note().is_some() {
        return None;
    }
    numbered_heading(line.text())
}

/// A task's first line: `12. …`, or an item numbered like a heading (`（三）…`) that reads
/// as a task — too long for a heading, or carrying its own note.
fn numbered_task(line: &Line, paren_tasks: bool) -> Option<(String, String)> {
    let text = line.text();
    if let Some(found) = task_start(text) {
        return Some(found);
    }
    if paren_tasks {
        if let Some(found) = paren_task_start(text) {
            return Some(found);
        }
    }
    if let Some((number, rest)) = enumerated_item(text) {
        return Some((number.to_string(), rest));
    }
    let mark = notice_heading(text)?;
    line.trailing_note()
        .map(|_| (mark.number.to_string(), mark.title.clone()))
}

/// A heading and its tasks on one line: `（一）教育提质方面。` then `一是…（A负责）；二是…（B负责）`
/// (each item a task) or one text with its note (task 1). The heading is the first sentence,
/// short and numbered as a notice numbers its headings.
fn inline_heading(text: &str) -> Option<(HeadingMark, Vec<(u32, String)>)> {
    let (head, rest) = text.split_once('。')?;
    let mark = notice_heading(head)?;
    let rest = rest.trim();
    let items = match enumerated_tasks(rest) {
        Some(("", items)) => items,
        Some(_) => return None,
        None => {
            let item = rest.trim_end_matches(['。', ' ']);
            notes::trailing_note(item)?;
            vec![(1, item.to_string())]
        }
    };
    Some((mark, items))
}

/// A paragraph of items `一是…；二是…；三是…`, counted in order, each closed by its own note:
/// the text before the first item, and the items with their numbers. `None` unless there
/// are two or more and every one has a note.
fn enumerated_tasks(text: &str) -> Option<(&str, Vec<(u32, String)>)> {
    const NUMERALS: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
    let mut starts = Vec::new();
    let mut from = 0;
    for (i, numeral) in NUMERALS.iter().enumerate() {
        let marker = format!("{numeral}是");
        let Some(at) = text[from..].find(&marker).map(|at| at + from) else {
            break;
        };
        starts.push((i as u32 + 1, at, at + marker.len()));
        from = at + marker.len();
    }
    if starts.len() < 2 {
        return None;
    }
    let mut items = Vec::with_capacity(starts.len());
    for (k, &(no, _, body)) in starts.iter().enumerate() {
        let end = starts.get(k + 1).map_or(text.len(), |next| next.1);
        let item = text[body..end].trim_end_matches(['；', ';', '。', ' ']);
        notes::trailing_note(item)?;
        items.push((no, item.to_string()));
    }
    let lead_in = text[..starts[0].1].trim_matches(|c: char| !c.is_alphanumeric());
    Some((lead_in, items))
}

/// A line a progress report puts under a task (进展情况：…, 存在问题：…): what it holds and
/// the text after the label.
fn report_line(text: &str) -> Option<(ReportPart, &str)> {
    let text = text.trim_start_matches(['【', '[', '（', '(']);
    REPORT_LABELS.iter().find_map(|(label, part)| {
        let rest = text.strip_prefix(label)?;
        let rest = rest.trim_start_matches(['】', ']', '）', ')', ' ']);
        let said = rest.strip_prefix(['：', ':'])?.trim();
        (!said.is_empty()).then_some((*part, said))
    })
}

/// A line that starts nothing: a note, the continuation of the open task, section prose,
/// or — after a task already closed by its note — something the ingest cannot place.
fn place_other(classified: &Line, below: &[&SourceLine], b: &mut Builder) {
    let line = classified.source;
    let text = classified.text();
    let first_listed = b.first_listed;
    let Some(draft) = b.draft.as_mut() else {
        // 责任县领导：孙立平副县长 under a heading: the official of the tasks below it.
        if let Some(note) = notes::starts_with_label(text)
            .then(|| notes::parse_note(text))
            .flatten()
            .filter(|n| !n.leader.is_empty() && !n.names_units())
        {
            b.section_leader(note.leader);
            b.role(line.no, LineRole::Note);
            return;
        }
        // ### （一）规上工业增加值增长7%以上 / - 牵头单位：市工信局…: a sub-heading whose first
        // line below names its units is a task, the heading its text — unless `1.` tasks
        // follow, for which the note speaks (a section note).
        if let Some(note) = notes::starts_with_label(text)
            .then(|| notes::parse_note(text))
            .flatten()
            .filter(notes::Note::names_units)
        {
            if heads_tasks(below) {
                b.section_note = Some(note);
                b.role(line.no, LineRole::Note);
                return;
            }
            if let Some(draft) = b.heading_to_task() {
                draft.push_note(text, note);
                b.role(line.no, LineRole::Note);
                return;
            }
        }
        if classified.trailing_note().is_some() {
            // An unnumbered paragraph with its own note is a task all the same.
            b.open_task("", line.no).push(line.no, text);
            return;
        }
        b.role(line.no, LineRole::Prose);
        if notes::is_role_key(text) {
            return;
        }
        let excerpt: String = text.chars().take(30).collect();
        b.warn(
            line.no,
            WarningKind::OutsideTask,
            format!("text outside any task: {excerpt}"),
        );
        return;
    };
    if let Some((part, said)) = report_line(text) {
        // 进展情况：序时推进。已完成… under a task: the report's word on it. What it says
        // besides (存在问题, 下步打算) is placed, and no progress.
        match part {
            ReportPart::Progress => {
                let progress = match draft.progress.take() {
                    Some(before) => format!("{before}{said}"),
                    None => said.to_string(),
                };
                draft.progress = Some(progress);
                b.doc.kind = DocumentKind::ProgressReport;
            }
            ReportPart::Status => {
                draft.status = Some(said.to_string());
                b.doc.kind = DocumentKind::ProgressReport;
            }
            ReportPart::Remark => {}
        }
        b.role(line.no, LineRole::Note);
        return;
    }
    if let Some((note, printed, rest)) = notes::leading_note(text).filter(|(_, _, r)| !r.is_empty())
    {
        // 【责任单位：A】各乡镇要…: the note, then more of the task's text.
        draft.push_note(printed, note);
        draft.push(line.no, rest);
        b.role(line.no, LineRole::Note);
        return;
    }
    if notes::starts_with_label(text) {
        // A note wrapped whole in brackets loses them; a name ending in （街道） keeps its own.
        let content = match text.strip_prefix(['（', '(']) {
            Some(inner) => inner.strip_suffix(['）', ')']).unwrap_or(inner),
            None => text,
        };
        if let Some(note) = notes::parse_note(content) {
            draft.push_note(text, note);
            b.role(line.no, LineRole::Note);
            return;
        }
    }
    if notes::is_role_key(text) {
        // 注：标注“★”的为牵头单位 under the last task: a key the unit lists apply.
        b.role(line.no, LineRole::Prose);
        return;
    }
    if !draft.has_note() || draft.in_open_note() {
        draft.push(line.no, text);
        b.role(line.no, LineRole::Task);
        return;
    }
    if let Some((0, note)) = classified.trailing_note() {
        draft.push_note(text, note.clone());
        b.role(line.no, LineRole::Note);
        return;
    }
    // 第二条 提升… / （1）…（责任单位：A） / （2）…（责任单位：B）: items of the task, each
    // with its own note.
    if let Some((at, note)) = classified
        .trailing_note()
        .filter(|_| paren_task_start(text).is_some())
    {
        draft.push_noted_item(line.no, text, *at, note.clone(), first_listed);
        b.role(line.no, LineRole::Task);
        return;
    }
    let message = format!(
        "text after task {} and its note: {}",
        draft.no,
        text.chars().take(30).collect::<String>()
    );
    b.role(line.no, LineRole::Unplaced);
    b.warn(line.no, WarningKind::Unplaced, message);
}
