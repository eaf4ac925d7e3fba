//! The two versions side by side: every provision of both, in document order, each row
//! pairing a provision with its counterpart and naming its change, for the HTML report.
//!
//! The rows come from the diff itself and the two versions, not from matching again: a change
//! with both ids pairs them (changed, renamed, moved); an added or removed provision stands
//! alone; and every other provision is in both versions under the same id, unchanged. The
//! order is the new version's, with each provision only in the old version placed where it
//! stood there: right after the row of the old provision before it.

use std::collections::HashMap;

use serde::Serialize;

use super::report::Diff;
use crate::model::{Provision, Version};

/// The diff with its side-by-side rows: what the HTML report renders. It serializes as the
/// diff's own fields plus `rows` and `wording`; the JSON output is the diff alone.
#[derive(Clone, Debug, Serialize)]
pub struct WithRows<'a> {
    /// The diff.
    #[serde(flatten)]
    pub diff: &'a Diff,
    /// Every provision of both versions, in document order.
    pub rows: Vec<Row>,
    /// What the cells give: `text` when every provision shown carries its official wording,
    /// `summary` when none does (the cells are the encoding's summaries), `mixed` otherwise.
    pub wording: &'static str,
}

/// One row of the side-by-side view.
#[derive(Clone, Debug, Serialize)]
pub struct Row {
    /// The provision in the old version, if it is there.
    pub old: Option<Cell>,
    /// The provision in the new version, if it is there.
    pub new: Option<Cell>,
    /// The row's change, as an index into the diff's `changes`; none if the provision is the
    /// same in both.
    pub change: Option<usize>,
}

/// One side of a row: a provision as that version has it.
#[derive(Clone, Debug, Serialize)]
pub struct Cell {
    /// The provision's id.
    pub id: String,
    /// Its number.
    #[serde(rename = "ref")]
    pub reference: String,
    /// Its heading.
    pub heading: Option<String>,
    /// What the cell shows: the official wording when both sides of the row carry it, else
    /// the summary (`action`).
    pub body: String,
    /// Which field `body` is: `text` or `action`, the name of its redline in the change.
    pub field: &'static str,
}

/// The side-by-side rows of `diff`, the diff between `old` and `new`.
pub fn with_rows<'a>(diff: &'a Diff, old: &Version, new: &Version) -> WithRows<'a> {
    let mut by_old: HashMap<&str, usize> = HashMap::new();
    let mut by_new: HashMap<&str, usize> = HashMap::new();
    for (i, c) in diff.changes.iter().enumerate() {
        if let Some(id) = &c.old_id {
            by_old.entry(id.as_str()).or_insert(i);
        }
        if let Some(id) = &c.new_id {
            by_new.entry(id.as_str()).or_insert(i);
        }
    }
    let olds: Vec<&Provision> = old.provisions().map(|p| &p.value).collect();
    let mut old_at: HashMap<&str, usize> = HashMap::new();
    for (i, p) in olds.iter().enumerate() {
        old_at.entry(p.id.as_str()).or_insert(i);
    }
    // The new version's provisions, each with its change and its old counterpart.
    let news: Vec<(&Provision, Option<usize>, Option<usize>)> = new
        .provisions()
        .map(|p| {
            let np = &p.value;
            let change = by_new.get(np.id.as_str()).copied();
            let partner = match change {
                Some(i) => diff.changes[i]
                    .old_id
                    .as_deref()
                    .and_then(|id| old_at.get(id).copied()),
                None => old_at.get(np.id.as_str()).copied(),
            };
            (np, change, partner)
        })
        .collect();
    // The row (of `news`) each old provision is on, if it has a counterpart.
    let mut row_of: HashMap<usize, usize> = HashMap::new();
    for (row, &(_, _, partner)) in news.iter().enumerate() {
        if let Some(o) = partner {
            row_of.entry(o).or_insert(row);
        }
    }
    // Each old provision without a counterpart goes after the row of the old provision before
    // it (`None`: before the first row).
    let mut after: HashMap<Option<usize>, Vec<usize>> = HashMap::new();
    let mut anchor = None;
    for o in 0..olds.len() {
        match row_of.get(&o) {
            Some(&row) => anchor = Some(row),
            None => after.entry(anchor).or_default().push(o),
        }
    }
    let alone = |anchor: Option<usize>, rows: &mut Vec<Row>| {
        for &o in after.get(&anchor).map_or(&[][..], Vec::as_slice) {
            let op = olds[o];
            rows.push(Row {
                old: Some(cell(op, op.text.is_some())),
                new: None,
                change: by_old.get(op.id.as_str()).copied(),
            });
        }
    };
    let mut rows = Vec::with_capacity(olds.len().max(news.len()));
    alone(None, &mut rows);
    for (row, &(np, change, partner)) in news.iter().enumerate() {
        // An old provision is beside the first new one that names it.
        match partner.filter(|o| row_of.get(o) == Some(&row)) {
            Some(o) => {
                let op = olds[o];
                let both = op.text.is_some() && np.text.is_some();
                rows.push(Row {
                    old: Some(cell(op, both)),
                    new: Some(cell(np, both)),
                    change,
                });
            }
            None => rows.push(Row {
                old: None,
                new: Some(cell(np, np.text.is_some())),
                change,
            }),
        }
        alone(Some(row), &mut rows);
    }
    let cells = || rows.iter().flat_map(|r| r.old.iter().chain(r.new.iter()));
    let wording = if cells().all(|c| c.field == "text") {
        "text"
    } else if cells().all(|c| c.field == "action") {
        "summary"
    } else {
        "mixed"
    };
    WithRows {
        diff,
        rows,
        wording,
    }
}

/// A provision as a cell: its text if `text` (both sides carry it), else its summary.
fn cell(p: &Provision, text: bool) -> Cell {
    let (body, field) = match (&p.text, text) {
        (Some(t), true) => (t.clone(), "text"),
        _ => (p.action.clone(), "action"),
    };
    Cell {
        id: p.id.clone(),
        reference: p.reference.clone(),
        heading: p.heading.clone(),
        body,
        field,
    }
}
