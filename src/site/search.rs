//! The site's search: a prebuilt index of every provision, actor, defined term and source,
//! shipped as a script (`searchindex.js`) that `search.html` loads and searches.
//!
//! A `fetch` of JSON fails from `file://` in Chromium, so the index is a script assigning it
//! to a global, as mdBook's `searchindex.js` does. It is a plain list of documents, each
//! `[href, title, kind, text]` with `href` relative to the site's root, and the page's short
//! script finds the documents that hold every word of the query. This is smaller than an
//! inverted index such as `elasticlunr-rs` builds, which stores each word with its documents
//! and frequencies and, to show results, the documents as well.
//!
//! Spec text is untrusted: the index is JSON (a string literal cannot end early), with `<`,
//! `>`, `&`, U+2028 and U+2029 escaped so that it stays valid JavaScript and holds no markup
//! even if it were inlined in a page; the page inserts results as text, never as markup.
//! Documents come in the spec's order, so the index is byte-identical across builds.

use std::fmt::Write as _;

use serde::Serialize;

use super::layout;
use super::pages::ActorLink;
use crate::model::{Instrument, Spec, Version};
use crate::render;

/// The index's file, at the site's root.
pub(super) const INDEX_FILE: &str = "searchindex.js";

/// The search page, at the site's root.
pub(super) const PAGE_FILE: &str = "search.html";

/// The global the index is assigned to.
const GLOBAL: &str = "orderlySearchIndex";

/// The search page's view.
#[derive(Clone, Debug, Serialize)]
pub(super) struct PageView {
    /// How many documents the index holds.
    pub(super) documents: usize,
}

/// One searchable document: where it is (relative to the site's root), its title, what it
/// is, and its text.
#[derive(Clone, Debug, Serialize)]
pub(super) struct Doc(String, String, String, String);

/// The documents of an instrument: the provisions and terms of version `main` first (the
/// version the site leads with), then its actors (`actors`, with their checklists in `main`)
/// and sources, then the provisions and terms of its other versions, in version order.
pub(super) fn instrument_docs(
    spec: &Spec,
    instrument: &Instrument,
    short_title: &str,
    main: Option<&str>,
    actors: &[ActorLink],
) -> Vec<Doc> {
    let dir = layout::segment(&instrument.id);
    let mut docs = Vec::new();
    let is_main = |v: &&Version| Some(v.id.as_str()) == main;
    for version in instrument.versions.iter().filter(is_main) {
        version_docs(instrument, short_title, version, &mut docs);
    }
    for a in actors {
        let mut text = vec![a.short.clone()];
        if let Some(actor) = spec.actors.items.get(&a.id) {
            text.extend(actor.aliases.iter().cloned());
            text.extend(actor.notes.iter().cloned());
        }
        docs.push(Doc(
            format!("{dir}/{}", a.href),
            a.name.clone(),
            format!("actor's checklist, {}", main.unwrap_or_default()),
            text.join(" "),
        ));
    }
    for source in instrument.info.iter().flat_map(|i| i.sources.values()) {
        let text = [&source.publisher, &source.site, &source.url, &source.notes]
            .into_iter()
            .flatten()
            .cloned()
            .collect::<Vec<_>>();
        docs.push(Doc(
            format!("{dir}/index.html"),
            source.title.clone(),
            format!("source of {short_title}"),
            text.join(" "),
        ));
    }
    for version in instrument.versions.iter().filter(|v| !is_main(v)) {
        version_docs(instrument, short_title, version, &mut docs);
    }
    docs
}

/// The provisions and defined terms of a version, in document order.
fn version_docs(
    instrument: &Instrument,
    short_title: &str,
    version: &Version,
    docs: &mut Vec<Doc>,
) {
    let provision_href = |id: &str| {
        format!(
            "{}/{}/provisions/{}.html",
            layout::segment(&instrument.id),
            layout::segment(&version.id),
            render::page_name(id)
        )
    };
    for p in version.provisions() {
        let title = match &p.heading {
            Some(heading) => format!("{short_title} {}: {heading}", p.reference),
            None => format!("{short_title} {}", p.reference),
        };
        let text = std::iter::once(&p.action)
            .chain(&p.text)
            .cloned()
            .collect::<Vec<_>>();
        docs.push(Doc(
            provision_href(&p.id),
            title,
            format!("provision, version {}", version.id),
            text.join(" "),
        ));
    }
    for term in version.terms.items.values() {
        let href = match &term.defined_in {
            Some(id) if version.provisions().any(|p| &p.id == id) => provision_href(id),
            _ => format!(
                "{}/{}/checklist.html",
                layout::segment(&instrument.id),
                layout::segment(&version.id)
            ),
        };
        docs.push(Doc(
            href,
            term.term.clone(),
            format!("defined term, version {}", version.id),
            term.meaning.clone(),
        ));
    }
}

/// The index as a script assigning the documents to a global.
pub(super) fn script(docs: &[Doc]) -> Vec<u8> {
    let json = serde_json::to_string(docs).expect("documents always serialise");
    // Outside its strings JSON holds none of these characters, so escaping each one
    // everywhere escapes it inside the strings, where a `\u` escape of four hex digits
    // means the same character.
    let mut out = format!("window.{GLOBAL} = ");
    for c in json.chars() {
        match c {
            '<' | '>' | '&' | '\u{2028}' | '\u{2029}' => {
                write!(out, "\\u{:04x}", u32::from(c)).expect("a String takes any text");
            }
            c => out.push(c),
        }
    }
    out.push_str(";\n");
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_escapes_what_could_end_a_script_or_a_string() {
        let hostile = "</script><b>\"quoted\" & 'single'\u{2028}line\u{2029}para\\";
        let docs = [Doc(
            "a/b.html".into(),
            hostile.into(),
            "kind".into(),
            hostile.into(),
        )];
        let script = String::from_utf8(script(&docs)).unwrap();
        for raw in ["<", ">", "&", "\u{2028}", "\u{2029}"] {
            assert!(!script.contains(raw), "{raw:?} in {script}");
        }
        let json = script
            .strip_prefix("window.orderlySearchIndex = ")
            .and_then(|s| s.strip_suffix(";\n"))
            .unwrap();
        let back: Vec<Vec<String>> = serde_json::from_str(json).unwrap();
        assert_eq!(back[0][1], hostile);
        assert_eq!(back[0][3], hostile);
    }
}
