"""The map as a static SVG (coalition.render.map_image), made from the view model the deck draws, on the
frozen data; plain pytest (xml.etree reads the picture back), no browser."""
from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import pytest

from coalition import load_frames, palette
from coalition.render import caption, map_image
from coalition.views import map as mapview

TODAY = dt.date(2026, 11, 21)
NS = {"s": "http://www.w3.org/2000/svg"}
HOSTILE = '<script>alert(1)</script> & "Ital\x01y" ]]>'
TITLE = "Will it send troops to a force in Ukraine?"
AS_OF = "As of 20 March 2025 (the latest records)"
LINK = "http://localhost:8501/map?issue=troops&view=europe"


@pytest.fixture(scope="module")
def f():
    return load_frames(today=TODAY)


@pytest.fixture(scope="module")
def positions(f):
    p = f.positions[f.positions["issue"] == "troops"].sort_values("order")
    return [(r.position, r.label, r.score, r.description) for r in p.itertuples()]


@pytest.fixture(scope="module")
def troops(f):
    return mapview.tables(f, "troops")[0]


@pytest.fixture(scope="module")
def source(f):
    return caption.source_line(caption.outlets(f.sources), LINK)


@pytest.fixture(scope="module")
def europe(troops, positions, source):
    return map_image.map_svg(troops, positions, TITLE, AS_OF, source, which="europe")


@pytest.fixture(scope="module")
def world(troops, positions, source):
    return map_image.map_svg(troops, positions, TITLE, AS_OF, source, which="world")


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def text_of(t: ET.Element) -> str:
    """A text element's lines (its tspans) joined by spaces."""
    return " ".join(s for s in t.itertext())


def all_text(root: ET.Element) -> list[str]:
    return [text_of(t) for t in root.iter(f"{{{NS['s']}}}text")]


def country_paths(root: ET.Element) -> dict:
    return {p.get("data-iso3"): p for p in root.findall(".//s:g[@id='countries']/s:path", NS)}


def test_map_svg_is_xml_with_title_date_legend_and_source(europe, positions, source):
    root = parse(europe)
    assert root.tag == f"{{{NS['s']}}}svg" and root.get("viewBox")
    texts = all_text(root)
    assert root.find("s:title", NS).text == TITLE
    assert TITLE in texts and f"Europe · {AS_OF}" in texts
    legend = [text_of(t) for t in root.findall(".//s:g[@id='legend']//s:text", NS)]
    assert [label for _, label, _, _ in positions] == ["Committed", "Undecided", "No, unless...", "Declined"]
    assert all(label in legend for _, label, _, _ in positions) and palette.NO_RECORD_LABEL in legend
    # the marks this map uses: hatched Italy (disputed), dotted Germany (uncertain), the small states' dots
    assert {"hatched: the sources disagree", "dotted and paler: only rumoured or uncertain",
            "dot: a small state"} <= set(legend)
    assert not any("faded" in t for t in legend)  # no countries filter
    footer = " ".join(text_of(t) for t in root.findall(".//s:g[@id='source']/s:text", NS))
    assert footer == source and "sources: The European Conservative, outlet unknown" in footer


def test_legend_swatches_have_the_positions_colours(europe, positions):
    root = parse(europe)
    fills = [r.get("fill") for r in root.findall(".//s:g[@id='legend']/s:rect", NS)]
    assert fills[:len(positions) + 1] == [palette.colour(s) for _, _, s, _ in positions] + [palette.NO_RECORD]


