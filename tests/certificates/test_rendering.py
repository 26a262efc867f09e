"""The PDF itself: exact Vietnamese text, the code printed, a QR code that decodes to the verification URL."""

import io
import unicodedata

import pypdf
import pypdfium2
import zxingcpp

from certificates.rendering import (
    CertificateText,
    Layout,
    fill_placeholders,
    placeholders_in,
    render_certificate_pdf,
)

NAME = "Nguyễn Thị Ánh Tuyết"


def pdf_text(pdf_bytes):
    return unicodedata.normalize("NFC", "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf_bytes)).pages))


def qr_codes(pdf_bytes):
    image = pypdfium2.PdfDocument(pdf_bytes)[0].render(scale=3).to_pil()
    return [result.text for result in zxingcpp.read_barcodes(image)]


def sample(**overrides):
    fields = dict(
        learner_name=NAME, course="Ứng dụng AI trong công việc và cuộc sống", date="24/11/2026",
        unit="Phường Bến Nghé", code="7KQ4-M9XT-2W", verify_url="https://hocvuso.example/verify/7KQ4M9XT2W",
    )
    return CertificateText(**(fields | overrides))


def test_a_decomposed_vietnamese_name_prints_exactly_in_nfc():
    decomposed = unicodedata.normalize("NFD", NAME)
    assert decomposed != NAME

    text = pdf_text(render_certificate_pdf(text=sample(learner_name=decomposed)))

    assert NAME in text.splitlines()
    assert "Ứng dụng AI trong công việc và cuộc sống" in text
    assert "7KQ4-M9XT-2W" in text


def test_the_qr_code_decodes_to_the_verification_url():
    assert qr_codes(render_certificate_pdf(text=sample())) == ["https://hocvuso.example/verify/7KQ4M9XT2W"]


def test_template_text_fills_placeholders_and_keeps_unknown_ones_visible():
    layout = Layout(body="{learner_name} – {course} – {unit} – {date} – {code} – {oops}", signatory_name="Trần Văn Bình")

    # The paragraph wraps: compare with the line breaks folded into spaces.
    text = " ".join(pdf_text(render_certificate_pdf(text=sample(), layout=layout)).split())

    assert f"{NAME} – Ứng dụng AI trong công việc và cuộc sống – Phường Bến Nghé – 24/11/2026 – 7KQ4-M9XT-2W – {{oops}}" in text
    assert "Trần Văn Bình" in text


def test_placeholders_are_listed_and_a_broken_brace_does_not_crash():
    assert placeholders_in("Xin chào {learner_name}, {course}") == {"learner_name", "course"}
    assert fill_placeholders("{learner_name", {"learner_name": "x"}) == "{learner_name"


def test_portrait_layout_renders_a_portrait_page():
    pdf = pypdf.PdfReader(io.BytesIO(render_certificate_pdf(text=sample(), layout=Layout(orientation="portrait"))))
    box = pdf.pages[0].mediabox
    assert box.height > box.width
