//! Paths as a user gives them: from any folder inside the spec folder, paths that select no
//! spec file, one changed file that breaks another, and entries that must not be opened or
//! followed (FIFOs, standard input, links out of the spec folder).

use std::fs;
use std::io::Read as _;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::{example_spec, orderly};

const VERSION: &str = "city-ordinance-12/adopted";

/// Runs `orderly` with standard input an open pipe that never delivers anything, and fails the
/// test if it has not finished within 30 seconds (a run that blocks on a FIFO or on standard
/// input never would).
fn orderly_with_open_stdin(cwd: &Path, args: &[&str]) -> (i32, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_orderly"))
        .args(args)
        .current_dir(cwd)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the orderly binary runs");
    let stdin = child.stdin.take();
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > Duration::from_secs(30) {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("`orderly {}` blocked for 30 seconds", args.join(" "));
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    drop(stdin);
    let mut stdout = String::new();
    child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut stdout)
        .unwrap();
    (status.code().unwrap_or(-1), stdout)
}

#[test]
fn a_fifo_or_a_link_to_standard_input_is_reported_without_being_opened() {
    let dir = example_spec(None);
    let version = dir.path().join("spec").join(VERSION);
    let made = Command::new("mkfifo")
        .arg(version.join("pipe.yaml"))
        .status()
        .unwrap();
    assert!(made.success());
    std::os::unix::fs::symlink("/dev/stdin", version.join("stdin.yaml")).unwrap();
    std::os::unix::fs::symlink("pipe.yaml", version.join("to-pipe.yaml")).unwrap();
    let (code, stdout) = orderly_with_open_stdin(dir.path(), &["check", "--format", "concise"]);
    assert_eq!(code, 1, "{stdout}");
    for expected in [
        "spec/city-ordinance-12/adopted/pipe.yaml: error[special-file]: `pipe.yaml` is a FIFO",
        "spec/city-ordinance-12/adopted/to-pipe.yaml: error[special-file]: `to-pipe.yaml` leads to a FIFO",
        "spec/city-ordinance-12/adopted/stdin.yaml: error[link-outside-spec]",
    ] {
        assert!(stdout.contains(expected), "{expected}\n{stdout}");
    }
    // Every command that reads the spec stops on them the same way, and none blocks.
    let (code, _) = orderly_with_open_stdin(
        dir.path(),
        &[
            "checklist",
            "spec/city-ordinance-12",
            "--as-of",
            "2026-06-01",
        ],
    );
    assert_eq!(code, 1);
}

