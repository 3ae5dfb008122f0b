/* SPDX-License-Identifier: MIT */
/*
 * Gammu (libGammu) as a peer of the PDU, splitting and reassembly
 * benchmarks (bench_pdu.c).
 *
 * How this works:
 *  - Decoding: GSM_DecodePDUFrame() takes the AT PDU octets (SC address
 *    first) and leaves the text in the GSM_SMSMessage as Gammu's
 *    "unicode" (UCS-2 big-endian, two zero octets at the end). smskit
 *    hands out UTF-8, so the fair equivalent is GSM_DecodePDUFrame plus
 *    EncodeUTF8() (unicode -> UTF-8), the call Gammu's own tools make
 *    for UTF-8 output. DecodeUnicodeString() is not used: it converts to
 *    the locale's charset, not necessarily UTF-8. The hex ops first turn
 *    the hex into octets with DecodeHexBin(), as Gammu's AT driver does.
 *  - Encoding: GSM_EncodeSMSFrame() does not write an AT PDU: it fills a
 *    frame laid out by a GSM_SMSMessageLayout (PHONE_SMSSubmit), fields
 *    at fixed offsets. Gammu's AT driver then gathers the fields in TS
 *    23.040 order (SC address, first octet, TP-MR, TP-DA, TP-PID,
 *    TP-DCS, TP-VP, TP-UDL, TP-UD) and hex-encodes them with
 *    EncodeHexBin(); at_pdu() below does that gathering, so a row does
 *    what AT+CMGS needs, as smskit's does. The text goes in as UTF-8
 *    (DecodeUTF8(), UTF-8 -> unicode), since smskit takes UTF-8 too. The
 *    other fields of the message (numbers, validity, TP-MR) are set once,
 *    as a caller sending many messages would.
 *  - Splitting: GSM_EncodeMultiPartSMS() with one
 *    SMS_ConcatenatedAutoTextLong entry chooses GSM 7-bit or UCS-2 (as
 *    smsk_split_plan() chooses) and cuts the text into parts with 8-bit
 *    concatenation UDHs; each part then gets the fixed fields and goes
 *    through GSM_EncodeSMSFrame(), at_pdu() and EncodeHexBin(). Gammu
 *    takes the reference from the clock (GSM_MakeSMSIDFromTime()); the
 *    reference octet of each UDH is overwritten with BENCH_PDU_REF so
 *    that the output can be compared with smskit's.
 *  - Reassembly: each hex part is decoded (DecodeHexBin(),
 *    GSM_DecodePDUFrame()) into a GSM_MultiSMSMessage of its own, the
 *    parts are linked (GSM_LinkSMS(), which allocates the linked
 *    messages), joined (GSM_DecodeMultiPartSMS(), which allocates the
 *    text) and the text is turned into UTF-8 (EncodeUTF8()); what Gammu
 *    allocated is freed.
 *  - EncodeDefault is not needed here; GSM_DecodePDUFrame, GSM_LinkSMS,
 *    EncodeHexBin and DecodeHexBin are in the installed headers.
 *  - Debug output goes to GSM_GetGlobalDebug(), which is off unless a
 *    program turns it on: the state a library caller sees.
 *  - Scratch buffers are static: the benchmark is single-threaded.
 *
 * Built only when pkg-config finds gammu (bench/run.sh), which then
 * defines BENCH_GAMMU_VERSION. Nothing of Gammu's code is copied here.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <gammu.h>

#include "peers_pdu.h"

#ifndef BENCH_GAMMU_VERSION
#define BENCH_GAMMU_VERSION "unknown"
#endif

/* Octets of any one PDU in its frame, and the AT form, with slack. */
#define FRAME 1024
/* Gammu unicode of a 500-character text: two octets a unit, with room
 * for surrogate pairs and the terminator. */
#define UCS_CAP 4096
#define MAX_PARTS 8

static unsigned char number_ucs[64];
static unsigned char smsc_ucs[64];

