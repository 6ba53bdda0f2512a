//! Scripts and unfinished input: splitting a script into statements, and telling whether
//! a statement is complete (the REPL's validator asks).

use super::parser::{Grammar, Rule};
use super::Completeness;
use pest::error::InputLocation;
use pest::Parser as _;

/// Splits a script into statements at `;` (outside strings, regexes and comments), each
/// with its byte offset in `src`. Leading `--` comments are dropped from each statement,
/// and statements that are only comments vanish; comments inside a statement stay (the
/// grammar skips them).
pub fn split_script(src: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut quote: Option<char> = None;
    let mut comment = false;
    let mut prev = '\0';
    for (i, c) in src.char_indices() {
        match (quote, comment) {
            (Some(q), _) => {
                if c == q && prev != '\\' {
                    quote = None;
                }
            }
            (None, true) => comment = c != '\n',
            (None, false) => match c {
                '"' | '\'' | '/' => quote = Some(c),
                '“' => quote = Some('”'),
                '-' if prev == '-' => comment = true,
                // `；` too: a statement typed with a Chinese input method ends so.
                ';' | '；' => {
                    push_statement(src, start, i, &mut out);
                    start = i + c.len_utf8();
                }
                _ => {}
            },
        }
        prev = if prev == '\\' && c == '\\' { '\0' } else { c };
    }
    push_statement(src, start, src.len(), &mut out);
    out
}

fn push_statement<'s>(src: &'s str, start: usize, end: usize, out: &mut Vec<(usize, &'s str)>) {
    let mut at = start;
    loop {
        let rest = &src[at..end];
        let trimmed = rest.trim_start_matches(is_space);
        at += rest.len() - trimmed.len();
        if !trimmed.starts_with("--") {
            break;
        }
        at += trimmed.find('\n').map_or(trimmed.len(), |n| n + 1);
    }
    let text = src[at..end].trim_end_matches(is_space);
    if !text.is_empty() {
        out.push((at, text));
    }
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{3000}'
}

/// Whether `src` is ready to run: complete, unfinished (the grammar ran out of input, or a
/// string or paren is open), or wrong where it stands.
pub fn completeness(src: &str) -> Completeness {
    let statements = split_script(src);
    let ends_with_semicolon = src.trim_end_matches(is_space).ends_with([';', '；']);
    for (n, (_, text)) in statements.iter().enumerate() {
        let last = n + 1 == statements.len() && !ends_with_semicolon;
        let folded = super::width::fold(text);
        let text: &str = &folded.text;
        match Grammar::parse(Rule::statement, text) {
            Ok(_) => {}
            Err(e) => {
                let pos = match e.location {
                    InputLocation::Pos(p) | InputLocation::Span((p, _)) => p,
                };
                let at_end = text[pos.min(text.len())..]
                    .trim_start_matches(is_space)
                    .is_empty();
                return if last && (at_end || is_open(text)) {
                    Completeness::Incomplete
                } else {
                    Completeness::Invalid
                };
            }
        }
    }
    if split_script(src).is_empty() || statements.last().is_some_and(|(_, t)| !is_open(t)) {
        Completeness::Complete
    } else {
        Completeness::Incomplete
    }
}

/// An unclosed string, regex or paren.
fn is_open(text: &str) -> bool {
    let mut quote: Option<char> = None;
    let mut depth = 0i32;
    let mut prev = '\0';
    for c in text.chars() {
        match quote {
            Some(q) if c == q && prev != '\\' => quote = None,
            Some(_) => {}
            None => match c {
                '"' | '\'' | '/' => quote = Some(c),
                '“' => quote = Some('”'),
                '(' => depth += 1,
                ')' => depth -= 1,
                _ => {}
            },
        }
        prev = c;
    }
    quote.is_some() || depth > 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use Completeness::*;

    #[test]
    fn splits_at_semicolons_outside_strings_and_comments() {
        let src =
            "-- first\ntasks where title ~ \"a;b\";\n\n-- only a comment;\ndocs -- trailing\n;";
        let parts = split_script(src);
        assert_eq!(parts.len(), 2, "{parts:?}");
        assert_eq!(parts[0], (9, "tasks where title ~ \"a;b\""));
        assert_eq!(parts[1].1, "docs -- trailing");
    }

    #[test]
    fn unfinished_input_is_incomplete() {
        for src in [
            "tasks where",
            "tasks where dept = \"区经济发展局\" and",
            "tasks |",
            "tasks select no,",
            "tasks where (title ~ \"x\"",
            "tasks where title = \"abc",
            "tasks order by",
            "tasks group",
        ] {
            assert_eq!(completeness(src), Incomplete, "{src}");
        }
    }

    #[test]
    fn whole_and_broken_input() {
        assert_eq!(completeness("tasks where no = 1"), Complete);
        assert_eq!(completeness(""), Complete);
        assert_eq!(completeness("tasks; docs"), Complete);
        assert_eq!(completeness("tasks where dept = \"x\" andd y"), Invalid);
        assert_eq!(completeness("tasks where = 3"), Invalid);
        assert_eq!(completeness("tasks )"), Invalid);
    }
}
