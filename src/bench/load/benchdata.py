#!/usr/bin/env python3
"""Data and reporting helpers of the load benchmark (run-load-bench.sh); Python 3 stdlib only.

  benchdata.py json OUT                 the 2 kB JSON result served by nginx and the trivial app
  benchdata.py template OUT             the same result with @@I@@ where an entry's index goes
  benchdata.py preload URL N KEYS [NS]  stores N entries through POST /api/v1/entries, 8 in parallel,
                                        and writes "cacheKey fileHash" lines to KEYS
  benchdata.py wrk PIDS WRK-ARGS...    runs wrk and adds to its result line the CPU share that other
                                        processes than PIDS (and their children) and wrk took meanwhile
  benchdata.py ab PIDS SECONDS CONNECTIONS METHOD URL  the same with ab (keep-alive) on one URL: HEAD,
                                        which wrk cannot read when the answer has a Content-Length
  benchdata.py report RESULTS CSV       the table (stdout) and the CSV from the wrk results
  benchdata.py profile COLLAPSED [TOP]  top self/total frames and the issue's suspects in a profile
  benchdata.py drill COLLAPSED PATTERN  what the first frame matching PATTERN calls, and the leaves
  benchdata.py tree COLLAPSED PATTERN [DEPTH] [MIN%]  the calls under the first frame matching
                                        PATTERN, DEPTH (4) levels deep, those of at least MIN% (0.3)
"""
import concurrent.futures
import hashlib
import http.client
import json
import os
import re
import statistics
import subprocess
import sys
import time
import threading
import urllib.parse

CACHE_TYPE, MODEL, PROVIDER = "refactor", "grok-beta", "xai"


def result_json(index):
    """A realistic code-analysis result of about 2,000 bytes of compact JSON."""
    smells = [{"kind": kind, "line": 10 + 17 * n + index % 7, "severity": sev,
               "message": msg}
              for n, (kind, sev, msg) in enumerate([
                  ("long_method", "medium", "Function parse_config spans 84 lines; split the validation from the I/O."),
                  ("deep_nesting", "low", "Four levels of nested match arms in handle_request; return early instead."),
                  ("duplicated_code", "medium", "The retry loop is repeated in fetch_remote and push_remote."),
                  ("magic_number", "low", "The timeout 30000 appears three times without a named constant."),
              ])]
    suggestions = [
        {"title": "Extract the configuration validation", "effort": "small",
         "detail": "Move the checks of parse_config into a validate function that returns a Result, so that the parser only reads."},
        {"title": "Share one retry helper", "effort": "medium",
         "detail": "A retry_with_backoff(op, attempts, base_delay) helper removes the duplicated loops and makes the delays testable."},
        {"title": "Name the timeouts", "effort": "small",
         "detail": "const REQUEST_TIMEOUT: Duration = Duration::from_secs(30); used by all three call sites."},
    ]
    value = {
        "file": "src/module_%d/file_%d.rs" % (index % 40, index),
        "language": "rust",
        "summary": "Request handling with configuration parsing and remote synchronisation; readable overall, "
                   "with a long parser and duplicated retry logic that make changes risky. Error handling is consistent "
                   "(thiserror enums), tests cover the parser but not the retry paths.",
        "complexity_score": round(35 + (index * 37 % 600) / 10, 1),
        "maintainability": "B",
        "code_smells": smells,
        "suggestions": suggestions,
        "metrics": {"lines": 412 + index % 300, "functions": 23, "max_nesting": 4, "comment_ratio": 0.12},
        "tags": ["io", "network", "config", "error-handling"],
        "functions": [{"name": name, "lines": 12 + (index + n * 13) % 70, "cyclomatic": 2 + (index + n) % 11}
                      for n, name in enumerate(["parse_config", "handle_request", "fetch_remote", "push_remote",
                                                "validate_headers", "retry_loop", "main", "load_state"])],
    }
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def file_hash(index, namespace_seed="bench"):
    return hashlib.sha256(("%s file %d" % (namespace_seed, index)).encode()).hexdigest()


def cache_key(fhash):
    return hashlib.sha256(("%s\n%s\n%s\n\n1" % (CACHE_TYPE, MODEL, fhash)).encode()).hexdigest()


def cmd_json(out):
    with open(out, "w", encoding="utf-8") as f:
        f.write(result_json(0))


