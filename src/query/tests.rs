//! The whole engine on a small corpus built by hand: every construct with its exact rows,
//! every error kind with its message.

use super::{run, ErrorKind};
use crate::model::{Comparator, Corpus, Document, DocumentKind, Indicator, Quantity, Target, Task};
use rust_decimal::Decimal;

fn target(value: &str, unit: &str, cmp: Comparator) -> Target {
    let value: Decimal = value.parse().unwrap_or_default();
    let q = Quantity::from_written(value, unit).unwrap_or_else(|| panic!("{unit}"));
    Target {
        value,
        value_hi: None,
        unit: unit.to_string(),
        cmp,
        metric: None,
        base_value: q.value,
        base_unit: q.unit,
        quote: format!("{value}{unit}"),
        line: 1,
    }
}

fn task(no: &str, title: &str, lead: &[&str], support: &[&str], targets: Vec<Target>) -> Task {
    Task {
        no: no.to_string(),
        section: None,
        title: title.to_string(),
        text: format!("{title}。"),
        note: None,
        line: 1,
        place: None,
        lead: lead.iter().map(|s| s.to_string()).collect(),
        support: support.iter().map(|s| s.to_string()).collect(),
        targets,
        ..Task::default()
    }
}

fn doc(region: &str, date: &str, tasks: Vec<Task>) -> Document {
    let mut d = Document::new(format!("{region}.txt"), DocumentKind::AnnualTasks);
    d.region = Some(region.to_string());
    d.date = Some(date.to_string());
    d.tasks = tasks;
    d
}

fn corpus() -> Corpus {
    use Comparator::*;
    let a = doc(
        "沂源县",
        "2023-07-05",
        vec![
            task(
                "1",
                "加快发展光伏产业",
                &["县发展改革局"],
                &["县财政局"],
                vec![target("1.5", "万千瓦", Ge), target("10", "家", Eq)],
            ),
            task(
                "2",
                "招商引资",
                &["县商务局"],
                &[],
                vec![target("5", "亿元", Ge)],
            ),
            task("12", "加强组织领导", &[], &[], vec![]),
        ],
    );
    let mut b = doc(
        "台儿庄区",
        "2023-08-25",
        vec![
            task(
                "1",
                "加强组织领导",
                &["区发展改革局（区能源局）"],
                &[],
                vec![target("70", "%", Ge)],
            ),
            task(
                "2",
                "发展储能",
                &["区发展改革局"],
                &["区财政局"],
                vec![target("50000", "万元", Eq), target("3", "家", Eq)],
            ),
        ],
    );
    b.indicators.push(Indicator {
        no: "1".into(),
        category: None,
        name: "森林覆盖率".into(),
        unit: Some("%".into()),
        base: Some("0.9".into()),
        base_year: None,
        target: Some("1.20".into()),
        target_year: None,
        cmp: Comparator::Ge,
        attribute: Some("约束性".into()),
        line: 1,
    });
    let mut corpus = Corpus {
        documents: vec![a, b],
        ..Corpus::default()
    };
    crate::ingest::settle(&mut corpus);
    corpus
}

/// Rows as display strings, joined by ` | `.
fn rows(src: &str) -> Vec<String> {
    let out = run(&corpus(), src).unwrap_or_else(|e| panic!("{src}\n{}", e.render(src, false)));
    out.rows
        .rows
        .iter()
        .map(|r| {
            r.iter()
                .map(|v| v.to_string())
                .collect::<Vec<_>>()
                .join(" | ")
        })
        .collect()
}

fn columns(src: &str) -> Vec<String> {
    run(&corpus(), src)
        .map(|o| o.rows.columns)
        .unwrap_or_default()
}

fn error(src: &str) -> (ErrorKind, String) {
    match run(&corpus(), src) {
        Ok(o) => panic!("{src} should fail, gave {:?}", o.rows),
        Err(e) => (
            e.kind,
            format!(
                "{}{}",
                e.message,
                e.help.map(|h| format!(" / {h}")).unwrap_or_default()
            ),
        ),
    }
}

