//! Sniffs a saved page's charset and decodes its bytes to text.

use encoding_rs::{Encoding, GB18030, GBK, UTF_16BE, UTF_16LE, UTF_8};

/// A page declares its encoding near the top; past this a declaration is not looked for.
const SNIFF_BYTES: usize = 2048;

/// The page's text: a BOM wins; then bytes that are valid UTF-8 are UTF-8, whatever the page
/// declares (a page re-saved as UTF-8 often keeps its old `charset=gb2312`, and GBK text is
/// never valid UTF-8 for long); then the declared encoding; then GB18030. A page declaring
/// UTF-8 that is not is read as GB18030. Each guess against the declaration is warned.
pub(super) fn decode(bytes: &[u8], warnings: &mut Vec<String>) -> String {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        let (text, bad) = encoding.decode_without_bom_handling(&bytes[bom..]);
        if bad {
            warnings.push(format!(
                "invalid {} byte sequences were replaced by U+FFFD",
                encoding.name()
            ));
        }
        return text.into_owned();
    }
    let declared = declared_charset(&bytes[..bytes.len().min(SNIFF_BYTES)]);
    if let Ok(text) = std::str::from_utf8(bytes) {
        if let Some(other) = declared.filter(|d| *d != UTF_8 && !text.is_ascii()) {
            warnings.push(format!(
                "the page declares {} but is saved as UTF-8: read as UTF-8",
                other.name()
            ));
        }
        return text.to_string();
    }
    let encoding = declared.filter(|d| *d != UTF_8).unwrap_or(GB18030);
    if declared == Some(UTF_8) {
        warnings.push("the page declares UTF-8 but is not: read as GB18030".into());
    }
    let (text, bad) = encoding.decode_without_bom_handling(bytes);
    if bad {
        warnings.push(format!(
            "invalid {} byte sequences were replaced by U+FFFD",
            encoding.name()
        ));
    }
    text.into_owned()
}

/// The encoding a page declares in `<meta charset=…>`, `<meta http-equiv="Content-Type"
/// content="…; charset=…">` or an XML declaration. GB2312 and GBK are read as GB18030,
/// which holds both; a meta that claims UTF-16 on bytes readable as ASCII means UTF-8.
fn declared_charset(head: &[u8]) -> Option<&'static Encoding> {
    let lower = head.to_ascii_lowercase();
    let mut labels = Vec::new();
    if lower.starts_with(b"<?xml") {
        let end = find(&lower, b"?>", 0).unwrap_or(lower.len());
        labels.extend(value_after(&lower[..end], b"encoding"));
    }
    let mut at = 0;
    while let Some(start) = find(&lower, b"<meta", at) {
        let end = find(&lower, b">", start).unwrap_or(lower.len());
        labels.extend(value_after(&lower[start..end], b"charset"));
        at = end;
    }
    labels.into_iter().find_map(|label| {
        let encoding = Encoding::for_label(&label)?;
        Some(match encoding {
            e if e == GBK => GB18030,
            e if e == UTF_16LE || e == UTF_16BE => UTF_8,
            e if e.name() == "replacement" => return None,
            e => e,
        })
    })
}

fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    haystack
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

/// The value of `name=value` (quoted or not) inside a tag.
fn value_after(tag: &[u8], name: &[u8]) -> Option<Vec<u8>> {
    let at = find(tag, name, 0)? + name.len();
    let rest = tag.get(at..)?;
    let rest = rest
        .trim_ascii_start()
        .strip_prefix(b"=")?
        .trim_ascii_start();
    let rest = rest
        .strip_prefix(b"\"")
        .or(rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let label: Vec<u8> = rest
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':'))
        .copied()
        .collect();
    (!label.is_empty()).then_some(label)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::readers::html::read;

    #[test]
    fn meta_charset_gb2312_is_sniffed_before_decoding() {
        let page =
            "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">\
                    </head><body><p>松阳河区人民政府办公室〔2025〕</p></body></html>";
        let (bytes, _, _) = GBK.encode(page);
        let mut warnings = Vec::new();
        assert_eq!(decode(&bytes, &mut warnings), page);
        assert!(warnings.is_empty(), "{warnings:?}");
        let read_back = read(&bytes).map(|e| e.text()).unwrap_or_default();
        assert_eq!(read_back, "松阳河区人民政府办公室〔2025〕");

        assert_eq!(declared_charset(b"<meta charset='GBK'>"), Some(GB18030));
        assert_eq!(
            declared_charset(b"<META CHARSET=big5>"),
            Some(encoding_rs::BIG5)
        );
        assert_eq!(
            declared_charset(b"<?xml version=\"1.0\" encoding=\"gb2312\"?>"),
            Some(GB18030)
        );
        assert_eq!(declared_charset(b"<meta charset=\"utf-16\">"), Some(UTF_8));
        assert_eq!(declared_charset(b"<p>charset=gbk</p>"), None);
    }

    #[test]
    fn bom_wins_and_undeclared_legacy_bytes_read_as_gb18030() {
        let mut warnings = Vec::new();
        let mut bytes = b"\xEF\xBB\xBF<meta charset=gbk>".to_vec();
        bytes.extend("县政府".as_bytes());
        assert_eq!(decode(&bytes, &mut warnings), "<meta charset=gbk>县政府");
        let (gbk, _, _) = GBK.encode("<p>县政府办公室</p>");
        assert_eq!(decode(&gbk, &mut warnings), "<p>县政府办公室</p>");
        assert!(warnings.is_empty(), "{warnings:?}");
        // Declared UTF-8 but saved as GBK: read as its bytes fit, with a warning.
        let (gbk, _, _) = GBK.encode("<meta charset=utf-8><p>县政府办公室</p>");
        assert_eq!(
            decode(&gbk, &mut warnings),
            "<meta charset=utf-8><p>县政府办公室</p>"
        );
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        // Re-saved as UTF-8 with the old declaration kept: the bytes win.
        let resaved = "<meta charset=gb2312><p>县政府办公室</p>";
        assert_eq!(decode(resaved.as_bytes(), &mut warnings), resaved);
        assert_eq!(warnings.len(), 2, "{warnings:?}");
    }
}
