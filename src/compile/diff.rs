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

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rayon::prelude::*;
use serde::Serialize;
use serde_json::{Value, json};
use similar::{ChangeTag, TextDiff};

mod split;
use split::splits_and_merges;
pub use split::{Work as SplitWork, detection_work as split_detection_work};

use super::checklist::{
    DisputedReading, InstrumentView, SourceView, VersionView, due_words, party, sources,
    value_words,
};
use crate::model::{
    Actor, Basis, Disputable, Due, Instrument, Located, Period, Provision, Reading, Registry,
    SourceRef, Term, Version,
};

/// The diff between two versions.
#[derive(Clone, Debug, Serialize)]
pub struct Diff {
    /// The old side.
    pub from: Side,
    /// The new side.
    pub to: Side,
    /// Counts.
    pub summary: DiffSummary,
    /// Changed provisions: material changes first (the most certain first), then editorial.
    pub changes: Vec<Change>,
    /// Changed defined terms and the provisions that rely on them.
    pub terms: Vec<TermChange>,
}

/// One side of a diff.
#[derive(Clone, Debug, Serialize)]
pub struct Side {
    /// What to call this side: the version id, or `old <id>` and `new <id>` when both sides
    /// have the same version id (two copies of an instrument).
    pub label: String,
    /// The instrument.
    pub instrument: InstrumentView,
    /// The version.
    pub version: VersionView,
}

/// Counts of a diff.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct DiffSummary {
    /// Provisions only in the new version.
    pub added: usize,
    /// Provisions only in the old version.
    pub removed: usize,
    /// Provisions in both whose content changed.
    pub changed: usize,
    /// Provisions whose id changed.
    pub renamed: usize,
    /// Provisions whose section or number changed.
    pub moved: usize,
    /// Old provisions split into several new ones.
    pub split: usize,
    /// New provisions merged from several old ones.
    pub merged: usize,
    /// Changes with at least one material field.
    pub material: usize,
    /// Changes with editorial fields only.
    pub editorial: usize,
    /// Changed defined terms.
    pub terms: usize,
}

/// What happened to a provision.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ChangeKind {
    /// Only in the new version.
    Added,
    /// Only in the old version.
    Removed,
    /// In both, same id, content changed.
    Changed,
    /// In both under different ids.
    Renamed,
    /// In both, same id, in another section or under another number.
    Moved,
}

/// A changed provision.
#[derive(Clone, Debug, Serialize)]
pub struct Change {
    /// The provision's id in the new version, or in the old one if removed.
    pub id: String,
    /// `added`, `removed`, `changed`, `renamed` or `moved`.
    pub kind: ChangeKind,
    /// Whether any material field changed (always for added and removed provisions).
    pub material: bool,
    /// The change in plain words.
    pub description: String,
    /// Id in the old version.
    pub old_id: Option<String>,
    /// Id in the new version.
    pub new_id: Option<String>,
    /// Number in the old version.
    pub old_ref: Option<String>,
    /// Number in the new version.
    pub new_ref: Option<String>,
    /// Heading (new, else old).
    pub heading: Option<String>,
    /// The changed fields, material first.
    pub fields: Vec<FieldChange>,
    /// Word-level redlines of the action, heading and text.
    pub redline: Vec<Redline>,
    /// Where each side comes from and how sure it is.
    pub provenance: Provenance,
    /// For a removed provision split up: the new provisions it went into.
    pub split_into: Vec<String>,
    /// For an added provision from a split: the old provision.
    pub split_from: Option<String>,
    /// For an added provision that merges old ones: those old provisions.
    pub merged_from: Vec<String>,
    /// For a removed provision merged into a new one: that provision.
    pub merged_into: Option<String>,
}

/// One changed field.
#[derive(Clone, Debug, Serialize)]
pub struct FieldChange {
    /// The field, such as `binding` or `parameters.access_window`.
    pub field: String,
    /// The old value in words (null if absent).
    pub old: Option<String>,
    /// The new value in words (null if absent).
    pub new: Option<String>,
    /// Whether the change is material.
    pub material: bool,
    /// The change in plain words.
    pub description: String,
    /// Whether either side is disputed.
    pub disputed: bool,
    /// Whether the field is absent on a side known only from reporting, i.e. not reported.
    pub not_reported: bool,
    /// The old side's readings, if disputed.
    pub old_readings: Vec<DisputedReading>,
    /// The new side's readings, if disputed.
    pub new_readings: Vec<DisputedReading>,
}

/// A word-level redline of a text field.
#[derive(Clone, Debug, Serialize)]
pub struct Redline {
    /// `action`, `heading` or `text`.
    pub field: String,
    /// The text in pieces: `equal`, `delete` or `insert`.
    pub segments: Vec<Segment>,
}

/// A piece of a redline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Segment {
    /// `equal`, `delete` or `insert`.
    pub op: &'static str,
    /// The text.
    pub text: String,
}

/// Where each side of a change comes from.
#[derive(Clone, Debug, Serialize)]
pub struct Provenance {
    /// The old version's basis.
    pub old_basis: &'static str,
    /// The new version's basis.
    pub new_basis: &'static str,
    /// The old provision's confidence.
    pub old_confidence: Option<&'static str>,
    /// The new provision's confidence.
    pub new_confidence: Option<&'static str>,
    /// The old provision's inferred fields.
    pub old_inferred: Vec<String>,
    /// The new provision's inferred fields.
    pub new_inferred: Vec<String>,
    /// The old provision's sources.
    pub old_sources: Vec<SourceView>,
    /// The new provision's sources.
    pub new_sources: Vec<SourceView>,
}

