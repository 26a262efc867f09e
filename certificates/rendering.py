"""Draw a certificate PDF with reportlab: pure Python, no database, so the benchmark can
time it in a bare loop and the services call the same function.

Vietnamese text is NFC-normalised (a name typed on a phone may arrive decomposed: "e" +
combining marks) and drawn with Be Vietnam Pro, a TrueType font that covers Latin Extended
Additional; it is installed by the setup from npm (`@expo-google-fonts/be-vietnam-pro`),
with Debian's DejaVu Sans as the fallback.
"""

import io
import string
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

from django.conf import settings
from reportlab.graphics.barcode import qrencoder
from reportlab.lib.colors import HexColor, black, white
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape, portrait
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas
from reportlab.platypus import Paragraph

PLACEHOLDERS = ("learner_name", "course", "date", "unit", "code")

_FONT_CANDIDATES = {
    "regular": [
        "node_modules/@expo-google-fonts/be-vietnam-pro/400Regular/BeVietnamPro_400Regular.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    ],
    "bold": [
        "node_modules/@expo-google-fonts/be-vietnam-pro/700Bold/BeVietnamPro_700Bold.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    ],
}


class FontMissing(RuntimeError):
    pass


def nfc(text):
    return unicodedata.normalize("NFC", text or "")


def placeholders_in(text):
    """The placeholder names used in a template text ("{learner_name}" → "learner_name")."""
    return {name for _, name, _, _ in string.Formatter().parse(text or "") if name is not None}


class _KeepUnknown(dict):
    def __missing__(self, key):
        return "{" + key + "}"


def fill_placeholders(text, values):
    # format_map with a forgiving dict: a stray "{x}" an editor typed stays visible instead of crashing.
    try:
        return nfc(text).format_map(_KeepUnknown(values))
    except (ValueError, IndexError):
        return nfc(text)


@lru_cache(maxsize=1)
def register_fonts():
    """Register the certificate fonts once per process; returns (regular, bold) font names."""
    names = {}
    for weight, candidates in _FONT_CANDIDATES.items():
        for candidate in candidates:
            path = Path(candidate) if Path(candidate).is_absolute() else Path(settings.BASE_DIR) / candidate
            if path.exists():
                name = f"CertificateSans-{weight}"
                pdfmetrics.registerFont(TTFont(name, str(path)))
                names[weight] = name
                break
        else:
            raise FontMissing(f"No font with Vietnamese glyphs found ({weight}); run the setup (npm ci)")
    return names["regular"], names["bold"]


@dataclass
class Layout:
    """Where and how the text is drawn; positions in millimetres from the bottom-left corner."""

    orientation: str = "landscape"
    title: str = "GIẤY CHỨNG NHẬN"
    body: str = "Đã hoàn thành khoá học\n{course}\n{unit}"
    intro: str = "Chứng nhận Ông/Bà"
    signatory_name: str = ""
    signatory_title: str = ""
    text_color: str = "#1a2a44"
    accent_color: str = "#b3261e"
    title_y_mm: float = 160
    name_y_mm: float = 118
    name_font_size: float = 30
    body_y_mm: float = 100
    qr_x_mm: float = 20
    qr_y_mm: float = 18
    qr_size_mm: float = 32
    background: bytes | None = field(default=None, repr=False)


@dataclass
class CertificateText:
    learner_name: str
    course: str
    date: str
    unit: str
    code: str
    verify_url: str

    def values(self):
        return {
            "learner_name": nfc(self.learner_name),
            "course": nfc(self.course),
            "date": self.date,
            "unit": nfc(self.unit),
            "code": self.code,
        }


def _draw_qr(pdf, value, *, x, y, size, quiet_modules=4):
    """The QR code as one path of dark runs: reportlab's widget builds a shape per module and
    encodes twice, which made it two thirds of the rendering time."""
    qr = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    qr.addData(value)
    qr.make()
    count = qr.getModuleCount()
    module = size / (count + 2 * quiet_modules)
    pdf.setFillColor(white)
    pdf.rect(x, y, size, size, stroke=0, fill=1)  # the quiet zone, also over a background image
    path = pdf.beginPath()
    for row_index, row in enumerate(qr.modules):
        top = y + size - (row_index + quiet_modules + 1) * module
        column = 0
        while column < count:
            if row[column]:
                run = column
                while run < count and row[run]:
                    run += 1
                path.rect(x + (column + quiet_modules) * module, top, (run - column) * module, module)
                column = run
            else:
                column += 1
    pdf.setFillColor(black)
    pdf.drawPath(path, stroke=0, fill=1)


def render_certificate_pdf(*, text: CertificateText, layout: Layout | None = None) -> bytes:
    layout = layout or Layout()
    regular, bold = register_fonts()
    page_size = landscape(A4) if layout.orientation == "landscape" else portrait(A4)
    width, height = page_size
    values = text.values()
    color, accent = HexColor(layout.text_color), HexColor(layout.accent_color)

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=page_size, pageCompression=1)
    pdf.setTitle(f"{layout.title} – {values['learner_name']}")
    pdf.setAuthor(getattr(settings, "WAGTAIL_SITE_NAME", ""))

    if layout.background:
        pdf.drawImage(ImageReader(io.BytesIO(layout.background)), 0, 0, width=width, height=height)
    else:
        pdf.setStrokeColor(accent)
        pdf.setLineWidth(3)
        pdf.rect(10 * mm, 10 * mm, width - 20 * mm, height - 20 * mm)

    pdf.setFillColor(accent)
    pdf.setFont(bold, 34)
    pdf.drawCentredString(width / 2, layout.title_y_mm * mm, fill_placeholders(layout.title, values))

    pdf.setFillColor(color)
    pdf.setFont(regular, 14)
    pdf.drawCentredString(width / 2, (layout.name_y_mm + 16) * mm, fill_placeholders(layout.intro, values))
    # The name on one line: a drawString keeps it a single text run, so it extracts exactly.
    pdf.setFont(bold, layout.name_font_size)
    pdf.drawCentredString(width / 2, layout.name_y_mm * mm, values["learner_name"])

    body_style = ParagraphStyle(
        "body", fontName=regular, fontSize=14, leading=20, alignment=TA_CENTER, textColor=color,
    )
    body_html = "<br/>".join(escape(line) for line in fill_placeholders(layout.body, values).splitlines())
    paragraph = Paragraph(body_html, body_style)
    frame_width = width - 60 * mm
    _, body_height = paragraph.wrap(frame_width, height)
    paragraph.drawOn(pdf, 30 * mm, layout.body_y_mm * mm - body_height)

    pdf.setFont(regular, 12)
    pdf.drawCentredString(width * 0.72, 48 * mm, values["date"])
    if layout.signatory_title:
        pdf.drawCentredString(width * 0.72, 42 * mm, fill_placeholders(layout.signatory_title, values))
    if layout.signatory_name:
        pdf.setFont(bold, 14)
        pdf.drawCentredString(width * 0.72, 22 * mm, fill_placeholders(layout.signatory_name, values))

    _draw_qr(pdf, text.verify_url, x=layout.qr_x_mm * mm, y=layout.qr_y_mm * mm, size=layout.qr_size_mm * mm)
    pdf.setFont(regular, 10)
    pdf.drawString(layout.qr_x_mm * mm, (layout.qr_y_mm - 5) * mm, values["code"])

    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
