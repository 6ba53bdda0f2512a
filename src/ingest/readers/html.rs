//! Reads a saved page of a government site (.html, .htm, .shtml): the byline box as
//! `label：value` lines, the article's title and body as lines, its tables as grids. Site
//! navigation, headers, footers, share buttons and related links are left out — found by
//! what they are (their tags, a few chrome words, how much of their text is links), never by
//! one site's class names.

use super::{Cell, Extract, Grid, Span};
use encoding_rs::{Encoding, GB18030, GBK, UTF_16BE, UTF_16LE, UTF_8};
use regex::Regex;
use scraper::{Html, Node};
use std::collections::HashMap;
use std::sync::LazyLock;

/// A page declares its encoding near the top; past this a declaration is not looked for.
const SNIFF_BYTES: usize = 2048;
/// Work caps per table: a generated page may hold a table far larger than any plan.
const MAX_ROWS: usize = 10_000;
const MAX_COLS: usize = 200;

/// Elements a reader never sees.
const INVISIBLE: &[&str] = &[
    "head", "title", "script", "style", "noscript", "template", "iframe", "object", "embed", "svg",
    "canvas", "select", "button", "input", "textarea", "map", "audio", "video",
];
/// Elements that are page chrome by their tag.
const CHROME_TAGS: &[&str] = &["nav", "header", "footer", "aside", "form"];
/// Words in an id or class that mark page chrome (`topnav`, `breadcrumb`, `bdsharebuttonbox`).
const CHROME_WORDS: &[&str] = &[
    "nav",
    "menu",
    "footer",
    "header",
    "crumb",
    "share",
    "sidebar",
    "related",
    "copyright",
    "banner",
];
/// Labels of the byline box a government page prints above the article (信息公开 fields);
/// the issuer labels of `vocab::ISSUER_LABELS` count too.
const BYLINE_LABELS: &[&str] = &[
    "索引号",
    "信息索引号",
    "发文机关",
    "发文单位",
    "发布机构",
    "发文字号",
    "文号",
    "成文日期",
    "发文日期",
    "印发日期",
    "发布日期",
    "发布时间",
    "生成日期",
    "标题",
    "名称",
    "主题分类",
    "主题词",
    "体裁分类",
    "有效性",
    "公开方式",
    "公开范围",
];

/// A title is short (a column name above the article, 政府文件, shorter still); the lines a
/// reader passes on the way up to it are few.
const TITLE_CJK: std::ops::RangeInclusive<usize> = 8..=150;
const TITLE_DISTANCE_CJK: usize = 300;
/// A table cell holding a run of paragraphs this long is an article laid out in a table.
const LAYOUT_CELL_CJK: usize = 300;
/// A byline inside the article box stands at its top: after at most this much text.
const BYLINE_DEPTH_CJK: usize = 200;

pub fn read(bytes: &[u8]) -> Result<Extract, String> {
    let mut extract = Extract::default();
    let text = decode(bytes, &mut extract.warnings);
    let html = Html::parse_document(&text);
    drop(text);
    let mut page = Page::new(Dom::build(&html));
    drop(html);
    let body = page.dom.first("body").unwrap_or(0);
    let runs = page.byline_runs(body);
    let article = page.article(body).unwrap_or_else(|| {
        extract
            .warnings
            .push("no Chinese running text on the page: all of its text was read".into());
        body
    });
    let fields = page.byline(runs, article);
    if !fields.is_empty() {
        extract.part("byline", "field");
        for (n, (label, value)) in fields.iter().enumerate() {
            extract.line(&format!("{label}：{value}"), n as u32 + 1);
        }
    }
    let pieces = page.pieces(article, true);
    let titled = match pieces.first() {
        Some(Piece::Line(_, texts)) => texts.first().is_some_and(|&t| page.is_title(t, article)),
        _ => false,
    };
    let title = if titled {
        Vec::new()
    } else {
        page.title_above(body, article)
    };
    extract.part("", "paragraph");
    let mut n = 0u32;
    let mut tables = 0;
    for piece in title
        .into_iter()
        .map(|t| Piece::Line(t, Vec::new()))
        .chain(pieces)
    {
        match piece {
            Piece::Line(text, _) => {
                n += 1;
                extract.line(&text, n);
            }
            Piece::Table(at) => {
                let name = format!("table {}", tables + 1);
                let grid = page.grid(at, &name, &mut extract.warnings);
                if grid.rows.iter().flatten().all(|c| c.text.trim().is_empty()) {
                    continue;
                }
                tables += 1;
                extract.part(name, "row");
                extract.grid(&grid, 1);
                extract.part("", "paragraph");
            }
        }
    }
    Ok(extract)
}

