//! Behaviour tests on real sentences from the sample articles and ECB+: support, conflict,
//! rounding, hard negatives, attribution boilerplate and grouping without chaining.

use super::*;
use crate::entities::{Entity, EntityKind};

/// An entity over the first occurrence of `text` in `s`.
fn ent(s: &str, text: &str, kind: EntityKind) -> Entity {
    let start = s
        .find(text)
        .unwrap_or_else(|| panic!("{text:?} not in {s:?}"));
    Entity {
        kind,
        text: text.to_string(),
        start,
        end: start + text.len(),
        value: None,
        unit: None,
        qualifier: None,
        normalized: None,
    }
}

fn money(s: &str, text: &str, value: f64, qualifier: Option<&str>) -> Entity {
    let mut e = ent(s, text, EntityKind::Money);
    e.value = Some(value);
    e.unit = Some("USD".into());
    e.qualifier = qualifier.map(str::to_string);
    e
}

fn qty(s: &str, text: &str, value: f64, unit: &str, qualifier: Option<&str>) -> Entity {
    let mut e = ent(s, text, EntityKind::Quantity);
    e.value = Some(value);
    e.unit = Some(unit.into());
    e.qualifier = qualifier.map(str::to_string);
    e
}

fn date(s: &str, text: &str, normalized: &str) -> Entity {
    let mut e = ent(s, text, EntityKind::Date);
    e.normalized = Some(normalized.into());
    e
}

fn org(s: &str, text: &str) -> Entity {
    ent(s, text, EntityKind::Org)
}

fn sig(s: &str, ents: Vec<Entity>) -> ClaimSignature {
    signature(s, &ents, Some("2026-01-30")).unwrap_or_else(|| panic!("no signature for {s:?}"))
}

const S_TALKS: &str = "The company is in advanced talks to invest up to $50 billion in OpenAI.";
const S_NEGOTIATING: &str = "Amazon is reportedly negotiating a $50 billion investment into OpenAI, a potential anchor in a $100 billion funding round.";
const S_SOURCES: &str = "Amazon is negotiating a deal that could see it invest as much as $50 billion in OpenAI, according to sources familiar with the discussions.";
const S_TEN: &str = "According to CNBC, OpenAI is in confidential talks with Amazon about a potential investment that could exceed $10 billion, as first reported by The Information.";
const S_830: &str = "The investment would be part of a broader $100 billion funding round that could push the ChatGPT-maker’s valuation to $830 billion.";
const S_500: &str = "OpenAI’s valuation swelled to $500 billion last October after it finalized a secondary share sale.";
const S_ROUND: &str = "The proposed investment is reportedly the cornerstone of a larger $100 billion funding round that could value OpenAI at an unprecedented $830 billion.";

fn talks() -> ClaimSignature {
    sig(
        S_TALKS,
        vec![
            money(S_TALKS, "$50 billion", 5e10, Some("up to")),
            org(S_TALKS, "OpenAI"),
        ],
    )
}
fn negotiating() -> ClaimSignature {
    let s = S_NEGOTIATING;
    sig(
        s,
        vec![
            org(s, "Amazon"),
            money(s, "$50 billion", 5e10, None),
            org(s, "OpenAI"),
            money(s, "$100 billion", 1e11, None),
        ],
    )
}
fn sources() -> ClaimSignature {
    let s = S_SOURCES;
    sig(
        s,
        vec![
            org(s, "Amazon"),
            money(s, "$50 billion", 5e10, Some("as much as")),
            org(s, "OpenAI"),
        ],
    )
}
fn ten() -> ClaimSignature {
    let s = S_TEN;
    sig(
        s,
        vec![
            org(s, "CNBC"),
            org(s, "OpenAI"),
            org(s, "Amazon"),
            money(s, "$10 billion", 1e10, Some("exceed")),
            org(s, "The Information"),
        ],
    )
}
fn valuation_830() -> ClaimSignature {
    let s = S_830;
    sig(
        s,
        vec![
            money(s, "$100 billion", 1e11, None),
            ent(s, "ChatGPT", EntityKind::Product),
            money(s, "$830 billion", 8.3e11, None),
        ],
    )
}

