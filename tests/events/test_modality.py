"""Negated, hypothetical and historical flags of an event, read around its trigger."""

from __future__ import annotations

import datetime as dt

import pytest

from dyad.events.modality import Modality, flagged_word, modality_of

PUBLISHED = dt.date(2025, 2, 22)
NONE = Modality(negated=False, hypothetical=False, historical=False)
NEGATED = Modality(negated=True, hypothetical=False, historical=False)
HYPOTHETICAL = Modality(negated=False, hypothetical=True, historical=False)
HISTORICAL = Modality(negated=False, hypothetical=False, historical=True)


def flags(nlp, text: str, trigger: str) -> Modality:
    doc = nlp(text)
    token = next(token for token in doc if token.text == trigger)
    return modality_of(token, doc[:], PUBLISHED)


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        ("Iraqi security forces did not detain the Syrians.", "detain", NEGATED),
        ("The army said no passengers were killed in the raid.", "killed", NEGATED),
        ("No country has recognized the new government.", "recognized", NEGATED),
        ("The visit has not followed any political meetings.", "meetings", NEGATED),
        ("Iraq never recognized the new government.", "recognized", NEGATED),
        ("The talks focused on the border, without disclosing further details.", "disclosing",
         NEGATED),
        ("The two ministers failed to reach an agreement.", "reach", NEGATED),
        ("Damascus refused to receive the delegation.", "receive", NEGATED),
        ("The Arab summit will be hosted by Baghdad in April.", "hosted", HYPOTHETICAL),
        ("Turkey plans to send troops to the border.", "send", HYPOTHETICAL),
        ("Iraq is expected to reopen the crossing.", "reopen", HYPOTHETICAL),
        ("The group threatened to attack Syrian workers.", "attack", HYPOTHETICAL),
        ("The new authorities have promised to investigate the killings.", "investigate",
         HYPOTHETICAL),
        ("Trump really wants to deter Iraqi armed organizations.", "deter", HYPOTHETICAL),
        ("The latter is in the process of putting an end to Iranian influence.", "putting",
         HYPOTHETICAL),
        ("If Turkey enhances security cooperation, it will achieve additional gains.",
         "enhances", HYPOTHETICAL),
        ("Baghdad shells the border posts if the militia crosses.", "shells", HYPOTHETICAL),
        ("The militia warned that it would strike the base if the convoy moved.", "strike",
         HYPOTHETICAL),
        ("In the event that Turkey is able to enhance cooperation, it will achieve gains.",
         "achieve", HYPOTHETICAL),
        ("Relations between the two countries may witness development.", "witness",
         HYPOTHETICAL),
        ("Shaibani said Iraq would cooperate with Syria.", "cooperate", HYPOTHETICAL),
        ("The ministry urged Iraqi authorities to implement necessary measures.", "implement",
         HYPOTHETICAL),
        ("Members revealed discussions on the idea of transferring the prisoners to Iraq.",
         "transferring", HYPOTHETICAL),
        ("The commission proposed a plan for rearming Europe and supporting Ukraine.",
         "supporting", HYPOTHETICAL),
        ("During the 13-year civil conflict in Syria, Iranian forces provided critical backing "
         "to Assad.", "provided", HISTORICAL),
        ("Iran was historically a supporter of Assad.", "supporter", HISTORICAL),
        ("Iran had provided weapons to the Syrian army.", "provided", HISTORICAL),
        ("Iraq has supported the Syrian government since 2011.", "supported", HISTORICAL),
        ("Turkish troops entered the town in 2019.", "entered", HISTORICAL),
        ("Egypt could suspend its cooperation with the agency.", "cooperation", HYPOTHETICAL),
        ("Security cooperation between Iraq and Jordan could grow slowly.", "cooperation",
         HYPOTHETICAL),
        ("The truce ended two years of war that killed 20,000 civilians.", "killed",
         HISTORICAL),

        ("In 2024, the rebels seized three border towns.", "seized", HISTORICAL),
        ("In December, Oman hosted the envoys of both sides.", "hosted", HISTORICAL),
        ("A year ago, the council imposed sanctions on the junta.", "imposed", HISTORICAL),
        ("In past crises, Ankara has closed the border crossing.", "closed", HISTORICAL),
        ("Last November, the navy held drills with Oman.", "held", HISTORICAL),
        ("Families of the victims marked the anniversary of the 2004 bombing that killed nine "
         "soldiers.",
         "killed", HISTORICAL),
        ("The camps opened in the 1990s, offering havens to refugees.", "offering",
         HISTORICAL),
    ],
    ids=[
        "did-not", "no-subject-passive", "no-subject", "not-any-noun", "never", "without",
        "failed-to", "refused-to", "will",
        "plans-to", "is-expected-to", "threatened-to", "promised-to", "wants-to",
        "in-the-process-of", "if-clause", "consequent-of-if", "warned-would-if",
        "in-the-event-that-consequent", "may",
        "reported-would", "urged-object-to", "idea-of", "conjunct-in-plan-for",
        "during-n-year-war", "historically",
        "past-perfect", "since-old-year", "dated-years-before", "object-of-modal-verb",
        "subject-of-modal-verb",
        "war-toll-relative-clause", "last-year-number", "month-before-last",
        "a-year-ago", "in-past-without-the", "last-month-name", "relative-clause-on-dated-noun",
        "participle-of-a-dated-clause",
    ],
)
def test_flags(nlp, text, trigger, expected):
    assert flags(nlp, text, trigger) == expected


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("On Friday, Shaibani visited Baghdad.", "visited"),
        ("Iraqi security forces detained at least 13 Syrians.", "detained"),
        ("Syria's foreign ministry condemned the attacks against its citizens.", "condemned"),
        ("Iraq did not say that Syria attacked the camp.", "attacked"),
        ("The minister, who will travel to Ankara, met Fidan on Friday.", "met"),
        ("This visit marked Shaibani's first trip to Iraq since 2011.", "trip"),
        ("Sharaa visited Ankara in early February.", "visited"),
        ("A drone attack that killed three soldiers drew protests.", "killed"),

        ("Police have arrested 400 protesters since January 20.", "arrested"),
        # a clause dated recently tells no span reaching back: "since 1991" is the Kuwaitis'
        ("The ministers held talks in Kuwait City on Sunday on the fate of Kuwaitis missing "
         "since 1991.", "held"),
        ("Sharaa visited Ankara earlier this month.", "visited"),
        ("Egypt and Sudan have been disputing the dam for years.", "disputing"),
        ("Cairo has long opposed the dam.", "opposed"),
        ("Farmers are not only angry with the ministry but also with the banks.", "angry"),
        ("The villagers were not merely ignored, they were attacked.", "ignored"),
        ("In the past month, Ankara has closed the border crossing twice.", "closed"),
        # a threat or offer made on a condition was made; what it announces was not
        ("Ankara is threatening retaliation against Washington if hit by sanctions.",
         "threatening"),
        ("Tehran offered talks with the agency if sanctions are eased.", "offered"),
        # the tense of reported speech, not background
        ("The army said it had struck a Hezbollah commander near Tyre on Friday.", "struck"),
    ],
    ids=[
        "plain-past", "detained", "condemned", "negation-of-another-clause",
        "modal-of-relative-clause", "first-since-is-news", "recent-month",
        "single-attack-toll-is-news", "recent-since-is-ongoing", "old-since-of-a-noun",
        "this-month",
        "ongoing-for-years", "ongoing-long", "not-only-but-also", "not-merely",
        "in-the-past-month", "threat-on-a-condition", "offer-on-a-condition",
        "past-perfect-of-reported-speech",
    ],
)
def test_reported_fact_has_no_flags(nlp, text, trigger):
    assert flags(nlp, text, trigger) == NONE


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The two governments have stayed apart since their talks collapsed in Geneva in 2019.",
         HISTORICAL),
        ("The ministers met in Geneva, where their predecessors signed a truce in 2019.",
         HISTORICAL),
        ("The ministers met in Geneva on Friday.", NONE),
        ("Syria handed the prisoners to Iraq on Friday under a deal reached in 2019.", NONE),
    ],
    ids=["old-date-in-subordinate-clause", "old-date-in-relative-clause", "recent-date",
         "own-recent-date-wins"],
)
def test_an_untriggered_event_is_dated_by_any_date_of_its_sentence(nlp, text, expected):
    # A model proposal is read at the main verb, which may not be the word reporting it.
    doc = nlp(text)
    root = doc[:].root
    assert modality_of(root, doc[:], PUBLISHED) == NONE  # a trigger: only its clause's dates
    assert modality_of(root, doc[:], PUBLISHED, untriggered=True) == expected


@pytest.mark.parametrize(
    ("text", "root", "through_speech", "expected"),
    [
        ("The minister plans to visit Baghdad next week.", "plans", False, "visit"),
        ("Rubio is expected to meet the envoy.", "expected", False, "meet"),
        ("A diplomat said Ankara imposed new controls on the base.", "said", True, "imposed"),
        ("A diplomat said Ankara imposed new controls on the base.", "said", False, "said"),
        ("The army shelled the town.", "shelled", True, "shelled"),
        ("Syrian troops shelled two villages near Qamishli on Monday, the SDF said.", "said",
         True, "shelled"),
        ("After meeting the envoy, the minister said nothing.", "said", True, "said"),
    ],
    ids=["plans-to", "expected-to", "said-for-deeds", "said-for-words", "plain-verb",
         "said-after-the-words", "clause-before-said-is-no-report"],
)
def test_flagged_word_of_a_sentence_event(nlp, text, root, through_speech, expected):
    doc = nlp(text)
    token = next(token for token in doc if token.text == root)
    assert flagged_word(token, through_speech=through_speech).text == expected
