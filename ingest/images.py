"""Reading image files (TIFF, PNG, JPEG), frame by frame, as grayscale pages."""
from __future__ import annotations

from PIL import Image, ImageOps, UnidentifiedImageError

from ingest.errors import ImageReadError, PageTooLargeError
from ingest.options import LimitOptions

# A TIFF or PNG can be a decompression bomb too; our own cap applies instead of PIL's.
Image.MAX_IMAGE_PIXELS = None

_ASSUMED_DPI = 300.0


def count_frames(path: str) -> int:
    try:
        with Image.open(path) as im:
            return getattr(im, "n_frames", 1)
    except (UnidentifiedImageError, OSError) as exc:
        raise ImageReadError(f"cannot decode the image ({exc})", path=path) from None


def load_frame(path: str, index: int, limits: LimitOptions) -> tuple[Image.Image, float]:
    """Frame `index` as 8-bit grayscale, and its resolution (dpi)."""
    try:
        with Image.open(path) as im:
            im.seek(index)
            if im.width * im.height > limits.max_pixels * 4:
                raise PageTooLargeError(f"frame is {im.width} x {im.height} px, over the pixel budget")
            dpi = _dpi_of(im)
            gray = _to_gray(im)
    except (UnidentifiedImageError, OSError, EOFError) as exc:
        raise ImageReadError(f"cannot decode frame {index + 1} ({exc})", path=path, page=index + 1) from None
    if gray.width * gray.height > limits.max_pixels:
        factor = (limits.max_pixels / (gray.width * gray.height)) ** 0.5
        gray = gray.resize((int(gray.width * factor), int(gray.height * factor)), Image.LANCZOS)
        dpi *= factor
    return gray, dpi


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
