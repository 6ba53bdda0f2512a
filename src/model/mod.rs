//! The plan model: a corpus of documents, each with sections, tasks, targets, indicators and columns.
//!
//! Everything here is plain data (serde-serialisable); the ingest builds it, the query engine
//! reads it, and nothing in it knows about text parsing or the query language.

mod progress;
mod quantity;

pub use progress::{achieved, pair_actuals, similarity, stated_share};
pub use quantity::{
    dimension, dimension_named, unit_kind, Comparator, Quantity, QuantityError, ScaledUnit,
    UnitKind, DIMENSIONS,
};

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// All loaded documents.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Corpus {
    pub documents: Vec<Document>,
    /// The user's office aliases (`--aliases FILE`): a spelling and the office it means,
    /// read before the built-in table. Kept so documents loaded later are read alike.
    #[serde(skip)]
    pub aliases: Vec<(String, String)>,
}

/// What sort of plan a document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// A year's numbered tasks (重点工作任务), each with a responsibility note.
    AnnualTasks,
    /// A five-year plan outline (五年规划纲要): chapters, sections, numbered measures.
    FiveYearPlan,
    /// A table of tasks with what was done (推进情况表, 落实情况): each row reports progress.
    ProgressReport,
}

impl DocumentKind {
    /// Every kind by its name, as queries spell it.
    pub const NAMES: &'static [&'static str] =
        &["annual_tasks", "five_year_plan", "progress_report"];

    pub fn as_str(self) -> &'static str {
        match self {
            DocumentKind::AnnualTasks => "annual_tasks",
            DocumentKind::FiveYearPlan => "five_year_plan",
            DocumentKind::ProgressReport => "progress_report",
        }
    }
}

/// One plan document and everything found in it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Document {
    /// The year the plan (or report) is for, as the title or date tells (2025).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<u32>,
    /// File name as loaded (no directory).
    pub file: String,
    pub kind: DocumentKind,
    /// The county or district the plan is for, e.g. 沂源县.
    pub region: Option<String>,
    /// 文号, e.g. 源政办字〔2023〕21号.
    pub doc_number: Option<String>,
    /// The office that issued the notice.
    pub issuer: Option<String>,
    /// ISO date the notice was signed.
    pub date: Option<String>,
    /// Title of the plan itself (not of the notice), PDF spaces removed.
    pub title: Option<String>,
    pub sections: Vec<Section>,
    pub tasks: Vec<Task>,
    pub indicators: Vec<Indicator>,
    pub columns: Vec<Column>,
    pub warnings: Vec<Warning>,
    /// How every line of the source was placed.
    pub lines: LineAccounting,
    /// Where each line stands in a source that has no lines of its own (an office file,
    /// a page, a PDF): page, sheet and row. Empty for plain text, whose lines are lines.
    #[serde(default, skip_serializing_if = "Places::is_empty")]
    pub places: Places,
    /// What each unit name the document's tasks give means: its level, office and kind
    /// (区发改局 → 区, 发展和改革, 局), by the name as written.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub offices: BTreeMap<String, UnitOffice>,
}

/// A unit name read as an office: 区发改局 is the 发展和改革 office at level 区, a 局.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitOffice {
    /// 省 市 县 区 乡镇 街道 开发区 园区: from the name's place prefix, else the region.
    pub level: Option<String>,
    /// The canonical office without place, level or kind (发展和改革); none for a
    /// collective name.
    pub office: Option<String>,
    /// The kind of body: 局 委 办 中心 公司 人民政府 …
    pub kind: Option<String>,
    /// A collective name (各乡镇人民政府, 有关单位) meaning many units.
    pub generic: bool,
    /// False when no rule knew the office, so it is the name stripped of place, level
    /// and kind (`planq check --offices` lists these).
    pub derived: bool,
}

/// What the ingest made of a source line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LineRole {
    Blank,
    /// Notice header, salutation, signature, preamble.
    Header,
    Heading,
    /// Part of a task's (or measure's) text.
    Task,
    /// A responsibility note on its own line.
    Note,
    /// A cell of an indicator table or a ledger row.
    Table,
    /// A 专栏 box or one of its items.
    Column,
    /// Running text of a section that is not a task.
    Prose,
    /// Closing matter: rules, 抄送, 印发 lines.
    Footer,
    /// A page number left by PDF extraction (— 2 —).
    Page,
    /// Could not be placed; each such line also has a warning.
    Unplaced,
}

/// Counts of lines per role; they add up to `total`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct LineAccounting {
    pub total: usize,
    pub blank: usize,
    pub header: usize,
    pub heading: usize,
    pub task: usize,
    pub note: usize,
    pub table: usize,
    pub column: usize,
    pub prose: usize,
    pub footer: usize,
    pub page: usize,
    pub unplaced: usize,
}

