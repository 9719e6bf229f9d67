/**
 * The operator's commands ({@code recipients}, {@code tor}, {@code audit}), run with the server stopped or
 * beside it. It may use the core modules ({@code accounts}, {@code audit}, {@code config}, {@code crypto},
 * {@code recipients}, {@code onion}) and never either web side.
 */
package org.postern.cli;
