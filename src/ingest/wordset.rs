//! A vocabulary table searched in one pass: which of its words a text holds.
//!
//! Every line is asked whether it is a table header, whose cells hold the column table's
//! words; asking word by word set up a substring search per word. One automaton answers
//! for all the words of the table at once.

use aho_corasick::{AhoCorasick, AhoCorasickKind};

/// The words of one table, in the table's order.
pub struct WordSet(AhoCorasick);

impl WordSet {
    pub fn new<'a>(words: impl IntoIterator<Item = &'a str>) -> WordSet {
        let words: Vec<&str> = words.into_iter().collect();
        // A DFA: the tables are a few dozen short words, and it is asked of every line.
        let automaton = AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::DFA))
            .build(words)
            .expect("a vocabulary table of short words builds an automaton");
        WordSet(automaton)
    }

    /// The position in the table of the first-listed word `text` holds (tables list the
    /// word that wins first), wherever in the text it stands.
    pub fn first_listed(&self, text: &str) -> Option<usize> {
        self.found(text).min()
    }

    /// The positions in the table of every word `text` holds, as found (a word may repeat).
    fn found<'t>(&'t self, text: &'t str) -> impl Iterator<Item = usize> + 't {
        // Most texts hold none: a plain search runs the automaton's SIMD prefilter, an
        // overlapping one does not, so the overlapping walk is for texts that hold one.
        let any = self.0.is_match(text);
        any.then(|| self.0.find_overlapping_iter(text))
            .into_iter()
            .flatten()
            .map(|m| m.pattern().as_usize())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_listed_word_wins_wherever_it_stands() {
        let set = WordSet::new(["责任单位", "单位", "时限"]);
        assert_eq!(set.first_listed("完成时限与责任单位"), Some(0));
        assert_eq!(set.first_listed("配合单位"), Some(1));
        assert_eq!(set.first_listed("完成时限"), Some(2));
        assert_eq!(set.first_listed("备注"), None);
        let found: Vec<usize> = set.found("责任单位").collect();
        assert_eq!(found, [0, 1]);
    }
}
