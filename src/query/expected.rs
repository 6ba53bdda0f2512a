//! Grammar rules in words: every pest rule has a human name, so a syntax error says
//! "expected and, or, select … or end of query" instead of listing rule names.

use super::parser::Rule;
use super::suggest;
use crate::error::{ErrorKind, QueryError};
use pest::error::{ErrorVariant, InputLocation};

/// What a user would call the thing a rule matches.
pub fn rule_name(rule: Rule) -> &'static str {
    match rule {
        Rule::EOI => "end of query",
        Rule::comma => "`,`",
        Rule::lparen => "`(`",
        Rule::rparen => "`)`",
        Rule::statement | Rule::query => "a query",
        Rule::let_statement | Rule::kw_let => "let NAME = query",
        Rule::per_keys | Rule::kw_per => "per",
        Rule::is_dimension | Rule::dimension => "is money/area/power/count/share…",
        Rule::negation => "not",
        Rule::between_range | Rule::kw_between => "between … and …",
        Rule::bound => "a value",
        Rule::distinct_arg => "distinct",
        Rule::source => "a source (docs, sections, tasks, targets, units, indicators, columns)",
        Rule::where_clause | Rule::kw_where => "where",
        Rule::select_clause | Rule::kw_select => "select",
        Rule::distinct_flag | Rule::distinct_clause | Rule::kw_distinct => "distinct",
        Rule::select_item | Rule::order_item | Rule::expr => "a field or a value",
        Rule::alias => "a column name",
        Rule::group_clause | Rule::kw_group => "group by",
        Rule::kw_by => "by",
        Rule::having_clause | Rule::kw_having => "having",
        Rule::order_clause | Rule::kw_order => "order by",
        Rule::direction => "asc or desc",
        Rule::kw_asc => "asc",
        Rule::kw_desc => "desc",
        Rule::limit_clause | Rule::kw_limit => "limit",
        Rule::kw_offset => "offset",
        Rule::count_stage | Rule::kw_count => "count",
        Rule::kw_as => "as",
        Rule::op_or | Rule::kw_or => "or",
        Rule::op_and | Rule::kw_and => "and",
        Rule::op_not | Rule::kw_not => "not",
        Rule::op_le => "<=",
        Rule::op_ge => ">=",
        Rule::op_ne => "!=",
        Rule::op_lt => "<",
        Rule::op_gt => ">",
        Rule::op_eq => "=",
        Rule::op_contains => "~",
        Rule::op_not_contains => "!~",
        Rule::star => "*",
        Rule::is_empty | Rule::is_not_empty | Rule::is_null | Rule::is_not_null | Rule::kw_is => {
            "is [not] empty/null"
        }
        Rule::kw_empty => "empty",
        Rule::kw_null => "null",
        Rule::in_list | Rule::kw_in => "in (…)",
        Rule::matches_re | Rule::kw_matches => "matches /regex/",
        Rule::paren => "(",
        Rule::call | Rule::func => "a function call",
        Rule::path | Rule::name => "a field name",
        Rule::string
        | Rule::dq_inner
        | Rule::sq_inner
        | Rule::cq_inner
        | Rule::lq_inner
        | Rule::jq_inner => "a \"string\"",
        Rule::regex | Rule::re_inner => "a /regex/",
        Rule::date => "a date",
        Rule::quantity | Rule::unit => "a quantity (1亿元)",
        Rule::number | Rule::decimal => "a number",
        Rule::integer => "a whole number",
        Rule::boolean => "true or false",
        Rule::null => "null",
        Rule::stage | Rule::clause => "a clause (where, select, group by, order by, limit …)",
        Rule::pipe => "|",
        Rule::operand | Rule::primary | Rule::literal => "a field or a value",
        Rule::prefix => "not",
        Rule::infix => "an operator (and, or, =, ~ …)",
        Rule::postfix => "is, in or matches",
        Rule::word | Rule::word_char | Rule::keyword => "a word",
        Rule::fullwidth_punct => "punctuation",
        Rule::WHITESPACE => "a space",
        Rule::COMMENT => "a comment",
    }
}

/// Rules that are only keywords: the AST walker skips them.
pub fn is_keyword(rule: Rule) -> bool {
    matches!(
        rule,
        Rule::kw_where
            | Rule::kw_select
            | Rule::kw_group
            | Rule::kw_by
            | Rule::kw_having
            | Rule::kw_order
            | Rule::kw_asc
            | Rule::kw_desc
            | Rule::kw_limit
            | Rule::kw_offset
            | Rule::kw_distinct
            | Rule::kw_as
            | Rule::kw_and
            | Rule::kw_or
            | Rule::kw_not
            | Rule::kw_in
            | Rule::kw_is
            | Rule::kw_empty
            | Rule::kw_null
            | Rule::kw_matches
            | Rule::kw_count
            | Rule::kw_between
            | Rule::kw_per
            | Rule::kw_let
    )
}

