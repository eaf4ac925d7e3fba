//! The YAML language server (Red Hat's, which VS Code, Neovim and Helix use) on a broken spec
//! file, over its stdio protocol as an editor drives it: every message it shows is a sentence,
//! and a value that misses a pattern gets the schema's own words, never the regular expression.
//!
//! `.ci/run` installs the server and sets `ORDERLY_YAML_LANGUAGE_SERVER`; the test is ignored by
//! default and runs under `cargo test -- --include-ignored`.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::support::repo;

/// One message in the protocol's framing.
fn send(stdin: &mut impl Write, message: &Value) {
    let body = message.to_string();
    write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
    stdin.flush().unwrap();
}

/// Reads framed messages until the stream ends.
fn read_messages(stdout: impl Read, into: &mpsc::Sender<Value>) {
    let mut reader = BufReader::new(stdout);
    loop {
        let mut length = None;
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line).unwrap_or(0) == 0 {
                return;
            }
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(n) = line.strip_prefix("Content-Length: ") {
                length = n.parse::<usize>().ok();
            }
        }
        let mut body = vec![0; length.expect("a Content-Length header")];
        if reader.read_exact(&mut body).is_err() {
            return;
        }
        if into.send(serde_json::from_slice(&body).unwrap()).is_err() {
            return;
        }
    }
}

/// The server's answer for each item of a `workspace/configuration` request.
fn configuration(params: &Value) -> Value {
    let settings = json!({
        "validate": true,
        "hover": true,
        "completion": true,
        "schemaStore": { "enable": false },
    });
    let items = params["items"].as_array().map_or(&[][..], Vec::as_slice);
    items
        .iter()
        .map(|item| {
            if item["section"] == "yaml" {
                settings.clone()
            } else {
                Value::Null
            }
        })
        .collect()
}

/// The messages the server publishes for `text`, opened as the file at `path` (under the
/// repository, so that its `$schema=` line resolves to the real schema).
fn diagnostics(server: &str, path: &str, text: &str) -> Vec<Value> {
    let mut child = Command::new(server)
        .arg("--stdio")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("{server}: {e}"));
    let mut stdin = child.stdin.take().unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    let reader = std::thread::spawn(move || read_messages(stdout, &tx));
    let root = repo();
    let root_uri = format!("file://{}", root.display());
    let uri = format!("file://{}", root.join(path).display());
    send(
        &mut stdin,
        &json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
            "processId": std::process::id(),
            "rootUri": root_uri,
            "capabilities": {
                "workspace": { "configuration": true },
                "textDocument": { "publishDiagnostics": {}, "hover": { "contentFormat": ["markdown"] } },
            },
        }}),
    );
    // A file with problems is answered once its schema is applied; one without them with an
    // empty list, after which a few quiet seconds say that no other list follows.
    let mut deadline = Instant::now() + Duration::from_mins(1);
    let mut opened = false;
    let mut found = Vec::new();
    while Instant::now() < deadline {
        let Ok(message) = rx.recv_timeout(Duration::from_millis(500)) else {
            continue;
        };
        if message["id"] == 1 && message.get("result").is_some() && !opened {
            send(
                &mut stdin,
                &json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}),
            );
            send(
                &mut stdin,
                &json!({"jsonrpc": "2.0", "method": "workspace/didChangeConfiguration",
                    "params": { "settings": { "yaml": configuration(&json!({"items": [{"section": "yaml"}]}))[0] } }}),
            );
            send(
                &mut stdin,
                &json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
                    "textDocument": { "uri": uri, "languageId": "yaml", "version": 1, "text": text },
                }}),
            );
            opened = true;
        } else if let (Some(id), Some(method)) = (message.get("id"), message["method"].as_str()) {
            // A request from the server: answer it, or it may wait.
            let result = if method == "workspace/configuration" {
                configuration(&message["params"])
            } else {
                Value::Null
            };
            send(
                &mut stdin,
                &json!({"jsonrpc": "2.0", "id": id, "result": result}),
            );
        } else if message["method"] == "textDocument/publishDiagnostics"
            && message["params"]["uri"] == uri.as_str()
        {
            found = message["params"]["diagnostics"]
                .as_array()
                .cloned()
                .unwrap_or_default();
            if !found.is_empty() {
                break;
            }
            deadline = deadline.min(Instant::now() + Duration::from_secs(3));
        }
    }
    send(
        &mut stdin,
        &json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}),
    );
    send(&mut stdin, &json!({"jsonrpc": "2.0", "method": "exit"}));
    drop(stdin);
    let waited = Instant::now();
    while child.try_wait().unwrap().is_none() && waited.elapsed() < Duration::from_secs(5) {
        std::thread::sleep(Duration::from_millis(50));
    }
    if child.try_wait().unwrap().is_none() {
        child.kill().unwrap();
        child.wait().unwrap();
    }
    reader.join().unwrap();
    found
}