def cmd_template(out):
    text = result_json(123456789).replace("123456789", "@@I@@")
    with open(out, "w", encoding="utf-8") as f:
        f.write(text)


def cmd_preload(url, count, keys_path, namespace="default"):
    parsed = urllib.parse.urlparse(url)
    local = threading.local()

    def post(index):
        conn = getattr(local, "conn", None)
        if conn is None:
            conn = local.conn = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=60)
        fhash = file_hash(index)
        body = ('{"cacheType":"%s","repoPath":"/home/ci/proj","filePath":"src/module_%d/file_%d.rs",'
                '"fileHash":"%s","fileSize":%d,"provider":"%s","model":"%s","inputTokens":%d,"outputTokens":%d,'
                '"result":%s}') % (CACHE_TYPE, index % 40, index, fhash, 8000 + index % 5000, PROVIDER, MODEL,
                                   3000 + index % 2000, 800 + index % 700, result_json(index))
        headers = {"Content-Type": "application/json", "X-Cache-Namespace": namespace}
        if os.environ.get("BENCH_TOKEN"):
            headers["Authorization"] = "Bearer " + os.environ["BENCH_TOKEN"]
        conn.request("POST", "/api/v1/entries", body.encode(), headers)
        response = conn.getresponse()
        answer = response.read()
        if response.status not in (200, 201):
            raise RuntimeError("store %d answered %d: %s" % (index, response.status, answer[:300]))
        return cache_key(fhash), fhash

    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        rows = list(pool.map(post, range(count), chunksize=50))
    with open(keys_path, "w") as f:
        for key, fhash in rows:
            f.write("%s %s\n" % (key, fhash))


def _cpu_jiffies():
    with open("/proc/stat") as f:
        fields = [int(v) for v in f.readline().split()[1:]]
    idle = fields[3] + fields[4]
    return sum(fields[:8]) - idle  # busy: user nice system (idle iowait) irq softirq steal


def _descendants(pids):
    parents = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open("/proc/%s/stat" % entry) as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
                parents.setdefault(ppid, []).append(int(entry))
            except (OSError, IndexError, ValueError):
                pass
    found, todo = set(), list(pids)
    while todo:
        pid = todo.pop()
        if pid not in found:
            found.add(pid)
            todo.extend(parents.get(pid, []))
    return found


def _process_jiffies(pids):
    total = 0
    for pid in pids:
        try:
            with open("/proc/%d/stat" % pid) as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime stime
        except (OSError, IndexError, ValueError):
            pass
    return total


def _named_jiffies(name):
    """CPU time of every process whose command name is NAME (the PostgreSQL server's processes)."""
    pids = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open("/proc/%s/comm" % entry) as f:
                    if f.read().strip() == name:
                        pids.append(int(entry))
            except OSError:
                pass
    return _process_jiffies(pids)


def cmd_wrk(pids_csv, wrk_args):
    """Runs wrk; the result line gains other_cpu: the share of all cores used by processes other than
    the target (PIDS and their children) and wrk during the run: how noisy the machine was."""
    _measured(pids_csv, ["wrk"] + wrk_args, lambda output: output)


def cmd_ab(pids_csv, seconds, connections, method, url):
    """Drives one URL with ab (apache2-utils), keep-alive: unlike wrk, ab knows that an answer to HEAD has
    no body although it carries GET's Content-Length. Prints a WRK_RESULT line as the lua scripts do
    (ab's percentiles are whole milliseconds), with the same CPU accounting as cmd_wrk."""
    # -l: a hit's body changes length as its access count grows; ab would count that as a failure
    argv = ["ab", "-k", "-l", "-q", "-c", str(connections), "-t", str(seconds), "-n", "100000000", "-s", "10"]
    if method == "HEAD":
        argv.append("-i")
    if os.environ.get("BENCH_TOKEN"):
        argv += ["-H", "Authorization: Bearer " + os.environ["BENCH_TOKEN"]]
    _measured(pids_csv, argv + [url], _ab_result)


def _ab_result(output):
    """ab's report as a WRK_RESULT line (and the report itself, for the log)."""
    def number(label, default=0.0):
        match = re.search(r"^" + re.escape(label) + r":\s+([0-9.]+)", output, re.M)
        return float(match.group(1)) if match else default

    def percentile(p):
        match = re.search(r"^\s*%d%%\s+(\d+)" % p, output, re.M)
        return int(match.group(1)) * 1000 if match else 0

    requests = int(number("Complete requests"))
    failed = int(number("Failed requests"))
    return output + "\nWRK_RESULT requests=%d duration_us=%d p50_us=%d p99_us=%d mean_us=%d max_us=%d status=%d " \
        "connect=0 read=%d write=0 timeout=0\n" % (
            requests, int(number("Time taken for tests") * 1e6), percentile(50), percentile(99),
            int(number("Time per request") * 1000), percentile(100), int(number("Non-2xx responses")), failed)


