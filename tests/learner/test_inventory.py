"""The skills inventory: the saved format, answers in text, plain words back, recovery from the saved notebook."""
import json

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook, new_output

from course import i18n
from course.curriculum import AREAS, COMPETENCES
from course.learner import inventory as inv


def test_every_activity_is_a_real_digcomp_competence_and_every_area_is_covered():
    codes = [code for code, _text in inv.ACTIVITIES.values()]
    assert 10 <= len(codes) <= 12
    assert set(codes) <= set(COMPETENCES)
    assert {code.split(".")[0] for code in codes} == set(inv.AREAS)
    assert inv.AREAS == AREAS  # the same names as the curriculum's
    assert inv.MIME == "application/vnd.codensocial.inventory+json"


def test_the_saved_value_lists_every_activity_and_the_codes_ticked():
    value = inv.record(lesson="00-welcome", done={"send-photo": True, "spot-scam": True, "fix-app": False},
                       saved_at="2026-11-28T14:20:00Z")
    assert value["version"] == 1 and value["lesson"] == "00-welcome" and value["saved_at"] == "2026-11-28T14:20:00Z"
    assert list(value["done"]) == list(inv.ACTIVITIES)
    assert [key for key, yes in value["done"].items() if yes] == ["send-photo", "spot-scam"]
    assert value["digcomp"] == ["2.2", "4.2"]
    json.dumps(inv.bundle(value))  # everything in it can be saved in the notebook


def test_the_answer_names_the_areas_already_used_in_plain_words():
    value = inv.record(lesson="L", done={"find-timetable": True, "save-file": True, "video-call": True},
                       saved_at=None)
    words = inv.bundle(value)["text/plain"]
    assert "You already use 2 of the 5 areas of digital skills" in words
    assert "- Information and data literacy (1.1, 1.3)" in words
    assert "- Communication and collaboration (2.1)" in words
    assert "Safety" not in words
    assert "- [x] I look up a bus or train timetable online." in words
    assert "- [ ] I send a message with a photo." in words


def test_ticking_nothing_is_answered_kindly():
    words = inv.summary(inv.record(lesson="L", done={}, saved_at=None))
    assert words.startswith("That is fine. Everyone starts somewhere.")


def test_text_answers_by_name_or_number_are_recorded_at_once(capsys):
    inv.skills_inventory(lesson="L-text", done=["video-call", 1, 12])
    out = capsys.readouterr().out
    assert "- [x] I take part in a video call." in out
    assert "- [x] I look up a bus or train timetable online." in out
    assert "- [x] I watch a video to learn how to do something new." in out
    assert "You already use 3 of the 5 areas" in out
    assert inv._latest["L-text"]["digcomp"] == ["1.1", "2.1", "5.4"]


@pytest.mark.parametrize("done, problem", [
    (["send-foto"], "I do not know the activity 'send-foto'. Use a number from 1 to 12"),
    ([13], "I do not know the activity 13."),
    ([True], "I do not know the activity True."),
    ("send-photo", "done should be a list, like this"),
    ({"send-photo": True}, "done should be a list, like this"),
])
def test_an_answer_that_makes_no_sense_gets_one_plain_line(done, problem):
    kept, problems = inv.clean_done(done)
    assert kept == {} and len(problems) == 1 and problem in problems[0]
    assert "\n" not in problems[0]


def test_a_wrong_item_is_named_and_the_good_ones_are_still_kept(capsys):
    inv.skills_inventory(lesson="L-mixed", done=["send-photo", "video-cal"])
    out = capsys.readouterr().out
    assert "I do not know the activity 'video-cal'." in out
    assert "- [x] I send a message with a photo." in out
    assert "Traceback" not in out


def test_text_mode_lists_the_activities_with_their_numbers_and_how_to_answer(capsys, monkeypatch):
    monkeypatch.setenv("CODENSOCIAL_TEXT", "1")
    inv.skills_inventory(lesson="L-list")
    out = capsys.readouterr().out
    assert "  5. send-photo: I send a message with a photo." in out
    assert 'skills_inventory(lesson="L-list", done=[1, 4, 5])' in out


def saved_notebook(path, values):
    cells = []
    for value in values:
        cell = new_code_cell("skills_inventory()")
        cell.outputs = [new_output("display_data", data={inv.MIME: value, "text/plain": "x"})]
        cells.append(cell)
    nbformat.write(new_notebook(cells=cells), path)
    return path


def test_recovery_takes_the_last_saved_answers_of_the_same_lesson(tmp_path):
    older = inv.record(lesson="L", done={"send-photo": True}, saved_at="2026-01-01T00:00:00Z")
    newer = inv.record(lesson="L", done={"spot-scam": True}, saved_at="2026-01-02T00:00:00Z")
    other = inv.record(lesson="M", done={"fix-app": True}, saved_at=None)
    path = saved_notebook(tmp_path / "L.ipynb", [older, newer, other])
    assert inv.recover(lesson="L", path=path) == newer
    assert inv.recover(lesson="N", path=path) is None


def test_after_a_restart_the_saved_answers_come_back_from_the_notebook_file(tmp_path, monkeypatch, capsys):
    """A new kernel (nothing in memory) reads the ticks from the notebook JupyterLab saved."""
    saved = inv.record(lesson="L-restart", done={"online-form": True, "lock-phone": True}, saved_at="2026-01-02T00:00:00Z")
    path = saved_notebook(tmp_path / "00-welcome.ipynb", [saved])
    monkeypatch.setenv("JPY_SESSION_NAME", str(path))
    monkeypatch.setattr(inv, "_latest", {})
    inv.skills_inventory(lesson="L-restart")  # widget mode: the checkboxes come back ticked
    assert [key for key, box in inv.shown_last.items() if box.value] == ["online-form", "lock-phone"]
    monkeypatch.setenv("CODENSOCIAL_TEXT", "1")
    inv.skills_inventory(lesson="L-restart")  # text mode: the saved answers are shown in words
    assert "- [x] I fill in an online form, for example to book an appointment." in capsys.readouterr().out


def test_ticking_a_box_updates_the_saved_value(monkeypatch):
    monkeypatch.setattr(inv, "_latest", {})
    inv.skills_inventory(lesson="L-widget")
    inv.shown_last["check-news"].value = True
    inv.shown_last["write-post"].value = True
    inv.shown_last["write-post"].value = False
    value = inv._latest["L-widget"]
    assert value["digcomp"] == ["1.2"] and value["saved_at"] is not None


def test_recovery_from_a_missing_or_damaged_notebook_is_simply_nothing(tmp_path):
    (tmp_path / "bad.ipynb").write_text("{ not json")
    assert inv.recover(lesson="L", path=tmp_path / "bad.ipynb") is None
    assert inv.recover(lesson="L", path=tmp_path / "missing.ipynb") is None


def test_every_checkbox_has_a_label_in_words():
    control = inv._ticks_control({"spot-scam": True})
    row = list(inv.ACTIVITIES).index("spot-scam")
    assert control.statements[row] == "I recognise a scam message and do not answer it."
    assert control.ticked[row] is True and sum(control.ticked) == 1
    assert control.legend == "Which of these do you already do?" and "Esc to go back to the cell" in control.help


def test_the_inventory_speaks_spanish():
    try:
        i18n.set_language("es")
        words = inv.bundle(inv.record(lesson="L", done={"send-photo": True}, saved_at=None))["text/plain"]
        assert "- [x] Envío un mensaje con una foto." in words
        assert "Comunicación y colaboración (2.2)" in words
    finally:
        i18n.set_language("en")
