//! Word's automatic numbering: the lists of numbering.xml and the paragraph styles of
//! styles.xml that carry them, the counters a walk through the document keeps, and the
//! label each numbered paragraph shows (一、 （一） 1. 1.1). Chinese notices number their
//! headings and tasks this way, so without it the numbers that structure a notice are lost.

use super::format::{written, Format};
use super::xml::{walk, Element, Ns, Visitor};
use std::collections::HashMap;

/// Word's lists have nine levels.
const LEVELS: usize = 9;
/// How far a style's `basedOn` chain or a list's style link is followed: a cycle is damage.
const MAX_HOPS: usize = 16;
/// Word keeps a level's text under 256 characters; a longer one is damage.
const MAX_LEVEL_TEXT: usize = 255;
/// The longest number written before a paragraph: real ones are a few characters, and a
/// bound keeps a damaged level text from multiplying the document.
const MAX_LABEL: usize = 64;

/// What follows a number: a tab (Word's default), a space or nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Suffix {
    #[default]
    Tab,
    Space,
    Nothing,
}

/// One level of a list.
#[derive(Debug, Clone, Default)]
struct Level {
    /// Word's default start is 0 when `w:start` is missing.
    start: i64,
    format: Format,
    /// `%1、`, `（%2）`, `%1.%2`; a level without one shows no number.
    text: Option<String>,
    /// `w:lvlRestart`: restart after a use of this (1-based) level or a shallower one; 0
    /// never restarts.
    restart: Option<i64>,
    /// Legal numbering: every level's number in digits (1.1 under 一).
    legal: bool,
    suffix: Suffix,
    /// The paragraph style that puts a paragraph on this level.
    style: Option<String>,
}

#[derive(Debug, Clone, Default)]
struct Abstract {
    levels: [Option<Level>; LEVELS],
    /// `w:numStyleLink`: the levels are those of the list the numbering style names.
    style_link: Option<String>,
}

#[derive(Debug, Clone, Default)]
struct Num {
    abstract_id: Option<i64>,
    /// Per level: `w:startOverride` and a whole `w:lvl` that replaces the abstract one.
    starts: [Option<i64>; LEVELS],
    levels: [Option<Level>; LEVELS],
}

#[derive(Debug, Clone, Default)]
struct Style {
    based_on: Option<String>,
    num_id: Option<i64>,
    ilvl: Option<i64>,
}

/// The lists of a Word file and the styles that carry them.
#[derive(Debug, Default)]
pub struct Numbering {
    nums: HashMap<i64, Num>,
    abstracts: HashMap<i64, Abstract>,
    styles: HashMap<String, Style>,
    /// The style of a paragraph that names none.
    default_style: Option<String>,
}

/// A list as Word counts it: the lists (`w:num`) that share an abstract list continue one
/// another's numbers, and one that sets a start (`w:startOverride`) counts on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum ListKey {
    Abstract(i64),
    Num(i64),
}

/// The counters of every list, kept through the walk: the last number each level showed,
/// `None` until it is used or after it restarts.
#[derive(Debug, Default)]
pub struct Counters {
    lists: HashMap<ListKey, [Option<i64>; LEVELS]>,
}

/// The numbering a paragraph asks for in its own properties.
#[derive(Debug, Clone, Default)]
pub struct Request {
    pub num_id: Option<i64>,
    pub ilvl: Option<i64>,
    pub style: Option<String>,
}

impl Numbering {
    /// Reads numbering.xml and styles.xml (either may be missing); what is damaged in them
    /// is said in `warnings` and read no further.
    pub fn read(
        numbering: Option<&str>,
        styles: Option<&str>,
        warnings: &mut Vec<String>,
    ) -> Numbering {
        let mut reader = DefinitionReader::default();
        if let Some(xml) = numbering {
            if let Err(e) = walk(xml, "word/numbering.xml", &mut reader) {
                warnings.push(format!("automatic numbering not fully read: {e}"));
            }
        }
        if let Some(xml) = styles {
            if let Err(e) = walk(xml, "word/styles.xml", &mut reader) {
                warnings.push(format!("paragraph styles not fully read: {e}"));
            }
        }
        reader.numbering
    }

