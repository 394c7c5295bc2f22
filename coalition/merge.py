"""Merging a reviewed draft (``drafts/NNN.yaml``, written by ``suggest``) into the data file, as text.

``python -m coalition merge drafts/NNN.yaml`` does step 4 of the curation workflow (README): the draft's
source goes under ``sources:``; each country's new people and its stances into the country's block when
the data has it (creating ``people:`` or ``stances:`` there if needed), or the whole country block when
it is new; events, figures, groups and organisations to their lists.

It is a **text** merge: the draft's YAML text of each record is inserted at the right place, re-indented
to the data file's indentation, and nothing else of the data file changes: its comments, order, quoting
and folded lines stay byte for byte (the old file's lines are a subsequence of the new file's). A data
file is never loaded and dumped. Comments in the draft (``# named as: ...``, ``# already listed``) are
left out. As a guard on the text work, the merged text must load to exactly the records a structural
merge gives, or nothing is written.

Refused, with every reason at once: a ``suggested:`` line left in the draft (the curator has not
finished the review), a source already in the data (same id, file or SHA-256), an event, figure or group
id the data already uses. Then the merged text is validated (``validate.check``, every quote against its
seed) before the data file is touched; problems are shown at their lines in the draft or the data file,
not in a merged file no one can open. Only a valid result replaces the data file, atomically (a temporary
file beside it, then ``os.replace``).

``check_draft`` does the same merge in memory for ``python -m coalition validate drafts/NNN.yaml``.
Plain Python: no streamlit.
"""
from __future__ import annotations

import os
import re
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import files, yamlio
from .paths import display_path
from .validate import Problem, check

SECTIONS = ("sources", "countries", "events", "figures", "groups", "organisations")  # what a draft may hold
LISTS = ("events", "figures", "groups")  # records with an id, appended to the data's lists
NOUNS = {"sources": "source", "events": "event", "figures": "figure", "groups": "group"}
_ComposeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_BLOCK_HEADER = re.compile(r"[|>](?:[1-9][+-]?|[+-][1-9]?)?")
_TRAILING_COMMENT = re.compile(r"(\s*:)?\s+#.*")


def is_draft(path: str | os.PathLike, text: str | None = None) -> bool:
    """A draft rather than a data file: it lies in a ``drafts/`` folder, or it has no ``issues:`` section
    (every data file has one; ``suggest`` never writes one)."""
    if Path(path).resolve().parent.name == "drafts":
        return True
    return text is not None and not re.search(r"^issues\s*:", text, re.M)


