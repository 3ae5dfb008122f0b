/* SPDX-License-Identifier: MIT */
/*
 * smskit: SMS on the wire.
 *
 * This is the one public header. Sections follow the pipeline: status and
 * diagnostics, UTF-8, GSM 7-bit alphabets (3GPP TS 23.038 6.2.1 and
 * Annex A), septet packing (TS 23.038 6.1.2), UCS-2 / UTF-16, ISO-8859-1,
 * the Data Coding Scheme (TS 23.038 clause 4), text preparation and the
 * choice of the cheapest encoding.
 *
 * Conventions used by every function:
 *   - buffers are pointer + length; nothing relies on a NUL terminator and
 *     nothing writes one;
 *   - argument order is: destination triple (dst, dst_cap, &dst_len), then
 *     source pair, then options, then an optional `smsk_diag *`;
 *   - on SMSK_E_NOSPACE the length out-parameter holds the size needed when
 *     it can be known without finishing the work, else 0;
 *   - no function in this header allocates memory, except those of the
 *     "text preparation" section when built with ICU (they return
 *     SMSK_E_NOFEATURE for ICU-only flags in builds without it);
 *   - every function is thread-safe: there is no mutable global state.
 */
#ifndef SMSKIT_H
#define SMSKIT_H

#include <stddef.h>
#include <stdint.h>

#include "smsk_version.h"

#if defined(_WIN32) && defined(SMSK_BUILDING) && !defined(SMSK_STATIC)
#define SMSK_API __declspec(dllexport)
#elif defined(__GNUC__) && __GNUC__ >= 4 && defined(SMSK_BUILDING)
#define SMSK_API __attribute__((visibility("default")))
#else
#define SMSK_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ======================================================================
 * Status and diagnostics
 * ==================================================================== */

/*
 * One status type for the whole library. Values are pinned forever: new
 * ones are only appended. Zero is success, negative values are errors,
 * small positive values are non-error signals.
 */
typedef enum smsk_status {
    SMSK_END = 2,            /* iterator exhausted (not an error) */
    SMSK_MORE = 1,           /* stored; more parts or input needed */
    SMSK_OK = 0,
    SMSK_E_ARG = -1,         /* NULL where not allowed, bad flag or value */
    SMSK_E_TRUNC = -2,       /* input ended inside a field or sequence */
    SMSK_E_MALFORMED = -3,   /* a value violates the standard */
    SMSK_E_NOSPACE = -4,     /* destination too small */
    SMSK_E_RANGE = -5,       /* value outside what the format can carry */
    SMSK_E_CHARSET = -6,     /* character not representable */
    SMSK_E_LIMIT = -7,       /* caller-provided storage exhausted */
    SMSK_E_UNSUPPORTED = -8, /* valid but not supported */
    SMSK_E_NOTFOUND = -9,    /* a required field is absent */
    SMSK_E_NOFEATURE = -10,  /* built without ICU or zlib */
    SMSK_E_UTF8 = -11        /* input text is not valid UTF-8 */
} smsk_status;

/* The constant's name, e.g. "SMSK_E_TRUNC"; "SMSK_E_?" if unknown. */
SMSK_API const char *smsk_status_name(smsk_status status);

/* A short English sentence, e.g. "input truncated"; never NULL. */
SMSK_API const char *smsk_strerror(smsk_status status);

/*
 * Where and why a call failed. Every function that takes a `smsk_diag *`
 * accepts NULL. On error it sets `offset` to the byte offset in the
 * function's main input of the first byte of the offending item,
 * `codepoint` to the offending character where there is one (else
 * 0xFFFFFFFF) and `what` to a static sentence naming the rule broken.
 * On success its content is unspecified.
 */
typedef struct smsk_diag {
    size_t offset;
    uint32_t codepoint;
    const char *what;
} smsk_diag;

#define SMSK_NO_CODEPOINT 0xFFFFFFFFu

/* ======================================================================
 * Version and features
 * ==================================================================== */

#define SMSK_FEATURE_ICU 0x1u  /* NFC normalisation available */
#define SMSK_FEATURE_ZLIB 0x2u /* gzip/deflate bodies */
#define SMSK_FEATURE_BMI2 0x4u   /* septet kernels use BMI2 on this CPU */
#define SMSK_FEATURE_AVX512 0x8u /* septet and ASCII kernels use AVX-512 VBMI */

