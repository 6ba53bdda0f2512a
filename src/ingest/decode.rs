//! Decoding: raw bytes → text, detecting UTF-8 (with or without BOM), UTF-16, GB18030/GBK and Big5.
//!
//! Chinese government files are very often GBK; PDFs exported on Windows are sometimes UTF-16;
//! Taiwan and Hong Kong publish in Big5. Validity cannot tell the legacy encodings apart (nearly
//! any Big5 or Shift-JIS file is also valid GB18030, and reads as junk), so each candidate is
//! scored by how many of the text's characters fall on the common rows of its own code table,
//! and the best fit wins. A binary or a Japanese file is refused with a reason, an invalid
//! sequence with its byte offset and line; `decode_lossy` reads anything, replacing what fails.

use encoding_rs::{DecoderResult, Encoding, BIG5, GB18030, SHIFT_JIS, UTF_16BE, UTF_16LE, UTF_8};

/// A sequence of the input that `decode_lossy` replaced by U+FFFD.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replacement {
    /// 1-based line of the text where the sequence was.
    pub line: usize,
    /// Byte offset of the sequence in the input (a BOM counted).
    pub offset: usize,
    /// How many replaced sequences this entry stands for: 1, except in the last entry of a
    /// full list (`MAX_LISTED` entries), which also counts all the later ones.
    pub count: usize,
}

/// Replacements listed one by one; a file with more is still read, and the rest counted.
pub const MAX_LISTED: usize = 100;

/// Decodes `bytes`, or says in one line why they are not a text document.
pub fn decode(bytes: &[u8]) -> Result<String, String> {
    let guess = guess(bytes);
    if let Some(reason) = guess.refusal {
        return Err(reason);
    }
    let (text, replaced) = decode_with(guess.encoding, bytes, guess.skip);
    if let Some(first) = replaced.first() {
        let count: usize = replaced.iter().map(|r| r.count).sum();
        return Err(format!(
            "not valid {} text: {count} invalid sequence{}, the first at byte {} (line {}); \
             use --lossy to read it with U+FFFD replacement characters",
            label(guess.encoding),
            if count == 1 { "" } else { "s" },
            first.offset,
            first.line
        ));
    }
    check_text(text)
}

/// Decodes `bytes` in the encoding that fits them best, whatever they are, replacing each
/// invalid sequence by U+FFFD; says where (for a CLI's `--lossy`).
pub fn decode_lossy(bytes: &[u8]) -> (String, Vec<Replacement>) {
    let guess = guess(bytes);
    decode_with(guess.encoding, bytes, guess.skip)
}

/// The encoding that fits, the BOM to skip, and why `decode` refuses, if it does.
struct Guess {
    encoding: &'static Encoding,
    skip: usize,
    refusal: Option<String>,
}

impl Guess {
    fn text(encoding: &'static Encoding, skip: usize) -> Guess {
        Guess {
            encoding,
            skip,
            refusal: None,
        }
    }
}

/// In order of certainty: a BOM, valid UTF-8, UTF-16 by its text, the legacy encodings by fit.
fn guess(bytes: &[u8]) -> Guess {
    if let Some((encoding, skip)) = Encoding::for_bom(bytes) {
        return Guess::text(encoding, skip);
    }
    let has_nul = bytes.contains(&0);
    if !has_nul && std::str::from_utf8(bytes).is_ok() {
        return Guess::text(UTF_8, 0);
    }
    if let Some(encoding) = utf16_without_bom(bytes) {
        return Guess::text(encoding, 0);
    }
    if has_nul {
        let at = bytes.iter().position(|b| *b == 0).unwrap_or(0);
        return Guess {
            refusal: Some(format!(
                "binary data (NUL bytes, the first at byte {at}), not a text document"
            )),
            ..Guess::text(UTF_8, 0)
        };
    }
    legacy(bytes)
}

/// How far another candidate's score must top GB18030's to win: GB18030 is the usual legacy
/// encoding of our documents, and the one read when the evidence is thin.
const MARGIN: f64 = 0.25;
/// Big5 is decoded only on this much evidence: below it, it is named but refused.
const BIG5_SURE: (u32, f64) = (12, 0.8);

