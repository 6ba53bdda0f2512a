//! Strings checked against what the corpus holds: comparing `dept` with a unit no document
//! names is most likely a typo, so say so ("no unit named 区经济发展 — did you mean 区经济发展局?").

use super::ast::CmpOp;
use super::compare::fold;
use super::entity::{self, Kind};
use super::fields::FieldDef;
use super::{suggest, Value};
use crate::model::Corpus;
use std::collections::HashSet;

pub struct Vocab<'c> {
    corpus: &'c Corpus,
    pub warnings: Vec<String>,
}

impl<'c> Vocab<'c> {
    pub fn new(corpus: &'c Corpus) -> Self {
        Vocab {
            corpus,
            warnings: Vec::new(),
        }
    }

    /// Notes a warning when `field op text` can match nothing the corpus holds. The scan
    /// stops at the first match, so a correct query pays little.
    pub fn check(&mut self, op: CmpOp, kind: Kind, field: &'static FieldDef, text: &str) {
        let Some(label) = field.vocab else { return };
        if let Some(choices) = fixed_choices(label) {
            self.check_choice(op, label, choices, text);
            return;
        }
        let wanted = fold(text);
        let matches = |known: &str| match op {
            CmpOp::Eq | CmpOp::Ne => fold(known) == wanted,
            CmpOp::Contains => fold(known).contains(wanted.as_ref()),
            _ => true,
        };
        let mut known = Vec::new();
        // Vocabulary fields read their own row only; the day does not matter to them.
        let world = entity::World {
            corpus: self.corpus,
            as_of: chrono::NaiveDate::default(),
            indexes: None,
        };
        for row in entity::rows(self.corpus, kind) {
            for value in flatten((field.get)(&row, &world).into_value()) {
                if matches(&value) {
                    return;
                }
                known.push(value);
            }
        }
        if known.is_empty() {
            return;
        }
        let mut warning = match op {
            CmpOp::Contains => format!("no {label} contains \"{text}\""),
            _ => format!("no {label} named {text}"),
        };
        let mut seen = HashSet::new();
        known.retain(|k| !k.is_empty() && seen.insert(k.clone()));
        let near = self
            .office_meant(label, text)
            .filter(|office| known.contains(office))
            .or_else(|| {
                suggest::closest_value(text, known.iter().map(String::as_str)).map(str::to_string)
            });
        if let Some(near) = near {
            warning += &format!(" — did you mean {near}?");
        }
        self.note(warning);
    }

    /// `发改` for an office: the office that spelling means (发展和改革), by the same table
    /// and aliases the units were read with.
    fn office_meant(&self, label: &str, text: &str) -> Option<String> {
        (label == "office")
            .then(|| crate::ingest::office::read(text, None, &self.corpus.aliases).office)
            .flatten()
            .filter(|office| office != text)
    }

    fn note(&mut self, warning: String) {
        if !self.warnings.contains(&warning) {
            self.warnings.push(warning);
        }
    }

    /// A field whose values are a fixed set (a pace, an alert): the literal must be one of
    /// them, whether or not a row has it today.
    fn check_choice(&mut self, op: CmpOp, label: &str, choices: &[&str], text: &str) {
        let wanted = fold(text);
        let fits = |c: &&str| match op {
            CmpOp::Contains => c.contains(wanted.as_ref()),
            _ => **c == wanted,
        };
        if choices.iter().any(fits) {
            return;
        }
        let mut warning = format!(
            "no {label} is called {text}: it is one of {}",
            choices.join(", ")
        );
        if let Some(near) = suggest::closest_value(text, choices.iter().copied()) {
            warning += &format!(" — did you mean {near}?");
        }
        self.note(warning);
    }
}

/// The values of the fields computed from fixed sets, by their vocabulary label.
fn fixed_choices(label: &str) -> Option<&'static [&'static str]> {
    match label {
        "pace" => Some(super::pace::PACES),
        "alert" => Some(super::pace::ALERTS),
        "status" => Some(crate::model::Status::NAMES),
        "document kind" => Some(crate::model::DocumentKind::NAMES),
        _ => None,
    }
}

/// A field's value as the strings it holds.
fn flatten(v: Value) -> Vec<String> {
    match v {
        Value::List(items) => items.into_iter().flat_map(flatten).collect(),
        Value::Null => Vec::new(),
        v => vec![v.to_string()],
    }
}
