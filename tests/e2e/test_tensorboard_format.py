"""TensorBoard itself reads the event files internal/tfevents writes.

A small Go program (internal/tfevents/testdata/writeexample) writes a fake
run in the Keras layout GlassBox uses:

    <logdir>/run1/events.out.tfevents.*             HParams experiment + session
    <logdir>/run1/train/events.out.tfevents.*       epoch_* and batch_loss scalars,
                                                    dense_*/kernel|bias histograms,
                                                    model_summary text
    <logdir>/run1/validation/events.out.tfevents.*  epoch_* scalars

and the tests read it back with the pinned tensorboard package: its
EventAccumulator and HParams plugin metadata parsers, then a real
`tensorboard --logdir` server (both the Python loader and the Rust data
server) over HTTP, as the browser's Scalars, Histograms, Text and HParams tabs
would. The values are simple functions of the epoch and step, recomputed here.
"""
import json
import os
import pathlib
import re
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request

import pytest
from tensorboard.backend.event_processing import event_accumulator as ea
from tensorboard.plugins.hparams import api_pb2
from tensorboard.plugins.hparams import metadata as hparams_metadata
from tensorboard.util import tensor_util

ROOT = pathlib.Path(__file__).resolve().parents[2]

EPOCHS, STEPS_PER_EPOCH = 3, 4
START = 1767323045.0  # 2026-01-02T03:04:05Z
LAYERS = ["dense_0/kernel", "dense_0/bias", "dense_1/kernel", "dense_1/bias"]
EPOCH_METRICS = {
    "train": {
        "epoch_loss": lambda e: 1 / (e + 1),
        "epoch_accuracy": lambda e: 0.5 + 0.1 * e,
        "epoch_auc": lambda e: 0.6 + 0.1 * e,
    },
    "validation": {
        "epoch_loss": lambda e: 1.2 / (e + 1),
        "epoch_accuracy": lambda e: 0.45 + 0.1 * e,
        "epoch_auc": lambda e: 0.55 + 0.1 * e,
    },
}
HPARAMS = {
    "epochs": 3.0,
    "batch_size": 32.0,
    "learning_rate": 0.01,
    "optimizer": "adam",
    "hidden_units": 64.0,
    "seed": 42.0,
    "task": "binary_classification",
    "standardize": True,
}
MODEL_SUMMARY = "| layer | units |\n|---|---|\n| dense_0 | 64 |\n| dense_1 | 1 |"


def f32(x):
    """x rounded to float32, as simple_value stores it."""
    return pytest.approx(x, rel=1e-6, abs=1e-7)


@pytest.fixture(scope="module")
def logdir(tmp_path_factory):
    d = tmp_path_factory.mktemp("tensorboard")
    env = dict(os.environ, GOFLAGS=(os.environ.get("GOFLAGS", "") + " -tags=noxla").strip())
    subprocess.run(
        ["go", "run", "./internal/tfevents/testdata/writeexample", str(d / "run1")],
        cwd=ROOT, env=env, check=True, timeout=600,
    )
    return d


def accumulator(path):
    acc = ea.EventAccumulator(
        str(path),
        size_guidance={ea.SCALARS: 0, ea.HISTOGRAMS: 0, ea.COMPRESSED_HISTOGRAMS: 0, ea.TENSORS: 0},
    )
    acc.Reload()
    return acc


def test_layout(logdir):
    names = sorted(str(p.relative_to(logdir)) for p in logdir.rglob("*") if p.is_file())
    assert [re.sub(r"\d+", "N", n) for n in names] == [
        "runN/events.out.tfevents.N.glassbox",
        "runN/train/events.out.tfevents.N.glassbox",
        "runN/validation/events.out.tfevents.N.glassbox",
    ]
    assert all(n.endswith(f".{int(START)}.glassbox") for n in names)


@pytest.mark.parametrize("group", ["train", "validation"])
def test_epoch_scalars(logdir, group):
    acc = accumulator(logdir / "run1" / group)
    want_tags = set(EPOCH_METRICS[group]) | ({"batch_loss"} if group == "train" else set())
    assert set(acc.Tags()[ea.SCALARS]) == want_tags
    for tag, fn in EPOCH_METRICS[group].items():
        events = acc.Scalars(tag)
        assert [e.step for e in events] == list(range(EPOCHS))
        assert [e.wall_time for e in events] == [START + e + 1 for e in range(EPOCHS)]
        assert [e.value for e in events] == [f32(fn(e)) for e in range(EPOCHS)]


