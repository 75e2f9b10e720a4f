#!/usr/bin/env python3
"""Hostile-input fuzzer for a running llm-cache-server (Python 3 standard library only).

Sends a fixed number of hostile HTTP/1.1 requests, byte for byte over raw sockets (so that
malformed percent-encodings, non-UTF-8 bytes, NUL, oversized headers and broken framing reach the
server as written), to every endpoint of the contract. Prints a count per status, every 5xx and
every error answer that is not an RFC 9457 problem (with the request as a Python repr), and exits
with status 1 if there was any.

    python3 src/bench/fuzz/fuzz.py --url http://127.0.0.1:8080 --requests 5000 --seed 1

An error answer (4xx/5xx) passes when it is application/problem+json and its body is a JSON object
with type, title, detail and a status equal to the HTTP status (HEAD answers have no body). A
request the server does not answer at all counts as a failure too, except for the few cases that
deliberately break the framing (the body is cut short and the connection half-closed, or the
request line is HTTP/0.9). After an HTTP/0.9 probe the fuzzer sends one well-formed request, not
counted: Tomcat 11 keeps the HTTP/0.9 flag on a recycled processor, so that the next request on it
whose request line fails to parse would be answered without a status line (a Tomcat bug, described
in docs/reliability.md).
"""

import argparse
import collections
import hashlib
import json
import random
import socket
import sys
import time
import urllib.parse

API = "/api/v1"
KEY_CHARS = "0123456789abcdef"

# (method, path template) for every endpoint of the contract, including those not built yet.
ENDPOINTS = [
    ("POST", API + "/entries"), ("GET", API + "/entries"), ("DELETE", API + "/entries"),
    ("GET", API + "/entries/{key}"), ("HEAD", API + "/entries/{key}"), ("DELETE", API + "/entries/{key}"),
    ("POST", API + "/lookup"), ("POST", API + "/lookup/batch"), ("DELETE", API + "/leases/{id}"),
    ("GET", API + "/stats"), ("GET", API + "/budget"), ("PUT", API + "/budget"),
    ("GET", API + "/budget/history"), ("GET", API + "/pricing"), ("GET", API + "/pricing/quote"),
    ("POST", API + "/admin/pricing/reload"), ("POST", API + "/eviction"), ("POST", API + "/migrations"),
    ("GET", API + "/migrations/{id}"), ("GET", API + "/migrations/{id}/events"), ("POST", API + "/admin/backup"),
    ("GET", "/actuator/health"), ("GET", "/actuator/health/liveness"), ("GET", "/actuator/health/readiness"),
    ("GET", "/actuator/prometheus"), ("GET", "/actuator/info"), ("GET", "/v3/api-docs"),
    ("GET", "/v3/api-docs.yaml"), ("GET", "/swagger-ui.html"), ("GET", "/error"), ("GET", "/"),
]
JSON_ENDPOINTS = [API + "/entries", API + "/lookup", API + "/lookup/batch", API + "/budget", API + "/eviction",
                  API + "/migrations", API + "/admin/pricing/reload", API + "/admin/backup"]
METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "CONNECT", "PROPFIND",
           "FOO", "get", "G\x00T", "M" * 300, "PO ST", "\xe9GET"]

HOSTILE_STRINGS = [
    "", " ", "\x00", "a\x00b", "\ud800", "x\udc00y", "\n", "\r\n", "a\nb", "a\rb", "\u2028", "\u2029",
    "grok\nbeta", "grok\rbeta", "grok\u2028beta", "team\u2010a", "\uff54\uff45\uff41\uff4d", "\u00fc", "\U0001F600",
    "\u202e", "\ufeff", "a" * 1025, "a" * 70000, "../../etc/passwd", "%00", "%ZZ", "<script>alert(1)</script>",
    "' OR 1=1 --", "${jndi:ldap://x/a}", "\\", "\t", "null", "0", "-1", "1e400", "NaN", "\x7f", "\x1b[31m",
    "refactor", "REFACTOR", "Bad_Type", "a" * 33, "*", ".*", "grok-*", "%", "\u0085",
]
HOSTILE_NUMBERS = [
    "0", "-0", "-1", "1", "1.5", "-1.5", "1e400", "-1e400", "1e-400", "1E+400", "9007199254740993",
    "900000000000000", "930000000000000", "1000000000000", "1000000000001", "9223372036854775807",
    "9223372036854775808", "-9223372036854775809", "18446744073709551616", "1" + "0" * 400, "0.1", "1e308",
    "1.7976931348623157e308", "4.9e-324", "2.5e-324", "123456789012345678901234567890.123456789",
    "1e2147483648", "1e-2147483649", "0e0", "00", "01", "-", "+1", ".5", "5.", "1e", "NaN", "Infinity",
    "-Infinity", "1" * 1100, "2147483648", "-2147483649", "3.0", "1e3",
]
CONTENT_TYPES = [
    "application/x-www-form-urlencoded", "multipart/form-data", "multipart/form-data; boundary=",
    "multipart/form-data; boundary=XyZ", "text/plain", "text/html", "application/xml", "garbage",
    "\u20ac/\u20ac", "application/json; charset=ISO-8859-1", "application/json; charset=garbage",
    "application/json; charset=UTF-16", "application/json;;;", "application/*", "*/*", "", "application/json\x00",
    "application/problem+json", "application/merge-patch+json", "APPLICATION/JSON", "application/json; q=0",
    "application/json; charset=\"utf-8\"", "a" * 5000,
]
ACCEPTS = [
    "application/json", "text/plain", "*/*", "text/html", "image/png", "application/xml", "foo", "",
    "t\u00e9xt/plain", "\uff54ext/plain", "application/json;q=abc", "application/json;q=2", ",,,,", "*/json",
    "text/plain;charset=\u00e9", "application/problem+json", "text/*;q=0.1, application/json;q=0.9", "a/b/c",
    ("application/json," * 2000)[:7000], "\x00", "application/json\x7f",
]
NAMESPACES = [
    "default", "team-a", "Team-A", "team\u2010a", "\uff54eam", "", " ", "a" * 64, "a" * 65, "-a", "_a", "a b",
    "a\x00b", "caf\u00e9", "\U0001F600", "../x", "a,b", "*", "team-a\r\nX-Injected: 1",
]
PATH_JUNK = [
    "%2F", "%2f", "%00", "%ZZ", "%", "%f", "%ff", "%c0%af", "%e2%80", "%25", "%5C", "%2e%2e", ";", ";jsessionid=1",
    "//", "/../", "/./", "\\", "\xe9", "\xff", "\x00", "\x7f", " ", "\t", "%20", "?", "#", "%23", "~", "@", "%u0041",
    "\u2028", "a" * 9000, "%E2%80%90", "%EF%BC%B4", "{}", "[", "|", "^", "`", '"', "<", ">",
]


