//! Scalar functions — one value in, one value out, row by row: dates (`year`, `quarter`,
//! `month`, `day`), text (`len`, `left`, `right`, `replace`, `regex_replace`) and `coalesce`. The one
//! table below is what the resolver checks calls against and `.help` lists (fields.rs's
//! FUNCTIONS, for completion, is tied to it by a test); aggregates live in aggregate.rs.

use super::typing::{Base, Ty};
use super::Value;
use rust_decimal::Decimal;

/// What a parameter takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Param {
    /// Text, or anything printed as text (a number, a date).
    Text,
    Date,
    /// A whole number (a count of characters).
    Count,
    /// A regex, written as a string literal so it is compiled once.
    Pattern,
    /// Any value (coalesce).
    Any,
}

/// What a call gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Returns {
    Num,
    Text,
    /// The type of the first argument (coalesce).
    First,
}

#[derive(Debug)]
pub struct Scalar {
    pub name: &'static str,
    pub params: &'static [Param],
    /// The last parameter may repeat (coalesce(a, b, c …)).
    pub variadic: bool,
    pub returns: Returns,
    pub example: &'static str,
}

use Param::*;

pub const SCALARS: &[Scalar] = &[
    scalar("year", &[Date], Returns::Num, "year(due_date) = 2024"),
    scalar("month", &[Date], Returns::Num, "month(date) in (7, 8, 9)"),
    scalar("day", &[Date], Returns::Num, "day(due_date) = 30"),
    scalar("quarter", &[Date], Returns::Num, "quarter(due_date) = 3"),
    scalar("len", &[Text], Returns::Num, "len(title) > 20"),
    scalar("left", &[Text, Count], Returns::Text, "left(title, 8)"),
    scalar(
        "right",
        &[Text, Count],
        Returns::Text,
        "right(name, 1) = \"局\"",
    ),
    scalar(
        "replace",
        &[Text, Text, Text],
        Returns::Text,
        "replace(name, \"县\", \"\")",
    ),
    scalar(
        "regex_replace",
        &[Text, Pattern, Text],
        Returns::Text,
        "regex_replace(name, \"^(区|县)\", \"\")",
    ),
    Scalar {
        name: "coalesce",
        params: &[Any, Any],
        variadic: true,
        returns: Returns::First,
        example: "coalesce(due, \"(no deadline)\")",
    },
];

const fn scalar(
    name: &'static str,
    params: &'static [Param],
    returns: Returns,
    example: &'static str,
) -> Scalar {
    Scalar {
        name,
        params,
        variadic: false,
        returns,
        example,
    }
}

/// The scalar function named `name`, if there is one.
pub fn scalar_named(name: &str) -> Option<&'static Scalar> {
    SCALARS.iter().find(|f| f.name == name)
}

impl Scalar {
    /// `left(text, count)`, for messages.
    pub fn signature(&self) -> String {
        let params: Vec<&str> = self
            .params
            .iter()
            .map(|p| match p {
                Text => "text",
                Date => "date",
                Count => "count",
                Pattern => "\"regex\"",
                Any => "value",
            })
            .collect();
        let more = if self.variadic { ", …" } else { "" };
        format!("{}({}{more})", self.name, params.join(", "))
    }

    /// Whether `n` arguments fit.
    pub fn takes(&self, n: usize) -> bool {
        n == self.params.len() || (self.variadic && n >= self.params.len())
    }

    /// The parameter the `i`th argument fills.
    pub fn param(&self, i: usize) -> Param {
        self.params[i.min(self.params.len() - 1)]
    }

    /// The type of a call, given its first argument's type; lists map element by element.
    pub fn result(&self, first: &Ty) -> Ty {
        let base = match self.returns {
            Returns::Num => Base::Num,
            Returns::Text => Base::Text,
            Returns::First => first.base.clone(),
        };
        Ty {
            base,
            multi: first.multi,
        }
    }

