"""The trainer's report: one self-contained, accessible HTML page (no scripts, nothing fetched).

Order follows the trainer's questions: who needs a call, how each learner is
progressing, how the lessons and exercises went, whether confidence grows,
which DigComp competences the cohort has shown. Every chart comes with a text
summary and its data as a table.
"""
from __future__ import annotations

from datetime import datetime
from html import escape

import pandas as pd

from course.i18n import _, current_language, ngettext
from course.reports import charts
from course.reports import columns as c
from course.reports.columns import label
from course.reports.rules import Rules

STYLE = """
body { font-family: system-ui, sans-serif; font-size: 1.1rem; line-height: 1.5; max-width: 72rem;
       margin: 2rem auto; padding: 0 1rem; color: #1a1a1a; background: #fff; }
table { border-collapse: collapse; margin: 1rem 0 2rem; }
caption { text-align: left; font-weight: bold; padding-bottom: .5rem; }
th, td { border: 1px solid #555; padding: .35rem .7rem; text-align: left; vertical-align: top; }
td.number { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
thead th { background: #e8e8e8; }
figure { margin: 1rem 0; }
figcaption { margin-top: .5rem; }
svg.chart { max-width: 100%; height: auto; font-size: 14px; }
svg.chart text { fill: #1a1a1a; }
.risk { font-weight: bold; }
@media print {
  body { max-width: none; margin: 0; font-size: 10.5pt; }
  h2, h3, caption { break-after: avoid; }
  tr, figure { break-inside: avoid; }
  thead { display: table-header-group; }
}
"""

# Nothing in a report runs or loads: learner text in it stays text even if escaping were ever missed.
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
CSP_META = f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'


def render(tables, *, title: str, pseudonymised: bool, rules: Rules, statements: dict[str, str]) -> str:
    """The whole page; *tables* is a :class:`course.reports.build.Tables`."""
    sections = [
        f"<h1>{escape(title)}</h1>",
        _needs_a_call(tables.progress, rules),
        _p(_("Made on {when}.").format(when=datetime.now().strftime("%Y-%m-%d %H:%M"))),
        _summary(tables, pseudonymised),
        _learners(tables.progress),
        _lessons(tables.lessons),
        _exercises(tables.exercises, tables.mistakes),
        _confidence(tables.cohort_confidence, tables.confidence, statements),
        _competences(tables.competences),
        _skipped(getattr(tables, "skipped", None)),
    ]
    return "\n".join([
        "<!DOCTYPE html>", f'<html lang="{escape(current_language())}">', "<head>", '<meta charset="utf-8">',
        CSP_META, '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title>",
        f"<style>{STYLE}</style>", "</head>", "<body>", "<main>", *sections, "</main>", "</body>", "</html>",
    ])


# ---- sections ------------------------------------------------------------------------------------


def _summary(tables, pseudonymised: bool) -> str:
    progress = tables.progress
    if progress.empty:
        return _p(_("No learners in the gradebook yet."))
    lessons, at_risk, to_mark = int(progress[c.LESSONS].max()), int(progress[c.AT_RISK].sum()), int(
        progress[c.TO_MARK].sum())
    lines = [
        ngettext("{learners} learners, {lessons} lesson in the gradebook.",
                 "{learners} learners, {lessons} lessons in the gradebook.", lessons).format(
            learners=len(progress), lessons=lessons),
        _("Average score: {mean:.0f} percent of the points marked so far.").format(
            mean=_mean(progress[c.PERCENT])),
        ngettext("{count} learner may need a call.", "{count} learners may need a call.", at_risk).format(
            count=at_risk),
        ngettext("{count} answer waits for you to mark it; it is not in the percent until you do.",
                 "{count} answers wait for you to mark them; they are not in the percent until you do.",
                 to_mark).format(count=to_mark),
    ]
    if pseudonymised:
        lines.append(_("Learners are shown by pseudonym. Your course folder holds the key."))
    return "<p>" + "<br>".join(escape(line) for line in lines) + "</p>"