impl LineAccounting {
    /// Counts one line of the given role.
    pub fn count(&mut self, role: LineRole) {
        self.total += 1;
        let slot = match role {
            LineRole::Blank => &mut self.blank,
            LineRole::Header => &mut self.header,
            LineRole::Heading => &mut self.heading,
            LineRole::Task => &mut self.task,
            LineRole::Note => &mut self.note,
            LineRole::Table => &mut self.table,
            LineRole::Column => &mut self.column,
            LineRole::Prose => &mut self.prose,
            LineRole::Footer => &mut self.footer,
            LineRole::Page => &mut self.page,
            LineRole::Unplaced => &mut self.unplaced,
        };
        *slot += 1;
    }
}

/// Where the lines of a document read from a file without lines of its own stand in it:
/// each line belongs to a part (a sheet, a page, a table, the body) and has a number in it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Places {
    /// Each part's name and what its numbers count: ("sheet 任务台账", "row").
    pub parts: Vec<(String, String)>,
    /// Per source line (index = line − 1): its part and its number within the part.
    pub lines: Vec<(u32, u32)>,
}

impl Places {
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// Starts a new part (`sheet 任务台账` numbered by `row`); later lines belong to it.
    pub fn part(&mut self, name: impl Into<String>, counts: impl Into<String>) {
        self.parts.push((name.into(), counts.into()));
    }

    /// Gives the next line the number `n` in the last part started.
    pub fn line(&mut self, n: u32) {
        let part = self.parts.len().saturating_sub(1) as u32;
        self.lines.push((part, n));
    }

    /// The part line `line` (1-based) belongs to.
    pub fn part_of(&self, line: usize) -> Option<&str> {
        let (part, _) = self.lines.get(line.checked_sub(1)?)?;
        self.parts
            .get(*part as usize)
            .map(|(name, _)| name.as_str())
    }

    /// `sheet 任务台账 row 7`: the place of line `line` (1-based).
    pub fn of(&self, line: usize) -> Option<String> {
        let (part, n) = self.lines.get(line.checked_sub(1)?)?;
        let (name, counts) = self.parts.get(*part as usize)?;
        Some(if name.is_empty() {
            format!("{counts} {n}")
        } else {
            format!("{name} {counts} {n}")
        })
    }
}

/// A heading: 一、… in a notice, 第一章 / 第一节 in a five-year plan.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Section {
    /// "3", or "3.1" for 第三章 第一节.
    pub id: String,
    pub level: u8,
    /// The number as printed (一, （一）, 第三章).
    pub no: String,
    pub title: String,
    /// 1-based line of the heading in the source.
    pub line: usize,
}

/// A numbered task (or, in a five-year plan, a numbered measure).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Task {
    /// The number as printed ("12").
    pub no: String,
    /// Id of the enclosing section, if any.
    pub section: Option<String>,
    /// Text before the first 。.
    pub title: String,
    /// Full text as printed, page breaks repaired (the responsibility note included).
    pub text: String,
    /// The responsibility note as printed, if any.
    pub note: Option<String>,
    /// 1-based first line in the source.
    pub line: usize,
    /// Where the task starts in a source without lines (`sheet 任务台账 row 7`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    pub lead: Vec<String>,
    pub support: Vec<String>,
    /// Officials accountable for the task (牵头县领导, 责任领导), as written.
    pub leader: Vec<String>,
    /// 完成时限 as written.
    pub due: Option<String>,
    /// The day the deadline means (ISO), where it means one: 6月底前 → 2024-06-30.
    pub due_date: Option<String>,
    pub targets: Vec<Target>,
    /// In a progress report: the status word as written (已完成, 序时推进), from the status
    /// column or the phrase the progress cell opens with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_text: Option<String>,
    /// The status word normalised.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    /// In a progress report: what was done, as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub progress: Option<String>,
    /// What is planned by when, from a table's period columns (一季度, 6月, 上半年, 进度安排),
    /// as written: `一季度：完成招标；二季度：主体开工`. Its figures are no targets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schedule: Option<String>,
    /// In a progress report: the figures the progress text reports (never targets).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actuals: Vec<Target>,
    /// In a progress report: the plan task the row reports on, once linked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan: Option<TaskLink>,
    /// In a plan: the report rows on this task, in report-date order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reports: Vec<TaskLink>,
}

/// Where a reported task stands, normalised from the status word (`ingest::vocab`'s
/// STATUS_WORDS says which word means which).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Done,
    Ahead,
    OnPace,
    Ongoing,
    NotStarted,
    Behind,
    /// A word planq does not know (warned with its line).
    Unknown,
}

