"""The bad-data corpus: broken variations of a valid data file, each with the problem it must raise.

``base.yaml`` is a frozen copy of ``data/coalition.yaml`` (commit 2a5dc57), so the
expected lines in ``expected.yaml`` never move when curators edit the real file.
Each case below changes it a little (or replaces it: empty, binary, huge...).
``expected.yaml`` says, for each case, the line, the record (``where``) and a fragment
of the message the validator must give.

    python tests/bad_data/make_corpus.py OUT_DIR

writes one small project per case (``OUT_DIR/<case>/data/coalition.yaml`` + a copy of
``seeds/``) so each can be tried by hand:
``python -m coalition validate --data OUT_DIR/tab_indent/data/coalition.yaml``.
The huge case (25 MB) is only written when asked for (``--huge``); tests make it in tmp.
"""
from __future__ import annotations

import random
import shutil
import sys
from pathlib import Path
from typing import Callable

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
BASE = HERE / "base.yaml"
EXPECTED = HERE / "expected.yaml"
MARKER_NAME = "PWNED_MARKER"  # a Python-object tag asks os.system to create this file

Build = Callable[[str, Path], "str | bytes"]


def replace(old: str, new: str) -> Build:
    """A case that replaces the first ``old`` of the base text with ``new`` ({marker} is filled in)."""

    def build(base: str, project: Path) -> str:
        assert old in base, f"corpus text not found in base.yaml: {old!r}"
        return base.replace(old, new.replace("{marker}", str(project / MARKER_NAME)), 1)

    return build


def const(value: str | bytes) -> Build:
    return lambda base, project: value


def _binary(base: str, project: Path) -> bytes:
    rng = random.Random(5)  # fixed: the same garbage every run
    return b"\x89PNG\r\n\x1a\n" + bytes(rng.randrange(256) for _ in range(4096))


