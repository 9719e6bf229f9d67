/**
 * The source side: its own Tomcat, security chain and templates, the codename flow, uploads (form and
 * resumable) and reading replies. Its {@code internal} package is fenced. It may use the core modules and
 * {@code web}; it never reaches into {@code review} or {@code cli}.
 */
package org.postern.intake;
