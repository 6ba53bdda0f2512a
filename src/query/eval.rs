//! Runs a [`Plan`] over the corpus: rows in, steps applied in order, a table out.

use super::aggregate;
use super::compare::{self, fold};
use super::entity::{self, Ent, Ev, World};
use super::plan::{Node, Plan, Probe, SortKey, Step};
use super::{Rows, Value};
use crate::error::{ErrorKind, QueryError};
use crate::model::{dimension, Quantity};
use rustc_hash::FxHashMap;
use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::cmp::Ordering;
use std::collections::BTreeSet;

type Result<T> = std::result::Result<T, QueryError>;

/// A row between steps: an entity, or a group of rows, and the columns made so far.
#[derive(Debug, Clone)]
pub struct Row<'a> {
    pub ent: Option<Ent<'a>>,
    pub cols: Vec<Value<'a>>,
    /// The values the last `order by` sorted the row by (ties at a `limit … per` cut).
    pub sort_key: Vec<Value<'a>>,
    /// A group's members and key values. Boxed: most rows are no group, and every row is
    /// moved from step to step (at 300,000 rows, a smaller row is less to copy).
    pub group: Option<Box<Group<'a>>>,
}

/// The rows a `group by` gathered under one key.
#[derive(Debug, Clone, Default)]
pub struct Group<'a> {
    /// The rows gathered, when a later step reads them (`sum(amount)`); a query that only
    /// counts them (`count()`) keeps the number alone.
    pub members: Vec<Row<'a>>,
    pub size: usize,
    pub keys: Vec<Value<'a>>,
}

impl<'a> Row<'a> {
    fn empty() -> Self {
        Row {
            ent: None,
            cols: Vec::new(),
            sort_key: Vec::new(),
            group: None,
        }
    }

    fn of_group(members: Vec<Row<'a>>, keys: Vec<Value<'a>>) -> Self {
        Row {
            group: Some(Box::new(Group {
                size: members.len(),
                members,
                keys,
            })),
            ..Row::empty()
        }
    }

    /// How many rows a group holds (none for an entity's row).
    pub fn size(&self) -> usize {
        self.group.as_ref().map_or(0, |g| g.size)
    }

    /// The rows of a group (none for an entity's row).
    pub fn members(&self) -> &[Row<'a>] {
        self.group.as_ref().map_or(&[], |g| &g.members)
    }

    fn of(ent: Ent<'a>) -> Self {
        Row {
            ent: Some(ent),
            ..Row::empty()
        }
    }
}

