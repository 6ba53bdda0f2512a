//! Completion cases, each a line with `|` marking the cursor and what Tab should offer.

use super::*;

fn vocab() -> Vocab {
    Vocab::from_lists(&[
        (
            "unit",
            &[
                "区发展和改革局",
                "区经济发展局",
                "区经济运行中心",
                "县财政局",
            ],
        ),
        ("region", &["台儿庄区", "沂源县"]),
        ("target unit", &["%", "万千瓦", "家"]),
    ])
}

/// Completes `line` (cursor at `|`) and returns the replaced span's start text and the
/// replacements offered.
fn offered(line: &str) -> (String, Vec<String>) {
    let pos = line.find('|').expect("cursor marker");
    let line = line.replacen('|', "", 1);
    let (start, pairs) = complete(&line, pos, &vocab());
    (
        line[start..pos].to_owned(),
        pairs.into_iter().map(|p| p.replacement).collect(),
    )
}

fn replacements(line: &str) -> Vec<String> {
    offered(line).1
}

#[test]
fn sources_at_the_start() {
    // In the order the field table lists them.
    assert_eq!(
        offered("ta|"),
        ("ta".into(), vec!["tasks ".into(), "targets ".into()])
    );
    assert!(replacements("|").contains(&"docs ".to_string()));
}

#[test]
fn clauses_after_a_source_and_a_pipe() {
    assert_eq!(replacements("tasks wh|"), ["where "]);
    assert!(replacements("tasks | |").contains(&"order by ".to_string()));
    assert!(replacements("tasks where lead is empty |").contains(&"select ".to_string()));
}

#[test]
fn fields_after_where_and_functions_after_select() {
    let after_where = replacements("tasks where ti|");
    assert!(
        after_where.contains(&"title".to_string()),
        "{after_where:?}"
    );
    let after_select = replacements("tasks select no, cou|");
    assert_eq!(after_select, ["count("]);
}

#[test]
fn dotted_paths_follow_links() {
    let (typed, offered) = offered("tasks where doc.reg|");
    assert_eq!(typed, "doc.reg");
    assert_eq!(offered, ["doc.region"]);
}

#[test]
fn is_takes_empty_or_null() {
    assert_eq!(
        replacements("tasks where lead is |"),
        ["not ", "empty ", "null "]
    );
    assert_eq!(replacements("tasks where lead is not e|"), ["empty "]);
}

#[test]
fn department_by_prefix_inside_a_string() {
    let (typed, offered) = offered("tasks where dept = \"区经|");
    assert_eq!(typed, "区经");
    assert_eq!(offered, ["区经济发展局\"", "区经济运行中心\""]);
}

#[test]
fn department_by_substring_with_contains() {
    assert_eq!(
        replacements("tasks where lead ~ \"发展|"),
        ["区发展和改革局\"", "区经济发展局\""]
    );
}

#[test]
fn department_by_characters_in_order() {
    assert_eq!(
        replacements("tasks where lead = \"发改|"),
        ["区发展和改革局\""]
    );
}

#[test]
fn chinese_quotes_close_with_their_pair() {
    assert_eq!(replacements("tasks where lead = “县财|"), ["县财政局”"]);
}

#[test]
fn inside_any_fields_are_the_elements() {
    assert_eq!(replacements("tasks where any(targets, un|"), ["unit"]);
    assert_eq!(
        replacements("tasks where any(targets, unit = \"万|"),
        ["万千瓦\""]
    );
}

#[test]
fn regions_in_a_list_and_after_a_bare_operator() {
    assert_eq!(
        replacements("tasks where doc.region in (\"沂源县\", \"台|"),
        ["台儿庄区\""]
    );
    assert_eq!(
        replacements("tasks where doc.region = |"),
        ["\"台儿庄区\"", "\"沂源县\""]
    );
}

#[test]
fn units_of_measure_for_target_unit() {
    assert_eq!(replacements("targets where unit = \"万|"), ["万千瓦\""]);
}

#[test]
fn no_values_for_a_number_field() {
    assert!(replacements("tasks where no = |").is_empty());
}

#[test]
fn only_the_current_statement_counts() {
    assert_eq!(replacements("docs; tasks wh|"), ["where "]);
}

#[test]
fn nothing_inside_numbers_or_regexes() {
    assert!(replacements("tasks where text matches /光|").is_empty());
    assert!(replacements("tasks limit 1|").is_empty());
}

#[test]
fn matching_folds_width_and_case() {
    let values = ["县委（政府）办公室", "Lead"];
    assert_eq!(matching(&values, "县委(", false), ["县委（政府）办公室"]);
    assert_eq!(matching(&values, "le", false), ["Lead"]);
}

#[test]
fn units_complete_by_pinyin_initials_and_whole_pinyin() {
    assert_eq!(
        replacements(r#"tasks where lead = "fgj|"#),
        [r#"区发展和改革局""#]
    );
    assert_eq!(
        replacements(r#"tasks where lead = "caizheng|"#),
        [r#"县财政局""#]
    );
    assert_eq!(
        replacements("tasks where lead = jjfz|"),
        [r#""区经济发展局""#]
    );
}
