"""A synthetic but VALID Coalition Tracker project, to measure how the app grows with the data.

    python3 bench/generate.py --factor 100 --out /tmp/coalition-100x

writes ``<out>/data/coalition.yaml`` and ``<out>/seeds/*.txt`` (never the repository's data/).
The file passes ``python -m coalition validate --data <out>/data/coalition.yaml``: every quote
is a unique generated sentence that really is in its generated seed text.

Sizes (``counts_for``): countries and issues are fixed (every European country of
data/world.geojson plus 20 others, 20 issues); records scale with ``factor``:
200 stance records, 50 events, 2 seed files and 4 figures per 1x, so 100x is the issue's set:
20,000 stances, 5,000 events, 200 seed files. (The real data holds 24 stances, 14 events,
2 seeds: 1x has the real number of seed files and ~8x its stances.)
"""
from __future__ import annotations

import argparse
import hashlib
import datetime as dt
import json
import random
import sys
from pathlib import Path

import pycountry
import yaml

ROOT = Path(__file__).resolve().parent.parent
GEOJSON = ROOT / "data" / "world.geojson"

# the real data's shape per 200 stances: counted groups ("around 30 nations") and organisations' own stances
# (the coalition, NATO, the EU...), which the Overview, matrix, map and country pages draw in sections of their own
PER_FACTOR = {"stances": 200, "events": 50, "sources": 2, "figures": 4, "groups": 2, "org_stances": 4}
ORGANISATIONS = [("coalition", "The coalition of the willing", "coalition"), ("nato", "NATO", "alliance"),
                 ("eu", "The European Union", "union"), ("un", "The United Nations", "international"),
                 ("g7", "The G7", "other")]
N_ISSUES = 20

# regions of the validator (coalition.validate.REGIONS) for the European outlines
EUROPE_REGION = {
    "Western Europe": "AND BEL FRA GBR IRL LIE LUX MCO NLD CHE AUT DEU",
    "Northern Europe": "DNK EST FIN ISL LTU LVA NOR SWE",
    "Southern Europe": "ALB BIH CYP ESP GRC HRV ITA MKD MLT MNE PRT SMR SRB SVN VAT XKX TUR",
    "Central Europe": "CZE HUN POL SVK",
    "Eastern Europe": "ARM AZE BGR BLR GEO MDA ROU RUS UKR",
}
OTHER_REGION = {
    "USA": "North America", "CAN": "North America", "MEX": "North America",
    "JPN": "Asia-Pacific", "KOR": "Asia-Pacific", "PRK": "Asia-Pacific", "AUS": "Asia-Pacific",
    "NZL": "Asia-Pacific", "CHN": "Asia-Pacific", "IND": "Asia-Pacific", "IDN": "Asia-Pacific",
    "IRQ": "Middle East", "SAU": "Middle East", "ISR": "Middle East", "IRN": "Middle East",
    "BRA": "Other", "ARG": "Other", "ZAF": "Other", "EGY": "Other", "NGA": "Other",
}
# issue ids: the real ones first (the app's default issue "join" among them), then more
ISSUE_IDS = [
    "join", "troops", "leadership", "frozen_assets", "sanctions", "us_backstop", "un_mandate",
    "without_russian_consent", "weapons_intel", "air_cover", "naval_patrols", "funding", "training",
    "logistics", "air_defence", "demining", "reconstruction", "energy_aid", "peace_talks", "border_monitoring",
]
POSITION_SETS = [
    [("yes", "Yes", 2), ("undecided", "Undecided", 0), ("no", "No", -2)],
    [("committed", "Committed", 2), ("leaning", "Leaning yes", 1), ("undecided", "Undecided", 0),
     ("declined_conditional", "No, unless...", -1), ("declined", "Declined", -2)],
    [("for", "For", 2), ("unclear", "Unclear", 0), ("sceptical", "Sceptical", -1), ("against", "Against", -2)],
]
CONFIDENCE = ["confirmed"] * 5 + ["reported"] * 3 + ["rumoured", "uncertain"]
KINDS = ["meeting"] * 4 + ["call"] * 3 + ["statement"] * 4 + ["report"] * 2
SPEAKERS = ["officials", "the foreign minister", "the defence minister", "a government spokesperson",
            "the prime minister", "diplomats", "the president", "senior sources", "the chief of staff"]
