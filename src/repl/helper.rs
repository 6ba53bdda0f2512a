//! The rustyline helper: completion, hints, highlighting and validation in one place, plus
//! the Enter key that continues an unfinished query under a continuation prompt.

use super::commands::{self, Spec, COMMANDS};
use super::complete::{self, matching};
use super::highlight::{self, DIM, INDENT, LONG_LINE};
use super::lex::{self, Kind};
use super::term::paint;
use super::vocab::Vocab;
use crate::query::{self, Completeness};
use rustyline::completion::{Completer, FilenameCompleter, Pair};
use rustyline::highlight::Highlighter;
use rustyline::hint::{Hinter, HistoryHinter};
use rustyline::validate::{ValidationContext, ValidationResult, Validator};
use rustyline::{
    Cmd, ConditionalEventHandler, Context, Event, EventContext, Helper, Movement, RepeatCount,
};
use std::borrow::Cow;

/// Everything the line editor asks us while the user types.
#[derive(Helper)]
pub struct PlanqHelper {
    /// Names to complete inside strings; replaced when `.load` adds documents.
    pub vocab: Vocab,
    color: bool,
    history: HistoryHinter,
    files: FilenameCompleter,
}

impl PlanqHelper {
    pub fn new(vocab: Vocab, color: bool) -> Self {
        PlanqHelper {
            vocab,
            color,
            history: HistoryHinter::new(),
            files: FilenameCompleter::new(),
        }
    }

    fn complete_command(
        &self,
        line: &str,
        pos: usize,
        ctx: &Context<'_>,
    ) -> rustyline::Result<(usize, Vec<Pair>)> {
        let before = &line[..pos];
        let typed = before.trim_start();
        let Some((word, rest)) = typed.split_once(char::is_whitespace) else {
            let names = COMMANDS
                .iter()
                .filter(|c| c.word.starts_with(&typed.to_ascii_lowercase()))
                .map(|c| Pair {
                    display: c.word.to_owned(),
                    replacement: format!("{} ", c.word),
                })
                .collect();
            return Ok((pos - typed.len(), names));
        };
        match commands::argument_choices(word, self.vocab.regions()) {
            None => self.files.complete(line, pos, ctx),
            Some(choices) => {
                let arg = rest.trim_start();
                let choices: Vec<&str> = choices.iter().map(String::as_str).collect();
                let pairs = matching(&choices, arg, false)
                    .into_iter()
                    .map(|c| Pair {
                        display: c.to_owned(),
                        replacement: format!("{c} "),
                    })
                    .collect();
                Ok((pos - arg.len(), pairs))
            }
        }
    }
}

/// A dot command, as opposed to a query.
pub fn is_command(input: &str) -> bool {
    // `\x` too, as psql spells its record-view toggle.
    input.trim_start().starts_with(['.', '\\'])
}

/// True when the grammar says the query needs more: Enter should continue, not run.
pub fn is_unfinished(input: &str) -> bool {
    !is_command(input) && query::completeness(input) == Completeness::Incomplete
}

impl Completer for PlanqHelper {
    type Candidate = Pair;

    fn complete(
        &self,
        line: &str,
        pos: usize,
        ctx: &Context<'_>,
    ) -> rustyline::Result<(usize, Vec<Pair>)> {
        if is_command(line) {
            self.complete_command(line, pos, ctx)
        } else {
            Ok(complete::complete(line, pos, &self.vocab))
        }
    }
}

/// A hint drawn after the cursor; only history hints can be accepted with →.
pub struct Hint {
    text: String,
    accept: bool,
}

impl rustyline::hint::Hint for Hint {
    fn display(&self) -> &str {
        &self.text
    }

    fn completion(&self) -> Option<&str> {
        self.accept.then_some(self.text.as_str())
    }
}

impl Hinter for PlanqHelper {
    type Hint = Hint;

    fn hint(&self, line: &str, pos: usize, ctx: &Context<'_>) -> Option<Hint> {
        // Hints are told apart from typed text only by being dim, so no colour, no hints.
        if !self.color || line.len() > LONG_LINE {
            return None;
        }
        // A long pasted entry would be redrawn, whole, after every key of a short prefix.
        let earlier = self.history.hint(line, pos, ctx);
        if let Some(text) = earlier.filter(|t| t.len() <= LONG_LINE) {
            return Some(Hint { text, accept: true });
        }
        usage_hint(line, pos).map(|text| Hint {
            text,
            accept: false,
        })
    }
}

