package dev.monobridge.query;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Who may call what, known from hashes only: each team's token hashes, the admin token's and the metrics
 * token's. The bridge holds no token (except the demo, which makes them up), so neither a log nor a heap
 * dump can give one away.
 *
 * <p>A presented token is hashed with SHA-256, and the hash is compared with every configured one in
 * constant time ({@link MessageDigest#isEqual}), all of them every time, so that the time taken says
 * nothing about which token came close. Tokens are meant to be long and random (the demo makes 32 random
 * bytes): a plain hash is enough for them, unlike for passwords people choose.
 */
public final class Tokens {

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");

    private final List<Entry> entries;

    private Tokens(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * @param teamHashes  each team's token hashes (SHA-256, hex): more than one while a token is rotated
     * @param adminHash   the admin token's hash, or {@code null}: then no one reaches the admin endpoints
     * @param metricsHash the metrics token's hash, or {@code null}
     * @throws IllegalArgumentException for a value that is not 64 hex digits, or a hash given to two callers
     */
    public static Tokens of(Map<String, List<String>> teamHashes, String adminHash, String metricsHash) {
        List<Entry> entries = new ArrayList<>();
        teamHashes.forEach((team, hashes) -> hashes.forEach(hash ->
                entries.add(new Entry(bytes(hash, "a token hash of team " + team), Caller.team(team)))));
        if (adminHash != null) {
            entries.add(new Entry(bytes(adminHash, "the admin token hash"), Caller.admin()));
        }
        if (metricsHash != null) {
            entries.add(new Entry(bytes(metricsHash, "the metrics token hash"), Caller.metrics()));
        }
        for (int i = 0; i < entries.size(); i++) {
            for (int j = i + 1; j < entries.size(); j++) {
                if (MessageDigest.isEqual(entries.get(i).hash(), entries.get(j).hash())) {
                    throw new IllegalArgumentException("the same token hash is given twice (" + describe(entries.get(i).caller())
                            + " and " + describe(entries.get(j).caller()) + "): every token must be different");
                }
            }
        }
        return new Tokens(entries);
    }

    /** Whether a text is a SHA-256 hash in hex, as the tokens file and the environment hold them. */
    public static boolean isSha256Hex(String text) {
        return text != null && SHA256_HEX.matcher(text).matches();
    }

    /** The SHA-256 of a token, in lower-case hex: what to put in the tokens file or the environment. */
    public static String sha256Hex(String token) {
        return HexFormat.of().formatHex(sha256(token));
    }

    /** The caller a token belongs to, if any. */
    public Optional<Caller> identify(String token) {
        byte[] presented = sha256(token);
        Caller found = null;
        for (Entry entry : entries) {
            // No early exit: every hash is compared, whichever matches.
            if (MessageDigest.isEqual(presented, entry.hash())) {
                found = entry.caller();
            }
        }
        return Optional.ofNullable(found);
    }

    public boolean hasAdmin() {
        return entries.stream().anyMatch(e -> e.caller().role() == Caller.Role.ADMIN);
    }

    /** The teams that have a token. */
    public Set<String> teams() {
        Set<String> teams = new TreeSet<>();
        entries.stream().filter(e -> e.caller().role() == Caller.Role.TEAM).forEach(e -> teams.add(e.caller().team()));
        return teams;
    }

    /** Names the teams, never a hash. */
    @Override
    public String toString() {
        return "Tokens[teams=" + teams() + ", admin=" + hasAdmin() + "]";
    }

    private static byte[] bytes(String hash, String what) {
        if (!isSha256Hex(hash)) {
            // The value is not echoed: it may be a token pasted by mistake.
            throw new IllegalArgumentException(what + " is not a SHA-256 hash: expected 64 hex digits");
        }
        return HexFormat.of().parseHex(hash.toLowerCase(Locale.ROOT));
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static String describe(Caller caller) {
        return caller.role() == Caller.Role.TEAM ? "team " + caller.team() : caller.role().name().toLowerCase(Locale.ROOT);
    }

    private record Entry(byte[] hash, Caller caller) {
    }
}
