/* SPDX-License-Identifier: MIT */
/*
 * pdu-decode: decode SMS PDUs (hex, or AT +CMT/+CMGR/+CMGL/+CDS
 * transcripts) into readable fields or JSON Lines. The contract is
 * docs/pdu-decode.1 (from CLI.md). Public API only.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char *prog = "pdu-decode";

typedef struct options {
    int json;
    int smsc;             /* the PDU starts with the SC address */
    smsk_direction dir;
    const char *file;
    smsk_reasm *reasm;    /* --reassemble */
    uint64_t clock;       /* items read so far: the engine's clock */
} options;

static void usage(void)
{
    printf("Usage: %s [OPTION]... [PDU]...\n"
           "Decode SMS PDUs given as hex (one a line on standard input or in\n"
           "FILE when no PDU is given) or AT transcripts in PDU mode (+CMT:,\n"
           "+CMGR:, +CMGL:, +CDS: header line followed by the PDU line).\n"
           "\n"
           "  -f, --file FILE  read PDUs from FILE ('-' for standard input)\n"
           "      --no-smsc    the PDU is a bare TPDU (default: it starts with\n"
           "                   the SC address, as in AT PDU mode)\n"
           "      --mo         sent by the phone: MTI 0 DELIVER-REPORT, 1 SUBMIT,\n"
           "                   2 COMMAND\n"
           "      --mt         from the SMSC: MTI 0 DELIVER, 1 SUBMIT-REPORT,\n"
           "                   2 STATUS-REPORT (default: DELIVER, SUBMIT,\n"
           "                   STATUS-REPORT)\n"
           "      --reassemble also print each concatenated message once all its\n"
           "                   parts were read (incomplete ones at the end)\n"
           "      --json       one JSON object per PDU (JSON Lines)\n"
           "  -h, --help       show this help\n"
           "      --version    show the version\n"
           "\n"
           "Exit status: 0 all PDUs decoded, 1 some could not be, 2 usage error.\n",
            prog);
}

/* ---- field names --------------------------------------------------- */

static const char *ton_name(unsigned ton)
{
    static const char *const names[] = {"unknown", "international", "national",
        "network-specific", "subscriber", "alphanumeric", "abbreviated", "reserved"};
    return ton < 8 ? names[ton] : "?";
}

static const char *npi_name(unsigned npi)
{
    switch (npi) {
    case 0: return "unknown";
    case 1: return "ISDN/E.164";
    case 3: return "data X.121";
    case 4: return "telex";
    case 5: return "SC-specific 5";
    case 6: return "SC-specific 6";
    case 8: return "national";
    case 9: return "private";
    case 10: return "ERMES";
    default: return "reserved";
    }
}

/* The JSON name of the address field of a type (CLI.md). */
static const char *addr_field(smsk_tpdu_type t)
{
    switch (t) {
    case SMSK_TPDU_DELIVER: return "originator";
    case SMSK_TPDU_SUBMIT:
    case SMSK_TPDU_COMMAND: return "destination";
    case SMSK_TPDU_STATUS_REPORT: return "recipient";
    default: return NULL;
    }
}

static int has_scts(smsk_tpdu_type t)
{
    return t == SMSK_TPDU_DELIVER || t == SMSK_TPDU_STATUS_REPORT
           || t == SMSK_TPDU_SUBMIT_REPORT;
}

/* Do PID/DCS/UD exist in this TPDU (reports: only as TP-PI says)? */
static int has_pid(const smsk_tpdu *t)
{
    if (t->type == SMSK_TPDU_DELIVER || t->type == SMSK_TPDU_SUBMIT || t->type == SMSK_TPDU_COMMAND)
        return 1;
    return t->pi_present && (t->pi & SMSK_PI_PID);
}

static int has_dcs(const smsk_tpdu *t)
{
    if (t->type == SMSK_TPDU_DELIVER || t->type == SMSK_TPDU_SUBMIT)
        return 1;
    return t->type != SMSK_TPDU_COMMAND && t->pi_present && (t->pi & SMSK_PI_DCS);
}

/* ---- user data ------------------------------------------------------ */

typedef struct decoded_text {
    char text[SMSK_TPDU_TEXT_MAX];
    size_t len;
    int ok;      /* text decoded */
    const uint8_t *data;
    size_t data_len;
} decoded_text;

