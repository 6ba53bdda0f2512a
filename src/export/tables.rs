//! The model as relational tables: one list of tables, each with its columns (name, type,
//! meaning) and the rows it takes from the corpus. csv, SQLite and the `README` table all
//! read this list, so a column exists in every export or in none.

use crate::model::{Corpus, Document, Target, TaskLink};
use rust_decimal::Decimal;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColType {
    /// The row's own id (1, 2, …): unique within its table.
    Key,
    /// The id of a row of the named table.
    Ref(&'static str),
    Int,
    Text,
    /// An exact decimal: SQLite keeps it as REAL for arithmetic and, beside it, as exact
    /// text (`value_text`).
    Num,
    Bool,
}

impl ColType {
    /// The type as the `README` table states it; `exact_text` when a decimal column has
    /// a `_text` twin (SQLite), else the decimal is written exactly in place (csv).
    pub fn describe(self, exact_text: bool) -> String {
        match self {
            ColType::Num if !exact_text => "decimal, exact".into(),
            ColType::Key => "integer primary key".into(),
            ColType::Ref(table) => format!("integer → {table}.id"),
            ColType::Int => "integer".into(),
            ColType::Text => "text".into(),
            ColType::Num => "real (exact: the _text column beside it)".into(),
            ColType::Bool => "integer 0/1".into(),
        }
    }
}

/// A column of a table.
#[derive(Debug, Clone, Copy)]
pub struct Col {
    pub name: &'static str,
    pub ty: ColType,
    pub doc: &'static str,
}

/// One value of a row.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell<'a> {
    Null,
    Int(i64),
    Text(&'a str),
    Num(Decimal),
    Bool(bool),
}

impl<'a> Cell<'a> {
    fn opt(text: &'a Option<String>) -> Cell<'a> {
        text.as_deref().map_or(Cell::Null, Cell::Text)
    }

    fn count(n: usize) -> Cell<'a> {
        Cell::Int(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

/// Where a row goes: a csv file, a SQLite statement. An error stops the export.
pub type Emit<'e> = dyn FnMut(&[Cell<'_>]) -> Result<(), String> + 'e;

/// A table of the export.
pub struct Table {
    pub name: &'static str,
    pub doc: &'static str,
    pub columns: &'static [Col],
    /// Columns worth an index besides the references (which always get one).
    pub indexes: &'static [&'static str],
    rows: fn(&Corpus, &Ids, &mut Emit<'_>) -> Result<(), String>,
}

impl Table {
    /// Sends every row of the table to `emit`, in the corpus's order.
    pub fn rows(&self, corpus: &Corpus, ids: &Ids, emit: &mut Emit<'_>) -> Result<(), String> {
        (self.rows)(corpus, ids, emit)
    }
}

/// The ids of documents, sections and tasks, which other tables refer to: ids count rows
/// from 1 in the corpus's order, so a document's tasks have consecutive ids.
pub struct Ids {
    /// Per document: the id before its first section, and before its first task.
    sections: Vec<i64>,
    tasks: Vec<i64>,
}

impl Ids {
    pub fn new(corpus: &Corpus) -> Ids {
        let before = |len: fn(&Document) -> usize| {
            let mut next = 0i64;
            corpus
                .documents
                .iter()
                .map(|d| {
                    let first = next;
                    next += i64::try_from(len(d)).unwrap_or(i64::MAX);
                    first
                })
                .collect()
        };
        Ids {
            sections: before(|d| d.sections.len()),
            tasks: before(|d| d.tasks.len()),
        }
    }

    fn doc(&self, d: usize) -> Cell<'static> {
        Cell::count(d + 1)
    }

    fn task(&self, d: usize, t: usize) -> Cell<'static> {
        self.tasks
            .get(d)
            .map_or(Cell::Null, |first| Cell::Int(first + t as i64 + 1))
    }

    fn link(&self, link: &TaskLink) -> Cell<'static> {
        self.task(link.at.0, link.at.1)
    }

    /// The section with id `id` ("3.1") of document `d`.
    fn section(&self, corpus: &Corpus, d: usize, id: &str) -> Cell<'static> {
        let at = corpus.documents[d].sections.iter().position(|s| s.id == id);
        match (self.sections.get(d), at) {
            (Some(first), Some(at)) => Cell::Int(first + at as i64 + 1),
            _ => Cell::Null,
        }
    }
}

