"""Wrong types everywhere: the corpus base with one value replaced, for every field path of the schema.

The field paths come from the validator's own field specs (``coalition.validate.*_FIELDS``), walked over
``base.yaml``: every top-level section, one record of each kind (the one with the most sub-records),
each of its fields (present or not), each nested record and the first item of each list of texts, and
a country code key. Each path gets each of ``WRONG`` in turn: huge numbers (``1`` followed by 309 zeros,
``1.0e+309``), booleans, a fraction, a negative number, empty and full lists and mappings, text, empty
text, nothing. Deterministic: the same cases in the same order on every run.

    python tests/bad_data/fuzz_types.py OUT_DIR   # writes OUT_DIR/<n>.yaml, one file per case
"""
from __future__ import annotations

import copy
import sys
from collections.abc import Iterator
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from coalition import validate as v  # noqa: E402
from coalition import yamlio  # noqa: E402

INF_TEXT = "__fuzz_float_overflow__"  # written as 1.0e+309 (a float literal the loader reads as inf)
WRONG: list[tuple[str, object]] = [
    ("int 1e309", 10**309), ("float 1.0e+309", INF_TEXT), ("true", True), ("false", False), ("1.5", 1.5),
    ("-1", -1), ("[]", []), ("list", ["a", 1, None]), ("{}", {}), ("mapping", {"x": 1, "y": [2]}),
    ("text", "some text"), ("''", ""), ("null", None),
]
EVIDENCE = ("list", v.EVIDENCE_FIELDS, {})
SCHEMA = {
    "sources": ("list", v.SOURCE_FIELDS, {}),
    "issues": ("list", v.ISSUE_FIELDS, {"positions": ("list", v.POSITION_FIELDS, {})}),
    "countries": ("map", v.COUNTRY_FIELDS, {"people": ("list", v.PERSON_FIELDS, {"evidence": EVIDENCE}),
                                            "stances": ("list", v.STANCE_FIELDS, {"evidence": EVIDENCE})}),
    "events": ("list", v.EVENT_FIELDS, {"participants": ("one", v.PARTICIPANT_FIELDS,
                                                         {"people": ("list", v.EVENT_PERSON_FIELDS, {}),
                                                          "attendance": ("list", v.ATTENDANCE_FIELDS, {})}),
                                        "evidence": EVIDENCE}),
    "figures": ("list", v.FIGURE_FIELDS, {"evidence": EVIDENCE}),
    "groups": ("list", v.GROUP_FIELDS, {"evidence": EVIDENCE}),
    "organisations": ("map", v.ORGANISATION_FIELDS, {"stances": ("list", v.STANCE_FIELDS, {"evidence": EVIDENCE})}),
}


def plain(value):
    """yamlio's Node/Seq as plain dicts and lists (what yaml.safe_dump writes)."""
    if isinstance(value, dict):
        return {k: plain(x) for k, x in value.items()}
    if isinstance(value, list):
        return [plain(x) for x in value]
    return value


def base_document() -> dict:
    """base.yaml cut to one record of each kind (the richest) and what it refers to: every path of the
    schema is still there, in a file a tenth of the size (the cases are many; parsing is their cost)."""
    doc = plain(yamlio.loads((HERE / "base.yaml").read_text(encoding="utf-8")))
    for section in ("events", "figures"):
        doc[section] = [doc[section][_richest(doc[section], SCHEMA[section][2])]]
    parts = doc["events"][0].get("participants") or {}
    keep = {_richest(doc["countries"], SCHEMA["countries"][2]), *(parts.get("countries") or []),
            *(p.get("country") for p in parts.get("people") or [])}
    doc["countries"] = {k: c for k, c in doc["countries"].items() if k in keep}
    # base.yaml (frozen, its lines pinned by expected.yaml) predates groups, organisations and attendance:
    # one valid record of each, built from what the cut document already holds
    code = sorted(keep)[0]
    stance = copy.deepcopy(next(st for c in doc["countries"].values() for st in c.get("stances") or []))
    fig = doc["figures"][0]
    parts["attendance"] = [{"country": code, "role": "observer", "person": "A. Envoy", "remote": True}]
    doc["events"][0]["participants"] = parts
    doc["groups"] = [{"id": "counted", "name": "Countries counted by a source", "count": 35, "approximate": True,
                      "issue": stance["issue"], "position": stance["position"], "date": stance["date"],
                      "date_precision": "approximate", "date_basis": "The source's date.", "members": [code],
                      "confidence": "reported", "summary": "A count of countries.",
                      "evidence": copy.deepcopy(fig["evidence"])}]
    doc["organisations"] = {"nato": {"name": "NATO", "kind": "alliance", "members": [code], "stances": [stance]}}  # (copies: no YAML alias)
    return doc


def _richest(items: dict | list, children: dict):
    """The key or index of the record holding the most of the nested records (ties: the first)."""
    keys = list(items) if isinstance(items, dict) else list(range(len(items)))
    return max(keys, key=lambda k: sum(bool(items[k].get(c)) for c in children) if isinstance(items[k], dict)
               else -1)


def _walk(record: dict, path: tuple, fields: dict, children: dict) -> Iterator[tuple]:
    for name, (_, kind) in fields.items():
        yield path + (name,)
        if kind == "texts" and isinstance(record.get(name), list) and record[name]:
            yield path + (name, 0)
    for name, (how, sub_fields, sub_children) in children.items():
        value = record.get(name)
        if how == "one" and isinstance(value, dict):
            yield from _walk(value, path + (name,), sub_fields, sub_children)
        elif how == "list" and isinstance(value, list) and value:
            i = _richest(value, sub_children)
            yield path + (name, i)
            yield from _walk(value[i], path + (name, i), sub_fields, sub_children)


def field_paths(doc: dict) -> list[tuple]:
    """Every path the cases change, in a fixed order."""
    out: list[tuple] = []
    for section, (how, fields, children) in SCHEMA.items():
        out.append((section,))
        items = doc[section]
        k = _richest(items, children)
        out.append((section, k))
        if how == "map":
            out.append((section, ("key", k)))  # the country code itself
        out.extend(_walk(items[k], (section, k), fields, children))
    return out


def _set(doc: dict, path: tuple, value) -> dict:
    doc = copy.deepcopy(doc)
    parent = doc
    for step in path[:-1]:
        parent = parent[step]
    last = path[-1]
    if isinstance(last, tuple):  # rename a mapping key: the record stays, under a wrong key
        parent[value if isinstance(value, (str, int, float, bool)) or value is None else str(value)] = \
            parent.pop(last[1])
    else:
        parent[last] = value
    return doc


def dump(doc: dict) -> bytes:
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml's writer: the cases are many
    text = yaml.dump(doc, Dumper=dumper, sort_keys=False, allow_unicode=True, width=1000)
    return text.replace(INF_TEXT, "1.0e+309").encode("utf-8")


def cases() -> Iterator[tuple[str, str, bytes]]:
    """(field path as text, wrong value label, file bytes) for every path and wrong value."""
    doc = base_document()
    for path in field_paths(doc):
        shown = ".".join(str(p[1]) + "(key)" if isinstance(p, tuple) else str(p) for p in path)
        for label, value in WRONG:
            yield shown, label, dump(_set(doc, path, value))


if __name__ == "__main__":
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    for n, (where, label, raw) in enumerate(cases()):
        (out / f"{n:04d}.yaml").write_bytes(raw)
    print(f"wrote {n + 1} files to {out}")
