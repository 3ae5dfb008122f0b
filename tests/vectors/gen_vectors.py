#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Convert test data into C tables for the Criterion tests.

Usage: gen_vectors.py TOP_SRCDIR [--output-dir DIR]

Reads
  TOP_SRCDIR/tests/vectors/gsm7_pack.jsonl  (vectors from other projects)
  TOP_SRCDIR/lib/tables/tables.tsv          (3GPP TS 23.038 tables)
  TOP_SRCDIR/tests/vectors/pdu_decode.jsonl, pdu_encode.jsonl
and writes
  DIR/gsm7_pack.h        one struct per JSON Lines row
  DIR/gsm7_tables_tsv.h  one struct per table cell (27 x 128)
  DIR/pdu_decode.h       one struct per pdu_decode.jsonl row
  DIR/pdu_encode.h       one struct per pdu_encode.jsonl row
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
DECODE_IN = "tests/vectors/pdu_decode.jsonl"
ENCODE_IN = "tests/vectors/pdu_encode.jsonl"
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


def read_jsonl(top, rel):
    rows = []
    seen = set()
    with open(os.path.join(top, rel), encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except ValueError as e:
                die("%s:%d: %s" % (rel, lineno, e))
            rid = row.get("id")
            if not isinstance(rid, str) or rid in seen:
                die("%s: missing or duplicate id %r" % (rel, rid))
            seen.add(rid)
            rows.append(row)
    return rows


def check_keys(rid, where, obj, allowed):
    if not isinstance(obj, dict):
        die("%s: %s is not an object" % (rid, where))
    unknown = sorted(set(obj) - allowed)
    if unknown:
        die("%s: unknown keys %s in %s (teach gen_vectors.py)"
            % (rid, unknown, where))


def address(rid, obj, key):
    """An address given as a string, or as {addr, toa}: (text, toa)."""
    v = obj.get(key)
    if v is None:
        return None, -1
    if isinstance(v, str):
        return v, -1
    check_keys(rid, key, v, {"addr", "toa"})
    return opt_str(v, "addr"), opt_int(v, "toa", 0, 255)


def sub(rid, obj, key, allowed):
    v = obj.get(key)
    if v is None:
        return {"id": rid}
    check_keys(rid, key, v, allowed)
    return dict(v, id=rid)


def c_rows(fields_list):
    return ["    {\n" + "".join("        .%s = %s,\n" % kv for kv in fields)
            + "    }," for fields in fields_list]


def header_file(name, src, struct, array, count, body):
    guard = "SMSK_TEST_VECTORS_%s_H" % name.upper()
    out = [
        "/* SPDX-License-Identifier: MIT */",
        "/* Generated by tests/vectors/gen_vectors.py from",
        " * %s; do not edit (`make gen-vectors`)." % src,
        " * Row data: sources and licences in tests/vectors/README.md. */",
        "#ifndef " + guard,
        "#define " + guard,
        "",
        "#include <stddef.h>",
        "",
        struct,
        "static const struct %s_vec %s[] = {" % (name, array),
    ]
    out.extend(body)
    out.append("};")
    out.append("")
    out.append("#define %s \\" % count)
    out.append("    (sizeof %s / sizeof %s[0])" % (array, array))
    out.append("")
    out.append("#endif /* %s */" % guard)
    return "\n".join(out) + "\n"


DECODE_STRUCT = """\
/*
 * One row of pdu_decode.jsonl (see tests/vectors/README.md). Absent
 * fields are NULL (strings, with length 0) or -1 (numbers, flags).
 * Addresses are as the source prints them; `*_toa` is the type-of-address
 * octet where the source gives one, and `*_ton` / `*_npi` the names
 * smspdudecoder prints.
 */
struct pdu_decode_vec {
    const char *id;          /* "dec-0001" */
    const char *name;        /* the test's name in the source */
    const char *pdu;         /* upper-case hex */
    int has_smsc;            /* 1: starts with the SC address */
    const char *direction;   /* "deliver", "submit", "status-report",
                                "command", "deliver-report",
                                "submit-report", "invalid" */
    const char *smsc;
    const char *smsc_digits;
    const char *smsc_ton, *smsc_npi;
    const char *originator;
    int originator_toa;
    const char *originator_digits;
    const char *originator_ton, *originator_npi;
    const char *destination;
    int destination_toa;
    const char *recipient;
    int recipient_toa;
    const char *text;
    size_t text_len;
    long concat_ref, concat_total, concat_seq, concat_ref_bits;
    long port_dest, port_orig, port_bits;
    const char *mwi;         /* "set", "clear" */
    int mwi_dont_store;
    int replace_message;
    const char *email_from;
    const char *display_text;
    size_t display_text_len;
    const char *scts;        /* ISO 8601 with the PDU's offset */
    const char *discharge;
    const char *scts_smspdudecoder; /* smspdudecoder's value, in UTC */
    long udl;
    long dcs, pid, first_octet, message_ref, status, pi, fcs;
    long command_type, message_number;
    const char *ud_hex;
    const char *cd_hex;
    const char *cd_text;
    int hdr_rp, hdr_udhi, hdr_sri, hdr_lp, hdr_mms; /* header.* */
    const char *hdr_mti;
    const char *dcs_encoding;
    const char *easy_sender, *easy_content; /* smspdudecoder's "easy" */
    int easy_partial;
    const char *error;       /* invalid rows: the source's message */
    const char *source;      /* owner/repo:path */
    const char *source_commit;
    const char *license;
};
"""

DECODE_ROW_KEYS = {
    "id", "source", "source_commit", "license", "name", "pdu", "has_smsc",
    "direction", "expect", "expect_origin", "note", "crosscheck_differs",
    "second_opinion",
}
DECODE_EXPECT_KEYS = {
    "smsc", "smsc_digits", "smsc_toa", "originator", "originator_digits",
    "originator_toa", "destination", "recipient", "text", "udh", "mwi",
    "mwi_dont_store", "replace_message", "email_from", "display_text",
    "scts", "discharge", "scts_smspdudecoder", "udl", "dcs", "pid",
    "first_octet", "message_ref", "status", "pi", "ud_hex", "fcs",
    "command_type", "message_number", "cd_hex", "cd_text", "header",
    "dcs_encoding", "easy", "error",
}
DECODE_DIRECTIONS = ["deliver", "submit", "status-report", "command",
                     "deliver-report", "submit-report", "invalid"]


def gen_decode(top):
    body = []
    for row in read_jsonl(top, DECODE_IN):
        rid = row["id"]
        check_keys(rid, "the row", row, DECODE_ROW_KEYS)
        if row.get("direction") not in DECODE_DIRECTIONS:
            die("%s: unknown direction %r" % (rid, row.get("direction")))
        pdu = check_hex(row, "pdu")
        if pdu is None:
            die("%s: no pdu" % rid)
        e = row["expect"]
        check_keys(rid, "expect", e, DECODE_EXPECT_KEYS)
        e = dict(e, id=rid)
        for key in ("smsc", "smsc_digits", "originator_digits", "text",
                    "mwi", "email_from", "display_text", "scts",
                    "discharge", "scts_smspdudecoder", "cd_text",
                    "dcs_encoding", "error"):
            if not isinstance(e.get(key), (str, type(None))):
                die("%s: %s is not a string" % (rid, key))
        if e.get("mwi") not in (None, "set", "clear"):
            die("%s: mwi %r" % (rid, e["mwi"]))
        smsc_toa = sub(rid, e, "smsc_toa", {"ton", "npi"})
        oa_toa = sub(rid, e, "originator_toa", {"ton", "npi"})
        oa, oa_t = address(rid, e, "originator")
        da, da_t = address(rid, e, "destination")
        ra, ra_t = address(rid, e, "recipient")
        udh = sub(rid, e, "udh", {"concat", "ports"})
        concat = sub(rid, udh, "concat", {"ref", "total", "seq", "ref_bits"})
        ports = sub(rid, udh, "ports", {"dest", "orig", "bits"})
        hdr = sub(rid, e, "header", {"rp", "udhi", "sri", "lp", "mms", "mti"})
        easy = sub(rid, e, "easy", {"sender", "content", "partial"})
        ud_hex = check_hex(e, "ud_hex")
        cd_hex = check_hex(e, "cd_hex")

        def n(obj, key, hi=255):
            return str(opt_int(obj, key, 0, hi)) + "L"

        body.append([
            ("id", c_string(rid)),
            ("name", c_string(opt_str(row, "name"))),
            ("pdu", c_string(pdu)),
            ("has_smsc", str(opt_bool(row, "has_smsc"))),
            ("direction", c_string(row["direction"])),
            ("smsc", c_string(e.get("smsc"))),
            ("smsc_digits", c_string(e.get("smsc_digits"))),
            ("smsc_ton", c_string(opt_str(smsc_toa, "ton"))),
            ("smsc_npi", c_string(opt_str(smsc_toa, "npi"))),
            ("originator", c_string(oa)),
            ("originator_toa", str(oa_t)),
            ("originator_digits", c_string(e.get("originator_digits"))),
            ("originator_ton", c_string(opt_str(oa_toa, "ton"))),
            ("originator_npi", c_string(opt_str(oa_toa, "npi"))),
            ("destination", c_string(da)),
            ("destination_toa", str(da_t)),
            ("recipient", c_string(ra)),
            ("recipient_toa", str(ra_t)),
            ("text", c_string(e.get("text"))),
            ("text_len", str(c_len(e.get("text")))),
            ("concat_ref", n(concat, "ref", 65535)),
            ("concat_total", n(concat, "total")),
            ("concat_seq", n(concat, "seq")),
            ("concat_ref_bits", n(concat, "ref_bits", 16)),
            ("port_dest", n(ports, "dest", 65535)),
            ("port_orig", n(ports, "orig", 65535)),
            ("port_bits", n(ports, "bits", 16)),
            ("mwi", c_string(e.get("mwi"))),
            ("mwi_dont_store", str(opt_bool(e, "mwi_dont_store"))),
            ("replace_message", str(opt_bool(e, "replace_message"))),
            ("email_from", c_string(e.get("email_from"))),
            ("display_text", c_string(e.get("display_text"))),
            ("display_text_len", str(c_len(e.get("display_text")))),
            ("scts", c_string(e.get("scts"))),
            ("discharge", c_string(e.get("discharge"))),
            ("scts_smspdudecoder", c_string(e.get("scts_smspdudecoder"))),
            ("udl", n(e, "udl")),
            ("dcs", n(e, "dcs")),
            ("pid", n(e, "pid")),
            ("first_octet", n(e, "first_octet")),
            ("message_ref", n(e, "message_ref")),
            ("status", n(e, "status")),
            ("pi", n(e, "pi")),
            ("fcs", n(e, "fcs")),
            ("command_type", n(e, "command_type")),
            ("message_number", n(e, "message_number")),
            ("ud_hex", c_string(ud_hex)),
            ("cd_hex", c_string(cd_hex)),
            ("cd_text", c_string(e.get("cd_text"))),
            ("hdr_rp", str(opt_bool(hdr, "rp"))),
            ("hdr_udhi", str(opt_bool(hdr, "udhi"))),
            ("hdr_sri", str(opt_bool(hdr, "sri"))),
            ("hdr_lp", str(opt_bool(hdr, "lp"))),
            ("hdr_mms", str(opt_bool(hdr, "mms"))),
            ("hdr_mti", c_string(opt_str(hdr, "mti"))),
            ("dcs_encoding", c_string(e.get("dcs_encoding"))),
            ("easy_sender", c_string(opt_str(easy, "sender"))),
            ("easy_content", c_string(opt_str(easy, "content"))),
            ("easy_partial", str(opt_bool(easy, "partial"))),
            ("error", c_string(e.get("error"))),
            ("source", c_string(opt_str(row, "source"))),
            ("source_commit", c_string(opt_str(row, "source_commit"))),
            ("license", c_string(opt_str(row, "license"))),
        ])
    return header_file("pdu_decode", DECODE_IN, DECODE_STRUCT,
                       "pdu_decode_vecs", "PDU_DECODE_N_VECS", c_rows(body))


ENCODE_STRUCT = """\
/*
 * One row of pdu_encode.jsonl (see tests/vectors/README.md): the fields
 * the source filled in (`input`) and the PDU it expects. Absent fields
 * are NULL (strings, with length 0) or -1 (numbers).
 */
struct pdu_encode_vec {
    const char *id;          /* "enc-0022" */
    const char *name;        /* the test's name in the source */
    const char *type;        /* "deliver", "submit", "status-report",
                                "command", "deliver-report",
                                "submit-report" */
    long first_octet;
    const char *originator;
    int originator_toa;
    const char *destination;
    int destination_toa;
    const char *recipient;
    int recipient_toa;
    const char *text;
    size_t text_len;
    const char *scts;        /* ISO 8601 */
    const char *discharge;
    long message_ref, pid, dcs, status, pi, fcs;
    long command_type, message_number;
    const char *ud_hex;
    const char *cd_hex;
    const char *pdu;         /* expected, upper-case hex */
    int has_smsc;
    const char *source;      /* owner/repo:path */
    const char *source_commit;
    const char *license;
};
"""

ENCODE_ROW_KEYS = {
    "id", "source", "source_commit", "license", "name", "input", "expect",
    "expect_origin", "note",
}
ENCODE_INPUT_KEYS = {
    "type", "first_octet", "originator", "destination", "recipient",
    "text", "scts", "discharge", "message_ref", "pid", "dcs", "status",
    "pi", "fcs", "command_type", "message_number", "ud_hex", "cd_hex",
}
ENCODE_TYPES = ["deliver", "submit", "status-report", "command",
                "deliver-report", "submit-report"]


def gen_encode(top):
    body = []
    for row in read_jsonl(top, ENCODE_IN):
        rid = row["id"]
        check_keys(rid, "the row", row, ENCODE_ROW_KEYS)
        i = row.get("input")
        check_keys(rid, "input", i, ENCODE_INPUT_KEYS)
        i = dict(i, id=rid)
        if i.get("type") not in ENCODE_TYPES:
            die("%s: unknown type %r" % (rid, i.get("type")))
        x = row.get("expect")
        check_keys(rid, "expect", x, {"pdu", "has_smsc"})
        x = dict(x, id=rid)
        if not isinstance(x.get("pdu"), str):
            die("%s: expect.pdu is not one hex string "
                "(teach gen_vectors.py multipart rows)" % rid)
        for key in ("text", "scts", "discharge"):
            opt_str(i, key)
        oa, oa_t = address(rid, i, "originator")
        da, da_t = address(rid, i, "destination")
        ra, ra_t = address(rid, i, "recipient")

        def n(key):
            return str(opt_int(i, key, 0, 255)) + "L"

        body.append([
            ("id", c_string(rid)),
            ("name", c_string(opt_str(row, "name"))),
            ("type", c_string(i["type"])),
            ("first_octet", n("first_octet")),
            ("originator", c_string(oa)),
            ("originator_toa", str(oa_t)),
            ("destination", c_string(da)),
            ("destination_toa", str(da_t)),
            ("recipient", c_string(ra)),
            ("recipient_toa", str(ra_t)),
            ("text", c_string(i.get("text"))),
            ("text_len", str(c_len(i.get("text")))),
            ("scts", c_string(i.get("scts"))),
            ("discharge", c_string(i.get("discharge"))),
            ("message_ref", n("message_ref")),
            ("pid", n("pid")),
            ("dcs", n("dcs")),
            ("status", n("status")),
            ("pi", n("pi")),
            ("fcs", n("fcs")),
            ("command_type", n("command_type")),
            ("message_number", n("message_number")),
            ("ud_hex", c_string(check_hex(i, "ud_hex"))),
            ("cd_hex", c_string(check_hex(i, "cd_hex"))),
            ("pdu", c_string(check_hex(x, "pdu"))),
            ("has_smsc", str(opt_bool(x, "has_smsc"))),
            ("source", c_string(opt_str(row, "source"))),
            ("source_commit", c_string(opt_str(row, "source_commit"))),
            ("license", c_string(opt_str(row, "license"))),
        ])
    return header_file("pdu_encode", ENCODE_IN, ENCODE_STRUCT,
                       "pdu_encode_vecs", "PDU_ENCODE_N_VECS", c_rows(body))


def write(path, text):
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    os.replace(tmp, path)


def main():
    ap = argparse.ArgumentParser(
        description="Generate tests/vectors/gsm7_pack.h, "
                    "tests/vectors/gsm7_tables_tsv.h, "
                    "tests/vectors/pdu_decode.h and "
                    "tests/vectors/pdu_encode.h.")
    ap.add_argument("top_srcdir")
    ap.add_argument("--output-dir", "-o", default=None,
                    help="where to write (default TOP_SRCDIR/tests/vectors)")
    args = ap.parse_args()
    outdir = args.output_dir or os.path.join(args.top_srcdir, "tests", "vectors")
    pack = gen_pack(args.top_srcdir)
    tsv = gen_tsv(args.top_srcdir)
    write(os.path.join(outdir, "gsm7_pack.h"), pack)
    write(os.path.join(outdir, "gsm7_tables_tsv.h"), tsv)
    write(os.path.join(outdir, "pdu_decode.h"), gen_decode(args.top_srcdir))
    write(os.path.join(outdir, "pdu_encode.h"), gen_encode(args.top_srcdir))


if __name__ == "__main__":
    main()
