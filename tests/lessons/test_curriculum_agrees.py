"""course/curriculum.yml agrees with the lesson notebooks in source/.

Reports and skills passports trust the curriculum for minutes, modules and which
DigComp competence each graded cell shows; these checks keep it true to the lessons.
"""
from __future__ import annotations

import copy
from collections import Counter
from pathlib import Path

import pytest
import yaml

from course.curriculum import CURRICULUM_FILE, load_curriculum
from tests.lessons.lessons import LESSONS, SOURCE, find_lessons, graded_cells, read_lesson


def curriculum_entries(data: dict) -> list[tuple[object, dict]]:
    """(module id, lesson entry) for every lesson the curriculum lists; empty modules add nothing."""
    return [(module.get("id"), entry) for module in data.get("modules") or [] for entry in module.get("notebooks") or []]


def listing_problems(data: dict, *, source: Path = SOURCE) -> list[str]:
    """Every lesson folder is listed exactly once, and every listed lesson has a folder."""
    listed = Counter(str(entry.get("name")) for _, entry in curriculum_entries(data))
    lessons = find_lessons(source)
    problems = [f"{lesson} is in source/ but not in course/curriculum.yml" for lesson in lessons if lesson not in listed]
    problems += [f"{name} is listed {count} times in course/curriculum.yml" for name, count in listed.items() if count > 1]
    problems += [f"{name} is in course/curriculum.yml but has no notebook in source/{name}/"
                 for name in listed if name not in lessons]
    return problems


def lesson_problems(data: dict, lesson: str, *, source: Path = SOURCE) -> list[str]:
    """Minutes, module, graded cells and DigComp codes of *lesson* as the notebook has them."""
    found = [(module, entry) for module, entry in curriculum_entries(data) if entry.get("name") == lesson]
    if len(found) != 1:
        return [f"{lesson} must be listed exactly once in course/curriculum.yml (found {len(found)})"]
    module, entry = found[0]
    nb = read_lesson(lesson, source)
    meta = nb.metadata.get("codensocial", {})
    exercises = entry.get("exercises") or {}
    problems = []
    if entry.get("minutes") != meta.get("estimated_minutes"):
        problems.append(f"{lesson}: curriculum minutes {entry.get('minutes')} but the notebook's "
                        f"estimated_minutes is {meta.get('estimated_minutes')}")
    if module != meta.get("module"):
        problems.append(f"{lesson}: listed under module {module} but the notebook says module {meta.get('module')}")
    graded = graded_cells(nb)
    if set(exercises) != graded:
        problems.append(f"{lesson}: graded cells missing from the curriculum {sorted(graded - set(exercises))}, "
                        f"curriculum exercises that are no graded cell {sorted(set(exercises) - graded)}")
    shown = {str(item.get("digcomp")) for item in exercises.values()}
    claimed = {str(item.get("code")) for item in meta.get("digcomp") or []}
    if claimed - shown:
        problems.append(f"{lesson}: the notebook claims DigComp {sorted(claimed - shown)} but no exercise shows it")
    return problems


def real_curriculum() -> dict:
    return yaml.safe_load(CURRICULUM_FILE.read_text(encoding="utf-8"))


def test_curriculum_loads():
    """The kit's own loader accepts the file (DigComp codes and levels are valid)."""
    assert load_curriculum().lessons


def test_every_lesson_is_listed_once_and_every_listed_lesson_exists():
    assert LESSONS and listing_problems(real_curriculum()) == []


@pytest.mark.parametrize("lesson", LESSONS)
def test_curriculum_agrees_with_the_lesson(lesson):
    """Minutes, module, graded cells and DigComp codes are the same in the curriculum and the notebook."""
    problems = lesson_problems(real_curriculum(), lesson)
    assert problems == [], "\n".join(problems)


# --- negative controls: a curriculum that is wrong must fail the same checks ----------------------------

def pilot_entry(data: dict) -> dict:
    lesson = LESSONS[0]
    return next(entry for _, entry in curriculum_entries(data) if entry["name"] == lesson)


def written(tmp_path: Path, data: dict) -> dict:
    """The changed curriculum goes through a file and back, as the real one does."""
    path = tmp_path / "curriculum.yml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_a_missing_grade_id_fails(tmp_path):
    data = copy.deepcopy(real_curriculum())
    exercises = pilot_entry(data)["exercises"]
    missing = sorted(exercises)[0]
    del exercises[missing]
    problems = lesson_problems(written(tmp_path, data), LESSONS[0])
    assert len(problems) == 1 and missing in problems[0]


def test_wrong_minutes_fail(tmp_path):
    data = copy.deepcopy(real_curriculum())
    pilot_entry(data)["minutes"] += 5
    problems = lesson_problems(written(tmp_path, data), LESSONS[0])
    assert len(problems) == 1 and "minutes" in problems[0]


def test_a_wrong_module_and_an_unshown_digcomp_code_fail(tmp_path):
    data = copy.deepcopy(real_curriculum())
    module = next(m for m in data["modules"] if pilot_entry(data) in (m.get("notebooks") or []))
    module["id"] = 99
    for item in pilot_entry(data)["exercises"].values():
        item["digcomp"] = "1.1"
    problems = lesson_problems(written(tmp_path, data), LESSONS[0])
    assert any("module 99" in p for p in problems) and any("DigComp" in p for p in problems)


def test_a_lesson_missing_or_listed_twice_or_without_folder_fails(tmp_path):
    data = copy.deepcopy(real_curriculum())
    pilot = pilot_entry(data)
    for module in data["modules"]:
        module["notebooks"] = [e for e in module.get("notebooks") or [] if e is not pilot]
    assert any("not in course/curriculum.yml" in p for p in listing_problems(written(tmp_path, data)))
    data["modules"][0]["notebooks"] = [pilot, dict(pilot), {"name": "99-nowhere", "minutes": 1}]
    problems = listing_problems(written(tmp_path, data))
    assert any("listed 2 times" in p for p in problems) and any("99-nowhere" in p for p in problems)
    assert any("exactly once" in p for p in lesson_problems(written(tmp_path, data), LESSONS[0]))


def test_a_new_lesson_folder_is_found_and_must_be_listed(tmp_path):
    """Discovery: a second lesson in a tmp source/ is a lesson; a folder without a notebook is not."""
    source = tmp_path / "source"
    for lesson in LESSONS:
        (source / lesson).mkdir(parents=True)
        (source / lesson / f"{lesson}.ipynb").write_bytes((SOURCE / lesson / f"{lesson}.ipynb").read_bytes())
    (source / "09-extra").mkdir()
    (source / "09-extra" / "09-extra.ipynb").write_bytes((SOURCE / LESSONS[0] / f"{LESSONS[0]}.ipynb").read_bytes())
    (source / "notes").mkdir()
    assert find_lessons(source) == sorted([*LESSONS, "09-extra"])
    assert listing_problems(real_curriculum(), source=source) == [
        "09-extra is in source/ but not in course/curriculum.yml"]
