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

    private final Map<String, Stage> stages = new LinkedHashMap<>();

    public StageCatalogue(List<Stage> stages) {
        for (Stage s : stages) {
            if (s.name().equals(IngestStage.NAME)
                    || s.name().equals(RECORD_FAILURE)
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

    /** The functions the workflow calls: every stage, and the failure handler. */
    public List<String> functions() {
        List<String> all = new ArrayList<>(names());
        all.add(RECORD_FAILURE);
        return all;
    }

    public Optional<Stage> find(String name) {
        return Optional.ofNullable(stages.get(name));
    }

    public Stage get(String name) {
        return find(name)
                .orElseThrow(() -> new IllegalArgumentException("no stage '" + name + "'; the stages are " + names()));
    }
}
