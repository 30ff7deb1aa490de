package dev.cilia.driver;

import dev.cilia.eval.Endpoint;
import dev.cilia.eval.Protocol;
import dev.cilia.flows.Addresses;
import dev.cilia.flows.FlowSet;
import dev.cilia.flows.ObservedFlow;
import dev.cilia.flows.Peer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads flow files for replay and suggest, and turns observed peers into evaluator endpoints. */
final class ObservedTraffic {
  private ObservedTraffic() {}

  /**
   * Reads every flow input; {@code -} is {@code stdin}. A folder gives its {@code .json}, {@code
   * .jsonl} and {@code .gz} files, recursively, sorted.
   */
  static FlowSet read(List<String> inputs, InputStream stdin) throws InputError {
    if (inputs.isEmpty()) {
      throw new InputError("no flow files: give --flows FILE (or - for stdin)");
    }
    FlowSet set = new FlowSet();
    for (String input : inputs) {
      if (input.equals("-")) {
        try {
          set.read("<stdin>", stdin);
        } catch (IOException e) {
          throw new InputError("cannot read flows from stdin: " + Inputs.reason(e));
        }
        continue;
      }
      for (Path file : files(Path.of(input))) {
        try (InputStream in = Files.newInputStream(file)) {
          set.read(file.toString(), in);
        } catch (IOException e) {
          throw new InputError("cannot read flow file " + file + ": " + Inputs.reason(e));
        }
      }
    }
    return set;
  }

  static List<Path> files(Path input) throws InputError {
    if (!Files.exists(input)) {
      throw new InputError("cannot read flow file " + input + ": no such file or folder");
    }
    if (!Files.isDirectory(input)) {
      return List.of(input);
    }
    try (var walk = Files.walk(input)) {
      List<Path> found =
          walk.filter(Files::isRegularFile)
              .filter(
                  p -> {
                    String n = p.getFileName().toString();
                    return n.endsWith(".json") || n.endsWith(".jsonl") || n.endsWith(".gz");
                  })
              .sorted()
              .toList();
      if (found.isEmpty()) {
        throw new InputError("no .json, .jsonl or .gz flow files in folder " + input);
      }
      return found;
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new InputError("cannot read folder " + input + ": " + e.getMessage());
    }
  }

  /** The evaluator endpoints a peer stands for: a world address also by each of its names. */
  static List<Endpoint> endpoints(Peer peer) {
    if (peer instanceof Peer.Workload w) {
      return List.of(new Endpoint.Pod(w.namespace(), w.labels(), w.namespaceLabels()));
    }
    if (peer instanceof Peer.Entity e) {
      return List.of(new Endpoint.Entity(e.name()));
    }
    if (peer instanceof Peer.World w) {
      List<Endpoint> out = new ArrayList<>();
      Addresses.parse(w.address()).ifPresent(a -> out.add(new Endpoint.Ip(a)));
      for (String name : w.names()) {
        out.add(new Endpoint.Fqdn(name));
      }
      return out;
    }
    throw new AssertionError(peer);
  }

  static Protocol protocol(ObservedFlow flow) {
    return Protocol.parse(flow.protocol())
        .orElseThrow(() -> new AssertionError(flow.protocol().toUpperCase(Locale.ROOT)));
  }
}
