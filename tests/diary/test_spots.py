import pytest

from twitchlog.diary.bodymap import CROP_LEFT, CROP_WIDTH, HEIGHT, MIN_SIZE, VIEWS
from twitchlog.diary.spots import Spot, SpotError, parse_spot, spot_groups
from twitchlog.knowledge.vocabulary import REGIONS, REGIONS_BY_SLUG


def test_parse_spot_reads_what_people_type() -> None:
    assert parse_spot("left-eyelid") == Spot("eyelid", "left")
    assert parse_spot("Right-Upper-Back") == Spot("upper_back", "right")
    assert parse_spot("right_upper_back") == Spot("upper_back", "right")
    assert parse_spot("both-calf") == Spot("calf", "both")
    assert parse_spot("throat") == Spot("throat", "middle")
    assert parse_spot("left-throat") == Spot("throat", "middle")
    assert Spot("upper_back", "left").slug == "left-upper-back"
    assert Spot("throat", "middle").label == "Throat or esophagus"
    assert Spot("calf", "right").label == "Right calf"


@pytest.mark.parametrize(
    ("text", "message"),
    [("calf", "which side"), ("middle-calf", "which side"), ("left-tail", "not a body region")],
)
def test_parse_spot_explains_mistakes(text: str, message: str) -> None:
    with pytest.raises(SpotError, match=message):
        parse_spot(text)


def test_the_body_map_draws_every_region_in_its_views_with_the_right_sides() -> None:
    for name, shapes in VIEWS.items():
        drawn = {shape.spot.region for shape in shapes}
        assert drawn == {r.slug for r in REGIONS if name in r.views}, name
        for shape in shapes:
            sided = REGIONS_BY_SLUG[shape.spot.region].sided
            assert sided == (shape.spot.side != "middle"), shape
        spots = [shape.spot for shape in shapes]
        assert len(spots) == len(set(spots)), name


def test_the_list_offers_every_region() -> None:
    listed = {spot.region for _, spots in spot_groups() for spot in spots}
    assert listed == set(REGIONS_BY_SLUG)


def test_every_shape_is_big_enough_to_tap_and_inside_the_drawing() -> None:
    # Before: the eyelids, mouth, jaw, neck, throat, genitals and toes were 12-20 units, under
    # 24 px on a phone; the figures were also drawn wider than a phone shows side by side.
    for name, shapes in VIEWS.items():
        for shape in shapes:
            left, top, width, height = shape.box
            assert min(width, height) >= MIN_SIZE, (name, shape.spot)
            assert left >= CROP_LEFT and left + width <= CROP_LEFT + CROP_WIDTH, (name, shape)
            assert top >= 0 and top + height <= HEIGHT, (name, shape.spot)
