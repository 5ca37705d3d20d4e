from tests.access import Probe

PROBES = {
    "core:welcome": Probe("public"),
    "core:privacy": Probe("public"),
    "core:healthz": Probe("public"),
    "core:home": Probe("login"),
    "admin:index": Probe("staff"),
}
