#!/usr/bin/env python3
"""Write build/corpus/report.md and report.svg from btfcorpus summaries.

usage: report.py --out DIR [--load LOADAVG] pair-A-B.json...
Each pair-A-B.json has a pair-A-B.tsv beside it (per-module results).
Plain python3, no third-party packages; the chart is hand-written SVG.
"""
import argparse
import csv
import json
import math
import os
import platform
import subprocess
import sys

# Upstream figures (BRIEF.md): upstream libbpf btf__distill_base() /
# btf__relocate(), 47 -> 56, measured on these machines.
UP = {
    "accepted": 2206,
    "rejected": 1816,
    "relocate_us": 1253,
    "distill_us": 277,
    "base_bytes": 674,
    "split_growth": 0.106,
    "split_before_mb": 60.2,
    "split_after_mb": 66.6,
}
TARGET_SPEEDUP = 20
TARGET_REF_BYTES = 1536
# the seed figure of the original discussion for emitting a base reference
# for every in-tree module: about 1.5 KB per module, 4 MB for 2667 modules
SEED = {"bytes": 4e6, "modules": 2667, "per_module": 1500}

CLASSES = ["size", "moved", "retyped", "removed", "bitfield", "missing",
           "ambiguous", "other"]
CLASS_TEXT = {
    "size": "embedded size change",
    "moved": "member moved",
    "retyped": "member retyped",
    "removed": "member removed",
    "bitfield": "bitfield change",
    "missing": "missing type",
    "ambiguous": "ambiguous",
    "other": "other",
}
COLORS = {
    "accepted": "#4c9a2a", "size": "#d9534f", "moved": "#f0ad4e",
    "retyped": "#8e44ad", "removed": "#2c7fb8", "bitfield": "#e377c2",
    "missing": "#7f7f7f", "ambiguous": "#bcbd22", "other": "#17becf",
    "genfail": "#000000",
}


def load(path):
    with open(path) as f:
        d = json.load(f)
    tsv = path[:-len(".json")] + ".tsv"
    with open(tsv, newline="") as f:
        d["rows"] = list(csv.DictReader(f, delimiter="\t"))
    d["tsv"] = os.path.basename(tsv)
    # corpus/run: btfverify's last line on this pair's base references
    verify = path[:-len(".json")] + ".verify"
    d["verify"] = None
    if os.path.exists(verify):
        with open(verify) as f:
            lines = f.read().strip().splitlines()
        d["verify"] = lines[-1].replace("btfverify: ", "") if lines else None
    return d


def primary_class(row):
    """A module's class for the chart: its first (most common) class."""
    if row["outcome"] != "rejected":
        return row["outcome"]
    return row["classes"].split(",")[0]


def kb(x):
    return "%.1f MB" % (x / 1e6)


def pct(a, b):
    return "%+.1f%%" % (100.0 * (a - b) / b) if b else "n/a"


def upstream_total(d):
    n = d["generated_modules"]
    return d["orig_split_bytes"] * (1 + UP["split_growth"]) + UP["base_bytes"] * n