/// A changed defined term.
#[derive(Clone, Debug, Serialize)]
pub struct TermChange {
    /// The term's id.
    pub id: String,
    /// `added`, `removed` or `changed`.
    pub kind: ChangeKind,
    /// Whether the term itself or how it is defined changed (not only the wording of its
    /// meaning).
    pub material: bool,
    /// The change in plain words.
    pub description: String,
    /// The changed fields.
    pub fields: Vec<FieldChange>,
    /// The provisions, in either version, that rely on the term.
    pub touches: Vec<String>,
}

/// A field's value, for comparing and for showing.
#[derive(Clone, Debug)]
struct FieldValue {
    /// What equality compares.
    key: Value,
    /// The value in words.
    text: String,
    /// The readings, if disputed.
    readings: Vec<DisputedReading>,
}

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
        let checklist_view = super::checklist::views(self.instrument, self.version);
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
    let (old_label, new_label) = if old_side.version.id == new_side.version.id {
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
            let rank = rank_of(&fields, op, np);
            Some((rank, n, compare.change(kind, Some(op), Some(np), fields)))
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
        changes.push((Rank::removed(op), usize::MAX - 1, change));
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
        changes.push((Rank::added(np), n, change));
    }
    // Material first, most certain first; then editorial; each in document order.
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
        if change.material {
            summary.material += 1;
        } else {
            summary.editorial += 1;
        }
    }
    let (mut from, mut to) = (old_side.side(), new_side.side());
    from.label.clone_from(&compare.old_label);
    to.label.clone_from(&compare.new_label);
    Diff {
        from,
        to,
        summary,
        changes,
        terms,
    }
}

/// How a change sorts: material before editorial; within material, changes to fields both
/// sides settle, then disputed ones, then fields one side does not report, then removed and
/// added provisions; then by confidence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Rank {
    editorial: bool,
    class: u8,
    confidence: u8,
}

impl Rank {
    fn removed(p: &Provision) -> Self {
        Rank {
            editorial: false,
            class: 3,
            confidence: confidence_rank(p),
        }
    }

    fn added(p: &Provision) -> Self {
        Rank {
            editorial: false,
            class: 4,
            confidence: confidence_rank(p),
        }
    }
}

fn confidence_rank(p: &Provision) -> u8 {
    match p.confidence.as_str() {
        "high" => 0,
        "medium" => 1,
        _ => 2,
    }
}

fn rank_of(fields: &[FieldChange], old: &Provision, new: &Provision) -> Rank {
    let material: Vec<&FieldChange> = fields.iter().filter(|f| f.material).collect();
    let class = material
        .iter()
        .map(|f| {
            if f.not_reported {
                2
            } else {
                u8::from(f.disputed)
            }
        })
        .min()
        .unwrap_or(0);
    Rank {
        editorial: material.is_empty(),
        class,
        confidence: confidence_rank(old).max(confidence_rank(new)),
    }
}

/// "2(d) AI cybersecurity clearinghouse": number and heading.
fn title_of(p: &Provision) -> String {
    match &p.heading {
        Some(heading) => format!("{} {heading}", p.reference),
        None => p.reference.clone(),
    }
}

fn ticked(ids: &[String]) -> String {
    crate::text::list_ticked(ids, "and")
}

/// The matching of two versions' provisions, by index.
struct Pairs {
    matched: Vec<(usize, usize)>,
    removed: Vec<usize>,
    added: Vec<usize>,
    splits: Splits,
}

/// Lowercase words of three letters or more.
fn words(text: &str) -> BTreeSet<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 3)
        .map(str::to_lowercase)
        .collect()
}

/// The lowest similarity at which two provisions with different ids count as one renamed.
const RENAME_THRESHOLD: f64 = 0.6;

/// Words used by more provisions than this are too common to propose rename candidates.
const COMMON_WORD: usize = 200;

/// The most rename candidates scored for one removed provision: those that share the most
/// uncommon words with it.
const RENAME_CANDIDATES: usize = 50;

