"""Character shingles and MinHash signatures, computed in bulk with numpy.

Texts are reduced to their word characters (CJK, letters, digits) after the
responsibility clauses are masked, so punctuation, layout and the boilerplate
"（省…牵头，…按职责分工负责）" do not count as shared text. Each k-character
shingle is hashed to 32 bits by a polynomial over its code points; the MinHash
signatures use datasketch's ``affine32`` scheme (MurmurHash3 finalizer, then
``a * h + b mod 2**32`` per permutation, with datasketch's own permutation
parameters), so a signature equals the one ``datasketch.MinHash`` computes
with :func:`shingle_hash` as its ``hashfunc`` - only much faster for many texts.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
from datasketch import MinHash

SCHEME = "affine32"
_POLY = np.uint32(0x01000193)  # FNV prime: odd, so the polynomial mixes every position
_NON_WORD = re.compile(r"[^0-9A-Za-z\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
# A parenthesised clause that assigns roles: （省工业和信息化厅牵头，…按职责分工负责）, （责任单位：…）.
ROLE_CLAUSE = re.compile(r"[（(][^（）()]{0,300}?(?:牵头|责任单位|负责|配合|参与)[^（）()]{0,300}?[）)]")


def role_clause_spans(text: str) -> list[tuple[int, int]]:
    """Half-open spans of the responsibility clauses in ``text``."""
    return [m.span() for m in ROLE_CLAUSE.finditer(text)]


def normalise(text: str) -> str:
    """The characters that shingles are made of: role clauses, punctuation and space removed."""
    return _NON_WORD.sub("", ROLE_CLAUSE.sub("", text))


_SENTENCE_END = re.compile(r"[。；;！!？?\n]+")


def sentences(text: str, min_chars: int) -> list[str]:
    """The normalised sentences of ``text`` that have at least ``min_chars`` characters."""
    parts = (normalise(p) for p in _SENTENCE_END.split(ROLE_CLAUSE.sub("", text)))
    return [p for p in parts if len(p) >= min_chars]


def shingle_hash(shingle: str | bytes) -> int:
    """The 32-bit hash of one shingle (reference version of the vectorised one)."""
    if isinstance(shingle, bytes):
        shingle = shingle.decode("utf-8")
    h = 0
    for ch in shingle:
        h = (h * int(_POLY) + ord(ch)) & 0xFFFFFFFF
    return h


def shingle_sets(texts: Sequence[str], k: int) -> tuple[np.ndarray, np.ndarray]:
    """Distinct shingle hashes of every (normalised) text, as one flat array.

    Returns ``(hashes, offsets)``: the sorted distinct hashes of text ``i`` are
    ``hashes[offsets[i]:offsets[i + 1]]``. A text shorter than ``k`` but not
    empty is one shingle of its own.
    """
    lengths = np.fromiter((len(t) for t in texts), dtype=np.int64, count=len(texts))
    starts = np.zeros(len(texts) + 1, dtype=np.int64)
    np.cumsum(lengths, out=starts[1:])
    codes = np.frombuffer("".join(texts).encode("utf-32-le"), dtype=np.uint32)
    n = len(codes)
    # h[i] = poly hash of codes[i:i+k]; valid where the shingle stays inside one text.
    h = np.zeros(n, dtype=np.uint32)
    for j in range(k):
        h *= _POLY
        h[: n - j] += codes[j:]
    owner = np.repeat(np.arange(len(texts), dtype=np.int64), lengths)
    pos_in_text = np.arange(n, dtype=np.int64) - starts[owner]
    span = np.minimum(lengths[owner], k)
    valid = pos_in_text + span <= lengths[owner]
    # A short text: its one shingle is the whole text (the hash of fewer than k codes).
    short = lengths < k
    if short.any():
        for i in np.flatnonzero(short & (lengths > 0)):
            h[starts[i]] = np.uint32(shingle_hash("".join(texts[i])))
        valid &= (pos_in_text == 0) | ~short[owner]
    keys = (owner[valid].astype(np.uint64) << np.uint64(32)) | h[valid].astype(np.uint64)
    keys = _sorted_unique(keys)
    seg = (keys >> np.uint64(32)).astype(np.int64)
    hashes = (keys & np.uint64(0xFFFFFFFF)).astype(np.uint32)
    offsets = np.searchsorted(seg, np.arange(len(texts) + 1))
    return hashes, offsets


def union_by_owner(
    hashes: np.ndarray, offsets: np.ndarray, owner: np.ndarray, n_owners: int
) -> tuple[np.ndarray, np.ndarray]:
    """Union of the shingle sets of the texts of each owner (``owner`` ascending), same flat layout."""
    seg = np.repeat(owner, np.diff(offsets))
    keys = _sorted_unique((seg.astype(np.uint64) << np.uint64(32)) | hashes.astype(np.uint64))
    out_seg = (keys >> np.uint64(32)).astype(np.int64)
    return (keys & np.uint64(0xFFFFFFFF)).astype(np.uint32), np.searchsorted(out_seg, np.arange(n_owners + 1))


def frequent(hashes: np.ndarray, max_df: int) -> np.ndarray:
    """The sorted shingles found in more than ``max_df`` texts (boilerplate such as 纺织服装产业)."""
    ordered = np.sort(hashes)
    starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
    counts = np.diff(np.r_[starts, len(ordered)])
    return ordered[starts[counts > max_df]]


def _sorted_unique(values: np.ndarray) -> np.ndarray:
    """``np.unique`` by sorting (numpy 2's hash-based unique is several times slower on large arrays)."""
    values = np.sort(values)
    return values[np.r_[True, values[1:] != values[:-1]]] if len(values) else values


def drop(hashes: np.ndarray, offsets: np.ndarray, stop: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The shingle sets without the ``stop`` shingles (``stop`` sorted)."""
    if len(stop):
        keep = stop[np.minimum(np.searchsorted(stop, hashes), len(stop) - 1)] != hashes
    else:
        keep = np.ones(len(hashes), dtype=bool)
    seg = np.repeat(np.arange(len(offsets) - 1), np.diff(offsets))
    return hashes[keep], np.searchsorted(seg[keep], np.arange(len(offsets)))


def permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """datasketch's permutation parameters ``(a, b)`` for the affine32 scheme."""
    a, b = MinHash(num_perm=num_perm, seed=seed, scheme=SCHEME).permutations
    return np.asarray(a, dtype=np.uint32), np.asarray(b, dtype=np.uint32)


def _fmix32(hv: np.ndarray) -> np.ndarray:
    hv = hv ^ (hv >> np.uint32(16))
    hv = hv * np.uint32(0x85EBCA6B)
    hv = hv ^ (hv >> np.uint32(13))
    hv = hv * np.uint32(0xC2B2AE35)
    return hv ^ (hv >> np.uint32(16))


def signatures(hashes: np.ndarray, offsets: np.ndarray, num_perm: int, seed: int) -> np.ndarray:
    """MinHash signatures, one row of ``num_perm`` uint32 values per non-empty text.

    Rows of empty texts hold the maximal value (datasketch's empty sketch).
    """
    a, b = permutations(num_perm, seed)
    n_texts = len(offsets) - 1
    out = np.full((n_texts, num_perm), np.uint32(0xFFFFFFFF), dtype=np.uint32)
    nonempty = np.flatnonzero(np.diff(offsets) > 0)
    if len(nonempty) == 0:
        return out
    mixed = _fmix32(hashes)
    starts = offsets[nonempty]
    for p in range(num_perm):
        permuted = mixed * a[p]
        permuted += b[p]
        out[nonempty, p] = np.minimum.reduceat(permuted, starts)
    return out
