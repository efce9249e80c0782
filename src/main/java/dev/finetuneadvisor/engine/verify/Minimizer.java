package dev.finetuneadvisor.engine.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Makes a case of the space as small as it can be while it still shows what it was found for: each given field is
 * left out in turn (the last first) and stays out when the case still shows it, until no field can go. The same
 * fields in the same order give the same case every run.
 */
public final class Minimizer {
    private Minimizer() {
    }

    /**
     * The case with as few fields given as still satisfies {@code shows}.
     *
     * @param found a case that satisfies {@code shows}
     * @param shows what the smaller case must still satisfy
     */
    public static SpaceCase minimize(SpaceCase found, Predicate<SpaceCase> shows) {
        SpaceCase current = found;
        boolean changed = true;
        while (changed) {
            changed = false;
            List<String> given = new ArrayList<>(current.given().keySet());
            for (int i = given.size() - 1; i >= 0; i--) {
                SpaceCase smaller = current.without(given.get(i));
                if (shows.test(smaller)) {
                    current = smaller;
                    changed = true;
                }
            }
        }
        return current;
    }
}
