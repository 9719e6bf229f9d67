package org.postern.crypto;

import java.security.SecureRandom;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;

import org.springframework.stereotype.Component;

/** Diceware codenames: seven words from the EFF large list, about 90 bits. */
@Component
public class CodenameGenerator {

    public static final int WORDS = 7;

    private final WordList words;
    private final SecureRandom random;
    private final Set<String> known;

    CodenameGenerator(WordList words, SecureRandom random) {
        this.words = words;
        this.random = random;
        this.known = Set.copyOf(words.words());
    }

    /**
     * Whether this could be a codename the server made: seven words from the list. Anything else is refused
     * before it costs an Argon2 run or a turn of the guessing budget.
     */
    public boolean couldHaveMade(Codename codename) {
        String[] parts = codename.revealToSource().split(" ");
        if (parts.length != WORDS) {
            return false;
        }
        for (String part : parts) {
            if (!known.contains(part)) {
                return false;
            }
        }
        return true;
    }

    public Codename generate() {
        StringJoiner joiner = new StringJoiner(" ");
        List<String> list = words.words();
        for (int i = 0; i < WORDS; i++) {
            joiner.add(list.get(random.nextInt(list.size())));
        }
        return Codename.parse(joiner.toString());
    }
}
