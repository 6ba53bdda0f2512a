//! Query values: what a field, literal or aggregate evaluates to, with display and JSON forms.

use crate::model::Quantity;
use rust_decimal::Decimal;
use serde::ser::{Serialize, SerializeSeq, Serializer};
use std::borrow::Cow;
use std::fmt;

/// One cell of a result row. Text borrows from the model while a query runs (a filter
/// reads fields of every row, and copying each would be most of its time); a result row
/// owns its text ([`Value::into_owned`]).
#[derive(Debug, Clone, PartialEq)]
pub enum Value<'a> {
    Null,
    Bool(bool),
    /// An exact number; prints with the scale it was written with (0.9 stays 0.9).
    Num(Decimal),
    Str(Cow<'a, str>),
    /// An ISO date (2023-07-01).
    Date(Cow<'a, str>),
    /// A quantity in its base unit (5亿元 → 500000000元).
    Qty(Quantity),
    /// A multi-valued field (lead, support, targets.unit …).
    List(Vec<Value<'a>>),
}

impl<'a> Value<'a> {
    /// Display joined for lists with the Chinese enumeration comma, as plan documents do.
    pub const LIST_SEPARATOR: &'static str = "、";
    /// The separator of a list whose items hold the comma themselves (县委常委、副县长 卜晓东
    /// is one leader), so that the items stay told apart.
    pub const WIDE_LIST_SEPARATOR: &'static str = "；";

    /// How the items of a list are joined for display: with 、, or with ； when an item
    /// holds a 、 of its own.
    pub fn list_separator(items: &[String]) -> &'static str {
        if items.iter().any(|i| i.contains(Value::LIST_SEPARATOR)) {
            Value::WIDE_LIST_SEPARATOR
        } else {
            Value::LIST_SEPARATOR
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    /// Null, an empty string or an empty list.
    pub fn is_empty(&self) -> bool {
        match self {
            Value::Null => true,
            Value::Str(s) => s.trim().is_empty(),
            Value::List(items) => items.is_empty(),
            _ => false,
        }
    }

    /// Text borrowed from where it stands.
    pub fn text(s: &'a str) -> Value<'a> {
        Value::Str(Cow::Borrowed(s))
    }

    /// Text made for the value.
    pub fn owned(s: String) -> Value<'a> {
        Value::Str(Cow::Owned(s))
    }

    pub fn from_opt(s: &'a Option<String>) -> Value<'a> {
        s.as_deref().map_or(Value::Null, Value::text)
    }

    pub fn from_count(n: usize) -> Value<'a> {
        Value::Num(Decimal::from(n as u64))
    }

    /// The value with its text copied out of the model, to outlive the query.
    pub fn into_owned(self) -> Value<'static> {
        match self {
            Value::Null => Value::Null,
            Value::Bool(b) => Value::Bool(b),
            Value::Num(d) => Value::Num(d),
            Value::Str(s) => Value::Str(Cow::Owned(s.into_owned())),
            Value::Date(s) => Value::Date(Cow::Owned(s.into_owned())),
            Value::Qty(q) => Value::Qty(q),
            Value::List(items) => Value::List(items.into_iter().map(Value::into_owned).collect()),
        }
    }
}

impl fmt::Display for Value<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Null => Ok(()),
            Value::Bool(b) => write!(f, "{b}"),
            Value::Num(d) => write!(f, "{d}"),
            Value::Str(s) | Value::Date(s) => f.write_str(s),
            Value::Qty(q) => write!(f, "{q}"),
            Value::List(items) => {
                let shown: Vec<String> = items.iter().map(Value::to_string).collect();
                f.write_str(&shown.join(Value::list_separator(&shown)))
            }
        }
    }
}

impl Serialize for Value<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Value::Null => s.serialize_none(),
            Value::Bool(b) => s.serialize_bool(*b),
            Value::Num(d) => serialize_decimal(*d, s),
            Value::Str(x) | Value::Date(x) => s.serialize_str(x),
            Value::Qty(q) => s.collect_str(q),
            Value::List(items) => {
                let mut seq = s.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
        }
    }
}

/// Integers as JSON integers; other decimals through their shortest float form, which
/// round-trips the digits as written for the values plans contain.
fn serialize_decimal<S: Serializer>(d: Decimal, s: S) -> Result<S::Ok, S::Error> {
    if d.fract().is_zero() {
        if let Ok(i) = i64::try_from(d.trunc()) {
            return s.serialize_i64(i);
        }
    }
    match d.to_string().parse::<f64>() {
        Ok(f) => s.serialize_f64(f),
        Err(_) => s.collect_str(&d),
    }
}
