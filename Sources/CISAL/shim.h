// Intel ISA-L (Debian `libisal-dev`): igzip's streaming inflate and its gzip CRC32, for GzipDecoder.
#include <isa-l/igzip_lib.h>
#include <isa-l/crc.h>
