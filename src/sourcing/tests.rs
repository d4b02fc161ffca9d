use super::*;
use crate::entities::recognize;

/// Attribution and certainty of the last of `sentences`, the others being the sentences
/// before it; entities come from the recogniser, as in a library.
fn judge_in(sentences: &[&str], own_source: Option<&str>) -> Sourcing {
    let entities: Vec<Vec<Entity>> = sentences.iter().map(|s| recognize(s, None)).collect();
    let all: Vec<Sentence<'_>> = sentences
        .iter()
        .zip(&entities)
        .map(|(text, entities)| Sentence {
            text,
            offset: 0,
            entities,
        })
        .collect();
    let (sentence, before) = all.split_last().expect("a sentence");
    Sourcing {
        attribution: attribute(&Context {
            before,
            sentence: *sentence,
            after: &[],
            own_source,
        }),
        certainty: certainty(sentence, &[]),
    }
}

fn judge(sentence: &str) -> Sourcing {
    judge_in(&[sentence], None)
}

fn by(source: &str, role: Role) -> Attribution {
    Attribution {
        source: source.to_string(),
        role,
    }
}

#[test]
fn the_ten_billion_mention_is_cnbc_after_the_information_and_possible() {
    let found = judge(
        "According to CNBC, OpenAI is in confidential talks with Amazon about a potential \
         investment that could exceed $10 billion, as first reported by The Information.",
    );
    assert_eq!(
        found.attribution,
        [
            by("CNBC", Role::AccordingTo),
            by("The Information", Role::FirstReported)
        ]
    );
    assert_eq!(found.certainty, Certainty::Possible);
    assert_eq!(
        found.compact(),
        "via CNBC, first: The Information · possible"
    );
}

#[test]
fn sources_familiar_with_the_discussions_are_anonymous() {
    let found = judge(
        "Amazon is negotiating a deal that could see it invest as much as $50 billion in \
         OpenAI, according to sources familiar with the discussions.",
    );
    assert_eq!(
        found.attribution,
        [by("sources familiar with the discussions", Role::Anonymous)]
    );
    assert_eq!(found.certainty, Certainty::Possible);
}

#[test]
fn an_investment_already_made_is_certain() {
    let found = judge(
        "Amazon has already invested at least $8 billion into OpenAI rival Anthropic, and \
         OpenAI itself recently signed a deal to buy $38 billion worth of capacity from Amazon \
         Web Services (AWS).",
    );
    assert_eq!(found.attribution, []);
    assert_eq!(found.certainty, Certainty::Certain);
}

#[test]
fn a_hedge_in_a_relative_or_adverbial_clause_does_not_reach_the_main_clause() {
    for sentence in [
        "The company that may list next year has hired 300 engineers.",
        "President Obama overturned a regulation that could have weakened the act.",
        "If the talks fail, Amazon has other partners.",
        "Timmons, who could face life in prison, was arrested on Friday.",
        "The company raised $2 billion (it may raise more later).",
    ] {
        assert_eq!(judge(sentence).certainty, Certainty::Certain, "{sentence}");
    }
    assert_eq!(
        judge("The company that makes the chips will invest $2 billion.").certainty,
        Certainty::Probable
    );
}

#[test]
fn certainty_follows_the_main_clause() {
    let cases = [
        (
            "The deal is expected to close in March.",
            Certainty::Probable,
        ),
        (
            "Amazon plans to invest $4 billion in the company.",
            Certainty::Probable,
        ),
        (
            "The company will open a plant in Ohio.",
            Certainty::Probable,
        ),
        (
            "Amazon is considering a bid for the retailer.",
            Certainty::Possible,
        ),
        ("Shares may fall further.", Certainty::Possible),
        ("The merger may not go ahead.", Certainty::Possible),
        (
            "Amazon denied it was in talks with OpenAI.",
            Certainty::Denied,
        ),
        (
            "Microsoft no longer has a right of first refusal.",
            Certainty::Denied,
        ),
        (
            "The police did not release the name of the victim.",
            Certainty::Denied,
        ),
        (
            "The quake was not only strong but also shallow.",
            Certainty::Certain,
        ),
        (
            "He was denied a handgun permit in March.",
            Certainty::Certain,
        ),
        (
            "Police said the gunman may have fled the state.",
            Certainty::Possible,
        ),
    ];
    for (sentence, expected) in cases {
        assert_eq!(judge(sentence).certainty, expected, "{sentence}");
    }
}

#[test]
fn figures_in_a_comma_bounded_relative_clause_are_judged_there() {
    let text = "Microsoft, which has invested over $13 billion in OpenAI since 2019, no longer \
                has a right of first refusal.";
    let entities = recognize(text, None);
    let sentence = Sentence {
        text,
        offset: 0,
        entities: &entities,
    };
    let figure = text.find("$13 billion").unwrap();
    let focus = figure..figure + "$13 billion".len();
    assert_eq!(
        certainty(&sentence, std::slice::from_ref(&focus)),
        Certainty::Certain
    );
    assert_eq!(certainty(&sentence, &[]), Certainty::Denied);
}

