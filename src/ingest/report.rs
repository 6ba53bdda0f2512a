//! The `planq check` report: what was found in a document and every warning with its line;
//! and `planq check --offices`: the unit names whose office no rule knew.

use crate::model::{Corpus, Document};
use std::fmt::Write;
use unicode_width::UnicodeWidthStr;

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

/// For a source read by parts (sheets, pages, tables): what each part held. Parts of one
/// name (the body before and after a table) are counted together.
fn parts(out: &mut String, doc: &Document) {
    let places = &doc.places;
    // (name, what its numbers count, lines, tasks), in order of first appearance.
    let mut seen: Vec<(&str, &str, usize, usize)> = Vec::new();
    let mut slot_of = Vec::with_capacity(places.parts.len());
    for (name, counts) in &places.parts {
        let slot = seen
            .iter()
            .position(|(n, ..)| n == name)
            .unwrap_or_else(|| {
                seen.push((name, counts, 0, 0));
                seen.len() - 1
            });
        slot_of.push(slot);
    }
    for (part, _) in &places.lines {
        if let Some(&slot) = slot_of.get(*part as usize) {
            seen[slot].2 += 1;
        }
    }
    for task in &doc.tasks {
        let part = places.lines.get(task.line.wrapping_sub(1)).map(|(p, _)| *p);
        if let Some(&slot) = part.and_then(|p| slot_of.get(p as usize)) {
            seen[slot].3 += 1;
        }
    }
    for (name, counts, lines, tasks) in seen.into_iter().filter(|s| s.2 > 0) {
        let name = if name.is_empty() { "body" } else { name };
        let _ = writeln!(out, "  {name}: {counts}s {lines}, tasks {tasks}");
    }
}

/// Every unit name whose office no rule of the table (or of --aliases) knew, by document:
/// the name as written, where it is first named, how many tasks name it, and the office it
/// was read as (the name without place, level and kind).
pub fn unknown_offices(corpus: &Corpus) -> String {
    let mut rows: Vec<[String; 5]> = Vec::new();
    for doc in &corpus.documents {
        for (name, unit) in doc.offices.iter().filter(|(_, u)| !u.derived) {
            let naming: Vec<usize> = doc
                .tasks
                .iter()
                .filter(|t| t.lead.iter().chain(&t.support).any(|n| n == name))
                .map(|t| t.line)
                .collect();
            let Some(&first) = naming.first() else {
                continue;
            };
            rows.push([
                name.clone(),
                doc.region
                    .clone()
                    .unwrap_or_else(|| "(region unknown)".into()),
                doc.provenance(first),
                format!("tasks {}", naming.len()),
                format!("read as {}", unit.office.as_deref().unwrap_or("-")),
            ]);
        }
    }
    let mut out = match rows.len() {
        0 => "every unit's office is known\n".to_string(),
        n => format!(
            "{n} units whose office no rule knows (teach planq with --aliases FILE, rows of name,office):\n"
        ),
    };
    // Columns padded by display width, so names in Chinese line up.
    let widths: Vec<usize> = (0..5)
        .map(|c| rows.iter().map(|r| r[c].width()).max().unwrap_or(0))
        .collect();
    for row in &rows {
        let mut line = String::from(" ");
        for (cell, w) in row.iter().zip(&widths) {
            line.push(' ');
            line.push_str(cell);
            line.push_str(&" ".repeat(w - cell.width() + 1));
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
