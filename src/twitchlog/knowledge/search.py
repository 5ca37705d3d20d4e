"""A small full-text search over the knowledge pages. Pure: no Django.

The whole corpus is a few dozen paragraphs, so scanning it on each query is faster than
keeping an index up to date.

Matching is by whole word, after folding simple endings ("twitches", "twitching" -> "twitch")
and known synonyms into one concept: "ALS", "MND", "motor neurone disease" and "Lou Gehrig"
are one thing, as are "BFS" and "benign fasciculation syndrome", "fasciculation" and "twitch",
and "eye" and "eyelid"; a word people use for a symptom finds the word the guides use ("numb",
"pins and needles", "insomnia", "can't breathe", "atrophy"). A word never matches inside a longer
one, so "ALS" does not find "also". Common words ("can't", "my", "why") are left out of a query,
so a question typed as a sentence finds what its other words find.

The pages with every word of the query come first; a match in the title counts most, then in a
heading, then in the text. When no page has every word, the pages with the most of them are
found instead, marked ``partial`` so the page can say so.

A hit on the doctor page names the warning sign its snippet comes from (``Hit.flag``), so the
page can say what that sign needs: an emergency sign is never shown as a bare snippet.

``mentions_crisis`` says whether a query speaks of suicide or self-harm, whatever it finds.
"""

import re
from dataclasses import dataclass

from twitchlog.knowledge import fasciculations
from twitchlog.knowledge.causes import CAUSES
from twitchlog.knowledge.red_flags import DOCTOR_INTRO, RED_FLAGS
from twitchlog.knowledge.symptom import SYMPTOM_FACETS, SYMPTOM_INTRO
from twitchlog.knowledge.topics import TOPICS

WORD = re.compile(r"[a-z0-9]+")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9“\"(])")
TITLE_WEIGHT, HEADING_WEIGHT, TEXT_WEIGHT = 10, 4, 1

# Each concept and the words or phrases that mean it. Phrases are matched before words.
SYNONYMS = {
    "als": (
        "als",
        "mnd",
        "amyotrophic lateral sclerosis",
        "motor neurone disease",
        "motor neuron disease",
        "motor neurone",
        "motor neuron",
        "lou gehrig",
        "lou gehrigs",
        "gehrig",
    ),
    "bfs": ("bfs", "benign fasciculation syndrome", "benign fasciculations"),
    "twitch": ("twitch", "fasciculation", "fasciculate"),
    # The most common twitch of all is asked about as "eye twitching"; the guides say eyelid.
    "eyelid": ("eyelid", "eye", "eyes", "eyelids", "eye lid"),
    # People name a symptom in their own words; the guides use one word for each.
    "numbness": ("numbness", "numb"),
    "tingling": (
        "tingling",
        "tingle",
        "tingles",
        "tingly",
        "pins and needles",
        "paraesthesia",
        "paresthesia",
    ),
    "sleep": ("sleep", "insomnia", "asleep", "slept", "sleepless", "sleeplessness"),
    "breathing": (
        "breathing",
        "breath",
        "breaths",
        "breathe",
        "breathes",
        "breathed",
        "breathless",
        "breathlessness",
        "hyperventilating",
        "hyperventilation",
    ),
    "wasting": ("wasting", "waste", "atrophy", "atrophied", "atrophies", "atrophying"),
    "weakness": ("weakness", "weak"),
    "stiffness": ("stiffness", "stiff"),
    "tired": ("tired", "tiredness", "fatigue", "fatigued", "exhausted", "exhaustion"),
    "tremor": (
        "tremor",
        "tremors",
        "trembling",
        "tremble",
        "shaking",
        "shaky",
        "shakiness",
        "shake",
        "shakes",
    ),
    "vibration": ("vibration", "vibrating", "vibrate", "buzz", "buzzing"),
    "choke": ("choke", "choking", "choked", "chokes"),
    "caffeine": ("caffeine", "coffee", "espresso", "energy drink", "energy drinks"),
    "alcohol": ("alcohol", "alcoholic", "beer", "wine", "booze", "hangover"),
    "medicine": ("medicine", "medication", "medications", "meds", "pill", "pills"),
    "dehydration": ("dehydration", "dehydrated", "dehydrate"),
    "search": ("search", "google", "googling", "googled"),
    "calf": ("calf", "calves"),
    "feet": ("feet", "foot"),
    "doctor": ("doctor", "gp", "physician", "neurologist"),
}
# Words a question is made of that say nothing about what it asks: left out of a query (never
# out of the guides), so "why can't I sleep" searches for "sleep". Apostrophes are dropped
# before this, so "can't" is "cant".
_COMMON = """
    a an the and or but if so than then too very just really also only still again ever
    i im ive id me my mine myself you youre your yours we our it its is are am was were be been
    being do does did doing done dont doesnt didnt can cant cannot could couldnt will wont
    would wouldnt should shouldnt shall may might must have has had havent hasnt having
    what whats why how when where which who whom whose this that these those there theres here
    of to in on at for with by from about into onto over under not no nor
    get gets getting got keep keeps keeping feel feels feeling felt like always constantly
    lot lots much many any some all every anymore now
"""
COMMON_WORDS = frozenset(_COMMON.split())
_PHRASES = sorted(
    ((phrase, concept) for concept, words in SYNONYMS.items() for phrase in words if " " in phrase),
    key=lambda pair: -len(pair[0]),
)
_WORDS = {word: concept for concept, words in SYNONYMS.items() for word in words}


