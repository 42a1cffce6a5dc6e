package lemon.testing;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;
import lemon.port.LlmClient;

/**
 * Stands in for an LLM endpoint: answers from a script, in order, and records every prompt. An
 * entry may throw instead, to play a timeout or a throttled call.
 */
public final class ScriptedLlm implements LlmClient {
    private final Deque<Supplier<String>> script = new ArrayDeque<>();
    private final List<String> prompts = new ArrayList<>();

    public ScriptedLlm answer(String... answers) {
        for (String a : answers) {
            script.add(() -> a);
        }
        return this;
    }

    public ScriptedLlm fail(RuntimeException e) {
        script.add(() -> {
            throw e;
        });
        return this;
    }

    public List<String> prompts() {
        return List.copyOf(prompts);
    }

    @Override
    public String name() {
        return "scripted-llm";
    }

    @Override
    public synchronized String chat(String system, String user) {
        prompts.add(user);
        if (script.isEmpty()) {
            throw new IllegalStateException("the scripted LLM has no answer left for: " + user);
        }
        return script.poll().get();
    }
}
