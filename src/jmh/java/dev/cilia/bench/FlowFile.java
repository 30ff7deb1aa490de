package dev.cilia.bench;

import dev.cilia.driver.Compilation;
import dev.cilia.driver.Replay;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The replay measurements of bench/run.sh, as {@code key value} lines.
 *
 * <ul>
 *   <li>{@code generate SAMPLE OUT MEGABYTES}: a flow file of that size from the sample's records,
 *       with varied source ports, addresses and pods (a few thousand distinct flows).
 *   <li>{@code replay FLOWS POLICY}: {@code ciliac replay} in process: records per second (reading
 *       included) and the peak heap of the run.
 * </ul>
 */
public final class FlowFile {
  private static final Pattern SOURCE_PORT = Pattern.compile("\"source_port\":(\\d+)");

  private FlowFile() {}

  public static void main(String[] args) throws Exception {
    Locale.setDefault(Locale.ROOT);
    switch (args[0]) {
      case "generate" -> generate(Path.of(args[1]), Path.of(args[2]), Long.parseLong(args[3]));
      case "replay" -> replay(Path.of(args[1]), Path.of(args[2]));
      default -> throw new IllegalArgumentException("unknown measurement " + args[0]);
    }
  }

  private static void generate(Path sample, Path out, long megabytes) throws IOException {
    List<String> lines =
        Files.readAllLines(sample).stream().filter(l -> l.startsWith("{\"flow\"")).toList();
    long limit = megabytes << 20;
    long written = 0;
    long records = 0;
    try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(out), 1 << 16)) {
      for (long i = 0; written < limit; i++) {
        String line = lines.get((int) (i % lines.size()));
        int variant = (int) ((i / lines.size()) % 50);
        Matcher m = SOURCE_PORT.matcher(line);
        if (m.find()) {
          line = line.substring(0, m.start(1)) + (32768 + (i % 28000)) + line.substring(m.end(1));
        }
        line =
            line.replace("10.20.30.5\"", "10.20.30." + (5 + variant) + "\"")
                .replace("billing-7d9f8c6b5-x2k9q", "billing-7d9f8c6b5-" + variant)
                .replace("k8s:pod-template-hash=7d9f8c6b5", "k8s:pod-template-hash=" + variant);
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        o.write(bytes);
        written += bytes.length;
        records++;
      }
    }
    System.out.println("generate.bytes " + written);
    System.out.println("generate.records " + records);
  }

  private static void replay(Path flows, Path policy) throws Exception {
    // Reading alone (the part that grows with the file), then the whole command.
    long readStart = System.nanoTime();
    long readCpu0 = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    dev.cilia.flows.FlowSet set = new dev.cilia.flows.FlowSet();
    try (InputStream in = Files.newInputStream(flows)) {
      set.read(flows.toString(), in);
    }
    long readWall = System.nanoTime() - readStart;
    long readCpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - readCpu0;
    long read = set.counts().records() + set.counts().junk();
    System.out.println("read.records_per_s " + (long) (read / (readWall / 1e9)));
    System.out.println("read.records_per_cpu_s " + (long) (read / (readCpu / 1e9)));
    set = null;
    long start = System.nanoTime();
    long cpu0 = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    Replay.Outcome outcome =
        Replay.run(
            new Compilation.Options(List.of(policy), false, Optional.empty(), Optional.empty()),
            List.of(flows.toString()),
            InputStream.nullInputStream());
    long wall = System.nanoTime() - start;
    long cpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu0;
    Replay.Result r = outcome.result().orElseThrow();
    long records = r.counts().records() + r.counts().junk();
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    System.out.println("replay.records " + records);
    System.out.println("replay.distinct " + r.flows());
    System.out.println("replay.dropped " + r.dropped());
    System.out.println("replay.bytes " + Files.size(flows));
    System.out.println("replay.wall_ms " + wall / 1_000_000);
    System.out.println("replay.cpu_ms " + cpu / 1_000_000);
    System.out.println("replay.records_per_s " + (long) (records / (wall / 1e9)));
    System.out.println("replay.records_per_cpu_s " + (long) (records / (cpu / 1e9)));
    System.out.println("replay.peak_heap_mb " + (peak >> 20));
  }
}
