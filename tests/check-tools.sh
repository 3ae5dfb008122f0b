#!/bin/sh
# SPDX-License-Identifier: MIT
# The command-line tools against the vectors and CLI.md (tests/tools/check_tools.py).
top_srcdir=${top_srcdir:-$(dirname "$0")/..}
top_builddir=${top_builddir:-.}
command -v python3 >/dev/null 2>&1 || { echo "python3 not found: skipped"; exit 77; }
exec python3 "$top_srcdir/tests/tools/check_tools.py" "$top_srcdir" "$top_builddir"
