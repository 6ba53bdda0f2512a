//! The values worth completing inside a string — unit names, regions, units of measure —
//! read from the loaded documents through the query engine itself, one list for each
//! vocabulary that `query::fields` marks on its fields (the same lists its "no unit named …"
//! warnings check against).

use crate::model::Corpus;
use crate::query::{self, fields, Value};
use std::collections::{BTreeMap, BTreeSet};

/// The vocabulary of government bodies (`lead`, `support`, `dept`, `units.name`).
const UNITS: &str = "unit";
const REGIONS: &str = "region";

/// Known values by vocabulary label, each list sorted and without repeats. Rebuilt when
/// `.load` adds documents.
#[derive(Debug, Default, Clone)]
pub struct Vocab {
    lists: BTreeMap<&'static str, Vec<String>>,
    /// Queries named with `let` in the session, each with the source it starts from, so a
    /// statement may start from one and complete its fields.
    pub lets: Vec<(String, &'static str)>,
}

impl Vocab {
    pub fn from_corpus(corpus: &Corpus) -> Self {
        let mut sets: BTreeMap<&'static str, BTreeSet<String>> = BTreeMap::new();
        for source in fields::sources() {
            for def in fields::fields(source).unwrap_or_default() {
                let Some(label) = def.vocab else { continue };
                let Ok(out) = query::run(corpus, &format!("{source} select {}", def.name)) else {
                    continue;
                };
                let set = sets.entry(label).or_default();
                for value in out.rows.rows.into_iter().flatten() {
                    collect(value, set);
                }
            }
        }
        Vocab {
            lists: sets
                .into_iter()
                .map(|(label, set)| (label, set.into_iter().collect()))
                .collect(),
            lets: Vec::new(),
        }
    }

    fn list(&self, label: &str) -> &[String] {
        self.lists.get(label).map_or(&[], Vec::as_slice)
    }

    /// Every lead and support unit named in a responsibility note.
    pub fn departments(&self) -> &[String] {
        self.list(UNITS)
    }

    pub fn regions(&self) -> &[String] {
        self.list(REGIONS)
    }

    /// The values `source.field` can take, or `None` if the field has no vocabulary.
    pub fn values_for(&self, source: &str, field: &str) -> Option<Vec<&str>> {
        let def = fields::fields(source)?.iter().find(|f| f.name == field)?;
        Some(self.list(def.vocab?).iter().map(String::as_str).collect())
    }

    /// What people search free text for (`text ~ "…"`): units and regions.
    pub fn names(&self) -> Vec<&str> {
        self.departments()
            .iter()
            .chain(self.regions())
            .map(String::as_str)
            .collect()
    }

    /// A vocabulary from literal lists, for tests of what uses it.
    #[cfg(test)]
    pub fn from_lists(lists: &[(&'static str, &[&str])]) -> Self {
        Vocab {
            lists: lists
                .iter()
                .map(|(label, values)| (*label, values.iter().map(|v| v.to_string()).collect()))
                .collect(),
            lets: Vec::new(),
        }
    }
}

fn collect(value: Value, set: &mut BTreeSet<String>) {
    match value {
        Value::List(items) => items.into_iter().for_each(|v| collect(v, set)),
        Value::Null => {}
        v => {
            let text = v.to_string();
            if !text.trim().is_empty() {
                set.insert(text.trim().to_owned());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::repl::fixture::{corpus, task};

    #[test]
    fn departments_are_lead_and_support_without_repeats() {
        let vocab = Vocab::from_corpus(&corpus(vec![
            task("1", "甲。", &["县发展改革局"], &["县财政局"]),
            task("2", "乙。", &["县财政局"], &[]),
        ]));
        assert_eq!(vocab.departments(), ["县发展改革局", "县财政局"]);
        assert_eq!(vocab.values_for("docs", "region"), Some(vec!["沂源县"]));
        assert_eq!(vocab.values_for("units", "name").map(|v| v.len()), Some(2));
        assert_eq!(vocab.values_for("tasks", "title"), None);
        assert_eq!(vocab.names(), ["县发展改革局", "县财政局", "沂源县"]);
    }

    #[test]
    fn the_seeds_name_units_and_regions() {
        let vocab = Vocab::from_corpus(&crate::ingest::seed_corpus());
        assert!(vocab.departments().len() > 20, "{:?}", vocab.departments());
        assert!(
            vocab.regions().iter().any(|r| r == "沂源县"),
            "{:?}",
            vocab.regions()
        );
    }
}
