#!/usr/bin/env python3
"""Issue 5, served for real: Debian's nginx on 127.0.0.1 with the server
block from deploy/nginx-bulletin.conf, serving a site built with
--base-url http://127.0.0.1:PORT/bulletin/ under /bulletin/.

  nginx_test.py crawl     every page from /bulletin/, every link and every
                          file of the manifest: 200, the right content type,
                          the .gz twin when gzip is accepted, the CSP header
  nginx_test.py browser   Debian's chromium (playwright-core) loads pages
                          under that CSP: no violation, nothing outside 127.0.0.1

The site is the shipped 2022 bulletin plus a generated 2023 edition, with
2022 archived and a correction on one project, so every kind of page and
link is there. nginx runs in the foreground from a temporary folder (its own
pid, logs and temp paths) and is stopped at the end, also on failure."""
import ctypes
import gzip
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urljoin, urlsplit, urlunsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "archive"))
from sitekit import (REPO, Failures, add_2023, add_corrections, build, copy_content, files,  # noqa: E402
                     links_of, read, set_archived)

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
SKIP = 77
PR_SET_PDEATHSIG = 1
T = Failures()
check = T.check

TYPES = {  # extension → Content-Type the server must send
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "application/javascript; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".csv": "text/csv; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",
    ".svg": "image/svg+xml",
    ".txt": "text/plain; charset=utf-8",
}


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def nginx_conf(tmp, port, site):
    """nginx.conf for a foreground server on 127.0.0.1:port that includes the
    deployed block with its folder replaced by `site`."""
    block = (REPO / "deploy" / "nginx-bulletin.conf").read_text(encoding="utf-8")
    ours = block.replace("/srv/bulletin/public/", f"{site}/")
    assert ours != block, "deploy/nginx-bulletin.conf does not mention /srv/bulletin/public/"
    (tmp / "bulletin.conf").write_text(ours, encoding="utf-8")
    for d in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (tmp / "temp" / d).mkdir(parents=True, exist_ok=True)
    # As root, workers would switch to "nobody", who may not read a private temp folder.
    user = "user root;" if os.geteuid() == 0 else ""
    conf = f"""
{user}
daemon off;
master_process on;
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log notice;
events {{ worker_connections 128; }}
http {{
    access_log {tmp}/access.log;
    client_body_temp_path {tmp}/temp/client_body;
    proxy_temp_path {tmp}/temp/proxy;
    fastcgi_temp_path {tmp}/temp/fastcgi;
    uwsgi_temp_path {tmp}/temp/uwsgi;
    scgi_temp_path {tmp}/temp/scgi;
    default_type application/octet-stream;
    sendfile on;
    server_tokens off;
    server {{
        listen 127.0.0.1:{port};
        server_name 127.0.0.1;
        include {tmp}/bulletin.conf;
        location / {{
            return 404;
        }}
    }}
}}
"""
    (tmp / "nginx.conf").write_text(conf, encoding="utf-8")
    return tmp / "nginx.conf"


def children_of(pid):
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


