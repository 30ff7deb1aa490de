package dev.cilia.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cilia.source.SourceFile;
import org.junit.jupiter.api.Test;

/** The canonical layout of docs/formatting.md, rule by rule. */
class FormatterTest {
  static String format(String text) {
    Formatter.Result result = Formatter.format(SourceFile.of("test.cilia", text));
    assertTrue(result.text().isPresent(), () -> "does not parse: " + result.diagnostics());
    String formatted = result.text().get();
    Formatter.Result again = Formatter.format(SourceFile.of("test.cilia", formatted));
    assertEquals(formatted, again.text().orElseThrow(), "formatting is idempotent");
    return formatted;
  }

  static void assertFormats(String expected, String input) {
    assertEquals(expected, format(input));
  }

  @Test
  void everyConstructGetsCanonicalSpacing() {
    assertFormats(
        """
        cilium 1.16
        import "common.cilia"
        resolver pods k8s-app=coredns in namespace dns
        policy api in namespace shop {
          description "the \\"shop\\" API"
          label team=shop
          select app=api, tier in (web, api), track!=canary, !legacy, gpu, zone notin (a, "")
          enforce
          enforce egress
          enforce ingress
          enforce dns
          observe dns "*", "*.example.com"
          observe http on 80, 8080
          observe http on 8080 from namespace frontend
          allow tcp 80, 9000-9100, udp 53, https, pg to world or cluster
          allow ftp passive 30000-30100 to fqdn "ftp.example.com"
          allow to cidr 10.0.0.0/8 except 10.1.0.0/16, 10.2.0.0/16
          allow to ip 10.20.30.5 or entity health or service api in namespace shop
          allow to namespaces team=a or pods app=db or pods app=db in namespace data
          deny sctp 2905 from namespace other
          resolver kube-dns
        }
        clusterwide policy everywhere {
          select namespace shop pods app=web
          select namespaces team
        }
        test "t" for pods app=web, tier=api in namespace shop {
          expect allow tcp 443 to fqdn "api.example.com"
          expect deny  any 53 from ip 10.0.0.1
          expect visible tcp 8080 to pods app=web in namespace shop
          expect visible dns "api.example.com"
          expect allow tcp 6443 to kube-apiserver
        }
        """,
        """
        cilium    1.16
        import   "common.cilia"
        resolver pods k8s-app = coredns in   namespace dns
        policy   api in namespace shop{description "the \\"shop\\" API"
        label team = shop
              select app==api,tier in(web,api) ,track != canary,! legacy,gpu,zone notin ( a , "" )
        enforce enforce egress enforce   ingress enforce  dns
        observe dns "*","*.example.com"
        observe http on 80,8080
        observe  http  on  8080  from  namespace  frontend
        allow tcp 80,9000-9100,udp 53,https,pg to world   or   cluster
        allow ftp   passive 30000-30100 to fqdn "ftp.example.com"
        allow to cidr 10.0.0.0/8 except 10.1.0.0/16,10.2.0.0/16
        allow to ip 10.20.30.5 or entity health or service api in namespace shop
        allow to namespaces team=a or pods app=db or pods app=db in namespace data
        deny sctp 2905 from namespace other
        resolver kube-dns }
        clusterwide policy everywhere { select namespace shop pods app=web
        select namespaces team }
        test "t" for pods app=web,tier=api in namespace shop {
        expect allow tcp 443 to fqdn "api.example.com"
        expect deny any 53 from ip 10.0.0.1
        expect   visible tcp 8080 to pods app=web in namespace shop
        expect visible  dns "api.example.com"
        expect allow tcp 6443 to kube-apiserver }
        """);
  }

  @Test
  void wordsAndStringsKeepTheirSpelling() {
    assertFormats(
        """
        policy p.v2 in namespace n {
          label team=""
          select app="web", k8s:io.cilium/x="a_b.c"
          allow to cidr 2001:db8::/32
          description "tab\\\\t and \\"quotes\\""
        }
        """,
        """
        policy p.v2 in namespace n {
          label team = ""
          select app = "web", k8s:io.cilium/x="a_b.c"
          allow to cidr 2001:db8::/32
          description "tab\\\\t and \\"quotes\\""
        }
        """);
  }

  @Test
  void keywordsAsNamesStayNames() {
    assertFormats(
        """
        let test = namespace policy
        policy select in namespace allow {
          select namespace=in, pods in (to, from)
          allow to namespace test
        }
        """,
        """
        let test = namespace policy
        policy select in namespace allow { select namespace = in, pods in (to, from)
        allow to namespace test }
        """);
  }