fn match_provisions(old: &SideCtx<'_>, new: &SideCtx<'_>) -> Pairs {
    let new_index: HashMap<&str, usize> = new
        .provisions
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.as_str(), i))
        .collect();
    let mut matched = Vec::new();
    let mut old_left = Vec::new();
    let mut new_taken = vec![false; new.provisions.len()];
    for (o, p) in old.provisions.iter().enumerate() {
        match new_index.get(p.id.as_str()) {
            Some(&n) if !new_taken[n] => {
                new_taken[n] = true;
                matched.push((o, n));
            }
            _ => old_left.push(o),
        }
    }
    // Splits and merges first: an old provision whose words spread over several new ones is
    // not a rename of the one that kept most of them.
    let new_unmatched: Vec<usize> = (0..new.provisions.len())
        .filter(|&n| !new_taken[n])
        .collect();
    let splits = splits_and_merges(old, new, &old_left, &new_unmatched);
    let old_left: Vec<usize> = old_left
        .into_iter()
        .filter(|o| !splits.split_into.contains_key(o) && !splits.merged_into.contains_key(o))
        .collect();
    for n in splits.split_from.keys().chain(splits.merged_from.keys()) {
        new_taken[*n] = true;
    }
    let new_left: Vec<usize> = (0..new.provisions.len())
        .filter(|&n| !new_taken[n])
        .collect();

    // Rename candidates: pairs that share uncommon words of their actions.
    let text = |side: &SideCtx<'_>, list: &[usize]| -> Vec<Vec<String>> {
        list.iter()
            .map(|&i| words(&side.provisions[i].action).into_iter().collect())
            .collect()
    };
    let (old_words, new_words, ranks) = split::bags(&text(old, &old_left), &text(new, &new_left));
    let mut postings: Vec<Vec<usize>> = vec![Vec::new(); ranks];
    for (j, ws) in new_words.iter().enumerate() {
        for &w in ws {
            postings[w as usize].push(j);
        }
    }
    let mut scored: Vec<(f64, usize, usize)> = Vec::new();
    // Uncommon words shared with each new provision, for the old one at hand.
    let mut counts: Vec<usize> = vec![0; new_left.len()];
    for (k, &o) in old_left.iter().enumerate() {
        let op = old.provisions[o];
        let ow = &old_words[k];
        let mut touched: Vec<usize> = Vec::new();
        for &w in ow {
            let list = &postings[w as usize];
            if list.len() <= COMMON_WORD {
                for &j in list {
                    if counts[j] == 0 {
                        touched.push(j);
                    }
                    counts[j] += 1;
                }
            }
        }
        // Only the candidates that share the most uncommon words are scored, so that the
        // work per provision stays bounded however many share a few.
        let mut best: Vec<(usize, usize)> = touched
            .into_iter()
            .map(|j| (j, std::mem::take(&mut counts[j])))
            .collect();
        best.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        best.truncate(RENAME_CANDIDATES);
        let mut candidates: Vec<usize> = best.into_iter().map(|(j, _)| j).collect();
        candidates.sort_unstable();
        // Identical or empty actions share no uncommon word by this route; compare in full.
        if candidates.is_empty() && new_left.len() <= COMMON_WORD {
            candidates = (0..new_left.len()).collect();
        }
        for j in candidates {
            let np = new.provisions[new_left[j]];
            let mut score = 0.7 * split::dice(ow, &new_words[j]);
            if op.kind == np.kind {
                score += 0.1;
            }
            if op.reference == np.reference {
                score += 0.1;
            }
            if leads_key(op) == leads_key(np) {
                score += 0.1;
            }
            if score >= RENAME_THRESHOLD {
                scored.push((score, o, new_left[j]));
            }
        }
    }
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut old_done = BTreeSet::new();
    for (_, o, n) in scored {
        if !old_done.contains(&o) && !new_taken[n] {
            old_done.insert(o);
            new_taken[n] = true;
            matched.push((o, n));
        }
    }
    matched.sort_by_key(|&(_, n)| n);
    let mut removed: Vec<usize> = old_left
        .into_iter()
        .filter(|o| !old_done.contains(o))
        .collect();
    removed.extend(splits.split_into.keys().chain(splits.merged_into.keys()));
    removed.sort_unstable();
    let mut added: Vec<usize> = (0..new.provisions.len())
        .filter(|&n| !new_taken[n])
        .collect();
    added.extend(splits.split_from.keys().chain(splits.merged_from.keys()));
    added.sort_unstable();
    Pairs {
        matched,
        removed,
        added,
        splits,
    }
}

fn leads_key(p: &Provision) -> Value {
    p.actor
        .as_ref()
        .map_or(Value::Null, |a| disputable_key(a, |a| json!(a.ids())))
}

struct Splits {
    split_into: BTreeMap<usize, Vec<usize>>,
    split_from: BTreeMap<usize, usize>,
    merged_from: BTreeMap<usize, Vec<usize>>,
    merged_into: BTreeMap<usize, usize>,
}

fn disputable_key<T>(d: &Disputable<T>, key: impl Fn(&T) -> Value) -> Value {
    match d {
        Disputable::Settled(v) => key(v),
        Disputable::Disputed(d) => {
            json!({ "disputed": d.disputed.iter().map(|r| key(&r.reading)).collect::<Vec<_>>() })
        }
    }
}

struct Compare<'a> {
    actors: &'a Registry<Actor>,
    old_label: String,
    new_label: String,
    old: &'a SideCtx<'a>,
    new: &'a SideCtx<'a>,
    renamed: &'a HashMap<&'a str, &'a str>,
}

