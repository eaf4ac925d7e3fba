//! The shipped spec is written in its own words: no text in `spec/` shares a run of ten or more
//! words with the research it was encoded from or with the official text of an order it
//! encodes (copies are kept in `tests/fixtures/research/`). Quoted passages are left out on
//! both sides, so that official titles and short quotations, which must be exact, do not
//! count.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use orderly::Limits;
use orderly::testing::parse_value_general;
use serde_json::Value;

use crate::support::repo;

/// The shortest shared run of words that counts as copied.
const RUN: usize = 10;

/// The research the EO 14409 encoding rests on.
const FACT_SHEET: &str = "tests/fixtures/research/eo14409-facts.md";

/// The parts of EO 14179's Federal Register text that its encoding was read from.
const EO_14179_TEXT: &str = "tests/fixtures/research/eo-14179-fr.txt";

/// Pieces of `text` that lie outside quotation marks (straight or curly) and, for Markdown,
/// outside table-cell borders, with web addresses left out: a run of words never spans two
/// pieces.
fn pieces(text: &str) -> Vec<String> {
    let text: String = text
        .split_inclusive(char::is_whitespace)
        .map(|token| if token.contains("://") { "|" } else { token })
        .collect();
    let text = text.as_str();
    let mut out = Vec::new();
    let mut start = 0;
    let mut quote: Option<char> = None;
    for (i, c) in text.char_indices() {
        match (quote, c) {
            (None, '"' | '\u{201c}') => {
                out.push(text[start..i].to_owned());
                quote = Some(if c == '"' { '"' } else { '\u{201d}' });
            }
            (Some(close), _) if c == close => {
                quote = None;
                start = i + c.len_utf8();
            }
            (None, '|') => {
                out.push(text[start..i].to_owned());
                start = i + 1;
            }
            _ => {}
        }
    }
    if quote.is_none() {
        out.push(text[start..].to_owned());
    }
    out
}

/// The lower-cased words of a piece: runs of letters and digits.
fn words(piece: &str) -> Vec<String> {
    piece
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Every run of [`RUN`] words in `text`, outside quotations.
fn runs(text: &str) -> HashSet<Vec<String>> {
    pieces(text)
        .into_iter()
        .flat_map(|piece| {
            let words = words(&piece);
            words
                .windows(RUN)
                .map(<[String]>::to_vec)
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The stretches of `text` (outside quotations) made of runs found in `known`, each as the
/// words it spans.
fn copied(text: &str, known: &HashSet<Vec<String>>) -> Vec<String> {
    let mut found = Vec::new();
    for piece in pieces(text) {
        let words = words(&piece);
        let hits: Vec<bool> = words
            .windows(RUN)
            .map(|w| known.contains(&w.to_vec()))
            .collect();
        let mut i = 0;
        while i < hits.len() {
            if hits[i] {
                let mut end = i;
                while end + 1 < hits.len() && hits[end + 1] {
                    end += 1;
                }
                found.push(words[i..end + RUN].join(" "));
                i = end + 1;
            } else {
                i += 1;
            }
        }
    }
    found
}

/// Every string in a YAML value, with the JSON pointer to it.
fn strings(value: &Value, at: &str, out: &mut Vec<(String, String)>) {
    match value {
        Value::String(s) => out.push((at.to_owned(), s.clone())),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                strings(item, &format!("{at}/{i}"), out);
            }
        }
        Value::Object(map) => {
            for (key, item) in map {
                strings(item, &format!("{at}/{key}"), out);
            }
        }
        _ => {}
    }
}

fn yaml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            yaml_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "yaml") {
            out.push(path);
        }
    }
}

fn fact_sheet() -> HashSet<Vec<String>> {
    let text = fs::read_to_string(repo().join(FACT_SHEET)).unwrap();
    // Bold and italic marks are not words and may fall inside a run.
    runs(&text.replace('*', ""))
}

/// Every run of [`RUN`] words in the order's text. Lines starting with `#` are the file's
/// header, and each paragraph is a passage of its own, so no run spans two passages that were
/// read from different places.
fn order_text() -> HashSet<Vec<String>> {
    let text = fs::read_to_string(repo().join(EO_14179_TEXT)).unwrap();
    let mut body = String::new();
    for line in text.lines().filter(|line| !line.starts_with('#')) {
        body.push_str(line);
        body.push('\n');
    }
    body.split("\n\n").flat_map(runs).collect()
}

