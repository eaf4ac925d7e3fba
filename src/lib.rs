//! orderly: legal instruments as machine-readable obligations.
//!
//! An instrument's provisions are written as YAML in a spec folder (see the README for the
//! layout). This crate reads that folder and compiles it, in stages:
//!
//! - [`discover`]: find the files and what each one is;
//! - [`load`]: bytes → text → YAML tree, within resource [`load::Limits`];
//! - [`validate`]: each file against the JSON Schema of its kind (embedded from `schemas/`);
//! - [`model`]: the typed spec, from validated values;
//! - `check`: semantic rules (references resolve, deadlines do not loop, ...);
//! - [`position`]: JSON pointers → line:col, only for files with diagnostics;
//! - [`compile`]: the spec → views (checklists, timelines, diffs), with no I/O;
//! - [`render`]: views → text in each format (HTML, Markdown, CSV, iCalendar, JSON, Mermaid);
//! - [`site`]: every view of every instrument as a static site.
//!
//! [`pipeline::load`] runs the stages up to position; [`diagnostic::render`] prints the
//! diagnostics; [`output`] writes files and folders without losing what was there. The
//! `orderly` binary is a thin layer over [`cli`].
//!
//! ## Layers
//!
//! A module uses only modules of its own layer or the layers before it, never one after it,
//! and the graph has no cycle (`tests/architecture.rs` checks every `crate::` path):
//!
//! 1. [`text`], [`source`], `suggest` (shared vocabulary, source files and spans, suggestions)
//! 2. [`diagnostic`] (problems in a spec, as data)
//! 3. [`discover`], [`load`] (the stages that read files)
//! 4. [`validate`], [`model`], [`calendar`], [`position`] (schemas, the typed spec, date
//!    arithmetic, positions)
//! 5. `check` (semantic rules over the model)
//! 6. [`pipeline`] (the stages above, run in order)
//! 7. [`compile`] (views)
//! 8. [`render`] (formats)
//! 9. [`error`] (tool failures)
//! 10. [`output`] (writing files and folders)
//! 11. [`site`] (the static site)
//! 12. [`cli`] (the command line)

#![warn(missing_docs)]

pub mod calendar;
mod check;
pub mod cli;
pub mod compile;
pub mod diagnostic;
pub mod discover;
pub mod error;
pub mod load;
pub mod model;
pub mod output;
pub mod pipeline;
pub mod position;
pub mod render;
pub mod site;
pub mod source;
mod suggest;
pub mod text;
pub mod validate;

pub use error::Error;
