//! The REPL driven through a pseudo-terminal, as a person types into it: the real binary,
//! keys in, screen text out. Each test has its own data directory (so its own history),
//! colour off so the text can be matched, and a bound on every wait (and on memory).

use expectrl::{Eof, Regex, Session};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};
use tempfile::TempDir;

const ENTER: &str = "\r";
const TAB: &str = "\t";
const UP: &str = "\x1b[A";
const CTRL_C: &str = "\x03";
const CTRL_D: &str = "\x04";
const PROMPT: &str = "planq> ";
const PASTE_START: &str = "\x1b[200~";
const PASTE_END: &str = "\x1b[201~";
/// Address space a REPL may take: ample (it uses a few hundred MB), but a regression that
/// eats memory fails the test instead of the machine.
const MEMORY_LIMIT: u64 = 4 << 30;

/// A running REPL.
struct Repl {
    session: Session,
}

impl Repl {
    /// Starts `planq` with no arguments on a 120×40 pseudo-terminal, keeping its history in
    /// `data`, and waits for the first prompt.
    fn start(data: &Path) -> Repl {
        let mut repl = Repl::spawn(Repl::command(data));
        repl.expect(PROMPT);
        repl
    }

    /// `planq` with no arguments, its history in `data`, colour off.
    fn command(data: &Path) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_planq"));
        cmd.env("PLANQ_DATA_DIR", data)
            .env("HOME", data)
            .env("NO_COLOR", "1")
            .env("TERM", "xterm")
            // A tall result must not wait in `less` for a key no test sends.
            .env("PAGER", "cat")
            .env_remove("PLANQ_HISTORY");
        // SAFETY: the hook only calls setrlimit(2), which is async-signal-safe.
        unsafe {
            cmd.pre_exec(|| {
                let limit = libc::rlimit {
                    rlim_cur: MEMORY_LIMIT,
                    rlim_max: MEMORY_LIMIT,
                };
                libc::setrlimit(libc::RLIMIT_AS, &limit);
                Ok(())
            });
        }
        cmd
    }

    /// Starts `cmd` on a 120×40 pseudo-terminal and waits for the banner (not the prompt).
    fn spawn(cmd: Command) -> Repl {
        let mut session = Session::spawn(cmd).expect("spawn planq on a pty");
        session
            .get_process_mut()
            .set_window_size(120, 40)
            .expect("set the window size");
        session.set_expect_timeout(Some(Duration::from_secs(20)));
        let mut repl = Repl { session };
        repl.expect("documents");
        repl
    }

    /// Starts `planq` like [`Repl::start`], with `pager` as its `$PAGER`.
    fn start_with_pager(data: &Path, pager: &Path) -> Repl {
        let mut cmd = Repl::command(data);
        cmd.env("PAGER", pager);
        let mut repl = Repl::spawn(cmd);
        repl.expect(PROMPT);
        repl
    }

    fn send(&mut self, keys: impl AsRef<[u8]>) {
        self.session.send(keys).expect("write to the pty");
    }

    /// Types `line`, presses Enter.
    fn enter(&mut self, line: &str) {
        self.send(line);
        self.send(ENTER);
    }

    /// Waits for `text` on the screen and returns what came up to it and with it; on
    /// timeout, fails showing what did arrive.
    fn expect(&mut self, text: &str) -> String {
        match self.session.expect(text) {
            Ok(found) => String::from_utf8_lossy(found.as_bytes()).into_owned(),
            Err(e) => {
                let seen = self
                    .session
                    .check(Regex("(?s).+"))
                    .map(|c| String::from_utf8_lossy(c.as_bytes()).into_owned())
                    .unwrap_or_default();
                panic!(
                    "waiting for {text:?}: {e}\n--- screen output since the last match ---\n{seen}"
                );
            }
        }
    }

    /// Leaves with `.quit` and waits for the process to end.
    fn quit(mut self) {
        self.enter(".quit");
        self.expect_exit();
    }

    fn expect_exit(&mut self) {
        if let Err(e) = self.session.expect(Eof) {
            panic!("planq did not exit: {e}");
        }
    }
}

fn data_dir() -> TempDir {
    tempfile::tempdir().expect("a temporary data directory")
}

