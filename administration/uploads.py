"""Uploaded files are judged by what they contain, never by their name.

A file is accepted only when its first bytes say it is a PDF, a JPEG or a PNG, when pypdf or
Pillow can really open it as that, and when an image stays under a pixel limit (a small PNG
can unpack into gigabytes). Anything else — a renamed executable, an SVG (it can carry a
script), an HTML page or a PDF with a page of HTML inside it — is refused with a message the
officer understands. Images are stored re-encoded, which drops their metadata: a photograph's
GPS position, camera serial and the like never reach the registry.

Stored files never keep the uploaded name (it may hold a victim's name): callers store the
content under ``CheckedUpload.extension`` with a name of their own.
"""

import io
import struct
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpResponse
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError
from pypdf import PdfReader
from pypdf.errors import PyPdfError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

PDF = "pdf"
IMAGE = "image"

SIGNATURES = {
    b"%PDF-": ("pdf", "application/pdf"),
    b"\x89PNG\r\n\x1a\n": ("png", "image/png"),
    b"\xff\xd8\xff": ("jpg", "image/jpeg"),
}
# Markup a browser would render or run if it ever sniffed the file: a PDF carrying it is a
# polyglot, not a scan.
MARKUP = (b"<html", b"<script", b"<svg", b"<!doctype", b"<body", b"<iframe", b"javascript:")
# What makes a PDF act rather than show: scripts, launching programs, files carried inside,
# forms that send data away, actions run on opening or on a page. A scanned oficio or
# photograph has none of them.
ACTIVE_KEYS = {"/JS", "/JavaScript", "/EmbeddedFiles", "/EmbeddedFile", "/RichMedia", "/XFA", "/AA"}
ACTIVE_ACTIONS = {"/JavaScript", "/Launch", "/SubmitForm", "/ImportData", "/GoToE", "/Rendition"}
# A PDF whose objects take longer than this to walk is refused rather than half checked.
MAX_PDF_OBJECTS = 100_000


@dataclass(frozen=True)
class CheckedUpload:
    content: bytes
    extension: str
    content_type: str


def check_upload(file, *, kinds=frozenset({PDF, IMAGE}), max_bytes=None) -> CheckedUpload:
    """The checked content of an uploaded file, or a ValidationError saying what is wrong."""
    max_bytes = max_bytes or settings.UPLOAD_MAX_BYTES
    if file.size is not None and file.size > max_bytes:
        raise _too_large(max_bytes)
    file.seek(0)
    content = file.read(max_bytes + 1)
    if len(content) > max_bytes:
        raise _too_large(max_bytes)
    extension, content_type = _sniff(content, kinds)
    if extension == "pdf":
        _check_pdf(content)
        return CheckedUpload(content, extension, content_type)
    return _reencoded_image(content, extension, content_type)


def _too_large(max_bytes):
    return ValidationError(
        _("The file is larger than %(size)s.") % {"size": filesizeformat(max_bytes)},
        code="too_large",
    )


def _accepted(kinds) -> str:
    names = []
    if PDF in kinds:
        names.append(_("PDF"))
    if IMAGE in kinds:
        names.append(_("JPEG or PNG images"))
    return _(" or ").join(names)


def _sniff(content: bytes, kinds) -> tuple[str, str]:
    for magic, (extension, content_type) in SIGNATURES.items():
        if content.startswith(magic):
            kind = PDF if extension == "pdf" else IMAGE
            if kind in kinds:
                return extension, content_type
            break
    raise ValidationError(
        _("This file is not accepted: only %(kinds)s are (the content decides, not the name).")
        % {"kinds": _accepted(kinds)},
        code="type",
    )


def _check_pdf(content: bytes) -> None:
    lowered = content.lower()
    if any(marker in lowered for marker in MARKUP):
        raise ValidationError(
            _("This PDF also contains a web page or a script and is not accepted."),
            code="polyglot",
        )
    try:
        reader = PdfReader(io.BytesIO(content))
        if reader.is_encrypted:
            raise ValidationError(
                _("This PDF is protected with a password; upload it without one."),
                code="encrypted",
            )
        if len(reader.pages) == 0:
            raise PyPdfError("no pages")
        active = _is_active(reader.trailer)
    except (PyPdfError, ValueError, KeyError, TypeError, OSError, RecursionError) as error:
        raise ValidationError(
            _("This PDF is damaged or incomplete and cannot be opened."), code="damaged"
        ) from error

    if active:
        raise ValidationError(
            _(
                "This PDF contains a script, an attached file or an automatic action and is "
                "not accepted; print it to PDF again or scan the paper."
            ),
            code="active",
        )


