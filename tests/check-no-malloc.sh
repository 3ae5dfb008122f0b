#!/bin/sh
# SPDX-License-Identifier: MIT
# The core (text, septets, DCS, choice) never allocates: firmware links it
# with libc alone. Fail if any core object references an allocator.
b=${top_builddir:-.}
ar=$b/lib/.libs/libsmskit_core.a
[ -f "$ar" ] || { echo "no $ar (static archive not built)"; exit 77; }
command -v nm >/dev/null 2>&1 || { echo "nm not found"; exit 77; }
bad=$(nm -u "$ar" 2>/dev/null | grep -E '^[[:space:]]*U (malloc|calloc|realloc|free|strdup|strndup|aligned_alloc|posix_memalign)$')
if [ -n "$bad" ]; then
  echo "core objects reference allocators:"
  nm -A -u "$ar" | grep -E ' U (malloc|calloc|realloc|free|strdup|strndup|aligned_alloc|posix_memalign)$'
  exit 1
fi
echo "core archive references no allocator"
