"""Word lists the local brief reader understands, in English, Spanish, French, German, Italian
and Portuguese. Data only: the rules that use them live in `brief_reader.py`.

Every entry maps surface words (lower case, accents kept; matched as whole words with an
optional plural ending) to one canonical English value, so later stages (copy, pictures)
deal with one vocabulary whatever the brief's language.
"""

from __future__ import annotations

LANGS = ("en", "es", "fr", "de", "it", "pt")

# Function words that identify a language; the language with most hits wins, English on ties.
STOPWORDS: dict[str, tuple[str, ...]] = {
    "en": ("the", "and", "for", "with", "our", "your", "of", "an", "to", "on", "at", "is", "new", "get", "its",
           "we", "you", "all", "free", "off", "just", "out", "up", "by", "it", "are", "from",
           "this", "that", "from", "by", "ad", "video", "make", "create", "open", "off", "sale", "now"),
    "es": ("el", "la", "los", "las", "y", "para", "con", "nuestro", "nuestra", "nuestros", "nuestras", "de",
           "del", "un", "una", "en", "por", "anuncio", "nuevo", "nueva", "crea", "haz", "rebajas", "hasta",
           "abre", "abrimos", "desde", "sus", "tu", "tus", "descuento", "envío", "todo", "todos", "sábado"),
    "fr": ("le", "la", "les", "et", "pour", "avec", "notre", "nos", "de", "du", "des", "un", "une", "en", "au",
           "aux", "publicité", "nouveau", "nouvelle", "crée", "créez", "soldes", "ouverture", "dès", "sur",
           "votre", "vos", "remise", "livraison", "chez", "samedi", "à"),
    "de": ("der", "die", "das", "und", "für", "mit", "unser", "unsere", "unseren", "ein", "eine", "einen", "im",
           "am", "zum", "zur", "den", "dem", "werbung", "neu", "neue", "neuen", "erstelle", "ab", "jetzt",
           "auf", "rabatt", "versand", "eröffnung", "samstag", "bei", "ihre", "von"),
    "it": ("il", "lo", "la", "gli", "le", "e", "per", "con", "nostro", "nostra", "nostri", "nostre", "di",
           "del", "della", "un", "una", "uno", "pubblicità", "nuovo", "nuova", "crea", "sconto", "saldi",
           "apertura", "dal", "dalle", "alle", "spedizione", "sabato", "tuo", "tua", "al", "fino", "solo", "ogni",
           "tutto", "tutti", "più", "dei", "delle", "nel", "nella", "sono", "è", "ad", "domenica", "stagione"),
    "pt": ("o", "os", "as", "e", "para", "com", "nosso", "nossa", "nossos", "nossas", "de", "do", "da", "dos",
           "das", "um", "uma", "em", "no", "na", "anúncio", "novo", "nova", "crie", "desconto", "promoção",
           "abertura", "frete", "grátis", "sábado", "seu", "sua", "até", "pré-venda"),
}

# Months and weekdays: dates are facts to carry on screen, never a brand or a product.
MONTHS: dict[str, tuple[str, ...]] = {
    "en": ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
           "dec"),
    "es": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
           "setiembre", "octubre", "noviembre", "diciembre"),
    "fr": ("janvier", "février", "fevrier", "mars", "avril", "mai", "juin", "juillet", "août", "aout",
           "septembre", "octobre", "novembre", "décembre", "decembre"),
    "de": ("januar", "jänner", "februar", "märz", "maerz", "april", "mai", "juni", "juli", "august",
           "september", "oktober", "november", "dezember"),
    "it": ("gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre",
           "ottobre", "novembre", "dicembre"),
    "pt": ("janeiro", "fevereiro", "março", "marco", "abril", "maio", "junho", "julho", "agosto", "setembro",
           "outubro", "novembro", "dezembro"),
}
WEEKDAYS: dict[str, tuple[str, ...]] = {
    "en": ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue", "tues",
           "wed", "thu", "thur", "thurs", "fri", "sat", "sun"),
    "es": ("lunes", "martes", "miércoles", "miercoles", "jueves", "viernes", "sábado", "sabado", "domingo"),
    "fr": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
    "de": ("montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonnabend", "sonntag"),
    "it": ("lunedì", "lunedi", "martedì", "martedi", "mercoledì", "mercoledi", "giovedì", "giovedi",
           "venerdì", "venerdi", "sabato", "domenica"),
    "pt": ("segunda-feira", "terça-feira", "quarta-feira", "quinta-feira", "sexta-feira", "segunda", "terça",
           "terca", "quarta", "quinta", "sexta", "sábado", "sabado", "domingo"),
}
# Relative days and named occasions that date a piece of news.
RELATIVE_DAYS: tuple[str, ...] = (
    "today", "tonight", "tomorrow", "tmrw", "tmw", "2morrow", "2moro", "this weekend", "next weekend", "next week", "this week", "this month",
    "next month", "this summer", "this fall", "this autumn", "this winter", "this spring",
    "hoy", "mañana", "esta noche", "este fin de semana", "la próxima semana", "la semana que viene",
    "aujourd'hui", "demain", "ce soir", "ce week-end", "ce weekend", "la semaine prochaine",
    "heute", "morgen", "heute abend", "dieses wochenende", "am wochenende", "nächste woche",
    "oggi", "domani", "stasera", "questo weekend", "questo fine settimana", "la prossima settimana",
    "hoje", "amanhã", "hoje à noite", "este fim de semana", "neste fim de semana", "na próxima semana",
    "semana que vem",
)
OCCASIONS: tuple[str, ...] = (
    "black friday", "cyber monday", "christmas", "xmas", "new year's eve", "new year", "valentine's day",
    "mother's day", "father's day", "easter", "halloween", "thanksgiving", "boxing day", "labor day",
    "memorial day", "prime day", "singles day",
    "navidad", "año nuevo", "san valentín", "día de la madre", "día del padre", "semana santa",
    "noël", "saint-valentin", "fête des mères", "fête des pères", "pâques",
    "weihnachten", "silvester", "ostern", "muttertag", "vatertag", "valentinstag",
    "natale", "capodanno", "san valentino", "festa della mamma", "festa del papà", "pasqua",
    "natal", "ano novo", "dia dos namorados", "dia das mães", "dia dos pais", "páscoa",
    # Named sales and shopping days: the name of the sale is part of the news.
    "presidents' day", "presidents day", "president's day", "fourth of july", "4th of july", "independence day",
    "veterans day", "columbus day", "cyber week", "black week", "back to school", "small business saturday",
    "giving tuesday", "st. patrick's day", "st patrick's day", "mardi gras", "cinco de mayo", "lunar new year",
    "chinese new year", "diwali", "ramadan", "hanukkah", "oktoberfest", "prime big deal days", "end of season sale",
    "hot sale", "buen fin", "el buen fin", "cyber monday", "día sin iva", "vuelta al cole", "rebajas de verano",
    "rebajas de invierno", "soldes d'hiver", "soldes d'été", "french days", "rentrée", "winterschlussverkauf",
    "sommerschlussverkauf", "saldi estivi", "saldi invernali", "semana do consumidor", "dia do consumidor",
    "dia do cliente", "esquenta black friday", "volta às aulas", "festa junina", "carnaval", "karneval", "fasching",
)

# Kinds of news, strongest first: a pre-order is also a launch, a reopening also an opening.
NEWS_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("pre_order", ("prenotate", "prenota ora", "prenotazioni aperte", "pre-order", "encomendas abertas", "aceitamos encomendas", "pedidos abiertos", "commandes ouvertes",
                   "orders open", "orders are open", "pre-orders", "preorder", "preorders", "pre order", "pre orders",
                   "reserve yours", "reserve now", "reservations open", "preventa", "pre-venta", "reserva ya",
                   "précommande", "précommandes", "pré-commande", "precommande", "précommandez", "précommander", "vorbestellung",
                   "vorbestellen", "vorbestellbar", "preordine", "preordina", "pre-ordine", "prenotazioni",
                   "pré-venda", "pré-vendas", "pre-venda", "pré-encomenda", "encomende já")),
    ("coming_soon", ("coming soon", "coming this", "coming next", "bald in", "bald im", "bald auf", "bald bei", "arriving soon", "arrives soon",
                     "dropping soon", "drops soon", "stay tuned", "teaser", "próximamente", "muy pronto",
                     "llega pronto", "bientôt", "prochainement", "demnächst", "bald erhältlich", "in kürze",
                     "kommt bald", "prossimamente", "in arrivo", "em breve", "brevemente", "chega em breve",
                     "lands this", "arrives this", "kommt im", "arrive cet", "llega este", "chega neste")),
    ("reopening", ("reopening", "re-opening", "reopens", "re-opens", "reopen", "back open", "reapertura", "reabre",
                   "reabrem", "voltamos", "volvemos", "rouvre", "réouvre", "riapre", "öffnet wieder", "wieder geöffnet",
                   "reabrimos", "réouverture", "wiedereröffnung", "riapertura", "riapriamo", "reabertura",
                   "reabrimos", "open again", "opens again", "vuelve a abrir", "vuelven a abrir", "abre de nuevo",
                   "volta a abrir", "voltam a abrir", "rouvre ses portes", "riapre i battenti", "wieder am",
                   "wieder ab")),
    ("opening", ("grand opening", "opening", "now open", "opens", "open its doors", "opening day",
                 "inauguración", "inauguramos", "apertura", "abrimos", "abre", "ouverture", "ouvre",
                 "inauguration", "eröffnung", "neueröffnung", "eröffnet", "eröffnen", "wir eröffnen", "öffnet", "inaugurazione",
                 "apre", "inauguração", "abertura", "abre as portas")),
    ("webinar", ("on zoom", "via zoom", "por zoom", "sur zoom", "su zoom", "pelo zoom", "no zoom", "zoom class",
                 "ig live", "instagram live", "insta live", "live on instagram", "live on insta", "live no insta",
                 "live gratuita", "live gratuito", "virtual tasting", "online class", "live session",
                 "webinar", "webinars", "live demo", "online workshop", "livestream", "live stream",
                 "seminario web", "webinaire", "webinario", "seminário online", "online-seminar")),
    ("event", ("makers market", "maker's market", "makers' market", "craft market", "christmas market", "xmas market",
               "holiday market", "flea market", "marché de noël", "mercadillo navideño", "mercatino di natale",
               "feira de natal", "flash day", "mini session", "mini sessions", "lambing weekend", "anniversary", "aniversario", "anniversaire", "jubiläum", "anniversario", "aniversário", "summer camp", "day camp", "camp", "bootcamp", "sagra", "feria", "fiera", "foire", "kermesse", "arraial", "arraiais", "quermesse", "event", "festival", "volunteer", "volunteers", "adoption day", "adoption weekend", "bake sale",
               "après-midi jeux", "open day", "open studio", "open house", "open evening", "jornada de puertas abiertas",
               "journée portes ouvertes", "portes ouvertes", "tag der offenen tür", "giornata porte aperte", "open day",
               "test drive", "swap", "swap night", "quiz night", "open mic", "night market", "cata", "catas", "dégustation", "vernissage", "tasting night", "storytime", "story time", "open house", "launch party", "book signing", "signing", "screening", "tournament", "hackathon", "concert", "conference", "meetup", "meet-up", "workshop", "masterclass",
               "tasting", "fair", "expo", "exhibition", "popup", "pop-up", "pop up", "party", "gala",
               "show", "tournament", "race", "marathon", "class", "classes", "evento", "feria", "taller",
               "degustación", "fiesta", "concierto", "exposición", "événement", "atelier", "dégustation",
               "salon", "soirée", "veranstaltung", "konzert", "messe", "verkostung", "fest",
               "ausstellung", "evento", "fiera", "degustazione", "concerto", "mostra", "festa",
               "evento", "feira", "degustação", "oficina", "exposição", "show")),
    ("sale", ("waived", "fee waived", "sale", "sales", "discount", "discounts", "% off", "off all", "off everything", "clearance",
              "deal", "deals", "promo", "promotion", "offer", "bogo", "buy one get one", "half price",
              "half-price", "free shipping", "first month free", "rebajas", "descuento", "descuentos",
              "oferta", "ofertas", "liquidación", "promoción", "soldes", "remise", "réduction", "promo",
              "offre", "rabatt", "angebot", "ausverkauf", "schlussverkauf", "sconto", "sconti", "saldi",
              "offerta", "promozione", "desconto", "descontos", "promoção", "liquidação", "saldão",
              "cupom", "coupon", "code")),
    ("rebrand", ("agora chama-se", "now called", "ora si chiama", "s'appelle désormais", "désormais appelé", "formerly known as", "anciennement", "antes conocido como", "ehemals", "precedentemente", "rebrand", "rebranding", "new name", "new look", "new logo", "new identity", "nueva imagen",
                 "nuevo nombre", "nouvelle identité", "nouveau nom", "nouveau look", "neuer name",
                 "neues logo", "neuer look", "nuova immagine", "nuovo nome", "nova marca", "novo nome",
                 "nova identidade", "change de nom", "cambia nome", "cambia de nombre", "muda de nome",
                 "heißt jetzt", "non si chiama più", "ahora se llama", "agora se chama")),
    ("new_flavour", ("flavour of", "flavor of", "newest flavour", "newest flavor", "new flavour", "new flavor", "new flavours", "new flavors", "just added", "added to the lineup", "new to the lineup", "joins the lineup", "estrena sabor",
                     "estrenan sabor", "estrenan un sabor", "nouveau parfum de", "neue geschmacksrichtung", "new flavour", "new flavor", "new flavours", "new flavors", "nuevo sabor",
                     "nouveau goût", "nouvelle saveur", "neue sorte", "neuer geschmack", "nuovo gusto",
                     "novo sabor", "limited edition flavour", "limited edition flavor", "sabor nuevo", "sabor novo",
                     "nouveau parfum", "gusto nuovo", "nuovo sapore", "seasonal flavour", "seasonal flavor",
                     "new ice cream flavour", "new ice cream flavor")),
    ("new_season", ("menu is back", "autumn menu", "fall menu", "winter menu", "summer menu", "spring menu",
                    "seasonal menu", "menú de otoño", "menú de temporada", "carte d'automne", "nouvelle carte",
                    "herbstkarte", "neue karte", "menù autunnale", "cardápio de outono", "new season", "new collection", "new arrivals", "spring collection", "summer collection",
                    "fall collection", "autumn collection", "winter collection", "spring/summer",
                    "fall/winter", "autumn/winter", "nueva temporada", "nueva colección",
                    "nouvelle collection", "nouvelle saison", "neue kollektion", "neue saison",
                    "nuova collezione", "nuova stagione", "nova coleção", "nova temporada",
                    # "The winter line is in", "SS25 from Rowan & Reed", "Frühjahrskollektion ist da"
                    "winter line", "summer line", "spring line", "fall line", "autumn line", "new line",
                    "ss24", "ss25", "ss26", "ss27", "aw24", "aw25", "aw26", "fw24", "fw25", "fw26", "pe25", "pe26",
                    "frühjahrskollektion", "sommerkollektion", "herbstkollektion", "winterkollektion",
                    "frühlingskollektion", "colección de primavera", "colección de verano", "colección de otoño",
                    "colección de invierno", "collection printemps", "collection été", "collection automne",
                    "collection hiver", "collezione primavera", "collezione estate", "collezione autunno",
                    "collezione inverno", "coleção de verão", "coleção de inverno", "coleção de outono",
                    "coleção de primavera", "collection printemps-été", "collection automne-hiver",
                    "colección primavera-verano", "colección otoño-invierno", "collezione primavera-estate",
                    "collezione autunno-inverno", "coleção primavera-verão", "coleção outono-inverno")),
    ("launch", ("now doing", "now offering", "now bookable", "now booking", "now taking bookings",
                "now delivering", "now delivers", "now serving", "finally shipped", "r here", "in stores", "hits shelves", "available from", "im handel", "en tiendas", "en magasin", "nei negozi",
                "nas lojas", "launch", "launching", "launches", "launched", "introducing", "introduce", "introduces",
                "announcing", "announce", "announcement", "unveil", "unveiling", "unveils", "release",
                "releasing", "debut", "debuts", "premiere", "just dropped", "new drop", "drop",
                "lanzamiento", "lanzamos", "presentamos", "nuevo lanzamiento", "lancement", "lance", "lancierung",
                "lançons", "découvrez le nouveau", "nouveau chez", "nouveauté", "einführung", "launcht", "stellt vor", "präsentiert",
                "neu:", "lancio", "lanciamo", "presentiamo", "lançamento", "lançamos", "apresentamos",
                # "we just shipped Tallyho", "È online Condominio Facile", "is now live"
                "just shipped", "just launched", "we shipped", "now live", "is live", "goes live", "went live",
                "comes out", "coming out", "is released", "are released", "released on", "releases on", "out on",
                "on sale from", "sale el", "sort le", "sortira le", "erscheint am", "erscheint", "esce il", "uscirà",
                "sai em", "lança em", "chega às lojas",
                "è online", "ora online", "ya está online", "ya está disponible", "est en ligne", "ist online",
                "jetzt online", "já está no ar", "já está online", "está no ar")),
)

