//! The fast YAML path against the general parser: on every file the repository holds, on a
//! generated corpus, and on generated documents in many styles, the fast path either gives up
//! or gives exactly the general parser's value. And it does not give up on the files orderly
//! is used with, or it would not be a fast path.

use std::fmt::Write as _;
use std::path::Path;

use orderly::Limits;
use orderly::testing::{decode, parse_value_fast, parse_value_general};
use proptest::prelude::*;
use serde_json::{Map, Value};

use crate::support::{repo, tree};

fn compare(text: &str) -> bool {
    let limits = Limits::default();
    let fast = parse_value_fast(text, &limits);
    if let Some(fast) = &fast {
        let general =
            parse_value_general(text, &limits).expect("the fast path accepted it, so it parses");
        assert_eq!(
            fast, &general,
            "fast and general parsers disagree on:\n{text}"
        );
    }
    fast.is_some()
}

fn yaml_files(dir: &Path) -> Vec<String> {
    tree(dir)
        .into_iter()
        .filter(|f| {
            Path::new(f)
                .extension()
                .is_some_and(|e| e == "yaml" || e == "yml")
        })
        .collect()
}

#[test]
fn agrees_on_every_file_in_the_repository() {
    let mut fast = 0;
    let mut all = 0;
    for root in ["spec", "tests/fixtures"] {
        for file in yaml_files(&repo().join(root)) {
            let Ok(text) = decode(std::fs::read(repo().join(root).join(&file)).unwrap()) else {
                continue;
            };
            all += 1;
            if compare(&text) {
                fast += 1;
            } else if root == "spec" {
                panic!("the fast path gives up on spec/{file}");
            }
        }
    }
    assert!(
        fast * 10 >= all * 8,
        "the fast path read only {fast} of {all} files"
    );
}

#[test]
fn reads_the_whole_benchmark_corpus() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("corpus");
    let status = std::process::Command::new("python3")
        .arg(repo().join("benches/gen_corpus.py"))
        .arg(&out)
        .args(["--provisions", "2000", "--files", "20", "--versions", "2"])
        .status()
        .unwrap();
    assert!(status.success());
    for file in yaml_files(&out) {
        let text = std::fs::read_to_string(out.join(&file)).unwrap();
        assert!(compare(&text), "the fast path gives up on corpus/{file}");
    }
}

#[test]
fn carriage_returns_read_like_the_general_parser() {
    for text in [
        "# comment\r    b: 1\na: 2\n",
        "a: 1\r\nb: 2\r\n",
        "a: x\rb: y\n",
    ] {
        compare(text);
    }
}

/// Found by fuzzing: YAML's blanks are spaces and tabs only, not every Unicode space.
#[test]
fn unicode_spaces_are_text() {
    for text in [
        "a: \u{a0}\n",
        "a: x\u{a0}\n",
        "\u{a0}a: x\n",
        "a: [x\u{2003}, y]\n",
        "a: |\n  x\u{a0}\n",
        "a\u{3000}: x\n",
    ] {
        assert!(compare(text), "the fast path reads {text:?}");
    }
}

#[test]
fn gives_up_on_what_it_does_not_read() {
    for text in [
        "a: &x 1\nb: *x\n",
        // Aliases in flow collections too: the general parser holds every alias to its limits.
        "a: [&x 1, *x]\n",
        "a: {k: &x v, l: *x}\n",
        "a: !!str 1\n",
        "---\na: 1\n",
        "a: 1\na: 2\n",
        "a: |+\n  x\n\n",
        "a: >\n  x\n    more indented\n",
        "a: \"multi\n  line\"\n",
        "a: plain\n  continued\n",
        "a:\tb\n",
        "? complex\n: key\n",
        "- - nested\n",
        "a: [1, 2\n",
        "a: .inf\n",
        "just a scalar\n",
        // Found by fuzzing: a carriage return alone, here ending a comment.
        "# comment\r    b: 1\na: 2\n",
        // Found by fuzzing: a `#` right after a quoted value starts no comment.
        "a: \"1\"# not a comment\n",
        "a: [1, 2]# not a comment\n",
        // Found by fuzzing: a byte-order mark after the start of the text.
        "# comment \u{feff}a:\n  b: c\n",
        // Found by fuzzing: a form feed before a plain value.
        "a: \u{c}value\n",
        "a: x\u{85}b\n",
        "a: \"\u{7f}\"\n",
        // Found by fuzzing: a tab after a colon inside a line.
        "ti3\ti:\t3\t\ti:",
        // Found in review: blanks past a block scalar's indentation, later document markers,
        // indicators starting flow keys, signed hex escapes.
        "a: |\n  x\n     \n  y\n",
        "a: |\n  x\n     \n",
        "a: >\n  x\n     \n  y\n",
        "a: 1\n--- b: 2\n",
        "a: 1\n... b: 2\n",
        "x: {@k: 1}\n",
        "x: {`k: 1}\n",
        "x: {%k: 1}\n",
        "x: {- a: 1}\n",
        "x: \"\\x+1\"\n",
        "x: \"\\u+041\"\n",
        // Found by fuzzing: a last line of blanks without a line break after a block scalar.
        "- >\n >ref sc;\n\n\n ",
    ] {
        assert_eq!(parse_value_fast(text, &Limits::default()), None, "{text:?}");
    }
}

