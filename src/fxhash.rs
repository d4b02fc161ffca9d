//! A fast non-cryptographic hasher (FxHash) for the in-memory tables on the analysis hot path:
//! the word lists and frozen idf tables that every token of every article is looked up in, and
//! small per-article tallies. `std`'s SipHash resists collision attacks on keys an adversary
//! chooses, at several times the cost per short key; the big tables here are built from our own
//! assets (an article's words are only looked up, never inserted), and nothing depends on
//! their iteration order.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// Small, fast non-cryptographic hasher (FxHash) for short string keys.
#[derive(Default, Clone, Copy)]
pub struct Fx(u64);

impl Hasher for Fx {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let mut h = self.0;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let v = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
            h = (h.rotate_left(5) ^ v).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            h = (h.rotate_left(5) ^ b as u64).wrapping_mul(K);
        }
        self.0 = h;
    }
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

pub type FxBuild = BuildHasherDefault<Fx>;
pub type FxSet<T> = HashSet<T, FxBuild>;
pub type FxMap<K, V> = HashMap<K, V, FxBuild>;
