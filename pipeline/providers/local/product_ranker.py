"""Second opinion on the product's name: every short span of the brief is scored by a linear model
of what the words are and where they stand, and the best span wins.

The brief reader's rules (`brief_reader.find_product`) name the product right for most briefs, but
each rule is written for one way of saying things, and briefs that say it another way fall
through. This ranker looks at all candidates at once: "Volta cleats" after "everybody in" against
"Pickup football" opening a scene; "Hotel Gamsblick" after "im" against "Skitour" after "Nach
der". Its features are general signs (capitals, a noun the lexicon knows at the head, "our" or
"wearing" before, a clause break after, a date or a person inside) plus the rules' own pick, so it
learns when to trust the rules and when not to.

The weights are learned from the dev split of the evaluation set by
`python tools/train_reader_models.py` and kept in `product_ranker_weights.json` beside this file;
a missing file means no second opinion. Scoring is a dot product: fast and deterministic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from . import brief_reader as br
from . import linear_model
from . import lexicon as lx
from .places import place_names

WEIGHTS_FILE = Path(__file__).with_name("product_ranker_weights.json")
MAX_SPAN = 6  # words: "Lunara Ring Gen 2 smart ring" is as long as names get

_LINKS = frozenset(("de", "di", "da", "do", "du", "des", "del", "della", "dello", "dos", "das", "von", "of", "&",
                    "+", "y", "e", "et", "und", "and", "à", "a", "al", "en", "in", "com", "con", "avec", "mit",
                    "with", "per", "para", "pour", "für", "d", "l"))
_BY = frozenset(("by", "from", "de", "von", "di", "da", "chez", "bei", "dal", "dalla", "do", "du"))
_PEOPLE = frozenset(br.fold(w) for ws in lx.PEOPLE.values() for p in br._phrases(ws) for w in p.split()) - br._PETS
_SETTING = frozenset(br.fold(w) for ws in lx.SETTINGS.values() for p in br._phrases(ws) for w in p.split())
_TIME = frozenset(br.fold(w) for ws in lx.TIME_OF_DAY.values() for p in br._phrases(ws) for w in p.split())
_PRONOUNS = frozenset(br.fold(w) for w in """i i'm i’m im me we we're us you he she it they ich wir du sie er es
yo nosotros tu tú il elle ils elles je nous vous io noi lui lei eu nós ele ela eles elas""".split())
# A number with its unit is a measurement, not a model: "58mm", "500ml", "3pm", "12V".
_MEASURE = re.compile(r"\d+(?:[.,]\d+)?\s?(?:mm|cm|m|km|ml|cl|l|g|kg|mg|oz|lb|lbs|w|kw|v|mah|gb|tb|hz|khz|mhz|ghz|"
                      r"fps|k|x|s|h|hr|hrs|min|am|pm|p|mp|dpi|db|lm|cal|kcal|ft|in|%|st|nd|rd|th|er|e|°|°c|°f)")
_REGIONS = frozenset(" ".join(br.fold(r).replace("-", " ").split()) for r in lx.REGIONS)
_LANDFORMS = frozenset(br.fold(w) for w in """see lake lago lac loch mount mt monte mont berg serra sierra chapada
valle val vale tal highlands lowlands coast costa côte küste bay baía bahía baie isola ilha isla île insel island
peninsula península cape cabo summit gipfel cima pico peak glacier gletscher ghiacciaio canyon cañón desert deserto
désert wüste cascada cachoeira cascata wasserfall falls""".split())
# What a product comes in, between a use verb and its name: "a pack of", "a bottle of".
_CONTAINERS = frozenset(br.fold(w) for w in """pack packet bag bottle bottles can cans cup cups glass glasses box jar
tube bar bars pair round slice bowl plate tin sachet bolsa botella lata taza vaso caja paquete sachet bouteille
canette tasse verre boîte paquet sachet packung flasche dose tasse glas schachtel tüte bottiglia lattina tazza
bicchiere scatola pacchetto garrafa lata xícara copo caixa pacote saco""".split())
_ACTIVITY = frozenset(br.fold(w) for a in lx.ACTIVITIES for w in a.split())


@dataclass(frozen=True)
class Span:
    start: int  # token index
    end: int  # token index after the last word
    text: str  # the brief's own words, as they would be shown
    at: int = -1  # where those words start in the brief (-1: not the brief's own run of words)


def _span(text: str, tokens: list[br.Token], s: int, e: int) -> Span:
    return Span(s, e, text[tokens[s].start:tokens[e - 1].end], tokens[s].start)


_QUOTES = "\"“”«»„‚‘’'"


def _norm(name: str) -> str:
    """A name as compared: folded, without quotes, dashes read as spaces."""
    folded = br.fold(name).replace("-", " ")
    return " ".join(w.strip(_QUOTES) for w in folded.split()).strip(" .,;:!?")


def candidate_spans(text: str, tokens: list[br.Token]) -> list[Span]:
    """Every run of up to MAX_SPAN words inside one clause (an "&" or "+" may join names)."""
    out: list[Span] = []
    for s in range(len(tokens)):
        for e in range(s + 1, min(len(tokens), s + MAX_SPAN) + 1):
            if e - 1 > s:
                gap = tokens[e - 1].gap.strip(" " + _QUOTES)  # '"Aurum" watches' is one name
                if gap and gap not in ("&", "+", "-"):
                    break
            out.append(_span(text, tokens, s, e))
    return out


@dataclass
class _Context:
    """What every span of one brief is scored against, computed once per brief."""
    text: str
    tokens: list[br.Token]
    lang: str
    cased: bool  # False for a brief typed all in capitals or all in lower case: capitals mean nothing
    lexicon: list[tuple[int, int, str]]
    in_fact: list[bool]
    name: list[bool]
    reader: str  # the rules' pick, normalised
    quoted: frozenset[str]
    in_offer: list[bool]
    places: list[str]  # the stated places, normalised
    occasion: str
    when: list[bool]  # inside a date, a time or a price: never part of a product's name
    unknown: list[bool]  # a word of letters that no dictionary of the brief's language knows
    folded: str  # the whole brief, normalised like the spans


def _context(text: str, lang: str, facts: br.Facts, reader_name: str) -> _Context:
    tokens = br.tokenize(text, lang)
    letters = [ch for ch in text if ch.isalpha()]
    upper = sum(ch.isupper() for ch in letters)
    cased = bool(letters) and 0 < upper < 0.5 * len(letters)
    in_fact = [any(a <= t.start < b for a, b in facts.spans) and not any(a <= t.start < b for a, b in facts.offer_spans)
               for t in tokens]
    quoted = frozenset(_norm(m.group(1) or m.group(2)) for m in br._QUOTED.finditer(text) if (m.group(1) or m.group(2)))
    return _Context(text, tokens, lang, cased, br._match_lexicon(tokens, german=lang == "de"), in_fact,
                    [cased and br._is_name_token(t) for t in tokens], _norm(reader_name), quoted,
                    [any(a <= t.start < b for a, b in facts.offer_spans) for t in tokens],
                    [_norm(p) for p in facts.places if p], facts.occasion or "", _in_when(text, tokens, facts),
                    [t.text.isalpha() and len(t.text) > 2 and not br.in_dictionary(t.text, lang) for t in tokens],
                    _norm(text))


def _in_when(text: str, tokens: list[br.Token], facts: br.Facts) -> list[bool]:
    when = {_norm(v) for v in (*facts.dates, *facts.times, *facts.prices)}
    spans = [(a, b) for a, b in facts.spans if any(w and w in _norm(text[a:b]) for w in when)]
    return [any(a <= t.start < b for a, b in spans) for t in tokens]


def _features(c: _Context, sp: Span) -> dict[str, float]:
    t = c.tokens
    s, e = sp.start, sp.end
    words = [br.fold(x.text) for x in t[s:e]]
    n = e - s
    f: dict[str, float] = {f"len{min(n, 5)}": 1.0}
    norm = _norm(sp.text)

    # The rules' pick.
    if c.reader:
        if norm == c.reader:
            f["reader_eq"] = 1.0
        elif c.reader in norm:
            f["reader_inside_span"] = 1.0
        elif norm in c.reader:
            f["span_inside_reader"] = 1.0

    # Nouns the lexicon knows, and whether the span ends (English) or starts (Romance) on one.
    lex = [(a, b) for a, b, _ in c.lexicon if s <= a and b <= e]
    if lex:
        f["lex_any"] = 1.0
        if len(lex) > 1:
            f["lex_many"] = 1.0
        if any(b == e for _, b in lex):
            f["lex_last_" + _family(c.lang)] = 1.0
        if any(a == s for a, _ in lex):
            f["lex_first_" + _family(c.lang)] = 1.0
        if len(lex) == 1 and lex[0] == (s, e):
            f["lex_whole"] = 1.0
    elif any(a < e and s < b for a, b, _ in c.lexicon):
        f["lex_cut"] = 1.0  # the span cuts a known noun in two

    # Names: capitals mid-sentence, model numbers.
    if c.cased:
        names = [c.name[k] for k in range(s, e)]
        if names[0]:
            f["name_first"] = 1.0
        if names[-1]:
            f["name_last"] = 1.0
        if all(names):
            f["name_all"] = 1.0
        f["name_frac"] = sum(names) / n
        if s > 0 and c.name[s - 1] and not t[s].gap.strip():
            f["name_before"] = 1.0  # the span starts inside a name
        if e < len(t) and c.name[e] and not t[e].gap.strip():
            f["name_after"] = 1.0  # ...or stops inside one
        if t[s].sentence_start and t[s].text[:1].isupper() and not c.name[s]:
            f["capital_opener"] = 1.0
        whole_left = s == 0 or not c.name[s - 1] or bool(t[s].gap.strip())
        whole_right = e == len(t) or not c.name[e] or bool(t[e].gap.strip())
        if all(names) and whole_left and whole_right:
            f["name_run"] = 1.0  # a name whole, neither cut nor run into the next words
        # A brand and the common noun beside it: "Volta cleats", "pizzeria Forno Brillo".
        k = next((k for k in range(n) if not names[k]), n)  # first word after a leading name
        if 0 < k < n and lex and any(b == e and a >= s + k for a, b in lex):
            f["brand_then_noun_" + _family(c.lang)] = 1.0
        k = next((k for k in range(n - 1, -1, -1) if not names[k]), -1)  # last word before a trailing name
        if 0 <= k < n - 1 and lex and any(a == s and b <= s + k + 1 for a, b in lex):
            f["noun_then_brand_" + _family(c.lang)] = 1.0
        # ...whether or not a list knows the noun, when they end the clause: "Kelpline wetsuits."
        ends_clause = e == len(t) or bool(t[e].gap.strip(" " + _QUOTES))
        plain = [not names[k] and t[s + k].text.islower() and words[k] not in br._STOP_ALL for k in range(n)]
        if ends_clause and 0 < k_first_plain(names) < n and all(plain[k_first_plain(names):]):
            f["name_then_words_" + _family(c.lang)] = 1.0
        if names[0] and whole_left and not whole_right:
            f["name_cut_right"] = 1.0
        if names[-1] and whole_right and not whole_left:
            f["name_cut_left"] = 1.0
    else:
        f["uncased"] = 1.0
    if any(any(ch.isdigit() for ch in x.text) and any(ch.isalpha() for ch in x.text)
           and not _MEASURE.fullmatch(x.low) and not c.when[k] for k, x in enumerate(t[s:e], start=s)):
        f["model_number"] = 1.0  # "X-200", "GX570", "S9"
    if any(c.name[k] and t[k + 1].text.isdigit() and len(t[k + 1].text) <= 4 for k in range(s, e - 1)):
        f["name_digit"] = 1.0  # "Nomad 40", "Ring Gen 2", "Hearth 3"
    if all(x.text.isdigit() for x in t[s:e]):
        f["digits_only"] = 1.0
    unknown = [c.unknown[k] for k in range(s, e)]
    if any(unknown):
        f["unknown_" + _family(c.lang)] = 1.0  # an invented word: a brand's
        if all(unknown):
            f["all_unknown"] = 1.0
        whole_left = s == 0 or not c.unknown[s - 1] or bool(t[s].gap.strip())
        whole_right = e == len(t) or not c.unknown[e] or bool(t[e].gap.strip())
        if not (whole_left and whole_right):
            f["unknown_cut"] = 1.0  # the span splits a run of invented words
        # An invented word beside a known noun: "Putzblitz Saugroboter", "Saugroboter Putzblitz".
        if lex and unknown[0] and any(b == e for _, b in lex):
            f["unknown_then_noun"] = 1.0
        if lex and unknown[-1] and any(a == s for a, _ in lex):
            f["noun_then_unknown"] = 1.0

    # The words at the edges and inside.
    if words[0] in br._STOP_ALL or words[0] in br._DETERMINERS:
        f["first_small"] = 1.0
    if words[-1] in br._STOP_ALL or words[-1] in br._DETERMINERS or words[-1] in _LINKS:
        f["last_small"] = 1.0
    inner_small = sum(1 for w in words[1:-1] if (w in br._STOP_ALL or w in br._DETERMINERS) and w not in _LINKS)
    if inner_small:
        f["inner_small"] = float(inner_small)
    if any(w in _LINKS for w in words[1:-1]):
        f["inner_link_" + _family(c.lang)] = 1.0
    if any(c.in_fact[k] for k in range(s, e)):
        f["has_fact"] = 1.0
    if any(norm in p or p in norm for p in c.places):
        f["place_fact"] = 1.0  # "in Lagos" is where, but "at Luna Bakery" may be what
    if any(c.when[k] for k in range(s, e)):
        f["when"] = 1.0
    places = place_names()
    # A common noun written small is the noun, whatever town shares it: "our gym", "the bar", "a spa".
    common_noun = c.cased and all(x.text.islower() for x in t[s:e]) and (
        any(a == s and b == e for a, b, _ in c.lexicon) or all(br.in_dictionary(x.text, c.lang) for x in t[s:e]))
    if norm in places and not common_noun:
        f["known_place"] = 1.0  # "Lisbon", "Monterrey", "Maine": a town, a state or a country
    elif any(x.text[:1].isupper() and br.fold(x.text) in places for x in t[s:e]):
        f["has_known_place"] = 1.0
    if norm in _REGIONS or any(w in _LANDFORMS for w in words):
        f["region"] = 1.0  # "Scottish Highlands", "Starnberger See", "Chapada Diamantina": a where
    if any(w in br._STREET_WORDS for w in words) or (n > 1 and words[0].isdigit() and c.cased and c.name[e - 1]):
        f["street"] = 1.0  # "Calder Ave", "Largo do Intendente", "27 Linden Court": an address
    if any(c.in_offer[k] for k in range(s, e)):
        f["in_offer"] = 1.0
    if c.occasion and _norm(c.occasion) in norm:
        f["occasion"] = 1.0
    if any(w in _PRONOUNS for w in words):
        f["pronoun"] = 1.0
    if any(w in br._PHRASE_END for w in words[1:]):
        f["inner_verb_or_small"] = 1.0
    if any(w in br._TITLES for w in words):
        f["title"] = 1.0  # "Ms", "Dr": a person's title, not a product
    if c.cased and any(words[k] in lx.FIRST_NAMES and c.name[s + k] and s + k + 1 < len(t) and c.name[s + k + 1]
                       and t[s + k + 1].text.isalpha() and not t[s + k + 1].gap.strip() for k in range(n)):
        f["person_name"] = 1.0  # "Priya Raman", "Lea Brunner": a given name and a surname (not "Aurora E1")
    for key, vocab in (("people", _PEOPLE), ("setting", _SETTING), ("time", _TIME), ("activity", _ACTIVITY),
                       ("geography", br._GEOGRAPHY), ("style", br._STYLE_ONLY), ("common", lx.COMMON_WORDS),
                       ("not_product", br._NOT_PRODUCT)):
        if any(w in vocab for w in words):
            f["has_" + key] = 1.0
    if any(br._is_date_word(x.text) for x in t[s:e]):
        f["has_date_word"] = 1.0
    if any(br._is_news_word(w) for w in words):
        f["has_news_word"] = 1.0
    if c.lang == "en" and any(w.endswith("ing") and len(w) > 4 for w in words):
        f["has_ing"] = 1.0
    if any(x.text.startswith("#") or x.gap.rstrip().endswith("#") for x in t[s:e]):
        f["hashtag"] = 1.0

    # What stands before and after.
    prev = br.fold(t[s - 1].text) if s > 0 else ""
    prev2 = br.fold(t[s - 2].text) if s > 1 else ""
    before_gap = t[s].gap.strip(" " + _QUOTES)
    if s == 0:
        f["at_start"] = 1.0
    elif before_gap:
        f["after_colon" if before_gap.endswith(":") else "after_break"] = 1.0
    else:
        for key, vocab in (("our", br._OUR), ("for", br._FOR), ("use", br._USE), ("use_verb", br._USE_VERBS),
                           ("det", br._DETERMINERS), ("by", _BY)):
            if prev in vocab:
                f["prev_" + key] = 1.0
        if prev in br._LOCATION_PREP or (prev in br._DETERMINERS and prev2 in br._LOCATION_PREP):
            # "in Lagos" is a place, "everybody in Volta cleats" a product: languages differ.
            f["prev_location_" + _family(c.lang)] = 1.0
        if prev in br._PLACE_LEAD:
            f["prev_place_lead"] = 1.0
        if prev2 in br._OUR or prev2 in br._FOR:
            f["prev2_our_for"] = 1.0
        if any((a, b) for a, b, _ in c.lexicon if b == s):
            f["prev_lex"] = 1.0
    # "sharing a pack of Gelrush energy chews", "wearing their new Volta cleats": a use verb a few
    # small words before, in the same clause.
    k = s - 1
    while k >= 0 and s - k <= 4 and not t[k + 1].gap.strip(" " + _QUOTES) and (
            br.fold(t[k].text) in br._STOP_ALL or br.fold(t[k].text) in br._DETERMINERS
            or br.fold(t[k].text) in _CONTAINERS):
        k -= 1
    if k >= 0 and k < s - 1 and not t[k + 1].gap.strip(" " + _QUOTES) and br.fold(t[k].text) in br._USE_VERBS:
        f["use_verb_near"] = 1.0
    # "tênis de | corrida Passo Leve", "Biscotti della Nonna | Pina": a span that starts or stops
    # inside a name joined by "de"/"della" has cut it.
    if s > 1 and prev in br._NAME_LINKS and not t[s].gap.strip() and not t[s - 1].gap.strip():
        f["prev_link"] = 1.0
    if e + 1 < len(t) and br.fold(t[e].text) in br._NAME_LINKS and not t[e].gap.strip() and not t[e + 1].gap.strip() \
            and c.name[e + 1]:
        f["next_link_name"] = 1.0
    if e == len(t):
        f["at_end"] = 1.0
    elif t[e].gap.strip(" " + _QUOTES):
        f["before_break"] = 1.0
    else:
        nxt = br.fold(t[e].text)
        if nxt in br._STOP_ALL or nxt in br._PHRASE_END:
            f["next_small"] = 1.0
        if any(a == e for a, _, _ in c.lexicon):
            f["next_lex"] = 1.0
        if t[e].text.isdigit():
            f["next_digit"] = 1.0
        if t[e].text.islower() and nxt not in br._STOP_ALL and nxt not in br._DETERMINERS and nxt not in _LINKS \
                and nxt not in br._PHRASE_END:
            f["next_word_" + _family(c.lang)] = 1.0  # the noun phrase goes on: "pan de masa | madre"

    # Where in the brief.
    clause = t[s].clause
    f[f"clause{min(clause, 2)}"] = 1.0
    f["position"] = s / max(1, len(t))
    if norm in c.quoted:
        f["quoted"] = 1.0
    if norm and len(norm) > 2 and c.folded.count(norm) > 1:
        f["repeated"] = 1.0
    return f


def k_first_plain(names: list[bool]) -> int:
    """How many name words a span starts with."""
    return next((k for k, is_name in enumerate(names) if not is_name), len(names))


def _family(lang: str) -> str:
    return "en" if lang == "en" else "de" if lang == "de" else "rom"


def featurise(text: str, lang: str, facts: br.Facts, reader_name: str) -> tuple[list[Span], list[dict[str, float]]]:
    """The candidate spans of a brief and each one's features (for training and for ranking)."""
    c = _context(text, lang, facts, reader_name)
    # A date, a time or a price is never the product, nor does a name begin with one ("2pm EST"):
    # those spans are not candidates at all.
    # Nor does a name hold one ("Swimwear until July 15"), or someone using it ("Friends sharing
    # pizza"), or open on a request ("Promote our yoga studio's") or on who runs it ("Organiza
    # VendeMás").
    spans = [sp for sp in candidate_spans(text, c.tokens)
             if not any(c.when[k] for k in range(sp.start, sp.end))
             and not any(br.fold(c.tokens[k].text) in br._USE_VERBS and c.tokens[k].text.islower()
                         for k in range(sp.start + 1, sp.end))  # but "Greenlight Driving School" is a name
             and not br._IMPERATIVE_FIRST.match(sp.text) and not br._ASKS_FOR_AD.match(sp.text)
             and not br._RUN_BY.match(sp.text) and not _about_the_ad(c.tokens, sp)
             and not _opens_on_small_word(c.tokens, sp) and not _ends_on_small_word(c.tokens, sp)
             and not _holds_a_verb(c.tokens, sp, lang) and not _MEASURE_ONLY.fullmatch(sp.text)
             and not br.is_news_talk(sp.text)
             and not any(_DAY_ORDINAL.fullmatch(c.tokens[k].text) for k in range(sp.start, sp.end))
             and not _opens_on_a_measure(c.tokens, sp)
             and not _ends_in_a_town(c.tokens, sp)
             and not _ends_on_an_owners_year(c.tokens, sp)
             and len(_norm(sp.text)) > 1]  # "sizes S to XXL": no name
    feats = [_features(c, sp) for sp in spans]
    if c.reader and len(c.reader) > 1 and not any("reader_eq" in f for f in feats):
        # The rules may name it in words the brief does not write in a row ("Costiera
        # limoncello" from "our limoncello? Si chiama Costiera"): a candidate of its own.
        spans.append(Span(-1, -1, reader_name))
        feats.append({"reader_eq": 1.0, "reader_not_span": 1.0})
    return spans, feats


