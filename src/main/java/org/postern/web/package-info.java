/**
 * What both web sides share: their Tomcat servers bound to loopback, the Host guard, strict headers, error
 * pages and views, subresource integrity for scripts, and human-readable sizes. It may use {@code config} and
 * {@code i18n}.
 */
package org.postern.web;
