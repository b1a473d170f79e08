package dev.monobridge.projector.definition;

import static dev.monobridge.projector.definition.Predicate.Truth.FALSE;
import static dev.monobridge.projector.definition.Predicate.Truth.TRUE;
import static dev.monobridge.projector.definition.Predicate.Truth.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.monobridge.projector.definition.Predicate.Truth;

/**
 * What a predicate says about a row: the same as the text in a PostgreSQL {@code WHERE} clause, with
 * SQL's three-valued logic (a comparison with a null is unknown, and only true matches). Parsing is in
 * {@link PredicateParserTest}.
 */
class PredicateTest {

    @Test
    void numbersCompareByValueWhateverTheirJavaType() {
        assertThat(eval("price = 10", "price", 10L)).isEqualTo(TRUE);
        assertThat(eval("price = 10", "price", new BigDecimal("10.00"))).isEqualTo(TRUE);
        assertThat(eval("price = 10.0", "price", 10L)).isEqualTo(TRUE);
        assertThat(eval("price = 2.5", "price", 2.5d)).isEqualTo(TRUE);
        assertThat(eval("price > 10", "price", new BigDecimal("10.01"))).isEqualTo(TRUE);
        assertThat(eval("price > 10", "price", 10)).isEqualTo(FALSE);
        assertThat(eval("price >= 10", "price", 10)).isEqualTo(TRUE);
        assertThat(eval("price < -1", "price", new BigDecimal("-1.5"))).isEqualTo(TRUE);
        assertThat(eval("price <= 0.1", "price", 0.1d)).isEqualTo(TRUE);
    }

    @Test
    void notEqualHasTwoSpellings() {
        assertThat(eval("status != 'OPEN'", "status", "LIVE")).isEqualTo(TRUE);
        assertThat(eval("status <> 'OPEN'", "status", "LIVE")).isEqualTo(TRUE);
        assertThat(eval("status <> 'OPEN'", "status", "OPEN")).isEqualTo(FALSE);
    }

    @Test
    void textComparesExactlyAndInOrder() {
        assertThat(eval("status = 'OPEN'", "status", "OPEN")).isEqualTo(TRUE);
        assertThat(eval("status = 'OPEN'", "status", "open")).isEqualTo(FALSE);
        assertThat(eval("horse = 'O''Brien'", "horse", "O'Brien")).isEqualTo(TRUE);
        assertThat(eval("venue < 'K'", "venue", "Ascot")).isEqualTo(TRUE);
        assertThat(eval("venue < 'K'", "venue", "Wetherby")).isEqualTo(FALSE);
    }

    @Test
    void booleansCompareWithTrueAndFalse() {
        assertThat(eval("live = true", "live", true)).isEqualTo(TRUE);
        assertThat(eval("live = true", "live", false)).isEqualTo(FALSE);
        assertThat(eval("live <> false", "live", true)).isEqualTo(TRUE);
    }

    @Test
    void instantsCompareWithIsoTextAsInstants() {
        Instant offTime = Instant.parse("2026-12-26T15:00:00Z");
        assertThat(eval("off_time = '2026-12-26T15:00:00Z'", "off_time", offTime)).isEqualTo(TRUE);
        assertThat(eval("off_time < '2026-12-26T15:00:01Z'", "off_time", offTime)).isEqualTo(TRUE);
        assertThat(eval("off_time > '2026-12-26T14:59:59.999Z'", "off_time", offTime)).isEqualTo(TRUE);
        // The same moment written with another offset: compared as a moment, not as text.
        assertThat(eval("off_time = '2026-12-26T16:00:00+01:00'", "off_time", offTime)).isEqualTo(TRUE);
        assertThat(eval("off_time < '2026-12-26T15:30:00+01:00'", "off_time", offTime)).isEqualTo(FALSE);
    }

    @Test
    void inIsTrueWhenAnyLiteralEqualsTheValue() {
        assertThat(eval("status in ('OPEN', 'LIVE')", "status", "LIVE")).isEqualTo(TRUE);
        assertThat(eval("status in ('OPEN', 'LIVE')", "status", "RESULTED")).isEqualTo(FALSE);
        assertThat(eval("status not in ('OPEN', 'LIVE')", "status", "RESULTED")).isEqualTo(TRUE);
        assertThat(eval("status not in ('OPEN', 'LIVE')", "status", "OPEN")).isEqualTo(FALSE);
        assertThat(eval("cloth in (1, 2, 3)", "cloth", new BigDecimal("2.0"))).isEqualTo(TRUE);
    }

    @Test
    void isNullIsNeverUnknown() {
        assertThat(eval("resulted_at is null", "resulted_at", null)).isEqualTo(TRUE);
        assertThat(eval("resulted_at is null", "resulted_at", Instant.EPOCH)).isEqualTo(FALSE);
        assertThat(eval("resulted_at is not null", "resulted_at", null)).isEqualTo(FALSE);
        assertThat(eval("resulted_at is not null", "resulted_at", Instant.EPOCH)).isEqualTo(TRUE);
        assertThat(PredicateParser.parse("resulted_at is null").evaluate(Map.of())).as("a column the row lacks").isEqualTo(TRUE);
    }

