//! Targets: the quantified commitments in a task's text (新增高新技术企业15家以上).
//!
//! A target is an Arabic-numeral quantity with a known unit. Left out: years and dates,
//! ordinals (第3批), anything inside 《》 “” "", names with digits (5G, PM2.5, 世界500强,
//! 3A级), historical figures (a sentence about a year before the plan's), and numbers that
//! only qualify what is counted (投资500万元以上技术改造项目20个 → only 20个).

use super::normalize::remove_pdf_spaces;
use crate::model::{Comparator, ScaledUnit, Target};
use rust_decimal::Decimal;
use std::str::FromStr;

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

/// Units that count things (as opposed to amounts and measures).
const COUNT_UNITS: &[&str] = &[
    "家", "个", "项", "人", "名", "座", "处", "场", "部", "条", "件", "户", "所", "辆", "头", "只",
    "台", "套", "张", "间", "栋", "株", "棵", "批", "次", "人次", "篇", "册", "门", "种", "支",
    "天", "倍",
];

/// Characters that may join quantities of one enumeration (20家和25家; 180亿元、130亿元).
/// (及 alone is left out: it mostly stands in 及以上 / 及以下, “and above”.)
const CONNECTORS: &[&str] = &["、", "和", "与", "或", "以及", " "];

const GE_PREFIXES: &[&str] = &[
    "超",
    "不低于",
    "不少于",
    "至少",
    "突破",
    "超过",
    "大于",
    "高于",
    "多于",
];
const LE_PREFIXES: &[&str] = &["不超过", "不高于", "低于", "少于", "控制在"];
const APPROX_PREFIXES: &[&str] = &["大约", "约"];

const LEADING_FILLERS: &[&str] = &[
    "力争", "争取", "确保", "年内", "全年", "年度", "今年", "当年", "实现", "计划", "预计", "其中",
    "全区", "全县", "全市", "我区", "我县", "我市",
];
/// Verbs of change that, with 至/到/在 after them, lead up to a value (提高至, 控制在).
const CHANGE_VERBS: &[&str] = &[
    "提高", "提升", "增加", "增长", "扩大", "降低", "下降", "压减", "减少", "缩短", "压缩", "控制",
    "保持", "稳定", "维持", "达",
];
const TRAILING_WORDS: &[&str] = &[
    "达到",
    "增至",
    "降至",
    "保持",
    "不低于",
    "不少于",
    "不超过",
    "不高于",
    "至少",
    "突破",
    "超过",
    "大于",
    "高于",
    "低于",
    "少于",
    "大约",
    "约",
    "分别",
    "力争",
    "争取",
    "确保",
    "继续",
    "为",
    "在",
    "至",
    "到",
];
/// Verbs that say nothing about what is counted when they stand alone before a quantity
/// (实施3个以上市级重点技改项目): the words after the quantity name it instead.
const BARE_VERBS: &[&str] = &[
    "实施",
    "新增",
    "完成",
    "建设",
    "新建",
    "培育",
    "引进",
    "创建",
    "打造",
    "开展",
    "举办",
    "争创",
    "建成",
    "组织",
    "推动",
    "推进",
    "改造",
    "储备",
    "招引",
    "认定",
    "申报",
    "解决",
    "落实",
    "加快",
    "做大做强",
    "提升",
];
/// Adverbs that may stand before a bare verb (持续推进, 重点培育打造).
const ADVERBS: &[&str] = &[
    "持续", "重点", "着力", "积极", "加快", "全力", "大力", "努力", "深入", "新",
];

/// Whether a phrase is only verbs (and adverbs): it names nothing counted.
fn is_bare_verb(phrase: &str) -> bool {
    if phrase.chars().count() <= 2 {
        return true;
    }
    let mut rest = phrase;
    while !rest.is_empty() {
        let Some(word) = BARE_VERBS
            .iter()
            .chain(ADVERBS)
            .find(|w| rest.starts_with(**w))
        else {
            return false;
        };
        rest = &rest[word.len()..];
    }
    true
}

/// Finds every target in `text`. `line_of(char_index)` gives the source line; `plan_year`
/// marks sentences about earlier years as history.
pub fn extract(
    text: &str,
    plan_year: Option<u32>,
    line_of: &dyn Fn(usize) -> usize,
) -> Vec<Target> {
    let chars: Vec<char> = text.chars().collect();
    let masked = quoted_mask(&chars);
    let historical = historical_mask(&chars, plan_year);
    let hits: Vec<Hit> = scan(&chars, &masked)
        .into_iter()
        .filter(|h| !historical[h.start])
        .collect();
    let mut targets = Vec::new();
    for group in group_enumerations(&chars, &hits) {
        let last_index = *group.last().unwrap_or(&0);
        let last = &hits[last_index];
        if is_qualifier(&chars, last, hits.get(last_index + 1)) {
            continue;
        }
        let mut group_metric = None;
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
            }
            targets.push(to_target(&chars, hit, metric, line_of));
        }
    }
    targets
}

