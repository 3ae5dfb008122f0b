# SPDX-License-Identifier: MIT
# Every library object goes into a private convenience archive; the
# installed library is built from it, and unit tests of internals link the
# archive so that hidden symbols resolve.
noinst_LTLIBRARIES += lib/libsmskit_core.la
lib_libsmskit_core_la_SOURCES = \
	lib/internal.h \
	lib/status.c \
	lib/version.c \
	lib/utf8.c lib/utf8.h \
	lib/ascii7.c lib/ascii7.h \
	lib/gsm7.c lib/gsm7.h \
	lib/gsm7_tables.c \
	lib/septet.c lib/septet.h lib/simd512.h \
	lib/ucs2.c \
	lib/latin1.c \
	lib/dcs.c \
	lib/prepare.c lib/prepare.h \
	lib/choose.c lib/choose.h \
	lib/split.c \
	lib/ref.c \
	lib/reasm.c \
	lib/hex.c \
	lib/addr.c \
	lib/scts.c \
	lib/tp_status.c \
	lib/udh.c \
	lib/tpdu.c lib/tpdu.h \
	lib/tpdu_text.c \
	lib/at.c
lib_libsmskit_core_la_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/lib -DSMSK_BUILDING
lib_libsmskit_core_la_CFLAGS = $(AM_CFLAGS) $(VISIBILITY_CFLAGS)

# Optional parts live in their own archive, so that the core archive can be
# checked for allocator references on its own.
noinst_LTLIBRARIES += lib/libsmskit_opt.la
lib_libsmskit_opt_la_SOURCES = lib/nfc.c lib/grapheme.c lib/grapheme.h
lib_libsmskit_opt_la_CPPFLAGS = $(lib_libsmskit_core_la_CPPFLAGS)
lib_libsmskit_opt_la_CFLAGS = $(AM_CFLAGS) $(VISIBILITY_CFLAGS) $(ICU_CFLAGS)
lib_libsmskit_opt_la_LIBADD = $(ICU_LIBS)

lib_LTLIBRARIES += lib/libsmskit.la
lib_libsmskit_la_SOURCES =
lib_libsmskit_la_LIBADD = lib/libsmskit_core.la lib/libsmskit_opt.la
lib_libsmskit_la_LDFLAGS = $(SANITIZER_CFLAGS) -no-undefined \
	-version-info $(SMSK_LT_CURRENT):$(SMSK_LT_REVISION):$(SMSK_LT_AGE)

include_HEADERS = lib/include/smskit.h
nodist_include_HEADERS = lib/include/smsk_version.h

# The GSM 03.38 tables are generated from the TS 23.038 data; the output is
# committed so that a build needs no Python. `make gen-tables` regenerates.
EXTRA_DIST += lib/tables/gen_gsm7.py lib/tables/tables.tsv lib/tables/README.md
gen-tables:
	$(PYTHON3) $(top_srcdir)/lib/tables/gen_gsm7.py \
		$(top_srcdir)/lib/tables/tables.tsv > $(top_srcdir)/lib/gsm7_tables.c
.PHONY: gen-tables