/// Found by fuzzing: YAML allows an implicit key of up to 1024 characters, and the general
/// parser refuses a longer one; the fast path leaves long keys to it.
/// Every scalar of a flow collection, quoted or plain, item or key, is held to the scalar
/// limit as the general parser holds it.
#[test]
fn flow_scalars_over_the_scalar_limit_are_left_to_the_general_parser() {
    let limits = Limits {
        max_scalar_bytes: 10,
        ..Limits::default()
    };
    let long = "x".repeat(20);
    for text in [
        format!("a: [\"{long}\"]\n"),
        format!("a: ['{long}']\n"),
        format!("a: [{long}]\n"),
        format!("a: {{{long}: 1}}\n"),
        format!("a: {{\"{long}\": 1}}\n"),
        format!("a: {{k: \"{long}\"}}\n"),
    ] {
        assert_eq!(parse_value_fast(&text, &limits), None, "{text:?}");
        assert!(parse_value_general(&text, &limits).is_err(), "{text:?}");
    }
    let short = "x".repeat(10);
    for text in [
        format!("a: [\"{short}\"]\n"),
        format!("a: {{{short}: 1}}\n"),
    ] {
        assert!(parse_value_fast(&text, &limits).is_some(), "{text:?}");
        assert!(parse_value_general(&text, &limits).is_ok(), "{text:?}");
    }
}

#[test]
fn long_keys_are_left_to_the_general_parser() {
    let limits = Limits::default();
    for key in ["k".repeat(1100), format!("\"{}\"", "k".repeat(1100))] {
        for text in [format!("{key}: 1\n"), format!("a:\n  - {key}: 1\n")] {
            assert_eq!(parse_value_fast(&text, &limits), None, "{text:?}");
            assert!(parse_value_general(&text, &limits).is_err(), "{text:?}");
        }
    }
    // A key of 900 characters is read by both, alike.
    assert!(compare(&format!("{}: 1\n", "k".repeat(900))));
    assert!(compare(&format!("a:\n  - \"{}\": 1\n", "é".repeat(450))));
}

#[test]
fn block_scalars_fold_and_chomp_like_the_general_parser() {
    for text in [
        "a: >-\n  one\n  two\n\n  three\nb: 1\n",
        "a: >\n  one\n  two\n",
        "a: |\n  one\n  two\n\n  three\n\nb: 1\n",
        "a: |-\n  one\n    two\n",
        "- >-\n  folded in a list\n- x\n",
        "a:\n  b: >- # comment\n    text # not a comment\n",
    ] {
        let _ = compare(text);
        // These are in the subset except where the general parser says otherwise.
    }
    assert!(compare("a: >-\n  one\n  two\n\n  three\nb: 1\n"));
}

#[test]
fn quoted_scalars_unescape_like_the_general_parser() {
    for text in [
        r#"a: "tab\there \u00e9\x41 \"q\" \\ \/ end""#,
        r#"a: "\n\r\0\ ""#,
        "a: 'it''s ''quoted'' # not a comment'",
        "a: ''''",
        "a: \"\"\nb: ''",
        r#"a: ["x, y", 'z''s']"#,
    ] {
        let text = format!("{text}\n");
        assert!(compare(&text), "the fast path gives up on {text:?}");
    }
}

// --- Generated documents: a value, written out in one of several YAML styles.

fn scalar() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i32>().prop_map(Value::from),
        "[a-z0-9 ,.:#'\"\\-]{0,12}".prop_map(Value::String),
        "[a-zA-Z][a-z]{0,8}( [a-z]{1,6}){0,3}".prop_map(Value::String),
        Just(Value::String("2026-06-02".to_owned())),
        Just(Value::String("30d".to_owned())),
        Just(Value::String("yes".to_owned())),
        Just(Value::String("null".to_owned())),
        Just(Value::String("12".to_owned())),
        Just(Value::String("é ü ✓".to_owned())),
    ]
}

fn value() -> impl Strategy<Value = Value> {
    scalar().prop_recursive(4, 40, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            proptest::collection::btree_map("[a-z][a-z_-]{0,8}", inner, 0..5)
                .prop_map(|m| Value::Object(m.into_iter().collect::<Map<String, Value>>())),
        ]
    })
}

