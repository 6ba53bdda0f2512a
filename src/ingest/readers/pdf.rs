//! Reads PDF files: the text layer glyph by glyph (pdf-extract), rebuilt into the lines a
//! person reads — a paragraph's wrapped lines (and its break across a page) joined, ruled
//! tables as tab-separated rows with the wrapped lines of each cell joined, page numbers and
//! running heads dropped — each page a part of the source. pdftotext (poppler) is the second
//! try, when installed, for files the built-in reader cannot read or finds no text in.

mod assemble;
mod collect;
mod fonts;
mod layout;
mod lines;
mod page;
mod poppler;
mod tables;
#[cfg(test)]
mod testkit;

use super::{legacy::on_path, Extract};
use assemble::layout;
use collect::Collector;
use fonts::{blank_images, mend_cid_fonts};
use layout::Tolerance;
use page::Page;
use pdf_extract::Document;
use poppler::read_with_pdftotext;
use std::cell::Cell;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;
use std::sync::Once;

thread_local! {
    /// Set while this thread runs the PDF crate, whose panics are caught and reported.
    static QUIET: Cell<bool> = const { Cell::new(false) };
}

/// Runs `f`, catching a panic of the PDF crate (it panics on some damaged files) without
/// letting the panic message reach the user's terminal: the damage is reported as an error
/// instead. Panics on other threads, or outside `f`, print as they always do.
fn quietly<T>(f: impl FnOnce() -> T) -> std::thread::Result<T> {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(Cell::get) {
                previous(info);
            }
        }));
    });
    QUIET.with(|q| q.set(true));
    let result = catch_unwind(AssertUnwindSafe(f));
    QUIET.with(|q| q.set(false));
    result
}

/// Past this many pages a PDF is refused rather than read for minutes.
const MAX_PAGES: usize = 5000;
/// Past this much decoded text a PDF is refused: no plan document comes near it.
pub(super) const MAX_TEXT_BYTES: usize = 256 << 20;
/// Past this many glyphs one page is refused (a real page holds a few thousand).
const MAX_PAGE_GLYPHS: usize = 1_000_000;

/// Why the built-in reader gave up: a damaged file may still open in pdftotext; a refused
/// one (too big, locked) is not tried again.
enum Failure {
    Damaged(String),
    Refused(String),
}

pub fn read(_path: &Path, bytes: &[u8]) -> Result<Extract, String> {
    let (built_in, why) = match read_glyphs(bytes) {
        Ok(extract) if !extract.is_empty() && extract.warnings.is_empty() => return Ok(extract),
        Err(Failure::Refused(e)) => return Err(e),
        Ok(extract) => {
            let why = if extract.is_empty() {
                "the built-in reader found no text".to_string()
            } else {
                extract.warnings.join("; ")
            };
            (Ok(extract), why)
        }
        Err(Failure::Damaged(e)) => (Err(e.clone()), e),
    };
    if on_path("pdftotext") {
        if let Ok(mut extract) = read_with_pdftotext(bytes) {
            if !extract.is_empty() {
                extract
                    .warnings
                    .insert(0, format!("read with pdftotext: {why}"));
                return Ok(extract);
            }
        }
    }
    built_in
}

/// Opens the document, collects each page (a panic in the PDF crate is caught and becomes
/// that page's failure) and lays the pages out.
fn read_glyphs(bytes: &[u8]) -> Result<Extract, Failure> {
    read_glyphs_within(bytes, Limits::default())
}

/// The bounds on one document's work.
#[derive(Debug, Clone, Copy)]
pub(super) struct Limits {
    pub(super) pages: usize,
    pub(super) text_bytes: usize,
    pub(super) page_glyphs: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            pages: MAX_PAGES,
            text_bytes: MAX_TEXT_BYTES,
            page_glyphs: MAX_PAGE_GLYPHS,
        }
    }
}

