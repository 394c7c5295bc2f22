"""Evidence: the quoted sentences behind a record, with their source, and the dialog that puts the
evidence of what a reader clicked in view at any screen width."""
from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from coalition import actors
from coalition.views import cite
from ui import frame, lists
from ui.data import Data
from ui.html import blockquote, h, md, position_badge


def quotes(rows, data: Data, link_stance: bool = True) -> None:
    """Quotes with their source and a link to the highlighted passage on the Sources page.

    ``rows``: Quote tuples (ui.data) or a frame with quote, source (and stance_id) columns.
    """
    if isinstance(rows, pd.DataFrame):
        cols = [c for c in ("quote", "source", "stance_id") if c in rows.columns]
        rows = rows[cols].itertuples()
    for r in rows:
        outlet, title, published = data.source_meta[r.source]
        outlet = cite.outlet_shown(outlet)
        st.markdown(blockquote(r.quote), unsafe_allow_html=True)
        st.caption(f"{md(outlet)}, {md(title)} ({published:%d %b %Y}), source {md(r.source)}")
        sid = getattr(r, "stance_id", None) if link_stance else None
        frame.link("sources", "Read in source", ":material/article:", source=r.source, hl=sid)


def stance(data: Data, stance_id: str) -> None:
    """The quotes of one stance record, from the per-version quote lists."""
    quotes(data.quotes_of_stance.get(stance_id, []), data)


def event(data: Data, event_id: str) -> None:
    """The quotes of one event, from the per-version quote lists."""
    quotes(data.quotes_of_event.get(event_id, []), data, link_stance=False)


def dialog(title: str, body: Callable, *args, on_close: Callable) -> None:
    """Open ``body(*args)`` in a modal dialog titled ``title`` (markdown, escaped by the caller).

    A dialog is in view at any width, over the chart the reader clicked. ``on_close`` runs when the
    reader dismisses it (the page clears the selection from the link). Call at most once a run.
    """
    st.dialog(title, width="large", on_dismiss=on_close)(body)(*args)


# what the dialogs show ------------------------------------------------------------------------------
RECORDS_SHOWN = 10  # records of one cell drawn in full at first ("Show more" adds as many again)


def _source_name(r) -> str:
    shown = cite.outlet_shown(r.outlet)
    return f"{shown}, {r.source}" if shown == cite.UNKNOWN_OUTLET else shown


def cell(data: Data, iso3: str, issue: str, as_of, name: str) -> None:
    """Everything on record for one country on one question (as of ``as_of``): each record with its
    position, date and how the date was derived, summary, condition and verbatim quotes; a
    disagreement between sources is said first. A country with no record gets its other positions."""
    import coalition  # noqa: PLC0415 - keeps this module's import light for pages that draw no dialog
    from coalition import palette, summary  # noqa: PLC0415

    f = data.frames
    st.markdown(f"*{md(data.issue_question.get(issue, issue))}*")
    rows = coalition.filter_stances(f.stances, [iso3], [issue], as_of)
    when = f" on {as_of:%d %b %Y}" if as_of else ""
    if rows.empty:
        st.info(f"{md(palette.NO_RECORD_LABEL)} on this question for {md(name)}{when}.", icon=":material/info:")
        theirs = coalition.cells(coalition.filter_stances(f.stances, [iso3], None, as_of))
        if len(theirs):
            st.markdown("On other questions: " + " ".join(
                f"{h(data.issue_short.get(t.issue, t.issue))} {position_badge(t.position_label, t.score)}"
                for t in theirs.itertuples()), unsafe_allow_html=True)
    else:
        records = rows.sort_values(["date", "stance_id"]).drop_duplicates("stance_id")
        key = f"cell_{iso3}.{issue}"
        n = lists.shown(key, RECORDS_SHOWN)
        sample = summary.cell_sample(records, n) if len(records) > n else records
        labels = sorted(set(records["position_label"]))
        if len(labels) > 1:
            latest = records.drop_duplicates("position_label", keep="last")
            parts = [f"**{md(r.position_label)}** ({md(_source_name(r))}, {md(_when(r))})"
                     for r in latest.itertuples()]
            st.warning("The sources disagree: " + " vs ".join(parts)
                       + ". The charts show the newest record; every record is listed below, oldest first.",
                       icon=":material/compare_arrows:")
        elif len(records) > 1:
            st.caption(f"{len(records)} records, all giving the same position.")
        for r in sample.itertuples():
            note = palette.CONFIDENCE_NOTE.get(r.confidence, "")
            with st.container(border=True):
                st.markdown(position_badge(r.position_label, r.score, note)
                            + f" &nbsp; <span style='color:#555'>{h(_when(r))} · confidence: "
                            f"{h(r.confidence)} · {h(_source_name(r))}</span>", unsafe_allow_html=True)
                st.markdown(md(r.summary))
                if r.conditions:
                    st.markdown(f"**Condition:** {md(r.conditions)}")
                note = actors.precision_note(getattr(r, "date_precision", "day"))
                st.caption(f"How the date was derived{f' ({md(note)})' if note else ''}: {md(r.date_basis)}")
                stance(data, r.stance_id)
        lists.more(key, len(sample), len(records), "records (the latest of each position, then the newest)",
                   RECORDS_SHOWN)
    if as_of:
        later = f.stances[(f.stances["country"] == iso3) & (f.stances["issue"] == issue)
                          & (f.stances["date"] > pd.Timestamp(as_of))]
        if len(later):
            st.caption(f"{later['stance_id'].nunique()} later record(s) are hidden by the “As of” date.")
    if iso3 in data.options.countries:
        frame.link("country", f"All of {md(name)}'s positions", focus=iso3)


def _when(r) -> str:
    """A record's date as read: 'about 15 Mar 2025', '15–17 Mar 2025'."""
    return actors.when(r.date, getattr(r, "date_precision", "day"), getattr(r, "date_end", None))


def event_details(data: Data, r, date_text: str) -> None:
    """One event: what happened, who took part (and how, where the records say: 'Italy: leader, by video
    link', 'United States: absent'), how its date is known, and its quotes.
    ``r``: a row of the timeline's rows (coalition.views.timeline), ``date_text`` its date as shown."""

    st.markdown(f"**{md(date_text)}** · {md(r.kind)} · {md(r.status)}")
    st.markdown(md(r.summary))
    # how each country took part, where the records say (a role, a video link, absent): one line a country,
    # with the people the records name (so no separate list of people)
    part = data.frames.participants
    part = part[part["event_id"] == r.event_id]
    told = bool(((part.get("attended_as", pd.Series(dtype=str)) != "")
                 | part.get("remote", pd.Series(dtype=bool)).astype(bool)).any())
    who = ", ".join(data.country_names.get(c, c) for c in r.countries)
    facts = []
    if who and not told:
        facts.append(f"**Participants:** {md(who)}")
    if len(r.people) and not told:
        facts.append(f"**People:** {md('; '.join(r.people))}")
    if facts:
        st.markdown(" · ".join(facts))
    if told:  # the absent last
        rows = sorted(actors.event_attendance(data.frames, r.event_id).itertuples(), key=lambda a: bool(a.absent))
        st.markdown("**How each country took part:**\n\n" + "\n".join(
            f"- {md(a.country_name)}" + (f": {md(a.text)}" if a.text else "") for a in rows))
    note = actors.precision_note(r.date_precision) if r.date_precision in ("after", "unknown") else r.date_precision
    st.caption(f"How the date was derived ({md(note)}): {md(r.date_basis)}")
    event(data, r.event_id)
