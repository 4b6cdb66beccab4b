package dev.roster.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Suggestions for a misspelt key: the closest known word, and only when it is close for the word's length. */
class DidYouMeanTest {
    private static final List<String> KEYS = List.of("members", "admins", "subject", "id", "previously");

    @Test
    void theClosestKnownWordIsSuggestedWhateverTheCase() {
        assertThat(DidYouMean.suggest("memebers", KEYS)).contains("members");
        assertThat(DidYouMean.suggest("ADMINS", KEYS)).contains("admins");
        assertThat(DidYouMean.suggest("subjcet", KEYS)).as("a transposition counts once").contains("subject");
    }

    @Test
    void theAllowedDistanceGrowsWithTheWordsLength() {
        // up to 3 letters: 1 edit; up to 6: 2 edits; longer: 3 edits
        assertThat(DidYouMean.suggest("ix", List.of("id"))).contains("id");
        assertThat(DidYouMean.suggest("ixy", List.of("id"))).isEmpty();
        assertThat(DidYouMean.suggest("admn", List.of("admins"))).contains("admins");
        assertThat(DidYouMean.suggest("adm", List.of("admins"))).isEmpty();
        assertThat(DidYouMean.suggest("admxyz", List.of("admins"))).isEmpty();
        assertThat(DidYouMean.suggest("prevusly", List.of("previously"))).contains("previously");
        assertThat(DidYouMean.suggest("prvsly", List.of("previously"))).isEmpty();
        assertThat(DidYouMean.suggest("abcdefg", List.of("abcdxyz"))).contains("abcdxyz");
        assertThat(DidYouMean.suggest("abcdefg", List.of("abcwxyz"))).isEmpty();
    }

    @Test
    void nothingIsSuggestedFromNoWords() {
        assertThat(DidYouMean.suggest("members", List.of())).isEmpty();
    }

    @Test
    void distanceCountsInsertionsDeletionsSubstitutionsAndSwaps() {
        assertThat(DidYouMean.distance("", "abc")).isEqualTo(3);
        assertThat(DidYouMean.distance("abc", "")).isEqualTo(3);
        assertThat(DidYouMean.distance("abc", "abc")).isZero();
        assertThat(DidYouMean.distance("abc", "abd")).isEqualTo(1);
        assertThat(DidYouMean.distance("abc", "acb")).isEqualTo(1);
        assertThat(DidYouMean.distance("abc", "ab")).isEqualTo(1);
        assertThat(DidYouMean.distance("kitten", "sitting")).isEqualTo(3);
    }
}
