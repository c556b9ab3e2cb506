"""Damaged encodings: reading a file grows with its size, never with its square.

Run with `.venv/bin/python -m pytest benchmarks/bench_decoding.py --benchmark-enable -s`. An archive holds
files whose encoding went wrong on the way in: UTF-8 mis-read as GBK and saved again (鏂囦欢 for 文件), and
files that alternate UTF-8 and GBK line by line (batches concatenated). Each is decoded at SHORT and at
4 × SHORT lines; the longer may take at most MAX_GROWTH times as long (linear work gives 4). The GBK repair
once encoded the text a character at a time (a second for 700 kB, twenty times its whole-text encoding), and
a file alternating encodings was judged run by run before `mixed_encodings.JUDGED_RUNS`.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from cleaner.io import decode
from timing import best_seconds

SHORT = 2_000  # lines
MAX_GROWTH = 6.0
ROUNDS = 2
UTF8_LINE = "第一版　要闻，魏都区深入开展专项行动。\n"
GBK_LINE = "魏都区深入开展“四个一百”专项行动，优化营商环境，为企业发展提供了强劲动力。\n"
# each kind of file, made at a number of lines, and how its reading is recorded (so the repair is what is timed)
FILES: dict[str, tuple[Callable[[int], bytes], str]] = {
    "utf8_mis_read_as_gbk": (
        lambda lines: (GBK_LINE * lines).encode().decode("gbk", "replace").encode(),
        "utf-8 mis-read as GBK and saved again",
    ),
    "alternating_utf8_and_gbk": (
        lambda lines: (UTF8_LINE.encode() + GBK_LINE.encode("gbk")) * (lines // 2),
        "mixed: utf-8 line 1, gb18030 line 2",
    ),
}


def seconds_to_decode(data: bytes) -> float:
    """The best of ROUNDS decodings of `data` (`timing.best_seconds`)."""
    return best_seconds(lambda: decode(data, "page.txt"), ROUNDS)


@pytest.mark.parametrize("kind", FILES)
def test_decoding_grows_linearly_with_the_file(benchmark, kind: str) -> None:  # type: ignore[no-untyped-def]
    make, recorded = FILES[kind]
    short, long = make(SHORT), make(4 * SHORT)
    assert decode(long, "page.txt")[1].startswith(recorded)
    short_seconds = seconds_to_decode(short)
    long_seconds = benchmark.pedantic(seconds_to_decode, args=(long,), rounds=1, iterations=1)
    # below a few milliseconds, timer resolution and start-up decide the ratio, not the work
    growth = long_seconds / max(short_seconds, 0.005)
    benchmark.extra_info.update(short_seconds=short_seconds, long_seconds=long_seconds, growth=growth)
    print(f"\n{kind}: {len(short):,} bytes {short_seconds:.3f} s, {len(long):,} bytes {long_seconds:.3f} s")
    assert growth <= MAX_GROWTH