/// What `any`/`all` bound: an entity (a target) or a plain value (one lead).
#[derive(Debug, Clone)]
pub enum Item<'a> {
    E(Ent<'a>),
    V(Value<'a>),
}

/// Where a node is evaluated.
#[derive(Clone, Copy)]
pub struct Cx<'r, 'a> {
    pub row: &'r Row<'a>,
    pub bound: Option<&'r Item<'a>>,
    pub notes: &'r Notes,
    pub world: &'r World<'a>,
}

/// How many items `any`/`all` may test in one statement: quantifiers nested over the same
/// list multiply (any(targets, any(targets, …)) over a document's 300 targets is 300⁴), and a
/// statement past this is an error instead of a hang.
const MAX_QUANTIFIED_ITEMS: u64 = 10_000_000;

/// What one run notices besides its rows.
pub struct Notes {
    /// Items tested by `any`/`all` so far.
    quantified: Cell<u64>,
    /// Per probe (see [`super::plan::Probe`]): the base units of the quantities it met.
    met: RefCell<Vec<BTreeSet<String>>>,
    warnings: RefCell<Vec<String>>,
}

impl Notes {
    fn new(probes: usize) -> Notes {
        Notes {
            quantified: Cell::new(0),
            met: RefCell::new(vec![BTreeSet::new(); probes]),
            warnings: RefCell::new(Vec::new()),
        }
    }

    fn warn(&self, warning: String) {
        let mut warnings = self.warnings.borrow_mut();
        if !warnings.contains(&warning) {
            warnings.push(warning);
        }
    }

    /// Counts `n` more quantified items; an error once the statement's budget is spent.
    fn spend_quantified(&self, n: usize) -> Result<()> {
        let spent = self.quantified.get().saturating_add(n as u64);
        self.quantified.set(spent);
        if spent > MAX_QUANTIFIED_ITEMS {
            return Err(QueryError::new(
                ErrorKind::Type,
                0..0,
                format!(
                    "this query tests more than {MAX_QUANTIFIED_ITEMS} items with any/all: nested any/all over the same list multiply"
                ),
            )
            .with_help("filter the rows first, or test the inner list with its own where clause"));
        }
        Ok(())
    }

    /// Notes the base units of the quantities in `v`, met by probe `i`.
    fn meet(&self, i: usize, v: &Value) {
        let mut met = self.met.borrow_mut();
        let Some(units) = met.get_mut(i) else { return };
        for_each_quantity(v, &mut |q| {
            if !units.contains(&q.unit) {
                units.insert(q.unit.clone());
            }
        });
    }

    /// Drops what probe `i` met, to judge it again on other rows.
    fn forget(&self, i: usize) {
        if let Some(units) = self.met.borrow_mut().get_mut(i) {
            units.clear();
        }
    }

    /// The warnings, with one for each probed comparison that met only other units.
    fn finish(self, probes: &[Probe]) -> Vec<String> {
        let mut warnings = self.warnings.into_inner();
        for (probe, met) in probes.iter().zip(self.met.into_inner()) {
            if met.is_empty() || met.contains(&probe.unit) {
                continue;
            }
            let wanted = dimension(&probe.unit);
            let met_units: Vec<&str> = by_dimension(met.iter())
                .into_iter()
                .flat_map(|(_, units)| units)
                .collect();
            let same_kind: Vec<&str> = met_units
                .iter()
                .copied()
                .filter(|u| dimension(u) == wanted)
                .collect();
            let way_out = if !same_kind.is_empty() {
                // 美元 against 元: one kind, but no fixed rate between the units.
                format!(
                    "planq does not convert {} and {}: compare with a quantity in {}",
                    probe.unit,
                    same_kind.join(", "),
                    same_kind.join(" or ")
                )
            } else {
                format!(
                    "compare with a quantity in {}, or keep to rows that can be {wanted} (where amount is {wanted})",
                    met_units[0]
                )
            };
            warnings.push(format!(
                "`{}` is never true: it compares with {wanted} ({}), but the quantities here are {} — {way_out}",
                probe.text,
                probe.unit,
                described_units(met.iter())
            ));
        }
        warnings
    }
}

/// Units most listed per dimension in a message before "…".
const LISTED_UNITS: usize = 3;

/// Units grouped by what they measure, in the order of the dimension table (money first).
fn by_dimension<'u>(units: impl Iterator<Item = &'u String>) -> Vec<(&'static str, Vec<&'u str>)> {
    let mut groups: Vec<(&'static str, Vec<&str>)> = Vec::new();
    for unit in units {
        let d = dimension(unit);
        match groups.iter_mut().find(|(name, _)| *name == d) {
            Some((_, list)) => list.push(unit),
            None => groups.push((d, vec![unit])),
        }
    }
    groups.sort_by_key(|(d, _)| crate::model::DIMENSIONS.iter().position(|(n, _)| n == d));
    groups
}

/// `power (千瓦), count (个, 项)`.
fn described_units<'u>(units: impl Iterator<Item = &'u String>) -> String {
    by_dimension(units)
        .iter()
        .map(|(d, list)| {
            let mut shown = list[..list.len().min(LISTED_UNITS)].join(", ");
            if list.len() > LISTED_UNITS {
                shown += ", …";
            }
            format!("{d} ({shown})")
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn for_each_quantity(v: &Value, f: &mut impl FnMut(&Quantity)) {
    match v {
        Value::Qty(q) => f(q),
        Value::List(items) => items.iter().for_each(|i| for_each_quantity(i, f)),
        _ => {}
    }
}

/// Runs the plan: its rows, and warnings about what the run met.
pub fn execute(world: &World, plan: &Plan) -> Result<(Rows, Vec<String>)> {
    let notes = Notes::new(plan.probes.len());
    let source = entity::rows(world.corpus, plan.kind);
    // A leading filter takes the rows as they are made (only those an index names, when
    // the session has one), so only the kept ones are stored; a leading group by makes
    // them inside their groups; otherwise they are made in one go.
    let (mut rows, rest) = match plan.steps.split_first() {
        Some((Step::Filter(cond), rest)) => {
            let indexed = world
                .indexes
                .and_then(|ix| ix.candidates(world, plan.kind, cond));
            let kept = match indexed {
                Some(ents) => keep_where(cond, ents.into_iter().map(Row::of), &notes, world)?,
                None => keep_where(cond, source.map(Row::of), &notes, world)?,
            };
            (kept, rest)
        }
        // Grouped as they are read: the rows are made once, inside their groups.
        Some((Step::Group(keys), rest)) if !keys.is_empty() => {
            let by = grouping(keys, source.map(Row::of), &notes, world)?;
            let groups = match reads_members(rest) {
                true => by.gather(entity::rows(world.corpus, plan.kind).map(Row::of)),
                false => by.counted(),
            };
            (groups, rest)
        }
        _ => {
            // Counted first, so the rows are made in one go (a flat map cannot tell).
            let total = world
                .corpus
                .documents
                .iter()
                .map(|d| entity::count(d, plan.kind));
            let mut rows = Vec::with_capacity(total.sum());
            rows.extend(source.map(Row::of));
            (rows, plan.steps.as_slice())
        }
    };
    for (i, step) in rest.iter().enumerate() {
        rows = apply(step, &rest[i + 1..], rows, &notes, world)?;
    }
    let rows = Rows {
        columns: plan.names.clone(),
        rows: rows
            .into_iter()
            .map(|r| r.cols.into_iter().map(Value::into_owned).collect())
            .collect(),
    };
    Ok((rows, notes.finish(&plan.probes)))
}

fn cx<'r, 'a>(row: &'r Row<'a>, notes: &'r Notes, world: &'r World<'a>) -> Cx<'r, 'a> {
    Cx {
        row,
        bound: None,
        notes,
        world,
    }
}

/// Applies `step`; `after` are the steps that follow it (a group keeps its rows only if
/// one of them reads them).
fn apply<'a>(
    step: &Step,
    after: &[Step],
    rows: Vec<Row<'a>>,
    notes: &Notes,
    world: &World<'a>,
) -> Result<Vec<Row<'a>>> {
    Ok(match step {
        Step::Filter(cond) => keep_where(cond, rows.into_iter(), notes, world)?,
        Step::Group(keys) => group(keys, rows, reads_members(after), notes, world)?,
        Step::Project { nodes, distinct } => {
            let mut out = Vec::with_capacity(rows.len());
            for mut row in rows {
                row.cols = nodes
                    .iter()
                    .map(|n| value(n, cx(&row, notes, world)))
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
            for mut row in rows {
                row.sort_key = keys
                    .iter()
                    .map(|k| value(&k.node, cx(&row, notes, world)))
                    .collect::<Result<Vec<_>>>()?;
                keyed.push(row);
            }
            for (i, key) in keys.iter().enumerate() {
                mixed_units(key, keyed.iter().filter_map(|r| r.sort_key.get(i)), notes);
            }
            keyed.sort_by(|a, b| {
                keys.iter()
                    .zip(a.sort_key.iter().zip(&b.sort_key))
                    .map(|(k, (x, y))| {
                        let o = compare::sort_order(x, y);
                        if k.desc {
                            o.reverse()
                        } else {
                            o
                        }
                    })
                    .find(|o| o.is_ne())
                    .unwrap_or(Ordering::Equal)
            });
            keyed
        }
        Step::Slice { limit, offset, per } if per.is_empty() => {
            rows.into_iter().skip(*offset).take(*limit).collect()
        }
        Step::Slice { limit, offset, per } => {
            let keys = rows
                .iter()
                .map(|row| {
                    per.iter()
                        .map(|(_, n)| value(n, cx(row, notes, world)))
                        .collect()
                })
                .collect::<Result<Vec<Vec<Value<'a>>>>>()?;
            let slice = super::top::Slice {
                limit: *limit,
                offset: *offset,
            };
            let sorted: Vec<&[Value]> = rows.iter().map(|r| r.sort_key.as_slice()).collect();
            let (keep, ties) = slice.keep(&keys, &sorted);
            if let Some(note) = super::top::ties_note(&ties, per, *limit) {
                notes.warn(note);
            }
            rows.into_iter()
                .zip(keep)
                .filter_map(|(row, k)| k.then_some(row))
                .collect()
        }
        Step::Distinct => dedupe(rows),
        Step::Count => vec![Row {
            cols: vec![Value::from_count(rows.len())],
            ..Row::empty()
        }],
    })
}

/// The rows `cond` holds for. When it compares with a quantity, the others are held too
/// until one is kept: a filter that keeps nothing explains itself from them
/// ([`scope_probes`]).
fn keep_where<'a>(
    cond: &Node,
    rows: impl Iterator<Item = Row<'a>>,
    notes: &Notes,
    world: &World<'a>,
) -> Result<Vec<Row<'a>>> {
    let explains = probed(cond);
    let (mut kept, mut rejected) = (Vec::new(), Vec::new());
    for row in rows {
        if truth(cond, cx(&row, notes, world))? {
            if kept.is_empty() {
                rejected = Vec::new();
            }
            kept.push(row);
        } else if explains && kept.is_empty() {
            rejected.push(row);
        }
    }
    if kept.is_empty() && explains {
        scope_probes(cond, &rejected, notes, world)?;
    }
    Ok(kept)
}

