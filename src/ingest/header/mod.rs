//! Document metadata from the header: 文号, issuing office, signing date, plan title, region.
//!
//! Headers come in several shapes: a plain notice (文号 line, title, salutation, signature
//! block with date), a web page (`标题:` / `文号:` / `发文日期:` fields), or a bare plan with
//! no notice at all. Each field is read from the most reliable shape present.

use super::lines::SourceLine;
use super::normalize::remove_pdf_spaces;
use super::numbering::cn_number;
use super::vocab::{ISSUER_LABELS, PLAN_TITLE_WORDS, REPORT_TITLE_ENDINGS};
use crate::model::DocumentKind;
use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

/// What the header says.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Header {
    pub region: Option<String>,
    pub doc_number: Option<String>,
    pub issuer: Option<String>,
    pub date: Option<String>,
    pub title: Option<String>,
    /// The year the plan is for; earlier years in a task are history.
    pub plan_year: Option<u32>,
    /// A 文号 that looks damaged in extraction (kept as written).
    pub damaged_doc_number: bool,
}

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("static regex")
}

// The issuer's abbreviation (梧政办发) is a run of Han chars of at most
// `MAX_ISSUER_CHARS`; the patterns take the run unbounded and the code bounds it, since a
// bounded repetition of \p{Han} costs the pattern ten times as much to compile, at every
// start of planq.
static DOC_NUMBER_LINE: LazyLock<Regex> = LazyLock::new(|| {
    re(r"^([\p{Han}A-Za-z]+)\s*[〔\[［【(（]\s*[0-9]{4}\s*[〕\]］】)）]\s*[0-9]{1,4}\s*号$")
});
static DOC_NUMBER_INLINE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(\p{Han}+)\s*[〔\[［【]\s*[0-9]{4}\s*[〕\]］】]\s*[0-9]{1,4}\s*号"));
static DOC_NUMBER_FIELD: LazyLock<Regex> = LazyLock::new(|| re(r"文号\s*[:：]\s*(\S+)"));
static DOC_NUMBER_DAMAGED: LazyLock<Regex> =
    LazyLock::new(|| re(r"^(\p{Han}+)(?:19|20)[0-9]{2}[0-9]{1,4}号?$"));
/// Longest issuer abbreviation a 文号 starts with.
const MAX_ISSUER_CHARS: usize = 16;
static DATE_LINE: LazyLock<Regex> =
    LazyLock::new(|| re(r"^([0-9]{4})\s*年\s*([0-9]{1,2})\s*月\s*([0-9]{1,2})\s*日$"));
static DATE_LINE_CN: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^([〇○零一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,3})\s*月\s*([一二三四五六七八九十]{1,3})\s*日$",
    )
});
static DATE_NUMERIC: LazyLock<Regex> =
    LazyLock::new(|| re(r"^([0-9]{4})\s*[./／-]\s*([0-9]{1,2})\s*[./／-]\s*([0-9]{1,2})$"));
static DATE_COMPACT: LazyLock<Regex> =
    LazyLock::new(|| re(r"^((?:19|20)[0-9]{2})([0-9]{2})([0-9]{2})$"));
static DATE_FIELD: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(成文日期|发文日期|填报日期|印发日期|发布日期|时间)\s*[:：]\s*([0-9]{4})\s*[-年/.]\s*([0-9]{1,2})\s*[-月/.]\s*([0-9]{1,2})",
    )
});
static DATE_PRINTED: LazyLock<Regex> =
    LazyLock::new(|| re(r"([0-9]{4})\s*年\s*([0-9]{1,2})\s*月\s*([0-9]{1,2})\s*日\s*印发"));
static NOTICE: LazyLock<Regex> =
    LazyLock::new(|| re(r"^(.*?)关于(?:印发|下达|公布|转发)(.*?)的?通知"));
static REGION_AT_START: LazyLock<Regex> =
    LazyLock::new(|| re(r"^([\p{Han}]{1,6}?(?:自治县|自治旗|县|区|市|旗))"));
