#!/usr/bin/env python3
"""Small raw BTF reader, "BR" reader/writer and editor for the kernel base
reference tests. (Reconciled module BTF is checked by build/tools/btf_refcheck.)

A module's .BTF.base_ref is in the compact "BR" v1 form, described in
Documentation/bpf/btf.rst and, authoritatively, above btf_rc_name_hash() in
tools/lib/bpf/btf_reconcile.c (btf_rc_decode() is the kernel's decoder).
BR below decodes it into entries (names as offsets into the string table),
the string table (unpacked from its 5-bit codes) and per STRUCT/UNION the
recorded layout (Member: type, bit_off, hash, bitfield_sz) and encodes that
back byte for byte (name fields as deltas, the table packed again;
"btf.py br-check" shows it on real sections).

  btf.py edit IN OUT MODE [VMLINUX]
      Write an edited copy of the BR section IN to OUT; MODE is one of
      EDIT_MODES (btf.py edit-modes). Prints the text the kernel's message
      must contain. member-offset and member-removed need VMLINUX (ELF or
      raw BTF, the vmlinux the module is loaded on): the kernel names the
      running member found by the recorded hash.
  btf.py br-check [-d] FILE...
      Decode and re-encode each BR file: the bytes must be the same. With
      -d, print each file's layouts as "M id type bit_off hash bitfield_sz"
      lines, to compare with the table btf_rc_decode() gives. Exits 1 if
      any file fails.
  btf.py edit-modes
      Print the edit MODEs, one a line: the one list of edited-section cases.
  btf.py edit-id KO OUT SYMBOL VALUE
      Copy module KO to OUT with the .BTF_ids word of the local symbol whose
      name starts with SYMBOL (e.g. __BTF_ID__func__x__) set to VALUE.
      Prints the old value.
  btf.py check-ids VMLINUX LOG [VMLINUX_A]
      LOG holds lines "<mod>: id <i> <KIND> <name> <ID>" (a module's
      BTF_ID_LIST printed at init): each ID must be the ID of a vmlinux type
      of that kind and name in VMLINUX (not a copy in the module's BTF).
      With VMLINUX_A, also say whether the type's ID differs there.
      One "PASS:"/"FAIL:" line per entry; exits 1 if any failed or none.
"""
import collections
import struct
import sys

KINDS = {1: "INT", 2: "PTR", 3: "ARRAY", 4: "STRUCT", 5: "UNION", 6: "ENUM",
         7: "FWD", 8: "TYPEDEF", 9: "VOLATILE", 10: "CONST", 11: "RESTRICT",
         12: "FUNC", 13: "FUNC_PROTO", 14: "VAR", 15: "DATASEC", 16: "FLOAT",
         17: "DECL_TAG", 18: "TYPE_TAG", 19: "ENUM64"}


# The edited .BTF.base_ref cases (MODE of "edit"), each refused at load.
EDIT_MODES = ["truncate", "struct-size", "member-offset", "member-removed",
              "rename", "bad-id"]


class Type:
    def __init__(self, off, name_off, info, size_type):
        self.off = off              # offset of the type in the type section
        self.name_off = name_off
        self.kind = (info >> 24) & 0x1f
        self.vlen = info & 0xffff
        self.kflag = info >> 31
        self.size_type = size_type
        self.ids = []               # (offset in type section, type ID)
        self.strs = []              # (offset in type section, string off)
        self.members = []           # (name_off, type, offset) for STRUCT/UNION


