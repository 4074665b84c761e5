#!/usr/bin/env python3
"""Bounded load on a running `geotool serve` (loopback only): submits a small synthetic batch, then
sends N batch-status requests over C keep-alive connections (one thread each), stopping at N requests
or after 30 s, and prints requests/s, p50 and p99 latency and the error count.

    geotool serve --run-dir /tmp/run --port 8765 --jobs 2 &
    scripts/serve_load.py --port 8765 [--requests 2000] [--connections 16]
"""
import argparse
import http.client
import json
import sys
import threading
import time

HOST = "127.0.0.1"  # never anything else: load tests stay on this machine


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--requests", type=int, default=2000)
    ap.add_argument("--connections", type=int, default=16)
    ap.add_argument("--seconds", type=float, default=30.0)
    args = ap.parse_args()

    conn = http.client.HTTPConnection(HOST, args.port, timeout=10)
    spec = {"name": "load", "kind": "synthetic", "isolation": "thread",
            "parameters": {"x": {"sweep": {"start": 0, "stop": 9, "num": 10}}}}
    conn.request("POST", "/api/v1/batch/batch/submit", json.dumps(spec), {"Content-Type": "application/json"})
    reply = conn.getresponse()
    body = json.loads(reply.read())
    if reply.status != 201:
        sys.exit(f"submit failed: {reply.status} {body}")
    path = f"/api/v1/batch/batch/{body['batch_id']}/status"

    per_connection = args.requests // args.connections
    latencies, errors, lock = [], [0], threading.Lock()
    start = time.perf_counter()
    deadline = start + args.seconds

    def worker():
        c = http.client.HTTPConnection(HOST, args.port, timeout=10)
        mine, failed = [], 0
        for _ in range(per_connection):
            if time.perf_counter() > deadline:
                break
            t0 = time.perf_counter()
            try:
                c.request("GET", path)
                r = c.getresponse()
                r.read()
                failed += r.status != 200
            except OSError:
                failed += 1
                c = http.client.HTTPConnection(HOST, args.port, timeout=10)
            mine.append(time.perf_counter() - t0)
        with lock:
            latencies.extend(mine)
            errors[0] += failed

    threads = [threading.Thread(target=worker) for _ in range(args.connections)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - start
    latencies.sort()
    n = len(latencies)
    p = lambda q: latencies[min(n - 1, max(0, int(q * n + 0.999999) - 1))] * 1000
    print(f"{n} requests, {args.connections} connections: {elapsed:.2f} s, {n / elapsed:.0f} requests/s, "
          f"p50 {p(0.50):.2f} ms, p99 {p(0.99):.2f} ms, {errors[0]} errors")
    sys.exit(1 if errors[0] or n < args.requests else 0)


if __name__ == "__main__":
    main()
