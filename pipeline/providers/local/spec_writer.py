"""The local spec writer: deterministic rules that turn a brief into a Spec, no model needed.

It reads the brief for the product and brand, an aesthetic, colours, mood and lighting (in
English and the most common words of a few other languages), picks a template, fills every
beat's prompt and on-screen text, and snaps beat boundaries to the music's beat grid.
"""

from __future__ import annotations

import re
import unicodedata

from ...models import Brief, Spec
from ...render.typography import drawable
from ...templates import Template, load_templates
from ...render.music import suggest_tempo_and_key

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

AESTHETICS: list[tuple[tuple[str, ...], str]] = [
    (("luxury", "luxurious", "premium", "high-end", "opulent", "lujo", "luxe", "luxus", "exclusive", "prestige"), "luxury"),
    (("elegant", "elegante", "élégant", "refined", "sophisticated", "classy"), "elegant"),
    (("sleek", "minimal", "minimalist", "clean", "modern", "moderno", "moderne"), "modern minimal"),
    (("futuristic", "tech", "techy", "cyber", "digital", "ai", "smart"), "futuristic tech"),
    (("playful", "fun", "colorful", "colourful", "quirky", "cheerful", "divertido"), "playful"),
    (("bold", "energetic", "sporty", "dynamic", "powerful", "athletic", "extreme"), "bold"),
    (("natural", "organic", "eco", "sustainable", "green", "botanical", "earthy"), "natural organic"),
    (("vintage", "retro", "classic", "nostalgic", "heritage"), "vintage"),
    (("cozy", "cosy", "warm", "homey", "rustic"), "warm cozy"),
]

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
                "natural organic": "calm", "vintage": "warm", "warm cozy": "warm"}

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
                    "vintage": "warm tungsten", "warm cozy": "warm golden hour"}

MUSIC_STYLE = {"energetic": "electronic pop", "calm": "ambient piano", "playful": "upbeat pop",
               "dramatic": "cinematic", "uplifting": "acoustic pop", "romantic": "soft piano",
               "warm": "lofi acoustic", "sophisticated": "cinematic ambient", "confident": "modern electronic"}

LUT_FOR = {"luxury": "cinematic_warm", "elegant": "elegant_muted", "modern minimal": "modern_vibrant",
           "futuristic tech": "modern_vibrant", "playful": "modern_vibrant", "bold": "modern_vibrant",
           "natural organic": "golden_hour", "vintage": "golden_hour", "warm cozy": "golden_hour"}

ANNOUNCE_WORDS = ("launch", "launching", "announce", "announcing", "announcement", "introducing", "introduce",
                  "sale", "discount", "% off", "opening", "grand opening", "now open", "event", "rebrand",
                  "rebranding", "coming soon", "release", "premiere", "festival", "black friday", "webinar",
                  "conference", "lanzamiento", "oferta", "rebajas", "inauguración", "lancement", "soldes",
                  "ouverture", "neueröffnung", "angebot", "einführung", "news", "unveil")
LIFESTYLE_WORDS = ("lifestyle", "everyday", "every day", "daily", "day-to-day", "people", "family", "friends",
                   "morning", "routine", "at home", "on the go", "commute", "weekend", "using it", "people using",
                   "in use", "real life", "moments", "vida diaria", "quotidien", "alltag", "kids", "couple")

STYLE_WORDS = {w for words, _ in AESTHETICS for w in words} | {w for words, _ in MOODS for w in words} | {
    "sleek", "stylish", "cool", "beautiful", "amazing", "stunning", "great", "nice", "awesome", "new", "best",
    "short", "quick", "30-second", "30 second", "cinematic", "video", "ad", "advert", "commercial", "spot",
    "a", "an", "the", "our", "my", "some", "their", "dramatic", "soft", "bright", "with", "lighting", "of", "for",
    "de", "del", "la", "el", "los", "las", "para", "pour", "le", "les", "des", "du", "für", "die", "der", "das",
    "ein", "eine", "un", "una", "une", "create", "make", "dorados", "dorada", "doradas"} | set(COLOR_WORDS)
