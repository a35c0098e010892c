#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Where the bytes of compact (BR v1) base references go.

Reads the sections corpus/btfcorpus writes (-d DIR: <module>.base_ref, the
.BTF.base_ref section as a module carries it, in the compact "BR" v1 form
of btf__base_ref_raw_data(); <module>.split, the new split BTF) and breaks
the base reference bytes down: header, string table (packed, 5 bits a
character; also its decoded size and number of names), entries (named
matchable types, typedefs, functions; their name fields included), shapes
(pointers, arrays, anonymous types, the prototype) and member layouts
(recorded members: offset delta, bitfield size, type, 16-bit name hash).
The parts must add up to each section's size. Gives the
distribution per module, the totals with the split BTF against the
upstream-equivalent figure (as corpus/report.py: original split x 1.106 +
674 B per module) and the targets, met or not. With --tsv, every file's
size must equal the base_ref_bytes/split_bytes btfcorpus recorded.
Prints JSON (--json FILE) and a Markdown section (stdout or --md FILE).
The format: Documentation/bpf/btf.rst section 4.4 (in build/linux), and
the comment above btf_rc_name_hash() in tools/lib/bpf/btf_reconcile.c.
"""

import argparse
import json
import os
import statistics
import sys
from collections import Counter

KINDS = {1: "INT", 2: "PTR", 3: "ARRAY", 4: "STRUCT", 5: "UNION", 6: "ENUM",
         7: "FWD", 8: "TYPEDEF", 12: "FUNC", 13: "FUNC_PROTO", 16: "FLOAT",
         19: "ENUM64"}
BR_LAYOUT = 0x40
# string table: 5-bit codes, code i < 29 is BR_CHARS[i], BR_ESC then the
# 8 bits of a byte without a code; 29 and 30 are invalid
BR_CHARS = b"\0abcdefghijklmnopqrstuvwxyz_ "
BR_ESC = 31
# upstream's distilled base (BRIEF.md), as corpus/report.py
UP_SPLIT_GROWTH = 0.106
UP_BASE_BYTES = 674
TARGET_REF_BYTES = 1536
# seed figure of the original discussion, for the in-tree cost
SEED_BYTES, SEED_MODULES = 4e6, 2667


class BRError(Exception):
    pass


class Reader:
    def __init__(self, b):
        self.b, self.p = b, 0
        self.acc = self.nbits = 0   # string table: bits of the last byte left
        self.last = 0               # the last name field

    def u8(self):
        if self.p >= len(self.b):
            raise BRError("truncated at byte %d" % self.p)
        self.p += 1
        return self.b[self.p - 1]

    def uleb(self):
        v = 0
        for i in range(5):
            x = self.u8()
            v |= (x & 0x7f) << (7 * i)
            if not x & 0x80:
                return v
        raise BRError("varint longer than 5 bytes at byte %d" % self.p)

    def bits(self, nr):
        """The next NR (at most 8) bits of the packed string table."""
        if self.nbits < nr:
            self.acc |= self.u8() << self.nbits
            self.nbits += 8
        v = self.acc & ((1 << nr) - 1)
        self.acc >>= nr
        self.nbits -= nr
        return v

    def strings(self, sl):
        """The decoded string table of SL characters and the number of
        escaped ones; the rest of its last byte must be zero."""
        if not sl or sl * 5 > 8 * (len(self.b) - self.p):
            raise BRError("string table of %d characters in %d bytes" %
                          (sl, len(self.b) - self.p))
        out, esc = bytearray(), 0
        for _ in range(sl):
            code = self.bits(5)
            if code == BR_ESC:
                c = self.bits(8)
                esc += 1
                if c in BR_CHARS:
                    raise BRError("escaped %#x, which has a code, at byte %d" % (c, self.p))
            elif code < len(BR_CHARS):
                c = BR_CHARS[code]
            else:
                raise BRError("character code %d at byte %d" % (code, self.p))
            out.append(c)
        if out[0] or out[-1]:
            raise BRError("string table not starting and ending with NUL")
        if self.acc:
            raise BRError("non-zero padding bits after the strings at byte %d" % self.p)
        return bytes(out), esc

    def name(self):
        """A name field: the zigzag delta from the last one."""
        v = self.uleb()
        self.last = self.last + (-(v + 1 >> 1) if v & 1 else v >> 1)
        if self.last < 0:
            raise BRError("name offset below 0 at byte %d" % self.p)
        return self.last


def analyse(data):
    """Byte counts of one BR section."""
    r = Counter()
    rd = Reader(data)
    if data[:3] != b"BR\x01":
        raise BRError("not BR v1 (magic %r)" % data[:3])
    rd.p = 3
    n = rd.uleb()
    sl = rd.uleb()
    r["header"] = rd.p
    strs, r["string_escapes"] = rd.strings(sl)
    r["strings"] = rd.p - r["header"]
    r["strings_decoded"] = sl
    r["names"] = strs.count(b"\0") - 1
    for _ in range(n):
        p0 = rd.p
        info = rd.u8()
        k = KINDS.get(info & 0x1f)
        name = 1
        if k == "INT":
            name = rd.name()
            rd.uleb()
            rd.uleb()
        elif k in ("FLOAT", "ENUM", "ENUM64", "STRUCT", "UNION"):
            name = rd.name()
            rd.uleb()
        elif k in ("FWD", "TYPEDEF"):
            rd.name()
        elif k == "FUNC":
            rd.name()
            rd.uleb()
        elif k == "PTR":
            rd.uleb()
        elif k == "ARRAY":
            rd.uleb()
            rd.uleb()
            rd.uleb()
        elif k == "FUNC_PROTO":
            pass
        else:
            raise BRError("kind %d" % (info & 0x1f))
        role = "shape" if k in ("PTR", "ARRAY", "FUNC_PROTO") or not name else "entry"
        r[role + "s"] += rd.p - p0
        r["%s_%s_n" % (role, k)] += 1
        r["%s_%s_bytes" % (role, k)] += rd.p - p0
        if not info & BR_LAYOUT:
            continue
        p1 = rd.p
        cnt = rd.uleb()
        r["layouts_n"] += 1
        r["layout_counts"] += rd.p - p1
        for _ in range(cnt):
            q = rd.p
            d = rd.uleb()
            r["member_offsets"] += rd.p - q
            if d & 1:
                q = rd.p
                rd.uleb()
                r["member_bitfields"] += rd.p - q
            q = rd.p
            rd.uleb()
            r["member_types"] += rd.p - q
            rd.u8()
            rd.u8()
            r["member_hashes"] += 2
        r["members"] += cnt
        r["layouts"] += rd.p - p1
    if rd.p != len(data):
        raise BRError("%d trailing bytes" % (len(data) - rd.p))
    r["total"] = len(data)
    parts = sum(r[k] for k in ("header", "strings", "entrys", "shapes", "layouts"))
    if parts != r["total"]:
        raise BRError("parts add up to %d bytes, not %d" % (parts, r["total"]))
    return r


def pct(v, q):
    v = sorted(v)
    return v[min(len(v) - 1, int(len(v) * q))]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dir", help="btfcorpus -d output (pair-A-B.d)")
    ap.add_argument("--tsv", help="pair-A-B.tsv: original split sizes, and "
                    "the section sizes btfcorpus recorded (checked)")
    ap.add_argument("--json")
    ap.add_argument("--md")
    a = ap.parse_args()

    names = sorted(f[:-len(".base_ref")] for f in os.listdir(a.dir)
                   if f.endswith(".base_ref"))
    if not names:
        sys.exit("baseref-bytes: no *.base_ref in %s (run corpus/run first)" % a.dir)
    tot = Counter()
    sizes, members, split = {}, {}, 0
    for i, n in enumerate(names):
        if i % 1000 == 0:
            print("baseref-bytes: %d/%d" % (i, len(names)), file=sys.stderr)
        with open(os.path.join(a.dir, n + ".base_ref"), "rb") as f:
            ref = f.read()
        try:
            r = analyse(ref)
        except (BRError, IndexError) as e:
            sys.exit("baseref-bytes: %s.base_ref: %s" % (n, e))
        split_sz = os.path.getsize(os.path.join(a.dir, n + ".split"))
        split += split_sz
        tot.update(r)
        sizes[n] = (r["total"], split_sz)
        members[n] = r["members"]
    N = len(names)
    orig = None
    if a.tsv:
        orig, seen = 0, 0
        with open(a.tsv) as f:
            hdr = f.readline().rstrip("\n").split("\t")
            col = {c: hdr.index(c) for c in ("module", "outcome", "orig_bytes",
                                              "base_ref_bytes", "split_bytes")}
            for line in f:
                v = line.rstrip("\n").split("\t")
                if v[col["outcome"]] == "genfail":
                    continue
                orig += int(v[col["orig_bytes"]])
                base = os.path.basename(v[col["module"]])
                got = sizes.get(base)
                want = (int(v[col["base_ref_bytes"]]), int(v[col["split_bytes"]]))
                if got != want:
                    sys.exit("baseref-bytes: %s: files have %s bytes (base ref, split), "
                             "%s says %s" % (base, got, a.tsv, want))
                seen += 1
        if seen != N:
            sys.exit("baseref-bytes: %d modules in %s, %d in %s" % (seen, a.tsv, N, a.dir))
    tv = [s[0] for s in sizes.values()]
    big = max(sizes, key=lambda k: sizes[k][0])
    out = {
        "modules": N, "format": "BR v1",
        "bytes_mean": statistics.mean(tv), "bytes_median": statistics.median(tv),
        "bytes_p90": pct(tv, 0.9), "bytes_p99": pct(tv, 0.99), "bytes_max": max(tv),
        "max_module": big, "max_module_members": members[big],
        "modules_le_target": sum(x <= TARGET_REF_BYTES for x in tv),
        "members_median": statistics.median(members.values()),
        "members_max": max(members.values()),
        "base_ref_total": tot["total"], "split_total": split,
        "orig_split_total": orig, "sum": dict(tot),
    }
    if orig is not None:
        out["upstream_equivalent_total"] = orig * (1 + UP_SPLIT_GROWTH) + UP_BASE_BYTES * N
    if a.json:
        with open(a.json, "w") as f:
            json.dump(out, f, indent=1, sort_keys=True)
    md = render(out)
    if a.md:
        with open(a.md, "w") as f:
            f.write(md)
    else:
        sys.stdout.write(md)


def met(ok):
    return "**met**" if ok else "**NOT met**"


def render(o):
    N, s = o["modules"], Counter(o["sum"])
    m = lambda k: s[k] / N  # noqa: E731
    mb = lambda x: "%.2f MB" % (x / 1e6)  # noqa: E731
    L = ["## Where the base reference bytes go (%d modules, %s)\n" % (N, o["format"])]
    L.append("Bytes of the `.BTF.base_ref` sections as btfcorpus wrote them "
             "(`btf__base_ref_raw_data()`, the compact form a module carries), "
             "parsed by `corpus/baseref-bytes.py`.\n")
    L.append("| base reference bytes per module | mean | median | p90 | p99 | max |")
    L.append("|---|---:|---:|---:|---:|---:|")
    L.append("| section | %.1f | %.0f | %d | %d | %d (`%s`, %d recorded members) |" % (
        o["bytes_mean"], o["bytes_median"], o["bytes_p90"], o["bytes_p99"], o["bytes_max"],
        o["max_module"], o["max_module_members"]))
    L.append("")
    L.append("%d of %d modules (%.1f%%) are at most %d B." % (
        o["modules_le_target"], N, 100.0 * o["modules_le_target"] / N, TARGET_REF_BYTES))
    L.append("")
    L.append("| part | count / module | bytes / module |")
    L.append("|---|---:|---:|")
    L.append("| header (magic, version, type count, string length) |  | %.1f |" % m("header"))
    L.append("| strings (entry names only, tail-merged; packed, 5 bits a character) | "
             "%.1f names, %.1f B decoded, %.1f escaped | %.1f |" % (
                 m("names"), m("strings_decoded"), m("string_escapes"), m("strings")))
    L.append("| entries (named: matchable types, typedefs, functions) |  | %.1f |" % m("entrys"))
    for k in sorted(set(KINDS.values())):
        if s["entry_%s_n" % k]:
            L.append("|   %s | %.1f | %.1f |" % (k, m("entry_%s_n" % k), m("entry_%s_bytes" % k)))
    L.append("| shapes (pointers, arrays, anonymous types, prototype) |  | %.1f |" % m("shapes"))
    for k in sorted(set(KINDS.values())):
        if s["shape_%s_n" % k]:
            L.append("|   %s | %.1f | %.1f |" % (k, m("shape_%s_n" % k), m("shape_%s_bytes" % k)))
    L.append("| layouts | %.1f layouts, %.1f members | %.1f |" % (
        m("layouts_n"), m("members"), m("layouts")))
    L.append("|   member counts |  | %.1f |" % m("layout_counts"))
    L.append("|   offset deltas (whole bytes, or bits and a bitfield size) |  | %.1f |" %
             m("member_offsets"))
    L.append("|   bitfield sizes (0: none, off a byte boundary) |  | %.1f |" %
             m("member_bitfields"))
    L.append("|   member types |  | %.1f |" % m("member_types"))
    L.append("|   name hashes (2 B each) |  | %.1f |" % m("member_hashes"))
    L.append("| total | | %.1f |" % m("total"))
    L.append("")
    L.append("Recorded members: %.1f per module on average (median %.0f, max %d); "
             "%.2f B per member with its layout's count." % (
                 m("members"), o["members_median"], o["members_max"],
                 s["layouts"] / max(1, s["members"])))
    L.append("")
    t_ok = o["bytes_mean"] <= TARGET_REF_BYTES
    L.append("| target | measured | result |")
    L.append("|---|---|---|")
    L.append("| base reference <= %d B/module on average | %.1f B | %s |" % (
        TARGET_REF_BYTES, o["bytes_mean"], met(t_ok)))
    if o.get("orig_split_total") is not None:
        orig, up = o["orig_split_total"], o["upstream_equivalent_total"]
        now = o["base_ref_total"] + o["split_total"]
        L.append("| base reference + split BTF no larger than upstream's | %s + %s = %s vs %s "
                 "(%+.1f%%) | %s |" % (mb(o["base_ref_total"]), mb(o["split_total"]), mb(now),
                                        mb(up), 100.0 * (now - up) / up, met(now <= up)))
        L.append("")
        L.append("Totals over %d modules: original split %s; base reference %s + new split %s "
                 "= %s; upstream-equivalent (original split x %.3f + %d B/module) %s; "
                 "added over the original split: %s (%.0f B/module)." % (
                     N, mb(orig), mb(o["base_ref_total"]), mb(o["split_total"]), mb(now),
                     1 + UP_SPLIT_GROWTH, UP_BASE_BYTES, mb(up), mb(now - orig),
                     (now - orig) / N))
    return "\n".join(L) + "\n"


if __name__ == "__main__":
    main()