/// A pager that notes each time it runs in `dir/paged`, then shows its input with `cat`;
/// returns the script and the note's path.
fn noting_pager(dir: &Path) -> (PathBuf, PathBuf) {
    use std::os::unix::fs::PermissionsExt;
    let (script, note) = (dir.join("pager.sh"), dir.join("paged"));
    let body = format!("#!/bin/sh\necho paged >> '{}'\ncat\n", note.display());
    std::fs::write(&script, body).expect("write the pager script");
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755))
        .expect("make the pager script executable");
    (script, note)
}

/// How many times the pager of [`noting_pager`] has run.
fn times_paged(note: &Path) -> usize {
    std::fs::read_to_string(note).map_or(0, |text| text.lines().count())
}

/// Lines as the terminal shows them, each ended by CR LF.
fn screen_lines(lines: &[&str]) -> String {
    lines.iter().map(|line| format!("{line}\r\n")).collect()
}

/// A seed document repeated `times` over, written into `dir`: slow enough to load that
/// Ctrl-C lands while it does.
fn big_document(dir: &Path, times: usize) -> PathBuf {
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds/002_df7bbdd99b3e2ff6.txt");
    let text = std::fs::read_to_string(seed).expect("a seed document");
    let path = dir.join("big.txt");
    std::fs::write(&path, text.repeat(times)).expect("write the big document");
    path
}

#[test]
fn a_query_prints_its_table() {
    let dir = data_dir();
    let mut repl = Repl::start(dir.path());
    repl.enter("docs select region, kind order by region");
    repl.expect("five_year_plan");
    repl.expect("5 rows");
    repl.expect(PROMPT);
    repl.quit();
}

#[test]
fn an_unfinished_query_continues_on_the_next_line() {
    let dir = data_dir();
    let mut repl = Repl::start(dir.path());
    repl.enter("tasks where");
    repl.expect("  ...> ");
    // Ctrl-J, which some terminals send for Enter, continues the same way.
    repl.send("doc.region = \"沂源县\" and\n");
    repl.expect("  ...> ");
    repl.enter("no < 3 select no, title");
    repl.expect("加强关键核心技术攻关");
    repl.expect("2 rows");
    repl.expect(PROMPT);
    repl.quit();
}

#[test]
fn tab_completes_a_department_from_a_prefix() {
    let dir = data_dir();
    let mut repl = Repl::start(dir.path());
    repl.send("tasks where lead = \"区经济发");
    repl.send(TAB);
    // The closing quote comes with the completion.
    repl.expect("区经济发展局\"");
    repl.enter(" select no limit 3");
    repl.expect("3 rows");
    repl.expect(PROMPT);
    repl.quit();
}

#[test]
fn tab_completes_offices_and_units_by_pinyin() {
    let dir = data_dir();
    let mut repl = Repl::start(dir.path());
    // Whole pinyin: one office reads so, and Tab writes it with its closing quote.
    repl.send("units where office = \"caizheng");
    repl.send(TAB);
    repl.expect("财政\"");
    repl.enter(" select count()");
    repl.expect("28");
    repl.expect("1 row");
    repl.expect(PROMPT);
    // Initials: several units read so; a second Tab lists them.
    repl.send("tasks where lead = \"fgj");
    repl.send(TAB);
    repl.send(TAB);
    repl.expect("区发展和改革局");
    repl.expect("县发展改革局");
    repl.send(CTRL_C);
    repl.expect(PROMPT);
    repl.quit();
}

#[test]
fn tab_completes_keywords_and_fields() {
    let dir = data_dir();
    let mut repl = Repl::start(dir.path());
    repl.send("docs wh");
    repl.send(TAB);
    repl.send("kin");
    repl.send(TAB);
    repl.expect("docs where kind");
    repl.enter(" = \"five_year_plan\" select file");
    repl.expect("001_70bbf6938fcb4631.txt");
    repl.expect("1 row");
    repl.expect(PROMPT);
    repl.quit();
}

