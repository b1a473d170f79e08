package dev.monobridge.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bson.BsonValue;
import org.bson.conversions.Bson;

import com.mongodb.client.model.Filters;

import dev.monobridge.projector.definition.QueryableFields;
import com.mongodb.client.model.Sorts;

/**
 * A list request, checked: equality filters on queryable fields, one sort field, a page size, and where
 * the page starts. Built only from names this class checked against the definition and from values
 * typed by {@link QueryValues}: nothing a client sent becomes an operator.
 *
 * <pre>
 * ?status=OPEN&amp;status=SUSPENDED   one field given twice: either value
 * ?country=GB&amp;going=Soft          two fields: both
 * ?sort=-startTime                 sort descending; the default is _id ascending
 * ?limit=50&amp;cursor=...            page size (up to http.max-page-size), and the previous page's 'next'
 * </pre>
 *
 * @param filters   each filtered stored field and the values it may take
 * @param sortField the stored field to sort by: a queryable field, or {@code _id}
 * @param direction 1 ascending, -1 descending
 */
record DocumentQuery(List<FieldFilter> filters, String sortField, int direction, int limit, PageCursor after) {

    static final String LIMIT = "limit";
    static final String SORT = "sort";
    static final String CURSOR = "cursor";
    static final int DEFAULT_LIMIT = 20;
    private static final Set<String> RESERVED = Set.of(LIMIT, SORT, CURSOR);

    /** One field, and the values any of which it may hold. */
    record FieldFilter(String field, List<BsonValue> values) {
    }

    /**
     * @param projection names the projection in error messages
     * @param queryable  the fields a client may filter and sort by (besides {@code _id})
     * @throws ApiException 400 naming what is wrong
     */
    static DocumentQuery parse(Map<String, List<String>> parameters, String projection, QueryableFields queryable, int maxPageSize) {
        List<FieldFilter> filters = new ArrayList<>();
        for (String name : parameters.keySet()) {
            if (RESERVED.contains(name)) {
                continue;
            }
            checkName(name, projection, queryable);
            List<BsonValue> values = new ArrayList<>();
            for (String text : parameters.get(name)) {
                values.addAll(QueryValues.candidates("filter '" + name + "'", text));
            }
            filters.add(new FieldFilter(queryable.stored(name), values));
        }
        String sort = QueryStrings.single(parameters, SORT).orElse(QueryableFields.ID);
        int direction = sort.startsWith("-") ? -1 : 1;
        String named = sort.startsWith("-") || sort.startsWith("+") ? sort.substring(1) : sort;
        if (!named.equals(QueryableFields.ID)) {
            checkName(named, projection, queryable);
        }
        String sortField = queryable.stored(named);
        int limit = limit(parameters, maxPageSize);
        PageCursor after = QueryStrings.single(parameters, CURSOR).map(PageCursor::decode).orElse(null);
        if (after != null && (!after.field().equals(sortField) || after.direction() != direction)) {
            throw ApiException.badRequest("the cursor belongs to a list sorted by " + (after.direction() < 0 ? "-" : "")
                    + after.field() + ", not by " + sort + "; keep the sort while paging, or start again without a cursor");
        }
        return new DocumentQuery(List.copyOf(filters), sortField, direction, limit, after);
    }

    /** The MongoDB filter: every field filter, and the cursor's continuation. */
    Bson filter() {
        List<Bson> all = new ArrayList<>();
        for (FieldFilter filter : filters) {
            all.add(filter.values().size() == 1 ? Filters.eq(filter.field(), filter.values().get(0))
                    : Filters.in(filter.field(), filter.values()));
        }
        if (after != null) {
            all.add(after.continuation());
        }
        return all.isEmpty() ? Filters.empty() : all.size() == 1 ? all.get(0) : Filters.and(all);
    }

    /** The sort field, then {@code _id}, both in the requested direction: a total order, for the cursor. */
    Bson sort() {
        List<String> fields = sortField.equals(QueryableFields.ID) ? List.of(QueryableFields.ID)
                : List.of(sortField, QueryableFields.ID);
        return direction > 0 ? Sorts.ascending(fields) : Sorts.descending(fields);
    }

    private static void checkName(String name, String projection, QueryableFields queryable) {
        QueryValues.check("the parameter name '" + QueryValues.abbreviated(name) + "'", name);
        if (!queryable.contains(name)) {
            throw ApiException.badRequest("'" + QueryValues.abbreviated(name) + "' is not a queryable field of " + projection
                    + "; the queryable fields are " + String.join(", ", queryable.names()) + " (and _id for sort)");
        }
    }

    private static int limit(Map<String, List<String>> parameters, int maxPageSize) {
        String text = QueryStrings.single(parameters, LIMIT).orElse(null);
        if (text == null) {
            return Math.min(DEFAULT_LIMIT, maxPageSize);
        }
        int limit;
        try {
            limit = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("limit must be a whole number from 1 to " + maxPageSize + ", not '"
                    + QueryValues.abbreviated(text) + "'");
        }
        if (limit < 1) {
            throw ApiException.badRequest("limit must be from 1 to " + maxPageSize + ", not " + limit);
        }
        if (limit > maxPageSize) {
            throw ApiException.badRequest("limit " + limit + " is over the maximum page size, " + maxPageSize);
        }
        return limit;
    }
}
