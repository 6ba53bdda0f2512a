//! The one list of queryable sources and fields: name, type, doc, example and getter.
//!
//! The evaluator, completion, `--fields` and the docs all read these tables.

use super::entity::{self, Ent, Ev, Kind, World};
use super::pace;
use super::Value;
use rust_decimal::Decimal;

/// One queryable field of a source.
#[derive(Debug, Clone, Copy)]
pub struct FieldDef {
    pub name: &'static str,
    /// `text`, `number`, `date`, `quantity`, or a row kind for a link (`doc`, `task`);
    /// `[]` after it marks a multi-valued field, which matches when any element matches.
    pub ty: &'static str,
    pub doc: &'static str,
    pub example: &'static str,
    /// What a value of this field names, when strings compared with it should be checked
    /// against the values the corpus holds ("no unit named …").
    pub(crate) vocab: Option<&'static str>,
    /// Whether the value depends on more than the row and its document: other documents
    /// (a plan task's reports) or the as-of day. Such a field is never indexed.
    pub(crate) reads_world: bool,
    pub(crate) get: for<'a> fn(&Ent<'a>, &World<'a>) -> Ev<'a>,
}

/// Words of the language, for completion and highlighting.
pub const KEYWORDS: &[&str] = &[
    "where", "select", "group", "by", "having", "order", "asc", "desc", "limit", "offset",
    "distinct", "as", "and", "or", "not", "in", "is", "empty", "null", "matches", "count", "true",
    "false", "between", "per", "let",
];

/// Functions: aggregates, `any`/`all` over a multi-valued field, and the scalar functions
/// of functions.rs (a test below keeps the lists together).
pub const FUNCTIONS: &[&str] = &[
    "count",
    "share",
    "sum",
    "avg",
    "min",
    "max",
    "list",
    "distinct",
    "any",
    "all",
    "year",
    "quarter",
    "month",
    "day",
    "len",
    "left",
    "right",
    "replace",
    "regex_replace",
    "coalesce",
];

const SOURCES: &[&str] = &[
    "docs",
    "sections",
    "tasks",
    "targets",
    "units",
    "indicators",
    "columns",
];

/// The sources a query may start from.
pub fn sources() -> &'static [&'static str] {
    SOURCES
}

/// The fields of a source, or `None` for an unknown source.
pub fn fields(source: &str) -> Option<&'static [FieldDef]> {
    Kind::from_source(source).map(kind_fields)
}

/// What a query prints when it has no `select`.
pub fn default_select(kind: Kind) -> &'static str {
    match kind {
        Kind::Doc => {
            "region, kind, doc_number, date, count(tasks) as tasks, count(targets) as targets"
        }
        Kind::Section => "doc.region, id, no, title",
        Kind::Task => "doc.region, no, title, lead",
        Kind::Target => "doc.region, task.no, value, unit, cmp, metric",
        Kind::Unit => "doc.region, task.no, name, role",
        Kind::Indicator => "doc.region, no, name, unit, base, target, attribute",
        Kind::Column => "doc.region, no, title, count(items) as items",
    }
}

/// The schema as rows (source, field, type, doc, example) for `--fields [SOURCE]`;
/// `None` for an unknown source.
pub fn schema(source: Option<&str>) -> Option<super::Rows> {
    let kinds: Vec<Kind> = match source {
        Some(s) => vec![Kind::from_source(s)?],
        None => Kind::ALL.to_vec(),
    };
    let columns = ["source", "field", "type", "doc", "example"]
        .map(String::from)
        .to_vec();
    let rows = kinds
        .into_iter()
        .flat_map(|k| kind_fields(k).iter().map(move |f| (k, f)))
        .map(|(k, f)| {
            [k.source(), f.name, f.ty, f.doc, f.example]
                .map(text)
                .to_vec()
        })
        .collect();
    Some(super::Rows { columns, rows })
}

