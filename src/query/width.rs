//! Query text as a Chinese input method types it: full-width letters, digits and signs
//! (`ｌｉｍｉｔ　３`, `！＝`, `１亿元`) read as their ASCII forms outside strings and regexes,
//! and errors point back into the text as typed.

use crate::error::QueryError;
use std::borrow::Cow;

/// A statement with its full-width forms folded, and where each folded byte came from.
pub struct Folded<'s> {
    pub text: Cow<'s, str>,
    /// (byte in `text`, byte in the original) at each character whose width changed.
    marks: Vec<(usize, usize)>,
    original_len: usize,
}

/// The ASCII form of a full-width character, if it has one (U+FF01–U+FF5E, U+3000); text
/// comparison folds with it too.
pub(super) fn half(c: char) -> Option<char> {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0),
        '\u{3000}' => Some(' '),
        _ => None,
    }
}

/// The quote that closes one opened by `c`, for the quotes the grammar knows.
fn closing(c: char) -> Option<char> {
    match c {
        '"' | '\'' | '/' => Some(c),
        '“' => Some('”'),
        '‘' => Some('’'),
        '「' => Some('」'),
        _ => None,
    }
}

/// Folds `src`; borrowed when there is nothing to fold.
pub fn fold(src: &str) -> Folded<'_> {
    let unchanged = Folded {
        text: Cow::Borrowed(src),
        marks: Vec::new(),
        original_len: src.len(),
    };
    if !src.chars().any(|c| half(c).is_some()) {
        return unchanged;
    }
    let mut out = String::with_capacity(src.len());
    let mut marks = Vec::new();
    let mut quote: Option<char> = None;
    let mut word = String::new();
    let mut after_matches = false;
    for (at, c) in src.char_indices() {
        let folded = match quote {
            // Inside a string only its own closing quote folds (＂…＂ closes like "…").
            Some(close) => half(c).filter(|h| *h == close).unwrap_or(c),
            None => half(c).unwrap_or(c),
        };
        if folded != c {
            marks.push((out.len(), at));
        }
        match quote {
            Some(close) if folded == close => quote = None,
            Some(_) => {}
            None => {
                if folded.is_ascii_alphanumeric() || folded == '_' {
                    word.push(folded);
                } else {
                    if !word.is_empty() {
                        after_matches = word.eq_ignore_ascii_case("matches");
                        word.clear();
                    }
                    // A `/` opens a regex only after `matches` (elsewhere: 万元/亩).
                    if folded != '/' || after_matches {
                        quote = closing(folded);
                    }
                    if !folded.is_whitespace() {
                        after_matches = false;
                    }
                }
            }
        }
        out.push(folded);
        if folded != c {
            marks.push((out.len(), at + c.len_utf8()));
        }
    }
    Folded {
        text: Cow::Owned(out),
        marks,
        original_len: src.len(),
    }
}

impl Folded<'_> {
    /// The byte of the original text that byte `at` of the folded text stands for.
    fn original(&self, at: usize) -> usize {
        let i = self.marks.partition_point(|(folded, _)| *folded <= at);
        match i.checked_sub(1).map(|i| self.marks[i]) {
            Some((folded, original)) => (original + (at - folded)).min(self.original_len),
            None => at.min(self.original_len),
        }
    }

    /// An error found in the folded text, pointed into the text as typed.
    pub fn restore(&self, mut e: QueryError) -> QueryError {
        if !self.marks.is_empty() {
            e.span = self.original(e.span.start)..self.original(e.span.end);
        }
        e
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_folds_outside_strings_only() {
        let f = fold("tasks ｌｉｍｉｔ　３");
        assert_eq!(f.text, "tasks limit 3");
        let f = fold("tasks where title = \"ＡＢ\" and no ！＝ １");
        assert_eq!(f.text, "tasks where title = \"ＡＢ\" and no != 1");
        let f = fold("targets where amount > １亿元");
        assert_eq!(f.text, "targets where amount > 1亿元");
        let f = fold("tasks where text matches /ａ/ and unit = \"万元／亩\"");
        assert_eq!(
            f.text,
            "tasks where text matches /ａ/ and unit = \"万元／亩\""
        );
        assert!(matches!(fold("tasks").text, Cow::Borrowed(_)));
    }

    #[test]
    fn spans_point_back_into_the_text_as_typed() {
        let src = "tasks ｌｉｍｉｔ　x";
        let f = fold(src);
        let at = f.text.find('x').unwrap_or(0);
        let e = f.restore(QueryError::new(
            crate::error::ErrorKind::Syntax,
            at..at + 1,
            "x",
        ));
        assert_eq!(&src[e.span.clone()], "x");
        let limit = f.text.find("limit").unwrap_or(0);
        let e = f.restore(QueryError::new(
            crate::error::ErrorKind::Syntax,
            limit..limit + 5,
            "limit",
        ));
        assert_eq!(&src[e.span], "ｌｉｍｉｔ");
    }
}
