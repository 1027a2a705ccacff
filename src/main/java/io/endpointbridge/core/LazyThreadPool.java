package io.endpointbridge.core;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.ExecutorServiceManager;

/**
 * A Camel thread pool made on first use, for beans that are built before the context they run in, and shut down with
 * that context (Camel's ExecutorServiceManager keeps track of it).
 */
public final class LazyThreadPool {

    private final Function<ExecutorServiceManager, ExecutorService> create;
    private volatile ExecutorService pool;

    public LazyThreadPool(Function<ExecutorServiceManager, ExecutorService> create) {
        this.create = create;
    }

    public ExecutorService get(CamelContext context) {
        ExecutorService existing = pool;
        if (existing == null) {
            synchronized (this) {
                if (pool == null) {
                    pool = create.apply(context.getExecutorServiceManager());
                }
                existing = pool;
            }
        }
        return existing;
    }

    /** The result of a task run on such a pool; its failure thrown as the task threw it, not wrapped. */
    public static <T> T join(CompletableFuture<T> task) {
        try {
            return task.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }
}
