package io.endpointbridge.polling;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body read whole, but never past {@code maxBytes}: a larger {@code Content-Length} fails the request
 * before a byte is read, and a body that grows past the bound while it arrives (no or a false length) is cancelled
 * there. The JDK's byte-array handler would read any size until the heap runs out.
 */
final class BoundedBody implements HttpResponse.BodyHandler<byte[]> {

    /** The answer is larger than the bound: not retried, the run fails with this message. */
    static final class TooLarge extends RuntimeException {
        TooLarge(String message) {
            super(message, null, false, false);
        }
    }

    private final long maxBytes;
    private final String setting;

    /** @param setting the property that sets the bound, named in the failure */
    BoundedBody(long maxBytes, String setting) {
        this.maxBytes = maxBytes;
        this.setting = setting;
    }

    @Override
    public HttpResponse.BodySubscriber<byte[]> apply(HttpResponse.ResponseInfo info) {
        return new Subscriber(info.headers().firstValueAsLong("Content-Length").orElse(-1));
    }

    private final class Subscriber implements HttpResponse.BodySubscriber<byte[]> {

        private final CompletableFuture<byte[]> body = new CompletableFuture<>();
        private final List<ByteBuffer> parts = new ArrayList<>();
        private final long announced;
        private Flow.Subscription subscription;
        private long size;

        Subscriber(long announced) {
            this.announced = announced;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            if (announced > maxBytes) {
                tooLarge("announces " + announced + " bytes");
            } else {
                subscription.request(Long.MAX_VALUE);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (body.isDone()) {
                return;
            }
            for (ByteBuffer item : items) {
                size += item.remaining();
                if (size > maxBytes) {
                    parts.clear();
                    tooLarge("went past " + maxBytes + " bytes");
                    return;
                }
                parts.add(item);
            }
        }

        @Override
        public void onError(Throwable error) {
            parts.clear();
            body.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            byte[] bytes = new byte[(int) size];
            int at = 0;
            for (ByteBuffer part : parts) {
                int n = part.remaining();
                part.get(bytes, at, n);
                at += n;
            }
            parts.clear();
            body.complete(bytes);
        }

        private void tooLarge(String what) {
            subscription.cancel();
            body.completeExceptionally(new TooLarge("the answer " + what + ", more than " + setting + " " + maxBytes));
        }
    }
}
