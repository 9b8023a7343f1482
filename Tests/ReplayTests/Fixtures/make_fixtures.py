#!/usr/bin/env python3
"""Writes the ingest test fixtures. Re-run only on purpose; output is deterministic (gzip mtime 0).

Every fixture is small and tells one story; the tests name the exact counts and messages.
"""
import gzip, io, json, os

HERE = os.path.dirname(os.path.abspath(__file__))
TASK = "4b1f0c2e9a7d4e0f8d1c2b3a4f5e6d7c"
STREAM = f"ecs/app/{TASK}"
GROUP = "/ecs/merxex-exchange"

def gz(data: bytes) -> bytes:
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", mtime=0) as f:
        f.write(data)
    return out.getvalue()

def write(rel, data: bytes):
    path = os.path.join(HERE, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)

def app(ts_iso, level, message, **fields):
    return json.dumps({"timestamp": ts_iso, "level": level, "fields": dict(message=message, **fields), "target": "merxex"}, separators=(",", ":"))

stopped = {"version": "0", "id": "0f3a", "detail-type": "ECS Task State Change", "source": "aws.ecs",
           "account": "123456789012", "time": "2026-03-22T12:53:04Z", "region": "us-east-1",
           "resources": [f"arn:aws:ecs:us-east-1:123456789012:task/prod/{TASK}"],
           "detail": {"clusterArn": "arn:aws:ecs:us-east-1:123456789012:cluster/prod",
                      "taskArn": f"arn:aws:ecs:us-east-1:123456789012:task/prod/{TASK}",
                      "taskDefinitionArn": "arn:aws:ecs:us-east-1:123456789012:task-definition/merxex-exchange:15",
                      "group": "service:merxex-exchange", "launchType": "FARGATE", "lastStatus": "STOPPED",
                      "desiredStatus": "STOPPED", "healthStatus": "UNHEALTHY", "createdAt": "2026-03-22T04:34:10.2Z",
                      "startedAt": "2026-03-22T04:35:01.7Z", "stoppingAt": "2026-03-22T12:53:02.1Z",
                      "stoppedAt": "2026-03-22T12:53:04.9Z", "stopCode": "EssentialContainerExited",
                      "stoppedReason": "Essential container in task exited",
                      "containers": [{"name": "log_router", "lastStatus": "STOPPED", "exitCode": 0},
                                     {"name": "app", "lastStatus": "STOPPED", "exitCode": 137,
                                      "reason": "OutOfMemoryError: Container killed due to memory usage",
                                      "healthStatus": "UNHEALTHY"}], "version": 6}}
deployment = {"version": "0", "detail-type": "ECS Deployment State Change", "source": "aws.ecs", "time": "2026-03-22T04:34:00Z",
              "resources": ["arn:aws:ecs:us-east-1:123456789012:service/prod/merxex-exchange"],
              "detail": {"eventType": "INFO", "eventName": "SERVICE_DEPLOYMENT_IN_PROGRESS",
                         "deploymentId": "ecs-svc/5163846224357213640", "updatedAt": "2026-03-22T04:34:00Z",
                         "reason": "ECS deployment ecs-svc/5163846224357213640 in progress."}}

# The same 6 application events, written in each shape.
EVENTS = [
    (1774184000123, app("2026-03-22T12:53:20.123456Z", "INFO", "starting merxex-exchange", version="0.1.0", environment="development", graphql_playground=True)),
    (1774184001000, app("2026-03-22T12:53:21.000000Z", "INFO", "request completed", status=200, latency_ms=12)),
    (1774184002000, app("2026-03-22T12:53:22.000000Z", "INFO", "memory", rss_mb=1711, limit_mb=2048)),
    (1774184003000, app("2026-03-22T12:53:23.000000Z", "ERROR", "pool timed out while waiting for an open connection")),
    (1774184004000, "thread 'tokio-runtime-worker' panicked at src/db/pool.rs:88:14:"),
    (1774184004001, "called `Result::unwrap()` on an `Err` value: PoolTimedOut"),
]

def iso_ms(ms):
    import datetime
    d = datetime.datetime.fromtimestamp(ms / 1000, tz=datetime.timezone.utc)
    return d.strftime("%Y-%m-%dT%H:%M:%S.") + f"{ms % 1000:03d}Z"

def shape_a_line(i, ms, msg, iso=False):
    e = {"timestamp": iso_ms(ms) if iso else ms, "logGroup": GROUP, "logStream": STREAM,
         "eventId": f"3816509213481726354817263548172635481726354817263{i}", "ingestionTime": ms + 300, "message": msg}
    return json.dumps(e, separators=(",", ":"))

