//! When two normalised names refer to the same participant ("reid" / "tara reid", "aws" /
//! "amazon web services", "sea micro" / "seamicro").

/// Two normalised names refer to the same participant: equal, or one is a word-subset of the
/// other ("reid" / "tara reid", "openai" / "openai pbc"), or its acronym ("aws").
pub fn same_name(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    // "sea micro" / "seamicro"
    if a.contains(' ') != b.contains(' ')
        && a.bytes()
            .filter(|&c| c != b' ')
            .eq(b.bytes().filter(|&c| c != b' '))
    {
        return true;
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let lw: Vec<&str> = long.split(' ').collect();
    // An acronym of the longer name ("aws" / "amazon web services").
    let acronym = lw.len() >= 2
        && short.len() == lw.len()
        && !short.contains(' ')
        && short.chars().zip(&lw).all(|(c, w)| w.starts_with(c));
    acronym || short.len() >= 3 && short.split(' ').all(|w| lw.contains(&w))
}

#[cfg(test)]
mod tests {
    use super::same_name;

    #[test]
    fn names_meet_by_subset_acronym_or_spacing() {
        assert!(same_name("reid", "tara reid"));
        assert!(same_name("aws", "amazon web services"));
        assert!(same_name("sea micro", "seamicro"));
        assert!(!same_name("al", "al gore"), "too short to stand for a name");
        assert!(!same_name("amazon", "openai"));
    }
}