VERBS = ["said", "told reporters", "confirmed", "indicated", "suggested", "announced", "insisted", "repeated"]
ADVERBS = ["firmly", "cautiously", "once again", "for the first time", "after long talks", "in private",
           "publicly", "on the record"]
TOPICS = ["the ceasefire", "the reassurance force", "the coalition", "the talks in London", "the summit",
          "the frozen funds", "the peace plan", "air policing", "the sea lanes", "the mission's mandate"]
FILLER = [
    "The meeting ran late into the evening and ended without a joint communiqué.",
    "Analysts in the capital said the coming weeks would be decisive.",
    "It was not immediately clear how the plan would be financed.",
    "Reporters gathered outside the ministry as the talks went on.",
    "Neither side gave a timetable for the next round of negotiations.",
]


def counts_for(factor: int) -> dict:
    """How many records the generator writes at ``factor`` (countries and issues fixed)."""
    if factor < 1:
        raise ValueError("factor must be a whole number >= 1")
    out = {k: v * factor for k, v in PER_FACTOR.items()}
    out["issues"] = N_ISSUES
    out["countries"] = len(country_table())
    return out


def country_table() -> list[tuple[str, str, str]]:
    """(iso3, name, region): every European outline of data/world.geojson, then 20 others."""
    geo = json.loads(GEOJSON.read_text(encoding="utf-8"))
    region_of = {c: r for r, codes in EUROPE_REGION.items() for c in codes.split()}
    rows = []
    for feat in geo["features"]:
        p = feat["properties"]
        if p["region"] == "Europe":
            rows.append((p["iso3"], p["name"], region_of.get(p["iso3"], "Other")))
    for code, region in OTHER_REGION.items():
        c = pycountry.countries.get(alpha_3=code)
        if c is None:  # pragma: no cover - pycountry always knows these
            raise ValueError(f"{code} is not an ISO 3166-1 alpha-3 code")
        rows.append((code, getattr(c, "common_name", None) or c.name, region))
    return rows


class _Dumper(yaml.CSafeDumper if hasattr(yaml, "CSafeDumper") else yaml.SafeDumper):
    def ignore_aliases(self, data):  # the project's loader refuses aliases
        return True


def _sentence(rng: random.Random, serial: int, who: str, about: str) -> str:
    """One unique sentence: the serial number makes it occur once in its source."""
    return (f"In dispatch {serial}, {rng.choice(SPEAKERS)} of {who} {rng.choice(VERBS)} "
            f"{rng.choice(ADVERBS)} that {about} on {rng.choice(TOPICS)} stands.")


