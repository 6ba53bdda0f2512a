//! `.show REGION NO`: one task in full — its sections, text, units, targets — and where it
//! is in the source, as `file:line`.

use super::term::paint;
use crate::model::{Comparator, Corpus, Document, Target, Task};
use crate::output::wrap;
use crate::query::closest;
use std::fmt::Write;
use unicode_width::UnicodeWidthStr;

/// Finds the task `args` names (`沂源县 23`, or just `23` when one document is loaded) and
/// describes it; several tasks may share a number in a five-year plan, so all are shown.
pub fn render(
    corpus: &Corpus,
    args: &str,
    width: Option<usize>,
    color: bool,
) -> Result<String, String> {
    let parts: Vec<&str> = args.split_whitespace().collect();
    let (docs, no) = match parts.as_slice() {
        [no] if corpus.documents.len() == 1 => (corpus.documents.iter().collect(), *no),
        [region, no] => (documents_for(corpus, region)?, *no),
        _ => {
            return Err(
                "usage: .show REGION NO   (e.g. .show 沂源县 23; .docs lists the regions)".into(),
            )
        }
    };
    let no = no.trim_end_matches(['.', '、', '．']);
    let found: Vec<(&Document, &Task)> = docs
        .iter()
        .flat_map(|d| d.tasks.iter().filter(|t| t.no == no).map(move |t| (*d, t)))
        .collect();
    let mut out = String::new();
    if found.len() > 1 {
        // A five-year plan numbers its measures afresh in every section.
        let _ = writeln!(
            out,
            "{} tasks numbered {no} in {}:\n",
            found.len(),
            label(&docs)
        );
    }
    for (i, (doc, task)) in found.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        describe(&mut out, doc, task, width.unwrap_or(100), color);
    }
    if found.is_empty() {
        let numbers: Vec<u32> = docs
            .iter()
            .flat_map(|d| &d.tasks)
            .filter_map(|t| t.no.parse().ok())
            .collect();
        let range = match (numbers.iter().min(), numbers.iter().max()) {
            (Some(first), Some(last)) => format!(" (tasks {first}–{last})"),
            _ => " (it has no numbered tasks)".to_owned(),
        };
        return Err(format!("no task {no} in {}{range}", label(&docs)));
    }
    Ok(out.trim_end().to_owned())
}

/// The documents for a region, matched whole, by part (`沂源` → 沂源县), or by file name.
fn documents_for<'c>(corpus: &'c Corpus, region: &str) -> Result<Vec<&'c Document>, String> {
    let names = |d: &Document, partial: bool| {
        let r = d.region.as_deref().unwrap_or_default();
        if partial {
            !r.is_empty() && r.contains(region) || d.file.starts_with(region)
        } else {
            r == region || d.file == region
        }
    };
    // Whole names first, so 沂源县 does not also pick a document for 沂源县某镇.
    for partial in [false, true] {
        let found: Vec<&Document> = corpus
            .documents
            .iter()
            .filter(|d| names(d, partial))
            .collect();
        if !found.is_empty() {
            return Ok(found);
        }
    }
    let regions: Vec<String> = corpus
        .documents
        .iter()
        .filter_map(|d| d.region.clone())
        .collect();
    let hint = closest(region, regions.iter().map(String::as_str))
        .map_or(String::new(), |r| format!(" — did you mean {r}?"));
    Err(format!(
        "no document for {region}{hint} (regions: {})",
        regions.join(", ")
    ))
}

/// The documents by region, with their kind when a region has more than one.
fn label(docs: &[&Document]) -> String {
    let region = |d: &Document| d.region.clone().unwrap_or_else(|| d.file.clone());
    let names: Vec<String> = docs
        .iter()
        .map(|d| {
            let shared = docs.iter().filter(|o| region(o) == region(d)).count() > 1;
            if shared {
                format!("{} ({})", region(d), d.kind.as_str())
            } else {
                region(d)
            }
        })
        .collect();
    names.join(", ")
}