def _ends_on_an_owners_year(tokens: list[br.Token], sp: Span) -> bool:
    """"Kalyva Estate's 2024": the year opens what the owner sells ("2024 harvest olive oil")."""
    return sp.end - sp.start >= 2 and bool(_YEAR.fullmatch(tokens[sp.end - 1].text)) \
        and tokens[sp.end - 2].text.endswith(("'s", "’s"))


def _ends_in_a_town(tokens: list[br.Token], sp: Span) -> bool:
    """"Elettricista a Milano", "plumber in Leeds": a trade and where it works, never one name."""
    if sp.end - sp.start < 3:
        return False
    prep, last = tokens[sp.end - 2], tokens[sp.end - 1]
    return prep.text.islower() and (br.fold(prep.text) in br._LOCATION_PREP or prep.text == "a") \
        and last.text[:1].isupper() and br.is_known_place(last.text)


def _about_the_ad(tokens: list[br.Token], sp: Span) -> bool:
    """Whether the span names the ad rather than the thing: an ad word ("Pub pour une appli...",
    "Lifestyle-Spot für Wanderschuhe"), or a video, film or clip said to be for something
    ("Vídeo de producto para...")."""
    if br.fold(tokens[sp.start].text) in br.SHOT_WORDS:
        return True  # "Exterior, viñedo de La Rioja", "Primo piano": how the shot is framed
    for k in range(sp.start, sp.end):
        low = br.fold(tokens[k].text)
        if low in br.AD_WORDS or low in br.AGENCY_WORDS or br.AD_COMPOUND.match(tokens[k].text) \
                or br.AD_LENGTH.match(tokens[k].text):
            return True
        if low in br._FILMS and any(
                br.fold(t.text) in br.FOR_WORDS for t in tokens[k + 1:k + 4]):
            return True
    return False