# A: JSON lines, epoch ms, plus one ECS event line and one probe line; CRLF endings, no final newline.
lines = [shape_a_line(i, ms, m) for i, (ms, m) in enumerate(EVENTS)]
lines.append(json.dumps({"timestamp": 1774184004900, "logGroup": "/aws/events/ecs", "logStream": "a1b2", "message": json.dumps(stopped)}))
lines.append(json.dumps({"timestamp": 1774155240000, "logGroup": "/aws/events/ecs", "logStream": "a1b2", "message": json.dumps(deployment)}))
lines.append(json.dumps({"message": json.dumps({"check": "health", "url": "https://exchange.example.com/health", "status": 0, "error": "connection refused"}),
                         "timestamp": "2026-03-22T12:54:00Z", "logStreamName": "heartbeat", "id": "probe-1", "logGroup": "/monitoring/heartbeat"}))
write("shapes/a-json-lines.jsonl", ("\r\n".join(lines)).encode())

# A with ISO timestamps and keys in another order: the same 6 events as above (duplicates).
write("overlap/a-iso.jsonl.gz", gz(("\n".join(
    json.dumps({"message": m, "logStream": STREAM, "timestamp": iso_ms(ms)}) for ms, m in EVENTS) + "\n").encode()))

# B: Firehose records, one per line, with a CONTROL_MESSAGE.
def record(events, mtype="DATA_MESSAGE"):
    return json.dumps({"messageType": mtype, "owner": "123456789012", "logGroup": GROUP, "logStream": STREAM,
                       "subscriptionFilters": ["to-s3"],
                       "logEvents": [{"id": f"b{ms}", "timestamp": ms, "message": m} for ms, m in events]}, separators=(",", ":"))
write("shapes/b-firehose-lines.jsonl", (record(EVENTS[:3]) + "\n" + json.dumps({"messageType": "CONTROL_MESSAGE", "owner": "CloudwatchLogs", "logGroup": "", "logStream": "", "subscriptionFilters": [], "logEvents": [{"id": "", "timestamp": 1774184000000, "message": "CWL CONTROL MESSAGE: Checking health of destination Firehose."}]}) + "\n" + record(EVENTS[3:]) + "\n").encode())
# B concatenated with no separator, gzipped, no extension.
write("shapes/b-firehose-concatenated", gz((record(EVENTS[:2]) + record(EVENTS[2:4]) + record(EVENTS[4:])).encode()))

# C: pretty-printed filter-log-events document in a folder named after the group.
doc = {"events": [{"logStreamName": STREAM, "timestamp": ms, "message": m, "ingestionTime": ms + 5, "eventId": f"c{ms}"} for ms, m in EVENTS],
       "searchedLogStreams": [{"logStreamName": STREAM, "searchedCompletely": True}]}
write("shapes/merxex-app/c-filter-log-events.json", json.dumps(doc, indent=2).encode())

# D: S3 export text, path <prefix>/<export-task-id>/<log-stream>/000000.gz
write(f"shapes/exportedlogs/0b3c7f9e-1d2a-4c5b-8e6f-7a8b9c0d1e2f/{STREAM}/000000.gz",
      gz(("\n".join(f"{iso_ms(ms)} {m}" for ms, m in EVENTS) + "\n").encode()))

# Multi-member gzip: two members, 3 events each.
half = lambda evs, start: "\n".join(shape_a_line(start + i, ms, m) for i, (ms, m) in enumerate(evs)) + "\n"
write("multimember/two-members.log.gz", gz(half(EVENTS[:3], 0).encode()) + gz(half(EVENTS[3:], 3).encode()))

# Bad input, one kind per file; good events around each problem.
good = [shape_a_line(i, ms, m) for i, (ms, m) in enumerate(EVENTS)]
write("bad/not-json.jsonl", "\n".join([good[0], "this is not json", good[1], '{"timestamp": 1774184000123, "message": "cut', good[2]]).encode() + b"\n")
write("bad/invalid-utf8.jsonl", good[0].encode() + b"\n" + b'{"timestamp":1774184000999,"logStream":"x/y/z","message":"bad \xff\xfe bytes"}\n' + good[1].encode() + b"\n")
write("bad/too-long.jsonl", "\n".join([good[0], json.dumps({"timestamp": 1774184000500, "logStream": STREAM, "message": "x" * 3000}), good[1]]).encode() + b"\n")
full = gz(("\n".join(good) + "\n").encode())
write("bad/truncated.jsonl.gz", full[: len(full) * 2 // 3])
write("bad/empty.jsonl", b"")
write("bad/bad-timestamp.jsonl", "\n".join([good[0], json.dumps({"timestamp": "yesterday", "logStream": STREAM, "message": "m"}), json.dumps({"timestamp": 99999999999999999, "logStream": STREAM, "message": "m"}), good[1]]).encode() + b"\n")

# A folder with files that must be skipped.
write("skipped/.hidden.jsonl", good[0].encode() + b"\n")
write("skipped/replay.sqlite", b"SQLite format 3\x00")
write("skipped/visible.jsonl", good[2].encode() + b"\n")
