//! The diff on two mutated versions of one instrument: the input is two section files (split
//! at the first NUL byte), written as the same section of the two versions of the example spec
//! (tests/fixtures/example), older first.
//!
//! Properties: nothing panics; the word redline of the two texts gives back each text; when
//! both versions check clean, the diff renders in every format, a version diffed with itself
//! has no changes, and swapping the sides swaps what was added and removed.

#![no_main]

mod common;

use std::path::PathBuf;

use libfuzzer_sys::fuzz_target;
use orderly::compile::diff::{SegmentOp, diff, redline};

const ACTORS: &[u8] = include_bytes!("../../tests/fixtures/example/actors.yaml");
const INSTRUMENT: &[u8] =
    include_bytes!("../../tests/fixtures/example/city-ordinance-12/instrument.yaml");
const TERMS: &[u8] =
    include_bytes!("../../tests/fixtures/example/city-ordinance-12/adopted/terms.yaml");

fuzz_target!(|data: &[u8]| {
    let (old, new) = match data.iter().position(|&b| b == 0) {
        Some(at) => (&data[..at], &data[at + 1..]),
        None => (data, data),
    };
    if let (Ok(old), Ok(new)) = (std::str::from_utf8(old), std::str::from_utf8(new)) {
        let segments = redline(old, new);
        let side = |skip: SegmentOp| -> String {
            segments
                .iter()
                .filter(|s| s.op != skip)
                .map(|s| s.text.as_str())
                .collect()
        };
        assert_eq!(
            side(SegmentOp::Insert),
            old,
            "the redline's old side is the old text"
        );
        assert_eq!(
            side(SegmentOp::Delete),
            new,
            "the redline's new side is the new text"
        );
    }

    let dir = common::scratch();
    common::write_folder(
        dir,
        &[
            (PathBuf::from("actors.yaml"), ACTORS),
            (
                PathBuf::from("city-ordinance-12/instrument.yaml"),
                INSTRUMENT,
            ),
            (
                PathBuf::from("city-ordinance-12/proposed/terms.yaml"),
                TERMS,
            ),
            (PathBuf::from("city-ordinance-12/proposed/sec-2.yaml"), old),
            (PathBuf::from("city-ordinance-12/adopted/terms.yaml"), TERMS),
            (PathBuf::from("city-ordinance-12/adopted/sec-2.yaml"), new),
        ],
    );
    let workspace = orderly::load(dir, &common::limits());
    common::check_report(&workspace);
    if !common::clean(&workspace) {
        return;
    }
    let spec = &workspace.spec;
    let instrument = &spec.instruments[0];
    let [a, b] = &instrument.versions[..] else {
        return;
    };
    let forward = diff(&spec.actors, (instrument, a), (instrument, b));
    let backward = diff(&spec.actors, (instrument, b), (instrument, a));
    assert_eq!(forward.summary.added, backward.summary.removed);
    assert_eq!(forward.summary.removed, backward.summary.added);
    assert_eq!(forward.summary.changed, backward.summary.changed);
    for version in [a, b] {
        let same = diff(&spec.actors, (instrument, version), (instrument, version));
        assert!(
            same.changes.is_empty(),
            "{} differs from itself",
            version.id
        );
    }
    orderly::render::render("diff.md", &forward).expect("the diff renders");
    orderly::render::render("diff.html", &forward).expect("the diff renders");
    let json = orderly::render::json::pretty(&forward);
    serde_json::from_str::<serde_json::Value>(&json).expect("the diff is JSON");
});
