//! Hard-wrapped text (pdftotext without `-layout`, a PDF copied out of a viewer, a mail cut
//! at a fixed width): each paragraph's lines joined back into one, so that a unit name, a
//! note or a figure that the margin cut in two is whole again.
//!
//! A document is taken as hard-wrapped only when many of its lines stop at the same width
//! without ending their sentence; a line is joined to the next only when it reaches that
//! width, its sentence (or bracket) is still open, and the next line opens nothing of its
//! own (a number, a heading, a label, an indented paragraph). The line joined away is left
//! blank, so every line keeps its number.

use super::normalize::{clean_line, is_blank, is_page_mark};
use super::numbering;
use super::vocab::{LABELS, REPORT_LABELS};
use unicode_width::UnicodeWidthStr;

/// Narrowest margin taken for a wrap: 20 Chinese characters. Narrower lines are the cells of
/// a table flattened one per line, whose wrapping the table readers undo themselves.
const MIN_WRAP_WIDTH: usize = 40;
/// How far short of the margin a wrapped line may stop (a digit or a Latin letter is
/// narrower than a Chinese character; a closing mark may not open a line, so the one before
/// it is pushed down).
const WRAP_SLACK: usize = 4;
/// How far past the margin a line may run (that closing mark hung on the line's end).
const WRAP_OVERHANG: usize = 3;
/// Fewest lines that must stop at the margin before a document is taken as hard-wrapped.
const MIN_WRAPPED_LINES: usize = 6;
/// Share of the prose lines, in percent, that must stop at the margin.
const MIN_WRAPPED_SHARE: usize = 20;

/// Marks that close a sentence, a clause list or a note: a line ending in one is a
/// paragraph's end, unless a bracket is still open (`（责任单位：A；` goes on).
const SENTENCE_ENDS: &[char] = &['。', '！', '？', '!', '?', '）', ')', '：', ':', '；', ';'];

/// The lines with each hard-wrapped paragraph joined onto its first line and the lines it
/// took left empty; `None` when the text is not hard-wrapped (the usual case).
pub fn paragraphs(raws: &[&str]) -> Option<Vec<String>> {
    let margin = wrap_margin(raws)?;
    let mut out: Vec<String> = raws.iter().map(|r| (*r).to_string()).collect();
    let mut i = 0;
    while i < raws.len() {
        let mut end = i;
        let mut depth = bracket_depth(0, raws[i]);
        while continues(raws[end], depth, margin) {
            match next_part(raws, end, raws[i], depth) {
                Some(next) => {
                    depth = bracket_depth(depth, raws[next]);
                    end = next;
                }
                None => break,
            }
        }
        if end > i {
            let mut joined = raws[i].trim_end().to_string();
            for raw in &raws[i + 1..=end] {
                if is_blank(raw) || is_page_mark(raw) {
                    continue;
                }
                let part = raw.trim();
                let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphabetic());
                if latin(joined.chars().last()) && latin(part.chars().next()) {
                    joined.push(' ');
                }
                joined.push_str(part);
            }
            out[i] = joined;
            for slot in &mut out[i + 1..=end] {
                // A page mark between the parts stays, as the page it marks.
                if !is_page_mark(slot) {
                    slot.clear();
                }
            }
        }
        i = end + 1;
    }
    Some(out)
}

/// The width most prose lines stop at, when enough of them do; `None` for text that is
/// not hard-wrapped.
fn wrap_margin(raws: &[&str]) -> Option<usize> {
    let mut widths: Vec<usize> = raws
        .iter()
        .filter(|r| is_prose(r))
        .map(|r| r.trim_end().width())
        .collect();
    if widths.len() < MIN_WRAPPED_LINES {
        return None;
    }
    widths.sort_unstable_by(|a, b| b.cmp(a));
    // The widest lines may run over (a closing mark hung on the end): the margin is the
    // width a tenth of the lines reach.
    let margin = widths[widths.len() / 10];
    if margin < MIN_WRAP_WIDTH {
        return None;
    }
    let at_margin = raws
        .iter()
        .filter(|r| is_prose(r) && at_margin(r, margin) && !ends_sentence(r))
        .count();
    (at_margin >= MIN_WRAPPED_LINES && at_margin * 100 >= widths.len() * MIN_WRAPPED_SHARE)
        .then_some(margin)
}