def _needs_a_call(progress: pd.DataFrame, rules: Rules) -> str:
    at_risk = progress[progress[c.AT_RISK]] if not progress.empty else progress
    rule_text = _(
        "Rules: a lesson handed in with no answer written, or scored 0; every lesson so far under {limit:g} "
        "percent, or the last {run} lessons under it; nothing submitted for {days} days or more; confidence "
        "fell by {drop:g} points or more (on a scale of 1 to 5)."
    ).format(days=rules.quiet_days, run=rules.low_run, limit=rules.low_percent, drop=rules.confidence_drop)
    body = (
        table(at_risk, [c.REASONS, c.PERCENT, c.LAST_ACTIVITY], caption=_("Learners who may need a call, and why"))
        if not at_risk.empty else _p(_("No learner needs a call by these rules."))
    )
    return f"<h2>{escape(_('Who may need a call'))}</h2>" + _p(rule_text) + body


def _learners(progress: pd.DataFrame) -> str:
    if progress.empty:
        return ""
    bands = _bands(progress[c.PERCENT])
    chart = figure(
        title=_("Learners by average score"),
        description=_("Bar chart of how many learners are in each score band."),
        summary=" ".join(_learner_count(band, n) for band, n in bands.items()),
        categories=list(bands), series=[charts.Series(_("Learners"), list(bands.values()))],
        maximum=max(bands.values()) or 1,
    )
    data = pd.DataFrame({_("Score band"): list(bands), _("Learners"): list(bands.values())})
    columns = [c.SUBMITTED, c.LESSONS, c.PERCENT, c.TREND, c.LAST_ACTIVITY, c.TO_MARK, c.AT_RISK]
    return (f"<h2>{escape(_('Progress of each learner'))}</h2>" + chart
            + plain_table(data, caption=_("Learners by average score"))
            + subsection(_("Every learner"), table(progress, columns, caption=_("Progress of each learner"))))


def _lessons(lessons: pd.DataFrame) -> str:
    if lessons.empty:
        return f"<h2>{escape(_('Lessons'))}</h2>" + _p(_("No graded work yet."))
    grouped = lessons.groupby(level=c.LESSON)
    per_lesson = pd.DataFrame({c.LEARNERS: grouped.size(), c.PERCENT: grouped[c.PERCENT].mean().round(1),
                               c.TO_MARK: grouped[c.TO_MARK].sum()})
    chart = figure(
        title=_("Average score per lesson"),
        description=_("Bar chart of the average percent of marked points in each lesson."),
        summary=" ".join(ngettext("{lesson}: {percent} percent, {count} learner.",
                                  "{lesson}: {percent} percent, {count} learners.", int(row[c.LEARNERS])).format(
            lesson=name, percent=_fmt(row[c.PERCENT]), count=int(row[c.LEARNERS])) for name, row in per_lesson.iterrows()),
        categories=list(per_lesson.index), series=[charts.Series(_("Average percent"), _values(per_lesson[c.PERCENT]))],
        maximum=100, unit=" %",
    )
    detail = table(lessons, [c.SCORE, c.GRADED_MAX, c.MAX_SCORE, c.PERCENT, c.TO_MARK, c.LATE],
                   caption=_("Score of each learner in each lesson"))
    return (f"<h2>{escape(_('Lessons'))}</h2>" + chart
            + table(per_lesson, [c.LEARNERS, c.PERCENT, c.TO_MARK], caption=_("Average score per lesson"))
            + subsection(_("Every learner in every lesson"), detail))


