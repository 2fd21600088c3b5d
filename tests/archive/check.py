#!/usr/bin/env python3
"""Issue 5, publishing and archives, one CTest test per part:

  frozen       2022 alone, then a 2023 edition added: every 2022 file keeps its
               bytes and its modification time; only changed files are written
  noop         a rebuild of unchanged content writes nothing, touches nothing
  removed      files no longer produced are removed; a failed build changes nothing
  archived     archived = true changes the edition's pages only by the notice;
               the manifest records the edition's new hashes
  verify       bulletin verify names changed, missing and extra files of a copy
  corrections  [[corrections]] on the page, in the feed, in the manifest
  offline      --offline: every link relative and ending in index.html, the
               search index as scripts, nothing else changed
  offline_browser  the offline copy in Debian's chromium from file://: every
               page by its links, clicks, a search for 充电桩 (skipped, exit
               77, without playwright-core)

Usage: check.py PART (BULLETIN_BINARY names the generator)."""
import gzip
import json
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
from sitekit import (OLD_TIME_NS, Failures, add_2023, add_corrections, build, copy_content, files,  # noqa: E402
                     links_of, manifest_groups, read, run, set_archived, sha256, snapshot, stamp_old)

REPO_DIR = Path(__file__).resolve().parents[2]
SKIP = 77  # CTest's SKIP_RETURN_CODE
T = Failures()
check = T.check


def summary_counts(stdout):
    m = re.search(r"共 (\d+) 个文件.*写入 (\d+) 个，删除 (\d+) 个", stdout)
    assert m, f"no build summary in: {stdout!r}"
    return tuple(int(x) for x in m.groups())


def edition_files(paths, edition):
    return [p for p in paths if p.startswith(edition + "/") or p.startswith(f"data/{edition}.")]


def two_editions(tmp):
    """Content with 2022 and 2023, built into tmp/out."""
    content = copy_content(tmp / "content")
    add_2023(content)
    out = tmp / "out"
    build(content, out)
    return content, out


# --- frozen editions and incremental writes --------------------------------

def test_frozen(tmp):
    content = copy_content(tmp / "content")
    out = tmp / "out"
    build(content, out)
    before = {rel: read(out, rel) for rel in files(out)}
    old_2022 = edition_files(before, "2022")
    check(len([p for p in old_2022 if p.endswith(".html")]) == 14, f"2022 has {len(old_2022)} files, expected 14 pages")
    check(any(p.endswith(".gz") for p in old_2022), "2022 has no .gz twins")
    groups_before = manifest_groups(out)
    stamp_old(out)

    add_2023(content)
    _, stdout, _ = build(content, out)
    print(stdout.strip())
    after = {rel: read(out, rel) for rel in files(out)}
    snap = snapshot(out)

    # Every file of 2022 (pages, data, their .gz twins): same bytes, same mtime, same file.
    for rel in old_2022:
        check(after.get(rel) == before[rel], f"{rel}: bytes changed when 2023 was added")
        check(snap[rel][1] == OLD_TIME_NS, f"{rel}: modification time changed when 2023 was added")
    check(edition_files(after, "2022") == old_2022, "the set of 2022 files changed")

    # Incremental: a file is written exactly when its bytes changed.
    changed = sorted(rel for rel in after if before.get(rel) != after[rel])
    for rel in after:
        if rel in changed:
            check(snap[rel][1] != OLD_TIME_NS, f"{rel}: changed but kept the old modification time")
        else:
            check(snap[rel][1] == OLD_TIME_NS, f"{rel}: rewritten with the same bytes")
    total, written, removed = summary_counts(stdout)
    check(written == len(changed), f"summary says {written} written, {len(changed)} files changed or are new")
    check(removed == 0 and total == len(after), f"summary counts: {total} files, {removed} removed")
    check(re.match(r"build: 2 期 15 个项目", stdout), f"summary: {stdout!r}")

    # The site-wide pages follow the new edition; the new edition is there.
    for rel in ("index.html", "archive/index.html", "departments/index.html", "departments/zhujian/index.html",
                "feed.xml", "sitemap.xml", "search-index.json", "manifest.json"):
        check(rel in changed, f"{rel}: unchanged after 2023 was added")
    for rel in ("2023/index.html", "2023/elevators/index.html", "2023/food-delivery/index.html",
                "departments/shangwu/index.html", "data/2023.json", "data/2023.csv"):
        check(rel in after and rel not in before, f"{rel}: not written for the new edition")
    check("外卖食品安全专项治理" in after["index.html"].decode(), "home page does not show the 2023 edition")
    check("2023/" in after["archive/index.html"].decode() and "2022/" in after["archive/index.html"].decode(),
          "archive does not list both editions")

    # The manifest: 2022's group is the same; 2023 has its own.
    groups = manifest_groups(out)
    check(groups.get("2022") == groups_before.get("2022"), "manifest: the 2022 group changed")
    check("2023/elevators/index.html" in groups.get("2023", {}), "manifest: no 2023 group")


