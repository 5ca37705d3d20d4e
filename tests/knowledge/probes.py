from tests.access import Probe

PROBES = {
    "knowledge:index": Probe("public"),
    "knowledge:twitching": Probe("public"),
    "knowledge:fear_of_als": Probe("public"),
    "knowledge:causes": Probe("public"),
    "knowledge:cause": Probe("public", lambda p: {"slug": "sleep"}),
    "knowledge:topics": Probe("public"),
    "knowledge:topic": Probe("public", lambda p: {"slug": "containment"}),
    "knowledge:doctor": Probe("public"),
    "knowledge:references": Probe("public"),
    "knowledge:search": Probe("public", data={"q": "sleep"}),
}
