package dev.cilia.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;

/**
 * Latency of {@code ciliac lsp} from a {@code didChange} to the diagnostics it publishes for that
 * version, measured by an LSP client over the server's stdio, with the server's default debounce.
 * Two workspaces: a folder with one file of about 200 lines that imports the corpus's {@code lib/}
 * files, and the 1,000-policy corpus itself (an edit re-checks its whole folder). Each edit appends
 * or removes a comment line, so every analysis compiles, validates and proves everything again.
 *
 * <p>Usage: {@code LspLatency CILIAC_JAR CORPUS_1000_DIR WORK_DIR}; prints {@code key value} lines.
 */
public final class LspLatency {
  private LspLatency() {}

  public static void main(String[] args) throws Exception {
    Locale.setDefault(Locale.ROOT);
    Path jar = Path.of(args[0]);
    Path corpus = Path.of(args[1]).toAbsolutePath().normalize();
    Path work = Path.of(args[2]).toAbsolutePath().normalize();
    Path small = smallWorkspace(corpus, work.resolve("lsp-small"));
    String text = Files.readString(small);
    System.out.println("lsp.small.lines " + text.lines().count());
    report("lsp.small", measure(jar, small, 30, 41));
    Path big = largestFile(corpus);
    report("lsp.corpus", measure(jar, big, 3, 9));
  }

  private static void report(String key, List<Double> millis) {
    List<Double> sorted = new ArrayList<>(millis);
    sorted.sort(Comparator.naturalOrder());
    double median =
        sorted.size() % 2 == 1
            ? sorted.get(sorted.size() / 2)
            : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
    System.out.printf("%s.median_ms %.1f%n", key, median);
    System.out.printf("%s.best_ms %.1f%n", key, sorted.get(0));
    System.out.printf("%s.runs %d%n", key, sorted.size());
  }

  /** Milliseconds from each measured {@code didChange} to its diagnostics, after warm-up edits. */
  private static List<Double> measure(Path jar, Path file, int warmup, int runs) throws Exception {
    Process process =
        new ProcessBuilder("java", "-jar", jar.toString(), "lsp")
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    Map<Integer, CompletableFuture<Long>> published = new ConcurrentHashMap<>();
    String uri = file.toUri().toString();
    LanguageClient client =
        new LanguageClient() {
          @Override
          public void telemetryEvent(Object object) {}

          @Override
          public void publishDiagnostics(PublishDiagnosticsParams params) {
            if (params.getUri().equals(uri) && params.getVersion() != null) {
              published
                  .computeIfAbsent(params.getVersion(), v -> new CompletableFuture<>())
                  .complete(System.nanoTime());
            }
          }

          @Override
          public void showMessage(MessageParams message) {}

          @Override
          public CompletableFuture<MessageActionItem> showMessageRequest(
              ShowMessageRequestParams request) {
            return CompletableFuture.completedFuture(null);
          }

          @Override
          public void logMessage(MessageParams message) {
            System.err.println("server: " + message.getMessage());
          }
        };
    Launcher<LanguageServer> launcher =
        LSPLauncher.createClientLauncher(
            client, process.getInputStream(), process.getOutputStream());
    launcher.startListening();
    LanguageServer server = launcher.getRemoteProxy();
    InitializeParams init = new InitializeParams();
    init.setRootUri(file.getParent().toUri().toString());
    init.setCapabilities(new ClientCapabilities());
    server.initialize(init).get(5, TimeUnit.MINUTES);
    server.initialized(new InitializedParams());
    String text = Files.readString(file);
    server
        .getTextDocumentService()
        .didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "cilia", 1, text)));
    await(published, 1);
    List<Double> out = new ArrayList<>();
    for (int i = 0; i < warmup + runs; i++) {
      int version = i + 2;
      String edited = i % 2 == 0 ? text + "# edit " + i + "\n" : text;
      CompletableFuture<Long> done =
          published.computeIfAbsent(version, v -> new CompletableFuture<>());
      long start = System.nanoTime();
      server
          .getTextDocumentService()
          .didChange(
              new DidChangeTextDocumentParams(
                  new VersionedTextDocumentIdentifier(uri, version),
                  List.of(new TextDocumentContentChangeEvent(edited))));
      long end = done.get(10, TimeUnit.MINUTES);
      if (i >= warmup) {
        out.add((end - start) / 1e6);
      }
    }
    server.shutdown().get(1, TimeUnit.MINUTES);
    server.exit();
    process.waitFor(1, TimeUnit.MINUTES);
    process.destroy();
    return out;
  }

  private static void await(Map<Integer, CompletableFuture<Long>> published, int version)
      throws Exception {
    published.computeIfAbsent(version, v -> new CompletableFuture<>()).get(10, TimeUnit.MINUTES);
  }

  /** The corpus's biggest namespace file, whose edits re-check the whole corpus folder. */
  private static Path largestFile(Path corpus) throws IOException {
    try (Stream<Path> files = Files.list(corpus)) {
      return files
          .filter(p -> p.getFileName().toString().endsWith(".cilia"))
          .filter(p -> !p.getFileName().toString().startsWith("legacy-"))
          .max(Comparator.comparingLong(LspLatency::size).thenComparing(Comparator.naturalOrder()))
          .orElseThrow();
    }
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      return 0;
    }
  }

  /**
   * A folder with the corpus's {@code lib/} and one file of at least 200 lines: the header and
   * imports of the corpus's largest namespace file, then its policies again under new names.
   */
  private static Path smallWorkspace(Path corpus, Path dir) throws IOException {
    Files.createDirectories(dir.resolve("lib"));
    try (Stream<Path> libs = Files.list(corpus.resolve("lib"))) {
      for (Path lib : libs.toList()) {
        Files.copy(lib, dir.resolve("lib").resolve(lib.getFileName()));
      }
    }
    String source = Files.readString(largestFile(corpus), StandardCharsets.UTF_8);
    int body = source.indexOf("\npolicy ");
    int clusterwide = source.indexOf("\nclusterwide policy ");
    if (body < 0 || (clusterwide >= 0 && clusterwide < body)) {
      body = clusterwide;
    }
    String header = source.substring(0, body + 1);
    String policies = source.substring(body + 1);
    StringBuilder out = new StringBuilder(header);
    for (int copy = 1; out.toString().lines().count() < 200; copy++) {
      String suffix = "-c" + copy;
      out.append(
          policies
              .replaceAll("(?m)^(\\s*(?:clusterwide )?policy [^\\s{]+)", "$1" + suffix)
              .replaceAll("(?m)^(test \"[^\"]*)\"", "$1" + suffix + "\""));
    }
    Path file = dir.resolve("app.cilia");
    Files.writeString(file, out.toString(), StandardCharsets.UTF_8);
    return file;
  }
}
