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
    parts(&mut out, doc);
    let _ = writeln!(out, "  warnings {}", doc.warnings.len());
    for w in &doc.warnings {
        // Line 0 is a warning about the whole document.
        if w.line == 0 {
            let _ = writeln!(out, "    {}: {}", doc.file, w.message);
        } else {
            let _ = writeln!(out, "    {}: {}", doc.provenance(w.line), w.message);
        }
    }
    out
}

/// For a source read by parts (sheets, pages, tables): what each part held.
fn parts(out: &mut String, doc: &Document) {
    let places = &doc.places;
    let mut rows = vec![0usize; places.parts.len()];
    let mut tasks = vec![0usize; places.parts.len()];
    for (part, _) in &places.lines {
        if let Some(n) = rows.get_mut(*part as usize) {
            *n += 1;
        }
    }
    for task in &doc.tasks {
        if let Some((part, _)) = places.lines.get(task.line.wrapping_sub(1)) {
            if let Some(n) = tasks.get_mut(*part as usize) {
                *n += 1;
            }
        }
    }
    for (i, (name, counts)) in places.parts.iter().enumerate() {
        if rows[i] == 0 {
            continue;
        }
        let name = if name.is_empty() { "body" } else { name };
        let _ = writeln!(out, "  {name}: {counts}s {}, tasks {}", rows[i], tasks[i]);
    }
}
