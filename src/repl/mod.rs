//! The interactive session (rustyline): banner, multi-line input, completion, history, dot
//! commands. This file is the loop; `session` does what a line asks, `helper` serves the
//! line editor while the user types.

mod commands;
mod complete;
#[cfg(test)]
mod fixture;
mod help;
mod helper;
mod highlight;
mod history;
mod lex;
mod listing;
mod session;
mod show;
mod term;
mod vocab;

use crate::model::Corpus;
use crate::output::Format;
use helper::{CtrlC, Enter, PlanqHelper};
use rustyline::error::ReadlineError;
use rustyline::history::FileHistory;
use rustyline::{
    ColorMode, CompletionType, Config, Editor, EventHandler, KeyCode, KeyEvent, Modifiers,
};
use session::{Flow, Session};
use std::path::PathBuf;
use std::process::ExitCode;
use vocab::Vocab;

type LineEditor = Editor<PlanqHelper, FileHistory>;

/// Runs the REPL over `corpus` until the user exits; results print in `format`.
pub fn run(corpus: Corpus, format: Format) -> ExitCode {
    let color = term::color_wanted();
    let vocab = Vocab::from_corpus(&corpus);
    println!("{}", banner(&corpus, &vocab, color));
    let mut editor = match editor(vocab, color) {
        Ok(editor) => editor,
        Err(e) => {
            eprintln!("planq: cannot start the line editor: {e}");
            return ExitCode::from(2);
        }
    };
    let mut history = history::path().and_then(|path| open_history(&mut editor, path));
    let mut session = Session::new(corpus, format, color);
    loop {
        let line = match editor.readline(highlight::PROMPT) {
            Ok(line) => line,
            // Ctrl-C drops what was typed and gives a fresh prompt, as in a shell.
            Err(ReadlineError::Interrupted) => continue,
            Err(ReadlineError::Eof) => break,
            Err(e) => {
                eprintln!("planq: {e}");
                return ExitCode::from(2);
            }
        };
        // A forced run from an empty continuation line leaves an indent behind.
        let entry = line.trim_end();
        if !entry.trim().is_empty() {
            remember(&mut editor, &mut history, entry);
        }
        match session.execute(entry) {
            Flow::Continue => {}
            Flow::Reloaded => {
                if let Some(helper) = editor.helper_mut() {
                    helper.vocab = Vocab::from_corpus(&session.corpus);
                }
            }
            Flow::Quit => break,
        }
    }
    ExitCode::SUCCESS
}

fn editor(vocab: Vocab, color: bool) -> rustyline::Result<LineEditor> {
    let config = Config::builder()
        .max_history_size(10_000)?
        .history_ignore_dups(true)?
        .history_ignore_space(true)
        .completion_type(CompletionType::List)
        // The helper leaves colour out itself when it is not wanted, but still draws the
        // continuation prompt, so rustyline must always call it.
        .color_mode(ColorMode::Enabled)
        .build();
    let mut editor = LineEditor::with_config(config)?;
    editor.set_helper(Some(PlanqHelper::new(vocab, color)));
    // Ctrl-J and Ctrl-M are Enter too (some terminals and drivers send them).
    for key in [
        KeyEvent(KeyCode::Enter, Modifiers::NONE),
        KeyEvent::ctrl('J'),
        KeyEvent::ctrl('M'),
    ] {
        editor.bind_sequence(key, EventHandler::Conditional(Box::new(Enter)));
    }
    editor.bind_sequence(
        KeyEvent::ctrl('C'),
        EventHandler::Conditional(Box::new(CtrlC)),
    );
    Ok(editor)
}

/// Loads earlier sessions' history; returns where to keep adding to it, or `None` (with a
/// warning) if there is nowhere to keep it.
fn open_history(editor: &mut LineEditor, path: PathBuf) -> Option<PathBuf> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        if let Err(e) = std::fs::create_dir_all(dir) {
            eprintln!("planq: history will not be kept ({}: {e})", dir.display());
            return None;
        }
    }
    if path.exists() {
        if let Err(e) = editor.load_history(&path) {
            eprintln!("planq: could not read history {}: {e}", path.display());
        }
    }
    Some(path)
}

/// Adds an entry to history and appends it to the file at once, so a killed session
/// keeps what it was asked.
fn remember(editor: &mut LineEditor, history: &mut Option<PathBuf>, entry: &str) {
    let _ = editor.add_history_entry(entry);
    if let Some(path) = history.as_ref() {
        if let Err(e) = editor.append_history(path) {
            eprintln!("planq: history will not be kept ({}: {e})", path.display());
            *history = None;
        }
    }
}

fn banner(corpus: &Corpus, vocab: &Vocab, color: bool) -> String {
    let tasks: usize = corpus.documents.iter().map(|d| d.tasks.len()).sum();
    let targets: usize = corpus.documents.iter().map(|d| d.target_count()).sum();
    let loaded = format!(
        "{} documents · {tasks} tasks · {} units · {targets} targets",
        corpus.documents.len(),
        vocab.departments().len()
    );
    let version = format!("planq {}", env!("CARGO_PKG_VERSION"));
    format!(
        "{} — {loaded}\nTry  {}\n.help for the language and commands · Tab completes · Ctrl-D leaves",
        term::paint(&version, "1", color),
        help::TRY,
    )
}
