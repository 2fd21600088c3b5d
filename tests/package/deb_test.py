#!/usr/bin/env python3
"""The Debian package (issue 14): `cpack -G DEB` in the build folder makes
bulletin_<version>_<arch>.deb with its library dependencies declared; it is
unpacked with `dpkg -x` into a temporary tree (nothing is installed on the
machine), and the installed binary builds the shipped bulletin installed
beside it, with the default theme from the package (a mark added to the
installed stylesheet shows up in the output).

Usage: deb_test.py BUILD_DIR. Exit 77 (skipped) without cpack, dpkg-deb or dpkg-shlibdeps."""
import glob
import os
import shutil
import subprocess
import sys
import tempfile


def main():
    build_dir = os.path.abspath(sys.argv[1])
    for tool in ("cpack", "dpkg-deb", "dpkg-shlibdeps"):
        if not shutil.which(tool):
            print(f"{tool} is not installed")
            return 77
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        pkg_dir = os.path.join(tmp, "pkg")
        r = subprocess.run(["cpack", "-G", "DEB", "--config", os.path.join(build_dir, "CPackConfig.cmake"),
                            "-B", pkg_dir], capture_output=True, text=True)
        if r.returncode != 0:
            print(r.stdout + r.stderr, file=sys.stderr)
            return 1
        debs = glob.glob(os.path.join(pkg_dir, "bulletin_*.deb"))
        if len(debs) != 1:
            print(f"expected one bulletin_*.deb, found {debs}", file=sys.stderr)
            return 1
        deb = debs[0]
        print(os.path.basename(deb))
        depends = subprocess.run(["dpkg-deb", "-f", deb, "Depends"], capture_output=True, text=True).stdout
        print("Depends:", depends.strip())
        for lib in ("libicu", "libcmark-gfm", "libfmt", "libssl", "zlib1g", "libstdc++6"):
            if lib not in depends:
                failures.append(f"Depends does not name {lib}: {depends.strip()}")
        root = os.path.join(tmp, "root")
        subprocess.run(["dpkg", "-x", deb, root], check=True)
        binary = os.path.join(root, "usr", "bin", "bulletin")
        theme_css = os.path.join(root, "usr", "share", "bulletin", "themes", "default", "assets", "style.css")
        content = os.path.join(root, "usr", "share", "bulletin", "example", "content")
        for path in (binary, theme_css, os.path.join(content, "site.toml"),
                     os.path.join(root, "usr", "share", "doc", "bulletin", "README.md")):
            if not os.path.exists(path):
                failures.append(f"the package has no {os.path.relpath(path, root)}")
        if not failures:
            mark = "/* installed theme */\n"
            with open(theme_css, "a", encoding="utf-8") as f:
                f.write(mark)
            work = os.path.join(tmp, "work")  # no themes/ here or beside the content
            os.makedirs(work)
            out = os.path.join(work, "public")
            env = dict(os.environ, HOME=work)
            r = subprocess.run([binary, "build", "--content", content, "--out", out], cwd=work, env=env,
                               capture_output=True, text=True)
            print(r.stdout.strip())
            if r.returncode != 0:
                failures.append(f"the installed binary failed ({r.returncode}): {r.stderr}")
            else:
                if not os.path.exists(os.path.join(out, "2022", "ev-charging", "index.html")):
                    failures.append("the installed binary did not build the shipped bulletin")
                css = open(os.path.join(out, "assets", "style.css"), encoding="utf-8").read()
                if not css.endswith(mark):
                    failures.append("the output's stylesheet is not the installed theme's")
    for f in failures:
        print(f, file=sys.stderr)
    print(f"{'ok' if not failures else 'FAILED'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
