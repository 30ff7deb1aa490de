package dev.cilia.driver;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reads an input file's bytes: only a regular file (after following symbolic links), so a FIFO, a
 * device such as {@code /dev/zero} or a socket is refused before it is opened; the size is checked
 * while reading, so a file that grows or lies about its size cannot exhaust memory.
 */
final class BoundedRead {
  private BoundedRead() {}

  static byte[] regularFile(Path file, String displayName, long maxBytes)
      throws IOException, InputError {
    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
    if (attributes.isDirectory()) {
      throw new InputError("cannot read " + displayName + ": it is a folder, not a file");
    }
    if (!attributes.isRegularFile()) {
      throw new InputError(
          "cannot read "
              + displayName
              + ": not a regular file (a device, FIFO or socket); give a file on disk");
    }
    try (InputStream in = Files.newInputStream(file)) {
      return stream(in, displayName, maxBytes);
    }
  }

  /** Reads a stream to its end, refusing it once it passes {@code maxBytes}. */
  static byte[] stream(InputStream in, String displayName, long maxBytes)
      throws IOException, InputError {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[64 << 10];
    long total = 0;
    int n;
    while ((n = in.read(buffer)) > 0) {
      total += n;
      if (total > maxBytes) {
        throw new InputError(
            "cannot read " + displayName + ": larger than " + (maxBytes >> 20) + " MiB");
      }
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }
}
