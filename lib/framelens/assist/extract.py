"""Quoted statements and their speakers, from an article's text, as draft rows in the codebook's schema.

Direct quotations in any of the marks “ ” " « » „ “ ‘ ’ '' (the outermost pair of nested quotes; a quote that runs
over paragraphs gives a row per paragraph, one interrupted by its attribution inside the marks two rows), and
reported speech introduced by reporting verbs in English, Russian and Ukrainian (said, told, according to; заявил,
по словам; заявив, за словами: every form of each verb, from the stems in :mod:`framelens.assist.lexicon`). Each
quote gets its speaker as written, split into ``speaker`` and ``speaker_role``; "he said", "the governor added" or
"a spokesperson said" takes the speaker named before it only when that antecedent is clear, and is left empty
otherwise. A quote of a statement, video or channel goes to the author the text names.

>>> text = 'Regional governor Vyacheslav Gladkov said: “Two people were wounded in the night.” Later came more.'
>>> [(q.speaker, q.speaker_role, q.quote, q.quote_type) for q in extract_quotes(text)]
[('Vyacheslav Gladkov', 'Regional governor', 'Two people were wounded in the night.', 'verbatim')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd

from framelens import __version__
from framelens.assist.lexicon import (
    ACCORDING,
    AUTHORED,
    CYRILLIC,
    FEMALE_FIRST_NAMES,
    GENDER_OF_PRONOUN,
    GENERIC_ROLES,
    HONORIFICS,
    INSTITUTIONS,
    OFFICE_OF,
    OFFICE_PHRASES,
    PARTICIPLE,
    PERSON_WORDS,
    PRONOUNS,
    ROLE_WORDS,
    SUBJECT_ADVERBS,
    VERB,
    VERB_FORMS,
    body_stem,
    office_of,
    role_word,
    same_surname,
)

CODER = f"extract-{__version__}"
MAX_WORDS = 40
MIN_WORDS = 4  # a quoted phrase of fewer words is a scare quote or a name, not a statement
SUFFIXES = (".txt", ".text", ".md", ".html", ".htm")

# The closing marks each opening mark accepts: a curly double mark may be closed by a straight one and the reverse
# (“..." and "...”), as texts mix them.
PAIRS: dict[str, str] = {"“": '”"', "„": '“”"', "«": "»", "‘": "’", '"': '"”', "‹": "›"}
CLOSERS = set('”“»’"›')


def letter_class(test: str) -> str:
    """The letters of the Latin (with its accented and extended letters) and Cyrillic scripts of one case ("upper"
    or "lower"), as the inside of a regular-expression class, so that a name such as Erdoğan or Wałęsa is whole.

    >>> all(re.fullmatch(f"[{letter_class('upper')}]", c) for c in "AŁŠÜÉĞЖЇҐ"), re.match(f"[{UPPER}]", "ğ")
    (True, None)
    """
    ranges = (range(0x41, 0x250), range(0x400, 0x530), range(0x1E00, 0x1F00))
    return "".join(chr(c) for r in ranges for c in r if getattr(chr(c), "is" + test)())


UPPER = letter_class("upper")
LOWER = letter_class("lower")
NAME_TOKEN = re.compile(rf"^[{UPPER}][{LOWER}'’\-]+(?:-[{UPPER}][{LOWER}]+)?$")
UKRAINIAN_LETTERS = re.compile(r"[іїєґ]", re.I)
ABBREVIATIONS = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Gen|Lt|Col|Sgt|Capt|Gov|Sen|Rep|No|Jan|Feb|Mar|Apr|Aug|Sep|Sept|Oct|Nov|Dec|vs|etc|"
    rf"г|гг|т|ул|им|тыс|млн|млрд)|(?<![\w\-])[{UPPER}])\.$"
)
PARAGRAPH_BREAK = "\n\n"


class ExtractError(ValueError):
    """An article that cannot be read: the message names the file and what is wrong, on one line."""


@dataclass
class Quote:
    """One extracted statement: the words (at most MAX_WORDS), who said them and where they are in the text."""

    quote: str
    speaker: str
    speaker_role: str
    quote_type: str  # verbatim (in quotation marks) or paraphrase (reported speech)
    language: str
    start: int
    paragraph: int


@dataclass
class _Candidate:
    kind: str  # "direct" or "reported"
    start: int
    end: int
    words: str
    phrase: str  # the speaker as written ("" when none is given)
    phrase_at: int  # where the speaker phrase is (for antecedents)
    authored: str = ""  # "the statement reads": the author named nearby


@dataclass
class _Person:
    name: str
    role: str
    gender: str = ""  # "f", "m" or "" when the text does not tell


@dataclass
class _Registry:
    people: list[_Person] = field(default_factory=list)

    def find(self, token: str) -> _Person | None:
        """The person whose surname (or, in Russian and Ukrainian, its stem) matches ``token``."""
        for p in reversed(self.people):
            if same_surname(p.name, token):
                return p
        return None

    def add(self, name: str, role: str, gender: str = "") -> _Person:
        gender = gender or gender_of(name, role)
        found = self.find(name.split()[-1])
        if found is not None:
            if len(name.split()) > len(found.name.split()):
                found.name = name
            found.role = found.role or role
            found.gender = found.gender or gender
            return found
        person = _Person(name, role, gender)
        self.people.append(person)
        return person


FEMALE_ROLES = {"spokeswoman", "chairwoman", "речниця", "посадовиця", "Mrs", "Ms"}
# Surname endings that only a woman's name has, in any case (Захарова as a subject; Поповой, Поповою after a verb).
FEMALE_SURNAME = re.compile(
    r"(?:(?:ов|ев|ёв|ин|ын)(?:ой|ою)|(?:ск|цк)(?:ая|ой)|(?:ськ|цьк)(?:а|ою|ої)|(?:ov|ev|in)a|skaya|ska)$"
)
MALE_SURNAME = re.compile(r"(?:(?:ск|цк)(?:ий|ого|ому|им)|(?:ськ|цьк)(?:ий|ого|ому|им)|(?:ov|ev|sky|skiy|skyi))$")
# A past-tense verb right after a Russian or Ukrainian name agrees with its gender (Захарова заявила, Гладков сказал).
FEMALE_VERB = re.compile(r"^[а-яёіїєґ]+(?:ла|лась|лася)$")
MALE_VERB = re.compile(r"^[а-яёіїєґ]+(?:л|лся|в|вся)$")


def gender_of(name: str, role: str = "", next_word: str = "") -> str:
    """ "f" or "m" when the name, its role or the verb after it tells (a Latin first name ending in -a, a surname
    such as Zakharova or Поповой, a past-tense verb such as заявила), else "".

    >>> gender_of("Мария Захарова", "", "заявила"), gender_of("Maria Zakharova"), gender_of("Sergei Lavrov")
    ('f', 'f', 'm')
    >>> gender_of("Дмитрия Кулебы"), gender_of("Joe Biden"), gender_of("Ирина Смирнова")
    ('', '', 'f')
    """
    tokens = name.split()
    words = set(role.split())
    if words & FEMALE_ROLES or (tokens and tokens[0] in FEMALE_ROLES):
        return "f"
    if {"spokesman", "chairman", "Mr"} & words:
        return "m"
    verb = next_word.strip(",.;:!?").lower()
    if FEMALE_VERB.match(verb):
        return "f"
    if MALE_VERB.match(verb):
        return "m"
    surname = tokens[-1].lower() if tokens else ""
    if FEMALE_SURNAME.search(surname) or (tokens and tokens[0].lower() in FEMALE_FIRST_NAMES):
        return "f"
    if MALE_SURNAME.search(surname):
        return "m"
    if len(tokens) >= 2 and not CYRILLIC.search(tokens[0]) and tokens[0].lower() not in ("nikita", "ilya"):
        return "f" if tokens[0].endswith("a") else ""
    return ""


def language_of(text: str) -> str:
    """ISO 639-1 code guessed from the letters: ``uk`` for Cyrillic with і, ї, є or ґ, ``ru`` for other Cyrillic,
    else ``en``.

    >>> language_of("Він сказав"), language_of("Он сказал"), language_of("He said")
    ('uk', 'ru', 'en')
    """
    cyr = len(CYRILLIC.findall(text))
    latin = len(re.findall(r"[a-z]", text, re.I))
    if cyr > latin:
        return "uk" if UKRAINIAN_LETTERS.search(text) else "ru"
    return "en"


def cut_words(text: str, limit: int = MAX_WORDS) -> str:
    """The words unchanged, cut after ``limit`` words with "..." when longer.

    >>> cut_words("one two three four", 3)
    'one two three...'
    """
    words = text.split()
    if len(words) <= limit:
        return " ".join(words)
    return " ".join(words[:limit]).rstrip(",;:") + "..."


def paragraphs_of(text: str) -> list[str]:
    """Paragraphs: blocks between blank lines (their line breaks joined), or lines when the text has no blank line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    blocks = re.split(r"\n\s*\n", text) if re.search(r"\n\s*\n", text) else text.split("\n")
    return [re.sub(r"\s+", " ", b).strip() for b in blocks if b.strip()]


def _closes_paragraph(doc: str, at: int, opening: str) -> bool:
    """Whether the paragraph from ``at`` holds one quotation mark only, a closing mark of ``opening``'s kind (an
    apostrophe inside a word is no mark): a quotation left open in the paragraph before goes on in it.

    >>> _closes_paragraph('Everyone will be isolated."', 0, '"'), _closes_paragraph('It’s war," he said.', 0, '"')
    (True, True)
    >>> _closes_paragraph('He "said" no.', 0, '"'), _closes_paragraph('Peskov replied: "We are ready.', 0, '"')
    (False, False)
    """
    end = doc.find(PARAGRAPH_BREAK, at)
    paragraph = doc[at : end if end >= 0 else len(doc)]
    marks = [i for i, c in enumerate(paragraph) if (c in PAIRS or c in CLOSERS) and not _inside_word(paragraph, i)]
    if len(marks) != 1 or paragraph[marks[0]] not in PAIRS[opening]:
        return False
    return marks[0] > 0 and not paragraph[marks[0] - 1].isspace()  # a closing mark follows a word: 'now."', not ' "We'


def _inside_word(text: str, i: int) -> bool:
    """Whether the character at ``i`` stands between a letter or digit and a letter, as an apostrophe does ("It’s").

    >>> _inside_word("It’s", 2), _inside_word("war’", 3)
    (True, False)
    """
    return 0 < i < len(text) - 1 and text[i - 1].isalnum() and text[i + 1].isalpha()


