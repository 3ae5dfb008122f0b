/* SPDX-License-Identifier: MIT */
/*
 * The SMS Data Coding Scheme (TP-DCS): 3GPP TS 23.038 clause 4.
 *
 * How this works:
 *  - The high bits pick the coding group:
 *      00.. ....  general data coding        (SMSK_DCS_GENERAL)
 *      01.. ....  marked for automatic deletion (SMSK_DCS_AUTO_DELETE),
 *                 laid out as the general group
 *      10.. ....  reserved coding groups     (SMSK_DCS_RESERVED)
 *      1100 ....  MWI, discard message, GSM 7-bit (SMSK_DCS_MWI_DISCARD)
 *      1101 ....  MWI, store message, GSM 7-bit   (SMSK_DCS_MWI_STORE)
 *      1110 ....  MWI, store message, UCS-2  (SMSK_DCS_MWI_STORE_UCS2)
 *      1111 ....  data coding/message class  (SMSK_DCS_CLASS)
 *  - General groups: bit 5 compressed (TS 23.042), bit 4 "bits 1..0 hold
 *    the message class", bits 3..2 the alphabet (00 GSM 7-bit, 01 8-bit,
 *    10 UCS-2, 11 reserved). MWI groups: bit 3 indication active, bit 2
 *    reserved, bits 1..0 indication type. 1111: bit 3 reserved, bit 2
 *    GSM 7-bit / 8-bit, bits 1..0 the class.
 *  - Parsing never fails: what clause 4 calls reserved is reported, and
 *    the receiver's reading of it (GSM 7-bit default alphabet, as clause
 *    4 asks of a receiving entity) goes into `encoding`.
 *  - `reserved_bits` holds reserved bits at their place in the octet:
 *    0x03 of the general groups when bit 4 is 0 (bits 1..0 are then
 *    "reserved"), 0x04 of the MWI groups, 0x08 of 1111, and 0x3F of the
 *    reserved groups. For the reserved groups that is bits 3..0 plus the
 *    two low group bits (bits 5..4), which tell 1000, 1001, 1010 and
 *    1011 apart; a receiver has no other use for them and no other field
 *    could carry them.
 *  - Building is the exact inverse of parsing: it accepts a struct only
 *    when some octet parses to it (booleans compared as zero / nonzero)
 *    and writes that octet, so parse then build gives every octet 0x00 to
 *    0xFF back. Fields a group has no room for must therefore hold what
 *    parsing puts there: msg_class -1 and compressed 0 outside the groups
 *    that carry them, mwi_active 0 and mwi_type voicemail outside the MWI
 *    groups, alphabet_reserved set in the reserved groups and clear in
 *    the MWI and 1111 groups, encoding GSM 7-bit with a reserved
 *    alphabet.
 *
 * Traps:
 *  - 0x00 (general, no class) and 0xF0 (1111, class 0) both mean GSM
 *    7-bit, but 0xF0, like 0x10, is class 0: a flash message.
 *  - In the general groups without a class, bits 1..0 are not a class;
 *    they are kept, not dropped, or 0x01 would come back as 0x00.
 *  - The 1111 group has no UCS-2 and always a class.
 */
#include "internal.h"

#define GEN_COMPRESSED 0x20u
#define GEN_HAS_CLASS 0x10u
#define GEN_RESERVED 0x03u
#define MWI_ACTIVE 0x08u
#define MWI_RESERVED 0x04u
#define CLS_RESERVED 0x08u
#define CLS_8BIT 0x04u
#define RSV_GROUP_BITS 0x3Fu

const char *smsk_encoding_name(smsk_encoding encoding)
{
    switch (encoding) {
    case SMSK_ENC_GSM7:
        return "gsm7";
    case SMSK_ENC_8BIT:
        return "8bit";
    case SMSK_ENC_UCS2:
        return "ucs2";
    }
    return NULL;
}

smsk_status smsk_dcs_parse(smsk_dcs *dcs, uint8_t octet)
{
    if (dcs == NULL)
        return SMSK_E_ARG;

    unsigned o = octet;
    dcs->encoding = SMSK_ENC_GSM7;
    dcs->msg_class = -1;
    dcs->compressed = 0;
    dcs->alphabet_reserved = 0;
    dcs->mwi_active = 0;
    dcs->mwi_type = SMSK_MWI_VOICEMAIL;
    dcs->reserved_bits = 0;

    switch (o >> 4) {
    case 0x0: case 0x1: case 0x2: case 0x3:
    case 0x4: case 0x5: case 0x6: case 0x7: {
        dcs->group = (o & 0x40u) ? SMSK_DCS_AUTO_DELETE : SMSK_DCS_GENERAL;
        dcs->compressed = (o & GEN_COMPRESSED) != 0;
        if (o & GEN_HAS_CLASS)
            dcs->msg_class = (int)(o & 0x03u);
        else
            dcs->reserved_bits = (uint8_t)(o & GEN_RESERVED);
        unsigned alphabet = (o >> 2) & 0x03u;
        if (alphabet == 0x03u)
            dcs->alphabet_reserved = 1; /* clause 4: read as GSM 7-bit */
        else
            dcs->encoding = (smsk_encoding)alphabet;
        break;
    }
    case 0x8: case 0x9: case 0xA: case 0xB:
        dcs->group = SMSK_DCS_RESERVED;
        dcs->alphabet_reserved = 1; /* clause 4: read as GSM 7-bit */
        dcs->reserved_bits = (uint8_t)(o & RSV_GROUP_BITS);
        break;
    case 0xC: case 0xD: case 0xE:
        dcs->group = (smsk_dcs_group)(SMSK_DCS_MWI_DISCARD + (o >> 4) - 0xCu);
        if (dcs->group == SMSK_DCS_MWI_STORE_UCS2)
            dcs->encoding = SMSK_ENC_UCS2;
        dcs->mwi_active = (o & MWI_ACTIVE) != 0;
        dcs->reserved_bits = (uint8_t)(o & MWI_RESERVED);
        dcs->mwi_type = (smsk_mwi_type)(o & 0x03u);
        break;
    default: /* 0xF */
        dcs->group = SMSK_DCS_CLASS;
        if (o & CLS_8BIT)
            dcs->encoding = SMSK_ENC_8BIT;
        dcs->msg_class = (int)(o & 0x03u);
        dcs->reserved_bits = (uint8_t)(o & CLS_RESERVED);
        break;
    }
    return SMSK_OK;
}