/* The library's version string, e.g. "0.1.0" (compare SMSK_VERSION_STRING). */
SMSK_API const char *smsk_version(void);

/* SMSK_FEATURE_* bits of this build on this CPU. */
SMSK_API unsigned smsk_features(void);

/* ======================================================================
 * UTF-8 (RFC 3629, strict)
 * ==================================================================== */

/*
 * Decode the code point that starts at `src[*pos]` and advance `*pos`
 * past it. Strict: overlong forms, UTF-16 surrogates (U+D800-U+DFFF),
 * values above U+10FFFF, stray continuation bytes and truncated sequences
 * are errors; `*pos` and `*cp` are then left unchanged.
 *
 * Returns:
 *   SMSK_OK      `*cp` is the code point
 *   SMSK_END     `*pos` == `len`
 *   SMSK_E_ARG   a pointer is NULL
 *   SMSK_E_UTF8  invalid sequence at `*pos` (diag: offset, what)
 */
SMSK_API smsk_status smsk_utf8_decode_next(const char *src, size_t len,
        size_t *pos, uint32_t *cp, smsk_diag *diag);

/*
 * Check that `src` is well-formed UTF-8 and count its code points
 * (`n_chars` may be NULL).
 *
 * Returns: SMSK_OK, SMSK_E_ARG, SMSK_E_UTF8 (diag: offset of the bad
 * sequence).
 */
SMSK_API smsk_status smsk_utf8_validate(const char *src, size_t len,
        size_t *n_chars, smsk_diag *diag);

/*
 * Write the UTF-8 form of `cp` (1 to 4 bytes) into `dst`.
 *
 * Returns:
 *   SMSK_OK         `*dst_len` bytes written
 *   SMSK_E_ARG      a pointer is NULL
 *   SMSK_E_RANGE    `cp` is a surrogate or above U+10FFFF
 *   SMSK_E_NOSPACE  `dst_cap` too small (*dst_len = bytes needed)
 */
SMSK_API smsk_status smsk_utf8_encode_cp(char *dst, size_t dst_cap,
        size_t *dst_len, uint32_t cp);

/* ======================================================================
 * GSM 7-bit alphabets (TS 23.038 6.2.1, 6.2.1.1, Annex A)
 * ==================================================================== */

/*
 * National language tables by National Language Identifier (TS 23.038
 * Table 6.2.1.2.4.1). SMSK_LANG_DEFAULT stands for the default alphabet
 * (as locking table) and its extension table (as single shift table);
 * NLI 0 is reserved in the standard, so the value does not collide.
 * Spanish has no locking shift table (A.3.2 is void).
 */
typedef enum smsk_lang {
    SMSK_LANG_DEFAULT = 0,
    SMSK_LANG_TURKISH = 1,
    SMSK_LANG_SPANISH = 2,
    SMSK_LANG_PORTUGUESE = 3,
    SMSK_LANG_BENGALI = 4,
    SMSK_LANG_GUJARATI = 5,
    SMSK_LANG_HINDI = 6,
    SMSK_LANG_KANNADA = 7,
    SMSK_LANG_MALAYALAM = 8,
    SMSK_LANG_ORIYA = 9,
    SMSK_LANG_PUNJABI = 10,
    SMSK_LANG_TAMIL = 11,
    SMSK_LANG_TELUGU = 12,
    SMSK_LANG_URDU = 13
} smsk_lang;

#define SMSK_LANG_COUNT 14

/* Bit for `lang` in the language masks of smsk_text_policy. */
#define SMSK_LANG_BIT(lang) (1u << (unsigned)(lang))
/* Every national language (not the default tables). */
#define SMSK_LANG_ALL_NATIONAL 0x3FFEu

/* The pair of tables a GSM 7-bit text is coded with. */
typedef struct smsk_gsm7_shift {
    smsk_lang locking; /* replaces the default alphabet (IEI 0x25) */
    smsk_lang single;  /* replaces the extension table (IEI 0x24) */
} smsk_gsm7_shift;

/* Lower-case English name ("default", "turkish", ...) or NULL. */
SMSK_API const char *smsk_lang_name(smsk_lang lang);

/*
 * Look up a language by its name as smsk_lang_name() gives it (ASCII,
 * case-insensitive). Returns SMSK_OK, SMSK_E_ARG or SMSK_E_NOTFOUND.
 */
