package lemon.mini.loaders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Minimal safetensors reader/writer: 8-byte little-endian header length, a JSON header
 * {name: {dtype, shape, data_offsets: [begin, end]}} (offsets relative to the data section),
 * then the raw little-endian tensor data. F32, F16 and BF16 are read (into float), F32/F16 written.
 * Files are read by random access (SD weights run to gigabytes); bytes in memory (from a blob store)
 * and output streams work the same way.
 */
public final class Safetensors implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One tensor's header entry. */
    public record Entry(String name, String dtype, long[] shape, long begin, long end) {
        public long elements() {
            long n = 1;
            for (long d : shape) n *= d;
            return n;
        }
    }

    /** A tensor in memory, as float32. */
    public record Tensor(long[] shape, float[] data) {}

    /** Random-access bytes: a file channel or an array. */
    private interface Source extends AutoCloseable {
        int read(ByteBuffer dst, long pos) throws IOException;

        long size() throws IOException;

        @Override
        void close() throws IOException;
    }

    private final Path path;
    private final String name;
    private final Source channel;
    private final long dataStart;
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final Map<String, String> metadata = new LinkedHashMap<>();

    private Safetensors(Path path) throws IOException {
        this(path, path.toString(), fileSource(FileChannel.open(path, StandardOpenOption.READ)));
    }

    private static Source fileSource(FileChannel ch) {
        return new Source() {
            public int read(ByteBuffer dst, long pos) throws IOException {
                return ch.read(dst, pos);
            }

            public long size() throws IOException {
                return ch.size();
            }

            public void close() throws IOException {
                ch.close();
            }
        };
    }

    private static Source byteSource(byte[] bytes) {
        return new Source() {
            public int read(ByteBuffer dst, long pos) {
                if (pos >= bytes.length) return -1;
                int n = (int) Math.min(dst.remaining(), bytes.length - pos);
                dst.put(bytes, (int) pos, n);
                return n;
            }

            public long size() {
                return bytes.length;
            }

            public void close() {}
        };
    }

    private Safetensors(Path path, String name, Source source) throws IOException {
        this.path = path;
        this.name = name;
        this.channel = source;
        try {
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(len, 0);
            long n = len.flip().getLong();
            if (n <= 0 || n > 100_000_000L || 8 + n > channel.size()) {
                throw new IOException(name + ": not a safetensors file (header length " + n + ")");
            }
            ByteBuffer hdr = ByteBuffer.allocate((int) n);
            readFully(hdr, 8);
            dataStart = 8 + n;
            JsonNode root = JSON.readTree(new String(hdr.array(), StandardCharsets.UTF_8));
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                var f = it.next();
                if (f.getKey().equals("__metadata__")) {
                    f.getValue()
                            .fields()
                            .forEachRemaining(
                                    m -> metadata.put(m.getKey(), m.getValue().asText()));
                    continue;
                }
                JsonNode v = f.getValue();
                long[] shape = new long[v.get("shape").size()];
                for (int i = 0; i < shape.length; i++)
                    shape[i] = v.get("shape").get(i).asLong();
                Entry e = new Entry(
                        f.getKey(),
                        v.get("dtype").asText(),
                        shape,
                        v.get("data_offsets").get(0).asLong(),
                        v.get("data_offsets").get(1).asLong());
                long expected = e.elements() * bytesPer(e.dtype());
                if (bytesPer(e.dtype()) > 0 && e.end() - e.begin() != expected) {
                    throw new IOException(name + ": tensor " + e.name() + " has " + (e.end() - e.begin())
                            + " bytes, shape needs " + expected);
                }
                entries.put(e.name(), e);
            }
        } catch (IOException | RuntimeException ex) {
            channel.close();
            throw ex;
        }
    }

    public static Safetensors open(Path path) throws IOException {
        return new Safetensors(path);
    }

    /** Reads safetensors bytes held in memory (e.g. fetched from a blob store); {@code name} is for messages. */
    public static Safetensors open(byte[] bytes, String name) throws IOException {
        return new Safetensors(null, name, byteSource(bytes));
    }

    /** The file read, or null when read from bytes. */
    public Path path() {
        return path;
    }

    public Map<String, Entry> entries() {
        return entries;
    }

    public Map<String, String> metadata() {
        return metadata;
    }

    /** Reads one tensor, converting F16/BF16 to float32. */
    public Tensor read(String name) throws IOException {
        Entry e = entries.get(name);
        if (e == null) throw new IllegalArgumentException(this.name + ": no tensor " + name);
        long bytes = e.end() - e.begin();
        if (bytes > Integer.MAX_VALUE) throw new IOException(this.name + ": tensor " + name + " too large");
        ByteBuffer buf = ByteBuffer.allocate((int) bytes).order(ByteOrder.LITTLE_ENDIAN);
        readFully(buf, dataStart + e.begin());
        buf.flip();
        float[] out = new float[(int) e.elements()];
        switch (e.dtype()) {
            case "F32" -> buf.asFloatBuffer().get(out);
            case "F16" -> {
                for (int i = 0; i < out.length; i++) out[i] = halfToFloat(buf.getShort());
            }
            case "BF16" -> {
                for (int i = 0; i < out.length; i++) out[i] = Float.intBitsToFloat((buf.getShort() & 0xffff) << 16);
            }
            default -> throw new IOException(this.name + ": tensor " + name + " has unsupported dtype " + e.dtype());
        }
        return new Tensor(e.shape(), out);
    }

    private void readFully(ByteBuffer buf, long pos) throws IOException {
        while (buf.hasRemaining()) {
            int r = channel.read(buf, pos);
            if (r < 0) throw new IOException(name + ": truncated");
            pos += r;
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** Writes tensors in insertion order as F32 or F16 ("F32"/"F16"). */
    public static void write(Path path, Map<String, Tensor> tensors, String dtype, Map<String, String> metadata)
            throws IOException {
        try (OutputStream out = Files.newOutputStream(path)) {
            write(out, tensors, dtype, metadata);
        }
    }

    /** As {@link #write(Path, Map, String, Map)} to a stream (left open). */
    public static void write(OutputStream sink, Map<String, Tensor> tensors, String dtype, Map<String, String> metadata)
            throws IOException {
        int per = bytesPer(dtype);
        if (!dtype.equals("F32") && !dtype.equals("F16"))
            throw new IllegalArgumentException("write F32 or F16, not " + dtype);
        ObjectNode header = JSON.createObjectNode();
        if (metadata != null && !metadata.isEmpty()) {
            ObjectNode m = header.putObject("__metadata__");
            // sorted: Map.of iterates in a different order in each JVM, and the same weights must give the same bytes
            new java.util.TreeMap<>(metadata).forEach(m::put);
        }
        long offset = 0;
        for (var t : tensors.entrySet()) {
            ObjectNode n = header.putObject(t.getKey());
            n.put("dtype", dtype);
            var shape = n.putArray("shape");
            for (long d : t.getValue().shape()) shape.add(d);
            long size = (long) t.getValue().data().length * per;
            n.putArray("data_offsets").add(offset).add(offset + size);
            offset += size;
        }
        byte[] json = JSON.writeValueAsBytes(header);
        int padded = (json.length + 7) / 8 * 8; // the format pads the header with spaces to 8 bytes
        byte[] hdr = new byte[padded];
        System.arraycopy(json, 0, hdr, 0, json.length);
        for (int i = json.length; i < padded; i++) hdr[i] = ' ';
        OutputStream out = new java.io.BufferedOutputStream(sink, 1 << 20);
        {
            out.write(ByteBuffer.allocate(8)
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .putLong(padded)
                    .array());
            out.write(hdr);
            for (Tensor t : tensors.values()) {
                float[] d = t.data();
                ByteBuffer buf = ByteBuffer.allocate(d.length * per).order(ByteOrder.LITTLE_ENDIAN);
                if (per == 4) buf.asFloatBuffer().put(d);
                else for (float f : d) buf.putShort(floatToHalf(f));
                out.write(buf.array());
            }
            out.flush();
        }
    }

    static int bytesPer(String dtype) {
        return switch (dtype) {
            case "F32", "I32" -> 4;
            case "F16", "BF16", "I16" -> 2;
            case "F64", "I64" -> 8;
            case "U8", "I8", "BOOL" -> 1;
            default -> -1;
        };
    }

    /** IEEE 754 binary16 → float (Java 17 has no Float.float16ToFloat). */
    static float halfToFloat(short h) {
        int bits = h & 0xffff;
        int sign = (bits & 0x8000) << 16, exp = (bits >>> 10) & 0x1f, mant = bits & 0x3ff;
        if (exp == 0x1f) return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13)); // inf / NaN
        if (exp == 0) { // zero or subnormal: mant · 2^-24
            float v = mant * 0x1p-24f;
            return sign != 0 ? -v : v;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }

    /** float → binary16, round to nearest even, overflow to infinity. */
    static short floatToHalf(float f) {
        int bits = Float.floatToRawIntBits(f);
        int sign = (bits >>> 16) & 0x8000;
        int exp = (bits >>> 23) & 0xff, mant = bits & 0x7fffff;
        if (exp == 0xff) return (short) (sign | 0x7c00 | (mant != 0 ? 0x200 : 0));
        int e = exp - 127 + 15;
        if (e >= 0x1f) return (short) (sign | 0x7c00);
        if (e <= 0) { // subnormal half (or zero)
            if (e < -10) return (short) sign;
            int m = mant | 0x800000;
            int shift = 14 - e;
            int half = m >> shift;
            int rem = m & ((1 << shift) - 1), mid = 1 << (shift - 1);
            if (rem > mid || (rem == mid && (half & 1) == 1)) half++;
            return (short) (sign | half);
        }
        int half = (e << 10) | (mant >> 13);
        int rem = mant & 0x1fff;
        if (rem > 0x1000 || (rem == 0x1000 && (half & 1) == 1)) half++; // may carry into the exponent: correct
        return (short) (sign | half);
    }
}