static REGION_CANDIDATE: LazyLock<Regex> = LazyLock::new(|| re(r"[\p{Han}]{2,4}?(?:县|区|市|旗)"));
static YEAR_IN_TITLE: LazyLock<Regex> = LazyLock::new(|| re(r"((?:19|20)[0-9]{2})\s*年"));

/// Words ending in 区/县/市 that name a kind of place, not a county or district.
const GENERIC_PLACES: &[&str] = &[
    "度假区",
    "开发区",
    "示范区",
    "先行区",
    "试验区",
    "集聚区",
    "功能区",
    "保护区",
    "风景区",
    "景区",
    "园区",
    "城区",
    "社区",
    "片区",
    "辖区",
    "市区",
    "地区",
    "灌区",
    "山区",
    "街区",
    "校区",
    "新区",
    "城市",
    "都市",
    "全区",
    "全县",
    "全市",
    "我区",
    "我县",
    "我市",
    "本区",
    "本县",
    "本市",
    "各区",
    "各县",
    "各市",
    "该区",
    "省市",
    "县市",
    "区县",
    "县区",
    "强县",
    "强区",
    "强市",
    "主城区",
    "城区",
];

/// Determiners before 县/区/市 (全县, 我区, 本市, 各县, 该区): the place the text is in, unnamed.
const DETERMINERS: &str = "全我本各该";

/// Reads the header lines (everything before the body) and, for the region, the whole text.
pub fn read(
    header: &[SourceLine],
    all: &[SourceLine],
    kind: DocumentKind,
    closing: Option<&Signature>,
) -> Header {
    let texts: Vec<&str> = header
        .iter()
        .filter(|l| !l.blank)
        .map(|l| l.text.as_str())
        .collect();
    let notice = notice_title(&texts);
    let (issuer, notice_plan) = match notice.as_deref().and_then(|n| NOTICE.captures(n)) {
        Some(c) => (
            nonempty(&c[1]).map(separate_offices),
            nonempty(first_title(&c[2])),
        ),
        None => (None, None),
    };
    let title = notice_plan
        .or_else(|| standalone_title(&texts))
        .or_else(|| report_title(&texts));
    let (doc_number, damaged_doc_number) = doc_number(&texts);
    let date = signing_date(&texts)
        .or_else(|| closing.map(|c| c.date.clone()))
        .or_else(|| printed_date(all));
    let issuer = issuer
        .or_else(|| signature_office(&texts))
        .or_else(|| masthead_office(&texts))
        .or_else(|| closing.and_then(|c| c.office.clone()))
        .or_else(|| byline_issuer(&texts));
    let plan_year = match kind {
        DocumentKind::FiveYearPlan => None,
        DocumentKind::AnnualTasks | DocumentKind::ProgressReport => title
            .as_deref()
            .and_then(|t| YEAR_IN_TITLE.captures(t))
            .and_then(|c| c[1].parse().ok()),
    }
    .or_else(|| {
        date.as_deref()
            .and_then(|d| d.get(..4))
            .and_then(|y| y.parse().ok())
    });
    // The title names the place; failing that, the issuing office does (青石县人民政府).
    let region = title
        .as_deref()
        .and_then(|t| region(t, all))
        .or_else(|| issuer.as_deref().and_then(region_at_start));
    Header {
        region,
        doc_number,
        issuer,
        date,
        title,
        plan_year,
        damaged_doc_number,
    }
}

/// Offices of a joint notice, which the title runs together, split with 、
/// (中共江岸区委办公室、江岸区人民政府办公室).
fn separate_offices(issuer: String) -> String {
    let mut out = String::with_capacity(issuer.len() + 3);
    let mut rest = issuer.as_str();
    while let Some(at) = rest.find("办公室") {
        let end = at + "办公室".len();
        out.push_str(&rest[..end]);
        rest = rest[end..].trim_start_matches(['、', ' ']);
        if !rest.is_empty() {
            out.push('、');
        }
    }
    out.push_str(rest);
    out
}

