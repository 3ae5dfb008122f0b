# SPDX-License-Identifier: MIT
# Tools see only the public header and link the installed-style library.
TOOLS_CPPFLAGS = -I$(top_srcdir)/lib/include -I$(top_builddir)/lib/include \
	-D_POSIX_C_SOURCE=200809L

noinst_LTLIBRARIES += tools/libcli.la
tools_libcli_la_SOURCES = tools/cli.c tools/cli.h
tools_libcli_la_CPPFLAGS = $(TOOLS_CPPFLAGS)

bin_PROGRAMS += tools/pdu-decode tools/pdu-encode tools/sms-split
tools_pdu_decode_SOURCES = tools/pdu-decode.c
tools_pdu_decode_CPPFLAGS = $(TOOLS_CPPFLAGS)
tools_pdu_decode_LDADD = tools/libcli.la lib/libsmskit.la
tools_pdu_encode_SOURCES = tools/pdu-encode.c
tools_pdu_encode_CPPFLAGS = $(TOOLS_CPPFLAGS)
tools_pdu_encode_LDADD = tools/libcli.la lib/libsmskit.la
tools_sms_split_SOURCES = tools/sms-split.c
tools_sms_split_CPPFLAGS = $(TOOLS_CPPFLAGS)
tools_sms_split_LDADD = tools/libcli.la lib/libsmskit.la

# The text core over sample texts (the Quick start's demo shows it too).
noinst_PROGRAMS += tools/text-demo
tools_text_demo_SOURCES = tools/text-demo.c
tools_text_demo_CPPFLAGS = $(TOOLS_CPPFLAGS)
tools_text_demo_LDADD = lib/libsmskit.la
EXTRA_DIST += tools/samples
demo: tools/text-demo$(EXEEXT)
	$(top_builddir)/tools/text-demo $(top_srcdir)/tools/samples/*.txt
.PHONY: demo