# ----------------------------------------------------------------------------------------------
# a YAML text with its values (yamlio, safe) and its nodes' positions (yaml.compose)
class _Doc:
    def __init__(self, text: str, shown: str, scan: bool = True):
        self.text, self.shown = text, shown
        self.lines = text.split("\n")  # a CRLF file keeps its '\r' at the end of each line
        self.crlf = self.lines[0].endswith("\r")
        self.data = yamlio.loads(text)  # refuses aliases, tags, duplicate keys, huge files, with lines
        self.root = yaml.compose(text, Loader=_ComposeLoader)  # positions only; no object is built
        self.inside: set[int] = set()   # lines inside a scalar that spans lines: copied as they are
        self.ends: dict[int, int] = {}  # line -> column where its last value ends (a comment may follow)
        if self.root is not None and scan:  # (only the draft's comments are left out: the data's stay)
            self._scan(self.root)

    def _scan(self, node) -> None:
        if isinstance(node, yaml.ScalarNode):
            if node.value == "" and not node.style:
                return  # an empty value (`key:`): its position is the next token's
            first, last = node.start_mark.line, self.end_line(node)
            self.inside.update(range(first + 1, last + 1))
            if node.style in ("|", ">"):  # the value starts on the next line; the header ends here
                m = _BLOCK_HEADER.match(self.lines[first], node.start_mark.column)
                self._end(first, m.end() if m else node.start_mark.column + 1)
            else:
                self._end(last, node.end_mark.column)
            return
        if getattr(node, "flow_style", False):
            self._end(node.end_mark.line, node.end_mark.column)
        children = node.value if isinstance(node, yaml.SequenceNode) else [n for kv in node.value for n in kv]
        for child in children:
            self._scan(child)

    def _end(self, line: int, column: int) -> None:
        self.ends[line] = max(column, self.ends.get(line, 0))

    def end_line(self, node) -> int:
        """The 0-based last line holding any of ``node``'s text (not the blank lines or comments after it)."""
        if isinstance(node, yaml.ScalarNode):
            if node.value == "" and not node.style:
                return -1
            last = node.end_mark.line - (node.end_mark.column == 0)
            if node.style in ("|", ">"):  # a block scalar's end mark lies past its trailing blank lines
                while last > node.start_mark.line and not self.lines[last].strip():
                    last -= 1
            return last
        if getattr(node, "flow_style", False):
            return node.end_mark.line
        children = node.value if isinstance(node, yaml.SequenceNode) else [n for kv in node.value for n in kv]
        return max([node.start_mark.line] + [self.end_line(c) for c in children])

    def item_line(self, item) -> tuple[int, int]:
        """(line, column) of the dash that opens a block sequence item."""
        line, col = item.start_mark.line, item.start_mark.column
        dash = self.lines[line].rfind("-", 0, col)
        while dash < 0 and line > 0:  # the dash alone on a line above ("-\n  id: x")
            line -= 1
            dash = self.lines[line].rstrip().rfind("-") if self.lines[line].strip() == "-" else -1
        return line, max(dash, 0)

    def block(self, first: int, node) -> list[tuple[str, int]]:
        """The text of lines ``first`` .. the end of ``node``, without comments: (line, 1-based line number)."""
        out = []
        for i in range(first, max(first, self.end_line(node)) + 1):
            row = self.lines[i].rstrip("\r")
            if i in self.inside:
                out.append((row, i + 1))
                continue
            if not row.strip() or row.lstrip().startswith("#"):
                continue
            end = self.ends.get(i)
            if end is not None:
                m = _TRAILING_COMMENT.fullmatch(row, end)
                if m:
                    row = row[:end] + (m.group(1) or "")
            out.append((row.rstrip(), i + 1))
        return out

    def blank_before(self, line: int) -> bool:
        return line > 0 and not self.lines[line - 1].strip()


def _pair(mapping, key: str):
    """(key node, value node) of ``key`` in a composed mapping, or None."""
    if isinstance(mapping, yaml.MappingNode):
        for k, v in mapping.value:
            if isinstance(k, yaml.ScalarNode) and k.value == key:
                return k, v
    return None


def _empty(node) -> bool:
    """A value that holds nothing yet: `key:`, `key: []` or `key: {}`."""
    if isinstance(node, yaml.ScalarNode):
        return node.value in ("", "~", "null", "Null", "NULL") and not node.style
    return bool(getattr(node, "flow_style", False)) and not node.value


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def _folded(name) -> str:
    return " ".join(str(name).split()).casefold()


def _reindent(rows: list[tuple[str, int]], delta: int) -> list[tuple[str, int]]:
    if delta >= 0:
        return [((" " * delta + r) if r.strip() else r, n) for r, n in rows]
    cut = -delta
    if all(not r.strip() or r[:cut] == " " * cut for r, n in rows):
        return [(r[cut:], n) for r, n in rows]
    raise _Refused(f"cannot re-indent the draft's lines {rows[0][1]}..{rows[-1][1]} by {delta}")


class _Refused(Exception):
    pass


