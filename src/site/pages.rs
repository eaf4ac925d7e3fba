//! The views of the site's own pages (the index, an instrument's page, a provision's page),
//! and what the site computes for them: the actors a version involves, where a provision
//! appears across versions, and the diffs that touch a version.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::layout::{self, Link};
use crate::compile::checklist::{self, Item, Summary};
use crate::compile::deadline;
use crate::compile::diff::Diff;
use crate::compile::views::{self, Evidence, InstrumentView, SourceView, VersionView};
use crate::model::{Instrument, Located, Provision, Spec, Version};

/// An instrument on the index.
#[derive(Clone, Debug, Serialize)]
pub(super) struct Card {
    pub(super) instrument: InstrumentView,
    pub(super) kind: &'static str,
    pub(super) summary: Option<String>,
    pub(super) notes: Option<String>,
    pub(super) href: String,
    /// The instrument's folder, relative to the site's root, ending in `/`. The links below
    /// are relative to it.
    pub(super) dir: String,
    pub(super) versions: Vec<VersionLinks>,
    pub(super) diffs: Vec<DiffLink>,
    /// The version actors' checklists link to.
    pub(super) main_version: Option<String>,
    pub(super) actors: Vec<ActorLink>,
    pub(super) sources: Vec<SourceView>,
    /// What revoked, superseded or amended the instrument, and what it did to others.
    pub(super) lineage: Vec<super::lineage::LineageEntry>,
}

/// A version on its instrument's page, with its counts and pages.
#[derive(Clone, Debug, Serialize)]
pub(super) struct VersionLinks {
    pub(super) version: VersionView,
    pub(super) summary: Option<String>,
    pub(super) notes: Option<String>,
    pub(super) checklist: String,
    pub(super) timeline: String,
    /// Its contents page: every provision and actor.
    pub(super) contents: String,
    pub(super) counts: Summary,
}

/// The diff between two consecutive versions, with its counts.
#[derive(Clone, Debug, Serialize)]
pub(super) struct DiffLink {
    pub(super) from: String,
    pub(super) to: String,
    pub(super) href: String,
    pub(super) material: usize,
    pub(super) editorial: usize,
    /// Each change's number on the diff's page (its anchor `change-N`), by the provision's id
    /// in the old version and in the new one, for provision pages to link to their change.
    #[serde(skip)]
    pub(super) changes: [HashMap<String, usize>; 2],
}

/// The number of each change of `diff` on its page (the HTML report numbers the changes from 1
/// in the diff's order), by the provision's id in the old version and in the new one.
pub(super) fn change_numbers(diff: &Diff) -> [HashMap<String, usize>; 2] {
    let mut numbers = [HashMap::new(), HashMap::new()];
    for (i, change) in diff.changes.iter().enumerate() {
        for (side, id) in [&change.old_id, &change.new_id].into_iter().enumerate() {
            if let Some(id) = id {
                numbers[side].entry(id.clone()).or_insert(i + 1);
            }
        }
    }
    numbers
}

/// An actor's checklist, with how many items it holds.
#[derive(Clone, Debug, Serialize)]
pub(super) struct ActorLink {
    pub(super) id: String,
    pub(super) name: String,
    pub(super) short: String,
    pub(super) href: String,
    pub(super) items: usize,
}

/// A provision's own page.
#[derive(Clone, Debug, Serialize)]
pub(super) struct ProvisionPage {
    instrument: InstrumentView,
    version: VersionView,
    as_of: String,
    item: Item,
    text: Option<String>,
    history: Vec<Evidence>,
    appearances: Vec<Link>,
    /// How many versions the provision is in that `appearances` leaves out.
    appearances_left_out: usize,
    terms: Vec<TermView>,
    diffs: Vec<Link>,
    /// The provision it sits in, if the version has it.
    parent: Option<Link>,
    /// The provisions that sit in it, in document order.
    children: Vec<Link>,
    /// Its cross-references, each linked to the referenced provision's page when the spec has
    /// it.
    references: Vec<ReferenceLink>,
}

