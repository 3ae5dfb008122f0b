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
 * 2 * text_len octets. Octets of `dst` past the `*dst_len` written (but
 * never past `dst_cap`) may be overwritten: the vector path stores whole
 * blocks.
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
 * SMSK_UCS2_TEXT_MAX(src_len) bytes. Bytes of `dst` past the `*dst_len`
 * written (but never past `dst_cap`) may be overwritten: the vector path
 * stores whole blocks.
 *
 * Returns:
 *   SMSK_OK          `*dst_len` bytes written
 *   SMSK_E_ARG       NULL pointer with nonzero length
 *   SMSK_E_TRUNC     odd `src_len` (diag: offset of the last octet),
 *                    unless SMSK_UCS2_LENIENT (U+FFFD for the half unit)
 *   SMSK_E_MALFORMED an unpaired surrogate (diag: offset, codepoint),
 *                    unless SMSK_UCS2_LENIENT (U+FFFD)
 *   SMSK_E_NOSPACE   `dst_cap` too small
 */
SMSK_API smsk_status smsk_ucs2_decode(char *dst, size_t dst_cap,
        size_t *dst_len, const uint8_t *src, size_t src_len,
        unsigned flags, smsk_diag *diag);

/* Upper bound of the UTF-8 bytes that `octets` UTF-16 octets give. */
#define SMSK_UCS2_TEXT_MAX(octets) ((((size_t)(octets) + 1u) / 2u) * 3u)

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
    SMSK_DCS_GENERAL = 0,       /* 00.. .... */
    SMSK_DCS_AUTO_DELETE = 1,   /* 01.. ....: marked for deletion */
    SMSK_DCS_RESERVED = 2,      /* 1000 .... - 1011 .... */
    SMSK_DCS_MWI_DISCARD = 3,   /* 1100 ....: indication, discard text */
    SMSK_DCS_MWI_STORE = 4,     /* 1101 ....: indication, store GSM 7-bit */
    SMSK_DCS_MWI_STORE_UCS2 = 5,/* 1110 ....: indication, store UCS-2 */
    SMSK_DCS_CLASS = 6          /* 1111 ....: data coding/message class */
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
 * `repl_cap`), then SMSK_PREP_NFC, in place in `dst`: `dst_cap` must hold
 * the text before normalisation too. Output is at most 3 * src_len bytes.
 * `dst` and `src` must not overlap.
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
 * Hex (AT PDU mode, TS 27.005 3.1)
 * ==================================================================== */

/*
 * Convert hex digits (either case) into octets. ASCII spaces and tabs
 * between digits are skipped. `*dst_len` receives the octet count.
 *
 * Returns:
 *   SMSK_OK          success
 *   SMSK_E_ARG       NULL pointer with nonzero length
 *   SMSK_E_MALFORMED a character that is not a hex digit (diag: offset)
 *   SMSK_E_TRUNC     an odd number of digits (diag: offset of the last)
 *   SMSK_E_NOSPACE   `dst_cap` too small (*dst_len = octets needed)
 */
SMSK_API smsk_status smsk_hex_decode(uint8_t *dst, size_t dst_cap,
        size_t *dst_len, const char *hex, size_t hex_len, smsk_diag *diag);

/*
 * Write `src` as upper-case hex (2 * src_len characters, no NUL).
 * Returns: SMSK_OK, SMSK_E_ARG, SMSK_E_NOSPACE (*dst_len = needed).
 */
SMSK_API smsk_status smsk_hex_encode(char *dst, size_t dst_cap,
        size_t *dst_len, const uint8_t *src, size_t src_len);

/* ======================================================================
 * Addresses (TS 23.040 9.1.2.5; SC address: TS 24.011 8.2.5.1)
 * ==================================================================== */

/* Type of number (TS 23.040 9.1.2.5, bits 6..4 of the type octet). */
#define SMSK_TON_UNKNOWN 0u
#define SMSK_TON_INTERNATIONAL 1u
#define SMSK_TON_NATIONAL 2u
#define SMSK_TON_NETWORK 3u
#define SMSK_TON_SUBSCRIBER 4u
#define SMSK_TON_ALPHANUMERIC 5u /* GSM 7-bit packed, TS 23.038 */
#define SMSK_TON_ABBREVIATED 6u
/* Numbering plan (bits 3..0). */
#define SMSK_NPI_UNKNOWN 0u
#define SMSK_NPI_ISDN 1u /* E.164 */

/* Longest address text: 20 semi-octets = 20 digits, or 11 septets of
 * alphanumeric text (3 UTF-8 bytes each at most). */
#define SMSK_ADDR_TEXT_MAX 34u
/* Longest encoded address: length, type and 10 octets. */
#define SMSK_ADDR_MAX 12u

/*
 * An address. `text` holds the digits as characters ("0"-"9", "*", "#",
 * "a", "b", "c" for the semi-octets 0xA-0xE) without a '+', or for
 * SMSK_TON_ALPHANUMERIC the decoded UTF-8 text; it is not NUL-terminated.
 */
typedef struct smsk_addr {
    unsigned ton;    /* SMSK_TON_* */
    unsigned npi;    /* SMSK_NPI_* (0-15) */
    size_t len;      /* bytes of `text` used */
    char text[SMSK_ADDR_TEXT_MAX];
} smsk_addr;

/* Where an address field sits: the two encode their length differently. */
typedef enum smsk_addr_kind {
    SMSK_ADDR_TP = 0, /* TP-OA, TP-DA, TP-RA: length in semi-octets */
    SMSK_ADDR_SC = 1  /* RP SC address (AT PDU prefix): length in octets */
} smsk_addr_kind;

