//! Numbering patterns: section headings (一、 （一） 第一章 第一节) and task numbers (1. 1． 1、).

use regex::{Captures, Regex};
use std::sync::LazyLock;

/// A heading recognised on a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeadingMark {
    pub level: u8,
    /// The number as a count (一 → 1).
    pub number: u32,
    /// The number as printed (一, （一）, 第三章).
    pub printed: String,
    pub title: String,
}

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("static regex")
}

const CN: &str = "[一二三四五六七八九十百零〇两]+";

// Each pattern stops after the number; `prefixed` hands back the rest of the line, so a
// long task line is not scanned to its end for every pattern tried.
static TOP: LazyLock<Regex> = LazyLock::new(|| re(&format!(r"^({CN})\s*[、.．]")));
static PART: LazyLock<Regex> = LazyLock::new(|| re(&format!(r"^(第({CN})部分)")));
static SUB: LazyLock<Regex> = LazyLock::new(|| re(&format!(r"^([（(]({CN})[)）])\s*[、.．]?")));
static CHAPTER: LazyLock<Regex> = LazyLock::new(|| re(&format!(r"^(第({CN}|[0-9]+)章)")));
static PART_OF_PLAN: LazyLock<Regex> = LazyLock::new(|| re(&format!(r"^(第({CN}|[0-9]+)篇)")));
static SECTION: LazyLock<Regex> = LazyLock::new(|| re(&format!(r"^(第({CN}|[0-9]+)节)")));
static PAREN_TASK: LazyLock<Regex> =
    LazyLock::new(|| re(r"^(?:[（(]([0-9]{1,3})[)）]|([0-9]{1,3})[)）]|([①-⑳]))"));
/// What follows the second of two numbers a 、 enumerates (3、4季度, 2、3号机组, 1、2月份).
const ENUMERATED_NUMBER_ENDINGS: &[char] = &['季', '月', '号', '日', '楼', '栋', '期', '、'];
static TASK: LazyLock<Regex> = LazyLock::new(|| re(r"^([0-9]{1,9})\s*[.．、]"));
/// 第一项：… or 第3项 …, as 民生实事 lists number their items; 第一条 … as a 若干措施 numbers
/// its articles.
static ITEM_TASK: LazyLock<Regex> = LazyLock::new(|| {
    // An article's number stands apart from its text (第一条　压缩…); 第一条城市快速路 is prose.
    re(&format!(
        r"^第({CN}|[0-9]{{1,3}})(?:项\s*[：:、.．]?|条(?:\s+|\s*[：:、.．]))"
    ))
});
static DECIMAL_TASK: LazyLock<Regex> =
    LazyLock::new(|| re(r"^([0-9]{1,3}[.．][0-9]{1,3})(?:\s+|\s*[、.．]\s*)"));

/// `re` matched at the start of `line`: its captures and the rest of the line, trimmed.
fn prefixed<'a>(re: &Regex, line: &'a str) -> Option<(Captures<'a>, &'a str)> {
    let c = re.captures(line)?;
    let end = c.get(0)?.end();
    Some((c, line[end..].trim_start()))
}

/// Like `prefixed`, for patterns that must be followed by some text.
fn prefixed_text<'a>(re: &Regex, line: &'a str) -> Option<(Captures<'a>, &'a str)> {
    prefixed(re, line).filter(|(_, rest)| !rest.is_empty())
}

/// Reads 一 … 九十九 (and Arabic digits) as a number.
pub fn cn_number(s: &str) -> Option<u32> {
    if let Ok(n) = s.parse() {
        return Some(n);
    }
    let digit = |c: char| {
        "零一二三四五六七八九"
            .chars()
            .position(|d| d == c)
            .map(|p| p as u32)
    };
    let chars: Vec<char> = s
        .chars()
        .map(|c| match c {
            '〇' => '零',
            '两' => '二',
            c => c,
        })
        .collect();
    match chars.as_slice() {
        [c] if *c == '十' => Some(10),
        [c] => digit(*c),
        ['十', u] => Some(10 + digit(*u)?),
        [t, '十'] => Some(digit(*t)? * 10),
        [t, '十', u] => Some(digit(*t)? * 10 + digit(*u)?),
        _ => None,
    }
}