def _opens_on_small_word(tokens: list[br.Token], sp: Span) -> bool:
    """A name never opens on a small word written small: "in Westfield", "de chinelos", "w code
    MOM25" (the span without it is a candidate too)."""
    first = tokens[sp.start].text
    low = br.fold(first)
    return first[:1].islower() and (low in br._DETERMINERS or low in br._PREPOSITIONS or low in _LINKS
                                   or low in br._STOP_ALL or len(low) == 1)


# A number alone, with its unit or its ordinal mark, is what something measures, never its name:
# "12º", "500ml", "20h", "6th", "3x".
_MEASURE_ONLY = re.compile(r"\d+(?:[.,]\d+)?\s?(?:º|°|ª|st|nd|rd|th|h|ml|cl|l|g|kg|cm|mm|m|km|%|x|hrs?|min|mins|"
                           r"minutes?|hours?|days?|nights?|weeks?|months?|years?|yrs?)?", re.IGNORECASE)
# A day of the month by its ordinal ("last day 30th") dates what it is in: no name holds one.
_DAY_ORDINAL = re.compile(r"(?:[1-9]|[12]\d|3[01])(?:st|nd|rd|th)", re.IGNORECASE)


def _opens_on_a_measure(tokens: list[br.Token], sp: Span) -> bool:
    """"3m drop tested", "500ml glass bottle": a measurement, then what it says of the product."""
    return sp.end - sp.start > 1 and _MEASURE.fullmatch(tokens[sp.start].text) is not None \
        and tokens[sp.start + 1].text[:1].islower()


