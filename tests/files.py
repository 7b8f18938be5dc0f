"""Files to upload in tests: real ones made on the spot, and the hostile ones an attacker
would try (a renamed executable, an SVG with a script, a PDF/HTML polyglot, a PNG bomb)."""

import io
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pypdf import PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject

GPS_IFD = 0x8825


def pdf_bytes(pages: int = 1) -> bytes:
    writer = PdfWriter()
    for _page in range(pages):
        writer.add_blank_page(width=595, height=842)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def active_pdf(kind: str) -> bytes:
    """A valid one-page PDF that acts: runs a script, carries a file, or launches a program
    on opening."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    actions = {
        "script": {"/S": NameObject("/JavaScript"), "/JS": TextStringObject("app.alert(1)")},
        "launch": {"/S": NameObject("/Launch"), "/F": TextStringObject("cmd")},
    }
    if kind == "attachment":
        writer.add_attachment("factura.exe", EXECUTABLE)
    else:
        writer._root_object[NameObject("/OpenAction")] = DictionaryObject(
            {NameObject(key): value for key, value in actions[kind].items()}
        )
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def png_bytes(size=(40, 30)) -> bytes:
    output = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(output, format="PNG")
    return output.getvalue()


def jpeg_with_gps(size=(40, 30)) -> bytes:
    """A photo as a phone takes it: EXIF with the GPS position of where it was taken."""
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # camera make
    exif[GPS_IFD] = {1: "S", 2: (12.0, 35.0, 10.0), 3: "W", 4: (69.0, 11.0, 5.0)}
    output = io.BytesIO()
    Image.new("RGB", size, (30, 120, 30)).save(output, format="JPEG", exif=exif)
    return output.getvalue()


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_bomb(width=30000, height=30000) -> bytes:
    """A few hundred bytes that claim 900 million pixels."""
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    rows = zlib.compress(b"\x00" * 1024)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", rows)
        + _png_chunk(b"IEND", b"")
    )


SVG_WITH_SCRIPT = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg">'
    b"<script>alert(document.cookie)</script></svg>"
)
EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64


def pdf_html_polyglot() -> bytes:
    """A valid PDF that a browser sniffing it would render as a page with a script."""
    return pdf_bytes().replace(
        b"%PDF-1.3\n", b"%PDF-1.3\n%<html><script>alert(1)</script></html>\n", 1
    )


def upload(name: str, content: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type)
