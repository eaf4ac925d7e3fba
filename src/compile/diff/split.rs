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
//! words are rare. When words are shared so widely that the exact probe of one provision
//! would cost more than its share of the work (see [`super::candidates`]), it is compared
//! only with the pieces nearest to it in document order and those sharing its rarest words,
//! and is counted as bounded, which the diff reports.

use std::collections::BTreeMap;

use foldhash::HashMap;
use rayon::prelude::*;

use super::candidates::{NEAR, allowance, by_rare_words, scaled, settle};
use super::matching::{Splits, Words, words};

/// The share of a piece's words that must be in the whole.
const PIECE: f64 = 0.7;

/// The share of the whole's words that its pieces together must cover.
const COVER: f64 = 0.6;

/// Dice similarity at which one piece alone keeps the whole (a rename, not a split).
const DOMINANT: f64 = 0.8;

/// An action's distinct words, as ranks (rarest first across both sides), in rank order.
pub(super) type Bag = Vec<u32>;

/// Pieces taken on each side of a whole's position in document order by a bounded probe:
/// the pieces of a split usually stand together where the whole stood.
const SPLIT_NEAR: usize = 2 * NEAR;

/// The most pieces a bounded split probe compares one whole with.
pub(super) const SPLIT_CANDIDATES: usize = 2 * SPLIT_NEAR + 1 + super::candidates::WORD_CANDIDATES;

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
pub(super) fn bags<'w>(old: &'w [Words<'_>], new: &'w [Words<'_>]) -> (Vec<Bag>, Vec<Bag>, usize) {
    // One hash per word: each word gets a dense id, counted; ranks then renumber the ids.
    let mut ids: HashMap<&'w str, u32> = HashMap::default();
    let mut words: Vec<(&'w str, usize)> = Vec::new();
    let mut intern = |ws: &'w [Words<'_>]| -> Vec<Vec<u32>> {
        ws.iter()
            .map(|ws| {
                ws.iter()
                    .map(|w| {
                        let next = u32::try_from(words.len()).unwrap_or(u32::MAX);
                        let id = *ids.entry(w.as_ref()).or_insert(next);
                        if id == next {
                            words.push((w.as_ref(), 0));
                        }
                        words[id as usize].1 += 1;
                        id
                    })
                    .collect()
            })
            .collect()
    };
    let (old_ids, new_ids) = (intern(old), intern(new));
    let mut order: Vec<u32> = (0..u32::try_from(words.len()).unwrap_or(u32::MAX)).collect();
    order.sort_unstable_by(|&a, &b| {
        let (a, b) = (words[a as usize], words[b as usize]);
        a.1.cmp(&b.1).then(a.0.cmp(b.0))
    });
    let mut rank = vec![0u32; words.len()];
    for (r, &id) in order.iter().enumerate() {
        rank[id as usize] = u32::try_from(r).unwrap_or(u32::MAX);
    }
    let bag = |ids: Vec<u32>| {
        let mut b: Bag = ids.into_iter().map(|id| rank[id as usize]).collect();
        b.sort_unstable();
        b
    };
    (
        old_ids.into_iter().map(bag).collect(),
        new_ids.into_iter().map(bag).collect(),
        words.len(),
    )
}

/// For each rank, the pieces (by index, ascending) that have it among their rarest
/// `len - need(len) + 1` words.
fn prefix_index(pieces: &[Bag], words: usize) -> Vec<Vec<u32>> {
    let mut index = vec![Vec::new(); words];
    for (i, bag) in pieces.iter().enumerate() {
        let prefix = (bag.len() + 1).saturating_sub(need(bag.len()));
        for &r in &bag[..prefix.min(bag.len())] {
            index[r as usize].push(u32::try_from(i).unwrap_or(u32::MAX));
        }
    }
    index
}

/// Where a probe stands: the whole's position among the wholes, its share of the work, and
/// scratch space.
struct Probe<'a> {
    at: usize,
    of: usize,
    allowance: usize,
    seen: &'a mut [usize],
    counts: &'a mut [u32],
    work: &'a mut Work,
}

/// The pieces (indexes into `pieces`, ascending) whose containment in `whole` is at least
/// [`PIECE`]: all of them when the exact probe fits the allowance, else those among the
/// bounded candidates.
fn pieces_of(
    whole: &[u32],
    pieces: &[Bag],
    index: &[Vec<u32>],
    probe: &mut Probe<'_>,
) -> Vec<usize> {
    let visited: usize = whole.iter().map(|&r| index[r as usize].len()).sum();
    let mut candidates: Vec<u32> = Vec::new();
    let mut exact = visited <= probe.allowance;
    if exact {
        for &r in whole {
            for &i in &index[r as usize] {
                if probe.seen[i as usize] != probe.at {
                    probe.seen[i as usize] = probe.at;
                    candidates.push(i);
                }
            }
        }
        let cost: usize = candidates
            .iter()
            .map(|&i| pieces[i as usize].len() + whole.len())
            .sum();
        exact = visited + cost <= probe.allowance;
    }
    if exact {
        candidates.sort_unstable();
    } else {
        probe.work.bounded += 1;
        candidates.clear();
        let target = scaled(probe.at, probe.of, pieces.len());
        let lo = target.saturating_sub(SPLIT_NEAR);
        let hi = (target + SPLIT_NEAR + 1).min(pieces.len());
        candidates.extend((lo..hi).map(|i| u32::try_from(i).unwrap_or(u32::MAX)));
        by_rare_words(whole, index, target, probe.counts, &mut candidates);
        settle(&mut candidates);
    }
    let mut out = Vec::new();
    for i in candidates {
        let i = i as usize;
        probe.work.pairs += 1;
        if containment(&pieces[i], whole) >= PIECE {
            out.push(i);
        }
    }
    out
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

/// Wholes by index, each with the pieces (by index, ascending) it went into or gathers.
type Groups = Vec<(usize, Vec<usize>)>;

/// Splits and merges by index into the two lists of word sets.
#[derive(Default)]
struct Found {
    /// Old index → the new indexes it was split into.
    split_into: Groups,
    /// New index → the old indexes merged into it.
    merged_from: Groups,
}

/// What detection cost: the pairs compared word by word, and how many provisions were
/// compared only with bounded candidate sets.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Work {
    /// (whole, piece) pairs whose words were compared.
    pub pairs: usize,
    /// Wholes (old provisions, then new ones) compared only with bounded candidate sets, so
    /// that a split or merge among the others may go unseen.
    pub bounded: usize,
    /// Wholes compared in all.
    pub compared: usize,
}

