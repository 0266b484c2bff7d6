"""Text columns in Arrow: how the readers clean whole columns at once, exactly as Python would cell by cell.

pandas keeps text in Arrow arrays (its ``str`` dtype, with pyarrow installed).
The readers split, strip and collapse cells with Arrow compute over a whole
column, so a row costs no Python work; these helpers keep Python's meaning of
white space (``str.split()``, ``str.strip()``) so the result is the same
string Python would give (``tests/test_columnar_reader.py`` checks it).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

#: The characters ``str.split()`` and ``str.strip()`` treat as white space (``str.isspace``).
SPACES = ("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
          "\u2009\u200a\u2028\u2029\u202f\u205f\u3000")
_SPACE_RUN = "[" + "".join(f"\\x{{{ord(c):x}}}" for c in SPACES) + "]+"  # RE2 syntax
# A cell that needs collapsing: white space other than a space, two spaces, or a space at either end.
_UNCOLLAPSED = "[" + "".join(f"\\x{{{ord(c):x}}}" for c in SPACES if c != " ") + "]|  |^ | $"
#: pandas' text dtype (Arrow-backed).
STRING = pd.Series([], dtype="str").dtype
TEXT = pa.large_string()


def collapse(cells: pa.Array) -> pa.Array:
    """``" ".join(cell.split())`` of every cell: single spaces, none at either end."""
    if isinstance(cells, pa.ChunkedArray):
        cells = cells.combine_chunks()
    needs = mask(pc.match_substring_regex(cells, _UNCOLLAPSED))
    if not needs.any():  # the common case: finding is much cheaper than replacing
        return cells
    rows = np.flatnonzero(needs)
    fixed = pc.utf8_trim(pc.replace_substring_regex(cells.take(rows), _SPACE_RUN, " "), characters=" ")
    return pc.replace_with_mask(cells, pa.array(needs), fixed)


def strip(cells: pa.Array) -> pa.Array:
    """``cell.strip()`` of every cell."""
    return pc.utf8_trim(cells, characters=SPACES)


def repeat(value: str, count: int) -> pa.Array:
    """``count`` times ``value``."""
    return pa.repeat(pa.scalar(value, type=TEXT), count)


def text_array(values: list[str] | pa.Array | pa.ChunkedArray) -> pd.api.extensions.ExtensionArray:
    """A pandas text column from Arrow (no copy) or from a list of str (built by Arrow in one pass)."""
    if not isinstance(values, (pa.Array, pa.ChunkedArray)):
        values = pa.array(values, type=TEXT)
    return pd.array(values.cast(TEXT), dtype=STRING)


def arrow(column: pd.Series) -> pa.ChunkedArray:
    """A pandas text column's Arrow data (no copy when it is Arrow-backed already)."""
    return pa.chunked_array(pa.array(column.array, type=TEXT, from_pandas=True))


def mask(values: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """A boolean Arrow result as a NumPy array (nulls as False)."""
    return pc.fill_null(values, False).to_numpy(zero_copy_only=False)


def by_distinct(cells: object, convert) -> np.ndarray:
    """``convert`` (a list of str to a NumPy array) applied to each distinct cell once, spread back to every row.

    Numbers and line numbers repeat down a column, so this converts a few
    hundred strings where the column has a hundred thousand rows.
    """
    column = pa.array(cells, type=TEXT, from_pandas=True)
    encoded = (column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column).dictionary_encode()
    return np.asarray(convert(encoded.dictionary.to_pylist()))[encoded.indices.to_numpy()]
