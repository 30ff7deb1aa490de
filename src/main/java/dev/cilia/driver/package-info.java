/**
 * Driver: {@link dev.cilia.driver.Compilation} runs the named stages in order and catches
 * unexpected exceptions as internal compiler errors. Takes every stage; used by {@code cli} and
 * {@code maven}.
 */
package dev.cilia.driver;
