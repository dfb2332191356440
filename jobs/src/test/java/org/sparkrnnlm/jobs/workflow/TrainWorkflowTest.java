package org.sparkrnnlm.jobs.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkrnnlm.core.model.LanguageModelFiles;
import org.sparkrnnlm.core.optim.Optimizer;
import org.sparkrnnlm.core.optim.OptimizerSettings;
import org.sparkrnnlm.core.store.LocalFileStore;
import org.sparkrnnlm.jobs.hadoop.HadoopFileStore;
import org.sparkrnnlm.jobs.settings.InvalidSettingException;
import org.sparkrnnlm.jobs.spark.LocalSparkTest;

/** The train workflow runs from a settings record, without the command line. */
class TrainWorkflowTest extends LocalSparkTest {
    @TempDir
    Path dir;

    private static Schedule schedule(Optimizer optimizer) {
        return new Schedule(OptimizerSettings.defaults(optimizer), 0.01, 1, 1, 0);
    }

    private static DistributedSettings distributed(String output) {
        return new DistributedSettings(output, DistributedSettings.Mode.average, 50, 16, 2, false, 10, 2.0, 3, false, 1);
    }

    private Path data() throws Exception {
        Random r = new Random(4);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 60; i++) lines.add("w" + r.nextInt(9) + " w" + r.nextInt(9) + " w" + r.nextInt(9) + " .");
        return Files.write(dir.resolve("train.txt"), lines, StandardCharsets.UTF_8);
    }

    @Test
    void aSettingsRecordTrainsAndPublishesAModel() throws Exception {
        String out = dir.resolve("run").toString();
        TrainSettings settings = new TrainSettings(data().toString(), null, null, 6, null, null, null, null, null,
                schedule(Optimizer.ADAM), distributed(out));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        new TrainWorkflow(spark, new HadoopFileStore(spark.sparkContext().hadoopConfiguration()),
                new PrintStream(log, true, StandardCharsets.UTF_8)).run(settings);

        LanguageModelFiles.Loaded model = LanguageModelFiles.load(new LocalFileStore(), out + "/model");
        assertEquals(6, model.info().hiddenSize());
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("model in " + out + "/model"), log.toString(StandardCharsets.UTF_8));
    }

    @Test
    void settingsAreCheckedWhenTheRecordIsMadeWithTheFlagsNamed() {
        InvalidSettingException hidden = assertThrows(InvalidSettingException.class, () -> new TrainSettings("d", null, null, 0, null,
                null, null, null, null, schedule(Optimizer.SGD), distributed("o")));
        assertEquals("--hidden must be at least 1, got 0", hidden.getMessage());
        InvalidSettingException lr = assertThrows(InvalidSettingException.class,
                () -> new Schedule(OptimizerSettings.SGD, 0, 1, 1, 0));
        assertEquals("--lr must be a positive number, got 0.0", lr.getMessage());
    }
}
