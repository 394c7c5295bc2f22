"""Build the country outlines of the map: data/world.geojson, every country of the world.

Source: Natural Earth 1:50m Admin 0 countries, as packaged in the npm
package world-atlas 2.0.2 (countries-50m.json, TopoJSON). Natural Earth
data is in the public domain (https://www.naturalearthdata.com/about/terms-of-use/);
the world-atlas packaging is ISC-licensed (c) Michael Bostock.

Run once, commit the output; the app never fetches anything:

    python scripts/build_geo.py [path/to/world-atlas] [--force]

Without a path, `npm pack world-atlas@2` is run in a temporary folder.
What it does: decodes the TopoJSON (own small decoder), simplifies the
shared arcs with Douglas-Peucker (finely where the Europe view looks, coarsely
elsewhere, so neighbours keep sharing their border points), drops tiny islands,
merges Aland into Finland and N. Cyprus into Cyprus, gives Crimea (drawn as
Russian, de facto, in this Natural Earth edition) to Ukraine, its
internationally recognised border (UN GA resolution 68/262), unwraps the
180th meridian (Russia and New Zealand east of it, the USA west), leaves
Antarctica out and gives each country a label point inside its largest part.
"""

import argparse
import json
import math
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import pycountry

ROOT = Path(__file__).resolve().parent.parent

EUROPE = {
    "ALB": "Albania", "AND": "Andorra", "ARM": "Armenia", "AUT": "Austria",
    "AZE": "Azerbaijan", "BEL": "Belgium", "BGR": "Bulgaria", "BIH": "Bosnia and Herzegovina",
    "BLR": "Belarus", "CHE": "Switzerland", "CYP": "Cyprus", "CZE": "Czechia",
    "DEU": "Germany", "DNK": "Denmark", "ESP": "Spain", "EST": "Estonia",
    "FIN": "Finland", "FRA": "France", "GBR": "United Kingdom", "GEO": "Georgia",
    "GRC": "Greece", "HRV": "Croatia", "HUN": "Hungary", "IRL": "Ireland",
    "ISL": "Iceland", "ITA": "Italy", "LIE": "Liechtenstein", "LTU": "Lithuania",
    "LUX": "Luxembourg", "LVA": "Latvia", "MCO": "Monaco", "MDA": "Moldova",
    "MKD": "North Macedonia", "MLT": "Malta", "MNE": "Montenegro", "NLD": "Netherlands",
    "NOR": "Norway", "POL": "Poland", "PRT": "Portugal", "ROU": "Romania",
    "RUS": "Russia", "SMR": "San Marino", "SRB": "Serbia", "SVK": "Slovakia",
    "SVN": "Slovenia", "SWE": "Sweden", "TUR": "Turkey", "UKR": "Ukraine",
    "VAT": "Vatican City", "XKX": "Kosovo",
}
OUTSIDE = {
    "USA": "United States", "CAN": "Canada", "JPN": "Japan", "AUS": "Australia",
    "NZL": "New Zealand", "KOR": "South Korea", "PRK": "North Korea", "IRQ": "Iraq",
}
BY_NAME = {"Kosovo": "XKX", "N. Cyprus": "CYP"}  # features without an id
MERGE_INTO = {"ALA": "FIN"}  # Aland is part of Finland
SKIP_NAMES = {"Ashmore and Cartier Is."}  # repeats Australia's id 036
CRIMEA_BOX = (32.0, 44.0, 36.7, 46.3)  # a Russian part wholly inside moves to Ukraine
EAST_OF_180 = {"RUS", "NZL"}  # negative longitudes shifted by +360
WEST_OF_180 = {"USA"}  # positive longitudes (Aleutians) shifted by -360


def fetch_atlas(tmp):
    """Run `npm pack world-atlas@2` in tmp and return the unpacked folder."""
    out = subprocess.run(["npm", "pack", "world-atlas@2"], cwd=tmp, check=True,
                         capture_output=True, text=True).stdout.strip().splitlines()[-1]
    with tarfile.open(Path(tmp) / out) as tar:
        tar.extractall(tmp, filter="data")
    return Path(tmp) / "package"