#[test]
#[ignore = "needs the YAML language server: set ORDERLY_YAML_LANGUAGE_SERVER (.ci/run installs it) and run `cargo test -- --include-ignored`"]
fn the_language_server_speaks_in_sentences() {
    let Some(server) = std::env::var_os("ORDERLY_YAML_LANGUAGE_SERVER") else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must install yaml-language-server and set ORDERLY_YAML_LANGUAGE_SERVER"
        );
        #[expect(clippy::print_stderr, reason = "a skipped check says so")]
        {
            eprintln!("skipped: ORDERLY_YAML_LANGUAGE_SERVER is not set");
        }
        return;
    };
    let server = server.to_str().unwrap().to_owned();
    let path = "tests/fixtures/example/city-ordinance-12/adopted/sec-2.yaml";
    let text = std::fs::read_to_string(repo().join(path)).unwrap();
    let mut broken = text.clone();
    for (from, to) in [
        (
            "due: { within: 30d, of: adoption-date }",
            "due: { within: 30 days, of: adoption-date }",
        ),
        ("terms: [shade-tree]", "terms: [Shade Tree]"),
        (
            "    binding: mandatory\n    actor: parks\n    acting_through",
            "    binding: mandatry\n    actor: parks\n    acting_through",
        ),
        ("      - as_of: 2026-05-01", "      - as_of: 2026-13-45"),
    ] {
        assert!(broken.contains(from), "{from}");
        broken = broken.replacen(from, to, 1);
    }
    // The file as it is: nothing to say.
    assert_eq!(diagnostics(&server, path, &text), Vec::<Value>::new());
    let found = diagnostics(&server, path, &broken);
    let messages: Vec<(u64, String)> = found
        .iter()
        .map(|d| {
            (
                d["range"]["start"]["line"].as_u64().unwrap() + 1,
                d["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let shown = format!("{messages:#?}");
    for (_, message) in &messages {
        assert!(
            message.chars().next().is_some_and(char::is_uppercase) && message.ends_with('.'),
            "not a sentence: {message:?}\n{shown}"
        );
        assert!(
            !message.contains("pattern") && !message.contains('^'),
            "a regular expression: {message:?}\n{shown}"
        );
    }
    let line = |needle: &str| {
        broken
            .lines()
            .position(|l| l.contains(needle))
            .map(|i| u64::try_from(i).unwrap() + 1)
            .unwrap()
    };
    let says = |at: u64, start: &str| {
        assert!(
            messages
                .iter()
                .any(|(l, m)| *l == at && m.starts_with(start)),
            "line {at}: no message starting {start:?}\n{shown}"
        );
    };
    says(
        line("30 days"),
        "Write a period as a whole number followed by d, w, m or y",
    );
    says(
        line("Shade Tree"),
        "Write an id in lowercase letters and digits",
    );
    says(
        line("2026-13-45"),
        "Write a date as YYYY-MM-DD, for example 2026-06-02.",
    );
    says(line("mandatry"), "Value is not accepted.");
    assert_eq!(messages.len(), 4, "{shown}");
}