fn describe(out: &mut String, doc: &Document, task: &Task, width: usize, color: bool) {
    let title = doc.title.as_deref().unwrap_or(doc.kind.as_str());
    let region = doc.region.as_deref().unwrap_or_default();
    // Titles usually start with the region already (沂源县深化…).
    let heading = if title.starts_with(region) {
        title.to_owned()
    } else {
        format!("{region} {title}")
    };
    let _ = writeln!(out, "{}", paint(heading.trim(), "2", color));
    // The chain of headings above the task: 第三章 then 第一节.
    if let Some(id) = &task.section {
        let ids = id
            .match_indices('.')
            .map(|(i, _)| &id[..i])
            .chain([id.as_str()]);
        for section in ids.filter_map(|i| doc.section(i)) {
            // A category section (a merged 类别 cell) is numbered by its own name.
            if section.no == section.title {
                let _ = writeln!(out, "{}", section.title);
            } else {
                let _ = writeln!(out, "{} {}", section.no, section.title);
            }
        }
    }
    let _ = writeln!(
        out,
        "{}",
        paint(&format!("{}. {}", task.no, task.title), "1", color)
    );
    // Four columns of indent, and two spare for punctuation hanging past the break.
    for line in wrap(&task.text, width.saturating_sub(6).max(20)) {
        let _ = writeln!(out, "    {line}");
    }
    // Values wrap under themselves: 2 + 8 + 2 columns of label, 2 spare as above.
    let value_width = width.saturating_sub(14).max(20);
    let field = |out: &mut String, name: &str, lines: Vec<String>| {
        let label = paint(&format!("{name:<8}"), "36", color);
        for (i, line) in lines.iter().enumerate() {
            let label = if i == 0 { label.as_str() } else { "        " };
            let _ = writeln!(out, "  {label}  {line}");
        }
    };
    let units = |us: &[String]| {
        if us.is_empty() {
            vec!["—".to_owned()]
        } else {
            wrap_list(us, value_width)
        }
    };
    field(out, "lead", units(&task.lead));
    field(out, "support", units(&task.support));
    if !task.leader.is_empty() {
        field(out, "leader", wrap_list(&task.leader, value_width));
    }
    if let Some(due) = &task.due {
        let shown = match &task.due_date {
            Some(day) => format!("{due} ({day})"),
            None => due.clone(),
        };
        field(out, "due", wrap(&shown, value_width));
    }
    for (i, target) in task.targets.iter().enumerate() {
        let name = if i == 0 { "targets" } else { "" };
        field(
            out,
            name,
            wrap(&target_line(target, &doc.place(target.line)), value_width),
        );
    }
    field(out, "source", vec![doc.provenance(task.line)]);
}

/// Unit names joined by 、 and broken between names, never inside one (unless a single
/// name is wider than the line).
fn wrap_list(items: &[String], width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for (i, item) in items.iter().enumerate() {
        let piece = if i + 1 < items.len() {
            format!("{item}、")
        } else {
            item.clone()
        };
        if !line.is_empty() && line.width() + piece.width() > width {
            lines.push(std::mem::take(&mut line));
        }
        line.push_str(&piece);
    }
    lines.push(line);
    lines.into_iter().flat_map(|l| wrap(&l, width)).collect()
}

/// `≥ 20 家 — 高新技术企业 (line 31)`.
/// A target and where it stands (`line 23`, `sheet 任务台账 row 4`).
fn target_line(t: &Target, place: &str) -> String {
    let cmp = match t.cmp {
        Comparator::Ge => "≥ ",
        Comparator::Le => "≤ ",
        Comparator::Approx => "≈ ",
        Comparator::Eq | Comparator::Range => "",
    };
    let value = match t.value_hi {
        Some(hi) => format!("{}–{hi}", t.value),
        None => t.value.to_string(),
    };
    let metric = t
        .metric
        .as_deref()
        .map_or(String::new(), |m| format!(" — {m}"));
    format!("{cmp}{value} {}{metric} ({place})", t.unit)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::repl::fixture;

    fn corpus() -> Corpus {
        fixture::corpus(vec![fixture::task(
            "23",
            "加快高能级创新平台建设。力争新培育市级以上创新平台1家。",
            &["县科技局"],
            &[],
        )])
    }

    #[test]
    fn shows_text_units_and_file_line() {
        let out = render(&corpus(), "沂源 23", Some(80), false).unwrap();
        assert!(out.contains("23. 加快高能级创新平台建设"), "{out}");
        assert!(out.contains("lead      县科技局"), "{out}");
        assert!(out.contains("support   —"), "{out}");
        assert!(out.contains("source    yy.txt:40"), "{out}");
        assert_eq!(render(&corpus(), "23", None, false).unwrap(), out);
    }

    #[test]
    fn shows_leaders_and_the_day_a_deadline_means() {
        let mut task = fixture::task("23", "加快建设。", &["县科技局"], &[]);
        task.leader = vec!["李振华".into(), "吴静".into()];
        task.due = Some("12月底前".into());
        task.due_date = Some("2024-12-31".into());
        let out = render(&fixture::corpus(vec![task]), "沂源 23", Some(80), false).unwrap();
        assert!(out.contains("leader    李振华、吴静"), "{out}");
        assert!(out.contains("due       12月底前 (2024-12-31)"), "{out}");
    }

    #[test]
    fn explains_what_is_missing() {
        let err = render(&corpus(), "沂源县 99", None, false).unwrap_err();
        assert!(err.contains("no task 99 in 沂源县 (tasks 23–23)"), "{err}");
        let err = render(&corpus(), "沂原县 1", None, false).unwrap_err();
        assert!(err.contains("did you mean 沂源县?"), "{err}");
        assert!(render(&corpus(), "", None, false)
            .unwrap_err()
            .starts_with("usage"));
    }

    #[test]
    fn unit_lists_break_between_names() {
        let units: Vec<String> = [
            "县工业和信息化局",
            "市公安局交警支队沂源大队",
            "县大数据中心",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        assert_eq!(
            wrap_list(&units, 44),
            [
                "县工业和信息化局、市公安局交警支队沂源大队、",
                "县大数据中心"
            ]
        );
    }

    #[test]
    fn wraps_by_columns_not_characters() {
        let lines = wrap("一二三四五六七八九十。", 8);
        assert_eq!(lines, ["一二三四", "五六七八", "九十。"]);
        assert_eq!(wrap("一二三四。", 8), ["一二三四。"]);
    }
}
