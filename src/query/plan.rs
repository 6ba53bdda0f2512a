//! What a compiled query is: steps over rows, and expression nodes with names resolved.

use super::ast::{CmpOp, Span};
use super::entity::Kind;
use super::fields::FieldDef;
use super::functions::Scalar;
use super::Value;

/// A query ready to run.
#[derive(Debug)]
pub struct Plan {
    pub kind: Kind,
    pub steps: Vec<Step>,
    pub names: Vec<String>,
    pub warnings: Vec<String>,
    /// Quantity comparisons watched while the query runs (see [`Probe`]).
    pub probes: Vec<Probe>,
}

/// A comparison with a quantity literal (`amount > 1亿元`), watched as rows meet it: when
/// every quantity it met is of another base unit, it can never hold, and the run says so.
#[derive(Debug)]
pub struct Probe {
    /// The comparison as written.
    pub text: String,
    /// The literal's base unit.
    pub unit: String,
}

/// One transformation of the rows, in the order written.
#[derive(Debug)]
pub enum Step {
    Filter(Node),
    /// Rows with equal keys become one group row.
    Group(Vec<Node>),
    Project {
        nodes: Vec<Node>,
        distinct: bool,
    },
    Sort(Vec<SortKey>),
    Slice {
        limit: usize,
        offset: usize,
        /// Keys the limit applies within (`limit 3 per doc.region`), as written and resolved.
        per: Vec<(String, Node)>,
    },
    Distinct,
    Count,
}

/// One `order by` key.
#[derive(Debug)]
pub struct SortKey {
    /// As written, for messages.
    pub text: String,
    pub node: Node,
    pub desc: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Agg {
    Count,
    Sum,
    Avg,
    Min,
    Max,
    List,
    Distinct,
    /// share(cond): the fraction of rows where a condition holds (0 to 1).
    Share,
}

impl Agg {
    pub fn from_name(name: &str) -> Option<Agg> {
        Some(match name {
            "count" => Agg::Count,
            "sum" => Agg::Sum,
            "avg" => Agg::Avg,
            "min" => Agg::Min,
            "max" => Agg::Max,
            "list" => Agg::List,
            "distinct" => Agg::Distinct,
            "share" => Agg::Share,
            _ => return None,
        })
    }
}

/// An expression with every name resolved.
#[derive(Debug)]
pub enum Node {
    Lit(Value<'static>),
    /// A field path from the row's entity (empty: the entity itself).
    Field(Vec<&'static FieldDef>),
    /// A field path from the element `any`/`all` bound (empty: the element, `it`).
    Bound(Vec<&'static FieldDef>),
    /// A column made by an earlier `select`.
    Column(usize),
    /// A `group by` key of a group row.
    Key(usize),
    /// An aggregate: over the group's rows, or (`per_row`) over a multi-valued field.
    Agg {
        func: Agg,
        arg: Option<Box<Node>>,
        per_row: bool,
        span: Span,
    },
    /// `any(list, cond)` / `all(list, cond)`.
    Quant {
        all: bool,
        list: Box<Node>,
        cond: Box<Node>,
    },
    Not(Box<Node>),
    And(Box<Node>, Box<Node>),
    Or(Box<Node>, Box<Node>),
    Cmp {
        op: CmpOp,
        lhs: Box<Node>,
        rhs: Box<Node>,
        /// Index into [`Plan::probes`] when one side is a quantity literal.
        probe: Option<usize>,
        /// For `=` and `!=` with a text literal on one side: the literal folded, once.
        folded: Option<Box<str>>,
    },
    In {
        expr: Box<Node>,
        list: Vec<Node>,
    },
    Matches {
        expr: Box<Node>,
        re: regex::Regex,
        /// Whether the text must be tried folded as well ([`super::compare::fold_may_match`]).
        folded: bool,
    },
    IsEmpty {
        expr: Box<Node>,
        negated: bool,
    },
    IsNull {
        expr: Box<Node>,
        negated: bool,
    },
    IsDimension {
        expr: Box<Node>,
        dimension: &'static str,
        negated: bool,
    },
    /// A scalar function over each row's values (`year(due_date)`, `replace(name, …)`).
    Scalar {
        func: &'static Scalar,
        args: Vec<Node>,
        /// regex_replace's pattern, compiled once.
        re: Option<regex::Regex>,
    },
}

impl Node {
    /// The nodes directly inside this one.
    pub fn children(&self) -> Vec<&Node> {
        match self {
            Node::Lit(_) | Node::Field(_) | Node::Bound(_) | Node::Column(_) | Node::Key(_) => {
                Vec::new()
            }
            Node::Agg { arg, .. } => arg.iter().map(|a| &**a).collect(),
            Node::Quant { list, cond, .. } => vec![list, cond],
            Node::Not(x) => vec![x],
            Node::And(a, b) | Node::Or(a, b) => vec![a, b],
            Node::Cmp { lhs, rhs, .. } => vec![lhs, rhs],
            Node::In { expr, list } => std::iter::once(&**expr).chain(list).collect(),
            Node::Matches { expr, .. }
            | Node::IsEmpty { expr, .. }
            | Node::IsNull { expr, .. }
            | Node::IsDimension { expr, .. } => vec![expr],
            Node::Scalar { args, .. } => args.iter().collect(),
        }
    }

    /// Whether evaluating this node reads a group's member rows (`sum(amount)`), rather
    /// than at most how many there are (`count()`).
    pub fn reads_members(&self) -> bool {
        match self {
            Node::Agg {
                arg: Some(_),
                per_row: false,
                ..
            } => true,
            other => other.children().into_iter().any(Node::reads_members),
        }
    }
}

impl Step {
    /// The expressions the step evaluates.
    pub fn nodes(&self) -> Vec<&Node> {
        match self {
            Step::Filter(n) => vec![n],
            Step::Group(keys) => keys.iter().collect(),
            Step::Project { nodes, .. } => nodes.iter().collect(),
            Step::Sort(keys) => keys.iter().map(|k| &k.node).collect(),
            Step::Slice { per, .. } => per.iter().map(|(_, n)| n).collect(),
            Step::Distinct | Step::Count => Vec::new(),
        }
    }
}
