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

#endif /* SMSK_TOOLS_CLI_H */