/// Headings of a notice: `一、…` (level 1), `第一部分 …` (level 1), `（一）…` (level 2).
/// A long line with a full stop in its middle is a paragraph, not a heading.
pub fn notice_heading(line: &str) -> Option<HeadingMark> {
    let short = line.chars().count() <= 60 && !line.trim_end_matches('。').contains('。');
    if !short {
        return None;
    }
    if let Some((c, rest)) = prefixed_text(&TOP, line) {
        return Some(mark(1, &c[1], &c[1], rest));
    }
    if let Some((c, rest)) = prefixed(&PART, line) {
        return Some(mark(0, &c[2], &c[1], rest));
    }
    prefixed_text(&SUB, line).map(|(c, rest)| mark(2, &c[2], &c[1], rest))
}

/// Headings of a five-year plan: `第一篇 …` (level 0), `第一章 …` (level 1) and
/// `第一节 …` (level 2).
pub fn plan_heading(line: &str) -> Option<HeadingMark> {
    if line.chars().count() > 60 || line.contains('。') {
        return None;
    }
    if let Some((c, rest)) = prefixed(&PART_OF_PLAN, line) {
        return Some(mark(0, &c[2], &c[1], rest));
    }
    if let Some((c, rest)) = prefixed(&CHAPTER, line) {
        return Some(mark(1, &c[2], &c[1], rest));
    }
    prefixed(&SECTION, line).map(|(c, rest)| mark(2, &c[2], &c[1], rest))
}

fn mark(level: u8, number: &str, printed: &str, title: &str) -> HeadingMark {
    HeadingMark {
        level,
        number: cn_number(number).unwrap_or(0),
        printed: printed.to_string(),
        title: without_item_count(title.trim().trim_end_matches('。')).to_string(),
    }
}

/// A heading's title without the count of its items: `教育（3项）` → `教育`.
fn without_item_count(title: &str) -> &str {
    static COUNT: LazyLock<Regex> =
        LazyLock::new(|| re(r"\s*[（(]\s*共?\s*[0-9]{1,3}\s*[项条件个]\s*[)）]$"));
    COUNT.find(title).map_or(title, |m| &title[..m.start()])
}

/// A task numbered `（1）`, `1)`, `1）` or `①`: the task style of notices that have no
/// `1.` tasks (in those that do, such items are parts of a task).
pub fn paren_task_start(line: &str) -> Option<(String, String)> {
    let (c, rest) = prefixed_text(&PAREN_TASK, line)?;
    let number = match (c.get(1).or(c.get(2)), c.get(3)) {
        (Some(digits), _) => digits.as_str().parse::<u32>().ok()?,
        (None, Some(circled)) => circled
            .as_str()
            .chars()
            .next()
            .map(|ch| ch as u32 - '①' as u32 + 1)?,
        (None, None) => return None,
    };
    Some((number.to_string(), rest.to_string()))
}

/// The number of a heading-numbered line (`一、` level 1, `（一）` level 2), whatever
/// follows it: level, number, number as printed, and the rest of the line.
pub fn heading_number(line: &str) -> Option<(u8, u32, String, &str)> {
    if let Some((c, rest)) = prefixed_text(&TOP, line) {
        return Some((1, cn_number(&c[1])?, c[1].to_string(), rest));
    }
    let (c, rest) = prefixed_text(&SUB, line)?;
    Some((2, cn_number(&c[2])?, c[1].to_string(), rest))
}

/// A line numbered like a heading (`一、…`, `（一）…`) that is too long to be one: in some
/// notices and plans these items are the tasks themselves. Returns the number and the text.
pub fn enumerated_item(line: &str) -> Option<(u32, String)> {
    let (c, rest) = prefixed_text(&TOP, line).or_else(|| prefixed_text(&SUB, line))?;
    let number = cn_number(&c[c.len() - 1])?;
    (notice_heading(line).is_none()).then(|| (number, rest.to_string()))
}

