package org.postern.review.inbox;

import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * Ids and numbers from request paths are checked before they reach a query: anything malformed is a plain 404,
 * the same answer as an id that does not exist, never a 400 or 500 that would tell the two apart.
 */
final class PathIds {

    private static final Pattern ID = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern NUMBER = Pattern.compile("[1-9][0-9]{0,8}");

    private PathIds() {
    }

    static String sourceId(String raw) {
        if (raw == null || !ID.matcher(raw).matches()) {
            throw notFound();
        }
        return raw;
    }

    static int number(String raw) {
        if (raw == null || !NUMBER.matcher(raw).matches()) {
            throw notFound();
        }
        return Integer.parseInt(raw);
    }

    static boolean isAccountId(String raw) {
        return raw != null && ID.matcher(raw).matches();
    }

    static ResponseStatusException notFound() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND);
    }

    static ResponseStatusException badRequest() {
        return new ResponseStatusException(HttpStatus.BAD_REQUEST);
    }
}
