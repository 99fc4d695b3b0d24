"""Fusion's use of the evidence sentence: places it names, and the words that settle which event
an ambiguous report tells."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from dyad.store.fusion import (
    FUSION_RULES_FILE,
    Place,
    Report,
    Side,
    ambiguity,
    cluster_reports,
    evidence_of,
    load_fusion_rules,
    place_key,
    same_event,
    why_apart,
)

RULES = load_fusion_rules()
TURMIL = Side("tur.mil", "TUR", "MIL", "sector")
PKK = Side("group.pkk", "TUR", "REB", "group")
SHARAA = Side("person.ahmed-al-sharaa", "SYR", "GOV", "person")
SUDANI = Side("person.mohammed-shia-al-sudani", "IRQ", "GOV", "person")
SHATRI = Side("person.hamid-al-shatri", "IRQ", "SPY", "person")
TUESDAY = dt.date(2026, 6, 9)


def told(
    doc: str,
    sentence: str,
    sides: tuple[tuple[Side | None, str | None], tuple[Side | None, str | None]],
    *,
    event_type: str = "ASSAULT",
    place: Place | None = None,
    date: dt.date = TUESDAY,
    precision: str = "day",
) -> Report:
    (source, source_text), (target, target_text) = sides
    return Report(
        event_id=f"{doc}:0", doc_id=doc, published=date, event_type=event_type,
        flags=(False, False, False), source=source, target=target, date=date,
        precision=precision, place=place,
        evidence=evidence_of(sentence, (source_text, target_text), RULES),
    )  # fmt: skip


def test_evidence_leaves_out_the_sides_function_words_and_dates():
    evidence = evidence_of(
        "Turkish jets struck PKK hideouts in the Qandil mountains on Tuesday, officials said.",
        ("Turkish jets", "PKK"),
        RULES,
    )
    assert evidence.words == {"struc", "hideo", "qandi", "mount"}
    assert evidence.names == {"qandi"}
    assert evidence.places == {place_key("Qandil")}


def test_a_demonym_after_in_the_names_no_place():
    evidence = evidence_of("Hussein held talks in the Syrian capital.", ("Hussein",), RULES)
    assert evidence.places == frozenset()
    assert "syria" in evidence.names


STRIKE_SIDES = ((TURMIL, "Turkish warplanes"), (PKK, "PKK"))
SINJAR = Place("Sinjar", 36.32, 41.88)


def test_a_report_whose_sentence_names_another_place_is_another_event():
    coded = told("a", "Turkish warplanes struck PKK men in Sinjar.", STRIKE_SIDES, place=SINJAR)
    elsewhere = told("b", "Turkish warplanes bombed PKK caves in the Qandil hills.", STRIKE_SIDES)
    same_town = told("c", "Turkish warplanes hit PKK hideouts near Sinjar.", STRIKE_SIDES)
    unnamed = told("d", "Turkish warplanes hit PKK hideouts.", STRIKE_SIDES)
    assert not same_event(coded, elsewhere, RULES)
    assert same_event(coded, same_town, RULES)
    assert same_event(coded, unnamed, RULES)
    assert same_event(elsewhere, unnamed, RULES)


def test_a_place_after_a_compass_phrase_is_named():
    evidence = evidence_of("SDF fighters clashed with the army east of Raqqa.", ("SDF",), RULES)
    assert evidence.places == {place_key("Raqqa")}
    outskirts = evidence_of("Jets struck targets on the outskirts of Hermel.", (), RULES)
    assert outskirts.places == {place_key("Hermel")}


@pytest.mark.parametrize(("one", "other", "same"), [
    pytest.param("Sinuni", "Snuny", True, id="vowels"),
    pytest.param("Tartus", "Tartous", True, id="ou"),
    pytest.param("Latakia", "Lattakia", True, id="doubled"),
    pytest.param("Idlib", "Edlib", True, id="first-vowel"),
    pytest.param("al-Qaim", "Qa'im", True, id="article-apostrophe"),
    pytest.param("Ghwayran", "Gweiran", True, id="gh"),
    pytest.param("Şanlıurfa", "Sanliurfa", True, id="accents"),
    pytest.param("Sulaymaniyah", "Sulaimaniya", True, id="final-h"),
    pytest.param("Qamishli", "Kobani", False, id="two-towns"),
    pytest.param("Harir", "Hermel", False, id="one-consonant-apart"),
    pytest.param("Hama", "Homs", False, id="hama-homs"),
])
def test_a_place_key_is_blind_to_transliteration_only(one: str, other: str, same: bool):
    assert (place_key(one) == place_key(other)) is same


def test_a_named_place_goes_on_past_its_first_word_and_through_town_of():
    sinuni = evidence_of("Soldiers and YBS fighters clashed in the town of Sinuni, north of "
                         "Mount Sinjar.", (), RULES)
    assert sinuni.places == {place_key("Sinuni"), place_key("Sinjar")}
    at_sea = evidence_of("The Guards seized a tanker off Qeshm on Monday.", (), RULES)
    assert at_sea.places == {place_key("Qeshm")}


def test_two_towns_whose_names_begin_alike_are_two_places():
    tamr = told("a", "Turkish drones struck PKK men near Tal Tamr.", STRIKE_SIDES)
    abyad = told("b", "Turkish drones struck PKK men near Tal Abyad.", STRIKE_SIDES)
    spelled = told("c", "Turkish drones hit PKK fighters near Tel Tamer.", STRIKE_SIDES)
    assert why_apart(tamr, abyad, RULES) == "places differ"
    assert same_event(tamr, spelled, RULES)


def test_a_country_as_place_holds_its_cities():
    talks = ((SHARAA, "al-Sharaa"), (SUDANI, "al-Sudani"))
    russia = call("a", "Al-Sharaa met al-Sudani in Russia.", talks,
                  place=Place("Russia", None, None, "RUS"))
    moscow = call("b", "Al-Sharaa met al-Sudani in Moscow.", talks,
                  place=Place("Moscow", 55.75, 37.62, "RUS"))
    damascus = call("c", "Al-Sharaa met al-Sudani in Damascus.", talks,
                    place=Place("Damascus", 33.51, 36.29, "SYR"))
    assert same_event(russia, moscow, RULES)
    assert why_apart(russia, damascus, RULES) == "places differ"


def test_a_report_fitting_strikes_in_two_named_towns_is_ambiguous():
    # the same day, the same sides: one report names Tyre, one Sinjar, one no place at all
    tyre = told("a", "Turkish warplanes struck PKK men near Tyre.", STRIKE_SIDES)
    sinjar = told("b", "Turkish warplanes bombed PKK caves near Sinjar.", STRIKE_SIDES)
    unnamed = told("c", "Turkish warplanes hit PKK hideouts.", STRIKE_SIDES)
    assert ambiguity([tyre, sinjar], RULES) == "matches' places disagree"
    clusters = cluster_reports([tyre, sinjar, unnamed], RULES).clusters
    assert len(set(clusters.values())) == 3


def call(doc: str, sentence: str, sides, **kw) -> Report:
    return told(doc, sentence, sides, event_type="CONSULT", **kw)


def test_an_ambiguous_report_joins_the_event_its_words_point_to():
    # Sharaa -> (unresolved): fits the leaders' phone call and the intelligence chief's visit
    # (two Iraqi people: ambiguous); only the call's reports share its words.
    phone = [
        call("a", "Al-Sudani and al-Sharaa discussed border trade by telephone.",
             ((SUDANI, "Al-Sudani"), (SHARAA, "al-Sharaa"))),
        call("b", "Al-Sudani received a telephone call from al-Sharaa.",
             ((SUDANI, "Al-Sudani"), (SHARAA, "al-Sharaa"))),
    ]  # fmt: skip
    visit = call("c", "Al-Shatri met al-Sharaa in Damascus to discuss prisoners.",
                 ((SHATRI, "Al-Shatri"), (SHARAA, "al-Sharaa")))  # fmt: skip
    ambiguous = call(
        "d", "Al-Sharaa spoke by telephone with Iraq's prime minister about border trade.",
        ((SHARAA, "Al-Sharaa"), (None, None)), precision="week",
    )  # fmt: skip
    clusters = cluster_reports([*phone, visit, ambiguous], RULES).clusters
    assert clusters == {"a:0": "a:0", "b:0": "a:0", "c:0": "c:0", "d:0": "a:0"}


def test_an_ambiguous_report_with_no_clear_match_joins_neither():
    first = call("a", "Al-Sudani and al-Sharaa discussed water by telephone.",
                 ((SUDANI, "Al-Sudani"), (SHARAA, "al-Sharaa")))  # fmt: skip
    second = call("c", "Al-Shatri met al-Sharaa to discuss water.",
                  ((SHATRI, "Al-Shatri"), (SHARAA, "al-Sharaa")))  # fmt: skip
    ambiguous = call("d", "Al-Sharaa discussed water with an Iraqi envoy.",
                     ((SHARAA, "Al-Sharaa"), (None, None)), precision="week")  # fmt: skip
    clusters = cluster_reports([first, second, ambiguous], RULES).clusters
    assert clusters == {"a:0": "a:0", "c:0": "c:0", "d:0": "d:0"}


IRQ = Side("irq", "IRQ", None, "country")
TUR = Side("tur", "TUR", None, "country")


def test_a_deal_coded_with_one_side_takes_its_other_participant():
    iraq_told = told("a", "Iraq and Turkey signed a water deal.", ((IRQ, "Iraq"), (None, None)),
                     event_type="AGREE")  # fmt: skip
    turkey_told = told("b", "Turkey and Iraq signed a water deal.", ((TUR, "Turkey"), (None, None)),
                       event_type="AGREE")  # fmt: skip
    assert not same_event(iraq_told, turkey_told, RULES)
    with_others = [
        dataclasses.replace(iraq_told, others=(TUR,)),
        dataclasses.replace(turkey_told, others=(IRQ,)),
    ]
    assert same_event(*with_others, RULES)


def test_related_types_fuse_only_when_their_sentences_agree():
    sides = ((IRQ, "Iraq"), (TUR, "Turkey"))
    accused = told("a", "Iraq accused Turkey of cutting Tigris water flows.", sides,
                   event_type="ACCUSE")  # fmt: skip
    rejected = told("b", "Iraq rejected Turkey's cuts to Tigris water flows.", sides,
                    event_type="REJECT")  # fmt: skip
    unrelated = told("c", "Iraq rejected Turkey's claims about the border.", sides,
                     event_type="REJECT")  # fmt: skip
    assert same_event(accused, rejected, RULES)
    assert not same_event(accused, unrelated, RULES)


def test_why_apart_names_the_rule_that_keeps_two_reports_apart():
    sides = ((IRQ, "Iraq"), (TUR, "Turkey"))
    talks = told("a", "Iraq and Turkey held talks on water.", sides, event_type="CONSULT")
    assert why_apart(talks, told("b", "Iraq and Turkey discussed water.", sides,
                                 event_type="CONSULT"), RULES) is None  # fmt: skip
    assert why_apart(talks, dataclasses.replace(talks, doc_id="c", flags=(True, False, False)),
                     RULES) == "flags differ"  # fmt: skip
    assert why_apart(talks, told("d", "Iraq shelled Turkey.", sides), RULES) == (
        "types of no one kin"
    )
    assert why_apart(talks, told("e", "Iraq and Turkey agreed on a plan.", sides,
                                 event_type="AGREE"), RULES) == "kin types, too few shared words"
    later = told("f", "Iraq and Turkey held talks on water.", sides, event_type="CONSULT",
                 date=TUESDAY + dt.timedelta(days=7))  # fmt: skip
    assert why_apart(talks, later, RULES) == "dates apart"
    other_dyad = told("g", "Iraq and Syria held talks on water.", ((IRQ, "Iraq"), (SHARAA, None)),
                      event_type="CONSULT")  # fmt: skip
    assert why_apart(talks, other_dyad, RULES) == "sides do not fit"
    unresolved = told("h", "Talks on water were held.", ((None, None), (None, None)),
                      event_type="CONSULT")  # fmt: skip
    assert why_apart(talks, unresolved, RULES) == "no side known in both"


def test_ambiguity_names_what_splits_a_reports_matches():
    sides = ((SUDANI, "Al-Sudani"), (SHARAA, "al-Sharaa"))
    monday = call("a", "Al-Sudani met al-Sharaa.", sides, date=TUESDAY - dt.timedelta(days=1))
    friday = call("b", "Al-Sudani met al-Sharaa.", sides, date=TUESDAY + dt.timedelta(days=3))
    visit = call("c", "Al-Shatri met al-Sharaa.", ((SHATRI, "Al-Shatri"), (SHARAA, "al-Sharaa")))
    assert ambiguity([monday], RULES) is None
    assert ambiguity([monday, friday], RULES) == "matches' dates disagree"
    assert ambiguity([monday, visit], RULES) == "matches name two people of one country"


def test_two_named_days_fit_only_a_day_apart():
    sides = ((TURMIL, "Turkish jets"), (PKK, "PKK"))
    sunday = told("a", "Turkish jets struck PKK caves on Sunday.", sides,
                  date=TUESDAY - dt.timedelta(days=2))  # fmt: skip
    monday = told("b", "Turkish jets struck PKK caves on Monday.", sides,
                  date=TUESDAY - dt.timedelta(days=1))  # fmt: skip
    tuesday = told("c", "Turkish jets struck PKK caves on Tuesday.", sides)
    this_week = told("d", "Turkish jets struck PKK caves.", sides, precision="week")
    assert same_event(sunday, monday, RULES) and same_event(monday, tuesday, RULES)
    assert why_apart(sunday, tuesday, RULES) == "dates apart"
    # the undated report fits both strikes, which do not fit each other: it joins neither
    assert same_event(this_week, sunday, RULES) and same_event(this_week, tuesday, RULES)
    clusters = cluster_reports([sunday, tuesday, this_week], RULES).clusters
    assert len(set(clusters.values())) == 3


def test_a_meeting_of_two_people_of_one_country_fits_its_retellings():
    # al-Sharaa and the SDF's Abdi are both Syrians: a report naming both is no conflict
    abdi = Side("person.mazloum-abdi", "SYR", "REB", "person")
    met = call("a", "Al-Sharaa met Abdi in Damascus.", ((SHARAA, "Al-Sharaa"), (abdi, "Abdi")))
    talks = call("b", "Abdi held talks with al-Sharaa in Damascus.",
                 ((abdi, "Abdi"), (SHARAA, "al-Sharaa")))
    half = call("c", "Al-Sharaa held talks in Damascus.", ((SHARAA, "Al-Sharaa"), (None, None)))
    assert ambiguity([met, talks], RULES) is None
    assert len(set(cluster_reports([met, talks, half], RULES).clusters.values())) == 1


def test_a_named_force_fits_its_countrys_forces_but_not_another_named_force():
    irgc = Side("mil.irgc", "IRN", "MIL", "organization")
    artesh = Side("mil.artesh", "IRN", "MIL", "organization")
    irnmil = Side("irn.mil", "IRN", "MIL", "sector")
    village = (None, None)
    by_irgc = told("a", "The IRGC shelled villages near Sidakan.", ((irgc, "The IRGC"), village))
    by_forces = told("b", "Iranian forces shelled villages near Sidakan.",
                     ((irnmil, "Iranian forces"), village))
    by_army = told("c", "The army shelled villages near Sidakan.", ((artesh, "The army"), village))
    assert same_event(by_irgc, by_forces, RULES)
    assert why_apart(by_irgc, by_army, RULES) == "sides do not fit"


def test_a_group_one_outlet_names_as_another_fits_it_but_not_any_group():
    # Turkish outlets tell the SDF as the "PKK/YPG" (fusion.toml [actors] told_as)
    sdf = Side("group.sdf", "SYR", "REB", "group")
    isis = Side("group.islamic-state", None, "REB", "group")
    by_kurds = told("a", "A Turkish drone hit an SDF car near Amuda.",
                    ((TURMIL, "A Turkish drone"), (sdf, "SDF")))
    by_ankara = told("b", "Turkish forces neutralised PKK terrorists near Amuda.",
                     ((TURMIL, "Turkish forces"), (PKK, "PKK")))
    other = told("c", "Turkish forces struck Islamic State cells near Amuda.",
                 ((TURMIL, "Turkish forces"), (isis, "Islamic State")))
    assert same_event(by_kurds, by_ankara, RULES)
    assert why_apart(by_kurds, other, RULES) == "sides do not fit"


def test_an_accusation_and_the_act_it_names_fit_with_sides_reversed():
    sdf = Side("group.sdf", "SYR", "REB", "group")
    damascus = Side("syr.gov", "SYR", "GOV", "sector")
    army = Side("syr.mil", "SYR", "MIL", "sector")
    shelled = told("a", "The army shelled SDF positions near Deir Hafer.",
                   ((army, "The army"), (sdf, "SDF")))
    accused = told("b", "The SDF accused Damascus of shelling its positions.",
                   ((sdf, "The SDF"), (damascus, "Damascus")), event_type="ACCUSE")
    assert same_event(shelled, accused, RULES)  # the government stands for its army here
    same_way = told("c", "The SDF accused Damascus of shelling its positions.",
                    ((damascus, "Damascus"), (sdf, "The SDF")), event_type="ACCUSE")
    assert why_apart(shelled, same_way, RULES) == "sides do not fit"


def test_a_clash_fits_either_sides_telling_of_it_a_one_way_attack_does_not():
    sdf = Side("group.sdf", "SYR", "REB", "group")
    army = Side("syr.mil", "SYR", "MIL", "sector")
    clash = told("a", "Syrian troops and the SDF exchanged mortar fire near Deir Hafer.",
                 ((army, "Syrian troops"), (sdf, "SDF")))
    shelled = told("b", "SDF units shelled army posts on the Deir Hafer front.",
                   ((sdf, "SDF units"), (army, "army")))
    assert same_event(clash, shelled, RULES)
    attack = told("c", "Syrian troops shelled SDF positions near Deir Hafer.",
                  ((army, "Syrian troops"), (sdf, "SDF")))
    assert why_apart(attack, shelled, RULES) == "sides do not fit"


def test_a_rules_file_from_before_allegations_still_loads(tmp_path):
    text = FUSION_RULES_FILE.read_text("utf-8")
    older = text[:text.index("[allegations]")] + text[text.index("[actors]"):]
    (tmp_path / "fusion.toml").write_text(older, "utf-8")
    rules = load_fusion_rules(tmp_path / "fusion.toml")
    assert rules.alleged is None
    assert rules.block_of("ACCUSE") != rules.block_of("ASSAULT")


def test_a_rules_file_from_before_told_as_still_loads(tmp_path):
    text = FUSION_RULES_FILE.read_text("utf-8")
    start = text.index("# Named groups that outlets tell")
    older = text[:start] + text[text.index("[dates]"):]
    (tmp_path / "fusion.toml").write_text(older, "utf-8")
    assert load_fusion_rules(tmp_path / "fusion.toml").told_as == {}


def test_a_rules_file_from_before_reciprocal_words_still_loads(tmp_path):
    text = FUSION_RULES_FILE.read_text("utf-8")
    start = text.index("# Words telling an act two sides did to each other")
    older = text[:start] + text[text.index("# A bare country"):]
    (tmp_path / "fusion.toml").write_text(older, "utf-8")
    assert load_fusion_rules(tmp_path / "fusion.toml").reciprocal_stems == frozenset()


def test_a_states_government_fits_its_forces_when_the_other_side_is_the_same_actor():
    baghdad = Side("irq.gov", "IRQ", "GOV", "sector")
    ankara = Side("tur.gov", "TUR", "GOV", "sector")
    strikes = told("a", "Baghdad condemned the Turkish strikes near Amadiya.",
                   ((baghdad, "Baghdad"), (TURMIL, "Turkish")), event_type="ACCUSE")
    ankara_told = told("b", "Iraq's government condemned Ankara over the strikes near Amadiya.",
                       ((baghdad, "Iraq's government"), (ankara, "Ankara")),
                       event_type="ACCUSE")
    assert same_event(strikes, ankara_told, RULES)
    # with no side the same actor in both, an arm of a state is not the state's other arm
    unnamed = told("c", "Turkish forces were condemned over the strikes near Amadiya.",
                   ((None, None), (TURMIL, "Turkish forces")), event_type="ACCUSE")
    ankara_alone = told("d", "Ankara was condemned over the strikes near Amadiya.",
                        ((None, None), (ankara, "Ankara")), event_type="ACCUSE")
    assert why_apart(unnamed, ankara_alone, RULES) == "sides do not fit"
    # nor is another state's arm, nor the same state's police
    police = Side("tur.cop", "TUR", "COP", "sector")
    by_police = told("e", "Baghdad condemned Turkish police near Amadiya.",
                     ((baghdad, "Baghdad"), (police, "Turkish police")), event_type="ACCUSE")
    assert why_apart(strikes, by_police, RULES) == "sides do not fit"
    # nor is a person the state's other arm: two people of one government stay two
    shaibani = Side("person.asaad-al-shaibani", "SYR", "GOV", "person")
    met = told("f", "Al-Sudani met al-Shaibani in Baghdad.",
               ((SUDANI, "Al-Sudani"), (shaibani, "al-Shaibani")), event_type="CONSULT")
    received = told("g", "Al-Sudani received al-Sharaa in Baghdad.",
                    ((SUDANI, "Al-Sudani"), (SHARAA, "al-Sharaa")), event_type="CONSULT")
    assert why_apart(met, received, RULES) == "sides do not fit"