SMSK_API smsk_status smsk_lang_from_name(const char *name, size_t len,
        smsk_lang *lang);

/* 1 if `lang` has a locking shift table (all but Spanish), else 0. */
SMSK_API int smsk_lang_has_locking(smsk_lang lang);

/*
 * The character at `septet` (0x00-0x7F) of a table, as printed in TS
 * 23.038: `single` = 0 reads the locking table (or the default alphabet),
 * 1 the single shift table (or the extension table). Returns the code
 * point, 0x1B for the escape septet, or SMSK_NO_CODEPOINT for a septet
 * that holds no character.
 */
SMSK_API uint32_t smsk_gsm7_table_get(smsk_lang lang, int single,
        unsigned septet);

/* Flags for the GSM 7-bit and septet functions. */
/* TS 23.038 6.1.2.3.1: CR fill of 7 spare bits; removal on decoding. */
#define SMSK_GSM7_CR_PAD 0x01u
/* Encode: put '?' for a character in no table instead of failing. */
#define SMSK_GSM7_SUBSTITUTE 0x02u
/* Decode: turn septets that hold no character into U+FFFD and drop a
 * trailing lone escape instead of failing. */
#define SMSK_GSM7_LENIENT 0x04u

/*
 * Count the septets that `text` takes with the tables of `shift`: 1 for
 * a character of the locking table, 2 (escape + code) for one only in
 * the single shift table.
 *
 * Returns:
 *   SMSK_OK          `*n_septets` set
 *   SMSK_E_ARG       NULL pointer, unknown language, Spanish as locking
 *   SMSK_E_UTF8      invalid UTF-8 (diag: offset)
 *   SMSK_E_CHARSET   a character is in neither table (diag: offset,
 *                    codepoint); SMSK_GSM7_SUBSTITUTE counts it as '?'
 */
SMSK_API smsk_status smsk_gsm7_count(size_t *n_septets, const char *text,
        size_t text_len, smsk_gsm7_shift shift, unsigned flags,
        smsk_diag *diag);

/*
 * Convert UTF-8 `text` into septets, one per byte (values 0x00-0x7F),
 * looking each character up in the locking table first and then in the
 * single shift table (TS 23.038 6.2.1.1, Annex A).
 *
 * Returns:
 *   SMSK_OK          `*n_septets` septets written
 *   SMSK_E_ARG       as smsk_gsm7_count()
 *   SMSK_E_UTF8      invalid UTF-8 (diag: offset)
 *   SMSK_E_CHARSET   character in no table (diag: offset, codepoint)
 *   SMSK_E_NOSPACE   `cap` too small (*n_septets = septets needed)
 */
SMSK_API smsk_status smsk_gsm7_encode(uint8_t *septets, size_t cap,
        size_t *n_septets, const char *text, size_t text_len,
        smsk_gsm7_shift shift, unsigned flags, smsk_diag *diag);

/*
 * Convert septets (one per byte) into UTF-8 text. 0x1B escapes the next
 * septet to the single shift table; an escaped septet that table lacks
 * shows the character at that septet of the locking table (TS 23.038
 * 6.2.1.1); 0x1B 0x1B shows a space (6.2.1.1 note 1) and the septet after
 * it is read normally. The output needs at most SMSK_GSM7_TEXT_MAX(n)
 * bytes.
 *
 * Returns:
 *   SMSK_OK          `*dst_len` bytes written
 *   SMSK_E_ARG       NULL pointer, unknown language
 *   SMSK_E_RANGE     a septet above 0x7F (diag: offset)
 *   SMSK_E_MALFORMED a septet holding no character (diag: offset), unless
 *                    SMSK_GSM7_LENIENT (U+FFFD)
 *   SMSK_E_TRUNC     the septets end with a lone escape, unless
 *                    SMSK_GSM7_LENIENT (dropped)
 *   SMSK_E_NOSPACE   `dst_cap` too small
 */
SMSK_API smsk_status smsk_gsm7_decode(char *dst, size_t dst_cap,
        size_t *dst_len, const uint8_t *septets, size_t n_septets,
        smsk_gsm7_shift shift, unsigned flags, smsk_diag *diag);

