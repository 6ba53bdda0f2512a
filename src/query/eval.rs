//! Runs a [`Plan`] over the corpus: rows in, steps applied in order, a table out.

use super::aggregate;
use super::compare::{self, fold};
use super::entity::{self, Ent, Ev};
use super::plan::{Node, Plan, Step};
use super::{Rows, Value};
use crate::error::QueryError;
use crate::model::Corpus;
use std::collections::HashMap;

type Result<T> = std::result::Result<T, QueryError>;

/// A row between steps: an entity, or a group of rows, and the columns made so far.
#[derive(Debug, Clone)]
pub struct Row<'a> {
    pub ent: Option<Ent<'a>>,
    pub members: Vec<Row<'a>>,
    pub keys: Vec<Value>,
    pub cols: Vec<Value>,
}

impl<'a> Row<'a> {
    fn of(ent: Ent<'a>) -> Self {
        Row {
            ent: Some(ent),
            members: Vec::new(),
            keys: Vec::new(),
            cols: Vec::new(),
        }
    }
}

/// What `any`/`all` bound: an entity (a target) or a plain value (one lead).
#[derive(Debug, Clone)]
pub enum Item<'a> {
    E(Ent<'a>),
    V(Value),
}

/// Where a node is evaluated.
#[derive(Clone, Copy)]
pub struct Cx<'r, 'a> {
    pub row: &'r Row<'a>,
    pub bound: Option<&'r Item<'a>>,
}

/// How many items `any`/`all` may test in one statement: quantifiers nested over the same
/// list multiply (any(targets, any(targets, …)) over a document's 300 targets is 300⁴), and a
/// statement past this is an error instead of a hang.
const MAX_QUANTIFIED_ITEMS: u64 = 10_000_000;

thread_local! {
    /// Items tested by `any`/`all` in the statement being run.
    static QUANTIFIED: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// Counts `n` more quantified items; an error once the statement's budget is spent.
fn spend_quantified(n: usize) -> Result<()> {
    let spent = QUANTIFIED.with(|q| {
        let total = q.get().saturating_add(n as u64);
        q.set(total);
        total
    });
    if spent > MAX_QUANTIFIED_ITEMS {
        return Err(crate::error::QueryError::new(
            crate::error::ErrorKind::Type,
            0..0,
            format!(
                "this query tests more than {MAX_QUANTIFIED_ITEMS} items with any/all: nested any/all over the same list multiply"
            ),
        )
        .with_help("filter the rows first, or test the inner list with its own where clause"));
    }
    Ok(())
}

pub fn execute(corpus: &Corpus, plan: &Plan) -> Result<Rows> {
    QUANTIFIED.with(|q| q.set(0));
    let mut rows: Vec<Row> = entity::rows(corpus, plan.kind)
        .into_iter()
        .map(Row::of)
        .collect();
    for step in &plan.steps {
        rows = apply(step, rows)?;
    }
    Ok(Rows {
        columns: plan.names.clone(),
        rows: rows.into_iter().map(|r| r.cols).collect(),
    })
}

fn cx<'r, 'a>(row: &'r Row<'a>) -> Cx<'r, 'a> {
    Cx { row, bound: None }
}

fn apply<'a>(step: &Step, rows: Vec<Row<'a>>) -> Result<Vec<Row<'a>>> {
    Ok(match step {
        Step::Filter(cond) => {
            let mut kept = Vec::with_capacity(rows.len());
            for row in rows {
                if truth(cond, cx(&row))? {
                    kept.push(row);
                }
            }
            kept
        }
        Step::Group(keys) => group(keys, rows)?,
        Step::Project { nodes, distinct } => {
            let mut out = Vec::with_capacity(rows.len());
            for mut row in rows {
                row.cols = nodes
                    .iter()
                    .map(|n| value(n, cx(&row)))
                    .collect::<Result<_>>()?;
                out.push(row);
            }
            if *distinct {
                dedupe(out)
            } else {
                out
            }
        }
        Step::Sort(keys) => {
            let mut keyed = Vec::with_capacity(rows.len());
            for row in rows {
                let k = keys
                    .iter()
                    .map(|(n, _)| value(n, cx(&row)))
                    .collect::<Result<Vec<_>>>()?;
                keyed.push((k, row));
            }
            keyed.sort_by(|(a, _), (b, _)| {
                keys.iter()
                    .zip(a.iter().zip(b))
                    .map(|((_, desc), (x, y))| {
                        let o = compare::sort_order(x, y);
                        if *desc {
                            o.reverse()
                        } else {
                            o
                        }
                    })
                    .find(|o| o.is_ne())
                    .unwrap_or(std::cmp::Ordering::Equal)
            });
            keyed.into_iter().map(|(_, r)| r).collect()
        }
        Step::Slice { limit, offset } => rows.into_iter().skip(*offset).take(*limit).collect(),
        Step::Distinct => dedupe(rows),
        Step::Count => vec![Row {
            ent: None,
            members: Vec::new(),
            keys: Vec::new(),
            cols: vec![Value::from_count(rows.len())],
        }],
    })
}

/// A text key under which equal values (width-insensitively) meet.
fn identity(values: &[Value]) -> String {
    values
        .iter()
        .map(|v| fold(&v.to_string()).into_owned())
        .collect::<Vec<_>>()
        .join("\u{1f}")
}

fn dedupe(rows: Vec<Row>) -> Vec<Row> {
    let mut seen = std::collections::HashSet::new();
    rows.into_iter()
        .filter(|r| seen.insert(identity(&r.cols)))
        .collect()
}

