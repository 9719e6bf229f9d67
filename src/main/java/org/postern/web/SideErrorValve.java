package org.postern.web;

import java.io.IOException;
import java.io.Writer;
import java.util.Enumeration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.Container;
import org.apache.catalina.Context;
import org.apache.catalina.Session;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.util.SessionConfig;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.postern.i18n.Language;
import org.postern.i18n.SessionLanguages;
import org.postern.i18n.Translations;
import org.springframework.http.HttpStatus;
import org.springframework.web.util.HtmlUtils;

/**
 * Tomcat's own error page, for what never reaches the application: a request line, header or URI Tomcat cannot
 * parse. Tomcat's default names itself and its status texts; this one is a side's plain page, with the same
 * strict headers as every other.
 */
public final class SideErrorValve extends ErrorReportValve {

    private final String stylesheet;
    private final String title;
    private final Translations translations;
    private final SessionLanguages languages;

    /** @param title the organization's name, after the page's own title */
    public SideErrorValve(String stylesheet, String title, Translations translations, SessionLanguages languages) {
        this.stylesheet = stylesheet;
        this.title = title;
        this.translations = translations;
        this.languages = languages;
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int code = response.getStatus();
        if (code < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        HttpStatus status = HttpStatus.resolve(code);
        Language language = languageOf(request);
        String reason = translations.text(language,
                SideErrorViews.reason(status == null ? HttpStatus.BAD_REQUEST : status));
        try {
            response.setContentType("text/html");
            response.setCharacterEncoding("utf-8");
            response.setHeader("Content-Security-Policy", StrictHeaders.CSP);
            response.setHeader("Cache-Control", "no-store");
            response.setHeader("Referrer-Policy", "no-referrer");
            response.setHeader("X-Frame-Options", "DENY");
            response.setHeader("X-Content-Type-Options", "nosniff");
            Writer writer = response.getReporter();
            if (writer != null) {
                String heading = HtmlUtils.htmlEscape(translations.text(language, "error.title", code));
                writer.write("<!DOCTYPE html>\n<html lang=\"" + language.code() + "\" dir=\"" + language.dir()
                        + "\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
                        + "content=\"width=device-width, initial-scale=1\"><title>" + heading + " — "
                        + HtmlUtils.htmlEscape(title) + "</title><link rel=\"stylesheet\" href=\"" + stylesheet
                        + "\"></head><body><main><h1>" + heading + "</h1><p>" + HtmlUtils.htmlEscape(reason)
                        + "</p><p><a href=\"/\">" + HtmlUtils.htmlEscape(translations.text(language, "error.back"))
                        + "</a></p></main></body></html>\n");
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The client is gone or the response is committed; there is nobody left to show a page to.
        }
    }

    /** The visit's language, from its session when the request names one, else the default. */
    private Language languageOf(Request request) {
        try {
            Optional<Language> chosen = languages.chosen(request);
            if (chosen.isPresent()) {
                return chosen.get();
            }
        } catch (RuntimeException unparsed) {
            // Not mapped to the application: its session is looked up below.
        }
        Optional<Language> kept = keptInSession(request);
        if (kept.isPresent()) {
            return kept.get();
        }
        try {
            return languages.current(request);
        } catch (RuntimeException unparsed) {
            return languages.fallback();
        }
    }

    /**
     * The language kept in the session the request's cookie names. Tomcat refuses a bad URI or header before it
     * maps the request to the application, so it never looked the session up; without this a source who chose
     * Uyghur would get the default language. The session is only read, not touched.
     */
    private Optional<Language> keptInSession(Request request) {
        try {
            for (Container child : getContainer().findChildren()) {
                if (!(child instanceof Context context) || context.getManager() == null) {
                    continue;
                }
                String name = SessionConfig.getSessionCookieName(context);
                Enumeration<String> headers = request.getCoyoteRequest().getMimeHeaders().values("cookie");
                while (headers.hasMoreElements()) {
                    for (String pair : headers.nextElement().split(";")) {
                        int eq = pair.indexOf('=');
                        if (eq < 0 || !pair.substring(0, eq).strip().equals(name)) {
                            continue;
                        }
                        Session session = context.getManager().findSession(pair.substring(eq + 1).strip());
                        Object code = session == null || !session.isValid() ? null
                                : session.getSession().getAttribute(SessionLanguages.ATTRIBUTE);
                        if (code instanceof String c) {
                            return Language.byCode(c, languages.languages());
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            // No session to read: the default language.
        }
        return Optional.empty();
    }
}
