package io.endpointbridge.mapping;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Something built from files of the mappings directory (a transform map, the SEP normalizer) that can be built
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
    private final List<Path> files;
    private final Loader<T> loader;
    private volatile T current;
    private volatile long version;

    private Reloadable(String name, List<Path> files, Loader<T> loader) throws IOException {
        this.name = name;
        this.files = List.copyOf(files);
        this.loader = loader;
        this.version = version();
        this.current = loader.load();
    }

    /** Loads it now: an invalid file fails here, at start-up, with the file and entry in the message. */
    public static <T> Reloadable<T> load(List<Path> files, Loader<T> loader) throws IOException {
        return new Reloadable<>(files.stream().map(f -> f.getFileName().toString()).toList().toString(), files, loader);
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
            LOG.info("Reloaded {}", name);
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.error("{} not reloaded, the previous version stays in use: {}", name, e.getMessage());
            return false;
        }
    }

    /** A fingerprint of the files: their sizes and modification times. */
    private long version() {
        long version = 17;
        for (Path file : files) {
            try {
                version = version * 31 + Files.size(file) * 17 + Files.getLastModifiedTime(file).toMillis();
            } catch (IOException missing) {
                version = version * 31;
            }
        }
        return version;
    }
}