/*
 * Read an address field at the start of `src`; `*consumed` receives its
 * octets. For SMSK_ADDR_SC a length octet of 0 means "no address"
 * (`a->len` 0, ton and npi 0).
 *
 * Returns:
 *   SMSK_OK          success
 *   SMSK_E_ARG       NULL pointer
 *   SMSK_E_TRUNC     `src` ends inside the field (diag: offset)
 *   SMSK_E_MALFORMED a length above 20 semi-octets (10 octets), a filler
 *                    0xF before the last semi-octet, a digit other than 0
 *                    or 0xF in the unused semi-octet of an odd-length
 *                    number (networks send 0 there), alphanumeric text
 *                    that does not decode (diag: offset within the field,
 *                    what)
 */
SMSK_API smsk_status smsk_addr_parse(smsk_addr *a, size_t *consumed,
        const uint8_t *src, size_t src_len, smsk_addr_kind kind,
        smsk_diag *diag);

/*
 * Write an address field. Digits are packed two to an octet, low
 * semi-octet first, with a 0xF filler after an odd count; TON 5 text is
 * GSM 7-bit packed and its length counted in semi-octets.
 *
 * Returns:
 *   SMSK_OK          `*dst_len` octets written
 *   SMSK_E_ARG       NULL pointer, ton > 7, npi > 15
 *   SMSK_E_MALFORMED a character that is no semi-octet digit
 *   SMSK_E_CHARSET   alphanumeric text outside the GSM 7-bit default tables
 *   SMSK_E_RANGE     more than 20 digits or 11 septets
 *   SMSK_E_NOSPACE   `dst_cap` too small (*dst_len = octets needed)
 */
SMSK_API smsk_status smsk_addr_build(uint8_t *dst, size_t dst_cap,
        size_t *dst_len, const smsk_addr *a, smsk_addr_kind kind);

/*
 * Fill an address from how people write one: "+4915112345678" is
 * international E.164, "0151..." or "12345" unknown E.164, anything with
 * a character that is no digit becomes alphanumeric (TON 5, NPI 0).
 * Returns: SMSK_OK, SMSK_E_ARG, SMSK_E_RANGE (too long), SMSK_E_UTF8.
 */
SMSK_API smsk_status smsk_addr_from_string(smsk_addr *a, const char *s,
        size_t len);

/* ======================================================================
 * Time stamps and validity (TS 23.040 9.2.3.11, 9.2.3.12)
 * ==================================================================== */

/* A calendar time with its offset from UTC, as TP-SCTS carries it. */
typedef struct smsk_time {
    unsigned year;   /* 2000-2099: two-digit years 00-99 (TS 23.040 is
                        silent; every implementation reads 20xx) */
    unsigned month;  /* 1-12 */
    unsigned day;    /* 1-31, checked against the month */
    unsigned hour;   /* 0-23 */
    unsigned minute; /* 0-59 */
    unsigned second; /* 0-59 */
    int tz_minutes;  /* -79*15 .. +79*15, multiples of 15 */
} smsk_time;

#define SMSK_SCTS_LEN 7u

/*
 * Read 7 semi-octet octets (year, month, day, hour, minute, second,
 * zone in quarter hours with bit 3 of its octet as the sign).
 * Returns: SMSK_OK, SMSK_E_ARG, SMSK_E_MALFORMED (a semi-octet above 9
 * or an impossible date or time; diag: offset of the octet, what).
 */
SMSK_API smsk_status smsk_scts_parse(smsk_time *t, const uint8_t *src,
        smsk_diag *diag);

/* Write 7 octets from `t`. Returns SMSK_OK, SMSK_E_ARG, SMSK_E_RANGE. */
SMSK_API smsk_status smsk_scts_build(uint8_t *dst, const smsk_time *t);

/*
 * ISO 8601 with the offset the time carries: "2021-12-01T12:13:52+01:00",
 * "Z" for UTC offset 0 (25 bytes at most, no NUL).
 * Returns: SMSK_OK, SMSK_E_ARG, SMSK_E_NOSPACE.
 */
SMSK_API smsk_status smsk_time_format(char *dst, size_t dst_cap,
        size_t *dst_len, const smsk_time *t);

/*
 * Read "YYYY-MM-DDTHH:MM:SS" followed by "Z", "+HH:MM" or "-HH:MM".
 * Returns: SMSK_OK, SMSK_E_ARG, SMSK_E_MALFORMED (diag: offset).
 */
SMSK_API smsk_status smsk_time_parse(smsk_time *t, const char *s,
        size_t len, smsk_diag *diag);

/* TP-VPF (TS 23.040 9.2.3.3), the values of bits 4..3. */
typedef enum smsk_vpf {
    SMSK_VPF_NONE = 0,
    SMSK_VPF_ENHANCED = 1,
    SMSK_VPF_RELATIVE = 2,
    SMSK_VPF_ABSOLUTE = 3
} smsk_vpf;

/* Enhanced format, bits 2..0 of its first octet (TS 23.040 9.2.3.12.3). */
typedef enum smsk_evpf {
    SMSK_EVPF_NONE = 0,          /* no validity period specified */
    SMSK_EVPF_RELATIVE = 1,      /* one octet as 9.2.3.12.1 */
    SMSK_EVPF_SECONDS = 2,       /* one octet, 0-255 seconds */
    SMSK_EVPF_HHMMSS = 3         /* three semi-octet octets */
} smsk_evpf;

