//! The parts of a progress report written inside a task's paragraph (`1．…。年度目标：…。
//! 进展情况：…。责任单位：…`): each report label's clause cut out of the task's text, up to
//! the next label, so the task keeps its words and targets and the report its progress.

use super::vocab::{ReportPart, LABELS, REPORT_LABELS};

/// The task's text without its report clauses, and each clause's part and words, in order.
/// Text with no report label after a sentence's end comes back whole.
pub fn split(text: &str) -> (String, Vec<(ReportPart, String)>) {
    let starts = label_starts(text);
    let mut kept = String::with_capacity(text.len());
    let mut parts = Vec::new();
    let mut at = 0;
    for (i, &(start, said_at, part)) in starts.iter().enumerate() {
        // A remark (存在问题：…) stays in the task's text: nothing is dropped.
        let Some(part) = part.filter(|p| *p != ReportPart::Remark) else {
            continue;
        };
        let next = starts.get(i + 1).map_or(text.len(), |&(next, _, _)| next);
        // …。进展情况：已建成。（责任单位：…）: the bracket that closes the paragraph is its
        // note, not more of the progress.
        let end = text[said_at..next]
            .match_indices(['（', '('])
            .map(|(at, open)| (said_at + at, said_at + at + open.len()))
            .find(|&(_, inside)| opens_label(&text[inside..]).is_some())
            .map_or(next, |(at, _)| at);
        kept.push_str(&text[at..start]);
        let said = text[said_at..end]
            .trim()
            .trim_end_matches(['。', '；', ';']);
        if !said.is_empty() {
            parts.push((part, said.to_string()));
        }
        at = end;
    }
    if parts.is_empty() {
        return (text.to_string(), parts);
    }
    kept.push_str(&text[at..]);
    (kept, parts)
}

/// Where each label of the text starts, where its words start, and — for a report label —
/// its part. A label counts only where a sentence or clause has ended before it.
fn label_starts(text: &str) -> Vec<(usize, usize, Option<ReportPart>)> {
    let mut found = Vec::new();
    let mut depth = 0usize;
    for (at, c) in text.char_indices() {
        match c {
            '（' | '(' | '【' | '[' => depth += 1,
            '）' | ')' | '】' | ']' => depth = depth.saturating_sub(1),
            _ => {}
        }
        // Only outside brackets: a note's own labels (（责任单位：…；责任领导：…）) are its.
        if depth > 0 || !matches!(c, '。' | '；' | ';') {
            continue;
        }
        let from = at + c.len_utf8();
        let rest = text[from..].trim_start();
        let start = text.len() - rest.len();
        let report = REPORT_LABELS
            .iter()
            .find_map(|(label, part)| colon_after(rest, label).map(|n| (n, Some(*part))));
        let role = || opens_label(rest).map(|n| (n, None));
        if let Some((len, part)) = report.or_else(role) {
            found.push((start, start + len, part));
        }
    }
    found
}

/// How long the unit label (责任单位：) and its colon that `text` opens with are.
fn opens_label(text: &str) -> Option<usize> {
    LABELS
        .iter()
        .find_map(|(label, _)| colon_after(text, label))
}

/// How long `label` and the colon after it are at the start of `text`.
fn colon_after(text: &str, label: &str) -> Option<usize> {
    let rest = text.strip_prefix(label)?;
    let colon = rest.chars().next().filter(|c| matches!(c, '：' | ':'))?;
    Some(label.len() + colon.len_utf8())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_progress_clause_is_cut_out_up_to_the_units() {
        let (kept, parts) = split(
            "改造供水管网。年度目标：改造管网18公里。进展情况：累计改造18.6公里，已通过验收。责任单位：县水务集团；责任领导：副县长 范志强。",
        );
        assert_eq!(
            kept,
            "改造供水管网。年度目标：改造管网18公里。责任单位：县水务集团；责任领导：副县长 范志强。"
        );
        assert_eq!(
            parts,
            [(
                ReportPart::Progress,
                "累计改造18.6公里，已通过验收".to_string()
            )]
        );
    }

    #[test]
    fn several_parts_and_a_part_at_the_end() {
        let (kept, parts) =
            split("建设园区。进展情况：已开工。推进状态：序时推进。存在问题：资金不足。");
        // The remark stays in the text.
        assert_eq!(kept, "建设园区。存在问题：资金不足。");
        assert_eq!(
            parts,
            [
                (ReportPart::Progress, "已开工".to_string()),
                (ReportPart::Status, "序时推进".to_string()),
            ]
        );
    }

    #[test]
    fn a_bracketed_note_after_the_progress_is_the_task_s() {
        let (_, parts) = split("建设园区。进展情况：完成（含续建）3个。");
        assert_eq!(
            parts,
            [(ReportPart::Progress, "完成（含续建）3个".to_string())]
        );
        let (kept, parts) = split(
            "建成停车系统。进展情况：已建成泊位1520个，系统上线运行。（责任单位：县城市管理局；责任领导：副县长 方启明）",
        );
        assert_eq!(
            kept,
            "建成停车系统。（责任单位：县城市管理局；责任领导：副县长 方启明）"
        );
        assert_eq!(
            parts,
            [(
                ReportPart::Progress,
                "已建成泊位1520个，系统上线运行".to_string()
            )]
        );
    }

    #[test]
    fn a_label_inside_a_sentence_or_none_leaves_the_text_whole() {
        let text = "开展完成情况评估，形成报告。（牵头单位：县统计局）";
        assert_eq!(split(text), (text.to_string(), Vec::new()));
    }
}
