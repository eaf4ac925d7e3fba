//! An instrument's identity, versions and sources, from `instrument.yaml`.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::Confidence;
use super::provision::words;
use super::{Date, LifecycleEvent, SourceRef};

/// The contents of `instrument.yaml`.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct InstrumentInfo {
    /// Official title.
    pub title: String,
    /// Short title.
    #[serde(default)]
    pub short_title: Option<String>,
    /// Kind of instrument.
    pub kind: InstrumentKind,
    /// Where it applies.
    #[serde(default)]
    pub jurisdiction: Option<String>,
    /// Official identifiers by scheme.
    #[serde(default)]
    pub identifiers: BTreeMap<String, String>,
    /// What it does.
    #[serde(default)]
    pub summary: Option<String>,
    /// How deadlines are counted.
    #[serde(default)]
    pub calendar: CalendarSettings,
    /// Versions, oldest first.
    pub versions: Vec<VersionInfo>,
    /// Sources by id.
    pub sources: BTreeMap<String, Source>,
    /// Free notes.
    #[serde(default)]
    pub notes: Option<String>,
    /// The act that revoked the instrument, if one did.
    #[serde(default)]
    pub revoked_by: Option<LifecycleEvent>,
    /// The act that superseded it, if one did.
    #[serde(default)]
    pub superseded_by: Option<LifecycleEvent>,
    /// The acts that amended it, oldest first.
    #[serde(default)]
    pub amended_by: Vec<LifecycleEvent>,
}

impl InstrumentInfo {
    /// Its revocation, supersession and amendments, each with its pointer in the file.
    pub fn acts(&self) -> Vec<(super::Act, String, &LifecycleEvent)> {
        super::acts(
            self.revoked_by.as_ref(),
            self.superseded_by.as_ref(),
            &self.amended_by,
        )
    }
}

/// Kind of instrument.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[expect(missing_docs, reason = "the names say it")]
pub enum InstrumentKind {
    ExecutiveOrder,
    Memorandum,
    Proclamation,
    Statute,
    Regulation,
    Directive,
    Guidance,
    Treaty,
    Other,
}

/// How an instrument's deadlines are counted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
pub struct CalendarSettings {
    /// Whether a deadline on a weekend or holiday moves.
    #[serde(default)]
    pub roll: Roll,
    /// Which holidays are not business days.
    #[serde(default)]
    pub holidays: HolidaySet,
}

/// Whether a deadline on a weekend or holiday moves.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Roll {
    /// It stays where the arithmetic puts it.
    #[default]
    None,
    /// It moves to the next business day.
    NextBusinessDay,
}

/// Which holidays are not business days.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum HolidaySet {
    /// US federal holidays (5 U.S.C. 6103) on their observed days.
    #[default]
    UsFederal,
    /// Weekends only.
    None,
}

/// One version as listed in `instrument.yaml`.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct VersionInfo {
    /// Id, also the folder name.
    pub id: String,
    /// Title of this version.
    #[serde(default)]
    pub title: Option<String>,
    /// Date of this version of the text.
    pub date: Date,
    /// Whether encoded from the official text or from reporting.
    pub basis: Basis,
    /// What a reader must know about how far the encoding follows the text, shown beside the
    /// basis (such as that a primary text was not consulted).
    #[serde(default)]
    pub caveat: Option<String>,
    /// Named dates that deadlines count from; `None` when the event has not happened.
    #[serde(default)]
    pub anchors: BTreeMap<String, Option<Date>>,
    /// What this version is.
    #[serde(default)]
    pub summary: Option<String>,
    /// Sources.
    #[serde(default)]
    pub sources: Vec<SourceRef>,
    /// How sure the encoding is.
    #[serde(default)]
    pub confidence: Option<Confidence>,
    /// Free notes.
    #[serde(default)]
    pub notes: Option<String>,
}

/// Whether a version rests on the official text or on reporting.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Basis {
    /// Encoded from the official text.
    Primary,
    /// Known only from reporting about the text.
    Reported,
}

/// A source that provisions cite.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Source {
    /// Title.
    pub title: String,
    /// Kind of source.
    pub kind: SourceKind,
    /// Publisher.
    #[serde(default)]
    pub publisher: Option<String>,
    /// URL.
    #[serde(default)]
    pub url: Option<String>,
    /// Site, when no URL is known.
    #[serde(default)]
    pub site: Option<String>,
    /// Publication date.
    #[serde(default)]
    pub date: Option<Date>,
    /// Whether the source is known to be wrong on substance.
    #[serde(default)]
    pub reliability: Option<Reliability>,
    /// Free notes.
    #[serde(default)]
    pub notes: Option<String>,
}

/// Kind of source.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[expect(missing_docs, reason = "the names say it")]
pub enum SourceKind {
    Primary,
    Official,
    Dataset,
    Analysis,
    News,
    Other,
}

/// Whether a source can be relied on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[expect(missing_docs, reason = "the names say it")]
pub enum Reliability {
    Reliable,
    Unreliable,
}

words!(InstrumentKind {
    ExecutiveOrder => "executive-order", Memorandum => "memorandum",
    Proclamation => "proclamation", Statute => "statute", Regulation => "regulation",
    Directive => "directive", Guidance => "guidance", Treaty => "treaty", Other => "other",
});
words!(Basis { Primary => "primary", Reported => "reported" });
words!(SourceKind {
    Primary => "primary", Official => "official", Dataset => "dataset", Analysis => "analysis",
    News => "news", Other => "other",
});
