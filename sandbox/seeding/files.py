"""Non-image media written by code: a short WAV « interview » and a one-page fillable PDF form.

Both are written byte by byte (no timestamp, no producer string), so every install gives the same files.
"""

from __future__ import annotations

import io
import math
import wave
from array import array

RATE = 16_000


def interview_wav(seconds: float = 2.0) -> bytes:
    """A short mono WAV (16 kHz, 16 bits): a voice-like hum with syllable rhythm (interview placeholder)."""
    samples = array("h")
    total = int(RATE * seconds)
    for n in range(total):
        t = n / RATE
        syllables = 0.55 + 0.45 * math.sin(2 * math.pi * 3.7 * t) ** 2
        fade = min(1.0, t / 0.08, (seconds - t) / 0.08)
        pitch = 170 + 25 * math.sin(2 * math.pi * 0.6 * t)
        wave_ = (
            math.sin(2 * math.pi * pitch * t)
            + 0.45 * math.sin(4 * math.pi * pitch * t)
            + 0.2 * math.sin(6 * math.pi * pitch * t)
        )
        samples.append(int(9000 * syllables * fade * wave_))
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(samples.tobytes())
    return buffer.getvalue()


def _pdf_text(text: str) -> bytes:
    """A PDF literal string in WinAnsi (cp1252) with escapes."""
    raw = text.encode("cp1252")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def withdrawal_form(company: dict[str, str]) -> bytes:
    """The legal withdrawal form (formulaire de rétractation), A4, with fillable text fields."""
    address = f"{company['legal_name']}, {company['address1']}, {company['postcode']} {company['city']}"
    fields = [
        ("commande", "Commande n° :"),
        ("date_commande", "Commandée le :"),
        ("date_reception", "Reçue le :"),
        ("nom", "Nom du consommateur :"),
        ("adresse", "Adresse du consommateur :"),
        ("date", "Date :"),
        ("signature", "Signature :"),
    ]
    ops = [b"BT /F2 20 Tf 50 770 Td " + _pdf_text("Formulaire de rétractation") + b" Tj ET"]
    lines = [
        f"À l'attention de {address}",
        f"Adresse e-mail : {company['email']} — téléphone : {company['phone']}",
        "",
        "Je vous notifie par la présente ma rétractation du contrat portant sur la vente du bien "
        "ci-dessous :",
    ]
    y = 735
    for line in lines:
        ops.append(b"BT /F1 10 Tf 50 %d Td " % y + _pdf_text(line) + b" Tj ET")
        y -= 16
    widgets = []
    y -= 20
    for name, label in fields:
        ops.append(b"BT /F1 11 Tf 50 %d Td " % y + _pdf_text(label) + b" Tj ET")
        ops.append(b"0.5 w 200 %d m 545 %d l S" % (y - 3, y - 3))
        widgets.append((name, (200, y - 4, 545, y + 14)))
        y -= 40
    ops.append(
        b"BT /F1 9 Tf 50 %d Td " % (y - 10)
        + _pdf_text(
            "Formulaire à compléter et à renvoyer uniquement si vous souhaitez vous rétracter du contrat "
            "(articles L221-18 et suivants du Code de la consommation)."
        )
        + b" Tj ET"
    )
    content = b"\n".join(ops)
    first_widget = 7
    widget_refs = b" ".join(b"%d 0 R" % (first_widget + i) for i in range(len(widgets)))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [%s] /NeedAppearances true "
        b"/DA (/Helv 11 Tf 0 g) /DR << /Font << /Helv 4 0 R >> >> >> >>" % widget_refs,
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> "
        b"/Contents 6 0 R /Annots [%s] >>" % widget_refs,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
    ]
    for name, rect in widgets:
        objects.append(
            b"<< /Type /Annot /Subtype /Widget /FT /Tx /T (%s) /Rect [%d %d %d %d] /F 4 /P 3 0 R "
            b"/DA (/Helv 11 Tf 0 g) /MK << /BC [0.6 0.6 0.6] >> >>" % (name.encode(), *rect)
        )
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)