# ----------------------------------------------------------------------------------------------
@dataclass
class Plan:
    """A merge worked out in memory: the merged text, where each of its lines came from, what was added."""

    draft: Path
    data: Path
    problems: list[Problem] = field(default_factory=list)  # refusals (suggested lines, clashes, shape)
    text: str | None = None
    origin: list[tuple[str, int]] = field(default_factory=list)  # per merged line: (file shown, line)
    added: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    new_countries: list[str] = field(default_factory=list)
    source_ids: list[str] = field(default_factory=list)
    suggested: list[tuple[int, str]] = field(default_factory=list)  # (draft line, where) of `suggested:` keys
    old: bytes = b""  # the data file's bytes the merge was computed from

    def map_problem(self, p: Problem) -> Problem:
        """A problem of the merged text, at its line in the draft or the data file."""
        def at(n: int) -> str:
            f, line = self.origin[n - 1] if 0 < n <= len(self.origin) else (display_path(self.data), n)
            return f"{f}:{line}"

        what = re.sub(r"\(first on line (\d+)\)", lambda m: f"(first at {at(int(m.group(1)))})", p.what)
        if 0 < p.line <= len(self.origin):
            f, line = self.origin[p.line - 1]
            return Problem(f, line, p.where, what)
        return Problem(p.file, p.line, p.where, what)

    def summary(self) -> str:
        ids = ", ".join(self.source_ids) or "the draft"
        return f"Merged {ids}: {self.what()} into {display_path(self.data)}"

    def what(self) -> str:
        """What the merge adds: "1 source, 7 stances (3 new countries: ESP, NOR, POL), 2 events, 1 figure"."""
        def n(k: str, one: str, many: str | None = None) -> str:
            c = self.added.get(k, 0)
            return f"{c} {one if c == 1 else (many or one + 's')}"

        parts = [n("sources", "source"), n("stances", "stance")]
        if self.new_countries:
            parts[-1] += (f" ({len(self.new_countries)} new {'country' if len(self.new_countries) == 1 else 'countries'}: "
                          f"{', '.join(self.new_countries)})")
        if self.added.get("people"):
            parts.append(n("people", "person", "people"))
        parts += [n("events", "event"), n("figures", "figure")]
        for k, one in (("groups", "group"), ("organisations", "organisation"),
                       ("organisation stances", "organisation stance")):
            if self.added.get(k):
                parts.append(n(k, one))
        return ", ".join(parts)


