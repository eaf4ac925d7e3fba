//! The whole `check` pipeline on a spec folder written from fuzz input, then every compiler on
//! what checks clean.
//!
//! Properties: nothing panics; every diagnostic lies inside its file and every report format
//! renders; a clean spec compiles into checklists and timelines in every format, and a site.

#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use orderly::compile::{checklist, timeline};
use orderly::render;

fuzz_target!(|data: &[u8]| {
    let files = common::files_of(data);
    let dir = common::scratch();
    common::write_folder(dir, &files);
    let workspace = orderly::load(dir, &common::limits());
    common::check_report(&workspace);
    if !common::clean(&workspace) {
        return;
    }
    let spec = &workspace.spec;
    for instrument in &spec.instruments {
        for version in &instrument.versions {
            let Ok(list) = checklist::build(spec, instrument, version, &[], common::as_of()) else {
                continue;
            };
            render::render("checklist.md", &list).expect("the checklist renders");
            render::render("checklist.html", &list).expect("the checklist renders");
            render::csv::checklist(&list).expect("the checklist renders");
            let json = render::json::pretty(&list);
            serde_json::from_str::<serde_json::Value>(&json).expect("the checklist is JSON");
            let line = timeline::build(&list);
            render::render("timeline.md", &line).expect("the timeline renders");
            render::render("timeline.html", &line).expect("the timeline renders");
            render::render("timeline.mmd", &line).expect("the timeline renders");
            // A calendar exactly when something is dated, and then one event per dated item.
            let dated: usize = line.events.iter().map(|e| e.items.len()).sum();
            match render::ics::calendar(&line) {
                Ok(ics) => assert_eq!(
                    ics.split("\r\n").filter(|l| *l == "BEGIN:VEVENT").count(),
                    dated
                ),
                Err(_) => assert_eq!(dated, 0, "a dated timeline has a calendar"),
            }
            render::chart::timeline_svg(&line);
        }
    }
    orderly::render_site(spec, common::as_of()).expect("the site renders");
});
