//! Targets: the quantified commitments in a task's text (新增高新技术企业15家以上).
//!
//! A target is an Arabic-numeral quantity with a known unit. Left out: years and dates,
//! ordinals (第3批), anything inside 《》 “” "", names with digits (5G, PM2.5, 世界500强,
//! 3A级), historical figures (a sentence about a year before the plan's), and numbers that
//! only qualify what is counted (投资500万元以上技术改造项目20个 → only 20个).

use super::vocab::CAPACITY_WORDS;
use crate::model::{unit_kind, Comparator, ScaledUnit, Target, UnitKind};
use rust_decimal::Decimal;

mod masks;
mod metric;
mod scan;
#[cfg(test)]
mod tests;

use masks::{historical_mask, quoted_mask};
use metric::{clause_around, is_bare_verb, metric_after, metric_before};
use scan::{repair_ocr_digits, scan, skip_spaces};

/// A quantity found in the text, before grouping.
#[derive(Debug, Clone)]
struct Hit {
    /// Char index where the quantity (or its prefix comparator) starts.
    start: usize,
    /// Char index just past the number(s), unit and suffix comparator.
    end: usize,
    value: Decimal,
    value_hi: Option<Decimal>,
    unit: ScaledUnit,
    cmp: Comparator,
}

/// Characters that end a clause for quoting and for the qualifier rule.
fn is_clause_end(c: char) -> bool {
    matches!(
        c,
        '，' | ',' | '。' | '；' | ';' | '：' | ':' | '！' | '？' | '\n'
    )
}

/// Characters that may join quantities of one enumeration (20家和25家; 180亿元、130亿元).
/// (及 alone is left out: it mostly stands in 及以上 / 及以下, “and above”.)
const CONNECTORS: &[&str] = &["、", "和", "与", "或", "以及", " "];

/// The targets of a text, and the figures that could not be kept exactly.
#[derive(Debug, Default)]
pub struct Extraction {
    pub targets: Vec<Target>,
    /// (source line, what was not kept): figures too long or too large for a decimal.
    pub unkept: Vec<(usize, String)>,
}

/// Finds every target in `text`. `line_of(char_index)` gives the source line; `plan_year`
/// marks sentences about earlier years as history.
pub fn extract(text: &str, plan_year: Option<u32>, line_of: &dyn Fn(usize) -> usize) -> Extraction {
    let chars = repair_ocr_digits(text.chars().collect());
    let masked = quoted_mask(&chars);
    let historical = historical_mask(&chars, plan_year);
    let (hits, unholdable) = scan(&chars, &masked);
    let hits: Vec<Hit> = hits.into_iter().filter(|h| !historical[h.start]).collect();
    let mut unkept: Vec<(usize, String)> = unholdable
        .into_iter()
        .map(|at| {
            let figure: String = chars[at..].iter().take(40).take_while(|c| c.is_ascii_digit() || **c == '.').collect();
            (line_of(at), format!("figure with more digits than planq keeps exactly (28), not read as a target: {figure}"))
        })
        .collect();
    let mut targets = Vec::new();
    for group in group_enumerations(&chars, &hits) {
        let last_index = *group.last().unwrap_or(&0);
        let last = &hits[last_index];
        if is_qualifier(&chars, last, hits.get(last_index + 1)) {
            continue;
        }
        let mut group_metric = None;
        let mut paired: Vec<String> = Vec::new();
        for (k, &index) in group.iter().enumerate() {
            let hit = &hits[index];
            let metric = if k == 0 {
                let previous_end = group[0].checked_sub(1).map_or(0, |p| hits[p].end);
                match metric_before(&chars, previous_end, hit.start) {
                    Some(m) if !is_bare_verb(&m) => Some(m),
                    before => {
                        let stop = hits
                            .get(group[group.len() - 1] + 1)
                            .map_or(chars.len(), |h| h.start);
                        metric_after(&chars, last.end, stop).or(before)
                    }
                }
            } else {
                let between: String = chars[hits[group[k - 1]].end..hit.start].iter().collect();
                let between = trim_connectors(&between);
                (!between.is_empty()).then(|| between.to_string())
            };
            let metric = metric.or_else(|| group_metric.clone());
            if k == 0 {
                group_metric = metric.clone();
                // A、B、C分别达到180亿元、130亿元、20亿元: each value with its own name.
                paired = metric
                    .as_deref()
                    .map(|m| {
                        // …、电子信息等产业产值: the last name ends before 等.
                        m.split('、')
                            .map(|name| name.split_once('等').map_or(name, |(n, _)| n).to_string())
                            .collect()
                    })
                    .filter(|names: &Vec<String>| names.len() == group.len())
                    .unwrap_or_default();
            }
            let metric = paired.get(k).cloned().or(metric);
            match to_target(&chars, hit, metric, line_of) {
                Some(target) => targets.push(target),
                None => unkept.push((
                    line_of(hit.start),
                    format!(
                        "figure too large for planq to count in {}, not read as a target: {}{}",
                        hit.unit.base, hit.value, hit.unit.written
                    ),
                )),
            }
        }
    }
    Extraction { targets, unkept }
}

