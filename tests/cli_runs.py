"""What the CLI tests share: a call of `cleaner`, report.csv's rows read and written, and two cleaned runs.

The runs are fixtures in conftest.py (`seed_run`, `folder_run`), so each test module cleans its pages once.

>>> run("--version").exit_code
0
"""

from __future__ import annotations

import csv
from pathlib import Path

from click.testing import CliRunner, Result

from cleaner.cli import main

SEED = Path(__file__).resolve().parent.parent / "corpus" / "sample" / "000_bd518e65fe7e672d.txt"
# The same page in the shared data beside the project, with its gold (.gold.json): tests that need the gold skip
# where it is not there
SHARED_SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / SEED.name
# A page saved with Windows line ends and cut across a page break: its join is suggested, for a reviewer to accept
CRLF_PAGE = (
    "“政府部门经常上门服务,帮我们对接银行、申报项目,我们只管一心一意搞研发、抓生产。”许文斌说。\r\n\r\n"
    "谈到未来,许文斌信心满满:“我们的目标是在细分领域做到全国第一,把‘中国制造’的精密部件卖到更多国\r\n\r\n"
    "家去。”\r\n\r\n新闻链接\r\n\r\n专精特新企业是指具有“专业化、精细化、特色化、新颖化”特征的中小企业。\r\n"
)


def run(*args: str, input: str | None = None) -> Result:
    """`cleaner ARGS` in-process, `input` on its stdin; an exception escapes as itself, so a traceback fails the test
    that caused it."""
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def rows(path: Path) -> list[dict[str, str]]:
    """The rows of a report.csv, as a spreadsheet saved it (with or without a byte-order mark)."""
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.DictReader(stream))


def write_rows(path: Path, table: list[dict[str, str]]) -> None:
    """Write `table` as a report.csv, as a reviewer's spreadsheet would."""
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(table[0]))
        writer.writeheader()
        writer.writerows(table)


def clean_seed(out: Path) -> Path:
    """Clean the sample page into `out`."""
    result = run("clean", str(SEED), "-o", str(out), "--no-cache", "--no-html", "-j", "1")
    assert result.exit_code == 0, result.output
    return out


def clean_folder(folder: Path) -> tuple[Path, Path]:
    """Clean a folder of the sample page and a page the cleaner leaves as it is into a sibling `out`."""
    folder.mkdir()
    (folder / "seed.txt").write_bytes(SEED.read_bytes())
    (folder / "clean.txt").write_text("今天天气很好。\n", encoding="utf-8")
    out = folder.parent / "out"
    result = run("clean", str(folder), "-o", str(out), "--no-cache", "--no-html", "-j", "1")
    assert result.exit_code == 0, result.output
    return folder, out
