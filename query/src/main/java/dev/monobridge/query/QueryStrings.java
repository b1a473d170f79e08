package dev.monobridge.query;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.javalin.http.Context;
import io.javalin.http.Handler;

/**
 * What Javalin's query-string parsing ({@code ctx.queryParamMap()}) lacks for this API. Javalin drops a
 * name or value it cannot percent-decode ({@code ?venue=%zz}) without a word; dropping a filter would
 * widen the answer, so {@link #refuseMalformed} refuses the whole request with 400 first. And a parameter
 * the API takes once ({@code limit}, {@code sort}) is refused when given twice, rather than one of the
 * two being picked.
 */
public final class QueryStrings {

    private QueryStrings() {
    }

    /** A {@code before} handler: 400 for a query string that does not percent-decode as UTF-8. */
    static final Handler REFUSE_MALFORMED = QueryStrings::refuseMalformed;

    static void refuseMalformed(Context ctx) {
        String raw = ctx.queryString();
        if (raw != null && !decodes(raw)) {
            throw ApiException.badRequest("the query string is not properly percent-encoded");
        }
    }

    static boolean decodes(String raw) {
        try {
            // The same decoding Javalin applies to each name and to each value.
            for (String part : raw.split("[&=]")) {
                URLDecoder.decode(part, StandardCharsets.UTF_8);
            }
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * The one value of a parameter, if given.
     *
     * @throws ApiException 400 when it is given more than once
     */
    public static Optional<String> single(Map<String, List<String>> parameters, String name) {
        List<String> given = parameters.getOrDefault(name, List.of());
        if (given.size() > 1) {
            throw ApiException.badRequest("'" + name + "' is given " + given.size() + " times; give it once");
        }
        return given.stream().findFirst();
    }
}
