package dev.cilia.lsp;

import dev.cilia.source.SourceFile;
import dev.cilia.source.Span;
import java.net.URI;
import java.nio.file.Path;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;

/** LSP positions (0-based lines, UTF-16 columns) to offsets and back; URIs to paths and back. */
final class Positions {
  private Positions() {}

  static Position position(SourceFile file, int offset) {
    int clamped = Math.max(0, Math.min(offset, file.text().length()));
    int line = file.line(clamped);
    return new Position(line - 1, clamped - file.lineStart(line));
  }

  static Range range(Span span) {
    return new Range(position(span.file(), span.start()), position(span.file(), span.end()));
  }

  static Location location(Span span) {
    return new Location(uri(span.file().path()), range(span));
  }

  /** The offset of an LSP position, clamped to the file. */
  static int offset(SourceFile file, Position position) {
    int line = position.getLine() + 1;
    if (line < 1) {
      return 0;
    }
    if (line > file.lineCount()) {
      return file.text().length();
    }
    int start = file.lineStart(line);
    return Math.min(start + Math.max(0, position.getCharacter()), file.lineEnd(line));
  }

  static String uri(Path path) {
    return path.toAbsolutePath().normalize().toUri().toString();
  }

  /** The path of a {@code file:} URI, absolute and normalized. */
  static Path path(String uri) {
    return Path.of(URI.create(uri)).toAbsolutePath().normalize();
  }
}