#[test]
fn default_columns_per_source() {
    assert_eq!(columns("tasks"), ["doc.region", "no", "title", "lead"]);
    assert_eq!(
        rows("docs"),
        [
            "沂源县 | annual_tasks |  | 2023-07-05 | 3 | 3",
            "台儿庄区 | annual_tasks |  | 2023-08-25 | 2 | 3"
        ]
    );
}

#[test]
fn where_with_multi_valued_fields_and_parent_paths() {
    assert_eq!(rows("tasks where dept = \"县财政局\" select no"), ["1"]);
    assert_eq!(
        rows("tasks where target.unit = \"家\" select doc.region, no"),
        ["沂源县 | 1", "台儿庄区 | 2"]
    );
    assert_eq!(rows("targets where task.doc.region = \"台儿庄区\" and task.title ~ \"储能\" select value, unit"), ["50000 | 万元", "3 | 家"]);
    assert_eq!(rows("targets where doc.region = \"沂源县\" | count"), ["3"]);
}

#[test]
fn text_comparison_ignores_width_and_spaces() {
    assert_eq!(
        rows("tasks where lead = \" 区发展改革局(区能源局)\" select no"),
        ["1"]
    );
    assert_eq!(rows("tasks where lead ~ \"（区能源局\" select no"), ["1"]);
}

#[test]
fn quantities_compare_by_base_value() {
    let q = "targets where amount = 5个亿 select doc.region, value, unit";
    assert_eq!(rows(q), ["沂源县 | 5 | 亿元", "台儿庄区 | 50000 | 万元"]);
    assert_eq!(
        rows("targets where amount >= 1万千瓦 select value, unit"),
        ["1.5 | 万千瓦"]
    );
    assert_eq!(
        rows("targets where amount > 1亿元 and amount < 6亿元 | count"),
        ["2"]
    );
}

#[test]
fn operators() {
    assert_eq!(
        rows("tasks where lead is empty select doc.region, no"),
        ["沂源县 | 12"]
    );
    assert_eq!(rows("tasks where lead is not empty | count"), ["4"]);
    assert_eq!(
        rows("tasks where title matches /光伏|储能/ select title"),
        ["加快发展光伏产业", "发展储能"]
    );
    assert_eq!(
        rows("tasks where no in (2, 12) select doc.region, no"),
        ["沂源县 | 2", "沂源县 | 12", "台儿庄区 | 2"]
    );
    assert_eq!(
        rows("tasks where not (no = 1) and doc.region != \"沂源县\" select no"),
        ["2"]
    );
    assert_eq!(
        rows("tasks where no >= 2 and no < 12 select doc.region, no"),
        ["沂源县 | 2", "台儿庄区 | 2"]
    );
    assert_eq!(rows("tasks where section is null | count"), ["5"]);
    assert_eq!(
        rows("docs where date >= 2023-08-01 select region"),
        ["台儿庄区"]
    );
}

#[test]
fn any_and_all_bind_one_element() {
    assert_eq!(
        rows("tasks where any(targets, unit = \"家\" and value >= 10) select doc.region, no"),
        ["沂源县 | 1"]
    );
    assert_eq!(
        rows(
            "tasks where all(targets, cmp = \"=\") and targets is not empty select doc.region, no"
        ),
        ["台儿庄区 | 2"]
    );
    assert_eq!(
        rows("tasks where any(dept, it ~ \"财政\") select doc.region, no"),
        ["沂源县 | 1", "台儿庄区 | 2"]
    );
}

