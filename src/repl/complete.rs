//! Tab completion of queries: what may come next at the cursor, from the language's words,
//! the field table (`query::fields`) and the names found in the loaded documents.
//!
//! The input is usually half-typed and not yet valid, so this reads the tokens before the
//! cursor (see `lex`) rather than the grammar, and guesses from the last few of them.

use super::lex::{self, Kind, Token};
use super::vocab::Vocab;
use crate::query::{fields, fold};
use rustyline::completion::Pair;

/// Clause openers, offered after a source, a value or `|` (only those the language knows).
const CLAUSES: &[&str] = &[
    "where", "select", "group by", "having", "order by", "limit", "distinct",
];
/// Words that may follow a field or a value inside a clause.
const FOLLOWERS: &[&str] = &[
    "and", "or", "not", "in", "is", "matches", "as", "asc", "desc", "offset",
];
/// Words after which a condition starts (so `not` may come).
const CONDITION_STARTS: &[&str] = &["where", "and", "or", "having"];
/// Words after which an expression (so a field) starts.
const EXPRESSION_STARTS: &[&str] = &["where", "and", "or", "not", "select", "by", "having"];

/// Completes the query in `line` at byte `pos`: the start of the text to replace and the
/// candidates for it.
pub fn complete(line: &str, pos: usize, vocab: &Vocab) -> (usize, Vec<Pair>) {
    let toks = lex::tokens(&line[..pos]);
    // Only the statement the cursor is in matters: `tasks limit 1; docs wh|`.
    let stmt_start = toks.iter().rposition(|t| t.is_op(";")).map_or(0, |i| i + 1);
    let toks = &toks[stmt_start..];
    let Some(last) = toks.last() else {
        return (pos, starts(vocab, ""));
    };
    let before_last = Context::new(&toks[..toks.len() - 1], vocab);
    match last.kind {
        Kind::Str { closed: false } => {
            let open = last.text.chars().next().unwrap_or('"');
            let typed = &last.text[open.len_utf8()..];
            let close = lex::closing_quote(open).to_string();
            let values = before_last.string_values(vocab, typed, &close, false);
            (last.start + open.len_utf8(), values)
        }
        Kind::Word => (last.start, before_last.words(last.text, vocab)),
        Kind::Space | Kind::Op => (pos, Context::new(toks, vocab).words("", vocab)),
        // Inside a number, a regex or a comment there is nothing sensible to offer.
        _ => (pos, Vec::new()),
    }
}

/// The statement's significant tokens before the word being completed.
struct Context<'a> {
    sig: Vec<Token<'a>>,
    /// Where plain field names are looked up: the source the statement starts from, or the
    /// element source inside `any(targets, …)`; `None` before a known source is typed.
    scope: Option<&'static str>,
}

