//! Gradient-boosted regression trees for the claims trainer: logistic loss, Newton leaf values,
//! histogram splits over quantile bins, each tree confined to one feature group (pair or story
//! features, so the model stays a sum of a pair part and a story part), and monotone constraints
//! from each feature's meaning (a split on a feature of expected sign +1 must not lower the score
//! as the feature grows).

/// One node of a regression tree: a split (`feature` is `Some`) sends a value at or under
/// `threshold` to node `left`, above it to `left + 1`; a leaf adds `value` to the logit.
#[derive(Debug, Clone, Copy)]
pub struct TreeNode {
    feature: Option<u16>,
    threshold: f32,
    left: u32,
    value: f32,
}

impl TreeNode {
    fn leaf(value: f32) -> TreeNode {
        TreeNode {
            feature: None,
            threshold: 0.0,
            left: 0,
            value,
        }
    }
}

/// A regression tree; node 0 is the root.
#[derive(Debug, Clone)]
pub struct Tree {
    nodes: Vec<TreeNode>,
}

impl Tree {
    /// The leaf value `values` reach.
    pub fn value(&self, values: &[f32]) -> f32 {
        let mut at = 0usize;
        loop {
            let node = &self.nodes[at];
            match node.feature {
                None => return node.value,
                Some(f) => {
                    at = node.left as usize + usize::from(values[f as usize] > node.threshold)
                }
            }
        }
    }
}

/// How the forest is grown: how many trees, how deep, how much of each tree's Newton step is
/// taken, the L2 penalty on leaf values and the least hessian (weighted examples) in a leaf.
pub struct BoostSettings {
    pub trees: usize,
    pub depth: usize,
    pub learning_rate: f32,
    pub lambda: f64,
    pub min_hessian: f64,
}

impl Default for BoostSettings {
    fn default() -> Self {
        BoostSettings {
            trees: 100,
            depth: 3,
            learning_rate: 0.2,
            lambda: 1.0,
            min_hessian: 2.0,
        }
    }
}

const BINS: usize = 48;

/// Split points per feature: midpoints between distinct values, or quantiles when there are many.
fn cut_points(rows: &[&[f32]], j: usize) -> Vec<f32> {
    let mut all: Vec<f32> = rows.iter().map(|r| r[j]).collect();
    all.sort_by(f32::total_cmp);
    let mut distinct = all.clone();
    distinct.dedup();
    if distinct.len() <= BINS {
        return distinct.windows(2).map(|w| (w[0] + w[1]) / 2.0).collect();
    }
    let mut cuts: Vec<f32> = (1..BINS).map(|q| all[q * (all.len() - 1) / BINS]).collect();
    cuts.dedup();
    cuts
}

struct Open {
    rows: Vec<u32>,
    node: usize,
    depth: usize,
    lo: f64,
    hi: f64,
}

