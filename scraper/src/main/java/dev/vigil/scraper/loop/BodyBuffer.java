package dev.vigil.scraper.loop;

import io.netty.buffer.ByteBuf;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * A growable byte array for one response body, reused from scrape to scrape through {@link BodyBufferPool}, so a
 * steady-state scrape allocates no body buffer. Writes beyond {@code limit} bytes fail with {@link
 * BodySizeLimitException}. Not thread-safe.
 */
final class BodyBuffer {
    private byte[] bytes = new byte[16 * 1024];
    private int length;
    private long limit;

    /** Empties the buffer and sets the limit for the next body (0: none). */
    void reset(long limit) {
        this.length = 0;
        this.limit = limit;
    }

    byte[] bytes() {
        return bytes;
    }

    int length() {
        return length;
    }

    /** Copies {@code src} in, straight from its (possibly off-heap) memory. */
    void append(Buffer src) throws BodySizeLimitException {
        int n = src.length();
        ensure(n);
        src.getBytes(0, n, bytes, length);
        length += n;
    }

    /** Copies {@code src}'s readable bytes in, leaving its reader index where it was. */
    void append(ByteBuf src) throws BodySizeLimitException {
        int n = src.readableBytes();
        ensure(n);
        src.getBytes(src.readerIndex(), bytes, length, n);
        length += n;
    }

    /** Reads {@code in} to its end into this buffer. */
    void readFully(InputStream in) throws IOException, BodySizeLimitException {
        while (true) {
            ensure(1);
            int n = in.read(bytes, length, bytes.length - length);
            if (n < 0) {
                return;
            }
            length += n;
            if (limit > 0 && length > limit) {
                throw new BodySizeLimitException(limit);
            }
        }
    }

    private void ensure(int more) throws BodySizeLimitException {
        long needed = (long) length + more;
        if (limit > 0 && needed > limit) {
            throw new BodySizeLimitException(limit);
        }
        if (needed > bytes.length) {
            long grown = Math.max(needed, (long) bytes.length * 2);
            if (grown > Integer.MAX_VALUE - 16) {
                throw new BodySizeLimitException(Integer.MAX_VALUE - 16);
            }
            bytes = Arrays.copyOf(bytes, (int) grown);
        }
    }

    /** A body exceeded {@code body_size_limit}. */
    static final class BodySizeLimitException extends Exception {
        private static final long serialVersionUID = 1L;

        BodySizeLimitException(long limit) {
            super("body size limit exceeded (limit: " + limit + " bytes)", null, false, false);
        }
    }
}
