//! The block structure of a box as lines: blocks, cells and `<br>` end a line, inline
//! elements join one, and white space collapses as a browser shows it.

use super::dom::{Dom, Kind};

/// What the article is made of, in order: a line (and the text nodes it came from), or a
/// data table to read as a grid.
pub(super) enum Piece {
    Line(String, Vec<usize>),
    Table(usize),
}

/// The box at `root` as pieces: blocks, cells and `<br>` end lines, inline elements join;
/// nodes `skip` names are passed over, tables `data` names are kept whole.
pub(super) fn walk(
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
        match dom.kind(i) {
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

/// The box at `root` as lines alone, each with the text nodes it came from: nodes `skip`
/// names are passed over, and a table is read as the lines of its cells.
pub(super) fn walk_lines(
    dom: &Dom,
    root: usize,
    skip: impl Fn(usize) -> bool,
) -> Vec<(String, Vec<usize>)> {
    walk(dom, root, skip, |_| false)
        .into_iter()
        .filter_map(|p| match p {
            Piece::Line(text, texts) => Some((text, texts)),
            Piece::Table(_) => None,
        })
        .collect()
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::readers::html::read_lines;

    #[test]
    fn breaks_and_white_space() {
        assert_eq!(collapse("  建设\n  道路 10 公里 \n"), "建设道路 10 公里");
        assert_eq!(collapse("New\nYork"), "New York");
        let page = "<body><p style=\"text-align:right\">某区人民政府办公室<br/>2025年2月10日</p>\
                    <p>&nbsp;</p><pre>第一行\n第二行</pre></body>";
        assert_eq!(
            read_lines(page),
            ["某区人民政府办公室", "2025年2月10日", "第一行", "第二行"]
        );
    }
}
