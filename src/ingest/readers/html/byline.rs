//! The byline box a government page prints above the article (索引号, 发布机构, 成文日期…):
//! its fields found, read as `label：value` pairs, and their text kept out of the article.

use super::blocks::walk_lines;
use super::dom::Tag;
use super::page::{cjk_count, Page};
use crate::ingest::vocab::{BYLINE_LABELS, ISSUER_LABELS};
use regex::Regex;
use std::sync::LazyLock;

/// A byline inside the article box stands at its top: after at most this much text.
const BYLINE_DEPTH_CJK: usize = 200;

/// A byline field: its label (spaces inside it removed), value, and the segments it spans.
#[derive(Clone)]
struct Field {
    label: String,
    value: String,
    seg: usize,
    last_seg: usize,
}

/// A label at the start of a segment or after a space, spaced or not (`索 引 号：`), then a
/// colon or the end of the segment (a label cell with its value in the next cell).
static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    let mut labels: Vec<&str> = BYLINE_LABELS.iter().chain(ISSUER_LABELS).copied().collect();
    labels.sort_by_key(|l| std::cmp::Reverse(l.chars().count()));
    let alternatives: Vec<String> = labels
        .iter()
        .map(|l| {
            l.chars()
                .map(|c| regex::escape(&c.to_string()))
                .collect::<Vec<_>>()
                .join(r"\s*")
        })
        .collect();
    Regex::new(&format!(
        r"(?:^|\s)({})\s*(?:[:：]|$)",
        alternatives.join("|")
    ))
    .expect("static regex")
});