def _fold(word: str) -> str:
    """The word without a plural or -ing/-ed ending, so forms of one word match each other."""
    if len(word) > 5 and word.endswith("ing"):
        return word[:-3]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if len(word) > 4 and word.endswith("ed"):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _concept(word: str) -> str:
    return _WORDS.get(word) or _WORDS.get(_fold(word)) or _fold(word)


def _words(text: str) -> str:
    """The text in lower case as single-spaced words, apostrophes dropped: "can't" -> "cant"."""
    return " ".join(WORD.findall(re.sub(r"['’]", "", text.lower())))


def concepts(text: str, *, query: bool = False) -> list[str]:
    """The text as a list of folded words, synonyms replaced by their concept. A query also
    loses its common words."""
    lowered = _words(text)
    for phrase, concept in _PHRASES:
        lowered = re.sub(rf"\b{phrase}\b", f" {concept} ", lowered)
    return [_concept(word) for word in lowered.split() if not (query and word in COMMON_WORDS)]


def query_terms(query: str) -> list[str]:
    """What a query searches for: its concepts, each once, common words left out."""
    return list(dict.fromkeys(concepts(query, query=True)))


# Said by someone who may be thinking of ending their life or harming themselves. Matched as
# whole words after ``_words`` (so "self-harm" is "self harm", "can't" is "cant"); any word
# starting "suicid" counts too. Broad on purpose: showing crisis lines to someone who did not
# need them costs a moment; not showing them to someone who did could cost far more.
CRISIS_PHRASES = (
    "kill myself",
    "killing myself",
    "kill my self",
    "end my life",
    "ending my life",
    "end my own life",
    "end it all",
    "ending it all",
    "take my life",
    "take my own life",
    "taking my own life",
    "want to die",
    "wanna die",
    "want to be dead",
    "wish i was dead",
    "wish i were dead",
    "better off dead",
    "no reason to live",
    "dont want to live",
    "do not want to live",
    "dont want to be alive",
    "dont want to be here",
    "cant go on",
    "self harm",
    "self harming",
    "selfharm",
    "self injury",
    "hurt myself",
    "hurting myself",
    "harm myself",
    "harming myself",
    "cut myself",
    "cutting myself",
)
_CRISIS = re.compile(r"\bsuicid|" + "|".join(rf"\b{p}\b" for p in CRISIS_PHRASES))


def mentions_crisis(query: str) -> bool:
    """Whether the query speaks of suicide or self-harm."""
    return bool(_CRISIS.search(_words(query)))


@dataclass(frozen=True)
class Document:
    title: str
    route: str  # URL name
    args: tuple[str, ...]
    paragraphs: tuple[str, ...]  # a snippet never runs from one into the next
    headings: tuple[str, ...] = ()
    # The red flag (red_flags.RedFlag.key) each paragraph explains, "" for none; may be short.
    flags: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return " ".join(self.paragraphs)


@dataclass(frozen=True)
class Hit:
    document: Document
    score: int
    snippet: str
    flag: str = ""  # the red flag the snippet explains, if any
    partial: bool = False  # the page has some of the query's words, not all


