package dev.roster.config;

import dev.roster.model.DesiredState;
import dev.roster.model.GroupSpec;
import dev.roster.model.Msisdn;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A valid desired state and the warnings met on the way (an empty file, say).
 *
 * @param files how many files were read
 */
public record LoadResult(DesiredState state, List<Diagnostic> warnings, int files) {
    public LoadResult {
        warnings = List.copyOf(warnings);
    }

    public int botCount() {
        return state.bots().size();
    }

    public int groupCount() {
        return state.groups().size();
    }

    /** Distinct numbers declared anywhere (as admin or member, in any group of any bot). */
    public int numberCount() {
        Set<Msisdn> all = new HashSet<>();
        for (GroupSpec g : state.groups()) {
            all.addAll(g.participants());
        }
        return all.size();
    }

    /** {@code 2 bots, 7 groups, 23 numbers} */
    public String summary() {
        return count(botCount(), "bot") + ", " + count(groupCount(), "group") + ", " + count(numberCount(), "number");
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
