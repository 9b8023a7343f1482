/*
 * The floor every ingest is measured against: inflate gzip files with plain
 * zlib on one core and count their newlines, nothing else.
 *
 * Why this and not `zcat`: zcat (gzip's own inflater, plus a pipe) is about
 * 2.5x slower than zlib itself, which would flatter anything compared with it.
 * Reads every member of multi-member files, like `replay` does.
 *
 * Build: gcc -O2 bench/zlib_floor.c -lz -o .bench/zlib_floor
 * Usage: zlib_floor FILE...   (prints "<lines> lines, <bytes> bytes inflated")
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

enum { IN_SIZE = 1 << 18, OUT_SIZE = 1 << 18 };

static int inflate_file(const char *path, unsigned long long *lines, unsigned long long *bytes) {
    FILE *f = fopen(path, "rb");
    if (!f) { perror(path); return 1; }
    static unsigned char in[IN_SIZE], out[OUT_SIZE];
    z_stream z;
    memset(&z, 0, sizeof z);
    if (inflateInit2(&z, 15 + 16) != Z_OK) { fclose(f); return 1; }
    int status = Z_OK;
    size_t n;
    while ((n = fread(in, 1, IN_SIZE, f)) > 0) {
        z.next_in = in;
        z.avail_in = (uInt)n;
        do {  /* until the input is used up and zlib holds no more output */
            z.next_out = out;
            z.avail_out = OUT_SIZE;
            status = inflate(&z, Z_NO_FLUSH);
            size_t produced = OUT_SIZE - z.avail_out;
            *bytes += produced;
            for (unsigned char *p = out, *end = out + produced; (p = memchr(p, '\n', end - p)) != NULL; p++) (*lines)++;
            if (status == Z_STREAM_END) {
                inflateReset(&z);  /* the next gzip member, if any */
            } else if (status != Z_OK && status != Z_BUF_ERROR) {
                fprintf(stderr, "%s: inflate error %d\n", path, status);
                inflateEnd(&z);
                fclose(f);
                return 1;
            }
        } while (z.avail_in > 0 || z.avail_out == 0);
    }
    inflateEnd(&z);
    fclose(f);
    return 0;
}

int main(int argc, char **argv) {
    unsigned long long lines = 0, bytes = 0;
    for (int i = 1; i < argc; i++) {
        if (inflate_file(argv[i], &lines, &bytes)) return 1;
    }
    printf("%llu lines, %llu bytes inflated\n", lines, bytes);
    return 0;
}
