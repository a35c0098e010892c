#!/usr/bin/env python3
# Grow the first named struct with recorded members (i.e. embedded by value)
# in a raw base reference BTF by 8 bytes. Prints the struct's name.
# Usage: edit_base_ref.py IN.btf OUT.btf
import struct
import sys

data = bytearray(open(sys.argv[1], 'rb').read())
magic, ver, flags, hdr_len, type_off, type_len, str_off, str_len = \
    struct.unpack_from('<HBBIIIII', data, 0)
assert magic == 0xeB9F, 'not little-endian BTF'
types = hdr_len + type_off
strs = hdr_len + str_off

def name(off):
    end = data.index(b'\0', strs + off)
    return data[strs + off:end].decode()

# extra bytes after struct btf_type, per kind: (fixed, per vlen entry)
extra = {1: (4, 0), 2: (0, 0), 3: (12, 0), 4: (0, 12), 5: (0, 12),
         6: (0, 8), 7: (0, 0), 8: (0, 0), 9: (0, 0), 10: (0, 0),
         11: (0, 0), 12: (0, 0), 13: (0, 8), 14: (4, 0), 15: (0, 12),
         16: (0, 0), 17: (4, 0), 18: (0, 0), 19: (0, 12)}
off = types
while off < types + type_len:
    name_off, info, size = struct.unpack_from('<III', data, off)
    kind, vlen = (info >> 24) & 0x1f, info & 0xffff
    if kind == 4 and vlen and name_off:
        struct.pack_into('<I', data, off + 8, size + 8)
        open(sys.argv[2], 'wb').write(data)
        print(name(name_off))
        sys.exit(0)
    fixed, per = extra[kind]
    off += 12 + fixed + per * vlen
sys.exit('no embedded struct in base reference')
