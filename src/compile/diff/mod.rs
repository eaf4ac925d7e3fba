//! The diff: what changed between two versions of an instrument, provision by provision, and
//! which changes are material.
//!
//! Provisions match by `id`. Of those left over, a pair whose content is close (the words of
//! the action, the kind, the number, the lead) is a rename; a matched provision whose section or
//! number changed has moved. Removed provisions whose words reappear across several added ones
//! are reported as split, and the reverse as merged. Each field change is classified: changes
//! to who must do what, how binding, by when and with which parameters are material; wording,
//! numbering, sources and notes are editorial. Every change carries its provenance: each
//! version's basis, each side's confidence and inferred fields, and the readings of a disputed
//! value with their sources. In a version known only from reporting, a field that is absent
//! was not reported, which the diff says rather than calling it removed.
//!
//! This module matches and ranks; `report` holds the serializable view, `matching` pairs
//! provisions across versions, `fields` compares their fields, `describe` words the changes,
//! and `redline` and `terms` diff texts and defined terms; `side` lays the two versions side by
//! side for the HTML report.

use std::collections::HashMap;

use rayon::prelude::*;

mod candidates;
mod describe;
mod fields;
mod matching;
mod memo;
mod redline;
mod report;
mod side;
mod split;
mod terms;

pub use matching::{
    Matching, MatchingStage, RenameInput, RenameWork, rename_matching, rename_matching_exhaustive,
};
pub use redline::redline;
pub use report::{
    Change, ChangeClass, ChangeKind, Compared, Diff, DiffSummary, FieldChange, Memo, MemoPoint,
    Provenance, Redline, Segment, SegmentOp, Side, TermChange, Whole,
};
pub use side::{Cell, Row, WithRows, with_rows};
pub use split::{Work as SplitWork, detection_work as split_detection_work};

use crate::model::{Actor, Basis, Confidence, Instrument, Located, Provision, Registry, Version};
use describe::{ticked, title_of};
use fields::Compare;
use matching::{Matching as MatchingView, match_provisions};
use terms::term_changes;

/// Everything needed to read one side.
struct SideCtx<'a> {
    instrument: &'a Instrument,
    version: &'a Version,
    basis: Basis,
    provisions: Vec<&'a Located<Provision>>,
    section_of: HashMap<&'a str, &'a str>,
}

impl<'a> SideCtx<'a> {
    fn new(instrument: &'a Instrument, version: &'a Version) -> Self {
        let basis = instrument
            .version_info(&version.id)
            .map_or(Basis::Primary, |(_, v)| v.basis);
        let mut section_of = HashMap::new();
        for section in &version.sections {
            for p in &section.provisions {
                section_of.insert(p.id.as_str(), section.number().unwrap_or_default());
            }
        }
        SideCtx {
            instrument,
            version,
            basis,
            provisions: version.provisions().collect(),
            section_of,
        }
    }

    fn reported(&self) -> bool {
        self.basis == Basis::Reported
    }

    fn side(&self) -> Side {
        let checklist_view = super::views::views(self.instrument, self.version);
        Side {
            label: self.version.id.clone(),
            instrument: checklist_view.0,
            version: checklist_view.1,
        }
    }
}

/// Compares two versions (of one instrument, or of two copies of it).
pub fn diff(
    actors: &Registry<Actor>,
    old: (&Instrument, &Version),
    new: (&Instrument, &Version),
) -> Diff {
    diff_labelled(actors, old, new, None)
}

