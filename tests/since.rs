//! `--since REV`: `orderly diff` of an instrument in the working tree against itself at a git
//! revision, and `orderly check --new-only`, in throwaway git repositories with the spec
//! committed; the errors when git, the repository or the revision is missing; and the script
//! the GitHub Action posts its pull-request comment with, run against a fake `gh`.
//!
//! They need git (and the comment test Python 3). Without it they say "skipped" and pass,
//! except under `CI`, where a missing tool fails them.

use std::fs;
use std::path::Path;
use std::process::Command;

use serde_json::Value;

use crate::support::{Run, copy_dir, repo};

/// Whether `program --version` runs; if not, says the test is skipped, or under `CI` fails.
fn have(program: &str) -> bool {
    let found = Command::new(program)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must install {program}"
        );
        #[expect(clippy::print_stderr, reason = "a skipped test says so")]
        {
            eprintln!("skipped: {program} is not installed");
        }
    }
    found
}

/// Runs git in `dir` with a fixed identity, dates and configuration.
fn git(dir: &Path, args: &[&str]) {
    let output = Command::new("git")
        .args([
            "-c",
            "init.defaultBranch=main",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "Test")
        .env("GIT_AUTHOR_EMAIL", "test@example.org")
        .env("GIT_AUTHOR_DATE", "2026-01-01T00:00:00Z")
        .env("GIT_COMMITTER_NAME", "Test")
        .env("GIT_COMMITTER_EMAIL", "test@example.org")
        .env("GIT_COMMITTER_DATE", "2026-01-01T00:00:00Z")
        .output()
        .expect("git runs");
    assert!(
        output.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// A temporary folder holding `spec/` (a copy of `from`, relative to the repository root),
/// committed as the one commit of a new git repository.
fn committed(from: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&repo().join(from), &dir.path().join("spec"));
    init_and_commit(dir.path(), "spec");
    dir
}

/// Makes `dir` a new git repository whose one commit, `message`, holds everything in it.
fn init_and_commit(dir: &Path, message: &str) {
    git(dir, &["init", "-q"]);
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "-q", "-m", message]);
}

/// Runs `orderly` in `cwd` with `PATH` set to `path` when given.
fn orderly_with_path(cwd: &Path, args: &[&str], path: Option<&Path>) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_orderly"));
    command
        .args(args)
        .current_dir(cwd)
        .env_remove("NO_COLOR")
        .env("RAYON_NUM_THREADS", "2");
    if let Some(path) = path {
        command.env("PATH", path);
    }
    let output = command.output().expect("the orderly binary runs");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

fn orderly(cwd: &Path, args: &[&str]) -> Run {
    orderly_with_path(cwd, args, None)
}

/// Replaces `old` by `new` in a file, once, failing if it is not there.
fn edit(path: &Path, old: &str, new: &str) {
    let text = fs::read_to_string(path).unwrap();
    assert!(text.contains(old), "{} lacks {old:?}", path.display());
    fs::write(path, text.replacen(old, new, 1)).unwrap();
}

