//! What the layout parsers share: the document being built, its sections, task numbering
//! checks and line roles.

use super::draft::{Context, TaskDraft};
use super::lines::Roles;
use super::notes::{self, Note};
use super::numbering::{HeadingMark, NUMBERED_HEADING_LEVEL};
use super::vocab::{phrase_status, STATUS_WORDS};
use crate::model::{Document, DocumentKind, LineRole, Section, Status, Warning, WarningKind};

/// A document under construction.
pub struct Builder<'a> {
    pub doc: &'a mut Document,
    pub roles: &'a mut Roles,
    pub plan_year: Option<u32>,
    /// The open task, if any.
    pub draft: Option<TaskDraft>,
    /// A note given to the open section as a whole, for its tasks that name no unit (a
    /// noted heading, 下同).
    pub section_note: Option<Note>,
    /// The open headings, outermost first: (heading level, number, what the heading names:
    /// a lead unit, a leader).
    open_headings: Vec<(u8, u32, Note)>,
    /// The document said the first unit of each list leads; from that line on.
    pub first_listed: bool,
    /// The deadline the document gives tasks that name none.
    pub default_due: Option<String>,
    /// A report's heading that groups its tasks by status (二、已完成事项, 四、滞后序时事项):
    /// the heading's level and the status as written.
    section_status: Option<(u8, String)>,
    /// Outermost headings: the last number printed and what is added to it. A second
    /// attachment that starts again at 一、 goes on from the ids the first one used.
    last_top: Option<(u32, u32)>,
    last_task_no: Option<u32>,
    /// A section started since the last task (numbering may restart at 1).
    section_changed: bool,
    /// Notes printed after a group of tasks (以上任务由A牵头), by the first line of each
    /// task they hold for.
    pub shared_notes: std::collections::HashMap<usize, Note>,
}