/// Rules that start a value; several of them together read as "a field or a value".
fn starts_value(rule: Rule) -> bool {
    matches!(
        rule,
        Rule::paren
            | Rule::call
            | Rule::func
            | Rule::path
            | Rule::name
            | Rule::string
            | Rule::date
            | Rule::quantity
            | Rule::number
            | Rule::decimal
            | Rule::boolean
            | Rule::null
            | Rule::op_not
            | Rule::kw_not
            | Rule::expr
    )
}

/// Turns pest's error into a [`QueryError`] whose message is in words.
/// Whether `text` opens more brackets than it closes (outside strings and regexes).
fn unclosed_paren(text: &str) -> bool {
    let mut depth = 0i32;
    let mut quote: Option<char> = None;
    for c in text.chars() {
        match (quote, c) {
            (Some(q), c) if c == q || (q == '“' && c == '”') => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'' | '“' | '/') => quote = Some(c),
            (None, '(' | '（') => depth += 1,
            (None, ')' | '）') => depth -= 1,
            _ => {}
        }
    }
    depth > 0
}

pub fn syntax_error(src: &str, e: &pest::error::Error<super::parser::Rule>) -> QueryError {
    let pos = match e.location {
        InputLocation::Pos(p) => p,
        InputLocation::Span((s, _)) => s,
    };
    let found = found_at(src, pos);
    let found_text = if found.is_empty() {
        "the end of the query".to_string()
    } else {
        format!("`{found}`")
    };
    let (message, words) = match &e.variant {
        ErrorVariant::ParsingError { positives, .. } => {
            let mut words = expected_words(positives);
            // `)` is matched by a silent rule, so pest never lists it; say it when one is due.
            if unclosed_paren(&src[..pos]) && found != ")" && found != "）" {
                words.push("`)`");
            }
            (
                format!("expected {}, found {found_text}", join_or(&words)),
                words,
            )
        }
        ErrorVariant::CustomError { message } => (message.clone(), Vec::new()),
    };
    if let Some(help) = sql_select(src) {
        let at = src.len() - src.trim_start().len();
        let msg =
            "a planq query starts with its source (tasks, targets, units …), not with `select`";
        return QueryError::new(ErrorKind::Syntax, at..at + "select".len(), msg).with_help(help);
    }
    let err = QueryError::new(ErrorKind::Syntax, pos..pos + found.len(), message);
    match hint(src, pos, found, &words) {
        Some(help) => err.with_help(help),
        None => err,
    }
}

fn expected_words(positives: &[Rule]) -> Vec<&'static str> {
    let values = positives.iter().filter(|r| starts_value(**r)).count();
    let mut words: Vec<&'static str> = Vec::new();
    if values > 1 || positives.contains(&Rule::expr) {
        words.push("a field or a value");
    }
    for rule in positives {
        if values > 1 && starts_value(*rule) {
            continue;
        }
        let name = rule_name(*rule);
        if !words.contains(&name) {
            words.push(name);
        }
    }
    let comparisons = ["<=", ">=", "!=", "<", ">", "=", "~"];
    if comparisons.iter().all(|c| words.contains(c)) {
        words.retain(|w| !comparisons.contains(w));
        words.push(COMPARISON);
    }
    words.sort_by_key(|w| order(w));
    words
}

const COMPARISON: &str = "a comparison (= != < <= > >= ~)";

/// Connectives first, then operators, then clauses, the end of the query last.
fn order(word: &str) -> u8 {
    match word {
        "and" | "or" => 0,
        "is [not] empty/null"
        | "in (…)"
        | "matches /regex/"
        | "between … and …"
        | "is money/area/power/count/share…" => 1,
        "=" | "!=" | "<" | "<=" | ">" | ">=" | "~" | COMPARISON => 2,
        "end of query" => 5,
        "|" => 4,
        _ => 3,
    }
}

