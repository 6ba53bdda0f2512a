//! Expressions → [`Node`]s: names looked up in fields.rs through the scope, functions
//! placed, comparisons type-checked, suspicious strings noted.

use super::ast::{CmpOp, Expr, ExprKind};
use super::entity::Kind;
use super::fields::{kind_fields, FieldDef, FUNCTIONS};
use super::functions::{self, Param, Scalar};
use super::plan::{Agg, Node, Probe};
use super::scope::Scope;
use super::typing::{self, Base, Ty};
use super::vocab::Vocab;
use super::{suggest, Value};
use crate::error::{ErrorKind, QueryError};
use crate::model::Corpus;

type Result<T> = std::result::Result<T, QueryError>;

/// A resolved expression with its type, and the field it reads if strings compared with
/// it should be checked against the corpus.
pub struct Typed {
    pub node: Node,
    pub ty: Ty,
    pub vocab: Option<(Kind, &'static FieldDef)>,
}

impl Typed {
    fn of(node: Node, ty: Ty) -> Typed {
        Typed {
            node,
            ty,
            vocab: None,
        }
    }
}

pub struct Resolver<'c> {
    pub vocab: Vocab<'c>,
    /// Set when an aggregate needs the rows grouped and they are not (yet).
    pub wants_group: bool,
    /// Comparisons with a quantity literal, watched at run time.
    pub probes: Vec<Probe>,
}

impl<'c> Resolver<'c> {
    pub fn new(corpus: &'c Corpus) -> Self {
        Resolver {
            vocab: Vocab::new(corpus),
            wants_group: false,
            probes: Vec::new(),
        }
    }

    /// An expression that must be true or false.
    pub fn condition(&mut self, e: &Expr, s: &Scope) -> Result<Node> {
        let t = self.expr(e, s)?;
        typing::check_condition(e, &t.ty)?;
        Ok(t.node)
    }

    pub fn expr(&mut self, e: &Expr, s: &Scope) -> Result<Typed> {
        let truth = |node| Ok(Typed::of(node, Ty::one(Base::Bool)));
        // `group by left(name, 2) select left(name, 2)`: an expression written as a key is
        // that key.
        if let (Some(group), false) = (&s.group, matches!(e.kind, ExprKind::Lit(_))) {
            if let Some(i) = s.key(&e.text()) {
                return Ok(Typed::of(Node::Key(i), group.keys[i].1.clone()));
            }
        }
        match &e.kind {
            ExprKind::Lit(v) => Ok(Typed::of(Node::Lit(v.clone()), literal_type(v))),
            ExprKind::Path(segs) => self.path(e, segs, s),
            ExprKind::Call { name, args } => self.call(e, name, args, s),
            ExprKind::Not(x) => truth(Node::Not(Box::new(self.condition(x, s)?))),
            ExprKind::And(a, b) => truth(Node::And(
                Box::new(self.condition(a, s)?),
                Box::new(self.condition(b, s)?),
            )),
            ExprKind::Or(a, b) => truth(Node::Or(
                Box::new(self.condition(a, s)?),
                Box::new(self.condition(b, s)?),
            )),
            ExprKind::Cmp { op, lhs, rhs } => {
                let (l, r) = (self.expr(lhs, s)?, self.expr(rhs, s)?);
                let twin = date_twin(lhs).or_else(|| date_twin(rhs));
                typing::check_cmp(*op, (lhs, &l.ty), (rhs, &r.ty), e, twin)?;
                self.note_strings(*op, &l, rhs);
                self.note_strings(*op, &r, lhs);
                let probe = self.probe(e, lhs, rhs);
                let folded = match (&l.node, &r.node) {
                    (Node::Lit(_), Node::Lit(_)) => None,
                    (Node::Lit(Value::Str(t)), _) | (_, Node::Lit(Value::Str(t)))
                        if matches!(op, CmpOp::Eq | CmpOp::Ne) =>
                    {
                        Some(super::compare::fold(t).into())
                    }
                    _ => None,
                };
                truth(Node::Cmp {
                    op: *op,
                    lhs: Box::new(l.node),
                    rhs: Box::new(r.node),
                    probe,
                    folded,
                })
            }
            ExprKind::In { expr, list } => {
                let x = self.expr(expr, s)?;
                let mut nodes = Vec::with_capacity(list.len());
                for item in list {
                    let t = self.expr(item, s)?;
                    let twin = date_twin(expr);
                    typing::check_cmp(CmpOp::Eq, (expr, &x.ty), (item, &t.ty), e, twin)?;
                    self.note_strings(CmpOp::Eq, &x, item);
                    nodes.push(t.node);
                }
                truth(Node::In {
                    expr: Box::new(x.node),
                    list: nodes,
                })
            }
            ExprKind::Matches { expr, re } => {
                let x = self.expr(expr, s)?;
                typing::check_text(expr, &x.ty)?;
                truth(Node::Matches {
                    expr: Box::new(x.node),
                    re: re.clone(),
                    folded: super::compare::fold_may_match(re.as_str()),
                })
            }
            ExprKind::IsEmpty { expr, negated } => truth(Node::IsEmpty {
                expr: Box::new(self.expr(expr, s)?.node),
                negated: *negated,
            }),
            ExprKind::IsNull { expr, negated } => truth(Node::IsNull {
                expr: Box::new(self.expr(expr, s)?.node),
                negated: *negated,
            }),
            ExprKind::IsDimension {
                expr,
                dimension,
                negated,
            } => {
                let x = self.expr(expr, s)?;
                typing::check_quantity(expr, &x.ty, dimension)?;
                truth(Node::IsDimension {
                    expr: Box::new(x.node),
                    dimension,
                    negated: *negated,
                })
            }
        }
    }

