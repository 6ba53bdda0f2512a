//! Query errors: one value per failure, with a byte span, rendered once at the edge with the
//! caret under the right terminal column (CJK characters are two columns wide).

use std::fmt;
use std::ops::Range;
use unicode_width::UnicodeWidthChar;

/// What went wrong, for tests and callers that branch on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// The text does not follow the grammar: `tasks where dept = "x" andd y`.
    Syntax,
    /// A query that starts from no known source: `taks where …`.
    UnknownSource,
    /// A field the row does not have: `tasks where titel ~ "x"`.
    UnknownField,
    /// A function that does not exist or got the wrong arguments: `tasks select cnt()`.
    UnknownFunction,
    /// Values of kinds that cannot meet: `targets where value ~ 3`.
    Type,
    /// Quantities in different base units: `targets where 1亿元 > 1万千瓦`.
    Unit,
    /// A `/regex/` that does not compile: `tasks where text matches /(/`.
    Regex,
    /// An aggregate where none may stand, or a plain field in a grouped row.
    Aggregate,
}

/// A query that cannot run, with the span (byte offsets into the statement) it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryError {
    pub kind: ErrorKind,
    pub span: Range<usize>,
    pub message: String,
    /// A suggestion: "did you mean `title`?".
    pub help: Option<String>,
}

impl QueryError {
    /// The error of a statement that starts `offset` bytes into `script`, drawn against the
    /// whole script so the gutter shows the script's own line; headed by `file:line:col`
    /// when the script came from a file.
    pub fn render_in_script(
        &self,
        script: &str,
        offset: usize,
        file: Option<&str>,
        color: bool,
    ) -> String {
        self.render_in_script_at(script, ScriptPosition::start(), offset, file, color)
    }

    /// As [`render_in_script`](Self::render_in_script), counting lines from `known`, a
    /// position at or before `offset` that the caller already reached: a script of many
    /// failing statements is then rendered in one pass, not one pass per error.
    pub fn render_in_script_at(
        &self,
        script: &str,
        known: ScriptPosition,
        offset: usize,
        file: Option<&str>,
        color: bool,
    ) -> String {
        let shifted = QueryError {
            span: self.span.start + offset..self.span.end + offset,
            ..self.clone()
        };
        let at = known.advance(script, floor_boundary(script, shifted.span.start));
        let rendered = shifted.render_with(script, color, at);
        match file {
            None => rendered,
            Some(name) => format!("{name}:{}:{}: {rendered}", at.line, at.column(script)),
        }
    }

