//! A task being assembled from its lines, and how it becomes a finished [`Task`]: note split
//! off, title taken, targets read, each with the source line it came from.

use super::deadline;
use super::inline_report;
use super::notes::{self, Note};
use super::targets;
use super::vocab::{self, ReportPart};
use crate::model::{Status, Task, Warning, WarningKind};

/// How many bytes at the end of a task's text may hold its note.
const NOTE_WINDOW: usize = 3000;

/// What a task takes from the document around it when it is finished.
#[derive(Debug, Clone, Default)]
pub struct Context<'a> {
    /// The year deadlines without one fall in.
    pub plan_year: Option<u32>,
    /// False for a five-year plan's measures, which never carry notes.
    pub expect_units: bool,
    /// What the open sections give their tasks: units (下同, a heading naming its lead unit)
    /// and leaders (a heading naming an official).
    pub inherited: Option<&'a Note>,
    /// The document says the first unit of each list leads (列第一位的为牵头单位).
    pub first_listed: bool,
    /// A note after the task's group that holds for it (以上任务由A牵头，B配合).
    pub shared: Option<&'a Note>,
    /// The deadline the document gives tasks that name none (未注明完成时限的，均须于…).
    pub default_due: Option<&'a str>,
    /// The status the task's heading groups it by (四、滞后序时事项), as written.
    pub section_status: Option<&'a str>,
}

/// The pieces of one task as the layout parsers find them.
#[derive(Debug, Clone)]
pub struct TaskDraft {
    pub no: String,
    pub section: Option<String>,
    pub line: usize,
    /// A title given apart from the text (a five-year measure's heading line, a ledger cell).
    pub title: Option<String>,
    /// The text so far: pieces joined without separators (page breaks fall mid-sentence).
    text: String,
    /// Where each piece starts: (char offset in `text`, source line).
    starts: Vec<(usize, usize)>,
    chars: usize,
    /// Units from own-line notes or ledger cells.
    pub own_note: Note,
    /// A progress report's progress cell.
    pub progress: Option<String>,
    /// A progress report's status cell (状态), when it has one.
    pub status: Option<String>,
    /// The period columns' cells (一季度：完成招标；…).
    pub schedule: Option<String>,
    /// Notes that stood on lines of their own, as printed: part of the task's text and note.
    note_lines: Vec<String>,
}

impl TaskDraft {
    pub fn new(no: &str, section: Option<String>, line: usize) -> TaskDraft {
        TaskDraft {
            no: no.to_string(),
            section,
            line,
            title: None,
            text: String::new(),
            starts: Vec::new(),
            chars: 0,
            own_note: Note::default(),
            progress: None,
            status: None,
            schedule: None,
            note_lines: Vec::new(),
        }
    }

    /// Appends a line of text (continuing the task across a page break).
    pub fn push(&mut self, line: usize, text: &str) {
        // …。进展情况：累计改造18.6公里。责任单位：…: a report's clauses inside the paragraph
        // are its progress and status, not the task's text.
        let (kept, parts) = inline_report::split(text.trim());
        for (part, said) in parts {
            match part {
                ReportPart::Progress => {
                    let before = self.progress.take().unwrap_or_default();
                    self.progress = Some(before + &said);
                }
                ReportPart::Status => {
                    self.status.get_or_insert(said);
                }
                ReportPart::Remark => {}
            }
        }
        self.starts.push((self.chars, line));
        self.chars += kept.chars().count();
        self.text.push_str(&kept);
    }

    /// Adds a note that stands on its own line (`【牵头单位】…`, `（A牵头，B配合）`).
    pub fn push_note(&mut self, text: &str, note: Note) {
        self.note_lines.push(text.trim().to_string());
        self.own_note.merge(note);
    }

    /// Adds an item of the task (`（2）…`) that closes with a note of its own, after the
    /// task's note: the note the text ends in so far is kept as a note first, so that the
    /// item's text does not bury it. Each item's note is read on its own (a unit that leads
    /// its item leads the task; `first_listed` as the document says), and the last deadline
    /// holds.
    pub fn push_noted_item(
        &mut self,
        line: usize,
        text: &str,
        note_at: usize,
        note: Note,
        first_listed: bool,
    ) {
        if let Some((at, earlier)) = notes::trailing_note(&self.text) {
            let earlier_text = self.text[at..].to_string();
            self.text.truncate(at);
            self.chars = self.text.chars().count();
            let chars = self.chars;
            self.starts.retain(|(start, _)| *start < chars);
            self.push_note(&earlier_text, earlier.resolved(first_listed));
        }
        self.push(line, &text[..note_at]);
        self.push_note(&text[note_at..], note.resolved(first_listed));
    }

