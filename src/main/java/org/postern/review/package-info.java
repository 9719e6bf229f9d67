/**
 * The console: its own Tomcat, security chain (password, TOTP or security key) and templates, the inbox,
 * reading, replies, downloads and administration. It may use the core modules and {@code web}; it never reaches
 * into {@code intake} or {@code cli}.
 */
package org.postern.review;
