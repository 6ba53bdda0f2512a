//! The planq binary: -e, -f, FILE.pq, stdin scripts, formats, --fields, exit codes, and
//! every saved example with its output.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn planq(args: &[&str]) -> Output {
    planq_with_stdin(args, "")
}

fn planq_with_stdin(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_planq"))
        .args(args)
        .env("COLUMNS", "120")
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start planq: {e}"));
    if let Some(mut input) = child.stdin.take() {
        input
            .write_all(stdin.as_bytes())
            .unwrap_or_else(|e| panic!("stdin: {e}"));
    }
    child
        .wait_with_output()
        .unwrap_or_else(|e| panic!("planq: {e}"))
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn code(o: &Output) -> i32 {
    o.status.code().unwrap_or(-1)
}

fn script(name: &str, text: &str) -> tempfile::TempPath {
    let mut file = tempfile::Builder::new()
        .prefix(name)
        .suffix(".pq")
        .tempfile()
        .unwrap_or_else(|e| panic!("temp file: {e}"));
    file.write_all(text.as_bytes())
        .unwrap_or_else(|e| panic!("write: {e}"));
    file.into_temp_path()
}

#[test]
fn one_query_prints_a_table_with_a_row_count() {
    let o = planq(&["-e", "tasks | count"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stdout(&o).contains("│   305 │"), "{}", stdout(&o));
    assert!(stdout(&o).ends_with("1 row\n"));
}

#[test]
fn several_queries_run_in_order() {
    let o = planq(&[
        "-e",
        "docs select region limit 1",
        "-e",
        "tasks | count",
        "--format",
        "csv",
    ]);
    assert_eq!(stdout(&o), "region\n文昌湖区\ncount\n305\n");
}

#[test]
fn formats() {
    let q = "docs select region, date limit 1";
    assert_eq!(
        stdout(&planq(&["-e", q, "--format", "json"])),
        "[\n  {\n    \"region\": \"文昌湖区\",\n    \"date\": \"2023-07-17\"\n  }\n]\n"
    );
    assert_eq!(
        stdout(&planq(&["-e", q, "--format", "jsonl"])),
        "{\"region\":\"文昌湖区\",\"date\":\"2023-07-17\"}\n"
    );
    assert_eq!(
        stdout(&planq(&["-e", q, "--format", "md"])),
        "| region | date |\n| --- | --- |\n| 文昌湖区 | 2023-07-17 |\n"
    );
    let bad = planq(&["-e", q, "--format", "xml"]);
    assert_eq!(code(&bad), 2);
}

#[test]
fn empty_result_says_so_and_warns() {
    let o = planq(&["-e", r#"tasks where dept = "区经济发展""#]);
    assert_eq!(code(&o), 0);
    assert_eq!(stdout(&o), "(no rows)\n");
    assert_eq!(
        stderr(&o),
        "warning: no unit named 区经济发展 — did you mean 区经济发展局?\n"
    );
}

#[test]
fn query_error_exits_1_with_a_caret() {
    let o = planq(&["-e", r#"tasks where dept = "区经济发展局" andd x"#]);
    assert_eq!(code(&o), 1);
    let err = stderr(&o);
    assert!(err.contains("1 | tasks where dept = \"区经济发展局\" andd x\n  |                                   ^^^^\n"), "{err}");
    assert!(err.contains("did you mean `and`?"), "{err}");
}

#[test]
fn script_file_by_flag_and_by_name() {
    let path = script(
        "two",
        "-- two statements\ndocs select region limit 1;\n\ntasks | count; -- done\n",
    );
    let p = path.to_str().unwrap_or_default();
    for args in [vec!["-f", p, "--format", "csv"], vec![p, "--format", "csv"]] {
        let o = planq(&args);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        assert_eq!(stdout(&o), "region\n文昌湖区\ncount\n305\n");
    }
}

#[test]
fn script_error_names_file_line_and_column_and_stops() {
    let path = script(
        "bad",
        "docs select region limit 1;\n\ntasks\n  where titel ~ \"光伏\";\ndocs | count;\n",
    );
    let p = path.to_str().unwrap_or_default();
    let o = planq(&[p, "--format", "csv"]);
    assert_eq!(code(&o), 1);
    assert_eq!(stdout(&o), "region\n文昌湖区\n");
    let err = stderr(&o);
    assert!(
        err.starts_with(&format!("{p}:4:9: error: tasks have no field `titel`\n")),
        "{err}"
    );
    assert!(
        err.contains("4 |   where titel ~ \"光伏\";\n  |         ^^^^^\n"),
        "{err}"
    );

    let o = planq(&[p, "--format", "csv", "--keep-going"]);
    assert_eq!(code(&o), 1);
    assert_eq!(stdout(&o), "region\n文昌湖区\ncount\n5\n");
}

#[test]
fn stdin_is_read_as_a_script() {
    let o = planq_with_stdin(
        &["--format", "csv"],
        "tasks where doc.region = \"台儿庄区\" | count;\n",
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(stdout(&o), "count\n46\n");
}

#[test]
fn missing_script_is_an_input_error() {
    let o = planq(&["-f", "/no/such/file.pq"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).starts_with("planq: /no/such/file.pq: "));
}

#[test]
fn fields_print_the_schema() {
    let o = planq(&["--fields", "targets", "--format", "csv"]);
    assert_eq!(code(&o), 0);
    let out = stdout(&o);
    assert!(out.starts_with("source,field,type,doc,example\n"));
    assert!(out.contains("targets,amount,quantity,"), "{out}");
    let all = stdout(&planq(&["--fields", "--format", "csv"]));
    for source in planq::query::fields::sources() {
        assert!(all.contains(&format!("\n{source},")), "{source}");
    }
    let bad = planq(&["--fields", "taks"]);
    assert_eq!(code(&bad), 2);
    assert!(stderr(&bad).contains("no source named `taks`"));
}

#[test]
fn subcommands_still_work() {
    let o = planq(&["export"]);
    assert_eq!(code(&o), 0);
    assert!(stdout(&o).starts_with("{"));
}

#[test]
fn every_example_runs_and_prints_what_it_did() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut examples: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{e}"))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "pq"))
        .collect();
    examples.sort();
    assert!(examples.len() >= 8, "{examples:?}");
    for path in examples {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            text.trim_start().starts_with("--"),
            "{} should say what it asks",
            path.display()
        );
        // An example over other documents than the seeds names them (`-- docs: PATH…`), and
        // one about deadlines the day it is asked on (`-- as-of: DATE`).
        let docs: Vec<&str> = text
            .lines()
            .find_map(|l| l.strip_prefix("-- docs:"))
            .map(|paths| paths.split_whitespace().collect())
            .unwrap_or_default();
        let as_of = text
            .lines()
            .find_map(|l| l.strip_prefix("-- as-of:"))
            .map(str::trim);
        let mut args = Vec::new();
        if let Some(day) = as_of {
            args.extend(["--as-of", day]);
        }
        if !docs.is_empty() {
            args.push("--docs");
            args.extend(&docs);
            args.push("-f");
        }
        args.push(path.to_str().unwrap_or_default());
        let o = planq(&args);
        assert_eq!(code(&o), 0, "{}: {}", path.display(), stderr(&o));
        assert_eq!(stderr(&o), "", "{}", path.display());
        let name = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        insta::assert_snapshot!(format!("example_{name}"), stdout(&o));
    }
}

#[test]
fn check_reports_every_file_even_when_one_cannot_be_read() {
    let o = planq(&[
        "check",
        "tests/fixtures/binary.bin",
        "tests/fixtures/gbk_notice.txt",
    ]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("cannot read tests/fixtures/binary.bin: binary data"),
        "{}",
        stderr(&o)
    );
    assert!(
        stdout(&o).starts_with("gbk_notice.txt  [annual_tasks] 梅岭县\n"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn check_on_the_seeds_accounts_for_every_line() {
    let o = planq(&["check"]);
    assert_eq!(code(&o), 0);
    let out = stdout(&o);
    assert!(
        out.contains("000_300f806c979b8884.txt  [annual_tasks] 文昌湖区\n  sections 12  tasks 57"),
        "{out}"
    );
    assert!(
        out.contains("    001_70bbf6938fcb4631.txt:215: section heading without 第N节"),
        "{out}"
    );
    assert_eq!(out.matches("unplaced 0\n").count(), 5, "{out}");
}

#[test]
fn closed_pipe_ends_quietly() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_planq"))
        .arg("export")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start planq: {e}"));
    drop(child.stdout.take());
    let o = child
        .wait_with_output()
        .unwrap_or_else(|e| panic!("planq: {e}"));
    assert!(!stderr(&o).contains("panicked"), "{}", stderr(&o));
}

/// `-c` runs a query as `-e` does (the habit of sqlite3 and DuckDB users).
#[test]
fn dash_c_is_dash_e() {
    let query = "docs select region order by region limit 1";
    let e = planq(&["-e", query]);
    let c = planq(&["-c", query]);
    assert_eq!(code(&c), 0, "{}", stderr(&c));
    assert_eq!(stdout(&c), stdout(&e));
    assert!(stdout(&c).contains("1 row"), "{}", stdout(&c));
}