def _measured(pids_csv, argv, to_output):
    """Runs ARGV and prints its WRK_RESULT line with the CPU that the target, the driver and the rest used."""
    hz = os.sysconf("SC_CLK_TCK")
    cores = os.cpu_count()
    pids = _descendants([int(p) for p in pids_csv.split(",") if p])
    db_name = os.environ.get("BENCH_DB_PROCESS", "")
    db0 = _named_jiffies(db_name) if db_name else 0
    busy0, ours0, t0 = _cpu_jiffies(), _process_jiffies(pids), time.monotonic()
    process = subprocess.Popen(argv, stdout=subprocess.PIPE, text=True)
    output = to_output(process.stdout.read())
    _, status, usage = os.wait4(process.pid, 0)
    busy1, ours1, t1 = _cpu_jiffies(), _process_jiffies(pids), time.monotonic()
    db_cpu = ((_named_jiffies(db_name) - db0) / hz) if db_name else 0.0
    wrk_cpu = usage.ru_utime + usage.ru_stime
    target_cpu = (ours1 - ours0) / hz
    other = max(0.0, (busy1 - busy0) / hz - target_cpu - wrk_cpu - db_cpu) / ((t1 - t0) * cores)
    for line in output.splitlines():
        if line.startswith("WRK_RESULT"):
            print("%s target_cpu=%.2f wrk_cpu=%.2f other_cpu=%.3f db_cpu=%.2f" % (
                line, target_cpu / (t1 - t0), wrk_cpu / (t1 - t0), other, db_cpu / (t1 - t0)))
        else:
            print(line, file=sys.stderr)
    if os.WEXITSTATUS(status) != 0:
        sys.exit("%s failed with status %d" % (argv[0], os.WEXITSTATUS(status)))


