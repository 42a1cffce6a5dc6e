package lemon.pipeline;

import java.util.List;

/** Stage names: the Funqy function names and the keys of manifest.stages. */
public final class Stages {
    public static final String INGEST = "ingest";
    public static final String ANALYZE = "analyze-story";
    public static final String MATCH = "match-characters";
    public static final String DESCRIBE = "describe-characters";
    public static final String PORTRAITS = "generate-portraits";
    public static final String PUBLISH = "publish";

    public static final List<String> ORDER = List.of(INGEST, ANALYZE, MATCH, DESCRIBE, PORTRAITS, PUBLISH);

    /** The files each stage writes, relative to the run folder. */
    public static final String STORY = "story.txt";
    public static final String CHARACTERS = "characters.json";
    public static final String SCENES = "scenes.json";
    public static final String GRAPH = "graph.json";
    public static final String GRAPH_SVG = "graph.svg";
    public static final String ANALYSIS_WARNINGS = "analysis-warnings.json";
    public static final String MATCHES = "matches.json";
    public static final String DESCRIPTIONS = "descriptions.json";
    public static final String PORTRAITS_JSON = "portraits.json";
    public static final String PORTRAIT_DIR = "portraits/";
    public static final String REPORT = "report.html";

    private Stages() {}
}
