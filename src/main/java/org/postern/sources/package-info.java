/**
 * Sources, submissions and replies as stored: repositories, the inbox queries, triage, deletion, retention,
 * notifications, store recovery and database maintenance. It may use {@code audit}, {@code config}, {@code
 * crypto}, {@code recipients} and {@code store}.
 */
package org.postern.sources;
