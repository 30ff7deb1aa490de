package dev.cilia.ir;

import java.util.List;

/** What traffic a statement is about: port ranges, or every port and protocol when empty. */
public record Service(List<PortRange> ports) {
  public static final Service ALL = new Service(List.of());

  public Service {
    ports = List.copyOf(ports);
  }

  public boolean isAll() {
    return ports.isEmpty();
  }
}
