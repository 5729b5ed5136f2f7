"""Word lists of :mod:`framelens.assist.extract`: reporting verbs in English, Russian and Ukrainian in their common
forms, role and office words (with their Russian and Ukrainian case forms), and female first names.

The verb lists are built from stems, so that every stem gets all of its forms: Russian past masculine, feminine
and plural (заявил, заявила, заявили) and perfective gerund (заявив); Ukrainian past (заявив, заявила, заявили) and
gerund (заявивши); English present, past and base forms (says, said, say).

>>> {"заявил", "заявила", "заявили", "заявив", "рассказывает", "заключил", "повідомила", "наголосивши"} <= VERB_FORMS
True
>>> role_word("мера"), role_word("губернатором"), role_word("Зеленський")
(True, True, False)
>>> same_surname("Мария Захарова", "Захаровой")
True
"""

from __future__ import annotations

import re

# English: (present third person, past) of each reporting verb; the base form is written only when it is not also
# a common noun (a "state", a "note").
EN_FORMS = """says said | tells told | adds added | claims claimed | states stated | writes wrote | notes noted |
explains explained | stresses stressed | emphasises emphasised | emphasizes emphasized | declares declared |
announces announced | insists insisted | warns warned | replies replied | continues continued |
comments commented | posts posted | tweets tweeted | concludes concluded | argues argued | urges urged |
confirms confirmed | admits admitted | reports reported | recalls recalled | remarks remarked | asserts asserted |
reads read | specifies specified | underlines underlined | acknowledges acknowledged |
sums_up summed_up | goes_on went_on | points_out pointed_out | responds responded | answers answered |
promises promised | complains complained | maintains maintained | reiterates reiterated | observes observed |
contends contended | affirms affirmed | clarifies clarified | mentions mentioned | expresses expressed |
voices voiced"""
EN_BASES = """say tell add claim explain stress insist warn reply confirm admit argue urge write specify announce
maintain reiterate"""
# English participles that attach a statement to the subject of the sentence ("..., saying that").
EN_PARTICIPLES = "saying adding noting stressing explaining claiming insisting warning specifying writing"

# Russian: the stem of the past tense (заяви-л); each gets -л, -ла, -ли and the gerund -в.
RU_PAST_STEMS = """заяви сказа отмети добави подчеркну сообщи написа поясни уточни завери призна указа рассказа
ответи констатирова продолжи резюмирова прокомментирова заключи предупреди пообеща напомни подытожи объясни
подтверди призва потребова процитирова возрази выразил замети говори высказа вздохну""".split()
# Reflexive Russian verbs: -лся, -лась, -лись.
RU_REFLEXIVE_STEMS = "подели пожалова возмути высказа призна"
RU_PRESENT = """говорит заявляет считает передает передаёт цитирует пишет рассказывает отмечает подчеркивает
подчёркивает утверждает добавляет поясняет сообщает уверяет напоминает признает признаёт констатирует предупреждает
объясняет заключает резюмирует говорят уточняет сообщают заявляют отмечают подчеркивают подчёркивают уточняют
поясняют указывает полагает продолжает вздыхает предостерегает вспоминает""".split()
RU_PHRASES = "обратил внимание|обратила внимание|обратили внимание"

# Ukrainian: the stem of the past tense (заяви-в); each gets -в, -ла, -ли and the gerund -вши.
UK_PAST_STEMS = """заяви сказа зазначи дода наголоси підкресли повідоми написа поясни запевни розпові відпові
констатува продовжи прокоментува уточни попереди пообіця нагада визна вказа зауважи резюмува підтверди підсумува
закли процитува заперечи відзначи говори вислови""".split()
UK_REFLEXIVE_STEMS = "поділи поскаржи обури вислови"
UK_PRESENT = """каже заявляє вважає пише розповідає зазначає наголошує підкреслює додає повідомляє пояснює
стверджує запевняє нагадує визнає констатує попереджає уточнює кажуть повідомляють заявляють зазначають
наголошують уточнюють пояснюють зауважує вказує продовжує згадує зітхає""".split()
UK_PHRASES = "звернув увагу|звернула увагу|звернули увагу"


