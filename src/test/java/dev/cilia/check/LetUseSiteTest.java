package dev.cilia.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cilia.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code let} whose value is wrong where it is used is reported at that use, with the {@code let}
 * as the related place, also when the {@code let} is in an imported file.
 */
class LetUseSiteTest {
  @TempDir Path dir;

  Cli.Run check(String file) {
    return Cli.run("check", dir.resolve(file).toString());
  }

  /** The text renderer's related note: its message, then where. */
  String note(String message, String file, int line, int column) {
    return "note: " + message + "\n     --> " + dir.resolve(file) + ":" + line + ":" + column;
  }

  @Test
  void anFqdnLetUsedWithFromPointsAtTheUse() throws Exception {
    Files.writeString(
        dir.resolve("main.cilia"),
        """
        let api = fqdn "api.example.com"
        policy web in namespace shop {
          allow https to api
          allow https from api
        }
        """);
    Cli.Run run = check("main.cilia");
    assertEquals(1, run.exitCode(), run.err());
    assertTrue(
        run.err()
            .contains(
                dir.resolve("main.cilia")
                    + ":4:20: error[CIL0222]: `api` holds an `fqdn` peer, which can only be a"
                    + " destination"),
        run.err());
    assertTrue(run.err().contains(note("`api` is defined here", "main.cilia", 1, 5)), run.err());
    assertTrue(run.err().contains("1 error\n"), run.err());
  }

  @Test
  void anFqdnLetDeniedAcrossAnImportNamesTheUsingFile() throws Exception {
    Files.writeString(
        dir.resolve("names.cilia"), "let other = evil\nlet evil = fqdn \"evil.example.com\"\n");
    Files.writeString(
        dir.resolve("main.cilia"),
        """
        import "names.cilia"
        policy web in namespace shop {
          deny https to pods app=x or other
        }
        """);
    Cli.Run run = check("main.cilia");
    assertEquals(1, run.exitCode(), run.err());
    assertTrue(
        run.err()
            .contains(
                dir.resolve("main.cilia")
                    + ":3:31: error[CIL0229]: `other` holds an `fqdn` peer, which cannot be"
                    + " denied"),
        run.err());
    assertTrue(run.err().contains(note("`other` is defined here", "names.cilia", 1, 5)), run.err());
    assertTrue(
        run.err().contains(note("the peer is written here", "names.cilia", 2, 12)), run.err());
    assertTrue(run.err().contains("1 error\n"), run.err());
  }

  @Test
  void aServiceLetAsResolverPointsAtTheUse() throws Exception {
    Files.writeString(
        dir.resolve("main.cilia"),
        """
        let db = service db in namespace data
        policy web in namespace shop {
          resolver db
          allow https to world
        }
        """);
    Cli.Run run = check("main.cilia");
    assertEquals(1, run.exitCode(), run.err());
    assertTrue(
        run.err()
            .contains(
                dir.resolve("main.cilia")
                    + ":3:12: error[CIL0223]: `db` holds a `service` peer; a resolver must be"
                    + " pods, an address or an entity"),
        run.err());
    assertTrue(run.err().contains(note("`db` is defined here", "main.cilia", 1, 5)), run.err());
  }

  @Test
  void aLetInTermsOfItselfThroughItsPeersIsACycle() throws Exception {
    Files.writeString(
        dir.resolve("main.cilia"),
        """
        let a = pods app=x or b
        let b = a
        let s = tcp 80, s
        policy web in namespace shop {
          allow s to a
        }
        """);
    Cli.Run run = check("main.cilia");
    assertEquals(1, run.exitCode(), run.err());
    assertTrue(run.err().contains("`a` is defined in terms of itself"), run.err());
    assertTrue(run.err().contains("`s` is defined in terms of itself"), run.err());
  }
}
