package dev.roster.model;

import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.SortedSet;

/**
 * An immutable set of numbers in their natural order, backed by one sorted array: built by one sort instead of one
 * tree insert per number, a tenth of a {@code TreeSet}'s memory (4 bytes per number instead of a 40-byte tree node)
 * and iterated without pointer chasing. The admins and members of {@link GroupSpec} and {@link LiveGroup} are kept
 * so: a fleet of 10,000 groups of 256 holds 2.5 million numbers on each side. Lookups are binary searches.
 */
public final class NumberSet extends AbstractSet<Msisdn> implements SortedSet<Msisdn> {
    private static final NumberSet EMPTY = new NumberSet(new Msisdn[0], 0, 0);

    private Msisdn[] numbers;
    private int from;
    private int to;
    private java.util.function.Supplier<Collection<Msisdn>> source;

    private NumberSet(Msisdn[] numbers, int from, int to) {
        this.numbers = numbers;
        this.from = from;
        this.to = to;
    }

    /**
     * The distinct numbers of {@code source}, gathered and sorted on first use only (a plan rendered as text or
     * JSON never needs them). {@code source} must always yield the same numbers.
     */
    public static NumberSet lazy(java.util.function.Supplier<Collection<Msisdn>> source) {
        NumberSet lazy = new NumberSet(null, 0, 0);
        lazy.source = source;
        return lazy;
    }

    private synchronized void force() {
        if (source != null) {
            NumberSet all = copyOf(source.get());
            numbers = all.numbers;
            from = all.from;
            to = all.to;
            source = null;
        }
    }

    /** The distinct numbers of {@code all}, sorted; {@code all} is not kept. A lazy set stays lazy. */
    public static NumberSet copyOf(Collection<Msisdn> all) {
        if (all instanceof NumberSet same) {
            return same;
        }
        Msisdn[] sorted = all.toArray(new Msisdn[0]);
        Arrays.sort(sorted);
        int n = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (n == 0 || !sorted[i].equals(sorted[n - 1])) {
                sorted[n++] = java.util.Objects.requireNonNull(sorted[i], "number");
            }
        }
        return n == 0 ? EMPTY : new NumberSet(n == sorted.length ? sorted : Arrays.copyOf(sorted, n), 0, n);
    }

    @Override
    public boolean contains(Object o) {
        force();
        return o instanceof Msisdn m && Arrays.binarySearch(numbers, from, to, m) >= 0;
    }

    /** The instance of this set equal to {@code n}, or {@code n} itself when the set does not hold it. */
    public Msisdn shared(Msisdn n) {
        force();
        int i = n == null ? -1 : Arrays.binarySearch(numbers, from, to, n);
        return i >= 0 ? numbers[i] : n;
    }

    @Override
    public int size() {
        force();
        return to - from;
    }

    @Override
    public Iterator<Msisdn> iterator() {
        force();
        return new Iterator<>() {
            private int next = from;

            @Override
            public boolean hasNext() {
                return next < to;
            }

            @Override
            public Msisdn next() {
                if (next >= to) {
                    throw new NoSuchElementException();
                }
                return numbers[next++];
            }
        };
    }

    @Override
    public Comparator<? super Msisdn> comparator() {
        return null;
    }

    @Override
    public SortedSet<Msisdn> subSet(Msisdn fromElement, Msisdn toElement) {
        force();
        if (fromElement.compareTo(toElement) > 0) {
            throw new IllegalArgumentException("fromElement > toElement");
        }
        return new NumberSet(numbers, indexOf(fromElement), Math.max(indexOf(fromElement), indexOf(toElement)));
    }

    @Override
    public SortedSet<Msisdn> headSet(Msisdn toElement) {
        force();
        return new NumberSet(numbers, from, indexOf(toElement));
    }

    @Override
    public SortedSet<Msisdn> tailSet(Msisdn fromElement) {
        force();
        return new NumberSet(numbers, indexOf(fromElement), to);
    }

    @Override
    public Msisdn first() {
        force();
        if (isEmpty()) {
            throw new NoSuchElementException();
        }
        return numbers[from];
    }

    @Override
    public Msisdn last() {
        force();
        if (isEmpty()) {
            throw new NoSuchElementException();
        }
        return numbers[to - 1];
    }

    /** The index of the first number at or after {@code n}, within this range. */
    private int indexOf(Msisdn n) {
        int i = Arrays.binarySearch(numbers, from, to, java.util.Objects.requireNonNull(n));
        return i >= 0 ? i : -i - 1;
    }
}