/*
 * Convert UTF-8 `text` into packed GSM 7-bit user data in one pass, the
 * first septet starting `fill_bits` (0-6) bits into `dst[0]` (TS 23.040
 * 9.2.3.24: fill bits after a UDH). Fill bits and the unused high bits
 * of the last octet are zero, or CR-filled with SMSK_GSM7_CR_PAD (TS
 * 23.038 6.1.2.3.1, which then also adds the CR that rule requires).
 * `*n_septets` receives the septet count (the TP-UDL of the text part).
 * The destination needs SMSK_SEPTETS_PACKED_LEN(septets, fill_bits).
 *
 * Returns: as smsk_gsm7_encode(), plus SMSK_E_ARG for fill_bits > 6;
 * on SMSK_E_NOSPACE `*dst_len` is 0 and `*n_septets` the septet count
 * reached.
 */
SMSK_API smsk_status smsk_gsm7_encode_packed(uint8_t *dst, size_t dst_cap,
        size_t *dst_len, size_t *n_septets, const char *text,
        size_t text_len, smsk_gsm7_shift shift, unsigned fill_bits,
        unsigned flags, smsk_diag *diag);

/*
 * Convert packed GSM 7-bit user data into UTF-8 text: `n_septets`
 * septets starting `fill_bits` bits into `src[0]`, or every septet that
 * `src_len` octets hold when `n_septets` is SMSK_SEPTETS_ALL (USSD, CBS).
 * With SMSK_GSM7_CR_PAD, a final CR is removed where the septets end on
 * an octet boundary (TS 23.038 6.1.2.3.1). Reads only `src_len` octets.
 *
 * Returns: as smsk_gsm7_decode(), plus SMSK_E_ARG (fill_bits > 6) and
 * SMSK_E_TRUNC (`src_len` too short for `n_septets`).
 */
SMSK_API smsk_status smsk_gsm7_decode_packed(char *dst, size_t dst_cap,
        size_t *dst_len, const uint8_t *src, size_t src_len,
        size_t n_septets, smsk_gsm7_shift shift, unsigned fill_bits,
        unsigned flags, smsk_diag *diag);

/* Upper bound of the UTF-8 bytes that `n` septets decode to. */
#define SMSK_GSM7_TEXT_MAX(n) ((size_t)(n) * 3u)

/* ======================================================================
 * Septet packing (TS 23.038 6.1.2.1.1, TS 23.040 9.2.3.16, 9.2.3.24)
 * ==================================================================== */

/* Octets that `n` septets take after `fill` fill bits (0 for none). */
#define SMSK_SEPTETS_PACKED_LEN(n, fill) \
    ((n) ? ((size_t)(n) * 7u + (size_t)(fill) + 7u) / 8u : (size_t)0)
/* Septets that `octets` octets hold after `fill` fill bits. */
#define SMSK_OCTETS_SEPTETS(octets, fill) \
    ((size_t)(octets) * 8u >= (size_t)(fill) \
        ? ((size_t)(octets) * 8u - (size_t)(fill)) / 7u : 0u)
/* For smsk_septet_unpack(): every septet the octets hold. */
#define SMSK_SEPTETS_ALL ((size_t)-1)

/*
 * Pack `n_septets` 7-bit values into `dst`, the first starting
 * `fill_bits` (0-6) bits into `dst[0]`. Fill bits and the high bits left
 * in the last octet are zero; with SMSK_GSM7_CR_PAD the 7 spare bits of
 * a count of 8k-1 septets carry a CR, and a final CR that ends on an
 * octet boundary gets a second one (TS 23.038 6.1.2.3.1). Uses a 64-bit
 * word kernel (BMI2 where the CPU has it).
 *
 * Returns:
 *   SMSK_OK          `*dst_len` octets written
 *   SMSK_E_ARG       NULL pointer with nonzero length, fill_bits > 6
 *   SMSK_E_RANGE     a septet above 0x7F (diag: offset), or a count
 *                    whose packed length overflows size_t
 *   SMSK_E_NOSPACE   `dst_cap` too small (*dst_len = octets needed)
 */
SMSK_API smsk_status smsk_septet_pack(uint8_t *dst, size_t dst_cap,
        size_t *dst_len, const uint8_t *septets, size_t n_septets,
        unsigned fill_bits, unsigned flags, smsk_diag *diag);

