//! Matching two versions' provisions: by id, then splits and merges, then renames by the
//! words of their actions.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde_json::{Value, json};

use super::SideCtx;
use super::fields::disputable_key;
use super::split::{self, splits_and_merges};
use crate::model::Provision;

/// The matching of two versions' provisions, by index.
pub(super) struct Pairs {
    pub(super) matched: Vec<(usize, usize)>,
    pub(super) removed: Vec<usize>,
    pub(super) added: Vec<usize>,
    pub(super) splits: Splits,
}

/// Lowercase words of three letters or more.
pub(super) fn words(text: &str) -> BTreeSet<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 3)
        .map(str::to_lowercase)
        .collect()
}

/// The lowest similarity at which two provisions with different ids count as one renamed.
const RENAME_THRESHOLD: f64 = 0.6;

/// Words used by more provisions than this are too common to propose rename candidates.
const COMMON_WORD: usize = 200;

/// The most rename candidates scored for one removed provision: those that share the most
/// uncommon words with it.
const RENAME_CANDIDATES: usize = 50;

pub(super) fn match_provisions(old: &SideCtx<'_>, new: &SideCtx<'_>) -> Pairs {
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
    let splits = splits_and_merges(old, new, &old_left, &new_unmatched);
    let old_left: Vec<usize> = old_left
        .into_iter()
        .filter(|o| !splits.split_into.contains_key(o) && !splits.merged_into.contains_key(o))
        .collect();
    for n in splits.split_from.keys().chain(splits.merged_from.keys()) {
        new_taken[*n] = true;
    }
    let new_left: Vec<usize> = (0..new.provisions.len())
        .filter(|&n| !new_taken[n])
        .collect();

    // Rename candidates: pairs that share uncommon words of their actions.
    let text = |side: &SideCtx<'_>, list: &[usize]| -> Vec<Vec<String>> {
        list.iter()
            .map(|&i| words(&side.provisions[i].action).into_iter().collect())
            .collect()
    };
    let (old_words, new_words, ranks) = split::bags(&text(old, &old_left), &text(new, &new_left));
    let mut postings: Vec<Vec<usize>> = vec![Vec::new(); ranks];
    for (j, ws) in new_words.iter().enumerate() {
        for &w in ws {
            postings[w as usize].push(j);
        }
    }
    let mut scored: Vec<(f64, usize, usize)> = Vec::new();
    // Uncommon words shared with each new provision, for the old one at hand.
    let mut counts: Vec<usize> = vec![0; new_left.len()];
    for (k, &o) in old_left.iter().enumerate() {
        let op = old.provisions[o];
        let ow = &old_words[k];
        let mut touched: Vec<usize> = Vec::new();
        for &w in ow {
            let list = &postings[w as usize];
            if list.len() <= COMMON_WORD {
                for &j in list {
                    if counts[j] == 0 {
                        touched.push(j);
                    }
                    counts[j] += 1;
                }
            }
        }
        // Only the candidates that share the most uncommon words are scored, so that the
        // work per provision stays bounded however many share a few.
        let mut best: Vec<(usize, usize)> = touched
            .into_iter()
            .map(|j| (j, std::mem::take(&mut counts[j])))
            .collect();
        best.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        best.truncate(RENAME_CANDIDATES);
        let mut candidates: Vec<usize> = best.into_iter().map(|(j, _)| j).collect();
        candidates.sort_unstable();
        // Identical or empty actions share no uncommon word by this route; compare in full.
        if candidates.is_empty() && new_left.len() <= COMMON_WORD {
            candidates = (0..new_left.len()).collect();
        }
        for j in candidates {
            let np = new.provisions[new_left[j]];
            let mut score = 0.7 * split::dice(ow, &new_words[j]);
            if op.kind == np.kind {
                score += 0.1;
            }
            if op.reference == np.reference {
                score += 0.1;
            }
            if leads_key(op) == leads_key(np) {
                score += 0.1;
            }
            if score >= RENAME_THRESHOLD {
                scored.push((score, o, new_left[j]));
            }
        }
    }
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut old_done = BTreeSet::new();
    for (_, o, n) in scored {
        if !old_done.contains(&o) && !new_taken[n] {
            old_done.insert(o);
            new_taken[n] = true;
            matched.push((o, n));
        }
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
    Pairs {
        matched,
        removed,
        added,
        splits,
    }
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
}
