//! The REPL driven through a pseudo-terminal, as a person types into it: the real binary,
//! keys in, screen text out. Each test has its own data directory (so its own history),
//! colour off so the text can be matched, and a bound on every wait.

use expectrl::{Eof, Regex, Session};
use std::path::Path;
use std::process::Command;
use std::time::Duration;
use tempfile::TempDir;

const ENTER: &str = "\r";
const TAB: &str = "\t";
const UP: &str = "\x1b[A";
const CTRL_C: &str = "\x03";
const CTRL_D: &str = "\x04";
const PROMPT: &str = "planq> ";

/// A running REPL.
struct Repl {
    session: Session,
}

impl Repl {
    /// Starts `planq` with no arguments on a 120×40 pseudo-terminal, keeping its history in
    /// `data`, and waits for the first prompt.
    fn start(data: &Path) -> Repl {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_planq"));
        cmd.env("PLANQ_DATA_DIR", data)
            .env("HOME", data)
            .env("NO_COLOR", "1")
            .env("TERM", "xterm")
            .env_remove("PLANQ_HISTORY");
        let mut session = Session::spawn(cmd).expect("spawn planq on a pty");
        session
            .get_process_mut()
            .set_window_size(120, 40)
            .expect("set the window size");
        session.set_expect_timeout(Some(Duration::from_secs(20)));
        let mut repl = Repl { session };
        repl.expect("documents");
        repl.expect(PROMPT);
        repl
    }

    fn send(&mut self, keys: &str) {
        self.session.send(keys).expect("write to the pty");
    }

    /// Types `line`, presses Enter.
    fn enter(&mut self, line: &str) {
        self.send(line);
        self.send(ENTER);
    }

    /// Waits for `text` on the screen; on timeout, fails showing what did arrive.
    fn expect(&mut self, text: &str) {
        if let Err(e) = self.session.expect(text) {
            let seen = self
                .session
                .check(Regex("(?s).+"))
                .map(|c| String::from_utf8_lossy(c.as_bytes()).into_owned())
                .unwrap_or_default();
            panic!("waiting for {text:?}: {e}\n--- screen output since the last match ---\n{seen}");
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