/// `.show ` → `REGION NO`: what a command wants, right after its name and a space.
fn usage_hint(line: &str, pos: usize) -> Option<String> {
    let word = line.strip_suffix(' ')?.trim_start();
    if pos != line.len() || word.contains(char::is_whitespace) || !is_command(word) {
        return None;
    }
    let (name, _) = commands::parse(word).ok()?;
    let usage = Spec::get(name).usage;
    (!usage.is_empty()).then(|| usage.to_owned())
}

impl Highlighter for PlanqHelper {
    fn highlight<'l>(&self, line: &'l str, _pos: usize) -> Cow<'l, str> {
        highlight::line(line, self.color)
    }

    fn highlight_prompt<'b, 's: 'b, 'p: 'b>(
        &'s self,
        prompt: &'p str,
        default: bool,
    ) -> Cow<'b, str> {
        if self.color && default {
            Cow::Owned(paint(prompt, "1;32", true))
        } else {
            Cow::Borrowed(prompt)
        }
    }

    fn highlight_hint<'h>(&self, hint: &'h str) -> Cow<'h, str> {
        Cow::Owned(paint(hint, DIM, self.color))
    }

    // Keywords change colour as they are completed, so repaint on every key; but not a long
    // line, which is drawn plain anyway (a repaint costs its whole length).
    fn highlight_char(&self, line: &str, _pos: usize, _forced: bool) -> bool {
        line.len() <= LONG_LINE
    }
}

impl Validator for PlanqHelper {
    fn validate(&self, ctx: &mut ValidationContext<'_>) -> rustyline::Result<ValidationResult> {
        Ok(if is_unfinished(ctx.input()) {
            ValidationResult::Incomplete
        } else {
            ValidationResult::Valid(None)
        })
    }
}

/// Enter on an unfinished query: a new line under a continuation prompt. Enter on an empty
/// continuation line runs what is there, so a user stuck in an open quote gets the error
/// (with its caret) instead of more lines. Otherwise the default (validate, then accept).
pub struct Enter;

impl ConditionalEventHandler for Enter {
    fn handle(&self, _: &Event, _: RepeatCount, _: bool, ctx: &EventContext<'_>) -> Option<Cmd> {
        let line = ctx.line();
        if !is_unfinished(line) {
            return None;
        }
        let last_line = line.rsplit('\n').next().unwrap_or(line);
        if line.contains('\n') && last_line.trim().is_empty() {
            return Some(Cmd::AcceptLine);
        }
        // Inside an open string the indent would become part of the text.
        let in_literal = lex::tokens(line).last().is_some_and(|t| {
            matches!(
                t.kind,
                Kind::Str { closed: false } | Kind::Regex { closed: false }
            )
        });
        let newline = if in_literal {
            "\n".to_owned()
        } else {
            format!("\n{INDENT}")
        };
        Some(Cmd::Insert(1, newline))
    }
}

/// Ctrl-C clears what was typed, in place (Ctrl-Y brings it back); on an empty line it
/// gives a fresh prompt. A plain interrupt would leave a history hint on the screen, looking
/// as if it had been entered.
pub struct CtrlC;

impl ConditionalEventHandler for CtrlC {
    fn handle(&self, _: &Event, _: RepeatCount, _: bool, ctx: &EventContext<'_>) -> Option<Cmd> {
        (!ctx.line().is_empty()).then_some(Cmd::Kill(Movement::WholeBuffer))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usage_hint_after_a_command_and_a_space() {
        assert_eq!(usage_hint(".show ", 6).as_deref(), Some("REGION NO"));
        assert_eq!(usage_hint(".show", 5), None);
        assert_eq!(usage_hint(".show 沂源县 ", ".show 沂源县 ".len()), None);
        assert_eq!(usage_hint(".docs ", 6), None);
        assert_eq!(usage_hint("tasks ", 6), None);
    }

    #[test]
    fn commands_are_never_unfinished() {
        assert!(!is_unfinished(".show (\""));
    }
}
