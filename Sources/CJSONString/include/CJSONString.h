#ifndef CJSONSTRING_H
#define CJSONSTRING_H

#include <stddef.h>
#include <stdint.h>

/// Decodes the JSON string whose opening quote is at `src[0]`, with AVX-512 (VBMI2's byte
/// compress) 64 bytes at a time. `length`: bytes readable from `src`; `dst`: room for
/// `length + 64` bytes (whole vectors are stored).
///
/// Returns the index after the closing quote (> 0), with the decoded length in `*count` and
/// `*ascii` set when every decoded byte is below 0x80. Returns 0 when it does not settle the
/// string: no AVX-512 VBMI2 on this CPU, a `\u` escape, a control byte, a bad escape, or no
/// closing quote within `length`. The caller then decodes with its portable decoder, which
/// has the final word on errors, so both paths give the same results.
ptrdiff_t replay_json_decode_string(const uint8_t *src, size_t length, uint8_t *dst,
                                    size_t *count, int *ascii);

/// 1 when `replay_json_decode_string` can settle strings on this CPU, 0 when it always returns 0.
int replay_json_simd_available(void);

#endif