impl<'a> Context<'a> {
    fn new(toks: &[Token<'a>], vocab: &Vocab) -> Self {
        let sig: Vec<Token<'a>> = toks
            .iter()
            .filter(|t| !matches!(t.kind, Kind::Space | Kind::Comment))
            .copied()
            .collect();
        // A source, or a query named with `let` (whose fields are its source's).
        let source = sig.first().and_then(|t| {
            fields::sources()
                .iter()
                .find(|s| t.is_word(s))
                .copied()
                .or_else(|| {
                    vocab
                        .lets
                        .iter()
                        .find(|(n, _)| t.is_word(n))
                        .map(|(_, s)| *s)
                })
        });
        let scope = source.map(|s| element_scope(&sig, s).unwrap_or(s));
        Context { sig, scope }
    }

    fn words(&self, prefix: &str, vocab: &Vocab) -> Vec<Pair> {
        let Some(scope) = self.scope else {
            // Nothing typed yet, or an unknown first word: offer the sources.
            return if self.sig.is_empty() {
                starts(vocab, prefix)
            } else {
                Vec::new()
            };
        };
        if prefix.contains('.') {
            return paths(scope, prefix);
        }
        let Some(prev) = self.sig.last() else {
            return Vec::new();
        };
        let before_prev = self.sig.len().checked_sub(2).and_then(|i| self.sig.get(i));
        if self.sig.len() == 1 || prev.is_op("|") {
            keywords(&known(CLAUSES), prefix)
        } else if prev.is_word("is") {
            keywords(&["not", "empty", "null"], prefix)
        } else if prev.is_word("not") && before_prev.is_some_and(|t| t.is_word("is")) {
            keywords(&["empty", "null"], prefix)
        } else if prev.is_word("group") || prev.is_word("order") {
            keywords(&["by"], prefix)
        } else if prev.is_word("limit") || prev.is_word("offset") || prev.is_word("as") {
            Vec::new()
        } else if prev.kind == Kind::Op && !matches!(prev.text, "," | "(" | ")" | "|" | ";") {
            // After a comparison, offer the known values already quoted.
            self.string_values(vocab, prefix, "\"", true)
        } else if EXPRESSION_STARTS.iter().any(|w| prev.is_word(w))
            || prev.is_op(",")
            || prev.is_op("(")
        {
            let mut out = field_names(scope, prefix);
            out.extend(functions(prefix));
            if CONDITION_STARTS.iter().any(|w| prev.is_word(w)) || prev.is_op("(") {
                out.extend(keywords(&["not"], prefix));
            }
            out
        } else {
            let mut followers = known(FOLLOWERS);
            followers.extend(known(CLAUSES));
            keywords(&followers, prefix)
        }
    }

    /// Values for the string being typed: `dept = "区经` → the units starting so.
    /// `quote` closes the string; `open` says whether the replacement must open it too.
    fn string_values(&self, vocab: &Vocab, typed: &str, quote: &str, open: bool) -> Vec<Pair> {
        let Some((path, substring)) = string_field(&self.sig) else {
            return Vec::new();
        };
        let (owner, field) = match path.rsplit_once('.') {
            Some((head, last)) => (self.scope.and_then(|s| resolve(s, head)), last),
            None => (self.scope, path),
        };
        let field = field.to_ascii_lowercase();
        let known = owner.and_then(|source| vocab.values_for(source, &field));
        let values = match known {
            Some(values) => values,
            // A free-text field (`text ~ "…"`): the names people search for.
            None if owner.is_none_or(|s| field_type(s, &field) == Some("text")) => vocab.names(),
            None => return Vec::new(),
        };
        let opening = if open { quote } else { "" };
        matching(&values, typed, substring)
            .into_iter()
            .map(|v| Pair {
                display: v.to_owned(),
                replacement: format!("{opening}{v}{quote}"),
            })
            .collect()
    }
}

/// Inside `any(targets, …)` or `all(…)`, the source of the list's elements.
fn element_scope(sig: &[Token<'_>], source: &'static str) -> Option<&'static str> {
    let mut open = Vec::new();
    for (i, t) in sig.iter().enumerate() {
        if t.is_op("(") {
            open.push(i);
        } else if t.is_op(")") {
            open.pop();
        }
    }
    open.iter().rev().find_map(|&i| {
        let func = sig.get(i.checked_sub(1)?)?;
        let list = sig.get(i + 1)?;
        let comma = sig.get(i + 2)?;
        let is_quantifier = func.is_word("any") || func.is_word("all");
        (is_quantifier && comma.is_op(",") && list.kind == Kind::Word).then_some(())?;
        resolve(source, list.text)
            .or_else(|| fields::sources().iter().find(|s| list.is_word(s)).copied())
    })
}

/// The field a string belongs to: `lead ~ "`, `doc.region in ("沂源县", "`. Returns the
/// field's path and whether the operator matches by substring (`~`).
fn string_field<'a>(sig: &[Token<'a>]) -> Option<(&'a str, bool)> {
    let mut i = sig.len();
    // Step back over the earlier items of an `in (…)` list.
    while i > 0
        && (matches!(sig[i - 1].kind, Kind::Str { .. })
            || sig[i - 1].is_op(",")
            || sig[i - 1].is_op("("))
    {
        i -= 1;
    }
    let op = sig.get(i.checked_sub(1)?)?;
    let mut field_at = i.checked_sub(2)?;
    if op.is_word("in") {
        if sig[field_at].is_word("not") {
            field_at = field_at.checked_sub(1)?;
        }
    } else if op.kind != Kind::Op {
        return None;
    }
    let field = sig[field_at];
    (field.kind == Kind::Word).then_some((field.text, op.is_op("~")))
}

/// The source a dotted path leads to from `source`: `doc` → docs, `task.doc` → docs.
fn resolve(source: &'static str, path: &str) -> Option<&'static str> {
    path.split('.').try_fold(source, |src, segment| {
        let ty = field_type(src, &segment.to_ascii_lowercase())?;
        // A link field's type names one row of a source: `doc` → `docs`.
        fields::sources()
            .iter()
            .find(|s| **s == ty || s.strip_suffix('s') == Some(ty))
            .copied()
    })
}

/// The declared type of `source.field`, without the multi-value marker.
fn field_type(source: &str, field: &str) -> Option<&'static str> {
    let def = fields::fields(source)?.iter().find(|f| f.name == field)?;
    Some(def.ty.trim_end_matches("[]"))
}

