//! The eight kinds of story the generator tells, each with its facts and the templates that
//! reword them, and the figure and date forms outlets write.

use crate::Rng;
use crate::vocabulary::*;

/// A figure as several outlets might write it, with the canonical value the truth records.
pub struct Money {
    /// Amount in millions of dollars.
    pub millions: u64,
}

impl Money {
    fn write(&self, rng: &mut Rng) -> String {
        let m = self.millions;
        if m >= 1000 && m.is_multiple_of(100) {
            let b = m as f64 / 1000.0;
            let b = if m.is_multiple_of(1000) {
                format!("{b:.0}")
            } else {
                format!("{b:.1}")
            };
            match rng.below(4) {
                0 => format!("${b} billion"),
                1 => format!("${b}bn"),
                2 => format!("US${b} billion"),
                _ => format!("${b} billion"),
            }
        } else {
            match rng.below(3) {
                0 => format!("${m} million"),
                1 => format!("${m}m"),
                _ => format!("${m} million"),
            }
        }
    }
    fn key(&self) -> String {
        format!("{}e6 USD", self.millions)
    }
    /// A different figure of the same kind, for a conflicting report.
    fn conflicting(&self, rng: &mut Rng) -> Money {
        let factor = *rng.pick(&[1.25, 1.5, 0.8, 2.0, 0.6]);
        let m = (self.millions as f64 * factor) as u64;
        let step = if m >= 1000 { 100 } else { 10 };
        Money {
            millions: (m / step).max(1) * step,
        }
    }
}

fn money(rng: &mut Rng) -> Money {
    if rng.chance(0.6) {
        Money {
            millions: rng.range(12, 95) * 100,
        }
    } else {
        Money {
            millions: rng.range(15, 95) * 10,
        }
    }
}

fn person(rng: &mut Rng) -> String {
    format!("{} {}", rng.pick(FIRST), rng.pick(LAST))
}

fn surname(full: &str) -> &str {
    full.rsplit(' ').next().unwrap_or(full)
}

/// An organisation: its full name and the short name later sentences use.
fn organisation(rng: &mut Rng) -> (String, String) {
    let short = format!("{}{}", rng.pick(ORG_HEAD), rng.pick(ORG_TAIL));
    let full = if rng.chance(0.5) {
        format!("{short} {}", rng.pick(ORG_KIND))
    } else {
        format!("{short} {}", rng.pick(ORG_SUFFIX))
    };
    (full, short)
}

#[derive(Clone, Copy)]
pub struct Day {
    pub year: u32,
    pub month: usize,
    pub day: u32,
}

impl Day {
    fn random(rng: &mut Rng) -> Day {
        Day {
            year: 2018 + rng.below(8) as u32,
            month: rng.below(12),
            day: 1 + rng.below(28) as u32,
        }
    }
    pub fn iso(&self) -> String {
        format!("{}-{:02}-{:02}", self.year, self.month + 1, self.day)
    }
    fn long(&self) -> String {
        format!("{} {}, {}", MONTHS[self.month], self.day, self.year)
    }
    fn month_day(&self) -> String {
        format!("{} {}", MONTHS[self.month], self.day)
    }
    pub fn shifted(&self, days: u32) -> Day {
        let mut d = *self;
        d.day += days;
        if d.day > 28 {
            d.day -= 28;
            d.month = (d.month + 1) % 12;
            if d.month == 0 {
                d.year += 1;
            }
        }
        d
    }
}

/// Writes a background sentence.
pub type Background = Box<dyn Fn(&mut Rng) -> String>;
/// Writes a fact's sentence, with the canonical (false) or the conflicting (true) figure.
pub type Writer = Box<dyn Fn(&mut Rng, bool) -> String>;

/// A story: an event with its facts, each with paraphrase templates.
pub struct Story {
    pub headline: String,
    /// (fact name, canonical figure, alternative figure for conflicts, sentence writers)
    pub facts: Vec<Fact>,
    /// A sentence about this story that reports of later, similar stories mention as
    /// background: a near miss for their own facts, a claim of this story's (fact `.bg`).
    pub background: Vec<Background>,
    pub id: usize,
    pub date: Day,
    /// Subject names for filler quotes.
    pub speaker: String,
    pub speaker_org: String,
}

