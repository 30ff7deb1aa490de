package dev.cilia.load;

import dev.cilia.source.SourceFile;
import java.io.IOException;
import java.nio.file.Path;

/** Reads a file the inputs import. */
public interface SourceLoader {
  SourceFile load(Path path) throws IOException;
}