    /// Ends a heading line that stays part of the text (a measure's title), so that clauses
    /// do not run across it.
    pub fn push_break(&mut self) {
        self.chars += 1;
        self.text.push('\n');
    }

    /// The end of the text, where a note can be: notes are short, and looking at the tail
    /// only keeps a task of a million lines from costing a million scans.
    fn tail(&self) -> &str {
        let from = self.text.len().saturating_sub(NOTE_WINDOW);
        let from = (from..self.text.len())
            .find(|&i| self.text.is_char_boundary(i))
            .unwrap_or(self.text.len());
        &self.text[from..]
    }

    /// A task is closed once it carries a note; later prose is not part of it.
    pub fn has_note(&self) -> bool {
        !self.own_note.is_empty() || notes::trailing_note(self.tail()).is_some()
    }

    /// Whether the text stops inside a note that a page break cut.
    pub fn in_open_note(&self) -> bool {
        notes::ends_in_open_note(self.tail())
    }

    /// Finishes the task: splits off the note, takes the title, reads the targets.
    pub fn finish(mut self, context: &Context, warnings: &mut Vec<Warning>) -> Task {
        let text = std::mem::take(&mut self.text);
        let trailing = notes::trailing_note(&text).or_else(|| {
            // A list of units alone in brackets is a note where the first-listed unit leads.
            context
                .first_listed
                .then(|| notes::trailing_bare_list(&text))
                .flatten()
        });
        let (body, mut note_text, trailing) = match trailing {
            Some((at, note)) => (
                &text[..at],
                Some(text[at..].trim_end_matches(['。', ' ']).to_string()),
                note,
            ),
            None => (text.as_str(), None, Note::default()),
        };
        // Notes on lines of their own are part of what was printed, after the task's text.
        let own_lines = self.note_lines.concat();
        if !own_lines.is_empty() {
            note_text = Some(note_text.unwrap_or_default() + &own_lines);
        }
        // Units in document order: the units a task opens with (区住建局牵头，区财政局配合：…),
        // notes inside the text, the closing note, note lines.
        let mut note = Note::default();
        let own_words = match notes::leading_role_note(body) {
            Some((leading, rest)) => {
                note.merge(leading);
                &body[rest..]
            }
            None => body,
        };
        for within in notes::notes_within(body) {
            note.merge(within);
        }
        note.merge(trailing);
        note.merge(self.own_note.clone());
        // …，2025年11月底前完成。: the task's own words give its deadline.
        if note.due.is_none() {
            note.due = notes::body_deadline(own_words);
        }
        // 以上任务由A牵头…，完成时限：… after the task's group gives what the task leaves
        // out, its deadline too; then its sections give units and leader.
        if let Some(shared) = context.shared {
            note.fill_from(shared);
            if note.due.is_none() {
                note.due = shared.due.clone();
            }
        }
        if let Some(section) = context.inherited {
            note.fill_from(section);
        }
        if note.due.is_none() {
            note.due = context.default_due.map(str::to_string);
        }
        for clause in &note.dropped {
            warnings.push(Warning {
                line: self.line,
                kind: WarningKind::Note,
                message: format!(
                    "task {}: note clause names no role, dropped: {clause}",
                    self.no
                ),
            });
        }
        let (lead, support) = note.resolve(context.first_listed);
        for unit in lead
            .iter()
            .chain(&support)
            .filter(|u| !notes::clean_name(u))
        {
            warnings.push(Warning {
                line: self.line,
                kind: WarningKind::Note,
                message: format!(
                    "task {}: unit list not split cleanly, kept as one name: {unit}",
                    self.no
                ),
            });
        }
        let title = self
            .title
            .as_deref()
            .map_or_else(|| title_of(own_words), title_of);
        let line_of = |char_index: usize| self.line_at(char_index);
        let extraction = targets::extract(body, context.plan_year, &line_of);
        for (line, message) in extraction.unkept {
            warnings.push(Warning {
                line,
                kind: WarningKind::Number,
                message: format!("task {}: {message}", self.no),
            });
        }
        let targets = extraction.targets;
        if context.expect_units && lead.is_empty() && support.is_empty() {
            warnings.push(Warning {
                line: self.line,
                kind: WarningKind::NoUnits,
                message: format!("task {} names no responsible unit", self.no),
            });
        }
        let progress = self.progress.take();
        // The status column says it; else its heading (三、滞后事项), said outright, over
        // the phrase its progress opens with (已完成前期工作 under 滞后 is still behind). Only
        // a task that reports on itself takes its heading's status.
        let status_text = self
            .status
            .take()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .or_else(|| {
                progress.as_ref()?;
                context.section_status.map(str::to_string)
            })
            .or_else(|| progress.as_deref().and_then(status_phrase));
        let status = status_text.as_deref().map(vocab::status_of);
        if let (Some(Status::Unknown), Some(word)) = (status, &status_text) {
            warnings.push(Warning {
                line: self.line,
                kind: WarningKind::Report,
                message: format!(
                    "task {}: status 「{word}」 is not a status planq knows; it reads as unknown",
                    self.no
                ),
            });
        }
        let actuals = progress
            .as_deref()
            .map(|p| targets::extract(p, context.plan_year, &|_| self.line).targets)
            .unwrap_or_default();
        let due_date = note
            .due
            .as_deref()
            .and_then(|due| deadline::due_date(due, context.plan_year));
        if let (None, Some(due)) = (&due_date, note.due.as_deref()) {
            let ongoing = vocab::ONGOING_DEADLINES.iter().any(|w| due.contains(w));
            if !ongoing && !due.trim().is_empty() {
                warnings.push(Warning {
                    line: self.line,
                    kind: WarningKind::Deadline,
                    message: format!(
                        "task {}: deadline 「{due}」 names no day planq can tell; its due_date is empty",
                        self.no
                    ),
                });
            }
        }
        let text = if own_lines.is_empty() {
            text
        } else {
            format!("{text}{own_lines}")
        };
        Task {
            no: self.no,
            section: self.section,
            title,
            text,
            note: note_text,
            line: self.line,
            place: None,
            lead,
            support,
            leader: note.leader,
            due: note.due,
            due_date,
            targets,
            status_text,
            status,
            progress,
            schedule: self.schedule,
            actuals,
            plan: None,
            reports: Vec::new(),
        }
    }

