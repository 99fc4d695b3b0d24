"""Composing an actor for any span: KB mention first, acronyms, country word + role noun."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language

from dyad.actors import KnowledgeBase, find_mentions
from dyad.actors.compose import actor_for_span
from dyad.records import Actor, Article


def composed_actor(nlp: Language, kb: KnowledgeBase, text: str, span: str) -> Actor | None:
    """The actor composed for the first occurrence of `span` in `text`, as `nlp` reads it."""
    article = Article(doc_id="test", text=text, published=dt.date(2025, 3, 15))
    doc = nlp(text)
    start = text.index(span)
    return actor_for_span(start, start + len(span), doc, article,
                          find_mentions(doc, article, kb), kb)


@pytest.fixture
def actor_of(blank_nlp: Language, kb: KnowledgeBase):
    """`composed_actor` on an unparsed text (tokens only)."""
    return lambda text, span: composed_actor(blank_nlp, kb, text, span)


@pytest.mark.parametrize("text, span, actor_id, code", [
    ("A court in Lagos jailed a Nigerian student on Friday.", "a Nigerian student",
     "nga.edu", "NGAEDU"),
    ("Police arrested two Brazilian men in Lisbon.", "two Brazilian men", "bra.cvl", "BRACVL"),
    ("The Portuguese prime minister spoke in Brussels.", "The Portuguese prime minister",
     "prt.gov", "PRTGOV"),
    ("Guards stopped three Syrians at the border.", "three Syrians", "syr.cvl", "SYRCVL"),
    ("The Philippine government protested.", "The Philippine government", "phl.gov", "PHLGOV"),
    ("Serb forces left the town.", "Serb forces", "srb.mil", "SRBMIL"),
    ("Rockets hit a Turkish base near Mosul.", "a Turkish base", "tur.mil", "TURMIL"),
    ("Israeli aircraft struck a car near Tyre.", "Israeli aircraft", "isr.mil", "ISRMIL"),
    ("Gunmen stormed an Egyptian army outpost.", "an Egyptian army outpost", "egy.mil", "EGYMIL"),
    ("Mozambican police fired tear gas.", "Mozambican police", "moz.cop", "MOZCOP"),
    ("Police hunted Somali terrorists.", "Somali terrorists", "som.reb", "SOMREB"),
], ids=["student-education", "men-civilians", "office-government", "demonym-civilians",
        "philippine", "serb-not-montenegrin", "base-military", "aircraft-military",
        "outpost-military",
        "mozambican-not-myanmarese", "terrorists-rebels"])
def test_country_word_and_role_noun(actor_of, text, span, actor_id, code):
    actor = actor_of(text, span)
    assert (actor.id, actor.code, actor.kind) == (actor_id, code, "sector")


@pytest.mark.parametrize("text, span, person, code, name", [
    ("Portuguese Prime Minister Rui Tavares will urge the European Commission to act.",
     "Portuguese Prime Minister Rui Tavares", "person.rui-tavares", "PRTGOV", "Rui Tavares"),
    ("Iran's security chief Ali Shamkhani met Chinese officials.",
     "Iran's security chief Ali Shamkhani", "person.ali-shamkhani", "IRNSPY", "Ali Shamkhani"),
], ids=["prime-minister", "security-chief"])  # people the knowledge base lacks
def test_unknown_person_keeps_name_and_takes_the_role_code(actor_of, text, span, person, code,
                                                           name):
    actor = actor_of(text, span)
    assert (actor.id, actor.code, actor.name, actor.kind) == (person, code, name, "person")
    assert actor.country == code[:3]


def test_known_actor_inside_a_wide_span_wins(actor_of):
    actor = actor_of("The leader of Hamas met Qatari officials.", "The leader of Hamas")
    assert actor.id == "group.hamas"


def test_known_person_keeps_the_knowledge_base_id(actor_of):
    text = "Syrian President Ahmed al-Sharaa met the envoy."
    assert actor_of(text, "Syrian President Ahmed al-Sharaa").id == "person.ahmed-al-sharaa"


def test_span_a_little_too_narrow_is_widened_to_whole_words(actor_of):
    assert actor_of("Police arrested two Brazilian men.", "razilian me").id == "bra.cvl"


@pytest.mark.parametrize("text, actor_id", [
    ("Turkey's foreign minister issued a warning to Kurdish forces in northern Syria.",
     "group.sdf"),
    ("Baghdad said Kurdish fighters had entered Iraq's Sinjar district.", "irq.mil"),
    ("Turkey's foreign minister issued a warning to Kurdish forces.", "group.pkk"),
], ids=["syria-story", "iraq-story", "turkey-story"])
def test_kurdish_forces_take_the_group_of_the_story_country(actor_of, text, actor_id):
    span = "Kurdish forces" if "forces" in text else "Kurdish fighters"
    assert actor_of(text, span).id == actor_id


def test_kurdish_forces_with_no_country_named_get_no_actor(actor_of):
    assert actor_of("Kurdish forces said they would hold the town.", "Kurdish forces") is None


def test_acronym_resolves_through_its_definition(actor_of):
    text = ("Traders said the GBP had given no warning, a day after the Ghanaian Border Police "
            "(GBP) was formed. The GBP closed the crossing on Monday.")
    actor = actor_of(text, "The GBP")
    assert (actor.id, actor.code) == ("gha.cop", "GHACOP")
    assert "GBP" in actor.aliases
    assert actor_of(text, "the GBP") is None  # used before it was defined


@pytest.mark.parametrize("text, span", [
    ("The man walked to the shop.", "The man"),
    ("A spokesman for the group declined to comment.", "A spokesman"),
    ("Chadian sources said talks would resume.", "Chadian sources"),
], ids=["no-country", "no-role", "no-role-noun"])
def test_nothing_to_compose_gives_none(actor_of, text, span):
    assert actor_of(text, span) is None


def test_sector_without_country_only_when_nothing_better(actor_of):
    assert actor_of("Police arrested him on Monday.", "Police").id == "sector.cop"


def test_person_in_the_knowledge_base_with_accents_keeps_its_id(actor_of):
    text = "Spanish Prime Minister Pedro Sánchez will urge the European Commission to act."
    actor = actor_of(text, "Spanish Prime Minister Pedro Sánchez")
    assert (actor.id, actor.code, actor.name) == ("person.pedro-sanchez", "ESPGOV", "Pedro Sánchez")


def test_a_span_of_two_coordinated_actors_is_the_first(nlp, kb):
    # a tagged role over "X and Y" holds one actor: not Y's name with X's country
    text = ("Qatari Foreign Minister Khalid Mansour and Oman's Said Harthi spoke by telephone on "
            "Sunday about a possible resumption of talks, the Qatari foreign ministry said.")
    span = "Qatari Foreign Minister Khalid Mansour and Oman's Said Harthi"
    actor = composed_actor(nlp, kb, text, span)
    assert actor is not None and (actor.id, actor.code) == ("person.khalid-mansour", "QATGOV")


def test_a_ship_named_in_a_span_is_no_actor(nlp, kb):
    # "carrier" is a military agent word, but a name after it names a vessel, not a person
    text = "Pirates seized the Greek-owned bulk carrier Ionian Star off Somalia on Sunday."
    assert composed_actor(nlp, kb, text, "the Greek-owned bulk carrier Ionian Star") is None


def test_acronym_defined_after_a_comma(actor_of):
    text = ("The Ghanaian Border Police, or GBP, closed the crossing. "
            "Traders said the GBP had given no warning.")
    assert actor_of(text, "the GBP").id == "gha.cop"


@pytest.mark.parametrize("text, span, actor_id", [
    ("The Chinese said they would reply.", "The Chinese", "chn"),
    ("Officials rejected Malaysia's claim.", "Malaysia's", "mys"),
    ("Officials rejected Ivory Coast's claim.", "Ivory Coast's", "civ"),
], ids=["adjective", "possessive", "english-name"])
def test_a_country_word_alone_is_the_country(actor_of, text, span, actor_id):
    assert actor_of(text, span).id == actor_id


def test_surname_resolves_to_the_person_named_in_full_earlier(actor_of):
    text = ("Portuguese Prime Minister Rui Tavares arrived in Rome on Monday. "
            "Mr. Tavares said the talks went well.")
    actor = actor_of(text, "Mr. Tavares")
    assert (actor.id, actor.code) == ("person.rui-tavares", "PRTGOV")


def test_named_member_of_a_group_takes_its_code(actor_of):
    actor = actor_of("Hamas spokesman Omar Khalidi denied the report.",
                     "Hamas spokesman Omar Khalidi")
    assert (actor.id, actor.code, actor.name) == ("person.omar-khalidi", "PSEUAFHAM",
                                                  "Omar Khalidi")


def test_the_issue_example_rsf_resolves_in_every_form(actor_of):
    text = ("The Rapid Support Forces (RSF) shelled El Fasher on Sunday. "
            "Residents said the RSF had cut the roads.")
    assert actor_of(text, "The Rapid Support Forces").code == "SDNREBRSF"
    assert actor_of(text, "the RSF").id == actor_of(text, "The Rapid Support Forces").id


STORY = ("Kenyan officials met Somali envoys in Nairobi. Kenya wants the border reopened, and "
         "Kenya's parliament backs the plan. Passengers waited at the crossing. The ministry said "
         "police would escort them, and the foreign minister promised buses. Four border "
         "personnel and the guards were hurt. Two humanitarian agencies and church organizations "
         "sent food. Shop owners closed early, and survivors and patients waited for doctors.")


@pytest.mark.parametrize("span, code", [
    ("Passengers", "KENCVL"),
    ("The ministry", "KENGOV"),
    ("police", "KENCOP"),
    ("the foreign minister", "KENGOV"),
    ("Four border personnel", "KENMIL"),
    ("the guards", "KENCOP"),
    ("Two humanitarian agencies", "KENNGO"),
    ("church organizations", "KENNGO"),
    ("Shop owners", "KENBUS"),
    ("survivors", "KENCVL"),
    ("patients", "KENCVL"),
], ids=["civilians", "ministry", "police", "title-without-name", "personnel", "guards",
        "agencies", "organizations", "owners", "survivors", "patients"])
def test_role_noun_standing_alone_takes_the_story_country(actor_of, span, code):
    """Kenya is the country the story names most (4 against 1)."""
    actor = actor_of(STORY, span)
    assert (actor.code, actor.kind) == (code, "sector")


def test_role_noun_without_any_country_in_the_story_stays_unplaced(actor_of):
    assert actor_of("Passengers waited for hours.", "Passengers") is None


@pytest.mark.parametrize("text, span, actor_id", [
    ("Emmanuel Macron landed in Dakar on Monday. He promised new loans to Senegal.", "He",
     "person.emmanuel-macron"),
    ("Emmanuel Macron said on Monday that he would sign a trade pact.", "he",
     "person.emmanuel-macron"),
    ("Hamas gunmen raided a border post at dawn. They seized two trucks.", "They",
     "group.hamas"),
    # a sentence naming no one between: a person is looked for one sentence further back
    ("Emmanuel Macron spoke on Monday. \"Talks are our answer. We will sign,\" he said.", "he",
     "person.emmanuel-macron"),
    # three sentences naming no person between (a country is no antecedent of "he")
    ("Emmanuel Macron spoke in Dakar. Senegal wants aid. Fuel is short. Schools shut. He urged "
     "calm.", "He", "person.emmanuel-macron"),
], ids=["he-previous-sentence", "he-same-sentence", "they-group", "he-two-sentences-back",
        "he-four-sentences-back"])
def test_a_pronoun_is_the_one_fitting_actor_named_before_it(actor_of, text, span, actor_id):
    assert actor_of(text, span).id == actor_id


@pytest.mark.parametrize("text, span", [
    # two people before "he": which one spoke is not the reader's guess
    ("Emmanuel Macron met Recep Tayyip Erdogan in Ankara. He praised the deal.", "He"),
    # "they" does not stand for a person
    ("Emmanuel Macron spoke first. They listened for an hour.", "They"),
    # nor does a pronoun reach back past the sentence before its own
    ("Hamas gunmen raided a border post. The night was quiet. They left at dawn.", "They"),
    # nor "he" past four sentences
    ("Emmanuel Macron spoke in Dakar. Aid is short. Fuel is short. Schools shut. Roads flooded. "
     "He urged calm.", "He"),
], ids=["two-people", "they-not-a-person", "too-far-back", "he-too-far-back"])
def test_an_ambiguous_or_unmatched_pronoun_has_no_actor(actor_of, text, span):
    assert actor_of(text, span) is None


@pytest.mark.parametrize("text, span, actor_id", [
    ("Hamas said on Sunday it would free two hostages. The group gave no date.", "The group",
     "group.hamas"),
    ("The European Union met in Brussels. Ministers argued for hours. The bloc then agreed "
     "new tariffs.", "The bloc", "igo.eu"),
    ("The European Union met in Brussels. Two members accused the regional body of delay.",
     "the regional body", "igo.eu"),
], ids=["group", "bloc-two-sentences-back", "regional-body"])
def test_a_noun_standing_for_an_earlier_actor_is_the_nearest_of_its_kind(actor_of, text, span,
                                                                         actor_id):
    assert actor_of(text, span).id == actor_id


def test_a_noun_repeating_an_earlier_name_s_head_is_that_actor(actor_of):
    # the council is the one named four sentences back, not the nearer agency of another kind
    text = ("The envoy briefed the U.N. Security Council on Monday. Aid has stalled. Talks "
            "failed. UNICEF asked for funds. Both urged the council to act.")
    assert actor_of(text, "the council").id == "igo.un"


def test_a_head_noun_named_too_far_back_is_no_link(actor_of):
    text = ("The envoy briefed the U.N. Security Council on Monday. Aid has stalled. Talks "
            "failed. Fuel ran out. Clinics closed. Schools shut. Both urged the council to act.")
    assert actor_of(text, "the council") is None


def test_a_spokesperson_alone_is_no_journalist(actor_of):
    text = "Violence rose in Haiti. \"We urge calm,\" the spokesperson said."
    actor = actor_of(text, "the spokesperson")
    assert actor is None or actor.sector != "MED"


def test_an_anaphor_with_no_earlier_actor_of_its_kind_has_none(actor_of):
    text = "Emmanuel Macron praised the farmers. The group marched to the palace."
    assert actor_of(text, "The group") is None


@pytest.fixture
def parsed_actor_of(nlp: Language, kb: KnowledgeBase):
    """`composed_actor` on a parsed text: readings that need the dependency parse."""
    return lambda text, span: composed_actor(nlp, kb, text, span)


def test_a_leader_of_a_body_is_its_member_not_the_story_government(parsed_actor_of):
    # parsed, "leader" heads the description: the gang it leads names the person's code
    text = ("Police in Haiti said Arnel Louis, the notorious leader of the Village de Dieu "
            "gang, was killed on Friday.")
    actor = parsed_actor_of(text, "Arnel Louis")
    assert (actor.id, actor.code) == ("person.arnel-louis", "HTICRM")


def test_a_hyphenated_name_the_tokenizer_splits_stays_whole(parsed_actor_of):
    text = "Jake Sullivan spoke by phone with Israeli counterpart Meir Ben-Shabbat on Sunday."
    actor = parsed_actor_of(text, "Meir Ben-Shabbat")
    assert (actor.id, actor.name, actor.code) == (
        "person.meir-ben-shabbat", "Meir Ben-Shabbat", "ISRGOV")


def test_a_noun_repeating_an_earlier_description_is_its_actor(parsed_actor_of):
    text = ("A State Department spokesperson told reporters on Monday that talks would resume. "
            "The envoy left for Doha. \"Now is the time,\" the spokesperson said.")
    assert parsed_actor_of(text, "the spokesperson").id == "usa.gov"


def test_an_earlier_bare_noun_describes_no_one(parsed_actor_of):
    text = "A spokesperson said talks had failed. The spokesperson left for Doha."
    assert parsed_actor_of(text, "The spokesperson") is None


@pytest.mark.parametrize("text, actor_id", [
    # two people named, one as the subject: "he" continues the subject
    ("Emmanuel Macron told Recep Tayyip Erdogan that talks would resume. He gave no date.",
     "person.emmanuel-macron"),
    # two subjects: no guess
    ("Emmanuel Macron spoke first, and Recep Tayyip Erdogan replied. He praised the deal.",
     None),
], ids=["one-subject", "two-subjects"])
def test_a_pronoun_after_two_people_is_the_one_that_was_a_subject(parsed_actor_of, text,
                                                                  actor_id):
    actor = parsed_actor_of(text, "He")
    assert (actor.id if actor else None) == actor_id


@pytest.mark.parametrize("text, span, person, code", [
    ("Ali Hassan, a spokesman for the Iraqi interior ministry, denied the report. "
     "Hassan said the police acted lawfully.", "Ali Hassan", "person.ali-hassan", "IRQGOV"),
    ("Ali Hassan, a spokesman for the Iraqi interior ministry, denied the report. "
     "Hassan said the police acted lawfully.", "Hassan said", "person.ali-hassan", "IRQGOV"),
    ("Somalia's envoy to Kenya, Omar Farah Ali, accused Nairobi of lying.", "Omar Farah Ali",
     "person.omar-farah-ali", "SOMGOV"),
    ("Kenyan police arrested twelve men on Monday. Joy Mwangi, the police commander, said "
     "more arrests would follow.", "Joy Mwangi", "person.joy-mwangi", "KENCOP"),
    ("Turkish presidential envoy Kemal Arslan met Ali Hassan, a spokesman for the Iraqi "
     "interior ministry.", "Ali Hassan", "person.ali-hassan", "IRQGOV"),
    ("Former French ambassador to Ivory Coast, Jean-Marc Roux, was recalled in May.",
     "Jean-Marc Roux", "person.jean-marc-roux", "FRAGOV"),
    ("Turkish presidential adviser Kemal Arslan spoke on Monday. Arslan said ties would improve.",
     "Arslan said", "person.kemal-arslan", "TURGOV"),
], ids=["apposition-after", "surname-later", "apposition-before", "story-country",
        "title-of-another-name", "hyphenated-name", "presidential-adviser"])
def test_a_person_the_kb_lacks_takes_the_code_of_the_apposition(actor_of, text, span, person,
                                                                 code):
    actor = actor_of(text, span.removesuffix(" said"))
    assert (actor.id, actor.code, actor.kind) == (person, code, "person")


@pytest.mark.parametrize("text, span", [
    ("In Baghdad, Ali Hassan said the talks had failed.", "Ali Hassan"),
    ("Ali Hassan, who fled the Iraqi army in 2014, spoke to reporters.", "Ali Hassan"),
    ("A Turkish court jailed Metin Kaya on Monday.", "Metin Kaya"),
    ("Israeli commandos boarded the Sea Star near Gaza.", "the Sea Star"),
], ids=["place-before", "clause-after", "verb-before", "object-of-a-verb"])
def test_a_name_beside_words_that_do_not_describe_it_gets_no_actor(parsed_actor_of, text,
                                                                   span):
    assert parsed_actor_of(text, span) is None


def test_a_spokesman_after_a_role_noun_speaks_for_that_body(actor_of):
    actor = actor_of("Iraq's interior ministry spokesman Ali Hassan denied it.",
                     "Iraq's interior ministry spokesman Ali Hassan")
    assert (actor.id, actor.code) == ("person.ali-hassan", "IRQGOV")


@pytest.mark.parametrize("text, actor_id", [
    ("Ali Hassan, a spokesman for the Iraqi interior ministry, spoke on Monday. "
     "He denied the report.", "person.ali-hassan"),
    ("Turkish presidential envoy Kemal Arslan met Ali Hassan, a spokesman for the Iraqi "
     "interior ministry. He denied the report.", None),
    # named later by the last name alone: "he" after "Hassan said ..."
    ("Ali Hassan, a spokesman for the Iraqi interior ministry, spoke on Monday. Iraq's army "
     "later clashed with Kurdish forces. Hassan said the talks failed. He blamed Erbil.",
     "person.ali-hassan"),
], ids=["one-person", "two-people", "last-name-later"])
def test_a_pronoun_after_a_person_the_kb_lacks_is_that_person(actor_of, text, actor_id):
    actor = actor_of(text, "He")
    assert (actor.id if actor else None) == actor_id


def test_a_name_after_a_misparsed_title_keeps_the_title_code(parsed_actor_of):
    text = "Democratic U.S. Congressman Ann Lee of Ohio criticised the plan."
    for span in ("Ann Lee", "Democratic U.S. Congressman Ann Lee"):
        actor = parsed_actor_of(text, span)
        assert (actor.id, actor.code) == ("person.ann-lee", "USALEG")


def test_a_place_in_a_modifier_is_not_the_name_of_a_groups_member(parsed_actor_of):
    # The tagger's noun phrase runs past its head into a participle and a preposition: the
    # capitalised place there is no member of the group the phrase names.
    text = "Warplanes struck a depot used by Kataib Hezbollah near Albu Kamal on Sunday."
    actor = parsed_actor_of(text, "depot used by Kataib Hezbollah near Albu Kamal")
    assert actor is not None and actor.id == "group.kataib-hezbollah"


@pytest.mark.parametrize("text, span, code", [
    ("Washington sanctioned a Basra-based oil company on Tuesday.",
     "a Basra-based oil company", "IRQBUS"),
    # a capital before "-based" is where the firm sits, not the government
    ("Washington sanctioned a Baghdad-based oil company on Tuesday.",
     "a Baghdad-based oil company", "IRQBUS"),
], ids=["town", "capital"])
def test_a_place_based_body_belongs_to_the_places_country(parsed_actor_of, text, span, code):
    actor = parsed_actor_of(text, span)
    assert actor is not None and actor.code == code