/// The plan a notice prints: `《A》《B》等文件` names A first, and A is the plan.
fn first_title(printed: &str) -> &str {
    let printed = printed.trim();
    let printed = printed
        .strip_suffix("等文件")
        .or_else(|| printed.strip_suffix("等"))
        .unwrap_or(printed);
    let printed = printed.strip_prefix('《').map_or(printed, |rest| {
        rest.split_once('》').map_or(rest, |(first, _)| first)
    });
    printed.trim_matches(['《', '》'])
}

fn nonempty(s: &str) -> Option<String> {
    let s = remove_pdf_spaces(s.trim());
    (!s.is_empty()).then_some(s)
}

/// The notice's own title (…关于印发…的通知), joined across the lines a PDF split it into.
fn notice_title(texts: &[&str]) -> Option<String> {
    let start = texts.iter().position(|t| {
        t.contains("关于")
            && (t.contains("印发")
                || t.contains("下达")
                || t.contains("公布")
                || t.contains("转发"))
    })?;
    // The issuing offices may stand on lines of their own above 关于… (a joint notice).
    let mut start = start;
    if texts[start].starts_with("关于") {
        while start > 0 && is_office(texts[start - 1]) {
            start -= 1;
        }
    }
    let mut joined = String::new();
    for t in texts.iter().skip(start).take(6) {
        joined.push_str(t);
        if joined.contains("通知") {
            break;
        }
    }
    let joined = remove_pdf_spaces(&joined);
    Some(without_label(&joined).to_string())
}

/// The issuer a web page's byline (发布机构：…, 来源：…) or a report's 填报单位： names.
/// Several fields may share a line, so the value ends at the first space.
fn byline_issuer(texts: &[&str]) -> Option<String> {
    texts.iter().find_map(|t| {
        ISSUER_LABELS.iter().find_map(|label| {
            let at = t.find(label)?;
            let starts_field = at == 0 || t[..at].ends_with(char::is_whitespace);
            let rest = t[at + label.len()..].trim_start();
            let value = rest.strip_prefix(['：', ':'])?.split_whitespace().next()?;
            starts_field.then(|| value.to_string())
        })
    })
}

/// A value without the web page's field label before it: `名　　称：…`, `标题:…`.
fn without_label(value: &str) -> &str {
    const MAX_LABEL_CHARS: usize = 6;
    match value.split_once(['：', ':']) {
        Some((label, rest))
            if label.chars().count() <= MAX_LABEL_CHARS
                && !label.contains("关于")
                && label.chars().all(|c| c.is_alphabetic()) =>
        {
            rest.trim_start()
        }
        _ => value,
    }
}

/// A report's own title when it names no plan word: 关于2025年第二季度重点工作督查情况的反馈,
/// 某市发展和改革委员会关于上半年重点工作推进情况的报告.
fn report_title(texts: &[&str]) -> Option<String> {
    texts
        .iter()
        .find(|t| {
            t.contains("关于")
                && REPORT_TITLE_ENDINGS.iter().any(|e| t.ends_with(e))
                && !t.contains('。')
                && t.chars().count() <= 80
        })
        .map(|t| remove_pdf_spaces(t))
}

/// Without a notice, the plan's own title line: the first that names a plan document.
fn standalone_title(texts: &[&str]) -> Option<String> {
    let words = PLAN_TITLE_WORDS;
    let at = texts.iter().position(|t| {
        words.iter().any(|w| t.contains(w))
            && !t.ends_with("通知")
            && !t.ends_with("通报")
            && !t.contains('。')
            && !t.contains('：')
            && t.chars().count() <= 80
    })?;
    let mut title = texts[at].to_string();
    // A title the PDF broke over two lines: the first part names no plan word at its end.
    if let Some(next) = texts.get(at + 1) {
        if !words.iter().any(|w| title.ends_with(w))
            && words.iter().any(|w| next.ends_with(w))
            && !next.contains('。')
        {
            title.push_str(next);
        }
    }
    nonempty(&title)
}

