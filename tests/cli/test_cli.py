"""The annotate command (service/cli): the API's responses and problems, every input kind, shard
files that resume, --jobs, progress. Runs in-process with the session's annotator, except where a
real process is the point (SIGKILL half-way, the installed console script)."""
from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from evaluation.bench import ArticleMaker
from service.cli import engines, main as cli
from service.cli.outputs import read_rows
from service.cli.progress import Progress
from service.config import Config

ROOT = Path(__file__).resolve().parents[2]
HTML = ("<html><head><title>Bridge reopens in Velmora</title></head><body><article>"
        "<p>Officials said the bridge in Velmora reopened on Tuesday.</p>"
        "<p>\"Traffic is moving again,\" said Tomasz Lindqvist, the mayor.</p></article>"
        "</body></html>")


@pytest.fixture()
def run(monkeypatch, annotator):
    """main(argv) with the session's annotator instead of loading a model per run."""
    monkeypatch.setattr(engines, "load_annotator", lambda *args: annotator)
    return cli.main


def _articles(count: int, seed: int = 7, words: int = 80) -> list[str]:
    maker = ArticleMaker(seed)
    return [maker.article(words) for _ in range(count)]


def _write_jsonl(path: Path, records: list) -> Path:
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n"
                            for r in records), encoding="utf-8")
    return path


def _rows(folder: Path) -> list[dict]:
    files = sorted(p for p in folder.iterdir()
                   if p.suffix in (".jsonl", ".parquet") and not p.name.endswith(".errors.jsonl")
                   and p.name != "errors.jsonl")
    return [row for path in files for row in read_rows(path)]


def test_rows_hold_the_api_responses(tmp_path, run, client):
    texts = _articles(3)
    records = [{"id": "plain", "text": texts[0]},
               {"id": "js", "text": texts[1] + " Café — “naïve” 🙂 ok.", "offsets": "utf16",
                "layers": ["actors", "quotes"], "published": "2021-03-04"},
               {"id": "bytes", "text": texts[2], "offsets": "utf8", "layers": ["casualties"]},
               {"id": "page", "text": HTML, "format": "html"}]
    source = _write_jsonl(tmp_path / "in.jsonl", records)
    assert run([str(source), "-o", str(tmp_path / "out"), "--quiet"]) == 0
    rows = _rows(tmp_path / "out")
    assert [row["id"] for row in rows] == [r["id"] for r in records]
    for record, row in zip(records, rows):
        answer = client.post("/v1/annotate", json=record)
        assert answer.status_code == 200
        assert row["response"] == answer.get_json()
        assert row["text_sha256"] == hashlib.sha256(record["text"].encode()).hexdigest()
        assert row["annotator"].startswith(answer.get_json()["model"]["name"])
        assert (row["source"], row["line"]) == (str(source), records.index(record) + 1)
    assert rows[3]["response"]["text"].startswith("Bridge reopens in Velmora")


