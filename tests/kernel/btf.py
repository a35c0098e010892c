#!/usr/bin/env python3
"""Small raw BTF reader and editor for the kernel base reference tests.
(Reconciled module BTF is checked by build/tools/btf_refcheck.)

  btf.py edit IN OUT MODE
      Write an edited copy of base reference BTF IN to OUT; MODE is one of
      struct-size, member-offset, rename, truncate, bad-id. Prints what it
      changed (the name the kernel message must mention).
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
import struct
import sys

KINDS = {1: "INT", 2: "PTR", 3: "ARRAY", 4: "STRUCT", 5: "UNION", 6: "ENUM",
         7: "FWD", 8: "TYPEDEF", 9: "VOLATILE", 10: "CONST", 11: "RESTRICT",
         12: "FUNC", 13: "FUNC_PROTO", 14: "VAR", 15: "DATASEC", 16: "FLOAT",
         17: "DECL_TAG", 18: "TYPE_TAG", 19: "ENUM64"}


# The edited .BTF.base_ref cases (MODE of "edit"), each refused at load.
EDIT_MODES = ["truncate", "struct-size", "member-offset", "rename", "bad-id"]


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


def edit(in_p, out_p, mode):
    with open(in_p, "rb") as f:
        data = bytearray(f.read())
    ref = BTF(data)
    base = ref.types_raw

    def put(off, val):
        struct.pack_into("<I", data, base + off, val)

    structs = [t for t in ref.types if t.kind == 4 and t.vlen and t.name_off]
    if mode == "truncate":
        data = data[:len(data) // 2]
        print("invalid base reference BTF")
    elif mode == "struct-size":
        t = structs[0]
        put(t.off + 8, t.size_type + 8)
        print("struct %s: expected size %d, found %d" %
              (ref.name(t.name_off), t.size_type + 8, t.size_type))
    elif mode == "member-offset":
        for t in structs:
            if t.kflag or t.vlen < 2:
                continue
            prev, last = t.members[-2], t.members[-1]
            if last[2] - 8 >= prev[2] + 8 and last[2] % 8 == 0:
                struct.pack_into("<I", data, base + last[3] + 8, last[2] - 8)
                print("struct %s: member '%s' moved from bit %d to %d" %
                      (ref.name(t.name_off), ref.name(last[0]),
                       last[2] - 8, last[2]))
                break
        else:
            raise SystemExit("no struct fit for member-offset")
    elif mode == "rename":
        t = structs[0]
        s = ref.hdr_len + ref.str_off + t.name_off
        data[s] = ord("Z") if data[s] != ord("Z") else ord("Y")
        print("struct %s: not found in base BTF" %
              data[s:data.index(b"\0", s)].decode())
    elif mode == "bad-id":
        t = structs[0]
        struct.pack_into("<I", data, base + t.members[0][3] + 4, 0xfffff)
        print("invalid base reference BTF")
    else:
        raise SystemExit("unknown mode " + mode)
    with open(out_p, "wb") as f:
        f.write(data)


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
    if len(sys.argv) == 5 and sys.argv[1] == "edit":
        edit(*sys.argv[2:])
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
