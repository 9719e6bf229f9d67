package org.postern.crypto;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/** The EFF large word list (CC BY 3.0, see wordlists/NOTICE): 7,776 distinct words. */
@Component
public class WordList {

    static final String RESOURCE = "wordlists/eff_large_wordlist.txt";
    private final List<String> words;

    WordList() {
        try (var in = new BufferedReader(new InputStreamReader(
                new ClassPathResource(RESOURCE).getInputStream(), StandardCharsets.UTF_8))) {
            words = in.lines().map(String::strip).filter(w -> !w.isEmpty()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (words.size() < 7776 || new HashSet<>(words).size() != words.size()) {
            throw new IllegalStateException("word list must hold at least 7776 distinct words");
        }
    }

    public List<String> words() {
        return words;
    }
}
