//! Quantities: an exact decimal with a unit as written, its scale (万, 亿) and base unit.
//!
//! One table of units serves the ingest (which numbers are targets) and the query language
//! (literals like `1亿元`), so `5个亿`, `50000万元` and `5亿元` compare equal everywhere.

use rust_decimal::Decimal;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::sync::LazyLock;

/// How a target relates to its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Comparator {
    #[serde(rename = "=")]
    Eq,
    #[serde(rename = ">=")]
    Ge,
    #[serde(rename = "<=")]
    Le,
    #[serde(rename = "~")]
    Approx,
    #[serde(rename = "range")]
    Range,
}

impl Comparator {
    pub fn as_str(self) -> &'static str {
        match self {
            Comparator::Eq => "=",
            Comparator::Ge => ">=",
            Comparator::Le => "<=",
            Comparator::Approx => "~",
            Comparator::Range => "range",
        }
    }
}

impl fmt::Display for Comparator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a base unit measures, for the rules that treat them differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitKind {
    /// %, ‰, 个百分点.
    Share,
    /// Money, energy, area, length, mass…: a size, which 以上 before a noun qualifies.
    Amount,
    /// Things counted (家, 个, 人次).
    Count,
    /// A duration (个工作日, 小时), which 内 after it bounds.
    Time,
}

/// The kind of a base unit, if it is one.
pub fn unit_kind(base: &str) -> Option<UnitKind> {
    BASE_UNITS.iter().find(|(u, _)| *u == base).map(|(_, k)| *k)
}

/// Base units a target may be counted in. Longer spellings come first where one is a prefix
/// of another (千瓦时 before 千瓦), so matching takes the longest.
pub const BASE_UNITS: &[(&str, UnitKind)] = &[
    // percentages
    ("个百分点", UnitKind::Share),
    ("百分点", UnitKind::Share),
    ("%", UnitKind::Share),
    ("％", UnitKind::Share),
    ("‰", UnitKind::Share),
    // money
    ("美元", UnitKind::Amount),
    ("元", UnitKind::Amount),
    // energy, power
    ("千瓦时", UnitKind::Amount),
    ("兆瓦时", UnitKind::Amount),
    ("度电", UnitKind::Amount),
    ("千瓦", UnitKind::Amount),
    ("兆瓦", UnitKind::Amount),
    ("吉瓦", UnitKind::Amount),
    ("kWh", UnitKind::Amount),
    ("kW", UnitKind::Amount),
    ("MW", UnitKind::Amount),
    ("GW", UnitKind::Amount),
    ("km", UnitKind::Amount),
    ("吨标准煤", UnitKind::Amount),
    ("吨标煤", UnitKind::Amount),
    // area, length, volume, mass
    ("平方公里", UnitKind::Amount),
    ("平方千米", UnitKind::Amount),
    ("平方米", UnitKind::Amount),
    ("立方米", UnitKind::Amount),
    ("公顷", UnitKind::Amount),
    ("亩", UnitKind::Amount),
    ("公里", UnitKind::Amount),
    ("千米", UnitKind::Amount),
    ("延米", UnitKind::Amount),
    ("米", UnitKind::Amount),
    ("公斤", UnitKind::Amount),
    ("千克", UnitKind::Amount),
    ("吨", UnitKind::Amount),
    ("克", UnitKind::Amount),
    ("分贝", UnitKind::Amount),
    // counts
    ("标准箱", UnitKind::Count),
    ("人次", UnitKind::Count),
    ("家次", UnitKind::Count),
    ("场次", UnitKind::Count),
    ("台次", UnitKind::Count),
    ("户次", UnitKind::Count),
    ("件次", UnitKind::Count),
    ("车次", UnitKind::Count),
    ("架次", UnitKind::Count),
    ("个工作日", UnitKind::Time),
    ("个月", UnitKind::Time),
    ("工作日", UnitKind::Time),
    ("分钟", UnitKind::Time),
    ("微克", UnitKind::Count),
    ("毫克", UnitKind::Count),
    ("台套", UnitKind::Count),
    ("项次", UnitKind::Count),
    ("标箱", UnitKind::Count),
    ("家", UnitKind::Count),
    ("个", UnitKind::Count),
    ("项", UnitKind::Count),
    ("人", UnitKind::Count),
    ("名", UnitKind::Count),
    ("座", UnitKind::Count),
    ("处", UnitKind::Count),
    ("场", UnitKind::Count),
    ("部", UnitKind::Count),
    ("条", UnitKind::Count),
    ("件", UnitKind::Count),
    ("户", UnitKind::Count),
    ("所", UnitKind::Count),
    ("辆", UnitKind::Count),
    ("头", UnitKind::Count),
    ("只", UnitKind::Count),
    ("台", UnitKind::Count),
    ("套", UnitKind::Count),
    ("张", UnitKind::Count),
    ("间", UnitKind::Count),
    ("栋", UnitKind::Count),
    ("株", UnitKind::Count),
    ("棵", UnitKind::Count),
    ("批次", UnitKind::Count),
    ("批", UnitKind::Count),
    ("眼", UnitKind::Count),
    ("宗", UnitKind::Count),
    // 较大事故不超过1起, 新增床位300床, 存栏10万羽, 打井20眼 or 20孔
    ("起", UnitKind::Count),
    ("床", UnitKind::Count),
    ("羽", UnitKind::Count),
    ("孔", UnitKind::Count),
    ("口", UnitKind::Count),
    ("艘", UnitKind::Count),
    ("架", UnitKind::Count),
    ("盏", UnitKind::Count),
    ("根", UnitKind::Count),
    ("份", UnitKind::Count),
    ("例", UnitKind::Count),
    ("笔", UnitKind::Count),
    ("段", UnitKind::Count),
    ("节", UnitKind::Count),
    ("队", UnitKind::Count),
    ("轮", UnitKind::Count),
    // 视频监控点位1.5万路: channels, lines
    ("路", UnitKind::Amount),
    ("次", UnitKind::Amount),
    ("篇", UnitKind::Amount),
    ("册", UnitKind::Amount),
    ("门", UnitKind::Amount),
    ("种", UnitKind::Amount),
    ("期", UnitKind::Amount),
    ("届", UnitKind::Amount),
    ("支", UnitKind::Amount),
    ("天", UnitKind::Time),
    ("小时", UnitKind::Time),
    ("倍", UnitKind::Amount),
    // 人均预期寿命达到79.5岁; 60岁以上老年人 is a qualifier of the noun, as for every size.
    ("岁", UnitKind::Amount),
];

