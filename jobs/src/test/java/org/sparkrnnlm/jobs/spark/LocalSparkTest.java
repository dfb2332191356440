package org.sparkrnnlm.jobs.spark;

import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** One local[2] session per test class, stopped after it (abstract: Surefire runs only subclasses). */
public abstract class LocalSparkTest {
    protected static SparkSession spark;

    @BeforeAll
    static void startSpark() {
        spark = SparkSessions.create("test", "local[2]", List.of());
    }

    @AfterAll
    static void stopSpark() {
        if (spark != null) spark.stop();
        spark = null;
    }
}
