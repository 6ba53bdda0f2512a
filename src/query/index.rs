//! Equality indexes a session builds as it goes: for a text field of a source, which rows
//! hold each (folded) text, so `tasks where dept = "区经济发展局"` reads its rows instead
//! of testing every one.
//!
//! An index is built the second time a session filters on the same field (a one-off query
//! never pays for one), lives as long as the session's [`super::Env`], and is dropped when
//! the documents it was built from change.

use super::compare::equality_key;
use super::entity::{self, Ent, Ev, Kind, World};
use super::fields::FieldDef;
use super::plan::Node;
use super::Value;
use crate::model::Corpus;
use rustc_hash::{FxHashMap, FxHasher};
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex, PoisonError};

/// Filters on a field before its index is built: the first scans like any query.
const USES_BEFORE_INDEX: u32 = 2;

/// The indexes of one session, shared by the clones of its [`super::Env`] (a statement
/// runs on a thread of its own with a clone).
#[derive(Clone, Default)]
pub struct Indexes(Arc<Mutex<Built>>);

impl std::fmt::Debug for Indexes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let built = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        write!(f, "Indexes({} built)", built.by_field.len())
    }
}

#[derive(Default)]
struct Built {
    /// Which documents the indexes describe (see [`fingerprint`]).
    corpus: u64,
    uses: FxHashMap<FieldPath, u32>,
    /// `None`: the field yields something besides text, so it is scanned.
    by_field: FxHashMap<FieldPath, Option<Arc<Postings>>>,
}

/// A source and a field path from its rows (`tasks`, `target.unit`).
#[derive(Clone, PartialEq, Eq, Hash)]
struct FieldPath {
    kind: Kind,
    path: Vec<&'static str>,
}

/// For one field: the ordinals (in source order) of the rows holding each folded text.
struct Postings {
    rows: FxHashMap<Box<str>, Vec<u32>>,
}

/// An `=` between a field path and a text literal, the kind of condition an index answers.
struct Equality<'n> {
    chain: &'n [&'static FieldDef],
    folded: &'n str,
}

impl Indexes {
    /// Forgets every index (the documents changed).
    pub fn clear(&self) {
        *self.0.lock().unwrap_or_else(PoisonError::into_inner) = Built::default();
    }

    /// The rows of `kind` that may satisfy `cond`, in source order, when an index answers
    /// one of its `and`-ed equalities; `None` when every row must be tested. The rows left
    /// out are exactly those an indexed equality rejects, so testing `cond` on the rest
    /// keeps the same rows a scan keeps.
    pub fn candidates<'a>(
        &self,
        world: &World<'a>,
        kind: Kind,
        cond: &Node,
    ) -> Option<Vec<Ent<'a>>> {
        let mut equalities = Vec::new();
        conjuncts(cond, &mut equalities);
        if equalities.is_empty() {
            return None;
        }
        let corpus = fingerprint(world.corpus);
        let mut built = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        if built.corpus != corpus {
            *built = Built {
                corpus,
                ..Built::default()
            };
        }
        let mut lists: Vec<&[u32]> = Vec::new();
        let mut indexes = Vec::new();
        for eq in &equalities {
            let key = FieldPath {
                kind,
                path: eq.chain.iter().map(|d| d.name).collect(),
            };
            let uses = built.uses.entry(key.clone()).or_insert(0);
            *uses += 1;
            if *uses < USES_BEFORE_INDEX {
                continue;
            }
            let index = built
                .by_field
                .entry(key)
                .or_insert_with(|| build(world, kind, eq.chain).map(Arc::new))
                .clone();
            if let Some(index) = index {
                indexes.push((index, eq.folded));
            }
        }
        drop(built);
        if indexes.is_empty() {
            return None;
        }
        for (index, folded) in &indexes {
            lists.push(index.rows.get(*folded).map_or(&[], Vec::as_slice));
        }
        Some(rows_at(world.corpus, kind, &intersect(lists)))
    }
}