#[test]
fn dot_commands_answer() {
    let dir = data_dir();
    let mut repl = Repl::start(dir.path());
    repl.enter(".docs");
    repl.expect("warnings");
    repl.expect("003_0bd5adcbd4f51cd8.txt");
    repl.expect(PROMPT);
    repl.enter(".show 沂源县 1");
    repl.expect("加快高能级创新平台建设");
    repl.expect("source    003_0bd5adcbd4f51cd8.txt:");
    repl.expect(PROMPT);
    repl.enter(".hlep");
    repl.expect("did you mean .help?");
    repl.expect(PROMPT);
    repl.quit();
}

#[test]
fn an_error_does_not_end_the_session() {
    let dir = data_dir();
    let mut repl = Repl::start(dir.path());
    repl.enter("taks limit 1");
    repl.expect("did you mean `tasks`?");
    repl.expect(PROMPT);
    repl.enter("docs select region");
    repl.expect("5 rows");
    repl.expect(PROMPT);
    repl.quit();
}

#[test]
fn history_is_there_after_a_restart() {
    let dir = data_dir();
    let mut first = Repl::start(dir.path());
    first.enter("docs select date order by date");
    first.expect("2021-12-11");
    first.expect(PROMPT);
    first.quit();
    let saved = std::fs::read_to_string(dir.path().join("history.txt")).expect("history file");
    assert!(saved.contains("docs select date order by date"), "{saved}");

    let mut second = Repl::start(dir.path());
    // The newest entry is the `.quit`; the query is one further back.
    second.send(UP);
    second.expect(".quit");
    second.send(UP);
    second.expect("docs select date order by date");
    second.send(ENTER);
    second.expect("2021-12-11");
    second.expect(PROMPT);
    second.quit();
}

#[test]
fn ctrl_c_clears_the_line_and_ctrl_d_leaves() {
    let dir = data_dir();
    let mut repl = Repl::start(dir.path());
    repl.send("tasks wh");
    repl.send(CTRL_C);
    // Had the line survived, this would read `tasks whdocs …` and fail.
    repl.enter("docs select region");
    repl.expect("5 rows");
    repl.expect(PROMPT);
    repl.send(CTRL_D);
    repl.expect_exit();
}

#[test]
fn output_to_a_file_and_read_a_script() {
    let dir = data_dir();
    let script = dir.path().join("regions.pq");
    let out = dir.path().join("out.csv");
    std::fs::write(
        &script,
        "-- the regions\ndocs select region order by region;\n",
    )
    .expect("write script");
    let mut repl = Repl::start(dir.path());
    repl.enter(".format csv");
    repl.expect(PROMPT);
    repl.enter(&format!(".output {}", out.display()));
    repl.expect("results go to");
    repl.expect(PROMPT);
    repl.enter(&format!(".read {}", script.display()));
    repl.expect("5 rows written to");
    repl.expect(PROMPT);
    repl.enter(".output");
    repl.expect("results go to the screen");
    repl.expect(PROMPT);
    repl.quit();
    let written = std::fs::read_to_string(&out).expect("output file");
    assert!(written.starts_with("region\n"), "{written}");
    assert_eq!(written.lines().count(), 6, "{written}");
}

#[test]
fn a_line_that_is_not_utf8_is_ignored_and_the_session_goes_on() {
    let dir = data_dir();
    let mut repl = Repl::start(dir.path());
    // A stray byte mid-line; what follows it in the same paste goes too.
    repl.send(b"docs select reg\xffion\r");
    repl.expect("error: input is not valid UTF-8; line ignored");
    repl.expect(PROMPT);
    // 创新 as a GBK terminal sends it.
    repl.send(b"tasks where text ~ \"\xb4\xb4\xd0\xc2\" select no\r");
    repl.expect("error: input is not valid UTF-8; line ignored");
    repl.expect(PROMPT);
    repl.enter("docs select region");
    let screen = repl.expect("5 rows");
    // Had the rest of a bad line run on its own, there would be an error here.
    assert!(!screen.contains("error"), "{screen}");
    repl.expect(PROMPT);
    repl.quit();
}

