//! Traditional characters: read a traditional-script document as simplified, keep names as written.
//!
//! Recognition (roles, units, deadlines) is written against simplified text, so a traditional
//! document is converted with `hanconv` (OpenCC's dictionaries) before it is parsed, char for
//! char so that line numbers and char offsets found in the simplified text hold in the
//! original. Whatever the model keeps is then given back in the document's own spelling.

use std::collections::HashMap;
use std::sync::{LazyLock, OnceLock};

/// A document's text for recognition, and the way back to its own spelling.
#[cfg_attr(not(test), allow(dead_code))]
pub struct Script<'a> {
    text: &'a str,
    /// `None` for a document that is not traditional: `simplified()` is then `text` itself.
    simplified: Option<String>,
    /// Built on the first `restore`, so that reading a document pays only for its conversion.
    origins: OnceLock<Origins>,
}

#[cfg_attr(not(test), allow(dead_code))]
impl<'a> Script<'a> {
    /// Reads `text`: when it is in traditional script, `simplified()` gives the same text
    /// converted char for char (same number of chars on every line); otherwise it is `text`
    /// unchanged, at the cost of one pass over its chars and no copy.
    pub fn read(text: &'a str) -> Script<'a> {
        let simplified = looks_traditional(text).then(|| to_simplified(text));
        Script {
            text,
            simplified,
            origins: OnceLock::new(),
        }
    }

    pub fn is_traditional(&self) -> bool {
        self.simplified.is_some()
    }

    pub fn simplified(&self) -> &str {
        self.simplified.as_deref().unwrap_or(self.text)
    }

    /// Gives back a string of the model (a unit name, a title, a quote, a unit such as 万个)
    /// in the document's own spelling: restore("县财政局") → "縣財政局" in a traditional
    /// document; unchanged in a simplified one. A char the document never converted stays.
    pub fn restore(&self, s: &str) -> String {
        let Some(simplified) = &self.simplified else {
            return s.to_string();
        };
        let origins = self
            .origins
            .get_or_init(|| Origins::new(self.text, simplified));
        let chars: Vec<char> = s.chars().collect();
        let mut out: Vec<char> = chars.iter().map(|&c| origins.likeliest(c)).collect();
        let ambiguous: Vec<usize> = (0..chars.len())
            .filter(|&i| origins.is_ambiguous(chars[i]))
            .collect();
        if ambiguous.is_empty() {
            return out.into_iter().collect();
        }
        // The string as it stands in the document settles every char at once.
        if let Some(original) = self.original_of(s, 0, chars.len()) {
            return original;
        }
        // A model string may have lost its spaces or been joined across lines, so the whole
        // is not found: the chars next to an ambiguous one usually are (县发展 → 縣發展).
        for &i in &ambiguous {
            let windows = [(2, 3), (1, 2), (1, 1), (0, 2)]
                .map(|(before, after)| (i.saturating_sub(before), (i + after).min(chars.len())));
            let found = windows
                .iter()
                .filter(|(start, end)| end - start > 1)
                .find_map(|&(start, end)| {
                    let needle: String = chars[start..end].iter().collect();
                    self.original_of(&needle, i - start, 1)
                });
            if let Some(c) = found.and_then(|original| original.chars().next()) {
                out[i] = c;
            }
        }
        out.into_iter().collect()
    }

    /// The original of `len` chars from char `skip` of the first place `needle` stands in the
    /// simplified text. Both texts have the same chars at the same char offsets.
    fn original_of(&self, needle: &str, skip: usize, len: usize) -> Option<String> {
        let at = self.simplified().find(needle)?;
        let offset = self.simplified()[..at].chars().count() + skip;
        Some(self.text.chars().skip(offset).take(len).collect())
    }
}

/// For each simplified char that came from another char in this document: every char it
/// stands for there (itself too, where it was written natively), most frequent first.
struct Origins(HashMap<char, Vec<(char, u32)>>);

impl Origins {
    fn new(text: &str, simplified: &str) -> Origins {
        fn bump(originals: &mut Vec<(char, u32)>, c: char) {
            match originals.iter_mut().find(|(o, _)| *o == c) {
                Some((_, n)) => *n += 1,
                None => originals.push((c, 1)),
            }
        }
        let pairs = || text.chars().zip(simplified.chars());
        let (mut map, mut converted) = (HashMap::<char, Vec<_>>::new(), Bits::new());
        for (o, s) in pairs().filter(|(o, s)| o != s) {
            converted.set(s);
            bump(map.entry(s).or_default(), o);
        }
        // Only now is it known which native chars can be confused with a converted one; the
        // bit test spares a hash lookup for every other char.
        for (c, _) in pairs().filter(|&(o, s)| o == s && converted.get(o)) {
            if let Some(originals) = map.get_mut(&c) {
                bump(originals, c);
            }
        }
        for originals in map.values_mut() {
            originals.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        }
        Origins(map)
    }

