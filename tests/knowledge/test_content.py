"""The knowledge data is complete and consistent."""

from twitchlog.knowledge import fasciculations, search
from twitchlog.knowledge.causes import CAUSES, CAUSES_BY_SLUG
from twitchlog.knowledge.factors import FACTORS
from twitchlog.knowledge.para import Para
from twitchlog.knowledge.red_flags import DOCTOR_INTRO, RED_FLAGS
from twitchlog.knowledge.references import REFERENCES, REFERENCES_BY_KEY
from twitchlog.knowledge.symptom import SYMPTOM_FACETS, SYMPTOM_INTRO
from twitchlog.knowledge.topics import TOPICS
from twitchlog.knowledge.vocabulary import REGIONS_BY_SLUG, SENSATIONS


def all_paras() -> list[Para]:
    paras = [*SYMPTOM_INTRO, *(p for _, p in SYMPTOM_FACETS)]
    paras += DOCTOR_INTRO
    for cause in CAUSES:
        paras += [*cause.how, *cause.helps, *([cause.correction] if cause.correction else [])]
    for topic in TOPICS:
        paras += topic.body
    for _, section in fasciculations.SECTIONS:
        paras += section
    return paras


def test_there_are_eleven_causes_numbered_in_order() -> None:
    assert [c.number for c in CAUSES] == list(range(1, 12))


def test_every_claim_cites_a_known_source() -> None:
    for para in all_paras():
        assert para.refs, para.text
        assert all(key in REFERENCES_BY_KEY for key in para.refs), para.refs
    for flag in RED_FLAGS:
        assert all(key in REFERENCES_BY_KEY for key in flag.refs)


def test_every_source_is_cited_somewhere() -> None:
    cited = {key for para in all_paras() for key in para.refs}
    cited |= {key for flag in RED_FLAGS for key in flag.refs}
    assert {ref.key for ref in REFERENCES} - cited == set()


def test_every_factor_belongs_to_a_real_cause() -> None:
    for factor in FACTORS:
        assert factor.cause in CAUSES_BY_SLUG, factor.name


def test_the_vocabulary_covers_the_named_places_and_feelings() -> None:
    for slug in (
        "head",
        "face",
        "eyelid",
        "mouth",
        "neck",
        "shoulder",
        "upper_back",
        "chest",
        "abdomen",
        "stomach",
        "throat",
        "groin",
        "genitals",
        "upper_arm",
        "hand",
        "finger",
        "thigh",
        "calf",
        "foot",
        "toe",
    ):
        assert slug in REGIONS_BY_SLUG
    assert {t.slug for t in SENSATIONS} == {
        "twitch",
        "spasm",
        "cramp",
        "pulsing",
        "throbbing",
        "tremor",
        "vibration",
    }


def test_red_flags_that_need_a_doctor_soon() -> None:
    soon = {f.key for f in RED_FLAGS if f.urgency == "soon"}
    assert {"weakness", "swallowing_breathing"} <= soon
    assert "two_weeks" not in soon


def test_search_ranks_title_matches_first_and_puts_pages_with_every_word_first() -> None:
    hits = search.search("sleep")
    assert hits[0].document.title in ("Too little sleep", "Anxiety and sleep")
    both = search.search("caffeine cortisol")
    assert both and not any(hit.partial for hit in both)
    # No page has both words: the pages with some of them, each marked as such.
    some = search.search("caffeine zebra")
    assert some and all(hit.partial for hit in some)
    assert some[0].document.title == "Caffeine and other stimulants"
    assert search.search("zebra") == []
    assert search.search("   ") == []


def test_an_eye_twitch_is_found_however_it_is_asked() -> None:
    # The guides say "eyelid"; people ask about their eye.
    expected = [h.document.title for h in search.search("eyelid twitch")]
    assert expected
    for query in ("eye", "eye twitching", "twitching eyes", "eye lid"):
        assert [h.document.title for h in search.search(query)] == expected


def test_a_search_snippet_is_whole_sentences_of_one_paragraph() -> None:
    # Cut from the joined text, a search for ALS put "none went on to develop motor neurone
    # disease" beside the opening of the stroke warning on the doctor page.
    for query in ("als", "stroke", "fear", "breathing", "magnesium", "eye", "numb", "sleep"):
        for hit in search.search(query):
            body = hit.snippet.removeprefix("…").removesuffix("…")
            assert any(body in paragraph for paragraph in hit.document.paragraphs), hit
            assert body[:1].isupper() or body[:1].isdigit(), hit.snippet
    doctor = next(h for h in search.search("als") if h.document.route == "knowledge:doctor")
    assert "motor neurone disease" in doctor.snippet
    assert "stroke" not in doctor.snippet and "droop" not in doctor.snippet
