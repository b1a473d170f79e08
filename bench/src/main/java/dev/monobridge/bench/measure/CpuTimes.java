package dev.monobridge.bench.measure;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time used so far by the processes of a run, read from Linux's /proc: this JVM (capture and
 * pipeline), the MongoDB server's JVM when it runs apart, the benchmark's PostgreSQL server (the
 * workload's backend and the WAL sender Debezium reads from), and everything else on the machine, which
 * shows when something outside the benchmark competed for the cores. On a machine without /proc every
 * figure is -1. Comparing them across a phase tells which process a pipeline's throughput is bound by.
 */
public record CpuTimes(double benchSeconds, double mongoSeconds, double postgresSeconds, double otherSeconds) {

    /** Linux reports CPU time in clock ticks of 1/100 s (USER_HZ) on every common architecture. */
    private static final double TICKS_PER_SECOND = 100.0;
    private static final Path PROC = Path.of("/proc");

    /**
     * @param mongoPid     the MongoDB server's process, or -1 when it runs in this JVM or elsewhere
     * @param postmasterPid the benchmark's PostgreSQL server process; its children are counted with it
     */
    public static CpuTimes now(long mongoPid, long postmasterPid) {
        double bench = seconds(ProcessHandle.current().pid());
        double mongo = mongoPid < 0 ? -1 : seconds(mongoPid);
        double postgres = postgres(postmasterPid);
        double machine = machine();
        double other = bench < 0 || machine < 0 ? -1 : machine - bench - Math.max(0, mongo) - Math.max(0, postgres);
        return new CpuTimes(bench, mongo, postgres, other);
    }

    public CpuTimes minus(CpuTimes earlier) {
        return new CpuTimes(benchSeconds - earlier.benchSeconds,
                mongoSeconds < 0 ? -1 : mongoSeconds - earlier.mongoSeconds,
                postgresSeconds < 0 ? -1 : postgresSeconds - earlier.postgresSeconds,
                otherSeconds < 0 ? -1 : otherSeconds - earlier.otherSeconds);
    }

    /** The parent of a process: for a PostgreSQL backend, its server. -1 if unknown. */
    public static long parentOf(long pid) {
        String[] fields = stat(PROC.resolve(Long.toString(pid)).resolve("stat"));
        return fields == null ? -1 : Long.parseLong(fields[2]);
    }

    /** Busy time of all cores, from the first line of /proc/stat. */
    private static double machine() {
        try {
            String[] cpu = Files.readAllLines(PROC.resolve("stat")).get(0).trim().split("\\s+");
            long busy = 0;
            // user nice system idle iowait irq softirq steal: all but idle and iowait.
            for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
                busy += Long.parseLong(cpu[i]);
            }
            return busy / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static double seconds(long pid) {
        String[] fields = stat(PROC.resolve(Long.toString(pid)).resolve("stat"));
        return fields == null ? -1 : (Long.parseLong(fields[12]) + Long.parseLong(fields[13])) / TICKS_PER_SECOND;
    }

    private static double postgres(long postmasterPid) {
        if (postmasterPid < 0 || !Files.isDirectory(PROC)) {
            return -1;
        }
        long ticks = 0;
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(PROC, p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path process : processes) {
                String[] fields = stat(process.resolve("stat"));
                boolean ours = process.getFileName().toString().equals(Long.toString(postmasterPid))
                        || fields != null && fields[2].equals(Long.toString(postmasterPid));
                if (fields != null && ours) {
                    ticks += Long.parseLong(fields[12]) + Long.parseLong(fields[13]);
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return ticks / TICKS_PER_SECOND;
    }

    /**
     * The fields of a /proc stat line after the pid, the command name (without parentheses) first:
     * index 12 is user time and 13 system time, in ticks (fields 14 and 15 of proc(5)).
     */
    private static String[] stat(Path file) {
        try {
            String line = Files.readString(file);
            int open = line.indexOf('(');
            int close = line.lastIndexOf(')');
            String command = line.substring(open + 1, close);
            String[] rest = line.substring(close + 2).split(" ");
            String[] fields = new String[rest.length + 1];
            fields[0] = command;
            System.arraycopy(rest, 0, fields, 1, rest.length);
            return fields;
        } catch (IOException | RuntimeException e) {
            // The process ended meanwhile, or this is not Linux.
            return null;
        }
    }
}
