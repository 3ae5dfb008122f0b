/* SPDX-License-Identifier: MIT */
/*
 * Plumbing shared by the smskit tools: reading the input items, writing
 * JSON Lines, and the exit-status conventions of CLI.md (0 ok, 1 some
 * item could not be decoded, 2 usage). Tools are applications: they may
 * allocate. They use the public API only.
 */
#ifndef SMSK_TOOLS_CLI_H
#define SMSK_TOOLS_CLI_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "smskit.h"

#define CLI_EXIT_OK 0
#define CLI_EXIT_DATA 1
#define CLI_EXIT_USAGE 2

/* Return a failing smskit status from the enclosing function. */
#define CLI_CHECK(expr) \
    do { \
        smsk_status cli_st_ = (expr); \
        if (cli_st_ != SMSK_OK) \
            return cli_st_; \
    } while (0)

/* A growable byte buffer. */
typedef struct cli_buf {
    char *p;
    size_t len, cap;
} cli_buf;

void cli_buf_put(cli_buf *b, const char *s, size_t n);
void cli_buf_puts(cli_buf *b, const char *s);
void cli_buf_printf(cli_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
void cli_buf_free(cli_buf *b);

/* Read all of `f` (or the file at `path`) into `b`. Returns 0 or -1. */
int cli_read_stream(cli_buf *b, FILE *f);
int cli_read_path(cli_buf *b, const char *path);

/*
 * A JSON object writer on a cli_buf: keys in insertion order, strings
 * escaped per RFC 8259 (bytes that are not UTF-8 become U+FFFD).
 */
typedef struct cli_json {
    cli_buf out;
    int depth;
    int first[16];
} cli_json;

void cli_json_begin(cli_json *j);          /* { */
void cli_json_end(cli_json *j);            /* } */
void cli_json_obj(cli_json *j, const char *key);  /* "key": { */
void cli_json_arr(cli_json *j, const char *key);  /* "key": [ */
void cli_json_arr_end(cli_json *j);        /* ] */
void cli_json_str(cli_json *j, const char *key, const char *s, size_t n);
void cli_json_cstr(cli_json *j, const char *key, const char *s);
void cli_json_int(cli_json *j, const char *key, long long v);
void cli_json_bool(cli_json *j, const char *key, int v);
void cli_json_null(cli_json *j, const char *key);
void cli_json_hex(cli_json *j, const char *key, const uint8_t *p, size_t n);
/* Inside an array, pass key NULL to every writer above. */

/* Write the finished object and a newline to `f`, and reset `j`. */
void cli_json_flush(cli_json *j, FILE *f);

/* {"error": ..., "offset": N, "input": ...} as CLI.md specifies. */
void cli_json_error(FILE *f, const char *error, long long offset,
        const char *input, size_t input_len);

/* "what at byte N" from a status and its diagnostics. */
const char *cli_diag_text(char *buf, size_t cap, smsk_status st,
        const smsk_diag *d);

/* Print "prog: message" to stderr and exit 2. */
void cli_usage_fail(const char *prog, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3), noreturn))
#endif
    ;

/* The --version line of every tool. */
void cli_print_version(const char *prog);

/* "+4912..." for international numbers, the text otherwise. */
void cli_addr_text(cli_buf *b, const smsk_addr *a);

/* --national LANG[:single|:locking],... into the policy's masks; exits 2
 * on a bad list. */
void cli_parse_national(const char *prog, smsk_text_policy *p, const char *list);

/* --encoding auto|gsm7|ucs2|8bit into the policy; exits 2 otherwise. */
void cli_parse_encoding(const char *prog, smsk_text_policy *p, const char *e);

/* A concatenation reference that the same message always gets (TS 23.040
 * 9.2.3.24.1 asks only that it differ between messages in flight). */
unsigned cli_default_ref(const char *text, size_t len, const smsk_addr *to, unsigned bits);

/* Decimal 0..max into *out; -1 when it is not one. */
int cli_parse_uint(const char *s, unsigned max, unsigned *out);

/* --port DST[:SRC] (0-65535 each; SRC 0 when absent); exits 2 otherwise. */
void cli_parse_port(const char *prog, const char *v, unsigned *dst, unsigned *src);

/*
 * Call `fn` for every item of `in`: the whole input less one final line
 * end, or with `lines` every line (CR LF or LF). Returns the OR of what
 * `fn` returned.
 */
int cli_for_each_item(const cli_buf *in, int lines,
        int (*fn)(void *ctx, const char *s, size_t n), void *ctx);

#endif /* SMSK_TOOLS_CLI_H */
