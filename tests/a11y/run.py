#!/usr/bin/env python3
"""Accessibility and markup of every page type, on the small golden site (two
editions, the identity footer) and on the shipped bulletin:

  axe   tests/a11y/check.mjs in Debian's chromium: axe-core over every page
        type at 360, 640 (1280 at 200%) and 1280 px, standard and 大字版
  nu    the Nu Html Checker (npm vnu-jar, on Debian's Java) over every page:
        no error

Usage: run.py axe|nu (BULLETIN_BINARY names the generator). Exit 77
(skipped) when node/playwright-core/chromium, or Java/vnu-jar, is missing."""
import os
import shutil
import subprocess
import sys
import tempfile

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SITES = [os.path.join(REPO, "tests", "sites", "small", "content"), os.path.join(REPO, "content")]
VNU = os.path.join(REPO, "node_modules", "vnu-jar", "build", "dist", "vnu.jar")


def build(binary, content, out):
    subprocess.run([binary, "build", "--offline", "--content", content, "--out", out], check=True,
                   stdout=subprocess.DEVNULL)


def main():
    part = sys.argv[1] if len(sys.argv) > 1 else "axe"
    binary = os.environ.get("BULLETIN_BINARY", "build/bulletin")
    if part == "axe":
        if not (shutil.which("node") and os.path.isdir(os.path.join(REPO, "node_modules", "playwright-core"))
                and os.path.isdir(os.path.join(REPO, "node_modules", "axe-core")) and os.path.exists("/usr/bin/chromium")):
            print("node, playwright-core, axe-core or /usr/bin/chromium missing")
            return 77
    elif not (shutil.which("java") and os.path.exists(VNU)):
        print("java or node_modules/vnu-jar missing (scripts/install-deps test; npm ci)")
        return 77
    status = 0
    with tempfile.TemporaryDirectory() as tmp:
        for i, content in enumerate(SITES):
            out = os.path.join(tmp, f"site{i}")
            build(binary, content, out)
            if part == "axe":
                r = subprocess.run(["node", os.path.join(REPO, "tests", "a11y", "check.mjs"), out], cwd=REPO)
            else:
                pages = sorted(os.path.join(d, f) for d, _, fs in os.walk(out) for f in fs if f.endswith(".html"))
                r = subprocess.run(["java", "-jar", VNU, "--errors-only", "--format", "gnu", *pages],
                                   capture_output=True, text=True)
                print(f"{os.path.relpath(content, REPO)}: {len(pages)} pages, Nu Html Checker "
                      f"{'no error' if r.returncode == 0 else 'errors:'}")
                sys.stdout.write(r.stdout + r.stderr)
            status = status or r.returncode
    return 1 if status else 0


if __name__ == "__main__":
    sys.exit(main())
