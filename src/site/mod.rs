//! The static site: every instrument's checklists (all actors and one page per actor),
//! timelines with a chart, downloads, diffs between consecutive versions and a page per
//! provision, with an index.
//!
//! Most of it renders the compiled views (checklists, timelines, diffs) as they are. What the
//! site computes of its own is for its own pages (in `pages`): the actors a version involves
//! (each gets a checklist), where each provision appears across versions, which diffs touch a
//! version, and the links between pages (in `layout`).
//!
//! Pages link to each other by relative paths, so the site works from `file://` with no
//! server, and nothing is fetched from elsewhere. The whole site is rendered in memory
//! ([`Site`]); [`write_site`] writes it to a temporary folder beside the target and swaps it
//! in, so a failed or killed build leaves the previous site whole.

mod contents;
mod layout;
mod lineage;
mod pages;
mod search;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Serialize;

use crate::Error;
use crate::compile::checklist::{self, Checklist};
use crate::compile::views::{self, InstrumentView};
use crate::compile::{deadline, diff, timeline};
use crate::model::{Instrument, Spec, Version};
pub(crate) use crate::output::{Site, write_site};
use crate::render::{self, chart};
use layout::{Link, Nav};
use pages::{ActorLink, Appearances, Card, Context, DiffLink, IndexView, VersionLinks};

fn page_error(name: &str) -> impl Fn(minijinja::Error) -> Error + '_ {
    move |source| Error::Template {
        name: name.to_owned(),
        source,
    }
}

/// The site's files, by path relative to the site's root.
type Files = BTreeMap<PathBuf, Vec<u8>>;

/// Renders `template` with `view` as a page with navigation `nav`, into `files` at `path`.
fn page(
    files: &mut Files,
    path: PathBuf,
    template: &str,
    view: &impl Serialize,
    nav: &Nav,
) -> Result<(), Error> {
    let html = render::render_page(template, view, nav).map_err(page_error(template))?;
    files.insert(path, html.into_bytes());
    Ok(())
}

/// What a build may add to the site's calendars.
#[derive(Clone, Debug, Default)]
pub struct SiteOptions {
    /// The address the site is published at (an absolute `http(s)` URL, without a trailing
    /// `/`): each calendar event then carries its provision page's address.
    pub base_url: Option<String>,
    /// A reminder before each calendar event.
    pub alarm: Option<render::ics::Alarm>,
}

/// Renders the whole site in memory.
pub fn render_site(spec: &Spec, as_of: NaiveDate) -> Result<Site, Error> {
    render_site_with(spec, as_of, &SiteOptions::default())
}

/// Renders the whole site in memory, with the calendar options `options`.
pub fn render_site_with(
    spec: &Spec,
    as_of: NaiveDate,
    options: &SiteOptions,
) -> Result<Site, Error> {
    let mut files = Files::new();
    let mut cards = Vec::new();
    let mut docs = Vec::new();
    for instrument in &spec.instruments {
        if instrument.info.is_none() {
            continue;
        }
        let card = render_instrument(spec, instrument, (as_of, options), &mut files)?;
        docs.extend(search::instrument_docs(
            spec,
            instrument,
            &card.instrument.short_title,
            card.main_version.as_deref(),
            &card.actors,
        ));
        cards.push(card);
    }
    files.insert(PathBuf::from(search::INDEX_FILE), search::script(&docs));
    let index = IndexView {
        as_of: as_of.to_string(),
        instruments: cards,
    };
    let nav = Nav::at(layout::INDEX, Vec::new());
    page(
        &mut files,
        PathBuf::from("index.html"),
        "site/index.html",
        &index,
        &nav,
    )?;
    page(
        &mut files,
        PathBuf::from(search::PAGE_FILE),
        "site/search.html",
        &search::PageView {
            documents: docs.len(),
        },
        &nav,
    )?;
    Ok(Site { files })
}

