package org.postern.cli;

/** Turns a failed core start into a message an operator can act on. */
final class DatabaseInUse {

    private DatabaseInUse() {
    }

    static String explain(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (message.contains("already in use") || message.contains("Locked by another process")) {
                return "Postern's database is in use by a running server. Stop the server, then run this command "
                        + "again.";
            }
        }
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return "Postern could not open its data directory: " + root.getMessage();
    }
}