/// What a quantity measures, by the name queries use (`amount is money`), with the base
/// units of each. A base unit in none of these lists counts things (家, 个, 项, 人次 …).
pub const DIMENSIONS: &[(&str, &[&str])] = &[
    ("money", &["元", "美元"]),
    ("power", &["千瓦"]),
    ("energy", &["千瓦时", "吨标准煤"]),
    ("area", &["亩", "平方米"]),
    ("length", &["公里", "延米"]),
    ("volume", &["立方米"]),
    ("mass", &["吨", "克", "微克", "毫克"]),
    ("share", &["%", "个百分点", "‰"]),
    ("time", &["工作日", "个月", "天", "小时", "分钟"]),
    ("ratio", &["倍"]),
    (COUNT, &[]),
];

/// The dimension of base units that are in no other list.
pub const COUNT: &str = "count";

/// The dimension a base unit measures (元 → money, 千瓦 → power, 家 → count).
pub fn dimension(base: &str) -> &'static str {
    DIMENSIONS
        .iter()
        .find(|(_, units)| units.contains(&base))
        .map_or(COUNT, |(name, _)| name)
}

/// The name of a dimension as queries spell it, if `word` is one (case-insensitive).
pub fn dimension_named(word: &str) -> Option<&'static str> {
    DIMENSIONS
        .iter()
        .map(|(name, _)| *name)
        .find(|name| name.eq_ignore_ascii_case(word))
}

/// Scale words that may stand before a base unit, largest first.
const SCALES: &[(&str, i64)] = &[
    ("万亿", 1_000_000_000_000),
    ("千万", 10_000_000),
    ("百万", 1_000_000),
    ("十万", 100_000),
    ("亿", 100_000_000),
    ("万", 10_000),
    ("千", 1_000),
];

/// Why a text is not a quantity planq can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuantityError {
    UnknownUnit,
    /// More than 28 significant digits: no decimal holds it exactly.
    TooManyDigits,
    /// The value in its base unit overflows (1000000000000000000000亿元).
    TooLarge,
}

/// A unit as written, resolved to a multiplier and a base unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScaledUnit {
    /// The unit exactly as written (万千瓦, 个亿, %).
    pub written: String,
    /// Multiplier to the base unit (10000 for 万千瓦).
    pub scale: Decimal,
    /// The base unit (千瓦).
    pub base: String,
}