#[test]
fn same_investment_worded_differently_supports() {
    let j = compare(&talks(), &negotiating()).expect("same claim");
    assert_eq!(j.stance, Stance::Support);
    assert!(j.score >= 0.6, "{j:?}");
    let j = compare(&sources(), &negotiating()).expect("same claim");
    assert_eq!(j.stance, Stance::Support);
}

#[test]
fn different_figure_for_same_investment_conflicts() {
    let j = compare(&sources(), &ten()).expect("same claim, other figure");
    assert_eq!(j.stance, Stance::Conflict);
    let d = j.detail.expect("detail");
    assert!(
        d.contains("$50 billion") && d.contains("$10 billion"),
        "{d}"
    );
    // Attribution to CNBC / The Information is not a participant.
    assert!(
        !ten()
            .participants
            .iter()
            .any(|p| p == "cnbc" || p.contains("information"))
    );
}

#[test]
fn investment_is_not_valuation() {
    assert!(
        compare(&negotiating(), &valuation_830()).is_none() || {
            // allowed only through the shared $100 billion round, never as a conflict
            compare(&negotiating(), &valuation_830()).is_some_and(|j| j.stance == Stance::Support)
        }
    );
    assert!(compare(&talks(), &valuation_830()).is_none());
}

#[test]
fn valuation_last_october_is_not_the_new_round() {
    let s = S_500;
    let old = sig(
        s,
        vec![
            org(s, "OpenAI"),
            money(s, "$500 billion", 5e11, None),
            date(s, "last October", "2025-10"),
        ],
    );
    let r = S_ROUND;
    let new = sig(
        r,
        vec![
            money(r, "$100 billion", 1e11, None),
            org(r, "OpenAI"),
            money(r, "$830 billion", 8.3e11, None),
        ],
    );
    assert!(compare(&old, &new).is_none());
    // ...while the two $100 billion round sentences are one claim.
    let j = compare(&new, &valuation_830()).expect("same round");
    assert_eq!(j.stance, Stance::Support);
}

#[test]
fn rounding_agrees() {
    let a = "About 3 million people were left without power in Texas after the storm.";
    let b = "The storm cut power to 3.1 million people in Texas, officials said.";
    let sa = sig(
        a,
        vec![
            qty(a, "3 million", 3e6, "people", Some("about")),
            ent(a, "Texas", EntityKind::Place),
        ],
    );
    let sb = sig(
        b,
        vec![
            qty(b, "3.1 million", 3.1e6, "people", None),
            ent(b, "Texas", EntityKind::Place),
        ],
    );
    let j = compare(&sa, &sb).expect("same claim");
    assert_eq!(j.stance, Stance::Support);
}

#[test]
fn takeover_price_conflict() {
    let a = "Oracle agreed to buy Cerner for $2 billion in cash.";
    let b = "Oracle will acquire Cerner in a $2.5 billion deal, the companies said.";
    let sa = sig(
        a,
        vec![
            org(a, "Oracle"),
            org(a, "Cerner"),
            money(a, "$2 billion", 2e9, None),
        ],
    );
    let sb = sig(
        b,
        vec![
            org(b, "Oracle"),
            org(b, "Cerner"),
            money(b, "$2.5 billion", 2.5e9, None),
        ],
    );
    let j = compare(&sa, &sb).expect("same takeover");
    assert_eq!(j.stance, Stance::Conflict, "{j:?}");
}

