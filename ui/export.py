"""Downloads of what a page shows: the rows behind a chart as CSV, the chart as SVG/PNG,
and one sentence's maps as JSON.

- CSV: exactly the tidy rows the chart draws (`frame.to_csv`, no index), encoded
  UTF-8 with a byte-order mark ("utf-8-sig"), so that Excel opens Hangul correctly
  while pandas, R and text editors read it as plain UTF-8. Tokens are the learner's
  own text (an unknown word keeps its surface, uploaded pairs are anything), so a text
  cell a spreadsheet would run as a formula gets a leading `'` (`spreadsheet_safe`,
  OWASP "CSV Injection") and every text cell is quoted; numbers are written as they are.
- SVG and PNG: the chart rendered on the server by `vl-convert-python` (Vega-Lite in
  an embedded engine, no browser, no network), with the system fonts, so Hangul needs
  a CJK font installed (Debian `fonts-noto-cjk`; packages.txt on Community Cloud).
  Without vl-convert the buttons are left out and a caption says why; the CSV and JSON
  still work.
- Every file is made when its button is clicked (`st.download_button` with a callable),
  never on a page's run: an image takes 0.1-0.5 s to render, and the CSVs of a page's
  views, made on every run, took a fifth of the decoder page's run on the server.
- JSON: `model.translate.translation_json`, the same record as one line of
  `python -m model.translate --json`, exact (no quote added): it is data for programs,
  not a spreadsheet.

Pages call `download_buttons(frame, chart, name)` under a view and
`translation_json_button(translation, name)` once per page.
"""

import csv
import importlib.util
import io
import json
import re

import altair as alt
import pandas as pd
import streamlit as st

from model.translate import translation_json
from ui import state
from ui.state import tr

CSV_ENCODING = "utf-8-sig"  # the BOM tells Excel the file is UTF-8 (else Hangul is garbled)
# Every text cell in double quotes, numbers bare (OWASP's advice). It also keeps a line
# break inside a text cell in its cell: pandas' default quoting leaves a lone "\r" bare,
# and a spreadsheet ends the row there.
CSV_OPTIONS = {"index": False, "quoting": csv.QUOTE_NONNUMERIC}
# A text cell starting with one of these is read as a formula by Excel, LibreOffice Calc
# or Google Sheets (OWASP "CSV Injection": = + - @; a leading tab or carriage return is
# escaped too, because some importers drop it and read what follows). OWASP does not list
# the full-width forms, but East Asian editions of Excel turn a typed ＝ into a formula;
# a quote before a rare full-width sign costs a learner nothing.
FORMULA_SIGNS = "=+-@＝＋－＠"
# Prefixed to such a cell: spreadsheets read a cell that starts with it as text.
FORMULA_ESCAPE = "'"
# A formula sign right after a character that some importers start a new cell or row at
# (",", ";", tab, line breaks), spaces allowed in between: "a;=1+1" opened by an importer
# that splits on ";" has the cell "=1+1" (OWASP: mind the field separators).
_FORMULA_AFTER_A_BREAK = re.compile(rf"(?<=[,;\t\r\n])(?=\s*[{re.escape(FORMULA_SIGNS)}])")
PNG_SCALE = 2  # pixels per chart pixel: sharp on high-density screens and in slides


def image_export_available() -> bool:
    """Whether charts can be rendered to SVG/PNG here (vl-convert-python is installed)."""
    return importlib.util.find_spec("vl_convert") is not None


def file_stem(name: str) -> str:
    """A safe file name stem: ASCII letters, digits, '-' and '_' only (tokens and spaces dropped)."""
    stem = re.sub(r"[^A-Za-z0-9_-]+", "_", name).strip("_")
    return stem or "attention"


def neutralise_formula(cell: str) -> str:
    """`cell` as text a spreadsheet shows and never runs; unchanged unless it looks like a formula.

    A `'` goes in front of the cell when it starts with a formula sign (also after
    whitespace, which some importers trim: " =1+1"), a tab or a carriage return, and in
    front of a formula sign that follows a cell or row break inside it ("a;=1+1" ->
    "a;'=1+1"). A cell that starts with `'` is already text and keeps its start.
    """
    cell = _FORMULA_AFTER_A_BREAK.sub(FORMULA_ESCAPE, cell)
    first_visible = cell.lstrip()[:1]
    if cell[:1] in ("\t", "\r") or (first_visible != "" and first_visible in FORMULA_SIGNS):
        cell = FORMULA_ESCAPE + cell
    return cell


