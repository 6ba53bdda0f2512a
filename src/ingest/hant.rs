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
            let windows = [(2, 3), (1, 2), (1, 1), (0, 2)];
            for (before, after) in windows {
                let (start, end) = (i.saturating_sub(before), (i + after).min(chars.len()));
                if end - start < 2 {
                    continue;
                }
                let needle: String = chars[start..end].iter().collect();
                if let Some(original) = self.original_of(&needle, i - start, 1) {
                    out[i] = original.chars().next().unwrap_or(out[i]);
                    break;
                }
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
        let mut map: HashMap<char, Vec<(char, u32)>> = HashMap::new();
        for (o, s) in text.chars().zip(simplified.chars()).filter(|(o, s)| o != s) {
            let originals = map.entry(s).or_default();
            match originals.iter_mut().find(|(c, _)| *c == o) {
                Some((_, n)) => *n += 1,
                None => originals.push((o, 1)),
            }
        }
        // Only now is it known which native chars can be confused with a converted one.
        let mut native: HashMap<char, u32> = HashMap::new();
        for c in text
            .chars()
            .zip(simplified.chars())
            .filter(|(o, s)| o == s)
            .map(|(o, _)| o)
        {
            if !c.is_ascii() && map.contains_key(&c) {
                *native.entry(c).or_default() += 1;
            }
        }
        for (c, n) in native {
            map.entry(c).or_default().push((c, n));
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

/// OpenCC's one-char table (first candidate), for detection and for lines whose phrase
/// conversion changed length; a bitset over the BMP keeps detection to a bit test per char.
struct Table {
    changes: Vec<u64>,
    map: HashMap<char, char>,
}

static TABLE: LazyLock<Table> = LazyLock::new(|| {
    let mut table = Table {
        changes: vec![0; 0x10000 / 64],
        map: HashMap::new(),
    };
    for (from, to) in hanconv::Dictionary::TSCharacters.iter() {
        let (mut f, mut t) = (from.chars(), to.chars());
        if let (Some(a), None, Some(b), None) = (f.next(), f.next(), t.next(), t.next()) {
            if a != b {
                table.map.insert(a, b);
                if (a as u32) < 0x10000 {
                    table.changes[a as usize / 64] |= 1 << (a as usize % 64);
                }
            }
        }
    }
    table
});

impl Table {
    fn changes(&self, c: char) -> bool {
        let u = c as usize;
        if u < 0x10000 {
            self.changes[u / 64] & (1 << (u % 64)) != 0
        } else {
            self.map.contains_key(&c)
        }
    }

    fn convert(&self, c: char) -> char {
        self.map.get(&c).copied().unwrap_or(c)
    }
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
        changed += usize::from(TABLE.changes(c));
    }
    changed >= 5 && changed * 50 >= cjk
}

/// Phrase conversion gets more right than a char table (瞭解→了解, 乾隆 stays).
fn to_simplified(text: &str) -> String {
    keep_shape(text, hanconv::t2s(text))
}

/// OpenCC's phrases keep their length today, but a line whose conversion did not (a future
/// dictionary) is converted char by char, so that offsets found in `phrased` hold in `text`.
fn keep_shape(text: &str, phrased: String) -> String {
    let same_shape = |o: &str, p: &str| o.chars().count() == p.chars().count();
    let (lines, phrased_lines) = (text.split('\n'), phrased.split('\n'));
    if lines.clone().count() != phrased_lines.clone().count() {
        return text.chars().map(|c| TABLE.convert(c)).collect();
    }
    if lines
        .clone()
        .zip(phrased_lines.clone())
        .all(|(o, p)| same_shape(o, p))
    {
        return phrased;
    }
    let mut out = String::with_capacity(phrased.len());
    for (i, (o, p)) in lines.zip(phrased_lines).enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if same_shape(o, p) {
            out.push_str(p);
        } else {
            out.extend(o.chars().map(|c| TABLE.convert(c)));
        }
    }
    out
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
#[cfg(test)]
mod timing {
    use super::*;
    #[test]
    #[ignore]
    fn time_read() {
        let mut seed = String::new();
        for (_, t) in crate::ingest::SEEDS { seed.push_str(t); }
        let mut simp = String::new();
        while simp.len() < 10_000_000 { simp.push_str(&seed); }
        let trad = hanconv::s2t(&simp);
        let _ = Script::read("縣"); // warm the table
        let t = std::time::Instant::now();
        let s = Script::read(&simp);
        eprintln!("simplified {} MB: {:?} trad={}", simp.len() / 1_000_000, t.elapsed(), s.is_traditional());
        for round in 0..2 {
            let t = std::time::Instant::now();
            let s = Script::read(&trad);
            eprintln!("traditional {} MB round {round}: {:?} trad={}", trad.len() / 1_000_000, t.elapsed(), s.is_traditional());
            let t = std::time::Instant::now();
            let a = s.restore("县财政局");
            eprintln!("  first restore (builds map) {:?} {a}", t.elapsed());
            let t = std::time::Instant::now();
            let names = ["县发展和改革局", "区经济发展局负责", "万个", "个百分点", "区财政局", "发展", "后续"];
            for n in names { let _ = s.restore(n); }
            eprintln!("  7 restores {:?} {:?}", t.elapsed(), names.map(|n| s.restore(n)));
            let (o, p) = (trad.as_str(), s.simplified());
            assert!(o.lines().zip(p.lines()).all(|(a, b)| a.chars().count() == b.chars().count()));
            let diff = p.chars().zip(simp.chars()).filter(|(a, b)| a != b).count();
            eprintln!("  chars differing from the original simplified: {diff}");
        }
        let t = std::time::Instant::now();
        let n = Script::read(&trad).simplified().len();
        eprintln!("cjk count only: {:?} {n}", t.elapsed());
    }
}
