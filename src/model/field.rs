//! The fields of a provision, in one table: each field's name (as the diff and the JSON output
//! call it), whether a change to it is material or editorial, whether sources may dispute it,
//! and how it is worded; and the disputable fields of a provision, borrowed one by one.
//!
//! Adding a field to [`Provision`] is a compile error here (in [`Provision::disputable_fields`])
//! and in the diff's equality shortcut until the field is classified in [`Field`]; a test
//! checks that the table names every field of the type.

use super::{Actors, Binding, Confidence, Disputable, Disputed, Due, Modality, Presence};
use super::{Provision, Reading, SmallMap, SourceRef};
use crate::text::pointer;

/// What a change to a field means.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Class {
    /// Who must do what, how binding, by when and with which parameters: a change matters.
    Material,
    /// Numbering, wording, sources and notes: a change is editorial.
    Editorial,
    /// Not compared as a field: the identity that matches provisions across versions, the
    /// provenance each change carries, and the implementation record.
    NotCompared,
}

/// The table: variant, name, class, disputable, label.
macro_rules! fields {
    ($(
        $(#[$doc:meta])*
        $variant:ident => $name:literal, $class:ident, $disputable:literal, $label:literal;
    )*) => {
        /// A field of a [`Provision`], in the order the diff compares them.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Field {
            $($(#[$doc])* $variant,)*
        }

        impl Field {
            /// Every field, in table order.
            pub const ALL: &[Field] = &[$(Field::$variant),*];

            /// The name, as the spec, the diff and the JSON output write it.
            pub fn name(self) -> &'static str {
                match self { $(Field::$variant => $name),* }
            }

            /// Whether a change to the field is material, editorial or not compared.
            pub fn class(self) -> Class {
                match self { $(Field::$variant => Class::$class),* }
            }

            /// Whether sources may dispute the field (`{ disputed: [...] }`).
            pub fn disputable(self) -> bool {
                match self { $(Field::$variant => $disputable),* }
            }

            /// What the field is called in words, such as "lead" for `actor`.
            pub fn label(self) -> &'static str {
                match self { $(Field::$variant => $label),* }
            }
        }
    };
}

fields! {
    /// What the provision does.
    Kind => "kind", Material, false, "kind";
    /// How it speaks.
    Modality => "modality", Material, true, "modality";
    /// How binding it is.
    Binding => "binding", Material, true, "binding";
    /// The lead actor or joint leads.
    Actor => "actor", Material, true, "lead";
    /// Which component acts for an actor.
    ActingThrough => "acting_through", Material, true, "acts through";
    /// Actors consulted.
    Consults => "consults", Material, true, "consultation";
    /// Actors coordinated with.
    CoordinatesWith => "coordinates_with", Material, true, "coordination";
    /// Actors that receive the deliverable.
    ReportsTo => "reports_to", Material, true, "reports to";
    /// Whether the duty falls on each lead separately.
    Each => "each", Material, false, "each lead separately";
    /// The provision whose completion makes the duty binding.
    Through => "through", Material, false, "binds only once";
    /// A condition on the duty, in words.
    Condition => "condition", Material, false, "condition";
    /// When.
    Due => "due", Material, true, "deadline";
    /// Quantities; each parameter is a field of its own (see [`FieldPath::Parameter`]).
    Parameters => "parameters", Material, true, "parameters";
    /// Whether the provision was in the version at all.
    Presence => "presence", Material, true, "presence";
    /// Display number.
    Ref => "ref", Editorial, false, "number";
    /// The provision this one sits under.
    Parent => "parent", Editorial, false, "placed under";
    /// Short title.
    Heading => "heading", Editorial, false, "heading";
    /// What is to be done, in the spec author's words.
    Action => "action", Editorial, false, "summary";
    /// The verbatim text.
    Text => "text", Editorial, false, "official text";
    /// Defined terms relied on.
    Terms => "terms", Editorial, false, "defined terms used";
    /// Cross-references.
    RefersTo => "refers_to", Editorial, false, "cross-references";
    /// Sources.
    Sources => "sources", Editorial, false, "sources";
    /// Free notes.
    Notes => "notes", Editorial, false, "notes";
    /// Stable identity across versions: what matches provisions, not a field that changes.
    Id => "id", NotCompared, false, "id";
    /// How sure the encoding is: part of each change's provenance.
    Confidence => "confidence", NotCompared, false, "confidence";
    /// Fields inferred rather than attested: part of each change's provenance.
    Inferred => "inferred", NotCompared, false, "inferred";
    /// Implementation evidence: the checklist's concern, not the instrument's text.
    Status => "status", NotCompared, false, "status";
    /// Warnings accepted: the checks' concern.
    Acknowledge => "acknowledge", NotCompared, false, "acknowledge";
    /// A later act that revoked the provision: the checklist's concern, not the version's text.
    RevokedBy => "revoked_by", NotCompared, false, "revoked by";
    /// A later act that superseded the provision: as `revoked_by`.
    SupersededBy => "superseded_by", NotCompared, false, "superseded by";
    /// Later acts that amended the provision: as `revoked_by`.
    AmendedBy => "amended_by", NotCompared, false, "amended by";
}