def _exercises(exercises: pd.DataFrame, mistakes: pd.DataFrame) -> str:
    head = f"<h2>{escape(_('Exercises'))}</h2>"
    if exercises.empty:
        return head + _p(_("Nothing to show yet."))
    names = [f"{lesson} · {cell}" for lesson, cell in exercises.index]
    flagged = {i for i, flag in enumerate(exercises[c.FLAGS]) if flag}
    summary = ngettext("{count} exercise may need a look: {names}.", "{count} exercises may need a look: {names}.",
                       len(flagged)).format(
        count=len(flagged), names=", ".join(names[i] for i in sorted(flagged))) if flagged else _(
        "No exercise looks too hard or unclear.")
    chart = figure(
        title=_("Pass rate of each exercise"),
        description=_("Bar chart of the percent of learners who got full points in each exercise."),
        summary=summary, categories=names, series=[charts.Series(_("Pass rate (%)"), _values(exercises[c.PASS_RATE]))],
        maximum=100, unit=" %", marked=flagged, mark_label=_("may need a look (see the table)"),
    )
    columns = [c.LEARNERS, c.PASS_RATE, c.MEAN, c.DISCRIMINATION, c.TO_MARK, c.MISTAKES, c.TOP_MISTAKE, c.FLAGS]
    note = _p(_("Discrimination runs from -1 to 1: near 0 or below means learners who did well elsewhere in the "
                "lesson did no better here, so the task may be unclear."))
    mistake_table = (table(mistakes, [c.HITS], caption=_("Typical mistakes: how many learners hit each one"))
                     if not mistakes.empty else _p(_("No typical mistakes recorded.")))
    return (head + chart + note + table(exercises, columns, caption=_("How each exercise went"))
            + mistake_table)


def _confidence(cohort: pd.DataFrame, per_learner: pd.DataFrame, statements: dict[str, str]) -> str:
    head = f"<h2>{escape(_('Confidence'))}</h2>"
    if cohort.empty:
        return head + _p(_("No learner has answered a confidence check twice yet."))
    words = [statements.get(s, s) for s in cohort.index]
    summary = " ".join(_("{statement}: from {first:.1f} to {latest:.1f}.").format(
        statement=text, first=row[c.FIRST], latest=row[c.LATEST]) for text, (_s, row) in zip(words, cohort.iterrows()))
    chart = figure(
        title=_("Confidence, first and latest check"),
        description=_("Bar chart of the cohort's mean self-rating (1 to 5) per statement, first check beside latest."),
        summary=summary, categories=words, maximum=5,
        series=[charts.Series(_("First check"), _values(cohort[c.FIRST])),
                charts.Series(_("Latest check"), _values(cohort[c.LATEST]))],
    )
    shown = cohort.rename(index=lambda s: statements.get(s, s))
    columns = [c.LEARNERS, c.FIRST, c.LATEST, c.CHANGE, c.ROSE, c.FELL]
    learners = per_learner.rename(index=lambda s: statements.get(s, s), level=c.STATEMENT)
    return (head + chart + table(shown, columns, caption=_("Confidence of the cohort, per statement"))
            + subsection(_("Confidence of each learner"),
                      table(learners, [c.FIRST, c.LATEST, c.CHANGE], caption=_("Confidence of each learner"))))


def _competences(competences: pd.DataFrame) -> str:
    head = f"<h2>{escape(_('DigComp competences'))}</h2>"
    if competences.empty:
        return head + _p(_("No exercise with DigComp evidence has been marked yet."))
    grouped = competences.groupby(level=c.COMPETENCE)
    cohort = pd.DataFrame({c.TITLE: grouped[c.TITLE].first(), c.LEARNERS: grouped[c.EVIDENCED].sum().astype(int),
                           c.LEVEL: grouped[c.LEVEL].max()})
    categories = [f"{code} {row[c.TITLE]}" for code, row in cohort.iterrows()]
    chart = figure(
        title=_("Learners who showed each competence"),
        description=_("Bar chart of how many learners passed at least one exercise for each DigComp competence."),
        summary=" ".join(_learner_count(name, int(n)) for name, n in zip(categories, cohort[c.LEARNERS])),
        categories=categories, series=[charts.Series(_("Learners"), _values(cohort[c.LEARNERS]))],
        maximum=max(int(competences.index.get_level_values(c.STUDENT).nunique()), 1),
    )
    return (head + chart + table(cohort, [c.TITLE, c.LEARNERS, c.LEVEL], caption=_("DigComp competences of the cohort"))
            + subsection(_("DigComp profile of each learner"),
                      table(competences, [c.TITLE, c.EVIDENCED, c.LEVEL, c.SHOWN, c.OUT_OF],
                            caption=_("DigComp profile of each learner"))))


