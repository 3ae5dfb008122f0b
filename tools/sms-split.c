/* SPDX-License-Identifier: MIT */
/*
 * sms-split: how many parts a text takes, in which encoding, and where
 * each part ends and why. The contract is docs/man/sms-split.1 (from
 * CLI.md). Public API only.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char *prog = "sms-split";

typedef struct options {
    int json, lines, count, explain, smart, normalize, has_port;
    unsigned port_dst, port_src;
    const char *file;
    smsk_split_opts split;
} options;

static void usage(void)
{
    printf("Usage: %s [OPTION]... [FILE]\n"
           "Count and split texts into SMS parts: the cheapest encoding, the parts,\n"
           "their units and UDH. The text is FILE or standard input as one item\n"
           "(--lines: one a line), or --text TEXT.\n"
           "\n"
           "  --text TEXT        the text (UTF-8)\n"
           "  --encoding E       auto (default), gsm7, ucs2 or 8bit\n"
           "  --national L,...   allow national tables (turkish, spanish, portuguese,\n"
           "                     bengali, gujarati, hindi, kannada, malayalam, oriya,\n"
           "                     punjabi, tamil, telugu, urdu; LANG:single, LANG:locking)\n"
           "  --ref16            16-bit concatenation reference\n"
           "  --port DST[:SRC]   application ports in every part\n"
           "  --no-normalize     do not NFC-normalise first (ICU builds do by default)\n"
           "  --smart            replace typographic characters with GSM ones\n"
           "  --count            counts only\n"
           "  --explain          show where each part ends and why\n"
           "  -f, --file FILE    read the text from FILE\n"
           "  --lines            every input line is its own text\n"
           "  --json             one JSON object per text\n"
           "  -h, --help, --version\n"
           "\n"
           "Exit status: 0 ok, 1 some text could not be split, 2 usage error.\n",
            prog);
}

static const char *reason_text(smsk_split_reason r)
{
    switch (r) {
    case SMSK_SPLIT_END: return "end of text";
    case SMSK_SPLIT_FULL: return "limit reached";
    case SMSK_SPLIT_ESCAPE: return "escape kept whole";
    case SMSK_SPLIT_SURROGATE: return "surrogate pair kept whole";
    case SMSK_SPLIT_CLUSTER: return "cluster kept whole";
    }
    return "?";
}

static const char *unit_name(smsk_encoding e)
{
    return e == SMSK_ENC_GSM7 ? "septets" : e == SMSK_ENC_UCS2 ? "UTF-16 units" : "octets";
}

/* The UDH of part `seq` of `total` (NULL elements when single, no IEs). */
static smsk_status part_udh(uint8_t *dst, size_t cap, size_t *len, const options *o,
        const smsk_split_info *info, unsigned ref, size_t seq)
{
    smsk_udh u;
    smsk_udh_init(&u);
    if (o->has_port)
        CLI_CHECK(smsk_udh_add_ports(&u, o->port_dst, o->port_src, 16));
    CLI_CHECK(smsk_udh_add_shift(&u, info->text.shift));
    if (info->segments > 1)
        CLI_CHECK(smsk_udh_add_concat(&u, ref, (unsigned)info->segments, (unsigned)seq,
                o->split.ref_bits ? o->split.ref_bits : 8));
    return smsk_udh_build(dst, cap, len, &u);
}

static int fail(const options *o, smsk_status st, const smsk_diag *d, const char *in, size_t len)
{
    char msg[256];
    cli_diag_text(msg, sizeof msg, st, d);
    if (o->json)
        cli_json_error(stdout, msg, (long long)d->offset, in, len);
    else
        fprintf(stderr, "%s: %s\n", prog, msg);
    return 1;
}

static void json_national(cli_json *j, smsk_gsm7_shift sh)
{
    if (sh.locking == SMSK_LANG_DEFAULT && sh.single == SMSK_LANG_DEFAULT) {
        cli_json_null(j, "national");
        return;
    }
    cli_json_obj(j, "national");
    if (sh.locking != SMSK_LANG_DEFAULT)
        cli_json_cstr(j, "locking", smsk_lang_name(sh.locking));
    else
        cli_json_null(j, "locking");
    if (sh.single != SMSK_LANG_DEFAULT)
        cli_json_cstr(j, "single", smsk_lang_name(sh.single));
    else
        cli_json_null(j, "single");
    cli_json_end(j);
}