/* The message that encode_submit_gsm7_hex fills: fixed fields set once. */
static GSM_SMSMessage submit;
static GSM_MultiSMSMessage split_msg;

static GSM_SMSMessage decoded;
static unsigned char octets[FRAME];
static unsigned char frame[FRAME];
static unsigned char at_req[FRAME];
static unsigned char ucs[UCS_CAP];

static GSM_MultiSMSMessage reasm_in[MAX_PARTS];

/* The fields of every submitted part (bench/peers_pdu.h). */
static void set_submit_fields(GSM_SMSMessage *m)
{
    m->PDU = SMS_Submit;
    CopyUnicodeString(m->Number, number_ucs);
    CopyUnicodeString(m->SMSC.Number, smsc_ucs);
    m->SMSC.Validity.Format = SMS_Validity_RelativeFormat;
    m->SMSC.Validity.Relative = (GSM_ValidityPeriod)BENCH_PDU_VP;
    m->MessageReference = (unsigned char)BENCH_PDU_MR;
    m->Class = -1;
    m->ReplaceMessage = 0;
    m->RejectDuplicates = FALSE;
    m->ReplyViaSameSMSC = FALSE;
}

static void init_fields(void)
{
    static int done;
    if (done)
        return;
    done = 1;
    EncodeUnicode(number_ucs, BENCH_PDU_PEER, strlen(BENCH_PDU_PEER));
    EncodeUnicode(smsc_ucs, BENCH_PDU_SMSC, strlen(BENCH_PDU_SMSC));
    GSM_SetDefaultSMSData(&submit);
    set_submit_fields(&submit);
    submit.UDH.Type = UDH_NoUDH;
    submit.Coding = SMS_Coding_Default_No_Compression;
}

/*
 * Gather a PHONE_SMSSubmit frame of `frame_len` octets into the AT PDU
 * order (TS 27.005 3.1, TS 23.040 9.2.2.2) at `dst`; returns its octets.
 */
static size_t at_pdu(unsigned char *dst, const unsigned char *f,
        int frame_len)
{
    const GSM_SMSMessageLayout *l = &PHONE_SMSSubmit;
    size_t n = 0;
    size_t sc = (size_t)f[l->SMSCNumber] + 1u;
    memcpy(dst + n, f + l->SMSCNumber, sc);
    n += sc;
    dst[n++] = f[l->firstbyte];
    dst[n++] = f[l->TPMR];
    /* TP-DA: length in semi-octets, type, the digits' octets. */
    size_t da = ((size_t)f[l->Number] + 1u) / 2u + 2u;
    memcpy(dst + n, f + l->Number, da);
    n += da;
    dst[n++] = f[l->TPPID];
    dst[n++] = f[l->TPDCS];
    dst[n++] = f[l->TPVP];
    dst[n++] = f[l->TPUDL];
    size_t ud = frame_len > l->Text ? (size_t)(frame_len - l->Text) : 0u;
    memcpy(dst + n, f + l->Text, ud);
    return n + ud;
}

/* One submitted message as hex at `out`; returns the hex length. */
static size_t encode_one(GSM_SMSMessage *m, char *out)
{
    int len = 0;
    if (GSM_EncodeSMSFrame(GSM_GetGlobalDebug(), m, frame, PHONE_SMSSubmit,
                &len, TRUE) != ERR_NONE || len <= 0)
        return 0;
    size_t n = at_pdu(at_req, frame, len);
    EncodeHexBin(out, at_req, n);
    return 2 * n;
}

/* The text of the decoded message as UTF-8 at `out`. */
static size_t decode_octets(const unsigned char *pdu, size_t len,
        uint8_t *out)
{
    if (GSM_DecodePDUFrame(GSM_GetGlobalDebug(), &decoded, pdu, len, NULL,
                TRUE) != ERR_NONE)
        return 0;
    EncodeUTF8((char *)out, decoded.Text);
    return strlen((const char *)out);
}

