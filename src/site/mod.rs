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
//! server, and nothing is fetched from elsewhere. A build ([`build_site`]) renders pages in
//! parallel and writes each, as soon as it is rendered, into a temporary folder beside the
//! target, which then takes the target's place (as [`write_site`](crate::write_site) does), so a failed or killed
//! build leaves the previous site whole and the site is never held in memory whole.
//! [`render_site`] renders it into memory instead ([`Site`]).

mod contents;
mod layout;
mod lineage;
mod pages;
mod search;
mod sink;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rayon::prelude::*;
use serde::Serialize;

use crate::Error;
use crate::compile::checklist::{self, Checklist};
use crate::compile::views::{self, InstrumentView};
use crate::compile::{deadline, diff, timeline};
use crate::model::{Instrument, Spec, Version};
pub(crate) use crate::output::Site;
use crate::output::{Replace, write_folder};
use crate::render::{self, chart};
use layout::{Link, Nav};
use pages::{ActorLink, Appearances, Card, Context, DiffLink, IndexView, VersionLinks};
use sink::{Folder, Memory, Sink};

fn page_error(name: &str) -> impl Fn(minijinja::Error) -> Error + '_ {
    move |source| Error::Template {
        name: name.to_owned(),
        source,
    }
}

/// Renders `template` with `view` as a page with navigation `nav`, into `files` at `path`.
fn page(
    files: &dyn Sink,
    path: PathBuf,
    template: &str,
    view: &impl Serialize,
    nav: &Nav,
) -> Result<(), Error> {
    let html = render::render_page(template, view, nav).map_err(page_error(template))?;
    files.put(path, html.into_bytes())
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
    let files = Memory::default();
    render_into(spec, as_of, options, &files)?;
    Ok(Site {
        files: files.into_files(),
    })
}

/// Builds the site into the folder `out` (replaced as [`write_site`](crate::write_site)
/// replaces it): each page
/// is written to the temporary folder as soon as it is rendered; returns how many files the
/// site has.
pub fn build_site(
    spec: &Spec,
    as_of: NaiveDate,
    options: &SiteOptions,
    out: &Path,
    replace: Replace,
) -> Result<usize, Error> {
    let mut count = 0;
    write_folder(out, replace, |dir| {
        let files = Folder::new(dir);
        render_into(spec, as_of, options, &files)?;
        count = files.files();
        Ok(())
    })?;
    Ok(count)
}

/// Renders every file of the site into `files`.
fn render_into(
    spec: &Spec,
    as_of: NaiveDate,
    options: &SiteOptions,
    files: &dyn Sink,
) -> Result<(), Error> {
    let mut cards = Vec::new();
    let mut docs = Vec::new();
    for instrument in &spec.instruments {
        if instrument.info.is_none() {
            continue;
        }
        let card = render_instrument(spec, instrument, (as_of, options), files)?;
        docs.extend(search::instrument_docs(
            spec,
            instrument,
            &card.instrument.short_title,
            card.main_version.as_deref(),
            &card.actors,
        ));
        cards.push(card);
    }
    files.put(PathBuf::from(search::INDEX_FILE), search::script(&docs))?;
    let index = IndexView {
        as_of: as_of.to_string(),
        instruments: cards,
    };
    let nav = Nav::at(layout::INDEX, Vec::new());
    page(
        files,
        PathBuf::from("index.html"),
        "site/index.html",
        &index,
        &nav,
    )?;
    page(
        files,
        PathBuf::from(search::PAGE_FILE),
        "site/search.html",
        &search::PageView {
            documents: docs.len(),
        },
        &nav,
    )
}

/// Renders every page of an instrument into `files`, and returns its card for the index.
fn render_instrument(
    spec: &Spec,
    instrument: &Instrument,
    (as_of, options): (NaiveDate, &SiteOptions),
    files: &dyn Sink,
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
    files: &dyn Sink,
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
        files.put(layout::diff_file(dir, &name, "json"), json(&d))?;
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
    files: &dyn Sink,
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
    files.put(vdir.join("checklist.csv"), render::csv::checklist(&list)?)?;
    files.put(vdir.join("checklist.json"), json(&list))?;
    if let Some(calendar) = &calendar {
        files.put(vdir.join("timeline.ics"), calendar.clone().into_bytes())?;
    }
    files.put(vdir.join("timeline.json"), json(&line))?;
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
    files: &dyn Sink,
) -> Result<Vec<ActorLink>, Error> {
    // Pages are made in parallel; `collect` keeps the actors' order.
    let involved = pages::involved_actors(cx.spec, version);
    involved
        .par_iter()
        .map(|actor| actor_page(cx, version, extras, (vdir, crumbs), actor, files))
        .collect()
}

/// The checklist of one actor and its downloads; returns its link.
fn actor_page(
    cx: &Context<'_>,
    version: &Version,
    extras: &render::ics::Extras,
    (vdir, crumbs): (&Path, &[Link]),
    actor: &String,
    files: &dyn Sink,
) -> Result<ActorLink, Error> {
    {
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
        files.put(
            layout::actor_download_file(vdir, actor, "csv"),
            render::csv::checklist(&mine)?,
        )?;
        files.put(
            layout::actor_download_file(vdir, actor, "json"),
            json(&mine),
        )?;
        if let Some(calendar) = calendar {
            files.put(
                layout::actor_download_file(vdir, actor, "ics"),
                calendar.into_bytes(),
            )?;
        }
        let party = views::party(&cx.spec.actors, actor);
        Ok(ActorLink {
            id: actor.clone(),
            name: party.name,
            short: party.short,
            href: layout::actor_href(&version.id, actor),
            items: mine.items.len(),
        })
    }
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
    files: &dyn Sink,
) -> Result<(), Error> {
    let deadlines = deadline::compute(cx.instrument, version, cx.as_of);
    let nav = Nav::at(layout::VERSION_PAGE, crumbs.to_vec());
    let family = pages::family(version);
    let index = checklist::ProvisionIndex::new(version, &deadlines);
    let provisions: Vec<_> = version.provisions().zip(&deadlines).collect();
    // Each page is written as soon as it is rendered, in parallel.
    provisions.par_iter().try_for_each(|(p, deadline)| {
        let seen = appearances
            .get(p.id.as_str())
            .map_or(&[][..], Vec::as_slice);
        let view = pages::provision_page(cx, version, p, (deadline, &index), (at, seen), &family);
        page(
            files,
            layout::provision_file(vdir, &p.id),
            "site/provision.html",
            &view,
            &nav,
        )
    })
}

fn json(view: &impl Serialize) -> Vec<u8> {
    let mut text = serde_json::to_vec_pretty(view).expect("a view always serialises");
    text.push(b'\n');
    text
}
