#!/usr/bin/env python3
"""Usage: python scripts/check_eval_keys.py DIR. Check the answer keys (*.expected.yaml) an evaluation writer wrote.

The only tool a writer of evaluation articles runs on their texts (tests/fixtures/eval/WRITER_BRIEF.md).
For each key: every quote (events, figures, stances) is an exact substring of its
article; issue and position ids exist in data/coalition.yaml; country codes
(countries, context_countries, stances) are valid ISO 3166-1 alpha-3 (as validate accepts them);
stance countries are listed in `countries`; published/style are present.
Exit status 1 if anything is wrong.
"""
import datetime
import pathlib
import sys

import yaml

ROOT = pathlib.Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from coalition.validate import iso3_name  # noqa: E402  (the data's own rule for country codes)

COALITION = ROOT / "data" / "coalition.yaml"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    issues = {i["id"]: {p["id"] for p in i["positions"]}
              for i in yaml.safe_load(COALITION.read_text(encoding="utf-8"))["issues"]}
    keys = sorted(pathlib.Path(argv[0]).resolve().glob("*.expected.yaml"))
    if not keys:
        print("no keys found")
        return 1
    total_problems = 0
    for key in keys:
        article = key.with_name(key.name.replace(".expected.yaml", ".txt"))
        problems = []
        if not article.exists():
            problems.append(f"missing article {article.name}")
            text = ""
        else:
            text = article.read_text(encoding="utf-8")
        data = yaml.safe_load(key.read_text(encoding="utf-8")) or {}

        for field in ("published", "style", "countries", "stances"):
            if field not in data:
                problems.append(f"missing field {field}")
        try:
            datetime.date.fromisoformat(str(data.get("published", "")))
        except ValueError:
            problems.append(f"bad published date {data.get('published')!r}")

        def check_code(code, where):
            if iso3_name(code) is None:
                problems.append(f"{where}: invalid ISO3 code {code!r}")

        countries = data.get("countries") or []
        for c in countries:
            check_code(c, "countries")
        for c in data.get("context_countries") or []:
            check_code(c, "context_countries")
            if c in countries:
                problems.append(f"{c} is in both countries and context_countries")

        for section in ("events", "figures", "stances"):
            for n, item in enumerate(data.get(section) or [], 1):
                where = f"{section}[{n}]"
                q = item.get("quote")
                if not q:
                    problems.append(f"{where}: no quote")
                elif q not in text:
                    problems.append(f"{where}: quote not in article: {q!r}")
                if section == "events":
                    for f in ("date", "date_end"):
                        if f in item:
                            try:
                                datetime.date.fromisoformat(str(item[f]))
                            except ValueError:
                                problems.append(f"{where}: bad {f} {item[f]!r}")
                if section in ("stances", "figures") and ("issue" in item or section == "stances"):
                    iss, pos = item.get("issue"), item.get("position")
                    if iss not in issues:
                        problems.append(f"{where}: unknown issue {iss!r}")
                    elif pos not in issues[iss]:
                        problems.append(f"{where}: unknown position {pos!r} for issue {iss}")
                if section == "stances":
                    check_code(item.get("country"), where)
                    if item.get("country") not in countries:
                        problems.append(f"{where}: stance country {item.get('country')} not in countries")

        seen = set()
        for s in data.get("stances") or []:
            t = (s.get("country"), s.get("issue"), s.get("position"))
            if t in seen:
                problems.append(f"duplicate stance {t}")
            seen.add(t)
            if (t[0], t[1]) in {(a, b) for a, b, _ in seen - {t}}:
                problems.append(f"two positions for {t[0]} on {t[1]}: keep the latest only")

        words = len(text.split())
        status = "OK" if not problems else f"{len(problems)} problem(s)"
        print(f"{key.name}: {status} | words={words} stances={len(data.get('stances') or [])} "
              f"events={len(data.get('events') or [])} figures={len(data.get('figures') or [])} "
              f"countries={len(countries)}")
        for p in problems:
            print("   -", p)
        total_problems += len(problems)
    print(f"TOTAL: {len(keys)} keys, {total_problems} problem(s)")
    return 1 if total_problems else 0


if __name__ == "__main__":
    sys.exit(main())
