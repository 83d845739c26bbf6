"""Justering as PAdES signatures (paragraf/secretariat/signing): the chair and two adjusters sign the
minutes PDF one after another, each an incremental update, validated by pyHanko's validator.

The minutes are a real PDF (reportlab, tests/pdfs.py) with uncompressed content streams, so a test can
change one character of a decision. The development CA is made through the CLI (`paragraf ca init`).
"""
from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
import sys

import pikepdf
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw
import pytest
from click.testing import CliRunner
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign.fields import SigFieldSpec, append_signature_field

from paragraf.cli import main
from paragraf.secretariat.signing import (
    ExternalService, LocalCA, Pkcs12Signer, SigningError, finish, signer_from_setting, validate,
)
from paragraf.secretariat.signing.placement import winansi
from tests.conftest import ROOT
from tests.pdfs import paginate, render_pdf

CHAIR, FIRST, SECOND = "Anna Åberg", "Bo Ek", "Cecilia Öst"
FIELDS = ("Ordförande", "Justerare 1", "Justerare 2")
REASON = "Justering av protokoll, Kommunstyrelsen 2024-05-14"
DECISION = "Kommunstyrelsen beslutar att anta budgeten"


def boxes(index: int) -> tuple[int, float, float, float, float]:
    """The box of the index-th signer on the last page (below the text of the sign-off page)."""
    x = 56 + index * 170
    return (-1, x, 60, x + 160, 120)


@pytest.fixture(scope="module")
def minutes(tmp_path_factory) -> bytes:
    """A three-page minutes PDF, content streams uncompressed (a decision can be changed in place)."""
    folder = tmp_path_factory.mktemp("minutes")
    lines = ["PROTOKOLL Kommunstyrelsen 2024-05-14", ""]
    for number in range(1, 41):
        lines += [f"§ {number} Ärende {number}", DECISION if number == 12 else f"Beslut i ärende {number}.", ""]
    lines += ["Justerandes signaturer", "Ordförande            Justerare            Justerare"]
    render_pdf(paginate(lines, per_page=50), folder / "minutes.pdf")
    buffer = io.BytesIO()
    with pikepdf.open(folder / "minutes.pdf") as pdf:
        pdf.save(buffer, compress_streams=False, stream_decode_level=pikepdf.StreamDecodeLevel.generalized,
                 object_stream_mode=pikepdf.ObjectStreamMode.disable)
    data = buffer.getvalue()
    assert data.count(DECISION.encode()) == 1
    return data


def make_ca(directory) -> LocalCA:
    result = CliRunner().invoke(main, ["ca", "init", str(directory)])
    assert result.exit_code == 0, result.output
    return LocalCA(directory)


@pytest.fixture(scope="module")
def ca(tmp_path_factory) -> LocalCA:
    return make_ca(tmp_path_factory.mktemp("ca") / "ca")


@pytest.fixture(scope="module")
def signed(minutes, ca) -> list[bytes]:
    """The minutes after each of the three signatures (chair, adjuster 1, adjuster 2), visible boxes."""
    versions, pdf = [], minutes
    for index, name in enumerate((CHAIR, FIRST, SECOND)):
        pdf = ca.sign(pdf, signer_name=name, field=FIELDS[index], reason=REASON, location="Ekby", box=boxes(index))
        versions.append(pdf)
    return versions


def test_ca_init_and_issue_through_the_cli(tmp_path):
    runner = CliRunner()
    directory = tmp_path / "ca"
    init = runner.invoke(main, ["ca", "init", str(directory)])
    assert init.exit_code == 0, init.output
    assert (directory / "ca.pem").read_bytes().startswith(b"-----BEGIN CERTIFICATE-----")
    assert (directory / "ca-key.pem").stat().st_mode & 0o077 == 0
    again = runner.invoke(main, ["ca", "init", str(directory)])
    assert again.exit_code == 1 and "already holds a CA" in again.output

    issue = runner.invoke(main, ["ca", "issue", str(directory), CHAIR, "--pkcs12", str(tmp_path / "a.p12"),
                                 "--passphrase", "hemligt"])
    assert issue.exit_code == 0, issue.output
    person = LocalCA(directory).person_path(CHAIR)
    assert str(person) in issue.output and person.name.startswith("anna-aberg-")
    assert person.stat().st_mode & 0o077 == 0
    certificate = LocalCA(directory).identity(CHAIR)[1]
    assert certificate.subject.rfc4514_string() == f"CN={CHAIR}"
    issued_again = runner.invoke(main, ["ca", "issue", str(directory), CHAIR])
    assert issued_again.exit_code == 0 and LocalCA(directory).identity(CHAIR)[1] == certificate  # kept, not issued anew
    assert Pkcs12Signer(tmp_path / "a.p12", "hemligt").cms_signer.signing_cert.subject.native["common_name"] == CHAIR
    missing = runner.invoke(main, ["ca", "issue", str(tmp_path), CHAIR])
    assert missing.exit_code == 1 and "paragraf ca init" in missing.output


