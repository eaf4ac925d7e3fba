//! `ref-outside-section` (warning).
//!
//! What it checks: a provision's `ref` starts with the number of the section whose file holds
//! it: `2(d)` in section `2`, not in section `3`.
//! Why it matters: a provision filed in the wrong section appears under the wrong heading in
//! every output.
//! Example: `ref: 3(a)` in a file with `section: "2"`.
//! Fix: move the provision, or correct its `ref`.

use super::Context;
use crate::diagnostic::{At, Code, Diagnostic};

pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let spec = cx.spec;
    for instrument in &spec.instruments {
        for version in &instrument.versions {
            for section in &version.sections {
                let Some(number) = section.number() else {
                    continue;
                };
                for p in &section.provisions {
                    if !in_section(&p.reference, number) {
                        out.push(
                            Diagnostic::new(
                                Code::RefOutsideSection,
                                p.file,
                                At::value(p.at("/ref")),
                                format!(
                                    "provision `{}` is numbered {} but filed in section {number}",
                                    p.id, p.reference
                                ),
                            )
                            .with_label(format!("does not start with `{number}`"))
                            .with_help(
                                "move the provision to its section's file, or correct `ref`",
                            ),
                        );
                    }
                }
            }
        }
    }
}

/// Whether `reference` is `number` itself or starts with it followed by a non-alphanumeric
/// character: `2(d)` and `2.1` are in section `2`; `21(a)` is not.
fn in_section(reference: &str, number: &str) -> bool {
    let reference = reference.strip_prefix("Sec. ").unwrap_or(reference);
    match reference.strip_prefix(number) {
        Some(rest) => rest.chars().next().is_none_or(|c| !c.is_alphanumeric()),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::in_section;

    #[test]
    fn section_prefixes() {
        assert!(in_section("2(d)", "2"));
        assert!(in_section("2", "2"));
        assert!(in_section("2.1", "2"));
        assert!(!in_section("21(a)", "2"));
        assert!(!in_section("3(a)", "2"));
    }
}