STYLE_WORDS -= {"luxury", "premium", "smart", "ai", "digital", "organic"}  # these qualify the product

CATEGORY_WORDS = {
    "watch": ("watch", "watches", "timepiece", "chronograph", "reloj", "montre", "uhr"),
    "fragrance": ("perfume", "fragrance", "parfum", "cologne", "eau de", "perfume"),
    "skincare": ("serum", "skincare", "cream", "lotion", "moisturizer", "cosmetic", "makeup", "lipstick"),
    "phone": ("phone", "smartphone", "iphone", "tablet", "laptop", "app", "gadget", "device", "móvil", "handy"),
    "audio": ("headphones", "earbuds", "headphone", "speaker", "audio", "auriculares", "casque"),
    "footwear": ("shoe", "shoes", "sneaker", "sneakers", "boots", "running", "zapatillas", "chaussures", "schuhe"),
    "beverage": ("coffee", "tea", "drink", "beverage", "soda", "juice", "energy drink", "beer", "wine", "water",
                 "café", "kaffee", "latte", "espresso", "cold brew"),
    "food": ("chocolate", "snack", "burger", "pizza", "bakery", "cookie", "food", "restaurant"),
}

FEATURES = {
    "watch": ("Precision in every second", "Sapphire crystal · Swiss movement"),
    "fragrance": ("A scent that lingers", "Notes of amber and oud"),
    "skincare": ("Visible results in 7 days", "Clean, gentle formula"),
    "phone": ("All-day battery", "Pro-grade camera"),
    "audio": ("Immersive sound", "Noise cancelling · 30 h battery"),
    "footwear": ("Engineered for comfort", "Lightweight. Responsive."),
    "beverage": ("Crafted in small batches", "Bold flavour, smooth finish"),
    "food": ("Made with real ingredients", "Baked fresh daily"),
    "product": ("Designed with care", "Made to last"),
}
TAGLINES = {
    "luxury": "Crafted for the extraordinary.", "elegant": "Elegance, redefined.",
    "modern minimal": "Less, but better.", "futuristic tech": "The future is here.",
    "playful": "Made for good times.", "bold": "Go further.", "natural organic": "Naturally yours.",
    "vintage": "Timeless by design.", "warm cozy": "Feels like home.",
}
CTA = {"announcement": "Available now", "lifestyle_ad": "Try it today", "product_showcase": "Discover more"}

_BRIEF_PATTERNS = [
    r"\b(?:para|pour|für)\s+(.+)",
    r"\b(?:ad|advert|advertisement|commercial|spot|video|promo|campaign|teaser)\s+(?:for|about|of|on)\s+(.+)",
    r"\b(?:promote|promoting|showcase|showcasing|sell|selling|feature|featuring|launch|launching|introduce|introducing|announce|announcing|unveil|unveiling)\s+(.+)",
    r"\b(?:anuncio|publicidad|vídeo|video)\s+(?:para|de|sobre)\s+(.+)",
    r"\b(?:publicité|pub|annonce|vidéo)\s+(?:pour|de|sur)\s+(.+)",
    r"\b(?:werbung|werbespot|video)\s+(?:für|über)\s+(.+)",
]


def _words(text: str) -> str:
    return " " + re.sub(r"\s+", " ", text.lower()) + " "


def _has(text: str, word: str) -> bool:
    return re.search(r"(?<![\w])" + re.escape(word) + r"(?![\w])", text) is not None


def choose_template(prompt: str, templates: dict[str, Template]) -> str:
    t = _words(prompt)
    if any(_has(t, w) or (w.startswith("%") and w in t) for w in ANNOUNCE_WORDS) and "announcement" in templates:
        return "announcement"
    if any(_has(t, w) for w in LIFESTYLE_WORDS) and "lifestyle_ad" in templates:
        return "lifestyle_ad"
    # Any other template in the folder can win by its own keywords.
    scores = {name: sum(_has(t, k) for k in tpl.keywords) for name, tpl in templates.items()}
    best = max(scores, key=lambda n: (scores[n], n == "product_showcase"))
    if scores[best] == 0 and "product_showcase" in templates:
        return "product_showcase"
    return best


