"""What changed: every change of position, with its date and the evidence on both sides."""
import streamlit as st

import ui
from coalition import summary

SHOWN = 5  # changes drawn at first, newest first; "Show more" adds as many again

# 1. state
data = ui.data()
view = ui.view()
f = data.frames

# 2. data: changes among the records on file up to "as of" (all records when unset)
moves = ui.cached_call(data, summary.changes_view, view.countries, view.as_of)  # once per data version + filters
n_shown = ui.shown("changes", SHOWN)
summary_col = f.stances.columns.get_loc("summary")


def summary_of(stance_id: str) -> str:
    """A record's summary, looked up by position (not a mask over every stance row per change)."""
    return f.stances.iat[data.stance_pos[stance_id][0], summary_col]


# 3. draw
st.title("What changed")
st.markdown(
    "Every time a country's recorded position on an issue differs from its previous record, newest first. "
    "When the two records come from **different sources**, the change may be a disagreement between "
    "outlets rather than a change of mind: it is marked so."
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
        head = (f"**{ui.md(m.country_name)}** · {ui.md(m.issue_short)} · {m.from_date:%d %b %Y} → "
                f"{m.date:%d %b %Y}")
        st.markdown(head)
        st.markdown(
            ui.position_badge(m.from_label, m.from_score) + " &rarr; " + ui.position_badge(m.to_label, m.to_score)
            + ("" if m.same_source else " <small>(different sources: possibly a disagreement, not a change)"
                                         "</small>"),
            unsafe_allow_html=True,
        )
        before, after = st.columns(2)
        with before:
            st.caption(f"Before: {ui.md(summary_of(m.from_stance_id))}")
            ui.stance_evidence(data, m.from_stance_id)
        with after:
            st.caption(f"After: {ui.md(summary_of(m.stance_id))}")
            ui.stance_evidence(data, m.stance_id)
        st.page_link("app_pages/country.py", label=f"All of {m.country_name}'s records",
                     icon=":material/flag:", query_params={"focus": m.country})
ui.more("changes", min(n_shown, len(moves)), len(moves), "changes, newest first", SHOWN,
        "Choose countries or an “As of” date in the sidebar to narrow the list; each country's page lists "
        "its own changes under each question.")