/// Where a value runs into a field the byline does not name (`　浏览次数：128`, `【字号：`).
static OTHER_LABEL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s+[【\[]?\p{Han}{2,6}\s*[:：]").expect("static regex"));

/// Byline fields close together, and the text nodes they were read from.
pub(super) struct Run {
    fields: Vec<Field>,
    texts: Vec<usize>,
}

impl Page {
    /// The runs of byline fields on the page: two or more fields under different labels
    /// close together. Their text is metadata, so it is left out of the article's score.
    pub(super) fn byline_runs(&mut self, body: usize) -> Vec<Run> {
        // Chrome words do not hide a byline (it often sits in a box named "header-info").
        let segments = self.segments(body);
        let fields = fields(&segments);
        let mut runs = Vec::new();
        let mut run_start = 0;
        for k in 0..fields.len() {
            let ends_run = fields
                .get(k + 1)
                .is_none_or(|next| next.seg > fields[k].last_seg + 2);
            if !ends_run {
                continue;
            }
            let run: Vec<Field> = fields[run_start..=k].to_vec();
            run_start = k + 1;
            let mut labels: Vec<&str> = run.iter().map(|f| f.label.as_str()).collect();
            labels.sort_unstable();
            labels.dedup();
            if labels.len() < 2 {
                continue;
            }
            let texts: Vec<usize> = run
                .iter()
                .flat_map(|f| &segments[f.seg..=f.last_seg])
                .flat_map(|seg| seg.1.iter().copied())
                .collect();
            runs.push(Run { fields: run, texts });
        }
        self.take(&runs, true);
        runs
    }

    /// Marks the text of byline runs as taken (or gives it back) and counts again.
    fn take(&mut self, runs: &[Run], taken: bool) {
        for &t in runs.iter().flat_map(|r| &r.texts) {
            self.consumed[t] = taken;
        }
        self.recount();
    }

    /// The byline fields that stand above the article (or at its top), in order, each label
    /// once. Runs elsewhere (a table of 名称 and 来源 inside the article, a list of related
    /// pages with their 发布日期) give their text back to the page.
    pub(super) fn byline(&mut self, runs: Vec<Run>, article: usize) -> Vec<(String, String)> {
        let (above, elsewhere): (Vec<Run>, Vec<Run>) = runs.into_iter().partition(|r| {
            r.texts
                .first()
                .is_some_and(|&t| self.before_article(t, article))
        });
        if !elsewhere.is_empty() {
            self.take(&elsewhere, false);
        }
        let mut out: Vec<(String, String)> = Vec::new();
        for field in above.iter().flat_map(|r| &r.fields) {
            if !field.value.is_empty() && out.iter().all(|(l, _)| *l != field.label) {
                out.push((field.label.clone(), field.value.clone()));
            }
        }
        out
    }

    /// Whether text node `t` stands before the article, or at its very top.
    fn before_article(&self, t: usize, article: usize) -> bool {
        if t < article {
            return true;
        }
        if !self.dom.contains(article, t) {
            return false;
        }
        let above: usize = (article..t)
            .filter(|&i| !self.skip(i))
            .filter_map(|i| self.dom.text(i))
            .map(cjk_count)
            .sum();
        above <= BYLINE_DEPTH_CJK
    }

    /// Every block of the byline search: all text but the invisible, each cell its own.
    fn segments(&self, root: usize) -> Vec<(String, Vec<usize>)> {
        walk_lines(&self.dom, root, |i| {
            self.dom.tag(i).is_some_and(Tag::is_invisible)
        })
    }
}

/// The fields of the segments, in order. A label with no value after it takes the next
/// segment as its value (label and value in two cells), unless that starts another field.
fn fields(segments: &[(String, Vec<usize>)]) -> Vec<Field> {
    const MAX_VALUE_CHARS: usize = 300;
    let mut out = Vec::new();
    for (k, (text, _)) in segments.iter().enumerate() {
        let found: Vec<(usize, usize, String)> = LABEL
            .captures_iter(text)
            .filter_map(|c| {
                let (whole, label) = (c.get(0)?, c.get(1)?);
                let label: String = label
                    .as_str()
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .collect();
                Some((whole.start(), whole.end(), label))
            })
            .collect();
        for (n, (_, value_start, label)) in found.iter().enumerate() {
            let value_end = found.get(n + 1).map_or(text.len(), |next| next.0);
            let mut value = text
                .get(*value_start..value_end)
                .unwrap_or("")
                .trim()
                .to_string();
            let mut last_seg = k;
            if value.is_empty() && n + 1 == found.len() {
                if let Some((next, _)) = segments.get(k + 1) {
                    if !LABEL.is_match(next) && next.chars().count() <= MAX_VALUE_CHARS {
                        value = next.trim().to_string();
                        last_seg = k + 1;
                    }
                }
            }
            if let Some(m) = OTHER_LABEL.find(&value) {
                value.truncate(m.start());
            }
            out.push(Field {
                label: label.clone(),
                value: value.trim().to_string(),
                seg: k,
                last_seg,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::ingest::readers::html::read_lines;

    #[test]
    fn byline_fields_come_first_as_label_lines() {
        let page = r#"<body><div class="header-info"><table>
            <tr><td>索&nbsp;引&nbsp;号：</td><td>MB1/2025-00007</td><td>发布机构：</td><td>某区人民政府办公室</td></tr>
            <tr><td>发文字号：</td><td>某政办发〔2025〕7号</td><td>成文日期：</td><td>2025-02-10</td></tr>
            <tr><td>标　　题：</td><td colspan="3">某区人民政府办公室关于印发某区重点工作任务的通知</td></tr>
            </table></div>
            <h1>某区人民政府办公室关于印发某区重点工作任务的通知</h1>
            <div class="info">发布时间：2025-02-12　来源：区政府办公室　浏览次数：12</div>
            <div class="zw"><p>各街道办事处，区政府各部门：</p><p>现将某区重点工作任务印发给你们，请认真贯彻落实。</p>
            <p>一、扩大有效投资</p><p>1.推进重点项目。完成投资20亿元。（区发改局负责）</p></div></body>"#;
        assert_eq!(
            read_lines(page),
            [
                "索引号：MB1/2025-00007",
                "发布机构：某区人民政府办公室",
                "发文字号：某政办发〔2025〕7号",
                "成文日期：2025-02-10",
                "标题：某区人民政府办公室关于印发某区重点工作任务的通知",
                "发布时间：2025-02-12",
                "来源：区政府办公室",
                "某区人民政府办公室关于印发某区重点工作任务的通知",
                "各街道办事处，区政府各部门：",
                "现将某区重点工作任务印发给你们，请认真贯彻落实。",
                "一、扩大有效投资",
                "1.推进重点项目。完成投资20亿元。（区发改局负责）",
            ]
        );
    }
}