#[test]
fn reporting_verbs_name_their_speaker_before_or_after() {
    let cases: [(&str, &[(&str, Role)]); 7] = [
        (
            "Four men rammed their car into the store, a police source said.",
            &[("a police source", Role::Anonymous)],
        ),
        (
            "`` The facade has changed, '' said a Western diplomat, who requested anonymity.",
            &[("a Western diplomat", Role::Anonymous)],
        ),
        (
            "A young man was left for dead on a Manhattan sidewalk late Friday, police said.",
            &[("police", Role::AccordingTo)],
        ),
        (
            "CNBC previously reported the investment could include an agreement on chips.",
            &[("CNBC", Role::AccordingTo)],
        ),
        (
            "Reuters reported, citing people familiar with the matter, that talks had stalled.",
            &[
                ("Reuters", Role::AccordingTo),
                ("people familiar with the matter", Role::Anonymous),
            ],
        ),
        (
            "Bloomberg said the deal was worth $2 billion, citing a report by The Information.",
            &[
                ("Bloomberg", Role::AccordingTo),
                ("The Information", Role::FirstReported),
            ],
        ),
        (
            "Ketsoyan would not say what the star was being treated for.",
            &[],
        ),
    ];
    for (sentence, expected) in cases {
        let expected: Vec<Attribution> = expected.iter().map(|&(s, r)| by(s, r)).collect();
        assert_eq!(judge(sentence).attribution, expected, "{sentence}");
    }
}

#[test]
fn an_appositive_does_not_hide_the_speaker() {
    let found = judge(
        "Steven Moffat, the show's lead writer and executive producer, said casting Capaldi \
         was an incendiary combination.",
    );
    assert_eq!(found.attribution, [by("Steven Moffat", Role::AccordingTo)]);
    let found = judge("Her agent, Mark Roesler, said Page died at a Los Angeles hospital.");
    assert_eq!(found.attribution, [by("Mark Roesler", Role::AccordingTo)]);
}

#[test]
fn told_names_the_outlet_and_the_speaker() {
    let found =
        judge("Perennial party girl Tara Reid checked into a clinic, Jack Ketsoyan told Reuters.");
    assert_eq!(
        found.attribution,
        [
            by("Jack Ketsoyan", Role::AccordingTo),
            by("Reuters", Role::AccordingTo)
        ]
    );
}

#[test]
fn the_publishing_outlet_is_not_its_own_source() {
    let sentence = "The company will cut 500 jobs, a spokesman told Reuters.";
    let found = judge_in(&[sentence], Some("Reuters.com"));
    assert_eq!(found.attribution, [by("a spokesman", Role::AccordingTo)]);
    let found = judge_in(&[sentence], Some("BBC News - World"));
    assert_eq!(found.attribution.len(), 2);
}

#[test]
fn pronouns_take_the_speaker_or_name_before() {
    let found = judge_in(
        &[
            "Interior Secretary Ken Salazar spoke in Washington on Tuesday.",
            "He said the rule would be reversed within weeks.",
        ],
        None,
    );
    assert_eq!(found.attribution, [by("Ken Salazar", Role::AccordingTo)]);
    assert_eq!(found.certainty, Certainty::Probable);
    let found = judge_in(
        &[
            "People familiar with the matter said the talks were at an early stage.",
            "The people said a deal could value the company at $10 billion.",
        ],
        None,
    );
    assert_eq!(
        found.attribution,
        [by("People familiar with the matter", Role::Anonymous)]
    );
}

#[test]
fn a_quotation_takes_the_speaker_who_closes_it() {
    let texts = [
        "Felt wrote that he wasn't motivated by anger.",
        "`` It is true that I would have welcomed an appointment as FBI director.",
        "It is not true that I was jealous of Gray, '' he wrote.",
    ];
    let entities: Vec<Vec<Entity>> = texts.iter().map(|s| recognize(s, None)).collect();
    let at = |i: usize| Sentence {
        text: texts[i],
        offset: 0,
        entities: &entities[i],
    };
    let found = attribute(&Context {
        before: &[at(0)],
        sentence: at(1),
        after: &[at(2)],
        own_source: None,
    });
    assert_eq!(found, [by("Felt", Role::AccordingTo)]);
}

#[test]
fn compact_form_groups_sources_by_role() {
    let sourcing = Sourcing {
        attribution: vec![
            by("people familiar with the matter", Role::Anonymous),
            by("Reuters", Role::AccordingTo),
        ],
        certainty: Certainty::Probable,
    };
    assert_eq!(
        sourcing.compact(),
        "via Reuters, unnamed: people familiar with the matter · probable"
    );
    let bare = Sourcing {
        attribution: Vec::new(),
        certainty: Certainty::Certain,
    };
    assert_eq!(bare.compact(), "certain");
}

#[test]
fn mentions_citing_one_report_count_as_one_source() {
    let information = [
        by("CNBC", Role::AccordingTo),
        by("The Information", Role::FirstReported),
    ];
    let also_information = [by("the Information", Role::FirstReported)];
    let anonymous = [by("people familiar with the matter", Role::Anonymous)];
    let mentions: [(&str, &[Attribution]); 4] = [
        ("Engadget", &information),
        ("The Verge", &also_information),
        ("Reuters", &anonymous),
        ("Bloomberg", &[]),
    ];
    assert_eq!(independent_sources(mentions), 3);
}

#[test]
fn source_names_compare_without_articles_and_web_suffixes() {
    assert!(same_source("The Information", "information"));
    assert!(same_source("Reuters.com", "Reuters"));
    assert!(same_source("BBC", "BBC News - World"));
    assert!(!same_source("BBC", "ABC News"));
    assert!(!same_source("", ""));
}
