"""The guide on harmless twitching (benign fasciculations, BFS) and the fear of ALS/MND.

Many people who find Twitchlog are afraid their twitching means motor neurone disease. This
guide says, in our own words and with the studies behind each claim, what is known: how
common twitching is, that harmless twitching often lasts, what actually sets ALS/MND apart,
and how checking keeps the fear going. Pure data: no Django.
"""

from twitchlog.knowledge.para import Para

TITLE = "Twitching and the fear of ALS or MND"
SUMMARY = "Benign fasciculations and BFS: how common they are, how long they last, what matters."

SECTIONS: tuple[tuple[str, tuple[Para, ...]], ...] = (
    (
        "Twitching is common in healthy people",
        (
            Para(
                "Most people have muscle twitches at some time. In a study of healthy people, "
                "about seven in ten reported them. Doctors call these twitches fasciculations; "
                "when they come without any illness behind them, benign fasciculations.",
                ("reed-1963", "nhs-twitches"),
            ),
            Para(
                "When twitching keeps going for a long time in someone whose examination is "
                "otherwise normal, with no weakness and no wasting, it is called benign "
                "fasciculation syndrome (BFS). The NHS describes it as long-lasting twitches "
                "and cramps caused by overactive nerves.",
                ("nhs-twitches", "filippakis-2018"),
            ),
        ),
    ),
    (
        "Harmless twitching often lasts, and that is not a danger sign",
        (
            Para(
                "Twitching that lasts months is easy to read as a sign that something is "
                "wrong. The follow-up studies say otherwise. In a study that followed 35 "
                "people with BFS for two years, the twitching persisted in 93%, and none "
                "developed motor neurone disease.",
                ("filippakis-2018",),
            ),
            Para(
                "A review that pooled three such studies (180 people) found the twitching "
                "persisted in almost all of them and improved in about half; it got worse in "
                "4%, and no one developed motor neurone disease.",
                ("mattiuzzi-2024",),
            ),
            Para(
                "An older study traced 121 people with harmless twitching 2 to 32 years after "
                "their diagnosis. None had developed motor neurone disease.",
                ("blexrud-1993",),
            ),
        ),
    ),
    (
        "Cramps, tingling and feeling weak are part of it too",
        (
            Para(
                "People with BFS often also have cramps, tingling or numbness, and a feeling "
                "of weakness or heaviness without any real loss of strength. In the two-year "
                "study these were common and eased to different degrees. They are not signs "
                "of ALS/MND on their own.",
                ("filippakis-2018",),
            ),
        ),
    ),
    (
        "What actually sets ALS/MND apart",
        (
            Para(
                "ALS (amyotrophic lateral sclerosis, also called motor neurone disease, MND, "
                "or Lou Gehrig's disease) is rare. It damages the nerves that move muscles, "
                "so what it causes is weakness that gets worse over time and muscles that "
                "waste away, not twitching on its own.",
                ("ninds-als", "nhs-twitches"),
            ),
            Para(
                "That is why NICE advises doctors in England not to routinely refer people "
                "with twitching to a specialist unless it comes with muscle wasting and "
                "weakness, or with stiffness. Twitching alone is not the warning sign; real, "
                "lasting loss of strength is, and a doctor finds it by examining you.",
                ("nice-ng127",),
            ),
        ),
    ),
    (
        "How checking keeps the fear going",
        (
            Para(
                "When you fear an illness, checking feels protective: testing your grip, "
                "watching a muscle, searching for symptoms, asking again to be told it is "
                "fine. Each check brings a little relief, and then the doubt comes back, so "
                "the next check is needed sooner. Psychologists who treat health anxiety "
                "describe exactly this loop: checking and seeking reassurance keep the fear "
                "going instead of settling it.",
                ("salkovskis-2003",),
            ),
            Para(
                "What helps is the opposite: have one proper examination, agree a plan with "
                "your doctor, and then practise not checking, letting the twitches come and "
                "go. Cognitive behavioural therapy (CBT) is the best-tested help for this "
                "kind of fear, and a therapist can guide you through it.",
                ("salkovskis-2003", "hofmann-2012"),
            ),
        ),
    ),
    (
        "How Twitchlog tries not to feed the fear",
        (
            Para(
                "Twitchlog asks about warning signs only when you open “Something new or "
                "different?” while logging, and stops offering even that once you tell it a "
                "doctor has seen you. If logging each twitch keeps your attention on your "
                "body, you can switch the diary to logging less: one rating a day. The "
                "warning signs that do matter are on the page about when to see a doctor.",
                ("salkovskis-2003",),
            ),
        ),
    ),
)
