"""The trainer's terminal: progress of long steps on stderr, results on stdout."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TypeVar

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

T = TypeVar("T")

console = Console(stderr=True)  # progress and steps
# Results: summaries, tables, paths. No markup, so paths and reasons print exactly as they are.
out = Console(markup=False, highlight=False)


def track(items: Iterable[T], *, total: int, description: str) -> Iterator[T]:
    """Yield *items* while a bar shows how many are done and the time left."""
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("·"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=console, transient=False) as progress:
        task = progress.add_task(description, total=total)
        for item in items:
            yield item
            progress.advance(task)
