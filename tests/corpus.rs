//! The benchmark corpus generator writes specs that check clean, in both versions.

use crate::support::{orderly, repo};

#[test]
fn generated_corpus_checks_clean() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("corpus");
    let status = std::process::Command::new("python3")
        .arg(repo().join("benches/gen_corpus.py"))
        .arg(&out)
        .args(["--provisions", "1000", "--files", "12", "--versions", "2"])
        .output()
        .expect("python3 runs");
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let run = orderly(
        dir.path(),
        &["check", "corpus", "--deny-warnings", "--format", "concise"],
    );
    assert_eq!(run.code, 0, "{}", run.stdout);
}