def pair_table(d):
    n = d["generated_modules"]
    up = d["pair"] == "47->56"
    u = (lambda s: s) if up else (lambda s: "")
    total = d["new_base_ref_bytes"] + d["new_split_bytes"]
    rows = [
        ("modules", d["modules"], u("4022")),
        ("accepted", d["accepted"], u(str(UP["accepted"]))),
        ("rejected", d["rejected"], u(str(UP["rejected"]))),
        ("generation failures", d["genfail"], u("")),
    ]
    for c in CLASSES:
        m = d["reject_classes_modules"][c]
        if m:
            rows.append(("  rejected: %s (modules / messages)" % CLASS_TEXT[c],
                         "%d / %d" % (m, d["reject_classes_lines"][c]), ""))
    rows += [
        ("btf__reconcile, us/module, mean / median (2nd call)",
         "%.1f / %.1f" % (d["reconcile_us_mean"], d["reconcile_us_median"]),
         u("%d (mean)" % UP["relocate_us"])),
        ("btf__reconcile, us/module, mean / median (min of 3 warm calls)",
         "%.1f / %.1f" % (d["reconcile_min3_us_mean"], d["reconcile_min3_us_median"]), ""),
        ("btf__reconcile, us/module, p90 / max (min of 3)",
         "%.1f / %.1f" % (d["reconcile_min3_us_p90"], d["reconcile_min3_us_max"]), ""),
        ("btf__reconcile, first call of a module (cold caches), mean",
         "%.1f" % d["reconcile_pass1_us_mean"], ""),
        ("speed-up vs upstream's 1253 us (2nd call mean)",
         "%.1fx" % (UP["relocate_us"] / d["reconcile_us_mean"]), ""),
        ("name index build, once per base (first call - second call)",
         "%.0f us" % d["index_build_us"], ""),
        ("btf__new_split_base_ref, us/module, mean / median",
         "%.1f / %.1f" % (d["base_ref_gen_us_mean"], d["base_ref_gen_us_median"]),
         u("%d (distill, mean)" % UP["distill_us"])),
        ("btf__base_ref_raw_data (writing the %s section), us/module, mean / median"
         % d["base_ref_format"],
         "%.1f / %.1f" % (d["base_ref_encode_us_mean"], d["base_ref_encode_us_median"]), ""),
        ("base reference bytes (%s section), mean / median / max" % d["base_ref_format"],
         "%.0f / %.0f / %.0f" % (d["base_ref_bytes_mean"], d["base_ref_bytes_median"],
                                 d["base_ref_bytes_max"]),
         u("%d (mean)" % UP["base_bytes"])),
        ("  base reference per module: entries / recorded members / string bytes (mean)",
         "%.1f / %.1f / %.0f" % (d["base_ref_types"] / max(1, n), d["base_ref_members"] / max(1, n),
                                 d["base_ref_str_bytes"] / max(1, n)), ""),
        ("  of which member layouts (counts, offsets, bitfields, types, name hashes), mean",
         "%.0f" % (d.get("base_ref_layout_bytes", 0) / max(1, n)), ""),
        ("  base reference without member layouts (names and sizes, as upstream), mean",
         "%.0f" % (d["base_ref_bytes_mean"] - d.get("base_ref_layout_bytes", 0) / max(1, n)),
         u("%d (mean)" % UP["base_bytes"])),
        ("original split BTF, all modules", kb(d["orig_split_bytes"]),
         u("%.1f MB" % UP["split_before_mb"])),
        ("new split BTF, all modules", "%s (%s)" % (kb(d["new_split_bytes"]),
                                                    pct(d["new_split_bytes"], d["orig_split_bytes"])),
         u("%.1f MB (+10.6%%)" % UP["split_after_mb"])),
        ("base reference + new split, all modules",
         "%s (%s vs original)" % (kb(total), pct(total, d["orig_split_bytes"])),
         "%s (upstream-equivalent: original x 1.106 + 674 B/module)" % kb(upstream_total(d))),
        ("peak RSS of the benchmark", "%.1f MB" % (d["peak_rss_kb"] / 1024.0), ""),
        ("base references decoded (btf_rc_decode) and the images checked by the running "
         "kernel's BTF verifier (BPF_BTF_LOAD, %s)" % platform.release(),
         d["verify"] or "not run", ""),
        ("independent check: accepted modules / references checked / wrong",
         "%d / %d / %d" % (d["check_modules"], d["check_refs"], d["check_ref_mismatches"]), ""),
        ("independent check: embedded struct layouts checked / wrong",
         "%d / %d" % (d["check_embedded_layouts"], d["check_embedded_mismatches"]), ""),
        ("  pointer-only references to structs whose size changed (allowed)",
         d["check_ptr_refs_struct_size_changed"], ""),
        ("vs B's own build: modules compared / all types agree",
         "%d / %d" % (d["b_build_modules"], d["b_build_modules_all_agree"]), ""),
        ("vs B's own build: named structs/unions compared / agree (rate)",
         "%d / %d (%.2f%%)" % (d["b_build_types"], d["b_build_agree"],
                               100.0 * d["b_build_agree"] / max(1, d["b_build_types"])), ""),
        ("  disagree: absent in B / size / members (same size)",
         "%d / %d / %d" % (d["b_build_absent"], d["b_build_size_differs"],
                           d["b_build_members_differ"]), ""),
        ("  of which A's own build differs from B's the same way",
         d["b_build_disagree_also_in_a_build"], ""),
    ]
    out = ["| measure | this series | upstream |", "|---|---:|---:|"]
    for name, val, upv in rows:
        out.append("| %s | %s | %s |" % (name, val, upv))
    return "\n".join(out)


