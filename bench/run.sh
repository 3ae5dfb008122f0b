#!/bin/sh
# SPDX-License-Identifier: MIT
#
# Build and run bench/bench_text, then bench/bench_pdu, with the peers
# that are installed (`make bench`; arguments go to both programs, e.g.
# --tsv).
#
# How this works:
#  - The peers are looked up with pkg-config now, not with configure's
#    HAVE_OSMOCORE / HAVE_GAMMU, because this script may just have
#    installed them: libosmogsm (package libosmocore-dev; gsm_7bit_* live
#    in libosmogsm, not libosmocore) and gammu (libgammu-dev).
#  - What is missing is installed with apt-get when running as root on a
#    system that has it (Debian 12), unless BENCH_INSTALL=no; otherwise a
#    note says which rows will be absent. Without peers the benchmarks
#    still run (smskit and memcpy rows).
#  - bench_text.c and bench_pdu.c are compiled with the public include
#    directories only, plus -DBENCH_WITH_<PEER> for each peer found; each
#    peer file with its pkg-config flags (include directories as
#    -isystem, so that their headers cannot break a -Werror build):
#    peer_osmocore.c and peer_gammu.c go into bench_text, peer_gammu_pdu.c
#    into bench_pdu. Each program is linked with libtool against
#    lib/libsmskit.la. The build is redone on every run (a few small
#    files) so that it always matches the peers found.
#  - Both programs write to the same stdout, bench_text first (its output
#    is what it was before bench_pdu existed). With --tsv, bench_pdu gets
#    --no-header as well, so the rows of both form one table under one
#    column line.
#  - Build and install messages go to stderr, so that stdout carries only
#    the benchmarks' output (the rows, with --tsv).
#
# Environment (set by the `bench` rule in bench/local.mk): CC, CFLAGS,
# CPPFLAGS, LDFLAGS, STD_CFLAGS, WARN_CFLAGS, SANITIZER_CFLAGS, LIBTOOL,
# PKG_CONFIG, top_srcdir, top_builddir; BENCH_INSTALL=no skips the
# install step.
set -eu
set -f

: "${CC:=cc}" "${CFLAGS:=-O2}" "${CPPFLAGS:=}" "${LDFLAGS:=}"
: "${STD_CFLAGS:=}" "${WARN_CFLAGS:=}" "${SANITIZER_CFLAGS:=}"
: "${top_srcdir:=.}" "${top_builddir:=.}"
: "${LIBTOOL:=$top_builddir/libtool}" "${BENCH_INSTALL:=yes}"
PKG_CONFIG=${PKG_CONFIG:-pkg-config}

note() { printf 'bench: %s\n' "$*" >&2; }

have_pc() {
    command -v "$PKG_CONFIG" >/dev/null 2>&1 && "$PKG_CONFIG" --exists "$1"
}

# --- install what is missing -------------------------------------------
missing=
command -v "$PKG_CONFIG" >/dev/null 2>&1 || missing="$missing pkg-config"
have_pc libosmogsm || missing="$missing libosmocore-dev"
have_pc gammu || missing="$missing libgammu-dev"
if [ -n "$missing" ]; then
    if [ "$BENCH_INSTALL" = no ]; then
        note "not installing$missing (BENCH_INSTALL=no)"
    elif [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
        note "note:$missing missing; not root or no apt-get, so not" \
             "installing them; their rows will be absent"
    else
        note "installing$missing with apt-get"
        # A fresh machine may have no package lists yet: update, retry.
        DEBIAN_FRONTEND=noninteractive
        export DEBIAN_FRONTEND
        # shellcheck disable=SC2086
        if ! apt-get install -y $missing >&2; then
            apt-get update >&2 || true
            apt-get install -y $missing >&2 ||
                note "note: apt-get could not install$missing; going on without"
        fi
        command -v "$PKG_CONFIG" >/dev/null 2>&1 || PKG_CONFIG=pkg-config
    fi
fi

# --- flags ---------------------------------------------------------------
# A C string literal holding $1.
cstr() { printf '"%s"' "$(printf '%s' "$1" | sed 's/\\/\\\\/g; s/"/\\"/g')"; }

# pkg-config's cflags with -I turned into -isystem (but for /usr/include,
# which is a system directory already and must keep its place).
peer_cflags() {
    for f in $("$PKG_CONFIG" --cflags "$1"); do
        case $f in
        -I/usr/include|-I/usr/include/) ;;
        -I*) printf ' -isystem %s' "${f#-I}" ;;
        *) printf ' %s' "$f" ;;
        esac
    done
}