#[test]
fn same_topic_different_event_is_not_linked() {
    let a = "Perennial party girl Tara Reid checked herself into Promises Treatment Center, her rep told People.";
    let b = "Lindsay Lohan checked into the Betty Ford Center on Thursday night, her rep confirms to PEOPLE.";
    let sa = sig(
        a,
        vec![
            ent(a, "Tara Reid", EntityKind::Person),
            org(a, "Promises Treatment Center"),
            org(a, "People"),
        ],
    );
    let sb = sig(
        b,
        vec![
            ent(b, "Lindsay Lohan", EntityKind::Person),
            org(b, "Betty Ford Center"),
            org(b, "PEOPLE"),
        ],
    );
    assert!(compare(&sa, &sb).is_none());

    let c = "A magnitude 6.1 earthquake struck Indonesia on Sunday, killing at least 10 people.";
    let d = "A magnitude 7.6 earthquake struck Indonesia in 2009, killing more than 1,000 people.";
    let sc = sig(
        c,
        vec![
            ent(c, "Indonesia", EntityKind::Place),
            qty(c, "6.1", 6.1, "magnitude", None),
            date(c, "Sunday", "2013-07-02"),
            qty(c, "10", 10.0, "people", Some("at least")),
        ],
    );
    let sd = sig(
        d,
        vec![
            ent(d, "Indonesia", EntityKind::Place),
            qty(d, "7.6", 7.6, "magnitude", None),
            date(d, "2009", "2009"),
            qty(d, "1,000", 1000.0, "people", Some("more than")),
        ],
    );
    assert!(compare(&sc, &sd).is_none());
}

#[test]
fn attribution_boilerplate_does_not_link() {
    let b =
        "Apple is in talks to acquire Netflix, according to sources familiar with the discussions.";
    let sb = sig(b, vec![org(b, "Apple"), org(b, "Netflix")]);
    assert!(compare(&sources(), &sb).is_none());
    assert!(
        !sb.terms
            .iter()
            .any(|t| t.starts_with("source") || t.starts_with("discuss") || t == "familiar")
    );
}

#[test]
fn opinions_questions_and_fragments_are_not_claims() {
    assert!(signature("So who loses?", &[], None).is_none());
    let s = "Here’s the thing: the era of exclusive AI partnerships is basically over.";
    assert!(signature(s, &[], None).is_none());
    assert!(signature("Then Amazon made its move.", &[], None).is_none());
}

#[test]
fn retrieval_terms_and_summary() {
    let t = retrieval_terms(&negotiating());
    assert!(
        t.contains(&"e:amazon".to_string()) && t.contains(&"e:openai".to_string()),
        "{t:?}"
    );
    assert!(t.contains(&"v:money:5e10".to_string()), "{t:?}");
    assert!(t.contains(&"p:invest".to_string()));
    let s = summary(&negotiating());
    assert!(s.contains("amazon") && s.contains("$50 billion"), "{s}");
    let json = serde_json::to_string(&negotiating()).expect("json");
    let back: ClaimSignature = serde_json::from_str(&json).expect("back");
    assert_eq!(back, negotiating());
}

#[test]
fn grouping_does_not_chain_and_is_deterministic() {
    // 0~1 and 1~2, but 0 and 2 unrelated: 2 must not join {0, 1}.
    let g = group_links(4, &[(0, 1, 0.9), (1, 2, 0.8)]);
    assert_eq!(g, vec![vec![0, 1]]);
    // A clique merges; order of links does not matter.
    let links = [
        (3, 4, 0.7),
        (0, 1, 0.9),
        (1, 2, 0.8),
        (0, 2, 0.75),
        (5, 6, 0.6),
    ];
    let mut rev = links;
    rev.reverse();
    let g1 = group_links(7, &links);
    assert_eq!(g1, vec![vec![0, 1, 2], vec![3, 4], vec![5, 6]]);
    assert_eq!(g1, group_links(7, &rev));
}

// ---- Seed-article failures seen in the product (real recogniser, every judged pair accepted).

const PUBLISHED: &str = "2026-01-30";

/// Signature as the product computes it: the real recogniser's spans for the sentence.
fn real(s: &str) -> Option<ClaimSignature> {
    let ents = crate::entities::recognize(s, Some(PUBLISHED));
    signature(s, &ents, Some(PUBLISHED))
}

fn real_sig(s: &str) -> ClaimSignature {
    real(s).unwrap_or_else(|| panic!("no signature for {s:?}"))
}

const FIFTY: &str = "Amazon is reportedly negotiating a $50 billion investment into OpenAI, a potential anchor in a $100 billion funding round.";
const FIFTY_2: &str = "Amazon is negotiating a deal that could see it invest as much as $50 billion in OpenAI, according to sources familiar with the discussions.";

