//! Matching two versions' provisions: by id, then splits and merges, then renames by the
//! words of their actions.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap};

use rayon::prelude::*;
use serde::Serialize;
use serde_json::{Value, json};

use super::SideCtx;
use super::candidates::{
    Interner, NEAR, WORD_CANDIDATES, allowance, by_rare_words, groups, near, positions, scaled,
    settle,
};
use super::fields::disputable_key;
use super::split::{self, Bag, splits_and_merges};
use crate::model::Provision;

/// The matching of two versions' provisions, by index.
pub(super) struct Pairs {
    pub(super) matched: Vec<(usize, usize)>,
    pub(super) removed: Vec<usize>,
    pub(super) added: Vec<usize>,
    pub(super) splits: Splits,
    pub(super) limits: Limits,
}

/// An action's distinct words, lowercase.
pub(super) type Words<'a> = Vec<Cow<'a, str>>;

/// The distinct lowercase words of three letters or more, sorted.
pub(super) fn words(text: &str) -> Words<'_> {
    let mut out: Words<'_> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().nth(2).is_some())
        .map(|w| {
            if w.chars().any(char::is_uppercase) {
                Cow::Owned(w.to_lowercase())
            } else {
                Cow::Borrowed(w)
            }
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The lowest similarity at which two provisions with different ids count as one renamed.
const RENAME_THRESHOLD: f64 = 0.6;

/// The most candidates a bounded rename probe compares one provision with: the neighbours
/// by reference, section, lead and document order, and those sharing the rarest words.
pub(super) const RENAME_CANDIDATES: usize = 4 * (2 * NEAR + 1) + WORD_CANDIDATES;

pub(super) fn match_provisions<'a>(old: &SideCtx<'a>, new: &SideCtx<'a>) -> Pairs {
    let new_index: HashMap<&str, usize> = new
        .provisions
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.as_str(), i))
        .collect();
    let mut matched = Vec::new();
    let mut old_left = Vec::new();
    let mut new_taken = vec![false; new.provisions.len()];
    for (o, p) in old.provisions.iter().enumerate() {
        match new_index.get(p.id.as_str()) {
            Some(&n) if !new_taken[n] => {
                new_taken[n] = true;
                matched.push((o, n));
            }
            _ => old_left.push(o),
        }
    }
    // Splits and merges first: an old provision whose words spread over several new ones is
    // not a rename of the one that kept most of them.
    let new_unmatched: Vec<usize> = (0..new.provisions.len())
        .filter(|&n| !new_taken[n])
        .collect();
    // The words of every leftover action, ranked once for both stages.
    let text = |side: &SideCtx<'a>, list: &[usize]| -> Vec<Words<'a>> {
        list.par_iter()
            .map(|&i| words(&side.provisions[i].action))
            .collect()
    };
    let (old_bags, new_bags, ranks) =
        split::bags(&text(old, &old_left), &text(new, &new_unmatched));
    let splits = splits_and_merges(&old_left, &new_unmatched, &old_bags, &new_bags, ranks);
    let (old_left, old_bags): (Vec<usize>, Vec<Bag>) = old_left
        .into_iter()
        .zip(old_bags)
        .filter(|(o, _)| !splits.split_into.contains_key(o) && !splits.merged_into.contains_key(o))
        .unzip();
    for n in splits.split_from.keys().chain(splits.merged_from.keys()) {
        new_taken[*n] = true;
    }
    let (new_left, new_bags): (Vec<usize>, Vec<Bag>) = new_unmatched
        .into_iter()
        .zip(new_bags)
        .filter(|(n, _)| !new_taken[*n])
        .unzip();

    let old_facts = facts(old, &old_left);
    let new_facts = facts(new, &new_left);
    let found = renames(
        &inputs(&old_facts),
        &inputs(&new_facts),
        (old_bags, new_bags, ranks),
    );
    let mut old_done = BTreeSet::new();
    for (k, j) in found.pairs {
        let (o, n) = (old_left[k], new_left[j]);
        old_done.insert(o);
        new_taken[n] = true;
        matched.push((o, n));
    }
    matched.sort_by_key(|&(_, n)| n);
    let mut removed: Vec<usize> = old_left
        .into_iter()
        .filter(|o| !old_done.contains(o))
        .collect();
    removed.extend(splits.split_into.keys().chain(splits.merged_into.keys()));
    removed.sort_unstable();
    let mut added: Vec<usize> = (0..new.provisions.len())
        .filter(|&n| !new_taken[n])
        .collect();
    added.extend(splits.split_from.keys().chain(splits.merged_from.keys()));
    added.sort_unstable();
    let limits = Limits {
        rename_bounded: found.bounded,
        rename_compared: found.compared,
        split_bounded: splits.bounded,
        split_compared: splits.compared,
    };
    Pairs {
        matched,
        removed,
        added,
        splits,
        limits,
    }
}

