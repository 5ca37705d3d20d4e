from tests.access import Probe
from tests.assessments.conftest import save_result


def _result(p):  # type: ignore[no-untyped-def]
    return {"pk": save_result(p.alice, "gad7", "1111000").pk}


def _result_id(p):  # type: ignore[no-untyped-def]
    return {"result_id": save_result(p.alice, "phq9", "000000001").pk}


PROBES = {
    "assessments:index": Probe("public"),
    "assessments:about": Probe("public", lambda p: {"slug": "phq9"}),
    "assessments:questionnaire": Probe("public", lambda p: {"slug": "pss10"}),
    "assessments:take": Probe("login", lambda p: {"slug": "gad7"}),
    "assessments:history": Probe("login", lambda p: {"slug": "gad7"}),
    "assessments:result": Probe("owned", _result, owner_status=200),
    "assessments:result_fhir": Probe("owned", _result, owner_status=200),
    "GET /api/assessments/instruments": Probe("public"),
    "POST /api/assessments/results": Probe("login", data={"instrument": "gad2", "answers": [1, 2]}),
    "GET /api/assessments/results": Probe("login"),
    "GET /api/assessments/results/{result_id}": Probe("owned", _result_id, owner_status=200),
}
