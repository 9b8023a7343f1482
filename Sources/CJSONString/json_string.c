// JSON string decoding with AVX-512: the message of every CloudWatch event is a JSON string
// holding a JSON document, so it has an escaped quote every ten bytes or so; the portable
// decoder (JSONScanner.decodeString) handles them one at a time, this one drops every
// backslash of a 64-byte block in one byte compress.
#include "CJSONString.h"

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#include <immintrin.h>

static int simd_available = -1;

__attribute__((constructor)) static void detect_simd(void) {
    __builtin_cpu_init();
    simd_available = __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vbmi2");
}

int replay_json_simd_available(void) {
    if (simd_available < 0) detect_simd();
    return simd_available;
}

__attribute__((target("avx512f,avx512bw,avx512vbmi2,bmi,bmi2,popcnt")))
static ptrdiff_t decode_avx512(const uint8_t *src, size_t length, uint8_t *dst, size_t *count, int *ascii) {
    const __m512i quote = _mm512_set1_epi8('"');
    const __m512i backslash = _mm512_set1_epi8('\\');
    const __m512i slash = _mm512_set1_epi8('/');
    const __m512i space = _mm512_set1_epi8(0x20);
    size_t i = 1, n = 0;
    uint64_t high = 0;  // decoded bytes of 0x80 and above (non-zero: not ASCII)
    while (i < length) {
        size_t avail = length - i;
        __mmask64 live = avail >= 64 ? ~(__mmask64)0 : (((__mmask64)1 << avail) - 1);
        // A masked load reads nothing past `length`, so the last block may end anywhere.
        __m512i v = _mm512_maskz_loadu_epi8(live, src + i);
        uint64_t bs = _mm512_mask_cmpeq_epi8_mask(live, v, backslash);
        uint64_t qt = _mm512_mask_cmpeq_epi8_mask(live, v, quote);
        uint64_t sl = _mm512_mask_cmpeq_epi8_mask(live, v, slash);
        uint64_t ctl = _mm512_mask_cmplt_epu8_mask(live, v, space);
        // Where the block stops being simple: a backslash not followed (in this block) by `"` or
        // `/` (so also `\\`, `\n`, `\u` and a backslash on the block's last byte), a quote not
        // escaped, a control byte. Before the first of them every backslash escapes the byte
        // after it, so `bs << 1` marks exactly the escaped bytes.
        uint64_t hard = bs & ~((qt | sl) >> 1);
        uint64_t closing = qt & ~(bs << 1);
        uint64_t stops = hard | closing | ctl;
        unsigned stop = stops ? (unsigned)__builtin_ctzll(stops) : 64;
        if (stop == 64 && avail < 64) return 0;  // no closing quote within `length`
        uint64_t before = stop == 64 ? ~(uint64_t)0 : (((uint64_t)1 << stop) - 1);
        uint64_t keep = before & ~bs;
        _mm512_storeu_si512((void *)(dst + n), _mm512_maskz_compress_epi8(keep, v));
        n += (size_t)__builtin_popcountll(keep);
        high |= _mm512_movepi8_mask(v) & keep;
        i += stop;
        if (stop == 64) continue;
        uint8_t c = src[i];
        if (c == '"') {
            *count = n;
            *ascii = high == 0;
            return (ptrdiff_t)(i + 1);
        }
        if (c != '\\' || i + 1 >= length) return 0;  // a control byte, or a backslash at the end
        uint8_t decoded;
        switch (src[i + 1]) {
        case '"': case '\\': case '/': decoded = src[i + 1]; break;
        case 'b': decoded = 0x08; break;
        case 'f': decoded = 0x0C; break;
        case 'n': decoded = 0x0A; break;
        case 'r': decoded = 0x0D; break;
        case 't': decoded = 0x09; break;
        default: return 0;  // `\u` (rare in logs) and bad escapes: the portable decoder's rules
        }
        dst[n++] = decoded;
        i += 2;
    }
    return 0;
}

ptrdiff_t replay_json_decode_string(const uint8_t *src, size_t length, uint8_t *dst, size_t *count, int *ascii) {
    if (simd_available <= 0 || length < 2) return 0;
    return decode_avx512(src, length, dst, count, ascii);
}

#else

int replay_json_simd_available(void) { return 0; }

ptrdiff_t replay_json_decode_string(const uint8_t *src, size_t length, uint8_t *dst, size_t *count, int *ascii) {
    (void)src; (void)length; (void)dst; (void)count; (void)ascii;
    return 0;
}

#endif