// ---------------------------------------------------------------------------------------
// Encoding

/// The page's text: a BOM wins; then bytes that are valid UTF-8 are UTF-8, whatever the page
/// declares (a page re-saved as UTF-8 often keeps its old `charset=gb2312`, and GBK text is
/// never valid UTF-8 for long); then the declared encoding; then GB18030. A page declaring
/// UTF-8 that is not is read as GB18030. Each guess against the declaration is warned.
fn decode(bytes: &[u8], warnings: &mut Vec<String>) -> String {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        let (text, bad) = encoding.decode_without_bom_handling(&bytes[bom..]);
        if bad {
            warnings.push(format!(
                "invalid {} byte sequences were replaced by U+FFFD",
                encoding.name()
            ));
        }
        return text.into_owned();
    }
    let declared = declared_charset(&bytes[..bytes.len().min(SNIFF_BYTES)]);
    if let Ok(text) = std::str::from_utf8(bytes) {
        if let Some(other) = declared.filter(|d| *d != UTF_8 && !text.is_ascii()) {
            warnings.push(format!(
                "the page declares {} but is saved as UTF-8: read as UTF-8",
                other.name()
            ));
        }
        return text.to_string();
    }
    let encoding = declared.filter(|d| *d != UTF_8).unwrap_or(GB18030);
    if declared == Some(UTF_8) {
        warnings.push("the page declares UTF-8 but is not: read as GB18030".into());
    }
    let (text, bad) = encoding.decode_without_bom_handling(bytes);
    if bad {
        warnings.push(format!(
            "invalid {} byte sequences were replaced by U+FFFD",
            encoding.name()
        ));
    }
    text.into_owned()
}

/// The encoding a page declares in `<meta charset=…>`, `<meta http-equiv="Content-Type"
/// content="…; charset=…">` or an XML declaration. GB2312 and GBK are read as GB18030,
/// which holds both; a meta that claims UTF-16 on bytes readable as ASCII means UTF-8.
fn declared_charset(head: &[u8]) -> Option<&'static Encoding> {
    let lower = head.to_ascii_lowercase();
    let mut labels = Vec::new();
    if lower.starts_with(b"<?xml") {
        let end = find(&lower, b"?>", 0).unwrap_or(lower.len());
        labels.extend(value_after(&lower[..end], b"encoding"));
    }
    let mut at = 0;
    while let Some(start) = find(&lower, b"<meta", at) {
        let end = find(&lower, b">", start).unwrap_or(lower.len());
        labels.extend(value_after(&lower[start..end], b"charset"));
        at = end;
    }
    labels.into_iter().find_map(|label| {
        let encoding = Encoding::for_label(&label)?;
        Some(match encoding {
            e if e == GBK => GB18030,
            e if e == UTF_16LE || e == UTF_16BE => UTF_8,
            e if e.name() == "replacement" => return None,
            e => e,
        })
    })
}

fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    haystack
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

/// The value of `name=value` (quoted or not) inside a tag.
fn value_after(tag: &[u8], name: &[u8]) -> Option<Vec<u8>> {
    let at = find(tag, name, 0)? + name.len();
    let rest = tag.get(at..)?;
    let rest = rest
        .trim_ascii_start()
        .strip_prefix(b"=")?
        .trim_ascii_start();
    let rest = rest
        .strip_prefix(b"\"")
        .or(rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let label: Vec<u8> = rest
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':'))
        .copied()
        .collect();
    (!label.is_empty()).then_some(label)
}

// ---------------------------------------------------------------------------------------
// The document tree, flattened

/// The parsed page as a list of nodes in document order: a node's descendants follow it,
/// up to `end`. Walking it needs no recursion, so no depth of nesting can overflow a stack.
struct Dom {
    nodes: Vec<Item>,
}

struct Item {
    parent: usize,
    end: usize,
    kind: Kind,
}

enum Kind {
    Element(Tag),
    Text(String),
    /// The document itself, comments, doctypes.
    Other,
}

struct Tag {
    name: String,
    /// The id and classes, lower case: what chrome words are looked for in.
    hints: String,
    colspan: usize,
    /// Rows a cell spans; 0 means to the end of the table.
    rowspan: usize,
    centred: bool,
    hidden: bool,
}