fn read_glyphs_within(bytes: &[u8], limits: Limits) -> Result<Extract, Failure> {
    let damaged = |e: String| Failure::Damaged(format!("a damaged PDF: {e}"));
    let mut doc = quietly(|| Document::load_mem(bytes))
        .map_err(|p| damaged(panic_text(&p)))?
        .map_err(|e| damaged(e.to_string()))?;
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err(Failure::Refused(
            "an encrypted PDF that opens only with its password; open it in a PDF reader, save an unlocked copy (or print it to PDF) and load that".into(),
        ));
    }
    let pages = doc.get_pages();
    if pages.len() > limits.pages {
        return Err(Failure::Refused(format!(
            "a PDF of {} pages; planq reads at most {} — split it and load the parts",
            pages.len(),
            limits.pages
        )));
    }
    blank_images(&mut doc);
    mend_cid_fonts(&mut doc);
    let mut collector = Collector {
        limits,
        ..Collector::default()
    };
    let mut failed = Vec::new();
    for &n in pages.keys() {
        let before = collector.pages.len();
        let run = quietly(|| pdf_extract::output_doc_page(&doc, &mut collector, n));
        if collector.too_much {
            return Err(Failure::Refused(format!(
                "a PDF whose text passes {} MB (or {} glyphs on page {n}); planq does not read documents that large",
                limits.text_bytes >> 20,
                limits.page_glyphs
            )));
        }
        let error = match run {
            Ok(Ok(())) => None,
            Ok(Err(e)) => Some(e.to_string()),
            Err(p) => Some(panic_text(&p)),
        };
        collector
            .pages
            .truncate(before + usize::from(error.is_none()));
        if let Some(e) = error {
            collector.pages.push(Page::default());
            failed.push(format!("page {n} could not be read ({e})"));
        }
    }
    if !pages.is_empty() && failed.len() == pages.len() {
        return Err(damaged(failed.swap_remove(0)));
    }
    if collector.shown > 0 && collector.decoded == 0 {
        // Text is drawn, but in fonts whose codes say no character: not a scan.
        return Err(Failure::Damaged(
            "a PDF whose text is drawn in fonts that map to no characters (the text cannot be extracted); convert it with another tool, or OCR the printed pages".into(),
        ));
    }
    let mut extract = layout(collector.pages, Tolerance::GLYPHS);
    extract.warnings.extend(failed);
    Ok(extract)
}

