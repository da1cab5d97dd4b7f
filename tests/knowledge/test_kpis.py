import datetime
from decimal import Decimal

import pytest

from knowledge import kpis
from tests.factories.knowledge import kpi, project_page

D = datetime.date


def test_lower_is_better_counts_the_way_from_baseline_to_target():
    # Seed 002: 98 young people 18+ in youth care (Oct 2018) → 57 (Oct 2020); target minus 50% = 49.
    result = kpis.progress(baseline=98, target=49, direction="lower", latest=57)
    assert result.state == kpis.UNDERWAY
    assert result.percent == 84  # 41 of the 49 needed


def test_higher_is_better_counts_upwards():
    result = kpis.progress(baseline=10, target=30, direction="higher", latest=25)
    assert (result.state, result.percent) == (kpis.UNDERWAY, 75)


@pytest.mark.parametrize(
    "direction, baseline, target, latest",
    [("lower", 98, 49, 49), ("lower", 98, 49, 30), ("higher", 0, 50, 50), ("higher", 0, 50, 60)],
)
def test_target_reached_in_both_directions(direction, baseline, target, latest):
    result = kpis.progress(baseline=baseline, target=target, direction=direction, latest=latest)
    assert result.reached and result.percent == 100


def test_almost_there_is_not_shown_as_reached():
    result = kpis.progress(baseline=100, target=0, direction="lower", latest=Decimal("0.4"))
    assert result.state == kpis.UNDERWAY and result.percent == 99


@pytest.mark.parametrize("direction, latest", [("lower", 110), ("higher", -5), ("lower", 98)])
def test_going_the_wrong_way_or_standing_still_shows_no_progress(direction, latest):
    baseline, target = (98, 49) if direction == "lower" else (0, 50)
    result = kpis.progress(baseline=baseline, target=target, direction=direction, latest=latest)
    assert result.state == kpis.NO_PROGRESS and result.percent == 0


def test_no_measurements_is_a_state_of_its_own():
    result = kpis.progress(baseline=98, target=49, direction="lower", latest=None)
    assert result.state == kpis.NO_MEASUREMENTS
    assert result.percent is None and not result.has_measurements


def test_unknown_direction_is_refused():
    with pytest.raises(ValueError):
        kpis.progress(baseline=1, target=2, direction="sideways", latest=1)


def test_chart_places_points_in_date_order_inside_the_plot():
    chart = kpis.chart(
        baseline_value=98,
        baseline_date=D(2018, 10, 1),
        target_value=49,
        target_date=D(2021, 12, 31),
        measurements=[(D(2020, 10, 1), Decimal(57)), (D(2020, 7, 1), Decimal(38))],
    )
    xs = [p.x for p in chart.points]
    assert xs == sorted(xs) and len(xs) == 3
    assert chart.points[0].is_baseline
    for point in chart.points:
        assert chart.top <= point.y <= chart.bottom
    # The lowest value is drawn lowest; the target line lies between the extremes.
    low = min(chart.points, key=lambda p: p.value)
    assert low.y == max(p.y for p in chart.points)
    assert min(p.y for p in chart.points) < chart.target_y < low.y
    assert [label for _, label in chart.x_ticks] == ["2019", "2020", "2021"]


@pytest.mark.django_db
def test_kpi_model_uses_the_latest_regional_measurement_not_a_municipality(demo_site):
    from accounts.models import Organisation

    ede = Organisation.objects.get(slug="gemeente-ede")
    page = project_page(kpis=[kpi(values=[(D(2020, 7, 1), 38), (D(2020, 10, 1), 57), (D(2020, 12, 1), 5, ede)])])
    model = page.kpis.get()
    assert model.latest_measurement().value == 57
    assert model.progress.percent == 84
    assert len(model.chart.points) == 3  # baseline + two regional measurements


@pytest.mark.django_db
def test_target_in_the_wrong_direction_is_a_validation_error(demo_site):
    from django.core.exceptions import ValidationError

    wrong = kpi(direction="lower", baseline=50, target=80)
    with pytest.raises(ValidationError) as error:
        wrong.clean()
    assert "target_value" in error.value.message_dict
