package org.sparkrnnlm.jobs.preprocess;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sparkrnnlm.core.text.VocabularyRanking;
import org.sparkrnnlm.jobs.hadoop.LineParser;

/**
 * Profiling harness, not a test: the per-record path of preprocess, single-threaded, stage by stage, on
 * real comment text turned into Pushshift JSON lines, for the current classes and (when
 * {@code core/target/test-classes} is on the class path) the reference copies in
 * {@code org.sparkrnnlm.core.text.reference}, alternately in the same JVM. Prints MB/s of comment text
 * (UTF-8 bytes of the bodies) per CPU second of the thread, per stage; the JSON stage also in MB/s of JSON.
 *
 * <pre>
 * cd /work/wt-speed &amp;&amp; mvn -B -o -q -DskipTests package &amp;&amp; mvn -B -o -q test-compile
 * java -Xmx6g -cp jobs/target/test-classes:jobs/target/classes:core/target/test-classes:core/target/classes:'jobs/target/app-lib/*':'jobs/target/spark-lib/*' \
 *   org.sparkrnnlm.jobs.preprocess.PreprocessProfile [mb-per-corpus] [rounds] [stages]
 * </pre>
 * Add {@code -XX:StartFlightRecording=filename=p.jfr,settings=profile} to sample the hot spots.
 */
public final class PreprocessProfile {
    private static final String[] SUBREDDITS = {"AskReddit", "books", "history", "science", "news", "writing"};

    /** One implementation of the text stages, found by package. */
    private static final class Impl {
        final String name;
        final MethodHandle clean;
        final MethodHandle split;
        final MethodHandle words;
        final MethodHandle sentences;

        Impl(String name, String pkg) throws ReflectiveOperationException {
            this.name = name;
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            Class<?> comments = Class.forName(pkg + ".CommentTokenizer");
            Class<?> splitter = Class.forName(pkg + ".SentenceSplitter");
            Class<?> tokenizer = Class.forName(pkg + ".TreebankWordTokenizer");
            Method c = comments.getDeclaredMethod("clean", String.class);
            c.setAccessible(true);
            clean = lookup.unreflect(c);
            split = lookup.unreflect(splitter.getMethod("split", String.class)).bindTo(splitter.getConstructor().newInstance());
            words = lookup.unreflect(tokenizer.getMethod("tokenize", String.class)).bindTo(tokenizer.getConstructor().newInstance());
            sentences = lookup.unreflect(comments.getMethod("sentences", String.class)).bindTo(comments.getConstructor().newInstance());
        }
    }

    private interface Stage {
        long run() throws Throwable; // returns a checksum, so nothing is optimised away
    }

    public static void main(String[] args) throws Throwable {
        double mb = args.length > 0 ? Double.parseDouble(args[0]) : 100;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        String stages = args.length > 2 ? args[2] : "json,clean,split,words,sentences,job";
        List<Impl> impls = new ArrayList<>();
        try {
            impls.add(new Impl("reference", "org.sparkrnnlm.core.text.reference"));
        } catch (ClassNotFoundException e) {
            System.out.println("(no reference classes on the class path: current code only)");
        }
        impls.add(new Impl("current", "org.sparkrnnlm.core.text"));
        Path data = Paths.get(System.getProperty("data", "../shared/data"));
        for (String corpus : new String[] {"brown-comments.csv", "reddit-comments-2015-08.sample.csv"}) {
            List<String> bodies = bodies(data.resolve(corpus));
            profile(corpus, bodies, mb, rounds, stages, impls);
        }
    }

    static List<String> bodies(Path csv) throws IOException {
        CsvCommentParser parser = new CsvCommentParser(() -> Files.newBufferedReader(csv, StandardCharsets.UTF_8), csv.toString(), 1 << 24);
        List<String> bodies = new ArrayList<>();
        for (RawComment r; (r = parser.next()) != null; ) if (!r.isRejected()) bodies.add(r.body());
        return bodies;
    }

