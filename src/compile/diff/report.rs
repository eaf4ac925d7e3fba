//! The diff as it is serialized: the two sides, the counts, and each changed provision and
//! defined term with its fields, redlines and provenance.

use serde::Serialize;

use super::matching::Matching;
use crate::compile::views::{DisputedReading, InstrumentView, SourceView, VersionView};

/// The diff between two versions.
#[derive(Clone, Debug, Serialize)]
pub struct Diff {
    /// The old side.
    pub from: Side,
    /// The new side.
    pub to: Side,
    /// Counts.
    pub summary: DiffSummary,
    /// The report in a few lines, for reading first.
    pub memo: Memo,
    /// Changed provisions: material changes first (the most certain first), then editorial.
    pub changes: Vec<Change>,
    /// Changed defined terms and the provisions that rely on them.
    pub terms: Vec<TermChange>,
    /// How exhaustively provisions were matched, with a note for each bounded stage.
    pub matching: Matching,
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
    /// Material changes the data knows of: reported differences and disputed ones (the sum of
    /// `reported_differences` and `disputed`).
    pub material: usize,
    /// Changes of class `reported-difference`.
    pub reported_differences: usize,
    /// Changes of class `disputed`.
    pub disputed: usize,
    /// Changes of class `not-reported`.
    pub not_reported: usize,
    /// Changes of class `editorial`.
    pub editorial: usize,
    /// Changed defined terms.
    pub terms: usize,
}

/// The report in a few lines: each material change with its confidence and evidence, in the
/// order of `changes`, then what the reporting did not cover.
#[derive(Clone, Debug, Serialize)]
pub struct Memo {
    /// Whether either version is known only from reporting, so that its differences are the
    /// reported ones.
    pub reported: bool,
    /// What the redlines compare: the encoding's summaries or the instrument's own wording.
    pub compares: Compared,
    /// One point per material change, in the order of `changes`.
    pub points: Vec<MemoPoint>,
    /// What the reporting did not cover, in one sentence; null when nothing is missing.
    pub not_covered: Option<String>,
    /// How many provisions differ only editorially, in one sentence; null when none do.
    pub editorial: Option<String>,
}

/// What a diff's redlines compare.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Compared {
    /// No provision of either version carries its official wording (`text`): the redlines
    /// compare the encoding's own summaries (`action`).
    Summaries,
    /// Every provision of both versions carries its official wording.
    Text,
    /// Some provisions carry their official wording and some do not.
    Mixed,
}

/// One material change in a line.
#[derive(Clone, Debug, Serialize)]
pub struct MemoPoint {
    /// The change's provision id (as in [`Change::id`]).
    pub id: String,
    /// The provision's number and heading.
    pub title: String,
    /// What changed, in words: its most significant field, and which others changed too.
    pub what: String,
    /// The less certain side's confidence: `high`, `medium`, `low` (`none` if unknown).
    pub confidence: String,
    /// The evidence: each side's basis, confidence and number of sources, and the disputed
    /// readings.
    pub why: String,
}

/// What the diff knows of a change, from most to least significant.
///
/// A field that both sides settle and that differs is a reported difference; one that a side
/// disputes, with a reading that differs from the other side, is disputed; one that a version
/// known only from reporting is silent on (absent, `unknown` or inferred) is not reported: the
/// reporting did not say, which is not a change. A change's class is that of its most
/// significant field; a provision missing from a reported version is not reported, and one
/// missing from a primary version is a reported difference (added or removed).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ChangeClass {
    /// Both sides settle it, and they differ.
    ReportedDifference,
    /// A side disputes it, and a reading differs from the other side.
    Disputed,
    /// A side known only from reporting does not report it.
    NotReported,
    /// Wording, numbering, sources and notes.
    Editorial,
}

impl ChangeClass {
    /// Whether the change is material: a reported difference or a disputed one.
    pub fn material(self) -> bool {
        matches!(
            self,
            ChangeClass::ReportedDifference | ChangeClass::Disputed
        )
    }
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
    /// What the diff knows of the change: its most significant field's class, or for an added or
    /// removed provision `reported-difference` (`not-reported` if the version it is missing
    /// from is known only from reporting).
    pub class: ChangeClass,
    /// Whether the change is material: its class is `reported-difference` or `disputed`.
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
    /// For a provision in one version only (added, removed, not reported in the other or not
    /// carried into it): the provision whole, as that version gives it; null for a provision
    /// in both.
    pub whole: Option<Whole>,
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

/// A provision in one version only, whole.
#[derive(Clone, Debug, Serialize)]
pub struct Whole {
    /// `old` or `new`: the version the provision is in.
    pub side: &'static str,
    /// How a redline marks it: `insert` for a provision added to the new version, `delete` for
    /// one removed from the old, each as a reported difference; null where the diff knows only
    /// that the other version does not report it or did not carry it (one low-confidence
    /// report), which is not known to be an insertion or a deletion.
    pub mark: Option<SegmentOp>,
    /// Its action: the encoding's summary of what it does.
    pub action: String,
    /// Its official text, where the version has it.
    pub text: Option<String>,
}

/// One changed field.
#[derive(Clone, Debug, Serialize)]
#[allow(
    clippy::struct_excessive_bools,
    reason = "each flag is a key of the JSON contract, read by consumers on its own"
)]
pub struct FieldChange {
    /// The field, such as `binding` or `parameters.access_window`.
    pub field: String,
    /// The field in words, such as "lead" for `actor` or "access window".
    pub label: String,
    /// What the diff knows of the field: `reported-difference`, `disputed`, `not-reported` or
    /// `editorial`.
    pub class: ChangeClass,
    /// The old value in words (null if absent).
    pub old: Option<String>,
    /// The new value in words (null if absent).
    pub new: Option<String>,
    /// Whether the change is material: its class is `reported-difference` or `disputed`.
    pub material: bool,
    /// Whether the field holds the encoding's own words or annotations (its summary, sources,
    /// notes, defined terms used) rather than what the instrument says: a change to it revises
    /// the encoding, not the instrument.
    pub encoding: bool,
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
    pub op: SegmentOp,
    /// The text.
    pub text: String,
}

/// What a piece of a redline is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SegmentOp {
    /// In both texts.
    Equal,
    /// Only in the old text.
    Delete,
    /// Only in the new text.
    Insert,
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
    /// The old provision's inferred fields, in the fields' words.
    pub old_inferred: Vec<String>,
    /// The new provision's inferred fields, in the fields' words.
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
    /// What the diff knows of the change, by the rules of [`Change::class`].
    pub class: ChangeClass,
    /// Whether the term itself or how it is defined changed (not only the wording of its
    /// meaning), as a reported difference.
    pub material: bool,
    /// The change in plain words.
    pub description: String,
    /// The changed fields.
    pub fields: Vec<FieldChange>,
    /// The term's meaning in the old version (null if the old version lacks the term).
    pub old_meaning: Option<String>,
    /// The term's meaning in the new version (null if the new version lacks the term).
    pub new_meaning: Option<String>,
    /// A word-level redline from the old meaning to the new one, if both versions have the
    /// term and its meaning changed; empty otherwise.
    pub meaning_redline: Vec<Segment>,
    /// The provisions, in either version, that rely on the term.
    pub touches: Vec<String>,
}
