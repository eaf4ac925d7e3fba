//! What a change of `orderly diff` shows beyond its fields: a provision in one version only,
//! whole, and both meanings of a changed defined term.

use serde_json::Value;

use crate::diff::{pull_request, run_ok};
use crate::support::repo;

/// A provision in one version only is shown whole, its summary and official text: marked as
/// inserted or deleted where that is a reported difference, plain where the other version only
/// does not report it; and its text stays text.
#[test]
fn provisions_in_one_version_are_shown_whole() {
    let (old, new) = pull_request();
    let added = new.path().join("spec/city-ordinance-12/adopted/sec-2.yaml");
    let yaml = std::fs::read_to_string(&added).unwrap().replacen(
        "    action: Publish a plan to plant shade trees.\n",
        "    action: Publish a plan to plant shade trees.\n    text: \"The Department shall publish <b>a plan</b> [x](https://e.example) *now*.\"\n",
        1,
    );
    std::fs::write(&added, yaml).unwrap();
    let dirs = [
        old.path().join("spec/city-ordinance-12"),
        new.path().join("spec/city-ordinance-12"),
    ];
    let run = |format: &str| {
        run_ok(
            &repo(),
            &[
                "diff",
                dirs[0].to_str().unwrap(),
                dirs[1].to_str().unwrap(),
                "--format",
                format,
            ],
        )
    };
    let json: Value = serde_json::from_str(&run("json")).unwrap();
    let change = |json: &Value, id: &str| {
        json["changes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == id)
            .unwrap()
            .clone()
    };
    assert_eq!(
        change(&json, "planting-gaps")["whole"],
        serde_json::json!({
            "side": "new",
            "mark": "insert",
            "action": "Publish a plan to plant shade trees.",
            "text": "The Department shall publish <b>a plan</b> [x](https://e.example) *now*.",
        })
    );
    let removed = change(&json, "planting-plan")["whole"].clone();
    assert_eq!(
        (&removed["side"], &removed["mark"]),
        (&"old".into(), &"delete".into())
    );
    assert_eq!(change(&json, "park-survey")["whole"], Value::Null);
    let md = run("md");
    assert!(
        md.contains(
            "**summary (the encoding's words):** <ins>Publish a plan to plant shade trees.</ins>"
        ),
        "{md}"
    );
    assert!(md.contains(
        "**official text:** <ins>The Department shall publish &lt;b&gt;a plan&lt;/b&gt; &#91;x&#93;(https&#58;//e.example) &#42;now&#42;.</ins>"
    ));
    let html = run("html");
    // In HTML the whole text is in the side-by-side view, and the change points at it.
    assert!(html.contains("The Department shall publish &lt;b&gt;a plan&lt;&#x2f;b&gt;"));
    assert!(html.contains(
        "Only in new adopted (added): its whole official text is in the <a href=\"#to-planting-gaps\">side-by-side view</a>."
    ), "{html}");
    assert!(!html.contains("<b>a plan"));
    // EO 14409: the draft's reporting does not describe Sec. 1, and the advance notice rests
    // on one low-confidence report; neither is marked as inserted or deleted.
    let eo: Value = serde_json::from_str(&run_ok(
        &repo(),
        &["diff", "spec/eo-14409", "--format", "json"],
    ))
    .unwrap();
    let policy = change(&eo, "policy-statement")["whole"].clone();
    assert_eq!(
        (&policy["side"], &policy["mark"]),
        (&"new".into(), &Value::Null)
    );
    assert!(
        policy["action"]
            .as_str()
            .unwrap()
            .starts_with("Declares it United States policy")
    );
    let advance = change(&eo, "advance-notice-and-infrastructure-access")["whole"].clone();
    assert_eq!(
        (&advance["side"], &advance["mark"]),
        (&"old".into(), &Value::Null)
    );
    let md = run_ok(&repo(), &["diff", "spec/eo-14409", "--format", "md"]);
    assert!(md.contains(
        "**The whole provision, as `draft` gives it:**\n\n**summary (the encoding's words):** Would have sought advance notice of new AI models"
    ));
}

/// A changed defined term shows both meanings and the redline between them; a term in one
/// version only shows its meaning.
#[test]
fn changed_terms_show_both_meanings() {
    let eo: Value = serde_json::from_str(&run_ok(
        &repo(),
        &["diff", "spec/eo-14409", "--format", "json"],
    ))
    .unwrap();
    let term = |id: &str| {
        eo["terms"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["id"] == id)
            .unwrap()
            .clone()
    };
    let covered = term("covered-frontier-model");
    let old = covered["old_meaning"].as_str().unwrap();
    let new = covered["new_meaning"].as_str().unwrap();
    assert!(
        old.starts_with("A model whose cyber capabilities NSA determines"),
        "{old}"
    );
    assert!(
        new.starts_with("An AI model whose advanced cyber capabilities"),
        "{new}"
    );
    // The redline gives back both meanings.
    let side = |skip: &str| -> String {
        covered["meaning_redline"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|s| s["op"] != skip)
            .map(|s| s["text"].as_str().unwrap())
            .collect()
    };
    assert_eq!(
        (side("insert"), side("delete")),
        (old.to_owned(), new.to_owned())
    );
    let agencies = term("agencies");
    assert_eq!(agencies["old_meaning"], Value::Null);
    assert!(agencies["new_meaning"].is_string());
    assert_eq!(agencies["meaning_redline"], serde_json::json!([]));
    let md = run_ok(&repo(), &["diff", "spec/eo-14409", "--format", "md"]);
    assert!(md.contains(&format!(
        "  - meaning in `draft`: {old}\n  - meaning in `signed`: "
    )));
    assert!(md.contains("  - redline: <del>A</del> <ins>An AI</ins> model whose <ins>advanced </ins>cyber capabilities <del>"));
    let html = run_ok(&repo(), &["diff", "spec/eo-14409", "--format", "html"]);
    assert!(html.contains(&format!("<dt>meaning in draft</dt><dd>{old}</dd>")));
    assert!(html.contains("<dt>redline</dt><dd class=\"redline\"><del>A</del> <ins>An AI</ins>"));
}
