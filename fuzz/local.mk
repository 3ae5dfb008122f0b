# SPDX-License-Identifier: MIT
# Fuzz targets, OSS-Fuzz layout (docs/FUZZING.md). Each target sees only
# the public header and links the installed-style library.
#
# Default build: every target is a check program linked with
# fuzz/standalone.c, and fuzz/run-corpus.sh replays corpus/ and regress/
# in `make check`. With `./configure --enable-fuzz CC=clang` the same
# sources link libFuzzer instead; they are EXTRA_PROGRAMS, built and run
# by `make fuzz-<target>` (or `make fuzz` for all of them).
FUZZ_TARGETS = \
	fuzz/gsm7_roundtrip_fuzzer \
	fuzz/septet_unpack_fuzzer \
	fuzz/tpdu_parse_fuzzer \
	fuzz/udh_parse_fuzzer \
	fuzz/at_pdu_fuzzer \
	fuzz/split_plan_fuzzer \
	fuzz/reasm_fuzzer \
	fuzz/text_codec_fuzzer

FUZZ_CPPFLAGS = -I$(top_srcdir)/lib/include -I$(top_builddir)/lib/include

fuzz_gsm7_roundtrip_fuzzer_SOURCES = fuzz/gsm7_roundtrip_fuzzer.c fuzz/fuzz.h
fuzz_gsm7_roundtrip_fuzzer_CPPFLAGS = $(FUZZ_CPPFLAGS)
fuzz_gsm7_roundtrip_fuzzer_LDADD = lib/libsmskit.la

fuzz_septet_unpack_fuzzer_SOURCES = fuzz/septet_unpack_fuzzer.c fuzz/fuzz.h
fuzz_septet_unpack_fuzzer_CPPFLAGS = $(FUZZ_CPPFLAGS)
fuzz_septet_unpack_fuzzer_LDADD = lib/libsmskit.la

fuzz_tpdu_parse_fuzzer_SOURCES = fuzz/tpdu_parse_fuzzer.c fuzz/fuzz.h
fuzz_tpdu_parse_fuzzer_CPPFLAGS = $(FUZZ_CPPFLAGS)
fuzz_tpdu_parse_fuzzer_LDADD = lib/libsmskit.la

fuzz_udh_parse_fuzzer_SOURCES = fuzz/udh_parse_fuzzer.c fuzz/fuzz.h
fuzz_udh_parse_fuzzer_CPPFLAGS = $(FUZZ_CPPFLAGS)
fuzz_udh_parse_fuzzer_LDADD = lib/libsmskit.la

fuzz_at_pdu_fuzzer_SOURCES = fuzz/at_pdu_fuzzer.c fuzz/fuzz.h
fuzz_at_pdu_fuzzer_CPPFLAGS = $(FUZZ_CPPFLAGS)
fuzz_at_pdu_fuzzer_LDADD = lib/libsmskit.la

fuzz_split_plan_fuzzer_SOURCES = fuzz/split_plan_fuzzer.c fuzz/fuzz.h
fuzz_split_plan_fuzzer_CPPFLAGS = $(FUZZ_CPPFLAGS)
fuzz_split_plan_fuzzer_LDADD = lib/libsmskit.la

fuzz_reasm_fuzzer_SOURCES = fuzz/reasm_fuzzer.c fuzz/fuzz.h
fuzz_reasm_fuzzer_CPPFLAGS = $(FUZZ_CPPFLAGS)
fuzz_reasm_fuzzer_LDADD = lib/libsmskit.la

fuzz_text_codec_fuzzer_SOURCES = fuzz/text_codec_fuzzer.c fuzz/fuzz.h
fuzz_text_codec_fuzzer_CPPFLAGS = $(FUZZ_CPPFLAGS)
fuzz_text_codec_fuzzer_LDADD = lib/libsmskit.la

if ENABLE_FUZZ
EXTRA_PROGRAMS += $(FUZZ_TARGETS)
# make clean does not remove EXTRA_PROGRAMS by itself.
CLEANFILES += fuzz/gsm7_roundtrip_fuzzer$(EXEEXT) \
	fuzz/septet_unpack_fuzzer$(EXEEXT) \
	fuzz/tpdu_parse_fuzzer$(EXEEXT) \
	fuzz/udh_parse_fuzzer$(EXEEXT) \
	fuzz/at_pdu_fuzzer$(EXEEXT) \
	fuzz/split_plan_fuzzer$(EXEEXT) \
	fuzz/reasm_fuzzer$(EXEEXT) \
	fuzz/text_codec_fuzzer$(EXEEXT)
fuzz_gsm7_roundtrip_fuzzer_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_CFLAGS)
fuzz_septet_unpack_fuzzer_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_CFLAGS)
fuzz_tpdu_parse_fuzzer_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_CFLAGS)
fuzz_udh_parse_fuzzer_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_CFLAGS)
fuzz_at_pdu_fuzzer_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_CFLAGS)
fuzz_split_plan_fuzzer_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_CFLAGS)
fuzz_reasm_fuzzer_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_CFLAGS)
fuzz_text_codec_fuzzer_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_CFLAGS)
else
check_PROGRAMS += $(FUZZ_TARGETS)
fuzz_gsm7_roundtrip_fuzzer_SOURCES += fuzz/standalone.c
fuzz_septet_unpack_fuzzer_SOURCES += fuzz/standalone.c
fuzz_tpdu_parse_fuzzer_SOURCES += fuzz/standalone.c
fuzz_udh_parse_fuzzer_SOURCES += fuzz/standalone.c
fuzz_at_pdu_fuzzer_SOURCES += fuzz/standalone.c
fuzz_split_plan_fuzzer_SOURCES += fuzz/standalone.c
fuzz_reasm_fuzzer_SOURCES += fuzz/standalone.c
fuzz_text_codec_fuzzer_SOURCES += fuzz/standalone.c
endif

