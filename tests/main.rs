//! orderly's integration tests: one binary, one module per concern.

mod architecture;
mod bad_input;
mod browser;
mod cli;
mod corpus;
mod dates;
mod diff;
mod diff_content;
mod diff_views;
mod hardening;
mod injection;
mod limits;
mod loader;
mod matching;
mod output_safety;
mod own_words;
mod paths;
mod properties;
mod reports;
mod schemas;
mod site;
mod sources;
mod spec_data;
mod spec_fixtures;
mod support;
mod templates;
