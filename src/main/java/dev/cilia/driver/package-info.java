/**
 * Driver: {@link dev.cilia.driver.Compilation} runs the named stages in order and catches
 * unexpected exceptions as internal compiler errors; {@link dev.cilia.driver.Linting} reads YAML
 * files for {@code ciliac lint}; {@link dev.cilia.driver.Replay} and {@link
 * dev.cilia.driver.Suggest} decide observed Hubble flows and propose statements for them. Takes
 * every stage; used by {@code cli} and {@code maven}.
 */
package dev.cilia.driver;
