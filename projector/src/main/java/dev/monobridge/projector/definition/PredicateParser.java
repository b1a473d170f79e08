package dev.monobridge.projector.definition;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses the {@link Predicate} language by recursive descent:
 * <pre>
 * or         := and ('or' and)*
 * and        := not ('and' not)*
 * not        := 'not' not | '(' or ')' | comparison
 * comparison := column (op literal | 'is' ['not'] 'null' | ['not'] 'in' '(' literal (',' literal)* ')')
 * </pre>
 * The parser recurses once per {@code not} or parenthesis, and evaluation once per operand of an
 * {@code and}/{@code or} chain, so a predicate's length, nesting and comparisons are bounded: a hostile or
 * mistaken definition gets a clear error instead of overflowing the stack or the heap.
 */
final class PredicateParser {

    /** Characters in a predicate; the demo's longest is under 100, a real filter rarely past 1,000. */
    static final int MAX_LENGTH = 4096;

    /** Levels of parentheses and {@code not}s; three or four are already hard to read. */
    static final int MAX_DEPTH = 32;

    /** Comparisons in a predicate; a longer condition is better a column in the source. */
    static final int MAX_COMPARISONS = 256;

    /** How much of a long predicate an error message quotes. */
    private static final int QUOTED_LENGTH = 120;

    private final String text;
    private final List<Token> tokens;
    private int next;
    private int depth;
    private int comparisons;

    private PredicateParser(String text) {
        this.text = text;
        this.tokens = tokenize(text);
    }

