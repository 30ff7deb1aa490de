package dev.cilia.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.services.LanguageClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's lifecycle and document handling, with a client that records what it is sent. */
class CiliaLanguageServerTest {
  @TempDir Path dir;

  static final class Client implements LanguageClient {
    final BlockingQueue<PublishDiagnosticsParams> published = new LinkedBlockingQueue<>();
    final List<MessageParams> logged = new ArrayList<>();

    @Override
    public void telemetryEvent(Object object) {}

    @Override
    public void publishDiagnostics(PublishDiagnosticsParams diagnostics) {
      published.add(diagnostics);
    }

    @Override
    public void showMessage(MessageParams message) {}

    @Override
    public CompletableFuture<MessageActionItem> showMessageRequest(
        ShowMessageRequestParams request) {
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public synchronized void logMessage(MessageParams message) {
      logged.add(message);
    }

    /** The next diagnostics for {@code uri}; other files' are skipped. */
    PublishDiagnosticsParams next(String uri) throws InterruptedException {
      while (true) {
        PublishDiagnosticsParams p = published.poll(120, TimeUnit.SECONDS);
        assertNotNull(p, "no diagnostics were published for " + uri);
        if (p.getUri().equals(uri)) {
          return p;
        }
      }
    }
  }

  /** The codes published, but for CIL0305, the note every policy that declares egress gets. */
  private static List<String> codes(PublishDiagnosticsParams p) {
    return p.getDiagnostics().stream()
        .map(d -> d.getCode().getLeft())
        .filter(c -> !c.equals("CIL0305"))
        .toList();
  }

  private CiliaLanguageServer start(Client client, JsonObject options) throws Exception {
    CiliaLanguageServer server = new CiliaLanguageServer();
    server.connect(client);
    InitializeParams init = new InitializeParams();
    init.setRootUri(Positions.uri(dir));
    init.setInitializationOptions(options);
    InitializeResult result = server.initialize(init).get();
    assertTrue(result.getCapabilities().getHoverProvider().getLeft());
    assertEquals("ciliac", result.getServerInfo().getName());
    return server;
  }

  @Test
  void editsPublishTheirDiagnosticsInVersionOrderAndCloseFallsBackToTheDisk() throws Exception {
    Path file = dir.resolve("a.cilia");
    Files.writeString(file, "policy a in namespace x {\n  allow https to world\n}\n");
    String uri = Positions.uri(file);
    Client client = new Client();
    CiliaLanguageServer server = start(client, new JsonObject());
    server.didOpen(
        new DidOpenTextDocumentParams(
            new TextDocumentItem(
                uri, "cilia", 1, "policy a in namespace x {\n  allow ftp to world\n}\n")));
    PublishDiagnosticsParams first = client.next(uri);
    assertEquals(1, first.getVersion());
    assertEquals(List.of("CIL0203"), codes(first));

    // Typing fast: only the newest analysis may be published last.
    for (int version = 2; version <= 6; version++) {
      server.didChange(
          new DidChangeTextDocumentParams(
              new VersionedTextDocumentIdentifier(uri, version),
              List.of(
                  new TextDocumentContentChangeEvent(
                      "policy a in namespace x {\n  allow tcp " + version + " to world\n}\n"))));
    }
    int last = 0;
    while (last != 6) {
      PublishDiagnosticsParams p = client.next(uri);
      assertTrue(p.getVersion() >= last, "version " + p.getVersion() + " after " + last);
      last = p.getVersion();
      assertEquals(List.of(), codes(p));
    }
    String hover =
        server
            .hover(new HoverParams(new TextDocumentIdentifier(uri), new Position(1, 4)))
            .get()
            .getContents()
            .getRight()
            .getValue();
    assertTrue(hover.contains("port: \"6\""), hover);

    server.didClose(new DidCloseTextDocumentParams(new TextDocumentIdentifier(uri)));
    PublishDiagnosticsParams closed = client.next(uri);
    assertEquals(List.of(), codes(closed));
    assertEquals(null, closed.getVersion());
    server.shutdown().get();
    assertTrue(server.shutdownRequested());
  }

  @Test
  void theTargetSettingApplies() throws Exception {
    Path file = dir.resolve("a.cilia");
    String text = "cilium 1.18\npolicy a in namespace x {\n  allow https to world\n}\n";
    Files.writeString(file, text);
    String uri = Positions.uri(file);
    Client client = new Client();
    JsonObject options = new JsonObject();
    options.addProperty("cilium", "1.15");
    CiliaLanguageServer server = start(client, options);
    server.didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "cilia", 1, text)));
    // Below 1.16 an open direction is kept open with an allow-all item: note CIL0306.
    assertEquals(List.of("CIL0306"), codes(client.next(uri)));
    server.shutdown().get();
  }

  @Test
  void anUnsupportedTargetSettingIsReportedAndIgnored() throws Exception {
    Client client = new Client();
    JsonObject options = new JsonObject();
    options.addProperty("cilium", "1.12");
    CiliaLanguageServer server = start(client, options);
    assertEquals(1, client.logged.size());
    assertTrue(client.logged.get(0).getMessage().contains("Cilium 1.12 is not supported"));
    server.shutdown().get();
  }

  @Test
  void theProofsDiagnosticsFollowTheOtherStages() throws Exception {
    Path file = dir.resolve("a.cilia");
    String uri = Positions.uri(file);
    Client client = new Client();
    CiliaLanguageServer server = start(client, new JsonObject());
    server.didOpen(
        new DidOpenTextDocumentParams(new TextDocumentItem(uri, "cilia", 1, ProjectTest.DENIED)));
    PublishDiagnosticsParams first = client.next(uri);
    assertEquals(List.of(), codes(first));
    PublishDiagnosticsParams second = client.next(uri);
    assertEquals(1, second.getVersion());
    assertEquals(List.of("CIL0301"), codes(second));
    org.eclipse.lsp4j.Diagnostic denied =
        second.getDiagnostics().stream()
            .filter(d -> d.getCode().getLeft().equals("CIL0301"))
            .findFirst()
            .orElseThrow();
    assertEquals(1, denied.getRelatedInformation().size());
    server.shutdown().get();
  }
}