static void decode_user_data(decoded_text *d, const smsk_tpdu *t)
{
    d->ok = 0;
    d->len = 0;
    d->data = NULL;
    d->data_len = 0;
    if (!t->has_ud)
        return;
    smsk_tpdu_payload(&d->data, &d->data_len, t);
    if (t->type == SMSK_TPDU_COMMAND)
        return;
    smsk_diag diag;
    d->ok = smsk_tpdu_text(d->text, sizeof d->text, &d->len, t,
                    SMSK_GSM7_LENIENT | SMSK_UCS2_LENIENT, &diag) == SMSK_OK;
}

/* ---- JSON ------------------------------------------------------------ */

static void json_addr(cli_json *j, const char *key, const smsk_addr *a)
{
    cli_buf num = {0};
    cli_addr_text(&num, a);
    cli_json_obj(j, key);
    cli_json_str(j, "number", num.p != NULL ? num.p : "", num.len);
    cli_json_int(j, "ton", a->ton);
    cli_json_int(j, "npi", a->npi);
    cli_json_end(j);
    cli_buf_free(&num);
}

static void json_time(cli_json *j, const char *key, const smsk_time *t)
{
    char iso[32];
    size_t n = 0;
    if (smsk_time_format(iso, sizeof iso, &n, t) == SMSK_OK)
        cli_json_str(j, key, iso, n);
    else
        cli_json_null(j, key);
}

static void json_validity(cli_json *j, const smsk_validity *vp)
{
    switch (vp->format) {
    case SMSK_VPF_NONE:
        cli_json_null(j, "validity");
        return;
    case SMSK_VPF_RELATIVE:
        cli_json_obj(j, "validity");
        cli_json_cstr(j, "format", "relative");
        cli_json_int(j, "seconds", vp->seconds);
        break;
    case SMSK_VPF_ABSOLUTE:
        cli_json_obj(j, "validity");
        cli_json_cstr(j, "format", "absolute");
        json_time(j, "time", &vp->absolute);
        break;
    case SMSK_VPF_ENHANCED:
        cli_json_obj(j, "validity");
        cli_json_cstr(j, "format", "enhanced");
        cli_json_int(j, "evpf", vp->evpf);
        if (vp->evpf >= SMSK_EVPF_RELATIVE && vp->evpf <= SMSK_EVPF_HHMMSS)
            cli_json_int(j, "seconds", vp->seconds);
        cli_json_bool(j, "single_shot", vp->single_shot);
        cli_json_bool(j, "extended", vp->extended);
        cli_json_hex(j, "raw", vp->raw, vp->raw_len);
        break;
    }
    cli_json_end(j);
}

static void json_udh(cli_json *j, const smsk_tpdu *t)
{
    const smsk_udh *u = &t->udh;
    if (!t->udhi) {
        cli_json_null(j, "udh");
        cli_json_null(j, "concat");
        cli_json_null(j, "ports");
        cli_json_null(j, "national");
        return;
    }
    cli_json_arr(j, "udh");
    for (size_t i = 0; i < u->n_ies; i++) {
        cli_json_obj(j, NULL);
        cli_json_int(j, "iei", u->ies[i].iei);
        cli_json_hex(j, "data", u->ies[i].data, u->ies[i].len);
        cli_json_end(j);
    }
    cli_json_arr_end(j);
    if (u->concat_present) {
        cli_json_obj(j, "concat");
        cli_json_int(j, "ref", u->concat_ref);
        cli_json_int(j, "total", u->concat_total);
        cli_json_int(j, "seq", u->concat_seq);
        cli_json_int(j, "ref_bits", u->concat_ref_bits);
        cli_json_end(j);
    } else {
        cli_json_null(j, "concat");
    }
    if (u->concat_ignored)
        cli_json_bool(j, "concat_ignored", 1);
    if (u->ports_present) {
        cli_json_obj(j, "ports");
        cli_json_int(j, "source", u->port_src);
        cli_json_int(j, "destination", u->port_dst);
        cli_json_int(j, "bits", u->port_bits);
        cli_json_end(j);
    } else {
        cli_json_null(j, "ports");
    }
    if (u->nl_locking_present || u->nl_single_present) {
        cli_json_obj(j, "national");
        if (u->nl_locking_present && u->nl_locking != SMSK_LANG_DEFAULT)
            cli_json_cstr(j, "locking", smsk_lang_name(u->nl_locking));
        else
            cli_json_null(j, "locking");
        if (u->nl_single_present && u->nl_single != SMSK_LANG_DEFAULT)
            cli_json_cstr(j, "single", smsk_lang_name(u->nl_single));
        else
            cli_json_null(j, "single");
        cli_json_end(j);
    } else {
        cli_json_null(j, "national");
    }
}

