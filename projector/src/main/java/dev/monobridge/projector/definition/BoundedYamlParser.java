package dev.monobridge.projector.definition;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.snakeyaml.engine.v2.common.Anchor;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.parser.Parser;

/**
 * Passes YAML events on to the composer, refusing what would make composing or reading the tree
 * unbounded. The composer recurses once per level of nesting, and the readers walk the tree it builds,
 * following aliases: so deep nesting would overflow the stack, an alias to an enclosing list or mapping
 * would make the tree infinite, and many aliases to collections multiply its size (the "billion laughs").
 * SnakeYAML Engine has no nesting limit and composes recursive aliases, so the limits are kept here,
 * where every event still carries its line.
 */
final class BoundedYamlParser implements Parser {

    /** Levels of lists and mappings; a definition with the deepest lists allowed uses about 25. */
    static final int MAX_DEPTH = 64;

    /**
     * Aliases that repeat a list or mapping. Configuration has little use for them; a few are allowed
     * for sharing a field list, and so few cannot multiply the tree by more than a small factor.
     */
    static final int MAX_COLLECTION_ALIASES = 10;

    private final Parser parser;
    private final Deque<Optional<Anchor>> open = new ArrayDeque<>();
    private final Map<Anchor, Boolean> anchorsToCollections = new HashMap<>();
    private final Set<Anchor> openAnchors = new HashSet<>();
    private int collectionAliases;

    BoundedYamlParser(Parser parser) {
        this.parser = parser;
    }

    @Override
    public boolean checkEvent(Event.ID choice) {
        return parser.checkEvent(choice);
    }

    @Override
    public Event peekEvent() {
        return parser.peekEvent();
    }

    @Override
    public boolean hasNext() {
        return parser.hasNext();
    }

    @Override
    public Event next() {
        Event event = parser.next();
        switch (event.getEventId()) {
            case MappingStart, SequenceStart -> enter((NodeEvent) event);
            case MappingEnd, SequenceEnd -> leave();
            case Scalar -> ((NodeEvent) event).getAnchor().ifPresent(anchor -> anchorsToCollections.put(anchor, false));
            case Alias -> alias((AliasEvent) event);
            default -> {
            }
        }
        return event;
    }

    private void enter(NodeEvent event) {
        if (open.size() >= MAX_DEPTH) {
            throw new Refused(event.getStartMark(), "lists and mappings nest more than " + MAX_DEPTH + " levels deep");
        }
        Optional<Anchor> anchor = event.getAnchor();
        anchor.ifPresent(a -> {
            anchorsToCollections.put(a, true);
            openAnchors.add(a);
        });
        open.push(anchor);
    }

    private void leave() {
        if (!open.isEmpty()) {
            open.pop().ifPresent(openAnchors::remove);
        }
    }

    private void alias(AliasEvent event) {
        Anchor anchor = event.getAlias();
        if (openAnchors.contains(anchor)) {
            throw new Refused(event.getStartMark(), "alias *" + anchor.getValue() + " is inside the list or mapping &" + anchor.getValue()
                    + " it repeats, which would make it endless");
        }
        if (Boolean.TRUE.equals(anchorsToCollections.get(anchor)) && ++collectionAliases > MAX_COLLECTION_ALIASES) {
            throw new Refused(event.getStartMark(), "more than " + MAX_COLLECTION_ALIASES
                    + " aliases repeat a list or mapping");
        }
    }

    /** A limit was hit, at a line of the file. */
    static final class Refused extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final int line;

        Refused(Optional<Mark> mark, String problem) {
            super(problem, null, false, false);
            this.line = mark.map(m -> m.getLine() + 1).orElse(0);
        }

        int line() {
            return line;
        }
    }
}
