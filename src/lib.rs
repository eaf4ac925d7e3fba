//! orderly: legal instruments as machine-readable obligations.
//!
//! An instrument's provisions are written as YAML in a spec folder (see the README for the
//! layout). This crate reads that folder through a staged pipeline:
//!
//! 1. [`discover`]: find the files and what each one is;
//! 2. [`load`]: bytes → text → YAML tree, within resource [`load::Limits`];
//! 3. [`validate`]: each file against the JSON Schema of its kind (embedded from `schemas/`);
//! 4. [`model`]: the typed spec, from validated values;
//! 5. `check`: semantic rules (references resolve, deadlines do not loop, ...);
//! 6. [`position`]: JSON pointers → line:col, only for files with diagnostics.
//!
//! [`pipeline::load`] runs them all; [`diagnostic::render`] prints the result. The `orderly`
//! binary is a thin layer over [`cli`].

#![warn(missing_docs)]

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
