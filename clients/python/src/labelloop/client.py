"""The Labelloop client: Kili-shaped verbs over Labelloop's REST API."""

import json
import os
import time
from typing import Any, Dict, Iterable, Iterator, List, Mapping, Optional, Sequence, Tuple

from . import _media, _rows, _tables
from ._http import Transport
from .errors import InvalidInputError, NotFoundError

Json = Dict[str, Any]
_MEDIA = ("IMAGE", "AUDIO")


_EXTENSIONS = {"yolo": "zip", "voc": "zip", "labelstudio": "json", "spacy": "json", "coco": "json", "prodigy": "jsonl"}


class Labelloop:
    """A connection to one Labelloop server.

    >>> ll = Labelloop("http://localhost:7070", api_key="...")   # or env LABELLOOP_URL / LABELLOOP_API_KEY
    >>> project_id = ll.create_project("spam", "TEXT", interface)["id"]

    List calls return a list, a generator that follows ``nextCursor`` page by page (``as_generator=True``), or a
    pandas DataFrame (``as_pandas=True``). Every failure raises a :class:`~labelloop.errors.LabelloopError` with the
    server's ``code``, ``message`` and ``details``.
    """

    def __init__(self, url: Optional[str] = None, api_key: Optional[str] = None, *, timeout: float = 120.0) -> None:
        self._http = Transport(url or os.environ.get("LABELLOOP_URL", "http://localhost:7070"),
                               api_key or os.environ.get("LABELLOOP_API_KEY"), timeout)
        self._input_types: Dict[str, str] = {}

    # -- projects ---------------------------------------------------------------------------------------------------

    def create_project(self, title: str, input_type: str = "TEXT", json_interface: Optional[Mapping[str, Any]] = None,
                       description: Optional[str] = None, instructions: Optional[str] = None) -> Json:
        """Creates a project; returns it (``["id"]`` is its id). ``json_interface`` uses Kili's jobs shape;
        ``instructions`` is what its labelers read on the labeling and review screens (plain text)."""
        body = {"title": title, "inputType": input_type, "jsonInterface": json_interface, "description": description,
                "instructions": instructions}
        return self._http.json("POST", "/projects", body={k: v for k, v in body.items() if v is not None})

    def update_properties_in_project(self, project_id: str, *, title: Optional[str] = None,
                                     description: Optional[str] = None, instructions: Optional[str] = None,
                                     json_interface: Optional[Mapping[str, Any]] = None) -> Json:
        """Changes the given properties of a project (``instructions=""`` removes them); returns the project."""
        body = {"title": title, "description": description, "instructions": instructions, "jsonInterface": json_interface}
        return self._http.json("PATCH", f"/projects/{_id(project_id)}", body={k: v for k, v in body.items() if v is not None})

    def projects(self, project_id: Optional[str] = None, *, first: Optional[int] = None, as_pandas: bool = False,
                 as_generator: bool = False) -> Any:
        """The caller's projects (or the one ``project_id``), each with its counts and the caller's role."""
        if project_id is not None:
            return self._result(iter([self.project(project_id)]), as_pandas, as_generator)
        return self._result(self._pages("/projects", {}, first, 100), as_pandas, as_generator)

    def project(self, project_id: str) -> Json:
        return self._http.json("GET", f"/projects/{_id(project_id)}")

    def update_project(self, project_id: str, *, title: Optional[str] = None, description: Optional[str] = None,
                       json_interface: Optional[Mapping[str, Any]] = None) -> Json:
        body = {"title": title, "description": description, "jsonInterface": json_interface}
        return self._http.json("PATCH", f"/projects/{_id(project_id)}", body={k: v for k, v in body.items() if v is not None})

    def delete_project(self, project_id: str) -> None:
        self._http.json("DELETE", f"/projects/{_id(project_id)}")

    def append_to_roles(self, project_id: str, user_id: str, role: str = "LABELER") -> Json:
        """Makes a user a member of the project with ``role`` (LABELER, REVIEWER or ADMIN)."""
        return self._http.json("PUT", f"/projects/{_id(project_id)}/members/{_id(user_id)}", body={"role": role})

    # -- assets -----------------------------------------------------------------------------------------------------

    def append_many_to_dataset(self, project_id: str, content_array: Any = None, external_id_array: Any = None,
                               json_metadata_array: Any = None, *, batch_size: Optional[int] = None,
                               on_error: str = "fail", on_duplicate: str = "skip", disable_tqdm: bool = False) -> Json:
        """Adds assets: texts or table rows, or file paths for an IMAGE or AUDIO project.

        ``content_array`` may also be a DataFrame with a ``content`` (or ``text``) column, an optional ``external_id``
        (or ``externalId``) column and, for the rest, columns kept as each asset's metadata; for a TABULAR project a
        row is a dict of column to value, and a DataFrame is the table (every column but the external id is one of
        its columns, typed by the server on the first import). Assets are sent in batches
        (1,000 texts or 50 files), each all or nothing: a bad row raises :class:`InvalidInputError` naming every bad
        row by its position, after the earlier batches went in. ``on_error="skip"`` keeps the good rows instead and
        lists the bad ones in ``errors``. An external id already in the project is never imported twice: it is
        counted in ``duplicates`` and skipped, or, with ``on_duplicate="update"``, replaces that asset's content and
        metadata (counted in ``updated``); so a failed run can be run again. Returns ``imported``, ``duplicates``,
        ``updated``, ``rejected`` and ``errors`` (``index``, ``message``).
        """
        input_type = self._input_type(project_id)
        contents, ids, metadata = _rows.asset_columns(content_array, external_id_array, json_metadata_array,
                                                      table=input_type == "TABULAR")
        media = input_type in _MEDIA
        size = batch_size or (50 if media else 1000)
        totals: Json = {"imported": 0, "duplicates": 0, "updated": 0, "rejected": 0, "errors": []}
        bar = _tables.Progress(len(contents), "assets", not disable_tqdm)
        params = {"onError": "skip" if on_error == "skip" else None,
                  "onDuplicate": "update" if on_duplicate == "update" else None}
        try:
            for start in range(0, len(contents), size):
                end = min(start + size, len(contents))
                try:
                    if media:
                        payload = _media.zip_of_files(contents[start:end], _rows.fill_ids(ids, contents, start, end),
                                                      metadata[start:end])
                        status, raw = self._http.send("POST", f"/projects/{_id(project_id)}/assets", params, payload,
                                                      "application/zip")
                    else:
                        # JSON Lines: the server's line numbers are then positions in the batch
                        lines = "".join(json.dumps(_rows.asset_row(contents[i], ids[i] if ids else None, metadata[i]))
                                        + "\n" for i in range(start, end))
                        status, raw = self._http.send("POST", f"/projects/{_id(project_id)}/assets", params,
                                                      lines.encode("utf-8"), "application/x-ndjson")
                except InvalidInputError as e:
                    # the server refused the whole batch, naming its bad rows by line: name them by position instead
                    details = [_rows.positioned(d, start) if not media else d for d in e.details]
                    raise InvalidInputError(e.status, e.code, f"assets {start}..{end - 1} were rejected, none of them"
                                            f" imported ({totals['imported']} imported before)", details) from e
                report = json.loads(raw.decode("utf-8"))
                for e in report.get("errors", []):
                    totals["errors"].append({"index": start + int(e.get("line", 1)) - 1, "message": e.get("message")})
                for key in ("imported", "duplicates", "updated", "rejected"):
                    totals[key] += int(report.get(key, 0))
                bar.update(end - start)
        finally:
            bar.close()
        return totals

    def assets(self, project_id: str, *, status: Optional[str] = None, label_type: Optional[str] = None,
               external_id: Optional[str] = None, search: Optional[str] = None, category: Optional[str] = None,
               labeled_by: Optional[str] = None, first: Optional[int] = None, page_size: int = 1000,
               as_pandas: bool = False, as_generator: bool = False) -> Any:
        """The project's assets, filtered by ``status``, by having a label of ``label_type``, by ``external_id``, by
        ``search`` (text in the external id, or in a text's or a table row's content, ignoring case), by ``category``
        (a category id their chosen answer names: the newest REVIEW label, else the newest DEFAULT one) and by
        ``labeled_by`` (a user id with a DEFAULT label on them). As a DataFrame, a TABULAR project's rows are spread
        over the table's columns (one named like an asset field becomes ``row.NAME``), as its CSV export does."""
        params = {"status": status, "labelType": label_type, "externalId": external_id, "search": search,
                  "category": category, "labeledBy": labeled_by}
        items = self._pages(f"/projects/{_id(project_id)}/assets", params, first, page_size)
        if as_pandas and self._input_type(project_id) == "TABULAR":
            items = (_rows.spread_row(item) for item in items)
        return self._result(items, as_pandas, as_generator)

    def similar_assets(self, project_id: str, asset_id: Optional[str] = None, *, external_id: Optional[str] = None,
                       text: Optional[str] = None, status: Optional[str] = None, first: int = 20,
                       as_pandas: bool = False) -> Any:
        """The ``first`` (at most 100) assets most like one (named by ``asset_id`` or ``external_id``), or the texts of
        a TEXT project closest in meaning to ``text``, most similar first, each with its ``similarity`` (cosine, 1 for
        a duplicate); only those of ``status`` if given. Texts, images and audio are compared by their stored vectors
        (a ConflictError until the server has computed them), table rows by their encoded columns."""
        if sum(x is not None for x in (asset_id, external_id, text)) != 1:
            raise ValueError("give one of asset_id, external_id and text")
        if external_id is not None:
            found = self.assets(project_id, external_id=external_id, first=1)
            if not found:
                raise NotFoundError(404, "NOT_FOUND", f"no asset with external id {external_id!r} in project {project_id}")
            asset_id = found[0]["id"]
        res = self._http.json("GET", f"/projects/{_id(project_id)}/similar",
                              params={"assetId": asset_id, "text": text, "status": status, "limit": first})
        items = iter(res["items"])
        if as_pandas and self._input_type(project_id) == "TABULAR":
            items = (_rows.spread_row(item) for item in items)
        return self._result(items, as_pandas, False)

    def count_assets(self, project_id: str, status: Optional[str] = None) -> int:
        p = self.project(project_id)
        return int(p["assetCount"] if status is None else p["countsByStatus"].get(status, 0))

    def update_properties_in_assets(self, project_id: str, external_ids: Any, *, status: Optional[str] = None,
                                    priorities: Any = None, is_honeypot: Any = None) -> int:
        """Sets the status, priorities and/or honeypot flags (each one value, or one per asset) of assets named by
        external id. A honeypot's trusted answer is its newest REVIEW label; flags are the project admin's to set."""
        ids = [str(x) for x in _tables.as_list(external_ids) or []]
        patched = flagged = 0  # assets each request changed; the answer is the larger count
        if status is not None or priorities is not None:
            for prio, group in _per_asset(ids, priorities, "priorities").items():
                body = {"externalIds": group, "status": status, "priority": prio}
                res = self._http.json("PATCH", f"/projects/{_id(project_id)}/assets", body={k: v for k, v in body.items() if v is not None})
                patched += int(res["updated"])
        if is_honeypot is not None:
            for flag, group in _per_asset(ids, is_honeypot, "is_honeypot").items():
                res = self._http.json("POST", f"/projects/{_id(project_id)}/quality/honeypots",
                                      body={"externalIds": group, "isHoneypot": bool(flag)})
                flagged += int(res["updated"])
        return max(patched, flagged)

    def next_asset(self, project_id: str) -> Optional[Json]:
        """The next asset to label (locked to the caller for 5 minutes, with the model's ``prediction``), or None."""
        return self._http.json("GET", f"/projects/{_id(project_id)}/queue/next")

    def answer_asset(self, project_id: str, asset_id: str, json_response: Json,
                     seconds_to_label: Optional[float] = None) -> Tuple[Json, Optional[Json]]:
        """Labels the asset the queue served and claims the next one in one request: ``(label, next asset or None)``."""
        body = {"assetId": asset_id, "labelType": "DEFAULT", "jsonResponse": json_response, "secondsToLabel": seconds_to_label}
        res = self._http.json("POST", f"/projects/{_id(project_id)}/queue/answer", body={k: v for k, v in body.items() if v is not None})
        return res["label"], res["next"]

    def skip_asset(self, project_id: str, asset_id: str) -> None:
        self._http.json("POST", f"/projects/{_id(project_id)}/queue/{_id(asset_id)}/skip")

    # -- labels -----------------------------------------------------------------------------------------------------

    def append_labels(self, project_id: str, json_response_array: Any = (), asset_external_id_array: Any = None,
                      asset_id_array: Any = None, label_type: str = "DEFAULT", model_name: Optional[str] = None,
                      seconds_to_label_array: Any = None, *, batch_size: int = 500, disable_tqdm: bool = False) -> List[Json]:
        """Adds labels in Kili's jsonResponse shape; returns them as stored.

        ``label_type``: DEFAULT (a labeler's answer), REVIEW, PREDICTION (a model's pre-annotation) or INFERENCE (a
        model's answer to compare with humans); ``model_name`` is the model version stored with model labels.
        ``json_response_array`` may also be a DataFrame with an ``external_id`` (or ``asset_id``) column and either a
        ``json_response`` column or one column per job id holding category names. Each batch is all or nothing.
        """
        responses, ext_ids, asset_ids = _rows.label_columns(json_response_array, asset_external_id_array, asset_id_array)
        seconds = _tables.as_list(seconds_to_label_array)
        for name, column in (("asset_external_id_array", ext_ids), ("asset_id_array", asset_ids), ("seconds_to_label_array", seconds)):
            if column is not None and len(column) != len(responses):
                raise ValueError(f"{name} has {len(column)} values for {len(responses)} json responses")
        if ext_ids is None and asset_ids is None:
            raise ValueError("give asset_external_id_array or asset_id_array")
        rows = []
        for i, response in enumerate(responses):
            row = {"jsonResponse": response, "labelType": label_type, "modelVersion": model_name,
                   "assetExternalId": None if ext_ids is None else str(ext_ids[i]),
                   "assetId": None if asset_ids is None else str(asset_ids[i]),
                   "secondsToLabel": None if seconds is None else seconds[i]}
            rows.append({k: v for k, v in row.items() if v is not None})
        saved: List[Json] = []
        bar = _tables.Progress(len(rows), "labels", not disable_tqdm)
        try:
            for batch in _tables.batches(rows, batch_size):
                saved.extend(self._http.json("POST", f"/projects/{_id(project_id)}/labels", body=list(batch))["items"])
                bar.update(len(batch))
        finally:
            bar.close()
        return saved

    def labels(self, project_id: str, *, label_type: Optional[str] = None, type_in: Optional[Sequence[str]] = None,
               asset_id: Optional[str] = None, first: Optional[int] = None, page_size: int = 1000,
               as_pandas: bool = False, as_generator: bool = False) -> Any:
        """The project's labels, each with its asset's ``externalId``; ``label_type`` or Kili's ``type_in`` filter them.

        As a DataFrame, each classification job also gets a column (named by job id) with the chosen category name
        (a list for a multi-choice job), so ``df["JOB_0"]`` reads like a label column.
        """
        types = [label_type] if label_type else list(type_in or [])
        server_type = types[0] if len(types) == 1 else None
        pages = self._pages(f"/projects/{_id(project_id)}/labels", {"type": server_type, "assetId": asset_id}, None, page_size)
        rows = self._with_external_ids(project_id, (l for l in pages if not types or l["labelType"] in types), first)
        if as_pandas:
            return _tables.to_frame([_rows.with_answers(r) for r in rows])
        return rows if as_generator else list(rows)

    def inference_marks(self, project_id: str, *, inference_mark_lt: Optional[float] = None, first: Optional[int] = None,
                        as_pandas: bool = False, as_generator: bool = False) -> Any:
        """Model labels with their agreement to the human answer (1 agrees, 0 differs), lowest first when filtered."""
        params = {"inferenceMarkLt": inference_mark_lt}
        return self._result(self._pages(f"/projects/{_id(project_id)}/inference-marks", params, first, 1000), as_pandas, as_generator)

    def import_file(self, project_id: str, path: str, format: str, *, on_error: str = "fail",
                    on_duplicate: str = "skip", id_column: Optional[str] = None, text_column: Optional[str] = None,
                    label_column: Optional[str] = None, labels_from_folders: bool = False) -> Json:
        """Imports a file of assets with their labels (``labelstudio``, ``prodigy``, ``doccano``, ``kili``; for images
        and audio a zip of the files with its annotation file, as for ``coco``, ``yolo`` and ``voc``), or any other
        import format (csv, tsv, jsonl, json, txt: one text per line, zip, conll, bio, spacy); a CSV's or JSON's ``id_column``, ``text_column`` and
        ``label_column`` say which columns are which (a table's label column holds each row's category). All or
        nothing unless ``on_error="skip"``; returns the server's report (``imported``, ``duplicates``, ``updated``,
        ``rejected``, ``errors`` with their lines). ``labels_from_folders``: a zip of images or audio sorted into one
        folder per category (``train/ants/1.jpg``) is labeled by those folders."""
        with open(path, "rb") as f:
            data = f.read()
        params = {"format": format, "onError": "skip" if on_error == "skip" else None,
                  "onDuplicate": "update" if on_duplicate == "update" else None,
                  "idColumn": id_column, "textColumn": text_column, "labelColumn": label_column,
                  "labelsFromFolders": "true" if labels_from_folders else None}
        zipped = data[:2] == b"PK"
        _, raw = self._http.send("POST", f"/projects/{_id(project_id)}/assets", params, data,
                                      "application/zip" if zipped else "application/octet-stream")
        return json.loads(raw.decode("utf-8"))

    def export(self, project_id: str, format: str = "jsonl", path: Optional[str] = None, *, status: Optional[str] = None,
               label_type: Optional[str] = None, search: Optional[str] = None, category: Optional[str] = None,
               labeled_by: Optional[str] = None) -> str:
        """Streams the project's export to ``path``: jsonl (Kili-shaped, imports again as kili), csv (with the
        jsonResponse), labelstudio, prodigy, doccano, coco, yolo and voc (zips), conll, bio, spacy; the filters are
        :meth:`assets`'s."""
        target = path or f"project-{project_id}.{_EXTENSIONS.get(format, format)}"
        params = {"format": format, "status": status, "labelType": label_type, "search": search, "category": category,
                  "labeledBy": labeled_by}
        with self._http.open("GET", f"/projects/{_id(project_id)}/export", params, None, None) as res, open(target, "wb") as out:
            while True:
                chunk = res.read(1 << 20)
                if not chunk:
                    break
                out.write(chunk)
        return target

    # -- learning ---------------------------------------------------------------------------------------------------

    def learning_settings(self, project_id: str, **changes: Any) -> Json:
        """The project's learning settings; keyword arguments (``retrain_every=20``, ``time_budget_seconds=30``,
        ``strategy="margin"``, ``enabled=False`` ...) change them first."""
        path = f"/projects/{_id(project_id)}/learning"
        if not changes:
            return self._http.json("GET", path)
        return self._http.json("PATCH", path, body={_camel(k): v for k, v in changes.items()})

    def table_schema(self, project_id: str, columns: Optional[Sequence[Mapping[str, str]]] = None) -> Json:
        """A TABULAR project's typed columns (``name``, ``type``, ``role``), inferred by its first import;
        ``columns`` (e.g. ``[{"name": "region", "type": "CATEGORICAL"}, {"name": "note", "role": "IGNORE"}]``)
        changes them first."""
        path = f"/projects/{_id(project_id)}/schema"
        if columns is None:
            return self._http.json("GET", path)
        return self._http.json("PATCH", path, body={"columns": [dict(c) for c in columns]})

    def train_now(self, project_id: str) -> Json:
        """Queues a training job now (joins one already queued); returns the job."""
        return self._http.json("POST", f"/projects/{_id(project_id)}/models/train")

    def models(self, project_id: str, *, as_pandas: bool = False) -> Any:
        """The project's model versions, newest first, each with its metrics and model card."""
        items = self._http.json("GET", f"/projects/{_id(project_id)}/models")["items"]
        return _tables.to_frame(items) if as_pandas else items

    def training_jobs(self, project_id: str, limit: int = 20) -> List[Json]:
        return self._http.json("GET", f"/projects/{_id(project_id)}/training-jobs", {"limit": limit})["items"]

    def wait_for_model(self, project_id: str, *, version: int = 1, timeout: float = 300.0, poll: float = 1.0) -> Json:
        """Waits until model ``version`` (or newer) exists and returns the newest; raises TimeoutError after ``timeout`` s."""
        deadline = time.monotonic() + timeout
        while True:
            models = self.models(project_id)
            if models and int(models[0]["version"]) >= version:
                return models[0]
            if time.monotonic() >= deadline:
                jobs = self.training_jobs(project_id, 1)
                raise TimeoutError(f"no model version {version} after {timeout:.0f} s; last training job: {jobs[0] if jobs else 'none'}")
            time.sleep(poll)

    def learning_curve(self, project_id: str, *, as_pandas: bool = False) -> Any:
        """One point per model version (labels used, cross-validated and forward accuracy). As a DataFrame, the
        server's stopping hint is in ``df.attrs["stopping_hint"]``; :meth:`plot_learning_curve` draws it."""
        curve = self._http.json("GET", f"/projects/{_id(project_id)}/learning-curve")
        if not as_pandas:
            return curve
        frame = _tables.to_frame(curve["items"], None if curve["items"] else ["labelsUsed", "cvAccuracy", "forwardAccuracy"])
        frame.attrs["stopping_hint"] = curve["stoppingHint"]
        return frame

    def plot_learning_curve(self, project_id: str, path: Optional[str] = None, ax: Any = None) -> Any:
        """Plots accuracy against labels used with matplotlib; saves to ``path`` when given; returns the axes."""
        plt = _tables.optional("matplotlib.pyplot")
        if plt is None:
            raise ImportError("plot_learning_curve needs matplotlib (pip install matplotlib, or Debian's python3-matplotlib)")
        frame = self.learning_curve(project_id, as_pandas=True)
        if ax is None:
            _, ax = plt.subplots(figsize=(6, 4))
        for column, name in (("cvAccuracy", "cross-validated"), ("forwardAccuracy", "on the next labels")):
            if column in frame and frame[column].notna().any():
                ax.plot(frame["labelsUsed"], frame[column], marker="o", label=name)
        ax.set_xlabel("labels used")
        ax.set_ylabel("accuracy")
        ax.set_title(frame.attrs["stopping_hint"].get("message") or "learning curve", fontsize=9)
        ax.legend()
        if path:
            ax.figure.savefig(path, bbox_inches="tight")
        return ax

    # -- quality ----------------------------------------------------------------------------------------------------

    def quality(self, project_id: str, report: str = "labelers", *, as_pandas: bool = False, **filters: Any) -> Any:
        """A quality report: ``labelers``, ``categories``, ``kappa``, ``assets`` (with ``consensus_mark_lt`` ...
        filters, paged) or ``suspects`` (likely wrong labels)."""
        reports = ("labelers", "categories", "kappa", "assets", "suspects")
        if report not in reports:
            raise ValueError(f"report must be one of {', '.join(reports)}")
        path = f"/projects/{_id(project_id)}/quality/{report}"
        params = {_camel(k): v for k, v in filters.items()}
        if report == "assets":
            return self._result(self._pages(path, params, None, 1000), as_pandas, False)
        items = self._http.json("GET", path, params)["items"]
        return _tables.to_frame(items) if as_pandas else items

    def quality_settings(self, project_id: str, **changes: Any) -> Json:
        """Consensus and honeypot settings; keyword arguments (``consensus_coverage=20`` ...) change them first."""
        path = f"/projects/{_id(project_id)}/quality-settings"
        if not changes:
            return self._http.json("GET", path)
        return self._http.json("PATCH", path, body={_camel(k): v for k, v in changes.items()})

    # -- webhooks ---------------------------------------------------------------------------------------------------

    def create_webhook(self, project_id: str, url: str, events: Sequence[str], *, secret: Optional[str] = None,
                       allow_private: bool = False) -> Json:
        """Subscribes ``url`` to events (LABEL_CREATED, ASSET_STATUS_CHANGED, MODEL_TRAINED, IMPORT_FINISHED,
        REVIEW_DONE). Deliveries are signed with ``secret`` (generated when omitted; ``["secret"]`` holds it, shown
        this once); check them with :func:`labelloop.webhooks.verify_signature`. ``allow_private`` (server admins
        only) permits a loopback or private address."""
        body = {"url": url, "events": list(events), "secret": secret, "allowPrivate": allow_private}
        return self._http.json("POST", f"/projects/{_id(project_id)}/webhooks", body={k: v for k, v in body.items() if v is not None})

    def webhooks(self, project_id: str) -> List[Json]:
        return self._http.json("GET", f"/projects/{_id(project_id)}/webhooks")["items"]

    def delete_webhook(self, webhook_id: str) -> None:
        self._http.json("DELETE", f"/webhooks/{_id(webhook_id)}")

    def webhook_deliveries(self, webhook_id: str, *, first: Optional[int] = None, as_pandas: bool = False,
                           as_generator: bool = False) -> Any:
        """The delivery log, newest first: event, status (PENDING, DELIVERED, FAILED), attempts, last answer or error."""
        return self._result(self._pages(f"/webhooks/{_id(webhook_id)}/deliveries", {}, first, 1000), as_pandas, as_generator)

    # -- model servers ----------------------------------------------------------------------------------------------

    def connect_model_server(self, project_id: str, url: str, *, allow_private: bool = False) -> Json:
        """Connects the project to your model server (Label Studio's ML-backend protocol: /health, /setup, /predict,
        /webhook). Its predictions of every unlabeled asset arrive in the background as PREDICTION labels tagged with
        its ``model_version``; returns its state (``status``: READY, PREDICTING or ERROR with ``lastError``)."""
        body = {"url": url, "allowPrivate": allow_private}
        return self._http.json("PUT", f"/projects/{_id(project_id)}/model-server", body=body)

    def model_server(self, project_id: str) -> Json:
        """The state of the project's model server: status, model version, last error, predictions delivered."""
        return self._http.json("GET", f"/projects/{_id(project_id)}/model-server")

    def disconnect_model_server(self, project_id: str) -> None:
        self._http.json("DELETE", f"/projects/{_id(project_id)}/model-server")

    # -- users ------------------------------------------------------------------------------------------------------

    def create_user(self, email: str, password: str, *, name: Optional[str] = None, admin: bool = False) -> Json:
        """Creates a user (admins only)."""
        body = {"email": email, "password": password, "name": name, "admin": admin}
        return self._http.json("POST", "/users", body={k: v for k, v in body.items() if v is not None})

    def users(self, *, as_pandas: bool = False, as_generator: bool = False) -> Any:
        """Every user (admins only): email, name, ``admin``, ``canCreateProjects``, ``active``."""
        return self._result(self._pages("/users", {}, None, 1000), as_pandas, as_generator)

    def update_properties_in_user(self, email: str, *, activated: Optional[bool] = None, admin: Optional[bool] = None,
                                  can_create_projects: Optional[bool] = None, password: Optional[str] = None) -> Json:
        """Changes another user's account (admins only), as Kili's method of that name: ``activated=False``
        deactivates it (no login, API key or session; its labels stay), ``password`` sets a new one (the user's
        browser sessions end); returns the user."""
        user = next((u for u in self.users(as_generator=True) if u["email"] == email.strip().lower()), None)
        if user is None:
            raise ValueError(f"no user has the email {email}")
        body = {"active": activated, "admin": admin, "canCreateProjects": can_create_projects, "password": password}
        return self._http.json("PATCH", f"/users/{_id(user['id'])}", body={k: v for k, v in body.items() if v is not None})

    def create_api_key(self, user_id: str = "me", name: Optional[str] = None) -> Json:
        """Creates an API key for a user (``me``: the caller); ``["key"]`` holds it, shown this once."""
        return self._http.json("POST", f"/users/{_id(user_id)}/api-keys", body={"name": name} if name else {})

    # -- plumbing ---------------------------------------------------------------------------------------------------

    def _pages(self, path: str, params: Mapping[str, Any], first: Optional[int], page_size: int) -> Iterator[Json]:
        """Items of a list endpoint, one page at a time, following ``nextCursor``; stops after ``first`` items."""
        cursor: Optional[str] = None
        seen = 0
        while True:
            limit = page_size if first is None else min(page_size, first - seen)
            if limit <= 0:
                return
            page = self._http.json("GET", path, {**params, "limit": limit, "cursor": cursor})
            for item in page["items"]:
                yield item
            seen += len(page["items"])
            cursor = page.get("nextCursor")
            if not cursor:
                return

    @staticmethod
    def _result(items: Iterator[Json], as_pandas: bool, as_generator: bool) -> Any:
        if as_pandas:
            return _tables.to_frame(items)
        return items if as_generator else list(items)

    def _with_external_ids(self, project_id: str, labels: Iterable[Json], first: Optional[int]) -> Iterator[Json]:
        """Adds each label's asset ``externalId``, reading the project's asset ids once, on the first label."""
        external: Optional[Dict[str, str]] = None
        for n, label in enumerate(labels):
            if first is not None and n >= first:
                return
            if external is None:
                external = {a["id"]: a["externalId"] for a in self._pages(f"/projects/{_id(project_id)}/assets", {}, None, 1000)}
            yield {**label, "externalId": external.get(label["assetId"])}

    def _input_type(self, project_id: str) -> str:
        if project_id not in self._input_types:
            self._input_types[project_id] = self.project(project_id)["inputType"]
        return self._input_types[project_id]


def _per_asset(ids: List[str], values: Any, name: str) -> Dict[Any, List[str]]:
    """The assets grouped by their value: one value for all, or a list with one per asset."""
    per = _tables.as_list(values) if values is not None and not isinstance(values, (int, bool, str)) else None
    if per is not None and len(per) != len(ids):
        raise ValueError(f"{name} has {len(per)} values for {len(ids)} assets")
    groups: Dict[Any, List[str]] = {}
    for i, ext in enumerate(ids):
        groups.setdefault(per[i] if per is not None else values, []).append(ext)
    return groups


def _id(value: Any) -> str:
    """A path segment from an id; ids never contain a slash, so one that does is refused rather than sent."""
    text = str(value)
    if not text or "/" in text or "?" in text or "#" in text:
        raise ValueError(f"not an id: {value!r}")
    return text


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(p[:1].upper() + p[1:] for p in rest)