macro_rules! col {
    ($name:literal, $ty:expr, $doc:literal) => {
        Col {
            name: $name,
            ty: $ty,
            doc: $doc,
        }
    };
}

use ColType::{Bool, Int, Key, Num, Ref, Text};

/// Every table, parents before children.
pub const TABLES: &[Table] = &[
    Table {
        name: "docs",
        doc: "one row per document loaded",
        columns: &[
            col!("id", Key, "the document's id"),
            col!("file", Text, "file name as loaded"),
            col!("kind", Text, "annual_tasks, five_year_plan or progress_report"),
            col!("region", Text, "the county or district the plan is for"),
            col!("year", Int, "the year the plan or report is for"),
            col!("doc_number", Text, "文号"),
            col!("issuer", Text, "the office that issued the document"),
            col!("date", Text, "the date it was signed (YYYY-MM-DD)"),
            col!("title", Text, "title of the plan itself"),
            col!("lines", Int, "lines in the source"),
            col!("unplaced_lines", Int, "lines the ingest could not place (each warned)"),
        ],
        indexes: &["region"],
        rows: docs,
    },
    Table {
        name: "sections",
        doc: "headings: 一、 in a notice, 第一章/第一节 in a five-year plan",
        columns: &[
            col!("id", Key, "the section's id"),
            col!("doc_id", Ref("docs"), "the document"),
            col!("section", Text, "the heading's place in the outline: 3, or 3.1 for 第三章 第一节"),
            col!("level", Int, "1 for 一、/第一章, 2 for （一）/第一节"),
            col!("no", Text, "the number as printed"),
            col!("title", Text, "the heading"),
            col!("line", Int, "source line of the heading"),
        ],
        indexes: &[],
        rows: sections,
    },
    Table {
        name: "tasks",
        doc: "numbered tasks (measures, in a five-year plan; rows, in a progress report)",
        columns: &[
            col!("id", Key, "the task's id"),
            col!("doc_id", Ref("docs"), "the document"),
            col!("section_id", Ref("sections"), "the heading the task is under"),
            col!("no", Text, "the number as printed"),
            col!("title", Text, "text before the first 。"),
            col!("text", Text, "the full text as printed"),
            col!("note", Text, "the responsibility note as printed"),
            col!("line", Int, "first source line"),
            col!("place", Text, "sheet/page and row, in a source without lines of its own"),
            col!("due", Text, "完成时限 as written"),
            col!("due_date", Text, "the day the deadline means (YYYY-MM-DD)"),
            col!("status", Text, "in a report: done, ahead, on_pace, ongoing, not_started, behind or unknown"),
            col!("status_text", Text, "in a report: the status word as written"),
            col!("progress", Text, "in a report: what was done, as written"),
            col!("schedule", Text, "what is planned by when, from period columns (一季度：…；二季度：…)"),
            col!("plan_task_id", Ref("tasks"), "in a report: the plan task the row reports on"),
        ],
        indexes: &["no"],
        rows: tasks,
    },
    Table {
        name: "units",
        doc: "the units responsible for each task: one row per task × unit × role",
        columns: &[
            col!("id", Key, "the row's id"),
            col!("task_id", Ref("tasks"), "the task"),
            col!("doc_id", Ref("docs"), "the document"),
            col!("name", Text, "the unit as written"),
            col!("role", Text, "lead (牵头/负责) or support (配合/参与)"),
            col!("position", Int, "its place in the task's list of that role, from 1"),
            col!("level", Text, "省 市 县 区 乡镇 街道 开发区 园区"),
            col!("office", Text, "the kind of office, one name for every spelling (发展和改革)"),
            col!("office_kind", Text, "局 委 办 中心 公司 人民政府 …"),
            col!("generic", Bool, "a collective name (各乡镇人民政府) with no single office"),
        ],
        indexes: &["name", "office"],
        rows: units,
    },
    Table {
        name: "leaders",
        doc: "officials accountable for each task (牵头县领导, 责任领导), as written",
        columns: &[
            col!("id", Key, "the row's id"),
            col!("task_id", Ref("tasks"), "the task"),
            col!("doc_id", Ref("docs"), "the document"),
            col!("name", Text, "the official as written"),
            col!("position", Int, "its place in the task's list, from 1"),
        ],
        indexes: &["name"],
        rows: leaders,
    },
    Table {
        name: "targets",
        doc: "the quantified commitments of each task",
        columns: TARGET_COLUMNS,
        indexes: &["base_unit"],
        rows: targets,
    },
    Table {
        name: "actuals",
        doc: "the figures a progress report row gives (what was done, never targets)",
        columns: TARGET_COLUMNS,
        indexes: &["base_unit"],
        rows: actuals,
    },
    Table {
        name: "indicators",
        doc: "rows of a five-year plan's 主要指标表",
        columns: &[
            col!("id", Key, "the row's id"),
            col!("doc_id", Ref("docs"), "the document"),
            col!("no", Text, "row number as printed"),
            col!("category", Text, "the group the row is in"),
            col!("name", Text, "what is measured"),
            col!("unit", Text, "unit as printed"),
            col!("base", Text, "base-year value as printed"),
            col!("base_year", Text, "the base year"),
            col!("target", Text, "target value as printed"),
            col!("target_year", Text, "the target year"),
            col!("cmp", Text, "=, >=, <=, ~ or range"),
            col!("attribute", Text, "预期性 (expected) or 约束性 (binding)"),
            col!("line", Int, "source line"),
        ],
        indexes: &[],
        rows: indicators,
    },
    Table {
        name: "columns",
        doc: "专栏 boxes of key projects",
        columns: &[
            col!("id", Key, "the box's id"),
            col!("doc_id", Ref("docs"), "the document"),
            col!("no", Text, "专栏 number"),
            col!("title", Text, "专栏 title"),
            col!("line", Int, "source line"),
        ],
        indexes: &[],
        rows: columns,
    },
    Table {
        name: "column_items",
        doc: "the projects a 专栏 box lists",
        columns: &[
            col!("id", Key, "the row's id"),
            col!("column_id", Ref("columns"), "the box"),
            col!("position", Int, "its place in the box, from 1"),
            col!("item", Text, "the project as printed"),
        ],
        indexes: &[],
        rows: column_items,
    },
    Table {
        name: "warnings",
        doc: "what the ingest noticed, with its line: unplaced lines, numbering gaps, …",
        columns: &[
            col!("id", Key, "the row's id"),
            col!("doc_id", Ref("docs"), "the document"),
            col!("line", Int, "source line (0: the whole document)"),
            col!("kind", Text, "unplaced, outside_task, numbering, no_units, metadata, table, note, number, format, report or link"),
            col!("message", Text, "what was noticed"),
        ],
        indexes: &["kind"],
        rows: warnings,
    },
];

