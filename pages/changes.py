"""What changed (/changes): every change of position, with its date and the evidence on both sides."""
import streamlit as st

from coalition import summary
from coalition.filters import DISAGREE_WINDOW_DAYS
from ui import evidence, frame, lists
from ui.data import cached_call
from ui.html import md, position_badge

SHOWN = 5  # changes drawn at first, newest first; "Show more" adds as many again


def _days(delta) -> str:
    n = abs(delta.days)
    return "dated the same day" if n == 0 else f"{n} day{'s' if n > 1 else ''} apart"


def render(data, view) -> None:
    # 1. data: changes among the records on file up to "as of" (all records when unset)
    f = data.frames
    moves = cached_call(data, summary.changes_view, view.countries, view.as_of)  # once per data version + filters
    n_shown = lists.shown("changes", SHOWN)
    summary_col = f.stances.columns.get_loc("summary")

    def summary_of(stance_id: str) -> str:
        """A record's summary, looked up by position (not a mask over every stance row per change)."""
        return f.stances.iat[data.stance_pos[stance_id][0], summary_col]

    # 2. draw
    st.title("What changed")
    st.markdown(
        "Every time a country's recorded position on an issue differs from its previous record, newest first. "
        f"When the two records come from **different sources** dated within {DISAGREE_WINDOW_DAYS} days of each "
        "other, the outlets disagree rather than the country changing its mind: it is marked so. Further apart, "
        "the later article's record supersedes the earlier one: a change, with both sources shown."
    )
    if view.as_of:
        st.caption(f"Records dated up to {view.as_of:%d %B %Y}.")
    if len(moves) > n_shown:
        st.caption(f"{len(moves):,} changes on record for this selection: the newest {n_shown:,} are shown; "
                   "“Show more” at the end of the list adds more.")
    if moves.empty:
        st.info("No change of position is on record for the selected countries"
                + (" up to that date." if view.as_of else "."))
    for m in moves.head(n_shown).itertuples():
        with st.container(border=True):
            st.markdown(f"**{md(m.country_name)}** · {md(m.issue_short)} · {m.from_date:%d %b %Y} → "
                        f"{m.date:%d %b %Y}")
            st.markdown(
                position_badge(m.from_label, m.from_score) + " &rarr; " + position_badge(m.to_label, m.to_score)
                + (f" <small>(different sources, {_days(m.date - m.from_date)}: the sources disagree, "
                   "not a change)</small>" if m.disagreement
                   else "" if m.same_source else " <small>(reported by different sources)</small>"),
                unsafe_allow_html=True,
            )
            before, after = st.columns(2)
            with before:
                st.caption(f"Before: {md(summary_of(m.from_stance_id))}")
                evidence.stance(data, m.from_stance_id)
            with after:
                st.caption(f"After: {md(summary_of(m.stance_id))}")
                evidence.stance(data, m.stance_id)
            frame.link("country", md(f"All of {m.country_name}'s records"), focus=m.country)
    lists.more("changes", min(n_shown, len(moves)), len(moves), "changes, newest first", SHOWN,
               "Choose countries or an “As of” date in the sidebar to narrow the list; each country's page lists "
               "its own changes under each question.")


data, view = frame.open("changes")
render(data, view)
frame.close(data)