static size_t gammu_dec_bin(const bench_pdu_case *c)
{
    return decode_octets(c->in, c->in_len, c->out);
}

static size_t gammu_dec_hex(const bench_pdu_case *c)
{
    if (c->in_len / 2 > sizeof octets
            || !DecodeHexBin(octets, c->in, c->in_len))
        return 0;
    return decode_octets(octets, c->in_len / 2, c->out);
}

static size_t gammu_encode(const bench_pdu_case *c)
{
    if (c->in_len > UCS_CAP / 4)
        return 0;
    DecodeUTF8(submit.Text, (const char *)c->in, c->in_len);
    return encode_one(&submit, (char *)c->out);
}

static size_t gammu_split(const bench_pdu_case *c)
{
    GSM_MultiPartSMSInfo info;
    if (c->in_len > UCS_CAP / 4)
        return 0;
    DecodeUTF8(ucs, (const char *)c->in, c->in_len);
    GSM_ClearMultiPartSMSInfo(&info);
    info.EntriesNum = 1;
    info.UnicodeCoding = FALSE;
    info.Entries[0].ID = SMS_ConcatenatedAutoTextLong;
    info.Entries[0].Buffer = ucs;
    if (GSM_EncodeMultiPartSMS(GSM_GetGlobalDebug(), &info, &split_msg)
            != ERR_NONE)
        return 0;
    size_t n = 0;
    for (int k = 0; k < split_msg.Number; k++) {
        GSM_SMSMessage *m = &split_msg.SMS[k];
        if (n + 2 * FRAME + 1 > c->out_cap + BENCH_PDU_SLACK)
            return 0;
        set_submit_fields(m);
        /* 05 00 03 ref total seq: TS 23.040 9.2.3.24.1 */
        if (m->UDH.Type == UDH_ConcatenatedMessages && m->UDH.Length >= 6)
            m->UDH.Text[3] = (unsigned char)BENCH_PDU_REF;
        size_t h = encode_one(m, (char *)c->out + n);
        if (h == 0)
            return 0;
        n += h;
        c->out[n++] = '\n';
    }
    return n;
}

static size_t gammu_reasm(const bench_pdu_case *c)
{
    GSM_MultiSMSMessage *in[MAX_PARTS + 1];
    GSM_MultiSMSMessage *out[MAX_PARTS + 2];
    GSM_MultiPartSMSInfo info;
    size_t n = 0;
    if (c->n_parts == 0 || c->n_parts > MAX_PARTS)
        return 0;
    for (size_t k = 0; k < c->n_parts; k++) {
        size_t len = c->part_len[k];
        if (len / 2 > sizeof octets
                || !DecodeHexBin(octets, c->in + c->part_off[k], len))
            return 0;
        if (GSM_DecodePDUFrame(GSM_GetGlobalDebug(), &reasm_in[k].SMS[0],
                    octets, len / 2, NULL, TRUE) != ERR_NONE)
            return 0;
        reasm_in[k].Number = 1;
        in[k] = &reasm_in[k];
    }
    in[c->n_parts] = NULL;
    if (GSM_LinkSMS(GSM_GetGlobalDebug(), in, out, FALSE) != ERR_NONE)
        return 0;
    if (out[0] != NULL && out[1] == NULL
            && GSM_DecodeMultiPartSMS(GSM_GetGlobalDebug(), &info, out[0],
                    FALSE)) {
        if (info.Entries[0].Buffer != NULL) {
            EncodeUTF8((char *)c->out, info.Entries[0].Buffer);
            n = strlen((const char *)c->out);
        }
        GSM_FreeMultiPartSMSInfo(&info);
    }
    for (size_t k = 0; k < MAX_PARTS + 1 && out[k] != NULL; k++)
        free(out[k]);
    return n;
}

