//! `orderly build`: the site's pages, its relative links, no request off the machine,
//! escaping, determinism and the atomic swap.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use crate::support::{example_spec, is_html, orderly, repo, tree};

pub(crate) fn build(spec_parent: &Path, out: &Path) {
    let run = orderly(
        spec_parent,
        &[
            "build",
            "spec",
            "-o",
            out.to_str().unwrap(),
            "--as-of",
            "2026-11-26",
        ],
    );
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
}

#[test]
fn the_site_has_every_page() {
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    build(&repo(), &site);
    let files = tree(&site);
    insta::assert_snapshot!(files.join("\n"));
    let index = unescape(&fs::read_to_string(site.join("index.html")).unwrap());
    // A lawyer reaches the redline in one click from the index, an agency its checklist in two.
    assert!(
        index.contains(r#"<a href="eo-14409/diff/draft-to-signed.html">draft &#8594; signed</a>"#),
        "{index}"
    );
    assert!(index.contains(r#"<a href="eo-14409/signed/actors/cisa.html">Cybersecurity and Infrastructure Security Agency</a>"#));
    let timeline = fs::read_to_string(site.join("eo-14409/signed/timeline.html")).unwrap();
    assert!(timeline.contains("<svg class=\"chart\""));
}

/// Decodes the entities minijinja's HTML escaping writes.
pub(crate) fn unescape(text: &str) -> String {
    text.replace("&#x2f;", "/")
        .replace("&#x27;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

fn hrefs(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attribute in ["href=\"", "src=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(attribute) {
            rest = &rest[i + attribute.len()..];
            let end = rest.find('"').unwrap();
            out.push(unescape(&rest[..end]));
            rest = &rest[end..];
        }
    }
    out
}

/// The links of a built site's pages that lead nowhere, and how many links were checked.
/// Pages must load nothing from elsewhere.
pub(crate) fn broken_links(site: &Path) -> (Vec<String>, usize) {
    let mut broken = Vec::new();
    let mut checked = 0;
    for file in tree(site).iter().filter(|f| is_html(f)) {
        let page = site.join(file);
        let html = fs::read_to_string(&page).unwrap();
        for banned in ["<link", "<img", "@import", "url(", "<iframe"] {
            assert!(!html.contains(banned), "{file} loads a resource: {banned}");
        }
        // A script may load only a file of the site (the search index).
        for src in html.split("<script src=\"").skip(1) {
            let src = &src[..src.find('"').unwrap()];
            assert!(
                !src.contains(':')
                    && !src.starts_with('/')
                    && page.parent().unwrap().join(src).exists(),
                "{file} loads a script from elsewhere: {src}"
            );
            checked += 1;
        }
        for href in hrefs(&html) {
            if href.starts_with("https://") || href.starts_with("http://") {
                continue; // a source the reader may follow; nothing loads it
            }
            let target = href.split('#').next().unwrap();
            if target.is_empty() {
                continue;
            }
            let target = percent_decode(target);
            if !page.parent().unwrap().join(&target).exists() {
                broken.push(format!("{file}: {href}"));
            }
            checked += 1;
        }
    }
    (broken, checked)
}

/// Decodes `%XX` escapes in an href.
fn percent_decode(href: &str) -> String {
    let bytes = href.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(hex) = href.get(i + 1..i + 3)
            && let Ok(byte) = u8::from_str_radix(hex, 16)
        {
            out.push(byte);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[test]
fn links_resolve_and_nothing_is_fetched_from_elsewhere() {
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    build(&repo(), &site);
    let (broken, checked) = broken_links(&site);
    assert!(broken.is_empty(), "links that lead nowhere: {broken:#?}");
    assert!(checked > 500, "only {checked} links checked");
}

#[test]
fn builds_are_byte_identical() {
    let out = tempfile::tempdir().unwrap();
    let (a, b) = (out.path().join("a"), out.path().join("b"));
    build(&repo(), &a);
    build(&repo(), &b);
    let files = tree(&a);
    assert_eq!(files, tree(&b));
    for file in files {
        assert_eq!(
            fs::read(a.join(&file)).unwrap(),
            fs::read(b.join(&file)).unwrap(),
            "{file}"
        );
    }
}

/// A spec whose provision carries markup, to check that the site shows it as text.
pub(crate) fn hostile_spec() -> tempfile::TempDir {
    let dir = example_spec(None);
    let path = dir.path().join("spec/city-ordinance-12/adopted/sec-2.yaml");
    let text = fs::read_to_string(&path).unwrap().replace(
        "    action: Report each year on the trees planted.\n",
        "    action: \"Report <script>document.body.setAttribute('data-pwned', 'script')</script> each year.\"\n    \
         text: \"<img src=x onerror=\\\"document.body.setAttribute('data-pwned', 'img')\\\"> & <b>bold</b>\"\n",
    );
    assert!(text.contains("data-pwned"));
    fs::write(&path, text).unwrap();
    dir
}

#[test]
fn markup_in_the_spec_is_escaped_everywhere() {
    let dir = hostile_spec();
    let site = dir.path().join("site");
    build(dir.path(), &site);
    let mut seen = 0;
    for file in tree(&site).iter().filter(|f| is_html(f)) {
        let html = fs::read_to_string(site.join(file)).unwrap();
        assert!(!html.contains("<script>document"), "{file}");
        assert!(!html.contains("<img src=x"), "{file}");
        if html.contains("&lt;script&gt;document.body.setAttribute") {
            seen += 1;
        }
    }
    assert!(seen >= 3, "the escaped text appears on {seen} pages");
}

#[test]
fn the_previous_site_survives_a_failed_build() {
    let dir = example_spec(None);
    let site = dir.path().join("site");
    build(dir.path(), &site);
    let before: Vec<(String, Vec<u8>)> = tree(&site)
        .into_iter()
        .map(|f| (f.clone(), fs::read(site.join(&f)).unwrap()))
        .collect();
    // Break the spec: the build must fail and leave the site as it was.
    let path = dir.path().join("spec/actors.yaml");
    fs::write(
        &path,
        fs::read_to_string(&path)
            .unwrap()
            .replace("kind: legislature", "kind: parliament"),
    )
    .unwrap();
    let run = orderly(
        dir.path(),
        &["build", "spec", "-o", "site", "--as-of", "2026-11-26"],
    );
    assert_eq!(run.code, 1);
    let after: Vec<(String, Vec<u8>)> = tree(&site)
        .into_iter()
        .map(|f| (f.clone(), fs::read(site.join(&f)).unwrap()))
        .collect();
    assert_eq!(before, after);
    // Nothing is left beside it.
    let siblings: BTreeSet<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        siblings,
        ["site".to_owned(), "spec".to_owned()].into_iter().collect()
    );
}

#[test]
fn a_new_build_replaces_the_old_site_whole() {
    let dir = example_spec(None);
    let site = dir.path().join("site");
    build(dir.path(), &site);
    fs::write(site.join("stale.html"), "old").unwrap();
    build(dir.path(), &site);
    assert!(!site.join("stale.html").exists());
    let siblings: Vec<PathBuf> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(siblings.len(), 2, "{siblings:?}");
}

#[test]
fn completions_and_manual() {
    for shell in ["bash", "zsh", "fish"] {
        let run = orderly(&repo(), &["completions", shell]);
        assert_eq!(run.code, 0);
        for command in ["check", "checklist", "timeline", "diff", "build", "schema"] {
            assert!(run.stdout.contains(command), "{shell}: {command}");
        }
        // The schema kinds and folders for instruments, where each shell's script says so.
        let (kinds, folders) = match shell {
            "bash" => ("actors instrument section terms", None),
            "zsh" => ("(actors instrument section terms", Some(":_files -/")),
            _ => (
                "__fish_orderly_using_subcommand schema\" -f -a \"actors\\t",
                Some(
                    "__fish_orderly_using_subcommand checklist\" -f -a \"(__fish_complete_directories)",
                ),
            ),
        };
        assert!(run.stdout.contains(kinds), "{shell}: schema kinds");
        if let Some(folders) = folders {
            assert!(run.stdout.contains(folders), "{shell}: instrument folders");
        }
    }
    let man = orderly(&repo(), &["man"]);
    assert!(
        man.stdout.contains(".TH ORDERLY 1 "),
        "{}",
        &man.stdout[..200]
    );
    // Every page a page refers to is written.
    let dir = tempfile::tempdir().unwrap();
    let run = orderly(dir.path(), &["man", "--write", "man"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let written: BTreeSet<String> = crate::support::names(&dir.path().join("man"))
        .into_iter()
        .collect();
    assert!(written.len() >= 9, "{written:?}");
    for page in &written {
        let text = fs::read_to_string(dir.path().join("man").join(page)).unwrap();
        let mut rest = text.as_str();
        while let Some(at) = rest.find("orderly\\-") {
            rest = &rest[at..];
            let end = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '\\' || c == '-'))
                .unwrap_or(rest.len());
            if rest[end..].starts_with("(1)") {
                let name = rest[..end].replace("\\-", "-");
                assert!(
                    written.contains(&format!("{name}.1")),
                    "{page} names {name}(1)"
                );
            }
            rest = &rest[end..];
        }
    }
    let check = orderly(dir.path(), &["man", "check"]);
    assert!(
        check.stdout.contains(".TH ORDERLY-CHECK 1 "),
        "{}",
        check.stdout
    );
    assert!(check.stdout.contains("deny"), "{}", check.stdout);
    assert_eq!(orderly(dir.path(), &["man", "nope"]).code, 2);
}

/// A copy of the example spec whose instrument has `count` versions, each the adopted one.
pub(crate) fn many_versions(count: usize) -> tempfile::TempDir {
    let dir = example_spec(None);
    let instrument = dir.path().join("spec/city-ordinance-12");
    let mut yaml = fs::read_to_string(instrument.join("instrument.yaml")).unwrap();
    let start = yaml.find("versions:\n").unwrap();
    let end = yaml.find("sources:\n  gazette").unwrap();
    let mut versions = String::from("versions:\n");
    for n in 0..count {
        use std::fmt::Write as _;
        writeln!(
            versions,
            "  - id: v{n}\n    date: 2026-04-15\n    basis: primary\n    anchors:\n      \
             adoption-date: 2026-04-15\n      publication-date: 2026-04-20\n    \
             sources: [gazette-2026-04-20]"
        )
        .unwrap();
        crate::support::copy_dir(
            &instrument.join("adopted"),
            &instrument.join(format!("v{n}")),
        );
    }
    yaml.replace_range(start..end, &versions);
    fs::write(instrument.join("instrument.yaml"), yaml).unwrap();
    fs::remove_dir_all(instrument.join("adopted")).unwrap();
    fs::remove_dir_all(instrument.join("proposed")).unwrap();
    dir
}

/// The bytes of a folder's files.
pub(crate) fn size(dir: &Path) -> u64 {
    tree(dir)
        .iter()
        .map(|f| fs::metadata(dir.join(f)).unwrap().len())
        .sum()
}

#[test]
fn the_site_grows_linearly_with_versions() {
    let sizes: Vec<u64> = [20, 40]
        .into_iter()
        .map(|count| {
            let dir = many_versions(count);
            let site = dir.path().join("site");
            build(dir.path(), &site);
            let page =
                fs::read_to_string(site.join("city-ordinance-12/v10/provisions/survey.html"))
                    .unwrap();
            assert!(
                page.contains("other versions hold this provision too"),
                "{page}"
            );
            assert!(
                page.matches("/provisions/survey.html").count() <= 10,
                "{page}"
            );
            let (broken, _) = broken_links(&site);
            assert!(broken.is_empty(), "{broken:#?}");
            size(&site)
        })
        .collect();
    // Twice the versions, about twice the bytes (the square would be four times).
    assert!(sizes[1] * 10 < sizes[0] * 23, "{sizes:?}");
}

/// The site's files that cannot be reached by following local links (`href` and `src`) from
/// its index, and the local links that lead to no file ("page: link"). Fragments, queries and
/// links off the machine (`http:`, `https:`, `mailto:`) are not followed; the marker that lets
/// a build replace the folder is no page.
pub(crate) fn crawl(site: &Path) -> (Vec<String>, Vec<String>) {
    let files: BTreeSet<String> = tree(site)
        .into_iter()
        .filter(|f| f != ".orderly-site")
        .collect();
    let mut reached = BTreeSet::from(["index.html".to_owned()]);
    let mut queue = vec!["index.html".to_owned()];
    let mut broken = Vec::new();
    while let Some(file) = queue.pop() {
        if !is_html(&file) {
            continue;
        }
        let html = fs::read_to_string(site.join(&file)).unwrap();
        let here: Vec<&str> = file.split('/').collect();
        let here = &here[..here.len() - 1];
        for link in links(&html) {
            let lower = link.to_ascii_lowercase();
            if ["http:", "https:", "mailto:"]
                .iter()
                .any(|s| lower.starts_with(s))
            {
                continue;
            }
            let path = link.split(['#', '?']).next().unwrap();
            if path.is_empty() {
                continue;
            }
            match resolve(here, &percent_decode(path)) {
                Some(target) if files.contains(&target) => {
                    if reached.insert(target.clone()) {
                        queue.push(target);
                    }
                }
                _ => broken.push(format!("{file}: {link}")),
            }
        }
    }
    let unreachable = files.difference(&reached).cloned().collect();
    (unreachable, broken)
}

/// The `href` and `src` attributes of a page's tags, in order, with character references
/// resolved, as the HTML standard's tokenizer reads them (the text of `script` and `style`
/// elements holds no tags).
fn links(html: &str) -> Vec<String> {
    let mut emitter = html5gum::DefaultEmitter::default();
    emitter.naively_switch_states(true);
    let mut out = Vec::new();
    for token in html5gum::Tokenizer::new_with_emitter(html, emitter) {
        if let Ok(html5gum::Token::StartTag(tag)) = token {
            for name in [&b"href"[..], b"src"] {
                if let Some(value) = tag.attributes.get(name) {
                    out.push(String::from_utf8_lossy(&value.value).into_owned());
                }
            }
        }
    }
    out
}

/// A page's links are its tags' attributes as a browser reads them: character references
/// resolved, and no tag inside a script or a comment.
#[test]
fn links_are_read_as_a_browser_reads_them() {
    let page = r#"<!DOCTYPE html><a href="a.html?x=1&amp;y=2">a</a><img src=b.png>
<!-- <a href="comment.html"> --><script>let s = '<a href="script.html">';</script>
<style>a[href="style.html"] {}</style><link rel=stylesheet href='c.css'>"#;
    assert_eq!(links(page), ["a.html?x=1&y=2", "b.png", "c.css"]);
}

/// The path from the site's root of `link`, relative to the folder `here` (its segments), or
/// `None` if it leaves the site.
fn resolve(here: &[&str], link: &str) -> Option<String> {
    let mut path: Vec<&str> = if link.starts_with('/') {
        Vec::new()
    } else {
        here.to_vec()
    };
    for segment in link.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                path.pop()?;
            }
            s => path.push(s),
        }
    }
    Some(path.join("/"))
}

#[test]
fn every_file_of_the_site_is_reached_from_the_index() {
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    build(&repo(), &site);
    let hostile = hostile_spec();
    let hostile_site = hostile.path().join("site");
    build(hostile.path(), &hostile_site);
    for site in [&site, &hostile_site] {
        let (unreachable, broken) = crawl(site);
        assert!(
            unreachable.is_empty() && broken.is_empty(),
            "{} files reached by no link from index.html: {unreachable:#?}\nlinks that lead nowhere: {broken:#?}",
            unreachable.len()
        );
    }
    // The crawl itself finds what it should: a page no link reaches, and a link to nothing.
    fs::write(site.join("eo-14409/orphan.html"), "<p>alone</p>").unwrap();
    fs::write(
        site.join("eo-14409/signed/timeline.html"),
        r#"<a href="../missing.html#top">gone</a> <a href="https://example.org/">away</a>"#,
    )
    .unwrap();
    let (unreachable, broken) = crawl(&site);
    assert!(
        unreachable.contains(&"eo-14409/orphan.html".to_owned()),
        "{unreachable:?}"
    );
    assert_eq!(
        broken,
        ["eo-14409/signed/timeline.html: ../missing.html#top"]
    );
}

#[test]
fn a_contents_page_lists_every_provision_and_actor_and_parents_link_their_parts() {
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    build(&repo(), &site);
    let contents =
        unescape(&fs::read_to_string(site.join("eo-14409/signed/contents.html")).unwrap());
    for line in [
        "<h3>Sec. 1 Purpose (heading inferred)</h3>",
        r#"<a href="provisions/no-licensing-construction.html">3(c) No mandatory licensing</a>: construction</li>"#,
        r#"<a href="provisions/no-enforceable-rights.html">5(c) No enforceable rights</a>: general provision <span class="muted">(number inferred)</span>"#,
        r#"<a href="provisions/framework-coverage-question.html">3(b)(A) Ask whether a model is covered</a>: permission"#,
        r#"<li id="actor-ai-developers"><a href="actors/ai-developers.html">Developers of advanced AI models</a> <span class="muted">(checklist)</span>: lead in <a href="provisions/framework-coverage-question.html">"#,
        r#"<a href="actors/cisa.html">Cybersecurity and Infrastructure Security Agency</a>"#,
    ] {
        assert!(contents.contains(line), "{line}\n{contents}");
    }
    // Sub-items sit under their parent, in document order.
    let framework = contents.find("3(b) Voluntary framework").unwrap();
    let parts = &contents[framework..contents.find("3(c) No mandatory").unwrap()];
    assert!(parts.contains("<ul>"), "{parts}");
    for part in ["3(b)(A)", "3(b)(B) Pre-release", "3(b)(C)"] {
        assert!(parts.contains(part), "{part}: {parts}");
    }
    let parent = unescape(
        &fs::read_to_string(site.join("eo-14409/signed/provisions/voluntary-framework.html"))
            .unwrap(),
    );
    assert!(parent.contains(r#"<dt>Sub-items</dt><dd><a href="framework-coverage-question.html">3(b)(A) Ask whether a model is covered</a><br>"#), "{parent}");
    let child = unescape(
        &fs::read_to_string(
            site.join("eo-14409/signed/provisions/framework-trusted-partners.html"),
        )
        .unwrap(),
    );
    assert!(child.contains(r#"<dt>Part of</dt><dd><a href="voluntary-framework.html">3(b) Voluntary framework for frontier-model deployment</a></dd>"#), "{child}");
    let index = unescape(&fs::read_to_string(site.join("index.html")).unwrap());
    assert!(index.contains(r#"<a href="eo-14409/draft/contents.html">contents</a>"#));
    let instrument = unescape(&fs::read_to_string(site.join("eo-14409/index.html")).unwrap());
    assert!(instrument.contains(r#"<a href="signed/contents.html">contents of signed</a>"#));
}
