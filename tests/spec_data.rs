//! The shipped spec: it checks clean, and the facts of EO 14409 that matter most are pinned
//! here, so that an edit that drops or changes one fails a test, not a reader.

use std::collections::BTreeMap;

use orderly::Limits;
use orderly::model::{
    Actors, Basis, Binding, Disputable, Due, Instrument, Located, Period, Provision, Unit, Version,
};

use crate::support::{orderly, repo};

#[test]
fn shipped_spec_checks_clean() {
    let run = orderly(
        &repo(),
        &["check", "--deny-warnings", "--format", "concise"],
    );
    assert_eq!(run.code, 0, "{}", run.stdout);
}

fn eo_14409() -> Instrument {
    let workspace = orderly::load(&repo().join("spec"), &Limits::default());
    assert!(workspace.diagnostics.is_empty());
    workspace
        .spec
        .instruments
        .into_iter()
        .find(|i| i.id == "eo-14409")
        .expect("spec/eo-14409")
}

fn version<'a>(instrument: &'a Instrument, id: &str) -> &'a Version {
    instrument.versions.iter().find(|v| v.id == id).unwrap()
}

fn provision<'a>(version: &'a Version, id: &str) -> &'a Located<Provision> {
    version
        .provisions()
        .find(|p| p.id == id)
        .unwrap_or_else(|| panic!("{}: no provision `{id}`", version.id))
}

/// Provision ids per section, in document order.
fn outline(version: &Version) -> BTreeMap<String, Vec<String>> {
    version
        .sections
        .iter()
        .map(|s| {
            let ids = s.provisions.iter().map(|p| p.id.clone()).collect();
            (s.number().unwrap().to_owned(), ids)
        })
        .collect()
}

fn within(days: i64) -> Disputable<Due> {
    Disputable::Settled(Due::Within {
        period: Period {
            count: days,
            unit: Unit::Days,
        },
        of: "order-date".to_owned(),
    })
}

#[test]
fn identity_and_versions() {
    let eo = eo_14409();
    let info = eo.info.as_ref().unwrap();
    assert_eq!(
        info.title,
        "Promoting Advanced Artificial Intelligence Innovation and Security"
    );
    assert_eq!(info.identifiers["eo-number"], "14409");
    assert_eq!(info.identifiers["fr-document"], "2026-11415");
    assert_eq!(info.identifiers["fr-citation"], "91 FR 34565");
    let versions: Vec<(&str, &str, Basis)> = info
        .versions
        .iter()
        .map(|v| (v.id.as_str(), v.date.as_str(), v.basis))
        .collect();
    assert_eq!(
        versions,
        [
            ("draft", "2026-05-21", Basis::Reported),
            ("signed", "2026-06-02", Basis::Primary)
        ]
    );
    let signed = &info.versions[1].anchors;
    assert_eq!(
        signed["order-date"].as_ref().unwrap().as_str(),
        "2026-06-02"
    );
    assert_eq!(
        signed["publication-date"].as_ref().unwrap().as_str(),
        "2026-06-05"
    );
    // The draft was never signed: its deadlines have no start date.
    assert!(info.versions[0].anchors["order-date"].is_none());
}

#[test]
fn every_directive_of_the_signed_order_is_encoded() {
    let eo = eo_14409();
    let outline = outline(version(&eo, "signed"));
    let expected: BTreeMap<String, Vec<String>> = [
        (
            "1",
            &[
                "purpose-findings",
                "agencies-definition",
                "policy-statement",
            ][..],
        ),
        (
            "2",
            &[
                "nss-cyber-defense",
                "war-systems-cyber-defense",
                "cisa-directives",
                "cisa-directives-federal-systems",
                "cisa-directives-defensive-programs",
                "cisa-directives-access-to-tools",
                "clearinghouse",
                "grant-funds-determination",
                "tech-force-hiring",
            ][..],
        ),
        (
            "3",
            &[
                "classified-benchmark",
                "nsa-designation",
                "voluntary-framework",
                "framework-coverage-question",
                "framework-pre-release-access",
                "framework-access-safeguards",
                "framework-trusted-partners",
                "no-licensing-construction",
            ][..],
        ),
        ("4", &["criminal-misuse-enforcement"][..]),
        (
            "5",
            &[
                "authority-preserved",
                "law-and-appropriations",
                "no-enforceable-rights",
                "publication-costs",
            ][..],
        ),
    ]
    .into_iter()
    .map(|(s, ids)| {
        (
            s.to_owned(),
            ids.iter().map(|id| (*id).to_owned()).collect(),
        )
    })
    .collect();
    assert_eq!(outline, expected);
}

