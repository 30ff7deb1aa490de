/**
 * The load stage: parses the input files ({@code syntax}) and the files they import, and builds the
 * import graph ({@link dev.cilia.load.Imports.Unit}) that {@code check} resolves names over. The
 * graph is walked with an explicit work list, so import chains thousands deep need no deep stack.
 * Imports {@code source}, {@code diag} and {@code syntax}.
 */
package dev.cilia.load;
