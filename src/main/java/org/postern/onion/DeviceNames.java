package org.postern.onion;

import java.util.regex.Pattern;

/** Device names become file names in tor's directory, so only a small, safe alphabet is allowed. */
final class DeviceNames {

    static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

    private DeviceNames() {
    }

    static String require(String name) {
        if (name == null || !VALID.matcher(name).matches()) {
            throw new IllegalArgumentException("A device name is 1 to 40 characters: lower-case letters, digits and "
                    + "'-', starting with a letter or digit.");
        }
        return name;
    }
}
