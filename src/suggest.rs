//! "Did you mean" suggestions.

/// The candidate closest to `word`, if it is close enough to be a likely typo.
///
/// Uses Jaro-Winkler similarity with a 0.8 threshold, and also accepts a candidate that differs
/// only in case or in `_` versus `-`.
pub(crate) fn suggest<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let normal = |s: &str| s.to_lowercase().replace('_', "-");
    let word_normal = normal(word);
    candidates
        .into_iter()
        .filter(|candidate| *candidate != word)
        .map(|candidate| {
            let score = if normal(candidate) == word_normal {
                1.0
            } else {
                strsim::jaro_winkler(&word_normal, &normal(candidate))
            };
            (score, candidate)
        })
        .filter(|(score, _)| *score >= 0.8)
        // Highest score; among equals, the first name in sort order.
        .max_by(|(a, x), (b, y)| a.total_cmp(b).then_with(|| y.cmp(x)))
        .map(|(_, candidate)| candidate)
}

#[cfg(test)]
mod tests {
    use super::suggest;

    #[test]
    fn suggests_close_names_only() {
        let names = ["parks", "library", "mayor", "acting_through"];
        assert_eq!(suggest("librar", names), Some("library"));
        assert_eq!(suggest("acting-through", names), Some("acting_through"));
        assert_eq!(suggest("zoo", names), None);
    }
}
