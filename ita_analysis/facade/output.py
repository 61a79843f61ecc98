"""What a notebook shows and saves: a table, named charts and notes."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from ita_analysis.facade.notebook import show_note, show_table
from ita_analysis.report.charts import png_bytes


@dataclass
class Output:
    """What one notebook shows and saves: a table and named charts (matplotlib Figures)."""

    name: str  # "results", "comparison" or "weaknesses"
    table: pd.DataFrame
    figures: dict[str, object] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    hidden: tuple[str, ...] = ()  # columns saved but not shown (a lone agency's empty rank and percentile)

    def show(self) -> None:
        """Display the notes (:func:`~ita_analysis.facade.notebook.show_note`), the table (Thai
        column labels, two decimals: see :func:`~ita_analysis.facade.notebook.show_table`; without
        the ``hidden`` columns) and the charts in a notebook."""
        from IPython.display import Image, display

        for note in self.notes:
            show_note(note)
        show_table(self.table.drop(columns=[c for c in self.hidden if c in self.table.columns]))
        for fig in self.figures.values():
            display(Image(data=png_bytes(fig)))
