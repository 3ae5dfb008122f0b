/* SPDX-License-Identifier: MIT */
/*
 * pdu-encode: build SMS-SUBMIT (or SMS-DELIVER) PDUs in AT PDU mode hex
 * from a text or data; long texts become all their concatenated parts.
 * The contract is docs/pdu-encode.1 (from CLI.md). Public API only.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"

static const char *prog = "pdu-encode";

typedef struct options {
    int json, lines, deliver, at, srr, ref16, normalize;
    int has_ref, has_port, has_class, has_scts;
    const char *to, *from, *text, *data_hex, *smsc, *udh_hex, *file;
    smsk_text_policy policy;
    unsigned ref, mr, msg_class, port_dst, port_src;
    smsk_validity vp;
    smsk_time scts;
} options;

static void usage(void)
{
    printf("Usage: %s --to NUMBER [OPTION]... [--text TEXT]\n"
           "Build SMS-SUBMIT PDUs (hex, with the SC address, one a line); a long\n"
           "text becomes all its concatenated parts. The text comes from --text,\n"
           "or from FILE / standard input as one item (--lines: one a line).\n"
           "\n"
           "  --to NUMBER        destination (+ for international)\n"
           "  --deliver          build SMS-DELIVER instead (for tests); --from\n"
           "  --from NUMBER      originator of an SMS-DELIVER\n"
           "  --scts TIME        SMS-DELIVER time stamp, ISO 8601 (default: now, UTC)\n"
           "  --text TEXT        the message text (UTF-8)\n"
           "  --data HEX         8-bit data instead of text\n"
           "  --smsc NUMBER      SC address (default: none, the octet 00)\n"
           "  --encoding E       auto (default), gsm7, ucs2 or 8bit\n"
           "  --national L,...   allow national tables: turkish, spanish, portuguese,\n"
           "                     bengali, gujarati, hindi, kannada, malayalam, oriya,\n"
           "                     punjabi, tamil, telugu, urdu; LANG:single or\n"
           "                     LANG:locking allows one table only\n"
           "  --class N          message class 0-3\n"
           "  --validity V       relative (1d, 12h, 30m, 2w) or an ISO 8601 time\n"
           "  --srr              request a status report\n"
           "  --mr N             message reference (default 0)\n"
           "  --port DST[:SRC]   application ports (16-bit)\n"
           "  --udh HEX          extra information elements (IEI, length, data...)\n"
           "  --ref N            concatenation reference (default: from the text)\n"
           "  --ref16            16-bit concatenation reference\n"
           "  --no-normalize     do not NFC-normalise the text first\n"
           "  --at               print AT+CMGS=<length> before each PDU\n"
           "  -f, --file FILE    read the text from FILE\n"
           "  --lines            every input line is its own message\n"
           "  --json             {\"pdus\": [...], \"tpdu_lengths\": [...]} per message\n"
           "  -h, --help, --version\n"
           "\n"
           "Exit status: 0 all encoded, 1 some message could not be, 2 usage error.\n",
            prog);
}

/* ---- option values ---------------------------------------------------- */

/* "1d", "12h", "30m", "2w", "90s": relative; anything else ISO 8601. */
static void parse_validity(options *o, const char *v)
{
    size_t n = strlen(v);
    unsigned count;
    char unit = n ? v[n - 1] : 0;
    static const struct { char unit; unsigned seconds; } units[] = {
        {'s', 1}, {'m', 60}, {'h', 3600}, {'d', 86400}, {'w', 604800}};
    for (size_t k = 0; k < sizeof units / sizeof units[0]; k++) {
        char digits[16];
        if (unit != units[k].unit || n < 2 || n > sizeof digits)
            continue;
        memcpy(digits, v, n - 1);
        digits[n - 1] = '\0';
        if (cli_parse_uint(digits, 0xFFFFFFFFu / units[k].seconds, &count) != 0)
            cli_usage_fail(prog, "bad --validity '%s'", v);
        uint8_t octet = smsk_vp_relative_from_seconds(count * units[k].seconds);
        memset(&o->vp, 0, sizeof o->vp);
        o->vp.format = SMSK_VPF_RELATIVE;
        o->vp.seconds = smsk_vp_relative_seconds(octet);
        o->vp.raw[0] = octet;
        o->vp.raw_len = 1;
        return;
    }
    smsk_diag d;
    memset(&o->vp, 0, sizeof o->vp);
    if (smsk_time_parse(&o->vp.absolute, v, n, &d) != SMSK_OK
            || smsk_scts_build(o->vp.raw, &o->vp.absolute) != SMSK_OK)
        cli_usage_fail(prog, "bad --validity '%s': use 1d, 12h, 30m or an ISO 8601 time", v);
    o->vp.format = SMSK_VPF_ABSOLUTE;
    o->vp.raw_len = 7;
}

