"""A small full-text search over the knowledge pages. Pure: no Django.

The whole corpus is a few dozen paragraphs, so scanning it on each query is faster than
keeping an index up to date. Matching is by word prefix ("twitch" finds "twitching").
"""

import re
from dataclasses import dataclass

from twitchlog.knowledge.causes import CAUSES
from twitchlog.knowledge.red_flags import DOCTOR_INTRO, RED_FLAGS
from twitchlog.knowledge.symptom import SYMPTOM_FACETS, SYMPTOM_INTRO
from twitchlog.knowledge.topics import TOPICS

WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class Document:
    title: str
    route: str  # URL name
    args: tuple[str, ...]
    text: str


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
            " ".join(
                [p.text for p in SYMPTOM_INTRO]
                + [f"{title}. {p.text}" for title, p in SYMPTOM_FACETS]
            ),
        ),
        Document(
            "When to see a doctor",
            "knowledge:doctor",
            (),
            " ".join([p.text for p in DOCTOR_INTRO] + [f"{f.label}. {f.why}" for f in RED_FLAGS]),
        ),
    ]
    for cause in CAUSES:
        paras = [*cause.how, *cause.helps, *([cause.correction] if cause.correction else [])]
        docs.append(
            Document(
                cause.title,
                "knowledge:cause",
                (cause.slug,),
                " ".join([cause.summary, *(p.text for p in paras)]),
            )
        )
    for topic in TOPICS:
        docs.append(
            Document(
                topic.title,
                "knowledge:topic",
                (topic.slug,),
                " ".join([topic.summary, *(p.text for p in topic.body)]),
            )
        )
    return docs


def _snippet(text: str, terms: list[str], width: int = 180) -> str:
    lowered = text.lower()
    positions = [lowered.find(term) for term in terms if lowered.find(term) >= 0]
    start = max(0, min(positions) - width // 3) if positions else 0
    snippet = text[start : start + width].strip()
    return ("…" if start else "") + snippet + ("…" if start + width < len(text) else "")


def search(query: str, limit: int = 20) -> list[Hit]:
    terms = WORD.findall(query.lower())
    if not terms:
        return []
    hits = []
    for doc in documents():
        title_words = WORD.findall(doc.title.lower())
        words = WORD.findall(doc.text.lower())
        if not all(any(w.startswith(t) for w in title_words + words) for t in terms):
            continue
        score = sum(
            5 * sum(w.startswith(t) for w in title_words) + sum(w.startswith(t) for w in words)
            for t in terms
        )
        hits.append(Hit(doc, score, _snippet(doc.text, terms)))
    hits.sort(key=lambda hit: (-hit.score, hit.document.title))
    return hits[:limit]
