#!/usr/bin/env python3
"""Runs `replay` over a hostile corpus and checks the promises of issue 7.

Usage: scripts/hostile-check.py OUT [--replay .build/debug/replay] [--limit-seconds 120] [--limit-mb 512]

OUT is what scripts/hostile-corpus.py wrote (OUT/corpus, OUT/manifest.json).
Runs `replay ingest OUT/corpus` and then `replay analyze OUT/corpus --json`
(everything already ingested, so it analyses) under /usr/bin/time -v with a
hard timeout, and checks for each run: the exit status is 0 or 1 (never a
signal), peak RSS is under the limit, wall time is under the limit. Then it
checks that every hidden valid event of the manifest is in the database, and
that no planted secret appears on stdout, stderr, in the report or the JSON.
Prints one line per check and exits 1 when any fails.
"""
import argparse
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import time


def run(cmd, timeout, work):
    """Runs cmd under /usr/bin/time -v; returns (status, signal, rss_mb, seconds, stdout, stderr)."""
    timing = os.path.join(work, "time.txt")
    started = time.monotonic()
    proc = subprocess.Popen(["/usr/bin/time", "-v", "-o", timing] + cmd, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, start_new_session=True)
    try:
        out, err = proc.communicate(timeout=timeout)
        timed_out = False
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, 9)
        out, err = proc.communicate()
        timed_out = True
    seconds = time.monotonic() - started
    text = open(timing).read() if os.path.exists(timing) else ""
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
    status = re.search(r"Exit status: (\d+)", text)
    signal = re.search(r"Command terminated by signal (\d+)", text)
    return (int(status.group(1)) if status else None, int(signal.group(1)) if signal else (9 if timed_out else None),
            int(rss.group(1)) / 1024 if rss else None, seconds, out.decode(errors="replace"), err.decode(errors="replace"),
            timed_out)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--replay", default=".build/debug/replay")
    parser.add_argument("--limit-seconds", type=float, default=120)
    parser.add_argument("--limit-mb", type=float, default=512)
    args = parser.parse_args()
    manifest = json.load(open(os.path.join(args.out, "manifest.json")))
    corpus = os.path.join(args.out, "corpus")
    work = os.path.join(args.out, "run")
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    db = os.path.join(work, "replay.sqlite")
    failures = []

    def check(ok, text):
        print(("ok   " if ok else "FAIL ") + text)
        if not ok:
            failures.append(text)

    outputs = []
    for name, cmd in [
        ("ingest", [args.replay, "ingest", corpus, "--db", db]),
        ("analyze", [args.replay, "analyze", corpus, "--db", db, "--report", os.path.join(work, "report.md"),
                     "--json", os.path.join(work, "incidents.json")]),
    ]:
        status, signal, rss, seconds, out, err, timed_out = run(cmd, args.limit_seconds, work)
        open(os.path.join(work, f"{name}.stdout"), "w").write(out)
        open(os.path.join(work, f"{name}.stderr"), "w").write(err)
        outputs += [out, err]
        print(f"     {name}: {manifest['files']} files, exit {status}, signal {signal}, "
              f"peak RSS {rss and round(rss)} MB, {seconds:.1f} s")
        check(signal is None and status in (0, 1), f"{name} exits with 0 or 1 (got status {status}, signal {signal})")
        check(not timed_out and seconds < args.limit_seconds, f"{name} finishes within {args.limit_seconds:.0f} s ({seconds:.1f} s)")
        check(rss is not None and rss < args.limit_mb, f"{name} peak RSS under {args.limit_mb:.0f} MB ({rss and round(rss)} MB)")

    found = set()
    if os.path.exists(db):
        with sqlite3.connect(db) as conn:
            for (message,) in conn.execute("SELECT message FROM event WHERE message LIKE '%hidden-%'"):
                found.update(re.findall(r"hidden-\d{6}", message))
    expected = set(manifest["expected"])
    missing = sorted(expected - found)
    check(not missing, f"hidden valid events found: {len(expected & found)}/{len(expected)}"
          + (f" (missing e.g. {missing[:5]})" if missing else ""))

    for path in ["report.md", "incidents.json"]:
        full = os.path.join(work, path)
        if os.path.exists(full):
            outputs.append(open(full, errors="replace").read())
    leaked = [s for s in manifest["secrets"] if any(s in text for text in outputs)]
    check(not leaked, f"no planted secret in stdout, stderr, report or JSON (leaked: {leaked})")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