/* The first-octet bits each type has (TS 23.040 9.2.2). */
static void json_flags(cli_json *j, const smsk_tpdu *t)
{
    switch (t->type) {
    case SMSK_TPDU_DELIVER:
        cli_json_bool(j, "mms", t->mms);
        cli_json_bool(j, "lp", t->lp);
        cli_json_bool(j, "sri", t->sri);
        cli_json_bool(j, "udhi", t->udhi);
        cli_json_bool(j, "rp", t->rp);
        break;
    case SMSK_TPDU_SUBMIT:
        cli_json_bool(j, "rd", t->rd);
        cli_json_bool(j, "srr", t->srr);
        cli_json_bool(j, "udhi", t->udhi);
        cli_json_bool(j, "rp", t->rp);
        break;
    case SMSK_TPDU_STATUS_REPORT:
        cli_json_bool(j, "mms", t->mms);
        cli_json_bool(j, "lp", t->lp);
        cli_json_bool(j, "srq", t->srq);
        cli_json_bool(j, "udhi", t->udhi);
        break;
    case SMSK_TPDU_COMMAND:
        cli_json_bool(j, "srr", t->srr);
        cli_json_bool(j, "udhi", t->udhi);
        break;
    default:
        cli_json_bool(j, "udhi", t->udhi);
        break;
    }
}

static void json_tpdu(cli_json *j, const smsk_addr *smsc, int with_smsc, const smsk_tpdu *t)
{
    cli_json_cstr(j, "type", smsk_tpdu_type_name(t->type));
    if (with_smsc) {
        if (smsc->len == 0)
            cli_json_null(j, "smsc");
        else
            json_addr(j, "smsc", smsc);
    }
    const char *af = addr_field(t->type);
    if (af != NULL)
        json_addr(j, af, &t->addr);
    if (t->type == SMSK_TPDU_SUBMIT || t->type == SMSK_TPDU_STATUS_REPORT || t->type == SMSK_TPDU_COMMAND)
        cli_json_int(j, "mr", t->mr);
    if (has_pid(t))
        cli_json_int(j, "pid", t->pid);
    if (has_dcs(t)) {
        cli_json_int(j, "dcs", t->dcs);
        cli_json_cstr(j, "encoding", smsk_encoding_name(t->dcs_info.encoding));
        if (t->dcs_info.msg_class >= 0)
            cli_json_int(j, "class", t->dcs_info.msg_class);
        else
            cli_json_null(j, "class");
        cli_json_bool(j, "compressed", t->dcs_info.compressed);
    }
    if (has_scts(t->type))
        json_time(j, "scts", &t->scts);
    if (t->type == SMSK_TPDU_STATUS_REPORT) {
        json_time(j, "discharge_time", &t->dt);
        cli_json_int(j, "status", t->st);
        cli_json_cstr(j, "status_text", smsk_tp_status_text(t->st));
    }
    if (t->type == SMSK_TPDU_SUBMIT)
        json_validity(j, &t->vp);
    if (t->fcs_present)
        cli_json_int(j, "fcs", t->fcs);
    if (t->pi_present)
        cli_json_int(j, "pi", t->pi);
    if (t->type == SMSK_TPDU_COMMAND) {
        cli_json_int(j, "command_type", t->ct);
        cli_json_int(j, "message_number", t->mn);
    }
    json_flags(j, t);
    json_udh(j, t);
    decoded_text d;
    decode_user_data(&d, t);
    if (d.ok)
        cli_json_str(j, "text", d.text, d.len);
    else if (d.data != NULL)
        cli_json_hex(j, "data", d.data, d.data_len);
}