def _forms() -> tuple[set[str], list[str]]:
    """The single-word forms and the multi-word phrases of every reporting verb."""
    words: set[str] = set()
    phrases = []
    for pair in EN_FORMS.split("|"):
        for form in pair.split():
            (phrases.append(form.replace("_", " ")) if "_" in form else words.add(form))
    words |= set(EN_BASES.split())
    for stem in RU_PAST_STEMS:
        stem = stem.removesuffix("л")
        words |= {stem + "л", stem + "ла", stem + "ли", stem + "в"}
    words |= {s + e for s in RU_REFLEXIVE_STEMS.split() for e in ("лся", "лась", "лись")}
    for stem in UK_PAST_STEMS:
        words |= {stem + "в", stem + "ла", stem + "ли", stem + "вши"}
    words |= {s + e for s in UK_REFLEXIVE_STEMS.split() for e in ("вся", "лася", "лися", "лись")}
    words |= set(RU_PRESENT) | set(UK_PRESENT)
    phrases += RU_PHRASES.split("|") + UK_PHRASES.split("|")
    return words, phrases


VERB_FORMS, VERB_PHRASES = _forms()
# One alternation of every form, longest first so that "заявила" is tried before "заявил".
VERB = "(?:" + "|".join(sorted(VERB_PHRASES, key=len, reverse=True) + sorted(VERB_FORMS, key=len, reverse=True)) + ")"
PARTICIPLE = "(?:" + "|".join(EN_PARTICIPLES.split()) + ")"
ACCORDING = rf"(?:[Aa]ccording to|[Пп]о словам|[Зз]а словами|(?:[Кк]ак|[Яя]к)\s+{VERB})"

