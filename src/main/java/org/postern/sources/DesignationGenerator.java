package org.postern.sources;

import java.security.SecureRandom;
import java.util.List;

import org.postern.crypto.WordList;
import org.springframework.stereotype.Component;

/** Two random words for investigators to call a source by; unrelated to the codename. */
@Component
class DesignationGenerator {

    private final List<String> words;
    private final SecureRandom random;

    DesignationGenerator(WordList words, SecureRandom random) {
        this.words = words.words();
        this.random = random;
    }

    String next() {
        return words.get(random.nextInt(words.size())) + " " + words.get(random.nextInt(words.size()));
    }
}
