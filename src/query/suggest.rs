//! Did-you-mean: the closest known name to a misspelt one (Levenshtein, via strsim).

/// The candidate nearest to `word`, if it is near enough to be a likely typo.
pub fn closest<'c>(word: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
    if word.is_empty() {
        return None;
    }
    let len = word.chars().count();
    let limit = if len <= 3 { 1 } else { (len / 3).clamp(2, 3) };
    let word = word.to_lowercase();
    candidates
        .into_iter()
        .filter(|c| *c != word)
        .map(|c| (strsim::osa_distance(&word, &c.to_lowercase()), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// The known value a missing one was most likely meant to be: one that contains it or is
/// contained in it first (区经济发展 → 区经济发展局), then the nearest by edit distance.
pub fn closest_value<'c>(
    word: &str,
    candidates: impl IntoIterator<Item = &'c str> + Clone,
) -> Option<&'c str> {
    let word = word.trim();
    if word.is_empty() {
        return None;
    }
    let containing = candidates
        .clone()
        .into_iter()
        .filter(|c| c.contains(word) || (word.contains(*c) && c.chars().count() > 1))
        .min_by_key(|c| c.chars().count().abs_diff(word.chars().count()));
    containing.or_else(|| {
        let limit = (word.chars().count() / 2).max(1);
        candidates
            .into_iter()
            .map(|c| (strsim::levenshtein(word, c), c))
            .filter(|(d, _)| *d <= limit)
            .min_by_key(|(d, _)| *d)
            .map(|(_, c)| c)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typo_finds_keyword() {
        assert_eq!(closest("andd", ["and", "or", "select"]), Some("and"));
        assert_eq!(closest("titel", ["title", "text", "no"]), Some("title"));
        assert_eq!(closest("zzzzzz", ["title"]), None);
    }

    #[test]
    fn truncated_unit_name_finds_the_whole() {
        let units = ["区经济发展局", "区财政局", "区发展改革局"];
        assert_eq!(closest_value("区经济发展", units), Some("区经济发展局"));
        assert_eq!(closest_value("区财务局", units), Some("区财政局"));
    }
}
