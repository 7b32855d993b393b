"""nqdesk convert-text: legacy TCVN3/VNI text to Unicode from a file or a string."""

from __future__ import annotations

import subprocess
import sys

import pytest

from desktop_app.cli import main


def run(capsys, *args) -> tuple[int, str, str]:
    try:
        code = main(list(args))
    except SystemExit as exc:  # argparse's usage errors
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def test_converts_a_tcvn3_file_to_stdout(capsys, tmp_path):
    source = tmp_path / "cu.txt"
    source.write_bytes(b"C\xe9ng ho\xb5 x\xb7 h\xe9i ch\xf1 ngh\xdca Vi\xd6t Nam\r\n\xa7\xe9c l\xcbp - T\xf9 do\r\n")
    code, out, err = run(capsys, "convert-text", "--from", "tcvn3", str(source))
    assert code == 0 and err == ""
    assert out.splitlines() == ["Cộng hoà xã hội chủ nghĩa Việt Nam", "Độc lập - Tự do"]


def test_converts_utf8_text_copied_from_an_old_document(capsys, tmp_path):
    source = tmp_path / "copied.txt"
    source.write_text("B\xb6o Th\xbeng", encoding="utf-8")
    code, out, _ = run(capsys, "convert-text", "--from", "tcvn3", str(source))
    assert (code, out) == (0, "Bảo Thắng\n")


def test_upper_case_font(capsys):
    code, out, _ = run(capsys, "convert-text", "--from", "tcvn3", "--upper", "--text", "\xa7\xb6NG C\xe9NG S\xb6N")
    assert (code, out) == (0, "ĐẢNG CỘNG SẢN\n")


def test_converts_vni_text_to_a_file(capsys, tmp_path):
    target = tmp_path / "moi.txt"
    code, out, err = run(capsys, "convert-text", "--from", "vni", "--text", "Ngöôøi ñöùng ñaàu", "-o", str(target))
    assert code == 0 and err == ""
    assert target.read_text(encoding="utf-8") == "Người đứng đầu"
    assert "moi.txt" in out and "Đã chuyển" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--from", "viqr", "--text", "x"), "không có lựa chọn"),
        (("--from", "vni"), "TỆP --text"),
        (("--from", "vni", "a.txt", "--text", "x"), "không dùng cùng"),
        (("--from", "vni", "--upper", "--text", "x"), "--upper chỉ dùng với --from tcvn3"),
        (("--from", "tcvn3", "khong-co-tep.txt"), "không có tệp «khong-co-tep.txt»"),
    ],
)
def test_bad_input_ends_with_a_message_and_exit_code_2(capsys, args, message, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "convert-text", *args)
    assert code == 2
    assert message in err
    assert "Traceback" not in err and out == ""


def test_a_folder_or_a_binary_file_is_refused(capsys, tmp_path):
    code, _, err = run(capsys, "convert-text", "--from", "vni", str(tmp_path))
    assert code == 2 and "thư mục" in err
    binary = tmp_path / "x.docx"
    binary.write_bytes(b"PK\x03\x04\x00\x00")
    code, _, err = run(capsys, "convert-text", "--from", "vni", str(binary))
    assert code == 2 and "không phải tệp văn bản thuần" in err


def test_unwritable_output_is_refused(capsys, tmp_path):
    code, _, err = run(capsys, "convert-text", "--from", "vni", "--text", "x", "-o", str(tmp_path / "no" / "out.txt"))
    assert code == 2 and "không ghi được" in err and "Traceback" not in err


def test_help_is_vietnamese():
    result = subprocess.run([sys.executable, "-m", "desktop_app.cli", "convert-text", "--help"],
                            capture_output=True, text=True, encoding="utf-8", timeout=60)
    assert result.returncode == 0
    assert "bảng mã" in result.stdout and "TCVN3" in result.stdout
