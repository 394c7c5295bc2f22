"""scripts/check_eval_keys.py: the quote and id checker an evaluation writer runs on their answer keys."""
from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = "Norway will send troops to the force. Hungary refuses to join the coalition.\n"
GOOD = """published: "2025-05-02"
style: wire report
countries: [NOR, HUN]
context_countries: []
events: []
figures: []
stances:
  - {country: NOR, issue: troops, position: committed, quote: "Norway will send troops to the force."}
  - {country: HUN, issue: join, position: declined, quote: "Hungary refuses to join the coalition."}
"""


def _checker():
    spec = importlib.util.spec_from_file_location("check_eval_keys", ROOT / "scripts" / "check_eval_keys.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _write(folder: Path, key: str) -> Path:
    folder.mkdir()
    (folder / "x_wire.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "x_wire.expected.yaml").write_text(key, encoding="utf-8")
    return folder


def test_a_correct_key_passes(tmp_path, capsys):
    assert _checker().main([str(_write(tmp_path / "ok", GOOD))]) == 0
    assert "TOTAL: 1 keys, 0 problem(s)" in capsys.readouterr().out


def test_a_wrong_quote_an_unknown_id_a_bad_code_and_two_positions_are_reported(tmp_path, capsys):
    bad = GOOD.replace("Norway will send troops to the force.", "Norway will send soldiers.") \
              .replace("position: declined", "position: maybe") \
              .replace("countries: [NOR, HUN]", "countries: [NOR, HUN, XXX]") \
        + '  - {country: NOR, issue: troops, position: undecided, quote: "Norway will send troops"}\n'
    assert _checker().main([str(_write(tmp_path / "bad", bad))]) == 1
    out = capsys.readouterr().out
    assert "quote not in article: 'Norway will send soldiers.'" in out
    assert "unknown position 'maybe' for issue join" in out
    assert "invalid ISO3 code 'XXX'" in out
    assert "two positions for NOR on troops" in out


def test_an_empty_folder_is_an_error(tmp_path, capsys):
    assert _checker().main([str(tmp_path)]) == 1
    assert "no keys found" in capsys.readouterr().out
