//! Grouping accepted pairwise links into claims. Transitive closure chains unrelated sentences
//! (A~B and B~C while A and C share nothing), so groups grow by average linkage instead: two
//! groups merge only when enough of the pairs between them are themselves linked and every
//! member of the merged group is directly linked to most of it.

/// Share of cross pairs that must be exceeded by linked pairs before two groups merge (so a
/// lone mention joins a pair only when linked to both).
const MIN_LINKED_SHARE: f32 = 0.5;

/// Group linked mentions into claims without transitive chaining; deterministic for a given
/// link set, whatever its order. Mentions without links are left out; a mention belongs to at
/// most one group. Groups are sorted by their smallest member.
/// Mentions are numbered by `u32` (a link store refers to them that way): at a million links
/// the edge table and its sorted copy are the bulk of the reader's peak memory while it groups.
pub fn group_links(n_mentions: usize, links: &[(u32, u32, f32)]) -> Vec<Vec<usize>> {
    use std::collections::HashMap;
    let mut edges: HashMap<(u32, u32), f32> = HashMap::with_capacity(links.len());
    for &(a, b, s) in links {
        if a == b || a as usize >= n_mentions || b as usize >= n_mentions {
            continue;
        }
        let k = (a.min(b), a.max(b));
        let e = edges.entry(k).or_insert(s);
        *e = e.max(s);
    }
    let mut sorted: Vec<((u32, u32), f32)> = edges.iter().map(|(&k, &s)| (k, s)).collect();
    sorted.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
    let linked_pair = |x: usize, y: usize| edges.contains_key(&(x.min(y) as u32, x.max(y) as u32));

    let mut group_of: Vec<usize> = (0..n_mentions).collect();
    let mut members: HashMap<usize, Vec<usize>> = HashMap::new();
    for ((a, b), _) in sorted {
        let (a, b) = (a as usize, b as usize);
        let (ga, gb) = (group_of[a], group_of[b]);
        if ga == gb {
            continue;
        }
        let ma = members.get(&ga).cloned().unwrap_or_else(|| vec![a]);
        let mb = members.get(&gb).cloned().unwrap_or_else(|| vec![b]);
        let total = ma.len() * mb.len();
        let linked = ma
            .iter()
            .flat_map(|&x| mb.iter().map(move |&y| (x, y)))
            .filter(|&(x, y)| linked_pair(x, y))
            .count();
        if (linked as f32) <= MIN_LINKED_SHARE * total as f32 {
            continue;
        }
        // Every member must be directly linked to most of the merged group: a mention linked
        // to only one or two of many is a different fact that happens to share wording.
        let size = ma.len() + mb.len();
        let most = |x: usize| {
            let n = ma
                .iter()
                .chain(&mb)
                .filter(|&&y| y != x && linked_pair(x, y))
                .count();
            2 * n > size - 1
        };
        if !ma.iter().chain(&mb).all(|&x| most(x)) {
            continue;
        }
        let (keep, gone) = (ga.min(gb), ga.max(gb));
        let mut all = ma;
        all.extend(mb);
        all.sort_unstable();
        for &m in &all {
            group_of[m] = keep;
        }
        members.remove(&gone);
        members.insert(keep, all);
    }
    let mut groups: Vec<Vec<usize>> = members.into_values().filter(|g| g.len() > 1).collect();
    groups.sort();
    groups
}
