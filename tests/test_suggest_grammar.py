"""`coalition suggest` reads verb groups (issue 14, round 8): a cue written for a simple form ("will not send") is
found through tense, aspect and contraction ("is not going to send", "will not be sending", "won't be deployed",
"is set to contribute"), and a conditional clause keeps its own subject.

Every sentence here is invented for the test; none is taken from an evaluation article.
"""
from __future__ import annotations

import datetime as dt

import pytest

from coalition import suggest

from test_suggest_context import DATA

PUB = dt.date(2025, 3, 20)


def stances(text: str) -> set[tuple[str, str, str]]:
    return {(s.country, s.issue, s.position) for s in
            suggest.suggest(text, PUB, "seeds/test_grammar.txt", data_file=DATA).stances}


@pytest.mark.parametrize("text, expected", [
    ("Greece is not going to send troops to Ukraine.", ("GRC", "troops", "declined")),
    ("Italy will not be sending soldiers.", ("ITA", "troops", "declined")),
    ("Finnish troops won't be deployed inside Ukraine.", ("FIN", "troops", "declined")),
    ("Norway isn't going to put boots on the ground.", ("NOR", "troops", "declined")),
    ("Croatia is not sending troops.", ("HRV", "troops", "declined")),
    ("Sweden will be sending a company of soldiers.", ("SWE", "troops", "committed")),
    ("Estonia is set to contribute a company of infantry.", ("EST", "troops", "committed")),
    ("Latvia will not be joining the coalition.", ("LVA", "join", "declined")),
    ("Turkey is not going to take part in the coalition.", ("TUR", "join", "declined")),
    ("Canada is not going to lead the force.", ("CAN", "leadership", "not_leading")),
    ("Slovakia was never going to send troops.", ("SVK", "troops", "declined")),
    ("Romania has decided against sending troops.", ("ROU", "troops", "declined")),
    ("Hungary voted against joining the coalition.", ("HUN", "join", "declined")),
])
def test_a_verb_group_is_read_as_its_simple_form(text, expected):
    assert expected in stances(text)


def test_the_simple_forms_still_read_as_before():
    assert ("GRC", "troops", "declined") in stances("Greece will not send troops to Ukraine.")
    assert ("DNK", "troops", "committed") in stances("Denmark will send troops to Ukraine.")


@pytest.mark.parametrize("text", [
    "Belgium is not going to the summit in Paris.",  # going to a place, no verb group
    "Austria is going to send humanitarian aid to Ukraine.",  # the verb group holds no issue
    "Reporters asked whether Spain is going to send troops.",  # a question reported
])
def test_verb_groups_without_a_position_give_nothing(text):
    assert not stances(text)


def test_a_present_state_is_not_read_as_a_plan():
    # "is considering a contribution" stays joining considered (tests/fixtures/paris_talks.txt), not "will consider"
    got = stances("Canada is considering a contribution, according to two diplomats.")
    assert ("CAN", "join", "considering") in got and ("CAN", "troops", "undecided") not in got


def test_the_subject_right_after_if_belongs_to_the_condition():
    got = stances("If France is going to send troops, it will need a UN mandate.")
    assert ("FRA", "troops", "committed") not in got
    # a condition closed by its comma leaves the main clause's pledge
    assert ("GBR", "troops", "committed") in stances("If a truce holds, Britain will send troops.")
    assert ("POL", "troops", "declined") in stances("If the US stays out then Poland will not send troops.")


def test_a_negated_verb_group_with_a_condition_is_conditional():
    assert ("ROU", "troops", "declined_conditional") in stances(
        "Romania is not going to send troops unless there is a UN mandate.")


def test_other_help_set_against_troops_is_no_pledge_of_troops():
    got = stances("Poland is sending ammunition, not troops.")
    assert ("POL", "troops", "declined") in got and ("POL", "troops", "committed") not in got
    # troops set against other help stay a pledge
    assert ("GBR", "troops", "committed") in stances("Britain will send troops, not just weapons.")


def test_a_sentence_dated_to_an_earlier_year_is_history_unless_it_says_the_position_holds():
    assert not stances("In February 2024 Macron refused to rule out sending Western troops to Ukraine.")
    assert ("FRA", "troops", "undecided") in stances(
        "In February 2024 Macron refused to rule out sending troops, and he still does.")
    # a few weeks before a new year's article is news, not history
    assert ("FRA", "leadership", "leading") in stances("In December 2024 Macron said France would lead.")


@pytest.mark.parametrize("text, expected", [
    ("Ottawa has kept its options open on troops.", ("CAN", "troops", "undecided")),
    ("Spain keeps its options open on the frozen assets.", ("ESP", "frozen_assets", "undecided")),
    ("Austria will wait until it makes a final decision on soldiers.", ("AUT", "troops", "undecided")),
])
def test_general_words_of_an_open_decision_are_undecided(text, expected):
    assert expected in stances(text)


