"""The page's picture made ready for tesseract: straightened, its rules cleared."""

from __future__ import annotations

import math

from kb.extract.ocr.values import (
    DESKEW_RESOLUTION,
    MAX_SKEW,
    RESOLUTION,
    RULE_CONTRAST,
    RULE_LENGTH,
    RULE_THICKNESS,
)

# ---------------------------------------------------------------------------
# The picture: straightened, its rules cleared


def _ink_threshold(pixels) -> float:
    """Otsu's threshold between ink and paper on a greyscale array."""
    import numpy as np

    histogram = np.bincount(pixels.ravel(), minlength=256).astype(float)
    total = histogram.sum()
    if not total:
        return 128.0
    levels = np.arange(256)
    weight = np.cumsum(histogram)
    mean = np.cumsum(histogram * levels)
    background = total - weight
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (mean[-1] * weight - mean * total) ** 2 / (weight * background)
    between[~np.isfinite(between)] = 0
    return float(np.argmax(between))


def skew_angle(image) -> float:
    """Degrees the page was turned by (counter-clockwise, as PIL's `rotate` counts), to
    a hundredth: the angle that levels the ink's rows best (the sharpest projection of
    the ink onto the vertical axis)."""
    import numpy as np

    scale = DESKEW_RESOLUTION / RESOLUTION
    small = image.resize((max(1, round(image.width * scale)), max(1, round(image.height * scale))))
    pixels = np.asarray(small, dtype=np.uint8)
    ys, xs = np.nonzero(pixels < _ink_threshold(pixels))
    if len(ys) < 200:
        return 0.0
    xs = xs - pixels.shape[1] / 2

    def sharpness(angle: float) -> float:
        # A page turned by `angle` raised a point at x by about x·tan(angle).
        rows = np.round(ys + xs * math.tan(math.radians(angle))).astype(int)
        counts = np.bincount(rows - rows.min())
        return float(np.dot(counts, counts))

    best = max(np.arange(-MAX_SKEW, MAX_SKEW + 1e-9, 0.1), key=sharpness)
    best = max(np.arange(best - 0.1, best + 0.1 + 1e-9, 0.02), key=sharpness)
    return round(float(best), 2)


def deskew(image):
    """(the image straightened, the angle it had been turned by); the image itself
    when it is level already."""
    from PIL import Image

    angle = skew_angle(image)
    if abs(angle) < 0.05:
        return image, 0.0
    paper = int(max(range(256), key=image.histogram().__getitem__))
    return image.rotate(-angle, resample=Image.Resampling.BICUBIC, fillcolor=paper), angle


def _long_runs(mask, length: int, axis: int):
    """The pixels of `mask` inside runs of at least `length` along `axis` (a morphological
    opening by a line of `length` pixels, with running sums)."""
    import numpy as np

    def window_full(values, size: int):
        # Where the `size` pixels starting here along `axis` are all set.
        sums = np.cumsum(values, axis=axis, dtype=np.int32)
        sums = np.concatenate([np.zeros_like(np.take(sums, [0], axis=axis)), sums], axis=axis)
        count = values.shape[axis] - size + 1
        if count <= 0:
            return np.zeros_like(values, dtype=bool)
        ahead = np.take(sums, range(size, size + count), axis=axis)
        here = np.take(sums, range(count), axis=axis)
        full = (ahead - here) == size
        pad = [(0, 0), (0, 0)]
        pad[axis] = (0, size - 1)
        return np.pad(full, pad)

    starts = window_full(mask.astype(np.int8), length).astype(np.int8)
    # A pixel is covered when one of the `length` windows ending at it is full.
    sums = np.cumsum(starts, axis=axis, dtype=np.int32)
    shifted = np.roll(sums, length, axis=axis)
    index = [slice(None), slice(None)]
    index[axis] = slice(0, length)
    shifted[tuple(index)] = 0
    return (sums - shifted) > 0


def erase_rules(pixels, resolution: int = RESOLUTION):
    """A copy of the page (greyscale array) without its rules: thin lines at least
    RULE_LENGTH long, across or down the page, in any tone visibly darker than the paper
    (a rule under a heading, a light grey column rule, an underline), which tesseract
    otherwise reads into the words they touch or as letters. Bands and boxes of colour
    are thicker than a rule and stay."""
    import numpy as np

    paper = int(np.argmax(np.bincount(pixels.ravel(), minlength=256)))
    marked = pixels < paper - RULE_CONTRAST
    length = round(RULE_LENGTH * resolution)
    thickness = max(2, round(RULE_THICKNESS * resolution))
    out = pixels.copy()
    for axis in (1, 0):
        rule = _long_runs(marked, length, axis)
        thick = _long_runs(rule, thickness + 1, 1 - axis)
        out[rule & ~thick] = paper
    return out


def prepare_image(image, resolution: int = RESOLUTION):
    """(the page straightened and cleared of its rules, the skew it had), for tesseract."""
    import numpy as np
    from PIL import Image

    straight, skew = deskew(image)
    pixels = np.asarray(straight, dtype=np.uint8)
    prepared = Image.fromarray(erase_rules(pixels, resolution))
    if straight is not image:
        straight.close()
    return prepared, skew
