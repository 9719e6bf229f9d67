package org.postern.web;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.postern.config.PosternProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Postern listens on loopback only, for Tor to reach; anything else must be asked for in so many words. */
public final class LoopbackGuard {

    private static final Logger log = LoggerFactory.getLogger(LoopbackGuard.class);

    private LoopbackGuard() {
    }

    public static void check(PosternProperties properties) {
        if (isLoopback(properties.bindAddress())) {
            return;
        }
        if (!properties.allowNonLoopbackBind()) {
            throw new IllegalStateException("Refusing to listen on " + properties.bindAddress()
                    + ": Postern must be reached only through Tor. Set postern.allow-non-loopback-bind=true "
                    + "only if you truly mean to expose it.");
        }
        log.warn("!!! Postern is listening on the NON-LOOPBACK address {}. Anyone who can reach it bypasses Tor. !!!",
                properties.bindAddress());
    }

    /** Whether a bind address is a loopback address; refuses one that is not an address at all. */
    public static boolean isLoopback(String bindAddress) {
        try {
            return InetAddress.getByName(bindAddress).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException("postern.bind-address is not an address: " + bindAddress);
        }
    }
}
