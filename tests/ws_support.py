"""A Streamlit client without a browser: one websocket session speaking the app's protobuf protocol.

What the browser does, reduced to what a test needs: connect to ``/_stcore/stream`` (subprotocol
``streamlit``), send ``BackMsg`` frames (a rerun with the page and query string of a link, or any
other message a client can send, such as ``clear_cache``), and read ``ForwardMsg`` frames until the
run reports ``script_finished``. Loopback only; no proxy.
"""
from __future__ import annotations

import threading
import time

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.sync.client import connect


def rerun_msg(page: str = "", query: str = "") -> bytes:
    """The message a browser sends to run ``/<page>?<query>`` (what the first load and a rerun send)."""
    msg = BackMsg()
    msg.rerun_script.query_string = query
    msg.rerun_script.page_name = page
    return msg.SerializeToString()


def clear_cache_msg() -> bytes:
    msg = BackMsg()
    msg.clear_cache = True
    return msg.SerializeToString()


class Session:
    """One websocket session of the app at ``base`` (``http://127.0.0.1:PORT``)."""

    def __init__(self, base: str, timeout: float = 30):
        url = base.replace("http://", "ws://", 1) + "/_stcore/stream"
        self.ws = connect(url, subprotocols=["streamlit"], proxy=None, open_timeout=timeout,
                          max_size=None, compression="deflate")
        self.sizes: list[int] = []  # byte size of every ForwardMsg received (uncompressed)
        self.finished = 0           # script_finished messages received
        self.exceptions: list[str] = []

    def send(self, data: bytes) -> None:
        self.ws.send(data)

    def _read(self, timeout: float) -> ForwardMsg | None:
        try:
            data = self.ws.recv(timeout=timeout)
        except TimeoutError:
            return None
        self.sizes.append(len(data))
        msg = ForwardMsg()
        msg.ParseFromString(data)
        if msg.WhichOneof("type") == "script_finished":
            self.finished += 1
        if msg.WhichOneof("type") == "delta" and msg.delta.new_element.WhichOneof("type") == "exception":
            self.exceptions.append(msg.delta.new_element.exception.message)
        return msg

    def run(self, page: str = "", query: str = "", timeout: float = 60) -> float:
        """Ask for a run of ``/<page>?<query>`` and wait until it finishes; the seconds it took."""
        t0 = time.monotonic()
        before = self.finished
        self.send(rerun_msg(page, query))
        deadline = t0 + timeout
        while self.finished == before:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"no script_finished within {timeout} s")
            self._read(min(left, 1.0))
        return time.monotonic() - t0

    def drain(self, stop: threading.Event) -> threading.Thread:
        """Keep reading (as a browser would) in a thread until ``stop`` is set."""
        def loop():
            while not stop.is_set():
                try:
                    self._read(0.2)
                except Exception:  # noqa: BLE001 - the connection closed: nothing more to read
                    return
        t = threading.Thread(target=loop, daemon=True)
        t.start()
        return t

    def close(self) -> None:
        try:
            self.ws.close()
        except Exception:  # noqa: BLE001
            pass