def cmd_report(results_path, csv_path):
    """RESULTS lines: round|target|scenario|expect|per_request|WRK_RESULT k=v ...; with several rounds
    each row is the median over the rounds (req/s, p50, p99 each on its own)."""
    runs = {}
    for line in open(results_path):
        rnd, target, scenario, expect, per_request, wrk = line.rstrip("\n").split("|", 5)
        values = dict(item.split("=") for item in wrk.split()[1:])
        requests = int(values["requests"])
        seconds = int(values["duration_us"]) / 1e6
        status_errors = int(values["status"])
        read_errors = int(values["read"])
        other_errors = sum(int(values[k]) for k in ("connect", "write", "timeout"))
        if expect == "2xx":
            ok = status_errors == 0 and read_errors == 0 and other_errors == 0
        else:  # "404": every answer must be an error status (wrk counts non-2xx/3xx)
            ok = status_errors == requests and read_errors == 0 and other_errors == 0
        runs.setdefault((target, scenario), []).append({
            "rps": requests / seconds, "p50_ms": int(values["p50_us"]) / 1000,
            "p99_ms": int(values["p99_us"]) / 1000, "max_ms": int(values["max_us"]) / 1000,
            "requests": requests, "non2xx": status_errors, "socket_errors": read_errors + other_errors,
            "per_request": int(per_request), "ok": ok,
            "target_cores": float(values.get("target_cpu", "nan")),
            "wrk_cores": float(values.get("wrk_cpu", "nan")),
            "other_cpu_pct": 100 * float(values.get("other_cpu", "nan")),
            # CPU time the target spent per request: far less sensitive than req/s to the load that
            # other processes put on the shared cores
            "cpu_us_per_request": 1e6 * float(values.get("target_cpu", "nan")) / (requests / seconds)
            if requests else float("nan"),
            # the PostgreSQL server's processes (all of them: other clients' queries count too)
            "db_us_per_request": 1e6 * float(values.get("db_cpu", "0")) / (requests / seconds)
            if requests else float("nan")})
    rows = []
    for (target, scenario), measured in runs.items():
        row = {"target": target, "scenario": scenario, "rounds": len(measured),
               "rps_min": min(m["rps"] for m in measured), "rps_max": max(m["rps"] for m in measured),
               "ok": all(m["ok"] for m in measured)}
        for key in ("rps", "p50_ms", "p99_ms", "max_ms", "requests", "non2xx", "socket_errors", "per_request",
                    "target_cores", "wrk_cores", "other_cpu_pct", "cpu_us_per_request", "db_us_per_request"):
            row[key] = statistics.median(m[key] for m in measured)
        rows.append(row)
    several = any(row["rounds"] > 1 for row in rows)

    def find(scenario, target=None):
        for row in rows:
            if row["scenario"] == scenario and (target is None or row["target"] == target):
                return row
        return None

    nginx, trivial = find("nginx static"), find("trivial app")
    header = ["target", "scenario", "req/s", "p50 ms", "p99 ms", "max ms", "x nginx", "x trivial",
              "CPU us/req", "x trivial CPU", "note", "other CPU", "check"] + (["req/s range"] if several else [])
    table, csv_rows = [], []
    for row in rows:
        note = ""
        if row["per_request"] > 1:
            lookups = row["rps"] * row["per_request"]
            single = find("POST /lookup hit", row["target"])
            note = "%.0f lookups/s" % lookups
            if single:
                note += " = %.1f x single lookup" % (lookups / single["rps"])
            row["lookups_per_s"] = lookups
            row["x_single_lookup"] = lookups / single["rps"] if single else ""
        if not row["target"].endswith("before"):
            before = find(row["scenario"], "before" if row["target"] == "sqlite" else row["target"] + " before")
            if before:
                note += "%s%.2f x before" % ("; " if note else "", row["rps"] / before["rps"])
                row["x_before"] = row["rps"] / before["rps"]
        if row["target"].startswith("postgres x2"):
            one = find(row["scenario"], row["target"].replace(" x2", ""))
            if one:
                note += "%s%.2f x one replica" % ("; " if note else "", row["rps"] / one["rps"])
        if row["scenario"] in ("GET hit",) and row["target"] not in ("sqlite", "before"):
            base = find("GET hit", "sqlite")
            if base:
                note += "%s%.2f x sqlite GET hit" % ("; " if note else "", row["rps"] / base["rps"])
                row["x_sqlite_hit"] = row["rps"] / base["rps"]
        if row["db_us_per_request"] > 0:
            note += "%sDB CPU %.0f us/req" % ("; " if note else "", row["db_us_per_request"])
        if row["scenario"] == "POST store":
            hit = find("GET hit", row["target"])
            if hit:
                note += "%s%.2f x GET hit" % ("; " if note else "", row["rps"] / hit["rps"])
                row["x_hit"] = row["rps"] / hit["rps"]
        row["x_trivial_cpu"] = (row["cpu_us_per_request"] / trivial["cpu_us_per_request"]
                                if trivial and trivial.get("cpu_us_per_request") else "")
        row["x_nginx"] = row["rps"] / nginx["rps"] if nginx else ""
        row["x_trivial"] = row["rps"] / trivial["rps"] if trivial else ""
        check = "ok" if row["ok"] else "UNEXPECTED STATUS (%d non-2xx, %d socket errors)" % (
            row["non2xx"], row["socket_errors"])
        table.append([row["target"], row["scenario"], "%.0f" % row["rps"], "%.1f" % row["p50_ms"],
                      "%.1f" % row["p99_ms"], "%.0f" % row["max_ms"],
                      "%.3f" % row["x_nginx"] if nginx else "", "%.2f" % row["x_trivial"] if trivial else "",
                      "%.0f" % row["cpu_us_per_request"],
                      "%.1f" % row["x_trivial_cpu"] if row["x_trivial_cpu"] != "" else "",
                      note, "%.0f%%" % row["other_cpu_pct"], check]
                     + (["%.0f-%.0f" % (row["rps_min"], row["rps_max"])] if several else []))
        csv_rows.append(row)
    widths = [max(len(str(r[i])) for r in [header] + table) for i in range(len(header))]
    print("| " + " | ".join(h.ljust(w) for h, w in zip(header, widths)) + " |")
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for r in table:
        print("| " + " | ".join(str(c).ljust(w) for c, w in zip(r, widths)) + " |")
    fields = ["target", "scenario", "rps", "p50_ms", "p99_ms", "max_ms", "x_nginx", "x_trivial", "requests",
              "non2xx", "socket_errors", "per_request", "lookups_per_s", "x_single_lookup", "x_hit",
              "x_sqlite_hit", "x_before", "cpu_us_per_request", "x_trivial_cpu", "db_us_per_request", "target_cores", "wrk_cores", "other_cpu_pct", "rounds", "rps_min", "rps_max", "ok"]
    with open(csv_path, "w") as f:
        f.write(",".join(fields) + "\n")
        for row in csv_rows:
            f.write(",".join(_csv(row.get(k, "")) for k in fields) + "\n")