/*
 * Unpack `n_septets` septets (SMSK_SEPTETS_ALL: every septet `src_len`
 * octets hold after the fill bits) into `dst`, one per byte. With
 * SMSK_GSM7_CR_PAD a final CR ending on an octet boundary is removed
 * (TS 23.038 6.1.2.3.1). Never reads past `src_len`.
 *
 * Returns:
 *   SMSK_OK          `*n_out` septets written
 *   SMSK_E_ARG       NULL pointer with nonzero length, fill_bits > 6
 *   SMSK_E_TRUNC     `src_len` octets hold fewer than `n_septets`
 *   SMSK_E_NOSPACE   `dst_cap` too small (*n_out = septets needed)
 */
SMSK_API smsk_status smsk_septet_unpack(uint8_t *dst, size_t dst_cap,
        size_t *n_out, const uint8_t *src, size_t src_len,
        size_t n_septets, unsigned fill_bits, unsigned flags);

/* ======================================================================
 * UCS-2 / UTF-16BE (TS 23.038 clause 4, ISO/IEC 10646) and ISO-8859-1
 * ==================================================================== */

/* Decode: replace an unpaired surrogate by U+FFFD instead of failing. */
#define SMSK_UCS2_LENIENT 0x01u

/*
 * Convert UTF-8 `text` into UTF-16BE octets; characters above U+FFFF
 * become surrogate pairs (4 octets). The destination needs at most
 * 2 * text_len octets.
 *
 * Returns:
 *   SMSK_OK          `*dst_len` octets written
 *   SMSK_E_ARG       NULL pointer with nonzero length
 *   SMSK_E_UTF8      invalid UTF-8 (diag: offset)
 *   SMSK_E_NOSPACE   `dst_cap` too small (*dst_len = octets needed)
 */
SMSK_API smsk_status smsk_ucs2_encode(uint8_t *dst, size_t dst_cap,
        size_t *dst_len, const char *text, size_t text_len,
        smsk_diag *diag);

/*
 * Convert UTF-16BE octets into UTF-8 text; a high surrogate followed by
 * a low one forms one character. The output needs at most
 * SMSK_UCS2_TEXT_MAX(src_len) bytes.
 *
 * Returns:
 *   SMSK_OK          `*dst_len` bytes written
 *   SMSK_E_ARG       NULL pointer with nonzero length
 *   SMSK_E_TRUNC     odd `src_len` (diag: offset of the last octet)
 *   SMSK_E_MALFORMED an unpaired surrogate (diag: offset, codepoint),
 *                    unless SMSK_UCS2_LENIENT (U+FFFD)
 *   SMSK_E_NOSPACE   `dst_cap` too small
 */
SMSK_API smsk_status smsk_ucs2_decode(char *dst, size_t dst_cap,
        size_t *dst_len, const uint8_t *src, size_t src_len,
        unsigned flags, smsk_diag *diag);

/* Upper bound of the UTF-8 bytes that `octets` UTF-16 octets give. */
#define SMSK_UCS2_TEXT_MAX(octets) (((size_t)(octets) / 2u) * 3u)

/*
 * Convert ISO-8859-1 octets (SMPP data_coding 3) into UTF-8; needs at
 * most 2 * src_len bytes.
 * Returns: SMSK_OK, SMSK_E_ARG, SMSK_E_NOSPACE (*dst_len = bytes needed).
 */
SMSK_API smsk_status smsk_latin1_decode(char *dst, size_t dst_cap,
        size_t *dst_len, const uint8_t *src, size_t src_len);

/*
 * Convert UTF-8 text into ISO-8859-1 octets.
 * Returns: SMSK_OK, SMSK_E_ARG, SMSK_E_UTF8, SMSK_E_CHARSET (a character
 * above U+00FF; diag: offset, codepoint), SMSK_E_NOSPACE.
 */
SMSK_API smsk_status smsk_latin1_encode(uint8_t *dst, size_t dst_cap,
        size_t *dst_len, const char *text, size_t text_len,
        smsk_diag *diag);

/* ======================================================================
 * Data Coding Scheme (TS 23.038 clause 4)
 * ==================================================================== */

/* Character set of the user data; values are the DCS alphabet bits. */
typedef enum smsk_encoding {
    SMSK_ENC_GSM7 = 0,
    SMSK_ENC_8BIT = 1,
    SMSK_ENC_UCS2 = 2
} smsk_encoding;

/* Name as in the tools' JSON: "gsm7", "8bit", "ucs2"; NULL if unknown. */
SMSK_API const char *smsk_encoding_name(smsk_encoding encoding);

