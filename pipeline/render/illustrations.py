"""Open-licensed vector illustrations of things: the hero when there is no photo and no drawn
stand-in of the product's kind.

The library is Noto Emoji (Google, Apache-2.0), shipped in ``assets/illustrations/`` (see the
README there): one SVG per emoji, ``index.json`` with every illustration's names in English,
Spanish, French, German, Italian and Portuguese (CLDR), and ``synonyms.txt``, a hand-curated
table of product and scene nouns that the emoji names miss ("e-bike" -> bicycle, "sofa" ->
couch and lamp). Nothing is downloaded at run time; ``resvg-py`` rasterises the vectors at the
size asked for, so a hero is as crisp at 2000 px as at 200.

    find("craft lemonade")  -> "1f34b"       the key of the best illustration, or None
    render("1f34b", 900)    -> RGBA image    900 px tall, trimmed to the drawing
    name("1f34b")           -> "lemon"

How ``find`` reads a phrase: it is normalised (case, accents, hyphens, possessives), then tried
as a whole; a phrase with a preposition is read before it first ("*zapatillas* de running",
"*bottle* of wine"); then by its trailing words (English puts the head noun last: "leather
*wallet*"), its leading words (Spanish, French, Italian and Portuguese put it first) and finally
word by word from the right. Each try looks, in order, at the curated synonyms, at whole emoji
names, at the head nouns of emoji names (the last word of an English or German name, the first
of a Romance one) and, for German compounds, at a name's head noun ending the word
("Damen*handtasche*"); each of these also with simple plural and gender endings removed.
Generic heads ("food", "kit", "machine") only count as the whole query, so "dog food" finds the
dog. An English word that another language's emoji name spells ("canon", "chat") keeps its
English meaning (``english_words`` in the index). Words that name nothing drawable
("solutions", "consulting") find nothing.
"""

from __future__ import annotations

import io
import itertools
import json
import re
import threading
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import numpy as np
from PIL import Image

from .memo import shared_cache

ROOT = Path(__file__).resolve().parents[2] / "assets" / "illustrations"
SVG_DIR = ROOT / "noto"
INDEX_PATH = ROOT / "index.json"
SYNONYMS_PATH = ROOT / "synonyms.txt"

# Head-noun matches only come from these categories (ranked); faces, symbols and flags are
# reachable by their exact names or through synonyms only.
_HEAD_CATEGORIES = {"Objects": 0, "Food & Drink": 0, "Travel & Places": 0, "Animals & Nature": 0,
                    "Activities": 0, "People & Body": 1}
_EXACT_CATEGORIES = {**_HEAD_CATEGORIES, "Smileys & Emotion": 2}
_NO_ALIASES = ("Smileys & Emotion", "People & Body")  # English names only, no shortcodes
_ROMANCE = ("es", "fr", "it", "pt")
_LANG_RANK = {"en": 0, "es": 1, "fr": 1, "de": 1, "it": 1, "pt": 1}

# Joining words: never a candidate on their own; they also cut a name into its parts.
STOPWORDS = frozenset("""
a an the and or of for with without in on at by to from my our your his her its their this that
new best top pro plus max mini ultra premium smart super de del della delle dei degli di da do
dos das du des la le les el los las lo gli il un una uno une der die dem den ein eine und y e
et o ou per para pour por con avec com mit fur aus al au aux sur sous en zum zur vom am im
""".split())

# Prepositions: the head noun comes before them ("zapatillas *de* running", "bottle *of* wine").
PREPOSITIONS = frozenset("""
of for with without de del della delle dello dei degli di da do dos das du des au aux con com avec
para per pour sans sin senza sem mit fur ohne von aus zum zur
""".split())

# Generic heads: they name what kind of thing it is, not what it looks like. They count only
# as the whole query ("food"), never as the head of a longer phrase ("dog food" -> dog).
WEAK = frozenset("""
food foods kit kits set sets pack packs box boxes bundle supplies supply accessory accessories gear
shop shops store stores service services company co brand brands line collection range product
products item items thing things maker makers machine machines device devices system systems
tool tools equipment care studio club bar bars lab labs subscription delivery lesson lessons class
classes course courses school schools academy workshop workshops membership memberships rental rentals
repair repairs tour tours
""".split())

# Words a brand's name borrows for how it sounds, not for what it sells: "Maison Capucine" is a
# fashion label, "Onda Blu" a swimwear shop, "Summit Ridge Toyota" a car dealer. A name alone
# (with no noun from the brief) is drawn from its other words, or gets a brand mark.
NAME_METAPHORS = frozenset("""
maison casa haus house home lar hogar heim sun sol soleil sole sonne moon luna lune lua mond star stella
estrella etoile estrela stern cloud nuvola nuage nuvem nube wolke night nuit noche notte noite nacht wave
onda vague welle mare sea ocean
""".split())