/// The columns of targets and of actuals.
const TARGET_COLUMNS: &[Col] = &[
    col!("id", Key, "the row's id"),
    col!("task_id", Ref("tasks"), "the task"),
    col!("doc_id", Ref("docs"), "the document"),
    col!(
        "position",
        Int,
        "its place among the task's figures, from 1"
    ),
    col!("value", Num, "the number as written"),
    col!("value_hi", Num, "the upper bound of a range"),
    col!("unit", Text, "the unit as written, with its scale (万千瓦)"),
    col!("cmp", Text, "=, >= (以上), <= (以内), ~ (左右) or range"),
    col!("metric", Text, "what is measured"),
    col!(
        "base_value",
        Num,
        "the value in its base unit (1238万立方米 → 12380000)"
    ),
    col!("base_unit", Text, "the unit base_value is counted in"),
    col!(
        "dimension",
        Text,
        "money, power, energy, area, length, volume, mass, share, time, ratio or count"
    ),
    col!("quote", Text, "the clause the figure was read from"),
    col!("line", Int, "source line of the figure"),
];

fn docs(c: &Corpus, ids: &Ids, emit: &mut Emit<'_>) -> Result<(), String> {
    for (di, d) in c.documents.iter().enumerate() {
        emit(&[
            ids.doc(di),
            Cell::Text(&d.file),
            Cell::Text(d.kind.as_str()),
            Cell::opt(&d.region),
            d.year.map_or(Cell::Null, |y| Cell::Int(y.into())),
            Cell::opt(&d.doc_number),
            Cell::opt(&d.issuer),
            Cell::opt(&d.date),
            Cell::opt(&d.title),
            Cell::count(d.lines.total),
            Cell::count(d.lines.unplaced),
        ])?;
    }
    Ok(())
}

