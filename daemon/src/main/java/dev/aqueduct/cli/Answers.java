package dev.aqueduct.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aqueduct.common.admin.Page;
import dev.aqueduct.common.client.AdminClient;
import dev.aqueduct.common.client.AdminRequest;
import java.io.PrintWriter;
import java.util.List;
import java.util.function.Function;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Prints what the admin API answered: as a table or field by field for people, or with
 * {@code --output json} as the JSON the server wrote, one document on one line.
 */
final class Answers {
    private final PrintWriter out;
    private final boolean json;

    Answers(CommandSpec spec, OutputOption output) {
        this.out = spec.commandLine().getOut();
        this.json = output.json();
    }

    PrintWriter out() {
        return out;
    }

    boolean json() {
        return json;
    }

    /** Sends {@code request} and prints its answer. */
    <T> void one(AdminClient client, AdminRequest<T> request, Function<T, Details> details) {
        if (json) {
            print(client.sendForJson(request));
        } else {
            details.apply(client.send(request)).print(out);
        }
    }

    /**
     * Sends a listing and prints the page the options ask for, or every page with {@code --all};
     * in JSON, every page together reads as one last page.
     */
    <T> void list(AdminClient client, AdminRequest<Page<T>> request, ListOptions paging,
            Function<List<T>, Table> table, String empty) {
        AdminRequest<Page<T>> first = paging.apply(request);
        if (json) {
            print(paging.all() ? onePage(client.allJson(first)) : client.sendForJson(first));
            return;
        }
        Page<T> page = paging.all() ? new Page<>(client.all(first), false, null) : client.send(first);
        if (page.data().isEmpty()) {
            line(empty);
        } else {
            table.apply(page.data()).print(out);
        }
        if (page.hasMore()) {
            line("More follow: show them with --after " + page.nextAfter() + ", or all with --all.");
        }
    }

    /** Says what an action without an answer did; JSON output stays empty, the exit code tells. */
    void done(String text) {
        if (!json) {
            line(text);
        }
    }

    void print(JsonNode node) {
        out.println(node.toString());
        out.flush();
    }

    void line(String text) {
        out.println(text);
        out.flush();
    }

    private static JsonNode onePage(List<JsonNode> items) {
        ObjectNode page = JsonNodeFactory.instance.objectNode();
        ArrayNode data = page.putArray("data");
        items.forEach(data::add);
        page.put("has_more", false);
        page.putNull("next_after");
        return page;
    }
}
