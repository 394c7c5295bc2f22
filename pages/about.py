"""About & method (/about): the scale, confidence, curation, dates, "as of", licences, errors."""
import streamlit as st

from coalition import palette
from coalition.filters import APPROX_DAYS, DISAGREE_WINDOW_DAYS
from coalition.paths import curator_mode
from coalition.views import cite
from ui import frame
from ui.html import h, legend_html, md, position_badge

ANCHORS = [  # (event id, what it anchors) - the dates relative phrases in the sources point to
    ("london_summit_2025_03_02", "London leaders' summit where Starmer used the phrase “coalition of the willing”"),
    ("virtual_summit_2025_03_15", "Leaders' video call (“yesterday's virtual summit”, “on Saturday”)"),
    ("trump_putin_call_2025_03_18", "Trump–Putin call (“on Tuesday”)"),
    ("military_chiefs_london_2025_03_20", "Military chiefs' meeting in London, at Northwood (“next Thursday”)"),
]
CAPTION_STYLE = "color:rgba(49,51,63,0.6);font-size:0.875rem;margin-top:0.25rem"  # as st.caption


def signed(score: int) -> str:
    return f"{score:+d}" if score else "0"


def render(data, view) -> None:
    # 1. data
    f = data.frames
    events = f.events.set_index("event_id")
    n_stances = f.stances["stance_id"].nunique()
    n_quotes = len(f.stances) + len(f.event_evidence) + len(f.figures)

    # 2. draw
    st.title("About & method")
    st.markdown(
        "The Coalition Tracker records what published articles say about the countries in the UK- and French-led "
        "“coalition of the willing” formed in March 2025, one dated record per claim, and shows where the articles "
        f"disagree. It holds {n_stances} position records, {len(f.events)} events and {len(f.figures)} figures from "
        f"{len(f.sources)} articles ({cite.span(f)}), backed by {n_quotes} word-for-word quotes."
    )

    st.header("What the colours mean")
    st.markdown(
        "Each question is a yes/no question. Every position on it has a score from +2 (yes, for) to −2 (no, "
        "against); 0 means undecided or unclear. One colour scale serves every page: blue for yes, red for no, "
        "near-white for undecided, grey where the sources say nothing. The label is always written next to the "
        "colour, so the colour is never the only signal (the blue-red scale, ColorBrewer RdBu, is also safe for "
        "colour-blind readers)."
    )
    for r in f.issues.sort_values("order").itertuples():  # one element per question: 20 questions stay cheap
        with st.container(border=True):
            note = f'<div style="{CAPTION_STYLE}">{h(r.description)}</div>' if r.description else ""
            positions = "".join(f"<li><b>{h(label)}</b> ({signed(score)}): {h(desc)}</li>"
                                for _, label, score, desc in data.positions_of.get(r.issue, []))
            st.markdown(f"<b>{h(r.short)}</b>: {h(r.question)}{note}"
                        f'<div style="margin:0.5rem 0">{legend_html(data.positions_of.get(r.issue, []))}</div><ul>{positions}</ul>',
                        unsafe_allow_html=True)

    st.header("How sure each record is")
    st.markdown(
        "- **Confirmed**: on the record from the actor (a statement, a quote).\n"
        "- **Reported**: the outlet reports it as fact.\n"
        "- **Rumoured**: the source says “rumored”, “suggested” or similar. Shown with the note *rumoured* next to "
        "the position.\n"
        "- **Uncertain**: the source itself says it is unclear. Shown with the note *uncertain*."
    )
    st.markdown(
        "Example: " + position_badge("Considering", 0, palette.CONFIDENCE_NOTE["rumoured"]) + " &nbsp; "
        + position_badge("Undecided", 0, palette.CONFIDENCE_NOTE["uncertain"]), unsafe_allow_html=True)
    st.markdown(
        "**When the sources disagree** (for example, one article says Italy declined outright and the other that it "
        "would not take part *without a UN resolution*), both records stay. A cell shows its latest record and is "
        "marked *disputed*; the Country page shows the records side by side, each with its quote, and the Overview "
        "lists every such disagreement. Disagreement respects time: records disagree only when they are "
        f"contemporaneous, dated within {DISAGREE_WINDOW_DAYS} days of the cell's latest record (outlets report "
        "the same meeting or statement a day or two apart). An earlier record from another source is superseded "
        "by the later one: *What changed* lists it as a change, with both sources. A record whose day the "
        f"source does not give exactly counts from the ends of its span: *about 15 March* may be {APPROX_DAYS} days "
        "either side, *15–17 March* reaches to the 17th. Figures that measure the same thing read as a series by "
        f"date; they disagree only when dated within {DISAGREE_WINDOW_DAYS} days of each other."
    )
    st.markdown(
        "**Beyond the named countries.** Articles often count countries without naming them all (“26 countries "
        "have formally committed”): such a count is recorded as a group, with the members the article names, and "
        "the Overview and the map say how many more it counts. The coalition itself, NATO or the EU state positions "
        "too; those are shown apart from the countries. How a country took part in an event (its leader, a "
        "minister, an observer, by video link, or absent) is recorded with the event."
    )

    st.header("How the records are made")
    st.markdown(
        "People read each article and write records into `data/coalition.yaml`: a country's position on a question, "
        "an event, or a figure. Every record carries at least one quote copied **word for word** from the article, "
        "and a one-sentence summary in our own words. A validator (`python -m coalition validate`) checks every "
        "record against the article text before the dashboard will show anything: each quote must be found in its "
        "source (typographic quotes count as straight ones and runs of spaces as one space; nothing else is "
        "forgiven), every id, date, country code and position must be known. The articles themselves "
        "(`seeds/`) are never edited; the Sources page shows them as received, web-page leftovers included."
    )

    st.header("How dates were worked out")
    st.markdown(
        "The articles rarely give calendar dates: they say “yesterday”, “on Saturday”, “next Thursday”. Each "
        "record keeps a **date basis**: the words the date came from and the day they are counted from (the "
        "article's publication date, itself inferred and explained on the Sources page). Dates that are only "
        "approximate say so. The anchor dates:"
    )
    for eid, what in ANCHORS:
        if eid in events.index:
            e = events.loc[eid]
            with st.container(border=True):
                st.markdown(f"**{e['date']:%A} {e['date'].day} {e['date']:%B %Y}**: {md(what)}")
                st.caption("Date basis: " + md(e["date_basis"]))
                frame.link("timeline", "On the timeline", ":material/event:", event=eid)
    st.markdown("Publication dates of the sources:\n\n" + "\n".join(
        f"- **{md(r.source)}** ({r.published:%d %b %Y}): {md(r.published_basis)}" for r in f.sources.itertuples()))

    st.header("What “as of” means")
    st.markdown(
        "The **As of** date in the sidebar shows what was on record that day: for each country, question and "
        "source, the latest record dated on or before it; events after it are hidden. Leave it empty for the "
        "latest records. A record's date is when the position was stated or reported, which can be earlier than "
        "the article that reports it: a view as of a given day may show a statement from that day that was only "
        "published a day or two later. Each record's date basis says how its date was worked out."
    )

    st.header("Links")
    st.markdown(
        "Every filter and selection is kept in the page address, so a copied link (*Copy link*, in the sidebar and "
        "at the foot of every page) reproduces the whole view. A selection (a country on the map, a cell of the "
        "matrix, an event on the timeline) opens with its evidence, in a window over the page that the reader "
        "closes. Values in a link that are not in the data are dropped, with a notice. The map, the matrix and the "
        "timeline also have an embed link (*Copy embed link*: the chart alone, for an article or slides), and each "
        "can be saved as an image with its title, legend, date and sources. *How to cite this view*, at the foot of "
        "every page, names the data's version: the date of its latest record and a short fingerprint of the file."
    )

    st.header("Licence and attribution")
    st.markdown(
        "- Country outlines: [Natural Earth](https://www.naturalearthdata.com/) (public domain), via the "
        "`world-atlas` package. Crimea is drawn as part of Ukraine, the internationally recognised border.\n"
        "- Quotes are short excerpts from the articles listed on the Sources page, cited for the purpose of "
        "review; the articles remain their publishers' work.\n"
        "- Colours: ColorBrewer RdBu (Cynthia Brewer, Penn State)."
    )

    st.header("Found an error?")
    st.markdown(
        "Tell us in an issue on the project's repository, and we will check it against the source. Send:\n"
        "1. **the link to the view** where you saw it (the *Copy link* button at the foot of every page, or the "
        "address bar);\n"
        "2. **the sentence** in question, as the dashboard shows it;\n"
        "3. **what is wrong**, and if you can, where the correct version is published (a link to the article).\n\n"
        "Every record quotes its source word for word, so a correction is a change to a record and its quote, "
        "reviewed like any other and shown in *What changed*."
    )
    st.caption(md(f"This page shows {data.version.long_label()}. Quote this version with your report."))
    if curator_mode():
        st.caption("Curator mode: `python -m coalition validate` lists every problem in the data file with its "
                   "line, e.g. `data/coalition.yaml:57: countries.ITA.stances[0].position: 'maybe' is not one "
                   "of ...`.")


data, view = frame.open("about")
render(data, view)
frame.close(data)
