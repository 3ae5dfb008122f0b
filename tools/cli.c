/* SPDX-License-Identifier: MIT */
/*
 * Shared plumbing of the tools: buffers, input, JSON Lines output and
 * error reports. See cli.h.
 */
#include "cli.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static void grow(cli_buf *b, size_t need)
{
    if (b->cap - b->len >= need)
        return;
    size_t cap = b->cap ? b->cap : 256;
    while (cap - b->len < need)
        cap *= 2;
    char *p = realloc(b->p, cap);
    if (p == NULL) {
        fputs("out of memory\n", stderr);
        exit(CLI_EXIT_DATA);
    }
    b->p = p;
    b->cap = cap;
}

void cli_buf_put(cli_buf *b, const char *s, size_t n)
{
    grow(b, n + 1);
    if (n > 0)
        memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

void cli_buf_puts(cli_buf *b, const char *s)
{
    cli_buf_put(b, s, strlen(s));
}

void cli_buf_printf(cli_buf *b, const char *fmt, ...)
{
    va_list ap;
    char probe[1];
    va_start(ap, fmt);
    int n = vsnprintf(probe, sizeof probe, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    grow(b, (size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void cli_buf_free(cli_buf *b)
{
    free(b->p);
    b->p = NULL;
    b->len = b->cap = 0;
}

int cli_read_stream(cli_buf *b, FILE *f)
{
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        cli_buf_put(b, chunk, n);
    if (b->p == NULL)
        cli_buf_put(b, "", 0);
    return ferror(f) ? -1 : 0;
}

int cli_read_path(cli_buf *b, const char *path)
{
    if (strcmp(path, "-") == 0)
        return cli_read_stream(b, stdin);
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return -1;
    int r = cli_read_stream(b, f);
    fclose(f);
    return r;
}

/* ---- JSON ---------------------------------------------------------- */

/* Before a value: a comma unless it is the first of its level, then the
 * key. Array elements and top-level values pass key NULL. */
static void put_string(cli_buf *b, const char *s, size_t n);

static void separator(cli_json *j, const char *key)
{
    if (!j->first[j->depth])
        cli_buf_put(&j->out, ",", 1);
    j->first[j->depth] = 0;
    if (key != NULL) {
        put_string(&j->out, key, strlen(key));
        cli_buf_put(&j->out, ":", 1);
    }
}

static void open_level(cli_json *j, const char *key, char bracket)
{
    if (j->depth > 0)
        separator(j, key);
    cli_buf_put(&j->out, &bracket, 1);
    if (j->depth < (int)(sizeof j->first / sizeof j->first[0]) - 1)
        j->depth++;
    j->first[j->depth] = 1;
}

void cli_json_begin(cli_json *j)
{
    memset(j, 0, sizeof *j);
    j->first[0] = 1;
    open_level(j, NULL, '{');
}

void cli_json_end(cli_json *j)
{
    cli_buf_put(&j->out, "}", 1);
    j->depth--;
}

void cli_json_obj(cli_json *j, const char *key)
{
    open_level(j, key, '{');
}

void cli_json_arr(cli_json *j, const char *key)
{
    open_level(j, key, '[');
}

void cli_json_arr_end(cli_json *j)
{
    cli_buf_put(&j->out, "]", 1);
    j->depth--;
}

/* Append `s` as a JSON string: RFC 8259 7, invalid UTF-8 as U+FFFD. */
static void put_string(cli_buf *b, const char *s, size_t n)
{
    cli_buf_put(b, "\"", 1);
    size_t i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\') {
            char esc[2] = {'\\', (char)c};
            cli_buf_put(b, esc, 2);
            i++;
        } else if (c < 0x20) {
            static const char short_esc[] = "btn\0fr";
            if (c >= 8 && c <= 13 && c != 11 && short_esc[c - 8]) {
                char esc[2] = {'\\', short_esc[c - 8]};
                cli_buf_put(b, esc, 2);
            } else {
                cli_buf_printf(b, "\\u%04x", c);
            }
            i++;
        } else if (c < 0x80) {
            cli_buf_put(b, s + i, 1);
            i++;
        } else {
            size_t at = i;
            uint32_t cp;
            if (smsk_utf8_decode_next(s, n, &i, &cp, NULL) == SMSK_OK) {
                cli_buf_put(b, s + at, i - at);
            } else {
                cli_buf_put(b, "\xEF\xBF\xBD", 3);
                i = at + 1;
            }
        }
    }
    cli_buf_put(b, "\"", 1);
}

void cli_json_str(cli_json *j, const char *key, const char *s, size_t n)
{
    separator(j, key);
    put_string(&j->out, s, n);
}

void cli_json_cstr(cli_json *j, const char *key, const char *s)
{
    cli_json_str(j, key, s, strlen(s));
}

void cli_json_int(cli_json *j, const char *key, long long v)
{
    separator(j, key);
    cli_buf_printf(&j->out, "%lld", v);
}

void cli_json_bool(cli_json *j, const char *key, int v)
{
    separator(j, key);
    cli_buf_puts(&j->out, v ? "true" : "false");
}

void cli_json_null(cli_json *j, const char *key)
{
    separator(j, key);
    cli_buf_puts(&j->out, "null");
}

void cli_json_hex(cli_json *j, const char *key, const uint8_t *p, size_t n)
{
    cli_buf hex = {0};
    char two[3];
    for (size_t i = 0; i < n; i++) {
        snprintf(two, sizeof two, "%02X", p[i]);
        cli_buf_put(&hex, two, 2);
    }
    cli_json_str(j, key, hex.p != NULL ? hex.p : "", hex.len);
    cli_buf_free(&hex);
}

void cli_json_flush(cli_json *j, FILE *f)
{
    fwrite(j->out.p, 1, j->out.len, f);
    fputc('\n', f);
    cli_buf_free(&j->out);
    j->depth = 0;
}

void cli_json_error(FILE *f, const char *error, long long offset,
        const char *input, size_t input_len)
{
    cli_json j;
    cli_json_begin(&j);
    cli_json_cstr(&j, "error", error);
    cli_json_int(&j, "offset", offset);
    cli_json_str(&j, "input", input, input_len);
    cli_json_end(&j);
    cli_json_flush(&j, f);
}

const char *cli_diag_text(char *buf, size_t cap, smsk_status st,
        const smsk_diag *d)
{
    if (d->what != NULL)
        snprintf(buf, cap, "%s (%s) at byte %zu", d->what, smsk_strerror(st), d->offset);
    else
        snprintf(buf, cap, "%s", smsk_strerror(st));
    return buf;
}

void cli_usage_fail(const char *prog, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "%s: ", prog);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nTry '%s --help'.\n", prog);
    exit(CLI_EXIT_USAGE);
}

void cli_print_version(const char *prog)
{
    printf("%s (smskit) %s\n", prog, smsk_version());
}

void cli_addr_text(cli_buf *b, const smsk_addr *a)
{
    if (a->ton == SMSK_TON_INTERNATIONAL && a->len > 0)
        cli_buf_put(b, "+", 1);
    cli_buf_put(b, a->text, a->len);
}

/* ---- options shared by pdu-encode and sms-split ------------------------ */

int cli_parse_uint(const char *s, unsigned max, unsigned *out)
{
    unsigned long v = 0;
    if (*s == '\0')
        return -1;
    for (; *s; s++) {
        if (*s < '0' || *s > '9')
            return -1;
        v = v * 10 + (unsigned long)(*s - '0');
        if (v > max)
            return -1;
    }
    *out = (unsigned)v;
    return 0;
}

void cli_parse_national(const char *prog, smsk_text_policy *p, const char *list)
{
    while (*list) {
        const char *end = strchr(list, ',');
        size_t n = end ? (size_t)(end - list) : strlen(list);
        const char *colon = memchr(list, ':', n);
        size_t name_len = colon ? (size_t)(colon - list) : n;
        smsk_lang lang;
        if (smsk_lang_from_name(list, name_len, &lang) != SMSK_OK || lang == SMSK_LANG_DEFAULT)
            cli_usage_fail(prog, "unknown national language '%.*s'", (int)name_len, list);
        int locking = 1, single = 1;
        if (colon) {
            size_t k = n - name_len - 1;
            if (k == 6 && memcmp(colon + 1, "single", 6) == 0)
                locking = 0;
            else if (k == 7 && memcmp(colon + 1, "locking", 7) == 0)
                single = 0;
            else
                cli_usage_fail(prog, "'%.*s': use LANG, LANG:single or LANG:locking", (int)n, list);
        }
        if (locking && smsk_lang_has_locking(lang))
            p->locking_langs |= SMSK_LANG_BIT(lang);
        if (single)
            p->single_langs |= SMSK_LANG_BIT(lang);
        list += n;
        if (*list == ',')
            list++;
    }
}

void cli_parse_encoding(const char *prog, smsk_text_policy *p, const char *e)
{
    if (strcmp(e, "auto") == 0)
        p->encodings = SMSK_ALLOW_GSM7 | SMSK_ALLOW_UCS2;
    else if (strcmp(e, "gsm7") == 0)
        p->encodings = SMSK_ALLOW_GSM7;
    else if (strcmp(e, "ucs2") == 0)
        p->encodings = SMSK_ALLOW_UCS2;
    else if (strcmp(e, "8bit") == 0)
        p->encodings = SMSK_ALLOW_8BIT;
    else
        cli_usage_fail(prog, "--encoding takes auto, gsm7, ucs2 or 8bit");
}

unsigned cli_default_ref(const char *text, size_t len, const smsk_addr *to, unsigned bits)
{
    uint32_t h = 2166136261u; /* FNV-1a */
    for (size_t i = 0; i < len; i++)
        h = (h ^ (uint8_t)text[i]) * 16777619u;
    for (size_t i = 0; to != NULL && i < to->len; i++)
        h = (h ^ (uint8_t)to->text[i]) * 16777619u;
    return bits == 16 ? (h ^ (h >> 16)) & 0xFFFFu : (h ^ (h >> 8) ^ (h >> 16) ^ (h >> 24)) & 0xFFu;
}

void cli_parse_port(const char *prog, const char *v, unsigned *dst, unsigned *src)
{
    char buf[32];
    if (strlen(v) >= sizeof buf)
        cli_usage_fail(prog, "bad --port '%s'", v);
    strcpy(buf, v);
    char *colon = strchr(buf, ':');
    if (colon)
        *colon = '\0';
    *src = 0;
    if (cli_parse_uint(buf, 65535, dst) != 0 || (colon && cli_parse_uint(colon + 1, 65535, src) != 0))
        cli_usage_fail(prog, "bad --port '%s': DST[:SRC], 0-65535", v);
}

static size_t trim_line_end(const char *s, size_t n)
{
    if (n > 0 && s[n - 1] == '\n')
        n--;
    if (n > 0 && s[n - 1] == '\r')
        n--;
    return n;
}

int cli_for_each_item(const cli_buf *in, int lines,
        int (*fn)(void *ctx, const char *s, size_t n), void *ctx)
{
    if (!lines)
        return fn(ctx, in->p, trim_line_end(in->p, in->len));
    int bad = 0;
    for (size_t i = 0; i < in->len;) {
        size_t e = i;
        while (e < in->len && in->p[e] != '\n')
            e++;
        bad |= fn(ctx, in->p + i, trim_line_end(in->p + i, e - i + (e < in->len)));
        i = e + 1;
    }
    return bad;
}