fn sections(c: &Corpus, ids: &Ids, emit: &mut Emit<'_>) -> Result<(), String> {
    let mut id = 0;
    for (di, d) in c.documents.iter().enumerate() {
        for s in &d.sections {
            id += 1;
            emit(&[
                Cell::Int(id),
                ids.doc(di),
                Cell::Text(&s.id),
                Cell::Int(s.level.into()),
                Cell::Text(&s.no),
                Cell::Text(&s.title),
                Cell::count(s.line),
            ])?;
        }
    }
    Ok(())
}

fn tasks(c: &Corpus, ids: &Ids, emit: &mut Emit<'_>) -> Result<(), String> {
    for (di, d) in c.documents.iter().enumerate() {
        for (ti, t) in d.tasks.iter().enumerate() {
            let section = t
                .section
                .as_deref()
                .map_or(Cell::Null, |s| ids.section(c, di, s));
            emit(&[
                ids.task(di, ti),
                ids.doc(di),
                section,
                Cell::Text(&t.no),
                Cell::Text(&t.title),
                Cell::Text(&t.text),
                Cell::opt(&t.note),
                Cell::count(t.line),
                Cell::opt(&t.place),
                Cell::opt(&t.due),
                Cell::opt(&t.due_date),
                t.status.map_or(Cell::Null, |s| Cell::Text(s.as_str())),
                Cell::opt(&t.status_text),
                Cell::opt(&t.progress),
                Cell::opt(&t.schedule),
                t.plan.as_ref().map_or(Cell::Null, |l| ids.link(l)),
            ])?;
        }
    }
    Ok(())
}

fn units(c: &Corpus, ids: &Ids, emit: &mut Emit<'_>) -> Result<(), String> {
    let mut id = 0;
    for (di, d) in c.documents.iter().enumerate() {
        for (ti, t) in d.tasks.iter().enumerate() {
            for (role, names) in [("lead", &t.lead), ("support", &t.support)] {
                for (at, name) in names.iter().enumerate() {
                    id += 1;
                    let office = d.offices.get(name);
                    let fact = |f: fn(&crate::model::UnitOffice) -> &Option<String>| {
                        office.map_or(Cell::Null, |o| Cell::opt(f(o)))
                    };
                    emit(&[
                        Cell::Int(id),
                        ids.task(di, ti),
                        ids.doc(di),
                        Cell::Text(name),
                        Cell::Text(role),
                        Cell::count(at + 1),
                        fact(|o| &o.level),
                        fact(|o| &o.office),
                        fact(|o| &o.kind),
                        Cell::Bool(office.is_some_and(|o| o.generic)),
                    ])?;
                }
            }
        }
    }
    Ok(())
}

fn leaders(c: &Corpus, ids: &Ids, emit: &mut Emit<'_>) -> Result<(), String> {
    let mut id = 0;
    for (di, d) in c.documents.iter().enumerate() {
        for (ti, t) in d.tasks.iter().enumerate() {
            for (at, name) in t.leader.iter().enumerate() {
                id += 1;
                emit(&[
                    Cell::Int(id),
                    ids.task(di, ti),
                    ids.doc(di),
                    Cell::Text(name),
                    Cell::count(at + 1),
                ])?;
            }
        }
    }
    Ok(())
}

