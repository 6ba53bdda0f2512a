//! Statement text → [`Query`]: pest pairs walked into the AST, operators ordered by a
//! PrattParser (or < and < not < comparison < postfix).

use super::ast::{CmpOp, Expr, ExprKind, OrderItem, Query, SelectItem, Span, Stage, Statement};
use super::{expected, Value};
use crate::error::{ErrorKind, QueryError};
use crate::model::{Quantity, QuantityError};
use pest::iterators::Pair;
use pest::pratt_parser::{Assoc, Op, PrattParser};
use pest::Parser as _;
use rust_decimal::Decimal;
use std::sync::LazyLock;

#[derive(pest_derive::Parser)]
#[grammar = "../grammar/planq.pest"]
pub struct Grammar;

type Result<T> = std::result::Result<T, QueryError>;

static PRATT: LazyLock<PrattParser<Rule>> = LazyLock::new(|| {
    let cmp = [
        Rule::op_le,
        Rule::op_ge,
        Rule::op_ne,
        Rule::op_lt,
        Rule::op_gt,
        Rule::op_eq,
        Rule::op_not_contains,
    ];
    let cmp = cmp
        .into_iter()
        .fold(Op::infix(Rule::op_contains, Assoc::Left), |ops, r| {
            ops | Op::infix(r, Assoc::Left)
        });
    let post = [
        Rule::is_not_empty,
        Rule::is_empty,
        Rule::is_not_null,
        Rule::is_null,
        Rule::is_dimension,
        Rule::in_list,
        Rule::between_range,
    ];
    let post = post
        .into_iter()
        .fold(Op::postfix(Rule::matches_re), |ops, r| ops | Op::postfix(r));
    PrattParser::new()
        .op(Op::infix(Rule::op_or, Assoc::Left))
        .op(Op::infix(Rule::op_and, Assoc::Left))
        .op(Op::prefix(Rule::op_not))
        .op(cmp)
        .op(post)
});

/// Parses one statement: a query or a `let`.
pub fn parse_statement(src: &str) -> Result<Statement> {
    check_size(src)?;
    let mut pairs =
        Grammar::parse(Rule::statement, src).map_err(|e| expected::syntax_error(src, &e))?;
    let body = pairs
        .next()
        .and_then(|statement| {
            statement
                .into_inner()
                .find(|p| matches!(p.as_rule(), Rule::query | Rule::let_statement))
        })
        .ok_or_else(|| QueryError::new(ErrorKind::Syntax, 0..src.len(), "empty statement"))?;
    let walker = Walker { source: src.into() };
    if body.as_rule() == Rule::query {
        return walker.query(body).map(Statement::Query);
    }
    let mut inner = body.into_inner().filter(|p| !is_keyword(p.as_rule()));
    let name = next(&mut inner)?;
    let query = inner
        .find(|p| p.as_rule() == Rule::query)
        .ok_or_else(|| unexpected(Rule::let_statement, span(&name)))?;
    Ok(Statement::Let {
        name: name.as_str().to_string(),
        name_span: span(&name),
        query: walker.query(query)?,
    })
}

/// Parses one statement that must be a query.
pub fn parse(src: &str) -> Result<Query> {
    match parse_statement(src)? {
        Statement::Query(q) => Ok(q),
        Statement::Let { name_span, .. } => Err(QueryError::new(
            ErrorKind::Syntax,
            name_span,
            "a `let` names a query for the statements after it; here a query is wanted",
        )),
    }
}

struct Walker {
    source: std::sync::Arc<str>,
}

/// Deepest bracket nesting a query may have.
const MAX_NESTING: usize = 64;
/// Most `and`/`or`/`not` a query may have: each is a level of the tree every later stage
/// walks, so the bound keeps any query from running out of stack.
const MAX_LOGIC_TERMS: usize = 256;

