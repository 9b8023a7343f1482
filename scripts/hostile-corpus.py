#!/usr/bin/env python3
"""Writes several hundred hostile export files with valid events hidden among them.

Usage: scripts/hostile-corpus.py OUT [--seed N] [--files N]

Writes OUT/corpus/ (the files to ingest) and OUT/manifest.json (what must be
found). Deterministic for a seed. Every valid event carries a unique marker
`hidden-NNNNNN` in its message and is a line `replay` must keep (an ERROR or a
plain-text line, never a routine INFO line, so it is stored in the `event`
table). Events a cut or a bomb cap legitimately loses are not counted as
expected: for a cut gzip only the lines wholly inside the decodable prefix are.

Planted secrets (AWS keys, passwords, bearer tokens, URL passwords, JWTs) sit in
valid events, in bad lines and in file names' neighbours; `manifest.json` lists
them so the check can assert that none reaches stdout, stderr, the report or
the incidents JSON.

What the corpus holds (see `KINDS` below): random bytes, gzip with a bad CRC,
gzip cut at random points, decompression bombs (zeros, short bad lines, an
unclosed JSON array), NUL bytes, UTF-8 BOMs, UTF-16 LE/BE, JSON nested 100000
deep, huge numbers and out-of-range timestamps, multi-MB messages, wrong types
(`logEvents` not a list, `events` an object), CR-only line ends, blank-line
floods, concatenated members with garbage between, a FIFO named like a log
file, a socket, device symlinks, and directory symlink loops (to `.`, `..`,
`../..`, `/`, and a two-link cycle).

`--without-known-bugs` leaves out the files that trip bugs still open in code
owned elsewhere (see KNOWN_BUGS), to check everything else meanwhile.
"""
import argparse
import base64
import gzip
import json
import os
import random
import socket
import struct
import zlib

BASE_MS = 1774184000000  # 2026-03-22T12:53:20Z
TASK = "4b1f0c2e9a7d4e0f8d1c2b3a4f5e6d7c"
STREAM = "ecs/app/" + TASK

SECRETS = [
    "AKIAQHOSTILE7EXAMPL3",
    "hunter2-planted-pw-91",
    "planted-bearer-0f9e8d7c6b5a49382716",
    "pgpass-planted-77",
    "ghp_PLANTEDplantedPLANTEDplantedPLANTED12",
    "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJwbGFudGVkIn0.cGxhbnRlZHNpZ25hdHVyZQ",
]


def secret_text(rng):
    """A sentence holding one planted secret in a shape the redactor knows."""
    k = rng.randrange(6)
    s = SECRETS[k]
    return [
        f"using key {s} for s3",
        f"login password={s} failed",
        f"Authorization: Bearer {s}",
        f"connecting to postgres://app:{s}@db.internal:5432/x",
        f"cloning with {s}",
        f"session token accepted: {s}",
    ][k]


