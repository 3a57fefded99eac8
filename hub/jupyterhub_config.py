"""JupyterHub 5 for a Code-n-Social training centre (one machine, real Unix users).

Start it as root from the kit's environment:
    jupyterhub -f hub/jupyterhub_config.py
Every setting comes from an environment variable (docs/hub.md lists them);
`make hub` sets them for a demo with a trainer and two learners.

- Login: the users' own Unix passwords (PAM). nbgrader tells learners apart
  by their Unix user, so each learner needs an account of their own.
- Each user's server runs as that user (LocalProcessSpawner) and opens JupyterLab.
- nbgrader: trainers are in the group formgrade-code-n-social, learners in
  nbgrader-code-n-social. Before a server starts, the hub writes the user's
  ~/.jupyter: the course id and exchange, the nbgrader tools for their role,
  and JupyterLab's language (from c.CourseKit.language in the course settings).
- The formgrader also runs as a hub service, /services/code-n-social/, as the
  first trainer, in the course folder; only the trainers' group may open it.
"""
import os
import sys
from pathlib import Path

from course.config import load_course
from course.hub.settings import COURSE_ID, HubSettings, learner_group, trainer_group
from course.hub.userconfig import prepare_formgrader_service, prepare_user

c = get_config()  # noqa: F821 (provided by traitlets when it loads this file)
settings = HubSettings.from_environment()
environment_bin = Path(sys.executable).parent
course_language = load_course(settings.course_root).kit.language

# --- the hub itself --------------------------------------------------------
c.JupyterHub.ip = settings.ip
c.JupyterHub.port = settings.port
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = settings.hub_port
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{settings.proxy_api_port}"
settings.state_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
c.JupyterHub.db_url = f"sqlite:///{settings.state_dir / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(settings.state_dir / "jupyterhub_cookie_secret")
# The proxy: the `configurable-http-proxy` command of this environment (the
# Python one from PyPI); the npm one with the same name works the same way.
c.ConfigurableHTTPProxy.command = [str(environment_bin / "configurable-http-proxy")]
c.ConfigurableHTTPProxy.pid_file = str(settings.state_dir / "jupyterhub-proxy.pid")

# --- who may log in ---------------------------------------------------------
c.JupyterHub.authenticator_class = "pam"
c.PAMAuthenticator.open_sessions = False
c.Authenticator.allowed_users = set(settings.trainers + settings.learners)
c.JupyterHub.load_groups = {
    trainer_group(): {"users": list(settings.trainers)},
    learner_group(): {"users": list(settings.learners)},
}
# Since JupyterHub 2, a group may open a service only through a role that grants it.
c.JupyterHub.load_roles = [
    {"name": "formgrade-" + COURSE_ID, "groups": [trainer_group()],
     "scopes": [f"access:services!service={COURSE_ID}", "list:services", "read:services"]},
    {"name": "nbgrader-" + COURSE_ID, "groups": [learner_group()], "scopes": ["self"]},
]

# --- each user's own server --------------------------------------------------
c.Spawner.cmd = [str(environment_bin / "jupyterhub-singleuser")]
c.Spawner.default_url = "/lab"
c.Spawner.notebook_dir = "~"
c.Spawner.start_timeout = 90
c.Spawner.http_timeout = 90
# Terminals find `course` and `nbgrader`; `course` commands use the hub's exchange.
c.Spawner.environment = {
    "PATH": os.pathsep.join([str(environment_bin), "/usr/local/bin", "/usr/bin", "/bin"]),
    "CODENSOCIAL_EXCHANGE": str(settings.exchange),
}


def write_user_configuration(spawner):
    prepare_user(spawner.user.name, settings=settings, language=course_language)


c.Spawner.pre_spawn_hook = write_user_configuration

# --- the formgrader, as a service for the trainers' group --------------------
c.JupyterHub.services = [{
    "name": COURSE_ID,
    "url": f"http://127.0.0.1:{settings.service_port}",
    "command": [str(environment_bin / "jupyterhub-singleuser")],
    "user": settings.trainers[0],
    "cwd": str(settings.course_root),
    "environment": {
        "JUPYTERHUB_DEFAULT_URL": "/formgrader",
        "PATH": c.Spawner.environment["PATH"],
        "CODENSOCIAL_EXCHANGE": str(settings.exchange),
        "JUPYTER_CONFIG_PATH": os.pathsep.join(
            [str(prepare_formgrader_service(settings=settings)), str(settings.course_root / "config")]),
    },
    "oauth_no_confirm": True,
}]
