#!/usr/bin/env python3
"""Cache-miss storm against a running Earshot on loopback.

CONCURRENCY clients each fetch, one after another, URLs from URL_FILE (every one uncached: mixed formats and speeds),
for SECONDS; meanwhile a probe asks for PAGE every 0.5 s and the server's resident memory is sampled every 0.25 s.
Prints one JSON line: status counts, p50/p99 wait per status, how many 503s carried Retry-After, page latency during
the storm, peak and final RSS.

usage: bench/storm.py PORT PID URL_FILE [SECONDS=60] [CONCURRENCY=100] [PAGE=/]
"""
import asyncio
import json
import sys
import time

PORT, PID, URL_FILE = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
SECONDS = float(sys.argv[4]) if len(sys.argv) > 4 else 60
CONCURRENCY = int(sys.argv[5]) if len(sys.argv) > 5 else 100
PAGE = sys.argv[6] if len(sys.argv) > 6 else "/"
URLS = [line.strip() for line in open(URL_FILE) if line.strip()]


async def fetch(path, timeout=180):
    """(status, seconds, retry_after) for one GET; status 0 if the connection failed or timed out."""
    start = time.monotonic()
    try:
        reader, writer = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", PORT), 10)
        writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
        await writer.drain()
        data = await asyncio.wait_for(reader.read(-1), timeout)
        writer.close()
        head = data.split(b"\r\n\r\n", 1)[0].decode("latin-1")
        status = int(head.split(" ", 2)[1]) if head.startswith("HTTP/") else 0
        found = [l.split(":", 1)[1].strip() for l in head.split("\r\n") if l.lower().startswith("retry-after:")]
        retry = found[0] if found else False
        return status, time.monotonic() - start, retry
    except (asyncio.TimeoutError, OSError, ValueError, IndexError):
        return 0, time.monotonic() - start, False


def rss_kb(field="VmRSS"):
    try:
        with open(f"/proc/{PID}/status") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def pct(values, p):
    if not values:
        return None
    values = sorted(values)
    return round(values[min(len(values) - 1, int(p / 100 * len(values)))] * 1000)


async def main():
    results, pages, rss = [], [], []
    queue = iter(URLS)
    end = time.monotonic() + SECONDS

    async def client():
        while time.monotonic() < end:
            path = next(queue, None)
            if path is None:
                return
            results.append(await fetch(path))

    async def probe():
        while time.monotonic() < end:
            status, seconds, _ = await fetch(PAGE, 30)
            pages.append((status, seconds))
            await asyncio.sleep(0.5)

    async def memory():
        while time.monotonic() < end:
            rss.append(rss_kb())
            await asyncio.sleep(0.25)

    started = time.monotonic()
    await asyncio.gather(*(client() for _ in range(CONCURRENCY)), probe(), memory())
    counts, waits = {}, {}
    for status, seconds, _ in results:
        counts[status] = counts.get(status, 0) + 1
        waits.setdefault(status, []).append(seconds)
    page_times = [s for _, s in pages]
    print(json.dumps({
        "seconds": round(time.monotonic() - started, 1), "concurrency": CONCURRENCY, "requests": len(results),
        "status": {str(k): v for k, v in sorted(counts.items())},
        "wait_ms": {str(k): {"p50": pct(v, 50), "p99": pct(v, 99), "max": pct(v, 100)} for k, v in sorted(waits.items())},
        "all_wait_ms": {"p50": pct([s for _, s, _ in results], 50), "p99": pct([s for _, s, _ in results], 99)},
        "503_with_retry_after": sum(1 for s, _, r in results if s == 503 and r),
        "retry_after_values": {v: sum(1 for s, _, r in results if r == v) for v in sorted({r for _, _, r in results if r})},
        "page": {"count": len(pages), "ok": sum(1 for s, _ in pages if s == 200), "p50_ms": pct(page_times, 50),
                 "p99_ms": pct(page_times, 99), "max_ms": pct(page_times, 100)},
        "rss_peak_mb": round(max(rss + [0]) / 1024), "rss_hwm_mb": round(rss_kb("VmHWM") / 1024),
        "rss_end_mb": round(rss_kb() / 1024)}))


asyncio.run(main())
