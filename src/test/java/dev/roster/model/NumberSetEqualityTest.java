package dev.roster.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Number sets are unequal whenever their numbers differ, wherever in the sorted order the difference lies. */
class NumberSetEqualityTest {
    private static final Msisdn A = new Msisdn("+46700000001");
    private static final Msisdn B = new Msisdn("+46700000002");
    private static final Msisdn C = new Msisdn("+46700000003");
    private static final Msisdn D = new Msisdn("+46700000004");

    @Test
    void setsOfOneSizeDifferingInTheFirstMiddleOrLastNumberAreUnequal() {
        NumberSet abc = NumberSet.copyOf(List.of(A, B, C));

        assertThat(abc.equals(NumberSet.copyOf(List.of(D, B, C)))).isFalse();
        assertThat(abc.equals(NumberSet.copyOf(List.of(A, D, C)))).isFalse();
        assertThat(abc.equals(NumberSet.copyOf(List.of(A, B, D)))).isFalse();
        assertThat(abc.equals(NumberSet.copyOf(List.of(A, B, C)))).isTrue();
    }

    @Test
    void viewsAreComparedFromWhereTheyStart() {
        NumberSet abcd = NumberSet.copyOf(List.of(A, B, C, D));

        assertThat(abcd.tailSet(C).equals(NumberSet.copyOf(List.of(C, D)))).isTrue();
        assertThat(abcd.tailSet(B).equals(abcd.headSet(D))).as("BCD and ABC").isFalse();
        assertThat(abcd.subSet(B, D).equals(NumberSet.copyOf(List.of(A, B)))).isFalse();
    }

    @Test
    void lazySetsAreComparedByTheirNumbersOnBothSides() {
        NumberSet lazyAb = NumberSet.lazy(() -> List.of(B, A));

        assertThat(NumberSet.copyOf(List.of(A, C)).equals(lazyAb)).isFalse();
        assertThat(NumberSet.copyOf(List.of(A, B)).equals(NumberSet.lazy(() -> List.of(A, B)))).isTrue();
        assertThat(NumberSet.lazy(() -> List.of(C, A)).last()).isEqualTo(C);
        assertThat(NumberSet.lazy(() -> List.of(C, A)).first()).isEqualTo(A);
    }

    @Test
    void otherKindsOfSetAreComparedAsSets() {
        NumberSet ab = NumberSet.copyOf(List.of(A, B));

        assertThat(ab.equals(new TreeSet<>(List.of(A, C)))).isFalse();
        assertThat(ab.equals(Set.of(A, B))).isTrue();
        assertThat(ab.equals(List.of(A, B))).as("a list is no set").isFalse();
    }

    @Test
    void rangesBetweenNumbersTheSetDoesNotHoldEndWhereTheyWouldBe() {
        NumberSet ac = NumberSet.copyOf(List.of(A, C));

        assertThat(ac.headSet(B)).containsExactly(A);
        assertThat(ac.tailSet(B)).containsExactly(C);
        assertThat(ac.subSet(B, D)).containsExactly(C);
        assertThat(ac.headSet(D)).containsExactly(A, C);
    }
}
