#!/usr/bin/env python3
"""Small raw BTF reader for the kernel base reference tests.

  btf.py check-reconciled VMLINUX MODBTF BASE_REF SPLIT
      MODBTF (from /sys/kernel/btf/<module>) must be ordinary split BTF on
      VMLINUX (from /sys/kernel/btf/vmlinux), type for type the module's
      original SPLIT BTF (on BASE_REF) with every reference to a base
      reference entry now naming a same-named, same-kind vmlinux type and
      every split reference shifted onto vmlinux's numbering.
  btf.py edit IN OUT MODE
      Write an edited copy of base reference BTF IN to OUT; MODE is one of
      struct-size, member-offset, rename, truncate, bad-id. Prints what it
      changed (the name the kernel message must mention).
  btf.py find-func MODBTF VMLINUX NAME
      Print the type ID of FUNC NAME in split BTF MODBTF on VMLINUX.
"""
import struct
import sys

KINDS = {1: "INT", 2: "PTR", 3: "ARRAY", 4: "STRUCT", 5: "UNION", 6: "ENUM",
         7: "FWD", 8: "TYPEDEF", 9: "VOLATILE", 10: "CONST", 11: "RESTRICT",
         12: "FUNC", 13: "FUNC_PROTO", 14: "VAR", 15: "DATASEC", 16: "FLOAT",
         17: "DECL_TAG", 18: "TYPE_TAG", 19: "ENUM64"}


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

    def check(self):
        """Every ID and string offset in range."""
        for t in self.types:
            for _, s in t.strs:
                self.name(s)
            for _, i in t.ids:
                if i >= self.nr_types():
                    raise ValueError("type ID %d out of range" % i)


def load(path, base=None):
    with open(path, "rb") as f:
        return BTF(f.read(), base)


def kind_ok(ref_t, vm_t):
    rk, vk = ref_t.kind, vm_t.kind
    if rk in (6, 19):
        return vk in (6, 19)
    if rk == 7:
        want = 5 if ref_t.kflag else 4
        return vk == want or (vk == 7 and vm_t.kflag == ref_t.kflag)
    return rk == vk


def check_reconciled(vmlinux_p, mod_p, ref_p, split_p):
    vm = load(vmlinux_p)
    mod = load(mod_p, vm)
    ref = load(ref_p)
    split = load(split_p, ref)
    mod.check()
    if len(mod.types) != len(split.types):
        raise SystemExit("FAIL: %d module types after load, %d in .BTF" %
                         (len(mod.types), len(split.types)))
    named = 0
    for i, (mt, st) in enumerate(zip(mod.types, split.types)):
        tid = mod.start_id + i
        if mt.kind != st.kind or mt.vlen != st.vlen:
            raise SystemExit("FAIL: [%d] kind/vlen changed" % tid)
        if mod.name(mt.name_off) != split.name(st.name_off):
            raise SystemExit("FAIL: [%d] name %r became %r" %
                             (tid, split.name(st.name_off),
                              mod.name(mt.name_off)))
        for (_, mid), (_, sid) in zip(mt.ids, st.ids):
            if sid == 0:
                ok = mid == 0
            elif sid < split.start_id:
                rt, vt = ref.type(sid), vm.type(mid) if mid < vm.nr_types() else None
                ok = (vt is not None and kind_ok(rt, vt) and
                      ref.name(rt.name_off) == vm.name(vt.name_off))
                if ok:
                    named += 1
                else:
                    raise SystemExit("FAIL: [%d] refers to %s %r as [%d] %s" %
                                     (tid, KINDS[rt.kind], ref.name(rt.name_off), mid,
                                      "%s %r" % (KINDS[vt.kind], vm.name(vt.name_off))
                                      if vt else "(not a vmlinux type)"))
            else:
                ok = mid == sid - split.start_id + mod.start_id
            if not ok:
                raise SystemExit("FAIL: [%d] type ref %d -> %d" % (tid, sid, mid))
    print("ok: %d module types on %d vmlinux types; %d references to "
          "%d base reference entries resolved by name" %
          (len(mod.types), vm.nr_types(), named, ref.nr_types() - 1))


def find_func(mod_p, vm_p, name):
    vm = load(vm_p)
    mod = load(mod_p, vm)
    for i, t in enumerate(mod.types):
        if t.kind == 12 and mod.name(t.name_off) == name:
            print(mod.start_id + i)
            return
    raise SystemExit("no FUNC %s" % name)


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


def main():
    if len(sys.argv) == 6 and sys.argv[1] == "check-reconciled":
        check_reconciled(*sys.argv[2:])
    elif len(sys.argv) == 5 and sys.argv[1] == "edit":
        edit(*sys.argv[2:])
    elif len(sys.argv) == 5 and sys.argv[1] == "find-func":
        find_func(*sys.argv[2:])
    elif len(sys.argv) == 3 and sys.argv[1] == "dump":
        b = load(sys.argv[2])
        for i, t in enumerate(b.types):
            print(i + 1, KINDS[t.kind], b.name(t.name_off), t.size_type,
                  [(b.name(m[0]), m[1], m[2]) for m in t.members])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