/// Whether any of the `and`-ed conditions is a watched quantity comparison.
fn probed(cond: &Node) -> bool {
    let mut conjuncts = Vec::new();
    flatten_and(cond, &mut conjuncts);
    conjuncts
        .iter()
        .any(|c| matches!(c, Node::Cmp { probe: Some(_), .. }))
}

/// A filter that kept nothing: each quantity comparison among its `and`-ed conditions is
/// judged again on the rows the other conditions let through (in whatever order they were
/// written), so `amount > 1亿元 and unit = "万千瓦"` is explained as well as the reverse.
fn scope_probes<'a>(cond: &Node, rows: &[Row<'a>], notes: &Notes, world: &World<'a>) -> Result<()> {
    let mut conjuncts = Vec::new();
    flatten_and(cond, &mut conjuncts);
    for (i, c) in conjuncts.iter().enumerate() {
        let Node::Cmp {
            lhs,
            rhs,
            probe: Some(p),
            ..
        } = c
        else {
            continue;
        };
        let field = if matches!(**lhs, Node::Lit(_)) {
            rhs
        } else {
            lhs
        };
        notes.forget(*p);
        for row in rows {
            let mut in_scope = true;
            for (_, other) in conjuncts.iter().enumerate().filter(|(j, _)| *j != i) {
                in_scope = in_scope && truth(other, cx(row, notes, world))?;
            }
            if in_scope {
                notes.meet(*p, &value(field, cx(row, notes, world))?);
            }
        }
    }
    Ok(())
}