/// Refuses, before parsing, a query nested or chained deeper than planq walks safely.
/// Quoted strings and regexes are skipped; the caret goes under the first token too many.
fn check_size(src: &str) -> Result<()> {
    let mut depth = 0usize;
    let mut terms = 0usize;
    let mut quote: Option<char> = None;
    let mut word_start: Option<usize> = None;
    // A `/` opens a regex only after `matches`; elsewhere it is part of a unit (万元/亩).
    let mut after_matches = false;
    let mut indices = src.char_indices().peekable();
    while let Some((i, c)) = indices.next() {
        if let Some(close) = quote {
            if c == '\\' {
                indices.next();
            } else if c == close {
                quote = None;
            }
            continue;
        }
        let ends_word = !(c.is_ascii_alphanumeric() || c == '_');
        if ends_word {
            if let Some(start) = word_start.take() {
                let word = &src[start..i];
                after_matches = word.eq_ignore_ascii_case("matches");
                if ["and", "or", "not"]
                    .iter()
                    .any(|w| word.eq_ignore_ascii_case(w))
                {
                    terms += 1;
                    if terms > MAX_LOGIC_TERMS {
                        return Err(QueryError::new(
                            ErrorKind::Syntax,
                            start..i,
                            format!("a query may join at most {MAX_LOGIC_TERMS} conditions with and/or/not"),
                        ));
                    }
                }
            }
        } else if word_start.is_none() {
            word_start = Some(i);
        }
        match c {
            '"' | '\'' => quote = Some(c),
            '/' if after_matches => quote = Some(c),
            '“' => quote = Some('”'),
            '(' | '（' => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Err(QueryError::new(
                        ErrorKind::Syntax,
                        i..i + c.len_utf8(),
                        format!("brackets nested more than {MAX_NESTING} deep"),
                    ));
                }
            }
            ')' | '）' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

fn span(pair: &Pair<Rule>) -> Span {
    pair.as_span().start()..pair.as_span().end()
}

impl Walker {
    fn query(&self, pair: Pair<Rule>) -> Result<Query> {
        let mut inner = pair.into_inner();
        let source = inner.next().ok_or_else(|| {
            QueryError::new(ErrorKind::Syntax, 0..0, "a query starts with a source")
        })?;
        let stages = inner
            .filter(|p| p.as_rule() != Rule::pipe)
            .map(|p| self.stage(p))
            .collect::<Result<_>>()?;
        Ok(Query {
            source: source.as_str().to_string(),
            source_span: span(&source),
            stages,
        })
    }

    fn stage(&self, pair: Pair<Rule>) -> Result<Stage> {
        let rule = pair.as_rule();
        let mut inner = pair
            .into_inner()
            .filter(|p| !is_keyword(p.as_rule()))
            .peekable();
        Ok(match rule {
            Rule::where_clause => Stage::Where(self.expr(next(&mut inner)?)?),
            Rule::having_clause => Stage::Having(self.expr(next(&mut inner)?)?),
            Rule::group_clause => {
                Stage::GroupBy(inner.map(|p| self.expr(p)).collect::<Result<_>>()?)
            }
            Rule::select_clause => {
                let distinct = inner
                    .next_if(|p| p.as_rule() == Rule::distinct_flag)
                    .is_some();
                let items = inner.map(|p| self.select_item(p)).collect::<Result<_>>()?;
                Stage::Select { distinct, items }
            }
            Rule::order_clause => {
                Stage::OrderBy(inner.map(|p| self.order_item(p)).collect::<Result<_>>()?)
            }
            Rule::limit_clause => {
                let limit = integer(next(&mut inner)?)?;
                let offset = inner
                    .next_if(|p| p.as_rule() == Rule::integer)
                    .map(integer)
                    .transpose()?
                    .unwrap_or(0);
                let per = match inner.next() {
                    Some(keys) => keys
                        .into_inner()
                        .filter(|p| p.as_rule() == Rule::expr)
                        .map(|p| self.expr(p))
                        .collect::<Result<_>>()?,
                    None => Vec::new(),
                };
                Stage::Limit { limit, offset, per }
            }
            Rule::distinct_clause => Stage::Distinct,
            Rule::count_stage => Stage::Count,
            other => return Err(unexpected(other, 0..0)),
        })
    }

    fn select_item(&self, pair: Pair<Rule>) -> Result<SelectItem> {
        let mut inner = pair.into_inner().filter(|p| !is_keyword(p.as_rule()));
        let expr = self.expr(next(&mut inner)?)?;
        let name = match inner.next() {
            Some(alias) => string(alias.as_str(), &span(&alias))?,
            None => expr.text(),
        };
        Ok(SelectItem { expr, name })
    }

    fn order_item(&self, pair: Pair<Rule>) -> Result<OrderItem> {
        let mut inner = pair.into_inner();
        let expr = self.expr(next(&mut inner)?)?;
        let desc = inner
            .next()
            .is_some_and(|d| d.as_str().eq_ignore_ascii_case("desc"));
        Ok(OrderItem { expr, desc })
    }

    fn node(&self, kind: ExprKind, span: Span) -> Expr {
        Expr {
            kind,
            span,
            source: self.source.clone(),
        }
    }

    fn expr(&self, pair: Pair<Rule>) -> Result<Expr> {
        PRATT
            .map_primary(|p| self.primary(p))
            .map_prefix(|op, rhs| {
                let rhs = rhs?;
                let s = op.as_span().start()..rhs.span.end;
                Ok(self.node(ExprKind::Not(Box::new(rhs)), s))
            })
            .map_infix(|lhs, op, rhs| {
                let (lhs, rhs) = (Box::new(lhs?), Box::new(rhs?));
                let s = lhs.span.start..rhs.span.end;
                let kind = match op.as_rule() {
                    Rule::op_or => ExprKind::Or(lhs, rhs),
                    Rule::op_and => ExprKind::And(lhs, rhs),
                    Rule::op_not_contains => {
                        let contains = ExprKind::Cmp {
                            op: CmpOp::Contains,
                            lhs,
                            rhs,
                        };
                        ExprKind::Not(Box::new(self.node(contains, s.clone())))
                    }
                    r => ExprKind::Cmp {
                        op: cmp_op(r, span(&op))?,
                        lhs,
                        rhs,
                    },
                };
                Ok(self.node(kind, s))
            })
            .map_postfix(|lhs, op| {
                let lhs = Box::new(lhs?);
                let s = lhs.span.start..op.as_span().end();
                // `x not in (…)`, `x not matches /…/`: the test, negated.
                let negated = matches!(op.as_rule(), Rule::in_list | Rule::matches_re)
                    && op
                        .clone()
                        .into_inner()
                        .any(|p| p.as_rule() == Rule::negation);
                let node = self.node(self.postfix(lhs, op)?, s.clone());
                Ok(if negated {
                    self.node(ExprKind::Not(Box::new(node)), s)
                } else {
                    node
                })
            })
            .parse(pair.into_inner())
    }

    fn postfix(&self, expr: Box<Expr>, op: Pair<Rule>) -> Result<ExprKind> {
        Ok(match op.as_rule() {
            Rule::is_empty => ExprKind::IsEmpty {
                expr,
                negated: false,
            },
            Rule::is_not_empty => ExprKind::IsEmpty {
                expr,
                negated: true,
            },
            Rule::is_null => ExprKind::IsNull {
                expr,
                negated: false,
            },
            Rule::is_not_null => ExprKind::IsNull {
                expr,
                negated: true,
            },
            Rule::is_dimension => {
                let negated = op
                    .clone()
                    .into_inner()
                    .any(|p| p.as_rule() == Rule::negation);
                let word = op
                    .into_inner()
                    .find(|p| p.as_rule() == Rule::dimension)
                    .ok_or_else(|| unexpected(Rule::is_dimension, expr.span.clone()))?;
                ExprKind::IsDimension {
                    expr,
                    dimension: dimension(&word)?,
                    negated,
                }
            }
            Rule::between_range => self.between(expr, op)?,
            Rule::in_list => {
                let list = op
                    .into_inner()
                    .filter(|p| p.as_rule() == Rule::expr)
                    .map(|p| self.expr(p))
                    .collect::<Result<_>>()?;
                ExprKind::In { expr, list }
            }
            Rule::matches_re => {
                let pattern = op
                    .into_inner()
                    .find(|p| matches!(p.as_rule(), Rule::regex | Rule::string))
                    .ok_or_else(|| unexpected(Rule::matches_re, expr.span.clone()))?;
                let s = span(&pattern);
                let text = pattern.as_str();
                // A pattern keeps its backslashes for the regex engine (`"\d+"`, `/\d+/`).
                // The quotes may be wide (“…”): cut them by characters, not bytes.
                let mut chars = text.chars();
                chars.next();
                chars.next_back();
                let inner = chars.as_str();
                let body = unescape(inner, true).unwrap_or_else(|_| inner.to_string());
                let re = regex::Regex::new(&body).map_err(|e| regex_error(s, &e))?;
                ExprKind::Matches { expr, re }
            }
            other => return Err(unexpected(other, span(&op))),
        })
    }

    /// `x between a and b` is `x >= a and x <= b`, so each end is type-checked as a comparison.
    fn between(&self, expr: Box<Expr>, op: Pair<Rule>) -> Result<ExprKind> {
        let negated = op
            .clone()
            .into_inner()
            .any(|p| p.as_rule() == Rule::negation);
        let mut bounds = op.into_inner().filter(|p| p.as_rule() == Rule::bound);
        let mut end =
            || -> Result<Expr> { self.primary(next(&mut next(&mut bounds)?.into_inner())?) };
        let (lo, hi) = (end()?, end()?);
        if let (ExprKind::Lit(a), ExprKind::Lit(b)) = (&lo.kind, &hi.kind) {
            if super::compare::compare(a, b).is_some_and(|o| o.is_gt()) {
                let msg = format!(
                    "`between {} and {}` holds for nothing: the lower end comes first",
                    lo.text(),
                    hi.text()
                );
                return Err(
                    QueryError::new(ErrorKind::Type, lo.span.start..hi.span.end, msg)
                        .with_help(format!("between {} and {}", hi.text(), lo.text())),
                );
            }
        }
        let cmp = |op, bound: Expr| {
            let s = expr.span.start..bound.span.end;
            let kind = ExprKind::Cmp {
                op,
                lhs: expr.clone(),
                rhs: Box::new(bound),
            };
            self.node(kind, s)
        };
        let (ge, le) = (cmp(CmpOp::Ge, lo), cmp(CmpOp::Le, hi));
        let whole = expr.span.start..le.span.end;
        let both = ExprKind::And(Box::new(ge), Box::new(le));
        Ok(if negated {
            ExprKind::Not(Box::new(self.node(both, whole)))
        } else {
            both
        })
    }

    fn primary(&self, pair: Pair<Rule>) -> Result<Expr> {
        let s = span(&pair);
        let text = pair.as_str();
        let kind = match pair.as_rule() {
            Rule::paren => {
                return self
                    .expr(next(&mut pair.into_inner())?)
                    .map(|e| Expr { span: s, ..e })
            }
            Rule::path => ExprKind::Path(text.split('.').map(str::to_string).collect()),
            Rule::call => {
                let mut inner = pair.into_inner().peekable();
                let name = next(&mut inner)?.as_str().to_ascii_lowercase();
                // count(*) is count(): every row.
                if let Some(star) = inner.next_if(|p| p.as_rule() == Rule::star) {
                    if name != "count" {
                        let msg = format!("{name}(*) means nothing: only count(*) counts rows");
                        return Err(QueryError::new(ErrorKind::Syntax, span(&star), msg)
                            .with_help(format!("give {name} a field: {name}(amount)")));
                    }
                }
                let args = inner.map(|p| self.arg(p)).collect::<Result<_>>()?;
                ExprKind::Call { name, args }
            }
            Rule::string => ExprKind::Lit(Value::owned(string(text, &s)?)),
            Rule::date => ExprKind::Lit(Value::Date(date(text, &s)?.into())),
            Rule::number => ExprKind::Lit(Value::Num(decimal(text, s.clone())?)),
            Rule::boolean => ExprKind::Lit(Value::Bool(text.eq_ignore_ascii_case("true"))),
            Rule::null => ExprKind::Lit(Value::Null),
            Rule::quantity => ExprKind::Lit(Value::Qty(quantity(text, s.clone())?)),
            other => return Err(unexpected(other, s)),
        };
        Ok(self.node(kind, s))
    }
}

impl Walker {
    /// A call's argument; `distinct x` (as SQL writes it) is the call `distinct(x)`.
    fn arg(&self, pair: Pair<Rule>) -> Result<Expr> {
        if pair.as_rule() != Rule::distinct_arg {
            return self.expr(pair);
        }
        let s = span(&pair);
        let inner = pair
            .into_inner()
            .find(|p| p.as_rule() == Rule::expr)
            .ok_or_else(|| unexpected(Rule::distinct_arg, s.clone()))?;
        let kind = ExprKind::Call {
            name: "distinct".to_string(),
            args: vec![self.expr(inner)?],
        };
        Ok(self.node(kind, s))
    }
}

/// A dimension word (`money`), or an error listing the ones there are.
fn dimension(word: &Pair<Rule>) -> Result<&'static str> {
    crate::model::dimension_named(word.as_str()).ok_or_else(|| {
        let names = crate::model::DIMENSIONS.iter().map(|(n, _)| *n);
        let err = QueryError::new(
            ErrorKind::Syntax,
            span(word),
            format!("`{}` is not a kind of quantity", word.as_str()),
        );
        match super::suggest::closest(word.as_str(), names.clone()) {
            Some(near) => err.with_help(format!("did you mean `{near}`?")),
            None => err.with_help(format!(
                "a quantity is one of: {}",
                names.collect::<Vec<_>>().join(", ")
            )),
        }
    })
}