fn panic_text(payload: &Box<dyn std::any::Any + Send>) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "the PDF reader stopped".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A PDF of the given objects (numbered from 1; the first is the catalog), with its
    /// cross-reference table.
    fn pdf(objects: &[Vec<u8>]) -> Vec<u8> {
        let mut out = b"%PDF-1.7\n".to_vec();
        let mut offsets = Vec::new();
        for (i, body) in objects.iter().enumerate() {
            offsets.push(out.len());
            out.extend(format!("{} 0 obj\n", i + 1).bytes());
            out.extend(body);
            out.extend(b"\nendobj\n");
        }
        let xref = out.len();
        out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).bytes());
        for o in offsets {
            out.extend(format!("{o:010} 00000 n \n").bytes());
        }
        out.extend(
            format!(
                "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
                objects.len() + 1
            )
            .bytes(),
        );
        out
    }

    fn stream(dict: &str, content: &str) -> Vec<u8> {
        format!(
            "<< {dict} /Length {} >>\nstream\n{content}\nendstream",
            content.len()
        )
        .into_bytes()
    }

    /// One page of 16-point text in a composite font with Identity-H codes (as Word and WPS
    /// write Chinese) and a ToUnicode map; `page` is the page dictionary's extra entries.
    fn cid_pdf(page: &str) -> Vec<u8> {
        let chars = "白鹭湾县任务";
        let codes: String = (1..=4).map(|c| format!("{c:04X}")).collect();
        let map: String = chars
            .chars()
            .enumerate()
            .map(|(i, c)| format!("<{:04X}> <{:04X}>\n", i + 1, c as u32))
            .collect();
        let cmap = format!(
            "/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Adobe-Identity-UCS def /CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n{} beginbfchar\n{map}endbfchar\nendcmap CMapName currentdict /CMap defineresource pop end end",
            chars.chars().count()
        );
        pdf(&[
            b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
            format!("<< /Type /Page /Parent 2 0 R {page} /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>").into_bytes(),
            stream("", &format!("BT /F1 16 Tf 72 700 Td <{codes}> Tj 0 -28 Td <00050006> Tj ET")),
            b"<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H /DescendantFonts [6 0 R] /ToUnicode 7 0 R >>".to_vec(),
            b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 8 0 R /DW 1000 >>".to_vec(),
            stream("", &cmap),
            b"<< /Type /FontDescriptor /FontName /SimSun /Flags 4 /FontBBox [0 -120 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>".to_vec(),
        ])
    }

    #[test]
    fn identity_h_composite_fonts_read_through_their_unicode_map() {
        let Ok(extract) = read_glyphs(&cid_pdf("/MediaBox [0 0 595 842]")) else {
            panic!("not read")
        };
        assert_eq!(extract.text(), "白鹭湾县\n任务");
        assert_eq!(extract.places.of(2).as_deref(), Some("page 1 line 2"));
    }

    #[test]
    fn a_panic_in_the_pdf_crate_is_a_damaged_page() {
        // pdf-extract expects every page to have a MediaBox, and panics on one without.
        match read_glyphs(&cid_pdf("")) {
            Err(Failure::Damaged(e)) => assert!(
                e.starts_with("a damaged PDF: page 1 could not be read"),
                "{e}"
            ),
            _ => panic!("a page without a media box was read"),
        }
        // pdftotext, where installed, reads it (and says so).
        if on_path("pdftotext") {
            let extract = read(Path::new("x.pdf"), &cid_pdf("")).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(extract.text(), "白鹭湾县\n任务");
            assert!(
                extract.warnings[0].starts_with("read with pdftotext: a damaged PDF: page 1"),
                "{:?}",
                extract.warnings
            );
        }
    }

    #[test]
    fn work_is_bounded() {
        let limits = Limits {
            text_bytes: 5,
            ..Limits::default()
        };
        match read_glyphs_within(&cid_pdf("/MediaBox [0 0 595 842]"), limits) {
            Err(Failure::Refused(e)) => {
                assert!(e.starts_with("a PDF whose text passes 0 MB"), "{e}")
            }
            _ => panic!("read past the limit"),
        }
        let mut objects = vec![b"<< /Type /Catalog /Pages 2 0 R >>".to_vec()];
        let n = MAX_PAGES + 1;
        let kids: String = (0..n).map(|i| format!("{} 0 R ", i + 3)).collect();
        objects.push(format!("<< /Type /Pages /Kids [{kids}] /Count {n} >>").into_bytes());
        objects.extend(
            (0..n).map(|_| b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] >>".to_vec()),
        );
        match read_glyphs(&pdf(&objects)) {
            Err(Failure::Refused(e)) => assert_eq!(
                e,
                "a PDF of 5001 pages; planq reads at most 5000 — split it and load the parts"
            ),
            _ => panic!("read past the page limit"),
        }
    }

    #[test]
    fn pdftotext_reads_the_notice_as_the_glyphs_do() {
        if !on_path("pdftotext") {
            return;
        }
        let bytes = std::fs::read("tests/fixtures/office/pdf_notice.pdf").expect("fixture");
        let (Ok(by_glyphs), Ok(by_columns)) = (read_glyphs(&bytes), read_with_pdftotext(&bytes))
        else {
            panic!("not read")
        };
        let tasks = |e: Extract| {
            let doc = crate::ingest::parse_extract("pdf_notice.pdf", e);
            doc.tasks
                .iter()
                .map(|t| {
                    format!(
                        "{} {} {:?} {:?} {:?}",
                        t.no, t.text, t.lead, t.support, t.due
                    )
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(tasks(by_columns), tasks(by_glyphs));
    }
}
