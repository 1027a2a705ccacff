package io.endpointbridge.mapping;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Something built from the files of the mappings directory (a transform map, the SEP normalizer) that can be built
 * again when those files change. In development {@code mappings.reload-enabled=true} has a timer route call
 * {@link #reloadIfChanged()}, so an edited map takes effect without a restart; a file that no longer loads is
 * reported with its file and entry, and the last good version stays in use.
 */
public final class Reloadable<T> implements Supplier<T> {

    /** Builds the value from the files; throws what the loaders throw for a missing or invalid file. */
    public interface Loader<T> {
        T load() throws IOException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(Reloadable.class);

    private final String name;
    private final Path dir;
    private final Loader<T> loader;
    private volatile T current;
    private volatile long version;

    private Reloadable(String name, Path dir, Loader<T> loader) throws IOException {
        this.name = name;
        this.dir = dir;
        this.loader = loader;
        this.version = version();
        this.current = loader.load();
    }

    /** Loads it now: an invalid file fails here, at start-up, with the file and entry in the message. */
    public static <T> Reloadable<T> load(String name, Path dir, Loader<T> loader) throws IOException {
        return new Reloadable<>(name, dir, loader);
    }

    @Override
    public T get() {
        return current;
    }

    /** Builds it again if a file in the directory changed since; true when the new version is in use. */
    public synchronized boolean reloadIfChanged() {
        long now = version();
        if (now == version) {
            return false;
        }
        version = now;
        try {
            current = loader.load();
            LOG.info("Reloaded {} from {}", name, dir);
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.error("{} not reloaded, the previous version stays in use: {}", name, e.getMessage());
            return false;
        }
    }

    /** A fingerprint of the directory: names, sizes and modification times of its files. */
    private long version() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().mapToLong(file -> {
                try {
                    return file.getFileName().toString().hashCode() * 31L + Files.size(file) * 17L
                            + Files.getLastModifiedTime(file).toMillis();
                } catch (IOException e) {
                    return 0;
                }
            }).reduce(17L, (a, b) -> a * 31 + b);
        } catch (IOException e) {
            throw new UncheckedIOException("mappings directory " + dir + " cannot be read", e);
        }
    }
}
