package org.postern.onion;

/** Adding a key for a device that has one would silently lock that device out: revoke it first. */
public class DeviceAlreadyAuthorized extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    DeviceAlreadyAuthorized(String deviceName) {
        super("Device '" + deviceName + "' already has a key. Revoke it first to issue a new one.");
    }
}