impl<'a> Builder<'a> {
    pub fn new(doc: &'a mut Document, roles: &'a mut Roles, plan_year: Option<u32>) -> Builder<'a> {
        Builder {
            doc,
            roles,
            plan_year,
            draft: None,
            section_note: None,
            open_headings: Vec::new(),
            first_listed: false,
            default_due: None,
            section_status: None,
            last_top: None,
            last_task_no: None,
            section_changed: false,
            shared_notes: std::collections::HashMap::new(),
        }
    }

    pub fn role(&mut self, line: usize, role: LineRole) {
        self.roles.set(line, role);
    }

    pub fn warn(&mut self, line: usize, kind: WarningKind, message: String) {
        self.doc.warnings.push(Warning {
            line,
            kind,
            message,
        });
    }

    /// Opens a section, nested under the open headings of higher levels.
    pub fn open_section(&mut self, mark: &HeadingMark, line: usize) {
        self.finish_task();
        self.section_note = None;
        if self
            .section_status
            .as_ref()
            .is_some_and(|(level, _)| *level >= mark.level)
        {
            self.section_status = None;
        }
        if let Some(status) = heading_status(&mark.title) {
            self.section_status = Some((mark.level, status));
        }
        if mark.level == 0 && self.doc.kind == DocumentKind::FiveYearPlan {
            // A 篇 groups chapters, which keep their own numbers (第三章 is "3" in any 篇).
            self.doc.sections.push(Section {
                id: format!("P{}", mark.number),
                level: 0,
                no: mark.printed.clone(),
                title: mark.title.clone(),
                line,
            });
            self.role(line, LineRole::Heading);
            return;
        }
        // Nesting follows the heading levels present: 第一部分 › 一、 › （一） gives 1.2.3, and
        // without 第N部分 the same 一、 › （一） gives 2.3.
        while let Some(&(level, number, _)) = self.open_headings.last() {
            if level < mark.level {
                break;
            }
            self.open_headings.pop();
            // A `1.` heading numbers in the tasks' own series: the next `2.` task follows it,
            // whatever （1） items stood under it.
            if level == NUMBERED_HEADING_LEVEL {
                self.last_task_no = Some(number);
            }
        }
        let mut number = mark.number;
        if self.open_headings.is_empty() {
            let (last, offset) = self.last_top.unwrap_or((0, 0));
            let offset = if mark.number <= last {
                last + offset
            } else {
                offset
            };
            number = mark.number + offset;
            self.last_top = Some((mark.number, offset));
        }
        self.open_headings
            .push((mark.level, number, notes::heading_names(&mark.title)));
        let id = self.open_id().unwrap_or_default();
        self.doc.sections.push(Section {
            id: id.clone(),
            level: self.open_headings.len() as u8,
            no: mark.printed.clone(),
            title: mark.title.clone(),
            line,
        });
        self.section_changed = true;
        self.role(line, LineRole::Heading);
    }

    /// Closes the open headings of `level` and deeper: a `2.` task after the `（1）` items
    /// of a `1.` sub-heading is a task of the heading above. Numbering goes on from the
    /// closed heading's own number.
    pub fn close_headings_from(&mut self, level: u8) {
        while let Some(&(open, number, _)) = self.open_headings.last() {
            if open < level {
                break;
            }
            self.open_headings.pop();
            self.last_task_no = Some(number);
            self.section_changed = false;
        }
    }

    /// Turns the section opened last back into a task: in some notices `（一）title` heads
    /// a task whose text and note follow on the next lines. `None` if a task came since.
    pub fn heading_to_task(&mut self) -> Option<&mut TaskDraft> {
        // Only a sub-heading (（一）): a top heading's paragraph is the section's own prose
        // (一、主要预期目标 with its notes), not a task.
        let last = self.doc.sections.last().filter(|s| s.level >= 2)?;
        let task_since = self.doc.tasks.last().is_some_and(|t| t.line > last.line);
        if self.draft.is_some() || task_since || !self.section_changed {
            return None;
        }
        let section = self.doc.sections.pop()?;
        let (_, number, _) = self.open_headings.pop()?;
        let draft = self.open_task(&number.to_string(), section.line);
        draft.title = Some(section.title.clone());
        draft.push(section.line, &format!("{}。", section.title));
        Some(draft)
    }

    /// The id of the innermost open heading (numbers joined by dots): the section new
    /// tasks belong to.
    fn open_id(&self) -> Option<String> {
        let parts: Vec<String> = self
            .open_headings
            .iter()
            .map(|(_, n, _)| n.to_string())
            .collect();
        (!parts.is_empty()).then(|| parts.join("."))
    }

    /// Whether a task numbered `no` would continue the numbering (the next number, or 1 in a
    /// new section) — how a measure after a 专栏 is told from a numbered item inside it.
    pub fn continues_numbering(&self, no: &str) -> bool {
        let Ok(n) = no.parse::<u32>() else {
            return false;
        };
        (n == 1 && self.section_changed) || self.last_task_no.is_some_and(|last| n == last + 1)
    }

    /// Drops the open task for one read again from more of its row (a table row that a
    /// page break split): its number was checked when it first opened.
    pub fn reread_task(&mut self, no: &str, line: usize) -> &mut TaskDraft {
        self.draft.insert(TaskDraft::new(no, self.open_id(), line))
    }

    /// Opens a numbered task, checking that numbers run in sequence.
    pub fn open_task(&mut self, no: &str, line: usize) -> &mut TaskDraft {
        self.finish_task();
        self.check_number(no, line);
        self.role(line, LineRole::Task);
        self.draft.insert(TaskDraft::new(no, self.open_id(), line))
    }

    fn check_number(&mut self, no: &str, line: usize) {
        let Ok(n) = no.parse::<u32>() else { return };
        let restart = n == 1 && self.section_changed;
        let expected = self.last_task_no.map_or(1, |last| last + 1);
        if !restart && n != expected {
            let message = match self.last_task_no {
                Some(last) if n == last => format!("task number {n} repeats the one before"),
                Some(last) if n > expected => {
                    format!("task numbering jumps from {last} to {n} (expected {expected})")
                }
                Some(last) => format!("task number {n} goes back after {last}"),
                None => format!("first task is numbered {n}, not 1"),
            };
            self.warn(line, WarningKind::Numbering, message);
        }
        self.last_task_no = Some(n);
        self.section_changed = false;
    }

    /// Names an official for the tasks of the innermost open section (a `责任县领导：…` line
    /// under its heading).
    pub fn section_leader(&mut self, leader: Vec<String>) {
        if let Some((_, _, names)) = self.open_headings.last_mut() {
            names.leader = leader;
        }
    }

    /// What the open sections give a task: the innermost section's note or 下同 units, else
    /// the nearest heading naming a unit; the nearest heading naming a leader.
    fn inherited(&self) -> Note {
        let mut note = Note::default();
        let nearest = |pick: fn(&Note) -> bool| {
            self.open_headings
                .iter()
                .rev()
                .map(|(_, _, n)| n)
                .find(|n| pick(n))
                .cloned()
        };
        match &self.section_note {
            Some(section) if section.names_units() => note.merge(section.clone()),
            _ => {
                if let Some(units) = nearest(Note::names_units) {
                    note.merge(units);
                }
            }
        }
        note.leader.clear();
        if let Some(leaders) = nearest(|n| !n.leader.is_empty()) {
            note.leader = leaders.leader;
        }
        note
    }

    /// Closes the open task, if any, into the document.
    pub fn finish_task(&mut self) {
        if let Some(draft) = self.draft.take() {
            let inherited = self.inherited();
            let context = Context {
                plan_year: self.plan_year,
                expect_units: self.doc.kind != DocumentKind::FiveYearPlan,
                inherited: Some(&inherited),
                first_listed: self.first_listed,
                shared: self.shared_notes.get(&draft.line),
                default_due: self.default_due.as_deref(),
                section_status: self.section_status.as_ref().map(|(_, s)| s.as_str()),
            };
            let task = draft.finish(&context, &mut self.doc.warnings);
            // A task that reports its progress makes the document a progress report.
            if task.progress.is_some() && self.doc.kind == DocumentKind::AnnualTasks {
                self.doc.kind = DocumentKind::ProgressReport;
            }
            // （A负责，下同）: the note holds for the tasks after it that name no unit.
            if task.note.as_deref().is_some_and(|n| n.contains("下同")) {
                self.section_note = Some(Note {
                    lead: task.lead.clone(),
                    support: task.support.clone(),
                    ..Note::default()
                });
            }
            self.doc.tasks.push(task);
        }
    }
}

