# SPDX-License-Identifier: MIT
dist_man1_MANS = docs/man/pdu-decode.1 docs/man/pdu-encode.1 docs/man/sms-split.1
EXTRA_DIST += docs/SPEC-NOTES.md docs/TESTING.md docs/CONTRIBUTING.md
