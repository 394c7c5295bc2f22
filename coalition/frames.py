"""The validated records as pandas frames (long format, one row per fact)."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from . import quotes
from .validate import Dataset

CONFIDENCE_RANK = {"confirmed": 0, "reported": 1, "uncertain": 2, "rumoured": 3}
STANCE_COLUMNS = ["stance_id", "country", "country_name", "region", "issue", "issue_short", "position",
                  "position_label", "score", "date", "date_end", "date_precision", "date_basis", "summary",
                  "confidence", "conditions", "evidence_no", "n_evidence", "source", "outlet", "quote", "quote_start",
                  "quote_end"]
GROUP_COLUMNS = ["group_id", "name", "count", "approximate", "issue", "issue_short", "position", "position_label",
                 "score", "date", "date_end", "date_precision", "date_basis", "members", "n_named", "confidence",
                 "summary", "evidence_no", "n_evidence", "source", "outlet", "quote", "quote_start", "quote_end"]


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
    groups: pd.DataFrame          # counted groups of countries ("19 countries have pledged"), a row per quote
    organisations: pd.DataFrame   # the coalition, NATO, the EU... kept apart from countries
    org_stances: pd.DataFrame     # their stated positions: the stances' columns, "country" = the organisation's id
    texts: dict


def datetimes_ns(df: pd.DataFrame) -> pd.DataFrame:
    """Every date column at one resolution (ns): pandas infers another for a column of only NaT, and
    Parquet (the frames cache) gives yet another back, so a cached frame would not equal a built one."""
    for col in df.columns:
        if pd.api.types.is_datetime64_dtype(df[col]) and df[col].dtype != "datetime64[ns]":
            df[col] = df[col].astype("datetime64[ns]")
    return df


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
            "url": s.get("url", ""), "retrieved": _date(s.get("retrieved")), "sha256": s.get("sha256", ""),
            "slant": s.get("slant", ""), "slips": list(s.get("slips") or []),
            "boilerplate": list(s.get("boilerplate") or []), "chars": len(ds.texts.get(s["id"], "")),
        }
        for s in d["sources"]
    ])
    # an all-empty column would otherwise take whatever resolution pandas infers (the cache must match it)
    sources["retrieved"] = pd.to_datetime(sources["retrieved"])
    datetimes_ns(sources)
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

    def stance_rows_of(code: str, name: str, region: str, stances: list) -> list[dict]:
        rows, counter = [], {}
        for st in stances:
            k = counter[st["issue"]] = counter.get(st["issue"], 0) + 1
            sid = f"{code}.{st['issue']}.{k}"
            pos = pos_lookup[(st["issue"], st["position"])]
            for n, ev in enumerate(st["evidence"]):
                start, end = _span(ds.texts, ev["source"], ev["quote"])
                rows.append({
                    "stance_id": sid, "country": code, "country_name": name, "region": region,
                    "issue": st["issue"], "issue_short": issue_short[st["issue"]],
                    "position": st["position"], "position_label": pos.label, "score": pos.score,
                    "date": _date(st["date"]), "date_end": _date(st.get("date_end")),
                    "date_precision": st.get("date_precision") or "day",
                    "date_basis": st["date_basis"], "summary": st["summary"],
                    "confidence": st["confidence"], "conditions": st.get("conditions") or "",
                    "evidence_no": n, "n_evidence": len(st["evidence"]), "source": ev["source"],
                    "outlet": outlet[ev["source"]], "quote": ev["quote"], "quote_start": start, "quote_end": end,
                })
        return rows

    country_rows, people_rows, stance_rows = [], [], []
    for code, c in d["countries"].items():
        stances = c.get("stances") or []
        country_rows.append({"country": code, "country_name": c["name"], "region": c["region"],
                             "n_stances": len(stances)})
        for p in c.get("people") or []:
            people_rows.append({"country": code, "name": p["name"], "role": p["role"]})
        stance_rows += stance_rows_of(code, c["name"], c["region"], stances)
    stance_cols = STANCE_COLUMNS

    org_rows, org_stance_rows = [], []
    for oid, o in (d.get("organisations") or {}).items():
        stances = o.get("stances") or []
        org_rows.append({"org": oid, "name": o["name"], "kind": o["kind"], "members": list(o.get("members") or []),
                         "n_stances": len(stances)})
        org_stance_rows += stance_rows_of(oid, o["name"], o["kind"], stances)

    event_rows, evid_rows, part_rows = [], [], []
    names = {code: c["name"] for code, c in d["countries"].items()}
    for e in d["events"]:
        parts = e.get("participants") or {}
        codes = list(parts.get("countries") or [])
        people = list(parts.get("people") or [])
        attendance = {a["country"]: a for a in parts.get("attendance") or []}
        for code in [p["country"] for p in people] + list(attendance):
            if code not in codes:
                codes.append(code)
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
            att = attendance.get(code) or {}
            if not who and att.get("person"):
                who = [{"name": att["person"], "role": ""}]
            for p in who or [None]:
                part_rows.append({"event_id": e["id"], "country": code, "country_name": names.get(code, code),
                                  "person": p["name"] if p else "", "role": p["role"] if p else "",
                                  "attended_as": att.get("role", ""), "remote": bool(att.get("remote", False))})

    published = dict(zip(sources["source"], sources["published"]))
    figure_rows = []
    for f in d["figures"]:
        # undated: as of the earliest publication that gives it
        when = _date(f.get("date")) if f.get("date") else min(published[ev["source"]] for ev in f["evidence"])
        for n, ev in enumerate(f["evidence"]):
            start, end = _span(ds.texts, ev["source"], ev["quote"])
            figure_rows.append({
                "figure_id": f["id"], "value": f["value"], "approximate": bool(f.get("approximate", False)),
                "unit": f["unit"], "counts": f["counts"], "compare_group": f.get("compare_group") or "",
                "date": when, "dated": bool(f.get("date")),
                "date_basis": f.get("date_basis") or "Not dated: as of the source's publication.",
                "issue": f.get("issue") or "", "position": f.get("position") or "", "event": f.get("event") or "",
                "evidence_no": n, "source": ev["source"], "outlet": outlet[ev["source"]], "quote": ev["quote"],
                "quote_start": start, "quote_end": end,
            })

    group_rows = []
    for g in d.get("groups") or []:
        pos = pos_lookup[(g["issue"], g["position"])]
        members = list(g.get("members") or [])
        for n, ev in enumerate(g["evidence"]):
            start, end = _span(ds.texts, ev["source"], ev["quote"])
            group_rows.append({
                "group_id": g["id"], "name": g["name"], "count": g["count"],
                "approximate": bool(g.get("approximate", False)), "issue": g["issue"],
                "issue_short": issue_short[g["issue"]], "position": g["position"], "position_label": pos.label,
                "score": pos.score, "date": _date(g["date"]), "date_end": _date(g.get("date_end")),
                "date_precision": g.get("date_precision") or "day", "date_basis": g["date_basis"],
                "members": members, "n_named": len(members), "confidence": g["confidence"], "summary": g["summary"],
                "evidence_no": n, "n_evidence": len(g["evidence"]), "source": ev["source"],
                "outlet": outlet[ev["source"]], "quote": ev["quote"], "quote_start": start, "quote_end": end,
            })

    def frame(rows, cols):
        return datetimes_ns(pd.DataFrame(rows, columns=cols))

    return Frames(
        sources=sources, issues=issues, positions=positions,
        countries=frame(country_rows, ["country", "country_name", "region", "n_stances"]),
        people=frame(people_rows, ["country", "name", "role"]),
        stances=frame(stance_rows, stance_cols),
        events=frame(event_rows, ["event_id", "title", "date", "date_end", "date_precision", "date_basis", "kind",
                                  "status", "context", "summary", "issues", "countries", "people", "sources"]),
        event_evidence=frame(evid_rows, ["event_id", "evidence_no", "source", "outlet", "quote", "quote_start",
                                         "quote_end"]),
        participants=frame(part_rows, ["event_id", "country", "country_name", "person", "role", "attended_as",
                                       "remote"]),
        figures=frame(figure_rows, ["figure_id", "value", "approximate", "unit", "counts", "compare_group", "date",
                                    "dated", "date_basis", "issue", "position", "event", "evidence_no", "source",
                                    "outlet", "quote", "quote_start", "quote_end"]),
        groups=frame(group_rows, GROUP_COLUMNS),
        organisations=frame(org_rows, ["org", "name", "kind", "members", "n_stances"]),
        org_stances=frame(org_stance_rows, STANCE_COLUMNS),
        texts=dict(ds.texts),
    )
