//! The page as the reader weighs it: every node's Chinese text (all of it, and the part
//! inside links), the chrome left out, and the article box found by where the running text
//! is.

use super::blocks::{walk, walk_lines, Piece};
use super::dom::{Dom, Tag};
use crate::ingest::vocab::CHROME_WORDS;

/// Elements that are page chrome by their tag.
const CHROME_TAGS: &[&str] = &["nav", "header", "footer", "aside", "form"];

/// The tree with what is known of every node: left out, its Chinese text (all of it and
/// the part inside links), and whether the byline took its text.
pub(super) struct Page {
    pub(super) dom: Dom,
    pub(super) dropped: Vec<bool>,
    cjk: Vec<usize>,
    links: Vec<usize>,
    pub(super) in_link: Vec<bool>,
    pub(super) consumed: Vec<bool>,
    /// Whether an element is a box of lines (it holds a block or a `<br>`), not one line.
    boxes: Vec<bool>,
}

impl Page {
    pub(super) fn new(dom: Dom) -> Page {
        let n = dom.len();
        let mut in_link = vec![false; n];
        let mut invisible = vec![false; n];
        for i in 1..n {
            let parent = dom.parent(i);
            let tag = dom.tag(i);
            in_link[i] = in_link[parent] || tag.is_some_and(|t| t.name == "a");
            invisible[i] = invisible[parent] || tag.is_some_and(Tag::is_invisible);
        }
        let (cjk, links) = counts(&dom, &invisible, &in_link);
        let own = |i: usize| cjk[i].saturating_sub(links[i]);
        let total = own(0);
        // A chrome box that holds most of the page's running text is a wrapper (a whole
        // page inside one ASP.NET <form>, a div named "header-and-content"), not chrome.
        let mut dropped = invisible;
        for i in 1..n {
            let parent = dom.parent(i);
            if dropped[parent] || (is_chrome(&dom, i) && own(i) * 2 <= total) {
                dropped[i] = true;
            }
        }
        let (cjk, links) = counts(&dom, &dropped, &in_link);
        let mut boxes = vec![false; n];
        for i in (1..n).rev() {
            let breaks = dom.tag(i).is_some_and(|t| t.is_block() || t.name == "br");
            if !dropped[i] && (breaks || boxes[i]) {
                boxes[dom.parent(i)] = true;
            }
        }
        Page {
            consumed: vec![false; n],
            boxes,
            dom,
            dropped,
            cjk,
            links,
            in_link,
        }
    }

    /// The Chinese text of node `i` outside links: its running text.
    pub(super) fn own_cjk(&self, i: usize) -> usize {
        self.cjk[i].saturating_sub(self.links[i])
    }

    /// Whether node `i` is left out of the article: dropped, or taken by the byline.
    pub(super) fn skip(&self, i: usize) -> bool {
        self.dropped.get(i).copied().unwrap_or(true)
            || self.consumed.get(i).copied().unwrap_or(true)
    }

    /// Counts the Chinese text again over what is neither dropped nor taken.
    pub(super) fn recount(&mut self) {
        let left_out: Vec<bool> = (0..self.dom.len()).map(|i| self.skip(i)).collect();
        (self.cjk, self.links) = counts(&self.dom, &left_out, &self.in_link);
    }

    /// The article box: of the boxes whose text is not mostly links, the smallest that
    /// holds at least 80% of the running text of the one holding the most. A paragraph is
    /// no box, however long: the article is what holds its paragraphs.
    pub(super) fn article(&self, body: usize) -> Option<usize> {
        const LINES: &[&str] = &[
            "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "pre", "a",
        ];
        const TABLE_PARTS: &[&str] = &["table", "thead", "tbody", "tfoot", "tr"];
        let candidates: Vec<usize> = (body..self.dom.end(body))
            .filter(|&i| self.boxes[i] && !self.dropped[i])
            .filter(|&i| !LINES.contains(&self.dom.name(i)))
            // Inside a table only a cell can hold an article (a page laid out in tables);
            // a table, its body or a row chosen as the article would be read as the lines
            // of its cells, and a data table's columns lost.
            .filter(|&i| !TABLE_PARTS.contains(&self.dom.name(i)))
            .filter(|&i| self.cjk[i] > 0 && self.links[i] * 10 < self.cjk[i] * 3)
            .collect();
        let best = candidates
            .iter()
            .map(|&i| self.own_cjk(i))
            .max()
            .unwrap_or(0);
        candidates
            .into_iter()
            .filter(|&i| best > 0 && self.own_cjk(i) * 5 >= best * 4)
            .min_by_key(|&i| (self.own_cjk(i), std::cmp::Reverse(i)))
    }

