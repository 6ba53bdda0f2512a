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
        let wanted = fold(text);
        let matches = |known: &str| match op {
            CmpOp::Eq | CmpOp::Ne => fold(known) == wanted,
            CmpOp::Contains => fold(known).contains(wanted.as_ref()),
            _ => true,
        };
        let mut known = Vec::new();
        for row in entity::rows(self.corpus, kind) {
            for value in flatten((field.get)(&row).into_value()) {
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
        if let Some(near) = suggest::closest_value(text, known.iter().map(String::as_str)) {
            warning += &format!(" — did you mean {near}?");
        }
        if !self.warnings.contains(&warning) {
            self.warnings.push(warning);
        }
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