@contextmanager
def nginx(tmp, port, site):
    conf = nginx_conf(tmp, port, site)
    args = [NGINX, "-p", f"{tmp}/", "-e", f"{tmp}/error.log", "-c", str(conf)]
    test = subprocess.run(args + ["-t", "-q"], capture_output=True, text=True)
    if test.returncode != 0:
        raise AssertionError(f"nginx -t: {test.stderr}")
    log = open(tmp / "nginx.out", "w")
    # Should this script be killed (a CTest timeout), the kernel stops nginx too.
    libc = ctypes.CDLL(None, use_errno=True)
    proc = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT,
                            preexec_fn=lambda: libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM))
    try:
        deadline = time.monotonic() + 15
        while True:
            if proc.poll() is not None:
                raise AssertionError(f"nginx exited with {proc.returncode}: "
                                     f"{(tmp / 'error.log').read_text(errors='replace')}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise AssertionError("nginx did not start listening within 15 s")
                time.sleep(0.05)
        print(f"nginx {proc.pid} serving {site} at http://127.0.0.1:{port}/bulletin/")
        yield proc
    finally:
        workers = children_of(proc.pid)
        if proc.poll() is None:
            proc.send_signal(signal.SIGQUIT)  # graceful: finish requests, then exit
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        for w in workers:  # only if the master died without them
            try:
                os.kill(w, signal.SIGKILL)
            except ProcessLookupError:
                pass
        log.close()
        errors = [l for l in (tmp / "error.log").read_text(errors="replace").splitlines()
                  if any(f"[{lvl}]" in l for lvl in ("emerg", "alert", "crit"))]
        check(not errors, f"nginx error.log: {errors}")


def make_site(tmp, port):
    content = copy_content(tmp / "content")
    add_2023(content)
    set_archived(content, "2022")
    add_corrections(content, "2022/ev-charging.md", [("2023-03-01", "更正公共充电桩数量")])
    site = tmp / "public"
    _, stdout, _ = build(content, site, "--base-url", f"http://127.0.0.1:{port}/bulletin/")
    print(stdout.strip())
    site.chmod(0o755)
    return site


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(NoRedirect, urllib.request.ProxyHandler({}))


TEXT_SUFFIXES = (".html", ".css", ".js", ".json", ".xml", ".csv", ".txt", ".svg")


def get(url, gzip_ok=False):
    """(status, headers, body) without following redirects, never through a proxy."""
    host = urlsplit(url).hostname
    assert host == "127.0.0.1", f"refusing to fetch {url}: not loopback"
    req = urllib.request.Request(url, headers={"Accept-Encoding": "gzip" if gzip_ok else "identity"})
    try:
        with OPENER.open(req, timeout=10) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()


def expected_type(path):
    name = path.rsplit("/", 1)[-1]
    if path.endswith("/") or not name:
        return TYPES[".html"]
    return TYPES.get("." + name.rsplit(".", 1)[-1], None) if "." in name else None


def strip(url):
    """The URL without query and fragment."""
    p = urlsplit(url)
    return urlunsplit((p.scheme, p.netloc, p.path, "", ""))


def crawl(origin, site):
    """Follows every href, src and action from /bulletin/ (and the links of the
    feed and sitemap); returns the set of fetched URLs."""
    start = f"{origin}/bulletin/"
    queue, seen = [start], {start}
    outside = []
    while queue:
        url = queue.pop(0)
        status, headers, body = get(url)
        check(status == 200, f"{url}: HTTP {status}")
        if status != 200:
            continue
        path = urlsplit(url).path
        ctype = headers.get("Content-Type", "")
        want = expected_type(path)
        check(want is not None and ctype == want, f"{url}: Content-Type {ctype!r}, expected {want!r}")
        check("default-src 'self'" in headers.get("Content-Security-Policy", ""), f"{url}: no CSP default-src 'self'")
        found = []
        if ctype.startswith("text/html"):
            for tag, attr, value, rel in links_of(body.decode("utf-8")):
                target = urljoin(url, value)
                if tag == "link" and rel == "canonical":
                    check(target == url, f"{url}: canonical {target} is not the page's own address")
                found.append((f"{url} <{tag} {attr}={value!r}>", target))
        elif path.endswith(("feed.xml", "sitemap.xml")):
            for el in ET.fromstring(body).iter():
                ref = el.get("href") if el.tag.endswith("}link") else el.text if el.tag.endswith("}loc") else None
                if ref:
                    found.append((f"{url} {ref}", ref))
        for where, target in found:
            parts = urlsplit(target)
            if parts.scheme not in ("http", "https"):
                check(False, f"{where}: unexpected scheme")
                continue
            if parts.netloc != urlsplit(origin).netloc:
                outside.append(where)
                continue
            check(parts.path.startswith("/bulletin/"), f"{where}: leaves /bulletin/")
            t = strip(target)
            if t not in seen:
                seen.add(t)
                queue.append(t)
    check(not outside, f"links outside 127.0.0.1: {outside}")
    # Every page of the site was reached by following links.
    pages = {f"{origin}/bulletin/" + (rel[:-len("index.html")]) for rel in files(site) if rel.endswith("index.html")}
    check(not pages - seen, f"pages no link leads to: {sorted(pages - seen)}")
    return seen


def test_crawl(tmp):
    port = free_port()
    origin = f"http://127.0.0.1:{port}"
    site = make_site(tmp, port)
    (site / ".hidden").write_text("not for the public\n")
    (site / "assets" / ".hidden").write_text("not for the public\n")
    with nginx(tmp, port, site):
        seen = crawl(origin, site)
        print(f"crawled {len(seen)} URLs")

        # Every file of the manifest: bytes, type, gzip twin, caching, headers.
        listed = [rel for rel in files(site) if not rel.endswith(".gz") and not rel.startswith(".")
                  and "/." not in rel]
        gz_served = 0
        for rel in listed:
            url = f"{origin}/bulletin/{rel}"
            data = read(site, rel)
            status, headers, body = get(url)
            check(status == 200 and body == data, f"{url}: HTTP {status}, {len(body)} bytes, expected {len(data)}")
            check(headers.get("Content-Encoding") is None, f"{url}: encoded without Accept-Encoding: gzip")
            check(headers.get("Content-Type") == expected_type(rel), f"{url}: Content-Type {headers.get('Content-Type')}")
            check("default-src 'self'" in headers.get("Content-Security-Policy", ""), f"{url}: no CSP")
            check(headers.get("X-Content-Type-Options") == "nosniff", f"{url}: no nosniff")
            cache = headers.get("Cache-Control", "")
            if rel.startswith("assets/"):
                check(cache == "public, max-age=604800", f"{url}: Cache-Control {cache!r}")
            else:
                check(cache == "no-cache", f"{url}: Cache-Control {cache!r}")
            status, headers, body = get(url, gzip_ok=True)
            twin = site / (rel + ".gz")
            if twin.exists():
                gz_served += 1
                check(headers.get("Content-Encoding") == "gzip", f"{url}: not gzip with Accept-Encoding: gzip")
                check(body == twin.read_bytes() and gzip.decompress(body) == data, f"{url}: not its .gz twin")
                check("Accept-Encoding" in headers.get("Vary", ""), f"{url}: no Vary: Accept-Encoding")
                check(headers.get("Content-Type") == expected_type(rel), f"{url}: gzip Content-Type")
            else:
                # No twin (manifest.json, small files): nginx compresses text of 1 KB or more itself.
                on_the_fly = len(data) >= 1024 and rel.endswith(TEXT_SUFFIXES)
                encoding = headers.get("Content-Encoding")
                check(encoding == ("gzip" if on_the_fly else None), f"{url}: Content-Encoding {encoding} without a twin")
                check((gzip.decompress(body) if encoding == "gzip" else body) == data, f"{url}: other bytes without a twin")
        check(gz_served >= 40, f"only {gz_served} files with .gz twins")
        print(f"checked {len(listed)} files, {gz_served} served from their .gz twin")

        # A site built without --gzip has no twins: nginx compresses on the fly.
        for rel in ("2022/index.html", "data/2022.csv", "assets/style.css"):
            (site / (rel + ".gz")).unlink()
            url = f"{origin}/bulletin/{rel}"
            status, headers, body = get(url, gzip_ok=True)
            check(status == 200 and headers.get("Content-Encoding") == "gzip", f"{url}: not compressed without a twin")
            check(gzip.decompress(body) == read(site, rel), f"{url}: compressed on the fly to other bytes")
            check(headers.get("Content-Type") == expected_type(rel), f"{url}: Content-Type without a twin")

        # Addresses without the slash, missing pages, dot-files.
        status, headers, _ = get(f"{origin}/bulletin")
        check(status == 301 and headers.get("Location", "").endswith("/bulletin/"), f"/bulletin: {status}")
        status, headers, _ = get(f"{origin}/bulletin/2022")
        check(status == 301 and headers.get("Location", "").endswith("/bulletin/2022/"), f"/bulletin/2022: {status}")
        for path in ("/bulletin/2021/", "/bulletin/.hidden", "/bulletin/assets/.hidden", "/bulletin/2022/../../etc/passwd"):
            status, headers, _ = get(origin + path)
            check(status in (400, 404), f"{path}: HTTP {status}, expected 404")
        status, headers, _ = get(f"{origin}/bulletin/2021/")
        check("default-src 'self'" in headers.get("Content-Security-Policy", ""), "a 404 page has no CSP")

        # Symbolic links inside the site are never followed (disable_symlinks):
        # a link to a folder outside, and a page replaced by a link to a file.
        outside = tmp / "outside"
        outside.mkdir()
        (outside / "secret.txt").write_text("not for the public\n")
        outside.chmod(0o755)
        (outside / "secret.txt").chmod(0o644)
        (site / "etc").symlink_to(outside)
        (site / "assets" / "etc").symlink_to(outside)
        (site / "2022" / "linked.html").symlink_to(outside / "secret.txt")
        for path in ("/bulletin/etc/secret.txt", "/bulletin/assets/etc/secret.txt", "/bulletin/2022/linked.html"):
            status, _, body = get(origin + path)
            check(status in (403, 404) and b"not for the public" not in body, f"{path}: HTTP {status} through a symlink")

    # The folder itself may be a link (bulletin build --out follows one): served as before.
    linked = tmp / "served-through-link"
    linked.symlink_to(site)
    (tmp / "temp").mkdir(exist_ok=True)
    with nginx(tmp, port, linked):
        status, _, body = get(f"{origin}/bulletin/2022/index.html")
        check(status == 200 and body == read(site, "2022/index.html"), f"through a linked folder: HTTP {status}")
        status, _, _ = get(f"{origin}/bulletin/etc/secret.txt")
        check(status in (403, 404), f"a symlink inside a linked folder: HTTP {status}")


def test_browser(tmp):
    node = shutil.which("node")
    probe = subprocess.run([node or "node", "-e", "require.resolve('playwright-core')"], cwd=REPO,
                           capture_output=True) if node else None
    if not probe or probe.returncode != 0 or not Path("/usr/bin/chromium").exists():
        print("skipped: needs node, playwright-core (npm ci) and /usr/bin/chromium")
        return SKIP
    port = free_port()
    origin = f"http://127.0.0.1:{port}"
    site = make_site(tmp, port)
    with nginx(tmp, port, site):
        p = subprocess.run([node, str(Path(__file__).with_name("browser.mjs")), origin + "/bulletin/"], cwd=REPO,
                           timeout=240)
        check(p.returncode == 0, f"browser check under the CSP: exit {p.returncode}")
    return None


def main():
    tests = {"crawl": test_crawl, "browser": test_browser}
    if len(sys.argv) != 2 or sys.argv[1] not in tests:
        print("usage: nginx_test.py {crawl|browser}", file=sys.stderr)
        return 2
    # A polite stop (SIGTERM, SIGINT) still runs the cleanup that stops nginx.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(128 + signal.SIGTERM))
    if not Path(NGINX).exists():
        print("skipped: nginx is not installed (scripts/install-deps test installs it)")
        return SKIP
    with tempfile.TemporaryDirectory(prefix="bulletin-nginx-") as tmp:
        tmp = Path(tmp)
        tmp.chmod(0o755)
        try:
            if tests[sys.argv[1]](tmp) == SKIP:
                return SKIP
        except AssertionError as e:
            check(False, str(e))
    return T.report(f"nginx {sys.argv[1]}")


if __name__ == "__main__":
    sys.exit(main())
