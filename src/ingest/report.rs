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
    let l = &doc.lines;
    let _ = writeln!(
        out,
        "  lines {}: blank {}, header {}, heading {}, task {}, note {}, table {}, column {}, prose {}, footer {}, page {}, unplaced {}",
        l.total, l.blank, l.header, l.heading, l.task, l.note, l.table, l.column, l.prose, l.footer, l.page, l.unplaced
    );
    let _ = writeln!(out, "  warnings {}", doc.warnings.len());
    for w in &doc.warnings {
        // Line 0 is a warning about the whole document.
        let at = if w.line == 0 {
            String::new()
        } else {
            format!("{}:", w.line)
        };
        let _ = writeln!(out, "    {}:{at} {}", doc.file, w.message);
    }
    out
}