static void print_summary(const smsk_split_info *info)
{
    printf("%s", smsk_encoding_name(info->text.encoding));
    if (info->text.shift.locking != SMSK_LANG_DEFAULT)
        printf(" (locking %s)", smsk_lang_name(info->text.shift.locking));
    if (info->text.shift.single != SMSK_LANG_DEFAULT)
        printf(" (single %s)", smsk_lang_name(info->text.shift.single));
    printf(": %zu characters, %zu %s, %zu segment%s of %zu, %zu left in the last\n",
            info->text.chars, info->text.units, unit_name(info->text.encoding), info->segments,
            info->segments == 1 ? "" : "s", info->per_segment, info->remaining);
}

static int split_item(const options *o, const char *raw, size_t raw_len)
{
    smsk_diag d = {0, SMSK_NO_CODEPOINT, NULL};
    smsk_replacement repl[256];
    size_t n_repl = 0, len = 0;
    unsigned prep = (o->smart ? SMSK_PREP_SMART : 0u)
                    | (o->normalize && (smsk_features() & SMSK_FEATURE_ICU) ? SMSK_PREP_NFC : 0u);
    size_t cap = 3 * raw_len + 16;
    char *text = malloc(cap);
    if (text == NULL)
        return fail(o, SMSK_E_NOSPACE, &d, raw, raw_len);
    smsk_status st = smsk_text_prepare(text, cap, &len, raw, raw_len, prep, repl,
            sizeof repl / sizeof repl[0], &n_repl, &d);
    static smsk_segment segs[SMSK_MAX_PARTS];
    smsk_split_info info;
    if (st == SMSK_OK)
        st = smsk_split_plan(segs, SMSK_MAX_PARTS, &info, text, len, &o->split, &d);
    if (st != SMSK_OK) {
        free(text);
        return fail(o, st, &d, raw, raw_len);
    }
    unsigned bits = o->split.ref_bits ? o->split.ref_bits : 8;
    unsigned ref = cli_default_ref(text, len, NULL, bits);
    cli_json j;
    if (o->json) {
        cli_json_begin(&j);
        cli_json_cstr(&j, "encoding", smsk_encoding_name(info.text.encoding));
        json_national(&j, info.text.shift);
        cli_json_int(&j, "characters", (long long)info.text.chars);
        cli_json_int(&j, "units", (long long)info.text.units);
        cli_json_int(&j, "segments", (long long)info.segments);
        cli_json_int(&j, "per_segment", (long long)info.per_segment);
        cli_json_int(&j, "remaining", (long long)info.remaining);
    } else {
        print_summary(&info);
    }
    if (!o->count) {
        if (o->json)
            cli_json_arr(&j, "parts");
        for (size_t k = 0; k < info.segments; k++) {
            uint8_t udh[SMSK_UD_MAX_OCTETS];
            size_t udh_len = 0;
            st = part_udh(udh, sizeof udh, &udh_len, o, &info, ref, k + 1);
            if (st != SMSK_OK)
                break;
            const smsk_segment *s = &segs[k];
            if (o->json) {
                cli_json_obj(&j, NULL);
                cli_json_str(&j, "text", text + s->offset, s->len);
                cli_json_int(&j, "units", (long long)s->units);
                cli_json_hex(&j, "udh", udh, udh_len);
                if (o->explain)
                    cli_json_cstr(&j, "ends", reason_text(s->reason));
                cli_json_end(&j);
            } else {
                printf("part %zu/%zu: %zu %s", k + 1, info.segments, s->units, unit_name(info.text.encoding));
                if (o->explain)
                    printf(", bytes %zu-%zu, ends: %s", s->offset, s->offset + s->len, reason_text(s->reason));
                printf("\n  %.*s\n", (int)s->len, text + s->offset);
            }
        }
        if (o->json)
            cli_json_arr_end(&j);
    }
    if (o->json) {
        cli_json_arr(&j, "replaced");
        for (size_t i = 0; i < n_repl && i < sizeof repl / sizeof repl[0]; i++) {
            cli_json_obj(&j, NULL);
            cli_json_str(&j, "from", raw + repl[i].offset, repl[i].len);
            cli_json_cstr(&j, "to", repl[i].to);
            cli_json_int(&j, "offset", (long long)repl[i].offset);
            cli_json_end(&j);
        }
        cli_json_arr_end(&j);
        cli_json_end(&j);
        if (st == SMSK_OK)
            cli_json_flush(&j, stdout);
        else
            cli_buf_free(&j.out);
    } else {
        for (size_t i = 0; i < n_repl && i < sizeof repl / sizeof repl[0]; i++)
            printf("replaced U+%04X at byte %zu by \"%s\"\n", (unsigned)repl[i].from, repl[i].offset, repl[i].to);
    }
    free(text);
    return st == SMSK_OK ? 0 : fail(o, st, &d, raw, raw_len);
}

