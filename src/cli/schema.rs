//! `orderly schema`: list the embedded JSON Schemas, print one, or write them all.

use std::fmt::Write as _;
use std::process::ExitCode;

use super::SchemaArgs;
use super::output::print;
use crate::Error;
use crate::output::write_atomic;
use crate::validate::{SCHEMAS, schema_by_name};

/// Runs `orderly schema`.
pub(super) fn schema(args: &SchemaArgs) -> Result<ExitCode, Error> {
    if let Some(dir) = &args.write {
        std::fs::create_dir_all(dir).map_err(|source| Error::Write {
            path: dir.clone(),
            source,
        })?;
        for (_, file, text) in SCHEMAS {
            write_atomic(&dir.join(file), text.as_bytes())?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    if let Some(name) = &args.kind {
        let text = schema_by_name(name).ok_or_else(|| Error::UnknownKind(name.clone()))?;
        print(text)?;
    } else {
        let mut out = String::new();
        for (name, _, text) in SCHEMAS {
            let description = serde_json::from_str::<serde_json::Value>(text)
                .ok()
                .and_then(|s| {
                    s.get("description")
                        .and_then(|d| d.as_str())
                        .map(str::to_owned)
                })
                .unwrap_or_default();
            let _ = writeln!(out, "{name:<11} {description}");
        }
        print(&out)?;
    }
    Ok(ExitCode::SUCCESS)
}
