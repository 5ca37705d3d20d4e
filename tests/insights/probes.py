from tests.access import Probe

PROBES = {
    "insights:index": Probe("login"),
    "GET /api/insights/report": Probe("login"),
}
