//! JSON output: `serde_json`'s pretty layout, with a final newline.
//!
//! A checklist or a diff of 100,000 provisions is over 100 MB of JSON, most of it one long
//! list; [`pretty_with_list`] writes that list's elements in parallel and splices them into
//! the document, byte for byte as `serde_json` would have written it whole, and
//! [`write_pretty_with_list`] hands each batch of elements to a writer as it is done.

use rayon::prelude::*;
use serde::Serialize;

/// How many elements are written per parallel batch: enough to share between threads, few
/// enough that the batch's text stays small beside the document.
const BATCH: usize = 1024;

/// Why writing a view cannot fail: `serde_json` fails only on a map with keys that are not
/// strings or on a `Serialize` impl that returns an error, and the views have neither.
const VIEWS_SERIALIZE: &str = "a view serialises: its map keys are strings and none of its \
                               Serialize impls fails";

/// `value` as pretty JSON, with a final newline.
///
/// # Panics
///
/// If `value` cannot be written as JSON (a map key that is not a string, or a `Serialize` impl
/// that fails), which no view does.
pub fn pretty(value: &impl Serialize) -> String {
    let mut text = serde_json::to_string_pretty(value).expect(VIEWS_SERIALIZE);
    text.push('\n');
    text
}

/// `view` as pretty JSON with `list` as the value of its top-level field `field`, which `view`
/// itself must write as an empty list (the caller moves the elements out of it). The elements
/// are written in parallel.
///
/// # Panics
///
/// If `view` has no top-level field `field` written as an empty list: the list would have
/// nowhere to go, and a report without it must not pass for a whole one. Also as [`pretty`].
pub fn pretty_with_list<T: Serialize + Sync>(
    view: &impl Serialize,
    field: &str,
    list: &[T],
) -> String {
    let mut out = Vec::new();
    write_pretty_with_list(&mut out, view, field, list).expect("writing to memory cannot fail");
    String::from_utf8(out).expect("serde_json writes UTF-8")
}

/// [`pretty_with_list`], written to `out` batch by batch rather than gathered: the document
/// is never held whole, so a long list costs the memory of one batch's text, not of all.
///
/// # Errors
///
/// When `out` fails to take the bytes.
///
/// # Panics
///
/// As [`pretty_with_list`].
pub fn write_pretty_with_list<T: Serialize + Sync>(
    out: &mut dyn std::io::Write,
    view: &impl Serialize,
    field: &str,
    list: &[T],
) -> std::io::Result<()> {
    let text = pretty(view);
    // A raw line break never occurs inside a JSON string, and only top-level fields are
    // indented by two spaces, so this marks the field itself.
    let empty = format!("\n  {}: []", serde_json::Value::from(field));
    let Some(at) = text.find(&empty) else {
        panic!("the view has no top-level field {field:?} written as an empty list to splice into");
    };
    if list.is_empty() {
        return out.write_all(text.as_bytes());
    }
    let (head, rest) = text.split_at(at + empty.len() - "[]".len());
    out.write_all(head.as_bytes())?;
    out.write_all(b"[")?;
    for (batch, elements) in list.chunks(BATCH).enumerate() {
        let written: Vec<Vec<u8>> = elements
            .par_iter()
            .map(|element| {
                let mut out = b"\n    ".to_vec();
                let nested = Nested {
                    level: 2,
                    has_value: false,
                };
                element
                    .serialize(&mut serde_json::Serializer::with_formatter(
                        &mut out, nested,
                    ))
                    .expect(VIEWS_SERIALIZE);
                out
            })
            .collect();
        for (i, element) in written.iter().enumerate() {
            if batch > 0 || i > 0 {
                out.write_all(b",")?;
            }
            out.write_all(element)?;
        }
    }
    out.write_all(b"\n  ]")?;
    out.write_all(&rest.as_bytes()["[]".len()..])
}

/// `serde_json`'s pretty layout (two spaces per level) for a value that starts `level` levels
/// deep: what `PrettyFormatter` writes, with every line indented by the levels above.
///
/// `serde_json::to_string_pretty(element)` with each line break replaced by one plus four
/// spaces writes the same bytes, but copies every element's text a second time: on a
/// checklist of 100,000 provisions it was about a third slower.
struct Nested {
    level: usize,
    has_value: bool,
}

impl Nested {
    fn line(&self, out: &mut (impl std::io::Write + ?Sized)) -> std::io::Result<()> {
        out.write_all(b"\n")?;
        for _ in 0..self.level {
            out.write_all(b"  ")?;
        }
        Ok(())
    }

    fn open(
        &mut self,
        out: &mut (impl std::io::Write + ?Sized),
        bracket: &[u8],
    ) -> std::io::Result<()> {
        self.level += 1;
        self.has_value = false;
        out.write_all(bracket)
    }

    fn close(
        &mut self,
        out: &mut (impl std::io::Write + ?Sized),
        bracket: &[u8],
    ) -> std::io::Result<()> {
        self.level -= 1;
        if self.has_value {
            self.line(out)?;
        }
        out.write_all(bracket)
    }

    /// Before an item or a key: a comma after the first, and a new line.
    fn member(
        &mut self,
        out: &mut (impl std::io::Write + ?Sized),
        first: bool,
    ) -> std::io::Result<()> {
        if !first {
            out.write_all(b",")?;
        }
        self.line(out)
    }
}

impl serde_json::ser::Formatter for Nested {
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, out: &mut W) -> std::io::Result<()> {
        self.open(out, b"[")
    }

    fn end_array<W: ?Sized + std::io::Write>(&mut self, out: &mut W) -> std::io::Result<()> {
        self.close(out, b"]")
    }

    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        out: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.member(out, first)
    }

    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + std::io::Write>(&mut self, out: &mut W) -> std::io::Result<()> {
        self.open(out, b"{")
    }

    fn end_object<W: ?Sized + std::io::Write>(&mut self, out: &mut W) -> std::io::Result<()> {
        self.close(out, b"}")
    }

    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        out: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.member(out, first)
    }

    fn begin_object_value<W: ?Sized + std::io::Write>(
        &mut self,
        out: &mut W,
    ) -> std::io::Result<()> {
        out.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
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
    #[should_panic(expected = "no top-level field \"items\"")]
    fn a_view_without_the_field_is_refused() {
        #[derive(Serialize)]
        struct Renamed {
            #[serde(rename = "entries")]
            items: Vec<u8>,
        }
        let _ = pretty_with_list(&Renamed { items: Vec::new() }, "items", &[1_u8]);
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
