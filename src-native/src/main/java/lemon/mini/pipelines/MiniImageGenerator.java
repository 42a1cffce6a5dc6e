package lemon.mini.pipelines;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import javax.imageio.ImageIO;
import lemon.mini.models.TokenMapper;
import lemon.port.ImageGenerator;

/**
 * The ImageGenerator port over the bundled lemon-mini diffusion model. The model is loaded on
 * first use; each request's seed sets its start noise, so a recorded seed reproduces its 64×64
 * portrait ({@code lemon generate "<description>" --seed S -n 1} draws it again) or its 128×64
 * scene ({@link Canvas#SCENE}: the pipeline's {@link PortraitPipeline#sceneCanvas()}, upsampled).
 *
 * <p>Learned tokens replace their placeholders' input embeddings; a token's mapper (read through
 * {@link #withMappers}) offsets it per timestep and cross-attention layer. Requests are painted in
 * batches of one mapper and one canvas each (a batch is one tensor, so one shape), answers in
 * request order; requests without tokens take the plain path unchanged.
 */
public final class MiniImageGenerator implements ImageGenerator {
    private final PortraitPipeline.Sampling sampling;
    private final Model model;
    private final Function<String, Optional<byte[]>> mappers;

    /** The pipeline, loaded once and shared by the generators {@link #withMappers} and {@link #withSampling} derive. */
    private static final class Model {
        private PortraitPipeline pipeline;

        synchronized PortraitPipeline get() {
            if (pipeline == null) {
                try {
                    pipeline = PortraitPipeline.loadDefault();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot load the lemon-mini diffusion model: " + e.getMessage(), e);
                }
            }
            return pipeline;
        }
    }

    public MiniImageGenerator() {
        this(PortraitPipeline.Sampling.DEFAULT);
    }

    public MiniImageGenerator(PortraitPipeline.Sampling sampling) {
        this(sampling, new Model(), null);
    }

    private MiniImageGenerator(
            PortraitPipeline.Sampling sampling, Model model, Function<String, Optional<byte[]>> mappers) {
        this.sampling = sampling;
        this.model = model;
        this.mappers = mappers;
    }

    /** The same model (loaded once) reading token mappers from {@code mappers}. */
    @Override
    public MiniImageGenerator withMappers(Function<String, Optional<byte[]>> mappers) {
        return new MiniImageGenerator(sampling, model, Objects.requireNonNull(mappers));
    }

    /** The same model (loaded once) sampling with {@code other}: a draft run does not load a second copy. */
    public MiniImageGenerator withSampling(PortraitPipeline.Sampling other) {
        return new MiniImageGenerator(Objects.requireNonNull(other), model, mappers);
    }

    @Override
    public String name() {
        PortraitPipeline p = model.get();
        return "lemon-mini-diffusion (" + p.portraitCanvas() + " portraits, " + p.sceneCanvas() + " scenes, " + sampling
                + ", learned 2× upsampler; " + p.trainedSteps() + " training steps)";
    }

    /** Its text encoder knows only the lemon-mini world's caption words. */
    @Override
    public boolean readsFreeText() {
        return false;
    }

    /**
     * Each placeholder written into its anchor, the anchors shortened when the whole would not fit the text
     * encoder's window. Written in full, three people's anchors overran it in every three-person scene of the twelve
     * tales, and the end was cut: the last person's last words and the scene's closing ones ("looks on"); those
     * pictures showed the right number of people in 61% (57/94), the two-person ones in 84% (42/50). So, as Base's
     * descriptions are ({@code BasePrompts.paint}), each mention gets an equal share of what the
     * rest of the prompt leaves (placeholder included), and {@link PromptWindow#fit} drops filler
     * words first. A prompt that fits is written as before, word for word.
     */
    @Override
    public String withAnchors(String prompt, Map<String, String> anchors) {
        String whole = ImageGenerator.super.withAnchors(prompt, anchors);
        PromptWindow window = PromptWindow.bundled();
        if (wordsOf(whole, anchors.keySet(), window) <= window.maxWords()) return whole;
        int mentions = 0;
        for (var e : anchors.entrySet())
            if (e.getValue() != null && !e.getValue().isBlank()) mentions += occurrences(prompt, e.getKey());
        int share = window.share(wordsOf(prompt, anchors.keySet(), window), mentions);
        Map<String, String> fitted = new LinkedHashMap<>();
        anchors.forEach((ph, a) -> fitted.put(ph, a == null || a.isBlank() ? a : PromptWindow.fit(a, share, window)));
        return ImageGenerator.super.withAnchors(prompt, fitted);
    }

