"""The local spec writer: deterministic rules that turn a brief into a Spec, no model needed.

`brief_reader.read_brief` understands the brief (product, news, facts, the world around it);
this module turns that reading into the ad: it picks the template, the look (aesthetic,
palette, mood, lighting, grade, music) and writes the on-screen copy in the brief's language.
Two rules hold for every brief: every stated fact (offer, date, time, place) reaches the
screen, and the copy never contradicts the brief (a pre-order never says "available now").
"""

from __future__ import annotations

import re

from ...models import Brief, Spec
from ...render.music import suggest_tempo_and_key
from ...render.typography import drawable
from ...templates import Template, load_templates
from . import lexicon as lx
from . import template_classifier
from .brief_reader import Reading, fold, read_brief

COLOR_WORDS: dict[str, str] = {
    "gold": "#c9a45c", "golden": "#c9a45c", "oro": "#c9a45c", "or": "#c9a45c", "dorado": "#c9a45c", "doré": "#c9a45c",
    "silver": "#c0c4c8", "plata": "#c0c4c8", "argent": "#c0c4c8", "silber": "#c0c4c8", "platinum": "#d9dcdf",
    "black": "#0d0d0f", "negro": "#0d0d0f", "noir": "#0d0d0f", "schwarz": "#0d0d0f", "nero": "#0d0d0f", "onyx": "#111114",
    "white": "#f5f3ef", "blanco": "#f5f3ef", "blanc": "#f5f3ef", "weiß": "#f5f3ef", "weiss": "#f5f3ef", "bianco": "#f5f3ef",
    "red": "#c8102e", "rojo": "#c8102e", "rouge": "#c8102e", "rot": "#c8102e", "rosso": "#c8102e", "crimson": "#a4161a",
    "burgundy": "#6d1a2a", "wine": "#6d1a2a", "blue": "#1f5fbf", "azul": "#1f5fbf", "bleu": "#1f5fbf", "blau": "#1f5fbf",
    "navy": "#0b1a2e", "midnight": "#0e1430", "sky": "#7cc0f0", "teal": "#0f7c80", "turquoise": "#2ec4b6",
    "green": "#2e7d32", "verde": "#2e7d32", "vert": "#2e7d32", "grün": "#2e7d32", "emerald": "#0b6e4f",
    "mint": "#9ee6c5", "olive": "#6b7a3a", "sage": "#9caf88", "pink": "#f28cb1", "rosa": "#f28cb1", "rose": "#e8a0a8",
    "blush": "#f4c7c3", "purple": "#6a3fa0", "violet": "#7f4fc9", "lavender": "#b9a7e6", "morado": "#6a3fa0",
    "orange": "#f07a1a", "naranja": "#f07a1a", "coral": "#ff6f61", "peach": "#ffb38a", "yellow": "#f5c518",
    "amarillo": "#f5c518", "jaune": "#f5c518", "gelb": "#f5c518", "lemon": "#fff44f", "cream": "#f4efe6",
    "ivory": "#f6f1e3", "beige": "#e3d5b8", "brown": "#6b4423", "chocolate": "#4a2c1d", "copper": "#b87333",
    "bronze": "#a97142", "grey": "#8a8d91", "gray": "#8a8d91", "gris": "#8a8d91", "charcoal": "#2b2d31",
    "neon": "#39ff14", "cyan": "#00bcd4", "magenta": "#d81b60", "pastel": "#cdb4db", "sand": "#d8c3a5",
}

PALETTES = {
    "luxury": ("#0b0b0d", "#c9a45c", "#f4efe6"),
    "elegant": ("#1c1b22", "#d4b483", "#efe9e1"),
    "modern minimal": ("#f2f2f0", "#1a1a1a", "#3d7eff"),
    "futuristic tech": ("#070b1a", "#00e5ff", "#7c4dff"),
    "playful": ("#ffe66d", "#ff6b6b", "#4ecdc4"),
    "bold": ("#111111", "#ff3b30", "#ffffff"),
    "natural organic": ("#e9e4d4", "#5b7c4a", "#b08968"),
    "vintage": ("#2b2420", "#d9a441", "#e8dcc4"),
    "warm cozy": ("#3b2a22", "#e8a87c", "#f6e7d7"),
    "rugged": ("#231c16", "#a8693a", "#d9c7a7"),
}

MOODS: list[tuple[tuple[str, ...], str]] = [
    (("energetic", "exciting", "hype", "upbeat", "dynamic", "sporty", "powerful", "bold"), "energetic"),
    (("calm", "relaxing", "peaceful", "serene", "tranquil", "soothing", "zen"), "calm"),
    (("fun", "playful", "cheerful", "happy", "joyful", "quirky"), "playful"),
    (("dramatic", "epic", "cinematic", "intense", "mysterious"), "dramatic"),
    (("uplifting", "inspiring", "hopeful", "optimistic", "fresh"), "uplifting"),
    (("romantic", "sensual", "intimate"), "romantic"),
    (("cozy", "warm", "nostalgic", "comforting"), "warm"),
]
DEFAULT_MOOD = {"luxury": "sophisticated", "elegant": "sophisticated", "modern minimal": "confident",
                "futuristic tech": "dramatic", "playful": "playful", "bold": "energetic",
                "natural organic": "calm", "vintage": "warm", "warm cozy": "warm", "rugged": "confident"}