# What a professional would put on the button, by kind and language.
CTA: dict[str, dict[str, str]] = {
    "pre_order": {"en": "Pre-order now", "es": "Resérvalo ya", "fr": "Précommandez", "de": "Jetzt vorbestellen",
                  "it": "Preordina ora", "pt": "Garanta o seu"},
    # The headline already says it is coming: the last card asks the viewer to watch for it.
    "coming_soon": {"en": "Stay tuned", "es": "Mantente atento", "fr": "Restez à l'écoute", "de": "Bleib dran",
                    "it": "Resta sintonizzato", "pt": "Fique ligado"},
    "sale": {"en": "Shop the sale", "es": "Compra ya", "fr": "Profitez-en", "de": "Jetzt sparen",
             "it": "Approfittane", "pt": "Aproveite"},
    "opening": {"en": "Come visit us", "es": "Te esperamos", "fr": "Venez nous voir", "de": "Besuchen Sie uns",
                "it": "Vieni a trovarci", "pt": "Venha nos visitar"},
    "reopening": {"en": "Welcome back", "es": "Te esperamos", "fr": "À très vite", "de": "Willkommen zurück",
                  "it": "Ti aspettiamo", "pt": "Esperamos por você"},
    "event": {"en": "Save the date", "es": "Reserva la fecha", "fr": "Réservez la date", "de": "Termin vormerken",
              "it": "Segna la data", "pt": "Reserve a data"},
    "webinar": {"en": "Register free", "es": "Regístrate gratis", "fr": "Inscription gratuite",
                "de": "Kostenlos anmelden", "it": "Iscriviti gratis", "pt": "Inscreva-se grátis"},
    # A webinar the brief does not call free: never promise it is.
    "webinar_paid": {"en": "Register now", "es": "Regístrate", "fr": "Inscrivez-vous", "de": "Jetzt anmelden",
                     "it": "Iscriviti", "pt": "Inscreva-se"},
    "rebrand": {"en": "Meet the new look", "es": "Descubre la nueva imagen", "fr": "Découvrez notre nouveau visage",
                "de": "Entdecken Sie unseren neuen Look", "it": "Scopri il nuovo volto", "pt": "Conheça a nova marca"},
    "new_flavour": {"en": "Taste it now", "es": "Pruébalo ya", "fr": "Goûtez-le", "de": "Jetzt probieren",
                    "it": "Assaggialo ora", "pt": "Prove já"},
    # A new season's menu is tasted, not shopped.
    "new_menu": {"en": "Taste the season", "es": "Pruébalo ya", "fr": "Venez goûter", "de": "Jetzt probieren",
                 "it": "Vieni ad assaggiare", "pt": "Venha provar"},
    "new_season": {"en": "Shop the collection", "es": "Descubre la colección", "fr": "Découvrez la collection",
                   "de": "Zur Kollektion", "it": "Scopri la collezione", "pt": "Conheça a coleção"},
    "launch_dated": {"en": "Mark the date", "es": "Apunta la fecha", "fr": "Notez la date", "de": "Termin vormerken",
                     "it": "Segna la data", "pt": "Marque a data"},
    # A launch says it is out only when the brief says so ("available now"); otherwise it invites.
    "launch": {"en": "Discover it", "es": "Descúbrelo", "fr": "Découvrez-le", "de": "Jetzt entdecken",
               "it": "Scoprilo", "pt": "Descubra"},
    "launch_out": {"en": "Available now", "es": "Ya disponible", "fr": "Disponible maintenant", "de": "Jetzt erhältlich",
                   "it": "Ora disponibile", "pt": "Já disponível"},
    "product_showcase": {"en": "Discover more", "es": "Descúbrelo", "fr": "Découvrez-le", "de": "Jetzt entdecken",
                         "it": "Scoprilo", "pt": "Descubra"},
    "lifestyle_ad": {"en": "Try it today", "es": "Pruébalo hoy", "fr": "Essayez-le", "de": "Jetzt ausprobieren",
                     "it": "Provalo oggi", "pt": "Experimente hoje"},
    "app": {"en": "Download free", "es": "Descárgala gratis", "fr": "Téléchargez-la", "de": "Gratis laden",
            "it": "Scaricala gratis", "pt": "Baixe grátis"},
    # An app the brief does not call free: never promise it is.
    "app_paid": {"en": "Download now", "es": "Descárgala ya", "fr": "Téléchargez-la", "de": "Jetzt laden",
                 "it": "Scaricala ora", "pt": "Baixe agora"},
    "service": {"en": "Book today", "es": "Reserva hoy", "fr": "Réservez", "de": "Jetzt buchen",
                "it": "Prenota oggi", "pt": "Agende hoje"},
}

# Headline patterns by kind and language. {p} product, {d} date/when, {o} offer, {pl} place.
# The first pattern whose placeholders are all known is used.
HEADLINES: dict[str, dict[str, tuple[str, ...]]] = {
    "pre_order": {
        "en": ("Pre-orders open {d}", "Pre-order {p}"), "es": ("Preventa desde {d}", "Reserva {p}"),
        "fr": ("Précommandes dès {d}", "Précommandez {p}"), "de": ("Vorbestellung ab {d}", "{p} vorbestellen"),
        "it": ("Preordini dal {d}", "Preordina {p}"), "pt": ("Pré-venda a partir de {d}", "Pré-venda {p}"),
    },
    # A pre-order whose date is when it ships ("Lieferung ab 15. April"): pre-orders are open now.
    "pre_order_out": {  # a book, a record, a film: the day it comes out
        "en": ("Out {d}", "Pre-order {p}"), "es": ("Sale el {d}", "Reserva {p}"),
        "fr": ("Sortie le {d}", "Précommandez {p}"), "de": ("Erscheint am {d}", "{p} vorbestellen"),
        "it": ("Esce il {d}", "Preordina {p}"), "pt": ("Sai em {d}", "Pré-venda {p}"),
    },
    "pre_order_ships": {
        "en": ("Ships {d}", "Pre-order {p}"), "es": ("Entregas desde {d}", "Reserva {p}"),
        "fr": ("Livraison dès {d}", "Précommandez {p}"), "de": ("Lieferung ab {d}", "{p} vorbestellen"),
        "it": ("Consegne dal {d}", "Preordina {p}"), "pt": ("Entregas a partir de {d}", "Pré-venda {p}"),
    },
    # A pre-order open now until a date ("précommandes ouvertes jusqu'au 30 avril").
    "pre_order_until": {
        "en": ("Pre-order until {d}", "Pre-order {p}"), "es": ("Reserva hasta el {d}", "Reserva {p}"),
        "fr": ("Précommandes jusqu'au {d}", "Précommandez {p}"), "de": ("Vorbestellen bis {d}", "{p} vorbestellen"),
        "it": ("Preordini fino al {d}", "Preordina {p}"), "pt": ("Pré-venda até {d}", "Pré-venda {p}"),
    },
    "coming_soon": {
        "en": ("Coming {d}", "Coming soon"), "es": ("Llega {d}", "Muy pronto"), "fr": ("Arrive {d}", "Bientôt"),
        "de": ("Ab {d}", "Demnächst"), "it": ("In arrivo {d}", "Prossimamente"), "pt": ("Chega {d}", "Em breve"),
    },
    "sale": {
        "en": ("{occ}: {o}", "{o}", "{occ} sale", "The sale is on"),
        "es": ("{occ}: {o}", "{o}", "Rebajas {occ}", "Rebajas"),
        "fr": ("{occ} : {o}", "{o}", "Soldes {occ}", "C'est les soldes"),
        "de": ("{occ}: {o}", "{o}", "{occ} Sale", "Sale"),
        "it": ("{occ}: {o}", "{o}", "Saldi {occ}", "Saldi"),
        "pt": ("{occ}: {o}", "{o}", "Promoção {occ}", "Promoção"),
    },
    "opening": {
        "en": ("Grand opening {d}", "Now open in {pl}", "Grand opening"),
        "es": ("Inauguración {d}", "Abrimos en {pl}", "Gran inauguración"),
        "fr": ("Ouverture {d}", "Ouverture à {pl}", "Grande ouverture"),
        "de": ("Eröffnung {d}", "Neu in {pl}", "Große Eröffnung"),
        "it": ("Inaugurazione {d}", "Apriamo a {pl}", "Grande apertura"),
        "pt": ("Inauguração {d}", "Abrimos em {pl}", "Grande inauguração"),
    },
    "reopening": {
        "en": ("Reopening {d}", "We're back"), "es": ("Reabrimos {d}", "Volvemos"),
        "fr": ("Réouverture {d}", "Nous revoilà"), "de": ("Wiedereröffnung {d}", "Wir sind zurück"),
        "it": ("Riapertura {d}", "Siamo tornati"), "pt": ("Reabertura {d}", "Estamos de volta"),
    },
    "event": {
        "en": ("Join us {d}", "Join us"), "es": ("Te esperamos {d}", "Te esperamos"),
        "fr": ("Rendez-vous {d}", "Rejoignez-nous"), "de": ("Seien Sie dabei: {d}", "Seien Sie dabei"),
        "it": ("Ti aspettiamo {d}", "Ti aspettiamo"), "pt": ("Esperamos você {d}", "Participe"),
    },
    "webinar_paid": {
        "en": ("Live webinar {d}", "Live webinar"), "es": ("Webinar en vivo {d}", "Webinar en vivo"),
        "fr": ("Webinaire en direct {d}", "Webinaire en direct"), "de": ("Live-Webinar {d}", "Live-Webinar"),
        "it": ("Webinar dal vivo {d}", "Webinar dal vivo"), "pt": ("Webinar ao vivo {d}", "Webinar ao vivo"),
    },
    "webinar": {
        "en": ("Free webinar {d}", "Free live webinar"), "es": ("Webinar gratuito {d}", "Webinar gratuito"),
        "fr": ("Webinaire gratuit {d}", "Webinaire gratuit"), "de": ("Gratis-Webinar {d}", "Kostenloses Webinar"),
        "it": ("Webinar gratuito {d}", "Webinar gratuito"), "pt": ("Webinar gratuito {d}", "Webinar gratuito"),
    },
    "rebrand": {
        "en": ("Meet the new {p}",), "es": ("Así es el nuevo {p}",), "fr": ("Voici le nouveau {p}",),
        "de": ("Das neue {p}",), "it": ("Ecco il nuovo {p}",), "pt": ("Conheça o novo {p}",),
    },
    "new_flavour": {
        "en": ("A new flavour is here", "New flavour"), "es": ("Nuevo sabor",), "fr": ("Nouvelle saveur",),
        "de": ("Neue Sorte",), "it": ("Nuovo gusto",), "pt": ("Novo sabor",),
    },
    "new_menu": {
        "en": ("New on the menu",), "es": ("Nuevo en la carta",), "fr": ("Nouveau à la carte",),
        "de": ("Neu auf der Karte",), "it": ("Novità nel menù",), "pt": ("Novidade no cardápio",),
    },
    "new_season": {
        "en": ("The new collection",), "es": ("Nueva colección",), "fr": ("Nouvelle collection",),
        "de": ("Die neue Kollektion",), "it": ("Nuova collezione",), "pt": ("Nova coleção",),
    },
    "launch": {
        "en": ("Introducing {p}",), "es": ("Presentamos {p}",), "fr": ("Voici {p}",), "de": ("Neu: {p}",),
        "it": ("Ecco {p}",), "pt": ("Apresentamos {p}",),
    },
}

