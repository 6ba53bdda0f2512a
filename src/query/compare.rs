//! How values meet: width-insensitive text, exact decimals, quantities by base value, and
//! multi-valued fields that match when any element matches.

use super::ast::CmpOp;
use super::Value;
use rust_decimal::Decimal;
use std::borrow::Cow;
use std::cmp::Ordering;

/// Text folded for comparison: full-width ASCII forms to half-width, the ideographic space
/// to a space, ASCII lower-cased, surrounding spaces trimmed.
pub fn fold(s: &str) -> Cow<'_, str> {
    // Every comparison folds both sides, so the common case — nothing to fold — is decided
    // on bytes. A foldable character is an ASCII capital or starts with 0xEF (U+FF01–U+FF5E)
    // or 0xE3 (U+3000); non-ASCII spaces start with 0xC2, 0xE1, 0xE2 or 0xE3. Text with
    // none of these bytes can only have ASCII spaces at its ends.
    let plain = !s.bytes().any(|b| MAY_FOLD[usize::from(b)]);
    if plain {
        return Cow::Borrowed(s.trim_ascii());
    }
    let s = trim_spaces(s);
    if !s.chars().any(is_foldable) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.chars().map(fold_char).collect())
}

/// Whether a regex may match a text's [`fold`] where it does not match the text itself.
///
/// Not when the pattern is literals only, joined by `|` and grouped by `(…)`, none of them a
/// character folding makes or changes (ASCII, full-width forms, spaces): `光伏|储能`. Each
/// character such a pattern matches in the folded text stands there unchanged in the text,
/// so a match in one is a match in the other, and the text need not be folded (a task's
/// text always has full-width punctuation to fold, so folding it is a copy per row).
pub fn fold_may_match(pattern: &str) -> bool {
    let literal = |c: char| !c.is_ascii() && !c.is_whitespace() && super::width::half(c).is_none();
    !pattern
        .chars()
        .all(|c| literal(c) || matches!(c, '|' | '(' | ')'))
}

/// `fold(a).cmp(&fold(b))` without building either folded string: the filter compares
/// every row's text with its literal, and most pairs part within a character or two.
fn cmp_folded(a: &str, b: &str) -> Ordering {
    let (a, b) = (trim_spaces(a), trim_spaces(b));
    // Folding goes character by character, so a shared prefix that ends between
    // characters folds alike on both sides: only what follows it is folded and compared.
    let mut same = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    while !a.is_char_boundary(same) {
        same -= 1;
    }
    let (a, b) = (&a[same..], &b[same..]);
    a.chars().map(fold_char).cmp(b.chars().map(fold_char))
}

/// `s` without surrounding spaces (the ideographic space is one).
fn trim_spaces(s: &str) -> &str {
    // Most text has none, which its first byte and last three bytes tell (a space is at
    // most three bytes long; a byte there that may start one only sends it the long way).
    let bytes = s.as_bytes();
    let tail = &bytes[bytes.len().saturating_sub(3)..];
    match bytes.first() {
        Some(&first) if !may_start_space(first) && !tail.iter().any(|&b| may_start_space(b)) => s,
        _ => s.trim_matches(char::is_whitespace),
    }
}

/// Whether a character that starts with byte `b` may be a space: ASCII white space, or
/// a lead byte of U+0085/U+00A0 (0xC2), U+1680 (0xE1), U+2000–U+205F (0xE2), U+3000 (0xE3).
fn may_start_space(b: u8) -> bool {
    b.is_ascii_whitespace() || b == 0x0B || matches!(b, 0xC2 | 0xE1 | 0xE2 | 0xE3)
}

/// The bytes that may start something [`fold`] changes or trims (see there).
static MAY_FOLD: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = b'A';
    while b <= b'Z' {
        table[b as usize] = true;
        b += 1;
    }
    table[0xC2] = true;
    table[0xE1] = true;
    table[0xE2] = true;
    table[0xE3] = true;
    table[0xEF] = true;
    table
};

fn is_foldable(c: char) -> bool {
    super::width::half(c).is_some() || c.is_ascii_uppercase()
}

/// Full-width forms as ASCII (the ideographic space as a space), ASCII lower-cased.
fn fold_char(c: char) -> char {
    super::width::half(c).unwrap_or(c).to_ascii_lowercase()
}