/// The places in the YAML files under `dir` whose text holds a run found in `known`.
fn copies_under(dir: &str, known: &HashSet<Vec<String>>) -> (usize, Vec<String>) {
    let mut files = Vec::new();
    yaml_files(&repo().join(dir), &mut files);
    let mut problems = Vec::new();
    for path in &files {
        let text = fs::read_to_string(path).unwrap();
        let Some(value) = parse_value_general(&text, &Limits::default()).unwrap() else {
            continue;
        };
        let mut all = Vec::new();
        strings(&value, "", &mut all);
        for (at, s) in all {
            for span in copied(&s, known) {
                let file = path.strip_prefix(repo()).unwrap().display();
                problems.push(format!("{file} {at}: \"{span}\""));
            }
        }
    }
    (files.len(), problems)
}

#[test]
fn spec_text_shares_no_run_of_ten_words_with_the_research() {
    let (files, problems) = copies_under("spec", &fact_sheet());
    assert!(files > 5, "spec/ holds the shipped YAML");
    assert!(
        problems.is_empty(),
        "text copied from {FACT_SHEET} ({} spans of {RUN} or more words); say it in the spec's \
         own words:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn a_sentence_from_the_research_is_caught_and_a_quoted_title_is_not() {
    let known = fact_sheet();
    // A paraphrase row of the sheet, copied with a word of its own before it.
    let copy = "They must find out whether existing Federal grant programs hold usable, pertinent \
                money that could go to applicants.";
    assert_eq!(
        copied(copy, &known),
        [
            "find out whether existing federal grant programs hold usable pertinent money that \
          could go to applicants"
        ]
    );
    // The same words in quotation marks are an exact quotation, not a copy.
    let quoted = "They must \"find out whether existing Federal grant programs hold usable, \
                  pertinent money that could go to applicants\".";
    assert!(copied(quoted, &known).is_empty());
    // Nine shared words are not a run.
    assert!(
        copied(
            "find out whether existing Federal grant programs hold usable",
            &known
        )
        .is_empty()
    );
    // Web addresses are identifiers, not prose.
    let address = "https://www.govinfo.gov/content/pkg/FR-2026-06-05/pdf/2026-11415.pdf";
    assert!(copied(address, &known).is_empty());
}

#[test]
fn spec_text_shares_no_run_of_ten_words_with_the_text_of_eo_14179() {
    let known = order_text();
    assert!(known.len() > 100, "the fixture holds the order's text");
    let (files, _) = copies_under("spec/eo-14179", &known);
    assert!(
        files >= 8,
        "spec/eo-14179 holds its instrument, terms and six sections"
    );
    let (_, problems) = copies_under("spec", &known);
    assert!(
        problems.is_empty(),
        "text copied from {EO_14179_TEXT} ({} spans of {RUN} or more words); say it in the \
         spec's own words:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn a_sentence_of_eo_14179_is_caught_and_its_quoted_title_is_not() {
    let known = order_text();
    // The Sec. 4(a) duty as the order words it, with a word of the encoder's own before it.
    let copy = "They shall develop and submit to the President an action plan to achieve the \
                policy set forth in section 2 of this order.";
    assert_eq!(
        copied(copy, &known),
        [
            "shall develop and submit to the president an action plan to achieve the policy set \
          forth in section 2 of this order"
        ]
    );
    // The policy of Sec. 2, read from another source than Sec. 1, is caught on its own.
    assert_eq!(
        copied(
            "It is the policy of the United States to sustain and enhance America's global AI \
             dominance.",
            &known
        ),
        [
            "it is the policy of the united states to sustain and enhance america s global ai \
          dominance"
        ]
    );
    // No run spans two passages read from different places: the end of Sec. 1's first
    // paragraph and the quoted fragment after it.
    assert!(
        copied(
            "brighter future for all Americans revokes certain existing AI policies and directives",
            &known
        )
        .is_empty()
    );
    // The heading, quoted, is the order's title and not a copy; the header lines of the file
    // are not the order's words.
    assert!(copied("\"Removing Barriers to American Leadership in Artificial Intelligence\", as published in the Federal Register", &known).is_empty());
    assert!(
        copied(
            "the order's words only, and only the parts that were read: the heading, the \
             enacting clause",
            &known
        )
        .is_empty()
    );
}