def rand_key(rng):
    return "".join(rng.choice(KEY_CHARS) for _ in range(64))


def json_string(text):
    """A JSON string literal; lone surrogates become \\uD800 escapes."""
    return json.dumps(text, ensure_ascii=True)


def raw_utf8(text):
    """UTF-8 bytes, lone surrogates encoded as raw (invalid) 3-byte sequences."""
    return text.encode("utf-8", "surrogatepass")


def pct(text, rng):
    """Percent-encodes text, sometimes leaving hostile bytes raw or the encoding broken."""
    choice = rng.random()
    if choice < 0.5:
        return urllib.parse.quote(raw_utf8(text), safe="")
    if choice < 0.8:
        # raw, except CR and LF: in a request line they would end it (an HTTP/0.9 request, not a query)
        return text.replace("\r", "%0D").replace("\n", "%0A")
    return rng.choice(["%", "%Z", "%ZZ", "%ff", "%00", "%c3", "%e2%80", "%2", "%%%"]) + urllib.parse.quote(raw_utf8(text), safe="")


class Case:
    """One request: bytes to send, and what kind of probe it is (for the report)."""

    def __init__(self, kind, method, target, headers=None, body=None, version="HTTP/1.1",
                 allow_drop=False, half_close=False, raw=None):
        self.kind = kind
        self.method = method
        self.target = target
        self.headers = list(headers or [])
        self.body = body
        self.version = version
        self.allow_drop = allow_drop
        self.half_close = half_close
        self.raw = raw
        self.reset_after = False

    def encode(self, host, token):
        if self.raw is not None:
            return self.raw
        names = {(n.decode("latin-1") if isinstance(n, bytes) else n).lower() for n, _ in self.headers}
        headers = list(self.headers)
        if "host" not in names:
            headers.insert(0, ("Host", host))
        if "connection" not in names:
            headers.append(("Connection", "close"))
        if token and "authorization" not in names:
            headers.append(("Authorization", "Bearer " + token))
        body = self.body
        if isinstance(body, str):
            body = raw_utf8(body)
        if body is not None and "content-length" not in names and "transfer-encoding" not in names:
            headers.append(("Content-Length", str(len(body))))
        out = bytearray()
        out += to_bytes(self.method) + b" " + to_bytes(self.target) + b" " + to_bytes(self.version) + b"\r\n"
        for name, value in headers:
            out += to_bytes(name) + b": " + to_bytes(value) + b"\r\n"
        out += b"\r\n"
        if body is not None:
            out += body
        return bytes(out)


def to_bytes(value):
    if isinstance(value, bytes):
        return value
    return raw_utf8(value)


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body

    def header(self, name):
        for key, value in self.headers:
            if key.lower() == name.lower():
                return value
        return None


def exchange(host, port, data, timeout, head, half_close):
    """Sends the bytes and reads one final response (skipping 1xx); None if the server gave none."""
    sock = socket.create_connection((host, port), timeout=timeout)
    try:
        try:
            sock.sendall(data)
            if half_close:
                sock.shutdown(socket.SHUT_WR)
        except OSError:
            pass  # the server may answer (413, 400) and close before reading everything
        reader = Reader(sock)
        while True:
            line = reader.line()
            if line is None:
                return None
            parts = line.split(b" ", 2)
            if len(parts) < 2 or not parts[1].isdigit():
                return Response(-1, [], line)
            status = int(parts[1])
            headers = []
            while True:
                header = reader.line()
                if header is None or header == b"":
                    break
                name, _, value = header.partition(b":")
                headers.append((name.decode("latin-1").strip(), value.decode("latin-1").strip()))
            if 100 <= status < 200:
                continue
            response = Response(status, headers, b"")
            if head or status in (204, 304):
                return response
            encoding = (response.header("Transfer-Encoding") or "").lower()
            length = response.header("Content-Length")
            if "chunked" in encoding:
                response.body = reader.chunked()
            elif length is not None and length.isdigit():
                response.body = reader.exactly(int(length))
            else:
                response.body = reader.rest()
            return response
    except (socket.timeout, TimeoutError):
        return "timeout"
    except OSError as e:
        return "connection error: " + type(e).__name__
    finally:
        sock.close()