def test_noop(tmp):
    content, out = two_editions(tmp)
    for extra in ([], ["--offline"]):
        out = tmp / ("out" + "-".join(extra))
        build(content, out, *extra)
        stamp_old(out)
        before = snapshot(out)
        parent_before = sorted(p.name for p in out.parent.iterdir())
        _, stdout, _ = build(content, out, *extra)
        print(stdout.strip())
        total, written, removed = summary_counts(stdout)
        check("写入 0 个，删除 0 个" in stdout and written == 0 and removed == 0,
              f"no-op rebuild {extra}: summary {stdout!r}")
        after = snapshot(out)
        for rel in sorted(set(before) | set(after)):
            check(before.get(rel) == after.get(rel),
                  f"no-op rebuild {extra}: {rel} changed: {before.get(rel)} → {after.get(rel)}")
        check(sorted(p.name for p in out.parent.iterdir()) == parent_before,
              f"no-op rebuild {extra}: left something beside the output: {sorted(p.name for p in out.parent.iterdir())}")
        check(total == len(files(out)), f"summary says {total} files, the folder has {len(files(out))}")


def test_removed(tmp):
    content, out = two_editions(tmp)
    # A dot-file made by someone else is carried over.
    (out / ".well-known").mkdir()
    (out / ".well-known" / "security.txt").write_text("Contact: mailto:it@example.gov.cn\n")
    stamp_old(out)
    (content / "2023" / "food-delivery.md").unlink()
    before = set(files(out))
    _, stdout, _ = build(content, out)
    print(stdout.strip())
    gone = sorted(before - set(files(out)))
    check(gone == ["2023/food-delivery/index.html", "2023/food-delivery/index.html.gz"] or
          gone == ["2023/food-delivery/index.html"], f"removed files: {gone}")
    check(not (out / "2023" / "food-delivery").exists(), "the removed project's folder is still there")
    _, _, removed = summary_counts(stdout)
    check(removed == len(gone), f"summary says {removed} removed, {len(gone)} files went")
    check((out / ".well-known" / "security.txt").is_file(), "dot-file of the output was not carried over")
    rc, _, _ = run("verify", out, expect=None)
    check(rc == 0, f"verify after removal: exit {rc}")

    # A failed build: nothing in the output changes, nothing left beside it.
    stamp_old(out)
    snap = snapshot(out)
    parent = sorted(p.name for p in out.parent.iterdir())
    bad = content / "2023" / "elevators.md"
    bad.write_text(bad.read_text(encoding="utf-8").replace('department = "区住建局"', 'department = "区住建"'),
                   encoding="utf-8")
    (content / "2023" / "new-one.md").write_text(
        '+++\ntitle = "新项目"\ndepartment = "区发改局"\nnumber = 3\n+++\n正文。\n', encoding="utf-8")
    rc, stdout, stderr = build(content, out, expect=None)
    check(rc == 1, f"a build with a content error exits {rc}, expected 1")
    check("2023/elevators.md:" in stderr and "区住建" in stderr, f"the error does not name the file: {stderr!r}")
    check(snapshot(out) == snap, "a failed build changed the output")
    check(sorted(p.name for p in out.parent.iterdir()) == parent, "a failed build left files beside the output")


# --- archived editions -----------------------------------------------------

# The notice takes the place of the line the template keeps empty until then.
NOTICE = re.compile(r'<p class="notice" role="note">[^<]*<a href="([^"]*)">[^<]*</a></p>')