configure_args=$("$top_builddir/config.status" --config 2>/dev/null) ||
    configure_args='?'
[ -n "$configure_args" ] || configure_args='(no arguments)'

out=bench
mkdir -p "$out"
text_objs=
text_libs=
pdu_objs=
pdu_libs=
defs=
peers=
# Compile bench/$3.c with the flags of pc-module $2; $1 is its version.
compile_peer() { # version pc-module file-stem macro-stem
    # shellcheck disable=SC2046,SC2086
    $CC $CPPFLAGS $(peer_cflags "$2") "-DBENCH_$4_VERSION=$(cstr "$1")" \
        $STD_CFLAGS $CFLAGS $SANITIZER_CFLAGS $WARN_CFLAGS -O2 \
        -c -o "$out/run-$3.o" "$top_srcdir/bench/$3.c"
}
# Compile bench/$3.c for bench_text and, when $5 is given, bench/$5.c for
# bench_pdu; both programs then get -DBENCH_WITH_$4 and the peer files
# -DBENCH_$4_VERSION.
build_peer() { # impl-name pc-module text-file-stem macro-stem [pdu-file-stem]
    v=$("$PKG_CONFIG" --modversion "$2")
    l=$("$PKG_CONFIG" --libs "$2")
    compile_peer "$v" "$2" "$3" "$4"
    text_objs="$text_objs $out/run-$3.o"
    text_libs="$text_libs $l"
    if [ -n "${5:-}" ]; then
        compile_peer "$v" "$2" "$5" "$4"
        pdu_objs="$pdu_objs $out/run-$5.o"
        pdu_libs="$pdu_libs $l"
    fi
    defs="$defs -DBENCH_WITH_$4"
    peers="$peers $1 $v"
}
if have_pc libosmogsm; then
    build_peer libosmocore libosmogsm peer_osmocore OSMOCORE
fi
if have_pc gammu; then
    build_peer gammu gammu peer_gammu GAMMU peer_gammu_pdu
fi
note "peers:${peers:- none}"

# Compile bench/$1.c and link it with the objects and libraries given.
build_program() { # file-stem peer-objects peer-libraries
    # shellcheck disable=SC2086
    $CC $CPPFLAGS -I"$top_srcdir/lib/include" -I"$top_builddir/lib/include" \
        $defs "-DBENCH_CC=$(cstr "$CC")" \
        "-DBENCH_CFLAGS=$(cstr "$STD_CFLAGS $CFLAGS -O2")" \
        "-DBENCH_CONFIGURE=$(cstr "$configure_args")" \
        $STD_CFLAGS $CFLAGS $SANITIZER_CFLAGS $WARN_CFLAGS -O2 \
        -c -o "$out/run-$1.o" "$top_srcdir/bench/$1.c"
    # shellcheck disable=SC2086
    $LIBTOOL --quiet --tag=CC --mode=link $CC $CFLAGS $SANITIZER_CFLAGS -O2 \
        $LDFLAGS -no-install -o "$out/$1" "$out/run-$1.o" $2 \
        "$top_builddir/lib/libsmskit.la" $3 -lm >&2
}
build_program bench_text "$text_objs" "$text_libs"
build_program bench_pdu "$pdu_objs" "$pdu_libs"

pdu_flags=
for arg in "$@"; do
    if [ "$arg" = --tsv ]; then
        pdu_flags=--no-header
    fi
done
"$out/bench_text" "$@"
# shellcheck disable=SC2086
exec "$out/bench_pdu" $pdu_flags "$@"