impl Compare<'_> {
    fn readings<T>(
        side: &SideCtx<'_>,
        readings: &[Reading<T>],
        words: &dyn Fn(&T) -> String,
    ) -> Vec<DisputedReading> {
        readings
            .iter()
            .map(|r| DisputedReading {
                value: words(&r.reading),
                confidence: r.confidence.as_str(),
                sources: sources(side.instrument, &r.sources),
                notes: r.notes.clone(),
            })
            .collect()
    }

    fn disputable<T>(
        side: &SideCtx<'_>,
        d: Option<&Disputable<T>>,
        key: &dyn Fn(&T) -> Value,
        words: &dyn Fn(&T) -> String,
    ) -> Option<FieldValue> {
        let d = d?;
        Some(match d {
            Disputable::Settled(v) => FieldValue {
                key: key(v),
                text: words(v),
                readings: Vec::new(),
            },
            Disputable::Disputed(inner) => {
                let readings = Self::readings(side, &inner.disputed, words);
                let text = format!(
                    "disputed: {}",
                    readings
                        .iter()
                        .map(|r| format!("{} ({} confidence)", r.value, r.confidence))
                        .collect::<Vec<_>>()
                        .join(" or ")
                );
                FieldValue {
                    key: disputable_key(d, key),
                    text,
                    readings,
                }
            }
        })
    }

    fn plain(text: Option<String>) -> Option<FieldValue> {
        text.map(|t| FieldValue {
            key: Value::String(t.clone()),
            text: t,
            readings: Vec::new(),
        })
    }

    fn names(&self, ids: &[&str]) -> String {
        ids.iter()
            .map(|id| party(self.actors, id).short)
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// An old provision id as the new version calls it.
    fn new_id<'s>(&'s self, id: &'s str) -> &'s str {
        self.renamed.get(id).copied().unwrap_or(id)
    }

    /// Every field of a provision: name, material, value.
    fn values(
        &self,
        side: &SideCtx<'_>,
        p: &Provision,
        is_old: bool,
    ) -> Vec<(String, bool, Option<FieldValue>)> {
        let map_id = |id: &str| -> String {
            if is_old {
                self.new_id(id).to_owned()
            } else {
                id.to_owned()
            }
        };
        let anchors = super::checklist::anchors(side.instrument, side.version);
        let due_key = |d: &Due| match d {
            Due::Within { period, of } => json!({ "within": period.to_string(), "of": map_id(of) }),
            other => json!(due_words(other, &anchors)),
        };
        let due_text = |d: &Due| due_words(d, &anchors);
        let actor_words = |a: &crate::model::Actors| self.names(&a.ids());
        let mut out = vec![
            (
                "kind".to_owned(),
                true,
                Self::plain(Some(p.kind.as_str().to_owned())),
            ),
            (
                "modality".to_owned(),
                true,
                Self::disputable(side, Some(&p.modality), &|m| json!(m.as_str()), &|m| {
                    m.as_str().to_owned()
                }),
            ),
            (
                "binding".to_owned(),
                true,
                Self::disputable(side, p.binding.as_ref(), &|b| json!(b.as_str()), &|b| {
                    b.as_str().to_owned()
                }),
            ),
            (
                "actor".to_owned(),
                true,
                Self::disputable(side, p.actor.as_ref(), &|a| json!(a.ids()), &actor_words),
            ),
            (
                "acting_through".to_owned(),
                true,
                Self::disputable(
                    side,
                    p.acting_through.as_ref(),
                    &|m| {
                        json!(
                            m.iter()
                                .map(|(a, b)| format!("{a} through {b}"))
                                .collect::<Vec<_>>()
                        )
                    },
                    &|m| {
                        m.iter()
                            .map(|(a, b)| {
                                format!(
                                    "{} through {}",
                                    party(self.actors, a).short,
                                    party(self.actors, b).short
                                )
                            })
                            .collect::<Vec<_>>()
                            .join(", ")
                    },
                ),
            ),
            (
                "consults".to_owned(),
                true,
                Self::disputable(side, p.consults.as_ref(), &|c| json!(c), &|c| {
                    self.names(&c.iter().map(String::as_str).collect::<Vec<_>>())
                }),
            ),
            (
                "due".to_owned(),
                true,
                Self::disputable(side, p.due.as_ref(), &due_key, &due_text),
            ),
        ];
        for (name, value) in &p.parameters {
            out.push((
                format!("parameters.{name}"),
                true,
                Self::disputable(side, Some(value), &|v| v.clone(), &value_words),
            ));
        }
        if let Some(presence) = &p.presence {
            let readings =
                Self::readings(side, &presence.disputed, &|r: &crate::model::Presence| {
                    r.as_str().to_owned()
                });
            let text = format!(
                "disputed: {}",
                readings
                    .iter()
                    .map(|r| format!("{} ({} confidence)", r.value, r.confidence))
                    .collect::<Vec<_>>()
                    .join(" or ")
            );
            out.push((
                "presence".to_owned(),
                true,
                Some(FieldValue {
                    key: json!("disputed"),
                    text,
                    readings,
                }),
            ));
        }
        let parent = p.parent.as_deref().map(map_id);
        out.extend([
            (
                "ref".to_owned(),
                false,
                Self::plain(Some(p.reference.clone())),
            ),
            ("parent".to_owned(), false, Self::plain(parent)),
            ("heading".to_owned(), false, Self::plain(p.heading.clone())),
            (
                "action".to_owned(),
                false,
                Self::plain(Some(p.action.clone())),
            ),
            ("text".to_owned(), false, Self::plain(p.text.clone())),
            (
                "terms".to_owned(),
                false,
                (!p.terms.is_empty()).then(|| FieldValue {
                    key: json!(p.terms),
                    text: p.terms.join(", "),
                    readings: Vec::new(),
                }),
            ),
            ("sources".to_owned(), false, source_value(&p.sources)),
            ("notes".to_owned(), false, Self::plain(p.notes.clone())),
        ]);
        out
    }

    /// Whether two provisions agree on every compared field, so that [`Compare::fields`] would
    /// find nothing. A cheap test on the model that spares putting every field of every
    /// unchanged provision into words; it may answer `false` for provisions that differ only in
    /// what the comparison ignores (a reading's sources), and then `fields` decides.
    fn unchanged(&self, old: &Provision, new: &Provision) -> bool {
        // A reference to a renamed provision reads differently across the versions.
        let not_renamed = |id: &str| self.new_id(id) == id;
        let dues_not_renamed = old.due.as_ref().is_none_or(|due| {
            due.values().all(|d| match d {
                Due::Within { of, .. } => not_renamed(of),
                Due::Ongoing | Due::Unknown | Due::On(_) => true,
            })
        });
        old.presence.is_none()
            && new.presence.is_none()
            && old.kind == new.kind
            && old.modality == new.modality
            && old.binding == new.binding
            && old.actor == new.actor
            && old.acting_through == new.acting_through
            && old.consults == new.consults
            && old.due == new.due
            && dues_not_renamed
            && old.parameters == new.parameters
            && old.reference == new.reference
            && old.parent == new.parent
            && old.parent.as_deref().is_none_or(not_renamed)
            && old.heading == new.heading
            && old.action == new.action
            && old.text == new.text
            && old.terms == new.terms
            && old.sources == new.sources
            && old.notes == new.notes
    }

    /// The fields that changed, most significant first.
    fn fields(&self, old: &Provision, new: &Provision) -> Vec<FieldChange> {
        if self.unchanged(old, new) {
            return Vec::new();
        }
        self.compare_fields(old, new)
    }

    /// The fields that changed, found by comparing each field in words.
    fn compare_fields(&self, old: &Provision, new: &Provision) -> Vec<FieldChange> {
        let mut olds = self.values(self.old, old, true);
        let news = self.values(self.new, new, false);
        // A field only one side has.
        for (name, material, _) in &news {
            if !olds.iter().any(|(n, _, _)| n == name) {
                olds.push((name.clone(), *material, None));
            }
        }
        let mut out = Vec::new();
        for (name, material, old_value) in olds {
            let new_value = news
                .iter()
                .find(|(n, _, _)| *n == name)
                .and_then(|(_, _, v)| v.clone());
            // The presence dispute is a finding about the old version even when the new one
            // has no dispute: the provision's being there at all is the change.
            let presence_dispute = name == "presence" && old_value.is_some() != new_value.is_some();
            if old_value.as_ref().map(|v| &v.key) == new_value.as_ref().map(|v| &v.key)
                && !presence_dispute
            {
                continue;
            }
            // On a side known only from reporting, an absent field, or a deadline marked
            // unknown, was not reported.
            let unreported = |value: &Option<FieldValue>, side: &SideCtx<'_>| {
                side.reported()
                    && value
                        .as_ref()
                        .is_none_or(|v| name == "due" && v.key == json!("unknown"))
            };
            let not_reported =
                material && (unreported(&old_value, self.old) || unreported(&new_value, self.new));
            if name == "presence" {
                out.push(self.presence_change(old_value, new_value));
                continue;
            }
            let disputed = old_value.as_ref().is_some_and(|v| !v.readings.is_empty())
                || new_value.as_ref().is_some_and(|v| !v.readings.is_empty());
            let description = self.describe(
                &name,
                old_value.as_ref(),
                new_value.as_ref(),
                old,
                new,
                not_reported,
            );
            out.push(FieldChange {
                field: name,
                old: old_value.as_ref().map(|v| v.text.clone()),
                new: new_value.as_ref().map(|v| v.text.clone()),
                material,
                description,
                disputed,
                not_reported,
                old_readings: old_value.map(|v| v.readings).unwrap_or_default(),
                new_readings: new_value.map(|v| v.readings).unwrap_or_default(),
            });
        }
        out.sort_by_key(|f| (!f.material, f.not_reported, f.disputed));
        out
    }

    fn presence_change(&self, old: Option<FieldValue>, new: Option<FieldValue>) -> FieldChange {
        let (side, value) = match (&old, &new) {
            (Some(v), _) => (&self.old_label, v),
            (None, Some(v)) => (&self.new_label, v),
            (None, None) => (
                &self.old_label,
                &FieldValue {
                    key: Value::Null,
                    text: String::new(),
                    readings: Vec::new(),
                },
            ),
        };
        FieldChange {
            field: "presence".to_owned(),
            old: old.as_ref().map(|v| v.text.clone()),
            new: new.as_ref().map(|v| v.text.clone()),
            material: true,
            description: format!(
                "whether it was in version `{side}` at all is {}",
                value.text
            ),
            disputed: true,
            not_reported: false,
            old_readings: old.map(|v| v.readings).unwrap_or_default(),
            new_readings: new.map(|v| v.readings).unwrap_or_default(),
        }
    }

    fn describe(
        &self,
        field: &str,
        old: Option<&FieldValue>,
        new: Option<&FieldValue>,
        old_p: &Provision,
        new_p: &Provision,
        not_reported: bool,
    ) -> String {
        let label = match field.strip_prefix("parameters.") {
            Some(name) => name.replace(['_', '-'], " "),
            None => match field {
                "actor" => "lead".to_owned(),
                "acting_through" => "acting through".to_owned(),
                "consults" => "consultation".to_owned(),
                "due" => "deadline".to_owned(),
                other => other.to_owned(),
            },
        };
        let (old_name, new_name) = (&self.old_label, &self.new_label);
        match (old, new) {
            (_, Some(n)) if not_reported && self.old.reported() => {
                format!(
                    "{label} not reported in `{old_name}`; `{new_name}` gives {}",
                    n.text
                )
            }
            (Some(o), _) if not_reported && self.new.reported() => {
                format!(
                    "{label} was {} in `{old_name}`; not reported in `{new_name}`",
                    o.text
                )
            }
            (None, Some(n)) => format!("{label} added: {}", n.text),
            (Some(o), None) => format!("{label} removed (was {})", o.text),
            (None, None) => format!("{label} changed"),
            (Some(o), Some(n)) => {
                if !o.readings.is_empty() || !n.readings.is_empty() {
                    return format!("{label} was {}; now {}", o.text, n.text);
                }
                if let Some(words) = period_change(&label, old_p, new_p, field) {
                    return words;
                }
                match field {
                    "action" => "action reworded".to_owned(),
                    "heading" => format!("heading changed from \"{}\" to \"{}\"", o.text, n.text),
                    "text" => "text changed".to_owned(),
                    "ref" => format!("renumbered from {} to {}", o.text, n.text),
                    "notes" => "notes changed".to_owned(),
                    "sources" | "terms" => set_change(&label, &o.key, &n.key, &|id| id.to_owned()),
                    "consults" => {
                        set_change(&label, &o.key, &n.key, &|id| party(self.actors, id).short)
                    }
                    "acting_through" => set_change(&label, &o.key, &n.key, &|pair| {
                        let (a, b) = pair.split_once(" through ").unwrap_or((pair, ""));
                        format!(
                            "{} through {}",
                            party(self.actors, a).short,
                            party(self.actors, b).short
                        )
                    }),
                    _ => format!("{label} changed from {} to {}", o.text, n.text),
                }
            }
        }
    }

    fn change(
        &self,
        kind: ChangeKind,
        old: Option<&Located<Provision>>,
        new: Option<&Located<Provision>>,
        fields: Vec<FieldChange>,
    ) -> Change {
        let either = new.or(old).map(|p| &p.value);
        let heading = either.and_then(|p| p.heading.clone());
        let title = either.map(title_of).unwrap_or_default();
        let old_name = &self.old_label;
        let material = matches!(kind, ChangeKind::Added | ChangeKind::Removed)
            || fields.iter().any(|f| f.material);
        let first = fields
            .iter()
            .find(|f| f.material)
            .or_else(|| fields.first());
        let description = match kind {
            ChangeKind::Added if self.old.reported() => {
                format!(
                    "{title}: not in `{old_name}` as reported (reporting may not have described it)"
                )
            }
            ChangeKind::Added => format!("{title}: added"),
            ChangeKind::Removed => format!("{title}: removed"),
            ChangeKind::Renamed => {
                let old_id = old.map_or("", |p| p.id.as_str());
                let new_id = new.map_or("", |p| p.id.as_str());
                match first {
                    Some(f) => format!(
                        "{title}: renamed from `{old_id}` to `{new_id}`; {}",
                        f.description
                    ),
                    None => format!("{title}: renamed from `{old_id}` to `{new_id}`"),
                }
            }
            ChangeKind::Moved => {
                let from = old.map_or(String::new(), |p| p.reference.clone());
                let to = new.map_or(String::new(), |p| p.reference.clone());
                let place = if from == to {
                    "moved to another section".to_owned()
                } else {
                    format!("moved from {from} to {to}")
                };
                match first.filter(|f| f.field != "ref") {
                    Some(f) => format!("{title}: {place}; {}", f.description),
                    None => format!("{title}: {place}"),
                }
            }
            ChangeKind::Changed => match first {
                Some(f) => format!("{title}: {}", f.description),
                None => format!("{title}: changed"),
            },
        };
        let redline = match (old, new) {
            (Some(o), Some(n)) => [
                ("heading", o.heading.as_deref(), n.heading.as_deref()),
                ("action", Some(o.action.as_str()), Some(n.action.as_str())),
                ("text", o.text.as_deref(), n.text.as_deref()),
            ]
            .into_iter()
            .filter(|(_, a, b)| a != b)
            .map(|(field, a, b)| Redline {
                field: field.to_owned(),
                segments: redline(a.unwrap_or_default(), b.unwrap_or_default()),
            })
            .collect(),
            _ => Vec::new(),
        };
        let basis = |side: &SideCtx<'_>| {
            if side.reported() {
                "reported"
            } else {
                "primary"
            }
        };
        Change {
            id: either.map(|p| p.id.clone()).unwrap_or_default(),
            kind,
            material,
            description,
            old_id: old.map(|p| p.id.clone()),
            new_id: new.map(|p| p.id.clone()),
            old_ref: old.map(|p| p.reference.clone()),
            new_ref: new.map(|p| p.reference.clone()),
            heading,
            fields,
            redline,
            provenance: Provenance {
                old_basis: basis(self.old),
                new_basis: basis(self.new),
                old_confidence: old.map(|p| p.confidence.as_str()),
                new_confidence: new.map(|p| p.confidence.as_str()),
                old_inferred: old.map(|p| p.inferred.clone()).unwrap_or_default(),
                new_inferred: new.map(|p| p.inferred.clone()).unwrap_or_default(),
                old_sources: old
                    .map(|p| sources(self.old.instrument, &p.sources))
                    .unwrap_or_default(),
                new_sources: new
                    .map(|p| sources(self.new.instrument, &p.sources))
                    .unwrap_or_default(),
            },
            split_into: Vec::new(),
            split_from: None,
            merged_from: Vec::new(),
            merged_into: None,
        }
    }
}

