//! The article's title: a heading or centred block at the top of the article box, or, when
//! the box has none, the nearest one standing just above it.

use super::page::{cjk_count, Page};

/// A title is short (a column name above the article, 政府文件, shorter still); the lines a
/// reader passes on the way up to it are few.
const TITLE_CJK: std::ops::RangeInclusive<usize> = 8..=150;
const TITLE_DISTANCE_CJK: usize = 300;

impl Page {
    /// Whether text node `t` is a title line of the article: in a heading or a centred
    /// block inside it.
    pub(super) fn is_title(&self, t: usize, article: usize) -> bool {
        self.dom
            .ancestors(t)
            .take_while(|&a| a != article && self.dom.contains(article, a))
            .filter_map(|a| self.dom.tag(a))
            .any(|tag| tag.is_heading() || (tag.centred && tag.is_block()))
    }

    /// The article's own title when it stands just above the article box: the nearest
    /// heading (or centred block, or box named as a title) before it, a line per line break.
    pub(super) fn title_above(&self, body: usize, article: usize) -> Vec<String> {
        let mut passed = 0;
        for i in (body..article).rev() {
            if self.skip(i) || self.dom.contains(i, article) {
                continue;
            }
            if let Some(text) = self.dom.text(i) {
                passed += cjk_count(text);
                if passed > TITLE_DISTANCE_CJK + TITLE_CJK.end() {
                    break;
                }
                continue;
            }
            let Some(tag) = self.dom.tag(i) else {
                continue;
            };
            let titled = tag.is_heading()
                || (tag.centred && !matches!(tag.name.as_str(), "table" | "tr" | "tbody"))
                || tag.hints.contains("title");
            if !titled || self.in_link[i] {
                continue;
            }
            let lines = self.lines(i);
            let own: usize = lines.iter().map(|l| cjk_count(l)).sum();
            let labelled = lines.last().is_some_and(|l| l.ends_with(['：', ':']));
            if TITLE_CJK.contains(&own)
                && passed - own.min(passed) <= TITLE_DISTANCE_CJK
                && !labelled
            {
                return lines;
            }
        }
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use crate::ingest::readers::html::read_lines;

    #[test]
    fn a_title_inside_the_article_keeps_the_column_name_out() {
        let page = r#"<body><div class="lm"><h2>政府文件</h2></div>
            <div class="art"><h1>某县人民政府关于印发某县2025年重点工作任务的通知</h1>
            <p>各乡镇人民政府，县直各部门：</p><p>现将重点工作任务印发给你们，请认真抓好贯彻落实。</p>
            <p>各牵头单位要细化工作措施，明确时间节点，每季度末向县政府办公室报送工作进展情况。</p></div>
            <div class="lm"><h2 style="text-align:center">某县人民政府办公室关于另一件事的通知</h2></div></body>"#;
        assert_eq!(
            read_lines(page),
            [
                "某县人民政府关于印发某县2025年重点工作任务的通知",
                "各乡镇人民政府，县直各部门：",
                "现将重点工作任务印发给你们，请认真抓好贯彻落实。",
                "各牵头单位要细化工作措施，明确时间节点，每季度末向县政府办公室报送工作进展情况。",
            ]
        );
    }
}
