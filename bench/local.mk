# SPDX-License-Identifier: MIT
# Benchmarks (STYLE C14): built on demand, never by `make` or `make check`.
#
# `make bench` runs bench/run.sh: it installs libosmocore-dev and
# libgammu-dev if they are missing (as root, with apt-get), builds
# bench/bench_text with the peers pkg-config finds at that moment (not
# configure's HAVE_OSMOCORE / HAVE_GAMMU, which predate the install) and
# runs it. `make bench BENCH_FLAGS=--tsv` prints tab-separated rows
# (op, impl, ns_per_op, mb_per_s) for scripts; BENCH_INSTALL=no skips the
# install. `make bench/bench_text` builds the program without peers.
EXTRA_PROGRAMS += bench/bench_text
bench_bench_text_SOURCES = bench/bench_text.c bench/peers.h
# Only the public headers, like the tools.
bench_bench_text_CPPFLAGS = -I$(top_srcdir)/lib/include \
	-I$(top_builddir)/lib/include
bench_bench_text_CFLAGS = $(STD_CFLAGS) $(WARN_CFLAGS) $(SANITIZER_CFLAGS) -O2
bench_bench_text_LDADD = lib/libsmskit.la

EXTRA_DIST += bench/run.sh bench/peer_osmocore.c bench/peer_gammu.c
CLEANFILES += bench/bench_text$(EXEEXT) bench/run-bench_text.o \
	bench/run-peer_osmocore.o bench/run-peer_gammu.o

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