def decode_arcs(topo):
    """Absolute [lon, lat] points of every arc (delta-encoded, quantized)."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)
    return arcs


def _seg_dist(p, a, b):
    """Distance from p to segment ab (degrees, planar)."""
    (x, y), (x1, y1), (x2, y2) = p, a, b
    dx, dy = x2 - x1, y2 - y1
    if dx == dy == 0:
        return math.hypot(x - x1, y - y1)
    t = max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)))
    return math.hypot(x - x1 - t * dx, y - y1 - t * dy)


def douglas_peucker(pts, tol):
    """Simplify a polyline, keeping its ends and at least one middle point."""
    n = len(pts)
    if n < 3:
        return list(pts)
    keep = [False] * n
    keep[0] = keep[-1] = True
    stack = [(0, n - 1)]
    first = True
    while stack:
        i, j = stack.pop()
        if j - i < 2:
            continue
        k, dmax = max(((m, _seg_dist(pts[m], pts[i], pts[j])) for m in range(i + 1, j)),
                      key=lambda t: t[1])
        if dmax > tol or first:  # always keep one middle point so rings cannot collapse
            keep[k] = True
            stack += [(i, k), (k, j)]
        first = False
    return [p for p, kept in zip(pts, keep) if kept]


def simplify_arc(pts, tol):
    """Simplify one arc; a closed arc is split at its farthest point first."""
    if len(pts) > 3 and pts[0] == pts[-1]:
        k = max(range(len(pts)), key=lambda m: math.dist(pts[0], pts[m]))
        return douglas_peucker(pts[:k + 1], tol)[:-1] + douglas_peucker(pts[k:], tol)
    return douglas_peucker(pts, tol)


def ring_points(ring, arcs):
    """Stitch a ring (list of signed arc indices) into points."""
    pts = []
    for i in ring:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        pts.extend(arc[1:] if pts else arc)
    return pts


def dissolve(polygons, arcs):
    """Join polygons that share arcs (e.g. Cyprus and N. Cyprus) into one."""
    outer = [a for poly in polygons for a in poly[0]]
    inner = {a for a in outer if ~a in outer}
    if not inner:
        return polygons
    touching = [p for p in polygons if set(p[0]) & inner]
    rest = [p for p in polygons if not set(p[0]) & inner]
    holes = [h for p in touching for h in p[1:]]
    start = lambda a: arcs[a][0] if a >= 0 else arcs[~a][-1]
    end = lambda a: arcs[a][-1] if a >= 0 else arcs[~a][0]
    left = [a for p in touching for a in p[0] if a not in inner]
    rings = []
    while left:
        ring = [left.pop(0)]
        while end(ring[-1]) != start(ring[0]):
            nxt = next(a for a in left if start(a) == end(ring[-1]))
            left.remove(nxt)
            ring.append(nxt)
        rings.append(ring)
    rings.sort(key=len, reverse=True)
    return [[rings[0]] + holes] + [[r] for r in rings[1:]] + rest


def ring_area_km2(ring):
    """Spherical area of a lon/lat ring in km2, signed (positive = counter-clockwise)."""
    r = 6371.0088
    total = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        total += math.radians(x2 - x1) * (2 + math.sin(math.radians(y1)) + math.sin(math.radians(y2)))
    return -total * r * r / 2


def ring_centroid(ring):
    """Planar centroid of a lon/lat ring."""
    a = cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        c = x1 * y2 - x2 * y1
        a += c
        cx += (x1 + x2) * c
        cy += (y1 + y2) * c
    if a == 0:
        return [sum(p[0] for p in ring) / len(ring), sum(p[1] for p in ring) / len(ring)]
    return [cx / (3 * a), cy / (3 * a)]


def in_box(ring, box):
    """True if every point of the ring lies in the lon/lat box."""
    x0, y0, x1, y1 = box
    return all(x0 <= x <= x1 and y0 <= y <= y1 for x, y in ring)


# ---------------------------------------------------------------------------------------------
# The world: every country of Natural Earth 1:50m, for the pydeck map (data/world.geojson).
#
# One source (50m) for every country, so neighbours share their borders point for point (110m
# for the world and 50m for Europe would not meet). Each shared arc is simplified once
# (Douglas-Peucker, its ends fixed), finer where the Europe view looks (``FINE_BOX``) than
# elsewhere, and every point is rounded by where it lies: 2 decimals (~1 km) in ``FINE_BOX``,
# 1 decimal (~10 km, under a pixel of the world view) outside. A point shared by two countries
# is rounded the same way for both, so their borders still meet.
WORLD_OUT = ROOT / "data" / "world.geojson"
FINE_BOX = (-32.0, 25.0, 72.0, 82.0)  # what the Europe view can show on a wide screen
FINE_TOLERANCE = 0.04  # degrees, arcs in FINE_BOX (under half a px of the Europe view)
WORLD_TOLERANCE = 0.2  # degrees, arcs outside FINE_BOX (under half a px of the world view)
WORLD_MIN_PART_KM2 = 2500  # outside FINE_BOX: smaller islands dropped (a country keeps its largest part)
FINE_MIN_PART_KM2 = 150  # inside FINE_BOX
WORLD_BY_NAME = {"Kosovo": "XKX", "N. Cyprus": "CYP", "Somaliland": "SOM",
                 "Siachen Glacier": "IND",  # administered by India
                 "Indian Ocean Ter.": "AUS"}  # Christmas and Cocos Islands
WORLD_SKIP = {"ATA"}  # Antarctica: no country, and off the world view
# Short names where ISO's are long or inverted (no comma in a label)
WORLD_NAMES = {
    "BOL": "Bolivia", "COD": "DR Congo", "COG": "Congo", "CIV": "Côte d'Ivoire", "FSM": "Micronesia",
    "IRN": "Iran", "LAO": "Laos", "MDA": "Moldova", "PSE": "Palestine", "SYR": "Syria", "TZA": "Tanzania",
    "VEN": "Venezuela", "VNM": "Vietnam", "BRN": "Brunei", "CZE": "Czechia", "TWN": "Taiwan",
    "KOR": "South Korea", "PRK": "North Korea", "RUS": "Russia", "FLK": "Falkland Islands",
    "VGB": "British Virgin Islands", "VIR": "US Virgin Islands", "MAF": "Saint Martin",
    "SXM": "Sint Maarten", "SHN": "Saint Helena", "BES": "Caribbean Netherlands", "CPV": "Cabo Verde",
    "SWZ": "Eswatini", "TUR": "Turkey", "VAT": "Vatican City", "MKD": "North Macedonia",
    "HMD": "Heard and McDonald Is.", "SGS": "South Georgia", "UMI": "US Minor Outlying Is.",
    "ATF": "French Southern Lands", "IOT": "British Indian Ocean Ter.",
}


def world_iso3(geom):
    """Alpha-3 code of a TopoJSON geometry of the world map, or None to leave it out."""
    name = geom.get("properties", {}).get("name")
    if name in SKIP_NAMES:
        return None
    if name in WORLD_BY_NAME:
        return WORLD_BY_NAME[name]
    country = pycountry.countries.get(numeric=geom["id"]) if geom.get("id") else None
    code = MERGE_INTO.get(country.alpha_3, country.alpha_3) if country else None
    return None if code in WORLD_SKIP else code


def world_name(iso3):
    """The country's display name: the map's own for the countries it knew, else ISO's short one."""
    if iso3 in EUROPE or iso3 in OUTSIDE:
        return EUROPE.get(iso3) or OUTSIDE[iso3]
    if iso3 in WORLD_NAMES:
        return WORLD_NAMES[iso3]
    c = pycountry.countries.get(alpha_3=iso3)
    return getattr(c, "common_name", None) or c.name