/// Renders every page of an instrument into `files`, and returns its card for the index.
fn render_instrument(
    spec: &Spec,
    instrument: &Instrument,
    (as_of, options): (NaiveDate, &SiteOptions),
    files: &mut Files,
) -> Result<Card, Error> {
    let dir = layout::instrument_dir(&instrument.id);
    let info = instrument.info.as_ref();
    let view = instrument.versions.first().map_or_else(
        || InstrumentView {
            id: instrument.id.clone(),
            title: instrument.id.clone(),
            short_title: instrument.id.clone(),
            identifiers: BTreeMap::new(),
        },
        |v| views::views(instrument, v).0,
    );
    let crumbs = vec![
        layout::home(),
        layout::instrument_crumb(&instrument.id, &view.short_title),
    ];
    let diffs = diff_pages(spec, instrument, &dir, &crumbs, files)?;
    let appearances = pages::appearances(instrument);
    let main = instrument.default_version().map(|v| v.id.clone());
    let cx = Context {
        spec,
        instrument,
        as_of,
        diffs: &diffs,
    };
    let calendars = |version: &Version| calendar_extras(instrument, version, options);
    let mut versions = Vec::new();
    let mut actors = Vec::new();
    for (at, version) in instrument.versions.iter().enumerate() {
        let vdir = dir.join(&version.id);
        let extras = calendars(version);
        let list = version_pages(&cx, version, &extras, &vdir, &crumbs, files)?;
        let mut crumbs = crumbs.clone();
        crumbs.push(layout::version_crumb(&instrument.id, &version.id));
        let mine = actor_pages(&cx, version, &extras, &vdir, &crumbs, files)?;
        let checklists = mine.iter().map(|a| a.id.clone()).collect();
        if Some(&version.id) == main.as_ref() {
            actors = mine;
        }
        page(
            files,
            vdir.join(layout::CONTENTS),
            "site/contents.html",
            &contents::contents_page(spec, instrument, version, &checklists),
            &Nav::at(layout::VERSION, crumbs.clone()),
        )?;
        provision_pages(&cx, (at, version), &appearances, &vdir, &crumbs, files)?;
        let version_info = instrument.version_info(&version.id).map(|(_, v)| v);
        versions.push(VersionLinks {
            version: list.version.clone(),
            summary: version_info.and_then(|v| v.summary.clone()),
            notes: version_info.and_then(|v| v.notes.clone()),
            checklist: layout::version_href(&version.id, "checklist.html"),
            timeline: layout::version_href(&version.id, "timeline.html"),
            contents: layout::version_href(&version.id, layout::CONTENTS),
            counts: list.summary,
        });
    }
    let sources = info
        .map(|i| {
            i.sources
                .keys()
                .flat_map(|id| {
                    views::sources(
                        instrument,
                        &[crate::model::SourceRef {
                            source: id.clone(),
                            at: None,
                        }],
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    let href_dir = layout::segment(&instrument.id);
    let card = Card {
        instrument: view,
        kind: info.map_or("other", |i| pages::kind_word(i.kind)),
        summary: info.and_then(|i| i.summary.clone()),
        notes: info.and_then(|i| i.notes.clone()),
        href: format!("{href_dir}/index.html"),
        dir: format!("{href_dir}/"),
        versions,
        diffs,
        main_version: main,
        actors,
        sources,
        lineage: lineage::lineage(spec, instrument),
    };
    let nav = Nav::at(layout::INSTRUMENT, vec![layout::home()]);
    page(
        files,
        dir.join("index.html"),
        "site/instrument.html",
        &card,
        &nav,
    )?;
    Ok(card)
}

/// The diffs between consecutive versions (HTML and JSON), and their links for the
/// instrument's page.
fn diff_pages(
    spec: &Spec,
    instrument: &Instrument,
    dir: &Path,
    crumbs: &[Link],
    files: &mut Files,
) -> Result<Vec<DiffLink>, Error> {
    let mut diffs = Vec::new();
    for pair in instrument.versions.windows(2) {
        let (from, to) = (&pair[0], &pair[1]);
        let d = diff::diff(&spec.actors, (instrument, from), (instrument, to));
        let name = layout::diff_name(&from.id, &to.id);
        let nav = Nav::at(layout::VERSION, crumbs.to_vec())
            .with_downloads(vec![Link::new(format!("{name}.json"), "JSON")])
            .with_sides(&from.id, &to.id);
        page(
            files,
            layout::diff_file(dir, &name, "html"),
            "diff.html",
            &diff::with_rows(&d, from, to),
            &nav,
        )?;
        files.insert(layout::diff_file(dir, &name, "json"), json(&d));
        diffs.push(DiffLink {
            from: from.id.clone(),
            to: to.id.clone(),
            href: layout::diff_href(&name),
            material: d.summary.material,
            editorial: d.summary.editorial,
            changes: pages::change_numbers(&d),
        });
    }
    Ok(diffs)
}

/// A version's checklist of all actors and its timeline, with their downloads (CSV, JSON and,
/// where anything is dated, iCalendar); returns the checklist.
fn version_pages(
    cx: &Context<'_>,
    version: &Version,
    extras: &render::ics::Extras,
    vdir: &Path,
    crumbs: &[Link],
    files: &mut Files,
) -> Result<Checklist, Error> {
    let list = checklist::build(cx.spec, cx.instrument, version, &[], cx.as_of)?;
    let line = timeline::build(&list);
    // A version with nothing dated has no calendar: none is written or linked.
    let calendar = render::ics::checklist_calendar(&list, extras).ok();
    let calendar_link = || Link::new("timeline.ics", "Deadlines (iCalendar)");
    let nav = Nav::at(layout::VERSION, crumbs.to_vec());
    let checklist_nav = nav
        .clone()
        .with_downloads(
            [
                Some(Link::new("checklist.csv", "Checklist (CSV)")),
                Some(Link::new("checklist.json", "Checklist (JSON)")),
                calendar.is_some().then(calendar_link),
                Some(Link::new("timeline.json", "Timeline (JSON)")),
            ]
            .into_iter()
            .flatten()
            .collect(),
        )
        .with_provisions(layout::PROVISIONS_FROM_VERSION);
    page(
        files,
        vdir.join("checklist.html"),
        "checklist.html",
        &list,
        &checklist_nav,
    )?;
    files.insert(vdir.join("checklist.csv"), render::csv::checklist(&list)?);
    files.insert(vdir.join("checklist.json"), json(&list));
    if let Some(calendar) = &calendar {
        files.insert(vdir.join("timeline.ics"), calendar.clone().into_bytes());
    }
    files.insert(vdir.join("timeline.json"), json(&line));
    let timeline_nav = Nav {
        chart: chart::timeline_svg(&line),
        ..nav.with_downloads(calendar.iter().map(|_| calendar_link()).collect())
    };
    page(
        files,
        vdir.join("timeline.html"),
        "timeline.html",
        &line,
        &timeline_nav,
    )?;
    Ok(list)
}

/// One view per actor the version names (and each parent of one), with its downloads: the
/// view as CSV and JSON, and its deadlines as iCalendar where any is dated; returns their
/// links for the instrument's page.
fn actor_pages(
    cx: &Context<'_>,
    version: &Version,
    extras: &render::ics::Extras,
    vdir: &Path,
    crumbs: &[Link],
    files: &mut Files,
) -> Result<Vec<ActorLink>, Error> {
    let mut actors = Vec::new();
    for actor in &pages::involved_actors(cx.spec, version) {
        let mine = checklist::build_with(
            cx.spec,
            cx.instrument,
            version,
            std::slice::from_ref(actor),
            cx.as_of,
            checklist::Include::ALL,
        )?;
        // The calendar holds what has a deadline: obligations and prohibitions.
        let mut owed = mine.clone();
        owed.items
            .retain(|i| matches!(i.kind, "obligation" | "prohibition"));
        let calendar = render::ics::checklist_calendar(&owed, extras).ok();
        let downloads = [
            Some(Link::new(
                layout::actor_download(actor, "csv"),
                "This view (CSV)",
            )),
            Some(Link::new(
                layout::actor_download(actor, "json"),
                "This view (JSON)",
            )),
            calendar.as_ref().map(|_| {
                Link::new(
                    layout::actor_download(actor, "ics"),
                    "Deadlines (iCalendar)",
                )
            }),
        ]
        .into_iter()
        .flatten()
        .collect();
        let nav = Nav::at(layout::VERSION_PAGE, crumbs.to_vec())
            .with_downloads(downloads)
            .with_provisions(layout::PROVISIONS_FROM_ACTOR);
        page(
            files,
            layout::actor_file(vdir, actor),
            "checklist.html",
            &mine,
            &nav,
        )?;
        files.insert(
            layout::actor_download_file(vdir, actor, "csv"),
            render::csv::checklist(&mine)?,
        );
        files.insert(
            layout::actor_download_file(vdir, actor, "json"),
            json(&mine),
        );
        if let Some(calendar) = calendar {
            files.insert(
                layout::actor_download_file(vdir, actor, "ics"),
                calendar.into_bytes(),
            );
        }
        let party = views::party(&cx.spec.actors, actor);
        actors.push(ActorLink {
            id: actor.clone(),
            name: party.name,
            short: party.short,
            href: layout::actor_href(&version.id, actor),
            items: mine.items.len(),
        });
    }
    Ok(actors)
}

/// The calendar options of a version's calendars: each provision's page address when the
/// site's address is known, and the reminder.
fn calendar_extras(
    instrument: &Instrument,
    version: &Version,
    options: &SiteOptions,
) -> render::ics::Extras {
    let urls = options
        .base_url
        .as_deref()
        .map(|base| {
            version
                .provisions()
                .map(|p| {
                    let path = layout::provision_href_from_root(&instrument.id, &version.id, &p.id);
                    (p.id.clone(), format!("{base}/{path}"))
                })
                .collect()
        })
        .unwrap_or_default();
    render::ics::Extras {
        urls,
        alarm: options.alarm,
    }
}

/// A page per provision of the version (the `at`th).
fn provision_pages(
    cx: &Context<'_>,
    (at, version): (usize, &Version),
    appearances: &Appearances<'_>,
    vdir: &Path,
    crumbs: &[Link],
    files: &mut Files,
) -> Result<(), Error> {
    let deadlines = deadline::compute(cx.instrument, version, cx.as_of);
    let nav = Nav::at(layout::VERSION_PAGE, crumbs.to_vec());
    let family = pages::family(version);
    for (p, deadline) in version.provisions().zip(&deadlines) {
        let seen = appearances
            .get(p.id.as_str())
            .map_or(&[][..], Vec::as_slice);
        let view =
            pages::provision_page(cx, version, p, (deadline, &deadlines), (at, seen), &family);
        page(
            files,
            layout::provision_file(vdir, &p.id),
            "site/provision.html",
            &view,
            &nav,
        )?;
    }
    Ok(())
}

fn json(view: &impl Serialize) -> Vec<u8> {
    let mut text = serde_json::to_vec_pretty(view).expect("a view always serialises");
    text.push(b'\n');
    text
}