    /** Parses the text, or throws {@link IllegalArgumentException} saying what is wrong and where. */
    static Predicate parse(String text) {
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("the predicate has " + text.length() + " characters, more than the "
                    + MAX_LENGTH + " allowed");
        }
        PredicateParser parser = new PredicateParser(text);
        Predicate predicate = parser.or();
        if (parser.next < parser.tokens.size()) {
            throw parser.error("unexpected '" + parser.peek().text + "'");
        }
        return predicate;
    }

    private Predicate or() {
        int start = position();
        Predicate left = and();
        while (acceptWord("or")) {
            Predicate right = and();
            left = new Predicate.Logical(slice(start), false, left, right);
        }
        return left;
    }

    private Predicate and() {
        int start = position();
        Predicate left = not();
        while (acceptWord("and")) {
            Predicate right = not();
            left = new Predicate.Logical(slice(start), true, left, right);
        }
        return left;
    }

    private Predicate not() {
        int start = position();
        if (acceptWord("not")) {
            deeper();
            Predicate operand = not();
            depth--;
            return new Predicate.Not(slice(start), operand);
        }
        if (accept("(")) {
            deeper();
            Predicate inner = or();
            expect(")");
            depth--;
            return inner;
        }
        return comparison();
    }

    private void deeper() {
        if (++depth > MAX_DEPTH) {
            // At the 'not' or '(' just taken, the one too many.
            throw errorAt(tokens.get(next - 1), "parentheses and 'not's nest more than " + MAX_DEPTH + " levels deep");
        }
    }

    private Predicate comparison() {
        int start = position();
        if (++comparisons > MAX_COMPARISONS) {
            throw error("more than " + MAX_COMPARISONS + " comparisons");
        }
        Token column = take("a column name");
        if (column.kind != Kind.WORD || isKeyword(column.text)) {
            throw errorAt(column, "expected a column name, found '" + column.text + "'");
        }
        if (acceptWord("is")) {
            boolean negated = acceptWord("not");
            expectWord("null");
            return new Predicate.IsNull(slice(start), column.text, negated);
        }
        boolean negated = acceptWord("not");
        if (acceptWord("in")) {
            expect("(");
            List<Object> literals = new ArrayList<>();
            do {
                literals.add(literal());
            } while (accept(","));
            expect(")");
            return new Predicate.In(slice(start), column.text, List.copyOf(literals), negated);
        }
        if (negated) {
            throw error("expected 'in' after 'not'");
        }
        Token operator = take("a comparison operator");
        if (operator.kind != Kind.OPERATOR) {
            throw errorAt(operator, "expected a comparison operator (=, !=, <>, <, <=, >, >=), 'in' or 'is' after "
                    + column.text + ", found '" + operator.text + "'");
        }
        Object literal = literal();
        return new Predicate.Comparison(slice(start), column.text, operator.text, literal);
    }

    private Object literal() {
        Token token = take("a value");
        return switch (token.kind) {
            case STRING -> token.text;
            case NUMBER -> number(token);
            case WORD -> switch (token.text.toLowerCase(Locale.ROOT)) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                case "null" -> throw errorAt(token, "a comparison with null is never true; write 'column is null' "
                        + "or 'column is not null'");
                default -> throw errorAt(token, "expected a value ('text', a number, true or false), found '" + token.text
                        + "' (columns cannot be compared with columns)");
            };
            default -> throw errorAt(token, "expected a value, found '" + token.text + "'");
        };
    }

    private Object number(Token token) {
        try {
            BigDecimal value = new BigDecimal(token.text);
            if (token.text.indexOf('.') >= 0) {
                return value;
            }
            try {
                // Whole numbers that fit stay Long, like the integer columns they are compared with.
                return value.longValueExact();
            } catch (ArithmeticException tooLarge) {
                return value;
            }
        } catch (NumberFormatException e) {
            throw errorAt(token, "'" + token.text + "' is not a number");
        }
    }

    private static boolean isKeyword(String word) {
        return List.of("and", "or", "not", "in", "is", "null", "true", "false").contains(word.toLowerCase(Locale.ROOT));
    }

    private boolean acceptWord(String word) {
        if (next < tokens.size() && tokens.get(next).kind == Kind.WORD && tokens.get(next).text.equalsIgnoreCase(word)) {
            next++;
            return true;
        }
        return false;
    }

    private void expectWord(String word) {
        if (!acceptWord(word)) {
            throw error("expected '" + word + "'");
        }
    }

    private boolean accept(String punctuation) {
        if (next < tokens.size() && tokens.get(next).kind == Kind.PUNCTUATION && tokens.get(next).text.equals(punctuation)) {
            next++;
            return true;
        }
        return false;
    }

    private void expect(String punctuation) {
        if (!accept(punctuation)) {
            throw error("expected '" + punctuation + "'");
        }
    }

    private Token take(String what) {
        if (next >= tokens.size()) {
            throw error("expected " + what + " but the predicate ends");
        }
        return tokens.get(next++);
    }

    private Token peek() {
        return tokens.get(next);
    }

    private int position() {
        return next < tokens.size() ? tokens.get(next).start : text.length();
    }

    /** The source text from {@code start} to the end of the last token taken: call after parsing the operands. */
    private String slice(int start) {
        int end = next == 0 ? 0 : tokens.get(next - 1).end;
        return text.substring(start, Math.max(start, end)).trim();
    }

    private IllegalArgumentException errorAt(Token token, String message) {
        return new IllegalArgumentException(message + " at character " + (token.start + 1) + " of \"" + quoted(text) + "\"");
    }

    private IllegalArgumentException error(String message) {
        int at = next < tokens.size() ? tokens.get(next).start + 1 : text.length() + 1;
        return new IllegalArgumentException(message + " at character " + at + " of \"" + quoted(text) + "\"");
    }

    /** The predicate as an error message quotes it: whole when short, else its start, so a message stays one line. */
    private static String quoted(String text) {
        return text.length() <= QUOTED_LENGTH ? text : text.substring(0, QUOTED_LENGTH) + "…";
    }

    private enum Kind { WORD, STRING, NUMBER, OPERATOR, PUNCTUATION }

    private record Token(Kind kind, String text, int start, int end) {
    }

    private static List<Token> tokenize(String text) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
                    i++;
                }
                tokens.add(new Token(Kind.WORD, text.substring(start, i), start, i));
            } else if (Character.isDigit(c) || (c == '-' && i + 1 < text.length() && Character.isDigit(text.charAt(i + 1)))) {
                int start = i++;
                // Greedy over digits and points: a malformed number is then reported whole, where it starts.
                while (i < text.length() && (Character.isDigit(text.charAt(i)) || text.charAt(i) == '.')) {
                    i++;
                }
                tokens.add(new Token(Kind.NUMBER, text.substring(start, i), start, i));
            } else if (c == '\'') {
                int start = i++;
                StringBuilder value = new StringBuilder();
                while (true) {
                    if (i >= text.length()) {
                        throw new IllegalArgumentException("unterminated 'text' starting at character " + (start + 1) + " of \"" + quoted(text) + "\"");
                    }
                    if (text.charAt(i) == '\'') {
                        if (i + 1 < text.length() && text.charAt(i + 1) == '\'') {
                            value.append('\'');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    value.append(text.charAt(i++));
                }
                tokens.add(new Token(Kind.STRING, value.toString(), start, i));
            } else if ("=<>!".indexOf(c) >= 0) {
                int start = i;
                String two = i + 1 < text.length() ? text.substring(i, i + 2) : "";
                if (List.of("<=", ">=", "!=", "<>").contains(two)) {
                    i += 2;
                } else if (c == '!') {
                    throw new IllegalArgumentException("unexpected '!' at character " + (i + 1) + " of \"" + quoted(text) + "\"");
                } else {
                    i++;
                }
                tokens.add(new Token(Kind.OPERATOR, text.substring(start, i), start, i));
            } else if ("(),".indexOf(c) >= 0) {
                tokens.add(new Token(Kind.PUNCTUATION, String.valueOf(c), i, i + 1));
                i++;
            } else {
                throw new IllegalArgumentException("unexpected '" + c + "' at character " + (i + 1) + " of \"" + quoted(text) + "\"");
            }
        }
        return tokens;
    }
}