#[test]
fn ctrl_c_cancels_a_load_and_the_session_goes_on() {
    let dir = data_dir();
    // Big enough that the load is still running when Ctrl-C comes, in either build.
    let copies = if cfg!(debug_assertions) { 100 } else { 800 };
    let big = big_document(dir.path(), copies);
    let mut repl = Repl::start(dir.path());
    repl.enter(&format!(".load {}", big.display()));
    // Let the line editor hand the line over, so Ctrl-C is a signal, not a key.
    std::thread::sleep(Duration::from_millis(500));
    let pressed = Instant::now();
    repl.send(CTRL_C);
    repl.expect("cancelled");
    repl.expect(PROMPT);
    assert!(
        pressed.elapsed() < Duration::from_secs(2),
        "{:?}",
        pressed.elapsed()
    );
    // The load was dropped: the seeds alone.
    repl.enter("docs select region");
    repl.expect("5 rows");
    repl.expect(PROMPT);
    repl.quit();
}

#[test]
fn ctrl_c_cancels_a_running_script_and_the_session_goes_on() {
    let dir = data_dir();
    let script = dir.path().join("slow.pq");
    std::fs::write(
        &script,
        "tasks select no, title, text order by text;\n".repeat(5000),
    )
    .expect("write script");
    let out = dir.path().join("out.txt");
    let mut repl = Repl::start(dir.path());
    repl.enter(&format!(".output {}", out.display()));
    repl.expect(PROMPT);
    repl.enter(&format!(".read {}", script.display()));
    repl.expect("rows written to");
    repl.send(CTRL_C);
    repl.expect("cancelled");
    repl.expect(PROMPT);
    repl.enter(".output");
    repl.expect("results go to the screen");
    repl.enter("docs select region");
    repl.expect("5 rows");
    repl.expect(PROMPT);
    repl.quit();
}

/// A query of about `bytes` bytes whose string holds numbered words, so the screen shows how
/// far it has been typed.
fn long_query(bytes: usize) -> (String, Vec<String>) {
    let words: Vec<String> = (0..bytes / 7).map(|i| format!("w{i:05}")).collect();
    let query = format!("tasks where text ~ \"{}\" select no", words.join(" "));
    (query, words)
}

#[test]
fn a_100_kb_paste_is_answered() {
    let dir = data_dir();
    let mut repl = Repl::start(dir.path());
    let query = format!("tasks where text ~ \"{}\" select no", "创新".repeat(17_000));
    assert!(query.len() > 100_000);
    repl.send(format!("{PASTE_START}{query}{PASTE_END}{ENTER}"));
    repl.expect("(no rows)");
    repl.expect(PROMPT);
    repl.enter("docs select region");
    repl.expect("5 rows");
    repl.quit();
}

#[test]
fn a_long_line_typed_key_by_key_is_not_redrawn_on_every_key() {
    let dir = data_dir();
    let mut repl = Repl::start(dir.path());
    let (query, words) = long_query(40_000);
    // Type it a piece at a time, reading the echo between pieces, so neither side of the
    // terminal fills up and blocks the other.
    let mut screen_bytes = 0;
    let mut typed = 0;
    for chunk in words.chunks(100) {
        let last = chunk.last().expect("a word");
        let end = query.find(last.as_str()).expect("the word is in the query") + last.len();
        repl.send(&query[typed..end]);
        typed = end;
        screen_bytes += repl.expect(last).len();
    }
    repl.enter(&query[typed..]);
    screen_bytes += repl.expect("(no rows)").len();
    // Redrawing the whole line on each key would write some 800 MB; drawing each key once
    // and the whole line when it wraps (every 120 keys) writes about 15 MB.
    assert!(
        screen_bytes < 50_000_000,
        "{screen_bytes} bytes on the screen"
    );
    repl.expect(PROMPT);
    repl.quit();
}

#[test]
fn a_history_path_that_is_not_a_regular_file_is_refused() {
    let dir = data_dir();
    let fifo = dir.path().join("history.fifo");
    let c_path = std::ffi::CString::new(fifo.to_str().expect("a UTF-8 path")).expect("no NUL");
    // SAFETY: mkfifo(3) with a NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o600) }, 0, "mkfifo");
    // Reading a FIFO would wait for a writer for ever; /dev/zero would never end its line.
    for history in [fifo.as_path(), Path::new("/dev/zero")] {
        let mut cmd = Repl::command(dir.path());
        cmd.env("PLANQ_HISTORY", history);
        let mut repl = Repl::spawn(cmd);
        repl.expect(&format!(
            "history will not be kept ({}: not a regular file)",
            history.display()
        ));
        repl.expect(PROMPT);
        repl.enter("docs select region");
        repl.expect("5 rows");
        repl.expect(PROMPT);
        repl.quit();
    }
}

