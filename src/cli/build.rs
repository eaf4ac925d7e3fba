//! `orderly build`: load the whole spec folder and write the static site, replacing the output
//! folder as a whole.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::output::{Colors, print, report_errors};
use super::{BuildArgs, Leftovers, today};
use crate::Error;
use crate::discover::root::{default_spec_root, normalize, normalize_dots};
use crate::load::Limits;
use crate::output::{Replace, refuse_inputs};
use crate::pipeline;
/// Runs `orderly build`.
pub(super) fn build(
    args: &BuildArgs,
    colors: Colors,
    leftovers: &mut Leftovers,
) -> Result<ExitCode, Error> {
    let (root, output) = build_paths(args)?;
    if output.as_os_str() == "-" {
        return Err(Error::BuildToStdout);
    }
    refuse_inputs(&output, &[&root])?;
    let workspace = pipeline::load(&root, &Limits::default());
    if let Err(error) = report_errors(&workspace, colors.stderr) {
        leftovers.keep(workspace);
        return Err(error);
    }
    let as_of = args.as_of.unwrap_or_else(today);
    let options = crate::site::SiteOptions {
        base_url: args.base_url.clone(),
        alarm: args.alarm,
    };
    let replace = if args.force {
        Replace::Force
    } else {
        Replace::OwnOnly
    };
    let files = crate::site::build_site(&workspace.spec, as_of, &options, &output, replace);
    leftovers.keep(workspace);
    let files = files?;
    print(&format!(
        "wrote {} ({files} files); open {} in a browser\n",
        output.display(),
        output.join("index.html").display()
    ))?;
    Ok(ExitCode::SUCCESS)
}

/// The spec folder and the output folder of a build. Without a spec argument: the spec folder
/// that holds the working directory (found by walking up to `actors.yaml`), whose site then
/// goes beside it rather than inside it, else `spec`.
fn build_paths(args: &BuildArgs) -> Result<(PathBuf, PathBuf), Error> {
    let default_spec = Path::new("spec");
    let spec = match &args.spec {
        Some(spec) => spec.clone(),
        // As `check` does: the spec folder the working directory is in comes first.
        None => match default_spec_root() {
            Some(root) if root != default_spec => {
                let output = args
                    .output
                    .clone()
                    .unwrap_or_else(|| normalize_dots(&root.join("..").join("site")));
                return Ok((root, output));
            }
            _ => default_spec.to_path_buf(),
        },
    };
    if !spec.is_dir() {
        return Err(Error::PathNotFound(spec));
    }
    let output = args.output.clone().unwrap_or_else(|| PathBuf::from("site"));
    Ok((normalize(&spec), output))
}
