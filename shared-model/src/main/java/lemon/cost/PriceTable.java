package lemon.cost;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import lemon.run.Json;

/**
 * What a run's resources cost, dated: Lambda per GB-second and request (at the functions' memory), an
 * engine task per instance-hour (GPU or CPU), a state transition, a thousand LLM tokens in and out, a
 * thousand S3 requests of each price class (PUT, COPY, POST, LIST; GET and the rest). The bundled table
 * is a snapshot of list prices; a deployment configures its own ({@code lemon.cost.prices}).
 *
 * <p>A table written before a price was in it still loads: a missing field reads as 0, so a table
 * without the S3 fields prices S3 requests at nothing, as runs were priced before they were counted.
 * The counts stay in each manifest entry's usage, so a newer table prices them.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PriceTable(
        String date,
        String region,
        String currency,
        double lambdaGbSecond,
        double lambdaRequest,
        int lambdaMemoryMb,
        double gpuInstanceHour,
        double cpuInstanceHour,
        double stateTransition,
        double llmInputPer1k,
        double llmOutputPer1k,
        double s3PutPer1k,
        double s3GetPer1k) {
    static final String BUNDLED = "/lemon/cost/prices.json";

    public PriceTable {
        if (date == null || date.isBlank()) {
            throw new IllegalArgumentException("a price table needs the date its prices were taken");
        }
        if (lambdaGbSecond < 0
                || lambdaRequest < 0
                || lambdaMemoryMb < 128
                || gpuInstanceHour < 0
                || cpuInstanceHour < 0
                || stateTransition < 0
                || s3PutPer1k < 0
                || s3GetPer1k < 0) {
            throw new IllegalArgumentException("prices must be ≥ 0 and Lambda memory ≥ 128 MB");
        }
    }

    public static PriceTable bundled() {
        try (InputStream in = PriceTable.class.getResourceAsStream(BUNDLED)) {
            return Json.MAPPER.readValue(in, PriceTable.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static PriceTable load(Path file) {
        try {
            return Json.MAPPER.readValue(Files.readAllBytes(file), PriceTable.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the price table " + file + ": " + e.getMessage(), e);
        }
    }
}
