"""Reading a brief: what the product is, what the news is, and every fact that must reach the
screen, with plain rules and word lists (`lexicon.py`) instead of a model.

`read_brief(prompt)` returns a `Reading`. The rules, in order:
1. Clean: emoji and sentences that try to steer the system ("ignore previous instructions")
   are dropped, so they are neither obeyed nor shown.
2. Language: the one of six whose function words occur most (English on ties).
3. Facts, found before the product so their words are never taken for it: offers ("50% off",
   "free shipping"), dates ("March 1st", "1 de marzo", "this Saturday"), times, occasions
   ("Black Friday") and places ("in Brooklyn").
4. The kind of news, from the strongest signal ("pre-order" beats "launch").
5. The product: candidate nouns from the lexicon, scored by what marks a product in a brief
   ("our ...", "for ...", a brand beside it) and against what marks a setting ("in a cafe");
   the winner grows into a noun phrase with its brand, model and defining modifiers.
6. The world around it for lifestyle briefs: setting, time of day, people, activity, props.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterator

from . import lexicon as lx

# --- tokens ------------------------------------------------------------------------------------

_TOKEN = re.compile(r"[^\W_](?:[\w]|['’&+.\-/](?=[^\W_]))*\+?", re.UNICODE)


@dataclass(frozen=True)
class Token:
    text: str
    low: str
    start: int
    end: int
    sentence_start: bool
    german: bool = False  # German capitalises every noun: capitals say less about names
    clause: int = 0  # how many clause breaks (, ; : — . ! ? parenthesis) come before it
    gap: str = ""  # the text between the previous token and this one


_CLAUSE_BREAK = re.compile(r"[,;:—–.!?(\n]|\s-\s")
# Titles and short forms whose dot ends no sentence ("Dr. Patel", "Hellfire No. 9"); a company's
# "Co." or "Inc." often does end one, so they are not here.
# "inkl. 2 Akkus", "ca. 3 kg", "incl. VAT" run on into what they qualify.
_ABBREVIATIONS = frozenset("""dr mr mrs ms mx st ste mt ft prof no nr jr sr sra srta dra dott vs av avda
inkl zzgl ca bzw ggf usw evtl incl excl approx""".split())
_NO_ABBREV = (r"(?<!\bDr)(?<!\bMr)(?<!\bMs)(?<!\bMrs)(?<!\bSt)(?<!\bMt)(?<!\bProf)(?<!\bNo)(?<!\bJr)(?<!\bSr)"
              r"(?<!\bSra)(?<!\bDra)(?<!\bDott)(?<!\bSig)(?<!\bvs)(?<!\b[iI]nkl)(?<!\bzzgl)(?<!\bca)(?<!\bbzw)(?<!\bggf)(?<!\busw)"
              r"(?<!\bevtl)(?<!\b[iI]ncl)(?<!\bexcl)(?<!\bapprox)")


def tokenize(text: str, lang: str = "") -> list[Token]:
    out: list[Token] = []
    prev_end = 0
    clause = 0
    for m in _TOKEN.finditer(text):
        gap = text[prev_end:m.start()]
        if out and gap.startswith(". ") and not gap[2:].strip() and out[-1].text.lower() in _ABBREVIATIONS:
            gap = " "  # "Dr. Patel", "St. Brigid's": an abbreviation's dot ends nothing
        first = not out or bool(re.search(r"[.!?:;\n]", gap))
        if out and _CLAUSE_BREAK.search(gap):
            clause += 1
        word = m.group().rstrip(".")
        out.append(Token(word, word.lower(), m.start(), m.start() + len(word), first, lang == "de", clause, gap))
        prev_end = m.end()
    return out


def fold(text: str) -> str:
    """Lower case without accents: for matching only, never for what is shown."""
    text = unicodedata.normalize("NFKD", text.lower().replace("ß", "ss"))
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def _rx_words(words, plural: bool = False) -> re.Pattern[str]:
    """A whole-word, case-insensitive pattern for a list of words or phrases (longest first)."""
    alts = []
    for w in sorted(set(words), key=len, reverse=True):
        # Spaces match any run of spaces or hyphens; hyphens match a hyphen, a space or nothing.
        core = r"[\s\-]+".join(r"[\s\-]?".join(map(re.escape, part.split("-"))) for part in w.split())
        alts.append(core + (r"(?:s|es)?" if plural else ""))
    return re.compile(r"(?<![\w\-])(?:" + "|".join(alts) + r")(?![\w\-])", re.IGNORECASE)


# --- steering ----------------------------------------------------------------------------------

_STEERING = re.compile(
    r"ignore (?:all |any )?(?:the )?(?:previous|prior|above|earlier|preceding)|disregard (?:all|any|the|previous|prior|your)"
    r"|forget (?:all|everything|your|the) |you are now|ahora eres|ahora estás en|tu es maintenant|"
    r"vous êtes maintenant|du bist jetzt|sie sind jetzt|ora sei|adesso sei|agora você é|agora és|agora estás|"
    r"entwicklermodus|modo (?:de )?desarrollador|mode développeur|modalità sviluppatore|modo (?:de )?desenvolvedor|act as |pretend (?:to be|you)|system prompt|^\s*system\s*:"
    r"|\bsystem\s*:|\bassistant\s*:|developer mode|jailbreak|override (?:the|your|all)|new instructions"
    r"|(?:output|print|respond with|reply with|return|write|say) (?:only|just|exactly|the word|nothing but)"
    r"|note to (?:the )?(?:model|ai|assistant|system)|(?:olvida|ignora|oublie|oubliez|ignore|ignorez|vergiss|ignoriere|"
    r"dimentica|ignora|esqueça|esqueca|ignore)\s+(?:todas?\s+|toutes?\s+|alle\s+|tutte\s+|as\s+|las\s+|les\s+|die\s+|"
    r"le\s+|os\s+)*(?:instrucciones|instructions|anweisungen|regeln|istruzioni|instruções|instrucoes|reglas|règles|regole|regras)"
    r"|systemnachricht|mensaje del sistema|message système|messaggio di sistema|mensagem do sistema"
    r"|\b(?:the|an?)\s+(?:ai|model|assistant|llm|system|bot)\s+(?:must|should|has to|needs to|will|shall)\b"
    r"|(?:instrucci[oó]n|instruction|anweisung|istruzione|instru[çc][ãa]o|mensaje|message|nachricht|messaggio|"
    r"mensagem|note|nota|hinweis)\s+(?:para|pour|für|an|per|para|to|for)\s+(?:el|le|la|l'|das|den|il|o|a|the)?\s*"
    r"(?:modelo|mod[eè]le|modell|modello|model|asistente|assistant|assistenten|assistente|ia|ki|ai|bot)"
    # Overrides, fake roles and code: "SYSTEM OVERRIDE", "ADMIN:", '{"role": ...}', "<script>", URLs.
    r"|\b(?:system|admin|administrator|root|developer|assistant|user)\s*(?:override|mode|access|message|prompt|"
    r"instruction|command)s?\b|\b(?:system|admin|administrator|root|developer|assistant)\s*:|[\"']role[\"']\s*:"
    r"|<\s*/?\s*(?:script|iframe|img|svg|style|a)\b|\b(?:override|disregard|jailbreak)\b"
    # "true bypass" is a guitar pedal's feature; bypassing the rules is steering.
    r"|\bbypass\s+(?:the\s+|your\s+|all\s+|any\s+)?(?:filters?|rules|safety|guardrails|restrictions|instructions|system|brief)\b"
    # A web address alone is no instruction ("Shop at www.wickandwax.com"): `web_addresses` shows
    # only the brief's own; suspicious endings mark a planted one.
    r"|\b[\w-]+\.(?:example|invalid|test|xyz|ru|tk)\b"
    r"|[\[<({]\s*(?:system|syst[eè]me|sistema|admin|assistant|assistente|asistente|developer|dev|sys|root|ai|ia|ki)"
    r"\s*[\]>)}]"  # a role tag: "[SYSTÈME]", "<system>", "(admin)"
    r"|\b(?:istruzion[ei]|instrucci[oó]n(?:es)?|instructions?|anweisung(?:en)?|consignes?|instru[çc](?:ão|ões)|"
    r"instrucoes)\b\s*(?:precedenti|"
    r"anteriores|précédentes|vorherigen|anteriori|previous|prior)?"
    # "...write SALE instead": but "89 € au lieu de 109 €", "39 € invece di 60 €", "instead of" compare prices.
    # "Show the crew with the Coldcrate cooler instead" is a brief; "say 'Buy now' instead" is not.
    r"|\bmode\s+admin|\bmodo\s+admin|\bmodalità\s+admin|\badmin-?modus"
    r"|\b(?:write|say|put|print|type|display|call it)\b[^.!?\n]{0,60}\binstead\b(?!\s+of)"
    r"|\binstead\b[^.!?\n]{0,20}\b(?:write|say|mention|put|print|type|display)\s+['\"«„“‘]|\ben su lugar\b"
    r"|\bà la place\b(?!\s+d)|\bstattdessen\b|\binvece\b(?!\s+d[ie]l?)|\bem vez disso\b"
    r"|\b(?:write|écris|écrivez|escribe|escriba|schreib|schreibe|schreiben sie|scrivi|scrivete|escreva|escreve)\s+"
    r"(?:only\s+|just\s+|seulement\s+|solo\s+|nur\s+|apenas\s+)?['\"«„“‘]"
    r"|\b(?:you must|you are|tu dois|debes|devi|du musst|você deve|vous devez)\s+(?:now\s+)?(?:write|say|print|output|"
    r"escribir|écrire|schreiben|scrivere|escrever|ignore|obey)",
    re.IGNORECASE | re.MULTILINE)


# A sentence addressed to whatever makes the ad ("Para a IA: ...", "An die KI: ...", "Assistant,
# ...", "P.S. to whoever generates this") is steering, whatever it asks. "AI", "IA" and "KI" count
# only in capitals: "ai" is an Italian word ("ai nonni").
_ADDRESSEE = re.compile(
    r"(?:(?<![\w.])(?:AI|A\.I\.|IA|KI|LLM|GPT|ChatGPT)"
    r"|(?i:(?<![\w])(?:to|for|para|pour|per|an|für|à|dear|hey|hi)\s+(?:the\s+|el\s+|la\s+|l['’]\s*|o\s+|a\s+|die\s+|"
    r"den\s+|il\s+|lo\s+)?(?:ai|a\.i\.|ia|ki|llm|bot|generator|generador|générateur|generatore|gerador|assistant|"
    r"asistente|assistente|assistent|intelligenza artificiale|intelligence artificielle|inteligencia artificial|"
    r"inteligência artificial|künstliche intelligenz)))\s*[:,]"  # "(AI: ...", "Para a IA: ...", "An die KI:"
    r"|(?i:(?<![\w])(?:assistant|asistente|assistente|assistent)\s*[,:]"
    r"|(?<![\w])whoever\s+(?:generates|makes|reads|builds|writes|renders|creates)"
    r"|(?<![\w])new\s+task\b|^\s*#{2,}|(?<![\w])(?:nueva tarea|nouvelle tâche|neue aufgabe|nuovo compito|nova tarefa)\b)")
# Steering in general terms, whatever its wording: telling the writer to drop the brief, or
# dictating what every scene, the headline or the product name must say, or speaking to it.
_OVERRIDE_VERB = (r"ignore|ignoring|disregard|forget|olvida|olvide|ignora|ignore[zs]?|oublie[zs]?|ne\s+tiens?\s+pas\s+compte|"
                  r"ne\s+tenez\s+pas\s+compte|ignorier\w*|vergiss|vergessen\s+sie|dimentica|trascura|desconsidere|"
                  r"desconsidera|esque[çc]a|esquece")
_SCREEN_PART = (r"headline|title|tagline|slogan|cta|call to action|end ?card|product name|brand name|on[- ]screen|"
                r"every (?:scene|beat|shot|frame)|all (?:scenes|beats|text|shots)|each (?:scene|beat)|all the text|"
                r"titular|eslogan|t[íi]tulo|en pantalla|todas las escenas|cada escena|titre|accroche|chaque sc[èe]ne|"
                r"toutes les sc[èe]nes|à l'écran|[üu]berschrift|jede szene|alle szenen|titolo|ogni scena|tutte le scene|"
                r"todas as cenas|cada cena|na tela")
# What an override verb must aim at to be steering: "ignore the above", "forget all instructions",
# "olvida todo"; "two cats ignoring the toy" and "forget bulky coolers" describe an ad.
_OVERRIDE_OBJECT = (r"all|any|everything|anything|above|previous|prior|earlier|preceding|that|this|it|what|the rest|"
                    r"(?:the\s+|my\s+|your\s+|these\s+|those\s+)?(?:instructions?|rules|brief|briefing|prompt|context|"
                    r"guidelines|request)|todo|todas?|lo anterior|las instrucciones|tout|toutes?|ce qui pr[ée]c[èe]de|"
                    r"les consignes|alles|alle|das|vorherige\w*|obige\w*|tutto|tutte|quanto|tudo|todas as|o que|o briefing|"
                    r"as instru[çc][õo]es|instrucciones|instructions|consignes|anweisungen|istruzioni|instru[çc][õo]es|regeln|"
                    r"regole|reglas|règles|regras")
_STEERING_GENERAL = re.compile(
    r"(?<![\w])(?:" + _OVERRIDE_VERB + r")\s+(?:\w+\s+){0,2}?(?:" + _OVERRIDE_OBJECT + r")(?![\w])"
    r"|(?<![\w])(?:" + _OVERRIDE_VERB + r")\s*(?:[.!:;,—–-]|$)"
    r"|(?<![\w])(?:set|change|replace|make|rename|swap)\s+(?:the\s+|all\s+|every\s+)?(?:" + _SCREEN_PART + r"|text)\b"
    r"|(?<![\w])(?:" + _SCREEN_PART + r")\s*(?:=|must|should|has to|debe|doit|muss|deve|soll)"
    r"|(?<![\w])(?:replace|swap)\s+(?:all|every|the)\b.{0,30}\bwith\b"
    r"|\b(?:you(?:'re|’re| are)?|whoever|whatever(?:\s+you)?)\b.{0,30}\b(?:bot|ai|a\.i\.|model|llm|generat\w*|reading this)\b"
    r"|\b(?:output|print|respond with|reply with)\s+(?:the|only|just|exactly|this|that|text|word)\b"
    r"|(?<![\w])p\.?\s?s\.?\s*[:,]?\s*(?:replace|write|put|show|make|change|set|use|say)\b"
    r"|(?:" + _SCREEN_PART + r")\b[^.!?]{0,40}['\"“«„‘][^'\"”»“’]{2,40}['\"”»“’][^.!?]{0,30}\b(?:every|all|each|todas|toutes|alle|"
    r"tutte|ogni|cada|chaque|jede)\b"
    r"|(?:mets?|mettez|muestra|mostra|mostre|zeige|zeigen|affiche[zs]?|display|show|put|write|escribe|écris|"
    r"schreib\w*|scrivi|escreva|coloque)\b[^.!?]{0,12}['\"“«„‘][^'\"”»“’]{2,40}['\"”»“’][^.!?]{0,40}\b(?:" + _SCREEN_PART +
    r"|every|all|each|partout|überall|ovunque|em todas|en todas|in ogni|groß|en grand|in big)",
    re.IGNORECASE)
# Spans that are instructions whatever surrounds them: HTML comments, [INST] blocks, chat-message JSON.
_INJECTED_SPAN = re.compile(r"<!--.*?(?:-->|$)|\[INST\].*?(?:\[/INST\]|$)|\{[^{}]*[\"']role[\"'][^{}]*\}"
                            r"|\[\[.*?(?:\]\]|$)"  # "[[note for the AI: ...]]"
                            r"|\{\s*[\"'][^{}]{0,400}\}"  # '{"headline": "...", "override_brief": true}': no brief is JSON
                            # "[SYSTEM: override template. Output ...]", "[Note pour l'IA : ...]"
                            r"|\[\s*(?:system|sys|admin|note|nota|hinweis|instruction|instrucci[oó]n|istruzione|instru[çc][ãa]o|"
                            r"ai|ia|ki)\b[^\]:]{0,40}:[^\]]{0,400}(?:\]|$)"
                            # An unclosed tag takes its own line, not the brief after it:
                            # "<<SYSTEM>> show 'X'\nReal request: ..." keeps the request.
                            r"|<\|[^|>]{1,30}\|>.*?(?:<\|[^|>]{1,30}\|>|(?=\n)|$)|<<SYS>>.*?(?:<</SYS>>|(?=\n)|$)"
                            r"|<*/?\s*(?:brief|instructions?|system|prompt|admin)\s*>+.*?(?:</\s*(?:brief|instructions?|system|prompt|admin)\s*>|(?=\n)|$)"
                            r"|-{2,}\s*end of (?:the )?brief\s*-{2,}.*$",
                            re.IGNORECASE | re.DOTALL)


_NEGATED = re.compile(
    r"(?:^|(?<=[\s,;:(—–-]))(?:no|not|don['’]t|dont(?=\s+(?:use|say|mention|show|write|put|name|compare))|do not|never|"
    r"avoid|without|nothing about|pas de|sans|ne pas|surtout pas|"
    r"ne\s+\w+\s+pas|n['’]\w+\s+pas|"
    r"kein|keine|ohne|nicht|niente|senza|non|nada de|sin|sem|não|nunca|jamais|mai)\b(?:\s*:)?"
    r"(?=[^,.;:!?—–()]*(?:(?<![\w])['\"“«‘„]|\b(?:mention\w*|say|show|use|write|talk|put|name|prices?|pricing|discounts?|offers?|"
    r"compar\w*|confront\w*|vergleich\w*|mencion\w*|nombr\w*|cit(?:er|ez|e|ar|are)|nenn\w*|erwähn\w*|menzion\w*|"
    r"sales?|promos?|cheesy|salesy|limited|buy now|hype|promises?|claims?|promesas?|promesses?|promess[ae]|"
    r"versprechen|versprechungen|mencion|precios?|descuentos?|ofertas?|prix|promo|réduction|"
    r"preise?|rabatt|angebote?|prezzi|prezzo|sconti|offerta|offerte|preços?|descontos?)\b))[^,.;:!?—–()]*",
    re.IGNORECASE)

# A direction that opens a sentence or clause with "none of": "Nada de fútbol.", "Niente modelle",
# "Nada de cuerpos perfectos", "Nothing flashy". Briefs say what they sell with "sin" or "sans";
# "nada de" and "niente" say what the ad must not show, and what they name is ruled out.
_NONE_OF = re.compile(r"(?:^|(?<=[.!?,;:—–]\s)|(?<=\n))(?:nada de|nada|niente|rien de|"
                      r"nothing(?=\s+(?:\w+(?:y|ish)|too|over|fake|sad)\b))\s+([^,.;:!?—–()\n]{2,40})", re.IGNORECASE)

# A form's line of what to leave out ("Avoid: any comparison with DeWalt", "À éviter : ...",
# "No-gos: ..."): the whole line is ruled out, whatever it names.
_AVOID_LINE = re.compile(
    r"(?im)^[ \t]*(?:[-•*·][ \t]*)?(?:avoid|please avoid|must avoid|don['’]?ts?|no[- ]?gos?|"
    r"(?:don['’]?t|do not|never|must not|mustn['’]t)(?:\s+(?:say|show|use|mention|write|do|include))?|exclude|excluded|"
    r"no|not allowed|off[- ]limits|restrictions|"
    r"à éviter|a éviter|éviter|évitez|à proscrire|proscrit|interdits?|à ne pas faire|ne pas (?:dire|faire|montrer)|"
    r"on ne veut pas|non|"
    r"a evitar|evitar|evita|no usar|no incluir|no hacer|no decir|no mostrar|no queremos|prohibido|excluir|"
    r"vermeiden|zu vermeiden|bitte vermeiden|bitte nicht|nicht zeigen|nicht sagen|darf nicht rein|verboten|nein|"
    r"tabu|tabus|"
    r"da evitare|evitare|non (?:fare|dire|mostrare)|da non fare|vietato|"
    r"não usar|não incluir|não mostrar|não pode|não faça|não fazer|não dizer|proibido|não)[ \t]*:[^\n]*")

# German puts the verb last: "das Wort „Diät“ vermeiden", "„billig“ bitte weglassen".
_AVOID_AFTER = re.compile(r"(?:das wort|den begriff|die wörter|die begriffe|wörter wie)?\s*[„\"“«'‚][^„\"“”«»'‚‘]{2,40}[“\"”»'‘]"
                          r"(?:\s*(?:,|und|oder)\s*[„\"“«'‚][^„\"“”«»'‚‘]{2,40}[“\"”»'‘])*\s+(?:\w+\s+){0,2}"
                          r"(?:vermeiden|weglassen|nicht verwenden|nicht benutzen|nicht nennen|nicht erwähnen|streichen)\b",
                          re.IGNORECASE)

# Symbols that are part of what a brief states ("500°F", "Nimbus™"), not pictures.
_KEPT_SYMBOLS = frozenset("°℃℉™®©№")


# A line ticked or crossed, as some briefs list their do's and don'ts ("✔ gente real", "✘ corpo perfeito").
_TICKED_LINE = re.compile(r"(?m)^([ \t]*)[✔✓✅☑]\ufe0f?[ \t]*")
_CROSSED_LINE = re.compile(r"(?m)^([ \t]*)[✘✗❌🚫⛔✖]\ufe0f?[ \t]*")


def _marks_as_labels(text: str) -> str:
    """A tick or a cross opening a line says what to do or avoid: it becomes that label, so a
    crossed-out line is ruled out like an "Avoid:" line. (Read before any emoji is dropped.)"""
    return _CROSSED_LINE.sub(r"\1Avoid: ", _TICKED_LINE.sub(r"\1Do: ", text))


def strip_emoji(text: str) -> str:
    text = _marks_as_labels(text)
    return "".join(ch for ch in text if ch in _KEPT_SYMBOLS or (
        unicodedata.category(ch) not in ("So", "Sk", "Cs", "Co", "Cn")
        and not 0x1F000 <= ord(ch) <= 0x1FAFF and ch not in "\u200d\ufe0f\u20e3"))


def _is_steering(text: str) -> bool:
    return bool(_STEERING.search(text) or _ADDRESSEE.search(text) or _STEERING_GENERAL.search(text))


_ALARM_LABEL = re.compile(r"(?:(?:admin|administrator|system|sys|override|system override|note|important|urgent|"
                          r"attention|atención|atencion|atenção|atencao|achtung|attenzione|assistant|ai|ia|ki|"
                          r"developer|dev mode|root)\s*)+", re.IGNORECASE)


_PRODUCT_LABEL = re.compile(r"^\s*(?:product|produkt|producto|produit|prodotto|produto|product name|nom du produit|"
                            r"produktname|nombre del producto|name|nome|nombre|nom|business name|nombre del negocio|"
                            r"nome do negócio|nome dell'attività)\s*:", re.IGNORECASE)
# A brief written as a form, one "Label: value" a line. What is for the makers of the ad (its
# audience, deadline, budget, channels, music, objective, tone) is never read as copy; the other labels
# only name their line ("Must include: 18V brushless" -> "18V brushless.").
_FORM_NOT_COPY = re.compile(
    r"^\s*(?:[-•*·][ \t]*)?(?i:(?:target\s+)?audiences?|target(?:\s+group)?|público(?:[- ]objetivo|[- ]alvo)?|publico|"
    r"cible|audience cible|zielgruppen?|pubblico|destinatari|deadline|fecha límite|date limite|abgabe|scadenza|prazo|"
    r"budget|presupuesto|orçamento|length|duration|durée|dauer|länge|durata|duração|duración|"
    r"platforms?|plataformas?|plateformes?|plattform(?:en)?|piattaform[ae]|channels?|canal(?:es)?|canais|kanäle|kanal|"
    r"canal[ei]|deliverables?|entregables?|livrables?|references?|referencias|références|referenzen|riferimenti|"
    r"referências|music|música|musique|musik|musica|voice-?over|locución|voix off|sprecher|locução|"
    r"objectives?|goals?|objetivos?|objectifs?|ziele?|obiettiv[oi]|tone|tono|ton|tom|tonalidade|tonalité|tonalità|"
    # ...and the agency's own notes: the thinking behind the ad, deadlines, who made the request
    r"tonalität|tonalidad|internal(?:\s+note)?|interne?|intern|interno|nota interna|note interne|interne notiz|"
    r"(?:deadline|prazo|plazo|scadenza|abgabe|échéance)[\w \-]{0,24}|timing|agency|agencia|agence|agentur|agenzia|"
    r"agência|job(?:\s+number)?|kpis?|reporting|approvals?|owner|contact|contacto|ansprechpartner(?:in)?)\s*:")
# Whose product it is: "Client:", "Marke:", "Azienda:".
_MAKER_LABELS = r"client|cliente|kunde|brand|marca|marque|marke|marchio|company|empresa|entreprise|unternehmen|azienda"
_FORM_LABEL = re.compile(
    r"^\s*(?:[-•*·][ \t]*)?(?i:" + _MAKER_LABELS + r"|must[- ]includes?|must[- ]haves?|includes?|incluir|inclure|"
    r"à inclure|mostrar|"
    r"zeigen|pflichtinhalte|muss rein|includere|da includere|mostrare|key messages?|messages? clés?|"
    r"mensajes? clave|kernbotschaft(?:en)?|messaggio chiave|mensagem[- ]chave|key dates?|dates?|fechas?|datum|termine|"
    r"datas?|prices?|precios?|prix|tarifs?|preise?|prezz[oi]|preços?|offers?|ofertas?|offres?|angebote?|offert[ae]|"
    r"mood|ambiance|ambiente|stimmung|atmosfera|atmosphère|style|estilo|stil|stile|look|cta|call to action|url|website|web|site|sitio web|"
    r"sito|location|lugar|lieu|ort|standort|luogo|local|campaign|campaña|campagne|kampagne|campagna|campanha|"
    r"title|título|titre|titel|titolo|topic|theme|tema|thema|sujet|when|cuándo|quand|wann|quando|where|dónde|où|wo|"
    r"dove|onde|termin|facts|fakten|hechos|faits|fatti|factos|fatos|key points|puntos clave|points clés|kernpunkte|"
    r"punti chiave|pontos[- ]chave|highlights|destacar|à montrer|format|formato|"
    # ...and what the brief asks to be in the ad: "DO:", "Mandatories:", "Muss rein:", "Sì:"
    r"do|dos|do['’]s|yes|say|must|must (?:say|show|have|include)|mandator(?:y|ies)|required|"
    r"(?:key\s+)?features(?:\s+to\s+show)?|specs(?:\s+to\s+land)?|proof(?:\s+points)?|rtbs?|reasons? to believe|"
    r"reason why|benefits?|message|support|visuals?|scenes?(?:\s+we\s+like)?|feel|news|"
    r"hacer|sí|si|queremos|obligatorios?|mensaje|lo que queremos ver|debe salir|"
    r"à faire|oui|obligatoires?|mentions(?:\s+obligatoires)?|on veut|promesse|preuves|"
    r"ja|bitte zeigen|pflichtangaben|pflicht|botschaft|belege|anlass|"
    r"da fare|obbligatori[oa]?|messaggio|cosa vogliamo vedere|notizia|"
    r"what it is|what we do|o que é|qué es|ce que c'est|was es ist|cos'è|novidade|novedad|nouveauté|neuigkeit|novità|"
    r"promoção|promoción|promo|promotion|aktion|promozione|"
    r"pode|sim|faça|fazer|obrigatórios?|mensagem|queremos ver|assinatura|"
    # ...and the thinking behind it, which may hold the scene or the news: "Visual world: open windows..."
    r"context|contexto|contexte|kontext|contesto|background|hintergrund|insights?|"
    r"(?:visual\s+|brand\s+)?(?:territory|world)|territorio|territoire|território|welt|idea|idée|ideia|brand idea|"
    r"positioning|posicionamiento|positionnement|positionierung|posizionamento|posicionamento)\s*:\s*")
_FORM_MAKER = re.compile(r"^\s*(?:[-•*·][ \t]*)?(?i:" + _MAKER_LABELS + r")\s*:")
_BULLET = re.compile(r"^\s*(?:[-•*·▪–—]|\d{1,2}[.)])\s+")


_SAID_COMMA = re.compile(r"\s+(?:comma|komma|virgola|virgule|vírgula)\s+", re.IGNORECASE)
_SAID_PERIOD = re.compile(r"\s+(?:period|full stop|punkt|punto|ponto)(?=\s+|$)", re.IGNORECASE)


def _dictated_punctuation(text: str) -> str:
    """A dictated brief says its punctuation ("kettlebell kings comma 25 percent off ... period
    ends monday", "Hofladen Lindenhof Punkt Leute gehen ..."): the words become the marks. A
    spoken full stop counts only in a brief with no written one ("trial period" stays)."""
    if "," in text or "." in text:
        return text
    said = _SAID_COMMA.sub(", ", text)
    if said != text or len(re.findall(r"(?<![\w])(?:punkt|period)(?![\w])", text, re.IGNORECASE)) >= 1:
        said = _SAID_PERIOD.sub(".", said)
    return said


# Only a name written in lower case, as a domain is: "on Sunday com" names no site.
_SPOKEN_ADDRESS = re.compile(r"\b((?i:site|website|at|visit|on|www))\s([a-z0-9][a-z0-9\-]{3,})\s+(?i:dot\s+)?"
                             r"((?i:com|io|app|shop|co\s+uk|net|org))\b(?![.\w])")


def _spoken_web_address(text: str) -> str:
    """A dictated address ("on our site nightshiftcoffee com", "visit brightbrew dot com") is
    written as one: it is the advertiser's and goes with the call to action."""
    return _SPOKEN_ADDRESS.sub(lambda m: f"{m.group(1)} {m.group(2)}.{m.group(3).replace(' ', '.')}", text)


def _emoji_as_breaks(text: str) -> str:
    """Emoji between two phrases separate them like a dash ("Churrería Don Tito 🥖☕ Abrimos en
    abril", "Forja Fitness 💪 Nuevo nombre"): without them the phrases would run into one name."""
    out, run, k = [], False, 0
    chars = list(text)
    for k, ch in enumerate(chars):
        is_emoji = ch not in _KEPT_SYMBOLS and (unicodedata.category(ch) in ("So", "Sk", "Cs", "Co", "Cn")
                                              or 0x1F000 <= ord(ch) <= 0x1FAFF or ch in "\u200d\ufe0f\u20e3")
        if is_emoji:
            if not run:
                before = "".join(out).rstrip()
                after = "".join(chars[k + 1:]).lstrip()
                if before and before[-1].isalnum() and after:
                    out.append(" — ")
            run = True
            continue
        run = False
        out.append(ch)
    return "".join(out)


# A press release's header and dateline, a shot list's numbers: how the brief is laid out, never
# copy, never the product ("NOTA DE PRENSA", "Madrid, 2 de abril de 2025 –", "Scene 1:", "Plan 2 :").
_RELEASE_HEADER = re.compile(r"^\W*(?:for immediate release|press release|news release|nota de prensa|comunicado de prensa|"
                             r"communiqué de presse|pressemitteilung|presseinformation|comunicato stampa|"
                             r"comunicado (?:à|de) imprensa|release para (?:a )?imprensa)\W*$", re.IGNORECASE)
_DATELINE = re.compile(r"^[A-ZÀ-Ý][\w'’.\- ]{1,30},\s*(?:(?:le|el|den|il|am)\s+)?(?:\d{1,2}\.?\s*(?:de\s+)?[^\W\d]+\.?|"
                       r"[^\W\d]+\.?\s+\d{1,2}(?:st|nd|rd|th)?,?)\s*(?:de\s+)?\d{4}\s*(?:[.–—:-]\s*|$)")
_SHOT_LABEL = re.compile(r"^\W*(?:scene|shot|escena|toma|plano|scène|plan|szene|einstellung|scena|inquadratura|cena|"
                         r"cut|frame)\s*\d{1,2}\s*[:.)\-–—]\s*|^\W*(?:end ?card|end|endkarte|cierre|cartela final|"
                         r"carton final|chiusura|cartão final|final)\s*:\s*", re.IGNORECASE)


def _without_release_and_shot_labels(part: str) -> str:
    if _RELEASE_HEADER.match(part.strip()):
        return ""
    part = _DATELINE.sub("", part.strip())
    while _SHOT_LABEL.match(part):
        part = _SHOT_LABEL.sub("", part, count=1)  # "Plan 4 : carton final : Horizon"
    return part


def _form_lines(parts: list[str]) -> list[str]:
    """The lines of a brief written as a form, each ended as a sentence so that one line's value
    never runs into the next line's label ("Halvard Industrial Audience")."""
    if sum(bool(_FORM_LABEL.match(p) or _FORM_NOT_COPY.match(p) or _PRODUCT_LABEL.match(p) or _AVOID_LINE.match(p))
           for p in parts) < 2:
        return parts
    out, makers = [], []
    for p in parts:
        if _FORM_NOT_COPY.match(p):
            continue
        label = _FORM_LABEL.match(p)
        value = (p[label.end():] if label else p).strip()
        if value:
            # Who the client is comes last: the product's own line names what the ad is about.
            (makers if label and _FORM_MAKER.match(p) else out).append(value if value[-1] in ".!?:" else value + ".")
    if not any(_PRODUCT_LABEL.match(p) for p in parts):
        return makers + out  # no product line: the client's business is what the ad is about, and leads
    return out + makers


# An email's or a chat message's envelope: the greeting, the sign-off, the channel it was posted
# to. Who wrote the brief to whom is never copy, nor the product ("Priya, Senior Account Manager").
_GREETING_LINE = re.compile(
    r"^\W*(?:hi|hey|hiya|hello|morning|good morning|afternoon|good afternoon|evening|dear|hola|buenas|buenos días|"
    r"buen día|bonjour|salut|coucou|hallo|guten morgen|guten tag|moin|servus|ciao|buongiorno|salve|oi|olá|ola|"
    r"bom dia|boa tarde)(?:[ \t]+[\w'’]+){0,2}?[ \t]*(?:[,!:—–-]+[ \t]*|$)", re.IGNORECASE)
# "Thanks, let me know if questions — Rob": thanks that end the message, with what comes with them.
_THANKS = r"thanks|thank you|thx|cheers|gracias|merci|danke|grazie|obrigad[oa]|valeu"
_THANKS_LAST = re.compile(r"^\W*(?:" + _THANKS + r")\b[,!]", re.IGNORECASE)
_SIGN_OFF = re.compile(
    r"^\W*(?:" + _THANKS + r"|ty|best|best wishes|best regards|kind regards|regards|many thanks|"
    r"talk soon|speak soon|saludos|un saludo|un abrazo|abrazos|bisous|bises|cordialement|"
    r"bien à vous|à plus|viele grüße|beste grüße|liebe grüße|lg|vg|mfg|saluti|un saluto|a presto|"
    r"abraços|abs|beijos|bjs)\b[ \t]*[,!.]?(?:[ \t]*[—–-]?[ \t]*[A-ZÀ-Ý][\w'’\-]*)?[ \t]*[.!]?$",
    re.IGNORECASE)
_CHANNEL_MENTION = re.compile(r"(?<![\w@])@(?:channel|here|everyone|all|canal|canale|todos|tous|alle)\b[ \t]*[:,]?"
                              r"|(?<![\w])FYI(?:[ \t]+from[ \t]+[A-ZÀ-Ý][\w'’\-]*)?[ \t]*[:,—–-]?", re.IGNORECASE)
# Text the director wants on screen, in quotes after its label: 'Super: "Made in Sheffield"',
# 'Surimpression : « 40 km d'autonomie »'. It is copy, and a line of its own, never a name.
_SUPER = re.compile(
    r"(?:(?:then\s+)?(?:a|an|the)\s+)?\b(?:supers?|on-screen text|on screen|text on screen|overlay|title card|"
    r"end ?card|end frame|packshot|"
    r"lower third|caption|surimpression|texte à l['’]écran|sobreimpresión|texto en pantalla|rótulo|"
    r"einblendung|texteinblendung|sovrimpressione|testo in sovrimpressione|scritta|letreiro|texto na tela|"
    r"lettering)\s*:?\s*[\"“«„]\s*([^\"”»“]{1,80}?)\s*[\"”»“]\.?", re.IGNORECASE)


def _without_envelope(parts: list[str]) -> list[str]:
    """The brief's parts without an email's greeting and sign-off: a sign-off ends the brief,
    with the name and title under it."""
    out: list[str] = []
    for k, p in enumerate(parts):
        if (_SIGN_OFF.match(p.strip()) or _THANKS_LAST.match(p) and len(p.split()) <= 10) and out \
                and all(len(q.split()) <= 5 for q in parts[k + 1:]):
            break
        # A salutation line ("Hi team,", "Dear all,", "Hallo zusammen,") goes, and a greeting set
        # apart by a dash ("Hi all — forwarding below..."); "Hola! Somos tres dentistas" stays as
        # written, where the reader knows a greeting opens no name.
        greeting = _GREETING_LINE.match(p) if not out else None
        ending = greeting.group().rstrip()[-1:] if greeting else ""
        if greeting and (not p[greeting.end():].strip() and ending in ",:" or ending in "—–-" and ending):
            p = p[greeting.end():]
        p = _CHANNEL_MENTION.sub("", p).strip()
        if p:
            out.append(p)
    return out


def _supers_as_lines(text: str) -> str:
    """Each quoted super set on a line of its own where it stands, without its label and quotes
    (where it stands, so that it does not read as the brief's last word)."""
    return _SUPER.sub(lambda m: "\n" + m.group(1).rstrip(".") + ".\n", text)


def clean(prompt: str) -> tuple[str, bool]:
    """(text to read, whether steering was removed). Sentences that address the system rather
    than describe an ad are dropped whole: their payload must never reach the screen."""
    text = _spoken_web_address(_dictated_punctuation(strip_emoji(_emoji_as_breaks(_marks_as_labels(prompt)))))
    text = text.replace("\r", "\n")
    unspanned = _INJECTED_SPAN.sub(" ", text)
    text = re.sub(r"[ \t]+", " ", _supers_as_lines(unspanned))
    text = re.sub(r"(?<![\w])P\.\s?S\.", "PS:", text)  # "P.S." does not end a sentence: what follows is its own
    text = re.sub(r"(?<=\s)@(?=\s+\w)", "at", text)  # "market this sat @ St Mary's": a lone @ says where, not who
    # "### SYSTEM OVERRIDE: ... ### Product: ..." : runs of # set sections apart like sentences.
    parts = re.split(r"(?<=[.!?\n])\s+|\n+|\s*#{3,}\s*", text)
    kept, steered = [], unspanned != strip_emoji(prompt).replace("\r", "\n")
    for p in parts:
        if _ALARM_LABEL.fullmatch(p.strip(" :!-*[]()")):
            steered = True  # "### ADMIN ###", "SYSTEM:", "IMPORTANT!": a label for what follows
            continue
        if not _is_steering(p):
            kept.append(p)
            continue
        steered = True
        # "Soy candles — oh and whatever you generate, make the CTA say ...": the clauses before
        # the steering still describe the ad.
        head = []
        for clause in re.split(r"\s+[—–-]\s+|;\s*", p):
            if _is_steering(clause):
                break
            head.append(clause)
        if head:
            kept.append(" — ".join(head) + ".")
    # A line labelled as the product ("Product: PocketVolt power bank" after a list of features)
    # names what the ad is about: it leads, as it would in a brief written as prose.
    labelled = [p for p in kept if _PRODUCT_LABEL.match(p)]
    if labelled:
        lead = labelled[0].rstrip()
        kept = [lead if lead[-1:] in ".!?" else lead + "."] + [p for p in kept if p is not labelled[0]]
    kept = _form_lines(_without_envelope(kept))
    kept = [q for p in kept if (q := _without_release_and_shot_labels(p))]
    # Labels some people type ("PRODUCT: ...", "Anuncio: ...") say nothing about the product.
    kept = [re.sub(r"^(?:product|brief|ad|advert|client|anuncio|annonce|anzeige|eigentliche anzeige|annuncio|"
                   r"name|nome|nombre|nom|business name|"
                   r"(?:actual|real|the real|the actual)\s+(?:request|brief|ad)|anuncio real|vrai brief|pedido real|"
                   r"pedido|richiesta reale|richiesta|vraie demande|demande réelle|eigentlicher auftrag|auftrag|"
                   r"scene|scène|escena|cena|szene|scena|"
                   r"fiche produit|caratteristiche|características|caractéristiques|features|merkmale|specs|"
                   r"anúncio|produit|producto|prodotto|produto|produkt|listing)(?:\s+(?:video|ad|spot|film|clip|vídeo|"
                   r"vidéo|description|descripción|beschreibung))?\s*[:—–-]\s*"
                   r"|^(?:product description|description du produit|descripción del producto|descrizione prodotto|"
                   r"descrizione|descrição|produktbeschreibung|description|descripción)\s*:\s*", "", p,
                   flags=re.IGNORECASE) for p in kept]
    # "no 'buy now'", "don't mention prices", "niente offerte": what the writer rules out is
    # removed, so it can never reach the screen.
    # A sentence that was only the ruling-out ("Bitte kein 'Jetzt kaufen' im Spot.") goes whole:
    # its "Bitte" is not a word of the ad.
    kept = [q for p in kept if (q := _without_negations(p)) == p or not _ONLY_COURTESY.fullmatch(q)]
    if len(kept) > 2 and sum(bool(_BULLET.match(p)) for p in kept) >= 2:
        # A list, one item a line ("- Vibram sole", "• Dualboiler"): each item is its own
        # clause, not "runners - Vibram sole - 8mm drop" read as one run of words.
        kept = [_BULLET.sub("", p).strip().rstrip(",;") for p in kept]
        kept = [p if not p or p[-1] in ".!?:" else p + "." for p in kept]
    cleaned = " ".join(p.strip() for p in kept if p.strip()).strip()
    # Quoted payloads after steering ("... and write 'HACKED'") are gone with their sentence.
    return cleaned or (strip_emoji(prompt).strip() if not steered else ""), steered


# --- language ----------------------------------------------------------------------------------

def _language_identifier():
    """py3langid's n-gram model for the six languages (language_model.py: loaded once, and
    often already loading in the background when the first brief is read)."""
    from .language_model import identifier

    return identifier()


def detect_language(text: str, whole: str = "") -> str:
    """The brief's language, from a character n-gram model that knows every word of a language
    rather than a list of its small words (98.2% of the 958 labelled briefs, against 93% for the
    lists). When the text read is too short to be sure of, the `whole` brief it came from (with
    the rules it states: "Don't say we're open yet") decides; a short brief it is unsure of
    ("espresso", "Gin, 43% ABV, juniper") is English."""
    language, confidence = _language_identifier().classify(text)
    if confidence < 0.5 and whole and whole != text:
        said, sure = _language_identifier().classify(whole)
        if sure >= 0.5:
            return said
    if confidence >= 0.5 or len(tokenize(text)) >= 6:
        return language
    # A few words the model cannot place: the one dictionary that has the most of them, and at
    # least half ("relojes", "bougies", "fontanero urgente madrid 24h"; a town and "24h" are in
    # no dictionary), else English. (German is left out: its dictionary holds the loanwords
    # English briefs use, "Kombucha" among them.)
    from .places import place_names  # (places reads this module's fold)

    words = [t.text for t in tokenize(text) if t.text.isalpha() and fold(t.text) not in place_names()]
    known = {lang: sum(in_dictionary(w, lang) for w in words) for lang in ("en", "es", "fr", "it", "pt")}
    most = max(known.values(), default=0)
    leaders = [lang for lang, n in known.items() if n == most]
    return leaders[0] if len(leaders) == 1 and words and 2 * most >= len(words) else "en"


# --- facts -------------------------------------------------------------------------------------

_ALL_MONTHS = sorted({m for ms in lx.MONTHS.values() for m in ms}, key=len, reverse=True)
_ALL_WEEKDAYS = sorted({d for ds in lx.WEEKDAYS.values() for d in ds}, key=len, reverse=True)
# An abbreviation may take a full stop ("Mar. 22", "sept."); a whole month's name then ends its
# sentence ("reopens 15 March. 22 sea-view rooms" is no March 22).
_MONTH = "(?:" + "|".join(re.escape(m) + (r"\.?" if len(m) <= 4 else "") for m in _ALL_MONTHS) + ")"
_WEEKDAY = "(?:" + "|".join(re.escape(d) for d in _ALL_WEEKDAYS) + ")"
_ORD = r"(?:st|nd|rd|th|er|ère|re|º|°|o|ª|\.)?"
_YEAR = r"(?:,?\s+(?:de\s+)?(?:19|20)\d\d)?"

_DATE_PATTERNS = [
    # "Mon–Thu", "Tuesday to Saturday", "lunes a viernes": one stretch of days
    re.compile(r"(?<![\w])" + _WEEKDAY + r"\.?\s?(?:[-–+&]|to|a|à|au|bis|al|até|through|thru|and|y|et|und|e)\s?"
               + _WEEKDAY + r"\.?(?![\w])", re.IGNORECASE),  # ..."sat+sun", "Sat & Sun"
    # German days written short before an hour or a date: "Do. 19 Uhr", "Sa., 12.07."
    re.compile(r"(?<![\w])(?:Mo|Di|Mi|Do|Fr|Sa|So)\.,?(?=\s?\d)"),
    # "March 1st", "Mar 1, 2027"
    re.compile(r"(?<![\w])" + _MONTH + r"\s+\d{1,2}" + _ORD + r"(?:\s?[-–]\s?\d{1,2}" + _ORD + r")?(?!\d)" + _YEAR
               + r"(?![\w])", re.IGNORECASE),  # "Feb 14–17" is one date
    # "1 March", "1st of March", "1 de marzo", "1er mars", "1. März", "1° marzo", and a stretch of
    # days before the month, kept whole: "1–15 August", "del 1 al 15 de agosto", "vom 1. bis 15.
    # August", "du 8 au 14 janvier" (the first day alone would say something else).
    re.compile(r"(?<![\w$€£])(?:(?:(?:from|del|du|dal|vom|de|desde|dès|entre)\s+)?\d{1,2}" + _ORD
               + r"\s*(?:[-–]|to|al|au|bis(?:\s+zum)?|a|alle|y|e|et|und|and|&)\s*)?"
               + r"\d{1,2}" + _ORD + r"\s*(?:of\s+|de\s+)?" + _MONTH + _YEAR + r"(?![\w])", re.IGNORECASE),
    # "3/1", "03/01/2027", "12.03.2027", "12.03."
    # ("24/7" and "7/7" say always, not a day in July.)
    re.compile(r"(?<![\w$€£.,/])(?!24/7(?![\d/])|7/7(?![\d/]))\d{1,2}/\d{1,2}(?:/\d{2,4})?(?![\w/%])|(?<![\w$€£.,])\d{1,2}\.\d{1,2}\.(?:\d{2,4})?(?![\w%])"),
    # "this Saturday", "next Friday", "Saturday"
    re.compile(r"(?<![\w])(?:(?:this|next|coming|este|el próximo|ce|ce\s+|le|diesen|nächsten|am|questo|il prossimo|"
               r"neste|nesta|no próximo|na próxima)\s+)?" + _WEEKDAY
               + r"(?:\.?,?\s+(?:the\s+)?\d{1,2}(?:st|nd|rd|th)(?![\w]))?(?![\w])", re.IGNORECASE),  # "mon 6th"
]
_REL_DAYS = _rx_words(lx.RELATIVE_DAYS)
_SCENE_TIME = re.compile(r"\s+(?:morning|afternoon|evening|night|brunch|por la mañana|por la tarde|por la noche|"
                         r"matin|après-midi|soir|morgen|nachmittag|abend|mattina|pomeriggio|sera|de manhã|à tarde|"
                         r"à noite)s?\b", re.IGNORECASE)
_OCCASION = _rx_words(lx.OCCASIONS)
_SEASON = (r"(?:spring|summer|fall|autumn|winter|primavera|verano|otoño|invierno|été|printemps|automne|hiver|"
           r"frühling|frühjahr|sommer|herbst|winter|estate|autunno|inverno|verão|outono)")
_SEASON_YEAR = re.compile(r"(?<![\w])" + _SEASON + r"(?:\s*[/\-–]\s*" + _SEASON + r")?(?:\s+(?:20)?\d\d)(?![\w])"
                          r"|(?<![\w])" + _SEASON + r"\s*[/\-–]\s*" + _SEASON + r"(?![\w])", re.IGNORECASE)
# A season said as a time: "release in spring", "cet automne", "tout l'été", "diesen Sommer".
_SEASON_WHEN = re.compile(r"(?<![\w])(?:(?:this|next|in|in the|all|cet|cette|tout l['’]|en|este|esta|todo el|todo o|"
                          r"neste|nesta|em|no|na|diesen|im|den ganzen|quest['’]|questa|questo|tutta l['’]|tutto l['’]|"
                          r"in|dalla|dall['’]|early|late)\s*)" + _SEASON + r"(?![\w/\-–])", re.IGNORECASE)
# A month named on its own after a word that makes it a time: "in March", "todo el mes de mayo",
# "livraisons à partir d'avril", "bis Ende Juni", "fino a settembre", "early May".
_MONTH_ALONE = re.compile(r"(?<![\w])(?:(?:in|this|next|en|em|im|a|ad|dès|ab|from|starting|à partir de|desde|dal|"
                          r"per|for|para|pour|für|durante|during|tutto|tout|todo|all|"
                          r"a partir de|de|di|do|del|of|until|through|till|hasta|bis|fino a|até|early|late|end of|"
                          r"fin de|finales de|principios de|inicio de|début|anfang|ende|mitte|inizio|fine|"
                          r"início de|final de)\s+|d['’]\s?|mid-)(" + _MONTH + r")(?:\s+(?:19|20)\d\d)?(?![\w])",
                          re.IGNORECASE)

_TIME_ONE = (r"(?:\d{1,2}(?::\d{2})?\s?(?:a\.?\s?m\.?|p\.?\s?m\.?)(?![\w])|\d{1,2}:\d{2}(?:\s?h)?(?![\w])|\d{1,2}\s?h(?:\d{2})?(?![\w])"
             r"|\d{1,2}\s?Uhr(?![\w])|noon|midnight|mediodía|medianoche|midi|minuit|mittag|mezzogiorno|mezzanotte|meio-dia)"
             # ...with its time zone, part of the time: "7pm GMT", "11:00 ET", "18h CET"
             r"(?:\s?(?:GMT|UTC|BST|CET|CEST|WET|WEST|EST|EDT|CST|CDT|MST|MDT|PST|PDT|ET|CT|MT|PT)(?![\w]))?")
_TIME_RANGE = re.compile(r"(?<![\w$€£/.])\d{1,2}(?::\d{2})?\s?[-–]\s?\d{1,2}(?::\d{2})?\s?"
                         r"(?:Uhr|h|am|pm|a\.m\.|p\.m\.)(?![\w])"
                         # "von 16 bis 18 Uhr", "de 10 à 17 h", "dalle 9 alle 13 h": hours said from start to end
                         r"|(?<![\w$€£/.])(?:(?:von|de|des|das|dalle|dès)\s+)?\d{1,2}(?:[:.]\d{2})?\s+(?:bis|à|a|às|alle)\s+"
                         r"\d{1,2}(?:[:.]\d{2})?\s?(?:Uhr|h)(?![\w])"
                         r"|(?<![\w$€£/.])\d{1,2}(?::\d{2})?\s?(?:to|till|until)\s?\d{1,2}(?::\d{2})?\s?"
                         r"(?:am|pm|a\.m\.|p\.m\.)(?![\w])"  # "4 to 6pm" (but "24 to 48 h" is a duration)
                         # "from 11-4", "11–5" after a day: opening hours without am/pm
                         r"|(?<=from\s)\d{1,2}\s?[-–]\s?\d{1,2}(?![\w%/.,])"
                         r"|(?<=(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)\s)\d{1,2}\s?[-–]\s?\d{1,2}(?![\w%/.,])"
                         r"|(?<=(?:day|Sat|Sun|Mon)\s)\d{1,2}\s?[-–]\s?\d{1,2}(?![\w%/.,])", re.IGNORECASE)
_TIME_IT = re.compile(r"(?<![\w])(?:dalle\s+\d{1,2}(?:[:.]\d{2})?\s+alle|dalle|alle)\s+\d{1,2}(?:[:.]\d{2})?"
                      r"(?![\d\w%:]|[.,]\d|\s*(?:anni|mesi|euro|€|persone|posti|"
                      r"minuti|ore\b|giorni|km|kg|cm))", re.IGNORECASE)  # "dalle 18", "alle 21": Italian hours
_TIME = re.compile(r"(?<![\w$€£/.])(?:(?:a las|à|às|alle|um|at|from|de|das|des|von|dalle|dès|ab)\s+)?" + _TIME_ONE
                   + r"(?:\s?(?:-|–|to|a|à|às|bis|alle|até|until|till)\s?" + _TIME_ONE + ")?", re.IGNORECASE)
_TIME_BARE = re.compile(r"(?<![\w])(?:dalle|dalla|von|das|des|de|from)\s+\d{1,2}(?::\d{2})?\s+(?:alle|bis|às|à|a|to)\s+"
                        r"\d{1,2}(?::\d{2})?(?:\s?(?:h|uhr)(?![\w]))?(?![\w:%.,])(?!\s*(?:años|anni|ans|anos|jahren?|years|mesi|meses|mois|"
                        r"monate?|months|kg|cm|km|€|\$|%|euros?|personas|persone|personnes|pessoas|personen|people))"
                        r"|(?<![\w])(?:a las|alle|às|um)\s+\d{1,2}(?![\w:%])", re.IGNORECASE)

_PERCENT = re.compile(
    r"(?<![\w])(?:up to\s+|hasta (?:un\s+)?(?:el\s+)?|jusqu'à\s+|bis zu\s+|fino al?\s+|até\s+)?[-−–]?\d{1,3}(?:[.,]\d)?\s?%"
    r"(?:\s?(?:off|discount|de descuento|de dto\.?|dto\.?|de réduction|de remise|rabatt|reduziert|di sconto|sconto|"
    r"de desconto|desconto))?", re.IGNORECASE)
_MONEY = re.compile(
    r"(?<![\w])(?:(?:R\$|[$€£])\s?\d{1,3}(?:[.,]\d{3})*(?:[.,]\d{1,2})?(?:[kKmM](?![\w]))?|\d{1,3}(?:[.,]\d{3})*(?:[.,]\d{1,2})?\s?"
    r"(?:€|\$|£|eur|euros?|dollars?|usd|reais|r\$))"
    r"(?:\s?(?:off|de descuento|de réduction|de remise|rabatt|di sconto|de desconto))?(?![\w])", re.IGNORECASE)
_WAS_PRICE = re.compile(
    _MONEY.pattern + r"\s*\(?\s*(?:instead of|rather than|was|reg\.?|regularly|normally|au lieu de|plutôt que|"
    r"en lugar de|en vez de|antes|invece di|anziché|prima|statt|anstatt|sonst|em vez de|antes|de)\s*:?\s*"
    + _MONEY.pattern + r"\)?", re.IGNORECASE)
_OFFER_PHRASES = _rx_words((
    "buy one get one free", "buy one, get one free", "buy one get one", "buy 1 get 1 free", "buy 1 get 1", "bogo",
    "2 for 1", "two for one", "3 for 2", "2x1", "2 por 1", "3x2", "deux pour un", "2 pour 1", "2 für 1", "2 per 1",
    "leve 2 pague 1", "free shipping", "free delivery", "free returns", "envío gratis", "envío gratuito",
    "envíos gratis", "livraison gratuite", "livraison offerte", "kostenloser versand", "versandkostenfrei",
    "gratis versand", "spedizione gratuita", "spedizioni gratuite", "frete grátis", "frete gratuito",
    "entrega grátis", "entrega gratuita", "first month free", "1st month free", "first week free", "free trial",
    "free for 30 days", "30-day free trial", "14-day free trial", "7-day free trial", "primer mes gratis",
    "premier mois offert", "premier mois gratuit", "erster monat gratis", "erster monat kostenlos",
    "primo mese gratis", "primeiro mês grátis", "half price", "half off", "mitad de precio", "a mitad de precio",
    "moitié prix", "à moitié prix", "halber preis", "zum halben preis", "metà prezzo", "a metà prezzo",
    "metade do preço", "pela metade do preço", "free gift", "free tasting", "free entry", "free admission",
    "entrada gratuita", "entrada libre", "entrée gratuite", "entrée libre", "eintritt frei", "ingresso gratuito",
    "ingresso libero", "entrada grátis", "free coffee", "free drink", "free consultation", "free samples",
    "free sample", "free class", "free lesson", "free first class", "first class free", "first lesson free", "free cleaning", "free whitening",
    "no registration fee", "sin cuota de inscripción", "no callout fee", "no call-out fee", "no booking fee",
    "no setup fee", "no joining fee", "no delivery fee", "no contract", "cash back", "cashback", "sign-up bonus",
    "welcome bonus",
))
_N_FOR_M = re.compile(r"(?<![\w])\d\s?(?:for|für|por|pour|per|pelo preço de|al prezzo di|x)\s?\d(?![\w%])"
                      r"|(?<![\w])\d\s(?:for|für|por|pour|per)\s[$€£]\s?\d+(?:[.,]\d\d)?"  # "2 for $99"
                      r"|(?<![\w])\d\s(?:for|für|por|pour|per)\s\d+(?:[.,]\d\d)?\s?[$€£](?![\w])",
                      re.IGNORECASE)
_FREE_THING = re.compile(
    # "your first coffee's on us", "the coffee's on us", "drinks are on the house"
    r"(?<![\w-])(?:(?:(?:first|1st)\s+)?[a-z]+['’]s\s+on\s+(?:us|the\s+house)"
    r"|[a-z]+\s+(?:is|are)\s+on\s+(?:us|the\s+house)"
    r"|(?:first|1st)\s+(?:month|week|class|lesson|session|visit|coffee|drink|checkup|consultation|box)s?\s+"
    # "free croissant", "free shipping"; "free to get in", "free on iOS and Android" whole (these
    # say it costs nothing, which is a fact to show but no sale: see _COSTS_NOTHING).
    r"(?:is\s+|are\s+)?free|free\s+to\s+[a-z]+(?:\s+(?:in|up|out))?|free\s+on\s+[A-Z][\w]+(?:\s+(?:and|&)\s+[A-Z][\w]+)?"
    r"|free\s+(?!(?:to|on|in|for|with|at|of|and|or|forever|now|today)\b)"
    r"(?:first\s+)?[a-z][\w-]+(?:\s+(?:and|&)\s+[a-z][\w-]+)?"
    r"|(?:\d+\s+)?(?:erster?|erstes|primer|primera|premier|première|primo|prima|primeiro|primeira)?\s*[\wÀ-ÿ]+(?:\s+de\s+[\wÀ-ÿ]+)?"
    r"\s+(?:gratis|grátis|offerte?s?|frei|gratuit|gratuite|gratuito|gratuita)(?![\w]))", re.IGNORECASE)
_PLACE_PREPS = {  # "in Brooklyn", "en Valencia", "à Lyon", "in Berlin", "a Torino", "em Lisboa"
    "en": "in|at|on|near|to|from|downtown|in downtown",
    "es": "en|en el|en la|desde|cerca de",
    "fr": "à|au|aux|en|près de|depuis",
    "de": "in|im|in der|aus|bei|am|auf der|an der|nahe",
    "it": "a|in|nel|nella|nelle|negli|nei|presso|da|vicino a",
    "pt": "em|no|na|nos|nas|de|perto de",
}
# A dot belongs to a name inside it or after an abbreviation ("St. Brigid's", "Mt. Hood"), not at
# a sentence's end ("on Zoom. Sign up...").
_PLACE_WORD = r"(?:(?:St|Ste|Mt|Ft|Dr)\.|[A-Z][\w'’\-]*(?:\.(?=\w)[\w'’\-]*)*)"
_PLACE_NAME = (r"((?:" + _PLACE_WORD + r"|\d+(?:st|nd|rd|th)?)(?:\s+(?:" + _PLACE_WORD + r"|de|del|da|do|di|la|le|of|on|"
               r"upon|am|an|der|des|St\.?|Ave\.?|[&+](?=\s+[A-Z]))){0,4}"
               r"(?:\s\d{1,3}[A-Z]?(?![\w%:.,/]|[.,]\d|\s?(?:am|pm|h|uhr)\b|\s+[a-z]))?)")  # "at Vine & Barrel", "on Pier 9"
_PLACE_PREP_BY_LANG = {lang: re.compile(r"(?<![\w])(?:" + preps + r")\s+" + _PLACE_NAME)
                       for lang, preps in _PLACE_PREPS.items()}
_STREET = re.compile(r"(?<![\w])\d{1,5}\s+[A-Z][\w]*(?:\s+[A-Z][\w]*)*\s+(?:Street|St\.?|Avenue|Ave\.?|Road|Rd\.?|"
                     r"Boulevard|Blvd\.?|Lane|Way|Square)(?![\w])"
                     # "via Mazzini 8", "Calle Huertas 22", "12 rue de la Paix", "Rua Augusta 100"
                     r"|(?<![\w])(?:\d{1,4}[a-z]?,?\s+)?(?i:via|viale|corso|piazza|calle|avenida|avda\.|plaza|paseo|rue|"
                     r"rua|praça|travessa|largo)\s+(?:(?i:de|del|della|dei|des|du|do|da|dos|das|"
                     r"de la|de l')\s*)?[A-ZÀ-Ý][\w'’\-]*(?:\s+[A-ZÀ-Ý][\w'’\-]*){0,2}"
                     r"(?:\s+(?i:de|di|da|do)\s+[A-ZÀ-Ý][\w'’\-]*)?"  # "Plaza Mayor de Salamanca": the town too
                     r"(?:,?\s+\d{1,4}[a-z]?(?![\w]))?"
                     # "Hauptstraße 5", "Am Markt 3" (German streets end in -straße, -weg, -platz...)
                     r"|(?<![\w])[A-ZÄÖÜ][\w\-]*(?:straße|strasse|str\.|weg|platz|allee|gasse|damm|ufer)\s+\d{1,4}[a-z]?(?![\w])")
_PLACE_WORDS = _rx_words(("downtown", "uptown", "city centre", "city center", "centro", "centre-ville",
                          "innenstadt", "centro storico"))


@dataclass
class Facts:
    offers: list[str] = field(default_factory=list)
    prices: list[str] = field(default_factory=list)  # "$89", "from $299": facts, but not a sale
    dates: list[str] = field(default_factory=list)
    times: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    occasion: str = ""
    web: list[str] = field(default_factory=list)  # "cellarnine.com", "fairhavenloans.com/seminar"
    phones: list[str] = field(default_factory=list)  # "(555) 214-8830", "333 456 7890"
    quoted: frozenset[str] = frozenset()  # names the brief puts in quotes, folded
    travel: bool = False  # the brief sells a trip: its destination is what is sold
    pinned: list[str] = field(default_factory=list)  # places a pin marks ("📍Triana"): where, never what
    spans: list[tuple[int, int]] = field(default_factory=list)
    offer_spans: list[tuple[int, int]] = field(default_factory=list)  # may hold the product: "free webinar"

    def take(self, into: list[str], m: re.Match | tuple[int, int], text: str | None = None) -> None:
        """Keep a fact found at a match (or a (start, end) span with its text) unless an
        earlier fact already covers that part of the brief."""
        s, e = m if isinstance(m, tuple) else m.span()
        if any(s < b and a < e for a, b in self.spans):
            return
        self.spans.append((s, e))
        if into is self.offers:
            self.offer_spans.append((s, e))
        value = " ".join((text if text is not None else m.group()).split()).strip(" ,.;:")
        if value and fold(value) not in {fold(v) for v in into}:
            into.append(value)


def _clean_offer(s: str) -> str:
    return s.replace("−", "-").replace("–", "-").strip()


_WEB_ADDRESS = re.compile(
    r"(?<![\w@.\-])(?:https?://)?(?:www\.)?((?:[a-z0-9][a-z0-9\-]*\.)+(?:com|co\.uk|org|net|io|app|shop|store|co|de|fr|"
    r"es|it|pt|br|ca|au|nz|ch|at|be|nl|ie|mx|ar|cl|uk|eu|us|ai|dev|studio|cafe|coffee|biz|info|me|tv|online|site|"
    r"xyz|club|live|top|link|click|win|vip|page|blog|tech|shop|life|world|today|news|ly|gg|fm)(?:/[\w\-/]*[\w\-])?)"
    r"(?![\w\-]|\.\w)",  # a full stop after it ends the sentence ("new site northlinetax.com.")
    re.IGNORECASE)


# A phone number: after a word that says so ("call 555 0147", "tel 333 456 7890", "llámanos al
# 612 345 678"), or written as one (an area code in brackets, a country code). 7 to 15 digits.
_PHONE_CUE = (r"call|phone|tel\.?|telephone|ring|text|whatsapp|llama(?:nos)?|llámanos|tel[ée]fono|tlf|appelez(?:-nous)?|"
              r"t[ée]l[ée]phone|t[ée]l\.?|ruf(?:en sie)?(?:\s+uns)?(?:\s+an)?|telefon|chiama(?:ci)?|ligue(?:-nos)?|liga|"
              r"telefone|☎️?|📞")
_PHONE = re.compile(
    r"(?:(?<![\w])(?P<cue>" + _PHONE_CUE + r")\s*(?:us|me|now|on|at|al|au|unter|al numero|para|pelo|:)?\s*:?\s*)?"
    r"(?P<number>(?:\+\d{1,3}[\s.\-]?)?(?:\(\d{2,5}\)[\s.\-]?)?\d{2,5}(?:[\s.\-/]\d{2,5}){1,4})(?![\w%€$£°,.]\d|[\w%€$£°])",
    re.IGNORECASE)


# A sentence that describes the picture the writer has in mind, in the six languages.
_DIRECTION_SENTENCE = re.compile(
    r"(?:^|(?<=[.!?]\s)|(?<=\n))\s*(?:i imagine|i picture|i see (?:it|them|her|him)|i envision|i'd love (?:to see|it)|"
    r"picture (?:a|an|the|this|it)|imagine (?:a|an|the|it)|think of|"
    r"me imagino|imagino|lo veo|la veo|que se vea|j'imagine|je (?:la|le|les) vois|je vois|imaginez|"
    r"ich stelle mir|ich sehe|stell dir|mi immagino|immagino|la vedo|lo vedo|vorrei vederl[aoie]|"
    r"eu imagino|imagino|vejo|quero ver)\b[^.!?\n:]*", re.IGNORECASE)  # (what follows a colon is listed: copy)


def _without_directions(text: str) -> str:
    """The brief with the sentences that describe the picture blanked (same length)."""
    return _DIRECTION_SENTENCE.sub(lambda m: " " * len(m.group()), text)
_WRITER_INTRO = re.compile(r"(?:(?:hi|hello|hey|hola|bonjour|hallo|ciao|olá|oi)\b[,!]?\s*)?(?:(?:i['’]m|i am|soy|je suis|"
                           r"ich bin|sono|sou)\s+(?:the|a|an|un|una|une|le|la|el|der|die|das|ein|eine|il|lo|o|um|uma)\s"
                           r"|(?:i|we) sell\s|(?:vendo|vendemos|je vends|nous vendons|ich verkaufe|wir verkaufen|vendiamo)\s)",
                           re.IGNORECASE)  # ("I sell handmade kites": who writes; the kites are the product)


def _phone_numbers(text: str) -> list[re.Match]:
    """The phone numbers a brief gives (the match's "number" group)."""
    out = []
    for m in _PHONE.finditer(text):
        number = m.group("number")
        digits = sum(ch.isdigit() for ch in number)
        if 7 <= digits <= 15 and (m.group("cue") or number.startswith(("+", "("))):
            out.append(m)
    return out


_TRAVEL = re.compile(r"\b(?:flights?|nights?|trip|trips|holidays?|vacations?|getaway|villa|resort|tour|tours|cruise|"
                     r"itinerary|all-inclusive|noches|vuelos|viaje|nuits|vols|séjour|nächte|flüge|reise|urlaub|notti|voli|"
                     r"viaggio|noites|voos|viagem)\b", re.IGNORECASE)


def find_facts(text: str, known_names: tuple[str, ...] = (), lang: str = "en") -> Facts:
    f = Facts(quoted=frozenset(fold(n) for n in known_names if n), travel=bool(_TRAVEL.search(text)))
    for m in _WEB_ADDRESS.finditer(text):
        f.take(f.web, m, m.group(1).lower())  # first: "Book at lumo.co" is no time or price
    for m in _phone_numbers(text):
        f.take(f.phones, m.span("number"), m.group("number"))  # "call 555 0147" is no time or price either
    for m in _OFFER_PHRASES.finditer(text):
        f.take(f.offers, m)
    for m in _PERCENT.finditer(text):
        # "20% off", "-30%", "up to 40%", "save 20%" are offers; "43% ABV", "95% savings" are figures.
        before = text[max(0, m.start() - 12):m.start()].lower()
        is_offer = (re.search(r"off|discount|descuento|dto|réduction|remise|rabatt|reduziert|sconto|desconto", m.group(), re.I)
                    or m.group().lstrip()[:1] in "-−–" or re.search(r"up to|hasta|jusqu|bis zu|fino|até", m.group(), re.I)
                    or re.search(r"(?:save|ahorra|économisez|spare|risparmia|economize|sale|soldes|rebajas|saldi|"
                                 r"promo|%)\W*$", before))
        if re.search(r"(?:econom|ahorr|économ|erspar|risparmi|saving|save on|spar)\w*\W+(?:\w+\W+)?$", before):
            is_offer = False  # "saves up to 95% on bills": a figure, not a discount
        elif not is_offer and (re.search(r"(?:\b(?:sale|discount|rebajas|descuento|soldes|rabatt|saldi|sconto|promoção|"
                                        r"desconto|promo|offer|oferta|offre|angebot|black friday|cyber monday|"
                                        r"off\s+(?:all|everything|storewide|sitewide|your)|"  # not "showing off"
                                        r"hot sale|prime day|buen fin)\b|schlussverkauf|ausverkauf)",
                                        text, re.I) or re.search(r"\d\s?%\s?off\b", text, re.I)) \
                and not re.search(r"^\s*(?:vol|abv|alc|cotton|algodón|coton|lana|wool)", text[m.end():m.end() + 8], re.I):
            is_offer = True  # "Saldi: scarpe in pelle al 50%": a sale brief's percentages are its offers
        value = _clean_offer(m.group())
        if not is_offer:
            # A share means nothing alone on a card: "100 % Schurwolle", "72% Ecuador cacao".
            words = []
            run = re.match(r"(?:\s+[^\W\d_][\w'’\-]*){1,2}", text[m.end():m.end() + 40])  # words in a row, no stop
            for w in (run.group().split() if run else []):
                if fold(w) in _STOP_ALL or fold(w) in _PREPOSITIONS or fold(w) in ("off", "of", "aus", "auf"):
                    break
                words.append(w)
            if words and re.match(r"\s+" + re.escape(words[0]), text[m.end():]):
                value = " ".join([value, *words])
        f.take(f.offers if is_offer else f.prices, m, value)
    for m in _FREE_THING.finditer(text):
        f.take(f.offers, m)
    for m in _N_FOR_M.finditer(text):
        if len(set(re.findall(r"\d", m.group()))) > 1:
            f.take(f.offers, m)  # "3 for 2", "3 für 2", "2x1"; but "4x4" is a drivetrain
    for m in _WAS_PRICE.finditer(text):
        f.take(f.offers, m)  # "89 € au lieu de 109 €", "$329 (reg. $399)": a reduced price is an offer
    for m in _MONEY.finditer(text):
        # A price with "off" is an offer; a bare price ("from $49") is a fact to show, not a sale.
        is_offer = re.search(r"off|descuento|réduction|remise|rabatt|sconto|desconto", m.group(), re.I)
        before = text[max(0, m.start() - 14):m.start()].lower()
        after = text[m.end():m.end() + 16].lower()
        value = None
        if re.search(r"(?:^|\W)(?:save|ahorra|ahorre|économisez|économise|spare|sparen sie|risparmia|risparmi|economize|"
                     r"economiza)\W+(?:up to\W+|hasta\W+|jusqu'à\W+|bis zu\W+|fino a\W+|até\W+)?$", before):
            is_offer, value = True, text[m.start() - len(before) + re.search(r"(?:save|ahorr|économ|spare|risparmi|economiz)",
                                                                           before).start():m.end()]
        elif re.match(r"\s*(?:bonus|cashback|cash back|credit|gift card|de bonificación|de bonus|bonus|gutschrift|"
                      r"di bonus|de bônus)\b", after):
            is_offer, value = True, m.group() + re.match(r"\s*\S+(?:\s+back)?", after).group()
        f.take(f.offers if is_offer else f.prices, m if value is None else (m.end() - len(value), m.end()), value)
    occ = _OCCASION.search(text)
    if occ:
        f.occasion = " ".join(w[:1].upper() + w[1:] for w in occ.group().split())
        f.spans.append(occ.span())
    for rx in _DATE_PATTERNS:
        for m in rx.finditer(text):
            val = m.group()
            if rx is _DATE_PATTERNS[5]:
                # A bare weekday in English must be capitalised ("may", "sat" are words too).
                # (A brief written without capitals, or all in capitals, says "friday" in lower case.)
                uncased = not re.search(r"[A-ZÀ-Ý]", text) and len(val.split()[-1]) > 3
                if not uncased and not re.search(r"[A-ZÀ-Ý]", val) and fold(val.split()[-1]) in lx.WEEKDAYS["en"] and not (
                        re.search(r"(?:every|each|on|this|next|till|until|from)\s+$", text[max(0, m.start() - 7):m.start()])
                        or re.match(r"(?:this|next|coming)\s", val, re.IGNORECASE)
                        or re.match(r"\s+(?:the\s+\d|\d{1,2}(?:st|nd|rd|th)\b|\d{1,2}(?::\d\d)?\s?(?:am|pm)\b|"
                                    r"\d{1,2}\s?[-–]\s?\d{1,2}\b)", text[m.end():])):
                    continue  # ...unless a word makes it a day: "every friday", "fri the 21st", "mon 6th", "tues 7pm"
                if _SCENE_TIME.match(text[m.end():]):
                    continue  # "Sunday morning pancakes": when the scene happens, not a date
                if re.search(r"(?:^|\W)the\s+$", text[max(0, m.start() - 5):m.start()], re.IGNORECASE) \
                        and any(a == 0 and noun not in ("market", "course", "event") for a, _, noun
                                in _match_lexicon(tokenize(text[m.end():m.end() + 40])[:2])):
                    continue  # "The Sunday sofa" is its name; "the Saturday market" is when it is on
                val = re.sub(r"^(?:on|el|le|am|il|o)\s+", "", val, flags=re.IGNORECASE)
            f.take(f.dates, m, val)
    for m in _SEASON_YEAR.finditer(text):
        f.take(f.dates, m)
    for m in _SEASON_WHEN.finditer(text):
        f.take(f.dates, m)
    for m in _MONTH_ALONE.finditer(text):
        month = m.group(1)
        if month.lower().rstrip(".") in ("may", "mar", "marco", "jan", "sat") and not month[:1].isupper():
            continue
        sub = re.search(re.escape(month) + r"(?:\s+(?:19|20)\d\d)?", m.group())
        f.take(f.dates, m, sub.group() if sub else month)
    for m in _REL_DAYS.finditer(text):
        f.take(f.dates, m)
    for rx in (_TIME_RANGE, _TIME_IT, _TIME, _TIME_BARE):
        for m in rx.finditer(text):
            val = re.sub(r"^(?:at|from|de|dès|ab|um)\s+", "", m.group(), flags=re.IGNORECASE)
            if re.fullmatch(r"\d{1,2}\s?h", val.strip()) and not re.search(r"(?:à|às|a las|alle)\s", m.group()) \
                    and not re.search(r"(?:até|hasta|jusqu['’]à|fino alle|bis|until|till|dès|desde|ab)\s+$",
                                      text[:m.start()], re.IGNORECASE) \
                    and not re.search(_WEEKDAY + r"\.?,?\s*$", text[:m.start()], re.IGNORECASE):
                # "24h" / "30 h battery" are durations, not times; "samedi 8h" is an hour.
                continue
            f.take(f.times, m, val)
    blocked = {fold(n) for n in known_names if n}
    place_prep = _PLACE_PREP_BY_LANG.get(lang, _PLACE_PREP_BY_LANG["en"])
    for m in list(_STREET.finditer(text)) + list(place_prep.finditer(text)):
        value = m.group(1) if m.re is place_prep else m.group()
        words = value.split()
        cut = next((k for k, w in enumerate(words) if _is_date_word(w) or fold(w) in _NOT_PLACE), len(words))
        value = " ".join(words[:cut])
        value = re.sub(r"(?:\s+(?:of|on|de|da|do|di|la|le|am|an|der|des|upon))+$", "", value.strip(" ,.;:"))
        first = value.split()[0] if value else ""
        if (not value or fold(first) in _NOT_PLACE or _is_date_word(first) or fold(value) in blocked
                or any(fold(value) in b or b in fold(value) for b in blocked)):
            continue
        if re.fullmatch(r"\d+(?:st|nd|rd|th)?", value):
            continue
        if _match_lexicon(tokenize(value.split()[-1])) and len(value.split()) > 1:
            continue  # "at Luna Bakery", "at Lotus Flow Yoga Studio": the business is the product
        start = m.start(1) if m.re is place_prep else m.start()
        after = re.match(r"\s+([a-zà-ÿ][\w'’\-]*)", text[start + len(value):])
        if after and _match_lexicon(tokenize(after.group(1))) and fold(after.group(1)) not in _SETTING_WORDS:
            continue  # "in Tierra leggings", "in Halo helmets": a name with its product is worn, not a place
        if lang == "en" and after and _names_a_thing(value, after.group(1)):
            continue  # "glued to Kindred tablets": an invented name with a noun no list knows yet
        s = m.start(1) if m.re is place_prep else m.start()
        f.take(f.places, (s, s + len(value)), value)
        town = _TOWN_AFTER_STREET.match(text, s + len(value)) if re.search(r"\d", value) else None
        if town:
            f.take(f.places, town.span(1), town.group(1))  # "Rua Augusta 210, São Paulo": the town too
    # "at The Fox & Hound, Little Marlow —", "chez Cycles Lacroix, Nantes.": the town after a venue.
    for m in _VENUE.finditer(text):
        town = _TOWN_AFTER_STREET.match(text, m.end())
        if town and (is_known_place(town.group(1)) or re.match(r"\s+[—–-]\s", text[town.end():])):
            f.take(f.places, town.span(1), town.group(1))
    for m in _PLACE_WORDS.finditer(text):
        if not f.places:
            f.take(f.places, m)
    return f


def _shown_places(places: list[str], text: str, lang: str) -> tuple[str, ...]:
    """The places to put on screen. German gives every noun a capital: "im Regen", "am
    Handgelenk", "auf der Scheibe" say where something happens, not a place to show (they stay
    places for the reading, so no such word is taken for the product)."""
    return tuple(p for p in places if not (lang == "de" and _a_german_common_noun(p, text)))[:2]


def _a_german_common_noun(value: str, text: str) -> bool:
    """Words of the dictionary said with an article as where something happens ("im Regen"), not
    regions ("im Harz", "an der Mosel"); a town takes no article ("in Garmisch", "in Hof")."""
    words = [w for w in value.split() if fold(w) not in ("am", "an", "im", "der", "dem", "den")]  # "Regen am Fluss"
    if not words or any(not in_dictionary(w, "de") or re.search(r"\d", w) for w in words) \
            or fold(value) in _REGION_NAMES or any(fold(w) in _REGION_NAMES for w in words):
        return False
    return bool(re.search(r"(?i:im|am|beim|vom|zum|zur|auf der|in der|an der|bei der)\s+" + re.escape(value), text))


_VENUE = re.compile(r"(?<![\w])(?i:at|chez|bei|im|presso|en|no|na|nel|nella|dans)\s+(?:(?i:the|le|la|el|il|o|a|der|die|das)\s+)?"
                    r"[A-ZÀ-Ý][\w'’\-]*(?:\s+(?:&\s+|and\s+|y\s+|e\s+|et\s+|de\s+|du\s+|da\s+|do\s+)?[A-ZÀ-Ý][\w'’\-]*){0,4}")


def _names_a_thing(name: str, after: str) -> bool:
    """An English name with an ordinary noun right after it is a brand and its product ("Tierra
    leggings", "Kindred headrest"), not a place: "in Austin today", "to Lisbon for" and "in Denver
    serving" are followed by small words, times, verbs and adverbs, and a town the gazetteer knows
    stays a place."""
    from .places import is_place

    word = fold(after)
    return (len(name.split()) == 1 and in_dictionary(after, "en")
            and word not in _STOP_ALL and word not in _PHRASE_END and word not in _SETTING_WORDS
            and not _is_date_word(after) and not word.endswith(("ing", "ly", "ed")) and not is_place(name))


# The town written after a street address: ", São Paulo", ", Alcalá de Henares", ", Freiburg –".
_TOWN_AFTER_STREET = re.compile(r",\s*([A-ZÀ-Ý][\w'’\-]+(?:\s+(?:(?:de|del|di|do|da|dos|am|an der|sur|upon)\s+)?"
                                r"[A-ZÀ-Ý][\w'’\-]+){0,2})(?=\s*(?:[.,;:!?()—–]|\s-\s|$))")


_DATE_WORDS = frozenset(fold(w) for w in (*_ALL_MONTHS, *_ALL_WEEKDAYS))
_NOT_PLACE = frozenset(fold(w) for w in (
    "the", "our", "a", "an", "this", "my", "your", "I", "we", "new", "black", "white", "gold", "red", "summer",
    "winter", "spring", "autumn", "fall", "christmas", "style", "stock", "store", "stores", "town", "home",
    "english", "spanish", "french", "german", "italian", "portuguese", "instagram", "tiktok", "youtube",
    "facebook", "4k", "hd", "time", "partnership", "collaboration", "ad", "video", "todo", "toda", "todos",
    "tutti", "alle", "tous", "toutes", "all", "every", "one", "two", "wholesale", "person", "august",
    "collaboration", "neon", "pastel", "rose", "gold", "silver", "navy", "emerald",
))


def _is_date_word(word: str) -> bool:
    return fold(word).rstrip(".") in _DATE_WORDS


# --- news ---------------------------------------------------------------------------------------

_NEWS_RX = tuple((kind, _rx_words(words)) for kind, words in lx.NEWS_WORDS)
# A pre-order or a date in the future makes "open" mean "opens": never claim it is open now.
_FUTURE_OPEN = re.compile(r"(?<![\w])(?:opens?|opening|doors open)\s+(?:on\s+)?(?:" + _MONTH + r"|" + _WEEKDAY
                          + r"|\d|this|next|tomorrow)", re.IGNORECASE)


_COSTS_NOTHING = re.compile(r"free\s+(?:to|on)\b", re.IGNORECASE)  # "free to download" is no sale


# A director's first shot: "Open on a hand...", "We open on sparks", "Abrimos en una cocina",
# "On ouvre sur un embouteillage", "Wir öffnen auf einer Familie", "Apriamo su un temporale".
_SHOT_OPENS_ON = re.compile(r"(?:open|opens|abrimos|ouvre|öffnen|apriamo)\s+(?:tight\s+|wide\s+)?(?:(?:on|en|con|"
                            r"com|sobre|sur|su|auf|mit|with)\s+(?:a|an|the|un|una|uno|um|uma|une|le|la|les|el|il|lo|"
                            r"einer|einem|dem|der|den|das|primer|primo)\b|(?:num|numa|nel|nella|nello|sul|sulla|dans)\b)",
                            re.IGNORECASE)
# A treatment that opens on its first shot: "Open on...", "We open on...", "Abrimos num...".
_TREATMENT_OPENS = re.compile(r"^\W*(?:we\s+|on\s+|wir\s+)?" + _SHOT_OPENS_ON.pattern, re.IGNORECASE)
# "coming to iOS + android soon", "llega a Madrid muy pronto": not out yet, however far apart the words.
_COMING_THEN_SOON = re.compile(r"\b(?:coming|llega|llegan|arrive|arrivent|kommt|kommen|arriva|arrivano|chega|chegam)\b"
                               r"[^.!?\n]{0,40}?\b(?:soon|pronto|bientôt|bald|presto|em breve)\b", re.IGNORECASE)
# "new IPA on tap", "new sour on draft": a new beer poured is a new flavour.
_NEW_ON_TAP = re.compile(r"\bnew\s+(?:[\w'’\-]+\s+){0,2}on (?:tap|draft|draught)\b", re.IGNORECASE)
# Letters typed three times or more: "muy prontooo", "soooo good", "yesss".
_ELONGATED_END = re.compile(r"([a-vx-zà-ÿ])\1{2,}(?![\w])")
_ELONGATED = re.compile(r"([aeiouyàáâãäåèéêëìíîïòóôõöùúûü])\1{2,}")  # vowels only: "Fitnessstudio" is a word


def _without_elongation(text: str) -> str:
    """Words typed with a letter held down, written as words: "prontooo" -> "pronto",
    "goood" -> "good". Capitals ("AAA batteries") and a web address's "www" stay."""
    return _ELONGATED.sub(r"\1\1", _ELONGATED_END.sub(r"\1", text))


# Words that name a happening, which is what an event's ad is about, wherever it is held.
_EVENT_HEADS = re.compile(r"\b(?:market|fair|festival|fest|workshop|class|classes|tasting|party|session|sessions|camp|"
                          r"race|run|bazaar|gig|concert|quiz|meetup|supper club|open day|open house|mercadillo|feria|"
                          r"fiesta|taller|marché|fête|foire|atelier|markt|kurs|mercatino|sagra|festa|feira|"
                          r"oficina)\b", re.IGNORECASE)
_AT_VENUE = re.compile(r"(?:\bat|\bin|\ben|\bà|\bau|\bbei|\bim|\bpresso|\bno|\bna|\bem)\s+(?:the\s+)?$", re.IGNORECASE)


def _event_not_its_venue(product: ProductGuess, rules_pick: ProductGuess, text: str) -> ProductGuess:
    """"xmas makers market this sat at St Mary's church hall": the market is what the ad is
    about; the hall is where it is held. The rules' pick stands when it names the happening and
    the other reading is the place after "at"."""
    at = text.find(product.name) if product.name else -1
    if at < 0:
        at = fold(text).find(fold(product.name))
    if at > 0 and _AT_VENUE.search(text[:at]) and _EVENT_HEADS.search(rules_pick.name or "") \
            and len(rules_pick.name.split()) >= 2 \
            and fold(rules_pick.name) not in fold(product.name):
        return rules_pick
    return product


def _news_said_outright(text: str) -> str:
    """News said in so many words, which no second opinion overrules: "coming to iOS soon",
    "new IPA on tap", "my new yoga studio is opening"."""
    if _COMING_THEN_SOON.search(text):
        return "coming_soon"
    if _NEW_ON_TAP.search(text):
        return "new_flavour"
    return ""


def find_news(text: str, facts: Facts) -> str:
    if _REBRAND.search(text):
        return "rebrand"  # "X is now Y", "aus X wird Y"
    said = _news_said_outright(text)
    if said:
        return said
    if any(re.search(_COMING_ON + re.escape(d), text, re.IGNORECASE) for d in facts.dates):
        return "coming_soon"  # "Coming 12/24", "coming 06.21": it is not out yet, and says when
    for kind, rx in _NEWS_RX:
        for m in rx.finditer(text):
            word = m.group().lower()
            if kind == "event" and word in ("mini session", "mini sessions", "flash day",
                                            "class", "classes", "show", "party", "fair", "race", "fest", "festa",
                                            "festival", "festivals", "concert", "concerts", "salon", "messe", "swap",
                                            "cata", "catas", "conference", "volunteer", "volunteers", "workshop",
                                            "workshops", "taller", "talleres", "atelier", "ateliers", "laboratorio"):
                # Weak words: an event only with a date beside them ("a 6am conference call" is a scene),
                # and never as part of a name ("chez Atelier Marin", "Salon Bella").
                if not facts.dates or (m.group()[:1].isupper() and m.start() > 0
                                       and not re.search(r"(?:^|[.!?:]\s*)$", text[:m.start()].rstrip() + " ")):
                    continue
            if kind == "opening" and re.search(r"(?:\b(?:si|se|sich)\s+|\bs['’])$", text[:m.start()], re.IGNORECASE):
                continue  # "si apre in un gesto", "se abre en un segundo": a sofa bed that opens
            if kind == "opening" and _SHOT_OPENS_ON.match(text, m.start()):
                continue  # "Open on a kitchen table", "Abrimos en una cocina": where the film's first shot is
            if kind == "sale" and word in ("deal", "deals", "offer", "offre", "code", "coupon", "promo", "oferta",
                                           "offerta", "angebot"):
                if not facts.offers:
                    continue
            if kind == "launch" and word in ("drop", "release", "debut", "premiere", "in stores", "hits shelves",
                                             "available from", "im handel", "en tiendas", "en magasin",
                                             "nei negozi", "nas lojas") and not facts.dates:
                continue
            return kind
    if re.search(r"\w(?:fest|messe|festival|konzert|kurs|workshop|seminar|markt|turnier|lauf)\b", text, re.IGNORECASE) \
            and (facts.dates or facts.times):
        return "event"  # German compounds: "Weinfest", "Yogakurs", "Weihnachtsmarkt"
    if any(not _COSTS_NOTHING.match(o) and not _perk(o, text, facts) for o in facts.offers):
        return "sale"
    if facts.occasion and fold(facts.occasion) in _SALE_DAYS:
        return "sale"  # "Black Friday: 3 occhiali al prezzo di 2": the day is the sale
    if _YEARS_OLD.search(text):
        return "event"  # "Celebrate 10 years of Rosa's Taqueria", "Our bakery turns 10!"
    if _SOON_FIRST.match(text):
        return "coming_soon"  # "Soon: Parcelpilot...", "Bientôt : ..."
    shouting = sum(ch.isupper() for ch in text) > 0.5 * max(1, sum(ch.isalpha() for ch in text))
    if _JUST_OUT.search(text) or (_NEW_SHOUTED.search(text) and not shouting):
        return "launch"  # "out now", "is here", "NEW Blood Orange & Ginger", "Neu:"
    if facts.dates and (facts.times or _TICKETS.search(text)):
        if all(_is_date_word(w) for d in facts.dates for w in re.split(r"[\s–—/-]+", d) if w[:1].isalpha() and not _is_small(w)) \
                and _OPENING_HOURS.search(text):
            return ""  # "now offers Saturday appointments, 9am to 1pm": hours kept every week, not an event
        return "event"  # a day and an hour (or tickets) for something: it happens then
    return ""


def _is_small(word: str) -> bool:
    return fold(word) in _STOP_ALL or fold(word) in _DETERMINERS


# Words that make a weekday and an hour the hours something is open or bookable, every week.
# (A recurring event, "quiz night every Thursday", is still an event.)
_OPENING_HOURS = re.compile(r"\b(?:appointments?|opening hours|citas?|horario de atención|horaires d'ouverture|"
                            r"sprechstunden?|öffnungszeiten|appuntament[oi]|orari di apertura|consultas|"
                            r"horário de atendimento)\b"
                            # "Open Tue–Sun from 7:30", "open till 11pm", "abierto de lunes a sábado"
                            r"|\b(?:open|abiert[oa]s?|ouverte?s?|geöffnet|apert[oa]|abert[oa]s?)\s+(?:till|until|daily|"
                            r"every|from|mon|tue|wed|thu|fri|sat|sun|de\s+(?:lunes|martes|segunda|terça)|du\s+(?:lundi|mardi)|"
                            r"dal\s+(?:lunedì|martedì)|todos|tous|tutti|täglich|von|mo|di)\w*", re.IGNORECASE)


_COMING_ON = r"(?<![\w])(?:coming|arriving|llega|llegará|arrive|arrivera|kommt|arriva|arriverà|chega|chegará)\s+(?:on\s+|el\s+|le\s+|am\s+|il\s+|dia\s+|em\s+)?"
_SALE_DAYS = frozenset(fold(w) for w in (
    "black friday", "cyber monday", "prime day", "singles day", "boxing day", "hot sale", "buen fin", "el buen fin",
    "cyber week", "black week", "presidents' day", "presidents day", "president's day", "día sin iva",
    "rebajas de verano", "rebajas de invierno", "soldes d'hiver", "soldes d'été", "french days",
    "winterschlussverkauf", "sommerschlussverkauf", "saldi estivi", "saldi invernali", "semana do consumidor",
    "dia do consumidor", "esquenta black friday", "end of season sale", "prime big deal days"))


_YEARS_OLD = re.compile(r"\b(?:celebrat\w*\s+(?:our\s+)?\d{1,3}(?:st|nd|rd|th)?\s+(?:years?|anniversary|birthday)|"
                        r"turns\s+\d{1,3}\b|\d{1,3}(?:st|nd|rd|th)\s+(?:anniversary|birthday)|celebramos\s+\d{1,3}\s+años|"
                        r"fêtons?\s+(?:nos\s+)?\d{1,3}\s+ans|feiern\s+\d{1,3}\s+jahre|festeggiamo\s+\d{1,3}\s+anni|"
                        r"comemoramos\s+\d{1,3}\s+anos|\d{1,3}\s+years\s+of\s+[A-Z])", re.IGNORECASE)


def _perk(offer: str, text: str, facts: Facts) -> bool:
    """An offer that is part of what is sold, not a sale: "free bikes for guests", "preventivo
    gratuito", "primera clase gratis" with nothing saying until when; and what the product saves
    its owner ("saves up to 23% on heating")."""
    at = text.find(offer)
    if at > 0 and _SAVES_VERB.search(text[:at]):
        return True
    # "no contract", "no call-out fee", "sin permanencia": how it is sold, like "free", not a sale.
    free_only = (_FREE_WORD.search(offer) or _NO_CHARGE.match(offer)) and not re.search(r"\d|%|[$€£]", offer)
    if free_only and facts.dates and facts.times:
        return True  # "Free outdoor bootcamp this Saturday 8am", "entrada libre": free to attend an event
    return bool(free_only) and not facts.dates and not any(
        not _DURATION_AFTER.match(text, m.end()) for m in _LIMITED_TIME.finditer(text))


# "hasta 12 meses", "up to 3 years": how long something lasts, not until when an offer runs.
_DURATION_AFTER = re.compile(r"\s+\d+\s+(?:months?|years?|days?|weeks?|meses|años|días|semanas|mois|ans|jours|"
                             r"semaines|monate?n?|jahren?|tagen?|wochen|mesi|anni|giorni|settimane|anos|dias)\b",
                             re.IGNORECASE)


_NO_CHARGE = re.compile(r"(?:no|zero|sin|sans|ohne|keine?|senza|sem)\s", re.IGNORECASE)
_SAVES_VERB = re.compile(r"(?:saves|cuts|reduces|ahorra|reduce|économise|réduit|spart|senkt|risparmia|riduce|"
                         r"economiza|reduz)\s+(?:you\s+|(?:up\s+to|hasta|jusqu'à|bis zu|fino al?|até)\s+)?$", re.IGNORECASE)
_FREE_WORD = re.compile(r"free|gratis|gratuit|grátis|kostenlos|libre|gratuito|gratuita|gratuite|on us|on the house|"
                        r"offert|offerte?|geschenkt|omaggio|aufs haus|por nuestra cuenta|por conta da casa", re.IGNORECASE)
_LIMITED_TIME = _rx_words((
    "this week", "this weekend", "all weekend", "weekend only", "today only", "until", "through", "till", "ends",
    "limited time", "while stocks last", "this month", "special", "sale", "deal", "hasta", "solo hoy", "este fin de semana",
    "esta semana", "jusqu'au", "jusqu'à", "ce week-end", "cette semaine", "bis", "nur heute", "dieses wochenende",
    "diese woche", "fino al", "fino a", "solo oggi", "questo weekend", "questa settimana", "até", "só hoje",
    "este fim de semana", "esta semana", "promo", "promoção", "promoción", "promotion", "aktion", "offerta speciale"))


_SOON_FIRST = re.compile(r"^\W*(?:soon|bientôt|pronto|muy pronto|presto|bald|em breve|coming)\b", re.IGNORECASE)
_JUST_OUT = _rx_words((
    "out now", "now available", "available now", "is here", "are here", "just landed", "now in stores", "now on sale",
    "ya disponible", "ya a la venta", "ya está aquí", "ya llegó", "ya llegaron", "disponible dès", "désormais disponible",
    "est arrivé", "est arrivée", "sont arrivés", "jetzt erhältlich", "ab sofort erhältlich", "ab sofort im handel",
    "ora disponibile", "disponibile da", "è arrivato", "è arrivata", "já disponível", "disponível a partir",
    "chegou", "chegaram"))
# "NEW Blood Orange & Ginger", "SABOR NOVO!!!", "New: ...", but not the brand in "NOVA hair dryer".
_NEW_SHOUTED = re.compile(r"(?<![\w])(?:NEW|NUEVO|NUEVA|NOUVEAU|NOUVELLE|NEU|NUOVO|NUOVA|NOVO|NOVA)(?=\s*[:!.,—–-]|\s+[A-Z]|$)"
                          r"|(?i:(?:^|[.!?]\s+)\W*(?:new|nuevo|nueva|nouveau|nouvelle|neu|nuovo|nuova|novo|nova)\s*[:!])")
_TICKETS = _rx_words((
    "tickets", "ticket", "entry", "admission", "rsvp", "register", "registration", "sign up", "entradas",
    "inscripción", "billets", "billetterie", "inscription", "eintritt", "tickets", "anmeldung", "biglietti",
    "ingresso", "iscrizione", "ingressos", "inscrição"))


# --- product -----------------------------------------------------------------------------------

# How much each sign counts for a product candidate (see _score and _named_candidates). Set by
# hand, then checked with `python tools/tune_reader_weights.py`, which measures the dev split.
W: dict[str, float] = {
    "first_clause": 1.5,  # in the brief's first clause
    "our": 4.0,  # "our ...", "nuestro ...", "unser ..."
    "for": 2.0,  # "for ...", "introducing ...", "the new ..."
    "offer_before": 3.0,  # "sale on ...", "50% off ..."
    "location": 3.0,  # after "in", "at", "around": where it happens
    "name_before": 2.0,  # a brand right before the noun
    "with": 1.0,  # "with a ...", "from a ..."
    "name_after": 2.0,  # Romance languages: a brand right after the noun
    "use_verb": 2.0,  # "sipping", "wearing", "using"
    "setting": 2.0,  # a setting noun (cafe, beach) that is not ours
    "position": 0.02,  # per token from the start: earlier mentions lead
    "named": 3.0,  # a run of name words (a brand) with the noun beside it
    "weak_name": 4.0,  # ...that is only a capitalised first word or an acronym
    "address": 2.0,  # a name in parentheses or trailing after a comma
    "unknown_noun": 0.5,  # "our X" where no list knows X
    "in_offer": 3.0,  # inside an offer ("free croissant")
    "opens_brief": 3.0,  # the noun of the phrase the brief opens with ("Solid walnut standing desk, ...")
}


@lru_cache(maxsize=1)
def _product_index() -> tuple[dict[tuple[str, ...], str], list[tuple[str, str]], int]:
    """(phrase tokens -> English noun, German compound endings, longest phrase length).

    Keys are lower case with accents kept ("thé" is tea, "the" is not); an accent-free key is
    added too, for briefs typed without accents, unless it collides with an ordinary word."""
    index: dict[tuple[str, ...], str] = {}
    endings: list[tuple[str, str]] = []
    stop = {w for ws in lx.STOPWORDS.values() for w in ws} | set(lx.COMMON_WORDS)
    for noun, (_cat, words) in lx.PRODUCTS.items():
        for p in _phrases(words) + [noun]:
            if p.startswith("*"):
                endings.append((fold(p[1:]), noun))
                continue
            index.setdefault(tuple(p.lower().split()), noun)
            plain = tuple(fold(p).split())
            if not (len(plain) == 1 and plain[0] in stop):
                index.setdefault(plain, noun)
    longest = max(len(k) for k in index)
    return index, sorted(endings, key=lambda e: -len(e[0])), longest


def _phrases(words: str) -> list[str]:
    return [w.strip() for w in words.split(",") if w.strip()]


def _singular(w: str) -> list[str]:
    """The word and its likely singulars ("sofas" -> "sofa", "Schuhe" -> "schuh")."""
    out = [w]
    for suf, rep in (("ies", "y"), ("es", ""), ("s", ""), ("en", ""), ("e", "")):
        # Three letters are stem enough before a plain "s" ("bars", "mugs", "hats"), not before "es".
        if w.endswith(suf) and len(w) - len(suf) >= (3 if suf == "s" and not w.endswith("ss") else 4) \
                and (suf != "e" or w.endswith(("he", "se", "te"))):
            out.append(w[: len(w) - len(suf)] + rep)
    return out


def category_of(noun: str) -> str:
    return lx.PRODUCTS[noun][0] if noun in lx.PRODUCTS else "product"


@dataclass(frozen=True)
class Candidate:
    noun: str
    start: int  # token index of the first word of the lexicon phrase
    end: int  # token index after its last word
    score: float
    brand: str = ""  # the name run a brand-anchored candidate grew from


_OUR = frozenset(fold(w) for w in (
    "our", "my", "nuestro", "nuestra", "nuestros", "nuestras", "mi", "mis", "notre", "nos", "mon", "ma", "mes",
    "unser", "unsere", "unseren", "unserem", "unserer", "mein", "meine", "nostro", "nostra", "nostri", "nostre",
    "mio", "mia", "nosso", "nossa", "nossos", "nossas", "meu", "minha"))
_FOR = frozenset(fold(w) for w in (
    "for", "promoting", "promote", "showcase", "showcasing", "selling", "sell", "introducing", "introduce",
    "launching", "launch", "presenting", "featuring", "about", "advertising", "advertise", "called", "named",
    "para", "pour", "für", "per", "sobre", "promocionar", "promouvoir", "bewerben", "promuovere", "promover",
    "presentamos", "présentons", "presentiamo", "apresentamos", "anuncia", "lanza", "lance", "new", "nuevo", "nueva",
    "nouveau", "nouvelle", "neue", "neuen", "neuer", "neues", "nuovo", "nuova", "novo", "nova", "the", "el", "la",
    "le", "il", "o", "a", "der", "die", "das"))
_USE = frozenset(fold(w) for w in (
    "with", "using", "sipping", "wearing", "drinking", "eating", "sharing", "holding", "riding", "driving",
    "enjoying", "from", "of", "con", "avec", "mit", "com", "tomando", "bebiendo", "usando", "llevando",
    "portant", "buvant", "trinken", "trinkt", "indossando", "bevendo", "usando", "bebendo", "vestindo"))
# Nouns that are also verbs: "book by Friday", "watch the video", "shop the sale".
_VERB_NOUNS = frozenset(("book", "watch", "ship", "drop", "pack", "store", "shop", "plan", "ring", "cap", "case",
                         "table", "bar", "class", "race", "ski", "surf", "bike", "camp", "market", "brew", "tour"))
_UNIT = re.compile(r"(?:kg|g|mg|lb|lbs|oz|ml|cl|l|litres?|liters?|cm|mm|m|km|in|inch|inches|ft|w|kw|v|mah|"
                   r"gb|tb|hz|fps|cal|kcal|pcs|pack|x)")
_PEOPLE_WORDS = frozenset(fold(w) for v in lx.PEOPLE.values() for p in v.split(",") for w in p.split())
_SETTING_WORDS = frozenset(fold(w) for v in lx.SETTINGS.values() for p in v.split(",") for w in p.split()) | frozenset(
    ("apartment", "flat", "house", "room", "loft", "studio", "garage", "backyard", "village", "town", "neighborhood",
     "neighbourhood", "district", "quarter", "square", "station", "airport", "harbour", "harbor", "port"))
_USE_VERBS = frozenset(fold(w) for w in (
    "using", "sipping", "wearing", "drinking", "eating", "sharing", "holding", "riding", "driving", "enjoying",
    "tomando", "bebiendo", "usando", "llevando", "portant", "buvant", "trinken", "trinkt", "indossando",
    "bevendo", "bebendo", "vestindo", "shaking", "cracking", "opening", "pouring", "unboxing", "tasting"))
_SETTING_NOUNS = frozenset(("cafe", "restaurant", "bar", "gym", "hotel", "school", "market", "museum", "cinema",
                            "table", "bed", "sofa", "festival", "concert", "bakery", "store", "trip"))
_LOCATION_PREP = frozenset(fold(w) for w in (
    "in", "at", "around", "on", "inside", "near", "by", "into", "through", "across", "en", "dans", "au", "chez",
    "im", "am", "auf", "nel", "nella", "nelle", "negli", "nei", "al", "alla", "no", "na", "nos", "nas", "em", "sur",
    "durante", "during", "under"))
_DETERMINERS = frozenset(fold(w) for w in (
    "a", "an", "the", "our", "my", "your", "their", "this", "these", "that", "all", "every", "some", "any", "its",
    "el", "la", "los", "las", "un", "una", "unos", "unas", "le", "les", "une", "des", "du", "der", "die", "das",
    "ein", "eine", "einen", "il", "lo", "gli", "uno", "o", "os", "as", "um", "uma", "todo", "todos", "toda", "todas",
    "tous", "toutes", "tout", "alle", "tutti", "tutte", "i", "gli", "l'", "dei", "degli", "delle", "son", "sa", "ses", "leur", "leurs", "su", "sus", "suo",
    "sua", "suoi", "sue", "seu", "seus", "suas", "sein", "seine", "seinen", "ihr", "ihre", "ihren", "his", "her",
    *_OUR))
_STYLE_ONLY = frozenset(fold(w) for words in (
    ("sleek", "stylish", "cool", "beautiful", "amazing", "stunning", "great", "nice", "awesome", "best", "short",
     "quick", "cinematic", "dramatic", "new", "brand-new", "latest", "epic", "gorgeous", "fresh", "modern",
     "minimal", "minimalist", "elegant", "bold", "energetic", "fun", "playful", "moody", "vibrant", "colorful",
     "colourful", "calm", "relaxing", "dynamic", "sporty", "exciting", "upbeat", "warm", "cozy", "cosy",
     "high-energy", "30-second", "second", "15-second", "60-second", "vertical", "square", "hip", "trendy",
     "nuevo", "nueva", "nouveau", "nouvelle", "neue", "neuen", "neuer", "nuovo", "nuova", "novo", "nova",
     "elegante", "élégant", "moderno", "moderne", "sleek", "chic", "sunny", "rugged", "timeless", "nuevos", "nuevas",
     "nouveaux", "nouvelles", "nuovi", "nuove", "novos", "novas", "neues"),) for w in words)
_NOT_PRODUCT = frozenset(fold(w) for w in lx.NOT_PRODUCT)
_PEOPLE_WORD = _rx_words([w for words in lx.PEOPLE.values() for w in _phrases(words)])
_MODIFIERS = frozenset(fold(w) for w in lx.MODIFIERS)
_QUALITY = frozenset(fold(w) for w in lx.QUALITY_WORDS)
_ROMANCE_LINK = frozenset(("de", "di", "da", "do", "du", "des", "del", "della", "dello", "al", "à", "a", "en"))


@lru_cache(maxsize=1)
def _compound_endings() -> list[tuple[str, str]]:
    """Lexicon words long enough to end a German compound ("Craft-Bier", "Kochmesser")."""
    index, _, _ = _product_index()
    return sorted(((k[0], n) for k, n in index.items() if len(k) == 1 and len(k[0]) >= 4 and k[0].isalpha()),
                  key=lambda e: -len(e[0]))


# Words for the ad itself ("Pub pour l'aspirateur...", "Lifestyle-Spot für Wanderschuhe"), and
# the words that say what it is for after them.
_AD_WORD_TEXT = """ad ads advert adverts advertisement commercial spot spots promo teaser
werbung werbespot werbefilm werbevideo imagefilm produktvideo anuncio anuncios anúncio anúncios publicidad publicité pub
annonce pubblicità annuncio propaganda"""
AD_WORDS = frozenset(fold(w) for w in _AD_WORD_TEXT.split())
AD_COMPOUND = re.compile(r"[\w]+-(?:spot|video|film|clip|reel|ad|teaser)$", re.IGNORECASE)
# Words of the agency's side of the brief, never the product: "the Pinecrest client", "a 30s for
# socials", "Brief in the drive by EOD".
AGENCY_WORDS = frozenset(fold(w) for w in """client clients brief briefing briefings deck moodboard cutdown cutdowns
socials eod asap fyi deliverable deliverables kickoff""".split())
# A director's words for a shot, which open a line of a treatment and never a name: "Exterior,
# viñedo...", "Primo piano: una friggitrice", "Wide: a Cornish cove", "Vediamo scaffali".
SHOT_WORDS = frozenset(fold(w) for w in """ext int exterior interior exterieur extérieur innen außen close-up closeup
wide macro pov freeze fondu corte corta stacco schnitt coupe match-cut plano primo gros nahaufnahme einblendung
lettering sobreimpresión sovrimpressione surimpression vfx endcard packshot annotations overlays vemos vediamo
voit sehen slow-mo dissolve top-down tracking aerial drone-shot inquadratura toma scène escena szene scena
cena""".split())
# The ad's own length: "30s", ":15", "30-second", "20 secondes", "30-Sekünder".
AD_LENGTH = re.compile(r"(?::\d{2}|\d{1,3}\s?(?:s|sec|secs|seconds?|seg|segundos|secondes?|sekunden|secondi)|"
                       r"\d{1,3}-(?:second|sec|segundos|secondes|sekünder|secondi))$", re.IGNORECASE)
FOR_WORDS = frozenset(("for", "4", "para", "pra", "pour", "für", "per"))
_FILM_TEXT = "video vídeo vidéo film clip reel comercial"  # an ad when it is "for" something
_FILMS = frozenset(fold(w) for w in _FILM_TEXT.split())
_ELIDED_ARTICLE = re.compile(r"^(?:l|d|dell|all|nell|sull|dall|un|qu)['’](?=\w)")


def _match_lexicon(tokens: list[Token], german: bool = False) -> list[tuple[int, int, str]]:
    index, endings, longest = _product_index()
    if german:
        endings = endings + _compound_endings()
    # An elided article is part of the next word's token: "l'aspirateur", "dell'olio".
    folded = [_ELIDED_ARTICLE.sub("", t.text.lower()) for t in tokens]
    found: list[tuple[int, int, str]] = []
    i = 0
    while i < len(tokens):
        hit = None
        if folded[i] in AD_WORDS and i + 1 < len(tokens) and folded[i + 1] in FOR_WORDS:
            i += 1  # "Pub pour ...": the ad, not a pub
            continue
        for n in range(min(longest, len(tokens) - i), 0, -1):
            words = folded[i:i + n]
            for variant in ([*words[:-1], s] for s in _singular(words[-1])):
                noun = index.get(tuple(variant))
                if noun:
                    hit = (i, i + n, noun)
                    break
            if hit:
                break
        if hit is None:
            w = folded[i]
            for ending, noun in endings:
                if w.endswith(ending) and len(w) > len(ending) + 2:
                    hit = (i, i + 1, noun)
                    break
                if len(w) > 3 and any(v.endswith(ending) and len(v) > len(ending) + 2 for v in _singular(w)[1:]):
                    hit = (i, i + 1, noun)
                    break
        if hit:
            found.append(hit)
            i = hit[1]
        else:
            i += 1
    return found


@lru_cache(maxsize=1)
def _known_words() -> frozenset[str]:
    """Every word this reader knows as an ordinary word, in any of its languages."""
    words: set[str] = set(lx.COMMON_WORDS) | set(lx.MODIFIERS) | set(lx.QUALITY_WORDS) | set(lx.NOT_PRODUCT)
    words |= {w for ws in lx.STOPWORDS.values() for w in ws}
    words |= {w for _, (_, ws) in lx.PRODUCTS.items() for p in _phrases(ws) for w in p.split()}
    for table in (lx.SETTINGS, lx.PEOPLE, lx.TIME_OF_DAY):
        words |= {w for v in table.values() for p in _phrases(v) for w in p.split()}
    words |= {w for _, ws in lx.NEWS_WORDS for p in ws for w in p.split()}
    words |= {w for _, ws in lx.AESTHETICS for w in ws} | set(lx.ACTIVITIES)
    return frozenset(fold(w).strip("*") for w in words) | _STYLE_ONLY | _FOR | _LOCATION_PREP | _DETERMINERS


def _marked_unknowns(tokens: list[Token], lang: str, cands: list[Candidate], in_fact, text: str) -> list[Candidate]:
    """"our X" names the product even when no list knows X ("unserem Haferdrink", "notre pastis"):
    the head of the phrase after a possessive is a candidate too, without a known noun."""
    out: list[Candidate] = []
    covered = {k for c in cands for k in range(c.start, c.end)}
    for i, t in enumerate(tokens):
        if fold(t.text) not in _OUR or any(i < c.start <= i + 6 for c in cands):
            continue  # a known noun follows: the lexicon candidate speaks for it
        phrase: list[int] = []
        for k in range(i + 1, min(len(tokens), i + 6)):
            u = tokens[k]
            f = fold(u.text)
            if text[tokens[k - 1].end:u.start].strip() or f in _PHRASE_END or in_fact(u):
                break
            if f in _DETERMINERS or f in _STYLE_ONLY or (f in _MODIFIERS and not phrase):
                if phrase:
                    break
                continue
            if u.low.endswith("ing") and lang == "en" and f not in _MODIFIERS:
                break
            phrase.append(k)
        if not phrase or any(k in covered for k in phrase):
            continue
        content = [k for k in phrase if fold(tokens[k].text) not in _MODIFIERS] or phrase
        # English puts the head last; German and the Romance languages name it first.
        head = content[-1] if lang == "en" else content[0]
        # The whole phrase is the name ("frosé cans", "pastis artisanal"), scored at its head.
        out.append(Candidate("", phrase[0], phrase[-1] + 1, _score(tokens, head, head + 1, "", in_fact) - W["unknown_noun"]))
    return out


# Last words of a place's name: "Little Havana park", "the Maine coast", "Lago di Como".
_GEOGRAPHY = frozenset(fold(w) for w in """park coast beach bay city street square lake river mountain mountains valley
island islands harbour harbor port trail forest woods hills desert keys plaza avenue boulevard quarter district
neighbourhood neighborhood village town county alps playa costa lago río rio montaña montagne montagna montanha
plage spiaggia praia ville città cidade ciudad parque parc parco strand küste insel isla île isola ilha""".split())
# Words before a name that make it where something happens ("off the Maine coast", "serving Tucson").
_PLACE_LEAD = frozenset(("serving", "based", "near", "sirviendo", "desde", "off", "along", "across", "over", "beyond",
                         "outside", "towards", "toward"))
_NAME_LINKS = frozenset(("du", "des", "de", "del", "della", "dello", "di", "da", "do", "dos", "das", "d", "of"))


# Words that open a noun phrase: articles, and "of the" forms ("du quartier", "della nonna").
_NP_START = frozenset(fold(w) for w in """el la los las le les l' un una unos unas une des du au aux il lo gli i
uno del della dei degli delle al alla ai o os as um uma uns umas do da dos das no na nos nas der die das den dem
ein eine einen einem einer ihr ihre ihren sein seine seinen su sus son sa ses leur leurs suo sua seu sua""".split())


def _trim_to_noun(tokens: list[Token], a: int, b: int, lang: str, after: bool) -> int:
    """The words written beside a brand (tokens[a:b]) belong to its name only as far as a noun
    a list knows: "Silencio X" not "cancelación de ruido Silencio X", "capa de chuva Aguaceiro",
    "Lunara Ring Gen 2 smart ring". After the brand (English) the words are kept to the last
    known noun, or whole when they end the clause; before it (other languages) they start at
    the first known noun. Returns the new end (after) or start (before)."""
    if a >= b:
        return b if after else a
    found = _match_lexicon(tokens[a:b], german=lang == "de")
    if after:
        if b == len(tokens) or tokens[b].clause != tokens[b - 1].clause or fold(tokens[b].text) in _STOP_ALL:
            return b  # a clause break or a small word ends a whole noun phrase ("smart ring,", "grinder by")
        return a + max(e for _, e, _ in found) if found else a
    if a > 0 and fold(tokens[a - 1].text) in _NP_START and tokens[a - 1].clause == tokens[a].clause:
        return a  # after an article the words are a whole noun phrase: "el pienso natural Campo Verde"
    return a + min(s for s, _, _ in found) if found else b


def _named_candidates(tokens: list[Token], lang: str, in_fact, in_instruction, text: str) -> list[Candidate]:
    """A brand is the strongest sign of the product: "ClearSound hearing aids", "Roadhawk dash
    cam", "audífonos Audira", "Gartenschere von Grünzeug". Each run of name words becomes a
    candidate together with the common noun written beside it (after it in English, before it
    in the other languages), whether or not a word list knows that noun."""
    out: list[Candidate] = []
    n = len(tokens)

    def gap(a: int, b: int) -> str:
        return text[tokens[a].end:tokens[b].start].strip()

    def brandlike(k: int) -> bool:
        t = tokens[k]
        if re.fullmatch(r"\d+(?:[.,]\d+)?(?:mm|cm|m|km|ml|l|g|kg|w|kw|kwp|h|hr|hrs|gb|tb|mah|fps|k|x|s|mm/s|\"|in|v|ms|"
                        r"hz|khz|mhz|ghz|dpi|ppi|mp|nm|lm|db|oz|lb|lbs|qt|cal|kcal|psi|rpm|mph|kph|kmh|ft|ah|wh|kwh|"
                        r"mbps|gbps|p|°f|°c|%)?", t.low):
            return False  # measurements: "58mm", "500mm/s", "2ml"
        if k > 0 and fold(tokens[k - 1].text) in ("code", "código", "code:", "codice", "gutschein", "cupom"):
            return False  # a promo code is a fact, not the product
        if re.fullmatch(r"\d+-year-old|\d+(?:st|nd|rd|th)|\d+[-‐](?:minute|min|hour|hr|day|week|month|year|km|mile|"
                        r"litre|liter|inch|piece|person|seat)s?|\d{1,2}(?::\d\d)?(?:am|pm)|\d+", t.low):
            return False  # durations, sizes, times and bare numbers describe; they do not name
        if re.fullmatch(r"[A-Z]{3,}\d{2,}", t.text) or (t.text.isupper() and len(t.text) < 3 and not any(
                ch.isdigit() for ch in t.text)):
            return False  # promo codes (BDAY20) and short abbreviations (PT, GMT, XY)
        if t.german and not (any(ch.isupper() for ch in t.text[1:]) or t.text.isupper()
                             or (k > 0 and fold(tokens[k - 1].text) == "von")):
            return False  # every German noun is capitalised: only CamelCase or "von X" marks a brand
        return _is_name_token(t) and not _is_date_word(t.text)

    def capital_word(k: int) -> bool:
        """A capitalised word that is not a function word, a date or a fact: inside a brand name
        ordinary words count too ("Harvest Table Food Bank", "Copper Kettle Tea Room")."""
        t = tokens[k]
        f = fold(t.text)
        return (t.text[:1].isupper() and not t.german and not t.text.isupper() and f not in _DETERMINERS
                and f not in _STOP_ALL and f not in _FOR and f not in _LOCATION_PREP and not _is_date_word(t.text)
                and not in_fact(t) and f not in lx.COMMON_WORDS and not _is_news_word(f) and not _RUN_BY.fullmatch(t.text))

    def plain(k: int) -> bool:
        f = fold(tokens[k].text)
        if f in _ROMANCE_FUNCTION:
            return False
        return (tokens[k].text[:1].islower() or (tokens[k].german and not tokens[k].sentence_start)
                or (tokens[k].sentence_start and bool(_match_lexicon([tokens[k]])))) \
            and f not in _PHRASE_END and f not in _DETERMINERS and f not in _STOP_ALL and f not in _STYLE_ONLY \
            and f not in _NOT_PRODUCT and not in_fact(tokens[k]) and not _is_date_word(tokens[k].text) \
            and not (lang == "en" and f.endswith("ing") and f not in _MODIFIERS)

    i = 0
    while i < n:
        t = tokens[i]
        if not brandlike(i) or in_fact(t) or in_instruction(t) or fold(t.text) in _NOT_PRODUCT or _RUN_BY.fullmatch(t.text) \
                or fold(t.text) in lx.COMMON_WORDS or (fold(t.text) in _known_words() and (
                    t.sentence_start or t.german or t.text.isupper())):
            # A word the lists know is a name only where its capital says so: mid-sentence
            # ("in Volta cleats", "Tierra leggings"), not at the start of a sentence.
            i += 1
            continue
        # A capitalised ordinary word just before the name belongs to it: "Grandma Jo's",
        # "Bright Smile Dental", "Luca's Trattoria" (the run below then takes what follows).
        first_name_word, linked = i, False
        while i > 0:
            if capital_word(i - 1) and not gap(i - 1, i):
                i -= 1
            elif gap(i - 1, i) in ("&", "+") and tokens[i - 1].text[:1].isupper() and not in_fact(tokens[i - 1]):
                i -= 1  # "Vine & Barrel", "Fig + Cedar": both sides of the ampersand are the name
            elif (i > 1 and fold(tokens[i - 1].text) in _NAME_LINKS and not gap(i - 2, i - 1) and not gap(i - 1, i)
                  and tokens[i - 2].text[:1].isupper() and not tokens[i - 2].text.isupper()
                  and not tokens[i - 2].sentence_start and not _is_news_word(tokens[i - 2].low)
                  and fold(tokens[i - 2].text) not in _DETERMINERS and not in_fact(tokens[i - 2])
                  and not _is_date_word(tokens[i - 2].text)):
                i -= 2  # "Bistrot du Port", "Brasserie des Halles", "Quinta do Sol"
                linked = True
            else:
                break
            t = tokens[i]
        j = i + 1
        while j < n and gap(j - 1, j) in ("", "&", "+") and not in_fact(tokens[j]) and (
                brandlike(j) or (tokens[j].text.isdigit() and len(tokens[j].text) <= 4 and not (
                    j + 1 < n and _UNIT.fullmatch(tokens[j + 1].low)))  # "Kings 16 kg": a weight
                or (tokens[j].text.isupper() and len(tokens[j].text) <= 2) or capital_word(j)
                or (fold(tokens[j].text) in ("de", "du", "del", "di", "da", "do", "von", "of", "&", "and")
                    and j + 1 < n and (brandlike(j + 1) or capital_word(j + 1)))):
            j += 1
        start, end = i, j
        if lang == "en":
            k = j
            # A word in -ed after the noun describes it: "Tidewell goggles pushed up".
            while k < n and k - j < 3 and not gap(k - 1, k).strip("\"'”»“«") and plain(k) \
                    and not (k > j and tokens[k].low.endswith("ed") and fold(tokens[k].text) not in _MODIFIERS):
                k += 1
            end = _trim_to_noun(tokens, j, k, lang, after=True)
        elif not linked:  # a name joined over "di" is whole: "teglie della Cucina di Zia Lina"
            k = i
            if k > 1 and fold(tokens[k - 1].text) in ("de", "di", "da", "do", "von", "der", "del", "della"):
                k -= 1  # "Gartenschere von Grünzeug", "pastificio di Gragnano"
            link = k
            while k > 0 and i - k < 5 and not gap(k - 1, k) and (plain(k - 1) or (
                    k > 1 and tokens[k - 1].text in ("de", "da", "di", "do", "du", "des", "del", "della", "dei")
                    and plain(k - 2) and k - 1 != link)):
                k -= 1  # "salon de tatouage Encre Sauvage", "bici da strada Veltro"
            start = k if k < link or link == i else i
            start = _trim_to_noun(tokens, start, i, lang, after=False)
        score = _score(tokens, start, end, "", in_fact, lang == "de", False, lexicon=False) + W["named"]
        camel = any(ch.isdigit() or ch.isupper() for ch in t.text[1:]) and not t.text.isupper()
        acronym = t.text.isupper() and len(t.text) <= 4 and j - i == 1  # MIPS, RGB, USB: a spec, not a name
        strong = (j - i > 1 or camel or not t.sentence_start) and not acronym
        if not strong:
            score -= W["weak_name"]  # a lone capitalised first word, or an acronym, is weak evidence of a brand
        # After "in"/"at" with only small words between, a bare name is where it happens ("in a tiny
        # Tokyo flat", "serving Tucson"); a name with its noun is worn or used ("in Volta cleats").
        place_word = fold(tokens[end - 1].text) in _GEOGRAPHY
        bare = end - start == j - i or place_word
        for back in range(start - 1, max(-1, start - 4), -1):
            f = fold(tokens[back].text)
            if f in _LOCATION_PREP or f in _PLACE_LEAD:
                score -= W["location"] if bare else 0
                break
            if not ((tokens[back].text.islower() and (f in _DETERMINERS or f in _STYLE_ONLY or f not in _known_words()))
                    or (tokens[back].text[:1].isupper() and not gap(back, back + 1))):
                break  # only small words, or more of the place's name ("in a Little Havana park"), between
        if place_word and end - start > 1:
            score -= W["location"]  # "the Maine coast", "Havana park": a place by its last word
        if bare and (text[:tokens[i].start].rstrip().endswith(("(", ",")) and (
                j == n or text[tokens[j - 1].end:].lstrip()[:1] in (")", "", ".", "!"))):
            score -= W["address"]  # "(San Salvario)", "..., Milano": an address, not a brand
        out.append(Candidate("", start, end, score, text[tokens[i].start:tokens[j - 1].end]))
        i = max(j, first_name_word + 1)  # never back: the run may have stopped before the word that began it
    return out


def _is_name_token(t: Token) -> bool:
    """A word written as a name: capitalised mid-sentence (or first but not an ordinary word),
    all caps, or with a digit (X-200)."""
    if re.fullmatch(r"\d+(?:[.,]\d+)?-[a-zß-ÿ]+", t.text):
        return False  # "100-night", "2-bed", "30-day": a quantity, not a model
    if re.fullmatch(r"\d{1,3}(?:e|er|ère|ème|eme|st|nd|rd|th|h|hs|º|ª)", t.text, re.IGNORECASE):
        return False  # "15e", "3rd", "24h": an ordinal or hours, not a model
    if any(ch.isdigit() for ch in t.text) and any(ch.isalpha() for ch in t.text):
        return True
    if t.german and not t.text.isupper():
        # Only CamelCase ("SonicPro") or a word no list knows, mid-sentence ("Hopfenglück").
        f = fold(t.text)
        camel = any(ch.isupper() for ch in t.text[1:]) and any(ch.islower() for ch in t.text)
        return camel or (t.text[:1].isupper() and not t.sentence_start and f not in _known_words()
                         and not _match_lexicon([t], german=True) and not _is_date_word(t.text))
    if t.text.isupper() and len(t.text) >= 2:
        return fold(t.text) not in _NOT_PRODUCT and fold(t.text) not in _DETERMINERS and not _is_news_word(t.low)
    if t.text[:1].isupper() and not t.sentence_start:
        return not _is_date_word(t.text) and fold(t.text) not in _DETERMINERS
    if t.text[:1].isupper() and t.sentence_start:
        f = fold(t.text)
        return not _is_date_word(t.text) and f not in _known_words() and not any(
            v in _known_words() for v in _singular(f)[1:])
    # Internal capitals ("iPhone", "GoPro") are names wherever they stand.
    return any(ch.isupper() for ch in t.text[1:]) and any(ch.islower() for ch in t.text)


@lru_cache(maxsize=1)
def _news_words() -> frozenset[str]:
    return frozenset(fold(w) for _, words in lx.NEWS_WORDS for w in words if " " not in w)


def _is_news_word(low: str) -> bool:
    return fold(low) in _news_words()


@lru_cache(maxsize=1)
def _news_phrases() -> frozenset[str]:
    return frozenset(" ".join(fold(w).replace("-", " ").split()) for _, words in lx.NEWS_WORDS for w in words)


# Words that say when, around a news word: "Opening soon", "Now open", "Coming next week".
_NEWS_TIMING = frozenset("soon now here next this week weekend today tomorrow again officially finally".split())


def is_news_talk(text: str) -> bool:
    """The news said, not what it is about: "COMING SOON", "Opening soon", "Now open", "Grand
    opening"."""
    words = fold(text).replace("-", " ").split()
    phrases = _news_phrases()
    return " ".join(words) in phrases or (
        any(w in phrases for w in words) and all(w in phrases or w in _NEWS_TIMING for w in words))


def _gaps(tokens: list[Token], a: int, b: int) -> list[str]:
    """What stands between consecutive tokens a..b-1."""
    return [tokens[k].gap for k in range(a + 1, min(b, len(tokens)))]


def _opens_brief(tokens: list[Token], s: int, e: int) -> bool:
    """Whether the noun at tokens[s:e] ends the phrase the brief opens with: only describing
    words come before it and a clause break or a small word after it ("Solid walnut standing
    desk, dual motors", "Stainless espresso machine with a PID controller"). A brief that opens
    on its product names it first; one that opens on a verb, a person or a place ("Friends
    laughing around...", "Open a ... account") does not, nor does a noun inside a longer one
    ("A book club", "laptop sleeve") or one followed by its name ("keyboard K87 Pro")."""
    if s > 5 or any(text_between.strip(" -&+'") for text_between in _gaps(tokens, 0, e)):
        return False  # a quote or a clause mark ends the opening phrase
    if e < len(tokens) and tokens[e].clause == 0:
        f = fold(tokens[e].text)
        if _is_name_token(tokens[e]) or not (f in _STOP_ALL or f in _LOCATION_PREP or f in _USE):
            return False
    for k, t in enumerate(tokens[:s]):
        f = fold(t.text)
        if k == 0 and f in _DETERMINERS:
            continue
        if f in _STOP_ALL or f in _DETERMINERS or f in _LOCATION_PREP or f in _FOR or _PEOPLE_WORD.fullmatch(f) \
                or _is_news_word(f) or _is_date_word(t.text):
            return False
        if k > 0 and t.low.endswith("ing") and tokens[k - 1].low.endswith("s") \
                and (tokens[k - 1].text.islower() or tokens[k - 1].sentence_start):
            return False  # "Graduates tossing caps": a verb after its subject ("Stride Labs running socks" is a name)
            return False
    return True


def _opening_phrase(tokens: list[Token], whole: bool = False) -> list[Token]:
    """The brief's first clause when it is a short phrase of describing words ending in a
    plain word, with a clause break after it (or, with `whole`, when it is the whole brief);
    else nothing."""
    end = next((k for k, t in enumerate(tokens) if t.clause > 0), len(tokens))
    if not 1 <= end <= 4 or (end == len(tokens) and not whole) or not _opens_brief(tokens, end - 1, end):
        return []
    last = tokens[end - 1]
    if not last.text.isalpha() or fold(last.text) in _STYLE_ONLY or fold(last.text) in _NOT_PRODUCT \
            or _is_name_token(last) or _PEOPLE_WORD.fullmatch(fold(last.text)):
        return []
    first = 1 if fold(tokens[0].text) in _DETERMINERS else 0
    while first < end - 1 and fold(tokens[first].text) in _STYLE_ONLY:
        first += 1
    return tokens[max(first, end - 3):end]


_ROMANCE_LINKS = frozenset(("de", "di", "du", "da", "do", "des", "del", "della", "dei", "in", "en", "à", "a", "al",
                            "au", "aux", "d'", "d’", "alla", "allo", "com", "con", "avec"))
_INDEFINITE = frozenset(fold(w) for w in "un une una uno um uma unos unas uns umas des".split())
_PREPOSITIONS = frozenset(fold(w) for w in """sous sur dans avec pour par chez entre vers contre sans sobre bajo hacia
desde hasta con sin para por sotto sopra tra fra per verso senza sob sobre até para com sem pelo pela""".split())
_GREETINGS = frozenset(fold(w) for w in """hola buenas buenos bonjour bonsoir salut coucou ciao salve buongiorno
buonasera olá ola oi bom boa hallo hi hello hey moin servus grüß après avant depuis desde después antes durante
pendant dopo prima durante depois antes enquanto mientras""".split())
_SCENE_OPENERS = frozenset(fold(w) for words in lx.TIME_OF_DAY.values() for w in words.split(", ")) | frozenset(
    fold(w) for w in "fim fin fine día dia jour giorno tag tarde tarda soir sera noite nuit noche notte".split())


def _romance_opening(tokens: list[Token], lang: str) -> tuple[int, int] | None:
    """The noun phrase a Spanish, French, Italian or Portuguese brief opens with, nouns first and
    joined by "de"/"in"/"à" ("Rillettes de canard", "Taglieri in legno d'ulivo", "Curso online
    de inglés"), up to a clause break, a small word, or a "de" before a name ("du Périgord").
    None when the brief opens on a person, a time, a place or a verb-like small word."""
    k = 1 if tokens and fold(tokens[0].text) in _DETERMINERS else 0
    if k >= len(tokens) or (k and fold(tokens[0].text) in _INDEFINITE):
        return None  # "Une randonneuse sous l'averse": a label is not introduced with "a"; a scene is
    first = fold(tokens[k].text)
    if not tokens[k].text.isalpha() or first in _GREETINGS or _SOON_FIRST.match(tokens[k].text + " " + (
            tokens[k + 1].text if k + 1 < len(tokens) else "")) or _JUST_OUT.match(tokens[k].text):
        return None
    if (first in _STOP_ALL or first in _SCENE_OPENERS or first in _SETTING_WORDS or _PEOPLE_WORD.fullmatch(first)
            or _is_news_word(first) or _is_date_word(tokens[k].text) or tokens[k].clause > 0
            or (not tokens[k].sentence_start and tokens[k].text[:1].isupper())):
        return None
    start, end, linked = k, k + 1, False
    while end < len(tokens) and end - start < 6 and tokens[end].clause == tokens[start].clause:
        f = fold(tokens[end].text)
        if f in _ROMANCE_LINKS and end + 1 < len(tokens) and tokens[end + 1].clause == tokens[start].clause \
                and tokens[end + 1].text[:1].islower() and fold(tokens[end + 1].text) not in _STOP_ALL:
            if linked:
                break  # one link names the thing ("Bicicletta da città"); a second describes it ("in acciaio")
            end, linked = end + 2, True  # "de canard", "in legno"
        elif tokens[end].text[:1].islower() and f not in _STOP_ALL and f not in _PREPOSITIONS and not _is_date_word(f):
            end += 1  # "online", "stagionato"
        else:
            break
    words = [t.low for t in tokens[start:end]]
    if any(_PEOPLE_WORD.fullmatch(w) or (lang in _GERUND and _GERUND[lang].match(w)) or w in lx.COMMON_WORDS
           or w in _NOT_PRODUCT for w in words):
        return None  # a person, someone doing something, or an ordinary word: not a product's label
    if end < len(tokens) and fold(tokens[end].text) in _ROMANCE_LINKS and linked and tokens[end].clause == tokens[start].clause:
        if re.search(r"(?:ado|ada|ido|ida|eito|eita|ito|ita|ato|ata|é|ée|és|ées)$", tokens[end - 1].low):
            end -= 1  # "Tapete de algodão feito à mão": "feito à mão" says how it is made
        return start, end  # stopped at a second link: the name ends before what describes it
    # Only a phrase the brief sets apart with a clause break reads as a label for the product
    # ("Rillettes de canard du Périgord, recette..."): "Niños jugando fútbol en..." goes on.
    if end < len(tokens) and tokens[end].clause == tokens[start].clause:
        if not (fold(tokens[end].text) in _ROMANCE_LINKS and end + 1 < len(tokens)
                and tokens[end + 1].text[:1].isupper()):
            return None  # ...except before "de" and a name: "Thé vert Sencha de Feuille & Théière"
    return start, end


def _score(tokens: list[Token], s: int, e: int, noun: str, in_fact, german: bool = False,
           romance: bool = False, lexicon: bool = True) -> float:
    score = 0.0
    if tokens[s].clause == 0:
        score += W["first_clause"]  # the first clause of a brief usually names what it is about
        if lexicon and _opens_brief(tokens, s, e):
            score += W["opens_brief"]
    window = [fold(t.text) for t in tokens[max(0, s - 4):s]]
    ours = [k for k, w in enumerate(window) if w in _OUR]
    if ours and ours[-1] > 0 and window[ours[-1] - 1] in _LOCATION_PREP:
        score -= W["location"]  # "at our Dublin shop", "en nuestra tienda": where it is sold, not what
    elif ours:
        score += W["our"]
    prev = window[-1] if window else ""
    prev2 = window[-2] if len(window) > 1 else ""
    if any(w in _FOR for w in window[-3:]):
        score += W["for"]
    offer_before = any(w in ("sale", "off", "discount", "deal", "deals", "sales", "%") for w in window)
    if offer_before:
        score += W["offer_before"]  # "sale on flights", "50% off all sofas"
    elif prev in _LOCATION_PREP or (prev in _DETERMINERS and prev2 in _LOCATION_PREP):
        score -= W["location"]  # "in a cafe", "around the campfire": where it happens, not what is sold
    if s > 0 and _is_name_token(tokens[s - 1]) and not german:
        score += W["name_before"]  # a brand before the noun (in German every noun is capitalised)
    if any(w in _USE for w in window[-3:]):
        score += W["with"]  # "with a steel thermos"
    if romance and e < len(tokens) and _is_name_token(tokens[e]) and not in_fact(tokens[e]):
        score += W["name_after"]  # "farina Antico Mulino": the brand after the noun
    if any(w in _USE_VERBS for w in window[-3:]):
        score += W["use_verb"]  # "sipping from ...", "wearing a lace gown"
    if noun in _SETTING_NOUNS and not any(w in _OUR for w in window):
        score -= W["setting"]  # a place the scene happens in, unless it is ours
    if noun in ("trip", "store", "studio", "course", "festival", "delivery"):
        score -= 1  # generic words: a more specific noun wins
    if in_fact(tokens[s]):
        score -= 6
    # Earlier mentions are the subject more often than later ones.
    score -= W["position"] * s
    return score


def _grow_left(tokens: list[Token], s: int, text: str, limit: int = 4, in_fact=lambda t: False) -> int:
    def text_of(a: int, b: int) -> str:
        return text[a:b]

    i = s
    while i > 0 and s - i < limit:
        t = tokens[i - 1]
        if in_fact(t):
            break  # "a Trastevere l'osteria": the place is not part of the name
        f = fold(t.text)
        gap = text_of(t.end, tokens[i].start)
        gap_has_punct = bool(gap.strip()) and gap.strip() not in ("&", "+")
        if f in _DETERMINERS or f in _FOR or f in _LOCATION_PREP or f in _STYLE_ONLY or _RUN_BY.fullmatch(t.text):
            break
        if _is_name_token(t) or f in _MODIFIERS or (f.isdigit() and len(f) <= 3):
            if gap_has_punct:
                break
            i -= 1
            continue
        if t.sentence_start and t.text[:1].isupper() and (f in _MODIFIERS or (
                i < s and _is_name_token(tokens[i]) and f not in lx.COMMON_WORDS and f not in _news_words())):
            i -= 1
            continue
        break
    return i


def _grow_right(tokens: list[Token], e: int, lang: str, text: str) -> int:
    i = e
    # Model numbers and name words after the noun: "iPhone 15 Pro", "Series 5".
    while i < len(tokens) and i - e < 3:
        t = tokens[i]
        if text[tokens[i - 1].end:t.start].strip():
            break  # punctuation between
        if (i > e and fold(t.text) in ("du", "de", "del", "di", "da", "do", "von", "of") and i + 1 < len(tokens)
                and _is_name_token(tokens[i + 1]) and _is_name_token(tokens[i - 1])):
            i += 1  # "Col du Vent"
            continue
        if t.text.isdigit() and i + 1 < len(tokens) and _UNIT.fullmatch(tokens[i + 1].low):
            break  # "16 kg": a spec, not a model number
        if (t.text.isdigit() and len(t.text) <= 4) or (_is_name_token(t) and (not t.text.isupper() or any(
                ch.isdigit() for ch in t.text)) and fold(t.text) not in _NOT_PLACE and not _is_date_word(t.text)):
            if lang == "en" and t.text[:1].isupper() and not any(ch.isdigit() for ch in t.text) and i == e:
                # "earbuds Nimbus" is rare in English; a capital after the noun starts something else.
                break
            i += 1
            continue
        break
    if lang in ("es", "fr", "it", "pt") and i < len(tokens) - 1:
        link, nxt = fold(tokens[i].text), tokens[i + 1]
        link = tokens[i].text.lower()
        if link in _ROMANCE_LINK and not text[tokens[i - 1].end:tokens[i].start].strip() and nxt.text.islower() \
                and (link not in ("en", "a", "à", "al") or fold(nxt.text) in _ROMANCE_MATERIALS):
            nf = fold(nxt.text)
            if nf not in _NOT_PRODUCT and nf not in _DETERMINERS and nf not in _STOP_ALL and not _is_date_word(nxt.text) \
                    and not nxt.text[:1].isdigit():
                i += 2  # "zapatillas de running", "app de recetas", "sac en cuir"
        # One trailing adjective: "café orgánico", "montre connectée".
        if i < len(tokens) and fold(tokens[i].text) in _ROMANCE_ADJ and not text[tokens[i - 1].end:tokens[i].start].strip():
            i += 1
    return i


_ROMANCE_FUNCTION = frozenset(fold(w) for w in (
    "sul", "sulla", "sui", "nel", "nella", "nei", "al", "alla", "ai", "dal", "dalla", "col", "nos", "nas", "num",
    "numa", "pelo", "pela", "au", "aux", "sur", "avec", "sans", "pour", "par", "con", "sin", "por", "para", "com",
    "sem", "em", "entre", "chez", "dans", "tra", "fra", "su", "in", "a", "à", "y", "e", "et", "o", "ou", "linha",
    "gamma", "gama", "gamme", "línea", "linea", "nova", "nuova", "nueva", "nouvelle"))
_ROMANCE_MATERIALS = frozenset(fold(w) for w in (
    "running", "cuero", "cuir", "cuoio", "couro", "piel", "pelle", "madera", "bois", "legno", "madeira", "lujo", "luxe",
    "lusso", "luxo", "vidrio", "verre", "vetro", "vidro", "acero", "acier", "acciaio", "aço", "algodón", "coton",
    "cotone", "algodão", "lana", "laine", "seda", "soie", "seta", "especialidad", "spécialité", "specialità",
    "especialidade", "montaña", "montagne", "montagna", "montanha", "ciudad", "ville", "città", "cidade", "yoga",
    "surf", "café", "caffè", "té", "thé", "chá", "trail", "trekking", "oliva", "olive", "soja", "sol", "mar",
    "noche", "nuit", "notte", "noite", "casa", "maison", "cocina", "cuisine", "cucina", "cozinha", "viaje", "voyage",
    "viaggio", "viagem", "mujer", "femme", "donna", "mulher", "hombre", "homme", "uomo", "homem", "niños", "enfant",
    "enfants", "bambini", "crianças", "ouvido", "pesca", "pêche", "golf", "tenis", "tennis", "bain", "baño", "bagno",
    "banho"))
_ROMANCE_ADJ = frozenset(fold(w) for w in (
    "orgánico", "orgánica", "orgánicos", "ecológico", "ecológica", "artesanal", "artesanales", "eléctrica",
    "eléctrico", "inalámbricos", "inalámbricas", "vegano", "vegana", "bio", "biologique", "artisanal", "artisanale",
    "électrique", "connectée", "connecté", "vegan", "végan", "sans fil", "biologico", "biologica", "artigianale",
    "elettrica", "elettrico", "vegano", "orgânico", "orgânica", "artesanal", "elétrica", "elétrico", "vegana",
    "premium", "sostenible", "sostenibile", "sustentável", "durable", "deportivas", "deportivos", "fresco",
    "fresca", "frais", "fraîche", "caseros", "casero", "maison"))


@dataclass(frozen=True)
class ProductGuess:
    name: str
    brand: str
    noun: str
    category: str


# "ahora somos Tierra Lenta", "Nous devenons Cléo !": the new name said by its owners.
_NAME = r"([A-ZÀ-Ý][\w'’&.+\-]*(?:\s+&?\s*[A-ZÀ-Ý][\w'’&.+\-]*){0,3})"
_WE_ARE_NOW = re.compile(
    r"(?i:(?:we'?re|we are) now(?: called)?|now we'?re|ahora somos|ahora nos llamamos|nous devenons|nous sommes désormais|"
    r"désormais,? nous sommes|on devient|wir heißen jetzt|wir heissen jetzt|wir sind jetzt|ora siamo|adesso siamo|"
    r"ora ci chiamiamo|agora somos|agora nos chamamos|passamos a ser|pasamos a ser)\s+['\"“«„‘]?" + _NAME)
_REBRAND = re.compile(
    r"([A-ZÀ-Ý][\w'’&.+\-]*(?:\s+(?:&\s+)?[A-ZÀ-Ý][\w'’&.+\-]*){0,3})\s+(?:is now called|is now|now called|becomes|is becoming|"
    r"→\s*now|→|->|devient|s'appelle désormais|s'appelle maintenant|se convierte en|ahora se llama|se llama ahora|"
    r"ahora es|se llama|diventa|ora si chiama|si chiama ora|ora è|agora se chama|agora é|passa a ser|wird zu|heißt jetzt|heisst jetzt|"
    r"renamed to|(?:we're|we are|are) now|devient désormais|s'appelle|heißt ab sofort|pasa a llamarse|passa a chamar-se|"
    r"passa a se chamar|passa a chiamarsi|prend le nom de|change de nom pour|cambia nome in|heißt künftig|heißt nun|"
    r"cambia nome e diventa|change de nom et devient|cambia de nombre y pasa a ser|cambia de nombre y se convierte en|"
    r"muda de nome e passa a ser|muda de nome para|changes its name and becomes|ändert den namen in|"
    r"(?:has )?changed its name to|changes its name to|has a new name\s*:?|tiene (?:un )?nuevo nombre\s*:?|"
    r"a un nouveau nom\s*:?|hat einen neuen namen\s*:?|ha un nuovo nome\s*:?|tem (?:um )?novo nome\s*:?)\s+['\"“«„‘]?([A-ZÀ-Ý][\w'’&.+\-]*(?:\s+&?\s*[A-ZÀ-Ý][\w'’&.+\-]*){0,3})"
    r"|(?i:aus|de|from)\s+['\"“«„‘]?([A-ZÀ-Ý][\w'’&.+\-]*(?:\s+[A-ZÀ-Ý][\w'’&.+\-]*){0,2})['\"”»’]?\s+(?:wird|se convierte en|devient|becomes|"
    r"diventa|vira)\s+['\"“«„‘]?([A-ZÀ-Ý][\w'’&.+\-]*(?:\s+&?\s*[A-ZÀ-Ý][\w'’&.+\-]*){0,3})"
    r"|(?i:formerly known as|anciennement|antes conocid[oa] como|früher|ehemals|precedentemente|antigamente)\s+"
    r"([A-ZÀ-Ý][\w'’&.+\-]*(?:\s+&?\s*[A-ZÀ-Ý][\w'’&.+\-]*){0,3})[^A-ZÀ-Ý]{0,40}?(?i:now|ahora|désormais|jetzt|ora|agora)"
    r"\s+(?:called\s+)?['\"“«„‘]?([A-ZÀ-Ý][\w'’&.+\-]*(?:\s+&?\s*[A-ZÀ-Ý][\w'’&.+\-]*){0,3})"
    # "Da oggi Assicura Più si chiama Scudo Assicurazioni": from today, X is called Y
    r"|(?i:da oggi|a partir de hoy|desde hoy|dès aujourd'hui|à partir d'aujourd'hui|ab heute|ab sofort|a partir de hoje|"
    r"from today|as of today|starting today)\s+([A-ZÀ-Ý][\w'’&.+\-]*(?:\s+&?\s*[A-ZÀ-Ý][\w'’&.+\-]*){0,3})\s+"
    r"(?i:si chiama|se llama|s'appelle|heißt|heisst|se chama|is called|is named)\s+['\"“«„‘]?"
    r"([A-ZÀ-Ý][\w'’&.+\-]*(?:\s+&?\s*[A-ZÀ-Ý][\w'’&.+\-]*){0,3})"
    # "X and Y have merged. Say hello to Z": the merged name is the new one.
    r"|(?:([A-ZÀ-Ý][\w'’&.+\-]*(?:\s+[A-ZÀ-Ý][\w'’&.+\-]*){0,3}\s+(?:and|&|y|et|und|e)\s+[A-ZÀ-Ý][\w'’&.+\-]*"
    r"(?:\s+[A-ZÀ-Ý][\w'’&.+\-]*){0,3})\s+)?(?i:have merged|merged|se han fusionado|se fusionan|ont fusionné|fusionnent|haben fusioniert|fusionieren|"
    r"si sono fuse|si fondono|se fundiram|fundiram-se)[^.!?]{0,60}[.!?]?\s*(?:and\s+|y\s+|et\s+|und\s+|e\s+)?"
    r"(?i:say hello to|meet|welcome|introducing|saluda a|conoce a|bienvenue à|dites bonjour à|willkommen|sagt hallo zu|"
    r"benvenuta|conheça|diga olá (?:a|à|ao))\s+['\"“«„‘]?([A-ZÀ-Ý][\w'’&.+\-]*(?:\s+&?\s*[A-ZÀ-Ý][\w'’&.+\-]*){0,3})")
_LABELLED = re.compile(r"(?:^|[\s\n])(?:product|produkt|producto|produit|prodotto|produto|product name|"
                       r"(?<![a-zà-ÿ]\s)(?:nombre|nome)|"  # not "cambia de nombre: ...", "Cambiamo nome: ..."
                       r"nom du produit|produktname)(?!\s+(?:description|video|beschreibung))\s*:\s*([^\n.;,—–(|•]{2,60})",
                       re.IGNORECASE)
# Clauses that describe how the ad should look, not what it sells.
_LOOK_CLAUSE = re.compile(r"(?:shot|filmed|styled|lit|graded|edited)\s+like\s+[^,.;:!?]*|in the style of\s+[^,.;:!?]*"
                          r"|(?:[A-Z][\w'’-]*\s+){1,3}(?:vibes?|style|aesthetic|energy)\b"
                          r"|(?:make it|should) (?:feel|look) like\s+[^,.;:!?]*|think\s+[A-Z][^,.;:!?]*"
                          r"|vibes? of\s+[^,.;:!?]*", re.IGNORECASE)
_CALLED = re.compile(r"(?:called|named|brand|(?:the |our |its |their )?name is|name['’]s|(?:the one )?(?:i want to )?feature is(?: the)?|"
                     r"llamad[oa]|se llama|appelée?|s'appelle|nommée?|namens|heißt|chiamat[oa]|si chiama|chamad[oa]|"
                     r"se chama)\s+[\"“«'„]?"
                     # "si chiama Vento in Poppa", "heißt Physio im Hof": small words may join a name's words
                     r"([A-ZÀ-Ý0-9][\w'’&.\-]*(?:\s+(?:(?:de|del|della|di|da|do|dos|das|du|des|von|im|am|in|ai|al|alla|"
                     r"sul|sulla|of|the|la|le|el|zum|zur|y|e|et|und|&)\s+)?[A-ZÀ-Ý0-9][\w'’&.\-]*){0,3})", re.UNICODE)
# (A quoted rule is no name: "no sugar talk", 'nada de precios'.)
_QUOTED = re.compile(r"[\"“«„](?!\s*(?i:no|not|don['’]t|never|nada|pas|kein|keine|non|não|sin|sans|ohne|senza|sem)\s)"
                     r"([^\"”»“]{2,56})[\"”»“]"
                     r"|(?<![\w])'(?!\s*(?i:no|not|never|nada|pas|kein|keine|non|não|sin|sans|ohne|senza|sem)\s)"
                     r"([^']{2,56})'(?![\w])")
_BY = re.compile(r"(?<![\w])(?:by|from|de|von|di|da)\s+([A-ZÀ-Ý][\w'’&.\-]+(?:\s+(?:&\s+)?[A-ZÀ-Ý][\w'’&.\-]+){0,2})")


_HOST = re.compile(r"(?<![\w])(?i:join|hosted by|presented by|organi[sz]ed by|with|by|con|avec|mit|organizado por|"
                   r"organisé par|veranstaltet von|organizzato da|organizado pelo?|organizado pela)\s+"
                   r"([A-Z][\w'’&.\-]+(?:\s+[A-Z][\w'’&.\-]+){0,2})")
_NAME_RUN = r"([A-Z][\w'’&.\-+]*(?:\s+(?:&\s+|\+\s+)?[A-Z0-9][\w'’&.\-+]*){0,3})"
_WE_ARE = re.compile(r"(?:^|[.!?]\s+|[,:;—–]\s*)(?i:we're|we’re|we are|somos|nous sommes|wir sind|siamo)\s+"
                     r"(?i:the\s+|el\s+|la\s+|il\s+|lo\s+|o\s+|a\s+|les\s+|los\s+|die\s+)?" + _NAME_RUN)
_IS_THE = re.compile(r"(?:^|[.!?]\s+)" + _NAME_RUN + r"\s+(?:is|es|est|ist|è|é)\s+(?:the|a|an|your|el|la|un|una|le|"
                     r"une|der|die|das|ein|eine|il|lo|o|um|uma|tu|ton|ta|dein|deine|seu|sua)\s")


def find_product(text: str, lang: str, facts: Facts) -> ProductGuess:
    tokens = tokenize(text, lang)
    if not tokens:
        return ProductGuess("", "", "", "product")
    labelled = _LABELLED.search(text)
    if labelled:
        # "Product: PocketVolt power bank" in a pasted description says it outright.
        value = " ".join(labelled.group(1).split()[:6]).strip(" .,;:")
        if value:
            inner = find_product(value, lang, Facts()) if value != text else None
            brand = inner.brand if inner and inner.brand else ""
            noun = inner.noun if inner else ""
            return ProductGuess(_tidy_name(value), brand, noun, category_of(noun))
    renamed = _REBRAND.search(text)
    if renamed:
        new = re.split(r"[.!?;:]\s", (renamed.group(2) or renamed.group(4) or renamed.group(6)
                                      or renamed.group(8) or renamed.group(10)))[0].strip(" .'\"”»’")
        return ProductGuess(_tidy_name(new), new, "", "product")
    renamed = _WE_ARE_NOW.search(text)
    if renamed:
        new = re.split(r"[.!?;:]\s", renamed.group(1))[0].strip(" .'\"”»’")
        return ProductGuess(_tidy_name(new), new, "", "product")

    def in_fact(t: Token) -> bool:
        return any(a <= t.start < b for a, b in facts.spans) and not any(a <= t.start < b for a, b in facts.offer_spans)

    instructions = [m.span() for m in _LOOK_CLAUSE.finditer(text)]

    def in_instruction(t: Token) -> bool:
        return any(a <= t.start < b for a, b in instructions)

    # A quoted line that is a sentence ("'Strider. Own the early miles.'") is a tagline, not a name;
    # one that sends people to a web address ("'Visit freegiftcards.biz for a prize'") is neither.
    quoted = next((q for q in (m.group(1) or m.group(2) for m in _QUOTED.finditer(text))
                   if q and q.strip() and not re.search(r"\w[.!?]\s+[A-ZÀ-Ý]|\s\w+\s\w+[.!?]$", q.strip())
                   and not _WEB_ADDRESS.search(q)), "")
    called = _CALLED.search(text)
    called_name = re.split(r"[.!?]\s", called.group(1))[0].strip(" .") if called else ""
    quoted_call = _QUOTED.match(text, called.start(1) - 1) if called else None
    if quoted_call:
        called_name = (quoted_call.group(1) or quoted_call.group(2)).strip(" .")  # "called 'Cash flow for freelancers'"
    if not called_name:
        # "we're Tandem Trails", "Somos Casa Marisma", "Snapdesk is the helpdesk for ...": the
        # brief says outright who it is about.
        said = _WE_ARE.search(text) or _IS_THE.search(text)
        if said and fold(said.group(1).split()[0]) not in lx.COMMON_WORDS | _known_words() | _DETERMINERS:
            called_name = said.group(1).strip(" .")
    brand_hint = called_name or quoted.strip()
    # A quoted title of four words or more ("'Forecasting Demand with Messy Data'") is the
    # thing's name, not a brand: the brand is who runs it ("Join Quantix", "hosted by ...").
    host = None
    if not called_name and len(brand_hint.split()) >= 4:
        host = _HOST.search(_QUOTED.sub(lambda m: " " * len(m.group()), text))  # not "with" inside the title
    hint_brand = host.group(1).rstrip(".'’") if host and not _is_date_word(host.group(1)) else brand_hint

    cands: list[Candidate] = []
    for s, e, noun in _match_lexicon(tokens, german=lang == "de"):
        if in_fact(tokens[s]) and in_fact(tokens[e - 1]):
            continue
        if in_instruction(tokens[s]):
            continue  # "shot like a luxury car ad" describes the look, not the product
        after = fold(tokens[e].text) if e < len(tokens) else ""
        if lang == "en" and after in ("by", "now", "your", "today", "online", "a", "the", "our") \
                and fold(tokens[s].text) in _VERB_NOUNS:
            continue  # "book by Friday", "book your table": a verb
        if (lang == "en" and tokens[s].text[:1].isupper() and not tokens[s].sentence_start and e < len(tokens)
                and (_is_name_token(tokens[e]) or text[tokens[s].end:tokens[e].start].strip() in ("&", "+"))):
            continue  # "Kettle & Crumb", "Cloud Perch": part of a name
        if all(fold(t.text) in _NOT_PRODUCT for t in tokens[s:e]):
            continue
        in_offer = any(a <= tokens[s].start < b for a, b in facts.offer_spans)
        cands.append(Candidate(noun, s, e, _score(tokens, s, e, noun, in_fact, lang == "de",
                                                       lang in ("es", "fr", "it", "pt")) - W["in_offer"] * in_offer))
    cands += _marked_unknowns(tokens, lang, cands, in_fact, text)
    opening = _romance_opening(tokens, lang) if lang in ("es", "fr", "it", "pt") else None
    if opening and not in_fact(tokens[opening[0]]):
        cands.append(Candidate("", *opening, W["first_clause"] + W["opens_brief"] + W["with"]))
    cands += _named_candidates(tokens, lang, in_fact, in_instruction, text)
    if cands:
        best = max(cands, key=lambda c: c.score)
        # Nouns written together make one compound whose head is the last: "yoga workshop".
        following = {c.start: c for c in cands}
        while best.end in following and not text[tokens[best.end - 1].end:tokens[best.end].start].strip(" \"'”»“«"):
            nxt = following[best.end]
            best = Candidate(nxt.noun, best.start, nxt.end, best.score, best.brand or nxt.brand)
        s = _grow_left(tokens, best.start, text, in_fact=in_fact)
        if best.noun and _opens_brief(tokens, best.start, best.end):
            # The brief opens on its product: the words before the noun are part of its name even
            # when no list knows them ("barrier repair moisturizer"); of a longer run only the
            # last ("natural wool dryer balls" -> "dryer balls"). Words that style the ad are not.
            first = 1 if fold(tokens[0].text) in _DETERMINERS else 0
            lead = first if best.start - first <= 2 else best.start - 1
            while lead < best.start and fold(tokens[lead].text) in _STYLE_ONLY:
                lead += 1
            s = min(s, lead)
        e = _grow_right(tokens, best.end, lang, text)
        opening = _opening_phrase(tokens, whole=True)
        if best.noun and opening and tokens.index(opening[0]) <= best.start < tokens.index(opening[-1]) + 1:
            e = max(e, tokens.index(opening[-1]) + 1)  # "Matcha latte mix, ...": the phrase names it whole
        words = tokens[s:e]
        name = text[words[0].start:words[-1].end]
        head = set(range(best.start, best.end))
        # Name words outside the head noun ("Aurora" e-bike, "XR" headphones), but not the
        # generic abbreviations a noun phrase carries ("EV" charger, "LED" lamp).
        names = [t.text for k, t in enumerate(words, start=s) if k not in head and fold(t.text) not in _MODIFIERS
                 and (_is_name_token(t) and not any(ch.isdigit() for ch in t.text)
                      or (t.text.isupper() and len(t.text) > 1))]
        brand = best.brand or (names[0] if names else "")
        if called_name and fold(called_name) not in fold(name):
            # "…our limoncello? Si chiama Costiera": the name the brief gives is the product's.
            name = brand = called_name
        elif brand_hint and fold(name) in fold(brand_hint):
            name, brand = brand_hint, hint_brand  # the NP is part of the quoted title: use the title whole
        elif brand_hint and fold(brand_hint) not in fold(name):
            if len(name.split()) <= 3 and len(brand_hint.split()) < 3:
                # English names the brand first ("Aurum watches"), the Romance languages last.
                name = f"{name} {brand_hint}" if lang in ("es", "fr", "it", "pt") else f"{brand_hint} {name}"
            brand = brand_hint
        elif brand_hint:
            brand = brand_hint
        maker = _BY.match(text, words[-1].end + 1) if not called_name and not brand_hint else None
        if maker and not _is_date_word(maker.group(1)) and not _is_news_word(maker.group(1).lower()):
            brand = maker.group(1)  # "X2 Pro action camera from Rivet": the maker, written right after
        if not brand:
            by = _BY.search(text)
            if by and not _is_date_word(by.group(1)) and not _is_news_word(by.group(1).lower()):
                brand = by.group(1)
        noun = best.noun or next((c.noun for c in sorted(cands, key=lambda c: -c.end)
                                  if c.noun and s <= c.start and c.end <= e), "")
        owner = re.match(r"^([A-Z][^'’]*?)['’]s\s+([a-z].*)$", name)
        if owner and not called_name and not _match_lexicon(tokenize(owner.group(2), lang)):
            # "Tempo's dashboard": the owner is what is sold; but "Abuela Carmen's salsa verde"
            # and "chef's knife" name a product the lists know.
            name = owner.group(1)
        name = without_quotes(name)
        return ProductGuess(_tidy_name(name), brand.strip(" \"“”«»„"), noun, category_of(noun))
    # No known noun: a name the brief gives, else the phrase after "for"/"our".
    if brand_hint:
        return ProductGuess(_tidy_name(brand_hint), hint_brand.strip(), "", "product")
    names = [t for t in tokens if _is_name_token(t) and not in_fact(t) and fold(t.text) not in _NOT_PRODUCT
             and not _RUN_BY.fullmatch(t.text)]
    if lang == "de":
        # A German brief usually opens with its subject: "Weinfest im Weingut ...".
        first = next((t for t in tokens if t.text[:1].isupper() and fold(t.text) not in _known_words()
                      and not in_fact(t) and not _is_date_word(t.text)), None)
        if first is not None:
            names = [first]
    phrase = _phrase_after_marker(tokens, in_fact, text)
    if names:
        # Consecutive name words make one name ("Luna Bakery", "Studio Nine").
        i = tokens.index(names[0])
        if i > 0 and tokens[i - 1].sentence_start and tokens[i - 1].text[:1].isupper() \
                and not text[tokens[i - 1].end:tokens[i].start].strip() and fold(tokens[i - 1].text) not in _DETERMINERS \
                and fold(tokens[i - 1].text) not in lx.COMMON_WORDS and not _RUN_BY.fullmatch(tokens[i - 1].text):
            i -= 1  # "Bright Smile Dental": a name's first word may also be an ordinary word
        j = i + 1
        while j < len(tokens) and (_is_name_token(tokens[j]) or tokens[j].text.isdigit()) and not in_fact(tokens[j]) \
                and not text[tokens[j - 1].end:tokens[j].start].strip():
            j += 1
        # Take one lower-case noun after the name when it names the thing ("Zenly app").
        nm = text[tokens[i].start:tokens[j - 1].end]
        return ProductGuess(_tidy_name(nm), nm, "", "product")
    if phrase:
        return ProductGuess(_tidy_name(phrase), "", "", "product")
    opening = _opening_phrase(tokens)
    if opening:
        # "ceramic planters, matte glaze, drainage holes": a brief that opens on a short noun
        # phrase and goes on to describe it names its product first, known to a list or not.
        return ProductGuess(_tidy_name(text[opening[0].start:opening[-1].end]), "", "", "product")
    if facts.places and re.fullmatch(r"[A-Z][\w'’+\-]+", facts.places[0]):
        # "planning their sprint in Taskflow": with nothing else named, the one name is the product.
        return ProductGuess(facts.places[0], facts.places[0], "", "product")
    content = [t for t in tokens if fold(t.text) not in _STYLE_ONLY and fold(t.text) not in _DETERMINERS
               and fold(t.text) not in _NOT_PRODUCT and not in_fact(t) and fold(t.text) not in _STOP_ALL]
    if content:
        return ProductGuess(_tidy_name(" ".join(t.text for t in content[-2:])), "", "", "product")
    return ProductGuess("", "", "", "product")


_STOP_ALL = frozenset(fold(w) for ws in lx.STOPWORDS.values() for w in ws) | frozenset(
    ("create", "make", "generate", "design", "produce", "write", "need", "want", "please", "an", "ad", "video"))
_PHRASE_END = frozenset(fold(w) for w in (
    "is", "are", "was", "were", "has", "have", "had", "will", "can", "reopens", "opens", "launches", "returns",
    "arrives", "drops", "ships", "comes", "goes", "gets", "makes", "hits", "lands", "debuts", "starts", "begins",
    "runs", "turns", "becomes", "means", "keeps", "helps", "lets", "brings", "offers", "features", "includes",
    "needs", "creates", "does", "wants", "loves", "adds", "welcomes", "invites", "presents", "celebrates", "hosts",
    "makes", "gives", "takes", "lands", "launches", "unveils", "introduces", "joins", "moves", "goes", "heats",
    "under", "between", "over", "after", "before", "through", "across", "into", "onto", "upon", "underfoot",
    "pls", "plz", "please", "thanks", "then", "because", "so", "if", "when", "as", "like", "than", "each",
    "every", "both", "all", "only", "just", "now", "here", "there", "today", "tonight", "tomorrow", "tmrw",
    "with", "that", "which", "where", "who", "in", "on", "at", "to", "and", "or", "but", "while", "featuring",
    "showing", "using", "con", "avec", "mit", "und", "y", "et", "e", "que", "qui", "die", "der", "dans", "im", "em",
    "no", "na", "nel", "nella", "for", "para", "pour", "für", "per", "during", "from", "by",
    # Starting and opening, in the other languages: "tênis Passada 2 | começa dia 15/08".
    "começa", "começam", "comienza", "empieza", "arranca", "commence", "débute", "beginnt", "startet", "inizia",
    "comincia", "abre", "abrem", "ouvre", "öffnet", "apre", "llega", "chega", "arrive", "kommt", "arriva",
    # "before/after/while" in the other languages: "thermos Marinaio | prima di uscire in mare".
    "prima", "dopo", "mentre", "durante", "antes", "depois", "después", "despues", "avant", "après", "pendant",
    "während", "bevor", "nachdem"))


def _phrase_after_marker(tokens: list[Token], in_fact, text: str) -> str:
    for i, t in enumerate(tokens):
        if fold(t.text) in _OUR or fold(t.text) in ("for", "para", "pour", "für", "per", "promoting"):
            words = []
            for u in tokens[i + 1:i + 6]:
                f = fold(u.text)
                if f in _PHRASE_END or in_fact(u) or u.low.endswith("ing") and words:
                    break
                if text[t.end:u.start].strip(" ") and words:
                    break
                if f in _DETERMINERS or f in _STYLE_ONLY or f in _NOT_PRODUCT:
                    if words:
                        break
                    continue
                words.append(u.text)
            if words:
                return " ".join(words[-3:])
    return ""


def without_quotes(name: str) -> str:
    """A name without the quotes around it or its words ('Pirata Pepe -> Pirata Pepe); an
    apostrophe inside a word stays (Nonna's, Ca'd'Oro)."""
    return re.sub(r"[\"“”«»„]|(?:(?<=\s)|^)['‘]|['’](?=\s|$)", "", name)


# Firms whose name ends on an abbreviation keep its full stop ("Kiln & Co.", "Acme Inc.").
_FIRM_ENDINGS = frozenset("co inc ltd corp bros llc plc gmbh ag sa srl spa ltda cia".split())


def _without_full_stop(name: str) -> str:
    """A name taken from the end of a sentence ("... Queijo Minas da Serra.") without the
    sentence's full stop, which is no part of it."""
    last = (name.split() or [""])[-1]
    if not last.endswith(".") or len(last) <= 2 or fold(last.rstrip(".")) in _FIRM_ENDINGS | _ABBREVIATIONS \
            or "." in last[:-1]:  # "J." and "S.p.A." keep theirs
        return name
    return name[:-1]


def _tidy_name(name: str) -> str:
    name = " ".join(name.split()).rstrip(" ,.;:!?-")
    inches = name[-1] if re.search(r"\d[\"”″]$", name) else ""  # 'Laptop sleeve up to 16"': the mark is the unit
    name = name.strip(" ,.;:!?-'\"“”«»„‚‘’") + inches
    if name and name[0].islower() and not _WEB_ADDRESS.match(name):  # "cellarnine.com" stays as written
        name = name[0].upper() + name[1:]
    return name[:60]


# --- the world around it ----------------------------------------------------------------------

_SETTING_RX = [(k, _rx_words(_phrases(v) + [k])) for k, v in lx.SETTINGS.items()]
_PEOPLE_RX = [(k, _rx_words(_phrases(v))) for k, v in lx.PEOPLE.items()]
_IMPLIED_SETTING_RX = [(k, _rx_words(_phrases(v))) for k, v in lx.IMPLIED_SETTINGS.items()]
_TIME_RX = [(k, _rx_words(_phrases(v))) for k, v in lx.TIME_OF_DAY.items()]
_WEATHER_RX = [(k, _rx_words(_phrases(v))) for k, v in lx.WEATHER.items()]
# What follows a weather word when it names gear or a saying, not the weather in the scene:
# "rain jacket", "rain or shine", "Regen-Cape".
_NOT_WEATHER_AFTER = re.compile(
    r"[\s\-]*(?:jackets?|coats?|boots?|gear|covers?|shells?|ponchos?|hats?|pants|trousers|capes?|barrels?|sensors?|"
    r"gauges?|check|or shine|forests?|proof|resistant|ready|jacke|mantel|stiefel|hose|o sole|ou sol|o no|or not)\b",
    re.IGNORECASE)
_NOT_WEATHER_BEFORE = re.compile(r"(?:whatever the|any|all-|all |no matter the|rain or|pluie ou|sol o|sole o|"
                                 r"(?:capas?|botas?|chaquetas?|jaquetas?|casacos?|chubasqueros?|impermeables?|ponchos?|"
                                 r"vestes?|bottes?|manteaux?|stivali|giacche?|cappe?|mantelle?)\s+(?:de|di|da|anti)(?:\s+la)?)"
                                 r"\s*$", re.IGNORECASE)
# "rain on the window", "it's raining outside": the scene is indoors, looking out.
_WEATHER_OUTSIDE = re.compile(r"[\s,]+(?:(?:taps?|tapping|running|streaming)\s+)?(?:on|against|down)\s+the\s+windows?|"
                              r"[\s,]+(?:is\s+)?(?:outside|afuera|fuera|dehors|draußen|fuori|lá fora|la fuori|l[àa] fuori)|"
                              r"\s+(?:sur|contre)\s+(?:la|les)\s+vitres?|\s+(?:an|gegen)\s+(?:das|die)\s+(?:fenster|scheibe)",
                              re.IGNORECASE)


def find_weather(text: str, product_span: tuple[int, int] | None) -> tuple[str, bool]:
    """(weather, seen from indoors): rain or snow falling where the scene happens ("a rainy
    autumn evening", "sous la pluie"), or ""; not gear named for it ("rain jacket"), a saying
    ("rain or shine") or anything inside the product's name. Seen from indoors when it falls
    outside or on the window ("rain on the window", "mentre fuori nevica")."""
    for kind, rx in _WEATHER_RX:
        for m in rx.finditer(text):
            if product_span and product_span[0] <= m.start() < product_span[1]:
                continue
            if _NOT_WEATHER_AFTER.match(text, m.end()) or _NOT_WEATHER_BEFORE.search(text[:m.start()]):
                continue
            indoors = bool(_WEATHER_OUTSIDE.match(text, m.end())
                           or re.search(r"(?:outside|fuori|dehors|draußen|afuera|fuera|lá fora)\s*,?\s*$",
                                        text[max(0, m.start() - 20):m.start()], re.IGNORECASE))
            return kind, indoors
    return "", False
_ACTIVITY_RX = _rx_words(lx.ACTIVITIES)
_LIFESTYLE_RX = _rx_words((
    "lifestyle", "everyday", "every day", "daily", "day-to-day", "routine", "in use", "real life", "moments",
    "on the go", "vida diaria", "día a día", "quotidien", "au quotidien", "alltag", "quotidiano", "dia a dia",
    "ogni giorno", "tous les jours", "todos los días", "using it", "people using"))


def _first(rules, text: str, skip: tuple[int, int] | None = None) -> tuple[str, tuple[int, int] | None]:
    best: tuple[int, str, tuple[int, int]] | None = None
    for key, rx in rules:
        for m in rx.finditer(text):
            if skip and skip[0] <= m.start() < skip[1]:
                continue
            if best is None or m.start() < best[0]:
                best = (m.start(), key, m.span())
            break
    return (best[1], best[2]) if best else ("", None)


@dataclass(frozen=True)
class World:
    setting: str
    time_of_day: str
    people: str
    activity: str
    lifestyle_words: bool
    scene: bool = False  # the brief describes someone doing something ("a dad teaching his daughter")
    weather: str = ""  # "rain" | "snow" falling in the scene


# -- someone doing something: the grammar of a scene, whoever the people are ---------------------
# English "-ing" words that are nouns or adjectives, not someone doing something.
_NOT_ACTION_ING = frozenset("""
morning evening thing nothing something everything anything king ring wing spring string sling
clothing building wedding ceiling pudding tasting booking pricing shipping offering opening
reopening closing meeting housing parking bedding filling lighting seating frosting icing dressing
stuffing serving listing landing lining funding warning sibling darling sterling duckling dumpling during
bring sing sting swing ping pairing packaging branding marketing catering plumbing roofing flooring
painting training boarding banking billing accounting consulting coaching cleaning printing
recording streaming hosting messaging learning coding tutoring lending baking brewing tailoring
gaming timing spacing heating cooling charging tracking rating earring earrings awning topping
toppings seasoning sightseeing evening happening upcoming outstanding amazing stunning interesting
relaxing refreshing exciting inspiring charming loving caring ongoing everlasting long-lasting
detailing whitening grooming landscaping remodeling remodelling waxing threading piercing tattooing
mowing babysitting petsitting housekeeping bookkeeping ironing decorating engraving framing
""".split())
# The small words that follow a verb and never a noun modifier: "laughing around", "assembling a".
_AFTER_VERB = frozenset(fold(w) for w in """
a an the their his her its our my your them him us it this that these those in at on around through
with under to into across up down out off over along together while and after before past by from
toward towards behind beside next near inside outside alone home again back away""".split())
_AUXILIARY = frozenset("am is are was were be been being i'm we're i’m we’re 'm 're keep keeps kept".split())
_GERUND = {
    "es": re.compile(r"^[a-záéíóúñ]{3,}(?:ando|iendo|yendo)$"),
    "pt": re.compile(r"^[a-záéíóúâêôãõç]{3,}(?:ando|endo|indo)$"),
    "it": re.compile(r"^[a-zàèéìòù]{3,}(?:ando|endo)$"),
}
_NOT_GERUND = frozenset(fold(w) for w in (
    "comando", "tremendo", "estupendo", "stupendo", "horrendo", "orrendo", "dividendo", "reverendo",
    "stupendo", "segundo", "miserando", "venerando", "nefando", "memorando", "referendo", "orlando"))
# "Des mariés qui dansent", "Un papà che prepara", "Eine Dachdeckerin, die ...": someone, then what they do.
_SOMEONE_WHO = re.compile(
    r"^(?:des|deux|trois|quelques|un|une|les|uno|una|un|due|tre|dei|delle|degli|alcuni|alcune|i|le|unos|unas|dos|"
    r"tres|los|las|um|uma|uns|umas|dois|duas|três|os|as|ein|eine|zwei|drei|die)\s+(?:\S+\s*){1,3}?"
    r"(?:qui|che|que|,\s*die|,\s*der)\s+\S+", re.IGNORECASE)
_GERMAN_SCENE = re.compile(r"\bbeim\s+[A-ZÄÖÜ]\w+")


def _scene_subject(text: str, tokens: list[Token], lang: str, product_span: tuple[int, int] | None) -> str | None:
    """Who the brief shows doing something, or None when it shows nobody doing anything:
    "Two welders finishing a gate" -> "welders", "Un perro corriendo por el parque" -> "perro",
    "Des potes qui font un tournoi" -> "potes", "Familie beim Wandern" -> "Familie". A verb form
    tells it, so no list of the people or of what they do is needed; "" when the verb is clear
    but its subject is not."""
    def in_product(t: Token) -> bool:
        return bool(product_span) and product_span[0] <= t.start < product_span[1]

    def subject_before(k: int) -> str:
        if k > 0 and tokens[k - 1].clause == tokens[k].clause:
            word = tokens[k - 1].text
            if fold(word) not in _DETERMINERS and fold(word) not in _STOP_ALL and word.isalpha():
                return word
        return ""

    m = _SOMEONE_WHO.match(text.strip())
    if m and not _match_lexicon(tokenize(m.group(), lang), german=lang == "de"):
        # ...unless the one "who" acts is the product: "Une crème qui hydrate"
        words = re.findall(r"[^\W\d_][\w'’\-]*", m.group())
        who = next((i for i, w in enumerate(words) if fold(w) in ("qui", "che", "que", "die", "der")), 0)
        return words[who - 1] if who > 0 else ""
    if lang == "de":
        beim = _GERMAN_SCENE.search(text)
        if beim:
            before = re.findall(r"[^\W\d_][\w\-]*", text[:beim.start()])
            return before[-1] if before else ""
    sentence = 0
    for k, t in enumerate(tokens):
        sentence += k > 0 and t.sentence_start
        if sentence > 1:
            break  # a scene is set at the start; later "the varnish catching the light" is a shot
        low = fold(t.text)
        if in_product(t) or not t.text.islower():
            continue
        if lang == "en" and low.endswith("ing") and len(low) > 5 and low not in _NOT_ACTION_ING \
                and k > 0 and fold(tokens[k - 1].text) not in _DETERMINERS | _AUXILIARY:
            # Only a small word after it tells a verb from a modifier ("showing up", "assembling
            # a" but "weather sealing," "hiking boots"); after "I'm"/"been" the writer talks.
            nxt = tokens[k + 1] if k + 1 < len(tokens) else None
            if nxt is not None and nxt.clause == t.clause and fold(nxt.text) in _AFTER_VERB:
                return subject_before(k)
        if lang in _GERUND and _GERUND[lang].match(low) and low not in _NOT_GERUND:
            return subject_before(k)
    return None


# "in a dusty workshop", "at the harbour", "dans un atelier": where a scene happens, whether or
# not a list knows the place (the renderer finds its words or falls back to a room or landscape).
_WHERE = re.compile(r"(?<![\w])(?:in|at|inside|on|by|en|dans|sur|im|in der|in einem|in einer|auf der|am|nel|nella|"
                    r"sul|sulla|no|na|num|numa|em)\s+(?:(?:a|an|the|their|his|her|our|un|une|le|la|les|el|los|"
                    r"las|il|lo|o|os|as|um|uma|der|die|das|dem|den|einem|einer)\s+)?"
                    r"((?:[a-zà-ÿ][\w\-]*\s+){0,2}[a-zà-ÿ][\w\-]*)", re.IGNORECASE)


def _scene_place(text: str, product_span: tuple[int, int] | None) -> str:
    for m in _WHERE.finditer(text):
        if product_span and product_span[0] <= m.start(1) < product_span[1]:
            continue
        words = []
        for w in m.group(1).lower().split():
            if fold(w) in _STOP_ALL or fold(w) in _PREPOSITIONS:
                break  # "en el muelle con la caña": the place ends before "con"
            words.append(w)
        if not words or _is_date_word(words[0]) or _TIME_WORD.search(" ".join(words)) \
                or find_weather(" ".join(words), None)[0]:
            continue  # "at night", "in the pouring rain": when and in what weather, not where
        return " ".join(words)
    return ""


_TIME_WORD = _rx_words([w for words in lx.TIME_OF_DAY.values() for w in _phrases(words)])


_AUDIENCE = re.compile(r"(?:for|para|pour|für|per|aimed at|designed for|made for)\s+(?:(?:the|your|our|all|los|las|les|"
                       r"die|i|le|as|os)\s+)?(?:\S+\s+)?\S+\s*$", re.IGNORECASE)  # "for young drivers"


_AUTHOR = re.compile(r"(?<![\w])(?:i'm|i’m|i am|im|we're|we’re|we are|soy|somos|je suis|nous sommes|ich bin|wir sind|"
                     r"sono|siamo|sou)\s+(?:(?:a|an|un|una|une|ein|eine|uno|um|uma)\s+)?(?:[\w-]+\s+){0,2}$", re.IGNORECASE)


_GENERIC_PEOPLE = frozenset(fold(w) for w in """people person persons someone somebody everyone everybody guy guys
folks man men woman women lady ladies gente personas persona personnes personne leute menschen persone pessoas
pessoa todos""".split())


# Verbs that ask the maker to film something ("Show a beach volleyball crew", "Zeig ...",
# "Montrez ..."): a sentence or clause opening on one is a request, not a description.
_REQUEST_VERBS = (r"show|film|shoot|include|feature|open on|open with|start on|start with|end on|end with|cut to|"
                  r"zeig|zeige|zeigt|zeigen|zeigen sie|muestra|muestren|mostrad|montre|montrez|filme|filmez|mostra|"
                  r"mostrate|mostre|mostrem")
_REQUEST_VERB = re.compile(r"(?:^|(?<=[.!?:;—]\s)|(?<=[.!?:;—]))\s*(?:" + _REQUEST_VERBS + r")\b", re.IGNORECASE)


_PETS = frozenset(fold(w) for w in """dog dogs puppy puppies cat cats kitten kittens perro perros perrito gato gatos
chien chiens chiot hund hunde dackel welpe katze katzen gatto gatti cagnolino cão cães cachorro cachorros horse horses
caballo cheval pferd cavallo cavalo""".split())


_ARTICLE_OR_COUNT = re.compile(r"(?<![\w])(?:a|an|the|one|two|three|some|un|una|une|uno|um|uma|ein|eine|einen|il|la|"
                               r"el|le|lo|los|las|les|o|os|as|der|die|das|dos|deux|zwei|due|duas)\s", re.IGNORECASE)


_TRADES = frozenset(fold(w) for w in lx.TRADES.split())


def _names_the_trade(text: str, where: tuple[int, int]) -> bool:
    """Whether the person word stands in the short clause the brief opens on, with no article
    and nobody doing anything: "abogada laboralista", "Plombier chauffagiste", "Cabinet
    d'expertise comptable" name the business, where "A nurse coming home" is a scene."""
    first = re.split(r"[,:;.!?—–\n(]", text, maxsplit=1)[0]
    if where[1] > len(first) or len(first.split()) > 7 or fold(text[where[0]:where[1]]) not in _TRADES:
        return False
    return not _ARTICLE_OR_COUNT.search(first[:where[0]] + " ") and not any(
        w.lower().endswith(("ing", "ando", "endo")) for w in first.split())


def find_world(text: str, product_span: tuple[int, int] | None, places: tuple[str, ...] = (),
               lang: str = "en") -> World:
    # A setting word inside a place's name ("on Elm Street", "Park Avenue") is an address;
    # a place said in common words ("through downtown") is still where the scene is.
    for place in places:
        if place != place.lower():
            text = text.replace(place, " " * len(place))
    # "Show a beach volleyball crew": a request to the maker, not a show (a concert).
    text = _REQUEST_VERB.sub(lambda m: " " * len(m.group()), text)
    setting, _ = _first(_SETTING_RX, text, product_span)
    if lang != "de":
        # German "alle" is everyone; Italian "alle" is "at the" ("aperta fino alle 23").
        text = re.sub(r"(?<![\w])alle(?![\w])", "    ", text, flags=re.IGNORECASE)
    people, where = _first(_PEOPLE_RX, text, product_span)
    if people in ("person", "athlete") and where and fold(text[where[0]:where[1]]) not in _GENERIC_PEOPLE:
        people = text[where[0]:where[1]].lower()  # "skiers", "nurses": drawn as themselves where a figure exists
    if people and where and _AUDIENCE.search(text[max(0, where[0] - 30):where[1]]):
        people = ""  # "toys for toddlers": who it is for, not who is in the picture
    if people and where and _AUTHOR.search(text[max(0, where[0] - 40):where[0]]):
        people = ""  # "I'm a potter", "somos pescadores": who writes the brief, not who is in the picture
    if people and where and re.match(r"['’]s\s|\s+(?:monitor|monitors|food|seat|carrier|stroller|bottle|knife|"
                                     r"shoes|bag|toys?)\b", text[where[1]:]):
        people = ""  # "chef's knife", "baby monitor": part of the product's name
    if people and where and re.match(r"(?:group|groups|grupo|grupos|groupe|groupes|gruppe|gruppen|gruppo|gruppi)$",
                                     fold(text[where[0]:where[1]])) and (
            re.match(r"\s+(?:lessons?|class(?:es)?|sessions?|tours?|rates?|bookings?|discounts?|de\s+\d|of\s+\d|di\s+\d)",
                     text[where[1]:], re.IGNORECASE)
            or re.search(r"(?:small|large|private|pequeños?|petits?|kleine[n]?|piccoli)\s+$", text[:where[0]], re.IGNORECASE)):
        people = ""  # "small group lessons", "Grupos de 4": how a class is sold, not friends in a scene
    if people and where and fold(text[where[0]:where[1]]) in _PETS:
        after = tokenize(text[where[1]:where[1] + 40], lang)[:1]
        if after and not after[0].gap.strip() and _match_lexicon(after, german=lang == "de"):
            people = ""  # "cat tree", "dog shampoo": what the product is for, not who is in the scene
    if people and where and _names_the_trade(text, where):
        people = ""  # "abogada laboralista, despidos...", "Cabinet d'expertise comptable :": the business, not a scene
    tod, _ = _first(_TIME_RX, text)
    act = _ACTIVITY_RX.search(text)
    if not setting:
        setting, _ = _first(_IMPLIED_SETTING_RX, text, product_span)  # surfers are at the beach
    if setting == "campfire" and not tod:
        tod = "night"
    life = next((m for m in _LIFESTYLE_RX.finditer(text)
                 if not (product_span and product_span[0] <= m.start() < product_span[1])), None)
    subject = _scene_subject(text, tokenize(text, lang), lang, product_span)
    if subject is not None:
        # Someone doing something: draw them even when no list knows who they are, in the
        # place the brief puts them even when no list knows the place.
        # The subject's own word says more than the list's category ("welders" are two of them).
        # ("surfers" are drawn surfing, where the list's "athlete" would be drawn running).
        people = (subject.lower() if subject and people in ("", "person", "athlete") else people) or "person"
        setting = setting or _scene_place(text, product_span)
    weather, indoors = find_weather(text, product_span)
    if indoors and (not setting or setting not in lx.SETTINGS):
        setting = "living room"  # rain on the window: looking out from a home, not out in it
    return World(setting, tod, people, act.group().lower() if act else "", life is not None, subject is not None,
                 weather)


# --- aesthetic and qualities -------------------------------------------------------------------

_AESTHETIC_RX = [(k, _rx_words(v)) for k, v in lx.AESTHETICS]


def find_aesthetic(text: str) -> str | None:
    for key, rx in _AESTHETIC_RX:
        if rx.search(text):
            return key
    return None


_WITH_CLAUSE = re.compile(r"(?<![\w])(?:with|featuring|con|avec|mit|com)\s+([^,.;:!?\n]{3,48})", re.IGNORECASE)


def find_qualities(text: str, product: str, facts: Facts, world_words: tuple[str, ...]) -> list[str]:
    """The brief's own selling points, as short lines: "Rugged and timeless", "30-hour battery"."""
    text = _without_directions(text)  # "a single shaft of window light" sells no light
    out: list[str] = []
    titles = [m.span() for m in _QUOTED_ANY.finditer(text)]  # "'Forecasting Demand with Messy Data'"
    for m in _WITH_CLAUSE.finditer(text):
        phrase = m.group(1).strip()
        low = fold(phrase)
        if any(a <= m.start(1) < b for a, b in [*facts.spans, *titles]) or fold(product) in low:
            continue
        if any(w and fold(w) in low for w in world_words):
            continue
        words = phrase.split()
        if words and fold(words[0]) in ("our", "the", "a", "an", "your", "friends", "family"):
            continue
        out.append(_tidy_name(phrase))
    # Quality adjectives, joined as the brief joins them: "rugged and timeless".
    tokens = tokenize(text)
    run: list[Token] = []
    for t in [*tokens, None]:
        if t is not None and fold(t.text) in _QUALITY and fold(t.text) not in fold(product):
            if run and not re.fullmatch(r"\s*(?:,|and|&|y|et|und|e|or)?\s*", text[run[-1].end:t.start], re.IGNORECASE):
                out.append(_tidy_name(text[run[0].start:run[-1].end]))
                run = []
            run.append(t)
        elif run and t is not None and fold(t.text) in ("and", "y", "et", "und", "e", "or"):
            continue  # "rugged and timeless" is one line
        elif run:
            out.append(_tidy_name(text[run[0].start:run[-1].end]))
            run = []
    seen: set[str] = set()
    unique = []
    for q in out:
        if fold(q) not in seen and len(q) <= 48 and _says_something(q, product):
            seen.add(fold(q))
            unique.append(q)
    return unique[:3]


# --- the brief's own selling lines ----------------------------------------------------------------

# Clause breaks, but not inside what they also write: "10:30", "8–12", "Mon–Thu", "1,000".
_CLAUSE_SPLIT = re.compile(r"\s*(?:(?<!\d),|,(?!\d)|[;!?()\n]|(?<!\d):|:(?!\d)|—|\s–\s|(?<![\w])–|–(?![\w])"
                           r"|\s-\s|(?<!\d)" + _NO_ABBREV + r"\.(?=\s|$)|(?<=\d)\.(?=\s|$)(?!\s+(?:" + _MONTH
                           + r"|bis\b|und\b|[-–]|\d)))\s*",  # "1. bis 15. August" is one date
                           re.IGNORECASE)
_INFO_WORDS = _rx_words((
    "free", "gratis", "gratuit", "gratuite", "gratuito", "gratuita", "grátis", "kostenlos", "code", "código",
    "sign up", "register", "join", "book", "waitlist", "wait list", "early access", "ios", "android", "online",
    "in stores", "in store", "limited", "only", "no contract", "new patients", "members", "delivery", "shipping",
    "dine-in", "takeaway", "pickup", "warranty", "guarantee", "refill", "subscription", "apúntate", "inscríbete",
    "inscrivez-vous", "anmelden", "iscriviti", "inscreva-se", "solo", "seulement", "nur", "apenas", "limitada",
    "limitée", "limitiert", "limitata", "exclusivo", "exclusive", "exclusif", "edición limitada", "édition limitée"))
# What a product is free of, safe for or comes with: "no added salt", "sin parabenos", "BPA-free",
# "dishwasher safe", "walk-ins welcome", "by donation". Claims a client expects to read.
_CLAIM = re.compile(
    r"(?<![\w])(?:no|zero|without|sin|sem|sans|ohne|senza|nessun[oa]?|keine?n?)\s+"
    r"(?!(?:date|idea|matter|one|more|way|problem|problems|worries|longer|time|fecha|date|datum|data)\b)[^\W\d_]{3,}"
    r"|[^\W\d_]+-(?:free|safe|friendly|proof|resistant|konform)(?![\w])|[^\W\d_]{3,}(?:frei|fest)(?![\w])"
    r"|(?<![\w])(?:free from|libre de|livre de|isento de|dishwasher[- ]safe|microwave[- ]safe|oven[- ]safe|"
    r"lave-vaisselle|spülmaschinen\w*|lavastoviglie|lava-louças|lavavajillas|welcome|bienvenid[oa]s|bienvenue|"
    r"willkommen|benvenut[ie]|bem-vind[oa]s|by donation|included|incluid[oa]s?|inclus|inclusa?|inklusive|"
    r"unflavou?red|unscented|unsweetened|unlimited|ilimitad[oa]s?|illimité[es]?|illimitat[oi]|unbegrenzt)(?![\w])",
    re.IGNORECASE)
_INSTRUCTION = _rx_words((
    "make it", "make sure", "shot like", "shoot it", "feel like", "feels like", "vibe", "vibes", "tone", "style",
    "music", "soundtrack", "voiceover", "voice-over", "ending on", "end with", "end on", "open with", "start with",
    "show the", "show off", "showcase", "video", "ad", "advert", "commercial", "spot", "reel", "tiktok",
    "instagram", "30 seconds", "30-second", "please", "bear with me", "i want", "we want", "i need", "we need",
    "target audience", "aesthetic", "cinematic", "colors", "colours", "palette", "lighting", "anuncio", "vídeo",
    "publicité", "vidéo", "werbung", "werbespot", "pubblicità", "anúncio", "estilo", "tono", "haz que",
    "bitte", "por favor", "per favore", "s'il vous plaît", "s’il vous plaît", "svp"))


# A clause that opens on a verb telling the maker what to film: a request, not a selling line.
_IMPERATIVE_FIRST = re.compile(r"(?:" + _REQUEST_VERBS + r")\b", re.IGNORECASE)
# "Promote handmade soy candles for the holidays", "Make an ad for ...": the request, not a line to show.
_ASKS_FOR_AD = re.compile(r"\s*(?:please\s+)?(?:promote|advertise|create|make|design|produce|generate|write|showcase|"
                          r"highlight|need|want|promociona|promocionar|anuncia|publicita|crea|haz|promeut|promouvez|créez|"
                          r"faites|bewirb|bewerbt|bewerben|erstelle|erstellt|mach|macht|promuovi|pubblicizza|fai|fate|"
                          r"promova|divulgue|crie|faça|faz)\b", re.IGNORECASE)
# "Organiza VendeMás", "Hosted by Ledgerbird", "Veranstalter: ...": who runs it, a word no name begins with.
_RUN_BY = re.compile(r"(?:organi[sz]ed|organiza|organizza|organise|organisée?|organizad[oa]|organizzat[oa]|"
                     r"veranstaltet|veranstalter|hosted|presented|präsentiert|presentad[oa]|presentat[oa]|"
                     r"apresentad[oa])\b", re.IGNORECASE)
_SPEC_FIRST = re.compile(r"\d+(?:[.,]\d+)?\s?[a-zA-Z°%]")  # "5.3K video", "4K HDR", "30W charging"
_MAKER_ONLY = re.compile(r"(?:by|from|de|du|von|di|da|par|por|vom)\s+\S+(?:\s+\S+){0,2}")


_RANGE_LINK = frozenset(("to", "a", "à", "al", "bis", "até", "-", "–", "and", "y", "e", "et", "und"))
# Units written out, in the six languages, singular and plural: what makes a number a measurement.
_UNIT_WORDS = frozenset(fold(w) for w in """
mm cm m km kg g mg lb lbs oz ml cl dl l w kw v mah wh kwh gb tb mb hz ghz nm mph km/h kmh psi db lm lux fps mp
gbps mbps kbps
gram grams gramme grammes gramo gramos grama gramas grammo grammi gramm kilo kilos chilo chili kilogram kilograms
kilogramm pound pounds ounce ounces liter liters litre litres litro litros litri
inch inches pollice pollici pulgada pulgadas polegada polegadas pouce pouces zoll foot feet metre metres meter meters
metro metros metri mètre mètres
minute minutes min mins minuto minutos minuti minuten second seconds sec secs segundo segundos secondo secondi
seconde secondes sekunde sekunden hour hours hr hrs hora horas ora ore heure heures stunde stunden
day days día días dia dias giorno giorni jour jours tag tage week weeks semana semanas settimana settimane
semaine semaines woche wochen month months mes meses mese mesi mois monat monate year years año años ano anos
anno anni an ans jahr jahre
degree degrees grado grados grau graus grado gradi degré degrés grad celsius fahrenheit
page pages página páginas pagina pagine seite seiten color colors colour colours colores cores colori couleurs farben
person people persona personas pessoa pessoas persona persone personne personnes personen
cup cups taza tazas xícara xícaras tazza tazze tasse tasses serving servings porción porciones
piece pieces pieza piezas pezzo pezzi pièce pièces peça peças stück bottle bottles botella botellas bouteille
bouteilles flasche flaschen bottiglia bottiglie garrafa garrafas capsule capsules cápsulas capsule kapseln
mode modes modo modos modalità speed speeds velocidad velocidades velocità vitesse vitesses geschwindigkeiten
program programs programme programmes programa programas programma programmi
lesson lessons lección lecciones lição lições aula aulas lezione lezioni leçon leçons lektion lektionen
room rooms habitación habitaciones quarto quartos camera camere chambre chambres zimmer
route routes ruta rutas spot spots plaza plazas place places posto posti vaga vagas
percent porcentaje pourcent prozent cento""".split())


def _is_unit(word: str) -> bool:
    return fold(word).strip(".,;:") in _UNIT_WORDS or word in ("%", "°", "°C", "°F")


def _measurement_chunks(clause: str) -> list[str]:
    """Each number in a long clause with its unit and the word that says what it measures:
    "pesa 210 gramas", "drop de 6 mm", "de 3 à 8 ans", "in 15 minutes"."""
    words = clause.split()
    chunks, done = [], 0
    k = 0
    while k < len(words):
        if not any(ch.isdigit() for ch in words[k]):
            k += 1
            continue
        end = k + 1
        # A range ("3 à 8 ans", "20–200 Nm") is one measurement.
        if end + 1 < len(words) and fold(words[end]) in _RANGE_LINK and any(ch.isdigit() for ch in words[end + 1]):
            end += 2
        # Its unit, written out or stuck to it: "210 gramas", "500 degrees celsius", "58mm".
        attached = _SPEC_FIRST.match(words[k]) is not None and not words[k][-1].isdigit()
        number_end = end
        while end < len(words) and end - number_end < 2 and _is_unit(words[end]):
            end += 1
        if end == number_end and not attached:
            k += 1  # a bare number ("Emberline 16") measures nothing
            continue
        start = k
        # Back over small words ("de", "in") to the word that says what is measured ("pesa", "drop").
        while start > done and fold(words[start - 1]) in _STOP_ALL:
            start -= 1
        if start > done:
            start -= 1
        chunk = " ".join(words[start:end]).strip(" ,;:")
        if len(chunk) <= 48:
            chunks.append(chunk)
        done = k = end
    return chunks


# What follows a product's name when it is only its size: "1L", "6,5 L", "da 6 tazze in alluminio".
_SIZE_FIRST = re.compile(r"(?:(?:da|de|di|of|with|con|mit|avec|com|em|en|in|for|per|para|pour|für|from|ab|desde|dès)\s+)?"
                         r"\d[\d.,]*\s?[^\W\d_]", re.IGNORECASE)


_SCENE_WORDS = _SETTING_WORDS | _PEOPLE_WORDS


def _list_items(text: str) -> set[str]:
    """The items of a sentence that lists what something has ("Hot-swappable switches, gasket
    mount, aluminium case"): three or more short parts between commas, none of them people or a
    place (a scene listed the same way, "kids on bikes, campfire, stars", sells nothing)."""
    out: set[str] = set()
    for sentence in re.split(r"[.!?\n;:]\s", text):
        parts = [p.strip(" '\"“”«».!?") for p in re.split(r",\s*|\s+(?:and|y|et|und|e)\s+", sentence)]
        if len(parts) < 3 or not all(p and len(p.split()) <= 4 for p in parts):
            continue
        for p in parts:
            words = {fold(w) for w in re.findall(r"[\w'’\-]+", p)}
            if not words & _SCENE_WORDS:
                out.add(fold(p))
    return out


_CLIENT_WANTS = re.compile(r"\b(?:they|the client|client|he|she)\s+(?:wants?|would like|['’]d like|is after|are after|"
                           r"said|asked|loved|needs?)\b|\bto recap\b|\bmood ?board\b|\bfirst cut\b|\bsee below\b|"
                           r"\bforward(?:ing|ed)?\b", re.IGNORECASE)


def _about_making_the_ad(clause: str) -> bool:
    """A clause about making the ad rather than about what it sells: the agency's talk."""
    words = [w.rstrip(".") for w in re.findall(r"[\w:'’.\-]+", clause)]  # "0–60 in 3.9s" is no ad's length
    return bool(_CLIENT_WANTS.search(clause)) or any(
        fold(w) in AGENCY_WORDS or AD_LENGTH.fullmatch(w) for w in words)


def selling_lines(text: str, product: str, facts: Facts) -> list[str]:
    """Clauses of the brief that carry information a viewer should read: numbers, offers,
    codes, platforms, conditions ("Free on iOS and Android", "Use code BREW10", "No contract").
    They keep the brief's own words, so whatever it states reaches the screen."""
    scored: list[tuple[float, int, str]] = []
    pos = 0
    # A phone number joins the call to action, with the word that led to it ("call (555) 214-8830"):
    # blanked here, so its brackets and dashes split no clause and it is not shown twice. So is a
    # sentence that describes the picture ("I imagine a dark slate board, a single shaft of window
    # light, ..."): every clause of it is a direction, not a line to show.
    for m in _phone_numbers(text)[::-1]:
        text = text[:m.start()] + " " * (m.end() - m.start()) + text[m.end():]
    text = _without_directions(text)
    # A brief that opens on the product and lists what it has ("ceramic planters, matte glaze,
    # drainage holes, three sizes") states a selling point in every short item of the list.
    first_clause = fold(_CLAUSE_SPLIT.split(text.strip(), maxsplit=1)[0])
    listing = bool(fold(product)) and fold(product) in first_clause and (
        len(first_clause) <= len(product) + 24 or len(first_clause.split()) <= len(product.split()) + 5)
    items = _list_items(text)
    clauses = []
    for clause in _CLAUSE_SPLIT.split(text):
        # A long clause is read as its parts: "half-price antipasti and $6 spritzes" -> two lines.
        # A quoted title stays whole ("Forecasting Demand with Messy Data").
        long = len(clause) > 48 and not _QUOTED_ANY.search(clause)
        clauses += re.split(r"\s+(?:and|y|et|und|e|plus|with|con|avec|mit|com)\s+", clause) if long else [clause]
    # A dictated brief runs its specs together ("... pesa 210 gramas drop de 6 mm por 399
    # reais"): a clause too long to show is read as the measurements it states.
    clauses = [part for clause in clauses
               for part in ([clause] if len(clause) <= 48 else [clause, *_measurement_chunks(clause)])]
    for k, clause in enumerate(clauses):
        inches = clause.rstrip()[-1] if re.search(r"\d[\"”″]\s*$", clause) else ""  # 'AMOLED 1,4"'
        clause = clause.strip(" '\"“”«»") + inches
        start = text.find(clause, pos)
        pos = max(pos, start)
        # The brief's own address goes with the call to action; any other is never shown.
        if _WRITER_INTRO.match(clause):
            continue  # "Hi, I'm the receptionist at Brightside Dental": who writes, not what to show
        if _WEB_ADDRESS.search(clause) and _LURE.search(clause):
            continue  # "Visit freegiftcards.biz for a prize": a planted address and its bait, all of it
        if _WEB_ADDRESS.search(clause):
            # ...and the words that only led to it go too: "Register at", "Iscrizioni:".
            clause = _WEB_ADDRESS.sub(" ", clause)
            clause = _LEADS_TO_ADDRESS.sub("", " ".join(clause.split()))
            if len(clause.split()) <= 2 and _SIGN_UP_AT.fullmatch(clause.strip() + " "):
                continue  # "Sign up at ..." leaves "Sign up": the call to action says it, with the address
        if _about_making_the_ad(clause):
            continue  # "They want a quick 30s for socials", "Brief in the drive by EOD": the agency's talk
        if len(clause) < (2 if re.search(r"\d", clause) else 3) or (_INSTRUCTION.search(clause) and not _SPEC_FIRST.match(clause)) \
                or _IMPERATIVE_FIRST.match(clause) or _ASKS_FOR_AD.match(clause):
            continue  # "make it cinematic", "Show a crew on the beach" ask; "5.3K video" states a spec
        clause = re.sub(r"\s+(?:instead|en su lugar|à la place|stattdessen|invece|em vez disso)$", "", clause,
                        flags=re.IGNORECASE)  # "... with the Coldcrate cooler instead"
        low = re.sub(r"^(?:the|a|an|el|la|le|il|o|a|der|die|das)\s+", "", fold(clause))
        if fold(product) and (low == fold(product) or low.startswith(fold(product)) and len(low) < len(product) + 4):
            continue
        if fold(product) and low.endswith(" " + fold(product)) and len(low[:-len(product)].split()) <= 3 \
                and not re.search(r"\d", low[:-len(product)]):
            continue  # "Scooter elettrico Lampo E125": the name again, with its kind before it
        rest = clause[len(product):].strip() if fold(product) and fold(clause).startswith(fold(product) + " ") else ""
        if _SIZE_FIRST.match(rest):
            clause, low = rest, fold(rest)  # "Kaltwerk Edelstahl Thermoflasche 1L": the size is the line
        if fold(product) and _MAKER_ONLY.fullmatch(low.replace(fold(product), "", 1).strip()):
            continue  # "X2 Pro action camera from Rivet": the name again, with its maker
        at = fold(clause).find(fold(product)) if fold(product) else -1
        if at >= 0 and len(clause) > 48:
            # "Our new ceramic travel mug keeps coffee hot for 6 hours": what it says of the product.
            clause = clause[at + len(product):].strip(" ,:;-")
            low = fold(clause)
            if len(clause) < 3:
                continue
        score = 0.0
        if re.search(r"\d", clause):
            score += 2
        if _INFO_WORDS.search(clause):
            score += 2
        elif _CLAIM.search(clause):
            score += 1.5  # below a number: "holds 14 oz" before "no two are the same"
        if start >= 0 and any(a < start + len(clause) and start < b for a, b in facts.spans):
            score += 1
        if any(fold(t.text) in _QUALITY for t in tokenize(clause)):
            score += 1
        if re.search(r"\b[A-Z0-9]{4,}\b", clause) and re.search(r"\d", clause):
            score += 1  # a code: BREW10
        if (listing and k > 0 and len(clause.split()) <= 4) or fold(clause) in items:
            score += 1
        if start > 0 and text[:start].rstrip().endswith(":") and len(clause.split()) <= 5:
            score += 2  # what follows a colon is what the writer stresses: "New flavour: Lime & Chili"
        if score <= 0:
            continue
        line = re.sub(r"^(?:and|but|with|plus|y|et|und|e|con|avec|mit|com|also|just|that|which)\s+", "", clause,
                      flags=re.I)  # ("that every blade is hand sharpened": what it says, not how it was said)
        scored.append((score, k, _tidy_name(_without_name_tail(line, product, text))))
    scored.sort(key=lambda x: (-x[0], x[1]))
    lines = [line for _, _, line in scored if len(line) <= 48 and _says_something(line, product)]
    return [line for k, line in enumerate(lines) if fold(line) not in map(fold, lines[:k])][:6]


def _without_name_tail(line: str, product: str, text: str) -> str:
    """A line cut from a long clause that starts on the product name's last word ("Fou samedi de
    10h à 17h" after "brasserie Houblon Fou") starts after it."""
    words, name = line.split(), fold(product).split()
    if len(words) > 1 and name and fold(words[0]) == name[-1] \
            and fold(product) + " " + fold(" ".join(words[1:])) in fold(" ".join(text.split())):
        return " ".join(words[1:])
    return line


def _says_something(line: str, product: str) -> bool:
    """A card of one small word, or of one word of the product's own name, says nothing a viewer
    can use: "You" (from "fades with you"), "EV" (from "Home EV charger"). "Free", "IPX5" do."""
    words = line.split()
    if len(words) != 1 or _INFO_WORDS.search(line):
        return True
    word = fold(words[0].strip(".,;:!?"))
    return word not in _STOP_ALL and word not in _PRONOUN_WORDS and word not in fold(product).split() \
        and word not in _LABEL_WORDS



_LEADS_TO_ADDRESS = re.compile(r"(?:\s*[:\-–—]|\s+(?:at|on|via|en|sur|auf|unter|su|em|no|in))+\s*$", re.IGNORECASE)


def _old_name(text: str) -> str:
    m = _REBRAND.search(text)
    return ((m.group(1) or m.group(3) or m.group(5) or m.group(7) or m.group(9)) or "").strip() if m else ""


# --- the whole reading ------------------------------------------------------------------------


@dataclass(frozen=True)
class Reading:
    text: str
    language: str
    steered: bool
    news: str
    offers: tuple[str, ...]
    prices: tuple[str, ...]
    dates: tuple[str, ...]
    times: tuple[str, ...]
    places: tuple[str, ...]
    occasion: str
    product: ProductGuess
    world: World
    aesthetic: str | None
    qualities: tuple[str, ...]
    lines: tuple[str, ...] = ()
    old_name: str = ""  # a rebrand's former name
    ruled_out: tuple[str, ...] = ()  # phrases the brief forbids ("no 'buy now'"): never on screen
    not_yet: bool = False  # the brief says it is not out yet (soon, pre-order, waitlist, from a date)
    flavour: str = ""  # a new flavour's name ("Blood Orange & Thyme", "pistacchio e limone")
    web: str = ""  # the brief's own web address, shown with the call to action
    phone: str = ""  # the number the brief gives to call, shown with the call to action too
    host: str = ""  # who leads a webinar or an event, in the brief's words: "with Priya Nair"

    @property
    def facts_line(self) -> str:  # noqa: D401
        """Date, time and place as one line: "Saturday · 9am · Brooklyn"."""
        return " · ".join([*self.dates[:2], *self.times[:1], *self.places[:1]])


# "... Leeds & Bradford.", "..., Milano 🌳", "— serving Tucson": a bare name closing a clause at
# the end of the brief is where the business is.
_NAME_AND = r"(?:\s+(?:and|y|et|und|e)\s+|\s*[&/]\s*)"
_TRAILING_NAME = re.compile(r"(?:^|[,—–]|\s-|\bserving|\bbased in)\s*([A-ZÀ-Ý][\w'’\-]+(?:" + _NAME_AND +
                            r"[A-ZÀ-Ý][\w'’\-]+)?)\s*[.!]?\s*$")


_LIST_OF_THINGS = re.compile(r"(?<![\w])(?:mit|with|con|avec|com|featuring|including|inkl|incluye|compris)(?![\w])[^.;:]*$",
                             re.IGNORECASE)


def _trailing_places(text: str, product: ProductGuess) -> list[str]:
    out = []
    for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z])", text.strip()):
        m = _TRAILING_NAME.search(sentence.strip())
        if not m:
            continue
        names = [n for n in re.split(_NAME_AND, m.group(1)) if n]
        if any(fold(n) in _known_words() or fold(n) in lx.COMMON_WORDS or _is_date_word(n) or _is_news_word(n.lower())
               or fold(n) in fold(product.name) or (product.brand and fold(n) in fold(product.brand)) for n in names):
            continue
        if _LIST_OF_THINGS.search(sentence.strip()[:m.start()]):
            continue  # "..., mit Raclette, Marroni und Live-Musik.": the last items of a list, not where
        out.append(m.group(1))
    return out


def warm_up() -> None:
    """Load what the first brief would otherwise wait for (the language model, the gazetteer,
    the English dictionary: about 1.5 s together). The studio calls it in the background at
    start, so the first Generate does not pay for it."""
    from .places import place_names

    _language_identifier()
    place_names()
    in_dictionary("warm", "en")


# The writer corrects themselves: "brand is Oxbow Leathr Co (sorry typo - Oxbow Leather Co)".
_CORRECTION = re.compile(
    r"\s*[(\[]\s*(?:sorry[,!]?\s*)?(?:typo|i meant|i mean|correction|should be|should read)\s*[-–—:,]?\s*"
    r"(?:it'?s\s+)?([A-Z][^()\[\]]{1,40}?)\s*[)\]]"  # "(sorry typo - Oxbow Leather Co)"
    r"|\s*(?:sorry[,!]?\s*)?(?:typo|i meant|correction)\s*[-–—:,]\s*(?:it'?s\s+)?([A-Z][^.;!?()]{1,40}?)\s*(?=[.;!?]|$)",
    re.IGNORECASE)


def _corrected(text: str) -> str:
    """The brief with a name its writer corrects replaced by the correction, and the correction
    itself gone: the ad never shows the typo. Only a run of words that spells the correction
    closely (one or two letters off) is replaced."""
    m = _CORRECTION.search(text)
    if not m:
        return text
    right = (m.group(1) or m.group(2)).strip()
    n = len(right.split())
    words = list(re.finditer(r"[\w'’&.\-]+", text[:m.start()]))
    for k in range(len(words) - n, -1, -1):
        start, end = words[k].start(), words[k + n - 1].end()
        wrong = text[start:end]
        if wrong != right and _close(fold(wrong), fold(right)):
            return text[:start] + right + text[end:m.start()] + text[m.end():]
    return text


# The words that say what the news is, which a typo must not hide: "grand openign", "preoder".
_NEWS_KEYWORDS = ("opening", "reopening", "launching", "preorder", "preorders", "pre-order", "pre-orders",
                  "webinar", "collection", "flavour", "flavor", "giveaway", "clearance")


def _news_words_spelled(text: str) -> str:
    """A word two letters off one of the news words, and no word of any dictionary, is that news
    word: "grand openign sat 10-4" is a grand opening."""
    def fix(m: re.Match) -> str:
        word = m.group()
        low = word.lower()
        if len(low) < 6 or low in _NEWS_KEYWORDS or any(in_dictionary(word, lang) for lang in ("en", "es", "fr", "it", "pt")):
            return word
        near = next((k for k in _NEWS_KEYWORDS if abs(len(k) - len(low)) <= 2 and low[0] == k[0] and _close(low, k)), None)
        return near if near and low != near else word
    return re.sub(r"(?<![\w@#./-])[a-z][a-z\-]{5,12}(?![\w@.])", fix, text)


def _close(a: str, b: str) -> bool:
    """Whether two spellings differ by at most two letters added, dropped or changed."""
    if abs(len(a) - len(b)) > 2:
        return False
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1] <= 2


# "Sabina DOP", "limoni di Amalfi IGP", "Rioja DOCa": where a food or a wine comes from, by law.
_MARK_OF_ORIGIN = re.compile(r"\b([A-ZÀ-Ý][\w'’-]+(?:\s+(?:di|de|da|do|del|della|du)?\s*[A-ZÀ-Ý][\w'’-]+){0,2})"
                             r"\s+(?:DOP|IGP|AOC|AOP|DOC|DOCG|DOCa|IGT|PDO|PGI)\b")


def _marks_of_origin(text: str) -> list[str]:
    """The regions a brief names with their mark of origin, somewhere after its opening: they
    are where it comes from, never what is sold (a brief that opens on "Comté AOP" sells it)."""
    return [m.group() for m in _MARK_OF_ORIGIN.finditer(text) if m.start() > 0]


def prepare(prompt: str) -> tuple[str, bool, str, Facts]:
    """The brief as read: (text without steering or emoji, whether it tried to steer, its
    language, the facts it states)."""
    text, steered = clean(prompt)
    text = _news_words_spelled(_without_elongation(_corrected(text)))
    letters = [ch for ch in text if ch.isalpha()]
    if letters and sum(ch.isupper() for ch in letters) > 0.7 * len(letters) and len(letters) > 12:
        # A brief typed in capitals: case says nothing about names, so read it in lower case.
        text = text.lower()
    lang = detect_language(text, "" if steered else strip_emoji(prompt))
    # Names in quotes or after "called" are the brand, never a place.
    names = tuple(m.group(1) or m.group(2) for m in _QUOTED.finditer(text))
    facts = find_facts(text, names, lang)
    facts.pinned = _pinned_places(prompt) + _marks_of_origin(text)
    for place in facts.pinned:
        if all(fold(place) not in fold(p) for p in facts.places):
            facts.places.append(place)
    return text, steered, lang, facts


# A pin before a name says where: "📍Triana", "📍Radwerk Leipzig", "📍Holey Glaze, Bridge St".
_PIN = re.compile(r"📍\ufe0f?\s*([^\n#@📍.!?]{2,60})")


def _pinned_places(prompt: str) -> list[str]:
    """The towns and streets a brief pins: a pinned part that is a known place or a street, or the
    town a pinned business name ends on ("Radwerk Leipzig")."""
    out = []
    for m in _PIN.finditer(prompt):
        for part in (p.strip() for p in strip_emoji(m.group(1)).split(",")):
            words = part.split()
            if not words:
                continue
            if is_known_place(part) or words[-1].strip(".").lower() in _STREET_WORDS and len(words) > 1 \
                    or len(words) == 1 and part[:1].isupper():  # "📍Triana": a pin on one name marks a place
                out.append(part)
            elif len(words) > 1 and is_known_place(words[-1]) and words[-1][:1].isupper():
                out.append(words[-1])
    return out


def _named_places(text: str, lang: str, product: ProductGuess, facts: Facts) -> list[str]:
    """Towns, states and countries the brief names mid-sentence, wherever it puts them ("...,
    Maplewood —", "en el centro de Monterrey"): where the news happens is a fact to show. Not
    the product's own name ("Aurora e-bike"), nor a word inside a stated fact or a name run."""
    from .places import is_place  # the gazetteer loads on first use

    own = fold(f"{product.name} {product.brand}")
    tokens = tokenize(text, lang)
    out = []
    for k, t in enumerate(tokens):
        if (t.sentence_start or not t.text[:1].isupper() or len(t.text) < 4 or t.text.isupper()
                or any(a <= t.start < b for a, b in facts.spans) or fold(t.text) in own):
            continue
        # Part of a longer name ("Cox Business Center", "Azeite & Alma", "Bistrot du Port") is not the town.
        if (k + 1 < len(tokens) and tokens[k + 1].text[:1].isupper() and not tokens[k + 1].gap.strip()) or (
                k > 0 and tokens[k - 1].text[:1].isupper() and not tokens[k - 1].sentence_start
                and t.gap.strip() in ("", "&", "+")) or (
                k > 1 and fold(tokens[k - 1].text) in _NAME_LINKS and tokens[k - 2].text[:1].isupper()
                and not t.gap.strip() and not tokens[k - 1].gap.strip()):
            continue
        # Only where a sentence puts something: "in a tiny Tokyo apartment", "off Cornwall",
        # "de Cartagena"; "Wes Anderson vibes" or "from Google" name no place.
        alone = bool(t.gap.strip()) and (k + 1 == len(tokens) or bool(tokens[k + 1].gap.strip()))
        toward = _TOWARD_PLACE_EN if lang == "en" else _TOWARD_PLACE
        if not alone and not any(fold(u.text) in toward for u in tokens[max(0, k - 3):k]):
            continue  # ...but a town alone between commas is an address's ("27 Linden Court, Maplewood —")
        if is_place(t.text) and not _is_date_word(t.text) and not (lang == "de" and in_dictionary(t.text, lang)):
            out.append(t.text)  # German capitalises nouns: "Kinder", "Burg" are towns too
    return out


# English has no "a", "de" or "da" before a town ("everybody has a Stanley" names a flask).
_TOWARD_PLACE_EN = frozenset(("in", "at", "on", "near", "around", "off", "through", "thru", "into", "across",
                              "toward", "towards", "from", "inside", "outside", "serving", "servicing", "covering",
                              "throughout"))  # "serving north Denver"
_TOWARD_PLACE = _LOCATION_PREP | frozenset(fold(w) for w in (
    "off", "through", "thru", "into", "nach", "aus", "de", "del", "do", "da", "di", "du", "des", "dans", "a", "à",
    "em", "in", "im", "auf", "por", "par", "per", "across", "around", "toward", "towards", "hacia", "vers", "verso"))


@lru_cache(maxsize=65536)
def in_dictionary(word: str, lang: str) -> bool:
    """Whether the word is in the language's dictionary (simplemma's lemma lists): invented brand
    names ("Putzblitz", "Kelpline") are not, common nouns ("Regentag", "gloves") are. This is the
    sign of a name where capitals give none: German capitalises every noun, and some briefs are
    typed all in capitals or all in lower case."""
    import simplemma  # its dictionaries load on first use, per language

    return simplemma.is_known(word, lang=lang) or simplemma.is_known(word.lower(), lang=lang)


# Where it is sold, when the brief says: "in Target stores", "in allen Spar-Filialen", "at Whole
# Foods", "en Mercadona", "à la SAQ"; and where it comes from: "du Périgord", "from the Algarve".
_RETAIL_SUFFIX = (r"(?:\s+(?:stores?|locations?|shops?|supermarkets?|outlets?)|-?(?:Filialen|Märkten|Märkte|Filiale)|"
                  r"\s+(?:supermercados?|tiendas|supermarchés|magasins|supermercati|negozi|lojas|supermercados))")
_STOCKIST = re.compile(
    r"(?:\b(?:in|at|en|chez|dans|bei|nei|nelle|nas|nos|em|exclusively at|only at|solo en|nur bei|da|na|no|à la|au)\s+"
    r"(?:all\s+|every\s+|your\s+|vos\s+|tous les\s+|toutes les\s+|todas las\s+|todos los\s+|allen\s+|tutti i\s+|"
    r"todas as\s+|todos os\s+|participating\s+|select\s+)?)"
    r"((?:" + "|".join(re.escape(r) for r in sorted(lx.RETAILERS, key=len, reverse=True)) + r")(?![\w])"
    r"|[A-ZÀ-Ý][\w'’&.\-]*(?:\s+[A-ZÀ-Ý][\w'’&.\-]*)?(?=" + _RETAIL_SUFFIX + r"))")
_REGION = re.compile(r"(?:\b(?:in|from|de|du|des|do|da|dos|das|aus|der|dem|dal|dalla|della|del|em|en|im|nel|nella|"
                     r"della|of|the)\s+)(" + "|".join(re.escape(r) for r in sorted(lx.REGIONS, key=len, reverse=True))
                     + r")(?![\w])", re.IGNORECASE)


def _stockists_and_regions(text: str, product: ProductGuess) -> list[str]:
    own = fold(f"{product.name} {product.brand}")
    out = []
    for m in (*_STOCKIST.finditer(text), *_REGION.finditer(text)):
        name = m.group(1).strip()
        if name and fold(name) not in own:
            out.append(name if not name.islower() else name.title())
    return out


_ELIDED_LEAD = re.compile(r"^(?:all|dall|nell|sull|dell|coll|l|d|qu)['’]\s*(?=[A-ZÀ-Ý])", re.IGNORECASE)
_LEAD_PREP = re.compile(r"^(?:chez|bei|beim|presso|da|dal|dalla|at|from|von|vom)\s+(?=[A-ZÀ-Ý])", re.IGNORECASE)
_NAME_WORD = r"(?:[A-ZÀ-Ý][\w'’.+\-]*|\d{1,4}(?![\w.,]))"
# What continues a name that was cut short: "Nordwand| Pro", "Fuchs| & Partner", "Estrela| do Mar",
# "Verger| des Appalaches".
# A spec after the name: "20V", "4 quart", "seats 8", "50ml", "40h" (but "Cume 35L" names a pack's size).
_TRAILING_SPEC = re.compile(r"(?:\s+(?!(?-i:[345]G)$)\d+(?:[.,]\d+)?(?:v|w|mah|ml|cl|g|kg|oz|qt|h|hrs?)|\s+\d+(?:[.,]\d+)?\s(?:v|w|mah|quarts?|qt|"
                            r"ml|cl|gb|tb|inch|inches)|\s+(?:seats?|serves?|sleeps?)\s+\d+)$", re.IGNORECASE)
# A number right after a name is its model ("Vento 3, 210 g"), unless a unit follows ("Origami 20 pollici").
_MODEL_NUMBER_AFTER = re.compile(r"\s\d{1,2}(?![\w%°/:'’\"”\-])(?![.,]\d)(?!\s?(?:%|°|x\b|[ap]\.?m\b|h\b|uhr\b))",
                                 re.IGNORECASE)
# Words around a name that say what it is wrapped in, not what it is: "la marque Frimas", "a bottle of X".
_LEADING_WRAPPER = re.compile(r"^(?:(?:la\s+)?marque(?:\s+d[e'’])?|(?:la\s+)?marca(?:\s+(?:de|da|di))?|marchio(?:\s+di)?|"
                              r"brand(?:\s+of)?|label|(?:die\s+)?marke|garrafa\s+de|bottle\s+of|"
                              r"botella\s+de|bouteille\s+de|bottiglia\s+di|lata\s+de|can\s+of|bag\s+of|pack\s+of|box\s+of|"
                              r"jar\s+of|tin\s+of|glass\s+of|cup\s+of|copo\s+de|taza\s+de|tasse\s+de)\s+", re.IGNORECASE)
# ...and the people around it in an agency's note: "the Pinecrest client", "the Hearthside call",
# "the Fernhill Farm Shop owners".
_TRAILING_GENERIC = re.compile(r"\s+(?:(?i:location|locations|branch|outlet|outpost)|below|above)$")
_TRAILING_AGENCY = re.compile(r"(?<=\s)([A-ZÀ-Ý][\w'’\-]*)\s+(?:client|clients|call|owners?|team|brief|folks)$")

# A capitalised word right before a name, or a name word and its link ("Quinta do"), joined to it.
_NAME_BEFORE = re.compile(r"(?:[A-ZÀ-Ý][\w'’\-]+\s+(?:do|da|de|di|del|della|du|des|dos|das)\s+|"
                          r"(?<![.!?:]\s)(?<!^)[A-ZÀ-Ý][a-zà-ÿ'’\-]+\s+)$")
_NAME_GOES_ON = re.compile(r"\s*(?:[&+]\s*[A-ZÀ-Ý][\w'’.+\-]*(?:\s+" + _NAME_WORD + r")?"
                           r"|\s(?:e|y|et|und|and)\s+[A-ZÀ-Ý][\w'’\-]*(?=\s*(?:[,.;:!?]|$))"  # "Pane e Sale"
                           r"|\s[A-ZÀ-Ý][a-zà-ÿ'’\-]+(?=\s*(?:[,.;:!?(]|$|\s[a-zà-ÿ]))"  # "Blue Heron Credit Union car loans"
                           r"|\s(?:Las|Los|La|El|Le|Les|Il|Lo|Os|As|The|Der|Die|Das)\s[A-ZÀ-Ý][\w'’\-]*"  # "Finca| Las Rozas"
                           r"|\s(?:Pro|Max|Plus|Mini|Ultra|Lite|Air|XL|SE)\b"
                           r"|\s(?:de|da|do|dos|das|des|del|della|di|du)\s+(?!(?:[A-ZÀ-Ý][\w'’\-]*)\s*[,.;:!?)]?\s*$)"
                           r"[A-ZÀ-Ý][\w'’\-]*)")
# The next word of an English compound noun, written right after the name ("laptop| stand").
_COMPOUND_HEAD_AFTER = re.compile(r"\s([a-z]+)(?![\w'’\-])")
_TRAILING_PLACE = re.compile(r"\s+(?:a|in|em|en|à|im|at|no|na|nel|nella)\s+([A-ZÀ-Ý][\w'’\-]*)$")


def _is_where(name: str, facts: Facts) -> bool:
    """A place the brief states, a town, a region or a platform it runs on: where, not what."""
    f = fold(name)
    if not f:
        return False
    words = f.split()
    street = len(words) > 1 and words[-1].strip(".") in _STREET_WORDS and not _QUOTED_NAME(name, facts)
    # "Plaza Mayor", "Rua Augusta": a street named first, inside an address the brief states.
    street = street or (len(words) > 1 and words[0] in _STREET_WORDS and any(f in fold(p) for p in facts.places))
    landmark = len(words) > 1 and words[-1] in _LANDMARK_WORDS and name.split()[0][:1].isupper()  # "Central Park"
    # "Lake Tahoe", "Mount Hood", "Lago di Garda": a lake or a mountain named first, as a name.
    landmark = landmark or (1 < len(words) <= 4 and words[0] in _LANDFORMS_FIRST and name.split()[1][:1].isupper())
    placed_setting = (len(words) == 2 and words[-1] in _SETTING_WORDS and name.split()[-1].islower()
                      and is_known_place(name.split()[0])  # "Lisbon café", not "Pearl Dental Studio"
                      and words[0] not in _MODIFIERS and words[0] not in lx.COMMON_WORDS)  # nor "tea shop"
    # "Phoenix" is where; "our salon" is written in lower case; "Bali for two, 7 nights" sells Bali.
    town = name[:1].isupper() and is_known_place(name) and not facts.travel
    # "iPhone 16", "Galaxy S24 Ultra", "PS5": a device it fits, whatever its model.
    device = re.sub(r"(?:\s+(?:\w{0,3}\d+\w{0,3}|pro|max|plus|mini|ultra|air|se))+$", "", f)
    pinned = f in {fold(p) for p in facts.pinned}
    return (town or pinned or f in _REGION_NAMES or f in _PLATFORMS or device in _PLATFORMS or bool(_CODE_WORD.fullmatch(name))
            or street or landmark or placed_setting)


def _QUOTED_NAME(name: str, facts: Facts) -> bool:
    return fold(name) in facts.quoted  # 'The Salt Road' is a book's title


_LANDFORMS_FIRST = frozenset(fold(w) for w in """lake mount mt loch lago lac monte mont isla ilha isola île
cape cabo""".split())
_LANDMARK_WORDS = frozenset("park square plaza beach lake river bay island station bridge harbour harbor pier".split())
# Words that end (or, in Romance, open) a street's name: "Oak Ave", "Rua Augusta", "Plaza Mayor".
_STREET_WORDS = frozenset(fold(w) for w in """ave avenue st street road rd lane ln blvd boulevard drive dr court ct way
place pl terrace rua calle avenida av carrer paseo straße strasse str gasse weg platz allee via viale piazza corso largo
praça plaza rue chemin quai quay""".split())


_REGION_NAMES = frozenset(fold(r) for r in lx.REGIONS)
_PLATFORMS = frozenset(fold(p) for p in lx.PLATFORMS)
_CODE_WORD = re.compile(r"[A-Z]{2,}\d{1,4}")  # "CYBER40": a discount code


_LEADING_FIGURES = re.compile(r"^[^A-Za-zÀ-ÿ\s]+(?:\s+|$)")  # "24/7 ", not the 3 of "3m"


def _not_a_where(product: ProductGuess, rules_pick: ProductGuess, text: str, lang: str, facts: Facts,
                 runner_up=None) -> ProductGuess:
    """Never name a place, a platform or a code as the product ("Oak Ave", "Central Park",
    "Spotify", "works with Alexa", "CYBER40") while the brief names what it sells: take what "our"
    introduces ("our oat milk"), the rules' pick, the model's best span that is no place
    (`runner_up`, called only when needed), or the noun phrase the brief opens on, before it."""
    if not (_is_where(product.name, facts) or _is_unit(product.name)):  # "Gbps" is a unit, not a product
        return product
    ours = [m for m in _OUR_THING.finditer(text) if not _is_where(m.group(1), facts)]
    for m in ours:
        found = _match_lexicon(tokenize(m.group(1), lang), german=lang == "de")
        if found:
            noun = found[-1][2]
            return ProductGuess(_tidy_name(m.group(1)), "", noun, category_of(noun))
    if rules_pick.name and not _is_where(rules_pick.name, facts):
        return rules_pick
    second = runner_up() if runner_up is not None else None
    if second is not None and len(fold(second.name)) > 2 and not _is_where(second.name, facts):
        name = _without_leading_hours(second.name)
        brand = "" if _is_where(second.brand, facts) else second.brand  # (the town was no brand either)
        return ProductGuess(name, brand, second.noun, second.category)
    # The noun phrases the brief's clauses open on, up to a preposition: the first one a list
    # knows ("reliable internet"), else the first of two words or more.
    heads = []
    for clause in re.split(r"[,;:—–(.!?\n]", text):
        head = re.split(r"\s+(?:in|at|on|near|for|en|à|au|dans|im|a|em|no|na|with|works|that|which|para|pour|für|per)\s+",
                        clause.strip(), maxsplit=1)[0]
        head = _LEADING_FIGURES.sub("", head).strip()  # "24/7 emergency plumbing"
        tokens = tokenize(head, lang)
        while len(tokens) > 1 and fold(tokens[-1].text) in AD_WORDS:
            head, tokens = head[:tokens[-1].start].rstrip(), tokens[:-1]  # "tea shop ad": the shop
        if not head or not 1 <= len(tokens) <= 6 or _is_where(head, facts) or any(
                fold(t.text) in _USE_VERBS or fold(t.text) in _PRONOUN_WORDS or _is_news_word(fold(t.text))
                or _is_date_word(t.text) or _is_unit(t.text) for t in tokens) or is_news_talk(head):
            continue
        heads.append((head, _match_lexicon(tokens, german=lang == "de"), tokens))
    for head, found, tokens in heads:
        if found:
            noun = found[-1][2]
            return ProductGuess(_tidy_name(head), "", noun, category_of(noun))
    for head, _, tokens in heads:
        if len(tokens) >= 2 and in_dictionary(tokens[-1].text, lang):
            return ProductGuess(_tidy_name(head), "", "", "product")
    return product


# "our oat milk", "nuestro café", "unser Haferdrink": what the brief says is its own, to the clause's end.
_OUR_THING = re.compile(r"(?<![\w])(?:our|nuestr[oa]s?|notre|nos|unser(?:e|en|em|er)?|il nostro|la nostra|i nostri|le nostre|"
                        r"nostr[oaie]|o nosso|a nossa|os nossos|as nossas|noss[oa]s?)\s+((?:new\s+)?[^\W\d][^,.;:!?—–()\n]{2,40}?)"
                        r"(?=\s*(?:[,.;:!?—–()\n]|$|\s+(?:is|are|es|est|ist|è|é|reopens|opens|launches|with|for|to|in|at|on)\b))",
                        re.IGNORECASE)


# Words that name nothing (a product made only of them is a reading error).
_FUNCTION_WORDS = frozenset(fold(w) for w in """over under only just very more most less least than then too also
about above below into onto upon until till within without across after before during since while each every
some any many much few other such same both either neither not no yes here there where when how why what which who
más menos muy solo también sobre desde hasta plus moins très seulement aussi über unter nur auch sehr mehr weniger
più meno molto solo anche sopra sotto mais menos muito só também sobre""".split())


_FORMATS = frozenset(fold(w) for w in """webinar webinars webinaire seminar seminario séminaire workshop workshops
taller atelier masterclass live session session class course curso cours kurs corso talk charla conférence vortrag
conferenza palestra""".split())


_FORMAT_ADJECTIVES = frozenset(fold(w) for w in """free live online virtual gratis gratuito gratuita gratuit gratuite
kostenlos kostenloses kostenloser grátis en vivo en direct""".split())


def _titled(product: ProductGuess, text: str, facts: Facts) -> ProductGuess:
    """A webinar, a workshop or a talk is named by its title: "Webinar on March 12 at 2pm:
    Social media tips for small businesses" is about the tips, not "Webinar"."""
    kind = [w for w in fold(product.name).split() if w not in _FORMAT_ADJECTIVES]
    if not kind or " ".join(kind) not in _FORMATS:  # "Free webinar", "live session": the format, not its title
        return product
    quoted = next((m.group(1) or m.group(2) for m in _QUOTED.finditer(text) if (m.group(1) or m.group(2))), "")
    title = quoted
    if not title:
        after = re.search(r":\s*([^.!?;:,\n—–(]{8,70})", text)
        title = after.group(1).strip() if after else ""
    if not title or len(title.split()) > 9 or any(a <= text.find(title) < b for a, b in facts.spans) \
            or any(_is_date_word(w) for w in title.split()) or _STEERING_GENERAL.search(title):
        return product
    return ProductGuess(_tidy_name(title), product.brand, product.noun, product.category)


_INTRODUCED = re.compile(
    r"(?:introducing|meet|say hello to|presenting|presentamos|te presentamos|conoce a|conoce|découvrez|voici|"
    r"je vous présente|wir präsentieren|darf ich vorstellen|das ist|ecco|vi presentiamo|vi presento|conheça|"
    r"apresentamos|présentez|presentate|presente|präsentiert|apresente|coming soon:?|próximamente:?|bientôt:?|"
    r"demnächst:?|prossimamente:?|em breve:?|show the)\s+([A-ZÀ-Ý][\w'’&.+\-]*(?:\s+[A-ZÀ-Ý0-9][\w'’&.+\-]*){0,3})\s*[,:—–]\s+"
    r"(?:(?:a|an|the|our|un|una|une|le|la|el|il|o|um|uma|der|die|das|ein|eine|unser|unsere|unseren|nuestro|nuestra|notre|"
    r"nostro|nostra|nosso|nossa)\s+|l['’])([^,.;:!?]{3,50})", re.IGNORECASE)
# "an ad for quill, a note-taking app": the name the ad is for, then what it is.
_FOR_NAME_THEN_KIND = re.compile(
    r"\b(?:ad|ads|video|film|spot|promo|teaser|commercial|anuncio|publicité|pub|werbung|spot|annuncio|anúncio|vídeo)"
    r"\s+(?:for|para|pour|für|per)\s+([\w'’&.+\-]+(?:\s+[\w'’&.+\-]+){0,2}),\s+"
    r"(?:a|an|the|our|un|una|une|um|uma|ein|eine|unser|unsere|nuestra|nuestro|notre|nostra|nostro|nossa|nosso)\s+"
    r"([^,.;:!?]{3,50})", re.IGNORECASE)


def _named_for(text: str, lang: str) -> re.Match | None:
    """The name an ad is said to be for when what follows says what kind of thing it is ("Launch
    video for quill, a note-taking app"), even in lower case; not a kind ("an ad for candles,
    a gift") nor a person or a place."""
    m = _FOR_NAME_THEN_KIND.search(text)
    if not m:
        return None
    name = tokenize(m.group(1), lang)
    if any(fold(t.text) in _STOP_ALL or fold(t.text) in _DETERMINERS or _PEOPLE_WORD.fullmatch(fold(t.text))
           for t in name) or _match_lexicon(name, german=lang == "de") or is_known_place(m.group(1)):
        return None
    kind = _match_lexicon(tokenize(m.group(2), lang)[:4], german=lang == "de")
    return m if kind else None


def _listing_name(text: str, lang: str) -> ProductGuess | None:
    """A marketplace listing's title pasted as the brief ("Vantora Pro 12-Cup Programmable Drip
    Coffee Maker with Thermal Carafe, 24-Hour Brew Timer, ..."): words in capitals, run together
    with separators. Its name is its first part, up to the thing's noun (English) or the first
    size, and never the sale or pre-order banner before it."""
    words = re.findall(r"[^\W\d_][\w'’\-]*", text)
    separators = len(re.findall(r"\s[|–—-]\s|,\s", text))
    if len(text) < 80 or len(words) < 12 or separators < 3 \
            or sum(w[:1].isupper() for w in words) < 0.75 * len(words) \
            or re.search(r"[.!?:]\s|[!?]$", text):  # a title has no sentences (German capitalises every noun)
        return None
    for part in re.split(r"\s+[|–—-]\s+|,\s+|\s+(?:with|con|mit|avec|com)\s+", text):
        part = part.strip()
        tokens = tokenize(part, lang)
        while tokens and (_is_news_word(fold(tokens[0].text)) or fold(tokens[0].text) in ("off", "now")
                          or any(ch.isdigit() for ch in tokens[0].text)):
            tokens = tokens[1:]  # "PRE-ORDER Personalised Pet Portrait Mug", "Summer Sale 30% OFF"
        if any(_is_news_word(fold(t.text)) for t in tokens[:3]):
            continue
        cut = next((k for k, t in enumerate(tokens) if any(ch.isdigit() for ch in t.text) and k > 0), len(tokens))
        tokens = tokens[:cut]
        found = _match_lexicon(tokens, german=lang == "de")
        if lang == "en" and found:
            end = found[0][1]
            while any(a == end for a, _, _ in found):  # "Bed | Sheets": nouns in a row make one
                end = next(b for a, b, _ in found if a == end)
            tokens = tokens[:end]  # "Brightnest Bamboo Bed Sheets | Queen Size Cooling Sheets"
        if not 2 <= len(tokens) <= 8:
            return None
        name = part[tokens[0].start:tokens[-1].end]
        noun = found[-1][2] if lang == "en" and found else found[0][2] if found else ""
        # The brand: a word no dictionary of the language knows ("Kaltwerk", "Calima", "Vantora").
        brand = next((t.text for t in tokens if t.text[:1].isupper() and t.text.isalpha()
                      and not in_dictionary(t.text, lang) and not _match_lexicon([t])), "")
        return ProductGuess(_tidy_name(name), brand, noun, category_of(noun) if noun else "product")
    return None


_ARTICLE_FIRST = re.compile(r"^(?:the|la|le|el|il|lo|a|o|die|der|das)\s+", re.IGNORECASE)
# "Caffè Vesuvio lancia Notturno", "Tramontana Bikes presenta la Brisa E", "La Maison Vercors lance
# Cime": a company launching a named product; the product is what is launched, the company its brand.
_LAUNCHES = re.compile(
    r"([A-ZÀ-Ý][\w'’&.+\-]*(?:\s+[A-ZÀ-Ý][\w'’&.+\-]*){0,3})\s+(?:launches|unveils|introduces|presents|lanza|presenta|"
    r"lance|présente|dévoile|lancia|lança|apresenta|launcht)\s+(?:(?:the|its|their|la|le|les|el|su|sus|il|lo|sua|a|o|"
    r"seu|die|den|das|ihre|ihren)\s+)?(?:(?:new|all-new|nueva|nuevo|nouvelle|nouveau|nuova|nuovo|nova|novo|neue|neuen)\s+)?"
    r"([A-ZÀ-Ý][\w'’&.+\-]*(?:\s+[A-ZÀ-Ý0-9][\w'’&.+\-]*){0,3})")


def _opening_product(text: str, lang: str, facts: Facts) -> ProductGuess | None:
    """The brief's first clause when it is a short noun phrase naming a product kind the lexicon
    knows (at its end in English, at its start elsewhere), with no one in it, nothing done, no
    place, date or news: a brief written like a listing title."""
    tokens = [t for t in tokenize(text, lang) if t.clause == 0]
    if not 1 <= len(tokens) <= 7 or any(a <= t.start < b for t in tokens for a, b in facts.spans):
        return None
    words = [fold(t.text) for t in tokens]
    # Someone in the phrase makes it a scene, unless they only say what the product is for:
    # "Bloom baby monitor", "kids' ride-on tractor" (in English the last word is the thing).
    people = [m for m in _PEOPLE_WORD.finditer(text[:tokens[-1].end]) if not _for_someone(m, tokens, lang)]
    if any(w in _USE_VERBS or w in _LOCATION_PREP or _is_news_word(w) or w in _PRONOUN_WORDS for w in words) \
            or people or _IMPERATIVE_FIRST.match(text) or _AD_ASK.match(text):
        return None
    name = text[tokens[0].start:tokens[-1].end]
    found = _match_lexicon(tokens, german=lang == "de")
    head = [f for f in found if (f[1] == len(tokens) if lang == "en" else f[0] == 0)]
    if not head:
        from ...render.illustrations import find  # thousands of drawable things in six languages
        head_word = tokens[-1 if lang == "en" else 0].text
        if len(tokens) < 2 or find(head_word) is None or not in_dictionary(head_word, lang):
            return None
    maker = _BY.match(text, tokens[-1].end + 1)
    brand = next((t.text for t in tokens if _is_name_token(t)), "") or (maker.group(1) if maker else "")
    noun = head[-1][2] if head else ""
    return ProductGuess(_tidy_name(name), brand, noun, category_of(noun) if noun else "product")


def _for_someone(person: re.Match, tokens: list[Token], lang: str) -> bool:
    """Whether a people word only says whom the product is for ("baby" monitor, "kids'"
    tractor): in English it runs straight on into the thing, with nothing done in between."""
    if lang != "en" or person.end() >= tokens[-1].end:
        return False
    between = [t for t in tokens if t.start >= person.end()]
    return all(fold(t.text) not in ("and", "&", "with", "while") and not t.low.endswith("ing")
               for t in between)


_PRONOUN_WORDS = frozenset(fold(w) for w in "i i'm we we're you my our your me us".split())
# A label left alone when its value went to a card of its own ("Precio: 690 €" -> "Precio").
_LABEL_WORDS = frozenset(fold(w) for w in """price prices precio precios prix preis prezzo preço preco cost costo
coste kosten tarif tarifa date fecha datum data when where cuándo dónde quand où wann wo quando dove onde""".split())
_AD_ASK = re.compile(r"(?:a|an|the)?\s*(?:\w+\s+)?(?:ad|advert|video|commercial|spot|anuncio|annonce|werbung|spot|"
                     r"anúncio|publicité|vídeo)\b", re.IGNORECASE)


_LEADING_COUNT = re.compile(r"^\d{1,2}\s+(?=[a-zà-ÿ]{3,})")
_TRAILING_COUNT = re.compile(r"\s*[+&]\s*\d{1,2}$")


_WEEKDAY_NAMED = re.compile(r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)$", re.IGNORECASE)
_TRAILING_SLANG = re.compile(r"(?:\s+(?:asap|lol|lmao|pls|plz|please|thx|thanks|rn|tbh|haha+|porfa|stp|bitte))+$",
                             re.IGNORECASE)
# What a hurried brief writes right after the name, never part of it: chat shorthand ("scents r
# here", "pints w/"), a pronoun or an adverb ("Bramble Bar it's", "Fade Factory back open",
# "Bean There cafe near the uni", "Météo Vélo te dit"), "the Moonlight one", a promo code, a
# day or an hour ("Luna Nail Bar friday 5pm"), and a "made" without its "by hand"
# ("candele profumate fatte a mano").
_TRAILING_CHATTER = re.compile(
    r"(?:\s+(?:r|u|ur|w|n|b4|it|its|it['’]s|te|you|back|near|here|there|now|today|tonight|one|code\s+(?=\S*\d)\S+|"
    r"fatte|fatti|fatta|fatto|feitos|feitas|feito|feita|faits|faites|fait|hechos|hechas|hecho|hecha|made|gemacht|"
    + _WEEKDAY + r"|" + _TIME_ONE + r"(?:\s?[-–]\s?" + _TIME_ONE + r")?|\d{1,4}))+$", re.IGNORECASE)


def _complete_name(product: ProductGuess, text: str, lang: str, places: list[str], offers: list[str] = ()) -> ProductGuess:
    """The product's name as a copywriter would write it, whichever reading picked it: without
    the preposition it came with ("all'Hotel Ciaspola", "chez Glacier Bérénice"), without the
    town after it ("Studio Equilibrio a Torino"), and not cut short ("Nordwand Pro",
    "Fuchs & Partner", "Cine Estrela do Mar")."""
    name = product.name
    if not name:
        return product
    new = _TRAILING_SLANG.sub("", name) or name  # "Brightcoin asap", "hammocks lol"
    chatter = _TRAILING_CHATTER.search(new)
    before_chatter = new[:chatter.start()].split()[-1:] if chatter else []
    if chatter and chatter.start() > 0 and not re.fullmatch(r"\s+\d{1,4}", chatter.group()) \
            and not (before_chatter and fold(before_chatter[0]) in _NAME_LINKS):  # "Sugo della domenica"
        new = new[:chatter.start()]  # ...but a number alone may be the model's: "Slate 3", "Aurora 6"
    for offer in offers:
        # "Half price pizzas", "BOGO tacos": the offer is a fact of its own, not part of the name.
        if fold(new).startswith(fold(offer) + " ") and len(new) > len(offer) + 2 and (
                re.search(r"\d|%", offer) or _OFFER_PHRASES.fullmatch(offer)):  # but "free yoga class" stays
            new = new[len(offer):].strip()
    new = _LEADING_COUNT.sub("", new)  # "3 occhiali da sole" (al prezzo di 2)
    new = _TRAILING_COUNT.sub("", new)  # "Slumberly Hybrid + 2" (free pillows)
    if len(new.split()) > 1 and re.search(r"\s[a-zà-ÿ][\w\-]*['’]s$", new):
        new = new[:-2]  # "yoga studio's" (new classes): the owner of what is sold; "Trader Joe's" stays
    new = _ELIDED_LEAD.sub("", new)
    new = _LEAD_PREP.sub("", new) if len(new.split()) > 1 else new
    trailing = _TRAILING_PLACE.search(new)
    if trailing and len(new.split()) > 3 and (is_known_place(trailing.group(1)) or trailing.group(1) in places):
        new = new[:trailing.start()]
    new = _TRAILING_SPEC.sub("", new) if len(new.split()) > 1 else new  # "cordless drill 20V", "air fryer 4 quart"
    trailing_number = re.search(r"\s\d{1,4}$", new)
    written = re.search(re.escape(new), text, re.IGNORECASE) if trailing_number else None
    if written and _unit_follows(text, written.end()):
        new = new[:trailing_number.start()]  # "Parmigiano Reggiano 30| mesi", "Origami 20| pollici": a measure
    if len(new.split()) > 2 or new[:1].isupper():
        new = _TRAILING_GENERIC.sub("", new)  # "our second Driftline Coffee location", "Lowtide 12 cooler below"
    new = _TRAILING_AGENCY.sub(r"\1", " " + new).strip()  # "Pinecrest client", "Fernhill Farm Shop owners"
    maker = _maker_in_name(new, text, lang)
    if maker:
        # "Akkuschrauber TX18 von Werkmann", "Tomatensoße von Sugo Rosa": the maker is the brand, not the name.
        new, made_by = maker
        product = ProductGuess(product.name, made_by, product.noun, product.category)
    shop = None if maker else _goods_of_a_shop(new, text)
    if shop:
        new, product = shop, ProductGuess(product.name, shop, product.noun, product.category)
    new = _LEADING_WRAPPER.sub("", new) if len(new.split()) > 1 else new  # "Marque Frimas", "Garrafa de vinho"
    found = re.search(re.escape(new), text, re.IGNORECASE)  # the name may be shown with a capital the brief lacks
    at = found.start() if found else -1
    if at >= 0:
        for _ in range(0 if maker else 2):  # a maker just cut off is not joined back
            more = _NAME_GOES_ON.match(text, at + len(new))
            last = more.group().split()[-1] if more else ""
            # "chinelos Pé| na Areia" is a name of ordinary words; "Onda Boa na Ericeira" is where it is.
            if more and new.split()[-1][:1].isupper() and len((new + more.group()).split()) <= 7 \
                    and not is_known_place(last) and not _is_date_word(last):
                new = new + more.group()  # "Blue Heron Credit| Union", "Finca| Los Almendros", "Pane| e Sale"
        joined_maker = None if maker else _maker_in_name(new, text, lang)
        if joined_maker:  # "Turbo V12| de Soufflex": what joined on was the maker
            new, made_by = joined_maker
            product = ProductGuess(product.name, made_by, product.noun, product.category)
        compound = _COMPOUND_HEAD_AFTER.match(text, at + len(new)) if lang == "en" else None
        if compound and fold(new.split()[-1]) in _MODIFIERS and fold(compound.group(1)) in lx.COMPOUND_HEADS:
            new = new + compound.group()  # "Perch laptop| stand", "Sudsy's car| wash": the compound is the thing
        numbered_after = re.match(r"\.?\s?\d{1,3}(?![\w%])", text[at + len(new):]) \
            if re.search(r"(?<![\w])(?:No|Nº|N°|Nr)$", new) else None
        if numbered_after:
            new = new + numbered_after.group()  # "Wildflower No| . 3"
        number = _MODEL_NUMBER_AFTER.match(text, at + len(new))
        unit_after = number is not None and _unit_follows(text, number.end())
        if number and not unit_after and new.split()[-1][:1].isupper() and not any(
                text[at + len(new):].lstrip().startswith(o) for o in offers):
            new = new + number.group()  # "Zapatillas de running Nimbus| 2", "Hearth| 3" (not "Eyewear 2 for $99")
        numbered = re.search(r"(?<![\w])(?:No|Nº|N°|Nr|n°)\.?\s*$", text[:at]) if new[:1].isdigit() else None
        if numbered:
            new = numbered.group(0) + new  # "No. 4 Vetiver", "Solstice n°3": the number's word is the name's
        before = _NAME_BEFORE.search(text[:at - len(numbered.group(0)) if numbered else at])
        word = before.group(0).split()[0] if before else ""
        opens = before is not None and (before.start() == 0 or re.search(r"[.!?:]\s*$", text[:before.start()]))
        # (A one-letter word is a unit, "30 L de Montagne & Co", not a name's first part.)
        if before and text[at:at + 1].isupper() and not opens and not _is_news_word(fold(word)) and len(word) > 1 \
                and not _is_date_word(word) and not is_known_place(word) and not (lang == "de" and in_dictionary(word, "de")):
            new = before.group(0) + new  # "Vinho verde Quinta do| Orvalho", "the Cozy| Paws Pet Hotel"
        elif _opens_name_at_sentence_start(text, at, new, lang):
            first = _SENTENCE_FIRST_WORD.search(text[:at])
            new = first.group(1) + " " + new  # "... a moment of calm. Quiet| Hour Tea", "Hello| Smile Dental"
        elif before and _WEEKDAY_NAMED.match(word) and len(new.split()) >= 2 \
                and all(w[:1].isupper() for w in new.split()) and text[at:at + 1].isupper() \
                and not re.search(r"(?:on|this|next|every|each|until|till|by|from|last|before|after)\s+$",
                                  text[:before.start()], re.IGNORECASE):
            new = before.group(0) + new  # "Sunday| Swim Club", "Sunday| Yoga Studio": a weekday naming a place
    if product.brand and re.fullmatch(re.escape(new) + r"\s*[+&]?\s*\d{1,2}", product.brand):
        product = ProductGuess(product.name, new, product.noun, product.category)  # "Coastline Eyewear 2 for $99"
    if new == name:
        return product
    brand = product.brand if product.brand and product.brand in new else ""
    if brand and fold(brand) == fold(name) and fold(new).startswith(fold(name)):
        brand = new  # the brand was the name cut short: "Wildflower No" is "Wildflower No. 3"
    return ProductGuess(_tidy_name(new), brand or product.brand, product.noun, product.category)


# The word a sentence opens on, right before a name that goes on in capitals.
_SENTENCE_FIRST_WORD = re.compile(r"(?:^|[.!?]\s+|\n)([A-ZÀ-Ý][a-zà-ÿ'’\-]+)\s$")


def _opens_name_at_sentence_start(text: str, at: int, name: str, lang: str) -> bool:
    """Whether the capitalised word opening the sentence is the first word of the name after it:
    "Quiet Hour Tea", "Hello Smile Dental", "Fresh Fold laundry sheets". A sentence's first word is
    capitalised whatever it is, so only when the name goes on in capitals and the word is none
    of those a sentence opens on (an article, a request, news, a day, a town, a greeting to someone)."""
    first = _SENTENCE_FIRST_WORD.search(text[:at])
    words = name.split()
    if not first or len(words) < 2 or not all(w[:1].isupper() for w in words[:2]) or not text[at:at + 1].isupper():
        return False
    word = first.group(1)
    low = fold(word)
    return not (low in _STOP_ALL or low in _DETERMINERS or low in _PREPOSITIONS or low in _FUNCTION_WORDS
                or low in _PRONOUN_WORDS or _is_news_word(low) or _is_date_word(word) or is_known_place(word)
                or _IMPERATIVE_FIRST.fullmatch(word) or _ASKS_FOR_AD.fullmatch(word) or low in AD_WORDS
                or low in _TALK_WORDS or (lang == "de" and in_dictionary(word, lang)))


# Words that open a sentence to someone, never a name: "Hi Luna Bakery!", "Thanks Wild Veil".
_TALK_WORDS = frozenset(fold(w) for w in """hi hey hiya thanks thank cheers dear hola gracias bonjour merci salut
hallo danke ciao grazie oi olá obrigado obrigada please pls so ok okay yes yeah no
somos soy sou siamo sono sommes suis es son sind bin ist we're i'm it's that's thats here's this""".split())


# What a signed-off name may still carry after it: where ("near the uni", "off Gloucester Rd",
# "in Croydon", "since 1982").
_SIGNATURE_TAIL = re.compile(r"\s+(?:near|off|in|at|on|en|à|a|em|im|bei|since|desde|depuis|seit|dal|da|est\.?)\s+"
                             r"(?:the\s+|la\s+|le\s+|el\s+|o\s+|a\s+)?[a-z0-9][^,]*$")
_SIGNATURE_JOINERS = frozenset(fold(w) for w in "& + and of the by on de do da dos das del du des di y e et und".split())


def _signature(text: str, lang: str, facts: Facts) -> str:
    """The business a brief signs off with, after its picture of the scene: "... big smiles.
    La Güera Tacos", "Quinta do Sol, Algarve", "Bikram Sol, Valencia", "rosies flowers stroud".
    Where it is, a phone number or a handle after it are set aside. Empty when the brief's last
    sentence is no name alone."""
    last = re.split(r"(?<=[.!?])\s+|\n+", text.strip())[-1]
    parts = [p.strip(" .!?:") for p in re.split(r"[,;()]|\s[—–-]\s|[—–]", last)]
    while parts and (not parts[-1] or is_known_place(parts[-1]) or _is_where(parts[-1], facts)
                     or (re.search(r"\d", parts[-1]) and len(parts[-1].split()) <= 3 and len(parts) > 2)  # "sleeps 8"
                     or fold(parts[-1]) in (fold(p) for p in facts.places) or not re.search(r"[^\W\d]", parts[-1])
                     or _PHONE.search(parts[-1]) or _WEB_ADDRESS.search(parts[-1]) or parts[-1].startswith(("@", "#"))
                     or _SIGNATURE_TAIL.match(" " + parts[-1])):
        parts.pop()
    if not parts:
        return ""
    name = _SIGNATURE_TAIL.sub("", parts[-1]).strip()
    cased = text != text.lower()
    name_tokens = tokenize(name, lang)
    ends_on_its_kind = len(name.split()) >= 2 and any(b == len(name_tokens) for _, b, _ in
                                                      _match_lexicon(name_tokens, german=lang == "de"))
    if len(parts) != 1 and not (cased and all(w[:1].isupper() or fold(w) in _SIGNATURE_JOINERS for w in name.split())
                                or not cased and ends_on_its_kind and not any(
                                    fold(w) in _STOP_ALL or w.endswith("ing") for w in name.split())):
        return ""  # the last sentence is the name alone, or ends on a name ("maple st bakehouse, 14 maple st")
    words = name.split()
    if not 1 <= len(words) <= 5 or any(ch.isdigit() for ch in name) or ":" in name \
            or (fold(words[0]) in _SIGNATURE_JOINERS and not (words[0] == "The" and len(words) >= 2)) \
            or fold(words[0]) in _PREPOSITIONS:
        return ""  # ("By Loftmore" says who made it, not what it is; "The Dugout" is a name)
    # A name: a word no dictionary has ("Güera", "Zaugg"), or two capitalised words at least.
    capitalised = sum(w[:1].isupper() for w in words)
    if not (any(w.isalpha() and not in_dictionary(w, lang) and fold(w) not in lx.COMMON_WORDS for w in words)
            or capitalised >= 2 or not cased and ends_on_its_kind):  # typed small: "maple st bakehouse"
        return ""
    if _IMPERATIVE_FIRST.match(name) or _ASKS_FOR_AD.match(name) or _RUN_BY.match(name) \
            or fold(words[0]) in _TALK_WORDS or (len(words) == 1 and in_dictionary(name, lang)):
        return ""
    if cased:
        # A name: every word capitalised but the words that join its parts ("Scoops on the Pier").
        if not all(w[:1].isupper() or w[:1].isdigit() or fold(w) in _SIGNATURE_JOINERS for w in words):
            return ""
        while len(words) > 1 and is_known_place(words[-1]) and not _match_lexicon(tokenize(words[-1], lang)) \
                and fold(words[-2]) not in _SIGNATURE_JOINERS:
            words = words[:-1]  # "Align Studio Headingley": the district goes ("Canastra da Serra" keeps it)
    else:
        # Typed in lower case: a business the lexicon knows ("rosies flowers") or a word no dictionary has.
        while len(words) > 1 and is_known_place(words[-1]):
            words = words[:-1]
        tokens = tokenize(" ".join(words), lang)
        if not (_match_lexicon(tokens, german=lang == "de") or any(not in_dictionary(w, lang) for w in words if w.isalpha())):
            return ""
    # Typed all in lower case, the name is written as one: "maple st bakehouse" -> "Maple St Bakehouse".
    name = " ".join(words) if cased else " ".join(w[:1].upper() + w[1:] for w in words)
    low = fold(name)
    if _is_news_word(low) or low in _STOP_ALL or _is_date_word(name) or any(fold(w) in AD_WORDS for w in words):
        return ""
    return name


# The logo a treatment ends on names whose ad it is: "End on Ferro logo", "End on the Heron Tea
# logo", "Vemos el logo de Azulejaria Lusa", "Logo: Seeadler von Paddelwerk".
_LOGO_AFTER = re.compile(r"([A-ZÀ-Ý][\w'’&+\-]*(?:\s+[A-ZÀ-Ý][\w'’&+\-]*){0,3})(?:['’]s)?\s+(?:logo|Logo)\b")
_LOGO_BEFORE = re.compile(r"\b(?:logo|Logo|LOGO)(?:\s*:\s*|\s+(?:de|da|do|di|du|von|of|della|del|dell['’])\s*)"
                          r"(?:(?:la|el|o|a|il|le|the|der|die|das)\s+)?"
                          r"([A-ZÀ-Ý][\w'’&+\-]*(?:\s+(?:[A-ZÀ-Ý][\w'’&+\-]*|de|da|do|di|del|du|von))*)")


def _logo_named(product: ProductGuess, text: str, lang: str, facts: Facts) -> ProductGuess:
    """The product is the one whose logo the film ends on: its name as the brief writes it with
    its noun ("the Hollow One headphones"), when the reading took something else."""
    found = _LOGO_AFTER.search(text) or _LOGO_BEFORE.search(text)
    if not found:
        return product
    brand = re.sub(r"\s+(?:de|da|do|di|del|du|von)$", "", found.group(1)).strip()
    words = brand.split()
    said_logo = re.search(r"\blogo\b", product.name, re.IGNORECASE) is not None  # "Logo da Azulejaria Lusa"
    if not words or fold(words[0]) in SHOT_WORDS or _is_news_word(fold(brand)) or fold(brand) in _STOP_ALL \
            or fold(words[0]) in _DETERMINERS or is_known_place(brand) \
            or not said_logo and (fold(brand) in fold(product.name) or (product.brand and fold(brand) in fold(product.brand))):
        return product
    # "Seeadler von Paddelwerk": the thing before its maker.
    maker = re.match(r"(.+?)\s+(?:von|de|by|from|di|da)\s+(.+)$", brand)
    name, made_by = (maker.group(1), maker.group(2)) if maker else (brand, brand)
    mention = re.search(re.escape(name) + r"(?:['’]s)?((?:\s+[a-zà-ÿ][\w\-]*){1,2})", text[:found.start()])
    if mention:
        tail = tokenize(mention.group(1).strip(), lang)
        noun = _match_lexicon(tail, german=lang == "de")
        if noun and noun[0][0] == 0:
            said = name + " " + " ".join(t.text for t in tail[:noun[0][1]])
            return ProductGuess(_tidy_name(said), made_by, noun[0][2], category_of(noun[0][2]))
    return ProductGuess(_tidy_name(name), made_by, product.noun, product.category)


# "Brand: Swellbound", "Marke: Bergfuchs": a label that says the next name is whose the ad is.
_BRAND_LABEL = r"(?:brand|marca|marque|marke|marchio|label|location|logiciel|software|app|appli)"
_NAME_WORDS = r"[A-ZÀ-Ý][\w'’&.+\-]*(?:\s+(?:(?:&|and|de|do|da|del|di|du|la|le|ma|on|of|the|y|e|et|und)\s+)?[A-ZÀ-Ý0-9][\w'’&.+\-]*){0,3}"
_KIND_THEN_NAME = re.compile(r"^(?P<kind>[\w'’\- ]{2,40}?)\s*(?::|\s(?:by|from|von|vom|de|di|da|du|des|dalla|della))\s+"
                             r"(?P<name>" + _NAME_WORDS + r")(?:\s+(?:by|von|de|di|da|par)\s+(?P<maker>" + _NAME_WORDS + r"))?"
                             r"(?P<rest>\s+[a-zà-ÿ][\w\s'’-]*)?$")


_BRAND_LINE = re.compile(r"(?:^|[.!?\n]\s*)(?:brand|marca|marque|marke|marchio|label)\s*:", re.IGNORECASE)


def _signed_with_its_kind(text: str, lang: str, facts: Facts) -> ProductGuess | None:
    """A scene that names what it sells in a sentence of its own, the kind then the name:
    "Wanderschuhe: Bergfuchs.", "Haferdrink von Haferliebe.", "Lipstick: Velvet Riot by Maison
    Lark.", "Brand: Swellbound wetsuits.", "Bomboniere artigianali di Confetti Bianchi." The
    last such sentence after the first wins; the name is shown alone, its maker is the brand."""
    if text == text.lower() or _LABELLED.search(text):
        return None  # (a form's "Produkt:" line says it already)
    sentences = [x.strip() for x in re.split(r"(?<=[.!?])\s+|\n+", text.strip()) if x.strip()][1:]
    for sentence in reversed(sentences):
        first_part = re.split(r"[,;(]|\s[—–-]\s", sentence.rstrip(" .!?"))[0].strip()
        m = _KIND_THEN_NAME.match(first_part)
        if not m or not _a_kind_alone(m.group("rest") or "", lang):
            continue  # (after the name, only what kind it is: "Swellbound wetsuits")
        kind, name = m.group("kind").strip(), m.group("name").strip()
        kind_tokens = tokenize(kind, lang)
        found = _match_lexicon(kind_tokens, german=lang == "de")
        labelled = re.fullmatch(_BRAND_LABEL, kind, re.IGNORECASE) and ":" in first_part
        # The kind is a noun phrase and nothing else: no "In our boutiques from", "Hosted by".
        nouns_only = not any(fold(t.text) in _STOP_ALL or fold(t.text) in _PREPOSITIONS or fold(t.text) in _USE_VERBS
                             or t.text.endswith("ed") or _is_date_word(t.text) for t in kind_tokens)
        joined = first_part[m.end("kind"):m.start("name")].strip().lower()
        # (A one-word kind "de" a name is often the name whole: "Miel du Vercors", "Fleurs de Jade".)
        romance_join = joined in ("de", "di", "da", "du", "des", "dalla", "della") and len(kind_tokens) < 2
        said_kind = nouns_only and not romance_join and (
            found and found[-1][1] == len(kind_tokens)
            or joined in ("von", "vom") and len(kind_tokens) == 1 and kind[:1].isupper())  # "Haferdrink von ..."
        first_name = fold(name.split()[0])
        if not (labelled or said_kind) or _is_where(name, facts) or is_known_place(name) or first_name in _STOP_ALL \
                or _is_date_word(name.split()[0]) or _is_title_word(name.split()[0]) or first_name in lx.FIRST_NAMES \
                or any(w.isdigit() for w in name.split()):
            continue
        rest = _match_lexicon(tokenize(m.group("rest") or "", lang), german=lang == "de")
        noun = (found or rest or [(0, 0, "")])[-1][2]
        return ProductGuess(_tidy_name(name), (m.group("maker") or name).strip(), noun,
                            category_of(noun) if noun else "product")
    return None


def _a_kind_alone(words: str, lang: str) -> bool:
    """Whether a few words can only say what kind of thing something is: a kind the lexicon
    knows, or up to two words with no small word, person or verb among them ("Haferdrink")."""
    tokens = tokenize(words, lang)
    if not tokens or _match_lexicon(tokens, german=lang == "de"):
        return True
    return len(tokens) <= 2 and not any(fold(t.text) in _STOP_ALL or fold(t.text) in _PREPOSITIONS
                                        or _PEOPLE_WORD.fullmatch(fold(t.text)) or fold(t.text) in _USE_VERBS
                                        for t in tokens)


# "sui Navigli", "nella Bassa", "no Porto": a preposition joined to its article, before a place.
_ON_OR_IN = frozenset("sui sul sulla sugli sulle nel nella nei negli nelle no na nos nas ao aos".split())


def _written_as_a_name(name: str, lang: str) -> bool:
    """A name written as one: a number, a capital after its first word that no small word
    puts in a place ("Aperitivo sui Navigli" is a scene), or a word no dictionary has. A clause's
    head that opens on a small word ("con 4 calici") names nothing."""
    words = name.split()
    if not words or fold(words[0]) in _STOP_ALL or fold(words[0]) in _PREPOSITIONS:
        return False
    capital = any(w[:1].isupper() and fold(before) not in _PREPOSITIONS and fold(before) not in _LOCATION_PREP
                  and fold(before) not in _ON_OR_IN for before, w in zip(words, words[1:]))
    return any(ch.isdigit() for ch in name) or capital or any(
        w.isalpha() and not in_dictionary(w, lang) and fold(w) not in lx.COMMON_WORDS for w in words)


def _signed_by(product: ProductGuess, text: str, lang: str, facts: Facts) -> ProductGuess:
    """A brief that describes a scene and signs off with the business is about that business,
    unless it named a product of its own (a name written as one) on the way. A sign-off that
    says the kind and then the name ("Wanderschuhe: Bergfuchs.") names the product outright."""
    labelled = _signed_with_its_kind(text, lang, facts)
    if labelled is not None and fold(labelled.name) != fold(product.name):
        brand_only = _BRAND_LINE.search(text) and _written_as_a_name(product.name, lang) \
            and not _is_where(product.name, facts) \
            and not any(fold(w) in q.split() for q in facts.quoted for w in product.name.split())  # a tagline
        if not brand_only and (labelled.noun or not _match_lexicon(tokenize(product.name, lang), german=lang == "de")):
            return labelled
        # "Showcase our Darjeeling first flush ... Brand: Leaf & Ledger.": the thing, and whose it is.
        return ProductGuess(product.name, labelled.name, product.noun, product.category)
    name = _signature(text, lang, facts)
    if not name:
        return product
    own, signed = fold(product.name), fold(name)
    if own and own != signed and signed.startswith(own + " "):
        # "Queijo Canastra" signed "Queijo Canastra da Serra": the name as the brief signs it, whole.
        return ProductGuess(_tidy_name(name), product.brand, product.noun, product.category)
    if own and (own in signed or signed in own):
        return product
    if _written_as_a_name(product.name, lang) and not _is_where(product.name, facts) \
            and not is_known_place(product.name):
        return product
    found = _match_lexicon(tokenize(name, lang), german=lang == "de")
    noun = found[-1][2] if found else product.noun
    return ProductGuess(_tidy_name(name), name, noun, category_of(noun) if noun else product.category)


def _unit_follows(text: str, at: int) -> bool:
    """Whether the word after position `at` is a unit: the number before it is a measure."""
    return _is_unit((text[at:].split() or [""])[0])


def is_known_place(word: str) -> bool:
    from .places import is_place  # the gazetteer loads on first use
    return is_place(word)


# Days as a hurried brief writes them, as the screen spells them: "this sat" -> "this Saturday",
# "sat+sun" -> "Saturday & Sunday", "Do." -> "Donnerstag", "tmrw" -> "tomorrow".
_SHORT_DAYS = {
    "en": {"mon": "Monday", "tue": "Tuesday", "tues": "Tuesday", "wed": "Wednesday", "thu": "Thursday",
           "thur": "Thursday", "thurs": "Thursday", "fri": "Friday", "sat": "Saturday", "sun": "Sunday",
           "monday": "Monday", "tuesday": "Tuesday", "wednesday": "Wednesday", "thursday": "Thursday",
           "friday": "Friday", "saturday": "Saturday", "sunday": "Sunday",
           "tmrw": "tomorrow", "tmw": "tomorrow", "2morrow": "tomorrow", "2moro": "tomorrow"},
    "de": {"mo": "Montag", "di": "Dienstag", "mi": "Mittwoch", "do": "Donnerstag", "fr": "Freitag", "sa": "Samstag",
           "so": "Sonntag"},
}


def _spelled_out_days(value: str, lang: str) -> str:
    """A stated day with its abbreviations written out; anything else as it was."""
    days = _SHORT_DAYS.get(lang, {})
    spelled = re.sub(r"(?<![\w])\w+\.?", lambda m: days.get(m.group().rstrip(".").lower(), m.group()), value)
    return re.sub(r"\s*\+\s*", " & ", spelled)


def _with_days_spelled_out(line: str, dates: list[str], lang: str) -> str:
    """A line of copy with the stated days in it spelled out ("This sat 10-3 at St Mary's" ->
    "This Saturday 10-3 at St Mary's"); only where a stated day stands, so "sat on the sofa" stays."""
    for date in dates:
        spelled = _spelled_out_days(date, lang)
        if spelled != date:
            line = re.sub(r"(?<![\w])" + re.escape(date) + r"(?![\w])", spelled, line, flags=re.IGNORECASE)
    return line


def _each_once(values: list[str]) -> tuple[str, ...]:
    """The values without those another one already says: "enero" beside "del 7 al 31 de enero"."""
    return tuple(v for v in values if not any(w != v and _contains_words(fold(w), fold(v)) for w in values))


def _contains_words(text: str, part: str) -> bool:
    return re.search(r"(?<!\w)" + re.escape(part) + r"(?!\w)", text) is not None


# An opening said in so many words ("is opening", "opening a food truck", "coworking space opening in").
# ("the cat not even opening an eye", "a barista opening the cafe" are scenes.)
_OPENING_SAID = re.compile(r"\b(?:is|are|we['’]re|we are|i['’]m|now|grand|soft)\s+opening\b"
                           r"|(?:^|[.!?]\s+)opening\s+(?:a|an|our|my)\b|(?<![\w-])opening\s+(?:soon|this|next|on|in|at)\b",
                           re.IGNORECASE)


def read_brief(prompt: str) -> Reading:
    from . import news_classifier  # the models read briefs with this module's helpers
    from .product_ranker import rerank

    text, steered, lang, facts = prepare(prompt)
    rules_news = find_news(text, facts)
    news = news_classifier.choose(text, facts, rules_news)
    if rules_news == "opening" and _OPENING_SAID.search(text):
        news = "opening"  # "my new yoga studio is opening": said outright, whatever else the brief holds
    news = _news_said_outright(text) or news
    if news == "opening" and rules_news != "opening" and _TREATMENT_OPENS.match(text):
        news = rules_news  # "Apriamo su un temporale...": the film opens, nothing else does
    product = find_product(text, lang, facts)
    opening = _opening_product(text, lang, facts)
    first_clause = fold(re.split(r"[,;:—–(\n]|\s-\s|[.!?](?:\s|$)", text, maxsplit=1)[0])
    spec_like = bool(re.search(r"\d", product.name) or re.match(r"[A-Z0-9]{2,}\b", product.name))
    if opening is not None and fold(product.name) not in first_clause and (spec_like or not product.name):
        # "Travel coffee press, BPA-free, makes 2 cups": the brief opens on what it sells, and a
        # spec after it ("BPA-free", "4K camera", "12V") is what it has, not what it is.
        product = opening
    listed = _listing_name(text, lang)
    if listed is not None:
        product = listed
    introduced = _INTRODUCED.search(text)
    if introduced and not introduced.group(1)[:1].isupper() and text != text.lower():
        introduced = None  # "show the kibble, the ingredients": a shot, where a brief with capitals would name a name
    introduced = introduced or _named_for(text, lang)
    launched = _LAUNCHES.search(text) if not introduced else None
    if launched and not _is_news_word(fold(launched.group(2))) and not _is_date_word(launched.group(2).split()[0]):
        # "Caffè Vesuvio lancia Notturno, una miscela...": what is launched, by whom.
        apposition = tokenize(text[launched.end():launched.end() + 60], lang)[:4]  # ", una gamme de chaussures"
        after = _match_lexicon(apposition, german=lang == "de")
        noun = after[0][2] if after else product.noun
        maker = _ARTICLE_FIRST.sub("", launched.group(1))
        product = ProductGuess(_tidy_name(launched.group(2)), maker, noun, category_of(noun) if noun else product.category)
        introduced = launched
    elif introduced and not _is_news_word(fold(introduced.group(1))):
        # "Introducing Glow, a vitamin C face serum": the name, then what it is.
        kind = tokenize(introduced.group(2), lang)
        found = _match_lexicon(kind, german=lang == "de")
        noun = found[-1][2] if found else product.noun
        said = _ARTICLE_FIRST.sub("", introduced.group(1))  # "Meet the Orbit card" names the Orbit card
        product = ProductGuess(_tidy_name(said), said, noun,
                               category_of(noun) if noun else product.category)
    if product.brand and " " not in product.brand.strip() and text.startswith(product.brand) \
            and product.brand[1:].islower() and in_dictionary(product.brand, lang) and not _CALLED.search(text):
        # "Gourmet dog treats ...": a word capitalised because it opens the brief is no brand.
        product = ProductGuess(product.name, "", product.noun, product.category)
    called = _CALLED.search(text)
    said_outright = (called is not None and fold(called.group(1)) in fold(product.name)) or introduced is not None \
        or listed is not None
    author = ""  # who wrote or hosts it, when the rules or the ranker took them for the product
    # A labelled product or a rebrand's new name is said outright: no second opinion needed.
    read_for_itself = not (_LABELLED.search(text) or _REBRAND.search(text) or _WE_ARE_NOW.search(text) or said_outright)
    if read_for_itself:
        rules_pick = product
        def runner_up() -> ProductGuess:
            """The model's best that is not a place ("dog grooming salon", not "Westfield")."""
            return rerank(text, lang, facts, rules_pick, avoid=lambda name: _is_where(name, facts) or _is_unit(name))
        product = _not_a_where(rerank(text, lang, facts, product), rules_pick, text, lang, facts, runner_up)
        product = _event_not_its_venue(product, rules_pick, text)
        if fold(rules_pick.name) == first_clause and fold(rules_pick.name).startswith(fold(product.name) + " "):
            # "Cestini in vimini, fatti a mano...": a brief that opens on a label names it whole.
            product = rules_pick
        product, author = _not_a_person(product, text, lang)
        product = _whole_title(product, text)
        product = _event_named_first(product, text, facts)
        product = _what_the_ad_is_for(product, text, lang)
        product = _signed_by(product, text, lang, facts)
        product = _logo_named(product, text, lang, facts)
    if lang == "de":
        product = _german_nominative(product, text)
    product = _titled(product, text, facts)
    product = _without_trailing_news(product)
    product = _with_form_brand(product, prompt)
    product = _complete_name(product, text, lang, facts.places, facts.offers)
    if read_for_itself:
        product = _thing_not_its_maker(product, text, lang)
    product = _without_possessive(product, text)
    product = _with_its_article(product, text)
    product = _through_the_title(product, text)
    product = _with_what_its_letter_belongs_to(product, text)
    product = _name_without_its_kind(product, text, lang)
    product = _trade_named_like_a_search(product, text, facts)
    if product.name and all(fold(w) in _STOP_ALL or fold(w) in _DETERMINERS or fold(w) in _PREPOSITIONS
                            or fold(w) in _FUNCTION_WORDS or not any(ch.isalpha() for ch in w)
                            for w in product.name.split()):
        # "Over only" from "Free shipping on all orders over $50 this week only": no thing is named;
        # the offer is what the ad is about.
        first = (facts.offers or [facts.occasion or ""])[0]
        product = ProductGuess(_tidy_name(first), "", "", "product")
    owner = re.match(r"^(.+?)['’]s\s", product.brand + " ")
    if owner and len(owner.group(1).split()) >= 2:
        # "Kalyva Estate's 2024": the brand is whose it is, never the possessive and what follows it.
        product = ProductGuess(product.name, owner.group(1), product.noun, product.category)
    if product.brand != _without_full_stop(product.brand):
        product = ProductGuess(product.name, _without_full_stop(product.brand), product.noun, product.category)
    if product.brand and fold(product.brand) not in fold(product.name) and _is_where(product.brand, facts):
        product = ProductGuess(product.name, "", product.noun, product.category)  # "a tattoo studio in Springfield"
    if product.name and product.brand and any(fold(p) == fold(product.brand) for p in facts.places):
        facts.places = [p for p in facts.places if fold(p) != fold(product.brand)]
    if product.name:
        # A weekday that is part of the name ("Sunday Swim Club") is no date.
        facts.dates = [d for d in facts.dates if not (_WEEKDAY_NAMED.match(d) and fold(d) in fold(product.name).split())]
        # A place that is the product's own name ("... at Luna Bakery") is not a separate fact.
        facts.places = [p for p in facts.places if fold(p) not in fold(product.name) and fold(product.name) not in fold(p)]
    for place in [*_trailing_places(text, product), *_named_places(text, lang, product, facts),
                  *_stockists_and_regions(text, product)]:
        if all(fold(place) not in fold(p) and fold(p) not in fold(place) for p in facts.places):
            facts.places.append(place)
    pos = fold(text).find(fold(product.name)) if product.name else -1
    span = (pos, pos + len(product.name)) if pos >= 0 else None
    world = find_world(text, span, tuple(facts.places), lang)
    # (A "quick 30s for socials" is the agency's, not a quality of what is sold: its sentence is
    # blanked, so every other word keeps its place in the brief.)
    about_the_product = re.sub(r"[^.!?]+[.!?]?", lambda m: " " * len(m.group()) if _about_making_the_ad(m.group())
                               else m.group(), text)
    qualities = find_qualities(about_the_product, product.name, facts, (world.setting, world.people))
    return Reading(
        text=text, language=lang, steered=steered, news=news, offers=tuple(facts.offers[:3]),
        prices=tuple(facts.prices[:2]),
        dates=tuple(_spelled_out_days(d, lang) for d in _each_once(facts.dates)[:2]), times=tuple(facts.times[:2]), places=_shown_places(facts.places, text, lang),
        occasion=facts.occasion, product=product, world=world, aesthetic=find_aesthetic(text),
        qualities=tuple(qualities),
        lines=tuple(_with_days_spelled_out(line, facts.dates, lang) for line in selling_lines(text, product.name, facts)),
        old_name=_old_name(text), ruled_out=tuple(dict.fromkeys(ruled_out(prompt) + _rivals(prompt, product, tuple(facts.places), lang)
                                        + _named_in_negations(prompt, product, tuple(facts.places), lang))),
        not_yet=news in ("pre_order", "coming_soon") or bool(_NOT_YET_CUE.search(text)),
        flavour=find_flavour(text, product.name) if news == "new_flavour" else "",
        web=_own_web_address(text, facts.web, product) or _own_handle(text, product),
        phone=facts.phones[0] if facts.phones else "",
        host=(_host(text, lang, product) or author) if news in ("webinar", "event", "launch", "pre_order") else "",
    )


# "New flavour: Lime & Chili", "Nuovo gusto: pistacchio e limone per...", "estrenan sabor, dulce de
# leche, desde...", "jetzt auch als Holunder-Minze", "NEUE SORTE!!! BRATAPFEL-ZIMT BEI DER...".
_FLAVOUR_CUE = re.compile(
    r"(?:flavou?rs?|sabor(?:es)?|gusto|gusti|parfums?|sorten?|geschmack|geschmacksrichtung|variet[àa])"
    r"(?:\s+(?:nuevo|nueva|novo|nuovo|nouveau|neue?))?\s*[:!,—–-]*\s+(?:(?:is|es|est|ist|è|é)\s+)?"
    r"|(?:now (?:also )?(?:in|as)|jetzt auch (?:als|in)|ahora (?:también )?(?:de|en|con)|désormais (?:en|au|à la)|"
    r"ora (?:anche )?(?:al|alla|in|con)|agora (?:também )?(?:de|em|com))\s+", re.IGNORECASE)
_FLAVOUR_END = re.compile(
    r"\s*[,.;:!?()\[\]—–]|\s+(?:per|for|para|pra|bei|beim|at|in|von|from|by|chez|nas|nos|nei|nelle|em|en|dans|im|ab|"
    r"desde|dès|dal|dalla|a partir|starting|only|solo|nur|seulement|apenas|now|ya|jetzt|già|já|déjà|to|on|sur|auf|"
    r"su|is|are|est|ist|è|é|es|just|just|ahora|agora|ora|jusqu|until|till|bis|fino|até|hasta|this|este|esta|"
    r"questo|questa|ce|cette|diesen|dieses|neste|nesta|arrives|lands|drops|llega|arrive|kommt|arriva|chega)\b",
    re.IGNORECASE)


def _own_web_address(text: str, addresses: list[str], product: ProductGuess) -> str:
    """The first address whose domain carries a name the brief uses ("Fairhaven" in
    fairhavenloans.com): the advertiser's own. Any other may be planted and is never shown."""
    names = _product_words(product) | {fold(w) for w in re.findall(r"(?<![\w.])[A-ZÀ-Ý][\w'’\-]{3,}", text)}
    names -= lx.COMMON_WORDS | _STOP_ALL
    for address in addresses:
        if _carries_name(re.sub(r"[^a-z0-9]", "", fold(address.split("/")[0].rsplit(".", 1)[0])), names):
            return address
    # ...or the one the brief sends people to for the thing itself ("Sign up at
    # brewbooks.co.uk/webinar", "Termine online unter ..."), with no prize dangled beside it.
    for address in addresses:
        at = text.find(address)
        if at > 0 and _SIGN_UP_AT.search(text[max(0, at - 30):at]) and not _lured(text, at):
            return address
    return ""


def _product_words(product: ProductGuess) -> set[str]:
    """The words of the product's name and brand, folded: what its own address or account carries."""
    return {fold(w) for w in re.findall(r"[A-Za-zÀ-ÿ][\w'’\-]{3,}", f"{product.name} {product.brand}")}


def _carries_name(target: str, names: set[str]) -> bool:
    """Whether a domain or a handle (folded) spells one of the names: "fairhaven" in fairhavenloans."""
    return any(re.sub(r"[^a-z0-9]", "", n) in target for n in names if len(n) >= 4)


def _lured(text: str, at: int) -> bool:
    """Whether the sentence from `at` on dangles a prize: a planted address or account's bait."""
    return _LURE.search(re.split(r"[.!?]\s", text[at:], maxsplit=1)[0]) is not None


# The words Romance business names open with: "Quinta do Lagar", "Casa da Avó", "Bar de la Plaza".
NAME_HEADS = frozenset(fold(w) for w in """quinta herdade casa fattoria cantina bodega bodegas finca hacienda pousada
tasca trattoria osteria pizzeria pastelaria padaria panadería escola escuela école maison domaine château villa hostal
hotel hôtel albergo locanda masseria agriturismo taberna mesón cervecería brasserie librería libreria livraria
moulin mulino molino moinho ferme tenuta cascina podere borgo granja masía cortijo manoir auberge relais abbaye
abbazia fromagerie""".split())

# "by", "from" and their kin, between a thing and who makes it.
_MAKER_WORDS = r"(?:by|from|von|de|di|da|do|du|della|del|dal|dalla)"
# (with its article: "Horizon 40 de la | maison Bréval", "Helles von der | Brauerei Ostkreuz")
_ENDS_ON_MAKER_WORD = re.compile(r"(?:(?<=\s)" + _MAKER_WORDS + r"(?:\s+(?:la|der|dem|the))?\s+|(?<![\w])d['’])$",
                                 re.IGNORECASE)
_MAKER_JOIN = re.compile(r"\s+" + _MAKER_WORDS + r"\s+|(?<=\s)d['’]", re.IGNORECASE)
# What a business or a place is called after: its name runs on through "do", "de", "del"
# ("Quinta do Lagar", "Cine Estrela do Mar", "Bar de la Plaza"), which name no maker.
_VENUE_HEADS = NAME_HEADS | frozenset(fold(w) for w in """bar café caffè cafe cine cinema teatro théâtre theatre
restaurant restaurante ristorante clube club clínica clinica academia colegio farmacia pharmacie boulangerie
pâtisserie épicerie atelier estudio studio galería galleria museo museu mercado mercato marché feria fiera festa
festival sagra fête praia playa plage lago monte""".split())
_APPOSITION = re.compile(r"^\s*,\s*(?:the|a|an|our|my|its|their|la|le|el|il|lo|o|a|um|uma|un|una|une|die|der|das|"
                         r"ein|eine|unser|unsere|nuestro|nuestra|notre|nostro|nostra|nosso|nossa)\b", re.IGNORECASE)


def _has_own_name(thing: str, german: bool) -> bool:
    """A thing with a name of its own: a model number ("Voo 2", "Tornado X") or a capitalised
    word after its first ("Barista One"); in German, where every noun has a capital, a word no
    list knows."""
    words = thing.split()
    if any(any(ch.isdigit() for ch in w) for w in words):
        return True
    later = [w for w in words[1:] if w[:1].isupper()]
    if german:
        return any(fold(w) not in _known_words() and not _match_lexicon(tokenize(w, "de"), german=True) for w in later)
    return bool(later)


def _kind_just_before(before: str, lang: str) -> bool:
    """The words before end on the kind of thing named next: "las gafas de sol | Marea", "les
    draps en lin | Dimanche", "l'aspirateur | Tornado X"."""
    tokens = tokenize(before, lang)
    found = _match_lexicon(tokens, german=lang == "de")
    if not found or tokens[-1:] and tokens[-1].gap.strip(" "):
        return False
    end = found[-1][1]
    return end == len(tokens) or (len(tokens) - end <= 3 and all(t.text.islower() for t in tokens[end:]))


_COMPANY_WORDS = frozenset(fold(w) for w in """co company inc ltd llc gmbh ag sa srl spa studio studios lab labs works
atelier maison casa officine bodega bodegas editora editions éditions edizioni verlag bank banco banque brewing brewery
roasters outdoor audio motors motori games academy group home furniture design apparel manufaktur werkstatt""".split())


# Seasons, as collections are named after them ("Primavera-Verão 2025", "FW24"), and the labels
# of origin that end a product's name ("Serra da Estrela DOP"), never a maker.
_SEASON_WORDS = frozenset(fold(w) for w in """spring summer autumn fall winter ss aw fw primavera verano verão verao
otoño outono invierno inverno printemps été ete automne hiver frühling frühjahr sommer herbst estate autunno
resort cruise""".split())
_ORIGIN_LABELS = frozenset(fold(w) for w in "dop doc docg igp igt aop aoc pdo pgi ava".split())


def _company_like(maker: str, lang: str) -> bool:
    """Who makes a thing, rather than the rest of its name: an invented word ("Soufflex",
    "Heimwerk") or a company's word ("Casa Norte", "Nordic Nest Furniture"), not an ordinary
    one ("Col du | Vent", "Brume de | Cassis", "Sourdough from | Scratch")."""
    words = [w for w in maker.split() if fold(w) not in _NAME_LINKS and w not in ("&", "+")]
    if any(fold(w) in _ORIGIN_LABELS for w in words):
        return False
    return any(fold(w) in _COMPANY_WORDS for w in words) or any(not in_dictionary(w, lang) for w in words)


def _maker_like(name: str) -> bool:
    """Capitalised words, perhaps joined ("Olivares del Sur", "Motori Lario"), that are no town
    and no date: how a maker is written."""
    from .places import place_names  # (places reads this module's fold)

    words = name.split()
    return 1 <= len(words) <= 4 and words[0][:1].isupper() and all(
        w[:1].isupper() or fold(w) in _NAME_LINKS or w in ("&", "+") for w in words) \
        and fold(name) not in place_names() and not _is_date_word(words[0])


# "Lifestyle ad for a gym:", "Ein Imagefilm für eine Kita", "ad 4 lucky paws dog walking,": the
# brief opens by saying what the ad is for. (At most three words before the ad word, two after.)
_AD_FOR = re.compile(
    r"^(?:[\w'’\-]+\s+){0,3}?(?:" + "|".join(sorted(map(re.escape, {*_AD_WORD_TEXT.split(), *AD_WORDS, *_FILM_TEXT.split(), *_FILMS}),
                                                 key=len, reverse=True))
    + r"|" + AD_COMPOUND.pattern.rstrip("$") + r")"
    r"(?:\s+[\w'’\-]+){0,2}?\s+(?:" + "|".join(FOR_WORDS) + r")\s+(.{3,70}?)(?:[:,.;!?—–(\n]|\s-\s|$)",
    re.IGNORECASE)
# "..., for a baby carrier brand", "para una marca de harina": wherever it stands, what the brand sells.
_FOR_A_BRAND = re.compile(
    r"(?:for|para|pra|pour|per|für)\s+(?:(?:a|an|una|uma|une|un|eine|einen|my|our|minha|mi|ma|mon|mia|meine)\s+)?"
    r"(?:(?:brand|marca|marque|marchio|marke|label)\s+(?:of\s+|de\s+|di\s+|da\s+|d['’]|für\s+)?"
    r"([^,.;:!?—–()\n]{3,50}?)|([^,.;:!?—–()\n]{3,40}?)\s+(?:brand|company|label))\s*(?:[,.;:!?—–()\n]|$)",
    re.IGNORECASE)
# Where the thing's words end: its maker, its town, the date, or the scene ("... showing", "che").
_AD_FOR_END = re.compile(
    r"\s+(?:by|from|von|de|di|da|du|do)\s+(?=[A-ZÀ-Ý])|\s+d['’](?=[A-ZÀ-Ý])"
    r"|\s+(?:in|à|a|en|em|im|at|on|no|na|nel|nella|au|aux)\s+(?=[A-ZÀ-Ý0-9])"
    r"|\s+(?:on|that|which|who|que|qui|che|with|con|avec|mit|com|showing|show|zeigen|mostrando|montrant|gente|people|"
    r"leute|gens)\b", re.IGNORECASE)
# Articles and possessives before what the ad is for: "a gym", "minha marca", "l'appli".
_MAKES_NO_THING = re.compile(r"^(?:(?:" + "|".join(sorted(map(re.escape, _DETERMINERS | _OUR), key=len, reverse=True))
                             + r")\s+|l['’]|un['’])+", re.IGNORECASE)


def _what_the_ad_is_for(product: ProductGuess, text: str, lang: str) -> ProductGuess:
    """The thing the brief opens by asking an ad for ("lifestyle ad for a gym: real people,
    sweat, high fives"), when the pick lies elsewhere in the brief and is no name of its own
    ("Morning class energy", "Freunde auf einer Hütte") or the thing asked for has a name
    ("Launch ad for Sprout, our plant-care app"). A named pick beats a plain noun: "une pub
    pour mon salon de coiffure ... Ciseaux d'Or" is Ciseaux d'Or's."""
    lead = text.strip()
    m = _AD_FOR.match(lead)
    brand_of = _FOR_A_BRAND.search(lead)
    if m is None and brand_of is None:
        return product
    raw = (brand_of.group(1) or brand_of.group(2)) if brand_of else m.group(1)
    thing = _AD_FOR_END.split(raw)[0]
    thing = _MAKES_NO_THING.sub("", thing.strip())
    thing = re.sub(r"^(?:marca|brand|marque|marke)\s+(?:de|di|da)\s+|\s+(?:brand|company)$", "", thing, flags=re.I)
    if re.match(r"[a-z]", thing):  # "my restaurant's wood fired pizza": what is sold, not whose
        thing = re.sub(r"^[\w\s]+?['’]s\s+(?=[a-z])", "", thing)
    thing = thing.strip(" '\"“”«»")
    if not thing or len(thing.split()) > 6 or _is_news_word(thing.split()[0]) or fold(product.name) in fold(raw) \
            or fold(thing) in fold(product.name):
        return product
    at = lead.find(thing, brand_of.start() if brand_of else m.start(1))
    tokens = [t for t in tokenize(lead, lang) if at <= t.start < at + len(thing)] if at >= 0 else []
    kinds = _match_lexicon(tokens, german=lang == "de")
    named = any(_is_name_token(t) for t in tokens)
    pos = fold(text).find(fold(product.name)) if product.name else -1
    pick = tokenize(text[pos:pos + len(product.name)], lang) if pos >= 0 else []
    # (German capitalises its nouns: there a name is also a word no dictionary knows.)
    pick_named = any(_is_name_token(t) and (lang != "de" or not in_dictionary(t.text, lang)) for t in pick)
    if not (named or (kinds and not pick_named)):
        return product
    noun = kinds[-1][2] if kinds else ""
    brand = " ".join(t.text for t in tokens if _is_name_token(t)) if named else ""
    return ProductGuess(_tidy_name(thing), brand, noun, category_of(noun) if noun else "product")


# Possessives that are part of what a thing is called ("chef's knife", "men's face wash"), and
# the words for family that make an owner a person ("Nonna Pia's", "Grandma Jo's").
_LEXICAL_OWNERS = frozenset("""chef chefs men women kid kids baby babies baker bakers farmer farmers lady ladies
gentleman gentlemen children child girl girls boy boys mother mothers father fathers dog cat""".split())
_KIN = frozenset(fold(w) for w in """mama mamma mom mum papa pop dad grandma grandpa granny gran nana nanna nonna nonno
abuela abuelo abuelita abuelito tia tio tía tío aunt auntie uncle vovo vovó vovô oma opa mamie papi papy tata""".split())
# Short forms of given names that own businesses in briefs ("Smokey Pete's", "Papa Joe's"): kept
# here rather than among the first names, where "Luna" or "Coco" would make brands people.
_NICKNAMES = frozenset("""pete tony mike bobby jim jimmy tommy sam dan danny nick bill billy ted eddie hank vinny gus
lou sue kim jen liz meg becky molly rosie lola lulu jo fred freddie charlie archie alfie ollie betty bella gino pia
pepe paco lupe toni tito""".split())


_ENGLISH_ARTICLES = frozenset(("the", "a", "an"))  # "The Hare & Hounds" is shown as "Hare & Hounds"


def _with_its_article(product: ProductGuess, text: str) -> ProductGuess:
    """A small word written with a capital mid-sentence, right before the name, is the name's
    own: "les paniers Mon Marché Frais", "a stay at The Grand Hotel", "com o Do Porto"."""
    name = product.name
    if not name[:1].isupper():
        return product
    first, _, rest = name.partition(" ")
    if rest and fold(first) in _DETERMINERS and fold(rest) == fold(product.brand):
        return ProductGuess(name, name, product.noun, product.category)  # the brand keeps it too
    for m in re.finditer(r"(?<=[^\W\d_])\s+(" + re.escape(name) + r")(?![\w])", text):
        before = re.search(r"(?<![\w'’])([A-Z][a-zà-ÿ]{0,3})\s+$", text[:m.start(1)])
        if before and fold(before.group(1)) in _DETERMINERS - _ENGLISH_ARTICLES and not re.search(r"[.!?:]\s*$", text[:before.start()]) \
                and before.start() > 0:
            brand = f"{before.group(1)} {name}" if fold(product.brand) == fold(name) else product.brand
            return ProductGuess(f"{before.group(1)} {name}", brand, product.noun, product.category)
    return product


def _name_without_its_kind(product: ProductGuess, text: str, lang: str) -> ProductGuess:
    """In the languages that put the kind first, a name read with a kind of two words or more
    before it is shown as the name: "zapatillas de running Veloz 3" -> "Veloz 3", "app de
    alquiler PedalYa" -> "PedalYa". The kind stays the noun, so the picture is still of
    running shoes. A one-word kind stays ("chá Calmaria"), and so does a venue's head, which
    is part of its name ("Hostal Las Gaviotas"), and whatever follows a "de" ("Savon de
    Marseille", "Curso online de Excel")."""
    if lang not in ("es", "fr", "it", "pt") or not product.name:
        return product
    at = fold(text).find(fold(product.name))
    if at < 0:
        return product
    tokens = tokenize(text[at:at + len(product.name)], lang)
    if at > 0:  # the first word is capitalised only when it opens a sentence
        tokens[0] = dataclasses.replace(tokens[0], sentence_start=bool(re.search(r"(?:^|[.!?:\n])\s*$", text[:at])))
    first_name = next((k for k, t in enumerate(tokens) if k > 0 and _is_name_token(t)), None)
    if first_name is None or first_name < 2:
        return product
    kind = tokens[:first_name]
    # What follows "de" is part of the name ("Savon de Marseille", "Curso online de Excel"), and
    # what follows "a" or "in" is where ("Elettricista a Milano").
    if fold(kind[-1].text) in _NAME_LINKS | _LOCATION_PREP | {"a"}:
        return product
    if fold(kind[0].text) in _VENUE_HEADS or not _match_lexicon(kind) \
            or any(t.text[:1].isupper() for t in kind[1:]) or (kind[0].text[:1].isupper() and not kind[0].sentence_start):
        return product
    name = text[at + tokens[first_name].start:at + tokens[-1].end]
    if fold(name) in _STOP_ALL or len(name) < 3:
        return product
    return ProductGuess(_tidy_name(name), product.brand, product.noun, product.category)


def _trade_named_like_a_search(product: ProductGuess, text: str, facts: Facts) -> ProductGuess:
    """A trade named the way people search for it: the name stops at the town, which becomes
    the place shown ("fontanero urgente madrid 24h"), and opening hours are no part of the name
    ("24/7 emergency plumbing")."""
    searched = _name_stops_at_a_town(product, text)
    if searched.name != product.name:
        town = product.name[len(searched.name):].split()[0]
        facts.places.append(town[:1].upper() + town[1:])  # shown with its capital
    name = _without_leading_hours(searched.name)
    return searched if name == searched.name else ProductGuess(name, searched.brand, searched.noun, searched.category)


def _without_leading_hours(name: str) -> str:
    """"24/7 emergency plumbing" is the emergency plumbing: the hours are a fact shown on their
    own, not the name's first word (a name of one word keeps them)."""
    bare = _LEADING_FIGURES.sub("", name)
    if bare == name or "/" not in name.split()[0] or len(bare.split()) < 2:
        return name  # (a leading "2024" or "$50" is part of what is named)
    return _tidy_name(bare)


def _name_stops_at_a_town(product: ProductGuess, text: str) -> ProductGuess:
    """A brief typed like a search ("fontanero urgente madrid 24h", "dog grooming brooklyn")
    names the trade, then the town, all in lower case: the name stops at the town."""
    from .places import place_names  # (places reads this module's fold)

    at = fold(text).find(fold(product.name))
    if at < 0 or any(ch.isupper() for ch in text) or len(text.split()) > 8:
        return product  # (the gazetteer holds towns named like common words: only a typed search is read so)
    words = text[at:at + len(product.name)].split()
    trade = _match_lexicon(tokenize(" ".join(words[:2])))
    if not trade or trade[0][0] != 0 or category_of(trade[0][2]) not in ("service", "pet", "health", "learning", "beauty"):
        return product
    cut = next((k for k, w in enumerate(words) if k >= trade[0][1] and w.isalpha()
                and fold(w) in place_names() and not _match_lexicon(tokenize(w))), None)
    if cut is None:
        return product
    return ProductGuess(_tidy_name(" ".join(words[:cut])), product.brand if fold(product.brand) not in
                        fold(" ".join(words[cut:])) else "", product.noun, product.category)


def _without_possessive(product: ProductGuess, text: str) -> ProductGuess:
    """A name is not said in the possessive: "Café Amélie's new menu" is Café Amélie's ad,
    "Hilltop Vineyard's 2021 Pinot Noir" the Hilltop Vineyard 2021 Pinot Noir, and "my
    restaurant's wood fired pizza" the wood fired pizza. A one-word owner is the name itself
    ("Rosa's Bakery", "Kim's")."""
    name = product.name
    m = re.match(r"^(.+?)['’]s(?:\s+(.+))?$", name)
    if not m or len(m.group(1).split()) < 2 and m.group(2) is None:
        return product
    owner, thing = m.group(1), m.group(2)
    at = fold(text).find(fold(name))
    written = text[at:at + len(owner)] if at >= 0 else owner
    if thing and written[:1].islower():
        return ProductGuess(_tidy_name(thing), product.brand, product.noun, product.category)
    words = [fold(w) for w in owner.split()]
    if len(words) == 1 and thing and written[:1].isupper() and thing[:1].isupper() \
            and not (words[0] in lx.FIRST_NAMES or words[0] in _KIN or words[0] in _NICKNAMES) \
            and not _match_lexicon(tokenize(thing)) and _kind_said_after(text, at + len(name)):
        # "Brightwork's Arc — titanium pocket knife": a maker's own name for its thing, which is
        # the product's name (where "Hartley's Hardware" is a shop and its name).
        noun = product.noun or _kind_said_after(text, at + len(name))
        return ProductGuess(_tidy_name(thing), owner, noun, category_of(noun))
    venue = words[0] in _VENUE_HEADS and not thing  # "Café Amélie's": the venue, its noun cut off
    if not venue and (len(words) < 2 or words[-1] in _LEXICAL_OWNERS
                      or any(w in lx.FIRST_NAMES or w in _KIN or w in _NICKNAMES for w in words)):
        return product  # "Nonna Pia's", "Grandma Jo's", "Smokey Pete's": a person's, the name itself
    new = f"{owner} {thing}" if thing else owner
    brand = owner if fold(product.brand) in (fold(name), fold(owner + "'s"), fold(owner + "’s")) else product.brand
    return ProductGuess(new, brand, product.noun, product.category)


def _kind_said_after(text: str, end: int) -> str:
    """The noun of what kind of thing a name is said to be right after it ("Arc — titanium
    pocket knife": knife), or ""."""
    said = re.match(r"\s*[—–,:(-]\s*(?:(?:a|an|the|our)\s+)?([^.;:!?\n]{3,60})", text[end:])
    found = _match_lexicon(tokenize(said.group(1))[:5]) if said else []
    return found[-1][2] if found else ""


def _maker_in_name(name: str, text: str, lang: str) -> tuple[str, str] | None:
    """(the thing, its maker) when a name runs on into who makes it: "Barista One von
    Heimwerk", "Tornado X de Brisk", "Akkuschrauber TX18 von Werkmann", "Tomatensoße von Sugo
    Rosa"; None for a name the joining word belongs to ("Quinta do Lagar", "Oro de Jaén",
    "Escuela de Natación Delfín", a title the brief quotes whole: "« Brume de Cassis »")."""
    if any(fold(name) == fold(q.group(1) or q.group(2) or "").strip() for q in _QUOTED.finditer(text)) \
            or any(fold(name) == fold(t) for t in _quoted_titles(text)):
        return None
    pos = fold(text).find(fold(name))
    german = lang == "de"
    for m in reversed(list(_MAKER_JOIN.finditer(name))):
        thing, maker = name[:m.start()].strip(), name[m.end():].strip()
        if not thing or not _maker_like(maker) or fold(thing.split()[0]) in _VENUE_HEADS \
                or fold(thing.split()[-1]) in NAME_HEADS and thing.split()[-1][:1].isupper():
            continue  # ("la farine Moulin de Sévigné": the mill's name runs on through "de")
        romance = fold(m.group().strip()) not in ("by", "from", "von", "di")
        # A model number, or (by, from, von, di) a kind of thing, says what comes before is the
        # thing; "de", "da", "do" join the parts of names too, so the maker must look like one.
        # (German gives every noun a capital: "Holunder-Limette von Brausewerk" is the flavour.)
        if re.search(r"\d", thing) or not romance and _match_lexicon(tokenize(thing, lang), german=german) \
                or german and not romance and _company_like(maker, lang) \
                or _company_like(maker, lang) and (
                    _has_own_name(thing, german) or pos > 0 and _kind_just_before(text[max(0, pos - 40):pos], lang)):
            return thing, maker
    return None


_GOODS_FROM = re.compile(r"([a-zà-ÿ][\w\-]*(?:\s+[a-zà-ÿ][\w\-]*){0,2})\s+(?:de|from|by|di|da|do|della|del|von|vom|chez|bei)"
                         r"\s+((?:[A-ZÀ-Ý][\w'’\-]*\s*){1,4})$")


def _goods_of_a_shop(name: str, text: str) -> str | None:
    """The shop, when a name is goods in lower case and the shop that makes them: "pizzas de
    Pizzería Vesubio" and "bread from Luna Bakery" are ads for the pizzeria and the bakery."""
    at = fold(text).find(fold(name))
    m = _GOODS_FROM.fullmatch(text[at:at + len(name)]) if at >= 0 else None
    if not m:
        return None
    shop = m.group(2).strip()
    words = [fold(w) for w in shop.split()]
    return shop if any(w in _VENUE_HEADS or w in _COMPANY_WORDS for w in words) else None


def _thing_not_its_maker(product: ProductGuess, text: str, lang: str) -> ProductGuess:
    """The thing the brief names, not who makes it, when the pick is the maker: "the Aurora E1
    e-bike by | Voltra" is the Aurora E1 e-bike, "Lantern, the farming game from | Mossy Games"
    is Lantern; the maker becomes the brand. A thing with no name of its own keeps its maker's
    ("handmade candles by Luna Studio" is Luna Studio's). (A name that runs on into its maker
    is cut where the name is completed: `_maker_in_name`.)"""
    name = product.name
    if not name:
        return product
    pos = fold(text).find(fold(name))
    if pos < 0:
        return product
    german = lang == "de"
    as_written = text[pos:pos + len(name)]  # (fold keeps lengths for these scripts)
    link = _ENDS_ON_MAKER_WORD.search(text[:pos])
    house = as_written.split(" ", 1)[-1] if as_written[:1].islower() else as_written  # "de la maison | Bréval"
    if pos == 0 or link is None or not _maker_like(house):
        return product  # ("una garrafa de | vinho do Porto": what it comes in, not who makes it)
    seg_start = max(0, link.start() - 80)
    # (A short form's full stop ends no sentence: "No. 7 Cedar", "Dr. Lenz".)
    brk = [mm.end() for mm in re.finditer(r"(?<!\bNo)(?<!\bNr)(?<!\bDr)(?<!\bSt)(?<!\bMr)(?<!\bMs)[.;:!?\n—–(]",
                                          text[seg_start:link.start()])]
    seg = text[seg_start + (brk[-1] if brk else 0):link.start()]
    quoted = list(_QUOTED.finditer(seg))
    if quoted and not seg[quoted[-1].end():].strip(" ,"):
        return ProductGuess(quoted[-1].group(1) or quoted[-1].group(2), name, product.noun, product.category)
    thing = _named_thing_before(seg, lang)
    if not thing:
        return product
    found = _match_lexicon(tokenize(thing, lang), german=german)
    noun = found[-1][2] if found else product.noun
    return ProductGuess(thing, name, noun, category_of(noun) if noun else product.category)


_SPEC_RUN = re.compile(r"(?:SPF|UPF|IPX?|USB|HDMI|[0-9]+[KkGg])\b", re.IGNORECASE)


def _named_thing_before(seg: str, lang: str) -> str:
    """The thing with a name of its own that the words before "by"/"von"/"de" end on, or "":
    "the Aurora E1 e-bike", "Lantern, the cozy farming game", "Shell X phone case", "Terra cork
    yoga mat", "die Kaffeemaschine Barista One". Not a verb ("Hosted by"), a person ("Dr. Jana
    Brehm von"), a season's collection, or a word capitalised only because it opens the sentence
    ("Freeze-dried toppers from")."""
    from .places import place_names

    tokens = tokenize(seg, lang)
    if not tokens:
        return ""
    german = lang == "de"
    kinds = _match_lexicon(tokens, german=german)

    def plain_words_after(k: int) -> bool:  # "Terra | cork yoga mat": lowercase content words to the end
        rest = tokens[k + 1:]
        return 0 < len(rest) <= 4 and all(t.text.islower() and t.text.replace("-", "").isalpha()
                                          and fold(t.text) not in _STOP_ALL for t in rest) \
            and any(a > k for a, _, _ in kinds)

    def nameish(k: int) -> bool:
        t = tokens[k]
        if any(ch.isdigit() for ch in t.text):
            return True
        if not t.text[:1].isupper() or _is_news_word(t.low) or fold(t.text) in _NOT_PRODUCT or fold(t.text) in AD_WORDS:
            return False
        if german:  # every German noun has a capital: only CamelCase names it ("SonicPro")
            return any(ch.isupper() for ch in t.text[1:]) and any(ch.islower() for ch in t.text)
        if t.sentence_start:  # not a verb ("Hosted by"), a pronoun ("They're") nor an ordinary word ("Handmade")
            return not re.search(r"(?:ed|ing)$|['’]", t.low) and fold(t.text) not in _STOP_ALL and (
                _is_name_token(t) or plain_words_after(k) and not in_dictionary(t.text, lang))
        return True

    named = [k for k in range(len(tokens)) if nameish(k)]
    if german and kinds and kinds[-1][1] < len(tokens) and all(t.text[:1].isupper() or t.text.isdigit()
                                                              for t in tokens[kinds[-1][1]:]):
        named = list(range(kinds[-1][1], len(tokens)))  # "Kaffeemaschine | Barista One": the words after its kind
    if not named:
        return ""
    last = first = named[-1]
    while first - 1 in named and (not tokens[first].gap.strip(" ") or tokens[first].gap.strip(" ") == "."
                                  and fold(tokens[first - 1].text) in ("no", "nr", "n")):
        first -= 1  # (... "No. 7 Cedar")
    run = tokens[first:last + 1]
    if all(_is_date_word(t.text) for t in run) or _SPEC_RUN.match(seg[run[0].start:run[-1].end]):
        return ""  # "on Friday", "SPF 50"
    if first > 0 and fold(tokens[first - 1].text) in _TITLES:
        return ""  # "Dr. Jana Brehm von ...": a person
    if any(fold(t.text) in _TITLES for t in run) or len(run) >= 2 and all(t.text.isalpha() for t in run) \
            and any(fold(t.text) in lx.FIRST_NAMES for t in run):
        return ""  # a person, who works for the maker (not "Aurora 3", a moka)
    if any(w in _SEASON_WORDS for t in tokens[max(0, first - 2):last + 1] for w in re.split(r"[-/'’]", fold(t.text))):
        return ""  # "Coleção Primavera-Verão 2025 da Marisol": a season's collection is the maker's
    rest = seg[tokens[last].end:]
    if len(rest) > 45 or ("," in rest and (rest.strip(" ,") or not _has_own_name(seg[tokens[first].start:tokens[last].end], german))
                          and not _APPOSITION.match(rest)):
        return ""
    end = tokens[last].end
    if rest.strip() and "," not in rest:
        # Only its kind may stand between it and the maker: "Aurora E1 e-bike by", "Shell X phone case by".
        after = tokens[last + 1:]
        if len(after) > 4 or not all(t.text.islower() and (fold(t.text) not in _STOP_ALL or fold(t.text) in _NAME_LINKS)
                                     and not _RUN_BY.match(t.text) for t in after) or (
                lang != "en" and not any(a > last for a, _, _ in kinds)):
            return ""
        if lang == "en":
            end = tokens[-1].end
    thing = seg[tokens[first].start:end].strip()
    named_after_a_place = any(b == first for _, b, _ in kinds)  # "a mala | Sintra": its kind says it is a thing
    return "" if fold(thing) in place_names() and not named_after_a_place else thing


def _not_a_person(product: ProductGuess, text: str, lang: str) -> tuple[ProductGuess, str]:
    """Who hosts, writes or teaches it is not what is sold: "Pre-order 'The Quiet Orchard', the
    debut novel by Maren Lowe", "«Come aprire una partita IVA» con la commercialista Giulia
    Rinaldi". When the brief quotes a title, the title is the product, and the person is said
    with the word that led to them ("by Maren Lowe")."""
    words = product.name.split()
    at = fold(text).find(fold(product.name))
    by = at > 0 and re.search(r"(?:by|de|von|di|par|por|da|with|con|avec|mit|com)\s+(?:\w+\s+){0,2}$", text[:at], re.I)
    person = any(fold(w) in lx.FIRST_NAMES and k + 1 < len(words) and words[k + 1][:1].isupper()
                 for k, w in enumerate(words)) or (
        bool(by) and len(words) == 2 and all(w[:1].isupper() and w[1:].islower() for w in words)
        and not any(in_dictionary(w, lang) for w in words[1:]))
    if not person:
        return product, ""
    for title in _quoted_titles(text):
        if len(title.split()) >= 2 and fold(title) not in fold(product.name):
            cue = re.search(r"(\w+)\s+(?:\w+\s+){0,2}$", text[:at]) if by else None
            author = f"{cue.group(1)} {product.name}" if cue and fold(cue.group(1)) in _AUTHOR_CUES else ""
            return ProductGuess(_tidy_name(title), product.brand if product.brand not in product.name else "", "", "product"), author
    return product, ""


_AUTHOR_CUES = frozenset(("by", "de", "von", "di", "par", "por", "da"))

# A fair, a festival or a market the brief opens on: its whole name is what is advertised.
_EVENT_FIRST = re.compile(r"(?:(?:la|le|el|il|the|die|der|das|o|a|our|grande?|gran|big|große?r?|grosse)\s+)?"
                          r"(?:sagra|feria|festa|fiera|feira|fête|festival|[\w\-]*fest|[\w\-]*markt|marché|mercado|"
                          r"mercatino|mercadillo|fair|market|expo|salone?|kermesse|brocante|arraial|kirmes|verbena|"
                          r"jornadas?|giornata)\b", re.IGNORECASE)


def _event_named_first(product: ProductGuess, text: str, facts: Facts) -> ProductGuess:
    """"Sagra del tartufo di Acqualagna, 1-3 novembre", "Weinfest in Deidesheim vom 8. bis 10.
    August": the event's name runs to the first comma, colon or stated fact, the town with it
    (the ranker took "Acqualagna", a place)."""
    m = _EVENT_FIRST.match(text)
    if not m:
        return product
    # A town joined by "in"/"di"/"de" is part of the name ("Weinfest in Deidesheim"); a venue is not.
    end = min([len(text), *(a for a, _ in facts.spans if a > m.end()
                            and not re.search(r"\b(?:in|di|de|da|of|d['’])\s*$", text[:a], re.IGNORECASE)),
               *(x.start() for x in re.finditer(r"[,:;!?(—–]|\s-\s|\.\s", text) if x.start() > m.end())])
    words = text[:end].strip(" .").split()
    while words and _is_small(words[-1]):
        words.pop()  # "Feira de vinil no | Largo do Intendente": the place's preposition goes with it
    name = " ".join(words)
    one_word_event = len(words) == 1 and re.search(r"\w{3}(?:fest|markt|messe)$", words[0], re.IGNORECASE)  # "Sommerfest"
    if not (2 <= len(words) <= 8 or one_word_event) or fold(name) == fold(product.name) \
            or re.match(r"\s*(?:\w+\s+){0,2}" + re.escape(product.name), text[end:]):
        # "Weinfest im | Weingut Schäfer": the host named there, as a name, is the better name
        # (not "manjericos e marchas", what is on offer).
        return product
    return ProductGuess(_tidy_name(name), product.brand if product.brand in name else "", product.noun, product.category)


# The news said after a name is not part of it: "Bramble Gin launch", "Café Luz opening"...
_TRAILING_NEWS = re.compile(r"\s+(?:launch|launches|launching|opening|grand opening|reopening|lancement|lanzamiento|"
                            r"lancio|lançamento|einführung|eröffnung|apertura|abertura|ouverture|inauguración|"
                            r"inaugurazione|inauguração|"
                            # ...nor is what the agency calls the piece: "Voltstar brand", "Plume rebrand moment".
                            r"(?:brand|rebrand|campaign)(?:\s+(?:piece|film|spot|moment|push|video))?)$", re.IGNORECASE)


def _without_trailing_news(product: ProductGuess) -> ProductGuess:
    cut = _TRAILING_NEWS.search(product.name)
    if not cut or cut.start() == 0:
        return product
    name = product.name[:cut.start()]
    brand = product.brand[:-len(cut.group())] if product.brand.endswith(cut.group()) else product.brand
    return ProductGuess(name, brand, product.noun, product.category)


def _with_form_brand(product: ProductGuess, prompt: str) -> ProductGuess:
    """A brief written as a form says whose product it is on a line of its own ("Client:
    Fernhill", "Marke: Lichtung"): that is the brand."""
    for line in prompt.splitlines():
        label = _FORM_MAKER.match(line)
        if label:
            brand = re.sub(r"\s*\(.*$", "", line[label.end():]).strip(" .,;:")  # "Kunde: Lagerwerk GmbH (Software)"
            if brand and len(brand) <= 40 and fold(brand) != fold(product.brand):
                # The client's name is the brand, not a model's words ("Gen 3") read from the name.
                return ProductGuess(product.name, brand, product.noun, product.category)
    return product


def _whole_title(product: ProductGuess, text: str) -> ProductGuess:
    """A name cut out of a quoted title is the whole title: "Cómo fijar precios" of «Cómo fijar
    precios en tu tienda online» (the ranker reads six words at most)."""
    name = fold(product.name)
    for title in _quoted_titles(text):
        if name and fold(title).startswith(name) and len(title) > len(product.name):
            return ProductGuess(_tidy_name(title), product.brand, product.noun, product.category)
    # ...and so is a name cut out of a title written after its format: "Free webinar: Hiring your
    # first employee — contracts, ...", "Webinar invite: GDPR for Small Online Shops. 45 minutes".
    for m in _TITLE_AFTER_FORMAT.finditer(text):
        title = re.split(r"\s+(?:with|hosted by|presented by|con|avec|mit|com)\s", m.group(1).strip(), maxsplit=1)[0]
        title = title.strip(" .,;:'\"")
        if name and name in fold(title) and len(title) > len(product.name) and 2 <= len(title.split()) <= 9 \
                and not any(_is_date_word(w) for w in title.split()):
            brand = "" if fold(product.brand) in fold(title) else product.brand  # a piece of the title is no brand
            return ProductGuess(_tidy_name(title), brand, product.noun, product.category)
    return product


_TITLE_AFTER_FORMAT = re.compile(
    r"(?:webinars?|webinaire|webinario|seminario web|online-seminar|workshop|masterclass|live session|talk|"
    r"taller|atelier|corso|curso|kurs)(?:\s+(?:invite|gratuit[oa]?|gratis|free|kostenlos(?:es)?|grátis|online|live))?"
    r"\s*(?::|—|–|-)\s+([^.!?;,—–|(\n]{6,80})", re.IGNORECASE)


# A title in quotes, longer than a name: "«Cómo vender en Instagram sin gastar en anuncios»".
_TITLE_QUOTED = re.compile(r"[\"“«„]([^\"”»“]{4,64})[\"”»“]|(?<![\w])'([^']{4,64})'(?![\w])")


def _quoted_titles(text: str) -> Iterator[str]:
    for m in _TITLE_QUOTED.finditer(text):
        yield (m.group(1) or m.group(2) or "").strip(" .,;:")


def _host(text: str, lang: str, product: ProductGuess) -> str:
    """Who leads it, as the brief says: "with accountant Priya Nair" -> "with Priya Nair",
    "animé par Claire Dumas", "mit Energieberater Jens Koch" -> "mit Jens Koch", "Hosted by
    Lindqvist Legal", "Mit Rechtsanwältin Dr. Jana Brehm" -> "Mit Dr. Jana Brehm". A role word
    before the name is dropped. After a plain "with" only a person is a host ("with Raclette,
    Marroni" lists food); a date, the product or its brand is no host, nor a "with" in a title."""
    quoted = [m.span() for m in _TITLE_QUOTED.finditer(text)]
    for m in _HOST_CUE.finditer(text):
        if any(a <= m.start() < b for a, b in quoted):
            continue
        # Words up to the next punctuation ("Hosted by Keyless Realty, Q&A" ends at the comma).
        words = []
        for w in re.finditer(r"[\w'’\-]+\.?|&|[^\w\s]", text[m.end():m.end() + 60]):
            if not re.match(r"[\w&]", w.group()):
                break
            words.append(w.group())
            if w.group().endswith(".") and not _is_title_word(w.group()) and len(w.group()) > 2:
                break  # "by Ines Calloway. Out 3 October": the sentence ends with the name
        k = 0
        while k < len(words) and k < 3 and _is_small(words[k]):
            k += 1
        start = k
        while k < len(words) and k - start < 2 and words[k][:1].islower():
            k += 1  # "accountant", "la commercialista"
        role = k > start
        name = []
        for w in words[k:k + 5]:
            if not (w[:1].isupper() or w == "&") or _is_date_word(w):
                break
            name.append(w if _is_title_word(w) else w.rstrip("."))
        while len(name) >= 3 and fold(name[0]) not in lx.FIRST_NAMES and not _is_title_word(name[0]) and (
                in_dictionary(name[0], lang) or fold(name[1]) in lx.FIRST_NAMES or _is_title_word(name[1])):
            name, role = name[1:], True  # "Energieberater Jens Koch": German writes the role with a capital
        while name and name[-1] == "&":
            name.pop()
        said = " ".join(name)
        person = bool(name) and (fold(name[0]) in lx.FIRST_NAMES or _is_title_word(name[0]))
        if not (2 <= len([w for w in name if w != "&"]) <= 4) or any(
                fold(said) in fold(n) or fold(n) in fold(said) for n in (product.name, product.brand) if n):
            continue
        cue = fold(m.group())
        if cue in ("by", "with", "con", "avec", "mit", "com") and not (person or (role and cue != "by")):
            continue  # "by Northbound Gear" is the maker; "with Raclette, Marroni" the menu
        return f"{m.group().strip()} {said}"
    return ""


# Titles before a person's name ("Dr. Jana Brehm", "Ms Okafor"), for the rules and the ranker.
_TITLES = frozenset(fold(w) for w in "mr mrs ms mx miss dr prof sr sra srta mme mlle herr frau sig dott dra ing chef dj mc".split())


def _with_what_its_letter_belongs_to(product: ProductGuess, text: str) -> ProductGuess:
    """A capital letter after a word in lower case belongs to that word ("vitamin C", "type C",
    "plan B"): a name never opens on it, and the names written just before are the brand
    ("Glow Theory vitamin C serum"). Nor is a letter alone a brand."""
    if re.fullmatch(r"[A-Z]", product.brand):
        product = ProductGuess(product.name, "", product.noun, product.category)
    words = product.name.split()
    if len(words) < 2 or not re.fullmatch(r"[A-Z]", words[0]):
        return product
    at = fold(text).find(fold(product.name))
    before = re.search(r"((?:[A-ZÀ-Ý][\w'’&-]*\s+){0,3})([a-zà-ÿ][\w-]+)\s+$", text[:at]) if at > 0 else None
    if not before:
        return product
    brand = before.group(1).strip() or product.brand
    name = text[before.start():at + len(product.name)]
    return ProductGuess(_tidy_name(name), "" if brand == words[0] else brand, product.noun, product.category)


def _through_the_title(product: ProductGuess, text: str) -> ProductGuess:
    """A name never ends on a title: "Studio dentistico Dott." is the studio of Dott. Marco
    Ferri, named whole with the person's name that follows. Nor is a title a brand ("Dr")."""
    if _is_title_word(product.brand):
        product = ProductGuess(product.name, "", product.noun, product.category)
    words = product.name.split()
    if len(words) < 2 or not _is_title_word(words[-1]):
        return product
    at = fold(text).find(fold(product.name))
    if at < 0:
        return product
    after = re.match(r"\.?\s+((?:[A-ZÀ-Ý][\w'’-]+\s?){1,3})", text[at + len(product.name):])
    if not after:
        return ProductGuess(_tidy_name(" ".join(words[:-1])), product.brand, product.noun, product.category)
    name = text[at:at + len(product.name) + after.end(1)]
    return ProductGuess(_tidy_name(name), product.brand, product.noun, product.category)


def _is_title_word(word: str) -> bool:
    return fold(word).rstrip(".") in _TITLES


_HOST_CUE = re.compile(r"(?<![\w])(?:with|hosted by|presented by|led by|taught by|written by|by|con|presentado por|impartido por|"
                       r"dirigido por|avec|animée? par|présentée? par|mit|moderiert von|präsentiert von|com|"
                       r"apresentado por|ministrado por|tenuto da|condotto da|presentato da)(?=\s)", re.IGNORECASE)


def _own_handle(text: str, product: ProductGuess) -> str:
    """Where people act when the brief gives a social account instead of an address: its own
    handle ("follow @ramenyakaito", "seguiteci su @fornoventura") or "link in bio" as written."""
    names = _product_words(product)
    for m in _HANDLE.finditer(text):
        handle = m.group(1)
        before = text[max(0, m.start() - 30):m.start()]
        if _carries_name(fold(handle), names) or _FOLLOW_AT.search(before) \
                or re.search(r"\b(?:w/|with|con|avec|mit)\s*$", before):
            if not _lured(text, m.start()):
                return "@" + handle
    bio = _LINK_IN_BIO.search(text)
    return bio.group() if bio else ""


_HANDLE = re.compile(r"(?<![\w@.])@([A-Za-z0-9_][A-Za-z0-9_.]{2,29}[A-Za-z0-9_])(?![\w@]|\.\w)")
_FOLLOW_AT = re.compile(r"(?:follow|find us|on instagram|on tiktok|síguenos|sigue|suivez|retrouvez|folg[te]|"
                        r"seguici|seguite(?:ci)?|siga|sigam|segue|insta|ig)\W+(?:\w+\W+){0,3}$", re.IGNORECASE)
_LINK_IN_BIO = re.compile(r"\b(?:link|lien|enlace)\s+(?:in|en|na|nella)\s+(?:(?:our|the|la|der|ma|notre|mia|nossa)\s+)?bio\b",
                          re.IGNORECASE)


_SIGN_UP_AT = re.compile(r"(?:sign up|register|registration|book|tickets|rsvp|enrol|enroll|apply|order|pre-order|"
                         r"preorder|inscr[íi]bete|inscripciones|reservas|inscrivez-vous|inscriptions|réservations|"
                         r"anmelden|anmeldung|termine online|iscriviti|iscrizioni|prenotazioni|"
                         r"inscreva-se|inscrições|pré-venda|encomendas)\W+(?:\w+\W+){0,3}$", re.IGNORECASE)
_LURE = re.compile(r"\b(?:prize|win|winner|won|jackpot|casino|bitcoin|crypto|gana|ganaste|premio|gagne[rz]?|gagnant|"
                   r"gewinn\w*|vinci|vincit\w*|ganhe|prêmio)\b", re.IGNORECASE)


_NOT_A_FLAVOUR = frozenset("alert alarm drop drops here day time incoming news update coming".split())


def find_flavour(text: str, product: str) -> str:
    """The new flavour's own name, which is the news: it must be on screen."""
    for cue in _FLAVOUR_CUE.finditer(text):
        rest = text[cue.end():cue.end() + 60]
        end = _FLAVOUR_END.search(rest)
        name = (rest[:end.start()] if end else rest).strip(" '\"“”«»")
        words = name.split()
        if len(words) > 1 and fold(words[0]) in ("de", "di", "do", "del", "du", "des", "della", "dello"):
            words = words[1:]  # "nuevo sabor de horchata con canela": the flavour of what
            name = " ".join(words)
        if not words or len(words) > 7 or (product and fold(name) in fold(product)):
            continue
        if fold(words[0]) in _FLAVOUR_PLACE_WORDS:
            # "Nouveau parfum chez Glaces Mistral : lavande-miel": where it is sold, then the flavour.
            colon = re.match(r"[^:.!?]{1,50}:\s*([^.!?,;:—–()\n]{2,40})", rest)
            if not colon:
                continue
            name = colon.group(1).strip(" '\"“”«»")
            words = name.split()
            if not words or len(words) > 7:
                continue
        if fold(words[0]) in _DETERMINERS or (len(words) == 1 and (
                fold(words[0]) in _STOP_ALL or fold(words[0]) in _NOT_A_FLAVOUR or _is_news_word(fold(words[0])))):
            continue  # "New flavour alert: ...", "new flavours are here"
        return _tidy_name(name)
    return ""


# Words that say where a flavour is sold or whose it is, never its name: "of Moo Moo frozen
# yogurt", "chez Glaces Mistral", "na área", "bei Hafergold".
_FLAVOUR_PLACE_WORDS = frozenset(fold(w) for w in """of at in on for from to by chez à au aux en da dos das na no nos
nas em bei von vom im am in per alla al allo nella nel dalla dal para pour""".split())


# An apostrophe inside a word ("Don't", "l'olio") opens and closes nothing.
_QUOTED_ANY = re.compile(r"(?:(?<![\w])['‘’]|[\"“”«»„])([^'\"“”«»‘’„]{2,40})(?:['‘’](?![\w])|[\"“”«»„])")
# Words that say the product is not out yet, whatever kind of news the reader settled on.
_NOT_YET_CUE = _rx_words((
    "coming soon", "soon", "pre-order", "pre-orders", "preorder", "preorders", "pre order", "waitlist", "wait list",
    "waiting list", "reserve yours", "reserve now", "join the beta", "ships in", "shipping starts", "ships from",
    "first deliveries", "deliveries from", "launching on", "launches on", "available from", "on sale from",
    "próximamente", "muy pronto", "pronto", "preventa", "pre-venta", "lista de espera", "bientôt", "prochainement",
    "précommande", "précommandes", "liste d'attente", "bald", "demnächst", "vorbestellen", "vorbestellung",
    "warteliste", "prossimamente", "presto", "preordine", "preordina", "lista d'attesa", "em breve",
    "pré-venda", "lista de espera", "em pré-venda"))


# More quoted phrases listed after a ruled-out one: "..., 'cure' or 'clinically proven'".
_MORE_QUOTED = re.compile(r"(?:\s*(?:,|\bor\b|\bnor\b|\band\b|\bni\b|\bou\b|\bo\b|\by\b|\bet\b|\boder\b|\bnoch\b|"
                          r"\bné\b|\be\b|\bnem\b))+\s*['\"“”«»‘’„]\s*([^'\"“”«»‘’„]{1,40}?)\s*['\"“”«»‘’„]", re.IGNORECASE)


def _negations(text: str) -> list[tuple[int, int, list[str]]]:
    """(start, end, quoted phrases) of each thing the brief rules out: "no 'buy now'", "sans
    « promo »", "don't mention prices", and every quoted phrase listed after the first ("Do NOT
    say 'miracle', 'cure' or 'clinically proven'": the negated clause itself stops at a comma)."""
    out = []
    lines = list(_AVOID_LINE.finditer(text)) + list(_AVOID_AFTER.finditer(text))
    for m in lines:
        out.append((m.start(), m.end(), [q.strip() for q in _QUOTED_ANY.findall(m.group()) if q.strip()]))
    for m in _NONE_OF.finditer(text):
        said = m.group(1).strip()
        words = said.split()
        if len(words) <= 3 and not any(a <= m.start() < b for a, b, _ in out):
            out.append((m.start(), m.end(), [said]))  # "Nada de fútbol": "fútbol" is never shown
    for m in _NEGATED.finditer(text):
        if any(a <= m.start() < b for a, b, _ in out):
            continue  # inside a line ruled out already
        phrases = [q.strip() for q in _QUOTED_ANY.findall(m.group()) if q.strip()]
        end = m.end()
        while phrases and (more := _MORE_QUOTED.match(text, end)) is not None:
            phrases.append(more.group(1).strip())
            end = more.end()
        aside = re.match(r"\s*\([^()]{1,80}\)", text[end:])
        if aside:
            end += aside.end()  # "keine Konkurrenz nennen (kein Kölln, kein Seitenbacher)": its examples too
        out.append((m.start(), end, phrases))
    return sorted(out)


_ONLY_COURTESY = re.compile(r"[\s.,;:!?—–-]*(?:(?:please|pls|bitte|por favor|per favore|s['’]il vous pla[iî]t|svp|"
                            r"and|also|but|und|auch|aber|y|pero|et|mais|e|ma|mas|just|oh|ok)[\s.,;:!?—–-]*)*",
                            re.IGNORECASE)


def _without_negations(text: str) -> str:
    for start, end, _ in reversed(_negations(text)):
        text = text[:start] + text[end:]
    return text


_NO_OTHER_BRANDS = re.compile(
    r"(?:no|not|don't|do not|never|without)\s+(?:\w+\s+){0,2}(?:other|competing|competitors?'?|rival)\s*(?:brands?|names?|"
    r"products?|companies)?|(?:don't|do not|never)\s+(?:name|mention|show)\s+(?:the\s+)?competi"
    r"|(?:no|sin|sans|ohne|senza|sem)\s+(?:\w+\s+){0,2}(?:otras marcas|autres marques|andere marken|fremdmarken|"
    r"altri marchi|altre marche|outras marcas|competencia|concurrents?|konkurrenz|concorrenti|concorrência)"
    r"|(?:ne|n')\s*\w*\s*(?:pas|jamais)\s+(?:\w+\s+){0,2}(?:autres marques|concurrents?)"
    r"|(?:keine|nicht)\s+(?:\w+\s+){0,2}(?:anderen marken|fremdmarken|konkurrenz)",
    re.IGNORECASE)


def _nominative_plural(word: str) -> str:
    """A German dative plural as its nominative ("den Holzbausteinen" -> "Holzbausteine",
    "Kopfhörern" -> "Kopfhörer"); any other word unchanged. The plural's singular comes from
    simplemma, from the longest tail it knows (German compounds inflect at their end)."""
    import simplemma

    if not word.endswith("n") or len(word) < 6:
        return word
    for i in range(len(word) - 4):
        tail = word[i:] if i == 0 else word[i:].capitalize()
        lemma = simplemma.lemmatize(tail, lang="de")
        if lemma != tail:
            break
    else:
        return word
    plural = fold(tail[:-1])
    if plural in (fold(lemma) + "e", fold(lemma) + "er") or (plural == fold(lemma) and lemma.endswith(("er", "el"))):
        return word[:-1]  # "Bausteine", "Hörbücher", "Messer": the -n was the dative's
    return word  # "Kabinen": the -n is the plural's own


def _german_nominative(product: ProductGuess, text: str) -> ProductGuess:
    """A product named where the brief declines it ("mit den Arbeitshandschuhen Grifffest")
    is shown in the nominative ("Arbeitshandschuhe Grifffest")."""
    from .places import is_place

    # A plural in the dative has "den" or a word in -en before it ("mit unseren Kopfhörern"):
    # "mit Donaustern Reisen" is a name, not the dative of "Donauster".
    words = product.name.split()
    fixed = [_nominative_plural(w) if not is_place(w) and re.search(
        r"(?<![\w])(?:den\s+(?:\w+\s+)?|(?:mit|von|aus|zu|bei|nach|seit)\s+(?:\w+\s+)?\w+en\s+)"
        + re.escape(w) + r"(?![\w])", text) else w for w in words]
    if fixed == words:
        return product
    return ProductGuess(" ".join(fixed), product.brand, product.noun, product.category)


def _rivals(prompt: str, product: ProductGuess, places: tuple[str, ...], lang: str) -> tuple[str, ...]:
    """When the brief says not to name other brands, every other name it writes is ruled out:
    not the product's own, nor a place, nor an ordinary word that opens a sentence ("Film")."""
    text = strip_emoji(prompt)
    if not _NO_OTHER_BRANDS.search(text):
        return ()
    own = fold(" ".join((product.name, product.brand, *places)))
    names = [t.text for t in tokenize(text, lang)
             if (_is_name_token(t) and not _german_noun(t, lang)) or (
                 t.sentence_start and t.text[:1].isupper() and not in_dictionary(t.text, lang)
                 and fold(t.text) not in _known_words())]
    return tuple(dict.fromkeys(n for n in names if fold(n) not in own and not _is_date_word(n)))


def _german_noun(t: Token, lang: str) -> bool:
    """German writes every noun with a capital: "Nüsse", "Konkurrenz", "Zuckerzusatz" (a
    compound whose last part the dictionary knows) are words, not brands."""
    if lang != "de":
        return False
    word = t.text
    return in_dictionary(word, lang) or any(in_dictionary(word[i:].capitalize(), lang)
                                            for i in range(3, len(word) - 4))


def _named_in_negations(prompt: str, product: ProductGuess, places: tuple[str, ...], lang: str) -> tuple[str, ...]:
    """The names a ruled-out clause writes ("Don't compare us to Felix or Whiskas", "No menciones
    a Emma ni a Flex", "Avoid: any comparison with DeWalt") are never shown: they are someone
    else's. The product's own words and places are not among them."""
    text = strip_emoji(prompt)
    own = set(fold(" ".join((product.name, product.brand, *places))).split())
    out = []
    for start, end, _ in _negations(text):
        for t in tokenize(text[start:end], lang)[1:]:
            word = t.text.strip("'’.")
            if (word[:1].isupper() and len(word) > 1 and fold(word) not in own and not _is_date_word(word)
                    and fold(word) not in _STOP_ALL and fold(word) not in _DETERMINERS
                    and ((_is_name_token(t) and not _german_noun(t, lang)) or not in_dictionary(word, lang))):
                out.append(word)
    return tuple(dict.fromkeys(out))


def ruled_out(prompt: str) -> tuple[str, ...]:
    """The quoted phrases a brief rules out, never to be shown."""
    return tuple(dict.fromkeys(q for _, _, phrases in _negations(strip_emoji(prompt)) for q in phrases if q))
