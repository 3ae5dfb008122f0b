#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Convert test data into C tables for the Criterion tests.

Usage: gen_vectors.py TOP_SRCDIR [--output-dir DIR]

Reads
  TOP_SRCDIR/tests/vectors/gsm7_pack.jsonl  (vectors from other projects)
  TOP_SRCDIR/lib/tables/tables.tsv          (3GPP TS 23.038 tables)
and writes
  DIR/gsm7_pack.h        one struct per JSON Lines row
  DIR/gsm7_tables_tsv.h  one struct per table cell (27 x 128)
DIR defaults to TOP_SRCDIR/tests/vectors (`make gen-vectors`);
tests/check-generated.sh writes into a temporary directory and compares.

The output depends only on the input files: rows keep their file order,
strings are escaped the same way every time, and files are written as
UTF-8 (in fact ASCII) with LF line ends.
"""
import argparse
import json
import os
import sys

PACK_IN = "tests/vectors/gsm7_pack.jsonl"
TSV_IN = "lib/tables/tables.tsv"

# NLI order of TS 23.038 Table 6.2.1.2.4.1, as enum smsk_lang numbers it;
# index 0 is the default alphabet and its extension table.
LANGS = ["default", "turkish", "spanish", "portuguese", "bengali",
         "gujarati", "hindi", "kannada", "malayalam", "oriya", "punjabi",
         "tamil", "telugu", "urdu"]

MODES = ["sms", "sms-with-udh", "ussd-cr-padding", "ucs2",
         "gsm7-unpacked-8bit", "septet-table", "charmap"]
DIRECTIONS = ["both", "encode", "decode", "roundtrip"]

# Every key a gsm7_pack.jsonl row may have. An unknown key stops the
# generator, so that no new expectation is silently dropped.
PACK_KEYS = {
    "id", "source", "source_commit", "license", "name", "mode",
    "direction", "expect_origin", "text", "septet_values", "packed",
    "fill_bits", "septets", "decoded_text", "decoded_text_stripped",
    "with_padding", "strip_padding", "national_language_locking_shift",
    "national_language_single_shift", "field_octets", "map", "note",
}


def die(msg):
    sys.exit("gen_vectors.py: " + msg)


def c_string(s):
    """A C string literal for `s` (str: UTF-8 encoded; or None: NULL).

    Printable ASCII stays as it is; everything else becomes a three-digit
    octal escape (never greedy, unlike \\x). A '?' after a '?' is escaped
    so that no trigraph can form under -std=c11.
    """
    if s is None:
        return "NULL"
    b = s.encode("utf-8") if isinstance(s, str) else s
    out = ['"']
    prev = None
    simple = {0x0A: "\\n", 0x0D: "\\r", 0x0C: "\\f", 0x09: "\\t",
              0x22: '\\"', 0x5C: "\\\\"}
    for c in b:
        if c in simple:
            out.append(simple[c])
        elif c == 0x3F and prev == 0x3F:
            out.append("\\?")
        elif 0x20 <= c < 0x7F:
            out.append(chr(c))
        else:
            out.append("\\%03o" % c)
        prev = c
    out.append('"')
    return "".join(out)


def c_len(s):
    return 0 if s is None else len(s.encode("utf-8"))


def check_hex(row, key):
    v = row.get(key)
    if v is None:
        return None
    if not isinstance(v, str) or len(v) % 2 or any(
            c not in "0123456789ABCDEFabcdef" for c in v):
        die("%s: %s is not hex: %r" % (row["id"], key, v))
    return v.upper()


def opt_int(row, key, lo, hi):
    v = row.get(key)
    if v is None:
        return -1
    if isinstance(v, bool) or not isinstance(v, int) or not lo <= v <= hi:
        die("%s: bad %s %r" % (row["id"], key, v))
    return v


def opt_bool(row, key):
    v = row.get(key)
    if v is None:
        return -1
    if not isinstance(v, bool):
        die("%s: %s is not a boolean" % (row["id"], key))
    return int(v)


def opt_str(row, key):
    v = row.get(key)
    if v is not None and not isinstance(v, str):
        die("%s: %s is not a string" % (row["id"], key))
    return v


PACK_STRUCT = """\
/*
 * One row of gsm7_pack.jsonl (see tests/vectors/README.md). Absent
 * fields are NULL (strings, with length 0) or -1 (numbers, flags).
 * Hex strings are upper case, two digits per octet or septet.
 */
struct gsm7_pack_vec {
    const char *id;          /* "pack-0035" */
    const char *name;        /* the test's name in the source */
    const char *mode;        /* "sms", "sms-with-udh", "ussd-cr-padding",
                                "ucs2", "gsm7-unpacked-8bit",
                                "septet-table", "charmap" */
    const char *direction;   /* "both", "encode", "decode", "roundtrip" */
    const char *text;        /* UTF-8 input text */
    size_t text_len;
    const char *septet_values; /* raw septet codes, hex */
    const char *packed;      /* expected user data, hex */
    int fill_bits;           /* -1: absent (read as 0) */
    long septets;            /* septet count for decoding, -1: absent */
    const char *decoded_text; /* expected decoding when it differs from
                                 text (or there is no text) */
    size_t decoded_text_len;
    const char *decoded_text_stripped; /* the same with CR fill removed */
    size_t decoded_text_stripped_len;
    int with_padding;        /* 1, 0; -1: absent */
    int strip_padding;       /* 1, 0; -1: absent */
    int locking_nli;         /* national_language_locking_shift, -1 */
    int single_nli;          /* national_language_single_shift, -1 */
    int field_octets;        /* SIM field size, -1: absent */
    int n_charmap;           /* entries in gsm7_charmap_vecs (mode charmap) */
    const char *source;      /* owner/repo:path */
    const char *source_commit;
    const char *license;
};

