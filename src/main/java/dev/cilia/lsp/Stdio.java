package dev.cilia.lsp;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.ExecutionException;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;

/** Runs the language server on a pair of streams (the process's stdin and stdout). */
public final class Stdio {
  private Stdio() {}

  /** Serves until the client sends {@code exit} or closes the input; returns the exit code. */
  public static int run(InputStream in, OutputStream out) {
    CiliaLanguageServer server = new CiliaLanguageServer();
    Launcher<LanguageClient> launcher = LSPLauncher.createServerLauncher(server, in, out);
    server.connect(launcher.getRemoteProxy());
    try {
      launcher.startListening().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      return 1;
    }
    return server.shutdownRequested() ? 0 : 1;
  }

  static void exit(int code) {
    System.out.flush();
    Runtime.getRuntime().halt(code);
  }
}