def spreadsheet_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of `frame` whose text cells and column names go through `neutralise_formula`.

    Numeric and boolean columns are kept as they are (a weight of -0.25 stays a number);
    in other columns only strings change, so a number in an object column stays a number.
    """
    safe = frame.copy()
    for position in range(frame.shape[1]):  # by position: column names may repeat
        values = frame.iloc[:, position]
        if pd.api.types.is_numeric_dtype(values):
            continue
        # Once per distinct text: thousands of rows share a sentence's few tokens.
        texts = (cell for cell in values.unique() if isinstance(cell, str))
        neutralised = {cell: safe_cell for cell in texts if (safe_cell := neutralise_formula(cell)) != cell}
        if neutralised:
            safe.isetitem(position, values.map(lambda cell, changes=neutralised: changes.get(cell, cell)))
    safe.columns = [neutralise_formula(name) if isinstance(name, str) else name for name in frame.columns]
    return safe


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """The frame's rows as CSV (no index), UTF-8 with a BOM for Excel, safe to open in a
    spreadsheet (`spreadsheet_safe`). Every CSV the app offers is made here."""
    return spreadsheet_safe(frame).to_csv(**CSV_OPTIONS).encode(CSV_ENCODING)


def chart_svg(chart: alt.TopLevelMixin) -> str:
    """The chart as an SVG document (vl-convert; altair picks the matching Vega-Lite version)."""
    buffer = io.StringIO()
    chart.save(buffer, format="svg")
    return buffer.getvalue()


def chart_png(chart: alt.TopLevelMixin, scale: int = PNG_SCALE) -> bytes:
    """The chart as PNG bytes at `scale` times its size (vl-convert)."""
    buffer = io.BytesIO()
    chart.save(buffer, format="png", scale_factor=scale)
    return buffer.getvalue()


def translation_json_bytes(translation) -> bytes:
    """One translation's maps as UTF-8 JSON, the record `python -m model.translate --json` prints."""
    return json.dumps(translation_json(translation), ensure_ascii=False).encode("utf-8")


def download_buttons(frame: pd.DataFrame, chart: alt.TopLevelMixin | None, name: str, key: str | None = None) -> None:
    """CSV of `frame` (the rows `chart` draws), and the chart as SVG and PNG, side by side.

    `name` is the file name stem (e.g. "encoder_self_layer0_head1"); `key` makes the
    widgets unique when one page exports two views of the same name. Each file is made
    only when its button is clicked, and no click reruns the page.
    """
    stem = file_stem(name)
    key = key or stem
    if state.tables_shown():  # the sidebar's display setting: the chart's numbers, readable without colour
        st.dataframe(frame, hide_index=True, height=min(400, 38 + 35 * len(frame)))
    row = st.container(horizontal=True, gap="small", vertical_alignment="center")
    row.download_button(
        tr("export.csv"),
        data=lambda: csv_bytes(frame),
        file_name=f"{stem}.csv",
        mime="text/csv",
        key=f"export_{key}_csv",
        help=tr("export.csv_help"),
        icon=":material/table:",
        on_click="ignore",
    )
    if chart is None:
        return
    if not image_export_available():
        row.caption(tr("export.images_unavailable"))
        return
    for extension, render, mime in (("svg", chart_svg, "image/svg+xml"), ("png", chart_png, "image/png")):
        row.download_button(
            tr(f"export.{extension}"),
            data=lambda render=render: render(chart),
            file_name=f"{stem}.{extension}",
            mime=mime,
            key=f"export_{key}_{extension}",
            help=tr(f"export.{extension}_help"),
            icon=":material/image:",
            on_click="ignore",
        )


def translation_json_button(translation, name: str = "translation", key: str | None = None) -> None:
    """One button: every attention map of `translation` as JSON (the CLI's --json record)."""
    stem = file_stem(name)
    st.download_button(
        tr("export.json"),
        data=lambda: translation_json_bytes(translation),
        file_name=f"{stem}.json",
        mime="application/json",
        key=f"export_{key or stem}_json",
        help=tr("export.json_help"),
        icon=":material/data_object:",
        on_click="ignore",
    )