def test_chair_and_two_adjusters_sign_one_after_another(minutes, ca, signed):
    for before, after in zip([minutes] + signed, signed):
        assert after.startswith(before)  # each signature is an incremental update: earlier bytes kept
    statuses = validate(signed[-1], [ca.root_pem])
    assert [(s.field, s.signer, s.name, s.reason) for s in statuses] == [
        (field, name, name, REASON) for field, name in zip(FIELDS, (CHAIR, FIRST, SECOND))]
    assert all(s.intact and s.valid and s.trusted and s.ok and not s.error for s in statuses), [s.summary for s in statuses]
    assert [(s.coverage, s.revision) for s in statuses] == [("revision", 1), ("revision", 2), ("document", 3)]
    assert [s.later_changes for s in statuses] == ["signatures and form fields"] * 2 + ["none"]
    now = dt.datetime.now(dt.timezone.utc)
    assert all(now - dt.timedelta(minutes=10) < s.signing_time <= now for s in statuses)
    assert statuses[0].summary.startswith(f"Ordförande: {CHAIR}: intact, valid, trusted; signed ")
    assert statuses[2].summary.endswith("covers the whole document")
    assert [s.covers_document for s in validate(signed[0], [ca.root_pem])] == [True]


def test_a_changed_byte_in_the_signed_content_is_not_intact(ca, signed):
    pdf = signed[-1]
    changed = pdf.replace(DECISION.encode(), DECISION.replace("anta", "avslå").encode()[:len(DECISION)])
    assert len(changed) == len(pdf) and changed != pdf
    statuses = validate(changed, [ca.root_pem])
    assert len(statuses) == 3
    assert not any(s.intact or s.valid or s.ok for s in statuses), [s.summary for s in statuses]
    assert "NOT intact" in statuses[0].summary
    # a byte of the last update (the third signature's reason), outside what the first two signed
    start = pdf.rindex(b"/Reason (J") + len(b"/Reason (")
    assert start > len(signed[1])
    last_changed = pdf[:start] + b"j" + pdf[start + 1:]
    assert [s.intact for s in validate(last_changed, [ca.root_pem])] == [True, True, False]
    # the first signature's CMS object broken: that one cannot be validated, the others are not intact
    start = pdf.index(b"/Contents <") + len(b"/Contents <")
    broken = validate(pdf[:start] + b"0" * 64 + pdf[start + 64:], [ca.root_pem])
    assert [(s.field, s.revision, bool(s.error), s.intact) for s in broken] == [
        (FIELDS[0], -1, True, False), (FIELDS[1], 2, False, False), (FIELDS[2], 3, False, False)]
    assert broken[0].summary.startswith(f"Ordförande: {CHAIR}: cannot be validated: ")


def test_content_added_after_the_signatures_is_reported(ca, signed):
    """An incremental update that draws on a signed page keeps every signature intact, but the
    validator names the change and none of them is ok."""
    writer = IncrementalPdfFileWriter(io.BytesIO(signed[-1]))
    page = writer.root["/Pages"]["/Kids"][0]
    overlay = writer.add_object(generic.StreamObject(stream_data=b"BT /F1 24 Tf 100 400 Td (AVSLAGET) Tj ET"))
    page["/Contents"] = generic.ArrayObject([page.raw_get("/Contents"), overlay])
    writer.update_container(page)
    buffer = io.BytesIO()
    writer.write(buffer)
    statuses = validate(buffer.getvalue(), [ca.root_pem])
    assert [(s.intact, s.trusted, s.later_changes, s.ok) for s in statuses] == [(True, True, "other changes", False)] * 3
    assert statuses[2].summary.endswith("covers revision 3, later: other changes; NOT OK")