/* The entries of the `map` of charmap rows, in file order. */
struct gsm7_charmap_vec {
    const char *id;          /* the row's id */
    const char *text;        /* one character, UTF-8 */
    size_t text_len;
    const char *septets;     /* its septets, hex */
};
"""


def gen_pack(top):
    path = os.path.join(top, PACK_IN)
    rows = []
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                rows.append(json.loads(line))
            except ValueError as e:
                die("%s:%d: %s" % (PACK_IN, lineno, e))
    seen = set()
    body = []
    charmap = []
    for row in rows:
        rid = row.get("id")
        if not isinstance(rid, str) or rid in seen:
            die("missing or duplicate id %r" % rid)
        seen.add(rid)
        unknown = sorted(set(row) - PACK_KEYS)
        if unknown:
            die("%s: unknown keys %s (teach gen_vectors.py)" % (rid, unknown))
        if row.get("mode") not in MODES:
            die("%s: unknown mode %r" % (rid, row.get("mode")))
        if row.get("direction") not in DIRECTIONS:
            die("%s: unknown direction %r" % (rid, row.get("direction")))
        for key in ("text", "decoded_text", "decoded_text_stripped",
                    "name", "source", "source_commit", "license"):
            opt_str(row, key)
        sv = check_hex(row, "septet_values")
        if sv is not None and any(int(sv[i:i + 2], 16) > 0x7F
                                  for i in range(0, len(sv), 2)):
            die("%s: septet_values above 0x7F" % rid)
        packed = check_hex(row, "packed")
        n_map = 0
        if row["mode"] == "charmap":
            m = row.get("map")
            if not isinstance(m, dict) or not m:
                die("%s: charmap row without a map" % rid)
            for ch, code in m.items():
                if not isinstance(code, str):
                    die("%s: map value %r" % (rid, code))
                hexcode = check_hex({"id": rid, "c": code}, "c")
                charmap.append("    {%s, %s, %d, %s}," % (
                    c_string(rid), c_string(ch), c_len(ch), c_string(hexcode)))
                n_map += 1
        elif "map" in row:
            die("%s: map outside a charmap row" % rid)
        fields = [
            ("id", c_string(rid)),
            ("name", c_string(row.get("name"))),
            ("mode", c_string(row["mode"])),
            ("direction", c_string(row["direction"])),
            ("text", c_string(row.get("text"))),
            ("text_len", str(c_len(row.get("text")))),
            ("septet_values", c_string(sv)),
            ("packed", c_string(packed)),
            ("fill_bits", str(opt_int(row, "fill_bits", 0, 6))),
            ("septets", str(opt_int(row, "septets", 0, 1 << 20)) + "L"),
            ("decoded_text", c_string(row.get("decoded_text"))),
            ("decoded_text_len", str(c_len(row.get("decoded_text")))),
            ("decoded_text_stripped",
             c_string(row.get("decoded_text_stripped"))),
            ("decoded_text_stripped_len",
             str(c_len(row.get("decoded_text_stripped")))),
            ("with_padding", str(opt_bool(row, "with_padding"))),
            ("strip_padding", str(opt_bool(row, "strip_padding"))),
            ("locking_nli",
             str(opt_int(row, "national_language_locking_shift", 0, 13))),
            ("single_nli",
             str(opt_int(row, "national_language_single_shift", 0, 13))),
            ("field_octets", str(opt_int(row, "field_octets", 0, 1 << 16))),
            ("n_charmap", str(n_map)),
            ("source", c_string(row.get("source"))),
            ("source_commit", c_string(row.get("source_commit"))),
            ("license", c_string(row.get("license"))),
        ]
        body.append("    {\n" + "".join("        .%s = %s,\n" % kv
                                         for kv in fields) + "    },")
    out = [
        "/* SPDX-License-Identifier: MIT */",
        "/* Generated by tests/vectors/gen_vectors.py from",
        " * %s; do not edit (`make gen-vectors`)." % PACK_IN,
        " * Row data: sources and licences in tests/vectors/README.md. */",
        "#ifndef SMSK_TEST_VECTORS_GSM7_PACK_H",
        "#define SMSK_TEST_VECTORS_GSM7_PACK_H",
        "",
        "#include <stddef.h>",
        "",
        PACK_STRUCT,
        "static const struct gsm7_pack_vec gsm7_pack_vecs[] = {",
    ]
    out.extend(body)
    out.append("};")
    out.append("")
    out.append("#define GSM7_PACK_N_VECS \\")
    out.append("    (sizeof gsm7_pack_vecs / sizeof gsm7_pack_vecs[0])")
    out.append("")
    out.append("static const struct gsm7_charmap_vec gsm7_charmap_vecs[] = {")
    out.extend(charmap or ["    {NULL, NULL, 0, NULL},"])
    out.append("};")
    out.append("")
    out.append("#define GSM7_CHARMAP_N_VECS %d" % len(charmap))
    out.append("")
    out.append("#endif /* SMSK_TEST_VECTORS_GSM7_PACK_H */")
    return "\n".join(out) + "\n"


TSV_STRUCT = """\
/*
 * One cell of a TS 23.038 table as lib/tables/tables.tsv prints it.
 * `codepoint` is -1 for a septet that holds no character ('-') and for
 * the escape septet 0x1B (`is_esc` 1).
 */
