/**
 * The organisation's public profile shown to sources: its name, text and a re-encoded logo. It may use {@code
 * audit}, {@code config} and {@code crypto}.
 */
package org.postern.organization;