pub(crate) fn kind_fields(kind: Kind) -> &'static [FieldDef] {
    match kind {
        Kind::Doc => DOCS,
        Kind::Section => SECTIONS,
        Kind::Task => TASKS,
        Kind::Target => TARGETS,
        Kind::Unit => UNITS,
        Kind::Indicator => INDICATORS,
        Kind::Column => COLUMNS,
    }
}

macro_rules! field {
    (@def $reads_world:literal, $name:literal, $ty:literal, $vocab:expr, $doc:literal, $ex:literal, |$w:ident| $pat:pat => $body:expr) => {
        FieldDef {
            name: $name,
            ty: $ty,
            doc: $doc,
            example: $ex,
            vocab: $vocab,
            reads_world: $reads_world,
            get: |e, $w| match *e {
                $pat => Ev::from($body),
                #[allow(unreachable_patterns)]
                _ => Ev::V(Value::Null),
            },
        }
    };
    (@vocab $v:literal) => { Some($v) };
    (@vocab) => { None };
    // A field that reads beyond its row: the corpus, or the as-of day.
    ($name:literal : $ty:literal $(vocab $v:literal)?, $doc:literal, $ex:literal, |$w:ident| $pat:pat => $body:expr) => {
        field!(@def true, $name, $ty, field!(@vocab $($v)?), $doc, $ex, |$w| $pat => $body)
    };
    // A field of its own row only (tried second: a closure-like `|w|` is a pattern too).
    ($name:literal : $ty:literal $(vocab $v:literal)?, $doc:literal, $ex:literal, $pat:pat => $body:expr) => {
        field!(@def false, $name, $ty, field!(@vocab $($v)?), $doc, $ex, |_world| $pat => $body)
    };
}

/// A fact about a unit name from its document's office reading (null when unread).
fn office_text<'a>(
    d: &'a crate::model::Document,
    name: &str,
    fact: fn(&crate::model::UnitOffice) -> &Option<String>,
) -> Value<'a> {
    d.offices
        .get(name)
        .map_or(Value::Null, |u| Value::from_opt(fact(u)))
}

/// The offices a task's units are read as, in note order, each once.
fn task_offices<'a>(d: &'a crate::model::Document, t: &crate::model::Task) -> Value<'a> {
    let mut out: Vec<&str> = Vec::new();
    let known = t
        .lead
        .iter()
        .chain(&t.support)
        .filter_map(|n| d.offices.get(n)?.office.as_deref());
    for office in known {
        if !out.contains(&office) {
            out.push(office);
        }
    }
    Value::List(out.into_iter().map(text).collect())
}

fn text(s: &str) -> Value<'_> {
    Value::text(s)
}

fn count(n: usize) -> Value<'static> {
    Value::from_count(n)
}

fn texts(items: &[String]) -> Value<'_> {
    Value::List(items.iter().map(|s| text(s)).collect())
}

/// A number as printed: a number when it reads as one (so 12 sorts after 2), else text.
fn numbered(s: &str) -> Value<'_> {
    s.parse::<Decimal>().map_or_else(|_| text(s), Value::Num)
}

fn opt_numbered(s: &Option<String>) -> Value<'_> {
    s.as_deref().map_or(Value::Null, numbered)
}

fn date(s: &Option<String>) -> Value<'_> {
    s.as_deref()
        .map_or(Value::Null, |d| Value::Date(std::borrow::Cow::Borrowed(d)))
}

const DOC_LINK: FieldDef = field!("doc": "doc", "the document the row is in", "doc.region = \"沂源县\"", e => Ent::Doc(e.doc()));