/* The coding groups of TS 23.038 clause 4, by their high bits. */
typedef enum smsk_dcs_group {
    SMSK_DCS_GENERAL = 0,       /* 00xx xxxx */
    SMSK_DCS_AUTO_DELETE = 1,   /* 01xx xxxx: marked for deletion */
    SMSK_DCS_RESERVED = 2,      /* 1000 xxxx - 1011 xxxx */
    SMSK_DCS_MWI_DISCARD = 3,   /* 1100 xxxx: indication, discard text */
    SMSK_DCS_MWI_STORE = 4,     /* 1101 xxxx: indication, store GSM 7-bit */
    SMSK_DCS_MWI_STORE_UCS2 = 5,/* 1110 xxxx: indication, store UCS-2 */
    SMSK_DCS_CLASS = 6          /* 1111 xxxx: data coding/message class */
} smsk_dcs_group;

/* Message waiting indication types (TS 23.038 clause 4, bits 1..0). */
typedef enum smsk_mwi_type {
    SMSK_MWI_VOICEMAIL = 0,
    SMSK_MWI_FAX = 1,
    SMSK_MWI_EMAIL = 2,
    SMSK_MWI_OTHER = 3
} smsk_mwi_type;

/*
 * TP-DCS taken apart. `encoding` is what a receiver must assume: the
 * reserved alphabet value (general groups) and the reserved coding
 * groups are read as the GSM 7-bit default alphabet, as clause 4
 * requires of a receiving entity; `alphabet_reserved` says it happened.
 * `reserved_bits` keeps the bits clause 4 marks reserved, at their place
 * in the octet, so that building from the struct gives the octet back:
 * general groups without a class: bits 1..0 (0x03); 1100-1110: bit 2
 * (0x04); 1111: bit 3 (0x08); reserved groups: bits 5..0 (0x3F), that is
 * bits 3..0 and the two group bits that tell 1000-1011 apart.
 */
typedef struct smsk_dcs {
    smsk_dcs_group group;
    smsk_encoding encoding;
    int msg_class;          /* 0-3, or -1 when the DCS gives none */
    int compressed;         /* general groups, bit 5 (TS 23.042) */
    int alphabet_reserved;  /* alphabet bits 11 or reserved group */
    int mwi_active;         /* MWI groups, bit 3: indication set */
    smsk_mwi_type mwi_type; /* MWI groups, bits 1..0 */
    uint8_t reserved_bits;
} smsk_dcs;

/*
 * Take the TP-DCS octet apart (TS 23.038 clause 4). Every value 0x00 to
 * 0xFF is accepted: reserved codings are reported, not rejected.
 * Returns: SMSK_OK, SMSK_E_ARG (`dcs` NULL).
 */
SMSK_API smsk_status smsk_dcs_parse(smsk_dcs *dcs, uint8_t octet);

/*
 * Build the TP-DCS octet from `dcs`. For SMSK_DCS_GENERAL and
 * SMSK_DCS_AUTO_DELETE, `alphabet_reserved` set gives alphabet bits 11.
 *
 * Returns:
 *   SMSK_OK      `*octet` written
 *   SMSK_E_ARG   NULL pointer, unknown group or encoding
 *   SMSK_E_RANGE a field the group cannot carry: a class outside -1..3,
 *                a class or compression in an MWI group, UCS-2 in the
 *                1111 group, an encoding other than the group's own in
 *                an MWI group, no class in the 1111 group, reserved bits
 *                beyond the group's reserved field
 */
SMSK_API smsk_status smsk_dcs_build(uint8_t *octet, const smsk_dcs *dcs);

/* ======================================================================
 * Text preparation and encoding choice
 * ==================================================================== */

/* Normalise to Unicode NFC (needs ICU: SMSK_E_NOFEATURE without it). */
#define SMSK_PREP_NFC 0x01u
/* Replace typographic characters (curly quotes, dashes, ellipsis, odd
 * spaces, ...) with GSM 7-bit equivalents and report each. */
#define SMSK_PREP_SMART 0x02u

/* One replacement made by smsk_text_prepare(). */
typedef struct smsk_replacement {
    size_t offset;   /* byte offset of the character in the input */
    size_t len;      /* its length in bytes */
    uint32_t from;   /* the character replaced */
    const char *to;  /* static UTF-8 replacement ("" = removed) */
} smsk_replacement;

