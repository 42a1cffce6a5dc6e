package lemon.llm;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.ModelParameters;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A user-supplied GGUF model (e.g. Llama-2-7B-chat) run in-process by llama.cpp over JNI, as a
 * LangChain4j ChatModel. Messages are joined with the Llama-2 chat template, which the
 * Llama-family GGUF files expect; 4,096 tokens of context as in the paper.
 */
public final class GgufChatModel implements ChatModel, AutoCloseable {
    private final LlamaModel model;

    public GgufChatModel(Path gguf) {
        if (!Files.isRegularFile(gguf)) {
            throw new IllegalArgumentException("GGUF model file not found: " + gguf.toAbsolutePath()
                    + " (set lemon.llm.gguf-path or --llm-model to an existing .gguf file)");
        }
        this.model = new LlamaModel(new ModelParameters()
                .setModel(gguf.toString())
                .setCtxSize(4096)
                .setThreads(Math.max(1, Runtime.getRuntime().availableProcessors())));
    }

    /**
     * One generation at a time: a call abandoned at a stage deadline goes on running, and the
     * next one must not share the native model with it.
     */
    @Override
    public synchronized ChatResponse doChat(ChatRequest request) {
        String prompt = llama2Prompt(request);
        String text = model.complete(new InferenceParameters(prompt)
                .setTemperature(0.2f)
                .setNPredict(1024)
                .setStopStrings("</s>", "[INST]"));
        return ChatResponse.builder().aiMessage(AiMessage.from(text.strip())).build();
    }

    static String llama2Prompt(ChatRequest request) {
        StringBuilder system = new StringBuilder();
        StringBuilder out = new StringBuilder();
        for (ChatMessage m : request.messages()) {
            if (m instanceof SystemMessage s) {
                system.append(s.text()).append('\n');
            } else if (m instanceof UserMessage u) {
                String sys =
                        system.isEmpty() ? "" : "<<SYS>>\n" + system.toString().strip() + "\n<</SYS>>\n\n";
                system.setLength(0);
                out.append("[INST] ").append(sys).append(u.singleText()).append(" [/INST]");
            } else if (m instanceof AiMessage a) {
                out.append(' ').append(a.text()).append(" </s><s>");
            }
        }
        return out.toString();
    }

    @Override
    public synchronized void close() {
        model.close();
    }
}