def in_fine_box(x, y):
    x0, y0, x1, y1 = FINE_BOX
    return x0 <= x <= x1 and y0 <= y <= y1


def round_point(x, y, digits=None):
    """A point on the grid of where it lies: 0.01 degree in FINE_BOX, 0.1 degree elsewhere (or on the
    grid of ``digits`` decimals)."""
    d = digits if digits is not None else 2 if in_fine_box(x, y) else 1
    return round(x, d), round(y, d)


def world_ring(pts, ccw, digits=None):
    """Round, drop repeats, orient (counter-clockwise outer rings, RFC 7946) and close a ring; None if
    fewer than 3 distinct points are left."""
    out = []
    for x, y in pts:
        p = list(round_point(x, y, digits))
        if not out or p != out[-1]:
            out.append(p)
    if len(out) > 1 and out[0] == out[-1]:
        out.pop()
    if len({tuple(p) for p in out}) < 3 or abs(ring_area_km2(out)) < 0.5:  # collapsed onto a line
        return None
    if (ring_area_km2(out) > 0) != ccw:
        out.reverse()
    return out + [out[0]]


def point_shift(shift_east):
    """Longitude shift of the points of a country across 180 degrees: +360 west of 0 when the country
    lies east (Russia's Chukotka, Fiji, New Zealand's Chatham Islands, Kiribati), -360 east of 0 when it
    lies west (the Aleutians); no shift for the others (None)."""
    if shift_east is None:
        return lambda x: 0
    if shift_east:
        return lambda x: 360 if x < 0 else 0
    return lambda x: -360 if x > 0 else 0