impl Dom {
    fn build(html: &Html) -> Dom {
        let mut index = HashMap::new();
        let mut nodes: Vec<Item> = Vec::new();
        for node in html.tree.root().descendants() {
            let parent = node
                .parent()
                .and_then(|p| index.get(&p.id()).copied())
                .unwrap_or(0);
            index.insert(node.id(), nodes.len());
            let kind = match node.value() {
                Node::Element(e) => Kind::Element(Tag::of(e)),
                Node::Text(t) => Kind::Text(t.to_string()),
                _ => Kind::Other,
            };
            nodes.push(Item {
                parent,
                end: nodes.len() + 1,
                kind,
            });
        }
        for i in (1..nodes.len()).rev() {
            let (parent, end) = (nodes[i].parent, nodes[i].end);
            if let Some(p) = nodes.get_mut(parent) {
                p.end = p.end.max(end);
            }
        }
        Dom { nodes }
    }

    fn len(&self) -> usize {
        self.nodes.len()
    }

    fn end(&self, i: usize) -> usize {
        self.nodes.get(i).map_or(i, |n| n.end)
    }

    fn tag(&self, i: usize) -> Option<&Tag> {
        match &self.nodes.get(i)?.kind {
            Kind::Element(tag) => Some(tag),
            _ => None,
        }
    }

    fn name(&self, i: usize) -> &str {
        self.tag(i).map_or("", |t| t.name.as_str())
    }

    fn text(&self, i: usize) -> Option<&str> {
        match &self.nodes.get(i)?.kind {
            Kind::Text(text) => Some(text),
            _ => None,
        }
    }

    fn first(&self, name: &str) -> Option<usize> {
        (0..self.len()).find(|&i| self.name(i) == name)
    }

    fn contains(&self, outer: usize, inner: usize) -> bool {
        outer <= inner && inner < self.end(outer)
    }

    /// The elements above `i`, nearest first.
    fn ancestors(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        std::iter::successors(Some(i), |&i| {
            let parent = self.nodes.get(i)?.parent;
            (parent != i).then_some(parent)
        })
        .skip(1)
    }
}

impl Tag {
    fn of(e: &scraper::node::Element) -> Tag {
        let mut hints = e.id().unwrap_or("").to_ascii_lowercase();
        for class in e.classes() {
            hints.push(' ');
            hints.push_str(&class.to_ascii_lowercase());
        }
        let style: String = e
            .attr("style")
            .unwrap_or("")
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        let number = |name: &str| e.attr(name).and_then(|v| v.trim().parse::<usize>().ok());
        let name = e.name().to_ascii_lowercase();
        Tag {
            centred: name == "center"
                || e.attr("align")
                    .is_some_and(|a| a.trim().eq_ignore_ascii_case("center"))
                || style.contains("text-align:center"),
            hidden: e.attr("hidden").is_some()
                || style.contains("display:none")
                || style.contains("visibility:hidden"),
            colspan: number("colspan").unwrap_or(1).clamp(1, MAX_COLS),
            rowspan: number("rowspan").unwrap_or(1),
            name,
            hints,
        }
    }

    fn is_block(&self) -> bool {
        #[rustfmt::skip]
        const BLOCKS: &[&str] = &[
            "address", "article", "aside", "blockquote", "body", "caption", "center", "dd",
            "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure",
            "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr",
            "html", "legend", "li", "main", "menu", "nav", "ol", "p", "pre", "section",
            "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
        ];
        BLOCKS.contains(&self.name.as_str())
    }

