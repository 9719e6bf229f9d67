/**
 * The shared core context under both web sides and the operator's commands: it names the modules that make it up
 * (configuration, crypto, store, sources, keys, accounts, onion, audit, organisation) and the few
 * auto-configurations they need. Only the application's entry points and {@code cli} start it.
 */
package org.postern.core;
