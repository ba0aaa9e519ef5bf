"""Real PDF files made by the tests, byte by byte: text pages (a text layer pdfplumber reads) and
pages whose content stream is long enough to keep any reader busy."""
from __future__ import annotations

import zlib
from pathlib import Path


def _escape(line: str) -> bytes:
    raw = line.encode("cp1252", errors="replace")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def _text_stream(text: str, size: float) -> bytes:
    leading = size * 1.2
    lines = text.split("\n")
    out = [b"BT", f"/F1 {size:g} Tf {leading:g} TL 36 {792 - 36:g} Td".encode()]
    out += [b"(" + _escape(line) + b") '" for line in lines]
    out.append(b"ET")
    return b"\n".join(out)


def write_pdf(path: Path, streams: list[bytes], compress: bool = False) -> Path:
    """A letter-size PDF with one page per content stream, Helvetica as /F1 (WinAnsi)."""
    objects: list[bytes] = []
    n = len(streams)
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(n))
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {n} >>".encode())
    font = 3 + 2 * n
    for i, stream in enumerate(streams):
        content = 4 + 2 * i
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {content} 0 R "
                       f"/Resources << /Font << /F1 {font} 0 R >> >> >>".encode())
        body = zlib.compress(stream, 1) if compress else stream
        flate = b" /Filter /FlateDecode" if compress else b""
        objects.append(b"<< /Length %d%s >>\nstream\n" % (len(body), flate) + body + b"\nendstream")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    data = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(data))
        data += f"{number} 0 obj\n".encode() + obj + b"\nendobj\n"
    xref = len(data)
    data += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    data += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    data += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(bytes(data))
    return path


def text_pdf(path: Path, pages: list[str], size: float = 10) -> Path:
    """Each string a page of text, line by line, in `size`-point Helvetica."""
    return write_pdf(path, [_text_stream(text, size) for text in pages])


def endless_page_pdf(path: Path, operators: int = 30_000_000) -> Path:
    """One page whose (compressed) content stream holds `operators` no-op path operators: reading
    its text layer takes minutes on any machine, a test's never-finishing page."""
    return write_pdf(path, [b"n\n" * operators], compress=True)