size_t bench_gammu_pdu_impls(bench_pdu_impl *v, size_t cap,
        const char **version)
{
    static const bench_pdu_impl mine[] = {
        { BENCH_OP_DEC_GSM7_BIN, "gammu", gammu_dec_bin },
        { BENCH_OP_DEC_GSM7_HEX, "gammu", gammu_dec_hex },
        { BENCH_OP_DEC_UCS2_HEX, "gammu", gammu_dec_hex },
        { BENCH_OP_DEC_CONCAT_HEX, "gammu", gammu_dec_hex },
        { BENCH_OP_ENC_SUBMIT_HEX, "gammu", gammu_encode },
        { BENCH_OP_SPLIT_GSM7, "gammu", gammu_split },
        { BENCH_OP_SPLIT_MIXED, "gammu", gammu_split },
        { BENCH_OP_REASM_4, "gammu", gammu_reasm },
    };
    size_t n = 0;
    init_fields();
    *version = BENCH_GAMMU_VERSION;
    for (; n < sizeof mine / sizeof mine[0] && n < cap; n++)
        v[n] = mine[n];
    return n;
}

/* ----------------------------------------------------------------------
 * Held parts (reasm_pending_100k)
 * -------------------------------------------------------------------- */

static double now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static int decode_hex_into(GSM_SMSMessage *m, const char *hex)
{
    size_t len = strlen(hex);
    if (len / 2 > sizeof octets
            || !DecodeHexBin(octets, (const unsigned char *)hex, len))
        return 0;
    return GSM_DecodePDUFrame(GSM_GetGlobalDebug(), m, octets, len / 2, NULL,
            TRUE) == ERR_NONE;
}

/* Message `i`'s sender and reference: distinct for every message. */
static void set_key(GSM_SMSMessage *m, size_t i)
{
    char num[32];
    int n = snprintf(num, sizeof num, "+49151%07lu",
            (unsigned long)(i % 10000000u));
    EncodeUnicode(m->Number, num, n > 0 ? (size_t)n : 0u);
    m->UDH.ID8bit = (int)(i % 256u);
    m->UDH.Text[3] = (unsigned char)(i % 256u);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

double bench_gammu_link_held_ns(size_t held, const char *part1_hex,
        const char *part2_hex, size_t *bytes_per_part)
{
    enum { REPS = 5 };
    double t[REPS];
    GSM_SMSMessage *p1 = malloc(sizeof *p1), *p2 = malloc(sizeof *p2);
    GSM_MultiSMSMessage **in = calloc(held + 2, sizeof *in);
    GSM_MultiSMSMessage **out = calloc(held + 3, sizeof *out);
    double result = 0;
    size_t made = 0;
    *bytes_per_part = sizeof(GSM_MultiSMSMessage);
    if (p1 == NULL || p2 == NULL || in == NULL || out == NULL
            || !decode_hex_into(p1, part1_hex)
            || !decode_hex_into(p2, part2_hex))
        goto done;
    /* calloc: the untouched SMS[1..] of each stay unmapped zero pages. */
    for (; made < held + 1; made++) {
        in[made] = calloc(1, sizeof(GSM_MultiSMSMessage));
        if (in[made] == NULL)
            goto done;
        in[made]->Number = 1;
        in[made]->SMS[0] = made < held ? *p1 : *p2;
        set_key(&in[made]->SMS[0], made < held ? made : 0);
    }
    in[made] = NULL;
    for (int r = 0; r < REPS; r++) {
        double t0 = now_ns();
        if (GSM_LinkSMS(GSM_GetGlobalDebug(), in, out, FALSE) != ERR_NONE)
            goto done;
        for (size_t k = 0; out[k] != NULL; k++)
            free(out[k]);
        t[r] = now_ns() - t0;
        for (size_t k = 0; k < made; k++)
            in[k]->Processed = FALSE;
    }
    qsort(t, REPS, sizeof t[0], cmp_double);
    result = t[REPS / 2];
done:
    for (size_t k = 0; k < made; k++)
        free(in[k]);
    free(in);
    free(out);
    free(p1);
    free(p2);
    return result;
}
