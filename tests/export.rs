//! `planq export` as a user runs it: SQLite (opened here with SQLite itself), csv folders,
//! JSON lines, and the usage errors; counts and joins checked against the model.

use planq::ingest::seed_corpus;
use rusqlite::Connection;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn planq(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_planq"))
        .args(args)
        .env("NO_COLOR", "1")
        .env(
            "PLANQ_DATA_DIR",
            std::env::temp_dir().join("planq-tests-data"),
        )
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("cannot start planq: {e}"))
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn path_str(p: &Path) -> &str {
    p.to_str()
        .unwrap_or_else(|| panic!("{} is not UTF-8", p.display()))
}

fn temp_dir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|e| panic!("temp dir: {e}"))
}

/// The seeds exported to a database in `dir`, opened.
fn seed_db(dir: &Path) -> Connection {
    let db = dir.join("plan.db");
    let o = planq(&["export", "--format", "sqlite", "--out", path_str(&db)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stderr(&o), "");
    Connection::open(&db).unwrap_or_else(|e| panic!("{e}"))
}

fn count(db: &Connection, sql: &str) -> usize {
    db.query_row(sql, [], |r| r.get::<_, i64>(0))
        .map(|n| usize::try_from(n).unwrap_or(0))
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

#[test]
fn sqlite_holds_every_row_of_the_model() {
    let dir = temp_dir();
    let db = seed_db(dir.path());
    let corpus = seed_corpus();
    let docs = &corpus.documents;
    let tasks = docs.iter().flat_map(|d| &d.tasks);
    assert_eq!(count(&db, "SELECT count(*) FROM docs"), 5);
    assert_eq!(count(&db, "SELECT count(*) FROM tasks"), 305);
    assert_eq!(count(&db, "SELECT count(*) FROM targets"), 261);
    assert_eq!(count(&db, "SELECT count(*) FROM units"), 639);
    assert_eq!(
        count(&db, "SELECT count(*) FROM units WHERE role = 'lead'"),
        tasks.clone().map(|t| t.lead.len()).sum::<usize>()
    );
    assert_eq!(
        count(&db, "SELECT count(*) FROM sections"),
        docs.iter().map(|d| d.sections.len()).sum::<usize>()
    );
    assert_eq!(
        count(&db, "SELECT count(*) FROM indicators"),
        docs.iter().map(|d| d.indicators.len()).sum::<usize>()
    );
    assert_eq!(
        count(&db, "SELECT count(*) FROM column_items"),
        docs.iter()
            .flat_map(|d| &d.columns)
            .map(|c| c.items.len())
            .sum::<usize>()
    );
    assert_eq!(
        count(&db, "SELECT count(*) FROM warnings"),
        docs.iter().map(|d| d.warnings.len()).sum::<usize>()
    );
    // Every reference points at a row, and the schema's keys hold.
    assert_eq!(
        count(&db, "SELECT count(*) FROM pragma_foreign_key_check"),
        0
    );
    assert_eq!(
        count(
            &db,
            "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check <> 'ok'"
        ),
        0
    );
}

#[test]
fn sqlite_joins_answer_what_planq_answers() {
    let dir = temp_dir();
    let db = seed_db(dir.path());
    // Tasks per region, through the join of tasks and docs.
    let mut per_region = db
        .prepare("SELECT d.region, count(*) FROM tasks t JOIN docs d ON d.id = t.doc_id GROUP BY d.region ORDER BY d.region")
        .unwrap_or_else(|e| panic!("{e}"));
    let rows: Vec<(String, i64)> = per_region
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .and_then(Iterator::collect)
        .unwrap_or_else(|e| panic!("{e}"));
    let o = planq(&[
        "-e",
        "tasks group by doc.region select doc.region, count() as n order by doc.region",
        "--format",
        "csv",
    ]);
    let from_planq: Vec<(String, i64)> = String::from_utf8_lossy(&o.stdout)
        .lines()
        .skip(1)
        .filter_map(|l| {
            let (region, n) = l.split_once(',')?;
            Some((region.to_string(), n.parse().ok()?))
        })
        .collect();
    assert_eq!(rows, from_planq);
    assert_eq!(rows.len(), 4);
    // The card query, in SQL: the same tasks, in the same order.
    let card = "SELECT d.region, t.no FROM tasks t JOIN docs d ON d.id = t.doc_id \
        WHERE EXISTS (SELECT 1 FROM units u WHERE u.task_id = t.id AND u.name = '区经济发展局') \
        AND EXISTS (SELECT 1 FROM targets g WHERE g.task_id = t.id AND g.unit = '家') ORDER BY t.id";
    let mut card = db.prepare(card).unwrap_or_else(|e| panic!("{e}"));
    let sql: Vec<String> = card
        .query_map([], |r| {
            Ok(format!(
                "{},{}",
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?
            ))
        })
        .and_then(Iterator::collect)
        .unwrap_or_else(|e| panic!("{e}"));
    let o = planq(&[
        "-e",
        r#"tasks where dept = "区经济发展局" and target.unit = "家" select doc.region, no"#,
        "--format",
        "csv",
        "--no-header",
    ]);
    let ours: Vec<String> = String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(String::from)
        .collect();
    assert_eq!(sql, ours);
    assert_eq!(
        sql,
        ["文昌湖区,1", "文昌湖区,3", "文昌湖区,9", "文昌湖区,10"]
    );
}

#[test]
fn decimals_are_kept_exactly_beside_their_real() {
    let dir = temp_dir();
    let db = seed_db(dir.path());
    // 1238万立方米: the exact text and the REAL agree, and units convert as planq's do.
    let (real, text, unit): (f64, String, String) = db
        .query_row(
            "SELECT base_value, base_value_text, base_unit FROM targets WHERE unit = '亿元' ORDER BY id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(unit, "元");
    assert!(
        text.chars().all(|c| c.is_ascii_digit() || c == '.'),
        "{text}"
    );
    assert_eq!(text.parse::<f64>().ok(), Some(real));
    // Every column of every table is described in README, and every table too.
    let described = count(
        &db,
        "SELECT count(*) FROM README WHERE \"column\" IS NOT NULL",
    );
    let tables: Vec<String> = db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'README'")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .unwrap_or_else(|e| panic!("{e}"));
    let columns: usize = tables
        .iter()
        .map(|t| {
            count(
                &db,
                &format!("SELECT count(*) FROM pragma_table_info('{t}')"),
            )
        })
        .sum();
    assert_eq!(described, columns);
    assert_eq!(
        count(&db, "SELECT count(*) FROM README WHERE \"column\" IS NULL"),
        tables.len()
    );
    assert_eq!(tables.len(), 11);
    // The references have indexes.
    assert_eq!(
        count(
            &db,
            "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'units_task_id'"
        ),
        1
    );
}

#[test]
fn csv_writes_one_file_per_table_whose_ids_join() {
    let dir = temp_dir();
    let out = dir.path().join("plan");
    let o = planq(&["export", "--format", "csv", "--out", path_str(&out)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let read = |name: &str| -> Vec<csv::StringRecord> {
        csv::Reader::from_path(out.join(name))
            .unwrap_or_else(|e| panic!("{name}: {e}"))
            .records()
            .collect::<Result<_, _>>()
            .unwrap_or_else(|e| panic!("{name}: {e}"))
    };
    let mut files: Vec<String> = std::fs::read_dir(&out)
        .unwrap_or_else(|e| panic!("{e}"))
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .collect();
    files.sort();
    assert_eq!(
        files,
        [
            "README.csv",
            "actuals.csv",
            "column_items.csv",
            "columns.csv",
            "docs.csv",
            "indicators.csv",
            "leaders.csv",
            "sections.csv",
            "targets.csv",
            "tasks.csv",
            "units.csv",
            "warnings.csv"
        ]
    );
    let tasks = read("tasks.csv");
    let units = read("units.csv");
    assert_eq!(tasks.len(), 305);
    assert_eq!(units.len(), 639);
    assert_eq!(read("docs.csv").len(), 5);
    // units.task_id names a task whose doc_id is the unit's doc_id.
    for unit in &units {
        let task: usize = unit[1].parse().unwrap_or(0);
        assert_eq!(tasks[task - 1][0].parse::<usize>().ok(), Some(task));
        assert_eq!(&tasks[task - 1][1], &unit[2]);
    }
    // A boolean is 1 or 0, as in SQLite.
    assert!(units.iter().all(|u| &u[9] == "0" || &u[9] == "1"));
    // Exported again over itself: the same files, whole.
    let again = planq(&[
        "export",
        "--format",
        "csv",
        "--out",
        path_str(&out),
        "--bom",
    ]);
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    let bytes = std::fs::read(out.join("tasks.csv")).unwrap_or_default();
    assert!(bytes.starts_with("\u{feff}id,doc_id,".as_bytes()));
}

#[test]
fn jsonl_is_one_document_per_line() {
    let o = planq(&["export", "--format", "jsonl"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = String::from_utf8_lossy(&o.stdout);
    let files: Vec<String> = text
        .lines()
        .map(|l| {
            let doc: serde_json::Value = serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}"));
            doc["file"].as_str().unwrap_or_default().to_string()
        })
        .collect();
    let seeds: Vec<String> = seed_corpus()
        .documents
        .into_iter()
        .map(|d| d.file)
        .collect();
    assert_eq!(files, seeds);
}

#[test]
fn json_to_a_file_is_the_json_on_stdout() {
    let dir = temp_dir();
    let out = dir.path().join("plan.json");
    let o = planq(&["export", "--out", path_str(&out)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(o.stdout.is_empty());
    let stdout = planq(&["export"]).stdout;
    assert_eq!(std::fs::read(&out).unwrap_or_default(), stdout);
}

#[test]
fn formats_in_the_wrong_place_are_told_where_they_belong() {
    let cases: [(&[&str], &str); 4] = [
        (&["export", "--format", "sqlite"], "planq: --format sqlite writes a database file: name it with --out FILE.db\n"),
        (&["export", "--format", "csv"], "planq: --format csv writes one file per table: name a folder with --out DIR\n"),
        (&["export", "--format", "md"], "planq: export writes json, jsonl, csv, sqlite; table, record, md and xlsx are for query results (planq -e 'tasks' --format xlsx --out tasks.xlsx)\n"),
        (&["-e", "tasks", "--format", "sqlite"], "planq: --format sqlite writes the whole model as a database: planq export --format sqlite --out plan.db (then query it with sqlite3)\n"),
    ];
    for (args, message) in cases {
        let o = planq(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert_eq!(stderr(&o), message, "{args:?}");
        assert!(o.stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn a_database_that_cannot_be_written_is_named_and_one_written_over_is_replaced() {
    let o = planq(&[
        "export",
        "--format",
        "sqlite",
        "--out",
        "/no/such/folder/plan.db",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).starts_with("planq: cannot write /no/such/folder/plan.db: "),
        "{}",
        stderr(&o)
    );
    let dir = temp_dir();
    let db = dir.path().join("plan.db");
    std::fs::write(&db, "an old file").unwrap_or_else(|e| panic!("{e}"));
    let o = planq(&["export", "--format", "sqlite", "--out", path_str(&db)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let db = Connection::open(&db).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(count(&db, "SELECT count(*) FROM docs"), 5);
}

#[test]
fn out_follows_a_link_and_writes_into_a_device_without_replacing_it() {
    let dir = temp_dir();
    let real = dir.path().join("real.db");
    std::fs::write(&real, "old").unwrap_or_else(|e| panic!("{e}"));
    let link = dir.path().join("link.db");
    std::os::unix::fs::symlink(&real, &link).unwrap_or_else(|e| panic!("{e}"));
    let o = planq(&["export", "--format", "sqlite", "--out", path_str(&link)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(std::fs::symlink_metadata(&link).is_ok_and(|m| m.file_type().is_symlink()));
    let db = Connection::open(&real).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(count(&db, "SELECT count(*) FROM docs"), 5);
    // A device is written into, as `>` would, and stays a device.
    let o = planq(&["export", "--out", "/dev/null"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    use std::os::unix::fs::FileTypeExt;
    assert!(std::fs::metadata("/dev/null").is_ok_and(|m| m.file_type().is_char_device()));
    let o = planq(&["export", "--out", "/dev/full"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).starts_with("planq: cannot write /dev/full: No space left on device"),
        "{}",
        stderr(&o)
    );
    let o = planq(&["export", "--format", "sqlite", "--out", "/dev/null"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stderr(&o), "planq: cannot write /dev/null: a database is a regular file, and this is a device or a pipe\n");
}

#[test]
fn an_export_missing_a_document_writes_nothing_over_the_old_one() {
    let dir = temp_dir();
    let db = dir.path().join("plan.db");
    let first = planq(&["export", "--format", "sqlite", "--out", path_str(&db)]);
    assert_eq!(first.status.code(), Some(0));
    let before = std::fs::read(&db).unwrap_or_default();
    let o = planq(&[
        "export",
        "--format",
        "sqlite",
        "--out",
        path_str(&db),
        "--docs",
        "/no/such.txt",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        format!(
            "planq: cannot read /no/such.txt: No such file or directory (os error 2)\nplanq: nothing written to {}: a document could not be read (see above)\n",
            db.display()
        )
    );
    assert_eq!(std::fs::read(&db).unwrap_or_default(), before);
    // csv wants a folder, and says so of a file.
    let o = planq(&["export", "--format", "csv", "--out", path_str(&db)]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        format!(
            "planq: cannot write {}: --format csv writes a folder of files, and this is a file\n",
            db.display()
        )
    );
}

#[test]
fn the_csv_readme_describes_the_csv_columns() {
    let dir = temp_dir();
    let out = dir.path().join("plan");
    let o = planq(&["export", "--format", "csv", "--out", path_str(&out)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let readme = std::fs::read_to_string(out.join("README.csv")).unwrap_or_default();
    assert!(
        readme.contains("targets,value,\"decimal, exact\",the number as written\n"),
        "{readme}"
    );
    assert!(!readme.contains("value_text"), "{readme}");
}
