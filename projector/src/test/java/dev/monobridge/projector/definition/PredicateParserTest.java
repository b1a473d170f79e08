package dev.monobridge.projector.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.monobridge.projector.definition.Predicate.Comparison;
import dev.monobridge.projector.definition.Predicate.In;
import dev.monobridge.projector.definition.Predicate.IsNull;
import dev.monobridge.projector.definition.Predicate.Logical;
import dev.monobridge.projector.definition.Predicate.Not;

/**
 * The predicate language as written in definitions ({@code filter}, {@code drop-when}): what each form
 * parses into, how tightly the operators bind, and what a mistake is reported as. Evaluation is in
 * {@link PredicateTest}.
 */
class PredicateParserTest {

    @Test
    void aComparisonIsAColumnAnOperatorAndALiteral() {
        assertThat(PredicateParser.parse("price > 10")).isEqualTo(new Comparison("price > 10", "price", ">", 10L));
    }

    @Test
    void everyComparisonOperatorIsKnown() {
        for (String operator : List.of("=", "!=", "<>", "<", "<=", ">", ">=")) {
            assertThat(PredicateParser.parse("price" + operator + "10"))
                    .as(operator).isEqualTo(new Comparison("price" + operator + "10", "price", operator, 10L));
        }
    }

    @Test
    void wholeNumbersAreLongsAndNumbersWithAPointAreExactDecimals() {
        assertThat(literal("price = 5")).isEqualTo(5L);
        assertThat(literal("price = -5")).isEqualTo(-5L);
        assertThat(literal("price = 5.0")).isEqualTo(new BigDecimal("5.0"));
        assertThat(literal("price = 0.1")).isEqualTo(new BigDecimal("0.1"));
        assertThat(literal("price = -2.75")).isEqualTo(new BigDecimal("-2.75"));
    }

    @Test
    void trueAndFalseAreBooleansInAnyCase() {
        assertThat(literal("live = true")).isEqualTo(Boolean.TRUE);
        assertThat(literal("live = FALSE")).isEqualTo(Boolean.FALSE);
    }

    @Test
    void textIsQuotedWithSingleQuotesAndAQuoteInsideIsDoubled() {
        assertThat(literal("horse = 'Kauto Star'")).isEqualTo("Kauto Star");
        assertThat(literal("horse = 'O''Brien'")).isEqualTo("O'Brien");
        assertThat(literal("horse = ''")).isEqualTo("");
        assertThat(literal("note = ''''")).isEqualTo("'");
    }

    @Test
    void keywordsAndOperatorsInsideQuotesAreText() {
        assertThat(PredicateParser.parse("status = 'not in (x) or y'"))
                .isEqualTo(new Comparison("status = 'not in (x) or y'", "status", "=", "not in (x) or y"));
    }

    @Test
    void inAndNotInTakeAListOfLiterals() {
        assertThat(PredicateParser.parse("status in ('OPEN', 'LIVE')"))
                .isEqualTo(new In("status in ('OPEN', 'LIVE')", "status", List.of("OPEN", "LIVE"), false));
        assertThat(PredicateParser.parse("cloth not in (1, 2.5, true)"))
                .isEqualTo(new In("cloth not in (1, 2.5, true)", "cloth", List.of(1L, new BigDecimal("2.5"), true), true));
        assertThat(PredicateParser.parse("status in ('OPEN')"))
                .isEqualTo(new In("status in ('OPEN')", "status", List.of("OPEN"), false));
    }

    @Test
    void isNullAndIsNotNull() {
        assertThat(PredicateParser.parse("resulted_at is null")).isEqualTo(new IsNull("resulted_at is null", "resulted_at", false));
        assertThat(PredicateParser.parse("resulted_at IS NOT NULL"))
                .isEqualTo(new IsNull("resulted_at IS NOT NULL", "resulted_at", true));
    }

    @Test
    void keywordsAreCaseInsensitive() {
        assertThat(shape(PredicateParser.parse("a = 1 AND NOT b In (2) Or c Is Null"))).isEqualTo("or(and(a, not(b)), c)");
    }

