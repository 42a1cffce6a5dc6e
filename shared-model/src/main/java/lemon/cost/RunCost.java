package lemon.cost;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import lemon.port.StageAttempt;
import lemon.run.RunManifest;
import lemon.run.StageState;
import lemon.stage.Placement;
import lemon.stage.StageKey;

/**
 * What a run has cost so far at a price table's prices, from the time each stage entry took (every
 * attempt that ran: done or failed) and where the stage runs: a light function as a Lambda of the
 * table's memory, an engine stage as an instance-hour share of a GPU (CPU for match-characters, as
 * Terraform places it), the LLM tokens its entry recorded (as the provider counted them), the store
 * requests it recorded (S3's PUT and GET classes; bytes are not priced: transfer into S3, and out of
 * it to a function in its region, is free), and about two state transitions per stage entry. Locally
 * it prices this machine's times and store requests as if they had been spent on AWS.
 */
public record RunCost(
        PriceTable prices,
        double lambda,
        double engine,
        double transitions,
        double llm,
        double s3,
        Map<String, Double> byStage) {
    /** The engine stages Terraform runs on the CPU capacity provider; the others get a GPU. */
    static final Set<String> CPU_STAGES = Set.of("match-characters");

    public double total() {
        return lambda + engine + transitions + llm + s3;
    }

    public static RunCost of(RunManifest m, Function<String, Placement> placementOf, PriceTable p) {
        double lambda = 0, engine = 0, llm = 0, s3 = 0;
        int entries = 0;
        Map<String, Double> byStage = new LinkedHashMap<>();
        for (var e : m.stages().entrySet()) {
            StageState s = e.getValue();
            if (s.millis() == null) {
                continue;
            }
            entries++;
            String stage = StageKey.parse(e.getKey()).stage();
            double seconds = s.millis() / 1000.0;
            double cost;
            if (placementOf.apply(stage) == Placement.ENGINE_CONTAINER) {
                cost = seconds / 3600 * (CPU_STAGES.contains(stage) ? p.cpuInstanceHour() : p.gpuInstanceHour());
                engine += cost;
            } else {
                cost = seconds * p.lambdaMemoryMb() / 1024.0 * p.lambdaGbSecond() + p.lambdaRequest();
                lambda += cost;
            }
            double tokens = s.usage().getOrDefault("llmInputTokens", 0L) / 1000.0 * p.llmInputPer1k()
                    + s.usage().getOrDefault("llmOutputTokens", 0L) / 1000.0 * p.llmOutputPer1k();
            llm += tokens;
            double requests = s.usage().getOrDefault(StageAttempt.S3_PUT_REQUESTS, 0L) / 1000.0 * p.s3PutPer1k()
                    + s.usage().getOrDefault(StageAttempt.S3_GET_REQUESTS, 0L) / 1000.0 * p.s3GetPer1k();
            s3 += requests;
            byStage.merge(stage, cost + tokens + requests, Double::sum);
        }
        double transitions = entries == 0 ? 0 : (2.0 * entries + 2) * p.stateTransition();
        return new RunCost(p, lambda, engine, transitions, llm, s3, byStage);
    }

    /**
     * "$0.0213 at us-east-1 prices of 2026-11-01 (Lambda $0.0003, engine tasks $0.0207, LLM tokens $0.0000,
     * S3 requests $0.0001, state transitions $0.0003)"
     */
    public String line() {
        return String.format(
                Locale.ROOT,
                "$%.4f at %s prices of %s (Lambda $%.4f, engine tasks $%.4f, LLM tokens $%.4f, S3 requests $%.4f,"
                        + " state transitions $%.4f)",
                total(),
                prices.region(),
                prices.date(),
                lambda,
                engine,
                llm,
                s3,
                transitions);
    }

    /** For JSON outputs: the total, its parts and the table's date. */
    public Map<String, Object> asMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("total", round(total()));
        out.put("currency", prices.currency());
        out.put("lambda", round(lambda));
        out.put("engineTasks", round(engine));
        out.put("llmTokens", round(llm));
        out.put("s3Requests", round(s3));
        out.put("stateTransitions", round(transitions));
        out.put("pricesDate", prices.date());
        out.put("pricesRegion", prices.region());
        return out;
    }

    private static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }
}
