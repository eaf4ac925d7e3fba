//! Splits and merges: old provisions whose words went into two or more new ones, and new ones
//! that gather the words of two or more old ones.
//!
//! A piece of a split keeps most of its own words from the whole (containment 0.7 or more).
//! Comparing every removed provision with every added one costs pairs × words, which for a
//! version that renames every id is a million pairs; instead, each provision's words are
//! ranked rarest first across both sides, and a pair is compared only when one of the piece's
//! rarest words (as many as it may lack, plus one) is in the whole. That finds every pair the
//! full comparison finds (prefix filtering: a piece that shares 70% of its words with the
//! whole shares at least one of any 30% + 1 of them), and compares few pairs when the rare
//! words are rare. When words are shared so widely that the comparisons would still exceed
//! [`WORK_PER_WORD`] per word of the actions (or [`WORK_FLOOR`] in all), no splits or merges
//! are reported for the pair of versions: the provisions are listed as removed and added, and
//! renames are still matched.

use std::collections::BTreeMap;

use foldhash::HashMap;

use super::SideCtx;
use super::matching::{Splits, words};

/// The share of a piece's words that must be in the whole.
const PIECE: f64 = 0.7;

/// The share of the whole's words that its pieces together must cover.
const COVER: f64 = 0.6;

/// Dice similarity at which one piece alone keeps the whole (a rename, not a split).
const DOMINANT: f64 = 0.8;

/// Word comparisons allowed per word of the removed and added actions.
pub(super) const WORK_PER_WORD: usize = 64;

/// Word comparisons always allowed, whatever the size.
pub(super) const WORK_FLOOR: usize = 4_000_000;

/// An action's distinct words, as ranks (rarest first across both sides), in rank order.
type Bag = Vec<u32>;

/// Counts work and says when the budget is spent.
struct Budget {
    left: usize,
    /// Pairs compared so far.
    pairs: usize,
}

impl Budget {
    /// Spends `n`; false once the budget is exceeded.
    fn spend(&mut self, n: usize) -> bool {
        match self.left.checked_sub(n) {
            Some(left) => {
                self.left = left;
                true
            }
            None => false,
        }
    }
}

/// How many of its `len` words a piece must share with a whole (the least `s` with
/// `s / len >= PIECE`, computed as [`containment`] computes it).
fn need(len: usize) -> usize {
    (0..=len)
        .find(|&s| share(s, len) >= PIECE)
        .unwrap_or(len + 1)
}

fn share(count: usize, of: usize) -> f64 {
    #[expect(clippy::cast_precision_loss, reason = "word counts are small")]
    let share = count as f64 / of as f64;
    share
}

/// The number of words two bags share (both in rank order), in time bounded by the smaller
/// one's size times the logarithm of the larger one's when their sizes are far apart.
fn shared(a: &[u32], b: &[u32]) -> usize {
    let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if small.len().saturating_mul(16) < large.len() {
        return small
            .iter()
            .filter(|w| large.binary_search(w).is_ok())
            .count();
    }
    let (mut x, mut y, mut count) = (0, 0, 0);
    while x < a.len() && y < b.len() {
        match a[x].cmp(&b[y]) {
            std::cmp::Ordering::Less => x += 1,
            std::cmp::Ordering::Greater => y += 1,
            std::cmp::Ordering::Equal => {
                count += 1;
                x += 1;
                y += 1;
            }
        }
    }
    count
}

/// The share of `part`'s words that are in `whole`.
fn containment(part: &[u32], whole: &[u32]) -> f64 {
    if part.is_empty() {
        return 0.0;
    }
    share(shared(part, whole), part.len())
}

/// Dice similarity of two bags.
pub(super) fn dice(a: &[u32], b: &[u32]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    #[expect(clippy::cast_precision_loss, reason = "word counts are small")]
    let score = 2.0 * shared(a, b) as f64 / (a.len() + b.len()) as f64;
    score
}

