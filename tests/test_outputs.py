"""Output paths and data-folder files a user can get wrong: one clear error, nothing replaced, no hang."""

from __future__ import annotations

import os
import shutil

import pytest

from helpers import FIXTURES, RAW_2022
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


@pytest.mark.slow  # five exports through the command line
@pytest.mark.parametrize("value", ["1" * 400, "２５", "٢٥", "1e3", "inf"])
def test_only_ascii_digits_within_range_are_numbers(tmp_path, value, capsys):
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "multiyear", data)
    path = data / "annotations" / "2031.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",3,,Vähintään", f",{value},,Vähintään", 1),
                    encoding="utf-8")
    code = main(["-q", "export", "--year", "2031", "--data-dir", str(data), "--out", str(tmp_path / "x.csv")])
    err = capsys.readouterr().err
    assert code == 1 and f"actual_value '{value}' is not a number" in err
    assert not (tmp_path / "x.csv").exists()
