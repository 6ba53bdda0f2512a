//! The values worth completing inside a string: names read from the loaded documents.

use crate::model::{Comparator, Corpus, DocumentKind};
use std::collections::BTreeSet;

/// Known values, each list sorted and without repeats. Rebuilt when `.load` adds documents.
#[derive(Debug, Default, Clone)]
pub struct Vocab {
    /// Every lead and support unit named in a responsibility note.
    pub departments: Vec<String>,
    pub regions: Vec<String>,
    /// Units of measure of targets and indicators (家, 亿元, %).
    pub units: Vec<String>,
    /// 预期性 / 约束性 and whatever else the indicator tables say.
    pub attributes: Vec<String>,
    pub doc_numbers: Vec<String>,
}

/// Roles a unit plays in a responsibility note (the `role` field of `units`).
const ROLES: &[&str] = &["lead", "support"];
const KINDS: &[DocumentKind] = &[DocumentKind::AnnualTasks, DocumentKind::FiveYearPlan];
const COMPARATORS: &[Comparator] = &[
    Comparator::Eq,
    Comparator::Ge,
    Comparator::Le,
    Comparator::Approx,
    Comparator::Range,
];

impl Vocab {
    pub fn from_corpus(corpus: &Corpus) -> Self {
        let docs = &corpus.documents;
        let tasks = || docs.iter().flat_map(|d| &d.tasks);
        let indicators = || docs.iter().flat_map(|d| &d.indicators);
        Vocab {
            departments: sorted(tasks().flat_map(|t| t.lead.iter().chain(&t.support))),
            regions: sorted(docs.iter().filter_map(|d| d.region.as_ref())),
            units: sorted(
                tasks()
                    .flat_map(|t| t.targets.iter().map(|g| &g.unit))
                    .chain(indicators().filter_map(|i| i.unit.as_ref())),
            ),
            attributes: sorted(indicators().filter_map(|i| i.attribute.as_ref())),
            doc_numbers: sorted(docs.iter().filter_map(|d| d.doc_number.as_ref())),
        }
    }

    /// The values that make sense for `field` (the last segment of a path such as
    /// `doc.region`) in a query over `source`; `None` when the field has no telling set.
    pub fn values_for(&self, field: &str, source: Option<&str>) -> Option<Vec<&str>> {
        fn strs(v: &[String]) -> Vec<&str> {
            v.iter().map(String::as_str).collect()
        }
        Some(match field {
            "dept" | "lead" | "support" => strs(&self.departments),
            // In `units` rows the unit is a government body, elsewhere a unit of measure.
            "name" | "unit" if source == Some("units") => strs(&self.departments),
            "unit" | "base_unit" => strs(&self.units),
            "region" => strs(&self.regions),
            "attribute" => strs(&self.attributes),
            "doc_number" => strs(&self.doc_numbers),
            "role" => ROLES.to_vec(),
            "kind" => KINDS.iter().map(|k| k.as_str()).collect(),
            "cmp" => COMPARATORS.iter().map(|c| c.as_str()).collect(),
            _ => return None,
        })
    }

    /// What people search free text for (`text ~ "…"`): units and regions.
    pub fn names(&self) -> Vec<&str> {
        self.departments
            .iter()
            .chain(&self.regions)
            .map(String::as_str)
            .collect()
    }
}

fn sorted<'a>(items: impl Iterator<Item = &'a String>) -> Vec<String> {
    let set: BTreeSet<&str> = items.map(|s| s.trim()).filter(|s| !s.is_empty()).collect();
    set.into_iter().map(str::to_owned).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Document, Task};

    fn task(lead: &[&str], support: &[&str]) -> Task {
        Task { note: None,
            no: "1".into(),
            section: None,
            title: String::new(),
            text: String::new(),
            line: 1,
            lead: lead.iter().map(|s| s.to_string()).collect(),
            support: support.iter().map(|s| s.to_string()).collect(),
            due: None,
            targets: Vec::new(),
        }
    }

    #[test]
    fn departments_are_lead_and_support_without_repeats() {
        let mut doc = Document::new("a.txt", DocumentKind::AnnualTasks);
        doc.region = Some("沂源县".into());
        doc.tasks = vec![
            task(&["县发展改革局"], &["县财政局"]),
            task(&["县财政局"], &[]),
        ];
        let vocab = Vocab::from_corpus(&Corpus {
            documents: vec![doc],
        });
        assert_eq!(vocab.departments, ["县发展改革局", "县财政局"]);
        assert_eq!(vocab.values_for("region", None), Some(vec!["沂源县"]));
        assert_eq!(
            vocab.values_for("name", Some("units")).map(|v| v.len()),
            Some(2)
        );
        assert_eq!(vocab.values_for("name", Some("tasks")), None);
        assert_eq!(vocab.names(), ["县发展改革局", "县财政局", "沂源县"]);
    }
}