/* TP-VP taken apart. `raw` keeps the octets for exact rebuilding. */
typedef struct smsk_validity {
    smsk_vpf format;
    uint32_t seconds;     /* relative and enhanced relative forms */
    smsk_time absolute;   /* SMSK_VPF_ABSOLUTE */
    unsigned evpf;        /* enhanced: smsk_evpf, or 4-7 (reserved) */
    int single_shot;      /* enhanced: bit 6 */
    int extended;         /* enhanced: bit 7, an extension octet follows */
    uint8_t raw[7];
    size_t raw_len;       /* 0, 1 or 7 */
} smsk_validity;

/*
 * Seconds of a relative TP-VP octet (TS 23.040 9.2.3.12.1): 0-143 in
 * 5-minute steps, 144-167 in 30-minute steps after 12 hours, 168-196 in
 * days, 197-255 in weeks.
 */
SMSK_API uint32_t smsk_vp_relative_seconds(uint8_t vp);

/* The smallest relative TP-VP octet that lasts at least `seconds`
 * (255 when longer than 63 weeks). */
SMSK_API uint8_t smsk_vp_relative_from_seconds(uint32_t seconds);

/*
 * Read a TP-VP of format `vpf` at `src` (1 octet relative, 7 absolute or
 * enhanced, 0 none); `*consumed` receives its length.
 * Returns: SMSK_OK, SMSK_E_ARG, SMSK_E_TRUNC, SMSK_E_MALFORMED.
 */
SMSK_API smsk_status smsk_vp_parse(smsk_validity *vp, size_t *consumed,
        const uint8_t *src, size_t src_len, smsk_vpf vpf, smsk_diag *diag);

/* ======================================================================
 * TP-Status (TS 23.040 9.2.3.15)
 * ==================================================================== */

typedef enum smsk_status_class {
    SMSK_ST_COMPLETED = 0,      /* 0x00-0x1F: transaction completed */
    SMSK_ST_TEMPORARY_RETRY = 1,/* 0x20-0x3F: SC still trying */
    SMSK_ST_PERMANENT = 2,      /* 0x40-0x5F: permanent error, no more tries */
    SMSK_ST_TEMPORARY_FINAL = 3 /* 0x60-0x7F: temporary error, no more tries */
} smsk_status_class;

/* The class of a TP-ST value. Reserved values (0x03-0x0F, 0x26-0x2F,
 * 0x4A-0x4F, 0x66-0x6F, 0x80-0xFF) take the class of 0x63 "service
 * rejected", as 9.2.3.15 tells the MS to read them. */
SMSK_API smsk_status_class smsk_tp_status_class(uint8_t st);

/* The meaning of a TP-ST value as a static English phrase, e.g.
 * "short message received by the SME"; never NULL. */
SMSK_API const char *smsk_tp_status_text(uint8_t st);

/* ======================================================================
 * User Data Header (TS 23.040 9.2.3.24)
 * ==================================================================== */

#define SMSK_IEI_CONCAT8 0x00u       /* 9.2.3.24.1 */
#define SMSK_IEI_SPECIAL_SMS 0x01u   /* 9.2.3.24.2 */
#define SMSK_IEI_PORTS8 0x04u        /* 9.2.3.24.3 */
#define SMSK_IEI_PORTS16 0x05u       /* 9.2.3.24.4 */
#define SMSK_IEI_SMSC_CONTROL 0x06u  /* 9.2.3.24.5 */
#define SMSK_IEI_UDH_SOURCE 0x07u    /* 9.2.3.24.6 */
#define SMSK_IEI_CONCAT16 0x08u      /* 9.2.3.24.8 */
#define SMSK_IEI_NL_SINGLE 0x24u     /* 9.2.3.24.15 */
#define SMSK_IEI_NL_LOCKING 0x25u    /* 9.2.3.24.16 */

/* One information element; `data` points into the parsed user data. */
typedef struct smsk_ie {
    uint8_t iei;
    uint8_t len;
    const uint8_t *data;
} smsk_ie;

/* 139 octets of UDH hold at most 69 elements of 2 octets. */
#define SMSK_UDH_MAX_IES 69u

/*
 * A User Data Header: every element in order (so that building it gives
 * the same octets), plus typed views of the elements with meaning.
 * `*_present` flags say which typed fields are set.
 */
typedef struct smsk_udh {
    size_t n_ies;
    smsk_ie ies[SMSK_UDH_MAX_IES];
    size_t udhl;          /* the UDHL octet */
    int concat_present;
    unsigned concat_ref, concat_total, concat_seq, concat_ref_bits; /* 8/16 */
    int ports_present;
    unsigned port_dst, port_src, port_bits; /* 8 or 16 */
    int nl_single_present, nl_locking_present;
    smsk_lang nl_single, nl_locking; /* SMSK_LANG_DEFAULT for reserved NLIs */
    unsigned nl_single_nli, nl_locking_nli; /* the raw NLI octets */
    int special_present;  /* IEI 0x01: first occurrence */
    unsigned special_type;  /* octet 1: bit 7 store, bits 6..0 type */
    unsigned special_count; /* octet 2: messages waiting */
    int concat_ignored;   /* a concatenation IE with sequence 0, total 0 or
                             sequence above total, ignored as 9.2.3.24.1
                             requires (the message reads as a single one) */
    /* the octets of the elements the add_* helpers make (their `data`
     * points here, so a copy of the struct still points into this one) */
    uint8_t own[140];
    size_t own_len;
} smsk_udh;

