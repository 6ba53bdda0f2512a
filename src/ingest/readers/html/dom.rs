//! The parsed page flattened into a list of nodes in document order, and what the reader
//! needs of each element's tag (block or inline, heading, spans, centred, hidden).

use super::table::MAX_COLS;
use scraper::{Html, Node};
use std::collections::HashMap;

/// Elements a reader never sees.
const INVISIBLE: &[&str] = &[
    "head", "title", "script", "style", "noscript", "template", "iframe", "object", "embed", "svg",
    "canvas", "select", "button", "input", "textarea", "map", "audio", "video",
];

/// The parsed page as a list of nodes in document order: a node's descendants follow it,
/// up to `end`. Walking it needs no recursion, so no depth of nesting can overflow a stack.
pub(super) struct Dom {
    nodes: Vec<Item>,
}

struct Item {
    parent: usize,
    end: usize,
    kind: Kind,
}

pub(super) enum Kind {
    Element(Tag),
    Text(String),
    /// The document itself, comments, doctypes.
    Other,
}

pub(super) struct Tag {
    pub(super) name: String,
    /// The id and classes, lower case: what chrome words are looked for in.
    pub(super) hints: String,
    pub(super) colspan: usize,
    /// Rows a cell spans; 0 means to the end of the table.
    pub(super) rowspan: usize,
    pub(super) centred: bool,
    hidden: bool,
}

impl Dom {
    pub(super) fn build(html: &Html) -> Dom {
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

    pub(super) fn len(&self) -> usize {
        self.nodes.len()
    }

    /// The node that holds node `i` (the document holds itself).
    pub(super) fn parent(&self, i: usize) -> usize {
        self.nodes[i].parent
    }

    pub(super) fn kind(&self, i: usize) -> &Kind {
        &self.nodes[i].kind
    }

    pub(super) fn end(&self, i: usize) -> usize {
        self.nodes.get(i).map_or(i, |n| n.end)
    }

    pub(super) fn tag(&self, i: usize) -> Option<&Tag> {
        match &self.nodes.get(i)?.kind {
            Kind::Element(tag) => Some(tag),
            _ => None,
        }
    }

    pub(super) fn name(&self, i: usize) -> &str {
        self.tag(i).map_or("", |t| t.name.as_str())
    }

    pub(super) fn text(&self, i: usize) -> Option<&str> {
        match &self.nodes.get(i)?.kind {
            Kind::Text(text) => Some(text),
            _ => None,
        }
    }

    pub(super) fn first(&self, name: &str) -> Option<usize> {
        (0..self.len()).find(|&i| self.name(i) == name)
    }

    pub(super) fn contains(&self, outer: usize, inner: usize) -> bool {
        outer <= inner && inner < self.end(outer)
    }

    /// The elements above `i`, nearest first.
    pub(super) fn ancestors(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
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

    /// Whether a reader never sees the element: hidden, or an element that shows no text.
    pub(super) fn is_invisible(&self) -> bool {
        self.hidden || INVISIBLE.contains(&self.name.as_str())
    }

    pub(super) fn is_block(&self) -> bool {
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

    pub(super) fn is_heading(&self) -> bool {
        matches!(self.name.as_str(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
    }
}