LIGHTING: list[tuple[tuple[str, ...], str]] = [
    (("neon", "cyberpunk", "glow"), "neon rim light"),
    (("golden hour", "sunset", "sunrise", "golden"), "golden hour"),
    (("dramatic", "moody", "dark", "noir", "night"), "dramatic low-key"),
    (("bright", "airy", "sunny", "daylight", "summer"), "bright natural daylight"),
    (("soft", "gentle", "diffused"), "soft studio"),
]
DEFAULT_LIGHTING = {"luxury": "dramatic low-key", "elegant": "soft dramatic", "modern minimal": "soft studio",
                    "futuristic tech": "neon rim light", "playful": "bright natural daylight",
                    "bold": "dramatic high-contrast", "natural organic": "soft natural daylight",
                    "vintage": "warm tungsten", "warm cozy": "warm golden hour",
                    "rugged": "warm low-key"}

MUSIC_STYLE = {"energetic": "electronic pop", "calm": "ambient piano", "playful": "upbeat pop",
               "dramatic": "cinematic", "uplifting": "acoustic pop", "romantic": "soft piano",
               "warm": "lofi acoustic", "sophisticated": "cinematic ambient", "confident": "modern electronic"}

LUT_FOR = {"luxury": "cinematic_warm", "elegant": "elegant_muted", "modern minimal": "modern_vibrant",
           "futuristic tech": "modern_vibrant", "playful": "modern_vibrant", "bold": "modern_vibrant",
           "natural organic": "golden_hour", "vintage": "golden_hour", "warm cozy": "golden_hour",
           "rugged": "cinematic_warm"}

def _words(text: str) -> str:
    return " " + re.sub(r"\s+", " ", text.lower()) + " "


def _has(text: str, word: str) -> bool:
    return re.search(r"(?<![\w])" + re.escape(word) + r"(?![\w])", text) is not None


def _pick(text: str, table: list[tuple[tuple[str, ...], str]]) -> str | None:
    for words, value in table:
        if any(_has(text, w) for w in words):
            return value
    return None


def _palette(text: str, aesthetic: str, lang: str) -> tuple[str, ...]:
    found: list[str] = []
    for word, hexv in COLOR_WORDS.items():
        if word == "or" and lang != "fr":
            continue  # French gold, English conjunction
        if _has(text, word) and hexv not in found:
            found.append(hexv)
    base = list(PALETTES[aesthetic])
    if not found:
        return tuple(base)
    # Put the darkest colour first: it becomes the backdrop, the others accents.
    found.sort(key=lambda h: sum(int(h[i:i + 2], 16) for i in (1, 3, 5)))
    for c in base:
        if len(found) >= 3:
            break
        if c not in found:
            found.append(c)
    return tuple(found[:5])


def snap_to_grid(durations: list[float], total: float, bpm: float, min_beat: float = 1.0) -> list[float]:
    """Move beat boundaries onto the music's beat grid, keeping the total and a minimum length."""
    period = 60.0 / bpm
    bounds = []
    t = 0.0
    for d in durations[:-1]:
        t += d
        snapped = round(t / period) * period
        prev = bounds[-1] if bounds else 0.0
        lo = prev + min_beat
        if snapped < lo:
            snapped = lo if lo % period == 0 else (int(lo / period) + 1) * period
        bounds.append(snapped)
    # Keep the last beat long enough, pulling boundaries back onto earlier grid lines if needed.
    for i in range(len(bounds) - 1, -1, -1):
        limit = (bounds[i + 1] if i + 1 < len(bounds) else total) - min_beat
        while bounds[i] > limit + 1e-9:
            bounds[i] -= period
    edges = [0.0, *bounds, total]
    out = [round(b - a, 6) for a, b in zip(edges, edges[1:])]
    if any(d < min_beat - 1e-6 for d in out):
        return durations  # too many beats for this tempo: keep the template's timing
    out[-1] = round(total - sum(out[:-1]), 6)
    return out




# --- template and look ------------------------------------------------------------------------


def choose_template(reading: Reading, templates: dict[str, Template]) -> str:
    """The rules' choice, weighed with every other sign the brief carries by the template
    classifier (for the built-in templates). A brief that asks for a lifestyle ad by name gets
    one, news or not ("Lifestyle ad for our new AW24 collection", "Vídeo lifestyle da nova coleção")."""
    if _ASKS_FOR_LIFESTYLE.search(reading.text) and "lifestyle_ad" in templates:
        return "lifestyle_ad"
    if _ASKS_FOR_A_MOOD.search(reading.text) and not reading.news and "lifestyle_ad" in templates:
        return "lifestyle_ad"  # "summer vibes video for Salt & Sun surf school", "vídeo de ambiente"
    if _ASKS_FOR_SHOWCASE.search(reading.text) and reading.news in ("", "sale") and "product_showcase" in templates:
        # "Showcase the Fjord card", a pasted "Produktbeschreibung:": the product itself, unless the brief
        # has news to tell (a free trial or a price is no sale to announce).
        return "product_showcase"
    return template_classifier.choose(reading, rules_template(reading, templates), frozenset(templates))