fn flatten_and<'n>(node: &'n Node, out: &mut Vec<&'n Node>) {
    match node {
        Node::And(a, b) => {
            flatten_and(a, out);
            flatten_and(b, out);
        }
        other => out.push(other),
    }
}

/// Warns when an `order by` key holds quantities of several base units, which sort by
/// number alone across kinds (5家 before 10000元 before 3万千瓦).
fn mixed_units<'v, 'a: 'v>(
    key: &SortKey,
    values: impl Iterator<Item = &'v Value<'a>>,
    notes: &Notes,
) {
    let mut units = BTreeSet::new();
    for v in values {
        for_each_quantity(v, &mut |q| {
            if !units.contains(&q.unit) {
                units.insert(q.unit.clone());
            }
        });
    }
    if units.len() > 1 {
        let groups = by_dimension(units.iter());
        let first = groups
            .first()
            .and_then(|(_, u)| u.first())
            .copied()
            .unwrap_or("元");
        let way_out = if groups.len() > 1 {
            format!(
                "keep to one kind first (where amount is {}) or one unit (where base_unit = \"{first}\")",
                dimension(first)
            )
        } else {
            format!("keep to one unit first: where base_unit = \"{first}\"")
        };
        notes.warn(format!(
            "order by {} mixes {}: quantities of different units do not compare, so they sort by unit, then by number — {way_out}",
            key.text,
            described_units(units.iter())
        ));
    }
}