def _quote_spans(doc: str) -> list[tuple[int, int, str]]:
    """Outermost quotations as (start of the opening mark, end of the closing mark, words inside).

    A quotation left open at the end of a paragraph goes on when the next paragraph opens with the same mark
    (the English convention for quotes over several paragraphs). A quotation with inner quotes of its own kind that
    is left open ends at the last inner closing mark before punctuation: one mark closes both (``«... «Шахеди», –``);
    otherwise it is dropped as unbalanced.

    >>> [w for _, _, w in _quote_spans("«Летят «шахеды» и «калибры», – сказал он.")]
    ['Летят «шахеды» и «калибры']
    """
    spans: list[tuple[int, int, str]] = []
    stack: list[str] = []
    start = 0
    inner_close = -1  # the last mark that closed an inner quotation of the outer one's kind

    def close_at_inner() -> None:
        if inner_close > piece_start and re.match(r"\s*[,.!?…:;—–]", doc[inner_close + 1 :]):
            spans.append((start, inner_close + 1, " ".join(p.strip() for p in [*pieces, doc[piece_start:inner_close]])))

    pieces: list[str] = []
    piece_start = 0
    i = 0
    n = len(doc)
    while i < n:
        c = doc[i]
        if doc.startswith(PARAGRAPH_BREAK, i):
            if stack:
                nxt = i + len(PARAGRAPH_BREAK)
                if nxt < n and doc[nxt] == stack[0]:
                    pieces.append(doc[piece_start:i])
                    stack = stack[:1]
                    piece_start = nxt + 1
                    i = nxt + 1
                    inner_close = -1
                    continue
                if len(stack) == 1 and _closes_paragraph(doc, nxt, stack[0]):
                    pieces.append(doc[piece_start:i])  # the next paragraph goes on without reopening the mark
                    piece_start = i = nxt
                    continue
                close_at_inner()
                stack, pieces, inner_close = [], [], -1
            i += len(PARAGRAPH_BREAK)
            continue
        prev = doc[i - 1] if i else " "
        after = doc[i + 1] if i + 1 < n else " "
        if c == '"' and stack and stack[-1] == '"' and prev.isspace() and after.isalnum():
            stack.append(c)  # straight quotes inside straight quotes: an opening mark follows a space
            i += 1
            continue
        apostrophe = c == "’" and _inside_word(doc, i)
        inner_straight = c == '"' and prev.isspace() and after.isalnum()  # “a "b" c”: opens, not closes, the “
        if stack and c in PAIRS[stack[-1]] and not apostrophe and not inner_straight:
            closed = stack.pop()
            if stack and closed == stack[0]:
                inner_close = i
            if not stack:
                pieces.append(doc[piece_start:i])
                spans.append((start, i + 1, " ".join(p.strip() for p in pieces)))
                pieces, inner_close = [], -1
            i += 1
            continue
        if c == "”" and not stack and (i == 0 or prev.isspace() or prev in "(:—–") and after.isalnum():
            start, piece_start = i, i + 1  # a paragraph opened with a closing-style mark: ”Under a pretext...”
            stack.append("“")
            i += 1
            continue
        if c in PAIRS and not (c == "‘" and prev.isalnum()) and not (c == '"' and stack and '"' in stack):
            if c in CLOSERS and not stack and not (prev.isspace() or prev in "([—–-:" or i == 0):
                i += 1  # a closing-style mark after a letter with nothing open: an apostrophe or a stray mark
                continue
            if not stack:
                start, piece_start = i, i + 1
            stack.append(c)
        i += 1
    if stack:
        close_at_inner()
    return spans


DASH_OPENING = re.compile(r"[–—]\s+")
DASH_CLOSING = re.compile(r"[,!?…]\s*[–—]\s+")


def _dash_spans(doc: str) -> list[tuple[int, int, str]]:
    """Quotations in the Russian and Ukrainian dialogue style, with no quotation marks: a paragraph that opens with
    a dash and whose words end in ", –" before a reporting verb ("– Ми відновимо міст, – заявив міністр.").

    >>> _dash_spans("– Ми відновимо цей міст за три місяці, – заявив міністр.")
    [(0, 37, 'Ми відновимо цей міст за три місяці')]
    """
    spans = []
    for para in re.finditer(r"(?:^|(?<=\n\n))[^\n]+", doc):
        opening = DASH_OPENING.match(para.group())
        if not opening:
            continue
        for closing in DASH_CLOSING.finditer(para.group(), opening.end()):
            rest = para.group()[closing.start() :]
            if AFTER_VERB_FIRST.match(rest) or AFTER_WHO_FIRST.match(rest):
                words = para.group()[opening.end() : closing.start() + 1].rstrip(",")
                spans.append((para.start(), para.start() + closing.start(), words.strip()))
                break
    return spans


