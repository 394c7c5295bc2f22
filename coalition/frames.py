"""The validated records as pandas frames (long format, one row per fact)."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from . import quotes
from .validate import Dataset

CONFIDENCE_RANK = {"confirmed": 0, "reported": 1, "uncertain": 2, "rumoured": 3}


@dataclass
class Frames:
    sources: pd.DataFrame
    issues: pd.DataFrame
    positions: pd.DataFrame
    countries: pd.DataFrame
    people: pd.DataFrame
    stances: pd.DataFrame
    events: pd.DataFrame
    event_evidence: pd.DataFrame
    participants: pd.DataFrame
    figures: pd.DataFrame
    texts: dict


def _span(texts: dict, source: str, quote: str) -> tuple[int, int]:
    span = quotes.locate(quote, texts.get(source, ""))
    return span if span else (-1, -1)


def _date(v) -> pd.Timestamp | None:
    return pd.Timestamp(v) if v else pd.NaT


def build(ds: Dataset) -> Frames:
    """Turn a validated Dataset into frames. Dates are pandas Timestamps."""
    d = ds.data
    sources = pd.DataFrame([
        {
            "source": s["id"], "file": s["file"], "outlet": s["outlet"], "title": s.get("title", ""),
            "published": _date(s["published"]), "published_basis": s["published_basis"],
            "url": s.get("url", ""), "slant": s.get("slant", ""), "slips": list(s.get("slips") or []),
            "boilerplate": list(s.get("boilerplate") or []), "chars": len(ds.texts.get(s["id"], "")),
        }
        for s in d["sources"]
    ])
    outlet = dict(zip(sources["source"], sources["outlet"]))
    issues = pd.DataFrame([
        {"issue": i["id"], "question": i["question"], "short": i["short"],
         "description": i.get("description", ""), "order": n}
        for n, i in enumerate(d["issues"])
    ])
    positions = pd.DataFrame([
        {"issue": i["id"], "position": p["id"], "label": p["label"], "description": p["description"],
         "score": int(p["score"]), "order": n}
        for i in d["issues"] for n, p in enumerate(i["positions"])
    ])
    pos_lookup = {(r.issue, r.position): r for r in positions.itertuples()}
    issue_short = dict(zip(issues["issue"], issues["short"]))

    country_rows, people_rows, stance_rows = [], [], []
    for code, c in d["countries"].items():
        stances = c.get("stances") or []
        country_rows.append({"country": code, "country_name": c["name"], "region": c["region"],
                             "n_stances": len(stances)})
        for p in c.get("people") or []:
            people_rows.append({"country": code, "name": p["name"], "role": p["role"]})
        counter: dict = {}
        for st in stances:
            k = counter[st["issue"]] = counter.get(st["issue"], 0) + 1
            sid = f"{code}.{st['issue']}.{k}"
            pos = pos_lookup[(st["issue"], st["position"])]
            for n, ev in enumerate(st["evidence"]):
                start, end = _span(ds.texts, ev["source"], ev["quote"])
                stance_rows.append({
                    "stance_id": sid, "country": code, "country_name": c["name"], "region": c["region"],
                    "issue": st["issue"], "issue_short": issue_short[st["issue"]],
                    "position": st["position"], "position_label": pos.label, "score": pos.score,
                    "date": _date(st["date"]), "date_basis": st["date_basis"], "summary": st["summary"],
                    "confidence": st["confidence"], "conditions": st.get("conditions") or "",
                    "evidence_no": n, "n_evidence": len(st["evidence"]), "source": ev["source"],
                    "outlet": outlet[ev["source"]], "quote": ev["quote"], "quote_start": start, "quote_end": end,
                })
    stance_cols = ["stance_id", "country", "country_name", "region", "issue", "issue_short", "position",
                   "position_label", "score", "date", "date_basis", "summary", "confidence", "conditions",
                   "evidence_no", "n_evidence", "source", "outlet", "quote", "quote_start", "quote_end"]

    event_rows, evid_rows, part_rows = [], [], []
    names = {code: c["name"] for code, c in d["countries"].items()}
    for e in d["events"]:
        parts = e.get("participants") or {}
        codes = list(parts.get("countries") or [])
        people = list(parts.get("people") or [])
        for p in people:
            if p["country"] not in codes:
                codes.append(p["country"])
        event_rows.append({
            "event_id": e["id"], "title": e["title"], "date": _date(e["date"]),
            "date_end": _date(e.get("date_end")), "date_precision": e["date_precision"],
            "date_basis": e["date_basis"], "kind": e["kind"], "status": e["status"],
            "context": bool(e.get("context", False)), "summary": e["summary"],
            "issues": list(e.get("issues") or []), "countries": codes,
            "people": [f"{p['name']} ({p['role']})" for p in people],
            "sources": sorted({ev["source"] for ev in e["evidence"]}),
        })
        for n, ev in enumerate(e["evidence"]):
            start, end = _span(ds.texts, ev["source"], ev["quote"])
            evid_rows.append({"event_id": e["id"], "evidence_no": n, "source": ev["source"],
                              "outlet": outlet[ev["source"]], "quote": ev["quote"],
                              "quote_start": start, "quote_end": end})
        for code in codes:
            who = [p for p in people if p["country"] == code]
            for p in who or [None]:
                part_rows.append({"event_id": e["id"], "country": code, "country_name": names.get(code, code),
                                  "person": p["name"] if p else "", "role": p["role"] if p else ""})

    figure_rows = []
    for f in d["figures"]:
        for n, ev in enumerate(f["evidence"]):
            start, end = _span(ds.texts, ev["source"], ev["quote"])
            figure_rows.append({
                "figure_id": f["id"], "value": f["value"], "approximate": bool(f.get("approximate", False)),
                "unit": f["unit"], "counts": f["counts"], "compare_group": f.get("compare_group") or "",
                "evidence_no": n, "source": ev["source"], "outlet": outlet[ev["source"]], "quote": ev["quote"],
                "quote_start": start, "quote_end": end,
            })

    def frame(rows, cols):
        return pd.DataFrame(rows, columns=cols)

    return Frames(
        sources=sources, issues=issues, positions=positions,
        countries=frame(country_rows, ["country", "country_name", "region", "n_stances"]),
        people=frame(people_rows, ["country", "name", "role"]),
        stances=frame(stance_rows, stance_cols),
        events=frame(event_rows, ["event_id", "title", "date", "date_end", "date_precision", "date_basis", "kind",
                                  "status", "context", "summary", "issues", "countries", "people", "sources"]),
        event_evidence=frame(evid_rows, ["event_id", "evidence_no", "source", "outlet", "quote", "quote_start",
                                         "quote_end"]),
        participants=frame(part_rows, ["event_id", "country", "country_name", "person", "role"]),
        figures=frame(figure_rows, ["figure_id", "value", "approximate", "unit", "counts", "compare_group",
                                    "evidence_no", "source", "outlet", "quote", "quote_start", "quote_end"]),
        texts=dict(ds.texts),
    )