def _csv(value):
    if isinstance(value, float):
        return "%.4f" % value
    text = str(value)
    return '"%s"' % text if "," in text or " " in text else text


# Where the time goes, by the suspects of issue 12: (name, any of these frame substrings, none of
# these). A sample counts when one of its frames contains an "any" pattern and none contains a "none"
# pattern; wrappers (filters) are counted without what they wrap (DispatcherServlet), so that the
# figure is their own work.
SUSPECTS = [
    ("request outside DispatcherServlet (Tomcat, socket I/O, all filters)", ["Http11Processor"], ["DispatcherServlet"]),
    ("  Spring Security filters, own work (not under DispatcherServlet)", ["FilterChainProxy"], ["DispatcherServlet"]),
    ("  socket reads and writes (sun/nio/ch)", ["sun/nio/ch"], []),
    ("DispatcherServlet (MVC: mapping, arguments, controller, converters)", ["DispatcherServlet"], []),
    ("  controller methods (dev/llmcache/**/web/*Controller)", ["Controller."], ["HttpMessageConverter", "writeWithMessageConverters"]),
    ("  writing the response body (message converters)", ["writeWithMessageConverters", "HttpMessageConverter.write"], []),
    ("  reading the request body (message converters)", ["readWithMessageConverters"], []),
    ("Micrometer anywhere (observations, timers, histograms; callers below)", ["io/micrometer"], []),
    ("the project's HttpLatencyHistogram", ["HttpLatencyHistogram"], []),
    ("Jackson tree model (readTree, JsonNode)", ["readTree", "JsonNodeDeserializer", "valueToTree", "/node/"], []),
    ("JDBC row mapping (EntryRows, findColumn)", ["EntryRows", "findColumn"], []),
    ("SQLite (org/sqlite Java + native)", ["org/sqlite", "libsqlitejdbc"], []),
    ("PostgreSQL driver", ["org/postgresql/"], []),
    ("Hikari pool: borrowing and returning connections", ["HikariDataSource.getConnection", "ProxyConnection.close"], []),
    ("JDBC prepareStatement (SQLite compiles the SQL each time: no statement cache)", ["Connection.prepareStatement"], []),
    ("Spring bean lookups per request (ObjectProvider streams, bean factory)", ["DefaultListableBeanFactory",
                                                                                "DefaultListableBeanFactory$"], []),
    ("transactions (Spring tx)", ["springframework/transaction", "TransactionTemplate"], []),
    ("zstd (zstd-jni, contexts created per call)", ["com/github/luben/zstd", "ZSTD_", "libzstd"], []),
    ("  of it ZSTD_createDCtx/CCtx + free (per-call context)", ["ZSTD_createDCtx", "ZSTD_createCCtx", "ZSTD_freeDCtx",
                                                              "ZSTD_freeCCtx", "ZSTD_createCStream"], []),
    ("SHA-256 (MessageDigest, Sha256)", ["MessageDigest", "Sha256", "SHA2"], []),
    ("logging (Logback, SLF4J, commons-logging)", ["ch/qos/logback", "org/slf4j", "LogAdapter", "commons/logging"], []),
    ("AccessTracker / pending hit counts", ["AccessTracker", "PendingAccess", "PendingLookups"], []),
    ("Bean Validation (Hibernate Validator)", ["org/hibernate/validator"], []),
    ("locks and parking (LockSupport, AQS, monitors)", ["LockSupport.park", "AbstractQueuedSynchronizer",
                                                        "ObjectMonitor", "Unsafe.park", "futex"], []),
    ("JIT compiler threads", ["CompileBroker"], []),
    ("GC (G1 worker and concurrent threads)", ["GangWorker", "WorkerThread::run", "ConcurrentGCThread",
                                              "G1ServiceThread", "G1ConcurrentRefineThread"], []),
]


IDLE = ("ThreadPoolExecutor.getTask",)