    fn likeliest(&self, c: char) -> char {
        self.0.get(&c).map_or(c, |originals| originals[0].0)
    }

    fn is_ambiguous(&self, c: char) -> bool {
        self.0.get(&c).is_some_and(|originals| originals.len() > 1)
    }
}

/// A set of chars as one bit per BMP char; outside the BMP (rare, 𫫇) every char is "maybe",
/// so callers confirm with their map.
struct Bits(Vec<u64>);

impl Bits {
    fn new() -> Bits {
        Bits(vec![0; 0x10000 / 64])
    }

    fn set(&mut self, c: char) {
        let u = c as usize;
        if u < 0x10000 {
            self.0[u / 64] |= 1 << (u % 64);
        }
    }

    fn get(&self, c: char) -> bool {
        let u = c as usize;
        u >= 0x10000 || self.0[u / 64] & (1 << (u % 64)) != 0
    }
}

/// The BMP chars that OpenCC's one-char table turns into another, one bit each, written by
/// build.rs so that detection costs nothing to set up.
static CHANGES_IN_BMP: &[u8; 0x10000 / 8] =
    include_bytes!(concat!(env!("OUT_DIR"), "/traditional_chars.bits"));

/// OpenCC's one-char table (first candidate), for chars outside the BMP (rare, 𫫇) and for
/// lines whose phrase conversion changed length; built when first needed.
static CHAR_MAP: LazyLock<HashMap<char, char>> = LazyLock::new(|| {
    let mut map = HashMap::new();
    for (from, to) in hanconv::Dictionary::TSCharacters.iter() {
        let (mut f, mut t) = (from.chars(), to.chars());
        if let (Some(a), None, Some(b), None) = (f.next(), f.next(), t.next(), t.next()) {
            if a != b {
                map.insert(a, b);
            }
        }
    }
    map
});

/// Whether converting `c` to simplified script changes it.
fn changes(c: char) -> bool {
    let u = c as usize;
    match CHANGES_IN_BMP.get(u / 8) {
        Some(byte) => byte & (1 << (u % 8)) != 0,
        None => CHAR_MAP.contains_key(&c),
    }
}

fn convert(c: char) -> char {
    CHAR_MAP.get(&c).copied().unwrap_or(c)
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF)
}

/// Traditional when at least 2% of the CJK chars (and 5 at least) would change: a simplified
/// document quoting a traditional name, or using 乾隆-like chars, stays as it is.
fn looks_traditional(text: &str) -> bool {
    let (mut cjk, mut changed) = (0usize, 0usize);
    for c in text.chars().filter(|&c| is_cjk(c)) {
        cjk += 1;
        changed += usize::from(changes(c));
    }
    changed >= 5 && changed * 50 >= cjk
}

/// Phrase conversion gets more right than a char table (瞭解→了解, 乾隆 stays).
pub(crate) fn to_simplified(text: &str) -> String {
    keep_shape(text, hanconv::t2s(text))
}

