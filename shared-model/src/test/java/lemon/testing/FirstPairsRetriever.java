package lemon.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lemon.cd.CdDatabase;
import lemon.port.CharacterRetriever;
import lemon.story.CdPair;
import lemon.story.CharacterMatch;

/**
 * A stand-in for the trained matcher (which lives with the tensor engine): the i-th character gets
 * pairs i..i+k-1 of the bundled C.D. database. Records the contexts it was handed.
 */
public final class FirstPairsRetriever implements CharacterRetriever {
    private final List<CdPair> pairs = CdDatabase.bundled().pairs();
    private final Map<String, List<String>> contexts = new LinkedHashMap<>();

    public Map<String, List<String>> contexts() {
        return Map.copyOf(contexts);
    }

    @Override
    public List<CharacterMatch> match(Map<String, List<String>> contextsByCharacterId, int k) {
        contexts.putAll(contextsByCharacterId);
        List<CharacterMatch> out = new ArrayList<>();
        int i = 0;
        for (String id : contextsByCharacterId.keySet()) {
            List<CharacterMatch.Scored> scored = new ArrayList<>();
            for (int j = 0; j < k; j++) {
                CdPair p = pairs.get(i + j);
                scored.add(new CharacterMatch.Scored(p.id(), p.script(), p.character(), 1.0 - 0.1 * j));
            }
            out.add(new CharacterMatch(id, scored));
            i++;
        }
        return out;
    }

    @Override
    public CdPair pair(String cdId) {
        return CdDatabase.bundled().byId(cdId);
    }

    @Override
    public String name() {
        return "first-pairs";
    }
}