    /// Watches `field op 1亿元` at run time, so a comparison no row can meet is reported.
    fn probe(&mut self, e: &Expr, lhs: &Expr, rhs: &Expr) -> Option<usize> {
        let unit = match (&lhs.kind, &rhs.kind) {
            (ExprKind::Lit(_), ExprKind::Lit(_)) => return None,
            (ExprKind::Lit(Value::Qty(q)), _) | (_, ExprKind::Lit(Value::Qty(q))) => q.unit.clone(),
            _ => return None,
        };
        self.probes.push(Probe {
            text: e.text(),
            unit,
        });
        Some(self.probes.len() - 1)
    }

    fn note_strings(&mut self, op: CmpOp, field: &Typed, other: &Expr) {
        if let (Some((kind, def)), ExprKind::Lit(Value::Str(text))) = (field.vocab, &other.kind) {
            self.vocab.check(op, kind, def, text);
        }
    }

    fn path(&mut self, e: &Expr, segs: &[String], s: &Scope) -> Result<Typed> {
        if let Some(i) = s.column(&e.text()) {
            return Ok(Typed::of(Node::Column(i), s.columns[i].1.clone()));
        }
        if let Some(group) = &s.group {
            if let Some(i) = s.key(&e.text()) {
                return Ok(Typed::of(Node::Key(i), group.keys[i].1.clone()));
            }
            // `order by nn` for the column `n`: a slip of the name, not of the grouping.
            let is_field = group.members.kind.is_some_and(|k| {
                kind_fields(k)
                    .iter()
                    .any(|f| f.name.eq_ignore_ascii_case(&segs[0]))
            });
            if !is_field {
                let names = s
                    .columns
                    .iter()
                    .map(|(n, _)| n.as_str())
                    .chain(group.keys.iter().map(|(k, _)| k.as_str()));
                if let Some(near) = suggest::closest(&e.text(), names) {
                    let msg = format!("no column named `{}`", e.text());
                    return Err(
                        QueryError::new(ErrorKind::UnknownField, e.span.clone(), msg)
                            .with_help(format!("did you mean `{near}`?")),
                    );
                }
            }
            let msg = format!(
                "`{}` is neither a group by key nor inside an aggregate",
                e.text()
            );
            let help = format!(
                "group by {0}, or collect it: list({0}), count({0}), min({0})",
                e.text()
            );
            return Err(QueryError::new(ErrorKind::Aggregate, e.span.clone(), msg).with_help(help));
        }
        if let Some(bound) = &s.bound {
            if segs[0] == "it" {
                return chain(e, bound.clone(), &segs[1..], 1).map(|(defs, t)| Typed {
                    node: Node::Bound(defs.0),
                    ty: t,
                    vocab: defs.1,
                });
            }
            if let Base::Ent(k) = bound.base {
                if kind_fields(k).iter().any(|f| f.name == segs[0]) {
                    return chain(e, Ty::one(Base::Ent(k)), segs, 0).map(|(defs, t)| Typed {
                        node: Node::Bound(defs.0),
                        ty: t,
                        vocab: defs.1,
                    });
                }
            }
        }
        match s.kind {
            Some(k) => chain(e, Ty::one(Base::Ent(k)), segs, 0).map(|(defs, t)| Typed {
                node: Node::Field(defs.0),
                ty: t,
                vocab: defs.1,
            }),
            None => {
                let names = s.columns.iter().map(|(n, _)| n.as_str());
                let err = QueryError::new(
                    ErrorKind::UnknownField,
                    e.span.clone(),
                    format!("no column named `{}`", e.text()),
                );
                Err(match suggest::closest(&e.text(), names) {
                    Some(n) => err.with_help(format!("did you mean `{n}`?")),
                    None => err.with_help(format!("the columns are: {}", column_list(s))),
                })
            }
        }
    }