    private static void profile(String corpus, List<String> source, double mb, int rounds, String stages, List<Impl> impls)
            throws Throwable {
        // JSON lines as DumpGenerator writes them, the bodies cycling until about mb MB of JSON.
        ByteArrayOutputStream json = new ByteArrayOutputStream((int) (mb * 1.05e6));
        List<int[]> lines = new ArrayList<>();
        List<String> bodies = new ArrayList<>();
        long textBytes = 0;
        JsonFactory factory = new JsonFactory();
        for (long i = 0; json.size() < mb * 1e6; i++) {
            String body = source.get((int) (i % source.size()));
            int start = json.size();
            try (JsonGenerator g = factory.createGenerator(json)) {
                g.writeStartObject();
                g.writeStringField("author", "user" + (i * 7919 % 100_000));
                g.writeStringField("body", body);
                g.writeNumberField("created_utc", 1_430_000_000L + i);
                g.writeStringField("id", Long.toString(i, 36));
                g.writeNumberField("score", (int) (i % 97) - 10);
                g.writeStringField("subreddit", SUBREDDITS[(int) (i % SUBREDDITS.length)]);
                g.writeEndObject();
            }
            lines.add(new int[] {start, json.size() - start});
            json.write('\n');
            bodies.add(body);
            textBytes += body.getBytes(StandardCharsets.UTF_8).length;
        }
        byte[] bytes = json.toByteArray();
        double textMb = textBytes / 1e6;
        System.out.printf(Locale.ROOT, "%n== %s: %,d comments (%d distinct), %.1f MB JSON, %.1f MB comment text%n", corpus,
                bodies.size(), source.size(), bytes.length / 1e6, textMb);

        Impl ref = impls.get(0);
        List<String> cleaned = new ArrayList<>();
        for (String b : bodies) cleaned.add((String) ref.clean.invokeExact(b));
        List<String> sentences = new ArrayList<>();
        for (String c : cleaned) {
            @SuppressWarnings("unchecked")
            List<String> s = (List<String>) ref.split.invoke(c);
            sentences.addAll(s);
        }
        List<List<String>> tokenized = new ArrayList<>();
        for (String s : sentences) {
            @SuppressWarnings("unchecked")
            List<String> t = (List<String>) ref.words.invoke(s);
            tokenized.add(t);
        }

        for (String stage : stages.split(",")) {
            switch (stage) {
                case "json" -> time(corpus, "JSON parse (JsonLineParser)", textMb, bytes.length / 1e6, rounds, List.of("current"),
                        List.of(() -> parseAll(bytes, lines)));
                case "clean" -> timeImpls(corpus, "cleanup (CommentTokenizer.clean)", textMb, rounds, impls, impl -> () -> {
                    long sum = 0;
                    for (String b : bodies) sum += ((String) impl.clean.invokeExact(b)).length();
                    return sum;
                });
                case "split" -> timeImpls(corpus, "sentence split", textMb, rounds, impls, impl -> () -> {
                    long sum = 0;
                    for (String c : cleaned) sum += ((List<?>) impl.split.invoke(c)).size();
                    return sum;
                });
                case "words" -> timeImpls(corpus, "word tokenize", textMb, rounds, impls, impl -> () -> {
                    long sum = 0;
                    for (String s : sentences) sum += ((List<?>) impl.words.invoke(s)).size();
                    return sum;
                });
                case "sentences" -> timeImpls(corpus, "CommentTokenizer.sentences (all three)", textMb, rounds, impls, impl -> () -> {
                    long sum = 0;
                    for (String b : bodies) sum += ((List<?>) impl.sentences.invoke(b)).size();
                    return sum;
                });
                case "job" -> time(corpus, "job's per-sentence work: cache form, count", textMb, 0, rounds,
                        List.of("per-sentence strings", "blocks"), List.of(() -> jobWorkBefore(tokenized), () -> jobWork(tokenized)));
                default -> throw new IllegalArgumentException("unknown stage " + stage);
            }
        }
    }

