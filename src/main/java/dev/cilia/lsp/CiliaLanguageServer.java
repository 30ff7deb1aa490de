package dev.cilia.lsp;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.cilia.cilium.Target;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.CompletionOptions;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DidSaveTextDocumentParams;
import org.eclipse.lsp4j.DocumentFormattingParams;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.LocationLink;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.MessageType;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.ReferenceParams;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.ServerInfo;
import org.eclipse.lsp4j.SymbolInformation;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentSyncKind;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageClientAware;
import org.eclipse.lsp4j.services.LanguageServer;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.eclipse.lsp4j.services.WorkspaceService;

/**
 * The language server. Edits only update the open buffers; the folder of an edited file is analysed
 * on a worker after a short pause ({@code debounce}), and a newer edit abandons an older analysis:
 * its thread is interrupted and its result is dropped, never published. Requests answer from the
 * newest finished analysis of the file's folder.
 */
public final class CiliaLanguageServer
    implements LanguageServer, LanguageClientAware, TextDocumentService, WorkspaceService {
  /** Milliseconds between the last edit and the analysis it starts. */
  static final int DEFAULT_DEBOUNCE_MS = 20;

  private final Map<Path, Project.Buffer> buffers = new ConcurrentHashMap<>();
  private final Map<Path, Snapshot> snapshots = new ConcurrentHashMap<>();
  private final Map<Path, Long> generations = new HashMap<>();
  private final Map<Path, Future<?>> pending = new HashMap<>();
  private final Map<Path, Set<Path>> published = new ConcurrentHashMap<>();
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(daemon("cilia-lsp-timer"));
  private final ExecutorService workers = Executors.newCachedThreadPool(daemon("cilia-lsp-check"));
  private volatile LanguageClient client;
  private volatile Optional<Path> workspaceRoot = Optional.empty();
  private volatile Optional<Target> cilium = Optional.empty();
  private volatile int debounceMs = DEFAULT_DEBOUNCE_MS;
  private volatile boolean shutdown;

  @Override
  public void connect(LanguageClient client) {
    this.client = client;
  }

  boolean shutdownRequested() {
    return shutdown;
  }

  // ---------------------------------------------------------------- lifecycle

  @Override
  public CompletableFuture<InitializeResult> initialize(InitializeParams params) {
    List<WorkspaceFolder> folders = params.getWorkspaceFolders();
    if (folders != null && !folders.isEmpty()) {
      workspaceRoot = Optional.of(Positions.path(folders.get(0).getUri()));
    } else if (params.getRootUri() != null) {
      workspaceRoot = Optional.of(Positions.path(params.getRootUri()));
    }
    settings(params.getInitializationOptions());
    ServerCapabilities capabilities = new ServerCapabilities();
    capabilities.setTextDocumentSync(TextDocumentSyncKind.Full);
    capabilities.setHoverProvider(true);
    capabilities.setDefinitionProvider(true);
    capabilities.setReferencesProvider(true);
    capabilities.setDocumentSymbolProvider(true);
    capabilities.setDocumentFormattingProvider(true);
    capabilities.setCodeActionProvider(true);
    capabilities.setCompletionProvider(new CompletionOptions(false, List.of()));
    return CompletableFuture.completedFuture(
        new InitializeResult(capabilities, new ServerInfo("ciliac", version())));
  }

  @Override
  public CompletableFuture<Object> shutdown() {
    shutdown = true;
    timer.shutdownNow();
    workers.shutdownNow();
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public void exit() {
    Stdio.exit(shutdown ? 0 : 1);
  }

  @Override
  public TextDocumentService getTextDocumentService() {
    return this;
  }

  @Override
  public WorkspaceService getWorkspaceService() {
    return this;
  }

  /** Reads {@code cilium} (a target such as {@code 1.16}) and {@code debounce} (ms). */
  private void settings(Object options) {
    if (!(options instanceof JsonObject json)) {
      return;
    }
    if (json.has("cilia") && json.get("cilia").isJsonObject()) {
      json = json.getAsJsonObject("cilia");
    }
    JsonElement target = json.get("cilium");
    if (target != null && target.isJsonPrimitive()) {
      String text = target.getAsString().strip();
      if (text.isEmpty()) {
        cilium = Optional.empty();
      } else if (Target.parse(text).isPresent()) {
        cilium = Target.parse(text);
      } else {
        log(MessageType.Warning, "cilia.cilium: " + Target.unsupported(text));
      }
    } else if (target != null && target.isJsonNull()) {
      cilium = Optional.empty();
    }
    JsonElement debounce = json.get("debounce");
    if (debounce != null
        && debounce.isJsonPrimitive()
        && debounce.getAsJsonPrimitive().isNumber()) {
      debounceMs = Math.max(0, Math.min(5000, debounce.getAsInt()));
    }
  }

  // ---------------------------------------------------------------- documents

  @Override
  public void didOpen(DidOpenTextDocumentParams params) {
    Path file = Positions.path(params.getTextDocument().getUri());
    buffers.put(
        file,
        new Project.Buffer(
            params.getTextDocument().getText(), params.getTextDocument().getVersion()));
    schedule(file.getParent());
  }

  @Override
  public void didChange(DidChangeTextDocumentParams params) {
    Path file = Positions.path(params.getTextDocument().getUri());
    List<TextDocumentContentChangeEvent> changes = params.getContentChanges();
    if (changes.isEmpty()) {
      return;
    }
    // Full sync: the last change holds the whole text.
    String text = changes.get(changes.size() - 1).getText();
    Integer version = params.getTextDocument().getVersion();
    buffers.put(file, new Project.Buffer(text, version == null ? 0 : version));
    schedule(file.getParent());
  }

  @Override
  public void didClose(DidCloseTextDocumentParams params) {
    Path file = Positions.path(params.getTextDocument().getUri());
    buffers.remove(file);
    schedule(file.getParent());
  }

  @Override
  public void didSave(DidSaveTextDocumentParams params) {
    Path file = Positions.path(params.getTextDocument().getUri());
    if (params.getText() != null && buffers.containsKey(file)) {
      buffers.put(file, new Project.Buffer(params.getText(), buffers.get(file).version()));
    }
    schedule(file.getParent());
  }

  @Override
  public void didChangeConfiguration(DidChangeConfigurationParams params) {
    settings(params.getSettings());
    snapshots.keySet().forEach(this::schedule);
  }

  @Override
  public void didChangeWatchedFiles(DidChangeWatchedFilesParams params) {
    params.getChanges().stream()
        .map(c -> Positions.path(c.getUri()).getParent())
        .distinct()
        .forEach(this::schedule);
  }

  // ---------------------------------------------------------------- analysis

  /** Analyses {@code folder} after the debounce, abandoning the analysis that was pending. */
  private synchronized void schedule(Path folder) {
    if (folder == null || shutdown) {
      return;
    }
    long generation = generations.merge(folder, 1L, Long::sum);
    Future<?> previous = pending.remove(folder);
    if (previous != null) {
      previous.cancel(true);
    }
    pending.put(
        folder,
        timer.schedule(
            () -> {
              synchronized (this) {
                if (generations.get(folder) != generation || shutdown) {
                  return;
                }
                pending.put(folder, workers.submit(() -> analyze(folder, generation)));
              }
            },
            debounceMs,
            TimeUnit.MILLISECONDS));
  }

  private void analyze(Path folder, long generation) {
    Snapshot snapshot;
    try {
      snapshot = Project.unproven(folder, root(folder), Map.copyOf(buffers), cilium);
      if (!offer(folder, generation, snapshot, true)) {
        return;
      }
      if (!snapshot.proven()) {
        Snapshot proven = Project.proven(snapshot);
        offer(folder, generation, proven, !proven.diagnostics().equals(snapshot.diagnostics()));
      }
    } catch (RuntimeException | StackOverflowError e) {
      log(MessageType.Error, "ciliac lsp: analysis of " + folder + " failed: " + e);
    }
  }

  /**
   * Keeps {@code snapshot} as the folder's newest and publishes it (when {@code publish}), unless a
   * newer edit has started a newer analysis; returns whether it was kept.
   */
  private synchronized boolean offer(
      Path folder, long generation, Snapshot snapshot, boolean publish) {
    if (generations.get(folder) != generation || Thread.currentThread().isInterrupted()) {
      return false;
    }
    snapshots.put(folder, snapshot);
    if (publish) {
      publish(folder, snapshot);
    }
    return true;
  }

  private void publish(Path folder, Snapshot snapshot) {
    for (String failure : snapshot.failures()) {
      log(MessageType.Error, "ciliac: " + failure);
    }
    LanguageClient c = client;
    if (c == null) {
      return;
    }
    Set<Path> now = new HashSet<>(snapshot.diagnostics().keySet());
    for (Path stale : published.getOrDefault(folder, Set.of())) {
      if (!now.contains(stale)) {
        c.publishDiagnostics(new PublishDiagnosticsParams(Positions.uri(stale), List.of()));
      }
    }
    snapshot
        .diagnostics()
        .forEach(
            (file, diagnostics) -> {
              PublishDiagnosticsParams params =
                  new PublishDiagnosticsParams(Positions.uri(file), Published.of(diagnostics));
              Integer version = snapshot.versions().get(file);
              if (version != null) {
                params.setVersion(version);
              }
              c.publishDiagnostics(params);
            });
    published.put(folder, now);
  }

  /** Imports may reach up to the workspace root when the folder is inside it. */
  private Path root(Path folder) {
    return workspaceRoot.filter(folder::startsWith).orElse(folder);
  }

  /** The newest analysis of the file's folder; the first one is made on the spot. */
  private Snapshot snapshot(Path file) {
    Path folder = file.getParent();
    Snapshot found = snapshots.get(folder);
    if (found != null) {
      return found;
    }
    Snapshot made = Project.analyze(folder, root(folder), Map.copyOf(buffers), cilium);
    snapshots.putIfAbsent(folder, made);
    return made;
  }

  private <T> CompletableFuture<T> answer(String uri, Function<Path, T> handler) {
    return CompletableFuture.supplyAsync(() -> handler.apply(Positions.path(uri)), workers);
  }

  // ---------------------------------------------------------------- requests

  @Override
  public CompletableFuture<Hover> hover(HoverParams params) {
    return answer(
        params.getTextDocument().getUri(),
        file -> {
          // Hover shows the proof: in the moment between the two publications, prove here.
          Snapshot snapshot = Project.proven(snapshot(file));
          return Hovers.hover(snapshot, file, params.getPosition()).orElse(null);
        });
  }

  @Override
  public CompletableFuture<Either<List<? extends Location>, List<? extends LocationLink>>>
      definition(DefinitionParams params) {
    return answer(
        params.getTextDocument().getUri(),
        file -> Either.forLeft(Navigation.definition(snapshot(file), file, params.getPosition())));
  }

  @Override
  public CompletableFuture<List<? extends Location>> references(ReferenceParams params) {
    boolean declaration = params.getContext() != null && params.getContext().isIncludeDeclaration();
    return answer(
        params.getTextDocument().getUri(),
        file -> Navigation.references(snapshot(file), file, params.getPosition(), declaration));
  }

  @Override
  public CompletableFuture<List<Either<SymbolInformation, DocumentSymbol>>> documentSymbol(
      DocumentSymbolParams params) {
    return answer(
        params.getTextDocument().getUri(),
        file ->
            Symbols.of(snapshot(file), file).stream()
                .map(Either::<SymbolInformation, DocumentSymbol>forRight)
                .toList());
  }

  @Override
  public CompletableFuture<Either<List<CompletionItem>, CompletionList>> completion(
      CompletionParams params) {
    return answer(
        params.getTextDocument().getUri(),
        file -> Either.forLeft(Completions.of(snapshot(file), file)));
  }

  @Override
  public CompletableFuture<List<? extends TextEdit>> formatting(DocumentFormattingParams params) {
    return answer(
        params.getTextDocument().getUri(),
        file -> {
          Project.Buffer buffer = buffers.get(file);
          return buffer == null ? List.of() : Edits.format(file, buffer.text());
        });
  }

  @Override
  public CompletableFuture<List<Either<Command, CodeAction>>> codeAction(CodeActionParams params) {
    return answer(
        params.getTextDocument().getUri(),
        file ->
            Edits.codeActions(snapshot(file), file, params.getRange()).stream()
                .map(Either::<Command, CodeAction>forRight)
                .toList());
  }

  // ---------------------------------------------------------------- helpers

  private void log(MessageType type, String message) {
    LanguageClient c = client;
    if (c != null) {
      c.logMessage(new MessageParams(type, message));
    }
  }

  /** The build's version, as {@code ciliac --version} prints it. */
  private static String version() {
    try (java.io.InputStream in =
        CiliaLanguageServer.class.getResourceAsStream("/dev/cilia/cli/version.properties")) {
      java.util.Properties properties = new java.util.Properties();
      if (in != null) {
        properties.load(in);
      }
      return properties.getProperty("version", "unknown");
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }

  private static ThreadFactory daemon(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }
}
