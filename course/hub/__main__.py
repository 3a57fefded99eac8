"""`python -m course.hub` (`make hub`): a demo hub on localhost until Ctrl-C, then everything is removed."""
from __future__ import annotations

import argparse
import os
import signal
import sys
import threading

from course.errors import CourseError
from course.hub.demo import demo_hub
from course.i18n import _


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make hub", description=_("Run a demo JupyterHub with a trainer and two learners."))
    parser.add_argument("--port", type=int, default=8000, help=_("port of the hub on 127.0.0.1"))
    args = parser.parse_args(argv)
    if os.geteuid() != 0:
        print(_("make hub: run this as root (sudo make hub): the hub starts each user's server as that user."),
              file=sys.stderr)
        return 2
    # Ctrl-C or a `kill` both end the demo the same way: the users and their files are removed.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        with demo_hub(port=args.port) as hub:
            print_logins(hub)
            threading.Event().wait()
    except CourseError as problem:
        print(_("make hub: {problem}").format(problem=problem), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(_("The demo hub has stopped; its users and files are removed."))
    return 0


def print_logins(hub) -> None:
    print(_("The demo hub is running at {url}").format(url=hub.settings.url))
    print(_("Log in as one of these demo users (user name, password):"))
    for name, password in hub.passwords.items():
        role = _("trainer") if hub.settings.is_trainer(name) else _("learner")
        print(f"  {name:14} {password}   ({role})")
    print(_("Press Ctrl-C to stop the hub and remove the demo users."), flush=True)


if __name__ == "__main__":
    sys.exit(main())
