from tests.access import Probe

PROBES = {
    "reports:index": Probe("login"),
    "reports:zip": Probe("login"),
    "reports:fhir": Probe("login"),
    "reports:pdf": Probe("login"),
    "GET /api/reports/export": Probe("login", data={"format": "fhir"}),
}
