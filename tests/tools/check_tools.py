#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Run pdu-decode and pdu-encode on the vectors and check what they print.

Expected values come from tests/vectors/*.jsonl (other projects' suites)
and from the contract in the man pages (CLI.md): field names, exit
statuses 0/1/2, JSON Lines, errors with an offset.
"""
import json
import os
import subprocess
import sys

top, build = sys.argv[1], sys.argv[2]
failures = []


def tool(name):
    return os.path.join(build, "tools", name)


def run(name, *args, stdin=None):
    p = subprocess.run([tool(name), *args], input=stdin, capture_output=True)
    return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8")


def check(cond, what):
    if not cond:
        failures.append(what)


def vectors(name):
    with open(os.path.join(top, "tests", "vectors", name), encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def number(v):
    """An address as the vectors write it, in pdu-decode's form."""
    if isinstance(v, dict):
        return ("+" if v.get("toa") == 145 else "") + v["addr"]
    return v


# Rows whose expectation the standard contradicts (docs/SPEC-NOTES.md):
STANDARD_WINS = {
    # TP-FCS 0x12 is a reserved value (TS 23.040 9.2.3.22: 0x00-0x7F
    # reserved), so the octet after the first one reads as TP-PI.
    "dec-0078", "dec-0079", "dec-0080", "dec-0081",
}

DIRECTION = {"deliver": [], "submit": [], "status-report": [],
             "deliver-report": ["--mo"], "command": ["--mo"],
             "submit-report": ["--mt"]}

# ---- pdu-decode on every decodable vector row ---------------------------
for row in vectors("pdu_decode.jsonl"):
    args = ["--json"] + DIRECTION.get(row["direction"], [])
    if not row["has_smsc"]:
        args.append("--no-smsc")
    rc, out, err = run("pdu-decode", *args, row["pdu"])
    rid = row["id"]
    if rid in STANDARD_WINS:
        continue
    if row["direction"] == "invalid":
        check(rc == 1, f"{rid}: invalid PDU must exit 1, got {rc}")
        obj = json.loads(out) if out.strip() else {}
        check("error" in obj and "offset" in obj and "input" in obj,
              f"{rid}: error object lacks error/offset/input: {out!r}")
        continue
    check(rc == 0, f"{rid}: exit {rc}: {err.strip()}")
    if rc != 0:
        continue
    got = json.loads(out)
    exp = row["expect"]
    check(got.get("type") == "sms-" + row["direction"],
          f"{rid}: type {got.get('type')}")
    bare_digits = row["source"].startswith("qotto/")  # prints numbers without "+"
    for key, field in (("originator", "originator"), ("destination", "destination"),
                       ("recipient", "recipient"), ("smsc", "smsc")):
        if key in exp:
            got_number = (got.get(field) or {}).get("number")
            if bare_digits and got_number:
                got_number = got_number.lstrip("+")
            check(got_number == number(exp[key]), f"{rid}: {field} {got.get(field)} != {exp[key]}")
    for key in ("originator_digits", "smsc_digits"):
        if key in exp:
            field = key.split("_")[0]
            check(got[field]["number"].lstrip("+") == exp[key], f"{rid}: {field} digits")
    # 8-bit user data is shown as "data" (CLI.md), whatever the source printed
    if "text" in exp and got.get("encoding") != "8bit":
        check(got.get("text") == exp["text"], f"{rid}: text {got.get('text')!r} != {exp['text']!r}")
    if "scts" in exp:
        check(got.get("scts") == exp["scts"], f"{rid}: scts {got.get('scts')} != {exp['scts']}")
    if "discharge" in exp:
        check(got.get("discharge_time") == exp["discharge"], f"{rid}: discharge_time")
    for key, field in (("pid", "pid"), ("dcs", "dcs"), ("status", "status"), ("fcs", "fcs"),
                       ("pi", "pi"), ("message_ref", "mr"), ("command_type", "command_type"),
                       ("message_number", "message_number")):
        if key in exp:
            check(got.get(field) == exp[key], f"{rid}: {field} {got.get(field)} != {exp[key]}")
    # without TP-DCS the default alphabet applies (TS 23.040 9.2.3.27): the
    # user data is then text, not the source's raw octets
    if "ud_hex" in exp and "data" in got:
        check(got.get("data") == exp["ud_hex"], f"{rid}: data {got.get('data')} != {exp['ud_hex']}")
    concat = exp.get("udh", {}).get("concat")
    if concat:
        c = got.get("concat") or {}
        check(all(c.get(k) == concat[k] for k in ("ref", "total", "seq", "ref_bits")),
              f"{rid}: concat {c} != {concat}")
    ports = exp.get("udh", {}).get("ports")
    if ports:
        p = got.get("ports") or {}
        check(p.get("destination") == ports["dest"] and p.get("source") == ports["orig"],
              f"{rid}: ports {p} != {ports}")

# ---- human output names the parts in words ---------------------------------
rc, out, err = run("pdu-decode",
                   "07919730071111F1400B919746121611F10000811170021232230F06080412340202A0FB5BCE268700")
check(rc == 0 and "part 2 of 2" in out and "0x1234" in out and "world!" in out,
      f"human output of a concatenated part: {out!r} {err!r}")

# ---- AT transcripts: <length> is checked (TS 27.005 3.1) ----------------
pdu = "07914151551512F2040B916105551511F100006060605130308A04D4F29C0E"
tpdu_len = len(bytes.fromhex(pdu)) - 1 - bytes.fromhex(pdu)[0]
rc, out, err = run("pdu-decode", "--json", stdin=f"+CMT: ,{tpdu_len}\r\n{pdu}\r\n".encode())
check(rc == 0 and json.loads(out).get("text") == "Test", f"+CMT transcript: {rc} {out!r} {err!r}")
rc, out, err = run("pdu-decode", "--json", stdin=f"+CMT: ,{tpdu_len + 1}\r\n{pdu}\r\n".encode())
check(rc == 1 and "error" in json.loads(out), f"+CMT with a wrong length must fail: {rc} {out!r}")
rc, out, err = run("pdu-decode", "--json", stdin=(
    f"AT+CMGL=4\r\n+CMGL: 1,1,,{tpdu_len}\r\n{pdu}\r\n"
    f"+CMGL: 2,1,,{tpdu_len}\r\n{pdu}\r\nOK\r\n").encode())
check(rc == 0 and len(out.splitlines()) == 2, f"+CMGL listing: {rc} {out!r} {err!r}")

# ---- one bad line does not stop the others; exit 1 ---------------------
rc, out, err = run("pdu-decode", "--json", stdin=f"ZZ\n{pdu}\n# comment\n\n".encode())
lines = out.splitlines()
check(rc == 1 and len(lines) == 2 and "error" in json.loads(lines[0])
      and json.loads(lines[1]).get("text") == "Test", f"mixed input: {rc} {out!r}")

# ---- --reassemble joins the parts of a message ---------------------------
rows = {r["id"]: r for r in vectors("pdu_decode.jsonl")}
parts = [rows[i] for i in ("dec-0063", "dec-0061", "dec-0062")]  # out of order
rc, out, err = run("pdu-decode", "--json", "--reassemble",
                   stdin="\n".join(p["pdu"] for p in parts).encode())
joined = [json.loads(l) for l in out.splitlines() if '"reassembled"' in l]
want = "".join(rows[i]["expect"]["text"] for i in ("dec-0061", "dec-0062", "dec-0063"))
check(rc == 0 and len(joined) == 1 and joined[0].get("text") == want and joined[0]["complete"],
      f"--reassemble: {joined} != {want!r}")
rc, out, err = run("pdu-decode", "--json", "--reassemble", stdin=parts[0]["pdu"].encode())
joined = [json.loads(l) for l in out.splitlines() if '"reassembled"' in l]
check(len(joined) == 1 and not joined[0]["complete"] and joined[0]["missing"] == [1, 2],
      f"--reassemble of an incomplete message: {joined}")

# ---- pdu-encode against the encode vectors ------------------------------
for row in vectors("pdu_encode.jsonl"):
    inp = row["input"]
    if inp["type"] == "submit":
        args = ["--to", number(inp["destination"]), "--text", inp["text"]]
    elif inp["type"] == "deliver":
        args = ["--deliver", "--from", number(inp["originator"]), "--scts", inp["scts"],
                "--text", inp["text"]]
    else:
        continue  # reports and commands are not built by pdu-encode
    rc, out, err = run("pdu-encode", *args)
    want = ("" if row["expect"]["has_smsc"] else "00") + row["expect"]["pdu"]
    check(rc == 0 and out.strip() == want, f"{row['id']}: {out.strip()} != {want} ({err.strip()})")

# ---- pdu-encode: long texts, --json, --at, national tables --------------
text = "0123456789" * 20  # 200 septets: 2 parts of at most 153 (TS 23.040 9.2.3.24.1)
rc, out, err = run("pdu-encode", "--to", "+491234", "--json", "--ref", "66", "--text", text)
obj = json.loads(out) if rc == 0 else {}
check(rc == 0 and len(obj.get("pdus", [])) == 2 and len(obj.get("tpdu_lengths", [])) == 2,
      f"200-character text: {rc} {out!r} {err!r}")
decoded = ""
for i, p in enumerate(obj.get("pdus", [])):
    r2, o2, e2 = run("pdu-decode", "--json", p)
    d = json.loads(o2) if r2 == 0 else {}
    c = d.get("concat") or {}
    check(c.get("ref") == 66 and c.get("total") == 2 and c.get("seq") == i + 1,
          f"part {i + 1} concat {c}")
    check(len(bytes.fromhex(p)) - 1 == obj["tpdu_lengths"][i], f"part {i + 1} tpdu length")
    decoded += d.get("text", "")
check(decoded == text, "parts decode back to the text")

rc, out, err = run("pdu-encode", "--to", "+491234", "--at", "--text", "hi")
lines = out.splitlines()
check(rc == 0 and len(lines) == 2 and lines[0] == "AT+CMGS=%d" % (len(bytes.fromhex(lines[1])) - 1),
      f"--at: {out!r}")

turkish = "\u015feker"  # ş is turkish_locking 0x1D (TS 23.038 A.3.1)
rc, out, err = run("pdu-encode", "--to", "+491234", "--national", "turkish", "--text", turkish)
r2, o2, e2 = run("pdu-decode", "--json", out.strip())
d = json.loads(o2) if r2 == 0 else {}
check(rc == 0 and d.get("encoding") == "gsm7" and d.get("text") == turkish
      and (d.get("national") or {}).get("locking") == "turkish", f"--national turkish: {o2!r} {err}")

# ---- usage errors exit 2; --help and --version exit 0 --------------------
for name in ("pdu-decode", "pdu-encode"):
    rc, out, err = run(name, "--no-such-option")
    check(rc == 2 and err, f"{name}: unknown option must exit 2 with a message")
    rc, out, err = run(name, "--help")
    check(rc == 0 and "Usage" in out, f"{name} --help")
    rc, out, err = run(name, "--version")
    check(rc == 0 and "smskit" in out, f"{name} --version")
rc, out, err = run("pdu-encode", "--text", "hi")
check(rc == 2, "pdu-encode without --to must exit 2")
rc, out, err = run("pdu-encode", "--to", "+49", "--encoding", "gsm7", "--text", "\u4f60")
check(rc == 1 and err, "a character outside --encoding gsm7 must exit 1")

if failures:
    print("\n".join(failures))
    print(f"{len(failures)} failure(s)")
    sys.exit(1)
print("tools: all checks passed")