/// A cross-reference on a provision's page.
#[derive(Clone, Debug, Serialize)]
struct ReferenceLink {
    /// The referenced provision's page, when the spec has it; null otherwise.
    href: Option<String>,
    /// The reference in words.
    text: String,
    /// The spec author's note.
    note: Option<String>,
}

/// A defined term a provision relies on.
#[derive(Clone, Debug, Serialize)]
struct TermView {
    term: String,
    meaning: String,
    defined: String,
}

/// The index.
#[derive(Clone, Debug, Serialize)]
pub(super) struct IndexView {
    pub(super) as_of: String,
    pub(super) instruments: Vec<Card>,
}

/// Every actor the version names anywhere (see [`checklist::named_actors`]), and the parents
/// of those, in id order: each gets a page.
pub(super) fn involved_actors(spec: &Spec, version: &Version) -> Vec<String> {
    let mut ids = checklist::named_actors(spec, version);
    // Parents too: a department's page gathers its components' items.
    let mut parents: Vec<String> = ids
        .iter()
        .filter_map(|id| spec.actors.items.get(id).and_then(|a| a.parent.clone()))
        .filter(|id| spec.actors.items.contains_key(id))
        .collect();
    ids.append(&mut parents);
    ids.sort();
    ids.dedup();
    ids
}

/// Where each provision appears, by id: one entry per version it is in, in version order,
/// with the version's index and a link from another provision's page.
pub(super) type Appearances<'a> = HashMap<&'a str, Vec<(usize, Link)>>;

/// Where each of an instrument's provisions appears, version by version.
pub(super) fn appearances(instrument: &Instrument) -> Appearances<'_> {
    let mut appearances: Appearances<'_> = HashMap::new();
    for (at, v) in instrument.versions.iter().enumerate() {
        for q in v.provisions() {
            let seen = appearances.entry(q.id.as_str()).or_default();
            if seen.last().is_none_or(|(last, _)| *last != at) {
                seen.push((
                    at,
                    Link::new(
                        layout::provision_href_from_provision(&v.id, &q.id),
                        format!("{} ({})", v.id, q.reference),
                    ),
                ));
            }
        }
    }
    appearances
}

/// What a provision's page is about, besides its version: the spec, the instrument, the
/// date statuses are as of, and the diffs between the instrument's versions.
pub(super) struct Context<'a> {
    pub(super) spec: &'a Spec,
    pub(super) instrument: &'a Instrument,
    pub(super) as_of: NaiveDate,
    pub(super) diffs: &'a [DiffLink],
}