fn to_target(
    chars: &[char],
    hit: &Hit,
    metric: Option<String>,
    line_of: &dyn Fn(usize) -> usize,
) -> Target {
    let base_value = (hit.value * hit.unit.scale).normalize();
    Target {
        value: hit.value,
        value_hi: hit.value_hi,
        unit: hit.unit.written.clone(),
        cmp: hit.cmp,
        metric,
        base_value,
        base_unit: hit.unit.base.clone(),
        quote: clause_around(chars, hit.start, hit.end),
        line: line_of(hit.start),
    }
}

/// Marks characters inside 《》 “” ‘’ 「」 and straight double quotes.
fn quoted_mask(chars: &[char]) -> Vec<bool> {
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
fn historical_mask(chars: &[char], plan_year: Option<u32>) -> Vec<bool> {
    let mut mask = vec![false; chars.len()];
    let Some(plan_year) = plan_year else {
        return mask;
    };
    let mut past = false;
    let mut i = 0;
    while i < chars.len() {
        if matches!(chars[i], '。' | '；' | ';' | '！' | '\n') {
            past = false;
        } else if let Some((year, len)) = year_at(chars, i) {
            let before: String = chars[i.saturating_sub(6)..i].iter().collect();
            past = year < plan_year && !compared(&before);
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

/// Whether the text just before a year makes it a comparison base.
fn compared(before: &str) -> bool {
    let before = before.trim_end_matches([' ', '“', '"']);
    ["比", "较", "与", "同", "基础上"]
        .iter()
        .any(|w| before.ends_with(w))
}

/// Finds every number with a unit outside quotes.
fn scan(chars: &[char], masked: &[bool]) -> Vec<Hit> {
    let mut hits = Vec::new();
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
            _ => i = skip_number(chars, i),
        }
    }
    hits
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
    let (unit, unit_chars) = unit_at(chars, j)?;
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
    let suffix_cmp = match suffix.as_str() {
        "以上" => Some(Comparator::Ge),
        "以下" | "以内" | "之内" => Some(Comparator::Le),
        "左右" | "上下" => Some(Comparator::Approx),
        _ => None,
    };
    if let Some(c) = suffix_cmp {
        cmp = c;
        j = suffix_start + 2;
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
    if matches!(follow, Some('/' | '／')) {
        let after: String = chars[j + unit_chars + 1..chars.len().min(j + unit_chars + 6)]
            .iter()
            .collect();
        if let Some(per) = RATE_DENOMINATORS
            .iter()
            .filter(|d| after.starts_with(**d))
            .max_by_key(|d| d.len())
        {
            unit.written = format!("{}/{per}", unit.written);
            unit.base = format!("{}/{per}", unit.base);
            unit_chars += 1 + per.chars().count();
        }
    }
    Some((unit, unit_chars))
}

/// What a rate may be counted per: 元/平方米, 万吨/日, 微克/立方米.
const RATE_DENOMINATORS: &[&str] = &[
    "平方米",
    "立方米",
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
    if !chars
        .get(k)
        .is_some_and(|c| matches!(c, '~' | '～' | '-' | '—' | '–' | '至' | '到'))
    {
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
fn is_false_unit(unit: &str, follow: Option<char>) -> bool {
    matches!(
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
    let value = Decimal::from_str(&digits).ok()?;
    Some((value, j))
}

fn is_thousands(chars: &[char], comma: usize) -> bool {
    let next3 = chars.get(comma + 1..comma + 4);
    next3.is_some_and(|d| d.iter().all(char::is_ascii_digit))
        && !chars.get(comma + 4).is_some_and(char::is_ascii_digit)
}

fn skip_spaces(chars: &[char], mut i: usize) -> usize {
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
    let words = GE_PREFIXES
        .iter()
        .map(|w| (*w, Comparator::Ge))
        .chain(LE_PREFIXES.iter().map(|w| (*w, Comparator::Le)))
        .chain(APPROX_PREFIXES.iter().map(|w| (*w, Comparator::Approx)));
    let (word, cmp) = words
        .filter(|(w, _)| text.ends_with(w))
        .max_by_key(|(w, _)| w.len())?;
    // 约 inside 节约, 制约, 签约… is not “about”.
    let before_word = text[..text.len() - word.len()].chars().last();
    if word == "约" && before_word.is_some_and(|c| "节制签预合集履违公契条邀特简隐".contains(c))
    {
        return None;
    }
    Some(cmp)
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
            s = s.trim_start_matches(w);
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
    if measures_a_size(chars, last) {
        return true;
    }
    next.is_some_and(|h| {
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
    let is_size_unit = !COUNT_UNITS.contains(&hit.unit.base.as_str())
        && !matches!(hit.unit.base.as_str(), "%" | "‰" | "个百分点");
    let ends_with_bound =
        hit.end >= 2 && matches!(chars[hit.end - 2..hit.end], ['以', '上'] | ['以', '下']);
    let next = chars.get(hit.end).copied();
    is_size_unit && ends_with_bound && next.is_some_and(|c| is_han(c) && c != '的')
}

fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// How far a clause is looked for around a quantity; text without punctuation for longer
/// than this is cut, so a pathological input stays linear.
const CLAUSE_REACH: usize = 200;

fn clause_start(chars: &[char], at: usize) -> usize {
    let floor = at.saturating_sub(CLAUSE_REACH);
    (floor..at)
        .rev()
        .find(|&k| is_clause_end(chars[k]))
        .map_or(floor, |k| k + 1)
}

fn clause_end(chars: &[char], from: usize, also: &[char]) -> usize {
    let ceiling = chars.len().min(from + CLAUSE_REACH);
    (from..ceiling)
        .find(|&k| is_clause_end(chars[k]) || also.contains(&chars[k]))
        .unwrap_or(ceiling)
}

fn clause_around(chars: &[char], start: usize, end: usize) -> String {
    let from = clause_start(chars, start);
    let to = clause_end(chars, end, &[]);
    chars[from..to]
        .iter()
        .collect::<String>()
        .trim()
        .to_string()
}

/// The phrase a quantity measures: the clause before it, without fillers and verbs.
/// When the words before end in a connector or 的 (6个棚户区改造项目和2个…, 部署的13个
/// 服务场景), the quantity counts what follows it, and `None` sends the caller there.
fn metric_before(chars: &[char], previous_end: usize, start: usize) -> Option<String> {
    let from = clause_start(chars, start).max(previous_end);
    let text: String = chars[from..start].iter().collect();
    if CONNECTORS
        .iter()
        .chain(&["的"])
        .any(|c| text.trim_end().ends_with(c))
    {
        return None;
    }
    tidy_metric(&text)
}

/// When nothing precedes (实施3个以上市级重点技改项目), what follows names the thing counted.
/// It stops at the next quantity and at a connector (6个棚户区改造项目和2个…).
fn metric_after(chars: &[char], end: usize, stop: usize) -> Option<String> {
    let to = clause_end(chars, end, &['、', '和', '与', '或']).min(stop);
    let text: String = chars[end..to.max(end)].iter().collect();
    tidy_metric(&text)
}

fn tidy_metric(text: &str) -> Option<String> {
    let mut s = strip_list_marker(text.trim());
    loop {
        let before = s;
        s = strip_year_prefix(s);
        for w in LEADING_FILLERS {
            s = s.strip_prefix(w).unwrap_or(s).trim_start();
        }
        for verb in CHANGE_VERBS {
            for particle in ["至", "到", "在"] {
                s = s
                    .strip_suffix(&format!("{verb}{particle}") as &str)
                    .unwrap_or(s)
                    .trim_end();
            }
        }
        for w in TRAILING_WORDS {
            s = s.strip_suffix(w).unwrap_or(s).trim_end();
        }
        if s == before {
            break;
        }
    }
    let s = remove_pdf_spaces(s.trim_matches(|c: char| c.is_whitespace() || c == '、'));
    (s.chars().count() >= 2).then_some(s)
}

/// Drops a list number the quantity's clause starts with: （1） 1) ① 2.
fn strip_list_marker(s: &str) -> &str {
    static MARKER: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"^(?:[（(]\d{1,2}[)）]|\d{1,2}[)）.．、]|[①-⑳])\s*")
            .expect("static regex")
    });
    MARKER.find(s).map_or(s, |m| &s[m.end()..])
}

/// Drops a leading time phrase: 到2025年, 2023年底, 到“十四五”末.
fn strip_year_prefix(s: &str) -> &str {
    let body = s.strip_prefix('到').unwrap_or(s);
    let digits = body.chars().take_while(char::is_ascii_digit).count();
    if digits == 4 {
        if let Some(rest) = body[4..].trim_start().strip_prefix('年') {
            let rest = rest.trim_start_matches(['底', '末', '内', '前']);
            return rest.trim_start_matches([',', '，', ' ']);
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<String> {
        extract(text, Some(2023), &|_| 1)
            .into_iter()
            .map(|t| match t.value_hi {
                Some(hi) => format!("{}-{}{} {}", t.value, hi, t.unit, t.cmp),
                None => format!("{}{} {}", t.value, t.unit, t.cmp),
            })
            .collect()
    }

    #[test]
    fn comparators() {
        assert_eq!(found("新增高新技术企业 15 家以上"), ["15家 >="]);
        assert_eq!(found("用水总量控制在1238万立方米之内"), ["1238万立方米 <="]);
        assert_eq!(found("储备 20 家左右后备企业"), ["20家 ~"]);
        assert_eq!(found("免费播放公益电影 700 余场"), ["700场 >="]);
        assert_eq!(found("省外到位资金总量不低于5个亿"), ["5个亿 >="]);
        assert_eq!(found("主攻2~3个主导优势产业"), ["2-3个 range"]);
    }

    #[test]
    fn ranges_that_repeat_the_unit() {
        assert_eq!(found("增长6%-7%"), ["6-7% range"]);
        assert_eq!(found("增长6.5%至7%"), ["6.5-7% range"]);
        assert_eq!(found("新建3个至5个"), ["3-5个 range"]);
        assert_eq!(found("投资5亿至8亿元"), ["5-8亿元 range"]);
        assert_eq!(found("吸纳5万—8万人"), ["5-8万人 range"]);
        assert!(found("2024—2025年").is_empty());
    }

    #[test]
    fn more_units() {
        assert_eq!(found("举办活动50场次以上"), ["50场次 >="]);
        assert_eq!(found("办结时限压缩至1个工作日以内"), ["1个工作日 <="]);
        assert_eq!(found("新增装机200MW"), ["200MW ="]);
        assert_eq!(found("实现投资超1亿元"), ["1亿元 >="]);
        assert_eq!(
            found("PM2.5浓度控制在35微克/立方米以内"),
            ["35微克/立方米 <="]
        );
        let rate = &extract("地价不超过20万元/亩", Some(2023), &|_| 1)[0];
        assert_eq!(
            (rate.unit.as_str(), rate.base_unit.as_str()),
            ("万元/亩", "元/亩")
        );
        assert_eq!(rate.base_value, Decimal::from(200_000));
    }

    #[test]
    fn several_numbers_in_one_phrase() {
        assert_eq!(found("数量达到 20 家和 25 家"), ["20家 =", "25家 ="]);
        assert_eq!(
            found("分别达到180亿元、130亿元、20亿元"),
            ["180亿元 =", "130亿元 =", "20亿元 ="]
        );
    }

    #[test]
    fn non_targets_left_out() {
        assert!(found("用好“人才金政 50 条”").is_empty());
        assert!(found("加快5G和10G-PON建设，PM2.5浓度下降").is_empty());
        assert!(found("引进世界500强企业，创建3A级景区，第3批").is_empty());
        assert!(found("完成《规划(2021—2035年)》编制，2023年7月17日").is_empty());
        assert!(found("新增三家企业").is_empty());
    }

    #[test]
    fn qualifiers_left_out() {
        assert_eq!(found("实施投资500万元以上技术改造项目20个左右"), ["20个 ~"]);
        assert!(found("储备总投资 10 亿元、20 亿元、100 亿元以上的大项目").is_empty());
    }

    #[test]
    fn historical_sentences_left_out() {
        assert!(found("2022年完成投资12亿元。").is_empty());
        assert_eq!(found("比2020年下降13.5%。"), ["13.5% ="]);
    }

    #[test]
    fn base_values_and_metric() {
        let t = &extract("年内力争光伏装机容量达到1.5万千瓦", Some(2023), &|_| 7)[0];
        assert_eq!(t.base_value, Decimal::from(15000));
        assert_eq!(t.base_unit, "千瓦");
        assert_eq!(t.metric.as_deref(), Some("光伏装机容量"));
        assert_eq!(t.line, 7);
        let t = &extract("（1）新建高标准农田2万亩", Some(2023), &|_| 1)[0];
        assert_eq!(t.metric.as_deref(), Some("新建高标准农田"));
        let t = &extract("实施 3 个以上市级重点技改项目，", Some(2023), &|_| 1)[0];
        assert_eq!(t.metric.as_deref(), Some("市级重点技改项目"));
    }

    #[test]
    fn decimals_keep_their_spelling() {
        let t = &extract("能繁母猪保持在 0.9 万头以上", Some(2023), &|_| 1)[0];
        assert_eq!(t.value.to_string(), "0.9");
        assert_eq!(t.base_value, Decimal::from(9000));
    }
}
