//! What a compiled query is: steps over rows, and expression nodes with names resolved.

use super::ast::{CmpOp, Span};
use super::entity::Kind;
use super::fields::FieldDef;
use super::Value;

/// A query ready to run.
#[derive(Debug)]
pub struct Plan {
    pub kind: Kind,
    pub steps: Vec<Step>,
    pub names: Vec<String>,
    pub warnings: Vec<String>,
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
    Sort(Vec<(Node, bool)>),
    Slice {
        limit: usize,
        offset: usize,
    },
    Distinct,
    Count,
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
            _ => return None,
        })
    }
}

/// An expression with every name resolved.
#[derive(Debug)]
pub enum Node {
    Lit(Value),
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
    },
    In {
        expr: Box<Node>,
        list: Vec<Node>,
    },
    Matches {
        expr: Box<Node>,
        re: regex::Regex,
    },
    IsEmpty {
        expr: Box<Node>,
        negated: bool,
    },
    IsNull {
        expr: Box<Node>,
        negated: bool,
    },
}
