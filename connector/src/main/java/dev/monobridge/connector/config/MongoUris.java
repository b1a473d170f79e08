package dev.monobridge.connector.config;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.mongodb.ConnectionString;

/** Reads MongoDB URIs as the driver does, for checks whose messages must never repeat a password. */
public final class MongoUris {

    /** The user-information part of a URI: {@code scheme://user:password@}. */
    private static final Pattern USER_INFO = Pattern.compile("^[A-Za-z0-9+.-]+://([^/?#@]*)@");

    private MongoUris() {
    }

    /**
     * Why the driver cannot read a URI, or empty when it can. The message never repeats the URI's user
     * information, even where the driver's own message quotes it.
     */
    public static Optional<String> unreadable(String uri) {
        try {
            new ConnectionString(uri);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of("is not a MongoDB connection string: " + withoutUserInfo(String.valueOf(e.getMessage()), uri));
        }
    }

    static boolean hasPassword(String uri) {
        return new ConnectionString(uri).getPassword() != null;
    }

    /** The text with the URI's user information (and each part of it) replaced by {@code ****}. */
    static String withoutUserInfo(String text, String uri) {
        Matcher userInfo = USER_INFO.matcher(uri);
        if (!userInfo.find() || userInfo.group(1).isEmpty()) {
            return text;
        }
        String cleared = text.replace(userInfo.group(1), "****");
        for (String part : userInfo.group(1).split(":")) {
            if (!part.isEmpty()) {
                cleared = cleared.replace(part, "****");
            }
        }
        return cleared;
    }
}
