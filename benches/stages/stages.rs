//! Microbenchmarks of the pipeline's hot spots, on one generated section file (100 provisions,
//! about 57 KB) and on a generated spec folder of 10,000 provisions:
//!
//! - `parse/fast` against `parse/general`: the fast path for the YAML subset spec files use,
//!   against the general YAML parser it falls back to (both give a [`Doc`]);
//! - `validate/section`: the compiled section schema on a valid file (one `is_valid` call);
//! - `convert/provisions`: a validated document's provisions to typed provisions;
//! - `pipeline/10k`: every stage on a folder, checks included.
//!
//! Run with `cargo bench` in `benches/stages` (a package of its own, so that Criterion is no
//! dependency of orderly's tests); `benches/bench.py` times whole commands against
//! peer tools.

use std::path::{Path, PathBuf};
use std::process::Command;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use orderly::Files;
use orderly::Limits;
use orderly::model::Provision;
use orderly::testing::FileKind;
use orderly::testing::{Doc, parse_doc_fast, parse_value_general};
use serde::Deserialize;

/// A generated spec folder of `provisions` provisions in files of 100, made once per run.
fn corpus(provisions: usize) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("stages-{provisions}"));
    if !dir.join("actors.yaml").is_file() {
        let status = Command::new("python3")
            .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("../gen_corpus.py"))
            .arg(&dir)
            .args(["--provisions", &provisions.to_string()])
            .args(["--files", &(provisions / 100).to_string()])
            .status()
            .expect("python3 runs the corpus generator");
        assert!(status.success(), "the corpus generator failed");
    }
    dir
}

fn stages(c: &mut Criterion) {
    let limits = Limits::default();
    let text = std::fs::read_to_string(corpus(1_000).join("instrument-000/v1/sec-001.yaml"))
        .expect("the generated section file");
    let doc = parse_doc_fast(&text, &limits)
        .expect("the fast path reads generated files")
        .expect("the section is not empty");

    let mut parse = c.benchmark_group("parse");
    parse.throughput(Throughput::Bytes(text.len() as u64));
    parse.bench_function("fast", |b| b.iter(|| parse_doc_fast(&text, &limits)));
    parse.bench_function("general", |b| {
        b.iter(|| parse_value_general(&text, &limits).map(|value| value.map(Doc::from_value)));
    });
    parse.finish();

    let file = Files::default().add(PathBuf::from("sec-001.yaml"));
    c.bench_function("validate/section", |b| {
        b.iter(|| orderly::testing::validate(FileKind::Section, file, doc.root()));
    });

    let items = doc
        .root()
        .get("provisions")
        .expect("the section has provisions");
    c.bench_function("convert/provisions", |b| {
        b.iter(|| {
            let orderly::testing::View::Seq(items) = items.view() else {
                unreachable!("provisions is a list")
            };
            items
                .iter()
                .map(|item| Provision::deserialize(item).expect("a valid provision"))
                .collect::<Vec<_>>()
        });
    });

    let folder = corpus(10_000);
    let mut pipeline = c.benchmark_group("pipeline");
    pipeline.sample_size(10);
    pipeline.bench_function("10k", |b| {
        b.iter(|| orderly::load(&folder, &limits));
    });
    pipeline.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
