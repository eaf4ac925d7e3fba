//! Word-level redlines of a provision's texts.

use similar::{ChangeTag, TextDiff};

use super::report::{Segment, SegmentOp};

/// The most words two texts may have together for a word-by-word redline. The comparison
/// takes time that grows with the words times the differences, so longer texts (no provision
/// comes near) get a coarse redline instead: shared opening and closing words, and the rest
/// deleted and inserted. A bound on the input, unlike a time limit, gives the same redline on
/// every machine.
const REDLINE_WORDS: usize = 4_000;

/// A word-level redline: runs of equal, deleted and inserted words.
pub fn redline(old: &str, new: &str) -> Vec<Segment> {
    if old.split_whitespace().count() + new.split_whitespace().count() > REDLINE_WORDS {
        return coarse_redline(old, new);
    }
    let diff = TextDiff::configure().diff_words(old, new);
    let mut out: Vec<Segment> = Vec::new();
    for change in diff.iter_all_changes() {
        let op = match change.tag() {
            ChangeTag::Equal => SegmentOp::Equal,
            ChangeTag::Delete => SegmentOp::Delete,
            ChangeTag::Insert => SegmentOp::Insert,
        };
        match out.last_mut() {
            Some(last) if last.op == op => last.text.push_str(change.value()),
            _ => out.push(Segment {
                op,
                text: change.value().to_owned(),
            }),
        }
    }
    out
}

/// The redline of texts too long to compare word by word: the longest shared opening and
/// closing that end at whitespace, and the middles deleted and inserted.
fn coarse_redline(old: &str, new: &str) -> Vec<Segment> {
    // Shared opening: up to just after the last whitespace both share.
    let mut start = 0;
    for ((i, a), b) in old.char_indices().zip(new.chars()) {
        if a != b {
            break;
        }
        if a.is_whitespace() {
            start = i + a.len_utf8();
        }
    }
    if old == new {
        start = old.len();
    }
    // Shared closing, not overlapping the opening: from the first whitespace of the run.
    let mut end = 0;
    for ((i, a), b) in old[start..]
        .char_indices()
        .rev()
        .zip(new[start..].chars().rev())
    {
        if a != b {
            break;
        }
        if a.is_whitespace() {
            end = old.len() - (start + i);
        }
    }
    let pieces = [
        (SegmentOp::Equal, &old[..start]),
        (SegmentOp::Delete, &old[start..old.len() - end]),
        (SegmentOp::Insert, &new[start..new.len() - end]),
        (SegmentOp::Equal, &old[old.len() - end..]),
    ];
    pieces
        .into_iter()
        .filter(|(_, text)| !text.is_empty())
        .map(|(op, text)| Segment {
            op,
            text: text.to_owned(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{REDLINE_WORDS, Segment, SegmentOp, redline};

    /// The old text (without insertions) and the new one (without deletions) of a redline.
    fn sides(segments: &[Segment]) -> (String, String) {
        let side = |skip: SegmentOp| {
            segments
                .iter()
                .filter(|s| s.op != skip)
                .map(|s| s.text.as_str())
                .collect()
        };
        (side(SegmentOp::Insert), side(SegmentOp::Delete))
    }

    #[test]
    fn redlines_give_back_both_texts() {
        let long = "word ".repeat(REDLINE_WORDS);
        let pairs = [
            ("", ""),
            ("same text", "same text"),
            ("the agency shall report", "the agency may report"),
            ("a b", "a b c"),
            ("α β γ", "α δ γ"),
            (long.as_str(), "word word"),
            ("tail", long.as_str()),
        ];
        for (old, new) in pairs {
            for (a, b) in [(old, new), (new, old)] {
                assert_eq!(
                    sides(&redline(a, b)),
                    (a.to_owned(), b.to_owned()),
                    "{a:.20} / {b:.20}"
                );
            }
        }
    }

    /// Texts too long to compare word by word keep their shared opening and closing words,
    /// and the same redline comes out whatever the machine's speed.
    #[test]
    fn long_texts_get_a_coarse_redline() {
        let body = "clause ".repeat(REDLINE_WORDS);
        let old = format!("The agency shall {body}within 30 days.");
        let new = format!("The agency must {body}within 90 days.");
        let segments = redline(&old, &new);
        let ops: Vec<SegmentOp> = segments.iter().map(|s| s.op).collect();
        assert_eq!(
            ops,
            [
                SegmentOp::Equal,
                SegmentOp::Delete,
                SegmentOp::Insert,
                SegmentOp::Equal
            ]
        );
        assert_eq!(segments[0].text, "The agency ");
        assert_eq!(segments[3].text, " days.");
        assert_eq!(sides(&segments), (old.clone(), new.clone()));
        assert_eq!(
            redline(&old, &old).len(),
            1,
            "equal texts are one equal run"
        );
    }
}