/// OpenCC's phrases keep their length today, but a line whose conversion did not (a future
/// dictionary) is converted char by char, so that offsets found in `phrased` hold in `text`.
fn keep_shape(text: &str, phrased: String) -> String {
    let per_char = |line: &str| line.chars().map(convert).collect::<String>();
    let same = |&(o, p): &(&str, &str)| o.chars().count() == p.chars().count();
    let lines = || text.split('\n').zip(phrased.split('\n'));
    if text.split('\n').count() != phrased.split('\n').count() {
        return per_char(text);
    }
    if lines().all(|pair| same(&pair)) {
        return phrased;
    }
    let fixed = lines().map(|pair| {
        if same(&pair) {
            pair.1.to_string()
        } else {
            per_char(pair.0)
        }
    });
    fixed.collect::<Vec<_>>().join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOTICE: &str = "縣發展和改革局牽頭，縣財政局配合；完成時限：2024年6月底前\n\
        （一）加快產業發展。新增就業崗位1000個，投入資金2.5萬元，鄉鎮衛生院覆蓋率提高3個百分點。\n\
        責任單位：縣衛生健康局，各鄉鎮負責；於年底前完成，村裡全覆蓋。";

    #[test]
    fn traditional_notice_converts_char_for_char() {
        let script = Script::read(NOTICE);
        assert!(script.is_traditional());
        assert_eq!(
            script.simplified(),
            "县发展和改革局牵头，县财政局配合；完成时限：2024年6月底前\n\
             （一）加快产业发展。新增就业岗位1000个，投入资金2.5万元，乡镇卫生院覆盖率提高3个百分点。\n\
             责任单位：县卫生健康局，各乡镇负责；于年底前完成，村里全覆盖。"
        );
        for (o, s) in NOTICE.lines().zip(script.simplified().lines()) {
            assert_eq!(o.chars().count(), s.chars().count());
        }
    }

    #[test]
    fn restore_gives_the_traditional_spelling() {
        let script = Script::read(NOTICE);
        assert_eq!(script.restore("县财政局"), "縣財政局");
        assert_eq!(script.restore("县发展和改革局"), "縣發展和改革局");
        assert_eq!(script.restore("万个"), "萬個");
        assert_eq!(script.restore("个百分点"), "個百分點");
        assert_eq!(script.restore("2024年6月底前"), "2024年6月底前");
    }

    #[test]
    fn simplified_document_is_left_alone() {
        let text = "县发展和改革局牵头，县财政局配合；完成时限：2024年6月底前\n\
                    学习借鉴“澳門特別行政區”经验，推进乡镇卫生院建设。";
        let script = Script::read(text);
        assert!(!script.is_traditional());
        assert!(std::ptr::eq(script.simplified(), text));
        assert_eq!(script.restore("县财政局"), "县财政局");
        assert_eq!(script.restore("澳門特別行政區"), "澳門特別行政區");
    }

    #[test]
    fn ambiguous_char_is_read_from_its_place() {
        // 发 stands for 發 and 髮, 个 for 個 and a natively written 个.
        let text = "縣發展和改革局牽頭，發展產業；縣理髮店整治，完成3個項目\n引用原文：“新建3个”";
        let script = Script::read(text);
        assert!(script.is_traditional());
        assert_eq!(script.restore("县理发店"), "縣理髮店");
        assert_eq!(script.restore("县发展和改革局"), "縣發展和改革局");
        assert_eq!(script.restore("新建3个"), "新建3个");
        assert_eq!(script.restore("完成3个项目"), "完成3個項目");
        // Not in the text as a whole (spaces removed, lines joined): windows, then frequency.
        assert_eq!(script.restore("理发店发展"), "理髮店發展");
        assert_eq!(script.restore("发"), "發");
    }

    #[test]
    fn wider_char_keeps_char_offsets() {
        // 噁 (3 bytes) becomes 𫫇 (4 bytes): byte offsets part, char offsets must not.
        let text = "縣環境監測站檢測二噁英排放，萬個項目\n縣發展和改革局牽頭";
        let script = Script::read(text);
        assert_eq!(
            script.simplified(),
            "县环境监测站检测二𫫇英排放，万个项目\n县发展和改革局牵头"
        );
        assert_eq!(script.restore("二𫫇英"), "二噁英");
        assert_eq!(script.restore("万个项目"), "萬個項目");
    }

    #[test]
    fn line_that_changed_length_is_converted_char_by_char() {
        let text = "縣財政局\n鄉鎮衛生院";
        let phrased = "县财政局\n乡镇卫生院院".to_string();
        assert_eq!(keep_shape(text, phrased), "县财政局\n乡镇卫生院");
        assert_eq!(
            keep_shape(text, "县财政局".to_string()),
            "县财政局\n乡镇卫生院"
        );
    }
}