#[test]
fn commentary_without_a_figure_is_not_a_claim() {
    // A fact, but not the $50 billion investment.
    let backs = real_sig("Amazon backs Anthropic and is now talking to OpenAI.");
    assert!(compare(&backs, &real_sig(FIFTY)).is_none());
    for s in [
        "The talks, led directly by Amazon CEO Andy Jassy and OpenAI CEO Sam Altman, would make Amazon the largest contributor to OpenAI’s current fundraising round and mark one of the biggest private technology investments on record.",
        "For Amazon, the potential OpenAI investment represents both opportunity and necessity.",
        "By backing major players like OpenAI in the space, Amazon is ensuring it remains relevant regardless of how the market develops.",
        "Investors may read this as Amazon matching Microsoft’s early OpenAI play.",
        "And Amazon, which already backs OpenAI rival Anthropic, seems ready to double down on AI across multiple fronts.",
        "This is a huge deal for AWS, which needs to prove its chips can compete with Nvidia’s for training top-tier models.",
        "Watch for term sheet signature within weeks, and monitor whether the deal includes mandatory AWS AI chip usage—a competitive wedge Microsoft can't match.",
        "If the OpenAI deal boosts long-term AWS value, that’s great.",
        "If the deal pays off, AWS stands to benefit meaningfully.",
        "The size of this round, along with the caliber of participants like Nvidia and SoftBank, suggests OpenAI is gunning for long-term dominance.",
    ] {
        // Whatever the signature, it must not link to the sentences stating the figure.
        if let Some(sg) = real(s) {
            for f in [FIFTY, FIFTY_2] {
                assert!(compare(&sg, &real_sig(f)).is_none(), "{s:?} ~ {f:?}");
            }
        }
        assert!(real(s).is_none(), "commentary taken as a claim: {s:?}");
    }
}

#[test]
fn vague_mentions_of_the_investment_do_not_join_the_figure() {
    let fifty = real_sig(FIFTY);
    let vague = "The moment Amazon and OpenAI confirmed their investment discussions, the AI market's competitive structure shifted.";
    if let Some(v) = real(vague) {
        assert!(compare(&v, &fifty).is_none());
    }
    // The figure itself links, and a conflicting figure for it is a conflict.
    assert!(compare(&fifty, &real_sig(FIFTY_2)).is_some());
    let ten = real_sig(
        "According to CNBC, OpenAI is in confidential talks with Amazon about a potential investment that could exceed $10 billion, as first reported by The Information.",
    );
    let j = compare(&ten, &fifty).expect("conflicting figure for the same investment");
    assert_eq!(j.stance, Stance::Conflict);
}

#[test]
fn a_different_figure_is_a_different_fact() {
    let deal = real_sig("OpenAI just committed to a $38 billion capacity deal with AWS.");
    let owner = "Microsoft also finds itself in a precarious position; while it remains a 27% owner of the restructured OpenAI PBC, its role as the \"exclusive\" home for OpenAI is over.";
    if let Some(o) = real(owner) {
        assert!(compare(&deal, &o).is_none());
    }
    let deal2 = real_sig(
        "In November 2025, OpenAI signed a foundational $38 billion cloud infrastructure deal with AWS, marking its first major footprint outside of the Microsoft Azure ecosystem.",
    );
    assert!(compare(&deal, &deal2).is_some());
    // The $500 billion valuation of the October share sale is not the $100 billion round.
    let sale = real_sig(
        "OpenAI’s valuation swelled to $500 billion last October after it finalized a secondary share sale, but the company continues to seek additional funding to support its AI infrastructure buildout and research initiatives.",
    );
    let round = real_sig(
        "The broader context is that OpenAI is reportedly targeting $100 billion in total funding as part of this round.",
    );
    assert!(compare(&sale, &round).is_none());
}