_ASKS_FOR_SHOWCASE = re.compile(
    r"^\W*showcase\b|\bshowcase (?:the|our|this)\b|\bproduct (?:video|shot|demo|description|copy|page)\b|"
    r"produktbeschreibung|produkttext|produktvideo|descripci[oó]n del producto|description du produit|fiche produit|"
    r"descrizione (?:del )?prodotto|video (?:del )?prodotto|v[ií]deo (?:do|de|del) produ[ct]to|pr[ée]sentation produit|"
    # an agency's name for the genre: "product film", "product hero", "pieza de producto", "Produktspot"
    r"\bproduct (?:film|hero|piece|spot|cut|showcase)\b|\bhero product\b|pieza de producto|spot de producto|"
    r"film produit|spot produit|produktfilm|produktspot|spot (?:del )?prodotto|film (?:del )?prodotto|"
    r"filme (?:de )?produto|peça de produto",
    re.IGNORECASE)


# A brief that asks for a mood rather than the product: "late night mood video", "cozy winter vibes for
# the Fireside candle", "seaside holiday feel", "video chill", "vídeo de ambiente", "Stimmungsvideo".
_ASKS_FOR_A_MOOD = re.compile(
    r"(?<![\w])(?:vibes?|mood|ambiente|atmosphere|atmosfera|stimmung|chill)\s+(?:video|vid|ad|clip|reel|spot|piece|film)\b"
    r"|(?<![\w])(?:video|vídeo|vidéo|vid|clip|spot|film|reel)\s+(?:de\s+|d['’]\s*|di\s+)?(?:ambiente|atmosfera|chill|mood|vibes?)\b"
    r"|(?<![\w])\w+\s+vibes\b|(?<![\w])(?:holiday|summer|seaside|cozy|cosy|winter|weekend|sunday|beach)\s+(?:feel|mood)\b"
    r"|stimmungsvideo|atmosphärisch", re.IGNORECASE)
_ASKS_FOR_LIFESTYLE = re.compile(r"(?<![\w@#/.])lifestyle(?![\w.])|(?<![\w])(?:pub|publicité|vidéo|spot|film|clip)s?\s+"
                                 r"d?['’]?\s*ambiance(?![\w])"  # "Pub ambiance", "spot d'ambiance"
                                 # "brand film", "brand piece", "Markenfilm", "filme institucional": the brand's world
                                 r"|\bbrand (?:film|piece|spot|story)\b|\b(?:film|pieza|spot|pièce|filme|peça) de marca\b|"
                                 r"\bfilm de marque\b|\bmarkenfilm\b|\bfilm di marca\b|\binstitucional\b", re.IGNORECASE)


def rules_template(reading: Reading, templates: dict[str, Template]) -> str:
    """News leads to an announcement, people and places to a lifestyle ad, anything else to the
    product itself; a template added to the folder can win by its own keywords."""
    if reading.news and "announcement" in templates:
        return "announcement"
    w = reading.world
    if (w.people or w.lifestyle_words or w.scene or (w.activity and w.setting) or (w.setting and w.time_of_day)) \
            and "lifestyle_ad" in templates:
        return "lifestyle_ad"
    text = _words(reading.text)
    builtin = {"announcement", "lifestyle_ad", "product_showcase"}
    scores = {name: sum(_has(text, k) for k in tpl.keywords) for name, tpl in templates.items() if name not in builtin}
    if scores and max(scores.values()) > 0:
        return max(scores, key=lambda n: scores[n])
    return "product_showcase" if "product_showcase" in templates else sorted(templates)[0]


def _aesthetic(reading: Reading, template: str) -> str:
    if reading.aesthetic:
        return reading.aesthetic
    if template == "announcement":
        return "bold"
    if template == "lifestyle_ad":
        return "warm cozy" if reading.world.time_of_day in ("night", "golden_hour") else "natural organic" \
            if reading.world.setting in ("park", "forest", "mountain", "lake", "garden", "beach") else "warm cozy"
    return "modern minimal"


# --- copy ------------------------------------------------------------------------------------


def _say(table: dict[str, str], lang: str) -> str:
    return table.get(lang) or table["en"]


def _fill(patterns: tuple[str, ...], **values: str) -> str:
    """The first pattern whose placeholders all have a value."""
    for pat in patterns:
        keys = re.findall(r"{(\w+)}", pat)
        if all(values.get(k) for k in keys):
            return pat.format(**{k: values[k] for k in keys})
    return ""


def _when(reading: Reading) -> str:
    """"March 1st", "Saturday at 9am" (the times in the brief's own words). A date that only
    ends something ("tickets €45 until March 31", "jusqu'au 30 avril") is no day to come on."""
    date = _first_day(reading)
    if reading.dates and not date:
        return ""  # "Deal ends Sunday at midnight": its time is the deadline's too
    time = reading.times[0] if reading.times else ""
    if date and time:
        joiner = {"en": " at ", "es": ", ", "fr": ", ", "de": ", ", "it": ", ", "pt": ", "}.get(reading.language, ", ")
        return f"{date}{joiner}{time}"
    return date or time


# Words before a date that make it the day the product ships, not the day pre-orders open.
_SHIP_WORDS = re.compile(r"(?:ships?|shipping|deliver(?:y|ies|ed)|arrives?|release[sd]?|lieferung|versand|ausgeliefert|"
                         r"erscheint|livraisons?|expédition|expédié|sortie|entregas?|envíos?|envio|lanzamiento|"
                         r"consegn[ae]|spedizion[ei]|spedito|uscita|lançamento|"
                         # "up for pre-order! Out 4 November": the day it comes out, not pre-orders
                         r"out|available|publishe[sd]|publication|erhältlich|disponible|disponibile|disponível|"
                         r"parution|publicación|pubblicazione|publicação)\W+"
                         r"(?:[\w'’]+\W+){0,3}$", re.IGNORECASE)


