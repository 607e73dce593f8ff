"""Image and audio files go to the server as a zip with a manifest, the import format the server checks entry by entry."""

import io
import json
import os
import zipfile
from typing import Any, Dict, List, Optional, Sequence


def zip_of_files(paths: Sequence[str], external_ids: Sequence[str], metadata: Sequence[Optional[Dict[str, Any]]]) -> bytes:
    """A zip whose first entry, ``manifest.jsonl``, names each file's external id and metadata.

    Entries are numbered so that two files with the same name in different folders stay apart. Media is already
    compressed, so entries are stored, not deflated.
    """
    names: List[str] = []
    for i, path in enumerate(paths):
        if not os.path.isfile(path):
            raise FileNotFoundError(f"content_array[{i}]: no such file: {path}")
        names.append(f"{i:06d}-{os.path.basename(path)}")
    manifest = "".join(
        json.dumps({"file": name, "externalId": ext, "metadata": meta or {}}) + "\n"
        for name, ext, meta in zip(names, external_ids, metadata))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as z:
        z.writestr("manifest.jsonl", manifest)
        for name, path in zip(names, paths):
            z.write(path, arcname=name)
    return buffer.getvalue()
