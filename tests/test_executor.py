"""One code path, three places to run: this process, local processes, a Dask cluster; same bytes out."""

from __future__ import annotations

import time
from collections.abc import Iterator
from concurrent.futures import CancelledError
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleaner import batch
from cleaner.batch_outputs import clean_paths
from cleaner.cli import main
from cleaner.evaluation.archive import write_archive
from cleaner.executor import InlineExecutor, PipelineSpec, open_workers, run_chunk
from cleaner.model import Document
from cleaner.pipeline import Options, Pipeline
from folders import file_bytes

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("archive")
    write_archive(root, files=60, seed=8)
    (root / "1998/01/01/99-binary.txt").write_bytes(b"\x00\x01")
    return root


@pytest.fixture(scope="module")
def cluster() -> Iterator[str]:
    # In-process workers: two of them, one thread each, fit the two cores this suite runs on.
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as c:
        yield c.scheduler_address


@pytest.fixture(autouse=True)
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batch, "CHUNK_CHARACTERS", 20_000)  # several chunks, so work really spreads


def fast() -> Pipeline:
    return Pipeline(options=Options(profile="fast"))


def test_local_processes_and_a_dask_cluster_give_byte_identical_outputs_and_reports(
    archive: Path, cluster: str, tmp_path: Path
) -> None:
    inline = clean_paths([archive], tmp_path / "inline", fast(), jobs=1)
    local = clean_paths([archive], tmp_path / "local", fast(), jobs=2)
    remote = clean_paths([archive], tmp_path / "dask", fast(), scheduler=cluster)
    expected = file_bytes(tmp_path / "inline")
    assert len(expected) == 60 + 2  # every text, report.json, report.csv
    assert file_bytes(tmp_path / "local") == expected
    assert file_bytes(tmp_path / "dask") == expected
    assert inline.documents == local.documents == remote.documents == 60
    assert [f[0] for f in remote.failures] == [str(archive / "1998/01/01/99-binary.txt")]


def test_the_scheduler_option_runs_the_command_on_the_cluster(archive: Path, cluster: str, tmp_path: Path) -> None:
    args = ["clean", str(archive), "--profile", "fast", "--no-cache", "-o"]
    local = CliRunner().invoke(main, [*args, str(tmp_path / "local"), "-j", "2"])
    remote = CliRunner().invoke(main, [*args, str(tmp_path / "dask"), "--scheduler", cluster])
    assert remote.exit_code == local.exit_code == 1  # the binary file
    assert remote.stdout.startswith("60 documents cleaned, 1 failed\n")
    assert file_bytes(tmp_path / "dask") == file_bytes(tmp_path / "local")


def test_an_unreachable_scheduler_is_a_clear_error(archive: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["clean", str(archive), "-o", str(tmp_path / "out"), "--scheduler", "tcp://127.0.0.1:9"]
    )
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: cannot reach the Dask scheduler at tcp://127.0.0.1:9 (")
    assert result.stderr.rstrip().endswith("check the address and that it runs")


def test_every_executor_has_the_futures_interface(cluster: str) -> None:
    spec = PipelineSpec.of(fast(), "test-executor")
    documents = [Document("a", "a.txt", "１２月"), Document("b", "b.txt", "好")]
    answers = []
    for jobs, scheduler in ((1, None), (2, None), (None, cluster)):
        with open_workers(jobs, scheduler) as workers:
            assert workers.slots == 2 if jobs != 1 else isinstance(workers.executor, InlineExecutor)
            answers.append(workers.executor.submit(run_chunk, spec, documents).result())
    assert answers[0] == answers[1] == answers[2]
    assert [kind for kind, _ in answers[0]] == ["ok", "ok"]


def test_a_worker_builds_its_pipeline_once_per_run_key() -> None:
    spec = PipelineSpec.of(fast(), "test-once")
    assert spec.pipeline() is spec.pipeline()
    rebuilt = PipelineSpec("test-once-elsewhere", spec.blob).pipeline()
    assert rebuilt is not spec.pipeline()
    assert rebuilt.options == spec.pipeline().options


def test_an_interrupted_batch_ends_its_chunks_instead_of_waiting_for_them() -> None:
    # leaving the pool used to wait for every chunk sent: an interrupted run went on for minutes
    with pytest.raises(KeyboardInterrupt), open_workers(jobs=2) as workers:
        sent = [workers.executor.submit(time.sleep, 20) for _ in range(6)]
        while not sent[0].running():
            time.sleep(0.01)
        raise KeyboardInterrupt
    for future in sent:  # none slept its 20 s: the queued ones were dropped, the running ones ended
        with pytest.raises((CancelledError, BrokenProcessPool)):
            future.result(timeout=60)
