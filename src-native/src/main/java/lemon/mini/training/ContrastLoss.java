package lemon.mini.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import lemon.mini.models.Nn;

/**
 * The batch-level character contrastive loss L_ct of Eq. 4 over CLIP image embeddings of the
 * denoised samples x̂: pairs of the same character are pulled up to a similarity of at least δ
 * (hinge: y·max(0, δ − CLIP)), pairs of different characters are pushed down ((1 − y)·CLIP, or with a
 * floor m > −1 (1 − y)·max(0, CLIP − m): pairs already less alike than m are left alone).
 * Each kind of pair is averaged on its own, so the batch's mix of characters does not weigh one
 * against the other; a kind with no pair in the batch adds nothing. Scalars go through
 * {@link Nn#scale}, which keeps them alive for the backward pass.
 */
final class ContrastLoss {
    private ContrastLoss() {}

    /**
     * @param embeddings L2-normalised image embeddings [B, E]
     * @param character  each sample's character index
     * @param use        which samples take part (e.g. those whose x̂ is not mostly noise)
     * @param pushFloor  m of the push's floor; −1 (or less) is no floor, the paper's term
     */
    static NDArray of(NDArray embeddings, int[] character, boolean[] use, float delta, float pushFloor) {
        int b = character.length;
        float[] same = new float[b * b], different = new float[b * b];
        int nSame = 0, nDifferent = 0;
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < b; j++) {
                if (i == j || !use[i] || !use[j]) continue;
                if (character[i] == character[j]) {
                    same[i * b + j] = 1;
                    nSame++;
                } else {
                    different[i * b + j] = 1;
                    nDifferent++;
                }
            }
        }
        var m = embeddings.getManager();
        NDArray loss = m.zeros(new Shape());
        if (nSame + nDifferent == 0) return loss;
        NDArray sim = embeddings.matMul(embeddings.transpose());
        if (nSame > 0) {
            NDArray below = Activation.relu(sim.neg().add(delta)); // max(0, δ − CLIP)
            loss = loss.add(Nn.scale(below.mul(m.create(same, new Shape(b, b))).sum(), 1f / nSame));
        }
        if (nDifferent > 0) {
            NDArray above = pushFloor <= -1 ? sim : Activation.relu(sim.sub(pushFloor)); // max(0, CLIP − m)
            loss = loss.add(Nn.scale(
                    above.mul(m.create(different, new Shape(b, b))).sum(), 1f / nDifferent));
        }
        return loss;
    }
}
