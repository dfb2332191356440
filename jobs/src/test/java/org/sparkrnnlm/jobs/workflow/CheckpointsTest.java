package org.sparkrnnlm.jobs.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkrnnlm.core.lm.RnnLanguageModel;
import org.sparkrnnlm.core.model.LanguageModelFiles;
import org.sparkrnnlm.core.model.TrainableLanguageModel;
import org.sparkrnnlm.core.tensor.Dtype;
import org.sparkrnnlm.core.text.Vocabulary;
import org.sparkrnnlm.jobs.hadoop.HadoopFileStore;

class CheckpointsTest {
    @TempDir
    Path dir;

    private final HadoopFileStore store = new HadoopFileStore(new Configuration());

    private static Vocabulary vocabulary() {
        List<String> words = new ArrayList<>(List.of(Vocabulary.SENTENCE_START, Vocabulary.SENTENCE_END));
        for (int i = 0; i < 7; i++) words.add("w" + i);
        return Vocabulary.ofWords(words);
    }

    private void write(Checkpoints checkpoints, int epoch) throws Exception {
        RnnLanguageModel model = RnnLanguageModel.initialize(10, 4, 4, Dtype.FLOAT, epoch);
        checkpoints.write(epoch, new TrainableLanguageModel(model, vocabulary()), LanguageModelFiles.describe(model, 0.005, epoch, 100L * epoch, List.of()),
                new org.sparkrnnlm.core.tensor.Parameters(model.dtype(), java.util.Map.of()));
    }

    @Test
    void aCheckpointCutShortByACrashIsNeverTakenForTheNewest() throws Exception {
        Checkpoints checkpoints = new Checkpoints(store, dir.toString(), 3);
        write(checkpoints, 1);
        write(checkpoints, 2);
        // A crash in the middle of writing epoch 3: its temporary directory holds half a params.npz.
        Path partial = dir.resolve("checkpoints").resolve(".epoch-0003.tmp");
        Files.createDirectories(partial);
        byte[] params = Files.readAllBytes(dir.resolve("checkpoints/epoch-0002/params.npz"));
        Files.write(partial.resolve("params.npz"), java.util.Arrays.copyOf(params, params.length / 2));

        String newest = checkpoints.newest();
        assertTrue(newest.endsWith("epoch-0002"), newest);
        assertEquals(2, LanguageModelFiles.load(store, newest).info().epoch());
    }

    @Test
    void onlyTheNewestFewAreKept() throws Exception {
        Checkpoints checkpoints = new Checkpoints(store, dir.toString(), 2);
        for (int epoch = 1; epoch <= 4; epoch++) write(checkpoints, epoch);
        try (var names = Files.list(dir.resolve("checkpoints"))) {
            assertEquals(List.of("epoch-0003", "epoch-0004"), names.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }
}
