//! Colours for the line being typed, and the continuation prompt drawn on unfinished lines.
//!
//! rustyline lays out the raw text and only lets the highlighter *paint* it: the painted
//! line must take the same columns. So continuation lines carry an indent as wide as the
//! prompt in the buffer itself (see `helper::Enter`), and here that indent is drawn as
//! `  ...> `. Without colour the marker is still drawn, just not dimmed.

use super::lex::{self, Kind};
use super::term::paint;
use crate::query::fields;
use std::borrow::Cow;

pub const PROMPT: &str = "planq> ";
/// What a continuation line starts with in the buffer: as wide as `PROMPT`.
pub const INDENT: &str = "       ";
const CONTINUATION: &str = "  ...> ";
/// Lines longer than this (in bytes) are drawn without colour, hints or a repaint on every
/// key. Without bracketed paste a paste arrives key by key, and repainting the whole line on
/// each one is quadratic: minutes and gigabytes of terminal output for 100 KB.
pub const LONG_LINE: usize = 4096;

const KEYWORD: &str = "1;34";
const SOURCE: &str = "36";
const STRING: &str = "32";
const NUMBER: &str = "33";
const QUANTITY: &str = "35";
const REGEX: &str = "31";
const COMMAND: &str = "1;36";
pub const DIM: &str = "2";

/// The line as it should be drawn.
pub fn line(line: &str, color: bool) -> Cow<'_, str> {
    let color = color && line.len() <= LONG_LINE;
    if !color && !line.contains('\n') {
        return Cow::Borrowed(line);
    }
    if line.trim_start().starts_with('.') {
        return Cow::Owned(command(line, color));
    }
    let mut out = String::with_capacity(line.len() * 2);
    for tok in lex::tokens(line) {
        let style = match tok.kind {
            Kind::Word if fields::KEYWORDS.iter().any(|k| tok.is_word(k)) => Some(KEYWORD),
            Kind::Word if fields::sources().iter().any(|s| tok.is_word(s)) => Some(SOURCE),
            Kind::Str { .. } => Some(STRING),
            Kind::Number => Some(NUMBER),
            Kind::Quantity => Some(QUANTITY),
            Kind::Regex { .. } => Some(REGEX),
            Kind::Comment => Some(DIM),
            _ => None,
        };
        match style {
            // Strings and comments may span lines; paint each line so the marker stays plain.
            Some(sgr) => {
                let parts: Vec<String> =
                    tok.text.split('\n').map(|p| paint(p, sgr, color)).collect();
                out.push_str(&mark_continuations(&parts.join("\n"), color));
            }
            None => out.push_str(&mark_continuations(tok.text, color)),
        }
    }
    Cow::Owned(out)
}

/// Draws the prompt-wide indent after each newline as the continuation prompt.
fn mark_continuations(text: &str, color: bool) -> String {
    let marker = paint(CONTINUATION, DIM, color);
    let mut lines = text.split('\n');
    let mut out = lines.next().unwrap_or_default().to_owned();
    for l in lines {
        out.push('\n');
        match l.strip_prefix(INDENT) {
            Some(rest) => {
                out.push_str(&marker);
                out.push_str(rest);
            }
            None => out.push_str(l),
        }
    }
    out
}

/// A dot command: the command word stands out, the rest is plain.
fn command(line: &str, color: bool) -> String {
    let start = line.len() - line.trim_start().len();
    let end = line[start..]
        .find(char::is_whitespace)
        .map_or(line.len(), |i| start + i);
    format!(
        "{}{}{}",
        &line[..start],
        paint(&line[start..end], COMMAND, color),
        &line[end..]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strip(s: &str) -> String {
        let mut out = String::new();
        let mut chars = s.chars();
        while let Some(c) = chars.next() {
            if c == '\x1b' {
                chars.by_ref().find(|c| *c == 'm');
            } else {
                out.push(c);
            }
        }
        out
    }

    #[test]
    fn paints_without_changing_the_text() {
        let src = "tasks where lead ~ \"发改\" and amount >= 1亿元 limit 10";
        let painted = line(src, true);
        assert_eq!(strip(&painted), src);
        assert!(painted.contains("\x1b[1;34mwhere\x1b[0m"));
        assert!(painted.contains("\x1b[32m\"发改\"\x1b[0m"));
        assert!(painted.contains("\x1b[35m1亿元\x1b[0m"));
        assert!(painted.contains("\x1b[33m10\x1b[0m"));
    }

    #[test]
    fn no_colour_means_no_escapes() {
        let src = "tasks where no = 1";
        assert_eq!(line(src, false), src);
        assert!(!line(".show 沂源县 1", false).contains('\x1b'));
    }

    #[test]
    fn continuation_indent_becomes_the_marker_of_the_same_width() {
        let src = format!("tasks where\n{INDENT}lead is empty");
        assert_eq!(line(&src, false), "tasks where\n  ...> lead is empty");
        assert_eq!(CONTINUATION.len(), INDENT.len());
        assert_eq!(PROMPT.len(), INDENT.len());
        let painted = line(&src, true);
        assert!(painted.contains("\x1b[2m  ...> \x1b[0m"), "{painted:?}");
    }

    #[test]
    fn a_long_line_is_drawn_as_it_is() {
        let src = format!("tasks where text ~ \"{}\"", "创新".repeat(LONG_LINE));
        assert!(matches!(line(&src, true), Cow::Borrowed(_)));
        let src = format!("tasks where\n{INDENT}{src}");
        assert_eq!(line(&src, true), src.replacen(INDENT, CONTINUATION, 1));
    }
}
