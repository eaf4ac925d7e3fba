//! Check: semantic rules that a JSON Schema cannot express.
//!
//! Each check is a function in a file of its own, registered in [`CHECKS`]; it reads the typed
//! [`Spec`] and pushes diagnostics that point by JSON pointer. Checks that resolve references
//! consult a registry only when it is complete (every entry converted), so a file with schema
//! errors does not cause a cascade of "unknown" reports.

mod acknowledge;
mod acting_through;
mod actor_also_consulted;
mod bidi_control;
mod date_range;
mod deadline_cycle;
mod duplicate_ids;
mod invalid_date;
mod parent_cycle;
mod period_range;
mod ref_outside_section;
mod refers_to;
mod status_order;
mod term_before_definition;
mod through_cycle;
mod unknown_actor;
mod unknown_anchor;
mod unknown_instrument;
mod unknown_provision;
mod unknown_source;
mod unknown_term;
mod unreliable_source;
mod unsourced_provision;
mod unused_source;
mod versions;

use foldhash::{HashMap, HashSet};
use rayon::prelude::*;

use crate::diagnostic::{At, Code, Diagnostic};
use crate::model::{Act, FieldPath, Instrument, Located, Provision, SourceRef, Spec, Version};
use crate::source::FileId;
use crate::suggest::suggest;
use crate::text::pointer;

/// A semantic check.
type Check = fn(&Context<'_>, &mut Vec<Diagnostic>);

/// What every check reads: the spec, and lookups built once for all of them.
pub(crate) struct Context<'a> {
    /// The spec.
    spec: &'a Spec,
    /// Actor ids, when the registry is complete (else unknown actors are not reported).
    actors: Option<HashSet<&'a str>>,
    /// Per instrument, per version (in `spec.instruments[i].versions[j]` order): its provisions
    /// in document order, and the ids.
    versions: Vec<Vec<Provisions<'a>>>,
}

/// The provisions of a version, in document order, with an index of their ids.
pub(crate) struct Provisions<'a> {
    /// In document order.
    list: Vec<&'a Located<Provision>>,
    /// Each id and the position of its first use in `list`.
    ids: HashMap<&'a str, usize>,
}

impl<'a> Provisions<'a> {
    /// The first provision with this id.
    fn get(&self, id: &str) -> Option<&'a Located<Provision>> {
        self.ids.get(id).map(|&i| self.list[i])
    }
}

impl<'a> Context<'a> {
    fn new(spec: &'a Spec) -> Self {
        let actors = spec
            .actors
            .complete
            .then(|| spec.actors.items.keys().map(String::as_str).collect());
        let versions = spec
            .instruments
            .iter()
            .map(|instrument| {
                instrument
                    .versions
                    .iter()
                    .map(|version| {
                        let list: Vec<_> = version.provisions().collect();
                        let mut ids = HashMap::default();
                        ids.reserve(list.len());
                        for (i, p) in list.iter().enumerate() {
                            ids.entry(p.id.as_str()).or_insert(i);
                        }
                        Provisions { list, ids }
                    })
                    .collect()
            })
            .collect();
        Context {
            spec,
            actors,
            versions,
        }
    }

    /// The provisions of version `v` of instrument `i`.
    fn provisions(&self, i: usize, v: usize) -> &Provisions<'a> {
        &self.versions[i][v]
    }
}

/// Every semantic check, run in this order.
const CHECKS: &[Check] = &[
    duplicate_ids::check,
    versions::check,
    unknown_actor::check,
    unknown_term::check,
    unknown_source::check,
    unknown_instrument::check,
    unknown_provision::check,
    refers_to::check,
    unknown_anchor::check,
    deadline_cycle::check,
    through_cycle::check,
    parent_cycle::check,
    unsourced_provision::check,
    invalid_date::check,
    period_range::check,
    date_range::check,
    acting_through::check,
    term_before_definition::check,
    actor_also_consulted::check,
    unreliable_source::check,
    unused_source::check,
    status_order::check,
    ref_outside_section::check,
    bidi_control::check,
];

