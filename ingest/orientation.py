"""Page geometry and cleaning before OCR: 90° turns (Tesseract's OSD), small skew, speckle."""
from __future__ import annotations

import numpy as np
from PIL import Image, ImageFilter

_TRANSPOSE_CLOCKWISE = {
    90: Image.Transpose.ROTATE_270,  # PIL's turns are counter-clockwise
    180: Image.Transpose.ROTATE_180,
    270: Image.Transpose.ROTATE_90,
}

# Degrees. Measured (benchmarks/deskew_cer.py): undoing the ±2° of the heavy scans raises
# CER from 6.7 % to 7.4 % (resampling blurs strokes Tesseract reads through a small skew),
# while undoing 4° or 6° cuts CER from 2.7 % or 6.3 % to 1.1 % or 1.2 %.
MIN_SKEW = 3.0


def smooth(image: Image.Image, sigma_at_300: float, dpi: float) -> Image.Image:
    """A slight blur that melts scanner speckle into the background before Tesseract thresholds it.

    Off by default. At sigma 1.4, measured (`benchmarks/deskew_cer.py --compare smooth`):
    CER of the samples' light scans 1.80 % -> 1.54 %, heavy 6.64 % -> 3.43 % (api engine;
    the cli engine: 1.85 -> 1.53 %, 6.66 -> 3.49 %; on fresh scans of the same texts, cli:
    6.64 -> 6.35 %, 13.05 -> 11.41 %), and, with the cli engine, extraction F1 on those
    fresh scans 0.879 -> 0.910 (light), 0.779 -> 0.824 (heavy);
    but on the samples themselves F1 fell (0.944 -> 0.914, 0.932 -> 0.912): the errors left
    fall on digits and URLs more often. It also costs 0.14 s of CPU per 300-dpi page.
    Sigma 2.2 blurs strokes together and undoes the gain.

    Chosen per page by confidence (`OcrOptions.smooth_retry` 1.4: a page under 85 % mean confidence
    read again smoothed, the more confident reading kept), measured 2026-12-03 with the api engine:
    extraction F1 on the corpus's tune heavy scans 0.628 -> 0.689, but on the samples light
    0.948 -> 0.939 and heavy 0.922 -> 0.903 (requiring a confidence gain of 3, 6 or 10 points
    still costs the samples' heavy scans 0.905, 0.903, 0.915): confidence does not tell which
    reading extracts better, so the retry stays opt-in too.
    """
    if sigma_at_300 <= 0:
        return image
    return image.filter(ImageFilter.GaussianBlur(sigma_at_300 * dpi / 300.0))


# A speck is a dark pixel with at most SPECK_INK dark pixels (itself included) in the square of
# SPECK_WINDOW pixels around it (at 300 dpi): farther than a letter's width from any stroke, and
# smaller than a full stop of small type there. Measured on the samples (per million pixels):
# light scans 238-285, heavy 403-1103.
SPECK_WINDOW = 13
SPECK_INK = 9


def _specks(image: Image.Image, dpi: float) -> np.ndarray:
    """Where the page's isolated specks are (a boolean mask)."""
    scale = dpi / 300.0
    radius = max(1, round(SPECK_WINDOW * scale) // 2)
    pixels = np.asarray(image)
    threshold = min(160, int(pixels[::7, ::7].mean()) - 30)  # as estimate_skew
    ink = image.point(lambda v: 255 if v < threshold else 0)
    # A box blur of the ink mask is its share of ink around each pixel.
    share = np.asarray(ink.filter(ImageFilter.BoxBlur(radius)))
    most = (SPECK_INK * scale * scale + 0.5) * 255 / (2 * radius + 1) ** 2
    return (np.asarray(ink) > 0) & (share <= most)


def despeckle(image: Image.Image, dpi: float, above: float) -> tuple[Image.Image, float]:
    """The page with its isolated specks painted over with the paper's shade, if its speckle is
    over `above`; and its speckle. Strokes, and dots near them, are kept.

    Off by default (`OcrOptions.despeckle_above`). At 350, measured 2026-12-03 with the api
    engine (`benchmarks/deskew_cer.py --compare despeckle`): no light-scan page of the samples
    is touched (CER 1.80 %), every heavy one is: CER 6.64 % -> 4.63 %. Extraction F1 of the
    corpus's tune heavy scans rose 0.639 -> 0.659, but that of the samples' heavy scans fell
    0.922 -> 0.899 (URLs and a recipient read differently): the extractors' OCR repairs were
    tuned on the specks' misreadings, so this stays opt-in.
    """
    specks = _specks(image, dpi)
    found = float(np.count_nonzero(specks)) / specks.size * 1e6
    if not above or found <= above:
        return image, found
    pixels = np.array(image)
    pixels[specks] = int(np.median(pixels[::7, ::7]))
    return Image.fromarray(pixels), found


def turn(image: Image.Image, clockwise: int) -> Image.Image:
    return image.transpose(_TRANSPOSE_CLOCKWISE[clockwise]) if clockwise else image


def estimate_skew(image: Image.Image, max_angle: float = 5.0) -> float:
    """Angle (degrees) by which text lines descend to the right; 0 when unsure.

    Text lines give the horizontal projection of ink its sharpest peaks when the
    page is level, so the angle maximising the profile's energy is the skew.
    """
    small = image.reduce(4) if min(image.size) >= 800 else image
    pixels = np.asarray(small, dtype=np.uint8)
    ink = pixels < min(160, int(pixels.mean()) - 30)
    ys, xs = np.nonzero(ink)
    if len(ys) < 500 or len(ys) > 0.5 * ink.size:  # blank page or solid picture: no lines to level
        return 0.0
    ys = ys.astype(np.float32)
    xs = xs.astype(np.float32) - xs.mean()

    def energy(angle: float) -> float:
        rows = np.round(ys - xs * np.tan(np.radians(angle))).astype(np.int64)
        rows -= rows.min()
        counts = np.bincount(rows).astype(np.float64)
        return float(np.dot(counts, counts))

    coarse = np.arange(-max_angle, max_angle + 1e-6, 0.5)
    best = max(coarse, key=energy)
    fine = np.arange(best - 0.5, best + 0.5 + 1e-6, 0.1)
    scores = [energy(a) for a in fine]
    angle = float(fine[int(np.argmax(scores))])
    flat = energy(0.0)
    # A gain of under 2 % over level means no real line structure: keep the page as it is.
    return angle if max(scores) > flat * 1.02 else 0.0


def deskew(image: Image.Image, angle: float) -> Image.Image:
    """Rotate by `angle` degrees counter-clockwise (undoing a clockwise skew)."""
    return image.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=255)