def test_a_signature_of_another_ca_is_not_trusted(tmp_path, minutes, ca):
    other = make_ca(tmp_path / "other")
    pdf = other.sign(minutes, signer_name=CHAIR, field=FIELDS[0], reason=REASON)
    [status] = validate(pdf, [ca.root_pem])
    assert status.intact and status.valid and not status.trusted and not status.ok
    assert "NOT trusted" in status.summary
    [both] = validate(pdf, [ca.root_pem, (tmp_path / "other" / "ca.pem").read_bytes()])
    assert both.trusted and both.ok
    assert validate(pdf, [])[0].trusted is False


def test_pkcs12_signer_signs_on_behalf_of_each_person(tmp_path, minutes, ca):
    p12 = tmp_path / "org.p12"
    p12.write_bytes(ca.pkcs12("Ekby kommun", "hemligt"))
    organisation = Pkcs12Signer(p12, "hemligt")
    pdf = organisation.sign(minutes, signer_name=CHAIR, field=FIELDS[0], reason=REASON, box=boxes(0))
    pdf = organisation.sign(pdf, signer_name=FIRST, field=FIELDS[1], reason=REASON)
    statuses = validate(pdf, [ca.root_pem])
    assert [(s.signer, s.name, s.reason) for s in statuses] == [
        ("Ekby kommun", CHAIR, f"{REASON} ({CHAIR})"), ("Ekby kommun", FIRST, f"{REASON} ({FIRST})")]
    assert all(s.ok for s in statuses)
    assert "Anna Åberg (certificate: Ekby kommun)" in statuses[0].summary
    assert "Ekby kommun" in flattened_text(pdf)  # the box names the certificate too
    with pytest.raises(SigningError, match="passphrase"):
        Pkcs12Signer(p12, "fel")
    with pytest.raises(SigningError, match="cannot read"):
        Pkcs12Signer(tmp_path / "none.p12")


def test_signer_from_setting(tmp_path, ca):
    (tmp_path / "org.p12").write_bytes(ca.pkcs12("Ekby kommun"))
    assert isinstance(signer_from_setting(f"local:{ca.directory}"), LocalCA)
    assert isinstance(signer_from_setting(f"pkcs12:{tmp_path / 'org.p12'}"), Pkcs12Signer)
    for bad in ("", "local:", "pkcs11:/x", str(ca.directory)):
        with pytest.raises(SigningError, match="not local:DIR or pkcs12:FILE"):
            signer_from_setting(bad)
    with pytest.raises(SigningError, match="paragraf ca init"):
        signer_from_setting(f"local:{tmp_path}")


def test_external_service_signs_in_two_steps(minutes, ca, signed):
    # the LocalCA's keys as the "remote" side: it signs a SHA-256 digest, returns the chain
    sign_digest, certificate_for = ca.sign_digest, ca.certificate_for
    service = ExternalService(sign_digest, certificate_for)
    pdf = service.sign(signed[0], signer_name=FIRST, field=FIELDS[1], reason=REASON, box=boxes(1))
    # the same split in two, as a web flow would (the person signs between the steps)
    pending = service.prepare(pdf, signer_name=SECOND, field=FIELDS[2], reason=REASON)
    assert pending.pdf.startswith(pdf) and len(pending.digest) == 32
    pdf = finish(pending, *sign_digest(pending.digest, SECOND))
    statuses = validate(pdf, [ca.root_pem])
    assert [(s.signer, s.ok, s.coverage) for s in statuses] == [
        (CHAIR, True, "revision"), (FIRST, True, "revision"), (SECOND, True, "document")]

    with pytest.raises(SigningError, match="does not verify"):
        finish(pending, sign_digest(b"\0" * 32, SECOND)[0], [certificate_for(SECOND)])
    with pytest.raises(SigningError, match="another certificate"):
        finish(pending, *sign_digest(pending.digest, FIRST))


def flattened_text(pdf: bytes, page_index: int = -1) -> str:
    """The text of a page with its annotations (the signature boxes) flattened into it by PDFium."""
    document = pdfium.PdfDocument(pdf)
    index = page_index % len(document)
    page = document[index]
    flattened = pdfium_raw.FPDFPage_Flatten(page.raw, pdfium_raw.FLAT_NORMALDISPLAY)
    assert flattened in (pdfium_raw.FLATTEN_SUCCESS, pdfium_raw.FLATTEN_NOTHINGTODO)
    page.close()  # PDFium shows the flattened content to a page loaded anew
    page = document[index]
    text = page.get_textpage().get_text_range()
    page.close()
    document.close()
    return text


