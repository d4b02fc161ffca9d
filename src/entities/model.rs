//! A small linear model that second-guesses the rules' decision for each candidate name.
//!
//! The rules in `names` and `classify` decide which capitalised runs are names and what they are;
//! their weakest part is the type decision and rejecting capitalised non-names. For every span the
//! rules emit, this model scores PERSON / ORG / PLACE / OTHER (product or other name) / NONE from
//! hashed features (the span's words, shape, affixes, two words of context either side, gazetteer
//! memberships, the rules' own guess, recurrence in the article) and overrides the rules only when
//! it is confident. It is a multinomial logistic regression trained on UNER English EWT dev by
//! `examples/ner_train.rs`; weights ship as `assets/ner_model.bin` (quantised to i16).
//!
//! Asset layout (little-endian): b"NERM", u32 log2 of the bucket count, f32 scale, then
//! `buckets * CLASSES` i16 weights, bucket-major.

use super::EntityKind;
use super::gazetteer::{GAZ, is_common, match_phrase};
use super::lexicon::*;
use super::names::{Ctx, ROLE_SET, is_title};
use super::token::Tk;
use std::sync::LazyLock;

/// Output classes: the three name kinds, OTHER (product or other name), NONE (not an entity).
pub const CLASSES: usize = 5;
pub const C_PER: usize = 0;
pub const C_ORG: usize = 1;
pub const C_LOC: usize = 2;
pub const C_OTHER: usize = 3;
pub const C_NONE: usize = 4;

/// Default number of hash buckets (log2), used by the trainer.
#[cfg_attr(not(feature = "train"), allow(dead_code))]
pub const BITS: u32 = 16;

/// Which spans the model sees (see `eligible`).
pub const MODE: u8 = 2;

/// Minimum probability for the model to change the rules' kind (to PERSON or ORG only).
pub const THRESHOLD: f32 = 0.5;
/// Minimum probability for the model to drop a span.
pub const DROP_THRESHOLD: f32 = 0.6;

/// The class the rules' kind corresponds to.
pub fn class_of(k: EntityKind) -> usize {
    match k {
        EntityKind::Person => C_PER,
        EntityKind::Org => C_ORG,
        EntityKind::Place => C_LOC,
        _ => C_OTHER,
    }
}

/// Whether the model gets a say on this span at all: only persons, organisations and places
/// that are the rules' default guesses (no
/// gazetteer, title, suffix or shape evidence) for names seen once in the article. Names that
/// recur capitalised are left to the rules and the article-level votes; this also keeps the model
/// off the hot path for most spans.
pub fn eligible(ri: &RuleInfo, mode: u8) -> bool {
    // Products are left alone: the training data has no product labels.
    if ri.kind.is_none_or(|k| class_of(k) == C_OTHER) {
        return false;
    }
    match mode {
        0 => true,
        1 => ri.by_default,
        _ => ri.by_default && ri.recur <= 1 && ri.cap <= 1,
    }
}

/// Combine the rules' kind with the model's probabilities: `None` drops the span.
pub fn combine(
    rule: EntityKind,
    p: &[f32; CLASSES],
    threshold: f32,
    drop: f32,
) -> Option<EntityKind> {
    let r = class_of(rule);
    let (m, pm) = p
        .iter()
        .copied()
        .enumerate()
        .fold((r, p[r]), |a, (i, v)| if v > a.1 { (i, v) } else { a });
    if m == r {
        return Some(rule);
    }
    match m {
        C_PER if pm >= threshold => Some(EntityKind::Person),
        C_ORG if pm >= threshold => Some(EntityKind::Org),
        // Turning a guess into a place or a product rests on too little training data
        // (EWT has few of either among the rules' guesses); the model only drops those.
        C_NONE if pm >= drop => None,
        _ => Some(rule),
    }
}

struct Weights {
    bits: u32,
    scale: f32,
    data: &'static [u8],
}

static MODEL: LazyLock<Option<Weights>> =
    LazyLock::new(|| parse(include_bytes!("../../assets/ner_model.bin")));

fn parse(b: &'static [u8]) -> Option<Weights> {
    if b.len() < 12 || &b[..4] != b"NERM" {
        return None;
    }
    let bits = u32::from_le_bytes(b[4..8].try_into().ok()?);
    let scale = f32::from_le_bytes(b[8..12].try_into().ok()?);
    let data = &b[12..];
    if bits > 24 || data.len() != (1usize << bits) * CLASSES * 2 {
        return None;
    }
    Some(Weights { bits, scale, data })
}