/*
 * Prepare `src` for SMS: SMSK_PREP_SMART replacements first (reported in
 * `repl`, offsets into `src`; `*n_repl` counts all of them even past
 * `repl_cap`), then SMSK_PREP_NFC. Output is at most 3 * src_len bytes.
 * `repl` may be NULL with `repl_cap` 0 and `n_repl` may be NULL.
 *
 * Returns:
 *   SMSK_OK          `*dst_len` bytes written
 *   SMSK_E_ARG       NULL pointer with nonzero length, unknown flag
 *   SMSK_E_UTF8      invalid UTF-8 (diag: offset)
 *   SMSK_E_NOFEATURE SMSK_PREP_NFC in a build without ICU
 *   SMSK_E_NOSPACE   `dst_cap` too small
 */
SMSK_API smsk_status smsk_text_prepare(char *dst, size_t dst_cap,
        size_t *dst_len, const char *src, size_t src_len, unsigned flags,
        smsk_replacement *repl, size_t repl_cap, size_t *n_repl,
        smsk_diag *diag);

/* Bits of smsk_text_policy.encodings. */
#define SMSK_ALLOW_GSM7 0x1u
#define SMSK_ALLOW_8BIT 0x2u
#define SMSK_ALLOW_UCS2 0x4u

/*
 * What smsk_text_choose() may pick. Zero-initialised, it allows GSM 7-bit
 * with the default tables and UCS-2. `locking_langs` and `single_langs`
 * are SMSK_LANG_BIT() masks of the national tables allowed.
 */
typedef struct smsk_text_policy {
    unsigned encodings;     /* SMSK_ALLOW_*; 0 = GSM7 | UCS2 */
    uint32_t locking_langs; /* allowed national locking shift tables */
    uint32_t single_langs;  /* allowed national single shift tables */
    unsigned gsm7_flags;    /* SMSK_GSM7_SUBSTITUTE allowed */
} smsk_text_policy;

/* The cheapest encoding of a text. */
typedef struct smsk_text_info {
    smsk_encoding encoding;
    smsk_gsm7_shift shift; /* tables, when encoding is GSM7 */
    size_t units;   /* septets (GSM7), octets (8BIT), UTF-16 units (UCS2) */
    size_t chars;   /* code points in the text */
    size_t nl_iei_octets; /* UDH octets the national IEs need (0, 3, 6) */
    size_t substituted;   /* characters sent as '?' (SMSK_GSM7_SUBSTITUTE) */
} smsk_text_info;

/*
 * Choose the cheapest encoding of `text` allowed by `policy` (NULL: the
 * zero policy): the GSM 7-bit default tables when they hold every
 * character; else, among the allowed national (locking, single) pairs
 * that hold every character, the one with the fewest bits of septets
 * plus national language IEs in the UDH (TS 23.040 9.2.3.24.15-16),
 * ties going to the pair with fewer IEs, then the lower NLIs; else
 * UCS-2; else 8-bit (the UTF-8 octets as they are); else GSM 7-bit with
 * '?' for what no table holds, when `gsm7_flags` has SMSK_GSM7_SUBSTITUTE.
 * Per character (in text order),
 * `char_units[i]` receives the units it takes (septets 1-2, UTF-16 units
 * 1-2, or UTF-8 octets for 8-bit); pass NULL/0 when not needed.
 *
 * Returns:
 *   SMSK_OK          `*info` filled
 *   SMSK_E_ARG       NULL pointer, empty or unknown encoding set
 *   SMSK_E_UTF8      invalid UTF-8 (diag: offset)
 *   SMSK_E_CHARSET   no allowed encoding holds the text (diag: offset and
 *                    codepoint of the first character that failed GSM 7)
 *   SMSK_E_NOSPACE   `char_units_cap` < characters (`info->chars` set)
 */
SMSK_API smsk_status smsk_text_choose(smsk_text_info *info,
        uint8_t *char_units, size_t char_units_cap, const char *text,
        size_t text_len, const smsk_text_policy *policy, smsk_diag *diag);

/* ======================================================================
 * Limits (TS 23.040 9.2.3.16, 9.2.3.24)
 * ==================================================================== */

#define SMSK_UD_MAX_OCTETS 140u  /* TP-UD */
#define SMSK_UD_MAX_SEPTETS 160u /* TP-UDL with GSM 7-bit */
#define SMSK_UD_MAX_UCS2 70u     /* UTF-16 code units in 140 octets */

#ifdef __cplusplus
}
#endif

#endif /* SMSKIT_H */
