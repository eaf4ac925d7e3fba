//! Rename and split matching across versions: the candidate index agrees with comparing every
//! pair when it can afford to, stays bounded when words are common, and says when it was
//! bounded.

use std::path::Path;

use orderly::Limits;
use orderly::compile::diff::{
    Diff, RenameInput, diff, rename_matching, rename_matching_exhaustive,
};
use proptest::prelude::*;

use crate::support::repo;

/// A provision for rename matching, drawn from small vocabularies so that words, references,
/// sections and leads are all shared widely.
#[derive(Clone, Debug)]
struct Owned {
    action: String,
    kind: String,
    reference: String,
    section: String,
    lead: String,
}

fn provision() -> impl Strategy<Value = Owned> {
    (
        prop::collection::vec(0u8..12, 0..9),
        0u8..2,
        0u8..6,
        0u8..3,
        0u8..3,
    )
        .prop_map(|(words, kind, reference, section, lead)| Owned {
            action: words
                .iter()
                .map(|w| format!("word{w}"))
                .collect::<Vec<_>>()
                .join(" "),
            kind: format!("kind{kind}"),
            reference: format!("{section}({reference})"),
            section: section.to_string(),
            lead: format!("lead{lead}"),
        })
}

fn inputs(list: &[Owned]) -> Vec<RenameInput<'_>> {
    list.iter()
        .map(|p| RenameInput {
            action: &p.action,
            kind: &p.kind,
            reference: &p.reference,
            section: &p.section,
            lead: &p.lead,
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn indexed_renames_are_the_exhaustive_ones(
        old in prop::collection::vec(provision(), 0..40),
        new in prop::collection::vec(provision(), 0..40),
    ) {
        let (old, new) = (inputs(&old), inputs(&new));
        let indexed = rename_matching(&old, &new);
        let exhaustive = rename_matching_exhaustive(&old, &new);
        prop_assert_eq!(indexed.bounded, 0);
        prop_assert_eq!(&indexed.pairs, &exhaustive.pairs);
        prop_assert!(indexed.scored <= exhaustive.scored);
    }
}

/// A deterministic stream of numbers (a linear congruential generator).
fn numbers(seed: u64) -> impl FnMut() -> u64 {
    let mut state = seed;
    move || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        state >> 33
    }
}

#[test]
fn renames_are_found_in_bounded_work_when_every_word_is_common() {
    // 4,000 provisions whose actions draw 25 words from 40, each renamed with one word
    // changed: every pair shares words, so the exact index would compare nearly all pairs.
    let mut next = numbers(7);
    let n = 4000;
    let mut old = Vec::new();
    let mut new = Vec::new();
    for i in 0..n {
        let mut words: Vec<String> = (0..25).map(|_| format!("w{}", next() % 40)).collect();
        let action = words.join(" ");
        let at = usize::try_from(next()).unwrap() % words.len();
        words[at] = format!("w{}", next() % 40);
        let owned = |action: String| Owned {
            action,
            kind: "obligation".into(),
            reference: format!("{}({})", i / 100, i % 100),
            section: (i / 100).to_string(),
            lead: format!("lead{}", i % 8),
        };
        old.push(owned(action));
        new.push(owned(words.join(" ")));
    }
    let work = rename_matching(&inputs(&old), &inputs(&new));
    assert_eq!(work.compared, n);
    assert!(work.bounded > 0, "{:?}", (work.bounded, work.scored));
    // Bounded work: a few dozen pairs per provision, not thousands.
    assert!(work.scored <= n * 64, "{}", work.scored);
    let expected: Vec<(usize, usize)> = (0..n).map(|i| (i, i)).collect();
    assert_eq!(work.pairs, expected);
}

fn generated(dir: &Path, provisions: usize, files: usize) -> Diff {
    let status = std::process::Command::new("python3")
        .arg(repo().join("benches/gen_corpus.py"))
        .arg(dir)
        .args(["--provisions", &provisions.to_string()])
        .args(["--files", &files.to_string()])
        .args(["--files-per-instrument", &files.to_string()])
        .args(["--versions", "2", "--disjoint"])
        .output()
        .expect("python3 runs the corpus generator");
    assert!(status.status.success(), "{status:?}");
    let workspace = orderly::load(dir, &Limits::default());
    let spec = workspace.spec;
    let instrument = &spec.instruments[0];
    diff(
        &spec.actors,
        (instrument, &instrument.versions[0]),
        (instrument, &instrument.versions[1]),
    )
}

#[test]
fn a_version_with_every_id_renamed_is_matched_by_renames() {
    // Every id renamed and one word of every action changed, from a vocabulary of 45 words:
    // every word is in hundreds of actions.
    let dir = tempfile::tempdir().unwrap();
    let d = generated(&dir.path().join("spec"), 1000, 10);
    assert_eq!(d.summary.renamed, 1000, "{:?}", d.summary);
    assert_eq!((d.summary.added, d.summary.removed), (0, 0));
    assert_eq!(d.matching.renames.provisions, 1000);
    assert_eq!(d.matching.renames.bounded, 0, "{:?}", d.matching);
}

#[test]
fn bounded_matching_is_said_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let d = generated(&dir.path().join("spec"), 6000, 60);
    assert_eq!(d.summary.renamed, 6000, "{:?}", d.summary);
    assert!(d.matching.renames.bounded > 0, "{:?}", d.matching);
    assert!(d.matching.notes[0].starts_with("Rename matching compared only the 44 likeliest"));
    let md = orderly::render::render("diff.md", &d).unwrap();
    assert!(
        md.contains("> **Matching was bounded.** Rename matching compared only"),
        "{}",
        &md[..2000.min(md.len())]
    );
    let workspace = orderly::load(&dir.path().join("spec"), &Limits::default());
    let versions = &workspace.spec.instruments[0].versions;
    let view = orderly::compile::diff::with_rows(&d, &versions[0], &versions[1]);
    let html = orderly::render::render("diff.html", &view).unwrap();
    assert!(html.contains("<strong>Matching was bounded.</strong> Rename matching"));
    let json = serde_json::to_value(&d).unwrap();
    assert_eq!(
        json["matching"]["renames"]["bounded"],
        d.matching.renames.bounded
    );
}

#[test]
fn exhaustive_matching_adds_no_note() {
    let spec = orderly::load(&repo().join("spec"), &Limits::default()).spec;
    let instrument = spec
        .instruments
        .iter()
        .find(|i| i.id == "eo-14409")
        .unwrap();
    let d = diff(
        &spec.actors,
        (instrument, &instrument.versions[0]),
        (instrument, &instrument.versions[1]),
    );
    assert_eq!(d.matching.renames.bounded, 0);
    assert_eq!(d.matching.splits.bounded, 0);
    assert!(d.matching.notes.is_empty());
    let md = orderly::render::render("diff.md", &d).unwrap();
    assert!(!md.contains("Matching was bounded"));
}
