//! Readers, one per file format: each turns a file's bytes into the lines the text ingest
//! reads (paragraphs as lines, table rows as tab-separated cells) and the place of every
//! line in its source (page, sheet and row), so that nothing past here knows the format.

mod csv;
mod docx;
mod grid;
mod html;
mod legacy;
mod pdf;
mod sheet;

pub use grid::{Cell, Grid, Span};

use crate::model::Places;
use std::path::Path;

/// What a reader made of a file: its lines, where each stands, and what it could not read.
#[derive(Debug, Default)]
pub struct Extract {
    lines: Vec<String>,
    pub places: Places,
    /// Things the reader had to leave out or guess, each said with its place.
    pub warnings: Vec<String>,
}

impl Extract {
    /// Starts a part of the source: `("sheet 任务台账", "row")`, `("page 3", "line")`.
    pub fn part(&mut self, name: impl Into<String>, counts: impl Into<String>) {
        self.places.part(name, counts);
    }

    /// Adds a line of text numbered `n` in the current part. Line breaks inside it become
    /// spaces: one source line is one line.
    pub fn line(&mut self, text: &str, n: u32) {
        let text = if text.contains(['\n', '\r']) {
            text.replace("\r\n", " ").replace(['\n', '\r'], " ")
        } else {
            text.to_string()
        };
        self.lines.push(text);
        self.places.line(n);
    }

    /// Adds a table: a line per row, cells separated by tabs, merged cells resolved as a
    /// reader sees them; `first_row` numbers its first row.
    pub fn grid(&mut self, grid: &Grid, first_row: u32) {
        for (i, line) in grid.lines() {
            self.line(&line, first_row + i as u32);
        }
    }

    pub fn is_empty(&self) -> bool {
        self.lines.iter().all(|l| l.trim().is_empty())
    }

    /// The text the ingest reads: the lines joined by newlines.
    pub fn text(&self) -> String {
        self.lines.join("\n")
    }
}

/// The formats planq reads, told by their bytes first and their name second.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text in any encoding the decoder knows.
    Text,
    Docx,
    /// A workbook: .xlsx, .xls, .ods (and WPS .et saved as either).
    Sheet,
    Html,
    Pdf,
    /// A legacy binary Word or WPS document (.doc, .wps), or an .odt: read after converting.
    Legacy,
    /// A comma-separated table (.csv).
    Csv,
}

/// Extensions of every document a folder is searched for.
pub const DOCUMENT_EXTENSIONS: &[&str] = &[
    "txt", "text", "md", "docx", "docm", "dotx", "xlsx", "xlsm", "xls", "et", "ods", "html", "htm",
    "shtml", "xhtml", "pdf", "doc", "wps", "odt", "csv",
];

const ZIP: &[u8] = b"PK\x03\x04";
const OLE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

/// The format of a file, or why planq does not read it (an image, an archive of other
/// files), in words that name the kind.
pub fn format_of(path: &Path, bytes: &[u8]) -> Result<Format, String> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    if bytes.starts_with(ZIP) {
        return zip_format(bytes, &ext);
    }
    if bytes.starts_with(OLE) {
        return Ok(match ext.as_str() {
            "xls" | "et" | "xlt" | "ett" => Format::Sheet,
            _ => Format::Legacy,
        });
    }
    if bytes.starts_with(b"%PDF") {
        return Ok(Format::Pdf);
    }
    if let Some(kind) = image_kind(bytes) {
        return Err(format!(
            "{kind}, not a document; planq reads text, Word, Excel, web pages and PDF (OCR of images is not done)"
        ));
    }
    for (magic, kind) in [
        (&b"\x1F\x8B"[..], "a gzip archive"),
        (b"Rar!", "a RAR archive"),
        (b"7z\xBC\xAF\x27\x1C", "a 7-Zip archive"),
        (b"{\\rtf", "an RTF document"),
    ] {
        if bytes.starts_with(magic) {
            return Err(format!(
                "{kind}; unpack or convert it (to .docx, .xlsx or .txt) and load the result"
            ));
        }
    }
    if matches!(ext.as_str(), "html" | "htm" | "shtml" | "xhtml") || looks_like_html(bytes) {
        return Ok(Format::Html);
    }
    if ext == "csv" {
        return Ok(Format::Csv);
    }
    Ok(Format::Text)
}

