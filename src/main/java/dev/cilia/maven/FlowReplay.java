package dev.cilia.maven;

import dev.cilia.diag.Diagnostic;
import dev.cilia.driver.InputError;
import dev.cilia.driver.Replay;
import java.io.File;
import java.nio.file.Files;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;

/** The {@code test} goal's replay of observed Hubble flows in {@code src/test/cilia/flows}. */
final class FlowReplay {
  private FlowReplay() {}

  /** Replays when the folder exists; fails the build with one line per dropped group. */
  static void run(CiliaMojo mojo, Compiled compiled, Settings settings, File folder)
      throws MojoFailureException {
    if (folder == null || !Files.isDirectory(folder.toPath()) || compiled.outcome().hasErrors()) {
      return;
    }
    Replay.Result result;
    try {
      result =
          Replay.over(
              compiled.outcome(),
              List.of(folder.getPath()),
              java.io.InputStream.nullInputStream(),
              settings.ciliumVersion());
    } catch (InputError e) {
      throw new MojoFailureException(e.getMessage());
    }
    for (String line : result.problemsText().split("\n")) {
      if (!line.isBlank()) {
        mojo.getLog().warn(line);
      }
    }
    for (Diagnostic d : result.diagnostics()) {
      LogLines.log(mojo.getLog(), d);
    }
    mojo.getLog()
        .info(
            "Cilia flow replay: "
                + result.flows()
                + " flows, "
                + result.dropped()
                + " would be dropped ("
                + mojo.shown(folder.toPath())
                + ")");
    if (result.dropped() > 0 || result.flows() == 0) {
      throw new MojoFailureException(
          result.flows() == 0
              ? "the flow files in " + mojo.shown(folder.toPath()) + " hold no flow to replay"
              : result.dropped()
                  + " observed flows in "
                  + mojo.shown(folder.toPath())
                  + " would be dropped by the Cilia policies");
    }
  }
}
