"""When a learner needs a call, and when an exercise looks too hard or unclear.

Every threshold is a field of :class:`Rules` with a default a trainer can change
(`course report --quiet-days 10 ...`). Reasons are sentences in the cohort's language.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from course.i18n import _, ngettext
from course.reports.columns import DISCRIMINATION, LEARNERS, PASS_RATE

if TYPE_CHECKING:  # pandas is imported where it runs: the `course` command reads Rules' defaults without it
    import pandas as pd


@dataclass(frozen=True)
class Rules:
    quiet_days: int = 14  # nothing submitted for this many days
    low_percent: float = 50.0  # a lesson under this percent is low; every lesson so far low needs a call ...
    low_run: int = 2  # ... and so do this many low lessons in a row (the latest ones)
    confidence_drop: float = 1.0  # mean fall in self-rating (points on the 1-5 scale)
    too_hard: float = 40.0  # pass rate (%) under which an exercise looks too hard
    unclear: float = 0.2  # item-rest correlation under which an exercise looks unclear
    min_learners: int = 5  # exercises with fewer marked answers get no flag


def quiet_reason(last: pd.Timestamp | None, *, anyone_submitted: bool, today: pd.Timestamp, rules: Rules) -> str:
    import pandas as pd

    if last is None or pd.isna(last):
        return _("Nothing submitted yet.") if anyone_submitted else ""
    days = (today - last).days
    return _("Nothing submitted for {days} days.").format(days=days) if days >= rules.quiet_days else ""


def low_run_reason(percents: list[float], *, rules: Rules) -> str:
    """*percents*: the learner's lesson percents in course order (lessons with nothing marked left out)."""
    latest = percents[-rules.low_run:]
    if len(latest) < rules.low_run or not all(p < rules.low_percent for p in latest):
        return ""
    return _("The last {count} lessons were all under {limit:g} percent ({values}).").format(
        count=rules.low_run, limit=rules.low_percent, values=", ".join(f"{p:.0f} %" for p in latest)
    )


def stuck_reasons(percents: dict[str, float], blank: set[str], *, rules: Rules) -> list[str]:
    """Why a learner looks stuck from the first lesson on; *percents*: lesson -> percent, in course order.

    A lesson handed in with no answer written, a lesson scored 0, and every lesson so far under the
    threshold each give a reason. Lessons with nothing marked yet are not in *percents*.
    """
    found = []
    if blank:
        found.append(ngettext("Handed in {lessons} with no answer written.",
                              "Handed in {count} lessons with no answer written: {lessons}.",
                              len(blank)).format(count=len(blank), lessons=", ".join(sorted(blank))))
    zero = [lesson for lesson, value in percents.items() if value == 0 and lesson not in blank]
    if zero:
        found.append(ngettext("Scored 0 in {lessons}.", "Scored 0 in {count} lessons: {lessons}.",
                              len(zero)).format(count=len(zero), lessons=", ".join(zero)))
    rest = {lesson: value for lesson, value in percents.items() if value > 0 and lesson not in blank}
    if rest and all(value < rules.low_percent for value in percents.values()):
        found.append(ngettext(
            "Under {limit:g} percent in the only lesson so far ({values}).",
            "Under {limit:g} percent in all {count} lessons so far ({values}).", len(percents),
        ).format(limit=rules.low_percent, count=len(percents),
                 values=", ".join(f"{p:.0f} %" for p in percents.values())))
    return found


def confidence_reason(mean_change: float, *, rules: Rules) -> str:
    if mean_change is None or math.isnan(mean_change) or mean_change > -rules.confidence_drop:
        return ""
    return _("Confidence fell by {points:.1f} points (on a scale of 1 to 5) since the first check.").format(
        points=-mean_change
    )


def exercise_flags(row: pd.Series, *, rules: Rules) -> str:
    """Plain reasons why an exercise may need a look, or an empty string."""
    if row[LEARNERS] < rules.min_learners:
        return ""
    flags = []
    if row[PASS_RATE] < rules.too_hard:
        flags.append(_("too hard: only {rate:.0f} percent passed").format(rate=row[PASS_RATE]))
    import pandas as pd

    value = row[DISCRIMINATION]
    if not pd.isna(value) and value < rules.unclear:
        flags.append(
            _("unclear: learners who did well in the rest of the lesson did not do better here (r = {r:.2f})").format(
                r=value
            )
        )
    return "; ".join(flags)