struct gsm7_tsv_row {
    const char *table;  /* "default", "default_ext", "turkish_locking", ... */
    int lang;           /* enum smsk_lang (the NLI; 0: default tables) */
    int is_single;      /* 1: single shift / extension table */
    unsigned septet;    /* 0x00-0x7F */
    long codepoint;     /* Unicode scalar value, or -1 */
    int is_esc;
};
"""


def table_lang(name):
    if name == "default":
        return 0, 0
    if name == "default_ext":
        return 0, 1
    for suffix, single in (("_locking", 0), ("_single", 1)):
        if name.endswith(suffix):
            lang = name[:-len(suffix)]
            if lang in LANGS[1:] and not (lang == "spanish" and not single):
                return LANGS.index(lang), single
    die("%s: unknown table %r" % (TSV_IN, name))
    return None


def gen_tsv(top):
    path = os.path.join(top, TSV_IN)
    body = []
    seen = set()
    with open(path, encoding="utf-8", newline="\n") as f:
        header = f.readline().rstrip("\n").split("\t")
        if header[:3] != ["table", "septet", "codepoint"]:
            die("%s: unexpected header %r" % (TSV_IN, header))
        for lineno, line in enumerate(f, 2):
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 3:
                die("%s:%d: too few columns" % (TSV_IN, lineno))
            name, septet, cp = cols[:3]
            cname = cols[3] if len(cols) > 3 else ""
            lang, single = table_lang(name)
            if not (septet.startswith("0x") and len(septet) == 4):
                die("%s:%d: bad septet %r" % (TSV_IN, lineno, septet))
            s = int(septet, 16)
            if s > 0x7F or (name, s) in seen:
                die("%s:%d: bad or duplicate septet" % (TSV_IN, lineno))
            seen.add((name, s))
            esc = 0
            if cp == "ESC":
                value, esc = -1, 1
            elif cp == "-":
                value = -1
            elif cp.startswith("U+") and len(cp) == 6:
                value = int(cp[2:], 16)
            else:
                die("%s:%d: bad code point %r" % (TSV_IN, lineno, cp))
            if any(ord(c) >= 0x7F or ord(c) < 0x20 for c in cname) \
                    or "*/" in cname or "??" in cname:
                die("%s:%d: name unfit for a C comment" % (TSV_IN, lineno))
            comment = cname
            body.append("    {%s, %d, %d, 0x%02X, %s, %d}, /* %s */" % (
                c_string(name), lang, single, s,
                "-1" if value < 0 else "0x%04X" % value, esc, comment))
    out = [
        "/* SPDX-License-Identifier: MIT */",
        "/* Generated by tests/vectors/gen_vectors.py from",
        " * %s (3GPP TS 23.038 6.2.1, 6.2.1.1, Annex A);" % TSV_IN,
        " * do not edit (`make gen-vectors`). */",
        "#ifndef SMSK_TEST_VECTORS_GSM7_TABLES_TSV_H",
        "#define SMSK_TEST_VECTORS_GSM7_TABLES_TSV_H",
        "",
        TSV_STRUCT,
        "static const struct gsm7_tsv_row gsm7_tsv_rows[] = {",
    ]
    out.extend(body)
    out.append("};")
    out.append("")
    out.append("#define GSM7_TSV_N_ROWS %d" % len(body))
    out.append("")
    out.append("#endif /* SMSK_TEST_VECTORS_GSM7_TABLES_TSV_H */")
    return "\n".join(out) + "\n"


def write(path, text):
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    os.replace(tmp, path)


def main():
    ap = argparse.ArgumentParser(
        description="Generate tests/vectors/gsm7_pack.h and "
                    "tests/vectors/gsm7_tables_tsv.h.")
    ap.add_argument("top_srcdir")
    ap.add_argument("--output-dir", "-o", default=None,
                    help="where to write (default TOP_SRCDIR/tests/vectors)")
    args = ap.parse_args()
    outdir = args.output_dir or os.path.join(args.top_srcdir, "tests", "vectors")
    pack = gen_pack(args.top_srcdir)
    tsv = gen_tsv(args.top_srcdir)
    write(os.path.join(outdir, "gsm7_pack.h"), pack)
    write(os.path.join(outdir, "gsm7_tables_tsv.h"), tsv)


if __name__ == "__main__":
    main()