/// How a scalar string is written.
fn string(s: &str, style: u8) -> String {
    let needs_quotes = s.is_empty()
        || s.trim() != s
        || s.contains([
            ':', '#', '\'', '"', ',', '[', ']', '{', '}', '&', '*', '!', '|', '>', '%', '@', '`',
            '\\',
        ])
        || s.starts_with(['-', '?'])
        || matches!(
            s,
            "null" | "Null" | "NULL" | "~" | "true" | "false" | "True" | "False" | "TRUE" | "FALSE"
        )
        || s.parse::<f64>().is_ok()
        || s.starts_with("0x")
        || s.starts_with("0o")
        || s.starts_with('.');
    if style.is_multiple_of(2) || needs_quotes {
        if style.is_multiple_of(3) && !s.contains('\\') {
            format!("'{}'", s.replace('\'', "''"))
        } else {
            format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
        }
    } else {
        s.to_owned()
    }
}

fn flow(v: &Value, style: u8) -> String {
    match v {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        // Flow context: quote anything with a flow indicator.
        Value::String(s) => string(
            s,
            style | 1 ^ u8::from(s.contains([',', '[', ']', '{', '}'])),
        ),
        Value::Array(items) => format!(
            "[{}]",
            items
                .iter()
                .map(|i| flow(i, style))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Value::Object(map) => {
            if map.is_empty() {
                "{}".to_owned()
            } else {
                format!(
                    "{{ {} }}",
                    map.iter()
                        .map(|(k, v)| format!("{}: {}", string(k, style), flow(v, style)))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            }
        }
    }
}

fn block(v: &Value, indent: usize, style: u8, out: &mut String) {
    let pad = " ".repeat(indent);
    match v {
        Value::Object(map) if !map.is_empty() => {
            for (k, v) in map {
                let key = string(k, style);
                match v {
                    Value::Object(m) if !m.is_empty() && !style.is_multiple_of(5) => {
                        let _ = writeln!(out, "{pad}{key}:");
                        block(v, indent + 2, style, out);
                    }
                    Value::Array(a) if !a.is_empty() && !style.is_multiple_of(5) => {
                        let _ = writeln!(out, "{pad}{key}:");
                        // Sequences under a key at the same indentation or deeper: both are YAML.
                        block(
                            v,
                            if style.is_multiple_of(7) {
                                indent
                            } else {
                                indent + 2
                            },
                            style,
                            out,
                        );
                    }
                    Value::String(s)
                        if style.is_multiple_of(11)
                            && !s.is_empty()
                            && s.trim() == s
                            && !s.contains('\n') =>
                    {
                        let _ = writeln!(out, "{pad}{key}: >-\n{pad}  {s}");
                    }
                    _ => {
                        let _ = writeln!(out, "{pad}{key}: {}", flow(v, style));
                    }
                }
            }
        }
        Value::Array(items) if !items.is_empty() => {
            for item in items {
                match item {
                    Value::Object(m) if !m.is_empty() => {
                        let mut inner = String::new();
                        block(item, indent + 2, style, &mut inner);
                        // `- key: value` with the first line after the dash.
                        let inner = inner.trim_start();
                        let _ = write!(out, "{pad}- {inner}");
                    }
                    _ => {
                        let _ = writeln!(out, "{pad}- {}", flow(item, style));
                    }
                }
            }
        }
        other => {
            let _ = writeln!(out, "{pad}value: {}", flow(other, style));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn generated_documents_parse_the_same(v in value(), style in any::<u8>(), comment in any::<bool>()) {
        let mut text = String::new();
        if comment {
            text.push_str("# a comment\n\n");
        }
        let top = match v {
            Value::Object(ref m) if !m.is_empty() => v.clone(),
            other => Value::Object([("root".to_owned(), other)].into_iter().collect()),
        };
        block(&top, 0, style, &mut text);
        let general = parse_value_general(&text, &Limits::default());
        prop_assume!(general.is_ok());
        compare(&text);
    }
}

/// The generated documents mostly stay inside the fast path's subset, so the comparison above
/// tests it rather than the fallback.
#[test]
fn generated_documents_mostly_take_the_fast_path() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::{Config, TestRng, TestRunner};
    let mut runner = TestRunner::new_with_rng(
        Config::default(),
        TestRng::deterministic_rng(proptest::test_runner::RngAlgorithm::ChaCha),
    );
    let (mut fast, mut total) = (0, 0);
    for round in 0..300u16 {
        let v = value().new_tree(&mut runner).unwrap().current();
        let top = Value::Object([("root".to_owned(), v)].into_iter().collect());
        let mut text = String::new();
        block(&top, 0, u8::try_from(round % 251).unwrap(), &mut text);
        if parse_value_general(&text, &Limits::default()).is_ok() {
            total += 1;
            if compare(&text) {
                fast += 1;
            }
        }
    }
    assert!(
        fast * 2 >= total,
        "only {fast} of {total} generated documents took the fast path"
    );
}