    /// The number Word shows before a paragraph, with the space that follows it, counted
    /// on in `counters`; `None` for a paragraph without a number (or with a bullet).
    pub fn label(&self, counters: &mut Counters, request: &Request) -> Option<String> {
        let (num_id, ilvl) = self.resolve(request)?;
        let num = self.nums.get(&num_id)?;
        let abstract_id = self.abstract_of(num)?;
        let abs = self.abstracts.get(&abstract_id);
        let level = |k: usize| {
            num.levels[k]
                .as_ref()
                .or_else(|| abs.and_then(|a| a.levels[k].as_ref()))
        };
        let start = |k: usize| num.starts[k].or(level(k).map(|l| l.start)).unwrap_or(0);
        let this = level(ilvl)?;
        let key = if num.starts.iter().any(Option::is_some) {
            ListKey::Num(num_id)
        } else {
            ListKey::Abstract(abstract_id)
        };
        let values = counters.lists.entry(key).or_insert([None; LEVELS]);
        values[ilvl] = Some(match values[ilvl] {
            Some(v) => v.saturating_add(1),
            None => start(ilvl),
        });
        for (k, value) in values.iter_mut().enumerate().skip(ilvl + 1) {
            let restart = level(k).and_then(|l| l.restart);
            if restart.is_none_or(|r| r != 0 && (ilvl as i64) < r) {
                *value = None;
            }
        }
        if this.format == Format::Bullet {
            return None;
        }
        let mut label = String::new();
        let mut chars = this.text.as_deref()?.chars().peekable();
        while let Some(c) = chars.next() {
            let placeholder = match (c, chars.peek()) {
                ('%', Some(d @ '1'..='9')) => Some(*d as usize - '1' as usize),
                _ => None,
            };
            let Some(k) = placeholder else {
                label.push(c);
                continue;
            };
            chars.next();
            let value = values[k].unwrap_or_else(|| start(k));
            let format = level(k).map_or(Format::Decimal, |l| l.format);
            let format = if this.legal && format != Format::None {
                Format::Decimal
            } else {
                format
            };
            label.push_str(&written(value, format));
        }
        if label.trim().is_empty() {
            return None;
        }
        if label.chars().count() > MAX_LABEL {
            label = label.chars().take(MAX_LABEL).collect();
        }
        // Word sets a tab after the number; in a line, a space stands for it where the
        // number ends in a digit or a Latin mark (1. 2025年… is not 1.2025年…), and nothing
        // where it ends in Chinese punctuation (一、 （一）), as a person types them.
        let latin_end = label.chars().last().is_some_and(|c| c.is_ascii_graphic());
        if this.suffix != Suffix::Nothing && latin_end {
            label.push(' ');
        }
        Some(label)
    }

    /// The list and level of a paragraph: its own, else its style's (through `basedOn`),
    /// the level then also found from the list level that names the style.
    fn resolve(&self, request: &Request) -> Option<(i64, usize)> {
        let mut num_id = request.num_id;
        let mut ilvl = request.ilvl;
        let mut carrier = None;
        let mut style = request.style.clone().or_else(|| self.default_style.clone());
        for _ in 0..MAX_HOPS {
            let Some(id) = style else { break };
            let Some(s) = self.styles.get(&id) else { break };
            if num_id.is_none() && s.num_id.is_some() {
                num_id = s.num_id;
                carrier = Some(id.clone());
            }
            if ilvl.is_none() {
                ilvl = s.ilvl;
            }
            style = s.based_on.clone();
        }
        let num_id = num_id.filter(|&n| n != 0)?;
        let ilvl = match (ilvl, carrier) {
            (Some(l), _) => l,
            (None, Some(carrier)) => self.level_of_style(num_id, &carrier).unwrap_or(0),
            (None, None) => 0,
        };
        let ilvl = usize::try_from(ilvl).ok().filter(|&l| l < LEVELS)?;
        Some((num_id, ilvl))
    }

    /// The level of list `num_id` that a paragraph style is linked to.
    fn level_of_style(&self, num_id: i64, style: &str) -> Option<i64> {
        let num = self.nums.get(&num_id)?;
        let abs = self.abstracts.get(&self.abstract_of(num)?)?;
        (0..LEVELS)
            .find(|&k| {
                let level = num.levels[k].as_ref().or(abs.levels[k].as_ref());
                level.and_then(|l| l.style.as_deref()) == Some(style)
            })
            .map(|k| k as i64)
    }

    /// The abstract list whose levels a list uses, through a numbering style's link.
    fn abstract_of(&self, num: &Num) -> Option<i64> {
        let mut id = num.abstract_id?;
        for _ in 0..MAX_HOPS {
            let Some(link) = self.abstracts.get(&id).and_then(|a| a.style_link.as_ref()) else {
                break;
            };
            let linked = self
                .styles
                .get(link)
                .and_then(|s| s.num_id)
                .and_then(|n| self.nums.get(&n))
                .and_then(|n| n.abstract_id);
            match linked {
                Some(next) if next != id => id = next,
                _ => break,
            }
        }
        Some(id)
    }
}

