//! Rows of the model as the evaluator sees them: a borrowed entity with its parents, and
//! what a field yields (a value, one entity, or several).

use super::Value;
use crate::model::{Column, Corpus, Document, Indicator, Section, Target, Task, TaskLink};
use chrono::NaiveDate;

/// The kind of row a source yields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Doc,
    Section,
    Task,
    Target,
    Unit,
    Indicator,
    Column,
}

impl Kind {
    pub const ALL: [Kind; 7] = [
        Kind::Doc,
        Kind::Section,
        Kind::Task,
        Kind::Target,
        Kind::Unit,
        Kind::Indicator,
        Kind::Column,
    ];

    /// The source name (`tasks`).
    pub fn source(self) -> &'static str {
        match self {
            Kind::Doc => "docs",
            Kind::Section => "sections",
            Kind::Task => "tasks",
            Kind::Target => "targets",
            Kind::Unit => "units",
            Kind::Indicator => "indicators",
            Kind::Column => "columns",
        }
    }

    /// The name of one row (`task`), as used in field types and parent links.
    pub fn singular(self) -> &'static str {
        self.source().trim_end_matches('s')
    }

    pub fn from_source(name: &str) -> Option<Kind> {
        Kind::ALL
            .into_iter()
            .find(|k| k.source().eq_ignore_ascii_case(name))
    }

    pub fn from_singular(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.singular() == name)
    }
}

/// One row of the model, borrowed with the parents its fields reach.
#[derive(Debug, Clone, Copy)]
pub enum Ent<'a> {
    Doc(&'a Document),
    Section(&'a Document, &'a Section),
    Task(&'a Document, &'a Task),
    Target(&'a Document, &'a Task, &'a Target),
    /// A task × responsible unit × role (`lead` or `support`).
    Unit(&'a Document, &'a Task, &'a str, &'static str),
    Indicator(&'a Document, &'a Indicator),
    Column(&'a Document, &'a Column),
}

/// What a field yields.
#[derive(Debug, Clone)]
pub enum Ev<'a> {
    V(Value<'a>),
    E(Ent<'a>),
    Es(Vec<Ent<'a>>),
}

impl<'a> From<Value<'a>> for Ev<'a> {
    fn from(v: Value<'a>) -> Self {
        Ev::V(v)
    }
}

impl<'a> From<Ent<'a>> for Ev<'a> {
    fn from(e: Ent<'a>) -> Self {
        Ev::E(e)
    }
}

impl<'a> From<Vec<Ent<'a>>> for Ev<'a> {
    fn from(es: Vec<Ent<'a>>) -> Self {
        Ev::Es(es)
    }
}

impl<'a> From<Option<Ent<'a>>> for Ev<'a> {
    fn from(e: Option<Ent<'a>>) -> Self {
        e.map_or(Ev::V(Value::Null), Ev::E)
    }
}

impl<'a> Ev<'a> {
    /// The yield as a plain value (entities by their labels).
    pub fn into_value(self) -> Value<'a> {
        match self {
            Ev::V(v) => v,
            Ev::E(e) => e.label(),
            Ev::Es(es) => Value::List(es.iter().map(Ent::label).collect()),
        }
    }
}

impl<'a> Ent<'a> {
    pub fn doc(&self) -> &'a Document {
        match *self {
            Ent::Doc(d)
            | Ent::Section(d, _)
            | Ent::Task(d, _)
            | Ent::Target(d, _, _)
            | Ent::Unit(d, _, _, _)
            | Ent::Indicator(d, _)
            | Ent::Column(d, _) => d,
        }
    }

    /// The task a target or unit row belongs to, as a row.
    pub fn task(&self) -> Option<Ent<'a>> {
        match *self {
            Ent::Target(d, t, _) | Ent::Unit(d, t, _, _) => Some(Ent::Task(d, t)),
            _ => None,
        }
    }

    /// The section a task (or a target or unit, through its task) sits in.
    pub fn section(&self) -> Option<Ent<'a>> {
        match *self {
            Ent::Task(d, t) | Ent::Target(d, t, _) | Ent::Unit(d, t, _, _) => {
                let id = t.section.as_deref()?;
                d.section(id).map(|s| Ent::Section(d, s))
            }
            _ => None,
        }
    }

    /// How an entity prints when a query selects it whole.
    pub fn label(&self) -> Value<'a> {
        match *self {
            Ent::Doc(d) => Value::text(d.region.as_deref().unwrap_or(&d.file)),
            Ent::Section(_, s) => Value::owned(format!("{} {}", s.no, s.title)),
            Ent::Task(_, t) => Value::owned(format!("{}. {}", t.no, t.title)),
            Ent::Target(_, _, g) => Value::owned(format!("{}{}", g.value, g.unit)),
            Ent::Unit(_, _, name, _) => Value::text(name),
            Ent::Indicator(_, i) => Value::text(&i.name),
            Ent::Column(_, c) => Value::text(&c.title),
        }
    }
}

