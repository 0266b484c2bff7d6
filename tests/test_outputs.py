"""Output paths and data-folder files a user can get wrong: one clear error, nothing replaced, no hang."""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys

import pandas as pd
import pytest

from helpers import FIXTURES, RAW_2022, synthetic
from kemi_analysis.cli import main
from kemi_analysis.compute.pipeline import discover


def export(out, capsys):
    code = main(["-q", "export", "--year", "2022", "--out", str(out)])
    return code, capsys.readouterr().err


def test_an_output_that_is_a_folder_is_refused(tmp_path, capsys):
    (tmp_path / "m.csv").mkdir()
    code, err = export(tmp_path / "m.csv", capsys)
    assert code == 2 and "is a folder; it is not replaced" in err and "Traceback" not in err
    assert (tmp_path / "m.csv").is_dir()


def test_an_output_that_is_a_symlink_or_a_device_is_never_replaced(tmp_path, capsys):
    real = tmp_path / "real.csv"
    real.write_text("keep\n", encoding="utf-8")
    (tmp_path / "link.csv").symlink_to(real)
    code, err = export(tmp_path / "link.csv", capsys)
    assert code == 2 and "is a symbolic link" in err
    assert real.read_text(encoding="utf-8") == "keep\n" and (tmp_path / "link.csv").is_symlink()
    os.mkfifo(tmp_path / "pipe.csv")  # not a regular file, as a device is not: refused, not replaced
    code, err = main(["-q", "parse", str(RAW_2022), "--out", str(tmp_path / "pipe.csv")]), capsys.readouterr().err
    assert code == 2 and "not a regular file" in err and not (tmp_path / "pipe.csv").is_file()


def test_an_output_folder_that_cannot_be_made_is_a_usage_error(tmp_path, capsys):
    (tmp_path / "file").write_text("x", encoding="utf-8")
    code, err = export(tmp_path / "file" / "m.csv", capsys)
    assert code == 2 and "cannot create the folder" in err and "Traceback" not in err


def test_a_long_output_file_name_is_written(tmp_path, capsys):
    name = "m" * 246 + ".csv"  # 250 characters: the temporary file must not be longer than the name allows
    code, _ = export(tmp_path / name, capsys)
    assert code == 0 and (tmp_path / name).is_file()
    assert [p.name for p in tmp_path.iterdir()] == [name]


def test_a_pipe_in_raw_is_listed_not_read(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "multiyear", data)
    os.mkfifo(data / "raw" / "putki_2034.txt")  # reading it would hang
    folder = discover(data)
    assert folder.annotated == [2031, 2032]
    assert any("not a regular file" in str(p) and "putki_2034.txt" in str(p) for p in folder.problems)


def multiyear_with_actual(tmp_path, value: str):
    """A copy of the fictional multi-year folder whose first 2031 actual_value is ``value``; (folder, file)."""
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "multiyear", data)
    path = data / "annotations" / "2031.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",3,,Vähintään", f",{value},,Vähintään", 1),
                    encoding="utf-8")
    return data, path


@pytest.mark.slow  # five exports through the command line
@pytest.mark.parametrize("value", ["1" * 400, "２５", "٢٥", "1e3", "inf"])
def test_only_ascii_digits_within_range_are_numbers(tmp_path, value, capsys):
    data, path = multiyear_with_actual(tmp_path, value)
    code = main(["-q", "export", "--year", "2031", "--data-dir", str(data), "--out", str(tmp_path / "x.csv")])
    err = capsys.readouterr().err
    assert code == 1 and f"actual_value '{value}' is not a number" in err
    assert not (tmp_path / "x.csv").exists()


def test_a_path_that_is_not_utf8_is_a_usage_error(tmp_path, capsys):
    folder = os.fsdecode(bytes(tmp_path) + b"/\xff")  # a name Linux allows but no notebook or report can hold
    code = main(["-q", "report", "--year", "2022", "--out-dir", folder])
    err = capsys.readouterr().err
    assert code == 2 and "--out-dir holds bytes that are not UTF-8" in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []
    code = main(["-q", "validate", os.fsdecode(bytes(tmp_path) + b"/\xfe.txt")])
    assert code == 2 and "RAW holds bytes that are not UTF-8" in capsys.readouterr().err


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path):
    from kemi_analysis.errors import SourceError
    from kemi_analysis.files import MAX_INPUT_BYTES
    from kemi_analysis.read.decode import read_source

    big = tmp_path / "2031.txt"
    with big.open("wb") as handle:  # sparse: takes no disk space, and is never read
        handle.write(RAW_2022.read_bytes())
        handle.truncate(MAX_INPUT_BYTES + 1)
    with pytest.raises(SourceError, match="files over 256 MiB are not read"):
        read_source(big)