fn source_value(sources: &[SourceRef]) -> Option<FieldValue> {
    if sources.is_empty() {
        return None;
    }
    let ids: Vec<&str> = sources.iter().map(|s| s.source.as_str()).collect();
    Some(FieldValue {
        key: json!(ids),
        text: ids.join(", "),
        readings: Vec::new(),
    })
}

/// "added X; removed Y" for fields whose key is a list of ids (or of `a through b` pairs).
fn set_change(label: &str, old: &Value, new: &Value, name: &dyn Fn(&str) -> String) -> String {
    let list = |v: &Value| -> BTreeSet<String> {
        v.as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|x| x.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    };
    let (o, n) = (list(old), list(new));
    let names = |items: Vec<&String>| items.iter().map(|s| name(s)).collect::<Vec<_>>().join(", ");
    let added: Vec<&String> = n.difference(&o).collect();
    let removed: Vec<&String> = o.difference(&n).collect();
    let mut parts = Vec::new();
    if !added.is_empty() {
        parts.push(format!("added {}", names(added)));
    }
    if !removed.is_empty() {
        parts.push(format!("removed {}", names(removed)));
    }
    if parts.is_empty() {
        format!("{label} reordered")
    } else {
        format!("{label}: {}", parts.join("; "))
    }
}

/// "access window shortened from 90 days to 30 days", "deadline moved 30 days later".
fn period_change(label: &str, old: &Provision, new: &Provision, field: &str) -> Option<String> {
    if field == "due" {
        let (
            Some(Disputable::Settled(Due::Within { period: a, of: x })),
            Some(Disputable::Settled(Due::Within { period: b, of: y })),
        ) = (&old.due, &new.due)
        else {
            return None;
        };
        if a.unit != b.unit || x != y {
            return None;
        }
        let delta = b.count - a.count;
        let moved = Period {
            count: delta.abs(),
            unit: a.unit,
        };
        let way = if delta > 0 { "later" } else { "earlier" };
        return Some(format!(
            "deadline moved {moved} {way} ({a} → {b} after the {})",
            x.replace('-', " ")
        ));
    }
    let name = field.strip_prefix("parameters.")?;
    let as_period = |p: &Provision| -> Option<Period> {
        let text = p.parameters.get(name)?.settled()?.as_str()?.to_owned();
        Period::try_from(text).ok()
    };
    let (a, b) = (as_period(old)?, as_period(new)?);
    if a.unit != b.unit {
        return None;
    }
    let way = if b.count < a.count {
        "shortened"
    } else {
        "lengthened"
    };
    Some(format!("{label} {way} from {a} to {b}"))
}