    /** How many of the window's words {@code text} takes, each placeholder one. */
    static int wordsOf(String text, java.util.Set<String> placeholders, PromptWindow window) {
        int marks = 0;
        for (String ph : placeholders) marks += occurrences(text, ph);
        for (String ph : placeholders) text = text.replace(ph, " ");
        return window.length(text) + marks;
    }

    private static int occurrences(String text, String placeholder) {
        int n = 0;
        for (int at = text.indexOf(placeholder); at >= 0; at = text.indexOf(placeholder, at + 1)) n++;
        return n;
    }

    /** Images per sampling batch: on 2 CPU cores a batch of 16 costs about a third per portrait of single ones. */
    static final int BATCH = 16;

    private static final System.Logger LOG = System.getLogger(MiniImageGenerator.class.getName());

    /** Requests painted together: one mapper (null: none) and one canvas. */
    private record Group(String mapperKey, Canvas canvas) {}

    @Override
    public List<byte[]> generate(List<Request> requests) {
        Map<Group, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < requests.size(); i++) {
            Request r = requests.get(i);
            groups.computeIfAbsent(new Group(mapperKey(r), r.canvas()), k -> new ArrayList<>())
                    .add(i);
        }
        PortraitPipeline pipeline = model.get();
        byte[][] out = new byte[requests.size()][];
        int done = 0;
        for (var group : groups.entrySet()) {
            String key = group.getKey().mapperKey();
            PortraitPipeline.CanvasSize canvas =
                    canvasSize(pipeline, group.getKey().canvas());
            try (TokenMapper mapper = key == null ? null : loadMapper(pipeline, key)) {
                List<Integer> idx = group.getValue();
                for (int from = 0; from < idx.size(); from += BATCH) {
                    List<Request> part = idx.subList(from, Math.min(idx.size(), from + BATCH)).stream()
                            .map(requests::get)
                            .toList();
                    List<BufferedImage> imgs = paint(pipeline, canvas, part, mapper);
                    for (int j = 0; j < imgs.size(); j++) out[idx.get(from + j)] = png(imgs.get(j));
                    done += part.size();
                    String line = "painted " + done + " of " + requests.size() + " images";
                    if (requests.size() > BATCH && !lemon.port.StageProgress.report(line))
                        LOG.log(System.Logger.Level.INFO, line);
                }
            }
        }
        return List.of(out);
    }

    private static PortraitPipeline.CanvasSize canvasSize(PortraitPipeline pipeline, Canvas canvas) {
        return switch (canvas) {
            case PORTRAIT -> pipeline.portraitCanvas();
            case SCENE -> pipeline.sceneCanvas();
        };
    }

    private List<BufferedImage> paint(
            PortraitPipeline pipeline, PortraitPipeline.CanvasSize canvas, List<Request> part, TokenMapper mapper) {
        List<String> descriptions = part.stream().map(Request::description).toList();
        List<Long> seeds = part.stream().map(Request::seed).toList();
        if (part.stream().allMatch(r -> r.tokens().isEmpty()))
            return pipeline.generateEach(canvas, descriptions, seeds, sampling);
        List<Map<String, float[]>> tokens = new ArrayList<>();
        for (Request r : part) {
            Map<String, float[]> t = new HashMap<>();
            r.tokens().forEach((placeholder, token) -> t.put(placeholder, token.embedding()));
            tokens.add(t);
        }
        return pipeline.generateEach(canvas, descriptions, seeds, tokens, mapper, sampling);
    }

    /** The one mapper a request's tokens name (null: none); tokens of one request cannot mix mappers. */
    private String mapperKey(Request r) {
        List<String> keys = r.tokens().values().stream()
                .map(LearnedToken::mapperKey)
                .distinct()
                .toList();
        if (keys.size() > 1)
            throw new IllegalArgumentException("the tokens of \"" + r.description() + "\" name different mappers "
                    + keys + "; one request, one mapper");
        String key = keys.isEmpty() ? null : keys.get(0);
        if (key != null && mappers == null) {
            // painting without the mapper would look like success; the caller has to say where mappers live
            throw new UnsupportedOperationException("token mapper " + key + " of \"" + r.description()
                    + "\" cannot be read: use withMappers to say where mappers are stored");
        }
        return key;
    }

    private TokenMapper loadMapper(PortraitPipeline pipeline, String key) {
        byte[] bytes = mappers.apply(key).orElseThrow(() -> new IllegalArgumentException("no token mapper " + key));
        try {
            return pipeline.loadMapper(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("token mapper " + key + " is unreadable: " + e.getMessage(), e);
        }
    }

    static byte[] png(BufferedImage img) {
        try {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            ImageIO.write(img, "png", buf);
            return buf.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