# Lines for lifestyle headlines, by time of day / default.
LIFESTYLE_HEADLINES: dict[str, dict[str, str]] = {
    "night": {"en": "Made for nights like this", "es": "Para noches como esta", "fr": "Pour des soirs comme ceux-là",
              "de": "Für Abende wie diesen", "it": "Per serate come questa", "pt": "Para noites assim"},
    "dawn": {"en": "Start every day right", "es": "Empieza bien el día", "fr": "Bien commencer la journée",
             "de": "Gut in den Tag", "it": "Inizia bene la giornata", "pt": "Comece bem o dia"},
    "golden_hour": {"en": "Made for golden hours", "es": "Para las horas doradas", "fr": "Pour les heures dorées",
                    "de": "Für goldene Stunden", "it": "Per le ore d'oro", "pt": "Para as horas douradas"},
    "": {"en": "Made for your every day", "es": "Hecho para tu día a día", "fr": "Fait pour votre quotidien",
         "de": "Gemacht für Ihren Alltag", "it": "Fatto per ogni giorno", "pt": "Feito para o seu dia a dia"},
}

TAGLINES: dict[str, dict[str, str]] = {
    "luxury": {"en": "Crafted for the extraordinary.", "es": "Creado para lo extraordinario.",
               "fr": "Conçu pour l'exceptionnel.", "de": "Für das Außergewöhnliche.",
               "it": "Creato per lo straordinario.", "pt": "Feito para o extraordinário."},
    "elegant": {"en": "Elegance, redefined.", "es": "La elegancia, redefinida.", "fr": "L'élégance réinventée.",
                "de": "Eleganz, neu gedacht.", "it": "L'eleganza, ridefinita.", "pt": "Elegância redefinida."},
    "modern minimal": {"en": "Less, but better.", "es": "Menos, pero mejor.", "fr": "Moins, mais mieux.",
                       "de": "Weniger, aber besser.", "it": "Meno, ma meglio.", "pt": "Menos, mas melhor."},
    "futuristic tech": {"en": "The future is here.", "es": "El futuro ya está aquí.", "fr": "Le futur est là.",
                        "de": "Die Zukunft ist da.", "it": "Il futuro è qui.", "pt": "O futuro chegou."},
    "playful": {"en": "Made for good times.", "es": "Hecho para pasarlo bien.", "fr": "Fait pour les bons moments.",
                "de": "Für gute Zeiten.", "it": "Fatto per divertirsi.", "pt": "Feito para bons momentos."},
    "bold": {"en": "Go further.", "es": "Llega más lejos.", "fr": "Allez plus loin.", "de": "Geh weiter.",
             "it": "Vai oltre.", "pt": "Vá mais longe."},
    "natural organic": {"en": "Naturally yours.", "es": "Naturalmente tuyo.", "fr": "Naturellement vôtre.",
                        "de": "Natürlich Ihres.", "it": "Naturalmente tuo.", "pt": "Naturalmente seu."},
    "vintage": {"en": "Timeless by design.", "es": "Atemporal por diseño.", "fr": "Intemporel par nature.",
                "de": "Zeitlos im Design.", "it": "Senza tempo.", "pt": "Atemporal por natureza."},
    "warm cozy": {"en": "Feels like home.", "es": "Como en casa.", "fr": "Comme à la maison.",
                  "de": "Wie zu Hause.", "it": "Come a casa.", "pt": "Como em casa."},
    "rugged": {"en": "Built to last.", "es": "Hecho para durar.", "fr": "Fait pour durer.",
               "de": "Gemacht für die Ewigkeit.", "it": "Fatto per durare.", "pt": "Feito para durar."},
}

# Generic feature lines by category, used only when the brief itself names no qualities.
FEATURES: dict[str, dict[str, tuple[str, str]]] = {
    # Festivals, concerts, conferences and meetups: the occasion, not a visit.
    "event": {"en": ("A day to remember", "Bring your people"),
              "es": ("Un día para recordar", "Ven con los tuyos"),
              "fr": ("Un moment à vivre", "Venez avec vos proches"),
              "de": ("Ein Tag, der bleibt", "Bringen Sie Ihre Leute mit"),
              "it": ("Un giorno da ricordare", "Porta chi vuoi"),
              "pt": ("Um dia para lembrar", "Traga a sua gente")},
    # Courses, workshops and webinars: what people come away with, not a visit.
    "learning": {"en": ("Learn from people who do it", "Live, with time for your questions"),
                 "es": ("Aprende de quien lo hace", "En directo, con tiempo para tus preguntas"),
                 "fr": ("Apprenez avec celles et ceux qui le font", "En direct, avec du temps pour vos questions"),
                 "de": ("Lernen von denen, die es tun", "Live, mit Zeit für Ihre Fragen"),
                 "it": ("Impara da chi lo fa", "Dal vivo, con tempo per le tue domande"),
                 "pt": ("Aprenda com quem faz", "Ao vivo, com tempo para as suas perguntas")},
    "watch": {"en": ("Precision in every second", "Built to be worn for years"),
              "es": ("Precisión en cada segundo", "Hecho para durar años"),
              "fr": ("La précision à chaque seconde", "Fait pour durer"),
              "de": ("Präzision in jeder Sekunde", "Gebaut für Jahre"),
              "it": ("Precisione in ogni secondo", "Fatto per durare"),
              "pt": ("Precisão em cada segundo", "Feito para durar")},
    "fragrance": {"en": ("A scent that lingers", "Made to be remembered"),
                  "es": ("Un aroma que perdura", "Para ser recordado"),
                  "fr": ("Un sillage qui dure", "Fait pour marquer les esprits"),
                  "de": ("Ein Duft, der bleibt", "Unvergesslich"),
                  "it": ("Una scia che resta", "Fatto per essere ricordato"),
                  "pt": ("Um perfume que permanece", "Feito para ser lembrado")},
    "beauty": {"en": ("Visible results", "Gentle on every skin"),
               "es": ("Resultados visibles", "Suave con tu piel"),
               "fr": ("Des résultats visibles", "Doux pour la peau"),
               "de": ("Sichtbare Ergebnisse", "Sanft zur Haut"),
               "it": ("Risultati visibili", "Delicato sulla pelle"),
               "pt": ("Resultados visíveis", "Suave com a pele")},
    "tech": {"en": ("Smart by design", "Made to keep up with you"),
             "es": ("Inteligente por diseño", "Hecho para seguirte el ritmo"),
             "fr": ("Intelligent par nature", "Fait pour suivre votre rythme"),
             "de": ("Intelligent gestaltet", "Hält mit Ihnen Schritt"),
             "it": ("Intelligente per natura", "Tiene il tuo ritmo"),
             "pt": ("Inteligente por natureza", "Acompanha o seu ritmo")},
    "app": {"en": ("Everything in one place", "Simple from the first tap"),
            "es": ("Todo en un solo lugar", "Fácil desde el primer toque"),
            "fr": ("Tout au même endroit", "Simple dès le premier geste"),
            "de": ("Alles an einem Ort", "Einfach vom ersten Tippen an"),
            "it": ("Tutto in un unico posto", "Semplice dal primo tocco"),
            "pt": ("Tudo num só lugar", "Simples desde o primeiro toque")},
    "audio": {"en": ("Sound you can feel", "Made for every playlist"),
              "es": ("Un sonido que se siente", "Para cada playlist"),
              "fr": ("Un son qui se ressent", "Pour toutes vos playlists"),
              "de": ("Klang zum Fühlen", "Für jede Playlist"),
              "it": ("Un suono da sentire", "Per ogni playlist"),
              "pt": ("Som que se sente", "Para cada playlist")},
    "footwear": {"en": ("Engineered for comfort", "Every step, lighter"),
                 "es": ("Diseñadas para la comodidad", "Cada paso, más ligero"),
                 "fr": ("Pensées pour le confort", "Chaque pas plus léger"),
                 "de": ("Für Komfort gemacht", "Jeder Schritt leichter"),
                 "it": ("Pensate per il comfort", "Ogni passo più leggero"),
                 "pt": ("Feitos para o conforto", "Cada passo mais leve")},
    "beverage": {"en": ("Refreshing in every sip", "Made to be shared"),
                 "es": ("Refrescante en cada sorbo", "Para compartir"),
                 "fr": ("Rafraîchissant à chaque gorgée", "À partager"),
                 "de": ("Erfrischend in jedem Schluck", "Zum Teilen gemacht"),
                 "it": ("Fresco a ogni sorso", "Da condividere"),
                 "pt": ("Refrescante a cada gole", "Feito para partilhar")},
    # Tea, cocoa and other drinks served hot: warmth, not refreshment.
    "hot drink": {"en": ("Warmth in every sip", "Made for slow moments"),
                  "es": ("Calidez en cada sorbo", "Para los momentos sin prisa"),
                  "fr": ("Du réconfort à chaque gorgée", "Pour les moments qui prennent leur temps"),
                  "de": ("Wärme in jedem Schluck", "Für stille Momente"),
                  "it": ("Calore a ogni sorso", "Per i momenti lenti"),
                  "pt": ("Conforto a cada gole", "Para os momentos sem pressa")},
    "coffee": {"en": ("Rich aroma, every morning", "Roasted with care"),
               "es": ("Aroma intenso cada mañana", "Tostado con cuidado"),
               "fr": ("Un arôme riche chaque matin", "Torréfié avec soin"),
               "de": ("Volles Aroma, jeden Morgen", "Mit Sorgfalt geröstet"),
               "it": ("Aroma intenso ogni mattina", "Tostato con cura"),
               "pt": ("Aroma intenso todas as manhãs", "Torrado com cuidado")},
    "food": {"en": ("Made with real ingredients", "Fresh, every day"),
             "es": ("Con ingredientes de verdad", "Fresco cada día"),
             "fr": ("De vrais ingrédients", "Frais chaque jour"),
             "de": ("Mit echten Zutaten", "Jeden Tag frisch"),
             "it": ("Ingredienti veri", "Fresco ogni giorno"),
             "pt": ("Ingredientes de verdade", "Fresco todos os dias")},
    "fashion": {"en": ("Made to be worn", "Style that lasts"),
                "es": ("Hecho para llevarse", "Estilo que perdura"),
                "fr": ("Fait pour être porté", "Un style qui dure"),
                "de": ("Gemacht zum Tragen", "Stil, der bleibt"),
                "it": ("Fatto per essere indossato", "Stile che dura"),
                "pt": ("Feito para usar", "Estilo que dura")},
    "home": {"en": ("Made for the way you live", "Comfort you can feel"),
             "es": ("Hecho para tu forma de vivir", "Comodidad que se nota"),
             "fr": ("Fait pour votre quotidien", "Un confort qui se ressent"),
             "de": ("Gemacht für Ihr Zuhause", "Komfort zum Spüren"),
             "it": ("Fatto per come vivi", "Comfort da sentire"),
             "pt": ("Feito para o seu jeito de viver", "Conforto que se sente")},
    "kitchen": {"en": ("Made for real cooking", "Built for a lifetime of meals"),
                "es": ("Hecho para cocinar de verdad", "Para toda una vida de comidas"),
                "fr": ("Fait pour vraiment cuisiner", "Pour une vie de bons repas"),
                "de": ("Für echtes Kochen gemacht", "Für ein Leben voller Mahlzeiten"),
                "it": ("Fatto per cucinare davvero", "Per una vita di buoni piatti"),
                "pt": ("Feito para cozinhar de verdade", "Para uma vida de boas refeições")},
    "drinkware": {"en": ("Made for your morning ritual", "Keeps every sip warm"),
                  "es": ("Para tu ritual de cada mañana", "Cada sorbo, a su temperatura"),
                  "fr": ("Pour votre rituel du matin", "Chaque gorgée reste chaude"),
                  "de": ("Für Ihr Morgenritual", "Hält jeden Schluck warm"),
                  "it": ("Per il tuo rito del mattino", "Ogni sorso resta caldo"),
                  "pt": ("Para o seu ritual da manhã", "Cada gole mais quente")},
    "sports": {"en": ("Built for performance", "Go further, every day"),
               "es": ("Hecho para rendir", "Llega más lejos cada día"),
               "fr": ("Conçu pour la performance", "Allez plus loin chaque jour"),
               "de": ("Gebaut für Leistung", "Jeden Tag weiter"),
               "it": ("Fatto per la performance", "Vai oltre ogni giorno"),
               "pt": ("Feito para performance", "Vá mais longe todos os dias")},
    "vehicle": {"en": ("Made for the open road", "Every ride, better"),
                "es": ("Hecho para la carretera", "Cada viaje, mejor"),
                "fr": ("Fait pour la route", "Chaque trajet, meilleur"),
                "de": ("Gemacht für die Straße", "Jede Fahrt besser"),
                "it": ("Fatto per la strada", "Ogni viaggio, migliore"),
                "pt": ("Feito para a estrada", "Cada viagem, melhor")},
    "service": {"en": ("Expert care, every visit", "Trusted by our community"),
                "es": ("Atención experta en cada visita", "La confianza de nuestra comunidad"),
                "fr": ("Un savoir-faire à chaque visite", "La confiance de notre communauté"),
                "de": ("Fachkundig bei jedem Besuch", "Vertraut in unserer Nachbarschaft"),
                "it": ("Cura esperta a ogni visita", "La fiducia della nostra comunità"),
                "pt": ("Cuidado especializado em cada visita", "A confiança da nossa comunidade")},
    "pet": {"en": ("Made for happy pets", "Loved by pets and people"),
            "es": ("Para mascotas felices", "Lo adoran ellos y tú"),
            "fr": ("Pour des animaux heureux", "Adoré des animaux"),
            "de": ("Für glückliche Tiere", "Von Tieren geliebt"),
            "it": ("Per animali felici", "Amato dagli animali"),
            "pt": ("Para pets felizes", "Amado pelos pets")},
    "product": {"en": ("Designed with care", "Made to last"),
                "es": ("Diseñado con cuidado", "Hecho para durar"),
                "fr": ("Conçu avec soin", "Fait pour durer"),
                "de": ("Mit Sorgfalt gestaltet", "Gemacht für lange Zeit"),
                "it": ("Progettato con cura", "Fatto per durare"),
                "pt": ("Desenhado com cuidado", "Feito para durar")},
}

