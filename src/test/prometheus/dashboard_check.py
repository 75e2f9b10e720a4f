#!/usr/bin/env python3
"""Helper of check-dashboard.sh: talks to the temporary Prometheus and checks the dashboard's
queries against it. Standard library only, so that it runs on a bare python3."""

import argparse
import json
import math
import re
import socket
import sys
import urllib.error
import urllib.parse
import urllib.request

# Values for Grafana's built-in variables. $__rate_interval is wider than Grafana would pick for
# a 1 s scrape so that a rate window still covers traffic that ran a little before the queries.
BUILTINS = {
    "__rate_interval": "1m",
    "__interval": "15s",
    "__interval_ms": "15000",
    "__range": "1h",
    "__range_s": "3600",
    "__range_ms": "3600000",
}
LEGEND_LABEL = re.compile(r"\{\{\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*\}\}")
LABEL_VALUES = re.compile(r"^\s*label_values\(\s*(?:(.*?)\s*,\s*)?([a-zA-Z_][a-zA-Z0-9_]*)\s*\)\s*$")
UNRESOLVED = re.compile(r"\$\{?[a-zA-Z_][a-zA-Z0-9_]*|\[\[[a-zA-Z_]")


def api(prom, path, params=None, post=True, timeout=10):
    """Form POST (or GET) to the Prometheus HTTP API; returns the decoded `data`."""
    url = prom.rstrip("/") + path
    query = urllib.parse.urlencode(params or {}, doseq=True)
    data = query.encode() if post and params else None
    if query and not post:
        url += "?" + query
    try:
        with urllib.request.urlopen(url, data=data, timeout=timeout) as resp:
            body = json.load(resp)
    except urllib.error.HTTPError as e:
        try:
            body = json.load(e)
        except ValueError:
            raise RuntimeError(f"{path}: HTTP {e.code}") from None
    if body.get("status") != "success":
        raise RuntimeError(f"{body.get('errorType', 'error')}: {body.get('error', body)}")
    return body["data"]


def cmd_free_port(_args):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        print(s.getsockname()[1])


def cmd_scrape_config(args):
    """Prints a Prometheus configuration that scrapes base_url + metrics_path every second."""
    url = urllib.parse.urlsplit(args.base_url)
    if url.scheme not in ("http", "https") or not url.netloc:
        sys.exit(f"not an http(s) base URL: {args.base_url}")
    path = url.path.rstrip("/") + "/" + args.metrics_path.lstrip("/")
    rules = [f"  - {json.dumps(r)}" for r in args.rules]
    print("\n".join([
        "global:",
        "  scrape_interval: 1s",
        "  scrape_timeout: 1s",
        "  evaluation_interval: 1s",
        "rule_files:" + ("" if rules else " []"),
        *rules,
        "scrape_configs:",
        f"  - job_name: {json.dumps(args.job)}",
        f"    scheme: {url.scheme}",
        f"    metrics_path: {json.dumps(path)}",
        "    static_configs:",
        f"      - targets: [{json.dumps(url.netloc)}]",
    ]))


def cmd_scrapes(args):
    """Prints how many scrapes of the job succeeded (0 while there is no data yet)."""
    try:
        result = api(args.prom, "/api/v1/query",
                     {"query": f'sum(sum_over_time(up{{job="{args.job}"}}[10m]))'})["result"]
    except (OSError, RuntimeError):
        result = []
    print(int(float(result[0]["value"][1])) if result else 0)


def cmd_target_error(args):
    for t in api(args.prom, "/api/v1/targets")["activeTargets"]:
        print(f"{t['scrapeUrl']}: health={t['health']} lastError={t.get('lastError') or '-'}")


def cmd_rules(args):
    """Fails when an alerting or recording rule could not be evaluated against the real data."""
    failed = 0
    count = 0
    for group in api(args.prom, "/api/v1/rules")["groups"]:
        for rule in group["rules"]:
            count += 1
            if rule.get("health") != "ok":
                failed += 1
                print(f"FAIL rule {rule['name']}: health={rule.get('health')} {rule.get('lastError', '')}")
    print(f"rules: {count} evaluated, {failed} unhealthy")
    sys.exit(1 if failed else 0)


def walk_panels(panels):
    for p in panels or []:
        yield p
        yield from walk_panels(p.get("panels"))


def variable_query(var):
    q = var.get("query")
    return q.get("query", "") if isinstance(q, dict) else (q or "")


def grafana_regex_escape(value):
    # What Grafana does to each value of a multi-value or "All" variable in a Prometheus query.
    return re.sub(r"([\\^$*+?.()|\[\]{}])", r"\\\\\1", value)


