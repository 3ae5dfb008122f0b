#!/bin/sh
# SPDX-License-Identifier: MIT
# The README's example compiles against the built library and prints what
# vector dec-0001 (Android's testAddressing#1) says the PDU holds.
top_srcdir=${top_srcdir:-$(dirname "$0")/..}
top_builddir=${top_builddir:-.}
so=$top_builddir/lib/.libs/libsmskit.so
[ -f "$so" ] || { echo "no shared library: skipped"; exit 77; }
tmp=${TMPDIR:-/tmp}/smsk-readme.$$
mkdir -p "$tmp" || exit 1
trap 'rm -rf "$tmp"' EXIT
awk '/^## Example/{e=1} e&&/^```c$/{c=1;next} c&&/^```$/{exit} c{print}' \
    "$top_srcdir/README.md" > "$tmp/example.c"
[ -s "$tmp/example.c" ] || { echo "no C example in README.md"; exit 1; }
${CC:-cc} $SANITIZER_CFLAGS -std=c11 -Wall -Werror -I"$top_srcdir/lib/include" -I"$top_builddir/lib/include" \
    "$tmp/example.c" "$so" -Wl,-rpath,"$(cd "$(dirname "$so")" && pwd)" -o "$tmp/example" || exit 1
out=$("$tmp/example")
[ "$out" = "from +16505551111: Test" ] || { echo "example printed: $out"; exit 1; }
echo "README example: $out"
