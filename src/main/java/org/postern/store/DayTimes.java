package org.postern.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * File times would date each upload to the second on a seized disk. Blobs and the store directory are set
 * back to the start of the day (UTC). The inode change time cannot be set from user space; see the threat model.
 */
final class DayTimes {

    private final Clock clock;
    private final Path storeRoot;

    DayTimes(Clock clock, Path storeRoot) {
        this.clock = clock;
        this.storeRoot = storeRoot;
    }

    void blur(Path blob) {
        FileTime day = FileTime.from(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).atStartOfDay()
                .toInstant(ZoneOffset.UTC));
        for (Path p : new Path[] {blob, storeRoot, storeRoot.resolve("incoming")}) {
            try {
                Files.getFileAttributeView(p, BasicFileAttributeView.class).setTimes(day, day, null);
            } catch (IOException ignored) {
                // Best effort: the blob is already safely published.
            }
        }
    }
}
