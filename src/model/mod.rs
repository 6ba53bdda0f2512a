//! The plan model: a corpus of documents, each with sections, tasks, targets, indicators and columns.
//!
//! Everything here is plain data (serde-serialisable); the ingest builds it, the query engine
//! reads it, and nothing in it knows about text parsing or the query language.

mod quantity;

pub use quantity::{unit_kind, Comparator, Quantity, QuantityError, ScaledUnit, UnitKind};

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// All loaded documents.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Corpus {
    pub documents: Vec<Document>,
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
#[derive(Debug, Clone, Serialize, Deserialize)]
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
    pub lead: Vec<String>,
    pub support: Vec<String>,
    /// Officials accountable for the task (牵头县领导, 责任领导), as written.
    pub leader: Vec<String>,
    /// 完成时限 as written.
    pub due: Option<String>,
    /// The day the deadline means (ISO), where it means one: 6月底前 → 2024-06-30.
    pub due_date: Option<String>,
    pub targets: Vec<Target>,
    /// In a progress report: the status phrase the progress cell opens with (已完成).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_text: Option<String>,
    /// In a progress report: what was done, as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub progress: Option<String>,
    /// In a progress report: the figures the progress text reports (never targets).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actuals: Vec<Target>,
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
}

impl Document {
    /// An empty document of the given kind, to be filled by the ingest.
    pub fn new(file: impl Into<String>, kind: DocumentKind) -> Self {
        Document {
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
        }
    }

    pub fn section(&self, id: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.id == id)
    }

    pub fn target_count(&self) -> usize {
        self.tasks.iter().map(|t| t.targets.len()).sum()
    }
}
