package dev.cilia.driver;

import dev.cilia.source.SourceFile;
import dev.cilia.source.Span;
import dev.cilia.syntax.Ast;
import dev.cilia.syntax.Parser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What an editor needs to navigate one file: its declarations, the names it uses, its imports and
 * the label keys it writes. Read from the syntax tree alone; empty when the file does not parse.
 */
public record Outline(
    SourceFile file,
    boolean parsed,
    List<Symbol> symbols,
    List<Use> uses,
    List<Import> imports,
    Optional<Word> cilium,
    List<String> labelKeys) {
  public Outline {
    symbols = List.copyOf(symbols);
    uses = List.copyOf(uses);
    imports = List.copyOf(imports);
    labelKeys = List.copyOf(labelKeys);
  }

  /** What a declaration is. */
  public enum Kind {
    POLICY,
    TEST,
    LET,
    STATEMENT
  }

  /** A word of the file and where it is. */
  public record Word(String text, Span span) {}

  /**
   * A declaration: {@code span} covers all of it, {@code name} the word that names it; statements
   * are the children of their policy.
   */
  public record Symbol(Kind kind, Word name, Span span, List<Symbol> children) {
    public Symbol {
      children = List.copyOf(children);
    }

    /** For a {@code let}: the text after {@code =}. */
    public String value() {
      String text = span.text();
      int eq = text.indexOf('=');
      return eq < 0 ? "" : text.substring(eq + 1).strip();
    }
  }

  /** A name used where a preset, builtin or {@code let} may stand. */
  public record Use(Word name) {}

  /** An {@code import "path"}: the string's span and the file it names. */
  public record Import(Span span, String written, Path target) {}

  /** Parses {@code file}; an outline without symbols when it has syntax errors. */
  public static Outline of(SourceFile file) {
    Optional<Ast.CiliaFile> tree;
    try {
      tree = Parser.parse(file).file();
    } catch (RuntimeException | StackOverflowError e) {
      tree = Optional.empty();
    }
    if (tree.isEmpty()) {
      return new Outline(file, false, List.of(), List.of(), List.of(), Optional.empty(), List.of());
    }
    Walker walker = new Walker(file);
    walker.file(tree.get());
    return new Outline(
        file,
        true,
        walker.symbols,
        walker.uses,
        walker.imports,
        walker.cilium,
        List.copyOf(walker.labelKeys));
  }

  /** The {@code let}s of this file. */
  public List<Symbol> lets() {
    return symbols.stream().filter(s -> s.kind() == Kind.LET).toList();
  }

  /** The innermost symbol (a statement before its policy) whose span holds {@code offset}. */
  public Optional<Symbol> symbolAt(int offset) {
    for (Symbol s : symbols) {
      if (contains(s.span(), offset)) {
        for (Symbol child : s.children()) {
          if (contains(child.span(), offset)) {
            return Optional.of(child);
          }
        }
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  /** The used name at {@code offset}, if there is one. */
  public Optional<Use> useAt(int offset) {
    return uses.stream().filter(u -> contains(u.name().span(), offset)).findFirst();
  }

  /** The import whose string holds {@code offset}. */
  public Optional<Import> importAt(int offset) {
    return imports.stream().filter(i -> contains(i.span(), offset)).findFirst();
  }

  /** Whether {@code offset} is inside {@code span} or just past its end (a cursor after a word). */
  public static boolean contains(Span span, int offset) {
    return offset >= span.start() && offset <= span.end();
  }

  private static final class Walker {
    final SourceFile file;
    final List<Symbol> symbols = new ArrayList<>();
    final List<Use> uses = new ArrayList<>();
    final List<Import> imports = new ArrayList<>();
    final TreeSet<String> labelKeys = new TreeSet<>();
    Optional<Word> cilium = Optional.empty();

    Walker(SourceFile file) {
      this.file = file;
    }

    void file(Ast.CiliaFile tree) {
      for (Ast.Decl decl : tree.decls()) {
        if (decl instanceof Ast.CiliumDecl c) {
          cilium = Optional.of(word(c.version()));
        } else if (decl instanceof Ast.ImportDecl i) {
          Path target = file.path().toAbsolutePath().normalize().resolveSibling(i.path().value());
          imports.add(new Import(i.path().span(), i.path().value(), target.normalize()));
        } else if (decl instanceof Ast.LetDecl l) {
          symbols.add(new Symbol(Kind.LET, word(l.name()), l.span(), List.of()));
          letValue(l.value());
        } else if (decl instanceof Ast.ResolverDecl r) {
          peer(r.peer());
        } else if (decl instanceof Ast.PolicyDecl p) {
          List<Symbol> children = new ArrayList<>();
          for (Ast.Stmt stmt : p.body()) {
            statement(stmt, children);
          }
          symbols.add(new Symbol(Kind.POLICY, word(p.name()), p.span(), children));
        } else if (decl instanceof Ast.TestDecl t) {
          selector(t.selector());
          for (Ast.Expect expect : t.expects()) {
            if (expect instanceof Ast.ExpectFlow f) {
              services(f.services());
              if (f.target() instanceof Ast.NamedTarget n) {
                uses.add(new Use(word(n.name())));
              } else if (f.target() instanceof Ast.PodsTarget pods) {
                selector(pods.selector());
              }
            }
          }
          symbols.add(
              new Symbol(
                  Kind.TEST, new Word(t.title().value(), t.title().span()), t.span(), List.of()));
        }
      }
    }

    void statement(Ast.Stmt stmt, List<Symbol> children) {
      if (stmt instanceof Ast.RuleStmt r) {
        services(r.services());
        peer(r.peer());
        String name = r.span().text().lines().findFirst().orElse("").strip();
        children.add(
            new Symbol(Kind.STATEMENT, new Word(name, r.keyword().span()), r.span(), List.of()));
      } else if (stmt instanceof Ast.LabelStmt l) {
        labelKeys.add(l.key().text());
      } else if (stmt instanceof Ast.Select s) {
        if (s.target() instanceof Ast.SelectPods p) {
          selector(p.selector());
        } else if (s.target() instanceof Ast.SelectNamespace n) {
          n.pods().ifPresent(this::selector);
        } else if (s.target() instanceof Ast.SelectNamespaces n) {
          selector(n.selector());
        }
      } else if (stmt instanceof Ast.ObserveHttp o) {
        o.peer().ifPresent(this::peer);
      } else if (stmt instanceof Ast.ResolverStmt r) {
        peer(r.peer());
      }
    }

    void letValue(Ast.LetValue value) {
      if (value instanceof Ast.LetPeer p) {
        peer(p.peer());
      } else if (value instanceof Ast.LetServices s) {
        services(s.services());
      } else if (value instanceof Ast.LetAlias a) {
        uses.add(new Use(word(a.target())));
      }
    }

    void services(List<Ast.ServiceItem> items) {
      for (Ast.ServiceItem item : items) {
        if (item instanceof Ast.NamedService n) {
          uses.add(new Use(word(n.name())));
        }
      }
    }

    void peer(Ast.PeerExpr expr) {
      for (Ast.Peer peer : expr.alternatives()) {
        if (peer instanceof Ast.NamedPeer n) {
          uses.add(new Use(word(n.name())));
        } else if (peer instanceof Ast.PodsPeer p) {
          selector(p.selector());
        } else if (peer instanceof Ast.NamespacesPeer n) {
          selector(n.selector());
        }
      }
    }

    void selector(Ast.Selector selector) {
      for (Ast.Term term : selector.terms()) {
        labelKeys.add(term.key().text());
      }
    }

    static Word word(Ast.Word w) {
      return new Word(w.text(), w.span());
    }
  }
}