const DOCS: &[FieldDef] = &[
    field!("file": "text", "file name as loaded", "001_70bbf6938fcb4631.txt", Ent::Doc(d) => text(&d.file)),
    field!("kind": "text" vocab "document kind", "annual_tasks, five_year_plan or progress_report", "annual_tasks", Ent::Doc(d) => text(d.kind.as_str())),
    field!("region": "text" vocab "region", "the county or district the plan is for", "沂源县", Ent::Doc(d) => Value::from_opt(&d.region)),
    field!("doc_number": "text", "文号", "源政办字〔2023〕21号", Ent::Doc(d) => Value::from_opt(&d.doc_number)),
    field!("issuer": "text", "the office that issued the notice", "沂源县人民政府办公室", Ent::Doc(d) => Value::from_opt(&d.issuer)),
    field!("date": "date", "the date the notice was signed", "2023-07-17", Ent::Doc(d) => date(&d.date)),
    field!("title": "text", "title of the plan itself", "2023年重点工作任务", Ent::Doc(d) => Value::from_opt(&d.title)),
    field!("lines": "number", "lines in the source", "181", Ent::Doc(d) => count(d.lines.total)),
    field!("warnings": "number", "how many things the ingest noticed", "0", Ent::Doc(d) => count(d.warnings.len())),
    field!("sections": "section[]", "the document's headings", "count(sections)", Ent::Doc(d) => entity::children(d, Kind::Section)),
    field!("tasks": "task[]", "the document's tasks", "count(tasks)", Ent::Doc(d) => entity::children(d, Kind::Task)),
    field!("targets": "target[]", "every target of every task", "count(targets)", Ent::Doc(d) => entity::children(d, Kind::Target)),
    field!("units": "unit[]", "every task × unit × role", "count(units)", Ent::Doc(d) => entity::children(d, Kind::Unit)),
    field!("indicators": "indicator[]", "rows of the 主要指标表", "count(indicators)", Ent::Doc(d) => entity::children(d, Kind::Indicator)),
    field!("columns": "column[]", "专栏 boxes", "count(columns)", Ent::Doc(d) => entity::children(d, Kind::Column)),
];

const SECTIONS: &[FieldDef] = &[
    field!("id": "text", "3, or 3.1 for 第三章 第一节", "3.1", Ent::Section(_, s) => text(&s.id)),
    field!("level": "number", "1 for 一、/第一章, 2 for （一）/第一节", "1", Ent::Section(_, s) => count(s.level.into())),
    field!("no": "text", "the number as printed", "第三章", Ent::Section(_, s) => text(&s.no)),
    field!("title": "text", "the heading", "加快推进国家创新型城市建设", Ent::Section(_, s) => text(&s.title)),
    field!("line": "number", "source line of the heading", "17", Ent::Section(_, s) => count(s.line)),
    field!("tasks": "task[]", "tasks under the heading", "count(tasks)", Ent::Section(d, s) => entity::section_tasks(d, s)),
    DOC_LINK,
];