class Corpus:
    def __init__(self, out, seed):
        self.root = os.path.join(out, "corpus")
        self.out = out
        self.rng = random.Random(seed)
        self.next_id = 0
        self.expected = []  # markers that must be found
        self.files = 0

    # --- valid events -------------------------------------------------
    def hidden(self, with_secret=False):
        """A new hidden marker and its message (plain text, so it is kept)."""
        n = self.next_id
        self.next_id += 1
        marker = f"hidden-{n:06d}"
        text = f"ERROR {marker} request failed"
        if with_secret:
            text += " " + secret_text(self.rng)
        return marker, text, BASE_MS + n * 1000

    def line_a(self, expect=True, with_secret=None):
        if with_secret is None:
            with_secret = self.rng.random() < 0.2
        marker, text, ts = self.hidden(with_secret)
        if expect:
            self.expected.append(marker)
        return (json.dumps({"timestamp": ts, "logGroup": "/ecs/hostile", "logStream": STREAM,
                            "message": text}, separators=(",", ":")) + "\n").encode()

    def record_b(self, count=2):
        events = []
        for _ in range(count):
            marker, text, ts = self.hidden()
            self.expected.append(marker)
            events.append({"id": f"{ts}{self.next_id:08d}", "timestamp": ts, "message": text})
        return (json.dumps({"messageType": "DATA_MESSAGE", "owner": "123456789012", "logGroup": "/ecs/hostile",
                            "logStream": STREAM, "subscriptionFilters": ["s3"], "logEvents": events},
                           separators=(",", ":")) + "\n").encode()

    def line_d(self):
        marker, text, ts = self.hidden()
        self.expected.append(marker)
        iso = "2026-03-22T%02d:%02d:%02d.%03dZ" % divmod_time(ts)
        return f"{iso} {text}\n".encode()

    # --- writing ------------------------------------------------------
    def path(self, kind, name):
        folder = os.path.join(self.root, kind)
        os.makedirs(folder, exist_ok=True)
        self.files += 1
        return os.path.join(folder, name)

    def write(self, kind, name, data):
        with open(self.path(kind, name), "wb") as f:
            f.write(data)

    def garbage(self, n):
        return bytes(self.rng.getrandbits(8) for _ in range(n))

    def valid_block(self, n=None):
        n = n if n is not None else self.rng.randint(1, 4)
        return b"".join(self.line_a() for _ in range(n))


def divmod_time(ms):
    s, milli = divmod(ms, 1000)
    s %= 86400
    h, rest = divmod(s, 3600)
    m, sec = divmod(rest, 60)
    return h, m, sec, milli


def decodable_prefix(data):
    """The bytes a streaming gzip reader can deliver from a possibly damaged file."""
    out = bytearray()
    while data:
        d = zlib.decompressobj(16 + 15)
        try:
            out += d.decompress(data)
        except zlib.error:
            break
        if not d.eof:
            break
        data = d.unused_data.lstrip(b"\0")
    return bytes(out)


def markers_in_whole_lines(text):
    """Markers on lines that end with a newline (a cut last line is dropped)."""
    found = []
    for line in text.split(b"\n")[:-1]:
        i = line.find(b"hidden-")
        if i >= 0:
            found.append(line[i:i + 13].decode())
    return found


# --- the kinds of hostile files ------------------------------------------

def random_bytes(c, i):
    parts = []
    for _ in range(c.rng.randint(1, 6)):
        parts.append(c.garbage(c.rng.randint(0, 40000)))
        parts.append(b"\n" + c.valid_block())
    c.write("random", f"random-{i:03d}.jsonl", b"".join(parts))


def random_binary_gz_name(c, i):
    # random bytes starting with the gzip magic: a "gzip" with a garbage header
    c.write("random", f"fake-{i:03d}.gz", b"\x1f\x8b" + c.garbage(c.rng.randint(0, 5000)))


def bad_crc(c, i):
    body = c.valid_block(c.rng.randint(2, 6))
    gz = bytearray(gzip.compress(body))
    gz[-8] ^= 0xFF  # CRC32 of the member
    # Every line is delivered before the CRC is checked; lines with their newline are kept.
    c.write("badcrc", f"crc-{i:03d}.jsonl.gz", bytes(gz))


def cut_gzip(c, i):
    first = len(c.expected)
    body = c.valid_block(c.rng.randint(3, 30))
    del c.expected[first:]  # decide below what survives the cut
    gz = gzip.compress(body)
    cut = c.rng.randint(0, len(gz) - 1)
    data = gz[:cut]
    c.expected.extend(markers_in_whole_lines(decodable_prefix(data)) if len(data) >= 2 else [])
    c.write("cutgzip", f"cut-{i:03d}.jsonl.gz", data)


def multi_member_with_junk(c, i):
    a = gzip.compress(c.valid_block(3))
    b = gzip.compress(c.valid_block(3))
    first_b = len(c.expected) - 3
    junk = c.rng.choice([b"\0" * 512, b"garbage between members", c.garbage(64)])
    data = a + junk + b
    if junk.strip(b"\0"):
        del c.expected[first_b:]  # a damaged second member: only the first is sure
        c.expected.extend(markers_in_whole_lines(decodable_prefix(data))[3:])
    c.write("members", f"members-{i:03d}.jsonl.gz", data)


