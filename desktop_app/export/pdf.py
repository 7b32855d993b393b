"""PDF through LibreOffice, when it is installed: finding it, converting, reading back.

LibreOffice runs headless with a private, throw-away user profile, so it neither clashes
with an office suite the user has open nor leaves state behind.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import signal
import sys
import tempfile
import threading
from pathlib import Path

from ..errors import Cancelled, NqdeskError
from ..i18n import _

WINDOWS_CANDIDATES = (
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
)


class ConversionError(NqdeskError):
    pass


def find_soffice() -> str | None:
    """The LibreOffice program, or None when it is not installed."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    if sys.platform == "win32":
        for candidate in WINDOWS_CANDIDATES:
            if Path(candidate).exists():
                return candidate
    return None


def unavailable_reason() -> str | None:
    """Why PDF export cannot be offered (None when it can)."""
    if find_soffice() is None:
        return _("Chưa cài LibreOffice nên không xuất được PDF. Hãy cài LibreOffice (miễn phí) rồi mở lại "
                 "chương trình; vẫn xuất Word được bình thường.")
    return None


def convert_to_pdf(document: str | os.PathLike, out_dir: str | os.PathLike | None = None,
                   timeout: float = 180, cancel: threading.Event | None = None) -> Path:
    """Convert a .docx with LibreOffice; returns the PDF path (next to it by default).
    Setting *cancel* (from another thread) stops LibreOffice and raises :class:`Cancelled`;
    no partial PDF is left behind."""
    soffice = find_soffice()
    if soffice is None:
        raise ConversionError(unavailable_reason())
    source = Path(document).resolve()
    target_dir = Path(out_dir).resolve() if out_dir else source.parent
    target_dir.mkdir(parents=True, exist_ok=True)
    pdf = target_dir / (source.stem + ".pdf")
    with tempfile.TemporaryDirectory(prefix="nqdesk-lo-") as profile:
        command = [soffice, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--norestore",
                   "--nolockcheck", "--convert-to", "pdf", "--outdir", str(target_dir), str(source)]
        returncode, output = _run_cancellable(command, timeout, cancel)
        if returncode is None:
            pdf.unlink(missing_ok=True)
            if cancel is not None and cancel.is_set():
                raise Cancelled(_("Đã hủy việc tạo PDF."))
            raise ConversionError(_("LibreOffice không chuyển xong «{file}» sau {seconds} giây.").format(
                file=source.name, seconds=int(timeout)))
    if returncode != 0 or not pdf.exists():
        detail = output.strip().splitlines()[-1:] or [""]
        raise ConversionError((_("LibreOffice không chuyển được «{file}» sang PDF.").format(file=source.name)
                               + " " + detail[0]).strip())
    return pdf


def _run_cancellable(command: list[str], timeout: float, cancel: threading.Event | None) -> tuple[int | None, str]:
    """Run *command*, polling *cancel*; returns (exit code, output), or (None, "") when it was
    stopped (cancelled or out of time). LibreOffice starts helper processes (oosplash,
    soffice.bin), so the whole process group (job on Windows) is stopped, not only the first."""
    posix = os.name == "posix"
    process = subprocess.Popen(  # noqa: S603
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        start_new_session=posix,
        creationflags=getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0) if not posix else 0)
    waited = 0.0
    step = 0.05
    while True:
        try:
            output, _unused = process.communicate(timeout=step)
            return process.returncode, output or ""
        except subprocess.TimeoutExpired:
            waited += step
        if waited >= timeout or (cancel is not None and cancel.is_set()):
            _stop(process, posix)
            return None, ""


def _stop(process: subprocess.Popen, posix: bool) -> None:
    try:
        if posix:
            os.killpg(process.pid, signal.SIGKILL)
        else:
            subprocess.run(["taskkill", "/F", "/T", "/PID", str(process.pid)],  # noqa: S603, S607
                           capture_output=True, check=False)
            process.kill()
    except (ProcessLookupError, PermissionError, OSError):
        pass
    process.communicate()


def convert_many(documents: list[str | os.PathLike], out_dir: str | os.PathLike, timeout: float = 600) -> list[Path]:
    """Convert several documents in one LibreOffice run (start-up dominates the cost)."""
    soffice = find_soffice()
    if soffice is None:
        raise ConversionError(unavailable_reason())
    target_dir = Path(out_dir).resolve()
    target_dir.mkdir(parents=True, exist_ok=True)
    sources = [Path(d).resolve() for d in documents]
    with tempfile.TemporaryDirectory(prefix="nqdesk-lo-") as profile:
        subprocess.run([soffice, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--norestore",
                        "--nolockcheck", "--convert-to", "pdf", "--outdir", str(target_dir), *map(str, sources)],
                       capture_output=True, text=True, timeout=timeout, check=False)
    return [target_dir / (s.stem + ".pdf") for s in sources]


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise ConversionError(_("Thiếu công cụ {tool} (gói poppler-utils).").format(tool=name))
    return found


def pdf_text(pdf: str | os.PathLike, layout: bool = False) -> str:
    """The text of a PDF (pdftotext), pages separated by form feeds. Without *layout* the
    text comes in reading order, so a table cell's lines stay together."""
    args = [_tool("pdftotext"), *(["-layout"] if layout else []), str(pdf), "-"]
    out = subprocess.run(args, capture_output=True, text=True, timeout=60, check=True)
    return out.stdout


def pdf_pages(pdf: str | os.PathLike) -> int:
    out = subprocess.run([_tool("pdfinfo"), str(pdf)], capture_output=True, text=True, timeout=60, check=True)
    for line in out.stdout.splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    raise ConversionError(_("Không đọc được số trang của tệp PDF."))


def pdf_page_png(pdf: str | os.PathLike, page: int, out_prefix: str | os.PathLike, dpi: int = 70) -> Path:
    """Render one page to PNG (pdftoppm) for a person to look at."""
    prefix = Path(out_prefix)
    subprocess.run([_tool("pdftoppm"), "-png", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile",
                    str(pdf), str(prefix)], check=True, timeout=60)
    return prefix.with_suffix(".png")