/*
 * Parse the UDH at the start of `ud` (its first octet is UDHL). Typed
 * fields follow TS 23.040 9.2.3.24: an element of the wrong length for its
 * type and reserved 8-bit ports are errors that name the rule broken; a
 * concatenation IE with sequence 0, total 0 or sequence above total is
 * ignored as 9.2.3.24.1 requires (concat_ignored). An element that 9.2.3.24
 * allows once per message and that appears again is not an error: its
 * last occurrence is used, as 9.2.3.24 requires (all stay in `ies`).
 * Elements keep pointing into `ud` while it lives.
 *
 * Returns:
 *   SMSK_OK          success
 *   SMSK_E_ARG       NULL pointer
 *   SMSK_E_TRUNC     UDHL beyond `ud_len`, or an element running past
 *                    the UDHL (diag: offset)
 *   SMSK_E_MALFORMED a rule above broken (diag: offset, what)
 *   SMSK_E_LIMIT     more than SMSK_UDH_MAX_IES elements
 */
SMSK_API smsk_status smsk_udh_parse(smsk_udh *udh, const uint8_t *ud,
        size_t ud_len, smsk_diag *diag);

/* Reset `udh` to no elements. */
SMSK_API void smsk_udh_init(smsk_udh *udh);

/*
 * Append an element (its data is copied into the header when built, so
 * `data` must live until smsk_udh_build). Typed fields are updated.
 * Returns: SMSK_OK, SMSK_E_ARG, SMSK_E_LIMIT, SMSK_E_MALFORMED (as for
 * smsk_udh_parse).
 */
SMSK_API smsk_status smsk_udh_add(smsk_udh *udh, uint8_t iei,
        const uint8_t *data, size_t len);

/* Convenience: concatenation (ref_bits 8 or 16), ports (bits 8 or 16),
 * national language shift IEs. Same returns as smsk_udh_add. */
SMSK_API smsk_status smsk_udh_add_concat(smsk_udh *udh, unsigned ref,
        unsigned total, unsigned seq, unsigned ref_bits);
SMSK_API smsk_status smsk_udh_add_ports(smsk_udh *udh, unsigned dst_port,
        unsigned src_port, unsigned bits);
SMSK_API smsk_status smsk_udh_add_shift(smsk_udh *udh, smsk_gsm7_shift shift);

/* Octets the built header takes (UDHL included; 0 with no element). */
SMSK_API size_t smsk_udh_len(const smsk_udh *udh);

/*
 * Write UDHL and the elements in order.
 * Returns: SMSK_OK, SMSK_E_ARG, SMSK_E_RANGE (longer than 139 octets),
 * SMSK_E_NOSPACE (*dst_len = needed).
 */
SMSK_API smsk_status smsk_udh_build(uint8_t *dst, size_t dst_cap,
        size_t *dst_len, const smsk_udh *udh);

/* Fill bits between a UDH of `udh_octets` (UDHL included) and 7-bit
 * text, so the text starts on a septet boundary (TS 23.040 9.2.3.24). */
#define SMSK_UDH_FILL_BITS(udh_octets) ((7u - ((size_t)(udh_octets) * 8u) % 7u) % 7u)

/* ======================================================================
 * TPDUs (TS 23.040 9.2.2) and AT PDU mode (TS 27.005 3.1)
 * ==================================================================== */

typedef enum smsk_tpdu_type {
    SMSK_TPDU_DELIVER = 0,
    SMSK_TPDU_DELIVER_REPORT = 1,
    SMSK_TPDU_SUBMIT = 2,
    SMSK_TPDU_SUBMIT_REPORT = 3,
    SMSK_TPDU_STATUS_REPORT = 4,
    SMSK_TPDU_COMMAND = 5
} smsk_tpdu_type;

/* "sms-deliver", "sms-submit-report", ... (the tools' JSON names). */
SMSK_API const char *smsk_tpdu_type_name(smsk_tpdu_type type);

/*
 * Which way the TPDU travels decides what TP-MTI means (TS 23.040
 * 9.2.3.1): from the SC (MT) 0 DELIVER, 1 SUBMIT-REPORT, 2 STATUS-REPORT;
 * to the SC (MO) 0 DELIVER-REPORT, 1 SUBMIT, 2 COMMAND. SMSK_DIR_ANY
 * reads 0 DELIVER, 1 SUBMIT, 2 STATUS-REPORT (what a log usually holds).
 */
typedef enum smsk_direction {
    SMSK_DIR_ANY = 0,
    SMSK_DIR_MT = 1,
    SMSK_DIR_MO = 2
} smsk_direction;

/* Parse flags. */
/* Accept octets after the TPDU's end (some modems send them);
 * `trailing` says how many. */
#define SMSK_TPDU_LENIENT 0x01u

/* TP-PI bits (TS 23.040 9.2.3.27). */
#define SMSK_PI_PID 0x01u
#define SMSK_PI_DCS 0x02u
#define SMSK_PI_UDL 0x04u

/*
 * A TPDU taken apart. Fields a type does not have are zero. `ud` points
 * into the parsed input (UDH included) and is what building writes, so
 * build(parse(x)) == x; `udl` is TP-UDL as sent (septets for GSM 7-bit,
 * octets otherwise). The decoded text comes from smsk_tpdu_text().
 */