    /// Applies the function; `args[0]` may be a list, which maps element by element.
    pub fn apply<'a>(&self, args: &[Value<'a>], re: Option<&regex::Regex>) -> Value<'a> {
        if self.returns == Returns::First {
            return args
                .iter()
                .find(|v| !v.is_empty())
                .cloned()
                .unwrap_or(Value::Null);
        }
        match args.first() {
            Some(Value::List(items)) => Value::List(
                items
                    .iter()
                    .map(|item| self.apply_one(item, &args[1..], re))
                    .collect(),
            ),
            Some(first) => self.apply_one(first, &args[1..], re),
            None => Value::Null,
        }
    }

    fn apply_one(&self, v: &Value, rest: &[Value], re: Option<&regex::Regex>) -> Value<'static> {
        if v.is_null() {
            return Value::Null;
        }
        let text = v.to_string();
        match self.name {
            "year" => date_part(&text, 0..4),
            "month" => date_part(&text, 5..7),
            "day" => date_part(&text, 8..10),
            "quarter" => match date_part(&text, 5..7) {
                Value::Num(month) => {
                    Value::Num(((month - Decimal::ONE) / Decimal::from(3)).floor() + Decimal::ONE)
                }
                other => other,
            },
            "len" => Value::from_count(text.chars().count()),
            "left" => Value::owned(text.chars().take(count(rest.first())).collect()),
            "right" => {
                let n = count(rest.first());
                let skip = text.chars().count().saturating_sub(n);
                Value::owned(text.chars().skip(skip).collect())
            }
            "replace" => match (rest.first(), rest.get(1)) {
                (Some(from), Some(to)) if !from.to_string().is_empty() => {
                    Value::owned(text.replace(&from.to_string(), &to.to_string()))
                }
                _ => Value::owned(text),
            },
            "regex_replace" => match (re, rest.get(1)) {
                (Some(re), Some(with)) => Value::owned(
                    re.replace_all(&text, with.to_string().as_str())
                        .into_owned(),
                ),
                _ => Value::owned(text),
            },
            _ => Value::Null,
        }
    }
}

/// A part of an ISO date (2024-06-30) as a number; null for text that is not a date.
fn date_part(text: &str, at: std::ops::Range<usize>) -> Value<'static> {
    let is_date =
        chrono::NaiveDate::parse_from_str(text.get(..10).unwrap_or(text), "%Y-%m-%d").is_ok();
    match text
        .get(at)
        .filter(|_| is_date)
        .and_then(|p| p.parse::<u32>().ok())
    {
        Some(n) => Value::Num(Decimal::from(n)),
        None => Value::Null,
    }
}

/// A count argument as a number of characters: fractions floor, negatives are none, and
/// a count past any text's length is all of it.
fn count(v: Option<&Value>) -> usize {
    match v {
        Some(Value::Num(d)) if d.is_sign_negative() => 0,
        Some(Value::Num(d)) => d.floor().try_into().unwrap_or(usize::MAX),
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call<'a>(name: &str, args: &[Value<'a>]) -> Value<'a> {
        let f = scalar_named(name).unwrap_or_else(|| panic!("{name}"));
        let re = (name == "regex_replace")
            .then(|| regex::Regex::new(&args[1].to_string()).ok())
            .flatten();
        f.apply(args, re.as_ref())
    }

    fn s(x: &str) -> Value<'_> {
        Value::text(x)
    }

    fn n(x: i64) -> Value<'static> {
        Value::Num(Decimal::from(x))
    }

    #[test]
    fn dates_split_into_numbers() {
        let d = Value::Date("2024-06-30".into());
        assert_eq!(call("year", std::slice::from_ref(&d)), n(2024));
        assert_eq!(call("month", std::slice::from_ref(&d)), n(6));
        assert_eq!(call("day", std::slice::from_ref(&d)), n(30));
        assert_eq!(call("quarter", &[d]), n(2));
        assert_eq!(call("quarter", &[Value::Date("2024-10-01".into())]), n(4));
        assert_eq!(call("year", &[s("2023年底前")]), Value::Null);
        assert_eq!(call("year", &[Value::Null]), Value::Null);
    }

    #[test]
    fn text_functions_count_characters_not_bytes() {
        assert_eq!(call("len", &[s("区财政局")]), n(4));
        assert_eq!(call("left", &[s("区财政局"), n(2)]), s("区财"));
        assert_eq!(call("right", &[s("区财政局"), n(1)]), s("局"));
        assert_eq!(call("left", &[s("局"), n(-3)]), s(""));
        let huge = Value::Num(Decimal::MAX);
        assert_eq!(call("left", &[s("区财政局"), huge]), s("区财政局"));
        assert_eq!(
            call("replace", &[s("沂源县财政局"), s("沂源县"), s("")]),
            s("财政局")
        );
        assert_eq!(
            call("regex_replace", &[s("县财政局"), s("^(区|县)"), s("")]),
            s("财政局")
        );
    }

    #[test]
    fn lists_map_and_coalesce_takes_the_first_value() {
        let lead = Value::List(vec![s("区财政局"), s("区教育局")]);
        assert_eq!(call("len", &[lead]), Value::List(vec![n(4), n(4)]));
        assert_eq!(call("coalesce", &[Value::Null, s(""), s("x")]), s("x"));
        assert_eq!(call("coalesce", &[Value::Null, Value::Null]), Value::Null);
    }

    #[test]
    fn signatures_read_as_calls() {
        let sig = |name| scalar_named(name).map(Scalar::signature);
        assert_eq!(sig("left").as_deref(), Some("left(text, count)"));
        assert_eq!(
            sig("coalesce").as_deref(),
            Some("coalesce(value, value, …)")
        );
    }
}
