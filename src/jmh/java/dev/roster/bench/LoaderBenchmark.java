package dev.roster.bench;

import dev.roster.config.ConfigException;
import dev.roster.config.DesiredStateLoader;
import dev.roster.config.LoadResult;
import dev.roster.config.SettingsLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link DesiredStateLoader} over 10,000 groups of one bot, split in files of 1,000 groups (a file is read up
 * to 8 MiB), with 255 declared numbers per group (the {@link Fleet} shape) or 4 (a small-team shape).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
public class LoaderBenchmark {
    @Param({"10000"})
    public int groups;

    @Param({"4", "255"})
    public int numbersPerGroup;

    private Path dir;
    private DesiredStateLoader loader;

    @Setup(Level.Trial)
    public void write() throws IOException {
        dir = Files.createTempDirectory("roster-bench-yaml");
        DesiredFiles.write(dir, groups, numbersPerGroup);
        loader = new DesiredStateLoader(SettingsLoader.defaults(Map.of()));
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        DesiredFiles.delete(dir);
    }

    @Benchmark
    public LoadResult load() throws ConfigException {
        return loader.load(List.of(dir));
    }
}
