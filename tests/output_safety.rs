//! Outputs never destroy what orderly did not write: `build -o` replaces only its own sites,
//! no output may touch a spec folder being read, `-o` onto links, hard links, read-only files
//! and `-` does the documented thing, and a killed build's leftovers are swept.

use std::fs;
use std::path::Path;

use crate::site::broken_links;
use crate::support::{Run, example_spec, names, orderly, tree};

const INSTRUMENT: &str = "spec/city-ordinance-12";

fn build(cwd: &Path, out: &str, extra: &[&str]) -> Run {
    let mut args = vec!["build", "spec", "-o", out, "--as-of", "2026-06-01"];
    args.extend_from_slice(extra);
    orderly(cwd, &args)
}

/// Every file under `dir` with its contents.
fn contents(dir: &Path) -> Vec<(String, Vec<u8>)> {
    tree(dir)
        .into_iter()
        .map(|f| (f.clone(), fs::read(dir.join(&f)).unwrap()))
        .collect()
}

#[test]
fn build_refuses_a_folder_it_did_not_write_unless_forced() {
    let dir = example_spec(None);
    let docs = dir.path().join("out/mydocs");
    fs::create_dir_all(&docs).unwrap();
    fs::write(docs.join("thesis.txt"), "precious").unwrap();

    let run = build(dir.path(), "out/mydocs", &[]);
    assert_eq!(run.code, 2, "{}", run.transcript());
    assert!(run.stderr.contains("out/mydocs"), "{}", run.stderr);
    assert!(run.stderr.contains("--force"), "{}", run.stderr);
    assert_eq!(
        fs::read_to_string(docs.join("thesis.txt")).unwrap(),
        "precious"
    );
    assert_eq!(
        names(&dir.path().join("out")),
        ["mydocs"],
        "nothing beside it"
    );

    // A hidden file counts: the folder is not empty.
    let hidden = dir.path().join("hidden");
    fs::create_dir(&hidden).unwrap();
    fs::write(hidden.join(".keep"), "").unwrap();
    assert_eq!(build(dir.path(), "hidden", &[]).code, 2);
    assert!(hidden.join(".keep").exists());

    let forced = build(dir.path(), "out/mydocs", &["--force"]);
    assert_eq!(forced.code, 0, "{}", forced.transcript());
    assert!(!docs.join("thesis.txt").exists());
    assert!(docs.join("index.html").is_file());
}

#[test]
fn build_replaces_an_empty_folder_and_its_own_sites() {
    let dir = example_spec(None);
    fs::create_dir(dir.path().join("empty")).unwrap();
    assert_eq!(build(dir.path(), "empty", &[]).code, 0);
    let marker = dir.path().join("empty/.orderly-site");
    assert!(marker.is_file(), "the site carries its marker");
    // Its own site, even with a page a user added, is replaced whole.
    fs::write(dir.path().join("empty/extra.html"), "x").unwrap();
    assert_eq!(build(dir.path(), "empty", &[]).code, 0);
    assert!(!dir.path().join("empty/extra.html").exists());
    // Without the marker, the same folder is no longer taken for a site.
    fs::remove_file(&marker).unwrap();
    assert_eq!(build(dir.path(), "empty", &[]).code, 2);
    assert!(dir.path().join("empty/index.html").is_file());
}