/* ---- human output --------------------------------------------------- */

static void print_addr(const char *label, const smsk_addr *a)
{
    cli_buf num = {0};
    cli_addr_text(&num, a);
    printf("  %-12s %s (%s, %s)\n", label, num.p != NULL ? num.p : "", ton_name(a->ton), npi_name(a->npi));
    cli_buf_free(&num);
}

static void print_time(const char *label, const smsk_time *t)
{
    char iso[32];
    size_t n = 0;
    if (smsk_time_format(iso, sizeof iso, &n, t) == SMSK_OK)
        printf("  %-12s %.*s\n", label, (int)n, iso);
}

static void print_udh(const smsk_udh *u)
{
    printf("  %-12s", "UDH");
    const char *sep = " ";
    if (u->concat_present) {
        printf("%spart %u of %u, ref 0x%0*X (%u-bit)", sep, u->concat_seq, u->concat_total,
                u->concat_ref_bits == 16 ? 4 : 2, u->concat_ref, u->concat_ref_bits);
        sep = "; ";
    }
    if (u->concat_ignored) {
        printf("%sconcatenation IE with impossible numbers, ignored (TS 23.040 9.2.3.24.1)", sep);
        sep = "; ";
    }
    if (u->ports_present) {
        printf("%sport %u from %u", sep, u->port_dst, u->port_src);
        sep = "; ";
    }
    if (u->nl_locking_present) {
        printf("%slocking shift %s", sep, smsk_lang_name(u->nl_locking));
        sep = "; ";
    }
    if (u->nl_single_present) {
        printf("%ssingle shift %s", sep, smsk_lang_name(u->nl_single));
        sep = "; ";
    }
    if (u->special_present) {
        printf("%sspecial SMS indication 0x%02X, %u waiting", sep, u->special_type, u->special_count);
        sep = "; ";
    }
    for (size_t i = 0; i < u->n_ies; i++) {
        unsigned iei = u->ies[i].iei;
        if (iei == SMSK_IEI_CONCAT8 || iei == SMSK_IEI_CONCAT16 || iei == SMSK_IEI_PORTS8
                || iei == SMSK_IEI_PORTS16 || iei == SMSK_IEI_NL_SINGLE || iei == SMSK_IEI_NL_LOCKING
                || iei == SMSK_IEI_SPECIAL_SMS)
            continue;
        printf("%sIE 0x%02X [", sep, iei);
        for (size_t k = 0; k < u->ies[i].len; k++)
            printf("%02X", u->ies[i].data[k]);
        printf("]");
        sep = "; ";
    }
    printf("\n");
}

static void print_flags(const smsk_tpdu *t)
{
    printf("  %-12s 0x%02X", "first octet", t->first_octet);
    if (t->mms && (t->type == SMSK_TPDU_DELIVER || t->type == SMSK_TPDU_STATUS_REPORT))
        printf(" MMS(no more)");
    if (t->rp)
        printf(" RP");
    if (t->udhi)
        printf(" UDHI");
    if (t->sri)
        printf(" SRI");
    if (t->srr)
        printf(" SRR");
    if (t->srq)
        printf(" SRQ");
    if (t->rd)
        printf(" RD");
    if (t->lp)
        printf(" LP");
    printf("\n");
}