/// Which office document a zip holds, by the parts inside it.
fn zip_format(bytes: &[u8], ext: &str) -> Result<Format, String> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| format!("a damaged zip or office file: {e}"))?;
    let has = |name: &str| archive.index_for_name(name).is_some();
    if has("word/document.xml") {
        return Ok(Format::Docx);
    }
    if has("xl/workbook.xml") || has("xl/workbook.bin") {
        return Ok(Format::Sheet);
    }
    if has("mimetype") {
        let mut mime = String::new();
        if let Ok(entry) = archive.by_name("mimetype") {
            use std::io::Read;
            let _ = entry.take(200).read_to_string(&mut mime);
        }
        if mime.contains("opendocument.spreadsheet") {
            return Ok(Format::Sheet);
        }
        if mime.contains("opendocument.text") {
            return Ok(Format::Legacy);
        }
    }
    Err(format!(
        "a zip archive{} that is no Word or Excel file; unpack it and load the documents inside",
        if ext.is_empty() {
            String::new()
        } else {
            format!(" (.{ext})")
        }
    ))
}

fn image_kind(bytes: &[u8]) -> Option<&'static str> {
    [
        (&b"\x89PNG"[..], "a PNG image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"II*\x00", "a TIFF image"),
        (b"MM\x00*", "a TIFF image"),
        (b"BM", "a BMP image"),
        (b"RIFF", "a RIFF file (WebP image or media)"),
    ]
    .iter()
    .find(|(magic, _)| bytes.starts_with(magic))
    .map(|(_, kind)| *kind)
}

/// Whether text opens like a web page (after a BOM and white space).
fn looks_like_html(bytes: &[u8]) -> bool {
    let head: Vec<u8> = bytes
        .iter()
        .take(512)
        .skip_while(|b| b.is_ascii_whitespace() || matches!(b, 0xEF | 0xBB | 0xBF))
        .take(15)
        .map(u8::to_ascii_lowercase)
        .collect();
    head.starts_with(b"<!doctype html") || head.starts_with(b"<html")
}

/// Reads a file of a format other than plain text into lines with their places.
pub fn read(path: &Path, bytes: &[u8], format: Format) -> Result<Extract, String> {
    let extract = match format {
        Format::Text => unreachable_text(),
        Format::Docx => docx::read(bytes),
        Format::Sheet => sheet::read(path, bytes),
        Format::Html => html::read(bytes),
        Format::Pdf => pdf::read(path, bytes),
        Format::Legacy => legacy::read(path, bytes),
        Format::Csv => csv::read(bytes),
    }?;
    if extract.is_empty() {
        return Err(match format {
            Format::Pdf => "the PDF has no text layer (a scanned image?); planq does not do OCR — run the scan through OCR first and load its text".to_string(),
            _ => "the file holds no text".to_string(),
        });
    }
    Ok(extract)
}

fn unreachable_text() -> Result<Extract, String> {
    Err("plain text is read by the text decoder, not a reader".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_by_their_bytes() {
        let p = Path::new("a.bin");
        assert_eq!(format_of(p, b"%PDF-1.7\n"), Ok(Format::Pdf));
        assert_eq!(format_of(p, OLE), Ok(Format::Legacy));
        assert_eq!(format_of(Path::new("a.xls"), OLE), Ok(Format::Sheet));
        assert_eq!(
            format_of(p, b"\xEF\xBB\xBF <!DOCTYPE html><html>"),
            Ok(Format::Html)
        );
        assert_eq!(format_of(p, "一、总体要求".as_bytes()), Ok(Format::Text));
        let e = format_of(p, b"\x89PNG\r\n").unwrap_err();
        assert!(e.starts_with("a PNG image, not a document"), "{e}");
        let e = format_of(p, b"PK\x03\x04broken").unwrap_err();
        assert!(e.starts_with("a damaged zip"), "{e}");
    }
}
