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
# `make demo` (the Quick start's first command): the tools on real sample
# payloads, then the text core on sample texts.
EXTRA_DIST += tools/samples
DEMO_TOOLS = tools/pdu-decode$(EXEEXT) tools/pdu-encode$(EXEEXT) \
	tools/sms-split$(EXEEXT) tools/text-demo$(EXEEXT)
demo: $(DEMO_TOOLS)
	@echo '== pdu-decode: a modem log (AT+CMGL listing and +CMT) =='
	@$(top_builddir)/tools/pdu-decode -f $(top_srcdir)/tools/samples/modem.log
	@echo; echo '== pdu-decode: PDUs from other projects suites (one a line) =='
	@$(top_builddir)/tools/pdu-decode -f $(top_srcdir)/tools/samples/pdus.txt
	@echo; echo '== sms-split --explain: each sample text =='
	@for f in $(top_srcdir)/tools/samples/*.txt; do \
	  case $$f in */pdus.txt) continue;; esac; \
	  echo "-- $$f"; $(top_builddir)/tools/sms-split --explain --national turkish,portuguese,hindi -f "$$f"; \
	done
	@echo; echo '== pdu-encode --at: a Turkish text, as AT+CMGS would send it =='
	@$(top_builddir)/tools/pdu-encode --at --to +905321234567 --national turkish \
	  -f $(top_srcdir)/tools/samples/turkish.txt
	@echo; echo '== the text core on every sample text =='
	@$(top_builddir)/tools/text-demo `ls $(top_srcdir)/tools/samples/*.txt | grep -v pdus.txt`
.PHONY: demo
