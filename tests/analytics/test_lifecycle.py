"""Process lifecycle of the command line: its worker processes never outlive it, and SIGTERM
stops a load cleanly (the current batch rolled back, a summary printed, no traceback)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from spacy.language import Language
from sqlalchemy import text

from analytics.models import Article
from analytics.store import create_store_engine
from analytics.store import n_articles as stored_count
from analytics.workers import AnalysisWorkers

REPO = Path(__file__).resolve().parents[2]
CITIES = ("Lisbon", "Warsaw", "Nairobi", "Osaka", "Lima", "Oslo", "Hanoi", "Quito")
PEOPLE = ("Anna Kowalska", "John Smith", "Amina Diallo", "Kenji Sato", "Rosa Quispe")


def _articles_file(folder: Path, n: int) -> Path:
    """``n`` distinct articles of about 300 words, as JSON Lines."""
    path = folder / "load.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            city, person = CITIES[i % len(CITIES)], PEOPLE[i % len(PEOPLE)]
            sentences = [
                f"Report {i}: {person} visited {city} on day {j} to meet officials of the "
                f"Harbour Authority number {i * 31 + j}, and spoke about trade and transport."
                for j in range(20)
            ]
            out.write(json.dumps({"title": f"Report {i}", "text": " ".join(sentences)}) + "\n")
    return path


def _children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.add(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie has ended; only its parent's bookkeeping is left


def _start_load(tmp_path: Path, n: int) -> tuple[subprocess.Popen[str], str]:
    url = f"sqlite:///{tmp_path / 'store.db'}"
    command = [sys.executable, "-m", "analytics", "--db", url, "add", "--processes", "2"]
    process = subprocess.Popen(
        [*command, str(_articles_file(tmp_path, n))],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "NEWS_DATA_DIR": str(tmp_path / "data")},
    )
    return process, url


def _wait_for_workers(process: subprocess.Popen[str], n_workers: int) -> set[int]:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        children = _children(process.pid)
        if len(children) >= n_workers:
            return children
        if process.poll() is not None:
            pytest.fail(f"the load ended before its workers started: {process.stderr.read()}")
        time.sleep(0.1)
    process.kill()
    pytest.fail("the worker processes never started")


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc")
def test_workers_end_when_the_command_is_killed(tmp_path: Path) -> None:
    process, _ = _start_load(tmp_path, 600)
    workers = _wait_for_workers(process, 2)
    time.sleep(1.0)  # the workers are analysing
    assert all(_alive(pid) for pid in workers)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and any(_alive(pid) for pid in workers):
        time.sleep(0.1)
    assert [pid for pid in workers if _alive(pid)] == []


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc")
def test_sigterm_stops_a_load_with_a_summary_and_whole_batches(tmp_path: Path) -> None:
    n = 600
    process, url = _start_load(tmp_path, n)
    workers = _wait_for_workers(process, 2)
    time.sleep(3.0)  # some batches stored, others under way
    process.send_signal(signal.SIGTERM)
    stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert "Traceback" not in stderr
    (summary,) = [line for line in stdout.splitlines() if line.startswith("interrupted: ")]
    n_added = int(summary.removeprefix("interrupted: ").split()[0])
    engine = create_store_engine(url)
    try:
        assert stored_count(engine) == n_added
        # whole batches only: every stored article has its analysis rows
        with engine.connect() as conn:
            without_readability = conn.execute(
                text(
                    "SELECT count(*) FROM articles"
                    " WHERE id NOT IN (SELECT article_id FROM readability)"
                )
            ).scalar_one()
        assert without_readability == 0
    finally:
        engine.dispose()
    assert f"{n - n_added:,} not stored" in summary
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and any(_alive(pid) for pid in workers):
        time.sleep(0.1)
    assert [pid for pid in workers if _alive(pid)] == []


def _worker_pids(workers: AnalysisWorkers) -> list[int]:
    return list(workers._pool._processes or {})  # noqa: SLF001 - the pool's own processes


def _ended_within(pids: list[int], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and any(_alive(pid) for pid in pids):
        time.sleep(0.05)
    return not any(_alive(pid) for pid in pids)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc")
def test_a_worker_ends_on_sigterm_though_its_parent_stops_gracefully_on_it(nlp: Language) -> None:
    # the command line handles SIGTERM (a graceful stop); a forked worker inherited that handler
    # and lived on after ``terminate()``, so a stopped load waited for its batches under way
    previous = signal.signal(signal.SIGTERM, lambda *_: None)
    try:
        with AnalysisWorkers(nlp, 1) as workers:
            assert workers.submit([Article(title="One", body="A short text.")]).result()
            (pid,) = _worker_pids(workers)
            os.kill(pid, signal.SIGTERM)
            assert _ended_within([pid], 10)
    finally:
        signal.signal(signal.SIGTERM, previous)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc")
def test_a_load_ending_in_an_error_does_not_wait_for_the_batches_under_way(nlp: Language) -> None:
    body = " ".join(f"Anna Kowalska met officials in Warsaw on day {i}." for i in range(40))
    batch = [Article(title=f"Report {i}", body=body) for i in range(400)]  # many seconds' work
    with pytest.raises(KeyboardInterrupt), AnalysisWorkers(nlp, 2) as workers:
        futures = [workers.submit(batch), workers.submit(batch), workers.submit(batch)]
        while not any(future.running() for future in futures):
            time.sleep(0.01)
        pids = _worker_pids(workers)
        raise KeyboardInterrupt  # what a second Ctrl-C raises in the middle of a load
    assert _ended_within(pids, 0)
    # the batches under way were abandoned (they fail), none was analysed to the end
    assert all(future.done() for future in futures)
    assert not any(not future.cancelled() and future.exception() is None for future in futures)