/// Probabilities under the shipped weights (None if the asset is missing or malformed).
pub fn predict(feats: &[u64]) -> Option<[f32; CLASSES]> {
    let w = MODEL.as_ref()?;
    let mask = (1u64 << w.bits) - 1;
    let mut z = [0f32; CLASSES];
    for &f in feats {
        let off = ((f & mask) as usize) * CLASSES * 2;
        for (c, zc) in z.iter_mut().enumerate() {
            let o = off + 2 * c;
            *zc += i16::from_le_bytes([w.data[o], w.data[o + 1]]) as f32;
        }
    }
    for zc in &mut z {
        *zc *= w.scale;
    }
    Some(softmax(z))
}

pub fn softmax(mut z: [f32; CLASSES]) -> [f32; CLASSES] {
    let m = z.iter().copied().fold(f32::MIN, f32::max);
    let mut s = 0.0;
    for v in &mut z {
        *v = (*v - m).exp();
        s += *v;
    }
    for v in &mut z {
        *v /= s;
    }
    z
}

/// FNV-1a over a namespace tag and ASCII-lowercased bytes.
struct H(u64);

impl H {
    fn new(tag: &str) -> H {
        let mut h = H(0xcbf2_9ce4_8422_2325);
        h.bytes(tag.as_bytes());
        h.byte(0xff);
        h
    }
    #[inline]
    fn byte(&mut self, b: u8) {
        self.0 = (self.0 ^ b as u64).wrapping_mul(0x0000_0100_0000_01b3);
    }
    fn bytes(&mut self, s: &[u8]) {
        for &b in s {
            self.byte(b.to_ascii_lowercase());
        }
    }
    fn str(mut self, s: &str) -> H {
        self.bytes(s.as_bytes());
        self
    }
    fn raw(mut self, s: &str) -> H {
        for &b in s.as_bytes() {
            self.byte(b);
        }
        self
    }
    fn num(mut self, n: usize) -> H {
        self.byte(0xfe);
        self.bytes(&(n as u64).to_le_bytes());
        self
    }
    fn done(self) -> u64 {
        // Final mix so that low bits depend on every input byte.
        let mut x = self.0;
        x ^= x >> 33;
        x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
        x ^= x >> 33;
        x
    }
}

/// Word shape with runs collapsed: "Xx", "X", "X.X.", "xX", "Xd".
fn shape(w: &str, out: &mut [u8; 8]) -> usize {
    let mut n = 0;
    let mut last = 0u8;
    for c in w.chars() {
        let s = if c.is_uppercase() {
            b'X'
        } else if c.is_lowercase() {
            b'x'
        } else if c.is_ascii_digit() {
            b'd'
        } else if c.is_alphabetic() {
            b'a'
        } else if c.is_ascii() {
            c as u8
        } else {
            b'o'
        };
        if s != last && n < out.len() {
            out[n] = s;
            n += 1;
            last = s;
        }
    }
    n
}

fn shape_str(w: &str) -> ([u8; 8], usize) {
    let mut b = [0u8; 8];
    let n = shape(w, &mut b);
    (b, n)
}

fn tail(w: &str, n: usize) -> &str {
    let mut i = w.len().saturating_sub(n);
    while !w.is_char_boundary(i) {
        i -= 1;
    }
    &w[i..]
}

fn head(w: &str, n: usize) -> &str {
    let mut i = n.min(w.len());
    while !w.is_char_boundary(i) {
        i += 1;
    }
    &w[..i]
}

/// What the rules said about a span.
#[derive(Clone, Copy, Debug)]
pub struct RuleInfo {
    /// `None`: a capitalised run the rules rejected.
    pub kind: Option<EntityKind>,
    pub by_default: bool,
    /// Found by the article-level second pass (a known surface form).
    pub second_pass: bool,
    /// Occurrences of the same surface form among the spans of the article.
    pub recur: usize,
    /// Capitalised occurrences of the span's first word in the article.
    pub cap: usize,
}

