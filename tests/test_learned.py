"""The learned second reader of stances (coalition/learned.py) and its use in suggest.

Exact readings are pinned with small hand-made models (frozen here), never with data/stance_model.json, which is
retrained whenever the development set grows; the shipped model is only checked to load and to be trained on the
development set as it stands.
"""
from __future__ import annotations

import datetime as dt
import json
import math
import sys
from pathlib import Path

import pytest

from coalition import learned, suggest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import eval_suggest  # noqa: E402
import train_stance_model  # noqa: E402

DATA = ROOT / "tests" / "fixtures" / "frozen" / "data" / "coalition.yaml"
PUB = dt.date(2025, 3, 20)
S = learned.SCALE


def tiny(threshold=0.7, veto=0.97) -> dict:
    """A model that reads 'send' after a country as troops: committed and 'weather' as nothing on troops (made to
    be told apart from the rules: it takes "Norway will send its regards" for a pledge)."""
    return {"format": learned.FORMAT, "threshold": threshold, "veto": veto, "issues": {
        "troops": {"classes": ["committed", "declined", "none"], "intercept": [0, 0, 2 * S],
                   "weights": {"r:send": [6 * S, 0, 0], "w:weather": [0, 0, 5 * S]}}}}


def test_features_name_the_country_and_the_others_and_what_the_rules_read():
    text = "Norway and Denmark will send troops."
    names = [learned.NameAt(100, 106, "NOR", True), learned.NameAt(111, 118, "DNK", True)]
    rules = [learned.RuleAt("DNK", "troops", "committed", (100, 136)), learned.RuleAt("NOR", "join", "joined",
                                                                                      (200, 230))]
    f = learned.features(text, 100, names, "NOR", rules)
    assert f["w:__c__"] == 1 and f["w:__o__"] == 1 and f["b:__c___and"] == 1
    assert f["r:send"] == 1 and f["first"] == 1 and f["nother"] == 1 and "neg" not in f
    assert f["ruleo:troops"] == 1 and "rule:join=joined" not in f  # the rule in another sentence is not read
    g = learned.features(text, 100, names, "DNK", rules)
    assert g["rule:troops=committed"] == 1 and g["rulei:troops"] == 1 and g["first"] == 0
    assert learned.features("Norway will not send troops.", 0, [learned.NameAt(0, 6, "NOR", True)], "NOR", [])["neg"]
    assert learned.features("Nothing new from Norway.", 0, [], "NOR", [])["neg"] == 0  # "no" is a word, not a prefix


def test_probabilities_are_a_softmax_or_a_logistic():
    m = learned.from_dict(tiny())
    p = m.issues["troops"].probabilities({"r:send": 1})
    assert sum(p.values()) == pytest.approx(1.0)
    assert p["committed"] == pytest.approx(math.exp(6) / (math.exp(6) + 1 + math.exp(2)))
    two = learned.from_dict({"format": 1, "threshold": 0.5, "veto": 0.9, "issues": {
        "join": {"classes": ["joined", "none"], "intercept": [S], "weights": {"w:x": [-3 * S]}}}})
    q = two.issues["join"].probabilities({"w:x": 1})
    assert q["none"] == pytest.approx(1 / (1 + math.exp(2))) and q["joined"] == pytest.approx(1 - q["none"])


@pytest.mark.parametrize("broken", [
    [], {"format": 2}, {"format": 1, "threshold": 0.7, "veto": 0.9},
    {"format": 1, "threshold": "high", "veto": 0.9, "issues": {}},
    {"format": 1, "threshold": 0.7, "veto": 0.9, "issues": {"troops": []}},
    {"format": 1, "threshold": 0.7, "veto": 0.9, "issues": {"troops": {"classes": ["a", "b"], "intercept": [0],
                                                                       "weights": {}}}},  # no "none"
    {"format": 1, "threshold": 0.7, "veto": 0.9, "issues": {"troops": {"classes": ["a", "b", "none"],
                                                                       "intercept": [0, 0], "weights": {}}}},
    {"format": 1, "threshold": 0.7, "veto": 0.9, "issues": {"troops": {"classes": ["a", "none"], "intercept": [0],
                                                                       "weights": {"w:x": ["1"]}}}},
])
def test_a_malformed_model_is_refused_with_a_clear_error(broken):
    with pytest.raises(learned.ModelError):
        learned.from_dict(broken)


def test_a_corrupt_model_file_names_itself_and_a_missing_one_means_the_rules_alone(tmp_path):
    bad = tmp_path / "m.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(learned.ModelError, match="m.json"):
        learned.load(bad)
    assert learned.load(tmp_path / "absent.json") is None


def test_apply_adds_where_the_rules_read_nothing_and_vetoes_where_it_is_sure_of_nothing():
    m = learned.from_dict(tiny())
    sentences = [("Norway will send troops.", 0, [learned.NameAt(0, 6, "NOR", True)]),
                 ("Sweden spoke of the weather.", 30, [learned.NameAt(30, 36, "SWE", True)]),
                 ("Denmark will send troops.", 70, [learned.NameAt(70, 77, "DNK", True)])]
    rules = [learned.RuleAt("SWE", "troops", "declined", (30, 58)), learned.RuleAt("DNK", "troops", "declined",
                                                                                   (70, 95))]
    added, vetoed = learned.apply(m, sentences, rules)
    assert [(si, c, i, p) for si, c, i, p, _ in added] == [(0, "NOR", "troops", "committed")]
    assert list(vetoed) == [0] and vetoed[0] >= 0.97  # Sweden's reading dropped; Denmark's (the rules') kept
    assert learned.apply(m, sentences, rules, known_issues={"join"}) == ([], {})  # an issue the data lacks
    m.threshold = 0.999
    assert learned.apply(m, sentences[:1], [])[0] == []  # not sure enough


