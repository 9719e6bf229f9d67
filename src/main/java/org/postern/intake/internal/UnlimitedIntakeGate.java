package org.postern.intake.internal;

import org.springframework.stereotype.Component;

/** Admits every upload: the per-upload size limits of each path are the only bound. */
@Component
class UnlimitedIntakeGate implements IntakeGate {

    private static final Pass NOTHING_HELD = () -> {
    };

    @Override
    public Pass admit(String sourceId, long declaredBytes) {
        return NOTHING_HELD;
    }
}
