//! The `planq check` report: what was found in a document and every warning with its line.

use crate::model::Document;
use std::fmt::Write;

/// A human-readable summary of one ingested document.
pub fn check_report(doc: &Document) -> String {
    let mut out = String::new();
    let units: std::collections::BTreeSet<&str> = doc
        .tasks
        .iter()
        .flat_map(|t| t.lead.iter().chain(&t.support))
        .map(String::as_str)
        .collect();
    let _ = writeln!(
        out,
        "{}  [{}] {}",
        doc.file,
        doc.kind.as_str(),
        doc.region.as_deref().unwrap_or("(region unknown)")
    );
    let _ = writeln!(
        out,
        "  sections {}  tasks {}  units {}  targets {}  indicators {}  columns {}",
        doc.sections.len(),
        doc.tasks.len(),
        units.len(),
        doc.target_count(),
        doc.indicators.len(),
        doc.columns.len()
    );
    let _ = writeln!(out, "  warnings {}", doc.warnings.len());
    for w in &doc.warnings {
        let _ = writeln!(out, "    {}:{}: {}", doc.file, w.line, w.message);
    }
    out
}