/// The target a hit makes; `None` when its value in the base unit overflows a decimal.
fn to_target(
    chars: &[char],
    hit: &Hit,
    metric: Option<String>,
    line_of: &dyn Fn(usize) -> usize,
) -> Option<Target> {
    let base_value = hit.value.checked_mul(hit.unit.scale)?.normalize();
    Some(Target {
        value: hit.value,
        value_hi: hit.value_hi,
        unit: hit.unit.written.clone(),
        cmp: hit.cmp,
        metric,
        base_value,
        base_unit: hit.unit.base.clone(),
        quote: clause_around(chars, hit.start, hit.end),
        line: line_of(hit.start),
    })
}

/// Groups hits that form one enumeration (only connectors between them).
fn group_enumerations(chars: &[char], hits: &[Hit]) -> Vec<Vec<usize>> {
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for (i, hit) in hits.iter().enumerate() {
        let joined = i > 0 && {
            let between: String = chars[hits[i - 1].end..hit.start].iter().collect();
            trim_connectors(&between).is_empty()
        };
        match groups.last_mut() {
            Some(group) if joined => group.push(i),
            _ => groups.push(vec![i]),
        }
    }
    groups
}

fn trim_connectors(s: &str) -> &str {
    let mut s = s.trim();
    loop {
        let before = s;
        for c in CONNECTORS {
            s = s.trim_start_matches(c).trim_end_matches(c);
        }
        for w in ["分别", "各"] {
            while let Some(rest) = s.strip_prefix(w) {
                s = rest;
            }
        }
        if s == before {
            return s;
        }
    }
}

/// A quantity that only describes what is counted: followed by 的, or by more words and
/// another quantity in the same clause (投资500万元以上技术改造项目20个).
fn is_qualifier(chars: &[char], last: &Hit, next: Option<&Hit>) -> bool {
    if chars.get(skip_spaces(chars, last.end)) == Some(&'的') {
        return true;
    }
    if measures_a_size(chars, last) || sizes_a_facility(chars, last) {
        return true;
    }
    // A bound or a range picks out what is counted (投资500万元以上技改项目20个); a plain
    // amount before another quantity is a commitment of its own (投资1.2亿元改造学校12所).
    let bounded = last.cmp != Comparator::Eq;
    bounded
        && next.is_some_and(|h| {
            let between: String = chars[last.end..h.start].iter().collect();
            !between.contains(|c: char| is_clause_end(c) || c == '、')
                && !CONNECTORS
                    .iter()
                    .any(|c| c.trim() != "" && between.contains(c))
        })
}

/// 30万千瓦以下小煤电机组: an amount or measure with 以上/以下 and a noun right after it
/// gives the size of what is meant, not a target. Counts (3个以上市级项目) and shares
/// (95%以上息诉罢访) are not read so.
fn measures_a_size(chars: &[char], hit: &Hit) -> bool {
    let is_size_unit = unit_kind(&hit.unit.base) == Some(UnitKind::Amount);
    let ends_with_bound =
        hit.end >= 2 && matches!(chars[hit.end - 2..hit.end], ['以', '上'] | ['以', '下']);
    let next = chars.get(hit.end).copied();
    is_size_unit && ends_with_bound && next.is_some_and(|c| is_han(c) && c != '的')
}

/// 建成年产10万吨饲料项目: a capacity (年产, 日处理, 装机) with a noun right after it names
/// the size of the facility built, not a target; 新增年产能10万吨 and 年产值50亿元 are.
fn sizes_a_facility(chars: &[char], hit: &Hit) -> bool {
    let before: String = chars[hit.start.saturating_sub(MAX_CAPACITY_WORD)..hit.start]
        .iter()
        .collect();
    let capacity = CAPACITY_WORDS.iter().any(|w| before.ends_with(w));
    let next = chars.get(hit.end).copied();
    capacity && next.is_some_and(|c| is_han(c) && c != '的')
}

/// Longest word of [`CAPACITY_WORDS`], in characters.
const MAX_CAPACITY_WORD: usize = 4;

fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}