def top_types(d):
    if not d["top_types"]:
        return "_No module rejected._"
    out = ["| type | modules rejected |", "|---|---:|"]
    for name, cnt in d["top_types"]:
        out.append("| `%s` | %d |" % (name, cnt))
    return "\n".join(out)


def examples(d, limit=12):
    """One example message per non-size class, and the first size messages."""
    out, seen = [], set()
    for r in d["rows"]:
        if r["outcome"] != "rejected":
            continue
        key = r["classes"]
        if key in seen:
            continue
        seen.add(key)
        out.append("- `%s` (%s): %s" % (r["module"], key, r["message"]))
        if len(out) >= limit:
            break
    return "\n".join(out) if out else "_none_"


def b_disagreements(d, limit=12):
    counts = {}
    for r in d["rows"]:
        w = r.get("b_check", "-")
        if w == "-" or not w:
            continue
        name = w.split(" ")[0]
        what = " ".join(w.split(" ")[1:])
        what = "size" if what.startswith("size") else what
        counts.setdefault((name, what), 0)
        counts[(name, what)] += 1
    if not counts:
        return "_none_"
    out = ["| type (first disagreement per module) | difference | modules |", "|---|---|---:|"]
    for (name, what), c in sorted(counts.items(), key=lambda x: -x[1])[:limit]:
        out.append("| `%s` | %s | %d |" % (name, what, c))
    return "\n".join(out)


def targets(d):
    total = d["new_base_ref_bytes"] + d["new_split_bytes"]
    upt = upstream_total(d)
    sp = UP["relocate_us"] / d["reconcile_us_mean"]
    sp3 = UP["relocate_us"] / d["reconcile_min3_us_mean"]
    rows = [
        ("reconcile >= %dx faster than 1253 us/module" % TARGET_SPEEDUP,
         "%.1f us (%.1fx); min-of-3: %.1f us (%.1fx)" % (d["reconcile_us_mean"], sp,
                                                          d["reconcile_min3_us_mean"], sp3),
         "met" if sp >= TARGET_SPEEDUP else "NOT met"),
        ("base reference <= %d B/module on average" % TARGET_REF_BYTES,
         "%.1f B (%s)" % (d["base_ref_bytes_mean"], d["base_ref_format"]),
         "met" if d["base_ref_bytes_mean"] <= TARGET_REF_BYTES else "NOT met"),
        ("base ref + split no larger than upstream's",
         "%s vs %s (%s)" % (kb(total), kb(upt), pct(total, upt)),
         "met" if total <= upt else "NOT met"),
        ("accepted modules: no wrong reference or layout",
         "%d wrong refs, %d wrong layouts" % (d["check_ref_mismatches"],
                                              d["check_embedded_mismatches"]),
         "met" if not d["check_ref_mismatches"] and not d["check_embedded_mismatches"] else "NOT met"),
    ]
    out = ["| target | measured (%s) | result |" % d["pair"], "|---|---|---|"]
    for a, b, c in rows:
        out.append("| %s | %s | **%s** |" % (a, b, c))
    return "\n".join(out)


