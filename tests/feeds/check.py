#!/usr/bin/env python3
"""Builds the shipped content under a base URL with a path and checks the
machine-read files: the Atom feed has what RFC 4287 requires, the sitemap
lists every page with absolute URLs that exist in the output, the CSV opens
as UTF-8 with a BOM (as Excel needs) and the JSON matches it."""
import csv
import io
import json
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

ATOM = "{http://www.w3.org/2005/Atom}"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
BASE = "https://www.example.gov.cn/bulletin/"
failures = []
checks = [0]


def check(cond, message):
    checks[0] += 1
    if not cond:
        failures.append(message)


def check_atom(out):
    feed = ET.parse(os.path.join(out, "feed.xml")).getroot()
    check(feed.tag == ATOM + "feed", "feed.xml: root is not an Atom <feed>")
    for name in ("id", "title", "updated"):
        check(feed.find(ATOM + name) is not None and feed.find(ATOM + name).text, f"feed.xml: no <{name}>")
    check(feed.find(ATOM + "author/" + ATOM + "name") is not None, "feed.xml: no feed-level <author><name>")
    self_links = [l for l in feed.findall(ATOM + "link") if l.get("rel") == "self"]
    check(self_links and self_links[0].get("href") == BASE + "feed.xml", "feed.xml: self link is not base_url + feed.xml")
    entries = feed.findall(ATOM + "entry")
    check(len(entries) == 13, f"feed.xml: {len(entries)} entries, expected 13")
    ids = set()
    for e in entries:
        for name in ("id", "title", "updated"):
            check(e.find(ATOM + name) is not None and e.find(ATOM + name).text, f"feed.xml: entry without <{name}>")
        href = e.find(ATOM + "link").get("href")
        check(href.startswith(BASE), f"feed.xml: entry link {href} is not under base_url")
        rel = href[len(BASE):]
        check(os.path.isfile(os.path.join(out, rel, "index.html")), f"feed.xml: entry link {href} has no page")
        ids.add(e.find(ATOM + "id").text)
    check(len(ids) == len(entries), "feed.xml: entry ids are not unique")


def check_sitemap(out):
    urlset = ET.parse(os.path.join(out, "sitemap.xml")).getroot()
    locs = [u.find(SM + "loc").text for u in urlset.findall(SM + "url")]
    pages = {os.path.relpath(d, out).replace(os.sep, "/") for d, _, fs in os.walk(out) if "index.html" in fs}
    listed = set()
    for loc in locs:
        check(loc.startswith(BASE), f"sitemap.xml: {loc} is not under base_url")
        rel = loc[len(BASE):].rstrip("/") or "."
        listed.add(rel)
        check(os.path.isfile(os.path.join(out, rel, "index.html")), f"sitemap.xml: {loc} has no page")
    missing = pages - listed - {"search"}
    check(not missing, f"sitemap.xml: pages not listed: {sorted(missing)}")


def check_open_data(out):
    raw = open(os.path.join(out, "data", "2022.csv"), "rb").read()
    check(raw.startswith(b"\xef\xbb\xbf"), "2022.csv: no UTF-8 BOM (Excel would garble the Chinese)")
    check(b"\r\n" in raw, "2022.csv: lines do not end in CRLF")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    check(len(rows) == 14, f"2022.csv: {len(rows)} rows, expected a header and 13 projects")
    data = json.load(open(os.path.join(out, "data", "2022.json"), encoding="utf-8"))
    check(len(data["projects"]) == 13, "2022.json: expected 13 projects")
    check([p["title"] for p in data["projects"]] == [r[1] for r in rows[1:]], "2022.csv and 2022.json disagree on titles")
    first = data["projects"][0]
    check(first["title"] == "新能源汽车充电难问题专项治理" and first["department"] == "区发改局",
          "2022.json: project 1 is not the charging project of 区发改局")
    metric = next(m for m in first["metrics"] if m["label"] == "公共充电桩")
    check(metric["value"] == 71 and metric["target"] == 60, "2022.json: 公共充电桩 is not 71 of 60")


def main():
    binary = os.environ.get("BULLETIN_BINARY", "build/bulletin")
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "public")
        subprocess.run([binary, "build", "--content", "content", "--out", out, "--base-url", BASE], check=True,
                       stdout=subprocess.DEVNULL)
        check_atom(out)
        check_sitemap(out)
        check_open_data(out)
    for f in failures:
        print(f, file=sys.stderr)
    print(f"{checks[0] - len(failures)} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
