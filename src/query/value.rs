//! Query values: what a field, literal or aggregate evaluates to, with display and JSON forms.

use crate::model::Quantity;
use rust_decimal::Decimal;
use serde::ser::{Serialize, SerializeSeq, Serializer};
use std::fmt;

/// One cell of a result row.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    /// An exact number; prints with the scale it was written with (0.9 stays 0.9).
    Num(Decimal),
    Str(String),
    /// An ISO date (2023-07-01).
    Date(String),
    /// A quantity in its base unit (5亿元 → 500000000元).
    Qty(Quantity),
    /// A multi-valued field (lead, support, targets.unit …).
    List(Vec<Value>),
}

impl Value {
    /// Display joined for lists with the Chinese enumeration comma, as plan documents do.
    pub const LIST_SEPARATOR: &'static str = "、";

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

    pub fn from_opt(s: &Option<String>) -> Value {
        s.as_ref().map_or(Value::Null, |s| Value::Str(s.clone()))
    }

    pub fn from_count(n: usize) -> Value {
        Value::Num(Decimal::from(n as u64))
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Null => Ok(()),
            Value::Bool(b) => write!(f, "{b}"),
            Value::Num(d) => write!(f, "{d}"),
            Value::Str(s) | Value::Date(s) => f.write_str(s),
            Value::Qty(q) => write!(f, "{q}"),
            Value::List(items) => {
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(Value::LIST_SEPARATOR)?;
                    }
                    write!(f, "{item}")?;
                }
                Ok(())
            }
        }
    }
}

impl Serialize for Value {
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