/// A numbered task or measure: `12. …`, `12．…`, `12、…`, `第十二项：…`, `第十二条 …` (its
/// number as digits). A decimal (3.4 平方米) is not one.
pub fn task_start(line: &str) -> Option<(String, String)> {
    if let Some((c, rest)) = prefixed(&TASK, line) {
        // 1.5亿元 is a number, not task 1; 4、80周岁以上… is task 4 (no decimal has a 、),
        // but 3、4季度完成 and 2、3号机组 enumerate numbers, and open no task.
        let decimal_point = !c[0].trim_end().ends_with('、');
        let digits = rest.chars().take_while(char::is_ascii_digit).count();
        let after = rest.chars().nth(digits);
        let counted =
            after.is_some_and(|ch| ENUMERATED_NUMBER_ENDINGS.contains(&ch)) && digits <= 2;
        if digits > 0 && (decimal_point || counted) {
            return None;
        }
        return Some((c[1].to_string(), rest.to_string()));
    }
    let (c, rest) = prefixed(&ITEM_TASK, line)?;
    let number = c[1].parse().ok().or_else(|| cn_number(&c[1]))?;
    Some((number.to_string(), rest.to_string()))
}

/// The number in a table's 序号 or 编号 cell: `12`, a number under its heading's (`1-2`,
/// `1.2`, `2-1-3`, as a spreadsheet numbers the rows of each category) or a code a
/// supervision system gives (`DC-2025-001`, `RW001`), with the list marks a cell may keep
/// (`1.`, `1、`, `（1）`) left out. Returned as printed, `．` and `－` as ASCII.
pub fn row_number(cell: &str) -> Option<String> {
    let no =
        cell.trim_matches(|c: char| matches!(c, '.' | '、' | '．' | '（' | '）' | '(' | ')' | ' '));
    let printed: String = no
        .chars()
        .map(|c| match c {
            '．' => '.',
            '－' | '—' | '–' => '-',
            c => c,
        })
        .collect();
    let bytes = printed.as_bytes();
    let code = (1..=MAX_ROW_CODE).contains(&bytes.len())
        && bytes.iter().any(u8::is_ascii_digit)
        && bytes
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
        && bytes.first().is_some_and(u8::is_ascii_alphanumeric)
        && bytes.last().is_some_and(u8::is_ascii_alphanumeric);
    code.then_some(printed)
}

/// Longest code a 序号 cell holds (DC-2025-0001 is 12).
const MAX_ROW_CODE: usize = 24;

/// A task numbered under a numbered heading: `1.1 推进…` (under `1. 夯实基础`). Returns the
/// number as printed (`1.1`) and the text. A decimal figure (`2.5万平方米`) is not one: the
/// number must be followed by a space or a list mark.
pub fn decimal_task_start(line: &str) -> Option<(String, String)> {
    let (c, rest) = prefixed_text(&DECIMAL_TASK, line)?;
    Some((c[1].replace('．', "."), rest.to_string()))
}

/// The level a `1.` heading opens at: below `一、` and `（一）`.
pub const NUMBERED_HEADING_LEVEL: u8 = 3;

/// A `1. 夯实数字基础设施` line that heads `1.1`, `1.2` tasks: short, no full stop.
pub fn numbered_heading(line: &str) -> Option<HeadingMark> {
    let (number, title) = task_start(line)?;
    let short = title.chars().count() <= 40 && !title.contains('。');
    short.then(|| HeadingMark {
        level: NUMBERED_HEADING_LEVEL,
        number: number.parse().unwrap_or(0),
        printed: format!("{number}."),
        title: without_item_count(title.trim()).to_string(),
    })
}