/// The indexable equalities among the `and`-ed conditions of `cond`.
fn conjuncts<'n>(cond: &'n Node, out: &mut Vec<Equality<'n>>) {
    match cond {
        Node::And(a, b) => {
            conjuncts(a, out);
            conjuncts(b, out);
        }
        Node::Cmp {
            op: super::ast::CmpOp::Eq,
            lhs,
            rhs,
            folded: Some(folded),
            ..
        } => {
            let chain = match (&**lhs, &**rhs) {
                (Node::Field(chain), Node::Lit(Value::Str(_)))
                | (Node::Lit(Value::Str(_)), Node::Field(chain)) => chain,
                _ => return,
            };
            let text = chain
                .last()
                .is_some_and(|d| d.ty.trim_end_matches("[]") == "text");
            if text && !chain.iter().any(|d| d.reads_world) {
                out.push(Equality { chain, folded });
            }
        }
        _ => {}
    }
}

/// The postings of one field over every row of `kind`; `None` if a row's value is not text.
fn build(world: &World, kind: Kind, chain: &[&'static FieldDef]) -> Option<Postings> {
    let mut rows: FxHashMap<Box<str>, Vec<u32>> = FxHashMap::default();
    for (ordinal, ent) in entity::rows(world.corpus, kind).enumerate() {
        let ordinal = u32::try_from(ordinal).ok()?;
        let value = super::eval::follow(chain, Ev::E(ent), world).into_value();
        let mut texts = Vec::new();
        if !collect_texts(&value, &mut texts) {
            return None;
        }
        for text in texts {
            let key = equality_key(text);
            match rows.get_mut(key.as_ref()) {
                // A list may hold one text twice; the row is listed once.
                Some(list) if list.last() == Some(&ordinal) => {}
                Some(list) => list.push(ordinal),
                None => {
                    rows.insert(key.into(), vec![ordinal]);
                }
            }
        }
    }
    Some(Postings { rows })
}

/// The texts of a value into `out`; false when it holds anything else.
fn collect_texts<'v>(value: &'v Value, out: &mut Vec<&'v str>) -> bool {
    match value {
        Value::Null => true,
        Value::Str(s) | Value::Date(s) => {
            out.push(s);
            true
        }
        Value::List(items) => items.iter().all(|v| collect_texts(v, out)),
        _ => false,
    }
}

/// The ordinals every list holds, ascending (each list is ascending).
fn intersect(mut lists: Vec<&[u32]>) -> Vec<u32> {
    lists.sort_by_key(|l| l.len());
    let Some((shortest, rest)) = lists.split_first() else {
        return Vec::new();
    };
    shortest
        .iter()
        .copied()
        .filter(|o| rest.iter().all(|l| l.binary_search(o).is_ok()))
        .collect()
}

/// The rows of `kind` at the given ascending ordinals, reading only the documents that
/// hold one.
fn rows_at<'a>(corpus: &'a Corpus, kind: Kind, ordinals: &[u32]) -> Vec<Ent<'a>> {
    let mut out = Vec::with_capacity(ordinals.len());
    let mut wanted = ordinals.iter().map(|&o| o as usize).peekable();
    let mut start = 0;
    for doc in &corpus.documents {
        let Some(&next) = wanted.peek() else { break };
        let count = entity::count(doc, kind);
        if next < start + count {
            let rows = entity::children(doc, kind);
            while let Some(at) = wanted.next_if(|&o| o < start + count) {
                out.extend(rows.get(at - start).copied());
            }
        }
        start += count;
    }
    out
}

/// Which documents, as loaded, a corpus holds: where each one's rows are and how many.
/// A document loaded again (or added, or dropped) changes it.
fn fingerprint(corpus: &Corpus) -> u64 {
    let mut h = FxHasher::default();
    corpus.documents.as_ptr().hash(&mut h);
    corpus.documents.len().hash(&mut h);
    for d in &corpus.documents {
        (d.file.as_ptr(), d.tasks.as_ptr(), d.tasks.len()).hash(&mut h);
        (d.sections.len(), d.indicators.len(), d.columns.len()).hash(&mut h);
    }
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intersection_keeps_what_every_list_holds_in_order() {
        let (a, b, c) = ([1, 4, 7, 9], [0, 4, 9, 12], [4, 5, 9]);
        assert_eq!(intersect(vec![&a, &b, &c]), [4, 9]);
        assert_eq!(intersect(vec![&a, &[]]), Vec::<u32>::new());
    }
}
