//! Strings checked against what the corpus holds: comparing `dept` with a unit no document
//! names is most likely a typo, so say so ("no unit named 区经济发展 — did you mean 区经济发展局?").

use super::ast::CmpOp;
use super::compare::fold;
use super::entity::{self, Kind};
use super::fields::FieldDef;
use super::{suggest, Value};
use crate::model::Corpus;
use std::collections::HashMap;

pub struct Vocab<'c> {
    corpus: &'c Corpus,
    known: HashMap<(Kind, &'static str), Vec<String>>,
    pub warnings: Vec<String>,
}

impl<'c> Vocab<'c> {
    pub fn new(corpus: &'c Corpus) -> Self {
        Vocab {
            corpus,
            known: HashMap::new(),
            warnings: Vec::new(),
        }
    }

    /// Notes a warning when `field op text` can match nothing the corpus holds.
    pub fn check(&mut self, op: CmpOp, kind: Kind, field: &'static FieldDef, text: &str) {
        let Some(label) = field.vocab else { return };
        let corpus = self.corpus;
        let known = self
            .known
            .entry((kind, field.name))
            .or_insert_with(|| known_values(corpus, kind, field));
        if known.is_empty() {
            return;
        }
        let wanted = fold(text);
        let found = match op {
            CmpOp::Eq | CmpOp::Ne => known.iter().any(|k| fold(k) == wanted),
            CmpOp::Contains => known.iter().any(|k| fold(k).contains(wanted.as_ref())),
            _ => true,
        };
        if found {
            return;
        }
        let mut warning = match op {
            CmpOp::Contains => format!("no {label} contains \"{text}\""),
            _ => format!("no {label} named {text}"),
        };
        if let Some(near) = suggest::closest_value(text, known.iter().map(String::as_str)) {
            warning += &format!(" — did you mean {near}?");
        }
        if !self.warnings.contains(&warning) {
            self.warnings.push(warning);
        }
    }
}

/// Every distinct value of a field over all rows of its kind, lists flattened.
fn known_values(corpus: &Corpus, kind: Kind, field: &FieldDef) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for row in entity::rows(corpus, kind) {
        let mut push = |v: &Value| {
            let s = v.to_string();
            if !s.is_empty() && !out.contains(&s) {
                out.push(s);
            }
        };
        match (field.get)(&row).into_value() {
            Value::List(items) => items.iter().for_each(&mut push),
            v => push(&v),
        }
    }
    out
}