/// Runs every check (in parallel; the result keeps the order of [`CHECKS`]), then drops the
/// warnings that provisions acknowledge.
pub(crate) fn run(spec: &Spec) -> Vec<Diagnostic> {
    let cx = Context::new(spec);
    let found: Vec<Vec<Diagnostic>> = CHECKS
        .par_iter()
        .map(|check| {
            let mut out = Vec::new();
            check(&cx, &mut out);
            out
        })
        .collect();
    let mut out: Vec<Diagnostic> = found.into_iter().flatten().collect();
    acknowledge::apply(&cx, &mut out);
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

/// Where a list of sources sits; its JSON pointer is built only when a diagnostic needs it.
#[derive(Clone, Copy)]
enum SourcesAt<'a> {
    /// `/versions/<i>/sources` in `instrument.yaml`.
    Version(usize),
    /// `/terms/<id>/sources` in `terms.yaml`.
    Term(&'a str),
    /// `/sources` of a section file.
    Section,
    /// A provision's `sources`.
    Provision(&'a Located<Provision>),
    /// The sources of reading `j` of a disputed field of a provision.
    Reading(&'a Located<Provision>, FieldPath<'a>, usize),
    /// The sources of status entry `k` of a provision.
    Status(&'a Located<Provision>, usize),
    /// The sources of an act on the instrument (`None`) or a provision: which act, and its
    /// index in `amended_by`.
    Act(Option<&'a Located<Provision>>, Act, usize),
}

impl SourcesAt<'_> {
    fn pointer(self) -> String {
        match self {
            SourcesAt::Version(i) => format!("/versions/{i}/sources"),
            SourcesAt::Term(id) => format!("{}/sources", pointer(["terms", id])),
            SourcesAt::Section => "/sources".to_owned(),
            SourcesAt::Provision(p) => p.at("/sources"),
            SourcesAt::Reading(p, field, j) => {
                p.at(&format!("{}/disputed/{j}/sources", field.suffix()))
            }
            SourcesAt::Status(p, k) => p.at(&format!("/status/{k}/sources")),
            SourcesAt::Act(p, act, k) => {
                let suffix = match act {
                    Act::Amended => format!("/amended_by/{k}/sources"),
                    act => format!("/{}/sources", act.key()),
                };
                p.map_or_else(|| suffix.clone(), |p| p.at(&suffix))
            }
        }
    }
}

/// A cited source: which list it is in, at which index.
struct Citation<'a> {
    file: FileId,
    list: SourcesAt<'a>,
    index: usize,
    source: &'a SourceRef,
}

impl Citation<'_> {
    /// The JSON pointer of the citation.
    fn pointer(&self) -> String {
        format!("{}/{}", self.list.pointer(), self.index)
    }
}

/// Calls `f` with every source citation in an instrument: version listings, section headers,
/// provisions (and the readings of their disputed fields), status entries and terms.
fn for_each_citation<'a>(instrument: &'a Instrument, mut f: impl FnMut(Citation<'a>)) {
    let mut all = |file: FileId, list: SourcesAt<'a>, sources: &'a [SourceRef]| {
        for (index, source) in sources.iter().enumerate() {
            f(Citation {
                file,
                list,
                index,
                source,
            });
        }
    };
    if let Some(info) = &instrument.info {
        for (i, version) in info.versions.iter().enumerate() {
            all(instrument.file, SourcesAt::Version(i), &version.sources);
        }
        for (act, k, event) in numbered_acts(info.acts()) {
            all(
                instrument.file,
                SourcesAt::Act(None, act, k),
                &event.sources,
            );
        }
    }
    for version in &instrument.versions {
        if let Some(file) = version.terms.file {
            for (id, term) in &version.terms.items {
                all(file, SourcesAt::Term(id), &term.sources);
            }
        }
        for section in &version.sections {
            if let Some(header) = &section.header {
                all(section.file, SourcesAt::Section, &header.sources);
            }
            for p in &section.provisions {
                all(p.file, SourcesAt::Provision(p), &p.sources);
                for_each_reading(p, |list, sources| all(p.file, list, sources));
                for (k, status) in p.status.iter().enumerate() {
                    all(p.file, SourcesAt::Status(p, k), &status.sources);
                }
                for (act, k, event) in numbered_acts(p.acts()) {
                    all(p.file, SourcesAt::Act(Some(p), act, k), &event.sources);
                }
            }
        }
    }
}

/// Acts with the index of each amendment in `amended_by` (0 for the others).
fn numbered_acts(
    acts: Vec<(Act, String, &crate::model::LifecycleEvent)>,
) -> impl Iterator<Item = (Act, usize, &crate::model::LifecycleEvent)> {
    let mut amended = 0;
    acts.into_iter().map(move |(act, _, event)| {
        let k = if act == Act::Amended {
            amended += 1;
            amended - 1
        } else {
            0
        };
        (act, k, event)
    })
}

/// Calls `f` with the sources of each reading of each disputed field of a provision.
fn for_each_reading<'a>(
    p: &'a Located<Provision>,
    mut f: impl FnMut(SourcesAt<'a>, &'a [SourceRef]),
) {
    for field in p.disputable_fields() {
        for (j, reading) in field.readings().into_iter().enumerate() {
            f(SourcesAt::Reading(p, field.path(), j), reading.sources);
        }
    }
}