/// Completes the last segment of a dotted path: `doc.re` → `doc.region`.
fn paths(scope: &'static str, prefix: &str) -> Vec<Pair> {
    let Some((head, tail)) = prefix.rsplit_once('.') else {
        return Vec::new();
    };
    let Some(target) = resolve(scope, head) else {
        return Vec::new();
    };
    field_names(target, tail)
        .into_iter()
        .map(|p| Pair {
            replacement: format!("{head}.{}", p.replacement),
            display: p.display,
        })
        .collect()
}

fn field_names(source: &str, prefix: &str) -> Vec<Pair> {
    let defs = fields::fields(source).unwrap_or(&[]);
    defs.iter()
        .filter(|f| starts_with_ignore_case(f.name, prefix))
        .map(|f| Pair {
            display: f.name.to_owned(),
            replacement: f.name.to_owned(),
        })
        .collect()
}

/// Functions, completed with their opening parenthesis.
fn functions(prefix: &str) -> Vec<Pair> {
    fields::FUNCTIONS
        .iter()
        .filter(|f| starts_with_ignore_case(f, prefix))
        .map(|f| Pair {
            display: format!("{f}()"),
            replacement: format!("{f}("),
        })
        .collect()
}

/// Words completed with a space after them, since something always follows.
/// What a statement may start from: the sources, and the session's named queries.
fn starts(vocab: &Vocab, prefix: &str) -> Vec<Pair> {
    let names: Vec<&str> = vocab.lets.iter().map(|(n, _)| n.as_str()).collect();
    let mut words = keywords(fields::sources(), prefix);
    words.extend(keywords(&names, prefix));
    words
}

fn keywords(words: &[&str], prefix: &str) -> Vec<Pair> {
    words
        .iter()
        .filter(|w| starts_with_ignore_case(w, prefix))
        .map(|w| Pair {
            display: (*w).to_owned(),
            replacement: format!("{w} "),
        })
        .collect()
}

/// The phrases whose every word is a keyword of the language, so completion never offers
/// what the grammar would reject.
fn known<'w>(phrases: &[&'w str]) -> Vec<&'w str> {
    phrases
        .iter()
        .filter(|p| {
            p.split(' ')
                .all(|w| fields::KEYWORDS.contains(&w) || fields::FUNCTIONS.contains(&w))
        })
        .copied()
        .collect()
}

fn starts_with_ignore_case(word: &str, prefix: &str) -> bool {
    word.len() >= prefix.len()
        && word.is_char_boundary(prefix.len())
        && word[..prefix.len()].eq_ignore_ascii_case(prefix)
}

/// Values matching what was typed: those starting with it; for `~`, or when none start with
/// it, those containing it; failing that, those containing its characters in order
/// (`发改` → `县发展和改革局`); failing that, letters read as pinyin (`fgj` → `区发改局`,
/// `caizheng` → `区财政局`). Width and ASCII case are ignored throughout.
pub fn matching<'v>(values: &[&'v str], typed: &str, substring: bool) -> Vec<&'v str> {
    let typed = fold(typed).into_owned();
    let folded: Vec<(String, &'v str)> =
        values.iter().map(|v| (fold(v).into_owned(), *v)).collect();
    let pick = |keep: &dyn Fn(&str) -> bool| -> Vec<&'v str> {
        folded
            .iter()
            .filter(|(f, _)| keep(f))
            .map(|(_, v)| *v)
            .collect()
    };
    let mut found = pick(&|f| f.starts_with(&typed));
    if substring || found.is_empty() {
        found.extend(pick(&|f| !f.starts_with(&typed) && f.contains(&typed)));
    }
    if found.is_empty() {
        found = pick(&|f| in_order(&typed, f));
    }
    if found.is_empty() && super::pinyin::is_pinyin(&typed) {
        found = pick(&|f| super::pinyin::matches(&typed, f));
    }
    found
}

/// True if the characters of `needle` appear in `hay` in the same order.
fn in_order(needle: &str, hay: &str) -> bool {
    let mut hay = hay.chars();
    needle.chars().all(|n| hay.any(|h| h == n))
}

#[cfg(test)]
mod tests;
