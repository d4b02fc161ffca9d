//! The jump history: where the reader was before each jump, with the exact scroll position,
//! so back and forward show the page as it was left.

/// A place in the library as the user saw it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub article: String,
    /// The sentence under the cursor.
    pub sentence: usize,
    /// The article pane's scroll position: the body offset of its top row (see
    /// `components::article::layout`).
    pub top: usize,
}

#[derive(Debug, Default)]
pub struct History {
    back: Vec<Place>,
    forward: Vec<Place>,
}

impl History {
    /// A jump from `here`: it becomes the place to go back to, and the way forward is
    /// forgotten.
    pub fn leave(&mut self, here: Place) {
        if self.back.last() != Some(&here) {
            self.back.push(here);
        }
        self.forward.clear();
    }

    /// Steps back (or forward) from `here`, which goes on the other stack.
    pub fn travel(&mut self, here: Option<Place>, forward: bool) -> Option<Place> {
        let (from, to) = if forward {
            (&mut self.forward, &mut self.back)
        } else {
            (&mut self.back, &mut self.forward)
        };
        let target = from.pop()?;
        if let Some(here) = here {
            to.push(here);
        }
        Some(target)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(sentence: usize) -> Place {
        Place {
            article: "a".into(),
            sentence,
            top: sentence * 10,
        }
    }

    #[test]
    fn back_and_forward_retrace_jumps() {
        let mut history = History::default();
        history.leave(place(1));
        history.leave(place(2));
        assert_eq!(history.travel(Some(place(3)), false), Some(place(2)));
        assert_eq!(history.travel(Some(place(2)), false), Some(place(1)));
        assert_eq!(history.travel(Some(place(1)), false), None);
        assert_eq!(history.travel(Some(place(1)), true), Some(place(2)));
        assert_eq!(history.travel(Some(place(2)), true), Some(place(3)));
        // A new jump forgets the way forward.
        history.leave(place(3));
        assert_eq!(history.travel(Some(place(9)), true), None);
    }
}