class Reader:
    def __init__(self, sock):
        self.sock = sock
        self.buffer = b""

    def _fill(self):
        chunk = self.sock.recv(65536)
        if not chunk:
            return False
        self.buffer += chunk
        return True

    def line(self):
        while b"\r\n" not in self.buffer:
            if not self._fill():
                return None
        line, _, self.buffer = self.buffer.partition(b"\r\n")
        return line

    def exactly(self, n):
        while len(self.buffer) < n:
            if not self._fill():
                break
        data, self.buffer = self.buffer[:n], self.buffer[n:]
        return data

    def rest(self):
        while self._fill():
            pass
        data, self.buffer = self.buffer, b""
        return data

    def chunked(self):
        body = b""
        while True:
            size_line = self.line()
            if size_line is None:
                return body
            size = int(size_line.split(b";")[0].strip() or b"0", 16)
            if size == 0:
                self.line()
                return body
            body += self.exactly(size)
            self.line()


# ----------------------------------------------------------------------------- generators

class Fuzzer:
    def __init__(self, rng, migration_source):
        self.rng = rng
        self.keys = []          # cache keys of stored entries
        self.etags = {}
        self.migration_ids = []
        self.migration_source = migration_source
        self.generators = [
            (6, self.valid_store), (16, self.mutated_store), (6, self.hostile_body), (6, self.lookups),
            (8, self.entry_by_key), (8, self.listing), (2, self.clear), (8, self.reads), (4, self.put_budget),
            (3, self.eviction), (3, self.migrations), (10, self.any_method_any_path), (8, self.malformed_path),
            (8, self.malformed_query), (6, self.form_body), (6, self.content_types), (12, self.hostile_headers),
            (4, self.protocol), (1, self.oversized), (3, self.specials),
        ]
        self.total_weight = sum(w for w, _ in self.generators)

    def next_case(self):
        pick = self.rng.uniform(0, self.total_weight)
        for weight, generator in self.generators:
            pick -= weight
            if pick <= 0:
                return generator()
        return self.generators[-1][1]()

    def namespace_header(self):
        return ("X-Cache-Namespace", self.rng.choice(["fuzz-a", "fuzz-b", "default"]))

    def json_headers(self):
        return [("Content-Type", "application/json"), self.namespace_header()]

    # --- values

    def hostile_json_value(self, depth=0):
        r = self.rng.random()
        if r < 0.3:
            return self.rng.choice(HOSTILE_NUMBERS)
        if r < 0.6:
            return json_string(self.rng.choice(HOSTILE_STRINGS))
        if r < 0.7:
            return self.rng.choice(["true", "false", "null", "[]", "{}", '""'])
        if r < 0.8:
            return self.deep(self.rng.choice([50, 499, 500, 501, 1000, 5000]))
        if r < 0.85:
            return '{"a": 1, "a": 2}'
        if r < 0.9 and depth < 3:
            return "[" + ", ".join(self.hostile_json_value(depth + 1) for _ in range(self.rng.randint(0, 4))) + "]"
        if depth < 3:
            return "{" + ", ".join(json_string(self.rng.choice(HOSTILE_STRINGS[:30])) + ": " + self.hostile_json_value(depth + 1)
                                  for _ in range(self.rng.randint(0, 4))) + "}"
        return "0"

    def deep(self, levels):
        if self.rng.random() < 0.5:
            return "[" * levels + "1" + "]" * levels
        return '{"a":' * levels + "1" + "}" * levels

    def entry_fields(self):
        content = "fn main() { %d }" % self.rng.randint(0, 40)
        fields = collections.OrderedDict()
        fields["cacheType"] = json_string(self.rng.choice(["refactor", "docs", "security"]))
        fields["repoPath"] = json_string("/home/fuzz/proj")
        fields["filePath"] = json_string("src/main.rs")
        fields["content"] = json_string(content)
        fields["provider"] = json_string(self.rng.choice(["xai", "openai", "anthropic", "google"]))
        fields["model"] = json_string(self.rng.choice(["grok-beta", "gpt-4o", "claude-3-5-sonnet", "gemini-1.5-pro"]))
        fields["result"] = json.dumps({"score": self.rng.randint(0, 100), "smells": ["long method"], "note": "caf\u00e9 \u2713"})
        fields["tokensUsed"] = str(self.rng.randint(0, 10000))
        return fields

    @staticmethod
    def render(fields):
        return "{" + ", ".join(json_string(k) + ": " + v for k, v in fields.items()) + "}"

    # --- generators

    def valid_store(self):
        return Case("store/valid", "POST", API + "/entries", self.json_headers(), self.render(self.entry_fields()))

    def mutated_store(self):
        fields = self.entry_fields()
        field = self.rng.choice(list(fields) + ["fileHash", "fileSize", "promptHash", "schemaVersion", "inputTokens",
                                                "outputTokens", "cachedInputTokens", "cacheWriteTokens", "usage", "unknownField"])
        value = self.hostile_json_value()
        if field == "result" and self.rng.random() < 0.5:
            value = self.rng.choice(['{"x": 1e400}', "1e400", '{"x": [1, {"y": -1e400}]}', '{"x": 1e-400}',
                                     '{"a": 1, "a": 2}', '{"x": "\\ud800"}', '{"x": "a\\u0000b"}', self.deep(2000),
                                     '{"big": "' + "z" * 9_000_000 + '"}'])
        if field == "model" and self.rng.random() < 0.5:
            value = json_string(self.rng.choice(["grok\nbeta", "grok\rbeta", "grok\u2028beta", "gpt-4\u2029o", "\n", "*"]))
        if field in ("tokensUsed", "inputTokens", "outputTokens") and self.rng.random() < 0.4:
            value = self.rng.choice(["900000000000000", "930000000000000", "9223372036854775807", "1000000000000",
                                     "1000000000001", "-1", "1.5", "1e400"])
        if field == "usage" and self.rng.random() < 0.6:
            value = self.rng.choice(['{"prompt_tokens": 9223372036854775807, "completion_tokens": 9223372036854775807}',
                                     '{"input_tokens": -1}', '{"promptTokenCount": 1e400}', '{"unknown": 1}', '[]',
                                     '{"prompt_tokens": 10, "prompt_tokens_details": {"cached_tokens": 20}}'])
        fields[field] = value
        body = self.render(fields)
        kind = "store/field=" + field
        mutation = self.rng.random()
        if mutation < 0.08:
            body, kind = body.replace('"cacheType"', '"cacheType": "docs", "cacheType"', 1), kind + "+duplicate-key"
        elif mutation < 0.16:
            cut = self.rng.randint(0, len(body))
            body, kind = body[:cut], kind + "+truncated"
        elif mutation < 0.22:
            body, kind = body + self.rng.choice(["x", "}", ",", " {}", "\x00", "// c"]), kind + "+trailing-garbage"
        elif mutation < 0.30:
            raw = raw_utf8(body)
            at = self.rng.randint(0, len(raw))
            junk = self.rng.choice([b"\xff", b"\xc0\xaf", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\x80", b"\xe2\x80"])
            return Case(kind + "+invalid-utf8", "POST", API + "/entries", self.json_headers(), raw[:at] + junk + raw[at:])
        elif mutation < 0.34:
            return Case(kind + "+bom-or-utf16", "POST", API + "/entries", self.json_headers(),
                        self.rng.choice([b"\xef\xbb\xbf" + raw_utf8(body), body.encode("utf-16-le", "surrogatepass"),
                                         body.encode("utf-16", "surrogatepass")]))
        return Case(kind, "POST", API + "/entries", self.json_headers(), body)

    def hostile_body(self):
        path = self.rng.choice(JSON_ENDPOINTS)
        method = "PUT" if path.endswith("/budget") else "POST"
        body = self.rng.choice([
            "", "null", "[]", "{}", '"text"', "1", " ", "\x00", "{", "}", "{'a': 1}", "{a: 1}", '{"a": 1,}',
            self.deep(self.rng.choice([100, 600, 3000])), self.hostile_json_value(), self.hostile_json_value(),
            "{" + ", ".join('"k%d": %d' % (i, i) for i in range(20000)) + "}",
            '{"lookups": [' + ", ".join(['{"cacheType": "refactor", "model": "m", "content": "x"}'] * 2000) + "]}",
        ])
        return Case("json-body" + path.replace(API, ""), method, path, self.json_headers(), body)

    def lookups(self):
        item = {"cacheType": self.rng.choice(["refactor", "docs", "REFACTOR", "", "a" * 40]),
                "model": self.rng.choice(["grok-beta", "gpt-4o", "m\n", "\u2028", ""]),
                "content": "fn main() { %d }" % self.rng.randint(0, 40)}
        if self.rng.random() < 0.3:
            item["schemaVersion"] = self.rng.choice([0, -1, 2 ** 31, 2 ** 63, 1.5, "1"])
        if self.rng.random() < 0.2:
            item["fileHash"] = self.rng.choice(["x", rand_key(self.rng), rand_key(self.rng).upper()])
        query = ""
        if self.rng.random() < 0.4:
            query = "?" + self.rng.choice(["lease=true", "lease=PT30S", "lease=garbage", "wait=PT0S", "wait=PT1S",
                                           "wait=garbage", "wait=-PT1S", "wait=P1D", "wait=PT99999999999H", "lease=%ZZ",
                                           "lease=PT1S&wait=PT0.5S"])
        if self.rng.random() < 0.5:
            body = json.dumps(item, ensure_ascii=self.rng.random() < 0.5)
            return Case("lookup", "POST", API + "/lookup" + query, self.json_headers(), body)
        count = self.rng.choice([0, 1, 5, 1000, 1001, 5000])
        body = json.dumps({"lookups": [item] * count}) if self.rng.random() < 0.8 else json.dumps([item])
        return Case("lookup/batch", "POST", API + "/lookup/batch" + query, self.json_headers(), body)

    def entry_by_key(self):
        if self.keys and self.rng.random() < 0.5:
            key = self.rng.choice(self.keys)
        else:
            key = self.rng.choice([rand_key(self.rng), rand_key(self.rng)[:32], rand_key(self.rng).upper(), "x", "0" * 65,
                                   "g" * 64, pct(self.rng.choice(HOSTILE_STRINGS), self.rng), "%20", "null"])
        method = self.rng.choice(["GET", "GET", "HEAD", "DELETE"])
        headers = [self.namespace_header()]
        if self.rng.random() < 0.3:
            headers.append(("If-None-Match", self.rng.choice(
                ['"' + key + '"', "*", "garbage", '"x", W/"y"', self.etags.get(key, '"none"'), "\x7f", "\u00e9"])))
        query = "" if self.rng.random() < 0.7 else "?" + self.rng.choice(
            ["lease=true", "wait=PT0S", "wait=PT1S", "wait=zzz", "lease=%00", "wait=P1D&lease=x"])
        return Case("entry-by-key/" + method, method, API + "/entries/" + key + query, headers)

    def listing(self):
        params = []
        for _ in range(self.rng.randint(0, 5)):
            name = self.rng.choice(["cacheType", "repoPath", "filePath", "provider", "model", "limit", "after", "x",
                                    "limit", "after", "all"])
            value = self.rng.choice(["refactor", "-1", "0", "1", "1000", "1001", "1e400", "99999999999999999999", "1.5",
                                     "abc", "%ZZ", "%00%ff", "%ff", "\u00e9", "", "eyJ0IjoxfQ", "a" * 3000] + HOSTILE_STRINGS[:20])
            params.append(pct(name, self.rng) + "=" + pct(value, self.rng))
        return Case("listing", "GET", API + "/entries?" + "&".join(params), [self.namespace_header()])

    def clear(self):
        query = self.rng.choice(["", "?cacheType=docs", "?cacheType=%ZZ", "?all=maybe", "?all=true&cacheType=zzz",
                                 "?model=%ff", "?provider=\x00", "?cacheType=" + "a" * 5000, "?repoPath=/home/fuzz/none"])
        return Case("clear", "DELETE", API + "/entries" + query, [self.namespace_header()])

    def reads(self):
        choice = self.rng.randint(0, 5)
        headers = [self.namespace_header()]
        if choice == 0:
            headers.append(("Accept", self.rng.choice(ACCEPTS)))
            return Case("stats", "GET", API + "/stats", headers)
        if choice == 1:
            return Case("budget", "GET", API + "/budget", headers)
        if choice == 2:
            months = self.rng.choice(["12", "0", "-1", "1000", "1e400", "abc", "%ZZ", "99999999999", "1.5", ""])
            return Case("budget-history", "GET", API + "/budget/history?months=" + months, headers)
        if choice == 3:
            return Case("pricing", "GET", API + "/pricing", headers)
        params = "&".join("%s=%s" % (name, pct(self.rng.choice(HOSTILE_NUMBERS + HOSTILE_STRINGS[:20]), self.rng))
                          for name in self.rng.sample(["provider", "model", "inputTokens", "outputTokens",
                                                       "cachedInputTokens", "cacheWriteTokens"], self.rng.randint(0, 6)))
        return Case("pricing-quote", "GET", API + "/pricing/quote?" + params, headers)

    def put_budget(self):
        fields = {"monthlyBudgetUsd": self.rng.choice(["10", "0", "-1", "1e400", "1e-400", "0.0000001", "1" + "0" * 400,
                                                       "9223372036854775807", "NaN", '"10"', "null", "3.5"]),
                  "warningThreshold": self.rng.choice(["0.75", "0", "1", "1.5", "-0.1", "1e400", "1e-400", "null", '"x"']),
                  "alertThreshold": self.rng.choice(["0.9", "0.5", "1", "2", "1e-400", "null"])}
        body = "{" + ", ".join(json_string(k) + ": " + v for k, v in fields.items() if self.rng.random() < 0.85) + "}"
        return Case("budget/put", "PUT", API + "/budget", self.json_headers(), body)

    def eviction(self):
        fields = {"policy": self.rng.choice(['"LRU"', '"OLDEST"', '"LARGEST"', '"COST_AWARE"', '"lru"', '"X"', "1", "null"]),
                  "targetBytes": self.rng.choice(["100000000", "-1", "0", "1e400", "9223372036854775808", '"1"', "1.5"]),
                  "maxEntries": self.rng.choice(["1000000", "-5", "1e400", "0"]),
                  "olderThan": self.rng.choice(['"P3650D"', '"P-1D"', '"garbage"', '"PT1S"', "1", '"P99999999999D"']),
                  "dryRun": self.rng.choice(["true", "true", "true", "false", '"yes"', "1"])}
        body = "{" + ", ".join(json_string(k) + ": " + v for k, v in fields.items() if self.rng.random() < 0.6) + "}"
        return Case("eviction", "POST", API + "/eviction", self.json_headers(), body)

    def migrations(self):
        r = self.rng.random()
        if r < 0.5:
            source = self.rng.choice(["/", "/etc", "", "relative", "\x00", "/nonexistent/\u00e9", "a" * 5000]
                                     + ([self.migration_source] * 3 if self.migration_source else []))
            body = json.dumps({"source": source, "layout": self.rng.choice(["AUTO", "CENTRALIZED", "LOCAL", "X", 1]),
                               "dryRun": self.rng.choice([True, True, False, "x"]), "verify": self.rng.choice([True, False])})
            return Case("migration/start", "POST", API + "/migrations", self.json_headers(), body)
        ident = self.rng.choice(self.migration_ids) if self.migration_ids and self.rng.random() < 0.5 else \
            self.rng.choice(["1", "0", "-1", "abc", "99999999999999999999", "%ZZ", "%00", pct("\u00e9", self.rng),
                             "00000000-0000-0000-0000-000000000000"])
        suffix = "/events" if self.rng.random() < 0.3 else ""
        return Case("migration/get" + suffix, "GET", API + "/migrations/" + ident + suffix, [self.namespace_header()])

    def any_method_any_path(self):
        _, template = self.rng.choice(ENDPOINTS)
        path = template.replace("{key}", rand_key(self.rng)).replace("{id}", "1")
        method = self.rng.choice(METHODS)
        body = None if self.rng.random() < 0.5 else self.rng.choice(["{}", "a=%zz", "x" * 100, '{"a": 1e400}'])
        headers = [("Content-Type", self.rng.choice(["application/json", "application/x-www-form-urlencoded"]))] if body else []
        return Case("any-method/" + ("weird" if method not in METHODS[:9] else method), method, path, headers, body)

    def malformed_path(self):
        _, template = self.rng.choice(ENDPOINTS)
        path = template.replace("{key}", rand_key(self.rng)).replace("{id}", "1")
        junk = self.rng.choice(PATH_JUNK)
        cut = self.rng.randint(1, len(path))
        target = path[:cut] + junk + path[cut:] if self.rng.random() < 0.5 else path + "/" + junk
        return Case("path/" + ascii(junk[:12]), self.rng.choice(["GET", "GET", "POST", "DELETE", "HEAD"]), target,
                    [self.namespace_header()])

    def malformed_query(self):
        _, template = self.rng.choice(ENDPOINTS)
        path = template.replace("{key}", rand_key(self.rng)).replace("{id}", "1")
        query = self.rng.choice([
            "x=%ZZ", "after=%00%ff", "cacheType=%ZZ", "a=%", "a=%f", "%=1", "a=%ff%fe", "a=%c0%af", "a=%ed%a0%80",
            "a=\xff", "a=\x00", "a=%00", "&&&", "=", "a==b", "a=" + "%41" * 3000, "&".join("p%d=1" % i for i in range(12000)),
            "limit=1&limit=2", "months=1&months=x", "a=\u00e9", "a=%E2%80%A8", "a=b;c=d", "a=+%2B+", "\x7f=1",
        ])
        return Case("query", self.rng.choice(["GET", "GET", "HEAD", "DELETE", "POST"]), path + "?" + query,
                    [self.namespace_header()])

    def form_body(self):
        method, template = self.rng.choice(ENDPOINTS)
        path = template.replace("{key}", rand_key(self.rng)).replace("{id}", "1")
        method = self.rng.choice(["POST", "PUT", "PATCH", "DELETE", method])
        body = self.rng.choice(["a=%zz", "a=%", "a=%ff", "a=%00", "%zz=1", "a=" + "b" * 3_000_000, "a=\xff\xfe",
                                "&".join("k%d=v" % i for i in range(20000)), "a=1&a=2", "=", "cacheType=refactor"])
        return Case("form/" + method, method, path, [("Content-Type", "application/x-www-form-urlencoded"), self.namespace_header()], body)

    def content_types(self):
        path = self.rng.choice(JSON_ENDPOINTS + ["/v3/api-docs", "/actuator/health"])
        method = "PUT" if path.endswith("/budget") else "POST"
        content_type = self.rng.choice(CONTENT_TYPES)
        body = self.rng.choice([self.render(self.entry_fields()), "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb\r\n--XyZ--\r\n",
                                "garbage", "", "\x00\x01\x02"])
        headers = [("Content-Type", content_type), self.namespace_header()]
        if self.rng.random() < 0.1:
            headers.append(("Content-Type", "text/plain"))
        return Case("content-type/" + ascii(content_type[:24]), method, path, headers, body)

    def hostile_headers(self):
        method, template = self.rng.choice([e for e in ENDPOINTS if e[0] in ("GET", "HEAD")])
        path = template.replace("{key}", rand_key(self.rng)).replace("{id}", "1")
        choice = self.rng.randint(0, 13)
        headers = []
        kind = "header/"
        if choice == 0:
            size = self.rng.choice([7000, 8100, 8192, 9000, 16384, 100_000])
            headers.append(("Authorization", "Bearer " + "a" * size))
            kind += "authorization-%d" % size
        elif choice == 1:
            headers.extend(("X-Pad-%d" % i, "v" * self.rng.choice([10, 100])) for i in range(self.rng.choice([50, 99, 101, 150, 500])))
            kind += "many"
        elif choice == 2:
            headers.append(("X-Cache-Namespace", self.rng.choice(NAMESPACES)))
            kind += "namespace"
        elif choice == 3:
            headers.append(("Accept", self.rng.choice(ACCEPTS)))
            kind += "accept"
        elif choice == 4:
            headers.append((self.rng.choice(["X-Test", "Authorization", "User-Agent", "Accept-Language", "If-None-Match"]),
                            self.rng.choice([b"\xff\xfe", b"a\x00b", b"\xe2\x80\x90", b"\xef\xbd\x94", b"\x7f", b"\xc3\xa9", b"\x1b[0m"])))
            kind += "raw-bytes"
        elif choice == 5:
            headers.append((self.rng.choice([b"X Y", b"X\x00", b"\xe9", b"(request)", b"", b":", b"X-\xff"]), "1"))
            kind += "bad-name"
        elif choice == 6:
            headers.append(("X-Folded", "a"))
            headers.append((b" b", b"c"))  # obs-fold continuation line
            kind += "obs-fold"
        elif choice == 7:
            headers.append(("Content-Length", self.rng.choice(["-1", "abc", "1, 2", "99999999999999999999", "0x10", " 5", "1e3"])))
            # a length that parses but is not sent leaves the server waiting for the body: say we are done
            return Case(kind + "content-length", method, path, headers, half_close=True, allow_drop=True)
        elif choice == 8:
            headers.append(("Transfer-Encoding", self.rng.choice(["gzip", "chunked, gzip", "identity", "\u00e9", "chunked chunked", ""])))
            kind += "transfer-encoding"
        elif choice == 9:
            headers.append(("Expect", self.rng.choice(["100-continue", "garbage", "200-ok"])))
            kind += "expect"
        elif choice == 10:
            headers.append(("Host", self.rng.choice(["", "a b", "\u00e9.com", "x" * 300, "[::1", "h:99999"])))
            if self.rng.random() < 0.5:
                headers.append(("Host", "other"))
            kind += "host"
        elif choice == 11:
            headers.append(("Authorization", self.rng.choice(["Bearer", "Bearer ", "Basic x", "Bearer \u00e9", "bearer x" * 100, "\x00"])))
            kind += "authorization-odd"
        elif choice == 12:
            headers.append(("Cookie", "; ".join("c%d=%d" % (i, i) for i in range(self.rng.choice([10, 300, 2000])))))
            kind += "cookies"
        else:
            headers.append(("Range", self.rng.choice(["bytes=0-1", "bytes=-1", "bytes=9999999999999999999-", "garbage"])))
            kind += "range"
        return Case(kind, method, path, headers)

    def protocol(self):
        choice = self.rng.randint(0, 7)
        path = self.rng.choice([API + "/stats", "/actuator/health", API + "/entries"])
        if choice == 0:
            return Case("protocol/version", "GET", path, version=self.rng.choice(["HTTP/1.0", "HTTP/2.0", "HTTP/9.9", "http/1.1", "HTTP/1.", "FOO"]))
        if choice == 1:
            return Case("protocol/request-line", "", "", raw=self.rng.choice([
                b"GET\r\n\r\n", b"GET /\r\n\r\n", b" / HTTP/1.1\r\n\r\n", b"GET  / HTTP/1.1\r\nHost: x\r\n\r\n",
                b"\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03" + b"\x00" * 64,
                b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", b"GET http://evil.example/api/v1/stats HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                b"GET * HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", b"OPTIONS * HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"]),
                allow_drop=True)
        if choice == 2:
            return Case("protocol/connect", "CONNECT", "127.0.0.1:443")
        if choice == 3:
            chunks = self.rng.choice([b"zz\r\nabc\r\n0\r\n\r\n", b"5\r\nab\r\n0\r\n\r\n", b"-1\r\n\r\n",
                                      b"ffffffffffffffffff\r\nx\r\n0\r\n\r\n", b"2;ext=\xff\r\n{}\r\n0\r\n\r\n"])
            return Case("protocol/bad-chunks", "POST", API + "/entries",
                        [("Content-Type", "application/json"), ("Transfer-Encoding", "chunked")], chunks, allow_drop=True)
        if choice == 4:
            return Case("protocol/short-body", "POST", API + "/entries",
                        [("Content-Type", "application/json"), ("Content-Length", "500")], b'{"cacheType": "refa',
                        allow_drop=True, half_close=True)
        if choice == 5:
            return Case("protocol/both-lengths", "POST", API + "/entries",
                        [("Content-Type", "application/json"), ("Content-Length", "2"), ("Transfer-Encoding", "chunked")],
                        b"2\r\n{}\r\n0\r\n\r\n")
        if choice == 6:
            return Case("protocol/absolute-uri", "GET", "http://127.0.0.1" + path)
        if self.rng.random() < 0.5:
            # no version: an HTTP/0.9 request, answered (if at all) without a status line
            case = Case("protocol/http-0.9", "", "", raw=b"GET " + path.encode() + self.rng.choice([b"\r\n", b"?a=b\nc HTTP/1.1\r\n\r\n"]),
                        allow_drop=True)
            case.reset_after = True
            return case
        return Case("protocol/lf-only", "", "", raw=b"GET " + path.encode() + b" HTTP/1.1\nHost: x\nConnection: close\n\n")

    def oversized(self):
        choice = self.rng.randint(0, 2)
        if choice == 0:
            return Case("oversized/declared", "POST", API + "/entries",
                        [("Content-Type", "application/json"), ("Content-Length", str(17 * 1024 * 1024))], b"{",
                        allow_drop=True, half_close=True)
        if choice == 1:
            body = b'{"cacheType": "refactor", "filePath": "f", "provider": "xai", "model": "m", "result": {}, "content": "' \
                   + b"y" * (17 * 1024 * 1024) + b'"}'
            return Case("oversized/sent", "POST", API + "/entries", [("Content-Type", "application/json")], body)
        size = 16 * 1024 * 1024 + 1
        chunk = b"z" * 65536
        parts = [b"%x\r\n%s\r\n" % (len(chunk), chunk)] * (size // len(chunk) + 1)
        return Case("oversized/chunked", "POST", API + "/lookup",
                    [("Content-Type", "application/json"), ("Transfer-Encoding", "chunked")], b"".join(parts) + b"0\r\n\r\n")

    def specials(self):
        return self.rng.choice([
            Case("special/error", self.rng.choice(["GET", "POST", "DELETE"]), "/error"),
            Case("special/health-bad-query", "GET", "/actuator/health?x=%ZZ"),
            Case("special/api-docs-multipart", "POST", "/v3/api-docs", [("Content-Type", "multipart/form-data")], "x"),
            Case("special/prometheus", "GET", "/actuator/prometheus?name[]=%ZZ"),
            Case("special/swagger", "GET", "/swagger-ui/index.html?url=%00"),
            Case("special/api-docs-yaml", "GET", "/v3/api-docs.yaml", [("Accept", self.rng.choice(ACCEPTS))]),
            Case("special/stats-form", "PATCH", API + "/stats", [("Content-Type", "application/x-www-form-urlencoded")], "a=%zz"),
        ])

    def learn(self, case, response):
        """Remembers stored keys and migrations, so later requests also hit things that exist."""
        if not isinstance(response, Response) or response.status not in (200, 201, 202):
            return
        try:
            body = json.loads(response.body.decode("utf-8"))
        except (ValueError, UnicodeDecodeError):
            return
        if isinstance(body, dict) and case.target == API + "/entries" and case.method == "POST" and "cacheKey" in body:
            self.keys.append(body["cacheKey"])
            self.keys = self.keys[-200:]
        if isinstance(body, dict) and case.kind.startswith("migration/start") and "id" in body:
            self.migration_ids.append(str(body["id"]))
        if isinstance(body, dict) and case.kind.startswith("entry-by-key/GET") and response.header("ETag"):
            self.etags[body.get("cacheKey")] = response.header("ETag")


# ----------------------------------------------------------------------------- checks

def verdict(case, response):
    """None when the answer is acceptable, else what is wrong with it."""
    if not isinstance(response, Response):
        return None if case.allow_drop else "no answer (%s)" % (response or "connection closed")
    if response.status < 0:
        return None if case.allow_drop else "not an HTTP response"
    if response.status >= 500:
        return "5xx"
    if response.status < 400 or case.method == "HEAD":
        return None
    content_type = (response.header("Content-Type") or "").lower()
    if not content_type.startswith("application/problem+json"):
        return "error answer is not a problem (Content-Type %r)" % (response.header("Content-Type"),)
    try:
        problem = json.loads(response.body.decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        return "problem body is not JSON"
    if not isinstance(problem, dict):
        return "problem body is not an object"
    if problem.get("status") != response.status:
        return "problem status %r differs from the HTTP status" % (problem.get("status"),)
    missing = [f for f in ("type", "title", "detail") if not isinstance(problem.get(f), str) or not problem.get(f)]
    if missing:
        return "problem lacks " + ", ".join(missing)
    return None


def shown(data, limit):
    text = repr(data[:limit])
    return text + (" ... (%d bytes in all)" % len(data) if len(data) > limit else "")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", default="http://127.0.0.1:8080", help="the server (default %(default)s)")
    parser.add_argument("--requests", type=int, default=5000, help="how many requests (default %(default)s)")
    parser.add_argument("--seed", type=int, default=1, help="random seed; the same seed sends the same requests")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds to wait for an answer")
    parser.add_argument("--token", help="bearer token to send when the server has tokens configured")
    parser.add_argument("--migration-source", help="a directory inside cache.migration.allowed-roots, to start real migrations")
    parser.add_argument("--show", type=int, default=300, help="bytes of each failing request to print (default %(default)s)")
    parser.add_argument("--log", help="also write every request and its status to this file")
    args = parser.parse_args()

    url = urllib.parse.urlsplit(args.url)
    host, port = url.hostname, url.port or 80
    rng = random.Random(args.seed)
    fuzzer = Fuzzer(rng, args.migration_source)
    statuses = collections.Counter()
    failures = []
    kinds_failed = collections.Counter()
    started = time.monotonic()
    log = open(args.log, "w", encoding="utf-8") if args.log else None
    for number in range(1, args.requests + 1):
        case = fuzzer.next_case()
        data = case.encode("%s:%d" % (host, port), args.token)
        response = exchange(host, port, data, args.timeout, case.method == "HEAD", case.half_close)
        if isinstance(response, Response):
            statuses[response.status] += 1
        else:
            statuses["dropped (expected)" if case.allow_drop else "no answer"] += 1
        fuzzer.learn(case, response)
        if case.reset_after:
            # Tomcat 11 keeps a processor's HTTP/0.9 flag when it is recycled: the next request on it
            # whose request line fails to parse is answered without status line and headers. A
            # well-formed request resets it; known, documented in docs/reliability.md, not counted.
            exchange(host, port, Case("reset", "GET", "/actuator/health").encode("%s:%d" % (host, port), args.token),
                     args.timeout, False, False)
        problem = verdict(case, response)
        if log:
            status = response.status if isinstance(response, Response) else response
            log.write("#%d [%s] %s %s %s\n" % (number, case.kind, status, problem or "ok", shown(data, 200)))
        if problem:
            failures.append((number, case, data, response, problem))
            kinds_failed[case.kind] += 1
        if number % 500 == 0:
            print("... %d requests, %d failures, %.0f s" % (number, len(failures), time.monotonic() - started), file=sys.stderr)

    elapsed = time.monotonic() - started
    print("fuzz: %d requests to %s (seed %d) in %.1f s" % (args.requests, args.url, args.seed, elapsed))
    print("answers by status:")
    for status, count in sorted(statuses.items(), key=lambda item: str(item[0])):
        print("  %-20s %6d" % (status, count))
    five_xx = [f for f in failures if isinstance(f[3], Response) and f[3].status >= 500]
    print("5xx: %d; other failures: %d" % (len(five_xx), len(failures) - len(five_xx)))
    for number, case, data, response, problem in failures:
        status = response.status if isinstance(response, Response) else "-"
        print("\n#%d [%s] %s: %s" % (number, case.kind, status, problem))
        print("  request:  " + shown(data, args.show))
        if isinstance(response, Response):
            print("  response: %s %s" % (response.header("Content-Type"), shown(response.body, 300)))
    if failures:
        print("\nfailures by kind of request:")
        for kind, count in kinds_failed.most_common():
            print("  %-40s %5d" % (kind, count))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