static void now_utc(smsk_time *t)
{
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    t->year = (unsigned)tm.tm_year + 1900;
    t->month = (unsigned)tm.tm_mon + 1;
    t->day = (unsigned)tm.tm_mday;
    t->hour = (unsigned)tm.tm_hour;
    t->minute = (unsigned)tm.tm_min;
    t->second = (unsigned)(tm.tm_sec > 59 ? 59 : tm.tm_sec);
    t->tz_minutes = 0;
}

/* ---- one message ----------------------------------------------------- */

typedef struct message {
    smsk_udh extra;              /* --udh and --port elements */
    uint8_t extra_bytes[SMSK_UD_MAX_OCTETS];
    size_t extra_len;            /* octets of those elements */
    smsk_addr smsc, addr;
} message;

typedef struct outputs {
    cli_buf pdus;   /* hex lines or JSON array items */
    cli_json json;
} outputs;

static int fail(const options *o, const char *what, smsk_status st, const smsk_diag *d,
        const char *input, size_t len)
{
    char msg[256];
    if (d != NULL && d->what != NULL)
        cli_diag_text(msg, sizeof msg, st, d);
    else
        snprintf(msg, sizeof msg, "%s: %s", what, smsk_strerror(st));
    if (o->json)
        cli_json_error(stdout, msg, d != NULL ? (long long)d->offset : 0, input, len);
    else
        fprintf(stderr, "%s: %s\n", prog, msg);
    return 1;
}

static void base_tpdu(const options *o, const message *m, smsk_tpdu *t)
{
    memset(t, 0, sizeof *t);
    t->type = o->deliver ? SMSK_TPDU_DELIVER : SMSK_TPDU_SUBMIT;
    t->addr = m->addr;
    t->mr = o->mr;
    t->srr = o->srr;
    t->dcs = o->has_class ? (uint8_t)(0x10u | o->msg_class) : 0; /* TS 23.038 4: class bits */
    if (o->deliver) {
        t->mms = 1; /* no more messages waiting */
        t->scts = o->scts;
    } else {
        t->vp = o->vp;
        t->vpf = o->vp.format;
    }
}

/* The UDH of part `seq` of `total`: extra elements, national IEs, concat. */
static smsk_status part_udh(smsk_udh *u, const message *m, smsk_gsm7_shift shift,
        unsigned ref, unsigned ref_bits, size_t total, size_t seq)
{
    smsk_udh_init(u);
    for (size_t i = 0; i < m->extra.n_ies; i++)
        CLI_CHECK(smsk_udh_add(u, m->extra.ies[i].iei, m->extra.ies[i].data, m->extra.ies[i].len));
    if (shift.locking != SMSK_LANG_DEFAULT || shift.single != SMSK_LANG_DEFAULT)
        CLI_CHECK(smsk_udh_add_shift(u, shift));
    if (total > 1)
        CLI_CHECK(smsk_udh_add_concat(u, ref, (unsigned)total, (unsigned)seq, ref_bits));
    return SMSK_OK;
}

static smsk_status emit_pdu(const options *o, const message *m, const smsk_tpdu *t, outputs *out,
        smsk_diag *d)
{
    uint8_t pdu[SMSK_PDU_MAX];
    size_t len = 0, tpdu_len = 0;
    smsk_status st = smsk_pdu_build(pdu, sizeof pdu, &len, &tpdu_len, m->smsc.len ? &m->smsc : NULL, t, d);
    if (st != SMSK_OK)
        return st;
    if (o->json) {
        cli_json_hex(&out->json, NULL, pdu, len);
        cli_buf_printf(&out->pdus, "%s%zu", out->pdus.len ? "," : "", tpdu_len);
        return SMSK_OK;
    }
    if (o->at)
        cli_buf_printf(&out->pdus, "AT+CMGS=%zu\n", tpdu_len);
    char hex[2 * SMSK_PDU_MAX + 1];
    size_t hex_len = 0;
    smsk_hex_encode(hex, sizeof hex, &hex_len, pdu, len);
    cli_buf_put(&out->pdus, hex, hex_len);
    cli_buf_put(&out->pdus, "\n", 1);
    return SMSK_OK;
}

