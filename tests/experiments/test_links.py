"""The insights page's "test it" link, and never one towards taking more of a substance."""

import re

import pytest
from django.template import Context, Template
from django.test import Client


def link(factor: str) -> str:
    template = Template("{% load experiment_tags %}{% experiment_test_it_link factor %}")
    return template.render(Context({"factor": factor}))


def test_a_driver_with_a_matching_change_gets_a_test_it_link() -> None:
    assert "/experiments/plan/?change=no-caffeine-after-noon" in link("caffeine_mg")
    assert "eight hours in bed" in link("sleep_hours")


@pytest.mark.parametrize("factor", ["magnesium_mg", "calcium_mg", "vitamin_d_iu", "water_l"])
def test_no_link_points_towards_taking_more_of_something(factor: str) -> None:
    assert link(factor).strip() == ""


def test_the_plan_page_starts_from_the_linked_change(alice_client: Client) -> None:
    page = alice_client.get("/experiments/plan/?change=no-alcohol").content.decode()
    assert re.search(r'<input[^>]*value="no-alcohol"[^>]*checked>', page)
