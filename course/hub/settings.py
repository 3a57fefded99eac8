"""What a partner's hub is told through its environment (docs/hub.md lists every variable)."""
from __future__ import annotations

import os
import pwd
from dataclasses import dataclass
from pathlib import Path

COURSE_ID = "code-n-social"
DEFAULT_EXCHANGE = "/usr/local/share/nbgrader/exchange"
DEFAULT_STATE = "/srv/jupyterhub"
# JupyterLab language packs on PyPI (jupyterlab-language-pack-xx-XX). None exists for Bulgarian.
LAB_LOCALES = {"es": "es_ES", "fr": "fr_FR", "it": "it_IT", "ro": "ro_RO"}


def trainer_group(course_id: str = COURSE_ID) -> str:
    """nbgrader's name for the group whose members may use the course's formgrader."""
    return f"formgrade-{course_id}"


def learner_group(course_id: str = COURSE_ID) -> str:
    """nbgrader's name for the group of the course's learners."""
    return f"nbgrader-{course_id}"


def _names(value: str) -> tuple[str, ...]:
    return tuple(name.strip() for name in value.split(",") if name.strip())


@dataclass(frozen=True)
class HubSettings:
    """One hub for one course: who teaches, who learns, and where things live."""

    trainers: tuple[str, ...]
    learners: tuple[str, ...]
    course_root: Path
    exchange: Path
    state_dir: Path
    ip: str = "127.0.0.1"
    port: int = 8000

    @classmethod
    def from_environment(cls, env: dict[str, str] | None = None) -> HubSettings:
        env = os.environ if env is None else env
        trainers = _names(env.get("CODENSOCIAL_TRAINERS", ""))
        learners = _names(env.get("CODENSOCIAL_LEARNERS", ""))
        if not trainers:
            raise SystemExit("Set CODENSOCIAL_TRAINERS to the trainers' user names (see docs/hub.md).")
        course_root = env.get("CODENSOCIAL_COURSE") or str(Path(pwd.getpwnam(trainers[0]).pw_dir) / COURSE_ID)
        return cls(
            trainers=trainers,
            learners=learners,
            course_root=Path(course_root),
            exchange=Path(env.get("CODENSOCIAL_EXCHANGE", DEFAULT_EXCHANGE)),
            state_dir=Path(env.get("CODENSOCIAL_HUB_STATE", DEFAULT_STATE)),
            ip=env.get("CODENSOCIAL_HUB_IP", "127.0.0.1"),
            port=int(env.get("CODENSOCIAL_HUB_PORT", "8000")),
        )

    def as_environment(self) -> dict[str, str]:
        """The variables that make :meth:`from_environment` give these settings back."""
        return {
            "CODENSOCIAL_TRAINERS": ",".join(self.trainers),
            "CODENSOCIAL_LEARNERS": ",".join(self.learners),
            "CODENSOCIAL_COURSE": str(self.course_root),
            "CODENSOCIAL_EXCHANGE": str(self.exchange),
            "CODENSOCIAL_HUB_STATE": str(self.state_dir),
            "CODENSOCIAL_HUB_IP": self.ip,
            "CODENSOCIAL_HUB_PORT": str(self.port),
        }

    # The hub's inner ports follow its public one, so two hubs on one machine do not collide.
    @property
    def hub_port(self) -> int:
        return self.port + 1

    @property
    def proxy_api_port(self) -> int:
        return self.port + 2

    @property
    def service_port(self) -> int:
        return self.port + 3

    @property
    def url(self) -> str:
        return f"http://{self.ip}:{self.port}"

    def is_trainer(self, user: str) -> bool:
        return user in self.trainers