def resolve_variables(prom, dashboard, overrides, failures):
    values = dict(BUILTINS)
    values.update({k: v for k, v in overrides.items() if k in BUILTINS})
    for var in dashboard.get("templating", {}).get("list", []):
        name, kind = var["name"], var.get("type")
        if kind == "query":
            q = variable_query(var)
            m = LABEL_VALUES.match(q)
            if not m:
                failures.append(f"variable ${name}: cannot evaluate query {q!r} (only label_values is supported)")
                continue
            selector, label = m.group(1), m.group(2)
            params = {"match[]": selector} if selector else None
            try:
                found = api(prom, f"/api/v1/label/{label}/values", params, post=False)
            except RuntimeError as e:
                failures.append(f"variable ${name}: {q}: {e}")
                continue
            if not found:
                failures.append(f"variable ${name}: {q} returned no values")
            else:
                print(f"ok   variable ${name}: {q} -> {', '.join(found)}")
            value = overrides.get(name, found[0] if found else "")
        elif kind in ("custom", "constant", "textbox", "interval"):
            current = var.get("current", {}).get("value") or var.get("query", "")
            value = overrides.get(name, current[0] if isinstance(current, list) else str(current).split(",")[0])
        else:  # datasource, adhoc: never part of an expression here
            continue
        if var.get("multi") or var.get("includeAll"):
            value = grafana_regex_escape(value)
        values[name] = value
    values.update({k: v for k, v in overrides.items() if k not in values})
    return values


def substitute(expr, values):
    for name in sorted(values, key=len, reverse=True):
        v = values[name]
        expr = re.sub(r"\$\{" + re.escape(name) + r"(?::[^}]*)?\}", lambda _m: v, expr)
        expr = expr.replace("[[" + name + "]]", v)
        expr = re.sub(r"\$" + re.escape(name) + r"(?![a-zA-Z0-9_])", lambda _m: v, expr)
    return expr


def check_target(prom, title, target, values, strict):
    """Returns None when the expression returned usable data, else the reason it did not."""
    expr = substitute(target["expr"], values)
    left = UNRESOLVED.search(expr)
    if left:
        return expr, f"unresolved variable {left.group(0)}"
    try:
        data = api(prom, "/api/v1/query", {"query": expr})
    except RuntimeError as e:
        return expr, f"query error: {e}"
    kind, result = data["resultType"], data["result"]
    if kind == "scalar":
        result = [{"metric": {}, "value": result}]
    elif kind == "matrix":
        result = [{"metric": r["metric"], "value": r["values"][-1]} for r in result if r["values"]]
    if not result:
        return expr, "no data"
    numbers = [float(r["value"][1]) for r in result]
    if strict and not any(math.isfinite(n) for n in numbers):
        return expr, f"only NaN/Inf values ({', '.join(r['value'][1] for r in result)})"
    legend = target.get("legendFormat") or ""
    for label in LEGEND_LABEL.findall(legend):
        missing = [r["metric"] for r in result if not r["metric"].get(label)]
        if missing:
            return expr, f"legend uses {{{{{label}}}}} but a series has no '{label}' label: {missing[0]}"
    sample = ", ".join(
        f"{{{','.join(f'{k}={v}' for k, v in sorted(r['metric'].items()))}}} {r['value'][1]}" for r in result[:3])
    more = f" (+{len(result) - 3} more)" if len(result) > 3 else ""
    print(f"ok   [{title}] {expr}\n       -> {len(result)} series: {sample}{more}")
    if not all(math.isfinite(n) for n in numbers):
        print("       note: NaN/Inf among the values (no traffic in the window?)")
    return None


def cmd_queries(args):
    with open(args.dashboard, encoding="utf-8") as f:
        dashboard = json.load(f)
    overrides = dict(kv.split("=", 1) for kv in args.var)
    failures = []
    values = resolve_variables(args.prom, dashboard, overrides, failures)
    passed = 0
    for panel in walk_panels(dashboard.get("panels")):
        for target in panel.get("targets", []):
            if target.get("hide") or not target.get("expr"):
                continue
            problem = check_target(args.prom, panel.get("title", "?"), target, values, args.strict)
            if problem:
                failures.append(f"[{panel.get('title', '?')}] {problem[0]}\n       -> {problem[1]}")
            else:
                passed += 1
    for f in failures:
        print(f"FAIL {f}")
    if passed == 0 and not failures:
        failures.append("the dashboard has no expressions")
        print("FAIL the dashboard has no expressions")
    print(f"dashboard: {passed} passed, {len(failures)} failed")
    sys.exit(1 if failures else 0)


# The metric names of API.md "Operations", and the Micrometer ones the dashboard may also use.
CONTRACT_METRICS = {
    "llmcache_lookups_total", "llmcache_hit_ratio", "llmcache_entries", "llmcache_stored_bytes",
    "llmcache_result_bytes", "llmcache_spend_usd_total", "llmcache_saved_usd_total",
    "llmcache_tokens_total", "llmcache_budget_usd", "llmcache_budget_spent_usd",
    "llmcache_budget_used_ratio", "llmcache_evictions_total", "llmcache_evicted_bytes_total",
    "llmcache_migration_entries_total", "llmcache_leases_total", "llmcache_lease_waits_total",
    "llmcache_duplicate_spend_usd_total",
}
# The project's own metrics beyond the contract's table (README, "Metrics").
PROJECT_METRICS = {
    "llmcache_prompt_cache_tokens_total", "llmcache_prompt_cache_saved_usd_total",
}
PLATFORM_METRICS = {
    "http_server_requests_seconds_bucket", "http_server_requests_seconds_count",
    "http_server_requests_seconds_sum", "disk_free_bytes", "disk_total_bytes",
}
METRIC_NAME = re.compile(r"\b((?:llmcache|http|disk|jvm|process|system|tomcat|executor)_[a-z0-9_]+)\b")