def _ends_on_small_word(tokens: list[br.Token], sp: Span) -> bool:
    """Nor does a name end on one: "bar de la" (plaza), "Sunrise with the" are cut short."""
    last = tokens[sp.end - 1].text
    low = br.fold(last)
    return sp.end - sp.start > 1 and last[:1].islower() and (
        low in br._DETERMINERS or low in br._PREPOSITIONS or low in _LINKS or low in br._STOP_ALL)


# Words that make a clause of the words around them: "our gym *is* waiving", "I manage *a* gym".
_CLAUSE_WORDS = {
    # ...and what a business does, said of it: "HireLoop finds senior engineers", "Northpoint
    # Ledger handles payroll" (verbs whose -s form is no product's plural).
    "en": frozenset("""is are was were am be been has have had will would can could should does did a an finds
makes helps keeps lets gives gets delivers connects cleans fixes builds handles takes sends creates teaches
brings removes protects tells turns matches manages automates simplifies guarantees""".split()),
    "es": frozenset("es son está están fue ha han será".split()),
    "fr": frozenset("est sont était a ont sera".split()),
    "de": frozenset("ist sind war hat haben wird".split()),
    "it": frozenset("è sono era ha hanno sarà".split()),
    "pt": frozenset("é são está estão foi tem têm será".split()),
}


