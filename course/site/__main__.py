"""`python -m course.site [FOLDER]` (`make site`): build the course website; exit 1 on a broken link."""
from __future__ import annotations

import sys
import time
from pathlib import Path

from course.site.build import build_site


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    output = Path(args[0] if args else "build/site").resolve()
    started = time.monotonic()
    print(f"Building the site into {output} ...", flush=True)
    site = build_site(output=output)
    for problem in site.problems:
        print(problem, file=sys.stderr)
    print(f"{site.pages} pages and {len(site.pdfs)} cheat-sheet PDFs in {time.monotonic() - started:.0f} s. "
          f"Open {site.folder / 'index.html'}.")
    return 1 if site.problems else 0


if __name__ == "__main__":
    sys.exit(main())