    /// The lines and the data tables of the box at `root`.
    pub(super) fn pieces(&self, root: usize) -> Vec<Piece> {
        walk(&self.dom, root, |i| self.skip(i), |t| self.is_data_table(t))
    }

    /// The lines of the box at `root`, a table in it read as the lines of its cells.
    pub(super) fn lines(&self, root: usize) -> Vec<String> {
        walk_lines(&self.dom, root, |i| self.skip(i))
            .into_iter()
            .map(|(text, _)| text)
            .collect()
    }
}

/// Chinese characters per node (all, and inside links) over what is not left out.
fn counts(dom: &Dom, left_out: &[bool], in_link: &[bool]) -> (Vec<usize>, Vec<usize>) {
    let n = dom.len();
    let mut cjk = vec![0; n];
    let mut links = vec![0; n];
    for i in (0..n).rev() {
        if left_out[i] {
            continue;
        }
        if let Some(text) = dom.text(i) {
            cjk[i] = cjk_count(text);
            if in_link[i] {
                links[i] = cjk[i];
            }
        }
        let parent = dom.parent(i);
        if parent != i {
            cjk[parent] += cjk[i];
            links[parent] += links[i];
        }
    }
    (cjk, links)
}

/// Whether an element is page chrome: a chrome tag (but a `<header>` or `<footer>` of an
/// article or section is the article's own), or a chrome word in its id or class (but not
/// on the inside of a table: a data table's header row may be named "header").
fn is_chrome(dom: &Dom, i: usize) -> bool {
    let Some(tag) = dom.tag(i) else {
        return false;
    };
    let name = tag.name.as_str();
    if CHROME_TAGS.contains(&name) {
        let of_article = matches!(name, "header" | "footer")
            && dom
                .ancestors(i)
                .any(|a| matches!(dom.name(a), "article" | "section" | "main"));
        return !of_article;
    }
    let in_table = matches!(
        name,
        "tr" | "td" | "th" | "thead" | "tbody" | "tfoot" | "caption" | "colgroup" | "col"
    );
    !in_table && CHROME_WORDS.iter().any(|w| tag.hints.contains(w))
}

fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '\u{f900}'..='\u{faff}'
        | '\u{20000}'..='\u{3134f}')
}

/// How many Chinese characters a text holds: how the reader weighs text.
pub(super) fn cjk_count(text: &str) -> usize {
    text.chars().filter(|&c| is_cjk(c)).count()
}

#[cfg(test)]
mod tests {
    use crate::ingest::readers::html::read_lines;

    #[test]
    fn chrome_is_dropped_and_the_article_found() {
        let page = r#"<html><head><title>页面标题不是正文</title><script>var a = "脚本里的中文";</script></head><body>
            <div class="top"><nav><a href="/">首页</a><a>政务公开</a><a>政务服务</a></nav></div>
            <div class="mainMenu"><ul><li>导航栏目一</li><li>导航栏目二</li></ul></div>
            <div class="wrap">
              <div class="position">当前位置：<a>首页</a> &gt; <a>政府文件</a></div>
              <div class="x7"><div class="y3">
                <p>　　一、总体要求</p>
                <p>　　1.推进重点项目建设。完成
                   投资50亿元。<span>（区发改局负责）</span></p>
                <div class="share-box">分享到：<a>微信</a></div>
              </div></div>
              <aside>侧边栏的推荐阅读内容</aside>
              <div class="links"><a>相关文章标题一二三四五六</a><a>相关文章标题七八九十</a></div>
            </div>
            <footer>主办单位：某某区人民政府 备案号：某ICP备12345号</footer>
            </body></html>"#;
        assert_eq!(
            read_lines(page),
            [
                "　　一、总体要求",
                "　　1.推进重点项目建设。完成投资50亿元。（区发改局负责）"
            ]
        );
    }

    #[test]
    fn article_in_nested_layout_tables() {
        let page = r#"<body><table><tr><td class="left"><a>栏目一</a><br><a>栏目二</a></td>
            <td><table><tr><td><p>二、加快城市更新</p><p>3、改造老旧小区12个。</p>
            <p>4、新建公园3座，新增绿地5万平方米。</p><p>各单位要抓好落实并按时报送进展情况。</p>
            </td></tr></table></td></tr></table></body>"#;
        assert_eq!(
            read_lines(page),
            [
                "二、加快城市更新",
                "3、改造老旧小区12个。",
                "4、新建公园3座，新增绿地5万平方米。",
                "各单位要抓好落实并按时报送进展情况。"
            ]
        );
    }
}