PRONOUNS = {"he", "she", "они", "он", "она", "він", "вона", "вони", "they"}
# Adverbs that can stand between a subject pronoun and its verb ("He also said", "Она также отметила").
SUBJECT_ADVERBS = set(
    """also further then later again too however meanwhile additionally earlier previously once still similarly
    likewise separately subsequently finally moreover
    также тоже еще ещё затем потом позже ранее позднее впоследствии вновь снова опять дополнительно отдельно
    також теж ще потім пізніше раніше згодом знову додатково окремо далі""".split()
)
GENDER_OF_PRONOUN = {"he": "m", "он": "m", "він": "m", "she": "f", "она": "f", "вона": "f"}
# Role nouns that name no particular office ("the official", "чиновник"): they point back like a pronoun.
GENERIC_ROLES = {
    "official",
    "чиновник",
    "чиновника",
    "посадовець",
    "посадовця",
    "посадовиця",
    "expert",
    "analyst",
    "эксперт",
    "эксперта",
    "експерт",
    "експерта",
    "аналитик",
    "аналітик",
    "политолог",
    "політолог",
}
# Words for an unnamed person of a gender ("— каже жінка"): they point back like "she" or "he", and stay the speaker
# when no one fits.
PERSON_WORDS = dict.fromkeys(("woman", "женщина", "жінка"), "she") | dict.fromkeys(("man", "мужчина", "чоловік"), "he")
# Words of roles, titles, nationalities and institutions: never part of a person's name.
ROLE_WORDS = set(
    """president presidential prime minister ministry foreign defence defense deputy general head chief governor mayor
    spokesman spokeswoman spokesperson press secretary official officials senior secretary-general commander ambassador
    chairman director leader representative adviser advisor envoy agency service services council national security
    committee investigative office department state white house pentagon kremlin government regional military civil
    administration armed forces army navy air force police emergency emergencies prosecutor general's army's
    russian ukrainian american british french german chinese turkish qatari russia ukraine us u.s. uk u.k. un nato eu
    european commission moscow kyiv kiev washington donetsk luhansk belgorod kharkiv crimea crimean the a an of for
    and on in to at with ria tass interfax reuters ap afp bbc cnn telegram facebook twitter x
    президент президента премьер министр министра министерства глава главы губернатор губернатора мэр пресс-секретарь
    пресс-секретаря представитель представителя кремля кремль мид минобороны россии рф украины сша официальный
    официальная командующий депутат спикер
    президент президента прем'єр міністр міністра глава голова губернатор мер речник речниця прессекретар
    представник представника кремля мзс міноборони росії україни сша очільник керівник держави государства
    intelligence directorate staff ministry's diplomat diplomats envoy blogger дипломат дипломата посол посла блогер
    блогера военкор віцепрем'єр віце-прем'єр вице-премьер чиновник чиновника посадовець посадовця посадовиця
    городской міський міська руководитель руководителя
    области області обласної областной военный військовий оборони обороны ombudsman commissioner уполномоченный
    уполномоченного уповноважений уповноваженого омбудсмен омбудсман дипломатка дипломатки верховна
    верховної верховній верховный верховного верховной начальник начальника aide assistant
    помощник помощника помічник помічника former acting interim бывший бывшего колишній колишнього
    госдума госдумы думы expert analyst эксперт эксперта експерт експерта аналитик аналітик политолог
    політолог woman man женщина мужчина жінка чоловік""".split()
)
# Role words that name the same office, so that "the spokesman" or "представитель Кремля" finds "Kremlin press
# secretary Dmitry Peskov", "глава держави" finds "Президент України" and "міський голова" finds "Мер Харкова".
OFFICES = {
    "spokes": "spokesman spokeswoman spokesperson press-secretary пресс-секретарь представитель речник речниця "
    "прессекретар представник",
    "president": "president президент head-of-state глава-государства глава-держави",
    "governor": "governor губернатор",
    "mayor": "mayor мэр мер міський-голова городской-голова градоначальник",
    "ombudsman": "ombudsman commissioner уполномоченный уповноважений омбудсмен омбудсман",
    "minister": "minister министр міністр",
    "head": "head chief глава голова очільник керівник руководитель начальник",
    "aide": "aide assistant помощник помічник",
    "diplomat": "diplomat дипломат ambassador посол посла envoy foreign мид мзс иностранных закордонних оон un "
    "постпред постоянный постійний",
}
OFFICE_OF = {w: office for office, words in OFFICES.items() for w in words.split()}
# Words of a role that are written together ("press secretary", "глава держави") and count as one office word.
OFFICE_PHRASES = (
    "press secretary",
    "head of state",
    "глава государства",
    "глава держави",
    "міський голова",
    "городской голова",
)
INSTITUTIONS = (
    "intelligence ministry staff service directorate committee office department army navy police government "
    "administration council agency military kremlin штаб минобороны министерство разведка міноборони розвідка"
).split()
# Stems of Russian and Ukrainian words for a body that can speak ("в пресс-центре штаба", "у міністерстві"), and the
# case endings they take.
BODY_STEMS = set(
    """пресс-центр прес-центр пресс-служб прес-служб штаб генштаб министерств міністерств ведомств відомств
    представительств представництв администраци адміністраці управлени управлінн служб кремл мид мзс минобороны
    міноборони офис офіс посольств комитет комітет департамент правительств уряд мэри мері прокуратур полици поліці
    командовани командуванн сил миссии місі""".split()
)
BODY_ENDINGS = (
    "",
    "а",
    "я",
    "у",
    "ю",
    "е",
    "і",
    "и",
    "ы",
    "о",
    "ь",
    "ом",
    "ем",
    "ой",
    "ою",
    "ей",
    "ах",
    "ях",
    "ами",
    "ями",
    "ие",
    "ия",
    "ии",
    "ія",
    "ії",
    "ію",
    "ів",
    "ов",
    "ої",
    "ам",
    "ям",
    "ью",
)
# What a quotation can be read from ("the statement reads"): it goes to the author the text names.
AUTHORED = (
    r"(?:statement|video|post|channel|telegram|message|address|website"
    r"|заявлени\w*|сообщени\w*|видео|заяв\w*|повідомлен\w*|відео|звернен\w*)"
)
# Words of courtesy before a surname ("господин Гладков", "пан Кулеба"): neither name nor role.
HONORIFICS = {"господин", "госпожа", "пан", "пані", "пани"}