#[test]
fn loosely_related_sentences_do_not_link() {
    // "amazon – grow": same company, a generic predicate, no shared fact.
    let a = "The reductions are part of a broader effort to redirect resources toward AI infrastructure and data center expansion, areas where Amazon sees long-term growth.";
    let b = "For Amazon, it’s a chance to accelerate AWS growth, challenge Microsoft’s grip on AI distribution, and double down on its multi-cloud thesis.";
    if let (Some(x), Some(y)) = (real(a), real(b)) {
        assert!(compare(&x, &y).is_none());
    }
    // "azure, microsoft, openai – invest": no figure, no date, little shared wording.
    let c = "Until now, Microsoft had been the closest partner to OpenAI, with billions invested and deep integration across Azure and Microsoft 365.";
    let d = "Microsoft had built what looked like an unshakable position: $13 billion invested over three years, exclusive deployment rights to GPT models, Copilot integration across Office, GitHub, and enterprise services.";
    if let (Some(x), Some(y)) = (real(c), real(d)) {
        assert!(compare(&x, &y).is_none());
    }
}

#[test]
fn every_group_member_is_linked_to_most_of_the_group() {
    // {0,1,2} is a clique, {3,4} a pair; 2 is linked to neither 3 nor 4, so the groups stay
    // apart even though most cross pairs are linked.
    let links = [
        (0, 1, 0.9),
        (0, 2, 0.9),
        (1, 2, 0.9),
        (3, 4, 0.9),
        (0, 3, 0.6),
        (0, 4, 0.6),
        (1, 3, 0.6),
        (1, 4, 0.6),
    ];
    assert_eq!(group_links(5, &links), vec![vec![0, 1, 2], vec![3, 4]]);
}

#[test]
fn context_names_stand_in_for_pronouns() {
    let s = "The actress checked into rehab on Tuesday, her spokesman said.";
    let ents = crate::entities::recognize(s, None);
    assert!(signature(s, &ents, None).is_none());
    let reid = vec![
        "Tara Reid".to_string(),
        "Promises Treatment Center".to_string(),
    ];
    let a = signature_in_context(s, &ents, None, &reid).expect("claim in context");
    assert!(a.participants.contains(&"tara reid".to_string()), "{a:?}");
    let t = "Tara Reid checked into rehab on Tuesday.";
    let b =
        signature_in_context(t, &crate::entities::recognize(t, None), None, &reid).expect("named");
    assert!(compare(&a, &b).is_some());
    // Same sentence in an article about someone else: another event.
    let lohan = vec!["Lindsay Lohan".to_string(), "Betty Ford Center".to_string()];
    let c = signature_in_context(s, &ents, None, &lohan).expect("claim in context");
    assert!(compare(&c, &b).is_none());
}

#[test]
fn title_case_headlines_take_names_from_entities_only() {
    let s = "Lindsay Lohan Checks Into Rehab At Betty Ford Center";
    // A recogniser span that runs into the verb must not become a bogus participant.
    let e = vec![
        ent(s, "Lindsay Lohan Checks Into", EntityKind::Person),
        ent(s, "Betty Ford Center", EntityKind::Org),
    ];
    let g = sig(s, e);
    assert_eq!(g.participants, vec!["betty ford center", "lindsay lohan"]);
    assert!(g.predicates.contains(&"checkin".to_string()));
    assert!(g.predicates.contains(&"rehab".to_string()));
    // Capitalised ordinary words are not names.
    let s2 = "Tara Reid Finally Checks Into Rehab For Undisclosed Reasons";
    let g2 = sig(s2, vec![ent(s2, "Tara Reid", EntityKind::Person)]);
    assert_eq!(g2.participants, vec!["tara reid"]);
    // Names the article itself uses are recognised in a Title Case line.
    let s3 = "Colts Clinch Playoff Berth With Victory Against Jaguars";
    let g3 = signature_in_context(
        s3,
        &[],
        None,
        &["indianapolis colts".into(), "jaguars".into()],
    )
    .expect("signature");
    assert_eq!(g3.participants, vec!["colts", "jaguars"]);
}

#[test]
fn a_different_score_is_a_different_game() {
    let mk = |s: &str| sig(s, vec![org(s, "Colts"), org(s, "Chiefs")]);
    let a = mk("The Colts beat the Chiefs 20 - 13 on Sunday to clinch a playoff berth.");
    let b = mk("The Colts clinched a playoff berth with a 20-13 victory over the Chiefs.");
    let c = mk("The Colts clinched a playoff berth with a 31-24 victory over the Chiefs.");
    assert!(compare(&a, &b).is_some_and(|j| j.stance == Stance::Support));
    assert!(compare(&b, &c).is_none());
}

