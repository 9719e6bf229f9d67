package org.postern.review.inbox;

/**
 * Download names, built from the designation and a number only: {@code <designation-with-dashes>-<n>.pgp},
 * {@code <designation>-reply-<n>.pgp} and {@code <designation>.zip}. Nothing a source typed ever goes into a
 * name; the original file name exists only inside the ciphertext.
 */
final class FileNames {

    private FileNames() {
    }

    static String base(String designation) {
        String dashed = designation.toLowerCase(java.util.Locale.ROOT).strip().replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
        return dashed.isEmpty() ? "source" : dashed;
    }

    static String submission(String designation, int seq) {
        return base(designation) + "-" + seq + ".pgp";
    }

    static String reply(String designation, int seq) {
        return base(designation) + "-reply-" + seq + ".pgp";
    }

    static String archive(String designation) {
        return base(designation) + ".zip";
    }
}