def _alias_bomb(base: str, project: Path) -> str:
    """Billion laughs: 9 levels of 9 aliases each, ahead of the real records."""
    lines = ['lol0: &lol0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 10):
        lines.append(f"lol{i}: &lol{i} [" + ", ".join([f"*lol{i - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n" + base


def _huge(base: str, project: Path) -> str:
    """25 MB: the real records, then a comment padding it out."""
    pad = 25 * 1024 * 1024 - len(base.encode("utf-8"))
    return base + "#" + "x" * pad + "\n"


def _not_utf8(base: str, project: Path) -> bytes:
    return base.encode("utf-8").replace(b"name: Italy", b"name: Itali\xe0", 1)  # a Latin-1 byte


def _many(base: str, project: Path) -> str:
    """60,000 one-word list items: more values than a hand-edited file should hold (slow to compose)."""
    return base + "padding:\n" + "  - x\n" * 60_000


def _deep(base: str, project: Path) -> str:
    return base.replace("value: 24000", "value: " + "[" * 100_000 + "]" * 100_000, 1)


# name -> (what is broken, how to build it). Expected problems: expected.yaml.
CASES: dict[str, tuple[str, Build]] = {
    # --- YAML level: the file cannot be read as YAML at all
    "syntax_unclosed_bracket": ("a flow list never closed",
                                replace("  - id: troops\n", "  - id: [troops\n")),
    "syntax_bad_indent": ("a key indented by 3 spaces instead of 4",
                          replace("    region: Southern Europe\n", "   region: Southern Europe\n")),
    "syntax_unclosed_quote": ("a quoted summary whose closing quote is missing",
                              replace('summary: "Trump was due to speak with Putin."',
                                      'summary: "Trump was due to speak with Putin.')),
    "tab_indent": ("a tab used for indentation",
                   replace("    region: Southern Europe\n", "\tregion: Southern Europe\n")),
    "duplicate_key": ("the same key twice in one record",
                      replace("    region: Southern Europe\n", "    region: Southern Europe\n    region: Europe\n")),
    "duplicate_country": ("the same country code twice", replace("  DEU:\n", "  FRA:\n")),
    "alias_bomb": ("billion laughs: nested aliases that expand to 387 million strings", _alias_bomb),
    "python_object_apply": ("a tag asking to run os.system",
                            replace("value: 24000", "value: !!python/object/apply:os.system ['touch {marker}']")),
    "python_object_new": ("a tag asking to build a subprocess.Popen",
                          replace("value: 35", "value: !!python/object/new:subprocess.Popen [['touch', '{marker}']]")),
    "python_name": ("a tag asking for a Python function",
                    replace("unit: soldiers", "unit: !!python/name:os.system")),
    "custom_tag": ("an application tag (!include)", replace("unit: EUR", "unit: !include /etc/passwd")),
    "control_character": ("a BEL control character inside a name",
                          replace("name: Italy", "name: It\x07aly")),
    "nul_bytes": ("NUL bytes in the middle of the file", replace("name: Japan", "name: Ja\x00\x00pan")),
    "binary_garbage": ("a PNG header and random bytes instead of YAML", _binary),
    "not_utf8": ("a Latin-1 byte in an otherwise good file", _not_utf8),
    "empty_file": ("an empty file", const("")),
    "only_comments": ("only comments and blank lines", const("# nothing here yet\n\n   \n# still nothing\n")),
    "huge_file": ("25 MB: the records followed by padding", _huge),
    "deep_nesting": ("100,000 nested brackets (crashes libyaml's own composer)", _deep),
    "too_many_values": ("60,000 extra list items", _many),
    "giant_number": ("an integer of 5,000 digits", replace("value: 24000", "value: " + "9" * 5000)),
    "long_space_run": ("a stray last line 'x' + 200,000 spaces + 'y' (naming the record around it was quadratic)",
                       lambda base, project: base + "x" + " " * 200_000 + "y\n"),
    "not_a_mapping": ("a list at the top instead of a mapping", const("- sources\n- issues\n- countries\n")),
    # --- records: valid YAML, invalid data
    "wrong_type_score": ("a score written as a word",
                         replace('label: "Joined", score: 2', 'label: "Joined", score: two')),
    "wrong_type_value": ("a figure's value written as a word", replace("value: 24000", "value: lots")),
    "wrong_type_list": ("a list field given one bare value",
                        replace("    issues: [sanctions]\n", "    issues: sanctions\n")),
    "wrong_type_bool": ("a yes/no field written as 'yes'", replace("approximate: true", "approximate: yes")),
    "not_a_number": ("a figure's value .nan", replace("value: 30\n", "value: .nan\n")),
    "unknown_field": ("a field the schema does not know",
                      replace("    region: Southern Europe\n", "    region: Southern Europe\n    capital: Rome\n")),
    "missing_field": ("a stance without its confidence",
                      replace("        confidence: rumoured\n", "")),
    "missing_section": ("the figures section renamed", replace("\nfigures:\n", "\nfigurez:\n")),
    "unknown_country_code": ("a country code that is not ISO 3166-1", replace("  UKR:\n", "  UKX:\n")),
    "bad_position": ("a position the issue does not have",
                     replace("position: declined_conditional", "position: maybe")),
    "bad_confidence": ("a confidence level that does not exist",
                       replace("confidence: rumoured", "confidence: gossip")),
    "dangling_issue": ("a stance on an issue that does not exist",
                       replace("      - issue: un_mandate", "      - issue: un_resolution")),
    "dangling_source": ("evidence citing a source that does not exist",
                        replace("          - source: s004\n            quote: \"After a Zoom",
                                "          - source: s999\n            quote: \"After a Zoom")),
    "dangling_participant": ("an event participant not in the countries",
                             replace("countries: [USA, RUS]", "countries: [USA, CHN]")),
    "duplicate_event_id": ("two events with one id",
                           replace("  - id: trump_putin_call_2025_03_18", "  - id: trump_statement_2025_03_17")),
    "duplicate_issue_id": ("two issues with one id", replace("  - id: leadership", "  - id: troops")),
    "impossible_date": ("30 February",
                        replace('date: "2025-03-20"\n    date_precision', 'date: "2025-02-30"\n    date_precision')),
    "malformed_date": ("a date written day-first", replace('published: "2025-03-17"', 'published: "17/03/2025"')),
    "future_date": ("an event in 2099",
                    replace('date: "2025-03-20"\n    date_precision', 'date: "2099-03-20"\n    date_precision')),
    "date_end_before_start": ("an event that ends before it starts",
                              replace('date_end: "2025-03-16"', 'date_end: "2025-03-14"')),
    "quote_not_in_source": ("one word of a quote changed",
                            replace("but Tokyo declined to join for now.\"\n\n  AUS",
                                    "but Tokyo refused to join for now.\"\n\n  AUS")),
    "quote_very_long": ("a 20,000-character quote that is not in the source (slow to compare)",
                        replace("quote: \"many leaders of 35 countries\"",
                                "quote: \"" + " ".join(["the coalition met again"] * 870) + "\"")),
    "wrong_seed_file": ("a source pointing at the other seed: every one of its quotes fails (slow hints)",
                        replace("file: seeds/004_87bcee758dff4290.txt", "file: seeds/000_3b4eb8e4f72c0423.txt")),
    "missing_seed_file": ("a source whose seed file does not exist",
                          replace("file: seeds/004_87bcee758dff4290.txt", "file: seeds/nope.txt")),
    "seed_path_outside": ("a source whose file points outside the project",
                          replace("file: seeds/004_87bcee758dff4290.txt", "file: ../../etc/passwd")),
    "no_seeds_folder": ("a good file in a project without its seeds/ folder", lambda base, project: base),
}
NO_SEEDS = {"no_seeds_folder"}

SLOW_TO_MAKE = {"huge_file"}


def base_text() -> str:
    return BASE.read_text(encoding="utf-8")


def content(name: str, project: Path) -> str | bytes:
    """The bytes or text of one case (written into ``project``)."""
    return CASES[name][1](base_text(), project)


def project(name: str, where: Path) -> Path:
    """A project folder ``where`` holding data/coalition.yaml for the case (+ seeds/); returns the data file."""
    (where / "data").mkdir(parents=True, exist_ok=True)
    if name not in NO_SEEDS:
        shutil.copytree(ROOT / "seeds", where / "seeds", dirs_exist_ok=True)
    path = where / "data" / "coalition.yaml"
    body = content(name, where)
    if isinstance(body, bytes):
        path.write_bytes(body)
    else:
        path.write_bytes(body.encode("utf-8"))
    return path


def main(argv: list[str]) -> int:
    if not argv or argv[0].startswith("-"):
        print(__doc__)
        return 2
    out = Path(argv[0])
    huge = "--huge" in argv
    for name in CASES:
        if name in SLOW_TO_MAKE and not huge:
            continue
        target = out / name
        if target.exists():
            print(f"{target} exists; not overwriting it", file=sys.stderr)
            return 1
        print(project(name, target))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
