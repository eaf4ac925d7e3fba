//! Word-level redlines of a provision's texts, grouped as legal redlines are: a replaced
//! phrase reads as one deleted run followed by one inserted run, and words the two texts share
//! stay unchanged only where keeping them helps reading.
//!
//! The texts are cut into words and runs of whitespace, each distinct piece stands for one
//! character, and `dissimilar` (Google's diff-match-patch with its semantic cleanup) compares
//! those strings: the cleanup folds a short shared piece between two changes (a lone "and",
//! a space) into the changes around it, so "Build, within 60 days," → "Create and maintain"
//! is one deletion and one insertion rather than alternating words, while a longer shared
//! stretch ("within", "days of the date of this order") stays unchanged. Working on whole
//! words, a changed number is replaced whole ("90" → "30"), never spliced digit by digit, and
//! a change starts and ends at a word's edge. That a deleted run and the inserted one after it
//! read apart ("~~90~~ 30", not "9030") is the render layer's part: the segments give back
//! both texts exactly, so they carry no space of their own.

use dissimilar::Chunk;
use foldhash::{HashMap, HashMapExt};

use super::report::{Segment, SegmentOp};

/// The most words two texts may have together for a word-by-word redline. The comparison
/// takes time that grows with the words times the differences, so longer texts (no provision
/// comes near) get a coarse redline instead: shared opening and closing words, and the rest
/// deleted and inserted. A bound on the input, unlike a time limit, gives the same redline on
/// every machine (`dissimilar` has no time limit).
const REDLINE_WORDS: usize = 4_000;

/// The first character that stands for a piece of text: the start of plane 15, a private-use
/// plane with 65,534 characters.
const FIRST_PIECE: u32 = 0xF_0000;

/// How many pieces the private-use plane can stand for.
const PIECES: usize = 0xFFFE;

// Two texts within `REDLINE_WORDS` words have at most one more run of whitespace than words
// each, so every piece has a character.
const _: () = assert!(2 * REDLINE_WORDS + 2 <= PIECES);

/// A word-level redline: runs of equal, deleted and inserted words. Deleted and equal runs
/// give back the old text; inserted and equal runs the new one. Identical texts are one equal
/// run (none if both are empty).
pub fn redline(old: &str, new: &str) -> Vec<Segment> {
    if old.split_whitespace().count() + new.split_whitespace().count() > REDLINE_WORDS {
        return coarse_redline(old, new);
    }
    let mut pieces: Vec<&str> = Vec::new();
    let mut index: HashMap<&str, char> = HashMap::new();
    let (Some(old_code), Some(new_code)) = (
        encode(old, &mut pieces, &mut index),
        encode(new, &mut pieces, &mut index),
    ) else {
        return coarse_redline(old, new);
    };
    let decode = |code: &str| -> String {
        code.chars()
            .map(|c| pieces[(u32::from(c) - FIRST_PIECE) as usize])
            .collect()
    };
    let mut out: Vec<Segment> = Vec::new();
    for chunk in dissimilar::diff(&old_code, &new_code) {
        let (op, code) = match chunk {
            Chunk::Equal(code) => (SegmentOp::Equal, code),
            Chunk::Delete(code) => (SegmentOp::Delete, code),
            Chunk::Insert(code) => (SegmentOp::Insert, code),
        };
        let text = decode(code);
        match out.last_mut() {
            Some(last) if last.op == op => last.text.push_str(&text),
            _ if text.is_empty() => {}
            _ => out.push(Segment { op, text }),
        }
    }
    out
}

/// A text as one character per word or run of whitespace, the same piece always the same
/// character; `None` if there are more distinct pieces than characters to stand for them
/// (which [`REDLINE_WORDS`] rules out).
fn encode<'a>(
    text: &'a str,
    pieces: &mut Vec<&'a str>,
    index: &mut HashMap<&'a str, char>,
) -> Option<String> {
    words(text)
        .map(|piece| {
            if let Some(&code) = index.get(piece) {
                return Some(code);
            }
            let code = u32::try_from(pieces.len())
                .ok()
                .filter(|&n| (n as usize) < PIECES)
                .and_then(|n| char::from_u32(FIRST_PIECE + n))?;
            pieces.push(piece);
            index.insert(piece, code);
            Some(code)
        })
        .collect()
}

