//! The tagger's weights: how they are stored, loaded and scored.
//!
//! One row of weights per hash bucket, one weight per tag, quantised to a signed byte with one
//! scale for the whole table, plus a small dense table of tag-to-tag transition scores. A row
//! is 8 bytes (7 tags and a pad byte), so scoring a feature touches one cache line. The shipped
//! model is `assets/ner_tagger.bin`, compiled into the binary and parsed once; the trainer
//! (`examples/ner_train.rs`) builds the same structure in memory to evaluate what it trains.
//!
//! File layout (little-endian): b"XRTG", u32 format version (1), u32 log2 of the bucket count,
//! f32 scale, `(TAGS + 1) * TAGS` f32 transition scores (the last row is the start of a window),
//! then `buckets * ROW` bytes of weights.

use super::TAGS;
use std::borrow::Cow;
use std::sync::LazyLock;

const MAGIC: &[u8; 4] = b"XRTG";
const VERSION: u32 = 1;
/// Bytes per bucket row (TAGS weights and padding).
const ROW: usize = 8;
const HEADER: usize = 16 + (TAGS + 1) * TAGS * 4;

pub struct Model {
    bits: u32,
    scale: f32,
    /// `transitions[previous][next]`; row `TAGS` is the start of a window.
    pub(super) transitions: [[f32; TAGS]; TAGS + 1],
    data: Cow<'static, [u8]>,
}

/// Why a model file was refused.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    #[error("not a crossread tagger model (bad magic bytes)")]
    Magic,
    #[error("tagger model format {0} is not supported (expected {VERSION})")]
    Version(u32),
    #[error("tagger model is truncated or has a bad size")]
    Size,
}

static SHIPPED: LazyLock<Option<Model>> = LazyLock::new(|| {
    Model::from_bytes(Cow::Borrowed(include_bytes!(
        "../../../assets/ner_tagger.bin"
    )))
    .ok()
});

impl Model {
    /// The model compiled into the binary (`None` only if the asset is damaged, which a unit
    /// test rules out).
    pub fn shipped() -> Option<&'static Model> {
        SHIPPED.as_ref()
    }

    pub fn from_bytes(data: Cow<'static, [u8]>) -> Result<Model, ModelError> {
        if data.len() < HEADER {
            return Err(ModelError::Size);
        }
        if &data[..4] != MAGIC {
            return Err(ModelError::Magic);
        }
        let word = |at: usize| [data[at], data[at + 1], data[at + 2], data[at + 3]];
        let version = u32::from_le_bytes(word(4));
        if version != VERSION {
            return Err(ModelError::Version(version));
        }
        let bits = u32::from_le_bytes(word(8));
        let scale = f32::from_le_bytes(word(12));
        if !(8..=26).contains(&bits) || data.len() != HEADER + (1usize << bits) * ROW {
            return Err(ModelError::Size);
        }
        let mut transitions = [[0f32; TAGS]; TAGS + 1];
        for (k, t) in transitions.iter_mut().flatten().enumerate() {
            *t = f32::from_le_bytes(word(16 + 4 * k));
        }
        Ok(Model {
            bits,
            scale,
            transitions,
            data,
        })
    }

    #[cfg(feature = "train")]
    /// Serialises float weights (`buckets * TAGS`, bucket-major) and transitions, quantising
    /// the weights to one byte each.
    pub fn encode(bits: u32, weights: &[f32], transitions: &[[f32; TAGS]; TAGS + 1]) -> Vec<u8> {
        let buckets = 1usize << bits;
        assert_eq!(
            weights.len(),
            buckets * TAGS,
            "weights do not match the bucket count"
        );
        let max = weights.iter().fold(0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 { max / 127.0 } else { 1.0 };
        let mut out = Vec::with_capacity(HEADER + buckets * ROW);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&VERSION.to_le_bytes());
        out.extend_from_slice(&bits.to_le_bytes());
        out.extend_from_slice(&scale.to_le_bytes());
        for t in transitions.iter().flatten() {
            out.extend_from_slice(&t.to_le_bytes());
        }
        for row in weights.chunks_exact(TAGS) {
            for &w in row {
                out.push(((w / scale).round().clamp(-127.0, 127.0) as i8) as u8);
            }
            out.resize(out.len() + ROW - TAGS, 0);
        }
        out
    }

    /// Sum of the weight rows of `features`, per tag.
    #[inline]
    pub fn score(&self, features: &[u64], out: &mut [f32; TAGS]) {
        let mask = (1u64 << self.bits) - 1;
        let rows = &self.data[HEADER..];
        let mut sum = [0i32; TAGS];
        for &f in features {
            let at = (f & mask) as usize * ROW;
            let row = &rows[at..at + ROW];
            for (s, &w) in sum.iter_mut().zip(row) {
                *s += w as i8 as i32;
            }
        }
        for (o, s) in out.iter_mut().zip(sum) {
            *o = s as f32 * self.scale;
        }
    }
}