# Words that say it costs nothing; "noise-free" or "sugar-free" say nothing of the price.
_FREE = re.compile(r"(?<![\w-])(?:free|gratis|gratuit[oae]?s?|gratuite?s?|kostenlos\w*|grátis|sin coste|sin costo|"
                   r"no cost|complimentary|offert)\b", re.IGNORECASE)


def _free_or_paid(news: str, reading: Reading) -> str:
    """A webinar is announced as free only when the brief says it is (apps: see _cta)."""
    return "webinar_paid" if news == "webinar" and not _FREE.search(reading.text) else news


# Words before a date that make it the last day of something: an offer, early-bird tickets,
# pre-orders ("until March 31", "hasta el 15 de mayo", "jusqu'au 30 avril", "bis zum 3. Mai").
_UNTIL_WORDS = re.compile(r"(?:until|till|through|thru|ends?|ending|closes?|deadline|before|hasta(?:\s+el)?|"
                          r"jusqu['’]?\s?(?:au|à|a)|bis(?:\s+zum|\s+zur)?|fino\s+al?|entro(?:\s+il)?|até(?:\s+[oa])?)"
                          r"\W+(?:(?:the|le|el|il|o|a|dem|den|domingo|sunday|dimanche|sonntag|domenica|friday|"
                          r"viernes|vendredi|freitag|venerdì|sexta|sábado|saturday|samedi|samstag|sabato)\W+){0,2}$",
                          re.IGNORECASE)


def _first_day(reading: Reading) -> str:
    return next((d for d in reading.dates if not _is_deadline(reading, d)), "")


def _is_deadline(reading: Reading, date: str) -> bool:
    at = reading.text.find(date)
    return at > 0 and bool(_UNTIL_WORDS.search(reading.text[max(0, at - 30):at]))


def _ships_on_date(reading: Reading) -> str:
    """"ships" when the first day is the day it is delivered, "out" when it is the day it comes
    out ("Out 4 November", "publishes 14 October"), "" otherwise."""
    day = _first_day(reading)
    if not day:
        return ""
    at = reading.text.find(day)
    said = _SHIP_WORDS.search(reading.text[max(0, at - 40):at]) if at > 0 else None
    if not said:
        return ""
    return "out" if re.match(_OUT_WORDS, said.group(), re.IGNORECASE) else "ships"


_OUT_WORDS = r"out|publishe[sd]|publication|erscheint|sortie|parution|publicación|pubblicazione|publicação|uscita"


def _headline(reading: Reading, template: str, product: str) -> str:
    lang = reading.language
    if template == "announcement" and reading.news:
        news = reading.news
        delivered = _ships_on_date(reading) if news == "pre_order" else ""
        if delivered:
            news = "pre_order_" + delivered
        elif news == "pre_order" and reading.dates and not _when(reading):
            # "précommandes ouvertes jusqu'au 30 avril": open now, until then.
            news = "pre_order_until"
            return _fill(lx.HEADLINES[news].get(lang) or lx.HEADLINES[news]["en"], d=reading.dates[0],
                         p=_as_named(product, reading))
        news = _free_or_paid(news, reading)
        news = _menu_or_collection(news, reading)
        table = lx.HEADLINES.get(news, lx.HEADLINES["launch"])
        patterns = table.get(lang) or table["en"]
        return _fill(patterns, p=_as_named(product, reading), d=_when(reading), o=_offer_line(reading), pl=(reading.places or ("",))[0],
                     occ=reading.occasion)
    if template == "lifestyle_ad":
        moment = reading.world.time_of_day if reading.world.time_of_day in lx.LIFESTYLE_HEADLINES else ""
        return _say(lx.LIFESTYLE_HEADLINES[moment], lang)
    if template == "announcement":
        return _fill(lx.HEADLINES["launch"].get(lang) or lx.HEADLINES["launch"]["en"], p=_as_named(product, reading))
    return product


def _as_named(product: str, reading: Reading) -> str:
    """How a headline names the product: a brand as written ("Introducing Halo"), a common noun
    the brief wrote in lower case with "our" before it ("Introducing our podcast")."""
    if reading.language == "en" and not reading.product.brand and product.lower() in reading.text \
            and product[1:].islower():
        return f"our {product.lower()}"
    return product


_MENU = re.compile(r"\b(?:menu|menú|carta|carte|karte|speisekarte|menù|cardápio|brunch|dishes|platos|plats|gerichte|"
                   r"piatti|pratos)\b", re.IGNORECASE)


def _menu_or_collection(news: str, reading: Reading) -> str:
    if news == "new_season" and (reading.product.category in ("food", "beverage") or _MENU.search(reading.text)):
        return "new_menu"
    return news


def _offer_line(reading: Reading) -> str:
    return " · ".join(reading.offers[:2])