const TASKS: &[FieldDef] = &[
    field!("no": "number", "the task number as printed", "12", Ent::Task(_, t) => numbered(&t.no)),
    field!("title": "text", "text before the first 。", "加快高能级创新平台建设", Ent::Task(_, t) => text(&t.title)),
    field!("text": "text", "the full text as printed", "text ~ \"光伏\"", Ent::Task(_, t) => text(&t.text)),
    field!("note": "text", "the responsibility note as printed", "（区经济发展局负责）", Ent::Task(_, t) => Value::from_opt(&t.note)),
    field!("line": "number", "first source line", "23", Ent::Task(_, t) => count(t.line)),
    field!("place": "text", "where the task starts: line 23, or sheet/page and row in an office file or PDF", "place ~ \"sheet\"", Ent::Task(d, t) => Value::owned(d.place(t.line))),
    field!("lead": "text[]" vocab "unit", "牵头/负责 units", "区经济发展局", Ent::Task(_, t) => texts(&t.lead)),
    field!("support": "text[]" vocab "unit", "配合/参与 units", "区财政局", Ent::Task(_, t) => texts(&t.support)),
    field!("dept": "text[]" vocab "unit", "lead and support together", "区经济发展局", Ent::Task(_, t) => Value::List(t.lead.iter().chain(&t.support).map(|s| text(s)).collect())),
    field!("offices": "text[]" vocab "office", "the offices of lead and support units, once each", "offices = \"发展和改革\"", Ent::Task(d, t) => task_offices(d, t)),
    field!("office": "text[]" vocab "office", "the same as offices, for office = … as units write it", "office = \"发展和改革\"", Ent::Task(d, t) => task_offices(d, t)),
    field!("leader": "text[]", "officials accountable (牵头县领导, 责任领导), as written", "李振华", Ent::Task(_, t) => texts(&t.leader)),
    field!("due": "text", "完成时限 as written", "2023年底前", Ent::Task(_, t) => Value::from_opt(&t.due)),
    field!("due_date": "date", "the day the deadline means (6月底前 → 06-30 of the plan year)", "due_date < 2024-10-01", Ent::Task(_, t) => date(&t.due_date)),
    field!("status": "text" vocab "status", "done, ahead, on_pace, ongoing, not_started, behind or unknown: the latest report's status word, normalised", "status = \"behind\"", |w| Ent::Task(d, t) => pace::status(w, d, t).map_or(Value::Null, |s| text(s.as_str()))),
    field!("status_text": "text", "the latest report's status word as written", "已完成", |w| Ent::Task(d, t) => pace::latest(w, d, t).map_or(Value::Null, |(_, r)| Value::from_opt(&r.status_text))),
    field!("progress": "text", "the latest report's progress text (进展情况)", "progress ~ \"开工\"", |w| Ent::Task(d, t) => pace::latest(w, d, t).map_or(Value::Null, |(_, r)| Value::from_opt(&r.progress))),
    field!("actuals": "target[]", "the figures the latest report gives (never targets)", "any(actuals, unit = \"亿元\")", |w| Ent::Task(d, t) => pace::latest(w, d, t).map_or(Vec::new(), |(rd, r)| r.actuals.iter().map(|g| Ent::Target(rd, r, g)).collect())),
    field!("schedule": "text", "what is planned by when, from a table's period columns (一季度, 6月, 进度安排), as written", "schedule ~ \"二季度\"", Ent::Task(_, t) => Value::from_opt(&t.schedule)),
    field!("plan": "task", "a report row's plan task", "plan.no", |w| Ent::Task(_, t) => t.plan.as_ref().and_then(|l| w.task(l))),
    field!("reports": "task[]", "a plan task's report rows, oldest first", "count(reports)", |w| Ent::Task(_, t) => w.tasks(&t.reports)),
    field!("latest": "task", "the report row that speaks for the task (itself, in a report)", "latest.doc.date", |w| Ent::Task(d, t) => pace::latest(w, d, t).map(|(rd, r)| Ent::Task(rd, r))),
    field!("slipped": "bool", "the latest report's status is worse than the one before", "slipped", |w| Ent::Task(d, t) => Value::Bool(pace::slipped(w, d, t))),
    field!("overdue": "bool", "due before the as-of day and not reported done", "overdue", |w| Ent::Task(d, t) => Value::Bool(pace::overdue(w, d, t))),
    field!("days_left": "number", "days from the as-of day to due_date (negative: past it)", "days_left <= 30", |w| Ent::Task(d, t) => pace::days_left(w, d, t).map_or(Value::Null, |n| Value::Num(Decimal::from(n)))),
    field!("expected": "number", "the share of the task's time gone at the as-of day (1 January of the plan year to due_date)", "expected > 0.5", |w| Ent::Task(d, t) => pace::expected(w, d, t).map_or(Value::Null, Value::Num)),
    field!("achieved": "number", "how much is done: the lowest share of a target its actual reaches, else a share the report states", "achieved < 0.5", |w| Ent::Task(d, t) => pace::achieved(w, d, t).map_or(Value::Null, Value::Num)),
    field!("pace": "text" vocab "pace", "done, overdue, ahead, on_pace, behind, unknown or no_report", "pace = \"behind\"", |w| Ent::Task(d, t) => text(pace::pace(w, d, t))),
    field!("alert": "text" vocab "alert", "red (overdue), yellow (behind), blue (due within 30 days), or null", "alert = \"red\"", |w| Ent::Task(d, t) => pace::alert(w, d, t).map_or(Value::Null, text)),
    field!("targets": "target[]", "the task's quantified targets", "any(targets, unit = \"家\")", Ent::Task(d, t) => entity::task_targets(d, t)),
    field!("target": "target[]", "the same as targets, for target.unit and the like", "target.unit = \"家\"", Ent::Task(d, t) => entity::task_targets(d, t)),
    field!("units": "unit[]", "the task's unit rows", "count(units)", Ent::Task(d, t) => entity::task_units(d, t)),
    field!("section": "section", "the heading the task is under", "section.title", e => e.section()),
    DOC_LINK,
];

