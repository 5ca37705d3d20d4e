"""Recovery topics: what helps twitching settle as anxiety settles. Pure data."""

from dataclasses import dataclass

from twitchlog.knowledge.para import Para


@dataclass(frozen=True)
class Topic:
    slug: str
    title: str
    summary: str
    body: tuple[Para, ...]


TOPICS = (
    Topic(
        "passive-acceptance",
        "Letting the twitch be",
        "Fighting or watching a twitch keeps the alarm on.",
        (
            Para(
                "Worrying about a twitch is itself anxious behaviour, and it keeps the stress "
                "response going. Noticing the twitch, naming it as an anxiety symptom and "
                "letting it carry on without a fight takes fuel away from it.",
                ("folk-2020",),
            ),
        ),
    ),
    Topic(
        "containment",
        "Containing anxious thinking",
        "Catching worry early and not feeding it.",
        (
            Para(
                "Each worried thought that runs on can trigger another stress response. "
                "Containment means noticing the worry, deciding not to follow it, and "
                "bringing attention back to what you were doing. It gets easier with practice.",
                ("folk-2020",),
            ),
        ),
    ),
    Topic(
        "reducing-hyperstimulation",
        "Bringing a stress build-up down",
        "Rest, sleep, relaxation, movement and food, done regularly.",
        (
            Para(
                "A body that has been stressed for a long time needs a long run of calmer days "
                "to reset. Regular relaxation, good sleep, moderate exercise and regular meals "
                "all lower the load; so does doing less of whatever keeps you on edge.",
                ("folk-2020", "harvard-2020"),
            ),
        ),
    ),
    Topic(
        "extinguishing-fears",
        "Easing the fear behind the twitch",
        "Fear of the twitch itself can keep it going.",
        (
            Para(
                "Many people fear a twitch means serious illness, and the fear feeds the "
                "twitching. Learning what twitching is and is not, checking the red flags "
                "once with a doctor, and then practising not checking, weakens the fear.",
                ("blexrud-1993", "salkovskis-2003"),
            ),
        ),
    ),
    Topic(
        "stubborn-symptoms",
        "When it will not go away",
        "Twitching that lasts is common, and lasting is not a danger sign.",
        (
            Para(
                "Harmless twitching often lasts months or years. In a study that followed 35 "
                "people for two years it persisted in 93%, and a review of three studies (180 "
                "people) found it persisted in almost everyone, improved in about half and "
                "worsened in 4%. No one in these studies developed motor neurone disease.",
                ("filippakis-2018", "mattiuzzi-2024"),
            ),
            Para(
                "When anxiety keeps coming back, underlying causes are usually still in "
                "place: habits of worry, beliefs about danger, or life situations. Working on "
                "those, often with a therapist, is what makes recovery last.",
                ("folk-2020", "hofmann-2012"),
            ),
        ),
    ),
    Topic(
        "panic",
        "Panic attacks",
        "A sudden, strong stress response; frightening but not dangerous.",
        (
            Para(
                "A panic attack is a strong burst of the stress response. It can leave "
                "muscles twitching for a while afterwards. Understanding the attack and "
                "riding it out, rather than fleeing it, makes future attacks weaker.",
                ("harvard-2020", "hofmann-2012"),
            ),
        ),
    ),
    Topic(
        "fear-of-anxiety",
        "Fear of anxiety itself",
        "Being afraid of anxious feelings adds a second layer of alarm.",
        (
            Para(
                "Some people come to fear the sensations of anxiety, including twitching. "
                "That fear sets off more stress responses. Gradually letting the sensations "
                "come and go without reacting breaks the loop.",
                ("hofmann-2012",),
            ),
        ),
    ),
    Topic(
        "sleep",
        "Anxiety and sleep",
        "Poor sleep raises anxiety, and anxiety disturbs sleep.",
        (
            Para(
                "Anxiety and sleep loss feed each other. Twitches at bedtime are common. "
                "Keeping regular hours, winding down and not lying in bed fighting to sleep "
                "help break the cycle.",
                ("basta-2007",),
            ),
        ),
    ),
    Topic(
        "therapy",
        "Working with a therapist",
        "Cognitive behavioural therapy has the strongest evidence for anxiety.",
        (
            Para(
                "Reviews of many trials find cognitive behavioural therapy (CBT) effective for "
                "anxiety disorders. Other approaches help many people too, and a good fit "
                "with the therapist matters.",
                ("hofmann-2012", "leichsenring-2017"),
            ),
        ),
    ),
)

TOPICS_BY_SLUG = {topic.slug: topic for topic in TOPICS}
