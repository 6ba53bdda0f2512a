//! Which characters cannot hold a target: quoted names and sentences about past years.

use super::scan::skip_spaces;

/// Words that open a bracket saying what a figure leaves out or takes in: （不含6亩）.
const EXCLUSIONS: &[&str] = &["不含", "不包括", "含", "包括", "包含"];

/// Marks characters inside 《》 “” ‘’ 「」, straight double quotes, and brackets that only
/// say what a figure includes or leaves out (（不含6亩）).
pub(super) fn quoted_mask(chars: &[char]) -> Vec<bool> {
    let mut mask = quotes(chars);
    let mut i = 0;
    while i < chars.len() {
        let opens = matches!(chars[i], '（' | '(');
        let rest = &chars[i + 1..];
        let excludes = opens
            && EXCLUSIONS
                .iter()
                .any(|w| rest.starts_with(&w.chars().collect::<Vec<_>>()));
        if excludes {
            let close = rest
                .iter()
                .position(|c| matches!(c, '）' | ')'))
                .map_or(chars.len(), |p| i + 1 + p);
            mask[i..close.min(chars.len())]
                .iter_mut()
                .for_each(|m| *m = true);
            i = close;
        }
        i += 1;
    }
    mask
}

fn quotes(chars: &[char]) -> Vec<bool> {
    let mut mask = vec![false; chars.len()];
    let mut depth = 0i32;
    let mut straight = false;
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '《' | '“' | '‘' | '「' | '〈' => depth += 1,
            '》' | '”' | '’' | '」' | '〉' => depth = (depth - 1).max(0),
            '"' => straight = !straight,
            _ => {}
        }
        mask[i] = depth > 0 || straight;
    }
    mask
}

/// Marks text about years before the plan's (historical figures): from a past year (or
/// 十三五) up to the next year mentioned or the end of the sentence. A year used as a
/// comparison base (比2020年, 较2022年) is not history.
pub(super) fn historical_mask(chars: &[char], plan_year: Option<u32>) -> Vec<bool> {
    let mut mask = vec![false; chars.len()];
    let Some(plan_year) = plan_year else {
        return mask;
    };
    let mut past = false;
    let mut i = 0;
    while i < chars.len() {
        if matches!(chars[i], '。' | '；' | ';' | '！' | '\n') {
            past = false;
        } else if chars[i..].starts_with(&['基', '础', '上']) {
            // 在2023年新增就业4860人的基础上，…: the history ends with its 基础上.
            mask[i..i + 3].iter_mut().for_each(|m| *m = past);
            past = false;
            i += 3;
            continue;
        } else if let Some((year, len)) = year_at(chars, i) {
            let before: String = chars[i.saturating_sub(6)..i].iter().collect();
            past = year < plan_year
                && !compared(&before)
                && !multiple_of(chars, i + len)
                && !cutoff(chars, i + len);
            mask[i..i + len].iter_mut().for_each(|m| *m = past);
            i += len;
            continue;
        } else if chars[i..].starts_with(&['十', '三', '五'])
            || chars[i..].starts_with(&['十', '二', '五'])
        {
            let before: String = chars[i.saturating_sub(6)..i].iter().collect();
            past = !compared(&before);
        }
        mask[i] = past;
        i += 1;
    }
    mask
}

/// A year such as `2022年` (or `2022 年`) at `i`: the year and how many chars it spans.
fn year_at(chars: &[char], i: usize) -> Option<(u32, usize)> {
    let digits = chars.get(i..i + 4)?;
    if !digits.iter().all(char::is_ascii_digit) || (i > 0 && chars[i - 1].is_ascii_digit()) {
        return None;
    }
    let after = skip_spaces(chars, i + 4);
    if chars.get(after) != Some(&'年') {
        return None;
    }
    let year: String = digits.iter().collect();
    Some((year.parse().ok()?, after + 1 - i))
}

/// Whether a year is a cut-off that picks out what is counted (改造2000年前建成的老旧小区18个,
/// 2005年底以前建成的): a 前 after it, with 底/末 and 以/之 between.
fn cutoff(chars: &[char], after_year: usize) -> bool {
    let mut k = skip_spaces(chars, after_year);
    for optional in [['底', '末'], ['以', '之']] {
        if chars.get(k).is_some_and(|c| optional.contains(c)) {
            k += 1;
        }
    }
    // 2024年前三季度, 前5个月: a period of that year, no cut-off.
    let period = chars
        .get(k + 1)
        .is_some_and(|c| c.is_ascii_digit() || "一二三四两半几".contains(*c));
    chars.get(k) == Some(&'前') && !period
}

/// Whether a year is the base of a multiple that follows it: 增长到2020年的1.5倍.
fn multiple_of(chars: &[char], after_year: usize) -> bool {
    let mut k = skip_spaces(chars, after_year);
    if chars.get(k) != Some(&'的') {
        return false;
    }
    k = skip_spaces(chars, k + 1);
    let digits = chars[k.min(chars.len())..]
        .iter()
        .take_while(|c| c.is_ascii_digit() || **c == '.')
        .count();
    digits > 0 && chars.get(skip_spaces(chars, k + digits)) == Some(&'倍')
}

/// Whether the text just before a year makes it a comparison base.
fn compared(before: &str) -> bool {
    let before = before.trim_end_matches([' ', '“', '"']);
    ["比", "较", "与", "同", "基础上"]
        .iter()
        .any(|w| before.ends_with(w))
}
