"""Sources behind every claim on the knowledge pages. Pure data."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Reference:
    key: str
    citation: str
    url: str = ""
    note: str = ""


REFERENCES = (
    Reference(
        "anxietycentre-twitching",
        "Folk J (written by), Folk M (medically reviewed). Muscle Twitching Anxiety Symptoms. "
        "anxietycentre.com, last updated 19 May 2021.",
        "https://www.anxietycentre.com/anxiety-disorders/symptoms/muscle-twitching/",
        note="The self-help article Twitchlog grew out of, written by people who have had an "
        "anxiety disorder themselves. Our guides restate its description of the symptom and "
        "its causes in our own words, and correct it where better sources disagree.",
    ),
    Reference(
        "folk-2020",
        "Folk J, Folk M. The Stress Response and How It Can Affect You. anxietycentre.com, 2020.",
        note="The description of the stress response the article above builds on.",
    ),
    Reference(
        "harvard-2020",
        "Harvard Health Publishing. Understanding the stress response. Harvard Medical School, "
        "2020.",
        "https://www.health.harvard.edu/staying-healthy/understanding-the-stress-response",
    ),
    Reference(
        "basta-2007",
        "Basta M, Chrousos GP, Vela-Bueno A, Vgontzas AN. Chronic insomnia and the stress "
        "system. Sleep Medicine Clinics. 2007;2(2):279–291.",
    ),
    Reference(
        "lovallo-2005",
        "Lovallo WR, Whitsett TL, al'Absi M, et al. Caffeine stimulation of cortisol secretion "
        "across the waking hours in relation to caffeine intake levels. Psychosomatic Medicine. "
        "2005;67(5):734–739.",
    ),
    Reference(
        "mccabe-2017",
        "McCabe D, Lisy K, Lockwood C, Colbeck M. The impact of essential fatty acid, B "
        "vitamins, vitamin C, magnesium and zinc supplementation on stress levels in women: a "
        "systematic review. JBI Database of Systematic Reviews and Implementation Reports. "
        "2017;15(2):402–453.",
        "https://doi.org/10.11124/JBISRIR-2016-002965",
    ),
    Reference(
        "statpearls-hypomagnesemia",
        "Hypomagnesemia. In: StatPearls. Treasure Island (FL): StatPearls Publishing.",
        "https://statpearls.com/articlelibrary/viewarticle/23271",
        note="Low magnesium in the blood: from mild tremor and weakness to severe effects.",
    ),
    Reference(
        "wikipedia-hypocalcemia",
        "Hypocalcemia. Wikipedia, the free encyclopedia.",
        "https://en.wikipedia.org/wiki/Hypocalcemia",
        note="Low calcium in the blood: its symptoms (numbness, muscle spasms) and causes, "
        "among them a lack of vitamin D; confirmed by a blood test.",
    ),
    Reference(
        "lau-2019",
        "Lau WY, Kato H, Nosaka K. Water intake after dehydration makes muscles more "
        "susceptible to cramp but electrolytes reverse that effect. BMJ Open Sport & Exercise "
        "Medicine. 2019;5(1):e000478.",
    ),
    Reference(
        "schwellnus-2011",
        "Schwellnus MP, Drew N, Collins M. Increased running speed and previous cramps rather "
        "than dehydration or serum sodium changes predict exercise-associated muscle cramping: "
        "a prospective cohort study in 210 Ironman triathletes. British Journal of Sports "
        "Medicine. 2011;45(8):650–656.",
        note="A correction to the anxietycentre.com article: in this prospective cohort, "
        "dehydration did not predict cramping.",
    ),
    Reference(
        "nimh-2016",
        "National Institute of Mental Health. Mental Health Medications. NIMH, 2016.",
        "https://www.nimh.nih.gov/health/topics/mental-health-medications",
    ),
    Reference(
        "enevoldson-2004",
        "Enevoldson TP. Recreational drugs and their neurological consequences. Journal of "
        "Neurology, Neurosurgery & Psychiatry. 2004;75(Suppl 3):iii9–iii15.",
    ),
    Reference(
        "schierenbeck-2008",
        "Schierenbeck T, Riemann D, Berger M, Hornyak M. Effect of illicit recreational drugs "
        "upon sleep: cocaine, ecstasy and marijuana. Sleep Medicine Reviews. 2008;12(5):381–389.",
    ),
    Reference(
        "gardner-1996",
        "Gardner WN. The pathophysiology of hyperventilation disorders. Chest. "
        "1996;109(2):516–534.",
        note="A correction to the anxietycentre.com article: over-breathing acts by lowering "
        "carbon dioxide, not by an excess of oxygen.",
    ),
    Reference(
        "hopkins-hormones",
        "Johns Hopkins Medicine. Hormones and the Endocrine System.",
        "https://www.hopkinsmedicine.org/health/conditions-and-diseases/"
        "hormones-and-the-endocrine-system",
    ),
    Reference(
        "ada-hypoglycemia",
        "American Diabetes Association. Hypoglycemia (low blood glucose).",
        "https://diabetes.org/living-with-diabetes/hypoglycemia-low-blood-glucose",
    ),
    Reference(
        "hofmann-2012",
        "Hofmann SG, Asnaani A, Vonk IJJ, Sawyer AT, Fang A. The efficacy of cognitive "
        "behavioral therapy: a review of meta-analyses. Cognitive Therapy and Research. "
        "2012;36(5):427–440.",
    ),
    Reference(
        "leichsenring-2017",
        "Leichsenring F, Steinert C. Is cognitive behavioral therapy the gold standard for "
        "psychotherapy? The need for plurality in treatment and research. JAMA. "
        "2017;318(14):1323–1324.",
    ),
    Reference(
        "nhs-twitches",
        "NHS. Twitching eyes and muscles. nhs.uk (page last reviewed 30 October 2023).",
        "https://www.nhs.uk/conditions/twitching-eyes-and-muscles/",
    ),
    Reference(
        "reed-1963",
        "Reed DM, Kurland LT. Muscle fasciculations in a healthy population. Archives of "
        "Neurology. 1963;9:363–367.",
    ),
    Reference(
        "blexrud-1993",
        "Blexrud MD, Windebank AJ, Daube JR. Long-term follow-up of 121 patients with benign "
        "fasciculations. Annals of Neurology. 1993;34(4):622–625.",
    ),
    Reference(
        "ninds-als",
        "National Institute of Neurological Disorders and Stroke. Amyotrophic Lateral "
        "Sclerosis (ALS).",
        "https://www.ninds.nih.gov/health-information/disorders/amyotrophic-lateral-sclerosis-als",
    ),
    Reference(
        "nice-ng127",
        "National Institute for Health and Care Excellence. Suspected neurological conditions: "
        "recognition and referral (NICE guideline NG127), 2019. Recommendations on tics and "
        "involuntary movements in adults.",
        "https://www.nice.org.uk/guidance/ng127/chapter/Recommendations-for-adults-aged-over-16",
    ),
    Reference(
        "filippakis-2018",
        "A prospective study of benign fasciculation syndrome and anxiety. Muscle & Nerve. "
        "2018;58(6):852–854. doi:10.1002/mus.26193.",
        "https://pubmed.ncbi.nlm.nih.gov/30028521/",
        note="35 people with benign fasciculation syndrome followed for 24 months.",
    ),
    Reference(
        "mattiuzzi-2024",
        "Mattiuzzi C, Lippi G. Clinical progression of benign fasciculation syndrome: a "
        "systematic literature review. Neurological Sciences. 2024. "
        "doi:10.1007/s10072-024-07867-0.",
        "https://doi.org/10.1007/s10072-024-07867-0",
        note="Three studies, 180 people.",
    ),
    Reference(
        "salkovskis-2003",
        "Salkovskis PM, Warwick HMC, Deale AC. Cognitive-behavioral treatment for severe and "
        "persistent health anxiety (hypochondriasis). Brief Treatment and Crisis Intervention. "
        "2003;3(3):353–367.",
        note="The cognitive-behavioural model of health anxiety: checking the body and seeking "
        "reassurance keep the fear going.",
    ),
    Reference(
        "nhs-stroke-fast",
        "North West Ambulance Service NHS Trust. Recognising stroke in other people (the FAST "
        "test).",
        "https://www.nwas.nhs.uk/our-services/managing-clinical-conditions/recognising-a-stroke/"
        "recognising-stroke-in-other-people/",
    ),
    Reference(
        "nhs-when-999",
        "South Western Ambulance Service NHS Foundation Trust. When to call 999.",
        "https://www.swast.nhs.uk/when-to-call-999/",
    ),
    Reference(
        "hse-chest-pain",
        "Health Service Executive (Ireland). Chest pain.",
        "https://www2.hse.ie/conditions/chest-pain/",
    ),
)

REFERENCES_BY_KEY = {ref.key: ref for ref in REFERENCES}