/// A text cut into its words and its runs of whitespace, in order; together they are the
/// text.
fn words(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        let first = rest.chars().next()?;
        let space = first.is_whitespace();
        let end = rest
            .char_indices()
            .find(|&(_, c)| c.is_whitespace() != space)
            .map_or(rest.len(), |(i, _)| i);
        let (piece, tail) = rest.split_at(end);
        rest = tail;
        Some(piece)
    })
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
    use proptest::prelude::*;

    use super::{REDLINE_WORDS, Segment, SegmentOp, redline};

    /// Shorthand for the segments of a redline.
    fn seg(op: SegmentOp, text: &str) -> Segment {
        Segment {
            op,
            text: text.to_owned(),
        }
    }

    use SegmentOp::{Delete as D, Equal as E, Insert as I};

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

    /// A replaced phrase is one deleted run and then one inserted run, not alternating words;
    /// the shared words around it stay unchanged.
    #[test]
    fn a_replaced_phrase_is_one_deletion_then_one_insertion() {
        assert_eq!(
            redline(
                "Says that the measures give no basis for licensing.",
                "Says Section 3 cannot be used to justify licensing."
            ),
            [
                seg(E, "Says "),
                seg(D, "that the measures give no basis for"),
                seg(I, "Section 3 cannot be used to justify"),
                seg(E, " licensing."),
            ]
        );
        // EO 14409's 3(a): the phrases share "a classified", too little to keep apart.
        let segments = redline(
            "Build, within 60 days, a classified benchmarking process.",
            "Create and maintain a classified way of testing.",
        );
        let ops: Vec<SegmentOp> = segments.iter().map(|s| s.op).collect();
        assert_eq!(ops, [D, I], "{segments:?}");
    }

    /// Whitespace goes with the words: a space between two changed words is part of the
    /// change, never an unchanged run of its own, and a change starts and ends at a word's
    /// edge.
    #[test]
    fn whitespace_attaches_to_words() {
        assert_eq!(
            redline(
                "Give the government a head start",
                "Give the federal government a head start"
            ),
            [
                seg(E, "Give the "),
                seg(I, "federal "),
                seg(E, "government a head start"),
            ]
        );
        assert_eq!(
            redline(
                "Issue binding directives now",
                "Issue Binding Operational Directives now"
            ),
            [
                seg(E, "Issue "),
                seg(D, "binding directives"),
                seg(I, "Binding Operational Directives"),
                seg(E, " now"),
            ]
        );
        let segments = redline(
            "Build, within 60 days, a benchmark for AI models' cyber capabilities.",
            "Create and maintain a way of testing how capable AI models are at cyber operations.",
        );
        for pair in segments.windows(3) {
            assert!(
                !(pair[1].op == E && pair[1].text.trim().is_empty()),
                "a lone space between changes: {segments:?}"
            );
        }
    }

    /// Shared words stay unchanged when they are a stretch worth reading as such, and fold
    /// into the change when they are a lone short word between two changed phrases.
    #[test]
    fn shared_words_stay_only_where_they_help() {
        assert_eq!(
            redline(
                "The Secretary shall, within 90 days of the date of this order, submit a report.",
                "The Secretary shall, within 30 days of the date of this order, submit a report."
            ),
            [
                seg(E, "The Secretary shall, within "),
                seg(D, "90"),
                seg(I, "30"),
                seg(E, " days of the date of this order, submit a report."),
            ]
        );
        assert_eq!(
            redline(
                "Extend AI defensive tools to federal systems.",
                "Speed up and give priority to civilian information systems."
            ),
            [
                seg(D, "Extend AI defensive tools to federal"),
                seg(I, "Speed up and give priority to civilian information"),
                seg(E, " systems."),
            ]
        );
    }

    /// A changed number is replaced whole, digits and all, as its whole word.
    #[test]
    fn a_changed_number_is_replaced_whole() {
        assert_eq!(
            redline("at most 90 days of access", "at most 30 days of access"),
            [
                seg(E, "at most "),
                seg(D, "90"),
                seg(I, "30"),
                seg(E, " days of access"),
            ]
        );
        assert_eq!(
            redline("a 90-day window from 1990", "a 30-day window from 1930"),
            [
                seg(E, "a "),
                seg(D, "90-day"),
                seg(I, "30-day"),
                seg(E, " window from "),
                seg(D, "1990"),
                seg(I, "1930"),
            ]
        );
    }

    /// Identical texts are one unchanged run: nothing to mark.
    #[test]
    fn identical_texts_have_no_changes() {
        let text = "Make it an enforcement priority to use the statutes listed.";
        assert_eq!(redline(text, text), [seg(E, text)]);
        assert_eq!(redline("", ""), []);
    }

    /// A text that one side lacks is wholly inserted or wholly deleted.
    #[test]
    fn an_empty_side_is_a_whole_insertion_or_deletion() {
        assert_eq!(
            redline("", "Grant money for tools"),
            [seg(I, "Grant money for tools")]
        );
        assert_eq!(
            redline("Federal grant programmes", ""),
            [seg(D, "Federal grant programmes")]
        );
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
    proptest! {
        /// On any texts of a few words, with any whitespace: the redline gives back both
        /// texts, no run is empty, two runs in a row differ, and every change starts and ends at
        /// a word's edge.
        #[test]
        fn redlines_are_whole_words_and_lossless(
            old in proptest::collection::vec((0..6_usize, 0..3_usize), 0..12),
            new in proptest::collection::vec((0..6_usize, 0..3_usize), 0..12),
        ) {
            const WORDS: [&str; 6] = ["the", "90", "30", "days,", "agency", "shall"];
            const SPACES: [&str; 3] = [" ", "  ", "\n"];
            let text = |words: &[(usize, usize)]| -> String {
                words.iter().flat_map(|&(w, s)| [WORDS[w], SPACES[s]]).collect()
            };
            let (old, new) = (text(&old), text(&new));
            let segments = redline(&old, &new);
            prop_assert_eq!(sides(&segments), (old.clone(), new.clone()));
            for s in &segments {
                prop_assert!(!s.text.is_empty());
            }
            for pair in segments.windows(2) {
                prop_assert_ne!(pair[0].op, pair[1].op);
            }
            // Each change's edges, in its own side's text.
            let (mut at_old, mut at_new) = (0, 0);
            for s in &segments {
                let (side, at) = match s.op {
                    SegmentOp::Delete => (&old, &mut at_old),
                    SegmentOp::Insert => (&new, &mut at_new),
                    SegmentOp::Equal => {
                        at_old += s.text.len();
                        at_new += s.text.len();
                        continue;
                    }
                };
                let (start, end) = (*at, *at + s.text.len());
                let inside_word = |i: usize| {
                    i > 0
                        && i < side.len()
                        && !side[..i].ends_with(char::is_whitespace)
                        && !side[i..].starts_with(char::is_whitespace)
                };
                prop_assert!(!inside_word(start) && !inside_word(end), "{:?}", segments);
                *at = end;
            }
        }
    }
}
