"""Running a C++ call: in a worker thread (the GIL is released inside), so
that Ctrl-C in the main thread interrupts it; results parsed from JSON and
checked for non-finite values as the CLI checks them."""
import json
import threading

from . import _core
from ._results import non_finite_path


def run(function, *args, hint=""):
    box = {}

    def work():
        try:
            box["value"] = function(*args)
        except BaseException as e:  # handed to the caller's thread
            box["error"] = e

    worker = threading.Thread(target=work, name="aelandscape-call", daemon=True)
    worker.start()
    try:
        while worker.is_alive():
            worker.join(0.05)
    except KeyboardInterrupt:
        # The call stops at its next progress point; the next call waits for it.
        _core.request_interrupt()
        worker.join(2.0)
        raise
    if "error" in box:
        raise box["error"]
    doc = json.loads(box["value"])
    where = non_finite_path(doc)
    if where:
        raise RuntimeError(f"result '{where}' is not finite{hint}")
    return doc
