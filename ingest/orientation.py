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

    On by default for pages whose speckle is over 320 (`OcrOptions.smooth_above_speckle`): of the
    corpus and samples (386 scanned pages) no light-scan page is over 309, and all heavy ones but
    one (295) are over 322. Measured 2026-12-05, api engine, sigma 1.4 (`benchmarks/deskew_cer.py
    --compare smooth`): CER of the samples' heavy scans 6.64 % -> 3.43 %, light unchanged (1.80 %);
    of the corpus's heavy scans 8.98 % -> 6.17 %; extraction F1 of heavy scans: samples
    0.927 -> 0.922, tune 0.709 -> 0.738, tune2 0.650 -> 0.753, tune3 0.626 -> 0.709,
    tune4 0.606 -> 0.678, and held aside holdout 0.591 -> 0.631, holdout2 0.665 -> 0.719,
    holdout3 0.579 -> 0.615. Smoothing every page instead costs the samples' light scans
    0.948 -> 0.914 F1 (the errors left fall on digits and URLs). Costs 0.14 s of CPU per page.
    On a sparse, grey page the blurred specks can darken the paper until a global threshold
    takes it for ink (`ink_share` 0.02-0.04 -> 0.24-0.49 on five such pages, where ordinary
    pages go up 1.0-1.4 times) and Tesseract then reads nothing: such pages are read as scanned
    (`OcrOptions.smooth_max_ink_gain`). Sigma 2.2 blurs strokes together and undoes the gain.
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


def ink_share(image: Image.Image) -> float:
    """The share of the page a global (Otsu) threshold, as Tesseract's, takes for ink."""
    pixels = np.asarray(image)[::2, ::2]
    shares = np.cumsum(np.bincount(pixels.ravel(), minlength=256)) / pixels.size
    means = np.cumsum(np.bincount(pixels.ravel(), weights=pixels.ravel(), minlength=256)) / pixels.size
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (means[-1] * shares - means) ** 2 / (shares * (1 - shares))
    return float(shares[int(np.nanargmax(between))])


def speckle(image: Image.Image, dpi: float) -> float:
    """The page's scanner noise: its isolated specks per million pixels."""
    specks = _specks(image, dpi)
    return float(np.count_nonzero(specks)) / specks.size * 1e6


def despeckle(image: Image.Image, dpi: float) -> Image.Image:
    """The page with its isolated specks painted over with the paper's shade; strokes, and dots
    near them, are kept.

    Off by default (`OcrOptions.despeckle_above`). On pages over 350, measured 2026-12-03 with the
    api engine (`benchmarks/deskew_cer.py --compare despeckle`): no light-scan page of the samples
    is touched (CER 1.80 %), every heavy one is: CER 6.64 % -> 4.63 %; but smoothing the same
    pages does better on CER and on extraction (see `smooth`), and despeckling before smoothing
    adds nothing.
    """
    specks = _specks(image, dpi)
    if not specks.any():
        return image
    pixels = np.array(image)
    pixels[specks] = int(np.median(pixels[::7, ::7]))
    return Image.fromarray(pixels)


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
