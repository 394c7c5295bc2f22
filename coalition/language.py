"""Which language an article seems to be written in: a small offline guess, for a warning.

``suggest`` reads English only (its cue phrases, dates and names are English), so a curator who feeds
it a German article should hear so at once rather than get an empty draft. This is no general
language identifier: it answers "English, or which other language?" for the languages the coalition's
press is likely to write in, from two signals a short paragraph already carries:

* the **script**: Cyrillic (then Ukrainian or Russian, by the letters only one of them uses and by
  stop words), Greek, Arabic, Hebrew, Chinese, Japanese, Korean, Georgian, Armenian, Devanagari;
* for Latin script, the share of **stop words** (the, und, le, el, il, w, het, não, och, og, ja...)
  of each language among the words. Names and places ("Élysée", "Sánchez", "Kyiv") are not stop
  words, so an English article quoting them stays English.

``guess(text)`` returns a :class:`Guess` or None when the text looks English or is too short to tell.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

MIN_WORDS = 12        # fewer words than this: no guess (a headline alone says little)
MIN_SHARE = 0.12      # a language's stop words must be at least this share of the words ...
LEAD = 1.5            # ... and this many times English's share

# Frequent function words, chosen to tell the languages apart: words shared by several languages
# count for each of them, and the distinctive ones decide (Danish "ikke", "af" vs Norwegian "ikke",
# "av"; Spanish "el", "los" vs Portuguese "os", "não").
STOP_WORDS: dict[str, frozenset[str]] = {name: frozenset(words.split()) for name, words in {
    "English": "the and of to in is that for on with as was by it at from his her be are has have had "
               "not but which said will would they this their its an were been who also after than "
               "about more could should other into over there what when while",
    "German": "der die das und ist nicht mit sich des dem den ein eine einen einem auch auf für von zu "
              "im sie es wird werden hat haben sind nach bei aus wie wir dass über noch vor zum zur "
              "oder aber nur so",
    "French": "le la les et des est une un du dans que qui pour pas sur au aux avec ce cette il elle sont "
              "ont par plus ne se son sa ses leur été être mais nous ou comme",
    "Spanish": "el la los las y del en que un una es por con para se no su sus al lo como más pero "
               "ha han fue ser está están este esta sobre entre también",
    "Italian": "il la le gli lo di che è e un una per non con del della delle dei degli si sono al alla "
               "nel nella ha hanno come anche più ma da sul tra questo questa",
    "Portuguese": "o a os as e de do da dos das em no na nos nas que um uma para com não por se ao mais "
                  "como mas foi é são pelo pela seu sua também está",
    "Dutch": "de het een en van is dat in op te niet met zijn voor die er aan ook als bij door wordt "
             "worden heeft hebben maar om naar uit dan nog dit deze",
    "Polish": "i w z na nie się że do to jest o jak po od za przez jego jej oraz ale czy już tak są "
              "był była było będzie który która które także dla przy",
    "Swedish": "och att det som en är på för med inte av till den har de om ett var men ska kan sig "
               "från vid eller också efter mot sina hon han vi",
    "Danish": "og at det som en er på for med ikke af til den har de om et var men skal kan sig fra "
              "ved eller også efter mod hun han vi blev være",
    "Norwegian": "og at det som en er på for med ikke av til den har de om et var men skal kan seg fra "
                 "ved eller også etter mot hun han vi ble være",
    "Finnish": "ja on ei se että oli ovat hän mutta kanssa myös kun tai jo sen joka jotka ole olla "
               "mukaan vain sitä nyt kuin mitä",
}.items()}

# scripts other than Latin, by the first word of a letter's Unicode name
SCRIPTS = {"GREEK": "Greek", "ARABIC": "Arabic", "HEBREW": "Hebrew", "CJK": "Chinese",
           "HIRAGANA": "Japanese", "KATAKANA": "Japanese", "HANGUL": "Korean", "GEORGIAN": "Georgian",
           "ARMENIAN": "Armenian", "DEVANAGARI": "Hindi (Devanagari script)", "THAI": "Thai"}
UKRAINIAN_ONLY = set("іїєґІЇЄҐ")
RUSSIAN_ONLY = set("ыэъёЫЭЪЁ")
UKRAINIAN_WORDS = frozenset("і й та що не на це як від до за але також було буде він вона вони".split())
RUSSIAN_WORDS = frozenset("и в что не на это как от до за но также было будет он она они".split())
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


@dataclass(frozen=True)
class Guess:
    language: str          # "German"
    evidence: str          # why, for the warning: "stop words: der, und, die" or "Cyrillic letters"

    def message(self, name: str = "the article") -> str:
        return (f"{name} seems to be in {self.language}, not English ({self.evidence}). `suggest` reads "
                "English only: expect few or no suggestions; record this article by hand, or suggest "
                "from an English translation and quote the original in the records.")


def _script(ch: str) -> str:
    try:
        return unicodedata.name(ch).split(" ", 1)[0]
    except ValueError:
        return ""


def guess(text: str) -> Guess | None:
    """The language ``text`` seems to be in when it is not English; None for English (or too little text)."""
    sample = text[:200_000]  # enough to tell; bounds the work on a large article
    letters = [ch for ch in sample if ch.isalpha()]
    if not letters:
        return None
    scripts: dict[str, int] = {}
    for ch in letters:
        if ch.isascii():
            continue
        s = _script(ch)
        scripts[s] = scripts.get(s, 0) + 1
    top = max(scripts, key=scripts.get) if scripts else None
    if top and scripts[top] > len(letters) / 2:  # mostly letters of another script
        if top == "CYRILLIC":
            return _cyrillic(sample)
        if top in SCRIPTS:
            return Guess(SCRIPTS[top], f"{scripts[top]:,} of its {len(letters):,} letters are {top.title()}")
        if top != "LATIN":
            return Guess(f"a language written in {top.title()} script", f"{top.title()} letters")
    words = [w.lower().replace("’", "'") for w in _WORD.findall(sample)]
    if len(words) < MIN_WORDS:
        return None
    counts = {name: [w for w in words if w in stops] for name, stops in STOP_WORDS.items()}
    english = len(counts["English"]) / len(words)
    ranked = sorted(((n, h) for n, h in counts.items() if n != "English"), key=lambda item: -len(item[1]))
    name, hits = ranked[0]
    share = len(hits) / len(words)
    if share < MIN_SHARE or share < LEAD * english:
        return None
    tied = [n for n, h in ranked if len(h) == len(hits)]
    if len(tied) > 1:  # close relatives (Danish and Norwegian) with no distinctive word in the text
        name = " or ".join(tied)
    common = sorted(set(hits), key=lambda w: (-hits.count(w), w))[:5]
    return Guess(name, f"{len(hits)} of its {len(words)} words are {name} function words such as "
                       f"{', '.join(common)}")


def _cyrillic(text: str) -> Guess:
    uk = sum(ch in UKRAINIAN_ONLY for ch in text)
    ru = sum(ch in RUSSIAN_ONLY for ch in text)
    words = [w.lower() for w in _WORD.findall(text)]
    uk += sum(w in UKRAINIAN_WORDS and w not in RUSSIAN_WORDS for w in words)
    ru += sum(w in RUSSIAN_WORDS and w not in UKRAINIAN_WORDS for w in words)
    if uk == ru:
        return Guess("Russian or Ukrainian", "Cyrillic letters")
    lang = "Ukrainian" if uk > ru else "Russian"
    return Guess(lang, f"Cyrillic letters and words only {lang} uses")