fn bare(
    participants: &[&str],
    predicates: &[&str],
    dates: &[&str],
    context: &[&str],
) -> ClaimSignature {
    let v = |xs: &[&str]| xs.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    ClaimSignature {
        participants: v(participants),
        places: vec![],
        predicates: v(predicates),
        terms: vec![],
        values: vec![],
        dates: v(dates),
        context: v(context),
        cast: vec![],
        published: None,
    }
}

fn with_cast(sig: ClaimSignature, cast: &[(&str, u32)]) -> ClaimSignature {
    ClaimSignature {
        cast: cast.iter().map(|(n, c)| (n.to_string(), *c)).collect(),
        ..sig
    }
}

#[test]
fn story_similarity_weighs_rare_names_and_ignores_common_ones() {
    let reid = with_cast(
        bare(&[], &[], &[], &[]),
        &[
            ("tara reid", 6),
            ("promises treatment center", 2),
            ("california", 1),
        ],
    );
    let also_reid = with_cast(
        bare(&[], &[], &[], &[]),
        &[("reid", 4), ("promises", 1), ("los angeles", 1)],
    );
    let lohan = with_cast(
        bare(&[], &[], &[], &[]),
        &[
            ("lindsay lohan", 7),
            ("betty ford center", 2),
            ("california", 2),
        ],
    );
    let common = |name: &str| if name == "california" { 0.1 } else { 3.0 };
    let same = story_similarity(&reid, &also_reid, &mut { common });
    let other = story_similarity(&reid, &lohan, &mut { common });
    assert!(same > 0.9, "{same}");
    assert!(other < 0.05, "{other}");
    // Without rarity the shared place counts in full, but still far below the bar.
    let flat = story_similarity(&reid, &lohan, &mut |_| 1.0);
    assert!(flat > other && flat < 0.3, "{flat}");
    assert_eq!(
        story_similarity(&reid, &bare(&[], &[], &[], &[]), &mut |_| 1.0),
        0.0
    );
}

#[test]
fn a_shared_story_lets_a_shared_actor_and_event_link() {
    // One arrest told by two articles whose lead names only partly meet: the sentences alone
    // say nothing specific beyond "Jackson" and "arrest".
    let a = bare(
        &["vincent jackson"],
        &["arrest"],
        &[],
        &["vincent jackson", "police"],
    );
    let b = bare(&["jackson"], &["arrest"], &[], &["vincent jackson", "nfl"]);
    assert!(compare(&a, &b).is_none());
    let j = compare_in_story(&a, &b, 0.8).expect("same story, same arrest");
    assert_eq!(j.stance, Stance::Support);
    // Articles whose casts differ are not enough.
    assert!(compare_in_story(&a, &b, 0.3).is_none());
}

#[test]
fn articles_months_apart_without_a_shared_figure_or_date_tell_two_events() {
    let ctx = ["glasgow", "poland"];
    let at = |day: &str, dates: &[&str]| ClaimSignature {
        published: Some(day.to_string()),
        places: vec!["glasgow".to_string()],
        ..bare(&[], &["quake"], dates, &ctx)
    };
    let first = at("2021-04-15", &[]);
    // The same quake reported two days later links; one in the same city years later does not.
    assert!(compare(&first, &at("2021-04-17", &[])).is_some());
    assert!(compare(&first, &at("2023-09-02", &[])).is_none());
    // A later article that names the date of the event still links.
    let dated = at("2021-04-15", &["2021-04-15"]);
    assert!(compare(&dated, &at("2022-01-10", &["2021-04-15"])).is_some());
}