CYRILLIC = re.compile(r"[а-яёіїєґ]", re.I)
# Russian and Ukrainian noun case endings, longest first: "мера", "губернатором", "речника" are "мер", "губернатор",
# "речник" in another case.
CASE_ENDINGS = (
    "ами",
    "ями",
    "ові",
    "еві",
    "ом",
    "ем",
    "ою",
    "ої",
    "ой",
    "ей",
    "ам",
    "ям",
    "а",
    "я",
    "у",
    "ю",
    "і",
    "и",
    "ы",
    "е",
)
# Female first names in the nominative (Russian and Ukrainian names in -а/-я that are not the genitive of a man's
# name, as Дмитрия or Валерия are): they mark a woman where the surname does not.
FEMALE_FIRST_NAMES = set(
    """мария марія анна ганна ольга елена олена ирина ірина наталья наталія тетяна татьяна юлия юлія екатерина
    катерина светлана світлана людмила валентина оксана вероника вероніка ксения ксенія дарья дарина виктория
    вікторія алла инна інна марина галина лариса любовь любов надежда надія анастасия анастасія софия софія
    элла ілона илона эльвира ангела урсула камала євгенія евгения алина аліна яна тамара вера віра нина ніна лилия
    лілія полина поліна""".split()
)


def _stem(word: str) -> str:
    """The word without a case ending, leaving a stem of at least three letters (Latin words unchanged)."""
    if not CYRILLIC.search(word):
        return word
    for ending in CASE_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


ROLE_STEMS = {_stem(w) for w in ROLE_WORDS if CYRILLIC.search(w) and len(w) >= 3}
OFFICE_STEMS = {_stem(w): office for w, office in OFFICE_OF.items() if CYRILLIC.search(w) and "-" not in w}


def role_word(token: str) -> bool:
    """A word of a role or institution, in any case for Russian and Ukrainian words (мера, губернатором).

    >>> role_word("Governor"), role_word("речника"), role_word("Peskov")
    (True, True, False)
    """
    word = token.lower().strip(".,;:!?")
    if "-" in word and word not in ROLE_WORDS:
        return any(role_word(part) for part in word.split("-") if part)  # "віце-прем'єр-міністр"
    return word in ROLE_WORDS or (bool(CYRILLIC.search(word)) and _stem(word) in ROLE_STEMS)


def office_of(token: str) -> str:
    """The office a word names (see OFFICES), in any case; "" when none.

    >>> office_of("мера"), office_of("spokesman"), office_of("Ministry")
    ('mayor', 'spokes', '')
    """
    word = token.lower().strip(".,;:!?")
    if word in OFFICE_OF:
        return OFFICE_OF[word]
    return OFFICE_STEMS.get(_stem(word), "") if CYRILLIC.search(word) else ""


def same_surname(a: str, b: str) -> bool:
    """Whether two names (or surnames) have the same surname: the last word of each, without a possessive 's or
    punctuation, ignoring letter case; Cyrillic surnames are equal up to a case ending (Пескова, Песков;
    Зеленського, Зеленський).

    >>> same_surname("Dmitry Peskov", "Peskov's"), same_surname("Песков", "Пескова"), same_surname("Peskov", "Putin")
    (True, True, False)
    """
    a, b = (re.sub(r"['’]s$", "", (name.split() or [""])[-1].strip(".,;:!?")).lower() for name in (a, b))
    if a == b:
        return bool(a)
    if CYRILLIC.search(a) and CYRILLIC.search(b):
        n = min(len(a), len(b))
        stem = max(4, n - 2)
        return n >= 4 and a[:stem] == b[:stem]
    return False


def body_stem(token: str) -> str:
    """The stem (see BODY_STEMS) of a Russian or Ukrainian word for a body that can speak, in any case; "" for any
    other word.

    >>> body_stem("пресс-центре"), body_stem("штабі"), body_stem("Міністерства"), body_stem("советник")
    ('пресс-центр', 'штаб', 'міністерств', '')
    """
    word = token.lower().strip(".,;:!?()")
    found = [stem for stem in BODY_STEMS if word.startswith(stem) and word[len(stem) :] in BODY_ENDINGS]
    return max(found, key=len, default="")
