"""Turning the arguments of the bulk calls (lists, Series, DataFrames) into API rows, and labels into table rows."""

import json
import os
import re
from typing import Any, Dict, List, Mapping, Optional, Tuple

from . import _tables

Json = Dict[str, Any]


def asset_columns(content: Any, ids: Any, metadata: Any, table: bool = False) -> "Tuple[List[Any], Optional[List[Any]], List[Optional[Json]]]":
    """Contents, external ids and metadata. A DataFrame for a table (``table``) is the table itself: each of its
    columns but the external id and ``json_metadata`` is a column of the rows."""
    if _tables.is_frame(content) and table:
        rows = _tables.frame_rows(content)
        id_col = next((c for c in ("external_id", "externalId") if c in content.columns), None)
        columns = [c for c in content.columns if c not in (id_col, "json_metadata")]
        contents = [{c: r[c] for c in columns} for r in rows]
        ids = [r[id_col] for r in rows] if id_col else None
        return contents, ids, [r.get("json_metadata") or None for r in rows]
    if _tables.is_frame(content):
        rows = _tables.frame_rows(content)
        content_col = next((c for c in ("content", "text") if c in content.columns), None)
        if content_col is None:
            raise ValueError("a DataFrame of assets needs a 'content' or 'text' column")
        id_col = next((c for c in ("external_id", "externalId") if c in content.columns), None)
        meta_cols = [c for c in content.columns if c not in (content_col, id_col, "json_metadata")]
        contents = [r[content_col] for r in rows]
        ids = [r[id_col] for r in rows] if id_col else None
        metadata = [{**{c: r[c] for c in meta_cols if r[c] is not None}, **(r.get("json_metadata") or {})} for r in rows]
        return contents, ids, metadata
    contents = _tables.as_list(content)
    if contents is None:
        raise ValueError("content_array is required")
    id_list = _tables.as_list(ids)
    meta_list = _tables.as_list(metadata)
    for name, column in (("external_id_array", id_list), ("json_metadata_array", meta_list)):
        if column is not None and len(column) != len(contents):
            raise ValueError(f"{name} has {len(column)} values for {len(contents)} contents")
    return contents, id_list, meta_list if meta_list is not None else [None] * len(contents)


def fill_ids(ids: Optional[List[Any]], contents: List[Any], start: int, end: int) -> List[str]:
    return [str(ids[i]) if ids else os.path.basename(str(contents[i])) for i in range(start, end)]


def asset_row(content: Any, external_id: Any, metadata: Optional[Json]) -> Json:
    """One JSON line of an import: its ``content`` is a text, or a table row as an object of column to value that the
    server types (a missing value, NaN included, is null)."""
    if isinstance(content, Mapping):
        content = {str(k): _tables.plain_or_none(v) for k, v in content.items()}
    row: Json = {"content": content}
    if external_id is not None:
        row["externalId"] = str(external_id)
    if metadata:
        row["metadata"] = metadata
    return row


def spread_row(asset: Json) -> Json:
    """A TABULAR asset with its row's cells as fields instead of its content (a cell named like a field: ``row.NAME``)."""
    out = {k: v for k, v in asset.items() if k != "content"}
    for column, value in json.loads(asset["content"]).items():
        out["row." + column if column in asset else column] = value
    return out


def positioned(detail: str, start: int) -> str:
    """A server's "line N: why" about a JSON Lines batch that began at ``start``, as "[position] why"."""
    match = re.match(r"line (\d+): (.*)", detail, re.S)
    return f"[{start + int(match.group(1)) - 1}] {match.group(2)}" if match else detail


def label_columns(responses: Any, ext_ids: Any, asset_ids: Any) -> "Tuple[List[Json], Optional[List[Any]], Optional[List[Any]]]":
    if not _tables.is_frame(responses):
        return _tables.as_list(responses) or [], _tables.as_list(ext_ids), _tables.as_list(asset_ids)
    rows = _tables.frame_rows(responses)
    ext_col = next((c for c in ("external_id", "externalId") if c in responses.columns), None)
    id_col = next((c for c in ("asset_id", "assetId") if c in responses.columns), None)
    jobs = [c for c in responses.columns if c not in (ext_col, id_col, "json_response")]
    out: List[Json] = []
    for r in rows:
        if "json_response" in responses.columns:
            out.append(r["json_response"])
        else:
            out.append({job: {"categories": [{"name": n} for n in (r[job] if isinstance(r[job], list) else [r[job]])]}
                        for job in jobs if r[job] is not None})
    return out, [r[ext_col] for r in rows] if ext_col else None, [r[id_col] for r in rows] if id_col else None


def with_answers(label: Json) -> Json:
    """The label with one column per classification job: the chosen category name, or a list of them; and where a
    model said how sure it was of its one category, ``JOB_confidence`` (0-100, as Kili writes it)."""
    row = dict(label)
    for job, answer in (label.get("jsonResponse") or {}).items():
        if isinstance(answer, dict) and isinstance(answer.get("categories"), list) and job not in row:
            chosen = [c for c in answer["categories"] if isinstance(c, dict)]
            names = [c.get("name") for c in chosen]
            row[job] = names[0] if len(names) == 1 else names
            if len(chosen) == 1 and isinstance(chosen[0].get("confidence"), (int, float)):
                row[job + "_confidence"] = chosen[0]["confidence"]
    return row