/// The text under which `s` equals a literal in [`equals_text`]: trimmed and folded. An
/// index keyed by it finds exactly the rows `equals_text` keeps.
pub fn equality_key(s: &str) -> Cow<'_, str> {
    let s = trim_spaces(s);
    if s.chars().any(is_foldable) {
        Cow::Owned(s.chars().map(fold_char).collect())
    } else {
        Cow::Borrowed(s)
    }
}

/// `value = literal` where `folded` is the literal text's [`fold`], made once per query:
/// the same verdict as [`test`] with [`CmpOp::Eq`], with no folded copy of either side.
pub fn equals_text(value: &Value, literal: &Value, folded: &str) -> bool {
    match value {
        Value::List(items) => items.iter().any(|v| equals_text(v, literal, folded)),
        Value::Str(s) | Value::Date(s) => {
            let s = trim_spaces(s);
            // Folding never lengthens text, so shorter text cannot fold to the literal.
            s.len() >= folded.len() && (s == folded || s.chars().map(fold_char).eq(folded.chars()))
        }
        other => test(CmpOp::Eq, other, literal),
    }
}

/// `lhs op rhs` as a filter sees it. A list on either side matches when any element does;
/// `!=` is the negation of `=` (no element equal). Null never compares except by `!=`.
pub fn test(op: CmpOp, lhs: &Value, rhs: &Value) -> bool {
    if op == CmpOp::Ne {
        return !test(CmpOp::Eq, lhs, rhs);
    }
    match (lhs, rhs) {
        (Value::List(items), _) => items.iter().any(|l| test(op, l, rhs)),
        (_, Value::List(items)) => items.iter().any(|r| test(op, lhs, r)),
        (Value::Null, _) | (_, Value::Null) => false,
        (l, r) if op == CmpOp::Contains => fold(&text_of(l)).contains(fold(&text_of(r)).as_ref()),
        (l, r) => compare(l, r).is_some_and(|o| ordering_matches(op, o)),
    }
}

fn ordering_matches(op: CmpOp, o: Ordering) -> bool {
    match op {
        CmpOp::Eq => o == Ordering::Equal,
        CmpOp::Ne => o != Ordering::Equal,
        CmpOp::Lt => o == Ordering::Less,
        CmpOp::Le => o != Ordering::Greater,
        CmpOp::Gt => o == Ordering::Greater,
        CmpOp::Ge => o != Ordering::Less,
        CmpOp::Contains => false,
    }
}

fn text_of<'v>(v: &'v Value) -> Cow<'v, str> {
    match v {
        Value::Str(s) | Value::Date(s) => Cow::Borrowed(s),
        other => Cow::Owned(other.to_string()),
    }
}

/// Numbers written as text (an indicator's "0.9") compare as numbers.
fn as_number(v: &Value) -> Option<Decimal> {
    match v {
        Value::Num(d) => Some(*d),
        Value::Str(s) => fold(s).parse().ok(),
        _ => None,
    }
}

/// The order of two comparable values; `None` when they cannot be compared (different
/// base units, a number and a word).
pub fn compare(l: &Value, r: &Value) -> Option<Ordering> {
    match (l, r) {
        (Value::Qty(a), Value::Qty(b)) => a.comparable(b).then(|| a.value.cmp(&b.value)),
        (Value::Num(a), Value::Num(b)) => Some(a.cmp(b)),
        (Value::Num(_), Value::Str(_)) | (Value::Str(_), Value::Num(_)) => {
            Some(as_number(l)?.cmp(&as_number(r)?))
        }
        (Value::Str(a), Value::Str(b)) if a == b => Some(Ordering::Equal),
        (Value::Str(a), Value::Str(b)) => Some(cmp_folded(a, b)),
        (Value::Date(a) | Value::Str(a), Value::Date(b) | Value::Str(b)) => Some(cmp_folded(a, b)),
        (Value::Bool(a), Value::Bool(b)) => Some(a.cmp(b)),
        _ => None,
    }
}

/// A total order for sorting: nulls first, then by kind, then by value; numbers written
/// as text sort as numbers.
pub fn sort_order(l: &Value, r: &Value) -> Ordering {
    if let Some(o) = compare(l, r) {
        return o;
    }
    match (l, r) {
        (Value::Qty(a), Value::Qty(b)) => a.unit.cmp(&b.unit).then(a.value.cmp(&b.value)),
        (Value::List(a), Value::List(b)) => a
            .iter()
            .zip(b)
            .map(|(x, y)| sort_order(x, y))
            .find(|o| o.is_ne())
            .unwrap_or(a.len().cmp(&b.len())),
        _ => rank(l).cmp(&rank(r)),
    }
}