def test_archived(tmp):
    content, out = two_editions(tmp)
    before = {rel: read(out, rel) for rel in files(out)}
    groups_before = manifest_groups(out)
    set_archived(content, "2022")
    _, stdout, _ = build(content, out)
    print(stdout.strip())
    after = {rel: read(out, rel) for rel in files(out)}
    groups = manifest_groups(out)

    pages = [p for p in edition_files(before, "2022") if p.endswith(".html")]
    check(len(pages) == 14, f"{len(pages)} pages in 2022")
    for rel in pages:
        old, new = before[rel].decode(), after[rel].decode()
        check(not NOTICE.search(old), f"{rel}: a notice before the edition was archived")
        notices = NOTICE.findall(new)
        check(len(notices) == 1, f"{rel}: {len(notices)} archived notices, expected 1")
        check(NOTICE.sub("", new, count=1) == old, f"{rel}: changed by more than the notice")
        if notices:
            depth = rel.count("/")
            check(notices[0] == "../" * depth, f"{rel}: the notice links to {notices[0]!r}, not to the site root")
        check(gzip.decompress(after[rel + ".gz"]) == after[rel] if rel + ".gz" in after else True,
              f"{rel}.gz is not the new page")
    # Open data says archived; nothing else in it moves.
    old_json, new_json = json.loads(before["data/2022.json"]), json.loads(after["data/2022.json"])
    check(new_json["edition"].pop("archived") is True and old_json["edition"].pop("archived") is False,
          "data/2022.json: archived flag not set")
    check(old_json == new_json, "data/2022.json: changed by more than the archived flag")
    check(before["data/2022.csv"] == after["data/2022.csv"], "data/2022.csv changed")

    # The 2023 edition is untouched; the manifest records 2022's new hashes.
    for rel in edition_files(before, "2023"):
        check(before[rel] == after[rel], f"{rel}: changed when 2022 was archived")
    check(groups["2023"] == groups_before["2023"], "manifest: the 2023 group changed")
    g = groups["2022"]
    check(set(g) == set(groups_before["2022"]), "manifest: the 2022 group lists other files")
    for rel, entry in g.items():
        check(entry == {"sha256": sha256(after[rel]), "size": len(after[rel])}, f"manifest: {rel} has a stale entry")
        check((entry != groups_before["2022"][rel]) == (before[rel] != after[rel]),
              f"manifest: {rel} entry changed without its bytes (or the reverse)")
    check(groups["2022"]["2022/index.html"] != groups_before["2022"]["2022/index.html"],
          "manifest: the 2022 edition page keeps its old hash")
    rc, _, _ = run("verify", out, expect=None)
    check(rc == 0, f"verify after archiving: exit {rc}")

    # Adding yet another edition leaves the archived 2022 alone.
    stamp_old(out)
    frozen = {rel: after[rel] for rel in edition_files(after, "2022")}
    (content / "2024").mkdir()
    (content / "2024" / "_index.md").write_text(
        (content / "2023" / "_index.md").read_text(encoding="utf-8").replace("year = 2023", "year = 2024")
        .replace("published = 2024-01-25", "published = 2025-01-24"), encoding="utf-8")
    shutil.copy(content / "2023" / "elevators.md", content / "2024" / "elevators.md")
    build(content, out)
    snap = snapshot(out)
    for rel, data in frozen.items():
        check(read(out, rel) == data and snap[rel][1] == OLD_TIME_NS, f"{rel}: changed when 2024 was added")


# --- verify ----------------------------------------------------------------

def verify(copy):
    rc, stdout, stderr = run("verify", copy, expect=None)
    lines = [l for l in stdout.splitlines() if re.match(r"(changed|missing|extra) ", l)]
    return rc, lines, stdout + stderr