def bomb(c, i, kind):
    """A small gzip that inflates to hundreds of MB, with valid events before the filler."""
    head = c.valid_block(3)
    size = 300 << 20
    pattern = {"zeros": b"\0", "lines": b"y\n", "array": b"[", "spaces": b" ", "blank": b"\n",
               "brace": b'{"a":'}[kind]
    co = zlib.compressobj(9, zlib.DEFLATED, 16 + 15)
    out = [co.compress(head)]
    chunk = pattern * ((1 << 20) // len(pattern))
    for _ in range(size // len(chunk)):
        out.append(co.compress(chunk))
    out.append(co.flush())
    c.write("bomb", f"bomb-{kind}-{i:03d}.log.gz", b"".join(out))


def nul_bytes(c, i):
    parts = [c.valid_block(), b"\0" * c.rng.randint(1, 5000), b"\n",
             b'{"timestamp":1774184000000,"message":"nul\0inside"}\n', c.valid_block(),
             b"\0\n\0\0\n", c.valid_block()]
    c.write("nul", f"nul-{i:03d}.jsonl", b"".join(parts))


def boms(c, i):
    bom = b"\xef\xbb\xbf"
    c.write("bom", f"bom-start-{i:03d}.jsonl", bom + c.valid_block(3))
    c.write("bom", f"bom-only-{i:03d}.jsonl", bom)
    c.write("bom", f"bom-gz-{i:03d}.jsonl.gz", gzip.compress(bom + c.valid_block(2)))


def utf16(c, i):
    lines = c.valid_block(3).decode()
    c.write("utf16", f"le-{i:03d}.jsonl", b"\xff\xfe" + lines.encode("utf-16-le"))
    c.write("utf16", f"be-{i:03d}.jsonl", b"\xfe\xff" + lines.encode("utf-16-be"))
    # without a BOM: not UTF-8 JSON, reported; its events are not expected
    first = len(c.expected)
    c.write("utf16", f"nobom-{i:03d}.jsonl", c.valid_block(2).decode().encode("utf-16-le"))
    del c.expected[first:]


def deep_json(c, i):
    d = 100000
    variants = [
        b"[" * d + b"]" * d,
        b'{"a":' * d + b"1" + b"}" * d,
        b"[" * d,  # never closed
        b'{"messageType":"DATA_MESSAGE","logEvents":' + b"[" * d + b"]" * d + b"}",
        b'{"events":' + b"[" * d + b"]" * d + b"}",
        json.dumps({"timestamp": BASE_MS, "message": "[" * d + "]" * d}).encode(),
        b'{"timestamp":1774184000000,"message":"x","extra":' + b'{"a":' * d + b"1" + b"}" * d + b"}",
    ]
    v = variants[i % len(variants)]
    c.write("deep", f"deep-{i:03d}.jsonl", c.valid_block() + v + b"\n" + c.valid_block())


def numbers(c, i):
    bad = ["1e400", "-1e400", "99999999999999999999999999", "-9000000000000000000", "-9223372036854775808",
           "9223372036854775807", "0", "-1", "1e-400", "123.456e789", "4102444800000", "-0", "1" * 400,
           '"9999-12-31T23:59:59Z"', '"0000-01-01T00:00:00Z"', '"2026-13-45T99:99:99Z"', "true", "null",
           "[]", "{}", '"2026-03-22T12:53:20.' + "9" * 5000 + 'Z"']
    v = bad[i % len(bad)]
    parts = [c.valid_block(), ('{"timestamp":%s,"message":"bad time %s"}\n' % (v, secret_text(c.rng))).encode(),
             c.valid_block(), ('{"timestamp":1774184000000,"message":"n","status":%s,"level":%s}\n' % (v, v)).encode(),
             c.valid_block()]
    c.write("numbers", f"numbers-{i:03d}.jsonl", b"".join(parts))


def huge_message(c, i):
    size = c.rng.randint(2, 6) << 20
    big = json.dumps({"timestamp": BASE_MS, "message": "M" * size}).encode() + b"\n"
    c.write("huge", f"huge-{i:03d}.jsonl", c.valid_block() + big + c.valid_block())


def wrong_types(c, i):
    shapes = [
        '{"messageType":"DATA_MESSAGE","logGroup":"g","logStream":"s","logEvents":{"a":1}}',
        '{"messageType":"DATA_MESSAGE","logEvents":"nope"}',
        '{"messageType":"DATA_MESSAGE","logEvents":[1,"x",null,[]]}',
        '{"messageType":7,"logEvents":[{"timestamp":"x","message":3}]}',
        '{"events":{"timestamp":1774184000000,"message":"x"}}',
        '{"events":"x"}',
        '{"events":[1,2,{"message":{"a":1},"timestamp":1774184000000}]}',
        '{"timestamp":1774184000000,"message":{"nested":true}}',
        '{"timestamp":1774184000000,"message":null}',
        '{"timestamp":true,"message":"x"}',
        '{"timestamp":1774184000000,"message":"x","logStream":{"a":1},"logGroup":[1],"eventId":{}}',
        '[1,2,3]',
        '"just a string"',
        '{"timestamp":1774184000000,"message":"{\\"detail-type\\":\\"ECS Task State Change\\",\\"detail\\":[]}"}',
        '{"timestamp":1774184000000,"message":"{\\"detail-type\\":\\"ECS Task State Change\\",\\"detail\\":{\\"taskArn\\":5,\\"containers\\":{}}}"}',
        '{"timestamp":1774184000000,"message":"{\\"check\\":\\"health\\",\\"status\\":1e999}"}',
        '{"timestamp":1774184000000,"message":"{\\"level\\":99999999999999999999,\\"fields\\":{\\"rss_mb\\":\\"x\\"}}"}',
    ]
    body = c.valid_block() + "\n".join(shapes).encode() + b"\n" + c.valid_block()
    c.write("types", f"types-{i:03d}.jsonl", body)
    # the same, pretty-printed as one stream (the framer's stream mode)
    doc = b'{"events": [\n  {"timestamp": 1774184000000,\n   "message": 5},\n  [1, {"x": 2}],\n  "str"\n ],\n "searchedLogStreams": {}\n}\n'
    c.write("types", f"types-stream-{i:03d}.json", doc)


def infinite_gauge(c, i):
    """A gauge line whose value overflows a Double (1e400 is infinity)."""
    line = '{"timestamp":%d,"logStream":"%s","message":"{\\"fields\\":{\\"message\\":\\"memory\\",\\"rss_mb\\":1e400,\\"limit_mb\\":2048}}"}\n' % (BASE_MS + i, STREAM)
    c.write("gauge", f"gauge-{i:03d}.jsonl", c.valid_block() + line.encode() + c.valid_block())


def line_ends(c, i):
    block = c.valid_block(3)
    cr_only = block.replace(b"\n", b"\r")  # one long line: reported (or one record), not expected
    first = len(c.expected) - 3
    del c.expected[first:]
    c.write("lineends", f"cr-{i:03d}.jsonl", cr_only)
    c.write("lineends", f"crlf-{i:03d}.jsonl", c.valid_block(3).replace(b"\n", b"\r\n"))
    c.write("lineends", f"nofinal-{i:03d}.jsonl", c.valid_block(2).rstrip(b"\n"))
    c.write("lineends", f"blank-{i:03d}.jsonl", b"\n" * 200000 + c.valid_block() + b" \t\r\n" * 1000)


def shapes_mix(c, i):
    c.write("shapes", f"b-{i:03d}.jsonl", c.record_b() + b"not json\n" + c.record_b())
    c.write("shapes", f"b-concat-{i:03d}", c.record_b().rstrip() + b"}{broken" + b"\n" + c.record_b())
    export = os.path.join("export", "0b3c7f9e-1d2a-4c5b-8e6f-7a8b9c0d1e2f", "ecs", "app", TASK)
    body = c.line_d() + b"2026-99-99T00:00:00Z bad date\n" + b"not a time at all\n" + c.line_d()
    c.write(export, f"{i:06d}.gz", gzip.compress(body))


def bad_utf8(c, i):
    bad = [b"\xff\xfe\xfd", b"\xc0\xaf", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\xe2\x82"]
    v = bad[i % len(bad)]
    line = b'{"timestamp":1774184000000,"message":"bad ' + v + b' utf8"}\n'
    esc = b'{"timestamp":1774184000001,"message":"lone \\ud800 surrogate \\u0000 nul"}\n'
    c.write("utf8", f"utf8-{i:03d}.jsonl", c.valid_block() + line + v + b"\n" + esc + c.valid_block())


def empty_and_tiny(c, i):
    c.write("tiny", f"empty-{i:03d}.jsonl", b"")
    c.write("tiny", f"gz-empty-{i:03d}.gz", gzip.compress(b""))
    c.write("tiny", f"one-byte-{i:03d}.gz", b"\x1f")
    c.write("tiny", f"magic-{i:03d}.gz", b"\x1f\x8b")
    c.write("tiny", f"brace-{i:03d}.json", b"{")


def secrets_in_bad_lines(c, i):
    lines = [f"garbage {secret_text(c.rng)}", '{"timestamp":"%s","message":"x"}' % secret_text(c.rng),
             '{"timestamp":1774184000000,"message":"unterminated %s' % secret_text(c.rng)]
    c.write("secrets", f"secrets-{i:03d}.jsonl", c.valid_block() + "\n".join(lines).encode() + b"\n" + c.valid_block())


def incident(c):
    """A small real incident (an OOM crash) whose evidence lines hold planted secrets."""
    t0 = BASE_MS
    arn = "arn:aws:ecs:us-east-1:123456789012:task/prod/" + TASK
    def change(status, ts, extra):
        detail = {"clusterArn": "arn:aws:ecs:us-east-1:123456789012:cluster/prod", "taskArn": arn,
                  "taskDefinitionArn": "arn:aws:ecs:us-east-1:123456789012:task-definition/hostile:3",
                  "group": "service:hostile", "launchType": "FARGATE", "lastStatus": status,
                  "desiredStatus": "RUNNING" if status != "STOPPED" else "STOPPED",
                  "createdAt": iso(t0 - 60000), "startedAt": iso(t0), "containers": [{"name": "app", "lastStatus": status}],
                  "version": 1}
        detail.update(extra)
        msg = {"version": "0", "id": f"id-{ts}", "detail-type": "ECS Task State Change", "source": "aws.ecs",
               "time": iso(ts), "resources": [arn], "detail": detail}
        return json.dumps({"timestamp": ts, "logGroup": "/aws/events/ecs", "logStream": "events",
                           "message": json.dumps(msg)}) + "\n"
    stop = t0 + 3600_000
    text = change("RUNNING", t0, {})
    for k in range(5):
        text += json.dumps({"timestamp": stop - 60000 + k * 1000, "logGroup": "/ecs/hostile", "logStream": STREAM,
                            "message": json.dumps({"level": "ERROR", "fields": {"message": "allocation failed " + SECRETS[k % len(SECRETS)] + " password=" + SECRETS[1]}})}) + "\n"
    text += change("STOPPED", stop, {"stopCode": "EssentialContainerExited", "stoppedReason": "Essential container in task exited",
                                     "stoppingAt": iso(stop - 2000), "stoppedAt": iso(stop),
                                     "containers": [{"name": "app", "lastStatus": "STOPPED", "exitCode": 137,
                                                     "reason": "OutOfMemoryError: Container killed due to memory usage"}]})
    c.write("incident", "incident.jsonl", text.encode())


def iso(ms):
    h, m, s, milli = divmod_time(ms)
    return "2026-03-22T%02d:%02d:%02d.%03dZ" % (h, m, s, milli)


def specials(c):
    """A FIFO named like a log file, a socket, device links, symlink loops."""
    folder = os.path.join(c.root, "special")
    os.makedirs(folder, exist_ok=True)
    for name in ["stream.jsonl", "000000.gz"]:
        os.mkfifo(os.path.join(folder, name))
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(os.path.join(folder, "socket.jsonl"))
    sock.close()
    os.symlink("/dev/zero", os.path.join(folder, "zero.jsonl"))
    os.symlink("/dev/urandom", os.path.join(folder, "urandom.log.gz"))
    os.symlink("no-such-target", os.path.join(folder, "dangling.jsonl"))
    os.symlink("stream.jsonl", os.path.join(folder, "link-to-fifo.jsonl"))
    loops = os.path.join(c.root, "loops", "deeper")
    os.makedirs(loops, exist_ok=True)
    os.symlink(".", os.path.join(loops, "self"))
    os.symlink("..", os.path.join(loops, "up"))
    os.symlink("../../..", os.path.join(loops, "escape"))
    os.symlink("/", os.path.join(loops, "root"))
    os.symlink("cycle-b", os.path.join(loops, "cycle-a"))
    os.symlink("cycle-a", os.path.join(loops, "cycle-b"))
    with open(os.path.join(loops, "inside.jsonl"), "wb") as f:
        f.write(c.valid_block(2))
    c.files += 13


KINDS = [
    (random_bytes, 60), (random_binary_gz_name, 20), (bad_crc, 30), (cut_gzip, 60), (multi_member_with_junk, 15),
    (nul_bytes, 15), (boms, 8), (utf16, 8), (deep_json, 14), (numbers, 21), (huge_message, 4), (wrong_types, 6),
    (infinite_gauge, 2), (line_ends, 5), (shapes_mix, 10), (bad_utf8, 10), (empty_and_tiny, 4), (secrets_in_bad_lines, 10),
]
BOMBS = ["zeros", "lines", "array", "spaces", "blank", "brace"]

# Files that trip open bugs (issue 7 report): a JSON array nested 100000 deep on one
# line (ShapeDetector.jsonRecord recurses: SIGSEGV), an epoch timestamp of
# -9000000000000000000 (EventFields.timestamp multiplies by 1000 and overflows:
# SIGILL) and a bomb of short bad lines (FileReader keeps every problem: ~150 B each).
# A gauge of 1e400 was one too (infinity failed the JSON encoding of the gauge rows
# ingest wrote: the whole ingest exited 1); gauges are no longer copied into rows.
KNOWN_BUGS = {"deep": {0}, "numbers": {3}, "bomb": {"lines"}}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-bombs", action="store_true", help="skip the 300 MB bombs (a quick corpus)")
    parser.add_argument("--without-known-bugs", action="store_true", help="leave out the files of KNOWN_BUGS")
    args = parser.parse_args()
    c = Corpus(args.out, args.seed)
    if os.path.exists(c.root):
        raise SystemExit(f"{c.root} exists; remove it first")
    os.makedirs(c.root)
    skip = KNOWN_BUGS if args.without_known_bugs else {}
    for make, count in KINDS:
        for i in range(count):
            if make is deep_json and i % 7 in skip.get("deep", ()):
                continue
            if make is numbers and i % 21 in skip.get("numbers", ()):
                continue
            if make is infinite_gauge and skip.get("gauge"):
                continue
            make(c, i)
    if not args.no_bombs:
        for i, kind in enumerate(BOMBS):
            if kind not in skip.get("bomb", ()):
                bomb(c, i, kind)
    incident(c)
    specials(c)
    manifest = {"seed": args.seed, "files": c.files, "expected": sorted(set(c.expected)), "secrets": SECRETS}
    with open(os.path.join(args.out, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1)
    print(f"{c.files} files, {len(manifest['expected'])} hidden events expected, in {c.root}")


if __name__ == "__main__":
    main()
