"""Wall-clock timing of matrix products, for the "Matmul at scale" chapter.

Times are the best of a few repeats measured with ``time.perf_counter``: the minimum is the run
least disturbed by other work on the machine, which is what a small benchmark can trust.
Library timings are taken on one thread (see ``single_thread``) so that they compare the code on
one core and do not depend on how busy the machine's other cores are.
"""
from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import numpy as np
import torch
from threadpoolctl import threadpool_limits

from linalg_ai.matmul import matmul_flops


@contextmanager
def single_thread() -> Iterator[None]:
    """Run numpy's BLAS and torch on one thread inside the block, then restore their settings.

    On a machine whose other cores are busy, a multi-threaded product waits for its helper
    threads to be scheduled, and small products then take milliseconds instead of microseconds.
    """
    torch_threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        with threadpool_limits(limits=1, user_api="blas"):
            yield
    finally:
        torch.set_num_threads(torch_threads)


def best_time(call: Callable[[], Any], repeats: int = 5, min_seconds: float = 0.01) -> float:
    """Smallest wall-clock time in seconds of one ``call()``, over ``repeats`` measurements.

    One untimed call goes first, so one-off costs (thread pools, memory allocation, lazy set-up in
    torch) are not charged to the measurement; its duration also sets how many calls each
    measurement averages over, so that one measurement lasts at least ``min_seconds`` and a
    microsecond-long call is not lost in the clock's resolution and in scheduler noise.
    """
    if repeats < 1:
        raise ValueError(f"repeats must be at least 1, got {repeats}")
    start = time.perf_counter()
    call()
    first = time.perf_counter() - start
    calls = max(1, math.ceil(min_seconds / max(first, 1e-9)))
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(calls):
            call()
        best = min(best, (time.perf_counter() - start) / calls)
    return best


@dataclass(frozen=True)
class MatmulTiming:
    """One measurement: ``method`` multiplied two ``size`` x ``size`` matrices in ``seconds``."""

    method: str
    size: int
    seconds: float

    @property
    def flops(self) -> int:
        return matmul_flops(self.size, self.size, self.size)

    @property
    def gflops_per_second(self) -> float:
        return self.flops / self.seconds / 1e9


def time_square_matmuls(
    method: str,
    multiply: Callable[[Any, Any], Any],
    to_operand: Callable[[np.ndarray], Any],
    sizes: Iterable[int],
    repeats: int = 5,
    seed: int = 0,
) -> list[MatmulTiming]:
    """Time ``multiply(A, B)`` for random n x n matrices, one n per entry of ``sizes``.

    The operands are drawn with numpy (seeded) and converted once, outside the timed region, by
    ``to_operand`` (e.g. ``ndarray.tolist`` for pure Python, ``torch.from_numpy`` for torch).
    """
    rng = np.random.default_rng(seed)
    timings = []
    for n in sizes:
        A = to_operand(rng.standard_normal((n, n)))
        B = to_operand(rng.standard_normal((n, n)))
        seconds = best_time(lambda: multiply(A, B), repeats=repeats)
        timings.append(MatmulTiming(method, n, seconds))
    return timings
