/**
 * The Maven plugin (goal prefix {@code cilia}): mojos {@code check}, {@code compile} and {@code
 * test} call the driver, print diagnostics in the Maven log and skip work when nothing changed.
 * Takes {@code driver} and {@code diag} only.
 */
package dev.cilia.maven;