#[test]
fn grouping_and_aggregates() {
    let q = "tasks group by title having count() > 1 select title, count() as docs, list(doc.region) as regions";
    assert_eq!(rows(q), ["加强组织领导 | 2 | 沂源县、台儿庄区"]);
    assert_eq!(rows("targets where unit = \"家\" group by doc.region select doc.region, count() as n, sum(value) as s"), ["沂源县 | 1 | 10", "台儿庄区 | 1 | 3"]);
    assert_eq!(rows("targets where base_unit = \"元\" select sum(amount), avg(amount), min(value), max(value)"), ["1000000000元 | 500000000元 | 5 | 50000"]);
    assert_eq!(rows("units where role = \"lead\" group by name select name, count() as tasks order by tasks desc, name limit 2"), ["区发展改革局 | 1", "区发展改革局（区能源局） | 1"]);
    assert_eq!(
        rows("docs select region, count(tasks) as tasks, count(targets) as targets"),
        ["沂源县 | 3 | 3", "台儿庄区 | 2 | 3"]
    );
    assert_eq!(
        rows("tasks where count(targets) >= 2 select doc.region, no, list(targets.unit)"),
        ["沂源县 | 1 | 万千瓦、家", "台儿庄区 | 2 | 万元、家"]
    );
    assert_eq!(
        rows("tasks select distinct(doc.region)"),
        ["沂源县、台儿庄区"]
    );
    assert_eq!(
        rows("tasks group by doc.region"),
        ["沂源县 | 3", "台儿庄区 | 2"]
    );
    assert_eq!(rows("tasks where no = 99 select count()"), ["0"]);
}

#[test]
fn groups_that_are_only_counted_count_the_same() {
    // count() alone keeps the number of rows, not the rows; an aggregate over them, a
    // having over them or a later count(x) keeps the rows. Each way gives the same counts.
    let counted = rows("tasks group by doc.region select doc.region, count() as n");
    assert_eq!(counted, ["沂源县 | 3", "台儿庄区 | 2"]);
    assert_eq!(
        rows("tasks group by doc.region select doc.region, count() as n, count(no) as m"),
        ["沂源县 | 3 | 3", "台儿庄区 | 2 | 2"]
    );
    assert_eq!(
        rows("tasks group by doc.region having count(no) > 2 select doc.region, count()"),
        ["沂源县 | 3"]
    );
    assert_eq!(
        rows("tasks where no > 1 group by doc.region select doc.region, count()"),
        ["沂源县 | 2", "台儿庄区 | 1"]
    );
    assert_eq!(rows("tasks select count()"), ["5"]);
    assert_eq!(
        rows("tasks select count(), list(no)"),
        ["5 | 1、2、12、1、2"]
    );
}

#[test]
fn order_limit_offset_distinct() {
    assert_eq!(
        rows("tasks order by no desc, doc.region limit 2 select doc.region, no"),
        ["沂源县 | 12", "台儿庄区 | 2"]
    );
    assert_eq!(
        rows("tasks order by no limit 2 offset 1 select doc.region, no"),
        ["台儿庄区 | 1", "沂源县 | 2"]
    );
    assert_eq!(
        rows("tasks select distinct title order by title"),
        ["加强组织领导", "加快发展光伏产业", "发展储能", "招商引资"]
    );
    assert_eq!(rows("units select role | distinct"), ["lead", "support"]);
    assert_eq!(
        rows("targets where base_unit = \"家\" select value order by amount desc limit 1"),
        ["10"]
    );
}

#[test]
fn decimals_print_as_written() {
    assert_eq!(
        rows("indicators select name, base, target, unit, attribute"),
        ["森林覆盖率 | 0.9 | 1.20 | % | 约束性"]
    );
    assert_eq!(
        rows("indicators where base < 1 and target >= 1.2 | count"),
        ["1"]
    );
}

#[test]
fn pipes_chain_clauses() {
    assert_eq!(rows("tasks | where doc.region = \"沂源县\" | select no, title | where no > 1 | order by no desc | count"), ["2"]);
    assert_eq!(rows("tasks | select no as n | where n = 12"), ["12"]);
}

