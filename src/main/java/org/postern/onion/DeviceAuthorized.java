package org.postern.onion;

import org.postern.audit.AuditAction;
import org.postern.audit.AuditActor;
import org.postern.audit.AuditEvent;
import org.postern.audit.Audited;

/** A device was given a key to the console onion. */
record DeviceAuthorized(AuditActor by, String deviceName) implements Audited {

    @Override
    public AuditEvent auditEvent() {
        return AuditEvent.of(by, AuditAction.DEVICE_AUTHORIZED, deviceName);
    }
}
