package dev.monobridge.connector.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The parameters of a query string, decoded, in order; a name may repeat. */
final class QueryParameters {

    private final Map<String, List<String>> values;

    private QueryParameters(Map<String, List<String>> values) {
        this.values = values;
    }

    /**
     * @param raw the query string as sent (percent-encoded), or {@code null}
     * @throws ApiException 400 for a malformed percent-encoding
     */
    static QueryParameters parse(String raw) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        if (raw != null && !raw.isEmpty()) {
            for (String pair : raw.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int equals = pair.indexOf('=');
                String name = decode(equals < 0 ? pair : pair.substring(0, equals));
                String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
                values.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            }
        }
        return new QueryParameters(values);
    }

    static QueryParameters of(Map<String, List<String>> values) {
        return new QueryParameters(new LinkedHashMap<>(values));
    }

    /** Every parameter name, in the order first seen. */
    List<String> names() {
        return List.copyOf(values.keySet());
    }

    List<String> values(String name) {
        return values.getOrDefault(name, List.of());
    }

    /**
     * The one value of a parameter, if given.
     *
     * @throws ApiException 400 when it is given more than once
     */
    Optional<String> single(String name) {
        List<String> given = values(name);
        if (given.size() > 1) {
            throw ApiException.badRequest("'" + name + "' is given " + given.size() + " times; give it once");
        }
        return given.stream().findFirst();
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("the query string is not properly percent-encoded");
        }
    }
}