def test_verify(tmp):
    _, out = two_editions(tmp)
    n = 0

    def fresh():
        nonlocal n
        n += 1
        copy = tmp / f"deployed-{n}"
        subprocess.run(["cp", "-a", str(out), str(copy)], check=True)
        return copy

    rc, lines, text = verify(out)
    check(rc == 0 and not lines and "一致" in text, f"the build itself does not verify: {rc} {text}")
    copy = fresh()
    rc, lines, text = verify(copy)
    print(text.strip())
    check(rc == 0 and not lines, f"an untouched copy: exit {rc}: {text}")

    # One byte of a page, its size unchanged.
    copy = fresh()
    page = copy / "2022" / "ev-charging" / "index.html"
    data = bytearray(page.read_bytes())
    data[data.index("71个".encode())] = ord("8")  # 71 → 81, same size
    page.write_bytes(bytes(data))
    rc, lines, text = verify(copy)
    print(text.strip())
    check(rc == 1, f"a tampered page: exit {rc}, expected 1")
    check(lines == ["changed  2022/ev-charging/index.html"], f"a tampered page: {lines}")

    # The precompressed twin is what most browsers get: it is checked too.
    copy = fresh()
    gz = copy / "2022" / "index.html.gz"
    gz.write_bytes(gzip.compress(gz.with_suffix("").read_bytes().replace("区纪委区监委".encode(), "某某单位".encode(), 1),
                                 mtime=0))
    rc, lines, text = verify(copy)
    check(rc == 1 and lines == ["changed  2022/index.html.gz"], f"a tampered .gz: exit {rc}: {lines}")

    # Missing and extra files.
    copy = fresh()
    (copy / "2022" / "school-lunch" / "index.html").unlink()
    (copy / "data" / "2023.csv").unlink()
    (copy / "2022" / "notice.html").write_text("<p>added</p>\n")
    rc, lines, text = verify(copy)
    print(text.strip())
    check(rc == 1, f"missing and extra files: exit {rc}")
    check(lines == ["missing  2022/school-lunch/index.html", "missing  data/2023.csv", "extra    2022/notice.html"],
          f"missing and extra files: {lines}")

    # A .gz twin the build did not make is extra, unless it is the listed file compressed.
    copy = fresh()
    small = [rel for rel in files(copy) if not rel.endswith(".gz") and not (copy / (rel + ".gz")).exists()
             and rel != "manifest.json"]
    check(small, "every file has a .gz twin: nothing to try")
    if small:
        target = copy / small[0]
        Path(str(target) + ".gz").write_bytes(gzip.compress(b"<script>alert(1)</script>", mtime=0))
        rc, lines, text = verify(copy)
        check(rc == 1 and lines == [f"extra    {small[0]}.gz"], f"a foreign .gz twin: exit {rc}: {lines}")
        Path(str(target) + ".gz").write_bytes(gzip.compress(target.read_bytes(), mtime=0))
        rc, lines, text = verify(copy)
        check(rc == 0 and not lines, f"a .gz twin of the listed bytes: exit {rc}: {lines}")

    # No manifest: an environment error, not a pass.
    copy = fresh()
    (copy / "manifest.json").unlink()
    rc, lines, text = verify(copy)
    check(rc == 2 and "manifest.json" in text, f"a copy without manifest.json: exit {rc}: {text}")


# --- corrections -----------------------------------------------------------

ATOM = "{http://www.w3.org/2005/Atom}"


def test_corrections(tmp):
    content, out = two_editions(tmp)
    before = {rel: read(out, rel) for rel in files(out)}
    groups_before = manifest_groups(out)
    add_corrections(content, "2022/ev-charging.md", [
        ("2023-03-01", "更正公共充电桩数量：原文“71个”应为“72个”"),
        ("2023-02-10", "补充老旧小区名单"),
        ("2023-03-01", "同日补充：充电站数量不变"),
    ])
    _, stdout, _ = build(content, out)
    print(stdout.strip())
    after = {rel: read(out, rel) for rel in files(out)}
    page = after["2022/ev-charging/index.html"].decode()

    # The page: a dated list, oldest first.
    m = re.search(r'<section class="corrections"[^>]*>\s*<h2[^>]*>更正记录</h2>\s*<ol>(.*?)</ol>', page, re.S)
    check(m, "the project page has no corrections section")
    if m:
        items = re.findall(r'<li id="([^"]+)"><time datetime="([^"]+)">([^<]+)</time> ([^<]+)</li>', m.group(1))
        check([(d, label, note) for _, d, label, note in items] == [
            ("2023-02-10", "2023年2月10日", "补充老旧小区名单"),
            ("2023-03-01", "2023年3月1日", "更正公共充电桩数量：原文“71个”应为“72个”"),
            ("2023-03-01", "2023年3月1日", "同日补充：充电站数量不变")],
            f"the corrections list (by date, then as written): {items}")
        check([i for i, *_ in items] == ["correction-2023-02-10", "correction-2023-03-01", "correction-2023-03-01-2"],
              f"correction anchors: {[i for i, *_ in items]}")
    check(page.count("<h1") == 1, "more than one h1")

    # The feed: one entry per correction, dated, linking to the page.
    feed = ET.fromstring(after["feed.xml"])
    entries = [e for e in feed.findall(ATOM + "entry") if e.findtext(ATOM + "title").startswith("更正")]
    check(len(entries) == 3, f"{len(entries)} correction entries in feed.xml, expected 3")
    if entries:
        check(entries[0].findtext(ATOM + "updated").startswith("2023-03-01"), "the newest correction is not first")
        check(feed.findtext(ATOM + "updated").startswith("2024-01-25"), "feed updated")
        check(entries[0].findtext(ATOM + "title") == "更正：新能源汽车充电难问题专项治理",
              f"entry title {entries[0].findtext(ATOM + 'title')!r}")
        check("71个" in entries[0].findtext(ATOM + "summary"), "entry summary is not the note")
        link = entries[0].find(ATOM + "link").get("href")
        check(link == "https://www.example.gov.cn/bulletin/2022/ev-charging/", f"entry link {link}")
        ids = [e.findtext(ATOM + "id") for e in feed.findall(ATOM + "entry")]
        check(len(set(ids)) == len(ids), "feed entry ids are not unique")
        check(sorted(e.findtext(ATOM + "id") for e in entries) == [
            "https://www.example.gov.cn/bulletin/2022/ev-charging/#correction-" + a
            for a in ("2023-02-10", "2023-03-01", "2023-03-01-2")], "correction entry ids are not the page anchors")

    # The manifest records the edition's new hashes; only the corrected page and its data move.
    groups = manifest_groups(out)
    g, g0 = groups["2022"], groups_before["2022"]
    moved = sorted(rel for rel in g if g[rel] != g0.get(rel))
    check("2022/ev-charging/index.html" in moved, "manifest: the corrected page keeps its old hash")
    allowed = {"2022/ev-charging/index.html", "2022/ev-charging/index.html.gz", "data/2022.json",
               "data/2022.json.gz", "data/2022.csv", "data/2022.csv.gz"}
    check(set(moved) <= allowed, f"manifest: a correction moved other 2022 files: {sorted(set(moved) - allowed)}")
    for rel in g:
        check(g[rel]["sha256"] == sha256(after[rel]), f"manifest: {rel} has a stale hash")
    check(groups["2023"] == groups_before["2023"], "manifest: the 2023 group changed")
    data = json.loads(after["data/2022.json"])
    ev = [p for p in data["projects"] if p["slug"] == "ev-charging"][0]
    check([c["date"] for c in ev["corrections"]] == ["2023-02-10", "2023-03-01", "2023-03-01"],
          "data/2022.json: corrections")


