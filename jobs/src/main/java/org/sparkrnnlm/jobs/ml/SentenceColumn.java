package org.sparkrnnlm.jobs.ml;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The token column the language-model stages read: one sentence per row ({@code array<string>}),
 * or a row's sentences ({@code array<array<string>>}, as {@link CommentTokenizer} writes a
 * comment's), so the tokenizer's output feeds the estimator unchanged and every comment keeps its
 * row. Sentences without tokens are skipped, as train skips blank lines of a text file.
 */
final class SentenceColumn implements Serializable {
    private static final long serialVersionUID = 1L;
    static final DataType ONE_SENTENCE = DataTypes.createArrayType(DataTypes.StringType);
    static final DataType SENTENCES = DataTypes.createArrayType(ONE_SENTENCE);

    private final String name;
    private final int index;
    private final boolean nested;

    private SentenceColumn(String name, int index, boolean nested) {
        this.name = name;
        this.index = index;
        this.nested = nested;
    }

    /** The column {@code name} of {@code schema}, or an error that names it and the types it may have. */
    static SentenceColumn of(StructType schema, String name) {
        if (!Arrays.asList(schema.fieldNames()).contains(name)) {
            throw new IllegalArgumentException("input column '" + name + "' does not exist; the columns are "
                    + String.join(", ", schema.fieldNames()));
        }
        DataType type = schema.apply(name).dataType();
        if (!isSentence(type) && !(type instanceof ArrayType a && isSentence(a.elementType()))) {
            throw new IllegalArgumentException("input column '" + name + "' must be array<string> (one sentence's tokens)"
                    + " or array<array<string>> (a row's sentences), got " + type.simpleString());
        }
        return new SentenceColumn(name, schema.fieldIndex(name), !isSentence(type));
    }

    private static boolean isSentence(DataType type) {
        return type instanceof ArrayType a && a.elementType().equals(DataTypes.StringType);
    }

    int index() {
        return index;
    }

    /** Every row's sentences, in row order. */
    JavaRDD<List<String>> sentences(Dataset<?> data) {
        SentenceColumn selected = new SentenceColumn(name, 0, nested);
        return data.toDF().select(name).javaRDD().flatMap(row -> selected.of(row).iterator());
    }

    /** The sentences of one row. */
    List<List<String>> of(Row row) {
        List<List<String>> out = new ArrayList<>();
        if (row.isNullAt(index)) return out;
        if (!nested) {
            add(out, row.getList(index));
        } else {
            for (Object sentence : row.getList(index)) {
                if (sentence != null) add(out, tokens(sentence));
            }
        }
        return out;
    }

    private void add(List<List<String>> out, List<?> tokens) {
        List<String> sentence = new ArrayList<>(tokens.size());
        for (Object t : tokens) {
            if (t == null) throw new IllegalArgumentException("input column '" + name + "' holds a null token");
            sentence.add((String) t);
        }
        if (!sentence.isEmpty()) out.add(sentence);
    }

    /** An inner array as Spark hands it over: a Scala sequence under both Scala versions we build for. */
    private static List<?> tokens(Object sentence) {
        if (sentence instanceof List<?> list) return list;
        List<Object> out = new ArrayList<>();
        scala.collection.Iterator<?> it = ((scala.collection.Iterable<?>) sentence).iterator();
        while (it.hasNext()) out.add(it.next());
        return out;
    }
}
