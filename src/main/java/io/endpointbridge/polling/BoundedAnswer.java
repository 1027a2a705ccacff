package io.endpointbridge.polling;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;

import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpRequestInterceptor;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.HttpResponseInterceptor;
import org.apache.hc.core5.http.io.entity.HttpEntityWrapper;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * Bounds every answer of a polled API in size and in time, which camel-http and the Apache client do not: a larger
 * {@code Content-Length} fails before a byte is read, a body that grows past the bound while it arrives is cut there,
 * and a body still arriving at the deadline (the request's start plus {@code <prefix>.request-timeout-ms}) is cut
 * then. The client's response timeout bounds each wait for bytes; this bounds the whole answer.
 */
final class BoundedAnswer implements HttpRequestInterceptor, HttpResponseInterceptor {

    /** The answer is larger than the bound: not retried, the run fails with this message. */
    static final class TooLarge extends IOException {
        TooLarge(String message) {
            super(message, null);
        }
    }

    /** The whole answer did not arrive in time: retried like any timeout. */
    static final class Deadline extends SocketTimeoutException {
        Deadline(String message) {
            super(message);
        }
    }

    private static final String STARTED = "endpoint-bridge.request-started";

    private final long maxBytes;
    private final String setting;
    private final long timeoutNanos;

    /** @param setting the property that sets the size bound, named in the failure */
    BoundedAnswer(long maxBytes, String setting, long timeoutMillis) {
        this.maxBytes = maxBytes;
        this.setting = setting;
        this.timeoutNanos = timeoutMillis * 1_000_000L;
    }

    @Override
    public void process(HttpRequest request, EntityDetails entity, HttpContext context) {
        context.setAttribute(STARTED, System.nanoTime());
    }

    @Override
    public void process(HttpResponse response, EntityDetails details, HttpContext context) throws IOException {
        if (!(response instanceof ClassicHttpResponse classic) || classic.getEntity() == null) {
            return;
        }
        HttpEntity entity = classic.getEntity();
        if (entity.getContentLength() > maxBytes) {
            throw tooLarge("announces " + entity.getContentLength() + " bytes");
        }
        Object started = context.getAttribute(STARTED);
        long deadline = (started instanceof Long at ? at : System.nanoTime()) + timeoutNanos;
        classic.setEntity(new HttpEntityWrapper(entity) {
            @Override
            public InputStream getContent() throws IOException {
                return new Bounded(super.getContent(), deadline);
            }

            @Override
            public boolean isStreaming() {
                return true;
            }

            @Override
            public boolean isRepeatable() {
                return false;
            }
        });
    }

    private TooLarge tooLarge(String what) {
        return new TooLarge("the answer " + what + ", more than " + setting + " " + maxBytes);
    }

    private final class Bounded extends FilterInputStream {

        private final long deadline;
        private long size;

        Bounded(InputStream in, long deadline) {
            super(in);
            this.deadline = deadline;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (System.nanoTime() - deadline > 0) {
                throw new Deadline("no complete answer within " + timeoutNanos / 1_000_000 + " ms");
            }
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                size += n;
                if (size > maxBytes) {
                    throw tooLarge("went past " + maxBytes + " bytes");
                }
            }
            return n;
        }
    }
}
