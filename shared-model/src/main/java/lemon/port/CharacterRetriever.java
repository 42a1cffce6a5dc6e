package lemon.port;

import java.util.List;
import java.util.Map;
import lemon.story.CdPair;
import lemon.story.CharacterMatch;

/**
 * match-characters: the portrait-prompting model of §4.1. Encodes each character's context
 * windows and returns the top-K C.D. pairs by cosine similarity.
 */
public interface CharacterRetriever {
    /** @param contextsByCharacterId masked context windows (sentence ±1) per character id */
    List<CharacterMatch> match(Map<String, List<String>> contextsByCharacterId, int k);

    /** The C.D. pair with this id; throws IllegalArgumentException when unknown. */
    CdPair pair(String cdId);

    /** What did the retrieval, for the manifest ("minilm+head:sha256…", "random"). */
    String name();
}
