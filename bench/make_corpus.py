#!/usr/bin/env python3
"""Builds the benchmark corpus: ~1 GB of CloudWatch JSON lines in 8 gzip files.

Why scale up a simulated incident instead of simulating 1 GB directly: the
simulator keeps a whole scenario in memory and is tuned for small, exact
scenarios scored by the tests. Here we take its `reference` scenario (two days
of one ECS service: routine request lines, gauges, probes, ECS events, 19
crashes with their panics, OOM kills and hangs) and lay copies of it end to end
in time, so the corpus keeps the simulator's realistic mix (mostly routine
request lines, a sprinkling of errors and crash signals) at any size.

The seed service is very quiet (one task, a request every 3-9 s), so probes and
gauges would be a third of its lines. A production service logs far more
requests than anything else, so each `request completed` line is followed by
`--requests-per-line - 1` more (times spread before the stream's next line,
so nothing moves past a crash; varied latency, distinct event ids). With the
default 10, about 95% of lines are routine requests, and about 5% (probes,
gauges, warnings, errors, crash signals, ECS events) are stored.

Each gzip file holds one copy of the two-day window. Copy k is shifted by 2*k
days and made distinct:
- `timestamp` / `ingestionTime` (epoch ms) and every ISO date inside messages
  move by 2*k days;
- task ids (32 hex), ECS deployment ids and event ids get a per-copy prefix,
  so no copy is a duplicate of another (dedup must not make the load smaller).
The heartbeat group, which the scenario exports as S3 text (shape D), is
rewritten as JSON lines so every file is shape A.

Usage: make_corpus.py SEED_DIR OUT_DIR [--files 8] [--copies-per-file 1] [--requests-per-line 10]
SEED_DIR is the output of `replay simulate --scenario reference --out SEED_DIR`.
Deterministic: the same seed folder gives byte-identical files.
"""
import argparse
import datetime as dt
import gzip
import json
import multiprocessing
import os
import re
import zlib

WINDOW_DAYS = 2
DAY_MS = 86_400_000
HEARTBEAT_GROUP = "/monitoring/heartbeat"


def read_bytes(path):
    with open(path, "rb") as f:
        data = f.read()
    return gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data


def iso_to_millis(text):
    return int(dt.datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp() * 1000)


def seed_lines(seed_dir, requests_per_line):
    """Every event of the seed as JSON lines, requests multiplied, sorted by time (stable)."""
    events = []
    logs = os.path.join(seed_dir, "logs")
    counter = 0
    for root, _, files in sorted(os.walk(logs)):
        for name in sorted(files):
            path = os.path.join(root, name)
            text = read_bytes(path).decode("utf-8")
            rel = os.path.relpath(path, logs)
            shape_d = rel.startswith("s3-export")
            if shape_d:
                # <prefix>/<export-task-id>/<log-stream...>/000000.gz
                parts = rel.split("/")
                stream = "/".join(parts[3:-1])
            for line in text.splitlines():
                if not line:
                    continue
                if shape_d:
                    stamp, message = line.split(" ", 1)
                    millis = iso_to_millis(stamp)
                    counter += 1
                    event_id = "300%014d%039d" % (millis, 10**30 + counter)
                    line = json.dumps({"timestamp": millis, "logGroup": HEARTBEAT_GROUP, "logStream": stream,
                                       "eventId": event_id, "ingestionTime": millis + 700, "message": message},
                                      separators=(",", ":"))
                else:
                    millis = int(re.search(r'"timestamp":(\d+)', line).group(1))
                stream = re.search(r'"logStream":"([^"]*)"', line).group(1)
                events.append((millis, stream, line))
    events += more_requests(events, requests_per_line)
    events.sort(key=lambda e: e[0])
    return "\n".join(line for _, _, line in events) + "\n"


INNER_TIME = re.compile(r'\\"timestamp\\":\\"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)\.(\d{6})Z')
LATENCY = re.compile(r'\\"latency_ms\\":(\d+)')
PATH = re.compile(r'\\"path\\":\\"(/[^\\"]*)\\"')


