"""Safe YAML reading that remembers the line of every value.

* Only the safe constructor is used (the C parser when present): a tag that asks
  for a Python object is an error, never an object.
* Aliases (``*ref``) are refused: they are not needed in hand-written records and
  they are how "billion laughs" files blow up.
* Duplicate keys are errors (PyYAML silently keeps the last one).
* Dates stay strings (the validator parses them on purpose); only ``true`` and
  ``false`` are booleans, so ``NO`` (Norway) or ``yes`` stay strings.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

try:  # the C parser is ~10x faster; the constructor stays the safe Python one
    from yaml import CSafeLoader as _Base
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Base

MAX_BYTES = 20 * 1024 * 1024


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

    def __str__(self) -> str:
        return f"{self.line}: {self.message}"


class _Loader(_Base):
    yaml_implicit_resolvers: dict = {}

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
    """Parse YAML text into Node/Seq/scalars, raising YamlError with a line number."""
    if "\x00" in text:
        raise YamlError(1, "the file contains NUL bytes: it is not a text file")
    for lineno, line in enumerate(text.splitlines(), 1):
        stripped = line.lstrip(" ")
        if stripped.startswith("\t"):
            raise YamlError(lineno, "a tab is used for indentation; use spaces")
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader is a SafeLoader
    except YamlError:
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        what = " ".join(str(x) for x in (exc.context, exc.problem) if x)
        raise YamlError(line, f"YAML syntax error: {what}") from None
    except yaml.YAMLError as exc:
        raise YamlError(1, f"YAML error: {exc}") from None


def read_text(path) -> str:
    """Read a data file as UTF-8, refusing huge or binary files with a clear error."""
    with open(path, "rb") as fh:
        raw = fh.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        raise YamlError(1, f"the file is larger than {MAX_BYTES // (1024 * 1024)} MB; refusing to read it")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise YamlError(line, "the file is not valid UTF-8 text") from None