static void print_tpdu(const smsk_addr *smsc, int with_smsc, const smsk_tpdu *t)
{
    static const char *const labels[] = {"From", "", "To", "", "Recipient", ""};
    printf("%s\n", smsk_tpdu_type_name(t->type));
    if (with_smsc) {
        if (smsc->len == 0)
            printf("  %-12s (none: the modem's default)\n", "SMSC");
        else
            print_addr("SMSC", smsc);
    }
    if (addr_field(t->type) != NULL)
        print_addr(t->type == SMSK_TPDU_COMMAND ? "To" : labels[t->type], &t->addr);
    if (t->type == SMSK_TPDU_SUBMIT || t->type == SMSK_TPDU_STATUS_REPORT || t->type == SMSK_TPDU_COMMAND)
        printf("  %-12s %u\n", "Message ref", t->mr);
    if (has_scts(t->type))
        print_time(t->type == SMSK_TPDU_DELIVER ? "Sent" : "SC time", &t->scts);
    if (t->type == SMSK_TPDU_STATUS_REPORT) {
        print_time("Discharged", &t->dt);
        printf("  %-12s 0x%02X %s\n", "Status", t->st, smsk_tp_status_text(t->st));
    }
    if (t->type == SMSK_TPDU_SUBMIT && t->vp.format == SMSK_VPF_RELATIVE)
        printf("  %-12s %lu s\n", "Validity", (unsigned long)t->vp.seconds);
    if (t->type == SMSK_TPDU_SUBMIT && t->vp.format == SMSK_VPF_ABSOLUTE)
        print_time("Valid until", &t->vp.absolute);
    if (t->type == SMSK_TPDU_SUBMIT && t->vp.format == SMSK_VPF_ENHANCED)
        printf("  %-12s enhanced, format %u\n", "Validity", t->vp.evpf);
    if (t->fcs_present)
        printf("  %-12s 0x%02X\n", "Failure", t->fcs);
    if (t->type == SMSK_TPDU_COMMAND)
        printf("  %-12s type 0x%02X, message %u\n", "Command", t->ct, t->mn);
    if (has_pid(t))
        printf("  %-12s 0x%02X\n", "PID", t->pid);
    if (has_dcs(t)) {
        printf("  %-12s %s", "Coding", smsk_encoding_name(t->dcs_info.encoding));
        if (t->dcs_info.msg_class >= 0)
            printf(", class %d", t->dcs_info.msg_class);
        if (t->dcs_info.compressed)
            printf(", compressed");
        printf(" (DCS 0x%02X)\n", t->dcs);
    }
    print_flags(t);
    if (t->udhi)
        print_udh(&t->udh);
    decoded_text d;
    decode_user_data(&d, t);
    if (d.ok) {
        printf("  %-12s %.*s\n", "Text", (int)d.len, d.text);
    } else if (d.data != NULL) {
        printf("  %-12s ", "Data");
        for (size_t i = 0; i < d.data_len; i++)
            printf("%02X", d.data[i]);
        printf(" (%zu octets)\n", d.data_len);
    }
}

/* ---- one item ---------------------------------------------------------- */

static int report_error(const options *o, smsk_status st, const smsk_diag *d,
        const char *input, size_t input_len)
{
    char msg[256];
    cli_diag_text(msg, sizeof msg, st, d);
    if (o->json) {
        cli_json_error(stdout, msg, (long long)d->offset, input, input_len);
    } else {
        fprintf(stderr, "%s: %.*s: %s\n", prog, (int)(input_len > 80 ? 80 : input_len), input, msg);
    }
    return 1;
}

/* ---- --reassemble ------------------------------------------------------ */

static void print_message(const smsk_reasm_msg *m, void *user)
{
    const options *o = user;
    static char text[SMSK_MAX_PARTS * SMSK_TPDU_TEXT_MAX];
    static uint8_t data[SMSK_MAX_PARTS * SMSK_UD_MAX_OCTETS];
    size_t len = 0;
    int is_text = smsk_reasm_msg_text(text, sizeof text, &len, m) == SMSK_OK;
    if (!is_text && smsk_reasm_msg_data(data, sizeof data, &len, m) != SMSK_OK)
        len = 0;
    cli_buf from = {0};
    cli_addr_text(&from, &m->originator);
    if (o->json) {
        cli_json j;
        cli_json_begin(&j);
        cli_json_cstr(&j, "type", "reassembled");
        cli_json_str(&j, "originator", from.p != NULL ? from.p : "", from.len);
        cli_json_int(&j, "ref", m->ref);
        cli_json_int(&j, "ref_bits", m->ref_bits);
        cli_json_int(&j, "total", m->total);
        cli_json_int(&j, "parts_present", (long long)m->parts_present);
        cli_json_bool(&j, "complete", m->reason == SMSK_REASM_COMPLETE);
        cli_json_arr(&j, "missing");
        for (unsigned i = 0; i < m->total; i++)
            if (!m->present[i])
                cli_json_int(&j, NULL, i + 1);
        cli_json_arr_end(&j);
        cli_json_int(&j, "duplicates", (long long)m->duplicates);
        if (is_text)
            cli_json_str(&j, "text", text, len);
        else
            cli_json_hex(&j, "data", data, len);
        cli_json_end(&j);
        cli_json_flush(&j, stdout);
    } else {
        printf("reassembled from %.*s, ref 0x%X: %zu of %u parts%s\n", (int)from.len,
                from.p != NULL ? from.p : "", m->ref, m->parts_present, m->total,
                m->reason == SMSK_REASM_COMPLETE ? "" : " (incomplete: U+FFFD marks each gap)");
        if (is_text)
            printf("  %-12s %.*s\n", "Text", (int)len, text);
        else
            printf("  %-12s %zu octets\n", "Data", len);
    }
    cli_buf_free(&from);
}