def _holds_a_verb(tokens: list[br.Token], sp: Span, lang: str) -> bool:
    """A name never holds a verb written small, nor an English "a" after a word: those spans are
    clauses about the product ("gym is waiving", "manage a gym"), which the spans without
    them also cover."""
    words = _CLAUSE_WORDS.get(lang, frozenset())
    return any(tokens[k].text in words for k in range(sp.start + 1, sp.end))


@lru_cache(maxsize=1)
def weights() -> dict[str, float]:
    return linear_model.read_weights(WEIGHTS_FILE)


def best_span(text: str, lang: str, facts: br.Facts, reader_name: str, avoid=None) -> Span | None:
    """The span the model scores highest, or None when there are no weights or no words.
    `avoid(name)` true rules a span out (a place, when the best one was a place)."""
    w = weights()
    if not w:
        return None
    spans, feats = featurise(text, lang, facts, reader_name)
    if not spans:
        return None
    # "... with the Coldcrate 45 cooler instead": what the brief sets against another is its own.
    ours = [k for k, sp in enumerate(spans) if sp.at >= 0 and _INSTEAD.match(text, sp.at + len(sp.text))]
    rivals = {k for k, sp in enumerate(spans) if sp.at >= 0 and _RIVAL_BEFORE.search(text[:sp.at])}
    # "I'm Funmi", "Te cuento": who is talking, never what is sold.
    talk = {k for k, sp in enumerate(spans) if sp.at >= 0 and _TALK_OPENER.match(sp.text)}
    # "by Dana Whitlow", "Dr. Amina Patel", "with Ines Calder": a person is who makes or teaches it.
    people = {k for k, sp in enumerate(spans) if sp.at >= 0 and _is_a_person(sp.text, text[:sp.at], lang)}
    pool = ours or [k for k in range(len(spans)) if k not in rivals and k not in talk and k not in people] \
        or list(range(len(spans)))
    if avoid is not None:
        pool = [k for k in pool if not avoid(spans[k].text)]
        if not pool:
            return None
    scored = [(linear_model.score(w, feats[k]), -k) for k in pool]
    _, neg = max(scored)
    return spans[-neg]


