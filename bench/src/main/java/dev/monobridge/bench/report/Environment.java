package dev.monobridge.bench.report;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** The machine and software a run was taken on, for the report's header. */
public record Environment(String takenAt, int cores, String cpu, String memory, String os, String java, long maxHeapBytes,
                          String jvmArguments, String postgres, String mongo) {

    public static Environment describe(String postgres, String mongo) {
        return new Environment(OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).toString(),
                Runtime.getRuntime().availableProcessors(), cpuModel(), totalMemory(),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                Runtime.getRuntime().maxMemory(),
                String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                        .filter(a -> a.startsWith("-X") || a.startsWith("-XX")).toList()),
                postgres, mongo);
    }

    private static String cpuModel() {
        return firstValue(Path.of("/proc/cpuinfo"), "model name");
    }

    private static String totalMemory() {
        String total = firstValue(Path.of("/proc/meminfo"), "MemTotal");
        if (total.endsWith(" kB")) {
            return String.format("%.1f GiB", Long.parseLong(total.replace(" kB", "").trim()) / 1024.0 / 1024.0);
        }
        return total;
    }

    private static String firstValue(Path file, String key) {
        try {
            List<String> lines = Files.readAllLines(file);
            for (String line : lines) {
                if (line.startsWith(key)) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or not readable: say so rather than fail the run.
        }
        return "unknown";
    }
}