/// Words after a status that name what the heading groups (已完成事项, 滞后序时项目).
const GROUPED_THINGS: &[&str] = &["事项", "项目", "任务", "工作", "类"];

/// The status a heading groups its tasks by, as written: `已完成事项` → 已完成, `超序时推进事项`
/// → 超序时推进; `None` for a heading that is more than a status (`加快完成重点项目`).
fn heading_status(title: &str) -> Option<String> {
    let title = title.trim();
    let phrase = GROUPED_THINGS
        .iter()
        .find_map(|w| title.strip_suffix(w))
        .unwrap_or(title);
    // Nothing but status words (超序时 + 推进, 滞后 + 序时): 持续推进乡村振兴 heads work.
    let mut rest = phrase.to_string();
    for word in STATUS_WORDS.iter().map(|(w, _)| *w).chain(["推进", "进度"]) {
        rest = rest.replace(word, "");
    }
    let short = (2..=8).contains(&phrase.chars().count());
    (short && rest.is_empty() && phrase_status(phrase) != Status::Unknown)
        .then(|| phrase.to_string())
}

#[cfg(test)]
mod tests {
    use super::heading_status;

    #[test]
    fn a_heading_of_nothing_but_a_status_groups_by_it() {
        assert_eq!(heading_status("已完成事项").as_deref(), Some("已完成"));
        assert_eq!(
            heading_status("超序时推进事项").as_deref(),
            Some("超序时推进")
        );
        assert_eq!(heading_status("滞后序时项目").as_deref(), Some("滞后序时"));
        // Headings of work, with a status word inside: no status.
        assert_eq!(heading_status("持续推进乡村振兴"), None);
        assert_eq!(heading_status("加快完成重点项目"), None);
        assert_eq!(heading_status("总体情况"), None);
    }
}
