package lemon.retrieval;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Precomputed C.D. pair embeddings, keyed by the database and head checksums they were made
 * from, so a retriever can skip encoding the bundled database at start-up.
 *
 * <p>File format ("LMPE", big-endian, DataOutputStream): magic "LMPE", int version 1, UTF db
 * checksum, UTF head checksum, int n, int dim, then n × (UTF id, dim floats), then 32 bytes of
 * SHA-256 over everything before.
 */
public record PairEmbeddings(String dbChecksum, String headChecksum, List<String> ids, float[][] vectors) {
    private static final byte[] MAGIC = {'L', 'M', 'P', 'E'};

    public PairEmbeddings {
        ids = List.copyOf(ids);
        if (ids.size() != vectors.length)
            throw new IllegalArgumentException(ids.size() + " ids but " + vectors.length + " vectors");
    }

    /** Whether these embeddings belong to this database, head and pair order. */
    public boolean matches(String db, String head, List<String> pairIds) {
        return dbChecksum.equals(db) && headChecksum.equals(head) && ids.equals(pairIds);
    }

    public void write(Path file) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream d = new DataOutputStream(bytes)) {
            d.write(MAGIC);
            d.writeInt(1);
            d.writeUTF(dbChecksum);
            d.writeUTF(headChecksum);
            int dim = vectors.length == 0 ? 0 : vectors[0].length;
            d.writeInt(vectors.length);
            d.writeInt(dim);
            for (int i = 0; i < vectors.length; i++) {
                d.writeUTF(ids.get(i));
                for (float v : vectors[i]) d.writeFloat(v);
            }
        }
        byte[] body = bytes.toByteArray();
        if (file.getParent() != null) Files.createDirectories(file.getParent());
        byte[] all = Arrays.copyOf(body, body.length + 32);
        System.arraycopy(sha256(body), 0, all, body.length, 32);
        Files.write(file, all);
    }

    /** Parses a file's bytes; IllegalArgumentException naming {@code name} when corrupt. */
    public static PairEmbeddings read(String name, byte[] bytes) {
        if (bytes.length < 36 || !Arrays.equals(Arrays.copyOf(bytes, 4), MAGIC)) {
            throw new IllegalArgumentException("pair embeddings " + name + " is not an LMPE file");
        }
        byte[] body = Arrays.copyOf(bytes, bytes.length - 32);
        if (!MessageDigest.isEqual(sha256(body), Arrays.copyOfRange(bytes, bytes.length - 32, bytes.length))) {
            throw new IllegalArgumentException(
                    "pair embeddings " + name + ": checksum mismatch (file corrupt or edited)");
        }
        try (DataInputStream d = new DataInputStream(new ByteArrayInputStream(body, 4, body.length - 4))) {
            if (d.readInt() != 1)
                throw new IllegalArgumentException("pair embeddings " + name + ": unsupported version");
            String db = d.readUTF(), head = d.readUTF();
            int n = d.readInt(), dim = d.readInt();
            List<String> ids = new ArrayList<>(n);
            float[][] vs = new float[n][dim];
            for (int i = 0; i < n; i++) {
                ids.add(d.readUTF());
                for (int j = 0; j < dim; j++) vs[i][j] = d.readFloat();
            }
            return new PairEmbeddings(db, head, ids, vs);
        } catch (IOException e) {
            throw new IllegalArgumentException("pair embeddings " + name + ": " + e.getMessage(), e);
        }
    }

    private static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