class _Editor:
    """Lines to insert after given lines of the data file (and the rare line rewritten: `events: []`)."""

    def __init__(self, doc: _Doc, plan: Plan, draft: _Doc):
        self.doc, self.plan, self.draft = doc, plan, draft
        self.after: dict[int, list[tuple[str, int]]] = defaultdict(list)
        self.replace: dict[int, str] = {}

    def insert(self, at: int, rows: list[tuple[str, int]]) -> None:
        self.after[at].extend(rows)

    def render(self) -> tuple[str, list[tuple[str, int]]]:
        cr = "\r" if self.doc.crlf else ""
        data_name, draft_name = self.doc.shown, self.draft.shown
        out, origin = [], []
        last = len(self.doc.lines) - 1
        for i, row in enumerate(self.doc.lines):
            if i == last and row == "" and not self.after.get(i):  # the end of a file that ends in a newline
                out.append(row)
                break
            out.append(self.replace.get(i, row))
            origin.append((data_name, i + 1))
            for text, n in self.after.get(i, []):
                out.append(text + cr if text else cr)
                origin.append((draft_name, n))
        return "\n".join(out), origin

    # -- the insertions ----------------------------------------------------------------------
    def items(self, parent, key: str, items: list, new_at: int, new_col: int, origin_line: int) -> None:
        """Append draft sequence items to the list ``key`` of the data mapping node ``parent``, creating the
        key (at column ``new_col``, after line ``new_at``) when it is missing or empty."""
        if not items:
            return
        pair = _pair(parent, key)
        rows: list[tuple[str, int]] = []
        if pair is None:
            rows.append((" " * new_col + f"{key}:", origin_line))
            dash, at, blank = new_col + 2, new_at, False
        else:
            knode, vnode = pair
            if isinstance(vnode, yaml.SequenceNode) and not vnode.flow_style and vnode.value:
                first_line, dash = self.doc.item_line(vnode.value[0])
                last_line, _ = self.doc.item_line(vnode.value[-1])
                at = self.doc.end_line(vnode)
                blank = len(vnode.value) > 1 and self.doc.blank_before(last_line)
            elif _empty(vnode):
                line = knode.start_mark.line
                if vnode.end_mark.line != line:
                    raise _Refused(f"{self.doc.shown}:{line + 1}: `{key}:` has an empty value written over "
                                   "several lines; write it as `{key}:` alone or add a first record by hand")
                if not isinstance(vnode, yaml.ScalarNode) or vnode.value:  # `key: []` -> `key:`
                    row = self.doc.lines[line]
                    self.replace[line] = (row[:vnode.start_mark.column].rstrip() + row[vnode.end_mark.column:])
                dash, at, blank = knode.start_mark.column + 2, line, False
            else:
                raise _Refused(f"{self.doc.shown}:{knode.start_mark.line + 1}: `{key}:` is not a list written "
                               "one item a line (`- ...`), so records cannot be added to it as text")
        for item in items:
            line, col = self.draft.item_line(item)
            if blank:
                rows.append(("", line + 1))
            rows += _reindent(self.draft.block(line, item), dash - col)
        self.insert(at, rows)

    def entries(self, parent, key: str, entries: list, new_at: int, new_col: int, origin_line: int) -> None:
        """Append whole draft entries (key node, value node) to the mapping ``key`` of ``parent``."""
        if not entries:
            return
        pair = _pair(parent, key)
        rows: list[tuple[str, int]] = []
        if pair is None:
            rows.append((" " * new_col + f"{key}:", origin_line))
            col, at, blank = new_col + 2, new_at, False
        else:
            knode, vnode = pair
            if isinstance(vnode, yaml.MappingNode) and not vnode.flow_style and vnode.value:
                col = vnode.value[0][0].start_mark.column
                at = self.doc.end_line(vnode)
                blank = self.doc.blank_before(vnode.value[-1][0].start_mark.line)
            elif _empty(vnode) and vnode.end_mark.line == knode.start_mark.line:
                line = knode.start_mark.line
                if not isinstance(vnode, yaml.ScalarNode) or vnode.value:
                    row = self.doc.lines[line]
                    self.replace[line] = (row[:vnode.start_mark.column].rstrip() + row[vnode.end_mark.column:])
                col, at, blank = knode.start_mark.column + 2, line, False
            else:
                raise _Refused(f"{self.doc.shown}:{knode.start_mark.line + 1}: `{key}:` is not a mapping written "
                               "one key a line, so records cannot be added to it as text")
        for k, v in entries:
            line = k.start_mark.line
            if blank:
                rows.append(("", line + 1))
            rows += _reindent(self.draft.block(line, v), col - k.start_mark.column)
        self.insert(at, rows)


def _suggested(node, where: str = "") -> list[tuple[int, str]]:
    """(line, where) of every `suggested:` key left in the draft's values, and of every summary or title
    still the draft's placeholder ("TODO: ..."): both mean the record was not reviewed."""
    found = []
    if isinstance(node, dict):
        for k, v in node.items():
            w = f"{where}.{k}" if where else k
            if k == "suggested" or (k in ("summary", "title") and isinstance(v, str)
                                    and v.lstrip().upper().startswith("TODO")):
                found.append((node.lines.get(k, node.line), w))
            found += _suggested(v, w)
    elif isinstance(node, list):
        for i, v in enumerate(node):
            found += _suggested(v, f"{where}[{i}]")
    return found


def _left(where: str) -> str:
    """What to do about an unreviewed line (``_suggested``)."""
    if where.endswith(".suggested") or where == "suggested":
        return "a `suggested:` line is left: review this record (fix it or delete it), then delete the line"
    return f"the {where.rsplit('.', 1)[-1]} is still the draft's TODO placeholder: write it in your own words"