def in_tree(d, bj, bt):
    """What emitting a base reference for every in-tree module would add."""
    n = d["generated_modules"]
    ref = d["new_base_ref_bytes"]
    added = ref + d["new_split_bytes"] - d["orig_split_bytes"]
    gen = d["base_ref_gen_us_mean"] + d["base_ref_encode_us_mean"]
    if bj and (bj["base_ref_total"], bj["split_total"]) != (ref, d["new_split_bytes"]):
        sys.exit("report.py: the sections of %s hold %d + %d bytes, its summary says %d + %d"
                 % (d["pair"], bj["base_ref_total"], bj["split_total"], ref,
                    d["new_split_bytes"]))
    out = ["| in-tree cost (%s's %d modules, one kernel package) | measured | seed figure |"
           % (d["pair"].split("->")[0], n), "|---|---:|---:|"]
    out.append("| .BTF.base_ref sections (%s), all modules | %s (%.0f B/module) | "
               "%.1f MB for %d modules (about %.1f KB/module) |"
               % (d["base_ref_format"], kb(ref), ref / max(1, n), SEED["bytes"] / 1e6,
                  SEED["modules"], SEED["per_module"] / 1000.0))
    out.append("|   at the seed's module count (%d) | %s |  |"
               % (SEED["modules"], kb(ref / max(1, n) * SEED["modules"])))
    out.append("| added to the package's module BTF (base reference + new split - original "
               "split) | %s (%.0f B/module) |  |" % (kb(added), added / max(1, n)))
    out.append("| generation in libbpf (btf__new_split_base_ref + btf__base_ref_raw_data, "
               "btfcorpus), per module, mean | %.0f us |  |" % gen)
    if bt:
        out.append("| build steps per module without a base reference (resolve_btfids -b), "
                   "mean / median | %.1f / %.1f ms |  |"
                   % (bt["plain_us_mean"] / 1e3, bt["plain_us_median"] / 1e3))
        out.append("| build steps per module with one (resolve_btfids --base_ref_out + objcopy "
                   "+ resolve_btfids), mean / median | %.1f / %.1f ms (%.1f + %.1f + %.1f) |  |"
                   % (bt["with_base_ref_us_mean"] / 1e3, bt["with_base_ref_us_median"] / 1e3,
                      bt["base_ref_out_us_mean"] / 1e3, bt["objcopy_us_mean"] / 1e3,
                      bt["resolve_us_mean"] / 1e3))
        out.append("| build time added per module (processes, min of %d runs, %d modules), "
                   "mean / median | %.1f / %.1f ms |  |"
                   % (bt["reps"], bt["modules"], bt["added_us_mean"] / 1e3,
                      bt["added_us_median"] / 1e3))
        out.append("|   for all %d modules, one core | %.0f s |  |"
                   % (n, bt["added_us_mean"] * n / 1e6))
    else:
        out.append("| build time of the resolve_btfids processes | not measured |  |")
    return "\n".join(out)