typedef struct smsk_tpdu {
    smsk_tpdu_type type;
    uint8_t first_octet;
    /* bits of the first octet, as sent (TS 23.040 9.2.3.1-9.2.3.26) */
    int mms;   /* TP-MMS (DELIVER, STATUS-REPORT): 1 = no more messages */
    int lp;    /* TP-LP loop prevention */
    int rp;    /* TP-RP reply path */
    int udhi;  /* TP-UDHI */
    int sri;   /* TP-SRI (DELIVER) */
    int srr;   /* TP-SRR (SUBMIT, COMMAND) */
    int srq;   /* TP-SRQ (STATUS-REPORT) */
    int rd;    /* TP-RD (SUBMIT) */
    smsk_vpf vpf; /* TP-VPF (SUBMIT) */
    unsigned mr;  /* TP-MR (SUBMIT, STATUS-REPORT, COMMAND) */
    smsk_addr addr; /* TP-OA (DELIVER), TP-DA (SUBMIT, COMMAND), TP-RA (STATUS-REPORT) */
    uint8_t pid;  /* TP-PID */
    uint8_t dcs;  /* TP-DCS */
    smsk_dcs dcs_info;
    smsk_time scts;   /* TP-SCTS (DELIVER, SUBMIT-REPORT, STATUS-REPORT) */
    smsk_time dt;     /* TP-DT (STATUS-REPORT) */
    smsk_validity vp; /* TP-VP (SUBMIT) */
    uint8_t st;       /* TP-ST (STATUS-REPORT) */
    int fcs_present;  /* reports: RP-ERROR form with TP-FCS */
    uint8_t fcs;      /* TP-FCS (TS 23.040 9.2.3.22) */
    int pi_present;
    uint8_t pi;       /* TP-PI (reports, STATUS-REPORT) */
    uint8_t ct;       /* TP-CT (COMMAND) */
    uint8_t mn;       /* TP-MN (COMMAND) */
    int has_ud;       /* a TP-UDL/TP-CDL field was present */
    size_t udl;       /* TP-UDL, or TP-CDL for COMMAND */
    const uint8_t *ud;/* TP-UD / TP-CD octets in the input */
    size_t ud_len;
    smsk_udh udh;     /* parsed when udhi */
    size_t trailing;  /* SMSK_TPDU_LENIENT: octets after the end */
} smsk_tpdu;

/*
 * Decode a TPDU (no SMSC prefix). Strict by default: input that ends
 * inside a field, a TP-UDL beyond the data, a UDH that breaks 9.2.3.24,
 * a bad semi-octet or date, and octets left over are errors naming the
 * field (diag.what) and its byte offset.
 *
 * Returns:
 *   SMSK_OK          success
 *   SMSK_E_ARG       NULL pointer, unknown direction or flag
 *   SMSK_E_TRUNC     the input ends inside a field
 *   SMSK_E_MALFORMED a field's value breaks the standard, or octets left
 *                    over (unless SMSK_TPDU_LENIENT)
 *   SMSK_E_UNSUPPORTED TP-MTI 3 (reserved)
 */
SMSK_API smsk_status smsk_tpdu_parse(smsk_tpdu *tpdu, const uint8_t *src,
        size_t src_len, smsk_direction dir, unsigned flags, smsk_diag *diag);

/*
 * Decode AT PDU mode data: the SC address (TS 27.005 3.1, length octet 0
 * for none) then the TPDU. `smsc` may be NULL.
 * Returns: as smsk_tpdu_parse, offsets counted from the SC address.
 */
SMSK_API smsk_status smsk_pdu_parse(smsk_addr *smsc, smsk_tpdu *tpdu,
        const uint8_t *src, size_t src_len, smsk_direction dir,
        unsigned flags, smsk_diag *diag);

/*
 * Encode `tpdu` from its fields: the first octet from the bit fields and
 * `type` (TP-MTI), then the fields of the type in the order of 9.2.2,
 * then TP-UDL and `ud` as given (use smsk_tpdu_set_text or
 * smsk_tpdu_set_data to make them).
 *
 * Returns:
 *   SMSK_OK          `*dst_len` octets written
 *   SMSK_E_ARG       NULL pointer, unknown type
 *   SMSK_E_RANGE     a field out of range (TP-MR > 255, udl > 160 or
 *                    ud_len > 140, ...; diag: what)
 *   SMSK_E_MALFORMED an address or time that cannot be encoded
 *   SMSK_E_NOSPACE   `dst_cap` too small (*dst_len = needed when known)
 */
SMSK_API smsk_status smsk_tpdu_build(uint8_t *dst, size_t dst_cap,
        size_t *dst_len, const smsk_tpdu *tpdu, smsk_diag *diag);

/*
 * Encode the SC address (`smsc` NULL or empty: the octet 00) and the
 * TPDU, as AT+CMGS and AT+CMGW take them. `*tpdu_len` (may be NULL)
 * receives the TPDU's octets: the <length> of AT+CMGS.
 * Returns: as smsk_tpdu_build.
 */
SMSK_API smsk_status smsk_pdu_build(uint8_t *dst, size_t dst_cap,
        size_t *dst_len, size_t *tpdu_len, const smsk_addr *smsc,
        const smsk_tpdu *tpdu, smsk_diag *diag);

/*
 * Set TP-DCS's alphabet, TP-UDHI, TP-UDL and TP-UD of `tpdu` from a UDH
 * (may be NULL or empty) and UTF-8 text in `encoding` (GSM 7-bit with
 * `shift`, whose national IEs the caller adds to the UDH, or UCS-2). The
 * user data is written to `ud_buf` (SMSK_UD_MAX_OCTETS is enough), which
 * `tpdu->ud` then points to. Keeps the DCS class bits.
 *
 * Returns:
 *   SMSK_OK, SMSK_E_ARG, SMSK_E_UTF8, SMSK_E_CHARSET (diag: offset),
 *   SMSK_E_RANGE (UDH and text do not fit in 140 octets / 160 septets:
 *   the text needs concatenated parts), SMSK_E_NOSPACE (`ud_cap`)
 */
