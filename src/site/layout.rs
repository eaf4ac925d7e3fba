//! Where the site's files are and how its pages link to each other.
//!
//! The folder scheme, relative to the site's root (`ID` an instrument's id, `VERSION` a
//! version's, `ACTOR` and `PROVISION` page names from [`render::page_name`]):
//!
//! ```text
//! index.html                                 the index (depth 0)
//! ID/index.html                              an instrument (depth 1)
//! ID/diff/FROM-to-TO.{html,json}             a diff between two versions (depth 2)
//! ID/VERSION/checklist.{html,csv,json}       a version's checklist (depth 2)
//! ID/VERSION/timeline.{html,json,ics}        a version's timeline (depth 2)
//! ID/VERSION/contents.html                   a version's provisions and actors (depth 2)
//! ID/VERSION/actors/ACTOR.html               one actor's checklist (depth 3)
//! ID/VERSION/actors/ACTOR.{csv,json,ics}     its downloads
//! ID/VERSION/provisions/PROVISION.html       a provision (depth 3)
//! ```
//!
//! Every link is relative, so the site works from `file://`: a page at depth `n` reaches the
//! root through `n` times `../` ([`Nav::at`]), and path segments taken from ids are
//! percent-encoded ([`segment`]).

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::render;

/// The depth of the index.
pub(super) const INDEX: usize = 0;
/// The depth of an instrument's page.
pub(super) const INSTRUMENT: usize = 1;
/// The depth of a version's checklist and timeline and of a diff.
pub(super) const VERSION: usize = 2;
/// The depth of an actor's checklist and of a provision's page.
pub(super) const VERSION_PAGE: usize = 3;

/// A link.
#[derive(Clone, Debug, Serialize)]
pub(super) struct Link {
    /// Relative address.
    pub(super) href: String,
    /// Text.
    pub(super) text: String,
}

impl Link {
    /// A link to `href` that reads `text`.
    pub(super) fn new(href: impl Into<String>, text: impl Into<String>) -> Self {
        Self {
            href: href.into(),
            text: text.into(),
        }
    }
}

/// What every page of the site gets besides its view.
#[derive(Clone, Debug, Serialize)]
pub(super) struct Nav {
    /// The way back to the site's root from this page, such as `../../`.
    pub(super) root: String,
    /// Breadcrumbs, root first.
    pub(super) crumbs: Vec<Link>,
    /// Files to download from this page.
    pub(super) downloads: Vec<Link>,
    /// Where provision pages are, relative to this page, for checklists.
    pub(super) provisions: Option<String>,
    /// The timeline chart (SVG), for timeline pages.
    pub(super) chart: Option<String>,
    /// Where the old and the new version's provision pages are, relative to this page, for a
    /// diff.
    pub(super) sides: Option<[String; 2]>,
}

impl Nav {
    /// The navigation of a page `depth` folders below the root, with breadcrumbs whose
    /// addresses are relative to the root (see [`home`], [`instrument_crumb`],
    /// [`version_crumb`]); they are made relative to the page. Nothing to download, no
    /// provisions, no chart.
    pub(super) fn at(depth: usize, crumbs: Vec<Link>) -> Self {
        let root = "../".repeat(depth);
        let crumbs = crumbs
            .into_iter()
            .map(|crumb| Link {
                href: format!("{root}{}", crumb.href),
                text: crumb.text,
            })
            .collect();
        Self {
            root,
            crumbs,
            downloads: Vec::new(),
            provisions: None,
            chart: None,
            sides: None,
        }
    }

    /// The same, with files to download.
    pub(super) fn with_downloads(self, downloads: Vec<Link>) -> Self {
        Self { downloads, ..self }
    }

    /// The same, for the diff from version `from` to version `to`, with their provision
    /// pages.
    pub(super) fn with_sides(self, from: &str, to: &str) -> Self {
        let provisions = |version: &str| format!("../{}/provisions/", segment(version));
        Self {
            sides: Some([provisions(from), provisions(to)]),
            ..self
        }
    }

    /// The same, with provision pages at `provisions` (relative to the page).
    pub(super) fn with_provisions(self, provisions: &str) -> Self {
        Self {
            provisions: Some(provisions.to_owned()),
            ..self
        }
    }
}

/// The index, as a breadcrumb relative to the root.
pub(super) fn home() -> Link {
    Link::new("index.html", "All instruments")
}

/// An instrument's page, as a breadcrumb relative to the root.
pub(super) fn instrument_crumb(instrument: &str, short_title: &str) -> Link {
    Link::new(format!("{}/index.html", segment(instrument)), short_title)
}

