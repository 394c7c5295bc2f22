"""`coalition suggest` across sentences (issue 14), and the evaluation script's per-mechanism table.

Every sentence here is invented for the test; none is taken from an evaluation article.
"""
from __future__ import annotations

import datetime as dt
import importlib.util
import subprocess
import sys
from pathlib import Path

from coalition import suggest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "fixtures" / "frozen" / "data" / "coalition.yaml"
PUB = dt.date(2025, 3, 20)  # a Thursday


def _eval_module():
    spec = importlib.util.spec_from_file_location("eval_suggest", ROOT / "scripts" / "eval_suggest.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules["eval_suggest"] = mod  # (its dataclasses look their module up)
    spec.loader.exec_module(mod)
    return mod


def draft(text: str, published: dt.date = PUB):
    return suggest.suggest(text, published, "seeds/test_context.txt", data_file=DATA)


def stances(text: str) -> set[tuple[str, str, str]]:
    return {(s.country, s.issue, s.position) for s in draft(text).stances}


# --- the evaluation script's --by-mechanism table ---------------------------------
def test_by_mechanism_counts_suggestions_consistent_wrong_and_found():
    ev = _eval_module()
    text = "Norway will send troops to the force. Sweden will not send troops."
    d = draft(text)
    assert {s.via for s in d.stances} == {"strong"}
    truth = ev.truth_from_expected({"stances": [
        {"country": "NOR", "issue": "troops", "position": "committed", "quote": "Norway will send troops"},
        {"country": "FIN", "issue": "troops", "position": "declined", "quote": "Sweden will not send troops"},
    ]}, text)
    bm = ev.score(d, truth)["stances"]["by_mechanism"]
    pos = {(s.country, s.position) for s in d.stances}
    assert ("NOR", "committed") in pos and ("SWE", "declined") in pos
    assert bm["strong"]["suggested"] == len(d.stances)
    assert bm["strong"]["wrong"] == len(d.stances) - 1  # only Norway's is on record
    assert bm["strong"]["consistent"] == 1 and bm["strong"]["found"] == 1
    attributed = [k for k in bm if k.startswith("strong | ")]
    assert attributed and all("Norway" not in k and "NOR" not in k for k in attributed)  # names taken out
    assert sum(bm[k]["suggested"] for k in attributed) == len(d.stances)


def test_by_mechanism_option_prints_the_table():
    r = subprocess.run([sys.executable, str(ROOT / "scripts" / "eval_suggest.py"), "--only", "seeds",
                        "--by-mechanism"], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    i = lines.index("STANCE SUGGESTIONS BY MECHANISM")
    rows = [x for x in lines[i:] if x.startswith("| strong |")]
    assert len(rows) == 1 and int(rows[0].split("|")[2]) > 0



def test_a_stance_found_with_another_quote_counts_only_in_the_any_quote_table():
    ev = _eval_module()
    text = "Norway will send troops to the force. Oslo confirmed its pledge on Friday, officials said."
    d = draft(text)
    assert ("NOR", "troops", "committed") in {(s.country, s.issue, s.position) for s in d.stances}
    # the reader quoted the second sentence, which the rules do not read as a stance
    truth = ev.truth_from_expected({"stances": [
        {"country": "NOR", "issue": "troops", "position": "committed", "quote": "Oslo confirmed its pledge"},
        {"country": "SWE", "issue": "troops", "position": "declined", "quote": "Norway will send troops"},
    ]}, text)
    st = ev.score(d, truth)["stances"]
    assert st["same_position"] == 0 and st["anywhere"] == 1 and st["expected"] == 2
    rows = [("eval dev x.txt", {**ev.score(d, truth), "group": "dev", "writer": ""})]
    table = ev.any_quote_table(rows).splitlines()
    assert "| eval dev (1 articles) | 0 / 2 | 0% | 1 / 2 | 50% |" in table

# --- house conventions (round 7) ---------------------------------------------------
def test_considering_a_contribution_is_troops_undecided_not_join():
    got = stances("Portugal's defence minister said Lisbon would consider a contribution once the mission is defined, and Madrid is considering taking part.")
    assert ("PRT", "troops", "undecided") in got
    assert ("PRT", "join", "considering") not in got


def test_considering_taking_part_stays_join_considering():
    assert ("PRT", "join", "considering") in stances("Officials say Lisbon is considering taking part in the coalition.")


def test_an_observer_at_a_meeting_has_no_join_stance():
    got = stances("The coalition met in Paris on Thursday. Chile was represented by an observer.")
    assert not any(c == "CHL" and i == "join" for c, i, _ in got)
    assert ("CHL", "join", "joined") not in got


# --- a hedge naming no issue takes the issue of the sentence before --------------------
def test_a_hedge_only_sentence_takes_the_issue_of_the_sentence_before():
    got = stances("Lithuania will send troops to the force. Latvia has thus not decided.")
    assert ("LTU", "troops", "committed") in got and ("LVA", "troops", "undecided") in got


def test_a_hedge_only_sentence_with_a_pronoun_object():
    got = stances("Estonia is ready to send soldiers. Finland is still weighing it.")
    assert ("FIN", "troops", "undecided") in got


def test_a_hedge_opening_a_paragraph_takes_the_issue_of_the_paragraph_before():
    got = stances("Denmark backs using the frozen Russian assets for Ukraine.\n\nItaly has yet to commit.")
    assert ("ITA", "frozen_assets", "undecided") in got


def test_a_hedge_after_a_sentence_of_two_issues_takes_neither():
    got = stances("Norway will send troops and backs using the frozen Russian assets. Latvia has not yet decided.")
    assert not any(c == "LVA" for c, _, _ in got)


def test_a_hedge_after_a_sentence_with_no_issue_takes_nothing():
    assert not any(c == "LVA" for c, _, _ in stances("The ministers met in Paris on Thursday.\n\nLatvia has not yet decided."))


def test_a_refusal_with_no_object_takes_the_issue_of_the_sentence_before():
    got = stances("Kyiv has accepted the proposal for a 30-day ceasefire. The Kremlin has so far declined.")
    assert ("RUS", "ceasefire_talks", "resisting") in got


def test_said_no_ends_a_sentence_and_takes_the_issue_before():
    # "no." is an abbreviation only before a number ("No. 10"): here it ends the refusal's sentence
    got = stances("Several leaders backed a freeze of the front line to reach a ceasefire. Moscow has said no. "
                  "Lavrov said the sanctions must be lifted first.")
    assert ("RUS", "ceasefire_talks", "resisting") in got
    assert [u.text for u in suggest.units("He lives at No. 10 Downing Street.")] == ["He lives at No. 10 Downing Street."]


def test_declining_to_comment_is_no_refusal():
    got = stances("Kyiv has accepted the proposal for a 30-day ceasefire. The Kremlin declined to comment.")
    assert not any(c == "RUS" for c, _, _ in got)


# --- other help set against a refusal of troops -------------------------------------
def test_refusing_troops_but_funding_equipment_is_supply_only():
    got = stances("Luxembourg said it would not send personnel but would fund training and equipment.")
    assert ("LUX", "troops", "declined") in got and ("LUX", "weapons_intel", "supply_only") in got


def test_refusing_troops_with_a_contribution_named_after_a_semicolon():
    got = stances("Slovenia will not send soldiers to Ukraine; its contribution will be the port of Koper.")
    assert ("SVN", "weapons_intel", "supply_only") in got


def test_another_country_offering_the_help_is_not_the_refuser():
    got = stances("Slovenia will not send soldiers to Ukraine, but Norway will fund air defence.")
    assert ("SVN", "weapons_intel", "supply_only") not in got


def test_help_only_asked_about_is_not_offered():
    got = stances("Slovenia has ruled out ground troops; whether Ljubljana would supply weapons is open.")
    assert ("SVN", "weapons_intel", "supply_only") not in got


# --- a speaker tag does not replace a two-country subject ----------------------------
def test_both_after_a_speaker_tag_is_the_two_countries_named_before():
    got = stances("Spain and Portugal will share the naval command, Mr Sanchez confirmed, and both have said they "
                  "will put troops on the ground.")
    assert ("ESP", "troops", "committed") in got and ("PRT", "troops", "committed") in got


def test_a_speaker_tag_alone_keeps_the_two_country_subject():
    got = stances("Spain and Portugal will send troops to the force, Mr Sanchez confirmed.")
    assert ("ESP", "troops", "committed") in got and ("PRT", "troops", "committed") in got


# --- attendance with a speaker's tag as an aside ---------------------------------------
def test_a_speaker_tag_aside_does_not_stop_attendance():
    assert ("GRC", "join", "joined") in stances("Greece, he added, has taken part in every coalition meeting.")


def test_a_speaker_reporting_attendance_is_not_the_attendee():
    got = stances("Mr Healey confirmed that Greece took part in the meeting.")
    assert ("GRC", "join", "joined") in got and ("GBR", "join", "joined") not in got


def test_ready_to_contribute_military_means_is_troops_committed():
    got = stances("Slovenia is ready to contribute a staff team and a company of infantry.")
    assert ("SVN", "troops", "committed") in got and ("SVN", "join", "joined") not in got
    assert ("SVN", "troops", "committed") in stances("Slovenia is prepared to contribute staff officers.")
    # contributing to the force is sending troops (round 11; the keys read it so)
    assert stances("Slovenia said it was ready to contribute to a reassurance force.") == {("SVN", "troops", "committed")}


def test_ready_to_contribute_alone_stays_join():
    assert ("SVN", "join", "joined") in stances("Slovenia is ready to contribute, its prime minister says, but not yet.")


def test_a_correspondents_turn_in_a_two_way_is_the_report():
    # with a presenter on air, the correspondent informs: the turn is read as narration, not as the asker's lines
    text = ("PRESENTER: Now, the money. The frozen Russian assets are back on the agenda.\n\n"
            "CORRESPONDENT: Yes, and this is where it gets interesting. Merz is the big champion of using the assets "
            "for the reparations loan.\n")
    assert ("DEU", "frozen_assets", "use_principal") in stances(text)


def test_a_reporters_question_at_a_press_conference_is_still_a_question():
    text = ("Transcript of the press conference.\n\nREPORTER: Spain will send troops, won't it?\n\n"
            "SANCHEZ: We have not decided.\n")
    assert ("ESP", "troops", "committed") not in stances(text)
