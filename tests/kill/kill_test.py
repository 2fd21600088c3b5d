#!/usr/bin/env python3
"""Interrupted and concurrent builds (issue 15).

    kill_test.py kill        SIGKILL the generator at random moments of full and
                             in-place builds; after each kill `verify` must pass
                             on the output (the old site or the new one, whole),
                             and the next build must succeed and leave nothing
                             beside the output.
    kill_test.py concurrent  two builds of different content into one output
                             folder at once: one waits for nothing and the other
                             stops naming it (exit 2), or they ran one after the
                             other; the output is always one whole site, and the
                             build record never calls a mix up to date.

The site is a few thousand projects from bench/gen-content. Bounded in time:
BULLETIN_KILL_SECONDS (default 60) and BULLETIN_KILLS (default 300, the
number of kills after which it stops early) make a longer run on request.
Builds run with BULLETIN_NO_SYNC=1: a killed process loses nothing the
kernel already holds, so flushing to disk adds time but nothing to check.
"""
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
BINARY = os.environ.get("BULLETIN_BINARY", os.path.join(ROOT, "build-test", "bulletin"))
THEMES = os.path.join(ROOT, "themes")


def fail(message):
    print("FAIL: " + message, file=sys.stderr)
    sys.exit(1)


class Site:
    def __init__(self, tmp, projects):
        self.tmp = tmp
        self.content = os.path.join(tmp, "content")
        self.out = os.path.join(tmp, "public")
        subprocess.run([sys.executable, os.path.join(ROOT, "bench", "gen-content"), "--projects", str(projects),
                        "--editions", "3", "--departments", "20", "--seed", "15", self.content],
                       check=True, stdout=subprocess.DEVNULL)
        with open(os.path.join(self.content, "site.toml"), encoding="utf-8") as f:
            self.site_toml = f.read()
        self.env = dict(os.environ, XDG_CACHE_HOME=os.path.join(tmp, "cache"), BULLETIN_NO_SYNC="1")
        self.round = 0

    def args(self, content=None, out=None):
        return [BINARY, "build", "--content", content or self.content, "--out", out or self.out, "--themes", THEMES]

    def retitle(self):
        """A new site title: every page changes (the in-place path updates thousands of files)."""
        self.round += 1
        lines = self.site_toml.splitlines(keepends=True)
        lines = ['title = "专项治理成果公布 第%d版"\n' % self.round if l.startswith("title") else l for l in lines]
        with open(os.path.join(self.content, "site.toml"), "w", encoding="utf-8") as f:
            f.write("".join(lines))

    def touch_one_project(self):
        """One project's text changes: a few pages change."""
        self.round += 1
        edition = sorted(d for d in os.listdir(self.content) if os.path.isdir(os.path.join(self.content, d)))[-1]
        folder = os.path.join(self.content, edition)
        name = sorted(n for n in os.listdir(folder) if n.endswith(".md") and not n.startswith("_"))[0]
        with open(os.path.join(folder, name), "a", encoding="utf-8") as f:
            f.write("\n补充说明第%d次。\n" % self.round)

    def build(self, env=None):
        r = subprocess.run(self.args(), env=env or self.env, capture_output=True, text=True, errors="replace")
        if r.returncode != 0:
            fail("build exited %d: %s" % (r.returncode, r.stderr.strip()))
        return r

    def verify(self, why):
        r = subprocess.run([BINARY, "verify", self.out], capture_output=True, text=True, errors="replace")
        if r.returncode != 0:
            fail("verify after %s exited %d:\n%s%s" % (why, r.returncode, r.stdout[-2000:], r.stderr[-2000:]))

    def leftovers(self):
        return sorted(n for n in os.listdir(self.tmp) if n.startswith(".public."))


