//! Reading quantities: a number (or range), its unit and the comparator words around it.

use super::{is_han, Hit};
use crate::ingest::vocab::{comparator_prefix_ending, COMPARATOR_SUFFIXES};
use crate::model::{unit_kind, Comparator, ScaledUnit, UnitKind};
use rust_decimal::Decimal;

/// Finds every number with a unit outside quotes; also where a figure with a unit has more
/// digits than a decimal can hold exactly (its char index), so it is reported, not dropped.
pub(super) fn scan(chars: &[char], masked: &[bool]) -> (Vec<Hit>, Vec<usize>) {
    let mut hits = Vec::new();
    let mut unholdable = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit()
            || (i > 0 && (chars[i - 1].is_ascii_digit() || chars[i - 1] == '.'))
        {
            i += 1;
            continue;
        }
        match read_quantity(chars, i) {
            Some(hit) if !masked[i] && !in_name(chars, i, &hit) => {
                i = hit.end;
                hits.push(hit);
            }
            None if !masked[i] && too_many_digits(chars, i) => {
                unholdable.push(i);
                i = skip_number(chars, i);
            }
            _ => i = skip_number(chars, i),
        }
    }
    (hits, unholdable)
}

/// A figure with a unit after it whose digits no decimal holds exactly (29 digits, or 30
/// decimals): it is reported, never rounded or dropped in silence.
fn too_many_digits(chars: &[char], i: usize) -> bool {
    let end = skip_number(chars, i);
    let digits: String = chars[i..end].iter().collect();
    let unit_follows = ScaledUnit::read_prefix(
        &chars[end..chars.len().min(end + 8)]
            .iter()
            .collect::<String>(),
    )
    .is_some();
    unit_follows && Decimal::from_str_exact(digits.trim_end_matches('.')).is_err()
}

fn skip_number(chars: &[char], mut i: usize) -> usize {
    while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
        i += 1;
    }
    i.max(1)
}

/// Digits that belong to a name or code: 5G, PM2.5, 10G-PON, 第3批, 1+N.
fn in_name(chars: &[char], start: usize, hit: &Hit) -> bool {
    let before = start.checked_sub(1).map(|i| chars[i]);
    let before_is_name = before
        .is_some_and(|c| c.is_ascii_alphabetic() || matches!(c, '第' | '+' | '-' | '/' | '_'));
    before_is_name || hit.unit.written.is_empty()
}

/// Reads a number (or range), unit and comparator words starting at `i`.
fn read_quantity(chars: &[char], i: usize) -> Option<Hit> {
    let (value, after_number) = read_number(chars, i)?;
    let (value_hi, mut j) = read_range_end(chars, after_number).unwrap_or((None, after_number));
    j = skip_spaces(chars, j);
    let mut cmp = Comparator::Eq;
    if chars.get(j).is_some_and(|c| matches!(c, '余' | '多')) {
        cmp = Comparator::Ge;
        j = skip_spaces(chars, j + 1);
    }
    let (unit, unit_chars) = match unit_at(chars, j) {
        Some(found) => found,
        None => {
            // 1.2万余人: the scale word, then 余, then the unit.
            let (unit, used) = scaled_about(chars, j)?;
            cmp = Comparator::Ge;
            (unit, used)
        }
    };
    if value_hi.is_none()
        && chars
            .get(after_number)
            .is_some_and(|c| c.is_ascii_alphabetic())
        && !unit.written.is_ascii()
    {
        // 5G, 3A级: letters glued to the number that are not an ASCII unit (MW, km).
        return None;
    }
    j += unit_chars;
    let suffix_start = skip_spaces(chars, j);
    let suffix: String = chars[suffix_start..chars.len().min(suffix_start + 2)]
        .iter()
        .collect();
    let suffix_cmp = COMPARATOR_SUFFIXES
        .iter()
        .find(|(w, _)| *w == suffix)
        .map(|(_, c)| *c);
    if let Some(c) = suffix_cmp {
        cmp = c;
        j = suffix_start + 2;
    } else if chars.get(suffix_start) == Some(&'内')
        && unit_kind(&unit.base) == Some(UnitKind::Time)
    {
        // 14个工作日内: a time limit, at most that long.
        cmp = Comparator::Le;
        j = suffix_start + 1;
    }
    if cmp == Comparator::Eq {
        cmp = prefix_comparator(chars, i);
    }
    if value_hi.is_some() {
        cmp = Comparator::Range;
    }
    Some(Hit {
        start: i,
        end: j,
        value,
        value_hi,
        unit,
        cmp,
    })
}

