package dev.cilia.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.cilia.source.SourceFile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one reader of {@code .cilia} and YAML inputs that every command uses. */
class InputsTest {
  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text);
  }

  private static List<String> names(List<SourceFile> files) {
    return files.stream().map(SourceFile::displayName).toList();
  }

  @Test
  void eachFileIsReadOnceWhateverNamesIt() throws Exception {
    Path a = write("a.cilia", "");
    write("b.cilia", "");
    List<SourceFile> files =
        Inputs.read(List.of(a, dir, dir.resolve("./a.cilia"), dir.resolve("b.cilia")), false);
    assertEquals(List.of(a.toString(), dir.resolve("b.cilia").toString()), names(files));
  }

  @Test
  void foldersGiveTheirFilesOfTheWantedKindSortedAndSubfoldersOnlyWithRecursive() throws Exception {
    write("z.yaml", "");
    write("b.YML", "");
    write("a.cilia", "");
    write("notes.txt", "");
    write("sub/c.yaml", "");
    Files.createDirectories(dir.resolve("folder.yaml"));
    assertEquals(
        List.of(dir.resolve("b.YML"), dir.resolve("z.yaml")),
        Inputs.find(List.of(dir), false, EnumSet.of(Inputs.Kind.YAML)).yaml());
    Inputs.Found both =
        Inputs.find(List.of(dir), true, EnumSet.of(Inputs.Kind.CILIA, Inputs.Kind.YAML));
    assertEquals(List.of(dir.resolve("a.cilia")), both.cilia());
    assertEquals(
        List.of(dir.resolve("b.YML"), dir.resolve("sub/c.yaml"), dir.resolve("z.yaml")),
        both.yaml());
  }

  @Test
  void aFileOfTheOtherKindNamesTheCommandForIt() throws Exception {
    Path yaml = write("p.yaml", "");
    Path cilia = write("p.cilia", "");
    InputError check = assertThrows(InputError.class, () -> Inputs.read(List.of(yaml), false));
    assertEquals(
        "cannot read "
            + yaml
            + " as Cilia: it is YAML; use `ciliac lint` for CiliumNetworkPolicy"
            + " YAML",
        check.getMessage());
    InputError lint =
        assertThrows(
            InputError.class,
            () -> Inputs.readYaml(List.of(cilia), false, InputStream.nullInputStream()));
    assertEquals(
        "cannot read "
            + cilia
            + " as YAML: it is Cilia; use `ciliac check` (or `compile`) for .cilia files",
        lint.getMessage());
  }

  @Test
  void aFileWithoutAKnownEndingIsReadAsTheFirstWantedKind() throws Exception {
    Path other = write("policy.txt", "");
    assertEquals(List.of(other.toString()), names(Inputs.read(List.of(other), false)));
    Inputs.Found found =
        Inputs.find(List.of(other), false, EnumSet.of(Inputs.Kind.CILIA, Inputs.Kind.YAML));
    assertEquals(List.of(other), found.cilia());
  }

  @Test
  void anEmptyFolderOrNoArgumentIsAUsageError() throws Exception {
    Files.createDirectories(dir.resolve("empty"));
    Path empty = dir.resolve("empty");
    assertEquals(
        "no .cilia files in folder " + empty + " (use -R for subfolders)",
        assertThrows(InputError.class, () -> Inputs.read(List.of(empty), false)).getMessage());
    assertEquals(
        "no .yaml or .yml files in folder " + empty,
        assertThrows(
                InputError.class,
                () -> Inputs.readYaml(List.of(empty), true, InputStream.nullInputStream()))
            .getMessage());
    assertEquals(
        "no input files: name .cilia, .yaml or .yml files or folders that hold them",
        assertThrows(
                InputError.class,
                () -> Inputs.find(List.of(), false, EnumSet.allOf(Inputs.Kind.class)))
            .getMessage());
  }

  @Test
  void standardInputIsReadOnceAndBounded() throws Exception {
    Path file = write("a.yaml", "kind: x\n");
    List<SourceFile> files =
        Inputs.readYaml(
            List.of(Path.of("-"), file, Path.of("-")),
            false,
            new ByteArrayInputStream("kind: y\n".getBytes(StandardCharsets.UTF_8)));
    assertEquals(List.of("<stdin>", file.toString()), names(files));
    assertEquals("kind: y\n", files.get(0).text());
    byte[] big = new byte[(int) Inputs.MAX_FILE_BYTES + 1];
    assertEquals(
        "cannot read <stdin>: larger than 8 MiB",
        assertThrows(
                InputError.class,
                () -> Inputs.readYaml(List.of(Path.of("-")), false, new ByteArrayInputStream(big)))
            .getMessage());
  }

  @Test
  void aBufferIsAnInputEvenWhenItIsNotOnDisk() throws Exception {
    Path unsaved = dir.resolve("unsaved.cilia").toAbsolutePath().normalize();
    List<SourceFile> files = Inputs.read(List.of(unsaved), false, Map.of(unsaved, "# open\n"));
    assertEquals("# open\n", files.get(0).text());
  }

  @Test
  void onlyRegularFilesAreRead() throws Exception {
    Path sub = dir.resolve("sub.cilia");
    Files.createDirectories(sub);
    write("a.cilia", "");
    assertEquals(
        List.of(dir.resolve("a.cilia").toString()), names(Inputs.read(List.of(dir), false)));
  }
}