static int split_cb(void *ctx, const char *s, size_t n)
{
    return split_item(ctx, s, n);
}

int main(int argc, char **argv)
{
    enum { O_TEXT = 256, O_ENC, O_NAT, O_REF16, O_PORT, O_NONORM, O_SMART, O_COUNT, O_EXPLAIN,
        O_LINES, O_JSON, O_VERSION };
    static const struct option longopts[] = {
        {"text", required_argument, NULL, O_TEXT}, {"encoding", required_argument, NULL, O_ENC},
        {"national", required_argument, NULL, O_NAT}, {"ref16", no_argument, NULL, O_REF16},
        {"port", required_argument, NULL, O_PORT}, {"no-normalize", no_argument, NULL, O_NONORM},
        {"smart", no_argument, NULL, O_SMART}, {"count", no_argument, NULL, O_COUNT},
        {"explain", no_argument, NULL, O_EXPLAIN}, {"lines", no_argument, NULL, O_LINES},
        {"json", no_argument, NULL, O_JSON}, {"file", required_argument, NULL, 'f'},
        {"help", no_argument, NULL, 'h'}, {"version", no_argument, NULL, O_VERSION},
        {NULL, 0, NULL, 0},
    };
    options o;
    memset(&o, 0, sizeof o);
    o.normalize = 1;
    o.split.ref_bits = 8;
    const char *text = NULL;
    int c;
    while ((c = getopt_long(argc, argv, "f:h", longopts, NULL)) != -1) {
        switch (c) {
        case O_TEXT: text = optarg; break;
        case O_ENC: cli_parse_encoding(prog, &o.split.policy, optarg); break;
        case O_NAT: cli_parse_national(prog, &o.split.policy, optarg); break;
        case O_REF16: o.split.ref_bits = 16; break;
        case O_PORT:
            cli_parse_port(prog, optarg, &o.port_dst, &o.port_src);
            o.has_port = 1;
            o.split.extra_udh = 6; /* IEI 0x05, length 4, two 16-bit ports */
            break;
        case O_NONORM: o.normalize = 0; break;
        case O_SMART: o.smart = 1; break;
        case O_COUNT: o.count = 1; break;
        case O_EXPLAIN: o.explain = 1; break;
        case O_LINES: o.lines = 1; break;
        case O_JSON: o.json = 1; break;
        case 'f': o.file = optarg; break;
        case 'h': usage(); return CLI_EXIT_OK;
        case O_VERSION: cli_print_version(prog); return CLI_EXIT_OK;
        default: cli_usage_fail(prog, "unknown option");
        }
    }
    if (text != NULL) {
        if (optind != argc || o.file != NULL)
            cli_usage_fail(prog, "give the text once: --text, a file or standard input");
        return split_item(&o, text, strlen(text)) ? CLI_EXIT_DATA : CLI_EXIT_OK;
    }
    if (optind + 1 < argc || (optind < argc && o.file != NULL))
        cli_usage_fail(prog, "one input file at most");
    const char *path = o.file != NULL ? o.file : optind < argc ? argv[optind] : "-";
    cli_buf in = {0};
    if (cli_read_path(&in, path) != 0) {
        fprintf(stderr, "%s: cannot read %s\n", prog, path);
        return CLI_EXIT_DATA;
    }
    int bad = cli_for_each_item(&in, o.lines, split_cb, &o);
    cli_buf_free(&in);
    return bad ? CLI_EXIT_DATA : CLI_EXIT_OK;
}
