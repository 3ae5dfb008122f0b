# SPDX-License-Identifier: MIT
# Benchmarks (STYLE C14): built on demand, never by `make` or `make check`.
#
# `make bench` runs bench/run.sh: it installs libosmocore-dev and
# libgammu-dev if they are missing (as root, with apt-get), builds
# bench/bench_text (text core) and bench/bench_pdu (PDUs, splitting,
# reassembly) with the peers pkg-config finds at that moment (not
# configure's HAVE_OSMOCORE / HAVE_GAMMU, which predate the install) and
# runs them one after the other. `make bench BENCH_FLAGS=--tsv` prints
# tab-separated rows (op, impl, ns_per_op, mb_per_s) of both for scripts;
# BENCH_INSTALL=no skips the install. `make bench/bench_text` and
# `make bench/bench_pdu` build the programs without peers.
EXTRA_PROGRAMS += bench/bench_text
bench_bench_text_SOURCES = bench/bench_text.c bench/peers.h
# Only the public headers, like the tools.
bench_bench_text_CPPFLAGS = -I$(top_srcdir)/lib/include \
	-I$(top_builddir)/lib/include
bench_bench_text_CFLAGS = $(STD_CFLAGS) $(WARN_CFLAGS) $(SANITIZER_CFLAGS) -O2
bench_bench_text_LDADD = lib/libsmskit.la

EXTRA_PROGRAMS += bench/bench_pdu
bench_bench_pdu_SOURCES = bench/bench_pdu.c bench/peers_pdu.h
bench_bench_pdu_CPPFLAGS = $(bench_bench_text_CPPFLAGS)
bench_bench_pdu_CFLAGS = $(bench_bench_text_CFLAGS)
bench_bench_pdu_LDADD = lib/libsmskit.la -lm

EXTRA_DIST += bench/harness.h bench/report.h bench/run.sh \
	bench/peer_osmocore.c bench/peer_gammu.c bench/peer_gammu_pdu.c
CLEANFILES += bench/bench_text$(EXEEXT) bench/run-bench_text.o \
	bench/run-peer_osmocore.o bench/run-peer_gammu.o \
	bench/bench_pdu$(EXEEXT) bench/run-bench_pdu.o \
	bench/run-peer_gammu_pdu.o

# The library is brought up to date inside the recipe so that its build
# output goes to stderr too: stdout carries only the benchmark's output.
BENCH_FLAGS =
bench:
	@$(MAKE) $(AM_MAKEFLAGS) lib/libsmskit.la >&2
	@CC='$(CC)' CFLAGS='$(CFLAGS)' CPPFLAGS='$(CPPFLAGS)' \
	LDFLAGS='$(LDFLAGS)' STD_CFLAGS='$(STD_CFLAGS)' \
	WARN_CFLAGS='$(WARN_CFLAGS)' SANITIZER_CFLAGS='$(SANITIZER_CFLAGS)' \
	LIBTOOL='$(LIBTOOL)' \
	PKG_CONFIG='$(PKG_CONFIG)' top_srcdir='$(top_srcdir)' \
	top_builddir='$(top_builddir)' \
	$(SHELL) $(top_srcdir)/bench/run.sh $(BENCH_FLAGS)
.PHONY: bench