/// A field, or one parameter of a provision (each parameter is compared and cited on its own).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FieldPath<'a> {
    /// A field such as `binding`.
    Field(Field),
    /// The parameter of this name.
    Parameter(&'a str),
}

impl FieldPath<'_> {
    /// The name: the field's, or `parameters.<name>`.
    pub fn name(self) -> String {
        match self {
            FieldPath::Field(field) => field.name().to_owned(),
            FieldPath::Parameter(name) => format!("parameters.{name}"),
        }
    }

    /// What it is called in words: the field's label, or the parameter's name with spaces.
    pub fn label(self) -> String {
        match self {
            FieldPath::Field(field) => field.label().to_owned(),
            FieldPath::Parameter(name) => name.replace(['_', '-'], " "),
        }
    }

    /// The JSON pointer suffix from the provision to the field.
    pub fn suffix(self) -> String {
        match self {
            FieldPath::Field(field) => format!("/{}", field.name()),
            FieldPath::Parameter(name) => pointer(["parameters", name]),
        }
    }

    /// The class of a change to it (a parameter's is its field's).
    pub fn class(self) -> Class {
        match self {
            FieldPath::Field(field) => field.class(),
            FieldPath::Parameter(_) => Field::Parameters.class(),
        }
    }

    /// Whether a change to it is material.
    pub fn material(self) -> bool {
        self.class() == Class::Material
    }

    /// Whether it holds the encoding's own words or annotations (its summary, sources, notes
    /// and the defined terms it relies on) rather than what the instrument says.
    pub fn of_the_encoding(self) -> bool {
        matches!(
            self,
            FieldPath::Field(Field::Action | Field::Sources | Field::Notes | Field::Terms)
        )
    }
}

