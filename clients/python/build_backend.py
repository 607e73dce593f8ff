"""A PEP 517 build backend in the standard library only: the SDK is pure Python, and this way
`pip install --no-index --no-build-isolation ./clients/python` works offline in any venv, also one without
setuptools or wheel (a Python 3.12 venv, or a pyenv-built Python)."""

import base64
import hashlib
import io
import re
import tarfile
import zipfile
from pathlib import Path

HERE = Path(__file__).parent
NAME = "labelloop"
VERSION = re.search(r'__version__ = "([^"]+)"', (HERE / "src" / NAME / "__init__.py").read_text("utf-8")).group(1)
METADATA = f"""Metadata-Version: 2.1
Name: {NAME}
Version: {VERSION}
Summary: Python client for Labelloop, the self-hosted ML-assisted labeling platform (Kili-shaped verbs)
License: Apache-2.0
Requires-Python: >=3.9
Classifier: Programming Language :: Python :: 3
Classifier: License :: OSI Approved :: Apache Software License
Classifier: Typing :: Typed
Provides-Extra: pandas
Requires-Dist: pandas; extra == "pandas"
Provides-Extra: progress
Requires-Dist: tqdm; extra == "progress"
Provides-Extra: plot
Requires-Dist: matplotlib; extra == "plot"
"""
WHEEL = "Wheel-Version: 1.0\nGenerator: labelloop build_backend\nRoot-Is-Purelib: true\nTag: py3-none-any\n"


def _package_files():
    src = HERE / "src"
    return sorted((p.relative_to(src).as_posix(), p) for p in (src / NAME).rglob("*")
                  if p.is_file() and "__pycache__" not in p.parts)


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    dist_info = f"{NAME}-{VERSION}.dist-info"
    entries = [(name, path.read_bytes()) for name, path in _package_files()]
    entries += [(f"{dist_info}/METADATA", METADATA.encode()), (f"{dist_info}/WHEEL", WHEEL.encode())]
    record = "".join(f"{name},sha256={_digest(data)},{len(data)}\n" for name, data in entries) + f"{dist_info}/RECORD,,\n"
    wheel_name = f"{NAME}-{VERSION}-py3-none-any.whl"
    with zipfile.ZipFile(Path(wheel_directory) / wheel_name, "w", zipfile.ZIP_DEFLATED) as wheel:
        for name, data in entries + [(f"{dist_info}/RECORD", record.encode())]:
            wheel.writestr(name, data)
    return wheel_name


def build_sdist(sdist_directory, config_settings=None):
    base = f"{NAME}-{VERSION}"
    sdist_name = f"{base}.tar.gz"
    with tarfile.open(Path(sdist_directory) / sdist_name, "w:gz") as sdist:
        for name in ("pyproject.toml", "build_backend.py", "README.md"):
            sdist.add(HERE / name, f"{base}/{name}")
        for name, path in _package_files():
            sdist.add(path, f"{base}/src/{name}")
        info = tarfile.TarInfo(f"{base}/PKG-INFO")
        info.size = len(METADATA.encode())
        sdist.addfile(info, io.BytesIO(METADATA.encode()))
    return sdist_name


def _digest(data):
    return base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