/// `.load` takes several files of any format planq reads, and `.show` gives the place of
/// a workbook task by sheet and row.
#[test]
fn load_takes_office_files_and_show_gives_their_place() {
    let data = data_dir();
    let mut repl = Repl::start(data.path());
    let dir = env!("CARGO_MANIFEST_DIR");
    repl.enter(&format!(
        ".load {dir}/tests/fixtures/office/ledger.xlsx {dir}/tests/fixtures/office/page.html"
    ));
    repl.expect("read ledger.xlsx: 望江岭县 annual_tasks, 6 tasks, 9 targets, 0 warnings");
    repl.expect("read page.html: 松阳河区 annual_tasks, 8 tasks");
    repl.enter(".show 望江岭县 2");
    repl.expect("8 万平方米 — 新建厂房 (sheet 任务台账 row 4)");
    repl.expect("source    ledger.xlsx:sheet 任务台账 row 4");
    repl.quit();
}

/// The multi-line example in docs/repl.md, typed as it stands there: each line continues the
/// statement, and the last one runs it.
#[test]
fn the_multi_line_example_in_the_docs_runs_as_written() {
    let dir = data_dir();
    let mut repl = Repl::start(dir.path());
    repl.enter("tasks where doc.region = \"沂源县\" and");
    repl.expect("  ...> ");
    repl.enter("no < 3 |");
    repl.expect("  ...> ");
    repl.enter("select no, title");
    repl.expect(&screen_lines(&[
        "┌────┬────────────────────────┐",
        "│ no ┆ title                  │",
        "╞════╪════════════════════════╡",
        "│  1 ┆ 加快高能级创新平台建设 │",
        "│  2 ┆ 加强关键核心技术攻关   │",
        "└────┴────────────────────────┘",
        "2 rows",
    ]));
    repl.expect(PROMPT);
    repl.quit();
}

#[test]
fn tables_and_schema_are_sources_and_fields() {
    let dir = data_dir();
    let mut repl = Repl::start(dir.path());
    repl.enter(".tables");
    repl.expect("\r\n│ source     ┆ rows ┆ fields ");
    repl.expect("\r\n│ docs       ┆    5 ┆ file, kind, region, ");
    repl.expect("7 rows");
    repl.expect(PROMPT);
    repl.enter(".schema tasks");
    repl.expect("\r\n│ source ┆ field       ┆ type     ┆ doc ");
    repl.expect("\r\n│ tasks  ┆ no          ┆ number   ┆ the task number as printed ");
    repl.expect("\r\n│ tasks  ┆ title       ┆ text     ┆ text before the first 。 ");
    repl.expect(PROMPT);
    // With no source, every source's fields.
    repl.enter(".schema");
    repl.expect("\r\n│ docs       ┆ file ");
    repl.expect("\r\n│ columns    ┆ ");
    repl.expect(PROMPT);
    repl.quit();
}

#[test]
fn once_sends_one_result_to_a_file() {
    let dir = data_dir();
    let out = dir.path().join("kinds.csv");
    let mut repl = Repl::start(dir.path());
    repl.enter(".format csv");
    repl.expect(PROMPT);
    repl.enter(&format!(".once {}", out.display()));
    repl.expect(&format!("the next result goes to {}", out.display()));
    repl.expect(PROMPT);
    repl.enter("docs select kind order by kind");
    repl.expect(&format!("5 rows written to {}", out.display()));
    repl.expect(PROMPT);
    repl.enter("docs | count");
    repl.expect("count\r\n5\r\n");
    repl.expect(PROMPT);
    repl.quit();
    let written = std::fs::read_to_string(&out).expect("the .once file");
    assert_eq!(
        written,
        "kind\nannual_tasks\nannual_tasks\nannual_tasks\nannual_tasks\nfive_year_plan\n"
    );
}

