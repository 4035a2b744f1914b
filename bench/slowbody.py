#!/usr/bin/env python3
"""Slow-body flood against a running Earshot on loopback.

Opens CONNECTIONS connections that each POST to the TwiML webhook with a 1,000-byte form body trickled one byte
every TRICKLE seconds, and meanwhile asks for a page and /healthz every 0.25 s. Prints one JSON line: probe
latencies (p50, max, failures), and how the slow connections ended (an HTTP status, or closed without one).

usage: bench/slowbody.py PORT [CONNECTIONS=1000] [SECONDS=20] [PAGE=/what-is-ketamine] [SLUG=what-is-ketamine]
"""
import asyncio
import json
import statistics
import sys
import time

PORT = int(sys.argv[1])
CONNECTIONS = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
SECONDS = float(sys.argv[3]) if len(sys.argv) > 3 else 20
PAGE = sys.argv[4] if len(sys.argv) > 4 else "/what-is-ketamine"
SLUG = sys.argv[5] if len(sys.argv) > 5 else "what-is-ketamine"
TRICKLE = 1.0


async def slow_post(outcomes):
    try:
        reader, writer = await asyncio.open_connection("127.0.0.1", PORT)
    except OSError as e:
        outcomes.append("connect failed")
        return
    head = (f"POST /ivr/{SLUG}/twiml HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\n")
    outcome = "still open"
    try:
        writer.write(head.encode())
        await writer.drain()
        deadline = time.monotonic() + SECONDS
        while time.monotonic() < deadline:
            try:
                line = await asyncio.wait_for(reader.readline(), TRICKLE)
                outcome = line.decode(errors="replace").split(" ")[1] if line.startswith(b"HTTP/") else "closed"
                break
            except asyncio.TimeoutError:
                writer.write(b"D")
                await writer.drain()
    except (ConnectionError, OSError):
        outcome = "closed"
    finally:
        writer.close()
    outcomes.append(outcome)


async def probe(path, results, stop):
    while not stop.is_set():
        start = time.monotonic()
        status = "error"
        try:
            reader, writer = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", PORT), 5)
            writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
            await writer.drain()
            line = await asyncio.wait_for(reader.readline(), 10)
            status = line.decode().split(" ")[1] if line else "closed"
            await asyncio.wait_for(reader.read(), 10)
            writer.close()
        except (asyncio.TimeoutError, OSError, IndexError):
            pass
        results.append((time.monotonic() - start, status))
        await asyncio.sleep(0.25)


async def main():
    outcomes, pages, health = [], [], []
    stop = asyncio.Event()
    posts = []
    for i in range(CONNECTIONS):
        posts.append(asyncio.create_task(slow_post(outcomes)))
        if i % 100 == 99:
            await asyncio.sleep(0.05)
    await asyncio.sleep(1)  # let the flood settle before probing
    probes = [asyncio.create_task(probe(PAGE, pages, stop)), asyncio.create_task(probe("/healthz", health, stop))]
    await asyncio.gather(*posts)
    stop.set()
    await asyncio.gather(*probes)

    def summary(results):
        times = sorted(t for t, _ in results)
        ok = sum(1 for _, s in results if s == "200")
        return {"count": len(results), "ok": ok, "p50_ms": round(statistics.median(times) * 1000, 1) if times else None,
                "max_ms": round(max(times) * 1000, 1) if times else None}

    counts = {}
    for o in outcomes:
        counts[o] = counts.get(o, 0) + 1
    print(json.dumps({"connections": CONNECTIONS, "seconds": SECONDS, "slow_posts": counts,
                      "page": summary(pages), "healthz": summary(health)}))


asyncio.run(main())