SMSK_API smsk_status smsk_tpdu_set_text(smsk_tpdu *tpdu, uint8_t *ud_buf,
        size_t ud_cap, const smsk_udh *udh, const char *text,
        size_t text_len, smsk_encoding encoding, smsk_gsm7_shift shift,
        smsk_diag *diag);

/* The same for 8-bit data (TP-DCS alphabet 8-bit). */
SMSK_API smsk_status smsk_tpdu_set_data(smsk_tpdu *tpdu, uint8_t *ud_buf,
        size_t ud_cap, const smsk_udh *udh, const uint8_t *data,
        size_t data_len, smsk_diag *diag);

/*
 * Decode the text of a parsed TPDU's user data after its UDH: GSM 7-bit
 * with the fill bits and the national tables the UDH names, or UCS-2.
 * SMSK_GSM7_LENIENT / SMSK_UCS2_LENIENT in `flags` pass on. As with
 * smsk_ucs2_decode, bytes of `dst` past the text may be overwritten (never
 * past `dst_cap`).
 *
 * Returns:
 *   SMSK_OK, SMSK_E_ARG, SMSK_E_NOSPACE (SMSK_TPDU_TEXT_MAX is enough),
 *   SMSK_E_UNSUPPORTED (8-bit data or compressed text: no text),
 *   the decoders' errors (diag offsets into the TPDU's user data)
 */
SMSK_API smsk_status smsk_tpdu_text(char *dst, size_t dst_cap,
        size_t *dst_len, const smsk_tpdu *tpdu, unsigned flags,
        smsk_diag *diag);

/* The payload after the UDH (8-bit data, or the raw text octets). */
SMSK_API smsk_status smsk_tpdu_payload(const uint8_t **data, size_t *len,
        const smsk_tpdu *tpdu);

#define SMSK_TPDU_TEXT_MAX 480u /* 160 septets x 3 bytes */
#define SMSK_TPDU_MAX 164u      /* TS 23.040: largest TPDU */
#define SMSK_PDU_MAX (SMSK_TPDU_MAX + SMSK_ADDR_MAX)

/*
 * AT PDU mode responses (TS 27.005 3.4.1, 3.1.3): "+CMT: [<alpha>],<length>",
 * "+CMGR: <stat>,[<alpha>],<length>", "+CMGL: <index>,<stat>,[<alpha>],<length>",
 * "+CDS: <length>", each followed by a line of hex. The header's <length>
 * counts the TPDU's octets (not the SC address), and is checked.
 */
typedef struct smsk_at_pdu {
    int kind;             /* 'T' +CMT, 'R' +CMGR, 'L' +CMGL, 'S' +CDS */
    long index;           /* +CMGL <index>, else -1 */
    long stat;            /* +CMGR/+CMGL <stat>, else -1 */
    size_t length;        /* <length> */
    const char *hex;      /* the PDU line, a view into the input */
    size_t hex_len;
} smsk_at_pdu;

/*
 * Read one header line and its PDU line from `src` (CR, LF or CRLF line
 * ends); `*consumed` receives the bytes of both lines.
 * Returns: SMSK_OK, SMSK_E_ARG, SMSK_E_TRUNC (no PDU line),
 * SMSK_E_MALFORMED (not such a header, or a bad <length>; diag: offset),
 * SMSK_E_NOTFOUND (the line is no +CMT/+CMGR/+CMGL/+CDS header).
 */
SMSK_API smsk_status smsk_at_pdu_parse(smsk_at_pdu *at, size_t *consumed,
        const char *src, size_t src_len, smsk_diag *diag);

/*
 * Decode a hex PDU line with the SC address and check that the TPDU is
 * `at->length` octets (TS 27.005 3.1).
 * Returns: as smsk_pdu_parse, plus SMSK_E_MALFORMED when the length
 * disagrees (diag.what says which is longer; diag.offset is where
 * <length> ends the TPDU, or the PDU's end).
 */
SMSK_API smsk_status smsk_at_pdu_decode(smsk_addr *smsc, smsk_tpdu *tpdu,
        uint8_t *buf, size_t buf_cap, const smsk_at_pdu *at,
        smsk_direction dir, unsigned flags, smsk_diag *diag);

/* ======================================================================
 * Segments: counting and splitting (TS 23.040 9.2.3.24.1)
 * ==================================================================== */

/* Why a segment ends where it does. */
typedef enum smsk_split_reason {
    SMSK_SPLIT_END = 0,       /* the text ends */
    SMSK_SPLIT_FULL = 1,      /* the next character does not fit */
    SMSK_SPLIT_ESCAPE = 2,    /* only the escape of an escape pair would fit */
    SMSK_SPLIT_SURROGATE = 3, /* only half of a surrogate pair would fit */
    SMSK_SPLIT_CLUSTER = 4    /* moved back to keep a grapheme cluster whole */
} smsk_split_reason;

/* One part of a split text. */
typedef struct smsk_segment {
    size_t offset;   /* first byte of the part in the text */
    size_t len;      /* its bytes */
    size_t chars;    /* its code points */
    size_t units;    /* septets (GSM 7-bit), UTF-16 units (UCS-2), octets */
    smsk_split_reason reason;
} smsk_segment;

