//! What names mean at a point in a query: the row's entity kind, columns made by `select`,
//! `group by` keys, and the element `any`/`all` bound.

use super::entity::Kind;
use super::typing::Ty;

#[derive(Debug, Clone)]
pub struct Scope {
    /// Rows carry an entity of this kind (none when grouped or after `count`).
    pub kind: Option<Kind>,
    /// Columns made by a `select`: name and type.
    pub columns: Vec<(String, Ty)>,
    /// Set when rows are groups.
    pub group: Option<Box<Group>>,
    /// The element an `any`/`all` condition looks at.
    pub bound: Option<Ty>,
}

#[derive(Debug, Clone)]
pub struct Group {
    /// Key expressions as written, with their types.
    pub keys: Vec<(String, Ty)>,
    /// The scope of the rows inside each group, which aggregates read.
    pub members: Scope,
}

impl Scope {
    pub fn rows(kind: Kind) -> Scope {
        Scope {
            kind: Some(kind),
            columns: Vec::new(),
            group: None,
            bound: None,
        }
    }

    pub fn grouped(self, keys: Vec<(String, Ty)>) -> Scope {
        Scope {
            kind: None,
            columns: Vec::new(),
            group: Some(Box::new(Group {
                keys,
                members: self,
            })),
            bound: None,
        }
    }

    /// Rows that have been projected keep their entity (so `order by` may use any field)
    /// and their group, and gain named columns.
    pub fn with_columns(&self, columns: Vec<(String, Ty)>) -> Scope {
        Scope {
            columns,
            ..self.clone()
        }
    }

    pub fn only_columns(columns: Vec<(String, Ty)>) -> Scope {
        Scope {
            kind: None,
            columns,
            group: None,
            bound: None,
        }
    }

    pub fn binding(&self, element: Ty) -> Scope {
        Scope {
            bound: Some(element),
            ..self.clone()
        }
    }

    pub fn column(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|(n, _)| n == name)
    }

    pub fn key(&self, text: &str) -> Option<usize> {
        self.group
            .as_ref()?
            .keys
            .iter()
            .position(|(k, _)| k == text)
    }
}