/// A disputable field of a provision, with its value.
#[derive(Clone, Copy, Debug)]
pub enum DisputableField<'a> {
    /// `modality`.
    Modality(&'a Disputable<Modality>),
    /// `binding`.
    Binding(&'a Disputable<Binding>),
    /// `actor`.
    Actor(&'a Disputable<Actors>),
    /// `acting_through`.
    ActingThrough(&'a Disputable<SmallMap<String>>),
    /// `consults`.
    Consults(&'a Disputable<Vec<String>>),
    /// `coordinates_with`.
    CoordinatesWith(&'a Disputable<Vec<String>>),
    /// `reports_to`.
    ReportsTo(&'a Disputable<Vec<String>>),
    /// `due`.
    Due(&'a Disputable<Due>),
    /// One parameter.
    Parameter(&'a str, &'a Disputable<serde_json::Value>),
    /// `presence`, which is only ever written when disputed.
    Presence(&'a Disputed<Presence>),
}

/// What every reading of a dispute has, whatever its value's type.
#[derive(Clone, Copy, Debug)]
pub struct ReadingInfo<'a> {
    /// How likely the reading is.
    pub confidence: Confidence,
    /// The sources that support it.
    pub sources: &'a [SourceRef],
    /// Why.
    pub notes: Option<&'a String>,
}

impl<'a> ReadingInfo<'a> {
    fn of<T>(reading: &'a Reading<T>) -> Self {
        ReadingInfo {
            confidence: reading.confidence,
            sources: &reading.sources,
            notes: reading.notes.as_ref(),
        }
    }
}

impl<'a> DisputableField<'a> {
    /// Which field it is.
    pub fn path(self) -> FieldPath<'a> {
        FieldPath::Field(match self {
            DisputableField::Modality(_) => Field::Modality,
            DisputableField::Binding(_) => Field::Binding,
            DisputableField::Actor(_) => Field::Actor,
            DisputableField::ActingThrough(_) => Field::ActingThrough,
            DisputableField::Consults(_) => Field::Consults,
            DisputableField::CoordinatesWith(_) => Field::CoordinatesWith,
            DisputableField::ReportsTo(_) => Field::ReportsTo,
            DisputableField::Due(_) => Field::Due,
            DisputableField::Parameter(name, _) => return FieldPath::Parameter(name),
            DisputableField::Presence(_) => Field::Presence,
        })
    }

    /// The readings, if disputed (none if settled), without their values.
    pub fn readings(self) -> Vec<ReadingInfo<'a>> {
        fn all<T>(readings: &[Reading<T>]) -> Vec<ReadingInfo<'_>> {
            readings.iter().map(ReadingInfo::of).collect()
        }
        match self {
            DisputableField::Modality(d) => all(d.readings()),
            DisputableField::Binding(d) => all(d.readings()),
            DisputableField::Actor(d) => all(d.readings()),
            DisputableField::ActingThrough(d) => all(d.readings()),
            DisputableField::Consults(d)
            | DisputableField::CoordinatesWith(d)
            | DisputableField::ReportsTo(d) => all(d.readings()),
            DisputableField::Due(d) => all(d.readings()),
            DisputableField::Parameter(_, d) => all(d.readings()),
            DisputableField::Presence(d) => all(&d.disputed),
        }
    }
}

impl Provision {
    /// The disputable fields the provision has, in table order.
    pub fn disputable_fields(&self) -> Vec<DisputableField<'_>> {
        // Every field, so that a new one is a compile error until it is classified in `Field`.
        let Provision {
            id: _,
            reference: _,
            parent: _,
            heading: _,
            kind: _,
            modality,
            binding,
            actor,
            acting_through,
            consults,
            coordinates_with,
            reports_to,
            each: _,
            through: _,
            condition: _,
            refers_to: _,
            action: _,
            due,
            parameters,
            terms: _,
            sources: _,
            confidence: _,
            inferred: _,
            presence,
            text: _,
            notes: _,
            status: _,
            acknowledge: _,
            revoked_by: _,
            superseded_by: _,
            amended_by: _,
        } = self;
        let mut out = vec![DisputableField::Modality(modality)];
        out.extend(binding.as_ref().map(DisputableField::Binding));
        out.extend(actor.as_ref().map(DisputableField::Actor));
        out.extend(acting_through.as_ref().map(DisputableField::ActingThrough));
        out.extend(consults.as_ref().map(DisputableField::Consults));
        out.extend(
            coordinates_with
                .as_ref()
                .map(DisputableField::CoordinatesWith),
        );
        out.extend(reports_to.as_ref().map(DisputableField::ReportsTo));
        out.extend(due.as_ref().map(DisputableField::Due));
        out.extend(
            parameters
                .iter()
                .map(|(name, value)| DisputableField::Parameter(name, value)),
        );
        out.extend(presence.as_ref().map(DisputableField::Presence));
        out
    }
}

/// An `acting_through` entry in words: "`actor` through `component`", each as the caller names
/// it.
pub fn through(actor: &str, component: &str) -> String {
    format!("{actor} through {component}")
}

/// The actor and the component of an entry worded by [`through`] (the component is empty if
/// there is none).
pub fn split_through(entry: &str) -> (&str, &str) {
    entry.split_once(" through ").unwrap_or((entry, ""))
}

/// A deadline anchor in words: "order-date" → "order date".
pub fn anchor_name(anchor: &str) -> String {
    anchor.replace('-', " ")
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::{Class, Field, Provision};

    /// The names of every field of `Provision`, written beside an exhaustive pattern so that a
    /// new field fails to compile here, and then this test until the table has it.
    fn provision_fields(p: &Provision) -> BTreeSet<&'static str> {
        let Provision {
            id: _,
            reference: _,
            parent: _,
            heading: _,
            kind: _,
            modality: _,
            binding: _,
            actor: _,
            acting_through: _,
            consults: _,
            coordinates_with: _,
            reports_to: _,
            each: _,
            through: _,
            condition: _,
            refers_to: _,
            action: _,
            due: _,
            parameters: _,
            terms: _,
            sources: _,
            confidence: _,
            inferred: _,
            presence: _,
            text: _,
            notes: _,
            status: _,
            acknowledge: _,
            revoked_by: _,
            superseded_by: _,
            amended_by: _,
        } = p;
        [
            "id",
            "ref",
            "parent",
            "heading",
            "kind",
            "modality",
            "binding",
            "actor",
            "acting_through",
            "consults",
            "coordinates_with",
            "reports_to",
            "each",
            "through",
            "condition",
            "refers_to",
            "action",
            "due",
            "parameters",
            "terms",
            "sources",
            "confidence",
            "inferred",
            "presence",
            "text",
            "notes",
            "status",
            "acknowledge",
            "revoked_by",
            "superseded_by",
            "amended_by",
        ]
        .into()
    }

    #[test]
    fn the_table_names_every_field_once() {
        let p: Provision = serde_json::from_value(serde_json::json!({
            "id": "a", "ref": "1", "kind": "policy", "modality": "declaratory",
            "action": "states a policy", "confidence": "high",
        }))
        .unwrap();
        let table: BTreeSet<&str> = Field::ALL.iter().map(|f| f.name()).collect();
        assert_eq!(table.len(), Field::ALL.len(), "no name twice");
        assert_eq!(table, provision_fields(&p));
    }

    /// Every disputable field is compared, and material.
    #[test]
    fn disputable_fields_are_material() {
        for field in Field::ALL {
            if field.disputable() {
                assert_eq!(field.class(), Class::Material, "{field:?}");
            }
        }
    }
}