/* The fields every group other than the general ones must leave alone. */
static int no_class_no_compression(const smsk_dcs *dcs)
{
    return dcs->msg_class == -1 && !dcs->compressed;
}

static int no_mwi(const smsk_dcs *dcs)
{
    return !dcs->mwi_active && dcs->mwi_type == SMSK_MWI_VOICEMAIL;
}

smsk_status smsk_dcs_build(uint8_t *octet, const smsk_dcs *dcs)
{
    if (octet == NULL || dcs == NULL)
        return SMSK_E_ARG;
    if ((unsigned)dcs->group > (unsigned)SMSK_DCS_CLASS
            || (unsigned)dcs->encoding > (unsigned)SMSK_ENC_UCS2)
        return SMSK_E_ARG;
    if (dcs->msg_class < -1 || dcs->msg_class > 3)
        return SMSK_E_RANGE;

    unsigned rsv = dcs->reserved_bits;
    unsigned o;
    switch (dcs->group) {
    case SMSK_DCS_GENERAL:
    case SMSK_DCS_AUTO_DELETE:
        if (!no_mwi(dcs))
            return SMSK_E_RANGE;
        o = dcs->group == SMSK_DCS_AUTO_DELETE ? 0x40u : 0x00u;
        if (dcs->compressed)
            o |= GEN_COMPRESSED;
        if (dcs->alphabet_reserved) {
            /* bits 11 read back as GSM 7-bit; anything else would not */
            if (dcs->encoding != SMSK_ENC_GSM7)
                return SMSK_E_RANGE;
            o |= 0x0Cu;
        } else {
            o |= (unsigned)dcs->encoding << 2;
        }
        if (dcs->msg_class >= 0) {
            if (rsv != 0) /* bits 1..0 hold the class: no reserved field */
                return SMSK_E_RANGE;
            o |= GEN_HAS_CLASS | (unsigned)dcs->msg_class;
        } else {
            if (rsv & ~GEN_RESERVED)
                return SMSK_E_RANGE;
            o |= rsv;
        }
        break;
    case SMSK_DCS_RESERVED:
        if (!no_class_no_compression(dcs) || !no_mwi(dcs)
                || dcs->encoding != SMSK_ENC_GSM7 || !dcs->alphabet_reserved
                || (rsv & ~RSV_GROUP_BITS))
            return SMSK_E_RANGE;
        o = 0x80u | rsv;
        break;
    case SMSK_DCS_MWI_DISCARD:
    case SMSK_DCS_MWI_STORE:
    case SMSK_DCS_MWI_STORE_UCS2: {
        smsk_encoding own = dcs->group == SMSK_DCS_MWI_STORE_UCS2
                ? SMSK_ENC_UCS2 : SMSK_ENC_GSM7;
        if (!no_class_no_compression(dcs) || dcs->encoding != own
                || dcs->alphabet_reserved
                || (unsigned)dcs->mwi_type > (unsigned)SMSK_MWI_OTHER
                || (rsv & ~MWI_RESERVED))
            return SMSK_E_RANGE;
        o = (0xCu + (unsigned)dcs->group - (unsigned)SMSK_DCS_MWI_DISCARD)
                << 4;
        if (dcs->mwi_active)
            o |= MWI_ACTIVE;
        o |= rsv | (unsigned)dcs->mwi_type;
        break;
    }
    case SMSK_DCS_CLASS:
        /* clause 4: 1111 has GSM 7-bit or 8-bit only, always a class */
        if (dcs->msg_class < 0 || dcs->compressed || !no_mwi(dcs)
                || dcs->encoding == SMSK_ENC_UCS2 || dcs->alphabet_reserved
                || (rsv & ~CLS_RESERVED))
            return SMSK_E_RANGE;
        o = 0xF0u | rsv | (unsigned)dcs->msg_class;
        if (dcs->encoding == SMSK_ENC_8BIT)
            o |= CLS_8BIT;
        break;
    default:
        return SMSK_E_ARG;
    }
    *octet = (uint8_t)o;
    return SMSK_OK;
}