impl Status {
    /// Every status by its name, as queries spell it.
    pub const NAMES: &'static [&'static str] = &[
        "done",
        "ahead",
        "on_pace",
        "ongoing",
        "not_started",
        "behind",
        "unknown",
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Done => "done",
            Status::Ahead => "ahead",
            Status::OnPace => "on_pace",
            Status::Ongoing => "ongoing",
            Status::NotStarted => "not_started",
            Status::Behind => "behind",
            Status::Unknown => "unknown",
        }
    }

    /// How far from done, for telling whether a task slipped between two reports
    /// (`None` when the word says nothing about it).
    pub fn rank(self) -> Option<u8> {
        match self {
            Status::Done => Some(0),
            Status::Ahead => Some(1),
            Status::OnPace | Status::Ongoing => Some(2),
            Status::NotStarted => Some(3),
            Status::Behind => Some(4),
            Status::Unknown => None,
        }
    }
}

/// A task of another document: by file and number for people and exports, and by position
/// in the corpus for the query engine (recomputed whenever documents are loaded).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskLink {
    pub file: String,
    pub no: String,
    /// (document, task) indices into the corpus.
    #[serde(skip)]
    pub at: (usize, usize),
}

/// A committed quantity inside a task.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Target {
    #[serde(with = "rust_decimal::serde::str")]
    pub value: Decimal,
    #[serde(with = "rust_decimal::serde::str_option")]
    pub value_hi: Option<Decimal>,
    /// Unit as written, with its scale (万千瓦, 亿元, %, 个百分点).
    pub unit: String,
    pub cmp: Comparator,
    /// What is measured (best effort), e.g. 光伏装机容量.
    pub metric: Option<String>,
    /// Value in the base unit (1238万立方米 → 12380000).
    #[serde(with = "rust_decimal::serde::str")]
    pub base_value: Decimal,
    /// The base unit (立方米, 元, 千瓦).
    pub base_unit: String,
    /// The clause the quantity was read from.
    pub quote: String,
    /// 1-based source line of the quantity.
    pub line: usize,
}

impl Target {
    /// The target as a comparable quantity.
    pub fn quantity(&self) -> Quantity {
        Quantity {
            value: self.base_value,
            unit: self.base_unit.clone(),
        }
    }
}

/// A row of a five-year plan's 主要指标表.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Indicator {
    pub no: String,
    pub category: Option<String>,
    pub name: String,
    pub unit: Option<String>,
    pub base: Option<String>,
    pub base_year: Option<String>,
    pub target: Option<String>,
    pub target_year: Option<String>,
    pub cmp: Comparator,
    /// 预期性 or 约束性.
    pub attribute: Option<String>,
    pub line: usize,
}

/// A 专栏 box of key projects.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Column {
    pub no: String,
    pub title: String,
    pub items: Vec<String>,
    pub line: usize,
}

/// Something the ingest noticed: an unplaced line, a numbering gap, a task with no unit.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Warning {
    pub line: usize,
    pub kind: WarningKind,
    pub message: String,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum WarningKind {
    /// A line that the ingest could not place anywhere.
    Unplaced,
    /// Running text of a notice that is in no task (a section's preamble, closing remarks).
    OutsideTask,
    /// Task numbers out of sequence (gap, repeat, jump).
    Numbering,
    /// A task without any responsible unit.
    NoUnits,
    /// Metadata that looks damaged or absent.
    Metadata,
    /// A table row that could not be read whole.
    Table,
    /// A note clause or unit list that could not be read cleanly.
    Note,
    /// A figure too large or too long to keep exactly.
    Number,
    /// Something a reader of an office file, a web page or a PDF could not take in.
    Format,
    /// A progress report row with a status word planq does not know.
    Report,
    /// A progress report row that links to no plan task, or to two equally.
    Link,
    /// A deadline whose day planq cannot tell (春节前: a lunar holiday).
    Deadline,
}

impl Document {
    /// An empty document of the given kind, to be filled by the ingest.
    pub fn new(file: impl Into<String>, kind: DocumentKind) -> Self {
        Document {
            year: None,
            file: file.into(),
            kind,
            region: None,
            doc_number: None,
            issuer: None,
            date: None,
            title: None,
            sections: Vec::new(),
            tasks: Vec::new(),
            indicators: Vec::new(),
            columns: Vec::new(),
            warnings: Vec::new(),
            lines: LineAccounting::default(),
            places: Places::default(),
            offices: BTreeMap::new(),
        }
    }

    pub fn section(&self, id: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.id == id)
    }

    /// Where line `line` stands in the source: `sheet 任务台账 row 7`, `page 3 line 12`, or
    /// `line 12` for plain text.
    pub fn place(&self, line: usize) -> String {
        self.places
            .of(line)
            .unwrap_or_else(|| format!("line {line}"))
    }

    /// `file:place` of a line: the provenance printed by `.show` and `check`.
    pub fn provenance(&self, line: usize) -> String {
        match self.places.of(line) {
            Some(place) => format!("{}:{place}", self.file),
            None => format!("{}:{line}", self.file),
        }
    }

    pub fn target_count(&self) -> usize {
        self.tasks.iter().map(|t| t.targets.len()).sum()
    }
}
