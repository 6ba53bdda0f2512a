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
    let big = big_document(dir.path(), 100);
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
