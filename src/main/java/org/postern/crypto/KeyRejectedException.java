package org.postern.crypto;

import java.util.Optional;

/**
 * An OpenPGP key that cannot be a recipient; the message says why, in words an operator understands. Where the
 * console has the sentence in its bundles, {@link #consoleKey()} names it, so an investigator reads it in their
 * own language; the message stays English for the command line.
 */
public class KeyRejectedException extends Exception {

    private static final long serialVersionUID = 1L;
    private final String consoleKey;
    private final String[] arguments;

    public KeyRejectedException(String message) {
        this(message, (String) null);
    }

    KeyRejectedException(String message, String consoleKey, String... arguments) {
        super(message);
        this.consoleKey = consoleKey;
        this.arguments = arguments.clone();
    }

    /** The console bundle's key for this refusal, if it has one. */
    public Optional<String> consoleKey() {
        return Optional.ofNullable(consoleKey);
    }

    /** The arguments of {@link #consoleKey()}'s sentence. */
    public Object[] arguments() {
        return arguments.clone();
    }
}
