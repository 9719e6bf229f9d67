/**
 * Tor onion-service files Postern reads or writes: the onion hostnames it answers to and the console's client-
 * authorization device keys. It may use {@code config} and {@code crypto}.
 */
package org.postern.onion;
