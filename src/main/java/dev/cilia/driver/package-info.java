/**
 * Driver: {@link dev.cilia.driver.Compilation} runs the named stages in order and catches
 * unexpected exceptions as internal compiler errors; {@link dev.cilia.driver.Linting} reads YAML
 * files for {@code ciliac lint}; {@link dev.cilia.driver.Replay} and {@link
 * dev.cilia.driver.Suggest} decide observed Hubble flows and propose statements for them. For
 * editors, {@link dev.cilia.driver.Compilation#run(Compilation.Options, java.util.Map)} compiles
 * with open buffers in place of files, {@link dev.cilia.driver.Outline}, {@link
 * dev.cilia.driver.Insight}, {@link dev.cilia.driver.Fixes} and {@link dev.cilia.driver.Language}
 * answer navigation, hover and quick-fix questions. Takes every stage; used by {@code cli}, {@code
 * lsp} and {@code maven}.
 */
package dev.cilia.driver;
