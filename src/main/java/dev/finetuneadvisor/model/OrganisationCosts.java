package dev.finetuneadvisor.model;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An organisation's own assumptions file as read: its cost inputs, in file order, and the file's name and
 * bytes as read (so a revision of the assumptions in use can be computed from what was read, not from a file
 * that may have changed since).
 *
 * @param file the file as the command line named it
 * @param costs its cost inputs, in file order
 */
public record OrganisationCosts(String file, byte[] bytes, List<OrganisationCost> costs) {
    public OrganisationCosts {
        Objects.requireNonNull(file, "file");
        bytes = bytes.clone();
        costs = List.copyOf(costs);
    }

    /** The same file with only the cost inputs {@code names} holds (rules of another revision may have fewer). */
    public OrganisationCosts only(Set<String> names) {
        return new OrganisationCosts(file, bytes, costs.stream().filter(c -> names.contains(c.name())).toList());
    }

    /** The bytes of the file as it was read. */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OrganisationCosts other && file.equals(other.file) && Arrays.equals(bytes, other.bytes)
                && costs.equals(other.costs);
    }

    @Override
    public int hashCode() {
        return Objects.hash(file, Arrays.hashCode(bytes), costs);
    }

    @Override
    public String toString() {
        return "OrganisationCosts[" + file + ", " + costs + "]";
    }
}