# JDBC frames worth seeing beside the project's in the writer thread's breakdown
WRITER_FRAMES = ("org/sqlite/SQLiteConnection.commit", "org/sqlite/core/CoreStatement.updateGeneratedKeys",
                 "org/sqlite/core/NativeDB.prepare_utf8",
                 "org/springframework/transaction/support/AbstractTransactionStatus.createSavepoint")


def cmd_profile(collapsed_path, top=25):
    """Wall-clock profiles (file name with "-wall") leave out idle request threads (waiting for work)."""
    stacks = []
    total = 0
    wall = "-wall" in collapsed_path
    if wall:
        print("wall-clock profile of Tomcat's request threads; idle threads (waiting for a request) left out")
    for line in open(collapsed_path, errors="replace"):
        line = line.rstrip("\n")
        if not line:
            continue
        stack, _, count = line.rpartition(" ")
        n = int(count)
        frames = stack.split(";")
        if wall and any(p in f for f in frames for p in IDLE):
            continue
        stacks.append((frames, n))
        total += n
    if total == 0:
        print("no samples")
        return
    self_counts, total_counts = {}, {}
    for frames, n in stacks:
        leaf = _frame(frames[-1])
        self_counts[leaf] = self_counts.get(leaf, 0) + n
        for frame in set(_frame(f) for f in frames):
            total_counts[frame] = total_counts.get(frame, 0) + n
    print("samples: %d" % total)
    if wall:
        waits = {}
        busy = 0
        for frames, n in stacks:
            if not any("CoyoteAdapter" in f for f in frames):
                continue
            busy += n
            java = [_frame(f) for f in frames if "/" in f and not f.startswith(("[", "/"))]
            chain = " <- ".join(reversed(java[-5:]))
            waits[chain] = waits.get(chain, 0) + n
        print("\nwhere requests spend their wall-clock time (last five Java frames; share of %d samples in a request):"
              % busy)
        for chain, n in sorted(waits.items(), key=lambda kv: -kv[1])[:8]:
            print("  %5.1f%%  %s" % (100.0 * n / max(busy, 1), chain))
    print("\ntop self frames:")
    for frame, n in sorted(self_counts.items(), key=lambda kv: -kv[1])[:top]:
        print("  %5.1f%%  %s" % (100.0 * n / total, frame))
    print("\ntop total frames (project, framework entry points; excluding thread roots):")
    shown = 0
    for frame, n in sorted(total_counts.items(), key=lambda kv: -kv[1]):
        if any(frame.startswith(p) for p in ("java/lang/Thread", "thread_start", "start_thread", "JavaThread",
                                             "thread_native_entry", "Thread::call_run", "[")):
            continue
        print("  %5.1f%%  %s" % (100.0 * n / total, frame))
        shown += 1
        if shown >= top * 2:
            break
    print("\ntop total frames of the project (dev/llmcache):")
    for frame, n in sorted(((f, n) for f, n in total_counts.items() if f.startswith("dev/llmcache")),
                           key=lambda kv: -kv[1])[:top]:
        print("  %5.1f%%  %s" % (100.0 * n / total, frame))
    writer = [(frames, n) for frames, n in stacks if any("GroupCommit.writeGroups" in f for f in frames)]
    if writer:
        # stores wait for this one thread: its CPU per store bounds their rate (docs/performance.md, 15-17)
        writer_total = sum(n for _, n in writer)
        writer_counts = {}
        for frames, n in writer:
            for frame in set(_frame(f) for f in frames):
                if (frame.startswith("dev/llmcache") and "$$" not in frame) or frame in WRITER_FRAMES:
                    writer_counts[frame] = writer_counts.get(frame, 0) + n
        print("\nthe group-commit writer thread: %.1f%% of all samples; its frames as shares of its own samples:"
              % (100.0 * writer_total / total))
        for frame, n in sorted(writer_counts.items(), key=lambda kv: -kv[1])[:top]:
            print("  %5.1f%%  %s" % (100.0 * n / writer_total, frame))
    print("\nsuspects (share of all samples whose stack contains a match):")
    for name, anyof, noneof in SUSPECTS:
        n = sum(c for frames, c in stacks if any(p in f for f in frames for p in anyof)
                and not any(p in f for f in frames for p in noneof))
        print("  %5.1f%%  %s" % (100.0 * n / total, name))
    callers = {}
    for frames, n in stacks:
        for i, f in enumerate(frames):
            if "io/micrometer" in f:
                caller = _frame(frames[i - 1]) if i > 0 else "?"
                callers[caller] = callers.get(caller, 0) + n
                break
    if callers:
        print("\nwho calls Micrometer (the frame above the first io/micrometer frame):")
        for caller, n in sorted(callers.items(), key=lambda kv: -kv[1])[:8]:
            print("  %5.1f%%  %s" % (100.0 * n / total, caller))