def run_kills(site):
    seconds = float(os.environ.get("BULLETIN_KILL_SECONDS", "60"))
    max_kills = int(os.environ.get("BULLETIN_KILLS", "300"))
    started = time.monotonic()
    site.build()
    site.verify("the first build")
    rng = random.Random(int(os.environ.get("BULLETIN_KILL_SEED", "15")))
    durations = {"in place": [], "full": []}
    kills = {"in place": 0, "full": 0}
    finished = 0
    while time.monotonic() - started < seconds and sum(kills.values()) < max_kills:
        full = rng.random() < 0.4
        kind = "full" if full else "in place"
        if rng.random() < 0.5:
            site.retitle()
        else:
            site.touch_one_project()
        env = dict(site.env, BULLETIN_NO_STAMP="1") if full else site.env
        # A kill somewhere in the build: its length is learnt from the builds
        # that ran to the end (every fifth one does), with a margin past it.
        known = durations[kind]
        length = sorted(known)[len(known) // 2] if known else 1.0
        let_finish = not known or rng.random() < 0.2
        begin = time.monotonic()
        proc = subprocess.Popen(site.args(), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, errors="replace")
        if let_finish:
            _, err = proc.communicate()
            if proc.returncode != 0:
                fail("an uninterrupted %s build exited %d: %s" % (kind, proc.returncode, err.strip()))
            durations[kind].append(time.monotonic() - begin)
            finished += 1
            site.verify("a whole %s build" % kind)
            if site.leftovers():
                fail("a build that ran to the end left %s beside the output" % site.leftovers())
            continue
        time.sleep(rng.uniform(0, length * 1.1))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            kills[kind] += 1
        proc.communicate()
        site.verify("a %s build killed after %.3f s" % (kind, time.monotonic() - begin))
    # The next build after the last kill succeeds and cleans up.
    site.retitle()
    site.build()
    site.verify("the build after the last kill")
    if site.leftovers():
        fail("the build after the kills left %s beside the output" % site.leftovers())
    total = sum(kills.values())
    print("kill: %d kills (%d in place, %d full), %d whole builds, verify passed after each, in %.0f s" %
          (total, kills["in place"], kills["full"], finished, time.monotonic() - started))
    if total < 5:
        fail("only %d kills: the machine is too slow for this test's time bound" % total)


def run_concurrent(site):
    seconds = float(os.environ.get("BULLETIN_KILL_SECONDS", "60")) / 6
    other = os.path.join(site.tmp, "other")
    shutil.copytree(site.content, other)
    with open(os.path.join(other, "site.toml"), encoding="utf-8") as f:
        toml = f.read()
    with open(os.path.join(other, "site.toml"), "w", encoding="utf-8") as f:
        f.write("".join('title = "另一份内容"\n' if l.startswith("title") else l for l in toml.splitlines(True)))
    site.retitle()
    site.build()
    started = time.monotonic()
    tries = stopped = 0
    while time.monotonic() - started < seconds or tries < 3:
        tries += 1
        # Each side's content changes every round, so neither build is skipped.
        site.touch_one_project()
        with open(os.path.join(other, "site.toml"), "a", encoding="utf-8") as f:
            f.write("# %d\n" % tries)
        a = subprocess.Popen(site.args(), env=site.env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, errors="replace")
        b = subprocess.Popen(site.args(content=other), env=site.env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                             text=True)
        for p in (a, b):
            _, err = p.communicate()
            if p.returncode == 2:
                if "正由另一次构建写入（进程 " not in err:
                    fail("a build stopped without naming the build that holds the folder: " + err)
                stopped += 1
            elif p.returncode != 0:
                fail("a concurrent build exited %d: %s" % (p.returncode, err))
        site.verify("two builds at once")
        if site.leftovers():
            fail("two builds at once left %s beside the output" % site.leftovers())
        # The record must not call a mix up to date: rebuilding our content
        # gives exactly our site.
        site.build()
        site.verify("the build after two at once")
        with open(os.path.join(site.out, "index.html"), encoding="utf-8") as f:
            if "另一份内容" in f.read():
                fail("after two builds at once, a build of the first content still shows the other's title")
    print("concurrent: %d rounds of two builds at once, %d stopped naming the other, the output whole each time" %
          (tries, stopped))


def main():
    mode = sys.argv[1] if len(sys.argv) > 1 else "kill"
    if not os.access(BINARY, os.X_OK):
        fail("no generator at " + BINARY)
    tmp = tempfile.mkdtemp(prefix="bulletin-kill-")
    try:
        site = Site(tmp, int(os.environ.get("BULLETIN_KILL_PROJECTS", "2000")))
        if mode == "kill":
            run_kills(site)
        elif mode == "concurrent":
            run_concurrent(site)
        else:
            fail("unknown mode " + mode)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
