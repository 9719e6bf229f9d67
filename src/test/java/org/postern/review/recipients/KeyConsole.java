package org.postern.review.recipients;

import java.util.HashMap;
import java.util.Map;

import org.jsoup.nodes.Element;
import org.postern.testing.ConsoleAccounts.Person;
import org.postern.testing.Page;

/** The key pages driven as a person would: paste a key, tick the box, press a button. */
final class KeyConsole {

    private KeyConsole() {
    }

    static Page upload(Person person, String armored) {
        Page keys = person.browser().get("/keys");
        return person.browser().post("/keys", Map.of("_csrf", keys.csrfToken(), "armored", armored));
    }

    static Page approve(Person admin, String fingerprint, boolean ticked) {
        Page keys = admin.browser().get("/admin/keys");
        Map<String, String> form = new HashMap<>(Map.of("_csrf", keys.csrfToken()));
        if (ticked) {
            form.put("checked", "yes");
        }
        return admin.browser().post("/admin/keys/" + fingerprint + "/approve", form);
    }

    static Page removeOwn(Person person, String fingerprint) {
        Page keys = person.browser().get("/keys");
        return person.browser().post("/keys/" + fingerprint + "/remove", Map.of("_csrf", keys.csrfToken()));
    }

    static Page adminRemove(Person admin, String fingerprint) {
        Page keys = admin.browser().get("/admin/keys");
        return admin.browser().post("/admin/keys/" + fingerprint + "/remove", Map.of("_csrf", keys.csrfToken()));
    }

    /** A POST with a CSRF token from the person's home page: for routes they cannot open to get a form from. */
    static Page postFromHome(Person person, String path, Map<String, String> fields) {
        Page home = person.browser().get("/");
        Map<String, String> form = new HashMap<>(fields);
        form.put("_csrf", home.csrfToken());
        return person.browser().post(path, form);
    }

    /** The row or section showing {@code fingerprint}, or null. */
    static Element keyOn(Page page, String fingerprint) {
        return page.document().getElementById("key-" + fingerprint);
    }

    static String cell(Page page, String fingerprint, String cssClass) {
        Element key = keyOn(page, fingerprint);
        if (key == null) {
            throw new AssertionError("no key " + fingerprint + " on " + page.path() + ": " + page.text());
        }
        Element cell = key.selectFirst("." + cssClass);
        return cell == null ? null : cell.text();
    }
}
