package org.postern.review.enrol;

import java.security.SecureRandom;
import java.util.List;
import java.util.StringJoiner;

import org.postern.crypto.WordList;
import org.springframework.stereotype.Component;

/** Offers a six-word diceware passphrase (about 77 bits) to people choosing a console password. */
@Component
class PassphraseSuggestion {

    private final List<String> words;
    private final SecureRandom random;

    PassphraseSuggestion(WordList words, SecureRandom random) {
        this.words = words.words();
        this.random = random;
    }

    String suggest() {
        StringJoiner joiner = new StringJoiner(" ");
        for (int i = 0; i < 6; i++) {
            joiner.add(words.get(random.nextInt(words.size())));
        }
        return joiner.toString();
    }
}
