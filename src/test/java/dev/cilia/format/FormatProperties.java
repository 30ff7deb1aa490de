package dev.cilia.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cilia.check.Checker;
import dev.cilia.cilium.PolicyYaml;
import dev.cilia.cilium.model.CiliumPolicy;
import dev.cilia.lower.Lowered;
import dev.cilia.lower.Lowerer;
import dev.cilia.source.SourceFile;
import dev.cilia.syntax.Ast;
import dev.cilia.syntax.Parser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * {@code ciliac fmt} over the samples and variants of them with other blanks, line breaks and extra
 * comments: formatting is idempotent, keeps every comment, and never changes the YAML.
 */
class FormatProperties {
  static final Path SAMPLES = Path.of("samples").toAbsolutePath();

  /** A sample file and a variant of its text. */
  record Variant(Path path, String text) {
    @Override
    public String toString() {
      return SAMPLES.relativize(path) + ":\n" + text;
    }
  }

  /** Each sample's lexed text, once. */
  private static final Map<Path, Variants> VARIANTS = new ConcurrentHashMap<>();

  /** Each sample and the files it imports, read once. */
  private static final Map<Path, SourceFile> FILES = new ConcurrentHashMap<>();

  /** Every sample that parses, under samples/ and its subfolders. */
  static final List<Path> PARSING = samples(true);

  /** The samples that compile: those directly in samples/. */
  static final List<Path> COMPILING = samples(false);

  private static List<Path> samples(boolean all) {
    try (Stream<Path> files = all ? Files.walk(SAMPLES) : Files.list(SAMPLES)) {
      return files
          .filter(p -> p.toString().endsWith(".cilia"))
          .sorted()
          .filter(p -> Parser.parse(read(p)).file().isPresent())
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static SourceFile read(Path path) {
    return FILES.computeIfAbsent(path.toAbsolutePath().normalize(), FormatProperties::readFile);
  }

  private static SourceFile readFile(Path path) {
    try {
      return new SourceFile(path, SAMPLES.relativize(path).toString(), Files.readString(path));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Arbitrary<Variant> variantsOf(List<Path> samples) {
    return Arbitraries.of(samples)
        .flatMap(
            path -> {
              Variants variants = VARIANTS.computeIfAbsent(path, p -> new Variants(read(p).text()));
              Arbitrary<Tuple.Tuple2<Integer, Integer>> change =
                  Combinators.combine(
                          Arbitraries.integers().between(0, variants.gaps() - 1),
                          Arbitraries.integers().between(1, Variants.CHOICES - 1))
                      .as(Tuple::of);
              return change
                  .list()
                  .ofMaxSize(60)
                  .map(
                      changes -> {
                        Map<Integer, Integer> choices = new HashMap<>();
                        changes.forEach(c -> choices.put(c.get1(), c.get2()));
                        return new Variant(path, variants.mutate(choices));
                      });
            });
  }

  @Provide
  Arbitrary<Variant> anySample() {
    return variantsOf(PARSING);
  }

  @Provide
  Arbitrary<Variant> compilingSample() {
    return variantsOf(COMPILING);
  }

  static String format(Path path, String text) {
    Formatter.Result result = Formatter.format(new SourceFile(path, path.toString(), text));
    assertTrue(result.text().isPresent(), () -> "does not parse: " + result.diagnostics());
    return result.text().get();
  }

  /**
   * Formatting a formatted file changes nothing, and every comment is kept (only those inside a
   * construct written over several lines move).
   */
  @Property
  void fmtIsIdempotent(@ForAll("anySample") Variant variant) {
    String once = format(variant.path(), variant.text());
    assertEquals(once, format(variant.path(), once));
    assertEquals(comments(variant.text()), comments(once));
  }

  private static List<String> comments(String text) {
    Ast.CiliaFile file = Parser.parse(SourceFile.of("c.cilia", text)).file().orElseThrow();
    List<String> out = new ArrayList<>();
    file.comments().forEach(c -> out.add(c.text().strip()));
    Collections.sort(out);
    return out;
  }

  @Property
  void formattingNeverChangesTheCompiledYaml(@ForAll("compilingSample") Variant variant) {
    String formatted = format(variant.path(), variant.text());
    List<Document> original =
        ORIGINAL.computeIfAbsent(variant.path(), p -> compile(p, read(p).text()));
    List<Document> reformatted =
        formatted.equals(read(variant.path()).text())
            ? original
            : compile(variant.path(), formatted);
    if (!original.equals(reformatted)) {
      assertEquals(yaml(original), yaml(reformatted));
    }
  }

  /** One compiled policy: its file name and the document its YAML is written from. */
  record Document(String fileName, CiliumPolicy policy) {}

  /** What each sample compiles to as it is on disk. */
  private static final Map<Path, List<Document>> ORIGINAL = new ConcurrentHashMap<>();

  /**
   * The documents one file compiles to. The YAML is written from them alone, so equal documents
   * give equal bytes; the YAML is compared only to show a difference.
   */
  static List<Document> compile(Path path, String text) {
    SourceFile source = new SourceFile(path, path.getFileName().toString(), text);
    Checker.Result checked = Checker.check(List.of(source), SAMPLES, FormatProperties::read);
    assertFalse(checked.hasErrors(), () -> checked.diagnostics().toString());
    Lowerer.Result lowered = Lowerer.lower(checked.program(), Optional.empty());
    assertFalse(lowered.hasErrors(), () -> lowered.diagnostics().toString());
    List<Document> documents = new ArrayList<>();
    for (Lowered document : lowered.documents()) {
      documents.add(new Document(document.fileName(), document.document()));
    }
    return documents;
  }

  static String yaml(List<Document> documents) {
    StringBuilder out = new StringBuilder();
    for (Document document : documents) {
      out.append("--- ").append(document.fileName()).append('\n');
      out.append(PolicyYaml.write(document.policy()));
    }
    return out.toString();
  }
}