impl ScaledUnit {
    /// Reads the longest unit at the start of `text` (after optional spaces are already
    /// skipped). Returns the unit and how many bytes of `text` it took.
    pub fn read_prefix(text: &str) -> Option<(ScaledUnit, usize)> {
        // 千瓦, 千米, 千克 are units of their own, not 千 × 瓦.
        if let Some(base) = longest_base(text).filter(|b| b.starts_with('千')) {
            return Some((Self::new(base, 1, base), base.len()));
        }
        // 5个亿 / 3个亿元: "个" followed by 亿 means money in that scale. Before another
        // scale it counts things a scale names (3个千吨万人水源地, 5个万亩基地): the unit is 个.
        for &(scale_word, factor) in SCALES {
            let leads: &[&str] = if scale_word.ends_with('亿') {
                &["个", ""]
            } else {
                &[""]
            };
            for &lead in leads {
                let Some(rest) = text
                    .strip_prefix(lead)
                    .and_then(|t| t.strip_prefix(scale_word))
                else {
                    continue;
                };
                let head = &text[..lead.len() + scale_word.len()];
                if let Some(base) = longest_base(rest) {
                    let used = head.len() + base.len();
                    return Some((Self::new(&text[..used], factor, base), used));
                }
                if !lead.is_empty() {
                    // 5个亿 alone: money is implied.
                    return Some((Self::new(head, factor, "元"), head.len()));
                }
            }
        }
        let base = longest_base(text)?;
        Some((Self::new(base, 1, base), base.len()))
    }

    /// Parses a whole unit string; `None` if it is not a known unit.
    pub fn parse(unit: &str) -> Option<ScaledUnit> {
        match Self::read_prefix(unit) {
            Some((u, used)) if used == unit.len() => Some(u),
            _ => None,
        }
    }

    fn new(written: &str, factor: i64, base: &str) -> ScaledUnit {
        let (unit_factor, canonical) = canonical_base(base);
        ScaledUnit {
            written: written.to_string(),
            scale: Decimal::from(factor) * unit_factor,
            base: canonical.to_string(),
        }
    }
}

/// Units that mean the same base unit, with the exact factor to it (兆瓦 = 1000 千瓦,
/// 公顷 = 15 亩, 公斤 = 0.001 吨), so every spelling of one measure compares and adds. Land
/// counts in 亩 (平方米 stays apart: 1亩 is 2000/3 m², which no decimal holds exactly).
fn canonical_base(base: &str) -> (Decimal, &str) {
    let (factor, canonical): (Decimal, &str) = match base {
        "％" => (Decimal::ONE, "%"),
        "百分点" => (Decimal::ONE, "个百分点"),
        "千米" | "km" => (Decimal::ONE, "公里"),
        "米" => (Decimal::new(1, 3), "公里"),
        "平方公里" | "平方千米" => (Decimal::from(1_500), "亩"),
        "公顷" => (Decimal::from(15), "亩"),
        "公斤" | "千克" => (Decimal::new(1, 3), "吨"),
        "吨标煤" => (Decimal::ONE, "吨标准煤"),
        "kW" => (Decimal::ONE, "千瓦"),
        "兆瓦" | "MW" => (Decimal::from(1_000), "千瓦"),
        "吉瓦" | "GW" => (Decimal::from(1_000_000), "千瓦"),
        "kWh" | "度电" => (Decimal::ONE, "千瓦时"),
        "兆瓦时" => (Decimal::from(1_000), "千瓦时"),
        "个工作日" => (Decimal::ONE, "工作日"),
        other => (Decimal::ONE, other),
    };
    (factor, canonical)
}

fn longest_base(text: &str) -> Option<&'static str> {
    let first = text.chars().next()?;
    BASE_UNITS_BY_FIRST_CHAR
        .get(&first)?
        .iter()
        .copied()
        .find(|u| text.starts_with(u))
}

/// The base units grouped by their first character, longest first: reading a unit after
/// each number of a document tries the few that can start there, not all of them.
static BASE_UNITS_BY_FIRST_CHAR: LazyLock<FxHashMap<char, Vec<&'static str>>> =
    LazyLock::new(|| {
        let mut by_first: FxHashMap<char, Vec<&'static str>> = FxHashMap::default();
        for &(unit, _) in BASE_UNITS {
            if let Some(first) = unit.chars().next() {
                by_first.entry(first).or_default().push(unit);
            }
        }
        for units in by_first.values_mut() {
            units.sort_by_key(|u| std::cmp::Reverse(u.len()));
        }
        by_first
    });

/// A value in a base unit, ready to compare.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quantity {
    pub value: Decimal,
    pub unit: String,
}

impl Quantity {
    /// Builds a base quantity from a value and a unit as written (`1.5`, `万千瓦`); `None`
    /// for an unknown unit or a value too large to count in the base unit.
    pub fn from_written(value: Decimal, unit: &str) -> Option<Quantity> {
        Quantity::read_written(value, unit).ok()
    }