    @Test
    void andBindsTighterThanOr() {
        assertThat(shape(PredicateParser.parse("a = 1 or b = 2 and c = 3"))).isEqualTo("or(a, and(b, c))");
        assertThat(shape(PredicateParser.parse("a = 1 and b = 2 or c = 3"))).isEqualTo("or(and(a, b), c)");
    }

    @Test
    void notBindsTighterThanAnd() {
        assertThat(shape(PredicateParser.parse("not a = 1 and b = 2"))).isEqualTo("and(not(a), b)");
        assertThat(shape(PredicateParser.parse("not not a = 1"))).isEqualTo("not(not(a))");
    }

    @Test
    void parenthesesGroupFirst() {
        assertThat(shape(PredicateParser.parse("(a = 1 or b = 2) and c = 3"))).isEqualTo("and(or(a, b), c)");
        assertThat(shape(PredicateParser.parse("not (a = 1 and b = 2)"))).isEqualTo("not(and(a, b))");
        assertThat(shape(PredicateParser.parse("((a = 1))"))).isEqualTo("a");
    }

    @Test
    void andAndOrGroupFromTheLeft() {
        assertThat(shape(PredicateParser.parse("a = 1 or b = 2 or c = 3"))).isEqualTo("or(or(a, b), c)");
        assertThat(shape(PredicateParser.parse("a = 1 and b = 2 and c = 3"))).isEqualTo("and(and(a, b), c)");
    }

    /** The text of every part is its own source text, which is what messages and the oracle quote. */
    @Test
    void eachPartKeepsItsSourceText() {
        Predicate parsed = PredicateParser.parse("status = 'OPEN' and not price > 10 or live = true");

        Logical or = (Logical) parsed;
        assertThat(or.text()).isEqualTo("status = 'OPEN' and not price > 10 or live = true");
        Logical and = (Logical) or.left();
        assertThat(and.text()).isEqualTo("status = 'OPEN' and not price > 10");
        assertThat(and.left().text()).isEqualTo("status = 'OPEN'");
        assertThat(and.right().text()).isEqualTo("not price > 10");
        assertThat(((Not) and.right()).operand().text()).isEqualTo("price > 10");
        assertThat(or.right().text()).isEqualTo("live = true");
    }

    @Test
    void columnsAreEveryColumnThePredicateReads() {
        assertThat(PredicateParser.parse("status = 'OPEN' and (price > 10 or resulted_at is not null) and status <> 'X'").columns())
                .containsExactly("status", "price", "resulted_at");
    }

    @Test
    void anUnterminatedTextSaysWhereItStarts() {
        assertThatIllegalArgumentException().isThrownBy(() -> PredicateParser.parse("horse = 'O''Brien"))
                .withMessage("unterminated 'text' starting at character 9 of \"horse = 'O''Brien\"");
    }

    @Test
    void notWithoutInIsReportedAtWhatFollowsTheNot() {
        assertThatIllegalArgumentException().isThrownBy(() -> PredicateParser.parse("status not = 'OPEN'"))
                .withMessage("expected 'in' after 'not' at character 12 of \"status not = 'OPEN'\"");
    }

    @Test
    void aCharacterTheLanguageDoesNotUseIsReportedWhereItIs() {
        assertThatIllegalArgumentException().isThrownBy(() -> PredicateParser.parse("price > 10; drop table runner"))
                .withMessage("unexpected ';' at character 11 of \"price > 10; drop table runner\"");
        assertThatIllegalArgumentException().isThrownBy(() -> PredicateParser.parse("price ! 10"))
                .withMessage("unexpected '!' at character 7 of \"price ! 10\"");
        assertThatIllegalArgumentException().isThrownBy(() -> PredicateParser.parse("status == 'OPEN'"))
                .withMessageStartingWith("expected a value, found '='");
    }

    @Test
    void somethingLeftOverIsReportedWhereItStarts() {
        assertThatIllegalArgumentException().isThrownBy(() -> PredicateParser.parse("price > 10 12"))
                .withMessage("unexpected '12' at character 12 of \"price > 10 12\"");
        assertThatIllegalArgumentException().isThrownBy(() -> PredicateParser.parse("price > 10)"))
                .withMessage("unexpected ')' at character 11 of \"price > 10)\"");
    }

