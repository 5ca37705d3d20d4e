import datetime as dt

from tests.access import Probe
from tests.experiments.helpers import make_experiment


def _page(p):  # type: ignore[no-untyped-def]
    return {"pk": make_experiment(p.alice).pk}


def _api(p):  # type: ignore[no-untyped-def]
    return {"experiment_id": make_experiment(p.alice).pk}


def SEED(p):  # type: ignore[no-untyped-def]
    make_experiment(
        p.alice, days_ago=200, change_key="custom", custom_label="Alice's cold plunge ritual"
    )
    return ["Alice's cold plunge ritual"]


SOON = (dt.date.today() + dt.timedelta(days=2)).isoformat()
PLAN = {"change": "regular-meals", "start_date": SOON, "pairs": 2}

PROBES = {
    "experiments:index": Probe("login"),
    "experiments:plan": Probe("login"),
    "experiments:detail": Probe("owned", _page),
    "experiments:kept": Probe("owned", _page),
    "experiments:stop": Probe("owned", _page),
    "experiments:reminder": Probe("owned", _page, method="post", data={"reminder_time": "20:00"}),
    "GET /api/experiments/": Probe("login"),
    "POST /api/experiments/": Probe("login", data=PLAN),
    "POST /api/experiments/advice": Probe("login", data={"outcome": "twitch_count"}),
    "GET /api/experiments/{experiment_id}": Probe("owned", _api),
    "PATCH /api/experiments/{experiment_id}": Probe(
        "owned", _api, data={"reminder_time": "20:00:00"}
    ),
    "POST /api/experiments/{experiment_id}/kept": Probe(
        "owned", _api, data={"date": dt.date.today().isoformat(), "kept": True}
    ),
    "POST /api/experiments/{experiment_id}/stop": Probe("owned", _api),
    "GET /api/experiments/{experiment_id}/result": Probe("owned", _api),
}