/// A text key under which equal values (width-insensitively) meet.
pub fn identity<'v>(values: &'v [Value]) -> Cow<'v, str> {
    // Grouping makes a key for every row it reads: one text key is borrowed where folding
    // leaves it as it is, and several are built into one string.
    if let [Value::Str(s) | Value::Date(s)] = values {
        return fold(s);
    }
    let mut key = String::new();
    for (i, v) in values.iter().enumerate() {
        if i > 0 {
            key.push('\u{1f}');
        }
        match v {
            Value::Str(s) | Value::Date(s) => key.push_str(&fold(s)),
            Value::Null => {}
            other => key.push_str(&fold(&other.to_string())),
        }
    }
    Cow::Owned(key)
}

fn dedupe(rows: Vec<Row>) -> Vec<Row> {
    let mut seen = std::collections::HashSet::new();
    rows.into_iter()
        .filter(|r| seen.insert(identity(&r.cols).into_owned()))
        .collect()
}

/// Rows with equal keys become one group, in order of first appearance. With no keys the
/// whole relation is one group, even when empty (so `count()` says 0).
/// `keep`: whether the groups keep their rows, or only count them.
fn group<'a>(
    keys: &[Node],
    rows: Vec<Row<'a>>,
    keep: bool,
    notes: &Notes,
    world: &World<'a>,
) -> Result<Vec<Row<'a>>> {
    if keys.is_empty() {
        let size = rows.len();
        let mut whole = Row::of_group(if keep { rows } else { Vec::new() }, Vec::new());
        if let Some(g) = &mut whole.group {
            g.size = size;
        }
        return Ok(vec![whole]);
    }
    let by = grouping(keys, rows.iter(), notes, world)?;
    Ok(match keep {
        true => by.gather(rows.into_iter()),
        false => by.counted(),
    })
}

/// Whether a step among `steps` reads the member rows of the groups before it: an
/// aggregate over them, or a `group by` of groups.
fn reads_members(steps: &[Step]) -> bool {
    steps
        .iter()
        .any(|s| matches!(s, Step::Group(_)) || s.nodes().into_iter().any(Node::reads_members))
}

/// The groups rows fall into, before the rows are moved into them: each row's group is
/// found first, then every row is moved once into a group of the right size (grown as
/// they came, the groups copied every row again and again).
struct Grouping<'a> {
    /// One row per group, with its keys and no members yet.
    groups: Vec<Row<'a>>,
    /// Each row's group.
    slots: Vec<usize>,
    sizes: Vec<usize>,
}

