"""PDF documents made for the tests with fpdf2: a two-column situation report with a
running header and footer over two pages, a page with no text layer, and a report as one
column of paragraphs. Written here, not copied."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

HEADER = "Sample Relief Agency | Sudan Situation Report No. 7"


def _pdf(created: dt.date | None = None):  # noqa: ANN202 - an fpdf.FPDF
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.core_fonts_encoding = "windows-1252"  # curly quotes, dashes and bullets
    pdf.set_auto_page_break(False)
    if created:
        pdf.set_creation_date(dt.datetime(created.year, created.month, created.day, 9, 0))
    return pdf


def _furniture(pdf, page: int, pages: int) -> None:  # noqa: ANN001
    pdf.set_font("Helvetica", size=8)
    pdf.set_xy(10, 8)
    pdf.cell(190, 5, HEADER)
    pdf.set_xy(10, 285)
    pdf.cell(190, 5, f"Page {page} of {pages}", align="C")


def two_column_report(
    path: Path, left: list[list[str]], right: list[list[str]], issued: str = "12 May 2024"
) -> None:
    """Pages of two columns (``left[i]``, ``right[i]`` the paragraphs of page i), a title
    and the report's day (``issued``) across the top of the first page."""
    pdf = _pdf()
    for number, (lefts, rights) in enumerate(zip(left, right, strict=True), start=1):
        pdf.add_page()
        _furniture(pdf, number, len(left))
        top = 20
        if number == 1:
            pdf.set_font("Helvetica", "B", 16)
            pdf.set_xy(10, 20)
            pdf.cell(190, 9, "SUDAN: Humanitarian Situation Report")
            pdf.set_font("Helvetica", size=10)
            pdf.set_xy(10, 31)
            pdf.cell(190, 6, f"Issued on {issued} by the Sample Relief Agency")
            top = 45
        pdf.set_font("Helvetica", size=10)
        for x, paragraphs in ((10, lefts), (110, rights)):
            pdf.set_xy(x, top)
            for paragraph in paragraphs:
                pdf.set_x(x)
                pdf.multi_cell(90, 5, paragraph)
                pdf.ln(4)
    pdf.output(str(path))


def without_text(path: Path) -> None:
    """A page of drawn shapes only, as a scan without OCR would be."""
    pdf = _pdf()
    pdf.add_page()
    pdf.set_fill_color(180, 180, 180)
    for row in range(12):
        pdf.rect(20, 20 + row * 20, 170, 8, style="F")
    pdf.output(str(path))


def one_column(path: Path, paragraphs: list[str], created: dt.date) -> None:
    """Paragraphs across the page, the document created on ``created``."""
    pdf = _pdf(created)
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.set_auto_page_break(True, margin=15)
    for paragraph in paragraphs:
        pdf.multi_cell(0, 6, paragraph)
        pdf.ln(3)
    pdf.output(str(path))
