/**
 * Console accounts: enrolment by setup token or invitation, password and TOTP checks, lockout and the global
 * login budget, security keys, and the per-account choices (language, in-browser reading). It owns the {@code
 * account}, {@code invitation} and WebAuthn tables. It may use {@code audit}, {@code config} and {@code
 * crypto}; the web sides call it, never the reverse.
 */
package org.postern.accounts;