#[test]
fn nothing_from_outside_the_spec_folder_is_read_or_named() {
    let dir = example_spec(None);
    let outside = dir.path().join("outside");
    fs::create_dir_all(outside.join("v")).unwrap();
    fs::write(outside.join("secret.yml"), "token: SECRET-TOKEN-VALUE\n").unwrap();
    fs::write(
        outside.join("v/sec-9.yaml"),
        "section: \"9\"\nSECRET-KEY: 1\n",
    )
    .unwrap();
    let spec = dir.path().join("spec");
    let link = |target: &str, at: &str| {
        std::os::unix::fs::symlink(target, spec.join(at)).unwrap();
    };
    link("../../../outside/secret.yml", &format!("{VERSION}/zz.yaml"));
    link("../../outside/v", "city-ordinance-12/outside-version");
    link("../outside", "outside-instrument");
    link("/", &format!("{VERSION}/root"));
    let started = Instant::now();
    let run = orderly(dir.path(), &["check", "--format", "json"]);
    assert!(started.elapsed() < Duration::from_secs(20));
    assert_eq!(run.code, 1);
    for needle in ["SECRET", "outside/", "/etc", "/proc"] {
        assert!(
            !run.stdout.contains(needle),
            "`{needle}` in\n{}",
            run.stdout
        );
    }
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let mut links: Vec<(String, String)> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "link-outside-spec")
        .map(|d| {
            (
                d["file"].as_str().unwrap_or_default().to_owned(),
                d["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    links.sort();
    assert_eq!(links.len(), 4, "{}", run.stdout);
}

#[test]
fn links_that_stay_inside_the_spec_folder_still_work() {
    let dir = example_spec(None);
    let spec = dir.path().join("spec");
    // A version kept in a hidden folder of the spec and linked into place, and a section file
    // linked from there: both stay inside the spec folder.
    let version = spec.join(VERSION);
    let shared = spec.join(".shared/adopted");
    fs::create_dir_all(spec.join(".shared")).unwrap();
    fs::rename(&version, &shared).unwrap();
    std::os::unix::fs::symlink("../.shared/adopted", &version).unwrap();
    let run = orderly(dir.path(), &["check"]);
    assert_eq!(
        (run.code, run.stdout.as_str()),
        (0, "no problems in 6 files\n")
    );
}

#[test]
fn every_command_works_from_any_folder_inside_the_spec_folder() {
    let dir = example_spec(None);
    let spec = dir.path().join("spec");
    for (cwd, args) in [
        (spec.clone(), vec!["check"]),
        (spec.clone(), vec!["check", "."]),
        (spec.join("city-ordinance-12"), vec!["check"]),
        (spec.join(VERSION), vec!["check"]),
    ] {
        let run = orderly(&cwd, &args);
        assert_eq!(
            (run.code, run.stdout.as_str()),
            (0, "no problems in 6 files\n"),
            "{args:?} in {}: {}",
            cwd.display(),
            run.stderr
        );
    }
    // An absolute path while the spec folder is the working folder, and one file.
    let absolute = spec.to_string_lossy().into_owned();
    let run = orderly(&spec, &["check", &absolute]);
    assert_eq!(run.stdout, "no problems in 6 files\n", "{}", run.stderr);
    let run = orderly(&spec, &["check", "actors.yaml"]);
    assert_eq!(run.stdout, "no problems in 1 file\n", "{}", run.stderr);
    let run = orderly(
        &spec,
        &["checklist", "city-ordinance-12", "--as-of", "2026-06-01"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    // Diagnostics name their file from the spec folder too, never with an empty location.
    let path = spec.join(VERSION).join("sec-1.yaml");
    let text = fs::read_to_string(&path).unwrap();
    fs::write(&path, text.replace("kind: finding", "kind: findings")).unwrap();
    let run = orderly(&spec, &["check", "--format", "concise"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout
            .starts_with("city-ordinance-12/adopted/sec-1.yaml:8:11: error[invalid-value]"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_path_that_selects_no_spec_file_is_an_error() {
    let dir = example_spec(None);
    fs::write(
        dir.path().join("spec/city-ordinance-12/README.md"),
        "notes\n",
    )
    .unwrap();
    fs::create_dir(dir.path().join("empty")).unwrap();
    for path in ["spec/city-ordinance-12/README.md", "empty"] {
        let run = orderly(dir.path(), &["check", path]);
        assert_eq!(
            (run.code, run.stdout.as_str()),
            (2, ""),
            "{path}: {}",
            run.stderr
        );
        assert!(
            run.stderr
                .starts_with(&format!("error: no spec files under `{path}`")),
            "{}",
            run.stderr
        );
    }
    // Outside any spec folder and with no `spec` folder, no path is not "no problems".
    let run = orderly(&dir.path().join("empty"), &["check"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.starts_with("error: no spec folder here"),
        "{}",
        run.stderr
    );
}

#[test]
fn checking_one_changed_file_reports_the_errors_it_causes_elsewhere() {
    let dir = example_spec(None);
    let path = dir.path().join("spec").join(VERSION).join("sec-1.yaml");
    let text = fs::read_to_string(&path).unwrap();
    // Remove the provision that `terms.yaml` says defines the terms.
    let cut = text.find("  - id: definitions").unwrap();
    fs::write(&path, &text[..cut]).unwrap();
    let run = orderly(
        dir.path(),
        &[
            "check",
            "spec/city-ordinance-12/adopted/sec-1.yaml",
            "--format",
            "concise",
        ],
    );
    insta::assert_snapshot!(run.transcript(), @r"
    exit: 1
    --- stdout
    spec/city-ordinance-12/adopted/terms.yaml:7:17: error[unknown-provision]: unknown provision `definitions`
    1 error in 1 file
    note: 1 of these errors is in other files of the spec folder `spec`, outside the paths given; the spec builds only when it has no error anywhere
    ");
    // Machine formats keep their output valid and carry the error too.
    let run = orderly(
        dir.path(),
        &[
            "check",
            "spec/city-ordinance-12/adopted/sec-1.yaml",
            "--format",
            "json",
        ],
    );
    assert_eq!(run.code, 1);
    assert_eq!(crate::support::codes(&run.stdout), ["unknown-provision"]);
}

#[test]
fn check_and_build_count_the_same_files() {
    let dir = example_spec(None);
    fs::remove_file(dir.path().join("spec/city-ordinance-12/instrument.yaml")).unwrap();
    let check = orderly(dir.path(), &["check"]);
    let build = orderly(dir.path(), &["build", "spec", "-o", "site"]);
    assert_eq!((check.code, build.code), (1, 1));
    let counted = |text: &str| {
        text.lines()
            .find(|l| l.starts_with("1 error in"))
            .map(str::to_owned)
    };
    assert_eq!(
        counted(&check.stdout),
        Some("1 error in 5 files".to_owned())
    );
    assert_eq!(counted(&build.stderr), counted(&check.stdout));
}

#[test]
fn unreadable_file_is_explained_without_guessing_the_cause() {
    let run = orderly(Path::new("."), &["explain", "unreadable-file"]);
    assert_eq!(run.code, 0);
    assert!(
        run.stdout
            .contains("the message gives the reason the system reported"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("does not exist"), "{}", run.stdout);
}
