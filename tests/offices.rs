//! Offices on the embedded seeds, through the binary: one office for every spelling across
//! the four annual notices, collective names, levels, the names no rule knows
//! (`check --offices`), and a user's `--aliases` file winning over the built-in table.

use std::process::{Command, Output};

fn planq(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_planq"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap_or_else(|e| panic!("cannot run planq: {e}"))
}

/// The CSV a query prints on the seeds (with `extra` flags before it), failing on an error.
fn csv(extra: &[&str], query: &str) -> String {
    let mut args = extra.to_vec();
    args.extend(["--format", "csv", "-e", query]);
    let out = planq(&args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn the_development_and_reform_family_is_one_office_across_the_notices() {
    assert_eq!(
        csv(&[], r#"units where office = "发展和改革" select distinct doc.region, name"#),
        "doc.region,name\n东昌府区,区发展和改革局\n东昌府区,区发展和改革委员会\n沂源县,县发展改革局\n台儿庄区,区发展改革局\n"
    );
    assert_eq!(
        csv(&[], r#"tasks where offices = "发展和改革" select count()"#),
        "count()\n62\n"
    );
}

#[test]
fn offices_group_across_counties() {
    let query = "units group by office select office, count(distinct doc.region) as counties, \
                 count() as tasks order by counties desc, tasks desc limit 3";
    assert_eq!(
        csv(&[], query),
        "office,counties,tasks\n农业农村,4,39\n财政,4,28\n自然资源和规划,4,25\n"
    );
}

#[test]
fn the_collective_names_are_generic_and_have_no_office() {
    assert_eq!(
        csv(&[], "units where generic select distinct name, level, office order by name"),
        "name,level,office\n区“5+3”产业链责任单位,区,\n区各相关部门,区,\n区有关部门,区,\n区直相关部门,区,\n\
         县有关产业专班牵头部门,县,\n县有关部门,县,\n各镇,乡镇,\n各镇供电所,乡镇,\n有关镇街,乡镇,\n街道,街道,\n"
    );
}

#[test]
fn every_seed_unit_has_a_level() {
    assert_eq!(
        csv(
            &[],
            "units select count() as units, count(level) as with_level"
        ),
        "units,with_level\n639,639\n"
    );
}

#[test]
fn check_offices_lists_exactly_the_seed_units_no_rule_knows() {
    // Columns padded by display width, so the Chinese names line up.
    let out = planq(&["check", "--offices"]);
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "7 units whose office no rule knows (teach planq with --aliases FILE, rows of name,office):\n\
         \x20 区地方事业局                                      文昌湖区  000_300f806c979b8884.txt:31  tasks 11  read as 地方事业\n\
         \x20 区安监环保局                                      文昌湖区  000_300f806c979b8884.txt:37  tasks 8   read as 安监环保\n\
         \x20 市萌山水库管理中心                                文昌湖区  000_300f806c979b8884.txt:83  tasks 5   read as 萌山水库管理\n\
         \x20 县铁路事业服务中心                                沂源县    003_0bd5adcbd4f51cd8.txt:94  tasks 1   read as 铁路事业服务\n\
         \x20 国投集团                                          沂源县    003_0bd5adcbd4f51cd8.txt:56  tasks 2   read as 国投\n\
         \x20 沂河源田园综合体山东财经大学乡村振兴学院推进专班  沂源县    003_0bd5adcbd4f51cd8.txt:56  tasks 1   read as 沂河源田园综合体山东财经大学乡村振兴学院推进\n\
         \x20 沂源公路事业服务中心                              沂源县    003_0bd5adcbd4f51cd8.txt:94  tasks 1   read as 公路事业服务\n"
    );
}

#[test]
fn an_alias_file_wins_over_the_table() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let file = dir.path().join("aliases.csv");
    // 文昌湖区's 经济发展局 does the work of a 发改局; 区地方事业局 is taught outright.
    std::fs::write(
        &file,
        "name,office\n区经济发展局,发展和改革\n地方事业,地方事务\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let flags = ["--aliases", file.to_str().unwrap_or_default()];
    assert_eq!(
        csv(
            &flags,
            r#"units where office = "发展和改革" select count(distinct doc.region) as counties, count() as units"#
        ),
        "counties,units\n4,95\n"
    );
    let out = planq(&[
        "check",
        "--offices",
        "--aliases",
        file.to_str().unwrap_or_default(),
    ]);
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("6 units whose office"));
}

#[test]
fn a_malformed_alias_file_is_an_input_error_naming_its_line() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let file = dir.path().join("bad.csv");
    std::fs::write(&file, "name,office\n区经济发展局\n").unwrap_or_else(|e| panic!("{e}"));
    let out = planq(&["--aliases", file.to_str().unwrap_or_default(), "-e", "docs"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!(
            "planq: {}: line 2: expected `name,office` (two fields, neither empty), found `区经济发展局`\n",
            file.display()
        )
    );
}

#[test]
fn a_misspelt_office_is_warned_with_the_nearest() {
    let out = planq(&["-e", r#"units where office = "发展与改革" select count()"#]);
    assert!(String::from_utf8_lossy(&out.stderr)
        .contains("no office named 发展与改革 — did you mean 发展和改革?"));
}

#[test]
fn a_contraction_is_answered_with_the_office_it_means() {
    // 发改 and 住建 are no office names, but the table reads them as offices.
    for (typed, meant) in [("发改", "发展和改革"), ("住建", "住房和城乡建设")] {
        let query = format!("tasks where office = \"{typed}\" | count");
        let out = planq(&["-e", &query]);
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            format!("warning: no office named {typed} — did you mean {meant}?\n")
        );
    }
    // tasks.office is tasks.offices, as a unit's field is spelt.
    assert_eq!(
        csv(&[], r#"tasks where office = "发展和改革" select count()"#),
        "count()\n62\n"
    );
}
