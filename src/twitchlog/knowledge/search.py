"""A small full-text search over the knowledge pages. Pure: no Django.

The whole corpus is a few dozen paragraphs, so scanning it on each query is faster than
keeping an index up to date.

Matching is by whole word, after folding simple endings ("twitches", "twitching" -> "twitch")
and known synonyms into one concept: "ALS", "MND", "motor neurone disease" and "Lou Gehrig"
are one thing, as are "BFS" and "benign fasciculation syndrome", "fasciculation" and "twitch",
and "eye" and "eyelid". A word never matches inside a longer one, so "ALS" does not find "also".
Every query word must match; a match in the title counts most, then in a heading, then in the
text.
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
}
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


def concepts(text: str) -> list[str]:
    """The text as a list of folded words, synonyms replaced by their concept."""
    lowered = " ".join(WORD.findall(text.lower().replace("'", "")))
    for phrase, concept in _PHRASES:
        lowered = re.sub(rf"\b{phrase}\b", f" {concept} ", lowered)
    return [_concept(word) for word in lowered.split()]


@dataclass(frozen=True)
class Document:
    title: str
    route: str  # URL name
    args: tuple[str, ...]
    paragraphs: tuple[str, ...]  # a snippet never runs from one into the next
    headings: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return " ".join(self.paragraphs)


@dataclass(frozen=True)
class Hit:
    document: Document
    score: int
    snippet: str


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


def _snippet(paragraphs: tuple[str, ...], wanted: set[str], width: int = 180) -> str:
    """Whole sentences of the first paragraph that matches, from the sentence with the match.

    A snippet never starts inside a sentence nor runs on into the next paragraph: joined
    text put a reassurance about motor neurone disease beside the opening of the stroke
    warning, as if one were about the other.  A sentence longer than ``width`` is cut at a
    word, with an ellipsis.
    """
    found = ((p, at) for p in paragraphs if (at := _first_match(p, wanted)) >= 0)
    # A match only in the title or a heading: the page's opening.
    paragraph, at = next(found, (paragraphs[0] if paragraphs else "", 0))
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
    terms = list(dict.fromkeys(concepts(query)))
    if not terms:
        return []
    hits = []
    for doc in documents():
        title = concepts(doc.title)
        headings = [word for heading in doc.headings for word in concepts(heading)]
        text = concepts(doc.text)
        if not all(term in title or term in headings or term in text for term in terms):
            continue
        score = sum(
            TITLE_WEIGHT * title.count(term)
            + HEADING_WEIGHT * headings.count(term)
            + TEXT_WEIGHT * text.count(term)
            for term in terms
        )
        hits.append(Hit(doc, score, _snippet(doc.paragraphs, set(terms))))
    hits.sort(key=lambda hit: (-hit.score, hit.document.title))
    return hits[:limit]
