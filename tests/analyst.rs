//! The analyst's language through the binary, as a user runs it: aggregates that nest,
//! comparisons that cannot hold, SQL habits, top-N per group, dimensions, dates, text
//! functions and named queries — each with its exact output (csv, so the table layout of
//! another test file does not matter here) and its exact message.

use std::process::{Command, Output};

fn planq(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_planq"))
        .args(args)
        .env("COLUMNS", "120")
        .env("NO_COLOR", "1")
        .output()
        .unwrap_or_else(|e| panic!("cannot start planq: {e}"))
}

/// Runs one query on the seeds as csv: (exit code, stdout, stderr).
fn csv(query: &str) -> (i32, String, String) {
    let o = planq(&["--format", "csv", "-e", query]);
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

/// The rows of a query that must succeed without a message.
fn rows(query: &str) -> String {
    let (code, out, err) = csv(query);
    assert_eq!((code, err.as_str()), (0, ""), "{query}");
    out
}

/// The message of a query that must fail (exit status 1).
fn error(query: &str) -> String {
    let (code, out, err) = csv(query);
    assert_eq!((code, out.as_str()), (1, ""), "{query}");
    err
}

/// The help line of a query that must fail.
fn help(query: &str) -> String {
    let err = error(query);
    err.lines()
        .find_map(|l| l.trim().strip_prefix("= help: ").map(str::to_string))
        .unwrap_or_else(|| panic!("{err}"))
}

#[test]
fn nested_aggregates_mean_what_they_say() {
    // Once a wrong count: the inner aggregate regrouped every unit row into one group.
    assert_eq!(
        rows("units group by name having count(distinct(doc.region)) > 2 select name, count(distinct(doc.region)) as n"),
        "name,n\n区市场监管局,3\n区财政局,3\n区综合行政执法局,3\n"
    );
    assert_eq!(
        rows("units where name = \"区财政局\" group by name select count(list(doc.region)) as mentions, count(distinct doc.region) as regions"),
        "mentions,regions\n23,3\n"
    );
    assert_eq!(
        error("units group by name select count(sum(task.no))"),
        "error: aggregates do not nest here: `sum(task.no)` gives one value per group, and there is nothing left to aggregate
  |
1 | units group by name select count(sum(task.no))
  |                                  ^^^^^^^^^^^^
  = help: an aggregate may read the list another collects — count(distinct(doc.region)), count(list(name)) — or use count(distinct x)
"
    );
}

#[test]
fn comparisons_that_cannot_hold_are_errors() {
    assert_eq!(
        error("tasks where no > \"abc\""),
        "error: `no` is a number, but \"abc\" is not one
  |
1 | tasks where no > \"abc\"
  |             ^^^^^^^^^^
  = help: compare it with a number: no > 3
"
    );
    assert_eq!(
        error("tasks where due < 2023-10-01"),
        "error: cannot compare `due` (text) with `2023-10-01` (a date)
  |
1 | tasks where due < 2023-10-01
  |             ^^^^^^^^^^^^^^^^
  = help: `due` is text as written (2023年底前); `due_date` is the day it means: due_date < 2023-10-01
"
    );
    assert_eq!(
        error("tasks where note = null"),
        "error: `= null` is never true: null is no value to compare with
  |
1 | tasks where note = null
  |             ^^^^^^^^^^^
  = help: ask whether there is a value: note is null
"
    );
}

#[test]
fn a_quantity_of_a_kind_no_row_has_is_a_warning() {
    let (code, out, err) = csv("targets where unit = \"万千瓦\" and amount > 1亿元");
    assert_eq!(code, 0);
    assert_eq!(out, "doc.region,doc.kind,task.no,value,unit,cmp,metric\n");
    assert_eq!(
        err,
        "warning: `amount > 1亿元` is never true: it compares with money (元), but the quantities here are power (千瓦) — compare with a quantity in 千瓦, or keep to rows that can be money (where amount is money)\n"
    );
}

#[test]
fn ordering_mixed_kinds_warns_and_a_dimension_keeps_to_one() {
    let (code, _, err) = csv("targets order by amount desc limit 3");
    assert_eq!(code, 0);
    assert_eq!(
        err,
        "warning: order by amount mixes money (元), power (千瓦), area (亩, 平方米), length (公里), volume (立方米), mass (吨), share (%, 个百分点), count (个, 人, 件, …): quantities of different units do not compare, so they sort by unit, then by number — keep to one kind first (where amount is money) or one unit (where base_unit = \"元\")\n"
    );
    assert_eq!(
        rows("targets where amount is power select doc.region, task.no, value, unit, amount order by amount desc"),
        "doc.region,task.no,value,unit,amount
沂源县,27,90,万千瓦,900000千瓦
沂源县,27,70,万千瓦,700000千瓦
东昌府区,20,45,万千瓦,450000千瓦
台儿庄区,11,30,万千瓦,300000千瓦
文昌湖区,22,1,万千瓦,10000千瓦
"
    );
    assert_eq!(
        rows("targets where amount is not count and amount is not share group by dimension select dimension, count() as n order by n desc, dimension"),
        "dimension,n\narea,17\nmoney,14\npower,5\nlength,4\nvolume,4\nmass,2\n"
    );
    assert_eq!(
        error("targets where amount is cash"),
        "error: `cash` is not a kind of quantity
  |
1 | targets where amount is cash
  |                         ^^^^
  = help: did you mean `mass`?
"
    );
}

#[test]
fn sql_habits_get_the_planq_spelling() {
    assert_eq!(
        help("tasks where title like \"%光伏%\""),
        "`like` is written `~` (contains, ignoring width): `~ \"光伏\"`; for a pattern, `matches /…/`"
    );
    assert_eq!(
        error("select * from tasks where no = 1"),
        "error: a planq query starts with its source (tasks, targets, units …), not with `select`
  |
1 | select * from tasks where no = 1
  | ^^^^^^
  = help: planq names the source first and the columns after: `tasks where no = 1`
"
    );
    assert_eq!(
        help("select title, no from tasks where no = 1"),
        "planq names the source first and the columns after: `tasks where no = 1 select title, no`"
    );
    assert_eq!(help("tasks sort by no"), "did you mean `order by`?");
    assert_eq!(
        help("tasks where doc.region in \"沂源县\", \"东昌府区\" select no"),
        "the list goes in brackets: in (\"沂源县\", \"东昌府区\")"
    );
    // And count(distinct x), as SQL writes it, works.
    assert_eq!(
        rows("units select count(distinct doc.region) as regions"),
        "regions\n4\n"
    );
}

#[test]
fn top_n_per_group_keeps_ties_visible() {
    assert_eq!(
        rows("units where role = \"lead\" and doc.kind = \"annual_tasks\" group by doc.region, name select doc.region, name, count() as n order by n desc limit 1 per doc.region"),
        "doc.region,name,n
文昌湖区,区经济发展局,26
沂源县,县发展改革局,21
东昌府区,区工业和信息化局,17
台儿庄区,区工业和信息化局,13
"
    );
    // 文昌湖区's second place is a tie of two units at 6: both are kept, and the run says so.
    let (code, out, err) = csv("units where role = \"lead\" group by doc.region, name select doc.region, count() as n order by n desc limit 2 per doc.region");
    assert_eq!(code, 0);
    assert_eq!(
        out,
        "doc.region,n\n文昌湖区,26\n沂源县,21\n东昌府区,17\n东昌府区,14\n台儿庄区,13\n台儿庄区,11\n沂源县,7\n文昌湖区,6\n文昌湖区,6\n"
    );
    assert_eq!(
        err,
        "warning: limit 2 per doc.region kept rows tied at the cut: 文昌湖区 3 rows\n"
    );
}

#[test]
fn dates_compare_with_dates_and_split_into_parts() {
    assert_eq!(
        rows("docs where date between 2023-07-01 and 2023-09-30 select region, date, year(date) as y, month(date) as m order by date"),
        "region,date,y,m\n沂源县,2023-07-05,2023,7\n文昌湖区,2023-07-17,2023,7\n台儿庄区,2023-08-25,2023,8\n"
    );
    assert_eq!(
        rows("docs where date not between 2023-01-01 and 2023-12-31 select region, kind"),
        "region,kind\n文昌湖区,five_year_plan\n"
    );
}

#[test]
fn text_functions_and_coalesce() {
    assert_eq!(
        rows("tasks where doc.region = \"沂源县\" and no <= 2 select no, len(title), left(title, 4), replace(title, \"加快\", \"\"), coalesce(due, \"（未写）\")"),
        "no,len(title),\"left(title, 4)\",\"replace(title, \"\"加快\"\", \"\"\"\")\",\"coalesce(due, \"\"（未写）\"\")\"
1,11,加快高能,高能级创新平台建设,（未写）
2,10,加强关键,加强关键核心技术攻关,（未写）
"
    );
    assert_eq!(
        rows("units where role = \"lead\" and doc.region = \"沂源县\" group by regex_replace(name, \"^县\", \"\") select regex_replace(name, \"^县\", \"\") as office, count() as n order by n desc, office limit 2"),
        "office,n\n发展改革局,21\n工业和信息化局,7\n"
    );
}

#[test]
fn the_default_table_tells_kinds_apart_when_a_region_mixes_them() {
    // 文昌湖区 has an annual notice and a five-year plan among the seeds.
    assert_eq!(
        rows("tasks limit 1"),
        "doc.region,doc.kind,no,title,lead\n文昌湖区,annual_tasks,1,加快高能级创新平台建设,区经济发展局\n"
    );
    // One document alone: no kind column.
    let o = planq(&[
        "--docs",
        "tests/fixtures/ledger.txt",
        "--format",
        "csv",
        "-e",
        "tasks limit 1",
    ]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.starts_with("doc.region,no,title,lead\n"), "{out}");
}

#[test]
fn let_in_a_script_names_a_query_for_the_statements_after_it() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let script = dir.path().join("solar.pq");
    std::fs::write(
        &script,
        "let solar = targets where metric matches /光伏/;\n\
         let capacity = solar where amount is power;\n\
         capacity group by doc.region select doc.region, sum(amount) as total order by total desc;\n\
         solar | count;\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let o = planq(&["--format", "csv", "-f", script.to_str().unwrap_or_default()]);
    assert_eq!(String::from_utf8_lossy(&o.stderr), "");
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        "doc.region,total\n沂源县,700000千瓦\n文昌湖区,10000千瓦\ncount\n3\n"
    );
    // A name used before its let is an unknown source, pointed at where it stands.
    let o = planq(&["-e", "solar | count", "-e", "let solar = targets"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&o.stderr).starts_with("error: no source named `solar`"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn land_and_mass_compare_across_their_units() {
    // 2.5平方公里 and 10公顷 are 3750亩 and 150亩; 320万公斤 is 3200吨.
    assert_eq!(rows("targets where amount > 100亩 | count"), "count\n10\n");
    assert_eq!(
        rows("targets where amount >= 1000吨 select value, unit, amount"),
        "value,unit,amount\n320,万公斤,3200吨\n3.59,万吨,35900吨\n"
    );
    assert_eq!(
        rows("targets where amount is area and base_unit = \"亩\" group by doc.region select doc.region, sum(amount) as area order by area desc"),
        "doc.region,area\n沂源县,146550亩\n台儿庄区,67505亩\n东昌府区,41550亩\n文昌湖区,18亩\n"
    );
}

#[test]
fn the_never_true_warning_does_not_depend_on_the_order_of_conditions() {
    for query in [
        "targets where amount > 1亿元 and unit = \"万千瓦\"",
        "targets where amount > 1亿元 and amount is power",
    ] {
        let (code, _, err) = csv(query);
        assert_eq!(code, 0);
        assert_eq!(
            err,
            "warning: `amount > 1亿元` is never true: it compares with money (元), but the quantities here are power (千瓦) — compare with a quantity in 千瓦, or keep to rows that can be money (where amount is money)\n",
            "{query}"
        );
    }
}

#[test]
fn more_sql_habits_work_or_are_named() {
    assert_eq!(rows("units select count(*)"), "count(*)\n639\n");
    assert_eq!(
        rows("tasks where doc.region not in (\"沂源县\", \"东昌府区\", \"台儿庄区\") | count"),
        "count\n94\n"
    );
    assert_eq!(
        rows("tasks where title not matches /加快/ | count"),
        "count\n278\n"
    );
    assert_eq!(
        rows("tasks where title !~ \"加快\" | count"),
        "count\n278\n"
    );
    assert_eq!(
        rows("tasks where title not ~ \"加快\" | count"),
        "count\n278\n"
    );
    assert_eq!(
        help("tasks where title not like \"%光伏%\""),
        "`not like` is written `!~` (does not contain): `!~ \"光伏\"`"
    );
    assert_eq!(
        help("units | count(distinct doc.region)"),
        "`| count` counts rows and takes nothing; to count something, select it: select count(distinct doc.region)"
    );
    assert_eq!(
        help("units group by name select name, count() as n order by nn"),
        "did you mean `n`?"
    );
    assert_eq!(
        error("docs where date between 2023-09-30 and 2023-07-01"),
        "error: `between 2023-09-30 and 2023-07-01` holds for nothing: the lower end comes first
  |
1 | docs where date between 2023-09-30 and 2023-07-01
  |                         ^^^^^^^^^^^^^^^^^^^^^^^^^
  = help: between 2023-07-01 and 2023-09-30
"
    );
}

#[test]
fn a_chinese_input_method_s_forms_read_as_ascii() {
    // Full-width letters, digits, signs and the ideographic space; 「」 and ‘’ quotes; a
    // statement ending in ；.
    assert_eq!(
        rows("ｔａｓｋｓ　ｗｈｅｒｅ doc.region ＝ 「沂源县」 and no ！= １ and no ＜ ３ select no；"),
        "no\n2\n"
    );
    assert_eq!(rows("targets where amount > １亿元 | count"), "count\n11\n");
    assert_eq!(rows("docs where region = ‘沂源县’ | count"), "count\n1\n");
    // Field names in capitals too.
    assert_eq!(
        rows("TASKS WHERE NO < 2 AND DOC.REGION = \"沂源县\" SELECT NO, TITLE"),
        "NO,TITLE\n1,加快高能级创新平台建设\n"
    );
    // An error points into the text as typed: the caret under the full-width word.
    assert_eq!(
        error("tasks ｗｈｅｒｅ ｘ ＝ 1"),
        "error: tasks have no field `x`
  |
1 | tasks ｗｈｅｒｅ ｘ ＝ 1
  |                  ^^
  = help: tasks have: no, title, text, note, line, place, lead, support, dept, offices, office, leader, due, due_date, status, status_text, progress, actuals, schedule, plan, reports, latest, slipped, overdue, days_left, expected, achieved, pace, alert, targets, target, units, section, doc
"
    );
}