/// A line of running text: not blank, not a table row (tabs, cells parted by runs of
/// spaces, markdown bars).
fn is_prose(raw: &str) -> bool {
    let text = raw.trim();
    !text.is_empty()
        && !text.contains('\t')
        && !text.starts_with('|')
        && !text.starts_with('｜')
        && !text.contains("  ")
        && !text.contains("　　")
        && !is_page_mark(text)
}

fn at_margin(raw: &str, margin: usize) -> bool {
    let width = raw.trim_end().width();
    width + WRAP_SLACK >= margin && width <= margin + WRAP_OVERHANG
}

fn ends_sentence(raw: &str) -> bool {
    raw.trim_end().ends_with(SENTENCE_ENDS)
}

/// Brackets still open after `raw`, counting from `depth`.
fn bracket_depth(depth: usize, raw: &str) -> usize {
    raw.chars().fold(depth, |d, c| match c {
        '（' | '(' | '【' | '[' => d + 1,
        '）' | ')' | '】' | ']' => d.saturating_sub(1),
        _ => d,
    })
}

/// Whether the paragraph goes on past `raw`: it reaches the margin and its sentence, or a
/// bracket in it, is still open.
fn continues(raw: &str, depth: usize, margin: usize) -> bool {
    is_prose(raw) && at_margin(raw, margin) && (depth > 0 || !ends_sentence(raw))
}

/// The line that continues the paragraph whose line `above` is: the next line, or the
/// first line after a page mark (and the blanks around it); `None` when that line opens
/// something of its own.
fn next_part(raws: &[&str], above: usize, first: &str, depth: usize) -> Option<usize> {
    let from = above + 1;
    let mut k = from;
    let mut page = false;
    while k < raws.len() && (is_blank(raws[k]) || is_page_mark(raws[k])) {
        page |= is_page_mark(raws[k]);
        k += 1;
    }
    let blank_between = k > from && !page;
    let raw = raws.get(k)?;
    let own = opens_own(raw, first, depth, raws[above]);
    (!blank_between && is_prose(raw) && !own).then_some(k)
}

/// Whether a line starts something of its own rather than going on with the line above: a
/// numbered task or heading, an attachment, a paragraph indented where the paragraph it
/// would join is not, or — unless a bracket is open above (`…（` then `责任单位：…`) — a
/// label, a bracketed note, or a bracket opened under one closed (`…（5项）` then `（本组…）`).
fn opens_own(raw: &str, first: &str, depth: usize, above: &str) -> bool {
    // An indented line opens a paragraph (the wrapped lines of one are flush left); so does
    // a list item (`- `), a document number or a date line.
    let indent = |r: &str| r.starts_with([' ', '\u{3000}']);
    let list_item = ["- ", "* ", "+ "].iter().any(|m| raw.starts_with(m));
    if (indent(raw) && !indent(first)) || list_item || is_number_line(raw) || is_date_line(raw) {
        return true;
    }
    let text = clean_line(raw);
    let labelled = |t: &str| {
        LABELS
            .iter()
            .map(|(label, _)| *label)
            .chain(REPORT_LABELS.iter().map(|(label, _)| *label))
            .any(|label| {
                t.strip_prefix(label)
                    .is_some_and(|rest| rest.starts_with(['：', ':', '】', ']']))
            })
    };
    let closed_above = above.trim_end().ends_with(['）', ')']);
    let bracketed = text
        .strip_prefix(['（', '(', '【', '['])
        .is_some_and(|rest| labelled(rest) || closed_above || text.starts_with(['【', '[']));
    numbering::heading_number(&text).is_some()
        || numbering::task_start(&text).is_some()
        || numbering::paren_task_start(&text).is_some()
        || numbering::plan_heading(&text).is_some()
        || numbering::decimal_task_start(&text).is_some()
        || (depth == 0 && (labelled(&text) || bracketed))
        || text.starts_with("附件")
        || text.starts_with("附表")
}

/// A line that is a document number alone (县政发〔2025〕3号): a 〔 inside a sentence
/// (…（县政发〔2024〕5号）要求) is no reason to break it.
fn is_number_line(raw: &str) -> bool {
    let t = raw.trim();
    t.contains('〔') && t.ends_with('号') && t.chars().count() <= 24
}