def documents() -> list[Document]:
    docs = [
        Document(
            "What anxiety twitching is like",
            "knowledge:twitching",
            (),
            (
                *(p.text for p in SYMPTOM_INTRO),
                *(f"{title}. {p.text}" for title, p in SYMPTOM_FACETS),
            ),
            tuple(title for title, _ in SYMPTOM_FACETS),
        ),
        Document(
            fasciculations.TITLE,
            "knowledge:fear_of_als",
            (),
            (
                fasciculations.SUMMARY,
                *(p.text for _, paras in fasciculations.SECTIONS for p in paras),
            ),
            tuple(heading for heading, _ in fasciculations.SECTIONS),
        ),
        Document(
            "When to see a doctor",
            "knowledge:doctor",
            (),
            (*(p.text for p in DOCTOR_INTRO), *(f"{f.label}. {f.why}" for f in RED_FLAGS)),
            flags=("",) * len(DOCTOR_INTRO) + tuple(f.key for f in RED_FLAGS),
        ),
    ]
    for cause in CAUSES:
        paras = [*cause.how, *cause.helps, *([cause.correction] if cause.correction else [])]
        docs.append(
            Document(
                cause.title,
                "knowledge:cause",
                (cause.slug,),
                (cause.summary, *(p.text for p in paras)),
                (cause.summary,),
            )
        )
    for topic in TOPICS:
        docs.append(
            Document(
                topic.title,
                "knowledge:topic",
                (topic.slug,),
                (topic.summary, *(p.text for p in topic.body)),
                (topic.summary,),
            )
        )
    return docs


def _first_match(text: str, wanted: set[str]) -> int:
    """Where the first word or phrase of ``wanted`` starts in ``text``, or -1."""
    lowered = text.lower()
    positions = [
        next((m.start() for m in WORD.finditer(lowered) if _concept(m.group()) in wanted), -1)
    ]
    for phrase, concept in _PHRASES:
        if concept in wanted and (found := re.search(rf"\b{phrase}\b", lowered)):
            positions.append(found.start())
    hits = [p for p in positions if p >= 0]
    return min(hits) if hits else -1


def _best_paragraph(paragraphs: tuple[str, ...], wanted: set[str]) -> int:
    """The paragraph with the most of the wanted concepts (the first of equals), or -1.

    The first of equals, so on the doctor page, which lists the signs from the most urgent,
    a word found in an emergency sign and in a milder one shows the emergency sign.
    """
    found = [len(wanted.intersection(concepts(p))) for p in paragraphs]
    best = max(found, default=0)
    return found.index(best) if best else -1


def _snippet(paragraph: str, wanted: set[str], width: int = 180) -> str:
    """Whole sentences of the paragraph, from the sentence with the first match.

    A snippet never starts inside a sentence nor runs on into the next paragraph: joined
    text put a reassurance about motor neurone disease beside the opening of the stroke
    warning, as if one were about the other.  A sentence longer than ``width`` is cut at a
    word, with an ellipsis.  With no match (only the title or a heading matched) it is the
    paragraph's opening.
    """
    at = max(_first_match(paragraph, wanted), 0)
    start = max(s for s in [0, *(m.end() for m in SENTENCE_END.finditer(paragraph))] if s <= at)
    sentences = SENTENCE_END.split(paragraph[start:])
    snippet = sentences[0]
    for sentence in sentences[1:]:
        if len(snippet) + 1 + len(sentence) > width:
            break
        snippet += " " + sentence
    if len(snippet) > width:
        snippet = snippet[:width].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return ("…" if start else "") + snippet.strip()


def search(query: str, limit: int = 20) -> list[Hit]:
    """The pages with every word of the query, best first; if there are none, the pages with
    the most of its words (``partial``), best first. Common words are left out."""
    terms = query_terms(query)
    if not terms:
        return []
    scored = []
    for doc in documents():
        title = concepts(doc.title)
        headings = [word for heading in doc.headings for word in concepts(heading)]
        text = concepts(doc.text)
        found = {term for term in terms if term in title or term in headings or term in text}
        if not found:
            continue
        score = sum(
            TITLE_WEIGHT * title.count(term)
            + HEADING_WEIGHT * headings.count(term)
            + TEXT_WEIGHT * text.count(term)
            for term in found
        )
        scored.append((doc, found, score))
    complete = [entry for entry in scored if len(entry[1]) == len(terms)]
    partial = not complete
    chosen = sorted(
        complete or scored, key=lambda entry: (-len(entry[1]), -entry[2], entry[0].title)
    )
    hits = []
    for doc, found, score in chosen[:limit]:
        at = _best_paragraph(doc.paragraphs, found)
        paragraph = doc.paragraphs[at] if at >= 0 else (doc.paragraphs or ("",))[0]
        flag = doc.flags[at] if 0 <= at < len(doc.flags) else ""
        hits.append(Hit(doc, score, _snippet(paragraph, found), flag, partial))
    return hits