fn grouping<'a, R: std::borrow::Borrow<Row<'a>>>(
    keys: &[Node],
    rows: impl Iterator<Item = R>,
    notes: &Notes,
    world: &World<'a>,
) -> Result<Grouping<'a>> {
    let mut by = Grouping {
        groups: Vec::new(),
        slots: Vec::with_capacity(rows.size_hint().0),
        sizes: Vec::new(),
    };
    let mut index: FxHashMap<String, usize> = FxHashMap::default();
    // Keys read from the row's document (group by doc.region) are the same for all its
    // rows, which come one document after another: they are made once per document.
    let per_doc = keys.iter().all(reads_only_doc);
    let mut last: Option<(&'a crate::model::Document, usize)> = None;
    for row in rows {
        let row = row.borrow();
        let doc = row.ent.map(|e| e.doc());
        let at = match (per_doc, doc, last) {
            (true, Some(doc), Some((last_doc, at))) if std::ptr::eq(doc, last_doc) => at,
            _ => {
                let k = keys
                    .iter()
                    .map(|n| value(n, cx(row, notes, world)))
                    .collect::<Result<Vec<_>>>()?;
                let id = identity(&k);
                match index.get(id.as_ref()) {
                    Some(&at) => at,
                    None => {
                        index.insert(id.into_owned(), by.groups.len());
                        by.groups.push(Row::of_group(Vec::new(), k));
                        by.sizes.push(0);
                        by.groups.len() - 1
                    }
                }
            }
        };
        by.sizes[at] += 1;
        by.slots.push(at);
        if per_doc {
            last = doc.map(|d| (d, at));
        }
    }
    Ok(by)
}

impl<'a> Grouping<'a> {
    /// The groups with their members: `rows` are the rows grouped, again, in order.
    fn gather(self, rows: impl Iterator<Item = Row<'a>>) -> Vec<Row<'a>> {
        let mut gathered: Vec<Vec<Row<'a>>> =
            self.sizes.into_iter().map(Vec::with_capacity).collect();
        for (row, at) in rows.zip(self.slots) {
            gathered[at].push(row);
        }
        let mut groups = self.groups;
        for (group, members) in groups.iter_mut().zip(gathered) {
            if let Some(g) = &mut group.group {
                g.size = members.len();
                g.members = members;
            }
        }
        groups
    }

    /// The groups with how many rows each holds, the rows themselves dropped.
    fn counted(self) -> Vec<Row<'a>> {
        let mut groups = self.groups;
        for (group, size) in groups.iter_mut().zip(self.sizes) {
            if let Some(g) = &mut group.group {
                g.size = size;
            }
        }
        groups
    }
}

/// Whether a node is a field of the row's document (`doc.region`), the same for every row
/// of one document.
fn reads_only_doc(node: &Node) -> bool {
    matches!(node, Node::Field(chain) if chain.first().is_some_and(|d| d.ty == "doc")
        && !chain.iter().any(|d| d.reads_world))
}

/// A node's value (entities by their labels).
pub fn value<'a>(node: &Node, cx: Cx<'_, 'a>) -> Result<Value<'a>> {
    eval(node, cx).map(Ev::into_value)
}

