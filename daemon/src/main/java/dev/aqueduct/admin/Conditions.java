package dev.aqueduct.admin;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.statement.Query;
import org.jspecify.annotations.Nullable;

/**
 * The WHERE clause of a listing, built from fixed SQL fragments with every value bound, so no
 * input ever becomes SQL text.
 */
final class Conditions {
    private final List<String> clauses = new ArrayList<>();
    private final Map<String, @Nullable Object> binds = new HashMap<>();
    private final Map<String, List<String>> lists = new HashMap<>();

    Conditions add(String clause) {
        clauses.add(clause);
        return this;
    }

    Conditions bind(String name, @Nullable Object value) {
        binds.put(name, value);
        return this;
    }

    /**
     * Adds {@code column IN (values)} or, for no values, a clause that matches nothing.
     *
     * @param name the list's placeholder name, unique in the query
     */
    Conditions in(String column, String name, Collection<String> values) {
        clauses.add(inClause(column, name, values));
        return this;
    }

    /** The fragment {@code column IN (values)} for use inside {@link #any}; its values are bound here. */
    String inClause(String column, String name, Collection<String> values) {
        if (values.isEmpty()) {
            return "1 = 0";
        }
        lists.put(name, List.copyOf(values));
        return column + " IN (<" + name + ">)";
    }

    /** Adds the fragments joined with OR, as one clause. */
    Conditions any(List<String> fragments) {
        clauses.add("(" + String.join(" OR ", fragments) + ")");
        return this;
    }

    /** {@code " WHERE a AND b"}, or nothing when there are no clauses. */
    String sql() {
        return clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses);
    }

    Query apply(Query query) {
        binds.forEach(query::bind);
        lists.forEach(query::bindList);
        return query;
    }
}
