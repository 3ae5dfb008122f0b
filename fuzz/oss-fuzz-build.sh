#!/bin/sh
# SPDX-License-Identifier: MIT
# Build the fuzz targets for OSS-Fuzz (or ClusterFuzzLite). The
# project's build.sh there is one line:
#
#     ./fuzz/oss-fuzz-build.sh
#
# It uses the variables OSS-Fuzz sets: CC, CXX, CFLAGS, CXXFLAGS,
# LIB_FUZZING_ENGINE, SANITIZER, OUT (and SRC, unused). Run it from the
# top of the source tree. Each target gets $OUT/<target>, a seed corpus
# $OUT/<target>_seed_corpus.zip (corpus/ and regress/ inputs) and its
# .dict and .options files.
set -eu

: "${CC:=clang}"
: "${CXX:=clang++}"
: "${CFLAGS:=}"
: "${CXXFLAGS:=}"
: "${LIB_FUZZING_ENGINE:=-fsanitize=fuzzer}"
: "${SANITIZER:=address}"
: "${OUT:?set OUT to the output directory}"

targets='gsm7_roundtrip_fuzzer septet_unpack_fuzzer tpdu_parse_fuzzer udh_parse_fuzzer at_pdu_fuzzer split_plan_fuzzer reasm_fuzzer text_codec_fuzzer'

# MemorySanitizer needs every linked library instrumented: build without
# the optional ICU and zlib (libxml2 does the same for zlib).
config=
if test "$SANITIZER" = memory; then
    config='--without-icu --without-zlib'
fi

autoreconf -fi
# shellcheck disable=SC2086
./configure --disable-shared $config
make -j"$(nproc 2>/dev/null || echo 2)" lib/libsmskit.la

# ICU and zlib, when configure found them, are linked after the library.
extra_libs=
if grep -q '^#define SMSK_HAVE_ICU 1' lib/include/smsk_version.h; then
    extra_libs="$extra_libs $(pkg-config --libs --static icu-uc)"
fi
if grep -q '^#define SMSK_HAVE_ZLIB 1' lib/include/smsk_version.h; then
    extra_libs="$extra_libs $(pkg-config --libs --static zlib)"
fi

for t in $targets; do
    # shellcheck disable=SC2086
    $CC $CFLAGS -Ilib/include -c "fuzz/$t.c" -o "fuzz/$t.o"
    # shellcheck disable=SC2086
    $CXX $CXXFLAGS "fuzz/$t.o" -o "$OUT/$t" $LIB_FUZZING_ENGINE \
        lib/.libs/libsmskit.a $extra_libs

    # Seeds and reproducers, flat (-j: names must differ between the two
    # directories); dot files (.keep) and READMEs are not inputs.
    rm -f "$OUT/${t}_seed_corpus.zip"
    seeds=$(find "fuzz/corpus/$t" "fuzz/regress/$t" -type f ! -name '.*' \
        ! -name 'README*' -print)
    if test -n "$seeds"; then
        echo "$seeds" | zip -q -j "$OUT/${t}_seed_corpus.zip" -@
    fi
    cp "fuzz/$t.dict" "fuzz/$t.options" "$OUT/"
done