def without_metaphors(name: str) -> str:
    """A product's name without the words it borrows for their sound (see NAME_METAPHORS),
    written as names: "Harbor home insurance" still insures a home."""
    return " ".join(w for w in (name or "").split() if not (w[:1].isupper() and _norm(w) in NAME_METAPHORS))


# Name parts cut off before taking the head noun.
_EN_CUT = re.compile(r"\s(?:of|with|at|in|on|for|behind|showing|without|mit)\s.*$")
_ROMANCE_CUT = re.compile(r"\s(?:con|com|avec|sur|sous|en|in)\s.*$")
_CONJ = re.compile(r"\s(?:and|und|y|e|et)\s")


_PRE = str.maketrans({"’": "'", "ß": "ss", "œ": "oe", "æ": "ae"})
_POSSESSIVE = re.compile(r"'s\b")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def _norm(text: str) -> str:
    """Lower case, no accents, words separated by single spaces; possessives dropped."""
    text = unicodedata.normalize("NFKD", (text or "").lower().translate(_PRE))
    text = _POSSESSIVE.sub("", text.encode("ascii", "ignore").decode())
    return " ".join(_NON_ALNUM.sub(" ", text).split())


@lru_cache(maxsize=4096)
def _english_not_german(word: str) -> bool:
    """Whether simplemma's dictionaries know the word in English but not in German."""
    import simplemma  # its dictionaries load on first use

    return simplemma.is_known(word, lang="en") and not simplemma.is_known(word, lang="de")


def _forms(word: str) -> list[str]:
    """The word and its likely singulars / base forms (en, es, fr, de, it, pt)."""
    out = [word]
    n = len(word)

    def add(stem: str, *ends: str) -> None:
        if len(stem) >= 3:
            for e in ends:
                if stem + e not in out:
                    out.append(stem + e)

    if n >= 4:
        if word.endswith("ies"):
            add(word[:-3], "y")
        if word.endswith("ves"):
            add(word[:-3], "f", "fe")
        if word.endswith(("oes", "aes")):  # pt: limoes -> limao, paes -> pao
            add(word[:-3], "ao")
        if word.endswith("ces"):  # es: lapices -> lapiz
            add(word[:-3], "z")
        if word.endswith("aux"):  # fr: chevaux -> cheval
            add(word[:-3], "al")
        if word.endswith("is"):  # pt: aneis -> anel
            add(word[:-2], "l")
        if word.endswith("ns"):  # pt: bombons -> bombom
            add(word[:-2], "m")
        if word.endswith("es"):
            add(word[:-2], "")
        if word.endswith(("chi", "ghi")):  # it: fichi -> fico
            add(word[:-2], "o")
        if word.endswith(("che", "ghe")):  # it: barche -> barca
            add(word[:-2], "a")
    if n >= 4 and word[-1] in "sx":
        add(word[:-1], "")
    if n >= 6 and word.endswith("en"):  # de: Uhren -> Uhr, Taschen -> Tasche
        add(word[:-2], "")
        add(word[:-1], "")
    if n >= 4 and word.endswith("i"):  # it: biscotti -> biscotto, chiavi -> chiave, orologi -> orologio
        add(word[:-1], "o", "e", "io")
    if n >= 5 and word.endswith("e"):  # it: scarpe -> scarpa; de: Schuhe -> Schuh
        add(word[:-1], "a", "")
    return out