    fn call(&mut self, e: &Expr, name: &str, args: &[Expr], s: &Scope) -> Result<Typed> {
        if name == "any" || name == "all" {
            let [list, cond] = args else {
                let msg = format!(
                    "{name}() takes a list and a condition: {name}(targets, unit = \"家\")"
                );
                return Err(QueryError::new(
                    ErrorKind::UnknownFunction,
                    e.span.clone(),
                    msg,
                ));
            };
            let l = self.expr(list, s)?;
            if !l.ty.multi {
                let msg = format!(
                    "{name}() looks through a list, but `{}` holds one value",
                    list.text()
                );
                let help = "lists are fields like targets, lead, support, dept, tasks";
                return Err(
                    QueryError::new(ErrorKind::Type, list.span.clone(), msg).with_help(help)
                );
            }
            let element = Ty::one(l.ty.base.clone());
            let cond = self.condition(cond, &s.binding(element))?;
            let node = Node::Quant {
                all: name == "all",
                list: Box::new(l.node),
                cond: Box::new(cond),
            };
            return Ok(Typed::of(node, Ty::one(Base::Bool)));
        }
        if let Some(f) = functions::scalar_named(name) {
            return self.scalar(e, f, args, s);
        }
        let Some(func) = Agg::from_name(name) else {
            let err = QueryError::new(
                ErrorKind::UnknownFunction,
                e.span.clone(),
                format!("no function named `{name}`"),
            );
            return Err(match suggest::closest(name, FUNCTIONS.iter().copied()) {
                Some(f) => err.with_help(format!("did you mean `{f}`?")),
                None => err.with_help(format!("the functions are: {}", FUNCTIONS.join(", "))),
            });
        };
        self.aggregate(e, name, func, args, s)
    }

