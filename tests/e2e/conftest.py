"""Shared fixtures for the end-to-end tests: a live GlassBox kernel driven
through jupyter_client, exactly as Jupyter drives it."""
import os
import pathlib
import queue

import pytest
from jupyter_client.manager import start_new_kernel

ROOT = pathlib.Path(__file__).resolve().parents[2]
KERNEL = "glassbox"


class Cell:
    """The outputs of one executed cell, gathered from the IOPub channel."""

    def __init__(self, reply, messages):
        self.reply = reply
        self.messages = messages

    @property
    def status(self):
        return self.reply["content"]["status"]

    def of_type(self, *types):
        return [m for m in self.messages if m["msg_type"] in types]

    @property
    def stdout(self):
        return "".join(m["content"]["text"] for m in self.of_type("stream") if m["content"]["name"] == "stdout")

    @property
    def stderr(self):
        return "".join(m["content"]["text"] for m in self.of_type("stream") if m["content"]["name"] == "stderr")

    @property
    def all_text(self):
        """Everything the user sees, as one string (streams, errors, HTML, plain text)."""
        parts = [self.stdout, self.stderr]
        for m in self.of_type("error"):
            parts += [m["content"]["ename"], m["content"]["evalue"]] + m["content"]["traceback"]
        for m in self.of_type("display_data", "update_display_data", "execute_result"):
            parts += [str(v) for v in m["content"]["data"].values()]
        return "\n".join(parts)


class Session:
    def __init__(self, km, kc):
        self.km, self.kc = km, kc

    def run(self, code, timeout=600, on_start=None):
        msg_id = self.kc.execute(code)
        if on_start:
            on_start()
        messages = []
        while True:
            msg = self.kc.get_iopub_msg(timeout=timeout)
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                break
            messages.append(msg)
        reply = self.kc.get_shell_msg(timeout=timeout)
        while reply["parent_header"].get("msg_id") != msg_id:
            reply = self.kc.get_shell_msg(timeout=timeout)
        return Cell(reply, messages)

    def drain(self):
        while True:
            try:
                self.kc.get_iopub_msg(timeout=0.2)
            except queue.Empty:
                return


@pytest.fixture(scope="module")
def session():
    km, kc = start_new_kernel(kernel_name=KERNEL, cwd=str(ROOT / "notebooks"), startup_timeout=120)
    s = Session(km, kc)
    try:
        yield s
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