fn next<'i>(inner: &mut impl Iterator<Item = Pair<'i, Rule>>) -> Result<Pair<'i, Rule>> {
    inner.next().ok_or_else(|| {
        QueryError::new(
            ErrorKind::Syntax,
            0..0,
            "the grammar and the parser disagree",
        )
    })
}

fn unexpected(rule: Rule, span: Span) -> QueryError {
    QueryError::new(
        ErrorKind::Syntax,
        span,
        format!("unexpected {}", expected::rule_name(rule)),
    )
}

fn is_keyword(rule: Rule) -> bool {
    expected::is_keyword(rule)
}

fn cmp_op(rule: Rule, s: Span) -> Result<CmpOp> {
    Ok(match rule {
        Rule::op_eq => CmpOp::Eq,
        Rule::op_ne => CmpOp::Ne,
        Rule::op_lt => CmpOp::Lt,
        Rule::op_le => CmpOp::Le,
        Rule::op_gt => CmpOp::Gt,
        Rule::op_ge => CmpOp::Ge,
        Rule::op_contains | Rule::op_not_contains => CmpOp::Contains,
        other => return Err(unexpected(other, s)),
    })
}

fn integer(pair: Pair<Rule>) -> Result<usize> {
    pair.as_str()
        .parse()
        .map_err(|_| QueryError::new(ErrorKind::Syntax, span(&pair), "this number is too large"))
}

