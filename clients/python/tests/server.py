"""The server the tests talk to: LABELLOOP_URL and LABELLOOP_API_KEY (an admin's), set by the Java test that starts it."""

import os
import random
import unittest
import uuid
from typing import Any, Dict, List, Tuple

from labelloop import Labelloop


def admin() -> Labelloop:
    url, key = os.environ.get("LABELLOOP_URL"), os.environ.get("LABELLOOP_API_KEY")
    if not url or not key:
        raise unittest.SkipTest("LABELLOOP_URL and LABELLOOP_API_KEY name no server (PythonSdkIT sets them)")
    return Labelloop(url, api_key=key)


def interface(*categories: str, job: str = "JOB_0") -> Dict[str, Any]:
    return {"jobs": {job: {"mlTask": "CLASSIFICATION", "instruction": "topic", "required": 1,
                           "content": {"input": "radio", "categories": {c: {"name": c.lower()} for c in categories}}}}}


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


_WORDS = {
    "SPORT": "match goal team season coach league striker penalty referee stadium win cup score player".split(),
    "FOOD": "recipe oven flour butter garlic simmer sauce bake onion pepper salt dough roast kitchen".split(),
}
_FILLER = "the a of and today this new with for very".split()


def texts(n: int, seed: int = 7) -> List[Tuple[str, str]]:
    """``n`` short synthetic (text, category) pairs of two separable topics."""
    rnd = random.Random(seed)
    out = []
    for i in range(n):
        topic = "SPORT" if i % 2 == 0 else "FOOD"
        words = rnd.sample(_WORDS[topic], 5) + rnd.sample(_FILLER, 3)
        rnd.shuffle(words)
        out.append((" ".join(words) + f" #{i}", topic))
    return out