/// The page of provision `p` of `version` (the `at`th), with its deadline and the versions
/// it appears in (`seen`, from [`appearances`]).
pub(super) fn provision_page(
    cx: &Context<'_>,
    version: &Version,
    p: &Located<Provision>,
    (deadline, index): (&deadline::Deadline, &checklist::ProvisionIndex<'_>),
    (at, seen): (usize, &[(usize, Link)]),
    family: &Family<'_>,
) -> ProvisionPage {
    let Context {
        spec,
        instrument,
        as_of,
        diffs,
    } = *cx;
    let item = checklist::provision_item(spec, instrument, version, (p, deadline), index, as_of);
    let (instrument_view, version_view) = views::views(instrument, version);
    let (appearances, appearances_left_out) = nearby(seen, at);
    let terms = p
        .terms
        .iter()
        .filter_map(|t| version.terms.items.get(t))
        .map(|t| TermView {
            term: t.term.clone(),
            meaning: t.meaning.clone(),
            defined: t.defined.as_str().to_owned(),
        })
        .collect();
    let diff_links = diffs
        .iter()
        .filter(|d| d.from == version.id || d.to == version.id)
        .map(|d| {
            // The provision's own change, or, if it has none, its row side by side.
            let side = usize::from(d.to == version.id);
            match d.changes[side].get(&p.id) {
                Some(n) => Link::new(
                    layout::diff_href_from_provision(&d.from, &d.to, &format!("change-{n}")),
                    format!("changes from {} to {} (change {n})", d.from, d.to),
                ),
                None => Link::new(
                    layout::diff_href_from_provision(
                        &d.from,
                        &d.to,
                        &format!("{}-{}", ["from", "to"][side], p.id),
                    ),
                    format!("no change from {} to {}", d.from, d.to),
                ),
            }
        })
        .collect();
    let parent = p
        .parent
        .as_deref()
        .and_then(|id| family.by_id.get(id))
        .map(|q| beside(q));
    let children = family
        .children
        .get(p.id.as_str())
        .map_or(&[][..], Vec::as_slice)
        .iter()
        .map(|q| beside(q))
        .collect();
    let references = item
        .refers_to
        .iter()
        .map(|r| ReferenceLink {
            href: match (&r.version, &r.id, &r.instrument) {
                (Some(v), Some(id), None) => Some(layout::provision_href_from_provision(v, id)),
                (Some(v), Some(id), Some(other)) => {
                    Some(layout::provision_href_other_instrument(other, v, id))
                }
                _ => None,
            },
            text: r.text.clone(),
            note: r.note.clone(),
        })
        .collect();
    ProvisionPage {
        references,
        instrument: instrument_view,
        version: version_view,
        as_of: as_of.to_string(),
        item,
        text: p.text.clone(),
        history: checklist::history(instrument, p),
        appearances,
        appearances_left_out,
        terms,
        diffs: diff_links,
        parent,
        children,
    }
}

/// A version's provisions by id, and the provisions under each, in document order.
pub(super) struct Family<'a> {
    by_id: HashMap<&'a str, &'a Located<Provision>>,
    children: HashMap<&'a str, Vec<&'a Located<Provision>>>,
}

/// The provisions of `version` by id, and under each its sub-items.
pub(super) fn family(version: &Version) -> Family<'_> {
    let mut family = Family {
        by_id: HashMap::new(),
        children: HashMap::new(),
    };
    for q in version.provisions() {
        family.by_id.entry(q.id.as_str()).or_insert(q);
        if let Some(parent) = q.parent.as_deref().filter(|parent| *parent != q.id) {
            family.children.entry(parent).or_default().push(q);
        }
    }
    family
}

/// A link to provision `q` from another provision's page of its version, reading its number
/// and heading.
fn beside(q: &Located<Provision>) -> Link {
    Link::new(
        layout::provision_href_beside(&q.id),
        match &q.heading {
            Some(h) => format!("{} {h}", q.reference),
            None => q.reference.clone(),
        },
    )
}

/// A provision page lists the versions a provision appears in only up to this many; past it,
/// the first, the latest and the nearest few, so that a page's size does not grow with the
/// number of versions (nor the site's with their square).
const APPEARANCES_LISTED: usize = 10;

/// The appearances to list on the page of the one in version `at`, and how many are left out.
fn nearby(seen: &[(usize, Link)], at: usize) -> (Vec<Link>, usize) {
    if seen.len() <= APPEARANCES_LISTED {
        return (seen.iter().map(|(_, link)| link.clone()).collect(), 0);
    }
    let here = seen.partition_point(|(version, _)| *version < at);
    let window = here.saturating_sub(3)..(here + 4).min(seen.len());
    let mut keep: Vec<usize> = std::iter::once(0)
        .chain(window)
        .chain(std::iter::once(seen.len() - 1))
        .collect();
    keep.dedup();
    let links = keep.iter().map(|&i| seen[i].1.clone()).collect::<Vec<_>>();
    let left_out = seen.len() - links.len();
    (links, left_out)
}

/// An instrument's kind, in words.
pub(super) fn kind_word(kind: crate::model::InstrumentKind) -> &'static str {
    use crate::model::InstrumentKind as K;
    match kind {
        K::ExecutiveOrder => "executive order",
        K::Memorandum => "memorandum",
        K::Proclamation => "proclamation",
        K::Statute => "statute",
        K::Regulation => "regulation",
        K::Directive => "directive",
        K::Guidance => "guidance",
        K::Treaty => "treaty",
        K::Other => "instrument",
    }
}