/// One deadline changed and one provision renamed in the working tree: the report against
/// `HEAD` shows the one material change and the rename, in the one version that changed.
#[test]
fn a_changed_deadline_and_a_rename_against_head() {
    if !have("git") {
        return;
    }
    let dir = committed("tests/fixtures/example");
    let sec2 = dir.path().join("spec/city-ordinance-12/adopted/sec-2.yaml");
    edit(
        &sec2,
        "due: { within: 30d, of: adoption-date }",
        "due: { within: 45d, of: adoption-date }",
    );
    edit(&sec2, "- id: annual-report", "- id: yearly-report");
    let run = orderly(
        dir.path(),
        &["diff", "spec/city-ordinance-12", "--since", "HEAD"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    insta::with_settings!({ omit_expression => true }, {
        insta::assert_snapshot!("since_head_md", run.stdout);
    });
    let json = orderly(
        dir.path(),
        &[
            "diff",
            "spec/city-ordinance-12",
            "--since",
            "HEAD",
            "--format",
            "json",
        ],
    );
    assert_eq!(json.code, 0, "{}", json.stderr);
    let json: Value = serde_json::from_str(&json.stdout).unwrap();
    // The same contract as every diff's JSON.
    let schema: Value =
        serde_json::from_str(orderly::testing::schema_by_name("diff").unwrap()).unwrap();
    let validator = jsonschema::draft202012::new(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&json)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    let summary = &json["summary"];
    assert_eq!(summary["material"], 1, "{summary}");
    assert_eq!(summary["changed"], 1, "{summary}");
    assert_eq!(summary["renamed"], 1, "{summary}");
    for key in ["added", "removed", "moved", "not_reported", "terms"] {
        assert_eq!(summary[key], 0, "{key}: {summary}");
    }
    assert_eq!(json["changes"].as_array().unwrap().len(), 2);
    assert_eq!(json["from"]["label"], "adopted at HEAD");
    assert_eq!(json["to"]["label"], "adopted (working tree)");
    // The working tree and the index are as they were: git sees the two edits only.
    let status = Command::new("git")
        .args(["status", "--porcelain"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&status.stdout),
        " M spec/city-ordinance-12/adopted/sec-2.yaml\n"
    );
}

/// The issue's own test: in a repository holding the spec, one provision's deadline changed,
/// and `orderly diff spec/eo-14409 --since HEAD` reports that one material change and nothing
/// else.
#[test]
fn one_deadline_changed_in_eo_14409_is_all_the_report_holds() {
    if !have("git") {
        return;
    }
    let dir = committed("spec");
    edit(
        &dir.path().join("spec/eo-14409/signed/sec-2.yaml"),
        "due: { within: 30d, of: order-date }",
        "due: { within: 45d, of: order-date }",
    );
    let md = orderly(dir.path(), &["diff", "spec/eo-14409", "--since", "HEAD"]);
    assert_eq!(md.code, 0, "{}", md.stderr);
    assert!(md.stdout.contains("**Differences: 1**. Not reported: 0; editorial: 0. By kind: 0 added, 0 removed, 1 changed, 0 renamed, 0 moved; 0 defined terms changed."), "{}", md.stdout);
    assert!(
        md.stdout.contains("30 days → 45 days after the order date"),
        "{}",
        md.stdout
    );
    // Only the version that changed: the draft is left out.
    assert_eq!(md.stdout.matches("# EO 14409: changes from").count(), 1);
    assert!(!md.stdout.contains("draft at HEAD"), "{}", md.stdout);
    let json = orderly(
        dir.path(),
        &[
            "diff",
            "spec/eo-14409",
            "--since",
            "HEAD",
            "--format",
            "json",
        ],
    );
    let json: Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(json["changes"].as_array().unwrap().len(), 1);
    assert_eq!(json["changes"][0]["material"], true);
}

/// Nothing changed: the report says so. A version new in the working tree is "new"; HTML and
/// JSON show one version, so with two to show they ask for `--version`.
#[test]
fn unchanged_new_and_several_versions() {
    if !have("git") {
        return;
    }
    let dir = committed("tests/fixtures/example");
    // A file the spec folder ignores changes nothing.
    fs::write(
        dir.path().join("spec/city-ordinance-12/adopted/NOTES.md"),
        "draft notes\n",
    )
    .unwrap();
    let run = orderly(
        dir.path(),
        &["diff", "spec/city-ordinance-12", "--since", "HEAD"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "# Shade Tree Ordinance: no changes since `HEAD`\n\nNo version's files differ from `HEAD`.\n"
    );

    let instrument = dir.path().join("spec/city-ordinance-12");
    copy_dir(&instrument.join("adopted"), &instrument.join("amended"));
    edit(
        &instrument.join("instrument.yaml"),
        "sources:\n  gazette",
        "  - id: amended\n    date: 2026-09-01\n    basis: primary\n    anchors:\n      adoption-date: 2026-09-01\n    sources: [gazette-2026-04-20]\nsources:\n  gazette",
    );
    edit(
        &instrument.join("adopted/sec-2.yaml"),
        "Report each year on the trees planted.",
        "Report each year on the trees planted and felled.",
    );
    let run = orderly(
        dir.path(),
        &["diff", "spec/city-ordinance-12", "--since", "HEAD"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("changes from `adopted at HEAD` to `adopted (working tree)`"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains(
            "# Shade Tree Ordinance: `amended` is new since `HEAD`\n\nThe version is not at `HEAD`: all 5 of its provisions are new.\n"
        ),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("proposed"), "{}", run.stdout);

    let json = orderly(
        dir.path(),
        &[
            "diff",
            "spec/city-ordinance-12",
            "--since",
            "HEAD",
            "--format",
            "json",
        ],
    );
    assert_eq!(json.code, 2);
    assert_eq!(
        json.stderr,
        "error: `--format json` shows one version, and the versions of `city-ordinance-12` that differ from `HEAD` are `adopted`, `amended`; choose one with `--version`\n"
    );
    let new = orderly(
        dir.path(),
        &[
            "diff",
            "spec/city-ordinance-12",
            "--since",
            "HEAD",
            "--version",
            "amended",
            "--format",
            "html",
        ],
    );
    assert_eq!(new.code, 2);
    assert!(
        new.stderr
            .contains("version `amended` of `city-ordinance-12` is new since `HEAD`"),
        "{}",
        new.stderr
    );
    let one = orderly(
        dir.path(),
        &[
            "diff",
            "spec/city-ordinance-12",
            "--since",
            "HEAD",
            "--version",
            "adopted",
            "--format",
            "html",
            "-o",
            "diff.html",
        ],
    );
    assert_eq!(one.code, 0, "{}", one.stderr);
    let html = fs::read_to_string(dir.path().join("diff.html")).unwrap();
    assert!(html.contains("adopted at HEAD"), "{html}");
    // An unchanged version asked for by name is compared, and has no changes.
    let same = orderly(
        dir.path(),
        &[
            "diff",
            "spec/city-ordinance-12",
            "--since",
            "HEAD",
            "--version",
            "proposed",
            "--format",
            "json",
        ],
    );
    assert_eq!(same.code, 0, "{}", same.stderr);
    let same: Value = serde_json::from_str(&same.stdout).unwrap();
    assert_eq!(same["changes"].as_array().unwrap().len(), 0);
}

/// A revision whose spec does not check: its errors name the file as `REV:path`, the report
/// says the version is not compared, and the command exits 1.
#[test]
fn an_old_revision_that_does_not_check() {
    if !have("git") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    copy_dir(
        &repo().join("tests/fixtures/example"),
        &dir.path().join("spec"),
    );
    let sec2 = dir.path().join("spec/city-ordinance-12/adopted/sec-2.yaml");
    edit(&sec2, "within: 30d", "within: 30x");
    init_and_commit(dir.path(), "broken");
    edit(&sec2, "within: 30x", "within: 30d");
    let run = orderly(
        dir.path(),
        &["diff", "spec/city-ordinance-12", "--since", "HEAD"],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("--> HEAD:spec/city-ordinance-12/adopted/sec-2.yaml:15:"),
        "{}",
        run.stderr
    );
    let temp = std::env::temp_dir();
    assert!(
        !run.stderr.contains(temp.to_str().unwrap()),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .ends_with("error: the spec at `HEAD` has 1 error; its versions are not compared\n"),
        "{}",
        run.stderr
    );
    assert!(
        run.stdout
            .starts_with("# Shade Tree Ordinance: `adopted` is not compared with `HEAD`\n"),
        "{}",
        run.stdout
    );
}

/// Not a repository, an unknown revision, git not installed, and `--since` with `--from` or
/// two folders: each a clear message and exit 2.
#[test]
fn since_errors_exit_2() {
    if !have("git") {
        return;
    }
    let plain = tempfile::tempdir().unwrap();
    copy_dir(
        &repo().join("tests/fixtures/example"),
        &plain.path().join("spec"),
    );
    let run = orderly(
        plain.path(),
        &["diff", "spec/city-ordinance-12", "--since", "HEAD"],
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.starts_with("error: `spec` is not in a git repository, so there is no revision to compare with\n  caused by: git: fatal: not a git repository"),
        "{}",
        run.stderr
    );

    let dir = committed("tests/fixtures/example");
    // An unknown revision, and a range, which is one of the forms a reviewer types: the error
    // says what to give instead.
    let cases: [(&[&str], &str); 3] = [
        (
            &[
                "diff",
                "spec/city-ordinance-12",
                "--since",
                "no-such-branch",
            ],
            "error: unknown revision `no-such-branch`: the repository has no commit of that name\n",
        ),
        (
            &["diff", "spec/city-ordinance-12", "--since", "main..HEAD"],
            "error: `main..HEAD` is a range of commits, and `--since` takes one revision: the commit to compare the working tree with, such as `main`\n",
        ),
        (
            &["check", "spec", "--since", "^HEAD", "--new-only"],
            "error: `^HEAD` is a range of commits, and `--since` takes one revision: the commit to compare the working tree with, such as `HEAD`\n",
        ),
    ];
    for (args, said) in cases {
        let run = orderly(dir.path(), args);
        assert_eq!((run.code, run.stderr.as_str()), (2, said), "{args:?}");
    }
    let run = orderly(
        dir.path(),
        &["check", "spec", "--since=--version", "--new-only"],
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("unknown revision `--version`"),
        "{}",
        run.stderr
    );

    let run = orderly(
        dir.path(),
        &[
            "diff",
            "spec/city-ordinance-12",
            "--since",
            "HEAD",
            "--version",
            "final",
        ],
    );
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("`final`"), "{}", run.stderr);

    let empty = tempfile::tempdir().unwrap();
    let run = orderly_with_path(
        dir.path(),
        &["diff", "spec/city-ordinance-12", "--since", "HEAD"],
        Some(empty.path()),
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.starts_with("error: cannot run `git`, which `--since` reads old revisions with: is it installed and on PATH?\n"),
        "{}",
        run.stderr
    );

    let run = orderly(
        dir.path(),
        &[
            "diff",
            "spec/city-ordinance-12",
            "--since",
            "HEAD",
            "--from",
            "adopted",
        ],
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("'--since <REV>' cannot be used with '--from <V>'"),
        "{}",
        run.stderr
    );
    let run = orderly(
        dir.path(),
        &[
            "diff",
            "spec/city-ordinance-12",
            "spec/city-ordinance-12",
            "--since",
            "HEAD",
        ],
    );
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("give one folder"), "{}", run.stderr);
    let run = orderly(dir.path(), &["check", "--new-only"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--since <REV>"), "{}", run.stderr);
}

/// `check --since HEAD --new-only`: a warning the spec had at `HEAD` is left out and counted
/// in the summary line, a new one is reported, and `--deny-warnings` fails on the new one only.
#[test]
fn check_new_only_leaves_out_older_diagnostics() {
    if !have("git") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    copy_dir(
        &repo().join("tests/fixtures/example"),
        &dir.path().join("spec"),
    );
    let instrument = dir.path().join("spec/city-ordinance-12/instrument.yaml");
    let unused = |id: &str| {
        format!(
            "sources:\n  {id}:\n    title: Never cited\n    kind: news\n    site: example.org\n  gazette"
        )
    };
    edit(&instrument, "sources:\n  gazette", &unused("old-unused"));
    init_and_commit(dir.path(), "one warning");

    // Nothing new: the older warning is left out, and --deny-warnings passes.
    let args = [
        "check",
        "spec",
        "--format",
        "concise",
        "--since",
        "HEAD",
        "--new-only",
        "--deny-warnings",
    ];
    let run = orderly(dir.path(), &args);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(
        run.stdout,
        "no problems in 6 files, and 1 older diagnostic already at `HEAD` left out\n"
    );

    // Lines move (a source added above it), and a new warning appears.
    edit(
        &instrument,
        "sources:\n  old-unused",
        &unused("new-unused").replace("  gazette", "  old-unused"),
    );
    let run = orderly(dir.path(), &args);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{}", run.stdout);
    assert!(
        lines[0].contains("warning[unused-source]") && lines[0].contains("`new-unused`"),
        "{}",
        run.stdout
    );
    assert_eq!(
        lines[1],
        "1 warning in 6 files, and 1 older diagnostic already at `HEAD` left out"
    );
    // Without --new-only both are reported.
    let all = orderly(dir.path(), &["check", "spec", "--format", "json"]);
    let all: Value = serde_json::from_str(&all.stdout).unwrap();
    assert_eq!(all["summary"]["warnings"], 2);
    assert!(all["summary"].get("older").is_none());
    let json = orderly(
        dir.path(),
        &[
            "check",
            "spec",
            "--format",
            "json",
            "--since",
            "HEAD",
            "--new-only",
        ],
    );
    let json: Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(json["summary"]["warnings"], 1);
    assert_eq!(json["summary"]["older"], 1);
    assert_eq!(json["summary"]["since"], "HEAD");
    let sarif = orderly(
        dir.path(),
        &[
            "check",
            "spec",
            "--format",
            "sarif",
            "--since",
            "HEAD",
            "--new-only",
        ],
    );
    assert_eq!(
        sarif.stderr,
        "note: 1 older diagnostic already at `HEAD` left out (`--new-only`)\n"
    );
}

/// The action's comment script against a fake `gh` that records its calls: the first run
/// creates the comment, the second finds it by its marker and edits it, and the body keeps
/// within GitHub's limit.
#[test]
fn the_pull_request_comment_is_created_once_then_edited() {
    if !have("python3") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let bin = dir.path().join("bin");
    fs::create_dir(&bin).unwrap();
    let log = dir.path().join("calls.log");
    let fake = bin.join("gh");
    // Lists the comments in $FAKE_COMMENTS for a GET, and logs every call with the body sent.
    fs::write(
        &fake,
        r#"#!/bin/sh
line=""
body=""
for arg in "$@"; do
  case "$arg" in
    body=@*) body=$(cat "${arg#body=@}"); arg="body=@FILE" ;;
  esac
  line="$line $arg"
done
printf '%s\n' "${line# }" >> "$FAKE_LOG"
if [ -n "$body" ]; then printf 'BODY<<%s>>\n' "$body" >> "$FAKE_LOG"; fi
case "$*" in
  *--method*) echo '{}' ;;
  *) cat "$FAKE_COMMENTS" ;;
esac
"#,
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&fake, fs::Permissions::from_mode(0o755)).unwrap();
    }
    let comments = dir.path().join("comments.json");
    let report = dir.path().join("report.md");
    fs::write(&report, "# EO 14409: changes\n\nOne deadline moved.\n").unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let post = |listing: &str| {
        fs::write(&comments, listing).unwrap();
        let _ = fs::remove_file(&log);
        let output = Command::new("python3")
            .arg(repo().join("scripts/pr-comment.py"))
            .args(["--repo", "octo/spec", "--pr", "7"])
            .arg(&report)
            .env("PATH", &path)
            .env("FAKE_LOG", &log)
            .env("FAKE_COMMENTS", &comments)
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        fs::read_to_string(&log).unwrap()
    };
    let first = post("[]\n[{\"id\": 3, \"body\": \"Looks good\"}]\n");
    insta::with_settings!({ omit_expression => true }, {
        insta::assert_snapshot!("pr_comment_created", first);
    });
    let second = post(
        "[{\"id\": 3, \"body\": \"Looks good\"}]\n[{\"id\": 42, \"body\": \"<!-- orderly-diff -->\\nold report\"}]\n",
    );
    insta::with_settings!({ omit_expression => true }, {
        insta::assert_snapshot!("pr_comment_edited", second);
    });

    // A report over the limit is cut at a line break, with a notice, to fit.
    fs::write(&report, format!("{}\n", "x".repeat(99)).repeat(1_000)).unwrap();
    let long = post("[]\n");
    let body = long
        .split("BODY<<")
        .nth(1)
        .unwrap()
        .trim_end()
        .trim_end_matches(">>");
    assert!(body.encode_utf16().count() <= 65_536, "{}", body.len());
    assert!(
        body.ends_with("the whole report is in the workflow run's log._"),
        "{}",
        &body[body.len() - 200..]
    );
}

/// The action's report step on the example spec of the repository (four instruments), one
/// deadline changed: each instrument in turn, the changed one with its change, the others as
/// unchanged, all within GitHub's comment limit.
#[test]
fn the_action_reports_every_instrument() {
    if !have("git") || !have("bash") {
        return;
    }
    let dir = committed("spec");
    edit(
        &dir.path().join("spec/eo-14409/signed/sec-2.yaml"),
        "due: { within: 30d, of: order-date }",
        "due: { within: 45d, of: order-date }",
    );
    let bin = Path::new(env!("CARGO_BIN_EXE_orderly")).parent().unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let output = Command::new("bash")
        .arg(repo().join("scripts/pr-diff.sh"))
        .args(["spec", "HEAD"])
        .current_dir(dir.path())
        .env("PATH", &path)
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let headings: Vec<&str> = report.lines().filter(|l| l.starts_with("# ")).collect();
    assert_eq!(
        headings,
        [
            "# EO 14110: no changes since `HEAD`",
            "# EO 14148: no changes since `HEAD`",
            "# EO 14179: no changes since `HEAD`",
            "# EO 14409: changes from `signed at HEAD` to `signed (working tree)`",
        ],
        "{report}"
    );
    assert_eq!(report.matches("\n---\n").count(), 3, "{report}");
    assert!(report.contains("**Differences: 1**"), "{report}");
    assert!(report.encode_utf16().count() < 65_536);

    // The whole draft-to-signed report of EO 14409, the longest diff of the spec, fits too.
    let full = orderly(
        &repo(),
        &[
            "diff",
            "spec/eo-14409",
            "--from",
            "draft",
            "--to",
            "signed",
            "--format",
            "md",
        ],
    );
    assert!(full.stdout.encode_utf16().count() + 30 < 65_536);
}

/// A provision inserted above another, in `check --since HEAD --new-only`: the older warning of
/// the one below stays older although its index moved, and the new provision's own warning is
/// new. A provision moved to another section file of its version, in a file renamed too, keeps
/// its warning older; copied into another version, the copy's warning is new.
#[test]
fn new_only_names_provisions_by_id_not_by_index() {
    if !have("git") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    copy_dir(
        &repo().join("tests/fixtures/example"),
        &dir.path().join("spec"),
    );
    let version = dir.path().join("spec/city-ordinance-12/adopted");
    let sec2 = version.join("sec-2.yaml");
    // The second provision of the file consults one of its own actors: a warning.
    edit(&sec2, "consults: [council]", "consults: [council, mayor]");
    init_and_commit(dir.path(), "one warning");
    let args = [
        "check",
        "spec",
        "--format",
        "concise",
        "--since",
        "HEAD",
        "--new-only",
        "--deny-warnings",
    ];
    let run = orderly(dir.path(), &args);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(
        run.stdout,
        "no problems in 6 files, and 1 older diagnostic already at `HEAD` left out\n"
    );

    // A provision inserted before it, with a warning of its own.
    edit(
        &sec2,
        "  - id: planting-plan\n",
        "  - id: tree-count\n    ref: \"2(a-1)\"\n    kind: obligation\n    modality: shall\n    \
         binding: mandatory\n    actor: parks\n    consults: [parks]\n    action: Count the \
         trees.\n    due: ongoing\n    sources: [gazette-2026-04-20]\n    confidence: high\n  \
         - id: planting-plan\n",
    );
    let run = orderly(dir.path(), &args);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{}", run.stdout);
    assert!(
        lines[0].starts_with("spec/city-ordinance-12/adopted/sec-2.yaml:36:")
            && lines[0].contains("warning[actor-also-consulted]"),
        "{}",
        run.stdout
    );
    assert_eq!(
        lines[1],
        "1 warning in 6 files, and 1 older diagnostic already at `HEAD` left out"
    );
    // Without --new-only both warnings show.
    let all = orderly(dir.path(), &["check", "spec", "--format", "concise"]);
    assert_eq!(
        all.stdout.matches("actor-also-consulted").count(),
        2,
        "{}",
        all.stdout
    );

    // Back to the commit, then the provision moved to the end of `sec-1.yaml`, and that file
    // renamed: the same provision of the same version, with the same warning.
    git(dir.path(), &["checkout", "-q", "--", "."]);
    let text = fs::read_to_string(&sec2).unwrap();
    let start = text.find("  - id: planting-plan\n").unwrap();
    let end = text.find("  - id: annual-report\n").unwrap();
    let moved = text[start..end].replace("ref: \"2(b)\"", "ref: \"1(c)\"");
    fs::write(&sec2, format!("{}{}", &text[..start], &text[end..])).unwrap();
    let sec1 = fs::read_to_string(version.join("sec-1.yaml")).unwrap();
    fs::remove_file(version.join("sec-1.yaml")).unwrap();
    fs::write(version.join("purpose.yaml"), format!("{sec1}{moved}")).unwrap();
    let run = orderly(dir.path(), &args);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(
        run.stdout,
        "no problems in 6 files, and 1 older diagnostic already at `HEAD` left out\n"
    );

    // The version copied as a new one: the copy's warning is new, the original's older.
    git(dir.path(), &["checkout", "-q", "--", "."]);
    fs::remove_file(version.join("purpose.yaml")).unwrap();
    let instrument = dir.path().join("spec/city-ordinance-12");
    copy_dir(&version, &instrument.join("amended"));
    edit(
        &instrument.join("instrument.yaml"),
        "sources:\n  gazette",
        "  - id: amended\n    date: 2026-09-01\n    basis: primary\n    anchors:\n      adoption-date: 2026-09-01\n    sources: [gazette-2026-04-20]\nsources:\n  gazette",
    );
    let run = orderly(dir.path(), &args);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{}", run.stdout);
    assert!(
        lines[0].starts_with("spec/city-ordinance-12/amended/sec-2.yaml:")
            && lines[0].contains("warning[actor-also-consulted]"),
        "{}",
        run.stdout
    );
}

/// In a git hook, git sets `GIT_DIR` (often to the relative `.git`) and runs the hook at the
/// top of the working tree: `--since` reads the same repository, not one git would find from
/// the spec folder with that relative path.
#[test]
fn since_in_a_git_hook_with_git_dir_set() {
    if !have("git") {
        return;
    }
    let dir = committed("tests/fixtures/example");
    edit(
        &dir.path().join("spec/city-ordinance-12/adopted/sec-2.yaml"),
        "due: { within: 30d, of: adoption-date }",
        "due: { within: 45d, of: adoption-date }",
    );
    let run = |args: &[&str]| {
        let output = Command::new(env!("CARGO_BIN_EXE_orderly"))
            .args(args)
            .current_dir(dir.path())
            .env("GIT_DIR", ".git")
            .output()
            .unwrap();
        (
            output.status.code(),
            String::from_utf8_lossy(&output.stdout).into_owned(),
            String::from_utf8_lossy(&output.stderr).into_owned(),
        )
    };
    let (code, stdout, stderr) = run(&["diff", "spec/city-ordinance-12", "--since", "HEAD"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stdout.contains("**Differences: 1**"), "{stdout}{stderr}");
    let (code, stdout, stderr) = run(&["check", "spec", "--since", "HEAD", "--new-only"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(
        stdout,
        "no problems in 6 files, and 0 older diagnostics already at `HEAD` left out\n"
    );
}