#[test]
fn build_refuses_an_output_that_holds_or_lies_inside_the_spec() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("proj");
    let spec = example_spec(None);
    crate::support::copy_dir(&spec.path().join("spec"), &project.join("spec"));
    fs::write(project.join("README.md"), "my project").unwrap();
    let before = contents(&project);
    for (cwd, args) in [
        (
            dir.path(),
            vec!["build", "proj/spec", "-o", "proj", "--force"],
        ),
        (
            dir.path(),
            vec!["build", "proj/spec", "-o", "proj/spec", "--force"],
        ),
        (
            dir.path(),
            vec!["build", "proj/spec", "-o", "proj/spec/site"],
        ),
        (
            dir.path(),
            vec!["build", "proj/spec", "-o", "proj/spec/city-ordinance-12/x"],
        ),
        (
            project.as_path(),
            vec!["build", "spec", "-o", ".", "--force"],
        ),
        (
            project.as_path(),
            vec!["build", "spec", "-o", "./spec/../spec/out"],
        ),
    ] {
        let run = orderly(cwd, &args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.transcript());
        assert!(
            run.stderr.contains("spec folder"),
            "{args:?}: {}",
            run.stderr
        );
        assert_eq!(contents(&project), before, "{args:?} changed the project");
    }
    // Through a symbolic link too.
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(project.join("spec"), dir.path().join("alias")).unwrap();
        let run = orderly(dir.path(), &["build", "proj/spec", "-o", "alias/site"]);
        assert_eq!(run.code, 2, "{}", run.transcript());
        assert_eq!(contents(&project), before);
    }
}

#[test]
fn reports_refuse_to_write_into_the_spec_they_read() {
    let dir = example_spec(None);
    let before = contents(&dir.path().join("spec"));
    let file = "spec/city-ordinance-12/adopted/sec-2.yaml";
    for args in [
        vec!["checklist", INSTRUMENT, "-o", file],
        vec!["timeline", INSTRUMENT, "--format", "ics", "-o", file],
        vec!["diff", INSTRUMENT, INSTRUMENT, "-o", file],
        vec!["checklist", INSTRUMENT, "-o", "spec/new.md"],
        vec!["checklist", INSTRUMENT, "-o", "spec"],
    ] {
        let run = orderly(dir.path(), &args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.transcript());
        assert!(
            run.stderr.contains("spec folder"),
            "{args:?}: {}",
            run.stderr
        );
    }
    assert_eq!(contents(&dir.path().join("spec")), before);
    assert_eq!(names(dir.path()), ["spec"]);
}

#[test]
fn build_refuses_a_file_and_leaves_nothing_hidden() {
    let dir = example_spec(None);
    fs::write(dir.path().join("notes.txt"), "my notes").unwrap();
    let run = build(dir.path(), "notes.txt", &["--force"]);
    assert_eq!(run.code, 2, "{}", run.transcript());
    assert!(run.stderr.contains("not a folder"), "{}", run.stderr);
    assert_eq!(
        fs::read_to_string(dir.path().join("notes.txt")).unwrap(),
        "my notes"
    );
    assert_eq!(names(dir.path()), ["notes.txt", "spec"]);
}

