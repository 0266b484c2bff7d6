"""Synthetic data in the project's own file formats, for the compute benchmark.

FICTIONAL: generated numbers for the years 2101-2110, never real Kemi data and
never written under data/. Each year has three aims; each goal row states two
metrics (one higher-is-better, one lower-is-better) in its metric and
realisation cells, as the real report often does; each metric gets one
annotation row that quotes its cell.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

HEADER = "Tavoite\tToimenpiteet\tVastuu ja aikataulu\tMittarit, arviointi\tToteuma 1-12/{year}\tSDG"
AIMS = ("KUVITELTU KAUPUNKI", "KUVITELTU ARKI", "KUVITELTU YHTEISÖ")
ROLES = ("Toimialajohtaja, tulosaluepäälliköt", "Hyvinvointijohtaja 2031-", "Vapaa-aikapäällikkö ja lähihenkilöt",
         "Hyte-koordinaattori Nuorisosihteeri")
COLUMNS = ("metric_id,aim,source_line,metric,target_value,target_unit,comparator,deadline,actual_value,status,"
           "evidence_target,evidence_actual,note").split(",")
FIRST_YEAR = 2101


def write_dataset(folder: Path, metric_years: int, *, years: int = 10, aims: int = len(AIMS), first_year: int = FIRST_YEAR,
                  seed: int = 1) -> Path:
    """Write ``years`` raw reports and annotation files holding ``metric_years`` metrics in all, in ``aims``
    aims a year (named after :data:`AIMS`, numbered beyond three)."""
    rng = random.Random(seed)
    per_year = max(2, metric_years // years)
    rows_per_year = per_year // 2
    (folder / "raw").mkdir(parents=True, exist_ok=True)
    (folder / "annotations").mkdir(parents=True, exist_ok=True)
    for offset in range(years):
        year = first_year + offset
        lines = ["# SYNTHETIC BENCHMARK DATA: fictional, not a real report.", ""]
        annotations = []
        per_aim = -(-rows_per_year // aims)
        row = 0
        for aim_index, aim in enumerate(aim_names(aims)):
            lines += [f"# Strateginen päämäärä: {aim}, hyvinvointi", "", HEADER.format(year=year)]
            for _ in range(min(per_aim, rows_per_year - row)):
                line_number = len(lines) + 1
                target_a, actual_a = rng.randint(2, 50), rng.randint(0, 60)
                target_b, actual_b = rng.randint(5, 30), rng.randint(3, 40)
                metric = f"Vähintään {target_a} tapahtumaa; jonotus enintään {target_b} vrk"
                realisation = f"Tapahtumia {actual_a}; jonotus {actual_b} vrk"
                sdg = f"<b>{aim_index % 15 + 3}</b> TERVEYTTÄ JA HYVINVOINTIA" if row % 7 == 0 else ""
                lines.append("\t".join([f"Tavoite {row}", f"Toimenpide {row}", ROLES[row % len(ROLES)], metric,
                                        realisation, sdg]))
                annotations.append([f"m{row}_events", aim, line_number, f"Tapahtumat {row}", target_a, "kpl", ">=",
                                    "", actual_a, "", f"Vähintään {target_a} tapahtumaa", f"Tapahtumia {actual_a}",
                                    "synthetic"])
                annotations.append([f"m{row}_queue", aim, line_number, f"Jonotus {row}", target_b, "vrk", "<=",
                                    str(year), actual_b, "", f"jonotus enintään {target_b} vrk",
                                    f"jonotus {actual_b} vrk", "synthetic"])
                row += 1
            lines.append("")
        (folder / "raw" / f"synteettinen_{year}.txt").write_text("\n".join(lines), encoding="utf-8")
        with (folder / "annotations" / f"{year}.csv").open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(COLUMNS)
            writer.writerows(annotations)
    return folder


def aim_names(count: int) -> list[str]:
    """``count`` distinct fictional aim names: the three of :data:`AIMS`, then numbered ones."""
    return [AIMS[i] if i < len(AIMS) else f"{AIMS[i % len(AIMS)]} {i}" for i in range(count)]
