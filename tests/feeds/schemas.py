#!/usr/bin/env python3
"""Validates the shipped bulletin's feed.xml against the Atom schema of RFC
4287 (RELAX NG, with jing) and sitemap.xml against the sitemaps.org XML
Schema (xmllint); both schemas are in tests/schemas/, so no network is used.
Each is also shown to reject a broken copy (a feed without its id, a sitemap
URL without loc), so the check can fail. Exit 77 (skipped) without jing or xmllint."""
import os
import re
import shutil
import subprocess
import sys
import tempfile

SCHEMAS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "schemas")


def valid(command):
    r = subprocess.run(command, capture_output=True, text=True)
    # jing warns on stderr about optional Java libraries it does not need.
    noise = re.compile(r"^\[warning\] .*Unable to locate")
    errors = [l for l in (r.stdout + r.stderr).splitlines() if l.strip() and not noise.match(l) and "validates" not in l]
    return r.returncode == 0, errors


def main():
    for tool in ("jing", "xmllint"):
        if not shutil.which(tool):
            print(f"{tool} is not installed (scripts/install-deps test)")
            return 77
    binary = os.environ.get("BULLETIN_BINARY", "build/bulletin")
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "public")
        subprocess.run([binary, "build", "--content", "content", "--out", out,
                        "--base-url", "https://www.example.gov.cn/bulletin/"], check=True, stdout=subprocess.DEVNULL)
        atom = ["jing", "-c", os.path.join(SCHEMAS, "atom.rnc")]
        sitemap = ["xmllint", "--noout", "--nonet", "--schema", os.path.join(SCHEMAS, "sitemap.xsd")]
        feed = os.path.join(out, "feed.xml")
        ok, errors = valid(atom + [feed])
        if not ok:
            failures.append("feed.xml does not match RFC 4287's schema: " + "; ".join(errors))
        ok, errors = valid(sitemap + [os.path.join(out, "sitemap.xml")])
        if not ok:
            failures.append("sitemap.xml does not match the sitemaps.org schema: " + "; ".join(errors))

        # The schemas reject what they should: the checks can fail.
        text = open(feed, encoding="utf-8").read()
        broken = os.path.join(tmp, "broken-feed.xml")
        open(broken, "w", encoding="utf-8").write(re.sub(r"<id>[^<]*</id>", "", text, count=1))
        if valid(atom + [broken])[0]:
            failures.append("the Atom schema accepted a feed without its <id>")
        text = open(os.path.join(out, "sitemap.xml"), encoding="utf-8").read()
        broken = os.path.join(tmp, "broken-sitemap.xml")
        open(broken, "w", encoding="utf-8").write(re.sub(r"<loc>[^<]*</loc>", "", text, count=1))
        if valid(sitemap + [broken])[0]:
            failures.append("the sitemap schema accepted a <url> without <loc>")
    for f in failures:
        print(f, file=sys.stderr)
    print(f"{4 - len(failures)} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