const TARGETS: &[FieldDef] = &[
    field!("value": "number", "the number as written", "1.5", Ent::Target(_, _, g) => Value::Num(g.value)),
    field!("value_hi": "number", "upper bound of a range", "20", Ent::Target(_, _, g) => g.value_hi.map_or(Value::Null, Value::Num)),
    field!("unit": "text" vocab "target unit", "the unit as written, with its scale", "万千瓦", Ent::Target(_, _, g) => text(&g.unit)),
    field!("cmp": "text" vocab "comparator", "=, >= (以上), <= (以内), ~ (左右) or range", ">=", Ent::Target(_, _, g) => text(g.cmp.as_str())),
    field!("metric": "text", "what is measured", "光伏装机容量", Ent::Target(_, _, g) => Value::from_opt(&g.metric)),
    field!("amount": "quantity", "the value in its base unit, comparable across scales", "amount >= 1亿元", Ent::Target(_, _, g) => Value::Qty(g.quantity())),
    field!("base_value": "number", "amount as a plain number (the name `planq export` uses)", "12380000", Ent::Target(_, _, g) => Value::Num(g.base_value)),
    field!("base_unit": "text" vocab "base unit", "the unit amount is counted in", "元", Ent::Target(_, _, g) => text(&g.base_unit)),
    field!("dimension": "text" vocab "dimension", "what amount measures: money, power, energy, area, length, volume, mass, share, time, ratio or count", "money", Ent::Target(_, _, g) => text(crate::model::dimension(&g.base_unit))),
    field!("quote": "text", "the clause the quantity was read from", "力争新培育市级以上创新平台1家", Ent::Target(_, _, g) => text(&g.quote)),
    field!("actual": "quantity", "the figure of the task's latest report that measures this target", "actual is not null", |w| Ent::Target(d, t, g) => pace::actual_of(w, d, t, g).map_or(Value::Null, |a| Value::Qty(a.quantity()))),
    field!("achieved": "number", "actual ÷ target, exactly", "achieved < 0.5", |w| Ent::Target(d, t, g) => pace::actual_of(w, d, t, g).and_then(|a| crate::model::achieved(g, a)).map_or(Value::Null, Value::Num)),
    field!("line": "number", "source line of the quantity", "23", Ent::Target(_, _, g) => count(g.line)),
    field!("task": "task", "the task the target belongs to", "task.title", e => e.task()),
    field!("section": "section", "the heading the task is under", "section.title", e => e.section()),
    DOC_LINK,
];