/// The bags of both sides, ranked over the words of both, and the number of distinct words.
pub(super) fn bags(old: &[Vec<String>], new: &[Vec<String>]) -> (Vec<Bag>, Vec<Bag>, usize) {
    let mut frequency: HashMap<&str, usize> = HashMap::default();
    for w in old.iter().chain(new).flatten() {
        *frequency.entry(w.as_str()).or_default() += 1;
    }
    let mut order: Vec<(&str, usize)> = frequency.into_iter().collect();
    order.sort_unstable_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(b.0)));
    let rank: HashMap<&str, u32> = order
        .iter()
        .enumerate()
        .map(|(i, (w, _))| (*w, u32::try_from(i).unwrap_or(u32::MAX)))
        .collect();
    let bag = |ws: &Vec<String>| {
        let mut b: Bag = ws.iter().map(|w| rank[w.as_str()]).collect();
        b.sort_unstable();
        b
    };
    (
        old.iter().map(bag).collect(),
        new.iter().map(bag).collect(),
        order.len(),
    )
}

/// For each rank, the pieces (by index) that have it among their rarest
/// `len - need(len) + 1` words.
fn prefix_index(pieces: &[Bag], words: usize) -> Vec<Vec<usize>> {
    let mut index = vec![Vec::new(); words];
    for (i, bag) in pieces.iter().enumerate() {
        let prefix = (bag.len() + 1).saturating_sub(need(bag.len()));
        for &r in &bag[..prefix.min(bag.len())] {
            index[r as usize].push(i);
        }
    }
    index
}

/// The pieces (indexes into `pieces`, ascending) whose containment in `whole` is at least
/// [`PIECE`], or `None` when the budget runs out.
fn pieces_of(
    whole: &[u32],
    pieces: &[Bag],
    index: &[Vec<usize>],
    seen: &mut [usize],
    stamp: usize,
    budget: &mut Budget,
) -> Option<Vec<usize>> {
    let mut candidates = Vec::new();
    for &r in whole {
        let list = &index[r as usize];
        if !budget.spend(list.len()) {
            return None;
        }
        for &i in list {
            if seen[i] != stamp {
                seen[i] = stamp;
                candidates.push(i);
            }
        }
    }
    candidates.sort_unstable();
    let mut out = Vec::new();
    for i in candidates {
        if !budget.spend(pieces[i].len() + whole.len()) {
            return None;
        }
        budget.pairs += 1;
        if containment(&pieces[i], whole) >= PIECE {
            out.push(i);
        }
    }
    Some(out)
}

/// Whether the pieces together cover [`COVER`] of the whole's words.
fn covers(parts: &[&Bag], whole: &[u32], marks: &mut [usize], stamp: usize) -> bool {
    for part in parts {
        for &r in *part {
            marks[r as usize] = stamp;
        }
    }
    let covered = whole
        .iter()
        .filter(|&&r| marks[r as usize] == stamp)
        .count();
    share(covered, whole.len().max(1)) >= COVER
}

/// Splits and merges by index into the two lists of word sets.
#[derive(Default)]
struct Found {
    /// Old index → the new indexes it was split into.
    split_into: Vec<(usize, Vec<usize>)>,
    /// New index → the old indexes merged into it.
    merged_from: Vec<(usize, Vec<usize>)>,
}

/// What detection cost: the pairs compared word by word, and whether it gave up.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Work {
    /// (whole, piece) pairs whose words were compared.
    pub pairs: usize,
    /// Whether the budget ran out, so that no splits or merges are reported.
    pub gave_up: bool,
}

/// The cost of split and merge detection between these removed and added actions, without
/// the result: the measure the bound on it is tested by.
pub fn detection_work(removed: &[&str], added: &[&str]) -> Work {
    let text = |list: &[&str]| -> Vec<Vec<String>> {
        list.iter()
            .map(|a| words(a).into_iter().collect())
            .collect()
    };
    detect(&text(removed), &text(added)).1
}

