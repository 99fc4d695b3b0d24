"""Every executor gives the in-process results, byte for byte; Dask on a 2-worker LocalCluster."""

import dataclasses
import json
import subprocess
import sys
from itertools import islice

import pytest

from dyad.clean import clean_document
from dyad.config import Settings
from dyad.execute import InProcessExecutor, PoolExecutor, WorkerTask, make_executor
from dyad.export.contract import event_record
from dyad.pipeline import Pipeline
from dyad.records import RawDocument, Skip
from dyad.store import Store
from dyad.store.parquet import ParquetDataset, open_store

# Short reports written for these tests; dates spread over two months.
TEXTS = [
    ("2025-01-06", "Iraqi Prime Minister Mohammed Shia al-Sudani met Syrian President Ahmed "
     "al-Sharaa in Baghdad on Monday. The two leaders agreed to reopen the Qaim crossing."),
    ("2025-01-20", "Turkish jets struck Kurdish militant positions in northern Iraq on Sunday, "
     "killing 6 fighters, the Turkish defense ministry said."),
    ("2025-02-03", "Jordan accused Syrian smugglers of moving drugs across the border. Amman "
     "summoned the Syrian envoy on Tuesday."),
    ("2025-02-17", "Iran threatened to expel UN nuclear inspectors after the IAEA board censured "
     "Tehran on Thursday."),
    ("2025-02-24", "Russia and Ukraine exchanged 150 prisoners each on Monday, in a swap "
     "brokered by the United Arab Emirates."),
]  # fmt: skip


def articles():
    items = [clean_document(RawDocument(content=t, format="text", date=d)) for d, t in TEXTS]
    return [*items[:2], Skip("bad.txt", "empty", "bad.txt: file is empty (0 bytes)"), *items[2:]]


def contract_lines(items):
    """Every result as JSON text: events in the contract shape, sentences, mentions, skips."""
    lines = []
    for item in items:
        if isinstance(item, Skip):
            lines.append(json.dumps([item.input, item.reason]))
            continue
        lines += [json.dumps(event_record(event)) for event in item.events]
        lines += [repr(sentence) for sentence in item.sentences]
        lines += [repr(mention) for mention in item.mentions]
    return lines


@pytest.fixture(scope="module")
def settings():
    return Settings()


@pytest.fixture(scope="module")
def in_process(settings):
    return contract_lines(Pipeline(settings).code_batch(articles()))


def square_chunk(offset, chunk):
    return [offset + value * value for value in chunk]


def offset_of(value):
    return value


def test_executors_keep_input_order_across_chunks():
    task = WorkerTask(square_chunk, offset_of, (100,), chunk_size=3)
    expected = [100 + n * n for n in range(10)]
    assert list(InProcessExecutor().map(range(10), task)) == expected
    assert list(PoolExecutor(2).map(range(10), task)) == expected


class CountedInput:
    """An input stream of ``size`` numbers that counts how many were taken."""

    def __init__(self, size):
        self.size = size
        self.taken = 0

    def __iter__(self):
        for value in range(self.size):
            self.taken += 1
            yield value


def first_results_and_inputs_taken(executor, results=3):
    """The first ``results`` of ``executor`` over a long stream, and how many inputs it took."""
    stream = CountedInput(1_000_000)
    mapped = executor.map(stream, WorkerTask(square_chunk, offset_of, (0,), chunk_size=4))
    first = list(islice(mapped, results))
    mapped.close()  # stops the workers
    return first, stream.taken


@pytest.mark.parametrize("executor", [InProcessExecutor(), PoolExecutor(2)], ids=repr)
def test_local_executors_read_their_input_as_a_stream(executor):
    first, taken = first_results_and_inputs_taken(executor)
    assert first == [0, 1, 4]
    # At most the chunks in flight (2 per worker), the one waiting to be sent, the next, and
    # a chunk per worker held back to be sent item by item if the input ends there.
    assert taken <= (3 * executor.workers + 2) * 4


def chunk_sizes(_, chunk):
    return [len(chunk)] * len(chunk)


@pytest.mark.parametrize("items, sizes", [
    (20, [4] * 12 + [1] * 8),  # two chunks, then the last two chunks' worth one by one
    (9, [4] * 8 + [1]),
    (3, [1] * 3),
])
def test_the_pool_sends_the_end_of_its_input_item_by_item(items, sizes):
    """So that both workers finish together rather than one coding a last chunk alone."""
    task = WorkerTask(chunk_sizes, offset_of, (0,), chunk_size=4)
    assert list(PoolExecutor(2).map(range(items), task)) == sizes


def test_make_executor_by_engine():
    assert isinstance(make_executor("local", 1), InProcessExecutor)
    assert make_executor("local", 2) == PoolExecutor(2)
    with pytest.raises(ValueError, match="engine must be one of local, dask"):
        make_executor("ray", 2)


def test_dask_is_not_imported_by_dyad_or_its_local_executors():
    code = "import sys, dyad.cli, dyad.execute, dyad.store.parquet; print('dask' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_dask_workers_code_and_write_the_parquet_dataset_as_in_process(
    settings, in_process, tmp_path
):
    from dyad.execute.dask_cluster import DaskExecutor

    dataset = ParquetDataset(tmp_path / "dataset")
    task = dataclasses.replace(dataset.worker_task(settings), chunk_size=2)  # 3 parts
    coded = list(DaskExecutor(workers=2).map(articles(), task))
    assert contract_lines(coded) == in_process
    # The parts the two workers wrote hold what the one-file store holds for the same results.
    with Store(tmp_path / "same.duckdb") as store:
        for item in Pipeline(settings).code_batch(articles()):
            store.write(item) if not isinstance(item, Skip) else store.record_skip(item)
        expected = store.events()
    with open_store(dataset.folder) as parquet:
        assert parquet.events() == expected
        assert [skip["input"] for skip in parquet.skips()] == ["bad.txt"]
    assert sorted(p.name for p in (dataset.folder / "articles").iterdir()) == [
        "month=2025-01", "month=2025-02",
    ]  # fmt: skip
    assert len(list((dataset.folder / "skips").glob("*.parquet"))) == 1


def test_dask_executor_reads_its_input_as_a_stream():
    from dyad.execute.dask_cluster import DaskExecutor

    first, taken = first_results_and_inputs_taken(DaskExecutor(workers=2))
    assert first == [0, 1, 4]
    assert taken <= (2 * 2 + 2) * 4
