"""The eleven causes of anxiety twitching: how each works and what helps. Pure data.

Every paragraph names the sources behind it (keys in references.py); pages, the insights
guidance and reports all read from here, so a correction made once shows up everywhere.
"""

from dataclasses import dataclass

from twitchlog.knowledge.para import Para


@dataclass(frozen=True)
class Cause:
    slug: str
    number: int
    title: str
    summary: str
    how: tuple[Para, ...]
    helps: tuple[Para, ...]
    correction: Para | None = None


CAUSES = (
    Cause(
        "acute-stress-response",
        1,
        "A stress response",
        "Each surge of fear or stress readies muscles for action, and ready muscles can twitch.",
        (
            Para(
                "When we feel threatened or anxious, the body switches into a fight, flight or "
                "freeze mode. More blood goes to the muscles, muscles tense, nerves become more "
                "excitable and blood sugar rises to supply quick energy.",
                ("harvard-2020", "folk-2020"),
            ),
            Para(
                "Any of those changes can set a muscle twitching, during the surge or while "
                "the body comes back down.",
                ("folk-2020",),
            ),
        ),
        (
            Para(
                "After a single surge the body needs some time to settle. The article "
                "Twitchlog grew out of suggests around twenty minutes or a little more; treat "
                "that as a rough guide, not a rule, since no stronger study pins down a number.",
                ("anxietycentre-twitching",),
            ),
            Para(
                "Calming yourself, by slow breathing, relaxing muscles on purpose or turning "
                "your attention elsewhere, lets the response switch off sooner.",
                ("harvard-2020",),
            ),
        ),
    ),
    Cause(
        "hyperstimulation",
        2,
        "Stress that builds up (hyperstimulation)",
        "Frequent stress responses can leave the body half switched-on for days or weeks.",
        (
            Para(
                "If stress responses come too often, the body may not fully recover between "
                "them. The anxietycentre.com article calls this state stress-response "
                "hyperstimulation (its own term, not a medical diagnosis) and describes "
                "twitching that keeps going even when you do not feel anxious, often when "
                "resting or in bed.",
                ("anxietycentre-twitching",),
            ),
            Para(
                "Because the build-up is slow, the twitching may not line up with a stressful "
                "day. Twitchlog's analysis models this as a stress load that rises with each "
                "stress event and fades over days.",
                ("folk-2020",),
            ),
        ),
        (
            Para(
                "A build-up takes longer to settle than a single surge. What helps is a run of "
                "calmer days: sleeping at regular times, moving your body most days without "
                "overdoing it, eating at regular times, setting aside a few minutes each day "
                "to relax on purpose, and giving worry less to feed on, such as checking your "
                "body or searching for symptoms.",
                ("anxietycentre-twitching", "harvard-2020"),
            ),
            Para(
                "Twitching can carry on for months in people who stay well, and in follow-up "
                "studies of harmless twitching it often did not stop completely. That is not "
                "a danger sign, and worrying about it tends to make it worse.",
                ("mattiuzzi-2024", "nhs-twitches"),
            ),
        ),
    ),
    Cause(
        "sleep",
        3,
        "Too little sleep",
        "Short or broken sleep raises stress hormones and makes twitching more likely.",
        (
            Para(
                "Losing sleep raises stress hormones such as cortisol. When the body is already "
                "over-stressed, poor sleep adds to the load.",
                ("basta-2007",),
            ),
        ),
        (
            Para(
                "Aim for regular sleep and wake times, a wind-down before bed and a dark, quiet "
                "room. A twitch that shows up as you drift off is common and not a sign of "
                "harm; treating it as background noise helps sleep come.",
                ("basta-2007", "folk-2020"),
            ),
        ),
    ),
    Cause(
        "stimulants",
        4,
        "Caffeine and other stimulants",
        "Coffee, energy drinks and nicotine push up stress hormones.",
        (
            Para(
                "Caffeine raises the release of cortisol, a stress hormone, and stimulants in "
                "general push the body toward the same state that a stress response does.",
                ("lovallo-2005",),
            ),
        ),
        (
            Para(
                "If the diary suggests stimulants matter for you, cut down gradually rather "
                "than stopping at once, since sudden caffeine withdrawal brings its own "
                "headaches and restlessness. A self-experiment can test whether it helps.",
                ("lovallo-2005",),
            ),
        ),
    ),
    Cause(
        "nutrition",
        5,
        "Low calcium, magnesium or vitamin D",
        "Some nutrient shortfalls make nerves and muscles more irritable.",
        (
            Para(
                "Very low magnesium or calcium in the blood makes nerves more excitable and can "
                "bring muscle cramps, spasms and tingling. A lack of vitamin D is one of the "
                "reasons calcium runs low.",
                ("statpearls-hypomagnesemia", "wikipedia-hypocalcemia"),
            ),
        ),
        (
            Para(
                "Ask a doctor before taking high doses of a supplement; a blood test shows "
                "whether a level is low.",
                ("wikipedia-hypocalcemia",),
            ),
            Para(
                "Supplements are widely taken for stress, but a systematic review found only "
                "limited evidence that they ease it.",
                ("mccabe-2017",),
            ),
        ),
    ),
    Cause(
        "dehydration",
        6,
        "Fluids and dehydration",
        "The link between dehydration and cramps is weaker than often claimed.",
        (
            Para(
                "The article Twitchlog grew out of lists dehydration as a cause. One small "
                "laboratory study found that drinking plain water after heavy sweating left "
                "muscles more prone to cramp, while drinks with electrolytes did not.",
                ("anxietycentre-twitching", "lau-2019"),
            ),
        ),
        (
            Para(
                "Drink to thirst, and a little more in heat or after heavy sweating. There is "
                "no benefit in forcing down large amounts of water, and drinking far more "
                "than you need can be harmful.",
                ("schwellnus-2011", "lau-2019"),
            ),
        ),
        correction=Para(
            "A correction: in a prospective study of 210 triathletes, being dehydrated did not "
            "predict who got cramps. Treat fluids as a minor factor at most.",
            ("schwellnus-2011",),
        ),
    ),
    Cause(
        "medication",
        7,
        "Medicines",
        "Starting, stopping, changing or missing a medicine can bring on twitching.",
        (
            Para(
                "Many medicines, psychiatric medicines especially, can cause twitching or "
                "tremor as a side effect. It can happen when starting, while taking, when "
                "switching, when combining, when missing doses or when stopping.",
                ("nimh-2016",),
            ),
        ),
        (
            Para(
                "Do not stop or change a prescribed medicine on your own. Tell the prescriber "
                "about the twitching; they can check whether a medicine is the likely cause "
                "and what to do about it.",
                ("nimh-2016", "nhs-twitches"),
            ),
        ),
    ),
    Cause(
        "recreational-drugs",
        8,
        "Alcohol and recreational drugs",
        "Both the high and the come-down can stir up the nervous system.",
        (
            Para(
                "Recreational drugs, alcohol included, can overstimulate the nervous system "
                "while they act and again as they wear off. They also disturb sleep, which "
                "adds to the load.",
                ("enevoldson-2004", "schierenbeck-2008"),
            ),
        ),
        (
            Para(
                "Cutting down usually helps. If you drink heavily every day, do not stop "
                "abruptly without medical advice, because withdrawal can be dangerous.",
                ("enevoldson-2004",),
            ),
        ),
    ),
    Cause(
        "breathing",
        9,
        "Over-breathing and under-breathing",
        "Breathing faster or deeper than the body needs lowers carbon dioxide in the blood.",
        (
            Para(
                "Anxious breathing is often fast or deep. Breathing off more carbon dioxide "
                "than the body makes shifts the blood's chemistry, which can cause tingling, "
                "light-headedness and spasms of the hands and feet.",
                ("gardner-1996",),
            ),
        ),
        (
            Para(
                "Slow, gentle breathing through the nose, with a longer out-breath, lets "
                "carbon dioxide return to normal, and the symptoms usually pass within minutes.",
                ("gardner-1996",),
            ),
            Para(
                "The anxietycentre.com article also names under-breathing: shallow breaths, or "
                "holding the breath while tense. We found no study of it as a cause of "
                "twitching, but the same slow, even breathing is the answer to both.",
                ("anxietycentre-twitching",),
            ),
        ),
        correction=Para(
            "A correction: the article speaks of too much oxygen. The mechanism is too "
            "little carbon dioxide (respiratory alkalosis).",
            ("gardner-1996",),
        ),
    ),
    Cause(
        "hormones",
        10,
        "Hormone changes",
        "The menstrual cycle, menopause and long-running stress all shift hormones.",
        (
            Para(
                "Hormones influence how excitable nerves and muscles are. Changes around "
                "periods, pregnancy, menopause and other life stages, and stress hormones that "
                "stay high for a long time, can all bring twitching on.",
                ("hopkins-hormones", "folk-2020"),
            ),
        ),
        (
            Para(
                "Logging your cycle lets the analysis check whether it lines up with your "
                "twitching. A doctor can look into hormone changes that feel out of the "
                "ordinary.",
                ("hopkins-hormones",),
            ),
        ),
    ),
    Cause(
        "low-blood-sugar",
        11,
        "Low blood sugar and missed meals",
        "Stress burns energy faster; irregular meals can let blood sugar dip.",
        (
            Para(
                "Low blood sugar causes shakiness and trembling. Stress uses energy faster, so "
                "skipping or delaying meals while stressed makes dips more likely, which can "
                "bring on twitching now and then or more often.",
                ("ada-hypoglycemia", "folk-2020"),
            ),
        ),
        (
            Para(
                "Regular meals and snacks with some protein and fibre keep energy steadier. "
                "If you have diabetes, follow your care team's advice on low blood sugar.",
                ("ada-hypoglycemia",),
            ),
        ),
    ),
)

CAUSES_BY_SLUG = {cause.slug: cause for cause in CAUSES}
