//! [`Query`] → [`Plan`]: each clause becomes a step, the scope it leaves decides what the
//! next clause's names mean, and aggregates group the rows they need grouped.

use super::ast::{Expr, Query, Stage};
use super::entity::Kind;
use super::fields::{default_select, sources};
use super::plan::{Agg, Node, Plan, SortKey, Step};
use super::resolve::Resolver;
use super::scope::Scope;
use super::typing::{Base, Ty};
use super::{parser, suggest};
use crate::error::{ErrorKind, QueryError};
use crate::model::Corpus;
use std::sync::OnceLock;

type Result<T> = std::result::Result<T, QueryError>;

/// Resolves a parsed query against the fields (and, for warnings, the corpus).
pub fn compile(corpus: &Corpus, q: &Query, lets: &super::Env) -> Result<Plan> {
    let kind = Kind::from_source(&q.source).ok_or_else(|| unknown_source(q, lets))?;
    let mut c = Compiler {
        r: Resolver::new(corpus),
        steps: Vec::new(),
        corpus,
    };
    let mut scope = Scope::rows(kind);
    for stage in &q.stages {
        scope = c.stage(stage, scope)?;
    }
    if scope.columns.is_empty() {
        scope = c.default_projection(scope)?;
    }
    Ok(Plan {
        kind,
        steps: c.steps,
        names: scope.columns.into_iter().map(|(n, _)| n).collect(),
        warnings: c.r.vocab.warnings,
        probes: c.r.probes,
    })
}

struct Compiler<'c> {
    r: Resolver<'c>,
    steps: Vec<Step>,
    corpus: &'c Corpus,
}

impl Compiler<'_> {
    fn stage(&mut self, stage: &Stage, scope: Scope) -> Result<Scope> {
        match stage {
            Stage::Where(e) => {
                let node = self.ungrouped(e, |r| r.condition(e, &scope))?;
                self.steps.push(Step::Filter(node));
                Ok(scope)
            }
            Stage::Having(e) => {
                let (node, scope) = self.grouping(scope, |r, s| r.condition(e, s))?;
                self.steps.push(Step::Filter(node));
                Ok(scope)
            }
            Stage::Select { distinct, items } => {
                let (typed, scope) = self.grouping(scope, |r, s| {
                    items
                        .iter()
                        .map(|i| r.expr(&i.expr, s))
                        .collect::<Result<Vec<_>>>()
                })?;
                let columns = items
                    .iter()
                    .zip(&typed)
                    .map(|(i, t)| (i.name.clone(), t.ty.clone()))
                    .collect();
                let nodes = typed.into_iter().map(|t| t.node).collect();
                self.steps.push(Step::Project {
                    nodes,
                    distinct: *distinct,
                });
                Ok(scope.with_columns(columns))
            }
            Stage::GroupBy(keys) => {
                let mut nodes = Vec::new();
                let mut named = Vec::new();
                for key in keys {
                    let t = self.ungrouped(key, |r| r.expr(key, &scope))?;
                    named.push((key.text().clone(), t.ty));
                    nodes.push(t.node);
                }
                self.steps.push(Step::Group(nodes));
                Ok(scope.grouped(named))
            }
            Stage::OrderBy(items) => {
                let mut keys = Vec::new();
                for item in items {
                    let node = self
                        .ungrouped(&item.expr, |r| r.expr(&item.expr, &scope))?
                        .node;
                    keys.push(SortKey {
                        text: item.expr.text(),
                        node,
                        desc: item.desc,
                    });
                }
                self.steps.push(Step::Sort(keys));
                Ok(scope)
            }
            Stage::Limit { limit, offset, per } => {
                let mut keys = Vec::new();
                for key in per {
                    let node = self.ungrouped(key, |r| r.expr(key, &scope))?.node;
                    keys.push((key.text(), node));
                }
                self.steps.push(Step::Slice {
                    limit: *limit,
                    offset: *offset,
                    per: keys,
                });
                Ok(scope)
            }
            Stage::Distinct => {
                let scope = if scope.columns.is_empty() {
                    self.default_projection(scope)?
                } else {
                    scope
                };
                self.steps.push(Step::Distinct);
                Ok(scope)
            }
            Stage::Count => {
                self.steps.push(Step::Count);
                Ok(Scope::only_columns(vec![(
                    "count".to_string(),
                    Ty::one(Base::Num),
                )]))
            }
        }
    }

    /// Compiles something that may not group the rows itself (where, group keys, order).
    fn ungrouped<T>(&mut self, e: &Expr, f: impl FnOnce(&mut Resolver) -> Result<T>) -> Result<T> {
        self.r.wants_group = false;
        let out = f(&mut self.r)?;
        if self.r.wants_group {
            let msg = format!(
                "`{}` aggregates rows, but the rows here are not groups",
                e.text()
            );
            let help = "group first (group by doc.region), filter groups with having, or count rows with | count";
            return Err(QueryError::new(ErrorKind::Aggregate, e.span.clone(), msg).with_help(help));
        }
        Ok(out)
    }

    /// Compiles a select or having; an aggregate over ungrouped rows makes the whole
    /// relation one group, as SQL does.
    fn grouping<T>(
        &mut self,
        scope: Scope,
        f: impl Fn(&mut Resolver, &Scope) -> Result<T>,
    ) -> Result<(T, Scope)> {
        self.r.wants_group = false;
        let out = f(&mut self.r, &scope)?;
        if !self.r.wants_group {
            return Ok((out, scope));
        }
        self.steps.push(Step::Group(Vec::new()));
        let scope = scope.grouped(Vec::new());
        let out = f(&mut self.r, &scope)?;
        Ok((out, scope))
    }

    /// What a query without `select` prints: a source's usual columns, or a group's keys
    /// and its size.
    fn default_projection(&mut self, scope: Scope) -> Result<Scope> {
        if let Some(group) = &scope.group {
            let mut nodes: Vec<Node> = (0..group.keys.len()).map(Node::Key).collect();
            nodes.push(Node::Agg {
                func: Agg::Count,
                arg: None,
                per_row: false,
                span: 0..0,
            });
            let mut columns = group.keys.clone();
            columns.push(("count".to_string(), Ty::one(Base::Num)));
            self.steps.push(Step::Project {
                nodes,
                distinct: false,
            });
            return Ok(scope.with_columns(columns));
        }
        let Some(kind) = scope.kind else {
            return Ok(scope);
        };
        // A region's annual tasks and its five-year plan's measures side by side must be
        // told apart at a glance.
        let with_kind = kind != Kind::Doc && regions_mix_kinds(self.corpus);
        let q = default_query(kind, with_kind)?;
        q.stages
            .iter()
            .try_fold(scope, |s, stage| self.stage(stage, s))
    }
}