def _merc_y(lat):
    lat = max(min(lat, 85.0), -85.0)
    return math.degrees(math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)))


def _unmerc_y(y):
    return math.degrees(2 * math.atan(math.exp(math.radians(y))) - math.pi / 2)


def _point_to_rings(px, py, rings):
    """Signed distance from (px, py) to the polygon's edges: positive inside (even-odd rule)."""
    inside, best = False, float("inf")
    for ring in rings:
        for (ax, ay), (bx, by) in zip(ring, ring[1:] + ring[:1]):
            if (ay > py) != (by > py) and px < (bx - ax) * (py - ay) / (by - ay) + ax:
                inside = not inside
            best = min(best, _seg_dist((px, py), (ax, ay), (bx, by)))
    return best if inside else -best


def pole_of_inaccessibility(rings, precision=0.02):
    """The point inside the polygon farthest from its edges (polylabel), in Mercator degrees, returned
    as [lon, lat]: where a label sits best (a crescent's centroid can lie outside it)."""
    merc = [[(x, _merc_y(y)) for x, y in ring] for ring in rings]
    xs = [x for x, _ in merc[0]]
    ys = [y for _, y in merc[0]]
    x0, y0, x1, y1 = min(xs), min(ys), max(xs), max(ys)
    size = max(x1 - x0, y1 - y0)
    if size == 0:
        return [round(x0, 3), round(_unmerc_y(y0), 3)]
    cells = []
    h = size / 2
    nx, ny = max(1, math.ceil((x1 - x0) / size)), max(1, math.ceil((y1 - y0) / size))
    for i in range(nx):
        for j in range(ny):
            cx, cy = x0 + h + i * size, y0 + h + j * size
            cells.append((cx, cy, h, _point_to_rings(cx, cy, merc)))
    cx, cy = sum(xs) / len(xs), sum(ys) / len(ys)
    best = (cx, cy, 0, _point_to_rings(cx, cy, merc))
    prec = precision * size
    while cells:
        cells.sort(key=lambda c: c[3] + c[2] * math.sqrt(2))
        cx, cy, h, d = cells.pop()
        if d > best[3]:
            best = (cx, cy, h, d)
        if d + h * math.sqrt(2) - best[3] <= prec:
            continue
        h /= 2
        for sx in (-h, h):
            for sy in (-h, h):
                x, y = cx + sx, cy + sy
                cells.append((x, y, h, _point_to_rings(x, y, merc)))
    return [round(best[0], 3), round(_unmerc_y(best[1]), 3)]


