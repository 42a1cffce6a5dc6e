package lemon.mini.models;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * PyTorch's grad mode off for the current thread until closed, then as it was. Grad mode is per
 * thread and on by default (only the thread that starts the engine gets it off), so a workflow
 * task's thread that paints or scores would record the autograd graph of every operation: about
 * 2 GB kept per batch of eight scenes, found when one JVM ran several stories. Every inference
 * entry point opens one.
 */
public final class NoGrad implements AutoCloseable {
    private final boolean was;

    private NoGrad() {
        Engine.getEngine("PyTorch"); // loads libtorch before the JNI call
        was = JniUtils.isGradMode();
        if (was) JniUtils.setGradMode(false);
    }

    public static NoGrad enter() {
        return new NoGrad();
    }

    /** Whether autograd records on this thread now. */
    public static boolean recording() {
        Engine.getEngine("PyTorch");
        return JniUtils.isGradMode();
    }

    @Override
    public void close() {
        if (was) JniUtils.setGradMode(true);
    }
}
