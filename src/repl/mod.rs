//! The interactive session (rustyline): banner, multi-line input, completion, history, dot
//! commands. This file is the loop; `input` decides what a read gives, `session` does what a
//! line asks (with Ctrl-C caught, see `interrupt`), `helper` serves the editor as one types.

mod commands;
mod complete;
#[cfg(test)]
mod fixture;
mod help;
mod helper;
mod highlight;
mod history;
mod input;
mod interrupt;
mod lex;
mod listing;
mod pager;
mod pinyin;
mod session;
mod show;
mod sink;
mod term;
mod vocab;

use crate::model::Corpus;
use crate::output::Format;
use helper::{CtrlC, Enter, PlanqHelper};
use input::{Next, Reads};
use rustyline::history::FileHistory;
use rustyline::{
    ColorMode, CompletionType, Config, Editor, EventHandler, KeyCode, KeyEvent, Modifiers,
};
use session::{Flow, Session};
use std::process::ExitCode;
use vocab::Vocab;

type LineEditor = Editor<PlanqHelper, FileHistory>;

/// Runs the REPL over `corpus` until the user exits; results print in `format`.
pub fn run(
    corpus: Corpus,
    format: Format,
    as_of: chrono::NaiveDate,
    read_options: crate::ingest::ReadOptions,
) -> ExitCode {
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
    let mut history = history::path().and_then(|path| history::open(&mut editor, path));
    let mut session = Session::new(corpus, format, color, as_of);
    session.read_options = read_options;
    let mut reads = Reads::default();
    loop {
        let line = match reads.next(editor.readline(highlight::PROMPT), color) {
            Next::Line(line) => line,
            Next::Prompt => continue,
            Next::Leave => break,
            Next::GiveUp => return ExitCode::from(2),
        };
        // Until the line is done, Ctrl-C cancels it rather than ending planq.
        let _ctrl_c = interrupt::CatchCtrlC::install();
        // A forced run from an empty continuation line leaves an indent behind.
        let entry = line.trim_end();
        if !entry.trim().is_empty() {
            history::remember(&mut editor, &mut history, entry);
        }
        let flow = session.execute(entry);
        // A `let` may have named a query: later statements complete from it.
        if let Some(helper) = editor.helper_mut() {
            helper.vocab.lets = session.let_sources();
        }
        match flow {
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
        // A paste arrives as one edit and one redraw, not key by key (rustyline's default, set
        // here so it stays; `highlight::LONG_LINE` keeps terminals without it bearable).
        .bracketed_paste(true)
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
