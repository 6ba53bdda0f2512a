//! Static types of expressions, and the checks that explain a comparison that cannot work
//! (`value ~ 3`, `1亿元 > 1万千瓦`, `amount >= 5`) before any row is read.

use super::ast::{CmpOp, Expr, ExprKind};
use super::entity::Kind;
use super::functions::{Param, Scalar};
use super::Value;
use crate::error::{ErrorKind, QueryError};

/// What an expression yields, as far as the query text tells.
#[derive(Debug, Clone, PartialEq)]
pub enum Base {
    Text,
    Num,
    Date,
    /// A quantity; the base unit when the text says it (a literal).
    Qty(Option<String>),
    Bool,
    Ent(Kind),
    Null,
    Any,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Ty {
    pub base: Base,
    /// Multi-valued: matches when any element matches.
    pub multi: bool,
}

impl Ty {
    pub fn one(base: Base) -> Ty {
        Ty { base, multi: false }
    }

    /// The type a fields.rs type string names (`text[]`, `task`).
    pub fn from_field(ty: &str) -> Ty {
        let multi = ty.ends_with("[]");
        let base = match ty.trim_end_matches("[]") {
            "text" => Base::Text,
            "number" => Base::Num,
            "date" => Base::Date,
            "quantity" => Base::Qty(None),
            "bool" => Base::Bool,
            other => Kind::from_singular(other).map_or(Base::Any, Base::Ent),
        };
        Ty { base, multi }
    }