# Replays every target over its corpus and regression inputs. With
# --enable-fuzz it replays the libFuzzer binaries that have been built
# and skips when there are none.
TESTS += fuzz/run-corpus.sh

EXTRA_DIST += \
	fuzz/README.md \
	fuzz/run-corpus.sh \
	fuzz/oss-fuzz-build.sh \
	fuzz/gsm7_roundtrip_fuzzer.dict \
	fuzz/gsm7_roundtrip_fuzzer.options \
	fuzz/septet_unpack_fuzzer.dict \
	fuzz/septet_unpack_fuzzer.options \
	fuzz/tpdu_parse_fuzzer.dict \
	fuzz/tpdu_parse_fuzzer.options \
	fuzz/udh_parse_fuzzer.dict \
	fuzz/udh_parse_fuzzer.options \
	fuzz/at_pdu_fuzzer.dict \
	fuzz/at_pdu_fuzzer.options \
	fuzz/split_plan_fuzzer.dict \
	fuzz/split_plan_fuzzer.options \
	fuzz/reasm_fuzzer.dict \
	fuzz/reasm_fuzzer.options \
	fuzz/text_codec_fuzzer.dict \
	fuzz/text_codec_fuzzer.options \
	docs/FUZZING.md
# Whole directories: automake copies them recursively, so a seed or a
# reproducer dropped into one is distributed without editing this file.
EXTRA_DIST += fuzz/corpus fuzz/regress

# make fuzz-<target>: fuzz for FUZZ_TIME seconds on a copy of the seed
# corpus in fuzz/<target>.work/ (new inputs land there; crashes as
# fuzz/<target>.work/crash-*). FUZZ_FLAGS adds libFuzzer options.
FUZZ_TIME = 60
FUZZ_FLAGS =
fuzz_run = \
	if test -z '$(FUZZ_CFLAGS)'; then \
	  echo "$@: configure with --enable-fuzz CC=clang first" >&2; \
	  exit 1; \
	fi; \
	work=fuzz/$$t.work; \
	rm -rf "$$work" && $(MKDIR_P) "$$work/corpus" && \
	cp $(srcdir)/fuzz/corpus/$$t/* "$$work/corpus/" && \
	./fuzz/$$t$(EXEEXT) -max_total_time=$(FUZZ_TIME) -max_len=4096 \
	  -dict=$(srcdir)/fuzz/$$t.dict -artifact_prefix="$$work/" \
	  $(FUZZ_FLAGS) "$$work/corpus" $(srcdir)/fuzz/regress/$$t

fuzz-gsm7_roundtrip_fuzzer: fuzz/gsm7_roundtrip_fuzzer$(EXEEXT)
	@t=gsm7_roundtrip_fuzzer; $(fuzz_run)
fuzz-septet_unpack_fuzzer: fuzz/septet_unpack_fuzzer$(EXEEXT)
	@t=septet_unpack_fuzzer; $(fuzz_run)
fuzz-tpdu_parse_fuzzer: fuzz/tpdu_parse_fuzzer$(EXEEXT)
	@t=tpdu_parse_fuzzer; $(fuzz_run)
fuzz-udh_parse_fuzzer: fuzz/udh_parse_fuzzer$(EXEEXT)
	@t=udh_parse_fuzzer; $(fuzz_run)
fuzz-at_pdu_fuzzer: fuzz/at_pdu_fuzzer$(EXEEXT)
	@t=at_pdu_fuzzer; $(fuzz_run)
fuzz-split_plan_fuzzer: fuzz/split_plan_fuzzer$(EXEEXT)
	@t=split_plan_fuzzer; $(fuzz_run)
fuzz-reasm_fuzzer: fuzz/reasm_fuzzer$(EXEEXT)
	@t=reasm_fuzzer; $(fuzz_run)
fuzz-text_codec_fuzzer: fuzz/text_codec_fuzzer$(EXEEXT)
	@t=text_codec_fuzzer; $(fuzz_run)
fuzz: \
	fuzz-gsm7_roundtrip_fuzzer \
	fuzz-septet_unpack_fuzzer \
	fuzz-tpdu_parse_fuzzer \
	fuzz-udh_parse_fuzzer \
	fuzz-at_pdu_fuzzer \
	fuzz-split_plan_fuzzer \
	fuzz-reasm_fuzzer \
	fuzz-text_codec_fuzzer
.PHONY: fuzz \
	fuzz-gsm7_roundtrip_fuzzer \
	fuzz-septet_unpack_fuzzer \
	fuzz-tpdu_parse_fuzzer \
	fuzz-udh_parse_fuzzer \
	fuzz-at_pdu_fuzzer \
	fuzz-split_plan_fuzzer \
	fuzz-reasm_fuzzer \
	fuzz-text_codec_fuzzer

# The work directories of make fuzz-<target>.
fuzz-clean:
	-rm -rf fuzz/*.work
.PHONY: fuzz-clean
clean-local: fuzz-clean