def _stacks_under(collapsed_path, pattern):
    """The profile's sample count, and each stack with a frame containing PATTERN: its frames from
    the first such frame on, with its count."""
    total, under = 0, []
    for line in open(collapsed_path, errors="replace"):
        stack, _, count = line.rstrip("\n").rpartition(" ")
        if not stack:
            continue
        n = int(count)
        total += n
        frames = stack.split(";")
        for i, f in enumerate(frames):
            if pattern in f:
                under.append((frames[i:], n))
                break
    return total, under


def cmd_drill(collapsed_path, pattern, top=15):
    """Under the first frame containing PATTERN: its callees (the next frame) and the leaves, as
    shares of all samples."""
    total, under = _stacks_under(collapsed_path, pattern)
    callees, leaves = {}, {}
    for frames, n in under:
        callee = _frame(frames[1]) if len(frames) > 1 else "(self)"
        callees[callee] = callees.get(callee, 0) + n
        leaf = _frame(frames[-1])
        leaves[leaf] = leaves.get(leaf, 0) + n
    hits = sum(n for _, n in under)
    print("%.1f%% of %d samples under %s" % (100.0 * hits / max(total, 1), total, pattern))
    for title, table in (("callees", callees), ("leaves", leaves)):
        print(title + ":")
        for frame, n in sorted(table.items(), key=lambda kv: -kv[1])[:top]:
            print("  %5.1f%%  %s" % (100.0 * n / total, frame))


def cmd_tree(collapsed_path, pattern, depth=4, min_percent=0.3):
    """The calls under the first frame containing PATTERN, as a tree of shares of all samples."""
    total, under = _stacks_under(collapsed_path, pattern)
    tree = {}
    for frames, n in under:
        node = tree
        for frame in frames[:1 + depth]:
            entry = node.setdefault(_frame(frame), [0, {}])
            entry[0] += n
            node = entry[1]

    def show(node, indent):
        for frame, (n, children) in sorted(node.items(), key=lambda kv: -kv[1][0]):
            if 100.0 * n / max(total, 1) >= min_percent:
                print("%6.1f%% %s%s" % (100.0 * n / total, "  " * indent, frame.rsplit("/", 1)[-1]))
                show(children, indent + 1)
    show(tree, 0)


def _frame(frame):
    # native libraries extracted to temporary files: keep the library's name
    if frame.startswith("/tmp/") and ".so" in frame:
        name = frame.rsplit("/", 1)[-1]
        return "[native] " + ("libsqlitejdbc.so" if "sqlitejdbc" in name else
                              "libzstd-jni.so" if "zstd" in name else name).replace(" (deleted)", "")
    # async-profiler's collapsed frames may carry a suffix such as _[j] (JIT) or _[i] (inlined)
    for suffix in ("_[j]", "_[i]", "_[k]", "_[0]", "_[1]"):
        if frame.endswith(suffix):
            return frame[: -len(suffix)]
    return frame


if __name__ == "__main__":
    command, args = sys.argv[1], sys.argv[2:]
    if command == "json":
        cmd_json(args[0])
    elif command == "template":
        cmd_template(args[0])
    elif command == "preload":
        cmd_preload(args[0], int(args[1]), args[2], *(args[3:4]))
    elif command == "drill":
        cmd_drill(args[0], args[1], int(args[2]) if len(args) > 2 else 15)
    elif command == "tree":
        cmd_tree(args[0], args[1], int(args[2]) if len(args) > 2 else 4, float(args[3]) if len(args) > 3 else 0.3)
    elif command == "wrk":
        cmd_wrk(args[0], args[1:])
    elif command == "ab":
        cmd_ab(args[0], int(args[1]), int(args[2]), args[3], args[4])
    elif command == "report":
        cmd_report(args[0], args[1])
    elif command == "profile":
        cmd_profile(args[0], int(args[1]) if len(args) > 1 else 25)
    else:
        sys.exit(__doc__)
