//! Static types of expressions, and the checks that explain a comparison that cannot work
//! (`value ~ 3`, `1亿元 > 1万千瓦`, `amount >= 5`) before any row is read.

use super::ast::{CmpOp, Expr, ExprKind};
use super::entity::Kind;
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

/// Whether `lhs op rhs` can ever hold; an explained error when it cannot.
pub fn check_cmp(
    op: CmpOp,
    lhs: (&Expr, &Ty),
    rhs: (&Expr, &Ty),
    whole: &Expr,
) -> Result<(), QueryError> {
    use Base::*;
    let ((le, lt), (re, rt)) = (lhs, rhs);
    if matches!(lt.base, Any | Null | Ent(_)) || matches!(rt.base, Any | Null | Ent(_)) {
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
        (a, b) if a == b || compatible(a, b) => Ok(()),
        _ => Err(type_error(
            whole,
            format!("cannot compare `{}` ({}) with `{}` ({})", le.text(), lt.describe(), re.text(), rt.describe()),
            "compare text with \"strings\", numbers with numbers, quantities with quantities (1亿元)",
        )),
    }
}

/// Pairs that compare although their types differ: numbers written as text, dates as text.
fn compatible(a: &Base, b: &Base) -> bool {
    use Base::*;
    matches!(
        (a, b),
        (Text, Num) | (Num, Text) | (Text, Date) | (Date, Text) | (Qty(_), Qty(_))
    )
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
