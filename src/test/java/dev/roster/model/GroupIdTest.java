package dev.roster.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GroupIdTest {

    @Test
    void onlyTheDocumentedGroupDigitsDashDigitsShapeIsWellFormed() {
        assertThat(GroupId.isWellFormed("group:447506616260-1565342732")).isTrue();
        assertThat(GroupId.isWellFormed("group:447506616260")).isFalse();
        assertThat(GroupId.isWellFormed("group:abc-1")).isFalse();
        assertThat(GroupId.isWellFormed("447506616260-1565342732")).isFalse();
        assertThat(GroupId.isWellFormed(" group:1-2")).isFalse();
        assertThat(GroupId.isWellFormed(null)).isFalse();
    }

    @Test
    void anEmptyIdIsRefusedAndIdsSortByTheirText() {
        assertThatThrownBy(() -> GroupId.of(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThat(GroupId.of("group:1-2").compareTo(GroupId.of("group:1-3"))).isNegative();
        assertThat(GroupId.of("group:1-2")).hasToString("group:1-2");
    }
}