    fn scalar(&mut self, e: &Expr, f: &'static Scalar, args: &[Expr], s: &Scope) -> Result<Typed> {
        if !f.takes(args.len()) {
            let at_least = if f.variadic { "at least " } else { "" };
            let msg = format!(
                "{} takes {at_least}{} arguments",
                f.signature(),
                f.params.len()
            );
            return Err(
                QueryError::new(ErrorKind::UnknownFunction, e.span.clone(), msg)
                    .with_help(format!("for example: {}", f.example)),
            );
        }
        let mut nodes = Vec::with_capacity(args.len());
        let mut first = Ty::one(Base::Null);
        let mut re = None;
        for (i, arg) in args.iter().enumerate() {
            let param = f.param(i);
            if param == Param::Pattern {
                let ExprKind::Lit(Value::Str(pattern)) = &arg.kind else {
                    let msg = format!("the pattern of {} is written as a \"string\"", f.name);
                    return Err(QueryError::new(ErrorKind::Type, arg.span.clone(), msg)
                        .with_help(format!("for example: {}", f.example)));
                };
                let compiled = regex::Regex::new(pattern)
                    .map_err(|err| super::parser::regex_error(arg.span.clone(), &err))?;
                re = Some(compiled);
            }
            let t = self.expr(arg, s)?;
            typing::check_param(f, param, arg, &t.ty, date_twin(arg))?;
            if i == 0 {
                first = t.ty.clone();
            }
            nodes.push(t.node);
        }
        let node = Node::Scalar {
            func: f,
            args: nodes,
            re,
        };
        Ok(Typed::of(node, f.result(&first)))
    }

    fn aggregate(
        &mut self,
        e: &Expr,
        name: &str,
        func: Agg,
        args: &[Expr],
        s: &Scope,
    ) -> Result<Typed> {
        let arg = match (func, args) {
            (Agg::Count, []) => {
                self.wants_group |= s.group.is_none();
                let node = Node::Agg {
                    func,
                    arg: None,
                    per_row: false,
                    span: e.span.clone(),
                };
                return Ok(Typed::of(node, Ty::one(Base::Num)));
            }
            (_, [arg]) => arg,
            _ => {
                let msg = format!("{name}() takes one argument: {name}(x)");
                return Err(QueryError::new(
                    ErrorKind::UnknownFunction,
                    e.span.clone(),
                    msg,
                ));
            }
        };
        let (a, per_row) = match &s.group {
            // count(distinct(x)): the inner aggregate collects each group's list, and the
            // outer one reads that list.
            Some(_) if is_aggregate(arg) => {
                let inner = self.expr(arg, s)?;
                if !inner.ty.multi {
                    return Err(nested(arg));
                }
                (inner, true)
            }
            Some(group) => {
                let outer = std::mem::replace(&mut self.wants_group, false);
                let a = self.expr(arg, &group.members)?;
                if self.wants_group {
                    return Err(nested(arg));
                }
                self.wants_group = outer;
                (a, false)
            }
            None => {
                let a = self.expr(arg, s)?;
                let per_row = a.ty.multi;
                self.wants_group |= !per_row;
                (a, per_row)
            }
        };
        let base = a.ty.base.clone();
        let ty = match func {
            Agg::Count => Ty::one(Base::Num),
            Agg::Share => {
                typing::check_condition(arg, &a.ty)?;
                Ty::one(Base::Num)
            }
            Agg::Sum | Agg::Avg => {
                typing::check_summable(name, arg, &a.ty)?;
                Ty::one(base)
            }
            Agg::Min | Agg::Max => Ty::one(base),
            Agg::List | Agg::Distinct => Ty { base, multi: true },
        };
        let node = Node::Agg {
            func,
            arg: Some(Box::new(a.node)),
            per_row,
            span: e.span.clone(),
        };
        Ok(Typed::of(node, ty))
    }
}

fn is_aggregate(e: &Expr) -> bool {
    matches!(&e.kind, ExprKind::Call { name, .. } if Agg::from_name(name).is_some())
}

/// An aggregate inside another one that cannot mean anything: `count(sum(x))`.
fn nested(arg: &Expr) -> QueryError {
    let msg = format!(
        "aggregates do not nest here: `{}` gives one value per group, and there is nothing left to aggregate",
        arg.text()
    );
    let help = "an aggregate may read the list another collects — count(distinct(doc.region)), count(list(name)) — or use count(distinct x)";
    QueryError::new(ErrorKind::Aggregate, arg.span.clone(), msg).with_help(help)
}

