/**
 * Tor onion-service files Postern reads or writes: the onion hostnames it answers to and the console's client-
 * authorization device keys, authorized and revoked with their audit entries. It may use {@code audit}, {@code
 * config} and {@code crypto}.
 */
package org.postern.onion;