    @Test
    void aPredicateThatEndsTooSoonSaysWhatWasExpected() {
        assertThatIllegalArgumentException().isThrownBy(() -> PredicateParser.parse("price >"))
                .withMessage("expected a value but the predicate ends at character 8 of \"price >\"");
        assertThatIllegalArgumentException().isThrownBy(() -> PredicateParser.parse("(price > 1"))
                .withMessage("expected ')' at character 11 of \"(price > 1\"");
        assertThatIllegalArgumentException().isThrownBy(() -> PredicateParser.parse("status = 'OPEN' and"))
                .withMessage("expected a column name but the predicate ends at character 20 of \"status = 'OPEN' and\"");
        assertThatIllegalArgumentException().isThrownBy(() -> PredicateParser.parse("resulted_at is not"))
                .withMessage("expected 'null' at character 19 of \"resulted_at is not\"");
        assertThatIllegalArgumentException().isThrownBy(() -> PredicateParser.parse(""))
                .withMessage("expected a column name but the predicate ends at character 1 of \"\"");
    }

    @Test
    void aMissingOperatorIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> PredicateParser.parse("status 'RESULTED'"))
                .withMessageStartingWith("expected a comparison operator (=, !=, <>, <, <=, >, >=), 'in' or 'is' after status,"
                        + " found 'RESULTED'");
    }

    @Test
    void aColumnComparedWithAColumnIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> PredicateParser.parse("price > max_price"))
                .withMessageStartingWith("expected a value ('text', a number, true or false), found 'max_price'"
                        + " (columns cannot be compared with columns)");
    }

    /*
     * The position in an error raised after a token was taken (a missing operator, a column where a
     * value belongs, a keyword where a column belongs, a bad value in a list) points one token too far:
     * past the offending token, often at the end of the text. See the report for the fix.
     */

    @Test
    void aMissingOperatorIsReportedAtTheTokenFoundInstead() {
        assertThatIllegalArgumentException().isThrownBy(() -> PredicateParser.parse("status 'RESULTED'"))
                .withMessageEndingWith("at character 8 of \"status 'RESULTED'\"");
    }

    @Test
    void aColumnComparedWithAColumnIsReportedAtTheSecondColumn() {
        assertThatIllegalArgumentException().isThrownBy(() -> PredicateParser.parse("price > max_price and live = true"))
                .withMessageEndingWith("at character 9 of \"price > max_price and live = true\"");
    }

    @Test
    void aKeywordWhereAColumnBelongsIsReportedWhereItIs() {
        assertThatIllegalArgumentException().isThrownBy(() -> PredicateParser.parse("price > 1 and or = 2"))
                .withMessage("expected a column name, found 'or' at character 15 of \"price > 1 and or = 2\"");
    }

    @Test
    void aMalformedNumberIsReportedWithItsPosition() {
        assertThatIllegalArgumentException().isThrownBy(() -> PredicateParser.parse("price > 1.2.3"))
                .withMessageContaining("at character 9 of \"price > 1.2.3\"");
    }

    @Test
    void aWholeNumberTooLargeForALongIsStillExact() {
        Predicate predicate = PredicateParser.parse("id = 99999999999999999999");

        assertThat(predicate.evaluate(java.util.Map.of("id", new java.math.BigDecimal("99999999999999999999"))))
                .isEqualTo(Predicate.Truth.TRUE);
    }

    @Test
    void comparingWithNullPointsToIsNull() {
        assertThatIllegalArgumentException().isThrownBy(() -> PredicateParser.parse("price = null"))
                .withMessageContaining("is null")
                .withMessageNotContaining("columns cannot be compared with columns");
    }

    private static Object literal(String text) {
        return ((Comparison) PredicateParser.parse(text)).literal();
    }

    /** The tree's shape, each comparison shown as its column: {@code or(a, and(b, c))}. */
    private static String shape(Predicate predicate) {
        if (predicate instanceof Logical logical) {
            return (logical.isAnd() ? "and(" : "or(") + shape(logical.left()) + ", " + shape(logical.right()) + ")";
        }
        if (predicate instanceof Not not) {
            return "not(" + shape(not.operand()) + ")";
        }
        return predicate.columns().iterator().next();
    }
}