# Product nouns: English noun -> (category, comma-separated words and phrases in any of the six
# languages). The English
# noun goes to Spec.product.noun (the renderers pick a picture by it); the category picks
# feature lines, and a stand-in drawing where one exists. "*" ends a German compound.
PRODUCTS: dict[str, tuple[str, str]] = {
    # watches, jewellery, accessories
    "watch": ("watch", "watch, watches, wristwatch, smartwatch, timepiece, chronograph, reloj, relojes, montre, montres, uhr, uhren, *uhr, armbanduhr, orologio, orologi, relógio, relógios, relogio"),
    "ring": ("fashion", "ring, rings, anillo, anillos, bague, bagues, anello, anelli, anel, anéis"),
    "necklace": ("fashion", "necklace, necklaces, collar, pendant, collier, kette, halskette, collana, colar"),
    "earrings": ("fashion", "earrings, pendientes, aretes, boucles, ohrringe, orecchini, brincos"),
    "bracelet": ("fashion", "bracelet, bracelets, pulsera, armband, bracciale, pulseira"),
    "jewelry": ("fashion", "jewelry, jewellery, joyas, joyería, bijoux, schmuck, gioielli, joias"),
    "sunglasses": ("fashion", "sunglasses, shades, gafas, lunettes, sonnenbrille, occhiali, óculos, eyewear, glasses"),
    "wallet": ("fashion", "wallet, wallets, billfold, cartera, billetera, portefeuille, geldbörse, portemonnaie, portafoglio, carteira"),
    "handbag": ("fashion", "handbag, handbags, bag, bags, purse, tote, totes, clutch, bolso, bolsos, sac, sacs, tasche, taschen, *tasche, borsa, borse, bolsa, bolsas"),
    "backpack": ("fashion", "sac à dos, backpack, backpacks, rucksack, mochila, mochilas, zaino"),
    "suitcase": ("travel", "carry-on, suitcase, luggage, maleta, valise, koffer, valigia, mala"),
    "hat": ("fashion", "hat, hats, cap, caps, beanie, sombrero, gorra, chapeau, casquette, hut, mütze, cappello, boné, chapéu"),
    "scarf": ("fashion", "scarf, scarves, bufanda, écharpe, schal, sciarpa, cachecol"),
    "belt": ("fashion", "belt, belts, cinturón, ceinture, gürtel, cintura, cinto"),
    "umbrella": ("fashion", "umbrella, paraguas, parapluie, regenschirm, ombrello, guarda-chuva"),
    # clothing, footwear
    "sneakers": ("footwear", "running shoes, sneaker, sneakers, trainers, shoe, shoes, footwear, kicks, zapatillas, zapatilla, zapatos, calzado, baskets, chaussures, chaussure, schuhe, *schuhe, turnschuhe, scarpe, scarpa, sneaker, tênis, tenis, sapatos, sapato"),
    "boots": ("footwear", "boot, boots, botas, bottes, stiefel, stivali"),
    "sandals": ("footwear", "sandals, flip-flops, sandalias, sandales, sandalen, sandali, sandálias, chinelos"),
    "dress": ("fashion", "dress, dresses, gown, vestido, vestidos, robe, robes, kleid, kleider, abito, abiti, vestito"),
    "t-shirt": ("fashion", "t-shirt, t-shirts, tee, tees, tshirt, camiseta, camisetas, shirt, shirts, camisa, hemd, hemden, maglietta"),
    "suit": ("fashion", "suit, suits, overalls, coverall, coveralls, boiler suit, traje, trajes, combinaison, anzug, tuta, macacão"),
    "jacket": ("fashion", "jacket, jackets, coat, coats, parka, chaqueta, abrigo, veste, manteau, jacke, jacken, mantel, giacca, cappotto, jaqueta, casaco"),
    "hoodie": ("fashion", "hoodie, hoodies, sweatshirt, sweater, sweaters, jumper, sudadera, jersey, pull, pullover, felpa, moletom"),
    "jeans": ("fashion", "jeans, denim, vaqueros, pantalones, pants, trousers, pantalon, hose, pantaloni, calças"),
    "swimwear": ("fashion", "trajes de baño, costume da bagno, swimwear, swimsuit, bikini, maillot, badeanzug, wetsuit, wetsuits, neoprenanzug, combinaison néoprène, muta"),
    "socks": ("fashion", "socks, calcetines, chaussettes, socken, calzini, meias"),
    "clothing": ("fashion", "clothing, clothes, apparel, streetwear, fashion, ropa, moda, vêtements, mode, kleidung, abbigliamento, roupa, roupas, collection, colección, collezione, kollektion, coleção"),
    # beauty
    "perfume": ("fragrance", "perfume, perfumes, fragrance, fragrances, cologne, scent, eau de parfum, eau de toilette, parfum, parfums, duft, profumo, profumi, perfume"),
    "serum": ("beauty", "serum, serums, sérum, siero, sérum"),
    "skincare": ("beauty", "skincare, moisturizer, moisturiser, cream, creams, lotion, crema, cremas, crème, crèmes, creme, cremes, soin, hautpflege"),
    "lipstick": ("beauty", "lip gloss, rouge à lèvres, lipstick, lipsticks, pintalabios, labial, lippenstift, rossetto, batom"),
    "makeup": ("beauty", "makeup, make-up, mascara, foundation, cosmetics, maquillaje, maquillage, trucco, maquiagem"),
    "shampoo": ("beauty", "shampoo, shampoos, conditioner, haircare, champú, shampooing, shampoo, xampu"),
    "soap": ("beauty", "body wash, soap, soaps, jabón, savon, seife, sapone, sabonete"),
    "sunscreen": ("beauty", "protector solar, crème solaire, crema solare, protetor solar, sunscreen, sunblock, spf, sonnencreme"),
    "nail polish": ("beauty", "nail polish, esmalte, vernis, nagellack, smalto"),
    "candle": ("home", "candle, candles, vela, velas, bougie, bougies, kerze, kerzen, candela, candele"),
    # tech
    "phone": ("tech", "phone, phones, smartphone, smartphones, iphone, handy, móvil, celular, téléphone, telefono, telemóvel"),
    "laptop": ("tech", "laptop, laptops, notebook, portátil, ordinateur, portable, laptop, computer, computador, pc"),
    "tablet": ("tech", "tablet, tablets, ipad, tableta, tablette"),
    "earbuds": ("audio", "earbuds, earbud, earphones, in-ear, auriculares, écouteurs, kopfhörer, ohrhörer, auricolari, fones"),
    "headphones": ("audio", "fone de ouvido, headphones, headphone, headset, cascos, casque, cuffie, *kopfhörer"),
    "speaker": ("audio", "speaker, speakers, soundbar, altavoz, altavoces, enceinte, lautsprecher, altoparlante, cassa, caixa de som"),
    "camera": ("tech", "appareil photo, camera, cameras, cámara, kamera, fotocamera, câmera"),
    "drone": ("tech", "drone, drones, dron"),
    "smart home": ("tech", "smart speaker, thermostat, doorbell, router"),
    "tv": ("tech", "tv, tvs, television, televisión, télévision, fernseher, televisore, televisão"),
    "console": ("tech", "game console, console, consoles, videoconsola, konsole"),
    "video game": ("tech", "video game, jeu vidéo, game, games, videogame, videojuego, videospiel, videogioco, jogo"),
    "keyboard": ("tech", "keyboard, keyboards, teclado, clavier, tastatur, tastiera"),
    "charger": ("tech", "power bank, charger, chargers, cargador, chargeur, ladegerät, caricatore, carregador"),
    "robot vacuum": ("home", "robot vacuum, robot vacuum cleaner, robot aspirador, robot aspiradora, robot aspirateur, aspirateur robot, saugroboter, robot aspirapolvere, robô aspirador, vacuum, vacuums, hoover, aspiradora, aspirateur, staubsauger, aspirapolvere, aspirador"),
    "printer": ("tech", "3d printer, printer, impresora, imprimante, drucker, stampante, impressora"),
    "app": ("app", "app, apps, appli, applis, application, aplicación, application, anwendung, applicazione, aplicativo, aplicação, platform, software, saas, tool"),
    "website": ("app", "website, site, web, sitio"),
    "vpn": ("app", "vpn"),
    "ebook": ("tech", "ebook, e-book, e-reader, kindle"),
    # home, furniture, kitchen
    "sofa": ("home", "sofa, sofas, couch, couches, sectional, sofá, sofás, canapé, canapés, sofa, *sofa, divano, divani"),
    "chair": ("home", "chair, chairs, armchair, silla, sillas, sillón, chaise, chaises, fauteuil, stuhl, stühle, sessel, sedia, sedie, poltrona, cadeira, cadeiras"),
    "table": ("home", "table, tables, desk, desks, mesa, mesas, tisch, tische, schreibtisch, tavolo, scrivania, escrivaninha"),
    "bed": ("home", "bed, beds, mattress, mattresses, cama, colchón, lit, matelas, bett, matratze, letto, materasso, colchão"),
    "lamp": ("home", "lamp, lamps, lighting, lámpara, lampe, lampen, lampada, luminária"),
    "rug": ("home", "rug, rugs, carpet, alfombra, tapis, teppich, tappeto, tapete"),
    "pillow": ("home", "pillow, pillows, cushion, almohada, cojín, coussin, oreiller, kissen, cuscino, almofada, travesseiro"),
    "blanket": ("home", "blanket, blankets, throw, manta, couverture, plaid, decke, coperta, cobertor"),
    "plant": ("home", "plant, plants, houseplant, planta, plantas, plante, plantes, pflanze, pflanzen, pianta, piante"),
    "flowers": ("home", "flowers, flower, bouquet, florist, flores, flor, fleurs, fleur, blumen, blume, fiori, fiore"),
    "furniture": ("home", "furniture, muebles, meubles, möbel, mobili, móveis"),
    "skillet": ("kitchen", "frying pan, skillet, skillets, pan, pans, sartén, sartenes, poêle, pfanne, padella, frigideira"),
    "pot": ("kitchen", "dutch oven, pot, pots, cookware, olla, cocotte, topf, pentola, panela"),
    "knife": ("kitchen", "knife, knives, cuchillo, cuchillos, couteau, couteaux, messer, coltello, faca"),
    "mug": ("drinkware", "mug, mugs, cup, cups, taza, tazas, tasse, tasses, becher, *becher, tazza, tazze, caneca"),
    "coffee maker": ("kitchen", "coffee maker, coffee machine, espresso machine, macchina del caffè, cafetera, cafetière, kaffeemaschine, *kaffeemaschine, cafeteira"),
    "blender": ("kitchen", "blender, blenders, licuadora, batidora, mixeur, mixer, frullatore, liquidificador"),
    "kettle": ("kitchen", "kettle, kettles, hervidor, bouilloire, wasserkocher, bollitore, chaleira"),
    "air fryer": ("kitchen", "air fryer, air fryers, freidora, friteuse, heißluftfritteuse, friggitrice, fritadeira"),
    "water bottle": ("sports", "water bottle, water bottles, flask, thermos, tumbler, botella, termo, gourde, trinkflasche, borraccia, garrafa"),
    "cookbook": ("product", "recipe book, cookbook"),
    "book": ("product", "book, books, novel, libro, libros, livre, livres, buch, bücher, libri, livro, livros"),
    "toy": ("kids", "toy, toys, juguete, juguetes, jouet, jouets, spielzeug, giocattolo, giocattoli, brinquedo, brinquedos"),
    "stroller": ("kids", "stroller, pram, buggy, carrito, poussette, kinderwagen, passeggino, carrinho"),
    "diapers": ("kids", "diapers, nappies, pañales, couches, windeln, pannolini, fraldas"),
    # food and drink
    "coffee": ("coffee", "cold brew, coffee, coffees, espresso, latte, cappuccino, café, cafés, kaffee, caffè, caffe"),
    "tea": ("beverage", "tea, teas, matcha, chai, té, thé, tè, chá"),
    "hot chocolate": ("beverage", "hot chocolate, hot cocoa, cocoa, chocolat chaud, heiße schokolade, kakao, cioccolata calda, chocolate quente, chocolate caliente"),
    "lemonade": ("beverage", "lemonade, lemonades, limonada, limonade, limonata"),
    "juice": ("beverage", "juice, juices, smoothie, smoothies, zumo, jugo, jus, saft, succo, suco"),
    "soda": ("beverage", "soft drink, boisson gazeuse, soda, sodas, cola, refresco, refrescos, limo, bibita, refrigerante"),
    "energy drink": ("beverage", "energy drink, energy drinks, bebida energética, boisson énergisante, energydrink"),
    "water": ("beverage", "sparkling water, water, agua, eau minérale, wasser, acqua, água, mineral"),
    "beer": ("beverage", "beer, beers, ipa, lager, ale, cerveza, cervezas, bière, bières, bier, biere, birra, birre, cerveja"),
    "wine": ("beverage", "wine, wines, vino, vinos, vin, vins, wein, weine, vini, vinho, vinhos, champagne, prosecco, cava"),
    "whisky": ("beverage", "whisky, whiskey, bourbon, scotch"),
    "gin": ("beverage", "gin, vodka, rum, tequila, mezcal, spirits, liquor, licor"),
    "kombucha": ("beverage", "kombucha"),
    "milk": ("beverage", "oat milk, oat drink, milk, leche, lait, milch, haferdrink, hafermilch, latte, leite"),
    "chocolate": ("food", "chocolate, chocolates, chocolat, schokolade, cioccolato"),
    "ice cream": ("food", "ice cream, ice-cream, gelato, helado, helados, glace, eis, sorvete"),
    "pizza": ("food", "pizza, pizzas, pizzeria, pizzería"),
    "burger": ("food", "burger, burgers, hamburger, hamburguesa, hamburguesas, hambúrguer"),
    "sushi": ("food", "sushi"),
    "tacos": ("food", "taco, tacos, taquería"),
    "bread": ("food", "bread, breads, loaf, sourdough, pan, pain, brot, pane, pão"),
    "croissant": ("food", "croissant, croissants, pastry, pastries, viennoiserie, bollería"),
    "cake": ("food", "cake, cakes, cupcake, cupcakes, pastel, pasteles, tarta, tartas, gâteau, gâteaux, kuchen, torte, torta, torte, bolo, bolos"),
    "cookies": ("food", "cookie, cookies, biscuits, galletas, biscuits, kekse, plätzchen, biscotti, biscoitos"),
    "donuts": ("food", "donut, donuts, doughnut, doughnuts, rosquillas, beignets, donas"),
    "snack": ("food", "snack, snacks, chips, crisps, granola bar, protein bar, barrita, aperitivo, bars, energy bar, "
                      "energy bars"),
    "cereal": ("food", "cereal, cereals, muesli, granola, cereales, céréales, müsli, cereali"),
    "honey": ("food", "honey, miel, honig, miele, mel"),
    "cheese": ("food", "cheese, cheeses, queso, fromage, käse, formaggio, queijo"),
    "olive oil": ("food", "olive oil, oil, aceite, huile, olio, azeite, extra virgin olive oil, olio extravergine, aceite de oliva virgen extra, aceite de oliva, huile d'olive, olio d'oliva, olivenöl, azeite"),
    "pasta": ("food", "pasta, pastas, noodles, ramen, fideos, pâtes, nudeln, massa"),
    "salad": ("food", "salad, salads, ensalada, salade, salat, insalata, salada"),
    "meal kit": ("food", "meal kit, meal kits, meals"),
    "sauce": ("food", "hot sauce, sauce, sauces, salsa, soße, salsa, molho"),
    "fruit": ("food", "fruit, fruits, apples, oranges, fruta, frutas, fruits, obst, frutta"),
    "pet food": ("pet", "dog food, cat food, pet food, comida para perros, kibble, treats, croquettes, hundefutter, katzenfutter, crocchette, ração"),
    # sports, outdoors, vehicles
    "e-bike": ("vehicle", "electric bike, electric bikes, bicicleta eléctrica, vélo électrique, bici elettrica, bicicleta elétrica, e-bike, e-bikes, ebike, ebikes, elektrofahrrad, pedelec"),
    "bicycle": ("vehicle", "bike, bikes, bicycle, bicycles, bicicleta, bicicletas, vélo, vélos, fahrrad, fahrräder, *rad, bici, bicicletta, biciclette"),
    # A kick scooter is not a motor scooter: "trottinette", "patinete", "monopattino" are pushed.
    "kick scooter": ("vehicle", "kick scooter, kick scooters, e-scooter, e-scooters, electric scooter, patinete, "
                                "patinetes, trottinette, trottinettes, monopattino, monopattini, tretroller, roller"),
    "scooter": ("vehicle", "scooter, scooters, moped, motorroller"),
    "suv": ("vehicle", "suv, suvs, 4x4, four-by-four, crossover, jeep, todoterreno, geländewagen"),
    "car": ("vehicle", "electric car, car, cars, sedan, ev, coche, coches, auto, autos, voiture, voitures, wagen, macchina, carro, carros, automóvel, pickup, truck"),
    "motorcycle": ("vehicle", "motorcycle, motorcycles, motorbike, moto, motos, motorrad, motocicleta"),
    "tires": ("vehicle", "tires, tyres, neumáticos, pneus, reifen, pneumatici"),
    "yoga mat": ("sports", "yoga mat, yoga mats, tapis de yoga, tappetino, tapete de yoga, mat, esterilla, yogamatte"),
    "dumbbells": ("sports", "dumbbell, dumbbells, weights, kettlebell, mancuernas, haltères, hanteln, manubri, halteres"),
    "tent": ("sports", "tienda de campaña, tent, tents, carpa, tente, zelt, tenda, barraca"),
    "helmet": ("sports", "helmet, helmets, casco, cascos, casque, helm, elmo, capacete"),
    "skateboard": ("sports", "skateboard, skateboards, patineta, monopatín, skate"),
    "surfboard": ("sports", "tabla de surf, planche de surf, tavola da surf, surfboard, surfboards, surfbrett, prancha"),
    "skis": ("sports", "ski, skis, esquís, esquí, sci"),
    "tennis racket": ("sports", "racket, rackets, raqueta, raquette, schläger, racchetta, raquete"),
    "football": ("sports", "football, soccer, ball, ball, balls, balón, pelota, ballon, fußball, pallone, bola"),
    "golf clubs": ("sports", "golf clubs, golf club, palos de golf"),
    "fishing rod": ("sports", "fishing rod, caña de pescar, canne à pêche, canna da pesca, angelrute"),
    "protein powder": ("sports", "protein powder, protein shake, whey, proteína, protéine, protein, proteine"),
    "guitar": ("product", "guitar, guitars, guitarra, guitare, gitarre, chitarra, violão"),
    "piano": ("product", "piano, pianos, keyboard, synth"),
    # services and places (products of a business)
    "bakery": ("food", "bakery, bakeries, bakehouse, bake shop, panadería, pastelería, boulangerie, pâtisserie, bäckerei, *bäckerei, konditorei, panificio, pasticceria, padaria, confeitaria"),
    "cafe": ("coffee", "coffee shop, cafe, café, cafés, coffeehouse, cafeteria, cafetería, caffetteria"),
    "restaurant": ("food", "restaurant, restaurants, bistro, bistrot, diner, trattoria, osteria, restaurante, restaurantes, ristorante"),
    "bar": ("beverage", "bar, pub, brewery, taproom, cervecería, brasserie, kneipe, brauerei, birreria, cervejaria"),
    "hotel": ("travel", "hotel, hotels, resort, resorts, inn, hostel, hôtel, hotel, albergo, pousada"),
    "gym": ("sports", "fitness studio, fitness club, salle de sport, gym, gyms, gimnasio, fitnessstudio, palestra, academia"),
    "yoga studio": ("sports", "yoga studio, yoga classes, yoga class, yoga"),
    "salon": ("beauty", "hair salon, salon de coiffure, salon, barbershop, barber, peluquería, friseur, parrucchiere, barbearia, spa, beauty salon, salão de beleza, salão, salón de belleza, salone di bellezza, institut de beauté, kosmetikstudio, cabeleireiro, cabeleireira, coiffeur, coiffeuse, friseursalon"),
    "dentist": ("service", "dental clinic, dental practice, dentist, dentists, dentista, dentiste, zahnarzt, zahnarztpraxis"),
    "clinic": ("service", "clinic, clinics, clínica, clinique, klinik, praxis, clinica"),
    "bank": ("service", "credit card, bank, banks, banking, card, account, savings, banco, banque, banca, conta, cuenta"),
    "insurance": ("service", "insurance, seguro, seguros, assurance, versicherung, assicurazione"),
    "flights": ("travel", "flight, flights, airline, airlines, vuelos, vols, flüge, voli, voos"),
    "trip": ("travel", "trip, trips, tour, tours, vacation, vacations, holiday, holidays, getaway, cruise, viaje, viajes, voyage, voyages, reise, reisen, viaggio, viaggi, viagem, viagens"),
    "course": ("learning", "online course, course, courses, class, lessons, curso, cursos, cours, kurs, kurse, corso, corsi"),
    "school": ("service", "school, schools, academy, escuela, école, schule, scuola, escola"),
    "store": ("product", "store, shop, boutique, tienda, magasin, laden, geschäft, negozio, loja"),
    "market": ("food", "farmers market, market, mercado, marché, markt, mercato, feira"),
    "cleaning service": ("service", "cleaning service, cleaning services, cleaners, cleaning business, house cleaning, window cleaning, carpet cleaning, maid service, limpieza, nettoyage, reinigung, pulizie, limpeza"),
    # trades: what people search for when something at home breaks ("fontanero urgente madrid")
    "plumber": ("service", "plumber, plumbers, plumbing, emergency plumber, fontanero, fontaneros, fontanería, plombier, plombiers, plomberie, klempner, sanitärinstallateur, idraulico, idraulici, encanador, canalizador"),
    "electrician": ("service", "electrician, electricians, electrical services, electricista, électricien, elektriker, elettricista, eletricista"),
    "locksmith": ("service", "locksmith, locksmiths, cerrajero, cerrajería, serrurier, serrurerie, schlüsseldienst, fabbro, chaveiro, serralheiro"),
    "movers": ("service", "movers, moving company, removals, removal company, mudanzas, déménagement, déménageurs, umzugsfirma, umzugsservice, traslochi, mudanças"),
    "landscaping": ("service", "landscaping, landscaper, landscapers, lawn care, lawn service, jardinería, paysagiste, gartenbau, giardinaggio, jardinagem"),
    "handyman": ("service", "handyman, handymen, manitas, homme à tout faire, hausmeisterservice, tuttofare, faz-tudo"),
    "pest control": ("service", "pest control, exterminator, exterminators, control de plagas, dératisation, schädlingsbekämpfung, disinfestazione, dedetização"),
    "pet grooming": ("pet", "dog grooming, pet grooming, dog groomer, dog groomers, grooming salon, peluquería canina, toilettage, toiletteur, hundesalon, hundefriseur, toelettatura, banho e tosa"),
    "dog walking": ("pet", "dog walking, dog walker, dog walkers, pet sitting, pet sitter, dog sitter, paseador de perros, promeneur de chiens, gassi-service, dog sitter, passeggiate per cani, passeador de cães"),
    "car repair": ("service", "car repair, auto repair, auto shop, car service, mot, taller mecánico, garage automobile, autowerkstatt, kfz-werkstatt, officina meccanica, oficina mecânica"),
    "law firm": ("service", "law firm, attorney, attorneys, solicitor, solicitors, bufete, abogado, abogados, cabinet d'avocats, avocat, rechtsanwalt, kanzlei, anwaltskanzlei, studio legale, avvocato, escritório de advocacia, advogado"),
    "physiotherapy": ("health", "physiotherapy, physio, physiotherapist, physical therapy, chiropractor, chiropractic, osteopath, fisioterapia, fisioterapeuta, kinésithérapeute, kiné, ostéopathe, physiotherapie, physiotherapeut, fisioterapista, quiropráctico"),
    "veterinarian": ("pet", "vet clinic, veterinarian, veterinary clinic, animal hospital, veterinario, clínica veterinaria, vétérinaire, clinique vétérinaire, tierarzt, tierarztpraxis, veterinário"),
    "driving school": ("learning", "driving school, driving lessons, driving instructor, autoescuela, auto-école, fahrschule, autoscuola, autoescola"),
    "roofing": ("service", "roofing, roofer, roof repair, roof repairs, techado, couvreur, dachdeckerei, lattoniere, telhados"),
    "hvac": ("service", "hvac, heating and cooling, air conditioning repair, furnace repair, boiler repair, boiler service, calefacción, chauffagiste, heizungsbau, caldaie"),
    "delivery": ("service", "delivery, deliveries, reparto, livraison, lieferdienst, consegna, entrega"),
    "newsletter": ("app", "newsletter, podcast, podcasts"),
    "studio": ("service", "studio, studios, estudio, atelier"),
    "agency": ("service", "agency, agencies, agencia, agence, agentur, agenzia, agência"),
    "museum": ("service", "museum, museums, museo, musée, museu"),
    "cinema": ("service", "movie theater, cinema, cinemas, cine, cinéma, kino"),
    "festival": ("event", "festival, festivals"),
    "toothbrush": ("beauty", "toothbrush, toothbrushes, toothpaste, cepillo de dientes, brosse à dents, zahnbürste, spazzolino, escova de dentes"),
    "mouse": ("tech", "mouse, gaming mouse, ratón, souris, maus, mouse"),
    "harness": ("pet", "harness, leash, collar for dogs, dog collar, arnés, harnais, geschirr, pettorina, coleira"),
    "bedding": ("home", "bedding, bedding set, sheets, duvet, duvet cover, ropa de cama, linge de lit, bettwäsche, biancheria da letto, roupa de cama"),
    "crayons": ("kids", "crayons, crayon, markers, colored pencils, ceras, crayons de couleur, buntstifte, pastelli, giz de cera"),
    "mortgage": ("service", "mortgage, mortgages, home loan, hipoteca, prêt immobilier, hypothek, mutuo, hipoteca"),
    "flour": ("food", "flour, harina, farine, mehl, farina, farinha"),
    "cooler": ("sports", "cooler, coolbox, cool box, nevera portátil, glacière, kühlbox, borsa frigo, caixa térmica"),
    "jersey": ("sports", "jersey, cycling jersey, maillot, trikot, maglia, camisola"),
    "teapot": ("drinkware", "teapot, teapots, tetera, théière, teekanne, teiera, bule"),
    "subscription": ("service", "subscription, membership, plan, suscripción, abonnement, abo, abbonamento, assinatura"),
    "pillowcase": ("home", "pillowcase, silk pillowcase"),
    "coconut water": ("beverage", "coconut water, agua de coco, eau de coco, kokoswasser, acqua di cocco, água de coco"),
    "glasses": ("fashion", "glasses, eyeglasses, frames, gafas graduadas, lunettes de vue, brille, occhiali da vista, óculos de grau"),
    # more everyday products
    "hearing aids": ("health", "hearing aids, hearing aid, audífonos, audífono, appareils auditifs, appareil auditif, hörgeräte, hörgerät, *hörgerät, apparecchi acustici, apparecchio acustico, aparelhos auditivos, aparelho auditivo"),
    "contact lenses": ("health", "contact lenses, lentillas, lentilles, kontaktlinsen, lenti a contatto, lentes de contato"),
    "vitamins": ("health", "vitamins, supplements, multivitamin, vitaminas, suplementos, vitamines, compléments, vitamine, nahrungsergänzung, integratori"),
    "deodorant": ("beauty", "deodorant, desodorante, déodorant, deo, deodorante, desodorizante"),
    "razor": ("beauty", "razor, razors, shaver, maquinilla, rasoir, rasierer, rasoio, barbeador, lâmina"),
    "washing machine": ("home", "washing machine, washer, lavadora, lave-linge, waschmaschine, lavatrice, máquina de lavar"),
    "fridge": ("home", "fridge, refrigerator, nevera, frigorífico, réfrigérateur, frigo, kühlschrank, frigorifero, geladeira"),
    "grill": ("kitchen", "grill, bbq, barbecue, barbacoa, parrilla, *grill, griglia, churrasqueira"),
    "board game": ("kids", "board game, board games, card game, puzzle, puzzles, juego de mesa, jeu de société, brettspiel, *spiel, gioco da tavolo, jogo de tabuleiro"),
    "vinyl": ("product", "vinyl, vinyl record, vinyl records, lp, disco de vinilo, vinyle, schallplatte, vinile, vinil"),
    "kayak": ("sports", "kayak, kayaks, canoe, paddle board, paddleboard, sup, kajak, caiaque, canoa"),
    "sleeping bag": ("sports", "sleeping bag, saco de dormir, sac de couchage, schlafsack, sacco a pelo"),
    "solar panels": ("home", "solar panels, solar panel, paneles solares, panneaux solaires, solarmodule, *solar, pannelli solari, painéis solares, heat pump, bomba de calor, pompe à chaleur, wärmepumpe"),
    "fitness tracker": ("tech", "fitness tracker, activity tracker, smart ring, pulsera de actividad, bracelet connecté, fitnesstracker"),
    "microphone": ("tech", "microphone, micrófono, micro, mikrofon, microfono, microfone"),
    "tools": ("home", "drill, power tools, lawn mower, mower, herramientas, taladro, cortacésped, outils, perceuse, werkzeug, *werkzeug, bohrmaschine, rasenmäher, attrezzi, trapano, ferramentas, furadeira"),
    "garden shears": ("home", "garden shears, pruning shears, secateurs, scissors, tijeras, ciseaux, sécateur, *schere, forbici, cesoie, tesoura"),
    "spice mix": ("food", "spice mix, spices, seasoning, rub, especias, condimento, épices, assaisonnement, *gewürz, gewürzmischung, *mischung, spezie, condimento, temperos, tempero"),
    "tattoo studio": ("service", "tattoo studio, tattoo, tattoos, tattoo shop, estudio de tatuajes, tatuajes, salon de tatouage, tatouage, *tattoo, tattoostudio, studio di tatuaggi, tatuaggi, estúdio de tatuagem, tatuagem"),
    "photography": ("service", "photography, photographer, photo shoot, fotografía, photographie, fotografie, fotografia, fotógrafo"),
    "lessons": ("service", "lessons, tutoring, piano lessons, clases particulares, cours particuliers, nachhilfe, unterricht, lezioni, aulas"),
    "accounting": ("service", "accounting, bookkeeping, tax preparation, taxes, contabilidad, comptabilité, buchhaltung, steuerberatung, contabilità, contabilidade"),
    "software": ("app", "software, crm, saas, logiciel"),
    "dog toys": ("pet", "dog toy, dog toys, chew toy, cat toy, cat litter, litter, aquarium, pet bed, juguete para perros, jouet pour chien, hundespielzeug, gioco per cani, brinquedo para cachorro"),
    # everyday kinds the briefs name that the lists above missed (each in the six languages)
    "cider": ("beverage", "cider, ciders, hard cider, sidra, cidre, apfelwein, cidro, sidro, sidra"),
    "liqueur": ("beverage", "limoncello, amaro, liqueur, liqueurs, cachaça, grappa, licor de hierbas, likör, liquore, licor"),
    "baby monitor": ("kids", "baby monitor, vigilabebés, babyphone, baby monitor, monitor de bebé, babá eletrônica"),
    "bassinet": ("kids", "bassinet, crib, cot, moisés, cuna, berceau, lit bébé, beistellbett, babybett, culla, berço"),
    "cutting board": ("kitchen", "cutting board, chopping board, butcher block, tabla de cortar, planche à découper, schneidebrett, tagliere, tábua de corte"),
    "mixing bowls": ("kitchen", "mixing bowls, mixing bowl, bowls, salad bowl, ensaladera, saladier, schüssel, insalatiera, tigela"),
    "tiles": ("home", "tiles, floor tiles, wall tiles, peel-and-stick tiles, azulejos, baldosas, carrelage, fliesen, piastrelle, ladrilhos"),
    "record player": ("audio", "record player, turntable, turntables, tocadiscos, platine vinyle, plattenspieler, giradischi, toca-discos"),
    "projector": ("tech", "projector, mini projector, proyector, projecteur, vidéoprojecteur, proiettore, projetor"),
    "air purifier": ("home", "air purifier, air purifiers, purificador de aire, purificateur d'air, luftreiniger, purificatore d'aria, purificador de ar"),
    "camp stove": ("sports", "camp stove, camping stove, hornillo, réchaud, campingkocher, fornelletto da campeggio, fogareiro"),
    "gloves": ("fashion", "gloves, glove, mittens, guantes, gants, handschuhe, guanti, luvas"),
    "goggles": ("sports", "goggles, swim goggles, ski goggles, gafas de natación, lunettes de natation, schwimmbrille, occhialini, óculos de natação"),
    "lantern": ("home", "lantern, lanterns, farol, linterna, lanterne, laterne, lanterna"),
    "yarn": ("home", "yarn, wool yarn, knitting yarn, ovillo, lana para tejer, pelote de laine, strickgarn, gomitolo, filato, novelo, lã"),
    "calendar": ("product", "calendar, wall calendar, planner, calendario, agenda, calendrier, kalender, planer, calendário"),
    "gummies": ("health", "gummies, gummy, vitamin gummies, gominolas, gommes, fruchtgummi, caramelle gommose, gomas"),
    "compost": ("home", "compost, potting soil, compost bin, sustrato, terreau, blumenerde, kompost, terriccio, composto, adubo"),
    "base layer": ("sports", "base layer, base layers, thermal layer, camiseta térmica, sous-couche, funktionsshirt, maglia termica, segunda pele"),
    "spray": ("beauty", "room spray, pillow spray, sleep spray, face mist, spray, bruma, brume, raumspray, spray per ambienti"),
    "dumplings": ("food", "dumplings, dumpling, gyoza, empanadillas, raviolis chinois, teigtaschen, ravioli cinesi, pastel"),
    "ice cream shop": ("food", "gelateria, ice cream shop, ice cream parlour, heladería, glacier, eisdiele, eiscafé, sorveteria"),
    "cheese shop": ("food", "fromagerie, cheese shop, cheesemonger, käseladen"),
    "pastry shop": ("food", "pastelaria, patisserie, tea room, salón de té, salon de thé, pasticceria, doceria"),
    "farm": ("food", "farm, farms, farm stand, farm shop, granja, finca agrícola, ferme, bauernhof, hofladen, fattoria, fazenda, quinta"),
    "holiday home": ("travel", "agriturismo, casa rural, gîte, ferienwohnung, ferienwohnungen, holiday cottage, vacation rental, holiday home, turismo rural, alojamento local"),
    "campsite": ("travel", "campsite, campground, glamping, campingplatz, campeggio, parque de campismo"),
    "villa": ("travel", "villa, villas, holiday villa, chalet, cabin, cabaña, cabane, baita, cabana"),
    "coworking space": ("service", "coworking, coworking space, co-working, espacio de coworking, espace de coworking, büro-space, spazio coworking"),
    "self storage": ("service", "self storage, storage units, storage unit, trasteros, garde-meubles, lagerraum, self-storage, depósito"),
    "swimming pool": ("sports", "swimming pool, pool, lido, piscina, piscine, schwimmbad, freibad, hallenbad"),
    "daycare": ("service", "day nursery, nursery, daycare, preschool, guardería, crèche, kita, kindergarten, asilo nido, creche"),
    "bootcamp": ("learning", "bootcamp, boot camp, coding bootcamp, summer camp, day camp, campamento, colonie de vacances, feriencamp, campo estivo, colônia de férias"),
    "clear aligners": ("health", "clear aligners, aligners, invisalign, ortodoncia invisible, aligneurs, aligner, allineatori, alinhadores"),
    # events are what an event ad sells
    "workshop": ("learning", "workshop, workshops, masterclass, master class, taller, talleres, atelier, ateliers, workshop, laboratorio, oficina de"),
    "tasting": ("food", "tasting, tastings, wine tasting, degustación, dégustation, verkostung, degustazione, degustação"),
    "conference": ("event", "conference, conferences, congreso, conférence, konferenz, conferenza, conferência"),
    "webinar": ("learning", "webinar, webinars, webinaire, webinario, seminario web, online-seminar"),
    "concert": ("event", "concert, concerts, gig, concierto, konzert, concerto"),
    "meetup": ("event", "meetup, meetups, meet-up"),
    "race": ("sports", "race, races, marathon, 5k, 10k, half marathon, carrera, maratón, course à pied, marathon, lauf, gara, maratona, corrida"),
}

