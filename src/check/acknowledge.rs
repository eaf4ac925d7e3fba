//! Acknowledged warnings, and `unused-acknowledgement`.
//!
//! What it does: a provision may list warnings it accepts (`acknowledge: [{ warning, reason }]`),
//! for cases where the data is right and the warning's concern has been reviewed, such as an
//! instrument that really does use a term before the section that establishes it. Those
//! warnings are dropped for that provision; errors cannot be acknowledged.
//! Why `unused-acknowledgement` matters: an acknowledgement that matches no warning is stale
//! (the data was corrected) and would hide the warning if it came back for another reason.
//! Fix: remove the stale acknowledgement. It is not reported for a version with a file that
//! did not convert, because the checks then ran on part of the data.

use std::collections::HashMap;

use super::Context;
use crate::diagnostic::{At, Code, Diagnostic, Severity};
use crate::source::FileId;

/// Per file, per provision pointer: the acknowledged codes and whether each was used.
type Accepted<'a> = HashMap<FileId, HashMap<&'a str, Vec<(&'a str, bool)>>>;

pub(super) fn apply(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let spec = cx.spec;
    let mut accepted: Accepted<'_> = HashMap::new();
    for instrument in &spec.instruments {
        for version in &instrument.versions {
            for p in version.provisions() {
                if !p.acknowledge.is_empty() {
                    let codes = p
                        .acknowledge
                        .iter()
                        .map(|a| (a.warning.as_str(), false))
                        .collect();
                    accepted
                        .entry(p.file)
                        .or_default()
                        .insert(p.pointer.as_str(), codes);
                }
            }
        }
    }
    if accepted.is_empty() {
        return;
    }
    out.retain(|d| {
        if d.severity != Severity::Warning {
            return true;
        }
        let At::Pointer { pointer, .. } = &d.at else {
            return true;
        };
        let Some(codes) =
            provision_prefix(pointer).and_then(|p| accepted.get_mut(&d.file)?.get_mut(p))
        else {
            return true;
        };
        match codes.iter_mut().find(|(code, _)| *code == d.code.as_str()) {
            Some((_, used)) => {
                *used = true;
                false
            }
            None => true,
        }
    });
    for instrument in &spec.instruments {
        // A version with a file that did not convert was checked on part of its data (a
        // section whose number failed to convert sorts last, so order checks see another
        // order): its acknowledgements cannot be judged stale.
        for version in instrument.versions.iter().filter(|v| v.complete) {
            for p in version.provisions() {
                let Some(codes) = accepted
                    .get(&p.file)
                    .and_then(|f| f.get(p.pointer.as_str()))
                else {
                    continue;
                };
                for (i, (code, used)) in codes.iter().enumerate() {
                    if !used {
                        out.push(
                            Diagnostic::new(
                                Code::UnusedAcknowledgement,
                                p.file,
                                At::value(p.at(&format!("/acknowledge/{i}/warning"))),
                                format!("provision `{}` acknowledges `{code}`, which no check reports for it", p.id),
                            )
                            .with_label("nothing to acknowledge")
                            .with_help("remove the acknowledgement"),
                        );
                    }
                }
            }
        }
    }
}

/// `/provisions/3` from `/provisions/3/terms/0`: the provision a pointer is in.
fn provision_prefix(pointer: &str) -> Option<&str> {
    let rest = pointer.strip_prefix("/provisions/")?;
    let end = rest
        .find('/')
        .map_or(pointer.len(), |i| "/provisions/".len() + i);
    Some(&pointer[..end])
}

#[cfg(test)]
mod tests {
    use super::provision_prefix;

    #[test]
    fn prefixes() {
        assert_eq!(
            provision_prefix("/provisions/3/terms/0"),
            Some("/provisions/3")
        );
        assert_eq!(provision_prefix("/provisions/12"), Some("/provisions/12"));
        assert_eq!(provision_prefix("/sources/0"), None);
    }
}