/// The unit at `j`, with a rate's denominator (元/平方米, 万吨/日) and without words that
/// only start like a unit (3个月). Returns the unit and how many chars it takes.
fn unit_at(chars: &[char], j: usize) -> Option<(ScaledUnit, usize)> {
    let rest: String = chars[j..chars.len().min(j + 8)].iter().collect();
    let (mut unit, used) = ScaledUnit::read_prefix(&rest)?;
    let mut unit_chars = rest[..used].chars().count();
    let follow = chars.get(j + unit_chars).copied();
    if is_false_unit(&unit.written, follow) {
        return None;
    }
    if unit.written.is_ascii() && follow.is_some_and(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    // 元/平方米, and 立方米每秒 written out.
    let per_word = follow == Some('每');
    if matches!(follow, Some('/' | '／' | '每')) {
        let after: String = chars[j + unit_chars + 1..chars.len().min(j + unit_chars + 6)]
            .iter()
            .collect();
        if let Some(per) = RATE_DENOMINATORS
            .iter()
            .filter(|d| after.starts_with(**d))
            .max_by_key(|d| d.len())
        {
            let written_sep = if per_word { "每" } else { "/" };
            unit.written = format!("{}{written_sep}{per}", unit.written);
            unit.base = format!("{}/{per}", unit.base);
            unit_chars += 1 + per.chars().count();
        }
    }
    Some((unit, unit_chars))
}

/// What a rate may be counted per: 元/平方米, 万吨/日, 微克/立方米.
const RATE_DENOMINATORS: &[&str] = &[
    "平方千米",
    "平方米",
    "立方米",
    "升",
    "平方公里",
    "公里",
    "千米",
    "吨",
    "公斤",
    "千克",
    "亩",
    "人",
    "户",
    "年",
    "月",
    "日",
    "天",
    "周",
    "小时",
    "时",
    "秒",
    "千瓦时",
    "万元",
    "元",
];

/// The upper end of a range after the first number: `~3`, `至5个`, `%-7%`, `万—8万人`. The
/// first number may carry the unit (or just its scale word) too. Returns the upper value
/// and where the unit of the range starts.
fn read_range_end(chars: &[char], after_number: usize) -> Option<(Option<Decimal>, usize)> {
    let mut k = skip_spaces(chars, after_number);
    let first_unit = unit_at(chars, k).or_else(|| scale_word_at(chars, k));
    if let Some((_, len)) = &first_unit {
        k = skip_spaces(chars, k + len);
    }
    // Full-width forms (３－５个) and the wave dash and minus sign of other input methods.
    let dash = |c: &char| {
        matches!(
            c,
            '~' | '～' | '〜' | '-' | '－' | '−' | '—' | '–' | '至' | '到'
        )
    };
    if !chars.get(k).is_some_and(dash) {
        return None;
    }
    let hi_start = skip_spaces(chars, k + 1);
    let (hi, after_hi) = read_number(chars, hi_start)?;
    if let Some((first, _)) = first_unit {
        // 6%-7% and 5万—8万人 repeat the unit (or its scale); 6%-7个 is no range.
        let (second, _) = unit_at(chars, skip_spaces(chars, after_hi))?;
        if !second.written.starts_with(&first.written) {
            return None;
        }
    }
    Some((Some(hi), after_hi))
}

/// A scale word standing alone after a number (5亿 in 5亿至8亿元).
/// `万余人`, `万多亩`: a scale word, 余 or 多, and a unit, read as the scaled unit (万人)
/// and how many chars it takes.
fn scaled_about(chars: &[char], j: usize) -> Option<(ScaledUnit, usize)> {
    let (scale, scale_chars) = scale_word_at(chars, j)?;
    let about = j + scale_chars;
    if !chars.get(about).is_some_and(|c| matches!(c, '余' | '多')) {
        return None;
    }
    let (unit, unit_chars) = unit_at(chars, about + 1)?;
    let unit = ScaledUnit::parse(&format!("{}{}", scale.written, unit.written))?;
    Some((unit, scale_chars + 1 + unit_chars))
}

fn scale_word_at(chars: &[char], j: usize) -> Option<(ScaledUnit, usize)> {
    let word: String = chars[j..chars.len().min(j + 2)].iter().collect();
    ["千万", "百万", "万", "亿"]
        .iter()
        .find(|s| word.starts_with(**s))
        .map(|s| {
            let unit = ScaledUnit {
                written: s.to_string(),
                scale: Decimal::ONE,
                base: String::new(),
            };
            (unit, s.chars().count())
        })
}

/// Units that are really the start of another word: 3个月 (a duration), 5部门.
/// A unit followed by 级 is a class (5000吨级泊位, 110千伏级), not an amount.
fn is_false_unit(unit: &str, follow: Option<char>) -> bool {
    follow == Some('级')
        || matches!(
            (unit, follow),
            ("个", Some('月')) | ("部", Some('门')) | ("天", Some('然')) | ("人", Some('民'))
        )
}

fn read_number(chars: &[char], i: usize) -> Option<(Decimal, usize)> {
    let mut j = i;
    let mut digits = String::new();
    while j < chars.len() {
        let c = chars[j];
        let decimal_point =
            c == '.' && chars.get(j + 1).is_some_and(char::is_ascii_digit) && !digits.contains('.');
        if c.is_ascii_digit() || decimal_point {
            digits.push(c);
        } else if c == ',' && is_thousands(chars, j) {
            // 1,000 — a thousands separator, not a clause break
        } else {
            break;
        }
        j += 1;
    }
    // Exact or nothing: a figure a decimal cannot hold is reported by `scan`, not rounded.
    let value = Decimal::from_str_exact(&digits).ok()?;
    Some((value, j))
}

fn is_thousands(chars: &[char], comma: usize) -> bool {
    let next3 = chars.get(comma + 1..comma + 4);
    next3.is_some_and(|d| d.iter().all(char::is_ascii_digit))
        && !chars.get(comma + 4).is_some_and(char::is_ascii_digit)
}

pub(super) fn skip_spaces(chars: &[char], mut i: usize) -> usize {
    while chars.get(i).is_some_and(|c| *c == ' ') {
        i += 1;
    }
    i
}

fn prefix_comparator(chars: &[char], start: usize) -> Comparator {
    // The word may stand right before the number or before a short verb (至少举办1场).
    let from = start.saturating_sub(PREFIX_REACH + 3);
    let before: String = chars[from..start]
        .iter()
        .collect::<String>()
        .trim_end()
        .to_string();
    let positions: Vec<usize> = before.char_indices().map(|(i, _)| i).collect();
    for gap in 0..=PREFIX_REACH.min(positions.len()) {
        let cut = if gap == 0 {
            before.len()
        } else {
            positions[positions.len() - gap]
        };
        let (head, verb) = before.split_at(cut);
        if !verb.chars().all(is_han) {
            break;
        }
        if let Some(cmp) = comparator_word_at_end(head) {
            return cmp;
        }
    }
    Comparator::Eq
}

/// How many characters of verb may stand between a comparator word and its number.
const PREFIX_REACH: usize = 3;

/// The longest comparator word `text` ends with (不超过 before 超过, 不低于 before 低于).
fn comparator_word_at_end(text: &str) -> Option<Comparator> {
    let (word, cmp) = comparator_prefix_ending(text)?;
    // 约 inside 节约, 制约, 签约… is not “about”.
    let before_word = text[..text.len() - word.len()].chars().last();
    if word == "约" && before_word.is_some_and(|c| "节制签预合集履违公契条邀特简隐".contains(c))
    {
        return None;
    }
    Some(cmp)
}

/// OCR reads 1 as l and 0 as O inside numbers (场景l5个, 9O%, 1O00个): a run of digits and
/// those letters, with at least one digit and no other letter beside it, is a number.
pub(super) fn repair_ocr_digits(mut chars: Vec<char>) -> Vec<char> {
    let digitish = |c: char| c.is_ascii_digit() || matches!(c, 'l' | 'O');
    let mut i = 0;
    while i < chars.len() {
        if !digitish(chars[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && digitish(chars[i]) {
            i += 1;
        }
        let run = &chars[start..i];
        let letter_beside = (start > 0 && chars[start - 1].is_ascii_alphabetic())
            || chars.get(i).is_some_and(char::is_ascii_alphabetic);
        let mixed = run.iter().any(char::is_ascii_digit) && !run.iter().all(char::is_ascii_digit);
        if mixed && !letter_beside {
            for c in &mut chars[start..i] {
                *c = match *c {
                    'l' => '1',
                    'O' => '0',
                    digit => digit,
                };
            }
        }
    }
    chars
}
