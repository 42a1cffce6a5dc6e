package lemon.stage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lemon.stage.ingest.IngestStage;

/**
 * Every stage of the workflow in order, by name: the one list from which the manifest's entries,
 * the progress lines and the contract test (ASL states, Funqy functions, Terraform's function
 * list) are derived. Ingest comes first and is run by {@link IngestStage}, since it creates the run.
 */
public final class StageCatalogue {
    /** The workflow's failure handler: a function of the ASL file, but not a stage of the run. */
    public static final String RECORD_FAILURE = "record-failure";
    /**
     * The refine loop's bookkeeping: whether another pass comes, and its iteration. A function of its
     * own because an engine stage run as a container task returns nothing the workflow can read.
     */
    public static final String NEXT_PASS = "next-pass";

    private final Map<String, Stage> stages = new LinkedHashMap<>();

    public StageCatalogue(List<Stage> stages) {
        for (Stage s : stages) {
            if (s.name().equals(IngestStage.NAME)
                    || s.name().equals(RECORD_FAILURE)
                    || s.name().equals(NEXT_PASS)
                    || this.stages.put(s.name(), s) != null) {
                throw new IllegalArgumentException("stage name '" + s.name() + "' is taken");
            }
        }
    }

    /** This catalogue with {@code extra} inserted before the stage named {@code before}. */
    public StageCatalogue with(Stage extra, String before) {
        List<Stage> all = new ArrayList<>();
        for (Stage s : stages.values()) {
            if (s.name().equals(before)) {
                all.add(extra);
            }
            all.add(s);
        }
        if (all.size() == stages.size()) {
            throw new IllegalArgumentException("no stage '" + before + "' to insert " + extra.name() + " before");
        }
        return new StageCatalogue(all);
    }

    public List<StageSpec> specs() {
        List<StageSpec> all = new ArrayList<>();
        all.add(IngestStage.SPEC);
        stages.values().forEach(s -> all.add(s.spec()));
        return all;
    }

    /** Stage names in workflow order, ingest first. */
    public List<String> names() {
        return specs().stream().map(StageSpec::name).toList();
    }

    /** The functions the workflow calls: every stage, the loop's bookkeeping and the failure handler. */
    public List<String> functions() {
        List<String> all = new ArrayList<>(names());
        all.add(NEXT_PASS);
        all.add(RECORD_FAILURE);
        return all;
    }

    /** The functions deployed in {@code placement}: its stages, and with the Lambdas the workflow's own two. */
    public List<String> functions(Placement placement) {
        List<String> out = new ArrayList<>(specs().stream()
                .filter(s -> s.placement() == placement)
                .map(StageSpec::name)
                .toList());
        if (placement == Placement.LAMBDA) {
            out.add(NEXT_PASS);
            out.add(RECORD_FAILURE);
        }
        return out;
    }

    public Optional<Stage> find(String name) {
        return Optional.ofNullable(stages.get(name));
    }

    public Stage get(String name) {
        return find(name)
                .orElseThrow(() -> new IllegalArgumentException("no stage '" + name + "'; the stages are " + names()));
    }
}