/// `due_date` for `due` (and `task.due_date` for `task.due`): the date field that means
/// what a text field says.
fn date_twin(e: &Expr) -> Option<String> {
    let ExprKind::Path(segs) = &e.kind else {
        return None;
    };
    let twin = format!("{}_date", segs.last()?);
    let known = Kind::ALL
        .into_iter()
        .flat_map(kind_fields)
        .any(|f| f.name == twin && f.ty == "date");
    known.then(|| format!("{}_date", segs.join(".")))
}

type Chain = (Vec<&'static FieldDef>, Option<(Kind, &'static FieldDef)>);

/// Follows `segs` from a value of type `start`; `skip` segments were consumed already
/// (for spans). A segment naming the row's own kind (`task` in tasks) stands for the row.
fn chain(e: &Expr, start: Ty, segs: &[String], skip: usize) -> Result<(Chain, Ty)> {
    let mut defs = Vec::new();
    let mut ty = start;
    let mut vocab = None;
    let mut offset = e.span.start + segs_len(&e.text(), skip);
    for seg in segs {
        let seg_span = offset..offset + seg.len();
        offset += seg.len() + 1;
        let Base::Ent(kind) = ty.base else {
            let msg = format!(
                "`{seg}` cannot be read from {}: it has no fields",
                e.text().trim_end_matches(&format!(".{seg}"))
            );
            return Err(QueryError::new(ErrorKind::UnknownField, seg_span, msg));
        };
        // Field names are lower case; `NO` and `Doc.Region` mean them too.
        let Some(def) = kind_fields(kind)
            .iter()
            .find(|f| f.name.eq_ignore_ascii_case(seg))
        else {
            if seg.eq_ignore_ascii_case(kind.singular()) {
                continue;
            }
            return Err(unknown_field(kind, seg, seg_span));
        };
        let t = Ty::from_field(def.ty);
        vocab = def.vocab.map(|_| (kind, def));
        ty = Ty {
            base: t.base,
            multi: ty.multi || t.multi,
        };
        defs.push(def);
    }
    Ok(((defs, vocab), ty))
}

fn segs_len(text: &str, skip: usize) -> usize {
    text.split('.').take(skip).map(|s| s.len() + 1).sum()
}

fn unknown_field(kind: Kind, name: &str, span: std::ops::Range<usize>) -> QueryError {
    let fields = kind_fields(kind);
    let msg = format!("{} have no field `{name}`", kind.source());
    let near = suggest::closest(name, fields.iter().map(|f| f.name)).map(str::to_string);
    let help = match near.or_else(|| through_link(kind, name)) {
        Some(f) => format!("did you mean `{f}`?"),
        None => {
            let names: Vec<&str> = fields.iter().map(|f| f.name).collect();
            format!("{} have: {}", kind.source(), names.join(", "))
        }
    };
    QueryError::new(ErrorKind::UnknownField, span, msg).with_help(help)
}

/// `target.amount` for `amount` asked of a task: the field on a row one link away.
fn through_link(kind: Kind, name: &str) -> Option<String> {
    kind_fields(kind)
        .iter()
        .filter_map(|link| match Ty::from_field(link.ty).base {
            Base::Ent(k) if kind_fields(k).iter().any(|f| f.name == name) => {
                Some(format!("{}.{name}", link.name))
            }
            _ => None,
        })
        .min_by_key(String::len)
}

fn column_list(s: &Scope) -> String {
    s.columns
        .iter()
        .map(|(n, _)| n.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn literal_type(v: &Value) -> Ty {
    Ty::one(match v {
        Value::Null => Base::Null,
        Value::Bool(_) => Base::Bool,
        Value::Num(_) => Base::Num,
        Value::Str(_) => Base::Text,
        Value::Date(_) => Base::Date,
        Value::Qty(q) => Base::Qty(Some(q.unit.clone())),
        Value::List(_) => Base::Any,
    })
}
