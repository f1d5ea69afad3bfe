package dev.aqueduct.admin;

import dev.aqueduct.auth.KeyAuthenticator;
import dev.aqueduct.http.ExchangeIo;
import dev.aqueduct.http.Responses;
import dev.aqueduct.keys.KeyService;
import dev.aqueduct.models.ModelCatalog;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin API under {@value #BASE}: finds the route, checks the caller and then the query
 * parameters, runs the route on the request's virtual thread and writes its answer. Refusals are
 * thrown as {@link dev.aqueduct.http.ApiException} for the gateway's router to answer.
 */
public final class AdminApi {
    /** Where the admin API lives. */
    public static final String BASE = "/admin/v1";

    private static final Logger LOG = LoggerFactory.getLogger(AdminApi.class);
    private static final String OPENAPI_RESOURCE = "admin-api.json";
    private static final Caller NOBODY = new Caller(null, null, null, false, Map.of(), Map.of());

    private final AdminAuthenticator authenticator;
    private final Router router;
    private final Clock clock;
    private final String openApi;

    /**
     * @param signIn turns sign-in tokens into users; null when the gateway accepts only management keys
     */
    public AdminApi(Jdbi jdbi, Clock clock, KeyService keys, KeyAuthenticator keyAuthenticator, ModelCatalog catalog,
            @Nullable BearerSignIn signIn) {
        AdminContext context = new AdminContext(jdbi, clock, keys, keyAuthenticator, catalog);
        this.authenticator = new AdminAuthenticator(jdbi, keyAuthenticator, signIn);
        this.clock = clock;
        this.openApi = loadOpenApi();
        List<Route> routes = new ArrayList<>();
        routes.add(Route.open("GET", "/openapi.json", call -> new Reply.Text(200, "application/json", openApi)));
        routes.addAll(new InfoApi(context).routes());
        routes.addAll(new OrgsApi(context).routes());
        routes.addAll(new TeamsApi(context).routes());
        routes.addAll(new MembersApi(context).routes());
        routes.addAll(new UsersApi(context).routes());
        routes.addAll(new ServiceAccountsApi(context).routes());
        routes.addAll(new KeysApi(context).routes());
        routes.addAll(new PoliciesApi(context).routes());
        routes.addAll(new UsageApi(context).routes());
        this.router = new Router(routes);
    }

    /** Whether the path is the admin API's. */
    public static boolean serves(String path) {
        return path.equals(BASE) || path.startsWith(BASE + "/");
    }

    /** Answers one request to the admin API. */
    public void handle(HttpServerExchange exchange) {
        String method = exchange.getRequestMethod().toString();
        Router.Match match = router.match(method, exchange.getRequestPath().substring(BASE.length()));
        Route route = match.route();
        // Credentials first: a caller without them learns nothing of the route's parameters.
        Caller caller = route.open() ? NOBODY : authenticator.authenticate(exchange);
        for (String name : exchange.getQueryParameters().keySet()) {
            if (!route.query().contains(name)) {
                throw AdminErrors.invalid(name, "Unknown query parameter '" + shorten(name) + "'"
                        + (route.query().isEmpty() ? "; this route takes none" : "; this route takes "
                        + String.join(", ", route.query().stream().sorted().toList())));
            }
        }
        // Milliseconds, as the database keeps them, so answers show the times that are stored.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Reply reply = route.action().handle(new AdminCall(exchange, caller, match.params(), now));
        if (!method.equals("GET")) {
            LOG.info("Admin change route=\"{}\" actor={} key={}", route.name(), caller.actor(), caller.keyId());
        }
        write(exchange, reply);
    }

    /** Every route, as the OpenAPI document and the role matrix test know them. */
    List<Route> routes() {
        return router.routes();
    }

    private static void write(HttpServerExchange exchange, Reply reply) {
        switch (reply) {
            case Reply.Json json -> Responses.json(exchange, json.status(), json.body());
            case Reply.Text text -> {
                exchange.setStatusCode(text.status());
                exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, text.contentType());
                try {
                    ExchangeIo.output(exchange).write(text.body().getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    exchange.setPersistent(false);
                }
            }
            case Reply.Empty empty -> exchange.setStatusCode(empty.status());
        }
    }

    private static String shorten(String text) {
        return text.length() > 100 ? text.substring(0, 100) + "..." : text;
    }

    private static String loadOpenApi() {
        try (InputStream in = AdminApi.class.getResourceAsStream(OPENAPI_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The build bundles no " + OPENAPI_RESOURCE + " beside "
                        + AdminApi.class);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
