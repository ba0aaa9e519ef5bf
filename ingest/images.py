"""Reading image files (TIFF, PNG, JPEG), frame by frame, as grayscale pages."""
from __future__ import annotations

import math

from PIL import Image, ImageOps, UnidentifiedImageError

from ingest.errors import ImageReadError, PageTooLargeError
from ingest.options import LimitOptions

# A TIFF or PNG can be a decompression bomb too; our own caps apply instead of PIL's.
Image.MAX_IMAGE_PIXELS = None

_ASSUMED_DPI = 300.0


def count_frames(path: str) -> int:
    try:
        with Image.open(path) as im:
            return getattr(im, "n_frames", 1)
    except (UnidentifiedImageError, OSError) as exc:
        raise ImageReadError(f"cannot decode the image ({exc})", path=path) from None


def load_frame(path: str, index: int, limits: LimitOptions) -> tuple[Image.Image, float]:
    """Frame `index` as 8-bit grayscale within the pixel budget, and its resolution (dpi).

    A frame over the budget is scaled down as a PDF page is rendered smaller (a JPEG is
    decoded at a reduced size right away); only a frame that could not even be decoded
    within the worker memory cap is refused.
    """
    try:
        with Image.open(path) as im:
            im.seek(index)
            dpi, pixels = _dpi_of(im), im.width * im.height
            if _over_budget(im, limits):
                scale = limits.fit(im.width, im.height, 1.0, unit="px")
                if im.format == "JPEG":
                    im.draft("L", (math.ceil(im.width * scale), math.ceil(im.height * scale)))
            _check_decodable(im, limits)
            gray = _to_gray(im)
    except (UnidentifiedImageError, OSError, EOFError) as exc:
        raise ImageReadError(f"cannot decode frame {index + 1} ({exc})", path=path, page=index + 1) from None
    if _over_budget(gray, limits):
        scale = limits.fit(gray.width, gray.height, 1.0, unit="px")
        gray = gray.resize((int(gray.width * scale), int(gray.height * scale)), Image.LANCZOS,
                           reducing_gap=3.0)
    return gray, dpi * math.sqrt(gray.width * gray.height / pixels)  # shrunk by a draft or a resize


def _over_budget(im: Image.Image, limits: LimitOptions) -> bool:
    return im.width * im.height > limits.max_pixels or max(im.size) > limits.max_side


def _check_decodable(im: Image.Image, limits: LimitOptions) -> None:
    """Decoding holds the frame in full (4 bytes a pixel in colour) beside its grayscale copy."""
    per_pixel = 1 if len(im.getbands()) == 1 and im.mode in ("1", "L", "P") else 4
    needed = im.width * im.height * (per_pixel + 1)
    if needed > limits.worker_memory_mb * 2**20 // 2:
        raise PageTooLargeError(f"frame is {im.width} x {im.height} px: decoding it would take "
                                f"{needed / 2**20:,.0f} MB, over half the worker memory cap")


def _dpi_of(im: Image.Image) -> float:
    dpi = im.info.get("dpi", (0, 0))[0]
    # Bogus tags (1 dpi, 72 dpi on a page-sized image) are common; trust only plausible ones.
    return float(dpi) if 100 <= float(dpi or 0) <= 1200 else _ASSUMED_DPI


def _to_gray(im: Image.Image) -> Image.Image:
    im = ImageOps.exif_transpose(im)
    if im.mode in ("RGBA", "LA", "PA") or (im.mode == "P" and "transparency" in im.info):
        rgba = im.convert("RGBA")
        background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        im = Image.alpha_composite(background, rgba)
    if im.mode == "CMYK":
        im = im.convert("RGB")
    return im.convert("L")
