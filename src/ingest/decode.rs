//! Decoding: raw bytes → text, detecting UTF-8 (with or without BOM), UTF-16 and GB18030/GBK.
//!
//! Chinese government files are very often GBK; PDFs exported on Windows are sometimes UTF-16.
//! Anything that is none of these (a binary, an image) is refused with a reason.

use encoding_rs::{Encoding, GB18030, UTF_16BE, UTF_16LE};

/// Decodes `bytes`, or says why they are not a text document.
pub fn decode(bytes: &[u8]) -> Result<String, String> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return strict(encoding, &bytes[bom_len..]);
    }
    if let Some(encoding) = utf16_without_bom(bytes) {
        return strict(encoding, bytes);
    }
    if bytes.contains(&0) {
        return Err("binary data (NUL bytes), not a text document".into());
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return check_text(text.to_string());
    }
    strict(GB18030, bytes)
        .map_err(|_| "not text in a supported encoding (UTF-8, UTF-16 or GB18030/GBK)".to_string())
}

fn strict(encoding: &'static Encoding, bytes: &[u8]) -> Result<String, String> {
    match encoding.decode_without_bom_handling_and_without_replacement(bytes) {
        Some(text) => check_text(text.into_owned()),
        None => Err(format!("invalid {} data", encoding.name())),
    }
}

/// Text with many control characters is a binary that happened to decode.
fn check_text(text: String) -> Result<String, String> {
    let total = text.chars().count();
    let control = text
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
        .count();
    if total > 0 && control * 20 > total {
        return Err(format!(
            "binary data ({control} control characters in {total}), not a text document"
        ));
    }
    Ok(text)
}

/// UTF-16 without a BOM shows as NUL bytes in every other position.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let sample = &bytes[..bytes.len().min(4096)];
    let pairs = sample.len() / 2;
    let even_nul = sample.iter().step_by(2).filter(|b| **b == 0).count();
    let odd_nul = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|b| **b == 0)
        .count();
    if odd_nul * 3 > pairs && even_nul * 20 < pairs {
        Some(UTF_16LE)
    } else if even_nul * 3 > pairs && odd_nul * 20 < pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_utf8_with_and_without_bom() {
        assert_eq!(decode("牵头".as_bytes()).unwrap(), "牵头");
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice("牵头".as_bytes());
        assert_eq!(decode(&bom).unwrap(), "牵头");
    }

    #[test]
    fn reads_gbk() {
        let (bytes, _, _) = GB18030.encode("区经济发展局负责");
        assert_eq!(decode(&bytes).unwrap(), "区经济发展局负责");
    }

    #[test]
    fn reads_utf16_with_and_without_bom() {
        let mut le: Vec<u8> = vec![0xFF, 0xFE];
        let units: Vec<u8> = "1. 新增15家\n"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        le.extend_from_slice(&units);
        assert_eq!(decode(&le).unwrap(), "1. 新增15家\n");
        assert_eq!(decode(&units).unwrap(), "1. 新增15家\n");
    }

    #[test]
    fn refuses_binary() {
        let bytes: Vec<u8> = (0..=255u8).cycle().take(2000).collect();
        assert!(decode(&bytes).is_err());
    }

    #[test]
    fn empty_is_text() {
        assert_eq!(decode(b"").unwrap(), "");
    }
}
#[cfg(test)]
mod timing {
    #[test]
    #[ignore]
    fn time_50mb() {
        let unit = std::fs::read_to_string("tests/fixtures/five_year_cn_measures.txt").unwrap();
        let mut s = String::new();
        while s.len() < 50_000_000 {
            s.push_str(&unit);
        }
        let bytes = s.into_bytes();
        let mut best = f64::MAX;
        for _ in 0..7 {
            let t = std::time::Instant::now();
            let out = super::decode(&bytes).unwrap();
            best = best.min(t.elapsed().as_secs_f64());
            assert_eq!(out.len(), bytes.len());
        }
        eprintln!("TIMING best {:.1} ms for {} bytes", best * 1e3, bytes.len());
    }
}
