package dev.cilia.maven;

import dev.cilia.cilium.Target;
import dev.cilia.diag.Diagnostic;
import dev.cilia.diag.Format;
import dev.cilia.diag.Severity;
import dev.cilia.diag.TextRenderer;
import dev.cilia.driver.Compilation;
import dev.cilia.driver.InputError;
import dev.cilia.driver.Inputs;
import dev.cilia.driver.InternalCompilerError;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * What the goals share: the parameters, reading {@code sourceDirectory}, one compilation per build,
 * the diagnostics in the Maven log, and skipping work when a goal's stamp is current.
 */
abstract class CiliaMojo extends AbstractMojo {
  /** Project context key of the build's {@link Compiled}. */
  private static final String COMPILED = Compiled.class.getName();

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  MavenProject project;

  @Parameter(defaultValue = "${plugin}", readonly = true)
  PluginDescriptor plugin;

  /** The folder of the {@code .cilia} files; its subfolders are read too. */
  @Parameter(
      property = "cilia.sourceDirectory",
      defaultValue = "${project.basedir}/src/main/cilia",
      required = true)
  File sourceDirectory;

  /**
   * Where {@code compile} writes one YAML file per policy ({@code NAMESPACE.NAME.yaml}, clusterwide
   * {@code NAME.yaml}).
   */
  @Parameter(
      property = "cilia.outputDirectory",
      defaultValue = "${project.build.directory}/cilia",
      required = true)
  File outputDirectory;

  /**
   * Target Cilium version, {@code 1.13} to {@code 1.18}; overrides {@code cilium X.Y} in the files.
   * Default: each file's own, else the newest supported.
   */
  @Parameter(property = "cilia.ciliumVersion")
  String ciliumVersion;

  /**
   * Cluster domain of the pods' DNS search list, as kubelet's {@code --cluster-domain}; the proof
   * and the tests model lookups with it. Default: {@code cluster.local}.
   */
  @Parameter(property = "cilia.clusterDomain")
  String clusterDomain;

  /** Fail the build on warnings too, not only on errors. */
  @Parameter(property = "cilia.failOnWarning", defaultValue = "false")
  boolean failOnWarning;

  /**
   * Diagnostics report besides the Maven log: {@code text} (the log only), {@code json} ({@code
   * target/cilia/cilia.json}) or {@code sarif} ({@code target/cilia/cilia.sarif}, for code
   * scanning).
   */
  @Parameter(property = "cilia.format", defaultValue = "text")
  String format;

  /** The folder that imports may not leave. Set it to the reactor root to share files. */
  @Parameter(property = "cilia.root", defaultValue = "${project.basedir}")
  File root;

  /** Skip every Cilia goal. */
  @Parameter(property = "cilia.skip", defaultValue = "false")
  boolean skip;

  /** Stamps and reports; fixed, so that moving {@code outputDirectory} moves only the YAML. */
  @Parameter(defaultValue = "${project.build.directory}/cilia", readonly = true, required = true)
  File workDirectory;

  /** The goal's name, which also names its stamp. */
  abstract String goal();

  /** Whether this goal is skipped for a reason of its own (logged by the goal). */
  boolean skipped() {
    return false;
  }

  /**
   * The goal's work on a compilation without errors; returns the stamp to keep, which says the goal
   * is done for these inputs.
   */
  abstract Stamp perform(Compiled compiled, Settings settings, Optional<Stamp> previous)
      throws MojoExecutionException, MojoFailureException;

  /** Whether the goal's own results of a current stamp are still in place. */
  boolean resultsPresent(Stamp stamp, Settings settings) {
    return true;
  }

  /** Runs after the goal's work or when it was up to date: what each build must redo. */
  void finish(Settings settings) {}