/// The most words two texts may have together for a word-by-word redline. The comparison
/// takes time that grows with the words times the differences, so longer texts (no provision
/// comes near) get a coarse redline instead: shared opening and closing words, and the rest
/// deleted and inserted. A bound on the input, unlike a time limit, gives the same redline on
/// every machine.
const REDLINE_WORDS: usize = 4_000;

/// A word-level redline: runs of equal, deleted and inserted words.
pub fn redline(old: &str, new: &str) -> Vec<Segment> {
    if old.split_whitespace().count() + new.split_whitespace().count() > REDLINE_WORDS {
        return coarse_redline(old, new);
    }
    let diff = TextDiff::configure().diff_words(old, new);
    let mut out: Vec<Segment> = Vec::new();
    for change in diff.iter_all_changes() {
        let op = match change.tag() {
            ChangeTag::Equal => "equal",
            ChangeTag::Delete => "delete",
            ChangeTag::Insert => "insert",
        };
        match out.last_mut() {
            Some(last) if last.op == op => last.text.push_str(change.value()),
            _ => out.push(Segment {
                op,
                text: change.value().to_owned(),
            }),
        }
    }
    out
}

/// The redline of texts too long to compare word by word: the longest shared opening and
/// closing that end at whitespace, and the middles deleted and inserted.
fn coarse_redline(old: &str, new: &str) -> Vec<Segment> {
    // Shared opening: up to just after the last whitespace both share.
    let mut start = 0;
    for ((i, a), b) in old.char_indices().zip(new.chars()) {
        if a != b {
            break;
        }
        if a.is_whitespace() {
            start = i + a.len_utf8();
        }
    }
    if old == new {
        start = old.len();
    }
    // Shared closing, not overlapping the opening: from the first whitespace of the run.
    let mut end = 0;
    for ((i, a), b) in old[start..]
        .char_indices()
        .rev()
        .zip(new[start..].chars().rev())
    {
        if a != b {
            break;
        }
        if a.is_whitespace() {
            end = old.len() - (start + i);
        }
    }
    let pieces = [
        ("equal", &old[..start]),
        ("delete", &old[start..old.len() - end]),
        ("insert", &new[start..new.len() - end]),
        ("equal", &old[old.len() - end..]),
    ];
    pieces
        .into_iter()
        .filter(|(_, text)| !text.is_empty())
        .map(|(op, text)| Segment {
            op,
            text: text.to_owned(),
        })
        .collect()
}

