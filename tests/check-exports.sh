#!/bin/sh
# SPDX-License-Identifier: MIT
# Every symbol the shared library exports starts with smsk_ (the public
# prefix); internals (smsk__*) stay hidden.
b=${top_builddir:-.}
so=$b/lib/.libs/libsmskit.so
[ -f "$so" ] || { echo "no $so (shared library not built)"; exit 77; }
command -v nm >/dev/null 2>&1 || { echo "nm not found"; exit 77; }
syms=$(nm -D --defined-only "$so" | awk '$2 ~ /^[TDBRi]$/ {print $3}')
[ -n "$syms" ] || { echo "no exported symbols found"; exit 1; }
bad=$(printf '%s\n' "$syms" | grep -v '^smsk_[a-z0-9]' || true)
internal=$(printf '%s\n' "$syms" | grep '^smsk__' || true)
if [ -n "$bad$internal" ]; then
  echo "exported symbols outside the public prefix:"
  printf '%s\n' $bad $internal
  exit 1
fi
echo "$(printf '%s\n' "$syms" | wc -l) exported symbols, all smsk_"
