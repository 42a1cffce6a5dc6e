package lemon.stage;

/** Where a stage runs when deployed: a light Lambda function, or the engine container (PyTorch, ONNX Runtime). */
public enum Placement {
    LAMBDA,
    ENGINE_CONTAINER
}
