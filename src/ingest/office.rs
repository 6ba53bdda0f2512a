//! Unit names read as offices: 区发改局, 县发展改革局 and 市发展和改革委员会 are one office
//! (发展和改革) at three levels. The rules are the table in `data/offices.csv`, built in;
//! a user's `--aliases` file is read before it.
//!
//! This lives in the ingest, not the model, because it recognises written text (and folds
//! traditional characters with `hant`); it runs once when documents are loaded, and the
//! model keeps only what it found ([`UnitOffice`], per document).

use super::hant;
use crate::model::{Corpus, UnitOffice};
use std::sync::OnceLock;

/// A place prefix longer than this is no place (沂河源田园综合体山东财经大学…): 淄博市沂源县.
const MAX_PLACE_CHARS: usize = 6;

/// The rules, by table.
#[derive(Debug, Default)]
struct Table {
    /// (spelling, office), longest spelling first so the first found at a place is the longest.
    offices: Vec<(String, String)>,
    levels: Vec<(String, String)>,
    /// (suffix, kind), longest first.
    kinds: Vec<(String, String)>,
    generic: Vec<String>,
    seats: Vec<(String, String)>,
}

fn builtin() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = Table::default();
        // A test below reads every row, so a broken table fails the build's tests.
        for (line, row) in rows(include_str!("../../data/offices.csv")).flatten() {
            let [name, written, means] = [0, 1, 2].map(|i| row.get(i).cloned().unwrap_or_default());
            let pair = (written, means.clone());
            match name.as_str() {
                "office" => table.offices.push(pair),
                "level" => table.levels.push(pair),
                "kind" => table.kinds.push(pair),
                "seat" => table.seats.push(pair),
                "generic" => table.generic.push(pair.0),
                _ => debug_assert!(false, "data/offices.csv:{line}: no table named {name}"),
            }
        }
        by_length(&mut table.offices);
        by_length(&mut table.kinds);
        by_length(&mut table.levels);
        table
    })
}

fn by_length(pairs: &mut [(String, String)]) {
    pairs.sort_by_key(|(w, _)| std::cmp::Reverse(w.chars().count()));
}

/// The rows of a table file with their line numbers (read by the csv crate: quoted fields,
/// `#` comments and blank lines skipped, fields trimmed, a byte order mark dropped).
fn rows(text: &str) -> impl Iterator<Item = Result<(usize, Vec<String>), String>> + '_ {
    let text = text.trim_start_matches('\u{feff}');
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .comment(Some(b'#'))
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes())
        .into_records()
        .filter_map(|record| match record {
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line() as usize);
                Some(Err(format!("line {line}: {e}")))
            }
            Ok(record) => {
                let line = record.position().map_or(0, |p| p.line() as usize);
                let fields: Vec<String> = record.iter().map(str::to_string).collect();
                (!fields.iter().all(String::is_empty)).then_some(Ok((line, fields)))
            }
        })
}

/// Reads a user alias file: rows of `name,office` (a unit name as written, or any spelling
/// of an office), `#` comments; a first row `name,office` is a header. Errors name the line.
pub fn read_aliases(text: &str) -> Result<Vec<(String, String)>, String> {
    let mut out = Vec::new();
    for row in rows(text) {
        let (line, row) = row?;
        match row.as_slice() {
            [name, office] if name == "name" && office == "office" && out.is_empty() => {}
            [name, office] if !name.is_empty() && !office.is_empty() => {
                out.push((hant::to_simplified(name), hant::to_simplified(office)));
            }
            _ => {
                return Err(format!(
                    "line {line}: expected `name,office` (two fields, neither empty), found `{}`",
                    row.join(",")
                ))
            }
        }
    }
    by_length(&mut out);
    Ok(out)
}