fn decimal(text: &str, s: Span) -> Result<Decimal> {
    // Exact or an error: a number with more digits than a decimal holds is not rounded.
    Decimal::from_str_exact(text).map_err(|_| {
        QueryError::new(
            ErrorKind::Syntax,
            s,
            format!("`{text}` is not a number planq can hold"),
        )
    })
}

fn quantity(text: &str, s: Span) -> Result<Quantity> {
    Quantity::read(text).map_err(|e| match e {
        QuantityError::UnknownUnit => {
            let unit =
                text.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == '-');
            QueryError::new(
                ErrorKind::Unit,
                s,
                format!("unknown unit `{unit}` in `{text}`"),
            )
            .with_help(
                "units are written as in the plans: 亿元, 万元, 万千瓦, %, 个百分点, 家, 个 …",
            )
        }
        QuantityError::TooManyDigits => QueryError::new(
            ErrorKind::Syntax,
            s,
            format!("`{text}` has more digits than planq can hold exactly (28)"),
        ),
        QuantityError::TooLarge => QueryError::new(
            ErrorKind::Syntax,
            s,
            format!("`{text}` is too large for planq to count in its base unit"),
        ),
    })
}

/// A date literal, which must be a day of the calendar (2023-02-30 is not).
fn date(text: &str, s: &Span) -> Result<String> {
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map(|d| d.format("%Y-%m-%d").to_string())
        .map_err(|_| {
            QueryError::new(
                ErrorKind::Syntax,
                s.clone(),
                format!("`{text}` is not a day of the calendar"),
            )
        })
}

