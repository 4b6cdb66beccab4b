package dev.roster.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
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

    @Test
    void withInstancesOfSwapsInTheOtherSetsEqualNumbers() {
        Msisdn otherA = new Msisdn("+46700000001");
        NumberSet live = NumberSet.copyOf(List.of(A, B));
        NumberSet declared = NumberSet.copyOf(List.of(otherA, C));

        NumberSet shared = live.withInstancesOf(declared);

        assertThat(shared).containsExactly(A, B);
        assertThat(shared.first()).isSameAs(otherA);
        assertThat(shared.last()).isSameAs(B);
        assertThat(live.first()).as("the original set is unchanged").isSameAs(A);
    }

    @Test
    void withInstancesOfGivesTheSetItselfWhenNothingIsToSwap() {
        NumberSet live = NumberSet.copyOf(List.of(A, B));

        assertThat(live.withInstancesOf(NumberSet.copyOf(List.of(C)))).isSameAs(live);
        assertThat(live.withInstancesOf(live)).isSameAs(live);
    }

    @Test
    void equalityIsBySetContentWhateverTheInstancesViewsOrKindOfSet() {
        NumberSet set = NumberSet.copyOf(List.of(A, B, C));
        NumberSet sameNumbersOtherInstances = NumberSet.copyOf(List.of(
                new Msisdn("+46700000003"), new Msisdn("+46700000001"), new Msisdn("+46700000002")));

        assertThat(set).isEqualTo(sameNumbersOtherInstances).hasSameHashCodeAs(sameNumbersOtherInstances);
        assertThat(set.hashCode()).isEqualTo(new TreeSet<>(List.of(A, B, C)).hashCode());
        assertThat(set.tailSet(B)).isEqualTo(NumberSet.copyOf(List.of(B, C))).isEqualTo(Set.of(B, C));
        assertThat(set).isNotEqualTo(NumberSet.copyOf(List.of(A, B)))
                .isNotEqualTo(NumberSet.copyOf(List.of(A, B, new Msisdn("+46700000009"))));
        assertThat(NumberSet.lazy(() -> List.of(C, A, B))).isEqualTo(set);
    }

    /**
     * The merge walk over unions of sorted sets agrees with plain set arithmetic, overlaps and duplicates included,
     * also on the shortcut taken when both sides start with equal sets.
     */
    @Property(tries = 300)
    void differenceOfUnionsIsTheSetDifferenceBothWays(
            @ForAll @Size(max = 4) List<@Size(max = 12) List<@IntRange(min = 0, max = 30) Integer>> a,
            @ForAll @Size(max = 4) List<@Size(max = 12) List<@IntRange(min = 0, max = 30) Integer>> b,
            @ForAll boolean sameFirstSet) {
        if (sameFirstSet && !a.isEmpty() && !b.isEmpty()) { // the converged case: equal first sets, other instances
            b = new ArrayList<>(b);
            b.set(0, a.get(0));
        }
        List<NumberSet> as = sets(a);
        List<NumberSet> bs = sets(b);
        List<Msisdn> onlyA = new ArrayList<>();
        List<Msisdn> onlyB = new ArrayList<>();

        NumberSet.difference(as, bs, onlyA::add, onlyB::add);

        assertThat(onlyA).containsExactlyElementsOf(minus(union(as), union(bs)));
        assertThat(onlyB).containsExactlyElementsOf(minus(union(bs), union(as)));
    }

    private static List<NumberSet> sets(List<List<Integer>> lists) {
        List<NumberSet> sets = new ArrayList<>();
        for (List<Integer> list : lists) {
            // fresh instances per set: equal numbers must be matched by value, not only by identity
            sets.add(NumberSet.copyOf(list.stream().map(i -> new Msisdn("+467000000" + (10 + i))).toList()));
        }
        return sets;
    }

    private static TreeSet<Msisdn> union(List<NumberSet> sets) {
        TreeSet<Msisdn> all = new TreeSet<>();
        sets.forEach(all::addAll);
        return all;
    }

    private static List<Msisdn> minus(TreeSet<Msisdn> a, Set<Msisdn> b) {
        Set<Msisdn> drop = new HashSet<>(b);
        return a.stream().filter(n -> !drop.contains(n)).toList();
    }
}