@pytest.mark.parametrize("text", [
    "Norway was going to send troops.",
    "Denmark had planned to send troops but now will not.",
    "Finland was set to lead the force before the election.",
])
def test_a_plan_of_the_past_is_no_position(text):
    assert not {s for s in stances(text) if s[2] in ("committed", "leading")}


def test_reported_speech_keeps_a_plan():
    # "is set to" moved into the past by "said": the plan stands
    assert ("FRA", "leadership", "leading") in stances("Macron said France was set to lead the force.")
    assert ("NOR", "troops", "committed") in stances("Stoere told reporters Norway was going to send troops.")


def test_a_report_the_sentence_says_was_denied_gives_no_stance():
    assert not stances("Reports that Greece would send troops were denied by Athens.")
    assert not stances("A report, according to which China could participate in a peace force, "
                       "was denied by the foreign ministry in Beijing.")
    assert ("GRC", "troops", "committed") in stances("Reports that Greece would send troops are true, Athens said.")


# --- round 10: who speaks in a quotation with no tag of its own ----------------------------------------------
@pytest.mark.parametrize("text, expected", [
    # the sentence before opens on one country's speaker and names nobody else
    ('The Swedish finance minister was blunt. "We should use the frozen Russian money, every cent of it."',
     ("SWE", "frozen_assets", "use_principal")),
    ('Alexander Stubb did not mince his words. "We will not lift a single sanction before a real peace."',
     ("FIN", "sanctions", "maintain")),
    # "he said" right after such a sentence is that speaker, not whoever spoke in an earlier paragraph
    ('Bart De Wever said Belgium wanted guarantees first.\n\nThe Danish prime minister, Mette Frederiksen, did not hide her '
     'impatience. "The frozen money has to be used for Ukraine now. Every month we wait costs lives," she said.',
     ("DNK", "frozen_assets", "use_principal")),
])
def test_a_quotation_after_a_sentence_opening_on_its_speaker(text, expected):
    assert expected in stances(text)


@pytest.mark.parametrize("text, wrong", [
    # two countries in the sentence before: nobody can tell whose words follow
    ('Macron met Tusk in Warsaw. "We should use the frozen Russian money."', ("FRA", "frozen_assets", "use_principal")),
    ('Macron met Tusk in Warsaw. "We should use the frozen Russian money."', ("POL", "frozen_assets", "use_principal")),
])
def test_no_speaker_is_guessed_when_the_sentence_before_names_two(text, wrong):
    assert wrong not in stances(text)


def test_an_answer_replied_after_asked_whether_carries_the_questions_issue():
    text = 'Asked whether Dutch marines might go to Ukraine, Schoof replied that "nothing is ruled in, nothing ruled out".'
    assert ("NLD", "troops", "undecided") in stances(text)


def test_abbreviation_stops_do_not_end_a_cue():
    # "U.S." inside a cue's gap ("accept ... ceasefire") used to stop it at the full stop
    assert ("UKR", "ceasefire_talks", "pushing") in stances("Ukraine has accepted a U.S. plan for a 30-day ceasefire.")
    assert ("UKR", "ceasefire_talks", "pushing") in stances("Kyiv accepted the U.N. call for a ceasefire at sea.")


# --- round 10: "the same" and a carried pronoun that is not the first one -------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("Norway has said it will send a company of engineers, and Denmark has said the same.",
     ("DNK", "troops", "committed")),
    ("Lithuania pledged a platoon after a ceasefire, and Vilnius's neighbour Latvia made the same commitment.",
     ("LVA", "troops", "committed")),
    ("Madrid said Spanish troops would not go to Ukraine. Portugal says much the same about its own soldiers.",
     ("PRT", "troops", "declined")),
    ("Austria is open to sending troops to Ukraine. Slovenia has said it is not ruling it out.",
     ("SVN", "troops", "undecided")),
])
def test_the_same_and_a_carried_object(text, expected):
    assert expected in stances(text)


def test_the_same_about_one_issue_copies_only_that_issue():
    text = ("Warsaw said Polish soldiers would not go to Ukraine and offered its airports instead. "
            "Finland has said much the same about its own troops.")
    got = stances(text)
    assert ("FIN", "troops", "declined") in got
    assert not any(c == "FIN" and i == "weapons_intel" for c, i, _ in got)