# ---- building blocks -----------------------------------------------------------------------------


def figure(*, title: str, description: str, summary: str, **chart) -> str:
    svg = charts.bar_chart(title=title, description=description, **chart)
    return f"<figure>{svg}<figcaption>{escape(summary)}</figcaption></figure>"


def subsection(heading: str, body: str) -> str:
    """A titled part of a section, always open: a closed <details> hides tables from print and from a quick look."""
    return f"<section><h3>{escape(heading)}</h3>{body}</section>"


def _skipped(skipped) -> str:
    if skipped is None or skipped.empty:
        return ""
    return (f"<h2>{escape(_('Notebooks not read'))}</h2>"
            + _p(_("These notebooks were left out of the report. The rest of the report is complete."))
            + table(skipped, [c.REASONS], caption=_("Notebooks not read, and why")))


def _learner_count(what: str, count: int) -> str:
    """"under 50 %: 3 learners." in the cohort's language."""
    return ngettext("{what}: {count} learner.", "{what}: {count} learners.", count).format(what=what, count=count)


def table(frame: pd.DataFrame, columns: list[str], *, caption: str) -> str:
    """A data table: the index levels as row headers, then *columns*, headed in the cohort's language."""
    if frame.empty:
        return _p(_("Nothing to show yet."))
    names = [name or "" for name in frame.index.names]
    head = "".join(f'<th scope="col">{escape(label(n))}</th>' for n in [*names, *columns])
    keys = frame.index.tolist()
    values = frame[columns].to_numpy(dtype=object).tolist()
    body = []
    for key, row in zip(keys, values):
        key = key if isinstance(key, tuple) else (key,)
        cells = [f'<th scope="row">{escape(str(part))}</th>' for part in key]
        cells += [_cell(value) for value in row]
        body.append("<tr>" + "".join(cells) + "</tr>")
    return (f"<table><caption>{escape(caption)}</caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(body)}</tbody></table>")


def plain_table(frame: pd.DataFrame, *, caption: str) -> str:
    """A small table whose columns are already labelled; the first column heads each row."""
    return table(frame.set_index(frame.columns[0]), list(frame.columns[1:]), caption=caption)


def _cell(value) -> str:
    if isinstance(value, bool):
        return f"<td>{escape(_('yes') if value else _('no'))}</td>"
    if isinstance(value, (int, float)) and not pd.isna(value):
        return f'<td class="number">{escape(_fmt(value))}</td>'
    if isinstance(value, pd.Timestamp):
        return f'<td class="number">{value:%Y-%m-%d}</td>'
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return '<td class="number">–</td>'
    return f"<td>{escape(str(value))}</td>"


def _fmt(value) -> str:
    if value is None or pd.isna(value):
        return "–"
    return f"{value:g}" if isinstance(value, float) else str(value)


def _p(text: str) -> str:
    return f"<p>{escape(text)}</p>"


def _mean(values: pd.Series) -> float:
    known = values.dropna()
    return float(known.mean()) if not known.empty else 0.0


def _values(values: pd.Series) -> list[float | None]:
    return [None if pd.isna(v) else float(v) for v in values]


def _bands(percent: pd.Series) -> dict[str, int]:
    bands = {
        _("under 50 %"): int((percent < 50).sum()),
        _("50 to 74 %"): int(((percent >= 50) & (percent < 75)).sum()),
        _("75 % or more"): int((percent >= 75).sum()),
        _("nothing marked yet"): int(percent.isna().sum()),
    }
    return bands