static int encode_text(const options *o, message *m, const char *text, size_t len, outputs *out)
{
    smsk_diag d = {0, SMSK_NO_CODEPOINT, NULL};
    smsk_split_opts so = {o->policy, o->ref16 ? 16u : 8u, m->extra_len, 0};
    smsk_split_info info;
    static smsk_segment segs[SMSK_MAX_PARTS];
    smsk_status st = smsk_split_plan(segs, SMSK_MAX_PARTS, &info, text, len, &so, &d);
    if (st != SMSK_OK)
        return fail(o, "split", st, &d, text, len);
    unsigned ref_bits = o->ref16 ? 16u : 8u;
    unsigned ref = o->has_ref ? o->ref : cli_default_ref(text, len, &m->addr, ref_bits);
    for (size_t k = 0; k < info.segments; k++) {
        smsk_tpdu t;
        smsk_udh u;
        uint8_t ud[SMSK_UD_MAX_OCTETS];
        base_tpdu(o, m, &t);
        st = part_udh(&u, m, info.text.shift, ref, ref_bits, info.segments, k + 1);
        if (st == SMSK_OK)
            st = smsk_tpdu_set_text(&t, ud, sizeof ud, &u, text + segs[k].offset, segs[k].len,
                    info.text.encoding, info.text.shift, &d);
        if (st == SMSK_OK)
            st = emit_pdu(o, m, &t, out, &d);
        if (st != SMSK_OK)
            return fail(o, "part", st, &d, text, len);
    }
    return 0;
}

static int encode_data(const options *o, message *m, const uint8_t *data, size_t len, outputs *out)
{
    smsk_diag d = {0, SMSK_NO_CODEPOINT, NULL};
    size_t single = SMSK_UD_MAX_OCTETS - (m->extra_len ? m->extra_len + 1 : 0);
    size_t per = SMSK_UD_MAX_OCTETS - (m->extra_len + (o->ref16 ? 6u : 5u) + 1);
    size_t parts = len <= single ? 1 : (len + per - 1) / per;
    if (parts > SMSK_MAX_PARTS)
        return fail(o, "data longer than 255 parts", SMSK_E_RANGE, NULL, "", 0);
    unsigned ref_bits = o->ref16 ? 16u : 8u;
    unsigned ref = o->has_ref ? o->ref : cli_default_ref((const char *)data, len, &m->addr, ref_bits);
    smsk_gsm7_shift none = {SMSK_LANG_DEFAULT, SMSK_LANG_DEFAULT};
    for (size_t k = 0; k < parts; k++) {
        size_t off = parts == 1 ? 0 : k * per;
        size_t n = parts == 1 ? len : (len - off < per ? len - off : per);
        smsk_tpdu t;
        smsk_udh u;
        uint8_t ud[SMSK_UD_MAX_OCTETS];
        base_tpdu(o, m, &t);
        smsk_status st = part_udh(&u, m, none, ref, ref_bits, parts, k + 1);
        if (st == SMSK_OK)
            st = smsk_tpdu_set_data(&t, ud, sizeof ud, &u, data + off, n, &d);
        if (st == SMSK_OK)
            st = emit_pdu(o, m, &t, out, &d);
        if (st != SMSK_OK)
            return fail(o, "part", st, &d, "", 0);
    }
    return 0;
}

