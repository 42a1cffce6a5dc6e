package lemon.engine.matcher;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import lemon.cd.CdDatabase;
import lemon.port.CharacterRetriever;
import lemon.story.CdPair;
import lemon.story.CharacterMatch;

/**
 * The "LeMon\Rank" ablation: K C.D. pairs drawn at random per character. Deterministic for a
 * seed and character id, whatever the order of the request. Scores are 0.
 */
public final class RandomRetriever implements CharacterRetriever {
    private final CdDatabase db;
    private final long seed;

    public RandomRetriever(CdDatabase db, long seed) {
        this.db = db;
        this.seed = seed;
    }

    @Override
    public List<CharacterMatch> match(Map<String, List<String>> contextsByCharacterId, int k) {
        List<CharacterMatch> out = new ArrayList<>();
        for (String id : contextsByCharacterId.keySet()) {
            List<CdPair> all = new ArrayList<>(db.pairs());
            Collections.shuffle(all, new Random(seed * 31 + id.hashCode()));
            List<CharacterMatch.Scored> picked = new ArrayList<>();
            for (CdPair p : all.subList(0, Math.min(k, all.size()))) {
                picked.add(new CharacterMatch.Scored(p.id(), p.script(), p.character(), 0.0));
            }
            out.add(new CharacterMatch(id, picked));
        }
        return out;
    }

    @Override
    public CdPair pair(String cdId) {
        return db.byId(cdId);
    }

    @Override
    public String name() {
        return "random:seed=" + seed;
    }
}
