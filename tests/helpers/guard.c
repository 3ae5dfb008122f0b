/* SPDX-License-Identifier: MIT */
/* Buffers that end at a PROT_NONE page (see guard.h). */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS, sysconf under -std=c11 */
#endif
#include "guard.h"

#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#ifndef MAP_ANONYMOUS
#define MAP_ANONYMOUS MAP_ANON
#endif

int guard_alloc(guard_buf *g, size_t len)
{
    long page_l = sysconf(_SC_PAGESIZE);
    size_t page = page_l > 0 ? (size_t)page_l : 4096u;
    size_t data_pages = (len + page - 1) / page;
    size_t map_len = (data_pages + 1) * page;
    memset(g, 0, sizeof *g);
    void *m = mmap(NULL, map_len, PROT_READ | PROT_WRITE,
            MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (m == MAP_FAILED)
        return -1;
    uint8_t *guard = (uint8_t *)m + data_pages * page;
    if (mprotect(guard, page, PROT_NONE) != 0) {
        munmap(m, map_len);
        return -1;
    }
    g->map = m;
    g->map_len = map_len;
    g->ptr = guard - len;
    g->len = len;
    return 0;
}

void guard_free(guard_buf *g)
{
    if (g->map != NULL)
        munmap(g->map, g->map_len);
    memset(g, 0, sizeof *g);
}
