//! The view vocabulary every compiled view shares: the instrument and version a view is about,
//! actors as parties, cited sources, readings of a disputed field and implementation
//! evidence, with the helpers that word due rules and parameter values.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::{
    Actor, Date, Due, Instrument, Located, Provision, Registry, SourceRef, State, StatusEntry,
    Version,
};

/// The instrument a view is about.
#[derive(Clone, Debug, Serialize)]
pub struct InstrumentView {
    /// Its id (folder name).
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its short title, or the title.
    pub short_title: String,
    /// Official identifiers by scheme.
    pub identifiers: BTreeMap<String, String>,
}

/// The version a view is about.
#[derive(Clone, Debug, Serialize)]
pub struct VersionView {
    /// Its id.
    pub id: String,
    /// Its title, if any.
    pub title: Option<String>,
    /// Its date.
    pub date: String,
    /// `primary` or `reported`.
    pub basis: &'static str,
    /// What a reader must know about how far the encoding follows the text, shown beside the
    /// basis.
    pub caveat: Option<String>,
}

/// The section a provision sits in, with what of its header is inferred.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SectionView {
    /// Its number, such as `2`.
    pub number: String,
    /// Its heading, if any.
    pub heading: Option<String>,
    /// The header's fields inferred rather than attested: `section` (the number), `heading`.
    pub inferred: Vec<String>,
    /// In words: "4 Protection Against Criminal Actors (heading inferred)".
    pub text: String,
}

/// The section of `version` that holds `p` (the one read from the same file), if its header
/// converted.
pub fn section_of(version: &Version, p: &Located<Provision>) -> Option<SectionView> {
    let header = version
        .sections
        .iter()
        .find(|s| s.file == p.file)?
        .header
        .as_ref()?;
    let mut words = vec![header.section.clone()];
    words.extend(header.heading.clone());
    let inferred: Vec<&str> = header
        .inferred
        .iter()
        .map(|f| if f == "section" { "number" } else { f.as_str() })
        .collect();
    if !inferred.is_empty() {
        words.push(format!("({} inferred)", inferred.join(" and ")));
    }
    let text = words.join(" ");
    Some(SectionView {
        number: header.section.clone(),
        heading: header.heading.clone(),
        inferred: header.inferred.clone(),
        text,
    })
}

/// An actor by id and name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Party {
    /// Id in `actors.yaml`.
    pub id: String,
    /// Full name.
    pub name: String,
    /// Short name, or the full name.
    pub short: String,
}

/// One reading of a disputed field.
#[derive(Clone, Debug, Serialize)]
pub struct DisputedReading {
    /// The value in words.
    pub value: String,
    /// `high`, `medium` or `low`.
    pub confidence: &'static str,
    /// The sources.
    pub sources: Vec<SourceView>,
    /// Why.
    pub notes: Option<String>,
}

/// A cited source.
#[derive(Clone, Debug, Serialize)]
pub struct SourceView {
    /// Id in `instrument.yaml`.
    pub id: String,
    /// Title.
    pub title: String,
    /// URL, if known.
    pub url: Option<String>,
    /// Site, when no URL is known.
    pub site: Option<String>,
    /// Where in the source.
    pub at: Option<String>,
}

/// A piece of implementation evidence, such as the one an item's standing rests on.
#[derive(Clone, Debug, Serialize)]
pub struct Evidence {
    /// The date the evidence speaks for.
    pub as_of: String,
    /// `unknown`, `not-started`, `in-progress` or `done`.
    pub state: State,
    /// When the provision was completed.
    pub done_on: Option<String>,
    /// Whether checked against the primary record (`false`: claimed or reported).
    pub verified: bool,
    /// The evidence in words.
    pub summary: Option<String>,
    /// Sources.
    pub sources: Vec<SourceView>,
    /// When the entry was recorded on an ancestor that covers its sub-items: that ancestor's
    /// number; null for the provision's own evidence.
    pub covered_by: Option<String>,
}

