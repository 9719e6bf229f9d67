package org.postern.crypto;

import java.security.SecureRandom;
import java.util.List;
import java.util.StringJoiner;

import org.springframework.stereotype.Component;

/** Diceware codenames: seven words from the EFF large list, about 90 bits. */
@Component
public class CodenameGenerator {

    public static final int WORDS = 7;

    private final WordList words;
    private final SecureRandom random;

    CodenameGenerator(WordList words, SecureRandom random) {
        this.words = words;
        this.random = random;
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