/// Rows with equal keys become one group, in order of first appearance. With no keys the
/// whole relation is one group, even when empty (so `count()` says 0).
fn group<'a>(keys: &[Node], rows: Vec<Row<'a>>) -> Result<Vec<Row<'a>>> {
    let mut groups: Vec<Row<'a>> = Vec::new();
    if keys.is_empty() {
        return Ok(vec![Row {
            ent: None,
            members: rows,
            keys: Vec::new(),
            cols: Vec::new(),
        }]);
    }
    let mut index: HashMap<String, usize> = HashMap::new();
    for row in rows {
        let k = keys
            .iter()
            .map(|n| value(n, cx(&row)))
            .collect::<Result<Vec<_>>>()?;
        let at = *index.entry(identity(&k)).or_insert_with(|| {
            groups.push(Row {
                ent: None,
                members: Vec::new(),
                keys: k,
                cols: Vec::new(),
            });
            groups.len() - 1
        });
        groups[at].members.push(row);
    }
    Ok(groups)
}

/// A node's value (entities by their labels).
pub fn value(node: &Node, cx: Cx) -> Result<Value> {
    eval(node, cx).map(Ev::into_value)
}

pub fn truth(node: &Node, cx: Cx) -> Result<bool> {
    Ok(match node {
        Node::Not(x) => !truth(x, cx)?,
        Node::And(a, b) => truth(a, cx)? && truth(b, cx)?,
        Node::Or(a, b) => truth(a, cx)? || truth(b, cx)?,
        Node::Cmp { op, lhs, rhs } => compare::test(*op, &value(lhs, cx)?, &value(rhs, cx)?),
        Node::In { expr, list } => {
            let x = value(expr, cx)?;
            let mut hit = false;
            for item in list {
                hit = hit || compare::test(super::ast::CmpOp::Eq, &x, &value(item, cx)?);
            }
            hit
        }
        Node::Matches { expr, re } => texts(&value(expr, cx)?)
            .iter()
            .any(|t| re.is_match(t) || re.is_match(&fold(t))),
        Node::IsEmpty { expr, negated } => value(expr, cx)?.is_empty() != *negated,
        Node::IsNull { expr, negated } => value(expr, cx)?.is_null() != *negated,
        Node::Quant { all, list, cond } => {
            let items = elements(eval(list, cx)?);
            spend_quantified(items.len())?;
            let mut verdicts = items.iter().map(|item| {
                truth(
                    cond,
                    Cx {
                        row: cx.row,
                        bound: Some(item),
                    },
                )
            });
            if *all {
                verdicts.try_fold(true, |acc, v| v.map(|v| acc && v))?
            } else {
                verdicts.try_fold(false, |acc, v| v.map(|v| acc || v))?
            }
        }
        other => matches!(value(other, cx)?, Value::Bool(true)),
    })
}

fn texts(v: &Value) -> Vec<String> {
    match v {
        Value::Null => Vec::new(),
        Value::List(items) => items.iter().flat_map(texts).collect(),
        other => vec![other.to_string()],
    }
}

/// The elements of a multi-valued yield.
pub fn elements(ev: Ev) -> Vec<Item> {
    match ev {
        Ev::Es(es) => es.into_iter().map(Item::E).collect(),
        Ev::E(e) => vec![Item::E(e)],
        Ev::V(Value::List(items)) => items.into_iter().map(Item::V).collect(),
        Ev::V(Value::Null) => Vec::new(),
        Ev::V(v) => vec![Item::V(v)],
    }
}

pub fn eval<'a>(node: &Node, cx: Cx<'_, 'a>) -> Result<Ev<'a>> {
    Ok(match node {
        Node::Lit(v) => Ev::V(v.clone()),
        Node::Field(chain) => match cx.row.ent {
            Some(e) => follow(chain, Ev::E(e)),
            None => Ev::V(Value::Null),
        },
        Node::Bound(chain) => match cx.bound {
            Some(Item::E(e)) => follow(chain, Ev::E(*e)),
            Some(Item::V(v)) if chain.is_empty() => Ev::V(v.clone()),
            _ => Ev::V(Value::Null),
        },
        Node::Column(i) => Ev::V(cx.row.cols.get(*i).cloned().unwrap_or(Value::Null)),
        Node::Key(i) => Ev::V(cx.row.keys.get(*i).cloned().unwrap_or(Value::Null)),
        Node::Agg {
            func,
            arg,
            per_row,
            span,
        } => Ev::V(aggregate::run(*func, arg.as_deref(), *per_row, span, cx)?),
        other => Ev::V(Value::Bool(truth(other, cx)?)),
    })
}

/// Reads a field path from a start; through a list of rows it collects from each.
fn follow<'a>(chain: &[&'static super::fields::FieldDef], start: Ev<'a>) -> Ev<'a> {
    chain.iter().fold(start, |cur, def| match cur {
        Ev::E(e) => (def.get)(&e),
        Ev::Es(es) => gather(es.iter().map(|e| (def.get)(e))),
        Ev::V(_) => Ev::V(Value::Null),
    })
}

/// Many yields as one: a list of values, or a list of rows.
fn gather<'a>(parts: impl Iterator<Item = Ev<'a>>) -> Ev<'a> {
    let mut values = Vec::new();
    let mut ents = Vec::new();
    for part in parts {
        match part {
            Ev::V(Value::List(items)) => values.extend(items),
            Ev::V(Value::Null) => {}
            Ev::V(v) => values.push(v),
            Ev::E(e) => ents.push(e),
            Ev::Es(es) => ents.extend(es),
        }
    }
    if ents.is_empty() {
        Ev::V(Value::List(values))
    } else {
        Ev::Es(ents)
    }
}
