package org.postern.intake.internal;

/**
 * The one check every upload passes before its first byte is written, whether it comes through the form or as
 * a resumable upload: the place for limits that span both paths (per-source quotas, the disk reserve, how many
 * uploads run at once).
 */
public interface IntakeGate {

    /**
     * Admits an upload or refuses it with a message for the source.
     *
     * @param declaredBytes what the upload says it will send, or -1 when it does not say
     */
    Pass admit(String sourceId, long declaredBytes) throws SubmissionRejected;

    /** Held while the upload is open; closed exactly once when it is finished or dropped. */
    interface Pass extends AutoCloseable {

        /** Called when one upload (a form with a message and files) begins another submission after its first. */
        default void anotherItem() throws SubmissionRejected {
        }

        /** Called as plaintext arrives, before it is written. */
        default void arriving(long bytes) throws SubmissionRejected {
        }

        @Override
        void close();
    }
}
