//! Output for people and for Excel: the record view, readable quantities, xlsx workbooks,
//! --out, --bom and --no-header, run through the binary on the embedded seeds.

use calamine::{Data, Reader};
use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn planq(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_planq"))
        .args(args)
        .env("COLUMNS", "120")
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("cannot start planq: {e}"))
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

fn temp_dir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|e| panic!("temp dir: {e}"))
}

fn path_str(p: &Path) -> &str {
    p.to_str()
        .unwrap_or_else(|| panic!("{} is not UTF-8", p.display()))
}

const TWO_TASKS: &str =
    r#"tasks where doc.region = "沂源县" and no <= 2 select doc.region, no, title"#;

const OVER_100_YI: &str = "targets where amount >= 100亿元 select doc.region, task.no, amount, \
                           metric order by amount desc";

#[test]
fn record_view_prints_one_field_per_line() {
    let o = planq(&["-e", TWO_TASKS, "--format", "record"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "-[ 1 ]-----------------------------\n\
         doc.region │ 沂源县\n\
         no         │ 1\n\
         title      │ 加快高能级创新平台建设\n\
         -[ 2 ]-----------------------------\n\
         doc.region │ 沂源县\n\
         no         │ 2\n\
         title      │ 加强关键核心技术攻关\n\
         2 rows\n"
    );
}

#[test]
fn record_view_wraps_long_values_at_the_terminal_width() {
    let o = Command::new(env!("CARGO_BIN_EXE_planq"))
        .args(["-e", TWO_TASKS, "--format", "record"])
        .env("COLUMNS", "30")
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    // 13 columns of name and separator leave 17, less than the 20 a value always gets.
    assert_eq!(
        stdout(&o).lines().take(5).collect::<Vec<_>>(),
        [
            "-[ 1 ]---------------------------",
            "doc.region │ 沂源县",
            "no         │ 1",
            "title      │ 加快高能级创新平台建",
            "           │ 设",
        ]
    );
}

#[test]
fn empty_record_view_says_so() {
    let o = planq(&["-e", "tasks where no < 0", "--format", "record"]);
    assert_eq!(stdout(&o), "(no rows)\n");
}

#[test]
fn quantities_read_at_their_scale_in_a_table_and_exactly_in_csv() {
    let o = planq(&["-e", OVER_100_YI]);
    assert_eq!(
        stdout(&o),
        "┌────────────┬─────────┬─────────┬──────────┐\n\
         │ doc.region ┆ task.no ┆ amount  ┆ metric   │\n\
         ╞════════════╪═════════╪═════════╪══════════╡\n\
         │ 沂源县     ┆      19 ┆ 238亿元 ┆ 完成投资 │\n\
         │ 沂源县     ┆       9 ┆ 180亿元 ┆ 新医药   │\n\
         │ 沂源县     ┆       9 ┆ 130亿元 ┆ 新材料   │\n\
         └────────────┴─────────┴─────────┴──────────┘\n\
         3 rows\n"
    );
    let o = planq(&["-e", OVER_100_YI, "--format", "csv"]);
    assert_eq!(
        stdout(&o),
        "doc.region,task.no,amount,metric\n\
         沂源县,19,23800000000元,完成投资\n\
         沂源县,9,18000000000元,新医药\n\
         沂源县,9,13000000000元,新材料\n"
    );
    let o = planq(&["-e", OVER_100_YI, "--format", "md", "--no-header"]);
    assert_eq!(
        stdout(&o).lines().next(),
        Some("| 沂源县 | 19 | 238亿元 | 完成投资 |")
    );
}

#[test]
fn no_header_csv_and_table() {
    let q = "docs select region, date limit 2";
    let o = planq(&["-e", q, "--format", "csv", "--no-header"]);
    assert_eq!(stdout(&o), "文昌湖区,2023-07-17\n文昌湖区,2021-12-11\n");
    let o = planq(&["-e", q, "--no-header"]);
    assert_eq!(
        stdout(&o),
        "┌──────────┬────────────┐\n\
         │ 文昌湖区 ┆ 2023-07-17 │\n\
         │ 文昌湖区 ┆ 2021-12-11 │\n\
         └──────────┴────────────┘\n\
         2 rows\n"
    );
}

#[test]
fn bom_starts_csv_once_and_is_refused_elsewhere_with_a_warning() {
    let o = planq(&[
        "-e",
        "docs select region limit 1",
        "-e",
        "docs | count",
        "--format",
        "csv",
        "--bom",
    ]);
    assert_eq!(&o.stdout[..3], b"\xEF\xBB\xBF");
    assert_eq!(stdout(&o), "\u{FEFF}region\n文昌湖区\ncount\n5\n");
    let o = planq(&["-e", "docs | count", "--format", "json", "--bom"]);
    assert_eq!(code(&o), 0);
    assert_eq!(stdout(&o), "[\n  {\n    \"count\": 5\n  }\n]\n");
    assert_eq!(
        stderr(&o),
        "planq: warning: --bom is for --format csv only; ignored\n"
    );
}

#[test]
fn out_sends_any_format_to_a_file_and_errors_to_stderr() {
    let dir = temp_dir();
    let file = dir.path().join("regions.csv");
    let o = planq(&[
        "-e",
        "docs select region limit 1",
        "-e",
        "tasks where dept = \"区经济发展\" | count",
        "--format",
        "csv",
        "--out",
        path_str(&file),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(stdout(&o), "");
    assert!(
        stderr(&o).starts_with("warning: no unit named 区经济发展"),
        "{}",
        stderr(&o)
    );
    let written = std::fs::read_to_string(&file).unwrap_or_default();
    assert_eq!(written, "region\n文昌湖区\ncount\n0\n");
}

#[test]
fn out_into_a_missing_folder_is_an_input_error_naming_it() {
    let dir = temp_dir();
    let file = dir.path().join("no/such/folder/x.xlsx");
    let o = planq(&[
        "-e",
        "docs | count",
        "--format",
        "xlsx",
        "--out",
        path_str(&file),
    ]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).starts_with(&format!("planq: cannot write {}: ", file.display())),
        "{}",
        stderr(&o)
    );
}

fn workbook(path: &Path) -> calamine::Xlsx<std::io::BufReader<std::fs::File>> {
    calamine::open_workbook(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The text of one part of the xlsx zip.
fn part(path: &Path, name: &str) -> String {
    let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{e}"));
    let mut zip = zip::ZipArchive::new(file).unwrap_or_else(|e| panic!("{e}"));
    let mut text = String::new();
    zip.by_name(name)
        .unwrap_or_else(|e| panic!("{name}: {e}"))
        .read_to_string(&mut text)
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    text
}

#[test]
fn xlsx_has_a_typed_sheet_per_statement() {
    let dir = temp_dir();
    let script = dir.path().join("two.pq");
    let book = dir.path().join("out.xlsx");
    let mut f = std::fs::File::create(&script).unwrap_or_else(|e| panic!("{e}"));
    writeln!(
        f,
        "-- two questions\n\
         docs select region, date, count(tasks) as tasks, kind = \"five_year_plan\" as plan \
         limit 2;\n{OVER_100_YI};"
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let o = planq(&[
        "-f",
        path_str(&script),
        "--format",
        "xlsx",
        "--out",
        path_str(&book),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(stdout(&o), "");

    let mut wb = workbook(&book);
    assert_eq!(
        wb.sheet_names(),
        [
            "1 docs select region, date, co…",
            "2 targets where amount >= 100亿…"
        ]
    );
    let docs = wb
        .worksheet_range("1 docs select region, date, co…")
        .unwrap_or_else(|e| panic!("{e}"));
    let header: Vec<String> = docs
        .rows()
        .next()
        .into_iter()
        .flatten()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(header, ["region", "date", "tasks", "plan"]);
    assert_eq!(docs.get((1, 0)), Some(&Data::String("文昌湖区".into())));
    match docs.get((1, 1)) {
        Some(Data::DateTime(d)) => assert_eq!(
            d.as_datetime().map(|t| t.date().to_string()),
            Some("2023-07-17".into())
        ),
        other => panic!("date cell: {other:?}"),
    }
    assert_eq!(docs.get((1, 2)), Some(&Data::Float(57.0)));
    assert_eq!(docs.get((1, 3)), Some(&Data::Bool(false)));
    assert_eq!(docs.get((2, 3)), Some(&Data::Bool(true)));

    let targets = wb
        .worksheet_range("2 targets where amount >= 100亿…")
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(targets.height(), 4);
    assert_eq!(targets.get((1, 2)), Some(&Data::Float(23_800_000_000.0)));
    assert_eq!(targets.get((3, 3)), Some(&Data::String("新材料".into())));

    let sheet = part(&book, "xl/worksheets/sheet2.xml");
    assert!(
        sheet.contains(
            r#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#
        ),
        "{sheet}"
    );
    assert!(sheet.contains(r#"<autoFilter ref="A1:D4"/>"#), "{sheet}");
    // doc.region: ten columns; amount: 23,800,000,000元 is sixteen; each with 3 of padding.
    assert!(
        sheet.contains(r#"<col min="1" max="1" width="13.7109375" customWidth="1"/>"#),
        "{sheet}"
    );
    assert!(
        sheet.contains(r#"<col min="3" max="3" width="19.7109375" customWidth="1"/>"#),
        "{sheet}"
    );
    let styles = part(&book, "xl/styles.xml");
    assert!(
        styles.contains(r##"formatCode="#,##0&quot;元&quot;""##),
        "{styles}"
    );
    assert!(
        styles.contains(r#"formatCode="yyyy\-mm\-dd""#)
            || styles.contains(r#"formatCode="yyyy-mm-dd""#),
        "{styles}"
    );
}

#[test]
fn xlsx_keeps_the_sheets_that_ran_numbered_by_statement() {
    let dir = temp_dir();
    let book = dir.path().join("partial.xlsx");
    let o = planq(&[
        "-e",
        "docs | count",
        "-e",
        "tasks wher x",
        "-e",
        "tasks | count",
        "--keep-going",
        "--format",
        "xlsx",
        "--out",
        path_str(&book),
    ]);
    assert_eq!(code(&o), 1);
    assert!(stderr(&o).starts_with("error: "), "{}", stderr(&o));
    assert_eq!(
        workbook(&book).sheet_names(),
        ["1 docs | count", "3 tasks | count"]
    );
}

#[test]
fn xlsx_without_header_starts_with_data_and_freezes_nothing() {
    let dir = temp_dir();
    let book = dir.path().join("bare.xlsx");
    let q = "docs select region limit 1";
    let o = planq(&[
        "-e",
        q,
        "--format",
        "xlsx",
        "--no-header",
        "--out",
        path_str(&book),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let range = workbook(&book)
        .worksheet_range("1 docs select region limit 1")
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(range.get((0, 0)), Some(&Data::String("文昌湖区".into())));
    assert_eq!(range.height(), 1);
    assert!(!part(&book, "xl/worksheets/sheet1.xml").contains("frozen"));
}

#[test]
fn xlsx_wraps_long_text_in_a_capped_column() {
    let dir = temp_dir();
    let book = dir.path().join("long.xlsx");
    let q = "tasks where doc.region = \"沂源县\" and no = 1 select no, text";
    let o = planq(&["-e", q, "--format", "xlsx", "--out", path_str(&book)]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let sheet = part(&book, "xl/worksheets/sheet1.xml");
    assert!(
        sheet.contains(r#"<col min="2" max="2" width="63.7109375" customWidth="1"/>"#),
        "{sheet}"
    );
    assert!(part(&book, "xl/styles.xml").contains(r#"wrapText="1""#));
    // The full text is kept, not cut to the column.
    let text = stdout(&planq(&["-e", q, "--format", "csv", "--no-header"]));
    let mut wb = workbook(&book);
    let range = wb
        .worksheet_range(&wb.sheet_names()[0].clone())
        .unwrap_or_else(|e| panic!("{e}"));
    let cell = range.get((1, 1)).map(|c| c.to_string()).unwrap_or_default();
    assert!(cell.chars().count() > 60);
    assert!(text.contains(&cell), "{cell}");
}

#[test]
fn xlsx_to_a_redirected_stdout_writes_the_workbook() {
    let o = planq(&["-e", "docs | count", "--format", "xlsx"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(&o.stdout[..2], b"PK");
}

/// Runs planq with stdout on a pseudo-terminal (stderr piped), for what it does on a screen.
fn planq_on_a_terminal(args: &[&str]) -> Output {
    use std::os::fd::FromRawFd;
    let (mut master, mut slave) = (0, 0);
    // SAFETY: openpty writes two new descriptors into the two ints; name, termios and
    // window size may be null.
    let opened = unsafe {
        libc::openpty(
            &mut master,
            &mut slave,
            std::ptr::null_mut(),
            std::ptr::null(),
            std::ptr::null(),
        )
    };
    assert_eq!(opened, 0, "openpty failed");
    // SAFETY: both descriptors were just opened and are owned by nothing else.
    let (master, slave) = unsafe {
        (
            std::fs::File::from_raw_fd(master),
            std::fs::File::from_raw_fd(slave),
        )
    };
    let out = Command::new(env!("CARGO_BIN_EXE_planq"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::from(slave))
        .stderr(Stdio::piped())
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    drop(master);
    out
}

#[test]
fn xlsx_on_a_terminal_without_out_is_a_usage_error() {
    let o = planq_on_a_terminal(&["-e", "docs | count", "--format", "xlsx"]);
    assert_eq!(code(&o), 2);
    assert_eq!(
        stderr(&o),
        "planq: --format xlsx writes a workbook, not text for the terminal; add --out \
         FILE.xlsx (or redirect stdout to a file)\n"
    );
}

#[test]
fn help_describes_the_output_flags() {
    let help = stdout(&planq(&["--help"]));
    for flag in ["--out <FILE>", "--bom", "--no-header", "record", "xlsx"] {
        assert!(help.contains(flag), "{flag} missing from\n{help}");
    }
}

#[test]
fn a_run_whose_statements_all_fail_leaves_the_out_file_as_it_was() {
    let dir = temp_dir();
    for (name, format) in [("keep.csv", "csv"), ("keep.xlsx", "xlsx")] {
        let path = dir.path().join(name);
        std::fs::write(&path, "precious").unwrap_or_else(|e| panic!("{e}"));
        let o = planq(&[
            "--format",
            format,
            "--out",
            path_str(&path),
            "-e",
            "docs select regio",
        ]);
        assert_eq!(code(&o), 1, "{}", stderr(&o));
        let kept = std::fs::read_to_string(&path).unwrap_or_default();
        assert_eq!(kept, "precious", "{format}");
    }
    // A run that writes replaces it, and leaves no temporary file behind.
    let path = dir.path().join("keep.csv");
    let o = planq(&[
        "--format",
        "csv",
        "--out",
        path_str(&path),
        "-e",
        "docs | count",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(&path).unwrap_or_default(),
        "count\n5\n"
    );
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .map(|d| {
            d.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    let mut names = names;
    names.sort();
    assert_eq!(names, ["keep.csv", "keep.xlsx"]);
}
