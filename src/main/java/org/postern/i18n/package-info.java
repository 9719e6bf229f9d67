/**
 * Languages: the bundles, ICU message formatting, the language a page speaks and how a visitor switches it. It
 * depends on no other Postern module.
 */
package org.postern.i18n;
