/**
 * Blob storage: ciphertext written under generated names through a pending blob that is published atomically or
 * discarded, with owner-only files and day-rounded times. It may use {@code config}.
 */
package org.postern.store;