    private interface StageOf {
        Stage of(Impl impl);
    }

    private static void timeImpls(String corpus, String what, double textMb, int rounds, List<Impl> impls, StageOf stage)
            throws Throwable {
        List<String> names = new ArrayList<>();
        List<Stage> runs = new ArrayList<>();
        for (Impl i : impls) {
            names.add(i.name);
            runs.add(stage.of(i));
        }
        time(corpus, what, textMb, 0, rounds, names, runs);
    }

    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    /** Runs each variant once to warm up, then rounds times alternately; reports the best round of each. */
    private static void time(String corpus, String what, double textMb, double jsonMb, int rounds, List<String> names,
                             List<Stage> runs) throws Throwable {
        long[] checks = new long[runs.size()];
        for (int v = 0; v < runs.size(); v++) checks[v] = runs.get(v).run();
        double[] best = new double[runs.size()];
        java.util.Arrays.fill(best, Double.MAX_VALUE);
        for (int r = 0; r < rounds; r++) {
            for (int v = 0; v < runs.size(); v++) {
                // The thread's CPU time, not wall time: the machine is shared, and waiting for a core is not work.
                long t0 = THREADS.getCurrentThreadCpuTime();
                long check = runs.get(v).run();
                best[v] = Math.min(best[v], (THREADS.getCurrentThreadCpuTime() - t0) / 1e9);
                if (check != checks[v]) throw new IllegalStateException(what + ": checksum changed");
            }
        }
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-48s", what));
        for (int v = 0; v < runs.size(); v++) {
            line.append(String.format(Locale.ROOT, "  %s %7.2f MB/s", names.get(v), textMb / best[v]));
            if (jsonMb > 0) line.append(String.format(Locale.ROOT, " (%.1f MB/s of JSON)", jsonMb / best[v]));
        }
        if (runs.size() == 2) {
            line.append(String.format(Locale.ROOT, "  ratio %.2fx", best[0] / best[1]));
            if (checks[0] != checks[1]) line.append("  CHECKSUMS DIFFER");
        }
        System.out.println(line);
    }

    private static long parseAll(byte[] bytes, List<int[]> lines) {
        JsonLineParser parser = new JsonLineParser(1_000_000);
        LineParser.Source source = () -> "memory";
        long sum = 0;
        byte[] line = new byte[1 << 16];
        for (int[] l : lines) {
            if (line.length < l[1]) line = new byte[l[1]];
            System.arraycopy(bytes, l[0], line, 0, l[1]); // as the record reader hands over a line
            RawComment c = parser.parse(line, l[1], source);
            sum += c.isRejected() ? 0 : c.body().length();
        }
        return sum;
    }

    /**
     * What the job did per sentence after tokenizing before blocks (edda38f): the sentence cached as its
     * space-joined tokens, split again after the cache, counted word by word into one map.
     */
    private static long jobWorkBefore(List<List<String>> tokenized) {
        Map<String, VocabularyRanking.WordCount> counts = new HashMap<>();
        long position = 0;
        for (List<String> t : tokenized) {
            String text = String.join(" ", t);
            VocabularyRanking.count(counts, position++, List.of(text.split(" ")));
        }
        return counts.size();
    }

    /** What the job does now: sentences into blocks with their own dictionary, each block counted. */
    private static long jobWork(List<List<String>> tokenized) {
        Map<String, VocabularyRanking.WordCount> counts = new HashMap<>();
        SentenceBlock.Builder builder = new SentenceBlock.Builder(0, 0, Preprocessing.BLOCK_SENTENCES, Preprocessing.BLOCK_TOKENS);
        for (List<String> t : tokenized) {
            if (builder.addSpaced(String.join(" ", t))) builder.take().countInto(counts);
        }
        if (!builder.isEmpty()) builder.take().countInto(counts);
        return counts.size();
    }
}