static int encode_item(const options *o, message *m, const char *text, size_t len)
{
    outputs out;
    memset(&out, 0, sizeof out);
    if (o->json) {
        cli_json_begin(&out.json);
        cli_json_arr(&out.json, "pdus");
    }
    int bad;
    if (o->data_hex != NULL) {
        uint8_t data[SMSK_MAX_PARTS * SMSK_UD_MAX_OCTETS];
        size_t n = 0;
        smsk_diag d = {0, SMSK_NO_CODEPOINT, NULL};
        smsk_status st = smsk_hex_decode(data, sizeof data, &n, o->data_hex, strlen(o->data_hex), &d);
        bad = st != SMSK_OK ? fail(o, "--data", st, &d, o->data_hex, strlen(o->data_hex))
                            : encode_data(o, m, data, n, &out);
    } else {
        char *prepared = NULL;
        const char *t = text;
        size_t n = len;
        if (o->normalize && (smsk_features() & SMSK_FEATURE_ICU)) {
            /* the same NFC as sms-split, so counts and parts agree */
            smsk_diag d = {0, SMSK_NO_CODEPOINT, NULL};
            size_t cap = 3 * len + 16;
            prepared = malloc(cap);
            smsk_status st = prepared != NULL
                                     ? smsk_text_prepare(prepared, cap, &n, text, len, SMSK_PREP_NFC, NULL, 0, NULL, &d)
                                     : SMSK_E_NOSPACE;
            if (st != SMSK_OK) {
                free(prepared);
                return fail(o, "text", st, &d, text, len);
            }
            t = prepared;
        }
        bad = encode_text(o, m, t, n, &out);
        free(prepared);
    }
    if (o->json) {
        cli_json_arr_end(&out.json);
        if (!bad) {
            cli_json_arr(&out.json, "tpdu_lengths");
            cli_buf_put(&out.json.out, out.pdus.p != NULL ? out.pdus.p : "", out.pdus.len);
            cli_json_arr_end(&out.json);
            cli_json_end(&out.json);
            cli_json_flush(&out.json, stdout);
        } else {
            cli_buf_free(&out.json.out);
        }
    } else if (!bad) {
        fwrite(out.pdus.p, 1, out.pdus.len, stdout);
    }
    cli_buf_free(&out.pdus);
    return bad;
}

typedef struct encode_ctx {
    const options *o;
    message *m;
} encode_ctx;

static int encode_cb(void *ctx, const char *s, size_t n)
{
    encode_ctx *c = ctx;
    return encode_item(c->o, c->m, s, n);
}

/* ---- set-up ------------------------------------------------------------ */

static void parse_number(const char *opt, const char *v, smsk_addr *a)
{
    if (smsk_addr_from_string(a, v, strlen(v)) != SMSK_OK)
        cli_usage_fail(prog, "bad %s '%s'", opt, v);
}

/* --udh elements and --port into m->extra (they repeat in every part). */
static void extra_elements(const options *o, message *m)
{
    smsk_udh_init(&m->extra);
    m->extra_len = 0;
    if (o->udh_hex != NULL) {
        size_t n = 0;
        smsk_diag d = {0, SMSK_NO_CODEPOINT, NULL};
        if (smsk_hex_decode(m->extra_bytes + 1, sizeof m->extra_bytes - 1, &n, o->udh_hex,
                    strlen(o->udh_hex), &d) != SMSK_OK || n == 0 || n > 128)
            cli_usage_fail(prog, "bad --udh '%s'", o->udh_hex);
        m->extra_bytes[0] = (uint8_t)n; /* UDHL, to read the elements */
        if (smsk_udh_parse(&m->extra, m->extra_bytes, n + 1, &d) != SMSK_OK)
            cli_usage_fail(prog, "bad --udh '%s': %s", o->udh_hex, d.what ? d.what : "malformed");
        m->extra_len = n;
    }
    if (o->has_port) {
        if (smsk_udh_add_ports(&m->extra, o->port_dst, o->port_src, 16) != SMSK_OK)
            cli_usage_fail(prog, "--port cannot be combined with these --udh elements");
        m->extra_len += 6;
    }
}

