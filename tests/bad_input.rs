//! Hostile and broken input, generated rather than committed (binary files, symbolic links,
//! files of many megabytes): each case gets a clear diagnostic naming the file, exit 1, and no
//! panic, hang or runaway memory.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use crate::support::{codes, example_spec, orderly};

/// A generated case: the code it must produce and how to break the example spec.
pub(crate) struct Case {
    pub(crate) name: &'static str,
    pub(crate) code: &'static str,
    /// Whether to pin the rendered output with a snapshot (not for megabytes of diagnostics).
    pub(crate) snapshot: bool,
    pub(crate) setup: fn(&Path),
}

const SECTION: &str = "city-ordinance-12/adopted/sec-1.yaml";
const VERSION: &str = "city-ordinance-12/adopted";

pub(crate) const CASES: &[Case] = &[
    Case {
        name: "utf16",
        code: "invalid-encoding",
        snapshot: true,
        setup: |spec| {
            let text = "section: \"1\"\nprovisions: []\n";
            let mut bytes = vec![0xFF, 0xFE];
            bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
            fs::write(spec.join(SECTION), bytes).unwrap();
        },
    },
    Case {
        name: "binary",
        code: "invalid-encoding",
        snapshot: true,
        setup: |spec| {
            let png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01";
            fs::write(spec.join(SECTION), png).unwrap();
        },
    },
    Case {
        name: "invalid_utf8",
        code: "invalid-encoding",
        snapshot: true,
        setup: |spec| {
            fs::write(
                spec.join(SECTION),
                b"section: \"1\"\nheading: caf\xe9\nprovisions: []\n",
            )
            .unwrap();
        },
    },
    Case {
        name: "deep_block_nesting",
        code: "limit-exceeded",
        snapshot: true,
        setup: |spec| {
            fs::write(spec.join(SECTION), "- ".repeat(100_000) + "x\n").unwrap();
        },
    },
    Case {
        name: "deep_flow_nesting",
        code: "limit-exceeded",
        snapshot: true,
        setup: |spec| {
            fs::write(
                spec.join(SECTION),
                "[".repeat(100_000) + &"]".repeat(100_000),
            )
            .unwrap();
        },
    },
    Case {
        name: "twenty_megabyte_line",
        code: "limit-exceeded",
        snapshot: true,
        setup: |spec| {
            let text = format!(
                "section: \"1\"\nheading: \"{}\"\nprovisions: []\n",
                "x".repeat(20 << 20)
            );
            fs::write(spec.join(SECTION), text).unwrap();
        },
    },
    Case {
        name: "file_over_size_limit",
        code: "limit-exceeded",
        snapshot: true,
        setup: |spec| {
            // A sparse file: 65 MiB long, no disk used.
            let file = fs::File::create(spec.join(VERSION).join("sec-9.yaml")).unwrap();
            file.set_len(65 << 20).unwrap();
        },
    },
    Case {
        // Found by fuzzing: the scanner placed this error on a line after the last.
        name: "syntax_error_at_the_end_without_a_line_break",
        code: "yaml-syntax",
        snapshot: true,
        setup: |spec| {
            let text = "section: \"1\"\nsources: [press-# note..]\nnot/../sche";
            fs::write(spec.join(SECTION), text).unwrap();
        },
    },
    Case {
        // Found by fuzzing: lines ended by a carriage return alone were counted as one line.
        name: "carriage_return_line_endings",
        code: "wrong-type",
        snapshot: true,
        setup: |spec| {
            let text = "section: \"1\"\rheading: [a list]\rprovisions: []\r";
            fs::write(spec.join(SECTION), text).unwrap();
        },
    },
    Case {
        // Found by fuzzing: an empty value at the very end was placed on a line after the last.
        name: "empty_value_at_the_end_without_a_line_break",
        code: "wrong-type",
        snapshot: true,
        setup: |spec| {
            let text = "section: \"1\"\nheading: x\nprovisions: []\n? sources";
            fs::write(spec.join(SECTION), text).unwrap();
        },
    },
    Case {
        // Found by fuzzing: the scanner counts the bytes of a directive's non-ASCII characters
        // as columns, which placed this error past the end of its line.
        name: "directive_with_non_ascii_characters",
        code: "yaml-syntax",
        snapshot: true,
        setup: |spec| {
            let text = "%ÉTÉ été\u{feff}x\n---\nsection: \"1\"\n";
            fs::write(spec.join(SECTION), text).unwrap();
        },
    },
    Case {
        name: "spec_over_total_size",
        code: "limit-exceeded",
        snapshot: true,
        setup: |spec| {
            // Seventeen sparse files of 64 MiB each: each under the file limit, together over
            // the folder's 1 GiB, and no disk used.
            for i in 10..27 {
                let file = fs::File::create(spec.join(VERSION).join(format!("sec-{i}.yaml")));
                file.unwrap().set_len(64 << 20).unwrap();
            }
        },
    },
    Case {
        name: "two_hundred_thousand_keys",
        code: "unknown-field",
        snapshot: false,
        setup: |spec| {
            let mut text = String::from("section: \"1\"\nprovisions: []\n");
            for i in 0..200_000 {
                writeln!(text, "key{i}: {i}").unwrap();
            }
            fs::write(spec.join(SECTION), text).unwrap();
        },
    },
    Case {
        name: "symlink_to_ancestor",
        code: "symlink-loop",
        snapshot: true,
        setup: |spec| {
            std::os::unix::fs::symlink("..", spec.join(VERSION).join("again")).unwrap();
        },
    },
    Case {
        name: "symlink_to_itself",
        code: "symlink-loop",
        snapshot: true,
        setup: |spec| {
            std::os::unix::fs::symlink("loop.yaml", spec.join(VERSION).join("loop.yaml")).unwrap();
        },
    },
    Case {
        name: "dangling_symlink",
        code: "unreadable-file",
        snapshot: true,
        setup: |spec| {
            std::os::unix::fs::symlink("nowhere.yaml", spec.join(VERSION).join("gone.yaml"))
                .unwrap();
        },
    },
    Case {
        name: "aliases_of_a_long_value",
        code: "limit-exceeded",
        snapshot: true,
        setup: |spec| {
            // 40 copies of a 900 KiB value: 36 MiB from a file of 1 MiB, with only 41 nodes.
            let long = "x".repeat(900 * 1024);
            let aliases = vec!["*a"; 40].join(",");
            let text = format!(
                "section: \"9\"\nheading: &a \"{long}\"\nprovisions: []\nnotes: [{aliases}]\n"
            );
            fs::write(spec.join(VERSION).join("sec-9.yaml"), text).unwrap();
        },
    },
    Case {
        name: "socket",
        code: "special-file",
        snapshot: true,
        setup: |spec| {
            let listener =
                std::os::unix::net::UnixListener::bind(spec.join(VERSION).join("sec-9.yaml"));
            // The socket file stays when the listener is dropped.
            drop(listener.unwrap());
        },
    },
    Case {
        name: "symlink_to_a_file_outside",
        code: "link-outside-spec",
        snapshot: true,
        setup: |spec| {
            let outside = spec.parent().unwrap().join("credentials.yml");
            fs::write(&outside, "aws_secret_access_key: wJalrEXAMPLESECRET\n").unwrap();
            std::os::unix::fs::symlink(
                "../../../credentials.yml",
                spec.join(VERSION).join("zz.yaml"),
            )
            .unwrap();
        },
    },
    Case {
        name: "symlink_to_the_root_folder",
        code: "link-outside-spec",
        snapshot: true,
        setup: |spec| {
            std::os::unix::fs::symlink("/", spec.join(VERSION).join("root")).unwrap();
        },
    },
    Case {
        name: "symlink_to_dev_zero",
        code: "link-outside-spec",
        snapshot: true,
        setup: |spec| {
            std::os::unix::fs::symlink("/dev/zero", spec.join(VERSION).join("zero.yaml")).unwrap();
        },
    },
    Case {
        name: "symlink_alias_of_an_instrument",
        code: "symlink-loop",
        snapshot: true,
        setup: |spec| {
            // `alias-inst` sorts before `city-ordinance-12`; the link is reported all the same.
            std::os::unix::fs::symlink("city-ordinance-12", spec.join("alias-inst")).unwrap();
        },
    },
    Case {
        name: "terms_yaml_and_terms_yml",
        code: "duplicate-file",
        snapshot: true,
        setup: |spec| {
            let terms = fs::read_to_string(spec.join(VERSION).join("terms.yaml")).unwrap();
            fs::write(spec.join(VERSION).join("terms.yml"), terms).unwrap();
        },
    },
    Case {
        name: "instrument_folder_named_index_html",
        code: "invalid-instrument-id",
        snapshot: true,
        setup: |spec| {
            fs::rename(spec.join("city-ordinance-12"), spec.join("index.html")).unwrap();
        },
    },
    Case {
        name: "instrument_folder_name_with_a_line_break",
        code: "invalid-instrument-id",
        snapshot: false,
        setup: |spec| {
            let name = "x\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:evil";
            fs::rename(spec.join("city-ordinance-12"), spec.join(name)).unwrap();
        },
    },
    Case {
        name: "folders_nested_deep_below_a_version",
        code: "limit-exceeded",
        snapshot: true,
        setup: |spec| {
            let mut dir = spec.join(VERSION);
            for i in 0..20 {
                dir = dir.join(format!("d{i}"));
            }
            fs::create_dir_all(&dir).unwrap();
            fs::write(dir.join("lost.yaml"), "section: \"9\"\nprovisions: []\n").unwrap();
        },
    },
];