const UNITS: &[FieldDef] = &[
    field!("name": "text" vocab "unit", "the unit as written in the note", "区经济发展局", Ent::Unit(_, _, n, _) => text(n)),
    field!("role": "text" vocab "role", "lead or support", "lead", Ent::Unit(_, _, _, r) => text(r)),
    field!("level": "text" vocab "level", "省 市 县 区 乡镇 街道 开发区 园区: from the name's place prefix, else the region", "县", Ent::Unit(d, _, n, _) => office_text(d, n, |u| &u.level)),
    field!("office": "text" vocab "office", "the kind of office, one name for every spelling and level (data/offices.csv, --aliases); null for a collective name", "发展和改革", Ent::Unit(d, _, n, _) => office_text(d, n, |u| &u.office)),
    field!("office_kind": "text" vocab "office kind", "局 委 办 中心 公司 人民政府 …, how the name ends (委员会 → 委); not doc.kind", "局", Ent::Unit(d, _, n, _) => office_text(d, n, |u| &u.kind)),
    field!("generic": "bool", "a collective name (各乡镇人民政府, 有关单位) with no single office", "not generic", Ent::Unit(d, _, n, _) => Value::Bool(d.offices.get(n).is_some_and(|u| u.generic))),
    field!("task": "task", "the task", "task.title", e => e.task()),
    field!("section": "section", "the heading the task is under", "section.title", e => e.section()),
    DOC_LINK,
];

const INDICATORS: &[FieldDef] = &[
    field!("no": "number", "row number", "1", Ent::Indicator(_, i) => numbered(&i.no)),
    field!("category": "text", "the group the row is in", "经济发展", Ent::Indicator(_, i) => Value::from_opt(&i.category)),
    field!("name": "text", "what is measured", "地区生产总值年均增长", Ent::Indicator(_, i) => text(&i.name)),
    field!("unit": "text", "unit as printed", "%", Ent::Indicator(_, i) => Value::from_opt(&i.unit)),
    field!("base": "number", "base-year value as printed", "0.9", Ent::Indicator(_, i) => opt_numbered(&i.base)),
    field!("base_year": "text", "the base year", "2020", Ent::Indicator(_, i) => Value::from_opt(&i.base_year)),
    field!("target": "number", "target value as printed", "6", Ent::Indicator(_, i) => opt_numbered(&i.target)),
    field!("target_year": "text", "the target year", "2025", Ent::Indicator(_, i) => Value::from_opt(&i.target_year)),
    field!("cmp": "text" vocab "comparator", "=, >=, <=, ~ or range", ">=", Ent::Indicator(_, i) => text(i.cmp.as_str())),
    field!("attribute": "text" vocab "attribute", "预期性 (expected) or 约束性 (binding)", "约束性", Ent::Indicator(_, i) => Value::from_opt(&i.attribute)),
    field!("line": "number", "source line", "40", Ent::Indicator(_, i) => count(i.line)),
    DOC_LINK,
];

const COLUMNS: &[FieldDef] = &[
    field!("no": "text", "专栏 number", "1", Ent::Column(_, c) => text(&c.no)),
    field!("title": "text", "专栏 title", "重大基础设施项目", Ent::Column(_, c) => text(&c.title)),
    field!("items": "text[]", "the listed projects", "items ~ \"高速\"", Ent::Column(_, c) => texts(&c.items)),
    field!("line": "number", "source line", "120", Ent::Column(_, c) => count(c.line)),
    DOC_LINK,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_source_has_fields_and_every_link_names_a_kind() {
        for source in sources() {
            let list = fields(source).unwrap_or_default();
            assert!(!list.is_empty(), "{source}");
            for f in list {
                let base = f.ty.trim_end_matches("[]");
                let known = ["text", "number", "date", "quantity", "bool"].contains(&base)
                    || Kind::from_singular(base).is_some();
                assert!(known, "{source}.{} has type {}", f.name, f.ty);
            }
        }
    }

    #[test]
    fn functions_list_every_aggregate_quantifier_and_scalar() {
        let mut known: Vec<&str> = super::super::functions::SCALARS
            .iter()
            .map(|f| f.name)
            .collect();
        known.extend(["any", "all"]);
        for name in FUNCTIONS {
            let aggregate = super::super::plan::Agg::from_name(name).is_some();
            assert!(aggregate || known.contains(name), "{name} is no function");
        }
        for name in known {
            assert!(
                FUNCTIONS.contains(&name),
                "{name} is missing from FUNCTIONS"
            );
        }
    }

    #[test]
    fn unknown_source_has_no_fields() {
        assert!(fields("taks").is_none());
    }
}