def svg(pairs, path):
    W, H = 960, 470
    s = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" '
         'font-family="sans-serif" font-size="12">' % (W, H),
         '<rect width="100%" height="100%" fill="white"/>']
    # left: outcome bars
    x0, y0, bw, bh = 60, 50, 360, 300
    s.append('<text x="%d" y="25" font-size="15" font-weight="bold">Outcome per module</text>' % x0)
    nmax = max(d["modules"] for d in pairs)
    slot = bw / len(pairs)
    order = ["accepted"] + CLASSES + ["genfail"]
    used = set()
    for i, d in enumerate(pairs):
        cnt = {}
        for r in d["rows"]:
            c = primary_class(r)
            cnt[c] = cnt.get(c, 0) + 1
        x = x0 + i * slot + slot * 0.2
        y = y0 + bh
        for c in order:
            n = cnt.get(c, 0)
            if not n:
                continue
            used.add(c)
            h = bh * n / nmax
            y -= h
            s.append('<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s">'
                     '<title>%s %s: %d</title></rect>' % (x, y, slot * 0.6, h, COLORS[c],
                                                            d["pair"], c, n))
            if h > 14:
                s.append('<text x="%.1f" y="%.1f" text-anchor="middle" fill="white">%d</text>'
                         % (x + slot * 0.3, y + h / 2 + 4, n))
        s.append('<text x="%.1f" y="%d" text-anchor="middle">%s</text>'
                 % (x + slot * 0.3, y0 + bh + 18, d["pair"].replace("->", " → ")))
    s.append('<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="black"/>'
             % (x0, y0 + bh, x0 + bw, y0 + bh))
    for k in range(0, nmax + 1, 1000):
        yy = y0 + bh - bh * k / nmax
        s.append('<text x="%d" y="%.1f" text-anchor="end">%d</text>' % (x0 - 5, yy + 4, k))
        s.append('<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="#ddd"/>' % (x0, yy, x0 + bw, yy))
    ly = y0 + bh + 40
    lx = x0
    for c in order:
        if c not in used:
            continue
        label = "accepted" if c == "accepted" else ("rejected: " + CLASS_TEXT.get(c, c))
        s.append('<rect x="%d" y="%d" width="10" height="10" fill="%s"/>' % (lx, ly - 9, COLORS[c]))
        s.append('<text x="%d" y="%d">%s</text>' % (lx + 14, ly, label))
        lx += 14 + 7 * len(label) + 12
        if lx > x0 + bw - 60:
            lx = x0
            ly += 16

    # right: reconcile time histogram (log bins), one line per pair
    hx, hy, hw, hh = 530, 50, 400, 300
    s.append('<text x="%d" y="25" font-size="15" font-weight="bold">btf__reconcile time per module '
             '(min of 3 warm calls)</text>' % (hx - 40))
    edges = [2 ** (k / 2.0) for k in range(0, 29)]  # 1 us .. 16 ms
    nb = len(edges) - 1
    hists = []
    for d in pairs:
        h = [0] * nb
        for r in d["rows"]:
            if r["outcome"] == "genfail":
                continue
            v = max(float(r["reconcile_min_us"]), 1.0)
            k = min(nb - 1, int(2 * math.log2(v)))
            h[k] += 1
        hists.append(h)
    hmax = max(max(h) for h in hists) or 1
    pal = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd"]
    for j, (d, h) in enumerate(zip(pairs, hists)):
        pts = []
        for k in range(nb):
            xa = hx + hw * k / nb
            xb = hx + hw * (k + 1) / nb
            yv = hy + hh - hh * h[k] / hmax
            pts += ["%.1f,%.1f" % (xa, yv), "%.1f,%.1f" % (xb, yv)]
        s.append('<polyline fill="none" stroke="%s" stroke-width="2" points="%s"/>'
                 % (pal[j % len(pal)], " ".join(pts)))
        s.append('<rect x="%d" y="%d" width="10" height="10" fill="%s"/>'
                 % (hx, hy + hh + 45 + 16 * j, pal[j % len(pal)]))
        s.append('<text x="%d" y="%d">%s: mean %.0f us, median %.0f us</text>'
                 % (hx + 14, hy + hh + 54 + 16 * j, d["pair"].replace("->", " → "),
                    d["reconcile_min3_us_mean"], d["reconcile_min3_us_median"]))
    s.append('<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="black"/>' % (hx, hy + hh, hx + hw, hy + hh))
    s.append('<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="black"/>' % (hx, hy, hx, hy + hh))
    for us in [1, 10, 100, 1000, 10000]:
        xx = hx + hw * (2 * math.log2(us)) / nb
        s.append('<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#ddd"/>' % (xx, hy, xx, hy + hh))
        s.append('<text x="%.1f" y="%d" text-anchor="middle">%s</text>'
                 % (xx, hy + hh + 16, ("%d us" % us) if us < 1000 else ("%d ms" % (us // 1000))))
    # upstream mean
    xu = hx + hw * (2 * math.log2(UP["relocate_us"])) / nb
    s.append('<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="black" stroke-dasharray="4,3"/>'
             % (xu, hy, xu, hy + hh))
    s.append('<text x="%.1f" y="%d" text-anchor="middle">upstream mean 1253 us</text>' % (xu, hy - 4))
    s.append('<text x="%d" y="%d" text-anchor="middle">time per module (log scale, half-octave bins)</text>'
             % (hx + hw / 2, hy + hh + 34))
    s.append('<text x="%d" y="%d" text-anchor="end">%d</text>' % (hx - 4, hy + 4, hmax))
    s.append('<text x="%d" y="%d" text-anchor="middle" transform="rotate(-90 %d %d)">modules</text>'
             % (hx - 12, hy + hh // 2, hx - 12, hy + hh // 2))
    s.append('<text x="%d" y="%d" text-anchor="end">0</text>' % (hx - 4, hy + hh + 4))
    s.append("</svg>")
    with open(path, "w") as f:
        f.write("\n".join(s) + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--load", default="")
    ap.add_argument("--bytes", help="Markdown from corpus/baseref-bytes.py")
    ap.add_argument("--bytes-json", help="JSON from corpus/baseref-bytes.py")
    ap.add_argument("--btfids", help="JSON from corpus/btfids-cost.py")
    ap.add_argument("json", nargs="+")
    a = ap.parse_args()
    pairs = [load(p) for p in a.json]

    top = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    src = os.environ.get("LIBBPF_SRC") or os.path.join(top, "build/linux")
    try:
        rev = subprocess.run(["git", "-C", src, "log", "-1", "--format=%h %s"],
                             capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        rev = "unknown"
    with open(os.path.join(top, "corpus/packages.txt")) as f:
        pkgs = [l.split()[0] for l in f if l.strip() and not l.startswith("#")]

    md = ["# Corpus benchmark: base reference BTF on real Debian kernels", ""]
    md.append("libbpf: `%s` (%s). Kernels: %s. Load average at the end of the run: %s "
              "(2-core machine; timings are wall-clock and include interference from "
              "other load, which is why the min of 3 warm calls is shown too)."
              % (src.replace(top + "/", ""), rev, ", ".join("`%s`" % p for p in pkgs), a.load or "n/a"))
    md.append("")
    md.append("Method: for every module of kernel A, its `.BTF` is parsed on A's vmlinux BTF, "
              "`btf__new_split_base_ref()` makes the base reference and new split BTF, both are "
              "written as a module carries them (the base reference as its `.BTF.base_ref` "
              "section in the compact form, %s, with `btf__base_ref_raw_data()`; the split with "
              "`btf__raw_data()`) and read back from files with `btf__parse_raw()` and "
              "`btf__parse_raw_split()`, and `btf__reconcile()` moves the split BTF onto B's "
              "vmlinux BTF. Accepted modules are then checked independently of the reconcile code: every "
              "reference from the module's own types into A's vmlinux must land on a B type of "
              "the same name and kind (anonymous and copied types compared structurally), and "
              "every struct/union embedded by value must keep its size and members in B. "
              "The upstream column is BRIEF.md's measurement of upstream libbpf "
              "(`btf__distill_base()`/`btf__relocate()`) on 47 → 56." % pairs[0]["base_ref_format"])
    md.append("")
    main_pair = next((d for d in pairs if d["pair"] == "47->56"), pairs[0])
    md.append("## Targets (%s, the pair upstream was measured on)" % main_pair["pair"])
    md.append("")
    md.append(targets(main_pair))
    md.append("")
    if a.bytes:
        with open(a.bytes) as f:
            md.append(f.read().replace("## Where", "### Where", 1))
    bj = bt = None
    if a.bytes_json:
        with open(a.bytes_json) as f:
            bj = json.load(f)
    if a.btfids:
        with open(a.btfids) as f:
            bt = json.load(f)
    md.append("### In-tree cost: a base reference for every in-tree module")
    md.append("")
    md.append("Bytes from the pair's sections as written; build time: the libbpf work "
              "(btfcorpus, in process) and the commands `scripts/Makefile.modfinal` runs "
              "for a module after pahole with `BTF_BASE_REF=1` against without "
              "(`corpus/btfids-cost.py`: resolve_btfids of the tree and objcopy on copies "
              "of real modules, fork and exec included; pahole runs in both and is not "
              "timed).")
    md.append("")
    md.append(in_tree(main_pair, bj, bt))
    md.append("")
    md.append("![outcomes and reconcile times](report.svg)")
    md.append("")
    for d in pairs:
        md.append("## %s" % d["pair"].replace("->", " → "))
        md.append("")
        md.append(pair_table(d))
        md.append("")
        md.append("Types most often responsible for a rejection (modules):")
        md.append("")
        md.append(top_types(d))
        md.append("")
        if d["rejected"]:
            md.append("Example messages, one per combination of classes:")
            md.append("")
            md.append(examples(d))
            md.append("")
        if d["genfail_reasons"]:
            md.append("Generation failures:")
            md.append("")
            for why, c in d["genfail_reasons"]:
                md.append("- %d: %s" % (c, why))
            md.append("")
        if d["b_build_types"] != d["b_build_agree"]:
            md.append("Disagreements with B's own build of the module (first per module). "
                      "Reconciliation copies a module's own types unchanged (checked above), "
                      "so each of these is a change in the module's source or in a header "
                      "shared with another module between the two kernel versions: "
                      "%d of %d disagreeing types differ the same way between A's and B's "
                      "builds." % (d["b_build_disagree_also_in_a_build"],
                                   d["b_build_types"] - d["b_build_agree"]))
            md.append("")
            md.append(b_disagreements(d))
            md.append("")
        md.append("Per-module results: `%s`." % d["tsv"])
        md.append("")
    with open(os.path.join(a.out, "report.md"), "w") as f:
        f.write("\n".join(md))
    svg(pairs, os.path.join(a.out, "report.svg"))


if __name__ == "__main__":
    sys.exit(main())