#[test]
fn warnings_name_the_closest_known_value() {
    let out = run(&corpus(), "tasks where dept = \"县财政\"").unwrap_or_default();
    assert!(out.rows.rows.is_empty());
    assert_eq!(
        out.warnings,
        ["no unit named 县财政 — did you mean 县财政局?"]
    );
    let out = run(
        &corpus(),
        "tasks where doc.region in (\"沂源\", \"台儿庄区\")",
    )
    .unwrap_or_default();
    assert_eq!(
        out.warnings,
        ["no region named 沂源 — did you mean 沂源县?"]
    );
    let out = run(&corpus(), "tasks where lead ~ \"发改委\"").unwrap_or_default();
    assert_eq!(out.warnings, ["no unit contains \"发改委\""]);
    assert!(run(&corpus(), "tasks where lead ~ \"发展改革\"")
        .unwrap_or_default()
        .warnings
        .is_empty());
}

#[test]
fn every_error_kind_explains_itself() {
    assert_eq!(
        error("taks"),
        (
            ErrorKind::UnknownSource,
            "no source named `taks` / did you mean `tasks`?".into()
        )
    );
    assert_eq!(
        error("task"),
        (
            ErrorKind::UnknownSource,
            "no source named `task` / did you mean `tasks`?".into()
        )
    );
    assert_eq!(
        error("tasks where titel = \"x\""),
        (
            ErrorKind::UnknownField,
            "tasks have no field `titel` / did you mean `title`?".into()
        )
    );
    assert_eq!(
        error("tasks where amount > 1亿元"),
        (
            ErrorKind::UnknownField,
            "tasks have no field `amount` / did you mean `target.amount`?".into()
        )
    );
    assert_eq!(
        error("tasks where doc.regin = \"x\""),
        (
            ErrorKind::UnknownField,
            "docs have no field `regin` / did you mean `region`?".into()
        )
    );
    assert_eq!(error("tasks select foo(no)").0, ErrorKind::UnknownFunction);
    assert_eq!(
        error("tasks select cont()").1,
        "no function named `cont` / did you mean `count`?"
    );
    assert_eq!(error("targets where value ~ 3").1, "`~` looks for text inside text, but `value` is a plain number / compare numbers and quantities with =, <, <=, >, >=");
    assert_eq!(error("targets where 1亿元 > 1万千瓦").0, ErrorKind::Unit);
    assert_eq!(error("targets where amount >= 5").1, "`5` is a plain number but `amount` is a quantity / give the number a unit, e.g. 5元 or 5万千瓦");
    assert_eq!(error("targets select sum(amount)").1, "cannot add 千瓦 (power) and 家 (count): the values are in different units / keep to one kind first (where amount is money, or where base_unit = \"元\"), or group by base_unit");
    assert_eq!(error("tasks where text matches /(/").0, ErrorKind::Regex);
    assert_eq!(error("tasks where count() > 1").0, ErrorKind::Aggregate);
    assert_eq!(error("tasks select title, count()").1, "`title` is neither a group by key nor inside an aggregate / group by title, or collect it: list(title), count(title), min(title)");
    assert_eq!(error("tasks where title").1, "`title` is text, not a condition / compare it with something: title ~ \"光伏\", lead is empty, count() > 1");
    assert_eq!(error("tasks where any(title, it = 1)").0, ErrorKind::Type);
    assert_eq!(
        error("tasks | count | where n > 1").1,
        "no column named `n` / the columns are: count"
    );
    assert_eq!(
        error("tasks where dept = \"x\" andd y").0,
        ErrorKind::Syntax
    );
}

/// Warnings of a query that runs.
fn warnings(src: &str) -> Vec<String> {
    run(&corpus(), src)
        .unwrap_or_else(|e| panic!("{src}\n{}", e.render(src, false)))
        .warnings
}