fn targets(c: &Corpus, ids: &Ids, emit: &mut Emit<'_>) -> Result<(), String> {
    figures(c, ids, emit, |t| &t.targets)
}

fn actuals(c: &Corpus, ids: &Ids, emit: &mut Emit<'_>) -> Result<(), String> {
    figures(c, ids, emit, |t| &t.actuals)
}

/// The rows of targets or of actuals: the same columns, a different list of each task.
fn figures(
    c: &Corpus,
    ids: &Ids,
    emit: &mut Emit<'_>,
    list: fn(&crate::model::Task) -> &Vec<Target>,
) -> Result<(), String> {
    let mut id = 0;
    for (di, d) in c.documents.iter().enumerate() {
        for (ti, t) in d.tasks.iter().enumerate() {
            for (at, g) in list(t).iter().enumerate() {
                id += 1;
                emit(&[
                    Cell::Int(id),
                    ids.task(di, ti),
                    ids.doc(di),
                    Cell::count(at + 1),
                    Cell::Num(g.value),
                    g.value_hi.map_or(Cell::Null, Cell::Num),
                    Cell::Text(&g.unit),
                    Cell::Text(g.cmp.as_str()),
                    Cell::opt(&g.metric),
                    Cell::Num(g.base_value),
                    Cell::Text(&g.base_unit),
                    Cell::Text(crate::model::dimension(&g.base_unit)),
                    Cell::Text(&g.quote),
                    Cell::count(g.line),
                ])?;
            }
        }
    }
    Ok(())
}

fn indicators(c: &Corpus, ids: &Ids, emit: &mut Emit<'_>) -> Result<(), String> {
    let mut id = 0;
    for (di, d) in c.documents.iter().enumerate() {
        for i in &d.indicators {
            id += 1;
            emit(&[
                Cell::Int(id),
                ids.doc(di),
                Cell::Text(&i.no),
                Cell::opt(&i.category),
                Cell::Text(&i.name),
                Cell::opt(&i.unit),
                Cell::opt(&i.base),
                Cell::opt(&i.base_year),
                Cell::opt(&i.target),
                Cell::opt(&i.target_year),
                Cell::Text(i.cmp.as_str()),
                Cell::opt(&i.attribute),
                Cell::count(i.line),
            ])?;
        }
    }
    Ok(())
}

fn columns(c: &Corpus, ids: &Ids, emit: &mut Emit<'_>) -> Result<(), String> {
    let mut id = 0;
    for (di, d) in c.documents.iter().enumerate() {
        for col in &d.columns {
            id += 1;
            emit(&[
                Cell::Int(id),
                ids.doc(di),
                Cell::Text(&col.no),
                Cell::Text(&col.title),
                Cell::count(col.line),
            ])?;
        }
    }
    Ok(())
}

fn column_items(c: &Corpus, _: &Ids, emit: &mut Emit<'_>) -> Result<(), String> {
    let (mut id, mut column) = (0, 0);
    for col in c.documents.iter().flat_map(|d| &d.columns) {
        column += 1;
        for (at, item) in col.items.iter().enumerate() {
            id += 1;
            emit(&[
                Cell::Int(id),
                Cell::Int(column),
                Cell::count(at + 1),
                Cell::Text(item),
            ])?;
        }
    }
    Ok(())
}

fn warnings(c: &Corpus, ids: &Ids, emit: &mut Emit<'_>) -> Result<(), String> {
    let mut id = 0;
    for (di, d) in c.documents.iter().enumerate() {
        for w in &d.warnings {
            id += 1;
            emit(&[
                Cell::Int(id),
                ids.doc(di),
                Cell::count(w.line),
                Cell::Text(warning_kind(w.kind)),
                Cell::Text(&w.message),
            ])?;
        }
    }
    Ok(())
}