def test_one_path_per_country_with_its_colour_italy_as_declined_on_troops(europe, troops):
    root = parse(europe)
    paths = country_paths(root)
    ita = troops.set_index("iso3").loc["ITA"]
    assert ita["position_label"] == "No, unless..." and set(ita["positions"]) == {"Declined", "No, unless..."}
    assert paths["ITA"].get("fill") == palette.colour(-1) == "#ef8a62"  # as the deck's opaque fill
    assert paths["FRA"].get("fill") == paths["GBR"].get("fill") == palette.colour(2)
    fills = {r.iso3: "#{:02x}{:02x}{:02x}".format(*r.fill[:3]) for r in troops.itertuples()}
    assert all(p.get("fill") == fills[iso3] for iso3, p in paths.items())  # every country as the deck fills it
    assert paths["DEU"].get("fill") == fills["DEU"] != palette.colour(0)  # uncertain: paler
    assert paths["ESP"].get("fill") == palette.NO_RECORD
    assert len(paths) == len(set(paths)) and {"ITA", "FRA", "GBR", "DEU", "UKR", "POL"} <= set(paths)
    assert "AUS" not in paths and "USA" not in paths  # outside the Europe view: not drawn
    # Italy is hatched: the model's hatch lines are drawn over it
    hatch = root.find(".//s:path[@class='hatch']", NS)
    assert hatch is not None and hatch.get("fill") == "#1e1e1e" and hatch.get("d").count("M") >= 15
    assert root.find(".//s:path[@class='stipple']", NS) is not None
    labels = [t.text for t in root.findall(".//s:g[@id='labels']/s:text", NS)]
    assert {"Italy", "France", "Germany", "UK"} <= set(labels)
    assert len(root.findall(".//s:g[@id='dots']/s:circle", NS)) == len(mapview.model(troops, "europe").dots)


def test_world_view_draws_the_world_and_stays_small(world):
    root = parse(world)
    paths = country_paths(root)
    assert {"AUS", "USA", "BRA", "JPN", "NZL", "ITA"} <= set(paths) and len(paths) > 150
    assert "World · " + AS_OF in all_text(root)
    assert len(world.encode()) < 400_000


def test_europe_view_lists_the_countries_on_record_it_leaves_out(f, positions, source):
    join = mapview.tables(f, "join")[0]
    root = parse(map_image.map_svg(join, [], "Will it join?", AS_OF, source, which="europe"))
    legend = [text_of(t) for t in root.findall(".//s:g[@id='legend']//s:text", NS)]
    assert "On record, outside this view" in legend
    assert {"Australia: Considering (rumoured)", "Japan: Declined",
            "New Zealand: Considering (rumoured)"} <= set(legend)
    world = parse(map_image.map_svg(join, [], "Will it join?", AS_OF, source, which="world"))
    assert "On record, outside this view" not in all_text(world)


def test_a_countries_filter_fades_the_others_and_says_so(f, source):
    table = mapview.tables(f, "troops", ("GBR", "FRA"))[0]
    root = parse(map_image.map_svg(table, [], TITLE, AS_OF, source))
    paths = country_paths(root)
    faded = mapview.fill_of(-1, in_filter=False)
    assert paths["ITA"].get("fill") == "#{:02x}{:02x}{:02x}".format(*faded[:3])
    assert "faded: outside your countries filter" in all_text(root)


def test_hostile_names_and_outlets_are_escaped(f, troops, positions):
    table = troops.copy()
    table.loc[table["iso3"] == "ITA", "name"] = HOSTILE
    bad_positions = [(p, HOSTILE if p == "declined" else label, s, d) for p, label, s, d in positions]
    svg = map_image.map_svg(table, bad_positions, HOSTILE, HOSTILE,
                            caption.source_line([HOSTILE], LINK + '"><script>'), which="europe")
    assert "<script>" not in svg and "\x01" not in svg and "]]>" not in svg
    root = parse(svg)  # still well-formed XML
    texts = all_text(root)
    clean = HOSTILE.replace("\x01", "")
    assert root.find("s:title", NS).text == clean and clean in texts
    assert not root.findall(".//s:script", NS)


def test_map_svg_is_deterministic(troops, positions, source, europe):
    assert map_image.map_svg(troops, positions, TITLE, AS_OF, source, which="europe") == europe
    # an unknown view falls back to Europe
    assert map_image.map_svg(troops, positions, TITLE, AS_OF, source, which="mars") == europe
