"""What `ita-analysis run` shows while it runs: a rich progress bar per year on a terminal (tasks
done, rate, time left), plain lines of text elsewhere (cron, a log file)."""

from __future__ import annotations

import time
from collections.abc import Callable

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from ita_analysis.i18n import gettext as _

Callback = Callable[[int, int], None]


def duration(seconds: float) -> str:
    """'85 s', '12 min', '2.5 h'."""
    if seconds < 120:
        return _("{n:.0f} s").format(n=seconds)
    if seconds < 7200:
        return _("{n:.0f} min").format(n=seconds / 60)
    return _("{n:.1f} h").format(n=seconds / 3600)


class PlainProgress:
    """Progress as lines ("FY2563: 120/300 tasks, 2.1/s, about 85 s left") every ``share`` of the
    tasks or every ``every`` seconds, whichever comes first, and when the last task is done."""

    def __init__(
        self,
        label: str,
        write: Callable[[str], None],
        *,
        share: float = 0.05,
        every: float = 10.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.label, self.write, self.share, self.every, self.clock = label, write, share, every, clock
        self.t0 = self.last = clock()
        self.last_done = 0

    def __call__(self, done: int, total: int) -> None:
        now = self.clock()
        if done == 0:  # the tasks are known: the clock starts
            self.t0 = self.last = now
            self.last_done = 0
            return
        step = max(1, round(total * self.share))
        due = done >= total or done // step > self.last_done // step or now - self.last >= self.every
        if not due or done == self.last_done:
            return
        self.last, self.last_done = now, done
        elapsed = max(now - self.t0, 1e-9)
        if done >= total:
            self.write(
                _("{label}: {done}/{total} tasks in {time}").format(
                    label=self.label, done=done, total=total, time=duration(elapsed)
                )
            )
            return
        rate = done / elapsed
        left = _("{label}: {done}/{total} tasks, {rate:.1f}/s, about {time} left")
        self.write(
            left.format(label=self.label, done=done, total=total, rate=rate, time=duration((total - done) / rate))
        )


class _RateColumn(ProgressColumn):
    """Tasks per second."""

    def render(self, task) -> Text:
        return Text(f"{task.speed:.1f}/s" if task.speed else "", style="progress.data.speed")


class RunDisplay:
    """The run's display on ``console``: a bar per year (and one for the years) on a terminal,
    :class:`PlainProgress` lines otherwise. Use as a context manager; print through :meth:`print`
    while it runs. Leaving it stops the bars and clears them, so that nothing redraws them below
    what is printed after (the run's closing lines)."""

    def __init__(self, console: Console, years: int) -> None:
        self.console, self.years = console, years
        self.bar: Progress | None = None
        self.overall: TaskID | None = None

    def __enter__(self) -> RunDisplay:
        if self.console.is_terminal:
            self.bar = Progress(
                TextColumn("{task.description}", markup=False),
                BarColumn(),
                MofNCompleteColumn(),
                _RateColumn(),
                TimeRemainingColumn(),
                TimeElapsedColumn(),
                console=self.console,
                transient=True,  # cleared when the run ends: what is printed after it stays last
            )
            self.bar.start()
            if self.years > 1:
                self.overall = self.bar.add_task(_("fiscal years"), total=self.years)
        return self

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.stop()

    def year(self, year: int) -> Callback:
        """The progress callback of one year's run."""
        if self.bar is None:
            return PlainProgress(_("FY{year}").format(year=year), self.print)
        bar, task = self.bar, self.bar.add_task(_("FY{year}").format(year=year), total=None)
        return lambda done, total: bar.update(task, completed=done, total=total)

    def year_done(self) -> None:
        if self.bar is not None and self.overall is not None:
            self.bar.advance(self.overall)

    def print(self, message: str, style: str | None = None) -> None:
        self.console.print(message, style=style, markup=False, highlight=False)
