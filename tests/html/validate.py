#!/usr/bin/env python3
"""Builds the shipped content and checks every HTML page: valid markup (HTML
Tidy reports no warning or error), one <h1>, a language, a title, headings
that do not skip levels, and no resource loaded from another site."""
import os
import re
import subprocess
import sys
import tempfile

# Tidy 5.6 predates ARIA 1.1 in its attribute tables: aria-current is valid
# HTML (WAI-ARIA 1.1) but Tidy calls it proprietary.
KNOWN_FALSE_POSITIVES = [re.compile(r'proprietary attribute "aria-current"')]


def main():
    binary = os.environ.get("BULLETIN_BINARY", "build/bulletin")
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "public")
        subprocess.run([binary, "build", "--content", "content", "--out", out], check=True,
                       stdout=subprocess.DEVNULL)
        pages = sorted(os.path.join(d, f) for d, _, fs in os.walk(out) for f in fs if f.endswith(".html"))
        for page in pages:
            rel = os.path.relpath(page, out)
            tidy = subprocess.run(["tidy", "-q", "-e", "--show-warnings", "yes", page],
                                  capture_output=True, text=True)
            for line in tidy.stderr.splitlines():
                if line.strip() and not any(p.search(line) for p in KNOWN_FALSE_POSITIVES):
                    failures.append(f"{rel}: tidy: {line}")
            html = open(page, encoding="utf-8").read()
            if len(re.findall(r"<h1[\s>]", html)) != 1:
                failures.append(f"{rel}: expected exactly one <h1>")
            if not re.search(r'<html lang="[a-zA-Z-]+">', html):
                failures.append(f"{rel}: <html> has no lang")
            if not re.search(r"<title>[^<]+</title>", html):
                failures.append(f"{rel}: empty <title>")
            levels = [int(h) for h in re.findall(r"<h([1-6])[\s>]", html)]
            for a, b in zip(levels, levels[1:]):
                if b > a + 1:
                    failures.append(f"{rel}: heading jumps from h{a} to h{b}")
                    break
            for url in re.findall(r'\s(?:src|srcset|poster|data)="([^"]*)"', html):
                if re.match(r"^(https?:)?//", url):
                    failures.append(f"{rel}: loads {url} from another site")
        print(f"{len(pages)} pages checked")
    for f in failures:
        print(f, file=sys.stderr)
    print(f"{len(pages) - len({f.split(':')[0] for f in failures})} passed, "
          f"{len({f.split(':')[0] for f in failures})} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
