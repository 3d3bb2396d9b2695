#ifndef CONFORM_CZLIB_SHIM_H
#define CONFORM_CZLIB_SHIM_H
#include <zlib.h>

/* inflateInit2 is a macro that passes the library version and the stream's size. */
static inline int conform_inflate_init2(z_stream *stream, int windowBits) {
    return inflateInit2(stream, windowBits);
}
#endif