def _sentences(doc: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """Sentence (start, end) offsets; never cut inside a quotation or after an abbreviation."""
    inside = [(a, b) for a, b, _ in spans]
    out, start = [], 0
    for m in re.finditer(rf"[.!?…]+[\"”»’]?(?=\s+[\"“«„‘(—–\-{UPPER}0-9])|\n\n", doc):
        end = m.end()
        if any(a < m.start() and m.end() < b for a, b in inside):
            continue
        if m.group() != PARAGRAPH_BREAK and ABBREVIATIONS.search(doc[max(0, m.start() - 6) : m.start() + 1]):
            continue
        if doc[start:end].strip():
            out.append((start, end))
        start = end
    if doc[start:].strip():
        out.append((start, len(doc)))
    return out


SPEAKER_CHARS = r"[^\s,.;:!?«»“”\"„()\[\]—–]"
PHRASE = rf"{SPEAKER_CHARS}+(?:\s+{SPEAKER_CHARS}+){{0,9}}"
DASH = r"\s*[—–\-]+\s*"
# A manner adverbial may stand between the dash and the verb ("— з сарказмом уточнив чиновник").
MANNER = r"(?:(?:з|із|зі|с|со|with)\s+(?:a\s+)?[\w'’]+\s+)?"
AFTER_VERB_FIRST = re.compile(rf"^\s*[,.!?…]?(?:{DASH})?\s*{MANNER}(?P<verb>{VERB})\s+(?P<who>{PHRASE})", re.I)
AFTER_QUOTED_AS = re.compile(
    rf"^\s*[,.!?…]?(?:{DASH})?\s*\S+(?:\s+\S+){{0,4}}?\s+(?:quotes|quoted|цитирует|цитує)"
    rf"\s+(?P<who>{PHRASE}?)\s+(?:as saying|as telling)\b"
)
# "«...», — говорится в сообщении", "— йдеться у заяві": the quotation is read from a statement (see AUTHORED).
AFTER_READS = re.compile(
    rf"^\s*[,.!?…]?(?:{DASH})?\s*(?:говорится|йдеться|сказано|указано|вказано|отмечается|зазначається)\s+"
    rf"(?:в|во|у)\s+(?P<who>(?i:{AUTHORED}))(?![\w-])"
)
AFTER_WHO_FIRST = re.compile(rf"^\s*[,.!?…]?(?:{DASH})?\s*(?P<who>{PHRASE}?)\s+(?P<verb>{VERB})\b")
# "“...,” Anna Petrova, a spokeswoman for the ministry, said.", "“...,” the spokeswoman, Anna Petrova, said.": a
# name and an apposition set off by commas before the verb.
AFTER_APPOSED = re.compile(
    rf"^\s*[,.!?…]?\s*(?P<who>{PHRASE}?),\s+(?P<app>[^,.;:!?«»“”\"„()\[\]—–]+?),\s+(?P<verb>{VERB})\b"
)
# "“...” managed to escape the city, the ministry said, stating ...": a quoted fragment opens a sentence that ends
# with its attribution.
SENTENCE_END_ATTRIBUTION = re.compile(
    rf"(?P<rest>[^.!?«»“”\"„;:,]+),\s+(?P<who>{PHRASE}?)\s+(?P<verb>{VERB})\b"
    rf"(?:\s+(?:in|on|at|to)\b[^.!?«»“”\",;:]*)?(?:[.!?]|,\s+(?:{PARTICIPLE}|stating)\b)"
)
# "“...,” Zelensky slammed Russia in a post on X.": after a quotation that ends in a comma, a name and any verb in
# the past tense are its attribution.
AFTER_NAME_ANY_VERB = re.compile(
    rf"\s*(?P<who>(?:[{UPPER}][{LOWER}'’\-]+\s+){{0,3}}[{UPPER}][{LOWER}'’\-]+)\s+[a-z]{{3,}}ed\b"
)
# The words after a verb that end an attribution sentence with no clause of their own: "said.", "said on the
# Telegram messaging app.", "told reporters on Tuesday."
ATTRIBUTION_END = re.compile(
    r"(?:\s+(?:on|in|at|to|via|during|late|early|this|last|reporters|journalists)\b"
    r"(?:\s+(?!that\b|что\b|що\b)[\w'’\-]+){0,5})?\s*\."
)
BEFORE_ACCORDING = re.compile(rf"{ACCORDING}\s+(?P<who>{PHRASE})(?:,[^.!?«»“”\"]*)?\s*$")
# "Erdogan’s words that “...”": the owner of the words quoted.
BEFORE_WORDS_OF = re.compile(
    rf"(?P<who>(?:[{UPPER}][\w\-]+\s+){{0,3}}[{UPPER}][\w\-]+)['’]s\s+(?:words|remarks|comments?|claims?)\b"
    r"[^.!?«»“”\"]*$"
)
CONJUNCTION = re.compile(r"^(?:and|but|і|та|але|а|и|но)\s+", re.I)
# Verbs that attach a quoted clause to their subject without reporting speech themselves.
ACCUSING = "saying|accused|thanked|подякував|поблагодарил|обвинил|обвинила|звинуватив|звинуватила"
BEFORE_REPORTED = re.compile(
    rf"(?P<who>{PHRASE}?)\s+(?P<verb>{VERB}|{ACCUSING})\b[^.!?«»“”\"]*?(?:,?\s+(?:that|что|що)\b|,)"
)
# An attribution that interrupts a quotation inside its marks: "..., — сказал Гладков журналистам. — ...".
INTERRUPTION = re.compile(
    rf"[,!?…]\s*[—–]\s*{MANNER}(?P<verb>{VERB})\s+(?P<who>(?:[^—–«»“”\"]|«[^«»]*»)+?)[.,]?\s*[—–]", re.I
)
# The subject and reporting verb of the sentence a quotation is in, with no that, comma or colon before it; only
# taken when no other person is named between the verb and the quotation.
BEFORE_VERB_IN_SENTENCE = re.compile(rf"(?P<who>{PHRASE}?)\s+(?P<verb>{VERB})\b[^.!?«»“”\"]*$")
FULL_NAME = re.compile(rf"[{UPPER}][{LOWER}'’\-]+\s+[{UPPER}][{LOWER}'’\-]+")
# A label that introduces a quotation and names no one.
BEFORE_LABEL = re.compile(r"(?:^|\s)(?:[Пп]рямая речь|[Пп]ряма мова|[Цц]итата|[Qq]uote)\s*:\s*$")
# The same label with the speaker's name in the genitive: "Пряма мова Зеленського:", "Цитата Пескова:".
BEFORE_NAMED_LABEL = re.compile(
    rf"(?:^|\s)(?:[Пп]рямая речь|[Пп]ряма мова|[Цц]итата)\s+"
    rf"(?P<who>[{UPPER}][{LOWER}'’\-]+(?:\s+[{UPPER}][{LOWER}'’\-]+)?)\s*:\s*$"
)
BEFORE_POSSESSIVE = re.compile(
    r"(?:[Пп]о (?:его|её|ее|их) словам|[Зз]а (?:його|її|їх) словами|[Aa]ccording to (?:him|her|them))"
)
# A subject with an apposition set off by commas before the reporting verb: "The ministry's spokeswoman, Anna
# Petrova, confirmed that ...", "Petrova, the spokeswoman, said the talks would ...".
BEFORE_APPOSED = re.compile(
    rf"(?:^|[,;]\s+)(?P<who>{PHRASE}?),\s+(?P<app>{PHRASE}?),\s+(?P<verb>{VERB}|saying)\b[^.!?:«»“”\"]*$"
)
BEFORE_COLON = re.compile(rf"(?P<verb>\b{VERB})\b[^.!?:]*?:\s*(?:{DASH})?$", re.I)
REPORTED_POSSESSIVE = re.compile(
    r"^\s*(?:[Пп]о (?P<ru>его|её|ее|их) словам|[Зз]а (?P<uk>його|її|їх) словами|[Aa]ccording to (?P<en>him|her|them))"
    r",\s+(?P<what>.+)$",
    re.S,
)
POSSESSIVE_PRONOUN = dict.fromkeys(("его", "його", "him"), "he") | dict.fromkeys(("её", "ее", "її", "her"), "she")
POSSESSIVE_PRONOUN |= dict.fromkeys(("их", "їх", "them"), "they")
REPORTED_ACCORDING = re.compile(rf"^\s*{ACCORDING}\s+(?P<who>{PHRASE}),\s+(?P<what>.+)$", re.S)
REPORTED_WHO_FIRST = re.compile(
    rf"^\s*(?P<who>{PHRASE}?)\s+(?P<verb>{VERB})\b(?P<when>(?:\s+(?:on|in|at|late|early|this|last|earlier|"
    rf"on\s+\w+|в|во|у|на|журналистам|журналістам|reporters|\w+day)\b[^,]*?)?)(?:,?\s+(?:that|что|що)\b|,\s+(?:что|що)\b)"
    rf"\s*(?P<what>.+)$",
    re.S,
)
REPORTED_EN_NO_THAT = re.compile(rf"^\s*(?P<who>{PHRASE}?)\s+(?:said|says|told \w+)\s+(?P<what>[A-Za-z0-9].+)$", re.S)
REPORTED_WHO_LAST = re.compile(rf"^\s*(?P<what>.+?),\s+(?P<rest>(?:{VERB}\s+)?{PHRASE}.*)$", re.S)
STOP_AFTER_NAME = re.compile(
    r"\s+(?:on|in|at|during|to|after|while|who|when|as|from|that|before|told|said|added|в|во|на|у|после|журналистам|"
    r"журналістам|під|во время|reporters)\b.*$",
    re.I | re.S,
)


def _leading_speaker(phrase: str) -> str:
    """The words after a verb that name the speaker: role words and names, up to the first other word.

    >>> _leading_speaker("глава держави коментуючи титул від Politico")
    'глава держави'
    >>> _leading_speaker("головний редактор видання Тетяна Дроздова.")
    'головний редактор видання Тетяна Дроздова'
    >>> _leading_speaker("the pro-Ukrainian military Blogger Tendar the attacks")
    'the pro-Ukrainian military Blogger Tendar'
    """
    tokens = phrase.split()
    for i in range(min(len(tokens) - 2, 5)):
        # lower-case words of a role that are not role words ("головний редактор видання Тетяна Дроздова")
        if not tokens[i][:1].islower() or re.search(r"[,.;:!?()]", tokens[i]) or tokens[i].lower() in PLACE_OPENERS:
            break
        if _is_name(tokens[i + 1]) and _is_name(tokens[i + 2].strip(",.;:")):
            return " ".join(t.strip(",.;:") for t in tokens[: i + 3])
    kept: list[str] = []
    for token in tokens:
        bare = token.strip(",.;:")
        if bare.lower() in HONORIFICS and not kept:
            continue  # "господин Гладков"
        speakerly = role_word(bare) or _is_name(bare) or bare.lower() in PRONOUNS or bare.isupper()
        if not (speakerly or ADJECTIVE.match(bare)):
            break
        kept.append(bare)
        if bare != token:
            break
    while kept and kept[-1].lower() in NOT_A_ROLE:
        kept.pop()  # "the German and pro-Ukrainian blogger Tendar the ...": no trailing "the", "and", "of"
    return " ".join(kept)


# Prefixed adjectives of a role ("pro-Ukrainian", "ex-Soviet").
ADJECTIVE = re.compile(r"^(?:pro|anti|ex|про|анти|екс|экс)-[\w’'\-]+$", re.I)


LEADING_TIME = re.compile(
    r"^(?:(?:on|late|early|this|last)\s+\w+|в\s+(?:понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье)|"
    r"у\s+(?:понеділок|вівторок|середу|четвер|п'ятницю|суботу|неділю)|сегодня|вчера|сьогодні|вчора|today|yesterday)\s+",
    re.I,
)


# A day and month written in a phrase ("9 декабря", "on 9 December", "9 грудня"): never part of a speaker.
DATE = re.compile(
    r"\s*(?:\bon\s+)?\b\d{1,2}\s+(?:января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|"
    r"декабря|січня|лютого|березня|квітня|травня|червня|липня|серпня|вересня|жовтня|листопада|грудня|January|"
    r"February|March|April|May|June|July|August|September|October|November|December)\b",
    re.I,
)


def _trim_phrase(phrase: str) -> str:
    """The speaker part of the words around a verb: no time or place after it, no leading 'and'; a body after
    'в' or 'у' ("в пресс-центре штаба") without the preposition.

    >>> _trim_phrase("в понедельник губернатор региона Вячеслав Гладков"), _trim_phrase("У міністерстві оборони")
    ('губернатор региона Вячеслав Гладков', 'міністерстві оборони')
    >>> _trim_phrase("The President also"), _trim_phrase("Небензя также")
    ('The President', 'Небензя')
    """
    pronoun = _pronoun_subject(phrase)
    if pronoun:
        return pronoun  # "В то же время он": the pronoun, not a place phrase
    body = _body_after_preposition(phrase)
    if body and len(body.split()) == len(phrase.split()) - 1:
        return body
    phrase = DATE.sub("", phrase)  # "Глава Курской области 9 декабря"
    phrase = _after_place(LEADING_TIME.sub("", phrase.strip()))
    phrase = STOP_AFTER_NAME.sub("", " " + phrase.strip()).strip()
    phrase = re.sub(r"^(?:and|but|but,|а|и|і|та|але)\s+", "", phrase, flags=re.I)
    words = phrase.strip(" ,").split()
    while len(words) > 1 and words[-1].lower() in SUBJECT_ADVERBS:
        words.pop()  # "The President also", "Небензя также"
    return " ".join(words)


BODY_STOP = set(
    "что що чтобы щоб о об про после після перед во время журналистам журналістам в во у на с со з із зі по для "
    "от від до и і й та а но але или або".split()
)
ADJECTIVE_ENDING = re.compile(r"(?:ый|ий|ой|ая|ое|ые|ых|их|ого|ему|ому|ым|им|ую|ою|ій|ої|ої|ею|ими|ыми|ні|ня|нє)$")


def _body_phrase(words: str) -> str:
    """The name of a body that opens ``words``, as written: adjectives, a word for a body (see BODY_STEMS) and the
    words after it up to punctuation, a preposition, a conjunction or a verb (eight words at most); "" when the
    words do not open with a body.

    >>> _body_phrase("пресс-центре штаба обороны, что"), _body_phrase("Повітряних силах ЗСУ."), _body_phrase("Києві")
    ('пресс-центре штаба обороны', 'Повітряних силах ЗСУ', '')
    """
    kept: list[str] = []
    for token in words.split()[:8]:
        bare = token.strip(',.;:!?()«»“”"')
        if not bare or bare.lower() in BODY_STOP or bare.lower() in VERB_FORMS:
            break
        kept.append(bare)
        if bare != token:
            break
    head = next((i for i, w in enumerate(kept) if body_stem(w)), None)
    if head is None or head > 2 or not all(ADJECTIVE_ENDING.search(w.lower()) for w in kept[:head]):
        return ""
    return " ".join(kept)


def _body_after_preposition(words: str) -> str:
    """The body after 'в', 'во' or 'у' opening ``words`` ("в пресс-центре штаба"), else "" (see :func:`_body_phrase`).

    >>> _body_after_preposition("в пресс-центре штаба"), _body_after_preposition("в понедельник")
    ('пресс-центре штаба', '')
    """
    m = re.match(r"\s*(?:в|во|у)\s+", words, re.I)
    return _body_phrase(words[m.end() :]) if m else ""


# Russian and Ukrainian plural verb forms: "сообщили в штабе" has no subject, the body after it speaks.
PLURAL_VERB = re.compile(r"(?:ли|лись|ют|ут|ят|ат|ють|уть|ять)$")


def _fuller_body(doc: str, body: str, before: int) -> str:
    """For a body named shortly ("у штабі", "у Повітряних силах"), the last longer name of a body written before
    that holds each of its words in some case (``прес-центр штабу АТО``), else ``body``.

    >>> _fuller_body("Про це повідомляє прес-центр штабу АТО. Далі.", "штабі", 40)
    'прес-центр штабу АТО'
    """

    def same_word(a: str, b: str) -> bool:
        return (body_stem(a) and body_stem(a) == body_stem(b)) or same_surname(a, b)

    words = body.split()
    tokens = doc[max(0, before - 1500) : before].split()
    found = ""
    for i in range(len(tokens)):
        if i and body_stem(tokens[i - 1]) and not re.search(r"[,.;:!?()]$", tokens[i - 1]):
            continue  # inside a name already seen
        phrase = _body_phrase(" ".join(tokens[i : i + 8])).split()
        if len(phrase) > len(words) and all(any(same_word(w, p) for p in phrase) for w in words):
            found = " ".join(phrase)
    return found or body


PLACE_OPENERS = set("in at on during from after before в во на у під з із из после".split())
NOT_A_ROLE = set("the a an of for and on in to at with telegram facebook twitter x".split())


def _after_place(phrase: str) -> str:
    """The subject after a place or time phrase that opens a sentence: the name at its end and the role words just
    before the name; the phrase unchanged when it does not open with a preposition or end with a name.

    >>> _after_place("In Kyiv on Friday President Volodymyr Zelensky")
    'President Volodymyr Zelensky'
    >>> _after_place("На своїй сторінці у Facebook Дмитро Кулеба")
    'Дмитро Кулеба'
    """
    tokens = phrase.split()
    if len(tokens) < 3 or tokens[0].lower() not in PLACE_OPENERS:
        return phrase
    begin = len(tokens)
    while begin > 1 and _is_name(tokens[begin - 1]) and len(tokens) - begin < 4:
        begin -= 1
    if begin == len(tokens):
        return phrase
    while begin > 1 and tokens[begin - 1].lower() in ROLE_WORDS - NOT_A_ROLE:
        begin -= 1
    return " ".join(tokens[begin:])


def _speaker_after_adverbial(phrase: str) -> str:
    """The speaker after a place or time phrase that follows a reporting verb ("said at a news conference Foreign
    Minister X"): the name that ends the words, with its role words; "" when there is none.

    >>> _speaker_after_adverbial("на итоговой пресс-конференции председатель Европейского совета Антониу Кошта")
    'Антониу Кошта'
    >>> _speaker_after_adverbial("at a news conference Foreign Minister Dmytro Kuleba")
    'Foreign Minister Dmytro Kuleba'
    >>> _speaker_after_adverbial("in Kyiv")
    ''

    """
    found = _after_place(phrase)
    return found if found != phrase else ""


def _split_name(phrase: str) -> tuple[str, str]:
    """(name, role): the last run of name-like words is the name, the words before it the role.

    >>> _split_name("Kremlin press secretary Dmitry Peskov")
    ('Dmitry Peskov', 'Kremlin press secretary')
    >>> _split_name("Мэр Курска Олег Петров")
    ('Олег Петров', 'Мэр Курска')
    >>> _split_name("the Russian Defence Ministry"), _split_name("Ministry of Energy of Georgia")
    (('', 'Russian Defence Ministry'), ('', 'Ministry of Energy of Georgia'))
    """
    tokens = re.sub(r"^(?:the|a|an)\s+", "", phrase.strip(), flags=re.I).split()
    tokens = [re.sub(r"['’]s$", "", t) if i == len(tokens) - 1 else t for i, t in enumerate(tokens)]
    end = len(tokens)
    while end and not _is_name(tokens[end - 1]):
        end -= 1
    begin = end
    while begin and _is_name(tokens[begin - 1]) and end - begin < 4:
        begin -= 1
    if begin == end or end != len(tokens) or (end - begin == 1 and begin and tokens[begin - 1] in BODY_LINKS):
        return "", " ".join(tokens)  # no name, or a place in the name of a body
    if end - begin >= 3 and begin and role_word(tokens[begin - 1]) and _complement(tokens[begin]):
        begin += 1  # "Мэр Курска Олег Петров": the city belongs to the role
    return " ".join(tokens[begin:end]), " ".join(tokens[:begin]).strip(" ,")


BODY_LINKS = {"of", "for", "and", "the"}


def _is_name(token: str) -> bool:
    return bool(NAME_TOKEN.match(token)) and not role_word(token.strip("'’"))


def _is_role_only(phrase: str) -> bool:
    """A description without a name: 'the governor', 'представитель Кремля', 'голова ОВА' (an abbreviation).

    >>> _is_role_only("голова ОВА"), _is_role_only("the governor"), _is_role_only("Governor Ivan Orlov")
    (True, True, False)
    """
    bare = re.sub(r"^(?:the|this|that|a|an)\s+", "", phrase, flags=re.I).split()
    abbreviations = {w.lower() for w in bare if len(w) >= 2 and w.isupper()}
    words = [re.sub(r"['’`]s$", "", w.lower()) for w in bare]
    return (
        bool(words)
        and all(role_word(w) or w in abbreviations or w.endswith(("ого", "ої", "ой")) for w in words)
        and any(role_word(w) and w not in NOT_A_ROLE for w in words)
    )


def _anaphoric(phrase: str) -> bool:
    """A role that points back to someone named before ('the governor', 'Президент' opening a sentence), not the
    proper name of a body ('the Navy of the Armed Forces of Ukraine').

    >>> _anaphoric("the governor"), _anaphoric("Президент"), _anaphoric("the Navy of the Armed Forces")
    (True, True, False)
    """
    words = re.sub(r"^(?:the|this|a|an)\s+", "", phrase, flags=re.I).split()
    article = re.match(r"(?:the|a|an)\s", phrase, re.I)
    head_noun = article and words[-1][:1].islower() and office_of(words[-1])
    return bool(
        words[0][:1].islower()
        or head_noun  # "the Kremlin spokesman", "a spokesperson"
        or (article and any(office_of(w) for w in words) and words[0][:1].islower())
        or (office_of(words[0]) and not any(w[:1].isupper() for w in words[1:]))
        or (article and office_of(words[0]))  # "A spokesperson for Ukraine's foreign ministry"
    )


def _offices(role: str) -> set[str]:
    """The offices a role names (see OFFICES).

    >>> sorted(_offices("Kremlin press secretary")), sorted(_offices("представитель Кремля")), _offices("мера")
    (['spokes'], ['spokes'], {'mayor'})
    """
    text = role.lower()
    for words in OFFICE_PHRASES:
        text = text.replace(words, words.replace(" ", "-"))
    return {OFFICE_OF[w] if w in OFFICE_OF else office_of(w) for w in text.split()} - {""}


def _institution_antecedent(doc: str, phrase: str, before: int) -> str:
    """For 'the intelligence' or 'the ministry': the fuller name of that body written shortly before, else ''."""
    head = phrase.split()[-1].lower()
    if head not in INSTITUTIONS:
        return ""
    window = doc[max(0, before - 400) : before]
    found = re.findall(rf"\b([{UPPER}][\w’'\-]*(?:\s+[\w’'\-]+){{0,3}}?\s+{re.escape(head)})\b", window, re.I)

    def bare(name: str) -> str:
        return re.sub(r"^(?:the|a|an)\s+", "", name, flags=re.I)

    found = [bare(f) for f in found if f[:1].isupper() and bare(f).lower() != bare(phrase).lower()]
    found = [f for f in found if len(f.split()) > 1]
    # or a body whose name holds the word: "the ministry" after "Ukraine's Ministry of Foreign Affairs"
    wider = doc[max(0, before - 1200) : before]
    bodies = re.findall(rf"[{UPPER}][\w’'`\-]*(?:\s+(?:(?:of|for|and|the)\s+)*[{UPPER}][\w’'\-]*)+", wider)
    found = found or [bare(b) for b in bodies if head in b.lower().split()]
    return found[-1] if found else ""


RELATIVE = r",\s+(?:who|який|яка|які|котрий|котра|который|которая|которые|кто)\b"
# Conjunctions that go on with the same clause after a comma ("..., так як «...»").
GOING_ON = r"(?:так як|бо|адже|оскільки|так как|поскольку|потому что|because|as|since)\b"
CLOSED_RELATIVE = re.compile(rf"{RELATIVE}[^,«»“”\"„]*,(?!\s+{GOING_ON})")
# The open clause may go on after a comma with a conjunction ("..., так як «...»").
OPEN_RELATIVE = re.compile(rf"^(?P<who>[^,]+){RELATIVE}(?:[^,«»“”\"„]|,\s+{GOING_ON})*$")
# "..., with former president Dmitry Medvedev (now ...) who went so far as to state that “...”": an English name
# with no comma before 'who', after a comma or at the start, its parenthesis masked.
NAME_WHO = re.compile(rf"(?:^|,\s+)(?P<who>[^,]+?[{LOWER}])\s+who\b(?:[^,«»“”\"„]|,\s+{GOING_ON})*$")
PARENTHESIS = re.compile(r"\s*\([^()]*\)")
# A quotation inside the words before another, masked so that its marks and commas do not count.
SHORT_QUOTE = re.compile(r"«[^«»]*»|“[^“”]*”|\"[^\"]*\"|„[^„“”]*[“”]")
# "So comments X", "Так прокомментировал ситуацию X", "Про це заявив X": the sentence after a quotation names its
# speaker after the verb.
INVERTED = re.compile(
    rf"^\s*[.!?…]?\s+(?:So|Thus|This was|That is what|Так|Об этом|Это|Про це|Це)\s+(?:\w+\s+)?(?P<verb>{VERB})"
    r"\s+(?P<rest>[^.!?]+)",
)
APPOSITION = re.compile(rf",\s+(?P<name>[{UPPER}][^\s,.;:!?]+(?:\s+[{UPPER}][^\s,.;:!?]+){{1,2}})")


def _named_subject(phrase: str) -> str:
    """The name at the end of a clause with the role words just before it, without the rest of the clause.

    >>> _named_subject("Раніше на це відреагував міністр МВС Арсен Аваков")
    'міністр МВС Арсен Аваков'
    """
    name, role = _split_name(phrase)
    if not name:
        return phrase
    words = role.split()
    kept: list[str] = []
    while words and (role_word(words[-1]) or words[-1].isupper()) and words[-1].lower() not in NOT_A_ROLE:
        kept.insert(0, words.pop())
    return " ".join([*kept, name])


def _inverted_speaker(rest: str) -> str:
    """The speaker in the words after an inverted verb: the first role word or name on, a nickname in quotation
    marks included ("ситуацию блогер «Тендар»" gives "блогер Тендар")."""
    tokens = re.sub(r"[«»“”\"„]", "", rest).split()
    for i, token in enumerate(tokens):
        if (role_word(token) and token.lower() not in NOT_A_ROLE) or _is_name(token.strip(",;:")):
            return _leading_speaker(" ".join(tokens[i:]))
    return ""


def _apposed_after(after: str) -> str:
    """The speaker of a name-and-apposition attribution right after a quotation, role words first, or ''; the
    attribution ends its sentence, with at most a short place or time phrase after the verb.

    >>> _apposed_after(" Serhiy Popko, head of Kyiv's military administration, said on the Telegram messaging app.")
    "head of Kyiv's military administration Serhiy Popko"
    >>> _apposed_after(", the spokeswoman, Anna Petrova, told reporters.")
    'spokeswoman Anna Petrova'
    >>> _apposed_after(" Zelensky, who spoke in Kyiv, said."), _apposed_after(" Kyiv, Odesa, Lviv reported blasts.")
    ('Zelensky', '')
    >>> _apposed_after(" Dmitry Peskov, the Kremlin spokesman, said on Monday that Kyiv was not ready.")
    ''
    """
    m = AFTER_APPOSED.match(after)
    if not m or not ATTRIBUTION_END.match(after, m.end("verb")):
        return ""
    who, app = (re.sub(r"^(?:the|a|an)\s+", "", g.strip(), flags=re.I) for g in (_trim_phrase(m["who"]), m["app"]))
    if _split_name(who) == (who, "") and re.match(r"(?:who|which)\b", app):
        return who  # "“...,” Zelensky, who spoke in Kyiv, said."
    for name, words in ((who, app), (app, who)):
        # one of the two is a name alone, the other a description that starts with a role word
        if _split_name(name) == (name, "") and words.split() and role_word(words.split()[0]):
            return f"{words} {name}"
    return ""


def _attribution(doc: str, start: int, end: int, sentence: tuple[int, int], para_end: int) -> tuple[str, int, str]:
    """The speaker phrase of the quotation doc[start:end] as written, where it is, and a named author."""
    after = doc[end:para_end]
    m = INVERTED.match(after)
    if m:
        who = _inverted_speaker(m.group("rest"))
        if who and _plausible_speaker(who):
            return _trim_phrase(who), end + m.start("rest"), ""
    closed_sentence = re.search(r"[.!?…][\"”»’“]$", doc[start:end]) and re.match(rf"\s+[{UPPER}]", after)
    apposed = _apposed_after(after)
    if apposed:
        return apposed, end + len(after) - len(after.lstrip(" ,.!?…")), ""
    for rx in () if closed_sentence else (AFTER_READS, AFTER_QUOTED_AS, AFTER_VERB_FIRST, AFTER_WHO_FIRST):
        m = rx.match(after)
        if m and m.group("who").strip():
            who = m.group("who")
            if rx is AFTER_VERB_FIRST:
                if re.match(r"(?:that|что|що)\b", who, re.I):
                    continue
                body = _body_after_preposition(who)
                if body and PLURAL_VERB.search(m.group("verb").lower()):
                    return _fuller_body(doc, body, start), end + m.start("who"), ""  # "— сообщили в штабе"
                who = _leading_speaker(who) or _speaker_after_adverbial(who)
                appos = APPOSITION.match(after, m.start("who") + len(who))
                if appos and _is_role_only(who) and _split_name(appos.group("name"))[0]:
                    who = f"{who} {appos.group('name')}"  # "said the spokesman, Oleksiy Hromov"
            return _trim_phrase(who), end + m.start("who"), ""
    m = None if closed_sentence or doc[sentence[0] : start].strip() else SENTENCE_END_ATTRIBUTION.match(after)
    if m and re.search(r"\b[a-zа-яёіїєґ]{3,}", m.group("rest")) and not re.match(r"\s*(?:that|which|who)\b", m["rest"]):
        who = _trim_phrase(m.group("who"))
        named_body = re.match(rf"(?:the\s+)?[{UPPER}]", who)  # "the Novoshakhtinsk refinery"
        if who and (_plausible_speaker(who) or named_body) and len(who.split()) <= 6:
            return who, end + m.start("who"), ""
    m = AFTER_NAME_ANY_VERB.match(after)
    if m and re.search(r",[\"”»’“]$", doc[start:end]) and _split_name(m.group("who"))[0]:
        return m.group("who"), end + m.start("who"), ""
    before = CLOSED_RELATIVE.sub(lambda r: " " * len(r.group()), doc[sentence[0] : start])  # offsets kept
    masked = SHORT_QUOTE.sub(lambda r: "x" * len(r.group()), doc[sentence[0] : start])
    m = OPEN_RELATIVE.search(CLOSED_RELATIVE.sub(lambda r: " " * len(r.group()), masked))
    m = m or NAME_WHO.search(PARENTHESIS.sub(lambda r: " " * len(r.group()), masked))
    if m:
        # "Аваков, який закликав «...»", "Аваков, який закликав Володіна «говорити частіше», так як «...»": the
        # name ending the clause with its role words, or else the trimmed clause when that is a name
        with_role = _named_subject(m.group("who").strip())
        subject = with_role if _split_name(with_role)[1] else _trim_phrase(m.group("who"))
        if _split_name(subject)[0]:
            return _trim_phrase(subject), sentence[0], ""
    m = BEFORE_ACCORDING.search(before)
    if m:
        return _trim_phrase(m.group("who")), sentence[0] + m.start("who"), ""
    m = BEFORE_WORDS_OF.search(before)
    if m and _split_name(m.group("who"))[0]:
        return _trim_phrase(m.group("who")), sentence[0] + m.start("who"), ""
    m = BEFORE_NAMED_LABEL.search(before)
    elsewhere = re.findall(rf"[{UPPER}][{LOWER}'’\-]+", doc[: sentence[0]] + " " + doc[end:]) if m else []
    if m and any(same_surname(m.group("who").split()[-1], w) for w in elsewhere) and not role_word(m.group("who")):
        # the name in the label is written elsewhere too ("Зеленський ... Пряма мова Зеленського:"), not "Цитата Дня"
        return m.group("who"), sentence[0] + m.start("who"), ""
    m = BEFORE_LABEL.search(before)
    if m:  # "Прямая речь: «...»": no speaker written, found like a pronoun
        return "they", sentence[0] + m.start(), ""
    if BEFORE_POSSESSIVE.search(before):
        return "he", sentence[0] + BEFORE_POSSESSIVE.search(before).start(), ""
    m = BEFORE_APPOSED.search(before)
    named = [g for g in ("who", "app") if m and _split_name(_trim_phrase(m.group(g)))[0]] if m else []
    if len(named) == 1:  # the one of the two that is a name; none when both are (a list of names)
        return _trim_phrase(m.group(named[0])), sentence[0] + m.start(named[0]), ""
    m = BEFORE_COLON.search(before)
    if m:
        subject = before[: m.start("verb")].strip()
        subject = re.split(rf"[,;]\s+(?![{UPPER}][{LOWER}]+\s+(?:" + VERB + r"))", subject)[-1] if subject else ""
        subject = re.sub(r"^(?:Later|Earlier|Then|Also|Позже|Ранее|Также|Пізніше|Раніше|Також)[, ]+", "", subject)
        if subject and CONJUNCTION.match(subject) and not _split_name(_trim_phrase(subject))[0]:
            # "..., але категорично заявив:": the verb shares the sentence's subject, found like a pronoun
            verb = m.group("verb").lower()
            pronoun = "she" if FEMALE_VERB.match(verb) else "he" if MALE_VERB.match(verb) else "they"
            return pronoun, sentence[0] + before.find(subject), ""
        if subject:
            return _trim_phrase(subject), sentence[0] + before.find(subject), ""
    m = re.search(rf",\s+(?:{PARTICIPLE}|заявив|сказав|заявляя|добавив|додавши|зазначивши|наголосивши)\b", before)
    if m:
        subject = _leading_speaker(re.sub(rf"^(?:[{UPPER}]\w+,\s+)", "", before.strip()))
        if subject and _plausible_speaker(subject):
            return subject, sentence[0], ""
    for m in reversed(list(BEFORE_REPORTED.finditer(before))):
        who = _trim_phrase(re.split(r"[,;]\s+", m.group("who"))[-1])
        relative = re.search(
            r"\b(?:who|которые|который|которая|які|який|яка)\b(?P<clause>.*)$", before[m.end("verb") :]
        )
        if relative and re.search(rf"(?<!\w)(?:{VERB}|repeating|that|что|що)(?!\w)", relative["clause"], re.I):
            break  # "thanked the medics who keep repeating that “...”": the people of the clause are quoted
        if _plausible_speaker(who):
            return who, sentence[0] + m.start("who"), ""
    m = BEFORE_VERB_IN_SENTENCE.search(before)
    if m and not FULL_NAME.search(before, m.end("verb")):
        who = _trim_phrase(re.split(r"[,;]\s+", m.group("who"))[-1])
        if _plausible_speaker(who):  # "A spokesperson said Russia could prove its will “...”"
            return who, sentence[0] + m.start("who"), ""
    m = INTERRUPTION.search(doc, start, end)
    if m:  # «...,— сказал господин Гладков журналистам.— ...»: the attribution inside the marks
        who = _trim_phrase(_leading_speaker(m.group("who")))
        if who and _plausible_speaker(who):
            return who, m.start("who"), ""
    return "", start, ""


def _title_case_name(words: str) -> bool:
    """Whether quoted words are a name in title case ("A Just Russia – For Truth", "DPR Territorial Defense
    Headquarters"), not a statement: every word capitalised but short linking words, and no closing punctuation.

    >>> _title_case_name("A Just Russia – For Truth"), _title_case_name("We Will Win This War.")
    (True, False)
    """
    tokens = [
        t
        for t in words.split()
        if t not in {"–", "—", "-"} and t.lower() not in {"of", "the", "and", "for", "in", "on"}
    ]
    plain = not re.search(r"[.!?…,;:]", words)  # a slogan or a sentence has punctuation: "Glory To Ukraine, ..."
    return plain and all(t[:1].isupper() or t[:1].isdigit() for t in tokens)


def _paragraph_pieces(doc: str, start: int, end: int, words: str) -> list[tuple[int, int, str]]:
    """The paragraphs of the quotation doc[start:end] as (start, end, words), each without its marks; the whole
    quotation when it is in one paragraph.

    >>> doc = "“We will stay.\\n\\n“The city needs us,” she said."
    >>> [w for _, _, w in _paragraph_pieces(doc, 0, doc.index(" she"), "")]
    ['We will stay.', 'The city needs us']
    """
    if PARAGRAPH_BREAK not in doc[start:end]:
        return [(start, end, words)]
    pieces = []
    at = start
    for part in doc[start:end].split(PARAGRAPH_BREAK):
        text = part.strip()
        text = text[1:] if text[:1] in PAIRS or text[:1] == "”" else text
        text = text[:-1] if text[-1:] in CLOSERS else text
        pieces.append((at, at + len(part), text.strip().rstrip(",;:").strip()))
        at += len(part) + len(PARAGRAPH_BREAK)
    return pieces


def _candidates(doc: str) -> list[_Candidate]:
    dashed = _dash_spans(doc)
    spans = dashed + [s for s in _quote_spans(doc) if not any(a <= s[0] < b for a, b, _ in dashed)]
    spans.sort()
    sentences = _sentences(doc, spans)
    breaks = [m.start() for m in re.finditer(re.escape(PARAGRAPH_BREAK), doc)] + [len(doc)]

    def sentence_of(pos: int) -> tuple[int, int]:
        return next((s for s in sentences if s[0] <= pos < s[1]), (0, len(doc)))

    out = []
    for a, b, words in spans:
        words = words.strip().rstrip(",;:").strip()
        if len(words.split()) < MIN_WORDS or _title_case_name(words):
            continue
        para_end = next(x for x in breaks if x >= b)
        # a quotation that spans paragraphs: its attribution is in the paragraph it closes in, and each of its
        # paragraphs is a row with that attribution
        cut = INTERRUPTION.search(doc, a, b) if PARAGRAPH_BREAK not in doc[a:b] else None
        if cut:
            # «...,— сказал он в эфире. — ...»: the two parts are two rows with the attribution between them
            phrase, at, _ = _attribution(doc, a, cut.start(), sentence_of(a), para_end)
            first_end = cut.start() + (doc[cut.start()] in "!?…")  # "?!", "!" and "…" belong to the words
            for pa, pb, piece in ((a, first_end, doc[a + 1 : first_end]), (cut.end(), b, doc[cut.end() : b - 1])):
                piece = piece.strip().rstrip(",;:").strip()
                if len(piece.split()) >= MIN_WORDS:
                    out.append(_Candidate("direct", pa, pb, piece, phrase, at))
            continue
        phrase, at, _ = _attribution(doc, a, b, sentence_of(a), para_end)
        for pa, pb, piece in _paragraph_pieces(doc, a, b, words):
            if len(piece.split()) >= MIN_WORDS:
                out.append(_Candidate("direct", pa, pb, piece, phrase, at))
    quoted = [(a, b) for a, b, w in spans if len(w.split()) >= MIN_WORDS]
    for s, e in sentences:
        if any(a < e and s < b for a, b in quoted):
            continue
        cand = _reported(doc, s, e)
        if cand is not None:
            out.append(cand)
    return sorted(out, key=lambda c: c.start)


def _reported(doc: str, s: int, e: int) -> _Candidate | None:
    """Reported speech in the sentence doc[s:e]: 'According to X, ...', 'X said that ...', '..., X said.'"""
    text = doc[s:e].strip()
    lead = s + (len(doc[s:e]) - len(doc[s:e].lstrip()))
    m = REPORTED_POSSESSIVE.match(text)
    if m:  # "По его словам, ..." standing alone: the pronoun's antecedent said it
        group = next(g for g in ("ru", "uk", "en") if m.group(g))
        pronoun = POSSESSIVE_PRONOUN[m.group(group).lower()]
        return _Candidate("reported", lead, s + len(doc[s:e]), m.group("what"), pronoun, lead + m.start(group))
    m = REPORTED_ACCORDING.match(text)
    if m:
        return _Candidate(
            "reported", lead, s + len(doc[s:e]), m.group("what"), _trim_phrase(m.group("who")), lead + m.start("who")
        )
    for rx in (REPORTED_WHO_FIRST, REPORTED_EN_NO_THAT):
        m = rx.match(text)
        if m and _plausible_speaker(m.group("who")):
            return _Candidate("reported", lead, e, m.group("what"), _trim_phrase(m.group("who")), lead + m.start("who"))
    m = REPORTED_WHO_LAST.match(text)
    if m:
        rest = m.group("rest")
        v1 = re.match(rf"(?P<verb>{VERB})\s+(?P<who>{PHRASE})", rest)
        v2 = re.match(rf"(?P<who>{PHRASE}?)\s+(?P<verb>{VERB})\b", rest)
        who = v1.group("who") if v1 else (v2.group("who") if v2 and _plausible_speaker(v2.group("who")) else "")
        if who and len(rest.split()) <= 14:
            return _Candidate("reported", lead, e, m.group("what"), _trim_phrase(who), lead + m.start("rest"))
    return None


def _plausible_speaker(phrase: str) -> bool:
    """A subject that can be a speaker: a pronoun, or words that start with a capital and name someone."""
    phrase = phrase.strip()
    if not phrase or len(phrase.split()) > 10:
        return False
    if phrase.lower() in PRONOUNS or phrase.lower() == "it":
        return True
    first = phrase.split()[0]
    if first.lower() in {"it", "this", "there", "that", "what", "which", "who", "это", "що", "цей", "то", "как", "як"}:
        return False
    trimmed = _trim_phrase(phrase).split()
    if any(_is_predicate(w) for w in trimmed[1:]):
        return False  # a clause ("Zelensky met the families of soldiers"), not someone
    name, role = _split_name(_trim_phrase(phrase))
    return bool(name) or _is_role_only(phrase) or (first[:1].isupper() and first.lower() not in {"but", "and"})


def _is_predicate(word: str) -> bool:
    """An English verb that makes the words around it a clause: an auxiliary, a reporting verb or a past in -ed, but
    not a role word (Russian and Ukrainian subjects are left to the verb patterns).

    >>> _is_predicate("met"), _is_predicate("criticised"), _is_predicate("told"), _is_predicate("armed")
    (True, True, True, False)
    """
    w = word.lower().strip(",.;:")
    if role_word(w) or not re.fullmatch(r"[a-z]+", w):
        return False
    return w in AUXILIARIES or w in VERB_FORMS or bool(re.fullmatch(r"[a-z]{3,}ed", w))


ROLE_STOP = set(
    "by and with that as to from за по и а что що так як как про это це of-the said told is was reporters "
    "журналистам журналістам "
    "in at on в у на з із до від при".split()
)


def _role_token(token: str) -> bool:
    """A word that can be part of the role written before a name: a role word, or a lower-case word."""
    if re.search(r"[,.;:!?()«»“”\"]", token) or token.lower() in ROLE_STOP or token.lower() in VERB_FORMS:
        return False
    abbreviation = len(token) >= 2 and token.isupper()  # "Голова Одеської ОВА"
    return (
        role_word(token)
        or token[:1].islower()
        or token.endswith(("'s", "’s", "`s"))
        or abbreviation
        or bool(PLACE_ADJECTIVE.search(token))
    )


# Adjectives of a place, capitalised in a role ("Одеської", "Белгородской"): part of the role, never a name.
PLACE_ADJECTIVE = re.compile(r"^[А-ЯЁІЇЄҐ]\w+(?:ськ|цьк|ск|цк)(?:ий|ого|ої|ій|ая|ой|ому|им|а|е|ої)$")


# Russian and Ukrainian adjective endings of the oblique cases that no first name has (not -ий, -ей, -им, -ой: Юрий,
# Сергей, Максим, Ириной).
PLACE_GENITIVE = re.compile(r"[а-яёіїєґ](?:ого|ої|ому|ым)$")


def _mentions(doc: str, spans: list[tuple[int, int]]) -> list[tuple[int, str, str, str]]:
    """(position, full name, role, gender) of every full name (two or more name-like words) outside quotations; the
    role is the run of role words just before it ("Presidential Spokesman Dmitry Peskov"), the gender what
    :func:`gender_of` tells from the name, the role and the word after it."""
    found = []
    # name words on one line: a name never runs over a paragraph break
    for m in re.finditer(rf"(?:[{UPPER}][{LOWER}'’\-]+[^\S\n]+){{1,6}}[{UPPER}][{LOWER}'’\-]+", doc):
        if any(a <= m.start() < b for a, b in spans):
            continue
        tokens = m.group().split()
        while tokens and not all(_is_name(t) for t in tokens):
            tokens = tokens[1:]  # "Віце-прем'єр-міністр України Дмитро Кулеба": the name is the last run
        while tokens and PLACE_GENITIVE.search(tokens[0]):
            tokens = tokens[2:]  # "Кривого Рогу", "Верховної Ради": an adjective and its noun, a place or a body
        if len(tokens) >= 2:
            at = m.start() + m.group().rfind(" ".join(tokens))
            before = doc[max(0, at - 80) : at].split()
            if len(tokens) >= 3 and before and role_word(before[-1]) and _complement(tokens[0]):
                before.append(tokens.pop(0))  # "Мер Полтави Олег Коваль": the city belongs to the role
            role: list[str] = []
            while before and len(role) < 6 and _role_token(before[-1]):
                role.insert(0, before.pop())
            role = role[1:] if role and role[0].lower() in ("the", "a", "an") else role
            role = role or _apposed_role(doc, at, m.end())
            following = doc[m.end() : m.end() + 40].split()
            gender = gender_of(" ".join(tokens), " ".join(role), following[0] if following else "")
            found.append((m.start(), " ".join(tokens), " ".join(role), gender))
    return found


def _apposed_role(doc: str, start: int, end: int) -> list[str]:
    """The role in an apposition before a name, when the name is set off by commas and the words before it, from
    the start of the sentence, are a role that names an office ("The press secretary of the ministry, Oleh
    Nikolenko, said"); else [].

    >>> doc = "The press secretary of the ministry, Oleh Nikolenko, said so."
    >>> _apposed_role(doc, doc.index("Oleh"), doc.index(", said"))
    ['press', 'secretary', 'of', 'the', 'ministry']
    """
    if not (doc[:start].endswith(", ") and doc[end : end + 1] == ","):
        return []
    opening = max([m.end() for m in re.finditer(r"[.!?]\s|\n", doc[: start - 2])], default=0)
    words = doc[opening : start - 2].split()
    words = words[1:] if words and words[0].lower() in ("the", "a", "an") else words
    if not words or len(words) > 12 or not role_word(words[0]) or not _offices(" ".join(words)):
        return []
    return words if all(_role_token(w) or _is_name(w) for w in words) else []


def _complement(token: str) -> bool:
    """A Cyrillic word in the genitive that can complete a role ("Полтави", "Харкова"), not a woman's first name."""
    return bool(CYRILLIC.search(token)) and token.lower().endswith(GENITIVE) and token.lower() not in FEMALE_FIRST_NAMES


GENITIVE = ("а", "я", "и", "ы", "ї", "у", "ої", "ого")


def _authored_by(doc: str, before: int) -> str:
    """The author of 'the statement' a quote comes from, as the sentence before names it (X's telegram, a body
    that reported it: "Об этом сообщили в пресс-центре штаба").

    >>> _authored_by("Про це повідомляє прес-центр штабу АТО. «Тихо», - йдеться у повідомленні.", 40)
    'прес-центр штабу АТО'
    """
    window = doc[max(0, before - 300) : before]
    name = rf"[{UPPER}][\w.\-]+(?:\s+[{UPPER}][\w.\-]+)*?"
    body = rf"[{UPPER}][\w.\-`'’]*(?:\s+(?:(?:of|for|and|the)\s+)*[{UPPER}][\w.\-]*)*"
    m = list(re.finditer(rf"\b({name})['’`]s\s+(?i:{AUTHORED})", window))
    m = m or list(re.finditer(rf"(?i:{AUTHORED})\s+(?:of|by)\s+(?:the\s+)?({name})\b", window))
    # "Ukraine's Ministry of Foreign Affairs said in its statement"
    m = m or list(re.finditer(rf"\b({body})\s+{VERB}\s+in\s+(?:its|his|her|their|a)\s+(?i:{AUTHORED})", window))
    if m:
        return re.sub(r"^(?:The|A|An)\s+", "", m[-1].group(1))
    # "Об этом сообщили в пресс-центре штаба", "Про це повідомляє прес-центр штабу": the body that reported it
    reported = [
        re.match(r"(?:(?:в|во|у)\s+)?(.*)", r.group(1), re.S | re.I)
        for r in re.finditer(rf"\b{VERB}\s+([^.!?]+)", window, re.I)
    ]
    bodies = [_body_phrase(r.group(1)) for r in reported if r]
    return next((b for b in reversed(bodies) if b), "")


def _pronoun_subject(phrase: str) -> str:
    """The pronoun of a subject that is a pronoun with adverbs after it ("He also", "Вона також"), lower-cased;
    "" for any other phrase.

    >>> _pronoun_subject("He also"), _pronoun_subject("Она, однако, также"), _pronoun_subject("He Jiankui")
    ('he', '', '')
    >>> _pronoun_subject("Вона також"), _pronoun_subject("she"), _pronoun_subject("В то же время он")
    ('вона', 'she', 'он')
    >>> _pronoun_subject("Также он"), _pronoun_subject("him")
    ('он', 'he')
    """
    words = phrase.lower().split()
    if len(words) == 1 and words[0] in ("him", "her", "them"):
        return POSSESSIVE_PRONOUN[words[0]]  # "quotes him as saying"
    if words and words[0] in PRONOUNS and all(w in SUBJECT_ADVERBS for w in words[1:]):
        return words[0]
    before = [w for w in phrase.split()[:-1] if w.lower() not in SUBJECT_ADVERBS]
    if len(words) > 1 and words[-1] in PRONOUNS and not any(_is_name(w) for w in before):
        return words[-1]  # "В то же время он", "At the same time he", "Также он"
    return ""


AUXILIARIES = set("has had have was is will would could can did does spoke met went came gave made took".split())
CYRILLIC_PAST = re.compile(r"^[а-яёіїєґ]{3,}(?:л|ла|ли|лся|лась|лись|в|вся|лася)$")


def _opens_predicate(word: str) -> bool:
    """A word that can follow a subject: a reporting verb, an auxiliary or adverb, a past-tense verb.

    >>> _opens_predicate("visited"), _opens_predicate("приехал"), _opens_predicate("that"), _opens_predicate("war")
    (True, True, False, False)
    """
    w = word.lower().strip(",.;:!?")
    return bool(
        w in VERB_FORMS
        or w in AUXILIARIES
        or w in SUBJECT_ADVERBS
        or re.fullmatch(r"[a-z]{2,}ed", w)
        or CYRILLIC_PAST.match(w)
    )


def _subjects(doc: str, start: int, end: int, names: list[str]) -> list[tuple[int, str]]:
    """(position, name) of the names (of ``names``, matched by surname in any case) that are the subject of a clause
    in doc[start:end], in order: a name followed by a verb ("Zelenskyy said", "Петров приехал") or after a reporting
    verb and its role words ("рассказал пресс-секретарь Сергей Никифоров"); a possessive ("Putin's war") is not one.

    >>> _subjects("Speaking in Kyiv, Zelenskyy said it was late, in an interview with Al Jazeera.", 0, 80,
    ...           ["Volodymyr Zelenskyy", "Al Jazeera"])
    [(18, 'Volodymyr Zelenskyy')]
    """
    text = SHORT_QUOTE.sub(lambda r: "x" * len(r.group()), doc[start:end])
    found = []
    for m in re.finditer(rf"[{UPPER}][\w'’\-]+", text):
        after = text[m.end() :].split()
        if (after and _is_name(after[0])) or re.search(r"['’]s$", m.group()):
            continue  # not the last word of a name, or a possessive
        name = next((n for n in reversed(names) if same_surname(n, m.group())), "")
        if not name:
            continue
        if after and after[0].lower() in COORDINATING:  # "Ирина Смирнова и губернатор Анна Петрова провели"
            after = after[1:]
            while after and (role_word(after[0]) or _is_name(after[0].strip(","))):
                after = after[1:]
        before = text[: m.start()].split()
        while before and (_is_name(before[-1]) or (_role_token(before[-1]) and before[-1].lower() not in VERB_FORMS)):
            before.pop()
        if (after and _opens_predicate(after[0])) or (before and before[-1].lower() in VERB_FORMS):
            found.append((start + m.start(), name))
    return found


COORDINATING = {"and", "и", "і", "й", "та"}
PREPOSITIONS = set("with to from by at of in on for about с со з із зі в во у на для от від до о об про".split())


def _oblique(doc: str, at: int) -> bool:
    """Whether the name at ``at`` is the object of a preposition, after its role words ("in an interview with
    Al Jazeera", "в интервью с министром Иваном Орловым").

    >>> doc = "He spoke with Al Jazeera and Mayor Ivan Orlov, then met Oleh Syniehubov."
    >>> _oblique(doc, doc.index("Al")), _oblique(doc, doc.index("Ivan")), _oblique(doc, doc.index("Oleh"))
    (True, True, False)
    """
    before = doc[max(0, at - 120) : at].split()

    def part_of_object(word: str) -> bool:  # role words, abbreviations, and names joined by "and" ("с X и мэром Y")
        return (role_word(word) or word.isupper() or _is_name(word) or word.lower() in COORDINATING) and (
            word.lower() not in PREPOSITIONS
        )

    while before and part_of_object(before[-1]):
        before.pop()
    return bool(before) and before[-1].lower() in PREPOSITIONS


def _window_start(doc: str, sentences: list[tuple[int, int]], at: int) -> int:
    """Where a pronoun at ``at`` looks back to: the start of the second sentence before it, or of the previous
    paragraph when that is earlier."""
    current = next((i for i, (a, b) in enumerate(sentences) if a <= at < b), len(sentences))
    start = sentences[max(0, current - 2)][0] if sentences else 0
    para_start = doc.rfind(PARAGRAPH_BREAK, 0, at)
    if para_start >= 0:  # the previous paragraph, from its start
        previous = doc.rfind(PARAGRAPH_BREAK, 0, para_start)
        start = min(start, previous + len(PARAGRAPH_BREAK) if previous >= 0 else 0)
    return start


def _fitting_subjects(doc: str, start: int, end: int, people: list[_Person], gender: str) -> list[_Person]:
    """The people named as subjects in doc[start:end] whose gender fits ``gender`` (or is not known)."""
    subjects = [n for _, n in _subjects(doc, start, end, [p.name for p in people])]
    fitting = [p for p in people if any(same_surname(p.name, n) for n in subjects)]
    return [p for p in fitting if not gender or not p.gender or p.gender == gender]


def _subject_antecedent(
    doc: str,
    sentences: list[tuple[int, int]],
    at: int,
    people: list[_Person],
    mentions: list[tuple[int, str, str, str]],
    gender: str,
) -> _Person | None:
    """Who "he", "she" or "он" at ``at`` points back to by subjects: the one person of that gender (when the text
    tells) named as a subject in the two sentences before, in the previous paragraph or earlier in its own sentence;
    None when no one or two people are, or when another person of that gender is named after the subject and is not
    the object of a preposition ("He met Alexander Bastrykin")."""
    start = _window_start(doc, sentences, at)
    fitting = _fitting_subjects(doc, start, at, people, gender)
    if len(fitting) != 1:
        return None
    named = [pos for pos, n, _, _ in mentions if start <= pos < at and same_surname(n, fitting[0].name)]
    since = named[-1] if named else start
    rivals = [
        n
        for pos, n, _, g in mentions
        if since < pos < at
        and not same_surname(n, fitting[0].name)
        and (not gender or not g or g == gender)
        and not _oblique(doc, pos)
    ]
    return None if rivals else fitting[0]


def _antecedent(
    registry: _Registry, last: _Person | None, between: list[tuple[str, str]], gender: str
) -> _Person | None:
    """Who "he", "she", "она" or "the official" points back to, when that is clear: the last speaker if no one who
    could be meant was named since (someone of the other gender does not count); else the one person of that
    gender named so far (see below); else, when no one has spoken yet, the one person named so far; else no one."""

    def fits(g: str) -> bool:
        return not gender or not g or g == gender

    # a Russian or Ukrainian name marks a woman (Захарова, Марія, заявила), so one unmarked is no "она" ("Лондон")
    unmarked_cyrillic = last is not None and not last.gender and bool(CYRILLIC.search(last.name))
    if last is not None and fits(last.gender) and not (gender == "f" and unmarked_cyrillic):
        others = [g for n, g in between if not same_surname(n, last.name)]
        if all(not fits(g) for g in others):
            return last
    # A woman's name is marked in Russian and Ukrainian (Захарова заявила, Поповой) and mostly in transliteration
    # (Maria, Zakharova), so for "she" the pool is the women the text marks; for "he", everyone not marked a woman.
    pool = [p for p in registry.people if (p.gender == "f" if gender == "f" else fits(p.gender))] if gender else []
    if len(pool) == 1:
        return pool[0]
    if last is None and len(registry.people) == 1 and fits(registry.people[0].gender):
        return registry.people[0]  # no one has spoken yet and one person is named: the antecedent is clear
    return None


def _follows(doc: str, previous: tuple[_Person | None, int, int, str], c: _Candidate) -> bool:
    """Whether quotation ``c`` continues the statement before it: a direct quotation in the same paragraph, or a
    reported statement in the sentence just before (the same or the previous paragraph, nothing in between)."""
    para = doc.count(PARAGRAPH_BREAK, 0, c.start)
    if previous[3] == "direct":
        return previous[1] == para
    return para - previous[1] <= 1 and not doc[previous[2] : c.start].strip()


def _continues(doc: str, previous: tuple[_Person | None, int, int, str], c: _Candidate) -> bool:
    """Whether quotation ``c`` is a paragraph of quotation alone right after a paragraph whose last statement was a
    quotation (the convention of a quote that goes on in a new paragraph), or after one paragraph of narration
    that quotes and reports no one.

    >>> doc = "“We will stay,” Ms Lee said." + PARAGRAPH_BREAK + "“The city needs us now.”"
    >>> _continues(doc, (None, 0, 14, "direct"), _Candidate("direct", 30, 54, "The city needs us now.", "", 30))
    True
    """
    para = doc.count(PARAGRAPH_BREAK, 0, c.start)
    start = doc.rfind(PARAGRAPH_BREAK, 0, c.start) + 1
    end = doc.find(PARAGRAPH_BREAK, c.end)
    end = len(doc) if end < 0 else end
    alone = not re.search(r"\w", doc[start : c.start] + doc[c.end : end])
    if previous[3] != "direct" or not alone:
        return False
    if previous[1] == para - 2:
        # one paragraph of narration in between, with no quotation and no reporting verb ("We are in the treatment
        # room ..."): the speaker goes on
        gap = doc[doc.find(PARAGRAPH_BREAK, previous[2]) : start].strip()
        narrator = re.match(r"(?:We|I|Мы|Я|Ми)\s", gap)  # the reporter's own narration, not another person
        return bool(narrator) and not re.search(r"[«»“”\"„]", gap) and not re.search(rf"(?<!\w){VERB}(?!\w)", gap, re.I)
    return previous[1] == para - 1


# Doubled apostrophes used as quotation marks (''...''): read as a straight double quote.
DOUBLED_APOSTROPHES = re.compile(r"''|’’|‘‘")


def extract_quotes(text: str, language: str | None = None) -> list[Quote]:
    """Every direct quotation and reported statement in ``text``, in order, with speakers resolved.

    >>> t = "Peskov said the drones were shot down. “The investigation will handle that issue,” he said."
    >>> [(q.speaker, q.quote_type) for q in extract_quotes(t)]
    [('Peskov', 'paraphrase'), ('Peskov', 'verbatim')]
    """
    paragraphs = paragraphs_of(text)
    doc = DOUBLED_APOSTROPHES.sub('"', PARAGRAPH_BREAK.join(paragraphs))
    language = language or language_of(doc)
    candidates = _candidates(doc)
    quoted = [(c.start, c.end) for c in candidates if c.kind == "direct"]
    mentions = _mentions(doc, quoted)
    sentences = _sentences(doc, [(a, b, "") for a, b in quoted])
    registry = _Registry()
    last: _Person | None = None
    last_at = 0
    quotes = []
    pending = list(mentions)
    previous: tuple[_Person | None, int, int, str] | None = None
    body_said = ("", 0)  # the last body given as a speaker and its paragraph, for "It said"

    def c_para(c: _Candidate) -> int:
        return doc.count(PARAGRAPH_BREAK, 0, c.start)

    for c in candidates:
        while pending and pending[0][0] < c.phrase_at:
            _, name, role, gender = pending.pop(0)
            registry.add(name, role, gender)
        phrase = _pronoun_subject(c.phrase) or c.phrase
        speaker, role = "", ""
        person = None
        lowered = phrase.lower()
        unnamed = re.sub(r"^(?:the|a|an)\s+", "", lowered)
        para = c_para(c)
        if unnamed in PERSON_WORDS:
            # "— каже жінка", "the woman said": the last speaker when that was a person with no office of the same
            # gender and no one was named since; else the word as written ("a woman said" always)
            gender = GENDER_OF_PRONOUN[PERSON_WORDS[unnamed]]
            named_since = [n for pos, n, _, _ in mentions if last_at < pos < c.phrase_at]
            definite = not re.match(r"(?:a|an)\s", lowered)
            if definite and last is not None and not last.role and last.gender in ("", gender) and not named_since:
                person = last
            else:
                speaker = re.sub(r"^(?:the|a|an)\s+", "", c.phrase, flags=re.I)
        elif lowered == "it":
            # "It added that ...": the body that spoke last, in this paragraph or the one before when this one
            # opens with "It"
            opens_with_it = re.match(r"It\s", doc[doc.rfind(PARAGRAPH_BREAK, 0, c.start) + 1 :].lstrip())
            if body_said and (para == body_said[1] or (para == body_said[1] + 1 and opens_with_it)):
                speaker = body_said[0]
        elif re.fullmatch(rf"(?:the\s+)?{AUTHORED}(?:\s+\w+){{0,2}}", lowered):
            speaker = _authored_by(doc, c.start)
            if speaker and not _body_phrase(speaker):  # a person, not a body ("прес-центр штабу")
                person = registry.find(speaker.split()[-1])
                speaker = person.name if person else speaker
        elif lowered in PRONOUNS or (_is_role_only(phrase) and set(lowered.split()) & GENERIC_ROLES):
            between = [(n, g) for pos, n, _, g in mentions if last_at < pos < c.phrase_at]
            person = _antecedent(registry, last, between, GENDER_OF_PRONOUN.get(lowered, ""))
            gender = GENDER_OF_PRONOUN.get(lowered, "")
            if person is None and gender:
                person = _subject_antecedent(doc, sentences, c.phrase_at, registry.people, mentions, gender)
            elif person is not None and person is last and gender:
                # the last speaker, unless another person who fits is named as a subject since
                since = max(last_at + 1, _window_start(doc, sentences, c.phrase_at))
                if any(p is not last for p in _fitting_subjects(doc, since, c.phrase_at, registry.people, gender)):
                    person = None
        elif not phrase and c.kind == "direct" and previous is not None and _follows(doc, previous, c):
            # a quotation right after another in the same paragraph, or right after a reported statement, with no
            # attribution of its own and no one named in between
            # names in the attribution of the quotation before ("..., President Erdogan's adviser Ibrahim Kalin
            # said.") are not someone named in between
            said_end = next((e for b, e in sentences if b <= previous[2] - 1 < e), previous[2])
            since = said_end if c.start >= said_end else previous[2]
            between = [n for pos, n, _, _ in mentions if max(previous[2], since) <= pos < c.start]
            if not between:
                person = previous[0]
        elif not phrase and c.kind == "direct" and previous is not None and _continues(doc, previous, c):
            # a paragraph of quotation alone after an attributed quotation: the same speaker goes on, unless
            # someone is named after the sentence that attributed it
            said = next((e for s, e in sentences if s <= last_at < e), last_at)
            if not [n for pos, n, _, _ in mentions if max(said, previous[2]) <= pos < c.start]:
                person = previous[0]
        elif phrase and _is_role_only(phrase) and _anaphoric(phrase):
            wanted = _offices(phrase)
            matches = [p for p in registry.people if wanted & _offices(p.role)]
            later = [(n, r, g) for pos, n, r, g in mentions if pos > c.phrase_at and wanted & _offices(r)]
            if not matches and later and all(same_surname(n, later[0][0]) for n, _, _ in later):
                matches = [registry.add(*later[0])]  # the one holder of that office, named after the quotation
            if not matches and wanted and len(registry.people) == 1 and not _offices(registry.people[0].role):
                matches = registry.people  # the one person named, whose office the text has not said
            named_since = [n for pos, n, _, _ in mentions if last_at < pos < c.phrase_at]
            rivals = [p for p in matches if p is not last and any(same_surname(p.name, n) for n in named_since)]
            if last is not None and last in matches and not rivals:
                matches = [last]  # the last speaker holds that office and no one else who does was named since
            if matches and all(same_surname(p.name, matches[0].name) for p in matches):
                person = matches[-1]
            else:
                body = _institution_antecedent(doc, phrase, c.phrase_at)
                speaker, role = (body, "") if body else ("", re.sub(r"^(?:the|a|an)\s+", "", phrase, flags=re.I))
        elif phrase:
            name, role = _split_name(phrase)
            if name:
                person = registry.add(name, role)
                role = person.role
            else:
                speaker, role = re.sub(r"^(?:the|a|an)\s+", "", role, flags=re.I), ""
        if person is not None:
            speaker, role = person.name, person.role
            last, last_at = person, c.phrase_at
        elif speaker and not _split_name(speaker)[0] and unnamed not in PERSON_WORDS:
            if not _is_role_only(speaker) or speaker.split()[-1].lower() in INSTITUTIONS:
                body_said = (speaker, para)  # a body, not the role of a person
        previous = (person, para, c.end, c.kind) if person is not None else None
        quote_type = "verbatim" if c.kind == "direct" else "paraphrase"
        quotes.append(Quote(cut_words(c.words), speaker, role, quote_type, language, c.start, para))
    return quotes


# --- reading articles ------------------------------------------------------------------------------------------


class _TextOfPage(HTMLParser):
    """The readable text of a page: paragraphs, headings, list items and block quotes of its <article> or <main>
    (the whole <body> when it has neither), without scripts, styles, navigation, headers, footers and asides."""

    SKIP = {"script", "style", "nav", "header", "footer", "aside", "form", "noscript", "svg", "figure", "template"}
    BLOCKS = {"p", "h1", "h2", "h3", "h4", "li", "blockquote", "div", "section", "article", "main", "br", "td", "tr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.skip = 0
        self.parts: dict[str, list[str]] = {"article": [], "main": [], "body": []}
        self.inside: dict[str, int] = {"article": 0, "main": 0}

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in self.SKIP:
            self.skip += 1
        if tag in self.inside:
            self.inside[tag] += 1
        if tag in self.BLOCKS:
            self._emit("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP and self.skip:
            self.skip -= 1
        if tag in self.BLOCKS:
            self._emit("\n\n")
        if tag in self.inside and self.inside[tag]:
            self.inside[tag] -= 1

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self._emit(data)

    def _emit(self, text: str) -> None:
        self.parts["body"].append(text)
        for name, depth in self.inside.items():
            if depth:
                self.parts[name].append(text)

    def text(self) -> str:
        for name in ("article", "main", "body"):
            joined = "".join(self.parts[name])
            if joined.strip():
                return "\n\n".join(paragraphs_of(joined))
        return ""


def html_text(html: str) -> str:
    """The main text of a saved page: with trafilatura when it is installed (the ``assist`` extra), else the small
    built-in reader of :class:`_TextOfPage`.

    >>> page = "<html><body><article><p>“We will rebuild,” the mayor said.</p></article></body></html>"
    >>> "the mayor said" in html_text(page)
    True
    """
    try:
        import trafilatura
    except ImportError:
        return fallback_html_text(html)
    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_recall=True)
    return "\n\n".join(paragraphs_of(text)) if text else fallback_html_text(html)


def fallback_html_text(html: str) -> str:
    """The built-in reader, used without trafilatura (see :func:`html_text`).

    >>> fallback_html_text("<body><nav>Menu</nav><article><p>“We will rebuild,” the mayor said.</p></article></body>")
    '“We will rebuild,” the mayor said.'
    """
    parser = _TextOfPage()
    parser.feed(html)
    parser.close()
    return parser.text()


def _decode(raw: bytes, path: Path, encoding: str | None) -> str:
    if encoding:
        try:
            return raw.decode(encoding)
        except LookupError:
            raise ExtractError(f"{path}: unknown encoding {encoding!r}") from None
        except UnicodeDecodeError as exc:
            raise ExtractError(f"{path}: not valid {encoding} (byte 0x{raw[exc.start]:02x} at {exc.start})") from None
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        declared = re.search(rb"<meta[^>]+charset=[\"']?([\w\-]+)", raw[:4096], re.I)
        if declared:
            return _decode(raw, path, declared.group(1).decode("ascii"))
        raise ExtractError(
            f"{path}: unknown encoding: not UTF-8 (byte 0x{raw[exc.start]:02x} at {exc.start}); "
            "save it as UTF-8 or pass --encoding (such as cp1251)"
        ) from None


def read_article(path: str | Path, encoding: str | None = None) -> str:
    """The text of a plain-text file or the main text of a saved HTML page; ExtractError with a one-line reason
    for a missing path, an empty or binary file, or an unknown encoding."""
    path = Path(path)
    if not path.exists():
        raise ExtractError(f"{path}: no such file or folder")
    if path.is_dir():
        raise ExtractError(f"{path}: is a folder; pass it as ARTICLE to read the articles in it")
    raw = path.read_bytes()
    if not raw.strip():
        raise ExtractError(f"{path}: the file is empty")
    if b"\x00" in raw[:8192] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ExtractError(f"{path}: a binary file, not text or HTML")
    text = _decode(raw, path, encoding)
    looks_html = path.suffix.lower() in (".html", ".htm") or re.match(r"\s*<(?:!doctype|html|head|body)", text, re.I)
    if looks_html:
        text = html_text(text)
        if not text.strip():
            raise ExtractError(f"{path}: the page has no readable text")
    return text


def article_files(paths: list[str | Path]) -> list[Path]:
    """The files to read: each file given, and the text and HTML files of each folder given (sorted, not recursive)."""
    out = []
    for p in map(Path, paths):
        if p.is_dir():
            found = sorted(f for f in p.iterdir() if f.is_file() and f.suffix.lower() in SUFFIXES)
            if not found:
                raise ExtractError(f"{p}: the folder has no .txt or .html files")
            out += found
        else:
            out.append(p)
    return out


STATEMENT_COLUMNS = (
    "statement_id,event_id,published_at,outlet,outlet_bloc,speaker,speaker_bloc,speaker_role,quote,quote_language,"
    "quote_type,frame,secondary_frames,actor_label,label_valence,claim_id,stance,figure,cited_source,"
    "source_reliability,info_credibility,url,coder,notes"
).split(",")


def draft_rows(
    quotes: list[Quote],
    *,
    id_prefix: str,
    event_id: str = "",
    published_at: str = "",
    outlet: str = "",
    outlet_bloc: str = "",
    url: str = "",
    source: str = "",
    first: int = 1,
) -> pd.DataFrame:
    """Draft statements in the codebook's column order: words, speaker and provenance filled, tags left empty.

    >>> q = Quote("We will rebuild.", "Ihor Terekhov", "Kharkiv mayor", "verbatim", "en", 0, 0)
    >>> row = draft_rows([q], id_prefix="kharkiv", outlet="Reuters").iloc[0]
    >>> row["statement_id"], row["speaker"], row["coder"], row["frame"]
    ('kharkiv-001', 'Ihor Terekhov', 'extract-0.1.0', '')
    """
    rows = []
    for i, q in enumerate(quotes, start=first):
        row = dict.fromkeys(STATEMENT_COLUMNS, "")
        row.update(
            statement_id=f"{id_prefix}-{i:03d}",
            event_id=event_id,
            published_at=published_at,
            outlet=outlet,
            outlet_bloc=outlet_bloc,
            speaker=q.speaker,
            speaker_role=q.speaker_role,
            quote=q.quote,
            quote_language=q.language,
            quote_type=q.quote_type,
            url=url,
            coder=CODER,
            notes=f"{source} paragraph {q.paragraph + 1}".strip()
            + ("; speaker not clear from the text" if not q.speaker else ""),
        )
        if q.speaker.lower() in ("editorial",):
            row["speaker_bloc"] = outlet_bloc
        rows.append(row)
    return pd.DataFrame(rows, columns=STATEMENT_COLUMNS)


def slug(text: str) -> str:
    """An id prefix from a file name or event id: lower-case letters, digits and '-'.

    >>> slug("Kremlin Drone (TASS).html")
    'kremlin-drone-tass'
    """
    base = re.sub(r"\.(?:txt|text|md|html?)$", "", text, flags=re.I)
    return re.sub(r"[^a-z0-9]+", "-", base.lower()).strip("-") or "draft"