def build_world(topo):
    """GeoJSON features for every country of the world, plus a list of what was dropped."""
    arcs = decode_arcs(topo)
    polys = {}
    for geom in topo["objects"]["countries"]["geometries"]:
        iso3 = world_iso3(geom)
        if iso3 is None:
            continue
        parts = geom["arcs"] if geom["type"] == "MultiPolygon" else [geom["arcs"]]
        polys.setdefault(iso3, []).extend(parts)

    for part in list(polys["RUS"]):  # Crimea is Ukraine (UN GA resolution 68/262)
        if in_box(ring_points(part[0], arcs), CRIMEA_BOX):
            polys["RUS"].remove(part)
            polys["UKR"].append(part)

    def tolerance(pts):
        return FINE_TOLERANCE if any(in_fine_box(x, y) for x, y in pts) else WORLD_TOLERANCE

    small = [simplify_arc(a, tolerance(a)) for a in arcs]
    features, dropped = [], []
    for iso3 in sorted(polys):
        parts = dissolve(polys[iso3], arcs)
        full_parts = [[ring_points(r, arcs) for r in part] for part in parts]
        xs = [x for part in full_parts for x, _ in part[0]]
        shift_east = None
        if min(xs) < -170 and max(xs) > 170:  # across 180 degrees: unwrapped east, but the USA west
            shift_east = iso3 not in WEST_OF_180
        shift = point_shift(shift_east)
        kept = []
        for part, full in zip(parts, full_parts):
            outer = [(x + shift(x), y) for x, y in full[0]]
            area = abs(ring_area_km2(outer)) - sum(abs(ring_area_km2(h)) for h in full[1:])
            for digits in (None, 2, 3):  # an island lost on the coarse grid (the Maldives) gets a finer one
                rings = [world_ring([(x + shift(x), y) for x, y in ring_points(r, small)], k == 0, digits)
                         for k, r in enumerate(part)]
                if rings[0] is not None:
                    break
            if rings[0] is None:
                dropped.append(f"{iso3}: a part collapsed ({area:.0f} km2)")
                continue
            lon, lat = ring_centroid(outer)
            kept.append((area, [r for r in rings if r], in_fine_box(lon, lat)))
        if not kept:
            dropped.append(f"{iso3}: no part left")
            continue
        kept.sort(key=lambda t: t[0], reverse=True)
        n = len(kept)
        kept = kept[:1] + [k for k in kept[1:]
                           if k[0] >= min(FINE_MIN_PART_KM2 if k[2] else WORLD_MIN_PART_KM2, kept[0][0] / 10)]
        if n > len(kept):
            dropped.append(f"{iso3}: {n - len(kept)} small parts")
        main = kept[0][1]
        features.append({
            "type": "Feature",
            "properties": {
                "iso3": iso3,
                "name": world_name(iso3),
                "region": "Europe" if iso3 in EUROPE else "Outside Europe",
                "centroid": [round(c, 3) for c in ring_centroid(main[0][:-1])],
                "label": pole_of_inaccessibility([r[:-1] for r in main]),
                "area_km2": round(sum(k[0] for k in kept)),
            },
            "geometry": {"type": "MultiPolygon", "coordinates": [k[1] for k in kept]},
        })
    return features, dropped



def main(argv=None):
    """Command line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("atlas", nargs="?", help="world-atlas package folder (default: npm pack)")
    ap.add_argument("--out", default=None)
    ap.add_argument("--force", action="store_true", help="overwrite an existing output")
    args = ap.parse_args(argv)
    out = Path(args.out or WORLD_OUT)
    if out.exists() and not args.force:
        sys.exit(f"{out} exists; pass --force to overwrite")
    with tempfile.TemporaryDirectory() as tmp:
        atlas = Path(args.atlas) if args.atlas else fetch_atlas(tmp)
        version = json.loads((atlas / "package.json").read_text())["version"]
        topo = json.loads((atlas / "countries-50m.json").read_text())
    features, dropped = build_world(topo)
    missing = (set(EUROPE) | set(OUTSIDE)) - {f["properties"]["iso3"] for f in features}
    if missing:
        sys.exit(f"missing countries: {sorted(missing)}")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"type": "FeatureCollection", "features": features},
                              separators=(",", ":"), ensure_ascii=False) + "\n")
    for line in dropped:
        print("dropped:", line)
    print(f"world-atlas {version}: wrote {out} ({out.stat().st_size / 1024:.0f} KB, "
          f"{len(features)} features)")


if __name__ == "__main__":
    main()