pub fn truth(node: &Node, cx: Cx) -> Result<bool> {
    Ok(match node {
        Node::Not(x) => !truth(x, cx)?,
        Node::And(a, b) => truth(a, cx)? && truth(b, cx)?,
        Node::Or(a, b) => truth(a, cx)? || truth(b, cx)?,
        Node::Cmp {
            op,
            lhs,
            rhs,
            probe,
            folded,
        } => {
            if let (Some(folded), Some((field, literal))) = (folded, field_and_literal(lhs, rhs)) {
                let equal = compare::equals_text(&value(field, cx)?, literal, folded);
                return Ok(equal == (*op == super::ast::CmpOp::Eq));
            }
            // A literal is compared where it stands, not copied for every row.
            let (l, r) = (literal_or_value(lhs, cx)?, literal_or_value(rhs, cx)?);
            if let Some(i) = *probe {
                // Only the side that is not the literal tells what the rows hold.
                for (node, v) in [(lhs, &l), (rhs, &r)] {
                    if !matches!(**node, Node::Lit(_)) {
                        cx.notes.meet(i, v);
                    }
                }
            }
            compare::test(*op, &l, &r)
        }
        Node::In { expr, list } => {
            let x = value(expr, cx)?;
            let mut hit = false;
            for item in list {
                hit = hit || compare::test(super::ast::CmpOp::Eq, &x, &value(item, cx)?);
            }
            hit
        }
        Node::Matches { expr, re, folded } => {
            let v = value(expr, cx)?;
            let mut hit = false;
            for_each_text(&v, &mut |t| {
                hit = hit || re.is_match(t) || (*folded && re.is_match(&fold(t)));
            });
            hit
        }
        Node::IsEmpty { expr, negated } => value(expr, cx)?.is_empty() != *negated,
        Node::IsNull { expr, negated } => value(expr, cx)?.is_null() != *negated,
        Node::IsDimension {
            expr,
            dimension: wanted,
            negated,
        } => {
            let mut hit = false;
            for_each_quantity(&value(expr, cx)?, &mut |q| {
                hit |= dimension(&q.unit) == *wanted;
            });
            hit != *negated
        }
        Node::Quant { all, list, cond } => {
            let items = elements(eval(list, cx)?);
            cx.notes.spend_quantified(items.len())?;
            let mut verdicts = items.iter().map(|item| {
                truth(
                    cond,
                    Cx {
                        bound: Some(item),
                        ..cx
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

/// The two sides of a comparison with a literal: the other side, and the literal.
fn field_and_literal<'n>(a: &'n Node, b: &'n Node) -> Option<(&'n Node, &'n Value<'static>)> {
    match (a, b) {
        (Node::Lit(literal), field) | (field, Node::Lit(literal)) => Some((field, literal)),
        _ => None,
    }
}

/// A node's value; a literal is borrowed where it stands rather than copied for each row.
fn literal_or_value<'n, 'a: 'n>(node: &'n Node, cx: Cx<'_, 'a>) -> Result<Cow<'n, Value<'a>>> {
    match node {
        Node::Lit(v) => Ok(Cow::Borrowed(v)),
        other => value(other, cx).map(Cow::Owned),
    }
}

/// Each text of a value as it prints (a list's elements one by one; null has none),
/// borrowed where it is text already.
fn for_each_text(v: &Value, f: &mut impl FnMut(&str)) {
    match v {
        Value::Null => {}
        Value::List(items) => items.iter().for_each(|i| for_each_text(i, f)),
        Value::Str(s) | Value::Date(s) => f(s),
        other => f(&other.to_string()),
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
            Some(e) => follow(chain, Ev::E(e), cx.world),
            None => Ev::V(Value::Null),
        },
        Node::Bound(chain) => match cx.bound {
            Some(Item::E(e)) => follow(chain, Ev::E(*e), cx.world),
            Some(Item::V(v)) if chain.is_empty() => Ev::V(v.clone()),
            _ => Ev::V(Value::Null),
        },
        Node::Column(i) => Ev::V(cx.row.cols.get(*i).cloned().unwrap_or(Value::Null)),
        Node::Key(i) => Ev::V(
            cx.row
                .group
                .as_ref()
                .and_then(|g| g.keys.get(*i))
                .cloned()
                .unwrap_or(Value::Null),
        ),
        Node::Agg {
            func,
            arg,
            per_row,
            span,
        } => Ev::V(aggregate::run(*func, arg.as_deref(), *per_row, span, cx)?),
        Node::Scalar { func, args, re } => {
            let values = args
                .iter()
                .map(|a| value(a, cx))
                .collect::<Result<Vec<_>>>()?;
            Ev::V(func.apply(&values, re.as_ref()))
        }
        other => Ev::V(Value::Bool(truth(other, cx)?)),
    })
}

/// Reads a field path from a start; through a list of rows it collects from each.
pub(super) fn follow<'a>(
    chain: &[&'static super::fields::FieldDef],
    start: Ev<'a>,
    world: &World<'a>,
) -> Ev<'a> {
    chain.iter().fold(start, |cur, def| match cur {
        Ev::E(e) => (def.get)(&e, world),
        Ev::Es(es) => gather(es.iter().map(|e| (def.get)(e, world))),
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