#[test]
fn aggregates_nest_with_their_plain_meaning_or_not_at_all() {
    // Once wrong: the inner aggregate regrouped the rows and counted every unit row.
    assert_eq!(
        rows("units group by task.no select task.no, count(distinct(doc.region)), count(list(doc.region))"),
        ["1 | 2 | 3", "2 | 2 | 3"]
    );
    assert_eq!(
        rows("units group by task.no having count(distinct doc.region) > 1 select task.no"),
        ["1", "2"]
    );
    assert_eq!(rows("units select count(distinct name)"), ["6"]);
    assert_eq!(
        error("units group by name select count(sum(task.no))"),
        (
            ErrorKind::Aggregate,
            "aggregates do not nest here: `sum(task.no)` gives one value per group, and there is nothing left to aggregate / an aggregate may read the list another collects — count(distinct(doc.region)), count(list(name)) — or use count(distinct x)".into()
        )
    );
    assert_eq!(
        error("units group by name select count(task.no = max(task.no))").0,
        ErrorKind::Aggregate
    );
}

#[test]
fn comparisons_that_cannot_hold_are_errors_with_a_way_out() {
    assert_eq!(
        error("tasks where no > \"abc\""),
        (
            ErrorKind::Type,
            "`no` is a number, but \"abc\" is not one / compare it with a number: no > 3".into()
        )
    );
    // A number written as text still compares as a number.
    assert_eq!(rows("tasks where no > \"2\" select no"), ["12"]);
    assert_eq!(
        error("tasks where due < 2023-10-01").1,
        "cannot compare `due` (text) with `2023-10-01` (a date) / `due` is text as written (2023年底前); `due_date` is the day it means: due_date < 2023-10-01"
    );
    assert_eq!(
        error("docs where date > \"2023年\"").1,
        "`date` is a date, but \"2023年\" is not a day / write a day as 2024-06-30, without quotes"
    );
    assert_eq!(
        rows("docs where date > \"2023-08-01\" select region"),
        ["台儿庄区"]
    );
    assert_eq!(
        error("docs where date = 2023").1,
        "`date` is a date, not a number / compare it with a date (date < 2024-07-01), or its year: year(date) = 2024"
    );
    assert_eq!(
        error("tasks where note = null").1,
        "`= null` is never true: null is no value to compare with / ask whether there is a value: note is null"
    );
}

#[test]
fn a_quantity_no_row_in_scope_can_match_is_a_warning() {
    let src = "targets where unit = \"万千瓦\" and amount > 1亿元";
    assert_eq!(rows(src), Vec::<String>::new());
    assert_eq!(
        warnings(src),
        ["`amount > 1亿元` is never true: it compares with money (元), but the quantities here are power (千瓦) — compare with a quantity in 千瓦, or keep to rows that can be money (where amount is money)"]
    );
    // Rows of the literal's kind in scope: no warning, whether or not any matches.
    assert!(warnings("targets where amount > 100亿元").is_empty());
}

#[test]
fn ordering_mixed_units_warns_and_dimensions_filter() {
    assert_eq!(
        warnings("targets order by amount desc"),
        ["order by amount mixes money (元), power (千瓦), share (%), count (家): quantities of different units do not compare, so they sort by unit, then by number — keep to one kind first (where amount is money) or one unit (where base_unit = \"元\")"]
    );
    assert!(warnings("targets where amount is money order by amount desc").is_empty());
    assert_eq!(
        rows("targets where amount is money order by amount desc select doc.region, amount"),
        ["沂源县 | 500000000元", "台儿庄区 | 500000000元"]
    );
    assert_eq!(
        rows("targets where amount is not count and amount is not money select unit"),
        ["万千瓦", "%"]
    );
    assert_eq!(
        error("targets where unit is money").1,
        "`is money` asks what a quantity measures, but `unit` is text / ask it of a quantity: amount is money"
    );
}

