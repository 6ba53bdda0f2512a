//! Office files, web pages and PDFs read exactly as their plain-text twins: the same tasks,
//! units, leaders, deadlines and targets, and the metadata. Fixtures live in
//! `tests/fixtures/office/`, made by the scripts beside them from invented text; each
//! format's cases are in `tests/office/<format>.rs`.

use planq::ingest::load_file;
use planq::model::Document;
use std::path::{Path, PathBuf};

#[path = "office/docx.rs"]
mod docx;
#[path = "office/html.rs"]
mod html;
#[path = "office/pdf.rs"]
mod pdf;
#[path = "office/sheets.rs"]
mod sheets;

pub const DIR: &str = "tests/fixtures/office";

pub fn fixture(name: &str) -> PathBuf {
    Path::new(DIR).join(name)
}

/// Loads a fixture, failing the test with the reader's error.
pub fn load(name: &str) -> Document {
    load_file(&fixture(name), false).unwrap_or_else(|e| panic!("{e}"))
}

/// What must agree between a file and its twin: per task, everything the model knows but
/// the line it starts on.
fn model(doc: &Document) -> Vec<String> {
    let mut out = vec![format!(
        "doc kind={:?} region={:?} number={:?} issuer={:?} date={:?} title={:?}",
        doc.kind, doc.region, doc.doc_number, doc.issuer, doc.date, doc.title
    )];
    for s in &doc.sections {
        out.push(format!("section {} {} {}", s.id, s.no, s.title));
    }
    for t in &doc.tasks {
        let targets: Vec<String> = t
            .targets
            .iter()
            .map(|g| format!("{}{}{}", g.cmp.as_str(), g.value, g.unit))
            .collect();
        out.push(format!(
            "task {:?}/{} {} | text {} | lead {:?} | support {:?} | leader {:?} | due {:?} {:?} | targets {:?} | progress {:?}",
            t.section, t.no, t.title, t.text, t.lead, t.support, t.leader, t.due, t.due_date, targets, t.progress
        ));
    }
    out
}

/// Asserts that `office` gives exactly the model `twin` gives, and returns the office
/// document for the checks particular to its format.
pub fn same_as_twin(office: &str, twin: &str) -> Document {
    let doc = load(office);
    let text = load(twin);
    let (a, b) = (model(&doc), model(&text));
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(x, y, "{office} differs from {twin}");
    }
    assert_eq!(a.len(), b.len(), "{office} vs {twin}: {a:#?}\n{b:#?}");
    doc
}
