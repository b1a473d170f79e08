package dev.monobridge.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDecimal128;
import org.bson.BsonDouble;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.Test;

import io.javalin.http.servlet.JavalinServletContextKt;

class QueryValuesTest {

    @Test
    void wholeNumbersMatchTheNumberOrTheSameText() {
        assertThat(QueryValues.candidates("x", "42")).containsExactly(new BsonInt64(42), new BsonString("42"));
        assertThat(QueryValues.candidates("x", "-7")).containsExactly(new BsonInt64(-7), new BsonString("-7"));
    }

    @Test
    void numbersWithLeadingZerosAreText() {
        assertThat(QueryValues.candidates("x", "007")).containsExactly(new BsonString("007"));
    }

    @Test
    void decimalsStayExactAndAlsoMatchTheSameDouble() {
        assertThat(QueryValues.candidates("x", "2.50")).containsExactly(
                new BsonDecimal128(new Decimal128(new BigDecimal("2.50"))), new BsonDouble(2.5), new BsonString("2.50"));
    }

    @Test
    void booleansNullAndInstantsAreTyped() {
        assertThat(QueryValues.candidates("x", "true")).containsExactly(BsonBoolean.TRUE, new BsonString("true"));
        assertThat(QueryValues.candidates("x", "null")).containsExactly(BsonNull.VALUE, new BsonString("null"));
        assertThat(QueryValues.candidates("x", "2026-12-26T14:00:00Z")).containsExactly(
                new BsonDateTime(Instant.parse("2026-12-26T14:00:00Z").toEpochMilli()), new BsonString("2026-12-26T14:00:00Z"));
        assertThat(QueryValues.candidates("x", "2026-12-26")).containsExactly(new BsonString("2026-12-26"));
    }

    @Test
    void aDollarAnywhereIsRefused() {
        assertThatThrownBy(() -> QueryValues.candidates("filter 'venue'", "{\"$gt\": 1}"))
                .isInstanceOf(ApiException.class).hasMessageContaining("'$' is not allowed");
        assertThatThrownBy(() -> QueryValues.candidates("x", "price$")).isInstanceOf(ApiException.class);
    }

    @Test
    void emptyAndOverlongValuesAreRefused() {
        assertThatThrownBy(() -> QueryValues.candidates("filter 'venue'", "")).hasMessage("filter 'venue' has an empty value");
        assertThatThrownBy(() -> QueryValues.candidates("x", "a".repeat(1025))).isInstanceOf(ApiException.class);
    }

    @Test
    void aMalformedPercentEncodingIsRefused() {
        assertThat(QueryStrings.decodes("venue=%zz")).isFalse();
        assertThat(QueryStrings.decodes("%zz=x")).isFalse();
        assertThat(QueryStrings.decodes("venue=Ascot%20Park&going=Soft")).isTrue();
    }

    @Test
    void repeatedParametersKeepEveryValueInOrderAndASingleOneGivenTwiceIsRefused() {
        Map<String, List<String>> parameters =
                JavalinServletContextKt.splitKeyValueStringAndGroupByKey("going=Good&country=GB&going=Soft&flag", "UTF-8");

        assertThat(parameters.keySet()).containsExactly("going", "country", "flag");
        assertThat(parameters.get("going")).containsExactly("Good", "Soft");
        assertThat(parameters.get("flag")).containsExactly("");
        assertThat(QueryStrings.single(parameters, "country")).hasValue("GB");
        assertThatThrownBy(() -> QueryStrings.single(parameters, "going")).isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(400));
    }
}
