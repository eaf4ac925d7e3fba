//! `through-cycle`.
//!
//! What it checks: duties that bind only once another provision is done (`through`) do not
//! form a loop.
//! Why it matters: in a loop each duty waits for the next to be done, so none ever binds.
//! Example: `report` binds through `rule`, and `rule` through `report`.
//! Fix: remove `through` from the provision that binds of itself (the rule).

use super::{Context, Provisions, deadline_cycle::cycles};
use crate::diagnostic::{At, Code, Diagnostic};

pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let spec = cx.spec;
    for (i, instrument) in spec.instruments.iter().enumerate() {
        for v in 0..instrument.versions.len() {
            let Provisions { list, ids } = cx.provisions(i, v);
            let edges: Vec<Vec<(usize, ())>> = list
                .iter()
                .map(|p| {
                    p.through
                        .as_deref()
                        .and_then(|id| ids.get(id))
                        .map(|&to| vec![(to, ())])
                        .unwrap_or_default()
                })
                .collect();
            for cycle in cycles(&edges) {
                let names: Vec<&str> = cycle.iter().map(|&(i, ())| list[i].id.as_str()).collect();
                let p = list[cycle[0].0];
                let path = format!("`{}` → `{}`", names.join("` → `"), names[0]);
                let mut d = Diagnostic::new(
                    Code::ThroughCycle,
                    p.file,
                    At::value(p.at("/through")),
                    format!("duties bind through each other in a loop: {path}"),
                )
                .with_label("binds through a provision that binds only through this one");
                for &(j, ()) in &cycle[1..] {
                    d = d.with_related(
                        list[j].file,
                        At::value(list[j].at("/through")),
                        format!("`{}` binds through here", list[j].id),
                    );
                }
                out.push(d.with_help(
                    "remove `through` from the provision that binds of itself, such as the rule \
                     that creates the duty",
                ));
            }
        }
    }
}
