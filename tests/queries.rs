//! The query language on the seed documents: the issue's queries with their exact rows,
//! printed output pinned in snapshots, error rendering, and a property test that no input
//! panics the parser or the evaluator.

use planq::ingest::seed_corpus;
use planq::model::Corpus;
use planq::output::{render, Format};
use planq::query::{completeness, run, split_script, Rows};
use proptest::prelude::*;
use std::sync::OnceLock;

fn seeds() -> &'static Corpus {
    static CORPUS: OnceLock<Corpus> = OnceLock::new();
    CORPUS.get_or_init(seed_corpus)
}

fn rows_of(src: &str) -> Rows {
    match run(seeds(), src) {
        Ok(out) => out.rows,
        Err(e) => panic!("{}", e.render(src, false)),
    }
}

/// Rows as display strings joined by ` | `.
fn rows(src: &str) -> Vec<String> {
    rows_of(src)
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

fn csv(src: &str) -> String {
    render(&rows_of(src), Format::Csv, None)
}

// ---------------------------------------------------------------- the issue's queries

#[test]
fn dept_and_target_unit() {
    assert_eq!(
        rows(r#"tasks where dept = "区经济发展局" and target.unit = "家""#),
        [
            "文昌湖区 | annual_tasks | 1 | 加快高能级创新平台建设 | 区经济发展局",
            "文昌湖区 | annual_tasks | 3 | 培优做强科技创新主力军 | 区经济发展局",
            "文昌湖区 | annual_tasks | 9 | 梯度培育优质企业 | 区经济发展局",
            "文昌湖区 | annual_tasks | 10 | 推进制造业数字化转型 | 区经济发展局",
        ]
    );
}

#[test]
fn regex_and_in() {
    assert_eq!(
        rows(
            r#"tasks where text matches /光伏|储能/ and doc.region in ("沂源县", "台儿庄区") order by doc.region, no select doc.region, no"#
        ),
        [
            "台儿庄区 | 11",
            "沂源县 | 12",
            "沂源县 | 26",
            "沂源县 | 27",
            "沂源县 | 28",
            "沂源县 | 35"
        ]
    );
}

#[test]
fn percent_floors_per_region() {
    assert_eq!(
        rows(
            r#"targets where unit = "%" and cmp = ">=" group by doc.region select doc.region, count() as n"#
        ),
        [
            "文昌湖区 | 5",
            "东昌府区 | 3",
            "沂源县 | 14",
            "台儿庄区 | 3"
        ]
    );
}

#[test]
fn binding_indicators() {
    assert_eq!(
        rows(r#"indicators where attribute = "约束性" select name, base, target, unit"#),
        [
            "空气质量优良天数比率 | 60 | 70 | %",
            "地表水达到或好于类水体比例 | 85.7 | 88 | %",
            "森林覆盖率 | 32 | 完成上级下达任务 | %",
        ]
    );
}

#[test]
fn documents_with_counts() {
    assert_eq!(
        rows("docs select count(tasks)"),
        ["57", "37", "90", "75", "46"]
    );
}

/// Queries whose rows are long: each pinned as csv in `snapshots/queries__NAME.snap`.
const SNAPSHOTTED: &[(&str, &str)] = &[
    ("lead_contains", r#"tasks where lead ~ "发展改革" select doc.region, no, title, lead"#),
    ("money_over_one_yi", "targets where amount >= 1亿元 select doc.region, task.no, value, unit, cmp, metric order by amount desc limit 10"),
    ("lead_units_ranked", r#"units where role = "lead" group by name select name, count() as tasks order by tasks desc limit 10"#),
    ("tasks_without_lead", "tasks where lead is empty select doc.region, no, title"),
    ("any_target", r#"tasks where any(targets, unit = "家" and value >= 10)"#),
    ("repeated_titles", "tasks group by title having count() > 1 select title, count() as docs, list(doc.region) as regions"),
    ("documents_with_counts", "docs select region, kind, date, count(tasks) as tasks, count(targets) as targets"),
];

#[test]
fn snapshotted_queries() {
    for (name, query) in SNAPSHOTTED {
        insta::assert_snapshot!(*name, csv(query), query);
    }
}

// ---------------------------------------------------------------- more constructs

#[test]
fn money_in_any_scale_is_equal() {
    let same = |lit: &str| {
        rows(&format!(
            "targets where amount = {lit} select doc.region, task.no, value, unit"
        ))
    };
    assert_eq!(
        same("5个亿"),
        ["文昌湖区 | 39 | 5 | 个亿", "沂源县 | 18 | 5 | 亿元"]
    );
    assert_eq!(same("50000万元"), same("5亿元"));
}

#[test]
fn pipes_limit_offset_distinct() {
    assert_eq!(
        rows("tasks | where doc.region = \"台儿庄区\" | count"),
        ["46"]
    );
    assert_eq!(
        rows("tasks where doc.region = \"沂源县\" order by no desc limit 2 offset 1 select no"),
        ["74", "73"]
    );
    assert_eq!(rows("units select distinct role"), ["lead", "support"]);
    assert_eq!(
        rows("docs select distinct kind order by kind"),
        ["annual_tasks", "five_year_plan"]
    );
}

#[test]
fn string_warning_keeps_empty_result() {
    let out = run(seeds(), r#"tasks where dept = "区经济发展""#).unwrap_or_default();
    assert!(out.rows.rows.is_empty());
    assert_eq!(
        out.warnings,
        ["no unit named 区经济发展 — did you mean 区经济发展局?"]
    );
}

// ---------------------------------------------------------------- printed output

const PINNED: &str = "targets where amount >= 1亿元 select doc.region, task.no, value, unit, metric order by amount desc limit 3";

#[test]
fn table_output() {
    insta::assert_snapshot!(render(&rows_of(PINNED), Format::Table, Some(60)));
}

#[test]
fn csv_output() {
    insta::assert_snapshot!(render(&rows_of(PINNED), Format::Csv, None));
}

#[test]
fn json_output() {
    insta::assert_snapshot!(render(&rows_of(PINNED), Format::Json, None));
}

#[test]
fn markdown_and_jsonl_output() {
    let r = rows_of("docs select region, count(tasks) as tasks limit 2");
    insta::assert_snapshot!(render(&r, Format::Md, None) + &render(&r, Format::Jsonl, None));
}

// ---------------------------------------------------------------- errors

fn rendered_error(src: &str) -> String {
    match run(seeds(), src) {
        Ok(o) => panic!("{src} should fail: {:?}", o.rows),
        Err(e) => e.render(src, false),
    }
}

#[test]
fn caret_sits_under_the_right_column_after_cjk() {
    insta::assert_snapshot!(rendered_error(
        r#"tasks where dept = "区经济发展局" andd x"#
    ));
}

#[test]
fn caret_under_a_unit_mismatch() {
    insta::assert_snapshot!(rendered_error("targets where 1亿元 > 1万千瓦"));
}

#[test]
fn caret_on_the_second_line() {
    insta::assert_snapshot!(rendered_error("tasks\n  where 标题 ~ \"光伏\""));
}

// ---------------------------------------------------------------- never panic

fn token() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "tasks",
            "targets",
            "docs",
            "units",
            "indicators",
            "sections",
            "columns",
            "where",
            "select",
            "group",
            "by",
            "having",
            "order",
            "asc",
            "desc",
            "limit",
            "offset",
            "distinct",
            "as",
            "and",
            "or",
            "not",
            "in",
            "is",
            "empty",
            "null",
            "matches",
            "count",
            "count()",
            "any(",
            "all(",
            "list(",
            "sum(",
            "|",
            ",",
            "(",
            ")",
            "=",
            "!=",
            "~",
            "<",
            ">=",
            ".",
            ";",
            "--",
            "\"",
            "/",
            "doc.region",
            "target.unit",
            "amount",
            "value",
            "lead",
            "dept",
            "title",
            "no",
            "it",
            "1亿元",
            "5个亿",
            "70%",
            "1.5万千瓦",
            "3",
            "0.9",
            "2023-07-01",
            "\"区经济发展局\"",
            "/光伏|储能/",
            "区经济发展局",
            "（",
            "：",
            "\u{3000}",
            "\n",
        ])
        .prop_map(String::from),
        "[a-z_.\"'/()|=<>~!,;0-9%亿元万千瓦 -]{1,6}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn token_soup_never_panics(tokens in prop::collection::vec(token(), 0..12)) {
        let src = tokens.join(" ");
        let _ = run(seeds(), &src);
        let _ = completeness(&src);
        for (_, statement) in split_script(&src) {
            if let Err(e) = run(seeds(), statement) {
                let _ = e.render(statement, true);
            }
        }
    }

    #[test]
    fn deep_long_and_many_digit_queries_never_panic(
        depth in 0usize..200,
        terms in 0usize..400,
        digits in "[0-9]{1,80}",
        unit in prop::sample::select(vec!["亿元", "万千瓦", "", "%", "个"]),
    ) {
        let src = format!(
            "tasks where {}no > {digits}{unit}{} {}",
            "(".repeat(depth),
            ")".repeat(depth),
            " and not no > 1".repeat(terms)
        );
        if let Err(e) = run(seeds(), &src) {
            let rendered = e.render(&src, false);
            prop_assert!(rendered.len() < 4000, "errors show a window of the line");
        }
    }

    #[test]
    fn any_text_never_panics(src in "\\PC{0,40}") {
        let _ = completeness(&src);
        if let Err(e) = run(seeds(), &src) {
            let _ = e.render(&src, false);
        }
    }
}

#[test]
fn count_of_a_condition_counts_the_rows_where_it_holds() {
    assert_eq!(
        rows(
            r#"units where name = "区经济发展局" group by doc.region select doc.region, count() as total, count(role = "lead") as leads"#
        ),
        ["文昌湖区 | 33 | 26"]
    );
}

#[test]
fn full_width_punctuation_from_a_chinese_input_method() {
    assert_eq!(
        rows("tasks where doc.region in （\"沂源县\"，\"台儿庄区\"） and no ＝ 1 select doc.region，no"),
        ["沂源县 | 1", "台儿庄区 | 1"]
    );
}

#[test]
fn an_unclosed_bracket_is_named() {
    let src = "tasks where (no = 1";
    let Err(e) = planq::query::run(seeds(), src) else {
        panic!("{src} should not parse");
    };
    assert!(
        e.message.ends_with("or `)`, found the end of the query"),
        "{}",
        e.message
    );
}

#[test]
fn a_query_without_a_source_is_told_to_start_with_one() {
    let src = "select no, title";
    let Err(e) = planq::query::run(seeds(), src) else {
        panic!("{src} should not parse");
    };
    let help = e.help.unwrap_or_default();
    assert!(help.contains("`tasks select no, title`"), "{help}");
}

#[test]
fn a_matches_pattern_in_chinese_quotes_is_read_by_characters() {
    // Once a panic: the pattern's quotes were cut by bytes.
    assert_eq!(
        rows("targets where metric matches “光伏” select task.no"),
        ["22", "12", "27"]
    );
}
