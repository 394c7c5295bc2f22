"""A learned second reader for the stances the rules miss (issue 14).

The rules in ``suggest`` read a sentence through cues; on writers they were not developed from they find
about 57-62% of the stances a careful reader lists, and each round of new rules since round 8 gained almost
nothing on unseen text. This module adds a per-issue logistic regression trained on the development articles'
answer keys (tests/fixtures/eval/dev): for every sentence and every country named in it as an actor, the
probability of each position on each issue, from the sentence's words (the country's own name replaced by
``__c__``, other countries by ``__o__``), the words right around the name, and what the rules suggested there.

Two uses, both measured on writers the model was not trained on (``scripts/train_stance_model.py --cv``):
* **add**: a position the rules did not suggest for that country and issue in that sentence, when the model
  gives it at least ``threshold``;
* **veto**: a rule suggestion is dropped when the model is at least ``veto`` sure that the sentence says
  nothing on that issue for that country.

Plain Python with the weights in ``data/stance_model.json`` (trained offline by the script, which needs
scikit-learn; reading the model needs nothing beyond the standard library). No network, no download.
"""
from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

MODEL_FILE = Path(__file__).resolve().parent.parent / "data" / "stance_model.json"
FORMAT = 1
SCALE = 1000  # the file stores weights and intercepts as integers, in thousandths

_TOK = re.compile(r"[a-z0-9\u20ac$\u00a3%]+|__c__|__o__")
_NEG = re.compile(r"\b(?:not|no|never|rule[sd]? out)\b|n't\b|\b(?:refus|declin|reject)")


@dataclass(frozen=True)
class NameAt:
    """A country's name in a sentence: offsets in the article, the country, whether it acts there."""

    start: int
    end: int
    country: str
    actor: bool


@dataclass(frozen=True)
class RuleAt:
    """A rule suggestion: country, issue, position and the span of the sentence it quotes."""

    country: str
    issue: str
    position: str
    span: tuple[int, int]


def sure(p: float) -> str:
    """A probability as the draft says it ("87% sure"; never "100%": the model is not certain)."""
    return "over 99% sure" if p >= 0.995 else f"{p:.0%} sure"


def overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def features(sentence: str, start: int, names: list[NameAt], country: str, rules: list[RuleAt]) -> Counter:
    """The features of ``country`` in one sentence (``sentence`` begins at offset ``start`` of the article;
    ``names`` are the country names inside it; ``rules`` the rule suggestions, any sentence)."""
    end = start + len(sentence)
    pieces, last = [], 0
    for n in sorted(names, key=lambda n: (n.start, n.end)):
        a = n.start - start
        if a < last:
            continue  # a name inside one already replaced
        pieces.append(sentence[last:a].lower())
        pieces.append(" __c__ " if n.country == country else " __o__ ")
        last = n.end - start
    pieces.append(sentence[last:].lower())
    toks = _TOK.findall("".join(pieces))
    f: Counter = Counter()
    for t in toks:
        f["w:" + t] += 1
    for x, y in zip(toks, toks[1:]):
        f["b:" + x + "_" + y] += 1
    at = [k for k, t in enumerate(toks) if t == "__c__"]
    if at:
        k = at[0]
        for t in toks[k + 1:k + 7]:
            f["r:" + t] = 1
        for t in toks[max(0, k - 4):k]:
            f["l:" + t] = 1
        f["first"] = int(all(t != "__o__" for t in toks[:k]))
    f["nother"] = sum(t == "__o__" for t in toks)
    f["neg"] = int(bool(_NEG.search(sentence.lower())))
    for r in rules:
        if overlap(r.span, (start, end)):
            if r.country == country:
                f[f"rule:{r.issue}={r.position}"] = 1
                f["rulei:" + r.issue] = 1
            else:
                f["ruleo:" + r.issue] = 1
    return +f  # zero counts dropped


def candidates(names: list[NameAt]) -> list[str]:
    """The countries a sentence names as actors, in order of first mention."""
    return list(dict.fromkeys(n.country for n in names if n.actor))


@dataclass
class IssueModel:
    classes: list[str]
    intercept: list[float]
    weights: dict[str, list[float]]  # feature -> one weight per row of the linear model

    def probabilities(self, f: Counter) -> dict[str, float]:
        rows = len(self.intercept)
        z = list(self.intercept)
        for name, value in f.items():
            w = self.weights.get(name)
            if w:
                for i in range(rows):
                    z[i] += value * w[i]
        if rows == 1:  # two classes: one logit for the second
            p = 1.0 / (1.0 + math.exp(-max(-500.0, min(500.0, z[0]))))
            return {self.classes[0]: 1.0 - p, self.classes[1]: p}
        top = max(z)
        e = [math.exp(v - top) for v in z]
        s = sum(e)
        return {c: v / s for c, v in zip(self.classes, e)}


