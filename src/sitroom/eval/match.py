"""Agreement tests for single fields, shared by every metric. Pure functions, but for the
names of first-order divisions, which the gazetteer settles when spelling cannot
("Aleppo" and GeoNames' "Halab" are one governorate)."""

from __future__ import annotations

import difflib
import functools
import math
import re
import unicodedata
from collections.abc import Callable, Sequence
from typing import TypeVar

from sitroom.record import Place

Canonical = Callable[[str], str]

PLACE_KM = 25.0
TOPONYM_KM = 161.0
EARTH_RADIUS_KM = 6371.0088
ADMIN1_MIN_RATIO = 0.8
JACCARD_MIN = 0.5

# Words that name the kind of first-order division rather than the division itself.
_ADMIN1_KIND_WORDS = frozenset(
    "province provinces state oblast governorate region wilayah wilaya wilayat velayat"
    " muhafazat ostan".split()
)
_VOWELS = re.compile(r"[aeiouyhwv]")  # letters that transliterations drop or swap freely
_WORD = re.compile(r"\w+")

G = TypeVar("G")
P = TypeVar("P")


def identity(name: str) -> str:
    return name


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def place_km(gold: Place, pred: Place | None) -> float | None:
    """Distance between two places, or None when either has no coordinates."""
    if pred is None or None in (gold.lat, gold.lon, pred.lat, pred.lon):
        return None
    return haversine_km(gold.lat, gold.lon, pred.lat, pred.lon)  # type: ignore[arg-type]


def place_agrees(gold: Place, pred: Place | None) -> bool:
    """Within 25 km, or (gold precision ``admin1``) the same first-order division."""
    if pred is None:
        return False
    km = place_km(gold, pred)
    if km is not None and km <= PLACE_KM:
        return True
    if gold.precision != "admin1":
        return False
    gold_name = gold.admin1 or gold.name
    pred_names = [pred.admin1] + ([pred.name] if pred.precision == "admin1" else [])
    return any(name and admin1_agrees(gold_name, name) for name in pred_names)


def normalise_admin1(name: str) -> str:
    """Casefold, strip accents, drop words like "province", keep letters only."""
    folded = unicodedata.normalize("NFKD", name.casefold())
    plain = "".join(c for c in folded if not unicodedata.combining(c))
    words = re.findall(r"[^\W\d_]+", plain)
    return "".join(w for w in words if w not in _ADMIN1_KIND_WORDS)


def admin1_agrees(gold: str, pred: str) -> bool:
    """Same admin1 after normalisation, or a close spelling of it.

    A close spelling needs difflib ratio >= 0.8 *and* the same consonants once vowels and
    the letters transliterations swap (y, h, w, v) are dropped: Nimruz ~ Nimroz,
    Sar-e Pol ~ Sar-e Pul, Khost ~ Khowst, but Paktia is not Paktika (ratio 0.92, two
    neighbouring provinces).
    """
    a, b = normalise_admin1(gold), normalise_admin1(pred)
    if not a or not b:
        return False
    if a == b:
        return True
    if difflib.SequenceMatcher(None, a, b).ratio() >= ADMIN1_MIN_RATIO:
        if _skeleton(a) == _skeleton(b):
            return True
    return bool(_divisions(gold) & _divisions(pred))


@functools.lru_cache(maxsize=4096)
def _divisions(name: str) -> frozenset[tuple[str | None, str | None]]:
    """The first-order divisions the gazetteer knows by this name (without words such as
    "governorate"), as (country, admin1 code)."""
    from sitroom.places.gazetteer import load_gazetteer

    words = [w for w in name.split() if normalise_admin1(w)]
    plain = " ".join(words) or name
    gazetteer = load_gazetteer()
    return frozenset(
        (c.country, c.admin1_code)
        for text in {name, plain}
        for c in gazetteer.lookup(text)
        if c.kind == "admin1"
    )


def _skeleton(name: str) -> str:
    return _VOWELS.sub("", name.replace("q", "k"))


def name_agrees(gold: str, pred: str | None, canonical: Canonical = identity) -> bool:
    """Actor-like names: equal after canonicalisation and case-folding."""
    if pred is None:
        return False
    return canonical(gold).casefold().strip() == canonical(pred).casefold().strip()


def words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def contains_words(longer: Sequence[str], shorter: Sequence[str]) -> bool:
    n, target = len(shorter), list(shorter)
    return n > 0 and any(list(longer[i : i + n]) == target for i in range(len(longer) - n + 1))


def speaker_agrees(gold: str, pred: str | None) -> bool:
    """Equal after case-folding, or one contains the other as whole words.

    "State Department" ~ "U.S. State Department".
    """
    if pred is None:
        return False
    a, b = words(gold), words(pred)
    return a == b or contains_words(a, b) or contains_words(b, a)


def head_word(phrase: str | None) -> str | None:
    """Last word, lower case: "strategic airport" -> "airport"."""
    if phrase is None:
        return None
    found = words(phrase)
    return found[-1] if found else None


def part_agrees(gold: str | None, pred: str | None) -> bool:
    """Both none, or the same head word ("army base" and "military base" differ). A word
    is the same in the singular and the plural and in British and American spelling
    ("neighbourhoods" ~ "neighborhood"); a bracketed note is no part of the name
    ("rebel-held parts (east)" has the head "parts")."""
    if gold is None or pred is None:
        return gold is None and pred is None
    g, p = _part_words(gold), _part_words(pred)
    return bool(g) and g[-1:] == p[-1:] and _modifiers_agree(g, p)


def _part_words(phrase: str) -> list[str]:
    plain = re.sub(r"\([^)]*\)", " ", phrase)
    return [singular(w).replace("our", "or") for w in words(plain)]


def _modifiers_agree(gold: list[str], pred: list[str]) -> bool:
    """ "army base" vs "military base": both modified, by different words -> different."""
    g, p = gold[:-1], pred[:-1]
    return not g or not p or bool(set(g) & set(p))


def singular(word: str) -> str:
    """Fold a plural noun to its singular, enough for category head words."""
    if len(word) > 3 and word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def category_agrees(gold: str, pred: str | None) -> bool:
    """Same head word, singular and plural folded: "provincial capitals" ~ "provincial capital"."""
    g, p = head_word(gold), head_word(pred)
    return g is not None and p is not None and singular(g) == singular(p)


def jaccard(a: str, b: str) -> float:
    sa, sb = set(words(a)), set(words(b))
    return len(sa & sb) / len(sa | sb) if sa | sb else 1.0


def greedy_pairs(
    gold: Sequence[G],
    pred: Sequence[P],
    agrees: Callable[[G, P], bool],
    preference: Callable[[G, P], float] | None = None,
) -> list[tuple[int, int]]:
    """One-to-one greedy matching in gold order: (gold index, pred index) pairs.

    Each gold item takes the unused prediction that ``agrees`` with it; among several the
    one with the highest ``preference`` (first in order on ties).
    """
    used: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for gi, g in enumerate(gold):
        best: int | None = None
        best_score = -math.inf
        for pi, p in enumerate(pred):
            if pi in used or not agrees(g, p):
                continue
            score = preference(g, p) if preference else 0.0
            if score > best_score:
                best, best_score = pi, score
        if best is not None:
            used.add(best)
            pairs.append((gi, best))
    return pairs