/* Split flags. */
/* Cut at any code point (default: keep grapheme clusters whole when built
 * with ICU; escapes and surrogate pairs are never cut). */
#define SMSK_SPLIT_CODEPOINTS 0x01u

typedef struct smsk_split_opts {
    smsk_text_policy policy; /* encodings and national tables allowed */
    unsigned ref_bits;       /* concatenation reference: 8 (or 0) or 16 */
    size_t extra_udh;        /* octets of other IEs in every part (ports) */
    unsigned flags;          /* SMSK_SPLIT_* */
} smsk_split_opts;

typedef struct smsk_split_info {
    smsk_text_info text;   /* encoding, tables, units and characters */
    size_t segments;       /* parts needed (1 for an empty text) */
    size_t per_segment;    /* units each part holds */
    size_t remaining;      /* units left free in the last part */
    size_t udh_octets;     /* UDH octets of every part, UDHL included */
} smsk_split_info;

/* Most parts a concatenated message can have (TS 23.040 9.2.3.24.1). */
#define SMSK_MAX_PARTS 255u

/*
 * Plan how `text` is sent: the cheapest encoding (smsk_text_choose with
 * `opts->policy`), then parts of at most 160 septets / 70 UTF-16 units /
 * 140 octets for a single message, less the UDH: national language IEs
 * (3 octets each), `extra_udh`, and for concatenated parts the
 * concatenation IE (5 or 6 octets; with UDHL 6 or 7) and for GSM 7-bit
 * the fill bits, giving 153 / 152 septets, 67 units, 134 / 133 octets.
 * A part never ends between an escape and its septet, nor inside a
 * surrogate pair, nor (ICU, unless SMSK_SPLIT_CODEPOINTS) inside an
 * extended grapheme cluster that is shorter than a part. `segs` may be
 * NULL with `segs_cap` 0 to count only.
 *
 * Returns:
 *   SMSK_OK          `*info` and segs[0 .. info->segments) filled
 *   SMSK_E_ARG       NULL pointer, ref_bits other than 0/8/16, bad policy
 *   SMSK_E_UTF8      invalid UTF-8 (diag: offset)
 *   SMSK_E_CHARSET   no allowed encoding holds the text (diag)
 *   SMSK_E_RANGE     more than 255 parts (diag: what; info filled)
 *   SMSK_E_NOSPACE   `segs_cap` below info->segments (info filled)
 */
SMSK_API smsk_status smsk_split_plan(smsk_segment *segs, size_t segs_cap,
        smsk_split_info *info, const char *text, size_t text_len,
        const smsk_split_opts *opts, smsk_diag *diag);

/* ======================================================================
 * Concatenation references (TS 23.040 9.2.3.24.1, 9.2.3.24.8)
 * ==================================================================== */

/* One counter of the reference allocator (caller storage). */
typedef struct smsk_ref_slot {
    uint64_t key;   /* hash of the destination the counter serves */
    uint64_t stamp; /* when it last served (for eviction) */
    uint32_t next;  /* the reference it gives next */
    uint32_t used;  /* 1 once it has served a destination */
} smsk_ref_slot;

/*
 * Hands out concatenation references per destination. TS 23.040
 * 9.2.3.24.1 asks that the reference be the same in every part of a
 * message and differ between the concatenated messages in flight to one
 * destination; a counter per destination that wraps modulo 2^8 or 2^16
 * does that. Destinations are looked up in the caller's slots by a hash
 * (8 probes); when all are taken, the destination served longest ago
 * gives up its slot, and the newcomer continues that counter. Memory
 * stays bounded; give at least as many slots as destinations that have
 * messages in flight at once.
 */
typedef struct smsk_ref_alloc {
    smsk_ref_slot *slots_;
    size_t n_slots_;
    unsigned bits_;
    uint32_t seed_;
    uint64_t clock_;
} smsk_ref_alloc;

/*
 * Set up an allocator of `bits` (8 or 16) bit references over `slots`.
 * `seed` is the first reference of every destination (so that a gateway
 * that restarts can start elsewhere, e.g. from the time).
 * Returns: SMSK_OK, SMSK_E_ARG (NULL, no slots, bits not 8 or 16).
 */
SMSK_API smsk_status smsk_ref_init(smsk_ref_alloc *a, smsk_ref_slot *slots,
        size_t n_slots, unsigned bits, uint32_t seed);

/*
 * The next reference for `dest` (wrapping after 255 or 65535).
 * Returns: SMSK_OK, SMSK_E_ARG (NULL pointer or uninitialised allocator).
 */
SMSK_API smsk_status smsk_ref_next(smsk_ref_alloc *a, const smsk_addr *dest,
        unsigned *ref);

/* ======================================================================
 * Reassembly of concatenated messages (TS 23.040 9.2.3.24.1, 9.2.3.24.8)
 * ==================================================================== */

/* Why a message is handed over. */
typedef enum smsk_reasm_reason {
    SMSK_REASM_COMPLETE = 0, /* every part arrived */
    SMSK_REASM_TIMEOUT = 1,  /* parts stopped arriving: gaps marked */
    SMSK_REASM_EVICTED = 2,  /* memory full: the oldest partial message */
    SMSK_REASM_FLUSHED = 3   /* smsk_reasm_flush() */
} smsk_reasm_reason;