def _pick(text: str, table: list[tuple[tuple[str, ...], str]]) -> str | None:
    for words, value in table:
        if any(_has(text, w) for w in words):
            return value
    return None


def _strip_emoji(text: str) -> str:
    return "".join(ch for ch in text if unicodedata.category(ch) not in ("So", "Sk", "Cs", "Co")
                   and not 0x1F000 <= ord(ch) <= 0x1FAFF and ch not in "\u200d\ufe0f")


def extract_product(prompt: str) -> tuple[str, str]:
    """(product name, brand) from the brief."""
    clean = _strip_emoji(prompt).strip()
    brand = ""
    quoted = re.search(r"[\"“«']([^\"”»']{2,40})[\"”»']", clean)
    named = re.search(r"\b(?:called|named|brand|by|from)\s+([A-Z][\w&'.-]*(?:\s+[A-Z][\w&'.-]*)?)", clean)
    if quoted:
        brand = quoted.group(1).strip()
    elif named:
        brand = named.group(1).strip()
    phrase = ""
    for pat in _BRIEF_PATTERNS:
        m = re.search(pat, clean, flags=re.IGNORECASE)
        if m:
            phrase = m.group(1)
            break
    if not phrase:
        phrase = clean
    # Stop at the first clause boundary: "for luxury watches, with gold tones" -> "luxury watches".
    phrase = re.split(r"[,.;:!?\n()]|\s(?:with|that|which|in|on|featuring|using|for|to|and a|where|showing|con|avec|mit)\s",
                     phrase, maxsplit=1)[0]
    tokens = re.findall(r"[\w'&%-]+", phrase)
    words = [w for w in tokens if w.lower() not in STYLE_WORDS and not w.lower().endswith("ing")]
    first_word = (re.findall(r"[\w'&%-]+", clean) or [""])[0]
    if not brand:
        # A capitalised word that does not merely start the sentence is a name: "ad for Aurum watches".
        caps = [w for w in words if w[:1].isupper() and w != first_word and w.lower() not in COLOR_WORDS]
        brand = caps[0] if caps else ""
    lowered = [w.lower() for w in words]
    cat_at = next((i for i, w in enumerate(lowered) if any(w == c or w.rstrip("s") == c
                   for cs in CATEGORY_WORDS.values() for c in cs)), None)
    if cat_at is not None:
        start = lowered.index(brand.lower()) if brand and brand.lower() in lowered[:cat_at] else max(0, cat_at - 2)
        words = words[start:cat_at + 1]
    name = " ".join(words[:5]).strip() or "Your product"
    name = name[:1].upper() + name[1:]
    if not any(ch.isalnum() for ch in drawable(name)):
        # A brief in a script our fonts cannot draw: keep the words for the models, but the
        # on-screen name must be something a viewer can read.
        name = clean[:40].strip() or "Your product"
    return name[:60], brand[:60]


def _category(text: str) -> str:
    for cat, words in CATEGORY_WORDS.items():
        if any(_has(text, w) for w in words):
            return cat
    return "product"


def _palette(text: str, aesthetic: str) -> tuple[str, ...]:
    found: list[str] = []
    for word, hexv in COLOR_WORDS.items():
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


