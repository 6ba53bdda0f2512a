//! PDF cases, read by the built-in reader (CI has no poppler): a notice over three pages
//! (a "— N —" footer on each, a task broken by a page break), a ruled task ledger over two
//! pages (cells wrapping inside their box, the header repeated, a running head and a
//! "第 N 页 共 M 页" footer), and the notice's first page in composite CID fonts — each
//! exactly its plain-text twin — and the errors for a scan, a locked file, a damaged one.

use super::{fixture, same_as_twin};
use std::process::Command;

fn no_fallback(doc: &planq::model::Document) {
    assert!(
        doc.warnings
            .iter()
            .all(|w| !w.message.starts_with("read with pdftotext")),
        "{:?}",
        doc.warnings
    );
}

#[test]
fn notice_over_three_pages_reads_as_its_twin() {
    let doc = same_as_twin("pdf_notice.pdf", "pdf_notice.txt");
    no_fallback(&doc);
    assert_eq!(doc.tasks.len(), 10);
    assert_eq!(doc.doc_number.as_deref(), Some("白政办发〔2025〕9号"));
    let places: Vec<&str> = doc
        .tasks
        .iter()
        .map(|t| t.place.as_deref().unwrap_or(""))
        .collect();
    assert_eq!(
        places,
        [
            "page 1 line 13",
            "page 2 line 1",
            "page 2 line 7",
            "page 2 line 12",
            "page 2 line 17",
            "page 2 line 21",
            "page 3 line 5",
            "page 3 line 10",
            "page 3 line 15",
            "page 3 line 20",
        ]
    );
    // Task 6 breaks over the page: "…治理率达到" at the foot of page 2 (above "— 2 —"),
    // "55%以上，…" at the head of page 3; it is whole, with its note and targets.
    let t = &doc.tasks[5];
    assert_eq!((t.no.as_str(), t.title.as_str()), ("6", "治理农村生活污水"));
    assert!(
        t.text
            .contains("农村生活污水治理率达到55%以上，对已建成设施开展运行评估"),
        "{}",
        t.text
    );
    assert_eq!(t.lead, ["市生态环境局白鹭湾分局"]);
    assert_eq!(t.support, ["县农业农村局", "县水利局"]);
    assert_eq!(t.due.as_deref(), Some("2025年12月底前"));
    assert_eq!(t.due_date.as_deref(), Some("2025-12-31"));
    let targets: Vec<String> = t
        .targets
        .iter()
        .map(|g| format!("{}{}{}", g.cmp.as_str(), g.value, g.unit))
        .collect();
    assert_eq!(targets, ["=20处", "=60公里", ">=55%"]);
    // No page number became text.
    assert!(doc.tasks.iter().all(|t| !t.text.contains('—')));
}

#[test]
fn ruled_ledger_over_two_pages_reads_as_its_twin() {
    let doc = same_as_twin("pdf_table.pdf", "pdf_table.txt");
    no_fallback(&doc);
    assert_eq!(doc.tasks.len(), 12);
    assert_eq!(
        doc.title.as_deref(),
        Some("白鹭湾县2025年优化营商环境重点工作任务台账")
    );
    // The support cell of row 5 wraps over six lines of its box.
    let t = &doc.tasks[4];
    assert_eq!(t.place.as_deref(), Some("page 1 line 18"));
    assert_eq!(t.lead, ["县政务服务中心"]);
    assert_eq!(
        t.support,
        [
            "县发展和改革局",
            "县财政局",
            "县自然资源局",
            "县住房和城乡建设局",
            "县交通运输局",
            "县水利局"
        ]
    );
    assert_eq!(t.due.as_deref(), Some("2025年10月底前"));
    assert_eq!(t.due_date.as_deref(), Some("2025-10-31"));
    // A lead cell that wraps ("县人力资源和" / "社会保障局"), and a deadline over three
    // lines ("2025 年" / "12 月底" / "前").
    let t = &doc.tasks[9];
    assert_eq!(t.lead, ["县人力资源和社会保障局"]);
    assert_eq!(t.support, ["县住房和城乡建设局"]);
    assert_eq!(t.due_date.as_deref(), Some("2025-12-31"));
    // Page 2: the running head and the repeated header row (two lines) come first.
    let t = &doc.tasks[10];
    assert_eq!(
        (t.no.as_str(), t.place.as_deref()),
        ("11", Some("page 2 line 4"))
    );
    assert_eq!(t.lead, ["县自然资源局"]);
    assert_eq!(t.support, ["县税务局", "县住房和城乡建设局"]);
    assert_eq!(t.due_date.as_deref(), Some("2025-08-31"));
}

#[test]
fn composite_cid_fonts_read_as_their_twin() {
    let doc = same_as_twin("pdf_cid.pdf", "pdf_cid.txt");
    no_fallback(&doc);
    assert_eq!(doc.tasks.len(), 4);
    // fpdf2 wraps inside numbers: "惠及居民36" / "00户" is 3600 again.
    let t = &doc.tasks[1];
    assert!(t.text.contains("惠及居民3600户"), "{}", t.text);
    assert!(t.text.contains("不少于40部"), "{}", t.text);
    assert_eq!(t.lead, ["县住房和城乡建设局"]);
    assert_eq!(t.due_date.as_deref(), Some("2025-11-30"));
}

/// Runs `planq check` on a fixture: its exit code and what it printed on stderr.
fn check(name: &str) -> (Option<i32>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_planq"))
        .arg("check")
        .arg(fixture(name))
        .output()
        .expect("planq runs");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_scan_without_text_asks_for_ocr() {
    let (code, stderr) = check("pdf_scan.pdf");
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("no text layer"), "{stderr}");
    assert!(stderr.contains("OCR"), "{stderr}");
}

#[test]
fn a_locked_pdf_says_it_needs_its_password() {
    let (code, stderr) = check("pdf_locked.pdf");
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.contains("an encrypted PDF that opens only with its password"),
        "{stderr}"
    );
}

#[test]
fn a_damaged_pdf_is_an_error_not_a_panic() {
    let e = planq::ingest::parse_bytes("broken.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog")
        .unwrap_err();
    assert!(e.starts_with("a damaged PDF: "), "{e}");
    // The notice cut short in the middle of its objects.
    let bytes = std::fs::read(fixture("pdf_notice.pdf")).expect("fixture");
    let e = planq::ingest::parse_bytes("cut.pdf", &bytes[..bytes.len() / 3]).unwrap_err();
    assert!(e.starts_with("a damaged PDF: "), "{e}");
}