# --- the offline copy ------------------------------------------------------

FILE_EXTENSIONS = (".css", ".js", ".json", ".csv", ".xml", ".svg", ".png", ".jpg", ".txt")


def test_offline(tmp):
    content, normal = two_editions(tmp)
    set_archived(content, "2022")
    add_corrections(content, "2022/ev-charging.md", [("2023-03-01", "更正公共充电桩数量")])
    build(content, normal)
    offline = tmp / "offline"
    _, stdout, _ = build(content, offline, "--offline")
    print(stdout.strip())
    base = "https://www.example.gov.cn/bulletin/"
    on = set(files(offline))
    pages = sorted(p for p in on if p.endswith(".html"))
    n_links = 0
    for rel in pages:
        html = read(offline, rel).decode()
        for tag, attr, value, link_rel in links_of(html):
            n_links += 1
            where = f"{rel}: <{tag} {attr}={value!r}>"
            if tag == "link" and link_rel == "canonical":
                check(value.startswith(base), f"{where}: canonical is not the published address")
                continue
            parts = urlsplit(value)
            if parts.scheme or value.startswith("//"):
                check(not value.startswith(base), f"{where}: an internal link that is not relative")
                continue
            check(not value.startswith("/"), f"{where}: not relative")
            if value.startswith("#"):
                continue
            path = parts.path
            check(path.endswith("index.html") or path.endswith(FILE_EXTENSIONS),
                  f"{where}: does not end in index.html or a file name")
            target = (offline / rel).parent / path
            check(target.is_file(), f"{where}: no such file in the copy")
    check(n_links > 500, f"only {n_links} links checked")

    # The search index as scripts: every JSON file of the index has its .js twin
    # that puts the same data in window.BULLETIN_SEARCH under the JSON's path.
    index_json = sorted(p for p in on if (p == "search-index.json" or p.startswith("search-index/"))
                        and p.endswith(".json"))
    check("search-index.json" in index_json, "no search-index.json")
    for rel in index_json:
        js = rel[:-5] + ".js"
        check(js in on, f"{rel}: no {js} for file:// pages")
        if js in on:
            m = re.fullmatch(r"window\.BULLETIN_SEARCH=window\.BULLETIN_SEARCH\|\|\{\};"
                             r"window\.BULLETIN_SEARCH\[(\"[^\"]+\")\]=(.*);\n", read(offline, js).decode(), re.S)
            check(m and json.loads(m.group(1)) == rel and json.loads(m.group(2)) == json.loads(read(offline, rel)),
                  f"{js}: does not hold {rel}")
    manifest = json.loads(read(offline, "search-index.json"))
    t2s = manifest["t2s"]
    for block in t2s["blocks"]:
        js = f"{t2s['path']}{block}.js"
        check(js in on, f"the index names the Traditional block {block}, which has no {js}")
    search_page = read(offline, "search/index.html").decode()
    scripts = [v for t, a, v, _ in links_of(search_page) if t == "script"]
    check("../search-index.js" in scripts, f"the search page does not load the index script: {scripts}")
    check('data-offline="true"' in search_page, "the search page does not know it is offline")
    for s in scripts:
        check((offline / "search" / s).is_file(), f"the search page loads {s}, which is not in the copy")

    # Nothing else changed: the same files plus the index scripts; the pages
    # differ only by "index.html" at the end of links.
    off_only = sorted(on - set(files(normal)))
    check(all(re.fullmatch(r"search-index(/.*)?\.js(\.gz)?", p) for p in off_only) and off_only,
          f"files only in the offline copy: {off_only}")
    check(not set(files(normal)) - on, f"files missing from the offline copy: {sorted(set(files(normal)) - on)}")
    for rel in sorted(set(files(normal)) & on):
        a, b = read(normal, rel), read(offline, rel)
        if rel.endswith(".gz") or rel == "manifest.json":
            continue
        if rel.endswith(".html"):
            b = re.sub(r'((?:href|src|action)="[^"]*?)index\.html"', r'\1"', b.decode())
            if rel == "search/index.html":
                b = b.replace('data-offline="true"', 'data-offline="false"')
                b = b.replace('<script src="../search-index.js"></script>', "")
            b = b.encode()
        check(a == b, f"{rel}: the offline copy differs by more than its links")
    rc, _, _ = run("verify", offline, expect=None)
    check(rc == 0, "the offline copy does not verify")


