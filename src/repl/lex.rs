//! A forgiving tokenizer for what the user is typing, used by highlighting and completion.
//!
//! The grammar (pest) decides what a query *means*; this only has to find words, strings,
//! numbers and quantities in half-typed text, so it never fails: an unclosed string or regex
//! is a token that runs to the end, and anything it does not know is one `Other` character.

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A keyword, source, field or dotted path: ASCII letters, digits, `_` and `.`.
    Word,
    /// A number or a date (`12`, `0.9`, `2023-07-01`).
    Number,
    /// A number with a unit written after it (`1亿元`, `70%`, `1.5万千瓦`).
    Quantity,
    /// A quoted string; `closed` is false while the user is still typing it.
    Str {
        closed: bool,
    },
    /// The `/…/` after `matches`.
    Regex {
        closed: bool,
    },
    /// `--` to the end of the line.
    Comment,
    /// Punctuation and comparison operators (`=`, `!=`, `<=`, `~`, `|`, `,`, `(`, `;` …).
    Op,
    Space,
    Other,
}

/// One token: its kind, its text and its byte offset in the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    pub kind: Kind,
    pub text: &'a str,
    pub start: usize,
}

impl Token<'_> {
    /// True for a word spelled `word` (keywords are case-insensitive).
    pub fn is_word(&self, word: &str) -> bool {
        self.kind == Kind::Word && self.text.eq_ignore_ascii_case(word)
    }

    pub fn is_op(&self, op: &str) -> bool {
        self.kind == Kind::Op && self.text == op
    }
}

/// Characters that may follow a number as (part of) its unit.
fn is_unit_char(c: char) -> bool {
    matches!(c, '%' | '％' | '‰') || (!c.is_ascii() && c.is_alphabetic())
}

/// Splits `src` into tokens covering every byte.
pub fn tokens(src: &str) -> Vec<Token<'_>> {
    let mut out: Vec<Token<'_>> = Vec::new();
    let mut rest = src;
    while let Some(c) = rest.chars().next() {
        let previous_word = out.iter().rev().find(|t| t.kind != Kind::Space);
        let after_matches = previous_word.is_some_and(|t| t.is_word("matches"));
        let (kind, len) = match c {
            c if c.is_whitespace() => (Kind::Space, span(rest, char::is_whitespace)),
            '"' | '\'' | '“' => quoted(rest, closing_quote(c), |closed| Kind::Str { closed }),
            '/' if after_matches => quoted(rest, '/', |closed| Kind::Regex { closed }),
            '-' if rest.starts_with("--") => (Kind::Comment, rest.find('\n').unwrap_or(rest.len())),
            c if c.is_ascii_digit() => number(rest),
            c if c.is_ascii_alphabetic() || c == '_' => (
                Kind::Word,
                span(rest, |c| c.is_ascii_alphanumeric() || c == '_' || c == '.'),
            ),
            '!' | '<' | '>' if rest[1..].starts_with('=') => (Kind::Op, 2),
            '=' | '<' | '>' | '~' | '|' | ',' | '(' | ')' | ';' | '*' | '+' | '-' => (Kind::Op, 1),
            c => (Kind::Other, c.len_utf8()),
        };
        let start = src.len() - rest.len();
        out.push(Token {
            kind,
            text: &rest[..len],
            start,
        });
        rest = &rest[len..];
    }
    out
}

/// The character that closes a string opened with `open` (Chinese quotes pair up).
pub fn closing_quote(open: char) -> char {
    if open == '“' {
        '”'
    } else {
        open
    }
}

/// Length of the leading run of characters satisfying `pred`.
fn span(s: &str, pred: impl Fn(char) -> bool) -> usize {
    s.find(|c| !pred(c)).unwrap_or(s.len())
}

/// A token from its opening character to the next unescaped `quote`, or to the end if
/// there is none.
fn quoted(s: &str, quote: char, kind: impl Fn(bool) -> Kind) -> (Kind, usize) {
    let mut escaped = false;
    for (i, c) in s.char_indices().skip(1) {
        if escaped {
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if c == quote {
            return (kind(true), i + c.len_utf8());
        }
    }
    (kind(false), s.len())
}

/// Digits with dots and date dashes, then an optional unit.
fn number(s: &str) -> (Kind, usize) {
    let bytes = s.as_bytes();
    let mut len = 0;
    while len < bytes.len() {
        let b = bytes[len];
        let next_is_digit = bytes.get(len + 1).is_some_and(u8::is_ascii_digit);
        if b.is_ascii_digit() || (matches!(b, b'.' | b'-') && next_is_digit) {
            len += 1;
        } else {
            break;
        }
    }
    let unit = span(&s[len..], is_unit_char);
    if unit == 0 {
        (Kind::Number, len)
    } else {
        (Kind::Quantity, len + unit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(src: &str) -> Vec<(Kind, &str)> {
        tokens(src)
            .into_iter()
            .filter(|t| t.kind != Kind::Space)
            .map(|t| (t.kind, t.text))
            .collect()
    }

    #[test]
    fn words_operators_and_strings() {
        assert_eq!(
            kinds(r#"tasks where doc.region != "沂源县""#),
            vec![
                (Kind::Word, "tasks"),
                (Kind::Word, "where"),
                (Kind::Word, "doc.region"),
                (Kind::Op, "!="),
                (Kind::Str { closed: true }, "\"沂源县\""),
            ]
        );
    }

    #[test]
    fn chinese_quotes_pair_up() {
        assert_eq!(
            kinds("lead = “县财政局” and"),
            vec![
                (Kind::Word, "lead"),
                (Kind::Op, "="),
                (Kind::Str { closed: true }, "“县财政局”"),
                (Kind::Word, "and"),
            ]
        );
    }

    #[test]
    fn unclosed_string_runs_to_the_end() {
        let toks = kinds(r#"tasks where dept = "区经"#);
        assert_eq!(toks.last(), Some(&(Kind::Str { closed: false }, "\"区经")));
    }

    #[test]
    fn quantities_numbers_and_dates() {
        assert_eq!(
            kinds("amount >= 1.5万千瓦 and value > 70% and date = 2023-07-01 limit 10"),
            vec![
                (Kind::Word, "amount"),
                (Kind::Op, ">="),
                (Kind::Quantity, "1.5万千瓦"),
                (Kind::Word, "and"),
                (Kind::Word, "value"),
                (Kind::Op, ">"),
                (Kind::Quantity, "70%"),
                (Kind::Word, "and"),
                (Kind::Word, "date"),
                (Kind::Op, "="),
                (Kind::Number, "2023-07-01"),
                (Kind::Word, "limit"),
                (Kind::Number, "10"),
            ]
        );
    }

    #[test]
    fn regex_only_after_matches() {
        assert_eq!(
            kinds("text matches /光伏|储能/ -- energy"),
            vec![
                (Kind::Word, "text"),
                (Kind::Word, "matches"),
                (Kind::Regex { closed: true }, "/光伏|储能/"),
                (Kind::Comment, "-- energy"),
            ]
        );
    }

    #[test]
    fn tokens_cover_every_byte() {
        for src in ["", "（全角）", "tasks | where \"a\\\"b", "x <= 3亿 ;; ~~ é"] {
            let joined: String = tokens(src).iter().map(|t| t.text).collect();
            assert_eq!(joined, src);
        }
    }
}
