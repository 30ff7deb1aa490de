package dev.cilia.check;

import dev.cilia.check.Scopes.Kind;
import dev.cilia.check.Scopes.LetDef;
import dev.cilia.check.Scopes.Scope;
import dev.cilia.diag.Code;
import dev.cilia.diag.Diagnostics;
import dev.cilia.ir.PortRange;
import dev.cilia.ir.Service;
import dev.cilia.ir.Transport;
import dev.cilia.syntax.Ast;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Services: protocols and ports, {@code ftp passive}, presets and {@code let} names of services.
 */
final class ServiceChecker {
  /** The context of a service {@code let}: services depend on nothing around their use. */
  private static final Object EVERYWHERE = Kind.SERVICE;

  private final Diagnostics diagnostics;
  private final Lets lets;

  /** How a service {@code let} is read. */
  private final Lets.Reader<Service> reader =
      new Lets.Reader<>() {
        @Override
        public Optional<Service> value(Ast.LetValue value, Scope there) {
          return service(((Ast.LetServices) value).services(), there);
        }

        @Override
        public Optional<Service> name(Ast.Word name, Scope there) {
          return named(name, there);
        }
      };

  ServiceChecker(Diagnostics diagnostics, Lets lets) {
    this.diagnostics = diagnostics;
    this.lets = lets;
  }

  /** A {@code let} of services, checked where it is written. */
  void validate(LetDef def, Ast.LetServices value) {
    lets.validate(def, () -> service(value.services(), lets.scopeOf(def)));
  }

  Optional<Service> service(List<Ast.ServiceItem> items, Scope scope) {
    List<PortRange> ports = new ArrayList<>();
    boolean ok = true;
    Optional<Transport> lastProtocol = Optional.empty();
    String lastPreset = "";
    for (Ast.ServiceItem item : items) {
      if (item instanceof Ast.ProtocolPorts p) {
        Transport protocol = Transport.valueOf(p.protocol().text().toUpperCase(Locale.ROOT));
        lastProtocol = Optional.of(protocol);
        ok &= add(portRange(protocol, p.ports()), ports);
      } else if (item instanceof Ast.BarePort b) {
        if (lastProtocol.isEmpty()) {
          String hint =
              lastPreset.isEmpty()
                  ? "write the protocol first: `tcp " + b.ports().text() + "`"
                  : "write `" + lastPreset + ", tcp " + b.ports().text() + "`";
          diagnostics.error(
              Code.CIL0218,
              b.span(),
              "port `" + b.ports().text() + "` has no protocol before it",
              hint);
          ok = false;
          continue;
        }
        ok &= add(portRange(lastProtocol.get(), b.ports()), ports);
      } else if (item instanceof Ast.Ftp f) {
        lastProtocol = Optional.empty();
        lastPreset = "ftp passive …";
        if (f.passiveRange().isEmpty()) {
          diagnostics.error(
              Code.CIL0203,
              f.keyword().span(),
              "`ftp` needs its passive data ports",
              "write `ftp passive 30000-30100` with the server's passive port range");
          ok = false;
          continue;
        }
        ports.add(PortRange.single(Transport.TCP, 21));
        ok &= add(portRange(Transport.TCP, f.passiveRange().get()), ports);
      } else if (item instanceof Ast.NamedService n) {
        lastProtocol = Optional.empty();
        lastPreset = n.name().text();
        Optional<Service> named = named(n.name(), scope);
        ok &= named.isPresent();
        named.ifPresent(s -> ports.addAll(s.ports()));
      } else {
        throw new AssertionError(item);
      }
    }
    return ok
        ? Optional.of(new Service(List.copyOf(new LinkedHashSet<>(ports))))
        : Optional.empty();
  }

  private static boolean add(Optional<PortRange> range, List<PortRange> ports) {
    range.ifPresent(ports::add);
    return range.isPresent();
  }

  /** A preset or a {@code let} of services. */
  private Optional<Service> named(Ast.Word name, Scope scope) {
    String text = name.text();
    if (scope.refused.contains(text)) {
      return Optional.empty();
    }
    List<PortRange> preset = Builtins.PRESETS.get(text);
    if (preset != null) {
      return Optional.of(new Service(preset));
    }
    if (Builtins.isBuiltinPeer(text)) {
      diagnostics.error(
          Code.CIL0202,
          name.span(),
          "expected a service, found peer `" + text + "`",
          "a service is a preset such as `https` or ports such as `tcp 443`; peers go after"
              + " `to` or `from`");
      return Optional.empty();
    }
    return lets.find(
            name,
            scope,
            Kind.SERVICE,
            () ->
                Suggestions.service(text, Scopes.serviceNames(scope))
                    .orElse(
                        "use a preset (https, postgres, oracle, …), ports such as `tcp 8443`, or"
                            + " a `let` name"))
        .flatMap(def -> lets.read(def, EVERYWHERE, reader));
  }

  /** A port or a range {@code LOW-HIGH} of {@code protocol} (CIL0213, CIL0214, CIL0230). */
  Optional<PortRange> portRange(Transport protocol, Ast.Word word) {
    String text = word.text();
    int dash = text.indexOf('-');
    String lowText = dash < 0 ? text : text.substring(0, dash);
    String highText = dash < 0 ? text : text.substring(dash + 1);
    if (!Values.isDigits(lowText) || !Values.isDigits(highText)) {
      diagnostics.error(
          Code.CIL0230,
          word.span(),
          "expected a port or a port range, found `" + text + "`",
          "write a number from 1 to 65535, or a range such as `9000-9100`");
      return Optional.empty();
    }
    Optional<Integer> low = Values.port(lowText);
    Optional<Integer> high = Values.port(highText);
    if (low.isEmpty() || high.isEmpty()) {
      diagnostics.error(
          Code.CIL0213,
          word.span(),
          "port `" + (low.isEmpty() ? lowText : highText) + "` is out of range",
          "ports are 1 to 65535");
      return Optional.empty();
    }
    if (low.get() > high.get()) {
      diagnostics.error(
          Code.CIL0214,
          word.span(),
          "port range `" + text + "` starts above its end",
          "write `" + high.get() + "-" + low.get() + "`");
      return Optional.empty();
    }
    return Optional.of(PortRange.of(protocol, low.get(), high.get()));
  }
}