#[test]
fn deadlines_of_the_signed_order() {
    let eo = eo_14409();
    let signed = version(&eo, "signed");
    for id in [
        "nss-cyber-defense",
        "war-systems-cyber-defense",
        "cisa-directives",
        "cisa-directives-federal-systems",
        "cisa-directives-defensive-programs",
        "cisa-directives-access-to-tools",
        "clearinghouse",
        "grant-funds-determination",
    ] {
        assert_eq!(provision(signed, id).due, Some(within(30)), "{id}");
    }
    for id in [
        "tech-force-hiring",
        "classified-benchmark",
        "voluntary-framework",
        "framework-access-safeguards",
    ] {
        assert_eq!(provision(signed, id).due, Some(within(60)), "{id}");
    }
    for id in [
        "nsa-designation",
        "criminal-misuse-enforcement",
        "publication-costs",
    ] {
        assert_eq!(
            provision(signed, id).due,
            Some(Disputable::Settled(Due::Ongoing)),
            "{id}"
        );
    }
}

#[test]
fn access_window_is_30_days_signed_and_90_days_in_the_draft() {
    let eo = eo_14409();
    let window = |v: &str| {
        let p = provision(version(&eo, v), "framework-pre-release-access");
        p.parameters
            .get("access_window")
            .unwrap()
            .settled()
            .cloned()
    };
    assert_eq!(window("signed"), Some(serde_json::json!("30d")));
    assert_eq!(window("draft"), Some(serde_json::json!("90d")));
}

#[test]
fn actors_and_chains_as_the_order_gives_them() {
    let eo = eo_14409();
    let signed = version(&eo, "signed");
    let lead = |id: &str| match provision(signed, id)
        .actor
        .as_ref()
        .and_then(|a| a.settled())
    {
        Some(Actors::One(a)) => vec![a.clone()],
        Some(Actors::Many(a)) => a.clone(),
        None => Vec::new(),
    };
    let through = |id: &str| -> BTreeMap<String, String> {
        provision(signed, id)
            .acting_through
            .as_ref()
            .and_then(|t| t.settled())
            .map(|t| t.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
            .unwrap_or_default()
    };
    let consults = |id: &str| {
        provision(signed, id)
            .consults
            .as_ref()
            .and_then(|c| c.settled())
            .cloned()
            .unwrap_or_default()
    };
    let map = |pairs: &[(&str, &str)]| -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
            .collect()
    };
    assert_eq!(lead("nss-cyber-defense"), ["cnss"]);
    assert_eq!(lead("war-systems-cyber-defense"), ["dow"]);
    assert_eq!(
        (lead("cisa-directives"), through("cisa-directives")),
        (vec!["dhs".to_owned()], map(&[("dhs", "cisa")]))
    );
    assert_eq!(consults("cisa-directives"), ["omb", "apnsa", "oncd"]);
    assert_eq!(lead("clearinghouse"), ["treasury"]);
    assert_eq!(consults("clearinghouse"), ["oncd", "dow", "dhs"]);
    assert_eq!(
        through("clearinghouse"),
        map(&[("dow", "nsa"), ("dhs", "cisa")])
    );
    assert_eq!(
        (
            lead("grant-funds-determination"),
            consults("grant-funds-determination")
        ),
        (
            vec!["omb".to_owned()],
            vec!["oncd".to_owned(), "cisa".to_owned()]
        )
    );
    assert_eq!(lead("tech-force-hiring"), ["opm"]);
    assert_eq!(lead("classified-benchmark"), ["treasury", "dow", "dhs"]);
    assert_eq!(
        through("classified-benchmark"),
        map(&[("dow", "nsa"), ("dhs", "cisa")])
    );
    assert_eq!(consults("classified-benchmark"), ["nist", "oncd", "apst"]);
    assert_eq!(lead("nsa-designation"), ["nsa"]);
    assert_eq!(lead("criminal-misuse-enforcement"), ["attorney-general"]);
    assert_eq!(lead("publication-costs"), ["dow"]);
    let statutes = &provision(signed, "criminal-misuse-enforcement")
        .parameters
        .get("statutes")
        .unwrap();
    let statutes = statutes.settled().unwrap().as_array().unwrap();
    let cited: Vec<&str> = statutes
        .iter()
        .map(|s| s.as_str().unwrap().split(" (").next().unwrap())
        .collect();
    assert_eq!(
        cited,
        ["18 U.S.C. 1028", "18 U.S.C. 1030", "18 U.S.C. 1343"]
    );
}