fn rank(v: &Value) -> u8 {
    match v {
        Value::Null => 0,
        Value::Bool(_) => 1,
        Value::Num(_) => 2,
        Value::Qty(_) => 3,
        Value::Date(_) => 4,
        Value::Str(_) => 5,
        Value::List(_) => 6,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Quantity;

    fn s(x: &str) -> Value<'static> {
        Value::owned(x.to_string())
    }

    fn q(x: &str) -> Value<'static> {
        Value::Qty(Quantity::parse(x).unwrap_or_else(|| panic!("{x}")))
    }

    #[test]
    fn text_ignores_width_and_spaces() {
        assert!(test(CmpOp::Eq, &s("区委（区政府）"), &s(" 区委(区政府)")));
        assert!(test(CmpOp::Contains, &s("完成时限：2023年"), &s(":2023")));
    }

    #[test]
    fn folded_order_reads_past_a_shared_prefix() {
        // The prefix 区 is shared; Ａ (U+FF21) folds to a, which sorts before b.
        assert_eq!(cmp_folded("区Ａ局", "区b局"), Ordering::Less);
        assert_eq!(cmp_folded("　区Ａ局 ", "区a局"), Ordering::Equal);
        // 局 and 居 share their first two bytes: the comparison backs up to 区's end.
        assert_eq!(cmp_folded("区局", "区居"), "局".cmp("居"));
        assert_eq!(cmp_folded("区", "区经济发展局"), Ordering::Less);
        assert_eq!(cmp_folded("", "　"), Ordering::Equal);
    }

    proptest::proptest! {
        /// The shortcuts (a shared prefix skipped, a literal folded once) agree with
        /// folding both sides and comparing the copies.
        #[test]
        fn shortcuts_agree_with_folded_copies(
            a in "[ 　aA区局居Ａ（(]{0,6}",
            b in "[ 　aA区局居Ａ（(]{0,6}",
        ) {
            proptest::prop_assert_eq!(cmp_folded(&a, &b), fold(&a).cmp(&fold(&b)));
            let (x, y) = (s(&a), s(&b));
            proptest::prop_assert_eq!(equals_text(&x, &y, &fold(&b)), test(CmpOp::Eq, &x, &y));
        }
    }

    #[test]
    fn quantities_compare_by_base_value() {
        assert!(test(CmpOp::Eq, &q("5个亿"), &q("50000万元")));
        assert!(test(CmpOp::Ge, &q("5亿元"), &q("1亿元")));
        assert!(!test(CmpOp::Ge, &q("5亿元"), &q("1万千瓦")));
    }

    #[test]
    fn lists_match_when_any_element_does() {
        let lead = Value::List(vec![s("区财政局"), s("区经济发展局")]);
        assert!(test(CmpOp::Eq, &lead, &s("区经济发展局")));
        assert!(!test(CmpOp::Ne, &lead, &s("区经济发展局")));
        assert!(test(CmpOp::Ne, &lead, &s("区教育局")));
    }

    #[test]
    fn numbers_as_text_compare_as_numbers() {
        assert!(test(CmpOp::Gt, &s("12"), &Value::Num(Decimal::from(2))));
        assert_eq!(
            sort_order(
                &Value::Num(Decimal::from(12)),
                &Value::Num(Decimal::from(2))
            ),
            Ordering::Greater
        );
    }

    #[test]
    fn literal_cjk_patterns_need_no_folded_text() {
        assert!(!fold_may_match("光伏|储能"));
        assert!(!fold_may_match("(光伏|储能)电站"));
        // ASCII letters, full-width forms, classes, anchors and escapes may meet folded text.
        for pattern in [
            "ABC",
            "光伏|5G",
            "（一）",
            "^光伏",
            "光.伏",
            "[光伏]",
            "光伏\\s",
            "光　伏",
        ] {
            assert!(fold_may_match(pattern), "{pattern}");
        }
    }

    #[test]
    fn null_only_differs() {
        assert!(!test(CmpOp::Eq, &Value::Null, &s("x")));
        assert!(test(CmpOp::Ne, &Value::Null, &s("x")));
    }
}