def dark_pixels(pdf: bytes, box) -> int:
    """How many pixels in the box's area of its page PDFium draws dark (forms and annotations drawn)."""
    document = pdfium.PdfDocument(pdf)
    document.init_forms()
    page = document[box[0] % len(document)]
    image = page.render(scale=1, may_draw_forms=True).to_pil().convert("L")
    height = image.height
    area = image.crop((int(box[1]), int(height - box[4]), int(box[3]), int(height - box[2])))
    return sum(area.histogram()[:128])


def test_visible_signature_boxes_render_with_the_names(minutes, signed):
    assert all(dark_pixels(minutes, boxes(i)) == 0 for i in range(3))  # the sign-off page is white there
    assert all(dark_pixels(signed[-1], boxes(i)) > 100 for i in range(3))
    text = flattened_text(signed[-1])
    assert all(name in text for name in (CHAIR, FIRST, SECOND)) and "Ekby" in text and REASON in text
    assert CHAIR not in flattened_text(signed[-1], 0)


def test_an_empty_field_is_signed_by_its_name(minutes, ca):
    writer = IncrementalPdfFileWriter(io.BytesIO(minutes))
    append_signature_field(writer, SigFieldSpec(FIELDS[0], on_page=-1, box=boxes(0)[1:]))
    buffer = io.BytesIO()
    writer.write(buffer)
    pdf = ca.sign(buffer.getvalue(), signer_name=CHAIR, field=FIELDS[0], reason=REASON)
    [status] = validate(pdf, [ca.root_pem])
    assert (status.field, status.signer, status.ok) == (FIELDS[0], CHAIR, True)
    assert dark_pixels(pdf, boxes(0)) > 100


def test_refusals(minutes, ca, signed):
    with pytest.raises(SigningError, match="Ordförande"):
        ca.sign(signed[0], signer_name=FIRST, field=FIELDS[0], reason=REASON)  # already signed
    with pytest.raises(SigningError, match="not a signature field name"):
        ca.sign(minutes, signer_name=CHAIR, field="Justerare.1", reason=REASON)
    with pytest.raises(SigningError, match="name is empty"):
        ca.sign(minutes, signer_name=" ", field=FIELDS[0], reason=REASON)
    with pytest.raises(SigningError, match="not a box"):
        ca.sign(minutes, signer_name=CHAIR, field=FIELDS[0], reason=REASON, box=(0, 100, 100, 50, 150))
    with pytest.raises(SigningError):
        ca.sign(b"not a pdf", signer_name=CHAIR, field=FIELDS[0], reason=REASON)
    assert validate(minutes, [ca.root_pem]) == []
    with pytest.raises(ValueError, match="not a readable PDF"):
        validate(b"not a pdf", [ca.root_pem])


def test_names_the_standard_font_cannot_show_are_folded(minutes, ca):
    assert winansi("Zoë Łukasz Ženja Nguyễn 100%") == "Zoë Lukasz Ženja Nguyen 100%"
    pdf = ca.sign(minutes, signer_name="Nguyễn 100%", field=FIELDS[0], reason=REASON, box=boxes(0))
    assert "Nguyen 100%" in flattened_text(pdf)
    assert validate(pdf, [ca.root_pem])[0].signer == "Nguyễn 100%"  # the certificate keeps the name as written


@pytest.mark.skipif(shutil.which("pdfsig") is None, reason="poppler's pdfsig is not installed")
def test_poppler_reads_the_three_signatures(tmp_path, signed):
    """Another reader's verdict: poppler (Evince, Okular) finds three valid signatures (it is not given
    the development root, so it reports their issuer as not trusted)."""
    (tmp_path / "signed.pdf").write_bytes(signed[-1])
    out = subprocess.run(["pdfsig", str(tmp_path / "signed.pdf")], capture_output=True, text=True, check=True).stdout
    assert out.count("Signature is Valid.") == 3, out
    assert all(f"Common Name: {name}" in out for name in (CHAIR, FIRST, SECOND)), out


def test_the_signing_package_is_pure_python():
    """paragraf.secretariat.signing imports neither Django nor another part of the project."""
    code = ("import sys, paragraf.secretariat.signing\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'"
            " or (m.startswith('paragraf.') and not m.startswith('paragraf.secretariat'))))")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "[]", run.stdout
    for path in (ROOT / "paragraf" / "secretariat" / "signing").glob("*.py"):
        assert not re.search(r"^\s*(from|import)\s+(django|paragraf)\b", path.read_text(), re.M), path
