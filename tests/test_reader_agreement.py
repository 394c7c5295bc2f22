"""scripts/reader_agreement.py: a second reader's key scored against the first, the way suggest is."""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import reader_agreement  # noqa: E402

DEV = ROOT / "tests" / "fixtures" / "eval" / "dev"
NAME = "d_joint_press_conference"


def _row(out: str) -> list[str]:
    return [c.strip() for c in next(l for l in out.splitlines() if l.startswith(f"| {NAME} ")).split("|")[1:-1]]


def test_the_first_key_against_itself_agrees_fully(tmp_path, capsys):
    shutil.copy(DEV / f"{NAME}.expected.yaml", tmp_path)
    reader_agreement.main([str(tmp_path)])
    n = len(yaml.safe_load((DEV / f"{NAME}.expected.yaml").read_text(encoding="utf-8"))["stances"])
    assert _row(capsys.readouterr().out) == [NAME, str(n), str(n), f"{n} (100%)", "0 (0%)", str(n)]


def test_a_changed_position_is_one_miss_and_one_row_not_in_the_first(tmp_path, capsys):
    key = yaml.safe_load((DEV / f"{NAME}.expected.yaml").read_text(encoding="utf-8"))
    first = key["stances"][0]
    issue = next(i for i in yaml.safe_load((ROOT / "data" / "coalition.yaml").read_text(encoding="utf-8"))["issues"]
                 if i["id"] == first["issue"])
    first["position"] = next(p["id"] for p in issue["positions"] if p["id"] != first["position"]
                             and (first["country"], first["issue"], p["id"]) not in
                             {(s["country"], s["issue"], s["position"]) for s in key["stances"]})
    (tmp_path / f"{NAME}.expected.yaml").write_text(yaml.safe_dump(key, allow_unicode=True), encoding="utf-8")
    reader_agreement.main([str(tmp_path)])
    n = len(key["stances"])
    row = _row(capsys.readouterr().out)
    assert row[1:3] == [str(n), str(n)]
    assert row[3].startswith(f"{n - 1} (") and row[4].startswith("1 (") and row[5] == str(n - 1)
