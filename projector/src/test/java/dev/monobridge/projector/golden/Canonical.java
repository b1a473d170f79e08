package dev.monobridge.projector.golden;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import java.util.TreeSet;

import org.bson.BsonValue;

import dev.monobridge.projector.change.NonFiniteNumber;

/**
 * One form for what is expected and what MongoDB holds, so that they compare as a reader would:
 * numbers by value (an Int64 7 equals a YAML 7, a Decimal128 2.50 equals a YAML 2.5), dates as ISO
 * text, field order ignored, list order kept.
 *
 * <p>The canonical tree is made of {@code TreeMap}, {@code List}, {@code BigDecimal} (trailing zeros
 * stripped), {@code String}, {@code Boolean} and {@code null}. It is built independently of the code
 * under test: this class reads BSON itself rather than through the projector's converters.
 */
final class Canonical {

    private Canonical() {
    }

    static Object of(BsonValue value) {
        return switch (value.getBsonType()) {
            case NULL -> null;
            case STRING -> value.asString().getValue();
            case BOOLEAN -> value.asBoolean().getValue();
            case INT32 -> number(BigDecimal.valueOf(value.asInt32().getValue()));
            case INT64 -> number(BigDecimal.valueOf(value.asInt64().getValue()));
            case DOUBLE -> number(value.asDouble().getValue());
            case DECIMAL128 -> value.asDecimal128().getValue().isFinite()
                    ? number(value.asDecimal128().getValue().bigDecimalValue())
                    : "decimal:" + value.asDecimal128().getValue();
            case DATE_TIME -> Instant.ofEpochMilli(value.asDateTime().getValue()).toString();
            case BINARY -> "binary:" + HexFormat.of().formatHex(value.asBinary().getData());
            case DOCUMENT -> {
                Map<String, Object> map = new TreeMap<>();
                value.asDocument().forEach((k, v) -> map.put(k, of(v)));
                yield map;
            }
            case ARRAY -> {
                List<Object> list = new ArrayList<>();
                value.asArray().forEach(v -> list.add(of(v)));
                yield list;
            }
            default -> value.getBsonType() + ":" + value;
        };
    }

    /** The canonical form of a value loaded from a golden case's YAML. */
    static Object of(Object yaml) {
        if (yaml == null || yaml instanceof String || yaml instanceof Boolean) {
            return yaml;
        }
        if (yaml instanceof Double d) {
            return number(d);
        }
        if (yaml instanceof BigDecimal d) {
            return number(d);
        }
        if (yaml instanceof NonFiniteNumber special) {
            return "decimal:" + special;
        }
        if (yaml instanceof Integer || yaml instanceof Long || yaml instanceof BigInteger) {
            return number(new BigDecimal(yaml.toString()));
        }
        if (yaml instanceof Instant instant) {
            return instant.toString();
        }
        if (yaml instanceof LocalDate date) {
            return date.toString();
        }
        if (yaml instanceof Map<?, ?> map) {
            Map<String, Object> canonical = new TreeMap<>();
            map.forEach((k, v) -> canonical.put(String.valueOf(k), of(v)));
            return canonical;
        }
        if (yaml instanceof List<?> list) {
            List<Object> canonical = new ArrayList<>();
            list.forEach(v -> canonical.add(of(v)));
            return canonical;
        }
        return yaml.getClass().getSimpleName() + ":" + yaml;
    }

    private static Object number(double d) {
        return Double.isFinite(d) ? number(BigDecimal.valueOf(d)) : Double.toString(d);
    }

    private static BigDecimal number(BigDecimal d) {
        return d.stripTrailingZeros();
    }

    /** Every place where two canonical trees differ, one line each, as {@code path: expected X, was Y}. */
    static List<String> differences(Object expected, Object actual) {
        List<String> found = new ArrayList<>();
        compare("", expected, actual, found);
        return found;
    }

    private static void compare(String path, Object expected, Object actual, List<String> found) {
        if (expected instanceof Map<?, ?> e && actual instanceof Map<?, ?> a) {
            Set<Object> keys = new TreeSet<>(e.keySet());
            keys.addAll(a.keySet());
            for (Object key : keys) {
                String at = path.isEmpty() ? String.valueOf(key) : path + "." + key;
                if (!a.containsKey(key)) {
                    found.add(at + ": expected " + json(e.get(key)) + ", but the field is missing");
                } else if (!e.containsKey(key)) {
                    found.add(at + ": not expected, but is " + json(a.get(key)));
                } else {
                    compare(at, e.get(key), a.get(key), found);
                }
            }
        } else if (expected instanceof List<?> e && actual instanceof List<?> a) {
            if (e.size() != a.size()) {
                found.add((path.isEmpty() ? "(top)" : path) + ": expected " + e.size() + " items, was " + a.size());
            }
            for (int i = 0; i < Math.min(e.size(), a.size()); i++) {
                compare(path + "[" + i + "]", e.get(i), a.get(i), found);
            }
        } else if (expected == null ? actual != null : !expected.equals(actual)) {
            found.add((path.isEmpty() ? "(top)" : path) + ": expected " + json(expected) + ", was " + json(actual));
        }
    }

    /** Pretty JSON with sorted keys, for failure messages. */
    static String json(Object canonical) {
        StringBuilder out = new StringBuilder();
        write(canonical, "", out);
        return out.toString();
    }

    private static void write(Object value, String indent, StringBuilder out) {
        if (value instanceof Map<?, ?> map) {
            if (map.isEmpty()) {
                out.append("{}");
                return;
            }
            out.append("{\n");
            int i = 0;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                out.append(indent).append("  ");
                string(String.valueOf(entry.getKey()), out);
                out.append(": ");
                write(entry.getValue(), indent + "  ", out);
                out.append(++i < map.size() ? ",\n" : "\n");
            }
            out.append(indent).append('}');
        } else if (value instanceof List<?> list) {
            if (list.isEmpty()) {
                out.append("[]");
                return;
            }
            out.append("[\n");
            for (int i = 0; i < list.size(); i++) {
                out.append(indent).append("  ");
                write(list.get(i), indent + "  ", out);
                out.append(i + 1 < list.size() ? ",\n" : "\n");
            }
            out.append(indent).append(']');
        } else if (value instanceof BigDecimal number) {
            out.append(number.toPlainString());
        } else if (value instanceof String text) {
            string(text, out);
        } else {
            out.append(value);
        }
    }

    private static void string(String text, StringBuilder out) {
        out.append('"');
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
