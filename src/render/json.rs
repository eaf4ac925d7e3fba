//! JSON output: `serde_json`'s pretty layout, with a final newline.
//!
//! A checklist or a diff of 100,000 provisions is over 100 MB of JSON, most of it one long
//! list; [`pretty_with_list`] writes that list's elements in parallel and splices them into
//! the document, byte for byte as `serde_json` would have written it whole.

use rayon::prelude::*;
use serde::Serialize;

/// How many elements are written per parallel batch: enough to share between threads, few
/// enough that the batch's text stays small beside the document.
const BATCH: usize = 4096;

/// `value` as pretty JSON, with a final newline.
pub fn pretty(value: &impl Serialize) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text
}

/// `view` as pretty JSON with `list` as the value of its top-level field `field`, which `view`
/// itself must write as an empty list (the caller moves the elements out of it). The elements
/// are written in parallel.
pub fn pretty_with_list<T: Serialize + Sync>(
    view: &impl Serialize,
    field: &str,
    list: &[T],
) -> String {
    let mut text = pretty(view);
    // A raw line break never occurs inside a JSON string, so this marks the field itself.
    let empty = format!("\n  {}: []", serde_json::Value::from(field));
    let Some(at) = text.find(&empty) else {
        return text;
    };
    if list.is_empty() {
        return text;
    }
    let rest = text.split_off(at + empty.len() - "[]".len());
    text.push('[');
    for (batch, elements) in list.chunks(BATCH).enumerate() {
        let written: Vec<String> = elements
            .par_iter()
            .map(|element| serde_json::to_string_pretty(element).unwrap_or_default())
            .collect();
        for (i, element) in written.iter().enumerate() {
            if batch > 0 || i > 0 {
                text.push(',');
            }
            // The element sits two levels deep: four more spaces on every line.
            text.push_str("\n    ");
            text.push_str(&element.replace('\n', "\n    "));
        }
    }
    text.push_str("\n  ]");
    text.push_str(&rest["[]".len()..]);
    text
}

#[cfg(test)]
mod tests {
    use serde::Serialize;
    use serde_json::json;

    use super::{pretty, pretty_with_list};

    #[derive(Serialize)]
    struct View {
        title: &'static str,
        items: Vec<serde_json::Value>,
        after: serde_json::Value,
    }

    #[test]
    fn splices_the_list_as_serde_json_writes_it() {
        let items: Vec<serde_json::Value> = (0..10_000)
            .map(|i| json!({ "id": i, "text": format!("line\nbreak \"{i}\""), "empty": [], "nested": { "a": [1, { "b": {} }] } }))
            .collect();
        let whole = View {
            title: "t",
            items: items.clone(),
            after: json!({ "items": [] }),
        };
        let hollow = View {
            title: "t",
            items: Vec::new(),
            after: json!({ "items": [] }),
        };
        assert_eq!(pretty_with_list(&hollow, "items", &items), pretty(&whole));
        assert_eq!(
            pretty_with_list(&hollow, "items", &items[..1]),
            pretty(&View {
                items: items[..1].to_vec(),
                ..hollow
            })
        );
    }

    #[test]
    fn an_empty_list_stays_empty() {
        let view = View {
            title: "t",
            items: Vec::new(),
            after: json!(null),
        };
        assert_eq!(
            pretty_with_list(&view, "items", &[] as &[u8]),
            pretty(&view)
        );
    }
}
