package org.sparkrnnlm.core.model;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sparkrnnlm.core.store.ArrayChecksum;
import org.sparkrnnlm.core.store.FileStore;
import org.sparkrnnlm.core.store.ModelFormatException;
import org.sparkrnnlm.core.store.NpyArray;
import org.sparkrnnlm.core.store.Npz;
import org.sparkrnnlm.core.tensor.Dtype;
import org.sparkrnnlm.core.tensor.Parameters;

/**
 * What every model directory holds: params.npz (named arrays as numpy writes them) and model.json,
 * which carries a SHA-256 per array so that a torn or mixed-up write fails on load. Each model's
 * files class adds its checks (and the language model its vocabulary).
 */
public final class ModelDirectory {
    public static final String PARAMS = "params.npz";
    public static final String INFO = "model.json";

    private ModelDirectory() {
    }

    /** The parameters as read, and model.json when there is one (a bare numpy params.npz has none). */
    public record Contents<I extends ModelInfo>(Parameters parameters, I info, String paramsPath) {
    }

    public static void write(FileStore store, String dir, Parameters parameters, ModelInfo info) throws IOException {
        write(store, dir, parameters, Map.of(), info);
    }

    /** With integer vectors (int32 in the .npz, after the parameters) that are part of the model but not trained. */
    public static void write(FileStore store, String dir, Parameters parameters, Map<String, int[]> integers, ModelInfo info)
            throws IOException {
        LinkedHashMap<String, NpyArray> arrays = toNumpy(parameters);
        integers.forEach((name, values) -> arrays.put(name, NpyArray.ofInts(new long[] {values.length}, values)));
        try (OutputStream out = store.create(FileStore.join(dir, PARAMS))) {
            Npz.write(arrays, out);
        }
        try (OutputStream out = store.create(FileStore.join(dir, INFO))) {
            info.withChecksums(checksums(arrays)).write(out);
        }
    }

    /**
     * Reads model.json (which must name {@code kind}) and the named arrays (which must share one
     * float dtype), verifying checksums.
     */
    public static <I extends ModelInfo> Contents<I> read(FileStore store, String dir, Class<I> kind, List<String> names)
            throws IOException {
        Raw<I> raw = readRaw(store, dir, kind);
        try {
            return new Contents<>(fromNumpy(raw.arrays(), raw.paramsPath(), names), raw.info(), raw.paramsPath());
        } catch (ModelFormatException e) {
            throw e.getMessage().startsWith(raw.paramsPath()) ? e : new ModelFormatException(raw.paramsPath() + ": " + e.getMessage());
        }
    }

    /** Every array of params.npz as read (checksums verified), and model.json when there is one. */
    public record Raw<I extends ModelInfo>(Map<String, NpyArray> arrays, I info, String paramsPath) {
    }

    /** As {@link #read}, leaving the choice of arrays to the caller (a model whose arrays depend on model.json). */
    public static <I extends ModelInfo> Raw<I> readRaw(FileStore store, String dir, Class<I> kind) throws IOException {
        String params = FileStore.join(dir, PARAMS);
        if (!store.exists(params)) throw new FileNotFoundException("model directory " + dir + " has no " + PARAMS);
        I info = null;
        if (store.exists(FileStore.join(dir, INFO))) {
            ModelInfo any;
            try (InputStream in = store.open(FileStore.join(dir, INFO))) {
                any = ModelInfo.read(in);
            }
            if (!kind.isInstance(any)) {
                throw new ModelFormatException(dir + " holds a " + any.kind() + " model, not a "
                        + kindName(kind) + " model");
            }
            info = kind.cast(any);
        }
        try (InputStream in = store.open(params)) {
            LinkedHashMap<String, NpyArray> arrays = Npz.read(in);
            if (info != null) verify(arrays, info.checksums(), params);
            return new Raw<>(arrays, info, params);
        } catch (ModelFormatException e) {
            throw e.getMessage().startsWith(params) ? e : new ModelFormatException(params + ": " + e.getMessage());
        }
    }

    private static String kindName(Class<? extends ModelInfo> kind) {
        return kind == LanguageModelInfo.class ? "language" : "sequence regression";
    }

    private static Map<String, String> checksums(Map<String, NpyArray> arrays) {
        Map<String, String> sums = new LinkedHashMap<>();
        arrays.forEach((name, a) -> sums.put(name, ArrayChecksum.of(a)));
        return sums;
    }

    private static void verify(Map<String, NpyArray> arrays, Map<String, String> expected, String path) throws ModelFormatException {
        for (Map.Entry<String, String> e : expected.entrySet()) {
            NpyArray a = arrays.get(e.getKey());
            if (a == null || !ArrayChecksum.of(a).equals(e.getValue())) {
                throw new ModelFormatException(path + ": array " + e.getKey() + " does not match its checksum in model.json");
            }
        }
    }

    /** The named arrays out of an .npz, in row-major order; they must share one float dtype. */
    public static Parameters fromNumpy(Map<String, NpyArray> arrays, String path, List<String> names) throws ModelFormatException {
        LinkedHashMap<String, INDArray> out = new LinkedHashMap<>();
        Dtype dtype = null;
        for (String name : names) {
            NpyArray a = arrays.get(name);
            if (a == null) throw new ModelFormatException(path + " has no array " + name + " (found " + arrays.keySet() + ")");
            if (a.isInt()) throw new ModelFormatException(path + ": " + name + " is int32 ('<i4'), expected float32 or float64");
            if (a.shape().length < 1 || a.shape().length > 2) {
                throw new ModelFormatException(path + ": " + name + " has shape " + Arrays.toString(a.shape()) + ", expected a vector or a matrix");
            }
            Dtype d = a.isDouble() ? Dtype.DOUBLE : Dtype.FLOAT;
            if (dtype != null && d != dtype) throw new ModelFormatException(path + ": arrays mix float32 and float64");
            dtype = d;
            out.put(name, a.isDouble() ? Nd4j.create(a.doubles(), a.shape(), 'c') : Nd4j.create(a.floats(), a.shape(), 'c'));
        }
        return new Parameters(dtype, out);
    }

    /** A named int32 vector of an .npz. */
    public static int[] integers(Map<String, NpyArray> arrays, String path, String name) throws ModelFormatException {
        NpyArray a = arrays.get(name);
        if (a == null) throw new ModelFormatException(path + " has no array " + name + " (found " + arrays.keySet() + ")");
        if (!a.isInt() || a.shape().length != 1) {
            throw new ModelFormatException(path + ": " + name + " is " + a + ", expected an int32 vector");
        }
        return a.ints();
    }

    /** The arrays in numpy's row-major order. */
    public static LinkedHashMap<String, NpyArray> toNumpy(Parameters parameters) {
        LinkedHashMap<String, NpyArray> out = new LinkedHashMap<>();
        for (String name : parameters.names()) {
            INDArray a = parameters.get(name).dup('c');
            out.put(name, parameters.dtype() == Dtype.FLOAT
                    ? NpyArray.ofFloats(a.shape(), a.data().asFloat())
                    : NpyArray.ofDoubles(a.shape(), a.data().asDouble()));
        }
        return out;
    }
}
