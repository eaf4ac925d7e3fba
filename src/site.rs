//! The static site: every instrument's checklists (all actors and one page per actor),
//! timelines with a chart, downloads, diffs between consecutive versions and a page per
//! provision, with an index. It renders the compiled views; it computes nothing of its own.
//!
//! Pages link to each other by relative paths, so the site works from `file://` with no
//! server, and nothing is fetched from elsewhere. The whole site is rendered in memory, written
//! to a temporary folder beside the target, and swapped in by renaming, so a failed or killed
//! build leaves the previous site whole.

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Serialize;

use crate::Error;
use crate::compile::checklist::{self, Evidence, InstrumentView, Item, Summary, VersionView};
use crate::compile::{deadline, diff, timeline};
use crate::model::{Instrument, Spec, Version};
use crate::output::{self, Replace};
use crate::render::{self, chart};

/// A link.
#[derive(Clone, Debug, Serialize)]
pub struct Link {
    /// Relative address.
    pub href: String,
    /// Text.
    pub text: String,
}

/// What every page of the site gets besides its view.
#[derive(Clone, Debug, Serialize)]
struct Nav {
    /// The way back to the site's root from this page, such as `../../`.
    root: String,
    /// Breadcrumbs, root first.
    crumbs: Vec<Link>,
    /// Files to download from this page.
    downloads: Vec<Link>,
    /// Where provision pages are, relative to this page, for checklists.
    provisions: Option<String>,
    /// The timeline chart (SVG), for timeline pages.
    chart: Option<String>,
}

/// An instrument on the index.
#[derive(Clone, Debug, Serialize)]
struct Card {
    instrument: InstrumentView,
    kind: &'static str,
    summary: Option<String>,
    notes: Option<String>,
    href: String,
    /// The instrument's folder, relative to the site's root, ending in `/`. The links below
    /// are relative to it.
    dir: String,
    versions: Vec<VersionLinks>,
    diffs: Vec<DiffLink>,
    /// The version actors' checklists link to.
    main_version: Option<String>,
    actors: Vec<ActorLink>,
    sources: Vec<checklist::SourceView>,
}

#[derive(Clone, Debug, Serialize)]
struct VersionLinks {
    version: VersionView,
    summary: Option<String>,
    notes: Option<String>,
    checklist: String,
    timeline: String,
    counts: Summary,
}

#[derive(Clone, Debug, Serialize)]
struct DiffLink {
    from: String,
    to: String,
    href: String,
    material: usize,
    editorial: usize,
}

#[derive(Clone, Debug, Serialize)]
struct ActorLink {
    id: String,
    name: String,
    short: String,
    href: String,
    items: usize,
}

/// A provision's own page.
#[derive(Clone, Debug, Serialize)]
struct ProvisionPage {
    instrument: InstrumentView,
    version: VersionView,
    as_of: String,
    item: Item,
    text: Option<String>,
    history: Vec<Evidence>,
    appearances: Vec<Link>,
    /// How many versions the provision is in that `appearances` leaves out.
    appearances_left_out: usize,
    terms: Vec<TermView>,
    diffs: Vec<Link>,
}

#[derive(Clone, Debug, Serialize)]
struct TermView {
    term: String,
    meaning: String,
    defined: String,
}

#[derive(Clone, Debug, Serialize)]
struct IndexView {
    as_of: String,
    instruments: Vec<Card>,
}

/// Percent-encodes a path segment for an `href`.
fn segment(text: &str) -> String {
    crate::text::percent_encode(text, b"")
}

/// The file name (without extension) of the diff between two versions.
fn diff_name(from: &str, to: &str) -> String {
    format!("{}-to-{}", render::page_name(from), render::page_name(to))
}

fn page_error(name: &str) -> impl Fn(minijinja::Error) -> Error + '_ {
    move |source| Error::Template {
        name: name.to_owned(),
        source,
    }
}

/// The site's files, by path relative to the site's root.
pub struct Site {
    /// Files and their contents.
    pub files: BTreeMap<PathBuf, Vec<u8>>,
}

/// Renders the whole site in memory.
pub fn render_site(spec: &Spec, as_of: NaiveDate) -> Result<Site, Error> {
    let mut files: BTreeMap<PathBuf, Vec<u8>> = BTreeMap::new();
    let mut cards = Vec::new();
    for instrument in &spec.instruments {
        if instrument.info.is_none() {
            continue;
        }
        cards.push(render_instrument(spec, instrument, as_of, &mut files)?);
    }
    let index = IndexView {
        as_of: as_of.to_string(),
        instruments: cards,
    };
    let nav = Nav {
        root: String::new(),
        crumbs: Vec::new(),
        downloads: Vec::new(),
        provisions: None,
        chart: None,
    };
    let html = render::render_page("site/index.html", &index, &nav)
        .map_err(page_error("site/index.html"))?;
    files.insert(PathBuf::from("index.html"), html.into_bytes());
    Ok(Site { files })
}

