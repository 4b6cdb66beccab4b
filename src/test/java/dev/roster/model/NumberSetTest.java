package dev.roster.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class NumberSetTest {
    private static final Msisdn A = new Msisdn("+46700000001");
    private static final Msisdn B = new Msisdn("+46700000002");
    private static final Msisdn C = new Msisdn("+46700000003");

    @Test
    void holdsTheDistinctNumbersSortedLikeATreeSet() {
        NumberSet set = NumberSet.copyOf(List.of(C, A, B, A));

        assertThat(set).containsExactly(A, B, C);
        assertThat(set).isEqualTo(new TreeSet<>(List.of(A, B, C)));
        assertThat(set.contains(B)).isTrue();
        assertThat(set.contains(new Msisdn("+46700000009"))).isFalse();
        assertThat(set.first()).isEqualTo(A);
        assertThat(set.last()).isEqualTo(C);
        assertThat(set.headSet(B)).containsExactly(A);
        assertThat(set.tailSet(B)).containsExactly(B, C);
        assertThat(set.subSet(A, C)).containsExactly(A, B);
    }

    @Test
    void aLazySetGathersItsNumbersOnceAndOnlyWhenFirstUsed() {
        AtomicInteger gathered = new AtomicInteger();
        NumberSet set = NumberSet.lazy(() -> {
            gathered.incrementAndGet();
            return List.of(B, A);
        });
        assertThat(gathered).hasValue(0);

        assertThat(set.contains(A)).isTrue();
        assertThat(set).containsExactly(A, B);
        assertThat(gathered).hasValue(1);
    }
}