def generate(out: str | Path, factor: int = 1, seed: int = 1) -> Path:
    """Write a project (data/coalition.yaml + seeds/) into ``out``; return the YAML path."""
    out = Path(out).resolve()
    if out == ROOT or out.is_relative_to(ROOT / "data") or out.is_relative_to(ROOT / "seeds"):
        raise ValueError(f"refusing to write into the repository ({out}): pick a scratch folder")
    counts = counts_for(factor)
    rng = random.Random(seed)
    (out / "data").mkdir(parents=True, exist_ok=True)
    (out / "seeds").mkdir(parents=True, exist_ok=True)
    countries = country_table()
    names = {c: n for c, n, _ in countries}
    codes = [c for c, _, _ in countries]
    weights = [6 if c in ("GBR", "FRA", "DEU", "ITA", "POL", "USA", "UKR", "RUS") else 1 for c in codes]

    # sources: publication dates spread from March 2025, at most every 3 days
    n_src = counts["sources"]
    start = dt.date(2025, 3, 16)
    sources = []
    for k in range(n_src):
        pub = start + dt.timedelta(days=(k * 3) % 600)
        sources.append({"id": f"g{k:04d}", "file": f"{k:04d}", "pub": pub, "sentences": []})  # named when written
    serial = [0]

    def quote_in(src: dict, who: str, about: str) -> str:
        """A new sentence put into ``src``'s text; the quote as a curator copies it."""
        serial[0] += 1
        text = _sentence(rng, serial[0], who, about)
        if rng.random() < 0.3:  # seed uses a typographic apostrophe, the quote a straight one
            text = text.replace("stands.", "government’s line stands.")
        src["sentences"].append(text)
        return text.replace("’", "'")

    issues = []
    for n, iid in enumerate(ISSUE_IDS[:N_ISSUES]):
        pset = POSITION_SETS[n % len(POSITION_SETS)]
        issues.append({
            "id": iid, "question": f"Will it back {iid.replace('_', ' ')}?", "short": iid.replace("_", " ")[:18],
            "description": f"Generated benchmark issue {n + 1}.",
            "positions": [{"id": p, "label": lab, "score": s, "description": f"{lab} on {iid}."}
                          for p, lab, s in pset],
        })

    country_recs = {c: {"name": n, "region": r,
                        "people": [{"name": f"Leader of {n}", "role": "Head of government"},
                                   {"name": f"Minister of {n}", "role": "Defence minister"}],
                        "stances": []} for c, n, r in countries}
    for _ in range(counts["stances"]):
        code = rng.choices(codes, weights)[0]
        issue = rng.choice(issues)
        pos = rng.choice(issue["positions"])
        src = rng.choice(sources)
        date = src["pub"] - dt.timedelta(days=rng.randint(0, 3))
        evidence = [{"source": src["id"], "quote": quote_in(src, names[code], f"its position on {issue['id']}")}]
        if rng.random() < 0.25:
            other = rng.choice(sources)
            evidence.append({"source": other["id"],
                             "quote": quote_in(other, names[code], f"the record on {issue['id']}")})
        stance = {
            "issue": issue["id"], "date": date.isoformat(),
            "date_basis": f"Publication date of {src['id']} minus the days it names.",
            "position": pos["id"], "summary": f"{names[code]}: {pos['label']} on {issue['short']}.",
            "confidence": rng.choice(CONFIDENCE), "evidence": evidence,
        }
        if rng.random() < 0.1:
            stance["conditions"] = "Only with a UN Security Council resolution."
        country_recs[code]["stances"].append(stance)
    for rec in country_recs.values():  # curators keep each country's records in date order
        rec["stances"].sort(key=lambda s: (s["issue"], s["date"]))
        if not rec["stances"]:
            del rec["stances"]

    events = []
    for k in range(counts["events"]):
        src = rng.choice(sources)
        kind = rng.choice(KINDS)
        parts = rng.sample(codes, rng.randint(1, 6))
        ev = {"id": f"ev_{k:05d}", "title": f"{kind.title()} on {rng.choice(TOPICS)} ({k})"}
        if rng.random() < 0.03:
            ev.update({"date": "1953-07-27", "date_precision": "year", "kind": "context", "status": "held",
                       "context": True})
        else:
            d = src["pub"] - dt.timedelta(days=rng.randint(0, 5))
            ev.update({"date": d.isoformat(), "date_precision": rng.choice(["day", "day", "approximate"]),
                       "kind": kind, "status": rng.choice(["held", "held", "planned"])})
            if rng.random() < 0.1:
                ev["date_end"] = (d + dt.timedelta(days=1)).isoformat()
                ev["date_precision"] = "range"
        ev["date_basis"] = f"Named in {src['id']} (published {src['pub'].isoformat()})."
        ev["participants"] = {"countries": parts,
                              "people": [{"name": f"Leader of {names[parts[0]]}", "role": "Head of government",
                                          "country": parts[0]}]}
        ev["issues"] = [i["id"] for i in rng.sample(issues, rng.randint(1, 3))]
        ev["summary"] = f"Generated event {k} on {', '.join(ev['issues'])}."
        ev["evidence"] = [{"source": src["id"], "quote": quote_in(src, names[parts[0]], f"event {k}")}]
        events.append(ev)

    figures = []
    for k in range(counts["figures"]):
        src = rng.choice(sources)
        figures.append({"id": f"fig_{k:04d}", "value": rng.randint(10, 40), "approximate": rng.random() < 0.5,
                        "unit": "countries", "counts": "countries taking part",
                        "compare_group": f"group_{k % max(1, factor)}",
                        "evidence": [{"source": src["id"], "quote": quote_in(src, "the coalition", f"figure {k}")}]})

    groups = []
    for k in range(counts["groups"]):
        src = rng.choice(sources)
        issue = rng.choice(issues)
        members = rng.sample(codes, rng.randint(0, 4))
        groups.append({"id": f"group_{k:04d}", "name": f"Nations counted in dispatch {src['id']} ({k})",
                       "count": len(members) + rng.randint(5, 30), "approximate": rng.random() < 0.5,
                       "issue": issue["id"], "position": rng.choice(issue["positions"])["id"],
                       "date": src["pub"].isoformat(), "date_basis": f"Publication date of {src['id']}.",
                       "members": members, "confidence": rng.choice(CONFIDENCE),
                       "summary": f"A generated count of countries ({k}).",
                       "evidence": [{"source": src["id"], "quote": quote_in(src, "some nations", f"count {k}")}]})

    organisations = {oid: {"name": name, "kind": kind, "members": rng.sample(codes, 6), "stances": []}
                     for oid, name, kind in ORGANISATIONS}
    for k in range(counts["org_stances"]):
        oid, name, _ = rng.choice(ORGANISATIONS)
        issue = rng.choice(issues)
        src = rng.choice(sources)
        pos = rng.choice(issue["positions"])
        organisations[oid]["stances"].append({
            "issue": issue["id"], "date": src["pub"].isoformat(), "date_basis": f"Publication date of {src['id']}.",
            "position": pos["id"], "summary": f"{name}: {pos['label']} on {issue['short']}.",
            "confidence": rng.choice(CONFIDENCE),
            "evidence": [{"source": src["id"], "quote": quote_in(src, name, f"its line on {issue['id']}")}]})
    for rec in organisations.values():
        rec["stances"].sort(key=lambda s: (s["issue"], s["date"]))

    # seed texts: each source's sentences in paragraphs, with filler between them
    for src in sources:
        lines = [f"Benchmark dispatch {src['id']}, published {src['pub'].isoformat()}.", ""]
        para: list[str] = []
        for s in src["sentences"]:
            para.append(s)
            if rng.random() < 0.25:
                para.append(rng.choice(FILLER))
            if len(para) >= 6:
                lines += [" ".join(para), ""]
                para = []
        if para:
            lines.append(" ".join(para))
        if not src["sentences"]:
            lines.append(rng.choice(FILLER))
        text = "\n".join(lines) + "\n"
        src["sha256"] = hashlib.sha256(text.encode("utf-8")).hexdigest()
        src["file"] = f"seeds/{src['file']}_{src['sha256'][:16]}.txt"  # the naming rule: NNN_<hash>.txt
        (out / src["file"]).write_text(text, encoding="utf-8")

    doc = {
        "sources": [{"id": s["id"], "file": s["file"], "sha256": s["sha256"], "outlet": f"Bench Outlet {i % 7}",
                     "title": f"Generated dispatch {s['id']}", "published": s["pub"].isoformat(),
                     "published_basis": "Generated: the dateline of the benchmark dispatch."}
                    for i, s in enumerate(sources)],
        "issues": issues, "countries": country_recs, "events": events, "figures": figures,
        "groups": groups, "organisations": organisations,
    }
    path = out / "data" / "coalition.yaml"
    header = (f"# GENERATED by bench/generate.py --factor {factor} --seed {seed}: synthetic benchmark data,\n"
              "# not real records. Every quote is a generated sentence of a generated seed file.\n")
    body = yaml.dump(doc, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=1000,
                     default_flow_style=False)
    path.write_text(header + body, encoding="utf-8")
    return path


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python3 bench/generate.py", description=__doc__.split("\n\n")[0])
    p.add_argument("--factor", type=int, default=1, help="1, 10, 100 (100 = 20,000 stances, 5,000 events)")
    p.add_argument("--out", required=True, help="project folder to write (data/ + seeds/); not the repo")
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args(argv)
    path = generate(a.out, a.factor, a.seed)
    print(f"{path}: {counts_for(a.factor)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
