/* SPDX-License-Identifier: MIT */
/*
 * A main() for the fuzz targets when they are not linked with libFuzzer
 * (c-ares ares-fuzz.c, zstd regression_driver.c): every file named on
 * the command line is read into a buffer of exactly its size and handed
 * to LLVMFuzzerTestOneInput() once. Directories are walked recursively;
 * names starting with '.' (such as the .keep that holds an empty
 * directory in git) and README files are skipped.
 *
 * Exit status: 0 when every input ran, 1 when a file could not be read,
 * 2 on usage errors. A broken invariant aborts inside the target, so the
 * caller sees the signal; the last "running" line on stderr names the
 * input that did it.
 */
#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

static unsigned long n_inputs;

static int skipped_name(const char *name)
{
    return name[0] == '.' || strncmp(name, "README", 6) == 0;
}

static int run_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        fprintf(stderr, "%s: %s\n", path, strerror(errno));
        return 1;
    }
    size_t cap = 4096, len = 0;
    uint8_t *buf = malloc(cap);
    if (buf == NULL)
        abort();
    for (;;) {
        size_t got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (len < cap)
            break;
        cap *= 2;
        uint8_t *bigger = realloc(buf, cap);
        if (bigger == NULL)
            abort();
        buf = bigger;
    }
    int failed = ferror(f);
    fclose(f);
    if (failed) {
        fprintf(stderr, "%s: read error\n", path);
        free(buf);
        return 1;
    }
    /* Exactly `len` bytes, so that ASan sees a read past the end. */
    uint8_t *exact = fuzz_dup(buf, len);
    free(buf);
    fprintf(stderr, "running %s (%zu bytes)\n", path, len);
    LLVMFuzzerTestOneInput(exact, len);
    free(exact);
    n_inputs++;
    return 0;
}

static int run_path(const char *path)
{
    struct stat sb;
    if (stat(path, &sb) != 0) {
        fprintf(stderr, "%s: %s\n", path, strerror(errno));
        return 1;
    }
    if (!S_ISDIR(sb.st_mode))
        return run_file(path);

    DIR *dir = opendir(path);
    if (dir == NULL) {
        fprintf(stderr, "%s: %s\n", path, strerror(errno));
        return 1;
    }
    int status = 0;
    struct dirent *ent;
    while ((ent = readdir(dir)) != NULL) {
        if (skipped_name(ent->d_name))
            continue;
        size_t n = strlen(path) + 1 + strlen(ent->d_name) + 1;
        char *child = malloc(n);
        if (child == NULL)
            abort();
        snprintf(child, n, "%s/%s", path, ent->d_name);
        status |= run_path(child);
        free(child);
    }
    closedir(dir);
    return status;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s FILE|DIR...\n"
                "Runs each file (directories: every file below them) "
                "through the fuzz target once.\n", argv[0]);
        return 2;
    }
    int status = 0;
    for (int i = 1; i < argc; i++)
        status |= run_path(argv[i]);
    fprintf(stderr, "%s: %lu inputs\n", argv[0], n_inputs);
    return status;
}