  @Override
  public final void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("Cilia skipped (cilia.skip)");
      return;
    }
    if (skipped()) {
      return;
    }
    Settings settings = settings();
    List<Path> inputs = inputs(settings.sourceDirectory());
    if (inputs.isEmpty()) {
      getLog().info("No Cilia policies in " + shown(settings.sourceDirectory()));
      return;
    }
    Path stampFile = stampFile(settings, goal());
    Optional<Stamp> previous = Stamp.read(stampFile);
    if (previous.isPresent()
        && previous.get().isCurrent(settings.key(), inputs)
        && resultsPresent(previous.get(), settings)) {
      getLog().info("Cilia policies are up to date");
      finish(settings);
      return;
    }
    Stamp done;
    try {
      Compiled compiled = compiled(settings, inputs);
      report(compiled, settings);
      done = perform(compiled, settings, previous);
    } catch (MojoExecutionException | MojoFailureException | RuntimeException e) {
      removeOutputs(settings);
      throw e;
    }
    try {
      done.write(stampFile);
    } catch (IOException e) {
      throw new MojoExecutionException("cannot write " + stampFile + ": " + reason(e));
    }
    finish(settings);
  }

  /** Where a goal keeps its stamp. */
  private static Path stampFile(Settings settings, String goal) {
    return settings.workDirectory().resolve(".cilia-" + goal + ".stamp");
  }

  /**
   * After a failed goal: removes the YAML an earlier build's {@code compile} wrote (as its stamp
   * lists them) and that stamp, so that no policy of a failed build is left in {@code
   * outputDirectory} to be packaged or applied. Other files there are kept.
   */
  private void removeOutputs(Settings settings) {
    Path stampFile = stampFile(settings, "compile");
    Optional<Stamp> compiled = Stamp.read(stampFile);
    int removed = 0;
    try {
      Stamp.delete(stampFile);
      if (compiled.isPresent()) {
        Path directory = settings.outputDirectory();
        for (String name : compiled.get().outputs().keySet()) {
          Path file = directory.resolve(name).normalize();
          if (directory.equals(file.getParent()) && Files.deleteIfExists(file)) {
            removed++;
          }
        }
      }
    } catch (IOException e) {
      getLog().warn("cannot remove the YAML of an earlier build: " + reason(e));
    }
    if (removed > 0) {
      getLog()
          .info(
              "Removed "
                  + removed
                  + (removed == 1 ? " file" : " files")
                  + " of an earlier build from "
                  + shown(settings.outputDirectory()));
    }
  }

  /**
   * The parameters, checked, with paths made absolute. An unsupported {@code ciliumVersion} fails
   * the build with the message {@code ciliac --cilium} prints.
   */
  Settings settings() throws MojoExecutionException, MojoFailureException {
    Optional<String> version =
        Optional.ofNullable(ciliumVersion).map(String::strip).filter(v -> !v.isEmpty());
    Optional<Target> cilium = version.flatMap(Target::parse);
    if (version.isPresent() && cilium.isEmpty()) {
      throw new MojoFailureException(
          "Invalid value for parameter 'ciliumVersion': " + Target.unsupported(version.get()));
    }
    Optional<String> domain =
        Optional.ofNullable(clusterDomain).map(String::strip).filter(v -> !v.isEmpty());
    if (domain.isPresent() && !Compilation.isClusterDomain(domain.get())) {
      throw new MojoExecutionException(
          "invalid clusterDomain `"
              + domain.get()
              + "`: write lower-case DNS labels joined by dots, e.g. corp.internal");
    }
    Format chosen =
        Format.parse(format)
            .orElseThrow(
                () ->
                    new MojoExecutionException(
                        "unknown format `" + format + "`: use text, json or sarif"));
    return new Settings(
        absolute(sourceDirectory),
        absolute(outputDirectory),
        absolute(workDirectory),
        absolute(root),
        cilium,
        domain,
        failOnWarning,
        chosen,
        pluginVersion(),
        pluginIdentity());
  }

  /** The build's compilation of these inputs: the one an earlier goal made, or a new one. */
  private Compiled compiled(Settings settings, List<Path> inputs)
      throws MojoExecutionException, MojoFailureException {
    if (project.getContextValue(COMPILED) instanceof Compiled earlier
        && earlier.stamp().isCurrent(settings.key(), inputs)) {
      return earlier;
    }
    Compilation.Outcome outcome;
    try {
      outcome =
          Compilation.run(
              new Compilation.Options(
                      inputs, false, Optional.of(settings.root()), settings.ciliumVersion())
                  .withClusterDomain(settings.clusterDomain()));
    } catch (InputError e) {
      throw new MojoFailureException(e.getMessage());
    } catch (InternalCompilerError e) {
      throw new MojoExecutionException(e.describe() + "; " + InternalCompilerError.REPORT_IT);
    }
    Map<Path, String> read = new LinkedHashMap<>();
    outcome.files().forEach(file -> read.put(file.path(), file.text()));
    Compiled compiled = new Compiled(Stamp.of(settings.key(), read), outcome);
    project.setContextValue(COMPILED, compiled);
    return compiled;
  }

  /**
   * Prints the diagnostics (once per build) and the report file, then fails on errors, and on
   * warnings when asked to.
   */
  private void report(Compiled compiled, Settings settings)
      throws MojoExecutionException, MojoFailureException {
    List<Diagnostic> diagnostics = compiled.outcome().diagnostics();
    if (compiled.report()) {
      diagnostics.forEach(d -> LogLines.log(getLog(), d));
      writeReport(diagnostics, settings);
    }
    String summary = TextRenderer.summary(diagnostics);
    if (compiled.outcome().hasErrors()) {
      throw new MojoFailureException(
          "Cilia policies in " + shown(settings.sourceDirectory()) + " have " + summary);
    }
    if (settings.failOnWarning()
        && diagnostics.stream().anyMatch(d -> d.severity() == Severity.WARNING)) {
      throw new MojoFailureException(
          "Cilia policies in "
              + shown(settings.sourceDirectory())
              + " have "
              + summary
              + ", and failOnWarning is set");
    }
  }

  /** {@code cilia.json} or {@code cilia.sarif} in the work folder, for machines. */
  private void writeReport(List<Diagnostic> diagnostics, Settings settings)
      throws MojoExecutionException {
    if (settings.format() == Format.TEXT) {
      return;
    }
    Path file = settings.workDirectory().resolve("cilia." + settings.format().label());
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(
          file,
          settings.format().renderer(false, settings.pluginVersion()).render(diagnostics),
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new MojoExecutionException("cannot write " + file + ": " + reason(e));
    }
    getLog().info("Cilia " + settings.format().label() + " report: " + shown(file));
  }

  /** Every {@code .cilia} file under {@code directory}, sorted; none when it does not exist. */
  static List<Path> inputs(Path directory) throws MojoExecutionException {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try {
      return Inputs.folder(directory, true, EnumSet.of(Inputs.Kind.CILIA)).stream()
          .map(p -> p.toAbsolutePath().normalize())
          .sorted()
          .toList();
    } catch (InputError e) {
      throw new MojoExecutionException(e.getMessage());
    }
  }

  /** A path for messages: relative to the project folder when inside it. */
  String shown(Path path) {
    Path base =
        project.getBasedir() == null ? null : project.getBasedir().toPath().toAbsolutePath();
    Path abs = path.toAbsolutePath().normalize();
    return base != null && abs.startsWith(base) && !abs.equals(base)
        ? base.relativize(abs).toString()
        : abs.toString();
  }

  private String pluginVersion() {
    return plugin == null || plugin.getVersion() == null ? "0" : plugin.getVersion();
  }

  /** Version, size and time of the plugin jar: a rebuilt snapshot invalidates the stamps. */
  private String pluginIdentity() {
    if (plugin == null || plugin.getPluginArtifact() == null) {
      return pluginVersion();
    }
    File jar = plugin.getPluginArtifact().getFile();
    return jar == null
        ? pluginVersion()
        : pluginVersion() + " " + jar.length() + " " + jar.lastModified();
  }

  private Path absolute(File file) {
    Path path = file.toPath();
    if (!path.isAbsolute() && project.getBasedir() != null) {
      path = project.getBasedir().toPath().resolve(path);
    }
    return path.toAbsolutePath().normalize();
  }

  static String reason(Exception e) {
    Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
    return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
  }
}
