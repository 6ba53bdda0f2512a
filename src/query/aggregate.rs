//! Aggregates: count, sum, avg, min, max, list, distinct, share — over a group's rows, or
//! over one row's multi-valued field (`count(targets)`).

use super::compare::{fold, sort_order};
use super::eval::{elements, eval, Cx, Item};
use super::plan::{Agg, Node};
use super::Value;
use crate::error::{ErrorKind, QueryError};
use crate::model::Quantity;
use rust_decimal::Decimal;
use std::ops::Range;

/// Evaluates an aggregate where `cx` stands.
pub fn run<'a>(
    func: Agg,
    arg: Option<&Node>,
    per_row: bool,
    span: &Range<usize>,
    cx: Cx<'_, 'a>,
) -> Result<Value<'a>, QueryError> {
    let Some(arg) = arg else {
        return Ok(Value::from_count(cx.row.size()));
    };
    let mut items: Vec<Value<'a>> = Vec::new();
    if per_row {
        items.extend(elements(eval(arg, cx)?).into_iter().map(item_value));
    } else {
        for member in cx.row.members() {
            let inner = Cx { row: member, ..cx };
            items.extend(elements(eval(arg, inner)?).into_iter().map(item_value));
        }
    }
    items.retain(|v| !v.is_null());
    combine(func, items, span)
}

fn item_value(item: Item) -> Value {
    match item {
        Item::E(e) => e.label(),
        Item::V(v) => v,
    }
}

fn combine<'a>(
    func: Agg,
    items: Vec<Value<'a>>,
    span: &Range<usize>,
) -> Result<Value<'a>, QueryError> {
    Ok(match func {
        // count(role = "lead") counts the rows where the condition holds, not all rows.
        Agg::Count => Value::from_count(items.iter().filter(|v| **v != Value::Bool(false)).count()),
        Agg::List => Value::List(items),
        Agg::Share if items.is_empty() => Value::Null,
        Agg::Share => {
            let held = items.iter().filter(|v| **v == Value::Bool(true)).count();
            Value::Num(mean(Decimal::from(held as u64), items.len()))
        }
        Agg::Distinct => {
            let mut seen = std::collections::HashSet::new();
            Value::List(
                items
                    .into_iter()
                    .filter(|v| seen.insert(fold(&v.to_string()).into_owned()))
                    .collect(),
            )
        }
        Agg::Min => items.into_iter().min_by(sort_order).unwrap_or(Value::Null),
        Agg::Max => items.into_iter().max_by(sort_order).unwrap_or(Value::Null),
        Agg::Sum => sum(&items, span)?.map_or(Value::Null, |(v, _)| v),
        Agg::Avg => match sum(&items, span)? {
            Some((Value::Num(total), n)) => Value::Num(mean(total, n)),
            Some((Value::Qty(q), n)) => Value::Qty(Quantity {
                value: mean(q.value, n),
                unit: q.unit,
            }),
            _ => Value::Null,
        },
    })
}

fn mean(total: Decimal, n: usize) -> Decimal {
    (total / Decimal::from(n as u64)).round_dp(4).normalize()
}

/// The total and how many values made it; numbers add to numbers, quantities within one
/// base unit, and anything else is explained.
fn sum<'a>(
    items: &[Value<'a>],
    span: &Range<usize>,
) -> Result<Option<(Value<'a>, usize)>, QueryError> {
    let overflow = || {
        QueryError::new(
            ErrorKind::Type,
            span.clone(),
            "the sum is too large for planq to hold",
        )
    };
    let mut total: Option<Value<'a>> = None;
    for item in items {
        total = Some(match (total, item) {
            (None, Value::Num(d)) => Value::Num(*d),
            (None, Value::Qty(q)) => Value::Qty(q.clone()),
            (Some(Value::Num(a)), Value::Num(b)) => {
                Value::Num(a.checked_add(*b).ok_or_else(overflow)?)
            }
            (Some(Value::Qty(a)), Value::Qty(b)) if a.comparable(b) => Value::Qty(Quantity {
                value: a.value.checked_add(b.value).ok_or_else(overflow)?,
                unit: a.unit,
            }),
            (Some(Value::Qty(a)), Value::Qty(b)) => {
                let msg = format!(
                    "cannot add {} ({}) and {} ({}): the values are in different units",
                    a.unit,
                    crate::model::dimension(&a.unit),
                    b.unit,
                    crate::model::dimension(&b.unit)
                );
                let help = "keep to one kind first (where amount is money, or where base_unit = \"元\"), or group by base_unit";
                return Err(QueryError::new(ErrorKind::Unit, span.clone(), msg).with_help(help));
            }
            (_, other) => {
                let msg = format!("cannot add `{other}`: sum and avg take numbers or quantities");
                return Err(QueryError::new(ErrorKind::Type, span.clone(), msg));
            }
        });
    }
    Ok(total.map(|t| (t, items.len())))
}