def test_bad_records_are_reported_with_their_line_and_the_api_problem(tmp_path, run, client,
                                                                      capsys):
    good = {"id": "ok", "text": _articles(1)[0]}
    bad = ['{"id": "broken", "text": ',
           {"id": "no-text"},
           ["not", "an", "object"],
           {"id": "typo", "text": "Police said two were hurt.", "offset": "utf16"},
           {"id": "huge", "text": "word " * (Config.MAX_TEXT_CHARS // 5 + 1)},
           {"id": "empty-page", "text": "<html><body></body></html>", "format": "html"}]
    source = _write_jsonl(tmp_path / "in.jsonl", [good, *bad, good | {"id": "ok2"}, ""])
    errors = tmp_path / "bad.jsonl"
    status = run([str(source), "-o", str(tmp_path / "out"), "--errors", str(errors), "--quiet"])
    assert status == 1
    assert [row["id"] for row in _rows(tmp_path / "out")] == ["ok", "ok2"]
    entries = [json.loads(line) for line in errors.read_text().splitlines()]
    assert [e["line"] for e in entries] == [2, 3, 4, 5, 6, 7]
    assert [e["id"] for e in entries] == [None, "no-text", None, "typo", "huge", "empty-page"]
    for raw, entry in zip(bad, entries):
        body = raw if isinstance(raw, str) else json.dumps(raw)
        answer = client.post("/v1/annotate", data=body, content_type="application/json")
        assert entry["problem"]["status"] == answer.status_code
        assert entry["problem"]["title"] == answer.get_json()["title"]
    summary = capsys.readouterr().err
    assert "2 articles annotated" in summary and f"6 bad records (see {errors})" in summary


def test_every_input_kind_gives_the_same_responses(tmp_path, run, monkeypatch):
    pa, pq = pytest.importorskip("pyarrow"), pytest.importorskip("pyarrow.parquet")
    texts = _articles(3, seed=11)
    folder = tmp_path / "folder"
    (folder / "sub").mkdir(parents=True)
    for i, text in enumerate(texts):
        (folder / ("sub" if i else "") / f"a{i}.txt").write_text(text, encoding="utf-8")
    (folder / "notes.md").write_text("not an article")
    records = [{"id": f"a{i}", "text": text} for i, text in enumerate(texts)]
    jsonl = _write_jsonl(tmp_path / "plain.jsonl", records)
    with gzip.open(tmp_path / "packed.jsonl.gz", "wt", encoding="utf-8") as stream:
        stream.write(jsonl.read_text())
    pq.write_table(pa.table({"id": [r["id"] for r in records], "text": texts,
                             "published": [None, None, None]}), tmp_path / "table.parquet")
    (tmp_path / "one.txt").write_text(texts[0], encoding="utf-8")
    inputs = [str(folder), str(jsonl), str(tmp_path / "packed.jsonl.gz"),
              str(tmp_path / "table.parquet"), str(tmp_path / "one.txt")]
    assert run([*inputs, "-o", str(tmp_path / "out"), "--quiet"]) == 0
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(jsonl.read_bytes())))
    assert run(["-", "-o", str(tmp_path / "from-stdin"), "--quiet"]) == 0
    rows = _rows(tmp_path / "out") + _rows(tmp_path / "from-stdin")
    by_source: dict = {}
    for row in rows:
        by_source.setdefault(row["source"], []).append(row)
    assert set(by_source) == {*inputs, "-"}
    expected = [{**row["response"], "id": None} for row in by_source[str(jsonl)]]
    for source, found in by_source.items():
        if source != str(tmp_path / "one.txt"):
            assert [{**r["response"], "id": None} for r in found] == expected, source
    assert [r["id"] for r in by_source[str(folder)]] == ["a0.txt", "sub/a1.txt", "sub/a2.txt"]
    assert [r["line"] for r in by_source[str(tmp_path / "table.parquet")]] == [1, 2, 3]


def test_standard_output_and_parquet_hold_the_same_rows(tmp_path, run, capfd):
    source = _write_jsonl(tmp_path / "in.jsonl",
                          [{"id": f"s{i}", "text": t} for i, t in enumerate(_articles(4))])
    assert run([str(source), "--quiet"]) == 0
    streamed = [json.loads(line) for line in capfd.readouterr().out.splitlines()]
    assert run([str(source), "-o", str(tmp_path / "pq"), "--format", "parquet",
                "--shard-size", "3", "--quiet"]) == 0
    assert sorted(p.name for p in (tmp_path / "pq").glob("*.parquet")) == \
        ["in-00000.parquet", "in-00001.parquet"]
    assert _rows(tmp_path / "pq") == streamed


def test_finished_shards_are_skipped_and_force_redoes_them(tmp_path, run, capsys):
    source = _write_jsonl(tmp_path / "in.jsonl",
                          [{"id": f"r{i}", "text": t} for i, t in enumerate(_articles(5))])
    out = tmp_path / "out"
    args = [str(source), "-o", str(out), "--shard-size", "2", "--quiet"]
    assert run(args) == 0
    first = {p.name: p.stat().st_mtime_ns for p in out.glob("in-*.jsonl")}
    assert len(first) == 3
    (out / ".in-00001.jsonl.tmp-99999").write_text("half-written")
    capsys.readouterr()
    assert run(args) == 0
    assert "0 shards written, 3 finished shards skipped (5 records)" in capsys.readouterr().err
    assert {p.name: p.stat().st_mtime_ns for p in out.glob("in-*.jsonl")} == first
    assert not list(out.glob(".*tmp-*"))
    assert run([*args, "--layers", "actors"]) == 2  # other options into the same folder
    assert run([*args, "--layers", "actors", "--force"]) == 0
    assert all(set(row["response"]) & {"quotes", "casualties"} == set() for row in _rows(out))