/// [`diff()`], calling the two sides `labels` (old, new) instead of by their version ids
/// (`old <id>` and `new <id>` when both have the same id).
pub fn diff_labelled(
    actors: &Registry<Actor>,
    old: (&Instrument, &Version),
    new: (&Instrument, &Version),
    labels: Option<(String, String)>,
) -> Diff {
    let old_side = SideCtx::new(old.0, old.1);
    let new_side = SideCtx::new(new.0, new.1);
    let pairs = match_provisions(&old_side, &new_side);
    // Old id → new id, to compare references (parent, chained deadlines) across renames.
    let renamed: HashMap<&str, &str> = pairs
        .matched
        .iter()
        .map(|&(o, n)| {
            (
                old_side.provisions[o].id.as_str(),
                new_side.provisions[n].id.as_str(),
            )
        })
        .collect();
    let (old_label, new_label) = if let Some(labels) = labels {
        labels
    } else if old_side.version.id == new_side.version.id {
        (
            format!("old {}", old_side.version.id),
            format!("new {}", new_side.version.id),
        )
    } else {
        (old_side.version.id.clone(), new_side.version.id.clone())
    };
    let compare = Compare {
        actors,
        old_label,
        new_label,
        old: &old_side,
        new: &new_side,
        renamed: &renamed,
    };
    // Matched pairs are compared in parallel; `collect` keeps their order.
    let mut changes: Vec<(Rank, usize, Change)> = pairs
        .matched
        .par_iter()
        .filter_map(|&(o, n)| {
            let (op, np) = (old_side.provisions[o], new_side.provisions[n]);
            let fields = compare.fields(op, np);
            let kind = if op.id != np.id {
                ChangeKind::Renamed
            } else if op.reference != np.reference
                || old_side.section_of.get(op.id.as_str())
                    != new_side.section_of.get(np.id.as_str())
            {
                ChangeKind::Moved
            } else if fields.is_empty() {
                return None;
            } else {
                ChangeKind::Changed
            };
            let change = compare.change(kind, Some(op), Some(np), fields);
            Some((Rank::of(&change, Some(op), Some(np)), n, change))
        })
        .collect();
    let splits = &pairs.splits;
    for &o in &pairs.removed {
        let op = old_side.provisions[o];
        let mut change = compare.change(ChangeKind::Removed, Some(op), None, Vec::new());
        if let Some(into) = splits.split_into.get(&o) {
            change.split_into = into
                .iter()
                .map(|&n| new_side.provisions[n].id.clone())
                .collect();
            change.description = format!(
                "{}: split into {}",
                title_of(op),
                ticked(&change.split_into)
            );
        }
        if let Some(&into) = splits.merged_into.get(&o) {
            let id = new_side.provisions[into].id.clone();
            change.description = format!("{}: merged into `{id}`", title_of(op));
            change.merged_into = Some(id);
        }
        changes.push((Rank::of(&change, Some(op), None), usize::MAX - 1, change));
    }
    for &n in &pairs.added {
        let np = new_side.provisions[n];
        let mut change = compare.change(ChangeKind::Added, None, Some(np), Vec::new());
        if let Some(&from) = splits.split_from.get(&n) {
            let id = old_side.provisions[from].id.clone();
            change.description = format!("{}: split from `{id}`", title_of(np));
            change.split_from = Some(id);
        }
        if let Some(from) = splits.merged_from.get(&n) {
            change.merged_from = from
                .iter()
                .map(|&o| old_side.provisions[o].id.clone())
                .collect();
            change.description =
                format!("{}: merges {}", title_of(np), ticked(&change.merged_from));
        }
        changes.push((Rank::of(&change, None, Some(np)), n, change));
    }
    // Material changes first, best sourced first; then not reported and editorial changes;
    // each in document order.
    changes.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
    let changes: Vec<Change> = changes.into_iter().map(|(_, _, c)| c).collect();
    let terms = term_changes(&old_side, &new_side, &renamed);
    let mut summary = DiffSummary {
        split: splits.split_into.len(),
        merged: splits.merged_from.len(),
        terms: terms.len(),
        ..DiffSummary::default()
    };
    for change in &changes {
        match change.kind {
            ChangeKind::Added => summary.added += 1,
            ChangeKind::Removed => summary.removed += 1,
            ChangeKind::Changed => summary.changed += 1,
            ChangeKind::Renamed => summary.renamed += 1,
            ChangeKind::Moved => summary.moved += 1,
        }
        match change.class {
            ChangeClass::ReportedDifference => summary.reported_differences += 1,
            ChangeClass::Disputed => summary.disputed += 1,
            ChangeClass::NotReported => summary.not_reported += 1,
            ChangeClass::Editorial => summary.editorial += 1,
        }
        if change.material {
            summary.material += 1;
        }
    }
    let memo = memo::memo(
        &changes,
        (&compare.old_label, &compare.new_label),
        old_side.reported() || new_side.reported(),
        compared(&old_side, &new_side),
    );
    let (mut from, mut to) = (old_side.side(), new_side.side());
    from.label.clone_from(&compare.old_label);
    to.label.clone_from(&compare.new_label);
    Diff {
        from,
        to,
        summary,
        memo,
        changes,
        terms,
        matching: MatchingView::of(pairs.limits),
    }
}

/// Whether the provisions of two versions carry their official wording.
fn compared(old: &SideCtx<'_>, new: &SideCtx<'_>) -> Compared {
    let all = || old.provisions.iter().chain(&new.provisions);
    if all().all(|p| p.text.is_some()) {
        Compared::Text
    } else if all().any(|p| p.text.is_some()) {
        Compared::Mixed
    } else {
        Compared::Summaries
    }
}

/// How a change sorts: material changes (reported differences and disputed ones) first, the
/// best sourced first (by the less certain side's confidence), reported differences before
/// disputed ones of the same confidence; then not reported and editorial changes. Within each,
/// changes to matched provisions, then removed and added provisions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Rank {
    /// `false` for a material change.
    not_material: bool,
    /// For a material change, the less certain side's confidence (`High` sorts first).
    material_confidence: Option<Confidence>,
    class: ChangeClass,
    /// 0 for a matched provision, 1 removed, 2 added.
    kind: u8,
    /// The less certain side's confidence (`High` sorts first).
    confidence: Confidence,
}

impl Rank {
    fn of(change: &Change, old: Option<&Provision>, new: Option<&Provision>) -> Self {
        let kind = match change.kind {
            ChangeKind::Removed => 1,
            ChangeKind::Added => 2,
            ChangeKind::Changed | ChangeKind::Renamed | ChangeKind::Moved => 0,
        };
        let confidence = |p: Option<&Provision>| p.map_or(Confidence::High, |p| p.confidence);
        let confidence = confidence(old).max(confidence(new));
        Rank {
            not_material: !change.material,
            material_confidence: change.material.then_some(confidence),
            class: change.class,
            kind,
            confidence,
        }
    }
}