/// A version's checklist, as a breadcrumb relative to the root.
pub(super) fn version_crumb(instrument: &str, version: &str) -> Link {
    Link::new(
        format!(
            "{}/{}/checklist.html",
            segment(instrument),
            segment(version)
        ),
        format!("version {version}"),
    )
}

/// Percent-encodes a path segment for an `href`.
pub(super) fn segment(text: &str) -> String {
    crate::text::percent_encode(text, b"")
}

/// The file name (without extension) of the diff between two versions.
pub(super) fn diff_name(from: &str, to: &str) -> String {
    format!("{}-to-{}", render::page_name(from), render::page_name(to))
}

/// An instrument's folder.
pub(super) fn instrument_dir(instrument: &str) -> PathBuf {
    PathBuf::from(instrument)
}

/// The diff between two versions (`name` from [`diff_name`]) with extension `ext`, in an
/// instrument's folder.
pub(super) fn diff_file(dir: &Path, name: &str, ext: &str) -> PathBuf {
    dir.join("diff").join(format!("{name}.{ext}"))
}

/// The diff between two versions, from the instrument's page.
pub(super) fn diff_href(name: &str) -> String {
    format!("diff/{name}.html")
}

/// The diff between two versions, from a provision's page, at `anchor` (such as
/// `change-3`).
pub(super) fn diff_href_from_provision(from: &str, to: &str, anchor: &str) -> String {
    format!("../../{}#{anchor}", diff_href(&diff_name(from, to)))
}

/// An actor's checklist, in a version's folder.
pub(super) fn actor_file(version_dir: &Path, actor: &str) -> PathBuf {
    version_dir
        .join("actors")
        .join(format!("{}.html", render::page_name(actor)))
}

/// An actor's checklist, from the instrument's page.
pub(super) fn actor_href(version: &str, actor: &str) -> String {
    format!(
        "{}/actors/{}.html",
        segment(version),
        render::page_name(actor)
    )
}

/// An actor's checklist, from a page in the version's folder (its contents page).
pub(super) fn actor_href_from_version(actor: &str) -> String {
    format!("actors/{}.html", render::page_name(actor))
}

/// The name of a version's contents page, in its folder.
pub(super) const CONTENTS: &str = "contents.html";

/// A file in a version's folder (`checklist.html`, `timeline.html`), from the instrument's
/// page.
pub(super) fn version_href(version: &str, file: &str) -> String {
    format!("{}/{file}", segment(version))
}

/// Where provision pages are, from a version's checklist.
pub(super) const PROVISIONS_FROM_VERSION: &str = "provisions/";

/// Where provision pages are, from an actor's checklist.
pub(super) const PROVISIONS_FROM_ACTOR: &str = "../provisions/";

/// A provision's page, in a version's folder.
pub(super) fn provision_file(version_dir: &Path, provision: &str) -> PathBuf {
    version_dir
        .join("provisions")
        .join(format!("{}.html", render::page_name(provision)))
}

/// A provision's page from the site's root, for addresses outside the site (a calendar's
/// `URL`).
pub(super) fn provision_href_from_root(instrument: &str, version: &str, provision: &str) -> String {
    format!(
        "{}/{}/provisions/{}.html",
        segment(instrument),
        segment(version),
        render::page_name(provision)
    )
}

/// An actor's download (`ext` such as `csv`), from the actor's page.
pub(super) fn actor_download(actor: &str, ext: &str) -> String {
    format!("{}.{ext}", render::page_name(actor))
}

/// An actor's download (`ext` such as `csv`), in a version's folder.
pub(super) fn actor_download_file(version_dir: &Path, actor: &str, ext: &str) -> PathBuf {
    version_dir
        .join("actors")
        .join(format!("{}.{ext}", render::page_name(actor)))
}

/// A provision's page in the same version, from another provision's page.
pub(super) fn provision_href_beside(provision: &str) -> String {
    format!("{}.html", render::page_name(provision))
}

/// A provision's page in version `version`, from another provision's page.
pub(super) fn provision_href_from_provision(version: &str, provision: &str) -> String {
    format!(
        "../../{}/provisions/{}.html",
        segment(version),
        render::page_name(provision)
    )
}

/// A provision's page in version `version` of another instrument, from a provision's page.
pub(super) fn provision_href_other_instrument(
    instrument: &str,
    version: &str,
    provision: &str,
) -> String {
    format!(
        "../../../{}/{}/provisions/{}.html",
        segment(instrument),
        segment(version),
        render::page_name(provision)
    )
}
