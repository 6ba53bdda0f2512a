//! Pinyin matching for completion: `fgj` finds 区发改局 and 县发展改革局, `caizheng` finds
//! 区财政局. A whole syllable may be any reading of its character (行 is hang in 银行 and
//! xing in 行政); an initial or a cut syllable only the usual one, since a rare reading
//! (市 as fu) would let a few letters match half the units. Where a word reads a character
//! otherwise than usual (银行), `WORDS` says so.

use pinyin::ToPinyinMulti;

/// True when `typed` (lowercase ASCII letters) spells characters of `name` in order, each by
/// its whole syllable or its initial (zh, ch, sh or one letter); the last may be cut short,
/// and characters in between may be skipped (the 区 of 区发改局, the 展 of 县发展改革局).
pub fn matches(typed: &str, name: &str) -> bool {
    let mut readings: Vec<Vec<&'static str>> = name.chars().map(readings).collect();
    for (word, reading) in WORDS {
        let chars: Vec<char> = name.chars().collect();
        let len = word.chars().count();
        for start in 0..chars.len().saturating_sub(len - 1) {
            if chars[start..start + len].iter().copied().eq(word.chars()) {
                for (i, syllable) in reading.split(' ').enumerate() {
                    readings[start + i].insert(0, syllable);
                }
            }
        }
    }
    let mut failed = std::collections::HashSet::new();
    spell(typed, &readings, 0, &mut failed)
}

/// Whether `typed` is worth reading as pinyin: letters only.
pub fn is_pinyin(typed: &str) -> bool {
    !typed.is_empty() && typed.bytes().all(|b| b.is_ascii_lowercase())
}

/// Words whose characters read otherwise than usual, and their readings.
const WORDS: &[(&str, &str)] = &[
    ("银行", "yin hang"),
    ("行长", "hang zhang"),
    ("重庆", "chong qing"),
];

/// A character's readings, the usual one first.
fn readings(c: char) -> Vec<&'static str> {
    c.to_pinyin_multi()
        .map(|multi| multi.into_iter().map(|p| p.plain()).collect())
        .unwrap_or_default()
}

/// Spells `typed` from character `from` on; `failed` remembers (typed left, from) pairs that
/// cannot, so a long name is tried once per pair.
fn spell(
    typed: &str,
    readings: &[Vec<&'static str>],
    from: usize,
    failed: &mut std::collections::HashSet<(usize, usize)>,
) -> bool {
    if typed.is_empty() {
        return true;
    }
    if failed.contains(&(typed.len(), from)) {
        return false;
    }
    for (at, options) in readings.iter().enumerate().skip(from) {
        let Some(usual) = options.first() else {
            continue;
        };
        if usual.starts_with(typed) {
            return true;
        }
        // Any whole reading, then the usual one's two-letter initial or first letter.
        let double = ["zh", "ch", "sh"]
            .into_iter()
            .find(|i| usual.starts_with(i));
        let parts = options.iter().copied().chain(double).chain([&usual[..1]]);
        for part in parts {
            let rest = typed.strip_prefix(part);
            if rest.is_some_and(|rest| spell(rest, readings, at + 1, failed)) {
                return true;
            }
        }
    }
    failed.insert((typed.len(), from));
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_spell_a_name_in_order_skipping_characters() {
        assert!(matches("fgj", "区发改局"));
        assert!(matches("fgj", "县发展改革局"));
        assert!(matches("qfgj", "区发改局"));
        assert!(!matches("fgj", "区财政局"));
        assert!(!matches("gfj", "区发改局"));
    }

    #[test]
    fn whole_syllables_and_a_cut_last_one_match() {
        assert!(matches("caizheng", "区财政局"));
        assert!(matches("caizh", "区财政局"));
        assert!(matches("czj", "区财政局"));
        assert!(matches("zhengj", "区财政局"));
        assert!(!matches("caizhengting", "区财政局"));
    }

    #[test]
    fn every_reading_of_a_polyphone_counts() {
        assert!(matches("yinhang", "中国人民银行沂源县支行"));
        assert!(matches("yh", "区人民银行"));
        assert!(!matches("yx", "区人民银行"));
        assert!(matches("xzsp", "区行政审批局"));
        assert!(matches("xingzheng", "区综合行政执法局"));
        assert!(matches("zhongguo", "中国人民银行"));
    }

    #[test]
    fn only_lowercase_letters_are_read_as_pinyin() {
        assert!(is_pinyin("fgj"));
        assert!(!is_pinyin(""));
        assert!(!is_pinyin("发改"));
        assert!(!is_pinyin("f g"));
    }
}
