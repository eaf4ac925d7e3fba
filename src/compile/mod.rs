//! Compile: pure functions from the typed model to views that renderers print.
//!
//! [`deadline`] computes dates from due rules (`calendar` does the arithmetic);
//! [`checklist`] selects what each actor owes and where it stands as of a date; [`timeline`]
//! groups the checklist's items by due date; [`diff`] compares two versions. [`views`] holds
//! what they share: the instrument, version, parties, sources, readings and evidence as views.
//! No I/O happens here.

pub mod checklist;
pub mod deadline;
pub mod diff;
pub mod recurrence;
pub mod timeline;
pub mod views;
