"""How often two careful readers agree: a second reader's keys scored as if they were suggestions.

    python scripts/reader_agreement.py tests/fixtures/eval/second_reader

For each key in the folder (``NAME.expected.yaml``, written by a second reader from ``NAME.txt`` alone),
the first reader's key of the same name in tests/fixtures/eval/dev/ is the truth. Two measures:
- **scored as suggest is**: a first reader's stance is found when the second reader lists the same
  country, issue and position on an overlapping quote; a second reader's row is "wrong" when its
  (country, issue, position) is not in the first key at all (scripts/eval_suggest.py's ``score``);
- **as lists**: the (country, issue, position) rows both keys share, whatever sentence they quote.
The figures bound what any analyser can reach against one reader's key.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from coalition import quotes, yamlio  # noqa: E402
from eval_suggest import EVAL, score, truth_from_expected  # noqa: E402


def as_draft(key: dict, text: str) -> SimpleNamespace:
    """A second reader's key in the shape ``score`` reads from a draft."""
    rows = []
    for s in key.get("stances") or []:
        spans = quotes.locate_all(s["quote"], text)
        rows.append(SimpleNamespace(country=s["country"], issue=s["issue"], position=s["position"],
                                    quote=s["quote"], span=spans[0] if spans else (-1, -1), via="second reader",
                                    rule=""))
    return SimpleNamespace(countries=list(key.get("countries") or []), events=[], figures=[], stances=rows)


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("folder", type=Path)
    a = p.parse_args(argv)
    lines = ["| article | first reader | second reader | found (scored as suggest) | second's rows not in first "
             "| shared rows (as lists) |", "|---|---|---|---|---|---|"]
    tot = dict(first=0, second=0, found=0, wrong=0, shared=0)
    for key_path in sorted(a.folder.glob("*.expected.yaml")):
        name = key_path.name.replace(".expected.yaml", "")
        text = (EVAL / "dev" / f"{name}.txt").read_text(encoding="utf-8")
        first = yamlio.loads(yamlio.read_text(EVAL / "dev" / f"{name}.expected.yaml"))
        second = yamlio.loads(yamlio.read_text(key_path))
        r = score(as_draft(second, text), truth_from_expected(first, text))["stances"]
        rows1 = {(s["country"], s["issue"], s["position"]) for s in first["stances"]}
        rows2 = {(s["country"], s["issue"], s["position"]) for s in second.get("stances") or []}
        n = dict(first=len(first["stances"]), second=r["suggested"], found=r["same_position"],
                 wrong=r["suggested"] - r["consistent"], shared=len(rows1 & rows2))
        for k in tot:
            tot[k] += n[k]
        lines.append(f"| {name} | {n['first']} | {n['second']} | {n['found']} ({n['found'] / n['first']:.0%}) | "
                     f"{n['wrong']} ({n['wrong'] / max(n['second'], 1):.0%}) | {n['shared']} |")
    if tot["first"]:
        lines.append(f"| **all** | {tot['first']} | {tot['second']} | {tot['found']} ({tot['found'] / tot['first']:.0%}) "
                     f"| {tot['wrong']} ({tot['wrong'] / max(tot['second'], 1):.0%}) | {tot['shared']} |")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
