//! Stage 4, check: semantic rules that a JSON Schema cannot express.
//!
//! Each check is a function in a file of its own, registered in [`CHECKS`]; it reads the typed
//! [`Spec`] and pushes diagnostics that point by JSON pointer. Checks that resolve references
//! consult a registry only when it is complete (every entry converted), so a file with schema
//! errors does not cause a cascade of "unknown" reports.

mod acting_through;
mod actor_also_consulted;
mod deadline_cycle;
mod duplicate_ids;
mod invalid_date;
mod parent_cycle;
mod period_range;
mod ref_outside_section;
mod status_order;
mod term_before_definition;
mod unknown_actor;
mod unknown_anchor;
mod unknown_provision;
mod unknown_source;
mod unknown_term;
mod unreliable_source;
mod unsourced_provision;
mod unused_source;
mod versions;

use crate::diagnostic::{At, Code, Diagnostic, pointer};
use crate::model::{Disputable, Instrument, Located, Provision, SourceRef, Spec, Version};
use crate::source::FileId;
use crate::suggest::suggest;

/// A semantic check.
type Check = fn(&Spec, &mut Vec<Diagnostic>);

/// Every semantic check, run in this order.
const CHECKS: &[Check] = &[
    duplicate_ids::check,
    versions::check,
    unknown_actor::check,
    unknown_term::check,
    unknown_source::check,
    unknown_provision::check,
    unknown_anchor::check,
    deadline_cycle::check,
    parent_cycle::check,
    unsourced_provision::check,
    invalid_date::check,
    period_range::check,
    acting_through::check,
    term_before_definition::check,
    actor_also_consulted::check,
    unreliable_source::check,
    unused_source::check,
    status_order::check,
    ref_outside_section::check,
];

/// Runs every check.
pub(crate) fn run(spec: &Spec) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for check in CHECKS {
        check(spec, &mut out);
    }
    out
}

/// Every provision of the spec with its instrument and version.
fn provisions(spec: &Spec) -> impl Iterator<Item = (&Instrument, &Version, &Located<Provision>)> {
    spec.instruments.iter().flat_map(|instrument| {
        instrument.versions.iter().flat_map(move |version| {
            version
                .provisions()
                .map(move |provision| (instrument, version, provision))
        })
    })
}

/// A reference to something that does not exist, with a suggestion when one is close.
fn unknown<'a>(
    code: Code,
    file: FileId,
    at: At,
    what: &str,
    id: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Diagnostic {
    let d = Diagnostic::new(code, file, at, format!("unknown {what} `{id}`"))
        .with_label(format!("no {what} has this id"));
    match suggest(id, candidates) {
        Some(best) => d.with_help(format!("did you mean `{best}`?")),
        None => d,
    }
}

/// A cited source with the file and pointer of the citation.
struct Citation<'a> {
    file: FileId,
    pointer: String,
    source: &'a SourceRef,
}

/// Every source citation in an instrument: version listings, section headers, provisions (and
/// the readings of their disputed fields), status entries and terms.
fn citations(instrument: &Instrument) -> Vec<Citation<'_>> {
    let mut out = Vec::new();
    if let Some(info) = &instrument.info {
        for (i, version) in info.versions.iter().enumerate() {
            push_all(
                &mut out,
                instrument.file,
                &format!("/versions/{i}/sources"),
                &version.sources,
            );
        }
    }
    for version in &instrument.versions {
        if let Some(file) = version.terms.file {
            for (id, term) in &version.terms.items {
                let base = format!("{}/sources", pointer(["terms", id]));
                push_all(&mut out, file, &base, &term.sources);
            }
        }
        for section in &version.sections {
            if let Some(header) = &section.header {
                push_all(&mut out, section.file, "/sources", &header.sources);
            }
            for p in &section.provisions {
                provision_citations(p, &mut out);
            }
        }
    }
    out
}

fn push_all<'a>(out: &mut Vec<Citation<'a>>, file: FileId, base: &str, sources: &'a [SourceRef]) {
    for (i, source) in sources.iter().enumerate() {
        out.push(Citation {
            file,
            pointer: format!("{base}/{i}"),
            source,
        });
    }
}

/// The citations of one provision, including those of disputed readings and status entries.
fn provision_citations<'a>(p: &'a Located<Provision>, out: &mut Vec<Citation<'a>>) {
    push_all(out, p.file, &p.at("/sources"), &p.sources);
    for (field, readings) in reading_sources(p) {
        for (j, sources) in readings.into_iter().enumerate() {
            push_all(
                out,
                p.file,
                &format!("{field}/disputed/{j}/sources"),
                sources,
            );
        }
    }
    for (k, status) in p.status.iter().enumerate() {
        push_all(
            out,
            p.file,
            &p.at(&format!("/status/{k}/sources")),
            &status.sources,
        );
    }
}

/// The sources of each reading of each disputed field of a provision, by field pointer.
fn reading_sources(p: &Located<Provision>) -> Vec<(String, Vec<&[SourceRef]>)> {
    fn of<T>(d: Option<&Disputable<T>>) -> Vec<&[SourceRef]> {
        d.map_or_else(Vec::new, |d| {
            d.readings().iter().map(|r| r.sources.as_slice()).collect()
        })
    }
    let mut out = vec![
        (p.at("/modality"), of(Some(&p.modality))),
        (p.at("/binding"), of(p.binding.as_ref())),
        (p.at("/actor"), of(p.actor.as_ref())),
        (p.at("/acting_through"), of(p.acting_through.as_ref())),
        (p.at("/consults"), of(p.consults.as_ref())),
        (p.at("/due"), of(p.due.as_ref())),
    ];
    for (name, value) in &p.parameters {
        out.push((p.at(&pointer(["parameters", name])), of(Some(value))));
    }
    if let Some(presence) = &p.presence {
        let sources = presence
            .disputed
            .iter()
            .map(|r| r.sources.as_slice())
            .collect();
        out.push((p.at("/presence"), sources));
    }
    out.retain(|(_, readings)| !readings.is_empty());
    out
}