impl Evidence {
    /// A status entry of a provision of `instrument` as evidence.
    pub fn of(instrument: &Instrument, s: &StatusEntry) -> Evidence {
        Evidence {
            as_of: s.as_of.to_string(),
            state: s.state,
            done_on: s.done_on.as_ref().map(ToString::to_string),
            verified: s.verified,
            summary: s.summary.clone(),
            sources: sources(instrument, &s.sources),
            covered_by: s.covered_by.clone(),
        }
    }
}

/// The instrument and version as views.
pub fn views(instrument: &Instrument, version: &Version) -> (InstrumentView, VersionView) {
    let info = instrument.info.as_ref();
    let version_info = instrument.version_info(&version.id).map(|(_, v)| v);
    (
        InstrumentView {
            id: instrument.id.clone(),
            title: info.map_or_else(|| instrument.id.clone(), |i| i.title.clone()),
            short_title: info
                .and_then(|i| i.short_title.clone().or_else(|| Some(i.title.clone())))
                .unwrap_or_else(|| instrument.id.clone()),
            identifiers: info.map(|i| i.identifiers.clone()).unwrap_or_default(),
        },
        VersionView {
            id: version.id.clone(),
            title: version_info.and_then(|v| v.title.clone()),
            date: version_info.map(|v| v.date.to_string()).unwrap_or_default(),
            // An unlisted version counts as primary.
            basis: version_info.map_or("primary", |v| v.basis.as_str()),
            caveat: version_info.and_then(|v| v.caveat.clone()),
        },
    )
}

/// An actor by id as a [`Party`]; an unknown id stands for itself.
pub fn party(registry: &Registry<Actor>, id: &str) -> Party {
    match registry.items.get(id) {
        Some(actor) => Party {
            id: id.to_owned(),
            name: actor.name.clone(),
            short: actor.short.clone().unwrap_or_else(|| actor.name.clone()),
        },
        None => Party {
            id: id.to_owned(),
            name: id.to_owned(),
            short: id.to_owned(),
        },
    }
}

/// A due rule in words: "30 days after the order date", "2 months after `survey` is
/// completed".
pub fn due_words(due: &Due, anchors: &BTreeMap<String, Option<Date>>) -> String {
    match due {
        Due::Ongoing => "ongoing".to_owned(),
        Due::Unknown => "unknown".to_owned(),
        Due::On(date) => format!("on {date}"),
        Due::Within { period, of } if anchors.contains_key(of) => {
            format!("{period} after the {}", crate::model::anchor_name(of))
        }
        Due::Within { period, of } => format!("{period} after `{of}` is completed"),
        Due::None => "none".to_owned(),
        Due::Recurring(r) => {
            let until = r
                .until
                .as_ref()
                .map_or_else(String::new, |until| format!(" until {until}"));
            format!(
                "{}, then {}{until}",
                due_words(&r.first, anchors),
                r.every.every_words()
            )
        }
    }
}

/// The anchors of a version, from `instrument.yaml`.
pub fn anchors(instrument: &Instrument, version: &Version) -> BTreeMap<String, Option<Date>> {
    instrument
        .version_info(&version.id)
        .map(|(_, info)| info.anchors.clone())
        .unwrap_or_default()
}

/// A parameter value in words: strings as written, lists joined.
pub fn value_words(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Array(items) => {
            items.iter().map(value_words).collect::<Vec<_>>().join(", ")
        }
        other => other.to_string(),
    }
}

/// The cited sources with their titles and addresses.
pub fn sources(instrument: &Instrument, cited: &[SourceRef]) -> Vec<SourceView> {
    cited
        .iter()
        .map(|s| {
            let known = instrument
                .info
                .as_ref()
                .and_then(|i| i.sources.get(&s.source));
            SourceView {
                id: s.source.clone(),
                title: known.map_or_else(|| s.source.clone(), |k| k.title.clone()),
                url: known.and_then(|k| k.url.clone()),
                site: known.and_then(|k| k.site.clone()),
                at: s.at.clone(),
            }
        })
        .collect()
}