/// Chooses among the encodings that need no NUL: UTF-8 (with damage, as it is not valid),
/// GB18030, Big5 and Shift-JIS.
fn legacy(bytes: &[u8]) -> Guess {
    let [utf8, gb, big5, sjis] =
        [utf8_seq, gb_seq, big5_seq, sjis_seq].map(|read| fit(bytes, read));
    let (encoding, best) = [(UTF_8, utf8), (BIG5, big5), (SHIFT_JIS, sjis)]
        .into_iter()
        .max_by(|a, b| a.1.score().total_cmp(&b.1.score()))
        .expect("three candidates");
    if best.score() < gb.score() + MARGIN {
        return Guess::text(GB18030, 0);
    }
    let refusal = if encoding == SHIFT_JIS {
        Some("looks like Shift-JIS (Japanese); convert it to UTF-8, e.g. iconv -f SHIFT_JIS -t UTF-8")
    } else if encoding == BIG5 && (best.seqs < BIG5_SURE.0 || best.score() < BIG5_SURE.1) {
        Some("looks like Big5 (traditional Chinese); convert it to UTF-8, e.g. iconv -f BIG5 -t UTF-8")
    } else {
        None
    };
    Guess {
        refusal: refusal.map(String::from),
        ..Guess::text(encoding, 0)
    }
}

/// How a candidate reads the start of a text: its multi-byte sequences, how many of them
/// are common characters of the candidate's language, how many are invalid.
#[derive(Clone, Copy, Default, Debug)]
struct Fit {
    seqs: u32,
    common: u32,
    invalid: u32,
}

impl Fit {
    fn score(self) -> f64 {
        (f64::from(self.common) - f64::from(self.invalid)) / f64::from(self.seqs.max(1))
    }
}

/// Reads one non-ASCII sequence: its length and whether it is a common character, or `None`
/// for an invalid one.
type Reader = fn(&[u8]) -> Option<(usize, bool)>;

/// Enough sequences to tell the encodings apart; the rest of the file is not looked at.
const EVIDENCE: u32 = 4096;

fn fit(bytes: &[u8], read: Reader) -> Fit {
    let mut fit = Fit::default();
    let mut i = 0;
    while i < bytes.len() && fit.seqs < EVIDENCE {
        if bytes[i] < 0x80 {
            i += 1;
            continue;
        }
        fit.seqs += 1;
        match read(&bytes[i..]) {
            Some((len, common)) => {
                fit.common += u32::from(common);
                i += len;
            }
            None => {
                fit.invalid += 1;
                i += 1;
            }
        }
    }
    fit
}

/// Any valid UTF-8 sequence counts as common: its structure is evidence enough.
fn utf8_seq(b: &[u8]) -> Option<(usize, bool)> {
    let len = match b[0] {
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        _ => return None,
    };
    let valid = b.len() >= len && b[1..len].iter().all(|c| c & 0xC0 == 0x80);
    valid.then_some((len, true))
}

/// Common: GB2312's punctuation and full-width rows (A1–A3) and its 6763 hanzi (B0–F7). Big5
/// and Shift-JIS text falls mostly on GBK's extension rows, which modern simplified text
/// hardly uses, or on GB2312's kana, Greek and Cyrillic rows.
fn gb_seq(b: &[u8]) -> Option<(usize, bool)> {
    let lead = b[0];
    if !(0x81..=0xFE).contains(&lead) {
        return None;
    }
    match *b.get(1)? {
        0x30..=0x39 => {
            let four = matches!(b.get(2..4), Some(&[0x81..=0xFE, 0x30..=0x39]));
            four.then_some((4, false))
        }
        trail @ (0x40..=0x7E | 0x80..=0xFE) => {
            let common = trail >= 0xA1 && matches!(lead, 0xA1..=0xA3 | 0xB0..=0xF7);
            Some((2, common))
        }
        _ => None,
    }
}