def plan(draft_path: str | os.PathLike, data_path: str | os.PathLike, allow_suggested: bool = False) -> Plan:
    """Work out the merge of a draft into a data file, in memory (nothing is written, nothing validated)."""
    draft_path, data_path = Path(draft_path), Path(data_path)
    p = Plan(draft=draft_path, data=data_path)
    dshown, shown = display_path(draft_path), display_path(data_path)

    def refuse(file: str, line: int, where: str, what: str) -> None:
        p.problems.append(Problem(file, line, where, what))

    try:
        draft_text = yamlio.read_text(draft_path)
    except yamlio.YamlError as exc:
        refuse(dshown, exc.line, exc.where or "(file)", exc.message)
        return p
    if not data_path.is_file():
        refuse(shown, 0, "(file)", f"data file not found: {shown}")
        return p
    try:
        p.old = yamlio.read_bytes(data_path)
        data_text = yamlio.read_text(data_path, p.old)
    except files.FileProblem as exc:
        refuse(shown, 0, "(file)", f"{shown}: {exc.message}")
        return p
    except yamlio.YamlError as exc:
        refuse(shown, exc.line, exc.where or "(file)", exc.message)
        return p
    docs = {}
    for name, text, where in (("draft", draft_text, dshown), ("data", data_text, shown)):
        try:
            docs[name] = _Doc(text, where, scan=name == "draft")
        except yamlio.YamlError as exc:
            refuse(where, exc.line, exc.where or "(file)", exc.message)
        except yaml.YAMLError as exc:  # pragma: no cover - yamlio.loads has refused what compose cannot read
            refuse(where, 0, "(file)", f"YAML error: {exc}")
    if len(docs) < 2:
        return p
    draft, data = docs["draft"], docs["data"]
    d, base = draft.data, data.data
    if not isinstance(d, dict) or not isinstance(base, dict) or not isinstance(draft.root, yaml.MappingNode) \
            or not isinstance(data.root, yaml.MappingNode):
        which = dshown if not isinstance(d, dict) else shown
        refuse(which, 1, "(file)", "expected a mapping of sections (sources:, countries:, ...)")
        return p
    if "issues" in d:
        refuse(dshown, d.lines["issues"], "issues", "this is a data file, not a draft (a draft has no `issues:`); "
                                                    "give it with --data, or merge a draft from drafts/")
        return p
    for key in d:
        if key not in SECTIONS:
            refuse(dshown, d.lines[key], key, f"a draft holds only {', '.join(SECTIONS)}; merge does not know "
                                              f"{key!r}")
    for key in SECTIONS:
        want = dict if key in ("countries", "organisations") else list
        if key in d and d[key] is not None and not isinstance(d[key], want):
            refuse(dshown, d.lines[key], key, f"expected a {'mapping' if want is dict else 'list'}")
    p.suggested = _suggested(d)
    if not allow_suggested:
        for line, where in p.suggested:
            refuse(dshown, line, where, _left(where))
    if p.problems:
        return p

    # clashes with what the data already holds
    old_sources = {}
    for i, s in enumerate(base.get("sources") or []):
        if isinstance(s, dict):
            line = base["sources"].lines[i]
            for k in ("id", "file", "sha256"):
                if isinstance(s.get(k), str):
                    old_sources.setdefault((k, s[k]), (s.get("id"), line))
    for i, s in enumerate(d.get("sources") or []):
        if not isinstance(s, dict):
            refuse(dshown, d["sources"].lines[i], f"sources[{i}]", "expected a mapping of fields")
            continue
        hits = [(what, old_sources[(k, s.get(k))]) for k, what in (("id", "id"), ("file", "file"), ("sha256", "SHA-256"))
                if (k, s.get(k)) in old_sources]
        if hits:
            (first, (hid, hline)) = hits[0]
            refuse(dshown, s.lines.get("id", s.line), f"sources[{i}]",
                   f"source {s.get('id')!r} is already in {shown}: same {_and([w for w, _ in hits])} as source "
                   f"{hid} (line {hline}). " + ("Was this draft merged already? " if first == "id" else "")
                   + "A source is merged once; a different article needs its own number and id (add-seed)")
    if p.problems:  # the draft's other ids would all clash too: say the one thing that matters
        return p
    for key in LISTS:
        used = {r.get("id"): base[key].lines[i] for i, r in enumerate(base.get(key) or [])
                if isinstance(r, dict) and isinstance(r.get("id"), str)}
        for i, r in enumerate(d.get(key) or []):
            if isinstance(r, dict) and r.get("id") in used:
                refuse(dshown, r.lines.get("id", r.line), f"{key}[{i}].id",
                       f"{NOUNS[key]} id {r['id']!r} is already used in {shown} (line {used[r['id']]}); "
                       f"give the draft's {NOUNS[key]} another id")
    for key in ("countries", "organisations"):
        for code, c in (d.get(key) or {}).items():
            if not isinstance(c, dict):
                refuse(dshown, d[key].lines[code], f"{key}.{code}", "expected a mapping (name, region, stances...)")
            for sub in ("people", "stances"):
                if isinstance(c, dict) and c.get(sub) is not None and not isinstance(c[sub], list):
                    refuse(dshown, c.lines[sub], f"{key}.{code}.{sub}", "expected a list")
    if p.problems:
        return p

    try:
        expected = _build(p, data, draft)
    except _Refused as exc:
        refuse(dshown, 0, "(merge)", str(exc))
        return p
    # the guard: the text must load to what a structural merge gives
    try:
        got = yamlio.loads(p.text)
    except yamlio.YamlError as exc:
        got = exc
    if got != expected:
        line = p.origin[got.line - 1] if isinstance(got, yamlio.YamlError) and 0 < got.line <= len(p.origin) else None
        refuse(dshown, line[1] if line else 0, "(merge)",
               "the text merge does not give the expected records"
               + (f" ({got.message} at {line[0]}:{line[1]})" if line else "")
               + "; nothing is written. Merge this draft by hand, and report the case")
        p.text = None
    return p