int main(int argc, char **argv)
{
    enum { O_TO = 256, O_FROM, O_TEXT, O_DATA, O_SMSC, O_ENC, O_NAT, O_CLASS, O_VALID, O_SRR, O_MR,
        O_PORT, O_UDH, O_REF, O_REF16, O_SCTS, O_AT, O_DELIVER, O_JSON, O_LINES, O_NONORM, O_VERSION };
    static const struct option longopts[] = {
        {"to", required_argument, NULL, O_TO}, {"from", required_argument, NULL, O_FROM},
        {"text", required_argument, NULL, O_TEXT}, {"data", required_argument, NULL, O_DATA},
        {"smsc", required_argument, NULL, O_SMSC}, {"encoding", required_argument, NULL, O_ENC},
        {"national", required_argument, NULL, O_NAT}, {"class", required_argument, NULL, O_CLASS},
        {"validity", required_argument, NULL, O_VALID}, {"srr", no_argument, NULL, O_SRR},
        {"mr", required_argument, NULL, O_MR}, {"port", required_argument, NULL, O_PORT},
        {"udh", required_argument, NULL, O_UDH}, {"ref", required_argument, NULL, O_REF},
        {"ref16", no_argument, NULL, O_REF16}, {"scts", required_argument, NULL, O_SCTS},
        {"at", no_argument, NULL, O_AT}, {"deliver", no_argument, NULL, O_DELIVER},
        {"json", no_argument, NULL, O_JSON}, {"lines", no_argument, NULL, O_LINES},
        {"no-normalize", no_argument, NULL, O_NONORM}, {"file", required_argument, NULL, 'f'},
        {"help", no_argument, NULL, 'h'}, {"version", no_argument, NULL, O_VERSION},
        {NULL, 0, NULL, 0},
    };
    options o;
    memset(&o, 0, sizeof o);
    o.normalize = 1;
    int c;
    while ((c = getopt_long(argc, argv, "f:h", longopts, NULL)) != -1) {
        switch (c) {
        case O_TO: o.to = optarg; break;
        case O_FROM: o.from = optarg; break;
        case O_TEXT: o.text = optarg; break;
        case O_DATA: o.data_hex = optarg; break;
        case O_SMSC: o.smsc = optarg; break;
        case O_ENC: cli_parse_encoding(prog, &o.policy, optarg); break;
        case O_NAT: cli_parse_national(prog, &o.policy, optarg); break;
        case O_CLASS:
            if (cli_parse_uint(optarg, 3, &o.msg_class) != 0)
                cli_usage_fail(prog, "--class takes 0-3");
            o.has_class = 1;
            break;
        case O_VALID: parse_validity(&o, optarg); break;
        case O_SRR: o.srr = 1; break;
        case O_MR:
            if (cli_parse_uint(optarg, 255, &o.mr) != 0)
                cli_usage_fail(prog, "--mr takes 0-255");
            break;
        case O_PORT:
            cli_parse_port(prog, optarg, &o.port_dst, &o.port_src);
            o.has_port = 1;
            break;
        case O_UDH: o.udh_hex = optarg; break;
        case O_REF:
            if (cli_parse_uint(optarg, 65535, &o.ref) != 0)
                cli_usage_fail(prog, "--ref takes 0-65535");
            o.has_ref = 1;
            break;
        case O_REF16: o.ref16 = 1; break;
        case O_SCTS: {
            smsk_diag d;
            if (smsk_time_parse(&o.scts, optarg, strlen(optarg), &d) != SMSK_OK)
                cli_usage_fail(prog, "bad --scts '%s': use ISO 8601", optarg);
            o.has_scts = 1;
            break;
        }
        case O_AT: o.at = 1; break;
        case O_DELIVER: o.deliver = 1; break;
        case O_JSON: o.json = 1; break;
        case O_LINES: o.lines = 1; break;
        case O_NONORM: o.normalize = 0; break;
        case 'f': o.file = optarg; break;
        case 'h': usage(); return CLI_EXIT_OK;
        case O_VERSION: cli_print_version(prog); return CLI_EXIT_OK;
        default: cli_usage_fail(prog, "unknown option");
        }
    }
    if (o.ref > 255 && !o.ref16)
        cli_usage_fail(prog, "--ref above 255 needs --ref16");
    message m;
    memset(&m, 0, sizeof m);
    if (o.deliver) {
        if (o.from == NULL)
            cli_usage_fail(prog, "--deliver needs --from");
        parse_number("--from", o.from, &m.addr);
        if (!o.has_scts)
            now_utc(&o.scts);
    } else {
        if (o.to == NULL)
            cli_usage_fail(prog, "--to is required");
        parse_number("--to", o.to, &m.addr);
    }
    if (o.smsc != NULL)
        parse_number("--smsc", o.smsc, &m.smsc);
    extra_elements(&o, &m);

    if (o.text != NULL || o.data_hex != NULL) {
        if (optind != argc || o.file != NULL)
            cli_usage_fail(prog, "give the text once: --text, --data, a file or standard input");
        return encode_item(&o, &m, o.text ? o.text : "", o.text ? strlen(o.text) : 0) ? CLI_EXIT_DATA
                                                                                         : CLI_EXIT_OK;
    }
    const char *path = o.file != NULL ? o.file : optind < argc ? argv[optind] : "-";
    if (optind < argc && (o.file != NULL || optind + 1 < argc))
        cli_usage_fail(prog, "one input file at most");
    cli_buf in = {0};
    if (cli_read_path(&in, path) != 0) {
        fprintf(stderr, "%s: cannot read %s\n", prog, path);
        return CLI_EXIT_DATA;
    }
    encode_ctx ctx = {&o, &m};
    int bad = cli_for_each_item(&in, o.lines, encode_cb, &ctx);
    cli_buf_free(&in);
    return bad ? CLI_EXIT_DATA : CLI_EXIT_OK;
}