#[test]
fn same_story_needs_only_the_actor_and_the_event() {
    // ECB+: "General Manager A.J. Smith issued the following statement on Jackson's arrest" /
    // "San Diego's Jackson is arrested on suspicion of drunk driving", both articles led by
    // Vincent Jackson and the Chargers.
    let ctx = ["vincent jackson", "chargers", "san diego"];
    let a = bare(&["jackson"], &["arrest"], &[], &ctx);
    let b = bare(&["jackson"], &["arrest"], &[], &ctx);
    assert!(compare(&a, &b).is_some());
    // Another story about the same player (different second lead): no link on that alone.
    let c = bare(
        &["jackson"],
        &["arrest"],
        &[],
        &["vincent jackson", "chargers", "tennessee"],
    );
    assert!(compare(&a, &c).is_none());
    // Same story, but the sentences name different days.
    let d = bare(&["jackson"], &["arrest"], &["tuesday"], &ctx);
    let e = bare(&["jackson"], &["arrest"], &["friday"], &ctx);
    assert!(compare(&d, &e).is_none());
    // Money events still need their figure on both sides.
    let f = bare(
        &["amazon", "openai"],
        &["invest"],
        &[],
        &["amazon", "openai", "microsoft"],
    );
    assert!(compare(&f, &f.clone()).is_none());
}

#[test]
fn two_facts_with_different_figures_are_two_claims() {
    // One quake, two facts: a death toll and a count of damaged homes.
    let toll = real_sig("At least 20 people were killed when the earthquake hit Izmir on Monday.");
    let homes = real_sig("The earthquake damaged 300 homes in Izmir on Monday.");
    assert!(compare(&toll, &homes).is_none());
    assert!(compare(&homes, &toll).is_none());
    // The same toll reworded still links.
    let toll_again = real_sig("The earthquake that hit Izmir on Monday killed at least 20 people.");
    assert!(compare(&toll, &toll_again).is_some());
}

#[test]
fn checking_out_is_not_checking_in() {
    let out =
        real_sig("Lindsay Lohan has checked out of the Betty Ford Center after a 30-day program.");
    let into =
        real_sig("Lindsay Lohan has checked into the Betty Ford Center for a 90-day program.");
    assert!(out.predicates.contains(&"checkout".to_string()), "{out:?}");
    assert!(!out.predicates.contains(&"checkin".to_string()), "{out:?}");
    assert!(into.predicates.contains(&"checkin".to_string()), "{into:?}");
    assert!(compare(&out, &into).is_none());
    let reflexive =
        real_sig("Lindsay Lohan checked herself out of the Betty Ford Center on Monday.");
    assert!(
        reflexive.predicates.contains(&"checkout".to_string()),
        "{reflexive:?}"
    );
}

#[test]
fn the_same_cast_checking_in_links_within_one_story() {
    // ECB+ topic 1: the British and American spelling of the clinic, no shared date or wording.
    let ctx = ["tara reid", "promises treatment center", "jack ketsoyan"];
    let with_ctx = |s: &str| ClaimSignature {
        context: ctx.iter().map(|c| c.to_string()).collect(),
        ..real_sig(s)
    };
    let a = with_ctx(
        "Tara Reid's representative confirms she has checked herself into Promises Treatment Centre.",
    );
    let b = with_ctx(
        "Perennial party girl Tara Reid checked herself into Promises Treatment Center, her rep told People.",
    );
    assert!(compare(&a, &b).is_some(), "{a:?}\n{b:?}");
    // The same cast in articles led by other names is not enough.
    let other = ClaimSignature {
        context: vec!["lindsay lohan".into(), "betty ford center".into()],
        ..b.clone()
    };
    assert!(compare(&a, &other).is_none());
}

#[test]
fn a_hedge_about_consequences_does_not_unmake_a_reported_fact() {
    let verdict = "Scott Peterson has been found guilty of first-degree murder, a verdict that means he could be executed.";
    let s = real_sig(verdict);
    assert!(s.predicates.iter().any(|p| p == "convict"), "{s:?}");
    // The hedge before the event still makes it commentary.
    assert!(
        real("Scott Peterson could be found guilty of first-degree murder next week.").is_none()
    );
}

#[test]
fn abbreviations_that_are_not_names_do_not_make_a_shared_actor() {
    // "DUI" and "U.S." name no one: two players arrested on suspicion of DUI share nothing.
    let a = real_sig("A San Diego lineman was arrested in the U.S. on suspicion of DUI.");
    assert!(
        !a.participants.iter().any(|p| p == "dui" || p == "u s"),
        "{a:?}"
    );
}
