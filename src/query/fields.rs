//! The one list of queryable sources and fields: name, type, doc, example.
//!
//! The evaluator, completion, `--fields` and the docs all read this table.

/// One queryable field of a source.
#[derive(Debug, Clone, Copy)]
pub struct FieldDef {
    pub name: &'static str,
    /// `text`, `number`, `date`, `quantity`, `bool`, a source name for a parent link
    /// (`doc`, `task`), or any of these with `[]` for a multi-valued field.
    pub ty: &'static str,
    pub doc: &'static str,
    pub example: &'static str,
}

const fn f(
    name: &'static str,
    ty: &'static str,
    doc: &'static str,
    example: &'static str,
) -> FieldDef {
    FieldDef {
        name,
        ty,
        doc,
        example,
    }
}

/// Words of the language, for completion and highlighting.
pub const KEYWORDS: &[&str] = &[
    "where", "select", "group", "by", "having", "order", "asc", "desc", "limit", "offset",
    "distinct", "as", "and", "or", "not", "in", "is", "empty", "null", "matches", "count", "true",
    "false",
];

const SOURCES: &[&str] = &[
    "docs",
    "sections",
    "tasks",
    "targets",
    "units",
    "indicators",
    "columns",
];

/// The sources a query may start from.
pub fn sources() -> &'static [&'static str] {
    SOURCES
}

const TASKS: &[FieldDef] = &[
    f("no", "number", "the task number as printed", "12"),
    f(
        "title",
        "text",
        "text before the first 。",
        "加快高能级创新平台建设",
    ),
];

/// The fields of a source, or `None` for an unknown source.
pub fn fields(source: &str) -> Option<&'static [FieldDef]> {
    match source {
        "tasks" => Some(TASKS),
        _ => None,
    }
}
