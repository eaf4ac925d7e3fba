//! orderly: legal instruments as machine-readable obligations.
//!
//! An instrument's provisions are written as YAML in a spec folder (see the README for the
//! layout). This crate reads that folder and compiles it, in stages:
//!
//! - `discover`: find the files and what each one is;
//! - `load`: bytes → text → YAML tree, within resource [`Limits`];
//! - `validate`: each file against the JSON Schema of its kind (embedded from `schemas/`);
//! - [`model`]: the typed spec, from validated values;
//! - `check`: semantic rules (references resolve, deadlines do not loop, ...);
//! - `position`: JSON pointers → line:col, only for files with diagnostics;
//! - [`compile`]: the spec → views (checklists, timelines, diffs), with no I/O;
//! - [`render`]: views → text in each format (HTML, Markdown, CSV, iCalendar, JSON, Mermaid);
//! - `site`: every view of every instrument as a static site.
//!
//! ## Using the library
//!
//! - [`load()`] runs the stages up to `position` on a spec folder and returns a [`Workspace`]:
//!   the typed [`model::Spec`], the [`Files`] read and the [`diagnostic::Diagnostic`]s found,
//!   which [`diagnostic::render::render`] prints in each diagnostic format.
//! - [`compile::checklist::build`], [`compile::timeline::build`] and [`compile::diff::diff()`]
//!   turn a spec without errors into views; [`render`] prints them ([`render::render`] with
//!   the templates named in [`render::TEMPLATES`], [`render::csv`], [`render::ics`],
//!   [`render::json`]).
//! - [`build_site`] writes the static site into a folder, page by page as each is rendered;
//!   [`render_site`] makes it in memory and [`write_site`] writes that; [`write_atomic`]
//!   writes one file without leaving a partial one.
//! - [`SCHEMAS`] are the embedded JSON Schemas.
//! - [`run`] is the `orderly` command line, which the binary calls with [`Cli`].
//!
//! ## Layers
//!
//! A module uses only modules of its own layer or the layers before it, never one after it,
//! and the graph has no cycle (`tests/architecture.rs` checks every `crate::` path):
//!
//! 1. `text`, `source`, `suggest` (shared vocabulary, source files and spans, suggestions)
//! 2. [`diagnostic`] (problems in a spec, as data)
//! 3. `discover`, `load` (the stages that read files)
//! 4. `validate`, [`model`], `calendar`, `position` (schemas, the typed spec, date
//!    arithmetic, positions)
//! 5. `check` (semantic rules over the model)
//! 6. `pipeline` (the stages above, run in order)
//! 7. [`compile`] (views)
//! 8. [`render`] (formats)
//! 9. `error` (tool failures)
//! 10. `output`, `git` (writing files and folders; old revisions read with git)
//! 11. `site` (the static site)
//! 12. `cli` (the command line)
//! 13. `testing` (what the tests, benchmarks and fuzz targets share; not part of the API)

#![warn(missing_docs, unreachable_pub)]

mod calendar;
mod check;
mod cli;
pub mod compile;
pub mod diagnostic;
mod discover;
mod error;
mod git;
mod load;
pub mod model;
mod output;
mod pipeline;
mod position;
pub mod render;
mod site;
mod source;
mod suggest;
#[doc(hidden)]
pub mod testing;
mod text;
mod validate;

pub use cli::{Cli, Leftovers, run, run_leaving};
pub use error::{Error, GitMessage};
pub use load::Limits;
pub use output::{Replace, Site, write_atomic, write_site};
pub use pipeline::{Workspace, load};
pub use site::{SiteOptions, build_site, render_site, render_site_with};
pub use source::{FileId, Files, Pos, SourceFile, Span};
pub use validate::SCHEMAS;
