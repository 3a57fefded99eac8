"""What the hub writes for each role, and what its settings read (no hub started)."""
import json
from pathlib import Path

import pytest

from course.hub.settings import HubSettings, learner_group, trainer_group
from course.hub.userconfig import lab_locale, user_files

SETTINGS = HubSettings(trainers=("ana",), learners=("bo", "cy"), course_root=Path("/srv/course"),
                       exchange=Path("/srv/exchange"), state_dir=Path("/srv/hub"))


def files(*, trainer: bool, language: str = "en") -> dict[str, str]:
    return {str(path): text for path, text in user_files(trainer=trainer, settings=SETTINGS, language=language).items()}


def test_learners_do_not_get_the_trainer_tools():
    """Are the formgrader and create-assignment hidden from a learner, and kept for a trainer?"""
    learner = json.loads(files(trainer=False)["labconfig/page_config.json"])["disabledExtensions"]
    trainer = json.loads(files(trainer=True)["labconfig/page_config.json"])["disabledExtensions"]
    assert {"@jupyter/nbgrader:formgrader", "@jupyter/nbgrader:create-assignment"} <= set(learner)
    assert "@jupyter/nbgrader:assignment-list" not in learner
    assert "@jupyter/nbgrader:formgrader" not in trainer
    server = json.loads(files(trainer=False)["jupyter_server_config.json"])["ServerApp"]["jpserver_extensions"]
    assert server["nbgrader.server_extensions.formgrader"] is False


def test_everyone_gets_the_exchange_and_only_trainers_the_course_settings():
    learner, trainer = files(trainer=False)["nbgrader_config.py"], files(trainer=True)["nbgrader_config.py"]
    for text in (learner, trainer):
        assert "c.Exchange.root = '/srv/exchange'" in text
        assert "c.CourseDirectory.course_id = 'code-n-social'" in text
    assert "load_subconfig('/srv/course/config/nbgrader_config.py')" in trainer
    assert "load_subconfig" not in learner


@pytest.mark.parametrize(("language", "locale"), [("es", "es_ES"), ("fr", "fr_FR"), ("it", "it_IT"),
                                                  ("ro", "ro_RO"), ("bg", None), ("en", None)])
def test_lab_menus_follow_the_course_language_where_a_pack_exists(language, locale):
    assert lab_locale(language) == locale
    written = files(trainer=False, language=language)
    key = "lab/user-settings/@jupyterlab/translation-extension/plugin.jupyterlab-settings"
    assert (json.loads(written[key])["locale"] if key in written else None) == locale


def test_settings_come_back_from_the_environment_they_make():
    assert HubSettings.from_environment(SETTINGS.as_environment()) == SETTINGS
    assert (trainer_group(), learner_group()) == ("formgrade-code-n-social", "nbgrader-code-n-social")
    assert len({SETTINGS.port, SETTINGS.hub_port, SETTINGS.proxy_api_port, SETTINGS.service_port}) == 4


def test_a_hub_without_trainers_says_what_to_set():
    with pytest.raises(SystemExit, match="CODENSOCIAL_TRAINERS"):
        HubSettings.from_environment({})
