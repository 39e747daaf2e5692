"""Kinetic typography for the headline card: the news, word by word, with its facts punched out.

An announcement's first beat is a text card carrying the news ("Nova X1 arrives March 1st",
"50% off everything this Friday"). Fading the whole block in wastes the one moment a viewer
reads every word, so the words arrive one after another (rise, scale up past full size and
settle), and the facts that make it news (dates, weekdays, times, numbers, prices, percentages)
are set larger in the accent colour and land with a bigger pop.

This module decides what is a fact, where each word goes and when it moves; `scene._overlays`
turns the result into overlays and `scene._draw_overlay` animates them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from PIL import Image, ImageDraw

from . import typography as ty
from .palette import RGB, contrast_ratio, mix

# --- what is a fact ---------------------------------------------------------------------------

_MONTHS = {
    # en, es, fr, de, it, pt (accents are compared folded: "fevrier" matches "février")
    "january", "february", "march", "april", "june", "july", "august", "september", "october", "november",
    "december", "jan", "feb", "aug", "sept", "oct", "nov", "dec",
    "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "setiembre",
    "octubre", "noviembre", "diciembre",
    "janvier", "fevrier", "avril", "mai", "juin", "juillet", "aout", "septembre", "octobre", "novembre",
    "decembre",
    "januar", "janner", "februar", "marz", "juni", "juli", "oktober", "dezember",
    "gennaio", "febbraio", "aprile", "maggio", "giugno", "luglio", "settembre", "ottobre", "dicembre",
    "janeiro", "fevereiro", "marco", "maio", "junho", "julho", "setembro", "outubro", "novembro", "dezembro",
}
# Month names that are also everyday words ("you may", "Mars"): facts only next to a number.
_MONTHS_NEED_NUMBER = {"may", "mars", "marco"}
_WEEKDAYS = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "lunes", "martes", "miercoles", "jueves", "viernes", "sabado", "domingo",
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
    "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonnabend", "sonntag",
    "lunedi", "martedi", "mercoledi", "giovedi", "venerdi", "sabato", "domenica",
    "segunda", "terca", "quarta", "quinta", "sexta", "segunda-feira", "terca-feira", "quarta-feira",
    "quinta-feira", "sexta-feira",
}
_DAY_NAMES = {"black", "cyber", "super", "giving", "small", "prime", "travel"}
_TIME_WORDS = {"noon", "midnight", "midi", "minuit", "mediodia", "medianoche", "mezzogiorno", "mezzanotte",
               "meio-dia", "meia-noite", "mittag", "mitternacht"}
# Words that belong to the number before them: "50% off", "20 percent", "99 dollars", "7 pm".
_AFTER_NUMBER = {
    "%", "off", "percent", "pct", "discount", "rabatt", "prozent", "descuento", "dto", "cento", "ciento",
    "sconto", "desconto", "remise", "reduction", "usd", "eur", "gbp", "dollars", "dollar", "euros", "euro",
    "pounds", "am", "pm", "a.m.", "p.m.", "h", "uhr", "hrs", "hours", "days", "day", "dias", "jours", "tage",
    "giorni", "free", "gratis", "gratuit",
}
# Small words that join two parts of one fact: "1 de marzo", "March 1st at 7 pm", "am 1. März".
_JOINERS = {"de", "del", "of", "at", "a", "à", "le", "la", "el", "am", "um", "ab", "to", "-", "–", "al", "por",
            "per", "pour", "in", "du", "des", "dalle", "alle", "às", "as", "from", "until", "till"}
_NUMBER = re.compile(
    r"^[-+−]?[$€£¥₹]?\d[\d.,:/]*(%|st|nd|rd|th|er|re|e|eme|ème|º|ª|°|\.|h\d*|am|pm|k|m|€|\$|£|x)?$", re.IGNORECASE)
_BARE = re.compile(r"^\d{1,3}$")
_YEAR = re.compile(r"^(19|20)\d\d$")


def _fold(word: str) -> str:
    """Lower case without accents or surrounding punctuation: 'Février,' -> 'fevrier'."""
    w = word.strip(".,;:!?¡¿\"'«»()[]{}").lower()
    if w in ("%", "-", "–"):
        return w
    return "".join(ch for ch in unicodedata.normalize("NFKD", w) if not unicodedata.combining(ch))


def _is_number(word: str) -> bool:
    w = word.strip(",;:!?¡¿\"'«»()[]{}")
    return bool(_NUMBER.match(w)) or (len(w) > 1 and w[0] in "$€£¥₹" and bool(_NUMBER.match(w[1:])))


def fact_mask(words: list[str]) -> list[bool]:
    """Which words are facts: numbers, percentages, prices, dates, weekdays and times, with the
    small words that hold a fact together ("1 de marzo", "50% off", "March 1st at 7 pm")."""
    folded = [_fold(w) for w in words]
    num = [_is_number(w) for w in words]
    for i in range(1, len(words)):
        # A bare number right after a name is part of the name: "iPhone 15", "PlayStation 5".
        prev, w = words[i - 1], words[i].strip(",;:!?")
        named = (prev[:1].isupper() and i > 1) or any(c.isupper() or c.isdigit() for c in prev[1:])
        unit_next = i + 1 < len(words) and (folded[i + 1] in _AFTER_NUMBER or folded[i + 1] in _MONTHS)
        if num[i] and _BARE.match(w) and named and not unit_next and not _YEAR.match(w) \
                and _fold(prev) not in _MONTHS | _MONTHS_NEED_NUMBER | _WEEKDAYS:
            num[i] = False
    fact = []
    for i, f in enumerate(folded):
        near_number = any(num[j] for j in (i - 2, i - 1, i + 1, i + 2) if 0 <= j < len(words))
        fact.append(num[i] or f in _WEEKDAYS or f in _TIME_WORDS or f in _MONTHS
                    or (f in _MONTHS_NEED_NUMBER and near_number))
    changed = True
    while changed:  # grow facts over the words that belong to them
        changed = False
        for i, f in enumerate(folded):
            if fact[i]:
                continue
            after = i > 0 and fact[i - 1] and (f in _AFTER_NUMBER or words[i - 1].endswith("%") and f in _AFTER_NUMBER)
            joined = 0 < i < len(words) - 1 and fact[i - 1] and fact[i + 1] and f in _JOINERS
            # Named days hold together: "Black Friday", "Cyber Monday", "Super Sunday".
            named_day = i < len(words) - 1 and fact[i + 1] and folded[i + 1] in _WEEKDAYS and f in _DAY_NAMES
            if after or joined or named_day:
                fact[i] = True
                changed = True
    return fact


# --- layout and timing -----------------------------------------------------------------------

FACT_SCALE = 1.3  # facts are set this much larger than the other words
WORD_POP = 0.72  # a word starts at this scale, overshoots and settles at 1
FACT_POP = 0.45  # facts start smaller and land harder
WORD_OVERSHOOT = 0.06
FACT_OVERSHOOT = 0.14
LEAD_S = 0.1  # the first word starts moving this long into the beat
REVEAL_MAX_S = 1.2  # the whole headline is in by then at the latest...
REVEAL_SHARE = 0.55  # ...and within this share of a short beat, so it is read before the cut


@dataclass
class Piece:
    """One animated unit of the headline: a word, a fact group, or the accent rule."""

    image: Image.Image  # RGBA, type only (no shadow)
    x: int  # top-left in frame pixels
    y: int
    t_in: float
    anim: float
    start_scale: float
    overshoot: float
    fact: bool = False


def _units(text: str) -> list[tuple[str, bool]]:
    """Words, with each run of fact words merged into one unit that moves as one."""
    words = text.split()
    mask = fact_mask(words)
    units: list[tuple[str, bool]] = []
    for w, f in zip(words, mask):
        # Facts next to each other move as one, unless punctuation parts them ("1. März: 20% Rabatt").
        if f and units and units[-1][1] and units[-1][0][-1] not in ":;,":
            units[-1] = (units[-1][0] + " " + w, True)
        else:
            units.append((w, f))
    return units


def _readable_accent(accent: RGB, text: RGB, ground: RGB) -> RGB:
    """The accent, pulled towards the text colour only as far as needed to read on the ground."""
    c = accent
    for k in (0.0, 0.2, 0.35, 0.5, 0.65):
        c = mix(accent, text, k)
        if contrast_ratio(c, ground) >= 2.6:
            return c
    return c


def headline(text: str, aesthetic: str, text_rgb: RGB, accent: RGB, ground: RGB, box: tuple[int, int, int, int],
             unit: float, duration: float, align: str = "center", max_lines: int = 3) -> list[Piece]:
    """The headline's pieces, placed in `box` (x, y, w, h in frame pixels) and timed."""
    bx, by, bw, bh = box
    units = _units(text)
    if not units:
        return []
    path = ty.face(aesthetic, "title")
    size = int(unit * 0.125)
    gap_k = 0.28  # word space, in ems
    line_gap = 1.1
    # A fact gets a line of its own when the headline has other words too: the eye lands on it.
    own_line = any(f for _, f in units) and not all(f for _, f in units)

    def wrap(widths: list[float], size: int, breaks: bool) -> list[list[int]]:
        lines: list[list[int]] = [[]]
        cur = 0.0
        for i, wd in enumerate(widths):
            add = wd if not lines[-1] else cur + size * gap_k + wd
            forced = breaks and lines[-1] and (units[i][1] or units[i - 1][1])
            if lines[-1] and (add > bw or forced):
                lines.append([i])
                cur = wd
            else:
                lines[-1].append(i)
                cur = add
        return lines

    while True:
        fnt, ffnt = ty.font(path, size), ty.font(path, int(size * FACT_SCALE))
        widths = [(ffnt if f else fnt).getlength(u) for u, f in units]
        lines = wrap(widths, size, own_line)
        if len(lines) > max_lines:
            lines = wrap(widths, size, False)
        heights = [max((ffnt if units[i][1] else fnt).size for i in ln) * line_gap for ln in lines]
        if (len(lines) <= max_lines and sum(heights) + size * 0.5 <= bh and max(widths) <= bw) or size <= 12:
            break
        size = int(size * 0.93)
    accent_c = _readable_accent(accent, text_rgb, ground)
    pieces: list[Piece] = []
    total_h = sum(heights)
    y_top = by + (bh - total_h - size * 0.45) / 2  # room for the rule below
    order = 0
    n_units = len(units)
    anim = min(0.45, max(0.25, duration * 0.2))
    window = min(REVEAL_MAX_S, max(anim + 0.1, duration * REVEAL_SHARE))
    stagger = min(0.14, (window - LEAD_S - anim) / max(1, n_units - 1)) if n_units > 1 else 0.0
    stagger = max(0.04, stagger)
    for ln, lh in zip(lines, heights):
        fonts = [ffnt if units[i][1] else fnt for i in ln]
        asc = max(f.getmetrics()[0] for f in fonts)
        line_w = sum(widths[i] for i in ln) + size * gap_k * (len(ln) - 1)
        x = bx + ((bw - line_w) / 2 if align == "center" else 0)
        baseline = y_top + (lh - max(f.size for f in fonts)) / 2 + asc
        below = baseline + max(f.getmetrics()[1] for f in fonts) * 0.6  # under the descenders
        for i, f in zip(ln, fonts):
            word, is_fact = units[i]
            a, d = f.getmetrics()
            img = Image.new("RGBA", (int(widths[i] + f.size * 0.2) + 2, a + d + 2), (0, 0, 0, 0))
            ImageDraw.Draw(img).text((int(f.size * 0.1), a), word, font=f, anchor="ls",
                                     fill=tuple(accent_c if is_fact else text_rgb) + (255,))
            t_in = LEAD_S + order * stagger + (0.05 if is_fact else 0.0)
            pieces.append(Piece(img, int(x - f.size * 0.1), int(baseline - a), t_in, anim,
                                FACT_POP if is_fact else WORD_POP, FACT_OVERSHOOT if is_fact else WORD_OVERSHOOT,
                                fact=is_fact))
            x += widths[i] + size * gap_k
            order += 1
        y_top += lh
    # The accent rule under the headline draws in last.
    rw, rh = int(bw * 0.14), max(2, int(unit * 0.006))
    rule = Image.new("RGBA", (rw, rh), tuple(accent) + (255,))
    rx = bx + (bw - rw) // 2 if align == "center" else bx
    last = max(p.t_in for p in pieces)
    pieces.append(Piece(rule, int(rx), int(below + size * 0.2), last + stagger, anim, 0.2, 0.0))
    return pieces