# Words that qualify the product and stay in its name ("cast iron skillet", "craft lemonade").
MODIFIERS: frozenset[str] = frozenset("""
ev led usb tv pc gps suv uv hd nfc oled lcd ssd hdmi anc diy bbq rgb wifi wi-fi 5g
leather cast iron ceramic wooden wood bamboo glass steel stainless titanium gold golden silver copper
cotton linen wool cashmere silk denim suede canvas velvet marble stone concrete vegan organic craft
handmade handcrafted artisan artisanal small-batch homemade wireless bluetooth noise-cancelling
noise-free noise-cancelling electric smart portable foldable waterproof ergonomic mechanical
cold iced hot sparkling still decaf instant espresso oat almond plant-based gluten-free sugar-free
dark milk white red rosé sourdough spicy sweet fresh frozen natural mineral study meditation fitness
running trail hiking road mountain city kids baby men's women's mens womens 4k hd ultra pro mini max
lite plus air sport sports vintage retro classic luxury premium limited signature everyday travel
budgeting language dating banking food delivery grocery photo video music note-taking productivity
window gaming stacking yoga coffee dog cat pet baby face hair body eye lip bath bathroom garden desk
phone laptop car bike water wine beer tea energy training ski surf golf tennis fishing hiking climbing
rain sun sleep work school gift winter summer kitchen camping outdoor indoor wall floor night day
""".split())

