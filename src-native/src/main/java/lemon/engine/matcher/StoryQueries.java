package lemon.engine.matcher;

import java.util.List;

/**
 * Hand-written, story-style context windows (narration, not screenplay; names already masked),
 * each labelled with the archetype a good match should have. None of these sentences occurs in
 * the C.D. database, so they test paraphrase rather than phrase overlap.
 */
final class StoryQueries {
    record Query(String archetype, String window) {}

    private StoryQueries() {}

    static final List<Query> ALL = List.of(
            new Query(
                    "woodcutter",
                    "There once lived a poor man who earned his bread by cutting wood in the forest. One day, while someone was gathering sticks, he saw a troop of horsemen ride up to a great rock. When they had gone, he spoke the magic words, the rock opened, and inside lay heaps of gold and silver."),
            new Query(
                    "woodcutter",
                    "someone carried home as many bags of coins as his three asses could bear. His wife was frightened when she saw the money, thinking he had stolen it. He told her to keep quiet and dig a hole in the yard to hide it."),
            new Query(
                    "greedy-brother",
                    "someone was rich, for he had married a wealthy wife, and he despised his poor brother. When he heard of the gold, he could not sleep for envy. He went to the cave with ten mules, but once inside he could not remember the word, and he was trapped among the treasure."),
            new Query(
                    "merchants-wife",
                    "someone was curious to know what sort of grain her poor sister-in-law wished to measure, so she put some fat at the bottom of the measure. When it came back, a piece of gold was sticking to it, and she ran to her husband in a jealous fury."),
            new Query(
                    "clever-servant",
                    "someone, a slave girl of great wit, went to the yard for oil to fill her lamp and heard a voice from inside a jar asking whether it was time. She quietly heated the oil and killed every robber hidden in the jars, and told nobody."),
            new Query(
                    "clever-servant",
                    "When the guest would not eat any salt, someone grew suspicious and looked at him closely. She put on a dancer's dress, hid a dagger in her girdle and danced before him, and when the moment came she stabbed him to save her master."),
            new Query(
                    "robber-chief",
                    "The captain of the forty thieves flew into a rage when he found the body gone and the gold missing. someone swore that he would find the man who knew their secret, and he disguised himself as a merchant with mules carrying leather jars of oil."),
            new Query(
                    "henchman",
                    "One of the thieves went into the town to learn who had stolen the gold. someone met an old cobbler at his stall, bribed him with a coin, and marked the door of the house with chalk, but when he brought his companions every door in the street was marked."),
            new Query(
                    "stepmother",
                    "The new wife was beautiful but proud and could not bear that anyone should be more beautiful than she. Every morning someone asked her looking-glass who was fairest of all, and when it named her stepdaughter she turned yellow and green with envy."),
            new Query(
                    "stepmother",
                    "someone gave the girl the hardest work in the house while her own two daughters sat by the fire. When the invitation to the king's festival came, she threw a dish of lentils into the ashes and said the girl could go only if she picked them all out in two hours."),
            new Query(
                    "brave-tailor",
                    "A little tailor sat at his table by the window sewing, when the flies came to his jam. He struck at them with a cloth and counted seven dead, and someone was so proud that he stitched a belt that said seven at one blow and went out into the world."),
            new Query(
                    "brave-tailor",
                    "The giant picked up a stone and squeezed it until water dripped out. someone took a soft cheese from his pocket and squeezed it until the whey ran, and the giant could not believe that so small a man was so strong."),
            new Query(
                    "witch",
                    "The old woman who lived in the house of bread and cake was really a wicked witch who lay in wait for children. someone shut the boy in a stable behind a grating and every morning she felt his finger to see whether he was getting fat enough to eat."),
            new Query(
                    "witch",
                    "An enchantress kept the girl in a tower in the forest that had neither stairs nor door. Whenever someone wanted to go in, she stood beneath the window and called for the girl to let down her hair, and she climbed up the long golden braids."),
            new Query(
                    "king",
                    "The king promised that whoever killed the two giants who were robbing and burning in his land should have his only daughter for a wife and half the kingdom as a dowry. someone was not pleased to give her to a stranger, and he thought of ways to get rid of the hero."),
            new Query(
                    "princess",
                    "The king's daughter grew up so lovely and kind that everyone loved her. On her fifteenth birthday someone climbed the old tower, found an old woman spinning, touched the spindle and fell at once into a deep sleep."),
            new Query(
                    "prince",
                    "After a hundred years a king's son came riding through the land and heard of the castle hidden behind the hedge of thorns. someone was not afraid; the thorns turned into flowers before him, and he found the sleeping girl and kissed her."),
            new Query(
                    "giant",
                    "someone was a huge fellow who sat at the top of the mountain looking peacefully about him. He tore up a young tree by the roots and carried it away, and at night he struck the bed with a great iron bar so hard that it broke in two."),
            new Query(
                    "wise-elder",
                    "Her fairy godmother came to see her weeping by the fire. someone touched a pumpkin with her wand and it became a fine gilded coach, and she turned six mice into horses, but she warned her goddaughter to leave the ball before midnight."),
            new Query(
                    "orphan-child",
                    "The two children were left alone in the middle of the forest when the fire had burned out. someone comforted his little sister and said they would find the way home when the moon rose, and he followed the white pebbles that shone like new silver coins."),
            new Query(
                    "huntsman",
                    "The queen ordered a huntsman to take the child into the forest and kill her. But when he had drawn his knife and someone was about to pierce her heart, she began to weep and begged for her life, and he had pity on her and let her run away."),
            new Query(
                    "youngest-son",
                    "The youngest of the three brothers, whom everyone called a simpleton, set out last. On the road someone met a little grey man who asked him for something to eat, and he gladly shared his cake and sour beer, and so he was told where to find the golden goose."),
            new Query(
                    "detective",
                    "When the lights came back on, the diplomat was gone. someone, an inspector who had only wanted to get home, showed her badge, ordered the crew to keep the ferry where it was, and began asking each passenger where they had been standing."),
            new Query(
                    "bodyguard",
                    "The big man who had been hired to protect the diplomat kept insisting he had never looked away from his employer. someone stood by the rail with his hands clenched, his jacket open over a holster, and refused to say who had paid him."),
            new Query(
                    "con-artist",
                    "The smooth-talking stranger arrived with a wagon of bottles and promised the townsfolk a cure for every ailment. By the time they found out the medicine was only coloured water, someone had left town with their savings and a new name."),
            new Query(
                    "young-heroine",
                    "Every year she made the paper lanterns for the festival, and this year the mayor had hired someone else. She went to her rival's workshop to see his famous lanterns, determined to hate them, and came away unable to stop thinking about him."),
            new Query(
                    "charming-rival",
                    "The glassblower from the city was handsome and sure of himself, and his lanterns were said to burn even in the rain. Yet when the storm came and his lamps cracked, someone admitted that hers were the ones people stopped to look at."),
            new Query(
                    "innkeeper",
                    "The baker was a cheerful giant of a man who had spent three days making the wedding cake. someone loaded it carefully into the car and warned that the sugar swan on top was the most important part."),
            new Query(
                    "anxious-organiser",
                    "She had one job at her sister's wedding: to collect the cake and drive it slowly to the manor. someone checked her list again and again, but the swan slid off on the first bend and she spent the afternoon trying to hide the disaster from the guests."),
            new Query(
                    "veteran-guide",
                    "The old man had crossed the salt flats twice before and knew where every well lay. someone walked at night and rested in the shade by day, and he told the young merchant that the desert forgave nothing and forgot nothing."),
            new Query(
                    "captain",
                    "The storm drove the ship toward the rocks, and the crew wanted to abandon her. someone stood at the wheel all night, shouting orders into the wind, and swore he would bring every sailor home alive."),
            new Query(
                    "sheriff",
                    "The lawman had kept the peace in the little frontier town for twenty years. When the gang rode in, someone buckled on his gun belt, pinned on the star and walked out alone into the dusty street to meet them."),
            // Written after the head's settings were chosen on the queries above: a fresh check.
            new Query(
                    "woodcutter",
                    "The honest fellow lived by selling bundles of sticks at the market. After he found the robbers' hoard, someone took only a little at a time, and he asked his brother to lend him scales so he could weigh his new fortune."),
            new Query(
                    "greedy-brother",
                    "someone owned the finest shop in the bazaar and never gave a penny to the beggars. He sneered at his brother's poverty until he learned of the cave, and then he could think of nothing but carrying off every last coin."),
            new Query(
                    "merchants-wife",
                    "The rich man's wife loved fine clothes and jewels more than anything. When someone learned that her poor relations had suddenly become wealthy, she nagged her husband day and night until he went to find the source."),
            new Query(
                    "robber-chief",
                    "The leader of the bandits was a cunning and ruthless man. someone sent his men one after another to find the thief, and when they failed he had them put to death and went himself."),
            new Query(
                    "henchman",
                    "The youngest of the robbers was sent ahead to spy in the city. someone crept from house to house at night, and when he thought he had found the right door he marked it and hurried back to his chief."),
            new Query(
                    "stepmother",
                    "After the father married again, the new mistress of the house made the girl sleep among the cinders. someone dressed her own daughters in silk and laughed when the poor child asked to go to the feast."),
            new Query(
                    "witch",
                    "In the heart of the wood lived a wicked old crone who knew every poison that grew there. someone cast a spell on the young prince and turned him into a frog, cackling as she hobbled back into her hut."),
            new Query(
                    "king",
                    "The old ruler sat on his throne and sighed, for none of the suitors pleased his daughter. someone proclaimed that any man who could make her laugh would be given her hand and half his realm."),
            new Query(
                    "princess",
                    "The young royal daughter was spoiled and proud and mocked every suitor who came to the palace. Yet when someone met the poor musician in the garden, she forgot her pride and fell in love."),
            new Query(
                    "prince",
                    "The king's son rode out from his father's court to find the girl who had lost her shoe on the palace stairs. someone tried the slipper on every maiden in the land until at last it fitted."),
            new Query(
                    "giant",
                    "A monstrous man lived in a castle above the clouds and ate cattle for breakfast. someone came home stamping so hard that the whole castle shook, and he sniffed the air for the smell of a boy."),
            new Query(
                    "clever-servant",
                    "The little maid was far cleverer than her masters guessed. When thieves crept into the house, someone tricked them into the cellar, locked the door and ran for the watch before anyone woke."),
            new Query(
                    "wise-elder",
                    "The old grandmother had seen many winters and gave the wisest counsel in the village. someone listened to her granddaughter's worries by the stove and told her to follow her heart but keep her eyes open."),
            new Query(
                    "brave-tailor",
                    "The tailor was small and thin, but he was cleverer than any giant. someone tricked the brute into carrying the trunk of a tree while he sat on the branches, and then boasted that he had carried the heavier end."),
            new Query(
                    "orphan-child",
                    "The little boy had no mother or father and slept in a doorway. someone wandered the cold streets looking for a crust of bread until a kind old woman took him in."),
            new Query(
                    "knight",
                    "The young warrior in shining armour rode out to face the dragon that had burned the villages. someone raised his shield against the flames and drove his lance deep into the beast's throat."),
            new Query(
                    "huntsman",
                    "The forester heard cries from the old woman's cottage and went in with his gun. someone found the wolf asleep in the bed and cut it open, and out stepped the little girl and her grandmother."),
            new Query(
                    "youngest-son",
                    "The two elder princes laughed at their foolish brother, but it was he who brought back the magic water. someone was kind to every creature he met on the road, and each of them helped him in return."),
            new Query(
                    "innkeeper",
                    "The landlord of the tavern knew every traveller who passed through the valley. someone poured ale, listened to the gossip and kept a sharp eye on the strangers who sat in the corner."),
            new Query(
                    "scientist",
                    "The doctor had worked alone in her laboratory for years. someone finally isolated the cure, held the glowing vial up to the light, and realised that the company meant to sell it as a weapon."),
            new Query(
                    "captain",
                    "The commander of the starship refused to leave her crew behind on the dying planet. someone ordered the engines to full power and steered through the asteroid field by hand."),
            new Query(
                    "con-artist",
                    "The charming swindler sold the same bridge to three different buyers in a single week. someone smiled, shook hands, pocketed the money and was on the next train out of the city."),
            new Query(
                    "detective",
                    "The investigator arrived at the mansion the morning after the murder. someone examined the broken window, noticed the mud on the butler's boots, and said nothing until everyone was gathered in the library."),
            new Query(
                    "outlaw-rebel",
                    "The bandit was a hero to the poor and a curse to the governor. someone held up the tax wagon in the canyon and handed the gold out to the starving families of the valley."),
            new Query(
                    "scheming-noble",
                    "The duke smiled at the young king while plotting to take the crown. someone bribed the guards, poisoned the royal wine, and waited in the shadows for the news."));
}