def test_offline_browser(tmp):
    """The offline copy in Debian's chromium, from file:// (offline-browser.mjs)."""
    node = shutil.which("node")
    probe = subprocess.run([node, "-e", "require.resolve('playwright-core')"], cwd=REPO_DIR,
                           capture_output=True) if node else None
    if not probe or probe.returncode != 0 or not Path("/usr/bin/chromium").exists():
        print("skipped: needs node, playwright-core (npm ci) and /usr/bin/chromium")
        return SKIP
    content, _ = two_editions(tmp)
    set_archived(content, "2022")
    add_corrections(content, "2022/ev-charging.md", [("2023-03-01", "更正公共充电桩数量")])
    offline = tmp / "offline"
    build(content, offline, "--offline")
    # A large site, whose search index is split into shards behind a manifest:
    # the 2022 projects again in twelve more editions.
    large = copy_content(tmp / "large")
    for year in range(2010, 2022):
        (large / str(year)).mkdir()
        for f in sorted((large / "2022").glob("*.md")):
            text = f.read_text(encoding="utf-8").replace("2022年", f"{year}年")
            if f.name == "_index.md":
                text = text.replace("year = 2022", f"year = {year}").replace("published = 2023-01-20",
                                                                             f"published = {year + 1}-01-20")
            (large / str(year) / f.name).write_text(text, encoding="utf-8")
    build(large, tmp / "large-offline", "--offline")
    shards = json.loads(read(tmp / "large-offline", "search-index.json"))["postings"]["shards"]
    check(shards > 1, f"the large site's search index has {shards} shards")
    p = subprocess.run([node, str(Path(__file__).with_name("offline-browser.mjs")), str(offline),
                        str(tmp / "large-offline")], cwd=REPO_DIR, timeout=240)
    check(p.returncode == 0, f"the offline copies in chromium: exit {p.returncode}")


def main():
    tests = {name[5:]: fn for name, fn in globals().items() if name.startswith("test_")}
    if len(sys.argv) != 2 or sys.argv[1] not in tests:
        print(f"usage: check.py {{{'|'.join(tests)}}}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="bulletin-archive-") as tmp:
        try:
            if tests[sys.argv[1]](Path(tmp)) == SKIP:
                return SKIP
        except AssertionError as e:
            T.check(False, str(e))
    return T.report(f"archive {sys.argv[1]}")


if __name__ == "__main__":
    sys.exit(main())
