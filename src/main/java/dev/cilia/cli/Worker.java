package dev.cilia.cli;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntSupplier;

/**
 * Runs a command on a thread with a large stack (256 MiB, reserved, not committed), so that inputs
 * nested thousands deep (import chains, parenthesised peers, YAML) fit; what still overflows is
 * reported as CIL0901 by the caller.
 */
final class Worker {
  static final long STACK_BYTES = 256L << 20;

  private Worker() {}

  static int run(IntSupplier command) {
    AtomicInteger code = new AtomicInteger(ExitCode.USAGE);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread thread =
        new Thread(
            null,
            () -> {
              try {
                code.set(command.getAsInt());
              } catch (RuntimeException | Error e) {
                failure.set(e);
              }
            },
            "ciliac",
            STACK_BYTES);
    thread.start();
    boolean interrupted = false;
    while (true) {
      try {
        thread.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    Throwable thrown = failure.get();
    if (thrown instanceof RuntimeException r) {
      throw r;
    }
    if (thrown instanceof Error e) {
      throw e;
    }
    return code.get();
  }
}
