package lemon.describe;

import java.util.Locale;
import java.util.regex.Pattern;

/** When a story is set, as far as its words tell: today, in the tales' past, or either. */
enum Era {
    TODAY,
    PAST,
    UNKNOWN;

    private static final Pattern TODAYS_WORDS = Pattern.compile(
            "(?i)\\b(phones?|telephones?|cars?|radios?|trains?|computers?|laptops?|tractors?|lorry|lorries|trucks?|"
                    + "buses|taxis?|airports?|planes?|helicopters?|television|emails?|clinics?|hospitals?|police|"
                    + "motorbikes?|bicycles?|cameras?|ferry|jeans|cigarettes?|supermarkets?|offices?|rockets?|"
                    + "spacecraft|orbit|docking|engineers?|scientists?|doctors?|nurses?|tracksuits?|stopwatch(?:es)?|"
                    + "championships?|teams?|football|schools?|classrooms?|teachers?|students?|detectives?|"
                    + "pathologists?|car park|suitcases?|cardigans?|raincoats?|sweaters?|hoodies?|sunglasses|vans?|"
                    + "postman|greenhouses?|post office)\\b");
    private static final Pattern TALES_WORDS = Pattern.compile(
            "(?i)\\b(kings?|queens?|princes?|princess(?:es)?|castles?|palaces?|kingdoms?|witch(?:es)?|fair(?:y|ies)|"
                    + "dwarfs?|giants?|enchantress|knights?|swords?|sultans?|caliphs?|viziers?|genies?|robbers|thieves|"
                    + "slaves?|scimitars?|djinns?|jinns?)\\b");
    /** Clothes and gear no one had in the tales' past. */
    private static final Pattern TODAYS_CLOTHES = Pattern.compile(
            "(?i)\\b(phones?|headset|jeans|t-shirt|trench coat|sunglasses|earpiece|jumpsuit|lab coat|flight suit|"
                    + "blaster|tablet|denim|cardigan|sweater|raincoat|tie|turtleneck|trousers|blouse|suit|hoodie|"
                    + "flight jacket)\\b");
    /** A western's gear, of neither the tales' time nor ours: Ali Baba's son and a relay runner wear none. */
    private static final Pattern WESTERN_GEAR = Pattern.compile(
            "(?i)\\b(guns?|gun belts?|pistols?|revolvers?|holsters?|stetson|duster coat|spurs|chaps|tin star)\\b");
    /** Clothes no one wears today. */
    private static final Pattern PAST_CLOTHES = Pattern.compile(
            "(?i)\\b(armour|helm|chain-mail|hauberk|tabard|surcoat|doublet|jerkin|hose|tunic|robe|crown|circlet|"
                    + "tiara|sceptre|scimitar|sword|longsword|breeches|smock|turban|caftan|mantle|kite shield|"
                    + "chain shirt|chain mail|mail shirt|cloak|cape|staff|water skin|rope belt|sash|gauntlets|"
                    + "bodice|kirtle|wimple|petticoats?)\\b");

    static Era of(String story) {
        long today = distinct(TODAYS_WORDS, story), past = distinct(TALES_WORDS, story);
        if (today >= 2 && today > past) return TODAY;
        if (past >= 2 && past > today) return PAST;
        return UNKNOWN;
    }

    private static long distinct(Pattern words, String text) {
        return words.matcher(text == null ? "" : text)
                .results()
                .map(r -> r.group().toLowerCase(Locale.ROOT))
                .distinct()
                .count();
    }

    boolean fits(String clothes) {
        return switch (this) {
            case TODAY ->
                !PAST_CLOTHES.matcher(clothes).find()
                        && !WESTERN_GEAR.matcher(clothes).find();
            case PAST ->
                !TODAYS_CLOTHES.matcher(clothes).find()
                        && !WESTERN_GEAR.matcher(clothes).find();
            case UNKNOWN -> true;
        };
    }
}