    pub fn new(kind: ErrorKind, span: Range<usize>, message: impl Into<String>) -> Self {
        QueryError {
            kind,
            span,
            message: message.into(),
            help: None,
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// The error as a user sees it: message, the query line, a caret under the spot
    /// (measured in terminal columns), and the suggestion if there is one.
    pub fn render(&self, src: &str, color: bool) -> String {
        let at = ScriptPosition::start().advance(src, floor_boundary(src, self.span.start));
        self.render_with(src, color, at)
    }

    /// Renders with the line of the span's start already known.
    fn render_with(&self, src: &str, color: bool, at: ScriptPosition) -> String {
        let (red, blue, bold, reset) = if color {
            ("\x1b[1;31m", "\x1b[1;34m", "\x1b[1m", "\x1b[0m")
        } else {
            ("", "", "", "")
        };
        let start = floor_boundary(src, self.span.start);
        let end = floor_boundary(src, self.span.end.max(start));
        let line_start = at.line_start;
        // Only as far as could be shown: a script that is one long line is not searched whole.
        let reach = floor_boundary(src, start.saturating_add(SEARCH_BYTES));
        let line_end = src[start..reach].find('\n').map_or(reach, |i| start + i);
        // A long line is cut around the span, so a 10 MB query echoes a screenful, not 10 MB.
        let shown_start = back_by_columns(src, line_start, start, CONTEXT_COLUMNS);
        let marked_end = forward_by_columns(src, start, end.min(line_end), MAX_MARKED_COLUMNS);
        let shown_end = forward_by_columns(src, marked_end, line_end, CONTEXT_COLUMNS);
        let before = if shown_start > line_start { "…" } else { "" };
        let after = if shown_end < line_end { "…" } else { "" };
        let line = format!("{before}{}{after}", visible(&src[shown_start..shown_end]));
        let gutter = at.line.to_string();
        let pad = " ".repeat(gutter.len());
        let indent = display_width(before) + display_width(&src[shown_start..start]);
        let marked = display_width(&src[start..marked_end]).max(1);
        let message: String = visible(&self.message)
            .chars()
            .take(MAX_MESSAGE_CHARS)
            .collect();
        let message = if message.len() < self.message.len() {
            message + "…"
        } else {
            message
        };
        let mut out = format!("{red}error{reset}{bold}: {message}{reset}\n");
        out += &format!("{blue}{pad} |{reset}\n");
        out += &format!("{blue}{gutter} |{reset} {}\n", line.replace('\t', " "));
        out += &format!(
            "{blue}{pad} |{reset} {}{red}{}{reset}\n",
            " ".repeat(indent),
            "^".repeat(marked)
        );
        if let Some(help) = &self.help {
            out += &format!("{blue}{pad} = {reset}{bold}help{reset}: {help}\n");
        }
        out
    }
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        if let Some(help) = &self.help {
            write!(f, " ({help})")?;
        }
        Ok(())
    }
}

impl std::error::Error for QueryError {}

/// Where a statement or error starts in a script: its 1-based line, where that line starts,
/// and the byte offset this was found for. Found by walking forward from an earlier one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScriptPosition {
    pub offset: usize,
    pub line: usize,
    pub line_start: usize,
}

impl ScriptPosition {
    /// The start of a script.
    pub fn start() -> ScriptPosition {
        ScriptPosition {
            offset: 0,
            line: 1,
            line_start: 0,
        }
    }

    /// The position of `offset` (a char boundary at or after this one) in `script`.
    pub fn advance(self, script: &str, offset: usize) -> ScriptPosition {
        let from = self.offset.min(offset);
        let walked = &script[from..offset];
        match walked.rfind('\n') {
            Some(last) => ScriptPosition {
                offset,
                line: self.line + walked.matches('\n').count(),
                line_start: from + last + 1,
            },
            None => ScriptPosition { offset, ..self },
        }
    }

    /// The 1-based column (in characters) of this position.
    pub fn column(&self, script: &str) -> usize {
        script[self.line_start..self.offset].chars().count() + 1
    }
}

/// How far past the span a line's end is looked for.
const SEARCH_BYTES: usize = 4096;

/// Columns of the query shown before the span and after it, at most.
const CONTEXT_COLUMNS: usize = 60;
/// Columns of carets at most, however long the span.
const MAX_MARKED_COLUMNS: usize = 60;
/// Characters of a message at most (a message may quote the user's text).
const MAX_MESSAGE_CHARS: usize = 400;

/// The start of the last `columns` terminal columns of `s[from..to]`.
fn back_by_columns(s: &str, from: usize, to: usize, columns: usize) -> usize {
    let mut width = 0;
    for (i, c) in s[from..to].char_indices().rev() {
        width += display_width(c.encode_utf8(&mut [0; 4]));
        if width > columns {
            return from + i + c.len_utf8();
        }
    }
    from
}

/// The end of the first `columns` terminal columns of `s[from..to]`.
fn forward_by_columns(s: &str, from: usize, to: usize, columns: usize) -> usize {
    let mut width = 0;
    for (i, c) in s[from..to].char_indices() {
        width += display_width(c.encode_utf8(&mut [0; 4]));
        if width > columns {
            return from + i;
        }
    }
    to
}