def more_requests(events, per_line):
    """Extra routine request lines after each `request completed` line, before its stream's next line."""
    if per_line <= 1:
        return []
    by_stream = {}
    for millis, stream, line in events:
        by_stream.setdefault(stream, []).append((millis, line))
    paths = sorted({m.group(1) for _, _, line in events if '\\"request completed\\"' in line for m in PATH.finditer(line)}
                   - {"/graphql"})  # a 2xx there would look like an exposure
    extra = []
    for stream, lines in by_stream.items():
        lines.sort(key=lambda e: e[0])
        for n, (millis, line) in enumerate(lines):
            if '\\"request completed\\"' not in line or '\\"level\\":\\"INFO\\"' not in line or n + 1 == len(lines):
                continue
            gap = lines[n + 1][0] - millis
            step = gap // per_line
            if step < 1:
                continue
            for j in range(1, per_line):
                t = millis + j * step
                when = dt.datetime.fromtimestamp(t / 1000, dt.timezone.utc)
                copy = line.replace('"timestamp":%d' % millis, '"timestamp":%d' % t, 1)
                copy = re.sub(r'"ingestionTime":(\d+)', lambda m: '"ingestionTime":%d' % (int(m.group(1)) + j * step), copy, 1)
                # event ids: "300" + 13-digit ms + zeros...; digits 16-18 carry j, so copies never collide.
                copy = re.sub(r'"eventId":"(\d{3})\d{13}\d{3}', lambda m: '"eventId":"%s%013d%03d' % (m.group(1), t, j), copy, 1)
                copy = INNER_TIME.sub(lambda m: '\\"timestamp\\":\\"%s.%03d%sZ' % (
                    when.strftime("%Y-%m-%dT%H:%M:%S"), t % 1000, m.group(2)[3:]), copy, 1)
                copy = LATENCY.sub(lambda m: '\\"latency_ms\\":%d' % ((int(m.group(1)) * 7 + j * 13) % 240 + 3), copy, 1)
                copy = PATH.sub(lambda m: '\\"path\\":\\"%s\\"' % paths[(t // 7 + j) % len(paths)], copy, 1)
                extra.append((t, stream, copy))
    return extra


EPOCH = re.compile(r'"(timestamp|ingestionTime)":(\d{13})')
DATE = re.compile(r"(20\d\d-\d\d-\d\d)(?=T)")
TASK_ID = re.compile(r"(?<![0-9a-f])[0-9a-f]{32}(?![0-9a-f])")
DEPLOYMENT = re.compile(r"ecs-svc/\d\d")
EVENT_ID = re.compile(r'"eventId":"\d\d\d')


def copy_of(seed, k):
    """Copy k of the seed: shifted by 2*k days, ids made distinct."""
    shift = k * WINDOW_DAYS * DAY_MS
    dates = {}

    def date(m):
        d = m.group(1)
        if d not in dates:
            dates[d] = (dt.date.fromisoformat(d) + dt.timedelta(days=k * WINDOW_DAYS)).isoformat()
        return dates[d]

    prefix = "%02x" % (k % 256)
    text = EPOCH.sub(lambda m: '"%s":%d' % (m.group(1), int(m.group(2)) + shift), seed)
    text = DATE.sub(date, text)
    text = TASK_ID.sub(lambda m: prefix + m.group(0)[2:], text)
    text = DEPLOYMENT.sub("ecs-svc/%02d" % (k % 100), text)
    text = EVENT_ID.sub('"eventId":"%03d' % k, text)
    return text


SEED = ""  # the seed text, shared with the worker processes by fork


def write_file(job):
    out_path, copies = job
    seed = SEED
    tmp = out_path + ".tmp"
    lines = 0
    size = 0
    with open(tmp, "wb") as f:
        z = zlib.compressobj(6, zlib.DEFLATED, 31)  # gzip wrapper, level 6 like `gzip` and AWS exports
        for k in copies:
            data = copy_of(seed, k).encode("utf-8")
            lines += data.count(b"\n")
            size += len(data)
            f.write(z.compress(data))
        f.write(z.flush())
    os.replace(tmp, out_path)
    return out_path, lines, size


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("seed")
    parser.add_argument("out")
    parser.add_argument("--files", type=int, default=8)
    parser.add_argument("--copies-per-file", type=int, default=1)
    parser.add_argument("--requests-per-line", type=int, default=10)
    args = parser.parse_args()
    global SEED
    SEED = seed_lines(args.seed, args.requests_per_line)
    os.makedirs(args.out, exist_ok=True)
    jobs = []
    for n in range(args.files):
        copies = range(n * args.copies_per_file, (n + 1) * args.copies_per_file)
        jobs.append((os.path.join(args.out, "part-%02d.jsonl.gz" % n), list(copies)))
    with multiprocessing.Pool(min(len(jobs), os.cpu_count() or 1)) as pool:
        total_lines = total_bytes = 0
        for path, lines, size in pool.imap(write_file, jobs):
            total_lines += lines
            total_bytes += size
            print("corpus: %s: %d lines, %.1f MB inflated, %.1f MB gzipped"
                  % (path, lines, size / 1e6, os.path.getsize(path) / 1e6))
    print("corpus: %d files, %d lines, %.2f GB inflated" % (len(jobs), total_lines, total_bytes / 1e9))


if __name__ == "__main__":
    main()
