//! The typed syntax tree of one statement, every node carrying its byte span.

use super::Value;
use std::ops::Range;

/// Byte offsets into the statement text.
pub type Span = Range<usize>;

/// One statement: a query, or `let NAME = query` naming one for later statements.
#[derive(Debug, Clone)]
pub enum Statement {
    Query(Query),
    Let {
        name: String,
        name_span: Span,
        query: Query,
    },
}

/// `source stage*`: a source followed by clauses, in the order written.
#[derive(Debug, Clone)]
pub struct Query {
    pub source: String,
    pub source_span: Span,
    pub stages: Vec<Stage>,
}

#[derive(Debug, Clone)]
pub enum Stage {
    Where(Expr),
    Select {
        distinct: bool,
        items: Vec<SelectItem>,
    },
    GroupBy(Vec<Expr>),
    Having(Expr),
    OrderBy(Vec<OrderItem>),
    Limit {
        limit: usize,
        offset: usize,
        /// `limit 3 per doc.region`: the limit applies within each group of these keys.
        per: Vec<Expr>,
    },
    Distinct,
    /// `| count`: the number of rows so far.
    Count,
}

#[derive(Debug, Clone)]
pub struct SelectItem {
    pub expr: Expr,
    /// The column's name: the alias, or the expression as written.
    pub name: String,
}

#[derive(Debug, Clone)]
pub struct OrderItem {
    pub expr: Expr,
    pub desc: bool,
}

#[derive(Debug, Clone)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
    /// The whole statement, shared by every node: a node's text is cut from it only when
    /// asked for, so a query of many terms costs no copy per node.
    pub source: std::sync::Arc<str>,
}

impl Expr {
    /// The expression as written, spaces collapsed (column names, group keys, messages).
    pub fn text(&self) -> String {
        let written = self.source.get(self.span.clone()).unwrap_or("");
        written.split_whitespace().collect::<Vec<_>>().join(" ")
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CmpOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    /// `~`: text contains.
    Contains,
}

impl CmpOp {
    pub fn symbol(self) -> &'static str {
        match self {
            CmpOp::Eq => "=",
            CmpOp::Ne => "!=",
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
            CmpOp::Contains => "~",
        }
    }
}

#[derive(Debug, Clone)]
pub enum ExprKind {
    Lit(Value<'static>),
    /// `doc.region`: dotted field names.
    Path(Vec<String>),
    Call {
        name: String,
        args: Vec<Expr>,
    },
    Not(Box<Expr>),
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    Cmp {
        op: CmpOp,
        lhs: Box<Expr>,
        rhs: Box<Expr>,
    },
    In {
        expr: Box<Expr>,
        list: Vec<Expr>,
    },
    Matches {
        expr: Box<Expr>,
        re: regex::Regex,
    },
    IsEmpty {
        expr: Box<Expr>,
        negated: bool,
    },
    IsNull {
        expr: Box<Expr>,
        negated: bool,
    },
    /// `amount is money`: what a quantity measures.
    IsDimension {
        expr: Box<Expr>,
        dimension: &'static str,
        negated: bool,
    },
}