/// How far matching had to bound its work: provisions compared only with a bounded set of
/// candidates, out of those compared.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Limits {
    pub(super) rename_bounded: usize,
    pub(super) rename_compared: usize,
    pub(super) split_bounded: usize,
    pub(super) split_compared: usize,
}

/// The owned facts rename matching reads of provisions: action, kind, reference, section,
/// lead.
type Facts<'a> = Vec<(&'a str, String, &'a str, &'a str, String)>;

fn facts<'a>(side: &SideCtx<'a>, list: &[usize]) -> Facts<'a> {
    list.iter()
        .map(|&i| {
            let p = side.provisions[i];
            (
                p.action.as_str(),
                format!("{:?}", p.kind),
                p.reference.as_str(),
                side.section_of.get(p.id.as_str()).copied().unwrap_or(""),
                leads_key(p).to_string(),
            )
        })
        .collect()
}

fn inputs<'a>(facts: &'a Facts<'_>) -> Vec<RenameInput<'a>> {
    facts
        .iter()
        .map(|f| RenameInput {
            action: f.0,
            kind: &f.1,
            reference: f.2,
            section: f.3,
            lead: &f.4,
        })
        .collect()
}

/// What rename matching reads of one provision left unmatched by id.
#[derive(Clone, Copy, Debug)]
pub struct RenameInput<'a> {
    /// The action, whose words are compared.
    pub action: &'a str,
    /// The kind; the same kind adds to the similarity.
    pub kind: &'a str,
    /// The reference ("3(c)"); the same reference adds to the similarity.
    pub reference: &'a str,
    /// The section number, for document-order neighbours.
    pub section: &'a str,
    /// The lead actors; the same lead adds to the similarity.
    pub lead: &'a str,
}

/// The renames found between two lists of provisions, and what finding them cost.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RenameWork {
    /// (old index, new index) pairs matched as renames, by old index.
    pub pairs: Vec<(usize, usize)>,
    /// Old provisions compared only with a bounded set of candidates.
    pub bounded: usize,
    /// Old provisions compared in all.
    pub compared: usize,
    /// (old, new) pairs whose similarity was computed.
    pub scored: usize,
}

/// One side's provisions as the rename index sees them: word bags ranked rarest first across
/// both sides, and interned kind, reference, section and lead.
struct Keys {
    bags: Vec<Bag>,
    kind: Vec<u32>,
    reference: Vec<u32>,
    section: Vec<u32>,
    lead: Vec<u32>,
}

