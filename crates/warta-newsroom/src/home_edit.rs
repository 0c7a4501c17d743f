//! One step of arranging the front page, as the newsroom page's buttons take them (each form
//! posts one step; the result is saved through [`Newsroom::set_home_slots`], which checks
//! every rule).
//!
//! [`Newsroom::set_home_slots`]: crate::Newsroom::set_home_slots

use crate::home::{BreakingSlot, HomeSlots};

/// Which list a step works on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlotList {
    Headline,
    Picks,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HomeEdit {
    /// Add a story at the end of a list (moved there if it is in the other).
    Add(SlotList, i64),
    Remove(i64),
    /// One place up (`true`) or down within its list.
    Move(i64, bool),
    /// A list in this order (drag and drop); ids not in the list are ignored.
    Order(SlotList, Vec<i64>),
    /// Pin a story until a time (ISO 8601), or unpin it (`None`).
    Pin(i64, Option<String>),
    Breaking(Option<BreakingSlot>),
    AddSection(String),
    RemoveSection(String),
    MoveSection(String, bool),
}

fn list(s: &mut HomeSlots, which: SlotList) -> &mut Vec<i64> {
    match which {
        SlotList::Headline => &mut s.headline,
        SlotList::Picks => &mut s.picks,
    }
}

fn shift<T: PartialEq>(v: &mut [T], item: &T, up: bool) {
    let Some(i) = v.iter().position(|x| x == item) else {
        return;
    };
    if up && i > 0 {
        v.swap(i, i - 1);
    } else if !up && i + 1 < v.len() {
        v.swap(i, i + 1);
    }
}

impl HomeSlots {
    /// The layout after `edit` (not yet checked).
    pub fn edited(mut self, edit: HomeEdit) -> HomeSlots {
        match edit {
            HomeEdit::Add(which, id) => {
                self.headline.retain(|x| *x != id);
                self.picks.retain(|x| *x != id);
                list(&mut self, which).push(id);
            }
            HomeEdit::Remove(id) => {
                self.headline.retain(|x| *x != id);
                self.picks.retain(|x| *x != id);
                self.pins.retain(|p| p.article_id != id);
            }
            HomeEdit::Move(id, up) => {
                shift(&mut self.headline, &id, up);
                shift(&mut self.picks, &id, up);
            }
            HomeEdit::Order(which, ids) => {
                let current = list(&mut self, which);
                let mut ordered: Vec<i64> = Vec::new();
                for id in ids.into_iter().chain(current.iter().copied()) {
                    if current.contains(&id) && !ordered.contains(&id) {
                        ordered.push(id);
                    }
                }
                for id in current.iter() {
                    if !ordered.contains(id) {
                        ordered.push(*id);
                    }
                }
                *current = ordered;
            }
            HomeEdit::Pin(id, until) => {
                self.pins.retain(|p| p.article_id != id);
                if let Some(until) = until {
                    self.pins.push(crate::home::Pin {
                        article_id: id,
                        until,
                    });
                }
            }
            HomeEdit::Breaking(b) => self.breaking = b,
            HomeEdit::AddSection(slug) => {
                if !self.sections.contains(&slug) {
                    self.sections.push(slug);
                }
            }
            HomeEdit::RemoveSection(slug) => self.sections.retain(|s| *s != slug),
            HomeEdit::MoveSection(slug, up) => shift(&mut self.sections, &slug, up),
        }
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slots() -> HomeSlots {
        HomeSlots {
            headline: vec![1, 2, 3],
            picks: vec![4],
            ..Default::default()
        }
    }

    #[test]
    fn moving_stays_within_the_list() {
        let s = slots().edited(HomeEdit::Move(1, true));
        assert_eq!(s.headline, vec![1, 2, 3]);
        let s = s.edited(HomeEdit::Move(1, false));
        assert_eq!(s.headline, vec![2, 1, 3]);
        let s = s.edited(HomeEdit::Move(4, false));
        assert_eq!(s.picks, vec![4]);
    }

    #[test]
    fn adding_moves_a_story_between_lists_and_removing_drops_its_pin() {
        let s = slots().edited(HomeEdit::Add(SlotList::Picks, 2));
        assert_eq!(
            (s.headline.clone(), s.picks.clone()),
            (vec![1, 3], vec![4, 2])
        );
        let s = s
            .edited(HomeEdit::Pin(3, Some("2030-01-01T00:00:00+07:00".into())))
            .edited(HomeEdit::Remove(3));
        assert!(s.pins.is_empty() && s.headline == vec![1]);
    }

    #[test]
    fn ordering_keeps_every_story_once() {
        let s = slots().edited(HomeEdit::Order(SlotList::Headline, vec![3, 9, 1, 3]));
        assert_eq!(s.headline, vec![3, 1, 2]);
    }
}
