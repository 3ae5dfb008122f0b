/* SPDX-License-Identifier: MIT */
/*
 * text-demo: run the smskit text core over sample texts and show what it
 * does with each: the preparation (typographic replacements, NFC), the
 * cheapest encoding with and without national tables, the packed user
 * data and the decoded round trip.
 *
 * Usage: text-demo FILE...   (or text on standard input)
 *
 * Uses the public API only. A stand-in for the command-line tools of the
 * TPDU issue (pdu-encode, sms-split), which will replace it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "smskit.h"

#define MAX_TEXT 65536

static size_t read_all(FILE *f, char *buf, size_t cap)
{
    size_t n = 0, k;
    while (n < cap && (k = fread(buf + n, 1, cap - n, f)) > 0)
        n += k;
    return n;
}

static void print_quoted(const char *s, size_t n)
{
    putchar('"');
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\n')
            fputs("\\n", stdout);
        else if (c == '\r')
            fputs("\\r", stdout);
        else if (c == '"' || c == '\\')
            printf("\\%c", c);
        else if (c < 0x20)
            printf("\\x%02x", c);
        else
            putchar(c);
    }
    putchar('"');
}

static void print_hex(const uint8_t *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        printf("%02X", b[i]);
}

static const char *lang(smsk_lang l)
{
    const char *name = smsk_lang_name(l);
    return name != NULL ? name : "?";
}

static void print_choice(const char *label, const smsk_text_info *info)
{
    printf("%-10s %s", label, smsk_encoding_name(info->encoding));
    if (info->encoding == SMSK_ENC_GSM7) {
        printf(", %zu septets", info->units);
        if (info->shift.locking != SMSK_LANG_DEFAULT || info->shift.single != SMSK_LANG_DEFAULT)
            printf(" (locking %s, single %s; +%zu UDH octets)", lang(info->shift.locking),
                    lang(info->shift.single), info->nl_iei_octets);
    } else if (info->encoding == SMSK_ENC_UCS2) {
        printf(", %zu UTF-16 units (%zu octets)", info->units, info->units * 2);
    } else {
        printf(", %zu octets", info->units);
    }
    putchar('\n');
}

/* Encode with the chosen encoding, decode again and report. */
static int show_user_data(const char *text, size_t len, const smsk_text_info *info)
{
    static uint8_t ud[MAX_TEXT * 4];
    static char back[MAX_TEXT * 4];
    size_t ud_len = 0, back_len = 0, septets = 0;
    smsk_diag d;
    smsk_status st;
    if (info->encoding == SMSK_ENC_GSM7) {
        st = smsk_gsm7_encode_packed(ud, sizeof ud, &ud_len, &septets, text, len, info->shift, 0, 0, &d);
        if (st == SMSK_OK)
            st = smsk_gsm7_decode_packed(back, sizeof back, &back_len, ud, ud_len, septets, info->shift, 0, 0, &d);
    } else if (info->encoding == SMSK_ENC_UCS2) {
        st = smsk_ucs2_encode(ud, sizeof ud, &ud_len, text, len, &d);
        if (st == SMSK_OK)
            st = smsk_ucs2_decode(back, sizeof back, &back_len, ud, ud_len, 0, &d);
    } else {
        return 0;
    }
    if (st != SMSK_OK) {
        fprintf(stderr, "text-demo: %s at byte %zu: %s\n", smsk_strerror(st), d.offset, d.what);
        return 1;
    }
    printf("%-10s ", "user data");
    print_hex(ud, ud_len);
    printf(" (%zu octets)\n", ud_len);
    int same = back_len == len && memcmp(back, text, len) == 0;
    printf("%-10s %s\n", "round trip", same ? "decoded text is identical" : "DIFFERENT");
    return !same;
}

static int demo(const char *name, const char *raw, size_t raw_len)
{
    static char text[MAX_TEXT * 3];
    smsk_replacement repl[64];
    size_t len = 0, n_repl = 0;
    smsk_diag d;
    unsigned flags = SMSK_PREP_SMART | ((smsk_features() & SMSK_FEATURE_ICU) ? SMSK_PREP_NFC : 0u);

    printf("== %s\n%-10s ", name, "text");
    print_quoted(raw, raw_len);
    putchar('\n');
    smsk_status st = smsk_text_prepare(text, sizeof text, &len, raw, raw_len, flags, repl,
            sizeof repl / sizeof repl[0], &n_repl, &d);
    if (st != SMSK_OK) {
        fprintf(stderr, "text-demo: %s: %s at byte %zu: %s\n", name, smsk_strerror(st), d.offset, d.what);
        return 1;
    }
    smsk_text_info as_is, plain, national;
    smsk_text_policy nat = {0, SMSK_LANG_ALL_NATIONAL, SMSK_LANG_ALL_NATIONAL, 0};
    if (smsk_text_choose(&as_is, NULL, 0, raw, raw_len, NULL, &d) != SMSK_OK
            || smsk_text_choose(&plain, NULL, 0, text, len, NULL, &d) != SMSK_OK
            || smsk_text_choose(&national, NULL, 0, text, len, &nat, &d) != SMSK_OK) {
        fprintf(stderr, "text-demo: %s: no encoding at byte %zu\n", name, d.offset);
        return 1;
    }
    printf("%-10s %zu characters\n", "chars", as_is.chars);
    print_choice("as sent", &as_is);
    if (len != raw_len || memcmp(text, raw, len) != 0) {
        printf("%-10s ", "prepared");
        print_quoted(text, len);
        printf(" (%zu replacements%s)\n", n_repl, (flags & SMSK_PREP_NFC) ? ", NFC" : "");
        for (size_t i = 0; i < n_repl && i < sizeof repl / sizeof repl[0]; i++)
            printf("%-10s U+%04X at byte %zu -> \"%s\"\n", "", (unsigned)repl[i].from, repl[i].offset, repl[i].to);
        print_choice("then", &plain);
    }
    if (national.encoding != plain.encoding || national.units != plain.units)
        print_choice("national", &national);
    return show_user_data(text, len, &national);
}

int main(int argc, char **argv)
{
    static char buf[MAX_TEXT];
    int bad = 0;
    if (argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        printf("Usage: %s [FILE...]\nShow how smskit encodes each text (stdin without FILE).\n", argv[0]);
        return 0;
    }
    if (argc > 1 && strcmp(argv[1], "--version") == 0) {
        printf("text-demo (smskit) %s\n", smsk_version());
        return 0;
    }
    if (argc == 1)
        return demo("<stdin>", buf, read_all(stdin, buf, sizeof buf));
    for (int i = 1; i < argc; i++) {
        FILE *f = fopen(argv[i], "rb");
        if (f == NULL) {
            perror(argv[i]);
            bad = 1;
            continue;
        }
        size_t n = read_all(f, buf, sizeof buf);
        fclose(f);
        bad |= demo(argv[i], buf, n);
        putchar('\n');
    }
    return bad;
}
