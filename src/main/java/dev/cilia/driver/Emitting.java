package dev.cilia.driver;

import dev.cilia.cilium.PolicyYaml;
import dev.cilia.diag.Diagnostic;
import dev.cilia.diag.Diagnostics;
import dev.cilia.emit.Emitted;
import dev.cilia.emit.Emitter;
import dev.cilia.lower.Lowered;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stages emit and validate of one run, a document at a time as lowering hands them on: the YAML
 * text, read back once, checked against the target's schema and the agent. Documents do not depend
 * on each other, so on a machine with more than one core a few helper threads take some of them
 * while the compiling thread lowers and emits the others; a document waits for a helper only while
 * fewer than {@link #MAX_QUEUED} do, so the run never holds many lowered documents at once, and the
 * first {@link #ALONE} stay on the compiling thread, so that a small run starts no thread. The
 * results, diagnostics and failures are taken in document order, whichever thread made them: the
 * output is the same as on one thread.
 */
final class Emitting {
  /** Helper threads: one fewer than the cores, at most three; none on one core. */
  static final int HELPERS =
      Math.max(0, Math.min(Runtime.getRuntime().availableProcessors() - 1, 3));

  /**
   * A run of at most this many documents stays on the compiling thread ({@code check} of a file).
   */
  private static final int ALONE = 4;

  /** Documents waiting for or being emitted by a helper, at most. */
  private static final int MAX_QUEUED = 4 * Math.max(1, HELPERS);

  /** The helper threads, made when a run first needs them (a small run never does). */
  private static final class Helpers {
    static final ExecutorService POOL =
        Executors.newFixedThreadPool(
            HELPERS,
            r -> {
              Thread t = new Thread(r, Compilation.HELPER_THREAD);
              t.setDaemon(true);
              return t;
            });
  }

  private final List<Document> documents = new ArrayList<>();
  private final AtomicInteger queued = new AtomicInteger();

  /** What one document became, and where it failed if it did. */
  private static final class Document {
    private Lowered lowered;
    private final Diagnostics diagnostics = new Diagnostics();
    private Emitted emitted;
    private String stage = "emit";
    private String location;
    private Throwable failure;
    private Future<?> running;

    Document(Lowered lowered) {
      this.lowered = lowered;
    }

    void run() {
      Lowered l = lowered;
      lowered = null;
      try {
        location = l.policy().span().location();
        String yaml = PolicyYaml.write(l.document());
        if (!DocumentSize.fits(l, yaml, diagnostics)) {
          return;
        }
        Emitted e = Emitter.emit(l, yaml);
        stage = "validate";
        Validation.check(e, diagnostics);
        emitted = e.validated();
      } catch (RuntimeException | Error t) {
        failure = t;
      }
    }
  }

  /** A document that failed to emit or validate: the stage, the place and what was thrown. */
  static final class Failed extends Exception {
    private static final long serialVersionUID = 1L;

    final String stage;
    final String location;

    Failed(String stage, String location, Throwable cause) {
      super(cause.toString(), cause, false, false);
      this.stage = stage;
      this.location = location;
    }
  }

  /** Emits and validates {@code lowered}, here or on a helper thread. */
  void add(Lowered lowered) {
    Document d = new Document(lowered);
    documents.add(d);
    if (HELPERS > 0 && documents.size() > ALONE && queued.get() < MAX_QUEUED) {
      queued.incrementAndGet();
      d.running =
          Helpers.POOL.submit(
              () -> {
                try {
                  d.run();
                } finally {
                  queued.decrementAndGet();
                }
              });
    } else {
      d.run();
    }
  }

  /**
   * Waits for every document, then gives the emitted ones and their diagnostics, in the order they
   * were added.
   *
   * @throws Failed for the first document, in that order, whose stages threw
   */
  List<Emitted> finish(Diagnostics into) throws Failed {
    boolean interrupted = false;
    List<Emitted> out = new ArrayList<>(documents.size());
    try {
      for (Document d : documents) {
        interrupted |= await(d);
      }
      for (Document d : documents) {
        if (d.failure != null) {
          throw new Failed(d.stage, d.location, d.failure);
        }
        List<Diagnostic> found = d.diagnostics.sorted();
        into.addAll(found);
        if (d.emitted != null) {
          out.add(d.emitted);
        }
      }
      return out;
    } finally {
      if (interrupted) {
        // Documents take milliseconds: the wait finishes, and whoever interrupted is told.
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Waits for a helper's document; true when the wait was interrupted. */
  private static boolean await(Document d) {
    if (d.running == null) {
      return false;
    }
    boolean interrupted = false;
    while (true) {
      try {
        d.running.get();
        return interrupted;
      } catch (InterruptedException e) {
        interrupted = true;
      } catch (ExecutionException e) {
        // Document.run catches what its stages throw; anything else is the pool's.
        d.failure = e.getCause();
        return interrupted;
      }
    }
  }
}