def test_jobs_give_the_same_rows_as_one_process(tmp_path, run):
    source = _write_jsonl(tmp_path / "in.jsonl",
                          [{"id": f"j{i}", "text": t} for i, t in enumerate(_articles(6))])
    for jobs in ("1", "2"):
        assert run([str(source), "-o", str(tmp_path / jobs), "--jobs", jobs,
                    "--shard-size", "2", "--quiet"]) == 0
    assert _rows(tmp_path / "2") == _rows(tmp_path / "1")
    assert len(_rows(tmp_path / "1")) == 6


def test_unusable_inputs_and_options_stop_the_run(tmp_path, run, capsys):
    (tmp_path / "a.doc").write_text("x")
    (tmp_path / "x").mkdir()
    _write_jsonl(tmp_path / "x" / "in.jsonl", [])
    _write_jsonl(tmp_path / "in.jsonl", [])
    assert run([str(tmp_path / "a.doc")]) == 2
    assert run([str(tmp_path / "missing.jsonl")]) == 2
    assert run([str(tmp_path / "in.jsonl"), str(tmp_path / "x" / "in.jsonl")]) == 2
    assert run([str(tmp_path / "in.jsonl"), "--offsets", "bytes"]) == 2
    assert run([str(tmp_path / "in.jsonl"), "--engine", "ray"]) == 2  # ray needs a folder
    assert "annotate:" in capsys.readouterr().err


class _Terminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_bar_on_a_terminal_and_log_lines_otherwise():
    terminal = _Terminal()
    bar = Progress(total=10, stream=terminal)
    bar.add(4)
    bar._show()
    assert terminal.getvalue().startswith("\r\x1b[K[#########---------------] 4/10 articles")
    assert "articles/s, ETA" in terminal.getvalue()
    plain = io.StringIO()
    log = Progress(total=None, stream=plain, log_seconds=0.05).start()
    log.add(3)
    time.sleep(0.2)
    log.stop()
    lines = plain.getvalue().splitlines()
    assert len(lines) >= 2 and all(line.startswith("[annotate ") for line in lines)
    assert "3 articles" in lines[-1] and "\r" not in plain.getvalue()


def _cli(*args, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([str(ROOT / ".venv" / "bin" / "annotate"), *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kwargs)


def test_sigkill_half_way_then_rerun_gives_every_article_once(tmp_path):
    count = 48
    records = [{"id": f"k{i}", "text": t} for i, t in enumerate(_articles(count, words=60))]
    source = _write_jsonl(tmp_path / "in.jsonl", records)
    out = tmp_path / "out"
    args = [str(source), "-o", str(out), "--shard-size", "4", "--batch-size", "2"]
    first = _cli(*args)
    deadline = time.monotonic() + 120
    while len(list(out.glob("in-*.jsonl"))) < 4 and time.monotonic() < deadline:
        time.sleep(0.02)
    first.send_signal(signal.SIGKILL)
    first.wait()
    done = len(list(out.glob("in-*.jsonl")))
    assert 4 <= done < count // 4, "killed too late to test a resumption"
    second = _cli(*args)
    _, err = second.communicate(timeout=180)
    assert second.returncode == 0, err.decode()
    assert f"{done} finished shards skipped" in err.decode()
    rows = _rows(out)
    assert sorted(row["line"] for row in rows) == list(range(1, count + 1))
    assert sorted(row["id"] for row in rows) == sorted(r["id"] for r in records)


def test_ray_engine_writes_the_local_engines_rows(tmp_path, run):
    pytest.importorskip("ray")
    records = [{"id": f"y{i}", "text": t} for i, t in enumerate(_articles(6, seed=5))]
    records.append({"id": "bad", "text": ""})
    source = _write_jsonl(tmp_path / "in.jsonl", records)
    common = [str(source), "--format", "parquet", "--shard-size", "3", "--quiet"]
    assert run([*common, "-o", str(tmp_path / "local")]) == 1
    env = {**os.environ, "RAY_ADDRESS": "", "RAY_USAGE_STATS_ENABLED": "0"}
    ray = _cli(*common, "-o", str(tmp_path / "ray"), "--engine", "ray", "--actors", "2", env=env)
    _, err = ray.communicate(timeout=240)
    assert ray.returncode == 1, err.decode()[-2000:]
    assert _rows(tmp_path / "ray") == _rows(tmp_path / "local")
    assert len(_rows(tmp_path / "ray")) == 6
    assert (tmp_path / "ray" / "errors.jsonl").read_text() == \
        (tmp_path / "local" / "errors.jsonl").read_text()