def parse_synonyms(text: str) -> list[tuple[str, list[str], int]]:
    """Lines ``target: word, phrase, ...`` (``#`` starts a comment). The target is an English
    illustration name or key; ``-`` as the target lists words that name nothing drawable."""
    out = []
    for i, line in enumerate(text.splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        target, sep, words = line.partition(":")
        if not sep:
            raise ValueError(f"synonyms.txt:{i}: expected 'target: words'")
        out.append((target.strip(), [w.strip() for w in words.split(",") if w.strip()], i))
    return out


class _Library:
    def __init__(self, data: dict | None = None, synonyms: str | None = None) -> None:
        if data is None:
            data = json.loads(INDEX_PATH.read_text(encoding="utf-8"))
        if synonyms is None:
            synonyms = SYNONYMS_PATH.read_text(encoding="utf-8") if SYNONYMS_PATH.is_file() else ""
        self.source: dict = data["source"]
        self.entries: dict[str, dict] = data["illustrations"]
        # English dictionary words that some other language's emoji name also spells ("canon",
        # "chat", "area"): as a one-word query they match English names and synonyms only.
        self.english_words: frozenset[str] = frozenset(data.get("english_words", ()))
        # name or head word -> ranks (language, category, words, ..., key); the smallest wins.
        exact: dict[str, list[tuple]] = {}
        heads: dict[str, list[tuple]] = {}
        self.de_heads: set[str] = set()
        by_en: dict[str, str] = {}
        for key, e in self.entries.items():
            cat = e.get("category", "")
            version = float(e.get("unicode") or 0)
            for lang, names in e["names"].items():
                for pos, raw in enumerate(names):
                    nm = _norm(raw.split(":")[0])
                    if not nm:
                        continue
                    if lang == "en":
                        by_en.setdefault(nm, key)
                    if pos and cat in _NO_ALIASES:
                        continue  # shortcodes like "standing", "pray", "metal": not things
                    words = len(nm.split())
                    if cat in _EXACT_CATEGORIES:
                        exact.setdefault(nm, []).append(
                            (_LANG_RANK[lang], _EXACT_CATEGORIES[cat], pos > 0, words, version, key))
                    if cat in _HEAD_CATEGORIES:
                        for head in self._heads_of(raw, lang):
                            if cat == "People & Body" and head.endswith("ing"):
                                continue  # "person standing": a pose, not a thing
                            heads.setdefault(head, []).append(
                                (_LANG_RANK[lang], _HEAD_CATEGORIES[cat], words, pos > 0, version, key))
                            if lang == "de" and len(head) >= 4:
                                self.de_heads.add(head)
        # Best rank over all languages, and over English alone.
        self.exact = {k: min(v) for k, v in exact.items()}
        self.exact_en = {k: min(r for r in v if r[0] == 0) for k, v in exact.items() if any(r[0] == 0 for r in v)}
        self.heads = {k: min(v) for k, v in heads.items()}
        self.heads_en = {k: min(r for r in v if r[0] == 0) for k, v in heads.items() if any(r[0] == 0 for r in v)}
        self.by_en = by_en
        self.synonyms: dict[str, str] = {}
        self.nothing: set[str] = set()
        for target, words_, line in parse_synonyms(synonyms):
            if target == "-":
                self.nothing.update(_norm(w) for w in words_)
                continue
            key = target if target in self.entries else by_en.get(_norm(target))
            if key is None:
                raise ValueError(f"synonyms.txt:{line}: no illustration named {target!r}")
            for w in words_:
                self.synonyms.setdefault(_norm(w), key)

    @staticmethod
    def _heads_of(raw: str, lang: str) -> list[str]:
        text = raw.split(":")[0].replace("’", "'")
        text = re.sub(r"'s\b", "", text)
        nm = _norm(text)
        cut = _ROMANCE_CUT if lang in _ROMANCE else _EN_CUT
        nm = cut.sub("", nm)
        heads = []
        for part in _CONJ.split(nm):
            words = [w for w in part.split() if w not in STOPWORDS]
            if not words:
                continue
            head = words[0] if lang in _ROMANCE else words[-1]
            if len(head) >= 3 and head not in WEAK and head not in heads:
                heads.append(head)
        return heads

    # -- lookup ----------------------------------------------------------------------------
    def _phrase_forms(self, words: list[str]) -> list[str]:
        per = [_forms(w) if len(w) >= 4 else [w] for w in words[:4]]
        out = []
        for combo in itertools.islice(itertools.product(*per), 64):
            out.append(" ".join(combo))
        return out

    def lookup(self, words: list[str], english_only: bool | None = None, loose: bool = True) -> str | None:
        """The illustration for one candidate span, or None. Not ``loose``: synonyms and whole
        names only (for words joined by us: "e bike" -> "ebike")."""
        forms = self._phrase_forms(words)
        for f in forms:
            if f in self.synonyms:
                return self.synonyms[f]
        if english_only is None:
            english_only = len(words) == 1 and words[0] in self.english_words
        exact = self.exact_en if english_only else self.exact
        for f in forms:
            if f in exact:
                return exact[f][-1]
        if len(words) != 1 or words[0] in WEAK or not loose:
            return None
        heads = self.heads_en if english_only else self.heads
        ranks = [heads[f] for f in forms if f in heads]
        if ranks:
            return min(ranks)[-1]
        word = words[0]
        if not english_only and len(word) >= 8 and not _english_not_german(word):
            # German compounds: "Damenhandtasche" -> "handtasche" (but an English "wetsuits" is no suit)
            for i in range(3, len(word) - 3):
                for f in _forms(word[i:]):
                    if f in self.de_heads:
                        return self.heads[f][-1]
                    if len(f) >= 5 and f in self.synonyms:
                        return self.synonyms[f]
        return None

    def candidates(self, text: str) -> Iterable[tuple[list[str], bool]]:
        """(span, loose) pairs to look up, in order; see lookup."""
        words = [w for w in _norm(text).split() if not w.isdigit()]
        if len(words) > 1:
            yield words[-6:], True  # as written first: "sac a dos" ends with a word that is often a stopword
        while words and words[0] in STOPWORDS:
            words.pop(0)
        while words and words[-1] in STOPWORDS:
            words.pop()
        words = words[-6:]
        n = len(words)
        if n == 0:
            return
        seen: set[tuple[str, ...]] = {tuple(words)} if n > 1 else set()

        def ok(c: list[str]) -> bool:
            if not c or tuple(c) in seen:
                return False
            seen.add(tuple(c))
            if len(c) == 1:
                w = c[0]
                if w in STOPWORDS or w in self.nothing or len(w) < 2:
                    return False
                if w in WEAK and n > 1:
                    return False
            return True

        def trim(c: list[str]) -> list[str]:
            c = list(c)
            while c and c[0] in STOPWORDS:
                c.pop(0)
            while c and c[-1] in STOPWORDS:
                c.pop()
            return c

        yield from ((c, loose) for c, loose in self._spans(words, n, trim) if ok(c))

    def _spans(self, words: list[str], n: int, trim) -> Iterable[tuple[list[str], bool]]:
        """Candidate word spans of a phrase, most likely head first."""
        if len(words) > 1:
            yield trim(words), True
        if len(words) == 2:
            yield ["".join(words)], False  # "e bike" -> "ebike", "t shirt" -> "tshirt"
        cut = next((i for i in range(1, len(words) - 1) if words[i] in PREPOSITIONS), None)
        if cut is not None:
            yield from self._spans(trim(words[:cut]), n, trim)
            yield from self._spans(trim(words[cut + 1:]), n, trim)
            return
        m = len(words)
        for i in range(0, m):  # English: the head noun comes last
            yield trim(words[i:]), True
            if i + 1 < m and len(words[i]) <= 2:  # "e bike" -> also "ebike"
                yield [words[i] + words[i + 1]] + words[i + 2:], False
        for j in range(m - 1, 0, -1):  # Romance languages: the head noun comes first
            yield trim(words[:j]), True
        for w in reversed(words):
            yield [w], True

    def find(self, text: str) -> str | None:
        for cand, loose in self.candidates(text):
            key = self.lookup(cand, loose=loose)
            if key is not None:
                return key
        return None


_LIB: _Library | None = None
_LIB_LOCK = threading.Lock()


def library() -> _Library:
    global _LIB
    with _LIB_LOCK:
        if _LIB is None:
            _LIB = _Library()
        return _LIB


# --- the public API -------------------------------------------------------------------------


def find(text: str) -> str | None:
    """The key of the best illustration for a product noun or noun phrase (English, Spanish,
    French, German, Italian or Portuguese), or None when nothing reasonable matches."""
    if not text or not text.strip():
        return None
    return library().find(text)


def name(key: str) -> str:
    """The English name of an illustration ("bicycle"), for logs and records."""
    e = library().entries.get(key)
    if e is None:
        raise KeyError(f"no illustration {key!r}")
    return e["name"]


# Sizes the vector is rasterised at; a request is served from the next size up, scaled down.
# Scenes ask for the same drawing at many sizes (a tent in every beat, each framed differently):
# one rasterisation per size class, then a downscale of at most 1.5x, which stays crisp.
_SIZE_CLASSES = tuple(int(64 * 1.5 ** k) for k in range(12))


def render(key: str, height_px: int) -> Image.Image:
    """The illustration as RGBA, trimmed to its drawing, exactly ``height_px`` tall. The vector
    is rasterised at the next size class up (never an enlarged bitmap) and scaled down."""
    height_px = max(4, int(height_px))
    size_class = next((c for c in _SIZE_CLASSES if c >= height_px), height_px)
    img = _render(key, size_class)
    if size_class == height_px:
        return img.copy()
    width = max(1, round(img.width * height_px / img.height))
    return img.resize((width, height_px), Image.Resampling.LANCZOS)


def render_kept(key: str, height_px: int, cache_dir: str | None = None) -> Image.Image:
    """`render`, kept on disk under `cache_dir` when one is given (memo.disk_image): a later
    process of the same project (a one-beat re-render) reads in milliseconds what took 60 to
    110 ms to rasterise, on the way to its first frame."""
    if not cache_dir:
        return render(key, height_px)
    from .memo import disk_array, disk_image
    height_px = max(4, int(height_px))
    path = Path(cache_dir) / "illustrations" / f"{key}-{height_px}.npy"
    if key not in _KEPT_BOXES and not path.is_file():
        # A new size: its rasterisation needs the drawing's box, kept here too. Finding it takes
        # a 512 px probe (40 ms each, holding the interpreter), which a preview or a re-render
        # in a later process would otherwise pay again for every drawing of its scenes.
        box = disk_array(path.with_name(f"{key}-box.npy"), lambda: np.array(_drawing_box(key), np.float64))
        _KEPT_BOXES.setdefault(key, tuple(float(v) for v in box))
    return disk_image(path, lambda: render(key, height_px))


_KEPT_BOXES: dict[str, tuple[float, float, float, float]] = {}  # drawing boxes read from a scene cache


def _svg_text(key: str) -> str:
    if not re.fullmatch(r"[0-9a-f]{4,6}(?:-[0-9a-f]{4,6})*", key or ""):
        raise KeyError(f"no illustration {key!r}")
    path = SVG_DIR / f"{key}.svg"
    if not path.is_file():
        raise KeyError(f"no illustration {key!r}")
    return path.read_text(encoding="utf-8")


_VIEWBOX = re.compile(r'viewBox="([-\d.\s]+)"')


def _rasterise(svg: str, box: tuple[float, float, float, float], width: int, height: int) -> np.ndarray:
    import resvg_py

    x, y, w, h = box
    head = f'viewBox="{x:.4f} {y:.4f} {w:.4f} {h:.4f}" width="{width}" height="{height}" preserveAspectRatio="none"'
    doc = _VIEWBOX.sub(head, svg, count=1)
    png = resvg_py.svg_to_bytes(svg_string=doc, skip_system_fonts=True)
    with Image.open(io.BytesIO(png)) as im:
        return np.asarray(im.convert("RGBA"))


def _alpha_box(a: np.ndarray) -> tuple[int, int, int, int] | None:
    ys = np.flatnonzero(a.max(axis=1) > 0)
    xs = np.flatnonzero(a.max(axis=0) > 0)
    if not len(ys) or not len(xs):
        return None
    return int(xs[0]), int(ys[0]), int(xs[-1]) + 1, int(ys[-1]) + 1


@shared_cache(maxsize=256)
def _drawing_box(key: str) -> tuple[float, float, float, float]:
    """The drawing's bounding box in SVG units (x, y, w, h), from a 512 px probe, padded by one
    probe pixel so nothing is cut."""
    if key in _KEPT_BOXES:
        return _KEPT_BOXES[key]
    svg = _svg_text(key)
    vb = [float(v) for v in _VIEWBOX.search(svg).group(1).split()]
    probe = 512
    k = probe / max(vb[2], vb[3])
    pw, ph = max(1, round(vb[2] * k)), max(1, round(vb[3] * k))
    arr = _rasterise(svg, tuple(vb), pw, ph)
    box = _alpha_box(arr[..., 3])
    if box is None:
        return tuple(vb)
    x0, y0, x1, y1 = box
    return (vb[0] + (x0 - 1) / k, vb[1] + (y0 - 1) / k, (x1 - x0 + 2) / k, (y1 - y0 + 2) / k)


@shared_cache(maxsize=48)
def _render(key: str, height_px: int) -> Image.Image:
    svg = _svg_text(key)
    bx, by, bw, bh = _drawing_box(key)
    # Pass 1: the padded box at about the final scale, to find the drawing's edges exactly.
    z = height_px / bh
    arr = _rasterise(svg, (bx, by, bw, bh), max(1, round(bw * z)), max(1, round(bh * z)))
    box = _alpha_box(arr[..., 3])
    if box is None:
        return Image.new("RGBA", (max(1, round(bw * z)), height_px), (0, 0, 0, 0))
    x0, y0, x1, y1 = box
    sx, sy = bw / arr.shape[1], bh / arr.shape[0]
    if y1 - y0 == height_px:
        return Image.fromarray(np.ascontiguousarray(arr[y0:y1, x0:x1]), "RGBA")
    # Pass 2: exactly the drawing, exactly height_px tall.
    ux, uy, uw, uh = bx + x0 * sx, by + y0 * sy, (x1 - x0) * sx, (y1 - y0) * sy
    z = height_px / uh
    arr = _rasterise(svg, (ux, uy, uw, uh), max(1, round(uw * z)), height_px)
    return Image.fromarray(arr, "RGBA")
