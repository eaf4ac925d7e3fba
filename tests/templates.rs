//! Every file in `templates/` is embedded and compiles, so a template syntax error fails the
//! tests, not a user's run.

use orderly::render::{TEMPLATES, environment};

use crate::support::{repo, tree};

#[test]
fn every_template_is_embedded_and_compiles() {
    let mut embedded: Vec<&str> = TEMPLATES.iter().map(|(name, _)| *name).collect();
    embedded.sort_unstable();
    assert_eq!(tree(&repo().join("templates")), embedded);
    for (name, text) in TEMPLATES {
        let on_disk = std::fs::read_to_string(repo().join("templates").join(name)).unwrap();
        assert_eq!(&on_disk, text, "{name}");
        environment()
            .get_template(name)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
    }
}