def test_batch_loss(logdir):
    events = accumulator(logdir / "run1" / "train").Scalars("batch_loss")
    steps = EPOCHS * STEPS_PER_EPOCH
    assert [e.step for e in events] == list(range(steps))
    assert [e.value for e in events] == [f32(1 / (s + 1)) for s in range(steps)]
    assert [e.wall_time for e in events] == [START + s // STEPS_PER_EPOCH + 1 for s in range(steps)]


def test_histograms(logdir):
    acc = accumulator(logdir / "run1" / "train")
    assert acc.Tags()[ea.HISTOGRAMS] == LAYERS
    assert acc.Tags()[ea.COMPRESSED_HISTOGRAMS] == LAYERS  # the Distributions tab
    for i, layer in enumerate(LAYERS):
        events = acc.Histograms(layer)
        assert [e.step for e in events] == list(range(EPOCHS))
        for e, ev in enumerate(events):
            h = ev.histogram_value
            lo = -1.0 - e
            counts = [1 + i, 2 + e, 3 + i, 4]
            num = sum(counts)
            mean, std = 0.1 * e, 0.5 + e
            assert (h.min, h.max, h.num) == (lo, -lo, num)
            assert list(h.bucket_limit) == [lo / 2, 0.0, -lo / 2, -lo]
            assert list(h.bucket) == counts
            assert h.sum == pytest.approx(mean * num)
            assert h.sum_squares == pytest.approx(num * (std**2 + mean**2))


def test_text(logdir):
    acc = accumulator(logdir / "run1" / "train")
    assert acc.Tags()[ea.TENSORS] == ["model_summary"]
    assert list(acc.PluginTagToContent("text")) == ["model_summary"]
    assert acc.SummaryMetadata("model_summary").plugin_data.plugin_name == "text"
    (event,) = acc.Tensors("model_summary")
    assert (event.step, event.wall_time) == (0, START)
    value = tensor_util.make_ndarray(event.tensor_proto)
    assert value.shape == ()
    assert value.item().decode() == MODEL_SUMMARY


def test_hparams_plugin_data(logdir):
    acc = accumulator(logdir / "run1")
    content = acc.PluginTagToContent(hparams_metadata.PLUGIN_NAME)
    assert set(content) == {
        hparams_metadata.EXPERIMENT_TAG,
        hparams_metadata.SESSION_START_INFO_TAG,
        hparams_metadata.SESSION_END_INFO_TAG,
    }

    experiment = hparams_metadata.parse_experiment_plugin_data(content[hparams_metadata.EXPERIMENT_TAG])
    assert experiment.time_created_secs == START
    types = {
        str: api_pb2.DATA_TYPE_STRING,
        bool: api_pb2.DATA_TYPE_BOOL,
        float: api_pb2.DATA_TYPE_FLOAT64,
    }
    assert {h.name: h.type for h in experiment.hparam_infos} == {k: types[type(v)] for k, v in HPARAMS.items()}
    assert [(m.name.group, m.name.tag, m.dataset_type) for m in experiment.metric_infos] == [
        ("train", "epoch_loss", api_pb2.DATASET_TRAINING),
        ("train", "epoch_accuracy", api_pb2.DATASET_TRAINING),
        ("validation", "epoch_loss", api_pb2.DATASET_VALIDATION),
        ("validation", "epoch_accuracy", api_pb2.DATASET_VALIDATION),
    ]

    start = hparams_metadata.parse_session_start_info_plugin_data(content[hparams_metadata.SESSION_START_INFO_TAG])
    got = {}
    for k, v in start.hparams.items():
        kind = v.WhichOneof("kind")
        got[k] = {"number_value": v.number_value, "string_value": v.string_value, "bool_value": v.bool_value}[kind]
    assert got == HPARAMS
    assert start.start_time_secs == START
    assert start.group_name == ""

    end = hparams_metadata.parse_session_end_info_plugin_data(content[hparams_metadata.SESSION_END_INFO_TAG])
    assert end.status == api_pb2.STATUS_SUCCESS
    assert end.end_time_secs == START + EPOCHS + 1


class Server:
    """A `tensorboard --logdir` subprocess on a free local port."""

    def __init__(self, logdir, load_fast):
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tensorboard.main", "--logdir", str(logdir), "--host", "127.0.0.1",
             "--port", "0", f"--load_fast={load_fast}", "--reload_interval", "1"],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )
        self.log = []
        found = threading.Event()

        def read():
            for line in self.proc.stdout:
                self.log.append(line)
                m = re.search(r"(http://127\.0\.0\.1:\d+/)", line)
                if m and not found.is_set():
                    self.url = m.group(1)
                    found.set()
            found.set()

        threading.Thread(target=read, daemon=True).start()
        if not found.wait(120) or not hasattr(self, "url"):
            self.close()
            pytest.fail("tensorboard did not start:\n" + "".join(self.log))

    def get(self, path, request=None):
        url = self.url + path.lstrip("/")
        if request is not None:
            url += ("&" if "?" in url else "?") + "request=" + urllib.parse.quote(json.dumps(request))
        with urllib.request.urlopen(url, timeout=30) as r:
            return json.loads(r.read())

    def close(self):
        self.proc.terminate()
        try:
            self.proc.wait(20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


@pytest.fixture(scope="module", params=["false", "true"], ids=["python-loader", "rust-data-server"])
def server(request, logdir):
    s = Server(logdir, request.param)
    try:
        deadline = time.time() + 60
        while sorted(s.get("data/runs")) != ["run1", "run1/train", "run1/validation"]:
            assert time.time() < deadline, f"runs: {s.get('data/runs')}\n" + "".join(s.log)
            time.sleep(0.5)
        yield s
    finally:
        s.close()


def q(**params):
    return urllib.parse.urlencode(params)


def test_server_scalars_histograms_text(server):
    for group, metrics in EPOCH_METRICS.items():
        for tag, fn in metrics.items():
            rows = server.get(f"data/plugin/scalars/scalars?{q(run='run1/' + group, tag=tag)}")
            assert [(w, s) for w, s, _ in rows] == [(START + e + 1, e) for e in range(EPOCHS)]
            assert [v for _, _, v in rows] == [f32(fn(e)) for e in range(EPOCHS)]
    rows = server.get(f"data/plugin/histograms/histograms?{q(run='run1/train', tag='dense_1/bias')}")
    # Epoch 0 of layer 3: bins over [-1, 1], counts 4, 2, 6, 4, as [left, right, count].
    wall, step, buckets = rows[0]
    assert (wall, step) == (START + 1, 0)
    assert buckets == [[-1.0, -0.5, 4.0], [-0.5, 0.0, 2.0], [0.0, 0.5, 6.0], [0.5, 1.0, 4.0]]
    (text,) = server.get(f"data/plugin/text/text?{q(run='run1/train', tag='model_summary')}")
    assert text["step"] == 0 and "<td>dense_0</td>" in text["text"]  # rendered as a Markdown table


def test_server_hparams_tab(server):
    experiment = server.get("data/plugin/hparams/experiment", {"experimentName": ""})
    assert sorted(h["name"] for h in experiment["hparamInfos"]) == sorted(HPARAMS)
    assert [(m["name"]["group"], m["name"]["tag"]) for m in experiment["metricInfos"]] == [
        ("train", "epoch_loss"), ("train", "epoch_accuracy"),
        ("validation", "epoch_loss"), ("validation", "epoch_accuracy"),
    ]
    groups = server.get("data/plugin/hparams/session_groups", {
        "startIndex": 0, "sliceSize": 10, "aggregationType": "AGGREGATION_AVG", "colParams": [],
        "allowedStatuses": ["STATUS_UNKNOWN", "STATUS_SUCCESS", "STATUS_FAILURE", "STATUS_RUNNING"],
    })
    (group,) = groups["sessionGroups"]
    assert group["name"] == "run1"
    assert group["hparams"] == HPARAMS
    (session,) = group["sessions"]
    assert (session["name"], session["status"]) == ("run1", "STATUS_SUCCESS")
    assert (session["startTimeSecs"], session["endTimeSecs"]) == (START, START + EPOCHS + 1)
    last = EPOCHS - 1
    metrics = {(m["name"]["group"], m["name"]["tag"]): (m["trainingStep"], m["value"]) for m in group["metricValues"]}
    assert metrics == {
        (g, t): (last, f32(EPOCH_METRICS[g][t](last)))
        for g in ("train", "validation") for t in ("epoch_loss", "epoch_accuracy")
    }


def test_a_glassbox_train_run_reads_in_tensorboard(tmp_path):
    """A run written by `glassbox train` (not the example writer): TensorBoard
    reads its training and validation curves, weight histograms and hparams."""
    table = tmp_path / "t.csv"
    rows = ["x1,x2,member,y"] + [f"{i % 17},{(i * 7) % 23},{'yes' if i % 3 else 'no'},{1 if (i * 5) % 7 > 2 else 0}"
                                  for i in range(300)]
    table.write_text("\n".join(rows) + "\n")
    run = tmp_path / "runs" / "a"
    subprocess.run([str(ROOT / "bin" / "glassbox"), "train", "--data", str(table), "--target", "y", "--out", str(run),
                    "--epochs", "3", "--backend", "go", "--quiet"], check=True, capture_output=True, timeout=600)
    metrics = json.loads((run / "metrics.json").read_text())
    train, val = accumulator(run / "train"), accumulator(run / "validation")
    assert [e.step for e in train.Scalars("epoch_loss")] == [1, 2, 3]
    assert {"epoch_accuracy", "epoch_auc", "batch_loss", "epoch_learning_rate"} <= set(train.Tags()["scalars"])
    assert [e.step for e in val.Scalars("epoch_loss")] == [1, 2, 3]
    assert val.Scalars("epoch_accuracy")[-1].value == f32(metrics["validation"]["accuracy"])
    assert "dense_0/kernel" in train.Tags()["histograms"]
    root = accumulator(run)
    start = root.SummaryMetadata(hparams_metadata.SESSION_START_INFO_TAG).plugin_data.content
    info = hparams_metadata.parse_session_start_info_plugin_data(start)
    assert info.hparams["epochs"].number_value == 3 and info.hparams["task"].string_value == "binary"
