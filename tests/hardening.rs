//! Hostile input, run through the binary: every case gets a clear message and an exit
//! status, never a panic, a hang or silent loss. One test per defect the hardening issue
//! listed, named after what it pins.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn planq(args: &[&str]) -> Output {
    planq_with(args, &[], None)
}

/// Runs planq with extra environment and, optionally, bytes on stdin.
fn planq_with(args: &[&str], env: &[(&str, &str)], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_planq"))
        .args(args)
        .envs(env.iter().copied())
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("planq runs");
    if let Some(bytes) = stdin {
        // planq may stop reading at its limit; a broken pipe here is expected then.
        let _ = child.stdin.take().expect("stdin").write_all(bytes);
    }
    child.wait_with_output().expect("planq finishes")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Exit status and no panic text: the two things every case below must get right.
fn assert_exit(out: &Output, code: i32) {
    let err = stderr(out);
    assert!(!err.contains("panicked"), "a panic: {err}");
    assert_eq!(out.status.code(), Some(code), "stderr: {err}");
}

fn write_doc(dir: &tempfile::TempDir, name: &str, text: &str) -> String {
    let path = dir.path().join(name);
    std::fs::write(&path, text).expect("write fixture");
    path.display().to_string()
}

#[test]
fn a_figure_too_large_for_a_decimal_is_a_warning_not_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let doc = write_doc(
        &dir,
        "big.txt",
        "测试县2024年重点工作任务\n一、经济\n1. 投资1000000000000000000000亿元，新增企业5家。（县发改局负责）\n2. 新增99999999999999999999999999999家。（县工信局负责）\n",
    );
    let out = planq(&["check", &doc]);
    assert_exit(&out, 0);
    let report = stdout(&out);
    assert!(
        report.contains("big.txt:3: task 1: figure too large for planq to count in 元, not read as a target: 1000000000000000000000亿元"),
        "{report}"
    );
    assert!(
        report.contains("big.txt:4: task 2: figure with more digits than planq keeps exactly (28)"),
        "{report}"
    );
    let out = planq(&["--docs", &doc, "-e", "targets select value, unit"]);
    assert_exit(&out, 0);
    assert!(
        stdout(&out).contains("│     5 ┆ 家   │"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn a_query_literal_too_large_or_too_precise_is_an_error() {
    let out = planq(&["-e", "targets where amount >= 1000000000000000000000亿元"]);
    assert_exit(&out, 1);
    assert!(stderr(&out).contains("too large for planq to count in its base unit"));
    let out = planq(&[
        "-e",
        "targets where amount >= 0.0000000000000000000000000000001元",
    ]);
    assert_exit(&out, 1);
    assert!(stderr(&out).contains("more digits than planq can hold exactly"));
}

#[test]
fn deep_nesting_and_long_chains_are_refused_not_a_stack_overflow() {
    let parens = format!("tasks where {}no > 1{}", "(".repeat(7000), ")".repeat(7000));
    let out = planq(&["-e", &parens]);
    assert_exit(&out, 1);
    assert!(stderr(&out).contains("brackets nested more than 64 deep"));
    let nots = format!("tasks where {}no > 1", "not ".repeat(10_000));
    let out = planq(&["-e", &nots]);
    assert_exit(&out, 1);
    assert!(stderr(&out).contains("at most 256 conditions"));
    let ands: Vec<String> = (0..8000).map(|i| format!("no > {i}")).collect();
    let out = planq(&["-e", &format!("tasks where {}", ands.join(" and "))]);
    assert_exit(&out, 1);
    // The error shows a window of the line, not the whole 100 KB query.
    assert!(
        stderr(&out).len() < 2000,
        "{} bytes of stderr",
        stderr(&out).len()
    );
    let ands: Vec<String> = (0..256).map(|i| format!("no > {i}")).collect();
    let out = planq(&["-e", &format!("tasks where {}", ands.join(" and "))]);
    assert_exit(&out, 0);
    assert_eq!(stdout(&out), "(no rows)\n");
}

#[test]
fn a_full_disk_is_reported_with_a_failing_status() {
    if !std::path::Path::new("/dev/full").exists() {
        return;
    }
    for args in [
        &["-e", "docs select file"][..],
        &["export"],
        &["check"],
        &["--fields"],
        &["--help"],
    ] {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let out = Command::new(env!("CARGO_BIN_EXE_planq"))
            .args(args)
            .stdout(full)
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        assert_exit(&out, 2);
        assert!(
            stderr(&out).contains("cannot write the output: No space left on device"),
            "{args:?}: {}",
            stderr(&out)
        );
    }
}

#[test]
fn devices_and_fifos_are_refused_where_a_file_is_expected() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("fifo.txt");
    let made = Command::new("mkfifo").arg(&fifo).status();
    let fifo = fifo.display().to_string();
    let mut cases = vec![
        (vec!["check", "/dev/zero"], "not a regular file (a device)"),
        (vec!["-f", "/dev/zero"], "not a regular file (a device)"),
    ];
    if made.is_ok_and(|s| s.success()) {
        cases.push((vec!["check", fifo.as_str()], "not a regular file (a FIFO)"));
        cases.push((vec!["-f", fifo.as_str()], "not a regular file (a FIFO)"));
    }
    for (args, message) in cases {
        let out = planq(&args);
        assert_exit(&out, 2);
        assert!(stderr(&out).contains(message), "{args:?}: {}", stderr(&out));
    }
}

#[test]
fn input_past_the_size_limit_says_how_to_raise_it() {
    let dir = tempfile::tempdir().unwrap();
    let doc = write_doc(&dir, "a.txt", &"一、经济\n".repeat(500));
    let out = planq_with(&["check", &doc], &[("PLANQ_MAX_BYTES", "1000")], None);
    assert_exit(&out, 2);
    assert!(
        stderr(&out).contains("larger than planq's limit of 0.0 MB for one file; set PLANQ_MAX_BYTES=<bytes> to raise it"),
        "{}",
        stderr(&out)
    );
    let out = planq_with(&[], &[("PLANQ_MAX_BYTES", "1000")], Some(&[b' '; 5000]));
    assert_exit(&out, 2);
    assert!(
        stderr(&out).contains("stdin: more than"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn many_failing_statements_with_keep_going_all_get_their_error() {
    let script: String = (0..20_000)
        .map(|i| format!("tasks where nox > {i};\n"))
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let path = write_doc(&dir, "many.pq", &script);
    let out = planq(&["--keep-going", "-f", &path]);
    assert_exit(&out, 1);
    let err = stderr(&out);
    assert_eq!(err.matches("tasks have no field `nox`").count(), 20_000);
    assert!(
        err.contains("many.pq:20000:13: error"),
        "the last error names its line"
    );
}

#[test]
fn tasks_numbered_past_999_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    let tasks: String = (1..=1002)
        .map(|i| format!("{i}. 推进第{i}项工作。（县发改局负责）\n"))
        .collect();
    let doc = write_doc(
        &dir,
        "long.txt",
        &format!("测试县2024年重点工作任务\n{tasks}"),
    );
    let out = planq(&[
        "--docs",
        &doc,
        "-e",
        "tasks select count() as n, max(no) as last",
    ]);
    assert_exit(&out, 0);
    assert!(stdout(&out).contains("│ 1002 ┆ 1002 │"), "{}", stdout(&out));
}

#[test]
fn folders_are_walked_and_a_bad_file_does_not_stop_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    write_doc(
        &dir,
        "a.txt",
        "甲县2024年重点工作任务\n1. 建设道路。（县交通局负责）\n",
    );
    write_doc(
        &dir,
        "sub/b.txt",
        "乙县2024年重点工作任务\n1. 新建学校。（县教育局负责）\n",
    );
    std::fs::write(dir.path().join("sub/c.txt"), [0u8, 1, 2, 3, 0, 0, 7, 8]).unwrap();
    let folder = dir.path().display().to_string();
    let out = planq(&["--docs", &folder, "-e", "docs select file order by file"]);
    assert_exit(&out, 2);
    assert!(
        stderr(&out).contains("c.txt: binary data"),
        "{}",
        stderr(&out)
    );
    let shown = stdout(&out);
    assert!(
        shown.contains("a.txt") && shown.contains("b.txt"),
        "{shown}"
    );
    assert!(shown.contains("2 rows"), "{shown}");
}

#[test]
fn a_file_named_twice_and_a_seed_given_again_load_once() {
    let out = planq(&[
        "--docs",
        "seeds",
        "seeds/000_300f806c979b8884.txt",
        "--with-seeds",
        "-e",
        "docs select count() as n",
    ]);
    assert_exit(&out, 0);
    assert!(stdout(&out).contains("│ 5 │"), "{}", stdout(&out));
    let err = stderr(&out);
    assert!(err.contains("seeds/000_300f806c979b8884.txt is named more than once; loaded once"));
    assert!(
        err.contains("seed 004_d341896d7292a1e4.txt is already loaded from --docs; loaded once")
    );
}

#[test]
fn impossible_dates_and_unknown_escapes_are_errors() {
    let out = planq(&["-e", "tasks where due_date < 2023-02-30"]);
    assert_exit(&out, 1);
    assert!(stderr(&out).contains("`2023-02-30` is not a day of the calendar"));
    let out = planq(&["-e", r#"tasks where title = "a\qb""#]);
    assert_exit(&out, 1);
    assert!(stderr(&out).contains(r"unknown escape `\q` in a string"));
    let out = planq(&["-e", r#"tasks where title matches "\d+" select no limit 1"#]);
    assert_exit(&out, 0);
}

#[test]
fn check_takes_docs_like_every_other_command() {
    let doc = "seeds/004_d341896d7292a1e4.txt";
    for args in [
        &["check", "--docs", doc][..],
        &["--docs", doc, "check"],
        &["check", doc],
    ] {
        let out = planq(args);
        assert_exit(&out, 0);
        let report = stdout(&out);
        assert_eq!(
            report.matches("[annual_tasks]").count(),
            1,
            "{args:?}: {report}"
        );
        assert!(report.starts_with("004_d341896d7292a1e4.txt"), "{args:?}");
    }
    let out = planq(&["check", "--docs", "nope.txt"]);
    assert_exit(&out, 2);
    assert!(stderr(&out).contains("cannot read nope.txt"));
    let out = planq(&["check", doc, "--with-seeds"]);
    assert_exit(&out, 0);
    assert_eq!(stdout(&out).matches(" tasks ").count(), 5);
}

#[test]
fn a_query_may_start_with_a_dash() {
    let out = planq(&["-e", "-- a comment first\ndocs select count() as n"]);
    assert_exit(&out, 0);
    assert!(stdout(&out).contains("│ 5 │"), "{}", stdout(&out));
}

#[test]
fn one_stray_byte_is_located_and_lossy_reads_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("stray.txt");
    let mut bytes = "测试县2024年重点工作任务\n1. 新增企业5家。（县发改局负责）\n"
        .as_bytes()
        .to_vec();
    bytes.push(0xFF);
    bytes.extend_from_slice("\n2. 新建学校2所。（县教育局负责）\n".as_bytes());
    std::fs::write(&path, bytes).unwrap();
    let path = path.display().to_string();
    let out = planq(&["check", &path]);
    assert_exit(&out, 2);
    assert!(
        stderr(&out).contains(
            "not valid UTF-8 text: 1 invalid sequence, the first at byte 82 (line 3); use --lossy"
        ),
        "{}",
        stderr(&out)
    );
    let out = planq(&["check", "--lossy", &path]);
    assert_exit(&out, 0);
    let report = stdout(&out);
    assert!(report.contains("tasks 2"), "{report}");
    assert!(
        report.contains(
            "stray.txt:3: --lossy: an invalid byte sequence at byte 82 was replaced by U+FFFD"
        ),
        "{report}"
    );
}

#[test]
fn encodings_are_told_apart_by_evidence() {
    let dir = tempfile::tempdir().unwrap();
    let text =
        "测试县2024年重点工作任务\n1. 新增高新技术企业15家以上。（县科技局牵头，县财政局配合）\n";
    let utf16: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    std::fs::write(dir.path().join("utf16.txt"), utf16).unwrap();
    let (sjis, _, _) = encoding_rs::SHIFT_JIS
        .encode("日本の計画です。東京都の事業を進めます。ここで新しい施設を作ります。");
    std::fs::write(dir.path().join("sjis.txt"), &sjis).unwrap();
    let out = planq(&["check", &dir.path().join("utf16.txt").display().to_string()]);
    assert_exit(&out, 0);
    assert!(
        stdout(&out).contains("tasks 1  units 2"),
        "{}",
        stdout(&out)
    );
    let out = planq(&["check", &dir.path().join("sjis.txt").display().to_string()]);
    assert_exit(&out, 2);
    assert!(
        stderr(&out).contains("looks like Shift-JIS"),
        "{}",
        stderr(&out)
    );
}

/// Every input the fuzzers ever crashed, hung or slowed on (`fuzz/regressions/`) now gets
/// an answer: a report or a clear error, no panic.
#[test]
fn every_fuzz_regression_gets_an_answer() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions");
    let mut seen = 0;
    for (target, args) in [("ingest", ["check"]), ("query", ["-f"])] {
        let Ok(entries) = std::fs::read_dir(root.join(target)) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path().display().to_string();
            let out = planq(&[args[0], &path]);
            let err = stderr(&out);
            assert!(!err.contains("panicked"), "{path}: {err}");
            assert!(
                matches!(out.status.code(), Some(0..=2)),
                "{path}: exit {:?}: {err}",
                out.status
            );
            seen += 1;
        }
    }
    assert!(
        seen >= 5,
        "the regressions are where this test looks ({seen} found)"
    );
}

#[test]
fn nested_quantifiers_that_would_run_for_minutes_are_refused() {
    let out = planq(&[
        "-e",
        "docs where any(targets,any(targets,any(targets,any(targets,value<0))))",
    ]);
    assert_exit(&out, 1);
    assert!(stderr(&out).contains("tests more than 10000000 items with any/all"));
}