/// A string literal: the text inside its quotes, escapes resolved; an unknown escape is an
/// error, not a silent letter.
fn string(text: &str, s: &Span) -> Result<String> {
    unquote(text).map_err(|(at, c)| {
        let start = s.start + at;
        QueryError::new(
            ErrorKind::Syntax,
            start..start + 1 + c.len_utf8(),
            format!("unknown escape `\\{c}` in a string"),
        )
        .with_help("a string knows \\\" \\' \\\\ \\n and \\t; write a backslash as \\\\")
    })
}

/// The text inside quotes, escapes resolved; an alias or string never fails on its quotes.
/// The error is (byte offset in `text`, the character after the backslash).
fn unquote(text: &str) -> std::result::Result<String, (usize, char)> {
    let mut chars = text.chars();
    match (chars.next(), chars.next_back()) {
        (Some(open @ ('"' | '\'' | '“' | '‘' | '「')), Some(_)) => {
            unescape(chars.as_str(), false).map_err(|(at, c)| (at + open.len_utf8(), c))
        }
        _ => Ok(text.to_string()),
    }
}

/// Resolves `\"`, `\'`, `\\`, `\n`, `\t` (and the closing quotes of Chinese strings); in
/// a regex only `\/` (the regex engine reads the rest).
fn unescape(body: &str, regex: bool) -> std::result::Result<String, (usize, char)> {
    let mut out = String::with_capacity(body.len());
    let mut chars = body.char_indices();
    while let Some((at, c)) = chars.next() {
        match (c, regex) {
            ('\\', true) => match chars.next() {
                Some((_, '/')) => out.push('/'),
                Some((_, n)) => {
                    out.push('\\');
                    out.push(n);
                }
                None => out.push('\\'),
            },
            ('\\', false) => match chars.next() {
                Some((_, 'n')) => out.push('\n'),
                Some((_, 't')) => out.push('\t'),
                Some((_, n @ ('"' | '\'' | '\\' | '”' | '“'))) => out.push(n),
                Some((_, n)) => return Err((at, n)),
                None => out.push('\\'),
            },
            (c, _) => out.push(c),
        }
    }
    Ok(out)
}

/// A regex that does not compile, with the engine's own reason.
pub(super) fn regex_error(s: Span, e: &regex::Error) -> QueryError {
    QueryError::new(
        ErrorKind::Regex,
        s,
        format!("this regex does not compile: {}", first_line(e)),
    )
}

fn first_line(e: &regex::Error) -> String {
    let text = e.to_string();
    text.lines()
        .last()
        .unwrap_or_default()
        .trim()
        .trim_start_matches("error: ")
        .to_string()
}

#[cfg(test)]
#[path = "parser_tests.rs"]
mod tests;
