package dev.roster.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretTest {

    @Test
    void secretsAreEqualOnlyWhenTheirTextIs() {
        Secret token = Secret.of("tok-1");

        assertThat(token).isEqualTo(Secret.of("tok-1")).hasSameHashCodeAs(Secret.of("tok-1"));
        assertThat(token).isNotEqualTo(Secret.of("tok-2"));
        assertThat(token.equals("tok-1")).as("a string with the same text").isFalse();
        assertThat(token.equals(null)).isFalse();
    }

    @Test
    void aSecretShowsItsTextOnlyWhenRevealed() {
        Secret token = Secret.of("tok-1");

        assertThat(token).hasToString("****");
        assertThat(token.reveal()).isEqualTo("tok-1");
        assertThat(token.isEmpty()).isFalse();
        assertThat(Secret.of("").isEmpty()).isTrue();
    }
}
