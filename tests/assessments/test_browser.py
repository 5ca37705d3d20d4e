from typing import Any

import pytest

from tests.conftest import log_in
from twitchlog.assessments.models import AssessmentResult


@pytest.mark.browser
def test_someone_takes_the_phq9_on_a_phone_and_sees_crisis_lines_first(
    browser: Any, live_server: Any, alice: Any
) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    log_in(page, live_server.url, alice.email, "/tests/phq9/")

    # Leave one question out: it is named, and the answers given stay picked.
    for n in range(1, 9):
        page.check(f"input[name=q{n}][value='0']")
    page.click("text=See my result")
    assert "Question 9 still needs an answer." in page.inner_text("main")
    assert page.is_checked("input[name=q1][value='0']")

    page.check("input[name=q9][value='1']")
    page.click("text=See my result")
    page.wait_for_url(f"{live_server.url}/tests/results/**")
    main = page.inner_text("main")
    assert main.index("Please reach out to someone now") < main.index("Your PHQ-9 result")
    assert "1\nout of 27" in main or "1 out of 27" in main
    assert "A screening aid, not a diagnosis." in main
    assert AssessmentResult.objects.get().safety_alert is True
    context.close()
