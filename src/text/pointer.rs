//! JSON pointers (RFC 6901): how a diagnostic names the value it is about.

use std::borrow::Cow;

/// Builds a JSON pointer from path segments, escaping `~` and `/` (RFC 6901).
pub(crate) fn pointer<I, S>(segments: I) -> String
where
    I: IntoIterator<Item = S>,
    S: std::fmt::Display,
{
    let mut out = String::new();
    for segment in segments {
        out.push('/');
        let segment = segment.to_string();
        if segment.contains(['~', '/']) {
            out.push_str(&segment.replace('~', "~0").replace('/', "~1"));
        } else {
            out.push_str(&segment);
        }
    }
    out
}

/// One segment of a pointer as the key it names: `~1` back to `/`, `~0` back to `~`.
pub(crate) fn unescape(segment: &str) -> Cow<'_, str> {
    if segment.contains('~') {
        segment.replace("~1", "/").replace("~0", "~").into()
    } else {
        segment.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_round_trip() {
        for key in ["plain", "a/b", "~", "~1", "a~/b"] {
            let built = pointer([key]);
            assert_eq!(unescape(&built[1..]), key);
        }
        assert_eq!(pointer(["a/b", "c~d"]), "/a~1b/c~0d");
    }
}