/// The `select` a source prints by default (with `doc.kind` after `doc.region`, or not),
/// parsed the first time a query of that source needs it: a one-off `-e` query parses one
/// of the fourteen, not all of them (parsing them all was a third of such a run's work).
fn default_query(kind: Kind, with_kind: bool) -> Result<&'static Query> {
    static PARSED: [OnceLock<Result<Query>>; 2 * Kind::ALL.len()] =
        [const { OnceLock::new() }; 2 * Kind::ALL.len()];
    let at = Kind::ALL
        .iter()
        .position(|k| *k == kind)
        .ok_or_else(|| QueryError::new(ErrorKind::UnknownSource, 0..0, "no default columns"))?;
    let parsed = PARSED[2 * at + usize::from(with_kind)].get_or_init(|| {
        let mut columns = default_select(kind).to_string();
        if with_kind {
            columns = columns.replacen("doc.region, ", "doc.region, doc.kind, ", 1);
        }
        parser::parse(&format!("{} select {columns}", kind.source()))
    });
    parsed.as_ref().map_err(Clone::clone)
}

/// Whether some region has documents of more than one kind loaded.
fn regions_mix_kinds(corpus: &Corpus) -> bool {
    let mut seen: Vec<(&str, crate::model::DocumentKind)> = Vec::new();
    for doc in &corpus.documents {
        let Some(region) = doc.region.as_deref() else {
            continue;
        };
        if seen.iter().any(|(r, k)| *r == region && *k != doc.kind) {
            return true;
        }
        seen.push((region, doc.kind));
    }
    false
}

fn unknown_source(q: &Query, lets: &super::Env) -> QueryError {
    let msg = format!("no source named `{}`", q.source);
    let err = QueryError::new(ErrorKind::UnknownSource, q.source_span.clone(), msg);
    let singular = Kind::ALL
        .into_iter()
        .find(|k| k.singular() == q.source)
        .map(Kind::source);
    let known = || sources().iter().copied().chain(lets.names());
    match singular.or_else(|| suggest::closest(&q.source, known())) {
        Some(s) => err.with_help(format!("did you mean `{s}`?")),
        None => err.with_help(format!(
            "a query starts with one of: {}",
            known().collect::<Vec<_>>().join(", ")
        )),
    }
}
