package lemon.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** application.properties keys under {@code lemon.}; the README lists them. */
@ConfigMapping(prefix = "lemon")
public interface LemonConfig {
    /** A folder ("./lemon-runs") or an S3 location ("s3://bucket/prefix"). */
    @WithDefault("./lemon-runs")
    String store();

    Ingest ingest();

    Llm llm();

    Cd cd();

    Guidance guidance();

    Images images();

    Loop loop();

    Validator validator();

    Cost cost();

    interface Ingest {
        @WithDefault("2097152")
        long maxBytes();

        @WithDefault("50")
        int minWords();
    }

    interface Llm {
        /**
         * offline | openai (an OpenAI-compatible server) | bedrock | sagemaker (a SageMaker
         * endpoint, signed InvokeEndpoint calls) | gguf
         */
        @WithDefault("offline")
        String provider();

        /** openai: the server's base URL; sagemaker: an optional runtime URL (a VPC endpoint's). */
        Optional<String> baseUrl();

        /** openai: the served model; bedrock: the model id; sagemaker: the endpoint's name; gguf: the file. */
        Optional<String> model();

        /** Name of the environment variable that holds the API key (never the key itself). */
        @WithDefault("LEMON_LLM_API_KEY")
        String apiKeyEnv();

        /** bedrock and sagemaker. */
        @WithDefault("us-east-1")
        String region();

        Optional<String> ggufPath();

        /**
         * sagemaker: the payload the endpoint's container takes; messages = the OpenAI-style
         * Messages API of TGI and LMI containers, tgi = TGI's text generation with a Llama-2 chat
         * prompt (JumpStart's Llama-2 endpoints).
         */
        @WithDefault("messages")
        String sagemakerFormat();

        @WithDefault("120s")
        Duration timeout();

        @WithDefault("3")
        int maxAttempts();

        /** Retries of one call after a timeout, throttling or a 5xx, with exponential back-off. */
        @WithDefault("3")
        int retries();

        /** The first back-off; it doubles per retry, up to 30 s, with jitter. */
        @WithDefault("1s")
        Duration backoff();

        /** All LLM work of one stage attempt, back-off included, must end within this. */
        @WithDefault("4m")
        Duration stageDeadline();
    }

    interface Images {
        /** The text-to-image adapter; {@code mini} = the bundled lemon-mini diffusion model. */
        @WithDefault(PipelineSettings.DEFAULT_IMAGE_MODEL)
        String model();

        /** DDIM steps per image: fewer is faster and rougher (a draft run, a load test). */
        @WithDefault("" + PipelineSettings.DEFAULT_IMAGE_STEPS)
        int steps();
    }

    /** The personalise → visualise → validate → refine loop (see PipelineSettings.Loop for the reasons). */
    interface Loop {
        /** 50 by default: on the twelve tales, longer training made the scenes less like the portraits (README) */
        @WithDefault("50")
        int personalizeSteps();

        @WithDefault("0.0")
        double clipThreshold();

        @WithDefault("0.05")
        double dropMargin();

        /**
         * alone | described: what each character's token stands beside (see PersonalizeStage.Tokens);
         * described by default: on the twelve tales it beat alone on consistency and people count
         */
        @WithDefault("described")
        String tokens();

        /**
         * whether scenes are painted with the tokens' NeTI mappers (see VisualizeStage); false by default:
         * on the twelve tales the scenes then showed the right number of people far more often (README)
         */
        @WithDefault("false")
        boolean sceneMapper();

        /**
         * whether the refine loop's accepted scene pairs train the NeTI mapper too, or only the tokens and
         * graph; false by default: on the twelve tales the loop then hurt the scenes less (issue 9's note)
         */
        @WithDefault("false")
        boolean scenePairsTrainMapper();

        /**
         * pictures the base model paints of each scene of two or more characters for the first
         * personalisation's scene pairs (see DescribedScenePairs); 0 = none, as in the paper; 2 by
         * default: on the twelve tales the loop then ended with more multi-character pictures right
         * (issue 9's note)
         */
        @WithDefault("2")
        int describedScenePairs();

        /**
         * world | description: what a described token's anchor keeps of the description (see
         * Personalizer.Anchor); description by default: on the twelve tales it painted characters
         * far more like their portraits (issue 9's note)
         */
        @WithDefault("description")
        String anchor();

        /** L, rounds of the graph network over the interaction graph (Eq. 2); 0 = no graph (the \Graph ablation) */
        @WithDefault("2")
        int graphRounds();

        /** λ, the weight of the ranking loss L_ct (Eq. 4); 0 = none (the \Lct ablation); README says why 0.03 */
        @WithDefault("0.03")
        double lambda();

        /** whether each token has a NeTI mapper M(t, layer); false = one vector per token (Textual Inversion) */
        @WithDefault("true")
        boolean mapper();

        /** m of L_ct's push apart, (1 − y)·max(0, CLIP − m); −1 = no floor, the paper's Eq. 4; README says why 0 */
        @WithDefault("0")
        double pushFloor();

        /** β of each token's pull β·‖e − c‖² towards its class word's embedding; 0 = none, the paper's; README says why 0.01 */
        @WithDefault("0.01")
        double tokenPull();
    }

    /** How descriptions are guided by C.D. examples (see PipelineSettings.Guidance). */
    interface Guidance {
        /** whether describe-characters sees the retrieved examples (the paper's in-context learning); false = \ICL */
        @WithDefault("true")
        boolean examples();

        /** trained (the matcher) | random (K examples drawn at random per character: the \Rank ablation) */
        @WithDefault("trained")
        String retrieval();
    }

    /** The refining module's people/gender validator (see lemon.vision.VisionSettings). */
    interface Validator {
        /** mini (the bundled lemon-mini validator) | openai | bedrock */
        @WithDefault("mini")
        String model();

        /** openai: the server's base URL (required); bedrock: an optional endpoint override. */
        Optional<String> url();

        /** openai: the served model's name (required); bedrock: the model id (a Llama 3.2 Vision default). */
        Optional<String> llmModel();

        /** bedrock only. */
        @WithDefault("us-east-1")
        String region();

        /** One call, image upload and answer included. */
        @WithDefault("120s")
        Duration timeout();
    }

    interface Cd {
        /** A JSONL file of C.D. pairs; empty means the bundled database. */
        Optional<String> database();
    }

    /** What runs are priced at and capped by (see PipelineSettings.Cost). */
    interface Cost {
        /** A price table file; empty means the bundled lemon/cost/prices.json. */
        Optional<String> prices();

        /** USD a tenant's runs started in a calendar month (UTC) may cost; empty means no cap. */
        Optional<Double> tenantMonthlyCap();
    }
}