/// Both sides' keys and the number of distinct references, sections and leads.
fn keys<'a>(
    old: &[RenameInput<'a>],
    new: &[RenameInput<'a>],
    (old_bags, new_bags, ranks): Ranked,
) -> (Keys, Keys, usize, [usize; 3]) {
    let (mut kinds, mut refs, mut sections, mut leads) = (
        Interner::default(),
        Interner::default(),
        Interner::default(),
        Interner::default(),
    );
    let mut side = |list: &[RenameInput<'a>], bags: Vec<Bag>| Keys {
        kind: list.iter().map(|p| kinds.id(p.kind)).collect(),
        reference: list.iter().map(|p| refs.id(p.reference)).collect(),
        section: list.iter().map(|p| sections.id(p.section)).collect(),
        lead: list.iter().map(|p| leads.id(p.lead)).collect(),
        bags,
    };
    let (o, n) = (side(old, old_bags), side(new, new_bags));
    let counts = [refs.len(), sections.len(), leads.len()];
    (o, n, ranks, counts)
}

fn similarity(old: &Keys, new: &Keys, k: usize, j: usize) -> f64 {
    let mut score = 0.7 * split::dice(&old.bags[k], &new.bags[j]);
    if old.kind[k] == new.kind[j] {
        score += 0.1;
    }
    if old.reference[k] == new.reference[j] {
        score += 0.1;
    }
    if old.lead[k] == new.lead[j] {
        score += 0.1;
    }
    score
}

/// How many words two bags of which one has `len` must share for the pair to reach the
/// threshold with every bonus (Dice 3/7: a share of 3/11 of either), rounded down so that
/// no pair is missed; at least one, as a pair that shares none scores at most 0.3.
fn must_share(len: usize) -> usize {
    (3 * len / 11).max(1)
}

/// Each bag's rarest words, as many that any bag reaching the threshold shares one of them.
fn prefix(bag: &[u32]) -> &[u32] {
    let keep = (bag.len() + 1).saturating_sub(must_share(bag.len()));
    &bag[..keep.min(bag.len())]
}

/// Matches renames best first: of the pairs the candidate index proposes, those whose
/// similarity (0.7 × the Dice similarity of the actions' words, plus 0.1 each for the same
/// kind, reference and lead) is at least 0.6, greedily by score (then old and new index). The
/// index is exact (the pairs are those of [`rename_matching_exhaustive`]) unless `bounded`
/// says some provisions were compared only with bounded candidate sets.
pub fn rename_matching(old: &[RenameInput<'_>], new: &[RenameInput<'_>]) -> RenameWork {
    renames(old, new, ranked(old, new))
}

/// Both sides' word bags, ranked rarest first over both, and the number of distinct words.
type Ranked = (Vec<Bag>, Vec<Bag>, usize);

fn ranked<'a>(old: &[RenameInput<'a>], new: &[RenameInput<'a>]) -> Ranked {
    let text = |list: &[RenameInput<'a>]| -> Vec<Words<'a>> {
        list.par_iter().map(|p| words(p.action)).collect()
    };
    split::bags(&text(old), &text(new))
}

/// One old provision's probe: whether it was bounded, how many pairs it scored, and those
/// at the threshold or above, as (score, old, new).
type Probed = (bool, usize, Vec<(f64, usize, usize)>);

/// [`rename_matching`] with the bags already ranked (over these provisions or more).
fn renames(old: &[RenameInput<'_>], new: &[RenameInput<'_>], ranked: Ranked) -> RenameWork {
    let mut work = RenameWork {
        compared: old.len(),
        ..RenameWork::default()
    };
    if old.is_empty() || new.is_empty() {
        return work;
    }
    let (ok, nk, ranks, [refs, sections, leads]) = keys(old, new, ranked);
    let total: usize = ok.bags.iter().chain(&nk.bags).map(Vec::len).sum();
    let allowance = allowance(old.len(), total);
    // New provisions by their prefix words, and those with no words at all.
    let mut index: Vec<Vec<u32>> = vec![Vec::new(); ranks];
    let mut empties = Vec::new();
    for (j, bag) in nk.bags.iter().enumerate() {
        let j = u32::try_from(j).unwrap_or(u32::MAX);
        if bag.is_empty() {
            empties.push(j);
        }
        for &w in prefix(bag) {
            index[w as usize].push(j);
        }
    }
    let group = |new_keys: &[u32], old_keys: &[u32], count: usize| {
        let new_groups = groups(new_keys, count);
        let old_sizes: Vec<usize> = groups(old_keys, count).iter().map(Vec::len).collect();
        (new_groups, old_sizes, positions(old_keys, count))
    };
    let by_ref = group(&nk.reference, &ok.reference, refs);
    let by_section = group(&nk.section, &ok.section, sections);
    let by_lead = group(&nk.lead, &ok.lead, leads);
    // Each old provision is probed on its own (in parallel, with scratch space per thread);
    // the scored pairs are gathered in old-index order, as one probe after another gives them.
    let probes: Vec<Probed> = ok
        .bags
        .par_iter()
        .enumerate()
        .map_init(
            || {
                (
                    vec![usize::MAX; new.len()],
                    vec![0u32; new.len()],
                    Vec::new(),
                )
            },
            |(seen, counts, candidates): &mut (Vec<usize>, Vec<u32>, Vec<u32>), (k, bag)| {
                candidates.clear();
                let exact = if bag.is_empty() {
                    empties.len() <= allowance && {
                        candidates.extend_from_slice(&empties);
                        true
                    }
                } else {
                    let words = prefix(bag);
                    let visited: usize = words.iter().map(|&w| index[w as usize].len()).sum();
                    visited <= allowance && {
                        for &w in words {
                            for &j in &index[w as usize] {
                                if seen[j as usize] != k {
                                    seen[j as usize] = k;
                                    candidates.push(j);
                                }
                            }
                        }
                        let cost: usize = candidates
                            .iter()
                            .map(|&j| bag.len() + nk.bags[j as usize].len())
                            .sum();
                        visited + cost <= allowance
                    }
                };
                if !exact {
                    candidates.clear();
                    let target = scaled(k, old.len(), new.len());
                    let lo = target.saturating_sub(NEAR);
                    candidates.extend(
                        (lo..(target + NEAR + 1).min(new.len()))
                            .map(|j| u32::try_from(j).unwrap_or(u32::MAX)),
                    );
                    for ((new_groups, old_sizes, at), key) in [
                        (&by_ref, &ok.reference),
                        (&by_section, &ok.section),
                        (&by_lead, &ok.lead),
                    ]
                    .into_iter()
                    .map(|(g, keys)| (g, keys[k] as usize))
                    {
                        let list = &new_groups[key];
                        let at = scaled(at[k], old_sizes[key], list.len());
                        candidates.extend_from_slice(
                            &list[at.saturating_sub(NEAR)..(at + NEAR + 1).min(list.len())],
                        );
                    }
                    if bag.is_empty() {
                        near(&empties, target, NEAR, candidates);
                    } else {
                        by_rare_words(bag, &index, target, counts, candidates);
                    }
                    settle(candidates);
                }
                let found = candidates
                    .iter()
                    .map(|&j| (similarity(&ok, &nk, k, j as usize), k, j as usize))
                    .filter(|&(score, _, _)| score >= RENAME_THRESHOLD)
                    .collect();
                (!exact, candidates.len(), found)
            },
        )
        .collect();
    let mut scored: Vec<(f64, usize, usize)> = Vec::new();
    for (bounded, compared, found) in probes {
        work.bounded += usize::from(bounded);
        work.scored += compared;
        scored.extend(found);
    }
    work.pairs = greedy(scored, new.len());
    work
}

/// Rename matching by comparing every pair: what [`rename_matching`] must agree with when it
/// reports no bounded provisions.
pub fn rename_matching_exhaustive(old: &[RenameInput<'_>], new: &[RenameInput<'_>]) -> RenameWork {
    let (ok, nk, _, _) = keys(old, new, ranked(old, new));
    let mut scored = Vec::new();
    for k in 0..old.len() {
        for j in 0..new.len() {
            let score = similarity(&ok, &nk, k, j);
            if score >= RENAME_THRESHOLD {
                scored.push((score, k, j));
            }
        }
    }
    RenameWork {
        pairs: greedy(scored, new.len()),
        bounded: 0,
        compared: old.len(),
        scored: old.len() * new.len(),
    }
}

/// The best-first matching of scored pairs: each old and new provision at most once.
fn greedy(mut scored: Vec<(f64, usize, usize)>, new: usize) -> Vec<(usize, usize)> {
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut old_done = BTreeSet::new();
    let mut new_done = vec![false; new];
    let mut pairs = Vec::new();
    for (_, k, j) in scored {
        if !new_done[j] && old_done.insert(k) {
            new_done[j] = true;
            pairs.push((k, j));
        }
    }
    pairs.sort_unstable();
    pairs
}

pub(super) fn leads_key(p: &Provision) -> Value {
    p.actor
        .as_ref()
        .map_or(Value::Null, |a| disputable_key(a, |a| json!(a.ids())))
}

pub(super) struct Splits {
    pub(super) split_into: BTreeMap<usize, Vec<usize>>,
    pub(super) split_from: BTreeMap<usize, usize>,
    pub(super) merged_from: BTreeMap<usize, Vec<usize>>,
    pub(super) merged_into: BTreeMap<usize, usize>,
    /// Provisions whose split detection compared only bounded candidate sets, and those
    /// compared in all (as wholes, both ways).
    pub(super) bounded: usize,
    pub(super) compared: usize,
}

/// How exhaustively provisions were matched across versions, and what the diff must say
/// when some were compared only with bounded candidate sets.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Matching {
    /// Rename matching of the provisions left unmatched by id.
    pub renames: MatchingStage,
    /// Split and merge detection.
    pub splits: MatchingStage,
    /// One plain sentence per stage that was bounded; empty when matching was exhaustive.
    pub notes: Vec<String>,
}