def _is_a_person(name: str, before: str, lang: str) -> bool:
    """A given name and a surname, written as names: "Mara Quinlan", "Dr. Amina Patel". The
    surname is no word of the language: "Olive Garden" and "Grace Apparel" are shops."""
    words = name.split()
    if words and br._is_title_word(words[0]):
        before, words = before + " " + words[0], words[1:]  # "Dr. Amina Patel"
    if not (2 <= len(words) <= 3 and all(w[:1].isupper() and w[1:].islower() and w.isalpha() for w in words)):
        return False
    if any(br.in_dictionary(w, lang) or br.fold(w) in lx.COMMON_WORDS for w in words[1:]):
        return False
    return br.fold(words[0]) in lx.FIRST_NAMES or br._is_title_word((before.split() or [""])[-1])


_TALK_OPENER = re.compile(r"(?:i|i'm|i’m|im|we|we're|we’re|you|my|me|te|je|j'|ich|wir|io|noi|eu|nós|yo|"
                          r"nosotros|hi|hiya|hey|hello|hola|oi|ciao|salut|hallo|allora|ok|okay|so)\b", re.IGNORECASE)


# "X instead", "X à la place": X is the product the brief puts in another's place.
_INSTEAD = re.compile(r"\s+(?:instead|en su lugar|à la place|stattdessen|invece|em vez disso|no lugar)\b(?!\s+of)",
                      re.IGNORECASE)
# "instead of Y", "like a Y but", "unlike Y": Y is someone else's.
_RIVAL_BEFORE = re.compile(r"(?:instead of|rather than|unlike|better than|like an?|en lugar de|en vez de|au lieu de|"
                           r"plutôt que|contrairement à|statt|anstatt|im gegensatz zu|invece di|anziché|em vez de|"
                           r"ao contrário de)\s+(?:(?:the|a|an|el|la|le|un|une|der|die|das|il|o|um|uma)\s+)?$",
                           re.IGNORECASE)


def _with_its_noun(text: str, tokens: list[br.Token], lang: str, span: Span) -> Span:
    """A brand alone takes the common noun written beside it: "Kelpline" -> "Kelpline wetsuits",
    "Aurum" -> "Aurum watches" (after it in English), "Antico Mulino" -> "farina Antico Mulino"
    (before it in the other languages). The ranker counts both as right; a copywriter says both."""
    s, e = span.start, span.end
    if lang != "en" and not any(br._is_name_token(t) for t in tokens[s:e]):
        # ...and a common noun takes the name written right after it, in the languages that put
        # it there: "Zapatillas de running" -> "Zapatillas de running Nimbus 2".
        k = e
        while k < len(tokens) and k - e < 3 and not tokens[k].gap.strip() and not _MEASURE.fullmatch(tokens[k].low) and (
                br._is_name_token(tokens[k]) or (k > e and tokens[k].text.isdigit() and len(tokens[k].text) <= 4)):
            k += 1
        return _span(text, tokens, s, k) if k > e else span
    if not all(br._is_name_token(t) for t in tokens[s:e]):
        return span
    if lang == "en":
        k = e
        while k < len(tokens) and k - e < 2 and not tokens[k].gap.strip(" " + _QUOTES) \
                and tokens[k].text.islower() and br.fold(tokens[k].text) not in br._STOP_ALL \
                and br.fold(tokens[k].text) not in br._PHRASE_END \
                and tokens[k].text.isalpha() and not br._is_date_word(tokens[k].text):  # not "Headingley 3rd march"
            k += 1
        ends_clause = k == len(tokens) or bool(tokens[k].gap.strip(" " + _QUOTES))
        known = [b for a, b, _ in br._match_lexicon(tokens[e:k]) if a == 0]
        if k > e and (ends_clause or known):
            e = k if ends_clause else e + max(known)
    elif s > 0 and not tokens[s].gap.strip(" " + _QUOTES):
        before = [(a, b) for a, b, _ in br._match_lexicon(tokens[max(0, s - 3):s], german=lang == "de")]
        start = max(0, s - 3)
        if before and start + before[-1][1] == s:
            s = start + before[-1][0]  # the noun right before the name
        elif before and start + before[-1][1] + 2 == s and br.fold(tokens[s - 2].text) in br._NAME_LINKS \
                and tokens[s - 1].text.islower():
            s = start + before[-1][0]  # ...with what it is made of: "suco de laranja Sol Nascente"
    return span if (s, e) == (span.start, span.end) else _span(text, tokens, s, e)