@dataclass
class StanceModel:
    issues: dict[str, IssueModel]
    threshold: float
    veto: float
    trained_on: str = ""

    def read(self, f: Counter) -> dict[str, dict[str, float]]:
        return {issue: m.probabilities(f) for issue, m in self.issues.items()}


class ModelError(ValueError):
    pass


def from_dict(d: dict) -> StanceModel:
    if not isinstance(d, dict) or d.get("format") != FORMAT:
        raise ModelError(f"not a stance model of format {FORMAT}")
    issues = {}
    if not isinstance(d.get("issues"), dict):
        raise ModelError("stance model: no issues")
    for issue, m in d["issues"].items():
        if not isinstance(m, dict):
            raise ModelError(f"stance model: issue {issue!r} is malformed")
        classes, intercept, weights = m.get("classes"), m.get("intercept"), m.get("weights")
        numbers = [intercept] + list(weights.values()) if isinstance(weights, dict) else [intercept]
        if not (isinstance(classes, list) and "none" in classes and isinstance(intercept, list)
                and all(isinstance(x, (int, float)) and not isinstance(x, bool)
                        for row in numbers if isinstance(row, list) for x in row)
                and isinstance(weights, dict) and len(intercept) in (1, len(classes))
                and (len(intercept) == 1) == (len(classes) == 2)
                and all(isinstance(w, list) and len(w) == len(intercept) for w in weights.values())):
            raise ModelError(f"stance model: issue {issue!r} is malformed")
        issues[issue] = IssueModel(classes, [x / SCALE for x in intercept],
                                   {k: [x / SCALE for x in w] for k, w in weights.items()})
    try:
        threshold, veto = float(d["threshold"]), float(d["veto"])
    except (KeyError, TypeError, ValueError):
        raise ModelError("stance model: threshold and veto must be numbers") from None
    return StanceModel(issues, threshold, veto, str(d.get("trained_on", "")))


_cache: dict[Path, tuple[float, StanceModel]] = {}


def load(path: Path | None = None) -> StanceModel | None:
    """The shipped model, or None when there is no model file (then suggest uses the rules alone)."""
    path = Path(path) if path else MODEL_FILE
    try:
        stamp = path.stat().st_mtime
    except FileNotFoundError:
        return None
    hit = _cache.get(path)
    if hit and hit[0] == stamp:
        return hit[1]
    try:
        model = from_dict(json.loads(path.read_text(encoding="utf-8")))
    except ValueError as e:  # not JSON, or not a model
        raise ModelError(f"{path}: {e} (retrain: python scripts/train_stance_model.py)") from e
    _cache[path] = (stamp, model)
    return model


def apply(model: StanceModel, sentences: list[tuple[str, int, list[NameAt]]], rules: list[RuleAt],
          known_issues: set[str] | None = None) -> tuple[list[tuple[int, str, str, str, float]], dict[int, float]]:
    """What the model adds and vetoes. ``sentences``: (text, start offset, names in it); ``rules``: the rule
    suggestions; ``known_issues``: the issues the data knows (others are not read). Returns the additions as
    (sentence index, country, issue, position, probability) and the indices in ``rules`` to drop, each with the
    model's probability that the sentence says nothing on that issue for that country."""
    added: list[tuple[int, str, str, str, float]] = []
    vetoed: dict[int, float] = {}
    for si, (text, start, names) in enumerate(sentences):
        span = (start, start + len(text))
        here = [(i, r) for i, r in enumerate(rules) if overlap(r.span, span)]  # once per sentence, not per country
        here_rules = [r for _, r in here]
        for country in candidates(names):
            probs = model.read(features(text, start, names, country, here_rules))
            for issue, p in probs.items():
                if known_issues is not None and issue not in known_issues:
                    continue
                best = max((c for c in p if c != "none"), key=lambda c: p[c])
                ruled = [i for i, r in here if r.country == country and r.issue == issue]
                if p["none"] >= model.veto:
                    for i in ruled:
                        vetoed[i] = max(vetoed.get(i, 0.0), p["none"])
                elif not ruled and p[best] >= model.threshold and p[best] > p["none"]:
                    added.append((si, country, issue, best, p[best]))
    return added, vetoed