class BTF:
    def __init__(self, data, base=None):
        self.data = bytearray(data)
        self.base = base
        if len(data) < 24:
            raise ValueError("BTF too short")
        magic, ver, flags, hdr_len = struct.unpack_from("<HBBI", data, 0)
        if magic != 0xeb9f:
            raise ValueError("bad BTF magic %#x" % magic)
        (self.type_off, self.type_len, self.str_off,
         self.str_len) = struct.unpack_from("<IIII", data, 8)
        self.hdr_len = hdr_len
        t0 = hdr_len + self.type_off
        s0 = hdr_len + self.str_off
        if t0 + self.type_len > len(data) or s0 + self.str_len > len(data):
            raise ValueError("BTF sections out of range")
        self.types_raw = t0
        self.strs = bytes(data[s0:s0 + self.str_len])
        self.start_id = base.nr_types() if base else 1
        self.start_str = len(base.strs) if base else 0
        self.types = []
        off = 0
        while off < self.type_len:
            t = self._parse(off)
            self.types.append(t)
            off = t.end
        if off != self.type_len:
            raise ValueError("type section ends inside a type")

    def _u32(self, off):
        return struct.unpack_from("<I", self.data, self.types_raw + off)[0]

    def _parse(self, off):
        name_off, info, st = struct.unpack_from("<III", self.data,
                                                self.types_raw + off)
        t = Type(off, name_off, info, st)
        t.strs.append((off, name_off))
        p = off + 12
        k, n = t.kind, t.vlen
        if k in (2, 8, 9, 10, 11, 12, 18):
            t.ids.append((off + 8, st))
        elif k == 1:
            t.int_data = self._u32(p)
            p += 4
        elif k == 3:
            t.ids.append((p, self._u32(p)))
            t.ids.append((p + 4, self._u32(p + 4)))
            t.nelems = self._u32(p + 8)
            p += 12
        elif k in (4, 5):
            for i in range(n):
                mn, mt, mo = (self._u32(p), self._u32(p + 4), self._u32(p + 8))
                t.strs.append((p, mn))
                t.ids.append((p + 4, mt))
                t.members.append((mn, mt, mo, p))
                p += 12
        elif k == 6:
            for i in range(n):
                t.strs.append((p, self._u32(p)))
                p += 8
        elif k == 19:
            for i in range(n):
                t.strs.append((p, self._u32(p)))
                p += 12
        elif k == 13:
            t.ids.append((off + 8, st))
            for i in range(n):
                t.strs.append((p, self._u32(p)))
                t.ids.append((p + 4, self._u32(p + 4)))
                p += 8
        elif k == 14:
            t.ids.append((off + 8, st))
            p += 4
        elif k == 15:
            for i in range(n):
                t.ids.append((p, self._u32(p)))
                p += 12
        elif k == 17:
            t.ids.append((off + 8, st))
            p += 4
        elif k in (7, 16):
            pass
        else:
            raise ValueError("unknown kind %d at offset %d" % (k, off))
        t.end = p
        return t

    def nr_types(self):
        return self.start_id + len(self.types)

    def type(self, tid):
        if tid < self.start_id:
            if not self.base:
                if tid == 0:
                    return None
                raise ValueError("type ID %d out of range" % tid)
            return self.base.type(tid)
        if tid - self.start_id >= len(self.types):
            raise ValueError("type ID %d out of range (%d types)" %
                             (tid, self.nr_types()))
        return self.types[tid - self.start_id]

    def name(self, off):
        if off < self.start_str:
            return self.base.name(off)
        off -= self.start_str
        if off >= len(self.strs):
            raise ValueError("string offset out of range")
        return self.strs[off:self.strs.index(b"\0", off)].decode()


def load(path, base=None):
    with open(path, "rb") as f:
        return BTF(f.read(), base)


# BR v1: the fields of each kind's record, in order; the info byte flags.
# A "name" field is a zigzag delta from the record's previous name field
# (0 before the first); BR keeps the name offsets it gives.
BR_FIELDS = {1: ("name", "size", "int_data"), 2: ("type",),
             3: ("elem", "index", "nelems"), 4: ("name", "size"),
             5: ("name", "size"), 6: ("name", "size"), 7: ("name",),
             8: ("name",), 12: ("name", "type"), 13: (), 16: ("name", "size"),
             19: ("name", "size")}
BR_GLOBAL, BR_LAYOUT, BR_UNION = 0x20, 0x40, 0x80
# The string table is packed: 5-bit codes, a bit stream least significant
# bit first; code i < 29 is BR_CHARS[i], BR_ESC is followed by the 8 bits
# of a byte that has no code (29 and 30 are invalid).
BR_CHARS = b"\0abcdefghijklmnopqrstuvwxyz_ "
BR_CODE = {c: i for i, c in enumerate(BR_CHARS)}
BR_ESC = 31

Member = collections.namedtuple("Member", "type bit_off hash bitfield_sz")