fn render_instrument(
    spec: &Spec,
    instrument: &Instrument,
    as_of: NaiveDate,
    files: &mut BTreeMap<PathBuf, Vec<u8>>,
) -> Result<Card, Error> {
    let dir = PathBuf::from(&instrument.id);
    let href_dir = segment(&instrument.id);
    let info = instrument.info.as_ref();
    let (view, _) = instrument.versions.first().map_or_else(
        || {
            (
                InstrumentView {
                    id: instrument.id.clone(),
                    title: instrument.id.clone(),
                    short_title: instrument.id.clone(),
                    identifiers: BTreeMap::new(),
                },
                None,
            )
        },
        |v| {
            let (i, v) = checklist::views(instrument, v);
            (i, Some(v))
        },
    );
    let home = Link {
        href: "index.html".to_owned(),
        text: "All instruments".to_owned(),
    };
    let crumb_instrument = |root: &str| Link {
        href: format!("{root}{href_dir}/index.html"),
        text: view.short_title.clone(),
    };

    // Diffs between consecutive versions.
    let mut diffs = Vec::new();
    for pair in instrument.versions.windows(2) {
        let (from, to) = (&pair[0], &pair[1]);
        let d = diff::diff(&spec.actors, (instrument, from), (instrument, to));
        let name = diff_name(&from.id, &to.id);
        let nav = Nav {
            root: "../../".to_owned(),
            crumbs: vec![
                Link {
                    href: "../../index.html".to_owned(),
                    text: home.text.clone(),
                },
                crumb_instrument("../../"),
            ],
            downloads: vec![Link {
                href: format!("{name}.json"),
                text: "JSON".to_owned(),
            }],
            provisions: None,
            chart: None,
        };
        let html = render::render_page("diff.html", &d, &nav).map_err(page_error("diff.html"))?;
        files.insert(
            dir.join("diff").join(format!("{name}.html")),
            html.into_bytes(),
        );
        files.insert(dir.join("diff").join(format!("{name}.json")), json(&d));
        diffs.push(DiffLink {
            from: from.id.clone(),
            to: to.id.clone(),
            href: format!("diff/{name}.html"),
            material: d.summary.material,
            editorial: d.summary.editorial,
        });
    }

    // Where each provision appears, version by version: one entry per version it is in.
    let mut appearances: HashMap<&str, Vec<(usize, Link)>> = HashMap::new();
    for (at, v) in instrument.versions.iter().enumerate() {
        for q in v.provisions() {
            let seen = appearances.entry(q.id.as_str()).or_default();
            if seen.last().is_none_or(|(last, _)| *last != at) {
                seen.push((
                    at,
                    Link {
                        href: format!(
                            "../../{}/provisions/{}.html",
                            segment(&v.id),
                            render::page_name(&q.id)
                        ),
                        text: format!("{} ({})", v.id, q.reference),
                    },
                ));
            }
        }
    }

    let main = checklist::default_version(instrument).map(|v| v.id.clone());
    let mut versions = Vec::new();
    let mut actors = Vec::new();
    for (at, version) in instrument.versions.iter().enumerate() {
        let vdir = dir.join(&version.id);
        let vrel = segment(&version.id);
        let vhref = format!("{href_dir}/{vrel}");
        let list = checklist::build(spec, instrument, version, &[], as_of)?;
        let line = timeline::build(&list);
        // A version with nothing dated has no calendar: none is written or linked.
        let calendar = render::ics::calendar(&line).ok();
        let calendar_link = || Link {
            href: "timeline.ics".to_owned(),
            text: "Deadlines (iCalendar)".to_owned(),
        };
        let version_crumb = |root: &str| Link {
            href: format!("{root}{vhref}/checklist.html"),
            text: format!("version {}", version.id),
        };
        // Checklist of all actors, with downloads.
        let nav = Nav {
            root: "../../".to_owned(),
            crumbs: vec![
                Link {
                    href: "../../index.html".to_owned(),
                    text: home.text.clone(),
                },
                crumb_instrument("../../"),
            ],
            downloads: [
                Some(Link {
                    href: "checklist.csv".to_owned(),
                    text: "Checklist (CSV)".to_owned(),
                }),
                Some(Link {
                    href: "checklist.json".to_owned(),
                    text: "Checklist (JSON)".to_owned(),
                }),
                calendar.is_some().then(calendar_link),
                Some(Link {
                    href: "timeline.json".to_owned(),
                    text: "Timeline (JSON)".to_owned(),
                }),
            ]
            .into_iter()
            .flatten()
            .collect(),
            provisions: Some("provisions/".to_owned()),
            chart: None,
        };
        let html = render::render_page("checklist.html", &list, &nav)
            .map_err(page_error("checklist.html"))?;
        files.insert(vdir.join("checklist.html"), html.into_bytes());
        files.insert(vdir.join("checklist.csv"), render::csv::checklist(&list)?);
        files.insert(vdir.join("checklist.json"), json(&list));
        if let Some(calendar) = &calendar {
            files.insert(vdir.join("timeline.ics"), calendar.clone().into_bytes());
        }
        files.insert(vdir.join("timeline.json"), json(&line));
        let nav = Nav {
            chart: chart::timeline_svg(&line),
            provisions: None,
            downloads: calendar.iter().map(|_| calendar_link()).collect(),
            ..nav
        };
        let html = render::render_page("timeline.html", &line, &nav)
            .map_err(page_error("timeline.html"))?;
        files.insert(vdir.join("timeline.html"), html.into_bytes());

        // One checklist per actor involved in the version.
        let involved: Vec<String> = involved_actors(spec, &list);
        for actor in &involved {
            let mine = checklist::build(
                spec,
                instrument,
                version,
                std::slice::from_ref(actor),
                as_of,
            )?;
            let nav = Nav {
                root: "../../../".to_owned(),
                crumbs: vec![
                    Link {
                        href: "../../../index.html".to_owned(),
                        text: home.text.clone(),
                    },
                    crumb_instrument("../../../"),
                    version_crumb("../../../"),
                ],
                downloads: Vec::new(),
                provisions: Some("../provisions/".to_owned()),
                chart: None,
            };
            let html = render::render_page("checklist.html", &mine, &nav)
                .map_err(page_error("checklist.html"))?;
            files.insert(
                vdir.join("actors")
                    .join(format!("{}.html", render::page_name(actor))),
                html.into_bytes(),
            );
            if Some(&version.id) == main.as_ref() {
                let party = checklist::party(&spec.actors, actor);
                actors.push(ActorLink {
                    id: actor.clone(),
                    name: party.name,
                    short: party.short,
                    href: format!("{vrel}/actors/{}.html", render::page_name(actor)),
                    items: mine.items.len(),
                });
            }
        }

        // A page per provision.
        let deadlines = deadline::compute(instrument, version, as_of);
        for (p, deadline) in version.provisions().zip(&deadlines) {
            let page = provision_page(
                spec,
                instrument,
                version,
                p,
                deadline,
                as_of,
                &diffs,
                (
                    at,
                    appearances
                        .get(p.id.as_str())
                        .map_or(&[][..], Vec::as_slice),
                ),
            );
            let nav = Nav {
                root: "../../../".to_owned(),
                crumbs: vec![
                    Link {
                        href: "../../../index.html".to_owned(),
                        text: home.text.clone(),
                    },
                    crumb_instrument("../../../"),
                    version_crumb("../../../"),
                ],
                downloads: Vec::new(),
                provisions: None,
                chart: None,
            };
            let html = render::render_page("site/provision.html", &page, &nav)
                .map_err(page_error("site/provision.html"))?;
            files.insert(
                vdir.join("provisions")
                    .join(format!("{}.html", render::page_name(&p.id))),
                html.into_bytes(),
            );
        }
        let version_info = instrument.version_info(&version.id).map(|(_, v)| v);
        versions.push(VersionLinks {
            version: list.version.clone(),
            summary: version_info.and_then(|v| v.summary.clone()),
            notes: version_info.and_then(|v| v.notes.clone()),
            checklist: format!("{vrel}/checklist.html"),
            timeline: format!("{vrel}/timeline.html"),
            counts: list.summary,
        });
    }
    let sources = info
        .map(|i| {
            i.sources
                .keys()
                .flat_map(|id| {
                    checklist::sources(
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
    let card = Card {
        instrument: view,
        kind: info.map_or("other", |i| kind_word(i.kind)),
        summary: info.and_then(|i| i.summary.clone()),
        notes: info.and_then(|i| i.notes.clone()),
        href: format!("{href_dir}/index.html"),
        dir: format!("{href_dir}/"),
        versions,
        diffs,
        main_version: main,
        actors,
        sources,
    };
    let nav = Nav {
        root: "../".to_owned(),
        crumbs: vec![Link {
            href: "../index.html".to_owned(),
            text: home.text,
        }],
        downloads: Vec::new(),
        provisions: None,
        chart: None,
    };
    let html = render::render_page("site/instrument.html", &card, &nav)
        .map_err(page_error("site/instrument.html"))?;
    files.insert(dir.join("index.html"), html.into_bytes());
    Ok(card)
}

/// Every actor that leads, acts in or is consulted on an item, in id order.
fn involved_actors(spec: &Spec, list: &checklist::Checklist) -> Vec<String> {
    let mut ids: Vec<String> = list
        .items
        .iter()
        .flat_map(|i| i.leads.iter().chain(i.consulted.iter()))
        .flat_map(|l| std::iter::once(&l.actor).chain(l.acting_through.as_ref()))
        .map(|p| p.id.clone())
        .filter(|id| spec.actors.items.contains_key(id))
        .collect();
    // Parents too: a department's page gathers its components' items.
    let mut parents: Vec<String> = ids
        .iter()
        .filter_map(|id| spec.actors.items.get(id).and_then(|a| a.parent.clone()))
        .collect();
    ids.append(&mut parents);
    ids.sort();
    ids.dedup();
    ids
}

#[expect(
    clippy::too_many_arguments,
    reason = "the one call site passes the version's context"
)]
fn provision_page(
    spec: &Spec,
    instrument: &Instrument,
    version: &Version,
    p: &crate::model::Located<crate::model::Provision>,
    deadline: &deadline::Deadline,
    as_of: NaiveDate,
    diffs: &[DiffLink],
    (at, seen): (usize, &[(usize, Link)]),
) -> ProvisionPage {
    let item = checklist::provision_item(spec, instrument, version, p, deadline, as_of);
    let (instrument_view, version_view) = checklist::views(instrument, version);
    let (appearances, appearances_left_out) = nearby(seen, at);
    let terms = p
        .terms
        .iter()
        .filter_map(|t| version.terms.items.get(t))
        .map(|t| TermView {
            term: t.term.clone(),
            meaning: t.meaning.clone(),
            defined: format!("{:?}", t.defined).to_lowercase(),
        })
        .collect();
    let diff_links = diffs
        .iter()
        .filter(|d| d.from == version.id || d.to == version.id)
        .map(|d| Link {
            href: format!("../../diff/{}.html", diff_name(&d.from, &d.to)),
            text: format!("changes from {} to {}", d.from, d.to),
        })
        .collect();
    ProvisionPage {
        instrument: instrument_view,
        version: version_view,
        as_of: as_of.to_string(),
        item,
        text: p.text.clone(),
        history: checklist::history(instrument, p),
        appearances,
        appearances_left_out,
        terms,
        diffs: diff_links,
    }
}

/// A provision page lists the versions a provision appears in only up to this many; past it,
/// the first, the latest and the nearest few, so that a page's size does not grow with the
/// number of versions (nor the site's with their square).
const APPEARANCES_LISTED: usize = 10;

/// The appearances to list on the page of the one in version `at`, and how many are left out.
fn nearby(seen: &[(usize, Link)], at: usize) -> (Vec<Link>, usize) {
    if seen.len() <= APPEARANCES_LISTED {
        return (seen.iter().map(|(_, link)| link.clone()).collect(), 0);
    }
    let here = seen.partition_point(|(version, _)| *version < at);
    let window = here.saturating_sub(3)..(here + 4).min(seen.len());
    let mut keep: Vec<usize> = std::iter::once(0)
        .chain(window)
        .chain(std::iter::once(seen.len() - 1))
        .collect();
    keep.dedup();
    let links = keep.iter().map(|&i| seen[i].1.clone()).collect::<Vec<_>>();
    let left_out = seen.len() - links.len();
    (links, left_out)
}

fn kind_word(kind: crate::model::InstrumentKind) -> &'static str {
    use crate::model::InstrumentKind as K;
    match kind {
        K::ExecutiveOrder => "executive order",
        K::Memorandum => "memorandum",
        K::Proclamation => "proclamation",
        K::Statute => "statute",
        K::Regulation => "regulation",
        K::Directive => "directive",
        K::Guidance => "guidance",
        K::Treaty => "treaty",
        K::Other => "instrument",
    }
}

fn json(view: &impl Serialize) -> Vec<u8> {
    let mut text = serde_json::to_vec_pretty(view).unwrap_or_default();
    text.push(b'\n');
    text
}

/// Writes the site to `out` (see [`output::write_folder`]): a folder that is absent, empty or
/// an earlier site is replaced whole once every page is written; any other folder only with
/// [`Replace::Force`].
pub fn write_site(site: &Site, out: &Path, replace: Replace) -> Result<(), Error> {
    output::write_folder(out, replace, |dir| {
        for (path, bytes) in &site.files {
            let target = dir.join(path);
            if let Some(parent) = target.parent() {
                fs::create_dir_all(parent).map_err(|source| Error::Write {
                    path: parent.to_path_buf(),
                    source,
                })?;
            }
            fs::write(&target, bytes).map_err(|source| Error::Write {
                path: target.clone(),
                source,
            })?;
        }
        Ok(())
    })
}
