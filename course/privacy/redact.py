"""Taking one learner out of a CSV report without touching the other learners' rows."""
from __future__ import annotations

import csv
import os
from pathlib import Path


def redact_csv(path: Path, needles: list[bytes]) -> bool:
    """Drop every row of *path* that names the learner; False when the file cannot be read as CSV."""
    words = [needle.decode("utf-8") for needle in needles]
    try:
        with open(path, newline="", encoding="utf-8-sig") as handle:
            rows = list(csv.reader(handle))
    except (OSError, UnicodeDecodeError, csv.Error):
        return False
    if not rows:
        return False
    kept = [rows[0]] + [row for row in rows[1:] if not any(word in cell for cell in row for word in words)]
    if any(word in cell for cell in kept[0] for word in words):
        return False  # the learner is a column (a wide table): the whole file goes
    temporary = path.with_name(path.name + ".tmp")
    with open(temporary, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(kept)
    os.chmod(temporary, path.stat().st_mode & 0o777)
    os.replace(temporary, path)
    return True