#[test]
fn bad_input_gets_a_clear_diagnostic() {
    for case in CASES {
        let dir = example_spec(None);
        (case.setup)(&dir.path().join("spec"));
        let json = orderly(dir.path(), &["check", "--format", "json"]);
        assert_eq!(json.code, 1, "{}: {}", case.name, json.stderr);
        assert!(json.stderr.is_empty(), "{}: {}", case.name, json.stderr);
        let found = codes(&json.stdout);
        assert!(
            found.iter().any(|c| c == case.code),
            "{}: expected `{}`, found {:?}",
            case.name,
            case.code,
            &found[..found.len().min(5)]
        );
        if case.snapshot {
            let human = orderly(dir.path(), &["check", "--color", "never"]);
            insta::with_settings!({
                snapshot_suffix => case.name,
                description => format!("orderly check on the example spec broken by `{}`", case.name),
                omit_expression => true,
            }, {
                insta::assert_snapshot!("bad_input", human.transcript());
            });
        }
    }
}

#[test]
fn crlf_line_endings_and_byte_order_marks_are_accepted() {
    let dir = example_spec(None);
    let mut stack = vec![dir.path().join("spec")];
    while let Some(path) = stack.pop() {
        if path.is_dir() {
            stack.extend(fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
        } else {
            let text = fs::read_to_string(&path).unwrap().replace('\n', "\r\n");
            fs::write(&path, format!("\u{feff}{text}")).unwrap();
        }
    }
    let run = orderly(dir.path(), &["check", "--deny-warnings"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
}

#[test]
fn positions_survive_crlf_and_byte_order_mark() {
    let dir = example_spec(None);
    let path = dir.path().join("spec").join(SECTION);
    let text = fs::read_to_string(&path)
        .unwrap()
        .replace("kind: finding", "kind: findings");
    fs::write(&path, format!("\u{feff}{}", text.replace('\n', "\r\n"))).unwrap();
    let run = orderly(dir.path(), &["check", "--format", "concise"]);
    let line = text
        .lines()
        .position(|l| l.contains("kind: findings"))
        .unwrap()
        + 1;
    assert!(
        run.stdout
            .starts_with(&format!("spec/{SECTION}:{line}:11: error[invalid-value]")),
        "{}",
        run.stdout
    );
}
