//! The model cache as a user meets it: a second run reads the models kept by the first and
//! answers the same; a changed file, a damaged entry or another build is parsed again;
//! `--no-cache` neither reads nor writes; a cache that cannot be kept is warned about.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const QUERY: &str = "tasks select doc.region, no, title, lead order by doc.region, no";

fn planq(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_planq"))
        .args(args)
        .env("NO_COLOR", "1")
        .env("PLANQ_DATA_DIR", data)
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("cannot start planq: {e}"))
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn path_str(p: &Path) -> &str {
    p.to_str()
        .unwrap_or_else(|| panic!("{} is not UTF-8", p.display()))
}

/// A folder with the seeds as files, and a data directory for the cache.
fn setup() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("temp dir: {e}"));
    let docs = dir.path().join("docs");
    std::fs::create_dir(&docs).unwrap_or_else(|e| panic!("{e}"));
    for (name, body) in planq::ingest::SEEDS {
        std::fs::write(docs.join(name), body).unwrap_or_else(|e| panic!("{e}"));
    }
    let data = dir.path().join("data");
    (dir, docs, data)
}

fn entries(data: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(data.join("cache"))
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    found.sort();
    found
}

fn run(data: &Path, docs: &Path) -> Output {
    let o = planq(
        data,
        &["--docs", path_str(docs), "-e", QUERY, "--format", "csv"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    o
}

#[test]
fn a_second_run_answers_from_the_cache_exactly_as_the_first() {
    let (_dir, docs, data) = setup();
    let first = run(&data, &docs);
    assert_eq!(entries(&data).len(), 5, "one entry per document");
    let stamps: Vec<_> = entries(&data)
        .iter()
        .map(|e| std::fs::metadata(e).and_then(|m| m.modified()).ok())
        .collect();
    let second = run(&data, &docs);
    assert_eq!(text(&second.stdout), text(&first.stdout));
    assert_eq!(text(&second.stderr), text(&first.stderr));
    assert_eq!(text(&first.stdout).lines().count(), 306);
    // Read, not rewritten.
    let again: Vec<_> = entries(&data)
        .iter()
        .map(|e| std::fs::metadata(e).and_then(|m| m.modified()).ok())
        .collect();
    assert_eq!(stamps, again);
    // And the same as parsing from the text.
    let parsed = planq(
        &data,
        &[
            "--no-cache",
            "--docs",
            path_str(&docs),
            "-e",
            QUERY,
            "--format",
            "csv",
        ],
    );
    assert_eq!(text(&parsed.stdout), text(&first.stdout));
    // A whole export (every field of the model) is the same from the cache.
    let export = |extra: &[&str]| {
        let mut args = vec!["export", "--docs", path_str(&docs)];
        args.extend_from_slice(extra);
        planq(&data, &args).stdout
    };
    assert_eq!(export(&[]), export(&["--no-cache"]));
}

#[test]
fn a_changed_file_is_read_again() {
    let (_dir, docs, data) = setup();
    run(&data, &docs);
    let (name, body) = planq::ingest::SEEDS[1];
    let changed = body.replacen("区经济发展局", "区科学技术局", 1);
    std::fs::write(docs.join(name), &changed).unwrap_or_else(|e| panic!("{e}"));
    let q = r#"units where name = "区科学技术局" | count"#;
    let cached = planq(
        &data,
        &["--docs", path_str(&docs), "-e", q, "--format", "csv"],
    );
    let parsed = planq(
        &data,
        &[
            "--no-cache",
            "--docs",
            path_str(&docs),
            "-e",
            q,
            "--format",
            "csv",
        ],
    );
    assert_eq!(text(&cached.stdout), text(&parsed.stdout));
    assert_ne!(text(&cached.stdout), "count\n0\n");
    assert_eq!(
        entries(&data).len(),
        5,
        "the changed file's entry replaced, not added"
    );
}

#[test]
fn damaged_entries_are_rebuilt_not_trusted() {
    let (_dir, docs, data) = setup();
    let first = run(&data, &docs);
    for (i, entry) in entries(&data).iter().enumerate() {
        let mut bytes = std::fs::read(entry).unwrap_or_default();
        match i % 3 {
            0 => bytes.truncate(bytes.len() / 2),
            1 => {
                let at = bytes.len() - 10;
                bytes[at] ^= 0x01;
            }
            _ => bytes = b"not a cache entry".to_vec(),
        }
        std::fs::write(entry, bytes).unwrap_or_else(|e| panic!("{e}"));
    }
    let second = run(&data, &docs);
    assert_eq!(text(&second.stdout), text(&first.stdout));
    assert_eq!(text(&second.stderr), "");
    // Rebuilt: the third run reads sound entries again.
    let third = run(&data, &docs);
    assert_eq!(text(&third.stdout), text(&first.stdout));
}

#[test]
fn no_cache_neither_reads_nor_writes() {
    let (_dir, docs, data) = setup();
    let o = planq(
        &data,
        &[
            "--no-cache",
            "--docs",
            path_str(&docs),
            "-e",
            "tasks | count",
        ],
    );
    assert_eq!(o.status.code(), Some(0));
    assert!(entries(&data).is_empty());
}

#[test]
fn a_cache_that_cannot_be_kept_is_warned_and_the_answer_still_given() {
    let (dir, docs, _) = setup();
    // The data directory is a file: no cache folder can be made in it.
    let data = dir.path().join("not-a-folder");
    std::fs::write(&data, "").unwrap_or_else(|e| panic!("{e}"));
    let o = planq(
        &data,
        &[
            "--docs",
            path_str(&docs),
            "-e",
            "tasks | count",
            "--format",
            "csv",
        ],
    );
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(text(&o.stdout), "count\n305\n");
    let err = text(&o.stderr);
    assert!(
        err.starts_with("planq: warning: the model cache could not keep every document (")
            && err.lines().count() == 1,
        "{err}"
    );
    assert!(err.contains("--no-cache"), "{err}");
}

#[test]
fn an_entry_that_is_no_regular_file_is_a_miss_not_a_hang() {
    let (_dir, docs, data) = setup();
    let first = run(&data, &docs);
    let entries = entries(&data);
    std::fs::remove_file(&entries[0]).unwrap_or_else(|e| panic!("{e}"));
    std::os::unix::fs::symlink("/dev/zero", &entries[0]).unwrap_or_else(|e| panic!("{e}"));
    std::fs::remove_file(&entries[1]).unwrap_or_else(|e| panic!("{e}"));
    let made = Command::new("mkfifo").arg(&entries[1]).status();
    assert!(made.is_ok_and(|s| s.success()));
    let second = planq(
        &data,
        &["--docs", path_str(&docs), "-e", QUERY, "--format", "csv"],
    );
    assert_eq!(text(&second.stdout), text(&first.stdout));
}

#[test]
fn a_file_edited_and_given_back_its_old_time_is_read_again() {
    let (_dir, docs, data) = setup();
    run(&data, &docs);
    let (name, body) = planq::ingest::SEEDS[0];
    let path = docs.join(name);
    let modified = std::fs::metadata(&path)
        .and_then(|m| m.modified())
        .unwrap_or_else(|e| panic!("{e}"));
    // The same size, another region name, and the old modification time.
    let changed = body.replacen("文昌湖区", "文昌湖县", 1);
    assert_eq!(changed.len(), body.len());
    std::fs::write(&path, changed).unwrap_or_else(|e| panic!("{e}"));
    let file = std::fs::File::options()
        .write(true)
        .open(&path)
        .unwrap_or_else(|e| panic!("{e}"));
    file.set_modified(modified)
        .unwrap_or_else(|e| panic!("{e}"));
    drop(file);
    let q = r#"tasks where text ~ "文昌湖县" | count"#;
    let cached = planq(
        &data,
        &["--docs", path_str(&docs), "-e", q, "--format", "csv"],
    );
    let parsed = planq(
        &data,
        &[
            "--no-cache",
            "--docs",
            path_str(&docs),
            "-e",
            q,
            "--format",
            "csv",
        ],
    );
    assert_eq!(text(&cached.stdout), text(&parsed.stdout));
}
