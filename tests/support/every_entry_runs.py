#!/usr/bin/env python3
"""Every CTest entry of the Catch2 binary runs at least one test case.

catch_discover_tests registers one CTest entry per Catch2 test case, and the
entry runs the binary with the test's name as its filter. A name Catch2 reads
differently from how it was registered (a ';' splits it in two, for one) gives
entries whose filter matches nothing: they run zero cases and report Passed.
This lists, for every such entry, the cases its own command line selects, and
fails when any selects none.

usage: every_entry_runs.py CTEST BUILD_DIR UNIT_TESTS_BINARY
"""
import json
import os
import subprocess
import sys


def main():
    ctest, build_dir, binary = sys.argv[1:4]
    shown = subprocess.run([ctest, "--show-only=json-v1"], cwd=build_dir, check=True,
                           capture_output=True, text=True).stdout
    entries = [t for t in json.loads(shown)["tests"]
               if t.get("command") and os.path.realpath(t["command"][0]) == os.path.realpath(binary)]
    if not entries:
        print(f"no CTest entry runs {binary}: the discovery found nothing")
        return 1
    empty = []
    for entry in entries:
        listed = subprocess.run(entry["command"] + ["--list-test-names-only"], capture_output=True, text=True)
        names = [line for line in listed.stdout.splitlines() if line.strip()]
        if not names:
            empty.append(entry["name"])
    for name in empty:
        print(f"the CTest entry “{name}” selects no test case (a ';' or another special character in the name?)")
    print(f"{len(entries)} entries of {os.path.basename(binary)}, {len(empty)} selecting no test case")
    return 1 if empty else 0


if __name__ == "__main__":
    sys.exit(main())