# English nouns that make a compound with the noun before them, and are then the thing sold:
# "laptop *stand*", "car *wash*", "phone *case*", "wine *glasses*", "dog *bed*".
COMPOUND_HEADS: frozenset[str] = frozenset("""
stand stands holder holders case cases cover covers wash rack racks mount mounts bag bags mat mats
kit kits bed beds bowl bowls leash leashes collar collars charger chargers sleeve sleeves strap straps
seat seats cleaner cleaners polish wax shampoo spray treats toy toys insurance rental rentals repair
repairs subscription box boxes lamp lamps tray trays mug mugs glasses opener openers tent tents pump
pumps lock locks mirror mirrors dock docks hub hubs adapter adapters cable cables tracker trackers
organizer organiser organizers organisers carrier carriers harness harnesses charm charms rug rugs
sitting sitter walking grooming detailing cleaning delivery tours tour lessons classes class camp
""".split())

# Words that are never the product itself, whatever position they take.
NOT_PRODUCT: frozenset[str] = frozenset("""
ad ads advert advertisement commercial spot video clip promo teaser campaign reel story tiktok
instagram youtube social post brief something stuff thing things people person friends family
couple kids students team everyone customers users fans launch sale discount offer event opening
style vibe vibes look mood feel aesthetic tone way day days night nights morning evening summer
winter spring autumn fall weekend week month year time moment moments life lifestyle world city
beach campfire sunset sunrise dawn anuncio vídeo publicidad publicité annonce vidéo werbung spot
pubblicità annuncio anúncio comercial all everything our new the
""".split())

# Where a lifestyle beat happens: English setting -> comma-separated words and phrases.
SETTINGS: dict[str, str] = {
    "campfire": "feu de camp, fire pit, campfire, campfires, bonfire, camping, campsite, camp, fogata, hoguera, lagerfeuer, falò, fogueira, acampamento",
    "beach": "beach, beaches, seaside, shore, coast, ocean, sea, surf, playa, plage, strand, spiaggia, praia, mar, sailboat, sailing, yacht, velero, voilier, segelboot, veleiro, barca a vela, barco a vela",
    "mountain": "mountain, mountains, trail, trails, hike, hiking, summit, alps, peak, montaña, montagne, berg, berge, montagna, montanha, sendero, randonnée, wandern",
    "mountain road": "carretera de montaña, route de montagne, mountain roads, mountain road, winding road, country road, scenic road",
    "city": "city, cities, downtown, street, streets, skyline, urban, rooftop, ciudad, ville, stadt, città, cidade, calle, rue",
    "cafe": "coffee shop, cafe, café, coffeehouse, cafetería, caffè, cafeteria",
    "kitchen": "kitchen, kitchens, cocina, cuisine, küche, cucina, cozinha, breakfast, desayuno, petit-déjeuner, frühstück, colazione, café da manhã, pequeno-almoço",
    "office": "office, offices, workplace, coworking, desk, oficina, bureau, büro, ufficio, escritório",
    "park": "park, parks, picnic, pitch, playing field, football pitch, court, playground, campo, terrain, cancha, garden, gardens, parque, jardín, parc, jardin, garten, giardino, jardim",
    "forest": "forest, forests, woods, woodland, bosque, forêt, wald, bosco, floresta",
    "lake": "lake, lakes, river, lakeside, lago, lac, rio",
    "gym": "gym, gimnasio, salle de sport, fitnessstudio, palestra, academia, workout, locker room, changing room, "
           "vestuario, vestuarios, vestiaire, vestiaires, umkleide, umkleidekabine, spogliatoio, spogliatoi, vestiário",
    "living room": "living room, home, couch, sofa, salón, salon, wohnzimmer, soggiorno, sala, casa, maison, zuhause",
    "bedroom": "camera da letto, bedroom, bed, dormitorio, chambre, schlafzimmer, quarto",
    "snow": "snow, snowy, snow-covered, ski, slope, slopes, winter, cabin, nieve, nevado, neige, enneigé, enneigée, schnee, verschneit, verschneiten, neve, innevato, innevata, nevado, inverno, invierno, hiver",
    "desert": "desert, desierto, désert, wüste, deserto",
    "concert": "concert, concerts, festival, gig, stage, concierto, konzert, concerto, show",
    "restaurant": "restaurant, dinner, table, tables, bistro, restaurante, ristorante, jantar, cena, dîner, abendessen, tasca, trattoria, osteria, brasserie, taberna, tapas, pub, pubs, gastropub, tavern, taproom, brewpub, sunday roast, kneipe, steakhouse, pizzeria, enoteca, wine bar",
    "classroom": "salle de classe, classroom, school, campus, library, aula, klassenzimmer, biblioteca, bibliothèque, bibliothek",
    "road": "road trip, road, highway, commute, carretera, route, autobahn, strada, estrada",
    "pool": "pool, poolside, piscina, piscine, schwimmbad",
    "garden": "backyard, garden, patio, terrace, terrace, balcony, terraza, terrasse, balkon, balcón, balcone, varanda, sacada, barbecue, bbq, grillabend, grillparty, asado, churrasco, grigliata",
}

