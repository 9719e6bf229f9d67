package org.postern.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** Tests that drive real programs fail loudly, naming the package, when one is missing; they never skip. */
public final class Prerequisites {

    private Prerequisites() {
    }

    /** Returns the program's path on PATH, or fails with what to install. */
    public static Path program(String name, String debianPackage) {
        String path = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        for (String dir : new String[] {"/usr/sbin", "/sbin"}) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("This test needs '" + name + "', which is not installed. Install it with: "
                + "apt-get install " + debianPackage + " (.ci/run does this).");
    }
}