/// Common: Big5's symbols (A1–A3) and its 5401 frequent hanzi (A4–C6).
fn big5_seq(b: &[u8]) -> Option<(usize, bool)> {
    let lead = b[0];
    if !(0x81..=0xFE).contains(&lead) {
        return None;
    }
    match *b.get(1)? {
        0x40..=0x7E | 0xA1..=0xFE => Some((2, (0xA1..=0xC6).contains(&lead))),
        _ => None,
    }
}

/// Common: symbols and kana (81–83) and the level-1 kanji (88–98). Half-width katakana
/// (single bytes A1–DF) are rare in Japanese text and are what GBK hanzi look like here.
fn sjis_seq(b: &[u8]) -> Option<(usize, bool)> {
    match b[0] {
        0xA1..=0xDF => Some((1, false)),
        lead @ (0x81..=0x9F | 0xE0..=0xFC) => match *b.get(1)? {
            0x40..=0x7E | 0x80..=0xFC => Some((2, matches!(lead, 0x81..=0x83 | 0x88..=0x98))),
            _ => None,
        },
        _ => None,
    }
}

/// Bytes of the start of a file looked at for UTF-16 without a BOM.
const UTF16_SAMPLE: usize = 4096;

/// UTF-16 without a BOM: one byte order must read as plausible text, the other not. The NULs
/// alone don't tell: mostly-ASCII UTF-16 has one in every other byte, CJK-heavy UTF-16 few.
/// At least one ASCII unit (a newline, a digit) is asked for, which needs a NUL byte: without
/// one, legacy text too often reads as CJK.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(UTF16_SAMPLE) & !1];
    let units = |from: fn([u8; 2]) -> u16| sample.chunks_exact(2).map(move |p| from([p[0], p[1]]));
    let le = utf16_share(units(u16::from_le_bytes));
    let be = utf16_share(units(u16::from_be_bytes));
    if le >= 0.9 && le > be {
        Some(UTF_16LE)
    } else if be >= 0.9 && be > le {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// The share of plausible characters, 0 when there is no ASCII one.
fn utf16_share(units: impl Iterator<Item = u16>) -> f64 {
    let (mut total, mut plausible, mut ascii) = (0u32, 0u32, false);
    for c in char::decode_utf16(units) {
        total += 1;
        if let Some(c) = c.ok().filter(|c| plausible_char(*c)) {
            plausible += 1;
            ascii |= c.is_ascii();
        }
    }
    if ascii {
        f64::from(plausible) / f64::from(total)
    } else {
        0.0
    }
}

/// Characters of a Chinese document: ASCII, Latin-1, CJK punctuation and symbols, hanzi.
fn plausible_char(c: char) -> bool {
    matches!(c,
        '\t' | '\n' | '\r' | '\u{c}' | ' '..='~' | '\u{a0}'..='\u{ff}'
        | '\u{2010}'..='\u{203b}' // dashes, quotes, …, ※
        | '\u{2100}'..='\u{22ff}' // ℃, №, Roman numerals, arrows, ≥
        | '\u{2460}'..='\u{27bf}' // ①, box drawing, ■○★
        | '\u{3000}'..='\u{303f}' // 、。〔〕《》
        | '\u{3200}'..='\u{32ff}' // ㈠
        | '\u{3400}'..='\u{4dbf}'
        | '\u{4e00}'..='\u{9fff}'
        | '\u{ff01}'..='\u{ff5e}' // ，（）：
        | '\u{ffe0}'..='\u{ffe5}' // ￥
        | '\u{20000}'..='\u{3134f}')
}

/// How errors are named: GB18030 is what we decode GBK files with.
fn label(encoding: &'static Encoding) -> &'static str {
    match encoding.name() {
        "gb18030" => "GB18030/GBK",
        name => name,
    }
}

/// Decodes `bytes[skip..]`, replacing invalid sequences and listing where they were.
fn decode_with(
    encoding: &'static Encoding,
    bytes: &[u8],
    skip: usize,
) -> (String, Vec<Replacement>) {
    let input = &bytes[skip..];
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let room = decoder.max_utf8_buffer_length_without_replacement(input.len());
    let mut text = String::with_capacity(room.unwrap_or(input.len()));
    // Offset in `bytes` and position in `text` of each listed replacement.
    let mut listed: Vec<(usize, usize)> = Vec::new();
    let (mut total, mut read) = (0, 0);
    loop {
        let (result, n) =
            decoder.decode_to_string_without_replacement(&input[read..], &mut text, true);
        read += n;
        match result {
            DecoderResult::InputEmpty => break,
            DecoderResult::OutputFull => {
                let room = decoder.max_utf8_buffer_length_without_replacement(input.len() - read);
                text.reserve(room.unwrap_or(1024).max(16));
            }
            DecoderResult::Malformed(bad, after) => {
                if listed.len() < MAX_LISTED {
                    let start = read.saturating_sub(usize::from(bad) + usize::from(after));
                    listed.push((skip + start, text.len()));
                }
                total += 1;
                text.push('\u{FFFD}');
            }
        }
    }
    let lines = line_numbers(&text, listed.iter().map(|&(_, at)| at));
    let mut replaced: Vec<Replacement> = listed
        .iter()
        .zip(lines)
        .map(|(&(offset, _), line)| Replacement {
            line,
            offset,
            count: 1,
        })
        .collect();
    if let Some(last) = replaced.last_mut() {
        last.count += total - listed.len();
    }
    (text, replaced)
}

/// 1-based line numbers of ascending byte positions of `text`; a line ends at \n, \r\n or \r.
fn line_numbers(text: &str, positions: impl Iterator<Item = usize>) -> Vec<usize> {
    let bytes = text.as_bytes();
    let (mut line, mut from) = (1, 0);
    positions
        .map(|at| {
            for i in from..at {
                let lone_cr = bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n');
                line += usize::from(bytes[i] == b'\n' || lone_cr);
            }
            from = at;
            line
        })
        .collect()
}

/// Text with many control characters is a binary that happened to decode.
fn check_text(text: String) -> Result<String, String> {
    let total = text.chars().count();
    // A bound first, in a loop that vectorizes, as this pass must stay cheap on a large
    // file (0xC2 leads the C1 controls but also Latin-1 letters); the exact count only
    // when the bound says that it might matter.
    let bound = count(
        text.as_bytes(),
        |b| matches!(b, 0x00..=0x08 | 0x0B | 0x0E..=0x1F | 0x7F | 0xC2),
    );
    if bound * 20 <= total {
        return Ok(text);
    }
    let control = text
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
        .count();
    if control * 20 > total {
        return Err(format!(
            "binary data ({control} control characters in {total}), not a text document"
        ));
    }
    Ok(text)
}

/// How many bytes match, summed in chunks small enough for a `u8` count, which SIMD can do.
fn count(bytes: &[u8], matches: impl Fn(u8) -> bool) -> usize {
    bytes
        .chunks(255)
        .map(|chunk| chunk.iter().fold(0u8, |n, b| n + u8::from(matches(*b))))
        .map(usize::from)
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A GBK notice as counties publish them (CRLF, full-width punctuation, digits).
    const GBK_PLAN: &str = "区人民政府办公室关于印发2024年重点工作任务的通知\r\n\
        各街道办事处，区政府各部门：\r\n一、推动产业升级\r\n\
        1.培育创新主体。新增高新技术企业15家以上。（区发展和改革局牵头，区财政局配合）\r\n";
    /// The same kind of text in traditional characters, as Taiwan publishes it in Big5.
    const HANT_PLAN: &str = "臺北市政府一一三年度施政計畫\n一、推動產業升級\n\
        1.培育創新主體。新增高新技術企業十五家以上。（經濟發展局負責，財政局配合）\n\
        2.完善交通建設，完成捷運路網規劃。\n";

    fn utf16(text: &str, to: fn(u16) -> [u8; 2]) -> Vec<u8> {
        text.encode_utf16().flat_map(to).collect()
    }

    #[test]
    fn reads_utf8_with_and_without_bom() {
        assert_eq!(decode("牵头".as_bytes()).unwrap(), "牵头");
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice("牵头".as_bytes());
        assert_eq!(decode(&bom).unwrap(), "牵头");
    }

    #[test]
    fn gbk_plan_text_stays_gbk_however_short() {
        let short = [
            "区发展和改革局牵头，区财政局配合",
            "新增高新技术企业15家以上",
            // Not "牵头": its GBK bytes (C7 A3 CD B7) are also valid UTF-8, and valid UTF-8 wins.
            "新增",
        ];
        for text in GBK_PLAN
            .split_inclusive('\n')
            .chain([GBK_PLAN])
            .chain(short)
        {
            let (bytes, _, _) = GB18030.encode(text);
            assert_eq!(decode(&bytes).unwrap(), text);
        }
    }

    #[test]
    fn big5_is_read_when_the_evidence_is_clear() {
        let (bytes, _, unmappable) = BIG5.encode(HANT_PLAN);
        assert!(!unmappable);
        assert_eq!(decode(&bytes).unwrap(), HANT_PLAN);
    }

    #[test]
    fn short_big5_is_refused_and_named() {
        let (bytes, _, _) = BIG5.encode("經濟發展局負責");
        assert_eq!(
            decode(&bytes).unwrap_err(),
            "looks like Big5 (traditional Chinese); convert it to UTF-8, e.g. iconv -f BIG5 -t UTF-8"
        );
    }

    #[test]
    fn traditional_text_in_gbk_stays_gbk() {
        let (bytes, _, _) = GB18030.encode(HANT_PLAN);
        assert_eq!(decode(&bytes).unwrap(), HANT_PLAN);
    }

    #[test]
    fn shift_jis_is_refused_and_named() {
        let ja = "東京都は、令和六年度の重点施策として、子育て支援の充実を進めます。\n";
        let (bytes, _, _) = SHIFT_JIS.encode(ja);
        let error = decode(&bytes).unwrap_err();
        assert!(
            error.starts_with("looks like Shift-JIS (Japanese)"),
            "{error}"
        );
        assert!(error.contains("iconv -f SHIFT_JIS -t UTF-8"), "{error}");
    }

    #[test]
    fn reads_utf16_with_and_without_bom() {
        let units = utf16("1. 新增15家\n", u16::to_le_bytes);
        let mut le = vec![0xFF, 0xFE];
        le.extend_from_slice(&units);
        assert_eq!(decode(&le).unwrap(), "1. 新增15家\n");
        assert_eq!(decode(&units).unwrap(), "1. 新增15家\n");
    }

    #[test]
    fn reads_cjk_heavy_and_ascii_heavy_utf16_without_bom() {
        // One NUL in some 200 bytes: the old every-other-byte test called this binary.
        let cjk =
            "培育创新主体，新增高新技术企业以上，区发展和改革局牵头，区财政局配合。\n".repeat(40);
        let ascii = "Task 1: add 15 high-tech firms (lead: district office)\n".repeat(40);
        for text in [cjk, ascii] {
            for to in [u16::to_le_bytes, u16::to_be_bytes] {
                assert_eq!(decode(&utf16(&text, to)).unwrap(), text);
            }
        }
    }

    #[test]
    fn truncated_utf16_is_located() {
        let mut bytes = utf16("一、推动产业升级\n新增15家", u16::to_le_bytes);
        bytes.push(b'x');
        let error = decode(&bytes).unwrap_err();
        assert!(
            error.starts_with(
                "not valid UTF-16LE text: 1 invalid sequence, the first at byte 28 (line 2)"
            ),
            "{error}"
        );
    }

    #[test]
    fn refuses_binary() {
        let bytes: Vec<u8> = (0..=255u8).cycle().take(2000).collect();
        assert!(decode(&bytes).unwrap_err().starts_with("binary data"));
        // Seeded noise with NULs, like tests/fixtures/binary.bin.
        let mut x = 12345u32;
        let noise: Vec<u8> = (0..2048)
            .map(|_| {
                x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
                (x >> 16) as u8
            })
            .collect();
        assert!(decode(&noise).unwrap_err().starts_with("binary data"));
    }

    #[test]
    fn refuses_text_full_of_control_characters() {
        let error = decode(&b"\x01\x02ab\x1B[0m".repeat(100)).unwrap_err();
        assert_eq!(
            error,
            "binary data (300 control characters in 800), not a text document"
        );
        assert!(decode("\u{85}\u{9b}章节".repeat(100).as_bytes()).is_err());
        assert!(decode("Café·×÷\n".repeat(100).as_bytes()).is_ok());
    }

    #[test]
    fn a_stray_byte_is_located_with_a_way_out() {
        let mut bytes = "一、推动产业升级\r\n新增15家\r\n".as_bytes().to_vec();
        let at = bytes.len();
        bytes.extend_from_slice(b"\xFF(\xE5\x8C\xBA)\n");
        assert_eq!(
            decode(&bytes).unwrap_err(),
            format!(
                "not valid UTF-8 text: 1 invalid sequence, the first at byte {at} (line 3); \
                 use --lossy to read it with U+FFFD replacement characters"
            )
        );
        let (mut gbk, _, _) = GB18030.encode(GBK_PLAN);
        gbk.to_mut().insert(8, 0xFF);
        let error = decode(&gbk).unwrap_err();
        assert!(
            error.starts_with(
                "not valid GB18030/GBK text: 1 invalid sequence, the first at byte 8 (line 1); "
            ),
            "{error}"
        );
    }

    #[test]
    fn lossy_reads_and_lists_what_it_replaced() {
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend_from_slice("区财政局\r\n配合\r".as_bytes());
        let at = bytes.len();
        bytes.extend_from_slice(b"\xFF\n");
        let (text, replaced) = decode_lossy(&bytes);
        assert_eq!(text, "区财政局\r\n配合\r\u{FFFD}\n");
        let expected = Replacement {
            line: 3,
            offset: at,
            count: 1,
        };
        assert_eq!(replaced, [expected]);
        assert_eq!(
            decode_lossy("牵头".as_bytes()),
            ("牵头".to_string(), vec![])
        );
    }

    #[test]
    fn lossy_lists_a_hundred_and_counts_the_rest() {
        let bytes = ["区财政局配合".as_bytes(), b"\xFF\n"].concat().repeat(250);
        let (text, replaced) = decode_lossy(&bytes);
        assert_eq!(text, "区财政局配合\u{FFFD}\n".repeat(250));
        assert_eq!(replaced.len(), MAX_LISTED);
        assert_eq!(
            (replaced[99].line, replaced[99].offset),
            (100, 99 * 20 + 18)
        );
        assert_eq!(replaced.iter().map(|r| r.count).sum::<usize>(), 250);
    }

    #[test]
    fn odd_input_never_panics_and_lossy_agrees() {
        let pieces: Vec<Vec<u8>> = vec![
            GB18030.encode(GBK_PLAN).0.into_owned(),
            BIG5.encode(HANT_PLAN).0.into_owned(),
            utf16(GBK_PLAN, u16::to_be_bytes),
            GBK_PLAN.as_bytes().to_vec(),
            vec![0, 0xFF, 0xC2, 0x85, 0xD8, 0xEF, 0xBB, 0xBF, b'\r', b'\n'],
        ];
        let mut x = 7u32;
        let mut next = |n: usize| {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
            (x >> 8) as usize % n
        };
        for _ in 0..2000 {
            let mut bytes = Vec::new();
            for _ in 0..next(4) {
                let piece = &pieces[next(pieces.len())];
                let from = next(piece.len());
                bytes.extend_from_slice(&piece[from..(from + next(64)).min(piece.len())]);
            }
            let (text, replaced) = decode_lossy(&bytes);
            if let Ok(strict) = decode(&bytes) {
                assert_eq!((strict, vec![]), (text, replaced));
            }
        }
    }

    #[test]
    fn empty_is_text() {
        assert_eq!(decode(b"").unwrap(), "");
        assert_eq!(decode_lossy(b""), (String::new(), vec![]));
    }
}
