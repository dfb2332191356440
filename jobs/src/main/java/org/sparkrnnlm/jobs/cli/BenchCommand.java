package org.sparkrnnlm.jobs.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sparkrnnlm.jobs.bench.Benchmarks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Prints the performance figures as JSON. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure per-sentence SGD throughput (tokens/s, GFLOP/s) against the machine's SGEMM rate; print JSON.")
public final class BenchCommand implements Callable<Integer> {
    @Option(names = "--csv", defaultValue = "../shared/data/brown-comments.csv",
            description = "Comment CSV whose sentences are used (default: ${DEFAULT-VALUE}).")
    String csv;
    @Option(names = "--sentences", defaultValue = "3000", description = "Sentences timed per stream (default: ${DEFAULT-VALUE}).")
    int sentences;
    @Option(names = "--vocab-size", defaultValue = "8000", description = "C (default: ${DEFAULT-VALUE}).")
    int vocabularySize;
    @Option(names = "--hidden", defaultValue = "100", description = "H (default: ${DEFAULT-VALUE}).")
    int hidden;
    @Option(names = "--bptt-truncate", defaultValue = "4", description = "Truncation (default: ${DEFAULT-VALUE}).")
    int truncate;
    @Option(names = "--sections", split = ",", defaultValue = "core,regression,pipeline,preprocess",
            description = "Which benchmarks: core, class-softmax, optimizers, modes, regression, preprocess, pipeline, quality, scaling (default: ${DEFAULT-VALUE}).")
    java.util.List<String> sections;
    @Option(names = "--class-vocab-sizes", split = ",", defaultValue = "8000,50000",
            description = "Vocabulary sizes class-softmax compares the class-factored and full softmax at (default: ${DEFAULT-VALUE}).")
    java.util.List<Integer> classVocabularySizes;
    @Option(names = "--classes", description = "Word classes in class-softmax (default: about sqrt(C)).")
    Integer classes;
    @Option(names = "--full-sentences", defaultValue = "1000",
            description = "Sentences per stream timed with the full softmax in class-softmax, slow at large C (default: ${DEFAULT-VALUE}).")
    int fullSentences;
    @Option(names = "--class-repeats", defaultValue = "3",
            description = "Measurements of each softmax in class-softmax, alternating; speedups are the median pair's (default: ${DEFAULT-VALUE}).")
    int classRepeats;
    @Option(names = "--pipeline-sentences", defaultValue = "100000", description = "Sentences in the pipeline epoch (default: ${DEFAULT-VALUE}, i.e. all of Brown).")
    int pipelineSentences;
    @Option(names = "--sentences-per-round", defaultValue = "4000", description = "Averaging round size in the pipeline epoch (default: ${DEFAULT-VALUE}).")
    int sentencesPerRound;
    @Option(names = "--dump-gb", defaultValue = "2", description = "Size of the generated JSON-lines dump, uncompressed (default: ${DEFAULT-VALUE}).")
    double dumpGigabytes;
    @Option(names = "--dump-inputs", split = ",", defaultValue = "8-files,plain,zst,gz,bz2,csv",
            description = "Forms of the generated dump to preprocess: 8-files (8 plain part files), or one plain, zst, gz, bz2 or csv file "
                    + "(default: ${DEFAULT-VALUE}).")
    java.util.List<String> dumpInputs;
    @Option(names = "--dump-dir", defaultValue = "target/bench-dumps", description = "Where generated dumps are kept for reuse (default: ${DEFAULT-VALUE}).")
    String dumpDir;
    @Option(names = "--regression-hidden", defaultValue = "16", description = "H of the regression benchmark (default: ${DEFAULT-VALUE}).")
    int regressionHidden;
    @Option(names = "--regression-sequences", defaultValue = "50000", description = "Dot-product sequences (10 steps) timed (default: ${DEFAULT-VALUE}).")
    int regressionSequences;
    @Option(names = "--split", defaultValue = "../shared/data/brown-split", paramLabel = "DIR",
            description = "Train/held-out split for quality: train.txt, heldout.txt, vocab.tsv (default: ${DEFAULT-VALUE}).")
    String split;
    @Option(names = "--quality-optimizers", split = ",", defaultValue = "sgd,adagrad,adam", description = "Rules quality trains with (default: ${DEFAULT-VALUE}).")
    java.util.List<String> qualityOptimizers;
    @Option(names = "--quality-modes", split = ",", defaultValue = "average,gradient", description = "Modes quality trains in (default: ${DEFAULT-VALUE}).")
    java.util.List<String> qualityModes;
    @Option(names = "--quality-softmax", split = ",", defaultValue = "full",
            description = "Output layers quality trains with: full, class, bias (the full softmax with --output-bias) (default: ${DEFAULT-VALUE}).")
    java.util.List<String> qualitySoftmax;
    @Option(names = "--quality-epochs", defaultValue = "2", description = "Epochs per quality run (default: ${DEFAULT-VALUE}).")
    int qualityEpochs;
    @Option(names = "--quality-partitions", defaultValue = "2", description = "Partitions per quality run (default: ${DEFAULT-VALUE}).")
    int qualityPartitions;
    @Option(names = "--scaling-partitions", split = ",", defaultValue = "1,2,4,8,16", description = "Partition counts scaling trains with (default: ${DEFAULT-VALUE}).")
    java.util.List<Integer> scalingPartitions;
    @Option(names = "--scaling-optimizers", split = ",", defaultValue = "sgd,adam", description = "Rules scaling trains with (default: ${DEFAULT-VALUE}).")
    java.util.List<String> scalingOptimizers;
    @Option(names = "--scaling-methods", split = ",", defaultValue = "average,block",
            description = "average (plain averaging) and/or block (block momentum) (default: ${DEFAULT-VALUE}).")
    java.util.List<String> scalingMethods;
    @Option(names = "--scaling-epochs", defaultValue = "1", description = "Epochs per scaling run (default: ${DEFAULT-VALUE}).")
    int scalingEpochs;
    @Option(names = "--scaling-sentences", paramLabel = "N", description = "Use only the first N training and N held-out sentences (default: all).")
    Integer scalingSentences;
    @Option(names = "--scaling-sentences-per-round", paramLabel = "N", description = "Averaging round size of scaling runs (default: train's, 4000).")
    Integer scalingSentencesPerRound;
    @Option(names = "--scaling-sentences-per-partition", paramLabel = "N", description = "Instead: sentences per partition per round.")
    Integer scalingSentencesPerPartition;
    @Option(names = "--scaling-block-momentum", defaultValue = "auto", paramLabel = "F|auto",
            description = "Block momentum of the block runs (default: ${DEFAULT-VALUE}, 1 - 1/partitions; for adagrad and adam 1 - 2/partitions).")
    String scalingBlockMomentum;
    @Option(names = "--scaling-block-lr", defaultValue = "1", paramLabel = "F", description = "Block learning rate of the block runs (default: ${DEFAULT-VALUE}).")
    double scalingBlockLearningRate;
    @Option(names = "--scaling-reset-optimizer-state", description = "Adagrad and adam scaling runs start every round from zero rule state.")
    boolean scalingResetOptimizerState;
    @Option(names = "--scaling-softmax", defaultValue = "full", paramLabel = "full|class",
            description = "Output layer of the scaling runs; each rule trains at its defaults for it (default: ${DEFAULT-VALUE}).")
    String scalingSoftmax;
    @Option(names = "--modes-sentences", defaultValue = "10000", description = "Sentences in the modes epochs (default: ${DEFAULT-VALUE}).")
    int modesSentences;
    @Option(names = "--modes-batch-sizes", split = ",", defaultValue = "32,128", description = "Gradient-mode batch sizes of modes (default: ${DEFAULT-VALUE}).")
    java.util.List<Integer> modesBatchSizes;
    @Option(names = "--modes-optimizer", defaultValue = "sgd", description = "Rule of the modes epochs, with its defaults (default: ${DEFAULT-VALUE}).")
    String modesOptimizer;
    @Option(names = "--modes-partitions", defaultValue = "2", description = "Partitions of the modes epochs (default: ${DEFAULT-VALUE}).")
    int modesPartitions;
    @Mixin
    SparkOptions spark;
    @Mixin
    VerboseOption verbose;