#[test]
fn limit_per_group_keeps_ties_and_says_so() {
    let src = "targets order by value desc limit 1 per doc.region select doc.region, value, unit";
    assert_eq!(rows(src), ["台儿庄区 | 50000 | 万元", "沂源县 | 10 | 家"]);
    assert!(warnings(src).is_empty());
    // Each region's two lead units tie on the sort key: both stay, and the run says so.
    let src = "units order by role limit 1 per doc.region select doc.region, name";
    assert_eq!(
        rows(src),
        [
            "沂源县 | 县发展改革局",
            "沂源县 | 县商务局",
            "台儿庄区 | 区发展改革局（区能源局）",
            "台儿庄区 | 区发展改革局"
        ]
    );
    assert_eq!(
        warnings(src),
        ["limit 1 per doc.region kept rows tied at the cut: 沂源县 2 rows, 台儿庄区 2 rows"]
    );
}

#[test]
fn scalar_functions_and_between() {
    assert_eq!(
        rows("docs select region, year(date), month(date), len(region), left(region, 2), replace(region, \"区\", \"\")"),
        ["沂源县 | 2023 | 7 | 3 | 沂源 | 沂源县", "台儿庄区 | 2023 | 8 | 4 | 台儿 | 台儿庄"]
    );
    assert_eq!(
        rows("docs where date between 2023-08-01 and 2023-08-31 select region"),
        ["台儿庄区"]
    );
    assert_eq!(
        rows("units where role = \"lead\" select distinct regex_replace(name, \"^(区|县)\", \"\")"),
        ["发展改革局", "商务局", "发展改革局（区能源局）"]
    );
    assert_eq!(
        rows("tasks where doc.region = \"沂源县\" select coalesce(note, title)"),
        ["加快发展光伏产业", "招商引资", "加强组织领导"]
    );
    assert_eq!(
        error("tasks select year(due)").1,
        "year() takes a date here, but `due` is text / `due` is text as written; `due_date` is the day it means: year(due_date)"
    );
    assert_eq!(
        error("tasks select regex_replace(title, title, \"\")").1,
        "the pattern of regex_replace is written as a \"string\" / for example: regex_replace(name, \"^(区|县)\", \"\")"
    );
}

#[test]
fn let_names_a_query_for_the_statements_after_it() {
    let corpus = corpus();
    let mut lets = super::Env::default();
    let defined = super::run_with(
        &corpus,
        &mut lets,
        "let money = targets where amount is money",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(defined.defined.as_deref(), Some("money: 2 rows"));
    assert!(defined.rows.rows.is_empty());
    let out = super::run_with(
        &corpus,
        &mut lets,
        "money group by doc.region select doc.region, sum(amount)",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let got: Vec<String> = out
        .rows
        .rows
        .iter()
        .map(|r| format!("{} | {}", r[0], r[1]))
        .collect();
    assert_eq!(got, ["沂源县 | 500000000元", "台儿庄区 | 500000000元"]);
    // A let may build on another; a misspelt name is suggested from the lets too.
    assert!(super::run_with(&corpus, &mut lets, "let big = money where amount > 1亿元").is_ok());
    let e = super::run_with(&corpus, &mut lets, "bgi | count")
        .err()
        .and_then(|e| e.help);
    assert_eq!(e.as_deref(), Some("did you mean `big`?"));
    let e = super::run_with(&corpus, &mut lets, "let tasks = targets")
        .err()
        .map(|e| e.message);
    assert_eq!(
        e.as_deref(),
        Some("`tasks` is a source; give the query a name of its own")
    );
}

#[test]
fn empty_corpus_gives_empty_rows_not_errors() {
    let out = run(
        &Corpus::default(),
        "tasks where dept = \"区经济发展局\" select count()",
    )
    .unwrap_or_default();
    assert_eq!(out.rows.rows, vec![vec![super::Value::from_count(0)]]);
    assert!(out.warnings.is_empty());
}
