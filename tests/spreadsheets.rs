//! The CSV checklist as RFC 4180 has it: CRLF after every record, a byte-order mark first, and a
//! field that holds a line break quoted, so that a spreadsheet reads one row per item.

use std::fs;

use crate::support::{example_spec, orderly, run_ok};

const EO: &str = "spec/eo-14409";
const AS_OF: &str = "2026-11-26";

/// The bytes after the byte-order mark, which every CSV output starts with.
fn after_bom(bytes: &[u8]) -> &[u8] {
    bytes
        .strip_prefix("\u{feff}".as_bytes())
        .expect("the CSV starts with a UTF-8 byte-order mark")
}

/// Every record ends in CRLF, and no line feed stands alone outside a quoted field; returns the
/// number of records after the header.
fn assert_crlf(name: &str, bytes: &[u8]) -> usize {
    let bytes = after_bom(bytes);
    assert!(
        bytes.ends_with(b"\r\n"),
        "{name}: the last record ends in CRLF"
    );
    let mut reader = csv::ReaderBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_reader(bytes);
    let headers = reader.headers().unwrap().clone();
    assert_eq!(
        headers.iter().collect::<Vec<_>>(),
        orderly::render::csv::HEADERS
    );
    let mut records = 0;
    for record in reader.records() {
        let record = record.unwrap();
        assert_eq!(record.len(), headers.len(), "{name}: {record:?}");
        records += 1;
    }
    // Outside quotes, every LF is preceded by CR and every CR followed by LF, and there is one
    // such CRLF per record, the header's included.
    let (mut quoted, mut breaks) = (false, 0);
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => {
                assert_eq!(bytes[i - 1], b'\r', "{name}: a bare LF at byte {i}");
                breaks += 1;
            }
            b'\r' if !quoted => {
                assert_eq!(
                    bytes.get(i + 1),
                    Some(&b'\n'),
                    "{name}: a bare CR at byte {i}"
                );
            }
            _ => {}
        }
    }
    assert_eq!(breaks, records + 1, "{name}: one CRLF per record");
    records
}

#[test]
fn csv_records_end_in_crlf() {
    let text = run_ok(&["checklist", EO, "--as-of", AS_OF, "--format", "csv"]);
    assert_eq!(assert_crlf("cli", text.as_bytes()), 15);
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    run_ok(&[
        "build",
        "spec",
        "-o",
        site.to_str().unwrap(),
        "--as-of",
        AS_OF,
    ]);
    let (mut found, mut records) = (0, 0);
    let mut stack = vec![site];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "csv") {
                records += assert_crlf(&path.display().to_string(), &fs::read(&path).unwrap());
                found += 1;
            }
        }
    }
    assert!(
        found > 2 && records > 15,
        "{found} CSV files, {records} records in the site"
    );
}

/// A line break inside spec text stays inside its cell: quoted, and read back whole.
#[test]
fn a_line_break_in_a_field_stays_quoted() {
    let dir = example_spec(None);
    let path = dir.path().join("spec/city-ordinance-12/adopted/sec-2.yaml");
    let text = fs::read_to_string(&path).unwrap();
    let from = "    action: Report each year on the trees planted.\n";
    assert!(text.contains(from));
    let to = "    action: |-\n      Report each year\n      on the trees planted, \"by park\".\n";
    fs::write(&path, text.replacen(from, to, 1)).unwrap();
    let run = orderly(
        dir.path(),
        &[
            "checklist",
            "spec/city-ordinance-12",
            "--version",
            "adopted",
            "--as-of",
            AS_OF,
            "--format",
            "csv",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let bytes = run.stdout.as_bytes();
    assert!(assert_crlf("multi-line", bytes) > 0);
    let raw = String::from_utf8(after_bom(bytes).to_vec()).unwrap();
    // The line break inside the field is the spec's own LF, inside quotes; quotes are doubled.
    assert!(
        raw.contains(",\"Report each year\non the trees planted, \"\"by park\"\".\","),
        "{raw}"
    );
    let mut reader = csv::Reader::from_reader(raw.as_bytes());
    let action = reader
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "action")
        .unwrap();
    let actions: Vec<String> = reader
        .records()
        .map(|r| r.unwrap()[action].to_owned())
        .collect();
    assert!(
        actions.contains(&"Report each year\non the trees planted, \"by park\".".to_owned()),
        "{actions:?}"
    );
}