def test_links_to_devices_in_the_data_folder_are_listed_never_read(tmp_path, capsys):
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "multiyear", data)
    (data / "raw" / "nolla_2034.txt").symlink_to("/dev/zero")  # reading it would fill the memory
    (data / "annotations" / "2034.csv").symlink_to("/dev/zero")
    folder = discover(data)
    assert folder.annotated == [2031, 2032]
    assert sorted(p.path.name for p in folder.problems if "not a regular file" in str(p)) == ["2034.csv",
                                                                                              "nolla_2034.txt"]
    code = main(["-q", "check", str(data / "annotations" / "2034.csv"), "--year", "2031", "--data-dir", str(data)])
    assert code == 1 and "is not a regular file" in capsys.readouterr().err


def test_a_device_as_the_output_folder_is_a_usage_error(tmp_path, capsys):
    code = main(["-q", "report", "--year", "2022", "--out-dir", "/dev/full"])
    err = capsys.readouterr().err
    assert code == 2 and "cannot create the folder '/dev/full/2022'" in err and "Traceback" not in err


@pytest.mark.parametrize("errno_", [errno.ENOSPC, errno.EROFS, errno.EACCES])
def test_a_failing_file_system_is_a_usage_error_and_leaves_the_old_file(tmp_path, capsys, monkeypatch, errno_):
    out = tmp_path / "metrics.csv"
    out.write_text("earlier\n", encoding="utf-8")

    def refuse(*args, **kwargs):
        raise OSError(errno_, os.strerror(errno_))

    monkeypatch.setattr(pd.DataFrame, "to_csv", refuse)  # fails as a full or read-only disk fails the write
    code, err = export(out, capsys)
    assert code == 2 and os.strerror(errno_) in err and "Traceback" not in err
    assert out.read_text(encoding="utf-8") == "earlier\n" and [p.name for p in tmp_path.iterdir()] == ["metrics.csv"]


def test_a_failed_reports_notebook_is_kept_only_when_whole(tmp_path):
    from kemi_analysis.report.runner import _keep_failed

    executed, failed = tmp_path / ".run.ipynb", tmp_path / "report_2022.failed.ipynb"
    whole = json.dumps({"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5})
    executed.write_text(whole, encoding="utf-8")
    assert _keep_failed(executed, failed) == (failed, f"open {failed} to see where it failed.")
    assert failed.read_text(encoding="utf-8") == whole
    executed.write_text(whole[:16], encoding="utf-8")  # cut short, as a full disk leaves it
    kept, why = _keep_failed(executed, failed)
    assert kept is None and "cut short" in why
    assert list(tmp_path.iterdir()) == []  # neither the cut file nor the older run's notebook is left


@pytest.fixture
def small_disk(tmp_path):
    """A 1 MiB file system of its own (tmpfs), where the machine lets the tests mount one; else skipped."""
    mount = tmp_path / "disk"
    mount.mkdir()
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)], capture_output=True)
    if made.returncode:
        pytest.skip(f"cannot mount a small file system here: {made.stderr.decode().strip()}")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=True)


@pytest.mark.slow  # renders a report onto a disk that fills up
def test_a_report_on_a_full_disk_says_so_and_leaves_nothing(small_disk, capsys):
    filler = small_disk / "filler"
    with filler.open("wb") as handle:  # leave about 20 KiB: the executed notebook fills the rest mid-write
        handle.write(b"\0" * (1024 * 1024 - 20 * 1024))
    code = main(["-q", "report", "--year", "2022", "--out-dir", str(small_disk)])
    err = capsys.readouterr().err
    assert code == 2 and "No space left on device" in err and "Traceback" not in err, err
    assert sorted(p.name for p in small_disk.rglob("*")) == ["2022", "filler"]  # no temporary, no cut notebook


def test_a_read_only_disk_is_a_usage_error(small_disk, capsys):
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    for argv in (["export", "--year", "2022", "--out", str(small_disk / "m.csv")],
                 ["report", "--year", "2022", "--out-dir", str(small_disk)]):
        code = main(["-q", *argv])
        err = capsys.readouterr().err
        assert code == 2 and "Read-only file system" in err and "Traceback" not in err, err


def test_a_report_whose_notebook_or_pdf_path_is_not_a_file_changes_nothing(tmp_path, capsys, rendered):
    folder = tmp_path / "2022"
    folder.mkdir()
    html = folder / "report_2022.html"
    shutil.copy2(rendered["2022-fi"].html, html)
    before = html.read_bytes()
    (folder / "keep.ipynb").write_text("{}", encoding="utf-8")
    (folder / "report_2022.ipynb").symlink_to("keep.ipynb")
    code = main(["-q", "report", "--year", "2022", "--out-dir", str(tmp_path)])
    err = capsys.readouterr().err
    assert code == 2 and "report_2022.ipynb' is a symbolic link" in err
    (folder / "report_2022.ipynb").unlink()
    (folder / "report_2022.pdf").mkdir()  # checked before the report is rendered, not after
    code = main(["-q", "report", "--year", "2022", "--out-dir", str(tmp_path), "--format", "pdf"])
    err = capsys.readouterr().err
    assert code == 2 and "report_2022.pdf' is a folder" in err
    assert html.read_bytes() == before and (folder / "keep.ipynb").read_text(encoding="utf-8") == "{}"
    assert sorted(p.name for p in folder.iterdir()) == ["keep.ipynb", "report_2022.html", "report_2022.pdf"]


