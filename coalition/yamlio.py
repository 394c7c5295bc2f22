"""Safe YAML reading that remembers the line of every value.

* Only the safe constructor is used (the C parser when present): a tag that asks
  for a Python object is an error, never an object.
* Aliases (``*ref``) are refused: they are not needed in hand-written records and
  they are how "billion laughs" files blow up.
* Duplicate keys are errors (PyYAML silently keeps the last one).
* Size is bounded before any work: bytes (``MAX_BYTES``), values (``MAX_NODES``)
  and nesting (``MAX_DEPTH``), so a hostile file is refused in well under a second
  and never overflows the stack (libyaml's own composer recurses in C and crashes
  the process on ~50,000 nested brackets; the Python composer used here counts).
* Dates stay strings (the validator parses them on purpose); only ``true`` and
  ``false`` are booleans, so ``NO`` (Norway) or ``yes`` stay strings.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass

import yaml

from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.reader import Reader
from yaml.resolver import Resolver

from . import files

try:  # libyaml's C parser makes the events; composing and constructing stay in safe Python
    from yaml._yaml import CParser

    class _Base(Composer, CParser, SafeConstructor, Resolver):
        def __init__(self, stream):
            CParser.__init__(self, stream)
            Composer.__init__(self)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Base

MAX_BYTES = 20 * 1024 * 1024
# values in the file: the shipped file has under 2,000; the 100x benchmark set (20,000 stances,
# 5,000 events, 12 MB) about 600,000. COALITION_MAX_VALUES lowers or raises the cap.
MAX_NODES = int(os.environ.get("COALITION_MAX_VALUES", "") or 2_000_000)
MAX_DEPTH = 40      # nesting levels (the shipped file uses 8)
_TAB_INDENT = re.compile(r"^ *\t", re.M)


class Node(dict):
    """A mapping that knows the line of each key (``lines``) and its own (``line``)."""

    line: int = 0
    lines: dict


class Seq(list):
    """A list that knows the line of each item."""

    line: int = 0
    lines: list


@dataclass
class YamlError(Exception):
    line: int
    message: str
    where: str = ""  # the record around the line, when it can be told (see record_at)

    def __str__(self) -> str:
        return f"{self.line}: {self.message}"


class _Loader(_Base):
    yaml_implicit_resolvers: dict = {}

    def __init__(self, stream):
        super().__init__(stream)
        self._nodes = 0
        self._depth = 0

    def compose_node(self, parent, index):
        event = self.peek_event()
        line = event.start_mark.line + 1
        if isinstance(event, yaml.AliasEvent):
            raise YamlError(line, f"YAML aliases (*{event.anchor}) are not allowed in this file")
        self._nodes += 1
        if self._nodes > MAX_NODES:
            raise YamlError(line, f"the file holds more than {MAX_NODES:,} values; refusing to read further "
                                  "(a hand-edited data file should be far smaller)")
        if self._depth >= MAX_DEPTH:
            raise YamlError(line, f"values are nested more than {MAX_DEPTH} levels deep")
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_yaml_int(self, node):
        try:
            return super().construct_yaml_int(node)
        except ValueError:  # Python refuses to convert integers of more than 4,300 digits
            raise YamlError(node.start_mark.line + 1, f"the number {node.value[:20]}... is too long") from None

    def construct_object(self, node, deep=False):
        if node in self.constructed_objects:
            raise YamlError(node.start_mark.line + 1, "aliases (*name) are not allowed")
        return super().construct_object(node, deep=deep)

    def construct_yaml_map(self, node):
        data = Node()
        data.line = node.start_mark.line + 1
        data.lines = {}
        yield data
        if not isinstance(node, yaml.MappingNode):  # pragma: no cover
            raise YamlError(data.line, "expected a mapping")
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise YamlError(key_node.start_mark.line + 1, "merge keys (<<) are not allowed")
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, (str, int, float, bool)) or key is None:
                raise YamlError(key_node.start_mark.line + 1, f"a key must be plain text, not {type(key).__name__}")
            key = str(key)
            if key in data:
                raise YamlError(
                    key_node.start_mark.line + 1,
                    f"duplicate key {key!r} (first on line {data.lines[key]})",
                )
            data[key] = self.construct_object(value_node, deep=True)
            data.lines[key] = key_node.start_mark.line + 1

    def construct_yaml_seq(self, node):
        data = Seq()
        data.line = node.start_mark.line + 1
        data.lines = []
        yield data
        for item in node.value:
            data.append(self.construct_object(item, deep=True))
            data.lines.append(item.start_mark.line + 1)

    def construct_undefined(self, node):
        raise YamlError(node.start_mark.line + 1, f"the tag {node.tag!r} is not allowed")


_Loader.add_constructor("tag:yaml.org,2002:map", _Loader.construct_yaml_map)
_Loader.add_constructor("tag:yaml.org,2002:seq", _Loader.construct_yaml_seq)
_Loader.add_constructor(None, _Loader.construct_undefined)
_Loader.add_constructor("tag:yaml.org,2002:int", _Loader.construct_yaml_int)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_str)
_Loader.add_constructor("tag:yaml.org,2002:binary", _Loader.construct_undefined)
_Loader.add_constructor("tag:yaml.org,2002:set", _Loader.construct_undefined)
_Loader.add_constructor("tag:yaml.org,2002:omap", _Loader.construct_undefined)
_Loader.add_constructor("tag:yaml.org,2002:pairs", _Loader.construct_undefined)

# Implicit types: null, true/false, int, float. No timestamps, no yes/no/on/off.
_Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:int",
    re.compile(r"^(?:[-+]?0|[-+]?[1-9][0-9_]*)$"),
    list("-+0123456789"),
)
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"),
    list("-+0123456789."),
)
_Loader.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])


def loads(text: str):
    """Parse YAML text into Node/Seq/scalars, raising YamlError with a line number and the record."""
    try:
        return _loads(text)
    except YamlError as exc:
        exc.where = exc.where or record_at(text, exc.line)
        raise


def _loads(text: str):
    if "\x00" in text:
        raise YamlError(_line_at(text, text.index("\x00")), "the file contains NUL bytes: it is not a text file")
    bad = Reader.NON_PRINTABLE.search(text)
    if bad:
        raise YamlError(_line_at(text, bad.start()),
                        f"the file contains a control character (U+{ord(bad.group()):04X}); remove it")
    tab = _TAB_INDENT.search(text) if "\t" in text else None
    if tab:
        raise YamlError(_line_at(text, tab.start()), "a tab is used for indentation; use spaces")
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader is a SafeLoader
    except YamlError:
        raise
    except RecursionError:  # pragma: no cover - MAX_DEPTH keeps the stack shallow
        raise YamlError(1, "values are nested too deeply") from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        context = exc.context
        if context and exc.context_mark and exc.context_mark.line + 1 != line:
            context += f" (from line {exc.context_mark.line + 1}),"
        what = " ".join(str(x) for x in (context, exc.problem) if x)
        raise YamlError(line, f"YAML syntax error: {what}") from None
    except yaml.YAMLError as exc:
        raise YamlError(1, f"YAML error: {exc}") from None


def _line_at(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


# a plain key runs, possessively, up to the first ':' or '#' (its trailing spaces are stripped by the
# caller): a lazy run followed by \s* made a long run of spaces quadratic ('x' + 200,000 spaces + 'y')
_KEY = re.compile(r"""^(?:"([^"]*)"|'([^']*)'|([^\s#'"{\[][^:#]*+))\s*+:(?:\s|$)""")


def record_at(text: str, line: int) -> str:
    """The record around ``line``, from indentation alone: e.g. ``countries.ITA.stances[2]``.

    Used to name the record in YAML-level errors (syntax, tabs, duplicate keys), where
    there is no parsed structure to ask. Returns '' at the top level.
    """
    lines = text.split("\n", line)[:line]
    parts: list[str] = []
    limit, i = 10**9, len(lines) - 1  # the line itself first, then the lines it is indented under
    if lines and lines[-1][: _indent(lines[-1]) + 1].endswith("\t"):  # tab-indented: judge from the line above
        above = [r for r in lines[:-1] if _content(r)][-1:] or [""]
        limit, i = _indent(above[0]) + above[0].rstrip().endswith(":"), len(lines) - 2
    while i >= 0 and limit > 0:
        row = lines[i]
        if not _content(row) or _indent(row) >= limit:
            i -= 1
            continue
        d = _indent(row)
        body = row.strip()
        if body.startswith("- ") or body == "-":
            k, j = 0, i - 1  # count earlier items of the same list, then go on from its key
            while j >= 0:
                r = lines[j]
                if _content(r) and _indent(r) <= d:
                    if _indent(r) == d and (r.strip().startswith("- ") or r.strip() == "-"):
                        k += 1
                    else:
                        break
                j -= 1
            parts.append(f"[{k}]")
            i, limit = j, d + 1
            continue
        m = _KEY.match(body) if i < len(lines) - 1 else None  # the record, not the field itself
        if m:
            parts.append("." + next(g for g in m.groups() if g is not None).strip())
        i, limit = i - 1, d
    if not parts and lines:  # a top-level line: its own key is the record
        m = _KEY.match(lines[-1])
        parts = [m and next(g for g in m.groups() if g is not None).strip() or ""]
    return "".join(reversed(parts)).lstrip(".")


def _indent(row: str) -> int:
    return len(row) - len(row.lstrip(" "))


def _content(row: str) -> bool:
    body = row.strip()
    return bool(body) and not body.startswith("#")


def read_bytes(path) -> bytes:
    """A data file's bytes, at most MAX_BYTES + 1 of them (so a huge file is refused, not read); a named
    pipe or a device is refused before any read (coalition.files.FileProblem)."""
    return files.read_regular(path, MAX_BYTES, name="the file", truncate=True)


def read_text(path, raw: bytes | None = None) -> str:
    """Read a data file (or its bytes, already read) as UTF-8, refusing huge or binary files clearly."""
    if raw is None:
        try:
            raw = read_bytes(path)
        except files.FileProblem as exc:
            raise YamlError(1, exc.message) from None
    if len(raw) > MAX_BYTES:
        raise YamlError(1, f"the file is larger than {MAX_BYTES // (1024 * 1024)} MB; refusing to read it")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        where = record_at(raw[: exc.start + 1].decode("utf-8", errors="replace"), line)
        raise YamlError(line, f"the file is not valid UTF-8 text (byte {raw[exc.start]:#04x})", where) from None
