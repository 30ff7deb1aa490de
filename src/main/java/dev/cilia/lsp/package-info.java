/**
 * {@code ciliac lsp}: a Language Server Protocol 3.17 server over stdio (Eclipse LSP4J). A thin
 * adapter like {@code cli}: every answer comes from the driver, which compiles the folder of the
 * edited file with the editor's open buffers in place of the files on disk. Takes {@code driver},
 * {@code diag} and {@code source} only.
 */
package dev.cilia.lsp;
