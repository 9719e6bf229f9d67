package org.postern.sources;

import java.util.Arrays;
import java.util.Optional;

/** Where the desk is with a source; one shared value per source. */
public enum SourceStatus {
    NEW("New"), IN_REVIEW("In review"), CLOSED("Closed");

    private final String label;

    SourceStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The status named exactly by {@code value}; empty for anything else, never an exception. */
    public static Optional<SourceStatus> parse(String value) {
        return Arrays.stream(values()).filter(s -> s.name().equals(value)).findFirst();
    }
}