    fn is_heading(&self) -> bool {
        matches!(self.name.as_str(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
    }
}

// ---------------------------------------------------------------------------------------
// The page: what is chrome, where the article is, what the byline says

/// The tree with what is known of every node: left out, its Chinese text (all of it and
/// the part inside links), and whether the byline took its text.
struct Page {
    dom: Dom,
    dropped: Vec<bool>,
    cjk: Vec<usize>,
    links: Vec<usize>,
    in_link: Vec<bool>,
    consumed: Vec<bool>,
    /// Whether an element is a box of lines (it holds a block or a `<br>`), not one line.
    boxes: Vec<bool>,
}

/// What the article is made of, in order: a line (and the text nodes it came from), or a
/// data table to read as a grid.
enum Piece {
    Line(String, Vec<usize>),
    Table(usize),
}

impl Page {
    fn new(dom: Dom) -> Page {
        let n = dom.len();
        let mut in_link = vec![false; n];
        let mut invisible = vec![false; n];
        for i in 1..n {
            let parent = dom.nodes[i].parent;
            let tag = dom.tag(i);
            in_link[i] = in_link[parent] || tag.is_some_and(|t| t.name == "a");
            invisible[i] = invisible[parent]
                || tag.is_some_and(|t| t.hidden || INVISIBLE.contains(&t.name.as_str()));
        }
        let (cjk, links) = counts(&dom, &invisible, &in_link);
        let own = |i: usize| cjk[i].saturating_sub(links[i]);
        let total = own(0);
        // A chrome box that holds most of the page's running text is a wrapper (a whole
        // page inside one ASP.NET <form>, a div named "header-and-content"), not chrome.
        let mut dropped = invisible;
        for i in 1..n {
            let parent = dom.nodes[i].parent;
            if dropped[parent] || (is_chrome(&dom, i) && own(i) * 2 <= total) {
                dropped[i] = true;
            }
        }
        let (cjk, links) = counts(&dom, &dropped, &in_link);
        let mut boxes = vec![false; n];
        for i in (1..n).rev() {
            let breaks = dom.tag(i).is_some_and(|t| t.is_block() || t.name == "br");
            if !dropped[i] && (breaks || boxes[i]) {
                boxes[dom.nodes[i].parent] = true;
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

    fn own_cjk(&self, i: usize) -> usize {
        self.cjk[i].saturating_sub(self.links[i])
    }

    fn skip(&self, i: usize) -> bool {
        self.dropped.get(i).copied().unwrap_or(true)
            || self.consumed.get(i).copied().unwrap_or(true)
    }

    /// The article box: of the boxes whose text is not mostly links, the smallest that
    /// holds at least 80% of the running text of the one holding the most. A paragraph is
    /// no box, however long: the article is what holds its paragraphs.
    fn article(&self, body: usize) -> Option<usize> {
        const LINES: &[&str] = &[
            "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "pre", "a",
        ];
        let candidates: Vec<usize> = (body..self.dom.end(body))
            .filter(|&i| self.boxes[i] && !self.dropped[i])
            .filter(|&i| !LINES.contains(&self.dom.name(i)))
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

    /// The runs of byline fields on the page: two or more fields under different labels
    /// close together. Their text is metadata, so it is left out of the article's score.
    fn byline_runs(&mut self, body: usize) -> Vec<Run> {
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
        let left_out: Vec<bool> = (0..self.dom.len()).map(|i| self.skip(i)).collect();
        (self.cjk, self.links) = counts(&self.dom, &left_out, &self.in_link);
    }

    /// The byline fields that stand above the article (or at its top), in order, each label
    /// once. Runs elsewhere (a table of 名称 and 来源 inside the article, a list of related
    /// pages with their 发布日期) give their text back to the page.
    fn byline(&mut self, runs: Vec<Run>, article: usize) -> Vec<(String, String)> {
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

    /// Whether text node `t` is a title line of the article: in a heading or a centred
    /// block inside it.
    fn is_title(&self, t: usize, article: usize) -> bool {
        self.dom
            .ancestors(t)
            .take_while(|&a| a != article && self.dom.contains(article, a))
            .filter_map(|a| self.dom.tag(a))
            .any(|tag| tag.is_heading() || (tag.centred && tag.is_block()))
    }

    /// The article's own title when it stands just above the article box: the nearest
    /// heading (or centred block, or box named as a title) before it, a line per line break.
    fn title_above(&self, body: usize, article: usize) -> Vec<String> {
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
            let lines: Vec<String> = self
                .pieces(i, false)
                .into_iter()
                .filter_map(|p| match p {
                    Piece::Line(text, _) => Some(text),
                    Piece::Table(_) => None,
                })
                .collect();
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

    /// Every block of the byline search: all text but the invisible, each cell its own.
    fn segments(&self, root: usize) -> Vec<(String, Vec<usize>)> {
        let invisible = |i: usize| {
            self.dom
                .tag(i)
                .is_some_and(|t| t.hidden || INVISIBLE.contains(&t.name.as_str()))
        };
        walk(&self.dom, root, invisible, |_| false)
            .into_iter()
            .filter_map(|p| match p {
                Piece::Line(text, texts) => Some((text, texts)),
                Piece::Table(_) => None,
            })
            .collect()
    }

    /// The lines (and, with `tables`, the data tables) of the box at `root`.
    fn pieces(&self, root: usize, tables: bool) -> Vec<Piece> {
        walk(
            &self.dom,
            root,
            |i| self.skip(i),
            |t| tables && self.is_data_table(t),
        )
    }

    /// Whether a table holds data rather than laying out the page: rows and columns of
    /// cells, no table inside it, no heading, and no cell that holds a run of paragraphs
    /// making up most of its text (an article laid out in a table cell).
    fn is_data_table(&self, table: usize) -> bool {
        let rows = rows(&self.dom, table);
        let widest = rows
            .iter()
            .map(|r| {
                r.iter()
                    .filter_map(|&c| self.dom.tag(c))
                    .map(|t| t.colspan)
                    .sum::<usize>()
            })
            .max()
            .unwrap_or(0);
        if rows.len() < 2 || widest < 2 {
            return false;
        }
        let inner = table + 1..self.dom.end(table);
        if inner.clone().any(|i| {
            self.dom
                .tag(i)
                .is_some_and(|t| t.name == "table" || t.is_heading())
                && !self.dropped[i]
        }) {
            return false;
        }
        let total = self.own_cjk(table);
        !rows.iter().flatten().any(|&cell| {
            let blocks = (cell + 1..self.dom.end(cell))
                .filter(|&i| self.dom.tag(i).is_some_and(|t| t.is_block()))
                .count();
            let own = self.own_cjk(cell);
            blocks >= 3 && own * 2 > total && own >= LAYOUT_CELL_CJK
        })
    }

    /// A data table as a grid: spans resolved, breaks inside a cell kept as `\n`.
    fn grid(&self, table: usize, name: &str, warnings: &mut Vec<String>) -> Grid {
        let mut rows = rows(&self.dom, table);
        if rows.len() > MAX_ROWS {
            warnings.push(format!(
                "{name}: {} rows, only the first {MAX_ROWS} read",
                rows.len()
            ));
            rows.truncate(MAX_ROWS);
        }
        let count = rows.len();
        let mut grid = Grid::default();
        let mut wide = false;
        // Per column: how many rows below are still covered by a cell above.
        let mut carry: Vec<usize> = Vec::new();
        for (r, cells) in rows.iter().enumerate() {
            let mut row: Vec<Cell> = Vec::new();
            let mut col = 0;
            for &cell in cells {
                cover(&mut row, &mut col, &mut carry);
                if col >= MAX_COLS {
                    wide = true;
                    break;
                }
                let tag = self.dom.tag(cell);
                let colspan = tag.map_or(1, |t| t.colspan).min(MAX_COLS - col);
                let left = count - r;
                let rowspan = match tag.map_or(1, |t| t.rowspan) {
                    0 => left,
                    n => n.min(left),
                };
                row.push(Cell::new(self.cell_text(cell)));
                row.extend((1..colspan).map(|_| Cell::covered(Span::Left)));
                if carry.len() < col + colspan {
                    carry.resize(col + colspan, 0);
                }
                for c in &mut carry[col..col + colspan] {
                    *c = rowspan.saturating_sub(1);
                }
                col += colspan;
            }
            // Cells merged from above past the last cell this row writes.
            if let Some(last) = carry.iter().rposition(|&c| c > 0) {
                while col <= last {
                    if carry[col] > 0 {
                        cover(&mut row, &mut col, &mut carry);
                    } else {
                        row.push(Cell::new(""));
                        col += 1;
                    }
                }
            }
            grid.rows.push(row);
        }
        if wide {
            warnings.push(format!(
                "{name}: more than {MAX_COLS} columns, only the first {MAX_COLS} read"
            ));
        }
        grid
    }

    /// A cell's text, a line per paragraph or `<br>`.
    fn cell_text(&self, cell: usize) -> String {
        walk(&self.dom, cell, |i| self.skip(i), |_| false)
            .into_iter()
            .filter_map(|p| match p {
                Piece::Line(text, _) => Some(text),
                Piece::Table(_) => None,
            })
            .collect::<Vec<_>>()
            .join("\n")
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
        let parent = dom.nodes[i].parent;
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

/// Covers the cells at `col` that a cell above still spans.
fn cover(row: &mut Vec<Cell>, col: &mut usize, carry: &mut [usize]) {
    while let Some(c) = carry.get_mut(*col).filter(|c| **c > 0) {
        *c -= 1;
        row.push(Cell::covered(Span::Above));
        *col += 1;
    }
}

/// A table's own rows and each row's cells (not those of a table inside it).
fn rows(dom: &Dom, table: usize) -> Vec<Vec<usize>> {
    let mut rows = Vec::new();
    let mut i = table + 1;
    while i < dom.end(table) {
        match dom.name(i) {
            "table" => i = dom.end(i),
            "tr" => {
                let mut cells = Vec::new();
                let mut j = i + 1;
                while j < dom.end(i) {
                    if matches!(dom.name(j), "td" | "th") {
                        cells.push(j);
                        j = dom.end(j);
                    } else if dom.name(j) == "table" {
                        j = dom.end(j);
                    } else {
                        j += 1;
                    }
                }
                rows.push(cells);
                i = dom.end(i);
            }
            _ => i += 1,
        }
    }
    rows
}

/// The box at `root` as pieces: blocks, cells and `<br>` end lines, inline elements join;
/// nodes `skip` names are passed over, tables `data` names are kept whole.
fn walk(
    dom: &Dom,
    root: usize,
    skip: impl Fn(usize) -> bool,
    data: impl Fn(usize) -> bool,
) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut line = Line::default();
    let mut open: Vec<usize> = Vec::new();
    let mut pre = 0usize;
    let end = dom.end(root);
    let mut i = root;
    loop {
        while let Some(&top) = open.last().filter(|&&top| i >= dom.end(top)) {
            open.pop();
            if let Some(tag) = dom.tag(top) {
                if tag.name == "pre" {
                    pre = pre.saturating_sub(1);
                }
                if tag.is_block() {
                    line.flush(&mut out);
                }
            }
        }
        if i >= end {
            break;
        }
        if skip(i) {
            i = dom.end(i).max(i + 1);
            continue;
        }
        match &dom.nodes[i].kind {
            Kind::Text(text) => {
                if pre > 0 && text.contains('\n') {
                    for (k, part) in text.split('\n').enumerate() {
                        if k > 0 {
                            line.flush(&mut out);
                        }
                        line.text.push_str(part);
                        line.texts.push(i);
                    }
                } else {
                    line.text.push_str(text);
                    line.texts.push(i);
                }
            }
            Kind::Element(tag) => {
                if tag.name == "br" || tag.is_block() {
                    line.flush(&mut out);
                }
                if tag.name == "table" && data(i) {
                    out.push(Piece::Table(i));
                    i = dom.end(i).max(i + 1);
                    continue;
                }
                if tag.name == "pre" {
                    pre += 1;
                }
                open.push(i);
            }
            Kind::Other => {}
        }
        i += 1;
    }
    line.flush(&mut out);
    out
}

/// The line being gathered and the text nodes it came from.
#[derive(Default)]
struct Line {
    text: String,
    texts: Vec<usize>,
}

impl Line {
    fn flush(&mut self, out: &mut Vec<Piece>) {
        let text = collapse(&self.text);
        let texts = std::mem::take(&mut self.texts);
        self.text.clear();
        if !text.chars().all(char::is_whitespace) {
            out.push(Piece::Line(text, texts));
        }
    }
}

/// White space as a browser shows it: each run one space, none at the ends, and none where
/// the source merely wrapped a line between two Chinese characters. NBSP and the ideographic
/// space are text (indents) and kept.
fn collapse(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut pending: Option<bool> = None;
    for c in raw.chars() {
        if matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0c') {
            pending = Some(pending.unwrap_or(false) || matches!(c, '\n' | '\r'));
            continue;
        }
        if let (Some(wrapped), Some(prev)) = (pending.take(), out.chars().last()) {
            if !(wrapped && wide(prev) && wide(c)) {
                out.push(' ');
            }
        }
        out.push(c);
    }
    out
}

/// Chinese characters, kana, full-width forms and CJK punctuation.
fn wide(c: char) -> bool {
    c >= '\u{2e80}' && !c.is_whitespace()
}

fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '\u{f900}'..='\u{faff}'
        | '\u{20000}'..='\u{3134f}')
}

fn cjk_count(text: &str) -> usize {
    text.chars().filter(|&c| is_cjk(c)).count()
}

// ---------------------------------------------------------------------------------------
// Byline fields

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
    let mut labels: Vec<&str> = BYLINE_LABELS
        .iter()
        .chain(crate::ingest::vocab::ISSUER_LABELS)
        .copied()
        .collect();
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
struct Run {
    fields: Vec<Field>,
    texts: Vec<usize>,
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
    use super::*;

    fn lines(html: &str) -> Vec<String> {
        let extract = read(html.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
        extract.text().lines().map(str::to_string).collect()
    }

    #[test]
    fn meta_charset_gb2312_is_sniffed_before_decoding() {
        let page =
            "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">\
                    </head><body><p>松阳河区人民政府办公室〔2025〕</p></body></html>";
        let (bytes, _, _) = GBK.encode(page);
        let mut warnings = Vec::new();
        assert_eq!(decode(&bytes, &mut warnings), page);
        assert!(warnings.is_empty(), "{warnings:?}");
        let read_back = read(&bytes).map(|e| e.text()).unwrap_or_default();
        assert_eq!(read_back, "松阳河区人民政府办公室〔2025〕");

        assert_eq!(declared_charset(b"<meta charset='GBK'>"), Some(GB18030));
        assert_eq!(
            declared_charset(b"<META CHARSET=big5>"),
            Some(encoding_rs::BIG5)
        );
        assert_eq!(
            declared_charset(b"<?xml version=\"1.0\" encoding=\"gb2312\"?>"),
            Some(GB18030)
        );
        assert_eq!(declared_charset(b"<meta charset=\"utf-16\">"), Some(UTF_8));
        assert_eq!(declared_charset(b"<p>charset=gbk</p>"), None);
    }

    #[test]
    fn bom_wins_and_undeclared_legacy_bytes_read_as_gb18030() {
        let mut warnings = Vec::new();
        let mut bytes = b"\xEF\xBB\xBF<meta charset=gbk>".to_vec();
        bytes.extend("县政府".as_bytes());
        assert_eq!(decode(&bytes, &mut warnings), "<meta charset=gbk>县政府");
        let (gbk, _, _) = GBK.encode("<p>县政府办公室</p>");
        assert_eq!(decode(&gbk, &mut warnings), "<p>县政府办公室</p>");
        assert!(warnings.is_empty(), "{warnings:?}");
        // Declared UTF-8 but saved as GBK: read as its bytes fit, with a warning.
        let (gbk, _, _) = GBK.encode("<meta charset=utf-8><p>县政府办公室</p>");
        assert_eq!(
            decode(&gbk, &mut warnings),
            "<meta charset=utf-8><p>县政府办公室</p>"
        );
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        // Re-saved as UTF-8 with the old declaration kept: the bytes win.
        let resaved = "<meta charset=gb2312><p>县政府办公室</p>";
        assert_eq!(decode(resaved.as_bytes(), &mut warnings), resaved);
        assert_eq!(warnings.len(), 2, "{warnings:?}");
    }

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
            lines(page),
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
            lines(page),
            [
                "二、加快城市更新",
                "3、改造老旧小区12个。",
                "4、新建公园3座，新增绿地5万平方米。",
                "各单位要抓好落实并按时报送进展情况。"
            ]
        );
    }

    #[test]
    fn old_county_page_laid_out_in_tables_inside_a_form() {
        // The whole page in one ASP.NET <form>: a wrapper, not chrome. The title is a
        // centred cell above the article cell, the article's lines are split by <br>.
        let page = r#"<body><form id="form1">
            <table width="1000"><tr><td><img src="logo.gif"></td></tr>
            <tr><td class="daohang"><a>首页</a> | <a>政务公开</a> | <a>信息公开</a></td></tr></table>
            <table width="1000"><tr>
            <td width="200"><table><tr><td><a>通知公告</a></td></tr><tr><td><a>政策法规</a></td></tr></table></td>
            <td><table width="100%">
            <tr><td align="center" class="biaoti">青林县人民政府办公室关于做好春季防火工作的通知</td></tr>
            <tr><td align="center">发布时间：2024-03-01　信息来源：县政府办　点击数：35</td></tr>
            <tr><td class="bt_content">各乡镇人民政府，县直各单位：<br>
            　　为切实做好春季森林防火工作，确保人民群众生命财产安全，现就有关事项通知如下。<br>
            　　一、加强火源管控<br>
            　　1.严格野外用火审批，全县设立防火检查站12个。（县林业局负责）<br>
            　　2.开展防火宣传进村入户活动不少于30场。（县应急管理局牵头，各乡镇人民政府配合）</td></tr>
            </table></td></tr></table>
            <table><tr><td>版权所有：青林县人民政府　技术支持：青林县信息中心</td></tr></table>
            </form></body>"#;
        assert_eq!(
            lines(page),
            [
                "发布时间：2024-03-01",
                "信息来源：县政府办",
                "青林县人民政府办公室关于做好春季防火工作的通知",
                "各乡镇人民政府，县直各单位：",
                "　　为切实做好春季森林防火工作，确保人民群众生命财产安全，现就有关事项通知如下。",
                "　　一、加强火源管控",
                "　　1.严格野外用火审批，全县设立防火检查站12个。（县林业局负责）",
                "　　2.开展防火宣传进村入户活动不少于30场。（县应急管理局牵头，各乡镇人民政府配合）",
            ]
        );
    }

    #[test]
    fn a_title_inside_the_article_keeps_the_column_name_out() {
        let page = r#"<body><div class="lm"><h2>政府文件</h2></div>
            <div class="art"><h1>某县人民政府关于印发某县2025年重点工作任务的通知</h1>
            <p>各乡镇人民政府，县直各部门：</p><p>现将重点工作任务印发给你们，请认真抓好贯彻落实。</p>
            <p>各牵头单位要细化工作措施，明确时间节点，每季度末向县政府办公室报送工作进展情况。</p></div>
            <div class="lm"><h2 style="text-align:center">某县人民政府办公室关于另一件事的通知</h2></div></body>"#;
        assert_eq!(
            lines(page),
            [
                "某县人民政府关于印发某县2025年重点工作任务的通知",
                "各乡镇人民政府，县直各部门：",
                "现将重点工作任务印发给你们，请认真抓好贯彻落实。",
                "各牵头单位要细化工作措施，明确时间节点，每季度末向县政府办公室报送工作进展情况。",
            ]
        );
    }

    #[test]
    fn rowspan_and_colspan_make_a_grid() {
        let page = r#"<body><div><p>附件：重点任务表，请各单位认真对照落实。</p><table>
            <tr><td colspan="3">重点任务表</td></tr>
            <tr><th>领域</th><th>工作任务</th><th>牵头单位</th></tr>
            <tr><td rowspan="2">就业</td><td>新增岗位<p>1200个</p></td><td>区人社局<br>区财政局</td></tr>
            <tr><td>培训2000人次</td><td>区教育局</td></tr>
            <tr><td>教育</td><td colspan="2" rowspan="2">扩充学位</td></tr>
            <tr><td>教育</td></tr>
            </table></div></body>"#;
        let html = Html::parse_document(page);
        let page = Page::new(Dom::build(&html));
        let table = page.dom.first("table").unwrap_or(0);
        assert!(page.is_data_table(table));
        let grid = page.grid(table, "table 1", &mut Vec::new());
        let own = |t: &str| Cell::new(t);
        let (left, above) = (Cell::covered(Span::Left), Cell::covered(Span::Above));
        assert_eq!(
            grid.rows,
            vec![
                vec![own("重点任务表"), left.clone(), left.clone()],
                vec![own("领域"), own("工作任务"), own("牵头单位")],
                vec![
                    own("就业"),
                    own("新增岗位\n1200个"),
                    own("区人社局\n区财政局")
                ],
                vec![above.clone(), own("培训2000人次"), own("区教育局")],
                vec![own("教育"), own("扩充学位"), left],
                vec![own("教育"), above.clone(), above],
            ]
        );
        assert_eq!(
            grid.lines().into_iter().map(|(_, l)| l).collect::<Vec<_>>()[2..4],
            [
                "就业\t新增岗位1200个\t区人社局、区财政局",
                "就业\t培训2000人次\t区教育局"
            ]
        );
    }

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
            lines(page),
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

    #[test]
    fn breaks_and_white_space() {
        assert_eq!(collapse("  建设\n  道路 10 公里 \n"), "建设道路 10 公里");
        assert_eq!(collapse("New\nYork"), "New York");
        let page = "<body><p style=\"text-align:right\">某区人民政府办公室<br/>2025年2月10日</p>\
                    <p>&nbsp;</p><pre>第一行\n第二行</pre></body>";
        assert_eq!(
            lines(page),
            ["某区人民政府办公室", "2025年2月10日", "第一行", "第二行"]
        );
    }

    #[test]
    fn caps_and_odd_markup_do_not_panic() {
        let mut page = String::from("<table>");
        page.push_str(
            "<tr><td colspan=100000 rowspan=0>甲</td><td rowspan=99999999999>乙</td></tr>",
        );
        page.push_str("<tr><td>丙</td></tr></table>");
        let extract = read(page.as_bytes());
        assert!(extract.is_ok());
        let deep = "<div>".repeat(5_000) + "深层嵌套的正文内容" + &"</div>".repeat(5_000);
        assert_eq!(lines(&deep), ["深层嵌套的正文内容"]);
        assert!(read(b"\xFF\xFE\x00").is_ok());
    }
}
