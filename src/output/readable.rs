//! Values as people read them: a quantity at its best scale (23800000000元 → 238亿元).
//!
//! Only the human formats (table, record, md) use this; csv, json and xlsx keep the exact
//! base value so a spreadsheet or a script can compute with it.

use crate::model::{unit_kind, Quantity, ScaledUnit, UnitKind};
use crate::query::Value;
use rust_decimal::Decimal;

/// Scale words a readable quantity may take, largest first, by what its unit measures.
/// Shares and durations keep their base (no 万%, no 万小时); counts stop at 万 (1.5万家, not
/// 亿家); amounts — money, power, area — take both (238亿元, 1.2万千瓦).
fn scales_for(kind: UnitKind) -> &'static [(&'static str, i64)] {
    match kind {
        UnitKind::Share | UnitKind::Time => &[],
        UnitKind::Count => &[("万", 10_000)],
        UnitKind::Amount => &[("亿", 100_000_000), ("万", 10_000)],
    }
}

/// More decimal places than this and a scale reads worse than the base value.
const MAX_SCALED_PLACES: u32 = 4;

/// The quantity at the largest scale where the value is at least 1 and needs at most four
/// decimal places, and the scaled unit reads back (through [`ScaledUnit::parse`]) as the
/// same quantity — so what is printed can be pasted into a query. Otherwise the base value.
/// Exact: decimals, trailing zeros trimmed.
pub fn readable_quantity(q: &Quantity) -> String {
    let scales = unit_kind(&q.unit).map_or(&[][..], scales_for);
    for &(word, factor) in scales {
        let factor = Decimal::from(factor);
        let Some(scaled) = q.value.checked_div(factor).map(|d| d.normalize()) else {
            continue;
        };
        let unit = format!("{word}{}", q.unit);
        let reads_back =
            ScaledUnit::parse(&unit).is_some_and(|u| u.base == q.unit && u.scale == factor);
        if scaled.abs() >= Decimal::ONE && scaled.scale() <= MAX_SCALED_PLACES && reads_back {
            return format!("{scaled}{unit}");
        }
    }
    q.to_string()
}

/// A cell as the human formats print it: quantities readable, lists joined with 、 (；), the
/// rest as [`Value`]'s display.
pub fn human_text(v: &Value) -> String {
    match v {
        Value::Qty(q) => readable_quantity(q),
        Value::List(items) => {
            let shown: Vec<String> = items.iter().map(human_text).collect();
            shown.join(Value::list_separator(&shown))
        }
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::tests::qty;

    fn readable(text: &str) -> String {
        human_text(&qty(text))
    }

    #[test]
    fn large_amounts_take_the_largest_scale_that_reads_exactly() {
        assert_eq!(readable("23800000000元"), "238亿元");
        assert_eq!(readable("12000千瓦"), "1.2万千瓦");
        assert_eq!(readable("35000亩"), "3.5万亩");
        assert_eq!(readable("12345元"), "1.2345万元");
        // 1.23456789亿 needs eight places; at 万 it needs four.
        assert_eq!(readable("123456789元"), "12345.6789万元");
        // Five places even at 万: the base value reads better.
        assert_eq!(readable("123456.7元"), "123456.7元");
        assert_eq!(readable("0.5亿元"), "5000万元");
        assert_eq!(readable("1.5兆瓦"), "1500千瓦");
    }

    #[test]
    fn small_values_stay_in_the_base_unit() {
        assert_eq!(readable("500元"), "500元");
        assert_eq!(readable("9999元"), "9999元");
        assert_eq!(readable("0元"), "0元");
        assert_eq!(readable("15家"), "15家");
    }

    #[test]
    fn negative_values_scale_by_their_size() {
        let minus = |text: &str| match qty(text) {
            Value::Qty(q) => Quantity {
                value: -q.value,
                unit: q.unit,
            },
            _ => unreachable!(),
        };
        assert_eq!(readable_quantity(&minus("5亿元")), "-5亿元");
        assert_eq!(readable_quantity(&minus("300元")), "-300元");
    }

    #[test]
    fn units_that_take_no_scale_keep_their_base() {
        assert_eq!(readable("6.5%"), "6.5%");
        assert_eq!(readable("20000%"), "20000%");
        assert_eq!(readable("36000小时"), "36000小时");
        assert_eq!(readable("15000家"), "1.5万家");
        assert_eq!(readable("300000000家"), "30000万家");
        let unknown = Quantity {
            value: Decimal::from(50_000),
            unit: "强".into(),
        };
        assert_eq!(readable_quantity(&unknown), "50000强");
    }

    #[test]
    fn lists_join_readable_items() {
        let list = Value::List(vec![qty("2亿元"), qty("300元")]);
        assert_eq!(human_text(&list), "2亿元、300元");
    }
}
