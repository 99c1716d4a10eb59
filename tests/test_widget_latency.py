"""The pure helpers of ``benchmarks/widget_latency.py`` (loaded by path): percentiles, the
target, the table, and that every measured change alternates between two different results.

No timing is asserted here: the benchmark prints its figures, it does not gate anything.
"""
from __future__ import annotations

import doctest
import statistics

import benchmark_modules
import pytest

bench = benchmark_modules.load("widget_latency")


def test_the_docstring_examples_hold():
    result = doctest.testmod(bench)
    assert result.attempted >= 5 and result.failed == 0


@pytest.mark.parametrize("values", [[3.0], [5, 1], [10, 30, 20, 40], list(range(1, 22)), [7.5, 0.2, 99, 13, 13, 64]])
def test_percentile_agrees_with_linear_interpolation_of_the_standard_library(values):
    deciles = statistics.quantiles(values, n=10, method="inclusive") if len(values) > 1 else [values[0]] * 9
    assert bench.percentile(values, 90) == pytest.approx(deciles[8])
    assert bench.percentile(values, 50) == pytest.approx(statistics.median(values))
    assert bench.percentile(values, 0) == min(values) and bench.percentile(values, 100) == max(values)


def test_percentile_of_nothing_is_an_error():
    with pytest.raises(ValueError):
        bench.percentile([], 90)


def test_the_target_is_median_100_and_p90_200_both_inclusive():
    assert bench.target_met(100.0, 200.0)
    assert not bench.target_met(100.1, 150.0)
    assert not bench.target_met(50.0, 200.1)


def test_rows_give_the_ratio_to_the_baseline_median_and_whether_the_target_is_met():
    results = {bench.BASELINE: {"latency": [20, 30, 40], "server": [1, 2, 3]},
               "slow": {"latency": [90, 120, 150, 400], "server": []}}
    rows = {row["interaction"]: row for row in bench.table_rows(results)}
    assert rows[bench.BASELINE]["ratio"] == 1.0
    assert rows["slow"]["median_ms"] == 135.0 and rows["slow"]["ratio"] == 4.5
    assert rows["slow"]["p90_ms"] == pytest.approx(325.0)
    assert rows["slow"]["server_median_ms"] is None and rows["slow"]["target_met"] is False
    table = bench.format_table(list(rows.values()))
    assert table.splitlines()[-1].split()[-4:] == ["n/a", "30.0", "4.50", "no"]


def test_each_interaction_alternates_between_two_different_results():
    import course

    course.set_language("zh")
    items = bench.interactions()
    assert items[0].name == bench.BASELINE and len(items) == 5
    for item in items:
        first, second = (item.expect(value) for value in item.values[:2])
        assert first != second, item.name
        assert item.trigger in ("enter", "change", "click")