/* A message handed to the callback. Views live during the callback only. */
typedef struct smsk_reasm_msg {
    smsk_reasm_reason reason;
    smsk_addr originator;
    unsigned ref, ref_bits, total;
    size_t parts_present;        /* parts received */
    const uint8_t *present;      /* present[i]: part i+1 arrived (total bytes) */
    smsk_encoding encoding;      /* of the parts (from the first part's DCS) */
    size_t duplicates;           /* exact duplicates absorbed */
    uint64_t first_ms, last_ms;  /* arrival of the first and last part */
    const void *priv;            /* for smsk_reasm_msg_text / _data */
} smsk_reasm_msg;

typedef void (*smsk_reasm_cb)(const smsk_reasm_msg *msg, void *user);

/* The engine: a public struct with private fields (yxml style). */
typedef struct smsk_reasm {
    /* public, read-only */
    size_t pending_messages; /* partial messages held */
    size_t pending_parts;    /* parts held */
    size_t capacity_parts;   /* parts the memory holds */
    size_t duplicates;       /* exact duplicates absorbed, in total */
    size_t conflicts;        /* different parts with the same key and seq */
    /* private */
    void *mem_;
    size_t mem_len_;
    uint64_t timeout_ms_;
    smsk_reasm_cb cb_;
    void *user_;
    size_t n_slots_, n_buckets_;
    uint32_t free_, oldest_, newest_;
    uint64_t seq_;
} smsk_reasm;

/* Bytes of memory that hold `parts` pending parts (for sizing). */
SMSK_API size_t smsk_reasm_mem_size(size_t parts);

/*
 * Set up `r` in the caller's memory `mem` (aligned to 8; at least
 * smsk_reasm_mem_size(1) bytes): no allocation, ever. `cb` receives every
 * message handed over (complete, timed out, evicted, flushed), so no
 * part that arrived is dropped without it. `timeout_ms` 0: never time out.
 * Returns: SMSK_OK, SMSK_E_ARG (NULL, misaligned or too small memory).
 */
SMSK_API smsk_status smsk_reasm_init(smsk_reasm *r, void *mem, size_t mem_len,
        uint64_t timeout_ms, smsk_reasm_cb cb, void *user);

/*
 * Add a received part: a parsed SMS-DELIVER (its originator, UDH, DCS
 * and user data). A TPDU without a concatenation IE is a whole message
 * and goes straight to the callback. Parts are grouped by originator,
 * reference, reference size and total; they may come in any order; an
 * exact duplicate is absorbed and counted; a different part with the
 * same key and sequence number is reported as SMSK_E_MALFORMED with
 * diag.what naming the conflict, counted, and never merged (the first
 * part is kept). Messages whose first part came `timeout_ms` or more
 * before `now_ms` (the caller's clock) are handed over first. When
 * memory is full the oldest partial message is handed over as
 * SMSK_REASM_EVICTED. Work per part is O(1) on average.
 *
 * Returns:
 *   SMSK_OK          the part completed a message (handed over)
 *   SMSK_MORE        stored; more parts needed
 *   SMSK_E_ARG       NULL pointer, or `tpdu` has no user data
 *   SMSK_E_MALFORMED a conflicting part (diag: what, offset of the first
 *                    TP-UD octet that differs), or TP-UDL, TP-UDHL or the
 *                    UDH breaking TS 23.040 9.2.3.16 / 9.2.3.24
 */
SMSK_API smsk_status smsk_reasm_add(smsk_reasm *r, const smsk_tpdu *tpdu,
        uint64_t now_ms, smsk_diag *diag);

/* Hand over every message older than the timeout. Returns how many. */
SMSK_API size_t smsk_reasm_expire(smsk_reasm *r, uint64_t now_ms);

/* Hand over every pending message (SMSK_REASM_FLUSHED). Returns how many. */
SMSK_API size_t smsk_reasm_flush(smsk_reasm *r);

/*
 * The text of a handed-over message (GSM 7-bit or UCS-2), parts joined in
 * order before decoding, so that an escape or surrogate pair split
 * between parts is joined again; each missing part shows as U+FFFD.
 * Returns: SMSK_OK, SMSK_E_ARG, SMSK_E_UNSUPPORTED (8-bit data),
 * SMSK_E_NOSPACE (*dst_len = bytes needed).
 */
SMSK_API smsk_status smsk_reasm_msg_text(char *dst, size_t dst_cap,
        size_t *dst_len, const smsk_reasm_msg *msg);

/* The data of a handed-over 8-bit message, parts joined (missing parts
 * are left out; `present` says which). Same returns as _text. */
SMSK_API smsk_status smsk_reasm_msg_data(uint8_t *dst, size_t dst_cap,
        size_t *dst_len, const smsk_reasm_msg *msg);

/*
 * Write the pending state to bytes (versioned, with a checksum), so a
 * gateway that restarts keeps its partial messages.
 * Returns: SMSK_OK, SMSK_E_ARG, SMSK_E_NOSPACE (*dst_len = needed).
 */
SMSK_API smsk_status smsk_reasm_export(uint8_t *dst, size_t dst_cap,
        size_t *dst_len, const smsk_reasm *r);

/*
 * Load state written by smsk_reasm_export into an initialised engine,
 * adding its parts as smsk_reasm_add would (a duplicate is absorbed, a
 * conflicting part counted and dropped, a message it completes handed
 * over). Corrupt or truncated input is an error and leaves `r` as it was.
 * Returns: SMSK_OK, SMSK_E_ARG, SMSK_E_TRUNC, SMSK_E_MALFORMED (bad
 * magic, version or checksum; diag: offset), SMSK_E_LIMIT (the memory
 * does not hold it all).
 */
SMSK_API smsk_status smsk_reasm_import(smsk_reasm *r, const uint8_t *src,
        size_t src_len, smsk_diag *diag);

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
