#!/bin/sh
# SPDX-License-Identifier: MIT
# The generated files are committed (a build needs no Python); check that
# they are what their generators make of the committed inputs:
#   lib/gsm7_tables.c               <- lib/tables/tables.tsv   (make gen-tables)
#   tests/vectors/gsm7_pack.h       <- tests/vectors/gsm7_pack.jsonl
#   tests/vectors/gsm7_tables_tsv.h <- lib/tables/tables.tsv   (make gen-vectors)
#   tests/vectors/pdu_decode.h      <- tests/vectors/pdu_decode.jsonl
#   tests/vectors/pdu_encode.h      <- tests/vectors/pdu_encode.jsonl
# Skips (77) without python3. Reads only $top_srcdir and writes only to a
# temporary directory, so it works in VPATH builds and under distcheck.
here=$(cd "$(dirname "$0")" && pwd)
top=${top_srcdir:-$here/..}
py=${PYTHON3:-python3}
command -v "$py" >/dev/null 2>&1 || { echo "SKIP: $py not found"; exit 77; }
"$py" -c 'import sys; sys.exit(sys.version_info < (3, 4))' 2>/dev/null \
    || { echo "SKIP: $py is not Python 3.4 or later"; exit 77; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/smsk-gen.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
trap 'exit 99' HUP INT TERM

status=0

# compare GENERATED COMMITTED TARGET
compare() {
    if [ ! -f "$2" ]; then
        echo "FAIL: $2 is missing; run \`make $3\` and commit the result"
        status=1
    elif ! cmp -s "$1" "$2"; then
        echo "FAIL: $2 is out of date with its generator or input;"
        echo "      run \`make $3\` and commit the result. Difference:"
        diff -u "$2" "$1" | head -n 40
        status=1
    else
        echo "ok: $2"
    fi
}

if "$py" "$top/lib/tables/gen_gsm7.py" "$top/lib/tables/tables.tsv" \
        > "$tmp/gsm7_tables.c"; then
    compare "$tmp/gsm7_tables.c" "$top/lib/gsm7_tables.c" gen-tables
else
    echo "FAIL: lib/tables/gen_gsm7.py failed (see above); fix it, then \`make gen-tables\`"
    status=1
fi

mkdir "$tmp/vectors" || exit 99
if "$py" "$top/tests/vectors/gen_vectors.py" "$top" --output-dir "$tmp/vectors"; then
    compare "$tmp/vectors/gsm7_pack.h" "$top/tests/vectors/gsm7_pack.h" gen-vectors
    compare "$tmp/vectors/gsm7_tables_tsv.h" "$top/tests/vectors/gsm7_tables_tsv.h" gen-vectors
    compare "$tmp/vectors/pdu_decode.h" "$top/tests/vectors/pdu_decode.h" gen-vectors
    compare "$tmp/vectors/pdu_encode.h" "$top/tests/vectors/pdu_encode.h" gen-vectors
else
    echo "FAIL: tests/vectors/gen_vectors.py failed (see above); fix it, then \`make gen-vectors\`"
    status=1
fi

exit $status