# Where people doing something usually are, when the brief does not say: surfers are at the
# beach, skiers in the snow. Only used when no setting word is found.
IMPLIED_SETTINGS: dict[str, str] = {
    "beach": "surfer, surfers, surfing, surf session, bodyboarders, beach volleyball, surfistas, surfeurs, surfeuses, "
             "surfen, surfisti, surfando, kitesurfers, paddleboarders, stand-up paddle",
    "snow": "skier, skiers, skiing, snowboarder, snowboarders, snowboarding, ski patrol, esquiadores, esquiando, skieurs, "
            "skifahrer, skifahrerin, langlauf, sciatori, sciando, esquiadores",
    "mountain": "hiker, hikers, hiking, trekking, climbers, climbing, mountaineers, senderistas, senderismo, "
                "randonneurs, randonnée, wanderer, wandern, bergsteiger, escursionisti, escursione, trilheiros, trilha",
    "pool": "swimmers, swimming laps, nadadores, nageurs, schwimmer, nuotatori",
    "road": "cyclists, road cyclists, cycling, bike ride, ciclistas, cyclistes, radfahrer, ciclisti, road trip",
    "park": "joggers, jogging, runners, picnic, picnickers, corredores, coureurs, läufer, jogger, pique-nique, picknick",
    "lake": "fishermen, fisherman, anglers, fishing, kayakers, kayaking, canoeing, pescadores, pêcheurs, angler, "
            "pescatori, pescando",
    "forest": "campers, camping trip, camping, campistas, campeurs, camper, campeggio, acampamento",
    "garden": "gardeners, gardening, jardineros, jardiniers, gärtner, giardinieri, jardinagem",
    "kitchen": "cooking, baking, home cooks, bakers at home, cocinando, cuisinent, kochen, cucinando, cozinhando",
    "office": "coworkers, colleagues at work, office workers, oficinistas, collègues de bureau, kollegen im büro",
}

PEOPLE: dict[str, str] = {
    "friends": "friends, friend, buddies, crew, group, everybody, everyone, todos, tout le monde, alle, tutti, todo mundo, galera, girls, guys, teens, teenagers, roommates, bridesmaids, book club, amigos, amigas, amis, amies, freunde, freundinnen, amici, amiche, squad, besties, bestie, mates, pals, gang, potes, copains, copines, ados, adolescents, collégiens, lycéens, chavales, compañeras, garotos, garotas, meninas, meninos, menina, menino, moça, moças, rapazes, kumpels, clique, mitbewohner, mitbewohnerin, wg, studis, ragazzini, adolescenti",
    "family": "family, families, famille, en famille, familles, parents, kids, children, mom, dad, grandmother, grandfather, grandma, grandpa, granddaughter, grandson, nonna, abuela, abuelo, mamie, oma, opa, avó, avô, familia, familias, familie, famiglia, família, padres, niños, enfants, kinder, bambini, crianças, papa, maman, papá, mamá, papai, mamãe, bimbi, peques, nenes",
    "couple": "couple, couples, lovers, newlyweds, bride, groom, wedding, pareja, couple, paar, coppia, casal",
    "students": "students, student, studying, classmates, estudiantes, étudiants, studenten, studierende, studenti, estudantes",
    "team": "team, teams, coworkers, colleagues, employees, office workers, equipo, équipe, kollegen, squadra, equipe, colleghi, colleghe, collègues, colegas, compañeros, kolleginnen, teammates, mannschaft, spieler, spielerinnen, handballerinnen, fußballer, fußballerinnen, jogadores, jogadoras, jugadores, jugadoras, giocatori, giocatrici, joueurs, joueuses",
    "kids": "kid, toddler, toddlers, baby, babies, bebé, bébé, baby, bambino, bebê",
    "runner": "runner, runners, jogger, joggers, corredores, coureurs, coureuse, läuferin, corridori, corredor, coureur, läufer, corridore, corredora",
    "cyclist": "cyclist, cyclists, rider, riders, biker, bikers, ciclista, ciclistas, ciclisti, cycliste, cyclistes, radfahrer, radfahrerin",
    "athlete": "athlete, athletes, player, players, lifters, lifter, skaters, skater, surfers, surfer, climbers, climber, hikers, hiker, backpackers, swimmers, dancers, yogis, atleta, athlète, sportler",
    "person": "woman, women, man, men, person, people, someone, guy, guys, lady, ladies, folks, young guy, young woman, groomer, truckers, trucker, driver, drivers, bellboy, waiter, barista, baker, bakers, farmer, farmers, fisherman, chef, chefs, cook, cooks, tourists, tourist, travellers, backpacker, nurse, nurses, doctor, teacher, teachers, worker, workers, builder, builders, mechanic, gardener, beekeeper, photographer, musician, musicians, dancer, singer, neighbours, neighbors, locals, customers, commuters, pendler, apiculteur, mariés, turistas, ragazzi, ragazze, galera, gente, personas, persone, pessoas, leute, menschen, gens, jóvenes, giovani, jovens, jugendliche, kunden, clientes, clienti, vecinos, voisins, nachbarn, vicini, vizinhos, mulheres, hommes, femmes, frauen, männer, donne, uomini, mujeres, hombres, commuter, commuters, traveler, travelers, owner, dog owner, chef, nurse, artist, gamer, gamers, mother, father, dad, mom, boy, girl, mujer, hombre, femme, homme, frau, mann, donna, uomo, mulher, homem, designer, designers, architect, architects, accountant, accountants, lawyer, lawyers, engineer, engineers, developer, developers, programmer, coder, founder, founders, entrepreneur, entrepreneurs, freelancer, freelancers, manager, managers, intern, interns, receptionist, cashier, clerk, pharmacist, dentist, veterinarian, paramedic, firefighter, firefighters, police officer, soldier, sailor, sailors, fishermen, fishers, boxer, boxers, carpenter, carpenters, plumber, plumbers, electrician, electricians, welder, welders, roofer, roofers, painter, painters, potter, artists, writer, writers, author, student nurse, retiree, retirees, pensioner, pensioners, seniors, elderly, grandparents, grandkids, grandchildren, mum, mums, moms, dads, son, daughter, sons, daughters, brother, brothers, sister, sisters, siblings, twins, cousins, uncle, aunt, husband, wife, boyfriend, girlfriend, bride-to-be, newborn, teen, teenager, boys, girls, youngsters, pickers, warehouse workers, crew members, volunteers, crowd, campers, climbers, skiers, snowboarders, paddlers, rowers, golfers, shoppers, diners, patrons, passengers, hiker, gardeners, beekeepers, farmhands, ranchers, cowboys, shepherd, monks, diseñador, diseñadora, arquitecta, contable, contadora, abogada, ingeniera, médica, enfermera, enfermeras, maestra, maestro, profesora, profesor, marineros, pescadores, pescador, agricultor, agricultores, jubilados, jubilada, abuelos, nietos, nieta, nieto, hermanos, hermanas, madre, padre, hijos, hija, hijo, chicos, chicas, chavos, señora, señor, cocinera, camarero, camarera, graphiste, architecte, comptable, avocate, infirmière, infirmier, infirmières, médecin, institutrice, professeur, professeure, marins, pêcheurs, pêcheur, agriculteur, agricultrice, retraités, retraitée, grands-parents, grands-pères, grand-père, grand-mère, petits-enfants, frères, sœurs, mère, père, fille, filles, garçons, jeunes, étudiante, étudiant, cuisinier, serveuse, serveur, randonneurs, randonneuse, randonneur, grimpeurs, skieurs, famille entière, mutter, vater, eltern, großeltern, enkel, enkelin, kinder, tochter, sohn, geschwister, bruder, schwester, rentner, rentnerin, rentnerpaar, senioren, pendlerin, studentin, schülerin, schüler, lehrerin, lehrer, ärztin, arzt, pflegerin, krankenschwester, handwerker, handwerkerin, dachdecker, dachdeckerin, tischler, tischlerin, schreiner, bäckerin, bäcker, köchin, koch, kellnerin, kellner, fischer, bauer, bäuerin, landwirt, geschäftsmann, geschäftsfrau, wanderer, wanderin, skifahrer, bergsteiger, nonno, nonni, nipote, nipoti, mamma, papà, genitori, figli, figlia, figlio, fratelli, sorelle, anziani, pensionati, pescatore, pescatori, contadino, contadini, infermiera, medico, insegnante, cuoco, cuoca, cameriere, cameriera, studentessa, studente, escursionisti, sposi, noivos, noiva, noivo, avós, netos, neta, neto, irmãos, irmãs, mãe, pai, filhos, filha, filho, homens, aposentados, aposentada, enfermeira, professora, professor, cozinheira, garçom, garçonete, adolescentes, peões, surfistas, trilheiros, members, instructor, instructors, homeowner, homeowners, operai, operaio, operários, obreros, ouvriers, arbeiter, pärchen, ragazza, ragazzo, chica, chico, mädchen, junge, cane, cani, señoras, señores, abuelas, abuelos, vovó, vovô, idosos, ancianos, personnes âgées, senioren, anziani, pensionistas, saisonniers, saisonnier, vendangeurs, vignerons, vigneron, winzer, winzerin, handwerker, handwerksmeister, handwerksmeisterin, agricoltore, agricoltori, contadini, cozinheiro, cozinheira, cocinero, cocinera, jardinero, surfista, surfistas, dog, dogs, puppy, puppies, cat, cats, kitten, kittens, perro, perros, perrito, gato, gatos, chien, chiens, chiot, hund, hunde, dackel, welpe, katze, katzen, gatto, gatti, cagnolino, cão, cães, cachorro, cachorros, horse, horses, caballo, cheval, pferd, cavallo, cavalo, skateur, skateurs, skateuse, skateboarder, skateboarders, surfeur, surfeurs, surfeuse, turisti, touristes, invités, guests, ospiti, invitados, convidados, gäste, fans, tifosi, supporters, hinchas, torcedores, aficionados, senhoras, senhores",
}

# People whose trade is what a brief sells when the brief opens on one of them, with no article:
# "abogada laboralista", "Plombier chauffagiste" name the business, not someone in a scene.
TRADES = """lawyer attorney solicitor accountant bookkeeper plumber electrician dentist
physio physiotherapist chiropractor osteopath vet veterinarian tutor photographer architect notary translator
therapist psychologist nutritionist dietitian locksmith handyman roofer painter decorator gardener landscaper
abogado abogada contable contador contadora fontanero electricista dentista fisioterapeuta veterinario
veterinaria fotógrafo fotógrafa arquitecto arquitecta psicólogo psicóloga nutricionista traductor traductora
avocat avocate comptable plombier électricien dentiste kiné kinésithérapeute ostéopathe vétérinaire photographe
architecte notaire traducteur traductrice psychologue diététicienne
anwalt anwältin rechtsanwalt rechtsanwältin steuerberater steuerberaterin buchhalter klempner elektriker zahnarzt
zahnärztin physiotherapeut physiotherapeutin tierarzt tierärztin fotograf fotografin architekt architektin notar
avvocato avvocata commercialista contabile idraulico elettricista fisioterapista fotografo fotografa architetto
notaio psicologo psicologa
advogado advogada contabilista encanador eletricista fisioterapeuta fotógrafo arquiteto arquiteta psicóloga"""

TIME_OF_DAY: dict[str, str] = {
    "night": "night, nights, tonight, evening, midnight, starry, stars, moonlight, noche, nuit, nacht, notte, noite, soirée, abend, sera",
    "dawn": "dawn, sunrise, morning, mornings, daybreak, amanecer, mañana, aube, matin, morgen, mattina, alba, manhã, madrugada",
    "golden_hour": "coucher de soleil, golden hour, pôr do sol, sunset, dusk, atardecer, sonnenuntergang, tramonto",
    "day": "sunny, afternoon, daylight, midday, noon, sunshine, soleado, ensoleillé, sonnig, soleggiato, ensolarado",
}

# Drinks of the beverage category that are served hot, unless the brief says iced or cold.
HOT_DRINKS = frozenset(("tea", "hot chocolate"))
COLD_WORDS = ("iced", "ice", "cold", "chilled", "frozen", "helado", "fría", "frío", "glacé", "glacée", "froid", "eistee",
              "kalt", "freddo", "fredda", "gelado", "gelada")

# Weather falling in the scene: drawn as rain or snow in front of an outdoor setting, on the
# window indoors. Snow lying on the ground is a setting ("snow"), not weather: only falling snow is.
WEATHER: dict[str, str] = {
    "rain": "rain, rainy, raining, rainfall, rainstorm, drizzle, drizzly, downpour, thunderstorm, wet weather, "
            "lluvia, lluvioso, lluviosa, lloviendo, llueve, llovizna, pluie, pluvieux, pluvieuse, il pleut, bruine, averse, "
            "regen, regnerisch, regnerischen, regnerischer, regentag, es regnet, nieselregen, pioggia, piovoso, piovosa, "
            "piove, pioggerella, temporale, chuva, chuvoso, chuvosa, chovendo, chuvisco, garoa, tempestade",
    "snow": "snowing, snowfall, falling snow, snow falling, snow falls, snow is falling, first snow, nieve cayendo, cae la nieve, snowflakes, snowflake, snowstorm, blizzard, nevando, "
            "copos de nieve, il neige, neige qui tombe, flocons, flocons de neige, schneefall, es schneit, schneeflocken, "
            "schneegestöber, nevica, nevicata, nevicate, fiocchi di neve, flocos de neve",
}

ACTIVITIES: tuple[str, ...] = (
    "laughing", "sharing", "studying", "working", "cooking", "running", "riding", "cycling", "hiking",
    "camping", "dancing", "relaxing", "reading", "playing", "surfing", "swimming", "training", "commuting",
    "traveling", "travelling", "eating", "drinking", "celebrating", "gaming", "painting", "walking",
    "exploring", "skating", "skiing", "shopping", "picnicking",
    # The same moments in the other five languages: a scene is a lifestyle ad in any of them.
    "riendo", "compartiendo", "cocinando", "bailando", "paseando", "viajando", "celebrando", "brindando",
    "rient", "riant", "partageant", "dansant", "cuisinant", "voyageant", "trinquent", "randonnée", "pique-nique",
    "lachen", "lachend", "tanzen", "kochen", "feiern", "wandern", "picknick", "grillen", "anstoßen",
    "ridono", "ridendo", "ballano", "cucinando", "brindano", "festeggiano", "passeggiata",
    "rindo", "dançando", "cozinhando", "brindando", "comemorando", "passeando", "trilha", "caminhada",
)