def _cta(reading: Reading, template: str, category: str) -> str:
    lang = reading.language
    if reading.news == "launch" and reading.dates:
        return _say(lx.CTA["launch_dated"], lang)  # not out yet: never "available now"
    if reading.news == "launch" and _OUT_NOW.search(reading.text):
        return _say(lx.CTA["launch_out"], lang)
    if reading.news:
        return _say(lx.CTA[_menu_or_collection(_free_or_paid(reading.news, reading), reading)], lang)
    if category == "app":
        return _say(lx.CTA["app" if _FREE.search(reading.text) else "app_paid"], lang)
    if category in ("service", "learning"):
        return _say(lx.CTA["service"], lang)
    return _say(lx.CTA.get(template, lx.CTA["product_showcase"]), lang)


_OUT_NOW = re.compile(r"available now|out now|in stores now|now available|on sale now|ya disponible|disponible ya|"
                     r"disponible maintenant|jetzt erhältlich|ab sofort erhältlich|ora disponibile|già disponibile|"
                     r"já disponível|disponível agora", re.IGNORECASE)
_CALL_NOW = {"en": "Call now", "es": "Llama ya", "fr": "Appelez-nous", "de": "Jetzt anrufen", "it": "Chiama ora",
             "pt": "Ligue já"}
_FORMERLY = {"en": "Formerly {old}", "es": "Antes {old}", "fr": "Anciennement {old}", "de": "Ehemals {old}",
             "it": "Prima {old}", "pt": "Antes {old}"}


def _feature_category(reading: Reading, category: str) -> str:
    """The category whose generic lines fit: tea and cocoa are warming, not refreshing."""
    if category == "beverage" and reading.product.noun in lx.HOT_DRINKS and not any(
            re.search(rf"(?<!\w){w}(?!\w)", reading.text, re.IGNORECASE) for w in lx.COLD_WORDS):
        return "hot drink"
    return category


def _features(reading: Reading, category: str) -> list[str]:
    """The brief's own selling points first, the category's generic lines only to fill in."""
    # A quality the brief says more about is shown as it says it: "Waterproof to 10 m", not "Waterproof".
    own = [next((ln for ln in reading.lines if fold(q) in fold(ln) and len(ln) <= SHARED_LINE_CHARS), q)
           for q in reading.qualities if q]
    own = list(dict.fromkeys(own))
    generic = lx.FEATURES.get(_feature_category(reading, category)) or lx.FEATURES["product"]
    lines = generic.get(reading.language) or generic["en"]
    return (own + [ln for ln in lines if fold(ln) not in {fold(o) for o in own}])[:3]


def _facts(reading: Reading) -> list[str]:
    """Every fact the brief states, as it wrote them: each must be on screen."""
    out = [reading.flavour, *reading.offers, *reading.prices, *reading.dates, *reading.times, *reading.places,
           reading.host]
    if reading.occasion:
        out.append(reading.occasion)
    if reading.old_name:
        out.append(_say(_FORMERLY, reading.language).format(old=reading.old_name))
    return [f for f in out if f]


def _supporting_copy(texts: list[str], roles: list[str], facts: list[str], own_lines: list[str],
                     generic: set[str], keep: set[str]) -> list[str]:
    """Beats that carry supporting lines get, in order: every fact not yet on screen, then the
    brief's own selling lines in place of generic filler. Never the title, the call to action or
    a beat that names the product (`keep`); a beat without text takes a line only when there is
    something the brief said left to show."""
    def shown() -> str:
        return fold(" ".join(texts))

    # A line shown earlier (the product's name on the reveal, again on the brand beat) may give way.
    repeated = {i for i, t in enumerate(texts) if t and fold(t) in {fold(u) for u in texts[:i]}
                and roles[i] in ("feature", "tagline")}
    slots = [i for i, r in enumerate(roles) if r == "tagline" and (fold(texts[i]) not in keep or i in repeated)]
    slots += [i for i, r in reversed(list(enumerate(roles)))
              if r == "feature" and (fold(texts[i]) not in keep or i in repeated)]
    spare = [i for i, r in enumerate(roles) if r == "none"]
    for i in slots + spare:
        todo = [f for f in facts if fold(f) not in shown()]
        if not todo:
            break
        if fold(texts[i]) in keep and i not in repeated:
            continue
        line = ""
        for f in todo:
            # A fact the brief says more about is shown as it says it: "25 % auf alle
            # Siebträgermaschinen", not "25 %" and the brief's line again later.
            if fold(f) in fold(line):
                continue
            f = next((ln for ln in own_lines if fold(f) in fold(ln) and len(ln) <= SHARED_LINE_CHARS), f)
            candidate = f"{line} · {f}" if line else f
            if len(candidate) > 60:
                break
            line = candidate
        if line:
            texts[i], roles[i] = _card_case(line), roles[i] if roles[i] != "none" else "feature"
            keep = keep | {fold(line)}
            repeated.discard(i)  # it says something new now: the selling lines below must not take it

    def repeats(line: str) -> bool:
        """Already on screen, or a card's text with a word or two around it ("Für 299 € statt 399 €")."""
        low = fold(line)
        if low in shown():
            return True
        # A card may join several facts ("First coffee's on us · Pike Street"): each part counts.
        for t in (part for text in texts for part in text.split(" · ")):
            rest = low.replace(fold(t), " ", 1) if t and fold(t) in low else None
            if rest is not None and all(w in _FILLER_WORDS for w in rest.split()):
                return True  # what is left is only small words: "für", "only", "à"
        return False

    lines = [ln for ln in own_lines if not repeats(ln)]
    for i in slots + spare:
        if not lines:
            break
        if (fold(texts[i]) in keep or (texts[i] and fold(texts[i]) not in generic)) and i not in repeated:
            continue
        line = lines.pop(0)
        # Short lines share a card ("5.3K video · waterproof to 10 m"): more of the brief is said.
        while lines and len(line) + 3 + len(lines[0]) <= SHARED_LINE_CHARS:
            line = f"{line} · {lines.pop(0)}"
        texts[i] = line
        roles[i] = roles[i] if roles[i] != "none" else "feature"
        keep = keep | {fold(texts[i])}
    return texts