def name_hash(name):
    """btf_rc_name_hash(): FNV-1a-32 folded to 16 bits, 0 made 1."""
    h = 0x811c9dc5
    for c in name.encode():
        h = ((h ^ c) * 0x01000193) & 0xffffffff
    return (h ^ h >> 16) & 0xffff or 1


def br_pack(strs):
    """The packed bits of string table STRS, zero padded to a byte."""
    out, acc, bits = bytearray(), 0, 0
    for c in strs:
        code = BR_CODE.get(c, BR_ESC)
        acc |= code << bits
        bits += 5
        if code == BR_ESC:
            acc |= c << bits
            bits += 8
        while bits >= 8:
            out.append(acc & 0xff)
            acc >>= 8
            bits -= 8
    if bits:
        out.append(acc)
    return bytes(out)


class Entry:
    """One BR record: info byte, its fields by name, layout or None."""
    def __init__(self, info, fields, layout):
        self.info = info
        self.kind = info & 0x1f
        self.f = fields
        self.layout = layout


class BR:
    """A BR section: entries (type IDs 1..n) and the string table strs,
    decoded (names are offsets into it). Checks the structure (magic,
    varints minimal and <= U32_MAX, kinds, flags, the packed string
    table: its size against the bytes left first, codes, escapes, zero
    padding, NUL first and last; one spelling of each member offset, no
    trailing bytes); IDs and name offsets (sums of the deltas, even
    negative) are left to the C decoder, so edited sections still read."""
    def __init__(self, data):
        self.data, self.p = bytes(data), 3
        if self.data[:3] != b"BR\x01":
            raise ValueError("not a BR v1 section")
        n, sl = self._u(), self._u()
        if not sl or sl * 5 > 8 * (len(self.data) - self.p):
            self._bad("string table of %d characters in %d bytes" %
                      (sl, len(self.data) - self.p))
        self.strs = self._strings(sl)
        self.entries = []
        name = 0
        for _ in range(n):
            info = self._take(1)[0]
            kind = info & 0x1f
            if kind not in BR_FIELDS:
                raise ValueError("kind %d at byte %d" % (kind, self.p - 1))
            if ((info & BR_GLOBAL and kind != 12) or
                    (info & BR_UNION and kind != 7) or
                    (info & BR_LAYOUT and kind not in (4, 5))):
                raise ValueError("flags %#x at byte %d" % (info, self.p - 1))
            f = {}
            for k in BR_FIELDS[kind]:
                f[k] = self._u()
                if k == "name":
                    v = f[k]
                    name += -(v + 1 >> 1) if v & 1 else v >> 1
                    f[k] = name
            layout = None
            if info & BR_LAYOUT:
                layout, bit = [], 0
                for _ in range(self._u() or self._bad("no members")):
                    bit, bsz = self._member_off(bit)
                    t = self._u()
                    lo, hi = self._take(2)
                    layout.append(Member(t, bit, lo | hi << 8, bsz))
            self.entries.append(Entry(info, f, layout))
        if self.p != len(self.data):
            raise ValueError("%d trailing bytes" % (len(self.data) - self.p))
        del self.data

    def _bad(self, why):
        raise ValueError("%s at byte %d" % (why, self.p))

    def _take(self, n):
        if self.p + n > len(self.data):
            self._bad("truncated")
        self.p += n
        return self.data[self.p - n:self.p]

    def _u(self):
        v = 0
        for i in range(5):
            b = self._take(1)[0]
            v |= (b & 0x7f) << 7 * i
            if not b & 0x80:
                if (i and not b) or v > 0xffffffff:
                    self._bad("bad varint")
                return v
        self._bad("varint too long")

    def _strings(self, sl):
        """The SL characters of the packed string table; the bits left in
        its last byte must be zero."""
        out, acc, bits = bytearray(), 0, 0
        for i in range(sl):
            if bits < 5:
                acc |= self._take(1)[0] << bits
                bits += 8
            code, acc, bits = acc & 0x1f, acc >> 5, bits - 5
            if code == BR_ESC:
                if bits < 8:
                    acc |= self._take(1)[0] << bits
                    bits += 8
                c, acc, bits = acc & 0xff, acc >> 8, bits - 8
                if c in BR_CODE:
                    self._bad("escaped character %#x, which has a code," % c)
            elif code < len(BR_CHARS):
                c = BR_CHARS[code]
            else:
                self._bad("character code %d" % code)
            if c and i in (0, sl - 1):
                self._bad("string table not starting and ending with NUL")
            out.append(c)
        if acc:
            self._bad("non-zero padding bits after the string table")
        return bytes(out)

    def _member_off(self, bit):
        """A member's bit offset after BIT and its bitfield size: an even
        varint is a delta in bytes, an odd one a delta in bits followed by
        the bitfield size (0 only off a byte boundary)."""
        d = self._u()
        if not d & 1:
            return bit + (d >> 1) * 8, 0
        bsz = self._u()
        if bsz > 255 or (not bsz and not (d >> 1) % 8):
            self._bad("bitfield size %d after a delta of %d bits" %
                      (bsz, d >> 1))
        return bit + (d >> 1), bsz

    def name(self, off):
        return self.strs[off:self.strs.index(b"\0", off)].decode()

    def encode(self):
        out = bytearray(b"BR\x01")

        def u(v):
            if not 0 <= v <= 0xffffffff:
                raise ValueError("varint %d out of range" % v)
            while v > 0x7f:
                out.append(v & 0x7f | 0x80)
                v >>= 7
            out.append(v)
        u(len(self.entries))
        u(len(self.strs))
        out += br_pack(self.strs)
        name = 0
        for e in self.entries:
            out.append(e.info & ~BR_LAYOUT | (BR_LAYOUT if e.layout else 0))
            for k in BR_FIELDS[e.kind]:
                if k == "name":
                    d, name = e.f[k] - name, e.f[k]
                    u(2 * d if d >= 0 else -2 * d - 1)
                else:
                    u(e.f[k])
            if e.layout:
                u(len(e.layout))
                bit = 0
                for m in e.layout:
                    if m.bit_off < bit:
                        raise ValueError("layout not in bit offset order")
                    delta = m.bit_off - bit
                    if not m.bitfield_sz and not delta % 8:
                        u(delta // 8 << 1)
                    else:
                        u(delta << 1 | 1)
                        u(m.bitfield_sz)
                    u(m.type)
                    out += bytes((m.hash & 0xff, m.hash >> 8))
                    bit = m.bit_off
        return bytes(out)


def br_check(paths):
    dump = paths[:1] == ["-d"]
    bad = 0
    for p in paths[dump:]:
        data = open(p, "rb").read()
        try:
            br = BR(data)
            ok = br.encode() == data
        except ValueError as e:
            print("%s: cannot decode: %s" % (p, e))
            bad += 1
            continue
        if not ok:
            print("%s: re-encoding differs" % p)
            bad += 1
        elif dump:
            print("%s: ok %d %d" % (p, len(br.entries),
                                    sum(len(e.layout or ()) for e in br.entries)))
            for i, e in enumerate(br.entries, 1):
                for m in e.layout or ():
                    print("M %d %d %d %d %d" % ((i,) + tuple(m)))
    if not dump:
        print("br-check: %d of %d files decode and re-encode byte for byte" %
              (len(paths) - bad, len(paths)))
    sys.exit(1 if bad else 0)


def load_vmlinux(path):
    """BTF of a vmlinux: its .BTF section if PATH is ELF, else raw BTF."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:4] == b"\x7fELF":
        secs = [s for s in elf_sections(data, path) if s[0] == ".BTF"]
        if not secs:
            raise SystemExit("%s: no .BTF section" % path)
        data = data[secs[0][2]:secs[0][2] + secs[0][3]]
    return BTF(data)


def flat_names(btf, tid, base_off=0):
    """(name, bit offset) of the members of composite TID, anonymous
    struct/union members expanded, as the kernel flattens the running
    struct (btf_rc_flatten())."""
    t = btf.type(tid)
    out = []
    for mn, mt, mo, _ in t.members:
        off = base_off + (mo & 0xffffff if t.kflag else mo)
        if mn:
            out.append((btf.name(mn), off))
            continue
        while btf.type(mt).kind in (8, 9, 10, 11, 18):
            mt = btf.type(mt).size_type
        if btf.type(mt).kind in (4, 5):
            out += flat_names(btf, mt, off)
    return out


def running_members(vm, name, size):
    """Flat members (name, bit offset) of each struct NAME of SIZE in VM."""
    return [flat_names(vm, i + 1) for i, t in enumerate(vm.types)
            if t.kind == 4 and t.size_type == size and t.name_off and
            vm.name(t.name_off) == name]


def edit(in_p, out_p, mode, vm_p=None):
    with open(in_p, "rb") as f:
        data = f.read()
    br = BR(data)
    named = mode in ("member-offset", "member-removed")
    vm = load_vmlinux(vm_p) if vm_p and named else None
    if named and not vm:
        raise SystemExit("edit %s needs VMLINUX (the kernel names the "
                         "running member)" % mode)
    # named structs with a layout: embedded by the module, so the kernel
    # compares their size and members
    structs = [e for e in br.entries if e.kind == 4 and e.layout and e.f["name"]]
    if not structs:
        raise SystemExit("%s: no struct with a layout" % in_p)
    t = structs[0]
    tname = br.name(t.f["name"])
    if mode == "truncate":
        out = data[:len(data) // 2]
        print("invalid base reference BTF")
    elif mode == "struct-size":
        t.f["size"] += 8
        print("struct %s: expected size %d, found %d" %
              (tname, t.f["size"], t.f["size"] - 8))
    elif mode == "member-offset":
        # the last recorded member moves 8 bits down, still after the one
        # before it; its hash names one running member
        for t in structs:
            tname = br.name(t.f["name"])
            runs = running_members(vm, tname, t.f["size"])
            lay = t.layout
            if len(runs) != 1 or len(lay) < 2:
                continue
            prev, last = lay[-2], lay[-1]
            names = [n for n, _ in runs[0] if name_hash(n) == last.hash]
            if (last.hash and not last.bitfield_sz and last.bit_off % 8 == 0 and
                    last.bit_off - 8 >= prev.bit_off + 8 and len(names) == 1):
                lay[-1] = last._replace(bit_off=last.bit_off - 8)
                print("struct %s: member '%s' moved from bit %d to %d" %
                      (tname, names[0], last.bit_off - 8, last.bit_off))
                break
        else:
            raise SystemExit("no struct fit for member-offset")
    elif mode == "member-removed":
        # a recorded member's hash that no running member has
        runs = running_members(vm, tname, t.f["size"])
        if not runs:
            raise SystemExit("no struct %s of size %d in %s" %
                             (tname, t.f["size"], vm_p))
        used = {name_hash(n) for r in runs for n, _ in r}
        used |= {m.hash for m in t.layout} | {0}
        i = [k for k, m in enumerate(t.layout) if m.hash][0]
        h = t.layout[i].hash
        while h in used:
            h = (h * 31 + 7) & 0xffff
        t.layout[i] = t.layout[i]._replace(hash=h)
        print("struct %s: layout changed: member with name hash 0x%04x removed"
              % (tname, h))
    elif mode == "rename":
        # the first byte of a name that is no other name's tail
        t = [e for e in structs if br.strs[e.f["name"] - 1] == 0][0]
        o = t.f["name"]
        c = b"Z" if br.strs[o:o + 1] != b"Z" else b"Y"
        br.strs = br.strs[:o] + c + br.strs[o + 1:]
        print("struct %s: not found in base BTF" % br.name(o))
    elif mode == "bad-id":
        t.layout[0] = t.layout[0]._replace(type=len(br.entries) + 1)
        print("invalid base reference BTF")
    else:
        raise SystemExit("unknown mode " + mode)
    if mode != "truncate":
        out = br.encode()
    with open(out_p, "wb") as f:
        f.write(out)


def elf_sections(data, path):
    """(name, type, offset, size) of the sections of a little-endian ELF64."""
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        raise SystemExit("%s: not a little-endian ELF64 file" % path)
    shoff, = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum, shstrndx = struct.unpack_from("<HHH", data, 0x3a)
    secs = [struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize)
            for i in range(shnum)]
    names = secs[shstrndx][4]
    return [(data[names + s[0]:data.index(b"\0", names + s[0])].decode(),
             s[1], s[4], s[5]) for s in secs]


def edit_id(ko_p, out_p, symbol, value):
    """Set the .BTF_ids word of local symbol SYMBOL* in a relocatable ELF."""
    with open(ko_p, "rb") as f:
        data = bytearray(f.read())
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        raise SystemExit("%s: not a little-endian ELF64 file" % ko_p)
    shoff, = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum, shstrndx = struct.unpack_from("<HHH", data, 0x3a)
    secs = [struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize)
            for i in range(shnum)]

    def sec_name(i):
        o = secs[shstrndx][4] + secs[i][0]
        return data[o:data.index(b"\0", o)].decode()

    symtab = [i for i, s in enumerate(secs) if s[1] == 2]      # SHT_SYMTAB
    if not symtab:
        raise SystemExit("%s: no symbol table" % ko_p)
    st = secs[symtab[0]]
    strs = secs[st[6]][4]
    hits = []
    for o in range(st[4], st[4] + st[5], 24):
        name_off, info, other, shndx, value_, size = \
            struct.unpack_from("<IBBHQQ", data, o)
        n = data[strs + name_off:data.index(b"\0", strs + name_off)].decode()
        if n.startswith(symbol):
            hits.append((n, shndx, value_))
    if len(hits) != 1:
        raise SystemExit("%s: %d symbols start with %s" % (ko_p, len(hits), symbol))
    n, shndx, off = hits[0]
    if sec_name(shndx) != ".BTF_ids" or off + 4 > secs[shndx][5]:
        raise SystemExit("%s: %s is not a word of .BTF_ids" % (ko_p, n))
    pos = secs[shndx][4] + off
    old, = struct.unpack_from("<I", data, pos)
    struct.pack_into("<I", data, pos, int(value, 0))
    with open(out_p, "wb") as f:
        f.write(data)
    print(old)


def check_ids(vm_p, log_p, vm_a_p=None):
    vm = load(vm_p)
    vm_a = load(vm_a_p) if vm_a_p else None
    by_name = {}
    for v in (vm, vm_a):
        if v:
            by_name[v] = {}
            for i, t in enumerate(v.types):
                by_name[v].setdefault((KINDS[t.kind], v.name(t.name_off)),
                                      []).append(i + 1)
    n = bad = 0
    for line in open(log_p, errors="replace"):
        f = line.split()
        if "id" not in f[:-4] or len(f) < 5:
            continue
        f = f[f.index("id") - 1:]
        if len(f) != 6 or not f[5].isdigit():
            continue
        mod, _, idx, kind, name, tid = f[0].rstrip(":"), f[1], f[2], f[3], f[4], int(f[5])
        n += 1
        what = "%s BTF_ID_LIST[%s] (%s %s) = %d" % (mod, idx, kind, name, tid)
        want = by_name[vm].get((kind, name))
        if not want:
            bad += 1
            print("FAIL: %s: no %s %s in the running vmlinux" % (what, kind, name))
            continue
        note = ""
        if vm_a:
            a = by_name[vm_a].get((kind, name))
            note = (", %s in A's vmlinux" % a if a != want else ", same ID in A")
        if tid in want:
            print("PASS: %s names %s %s of the running vmlinux%s" % (what, kind, name, note))
        else:
            bad += 1
            got = vm.type(tid) if 0 < tid < vm.nr_types() else None
            print("FAIL: %s: the running vmlinux has it as %s%s; [%d] is %s" %
                  (what, want, note, tid,
                   "%s %r" % (KINDS[got.kind], vm.name(got.name_off)) if got
                   else "not a vmlinux type"))
    if n == 0:
        print("FAIL: no BTF_ID_LIST lines in %s" % log_p)
    sys.exit(1 if bad or n == 0 else 0)


def main():
    if len(sys.argv) in (5, 6) and sys.argv[1] == "edit":
        edit(*sys.argv[2:])
    elif len(sys.argv) > 2 and sys.argv[1] == "br-check":
        br_check(sys.argv[2:])
    elif len(sys.argv) == 2 and sys.argv[1] == "edit-modes":
        print("\n".join(EDIT_MODES))
    elif len(sys.argv) == 6 and sys.argv[1] == "edit-id":
        edit_id(*sys.argv[2:])
    elif len(sys.argv) in (4, 5) and sys.argv[1] == "check-ids":
        check_ids(*sys.argv[2:])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