fn join_or(words: &[&str]) -> String {
    match words {
        [] => "something else".to_string(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// The word (or single character) at `pos`.
fn found_at(src: &str, pos: usize) -> &str {
    let rest = src.get(pos..).unwrap_or_default();
    let word = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(rest.len());
    if word > 0 {
        return &rest[..word];
    }
    let cjk = rest
        .find(|c: char| c.is_ascii() || c.is_whitespace() || "（），。、：；“”".contains(c))
        .unwrap_or(rest.len());
    if cjk > 0 {
        return &rest[..cjk];
    }
    rest.chars().next().map_or("", |c| &rest[..c.len_utf8()])
}

/// A misspelt keyword, an unquoted Chinese value, or an unclosed quote.
fn hint(src: &str, pos: usize, found: &str, expected: &[&'static str]) -> Option<String> {
    let rest = src.get(pos..).unwrap_or_default();
    if rest.starts_with('.') && src[..pos].trim().is_empty() {
        return Some(
            "dot commands (.show, .format, .load…) work in the interactive session; \
             in a script or with -e, use the options (--format, --docs)"
                .to_string(),
        );
    }
    // `select no, title` with no source: the clause keyword was read as the source.
    let first_word = src
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_lowercase();
    if ["select", "where", "group", "order", "limit", "having"].contains(&first_word.as_str()) {
        return Some(format!(
            "a query starts with what to ask about — docs, sections, tasks, targets, units, \
             indicators or columns: `tasks {}`",
            src.trim()
        ));
    }
    if let Some(habit) = sql_habit(src, pos, found) {
        return Some(habit);
    }
    if let Some(word) = suggest::closest(found, expected.iter().copied().filter(|w| w.len() > 1)) {
        return Some(format!("did you mean `{word}`?"));
    }
    let first = rest.chars().next()?;
    if matches!(first, '"' | '\'' | '“')
        && rest[first.len_utf8()..].find(first_close(first)).is_none()
    {
        return Some("this string is never closed".to_string());
    }
    if !first.is_ascii() && !first.is_whitespace() {
        let word: String = rest
            .chars()
            .take_while(|c| !c.is_ascii() && !c.is_whitespace())
            .collect();
        return Some(format!("put text in quotes: \"{word}\""));
    }
    None
}

/// `select title from tasks where …` → `tasks where … select title` (and `select *` is
/// what a query prints anyway).
fn sql_select(src: &str) -> Option<String> {
    let lower = src.to_ascii_lowercase();
    let rest = lower.trim_start().strip_prefix("select")?;
    let from = rest.find(" from ")?;
    let start = src.len() - rest.len();
    let columns = src[start..start + from].trim();
    let after = src[start + from + " from ".len()..].trim();
    let rewritten = if columns == "*" {
        after.to_string()
    } else {
        format!("{after} select {columns}")
    };
    Some(format!(
        "planq names the source first and the columns after: `{rewritten}`"
    ))
}

/// SQL words and shapes with a planq spelling: `like`, `sort by`, `in "a", "b"`.
fn sql_habit(src: &str, pos: usize, found: &str) -> Option<String> {
    let rest = src
        .get(pos + found.len()..)
        .unwrap_or_default()
        .trim_start();
    match found.to_ascii_lowercase().as_str() {
        "like" | "ilike" => {
            let pattern = rest.split_whitespace().next().unwrap_or("\"…\"");
            let plain = pattern.replace('%', "");
            let before = src[..pos].trim_end().to_ascii_lowercase();
            if before.ends_with(" not") {
                return Some(format!(
                    "`not like` is written `!~` (does not contain): `!~ {plain}`"
                ));
            }
            Some(format!(
                "`like` is written `~` (contains, ignoring width): `~ {plain}`; for a pattern, `matches /…/`"
            ))
        }
        "sort" => Some("did you mean `order by`?".to_string()),
        // `units | count(distinct x)`: the count stage takes nothing; a select counts.
        "count" if rest.starts_with(['(', '（']) => Some(format!(
            "`| count` counts rows and takes nothing; to count something, select it: select count{}",
            rest.split_whitespace().collect::<Vec<_>>().join(" ")
        )),
        "in" if !rest.starts_with(['(', '（']) => {
            let end = CLAUSE_WORDS
                .iter()
                .filter_map(|w| find_word(rest, w))
                .min()
                .unwrap_or(rest.len());
            let list = rest[..end].trim();
            Some(format!("the list goes in brackets: in ({list})"))
        }
        _ => None,
    }
}

/// Words that end an unbracketed `in` list.
const CLAUSE_WORDS: &[&str] = &[
    "and", "or", "where", "select", "group", "having", "order", "limit", "|",
];

/// Where `word` stands alone in `text` (outside quotes), if anywhere.
fn find_word(text: &str, word: &str) -> Option<usize> {
    let mut quote: Option<char> = None;
    for (i, c) in text.char_indices() {
        match quote {
            Some(q) if c == q || (q == '“' && c == '”') => quote = None,
            Some(_) => {}
            None if matches!(c, '"' | '\'' | '“') => quote = Some(c),
            None => {
                let head = &text[i..];
                let before_ok = i == 0 || text[..i].ends_with(char::is_whitespace);
                let after = head.get(word.len()..).unwrap_or_default();
                let after_ok = after.is_empty() || after.starts_with(char::is_whitespace);
                if before_ok
                    && after_ok
                    && head
                        .get(..word.len())
                        .is_some_and(|h| h.eq_ignore_ascii_case(word))
                {
                    return Some(i);
                }
            }
        }
    }
    None
}

fn first_close(open: char) -> char {
    if open == '“' {
        '”'
    } else {
        open
    }
}