_FILLER_WORDS = frozenset("""for fur pour por per para a at only just nur solo seulement apenas the le la el il die der
until till bis hasta jusqu'au jusqu’au fino al até from ab desde dès dal on every jeden cada ogni chaque
das o os as les los las un una une ein eine um uma your our tu tus votre vos ihr ihre unser unsere tuo tua seu sua""".split())
def _card_case(line: str) -> str:
    """A card opens on a capital ("Free to download", "Mayo · Malasaña"), except a name that
    is written otherwise ("iPhone", "eBay")."""
    if line[:1].islower() and not line[1:2].isupper() and not re.match(r"[\w\-]+\.[a-z]{2,}", line):
        return line[:1].upper() + line[1:]
    return line


SHARED_LINE_CHARS = 44  # the longest supporting line that still reads at a glance


# Phrases a pre-order or coming-soon ad must never show (in the six languages).
_NOT_YET = ("now open", "available now", "out now", "in stores now", "buy now", "shop now", "ya disponible",
            "disponible maintenant", "jetzt erhältlich", "ora disponibile", "já disponível", "now on sale")


def _never_contradict(texts: list[str], reading: Reading) -> list[str]:
    """No line claims what the brief denies: nothing is "available now" while it is still to
    come, and no phrase the brief ruled out appears, whatever wrote the line."""
    dated_launch = reading.news in ("launch", "new_flavour", "new_season") and bool(reading.dates)
    if reading.not_yet or reading.news in ("pre_order", "coming_soon") or dated_launch:
        kind = reading.news if reading.news in ("pre_order", "coming_soon") else (
            "launch_dated" if dated_launch else "coming_soon")
        fallback = _say(lx.CTA[kind], reading.language)
        texts = [fallback if any(p in fold(t) for p in map(fold, _NOT_YET)) else t for t in texts]
    banned = [fold(p) for p in reading.ruled_out]
    if banned:
        neutral = next((c for c in (_say(lx.CTA[k], reading.language) for k in ("product_showcase", "launch", "event"))
                        if not any(b in fold(c) for b in banned)), "")
        # A line that says what the brief rules out goes; only the call to action is replaced.
        texts = [(neutral if i == len(texts) - 1 else "") if any(b in fold(t) for b in banned) else t
                 for i, t in enumerate(texts)]
    return texts


def _filler_avoids_ruled_out_words(texts: list[str], reading: Reading, generic: set[str]) -> list[str]:
    """Filler the brief did not write keeps clear of every word it ruled out: "Non scrivete
    'cura la stanchezza'" rules out "Progettato con cura" too, which would read as the claim."""
    words = {w for p in reading.ruled_out for w in re.findall(r"\w{4,}", fold(p))}
    if not words:
        return texts
    return ["" if fold(t) in generic and words & set(re.findall(r"\w{4,}", fold(t))) else t for t in texts]


def _named_once(texts: list[str], roles: list[str], product: str, generic: set[str]) -> tuple[list[str], list[str]]:
    """Every ad says what it sells at least once: a lifestyle ad that opens on the scene names
    its product on the last line before the call to action that the brief did not fill."""
    if not product or any(fold(product) in fold(t) for t in texts):
        return texts, roles
    for i in reversed(range(len(texts) - 1)):
        if roles[i] in ("tagline", "feature", "none") and (not texts[i] or fold(texts[i]) in generic):
            texts, roles = list(texts), list(roles)
            texts[i], roles[i] = _card_case(product), "tagline" if roles[i] == "none" else roles[i]
            return texts, roles
    return texts, roles


def _each_part_once(text: str) -> str:
    """A card says each of its parts once: "Warm and cozy · Warm and cozy" is "Warm and cozy"."""
    parts = text.split(" · ")
    kept = [p for k, p in enumerate(parts) if fold(p) not in {fold(q) for q in parts[:k]}]
    return " · ".join(kept)


def _with_contact(texts: list[str], roles: list[str], web: str) -> list[str]:
    """Where to act on the call: the brief's own address or phone number joins the end card
    ("Book now · cellarnine.com", "Call now · 555 0147") unless it is already on screen."""
    if not web or any(web in t.lower() for t in texts):
        return texts
    for i in reversed(range(len(roles))):
        if roles[i] == "cta":
            texts[i] = f"{texts[i]} · {web}" if texts[i] else web
            break
    return texts


def _where_it_happens(reading: Reading, template: str) -> str:
    """The setting a lifestyle ad is painted in: the one the brief names, or, when it names
    people but no place ("three friends after training, laughing"), a home, so the people are
    shown rather than a product alone on a plain backdrop; out in the rain or snow, a street."""
    w = reading.world
    if w.setting or template != "lifestyle_ad" or not w.people:
        return w.setting
    return "street" if w.weather else "living room"


