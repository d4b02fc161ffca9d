//! Placeholder until the splitter lands.
pub fn split_sentences(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if c == '\n' || c == '.' {
            let end = if c == '.' { i + 1 } else { i };
            let s = &text[start..end];
            let trimmed = s.trim();
            if !trimmed.is_empty() {
                let off = start + (s.len() - s.trim_start().len());
                out.push(off..off + trimmed.len());
            }
            start = i + c.len_utf8();
        }
    }
    let s = &text[start..];
    if !s.trim().is_empty() {
        let off = start + (s.len() - s.trim_start().len());
        out.push(off..off + s.trim().len());
    }
    out
}