def _is_active(trailer) -> bool:
    """Whether any object reachable from the PDF's trailer scripts, launches, embeds or acts
    by itself (walked without recursion; streams' data is never decoded)."""
    seen: set[tuple[int, int]] = set()
    pending = [trailer]
    walked = 0
    while pending:
        node = pending.pop()
        if isinstance(node, IndirectObject):
            key = (node.idnum, node.generation)
            if key in seen:
                continue
            seen.add(key)
            node = node.get_object()
        walked += 1
        if walked > MAX_PDF_OBJECTS:
            raise PyPdfError("too many objects")
        if isinstance(node, DictionaryObject):
            if ACTIVE_KEYS.intersection(node.keys()):
                return True
            action = node.get("/S")
            if isinstance(action, NameObject) and action in ACTIVE_ACTIONS:
                return True
            pending.extend(node.values())
        elif isinstance(node, ArrayObject):
            pending.extend(node)
    return False


def _reencoded_image(content: bytes, extension: str, content_type: str) -> CheckedUpload:
    damaged = ValidationError(
        _("This image is damaged or incomplete and cannot be opened."), code="damaged"
    )
    # WeasyPrint lets Pillow fill in truncated images; an upload must be whole: the PNG's
    # chunks are checked by verify(), a JPEG must reach its end marker.
    if extension == "jpg" and b"\xff\xd9" not in content[2:]:
        raise damaged
    try:
        with Image.open(io.BytesIO(content)) as image:
            # The size is in the header: refuse a decompression bomb before decoding it.
            width, height = image.size
            if width * height > settings.UPLOAD_MAX_PIXELS:
                raise _too_many_pixels(width, height)
            if image.format not in {"JPEG", "PNG"}:
                raise damaged
            image.verify()
        with Image.open(io.BytesIO(content)) as image:
            image.load()
            # Turned upright as the camera meant it, then saved without any metadata.
            upright = ImageOps.exif_transpose(image)
            output = io.BytesIO()
            if extension == "jpg":
                upright.convert("RGB").save(output, format="JPEG", quality=90, optimize=True)
            else:
                upright.save(output, format="PNG", optimize=True)
    except Image.DecompressionBombError:
        # Pillow's own, far higher limit, met while reading the header.
        raise _too_many_pixels(None, None) from None
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, struct.error):
        raise damaged from None
    return CheckedUpload(output.getvalue(), extension, content_type)


def _too_many_pixels(width, height):
    if width is None:
        message = _("This image has too many pixels; scan it at a lower resolution.")
    else:
        message = _(
            "This image is too large (%(width)s × %(height)s pixels); "
            "scan it at a lower resolution."
        ) % {"width": width, "height": height}
    return ValidationError(message, code="pixels")


CONTENT_TYPES = {extension: content_type for extension, content_type in SIGNATURES.values()}


def stored_file_response(field_file, *, filename: str) -> FileResponse:
    """A stored upload served as a download that a browser never renders in the page, even
    if it were a polyglot the checks missed: attachment, fixed type, a sandbox policy."""
    extension = field_file.name.rsplit(".", 1)[-1].lower()
    response = FileResponse(
        field_file.open("rb"),
        as_attachment=True,
        filename=f"{filename}.{extension}",
        content_type=CONTENT_TYPES.get(extension, "application/octet-stream"),
    )
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response


class RequestSizeLimitMiddleware:
    """Refuse a request whose body is larger than any upload may be, before reading it:
    a 2 GB "scan" never fills the disk or holds a worker."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        # Room for the form's other fields beside the largest file.
        if length > settings.UPLOAD_MAX_BYTES + settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
            return HttpResponse(
                _("The file is larger than %(size)s. Go back and choose a smaller one.")
                % {"size": filesizeformat(settings.UPLOAD_MAX_BYTES)},
                status=413,
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)
