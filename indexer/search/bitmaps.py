"""Sets of articles as bitmaps: a Python int per set, bit d for docnum d."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import numpy as np
from whoosh.idsets import DocIdSet


def mask_from_ids(ids: Iterable[int], size: int) -> int:
    if size == 0:
        return 0
    digits = bytearray(b"0") * size
    for docnum in ids:
        digits[docnum] = 49  # "1"
    digits.reverse()  # bit d is the d-th digit from the right
    return int(digits, 2)


def mask_from_array(ids: np.ndarray, size: int) -> int:
    bits = np.zeros(size, dtype=np.uint8)
    bits[ids] = 1
    return int.from_bytes(np.packbits(bits, bitorder="little").tobytes(), "little")


def mask_to_bools(mask: int, size: int) -> np.ndarray:
    raw = np.frombuffer(mask.to_bytes((size + 7) // 8 or 1, "little"), dtype=np.uint8)
    return np.unpackbits(raw, count=size, bitorder="little").view(bool)


def iter_bits(mask: int) -> Iterator[int]:
    while mask:
        low = mask & -mask
        yield low.bit_length() - 1
        mask ^= low


class MaskSet(DocIdSet):
    """A bitmap seen by Whoosh's collector as the set of allowed documents."""

    def __init__(self, mask: int, size: int) -> None:
        self.bytes = mask.to_bytes((size + 7) // 8 or 1, "little")
        self.count = mask.bit_count()

    def __contains__(self, docnum: int) -> bool:
        return bool(self.bytes[docnum >> 3] >> (docnum & 7) & 1)

    def __len__(self) -> int:
        return self.count

    def __bool__(self) -> bool:
        return True

    def __iter__(self) -> Iterator[int]:
        for index, byte in enumerate(self.bytes):
            while byte:
                low = byte & -byte
                yield index * 8 + low.bit_length() - 1
                byte ^= low
