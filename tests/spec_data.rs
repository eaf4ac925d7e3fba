//! The shipped spec folder checks clean: no errors, no warnings.

use crate::support::{orderly, repo};

#[test]
fn shipped_spec_checks_clean() {
    let run = orderly(
        &repo(),
        &["check", "--deny-warnings", "--format", "concise"],
    );
    assert_eq!(run.code, 0, "{}", run.stdout);
}