static void reassemble(options *o, const smsk_tpdu *t)
{
    if (o->reasm == NULL || !t->udhi || !t->udh.concat_present)
        return;
    smsk_diag d = {0, SMSK_NO_CODEPOINT, NULL};
    if (smsk_reasm_add(o->reasm, t, ++o->clock, &d) < 0)
        fprintf(stderr, "%s: part not reassembled: %s\n", prog, d.what ? d.what : "error");
}

static void print_result(const options *o, const smsk_addr *smsc, int with_smsc,
        const smsk_tpdu *t)
{
    if (o->json) {
        cli_json j;
        cli_json_begin(&j);
        json_tpdu(&j, smsc, with_smsc, t);
        cli_json_end(&j);
        cli_json_flush(&j, stdout);
    } else {
        print_tpdu(smsc, with_smsc, t);
    }
}

/* An AT transcript item: the header's <length> is checked. */
static int decode_at(const options *o, const smsk_at_pdu *at, const char *input,
        size_t input_len)
{
    uint8_t buf[SMSK_PDU_MAX];
    smsk_addr smsc;
    smsk_tpdu t;
    smsk_diag d = {0, SMSK_NO_CODEPOINT, NULL};
    memset(&smsc, 0, sizeof smsc);
    smsk_status st = smsk_at_pdu_decode(&smsc, &t, buf, sizeof buf, at, o->dir, 0, &d);
    if (st != SMSK_OK)
        return report_error(o, st, &d, input, input_len);
    print_result(o, &smsc, 1, &t); /* t points into buf */
    reassemble((options *)o, &t);
    return 0;
}

static int decode_bytes(const options *o, const uint8_t *pdu, size_t n,
        const char *input, size_t input_len)
{
    smsk_addr smsc;
    smsk_tpdu t;
    smsk_diag d = {0, SMSK_NO_CODEPOINT, NULL};
    memset(&smsc, 0, sizeof smsc);
    smsk_status st = o->smsc ? smsk_pdu_parse(&smsc, &t, pdu, n, o->dir, 0, &d)
                             : smsk_tpdu_parse(&t, pdu, n, o->dir, 0, &d);
    if (st != SMSK_OK)
        return report_error(o, st, &d, input, input_len);
    print_result(o, &smsc, o->smsc, &t);
    reassemble((options *)o, &t);
    return 0;
}

static int decode_hex(const options *o, const char *hex, size_t len)
{
    uint8_t pdu[1024];
    size_t n = 0;
    smsk_diag d = {0, SMSK_NO_CODEPOINT, NULL};
    smsk_status st = smsk_hex_decode(pdu, sizeof pdu, &n, hex, len, &d);
    if (st != SMSK_OK)
        return report_error(o, st, &d, hex, len);
    return decode_bytes(o, pdu, n, hex, len);
}

static size_t line_end(const char *s, size_t len, size_t i)
{
    while (i < len && s[i] != '\n' && s[i] != '\r')
        i++;
    return i;
}

static size_t skip_eol(const char *s, size_t len, size_t i)
{
    if (i < len && s[i] == '\r')
        i++;
    if (i < len && s[i] == '\n')
        i++;
    return i;
}

static int is_blank_or_comment(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    return i == n || s[i] == '#';
}

/* Lines of a modem log that carry no PDU: command echoes, OK, ERROR. */
static int is_modem_chatter(const char *s, size_t n)
{
    if (n >= 2 && (s[0] == 'A' || s[0] == 'a') && (s[1] == 'T' || s[1] == 't'))
        return 1;
    return (n == 2 && memcmp(s, "OK", 2) == 0) || (n >= 5 && memcmp(s, "ERROR", 5) == 0);
}