    fn describe(&self) -> String {
        let one = match &self.base {
            Base::Text => "text".to_string(),
            Base::Num => "a plain number".to_string(),
            Base::Date => "a date".to_string(),
            Base::Qty(Some(u)) => format!("a quantity in {u}"),
            Base::Qty(None) => "a quantity".to_string(),
            Base::Bool => "true or false".to_string(),
            Base::Ent(k) => format!("a {}", k.singular()),
            Base::Null => "null".to_string(),
            Base::Any => "a value".to_string(),
        };
        if self.multi {
            format!("a list of {one}")
        } else {
            one
        }
    }
}

fn type_error(e: &Expr, message: String, help: &str) -> QueryError {
    QueryError::new(ErrorKind::Type, e.span.clone(), message).with_help(help)
}

/// Whether `lhs op rhs` can ever hold; an explained error when it cannot. `date_twin` is
/// the date field that means what a text side says (`due_date` for `due`), for the hint.
pub fn check_cmp(
    op: CmpOp,
    lhs: (&Expr, &Ty),
    rhs: (&Expr, &Ty),
    whole: &Expr,
    date_twin: Option<String>,
) -> Result<(), QueryError> {
    use Base::*;
    let ((le, lt), (re, rt)) = (lhs, rhs);
    if lt.base == Null || rt.base == Null {
        let other = if lt.base == Null { re } else { le };
        let test = if op == CmpOp::Ne {
            "is not null"
        } else {
            "is null"
        };
        return Err(type_error(
            whole,
            format!(
                "`{} null` is never true: null is no value to compare with",
                op.symbol()
            ),
            &format!("ask whether there is a value: {} {test}", other.text()),
        ));
    }
    if matches!(lt.base, Any | Ent(_)) || matches!(rt.base, Any | Ent(_)) {
        return Ok(());
    }
    if op == CmpOp::Contains {
        for (e, t) in [(le, lt), (re, rt)] {
            if t.base != Text {
                let msg = format!(
                    "`~` looks for text inside text, but `{}` is {}",
                    e.text(),
                    t.describe()
                );
                return Err(type_error(
                    e,
                    msg,
                    "compare numbers and quantities with =, <, <=, >, >=",
                ));
            }
        }
        return Ok(());
    }
    match (&lt.base, &rt.base) {
        (Qty(Some(a)), Qty(Some(b))) if a != b => Err(QueryError::new(
            ErrorKind::Unit,
            whole.span.clone(),
            format!("cannot compare {a} with {b}: `{}` and `{}` are measured in different units", le.text(), re.text()),
        )
        .with_help("quantities compare only within one base unit (亿元 with 万元, 万千瓦 with 千瓦)")),
        (Qty(_), Num) | (Num, Qty(_)) => {
            let (num, qty) = if lt.base == Num { (le, re) } else { (re, le) };
            let help = if is_literal(num) {
                format!("give the number a unit, e.g. {}元 or {}万千瓦", num.text(), num.text())
            } else {
                "compare `amount` (the quantity in its base unit) with a quantity: amount >= 1亿元".to_string()
            };
            Err(type_error(whole, format!("`{}` is a plain number but `{}` is a quantity", num.text(), qty.text()), &help))
        }
        (Text, Date) | (Date, Text) => {
            let (text, date) = if lt.base == Text { (le, re) } else { (re, le) };
            check_text_as_date(text, date, whole, date_twin)
        }
        (Num, Text) | (Text, Num) => {
            let (num, text) = if lt.base == Num { (le, re) } else { (re, le) };
            check_text_as_number(op, num, text, whole)
        }
        (Date, Num) | (Num, Date) => {
            let date = if lt.base == Date { le } else { re };
            Err(type_error(
                whole,
                format!("`{}` is a date, not a number", date.text()),
                &format!("compare it with a date ({} < 2024-07-01), or its year: year({}) = 2024", date.text(), date.text()),
            ))
        }
        (a, b) if a == b || compatible(a, b) => Ok(()),
        _ => Err(type_error(
            whole,
            format!("cannot compare `{}` ({}) with `{}` ({})", le.text(), lt.describe(), re.text(), rt.describe()),
            "compare text with \"strings\", numbers with numbers, quantities with quantities (1亿元)",
        )),
    }
}

/// Pairs that compare although their types differ: quantities of any unit (a literal's
/// unit is checked against the rows as they are met).
fn compatible(a: &Base, b: &Base) -> bool {
    matches!((a, b), (Base::Qty(_), Base::Qty(_)))
}

/// A date meets text only as a string literal that is a day (`date >= "2023-07-01"`); a
/// text field never orders as a date, however its values look.
fn check_text_as_date(
    text: &Expr,
    date: &Expr,
    whole: &Expr,
    date_twin: Option<String>,
) -> Result<(), QueryError> {
    match &text.kind {
        ExprKind::Lit(Value::Str(s)) if is_day(s) => Ok(()),
        ExprKind::Lit(Value::Str(s)) => Err(type_error(
            text,
            format!("`{}` is a date, but \"{s}\" is not a day", date.text()),
            "write a day as 2024-06-30, without quotes",
        )),
        _ => {
            let help = match date_twin {
                Some(twin) => format!(
                    "`{0}` is text as written (2023年底前); `{twin}` is the day it means: {twin} {1}",
                    text.text(),
                    // The rest of the comparison as written when the text field stands first.
                    whole
                        .text()
                        .strip_prefix(&text.text())
                        .map(str::trim)
                        .filter(|rest| !rest.is_empty())
                        .unwrap_or("< 2024-07-01"),
                ),
                None => "compare a date field (date, due_date) with a date".to_string(),
            };
            Err(type_error(
                whole,
                format!(
                    "cannot compare `{}` (text) with `{}` (a date)",
                    text.text(),
                    date.text()
                ),
                &help,
            ))
        }
    }
}

fn is_day(s: &str) -> bool {
    chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").is_ok()
}

/// A number meets text as a number written as text (an indicator's "0.9"); ordering it
/// against a string that is no number is never true.
fn check_text_as_number(
    op: CmpOp,
    num: &Expr,
    text: &Expr,
    whole: &Expr,
) -> Result<(), QueryError> {
    let ExprKind::Lit(Value::Str(s)) = &text.kind else {
        return Ok(());
    };
    let ordering = !matches!(op, CmpOp::Eq | CmpOp::Ne);
    if !ordering
        || super::compare::fold(s)
            .parse::<rust_decimal::Decimal>()
            .is_ok()
    {
        return Ok(());
    }
    Err(type_error(
        whole,
        format!("`{}` is a number, but \"{s}\" is not one", num.text()),
        &format!("compare it with a number: {} {} 3", num.text(), op.symbol()),
    ))
}

fn is_literal(e: &Expr) -> bool {
    matches!(e.kind, ExprKind::Lit(_))
}

/// A condition must yield true or false.
pub fn check_condition(e: &Expr, t: &Ty) -> Result<(), QueryError> {
    if matches!(t.base, Base::Bool | Base::Any | Base::Null) {
        return Ok(());
    }
    let msg = format!("`{}` is {}, not a condition", e.text(), t.describe());
    Err(type_error(
        e,
        msg,
        "compare it with something: title ~ \"光伏\", lead is empty, count() > 1",
    ))
}

/// `sum`/`avg` need numbers or quantities.
pub fn check_summable(func: &str, e: &Expr, t: &Ty) -> Result<(), QueryError> {
    if matches!(t.base, Base::Num | Base::Qty(_) | Base::Any | Base::Null) {
        return Ok(());
    }
    let msg = format!(
        "{func}() adds numbers or quantities, but `{}` is {}",
        e.text(),
        t.describe()
    );
    Err(type_error(e, msg, "count(x) counts values of any kind, and count(condition) the rows where it holds: count(role = \"lead\")"))
}

/// `is money` asks what a quantity measures.
pub fn check_quantity(e: &Expr, t: &Ty, dimension: &str) -> Result<(), QueryError> {
    if matches!(t.base, Base::Qty(_) | Base::Any | Base::Null) {
        return Ok(());
    }
    let msg = format!(
        "`is {dimension}` asks what a quantity measures, but `{}` is {}",
        e.text(),
        t.describe()
    );
    Err(type_error(e, msg, "ask it of a quantity: amount is money"))
}

/// `matches` reads text.
pub fn check_text(e: &Expr, t: &Ty) -> Result<(), QueryError> {
    if matches!(t.base, Base::Text | Base::Date | Base::Any | Base::Ent(_)) {
        return Ok(());
    }
    let msg = format!(
        "`matches` reads text, but `{}` is {}",
        e.text(),
        t.describe()
    );
    Err(type_error(
        e,
        msg,
        "use =, <, >= for numbers and quantities",
    ))
}

/// An argument of a scalar function fits its parameter.
pub fn check_param(
    f: &Scalar,
    param: Param,
    e: &Expr,
    t: &Ty,
    date_twin: Option<String>,
) -> Result<(), QueryError> {
    use Base::*;
    let fits = match param {
        Param::Any => true,
        Param::Date => matches!(t.base, Date | Any | Null),
        Param::Count => matches!(t.base, Num | Any | Null),
        Param::Text | Param::Pattern => matches!(t.base, Text | Date | Num | Any | Null),
    };
    if fits {
        return Ok(());
    }
    let wants = match param {
        Param::Date => "a date",
        Param::Count => "a whole number",
        _ => "text",
    };
    let msg = format!(
        "{}() takes {wants} here, but `{}` is {}",
        f.name,
        e.text(),
        t.describe()
    );
    let help = match (param, date_twin) {
        (Param::Date, Some(twin)) => format!(
            "`{}` is text as written; `{twin}` is the day it means: {}({twin})",
            e.text(),
            f.name
        ),
        _ => format!("{}; for example: {}", f.signature(), f.example),
    };
    Err(type_error(e, msg, &help))
}