    private static final java.util.List<String> SECTIONS =
            java.util.List.of("core", "class-softmax", "optimizers", "modes", "regression", "preprocess", "pipeline", "quality", "scaling");

    /** Whether the section was asked for; if so, its jobs are labelled "bench SECTION" from here on. */
    private boolean section(org.apache.spark.sql.SparkSession session, String name) {
        if (!sections.contains(name)) return false;
        org.sparkrnnlm.jobs.monitoring.JobLabels.command(session.sparkContext(), "bench " + name);
        return true;
    }

    @Override
    public Integer call() throws Exception {
        for (String s : sections) {
            if (!SECTIONS.contains(s)) throw new org.sparkrnnlm.jobs.settings.InvalidSettingException("--sections: unknown section " + s + " (one of " + String.join(", ", SECTIONS) + ")");
        }
        return spark.run("bench", (session, store) -> {
            Benchmarks benchmarks = new Benchmarks(session, System.err);
            Map<String, Object> figures = new java.util.LinkedHashMap<>();
            if (section(session, "core")) figures.put("core", benchmarks.core(csv, vocabularySize, hidden, truncate, sentences));
            if (section(session, "class-softmax")) {
                figures.put("class_softmax", benchmarks.classSoftmax(csv, classVocabularySizes, classes, hidden, truncate, sentences,
                        fullSentences, classRepeats));
            }
            if (section(session, "quality")) {
                figures.put("quality", benchmarks.quality(split, qualityOptimizers, qualityModes, qualitySoftmax, qualityEpochs, qualityPartitions,
                        dumpDir + "/quality"));
            }
            if (section(session, "scaling")) {
                figures.put("scaling", benchmarks.scaling(split, scalingPartitions, scalingOptimizers, scalingMethods, scalingEpochs,
                        scalingSentences, hidden, scalingSentencesPerRound, scalingSentencesPerPartition, scalingBlockMomentum,
                        scalingBlockLearningRate, scalingResetOptimizerState, scalingSoftmax, dumpDir + "/scaling"));
            }
            if (section(session, "optimizers")) {
                figures.put("optimizers", benchmarks.optimizers(csv, vocabularySize, hidden, truncate, sentences));
            }
            if (section(session, "modes")) {
                figures.put("modes", benchmarks.modes(csv, vocabularySize, hidden, truncate, modesSentences, modesPartitions, sentencesPerRound,
                        modesBatchSizes, modesOptimizer));
            }
            if (section(session, "regression")) figures.put("regression", benchmarks.regression(regressionHidden, 10, regressionSequences));
            if (section(session, "preprocess")) figures.put("preprocess", benchmarks.preprocess(csv, dumpGigabytes, dumpDir, dumpInputs));
            // Last: it replaces the session by local[1] and local[2] ones.
            if (section(session, "pipeline")) {
                figures.put("pipeline", benchmarks.pipeline(csv, vocabularySize, hidden, truncate, pipelineSentences, sentencesPerRound));
            }
            System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(figures));
            return 0;
        });
    }
}