@pytest.mark.parametrize("command", [["export", "--year", "2022", "--out"], ["parse", str(RAW_2022), "--out"]])
def test_a_name_longer_than_the_file_system_allows_is_a_usage_error(tmp_path, capsys, command):
    code = main(["-q", *command, str(tmp_path / ("c" * 300 + ".csv"))])
    err = capsys.readouterr().err
    assert code == 2 and "File name too long" in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def test_a_workbook_on_a_full_disk_leaves_no_noise(small_disk, capsys):
    with (small_disk / "filler").open("wb") as handle:
        handle.write(b"\0" * (1024 * 1024 - 8 * 1024))
    code = main(["-q", "export", "--year", "2022", "--out", str(small_disk / "m.xlsx")])
    err = capsys.readouterr().err
    assert code == 2 and "No space left on device" in err and "Exception ignored" not in err
    assert sorted(p.name for p in small_disk.iterdir()) == ["filler"]


def test_an_annotation_file_without_rows_names_the_line(tmp_path, capsys):
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "multiyear", data)
    path = data / "annotations" / "2031.csv"
    path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n\n", encoding="utf-8")
    code = main(["-q", "check", str(path), "--data-dir", str(data)])
    err = capsys.readouterr().err
    assert code == 1 and "line 2: the annotation file has a header but no rows" in err and "Traceback" not in err


@pytest.mark.parametrize("value", ["-", "+", "\u2212"])
def test_a_sign_alone_is_not_a_number(tmp_path, value, capsys):
    data, path = multiyear_with_actual(tmp_path, value)
    assert main(["-q", "check", str(path), "--data-dir", str(data)]) == 1
    assert f"actual_value '{value}' is not a number" in capsys.readouterr().err


def test_a_raw_file_name_that_is_not_utf8_is_listed_not_read(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "multiyear", data)
    os.rename(data / "raw" / os.listdir(data / "raw")[0], os.fsdecode(bytes(data / "raw") + b"/x\xfe_2034.txt"))
    folder = discover(data)
    assert any("not UTF-8" in str(p) for p in folder.problems)
    assert all(isinstance(str(p).encode("utf-8"), bytes) for p in folder.problems)  # printable as a message


@pytest.mark.parametrize(("argv", "message"), [
    (["export", "--year", "２０２２", "--out", "x.csv"], "is not a year"),
    (["match", "--year", "2032", "--threshold", "nan"], "is not a score from 0 to 100"),
    (["match", "--year", "2032", "--threshold", "101"], "is not a score from 0 to 100"),
])
def test_arguments_of_the_wrong_form_are_usage_errors(argv, message, capsys):
    with pytest.raises(SystemExit) as caught:
        main(argv)
    assert caught.value.code == 2 and message in capsys.readouterr().err


def test_draft_onto_a_folder_is_a_usage_error(tmp_path, capsys):
    (tmp_path / "d.draft.csv").mkdir()
    code = main(["-q", "draft", str(FIXTURES / "multiyear" / "raw" / os.listdir(FIXTURES / "multiyear" / "raw")[0]),
                 "--out", str(tmp_path / "d.draft.csv")])
    assert code == 2 and "is a folder; it is not replaced" in capsys.readouterr().err


def test_a_header_of_nonsense_gives_a_short_readable_message(tmp_path, capsys):
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "multiyear", data)
    path = data / "annotations" / "2031.csv"
    path.write_text(",".join(f"c{i}" for i in range(100_000)) + "\n\0\0\0\n", encoding="utf-8")
    assert main(["-q", "check", str(path), "--data-dir", str(data)]) == 1
    err = capsys.readouterr().err
    assert len(err) < 2000 and "and 99,990 more" in err
    path.write_bytes(b"\0" * 1000)
    assert main(["-q", "check", str(path), "--data-dir", str(data)]) == 1
    err = capsys.readouterr().err
    assert "\0" not in err and "\\x00" in err and len(err) < 2000


@pytest.mark.slow  # two runs of the console script
def test_standard_output_that_fails_or_closes_early(tmp_path):
    script = [sys.executable, "-c", "from kemi_analysis.cli import run; run()"]
    with open("/dev/full", "w") as full:
        done = subprocess.run([*script, "validate", str(RAW_2022)], stdout=full, stderr=subprocess.PIPE, text=True)
    assert done.returncode == 2 and done.stderr.strip().splitlines() == [
        "kemi-analysis: error: cannot write to standard output: No space left on device."]
    folder = synthetic().write_dataset(tmp_path / "big", 8000, years=1, aims=2000, first_year=2061)
    raw = next((folder / "raw").glob("*.txt"))  # its summary (2,000 lines) is more than a pipe holds
    reader = subprocess.Popen([*script, "validate", str(raw)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    reader.stdout.readline()
    reader.stdout.close()  # the reader leaves, as 'head -1' does
    assert reader.wait(timeout=60) == 0 and b"Traceback" not in reader.stderr.read()
