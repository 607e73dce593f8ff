"""Optional pandas, tqdm and matplotlib: used when installed, never required."""

import importlib
from typing import Any, Dict, Iterable, Iterator, List, Optional, Sequence


def optional(module: str) -> Any:
    """The module when it can be imported, else None."""
    try:
        return importlib.import_module(module)
    except ImportError:
        return None


def require_pandas() -> Any:
    pd = optional("pandas")
    if pd is None:
        raise ImportError("as_pandas=True needs pandas (pip install pandas, or Debian's python3-pandas)")
    return pd


def is_frame(value: Any) -> bool:
    """Whether ``value`` is a pandas DataFrame (checked without importing pandas)."""
    return type(value).__name__ == "DataFrame" and hasattr(value, "to_dict")


def as_list(values: Any) -> Optional[List[Any]]:
    """A list from a list, tuple, generator, pandas Series or numpy array; None stays None."""
    if values is None:
        return None
    if isinstance(values, (str, bytes, dict)):
        raise TypeError(f"expected a sequence of values, got a single {type(values).__name__}")
    if hasattr(values, "tolist"):
        return list(values.tolist())
    return list(values)


def frame_rows(frame: Any) -> List[Dict[str, Any]]:
    """A DataFrame's rows as dicts, with pandas/numpy missing values turned into None."""
    rows = frame.to_dict(orient="records")
    return [{k: plain_or_none(v) for k, v in row.items()} for row in rows]


def plain_or_none(value: Any) -> Any:
    """A value json.dumps takes: None for a missing one (NaN too), numpy scalars as Python values."""
    return None if _missing(value) else _plain(value)


def to_frame(rows: Iterable[Dict[str, Any]], columns: Optional[Sequence[str]] = None) -> Any:
    pd = require_pandas()
    return pd.DataFrame(list(rows), columns=list(columns) if columns is not None else None)


def _missing(value: Any) -> bool:
    try:
        return value is None or (value != value)  # NaN is the only value not equal to itself
    except (TypeError, ValueError):  # arrays compare element-wise
        return False


def _plain(value: Any) -> Any:
    """numpy scalars as Python values, so json.dumps takes them."""
    return value.item() if hasattr(value, "item") and not isinstance(value, (list, dict, str)) else value


class Progress:
    """A tqdm bar when tqdm is installed and wanted, else silent."""

    def __init__(self, total: int, desc: str, enabled: bool) -> None:
        tqdm = optional("tqdm") if enabled else None
        self._bar = tqdm.tqdm(total=total, desc=desc, unit="item") if tqdm is not None else None

    def update(self, n: int) -> None:
        if self._bar is not None:
            self._bar.update(n)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()


def batches(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]
