# SPDX-License-Identifier: MIT
# One Criterion binary per library file. Unit tests link the core archive
# so that they may reach internals, which they include by relative path
# ("../lib/septet.h"); programs elsewhere set their own LDADD. LDADD here
# is the default for every program without one.
LDADD = lib/libsmskit_core.la lib/libsmskit_opt.la $(CRITERION_LIBS)

EXTRA_DIST += tests/vectors/README.md tests/vectors/gsm7_pack.jsonl \
	tests/vectors/dlr.jsonl tests/vectors/fields.jsonl \
	tests/vectors/pdu_decode.jsonl tests/vectors/pdu_encode.jsonl \
	tests/vectors/segments.jsonl

if HAVE_CRITERION
CRITERION_TESTS = \
	tests/test_status \
	tests/test_utf8 \
	tests/test_ascii7 \
	tests/test_gsm7 \
	tests/test_gsm7_tables \
	tests/test_septet \
	tests/test_ucs2 \
	tests/test_latin1 \
	tests/test_dcs \
	tests/test_prepare \
	tests/test_choose \
	tests/test_split \
	tests/test_ref \
	tests/test_reasm \
	tests/test_hex \
	tests/test_addr \
	tests/test_scts \
	tests/test_tp_status \
	tests/test_udh \
	tests/test_tpdu \
	tests/test_tpdu_text \
	tests/test_at
check_PROGRAMS += $(CRITERION_TESTS)
TESTS += $(CRITERION_TESTS)
endif

tests_test_status_SOURCES = tests/test_status.c
tests_test_utf8_SOURCES = tests/test_utf8.c
tests_test_ascii7_SOURCES = tests/test_ascii7.c
tests_test_gsm7_SOURCES = tests/test_gsm7.c tests/vectors/gsm7_pack.h
tests_test_gsm7_tables_SOURCES = tests/test_gsm7_tables.c tests/vectors/gsm7_tables_tsv.h
tests_test_septet_SOURCES = tests/test_septet.c tests/vectors/gsm7_pack.h
tests_test_ucs2_SOURCES = tests/test_ucs2.c tests/vectors/gsm7_pack.h
tests_test_latin1_SOURCES = tests/test_latin1.c
tests_test_dcs_SOURCES = tests/test_dcs.c
tests_test_prepare_SOURCES = tests/test_prepare.c
tests_test_choose_SOURCES = tests/test_choose.c
tests_test_reasm_SOURCES = tests/test_reasm.c
tests_test_ref_SOURCES = tests/test_ref.c
tests_test_split_SOURCES = tests/test_split.c tests/vectors/segments.h
tests_test_hex_SOURCES = tests/test_hex.c
tests_test_addr_SOURCES = tests/test_addr.c
tests_test_scts_SOURCES = tests/test_scts.c
tests_test_tp_status_SOURCES = tests/test_tp_status.c
tests_test_udh_SOURCES = tests/test_udh.c
tests_test_tpdu_SOURCES = tests/test_tpdu.c tests/vectors/pdu_decode.h tests/vectors/pdu_encode.h
tests_test_tpdu_text_SOURCES = tests/test_tpdu_text.c
tests_test_at_SOURCES = tests/test_at.c tests/vectors/pdu_decode.h

# The public header stands alone and is plain C99 (Gammu's include-*.c).
check_PROGRAMS += tests/test_header
TESTS += tests/test_header
tests_test_header_SOURCES = tests/test_header.c
tests_test_header_CFLAGS = -std=c99 -pedantic-errors $(WARN_CFLAGS)
tests_test_header_LDADD = lib/libsmskit.la

EXTRA_DIST += tests/helpers/bytes.h tests/helpers/guard.c tests/helpers/guard.h \
	tests/helpers/rng.h tests/helpers/septet_ref.h tests/helpers/septet_rows.h

# Vector tables converted from the JSON Lines (committed; regenerate with
# `make gen-vectors`), and the TS 23.038 tables as the tests see them.
EXTRA_DIST += tests/vectors/gen_vectors.py tests/vectors/gen_segments.py
gen-vectors:
	$(PYTHON3) $(top_srcdir)/tests/vectors/gen_vectors.py $(top_srcdir)
	$(PYTHON3) $(top_srcdir)/tests/vectors/gen_segments.py $(top_srcdir)
.PHONY: gen-vectors

# Shell checks that need no Criterion.
TESTS += tests/check-no-malloc.sh tests/check-exports.sh tests/check-generated.sh tests/check-tools.sh \
	tests/check-readme-example.sh
EXTRA_DIST += tests/check-no-malloc.sh tests/check-exports.sh tests/check-generated.sh \
	tests/check-tools.sh tests/tools/check_tools.py tests/check-readme-example.sh
