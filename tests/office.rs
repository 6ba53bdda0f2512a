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

/// Runs `planq check` on one file with the given PATH; (exit code, stdout, stderr).
fn check_with_path(file: &Path, path_var: &str) -> (i32, String, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_planq"))
        .arg("check")
        .arg(file)
        .env("PATH", path_var)
        .output()
        .expect("planq runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Files planq does not read are refused with their name and kind; damaged office files
/// are errors naming the file, never a panic.
#[test]
fn kinds_not_read_are_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let ledger = std::fs::read(fixture("ledger.xlsx")).unwrap();
    let mut other_zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    other_zip
        .start_file("photo.jpg", zip::write::SimpleFileOptions::default())
        .unwrap();
    std::io::Write::write_all(&mut other_zip, b"\xFF\xD8\xFF").unwrap();
    let other_zip = other_zip.finish().unwrap().into_inner();
    let cases: [(&str, Vec<u8>, &str); 4] = [
        (
            "scan.png",
            b"\x89PNG\r\n\x1a\nrest".to_vec(),
            "a PNG image, not a document",
        ),
        (
            "photos.zip",
            other_zip,
            "a zip archive (.zip) that is no Word or Excel file",
        ),
        (
            "cut.xlsx",
            ledger[..ledger.len() / 2].to_vec(),
            "a damaged zip or office file",
        ),
        (
            "notes.rtf",
            b"{\\rtf1\\ansi x}".to_vec(),
            "an RTF document; unpack or convert it",
        ),
    ];
    for (name, bytes, says) in cases {
        let file = dir.path().join(name);
        std::fs::write(&file, bytes).unwrap();
        let (code, stdout, stderr) = check_with_path(&file, "/usr/bin:/bin");
        assert_eq!(code, 2, "{name}: {stdout}{stderr}");
        assert!(
            stderr.contains(name) && stderr.contains(says),
            "{name}: {stderr}"
        );
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}

/// A legacy .doc without LibreOffice is refused with the one command that converts it.
#[test]
fn legacy_doc_without_libreoffice_names_the_command() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("通知.doc");
    let mut bytes = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    bytes.resize(1024, 0);
    std::fs::write(&file, bytes).unwrap();
    let (code, _, stderr) = check_with_path(&file, dir.path().to_str().unwrap());
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("a legacy Word document (.doc): planq reads it through LibreOffice, which is not installed; convert it with `soffice --headless --convert-to docx"),
        "{stderr}"
    );
}