def test_suggest_marks_what_the_model_added_and_lists_what_it_dropped():
    text = "Norway will send its regards. Sweden refused to deploy troops, citing the weather."
    model = learned.from_dict(tiny())
    d = suggest.suggest(text, PUB, "seeds/x.txt", data_file=DATA, stance_model=model)
    rules = suggest.suggest(text, PUB, "seeds/x.txt", data_file=DATA, stance_model=False)
    assert ("SWE", "troops", "declined") in {(s.country, s.issue, s.position) for s in rules.stances}
    got = {(s.country, s.issue, s.position): s for s in d.stances}
    assert ("SWE", "troops", "declined") not in got
    nor = got[("NOR", "troops", "committed")]
    assert nor.via == "learned" and nor.quote == "Norway will send its regards." and nor.date == PUB
    out = suggest.render(d)
    assert "cue 'learned model, " in out and "learned model: check the reading" in out
    assert "# dropped: the rules read troops: declined" in out and "citing the weather" in out
    assert {(s.country, s.issue) for s in d.rule_stances} == {(s.country, s.issue) for s in rules.stances}


def test_the_shipped_model_loads_and_was_trained_on_the_development_set_as_it_stands():
    m = learned.load()
    assert m is not None and set(m.issues) <= {"join", "troops", "leadership", "frozen_assets", "sanctions",
                                                 "us_backstop", "un_mandate", "without_russian_consent",
                                                 "weapons_intel", "ceasefire_talks"}
    assert 0.5 <= m.threshold < 1 and 0.5 < m.veto < 1
    n = len(list(eval_suggest.EVAL.joinpath("dev").glob("*.txt")))
    assert m.trained_on == f"{n} development articles, sha256 {train_stance_model.digest()}", \
        "the development set changed: retrain (python scripts/train_stance_model.py)"


def test_the_trainer_learns_the_keys_it_is_given(tmp_path):
    """Three development articles: the model trained on them reads most of their own keys back (a trainer that
    learned nothing, or mislabelled its rows, would not), and the file it writes loads."""

    folder = tmp_path / "dev"
    folder.mkdir()
    for f in sorted(eval_suggest.EVAL.joinpath("dev").glob("b_*"))[:6]:
        (folder / f.name).write_bytes(f.read_bytes())
    arts = train_stance_model.articles(folder)
    assert len(arts) == 3
    model = learned.from_dict(train_stance_model.train(arts, train_stance_model.issues_known(), min_df=1,
                                                       min_weight=0.0))
    model.threshold, model.veto = 0.5, 1.01  # what it learned, not the shipped cut-offs
    n_rules = train_stance_model.count(arts, None)
    n_model = train_stance_model.count(arts, model)
    assert n_model["found"] > n_rules["found"] and n_model["found"] / n_model["expected"] > 0.9


def test_eval_suggest_refuses_a_bad_model_file(tmp_path, capsys):
    bad = tmp_path / "m.json"
    bad.write_text(json.dumps({"format": 9}), encoding="utf-8")
    with pytest.raises(SystemExit):
        eval_suggest.main(["--only", "seeds", "--model", str(bad)])
    assert "--model" in capsys.readouterr().err


def test_a_stance_said_again_where_the_rules_read_it_is_labelled_with_its_position_not_none():
    """Keys list a country's position on an issue once; the same stance read by the rules in another sentence is
    that position in training (else the model learns to veto repeated stances: round 17's did, on a real seed)."""
    names = lambda c, at: [learned.NameAt(at, at + 2, c, True)]  # noqa: E731
    art = {"sentences": [("UK leads it.", 0, names("GBR", 0)), ("UK leads it again.", 20, names("GBR", 20)),
                         ("UK leads nothing here.", 50, names("GBR", 50))],
           "rules": [learned.RuleAt("GBR", "leadership", "leading", (0, 12)),
                     learned.RuleAt("GBR", "leadership", "leading", (20, 38)),
                     learned.RuleAt("GBR", "troops", "committed", (50, 72))],  # not on record: stays "none"
           "truth": [{"country": "GBR", "issue": "leadership", "position": "leading", "spans": [(0, 12)]}]}
    _, labels = train_stance_model.rows([art])
    assert labels == [{"leadership": "leading"}, {"leadership": "leading"}, {}]


def test_the_shipped_model_drops_nothing_the_rules_find_in_the_real_seed_articles():
    """The choice of threshold and veto asks it (the seeds are the only real prose we have); frozen data."""
    def found(model):
        return {label: r["stances"]["same_position"] for label, r in eval_suggest.run(DATA, "seeds", model)
                if not label.startswith("fixture")}
    rules, with_model = found(False), found(True)
    assert rules and all(with_model[k] >= rules[k] for k in rules), (rules, with_model)


def test_a_dropped_reading_is_kept_in_the_draft_for_a_country_with_nothing_else():
    """Sweden's only reading is dropped: the draft still lists Sweden (named in the sentence), with the reading as
    a comment under it."""
    text = "Sweden refused to deploy troops, citing the weather."
    d = suggest.suggest(text, PUB, "seeds/x.txt", data_file=DATA, stance_model=learned.from_dict(tiny()))
    assert d.stances == [] and [s.issue for s, _ in d.countries["SWE"].vetoed] == ["troops"]
    assert "# dropped: the rules read troops: declined" in suggest.render(d)


def test_the_draft_never_says_a_hundred_percent_sure():
    assert learned.sure(0.874) == "87% sure" and learned.sure(0.9996) == "over 99% sure"
