#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Where the bytes of base reference BTF go.

Reads the raw base reference and split BTF that corpus/btfcorpus writes
(-d DIR: <module>.base_ref, <module>.split) and breaks the base reference
bytes down: header, type records by role and kind, member records, string
bytes by use; which entries upstream's distilled base would not carry;
how often recorded members repeat within a module; what member names cost
against a short hash; how much string sharing with the split remains; and
the size of a compact (non-BTF) encoding of the same information.
Prints JSON (--json FILE) and a Markdown section (stdout or --md FILE).
"""

import argparse
import json
import os
import struct
import sys
from collections import Counter

KINDS = {1: "INT", 2: "PTR", 3: "ARRAY", 4: "STRUCT", 5: "UNION", 6: "ENUM",
         7: "FWD", 8: "TYPEDEF", 9: "VOLATILE", 10: "CONST", 11: "RESTRICT",
         12: "FUNC", 13: "FUNC_PROTO", 14: "VAR", 15: "DATASEC", 16: "FLOAT",
         17: "DECL_TAG", 18: "TYPE_TAG", 19: "ENUM64"}
MATCHABLE = {"INT", "FLOAT", "ENUM", "ENUM64", "FWD", "STRUCT", "UNION"}
HDR = struct.Struct("<HBBIIIII")


class BTFError(Exception):
    pass


def parse(data, first_id=1, base_str_len=0):
    """Types of raw BTF @data: list of dicts, ids from @first_id."""
    if len(data) < HDR.size:
        raise BTFError("short header")
    magic, _ver, _fl, hlen, toff, tlen, soff, slen = HDR.unpack_from(data)
    if magic != 0xeB9F:
        raise BTFError("bad magic (big-endian BTF is not handled)")
    types = []
    p, end = hlen + toff, hlen + toff + tlen
    while p < end:
        name_off, info, sz = struct.unpack_from("<III", data, p)
        kind = KINDS.get((info >> 24) & 0x1f, "?")
        vlen = info & 0xffff
        kflag = info >> 31
        t = {"id": first_id + len(types), "kind": kind, "name_off": name_off,
             "vlen": vlen, "kflag": kflag, "size": sz, "refs": [],
             "members": [], "strs": [name_off] if name_off else []}
        q = p + 12
        if kind in ("PTR", "TYPEDEF", "VOLATILE", "CONST", "RESTRICT", "FUNC",
                    "TYPE_TAG"):
            t["refs"].append(("type", sz))
        elif kind == "INT":
            q += 4
        elif kind == "ARRAY":
            elem, idx, n = struct.unpack_from("<III", data, q)
            t["refs"] += [("elem", elem), ("index", idx)]
            t["nelems"] = n
            q += 12
        elif kind in ("STRUCT", "UNION"):
            for i in range(vlen):
                mn, mt, mo = struct.unpack_from("<III", data, q + 12 * i)
                t["members"].append((mn, mt, mo))
                t["refs"].append(("member", mt))
                if mn:
                    t["strs"].append(mn)
            q += 12 * vlen
        elif kind == "ENUM":
            for i in range(vlen):
                mn, = struct.unpack_from("<I", data, q + 8 * i)
                if mn:
                    t["strs"].append(mn)
            q += 8 * vlen
        elif kind == "ENUM64":
            q += 12 * vlen
        elif kind == "FUNC_PROTO":
            t["refs"].append(("type", sz))
            for i in range(vlen):
                pn, pt = struct.unpack_from("<II", data, q + 8 * i)
                t["refs"].append(("param", pt))
                if pn:
                    t["strs"].append(pn)
            q += 8 * vlen
        elif kind in ("VAR", "DECL_TAG"):
            t["refs"].append(("type", sz))
            q += 4
        elif kind == "DATASEC":
            for i in range(vlen):
                vt, = struct.unpack_from("<I", data, q + 12 * i)
                t["refs"].append(("var", vt))
            q += 12 * vlen
        elif kind in ("FWD", "FLOAT"):
            pass
        else:
            raise BTFError("unknown kind %d" % ((info >> 24) & 0x1f))
        t["bytes"] = q - p
        types.append(t)
        p = q
    strs = data[hlen + soff:hlen + soff + slen]
    return {"types": types, "strs": strs, "hdr": hlen, "tlen": tlen,
            "slen": slen, "total": len(data)}


def cstr(strs, off):
    e = strs.find(b"\0", off)
    return strs[off:e if e >= 0 else len(strs)]


def tail_merged_len(names):
    """String section length if strings that are suffixes of others share."""
    uniq = sorted(set(names), key=lambda s: s[::-1], reverse=True)
    total, prev = 1, None
    for s in uniq:
        if not s:
            continue
        if prev is not None and prev.endswith(s):
            continue
        total += len(s) + 1
        prev = s
    return total


def uleb(v):
    n = 1
    while v >= 0x80:
        v >>= 7
        n += 1
    return n


def analyse(ref_raw, split_raw):
    ref = parse(ref_raw)
    n_ref = len(ref["types"]) + 1
    split = parse(split_raw, first_id=n_ref)
    rs = ref["strs"]
    T = {t["id"]: t for t in ref["types"]}
    r = Counter()
    r["total"] = ref["total"]
    r["header"] = ref["hdr"]
    r["str_bytes"] = ref["slen"]
    r["type_bytes"] = ref["tlen"]

    # who refers to each base reference entry
    by = {i: set() for i in T}
    for t in split["types"]:
        for _, x in t["refs"]:
            if x in by:
                by[x].add("split")
    for t in ref["types"]:
        for what, x in t["refs"]:
            if x not in by:
                continue
            if t["kind"] in ("STRUCT", "UNION"):
                by[x].add("member")
            elif t["kind"] == "PTR":
                by[x].add("pointee")
            elif t["kind"] == "ARRAY":
                by[x].add("index" if what == "index" else "elem")
            elif t["kind"] == "FUNC":
                by[x].add("func")

    def resolve_ptr_targets():
        # entries reached as pointee only through pointer shapes
        return {t["refs"][0][1] for t in ref["types"] if t["kind"] == "PTR"}
    _ = resolve_ptr_targets()

    member_names = Counter()
    entry_names = Counter()
    layout_members = []
    for t in ref["types"]:
        k = t["kind"]
        named = bool(t["name_off"])
        if k in MATCHABLE and named:
            role = "entry"
        elif k in ("FUNC", "TYPEDEF") and named:
            role = "named"
        else:
            role = "shape"
        rec = 12 + (t["bytes"] - 12 - 12 * len(t["members"]))
        mem = 12 * len(t["members"])
        r["%s_%s_n" % (role, k)] += 1
        r["%s_%s_bytes" % (role, k)] += rec
        r["member_records"] += len(t["members"])
        r["member_bytes"] += mem
        if role == "entry":
            src = by[t["id"]]
            if "split" in src:
                cls = "split"      # upstream carries these too
            elif src & {"member", "elem"}:
                cls = "member_type"
            elif src == {"pointee"} or src <= {"pointee", "func"}:
                cls = "pointee_only"
            elif src == {"index"}:
                cls = "index_only"
            elif "pointee" in src:
                cls = "pointee_only"
            else:
                cls = "other"
            if t["members"]:
                r["layouts"] += 1
            r["entry_class_%s_n" % cls] += 1
            r["entry_class_%s_bytes" % cls] += rec + 1 + len(cstr(rs, t["name_off"]))
            entry_names[t["name_off"]] += 1
        elif role == "named":
            entry_names[t["name_off"]] += 1
        for mn, mt, mo in t["members"]:
            member_names[mn] += 1
            bit = mo & 0xffffff if t["kflag"] else mo
            bsz = mo >> 24 if t["kflag"] else 0
            layout_members.append((t["id"], mn, mt, bit, bsz))

    # strings by use: entry names, member names, both
    uses = {}
    for off in entry_names:
        uses.setdefault(off, set()).add("entry")
    for off in member_names:
        if off:
            uses.setdefault(off, set()).add("member")
    for off, u in uses.items():
        n = len(cstr(rs, off)) + 1
        key = "both" if len(u) == 2 else next(iter(u))
        r["str_%s_bytes" % key] += n
        r["str_%s_n" % key] += 1
    # split types whose strings live in the base reference
    split_uses_base = set()
    own = split["strs"]
    own_names = set()
    for t in split["types"]:
        for off in t["strs"]:
            if off < ref["slen"]:
                split_uses_base.add(off)
            else:
                own_names.add(cstr(own, off - ref["slen"]))
    shared = [o for o in split_uses_base if o in uses]
    r["str_shared_with_split_bytes"] = sum(len(cstr(rs, o)) + 1 for o in shared)
    r["str_member_only_shared_with_split_bytes"] = sum(
        len(cstr(rs, o)) + 1 for o in shared if uses[o] == {"member"})
    ref_names = {cstr(rs, o) for o in uses}
    r["str_dup_in_split_own_bytes"] = sum(len(s) + 1 for s in own_names
                                          if s in ref_names)
    all_names = [cstr(rs, o) for o in uses]
    r["str_tail_merged_bytes"] = tail_merged_len(all_names)
    # member-only names a hash could replace: no longer in the string
    # section unless the split needs them
    r["str_member_only_not_in_split_bytes"] = sum(
        len(cstr(rs, o)) + 1 for o, u in uses.items()
        if u == {"member"} and o not in split_uses_base)

    # repeats: the same member (name, type, bitfield size) at the same
    # offset relative to the first member in several structs of a module
    sig = Counter((mn, mt, bsz) for _, mn, mt, _, bsz in layout_members)
    r["member_distinct_name_type"] = len(sig)
    r["member_repeated_records"] = sum(c - 1 for c in sig.values() if c > 1)
    # whole layouts recorded twice (same members at the same offsets)
    lay = {}
    for sid, mn, mt, bit, bsz in layout_members:
        lay.setdefault(sid, []).append((mn, mt, bit, bsz))
    lc = Counter(tuple(v) for v in lay.values())
    r["layout_dup_members"] = sum((c - 1) * len(k) for k, c in lc.items() if c > 1)

    # compact (non-BTF) encoding estimate of the same information:
    # header 8; per entry: kind/flags 1, name offset uleb, size uleb,
    # member count uleb; int encoding 1; per member: bit offset delta
    # uleb, type ref uleb, name 2-byte hash, bitfield size folded into
    # the kind byte of the delta (1 byte when set); shapes: kind 1 +
    # refs uleb; strings: entry names only, tail merged.
    est, est_names = 8, 0
    for t in ref["types"]:
        k = t["kind"]
        est += 1
        if t["name_off"] and not (k in ("STRUCT", "UNION") and not t["name_off"]):
            est += uleb(t["name_off"])
        if k in ("INT",):
            est += uleb(t["size"]) + 1
        elif k in ("STRUCT", "UNION", "ENUM", "ENUM64", "FLOAT"):
            est += uleb(t["size"])
        elif k == "ARRAY":
            est += uleb(t["refs"][0][1]) + uleb(t["nelems"])
        elif k == "PTR":
            est += uleb(t["refs"][0][1])
        if t["members"]:
            est += uleb(len(t["members"]))
            last = 0
            for mn, mt, mo in t["members"]:
                bit = mo & 0xffffff if t["kflag"] else mo
                bsz = mo >> 24 if t["kflag"] else 0
                est += uleb(max(bit - last, 0) * 2) + uleb(mt) + 2 + (1 if bsz else 0)
                est_names += uleb(mn) - 2
                last = bit
    est_names += est
    est += tail_merged_len([cstr(rs, o) for o in entry_names])
    est_names += tail_merged_len([cstr(rs, o) for o in uses])
    r["compact_estimate_bytes"] = est
    r["compact_names_estimate_bytes"] = est_names
    r["split_bytes"] = split["total"]
    return r


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dir", help="btfcorpus -d output (pair-A-B.d)")
    ap.add_argument("--tsv", help="pair-A-B.tsv, for original split sizes")
    ap.add_argument("--json")
    ap.add_argument("--md")
    a = ap.parse_args()

    names = sorted(f[:-len(".base_ref")] for f in os.listdir(a.dir)
                   if f.endswith(".base_ref"))
    if not names:
        sys.exit("baseref-bytes: no *.base_ref in %s (run corpus/run first)" % a.dir)
    tot = Counter()
    mx = (0, "")
    for i, n in enumerate(names):
        if i % 500 == 0:
            print("baseref-bytes: %d/%d" % (i, len(names)), file=sys.stderr)
        with open(os.path.join(a.dir, n + ".base_ref"), "rb") as f:
            ref = f.read()
        with open(os.path.join(a.dir, n + ".split"), "rb") as f:
            spl = f.read()
        try:
            r = analyse(ref, spl)
        except (BTFError, struct.error, IndexError) as e:
            sys.exit("baseref-bytes: %s: %s" % (n, e))
        tot.update(r)
        if r["total"] > mx[0]:
            mx = (r["total"], n)
    N = len(names)
    orig = None
    if a.tsv:
        orig = 0
        with open(a.tsv) as f:
            hdr = f.readline().rstrip("\n").split("\t")
            oi = hdr.index("orig_bytes")
            for line in f:
                v = line.rstrip("\n").split("\t")[oi]
                orig += int(v) if v.isdigit() else 0
    out = {"modules": N, "max_bytes": mx[0], "max_module": mx[1],
           "orig_split_total": orig, "sum": dict(tot)}
    if a.json:
        with open(a.json, "w") as f:
            json.dump(out, f, indent=1, sort_keys=True)
    md = render(out)
    if a.md:
        with open(a.md, "w") as f:
            f.write(md)
    else:
        sys.stdout.write(md)


def render(o):
    N, s = o["modules"], Counter(o["sum"])
    m = lambda k: s[k] / N  # noqa: E731
    L = []
    L.append("## Where the base reference bytes go (%d modules)\n" % N)
    L.append("Mean bytes per module; from `corpus/baseref-bytes.py` over the "
             "raw sections btfcorpus wrote. Type record bytes exclude "
             "member records, which are counted separately.\n")
    L.append("| part | count / module | bytes / module |")
    L.append("|---|---:|---:|")
    L.append("| total (mean; max %d in `%s`) |  | %.0f |" % (o["max_bytes"], o["max_module"], m("total")))
    L.append("| header |  | %.0f |" % m("header"))
    for role, label in (("entry", "matchable entry"), ("shape", "shape"),
                        ("named", "named (BTF_ID) entry")):
        for k in sorted(KINDS.values()):
            n = s["%s_%s_n" % (role, k)]
            if n:
                L.append("| %s %s record | %.1f | %.0f |" % (
                    label, k, n / N, m("%s_%s_bytes" % (role, k))))
    L.append("| member records (12 B each; %.1f layouts) | %.1f | %.0f |" % (
        m("layouts"), m("member_records"), m("member_bytes")))
    L.append("| string section | | %.0f |" % m("str_bytes"))
    for k, label in (("entry", "entry names only"), ("member", "member names only"),
                     ("both", "names used as both")):
        L.append("|   %s | %.1f | %.0f |" % (label, m("str_%s_n" % k), m("str_%s_bytes" % k)))
    saved = s["str_entry_bytes"] + s["str_member_bytes"] + s["str_both_bytes"] + N - s["str_bytes"]
    L.append("|   stored inside longer strings (shared tails) | | -%.0f |" % (saved / N))
    L.append("")
    L.append("Matchable entries by why they are there (record + name bytes); "
             "upstream's distilled base carries only the first row's kind of "
             "entry (those the split BTF refers to):\n")
    L.append("| entries referred to by | count / module | bytes / module |")
    L.append("|---|---:|---:|")
    for cls, label in (("split", "the split BTF (upstream carries these)"),
                       ("member_type", "only layout members / array elements"),
                       ("pointee_only", "only pointer shapes (pointee records)"),
                       ("index_only", "only as array index type"),
                       ("other", "nothing else (BTF_ID lists)")):
        L.append("| %s | %.1f | %.0f |" % (label, m("entry_class_%s_n" % cls),
                                          m("entry_class_%s_bytes" % cls)))
    L.append("")
    L.append("| member records and names | per module |")
    L.append("|---|---:|")
    L.append("| member records | %.1f |" % m("member_records"))
    L.append("| distinct (name, type, bitfield size) among them | %.1f |" % m("member_distinct_name_type"))
    L.append("| records repeating an earlier (name, type, bitfield size) | %.1f |" % m("member_repeated_records"))
    L.append("| records in a layout recorded twice (identical layouts) | %.1f |" % m("layout_dup_members"))
    L.append("| bytes of names used by members only | %.0f |" % m("str_member_bytes"))
    L.append("|   of which the split BTF does not use too | %.0f |" % m("str_member_only_not_in_split_bytes"))
    L.append("| a 16-bit name hash per member instead (non-BTF format) | %.0f |" % (2 * m("member_records")))
    L.append("")
    L.append("| string sharing with the split BTF | per module |")
    L.append("|---|---:|")
    L.append("| base reference string bytes the split BTF uses too (already shared) | %.0f |" % m("str_shared_with_split_bytes"))
    L.append("| split BTF's own string bytes that repeat a base reference string | %.0f |" % m("str_dup_in_split_own_bytes"))
    L.append("| string section with every suffix merged (bound: names the split uses stay whole) | %.0f (now %.0f) |" % (m("str_tail_merged_bytes"), m("str_bytes")))
    L.append("| compact non-BTF encoding (estimate): member names as 16-bit hashes | %.0f |" % m("compact_estimate_bytes"))
    L.append("| compact non-BTF encoding (estimate): member names as strings | %.0f |" % m("compact_names_estimate_bytes"))
    if o.get("orig_split_total"):
        orig = o["orig_split_total"]
        up = orig * 1.106 + 674 * N
        now = s["total"] + s["split_bytes"]
        L.append("")
        L.append("Totals over %d modules: original split %.1f MB; base reference %.2f MB "
                 "+ new split %.2f MB = %.2f MB; upstream-equivalent (original x 1.106 + "
                 "674 B/module) %.2f MB; added over the original split: %.2f MB "
                 "(%.0f B/module)." % (N, orig / 1e6, s["total"] / 1e6, s["split_bytes"] / 1e6,
                                     now / 1e6, up / 1e6, (now - orig) / 1e6, (now - orig) / N))
    return "\n".join(L) + "\n"


if __name__ == "__main__":
    main()