    /// The source line holding the char at `char_index` of the joined text.
    fn line_at(&self, char_index: usize) -> usize {
        let piece = self
            .starts
            .partition_point(|(start, _)| *start <= char_index);
        piece
            .checked_sub(1)
            .and_then(|p| self.starts.get(p))
            .map_or(self.line, |(_, line)| *line)
    }
}

/// The status phrase a progress cell opens with: `正在推进，已开工31个` → 正在推进.
fn status_phrase(progress: &str) -> Option<String> {
    let first = progress
        .split(['，', '。', '；', ',', ';', '：', ':'])
        .next()?
        .trim();
    // A short phrase (正在推进), or a longer one that is a status (未完成序时进度).
    let chars = first.chars().count();
    let is_status = chars <= 6 || (chars <= 12 && vocab::status_of(first) != Status::Unknown);
    // 已完成招标: one step done says nothing of the task's status.
    let one_step =
        vocab::status_of(first) == Status::Done && vocab::phrase_status(first) == Status::Unknown;
    (!first.is_empty() && is_status && !one_step && !first.contains(|c: char| c.is_ascii_digit()))
        .then(|| first.to_string())
}

/// The text before the first 。 (or the whole text when there is none).
pub fn title_of(body: &str) -> String {
    let title = body.split_once('。').map_or(body, |(t, _)| t);
    title.trim().trim_end_matches(['；', ';']).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_broken_note_is_repaired() {
        let mut draft = TaskDraft::new("72", Some("9".into()), 10);
        draft.push(10, "促进更高质量就业。新增就业200人。（牵");
        draft.push(12, "头单位：区人社局，参与单位：区妇联）");
        let mut warnings = Vec::new();
        let context = Context {
            plan_year: Some(2023),
            expect_units: true,
            ..Context::default()
        };
        let task = draft.finish(&context, &mut warnings);
        assert_eq!(task.title, "促进更高质量就业");
        assert_eq!(task.lead, ["区人社局"]);
        assert_eq!(task.support, ["区妇联"]);
        assert_eq!(task.targets.len(), 1);
        assert_eq!(task.targets[0].line, 10);
        assert!(warnings.is_empty());
    }

    #[test]
    fn task_without_note_warns() {
        let mut draft = TaskDraft::new("5", None, 3);
        draft.push(3, "完善工作机制。");
        let mut warnings = Vec::new();
        let context = Context {
            expect_units: true,
            ..Context::default()
        };
        let task = draft.finish(&context, &mut warnings);
        assert!(task.lead.is_empty());
        assert_eq!(warnings[0].kind, WarningKind::NoUnits);
        assert_eq!(warnings[0].line, 3);
    }
}