/// Reads the offices of the documents that have none read yet (those loaded through
/// [`super::load_all`] had theirs read as they were parsed, with the same aliases).
pub fn assign_missing(corpus: &mut Corpus) {
    let aliases = &corpus.aliases;
    // Cached documents come with theirs: no thread is started for nothing to do.
    let mut unread: Vec<&mut crate::model::Document> = corpus
        .documents
        .iter_mut()
        .filter(|doc| doc.offices.is_empty())
        .collect();
    super::parallel::each_mut(&mut unread, |doc| assign_one(doc, aliases));
}

/// Reads what each unit name of one document means, each name once: a unit leads many
/// tasks of a document.
pub fn assign_one(doc: &mut crate::model::Document, aliases: &[(String, String)]) {
    let region = doc.region.as_deref();
    let names: std::collections::BTreeSet<&String> = doc
        .tasks
        .iter()
        .flat_map(|t| t.lead.iter().chain(&t.support))
        .collect();
    let offices = names
        .into_iter()
        .map(|name| (name.clone(), read(name, region, aliases)))
        .collect();
    doc.offices = offices;
}

/// Reads one unit name, as written in a document for `region`.
pub fn read(name: &str, region: Option<&str>, aliases: &[(String, String)]) -> UnitOffice {
    let table = builtin();
    let name = hant::to_simplified(name.trim());
    let region = region.map(hant::to_simplified);
    let region_level = region.as_deref().and_then(|r| table.level_at_end(r));
    let kind = table.kind(&name);
    if table.generic.iter().any(|w| name.contains(w.as_str())) || table.is_level(&name) {
        return UnitOffice {
            level: table.first_level(&name).or(region_level),
            office: None,
            kind,
            generic: true,
            derived: true,
        };
    }
    let place = Place::new(region.as_deref());
    let found = [aliases, table.offices.as_slice()]
        .into_iter()
        .find_map(|spellings| find_office(&name, spellings, &place));
    if let Some((start, office)) = found {
        let prefix: String = name.chars().take(start).collect();
        if office.is_some() {
            return UnitOffice {
                level: table.last_level(&prefix).or(region_level),
                office,
                kind,
                generic: false,
                derived: true,
            };
        }
    }
    let stripped = place.strip(&name);
    let without_kind = table.strip_kind(stripped);
    if let Some(level) = table.level_at_end(without_kind) {
        // A bare place name (嘉明经济开发区, 南麻镇人民政府): the body that runs it.
        let seat = table.seats.iter().find(|(l, _)| *l == level);
        return UnitOffice {
            office: seat.map(|(_, office)| office.clone()),
            level: Some(level),
            kind,
            generic: false,
            derived: seat.is_some(),
        };
    }
    UnitOffice {
        level: table
            .last_level(&prefix_of(&name, stripped))
            .or(region_level),
        office: Some(without_kind.to_string()),
        kind,
        generic: false,
        derived: false,
    }
}

/// What `strip` took off the front of `name`.
fn prefix_of(name: &str, stripped: &str) -> String {
    name.strip_suffix(stripped).unwrap_or_default().to_string()
}

/// The earliest spelling in `name` after a place prefix, longest first: its char offset and
/// office. A second spelling after it (安监环保局) makes the office merged: `Some((at, None))`,
/// and the name is then read as having no known office.
fn find_office(
    name: &str,
    spellings: &[(String, String)],
    place: &Place,
) -> Option<(usize, Option<String>)> {
    let offsets: Vec<usize> = name.char_indices().map(|(i, _)| i).collect();
    for (at, &byte) in offsets.iter().enumerate() {
        let rest = &name[byte..];
        let Some((written, office)) = spellings.iter().find(|(w, _)| rest.starts_with(w.as_str()))
        else {
            continue;
        };
        if !place.is_prefix(&name[..byte]) {
            continue;
        }
        let after = &rest[written.len()..];
        let merged = builtin()
            .offices
            .iter()
            .any(|(w, o)| o != office && after.contains(w.as_str()));
        return Some((at, (!merged).then(|| office.clone())));
    }
    None
}

/// The document's region, to tell a place prefix (沂源县, 沂源, 区委, 县委县直) from words.
struct Place {
    region: Option<String>,
    /// The region without its level word: 沂源县 → 沂源.
    short: Option<String>,
}

