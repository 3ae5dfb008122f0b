#!/bin/sh
# SPDX-License-Identifier: MIT
# make check: run every fuzz target over fuzz/corpus/<target>/ and
# fuzz/regress/<target>/ (c-ares fuzzcheck.sh, libxml2 testFuzzer.c).
#
# The targets are looked up in the build tree ($top_builddir/fuzz) and the
# inputs in the source tree ($top_srcdir/fuzz), so VPATH builds and
# `make distcheck` work. Both variables come from AM_TESTS_ENVIRONMENT;
# run by hand from the top of the build tree, they default to the
# script's source tree and ".".
#
# Standalone targets (the default build) and libFuzzer targets
# (--enable-fuzz) both take a list of files and run each once. A target
# that has not been built is skipped (libFuzzer targets are built only
# by `make fuzz-<target>`); exit 77 (skip) when none was found.
set -u

: "${top_srcdir:=${srcdir:-$(dirname "$0")/..}}"
: "${top_builddir:=.}"

targets='gsm7_roundtrip_fuzzer septet_unpack_fuzzer tpdu_parse_fuzzer udh_parse_fuzzer at_pdu_fuzzer split_plan_fuzzer reasm_fuzzer text_codec_fuzzer'

status=0
ran=0
for t in $targets; do
    prog=
    for p in "$top_builddir/fuzz/$t" "$top_builddir/fuzz/$t.exe"; do
        if test -f "$p" && test -x "$p"; then
            prog=$p
            break
        fi
    done
    if test -z "$prog"; then
        echo "SKIP: $t: $top_builddir/fuzz/$t not built"
        continue
    fi
    dirs=
    for d in "$top_srcdir/fuzz/corpus/$t" "$top_srcdir/fuzz/regress/$t"; do
        if test -d "$d"; then
            dirs="$dirs $d"
        else
            echo "FAIL: $t: $d missing"
            status=1
        fi
    done
    test -n "$dirs" || continue
    # Every regular file, except dot files (.keep) and READMEs. Names
    # are hand-written or content hashes: no white space in them.
    # shellcheck disable=SC2086
    files=$(find $dirs -type f ! -name '.*' ! -name 'README*' | LC_ALL=C sort)
    n=$(echo "$files" | grep -c . || true)
    if test "$n" -eq 0; then
        echo "FAIL: $t: no inputs in$dirs"
        status=1
        continue
    fi
    # The target names each input before it runs it, so the last one
    # named is the culprit when it aborts.
    if echo "$files" | xargs "$prog"; then
        echo "PASS: $t: $n inputs"
        ran=$((ran + 1))
    else
        echo "FAIL: $t: exit status $? over $n inputs (see above)"
        status=1
    fi
done

if test "$status" -eq 0 && test "$ran" -eq 0; then
    exit 77
fi
exit "$status"
