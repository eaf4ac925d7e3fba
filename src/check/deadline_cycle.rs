//! `deadline-cycle`.
//!
//! What it checks: deadlines that count from other provisions' completion (`due.of` naming a
//! provision) do not form a loop.
//! Why it matters: in a loop each deadline waits for the next, so none can ever be computed.
//! Example: `a` is due 30 days after `b` completes, and `b` 30 days after `a` completes.
//! Fix: make one of them count from an anchor date such as `order-date`.

use super::{Context, Provisions};
use crate::diagnostic::{At, Code, Diagnostic};
use crate::model::{Due, reading_suffix};

pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let spec = cx.spec;
    for (i, instrument) in spec.instruments.iter().enumerate() {
        for v in 0..instrument.versions.len() {
            let Provisions { list, ids: index } = cx.provisions(i, v);
            // Edges: provision → the provisions its deadline counts from, with the reading of
            // `due` that says so.
            let edges: Vec<Vec<(usize, Option<usize>)>> = list
                .iter()
                .map(|p| {
                    let Some(due) = &p.due else { return Vec::new() };
                    due.values_indexed()
                        .filter_map(|(reading, due)| match due.first() {
                            Due::Within { of, .. } => {
                                index.get(of.as_str()).map(|&to| (to, reading))
                            }
                            Due::Ongoing
                            | Due::Unknown
                            | Due::None
                            | Due::On(_)
                            | Due::Recurring(_) => None,
                        })
                        .collect()
                })
                .collect();
            let of_at = |node: usize, reading: Option<usize>| {
                At::value(list[node].at(&format!("/due{}/of", reading_suffix(reading))))
            };
            for cycle in cycles(&edges) {
                let names: Vec<&str> = cycle.iter().map(|&(i, _)| list[i].id.as_str()).collect();
                let (first, reading) = cycle[0];
                let p = list[first];
                let mut path = names.join("` → `");
                path = format!("`{path}` → `{}`", names[0]);
                let mut d = Diagnostic::new(
                    Code::DeadlineCycle,
                    p.file,
                    of_at(first, reading),
                    format!("deadlines count from each other in a loop: {path}"),
                )
                .with_label("counts from a provision whose deadline depends on this one");
                for &(i, reading) in &cycle[1..] {
                    d = d.with_related(
                        list[i].file,
                        of_at(i, reading),
                        format!("`{}` counts from here", list[i].id),
                    );
                }
                out.push(
                    d.with_help("count one of them from one of the version's anchors instead"),
                );
            }
        }
    }
}

/// The elementary cycles found by a depth-first search, each once, starting at its smallest
/// node; each step is (node, label of the edge leaving it). Iterative, so long chains cannot
/// overflow the stack.
pub(super) fn cycles<E: Copy>(edges: &[Vec<(usize, E)>]) -> Vec<Vec<(usize, E)>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Active,
        Done,
    }
    let mut mark = vec![Mark::New; edges.len()];
    let mut found = Vec::new();
    for start in 0..edges.len() {
        if mark[start] != Mark::New {
            continue;
        }
        // Path of (node, index of the next edge to follow).
        let mut path: Vec<(usize, usize)> = vec![(start, 0)];
        mark[start] = Mark::Active;
        while let Some(&mut (node, ref mut next)) = path.last_mut() {
            if let Some((to, _)) = edges[node].get(*next) {
                *next += 1;
                let to = *to;
                match mark[to] {
                    Mark::New => {
                        mark[to] = Mark::Active;
                        path.push((to, 0));
                    }
                    Mark::Active => {
                        let from = path.iter().position(|&(n, _)| n == to).unwrap_or(0);
                        let mut cycle: Vec<(usize, E)> = path[from..]
                            .iter()
                            .map(|&(n, next)| (n, edges[n][next - 1].1))
                            .collect();
                        let smallest = cycle
                            .iter()
                            .enumerate()
                            .min_by_key(|(_, (n, _))| *n)
                            .map_or(0, |(i, _)| i);
                        cycle.rotate_left(smallest);
                        found.push(cycle);
                    }
                    Mark::Done => {}
                }
            } else {
                mark[node] = Mark::Done;
                path.pop();
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::cycles;

    fn graph(edges: &[&[usize]]) -> Vec<Vec<(usize, ())>> {
        edges
            .iter()
            .map(|e| e.iter().map(|&t| (t, ())).collect())
            .collect()
    }

    #[test]
    fn finds_loops_once() {
        let found = cycles(&graph(&[&[1], &[2], &[0], &[0]]));
        let nodes: Vec<Vec<usize>> = found
            .iter()
            .map(|c| c.iter().map(|s| s.0).collect())
            .collect();
        assert_eq!(nodes, vec![vec![0, 1, 2]]);
        assert_eq!(cycles(&graph(&[&[0]])).len(), 1);
        assert!(cycles(&graph(&[&[1], &[2], &[]])).is_empty());
    }

    #[test]
    fn long_chains_do_not_overflow() {
        let n = 200_000;
        let edges: Vec<Vec<(usize, ())>> = (0..n).map(|i| vec![((i + 1) % n, ())]).collect();
        assert_eq!(cycles(&edges)[0].len(), n);
    }
}
