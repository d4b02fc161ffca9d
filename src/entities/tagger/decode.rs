//! Viterbi decoding of one window of tokens over BIO tags.
//!
//! The best tag sequence under the emission scores (per token and tag) and the transition
//! scores, never putting an I- tag after anything but a B- or I- tag of the same type.

use super::{TAGS, Tag};

/// Whether `next` may follow `previous` (`None`: the start of the window).
#[inline]
pub fn allowed(previous: Option<usize>, next: usize) -> bool {
    match Tag::from_index(next).inside_of() {
        None => true,
        Some(kind) => previous.is_some_and(|p| Tag::from_index(p).kind() == Some(kind)),
    }
}

/// Best tags for `emissions` (one row per token); writes them to `out`.
pub fn viterbi(
    emissions: &[[f32; TAGS]],
    transitions: &[[f32; TAGS]; TAGS + 1],
    back: &mut Vec<[u8; TAGS]>,
    out: &mut Vec<u8>,
) {
    out.clear();
    let n = emissions.len();
    if n == 0 {
        return;
    }
    back.clear();
    back.resize(n, [0; TAGS]);
    let mut score = [f32::NEG_INFINITY; TAGS];
    for (t, s) in score.iter_mut().enumerate() {
        if allowed(None, t) {
            *s = transitions[TAGS][t] + emissions[0][t];
        }
    }
    for k in 1..n {
        let mut next = [f32::NEG_INFINITY; TAGS];
        for (t, nt) in next.iter_mut().enumerate() {
            let mut best = f32::NEG_INFINITY;
            let mut arg = 0u8;
            for (p, &sp) in score.iter().enumerate() {
                if sp == f32::NEG_INFINITY || !allowed(Some(p), t) {
                    continue;
                }
                let v = sp + transitions[p][t];
                if v > best {
                    best = v;
                    arg = p as u8;
                }
            }
            *nt = best + emissions[k][t];
            back[k][t] = arg;
        }
        score = next;
    }
    let mut last = 0usize;
    for t in 1..TAGS {
        if score[t] > score[last] {
            last = t;
        }
    }
    out.resize(n, 0);
    out[n - 1] = last as u8;
    for k in (1..n).rev() {
        out[k - 1] = back[k][out[k] as usize];
    }
}