impl Place {
    fn new(region: Option<&str>) -> Self {
        let table = builtin();
        let short = region.and_then(|r| {
            let (word, _) = table.levels.iter().find(|(w, _)| r.ends_with(w.as_str()))?;
            let short = r.strip_suffix(word.as_str())?;
            (short.chars().count() >= 2).then(|| short.to_string())
        });
        Place {
            region: region.map(str::to_string),
            short,
        }
    }

    /// A prefix before an office: empty, or a short text that ends in a place word, a
    /// party committee (区委, 区工委), a 直 (县直), or the region's short name.
    fn is_prefix(&self, prefix: &str) -> bool {
        let table = builtin();
        prefix.is_empty()
            || prefix.chars().count() <= MAX_PLACE_CHARS
                && (table
                    .levels
                    .iter()
                    .any(|(w, _)| prefix.ends_with(w.as_str()))
                    || prefix.ends_with('委')
                    || prefix.ends_with('直')
                    || self.short.as_deref().is_some_and(|s| prefix.ends_with(s)))
    }

    /// `name` without its place: the region or its short name, then one leading place of
    /// up to four characters and its level word (临河区, 区).
    fn strip<'n>(&self, name: &'n str) -> &'n str {
        let mut rest = name;
        for place in [&self.region, &self.short].into_iter().flatten() {
            rest = rest.strip_prefix(place.as_str()).unwrap_or(rest);
        }
        let chars: Vec<(usize, char)> = rest.char_indices().collect();
        let cut = (0..chars.len().min(5)).rev().find_map(|i| {
            let (byte, c) = chars[i];
            let end = byte + c.len_utf8();
            let word_before = i > 0
                && matches!(
                    (chars[i - 1].1, c),
                    ('城', '市') | ('社' | '园' | '小', '区')
                );
            let is_level = "省市县区".contains(c) && !word_before;
            (is_level && rest[end..].chars().count() >= 2).then_some(end)
        });
        cut.map_or(rest, |end| &rest[end..])
    }
}

impl Table {
    /// The level of the longest place word `text` ends with.
    fn level_at_end(&self, text: &str) -> Option<String> {
        self.levels
            .iter()
            .find(|(w, _)| text.ends_with(w.as_str()))
            .map(|(_, l)| l.clone())
    }

    /// A name that is only a place word (街道, 镇街): the places of that level, collectively.
    fn is_level(&self, name: &str) -> bool {
        self.levels.iter().any(|(w, _)| w == name)
    }

    /// The level of the place word found first in `text` (各镇 → 乡镇).
    fn first_level(&self, text: &str) -> Option<String> {
        self.levels_in(text).into_iter().next()
    }

    /// The level of the place word found last in `text` (淄博市沂源县 → 县).
    fn last_level(&self, text: &str) -> Option<String> {
        self.levels_in(text).pop()
    }

    /// The levels of the place words in `text`, in order: the longest word at each place,
    /// and none inside another (开发区 is not also 区).
    fn levels_in(&self, text: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut free_from = 0;
        for (i, _) in text.char_indices() {
            if i < free_from {
                continue;
            }
            if let Some((w, l)) = self
                .levels
                .iter()
                .find(|(w, _)| text[i..].starts_with(w.as_str()))
            {
                out.push(l.clone());
                free_from = i + w.len();
            }
        }
        out
    }

    /// The kind of body a name ends with (委员会 → 委).
    fn kind(&self, name: &str) -> Option<String> {
        self.kinds
            .iter()
            .find(|(s, _)| name.ends_with(s.as_str()) && name != s)
            .map(|(_, k)| k.clone())
    }

    fn strip_kind<'n>(&self, name: &'n str) -> &'n str {
        self.kinds
            .iter()
            .find_map(|(s, _)| name.strip_suffix(s.as_str()).filter(|r| !r.is_empty()))
            .unwrap_or(name)
    }
}

#[cfg(test)]
mod tests;