    @Test
    void everyComparisonWithANullIsUnknown() {
        for (String predicate : List.of("price = 10", "price != 10", "price <> 10", "price < 10", "price <= 10",
                "price > 10", "price >= 10", "price in (10, 11)", "price not in (10, 11)")) {
            assertThat(eval(predicate, "price", null)).as(predicate).isEqualTo(UNKNOWN);
        }
        assertThat(PredicateParser.parse("price > 10").evaluate(Map.of())).as("a column the row lacks").isEqualTo(UNKNOWN);
    }

    /** So {@code drop-when: "price > 10"} keeps a runner with no price, and so does its negation as a filter. */
    @Test
    void notOfUnknownIsUnknown() {
        assertThat(eval("not price > 10", "price", null)).isEqualTo(UNKNOWN);
        assertThat(eval("not (price > 10)", "price", null)).isEqualTo(UNKNOWN);
        assertThat(eval("not price > 10", "price", 11)).isEqualTo(FALSE);
    }

    @Test
    void andAndOrFollowTheThreeValuedTruthTables() {
        // and: false wins, then unknown
        assertThat(row("a = 1 and b = 1", 1, 1)).isEqualTo(TRUE);
        assertThat(row("a = 1 and b = 1", 1, 2)).isEqualTo(FALSE);
        assertThat(row("a = 1 and b = 1", 1, null)).isEqualTo(UNKNOWN);
        assertThat(row("a = 1 and b = 1", 2, null)).isEqualTo(FALSE);
        assertThat(row("a = 1 and b = 1", null, null)).isEqualTo(UNKNOWN);
        // or: true wins, then unknown
        assertThat(row("a = 1 or b = 1", 2, 1)).isEqualTo(TRUE);
        assertThat(row("a = 1 or b = 1", 2, 2)).isEqualTo(FALSE);
        assertThat(row("a = 1 or b = 1", 1, null)).isEqualTo(TRUE);
        assertThat(row("a = 1 or b = 1", 2, null)).isEqualTo(UNKNOWN);
        assertThat(row("a = 1 or b = 1", null, null)).isEqualTo(UNKNOWN);
    }

    @Test
    void theTruthValuesCombineAsInSql() {
        Truth[] all = Truth.values();
        Truth[][] and = {
                // TRUE     FALSE  UNKNOWN
                {TRUE, FALSE, UNKNOWN},       // TRUE
                {FALSE, FALSE, FALSE},        // FALSE
                {UNKNOWN, FALSE, UNKNOWN}};   // UNKNOWN
        Truth[][] or = {
                {TRUE, TRUE, TRUE},
                {TRUE, FALSE, UNKNOWN},
                {TRUE, UNKNOWN, UNKNOWN}};
        for (int i = 0; i < all.length; i++) {
            for (int j = 0; j < all.length; j++) {
                assertThat(all[i].and(all[j])).as("%s and %s", all[i], all[j]).isEqualTo(and[i][j]);
                assertThat(all[i].or(all[j])).as("%s or %s", all[i], all[j]).isEqualTo(or[i][j]);
            }
        }
        assertThat(TRUE.not()).isEqualTo(FALSE);
        assertThat(FALSE.not()).isEqualTo(TRUE);
        assertThat(UNKNOWN.not()).isEqualTo(UNKNOWN);
    }

    @Test
    void precedenceDecidesTheResult() {
        // or(a, and(b, c)): true through a alone
        assertThat(row3("a = 1 or b = 1 and c = 1", 1, 0, 0)).isEqualTo(TRUE);
        // and(or(a, b), c) with parentheses: false through c
        assertThat(row3("(a = 1 or b = 1) and c = 1", 1, 0, 0)).isEqualTo(FALSE);
        // and(not(a), b): not applies to a only
        assertThat(row3("not a = 1 and b = 1", 0, 1, 0)).isEqualTo(TRUE);
        assertThat(row3("not (a = 1 and b = 1)", 1, 0, 0)).isEqualTo(TRUE);
    }

    /**
     * PostgreSQL reads {@code price > '10'} on a numeric column as {@code price > 10}: the quoted literal
     * takes the column's type. Here the number is compared with the text as text, so 9 is "greater" than
     * '10', and a definition means something other than the same SQL.
     */
    @Test
    void aNumberComparedWithAQuotedNumberComparesByValueAsInPostgresql() {
        assertThat(eval("price > '10'", "price", new BigDecimal("9"))).isEqualTo(FALSE);
        assertThat(eval("price = '2.50'", "price", new BigDecimal("2.5"))).isEqualTo(TRUE);
    }

    private static Truth eval(String predicate, String column, Object value) {
        Map<String, Object> row = new HashMap<>();
        row.put(column, value);
        return PredicateParser.parse(predicate).evaluate(row);
    }

    private static Truth row(String predicate, Integer a, Integer b) {
        Map<String, Object> row = new HashMap<>();
        row.put("a", a == null ? null : a.longValue());
        row.put("b", b == null ? null : b.longValue());
        return PredicateParser.parse(predicate).evaluate(row);
    }

    private static Truth row3(String predicate, long a, long b, long c) {
        return PredicateParser.parse(predicate).evaluate(Map.of("a", a, "b", b, "c", c));
    }
}