#[test]
fn inferred_letters_say_so() {
    let eo = eo_14409();
    let signed = version(&eo, "signed");
    for id in [
        "nss-cyber-defense",
        "war-systems-cyber-defense",
        "grant-funds-determination",
        "tech-force-hiring",
        "classified-benchmark",
        "voluntary-framework",
    ] {
        assert!(
            provision(signed, id).inferred.iter().any(|f| f == "ref"),
            "{id}"
        );
    }
    for id in [
        "cisa-directives",
        "clearinghouse",
        "no-licensing-construction",
    ] {
        assert!(
            !provision(signed, id).inferred.iter().any(|f| f == "ref"),
            "{id} is attested"
        );
    }
}

#[test]
fn the_drafts_disputed_points_are_disputed() {
    let eo = eo_14409();
    let draft = version(&eo, "draft");
    let review = provision(draft, "framework-pre-release-access")
        .binding
        .as_ref()
        .unwrap();
    let readings: Vec<Binding> = review.readings().iter().map(|r| r.reading).collect();
    assert_eq!(readings, [Binding::Voluntary, Binding::Mandatory]);
    let clause = provision(draft, "no-licensing-construction")
        .presence
        .as_ref()
        .unwrap();
    assert_eq!(clause.disputed.len(), 2);
    let deadline = provision(draft, "clearinghouse").due.as_ref().unwrap();
    let periods: Vec<i64> = deadline
        .readings()
        .iter()
        .map(|r| match &r.reading {
            Due::Within { period, .. } => period.count,
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(periods, [90, 30]);
    let sourced = review.readings().iter().all(|r| !r.sources.is_empty())
        && deadline.readings().iter().all(|r| !r.sources.is_empty())
        && clause.disputed.iter().all(|r| !r.sources.is_empty());
    assert!(sourced);
}

#[test]
fn implementation_status_as_of_2026_11_26() {
    let eo = eo_14409();
    let signed = version(&eo, "signed");
    for p in signed
        .provisions()
        .filter(|p| p.kind == orderly::model::Kind::Obligation && p.parent.is_none())
    {
        let last = p
            .status
            .last()
            .unwrap_or_else(|| panic!("{}: no status", p.id));
        assert_eq!(last.as_of.as_str(), "2026-11-26", "{}", p.id);
        assert_eq!(last.state, orderly::model::State::Unknown, "{}", p.id);
    }
    let bod = provision(signed, "cisa-directives").status.last().unwrap();
    let summary = bod.summary.as_deref().unwrap();
    assert!(
        summary.contains("BOD 26-04")
            && summary.contains("2026-06-10")
            && summary.contains("not as"),
        "{summary}"
    );
    assert!(!bod.sources.is_empty());
}

#[test]
fn deadlines_fall_on_2026_07_02_and_2026_08_01() {
    let workspace = orderly::load(&repo().join("spec"), &Limits::default());
    let eo = workspace
        .spec
        .instruments
        .iter()
        .find(|i| i.id == "eo-14409")
        .unwrap();
    let signed = version(eo, "signed");
    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    let checklist =
        orderly::compile::checklist::build(&workspace.spec, eo, signed, &[], as_of).unwrap();
    let timeline = orderly::compile::timeline::build(&checklist);
    let dates: Vec<&str> = timeline.events.iter().map(|e| e.date.as_str()).collect();
    assert_eq!(dates, ["2026-07-02", "2026-08-01"]);
    assert_eq!(timeline.events[0].provisions.len(), 8);
    assert_eq!(
        timeline.events[1].provisions,
        [
            "tech-force-hiring",
            "classified-benchmark",
            "voluntary-framework",
            "framework-access-safeguards"
        ]
    );
}

/// The diff of EO 14409 from the draft to the signed order, as JSON.
fn draft_to_signed() -> serde_json::Value {
    serde_json::from_str(&crate::diff::eo_diff("json")).unwrap()
}

#[test]
fn the_drafts_benchmark_has_the_signed_structure_and_is_no_reported_difference() {
    let eo = eo_14409();
    let (draft, signed) = (version(&eo, "draft"), version(&eo, "signed"));
    let (old, new) = (
        provision(draft, "classified-benchmark"),
        provision(signed, "classified-benchmark"),
    );
    assert_eq!(old.acting_through, new.acting_through);
    assert_eq!(old.actor, new.actor);
    for field in ["actor", "acting_through"] {
        assert!(old.inferred.iter().any(|f| f == field), "{field}");
    }
    let diff = draft_to_signed();
    let change = diff["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "classified-benchmark")
        .unwrap();
    assert_ne!(change["class"], "reported-difference", "{change}");
    for f in change["fields"].as_array().unwrap() {
        assert_ne!(f["field"], "acting_through", "{f}");
    }
}

#[test]
fn the_drafts_framework_lead_is_disputed_with_oncd() {
    let eo = eo_14409();
    let lead = provision(version(&eo, "draft"), "voluntary-framework")
        .actor
        .as_ref()
        .unwrap();
    let readings: Vec<Vec<String>> = lead
        .readings()
        .iter()
        .map(|r| match &r.reading {
            Actors::One(a) => vec![a.clone()],
            Actors::Many(a) => a.clone(),
        })
        .collect();
    assert_eq!(readings, [vec!["treasury", "dow", "dhs"], vec!["oncd"]]);
}

#[test]
fn trusted_partners_are_chosen_jointly() {
    let eo = eo_14409();
    let p = provision(version(&eo, "signed"), "framework-trusted-partners");
    let Some(Actors::Many(leads)) = p.actor.as_ref().and_then(|a| a.settled()) else {
        panic!("joint leads: {:?}", p.actor);
    };
    assert_eq!(leads, &["ai-developers", "treasury", "dow", "dhs"]);
    assert!(p.consults.is_none());
}

#[test]
fn review_findings_on_flags_confidence_and_terms() {
    let eo = eo_14409();
    let signed = version(&eo, "signed");
    for number in ["1", "4"] {
        let header = signed
            .sections
            .iter()
            .find(|s| s.number() == Some(number))
            .and_then(|s| s.header.as_ref())
            .unwrap();
        assert_eq!(header.inferred, ["heading"], "Sec. {number}");
    }
    assert_eq!(
        provision(signed, "framework-coverage-question").confidence,
        orderly::model::Confidence::Medium
    );
    for id in ["ai-agents", "ai"] {
        let term = signed.terms.items.get(id).unwrap();
        assert_eq!(term.defined, orderly::model::Definedness::Undefined, "{id}");
    }
    let text = |id: &str| provision(signed, id).action.clone();
    assert!(!text("grant-funds-determination").contains("unspent"));
    assert!(text("no-licensing-construction").contains("governmental licensing"));
}

#[test]
fn the_signed_versions_caveat_stands_beside_its_basis() {
    let eo = eo_14409();
    let info = eo.info.as_ref().unwrap();
    let signed = info.versions.iter().find(|v| v.id == "signed").unwrap();
    let caveat = signed.caveat.as_deref().unwrap();
    assert!(caveat.contains("not consulted"), "{caveat}");
    // The Federal Register document is the official citation, not a source relied on.
    assert!(signed.sources.iter().all(|s| !s.source.starts_with("fr-")));
    assert_eq!(info.identifiers["fr-document"], "2026-11415");
    let run = |args: &[&str]| {
        let run = orderly(&repo(), args);
        assert_eq!(run.code, 0, "{}", run.stderr);
        run.stdout
    };
    let beside = format!("(primary). **Caveat:** {caveat}");
    for command in ["checklist", "timeline"] {
        let out = run(&[
            command,
            "spec/eo-14409",
            "--version",
            "signed",
            "--format",
            "md",
        ]);
        assert!(out.contains(&beside), "{command}: {out}");
    }
    let md = run(&[
        "diff",
        "spec/eo-14409",
        "--from",
        "draft",
        "--to",
        "signed",
        "--format",
        "md",
    ]);
    assert!(
        md.contains(&format!("| Basis | reported | primary; caveat: {caveat} |")),
        "{md}"
    );
    assert_eq!(draft_to_signed()["to"]["version"]["caveat"], caveat);
}

#[test]
fn checklist_items_say_when_their_section_heading_is_inferred() {
    let run = orderly(
        &repo(),
        &[
            "checklist",
            "spec/eo-14409",
            "--version",
            "signed",
            "--format",
            "md",
        ],
    );
    assert!(
        run.stdout
            .contains("- **Section:** 4 Protection Against Criminal Actors (heading inferred)"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("- **Section:** 2 Upgrading American Systems for Advanced AI\n"),
        "{}",
        run.stdout
    );
}