impl std::ops::AddAssign for Work {
    fn add_assign(&mut self, other: Self) {
        self.pairs += other.pairs;
        self.bounded += other.bounded;
        self.compared += other.compared;
    }
}

/// The cost of split and merge detection between these removed and added actions, without
/// the result: the measure the bound on it is tested by.
pub fn detection_work<'a>(removed: &[&'a str], added: &[&'a str]) -> Work {
    let text = |list: &[&'a str]| -> Vec<Words<'a>> { list.iter().map(|a| words(a)).collect() };
    let (old_bags, new_bags, ranks) = bags(&text(removed), &text(added));
    detect(&old_bags, &new_bags, ranks).1
}

fn detect(old_bags: &[Bag], new_bags: &[Bag], ranks: usize) -> (Found, Work) {
    let mut out = Found::default();
    if old_bags.is_empty() || new_bags.is_empty() {
        return (out, Work::default());
    }
    let total: usize = old_bags.iter().chain(new_bags).map(Vec::len).sum();
    let allowance = allowance(old_bags.len() + new_bags.len(), total);
    let sides = Sides { ranks, allowance };

    let (split_into, mut work) = sides.probe(old_bags, new_bags, &[], &[]);
    let mut split_from = vec![false; new_bags.len()];
    let mut split_whole = vec![false; old_bags.len()];
    for (i, parts) in &split_into {
        split_whole[*i] = true;
        for &j in parts {
            split_from[j] = true;
        }
    }
    let (merged_from, merge_work) = sides.probe(new_bags, old_bags, &split_from, &split_whole);
    work += merge_work;
    out.split_into = split_into;
    out.merged_from = merged_from;
    (out, work)
}

/// What both directions of detection share: the number of distinct words and each probe's
/// allowance.
struct Sides {
    ranks: usize,
    allowance: usize,
}

impl Sides {
    /// The wholes (by index, ascending) whose words went into two or more of the pieces, with
    /// those pieces, and what finding them cost. Wholes marked in `skip` are not probed, and
    /// pieces marked in `taken` are not counted. Wholes are probed in parallel, in chunks that
    /// each have scratch space of their own, so the result does not depend on the threads.
    fn probe(
        &self,
        wholes: &[Bag],
        pieces: &[Bag],
        skip: &[bool],
        taken: &[bool],
    ) -> (Groups, Work) {
        let index = prefix_index(pieces, self.ranks);
        let chunk = wholes
            .len()
            .div_ceil(rayon::current_num_threads() * 4)
            .max(64);
        let found: Vec<(Groups, Work)> = (0..wholes.len().div_ceil(chunk))
            .into_par_iter()
            .map(|c| {
                let mut seen = vec![usize::MAX; pieces.len()];
                let mut counts = vec![0; pieces.len()];
                let mut marks = vec![usize::MAX; self.ranks];
                let mut work = Work::default();
                let mut found = Vec::new();
                for i in c * chunk..((c + 1) * chunk).min(wholes.len()) {
                    if skip.get(i).copied().unwrap_or(false) {
                        continue;
                    }
                    work.compared += 1;
                    let whole = &wholes[i];
                    let mut probe = Probe {
                        at: i,
                        of: wholes.len(),
                        allowance: self.allowance,
                        seen: &mut seen,
                        counts: &mut counts,
                        work: &mut work,
                    };
                    let parts: Vec<usize> = pieces_of(whole, pieces, &index, &mut probe)
                        .into_iter()
                        .filter(|&j| !taken.get(j).copied().unwrap_or(false))
                        .collect();
                    if parts.len() < 2 {
                        continue;
                    }
                    let bags: Vec<&Bag> = parts.iter().map(|&j| &pieces[j]).collect();
                    if !bags.iter().any(|b| dice(b, whole) >= DOMINANT)
                        && covers(&bags, whole, &mut marks, i)
                    {
                        found.push((i, parts));
                    }
                }
                (found, work)
            })
            .collect();
        let mut work = Work::default();
        let mut out = Vec::new();
        for (found, w) in found {
            out.extend(found);
            work += w;
        }
        (out, work)
    }
}

/// Old provisions whose words went into two or more new ones (split), and new ones that gather
/// the words of two or more old ones (merged). A piece that keeps most of the words of the
/// whole on its own (Dice 0.8 or more) makes it a rename instead.
pub(super) fn splits_and_merges(
    removed: &[usize],
    added: &[usize],
    old_bags: &[Bag],
    new_bags: &[Bag],
    ranks: usize,
) -> Splits {
    let (found, work) = detect(old_bags, new_bags, ranks);
    let mut out = Splits {
        split_into: BTreeMap::new(),
        split_from: BTreeMap::new(),
        merged_from: BTreeMap::new(),
        merged_into: BTreeMap::new(),
        bounded: work.bounded,
        compared: work.compared,
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
