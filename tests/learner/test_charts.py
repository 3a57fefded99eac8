"""Charts read as objects: the facts of a figure, its text summary, and the self-checks of lesson 06."""
import pytest

from course.learner import charts
from course.learner import checks as c

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")  # no screen in the tests; a lesson uses the notebook's inline backend
plt = pytest.importorskip("matplotlib.pyplot")

SAFE = charts.SAFE_COLOURS


@pytest.fixture(autouse=True)
def close_charts():
    yield
    plt.close("all")


def failure(check, *args, **kwargs) -> str:
    with pytest.raises(c.CheckFailed) as raised:
        check(*args, **kwargs)
    return raised.value.message


def bar_chart(*, title="Jobs in each country", labels=True, hatch=None, color=None, across=False):
    fig, ax = plt.subplots()
    draw = ax.barh if across else ax.bar
    draw(["Spain", "Italy"], [5, 3], hatch=hatch, color=color)
    ax.set_title(title)
    if labels:
        ax.set_xlabel("Country")
        ax.set_ylabel("Number of jobs")
    return fig


def two_groups(*, markers=("^", "o"), colours=(SAFE[0], SAFE[4]), legend=True):
    fig, ax = plt.subplots()
    ax.scatter([35, 40, 20], [1000, 1200, float("nan")], marker=markers[0], color=colours[0], label="from home")
    ax.scatter([40], [900], marker=markers[1], color=colours[1], label="not from home")
    ax.set_title("Hours and pay")
    ax.set_xlabel("Hours")
    ax.set_ylabel("Pay")
    if legend:
        ax.legend()
    return fig


def test_facts_of_a_bar_chart_name_each_bar_with_its_value_pattern_and_colour():
    found = charts.facts(bar_chart(hatch="//", color=SAFE[2]))
    assert found.kind == "bar" and found.title == "Jobs in each country"
    assert (found.xlabel, found.ylabel) == ("Country", "Number of jobs")
    assert found.bars == [("Spain", 5.0), ("Italy", 3.0)]
    assert found.hatches == ["//", "//"] and found.colours == [SAFE[2].lower()] * 2


def test_bars_across_are_read_from_the_y_axis():
    found = charts.facts(bar_chart(across=True))
    assert found.kind == "barh" and found.bars == [("Spain", 5.0), ("Italy", 3.0)]


def test_scatter_groups_leave_out_points_with_no_value_and_keep_their_labels():
    found = charts.facts(two_groups())
    assert found.kind == "scatter" and [g.label for g in found.groups] == ["from home", "not from home"]
    assert [len(g.points) for g in found.groups] == [2, 1]
    assert found.legend == ["from home", "not from home"]
    assert found.groups[0].marker != found.groups[1].marker


def test_an_empty_figure_and_a_line_chart():
    fig, _ax = plt.subplots()
    assert charts.facts(fig).kind == "empty" and charts.facts(plt.figure()).kind == "empty"
    fig, ax = plt.subplots()
    ax.plot([1, 2], [3, 4], marker="s")
    assert charts.facts(fig).kind == "line"


def test_the_text_summary_says_what_is_missing_and_every_bar():
    text = charts.summary(bar_chart(title="", labels=False, hatch=".."))
    assert "This is a bar chart." in text and "Title: none" in text
    assert "Label of the x axis (across): none" in text
    assert "Bar Spain: 5, pattern .." in text and "Bar Italy: 3, pattern .." in text


def test_describe_chart_prints_the_summary_and_a_friendly_line_for_a_non_chart(capsys):
    charts.describe_chart(bar_chart())
    assert "Title: Jobs in each country" in capsys.readouterr().out
    charts.describe_chart("hello")
    assert "describe_chart needs a chart" in capsys.readouterr().out


def test_a_full_chart_passes_and_each_missing_part_is_named():
    good = {"fig": bar_chart(hatch="//", color=SAFE[0])}
    charts.check("fig", kind="bar", patterns=True, namespace=good)
    assert "has no title" in failure(charts.check, "fig", kind="bar", namespace={"fig": bar_chart(title=" ")})
    assert "a label on each axis" in failure(charts.check, "fig", kind="bar", namespace={"fig": bar_chart(labels=False)})
    assert "Here it should be a bar chart with bars across" in failure(
        charts.check, "fig", kind="barh", namespace=good)
    no_pattern = {"fig": bar_chart(color=SAFE[0])}
    assert "have no pattern" in failure(charts.check, "fig", kind="bar", patterns=True, namespace=no_pattern)
    default_colour = {"fig": bar_chart(hatch="//")}
    assert "not in SAFE_COLOURS" in failure(charts.check, "fig", kind="bar", patterns=True, namespace=default_colour)


def test_groups_need_their_own_marker_and_a_legend_not_colour_alone():
    charts.check("fig", kind="scatter", patterns=True, legend=True, namespace={"fig": two_groups()})
    same = {"fig": two_groups(markers=("o", "o"))}
    assert "its own marker shape" in failure(charts.check, "fig", kind="scatter", patterns=True, namespace=same)
    unlabelled = {"fig": two_groups(legend=False)}
    assert "needs a legend" in failure(charts.check, "fig", kind="scatter", legend=True, namespace=unlabelled)


def test_the_chart_must_be_a_figure_not_the_axes_or_a_number():
    fig, ax = plt.subplots()
    assert "should be a chart" in failure(charts.check, "ax", kind="bar", namespace={"ax": ax})
    assert "should be a chart" in failure(charts.check, "fig", kind="bar", namespace={"fig": 3})
    assert "I cannot find a variable called `fig`" in failure(charts.check, "fig", kind="bar", namespace={})


def test_bars_are_compared_by_label_and_value():
    namespace = {"fig": bar_chart()}
    charts.bars("fig", equals={"Italy": 3, "Spain": 5.0}, namespace=namespace)
    message = failure(charts.bars, "fig", equals={"Spain": 5, "Italy": 4}, namespace=namespace)
    assert "show Spain 5, Italy 3" in message and "should show Spain 5, Italy 4" in message


@pytest.mark.parametrize("text", ["", "   ", "Chart", "an image.", "The bar chart", "graph"])
def test_empty_or_generic_alt_text_is_rejected(text):
    message = failure(charts.alt_text, "alt", namespace={"alt": text})
    assert "is empty" in message or "only says" in message


def test_alt_text_says_the_main_fact_with_its_own_capitals():
    good = "Bar chart of the median pay in each sector. IT pays the most: 1450 euros."
    charts.alt_text("alt", mentions=["IT", 1450], namespace={"alt": good})
    assert "very short" in failure(charts.alt_text, "alt", namespace={"alt": "Pay by sector"})
    assert "does not say IT" in failure(charts.alt_text, "alt", mentions=["IT"],
                                        namespace={"alt": "A chart with it and with its five bars."})
    assert "long" in failure(charts.alt_text, "alt", namespace={"alt": "word " * 80})
    assert "text" in failure(charts.alt_text, "alt", namespace={"alt": 42})


def test_charts_made_inside_the_block_are_closed_and_others_kept():
    kept = plt.figure()
    with charts.closed_after():
        plt.subplots()
        plt.subplots()
    assert plt.get_fignums() == [kept.number]
