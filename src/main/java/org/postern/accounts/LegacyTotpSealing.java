package org.postern.accounts;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/** At start, seals any TOTP seed a pre-sealing version stored in the clear. */
@Component
class LegacyTotpSealing implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(LegacyTotpSealing.class);

    private final AccountRepository accounts;

    LegacyTotpSealing(AccountRepository accounts) {
        this.accounts = accounts;
    }

    @Override
    public void afterSingletonsInstantiated() {
        int sealed = accounts.sealLegacyTotpSecrets();
        if (sealed > 0) {
            log.info("Sealed {} second-factor secret(s) stored by an older version.", sealed);
        }
    }
}
