//! Claims from scored pairs, without chaining: a mention joins a claim only when its average
//! probability of being the same claim as the claim's members reaches the threshold (average
//! linkage; a pair never scored counts as probability 0). Connected components over accepted
//! pairs would chain unrelated sentences through one shared word: on ECB+ they grew one cluster
//! to hundreds of sentences.

use std::collections::HashMap;

/// A scored pair of mentions (by position in the caller's mention list).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ScoredPair {
    pub a: u32,
    pub b: u32,
    pub probability: f32,
}

/// How many candidate pairs a mention keeps with each other article: its most probable ones.
/// A sentence states a fact once, so its best match in another article is nearly always the
/// one that matters; the rest cost memory and let clusters grow through weak pairs.
pub const LINKS_PER_ARTICLE: usize = 2;

/// Keeps, for every mention and every other article, the mention's [`LINKS_PER_ARTICLE`] most
/// probable pairs with that article's mentions (ties by position). `article_of[m]` numbers
/// mention `m`'s article. The result is sorted by (a, b).
pub fn best_per_article(mut pairs: Vec<ScoredPair>, article_of: &[u32]) -> Vec<ScoredPair> {
    let better = |x: &ScoredPair, y: &ScoredPair| {
        y.probability
            .total_cmp(&x.probability)
            .then(x.a.min(x.b).cmp(&y.a.min(y.b)))
            .then(x.a.max(x.b).cmp(&y.a.max(y.b)))
    };
    pairs.sort_by(better);
    let mut taken: HashMap<(u32, u32), usize> = HashMap::new();
    let mut keep = vec![false; pairs.len()];
    for (i, p) in pairs.iter().enumerate() {
        for (me, other) in [(p.a, p.b), (p.b, p.a)] {
            let n = taken.entry((me, article_of[other as usize])).or_default();
            if *n < LINKS_PER_ARTICLE {
                *n += 1;
                keep[i] = true;
            }
        }
    }
    let mut kept: Vec<ScoredPair> = pairs
        .into_iter()
        .zip(keep)
        .filter(|(_, k)| *k)
        .map(|(p, _)| p)
        .collect();
    kept.sort_by_key(|p| (p.a, p.b));
    kept
}

/// Groups mentions into claims by average linkage. `article_of[m]` numbers mention `m`'s
/// article: two mentions of one article are never compared (they are not scored), so they do
/// not count in averages. Deterministic for a given input whatever its order: pairs are merged
/// by falling probability, ties by position. Returns groups of two or more mentions, each
/// sorted, sorted by their first member.
pub fn average_link(article_of: &[u32], pairs: &[ScoredPair], threshold: f32) -> Vec<Vec<u32>> {
    let n = article_of.len();
    let mut adjacency: Vec<Vec<(u32, f32)>> = vec![Vec::new(); n];
    let mut edges: Vec<ScoredPair> = Vec::with_capacity(pairs.len());
    for p in pairs {
        let (a, b) = (p.a.min(p.b), p.a.max(p.b));
        if a == b || b as usize >= n || article_of[a as usize] == article_of[b as usize] {
            continue;
        }
        adjacency[a as usize].push((b, p.probability));
        adjacency[b as usize].push((a, p.probability));
        if p.probability >= threshold {
            edges.push(ScoredPair {
                a,
                b,
                probability: p.probability,
            });
        }
    }
    for list in adjacency.iter_mut() {
        list.sort_by(|x, y| x.0.cmp(&y.0).then(y.1.total_cmp(&x.1)));
        list.dedup_by_key(|x| x.0);
    }
    edges.sort_by(|x, y| {
        y.probability
            .total_cmp(&x.probability)
            .then(x.a.cmp(&y.a))
            .then(x.b.cmp(&y.b))
    });
    let mut group_of: Vec<u32> = (0..n as u32).collect();
    let mut members: HashMap<u32, Vec<u32>> = HashMap::new();
    for e in edges {
        let (ga, gb) = (group_of[e.a as usize], group_of[e.b as usize]);
        if ga == gb {
            continue;
        }
        let ma = members.get(&ga).cloned().unwrap_or_else(|| vec![e.a]);
        let mb = members.get(&gb).cloned().unwrap_or_else(|| vec![e.b]);
        let (small, large_group) = if ma.len() <= mb.len() {
            (&ma, gb)
        } else {
            (&mb, ga)
        };
        let mut total = 0.0f32;
        for &x in small {
            for &(y, p) in &adjacency[x as usize] {
                if group_of[y as usize] == large_group {
                    total += p;
                }
            }
        }
        let mut articles: HashMap<u32, (u32, u32)> = HashMap::new();
        for &x in &ma {
            articles.entry(article_of[x as usize]).or_default().0 += 1;
        }
        for &x in &mb {
            articles.entry(article_of[x as usize]).or_default().1 += 1;
        }
        let same_article: u32 = articles.values().map(|(p, q)| p * q).sum();
        let compared = (ma.len() * mb.len()) as u32 - same_article;
        if compared == 0 || total / (compared as f32) < threshold {
            continue;
        }
        let (keep, gone) = (ga.min(gb), ga.max(gb));
        let mut all = ma;
        all.extend(mb);
        all.sort_unstable();
        for &m in &all {
            group_of[m as usize] = keep;
        }
        members.remove(&gone);
        members.insert(keep, all);
    }
    let mut groups: Vec<Vec<u32>> = members.into_values().filter(|g| g.len() > 1).collect();
    groups.sort();
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pair(a: u32, b: u32, p: f32) -> ScoredPair {
        ScoredPair {
            a,
            b,
            probability: p,
        }
    }

    #[test]
    fn one_strong_link_does_not_chain_two_claims() {
        // 0-1-2 are one claim (all linked); 3 is linked to 2 only.
        let articles = [0, 1, 2, 3];
        let pairs = [
            pair(0, 1, 0.9),
            pair(1, 2, 0.9),
            pair(0, 2, 0.8),
            pair(2, 3, 0.7),
        ];
        let groups = average_link(&articles, &pairs, 0.5);
        assert_eq!(groups, vec![vec![0, 1, 2]]);
    }

    #[test]
    fn order_of_pairs_does_not_matter_and_same_article_pairs_are_ignored() {
        let articles = [0, 0, 1, 2];
        let mut pairs = vec![
            pair(0, 2, 0.7),
            pair(1, 2, 0.7),
            pair(0, 3, 0.6),
            pair(2, 3, 0.65),
            pair(0, 1, 0.99),
        ];
        let a = average_link(&articles, &pairs, 0.5);
        pairs.reverse();
        let b = average_link(&articles, &pairs, 0.5);
        assert_eq!(a, b);
        assert!(a[0].contains(&0) && a[0].contains(&2));
    }
}