fn doc_number(texts: &[&str]) -> (Option<String>, bool) {
    let clean = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let issuer_fits = |c: &regex::Captures, least: usize| {
        (least..=MAX_ISSUER_CHARS).contains(&c[1].chars().count())
    };
    let whole_line = |t: &&&str| {
        DOC_NUMBER_LINE
            .captures(t)
            .is_some_and(|c| issuer_fits(&c, 1))
    };
    if let Some(line) = texts.iter().find(whole_line) {
        return (Some(clean(line)), false);
    }
    for t in texts {
        if let Some(c) = DOC_NUMBER_FIELD.captures(t) {
            let value = c[1].to_string();
            if !value.contains(':')
                && !value.contains('：')
                && value.chars().any(|c| c.is_ascii_digit())
            {
                return (Some(clean(&value)), false);
            }
        }
    }
    // Inside a line the issuer is the end of the run of Han chars before the bracket.
    let inline = |t: &&str| -> Option<String> {
        let c = DOC_NUMBER_INLINE.captures(t)?;
        let run = c.get(1)?;
        let skip = run
            .as_str()
            .chars()
            .count()
            .saturating_sub(MAX_ISSUER_CHARS);
        let start = run
            .as_str()
            .char_indices()
            .nth(skip)
            .map_or(0, |(at, _)| at);
        Some(clean(&t[run.start() + start..c.get(0)?.end()]))
    };
    if let Some(found) = texts.iter().find_map(inline) {
        return (Some(found), false);
    }
    let damaged = |t: &&&str| {
        DOC_NUMBER_DAMAGED
            .captures(t)
            .is_some_and(|c| issuer_fits(&c, 2))
    };
    match texts.iter().find(damaged) {
        Some(line) => (Some(clean(line)), true),
        None => (None, false),
    }
}

fn iso(y: &str, m: &str, d: &str) -> Option<String> {
    let (y, m, d): (u32, u32, u32) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    ((1949..=2100).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d))
        .then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// The date under the signature (a line that is only a date), else a dated header field.
fn signing_date(texts: &[&str]) -> Option<String> {
    let signed = texts.iter().find_map(|t| line_date(t));
    signed.or_else(|| {
        let mut fields: Vec<(usize, String)> = texts
            .iter()
            .flat_map(|t| DATE_FIELD.captures_iter(t))
            .filter_map(|c| {
                let rank = [
                    "成文日期",
                    "发文日期",
                    "填报日期",
                    "印发日期",
                    "发布日期",
                    "时间",
                ]
                .iter()
                .position(|f| *f == &c[1])?;
                Some((rank, iso(&c[2], &c[3], &c[4])?))
            })
            .collect();
        fields.sort();
        fields.into_iter().next().map(|(_, d)| d)
    })
}

/// A line that is only a date: 2023年7月17日, 二〇二三年七月十七日, 2024.3.1, 20211211.
fn line_date(text: &str) -> Option<String> {
    DATE_LINE
        .captures(text)
        .or_else(|| DATE_NUMERIC.captures(text))
        .or_else(|| DATE_COMPACT.captures(text))
        .and_then(|c| iso(&c[1], &c[2], &c[3]))
        .or_else(|| chinese_date(text))
}

/// A signature block closing the document (office, then date) when the notice put it at
/// the end instead of the top.
#[derive(Debug, Clone, PartialEq)]
pub struct Signature {
    pub lines: Vec<usize>,
    pub office: Option<String>,
    pub date: String,
}

/// Reads the last lines of a document as a signature block, if they are one.
pub fn closing_signature(all: &[SourceLine]) -> Option<Signature> {
    // Closing matter may follow the signature: （此件公开发布）, a rule, 抄送, the 印发 line.
    let mut filled = all.iter().rev().filter(|l| !l.blank).peekable();
    let mut closing_matter = Vec::new();
    while let Some(l) = filled.next_if(|l| crate::ingest::classify::is_footer(&l.text)) {
        closing_matter.push(l);
    }
    let last = filled.next()?;
    let Some(date) = line_date(&last.text) else {
        // 梧坪县人民政府办公室 / 2025年3月5日印发: the office signs, the 印发 line dates it.
        let printed = closing_matter.iter().rev().find_map(|l| {
            let text = l.text.trim_end_matches("印发").trim_end();
            line_date(text).filter(|_| text.len() < l.text.len())
        })?;
        // A body line (责任单位：县财政局、县审计局) before the 版记 is no signature.
        let signs = is_office(&last.text) && !last.text.contains(['：', ':', '、', '，']);
        return signs.then(|| Signature {
            lines: vec![last.no],
            office: Some(remove_pdf_spaces(&last.text)),
            date: printed,
        });
    };
    let office_line = filled.next().filter(|l| is_office(&l.text));
    let mut lines = vec![last.no];
    lines.extend(office_line.map(|l| l.no));
    Some(Signature {
        lines,
        office: office_line.map(|l| remove_pdf_spaces(&l.text)),
        date,
    })
}