/// Fits a forest; returns the base logit and the trees.
/// `group[j]` is feature j's group, `sign[j]` its monotone direction (0 free).
pub fn fit(
    rows: &[&[f32]],
    labels: &[bool],
    weights: &[f64],
    group: &[u8],
    sign: &[i8],
    settings: &BoostSettings,
) -> (f32, Vec<Tree>) {
    let n = rows.len();
    let d = rows[0].len();
    let cuts: Vec<Vec<f32>> = (0..d).map(|j| cut_points(rows, j)).collect();
    // bin[j][i]: the number of cut points below row i's value.
    let bin: Vec<Vec<u8>> = (0..d)
        .map(|j| {
            rows.iter()
                .map(|r| cuts[j].partition_point(|c| *c < r[j]) as u8)
                .collect()
        })
        .collect();
    let pos: f64 = labels
        .iter()
        .zip(weights)
        .filter(|(y, _)| **y)
        .map(|(_, w)| w)
        .sum();
    let total: f64 = weights.iter().sum();
    let base = (pos / (total - pos)).ln() as f32;
    let mut score = vec![base as f64; n];
    let mut forest = Vec::new();
    let mut g = vec![0.0f64; n];
    let mut h = vec![0.0f64; n];
    for _ in 0..settings.trees {
        for i in 0..n {
            let p = 1.0 / (1.0 + (-score[i]).exp());
            g[i] = weights[i] * (p - if labels[i] { 1.0 } else { 0.0 });
            h[i] = weights[i] * (p * (1.0 - p)).max(1e-9);
        }
        let mut nodes: Vec<TreeNode> = vec![TreeNode::leaf(0.0)];
        let mut tree_group: Option<u8> = None;
        let mut open = vec![Open {
            rows: (0..n as u32).collect(),
            node: 0,
            depth: 0,
            lo: f64::NEG_INFINITY,
            hi: f64::INFINITY,
        }];
        while let Some(o) = open.pop() {
            let gs: f64 = o.rows.iter().map(|&i| g[i as usize]).sum();
            let hs: f64 = o.rows.iter().map(|&i| h[i as usize]).sum();
            let value = (-gs / (hs + settings.lambda)).clamp(o.lo, o.hi);
            nodes[o.node] = TreeNode::leaf(value as f32 * settings.learning_rate);
            if o.depth >= settings.depth {
                continue;
            }
            let parent = gs * gs / (hs + settings.lambda);
            let mut best: Option<(f64, usize, usize, f64, f64)> = None;
            for j in 0..d {
                if tree_group.is_some_and(|t| t != group[j]) || cuts[j].is_empty() {
                    continue;
                }
                let mut hg = vec![0.0f64; cuts[j].len() + 1];
                let mut hh = vec![0.0f64; cuts[j].len() + 1];
                for &i in &o.rows {
                    let b = bin[j][i as usize] as usize;
                    hg[b] += g[i as usize];
                    hh[b] += h[i as usize];
                }
                let (mut gl, mut hl) = (0.0, 0.0);
                for b in 0..cuts[j].len() {
                    gl += hg[b];
                    hl += hh[b];
                    let (gr, hr) = (gs - gl, hs - hl);
                    if hl < settings.min_hessian || hr < settings.min_hessian {
                        continue;
                    }
                    let wl = (-gl / (hl + settings.lambda)).clamp(o.lo, o.hi);
                    let wr = (-gr / (hr + settings.lambda)).clamp(o.lo, o.hi);
                    if f64::from(sign[j]) * (wr - wl) < 0.0 {
                        continue;
                    }
                    let gain = gl * gl / (hl + settings.lambda) + gr * gr / (hr + settings.lambda)
                        - parent;
                    if gain > 1e-6 && best.is_none_or(|x| gain > x.0) {
                        best = Some((gain, j, b, wl, wr));
                    }
                }
            }
            let Some((_, j, b, wl, wr)) = best else {
                continue;
            };
            tree_group.get_or_insert(group[j]);
            let (left, right): (Vec<u32>, Vec<u32>) = o
                .rows
                .iter()
                .partition(|&&i| bin[j][i as usize] as usize <= b);
            let l = nodes.len();
            nodes.push(TreeNode::leaf(0.0));
            nodes.push(TreeNode::leaf(0.0));
            nodes[o.node] = TreeNode {
                feature: Some(j as u16),
                threshold: cuts[j][b],
                left: l as u32,
                value: 0.0,
            };
            let mid = (wl + wr) / 2.0;
            let (mut llo, mut lhi, mut rlo, mut rhi) = (o.lo, o.hi, o.lo, o.hi);
            match sign[j] {
                1 => {
                    lhi = mid;
                    rlo = mid;
                }
                -1 => {
                    llo = mid;
                    rhi = mid;
                }
                _ => {}
            }
            open.push(Open {
                rows: left,
                node: l,
                depth: o.depth + 1,
                lo: llo,
                hi: lhi,
            });
            open.push(Open {
                rows: right,
                node: l + 1,
                depth: o.depth + 1,
                lo: rlo,
                hi: rhi,
            });
        }
        let tree = Tree { nodes };
        for (i, r) in rows.iter().enumerate() {
            score[i] += tree.value(r) as f64;
        }
        forest.push(tree);
    }
    (base, forest)
}