# Aesthetic words, strongest first.
AESTHETICS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("rugged", ("rugged", "rustic", "outdoorsy", "tough", "durable", "handcrafted", "handmade", "workwear",
                "heavy-duty", "robusto", "robuste", "robust", "artisan", "artisanal", "raw", "earthy")),
    ("luxury", ("luxury", "luxurious", "premium", "high-end", "opulent", "lujo", "lujoso", "luxe", "luxueux",
                "luxus", "luxuriös", "lusso", "lussuoso", "luxo", "luxuoso", "exclusive", "prestige")),
    ("elegant", ("elegant", "elegante", "élégant", "élégante", "refined", "sophisticated", "classy", "chic",
                 "raffiniert", "raffinato", "sofisticado", "sofisticato")),
    ("futuristic tech", ("futuristic", "futurista", "futuriste", "futuristisch", "cyber", "cyberpunk",
                         "high-tech", "techy", "sci-fi", "neon")),
    ("playful", ("playful", "fun", "colorful", "colourful", "quirky", "cheerful", "whimsical", "divertido",
                 "divertida", "ludique", "amusant", "verspielt", "bunt", "giocoso", "divertente", "colorato",
                 "divertido", "colorido", "bright", "kids")),
    ("natural organic", ("natural", "organic", "eco", "eco-friendly", "sustainable", "green", "botanical",
                         "plant-based", "vegan", "orgánico", "ecológico", "sostenible", "bio", "biologique",
                         "écologique", "durable", "nachhaltig", "ökologisch", "biologico", "sostenibile",
                         "orgânico", "sustentável", "zero-waste", "recycled")),
    ("vintage", ("vintage", "retro", "rétro", "nostalgic", "heritage", "timeless", "classic", "clásico",
                 "classique", "klassisch", "classico", "clássico", "old-school", "atemporal", "intemporel",
                 "zeitlos", "senza tempo")),
    ("bold", ("bold", "energetic", "sporty", "dynamic", "powerful", "athletic", "extreme", "intense",
              "enérgico", "énergique", "energiegeladen", "energico", "enérgico", "hype", "loud")),
    ("warm cozy", ("cozy", "cosy", "warm", "homey", "hygge", "acogedor", "cálido", "chaleureux", "douillet",
                   "gemütlich", "accogliente", "aconchegante")),
    ("modern minimal", ("sleek", "minimal", "minimalist", "clean", "modern", "moderno", "moderne", "minimalista",
                        "minimaliste", "minimalistisch", "simple", "contemporary")),
)

# Words describing a quality of the product; the brief's own ones become feature lines.
QUALITY_WORDS: frozenset[str] = frozenset("""
handcrafted handmade rugged timeless durable waterproof wireless lightweight light noise-free
noise-cancelling organic vegan sustainable recycled eco-friendly fair-trade gluten-free sugar-free
fast quick smart secure private affordable comfortable soft breathable warm cozy fresh local
small-batch artisanal hand-roasted cold-pressed ethical refillable compostable biodegradable
long-lasting all-day ergonomic portable foldable compact powerful quiet silent precise elegant timeless classic minimalist lightweight strong
sturdy rechargeable hypoallergenic nourishing hydrating refreshing crunchy creamy juicy
""".split())

# Common words that start a brief and are never a name when capitalised there ("Create ...",
# "Perfect gift ..."). A capitalised first word not known anywhere in this file is a name
# ("Nimbus 2 earbuds ...").
COMMON_WORDS: frozenset[str] = frozenset("""
create make generate design produce write need want please show promote help celebrate get meet try
discover shop join visit give build tell imagine picture think let lets let's it's its we i you they
perfect ultimate ideal great amazing simple beautiful stunning gorgeous fresh new brand just only
every each whole big small little young old hot cold summer winter spring autumn fall weekend today
tonight tomorrow happy merry hello hey hi welcome why what when where how who which here there this
that these those one two three ten hundred first last next final best better good bad real true
video ad advert commercial spot promo teaser reel clip campaign story tiktok instagram youtube
gran grand grande mega super huge big drop alert hot sale flash limited exclusive special ok so hi
hey basically honestly somos siamo sommes sind we're were we are soy sono sou estamos tenemos tengo tenho
ho abbiamo nous vorrei quiero quero je ich io eu yo hola oi ciao salut hallo bonjour buenas olá
olvida oublie vergiss dimentica esqueça ignore ignora ignoriere neueröffnung ouverture apertura
apúntate inscríbete regístrate inscrivez-vous inscris-toi réservez anmelden iscriviti prenota inscreva-se
cadastre-se reserve compra achète kaufe compre descubre découvrez entdecke scopri descubra join sign register
book order shop buy grab visit come taste pre-order download subscribe follow
crea haz genera diseña muestra promociona lanza presenta descubre nuevo nueva
crée créez fais génère montre présente découvrez nouveau nouvelle
erstelle erstellen mach zeige präsentiere entdecke neu neue neuer
crea fai genera mostra presenta scopri nuovo nuova
crie faça gere mostre apresente descubra novo nova
""".split())

# Common given names in the six languages' countries: a span that opens on one and goes on with a
# capitalised word ("Priya Raman", "Lea Brunner") is more often a speaker, an author or a chef
# than the product. A feature of the product ranker, which learns how much that counts.
FIRST_NAMES: frozenset[str] = frozenset("""
aaron abigail adam adrian adriana adrien agnes agustin aidan aisha alan alba albert alberto alejandra alejandro
alessandra alessandro alex alexander alexandra alexandre alfredo alice alicia alina alma amanda amelia amelie ana
anabel andrea andreas andrew andré andrés angela angelo anita ann anna anne annika anthony antoine antonio ariana
arnaud arthur ashley aurelie aurora austin barbara beatriz ben benjamin bernard bernardo bettina bianca bob brandon
brian bruno caio camila camille carla carlo carlos carlota carmen carol caroline carolina catalina catarina
cecilia cedric charles charlotte chiara chloe chris christian christina christine christoph christopher claire
clara claudia claudio clément colin constanza cristina cristiano daniel daniela daniele danielle david davide
debora denise diana diego dimitri dominik dominique dora dylan edoardo eduardo elena elias elisa elisabeth eliza
ella ellen elodie emilia emiliano emily emma enrique enzo eric erik ernesto esteban estelle esther ethan eva
evelyn fabian fabio fabrice federico felipe felix fernanda fernando filipa filippo florence florian francesca
francesco francisco franck frank franziska frederic gabriel gabriela gabriele gaspard george georg gerard giacomo
gianluca gilles gina giorgia giorgio giovanna giovanni giulia giulio giuseppe grace greta guilherme guillaume
gustavo hannah harry hector heidi helen helena henri henrique henry hugo ian ignacio ilaria ines inês ingrid irene
isaac isabel isabella isabelle ivan jack jacob jacques jaime james jan jana jane javier jean jeanne jennifer jens
jeremy jessica joana joanna joao joão joaquin joe johann johanna john jonas jonathan jordi jorge jose josé josef
josefina joseph josh joshua juan julia julian juliana julie julien julio justin karen karin karl katarina kate
katharina katie kevin klaus kristina lara laura laurent lea léa leandro lena leo leon leonardo leonie liam lily
lina linda lisa livia lorenzo louis louise luca lucas lucia lucía luciana luis luisa luiz lukas luke maite
manon manuel manuela marc marcel marcela marcelo marco marcos margarida margaux maria mariana marie marina mario
marion marisa mark marta martin martina mary mateo mateus matilde matteo matthew matthias mattia maura maurice
max maxime maximilian maya mehmet melanie mia michael michaela michel michele miguel mika mila milan miriam
mohamed monica monika nadia naomi natalia natalie nathalie nathan nicolas nicola nicole niklas nina noah noemi
nora océane olga olivia oliver olivier omar oscar pablo paola pascal patricia patrick paul paula paulo pedro
peter petra philipp philippe pierre pietro pilar priya rafael rafaela raphael raquel rebecca renata renato ricardo
riccardo richard rita robert roberta roberto rodrigo romain rosa rosario ruben ryan sabine sabrina samuel sandra
sara sarah sebastian sebastián sergio silvia simon simona simone sofia sofía sophia sophie stefan stefania stefano
stella stephanie susanne sven sylvie tatiana teresa thiago thomas tiago tim timo tobias tom tomas tomás tommaso
valentina valentin valeria valerie vanessa vera veronica victor victoria vincent vinicius violeta virginie
vittoria walter william xavier yasmin yves zoe zoé mara ines priya chen wei raj anil deepa kenji yuki hana
""".split())


# Chains a brief names as where its product is sold: a fact to show ("At Target"), never the product.
RETAILERS: frozenset[str] = frozenset("""Target|Walmart|Costco|Whole Foods|Trader Joe's|Kroger|Safeway|Publix|
Wegmans|Tesco|Sainsbury's|Waitrose|Asda|Morrisons|Aldi|Lidl|Edeka|Rewe|Spar|Kaufland|Rossmann|Mercadona|Carrefour|
El Corte Inglés|Eroski|Monoprix|Franprix|Biocoop|Fnac|Leclerc|Auchan|Intermarché|Esselunga|Coop|Conad|Pingo Doce|
Continente|Pão de Açúcar|SAQ|LCBO|Amazon|Etsy|Sephora|Ulta|Boots|Best Buy|IKEA|Home Depot|Lowe's|MediaMarkt|Saturn|
Douglas|Galeries Lafayette|Oxxo|Migros|Denner|Billa|Hofer|Albert Heijn|Jumbo|Woolworths|Coles|Loblaws|Metro|
Nordstrom|Macy's|Selfridges|Harrods|John Lewis|Marks & Spencer|M&S|Decathlon|Zalando|Shopify|dm""".replace("\n", "").split("|"))

# Regions a product comes from or an event happens in that are not towns (GeoNames lists towns,
# countries and US states): "azeite do Alentejo", "Rillettes du Périgord", "aus der Steiermark".
REGIONS: frozenset[str] = frozenset("""Alentejo|Algarve|Douro|Minho|Madeira|Açores|Azores|Trás-os-Montes|Beira|
Minas Gerais|Bahia|Serra Gaúcha|Rio Grande do Sul|Santa Catarina|Pernambuco|Ceará|Goiás|Jalapão|Amazônia|Pantanal|
Bayern|Baden-Württemberg|Schwarzwald|Allgäu|Erzgebirge|Steiermark|Tirol|Südtirol|Vorarlberg|Kärnten|Salzburger Land|
Wachau|Pfalz|Mosel|Rheingau|Bodensee|Chiemsee|Tegernsee|Alpen|Rhein|Elbe|Spree|Isar|Donau|Main|Sauerland|Spreewald|Franken|Sachsen|Thüringen|Ostfriesland|Lüneburger Heide|Nordsee|Ostsee|Eifel|Harz|
Sylt|Rügen|Engadin|Wallis|Tessin|Graubünden|Emmental|Appenzell|Périgord|Provence|Bretagne|Brittany|Normandie|Normandy|
Alsace|Bourgogne|Burgundy|Champagne|Savoie|Haute-Savoie|Auvergne|Dordogne|Languedoc|Roussillon|Corse|Corsica|
Pays basque|Camargue|Loire|Jura|Ardèche|Gascogne|Landes|Bordelais|Cognac|Armagnac|Québec|Gaspésie|Charlevoix|
Toscana|Tuscany|Puglia|Apulia|Sicilia|Sicily|Sardegna|Sardinia|Piemonte|Piedmont|Umbria|Liguria|Calabria|Campania|
Abruzzo|Marche|Veneto|Lombardia|Langhe|Chianti|Franciacorta|Valpolicella|Cinque Terre|Costiera Amalfitana|
Amalfi Coast|Val d'Orcia|Dolomiti|Dolomites|Trentino|Alto Adige|Friuli|Emilia-Romagna|Salento|Maremma|
Andalucía|Andalusia|Galicia|Cataluña|Catalonia|Rioja|La Rioja|Asturias|Cantabria|País Vasco|Navarra|Aragón|
Extremadura|Castilla|Ribera del Duero|Priorat|Mallorca|Menorca|Ibiza|Canarias|Tenerife|Costa Brava|Sierra Nevada|
Patagonia|Mendoza|Salta|Jujuy|Cuyo|Atacama|Oaxaca|Yucatán|Chiapas|Jalisco|Antioquia|Quindío|Cusco|Valle Sagrado|
Napa Valley|Napa|Sonoma|Willamette Valley|Hudson Valley|Bay Area|Silicon Valley|Cape Cod|Finger Lakes|Catskills|
Adirondacks|Berkshires|Ozarks|Appalachia|Highlands|Scottish Highlands|Cotswolds|Lake District|Cornwall|Devon|
Yorkshire|Peak District|Snowdonia|Wales|Scotland|Ireland|Tasmania|Outback|Marlborough|Hawke's Bay""".replace("\n", "").split("|"))

# Platforms, stores and assistants a product runs on or is sold through: "now on Spotify", "works
# with Alexa", "syncs with Shopify". Never the product itself.
PLATFORMS: frozenset[str] = frozenset("""Spotify|Apple Podcasts|Apple Music|YouTube|Instagram|TikTok|Facebook|
Twitter|LinkedIn|Pinterest|Snapchat|WhatsApp|Telegram|Twitch|Netflix|Alexa|Google Home|Google Assistant|Siri|HomeKit|
Apple HomeKit|SmartThings|Shopify|Zoom|Google Meet|Microsoft Teams|Teams|Slack|Google Play|App Store|Play Store|iOS|
Android|Windows|macOS|Mac|PC|Steam|PlayStation|Xbox|Nintendo Switch|Uber Eats|DoorDash|Deliveroo|Glovo|Just Eat|
Rappi|iFood|Kickstarter|Indiegogo|Patreon|Substack|Google Calendar|Outlook|Gmail|QuickBooks|Xero|Stripe|PayPal|
Venmo|Apple Pay|Google Pay|Salesforce|HubSpot|Notion|Trello|Asana|Figma|Canva|WordPress|Squarespace|Wix|Airbnb|
Booking.com|Tripadvisor|Yelp|Google Maps|Waze|Strava|Garmin Connect|Apple Health|Google Fit|Amazon|Etsy|eBay|
Mercado Livre|Mercado Libre|Shopee|Zalando|Vinted|iPhone|iPad|MacBook|Apple Watch|AirPods|Galaxy|Pixel|Kindle|PS5|PS4|
Apple CarPlay|CarPlay|Android Auto|MagSafe""".replace("\n", "").split("|"))
