"""Shared by the archive and nginx tests: run the generator, make content
trees with a second edition, snapshot an output folder, read links out of
pages."""
import hashlib
import html.parser
import os
import shutil
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
BINARY = os.environ.get("BULLETIN_BINARY") or str(REPO / "build" / "bulletin")

# Stamped on every output file before a rebuild: a file the build rewrites
# gets the time of the rebuild, a file it leaves alone keeps this one.
OLD_TIME_NS = 1_000_000_000 * 10**9  # 2001-09-09


class Failures:
    """Collects failed checks so one run reports all of them."""

    def __init__(self):
        self.items = []
        self.count = 0

    def check(self, cond, message):
        self.count += 1
        if not cond:
            self.items.append(message)
        return cond

    def report(self, name):
        for f in self.items:
            print(f"FAIL {f}")
        print(f"{name}: {self.count - len(self.items)} of {self.count} checks passed")
        return 1 if self.items else 0


def run(*args, expect=0):
    """Runs the generator; returns (exit status, stdout, stderr)."""
    p = subprocess.run([BINARY, *map(str, args)], capture_output=True, text=True)
    if expect is not None and p.returncode != expect:
        raise AssertionError(f"bulletin {' '.join(map(str, args))}: exit {p.returncode}, expected {expect}\n"
                             f"{p.stdout}{p.stderr}")
    return p.returncode, p.stdout, p.stderr


def build(content, out, *extra, expect=0):
    """Builds with the .gz twins, so that every test covers them too."""
    return run("build", "--content", content, "--out", out, "--gzip", *extra, expect=expect)


def copy_content(dest):
    """A copy of the shipped content under `dest`, with the 2022 edition alone
    (should later editions be shipped too)."""
    dest = Path(dest)
    src = REPO / "content"

    def other_editions(folder, names):
        if Path(folder) != src:
            return []
        return [n for n in names if (src / n).is_dir() and n != "2022" and not n.startswith(("_", "."))]

    shutil.copytree(src, dest, ignore=other_editions)
    return dest


EDITION_2023 = """+++
title = "漠视侵害群众利益问题专项治理工作成果"
year = 2023
published = 2024-01-25
publisher = "区纪委区监委"

[[figures]]
label = "下沉式监督检查"
value = 64
unit = "次"
+++
2023年，区纪委区监委继续深化漠视侵害群众利益问题专项治理，现将第二批治理成果公布如下，接受群众监督评议。
"""

PROJECT_EXISTING_DEPT = """+++
title = "老旧小区加装电梯专项治理"
department = "区住建局"
number = 1
status = "ongoing"
tags = ["加装电梯", "老旧小区"]

[[metrics]]
label = "加装电梯"
value = 36
unit = "台"
target = 30
+++
1. **摸清底数，分类推进**。截至2023年12月底，全区老旧小区已加装电梯36台，完成年度目标的120%。
"""

PROJECT_NEW_DEPT = """+++
title = "外卖食品安全专项治理"
department = "区商务局"
number = 2
tags = ["外卖", "食品安全"]
+++
1. **压实平台责任**。检查外卖商户412家，督促整改问题58个。
"""

NEW_DEPARTMENT = """
[[department]]
slug = "shangwu"
name = "区商务局"
full_name = "舟山市定海区商务局"
"""


def add_2023(content):
    """Adds a 2023 edition: one project by an existing department, one by a new one."""
    content = Path(content)
    (content / "2023").mkdir()
    (content / "2023" / "_index.md").write_text(EDITION_2023, encoding="utf-8")
    (content / "2023" / "elevators.md").write_text(PROJECT_EXISTING_DEPT, encoding="utf-8")
    (content / "2023" / "food-delivery.md").write_text(PROJECT_NEW_DEPT, encoding="utf-8")
    with open(content / "departments.toml", "a", encoding="utf-8") as f:
        f.write(NEW_DEPARTMENT)


def set_archived(content, edition="2022"):
    index = Path(content) / edition / "_index.md"
    text = index.read_text(encoding="utf-8")
    assert "archived = false" in text, f"{index} has no 'archived = false' line"
    index.write_text(text.replace("archived = false", "archived = true", 1), encoding="utf-8")


def add_corrections(content, project="2022/ev-charging.md", corrections=()):
    """Appends [[corrections]] tables (date, note) to a project's front matter."""
    path = Path(content) / project
    text = path.read_text(encoding="utf-8")
    head, sep, body = text.partition("\n+++\n")
    assert sep, f"{path}: no closing +++"
    tables = "".join(f'\n[[corrections]]\ndate = {d}\nnote = "{n}"\n' for d, n in corrections)
    path.write_text(head + "\n" + tables + sep + body, encoding="utf-8")


def files(out):
    """Every file of a folder, relative, with '/', sorted."""
    out = Path(out)
    return sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())


def read(out, rel):
    return (Path(out) / rel).read_bytes()


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def stamp_old(out):
    for rel in files(out):
        os.utime(Path(out) / rel, ns=(OLD_TIME_NS, OLD_TIME_NS))


def snapshot(out):
    """path → (sha256, mtime_ns, inode) for files, (None, mtime_ns, inode) for
    folders, the folder itself included as '.'."""
    out = Path(out)
    snap = {}
    for p in [out, *out.rglob("*")]:
        st = p.lstat()
        rel = p.relative_to(out).as_posix()
        snap[rel] = (sha256(p.read_bytes()) if p.is_file() else None, st.st_mtime_ns, st.st_ino)
    return snap


def manifest_groups(out):
    import json
    return json.loads(read(out, "manifest.json"))["groups"]


class LinkParser(html.parser.HTMLParser):
    """(tag, attribute, value, rel) of every href, src and action."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for name in ("href", "src", "action"):
            if name in a and a[name] is not None:
                self.links.append((tag, name, a[name], a.get("rel") or ""))


def links_of(html_text):
    p = LinkParser()
    p.feed(html_text)
    return p.links
