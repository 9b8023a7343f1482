/*
 * A second reference beside the zlib floor: inflate the same gzip files with
 * Intel ISA-L (igzip, what `replay` decodes with) on one core and count their
 * newlines, nothing else. It shows how much of an ingest's time is left for
 * everything but inflating; the floor itself stays plain zlib (zlib_floor.c),
 * so the target does not move with the inflater.
 *
 * Reads every member of multi-member files (isal_inflate_reset between members),
 * with the same 256 KB buffers as zlib_floor.c. ISAL_GZIP mode parses each
 * member's header and verifies its CRC32 and ISIZE.
 *
 * Build: gcc -O2 bench/isal_floor.c -lisal -o .bench/isal_floor   (Debian: libisal-dev)
 * Usage: isal_floor FILE...   (prints "<lines> lines, <bytes> bytes inflated")
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <isa-l/igzip_lib.h>

enum { IN_SIZE = 1 << 18, OUT_SIZE = 1 << 18 };

static struct inflate_state state;  /* ~87 KB: static rather than on the stack */

static int inflate_file(const char *path, unsigned long long *lines, unsigned long long *bytes) {
    FILE *f = fopen(path, "rb");
    if (!f) { perror(path); return 1; }
    static unsigned char in[IN_SIZE], out[OUT_SIZE];
    isal_inflate_init(&state);
    state.crc_flag = ISAL_GZIP;
    size_t n;
    while ((n = fread(in, 1, IN_SIZE, f)) > 0) {
        state.next_in = in;
        state.avail_in = (uint32_t)n;
        do {  /* until the input is used up and ISA-L holds no more output */
            state.next_out = out;
            state.avail_out = OUT_SIZE;
            int status = isal_inflate(&state);
            size_t produced = OUT_SIZE - state.avail_out;
            *bytes += produced;
            for (unsigned char *p = out, *end = out + produced; (p = memchr(p, '\n', end - p)) != NULL; p++) (*lines)++;
            if (status != ISAL_DECOMP_OK) {
                fprintf(stderr, "%s: isal_inflate error %d\n", path, status);
                fclose(f);
                return 1;
            }
            if (state.block_state == ISAL_BLOCK_FINISH) {
                isal_inflate_reset(&state);  /* the next gzip member, if any (crc_flag is kept) */
            }
        } while (state.avail_in > 0 || state.avail_out == 0);
    }
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