/// The kind's name as the JSON export spells it.
fn warning_kind(kind: crate::model::WarningKind) -> &'static str {
    use crate::model::WarningKind as W;
    match kind {
        W::Unplaced => "unplaced",
        W::OutsideTask => "outside_task",
        W::Numbering => "numbering",
        W::NoUnits => "no_units",
        W::Metadata => "metadata",
        W::Table => "table",
        W::Note => "note",
        W::Number => "number",
        W::Format => "format",
        W::Report => "report",
        W::Link => "link",
        W::Deadline => "deadline",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rows of `table` on the seeds, as owned text (or `None` for null).
    fn rows(corpus: &Corpus, table: &Table) -> Vec<Vec<Option<String>>> {
        let ids = Ids::new(corpus);
        let mut out = Vec::new();
        table
            .rows(corpus, &ids, &mut |cells| {
                out.push(
                    cells
                        .iter()
                        .map(|c| match c {
                            Cell::Null => None,
                            Cell::Int(n) => Some(n.to_string()),
                            Cell::Text(t) => Some((*t).to_string()),
                            Cell::Num(d) => Some(d.to_string()),
                            Cell::Bool(b) => Some(b.to_string()),
                        })
                        .collect(),
                );
                Ok(())
            })
            .unwrap_or_else(|e| panic!("{e}"));
        out
    }

    #[test]
    fn every_row_has_one_cell_per_column_and_ids_count_from_one() {
        let corpus = crate::ingest::seed_corpus();
        for table in TABLES {
            let rows = rows(&corpus, table);
            for (i, row) in rows.iter().enumerate() {
                assert_eq!(row.len(), table.columns.len(), "{}", table.name);
                assert_eq!(row[0], Some((i + 1).to_string()), "{}", table.name);
            }
        }
    }

    #[test]
    fn row_counts_are_the_models() {
        let corpus = crate::ingest::seed_corpus();
        let count = |name: &str| {
            let table = TABLES.iter().find(|t| t.name == name);
            rows(&corpus, table.unwrap_or_else(|| panic!("{name}"))).len()
        };
        let docs = &corpus.documents;
        assert_eq!(count("docs"), docs.len());
        assert_eq!(
            count("tasks"),
            docs.iter().map(|d| d.tasks.len()).sum::<usize>()
        );
        assert_eq!(
            count("targets"),
            docs.iter().map(|d| d.target_count()).sum::<usize>()
        );
        let units: usize = docs
            .iter()
            .flat_map(|d| &d.tasks)
            .map(|t| t.lead.len() + t.support.len())
            .sum();
        assert_eq!(count("units"), units);
    }

    #[test]
    fn references_name_existing_tables_and_columns_are_unique() {
        for table in TABLES {
            assert_eq!(table.columns[0].ty, ColType::Key, "{}", table.name);
            for (i, col) in table.columns.iter().enumerate() {
                if let ColType::Ref(to) = col.ty {
                    assert!(TABLES.iter().any(|t| t.name == to), "{to}");
                }
                let later = &table.columns[i + 1..];
                assert!(later.iter().all(|c| c.name != col.name), "{}", col.name);
            }
            for index in table.indexes {
                assert!(table.columns.iter().any(|c| c.name == *index), "{index}");
            }
        }
    }

    #[test]
    fn a_task_under_a_heading_refers_to_its_section_row() {
        let corpus = crate::ingest::seed_corpus();
        let table = |name: &str| {
            TABLES
                .iter()
                .find(|t| t.name == name)
                .map(|t| rows(&corpus, t))
        };
        let (Some(sections), Some(tasks)) = (table("sections"), table("tasks")) else {
            panic!("tables")
        };
        let model_tasks = corpus.documents.iter().flat_map(|d| {
            d.tasks
                .iter()
                .map(move |t| t.section.as_ref().map(|_| d.file.clone()))
        });
        for (row, under) in tasks.iter().zip(model_tasks) {
            let Some(file) = under else {
                assert_eq!(row[2], None);
                continue;
            };
            let section = row[2].as_deref().unwrap_or_else(|| panic!("{row:?}"));
            let s = &sections[section.parse::<usize>().unwrap_or(0) - 1];
            assert_eq!(s[1], row[1], "same document as {file}");
        }
    }
}
