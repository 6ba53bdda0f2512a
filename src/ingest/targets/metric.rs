//! The phrase a quantity measures, and the clause it is quoted from.

use super::{is_clause_end, CONNECTORS};
use crate::ingest::normalize::remove_pdf_spaces;
use crate::ingest::vocab::comparator_prefix_ending;

const LEADING_FILLERS: &[&str] = &[
    "力争", "争取", "确保", "年内", "全年", "年度", "今年", "当年", "每年", "实现", "计划", "预计",
    "其中", "全区", "全县", "全市", "我区", "我县", "我市",
];

/// Verbs of change that, with 至/到/在 after them, lead up to a value (提高至, 控制在).
const CHANGE_VERBS: &[&str] = &[
    "提高", "提升", "增加", "增长", "扩大", "降低", "下降", "压减", "减少", "缩短", "压缩", "控制",
    "保持", "稳定", "维持", "达",
];

/// Every verb of change with its particle (提高至, 控制在…), built once.
static CHANGE_PHRASES: std::sync::LazyLock<Vec<String>> = std::sync::LazyLock::new(|| {
    CHANGE_VERBS
        .iter()
        .flat_map(|verb| ["至", "到", "在"].map(|particle| format!("{verb}{particle}")))
        .collect()
});

/// Words that end a metric before its number besides the comparator words: verbs and
/// particles (达到, 力争, 为).
const TRAILING_VERBS: &[&str] = &[
    "达到", "增至", "降至", "保持", "分别", "力争", "争取", "确保", "继续", "为", "在", "至", "到",
];

/// Verbs that say nothing about what is counted when they stand alone before a quantity
/// (实施3个以上市级重点技改项目): the words after the quantity name it instead.
const BARE_VERBS: &[&str] = &[
    "参加",
    "遴选",
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
    "持续", "重点", "着力", "积极", "加快", "全力", "大力", "努力", "深入", "新", "动态", "组织",
    "立项",
];

/// Whether a phrase is only verbs (and adverbs): it names nothing counted.
pub(super) fn is_bare_verb(phrase: &str) -> bool {
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

pub(super) fn clause_around(chars: &[char], start: usize, end: usize) -> String {
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
pub(super) fn metric_before(chars: &[char], previous_end: usize, start: usize) -> Option<String> {
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
pub(super) fn metric_after(chars: &[char], end: usize, stop: usize) -> Option<String> {
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
        for phrase in CHANGE_PHRASES.iter() {
            s = s.strip_suffix(phrase.as_str()).unwrap_or(s).trim_end();
        }
        if let Some((word, _)) = comparator_prefix_ending(s) {
            s = s[..s.len() - word.len()].trim_end();
        }
        for w in TRAILING_VERBS {
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
        regex::Regex::new(r"^(?:[（(][0-9]{1,2}[)）]|[0-9]{1,2}[)）.．、]|[①-⑳])\s*")
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