/// Writes 1 … 99 in Chinese numerals (for headings numbered by position).
pub fn cn_digits(n: u32) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => D[n as usize].to_string(),
        10 => "十".to_string(),
        11..=19 => format!("十{}", D[(n % 10) as usize]),
        _ if n.is_multiple_of(10) => format!("{}十", D[((n / 10) % 10) as usize]),
        _ => format!("{}十{}", D[((n / 10) % 10) as usize], D[(n % 10) as usize]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numbers() {
        assert_eq!(cn_number("十二"), Some(12));
        assert_eq!(cn_number("二十"), Some(20));
        assert_eq!(cn_number("三"), Some(3));
        assert_eq!(cn_number("两"), Some(2));
        assert_eq!(cn_number("二十五"), Some(25));
        for n in 1..100 {
            assert_eq!(cn_number(&cn_digits(n)), Some(n), "{n} round-trips");
        }
    }

    #[test]
    fn a_number_after_a_dun_hao_opens_the_task_a_decimal_does_not() {
        let no = |l: &str| task_start(l).map(|(n, _)| n);
        assert_eq!(no("3、4季度完成主体工程"), None);
        assert_eq!(no("2、3号机组完成改造"), None);
        assert_eq!(
            no("4、80周岁以上老人高龄津贴发放率100%").as_deref(),
            Some("4")
        );
        assert_eq!(no("5、2025年底前完成改造").as_deref(), Some("5"));
        assert_eq!(no("1.5亿元用于改造"), None);
        assert_eq!(no("2．5万亩高标准农田"), None);
    }

    #[test]
    fn items_numbered_di_n_xiang_are_tasks() {
        let start = |l: &str| task_start(l).map(|(n, rest)| (n, rest.chars().next()));
        assert_eq!(
            start("第一项：提高养老金。"),
            Some(("1".into(), Some('提')))
        );
        assert_eq!(start("第十二项 建设书房"), Some(("12".into(), Some('建'))));
        assert_eq!(start("第3项、改造危桥"), Some(("3".into(), Some('改'))));
        assert_eq!(start("第一季度完成"), None);
    }

    #[test]
    fn row_numbers() {
        assert_eq!(row_number("12").as_deref(), Some("12"));
        assert_eq!(row_number("（3）").as_deref(), Some("3"));
        assert_eq!(row_number("1-2").as_deref(), Some("1-2"));
        assert_eq!(row_number("2．1").as_deref(), Some("2.1"));
        assert_eq!(row_number("2－1－3").as_deref(), Some("2-1-3"));
        assert_eq!(row_number("DC-2025-001").as_deref(), Some("DC-2025-001"));
        assert_eq!(row_number("RW001").as_deref(), Some("RW001"));
        assert_eq!(row_number("合计"), None);
        assert_eq!(row_number("ABC"), None);
        assert_eq!(row_number("1-"), None);
        assert_eq!(row_number("一"), None);
        assert_eq!(row_number(""), None);
    }

    #[test]
    fn notice_headings() {
        let h = notice_heading("十一、守好安全发展底线").unwrap();
        assert_eq!(
            (h.level, h.number, h.title.as_str()),
            (1, 11, "守好安全发展底线")
        );
        let h = notice_heading("（二）强化科技创新").unwrap();
        assert_eq!((h.level, h.number, h.printed.as_str()), (2, 2, "（二）"));
        assert!(notice_heading("一、这是一段。很长的正文，不是标题。还有更多").is_none());
    }

    #[test]
    fn item_counts_leave_titles() {
        let h = notice_heading("一、教育（3项）").unwrap();
        assert_eq!(h.title, "教育");
        let h = notice_heading("（三）县农业农村局牵头工作(共6项)").unwrap();
        assert_eq!(h.title, "县农业农村局牵头工作");
    }

    #[test]
    fn plan_headings() {
        let h = plan_heading("第三章 坚持创新驱动,建设生态活力的科创新城").unwrap();
        assert_eq!((h.level, h.number), (1, 3));
        assert_eq!(plan_heading("第二篇 推进绿色发展").unwrap().level, 0);
        let h = plan_heading("第二节十四五时期经济社会发展基本要求").unwrap();
        assert_eq!(
            (h.level, h.number, h.title.as_str()),
            (2, 2, "十四五时期经济社会发展基本要求")
        );
    }

    #[test]
    fn long_numbered_items_are_tasks_not_headings() {
        let (n, rest) = enumerated_item(
            "（三）加快项目建设。全年实施重点项目30个，完成投资10亿元。（区发改局负责）",
        )
        .unwrap();
        assert_eq!(n, 3);
        assert!(rest.starts_with("加快项目建设"));
        assert!(enumerated_item("（三）加快项目建设").is_none());
    }

    #[test]
    fn parenthesised_task_numbers() {
        assert_eq!(
            paren_task_start("（3）推进改造").unwrap(),
            ("3".into(), "推进改造".into())
        );
        assert_eq!(paren_task_start("12)推进").unwrap().0, "12");
        assert_eq!(paren_task_start("4）推进").unwrap().0, "4");
        assert_eq!(paren_task_start("⑤推进").unwrap().0, "5");
        assert!(paren_task_start("（一）推进").is_none());
    }

    #[test]
    fn task_numbers() {
        assert_eq!(task_start("71.促进更充分就业").unwrap().0, "71");
        assert_eq!(task_start("1． 加快").unwrap().0, "1");
        assert_eq!(task_start("3、推进").unwrap().0, "3");
        assert!(task_start("3.4 平方米").is_none());
        assert!(task_start("2035年远景目标").is_none());
    }
}
