from tests.access import Probe

PROBES = {
    "pwa:manifest": Probe("public"),
    "pwa:service_worker": Probe("public"),
    "pwa:offline": Probe("public"),
    "pwa:favicon": Probe("public", owner_status=302),
}
