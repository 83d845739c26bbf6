"""`paragraf bench sign`: signing the minutes (justering, PAdES), side by side with two baselines.

The minutes: 50 A4 pages of a corpus packet's lines (reportlab, 50 lines a page, as `bench parse`
renders its PDF), made in a temporary directory with a development CA (`LocalCA`) whose three
signers' certificates are issued before timing. In one run and interleaved, so all see the same machine:

- baseline "save": the PDF opened and saved to bytes with pikepdf (the least a tool that writes
  the PDF does);
- baseline "digest + ECDSA": the SHA-256 of the whole PDF signed with an EC P-256 key (the
  cryptography alone);
- one signature: `LocalCA.sign` by the chair, a visible box on the last page (limit: ≤ 1 s);
- three signatures in a row: chair, adjuster 1, adjuster 2, each on the PDF the one before returned;
- the same one signature through `Pkcs12Signer` (an organisation certificate) and through
  `ExternalService` (two steps; the "remote" side signs with the CA's key in-process);
- `validate` of the three signatures.

Reported: best wall time of N runs of each, the first use of a signer name (a key and a certificate
issued and written), the peak of Python allocations during three signatures (tracemalloc), and the
peak resident set size of a fresh process that loads the PDF and the CA, then signs three times
(its peak once loaded, and during the signatures alone: VmHWM reset in between, as `bench packet`).

Run: `paragraf bench sign` (or `make bench`, or `python -m benchmarks.bench_sign`).
"""
from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.bench_packet import _peak_rss
from benchmarks.bench_parse import CORPUS, LINES_PER_PDF_PAGE, ROOT, _ms, _size, _table, best_of, peak_memory

PAGES = 50
TIME_LIMIT = 1.0  # seconds for one signature
SIGNERS = (("Ordförande", "Anna Åberg"), ("Justerare 1", "Bo Ek"), ("Justerare 2", "Cecilia Öst"))
REASON = "Justering av protokoll"


def minutes_pdf(folder: Path) -> bytes:
    """A minutes-like PDF of `PAGES` pages of a corpus packet's lines."""
    from tests.pdfs import paginate, render_pdf

    lines = (CORPUS / "000_9183b8d70dd3de41.txt").read_text(encoding="utf-8").split("\n")
    pages = paginate([line for line in lines if line.strip()][:PAGES * LINES_PER_PDF_PAGE], LINES_PER_PDF_PAGE)
    return render_pdf(pages, folder / "minutes.pdf").read_bytes()


def box(index: int) -> tuple[int, float, float, float, float]:
    """The index-th signer's box at the foot of the last page."""
    x = 56 + index * 170
    return (-1, x, 20, x + 160, 50)


def sign_all(signer, pdf: bytes, count: int = len(SIGNERS)) -> bytes:
    """`pdf` signed by the first `count` signers one after another."""
    for index, (field, name) in enumerate(SIGNERS[:count]):
        pdf = signer.sign(pdf, signer_name=name, field=field, reason=REASON, location="Ekby", box=box(index))
    return pdf


def save_with_pikepdf(pdf: bytes) -> bytes:
    import pikepdf

    buffer = io.BytesIO()
    with pikepdf.open(io.BytesIO(pdf)) as document:
        document.save(buffer)
    return buffer.getvalue()


def digest_and_sign(key, pdf: bytes) -> bytes:
    """The baseline: the SHA-256 of the PDF signed with an EC P-256 key."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec

    return key.sign(pdf, ec.ECDSA(hashes.SHA256()))


def max_rss(folder: Path) -> tuple[int, int]:
    """Peak RSS (bytes) of a fresh process once it has loaded the PDF and the CA, and during three signatures."""
    code = (f"import sys; sys.path.insert(0, {str(ROOT)!r}); from benchmarks.bench_sign import _rss_child; "
            f"_rss_child({str(folder)!r})")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    loaded, signed = json.loads(out.stdout.strip().splitlines()[-1])
    return loaded, signed


def _rss_child(folder: str) -> None:
    from paragraf.secretariat.signing import LocalCA

    pdf = (Path(folder) / "minutes.pdf").read_bytes()
    ca = LocalCA(Path(folder) / "ca")
    for _, name in SIGNERS:
        ca.identity(name)
    loaded = _peak_rss(reset=True)
    sign_all(ca, pdf)
    print(json.dumps([loaded, _peak_rss()]))


def main(repeat: int = 5, echo=print) -> bool:
    """Run the benchmark and print its table; True when one signature is within the limit."""
    from paragraf.secretariat.signing import ExternalService, Pkcs12Signer, init_ca, validate
    from paragraf.secretariat.signing.certificates import new_key

    with tempfile.TemporaryDirectory(prefix="bench-sign-") as temporary:
        folder = Path(temporary)
        pdf = minutes_pdf(folder)
        ca = init_ca(folder / "ca")
        start = time.perf_counter()
        ca.identity("Ny Person")
        first_use = time.perf_counter() - start
        for _, name in SIGNERS:
            ca.identity(name)
        (folder / "org.p12").write_bytes(ca.pkcs12("Ekby kommun", "bench"))
        organisation = Pkcs12Signer(folder / "org.p12", "bench")
        external = ExternalService(ca.sign_digest, ca.certificate_for)
        key = new_key()
        from paragraf.secretariat.typeset.packet import pdf_page_count

        echo(f"paragraf bench sign: minutes of {pdf_page_count(pdf)} pages ({_size(len(pdf))}), best of {repeat} runs")
        echo(f"python {sys.version.split()[0]}, {os.cpu_count()} CPU(s)")
        signed_three = sign_all(ca, pdf)
        statuses = validate(signed_three, [ca.root_pem])
        assert len(statuses) == 3 and all(s.ok for s in statuses), [s.summary for s in statuses]
        runs = {
            "baseline: pikepdf open + save": lambda: save_with_pikepdf(pdf),
            "baseline: SHA-256 of the PDF + ECDSA P-256": lambda: digest_and_sign(key, pdf),
            "one signature (LocalCA, visible box)": lambda: sign_all(ca, pdf, 1),
            "three signatures in a row (LocalCA)": lambda: sign_all(ca, pdf),
            "one signature (Pkcs12Signer)": lambda: sign_all(organisation, pdf, 1),
            "one signature (ExternalService, two steps)": lambda: sign_all(external, pdf, 1),
            "validate the three signatures": lambda: validate(signed_three, [ca.root_pem]),
        }
        times = dict(zip(runs, best_of(repeat, *runs.values())))
        peak_three = peak_memory(lambda: sign_all(ca, pdf))
        (folder / "minutes.pdf").write_bytes(pdf)
        loaded, signing = max_rss(folder)
    rows = [("", "time")] + [(label, _ms(seconds)) for label, seconds in times.items()]
    echo(_table(rows))
    echo(f"first use of a signer name (key and certificate issued, written): {_ms(first_use)}")
    echo(f"output: {_size(len(signed_three))} after three signatures (+{_size(len(signed_three) - len(pdf))})")
    echo(f"peak Python allocations during three signatures (tracemalloc): {_size(peak_three)}")
    echo(f"peak RSS of a fresh process: loaded {_size(loaded)}, during three signatures {_size(signing)}")
    one = times["one signature (LocalCA, visible box)"]
    echo(f"one signature / pikepdf save: {one / times['baseline: pikepdf open + save']:.1f}x; one signature in "
         f"{one:.3f} s {'ok' if one <= TIME_LIMIT else 'OVER'} (limit <= {TIME_LIMIT:g} s)")
    return one <= TIME_LIMIT


if __name__ == "__main__":
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    sys.exit(0 if main() else 1)
