"""Near-duplicates: MinHash signatures of article bodies, LSH bands, clusters of copies.

Syndicated and lightly edited copies (a wire story republished under a new headline, a
paragraph cut or rewritten) share most of their word sequences. Each body is reduced to the set
of its ``SHINGLE_WORDS``-word shingles (runs of consecutive lower-cased words; the title is
left out, so a new headline changes nothing), and the set to a MinHash signature of
``NUM_PERM`` values (datasketch, permutations from the fixed ``SEED``, so every process and
every run computes the same signature). The share of equal values of two signatures estimates
the Jaccard similarity of their shingle sets (standard error about ``sqrt(J(1-J)/128)``: 0.043
at J = 0.6, 0.035 at J = 0.8).

Candidates are found with locality-sensitive hashing: the signature is cut into ``N_BANDS``
bands of ``BAND_ROWS`` values, and two articles are candidates when one band is equal. With
32 bands of 4 rows a pair is a candidate with probability 1 - (1 - J^4)^32: 0.87 at J = 0.5,
0.99 at J = 0.6, 1.0 from J = 0.75; the bands do not depend on the similarity threshold, which
can therefore change without recomputing them. The candidates' estimated similarity is then
checked against the threshold.

The default threshold, 0.6, is what lightly edited copies reach: one paragraph of seven
rewritten leaves a Jaccard similarity of about 0.72 (a paragraph cut: about 0.88), updated
versions of one story in the BBC News corpus score 0.58 to 0.84, and different stories on
the same subject score at most 0.44 there.

Clusters are the connected components of the "similar" relation (at or above the threshold),
identified by their smallest article id.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

import numpy as np

from analytics.settings import DEFAULT_DUPLICATE_THRESHOLD

#: Words per shingle: long enough that unrelated articles on one subject share few of them.
SHINGLE_WORDS = 5
#: Values in a signature (512 bytes stored per article).
NUM_PERM = 128
#: The seed of the permutations: fixed, so stored signatures stay comparable.
SEED = 20_240_601
N_BANDS = 32
BAND_ROWS = NUM_PERM // N_BANDS
#: Articles whose estimated similarity is at least this are near-duplicates (the setting
#: ``NEWS_DUPLICATE_THRESHOLD``).
DEFAULT_THRESHOLD = DEFAULT_DUPLICATE_THRESHOLD
SCHEME = "affine32"
DTYPE = np.dtype("<u4")

_WORD = re.compile(r"\w+(?:['’]\w+)*")


def body_words(text: str) -> list[str]:
    """The words of a text, lower-cased (punctuation, spacing and case do not count)."""
    return _WORD.findall(text.lower())


def shingles(text: str, *, size: int = SHINGLE_WORDS) -> set[str]:
    """The set of runs of ``size`` consecutive words; a shorter text is one shingle."""
    words = body_words(text)
    if not words:
        return set()
    if len(words) <= size:
        return {" ".join(words)}
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


@lru_cache(maxsize=1)
def _minhash_class() -> tuple[type, Any]:
    """datasketch's MinHash and the permutations of ``SEED``, made once per process
    (datasketch takes half a second to import: only the analysis needs it)."""
    from datasketch import MinHash

    return MinHash, MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations


def signature(text: str) -> bytes:
    """The MinHash signature of the text's shingles as ``NUM_PERM`` little-endian uint32
    (empty bytes for a text without words, which is a copy of nothing)."""
    found = shingles(text)
    if not found:
        return b""
    minhash_class, permutations = _minhash_class()
    minhash = minhash_class(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME, permutations=permutations)
    minhash.update_batch(shingle.encode("utf-8") for shingle in found)
    return np.asarray(minhash.hashvalues, dtype=DTYPE).tobytes()


def signature_values(signature_bytes: bytes) -> np.ndarray:
    """A stored signature as an array of ``NUM_PERM`` values."""
    return np.frombuffer(signature_bytes, dtype=DTYPE)


def similarity(first: bytes, second: bytes) -> float:
    """The estimated Jaccard similarity of two signatures: the share of equal values."""
    if not first or not second:
        return 0.0
    return float(np.mean(signature_values(first) == signature_values(second)))


def band_keys(signature_bytes: bytes) -> list[int]:
    """One signed 64-bit key per band (band number and values hashed together), so equal
    keys mean an equal band at the same place; none for an empty signature."""
    if not signature_bytes:
        return []
    width = BAND_ROWS * DTYPE.itemsize
    keys = []
    for band in range(N_BANDS):
        chunk = signature_bytes[band * width : (band + 1) * width]
        digest = hashlib.blake2b(band.to_bytes(2, "little") + chunk, digest_size=8).digest()
        keys.append(int.from_bytes(digest, "little", signed=True))
    return keys


def cluster_ids(pairs: Iterable[tuple[int, int]], members: Iterable[int] = ()) -> dict[int, int]:
    """Article id -> cluster id (the smallest id of its connected component) for every
    article in a pair or in ``members``; union-find with path halving."""
    parent: dict[int, int] = {member: member for member in members}

    def root(node: int) -> int:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for first, second in pairs:
        a, b = root(first), root(second)
        if a != b:
            parent[max(a, b)] = min(a, b)
    return {node: root(node) for node in parent}


def similar_pairs(
    signatures: Mapping[int, bytes], *, threshold: float = DEFAULT_THRESHOLD
) -> list[tuple[int, int, float]]:
    """(first id, second id, similarity) of every pair of articles whose LSH bands meet and
    whose estimated similarity is at least ``threshold``; first < second, in order."""
    buckets: dict[int, list[int]] = {}
    for article_id in sorted(signatures):
        for key in band_keys(signatures[article_id]):
            buckets.setdefault(key, []).append(article_id)
    candidates = {
        (ids[i], ids[j])
        for ids in buckets.values()
        if len(ids) > 1
        for i in range(len(ids))
        for j in range(i + 1, len(ids))
    }
    found = []
    for first, second in sorted(candidates):
        score = similarity(signatures[first], signatures[second])
        if score >= threshold:
            found.append((first, second, score))
    return found


def clusters(
    signatures: Mapping[int, bytes], *, threshold: float = DEFAULT_THRESHOLD
) -> dict[int, int]:
    """Article id -> cluster id of every article that has a near-duplicate."""
    return cluster_ids(
        (first, second) for first, second, _ in similar_pairs(signatures, threshold=threshold)
    )