    fn read_written(value: Decimal, unit: &str) -> Result<Quantity, QuantityError> {
        let scaled = ScaledUnit::parse(unit).ok_or(QuantityError::UnknownUnit)?;
        let value = value
            .checked_mul(scaled.scale)
            .ok_or(QuantityError::TooLarge)?;
        Ok(Quantity {
            value: value.normalize(),
            unit: scaled.base,
        })
    }

    /// Parses `1亿元`, `5000万元`, `70%`, `5个亿`.
    pub fn parse(text: &str) -> Option<Quantity> {
        Quantity::read(text).ok()
    }

    /// Parses a quantity, saying what is wrong with one that is not: the figure has more
    /// digits than a decimal holds exactly, is too large in its base unit, or the unit is
    /// unknown.
    pub fn read(text: &str) -> Result<Quantity, QuantityError> {
        let text = text.trim();
        let split = text
            .char_indices()
            .find(|(_, c)| !(c.is_ascii_digit() || *c == '.'))
            .map(|(i, _)| i)
            .ok_or(QuantityError::UnknownUnit)?;
        let value =
            Decimal::from_str_exact(&text[..split]).map_err(|_| QuantityError::TooManyDigits)?;
        Quantity::read_written(value, text[split..].trim_start())
    }

    /// Whether two quantities can be compared (same base unit).
    pub fn comparable(&self, other: &Quantity) -> bool {
        self.unit == other.unit
    }
}

impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.value.normalize(), self.unit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(s: &str) -> Quantity {
        Quantity::parse(s).unwrap_or_else(|| panic!("{s} should parse"))
    }

    #[test]
    fn money_in_any_scale_compares_equal() {
        assert_eq!(q("5个亿"), q("5亿元"));
        assert_eq!(q("50000万元"), q("5亿元"));
        assert_eq!(q("5亿元").value, Decimal::from(500_000_000));
    }

    #[test]
    fn scaled_measures_resolve_to_base() {
        assert_eq!(q("1238万立方米").value, Decimal::from(12_380_000));
        assert_eq!(q("1238万立方米").unit, "立方米");
        assert_eq!(q("1.5万千瓦").value, Decimal::from(15_000));
        assert_eq!(q("1.5万千瓦").unit, "千瓦");
    }

    #[test]
    fn longest_unit_wins() {
        assert_eq!(ScaledUnit::parse("个百分点").unwrap().base, "个百分点");
        assert_eq!(ScaledUnit::parse("千瓦时").unwrap().base, "千瓦时");
        assert_eq!(ScaledUnit::parse("万人次").unwrap().base, "人次");
    }

    #[test]
    fn power_in_any_spelling_is_kilowatts() {
        assert_eq!(q("50兆瓦"), q("5万千瓦"));
        assert_eq!(q("200MW"), q("20万千瓦"));
        assert_eq!(q("0.5吉瓦").value, Decimal::from(500_000));
        assert_eq!(q("50兆瓦时").unit, "千瓦时");
    }

    #[test]
    fn unknown_units_are_refused() {
        assert!(Quantity::parse("500强").is_none());
        assert!(ScaledUnit::parse("年").is_none());
    }

    #[test]
    fn land_mass_and_length_compare_across_their_units() {
        assert_eq!(q("2.5平方公里"), q("3750亩"));
        assert_eq!(q("10公顷"), q("150亩"));
        assert_eq!(q("320万公斤"), q("3200吨"));
        assert_eq!(q("500米"), q("0.5公里"));
        assert_eq!(q("1兆瓦时"), q("1000度电"));
        // Floor area stays in square metres: no decimal holds 1亩 in them exactly.
        assert!(!q("20万平方米").comparable(&q("300亩")));
    }

    #[test]
    fn every_dimension_lists_canonical_base_units() {
        for (name, units) in DIMENSIONS {
            for unit in *units {
                let scaled = ScaledUnit::parse(unit).unwrap_or_else(|| panic!("{name}: {unit}"));
                assert_eq!(scaled.base, *unit, "{name} lists a spelling, not the base");
            }
        }
        assert_eq!(dimension(&q("5亿元").unit), "money");
        assert_eq!(dimension(&q("3GW").unit), "power");
        assert_eq!(dimension(&q("12万亩").unit), "area");
        assert_eq!(dimension(&q("15家").unit), "count");
        assert_eq!(dimension(&q("6.5%").unit), "share");
        assert_eq!(dimension_named("Money"), Some("money"));
        assert_eq!(dimension_named("cash"), None);
    }

    #[test]
    fn money_and_power_are_not_comparable() {
        assert!(!q("1亿元").comparable(&q("1万千瓦")));
    }
}
