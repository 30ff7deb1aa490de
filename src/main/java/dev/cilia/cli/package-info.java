/**
 * The {@code ciliac} command line (picocli): commands parse options and call the driver. Takes
 * {@code driver} and {@code diag} only.
 */
package dev.cilia.cli;
