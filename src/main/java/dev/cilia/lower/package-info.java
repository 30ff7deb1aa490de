/**
 * Lowering: the checked {@code ir} to one CNP or CCNP per policy for its target version, with the
 * statement each rule item came from, handed on one document at a time. Takes {@code ir}, {@code
 * cilium} and {@code diag}.
 */
package dev.cilia.lower;