def write_spec(brief: Brief, template_name: str | None = None) -> Spec:
    templates = load_templates()
    text = _words(_strip_emoji(brief.prompt))
    name = template_name or brief.template or choose_template(brief.prompt, templates)
    if name not in templates:
        from ...errors import InputError
        raise InputError(f"unknown template {name!r}; choose one of: {', '.join(sorted(templates))}")
    tpl = templates[name]
    aesthetic = _pick(text, AESTHETICS) or {"announcement": "bold", "lifestyle_ad": "warm cozy"}.get(name, "modern minimal")
    if aesthetic == "bold" and _has(text, "luxury"):
        aesthetic = "luxury"
    mood = _pick(text, MOODS) or DEFAULT_MOOD[aesthetic]
    lighting = _pick(text, LIGHTING) or DEFAULT_LIGHTING[aesthetic]
    palette = _palette(text, aesthetic)
    product, brand = extract_product(brief.prompt)
    category = _category(text)
    music_style = MUSIC_STYLE.get(mood, tpl.audio.music_style)
    tempo, key, scale = suggest_tempo_and_key(mood, music_style, brief.seed)
    asked = re.search(r"(\d{2,3})\s*bpm", text)  # "... at 128 bpm" wins
    if asked and 60 <= int(asked.group(1)) <= 180:
        tempo = float(asked.group(1))
    features = FEATURES[category]
    tagline = TAGLINES[aesthetic]
    shown = drawable(product) or "Your product"
    headline = {
        "announcement": f"Introducing {shown}" if not _has(text, "sale") else f"The {shown} sale is on",
        "lifestyle_ad": "Made for your every day",
    }.get(name, shown)
    if _has(text, "opening") or _has(text, "open"):
        headline = "Now open" if name == "announcement" else headline
    values = {
        "product": product, "brand": brand or features[1], "category": category, "tagline": tagline,
        "aesthetic": aesthetic, "mood": mood, "lighting": lighting, "setting": tpl.setting,
        "palette": ", ".join(palette), "cta": CTA.get(name, "Discover more"), "feature": features[0],
        "headline": headline,
    }
    scale_k = brief.duration_s / tpl.default_duration
    durations = snap_to_grid([b.duration * scale_k for b in tpl.beats], brief.duration_s, tempo)
    beats, feature_i, t = [], 0, 0.0
    for i, (tb, dur) in enumerate(zip(tpl.beats, durations)):
        if tb.text_role == "feature":
            values["feature"] = features[feature_i % len(features)]
            feature_i += 1
        on_screen = tb.text_template.format(**values) if tb.text_template else ""
        if tb.text_role != "none" and not drawable(on_screen):
            on_screen = {"cta": values["cta"], "title": "Introducing", "tagline": tagline}.get(tb.text_role, "")
        beats.append({
            "name": tb.name, "start": round(t, 6), "duration": dur, "shot_type": tb.shot_type,
            "action": tb.action, "prompt": tb.prompt_template.format(**values)[:600],
            "camera_movement": tb.camera_movement, "text": on_screen[:80], "text_role": tb.text_role,
            "seed": (brief.seed * 1000 + i * 7919) % (2**31 - 1),
        })
        t += dur
    # Transitions scale with the ad's length but always fit their beats.
    transitions = []
    for i, tr in enumerate(tpl.transitions):
        d = min(tr.duration * min(1.0, scale_k), durations[i] * 0.4, durations[i + 1] * 0.4)
        transitions.append({"type": tr.type, "duration": round(d, 3) if tr.type != "cut" else 0.0})
    return Spec.model_validate({
        "template": name, "brief": brief.prompt,
        "product": {"name": product, "brand": brand, "category": category, "tagline": tagline},
        "style": {"aesthetic": aesthetic, "palette": palette, "mood": mood, "lighting": lighting},
        "beats": beats, "transitions": transitions,
        "audio": {"style": music_style, "mood": mood, "tempo_bpm": tempo,
                  "key": key, "scale": scale},
        "color_grading": {"lut": LUT_FOR.get(aesthetic, tpl.color_grading.lut_name),
                          "contrast": tpl.color_grading.contrast, "saturation": tpl.color_grading.saturation},
        "formats": brief.formats, "duration_s": brief.duration_s, "width": brief.width, "height": brief.height,
        "fps": brief.fps, "seed": brief.seed,
    })