# Words that join the parts of one name in the Romance languages: "Quinta *do* Sol", "Pé *na*
# Areia", "Pane *e* Sale", "La Fabrique *à* Pâtes", "Cine Estrela *do* Mar".
_JOINERS = frozenset(br._NAME_LINKS | {"e", "y", "et", "a", "na", "no", "nas", "nos", "al", "au", "dal", "dalla"})


# Words that say where or how the scene goes on, never the end of a product's name.
_SCENE_TAIL = frozenset("""beside inside outside behind nearby next together again away him her them it us me
you""".split())  # ("here", "today", "now"... are small words the loop below drops already)


def _without_trailing_scene(text: str, tokens: list[br.Token], span: Span) -> Span:
    """"Captain's Reserve coffee beside him", "Builda Robot Kit inside", "iced coffees
    #summervibes": the scene after the product goes."""
    s, e = span.start, span.end
    while e - s > 1:
        last = tokens[e - 1]
        word = br.fold(last.text)
        # "the Fenwick turntable spinning": what the thing does in the scene (but "home cleaning" is a service)
        doing = last.text.islower() and word.endswith("ing") and not br._match_lexicon([last]) \
            and any(s + b == e - 1 for _, b, _ in br._match_lexicon(tokens[s:e - 1]))
        if last.text.startswith("#") or last.gap.rstrip().endswith("#") or word in _SCENE_TAIL \
                or word in br._STOP_ALL or word in br._PHRASE_END or doing:
            e -= 1
        else:
            break
    return span if e == span.end else _span(text, tokens, s, e)


def _noun_beside(tokens: list[br.Token], span: Span, lang: str) -> str:
    """What a name alone is, from the common noun written next to it in the same clause:
    "Electric scooter | Glide S2" is a scooter, "Glide S2 | scooter" too. It says what to draw;
    the name stays as the ranker read it."""
    near = [(a, b, noun) for a, b, noun in br._match_lexicon(tokens, german=lang == "de")
            if (span.start - 3 <= a and b <= span.start) or (span.end <= a and b <= span.end + 2)]
    same_clause = [(a, b, noun) for a, b, noun in near
                   if all(tokens[k].clause == tokens[span.start].clause
                          for k in range(min(a, span.start), max(b, span.end)))]
    # ...or set beside it with a comma: "our mechanical keyboard, the Kōbo K75", "Nimbus, our weather app".
    appositive = [(a, b, noun) for a, b, noun in near if b <= span.start and span.start - b <= 1
                  or (span.start - b == 2 and br.fold(tokens[b].text) in br._DETERMINERS)]
    if span.end < len(tokens) and "," in tokens[span.end].gap and br.fold(tokens[span.end].text) in br._DETERMINERS:
        appositive += [(a, b, noun) for a, b, noun in br._match_lexicon(tokens, german=lang == "de")
                       if span.end < a and b <= span.end + 4
                       and all(tokens[k].clause == tokens[span.end].clause for k in range(span.end, b))]
    near = same_clause or appositive
    # A shop is drawn as what it sells: "florist shop | Bloom & Stem" is flowers.
    near = [f for f in near if f[2] != "store"] or near
    return min(near, key=lambda f: min(abs(f[1] - span.start), abs(f[0] - span.end)))[2] if near else ""


def _kind_noun(token: br.Token, lang: str) -> bool:
    """A noun that says what kind of thing follows: "tênis" (de corrida), "lámpara" (de mesa).
    Not what it comes in ("bolsa de", "thermos di") nor where it is sold ("tienda de bolsos")."""
    found = br._match_lexicon([token], german=lang == "de")
    return bool(found) and found[0][2] not in ("store", "water bottle") and br.fold(token.text) not in _CONTAINERS


def _across_name_links(text: str, tokens: list[br.Token], lang: str, span: Span) -> Span:
    """A span that stops at a joining word between two names is one name cut in two: it takes
    the other part. So does a name cut before an article that opens its next part ("Finca | Los
    Almendros"). A place on the far side stays out: "Feria de artesanía | de Salamanca"."""
    s, e = span.start, span.end

    def joined(k: int) -> bool:  # tokens[k] is a joining word with no punctuation either side
        return br.fold(tokens[k].text) in _JOINERS and not tokens[k].gap.strip() and not tokens[k + 1].gap.strip()

    def capital(t: br.Token) -> bool:
        return t.text[:1].isupper() and t.text.replace("-", "").isalpha() and not br._is_date_word(t.text)

    def a_place(t: br.Token) -> bool:
        return br.fold(t.text) in place_names()

    # Left: "[Quinta do] Sol vinho verde", "[Fabrique à] Pâtes" (a weekday's name may be a
    # name's first part: "Quinta do Orvalho").
    if s >= 2 and joined(s - 1) and br.fold(tokens[s - 1].text) in br._NAME_LINKS | {"e", "y", "et", "à"} \
            and tokens[s - 2].text[:1].isupper() and len(tokens[s - 2].text) > 1 \
            and (not tokens[s - 2].sentence_start or br.fold(tokens[s - 2].text) in br.NAME_HEADS) \
            and capital(tokens[s]) \
            and not a_place(tokens[s - 2]):
        s -= 2
        while s >= 1 and capital(tokens[s - 1]) and not tokens[s].gap.strip() and not tokens[s - 1].sentence_start \
                and not a_place(tokens[s - 1]):
            s -= 1  # "Cine Estrela do Mar": the whole first part
    # ...and a noun phrase cut after its "de": "[tênis de] corrida Passo Leve", "[lámpara de] mesa
    # de ratán Palmera" (the head noun comes first in these languages; a container is not one).
    elif lang != "en" and s >= 2 and joined(s - 1) and br.fold(tokens[s - 1].text) in br._NAME_LINKS \
            and tokens[s].text.islower() and _kind_noun(tokens[s - 2], lang) and e - s + 2 <= MAX_SPAN:
        s -= 2
    # Right: "Cine Estrela [do Mar]", "Pane [e Sale]", "Finca [Los Almendros]", "Librairie Le [Marque-Page]".
    if e < len(tokens) and br.fold(tokens[e - 1].text) in br._DETERMINERS and capital(tokens[e - 1]) \
            and capital(tokens[e]) and not tokens[e].gap.strip():
        e += 1
    elif e < len(tokens) and capital(tokens[e - 1]):
        if e + 1 < len(tokens) and joined(e) and capital(tokens[e + 1]) and not a_place(tokens[e + 1]):
            e += 2
        elif e + 1 < len(tokens) and br.fold(tokens[e].text) in br._DETERMINERS and capital(tokens[e]) \
                and not tokens[e].gap.strip() and not tokens[e + 1].gap.strip() and capital(tokens[e + 1]):
            e += 2
        while e < len(tokens) and capital(tokens[e]) and not tokens[e].gap.strip() and not a_place(tokens[e]):
            e += 1
    return span if (s, e) == (span.start, span.end) else _span(text, tokens, s, e)


