"""Dev script: render the corpus's source texts as a digital PDF and two scans each.

    /path/to/scanvenv/python corpus/build.py MAKE_SCAN_PY [--only ID ...]

MAKE_SCAN_PY is the shared renderer (`shared/tools/make_scan.py`, run with its own
requirements); it is read only here, never by the pipeline. For every
`corpus/<split>/src/<id>.txt` this writes `corpus/<split>/pdf/<id>.digital.pdf`,
`<id>.scan-light.pdf` and `<id>.scan-heavy.pdf`, and the typeset text to
`corpus/<split>/gt/<id>.gt.txt`. Fonts and paper alternate by document so that
no font is the only one seen: even positions Liberation Serif on US Letter, odd ones
DejaVu Serif on A4. Seeds are 5000 + position (light) and 6000 + position (heavy),
position being the index in the build order (`sources`), so a build is reproducible.
"""
from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
SPLITS = ("tune", "holdout", "holdout2", "tune2", "holdout3", "tune3", "tune4", "tune5", "holdout4", "tune6", "tune7",
          "tune8", "holdout5", "tune9")
FONTS = {
    "liberation": ("liberation", "LiberationSerif-%s.ttf", ["Regular", "Bold", "Italic", "BoldItalic"]),
    "dejavu": ("dejavu", "DejaVuSerif%s.ttf", ["", "-Bold", "-Italic", "-BoldItalic"]),
}


def sources() -> list[tuple[str, Path]]:
    """Every source in build order: the first corpus (tune and holdout) sorted by id, then each
    later split sorted by id, so that adding a split leaves the earlier files as they were."""
    first = sorted(((split, p) for split in SPLITS[:2] for p in (ROOT / split / "src").glob("*.txt")),
                   key=lambda sp: sp[1].stem)
    later = [(split, p) for split in SPLITS[2:] for p in sorted((ROOT / split / "src").glob("*.txt"))]
    return first + later


def style(position: int) -> tuple[str, str]:
    return ("liberation", "letter") if position % 2 == 0 else ("dejavu", "a4")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("make_scan")
    ap.add_argument("--only", nargs="*", default=None)
    args = ap.parse_args()
    spec = importlib.util.spec_from_file_location("make_scan", args.make_scan)
    make_scan = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make_scan)
    for position, (split, src) in enumerate(sources()):
        if args.only and src.stem not in args.only:
            continue
        font, paper = style(position)
        make_scan.FONTS = [FONTS[font]]
        make_scan.register_fonts.cache_clear()
        out, gt = ROOT / split / "pdf", ROOT / split / "gt"
        out.mkdir(exist_ok=True)
        gt.mkdir(exist_ok=True)
        base = [str(src)]
        runs = [
            [str(out / f"{src.stem}.digital.pdf"), "--mode", "digital", "--gt", str(gt / f"{src.stem}.gt.txt")],
            [str(out / f"{src.stem}.scan-light.pdf"), "--mode", "scan", "--noise", "light",
             "--seed", str(5000 + position)],
            [str(out / f"{src.stem}.scan-heavy.pdf"), "--mode", "scan", "--noise", "heavy",
             "--seed", str(6000 + position)],
        ]
        for extra in runs:
            make_scan.main([*base, *extra, "--paper", paper])
        print(f"{split}/{src.stem}: {font}, {paper}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
