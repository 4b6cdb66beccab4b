package dev.roster.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The rules every subject keeps, wherever it comes from (files, saved plans). */
class GroupRulesTest {
    @Test
    void aSubjectOfExactlyTheMaximumIsAllowedAndOneMoreIsNot() {
        assertThat(GroupRules.subjectProblem("x".repeat(25), 25)).isNull();
        assertThat(GroupRules.subjectProblem("x".repeat(26), 25))
                .isEqualTo("subject is 26 characters long; at most 25 are allowed (reconcile.subjectMaxLength)");
    }

    @Test
    void charactersAreCountedAsCodePointsNotAsJavaChars() {
        String emoji = "\uD83D\uDE00"; // one character, two Java chars
        assertThat(GroupRules.subjectProblem(emoji.repeat(25), 25)).isNull();
    }

    @Test
    void aLineBreakOrTabIsRefused() {
        assertThat(GroupRules.subjectProblem("Sales\nTeam", 25)).startsWith("subject must be one line of text");
        assertThat(GroupRules.subjectProblem("Sales\tTeam", 25)).startsWith("subject must be one line of text");
    }

    @Test
    void membershipIsSpelledInLowerCaseInYamlAndJson() {
        assertThat(Membership.EXACT.yamlName()).isEqualTo("exact");
        assertThat(Membership.ADDITIVE.yamlName()).isEqualTo("additive");
    }
}