#[test]
fn dash_is_standard_output() {
    let dir = example_spec(None);
    let run = orderly(dir.path(), &["checklist", INSTRUMENT, "-o", "-"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(run.stdout.starts_with("# "), "{}", run.stdout);
    let run = orderly(
        dir.path(),
        &["timeline", INSTRUMENT, "--format", "json", "-o", "-"],
    );
    assert_eq!(run.code, 0);
    serde_json::from_str::<serde_json::Value>(&run.stdout).unwrap();
    let run = build(dir.path(), "-", &[]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("standard output"), "{}", run.stderr);
    assert_eq!(names(dir.path()), ["spec"], "no file named `-`");
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_is_written_through() {
    use std::os::unix::fs::symlink;
    let dir = example_spec(None);
    fs::write(dir.path().join("real.md"), "original").unwrap();
    symlink("real.md", dir.path().join("link.md")).unwrap();
    symlink("later.md", dir.path().join("dangling.md")).unwrap();
    for link in ["link.md", "dangling.md"] {
        let run = orderly(dir.path(), &["checklist", INSTRUMENT, "-o", link]);
        assert_eq!(run.code, 0, "{}", run.transcript());
        let path = dir.path().join(link);
        assert!(
            fs::symlink_metadata(&path)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert!(fs::read_to_string(&path).unwrap().starts_with("# "));
    }
    assert!(
        fs::read_to_string(dir.path().join("real.md"))
            .unwrap()
            .starts_with("# ")
    );
    assert!(dir.path().join("later.md").is_file());
    // A link to a folder: the site is built in the folder it names.
    fs::create_dir(dir.path().join("public")).unwrap();
    symlink("public", dir.path().join("www")).unwrap();
    assert_eq!(build(dir.path(), "www", &[]).code, 0);
    assert!(
        fs::symlink_metadata(dir.path().join("www"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(dir.path().join("public/index.html").is_file());
}

#[cfg(unix)]
#[test]
fn hard_links_and_read_only_files_are_refused() {
    use std::os::unix::fs::PermissionsExt;
    let dir = example_spec(None);
    let (a, b) = (dir.path().join("a.md"), dir.path().join("b.md"));
    fs::write(&a, "shared").unwrap();
    fs::hard_link(&a, &b).unwrap();
    let run = orderly(dir.path(), &["checklist", INSTRUMENT, "-o", "a.md"]);
    assert_eq!(run.code, 2, "{}", run.transcript());
    assert!(run.stderr.contains("hard links"), "{}", run.stderr);
    assert_eq!(fs::read_to_string(&b).unwrap(), "shared");
    assert_eq!(fs::read_to_string(&a).unwrap(), "shared");

    let locked = dir.path().join("locked.md");
    fs::write(&locked, "keep").unwrap();
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o444)).unwrap();
    let run = orderly(dir.path(), &["checklist", INSTRUMENT, "-o", "locked.md"]);
    assert_eq!(run.code, 2, "{}", run.transcript());
    assert!(run.stderr.contains("read-only"), "{}", run.stderr);
    assert_eq!(fs::read_to_string(&locked).unwrap(), "keep");
    assert_eq!(names(dir.path()), ["a.md", "b.md", "locked.md", "spec"]);
}

/// Makes a file or folder look as if it was left a minute ago.
fn age(path: &Path) {
    let file = fs::File::open(path).unwrap();
    file.set_modified(std::time::SystemTime::now() - std::time::Duration::from_mins(1))
        .unwrap();
}

#[test]
fn a_killed_builds_leftovers_are_swept_but_nothing_else() {
    let dir = example_spec(None);
    let folder = |name: &str, marked: bool, content: bool| {
        let path = dir.path().join(name);
        fs::create_dir(&path).unwrap();
        if marked {
            fs::write(path.join(".orderly-site"), "").unwrap();
        }
        if content {
            fs::create_dir(path.join("sub")).unwrap();
            fs::write(path.join("sub/page.html"), "half").unwrap();
        }
        age(&path);
        path
    };
    // Left by killed builds: removed.
    folder(".site.building.AbC123", true, true);
    folder(".site.previous.XyZ789", true, true);
    folder(".site.building.Empty0", false, false);
    // Held by a build still running (its lock): kept.
    let running = folder(".site.building.Run000", true, true);
    let held = fs::File::open(&running).unwrap();
    held.lock().unwrap();
    // Someone else's folders that only look alike, and one just made: kept.
    folder(".site.building.abc123", false, true);
    folder(".site.building.not-ours", true, true);
    let fresh = dir.path().join(".site.building.New000");
    fs::create_dir(&fresh).unwrap();
    fs::write(fresh.join(".orderly-site"), "").unwrap();

    assert_eq!(build(dir.path(), "site", &[]).code, 0);
    assert_eq!(
        names(dir.path()),
        [
            ".site.building.New000",
            ".site.building.Run000",
            ".site.building.abc123",
            ".site.building.not-ours",
            "site",
            "spec"
        ]
    );
    drop(held);
}

#[test]
fn a_killed_writes_temporary_file_is_swept() {
    let dir = example_spec(None);
    let stale = dir.path().join(".out.md.orderly.AbC123.tmp");
    let held = dir.path().join(".out.md.orderly.Run000.tmp");
    let other = dir.path().join(".out.md.AbC123.tmp");
    for path in [&stale, &held, &other] {
        fs::write(path, "half").unwrap();
        age(path);
    }
    let lock = fs::File::open(&held).unwrap();
    lock.lock().unwrap();
    let run = orderly(dir.path(), &["checklist", INSTRUMENT, "-o", "out.md"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert_eq!(
        names(dir.path()),
        [
            ".out.md.AbC123.tmp",
            ".out.md.orderly.Run000.tmp",
            "out.md",
            "spec"
        ]
    );
    drop(lock);
}

/// A reader that stops reading (`-o /dev/stdout | head -c 10`, or a named pipe whose reader
/// goes away) ends the run quietly, as it does when the report goes to standard output
/// itself: each report is longer than a pipe holds, so the write meets the closed pipe.
#[cfg(unix)]
#[test]
fn a_reader_that_stops_reading_is_no_error() {
    use std::io::Read;
    let diff = ["diff", "spec/eo-14409", "--from", "draft", "--to", "signed"];
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let fifo = fifo.to_str().unwrap();
    for format in ["json", "html"] {
        for output in ["/dev/stdout", "-", fifo] {
            let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_orderly"))
                .args(diff)
                .args(["--format", format, "-o", output])
                .current_dir(crate::support::repo())
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap();
            let mut start = [0u8; 10];
            if output == fifo {
                // Opening blocks until orderly opens the other end.
                fs::File::open(fifo)
                    .unwrap()
                    .read_exact(&mut start)
                    .unwrap();
            } else {
                child.stdout.take().unwrap().read_exact(&mut start).unwrap();
            }
            let done = child.wait_with_output().unwrap();
            let said = String::from_utf8_lossy(&done.stderr);
            assert!(done.status.success(), "{format} -o {output}: {said}");
            assert!(said.is_empty(), "{format} -o {output}: {said}");
            assert!(start[0] == b'{' || start[0] == b'<', "{format} -o {output}");
        }
    }
}

#[cfg(unix)]
#[test]
fn open_descriptors_are_written_in_place() {
    // `-o /dev/stdout` with standard output appended to a file keeps what the file held.
    let dir = example_spec(None);
    let log = dir.path().join("log");
    fs::write(&log, "precious line\n").unwrap();
    let file = fs::OpenOptions::new().append(true).open(&log).unwrap();
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_orderly"))
        .args(["checklist", INSTRUMENT, "-o", "/dev/stdout"])
        .current_dir(dir.path())
        .stdout(file)
        .status()
        .unwrap();
    assert!(status.success());
    let text = fs::read_to_string(&log).unwrap();
    assert!(text.starts_with("precious line\n# "), "{text}");
    // And through a pipe.
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_orderly"))
        .args(["checklist", INSTRUMENT, "-o", "/dev/stdout"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.stdout.starts_with(b"# "));
    assert_eq!(names(dir.path()), ["log", "spec"]);
}

#[test]
fn build_refuses_to_replace_the_working_directory() {
    let dir = example_spec(None);
    let work = tempfile::tempdir().unwrap();
    let here = work.path().join("here");
    fs::create_dir(&here).unwrap();
    let spec = dir.path().join("spec");
    let spec = spec.to_str().unwrap();
    for out in [".", ".."] {
        let run = orderly(&here, &["build", spec, "-o", out, "--force"]);
        assert_eq!(run.code, 2, "{}", run.transcript());
        assert!(run.stderr.contains("working directory"), "{}", run.stderr);
    }
    assert!(here.is_dir());
    assert_eq!(names(&here), Vec::<String>::new());
}

#[cfg(unix)]
#[test]
fn an_instrument_linked_from_outside_the_spec_is_not_an_output_escape() {
    // The instrument's files live outside the spec folder behind a link: the spec does not
    // check, so nothing is built or written over the linked files.
    let dir = example_spec(None);
    let ext = dir.path().join("ext");
    fs::create_dir(&ext).unwrap();
    fs::rename(dir.path().join(INSTRUMENT), ext.join("city-ordinance-12")).unwrap();
    std::os::unix::fs::symlink("../ext/city-ordinance-12", dir.path().join(INSTRUMENT)).unwrap();
    let before = contents(&ext);
    let run = build(dir.path(), "ext", &["--force"]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    assert!(run.stderr.contains("link-outside-spec"), "{}", run.stderr);
    assert_eq!(contents(&ext), before);
}

#[test]
fn long_names_and_ids_build() {
    let dir = example_spec(None);
    let long_id = "a".repeat(300);
    let path = dir.path().join("spec/city-ordinance-12/adopted/sec-2.yaml");
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains("id: annual-report"));
    fs::write(
        &path,
        text.replace("id: annual-report", &format!("id: {long_id}")),
    )
    .unwrap();
    let out = "s".repeat(250);
    let run = build(dir.path(), &out, &[]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let site = dir.path().join(&out);
    let pages = tree(&site);
    let page = pages
        .iter()
        .find(|p| p.contains("/provisions/aaaa"))
        .expect("a page for the long id");
    let name = Path::new(page).file_name().unwrap().to_string_lossy();
    assert!(name.len() < 120, "{name}");
    let (broken, checked) = broken_links(&site);
    assert!(broken.is_empty(), "{broken:#?}");
    assert!(checked > 20);
    // The same id gets the same name on every build.
    assert_eq!(build(dir.path(), &out, &[]).code, 0);
    assert_eq!(tree(&site), pages);
}

#[test]
fn instrument_links_survive_ids_that_are_parts_of_paths() {
    // Ids that are suffixes of `actors/` and the like broke links built by text replacement.
    let dir = example_spec(None);
    let spec = dir.path().join("spec");
    crate::support::copy_dir(&spec.join("city-ordinance-12"), &spec.join("rs"));
    crate::support::copy_dir(&spec.join("city-ordinance-12"), &spec.join("adopted"));
    assert_eq!(build(dir.path(), "site", &[]).code, 0);
    let (broken, checked) = broken_links(&dir.path().join("site"));
    assert!(broken.is_empty(), "{broken:#?}");
    assert!(checked > 50);
}

#[test]
fn color_is_honoured_on_standard_error() {
    let dir = example_spec(None);
    let path = dir.path().join("spec/actors.yaml");
    let text = fs::read_to_string(&path).unwrap();
    fs::write(&path, text.replace("kind: legislature", "kind: parliament")).unwrap();
    for command in ["checklist", "timeline", "diff"] {
        let args = |color| {
            let mut args = vec![command, INSTRUMENT, "--color", color];
            if command == "diff" {
                args.push(INSTRUMENT);
            }
            args
        };
        let always = orderly(dir.path(), &args("always"));
        assert_eq!(always.code, 1, "{}", always.transcript());
        assert!(
            always.stderr.contains('\u{1b}'),
            "{command}: {}",
            always.stderr
        );
        let never = orderly(dir.path(), &args("never"));
        assert!(
            !never.stderr.contains('\u{1b}'),
            "{command}: {}",
            never.stderr
        );
    }
    let always = orderly(dir.path(), &["build", "spec", "--color", "always"]);
    assert!(always.stderr.contains('\u{1b}'), "{}", always.stderr);
    // Tool failures too.
    let failed = orderly(dir.path(), &["checklist", "nowhere", "--color", "always"]);
    assert_eq!(failed.code, 2);
    assert!(failed.stderr.starts_with("\u{1b}["), "{}", failed.stderr);
}

#[test]
fn build_from_inside_the_spec_writes_the_site_beside_it() {
    let dir = example_spec(None);
    let inside = dir.path().join("spec/city-ordinance-12/adopted");
    let run = orderly(&inside, &["build", "--as-of", "2026-06-01"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(dir.path().join("site/index.html").is_file());
    assert_eq!(names(dir.path()), ["site", "spec"]);
    // An instrument named `spec` inside the spec folder does not change which spec is built.
    crate::support::copy_dir(&dir.path().join(INSTRUMENT), &dir.path().join("spec/spec"));
    fs::remove_dir_all(dir.path().join("site")).unwrap();
    let run = orderly(
        &dir.path().join("spec"),
        &["build", "--as-of", "2026-06-01"],
    );
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(dir.path().join("site/spec/index.html").is_file());
    fs::remove_dir_all(dir.path().join("spec/spec")).unwrap();
    // From the project folder the default is still `spec` and `site`.
    assert_eq!(
        orderly(dir.path(), &["build", "--as-of", "2026-06-01"]).code,
        0
    );
    assert_eq!(names(dir.path()), ["site", "spec"]);
}
