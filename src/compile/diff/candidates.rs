//! Candidate pairs for rename and split matching, with bounded work per provision.
//!
//! Both matchers compare a provision only with the provisions an index proposes. The index
//! is exact when it can afford to be: prefix filtering over words ranked rarest first finds
//! every pair that could pass the matcher's threshold. When words are so common that the
//! exact probe of one provision would cost more than its share of the work (its
//! [`allowance`]), the provision is compared instead with a bounded set of likely candidates:
//! those with the same reference, those at the same position among the leftovers of its
//! section, of its lead and of the whole version, and those that share its rarest words and
//! sit nearest to it in document order. Such a provision is counted as bounded, and the diff
//! says so.

/// Word comparisons always allowed in all, whatever the size: below this, matching is
/// exhaustive in effect (about a tenth of a second).
pub(super) const WORK_FLOOR: usize = 64_000_000;

/// Word comparisons allowed per word of the actions compared.
pub(super) const WORK_PER_WORD: usize = 64;

/// Candidates taken on each side of a position in one ordered list.
pub(super) const NEAR: usize = 3;

/// Postings of one word visited by a bounded probe.
pub(super) const POSTINGS_PER_WORD: usize = 16;

/// Postings visited in all by a bounded probe.
pub(super) const POSTINGS: usize = 128;

/// Candidates kept from a bounded probe's shared words: those sharing the most.
pub(super) const WORD_CANDIDATES: usize = 16;

/// Each provision's share of the work, in word comparisons: the budget for all (at least
/// [`WORK_FLOOR`], or [`WORK_PER_WORD`] per word) divided among the `provisions` probed.
pub(super) fn allowance(provisions: usize, words: usize) -> usize {
    WORK_FLOOR.max(words.saturating_mul(WORK_PER_WORD)) / provisions.max(1)
}

/// The position in a list of `to` items that corresponds to position `at` of `of`.
pub(super) fn scaled(at: usize, of: usize, to: usize) -> usize {
    if of == 0 {
        return 0;
    }
    let at = u128::try_from(at).unwrap_or(u128::MAX);
    let scaled = at * u128::try_from(to).unwrap_or(u128::MAX) / u128::try_from(of).unwrap_or(1);
    usize::try_from(scaled).unwrap_or(usize::MAX)
}

/// Up to `k` entries of the ascending `list` on each side of `target` (the `2k` nearest to it
/// in document order when entries are positions), appended to `out`.
pub(super) fn near(list: &[u32], target: usize, k: usize, out: &mut Vec<u32>) {
    let target = u32::try_from(target).unwrap_or(u32::MAX);
    let at = list.partition_point(|&x| x < target);
    out.extend_from_slice(&list[at.saturating_sub(k)..(at + k).min(list.len())]);
}

/// Groups items by a key: for each key id, the ascending item indexes that carry it.
pub(super) fn groups(keys: &[u32], count: usize) -> Vec<Vec<u32>> {
    let mut out = vec![Vec::new(); count];
    for (i, &k) in keys.iter().enumerate() {
        out[k as usize].push(u32::try_from(i).unwrap_or(u32::MAX));
    }
    out
}

/// Each item's position within its group.
pub(super) fn positions(keys: &[u32], count: usize) -> Vec<usize> {
    let mut seen = vec![0usize; count];
    keys.iter()
        .map(|&k| {
            let at = seen[k as usize];
            seen[k as usize] += 1;
            at
        })
        .collect()
}

/// The candidates that share the most of `words` (rarest first) with the indexed items,
/// visiting only the [`POSTINGS_PER_WORD`] postings of each word nearest to `target` and
/// [`POSTINGS`] in all: the [`WORD_CANDIDATES`] that share most, appended to `out`.
pub(super) fn by_rare_words(
    words: &[u32],
    index: &[Vec<u32>],
    target: usize,
    counts: &mut [u32],
    out: &mut Vec<u32>,
) {
    let mut touched = Vec::new();
    let mut visited = 0;
    for &w in words {
        if visited >= POSTINGS {
            break;
        }
        let start = touched.len();
        near(
            &index[w as usize],
            target,
            POSTINGS_PER_WORD / 2,
            &mut touched,
        );
        visited += touched.len() - start;
    }
    let mut best: Vec<(u32, u32)> = Vec::new();
    for &j in &touched {
        if counts[j as usize] == 0 {
            best.push((j, 0));
        }
        counts[j as usize] += 1;
    }
    for entry in &mut best {
        entry.1 = std::mem::take(&mut counts[entry.0 as usize]);
    }
    // The most shared first, then the lowest index: only the first few need sorting.
    let order = |a: &(u32, u32), b: &(u32, u32)| b.1.cmp(&a.1).then(a.0.cmp(&b.0));
    if best.len() > WORD_CANDIDATES {
        best.select_nth_unstable_by(WORD_CANDIDATES, order);
        best.truncate(WORD_CANDIDATES);
    }
    best.sort_unstable_by(order);
    out.extend(best.iter().map(|&(j, _)| j));
}

/// Sorts and deduplicates candidate indexes.
pub(super) fn settle(candidates: &mut Vec<u32>) {
    candidates.sort_unstable();
    candidates.dedup();
}

/// Interns strings as dense ids.
#[derive(Default)]
pub(super) struct Interner<'a> {
    ids: foldhash::HashMap<&'a str, u32>,
}

impl<'a> Interner<'a> {
    pub(super) fn id(&mut self, s: &'a str) -> u32 {
        let next = u32::try_from(self.ids.len()).unwrap_or(u32::MAX);
        *self.ids.entry(s).or_insert(next)
    }

    pub(super) fn len(&self) -> usize {
        self.ids.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_takes_neighbours_of_a_position() {
        let list = [1, 4, 6, 9, 12];
        let mut out = Vec::new();
        near(&list, 7, 1, &mut out);
        assert_eq!(out, [6, 9]);
        out.clear();
        near(&list, 0, 2, &mut out);
        assert_eq!(out, [1, 4]);
        out.clear();
        near(&list, 100, 2, &mut out);
        assert_eq!(out, [9, 12]);
    }

    #[test]
    fn scaled_maps_positions_between_lengths() {
        assert_eq!(scaled(5, 10, 100), 50);
        assert_eq!(scaled(3, 0, 100), 0);
        assert_eq!(scaled(9, 10, 5), 4);
    }

    #[test]
    fn rare_words_rank_by_shared_count() {
        // Word 0 is in items 2 and 5, word 1 in 5 and 7: item 5 shares both.
        let index = vec![vec![2, 5], vec![5, 7]];
        let mut counts = vec![0; 8];
        let mut out = Vec::new();
        by_rare_words(&[0, 1], &index, 5, &mut counts, &mut out);
        assert_eq!(out[0], 5);
        assert_eq!(out.len(), 3);
        assert!(counts.iter().all(|&c| c == 0));
    }
}
