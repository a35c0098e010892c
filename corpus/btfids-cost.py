#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Build time a base reference adds to one module, as kbuild makes it.

For real modules of a corpus kernel (copies; nothing is built), times the
commands scripts/Makefile.modfinal runs after pahole for a module:
  without a base reference: resolve_btfids -b BASE X.ko
  with one (BTF_BASE_REF=1): resolve_btfids -b BASE --base_ref_out X.ko.btf
      X.ko; objcopy (.BTF, .BTF.base_ref, .BTF_ids.layout) X.ko;
      resolve_btfids X.ko
each the fastest of --reps runs (wall clock, fork and exec included), and
checks that the .BTF.base_ref written is BR v1. pahole runs in both paths
and is not timed.
usage: btfids-cost.py --resolve-btfids BIN --kernel DIR [--list FILE]
                      [-n N] [--reps R] [--objcopy BIN] --json OUT
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time


def run(cmd):
    t = time.perf_counter()
    p = subprocess.run(cmd, capture_output=True, text=True)
    us = (time.perf_counter() - t) * 1e6
    if p.returncode:
        sys.exit("btfids-cost: %s failed (%d): %s" % (" ".join(cmd), p.returncode,
                                                      (p.stderr or p.stdout).strip()[-500:]))
    return us


def one(args, ko, tmp):
    base = os.path.join(args.kernel, "vmlinux.btf")
    a, b = os.path.join(tmp, "a.ko"), os.path.join(tmp, "b.ko")
    best = {}
    for _ in range(args.reps):
        shutil.copyfile(ko, a)
        shutil.copyfile(ko, b)
        t = {"plain": run([args.resolve_btfids, "-b", base, a])}
        t["base_ref_out"] = run([args.resolve_btfids, "-b", base, "--base_ref_out", b + ".btf", b])
        t["objcopy"] = run([args.objcopy, "--update-section", ".BTF=%s.btf.split" % b,
                            "--add-section", ".BTF.base_ref=%s.btf.base_ref" % b,
                            "--set-section-flags", ".BTF.base_ref=contents,readonly",
                            "--add-section", ".BTF_ids.layout=%s.btf.ids" % b,
                            "--set-section-flags", ".BTF_ids.layout=contents,readonly", b])
        with open(b + ".btf.base_ref", "rb") as f:
            head = f.read(3)
        if head != b"BR\x01":
            sys.exit("btfids-cost: %s: resolve_btfids wrote a .BTF.base_ref that is not "
                     "BR v1 (%r)" % (ko, head))
        t["ref_bytes"] = os.path.getsize(b + ".btf.base_ref")
        for ext in (".btf.split", ".btf.base_ref", ".btf.ids"):
            os.unlink(b + ext)
        t["resolve"] = run([args.resolve_btfids, b])
        t["with_base_ref"] = t["base_ref_out"] + t["objcopy"] + t["resolve"]
        for k, v in t.items():
            best[k] = min(best.get(k, v), v)
    return best


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--resolve-btfids", required=True)
    ap.add_argument("--kernel", required=True, help="corpus kernel dir (corpus/fetch)")
    ap.add_argument("--list", help="module list (default: KERNEL/modules.list)")
    ap.add_argument("-n", type=int, default=100, help="modules, evenly spread over the list")
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--objcopy", default="objcopy")
    ap.add_argument("--json", required=True)
    a = ap.parse_args()
    if not os.access(a.resolve_btfids, os.X_OK):
        sys.exit("btfids-cost: %s is not an executable resolve_btfids" % a.resolve_btfids)
    if not shutil.which(a.objcopy):
        sys.exit("btfids-cost: %s not found (binutils)" % a.objcopy)
    with open(a.list or os.path.join(a.kernel, "modules.list")) as f:
        mods = [l.split()[0] for l in f if l.strip() and not l.startswith("#")]
    step = max(1, len(mods) // a.n)
    mods = mods[::step][:a.n]
    rows = {}
    with tempfile.TemporaryDirectory(prefix="btfids-cost.") as tmp:
        for i, m in enumerate(mods):
            rows[m] = one(a, os.path.join(a.kernel, "modules", m), tmp)
            if (i + 1) % 10 == 0 or i + 1 == len(mods):
                print("   resolve_btfids: %d/%d modules" % (i + 1, len(mods)), file=sys.stderr)
    keys = ("plain", "base_ref_out", "objcopy", "resolve", "with_base_ref")
    out = {"modules": len(rows), "reps": a.reps, "rows": rows}
    for k in keys:
        v = [r[k] for r in rows.values()]
        out[k + "_us_mean"] = statistics.mean(v)
        out[k + "_us_median"] = statistics.median(v)
    added = [r["with_base_ref"] - r["plain"] for r in rows.values()]
    out["added_us_mean"] = statistics.mean(added)
    out["added_us_median"] = statistics.median(added)
    out["ref_bytes_mean"] = statistics.mean(r["ref_bytes"] for r in rows.values())
    with open(a.json, "w") as f:
        json.dump(out, f, indent=1, sort_keys=True)
    print("   resolve_btfids: %d modules: %.0f us without a base reference, %.0f us with "
          "(resolve_btfids --base_ref_out %.0f + objcopy %.0f + resolve_btfids %.0f), "
          "+%.0f us per module (mean, min of %d)" % (
              len(rows), out["plain_us_mean"], out["with_base_ref_us_mean"],
              out["base_ref_out_us_mean"], out["objcopy_us_mean"], out["resolve_us_mean"],
              out["added_us_mean"], a.reps), file=sys.stderr)


if __name__ == "__main__":
    main()