/// One matching stage's coverage.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct MatchingStage {
    /// Provisions the stage examined.
    pub provisions: usize,
    /// Of those, provisions compared only with a bounded set of likely candidates.
    pub bounded: usize,
    /// The most candidates a bounded provision was compared with.
    pub candidates: usize,
}

impl Matching {
    pub(super) fn of(limits: Limits) -> Self {
        let renames = MatchingStage {
            provisions: limits.rename_compared,
            bounded: limits.rename_bounded,
            candidates: RENAME_CANDIDATES,
        };
        let splits = MatchingStage {
            provisions: limits.split_compared,
            bounded: limits.split_bounded,
            candidates: split::SPLIT_CANDIDATES,
        };
        let mut notes = Vec::new();
        if renames.bounded > 0 {
            notes.push(format!(
                "Rename matching compared only the {} likeliest candidates (same reference, \
                 section or lead, nearest in document order, rarest shared words) for {} of the \
                 {} provisions left unmatched by id; a rename among the others may be listed \
                 as removed and added.",
                renames.candidates, renames.bounded, renames.provisions
            ));
        }
        if splits.bounded > 0 {
            notes.push(format!(
                "Split and merge detection compared only the {} likeliest pieces (nearest in \
                 document order, rarest shared words) for {} of the {} provisions it examined; \
                 a split or merge among the others may be listed as removed and added.",
                splits.candidates, splits.bounded, splits.provisions
            ));
        }
        Matching {
            renames,
            splits,
            notes,
        }
    }
}