  @Test
  void letsInARunAlignTheirEqualsSigns() {
    assertFormats(
        """
        let oracle-prod = cidr 10.20.30.0/24
        # the ledger database
        let ledger      = pods app=ledger in namespace finance
        let pg          = tcp 5432, 6432

        let a   = namespace a
        let bbb = namespace b
        cilium 1.16
        let c = namespace c
        """,
        """
        let oracle-prod=cidr 10.20.30.0/24
        # the ledger database
        let ledger = pods app=ledger in namespace finance
        let pg = tcp 5432,6432


        let a = namespace a
        let bbb     = namespace b
        cilium 1.16
        let c    = namespace c
        """);
  }

  @Test
  void aBlankLineBeforeACommentEndsTheRun() {
    assertFormats(
        """
        let a   = namespace a
        let bbb = namespace b

        # next group
        let cc = namespace c
        """,
        """
        let a = namespace a
        let bbb = namespace b

        # next group
        let cc = namespace c
        """);
  }

  @Test
  void blankLinesAreKeptAsAtMostOne() {
    assertFormats(
        """
        cilium 1.16

        policy a in namespace n {
          select app=a

          allow to world
          deny to cluster
        }
        policy b in namespace n {
        }
        """,
"""


cilium 1.16



policy a in namespace n {

  select app=a



  allow to world
  deny to cluster

}
policy b in namespace n {

}


""");
  }

  @Test
  void trailingCommentsStartInColumn47OrTwoSpacesAfterLongCode() {
    String formatted =
        format(
            """
            cilium 1.16 # target
            policy a in namespace n { # header
              allow tcp 80, 443, 8080, 8443, 9000-9100 to fqdn "api.example.com" # long
            } # end
            """);
    assertEquals(
        """
        cilium 1.16                                   # target
        policy a in namespace n {                     # header
          allow tcp 80, 443, 8080, 8443, 9000-9100 to fqdn "api.example.com"  # long
        }                                             # end
        """,
        formatted);
    assertEquals(47, formatted.lines().findFirst().orElseThrow().indexOf('#') + 1);
  }

  @Test
  void fullLineCommentsStayAboveWhatFollowsThem() {
    assertFormats(
        """
        # file header

        # about the policy
        policy a in namespace n {
          # about select
          select app=a
          # odd indentation

          # before the brace
        }
        # at the end
        """,
        """
           # file header

        # about the policy
        policy a in namespace n {
        # about select
                select app=a
            # odd indentation

            # before the brace
        }
              # at the end
        """);
  }

  @Test
  void commentsInsideAConstructWrittenOverSeveralLinesGoAboveIt() {
    assertFormats(
        """
        # inside the header
        policy api in namespace shop {                # the shop's API
          # plain
          # web ports
          allow tcp 80, 443 to world                  # and TLS
        }
        """,
        """
        policy api
          # inside the header
          in namespace shop {   # the shop's API
          allow tcp 80,    # plain
            # web ports
                443        # and TLS
                to world
        }
        """);
  }

  @Test
  void commentTextIsKeptAsWritten() {
    assertFormats(
        """
        #no space  {  "  é ✓
        ##
        #
        """,
        "#no space  {  \"  é ✓   \n##\n#\n");
  }

  @Test
  void windowsLineEndsBecomeNewlines() {
    assertFormats(
        "# header\n\n"
            + "policy a in namespace n {\n"
            + "  allow to world                              # w\n"
            + "}\n",
        "# header\r\n\r\npolicy a in namespace n {\r\n  allow to world # w\r\n}\r\n");
  }

  @Test
  void emptyAndCommentOnlyFiles() {
    assertFormats("", "");
    assertFormats("", "  \n\n\t\n");
    assertFormats("# only a comment\n", "\n\n# only a comment");
  }

  @Test
  void aFileWithSyntaxErrorsIsNotFormatted() {
    Formatter.Result result =
        Formatter.format(SourceFile.of("bad.cilia", "policy a in namespace n {\n  allow tcp 80\n"));
    assertTrue(result.text().isEmpty());
    assertTrue(
        result.diagnostics().stream().anyMatch(d -> d.code().name().startsWith("CIL01")),
        result.diagnostics().toString());
  }

  @Test
  void monitoringBlocksGetOneSettingALineAndKeepTheirComments() {
    assertFormats(
        """
        monitoring {
          # where the agent runs
          namespace kube-system
          metrics "dns:query;ignoreAAAA", drop, "http"  # the tutorial's
          label release=kube-prometheus-stack, team="platform"
          interval 30s
        }
        """,
        """
        monitoring{
        # where the agent runs
        namespace    kube-system
             metrics "dns:query;ignoreAAAA" ,drop,"http" # the tutorial's
        label release = kube-prometheus-stack ,team="platform" interval
          30s }
        """);
  }
}
