package io.endpointbridge.mapping;

import java.nio.file.Path;

/** A transform map or catalog file that cannot be used; the message names the file and the entry. */
public class InvalidMappingException extends RuntimeException {

    public InvalidMappingException(Path file, String entry, String problem) {
        super(file + ": " + entry + ": " + problem);
    }
}