fn term_changes(
    old: &SideCtx<'_>,
    new: &SideCtx<'_>,
    renamed: &HashMap<&str, &str>,
) -> Vec<TermChange> {
    let (ot, nt) = (&old.version.terms.items, &new.version.terms.items);
    let ids: BTreeSet<&String> = ot.keys().chain(nt.keys()).collect();
    let mut out = Vec::new();
    for id in ids {
        let touches: Vec<String> = old
            .provisions
            .iter()
            .chain(new.provisions.iter())
            .filter(|p| p.terms.iter().any(|t| t == id))
            .map(|p| p.id.clone())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        // The old side's `defined_in` is compared as the new version names the provision.
        let values = |t: &Term, old: bool| -> Vec<(&'static str, bool, String)> {
            let defined_in = t.defined_in.as_deref().unwrap_or_default();
            let defined_in = if old {
                renamed.get(defined_in).copied().unwrap_or(defined_in)
            } else {
                defined_in
            };
            vec![
                ("term", true, t.term.clone()),
                ("defined", true, format!("{:?}", t.defined).to_lowercase()),
                ("defined_in", false, defined_in.to_owned()),
                ("meaning", false, t.meaning.clone()),
            ]
        };
        let (kind, fields) = match (ot.get(id), nt.get(id)) {
            (Some(o), Some(n)) => {
                let fields: Vec<FieldChange> = values(o, true)
                    .into_iter()
                    .zip(values(n, false))
                    .filter(|(a, b)| a.2 != b.2)
                    .map(|((field, material, a), (_, _, b))| FieldChange {
                        field: field.to_owned(),
                        description: format!("{} changed", field.replace('_', " ")),
                        old: Some(a),
                        new: Some(b),
                        material,
                        disputed: false,
                        not_reported: false,
                        old_readings: Vec::new(),
                        new_readings: Vec::new(),
                    })
                    .collect();
                if fields.is_empty() {
                    continue;
                }
                (ChangeKind::Changed, fields)
            }
            (None, Some(_)) => (ChangeKind::Added, Vec::new()),
            (Some(_), None) => (ChangeKind::Removed, Vec::new()),
            (None, None) => continue,
        };
        let name = nt
            .get(id)
            .or_else(|| ot.get(id))
            .map_or_else(|| id.clone(), |t| t.term.clone());
        let material = kind != ChangeKind::Changed || fields.iter().any(|f| f.material);
        let what = match kind {
            ChangeKind::Added => "added".to_owned(),
            ChangeKind::Removed => "removed".to_owned(),
            _ => fields
                .iter()
                .map(|f| f.description.clone())
                .collect::<Vec<_>>()
                .join("; "),
        };
        out.push(TermChange {
            id: id.clone(),
            kind,
            material,
            description: format!("\"{name}\": {what}"),
            fields,
            touches,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;
    use std::path::Path;

    use super::{Compare, REDLINE_WORDS, Segment, SideCtx, redline};

    /// The old text (without insertions) and the new one (without deletions) of a redline.
    fn sides(segments: &[Segment]) -> (String, String) {
        let side = |skip: &str| {
            segments
                .iter()
                .filter(|s| s.op != skip)
                .map(|s| s.text.as_str())
                .collect()
        };
        (side("insert"), side("delete"))
    }

    #[test]
    fn redlines_give_back_both_texts() {
        let long = "word ".repeat(REDLINE_WORDS);
        let pairs = [
            ("", ""),
            ("same text", "same text"),
            ("the agency shall report", "the agency may report"),
            ("a b", "a b c"),
            ("α β γ", "α δ γ"),
            (long.as_str(), "word word"),
            ("tail", long.as_str()),
        ];
        for (old, new) in pairs {
            for (a, b) in [(old, new), (new, old)] {
                assert_eq!(
                    sides(&redline(a, b)),
                    (a.to_owned(), b.to_owned()),
                    "{a:.20} / {b:.20}"
                );
            }
        }
    }

    /// Texts too long to compare word by word keep their shared opening and closing words,
    /// and the same redline comes out whatever the machine's speed.
    #[test]
    fn long_texts_get_a_coarse_redline() {
        let body = "clause ".repeat(REDLINE_WORDS);
        let old = format!("The agency shall {body}within 30 days.");
        let new = format!("The agency must {body}within 90 days.");
        let segments = redline(&old, &new);
        let ops: Vec<&str> = segments.iter().map(|s| s.op).collect();
        assert_eq!(ops, ["equal", "delete", "insert", "equal"]);
        assert_eq!(segments[0].text, "The agency ");
        assert_eq!(segments[3].text, " days.");
        assert_eq!(sides(&segments), (old.clone(), new.clone()));
        assert_eq!(
            redline(&old, &old).len(),
            1,
            "equal texts are one equal run"
        );
    }
    use crate::load::Limits;
    use crate::model::{Located, Provision};

    /// The shortcut never hides a change: for each pair of provisions of a version (of the
    /// spec and of the test fixtures), and each field, a provision given the other's value of
    /// that field is `unchanged` only if the field-by-field comparison finds nothing, with and
    /// without the other renamed.
    #[test]
    fn unchanged_never_hides_a_change() {
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        let workspaces: Vec<_> = ["spec", "tests/fixtures/example", "tests/fixtures/deadlines"]
            .iter()
            .map(|root| crate::pipeline::load(&repo.join(root), &Limits::default()))
            .collect();
        let versions = workspaces.iter().flat_map(|w| {
            w.spec
                .instruments
                .iter()
                .flat_map(move |i| i.versions.iter().map(move |v| (&w.spec.actors, i, v)))
        });
        let mutations: &[fn(&mut Provision, &Provision)] = &[
            |p, q| p.kind = q.kind,
            |p, q| p.modality = q.modality.clone(),
            |p, q| p.binding = q.binding.clone(),
            |p, q| p.actor = q.actor.clone(),
            |p, q| p.acting_through = q.acting_through.clone(),
            |p, q| p.consults = q.consults.clone(),
            |p, q| p.due = q.due.clone(),
            |p, q| p.parameters = q.parameters.clone(),
            |p, q| p.presence = q.presence.clone(),
            |p, q| p.reference = q.reference.clone(),
            |p, q| p.parent = q.parent.clone(),
            |p, q| p.heading = q.heading.clone(),
            |p, q| p.action = q.action.clone(),
            |p, q| p.text = q.text.clone(),
            |p, q| p.terms = q.terms.clone(),
            |p, q| p.sources = q.sources.clone(),
            |p, q| p.notes = q.notes.clone(),
        ];
        let mut checked = 0;
        for (actors, instrument, version) in versions {
            let side = SideCtx::new(instrument, version);
            let all: Vec<&Located<Provision>> = version.provisions().collect();
            for p in &all {
                for q in &all {
                    let renamed: HashMap<&str, &str> = [(q.id.as_str(), "renamed")].into();
                    for renames in [HashMap::new(), renamed] {
                        let compare = Compare {
                            actors,
                            old_label: "old".to_owned(),
                            new_label: "new".to_owned(),
                            old: &side,
                            new: &side,
                            renamed: &renames,
                        };
                        for mutate in mutations {
                            let mut changed = p.value.clone();
                            mutate(&mut changed, q);
                            if compare.unchanged(p, &changed) {
                                assert!(
                                    compare.compare_fields(p, &changed).is_empty(),
                                    "`{}` with a field of `{}`",
                                    p.id,
                                    q.id
                                );
                                checked += 1;
                            }
                        }
                    }
                }
            }
        }
        assert!(checked > 0);
    }
}
