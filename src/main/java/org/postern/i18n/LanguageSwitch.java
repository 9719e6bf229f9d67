package org.postern.i18n;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.servlet.HandlerInterceptor;

/**
 * {@code ?lang=CODE} on any GET page switches the language for the rest of the visit. A code that is not one of
 * the side's languages changes nothing; it is never stored or shown.
 */
public final class LanguageSwitch implements HandlerInterceptor {

    public static final String PARAMETER = "lang";

    private final SessionLanguages languages;
    private final BiConsumer<HttpServletRequest, Language> onChoice;

    public LanguageSwitch(SessionLanguages languages, BiConsumer<HttpServletRequest, Language> onChoice) {
        this.languages = languages;
        this.onChoice = onChoice;
    }

    public LanguageSwitch(SessionLanguages languages) {
        this(languages, (request, language) -> { });
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        boolean page = "GET".equals(request.getMethod()) && request.getDispatcherType() == DispatcherType.REQUEST;
        if (page) {
            Language.byCode(request.getParameter(PARAMETER), languages.languages()).ifPresent(language -> {
                languages.choose(request, language);
                onChoice.accept(request, language);
            });
        } else if (languages.chosen(request).isEmpty()) {
            // A form carries its page's language in its address: when it arrives after its session ended (idle limit,
            // restart), the answer and the pages after it keep that language. Only the address is read: a form's
            // body is never parsed here.
            Language.byCode(fromQuery(request), languages.languages())
                    .ifPresent(language -> languages.choose(request, language));
        }
        // Request attributes are template variables: error pages, which have no model advice, see them too.
        request.setAttribute("language", languages.current(request));
        request.setAttribute("languages", languages.languages());
        // The picker links back to this page when it can be asked for again; a form's answer cannot.
        request.setAttribute("pickerPath", page ? request.getServletPath() : "/");
        return true;
    }

    /** {@code lang} from the address the browser asked for, also when the request was forwarded to an error page. */
    private static String fromQuery(HttpServletRequest request) {
        Object forwarded = request.getAttribute(RequestDispatcher.FORWARD_QUERY_STRING);
        String query = forwarded instanceof String q ? q : request.getQueryString();
        if (query == null || query.length() > 4096) {
            return null;
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith(PARAMETER + "=")) {
                return URLDecoder.decode(pair.substring(PARAMETER.length() + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
