package dev.cilia.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** {@code --flows -} reads stdin, gzip included; folders give their flow files. */
class ReplayStdinTest {
  static final Compilation.Options SEED =
      new Compilation.Options(
          List.of(Path.of("samples/flows/l7-visibility-enforced.cilia")),
          false,
          Optional.empty(),
          Optional.empty());

  @Test
  void stdinGzipAndFoldersReplayAlike() throws Exception {
    byte[] plain = Files.readAllBytes(Path.of("samples/flows/default-namespace.jsonl"));
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(plain);
    }
    Replay.Result fromStdin =
        Replay.run(SEED, List.of("-"), new ByteArrayInputStream(gz.toByteArray()))
            .result()
            .orElseThrow();
    Replay.Result fromFolder =
        Replay.run(SEED, List.of("samples/flows"), new ByteArrayInputStream(new byte[0]))
            .result()
            .orElseThrow();
    assertEquals(15, fromStdin.flows());
    assertEquals(10, fromStdin.dropped());
    assertEquals(fromStdin.text(), fromFolder.text());
    assertTrue(fromStdin.problemsText().startsWith("<stdin>:32: warning[CIL0601]"));
  }

  @Test
  void noFlowFilesIsAnInputError() {
    InputError e =
        assertThrows(
            InputError.class,
            () -> Replay.run(SEED, List.of(), new ByteArrayInputStream(new byte[0])));
    assertTrue(e.getMessage().startsWith("no flow files"), e.getMessage());
  }
}