def _build(p: Plan, data: _Doc, draft: _Doc):
    """Fill ``p.text`` and ``p.origin``; return the records a structural merge gives (for the guard)."""
    ed = _Editor(data, p, draft)
    d, base = draft.data, data.data
    expected = _plain(base)
    root, droot = data.root, draft.root
    eof = max((i for i, row in enumerate(data.lines) if row.strip()), default=0)  # new sections go last

    def extend(rec: dict, key: str, values: list) -> None:
        rec[key] = (rec.get(key) or []) + _plain(values)

    for key in SECTIONS:  # in the data file's order, so insertions at one line keep it
        dpair = _pair(droot, key)
        if not dpair or not d.get(key):
            continue
        if key not in ("countries", "organisations"):
            items = list(dpair[1].value)
            ed.items(root, key, items, eof, 0, d.lines[key])
            extend(expected, key, d[key])
            p.added[key] = len(items)
            if key == "sources":
                p.source_ids = [x["id"] for x in d[key] if isinstance(x.get("id"), str)]
            continue
        target = _pair(root, key)
        target = target[1] if target and isinstance(target[1], yaml.MappingNode) else None
        if not isinstance(expected.get(key), dict):
            expected[key] = {}
        exp = expected[key]
        new_entries = []
        for k, v in dpair[1].value:
            code, rec = k.value, d[key][k.value]
            old = _pair(target, code)
            if old is None:
                new_entries.append((k, v))
                exp[code] = _plain(rec)
                if key == "countries":
                    p.new_countries.append(code)
                    p.added["stances"] += len(rec.get("stances") or [])
                    p.added["people"] += len(rec.get("people") or [])
                else:
                    p.added["organisations"] += 1
                continue
            okey, oval = old
            if not isinstance(oval, yaml.MappingNode) or oval.flow_style or not oval.value:
                raise _Refused(f"{data.shown}:{okey.start_mark.line + 1}: {key}.{code} is not written one field a "
                               "line, so records cannot be added to it as text")
            col, end = oval.value[0][0].start_mark.column, data.end_line(oval)
            # people not listed yet; a new `people:` goes after `region:` (the data file's field order)
            seen = {_folded(x.get("name")) for x in base[key][code].get("people") or [] if isinstance(x, dict)}
            vpeople = _pair(v, "people")
            nodes = vpeople[1].value if vpeople and isinstance(vpeople[1], yaml.SequenceNode) else []
            people = []
            for item, person in zip(nodes, rec.get("people") or []):
                name = _folded(person.get("name")) if isinstance(person, dict) else None
                if name is None or name not in seen:
                    people.append((item, person))
                    seen.add(name)
            if people:
                after = _pair(oval, "region") or _pair(oval, "name")
                at = max(data.end_line(after[0]), data.end_line(after[1])) if after else end
                ed.items(oval, "people", [i for i, _ in people], at, col, vpeople[0].start_mark.line + 1)
                extend(exp[code], "people", [x for _, x in people])
                p.added["people"] += len(people)
            vst = _pair(v, "stances")
            stances = list(vst[1].value) if vst and isinstance(vst[1], yaml.SequenceNode) else []
            if stances:
                ed.items(oval, "stances", stances, end, col, vst[0].start_mark.line + 1)
                extend(exp[code], "stances", rec["stances"])
                p.added["stances" if key == "countries" else "organisation stances"] += len(stances)
        ed.entries(root, key, new_entries, eof, 0, d.lines[key])
    p.text, p.origin = ed.render()
    return expected