def cmd_lint(args):
    """Static checks of the dashboard JSON: layout, datasource, metric names, variables."""
    with open(args.dashboard, encoding="utf-8") as f:
        dashboard = json.load(f)
    with open(args.datasources, encoding="utf-8") as f:
        uids = set(re.findall(r"^\s*uid:\s*['\"]?([\w-]+)", f.read(), re.M))
    problems = []
    panels = list(walk_panels(dashboard.get("panels")))
    ids = [p.get("id") for p in panels]
    if len(ids) != len(set(ids)) or None in ids:
        problems.append(f"panel ids are missing or repeated: {ids}")
    cells = {}
    overlaps = set()
    for p in panels:
        g = p.get("gridPos", {})
        if g.get("x", 0) + g.get("w", 0) > 24:
            problems.append(f"panel '{p.get('title')}' is wider than the grid: {g}")
        for x in range(g.get("x", 0), g.get("x", 0) + g.get("w", 0)):
            for y in range(g.get("y", 0), g.get("y", 0) + g.get("h", 0)):
                other = cells.get((x, y))
                if other and (other, p.get("title")) not in overlaps:
                    overlaps.add((other, p.get("title")))
                    problems.append(f"panels '{other}' and '{p.get('title')}' overlap at x={x}, y={y}")
                cells[(x, y)] = p.get("title")
    used = set()
    for p in panels:
        if p.get("type") == "row":
            continue
        if not p.get("title"):
            problems.append(f"panel {p.get('id')} has no title")
        for ds in [p.get("datasource")] + [t.get("datasource") for t in p.get("targets", [])]:
            if not ds or ds.get("uid") not in uids:
                problems.append(f"panel '{p.get('title')}' uses datasource {ds}, provisioned: {sorted(uids)}")
        if not p.get("targets"):
            problems.append(f"panel '{p.get('title')}' has no query")
        for t in p.get("targets", []):
            for name in METRIC_NAME.findall(t.get("expr", "")):
                used.add(name)
                if name not in CONTRACT_METRICS | PROJECT_METRICS | PLATFORM_METRICS:
                    problems.append(f"panel '{p.get('title')}' uses {name}, which is neither in the contract nor allowed")
    for name in sorted((CONTRACT_METRICS | PROJECT_METRICS) - used):
        problems.append(f"no panel shows {name}")
    variables = {v["name"]: v for v in dashboard.get("templating", {}).get("list", [])}
    ns = variables.get("namespace")
    if not ns or not LABEL_VALUES.match(variable_query(ns)) or "llmcache_entries" not in variable_query(ns):
        problems.append("no $namespace variable from label_values(llmcache_entries, namespace)")
    if ns and ns.get("datasource", {}).get("uid") not in uids:
        problems.append(f"$namespace uses datasource {ns.get('datasource')}")
    for problem in problems:
        print(f"FAIL {problem}")
    print(f"lint: {len(panels)} panels, {len(used)} metric names, {len(problems)} problems")
    sys.exit(1 if problems else 0)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("free-port").set_defaults(func=cmd_free_port)
    p = sub.add_parser("scrape-config")
    p.add_argument("base_url")
    p.add_argument("--metrics-path", default="/actuator/prometheus")
    p.add_argument("--job", default="llm-cache-server")
    p.add_argument("--rules", action="append", default=[])
    p.set_defaults(func=cmd_scrape_config)
    p = sub.add_parser("scrapes")
    p.add_argument("prom")
    p.add_argument("--job", default="llm-cache-server")
    p.set_defaults(func=cmd_scrapes)
    p = sub.add_parser("target-error")
    p.add_argument("prom")
    p.set_defaults(func=cmd_target_error)
    p = sub.add_parser("rules")
    p.add_argument("prom")
    p.set_defaults(func=cmd_rules)
    p = sub.add_parser("queries")
    p.add_argument("prom")
    p.add_argument("--dashboard", required=True)
    p.add_argument("--var", action="append", default=[], help="NAME=VALUE for a template variable")
    p.add_argument("--strict", action="store_true")
    p.set_defaults(func=cmd_queries)
    p = sub.add_parser("lint")
    p.add_argument("--dashboard", required=True)
    p.add_argument("--datasources", required=True)
    p.set_defaults(func=cmd_lint)
    args = parser.parse_args()
    args.func(args)


if __name__ == "__main__":
    main()