def _setting_phrase(reading: Reading, template_setting: str) -> str:
    w = reading.world
    if not w.setting:
        return template_setting
    when = {"night": " at night", "dawn": " at dawn", "golden_hour": " at golden hour", "day": " in daylight"}
    weather = {"rain": " in the rain", "snow": " in falling snow"}
    return f"a {w.setting}{when.get(w.time_of_day, '')}{weather.get(w.weather, '')}"


def _props(reading: Reading) -> tuple[str, ...]:
    props = []
    if reading.product.noun:
        props.append(reading.product.noun)
    return tuple(props[:8])


# Nouns that say what a thing is only with what it is for, and how the brief says it: a helmet
# is drawn as what it is worn for; lessons, a course or a school as what they teach ("piano
# lessons", "Tanzschule", "escuela de surf", "cours de cuisine"), not as a pile of books.
_WORN_FOR = (("bike helmet", r"bik|cycl|ciclis|radfahr|fahrrad|vélo|velo|bici"),
             ("ski helmet", r"\bski|snowboard|esquí|sci\b|sciator"),
             ("motorcycle helmet", r"motorc|motorbik|\bmoto"))
_TAUGHT = (("woman dancing", r"danc|tanz|baile|bailar|danse|danza|dança|salsa|tango|ballet|balletto|discofox|walzer"),
           ("piano", r"piano|klavier"),
           ("guitar", r"guitar|gitarr|chitarr"),
           ("violin", r"violin|geige|violon"),
           ("person surfing", r"surf"),
           ("person in lotus position", r"\byoga|yoga"),
           ("cooking", r"cooking|\bcook\b|kochkurs|kochen|kochschule|cocina|cuisine|cucina|culinári"),
           ("automobile", r"driving|fahrschule|autoescuela|auto-école|autoscuola|autoescola|conducir|conduite"),
           ("person swimming", r"swim|schwimm|natación|natation|nuoto|natação"),
           ("artist palette", r"painting|watercolou?r|\bmal(?:kurs|en)|pintura|peinture|pittura|acquerell|aquarel"),
           ("camera", r"photograph|fotograf|photo"),
           ("laptop", r"coding|programming|programmier|programación|codage|programmazione|programação"),
           ("amphora", r"pottery|töpfer|cerámica|céramique|ceramica|cerâmica"),
           ("person climbing", r"climbing|kletter|escalada|escalade|arrampicata"),
           ("thread", r"sewing|nähen|nähkurs|costura|couture|cucito"),
           ("shortcake", r"baking|backkurs|backen|repostería|pâtisserie|pasticceria|confeitaria"),
           ("microphone", r"singing|gesang|canto|chant"),
           ("chess pawn", r"chess|schach|ajedrez|échecs|scacchi|xadrez"),
           ("horse", r"riding|reit|equitación|équitation|equitazione|equitação"),
           ("tennis", r"tennis|tenis"),
           ("skis", r"\bski|esquí|sci\b"))
# A suit is drawn as what it is worn for, never as a business suit's tie: "beekeeping suit".
_SUIT_FOR = (("honeybee", r"beekeep|apicult|imker|apicolt|abelha|abeja|abeille|\bbee"),
             ("skier", r"\bski|snowboard|esquí|sci\b"),
             ("diving mask", r"diving|\bdive|scuba|wetsuit|plongée|buceo|tauch|immersion|mergulho"),
             ("person swimming", r"swim|bañador|maillot de bain|badeanzug|costume da bagno"))
_FOR_WHAT = {"helmet": _WORN_FOR, "suit": _SUIT_FOR, **{n: _TAUGHT for n in ("lessons", "lesson", "course", "courses", "school", "class",
                                                          "classes", "workshop", "academy", "training")}}


def _noun_for_what_it_is_for(noun: str, reading: Reading) -> str:
    said = f"{reading.text} {reading.world.people} {reading.world.activity}"
    return next((kind for kind, rx in _FOR_WHAT.get(noun, ()) if re.search(rx, said, re.IGNORECASE)), noun)


def _readable(text: str, fallback: str) -> str:
    """On-screen text our fonts can draw; a brief in another script keeps its words for the
    models but shows the fallback."""
    return text if drawable(text) and any(ch.isalnum() for ch in drawable(text)) else fallback