/// A line that is a date alone (2025年2月18日), as a notice is signed.
fn is_date_line(raw: &str) -> bool {
    let t = raw.trim();
    t.ends_with('日')
        && t.chars().count() <= 16
        && t.chars().all(|c| {
            c.is_ascii_digit() || "年月日〇一二三四五六七八九十０１２３４５６７８９".contains(c)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_number_opens_its_own_line_only_alone() {
        assert!(is_number_line("县政发〔2025〕3号"));
        assert!(!is_number_line(
            "根据《实施方案》（县政发〔2024〕5号）要求，"
        ));
    }

    /// Text cut where it reaches `width` columns (a Chinese character is two), as a PDF's
    /// text layer gives it.
    fn wrapped(paragraphs: &[&str], width: usize) -> Vec<String> {
        let mut lines = Vec::new();
        for p in paragraphs {
            let mut line = String::new();
            for c in p.chars() {
                if line.width() + c.to_string().width() > width {
                    lines.push(std::mem::take(&mut line));
                }
                line.push(c);
            }
            lines.push(line);
        }
        lines
    }

    fn unwrap(lines: &[String]) -> Vec<String> {
        let raws: Vec<&str> = lines.iter().map(String::as_str).collect();
        paragraphs(&raws).unwrap_or_else(|| lines.to_vec())
    }

    const TASKS: &[&str] = &[
        "1.推进城市更新行动。完成老旧小区改造12个，新增停车泊位800个以上，改造雨污管网15公里。",
        "【牵头单位】区住房城乡建设局、区自然资源分局、区人力资源社会保障局【责任单位】各街道办事处",
        "2.加快数字政府建设。推动政务服务事项全程网办率达到90%以上，建成一体化平台1个。（牵头单位：区行政审批服务局；配合单位：区大数据中心；完成时限：2025年12月底前）",
        "3.提升公共服务水平。新建普惠性幼儿园3所，新增学位1200个，改扩建中小学校舍2万平方米。",
        "【牵头单位】区教育局【完成时限】2025年9月底前",
    ];

    #[test]
    fn a_paragraph_cut_by_the_margin_is_one_line_again() {
        let lines = wrapped(TASKS, 48);
        let out = unwrap(&lines);
        let kept: Vec<&String> = out.iter().filter(|l| !l.is_empty()).collect();
        assert_eq!(kept.len(), TASKS.len(), "{kept:#?}");
        for (line, task) in kept.iter().zip(TASKS) {
            assert_eq!(line.as_str(), *task);
        }
        // Every line keeps its number: the lines joined away are empty.
        assert_eq!(out.len(), lines.len());
    }

    #[test]
    fn a_new_number_or_label_after_a_full_line_is_not_joined() {
        // Task 1's last line happens to reach the margin without a full stop.
        let lines: Vec<String> = [
            "1.推进城市更新行动，完成老旧小区改造12个，新增停车泊位",
            "800个以上，改造雨污管网15公里，新建口袋公园6个，提升",
            "2.加快数字政府建设，推动政务服务事项全程网办率达到90",
            "%以上，建成一体化平台1个，上线高频事项200项，实现通办",
            "【牵头单位】区行政审批服务局、区大数据中心、区政务服务",
            "中心，区财政局、区司法局、区市场监管局、区人社局配合",
            "3.提升公共服务水平，新建普惠性幼儿园3所，新增学位1200",
        ]
        .map(String::from)
        .to_vec();
        let out = unwrap(&lines);
        assert!(out[0].ends_with("新建口袋公园6个，提升"), "{out:#?}");
        assert!(out[2].starts_with("2.") && out[2].ends_with("实现通办"));
        assert!(out[4].starts_with("【牵头单位】") && out[4].ends_with("区人社局配合"));
        assert!(out[6].starts_with("3."));
    }

    #[test]
    fn text_that_is_not_hard_wrapped_is_left_alone() {
        let raws: Vec<&str> = TASKS.to_vec();
        assert!(paragraphs(&raws).is_none());
        // Narrow lines are a table's cells, one per line.
        let cells = wrapped(TASKS, 24);
        let raws: Vec<&str> = cells.iter().map(String::as_str).collect();
        assert!(paragraphs(&raws).is_none());
    }

    #[test]
    fn a_page_break_inside_a_paragraph_is_stepped_over() {
        let mut lines = wrapped(TASKS, 48);
        lines.insert(2, String::new());
        lines.insert(3, "— 2 —".to_string());
        lines.insert(4, String::new());
        let out = unwrap(&lines);
        assert_eq!(out[0], TASKS[0], "{out:#?}");
        assert_eq!(out[3], "— 2 —");
    }
}