#[test]
fn bail_off_runs_the_statements_after_an_error() {
    let dir = data_dir();
    let script = dir.path().join("mixed.pq");
    std::fs::write(&script, "docs | count;\ntaks;\ntasks | count;\n").expect("write script");
    let line = "tasks | count; taks; docs | count";
    let mut repl = Repl::start(dir.path());
    repl.enter(".bail");
    repl.expect("bail: on");
    // By default the first error ends the line and the script.
    repl.enter(line);
    repl.expect("│   305 │");
    repl.expect("did you mean `tasks`?");
    let rest = repl.expect(PROMPT);
    assert!(!rest.contains("│     5 │"), "{rest}");
    repl.enter(&format!(".read {}", script.display()));
    repl.expect("│     5 │");
    repl.expect("did you mean `tasks`?");
    let rest = repl.expect(PROMPT);
    assert!(!rest.contains("│   305 │"), "{rest}");

    repl.enter(".bail off");
    repl.expect(PROMPT);
    repl.enter(line);
    repl.expect("│   305 │");
    repl.expect("did you mean `tasks`?");
    repl.expect("│     5 │");
    repl.expect(PROMPT);
    repl.enter(&format!(".read {}", script.display()));
    repl.expect("│     5 │");
    repl.expect("mixed.pq:2:1");
    repl.expect("│   305 │");
    repl.expect(PROMPT);
    repl.quit();
}

#[test]
fn last_shows_the_previous_result_uncut() {
    let dir = data_dir();
    let (pager, note) = noting_pager(dir.path());
    let mut repl = Repl::start_with_pager(dir.path(), &pager);
    repl.enter(".last");
    repl.expect("no result yet: .last shows the previous query's result again");
    repl.expect(PROMPT);
    repl.enter("tasks where doc.region = \"沂源县\" and no = 1 select no, title, text");
    // On 120 columns the text is cut after three lines…
    repl.expect("全县各类国家…  │\r\n└");
    repl.expect(PROMPT);
    assert_eq!(times_paged(&note), 0, "a short result prints directly");
    // …and .last gives all of it, on one line wider than the screen, so through the pager.
    let full = "力争新增5家市级创新平台、2家省级创新平台,全县各类国家级、省级创新平台达到44家。\
                (县科技局牵头,县发展改革局等部门配合) │\r\n";
    repl.enter(".last");
    repl.expect(full);
    repl.expect("1 row");
    repl.expect(PROMPT);
    assert_eq!(times_paged(&note), 1);
    repl.enter(".pager off");
    repl.expect(PROMPT);
    repl.enter(".last");
    repl.expect(full);
    repl.expect(PROMPT);
    assert_eq!(times_paged(&note), 1, ".pager off pipes nothing");
    repl.quit();
}

#[test]
fn a_tall_result_goes_through_the_pager_and_a_short_one_does_not() {
    let dir = data_dir();
    let (pager, note) = noting_pager(dir.path());
    let mut repl = Repl::start_with_pager(dir.path(), &pager);
    repl.enter("docs | count");
    repl.expect("1 row");
    repl.expect(PROMPT);
    assert_eq!(times_paged(&note), 0);
    repl.enter("tasks");
    repl.expect("305 rows");
    repl.expect(PROMPT);
    assert_eq!(times_paged(&note), 1);
    repl.enter(".pager");
    repl.expect("pager: on");
    repl.quit();
}

#[test]
fn a_pager_that_cannot_start_is_named_once_and_results_print() {
    let dir = data_dir();
    let missing = dir.path().join("no-such-pager");
    let mut repl = Repl::start_with_pager(dir.path(), &missing);
    repl.enter("tasks");
    repl.expect(&format!(
        "error: the pager `{}` could not run; results print directly (.pager on to retry)",
        missing.display()
    ));
    repl.expect("305 rows");
    repl.expect(PROMPT);
    repl.enter("tasks");
    let again = repl.expect("305 rows");
    assert!(!again.contains("could not run"), "{again}");
    repl.expect(PROMPT);
    repl.enter(".pager");
    repl.expect("pager: off");
    repl.quit();
}

#[test]
fn results_piped_out_never_page() {
    use std::io::Write;
    let dir = data_dir();
    let (pager, note) = noting_pager(dir.path());
    let mut child = Command::new(env!("CARGO_BIN_EXE_planq"))
        .env("PAGER", &pager)
        .env("PLANQ_DATA_DIR", dir.path())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("start planq");
    child
        .stdin
        .take()
        .expect("planq's stdin")
        .write_all(b"tasks\n")
        .expect("write the query");
    let out = child.wait_with_output().expect("planq ends");
    assert!(String::from_utf8_lossy(&out.stdout).contains("305 rows"));
    assert_eq!(times_paged(&note), 0);
}

