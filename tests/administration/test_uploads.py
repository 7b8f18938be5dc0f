"""Uploads are checked by their content (administration/uploads.py)."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.urls import reverse
from PIL import Image

from administration.uploads import IMAGE, PDF, check_upload
from tests.files import (
    EXECUTABLE,
    GPS_IFD,
    SVG_WITH_SCRIPT,
    active_pdf,
    jpeg_with_gps,
    pdf_bytes,
    pdf_html_polyglot,
    png_bomb,
    png_bytes,
    upload,
)


def refusal(name, content, **kwargs) -> str:
    """Why the file was refused (the error's code; the message is the user's language)."""
    with pytest.raises(ValidationError) as raised:
        check_upload(upload(name, content), **kwargs)
    return raised.value.code


def test_a_real_pdf_is_accepted_as_it_is():
    content = pdf_bytes()
    checked = check_upload(upload("respuesta.pdf", content))
    assert (checked.content, checked.extension, checked.content_type) == (
        content,
        "pdf",
        "application/pdf",
    )


def test_a_png_is_accepted_and_stays_a_png():
    checked = check_upload(upload("foto.png", png_bytes()))
    assert checked.extension == "png"
    assert Image.open(io.BytesIO(checked.content)).size == (40, 30)


def test_a_renamed_executable_is_refused():
    assert refusal("respuesta.pdf", EXECUTABLE) == "type"


def test_an_svg_named_png_is_refused():
    assert refusal("foto.png", SVG_WITH_SCRIPT) == "type"


def test_a_pdf_that_is_also_a_web_page_is_refused():
    assert refusal("respuesta.pdf", pdf_html_polyglot()) == "polyglot"


@pytest.mark.parametrize("kind", ["script", "attachment", "launch"])
def test_a_pdf_that_acts_by_itself_is_refused(kind):
    assert refusal("respuesta.pdf", active_pdf(kind)) == "active"


def test_a_pdf_with_a_script_is_refused_saying_why_in_spanish():
    with pytest.raises(ValidationError) as raised:
        check_upload(upload("respuesta.pdf", active_pdf("script")))
    assert (
        "contiene un script, un archivo adjunto o una acción automática"
        in (raised.value.messages[0])
    )


def test_a_file_that_only_starts_like_a_pdf_is_refused():
    assert refusal("respuesta.pdf", b"%PDF-1.4 not really") == "damaged"


def test_a_decompression_bomb_is_refused_before_it_is_decoded():
    assert refusal("mapa.png", png_bomb()) == "pixels"


def test_an_image_over_the_pixel_limit_is_refused_saying_its_size():
    with pytest.raises(ValidationError) as raised:
        check_upload(upload("plano.png", png_bomb(9000, 5000)))
    assert "(9000 × 5000 píxeles)" in raised.value.messages[0]


def test_the_refusal_says_in_spanish_what_is_accepted():
    with pytest.raises(ValidationError) as raised:
        check_upload(upload("respuesta.pdf", EXECUTABLE))
    assert "solo se aceptan PDF o imágenes JPEG o PNG" in raised.value.messages[0]


def test_a_truncated_image_is_refused():
    assert refusal("foto.png", png_bytes()[:60]) == "damaged"


def test_a_file_over_the_size_limit_is_refused():
    assert refusal("scan.pdf", pdf_bytes(), max_bytes=100) == "too_large"


def test_only_the_kinds_asked_for_are_accepted():
    assert refusal("foto.png", png_bytes(), kinds={PDF}) == "type"
    assert check_upload(upload("foto.png", png_bytes()), kinds={IMAGE}).extension == "png"


def test_a_photo_loses_its_gps_position_and_camera():
    original = Image.open(io.BytesIO(jpeg_with_gps()))
    assert original.getexif().get_ifd(GPS_IFD)
    checked = check_upload(upload("foto.jpg", jpeg_with_gps()))
    stored = Image.open(io.BytesIO(checked.content))
    assert checked.extension == "jpg"
    assert not stored.getexif().get_ifd(GPS_IFD) and 0x010F not in stored.getexif()


@pytest.mark.django_db
@override_settings(UPLOAD_MAX_BYTES=1000, DATA_UPLOAD_MAX_MEMORY_SIZE=1000)
def test_a_request_body_larger_than_any_upload_is_refused_before_it_is_read(client):
    response = client.post(reverse("login"), {"file": upload("big.pdf", b"x" * 5000)}, follow=False)
    assert response.status_code == 413
    assert "El archivo supera" in response.content.decode()
