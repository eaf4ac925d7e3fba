//! YAML 1.2 core-schema scalars: which plain scalars are null, booleans, integers and floats,
//! and which tags a scalar may carry.
//!
//! Shared by both parsers, so that the fast path and the general parser resolve every scalar
//! alike: the fast path calls [`resolve_plain`] and [`is_special_float`] itself, the general
//! parser [`scalar_value`]. Infinities and NaN are refused (JSON has no place for them), and
//! YAML 1.1's `yes`/`off` stay text.

use std::borrow::Cow;

use saphyr_parser::{ScalarStyle, Tag};
use serde_json::{Number, Value};

use super::LoadError;
use crate::diagnostic::Code;
use crate::source::Span;

/// A scalar as a JSON value, resolved by the YAML 1.2 core schema.
pub(super) fn scalar_value(
    value: Cow<'_, str>,
    style: ScalarStyle,
    tag: Option<&Tag>,
    span: Span,
) -> Result<Value, LoadError> {
    let resolved = match tag {
        None if style == ScalarStyle::Plain => resolve_plain(&value),
        None => return Ok(Value::String(value.into_owned())),
        // `!` alone is the non-specific tag: the value is text.
        Some(tag) if tag.handle == "!" && tag.suffix.is_empty() => {
            return Ok(Value::String(value.into_owned()));
        }
        Some(tag) if tag.is_yaml_core_schema() => match tag.suffix.as_str() {
            "str" => return Ok(Value::String(value.into_owned())),
            "null" | "bool" | "int" | "float" => {
                let resolved = resolve_plain(&value);
                let fits = match (tag.suffix.as_str(), &resolved) {
                    ("null", Some(Value::Null))
                    | ("bool", Some(Value::Bool(_)))
                    | ("float", Some(Value::Number(_))) => true,
                    ("int", Some(Value::Number(n))) => !n.is_f64(),
                    _ => false,
                };
                if !fits {
                    return Err(LoadError::new(
                        Code::UnsupportedYaml,
                        format!("`{value}` is not a valid `!!{}`", tag.suffix),
                        Some(span),
                    ));
                }
                resolved
            }
            _ => return Err(unsupported_tag(Some(tag), span)),
        },
        Some(tag) => return Err(unsupported_tag(Some(tag), span)),
    };
    match resolved {
        Some(value) => Ok(value),
        None if is_special_float(&value) => Err(LoadError::new(
            Code::UnsupportedYaml,
            format!("`{value}` is not a finite number"),
            Some(span),
        )
        .with_help("quote the value if you mean text")),
        None => Ok(Value::String(value.into_owned())),
    }
}

pub(super) fn is_special_float(s: &str) -> bool {
    let s = s.strip_prefix(['+', '-']).unwrap_or(s);
    matches!(s, ".inf" | ".Inf" | ".INF" | ".nan" | ".NaN" | ".NAN")
}

/// Resolves a plain scalar: null, booleans, integers and floats; `None` for text.
pub(super) fn resolve_plain(s: &str) -> Option<Value> {
    match s {
        "" | "~" | "null" | "Null" | "NULL" => return Some(Value::Null),
        "true" | "True" | "TRUE" => return Some(Value::Bool(true)),
        "false" | "False" | "FALSE" => return Some(Value::Bool(false)),
        _ => {}
    }
    let first = s.as_bytes()[0];
    if !(first.is_ascii_digit() || matches!(first, b'-' | b'+' | b'.')) {
        return None;
    }
    if let Some(hex) = s.strip_prefix("0x") {
        return u64::from_str_radix(hex, 16).ok().map(Value::from);
    }
    if let Some(octal) = s.strip_prefix("0o") {
        return u64::from_str_radix(octal, 8).ok().map(Value::from);
    }
    let digits = s.strip_prefix(['-', '+']).unwrap_or(s);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        let unsigned = s.strip_prefix('+').unwrap_or(s);
        if let Ok(n) = unsigned.parse::<i64>() {
            return Some(Value::from(n));
        }
        if let Ok(n) = unsigned.parse::<u64>() {
            return Some(Value::from(n));
        }
        return unsigned
            .parse::<f64>()
            .ok()
            .and_then(Number::from_f64)
            .map(Value::Number);
    }
    if is_core_float(digits) {
        return s
            .parse::<f64>()
            .ok()
            .and_then(Number::from_f64)
            .map(Value::Number);
    }
    None
}

/// `(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`, the core schema's float without its sign.
fn is_core_float(s: &str) -> bool {
    let (mantissa, exponent) = match s.find(['e', 'E']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let (int, frac) = match mantissa.split_once('.') {
        Some((int, frac)) => (int, Some(frac)),
        None => (mantissa, None),
    };
    let all_digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = match frac {
        Some(frac) => all_digits(int) && all_digits(frac) && !(int.is_empty() && frac.is_empty()),
        None => !int.is_empty() && all_digits(int),
    };
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['-', '+']).unwrap_or(e);
        !e.is_empty() && all_digits(e)
    });
    mantissa_ok && exponent_ok && (frac.is_some() || exponent.is_some())
}

/// A tag outside the core schema, in our words.
pub(super) fn unsupported_tag(tag: Option<&Tag>, span: Span) -> LoadError {
    let shown = tag.map_or_else(String::new, |tag| {
        if tag.is_yaml_core_schema() {
            format!("!!{}", tag.suffix)
        } else {
            tag.to_string()
        }
    });
    LoadError::new(
        Code::UnsupportedYaml,
        format!("tag `{shown}` is not allowed in spec files"),
        Some(span),
    )
    .with_help("spec files are plain data; remove the tag")
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::diagnostic::Code;
    use crate::load::shorthand::{error, value};

    #[test]
    fn core_schema_scalars() {
        assert_eq!(
            value(
                "a: 1\nb: -2\nc: 1.5\nd: true\ne: ~\nf: 2026-06-02\ng: '3'\nh: 0x1f\ni: 30d\nj: 1e3\nk: .5\n"
            ),
            json!({"a": 1, "b": -2, "c": 1.5, "d": true, "e": null, "f": "2026-06-02",
                   "g": "3", "h": 31, "i": "30d", "j": 1000.0, "k": 0.5})
        );
    }

    #[test]
    fn yaml_1_1_booleans_stay_text() {
        assert_eq!(value("a: yes\nb: off\n"), json!({"a": "yes", "b": "off"}));
    }

    #[test]
    fn tags_outside_the_core_schema_are_refused() {
        let e = error("a: !!python/object:os.system x\n");
        assert_eq!(e.code, Code::UnsupportedYaml);
        assert!(
            e.message.contains("!!python/object:os.system"),
            "{}",
            e.message
        );
        assert_eq!(value("a: !!str 12\n"), json!({"a": "12"}));
        assert_eq!(error("a: !!int x\n").code, Code::UnsupportedYaml);
        assert_eq!(error("a: !local x\n").code, Code::UnsupportedYaml);
    }
}
