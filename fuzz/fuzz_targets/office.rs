//! Arbitrary bytes read as an office file, a web page or a PDF: the first byte picks the
//! name the bytes come under (its extension is the format's second witness), the rest are
//! the file. Must never panic or hang: a damaged file is an `Err`.
#![no_main]

use libfuzzer_sys::fuzz_target;

const NAMES: &[&str] = &["f.docx", "f.xlsx", "f.xls", "f.ods", "f.html", "f.pdf", "f.et"];
/// Legacy Word/WPS files are converted by LibreOffice, a separate program: not fuzzed here.
const OLE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let name = NAMES[pick as usize % NAMES.len()];
    if bytes.starts_with(OLE) && !matches!(name, "f.xls" | "f.et") {
        return;
    }
    let _ = planq::ingest::parse_bytes(name, bytes);
});