fn is_office(text: &str) -> bool {
    let office_words = [
        "办公室",
        "政府",
        "委员会",
        "管委会",
        "局",
        "厅",
        "委",
        "督查室",
        "中心",
    ];
    office_words.iter().any(|w| text.ends_with(w)) && text.chars().count() <= 30
}

/// 二〇二三年十一月二十日, as official documents often sign.
fn chinese_date(text: &str) -> Option<String> {
    let c = DATE_LINE_CN.captures(text)?;
    let year: String = c[1]
        .chars()
        .map(|d| match d {
            '〇' | '○' | '零' => '0',
            d => char::from_digit(cn_number(&d.to_string()).unwrap_or(0), 10).unwrap_or('0'),
        })
        .collect();
    let month = cn_number(&c[2])?.to_string();
    let day = cn_number(&c[3])?.to_string();
    iso(&year, &month, &day)
}

/// `2023年7月17日印发` in the closing lines.
fn printed_date(all: &[SourceLine]) -> Option<String> {
    all.iter().rev().take(20).find_map(|l| {
        DATE_PRINTED
            .captures(&l.text)
            .and_then(|c| iso(&c[1], &c[2], &c[3]))
    })
}

/// The office named just above the signing date.
fn signature_office(texts: &[&str]) -> Option<String> {
    let at = texts.iter().position(|t| line_date(t).is_some())?;
    let above = texts.get(at.checked_sub(1)?)?;
    is_office(above).then(|| remove_pdf_spaces(above))
}

/// The masthead of an official document: `青石县人民政府办公室文件`.
fn masthead_office(texts: &[&str]) -> Option<String> {
    texts
        .iter()
        .find_map(|t| t.strip_suffix("文件").filter(|o| is_office(o)))
        .map(remove_pdf_spaces)
}

/// The county or district: named at the start of the plan title (沂源县…), or else the
/// place name most used in the text whose stem the title contains (文昌湖区 for 淄博文昌湖…).
fn region(title: &str, all: &[SourceLine]) -> Option<String> {
    if let Some(found) = region_at_start(title) {
        return Some(found);
    }
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for line in all {
        for m in REGION_CANDIDATE.find_iter(&line.text) {
            *counts.entry(m.as_str()).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .filter(|(name, _)| !is_generic(name))
        .filter(|(name, _)| {
            let stem: String = name.chars().take(name.chars().count() - 1).collect();
            title.contains(&stem)
        })
        .max_by_key(|(name, n)| (*n, std::cmp::Reverse(*name)))
        .map(|(name, _)| name.to_string())
}

fn region_at_start(text: &str) -> Option<String> {
    let c = REGION_AT_START.captures(text)?;
    (!is_generic(&c[1])).then(|| c[1].to_string())
}

/// A two-character kind (城区, 园区) is generic only as a whole word: 海城区 is a district.
/// A run that a year opens (`年全县` of 2025年全县…, `年上半年县` of 2025年上半年县政府…)
/// names no place either.
fn is_generic(name: &str) -> bool {
    // 年全县 (of 2025年全县), 年上半年县: a run a year opens. 日照市, 万全区 are places.
    let mut before_kind = name.chars().rev().skip(1);
    let determined = before_kind.next().is_some_and(|c| DETERMINERS.contains(c))
        && before_kind.next() == Some('年');
    if name.starts_with('年') || determined {
        return true;
    }
    GENERIC_PLACES.iter().any(|g| {
        if g.chars().count() <= 2 {
            name == *g
        } else {
            name.ends_with(g)
        }
    })
}

#[cfg(test)]
mod tests;