def write_spec(brief: Brief, template_name: str | None = None) -> Spec:
    templates = load_templates()
    reading = read_brief(brief.prompt)
    name = template_name or brief.template or choose_template(reading, templates)
    if name not in templates:
        from ...errors import InputError
        raise InputError(f"unknown template {name!r}; choose one of: {', '.join(sorted(templates))}")
    tpl = templates[name]
    text = _words(reading.text)
    lang = reading.language
    aesthetic = _aesthetic(reading, name)
    mood = _pick(text, MOODS) or DEFAULT_MOOD[aesthetic]
    lighting = _pick(text, LIGHTING) or DEFAULT_LIGHTING[aesthetic]
    if reading.world.time_of_day == "night" and not _pick(text, LIGHTING):
        lighting = "warm firelight at night" if reading.world.setting == "campfire" else "night"
    palette = _palette(text, aesthetic, lang)
    guess = reading.product
    product = _readable(drawable(guess.name), "") or _readable(drawable(reading.text[:40]), "Your product")
    product = product[:60]
    category = guess.category
    music_style = MUSIC_STYLE.get(mood, tpl.audio.music_style)
    tempo, key, scale = suggest_tempo_and_key(mood, music_style, brief.seed)
    asked = re.search(r"(\d{2,3})\s*bpm", text)  # "... at 128 bpm" wins
    if asked and 60 <= int(asked.group(1)) <= 180:
        tempo = float(asked.group(1))
    features = _features(reading, category)
    tagline = _say(lx.TAGLINES[aesthetic], lang)
    headline = _card_case(_headline(reading, name, product) or product)
    cta = _cta(reading, name, category)
    values = {
        "product": product, "brand": guess.brand or product, "category": category, "tagline": tagline,
        "aesthetic": aesthetic, "mood": mood, "lighting": lighting,
        "setting": _setting_phrase(reading, tpl.setting), "palette": ", ".join(palette), "cta": cta,
        "feature": features[0], "headline": headline,
    }
    if name == "announcement" and _when(reading) and fold(_when(reading)) not in fold(headline):
        # The date is the news: the supporting line says when (and where).
        values["tagline"] = reading.facts_line or tagline
    scale_k = brief.duration_s / tpl.default_duration
    durations = snap_to_grid([b.duration * scale_k for b in tpl.beats], brief.duration_s, tempo)
    texts, roles, feature_i = [], [], 0
    for tb in tpl.beats:
        if tb.text_role == "feature":
            values["feature"] = features[feature_i % len(features)]
            feature_i += 1
        on_screen = tb.text_template.format(**values) if tb.text_template else ""
        fallback = {"cta": _say(lx.CTA.get(reading.news or name, lx.CTA["product_showcase"]), "en"),
                    "title": "Introducing", "tagline": lx.TAGLINES[aesthetic]["en"]}.get(tb.text_role, "")
        texts.append(_readable(on_screen, fallback) if tb.text_role != "none" else on_screen)
        roles.append(tb.text_role)
    # Filler the brief did not say gives way first to what it did say.
    generic = {fold(t) for table in lx.TAGLINES.values() for t in table.values()}
    generic |= {fold(ln) for table in lx.FEATURES.values() for ln in (table.get(lang) or table["en"])}
    # The brand's own beat may give way too when the brief has more to say: the end card shows the brand.
    replaceable = generic | ({fold(guess.brand)} if guess.brand and fold(guess.brand) != fold(product) else set())
    texts = _supporting_copy(texts, roles, _facts(reading), [*reading.lines, *reading.qualities], replaceable,
                             {fold(product)})
    texts = _never_contradict(texts, reading)
    texts = _filler_avoids_ruled_out_words(texts, reading, generic)
    texts = _with_contact(texts, roles, reading.web)
    if reading.phone and not reading.web:  # a number to call: the end card says to call it
        texts = [_say(_CALL_NOW, lang) if r == "cta" else t for t, r in zip(texts, roles)]
    texts = _with_contact(texts, roles, reading.phone)
    texts, roles = _named_once(texts, roles, product, generic)
    texts = [_each_part_once(t) for t in texts]
    beats, t = [], 0.0
    for i, (tb, dur) in enumerate(zip(tpl.beats, durations)):
        beats.append({
            "name": tb.name, "start": round(t, 6), "duration": dur, "shot_type": tb.shot_type,
            "action": tb.action, "prompt": tb.prompt_template.format(**values)[:600],
            "camera_movement": tb.camera_movement, "text": _fit(texts[i], 80), "text_role": roles[i],
            "seed": (brief.seed * 1000 + i * 7919) % (2**31 - 1),
        })
        t += dur
    # Transitions scale with the ad's length but always fit their beats.
    transitions = []
    for i, tr in enumerate(tpl.transitions):
        d = min(tr.duration * min(1.0, scale_k), durations[i] * 0.4, durations[i + 1] * 0.4)
        transitions.append({"type": tr.type, "duration": round(d, 3) if tr.type != "cut" else 0.0})
    w = reading.world
    return Spec.model_validate({
        "template": name, "brief": brief.prompt,
        "product": {"name": product, "brand": _fit(guess.brand, 60), "category": category,
                    "tagline": _fit(tagline, 90), "noun": _noun_for_what_it_is_for(guess.noun, reading)},
        "style": {"aesthetic": aesthetic, "palette": palette, "mood": mood, "lighting": lighting},
        "story": {"news": reading.news, "offer": _fit(_offer_line(reading), 60),
                  "date": _fit(" · ".join(reading.dates), 40), "time": _fit(" · ".join(reading.times), 40),
                  "place": _fit(" · ".join(reading.places), 60), "audience": _fit(w.people, 60),
                  "setting": _fit(_where_it_happens(reading, name), 40), "time_of_day": w.time_of_day, "weather": w.weather, "people": _fit(w.people, 40),
                  "activity": _fit(w.activity, 60), "props": _props(reading), "language": lang},
        "beats": beats, "transitions": transitions,
        "audio": {"style": music_style, "mood": mood, "tempo_bpm": tempo,
                  "key": key, "scale": scale},
        "color_grading": {"lut": LUT_FOR.get(aesthetic, tpl.color_grading.lut_name),
                          "contrast": tpl.color_grading.contrast, "saturation": tpl.color_grading.saturation},
        "formats": brief.formats, "duration_s": brief.duration_s, "width": brief.width, "height": brief.height,
        "fps": brief.fps, "seed": brief.seed,
    })


def _fit(text: str, limit: int) -> str:
    """Shorten at a word boundary, never mid-word, to fit a field's limit."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,·;:-")
    return cut + "…"