# A model number after a name: "Veloz 3", "Pulix R9", "Ardent 650", "Klarwasch WT8".
_MODEL_NUMBER = re.compile(r"(?:[A-Z]{0,3}\d{1,4}[A-Za-z]{0,3}|[A-Z]{1,3}-?\d{1,4})")
_YEAR = re.compile(r"(?:19|20)\d\d")
# ...or a model word, written with its capital: "Flinkfuß Air", "Kestrel Pro", "Veloz Max".
_MODEL_WORDS = frozenset("Air Pro Max Mini Plus Ultra Lite SE XL XS Neo Duo".split())


def _with_its_model_number(text: str, tokens: list[br.Token], lang: str, span: Span) -> Span:
    """A name cut before its model number takes it: "Zapatillas de running Veloz | 3" -> "... Veloz 3".
    Not a year ("Summer Sale 2026"), nor a quantity: the number must end the clause or come
    before the kind of thing it is ("Ardent 650 café racer"), never before a unit ("Veloz 3 km")."""
    e = span.end
    if e >= len(tokens) or e - span.start >= MAX_SPAN or tokens[e].gap.strip():
        return span
    last, number = tokens[e - 1], tokens[e]
    if not (br._is_name_token(last) and last.text.isalpha()) or br._is_date_word(last.text):
        return span
    if number.text in _MODEL_WORDS and (e + 1 == len(tokens) or not br._is_name_token(tokens[e + 1])):
        return _span(text, tokens, span.start, e + 1)  # "Flinkfuß Air", "Kestrel Pro"
    if not _MODEL_NUMBER.fullmatch(number.text) or _YEAR.fullmatch(number.text):
        return span
    ends_clause = e + 1 == len(tokens) or bool(tokens[e + 1].gap.strip(" " + _QUOTES))
    kinds_after = [] if ends_clause else br._match_lexicon(tokens[e + 1:e + 3], german=lang == "de")
    kind_after = bool(kinds_after) and kinds_after[0][0] == 0
    if not (ends_clause or kind_after) or _MEASURE.fullmatch(number.text + (tokens[e + 1].text if e + 1 < len(tokens) else "")):
        return span
    return _span(text, tokens, span.start, e + 1)


def rerank(text: str, lang: str, facts: br.Facts, guess: br.ProductGuess, avoid=None) -> br.ProductGuess:
    """The rules' guess, or the span the model prefers with its noun and brand read from it
    (ruling out the spans `avoid` is true of)."""
    span = best_span(text, lang, facts, guess.name, avoid)
    if span is None or span.start < 0:
        return guess
    every = br.tokenize(text, lang)
    span = _with_its_noun(text, every, lang, span)
    span = _across_name_links(text, every, lang, span)
    span = _with_its_model_number(text, every, lang, span)
    if lang == "en":
        span = _without_trailing_scene(text, every, span)
    if _norm(span.text) == _norm(guess.name):
        noun = guess.noun or _noun_beside(every, span, lang)
        return guess if noun == guess.noun else br.ProductGuess(guess.name, guess.brand, noun, br.category_of(noun))
    tokens = every[span.start:span.end]
    found = br._match_lexicon(tokens, german=lang == "de")
    head = (found[-1] if lang == "en" else found[0]) if found else None
    noun = head[2] if head else _noun_beside(every, span, lang)
    head_words = set(range(head[0], head[1])) if head else set()
    brand_at = [k for k, x in enumerate(tokens) if k not in head_words and br._is_name_token(x)
                and br.fold(x.text) not in br._MODIFIERS]
    brand_words = [tokens[k].text for k in brand_at]
    if brand_at and brand_at == list(range(brand_at[0], brand_at[-1] + 1)) and len(brand_at) > 1:
        # Words in a row keep what joins them: "Fox & Hound", "Fig + Cedar", not "Fox Hound".
        brand_words = [text[tokens[brand_at[0]].start:tokens[brand_at[-1]].end]]
    same_thing = _norm(guess.name) in _norm(span.text) or _norm(span.text) in _norm(guess.name)
    if guess.brand and (same_thing or _norm(guess.brand) in _norm(span.text)):
        brand = guess.brand  # "X2 Pro action camera from Rivet": the rules read the maker from the whole brief
    else:
        brand = " ".join(brand_words)
    name = br.without_quotes(span.text)
    return br.ProductGuess(br._tidy_name(name), brand, noun, br.category_of(noun))