/// Reads the list definitions of numbering.xml and the styles of styles.xml in one pass
/// each: both are flat enough that the element open tells where a value belongs.
#[derive(Default)]
struct DefinitionReader {
    numbering: Numbering,
    abstract_list: Option<(i64, Abstract)>,
    num: Option<(i64, Num)>,
    /// The level a `w:lvlOverride` is about.
    override_level: Option<usize>,
    level: Option<(usize, Level)>,
    style: Option<(String, Style, bool)>,
}

fn level_index(e: &Element) -> Option<usize> {
    e.number("ilvl")
        .and_then(|l| usize::try_from(l).ok())
        .filter(|&l| l < LEVELS)
}

impl Visitor for DefinitionReader {
    fn open(&mut self, e: &Element) {
        if e.ns != Ns::W {
            return;
        }
        if let Some((_, level)) = self.level.as_mut() {
            match e.name {
                "start" => level.start = e.number("val").unwrap_or(0),
                "numFmt" => {
                    if let Some(f) = e.val().as_deref().and_then(Format::named) {
                        level.format = f;
                    }
                }
                "lvlText" => {
                    level.text = e
                        .val()
                        .map(|t| t.chars().take(MAX_LEVEL_TEXT).collect::<String>());
                }
                "lvlRestart" => level.restart = e.number("val"),
                "isLgl" => level.legal = e.is_on(),
                "suff" => {
                    level.suffix = match e.val().as_deref() {
                        Some("space") => Suffix::Space,
                        Some("nothing") => Suffix::Nothing,
                        _ => Suffix::Tab,
                    }
                }
                "pStyle" => level.style = e.val(),
                _ => {}
            }
            return;
        }
        match e.name {
            "abstractNum" => {
                self.abstract_list = e
                    .number("abstractNumId")
                    .map(|id| (id, Abstract::default()))
            }
            "numStyleLink" => {
                if let Some((_, a)) = self.abstract_list.as_mut() {
                    a.style_link = e.val();
                }
            }
            "num" => self.num = e.number("numId").map(|id| (id, Num::default())),
            "abstractNumId" => {
                if let Some((_, n)) = self.num.as_mut() {
                    n.abstract_id = e.number("val");
                }
            }
            "lvlOverride" => self.override_level = level_index(e),
            "startOverride" => {
                if let (Some((_, n)), Some(k)) = (self.num.as_mut(), self.override_level) {
                    n.starts[k] = e.number("val");
                }
            }
            "lvl" => self.level = level_index(e).map(|k| (k, Level::default())),
            "style" => {
                let default = e.attr("default").is_some_and(|d| d == "1" || d == "true");
                let paragraph = e.attr("type").is_none_or(|t| t == "paragraph");
                self.style = e
                    .attr("styleId")
                    .map(|id| (id, Style::default(), default && paragraph));
            }
            "basedOn" => {
                if let Some((_, s, _)) = self.style.as_mut() {
                    s.based_on = e.val();
                }
            }
            "numId" => {
                if let Some((_, s, _)) = self.style.as_mut() {
                    s.num_id = e.number("val");
                }
            }
            "ilvl" => {
                if let Some((_, s, _)) = self.style.as_mut() {
                    s.ilvl = e.number("val");
                }
            }
            _ => {}
        }
    }

    fn close(&mut self, ns: Ns, name: &str) {
        if ns != Ns::W {
            return;
        }
        match name {
            "lvl" => {
                let Some((k, level)) = self.level.take() else {
                    return;
                };
                if let (Some((_, n)), Some(_)) = (self.num.as_mut(), self.override_level) {
                    n.levels[k] = Some(level);
                } else if let Some((_, a)) = self.abstract_list.as_mut() {
                    a.levels[k] = Some(level);
                }
            }
            "lvlOverride" => self.override_level = None,
            "abstractNum" => {
                if let Some((id, a)) = self.abstract_list.take() {
                    self.numbering.abstracts.insert(id, a);
                }
            }
            "num" => {
                if let Some((id, n)) = self.num.take() {
                    self.numbering.nums.insert(id, n);
                }
            }
            "style" => {
                if let Some((id, s, default)) = self.style.take() {
                    if default {
                        self.numbering.default_style = Some(id.clone());
                    }
                    self.numbering.styles.insert(id, s);
                }
            }
            _ => {}
        }
    }

    fn text(&mut self, _: &str) {}
}
