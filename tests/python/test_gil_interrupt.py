"""Long calls release the GIL (another Python thread keeps running) and Ctrl-C
(KeyboardInterrupt in the main thread) interrupts them."""
import _thread
import threading
import time

import aelandscape as ael


def long_call():
    # the numeric 2np x 2np Hessian (192 x 192) in MPFR: about a second
    return ael.lae.spectrum(n=16, m=60, p=6, method="numeric", digits=60)


def test_other_threads_run_during_a_call():
    count = 0
    stop = threading.Event()

    def counter():
        nonlocal count
        while not stop.is_set():
            count += 1
            time.sleep(0.001)

    t = threading.Thread(target=counter)
    t.start()
    start = time.monotonic()
    before = count
    long_call()
    elapsed = time.monotonic() - start
    during = count - before
    stop.set()
    t.join()
    # a thread blocked by the GIL would not count at all while the call runs
    # (it sleeps 1 ms per count, so up to 1000 counts a second; ask for 10 a second)
    assert elapsed > 0.3 and during > 10 * elapsed, (elapsed, during)


def test_ctrl_c_interrupts_and_the_next_call_works():
    timer = threading.Timer(0.3, _thread.interrupt_main)
    start = time.monotonic()
    timer.start()
    try:
        ael.verify(only="LAE")  # about 4 s; stops between claims
        raise AssertionError("not interrupted")
    except KeyboardInterrupt:
        pass
    assert time.monotonic() - start < 5
    assert ael.sign.denoiser_risk(rate=1, p=0.5, digits=20).risk
