# Prints NFKC_MAY_CHANGE for identifiers.rs: the characters allowed in identifiers
# that NFKC may change (NFKC_Quick_Check No or Maybe), from CPython 3.11's own
# unicodedata. Run with python3.11 and paste the output into the table.
import sys, unicodedata
assert sys.version_info[:2] == (3, 11), sys.version
maybe = set()
for x in range(0x110000):
    d = unicodedata.decomposition(chr(x))
    if d and not d.startswith('<'):
        parts = d.split()
        if len(parts) == 2:
            a, b = (int(p, 16) for p in parts)
            if unicodedata.normalize('NFC', chr(a) + chr(b)) == chr(x):
                maybe.add(b)
maybe.update(range(0x1161, 0x1176))   # Hangul vowel jamo compose with a leading consonant
maybe.update(range(0x11A8, 0x11C3))   # and trailing consonants with an LV syllable
unstable = []
for c in range(0x80, 0x110000):
    ch = chr(c)
    if not ('a' + ch).isidentifier():
        continue
    if unicodedata.normalize('NFKC', ch) != ch or c in maybe:
        unstable.append(c)
ranges = []
for c in unstable:
    if ranges and ranges[-1][1] == c - 1:
        ranges[-1][1] = c
    else:
        ranges.append([c, c])
print(len(unstable), 'chars', len(ranges), 'ranges', unicodedata.unidata_version, file=sys.stderr)
for i in range(0, len(ranges), 4):
    print('    ' + ' '.join(f'(0x{a:05X}, 0x{b:05X}),' for a, b in ranges[i:i+4]))