#[test]
fn tab_completes_the_new_commands_arguments() {
    let dir = data_dir();
    let target = dir.path().join("once-target.csv");
    std::fs::write(&target, "").expect("write a file to complete");
    let mut repl = Repl::start(dir.path());
    repl.send(".bail of");
    repl.send(TAB);
    repl.expect(".bail off");
    repl.send(ENTER);
    repl.expect(PROMPT);
    repl.enter(".bail");
    repl.expect("bail: off");
    repl.send(".pager of");
    repl.send(TAB);
    repl.expect(".pager off");
    repl.send(ENTER);
    repl.expect(PROMPT);
    repl.enter(".pager");
    repl.expect("pager: off");
    repl.send(format!(".once {}/once-t", dir.path().display()));
    repl.send(TAB);
    repl.expect("once-target.csv");
    repl.send(ENTER);
    repl.expect("the next result goes to");
    repl.expect(PROMPT);
    repl.quit();
}

#[test]
fn backslash_x_and_mode_record_show_one_field_per_line() {
    let dir = data_dir();
    let mut repl = Repl::start(dir.path());
    repl.enter("\\x");
    repl.expect("record view on (format: record)");
    repl.expect(PROMPT);
    repl.enter("docs where region = \"沂源县\" select region, doc_number");
    repl.expect(&screen_lines(&[
        "-[ 1 ]---------------------------",
        "region     │ 沂源县",
        "doc_number │ 源政办字〔2023〕21号",
        "1 row",
    ]));
    repl.expect(PROMPT);
    repl.enter("\\x");
    repl.expect("record view off (format: table)");
    repl.expect(PROMPT);
    repl.enter(".mode record");
    repl.expect(PROMPT);
    repl.enter(".format");
    repl.expect("format: record");
    repl.expect(PROMPT);
    repl.quit();
}

#[test]
fn let_names_a_query_for_later_statements() {
    let dir = data_dir();
    let mut repl = Repl::start(dir.path());
    repl.enter("let solar = targets where metric matches /光伏/");
    repl.expect("defined solar: 3 rows");
    repl.expect(PROMPT);
    repl.enter(".format csv");
    repl.expect(PROMPT);
    repl.enter("solar where amount is power select doc.region, value, unit");
    repl.expect("doc.region,value,unit\r\n文昌湖区,1,万千瓦\r\n沂源县,70,万千瓦\r\n");
    repl.expect(PROMPT);
    repl.enter("slar | count");
    repl.expect("did you mean `solar`?");
    repl.expect(PROMPT);
    repl.quit();
}

#[test]
fn asof_sets_the_day_pace_is_judged_on() {
    let dir = data_dir();
    let mut repl = Repl::start(dir.path());
    repl.enter(
        ".load tests/fixtures/supervision/plan.txt tests/fixtures/supervision/report_q2.txt",
    );
    repl.expect(PROMPT);
    repl.enter(".asof 2025-07-15");
    repl.expect("as of: 2025-07-15");
    repl.expect(PROMPT);
    repl.enter(".format csv");
    repl.expect(PROMPT);
    repl.enter("tasks where doc.kind = \"annual_tasks\" and overdue select no");
    repl.expect("no\r\n8\r\n13\r\n");
    repl.expect(PROMPT);
    repl.enter(".asof 2025-13-01");
    repl.expect("`2025-13-01` is not a day: .asof 2025-07-15");
    repl.expect(PROMPT);
    repl.quit();
}

#[test]
fn tab_completes_a_named_query_and_its_fields() {
    let dir = data_dir();
    let mut repl = Repl::start(dir.path());
    repl.enter("let solar = targets where metric matches /光伏/");
    repl.expect("defined solar: 3 rows");
    repl.expect(PROMPT);
    repl.send("sol");
    repl.send(TAB);
    repl.send("where metr");
    repl.send(TAB);
    repl.expect("solar where metric");
    repl.enter(" ~ \"装机\" | count");
    repl.expect("│     2 │");
    repl.expect(PROMPT);
    repl.quit();
}
