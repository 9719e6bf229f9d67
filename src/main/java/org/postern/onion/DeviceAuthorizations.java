package org.postern.onion;

import java.io.IOException;

import org.postern.audit.AuditActor;
import org.postern.audit.Audited;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Authorizing and revoking console devices ({@link ClientAuthKeys}) together with their audit entries, for the
 * console and the command line alike.
 *
 * <p>The change is a file tor reads, not a row, so it cannot commit with its entry. A new key is undone when its
 * entry cannot be appended: its private half was never shown, so no device loses anything. A revocation is not
 * undone: a device an admin wants out stays out, and the failure reaches the admin.
 */
@Component
public class DeviceAuthorizations {

    private final ClientAuthKeys keys;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher events;

    DeviceAuthorizations(ClientAuthKeys keys, PlatformTransactionManager transactions,
            ApplicationEventPublisher events) {
        this.keys = keys;
        this.tx = new TransactionTemplate(transactions);
        this.events = events;
    }

    /**
     * Authorizes a new device, as {@link ClientAuthKeys#add}, and records who did.
     *
     * @throws IllegalArgumentException if the name is not a valid device name, or {@code by} not a plain name
     * @throws DeviceAlreadyAuthorized if the device has a key already
     * @throws IllegalStateException if the directory or the console's hostname file is not configured
     */
    public DeviceCredential authorize(String deviceName, AuditActor by) throws IOException {
        requireRecordable(new DeviceAuthorized(by, deviceName));
        DeviceCredential credential = keys.add(deviceName);
        try {
            tx.executeWithoutResult(status -> events.publishEvent(new DeviceAuthorized(by, credential.deviceName())));
        } catch (RuntimeException notRecorded) {
            try {
                keys.revoke(credential.deviceName());
            } catch (IOException | RuntimeException undo) {
                notRecorded.addSuppressed(undo);
            }
            throw notRecorded;
        }
        return credential;
    }

    /**
     * Removes a device's key, as {@link ClientAuthKeys#revoke}, and records who did.
     *
     * @return false if the device had no key; nothing is recorded then
     */
    public boolean revoke(String deviceName, AuditActor by) throws IOException {
        requireRecordable(new DeviceRevoked(by, deviceName));
        if (!keys.revoke(deviceName)) {
            return false;
        }
        tx.executeWithoutResult(status -> events.publishEvent(new DeviceRevoked(by, deviceName)));
        return true;
    }

    /** Builds the entry before the change, so that one the log would refuse changes nothing. */
    private static void requireRecordable(Audited event) {
        if (event.auditEvent() == null) {
            throw new IllegalStateException("no audit entry");
        }
    }
}
