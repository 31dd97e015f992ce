"""How a spreadsheet reads a CSV the app writes, for the tests of issue 16 (CSV injection).

A spreadsheet splits the file into cells (RFC 4180 quoting; some importers also split on
";" or tabs) and runs a cell as a formula when it starts with = + - @ (Excel also takes
the full-width forms from some keyboards), possibly after whitespace it trims, or with a
tab or carriage return it drops. A number such as -0.25 is a number, not a formula.
"""

import csv
import io

FORMULA_SIGNS = frozenset("=+-@＝＋－＠")
HOSTILE_WORD = '=HYPERLINK("http://x.test")'
HOSTILE_SENTENCE = f"나는 {HOSTILE_WORD} 학생이다"  # the unknown word keeps its surface as a token


def cells(data: bytes, delimiter: str = ",") -> list[list[str]]:
    """The rows of cells in CSV bytes: UTF-8 after the byte-order mark, RFC 4180 quoting."""
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=delimiter))


def starts_a_formula(cell: str) -> bool:
    """Whether a spreadsheet would run the cell (see the module docstring)."""
    try:
        float(cell)
        return False
    except ValueError:
        return cell[:1] in {"\t", "\r"} or cell.lstrip()[:1] in FORMULA_SIGNS


def formula_cells(data: bytes, delimiter: str = ",") -> list[str]:
    """Every cell of the CSV that a spreadsheet would run as a formula."""
    return [cell for row in cells(data, delimiter) for cell in row if starts_a_formula(cell)]