# round 11: quotation marks inside a phrase, and negations that stand away from their cue
@pytest.mark.parametrize("text, expected", [
    ('Australia was "open to" contributing to a peacekeeping presence, Albanese said.', ("AUS", "troops", "undecided")),
    ('Austria is "prepared to" send soldiers once there is a ceasefire, the chancellor said.',
     ("AUT", "troops", "committed")),
    ('"There is no question of New Zealand easing the pressure on Moscow," Luxon said.',
     ("NZL", "sanctions", "maintain")),
    ("The Trump administration has given little indication it is willing to provide a backstop.",
     ("USA", "us_backstop", "unlikely")),
    ("Moscow rejected on Thursday once again the call for an immediate ceasefire.",
     ("RUS", "ceasefire_talks", "resisting")),
])
def test_quoted_words_and_distant_negations(text, expected):
    assert expected in stances(text)


@pytest.mark.parametrize("text, wrong", [
    ('"There is no question of New Zealand easing the pressure on Moscow," Luxon said.',
     ("NZL", "sanctions", "ease")),
    ("The Trump administration has given little indication it is willing to provide a backstop.",
     ("USA", "us_backstop", "will_provide")),
    ("Moscow rejected on Thursday once again the call for an immediate ceasefire.",
     ("RUS", "ceasefire_talks", "pushing")),
    # a quotation that is a whole statement stays one: its words are not run into the sentence around them
    ('"We will not send troops," Rutte said, "but Norway will."', ("NOR", "troops", "declined")),
])
def test_distant_negations_do_not_give_the_opposite(text, wrong):
    assert wrong not in stances(text)


@pytest.mark.parametrize("text, expected, wrong", [
    # an adverbial negation a few words before the cue
    ('Hungary will "under no circumstances" join the coalition, Szijjarto wrote.', ("HUN", "join", "declined"),
     ("HUN", "join", "joined")),
    ("Hungary will in no case take part in the coalition.", ("HUN", "join", "declined"), ("HUN", "join", "joined")),
])
def test_adverbial_negations(text, expected, wrong):
    got = stances(text)
    assert expected in got and wrong not in got


@pytest.mark.parametrize("text, expected, wrong", [
    # a warning about what a measure would do is against it
    ("Prime Minister Bart De Wever has warned that seizing the principal would expose Belgium to enormous risk.",
     ("BEL", "frozen_assets", "oppose_principal"), ("BEL", "frozen_assets", "use_principal")),
    ("Merz warned that easing sanctions would reward Putin.", ("DEU", "sanctions", "maintain"),
     ("DEU", "sanctions", "ease")),
    # a warning to someone else that one will act is a pledge
    ("Starmer warned that Britain would send troops to Ukraine.", ("GBR", "troops", "committed"), None),
])
def test_a_warning_about_a_measure(text, expected, wrong):
    got = stances(text)
    assert expected in got and wrong not in got


def test_an_inverted_condition_is_no_position():
    got = stances('De Wever warned of "incalculable risks" for the financial centre, should one confiscate the principal.')
    assert ("BEL", "frozen_assets", "use_principal") not in got


@pytest.mark.parametrize("text, wrong", [
    # a report the sentence itself refutes or denies
    ('A report in Der Spiegel on Monday that Germany had promised to send engineers was, in Merz\'s words, "simply wrong".',
     ("DEU", "troops", "committed")),
    ('Tanner denied a report of the "Kronen Zeitung", according to which Austria had already promised soldiers.',
     ("AUT", "troops", "committed")),
    # nobody acts
    ("Nobody is sending troops anywhere this week, Luxon said of New Zealand.", ("NZL", "troops", "committed")),
])
def test_denied_reports_and_nobody(text, wrong):
    assert wrong not in stances(text)


def test_hearsay_does_not_supersede_a_firm_position():
    text = ("The Dutch cabinet has not yet decided whether to send soldiers to Ukraine. "
            "Earlier this year reports went around that the Netherlands would send a complete brigade.")
    got = stances(text)
    assert ("NLD", "troops", "undecided") in got and ("NLD", "troops", "committed") not in got


def test_a_sourced_rumour_still_supersedes():
    text = ("For months the coalition assumed that the United States would provide a backstop. "
            "American officials now say a US backstop is unlikely, according to two people familiar with the talks.")
    assert ("USA", "us_backstop", "unlikely") in stances(text)


@pytest.mark.parametrize("text, expected, wrong", [
    ('Sikorski told the paper that "not a single sanction should be eased until Russian troops have left Ukraine".',
     ("POL", "sanctions", "maintain"), {("POL", "sanctions", "ease"), ("POL", "troops", "declined_conditional")}),
    ("Sanchez said Spain will not accept that the sanctions are lifted as a gift to the aggressor.",
     ("ESP", "sanctions", "maintain"), {("ESP", "sanctions", "ease")}),
    ('Starmer said: "We\'ll keep turning the screw on Putin\'s war machine."', ("GBR", "sanctions", "maintain"), set()),
    ('Bessent said that the US sanctions "stay in force until Moscow comes to the table".',
     ("USA", "sanctions", "maintain"), set()),
])
def test_sanctions_kept(text, expected, wrong):
    got = stances(text)
    assert expected in got and not wrong & got