fn detect(old: &[Vec<String>], new: &[Vec<String>]) -> (Found, Work) {
    let mut work = Work::default();
    let mut out = Found::default();
    if old.is_empty() || new.is_empty() {
        return (out, work);
    }
    let (old_bags, new_bags, ranks) = bags(old, new);
    let total: usize = old_bags.iter().chain(&new_bags).map(Vec::len).sum();
    let mut budget = Budget {
        left: WORK_FLOOR.max(total.saturating_mul(WORK_PER_WORD)),
        pairs: 0,
    };
    let mut marks = vec![usize::MAX; ranks];
    let mut stamp = 0;
    let give_up = |budget: &Budget| {
        (
            Found::default(),
            Work {
                pairs: budget.pairs,
                gave_up: true,
            },
        )
    };

    let new_index = prefix_index(&new_bags, ranks);
    let mut seen = vec![usize::MAX; new_bags.len()];
    let mut split_from = vec![false; new_bags.len()];
    let mut split_into = vec![false; old_bags.len()];
    for (i, ow) in old_bags.iter().enumerate() {
        let Some(parts) = pieces_of(ow, &new_bags, &new_index, &mut seen, i, &mut budget) else {
            return give_up(&budget);
        };
        if parts.len() < 2 {
            continue;
        }
        let bags: Vec<&Bag> = parts.iter().map(|&j| &new_bags[j]).collect();
        if !budget.spend(bags.iter().map(|b| b.len()).sum::<usize>() * 2 + ow.len() * 2) {
            return give_up(&budget);
        }
        stamp += 1;
        if !bags.iter().any(|b| dice(b, ow) >= DOMINANT) && covers(&bags, ow, &mut marks, stamp) {
            for &j in &parts {
                split_from[j] = true;
            }
            split_into[i] = true;
            out.split_into.push((i, parts));
        }
    }

    let old_index = prefix_index(&old_bags, ranks);
    let mut seen = vec![usize::MAX; old_bags.len()];
    for (j, nw) in new_bags.iter().enumerate() {
        if split_from[j] {
            continue;
        }
        let Some(parts) = pieces_of(nw, &old_bags, &old_index, &mut seen, j, &mut budget) else {
            return give_up(&budget);
        };
        let parts: Vec<usize> = parts.into_iter().filter(|&i| !split_into[i]).collect();
        if parts.len() < 2 {
            continue;
        }
        let bags: Vec<&Bag> = parts.iter().map(|&i| &old_bags[i]).collect();
        if !budget.spend(bags.iter().map(|b| b.len()).sum::<usize>() * 2 + nw.len() * 2) {
            return give_up(&budget);
        }
        stamp += 1;
        if !bags.iter().any(|b| dice(b, nw) >= DOMINANT) && covers(&bags, nw, &mut marks, stamp) {
            out.merged_from.push((j, parts));
        }
    }
    work.pairs = budget.pairs;
    (out, work)
}

/// Old provisions whose words went into two or more new ones (split), and new ones that gather
/// the words of two or more old ones (merged). A piece that keeps most of the words of the
/// whole on its own (Dice 0.8 or more) makes it a rename instead.
pub(super) fn splits_and_merges(
    old: &SideCtx<'_>,
    new: &SideCtx<'_>,
    removed: &[usize],
    added: &[usize],
) -> Splits {
    let text = |side: &SideCtx<'_>, list: &[usize]| -> Vec<Vec<String>> {
        list.iter()
            .map(|&i| words(&side.provisions[i].action).into_iter().collect())
            .collect()
    };
    let (found, _) = detect(&text(old, removed), &text(new, added));
    let mut out = Splits {
        split_into: BTreeMap::new(),
        split_from: BTreeMap::new(),
        merged_from: BTreeMap::new(),
        merged_into: BTreeMap::new(),
    };
    for (i, parts) in found.split_into {
        let o = removed[i];
        for &j in &parts {
            out.split_from.insert(added[j], o);
        }
        out.split_into
            .insert(o, parts.into_iter().map(|j| added[j]).collect());
    }
    for (j, parts) in found.merged_from {
        let n = added[j];
        for &i in &parts {
            out.merged_into.insert(removed[i], n);
        }
        out.merged_from
            .insert(n, parts.into_iter().map(|i| removed[i]).collect());
    }
    out
}