/// What a field may read besides its own row: the whole corpus (a report row's plan task
/// is in another document) and the day the questions are asked on (`--as-of`).
#[derive(Clone, Copy)]
pub struct World<'a> {
    pub corpus: &'a Corpus,
    pub as_of: NaiveDate,
    /// The session's equality indexes, where it keeps them.
    pub indexes: Option<&'a super::index::Indexes>,
}

impl<'a> World<'a> {
    /// The task a link names, as a row.
    pub fn task(&self, link: &TaskLink) -> Option<Ent<'a>> {
        let (d, t) = link.at;
        let doc = self.corpus.documents.get(d)?;
        doc.tasks.get(t).map(|task| Ent::Task(doc, task))
    }

    /// The tasks links name, as rows, in the links' order.
    pub fn tasks(&self, links: &[TaskLink]) -> Vec<Ent<'a>> {
        links.iter().filter_map(|l| self.task(l)).collect()
    }
}

/// Every row of a source, in document order, made as they are read.
pub fn rows(corpus: &Corpus, kind: Kind) -> impl Iterator<Item = Ent<'_>> {
    corpus.documents.iter().flat_map(move |d| children(d, kind))
}

/// How many rows of one kind a document holds: `children(d, kind).len()`, none made.
pub fn count(d: &Document, kind: Kind) -> usize {
    match kind {
        Kind::Doc => 1,
        Kind::Section => d.sections.len(),
        Kind::Task => d.tasks.len(),
        Kind::Target => d.tasks.iter().map(|t| t.targets.len()).sum(),
        Kind::Unit => d.tasks.iter().map(|t| t.lead.len() + t.support.len()).sum(),
        Kind::Indicator => d.indicators.len(),
        Kind::Column => d.columns.len(),
    }
}

/// The rows of one kind inside a document.
pub fn children(d: &Document, kind: Kind) -> Vec<Ent<'_>> {
    match kind {
        Kind::Doc => vec![Ent::Doc(d)],
        Kind::Section => d.sections.iter().map(|s| Ent::Section(d, s)).collect(),
        Kind::Task => d.tasks.iter().map(|t| Ent::Task(d, t)).collect(),
        Kind::Target => d.tasks.iter().flat_map(|t| task_targets(d, t)).collect(),
        Kind::Unit => d.tasks.iter().flat_map(|t| task_units(d, t)).collect(),
        Kind::Indicator => d.indicators.iter().map(|i| Ent::Indicator(d, i)).collect(),
        Kind::Column => d.columns.iter().map(|c| Ent::Column(d, c)).collect(),
    }
}

pub fn task_targets<'a>(d: &'a Document, t: &'a Task) -> Vec<Ent<'a>> {
    t.targets.iter().map(|g| Ent::Target(d, t, g)).collect()
}

/// A task's responsible units: leads first, then supporters.
pub fn task_units<'a>(d: &'a Document, t: &'a Task) -> Vec<Ent<'a>> {
    let lead = t
        .lead
        .iter()
        .map(move |n| Ent::Unit(d, t, n.as_str(), "lead"));
    let support = t
        .support
        .iter()
        .map(move |n| Ent::Unit(d, t, n.as_str(), "support"));
    lead.chain(support).collect()
}

/// Tasks of a section or of any section below it (3.1 is inside 3).
pub fn section_tasks<'a>(d: &'a Document, s: &'a Section) -> Vec<Ent<'a>> {
    let below = format!("{}.", s.id);
    d.tasks
        .iter()
        .filter(|t| {
            t.section
                .as_deref()
                .is_some_and(|id| id == s.id || id.starts_with(&below))
        })
        .map(|t| Ent::Task(d, t))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn count_is_the_number_of_children() {
        let corpus = crate::ingest::seed_corpus();
        for d in &corpus.documents {
            for kind in Kind::ALL {
                assert_eq!(
                    count(d, kind),
                    children(d, kind).len(),
                    "{} {kind:?}",
                    d.file
                );
            }
        }
    }
}