/// Control characters (a NUL, an escape) drawn as their visible symbols (␀, ␛), one column
/// each like the space the caret line counts for them, so they cannot garble the terminal.
fn visible(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\t' | '\n' => c,
            c if (c as u32) < 0x20 => char::from_u32(0x2400 + c as u32).unwrap_or('?'),
            '\u{7f}' => '␡',
            c => c,
        })
        .collect()
}

/// Terminal columns taken by `s`; a tab is drawn as one space.
fn display_width(s: &str) -> usize {
    s.chars()
        // A tab is drawn as one space, a control character as its one-column symbol.
        .map(|c| {
            if c.is_control() {
                1
            } else {
                c.width().unwrap_or(0)
            }
        })
        .sum()
}

/// The largest char boundary at or before `i` (spans from other stages may point mid-char).
fn floor_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(src: &str, at: &str) -> QueryError {
        let start = src.find(at).unwrap_or_default();
        QueryError::new(ErrorKind::Syntax, start..start + at.len(), "bad").with_help("fix it")
    }

    #[test]
    fn control_characters_are_drawn_visibly_and_the_caret_stays_put() {
        let src = "tasks where title = \"a\u{0}b\" andd x";
        let e = err(src, "andd");
        let shown = e.render(src, false);
        let lines: Vec<&str> = shown.lines().collect();
        assert_eq!(lines[2], "1 | tasks where title = \"a␀b\" andd x");
        assert_eq!(lines[3].find('^'), lines[2].find("andd").map(|i| i - 2));
    }

    #[test]
    fn long_lines_are_cut_around_the_span() {
        let src = format!("tasks where {} andd x", "no > 1 and ".repeat(10_000));
        let at = src.find("andd").unwrap();
        let e = QueryError::new(ErrorKind::Syntax, at..at + 4, "expected a condition");
        let shown = e.render(&src, false);
        assert!(shown.len() < 600, "{} bytes", shown.len());
        let lines: Vec<&str> = shown.lines().collect();
        assert!(lines[2].starts_with("1 | …"), "{}", lines[2]);
        assert!(lines[2].ends_with("andd x"), "{}", lines[2]);
        let caret_at = lines[3].find('^').unwrap();
        let andd_at = lines[2].find("andd").unwrap();
        assert_eq!(
            display_width(&lines[3][..caret_at]),
            display_width(&lines[2][..andd_at])
        );
    }

    #[test]
    fn caret_counts_terminal_columns_not_characters() {
        let src = "tasks where dept = \"区经济发展局\" andd x";
        let out = err(src, "andd").render(src, false);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[2], format!("1 | {src}"));
        // 20 ASCII columns + 6 wide characters (12 columns) + `" ` = 34 columns before `andd`.
        assert_eq!(lines[3], format!("  | {}^^^^", " ".repeat(34)));
        assert_eq!(lines[4], "  = help: fix it");
    }

    #[test]
    fn wide_tokens_get_wide_carets_and_lines_are_counted() {
        let src = "tasks\nwhere 标题 ~ \"x\"";
        let e = err(src, "标题");
        let at = ScriptPosition::start().advance(src, e.span.start);
        assert_eq!((at.line, at.column(src)), (2, 7));
        let later = ScriptPosition::start()
            .advance(src, 3)
            .advance(src, e.span.start);
        assert_eq!(
            later, at,
            "walking forward in steps finds the same position"
        );
        assert!(e
            .render(src, false)
            .contains("2 | where 标题 ~ \"x\"\n  |       ^^^^\n"));
    }

    #[test]
    fn color_is_optional_and_spans_past_the_end_are_safe() {
        let src = "tasks where";
        let e = QueryError::new(ErrorKind::Syntax, 11..40, "expected a field or a value");
        assert!(!e.render(src, false).contains('\x1b'));
        assert!(e.render(src, true).contains("\x1b[1;31m"));
        assert!(e.render(src, false).ends_with("|            ^\n"));
    }
}