/// Hashed features of span `s..e`.
pub fn features(cx: &Ctx, s: usize, e: usize, ri: RuleInfo, buf: &mut String, out: &mut Vec<u64>) {
    out.clear();
    let toks = cx.toks;
    let g = &*GAZ;
    let rk = ri.kind.map_or(9, |k| k as usize);
    let n = e - s;
    let first = cx.text(s);
    let last = cx.text(e - 1);
    let f = |h: H| h.done();
    out.push(f(H::new("b")));
    out.push(f(H::new("r").num(rk)));
    out.push(f(H::new("rd").num(rk).num(ri.by_default as usize)));
    out.push(f(H::new("rx").num(rk).num(ri.second_pass as usize)));
    out.push(f(H::new("n").num(n.min(5))));
    out.push(f(H::new("rn").num(rk).num(n.min(5))));
    // Words and shapes.
    let mut span = H::new("S");
    let mut sshape = H::new("SS");
    let mut n_common = 0;
    let mut any_upper = false;
    let mut any_digit = false;
    for t in &toks[s..e.min(s + 6)] {
        let w = t.text(cx.body);
        out.push(f(H::new("w").str(w)));
        let (b, l) = shape_str(w);
        let sh = std::str::from_utf8(&b[..l]).unwrap_or("");
        out.push(f(H::new("s").raw(sh)));
        span = span.str(w);
        span.byte(b' ');
        sshape = sshape.raw(sh);
        sshape.byte(b' ');
        if t.kind == Tk::Word && is_common(w) {
            n_common += 1;
        }
        any_upper |= t.upper;
        any_digit |= t.kind == Tk::Num || w.bytes().any(|b| b.is_ascii_digit());
    }
    out.push(span.done());
    let ss = sshape.done();
    out.push(ss);
    out.push(f(H::new("rSS").num(rk).num(ss as usize)));
    out.push(f(H::new("f").str(first)));
    out.push(f(H::new("l").str(last)));
    out.push(f(H::new("x3").str(tail(last, 3))));
    out.push(f(H::new("x2").str(tail(last, 2))));
    out.push(f(H::new("p3").str(head(first, 3))));
    let cm = if n_common == 0 {
        0
    } else if n_common == n {
        2
    } else {
        1
    };
    out.push(f(H::new("gC").num(cm)));
    out.push(f(H::new("rgC").num(rk).num(cm)));
    out.push(f(H::new("up").num(any_upper as usize)));
    out.push(f(H::new("dg").num(any_digit as usize)));
    out.push(f(H::new("cm").num(toks[s].camel as usize)));
    // Context.
    let ctx_word = |i: Option<usize>| -> &str {
        match i {
            Some(i) if i < toks.len() => cx.text(i),
            _ => "<s>",
        }
    };
    let p1 = ctx_word(s.checked_sub(1));
    let p2 = ctx_word(s.checked_sub(2));
    let n1 = ctx_word(Some(e));
    let n2 = ctx_word(Some(e + 1));
    out.push(f(H::new("p1").str(p1)));
    out.push(f(H::new("p2").str(p2)));
    out.push(f(H::new("p12").str(p2).str(" ").str(p1)));
    out.push(f(H::new("n1").str(n1)));
    out.push(f(H::new("n2").str(n2)));
    out.push(f(H::new("n12").str(n1).str(" ").str(n2)));
    out.push(f(H::new("rp1").num(rk).str(p1)));
    out.push(f(H::new("rn1").num(rk).str(n1)));
    let (b, l) = shape_str(p1);
    out.push(f(
        H::new("p1s").raw(std::str::from_utf8(&b[..l]).unwrap_or(""))
    ));
    let (b, l) = shape_str(n1);
    out.push(f(
        H::new("n1s").raw(std::str::from_utf8(&b[..l]).unwrap_or(""))
    ));
    let t = &toks[s];
    out.push(f(H::new("ss").num(t.sent_start as usize)));
    out.push(f(H::new("rss").num(rk).num(t.sent_start as usize)));
    out.push(f(H::new("tl").num(t.title_line as usize)));
    // Gazetteers and word classes.
    let fn_ = g.first_names.contains(first);
    out.push(f(H::new("gF").num(fn_ as usize).num(rk)));
    let sr = g.surnames.get(last).map_or(3, |&r| match r {
        0..1000 => 0,
        1000..5000 => 1,
        _ => 2,
    });
    out.push(f(H::new("gS").num(sr).num(rk)));
    out.push(f(H::new("gFS").num(fn_ as usize).num(sr)));
    let ph = match_phrase(cx.body, toks, s, buf);
    let phk = match ph {
        Some((len, k)) if len == n => k as usize,
        Some((_, k)) => 10 + k as usize,
        None => 20,
    };
    out.push(f(H::new("gP").num(phk)));
    out.push(f(H::new("rgP").num(rk).num(phk)));
    let title = s > 0 && (is_title(p1) || ROLE_SET.contains(p1));
    out.push(f(H::new("gT").num(title as usize).num(rk)));
    out.push(f(H::new("gOs").num(is_org_suffix(last) as usize)));
    out.push(f(H::new("gLs").num(is_place_suffix(last) as usize)));
    out.push(f(H::new("gOp").num(is_org_prefix(first) as usize)));
    out.push(f(H::new("gLp").num(is_place_prefix(first) as usize)));
    out.push(f(H::new("gOf").num(is_org_follower(n1) as usize)));
    out.push(f(H::new("gD").num(g.demonyms.contains(first) as usize)));
    out.push(f(H::new("gPV").num(PERSON_VERBS.contains(&n1) as usize)));
    // Recurrence in the article.
    out.push(f(H::new("rc").num(ri.recur.min(3)).num(rk)));
    out.push(f(H::new("cap").num(ri.cap.min(3))));
}
