//! The YAML loader and its position index, on any bytes.
//!
//! Properties: nothing panics; the fast path reads a document exactly as the general parser
//! does, or gives up; an error's position, and the position of every node of a document, lie
//! inside the text; the arena document turns back into the same value.

#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use orderly::testing::{
    Doc, SpanTree, decode, parse_doc, parse_spans, parse_value_fast, parse_value_general,
};
use serde_json::Value;

fuzz_target!(|data: &[u8]| {
    let limits = common::limits();
    let Ok(text) = decode(data.to_vec()) else {
        return;
    };
    let general = parse_value_general(&text, &limits);
    if let Some(fast) = parse_value_fast(&text, &limits) {
        assert_eq!(
            general.as_ref().ok(),
            Some(&fast),
            "the fast path read what the general parser reads otherwise"
        );
    }
    let doc = parse_doc(&text, &limits).map(|doc| doc.map(|doc| doc.to_value()));
    assert_eq!(
        doc, general,
        "the pipeline's parse agrees with the general parser"
    );
    match general {
        Err(error) => {
            if let Some(span) = error.span {
                assert!(span.lies_within(&text), "{error:?} lies outside the text");
            }
        }
        Ok(None) => {}
        Ok(Some(value)) => {
            assert_eq!(Doc::from_value(value.clone()).to_value(), value);
            let spans = parse_spans(&text, &limits).expect("a document that parses has spans");
            walk(&text, &value, &spans);
        }
    }
});

/// Every node's span, and every key's, lies inside the text.
fn walk(text: &str, value: &Value, spans: &SpanTree) {
    assert!(
        spans.span().lies_within(text),
        "{:?} lies outside",
        spans.span()
    );
    if let SpanTree::Leaf(_) = spans {
        // A scalar, or an alias: the nodes it copies are placed at the alias.
        return;
    }
    match value {
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let tree = spans.item(i).expect("every item has a span");
                walk(text, item, tree);
            }
        }
        Value::Object(map) => {
            for (key, item) in map {
                let (key_span, tree) = spans.entry(key).expect("every key has a span");
                assert!(key_span.lies_within(text), "{key_span:?} lies outside");
                walk(text, item, tree);
            }
        }
        _ => {}
    }
}
