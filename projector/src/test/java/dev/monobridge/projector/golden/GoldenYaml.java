package dev.monobridge.projector.golden;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import org.snakeyaml.engine.v2.api.ConstructNode;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.constructor.ConstructScalar;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.Tag;

import dev.monobridge.projector.change.NonFiniteNumber;
import dev.monobridge.projector.change.Unavailable;

/**
 * Loads the golden cases' YAML with the value conventions described in {@code golden/README.md}:
 * <ul>
 *   <li>a plain float ({@code 2.50}) is a {@code BigDecimal}, exactly as written, because source decimals
 *       (prices) are exact; {@code !double 2.5} is a {@code Double};</li>
 *   <li>{@code !decimal 3} forces a {@code BigDecimal} where the text has no decimal point;
 *       {@code !decimal NaN}, {@code !decimal Infinity} and {@code !decimal -Infinity} are a numeric
 *       column's {@link NonFiniteNumber}s;</li>
 *   <li>{@code !instant 2026-12-26T13:30:00Z} is an {@code Instant}, {@code !date 2026-12-26} a
 *       {@code LocalDate};</li>
 *   <li>{@code !unavailable} (or the string {@code __unavailable__}) is {@link Unavailable#VALUE}: a
 *       TOASTed column the source did not send.</li>
 * </ul>
 */
final class GoldenYaml {

    static final String UNAVAILABLE_TEXT = "__unavailable__";

    private static final Map<Tag, ConstructNode> TAGS = Map.of(
            Tag.FLOAT, scalar(BigDecimal::new),
            new Tag("!decimal"), scalar(GoldenYaml::decimal),
            new Tag("!double"), scalar(Double::valueOf),
            new Tag("!instant"), scalar(Instant::parse),
            new Tag("!date"), scalar(LocalDate::parse),
            new Tag("!unavailable"), scalar(text -> Unavailable.VALUE));

    private GoldenYaml() {
    }

    static Object load(String label, String text) {
        LoadSettings settings = LoadSettings.builder().setLabel(label).setTagConstructors(TAGS).build();
        return new Load(settings).loadFromString(text);
    }

    /** The value a change carries for a YAML value: the {@code __unavailable__} text becomes the marker. */
    static Object columnValue(Object yaml) {
        return UNAVAILABLE_TEXT.equals(yaml) ? Unavailable.VALUE : yaml;
    }

    private static Object decimal(String text) {
        return switch (text) {
            case "NaN" -> NonFiniteNumber.NAN;
            case "Infinity" -> NonFiniteNumber.INFINITY;
            case "-Infinity" -> NonFiniteNumber.MINUS_INFINITY;
            default -> new BigDecimal(text);
        };
    }

    private static ConstructNode scalar(java.util.function.Function<String, Object> parse) {
        return new ConstructScalar() {
            @Override
            public Object construct(Node node) {
                return parse.apply(constructScalar(node).trim());
            }
        };
    }
}