pub struct Fact {
    pub name: String,
    pub figure: String,
    pub conflict_figure: String,
    /// Writes the sentence with the canonical (false) or conflicting (true) figure.
    pub write: Writer,
}

fn fact(
    name: String,
    figure: String,
    conflict_figure: String,
    write: impl Fn(&mut Rng, bool) -> String + 'static,
) -> Fact {
    Fact {
        name,
        figure,
        conflict_figure,
        write: Box::new(write),
    }
}

pub fn story(id: usize, rng: &mut Rng, shared_money: &mut Vec<Money>) -> Story {
    let date = Day::random(rng);
    let (a_full, a) = organisation(rng);
    let (b_full, b) = organisation(rng);
    let p = person(rng);
    let city = rng.pick(CITIES).to_string();
    // Near misses: some stories reuse a sum from an earlier story of any kind.
    let mut sum = if !shared_money.is_empty() && rng.chance(0.2) {
        let m = &shared_money[rng.below(shared_money.len())];
        Money {
            millions: m.millions,
        }
    } else {
        money(rng)
    };
    if sum.millions == 0 {
        sum = money(rng);
    }
    shared_money.push(Money {
        millions: sum.millions,
    });
    if shared_money.len() > 200 {
        shared_money.remove(0);
    }
    let alt = sum.conflicting(rng);
    let f = |n: usize| format!("s{id}.f{n}");
    let (when, when_long, weekday) = (date.month_day(), date.long(), *rng.pick(WEEKDAYS));
    match id % 8 {
        0 => {
            let (sum_k, alt_k) = (sum.key(), alt.key());
            let (af, bf) = (a_full.clone(), b_full.clone());
            let (a1, b1) = (a.clone(), b.clone());
            let jobs = rng.range(3, 40) * 100;
            let jobs_alt = jobs + rng.range(1, 9) * 100;
            let (a2, b2) = (a.clone(), b.clone());
            let city2 = city.clone();
            let (a3, b3) = (a.clone(), b.clone());
            Story {
                headline: format!("{a} to buy {b} in {} deal", sum.write(rng)),
                facts: vec![
                    fact(f(1), sum_k, alt_k, move |rng, c| {
                        let v = if c { &alt } else { &sum }.write(rng);
                        match rng.below(4) {
                            0 => format!(
                                "{af} has agreed to buy {bf} for {v}, the companies said on {weekday}."
                            ),
                            1 => format!("{af} will acquire rival {bf} in a deal valued at {v}."),
                            2 => {
                                format!("The {v} takeover of {bf} by {af} was announced on {when}.")
                            }
                            _ => format!(
                                "{af} agreed to pay {v} for {bf}, according to a statement."
                            ),
                        }
                    }),
                    fact(
                        f(2),
                        format!("{jobs} jobs"),
                        format!("{jobs_alt} jobs"),
                        move |rng, c| {
                            let n = if c { jobs_alt } else { jobs };
                            match rng.below(3) {
                                0 => format!(
                                    "{a1} expects to cut about {n} jobs at {b1} once the deal closes."
                                ),
                                1 => format!(
                                    "Some {n} positions at {b1} will be eliminated after the merger, {a1} said."
                                ),
                                _ => format!(
                                    "The takeover will lead to roughly {n} job cuts at {b1}, {a1} said."
                                ),
                            }
                        },
                    ),
                    fact(
                        f(3),
                        format!("HQ {city}"),
                        String::new(),
                        move |rng, _| match rng.below(2) {
                            0 => format!(
                                "{a2} said the combined company would keep {b2}'s headquarters in {city2}."
                            ),
                            _ => {
                                format!("{b2} will remain based in {city2} under {a2}'s ownership.")
                            }
                        },
                    ),
                ],
                background: vec![Box::new(move |_| {
                    format!("Earlier, {a3} agreed to buy {b3} in a deal announced on {when_long}.")
                })],
                date,
                id,
                speaker: p,
                speaker_org: a_full,
            }
        }
        1 => {
            let stake = rng.range(5, 45);
            let stake_alt = stake + rng.range(3, 10);
            let val = Money {
                millions: sum.millions * rng.range(4, 12),
            };
            let (val_k, val_alt) = (val.key(), val.conflicting(rng));
            let val_alt_k = val_alt.key();
            let (sum_k, alt_k) = (sum.key(), alt.key());
            let (a1, b1, a2, b2, a3, b3) = (
                a.clone(),
                b.clone(),
                a.clone(),
                b.clone(),
                a.clone(),
                b.clone(),
            );
            let (af, bf) = (a_full.clone(), b_full.clone());
            Story {
                headline: format!("{a} in talks to invest in {b}"),
                facts: vec![
                    fact(f(1), sum_k, alt_k, move |rng, c| {
                        let v = if c { &alt } else { &sum }.write(rng);
                        match rng.below(4) {
                            0 => format!("{af} is in advanced talks to invest up to {v} in {bf}."),
                            1 => {
                                format!("{af} is reportedly negotiating a {v} investment in {bf}.")
                            }
                            2 => format!(
                                "{bf} could receive as much as {v} from {af}, people familiar with the talks said."
                            ),
                            _ => format!(
                                "{af} is discussing an investment of {v} in {bf}, according to people briefed on the matter."
                            ),
                        }
                    }),
                    fact(f(2), val_k, val_alt_k, move |rng, c| {
                        let v = if c { &val_alt } else { &val }.write(rng);
                        match rng.below(3) {
                            0 => format!("The deal would value {b1} at about {v}."),
                            1 => format!(
                                "Such an investment would put {b1}'s valuation at roughly {v}, up from its last funding round with {a1} on the sidelines."
                            ),
                            _ => format!("{b1} would be valued at around {v} in the round."),
                        }
                    }),
                    fact(
                        f(3),
                        format!("{stake}%"),
                        format!("{stake_alt}%"),
                        move |rng, c| {
                            let s = if c { stake_alt } else { stake };
                            match rng.below(3) {
                                0 => format!("{a2} would take a {s}% stake in {b2}."),
                                1 => format!(
                                    "The investment would give {a2} a stake of {s} percent in {b2}."
                                ),
                                _ => format!(
                                    "{a2} is expected to own about {s}% of {b2} after the deal."
                                ),
                            }
                        },
                    ),
                ],
                background: vec![Box::new(move |_| {
                    format!(
                        "{a3} had also held talks with {b3} last year about a possible investment."
                    )
                })],
                date,
                id,
                speaker: p,
                speaker_org: b_full,
            }
        }
        2 => {
            let mag = rng.range(52, 78);
            let mag_alt = mag + rng.range(1, 4);
            let dead = rng.range(3, 400);
            let dead_alt = dead + rng.range(10, 60);
            let homes = rng.range(2, 90) * 100;
            let (c1, c2, c3, c4) = (city.clone(), city.clone(), city.clone(), city.clone());
            let country = rng.pick(COUNTRIES).to_string();
            let (country1, country2) = (country.clone(), country.clone());
            Story {
                headline: format!("Deadly earthquake strikes near {city}"),
                facts: vec![
                    fact(
                        f(1),
                        format!("M{mag} {}", date.iso()),
                        format!("M{mag_alt}"),
                        move |rng, c| {
                            let m = if c { mag_alt } else { mag };
                            let m = format!("{}.{}", m / 10, m % 10);
                            match rng.below(3) {
                                0 => format!(
                                    "A magnitude {m} earthquake struck near {c1} in {country1} on {when}."
                                ),
                                1 => format!(
                                    "The {m}-magnitude quake hit {c1} on {weekday}, the national seismology institute said."
                                ),
                                _ => format!(
                                    "An earthquake measuring {m} shook {c1}, {country1} on {when_long}."
                                ),
                            }
                        },
                    ),
                    fact(
                        f(2),
                        format!("{dead} dead"),
                        format!("{dead_alt} dead"),
                        move |rng, c| {
                            let n = if c { dead_alt } else { dead };
                            match rng.below(3) {
                                0 => format!(
                                    "At least {n} people were killed in the quake near {c2}, officials said."
                                ),
                                1 => format!(
                                    "The death toll from the {c2} earthquake rose to {n}, according to the civil protection agency."
                                ),
                                _ => format!(
                                    "Rescuers in {c2} said {n} people had died in the earthquake."
                                ),
                            }
                        },
                    ),
                    fact(
                        f(3),
                        format!("{homes} homes"),
                        format!("{} homes", homes * 2),
                        move |rng, c| {
                            let n = if c { homes * 2 } else { homes };
                            match rng.below(2) {
                                0 => format!(
                                    "The earthquake damaged about {n} homes in and around {c3}."
                                ),
                                _ => format!(
                                    "Some {n} houses in {c3} were destroyed or damaged by the quake."
                                ),
                            }
                        },
                    ),
                ],
                background: vec![Box::new(move |_| {
                    format!(
                        "A strong earthquake also hit {c4} in {country2} in {}.",
                        2000 + (mag as u32 % 17)
                    )
                })],
                date,
                id,
                speaker: p,
                speaker_org: format!("{country} civil protection agency"),
            }
        }
        3 => {
            let jobs = rng.range(5, 120) * 100;
            let jobs_alt = jobs + rng.range(5, 30) * 100;
            let pct = rng.range(3, 25);
            let close = Day::random(rng);
            let close_alt = close.shifted(35);
            let (a1, a2, a3) = (a_full.clone(), a.clone(), a.clone());
            let (c1, c2) = (city.clone(), city.clone());
            Story {
                headline: format!("{a} to cut {jobs} jobs"),
                facts: vec![
                    fact(
                        f(1),
                        format!("{jobs} jobs"),
                        format!("{jobs_alt} jobs"),
                        move |rng, c| {
                            let n = if c { jobs_alt } else { jobs };
                            match rng.below(3) {
                                0 => format!(
                                    "{a1} will cut {n} jobs, about {pct}% of its workforce, the company said on {weekday}."
                                ),
                                1 => format!("{a1} plans to eliminate {n} positions worldwide."),
                                _ => format!(
                                    "About {n} employees of {a1} will lose their jobs under the restructuring plan."
                                ),
                            }
                        },
                    ),
                    fact(
                        f(2),
                        format!("close {} {}", MONTHS[close.month], close.year),
                        format!("close {} {}", MONTHS[close_alt.month], close_alt.year),
                        move |rng, c| {
                            let d = if c { close_alt } else { close };
                            let d = format!("{} {}", MONTHS[d.month], d.year);
                            match rng.below(2) {
                                0 => format!("{a2} will close its factory in {c1} by {d}."),
                                _ => format!(
                                    "The {c1} plant of {a2} is due to shut in {d}, the company said."
                                ),
                            }
                        },
                    ),
                ],
                background: vec![Box::new(move |_| {
                    format!("{a3} also announced job cuts at its site in {c2} two years ago.")
                })],
                date,
                id,
                speaker: p,
                speaker_org: a_full,
            }
        }
        4 => {
            let salary = Money {
                millions: rng.range(1, 9),
            };
            let salary_alt = Money {
                millions: salary.millions + rng.range(1, 3),
            };
            let start = date.shifted(rng.range(5, 20) as u32);
            let start_alt = start.shifted(31);
            let (a1, a2, a3) = (a_full.clone(), a.clone(), a.clone());
            let (p1, p2, p3) = (p.clone(), p.clone(), p.clone());
            let (sk, sak) = (salary.key(), salary_alt.key());
            Story {
                headline: format!("{a} names {p} chief executive"),
                facts: vec![
                    fact(f(1), start.iso(), start_alt.iso(), move |rng, c| {
                        let d = if c { start_alt } else { start }.long();
                        match rng.below(3) {
                            0 => format!(
                                "{a1} named {p1} as its new chief executive, effective {d}."
                            ),
                            1 => format!(
                                "{p1} will take over as CEO of {a1} on {d}, the board said."
                            ),
                            _ => format!(
                                "The board of {a1} appointed {p1} chief executive officer from {d}."
                            ),
                        }
                    }),
                    fact(f(2), sk, sak, move |rng, c| {
                        let v = if c { &salary_alt } else { &salary }.write(rng);
                        let s = surname(&p2);
                        match rng.below(2) {
                            0 => format!(
                                "{s} will receive an annual base salary of {v} at {a2}, according to a filing."
                            ),
                            _ => format!(
                                "{a2} will pay {s} a base salary of {v} a year, a regulatory filing showed."
                            ),
                        }
                    }),
                ],
                background: vec![Box::new(move |_| {
                    format!("{p3} previously ran the European division of {a3}.")
                })],
                date,
                id,
                speaker: p,
                speaker_org: a_full,
            }
        }
        5 => {
            let growth = rng.range(2, 40);
            let growth_alt = growth + rng.range(2, 9);
            let q = 1 + rng.below(4);
            let year = date.year;
            let (sum_k, alt_k) = (sum.key(), alt.key());
            let profit = Money {
                millions: (sum.millions / 10).max(10),
            };
            let profit_alt = profit.conflicting(rng);
            let (pk, pak) = (profit.key(), profit_alt.key());
            let (a1, a2, a3) = (a_full.clone(), a.clone(), a.clone());
            Story {
                headline: format!("{a} revenue rises {growth}%"),
                facts: vec![
                    fact(f(1), format!("{sum_k} +{growth}%"), alt_k, move |rng, c| {
                        let v = if c { &alt } else { &sum }.write(rng);
                        match rng.below(3) {
                            0 => format!(
                                "{a1} reported revenue of {v} for the {} quarter of {year}, up {growth}% from a year earlier.",
                                ["first", "second", "third", "fourth"][q - 1]
                            ),
                            1 => format!(
                                "Quarterly sales at {a1} rose {growth} percent to {v} in Q{q} {year}."
                            ),
                            _ => format!(
                                "{a1} said revenue grew {growth}% to {v} in the {} quarter.",
                                ["first", "second", "third", "fourth"][q - 1]
                            ),
                        }
                    }),
                    fact(f(2), pk, pak, move |rng, c| {
                        let v = if c { &profit_alt } else { &profit }.write(rng);
                        match rng.below(2) {
                            0 => format!("Net profit at {a2} came in at {v} for the quarter."),
                            _ => format!("{a2} posted a quarterly net profit of {v}."),
                        }
                    }),
                    fact(
                        f(3),
                        format!("growth {growth}"),
                        format!("growth {growth_alt}"),
                        move |rng, c| {
                            let g = if c { growth_alt } else { growth };
                            match rng.below(2) {
                                0 => format!("{a3} expects full-year sales to grow by about {g}%."),
                                _ => format!(
                                    "For the full year, {a3} forecast sales growth of roughly {g} percent."
                                ),
                            }
                        },
                    ),
                ],
                background: vec![],
                date,
                id,
                speaker: p,
                speaker_org: a_full,
            }
        }
        6 => {
            let age = rng.range(28, 70);
            let years = rng.range(5, 25);
            let years_alt = years + rng.range(2, 10);
            let bail = Money {
                millions: rng.range(1, 20),
            };
            let bail_alt = Money {
                millions: bail.millions * 2,
            };
            let crime = *rng.pick(CRIMES);
            let (p1, p2, p3, p4) = (p.clone(), p.clone(), p.clone(), p.clone());
            let (c1, c2) = (city.clone(), city.clone());
            let org = a_full.clone();
            let (bk, bak) = (bail.key(), bail_alt.key());
            Story {
                headline: format!("Former {a} executive arrested in {city}"),
                facts: vec![
                    fact(
                        f(1),
                        format!("arrest {}", date.iso()),
                        String::new(),
                        move |rng, _| match rng.below(3) {
                            0 => format!(
                                "Police in {c1} arrested {p1}, {age}, on {weekday} on suspicion of {crime}."
                            ),
                            1 => format!(
                                "{p1}, a former finance director at {org}, was detained in {c1} on {when} in a {crime} investigation."
                            ),
                            _ => format!(
                                "Authorities in {c1} said they had arrested {p1} on {crime} charges on {when}."
                            ),
                        },
                    ),
                    fact(
                        f(2),
                        format!("{years} years"),
                        format!("{years_alt} years"),
                        move |rng, c| {
                            let y = if c { years_alt } else { years };
                            let s = surname(&p2);
                            match rng.below(2) {
                                0 => format!("If convicted, {s} faces up to {y} years in prison."),
                                _ => format!(
                                    "{p2} could be sentenced to as many as {y} years in prison for {crime}."
                                ),
                            }
                        },
                    ),
                    fact(f(3), bk, bak, move |rng, c| {
                        let v = if c { &bail_alt } else { &bail }.write(rng);
                        match rng.below(2) {
                            0 => format!("A judge in {c2} set bail for {p3} at {v}."),
                            _ => format!("{p3} was released on {v} bail by a court in {c2}."),
                        }
                    }),
                ],
                background: vec![Box::new(move |_| {
                    format!(
                        "{p4} had left the company several years before the investigation began."
                    )
                })],
                date,
                id,
                speaker: format!("{} {}", rng.pick(FIRST), rng.pick(LAST)),
                speaker_org: format!("{city} police"),
            }
        }
        _ => {
            let country = rng.pick(COUNTRIES).to_string();
            let topic = rng.pick(LAW_TOPICS).to_string();
            let year = 2010 + rng.below(15) as u32;
            let year_alt = year + 1 + rng.below(3) as u32;
            let votes = rng.range(120, 300);
            let votes_alt = votes + rng.range(5, 30);
            let fine = Money {
                millions: rng.range(2, 50) * 10,
            };
            let (c1, c2, c3, t1, t2, t3) = (
                country.clone(),
                country.clone(),
                country.clone(),
                topic.clone(),
                topic.clone(),
                topic.clone(),
            );
            let fk = fine.key();
            Story {
                headline: format!("{country} debates changes to {topic} Act"),
                facts: vec![
                    fact(
                        f(1),
                        format!("{year}"),
                        format!("{year_alt}"),
                        move |rng, c| {
                            let y = if c { year_alt } else { year };
                            match rng.below(3) {
                                0 => format!("The parliament of {c1} passed the {t1} Act in {y}."),
                                1 => format!("{c1}'s {t1} Act became law in {y}."),
                                _ => format!(
                                    "Lawmakers in {c1} approved the {t1} Act in {y} after a long debate."
                                ),
                            }
                        },
                    ),
                    fact(
                        f(2),
                        format!("{votes} votes"),
                        format!("{votes_alt} votes"),
                        move |rng, c| {
                            let v = if c { votes_alt } else { votes };
                            match rng.below(2) {
                                0 => format!(
                                    "The amendment to the {t2} Act was approved by {v} votes in the {c2} parliament on {when}."
                                ),
                                _ => format!(
                                    "{v} members of the {c2} parliament voted for the changes to the {t2} Act."
                                ),
                            }
                        },
                    ),
                    fact(f(3), fk, String::new(), move |rng, _| {
                        let v = fine.write(rng);
                        match rng.below(2) {
                            0 => format!(
                                "Companies that break the {t3} Act in {c3} face fines of up to {v}."
                            ),
                            _ => format!("Under the {t3} Act, fines in {c3} can reach {v}."),
                        }
                    }),
                ],
                background: vec![],
                date,
                id,
                speaker: p,
                speaker_org: format!("the {country} parliament"),
            }
        }
    }
}
