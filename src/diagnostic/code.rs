//! The table of diagnostic codes: name, default severity, a one-line summary and an explanation.
//!
//! Codes are part of the command-line contract: CI jobs filter on them and SARIF rules are keyed
//! by them. Add codes; never rename or reuse one.

use super::Severity;

macro_rules! codes {
    ($($variant:ident = $name:literal, $severity:ident, $summary:literal, $explanation:literal;)*) => {
        /// A stable diagnostic code.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $(
                #[doc = $summary]
                $variant,
            )*
        }

        impl Code {
            /// Every code, in the order of the table.
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            /// The kebab-case name, such as `unknown-actor`.
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $name,)* }
            }

            /// The severity a diagnostic with this code has.
            pub fn default_severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$severity,)* }
            }

            /// One line: what the code means.
            pub fn summary(self) -> &'static str {
                match self { $(Code::$variant => $summary,)* }
            }

            /// Why it matters and how to fix it.
            pub fn explanation(self) -> &'static str {
                match self { $(Code::$variant => $explanation,)* }
            }
        }
    };
}

codes! {
    // Reading and parsing files.
    UnreadableFile = "unreadable-file", Error,
        "a file or folder could not be read",
        "orderly found the entry but could not open or read it; the message gives the reason \
         the system reported, such as a missing permission (`Permission denied`), a symbolic \
         link whose target does not exist, or a file removed while orderly ran. Fix the file \
         system entry or remove it from the spec folder. (A path given on the command line \
         that does not exist is not this diagnostic: orderly stops with exit status 2.)";
    SymlinkLoop = "symlink-loop", Error,
        "a symbolic link leads to itself or to a folder already read",
        "The link leads to itself, back to a folder above it, or to a folder of the spec that is \
         read under its own name already (an alias). Following it would read the same folders \
         forever, or twice under two names. The link is reported and not followed; remove it.";
    InvalidEncoding = "invalid-encoding", Error,
        "a file is not UTF-8 text",
        "Spec files must be UTF-8 (a byte-order mark is allowed). Binary files, UTF-16 and other \
         encodings are refused. Re-save the file as UTF-8.";
    EmptyFile = "empty-file", Error,
        "a file holds no YAML document",
        "Every spec file must hold one mapping. An empty file, or one with only comments, is \
         usually a mistake; delete the file or fill it in.";
    YamlSyntax = "yaml-syntax", Error,
        "a file is not valid YAML",
        "The YAML parser stopped at the position shown. Common causes are tabs used for \
         indentation, an unclosed quote or bracket, and a value indented less than its key.";
    DuplicateKey = "duplicate-key", Error,
        "a mapping has the same key twice",
        "YAML parsers disagree on which of two equal keys wins, and most keep the last one \
         silently. orderly refuses the file instead; remove or rename one of the keys.";
    MultipleDocuments = "multiple-documents", Error,
        "a file holds more than one YAML document",
        "Each spec file holds exactly one document. Split the documents (separated by `---`) \
         into files of their own.";
    UnsupportedYaml = "unsupported-yaml", Error,
        "a file uses a YAML feature that spec files do not allow",
        "Spec files are plain data: mappings with string keys, sequences and scalars. Tags such \
         as `!!python/object`, complex keys and non-finite numbers are refused.";
    LimitExceeded = "limit-exceeded", Error,
        "a file exceeds one of orderly's resource limits",
        "Limits on file size, number of files, nesting depth, alias expansion (100,000 nodes \
         and 16 MiB of text copied by aliases per file), string length and folders below a \
         version folder protect CI from hostile or broken input. The message names the limit; \
         split the file or simplify the structure.";
    UnexpectedFile = "unexpected-file", Error,
        "a YAML file sits where the spec layout has no place for it",
        "A spec folder holds `actors.yaml`, then one folder per instrument with an \
         `instrument.yaml` and one folder per version of section files (and an optional \
         `terms.yaml`). Move the file to its place or out of the spec folder.";
    MissingFile = "missing-file", Error,
        "a file the spec layout requires is missing",
        "A spec folder needs `actors.yaml`; an instrument folder needs `instrument.yaml`. Create \
         the file.";
    SpecialFile = "special-file", Error,
        "a spec entry with a YAML name is a FIFO, socket or device, not a regular file",
        "orderly reads only regular files. A named pipe, a socket or a device (or a symbolic \
         link to one, such as `/dev/stdin`) could block a run forever or feed it endless input, \
         so it is reported and never opened. Replace it with a regular file or remove it.";
    LinkOutsideSpec = "link-outside-spec", Error,
        "a symbolic link leads outside the spec folder",
        "orderly follows symbolic links only while they stay inside the spec folder, so that \
         a spec cannot make it read, quote or publish files from elsewhere on the machine. The \
         link is reported and not followed, and its target is not named. Copy the file into \
         the spec folder, or make the link point inside it.";
    DuplicateFile = "duplicate-file", Error,
        "two files in one folder differ only in their extension, such as `terms.yaml` and `terms.yml`",
        "Two files whose names differ only in the extension (such as `terms.yaml` and \
         `terms.yml`) would define the same things twice, and one would silently win. The \
         second in name order is reported and not read. Merge them into one file.";
    InvalidInstrumentId = "invalid-instrument-id", Error,
        "an instrument folder's name is not a valid id",
        "An instrument's id is its folder's name, and it becomes part of file names, links and \
         calendar entries. Like every id it must be lowercase letters and digits joined by \
         single hyphens, such as `city-ordinance-12`. Rename the folder.";

    // JSON Schema.
    MissingField = "missing-field", Error,
        "a required field is missing",
        "The schema for this kind of file requires the field. Add it; `orderly schema KIND` \
         prints the schema.";
    UnknownField = "unknown-field", Error,
        "a field is not part of the schema",
        "Unknown fields are refused so that a misspelt field name is not silently ignored. \
         Correct the name (the help suggests the nearest known one) or remove the field.";
    WrongType = "wrong-type", Error,
        "a value has the wrong type",
        "The schema expects another type here, for example a list where a single value was \
         written, or text where a number was written. Quote values that must be text.";
    InvalidValue = "invalid-value", Error,
        "a value is not one of the allowed values",
        "The field takes one of a fixed set of values, listed in the help.";
    InvalidFormat = "invalid-format", Error,
        "a value does not have the expected format",
        "Identifiers are lowercase kebab-case, dates are YYYY-MM-DD, periods are like `30d`. \
         The help says what this field expects.";
    EmptyValue = "empty-value", Error,
        "a value is empty or a list has too few items",
        "Text fields must not be empty, and some lists need a minimum number of items (a \
         disputed value needs two readings). Fill the value in or remove the field.";
    DuplicateItem = "duplicate-item", Error,
        "a list holds the same item twice",
        "Lists of ids must not repeat an item. Remove the repetition.";
    Schema = "schema", Error,
        "a value does not satisfy the schema",
        "A schema rule failed that has no more specific code; the note names the rule.";

    // Semantic checks.
    DuplicateProvisionId = "duplicate-provision-id", Error,
        "two provisions of one version share an id",
        "Provision ids identify a provision across versions and in every output, so they must be \
         unique within a version, across all its section files. Rename one of them.";
    DuplicateVersionId = "duplicate-version-id", Error,
        "two versions of an instrument share an id",
        "A version id is also the name of its folder. Give each version its own id.";
    VersionFolderMismatch = "version-folder-mismatch", Error,
        "the version folders and the versions in instrument.yaml disagree",
        "Every version listed in `instrument.yaml` needs a folder of the same name, and every \
         version folder must be listed. Add the missing one or remove the extra one.";
    UnknownActor = "unknown-actor", Error,
        "a provision names an actor that actors.yaml does not define",
        "Actors are defined once in the spec folder's `actors.yaml`, shared by all instruments. \
         Correct the id (the help suggests the nearest) or add the actor.";
    UnknownTerm = "unknown-term", Error,
        "a provision names a term that the version does not define",
        "Terms are defined per version in `terms.yaml`. Correct the id or add the term.";
    UnknownSource = "unknown-source", Error,
        "a reference names a source that instrument.yaml does not list",
        "Sources are listed once in `instrument.yaml` under `sources`. Correct the id or add \
         the source.";
    UnknownInstrument = "unknown-instrument", Error,
        "a cross-reference or a revocation, supersession or amendment names an instrument the spec does not have",
        "`instrument:` in `revoked_by`, `superseded_by` and `amended_by`, and the folder in \
         `refers_to: [{ provision: <instrument>/<id> }]`, name another instrument folder of the \
         spec (the lineage shown on both instruments' pages links them). Correct the id (the \
         help suggests the nearest), add that instrument's folder, or, for an act or text \
         outside the spec, write `citation: \"EO 14148, 90 FR 8237\"` instead.";
    UnknownProvision = "unknown-provision", Error,
        "a reference names a provision that the version does not have",
        "`parent`, `defined_in`, `due.of` and `through` name provisions by id within the same \
         version; `refers_to` names one of the same version (`{ provision: <id> }`) or of \
         another instrument of the spec (`{ provision: <instrument>/<id> }`, found in any of \
         its versions). Correct the id, or cite an outside text with `{ citation: ... }`.";
    UnknownAnchor = "unknown-anchor", Error,
        "a deadline counts from a date that is neither an anchor nor a provision",
        "`due.of` names one of the version's `anchors` (such as `order-date`) or the id of a \
         provision whose completion starts the clock. Correct the name or add the anchor to \
         the version in `instrument.yaml`.";
    DeadlineCycle = "deadline-cycle", Error,
        "deadlines count from each other in a loop",
        "A deadline that counts from a provision's completion needs that provision's own \
         deadline first; a loop means none of them can ever be computed. Break the loop.";
    ThroughCycle = "through-cycle", Error,
        "duties bind through each other in a loop",
        "A duty with `through: <id>` binds only once that provision is done; if that one binds \
         only once the first is done (directly or along a chain), neither can ever bind. Break \
         the loop: a duty binds through the provision that creates it, such as an agency's rule, \
         and that provision binds of itself.";
    ParentCycle = "parent-cycle", Error,
        "`parent` links lead back to where they started",
        "Actors and provisions form trees through `parent`; a loop has no root. Break the loop.";
    UnsourcedProvision = "unsourced-provision", Error,
        "a provision cites no source",
        "Every provision must say where its content comes from, so that a reader can check it. \
         Add at least one entry under `sources`.";
    InvalidDate = "invalid-date", Error,
        "a date does not exist",
        "The date has the YYYY-MM-DD shape but is not a day of the calendar, such as \
         2026-02-30. Correct it.";
    PeriodOutOfRange = "period-out-of-range", Error,
        "a deadline period is zero, negative or implausibly long",
        "A period counts forward from its anchor and must be at least one unit and at most 100 \
         years, counted in its own unit: up to 100y, 1200m, 5217w or 36525d (the most days any \
         100 calendar years have), so 100y, 1200m and 36525d are all accepted and 101y, 1201m \
         and 36526d are all refused. Correct the number or the unit.";
    DateOutOfRange = "date-out-of-range", Error,
        "a deadline falls after 9999-12-31",
        "orderly writes dates as YYYY-MM-DD with a four-digit year, as iCalendar (RFC 5545) and \
         its JSON schemas require, so a deadline computed past 9999-12-31 (a period counted \
         from a late anchor or completion date, or a roll to the next business day) cannot be \
         written. Correct the period or the date it counts from.";
    ActingThroughMismatch = "acting-through-mismatch", Error,
        "`acting_through` names an actor that the provision does not involve",
        "Each key of `acting_through` must be the provision's actor or one of the actors it \
         consults; the value is the component that acts for it.";
    TermBeforeDefinition = "term-before-definition", Warning,
        "a provision relies on a term that the instrument establishes only later",
        "The term's `defined_in` provision comes after this one in document order. Check that \
         the term is meant here, or that `defined_in` is right.";
    ActingThroughNotComponent = "acting-through-not-component", Warning,
        "an actor acts through something that is not one of its components",
        "Acting through usually runs from a department to one of its components. Check the \
         pair, or record the parent in `actors.yaml`.";
    ActorAlsoConsulted = "actor-also-consulted", Warning,
        "a provision's actor is also listed among those it consults",
        "An actor does not consult itself; remove it from `consults`.";
    UnreliableSourceOnly = "unreliable-source-only", Warning,
        "a provision or reading rests only on sources marked unreliable",
        "Sources marked `reliability: unreliable` are known to be wrong on substance. Find a \
         better source or remove the claim.";
    UnusedSource = "unused-source", Warning,
        "a source is listed but nothing cites it",
        "Every listed source should support something. Cite it or remove it.";
    StatusOutOfOrder = "status-out-of-order", Warning,
        "status entries are not in date order",
        "Status entries are a history, oldest first; the last entry is the current status. \
         Reorder them by `as_of`.";
    UnusedAcknowledgement = "unused-acknowledgement", Warning,
        "a provision acknowledges a warning that no check reports for it",
        "An acknowledgement records that a warning was reviewed; once the warning is gone (the \
         data was corrected), the acknowledgement is stale. Remove it.";
    RefOutsideSection = "ref-outside-section", Warning,
        "a provision's ref does not start with its section's number",
        "A provision in section 2 is normally numbered 2(a), 2(b) and so on. Move the \
         provision to the right file or correct its `ref`.";
    BidiControl = "bidi-control", Warning,
        "text holds an invisible Unicode bidirectional control",
        "The embedding, override and isolate controls (U+202A-U+202E, U+2066-U+2069) are \
         invisible and reorder the text around them, so a value can read differently from \
         what it holds (rustc warns about them in literals for the same reason). orderly keeps \
         them from reaching past the value in its outputs, but a reviewer reading the YAML sees \
         the reordered text. Delete them: right-to-left text needs none of them.";
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Code {
    type Err = ();

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Code::ALL
            .iter()
            .copied()
            .find(|code| code.as_str() == s)
            .ok_or(())
    }
}
