package dev.monobridge.query;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDecimal128;
import org.bson.BsonDouble;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.types.Decimal128;

/**
 * Values from a query string, typed by one simple rule, and only ever used as values: MongoDB never
 * sees anything a client sent as an operator or a field name.
 *
 * <ul>
 *   <li>{@code 42}, {@code -7}: a whole number; {@code 2.50}: an exact decimal (it also matches the same
 *       floating-point number);</li>
 *   <li>{@code true}, {@code false}: a boolean; {@code null}: null or missing;</li>
 *   <li>{@code 2026-12-26T14:00:00Z} (an ISO-8601 instant with its offset): a date;</li>
 *   <li>anything else: text. A value that looks like a number or a boolean also matches the same text,
 *       so that {@code ?code=007} or a text column holding {@code "42"} still match.</li>
 * </ul>
 * A value holding {@code $} is refused outright, with 400: an attempt to pass an operator
 * ({@code {"$gt": 1}}, {@code $where}) is answered clearly rather than matched as odd text.
 */
public final class QueryValues {

    static final int MAX_LENGTH = 1024;
    private static final Pattern WHOLE = Pattern.compile("-?(0|[1-9][0-9]*)");
    private static final Pattern DECIMAL = Pattern.compile("-?(0|[1-9][0-9]*)\\.[0-9]+");
    private static final Pattern INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:\\d{2})");

    private QueryValues() {
    }

    /**
     * The values that a parameter's text matches.
     *
     * @param what names the parameter in error messages
     * @throws ApiException 400 for an empty value, a {@code $}, or a value over 1,024 characters
     */
    static List<BsonValue> candidates(String what, String text) {
        check(what, text);
        List<BsonValue> values = new ArrayList<>();
        if (text.equals("true") || text.equals("false")) {
            values.add(BsonBoolean.valueOf(Boolean.parseBoolean(text)));
        } else if (text.equals("null")) {
            values.add(BsonNull.VALUE);
        } else if (WHOLE.matcher(text).matches()) {
            try {
                values.add(new BsonInt64(Long.parseLong(text)));
            } catch (NumberFormatException tooLong) {
                values.add(new BsonDecimal128(new Decimal128(new BigDecimal(text))));
            }
        } else if (DECIMAL.matcher(text).matches()) {
            BigDecimal decimal = new BigDecimal(text);
            try {
                values.add(new BsonDecimal128(new Decimal128(decimal)));
            } catch (NumberFormatException outOfRange) {
                throw ApiException.badRequest(what + ": the number " + abbreviated(text) + " is out of range");
            }
            values.add(new BsonDouble(decimal.doubleValue()));
        } else if (INSTANT.matcher(text).matches()) {
            try {
                values.add(new BsonDateTime(OffsetDateTime.parse(text).toInstant().toEpochMilli()));
            } catch (DateTimeParseException e) {
                throw ApiException.badRequest(what + ": '" + abbreviated(text) + "' is not a valid date and time");
            }
        }
        values.add(new BsonString(text));
        return values;
    }

    /** Refuses what may never reach MongoDB; also for names. */
    public static void check(String what, String text) {
        if (text.isEmpty()) {
            throw ApiException.badRequest(what + " has an empty value");
        }
        if (text.length() > MAX_LENGTH) {
            throw ApiException.badRequest(what + " is longer than " + MAX_LENGTH + " characters");
        }
        if (text.indexOf('$') >= 0) {
            throw ApiException.badRequest(what + ": '$' is not allowed; filters take plain values, never operators");
        }
    }

    public static String abbreviated(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "...";
    }
}