/* Every PDU of a text, one a line; AT headers take their next line. */
static int decode_text(const options *o, const char *s, size_t len)
{
    int bad = 0;
    size_t i = 0;
    while (i < len) {
        size_t e = line_end(s, len, i);
        if (is_blank_or_comment(s + i, e - i)) {
            i = skip_eol(s, len, e);
            continue;
        }
        if (s[i] == '+') {
            smsk_at_pdu at;
            size_t used = 0;
            smsk_diag d = {0, SMSK_NO_CODEPOINT, NULL};
            smsk_status st = smsk_at_pdu_parse(&at, &used, s + i, len - i, &d);
            if (st == SMSK_OK) {
                bad |= decode_at(o, &at, s + i, used);
                i += used;
                continue;
            }
            if (st != SMSK_E_NOTFOUND) {
                bad |= report_error(o, st, &d, s + i, e - i);
                i = skip_eol(s, len, e);
                continue;
            }
            i = skip_eol(s, len, e); /* another AT response line: skip */
            continue;
        }
        if (is_modem_chatter(s + i, e - i)) {
            i = skip_eol(s, len, e);
            continue;
        }
        bad |= decode_hex(o, s + i, e - i);
        i = skip_eol(s, len, e);
    }
    return bad;
}

int main(int argc, char **argv)
{
    enum { OPT_NO_SMSC = 256, OPT_MO, OPT_MT, OPT_JSON, OPT_VERSION, OPT_REASM };
    static const struct option longopts[] = {
        {"file", required_argument, NULL, 'f'},
        {"no-smsc", no_argument, NULL, OPT_NO_SMSC},
        {"mo", no_argument, NULL, OPT_MO},
        {"mt", no_argument, NULL, OPT_MT},
        {"json", no_argument, NULL, OPT_JSON},
        {"reassemble", no_argument, NULL, OPT_REASM},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, OPT_VERSION},
        {NULL, 0, NULL, 0},
    };
    options o = {0, 1, SMSK_DIR_ANY, NULL, NULL, 0};
    int want_reasm = 0;
    int c;
    while ((c = getopt_long(argc, argv, "f:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'f': o.file = optarg; break;
        case OPT_NO_SMSC: o.smsc = 0; break;
        case OPT_MO: o.dir = SMSK_DIR_MO; break;
        case OPT_MT: o.dir = SMSK_DIR_MT; break;
        case OPT_JSON: o.json = 1; break;
        case OPT_REASM: want_reasm = 1; break;
        case 'h': usage(); return CLI_EXIT_OK;
        case OPT_VERSION: cli_print_version(prog); return CLI_EXIT_OK;
        default: cli_usage_fail(prog, "unknown option");
        }
    }
    smsk_reasm engine;
    void *mem = NULL;
    if (want_reasm) {
        size_t size = smsk_reasm_mem_size(4096); /* parts held at once */
        mem = malloc(size);
        if (mem == NULL || smsk_reasm_init(&engine, mem, size, 0, print_message, &o) != SMSK_OK) {
            fprintf(stderr, "%s: cannot set up reassembly\n", prog);
            return CLI_EXIT_DATA;
        }
        o.reasm = &engine;
    }
    int bad = 0;
    if (o.file != NULL || optind == argc || (optind == argc - 1 && strcmp(argv[optind], "-") == 0)) {
        if (o.file != NULL && optind != argc)
            cli_usage_fail(prog, "give PDUs as arguments or with -f, not both");
        cli_buf in = {0};
        if (cli_read_path(&in, o.file != NULL ? o.file : "-") != 0) {
            fprintf(stderr, "%s: cannot read %s\n", prog, o.file != NULL ? o.file : "standard input");
            return CLI_EXIT_DATA;
        }
        bad = decode_text(&o, in.p, in.len);
        cli_buf_free(&in);
    } else {
        for (int i = optind; i < argc; i++)
            bad |= decode_text(&o, argv[i], strlen(argv[i]));
    }
    if (o.reasm != NULL)
        smsk_reasm_flush(o.reasm); /* what is still incomplete */
    free(mem);
    return bad ? CLI_EXIT_DATA : CLI_EXIT_OK;
}
