# SPDX-License-Identifier: MIT
# Tools see only the public header and link the installed-style library.
TOOLS_CPPFLAGS = -I$(top_srcdir)/lib/include -I$(top_builddir)/lib/include

# Sample run of the text core (the Quick start's first command), until the
# command-line tools of the TPDU issue exist.
noinst_PROGRAMS += tools/text-demo
tools_text_demo_SOURCES = tools/text-demo.c
tools_text_demo_CPPFLAGS = $(TOOLS_CPPFLAGS)
tools_text_demo_LDADD = lib/libsmskit.la
EXTRA_DIST += tools/samples
demo: tools/text-demo$(EXEEXT)
	$(top_builddir)/tools/text-demo $(top_srcdir)/tools/samples/*.txt
.PHONY: demo