def _plain(v):
    if isinstance(v, dict):
        return {k: _plain(x) for k, x in v.items()}
    if isinstance(v, list):
        return [_plain(x) for x in v]
    return v


# ----------------------------------------------------------------------------------------------
@dataclass
class Outcome:
    plan: Plan
    problems: list[Problem]  # refusals, then the validator's problems of the merged text (mapped back)
    counts: dict | None = None  # the validator's counts when valid


def _validate(p: Plan, today=None) -> tuple[list[Problem], dict | None]:
    ds, problems = check(p.data, today=today, raw=p.text.encode("utf-8"), shown=display_path(p.data))
    return [p.map_problem(x) for x in problems], (ds.counts if ds else None)


def merge(draft_path, data_path, today=None) -> Outcome:
    """Merge a reviewed draft into the data file: refused (file untouched) on any problem; else replaced
    atomically by the valid merged text."""
    p = plan(draft_path, data_path)
    if p.problems or p.text is None:
        return Outcome(p, p.problems)
    problems, counts = _validate(p, today)
    if problems:
        return Outcome(p, problems)
    data_path = Path(data_path)
    try:
        if yamlio.read_bytes(data_path) != p.old:
            return Outcome(p, [Problem(display_path(data_path), 0, "(file)", "the file changed while the draft was "
                                       "being merged; nothing is written. Run merge again")])
    except files.FileProblem as exc:
        return Outcome(p, [Problem(display_path(data_path), 0, "(file)", exc.message)])
    _replace(data_path, p.text.encode("utf-8"))
    return Outcome(p, [], counts)


def _replace(path: Path, raw: bytes) -> None:
    """Write ``raw`` to a temporary file beside ``path``, then move it over ``path`` in one step."""
    target = path.resolve()  # a data file reached through a link: replace the file, keep the link
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".merging")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, os.stat(target).st_mode & 0o7777)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def check_draft(draft_path, data_path, today=None) -> Outcome:
    """``validate drafts/NNN.yaml``: the draft merged in memory into the data it will join, checked. Left
    `suggested:` lines are problems at their lines in the draft (the validator's own `unknown field` for
    them is not repeated); nothing is written."""
    p = plan(draft_path, data_path, allow_suggested=True)
    dshown = display_path(p.draft)
    left = [Problem(dshown, line, where, _left(where)) for line, where in p.suggested]
    if p.problems or p.text is None:
        return Outcome(p, sorted(p.problems + left, key=lambda x: (x.file != dshown, x.line)))
    found, counts = _validate(p, today)
    found = [x for x in found if not (x.where.endswith(".suggested") and x.what.startswith("unknown field"))]
    problems = sorted(left + found, key=lambda x: (x.file != dshown, x.line))
    return Outcome(p, problems, None if problems else counts)
